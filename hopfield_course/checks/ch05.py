"""Checks for the exercises of chapter 05 (stochastic dynamics).

Reference answers come from the package (:mod:`hopfield_course.stochastic`,
:mod:`hopfield_course.meanfield`), never typed in.
"""

from __future__ import annotations

import numpy as np

from ..dynamics import energy
from ..states import all_states
from ..stochastic import glauber_probability
from ..meanfield import mean_field_overlap
from ..learning_rules import hebbian_weights
from ._core import Case, CheckResult, allclose, run_cases

_PM = (-1, 1)

__all__ = [
    "check_heat_bath_probability",
    "check_glauber_update",
    "check_boltzmann_distribution",
    "check_solve_mean_field",
    "all_states",
]


def check_heat_bath_probability(heat_bath_probability) -> CheckResult:
    """Exercise 5.1: ``heat_bath_probability(h, T)`` = P(s = +1) = 1 / (1 + exp(-2 h / T)); a float for a
    number ``h``, an array for an array ``h``."""
    h = np.array([-2.0, -0.5, 0.0, 0.3, 1.0])
    factor = ("The factor 2 is missing: the course's heat-bath rule is P(s=+1) = 1 / (1 + exp(-2 h / T)) "
              "(= (1 + tanh(h / T)) / 2), not 1 / (1 + exp(-h / T)).")
    flipped = "This is P(s = -1): P(s = +1) = 1 / (1 + exp(-2 h / T)) grows with h."
    no_t = "The temperature divides the field: exp(-2 h / T), not exp(-2 h * T) or exp(-2 h)."
    close = allclose()
    cases = [
        Case((0.0, 1.0), 0.5, "With no field both values are equally likely: P = 1/2.", compare=close),
        Case((1.0, 1.0), float(glauber_probability(1.0, 1.0)), compare=close,
             mistakes=[(1 / (1 + np.exp(-1.0)), factor), (1 / (1 + np.exp(2.0)), flipped)],
             hint="P(s=+1) = 1 / (1 + exp(-2 h / T)) with the factor 2: for h = 1, T = 1 it is 0.8808."),
        Case((1.0, 0.5), float(glauber_probability(1.0, 0.5)), compare=close,
             mistakes=[(1 / (1 + np.exp(-2.0 * 0.5)), no_t), (1 / (1 + np.exp(-2.0)), no_t),
                       (1 / (1 + np.exp(-2.0)), factor)],
             hint="Lower temperature sharpens the curve: the argument of exp is -2 h / T."),
        Case((h, 1.0), glauber_probability(h, 1.0), compare=close,
             mistakes=[(1 / (1 + np.exp(-h)), factor)],
             hint="For an array h return the array of probabilities (use np.exp, not math.exp)."),
        Case((h, 0.25), glauber_probability(h, 0.25), compare=close,
             hint="Lower temperature sharpens the curve: the argument of exp is -2 h / T."),
        Case((h, 0.0), glauber_probability(h, 0.0), compare=close,
             mistakes=[(np.where(h > 0, 1.0, 0.0), "At T = 0 a field of exactly 0 gives +1 (ties give +1): "
                                                    "probability 1 where h >= 0, not only where h > 0."),
                       (np.where(h > 0, 1.0, np.where(h == 0, 0.5, 0.0)),
                        "At T = 0 the course's tie rule gives +1 for h = 0: probability 1, not 1/2.")],
             hint="At T = 0 the rule is deterministic: probability 1 when h >= 0 (ties give +1), 0 otherwise. "
                  "Treat T == 0 separately instead of dividing by zero (0/0 is NaN)."),
        Case((0.0, 0.0), 1.0, compare=close,
             hint="A number h at T = 0: a field of exactly 0 gives +1 (probability 1.0)."),
        Case((np.array([-400.0, 400.0]), 0.5), np.array([0.0, 1.0]), compare=allclose(atol=1e-12),
             hint="Very large |h| / T must give 0 or 1, never NaN: exp(800) overflows to inf and inf / inf is NaN. "
                  "Write it as 1 / (1 + exp(-2 h / T)) or (1 + tanh(h / T)) / 2."),
    ]
    return run_cases("check_heat_bath_probability", heat_bath_probability, cases,
                     what="Exercise 5.1 heat_bath_probability")


def _glauber_ref(state, weights, i, temperature, u, factor=2.0):
    s = np.array(state, dtype=np.int64).copy()
    h = float(np.asarray(weights, dtype=float)[i] @ s)
    prob = glauber_probability(factor / 2.0 * h, temperature) if temperature > 0 else glauber_probability(h, 0.0)
    s[i] = 1 if u < prob else -1
    return s


def check_glauber_update(glauber_update) -> CheckResult:
    """Exercise 5.2: ``glauber_update(state, weights, i, temperature, u)`` returns a NEW array (a copy of
    ``state``) in which neuron i is +1 iff u < P(s_i = +1); ``state`` itself is left unchanged."""
    rng = np.random.default_rng(52)
    X = rng.choice([-1, 1], size=(2, 10))
    W = hebbian_weights(X, normalize="N")
    s = rng.choice([-1, 1], size=10)
    tie_W = np.array([[0.0, 0.5, 0.5], [0.5, 0.0, -0.5], [0.5, -0.5, 0.0]])
    tie_s = np.array([-1, 1, -1])  # neuron 0 sees h = 0
    pair_W = np.array([[0.0, 1.0], [1.0, 0.0]])
    # h = 1, T = 1: P = 0.881 with the factor 2, 0.731 without; u = 0.8 lies between
    factor = ("With h = 1 and T = 1, P(s=+1) = 1/(1+exp(-2)) = 0.881 > u = 0.8, so the neuron becomes +1. "
              "Without the factor 2 (1/(1+exp(-h/T)) = 0.731) it would become -1: use P = 1/(1+exp(-2 h / T)).")
    copy_hint = ("Return a copy: new = np.array(state) (or state.copy()), change new[i], return new; the next "
                 "cell keeps using its own state array.")
    general = ("Compute h_i = sum_j W_ij s_j (weights[i] @ state), p = 1/(1+exp(-2 h_i/T)); neuron i becomes +1 "
               "when u < p, else -1. Only neuron i changes.")
    cases = [
        Case((np.array([-1, 1]), pair_W, 0, 1.0, 0.8), np.array([1, 1]), factor, values=_PM, need_array=True,
             mutation_hint=copy_hint,
             mistakes=[(np.array([-1, 1]), factor)]),
        Case((tie_s, tie_W, 0, 0.0, 0.99), _glauber_ref(tie_s, tie_W, 0, 0.0, 0.99), values=_PM, need_array=True,
             mutation_hint=copy_hint,
             hint="At T = 0 a neuron with field exactly 0 becomes +1 whatever u is (tie rule: P = 1)."),
        Case((np.array([1, 1]), -pair_W, 0, 0.0, 0.0), np.array([-1, 1]), values=_PM, need_array=True,
             mutation_hint=copy_hint,
             hint="At T = 0 with h < 0, P(s=+1) = 0 and u = 0 is not below 0: the neuron becomes -1 "
                  "(the test is u < P, strictly)."),
        Case((np.array([1, -1]), pair_W, 1, 1.0, 0.3), np.array([1, 1]), values=_PM, need_array=True,
             mutation_hint=copy_hint,
             mistakes=[(np.array([1, -1]), "u = 0.3 < P = 0.881: the neuron becomes +1. A neuron becomes +1 "
                                           "when u < P, not when u > P.")],
             hint="Only neuron i = 1 changes; its field is weights[1] @ state = 1."),
        # s_i = +1, h = 1, T = 1: P(+1) = 0.881, P(flip) = 0.119; u = 0.05 is below both
        Case((np.array([1, 1]), pair_W, 0, 1.0, 0.05), np.array([1, 1]), values=_PM, need_array=True,
             mutation_hint=copy_hint,
             mistakes=[(np.array([-1, 1]), "u = 0.05 < P(s_i=+1) = 0.881, so the neuron becomes +1. Compare u with "
                                           "P(s_i = +1) whatever the current value of s_i, not with the probability "
                                           "of a flip (that is the same rule on average, but not the function asked).")],
             hint="Neuron i becomes +1 when u < P(s_i = +1) = 1/(1+exp(-2 h_i/T)), whatever its current value."),
    ]
    for i, t, u in [(0, 0.5, 0.3), (3, 0.5, 0.9), (7, 2.0, 0.5), (4, 0.1, 0.01), (2, 1.0, 0.0)]:
        cases.append(Case((s, W, i, t, u), _glauber_ref(s, W, i, t, u), general, values=_PM, need_array=True,
                          mutation_hint=copy_hint,
                          mistakes=[(_glauber_ref(s, W, i, t, u, factor=1.0), factor.split(". ")[-1])]))
    cases.append(Case((s, W, np.int64(5), 0.8, 0.5), _glauber_ref(s, W, 5, 0.8, 0.5), values=_PM, need_array=True,
                      hint="i may be a NumPy integer (the next cell draws it with rng.integers).",
                      call="glauber_update(state, W, np.int64(5), 0.8, 0.5)"))
    return run_cases("check_glauber_update", glauber_update, cases, what="Exercise 5.2 glauber_update",
                     needs={"heat_bath_probability": ("Exercise 5.1 heat_bath_probability",
                                                      check_heat_bath_probability)})


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
    S2 = all_states(2)
    W2 = np.array([[0.0, 1.0], [1.0, 0.0]])
    E2 = energy(S2, W2)
    close = allclose(rtol=1e-6, atol=1e-12)
    hint = ("Energy of each row E = -1/2 s^T W s, weight exp(-E/T), divided by the sum of the weights "
            "(the partition function Z).")
    mist = lambda E, T: [  # noqa: E731
        (np.exp(-E / T), "Divide by Z = the sum of exp(-E/T) over all rows (the partition function): the probabilities "
                                  "must sum to 1."),
        (np.exp(-2 * E / T) / np.exp(-2 * E / T).sum(), "E = -1/2 s^T W s includes the 1/2 (and the weight is "
                                                        "exp(-E/T), not exp(-2E/T))."),
        (np.exp(E / T) / np.exp(E / T).sum(), "The sign: low energy must mean high probability, exp(-E/T)."),
        (np.exp(-E * T) / np.exp(-E * T).sum(), "Divide the energy by the temperature: exp(-E / T)."),
    ]
    cases = [
        Case((S2[:1], W2, 1.0), np.array([1.0]), hint + " With a single row its probability is 1.", compare=close,
             mistakes=mist(E2[:1], 1.0)),
        Case((S2, W2, 1.0), _boltzmann_ref(S2, W2, 1.0), hint, compare=close, mistakes=mist(E2, 1.0),
             call="boltzmann_distribution(all_states(2), [[0, 1], [1, 0]], 1.0)"),
        Case((S4, W4, 1.0), _boltzmann_ref(S4, W4, 1.0), hint, compare=close,
             mistakes=mist(energy(S4, W4), 1.0)),
        Case((S, W, 0.5), _boltzmann_ref(S, W, 0.5), compare=close,
             hint=hint + " The course's temperature enters as exp(-E/T), not exp(-2E/T)."),
        Case((S4, 40 * W4, 0.05), _boltzmann_ref(S4, 40 * W4, 0.05), compare=close,
             hint="Large |E| / T overflows exp (inf / inf is NaN): subtract the smallest energy first, "
                  "exp(-(E - E.min()) / T) (it cancels in the ratio)."),
    ]
    return run_cases("check_boltzmann_distribution", boltzmann_distribution, cases,
                     what="Exercise 5.3 boltzmann_distribution")


def check_solve_mean_field(solve_mean_field) -> CheckResult:
    """Exercise 5.4: ``solve_mean_field(T)`` = the largest root of m = tanh(m / T), a float, for T >= 0."""
    cases = []
    for t, hint in [(0.5, "Find the positive root of m - tanh(m/T), e.g. with scipy.optimize.brentq on (1e-9, 1]. "
                          "A bracket starting at m = 0 returns the root m = 0, which always exists but is not the "
                          "largest."),
                    (0.2, "At low temperature m is close to 1."),
                    (0.95, "Close to T_c = 1 the root is small but positive: bracket it from a tiny m up to 1. "
                           "(The iteration m <- tanh(m/T) converges very slowly near T_c: a fixed number of steps "
                           "is not enough; iterate until the change is below 1e-12, or use brentq.)"),
                    (0.99, "Very close to T_c = 1 the root is about sqrt(3 (1 - T)) = 0.17: bracket it from a tiny "
                           "m (1e-12) up to 1."),
                    (1.0, "At T >= 1 the only solution is m = 0."),
                    (1.7, "At T >= 1 the only solution is m = 0 (return 0.0, not an error: brentq raises when "
                          "the function has the same sign at both ends)."),
                    (0.0, "At T = 0, tanh(m/T) is a step: m = 1. Treat T == 0 separately (m / 0 is an error).")]:
        mistakes = [(0.0, "m = 0 always solves m = tanh(m/T), but below T = 1 the largest root is positive: start "
                          "the bracket at a tiny positive m, not at 0.")] if 0 < t < 1 else []
        if 0 < t < 1:
            mistakes.append((float(np.tanh(1 / t)), "That is tanh(1/T), one step of the iteration from m = 1: "
                                                    "solve m = tanh(m/T) with brentq."))
        cases.append(Case((t,), float(mean_field_overlap(t)), hint, compare=allclose(rtol=1e-6, atol=1e-7),
                          mistakes=mistakes))
    return run_cases("check_solve_mean_field", solve_mean_field, cases, what="Exercise 5.4 solve_mean_field")
