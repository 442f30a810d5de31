"""Checks for the exercises of chapter 10 (modern Hopfield networks).

Reference answers come from :mod:`hopfield_course.modern`, never typed in. The chapter's exercise notebook asks
the student not to call the package's own versions (``hc.DenseAssociativeMemory``, ``hc.softmax_update``,
``hc.dense_bit_error``): an answer that calls one of them (directly, under another name, or through one of the
student's own functions) is told to write it itself.
"""

from __future__ import annotations

import dis
import inspect
import types

import numpy as np

from .. import modern as _modern
from ..modern import DenseAssociativeMemory, dense_bit_error, dense_error_theory, softmax_update
from ..dynamics import sync_step
from ..learning_rules import hebbian_weights
from . import _core
from ._core import (Case, CheckResult, _real_scalar, allclose, call_student, describe, float32_validate, fmt,
                    not_done, run_cases, slow_note)


def _dense_sync(state, patterns, power):
    return DenseAssociativeMemory(power, mode="sync").store(patterns).step(state)


_PM = (-1, 1)

__all__ = ["check_dense_step", "check_softmax_step", "check_bit_error"]

# --------------------------------------------------------------------------- "do not call the package's version"
_DENSE_VERSIONS = ("DenseAssociativeMemory", "dense_delta_kernel", "dense_delta_kernel_numpy", "dense_sweep_kernel",
                   "dense_sweep_kernel_numpy")
_SOFTMAX_VERSIONS = ("softmax_update", "ContinuousModernNetwork", "attention")
_BIT_ERROR_VERSIONS = ("dense_bit_error",) + _DENSE_VERSIONS


def _package_imports(func) -> tuple[bool, set[str]]:
    """``(imports, names)``: whether the code of ``func`` (or of a function defined inside it) imports
    ``hopfield_course`` (or one of its modules) itself, and the names it takes from it (``from ... import name``)."""
    imports, taken = False, set()
    todo = [getattr(func, "__code__", None)]
    while todo:
        code = todo.pop()
        if code is None:
            continue
        todo.extend(c for c in code.co_consts if inspect.iscode(c))
        from_package = False
        for ins in dis.get_instructions(code):
            if ins.opname == "IMPORT_NAME":
                from_package = str(ins.argval).split(".")[0] == "hopfield_course"
                imports = imports or from_package
            elif ins.opname == "IMPORT_FROM" and from_package:
                taken.add(str(ins.argval))
    return imports, taken


def _package_call(func, names) -> tuple[str, str | None] | None:
    """``(name, helper)`` when ``func`` (or one of the student's functions it calls, ``helper``) uses the package's
    own ``hc.<name>`` for one of ``names``; None otherwise. Finds ``hc.name``, ``hopfield_course.modern.name`` and
    names imported under another name, also by an import inside the function (``import hopfield_course as H``,
    ``from hopfield_course.modern import name``)."""
    targets = {name: getattr(_modern, name, None) for name in names}
    todo, seen = [(func, None, 0)], set()
    while todo:
        f, via, depth = todo.pop(0)
        if id(f) in seen:
            continue
        seen.add(id(f))
        try:
            used = _core._names_used(f)
            fglobals = getattr(f, "__globals__", {}) or {}
            code = getattr(f, "__code__", None)
            closure = {}
            if code is not None and getattr(f, "__closure__", None):
                closure = {n: c.cell_contents for n, c in zip(code.co_freevars, f.__closure__)}
        except Exception:
            continue

        def resolve(n, closure=closure, fglobals=fglobals):
            if n in closure:
                return closure[n]
            return fglobals.get(n)

        try:
            package_module, taken = _package_imports(f)
        except Exception:  # pragma: no cover - code that dis cannot read
            package_module, taken = False, set()
        for name in names:  # from hopfield_course.modern import name, inside the function
            if name in taken:
                return name, via
        for n in used:
            try:
                obj = resolve(n)
            except Exception:  # pragma: no cover - an empty closure cell
                continue
            if isinstance(obj, types.ModuleType) and obj.__name__.split(".")[0] == "hopfield_course":
                package_module = True
            for name, target in targets.items():
                if target is not None and obj is target:
                    return name, via
            if (inspect.isfunction(obj) and depth < 3
                    and not str(getattr(obj, "__module__", "")).startswith("hopfield_course")):
                todo.append((obj, via or n, depth + 1))
        if package_module:
            for name in names:
                if name in used and resolve(name) is None:
                    return name, via
    return None


def _own_version(name: str, what: str, func, names) -> CheckResult | None:
    """The feedback for an answer that calls the package's own version, or None."""
    try:
        found = _package_call(func, names)
    except Exception:  # pragma: no cover - never let the inspection break a check
        found = None
    if found is None:
        return None
    used, via = found
    fname = getattr(func, "__name__", "function")
    through = f" (through your {via})" if via else ""
    return CheckResult(name, False,
                       f"✗ {what}: your {fname} calls hc.{used}{through}.\n  Write it yourself: the exercise asks "
                       f"you not to call hc.{used}, the package's own version (it is the reference this check "
                       "compares with).", "wrong")


# --------------------------------------------------------------------------- Exercise 10.1
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
    figure cell of Exercise 10.3; a slow one passes with a note saying so. Calling the package's own
    ``hc.DenseAssociativeMemory`` is refused (the exercise asks for the student's own version)."""
    name, what = "check_dense_step", "Exercise 10.1 dense_step"
    own = _own_version(name, what, dense_step, _DENSE_VERSIONS) if callable(dense_step) else None
    if own is not None:
        return own
    rng = np.random.default_rng(1001)
    X = rng.choice([-1, 1], size=(30, 16))
    probe = rng.choice([-1, 1], size=16)
    near = X[3].copy()
    near[:4] *= -1
    tie_X = np.array([[1, 1], [1, -1]])
    tie_s = np.array([-1, 1])
    tie = "When the two sums are equal the neuron becomes +1 (the course's tie rule): np.where(delta >= 0, 1, -1)."

    def mistakes(s, P, n, right):
        return [(_dense_variant(s, P, n, tie=-1), tie),
                (_dense_variant(s, P, n, leave_out=False),
                 "Leave neuron i out of the overlap: x_mu = xi^mu . s - xi^mu_i s_i, then compare "
                 "F(+xi^mu_i + x_mu) with F(-xi^mu_i + x_mu)."),
                (_dense_variant(s, P, n, sequential=True),
                 "This is a sequential (asynchronous) sweep: neurons updated later see the new values of earlier "
                 "ones. Compute every neuron from the OLD state (synchronous update)."),
                (-np.asarray(right),
                 "Your update is the negation of the correct one (every neuron has the wrong sign): s_i = +1 when "
                 "sum_mu [F(+xi^mu_i + x_mu) - F(-xi^mu_i + x_mu)] >= 0; check the order of the two terms and "
                 "of 1, -1 in np.where(delta >= 0, 1, -1).")]

    classical = sync_step(probe, hebbian_weights(X[:5]))
    cases = [
        Case((probe, X[:5], 2), classical, values=_PM, need_array=True,
             mistakes=mistakes(probe, X[:5], 2, classical),
             hint="With n = 2 the dense rule must agree with the classical network (Hebb weights, zero diagonal)."),
        Case((tie_s, tie_X, 3), _dense_sync(tie_s, tie_X, 3), tie, values=_PM, need_array=True,
             mistakes=mistakes(tie_s, tie_X, 3, _dense_sync(tie_s, tie_X, 3))),
        Case((probe, X, 3), _dense_sync(probe, X, 3), values=_PM, need_array=True,
             mistakes=mistakes(probe, X, 3, _dense_sync(probe, X, 3)),
             hint="For each neuron i compare sum_mu F(xi_i + x_mu) with sum_mu F(-xi_i + x_mu), where "
                  "x_mu = xi^mu . s - xi^mu_i s_i leaves neuron i out; pick the sign with the larger sum."),
        Case((near, X, 4), _dense_sync(near, X, 4), values=_PM, need_array=True,
             mistakes=mistakes(near, X, 4, _dense_sync(near, X, 4)),
             hint="With n = 4 the same rule applies with F(x) = x**4; use the OLD state for every neuron."),
    ]
    with np.errstate(all="ignore"):
        result = run_cases(name, dense_step, cases, what=what)
    if result:
        # the figure cell of Exercise 10.3: 20 probes of 40 neurons for K = 50 ... 500 memories (1150 in all)
        big = np.random.default_rng(1003).choice([-1, 1], size=(300, 40))
        with np.errstate(all="ignore"):
            result.message += slow_note(dense_step, (big[0], big, 3), calls=round(20 * 1150 / 300),
                                         cell="the figure cell of Exercise 10.3", limit=2.0,
                                         advice="replace the Python loops over neurons and memories by array "
                                                "operations: overlaps = patterns @ state, then "
                                                "x = overlaps[:, None] - patterns * state[None, :] for all neurons "
                                                "at once")
    return result


# --------------------------------------------------------------------------- Exercise 10.2
def check_softmax_step(softmax_step) -> CheckResult:
    """Exercise 10.2: ``softmax_step(x, patterns, beta)`` = Xi^T softmax(beta Xi x), a NumPy array of length N.

    NumPy's RuntimeWarnings (overflow in exp, ...) raised by the answer are silenced: the feedback names the
    overflow itself. An answer computed in float32 (or cast to float32 at the end, which rtol 1e-7 would admit)
    is told so; calling ``hc.softmax_update`` is refused."""
    name, what = "check_softmax_step", "Exercise 10.2 softmax_step"
    own = _own_version(name, what, softmax_step, _SOFTMAX_VERSIONS) if callable(softmax_step) else None
    if own is not None:
        return own
    rng = np.random.default_rng(1002)
    X = rng.choice([-1.0, 1.0], size=(6, 20))
    x = X[2] + rng.normal(scale=0.8, size=20)
    big = rng.normal(size=(4, 5)) * 30
    close = allclose(rtol=1e-7, atol=1e-9)
    not_weights = ("Return patterns.T @ p, the weighted average of the memories (a vector of length N), not the "
                   "K weights p themselves.")

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
                 "patterns.T @ p of the memories (a vector of real numbers, not of +1/-1)."),
                (weights(beta * (P @ x)), not_weights)]

    def case(args, expected, hint, mistakes=(), call=None):
        return Case(args, expected, hint, compare=close, need_array=True, mistakes=mistakes, call=call,
                    validate=float32_validate(expected, close, dtype=True))

    cases = [
        case((X[2], X[2:3], 1.0), X[2],
             "With a single memory the softmax weight is 1 and the update returns that memory: a vector of length "
             "N (not the K weights).",
             mistakes=[(np.ones(1), not_weights)], call="softmax_step(patterns[2], patterns[2:3], 1.0)"),
        case((x, X, 0.05), softmax_update(x, X, beta=0.05),
             "With small beta (0.05) the weights p = softmax(beta * patterns @ x) are nearly equal, so the "
             "result patterns.T @ p is close to the mean of the memories; check z = beta * patterns @ x, "
             "p = exp(z - max z) / sum exp(z - max z) and the returned patterns.T @ p.",
             mistakes=mistakes(x, X, 0.05)),
        case((x, X, 1.0), softmax_update(x, X, beta=1.0),
             "Compute the similarities z = beta * patterns @ x, the weights p = exp(z) / sum exp(z), then "
             "return patterns.T @ p (a vector of length N, not the K weights).",
             mistakes=mistakes(x, X, 1.0)),
        case((big[0], big, 10.0), softmax_update(big[0], big, beta=10.0),
             "exp(beta z) overflows for large beta z (inf / inf is NaN): subtract max(beta z) before "
             "exponentiating (it cancels in the ratio)."),
    ]
    with np.errstate(all="ignore"):
        return run_cases(name, softmax_step, cases, what=what)


# --------------------------------------------------------------------------- Exercise 10.3
class _RecordingGenerator(np.random.Generator):
    """A NumPy Generator (same draws as ``np.random.default_rng(seed)``) that records every draw the student makes:
    ``calls`` lists ``(method, args, kwargs)`` of the public methods called from outside (the draws NumPy makes
    internally, e.g. ``choice`` calling ``integers``, are not listed)."""

    _SIZE_POSITION = {"choice": 1, "integers": 2, "random": 0, "uniform": 2, "normal": 2, "standard_normal": 0,
                      "binomial": 2, "permutation": None, "shuffle": None}

    def __init__(self, seed):
        super().__init__(np.random.PCG64(seed))
        self._calls = []
        self._inside = 0

    def __getattribute__(self, attr):
        value = super().__getattribute__(attr)
        if attr.startswith("_") or not callable(value):
            return value
        me = self

        def recorded(*args, **kwargs):
            if me._inside == 0:
                me._calls.append((attr, args, kwargs))
            me._inside += 1
            try:
                return value(*args, **kwargs)
            finally:
                me._inside -= 1
        return recorded

    @property
    def calls(self):
        return list(self._calls)

    @property
    def sizes(self):
        """The ``size`` of every recorded draw, as a tuple of ints (None when not given)."""
        out = []
        for method, args, kwargs in self._calls:
            position = self._SIZE_POSITION.get(method)
            size = kwargs.get("size", args[position] if position is not None and len(args) > position else None)
            try:
                out.append(tuple(int(k) for k in np.atleast_1d(size)) if size is not None else None)
            except (TypeError, ValueError):
                out.append(None)
        return out


def _draw_values(call):
    """The population ``a`` of a recorded ``choice`` call as a sorted list of numbers, or None."""
    method, args, kwargs = call
    if method != "choice":
        return None
    a = kwargs.get("a", args[0] if args else None)
    try:
        arr = np.asarray(a)
        if arr.ndim == 0:  # choice(k): the integers 0 ... k-1
            return list(range(int(arr)))
        return [float(v) for v in arr.ravel()]
    except Exception:
        return None


def _same_draws(calls, N, K) -> bool:
    """True when the student drew exactly what the exercise prescribes: one rng.choice([-1, 1], size=(K, N))."""
    if len(calls) != 1:
        return False
    method, args, kwargs = calls[0]
    if method != "choice" or _draw_values(calls[0]) != [-1.0, 1.0]:
        return False
    if set(kwargs) - {"a", "size", "replace"} or len(args) > 3:
        return False
    size = kwargs.get("size", args[1] if len(args) > 1 else None)
    try:
        return tuple(int(k) for k in np.atleast_1d(size)) == (K, N)
    except (TypeError, ValueError):
        return False


def _flips(X, n, probes=None):
    """The number of bits that one synchronous dense update (power n) flips, started at each memory X[k]
    (the first ``probes`` of them)."""
    X = np.asarray(X, dtype=np.int64)
    out = np.empty(len(X) if probes is None else probes, dtype=np.int64)
    for k, s in enumerate(X[:len(out)]):
        x = (X @ s)[:, None] - X * s[None, :]
        new = np.where(((x + X) ** n - (x - X) ** n).sum(axis=0) >= 0, 1, -1)
        out[k] = np.count_nonzero(new != s)
    return out


def _flips_iterated(X, n, probes, steps=100):
    X = np.asarray(X, dtype=np.int64)
    total = 0
    for k in range(probes):
        s = X[k]
        for _ in range(steps):
            x = (X @ s)[:, None] - X * s[None, :]
            new = np.where(((x + X) ** n - (x - X) ** n).sum(axis=0) >= 0, 1, -1)
            if np.array_equal(new, s):
                break
            s = new
        total += int(np.count_nonzero(s != X[k]))
    return total


def _bit_error_mistakes(n, N, K, P, seed):
    """``(value, hint)`` of the typical wrong answers, computed on the memories the prescribed draw gives."""
    X = np.random.default_rng(seed).choice([-1, 1], size=(K, N))
    fl = _flips(X, n)
    exact = fl[:P].sum() / (P * N)
    all_probes = ("use all `probes` probes: start at X[0], X[1], ..., X[probes - 1] (range(probes)) and divide by "
                  "probes * n_neurons.")
    out = [
        (fl[:P].sum() / (2 * P * N), "divide by probes·N (probes * n_neurons), not 2·probes·N: each flipped bit "
                                     "counts once."),
        (fl[:P].sum() / (K * N), "divide by probes·N (probes * n_neurons), not K·N (n_memories * n_neurons): only "
                                 "the first `probes` memories are probed."),
        (fl.sum() / (K * N), "probe only the first `probes` memories (range(probes)), not all n_memories of them."),
        (fl[1:P].sum() / (P * N), all_probes + " Your loop skips X[0]."),
        (fl[:P - 1].sum() / (P * N), all_probes + " Your loop stops one probe early."),
        (fl[1:P].sum() / ((P - 1) * N), all_probes),
        (fl[:P - 1].sum() / ((P - 1) * N), all_probes),
        (fl[0] / N, all_probes + " Your answer is the error of the first probe only."),
        (fl[K - P:].sum() / (P * N), "start at the FIRST `probes` memories X[0], ..., X[probes - 1], not at the "
                                     "last ones."),
        (2 * exact, "count each flipped bit once, with np.sum(new != old): |new - old| is 2 for a flipped bit."),
        (100 * exact, "return a fraction between 0 and 1, not a percentage (no factor 100)."),
        (exact * N, "divide by probes * n_neurons (all bits of all probes), not by probes only."),
        (float(fl[:P].sum()), "return the FRACTION of flipped bits: divide the count by probes * n_neurons."),
        (np.count_nonzero(fl[:P]) / P, "count the flipped BITS (np.sum(new != old)), not the probes that have "
                                       "a flipped bit."),
        (_flips_iterated(X, n, P) / (P * N), "apply ONE synchronous update per probe (one call of dense_step), "
                                             "do not iterate it until the state stops changing."),
    ]
    for other in (2, 3, 4, 5):
        if other != n:
            out.append((_flips(X, other, P).sum() / (P * N),
                        f"pass the power `n` to your dense_step: dense_step(X[k], X, n) (your answer is the one of "
                        f"n = {other})."))
    return [(float(v), h) for v, h in out if abs(float(v) - exact) > 1e-12]


def check_bit_error(bit_error) -> CheckResult:
    """Exercise 10.3: ``bit_error(n, n_neurons, n_memories, probes, rng)``: measured per-bit error (a float).

    The exercise prescribes the draw (``rng.choice([-1, 1], size=(n_memories, n_neurons))`` from the generator
    passed in), so an answer that follows it reproduces ``dense_bit_error(..., rng=seed)`` exactly: it is compared
    within 1e-12, and a typical mistake (dividing by K·N or 2·probes·N, skipping a probe, counting the bits that
    stayed, ...) is named. The generator records the draws; only when they differ from the prescribed one (another
    method, the transposed shape, extra draws) is the answer compared statistically: the mean of 8 seeds with the
    mean of 200 reference measurements, within 4.5 standard errors. One case is run twice with the same seed: an
    answer that ignores ``rng`` is told so. The cases are small enough for a dense_step written with Python loops.
    A float32 result that agrees only to float32 precision is told so. Calling ``hc.dense_bit_error`` (or
    ``hc.DenseAssociativeMemory``) is refused.
    """
    name, what = "check_bit_error", "Exercise 10.3 bit_error"
    if not callable(bit_error):
        return CheckResult(name, False, f"✗ {what}: expected a function, got {describe(bit_error)}.", "wrong")
    own = _own_version(name, what, bit_error, _BIT_ERROR_VERSIONS)
    if own is not None:
        return own
    needs = {"dense_step": ("Exercise 10.1 dense_step", check_dense_step)}
    limit = max(_core.TIME_LIMIT, 20.0)
    seed, repeats = 7, 8
    specs = [(3, 60, 5, 5), (2, 60, 30, 20), (3, 40, 200, 10)]
    hint = ("draw n_memories random patterns, start at each of the first `probes` memories, update every neuron "
            "ONCE from that state (your dense_step), and count the bits that changed; divide by probes * "
            "n_neurons.")
    prescribed = "rng.choice([-1, 1], size=(n_memories, n_neurons))"
    rng_hint = ("\nHint: draw every random number from the `rng` argument (" + prescribed + "), not from "
                "np.random.* or a new np.random.default_rng().")

    def call(n, N, K, probes, s=seed):
        rng = _RecordingGenerator(s)
        with np.errstate(all="ignore"):
            outcome = call_student(bit_error, (n, N, K, probes, rng), limit=limit)
        return outcome, rng

    def values_hint(rng):
        values = [_draw_values(c) for c in rng.calls if c[0] == "choice"]
        if any(v is not None and set(v) <= {0.0, 1.0} and len(v) == 2 for v in values):
            return ("\nHint: the memories must be ±1: draw them with " + prescribed + ", not with [0, 1] "
                    "(0/1 patterns are not states of this network).")
        return ""

    def draw_hint(rng, N, K, probes, *, values=True):
        calls, sizes = rng.calls, rng.sizes
        if values and values_hint(rng):
            return values_hint(rng)
        if (N, K) in sizes and (K, N) not in sizes:
            return (f"\nHint: your memories have shape (n_neurons, n_memories) = ({N}, {K}): one memory per "
                    f"COLUMN. dense_step expects one memory per ROW, so draw them with size=(n_memories, "
                    f"n_neurons) = ({K}, {N}); a probe is then a row X[k] of length n_neurons.")
        if len(calls) > 1 and sizes and sizes[0] == (K, N):
            return ("\nHint: start each probe AT a stored memory X[k] (k = 0, ..., probes - 1): draw the memories "
                    "once, and no other random numbers (not random probe states).")
        return ""

    def not_a_number(head, got):
        if got is None:
            extra = ": did you forget `return`?"
        elif isinstance(got, np.ndarray) and got.size == 1:
            extra = ": return a plain number, float(...) of your result."
        else:
            extra = "."
        return CheckResult(name, False, f"{head}\n  returned {fmt(got)}\n  but expected a number (the fraction "
                                        f"of flipped bits), got {describe(got)}{extra}", "wrong")

    statistical = False
    for k, (n, N, K, probes) in enumerate(specs, start=1):
        head = (f"✗ {what}, case {k} of {len(specs)}: bit_error({n}, {N}, {K}, {probes}, "
                f"np.random.default_rng({seed}))")
        outcome, rng = call(n, N, K, probes)
        if outcome.status == "not done":
            return not_done(name, what)
        if outcome.status != "ok":
            note = _core._prerequisite_note(bit_error, needs)
            return CheckResult(name, False, f"{head}\n  {outcome.explain(limit)}"
                               + (note or draw_hint(rng, N, K, probes) or f"\nHint: {hint}"), "error")
        raw = outcome.value
        if not _real_scalar(raw):
            return not_a_number(head, raw)
        got = float(raw)
        exact = float(dense_bit_error(n, N, K, probes=probes, rng=seed))
        if abs(got - exact) <= 1e-12:
            continue
        single = float32_validate(exact, lambda g, e: abs(float(g) - float(e)) <= 1e-12)(raw)
        if single:  # a float32 result: the right fraction, rounded to float32
            return CheckResult(name, False, f"{head}\n  returned {fmt(raw)}\n  but {single[0]}\nHint: {single[1]}",
                               "wrong")
        none_flip = (f" (with only {K} memories the theory predicts {float(dense_error_theory(n, N, K)):.1e}: no "
                     "bit should flip)" if exact == 0 else "")
        note = _core._prerequisite_note(bit_error, needs)
        if not rng.calls:
            return CheckResult(name, False, f"{head}\n  returned {got:.6g}, expected {exact:.6g}{none_flip}, but your "
                                            "function drew nothing from `rng`." + (note or rng_hint), "wrong")
        if _same_draws(rng.calls, N, K):
            specific = ""
            if isinstance(raw, (int, np.integer)) and not isinstance(raw, bool) and exact > 0 and got == np.floor(exact):
                specific = (f"\nHint: `//` is integer division (it rounds the fraction down to {int(got)}): divide "
                            "with `/`.")
            elif exact == 0 and got == 1:
                specific = "\nHint: 1 = every bit: count the bits that changed (!=), not the bits that stayed (==)."
            elif abs(got - (1 - exact)) <= 1e-12:
                specific = ("\nHint: this is the fraction of bits that STAYED: count the bits that changed (!=), "
                            "not (==).")
            else:
                for value, mistake in _bit_error_mistakes(n, N, K, probes, seed):
                    if abs(got - value) <= 1e-12 * max(1.0, abs(value)):
                        specific = f"\nHint: {mistake}"
                        break
            return CheckResult(name, False,
                               f"{head}\n  returned {got:.6g}\n  expected {exact:.6g}{none_flip}: your memories "
                               f"are drawn as prescribed ({prescribed} with this rng), so your answer must equal "
                               "the reference measurement exactly." + (note or specific or f"\nHint: {hint}"),
                               "wrong")
        # the draws differ from the prescribed one: compare the mean of several seeds statistically
        values = [got]
        for s in range(seed + 1, seed + repeats):
            more, _ = call(n, N, K, probes, s)
            if more.status != "ok" or not _real_scalar(more.value):
                values = None
                break
            values.append(float(more.value))
        refs = np.array([dense_bit_error(n, N, K, probes=probes, rng=1000 + r) for r in range(200)])
        mean_ref, tol = float(refs.mean()), 4.5 * float(refs.std()) / np.sqrt(repeats) + 1e-12
        if values is not None and abs(float(np.mean(values)) - mean_ref) <= tol:
            statistical = True
            continue
        mean = float(np.mean(values)) if values is not None else got
        specific = values_hint(rng)
        if not specific and values is not None and mean_ref > 0:
            scaled = [(mean_ref * N, "\nHint: divide by probes * n_neurons (all bits of all probes), not by probes "
                                     f"only: {mean:.4f} / {N} = {mean / N:.4f}."),
                      (mean_ref * probes * N, "\nHint: return the FRACTION of flipped bits: divide the count by "
                                              "probes * n_neurons."),
                      (100 * mean_ref, "\nHint: return a fraction between 0 and 1, not a percentage (no factor 100)."),
                      (mean_ref / 2, "\nHint: divide by probes·N (probes * n_neurons), not 2·probes·N."),
                      (mean_ref * probes / K, "\nHint: divide by probes·N (probes * n_neurons), not K·N "
                                              "(n_memories * n_neurons)."),
                      (2 * mean_ref, "\nHint: count each flipped bit once, with np.sum(new != old): |new - old| is "
                                     "2 for a flipped bit."),
                      (1 - mean_ref, "\nHint: this is the fraction of bits that STAYED: count the bits that changed "
                                     "(!=), not (==).")]
            for value, mistake in scaled:
                if abs(mean - value) <= tol * max(1.0, value / max(mean_ref, 1e-12)):
                    specific = mistake
                    break
            if not specific and mean > 1:
                specific = "\nHint: return the FRACTION of flipped bits: divide the count by probes * n_neurons."
        specific = specific or draw_hint(rng, N, K, probes, values=False)
        if exact == 0:
            body = f"\n  returned {got:.4g}{none_flip}."
        else:
            body = (f"\n  returned {mean:.4f} on average over {len(values) if values else 1} seeds; the reference "
                    f"measurement gives {mean_ref:.4f} ± {tol:.4f} (theory {float(dense_error_theory(n, N, K)):.4f}). "
                    f"Your draws differ from {prescribed}, so the check compares statistically.")
        return CheckResult(name, False, head + body
                           + (note or specific or ("\nHint: start each probe AT a stored memory (not at a random "
                                                   "state)." if exact == 0 else f"\nHint: {hint}")), "wrong")
    # the same seed must give the same answer
    n, N, K, probes = specs[1]
    first, _ = call(n, N, K, probes)
    second, _ = call(n, N, K, probes)
    if first.status == second.status == "ok" and _real_scalar(first.value) and _real_scalar(second.value):
        if float(first.value) != float(second.value):
            return CheckResult(name, False,
                               f"✗ {what}: bit_error({n}, {N}, {K}, {probes}, np.random.default_rng({seed})) called "
                               f"twice returned {float(first.value):.4f} and then {float(second.value):.4f}: the same "
                               "generator seed must give the same answer." + rng_hint, "wrong")
    if statistical:
        return CheckResult(name, True,
                           f"✓ {what}: agrees with the reference measurement on all {len(specs)} cases (within "
                           f"statistical tolerance: your random draws differ from {prescribed}, so the check could "
                           "not compare exactly).")
    return CheckResult(name, True, f"✓ {what}: agrees with the reference measurement on all {len(specs)} cases.")
