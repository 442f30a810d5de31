"""Checks for the exercises of chapter 10 (modern Hopfield networks).

Reference answers come from :mod:`hopfield_course.modern`, never typed in.
"""

from __future__ import annotations

import numpy as np

from ..modern import dense_bit_error, dense_error_theory, dense_update, softmax_update
from ..dynamics import sync_step
from ..learning_rules import hebbian_weights
from ._core import Case, CheckResult, allclose, fmt, not_done, run_cases

__all__ = ["check_dense_step", "check_softmax_step", "check_bit_error"]


def check_dense_step(dense_step) -> CheckResult:
    """Exercise 10.1: ``dense_step(state, patterns, n)``: one synchronous update of the dense memory."""
    rng = np.random.default_rng(1001)
    X = rng.choice([-1, 1], size=(30, 16))
    probe = rng.choice([-1, 1], size=16)
    near = X[3].copy()
    near[:4] *= -1
    tie_X = np.array([[1, 1], [1, -1]])
    tie_s = np.array([-1, 1])
    cases = [
        Case((probe, X, 3), dense_update(probe, X, 3),
             "For each neuron i compare sum_mu F(xi_i + x_mu) with sum_mu F(-xi_i + x_mu), where "
             "x_mu = xi^mu . s - xi^mu_i s_i leaves neuron i out; pick the sign with the larger sum."),
        Case((near, X, 4), dense_update(near, X, 4),
             "With n = 4 the same rule applies with F(x) = x**4; use the OLD state for every neuron."),
        Case((probe, X[:5], 2), sync_step(probe, hebbian_weights(X[:5])),
             "With n = 2 the dense rule must agree with the classical network (Hebb weights, zero diagonal)."),
        Case((tie_s, tie_X, 3), dense_update(tie_s, tie_X, 3),
             "When the two sums are equal the neuron becomes +1 (the course's tie rule)."),
    ]
    return run_cases("check_dense_step", dense_step, cases, what="Exercise 10.1 dense_step")


def check_softmax_step(softmax_step) -> CheckResult:
    """Exercise 10.2: ``softmax_step(x, patterns, beta)`` = Xi^T softmax(beta Xi x)."""
    rng = np.random.default_rng(1002)
    X = rng.choice([-1.0, 1.0], size=(6, 20))
    x = X[2] + rng.normal(scale=0.8, size=20)
    big = rng.normal(size=(4, 5)) * 30
    close = allclose(rtol=1e-7, atol=1e-9)
    cases = [
        Case((x, X, 0.05), softmax_update(x, X, 0.05), "Small beta: the result is close to the mean of the memories.",
             compare=close),
        Case((x, X, 1.0), softmax_update(x, X, 1.0),
             "Compute the similarities z = patterns @ x, the weights p = exp(beta z) / sum exp(beta z), "
             "then return patterns.T @ p.", compare=close),
        Case((big[0], big, 10.0), softmax_update(big[0], big, 10.0),
             "exp(beta z) overflows for large beta z: subtract max(beta z) before exponentiating "
             "(it cancels in the ratio).", compare=close),
    ]
    return run_cases("check_softmax_step", softmax_step, cases, what="Exercise 10.2 softmax_step")


def check_bit_error(bit_error) -> CheckResult:
    """Exercise 10.3: ``bit_error(n, n_neurons, n_memories, probes, rng)``: measured per-bit error.

    Random draws differ from ours, so the answers are compared with a reference measurement
    (many probes) within a statistical tolerance of 4 standard deviations (plus 0.005).
    """
    name, what = "check_bit_error", "Exercise 10.3 bit_error"
    specs = [(3, 60, 5, 5, 0.0), (2, 100, 40, 40, None), (3, 60, 400, 40, None), (4, 40, 2000, 30, None)]
    for n, N, K, probes, exact in specs:
        call = f"bit_error(n={n}, n_neurons={N}, n_memories={K}, probes={probes}, rng=np.random.default_rng(7))"
        try:
            got = bit_error(n, N, K, probes, np.random.default_rng(7))
        except NotImplementedError:
            return not_done(name, what)
        except Exception as exc:
            return CheckResult(name, False, f"✗ {what}: {call} raised {type(exc).__name__}: {exc}", "error")
        try:
            got = float(got)
        except Exception:
            return CheckResult(name, False, f"✗ {what}: {call} returned {fmt(got)}; expected a number "
                                            "(the fraction of flipped bits).", "wrong")
        if exact is not None:
            if got != exact:
                return CheckResult(name, False, f"✗ {what}: {call} returned {got:.4g}; with only {K} memories "
                                                f"the theory predicts {float(dense_error_theory(n, N, K)):.1e}, so no "
                                                "bit should flip. Start each probe AT a stored memory.", "wrong")
            continue
        ref = dense_bit_error(n, N, K, probes=min(K, 200), rng=11)
        sd = np.sqrt(max(ref * (1 - ref), 1e-4) / (probes * N))
        if abs(got - ref) > 4 * sd + 0.005:
            return CheckResult(name, False,
                               f"✗ {what}: {call} returned {got:.4f}; a reference measurement gives {ref:.4f} "
                               f"(theory {float(dense_error_theory(n, N, K)):.4f}).\nHint: draw K random patterns, "
                               "start at one of them, update every neuron ONCE from that state (dense_step), and "
                               "count the bits that changed; divide by probes * n_neurons.", "wrong")
    return CheckResult(name, True, f"✓ {what}: agrees with the reference measurement on all {len(specs)} cases.")
