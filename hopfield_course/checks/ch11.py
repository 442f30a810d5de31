"""Checks for the exercises of chapter 11 (asymmetric and controlled networks)."""

from __future__ import annotations

import numpy as np

from ..control import control_cost, find_cycle, sequence_weights
from ..dynamics import run
from ._core import Case, CheckResult, allclose, run_cases

__all__ = ["check_sequence_weights", "check_detect_cycle", "check_controlled_cost"]


def check_sequence_weights(seq_weights) -> CheckResult:
    """Exercise 11.1: ``seq_weights(patterns)`` = (1/N) sum_mu xi^(mu+1) (xi^mu)^T, cyclic."""
    rng = np.random.default_rng(1101)
    X3 = rng.choice([-1, 1], size=(3, 8))
    X5 = rng.choice([-1, 1], size=(5, 30))
    close = allclose(rtol=1e-9, atol=1e-12)
    cases = [
        Case((X3,), sequence_weights(X3),
             "Column j of the outer product xi^(mu+1) (xi^mu)^T is xi^(mu+1) times xi^mu_j: np.outer(next, current). "
             "Divide by N (the number of neurons).", compare=close),
        Case((X5,), sequence_weights(X5),
             "The sequence is closed: the last memory maps back to the first (np.roll can help).", compare=close),
        Case((X3[:2],), sequence_weights(X3[:2]),
             "Two memories: each maps to the other.", compare=close),
    ]
    return run_cases("check_sequence_weights", seq_weights, cases, what="Exercise 11.1 seq_weights")


def _pair(got, expected):
    if expected is None:
        return got is None
    try:
        return tuple(int(v) for v in got) == tuple(expected)
    except Exception:
        return False


def check_detect_cycle(detect_cycle) -> CheckResult:
    """Exercise 11.2: ``detect_cycle(states)`` -> (start, period) or None."""
    rng = np.random.default_rng(1102)
    X = rng.choice([-1, 1], size=(4, 20))
    W = sequence_weights(X)
    traj = run(X[0], W, mode="sync", max_steps=20, symmetric=False).states
    lead_in = np.vstack([-X[0], traj])  # a transient state before the cycle
    a, b = np.array([1, 1, -1]), np.array([1, -1, -1])
    fixed = np.array([a, b, b])
    none = np.array([a, b, -a])
    cases = [
        Case((traj,), find_cycle(traj), "The replayed sequence returns to its first memory after 4 steps: (0, 4).",
             compare=_pair),
        Case((lead_in,), find_cycle(lead_in), "A transient state comes first: the cycle starts at index 1.",
             compare=_pair),
        Case((fixed,), find_cycle(fixed), "A state followed by itself is a fixed point: period 1.", compare=_pair),
        Case((none,), None, "No state repeats: return None.", compare=_pair),
    ]
    return run_cases("check_detect_cycle", detect_cycle, cases, what="Exercise 11.2 detect_cycle")


def check_controlled_cost(controlled_cost) -> CheckResult:
    """Exercise 11.3: ``controlled_cost(u0, A, xi, dt, steps, lam, mu, gain)`` for a constant control."""
    rng = np.random.default_rng(1103)
    A = rng.normal(size=(3, 3))
    u0 = rng.normal(size=3)
    xi = 0.2 * rng.normal(size=(3, 3))

    def ref(u0, A, xi, dt, steps, lam, mu, gain):
        return control_cost(u0, A, xi[None], dt=dt, steps_per_segment=steps, gain=gain, lam=lam, mu=mu)[0]

    close = allclose(rtol=1e-9, atol=1e-12)
    specs = [
        ((u0, A, np.zeros((3, 3)), 0.1, 50, 0.0, 0.5, 1.0),
         "Without control and without discount J = dt * sum_t (1 - mu) |X_t|^2 with X_t = (A + xi) tanh(gain u_t) - u_t."),
        ((u0, A, xi, 0.1, 50, 0.0, 0.5, 1.0), "Add mu * |xi|^2 (sum of squares of all entries) at every step."),
        ((u0, A, xi, 0.1, 50, 0.5, 0.3, 1.0), "Weight step t (time t * dt) by exp(-lam * t * dt); the first step has weight 1."),
        ((u0, A, xi, 0.05, 80, 0.2, 0.7, 2.0), "The gain enters through g(u) = tanh(gain * u); update u <- u + dt * X after "
                                               "adding the cost of step t."),
    ]
    cases = [Case(args, ref(*args), hint, compare=close) for args, hint in specs]
    return run_cases("check_controlled_cost", controlled_cost, cases, what="Exercise 11.3 controlled_cost")
