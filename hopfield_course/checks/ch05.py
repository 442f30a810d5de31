"""Checks for the exercises of chapter 05 (stochastic dynamics).

Reference answers come from the package (:mod:`hopfield_course.stochastic`,
:mod:`hopfield_course.meanfield`), never typed in.
"""

from __future__ import annotations

import numpy as np

from ..dynamics import energy
from ..stochastic import all_states, glauber_probability
from ..meanfield import mean_field_overlap
from ..learning_rules import hebbian_weights
from ._core import Case, CheckResult, allclose, run_cases

__all__ = [
    "check_heat_bath_probability",
    "check_glauber_update",
    "check_boltzmann_distribution",
    "check_solve_mean_field",
    "all_states",
]


def check_heat_bath_probability(heat_bath_probability) -> CheckResult:
    """Exercise 5.1: ``heat_bath_probability(h, T)`` = P(s = +1) = 1 / (1 + exp(-2 h / T))."""
    h = np.array([-2.0, -0.5, 0.0, 0.3, 1.0])
    cases = [
        Case((0.0, 1.0), 0.5, "With no field both values are equally likely: P = 1/2.", compare=allclose()),
        Case((h, 1.0), glauber_probability(h, 1.0),
             "Use the course's convention: P(s=+1) = 1 / (1 + exp(-2 h / T)), with the factor 2.",
             compare=allclose()),
        Case((h, 0.25), glauber_probability(h, 0.25),
             "Lower temperature sharpens the curve: the argument of exp is -2 h / T.", compare=allclose()),
        Case((h, 0.0), glauber_probability(h, 0.0),
             "At T = 0 the rule is deterministic: probability 1 when h >= 0 (ties give +1), 0 otherwise. "
             "Treat T == 0 separately instead of dividing by zero.", compare=allclose()),
        Case((np.array([-400.0, 400.0]), 0.5), np.array([0.0, 1.0]),
             "Very large |h| / T must give 0 or 1 (no NaN). np.exp may overflow to inf, which is fine, "
             "but 0 * inf or inf / inf is not.", compare=allclose(atol=1e-12)),
    ]
    return run_cases("check_heat_bath_probability", heat_bath_probability, cases,
                     what="Exercise 5.1 heat_bath_probability")


def _glauber_ref(state, weights, i, temperature, u):
    s = np.array(state, dtype=np.int64).copy()
    h = float(np.asarray(weights, dtype=float)[i] @ s)
    prob = glauber_probability(h, temperature)
    s[i] = 1 if u < prob else -1
    return s


def check_glauber_update(glauber_update) -> CheckResult:
    """Exercise 5.2: ``glauber_update(state, weights, i, temperature, u)``: neuron i becomes +1 iff u < P."""
    rng = np.random.default_rng(52)
    X = rng.choice([-1, 1], size=(2, 10))
    W = hebbian_weights(X, normalize="N")
    s = rng.choice([-1, 1], size=10)
    tie_W = np.array([[0.0, 0.5, 0.5], [0.5, 0.0, -0.5], [0.5, -0.5, 0.0]])
    tie_s = np.array([-1, 1, -1])  # neuron 0 sees h = 0
    cases = []
    for i, t, u in [(0, 0.5, 0.3), (3, 0.5, 0.9), (7, 2.0, 0.5), (4, 0.1, 0.01)]:
        cases.append(Case((s, W, i, t, u), _glauber_ref(s, W, i, t, u),
                          "Compute h_i = sum_j W_ij s_j, p = 1/(1+exp(-2 h_i/T)); neuron i becomes +1 when u < p, "
                          "else -1. Only neuron i changes."))
    cases.append(Case((tie_s, tie_W, 0, 0.0, 0.99), _glauber_ref(tie_s, tie_W, 0, 0.0, 0.99),
                      "At T = 0 a neuron with field exactly 0 becomes +1 whatever u is (tie rule)."))
    cases.append(Case((s, W, 2, 1.0, 0.0), _glauber_ref(s, W, 2, 1.0, 0.0),
                      "u = 0 is below any positive probability, so the neuron becomes +1."))
    return run_cases("check_glauber_update", glauber_update, cases, what="Exercise 5.2 glauber_update")


def _boltzmann_ref(states, weights, temperature):
    e = energy(states, weights)
    w = np.exp(-(e - e.min()) / temperature)
    return w / w.sum()


def check_boltzmann_distribution(boltzmann_distribution) -> CheckResult:
    """Exercise 5.3: ``boltzmann_distribution(states, weights, temperature)`` = exp(-E/T) / Z over the rows."""
    rng = np.random.default_rng(53)
    X = rng.choice([-1, 1], size=(2, 6))
    W = hebbian_weights(X, normalize="N")
    S = all_states(6)
    W4 = np.array([[0.0, 1.0, -1.0, 0.5], [1.0, 0.0, 0.5, -1.0], [-1.0, 0.5, 0.0, 1.0], [0.5, -1.0, 1.0, 0.0]])
    S4 = all_states(4)
    hint = ("Energy of each row E = -1/2 s^T W s, weight exp(-E/T), divided by the sum of the weights "
            "(the partition function Z).")
    cases = [
        Case((S4, W4, 1.0), _boltzmann_ref(S4, W4, 1.0), hint, compare=allclose(rtol=1e-6, atol=1e-12)),
        Case((S, W, 0.5), _boltzmann_ref(S, W, 0.5),
             hint + " The course's temperature enters as exp(-E/T), not exp(-2E/T).",
             compare=allclose(rtol=1e-6, atol=1e-12)),
        Case((S4, 40 * W4, 0.05), _boltzmann_ref(S4, 40 * W4, 0.05),
             "Large |E| / T overflows exp: subtract the smallest energy first (it cancels in the ratio).",
             compare=allclose(rtol=1e-6, atol=1e-12)),
    ]
    return run_cases("check_boltzmann_distribution", boltzmann_distribution, cases,
                     what="Exercise 5.3 boltzmann_distribution")


def check_solve_mean_field(solve_mean_field) -> CheckResult:
    """Exercise 5.4: ``solve_mean_field(T)`` = the largest root of m = tanh(m / T)."""
    cases = []
    for t, hint in [(0.5, "Find the positive root of m - tanh(m/T), e.g. with scipy.optimize.brentq on (1e-9, 1]."),
                    (0.2, "At low temperature m is close to 1."),
                    (0.95, "Close to T_c = 1 the root is small but positive: bracket it from a tiny m up to 1."),
                    (1.0, "At T >= 1 the only solution is m = 0."),
                    (1.7, "At T >= 1 the only solution is m = 0 (return 0.0, not an error)."),
                    (0.0, "At T = 0, tanh(m/T) is a step: m = 1.")]:
        cases.append(Case((t,), float(mean_field_overlap(t)), hint, compare=allclose(rtol=1e-6, atol=1e-7)))
    return run_cases("check_solve_mean_field", solve_mean_field, cases, what="Exercise 5.4 solve_mean_field")
