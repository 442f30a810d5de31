"""Checks for the exercises of chapter 10 (modern Hopfield networks).

Reference answers come from :mod:`hopfield_course.modern`, never typed in.
"""

from __future__ import annotations

import numpy as np

from ..modern import DenseAssociativeMemory, dense_bit_error, dense_error_theory, softmax_update
from ..dynamics import sync_step
from ..learning_rules import hebbian_weights
from . import _core
from ._core import Case, CheckResult, _real_scalar, allclose, call_student, describe, fmt, not_done, run_cases, slow_note


def _dense_sync(state, patterns, power):
    return DenseAssociativeMemory(power, mode="sync").store(patterns).step(state)


_PM = (-1, 1)

__all__ = ["check_dense_step", "check_softmax_step", "check_bit_error"]


def _dense_variant(state, patterns, n, *, leave_out=True, tie=1, sequential=False):
    """Known wrong versions of the dense update (for specific hints)."""
    s = np.array(state, dtype=np.int64)
    X = np.asarray(patterns, dtype=np.int64)
    out = s.copy()
    for i in range(s.size):
        src = out if sequential else s
        m = X @ src - (X[:, i] * src[i] if leave_out else 0)
        delta = int(np.sum((m + X[:, i]) ** n - (m - X[:, i]) ** n))
        out[i] = 1 if delta > 0 else (-1 if delta < 0 else tie)
    return out


def check_dense_step(dense_step) -> CheckResult:
    """Exercise 10.1: ``dense_step(state, patterns, n)``: one synchronous update of the dense memory, a NumPy
    array of +1/-1 (ties give +1; ``state`` is not changed). A correct answer is timed once at the size of the
    figure cell of Exercise 10.3; a slow one passes with a note saying so."""
    rng = np.random.default_rng(1001)
    X = rng.choice([-1, 1], size=(30, 16))
    probe = rng.choice([-1, 1], size=16)
    near = X[3].copy()
    near[:4] *= -1
    tie_X = np.array([[1, 1], [1, -1]])
    tie_s = np.array([-1, 1])
    tie = "When the two sums are equal the neuron becomes +1 (the course's tie rule): np.where(delta >= 0, 1, -1)."

    def mistakes(s, P, n):
        return [(_dense_variant(s, P, n, tie=-1), tie),
                (_dense_variant(s, P, n, leave_out=False),
                 "Leave neuron i out of the overlap: x_mu = xi^mu . s - xi^mu_i s_i, then compare "
                 "F(+xi^mu_i + x_mu) with F(-xi^mu_i + x_mu)."),
                (_dense_variant(s, P, n, sequential=True),
                 "This is a sequential (asynchronous) sweep: neurons updated later see the new values of earlier "
                 "ones. Compute every neuron from the OLD state (synchronous update).")]

    cases = [
        Case((probe, X[:5], 2), sync_step(probe, hebbian_weights(X[:5])), values=_PM, need_array=True,
             mistakes=mistakes(probe, X[:5], 2),
             hint="With n = 2 the dense rule must agree with the classical network (Hebb weights, zero diagonal)."),
        Case((tie_s, tie_X, 3), _dense_sync(tie_s, tie_X, 3), tie, values=_PM, need_array=True,
             mistakes=mistakes(tie_s, tie_X, 3)),
        Case((probe, X, 3), _dense_sync(probe, X, 3), values=_PM, need_array=True, mistakes=mistakes(probe, X, 3),
             hint="For each neuron i compare sum_mu F(xi_i + x_mu) with sum_mu F(-xi_i + x_mu), where "
                  "x_mu = xi^mu . s - xi^mu_i s_i leaves neuron i out; pick the sign with the larger sum."),
        Case((near, X, 4), _dense_sync(near, X, 4), values=_PM, need_array=True, mistakes=mistakes(near, X, 4),
             hint="With n = 4 the same rule applies with F(x) = x**4; use the OLD state for every neuron."),
    ]
    result = run_cases("check_dense_step", dense_step, cases, what="Exercise 10.1 dense_step")
    if result:
        # the figure cell of Exercise 10.3: 20 probes of 40 neurons for K = 50 ... 500 memories (1150 in all)
        big = np.random.default_rng(1003).choice([-1, 1], size=(300, 40))
        result.message += slow_note(dense_step, (big[0], big, 3), calls=round(20 * 1150 / 300),
                                     cell="the figure cell of Exercise 10.3", limit=2.0,
                                     advice="replace the Python loops over neurons and memories by array "
                                            "operations: overlaps = patterns @ state, then "
                                            "x = overlaps[:, None] - patterns * state[None, :] for all neurons at once")
    return result


def check_softmax_step(softmax_step) -> CheckResult:
    """Exercise 10.2: ``softmax_step(x, patterns, beta)`` = Xi^T softmax(beta Xi x), a NumPy array of length N."""
    rng = np.random.default_rng(1002)
    X = rng.choice([-1.0, 1.0], size=(6, 20))
    x = X[2] + rng.normal(scale=0.8, size=20)
    big = rng.normal(size=(4, 5)) * 30
    close = allclose(rtol=1e-7, atol=1e-9)

    def weights(z):
        w = np.exp(z - z.max())
        return w / w.sum()

    def mistakes(x, P, beta):
        return [(P.T @ weights(P @ x), "Multiply the similarities by beta: softmax(beta * patterns @ x)."),
                (P.T @ np.exp(beta * (P @ x) - np.max(beta * (P @ x))),
                 "Normalise the weights: p = exp(z - max z) / sum(exp(z - max z))."),
                (P.T @ weights(-beta * (P @ x)), "softmax(z) = exp(z) / sum exp(z): plus beta z, not minus."),
                (P.T @ weights(beta * (P @ x) / np.sqrt(P.shape[1])),
                 "No division by sqrt(N) here: the similarities are z = beta * patterns @ x with the beta that is "
                 "passed in (in transformer attention the 1/sqrt(d) is a particular choice of beta)."),
                (np.sign(P.T @ weights(beta * (P @ x))),
                 "Do not take np.sign of the result: the update returns the continuous weighted average "
                 "patterns.T @ p of the memories (a vector of real numbers, not of +1/-1).")]

    cases = [
        Case((X[2], X[2:3], 1.0), X[2], compare=close, need_array=True,
             hint="With a single memory the softmax weight is 1 and the update returns that memory.",
             call="softmax_step(patterns[2], patterns[2:3], 1.0)"),
        Case((x, X, 0.05), softmax_update(x, X, beta=0.05), compare=close, need_array=True,
             mistakes=mistakes(x, X, 0.05),
             hint="With small beta (0.05) the weights p = softmax(beta * patterns @ x) are nearly equal, so the "
                  "result patterns.T @ p is close to the mean of the memories; check z = beta * patterns @ x, "
                  "p = exp(z - max z) / sum exp(z - max z) and the returned patterns.T @ p."),
        Case((x, X, 1.0), softmax_update(x, X, beta=1.0), compare=close, need_array=True,
             mistakes=mistakes(x, X, 1.0),
             hint="Compute the similarities z = beta * patterns @ x, the weights p = exp(z) / sum exp(z), then "
                  "return patterns.T @ p (a vector of length N, not the K weights)."),
        Case((big[0], big, 10.0), softmax_update(big[0], big, beta=10.0), compare=close, need_array=True,
             hint="exp(beta z) overflows for large beta z (inf / inf is NaN): subtract max(beta z) before "
                  "exponentiating (it cancels in the ratio)."),
    ]
    return run_cases("check_softmax_step", softmax_step, cases, what="Exercise 10.2 softmax_step")


class _RecordingGenerator(np.random.Generator):
    """A NumPy Generator (same draws) that records the ``size`` of every draw, to name a transposed shape."""

    _SIZE_POSITION = {"choice": 1, "integers": 2, "random": 0, "uniform": 2, "normal": 2, "standard_normal": 0,
                      "binomial": 2}

    def __init__(self, seed):
        super().__init__(np.random.PCG64(seed))
        self.sizes = []

    def _record(self, method, args, kwargs):
        size = kwargs.get("size", args[self._SIZE_POSITION[method]]
                          if len(args) > self._SIZE_POSITION[method] else None)
        try:
            self.sizes.append(tuple(int(k) for k in np.atleast_1d(size)) if size is not None else None)
        except (TypeError, ValueError):
            pass

    def choice(self, *args, **kwargs):
        self._record("choice", args, kwargs)
        return super().choice(*args, **kwargs)

    def integers(self, *args, **kwargs):
        self._record("integers", args, kwargs)
        return super().integers(*args, **kwargs)

    def random(self, *args, **kwargs):
        self._record("random", args, kwargs)
        return super().random(*args, **kwargs)

    def uniform(self, *args, **kwargs):
        self._record("uniform", args, kwargs)
        return super().uniform(*args, **kwargs)

    def normal(self, *args, **kwargs):
        self._record("normal", args, kwargs)
        return super().normal(*args, **kwargs)

    def standard_normal(self, *args, **kwargs):
        self._record("standard_normal", args, kwargs)
        return super().standard_normal(*args, **kwargs)

    def binomial(self, *args, **kwargs):
        self._record("binomial", args, kwargs)
        return super().binomial(*args, **kwargs)


def check_bit_error(bit_error) -> CheckResult:
    """Exercise 10.3: ``bit_error(n, n_neurons, n_memories, probes, rng)``: measured per-bit error (a float).

    Random draws differ from ours, so the answers are compared with a reference measurement
    (many probes) within a statistical tolerance of 4 standard deviations (plus 0.005). The
    cases are small enough for a dense_step written with Python loops. The generator passed
    in records the shapes drawn (to name memories drawn as (n_neurons, n_memories)), and one
    case is run twice with the same seed: an answer that ignores ``rng`` is told so.
    """
    name, what = "check_bit_error", "Exercise 10.3 bit_error"
    if not callable(bit_error):
        return CheckResult(name, False, f"✗ {what}: expected a function, got {describe(bit_error)}.", "wrong")
    needs = {"dense_step": ("Exercise 10.1 dense_step", check_dense_step)}
    limit = max(_core.TIME_LIMIT, 20.0)
    specs = [(3, 60, 5, 5, 0.0), (2, 60, 30, 20, None), (3, 40, 200, 10, None)]
    hint = ("draw n_memories random patterns, start at each of the first `probes` memories, update every neuron "
            "ONCE from that state (your dense_step), and count the bits that changed; divide by probes * "
            "n_neurons.")

    def call(n, N, K, probes):
        rng = _RecordingGenerator(7)
        return call_student(bit_error, (n, N, K, probes, rng), limit=limit), rng.sizes

    def shape_hint(sizes, N, K):
        if (N, K) in sizes and (K, N) not in sizes:
            return (f"\nHint: your memories have shape (n_neurons, n_memories) = ({N}, {K}): one memory per "
                    f"COLUMN. dense_step expects one memory per ROW, so draw them with size=(n_memories, "
                    f"n_neurons) = ({K}, {N}); a probe is then a row X[k] of length n_neurons.")
        return ""

    def not_a_number(head, got):
        extra = (" did you forget `return`?" if got is None else "")
        if isinstance(got, np.ndarray) and got.size == 1:
            extra = " Return a plain number: float(...) of your result."
        return CheckResult(name, False, f"{head}\n  returned {fmt(got)}\n  but expected a number (the fraction "
                                        f"of flipped bits), got {describe(got)}.{extra}", "wrong")

    for k, (n, N, K, probes, exact) in enumerate(specs, start=1):
        head = f"✗ {what}, case {k} of {len(specs)}: bit_error({n}, {N}, {K}, {probes}, np.random.default_rng(7))"
        outcome, sizes = call(n, N, K, probes)
        if outcome.status == "not done":
            return not_done(name, what)
        if outcome.status != "ok":
            note = _core._prerequisite_note(bit_error, needs)
            return CheckResult(name, False, f"{head}\n  {outcome.explain(limit)}"
                               + (note or shape_hint(sizes, N, K) or f"\nHint: {hint}"), "error")
        got = outcome.value
        if not _real_scalar(got):
            return not_a_number(head, got)
        got = float(got)
        if exact is not None:
            if got != exact:
                note = _core._prerequisite_note(bit_error, needs)
                return CheckResult(name, False, f"{head}\n  returned {got:.4g}; with only {K} memories the theory "
                                                f"predicts {float(dense_error_theory(n, N, K)):.1e}, so no bit "
                                                "should flip."
                                   + (note or shape_hint(sizes, N, K)
                                      or "\nHint: start each probe AT a stored memory (not at a random state)."),
                                   "wrong")
            continue
        ref = dense_bit_error(n, N, K, probes=min(K, 200), rng=11)
        sd = np.sqrt(max(ref * (1 - ref), 1e-4) / (probes * N))
        if abs(got - ref) > 4 * sd + 0.005:
            note = _core._prerequisite_note(bit_error, needs)
            specific = shape_hint(sizes, N, K)
            if specific:
                pass
            elif abs(got / N - ref) <= 4 * sd + 0.005:  # count / probes = N times the fraction
                specific = ("\nHint: divide by probes * n_neurons (all bits of all probes), not by probes only: "
                            f"{got:.4f} / {N} = {got / N:.4f}.")
            elif got > 1:
                specific = "\nHint: return the FRACTION of flipped bits: divide the count by probes * n_neurons."
            return CheckResult(name, False,
                               f"{head}\n  returned {got:.4f}; a reference measurement gives {ref:.4f} "
                               f"(theory {float(dense_error_theory(n, N, K)):.4f})."
                               + (note or specific or f"\nHint: {hint}"), "wrong")
    # the same seed must give the same answer
    n, N, K, probes, _ = specs[1]
    first, _ = call(n, N, K, probes)
    second, _ = call(n, N, K, probes)
    if first.status == second.status == "ok" and _real_scalar(first.value) and _real_scalar(second.value):
        if float(first.value) != float(second.value):
            return CheckResult(name, False,
                               f"✗ {what}: bit_error({n}, {N}, {K}, {probes}, np.random.default_rng(7)) called twice "
                               f"returned {float(first.value):.4f} and then {float(second.value):.4f}: the same "
                               "generator seed must give the same answer.\nHint: draw every random number from the "
                               "`rng` argument (rng.choice([-1, 1], size=(n_memories, n_neurons))), not from "
                               "np.random.* or a new np.random.default_rng().", "wrong")
    return CheckResult(name, True, f"✓ {what}: agrees with the reference measurement on all {len(specs)} cases.")
