"""Checks for the exercises of chapter 11 (asymmetric and controlled networks)."""

from __future__ import annotations

import numpy as np

from ..control import control_cost, find_cycle
from ..learning_rules import sequence_weights
from ..dynamics import run
from ._core import Case, CheckResult, allclose, run_cases

__all__ = ["check_sequence_weights", "check_detect_cycle", "check_controlled_cost"]


def _cycle(states):
    """The reference answer as the exercise returns it: (start, period) or None."""
    found = find_cycle(states)
    return None if found is None else (found.start, found.period)


def check_sequence_weights(seq_weights) -> CheckResult:
    """Exercise 11.1: ``seq_weights(patterns)`` = (1/N) sum_mu xi^(mu+1) (xi^mu)^T, cyclic, diagonal kept; a NumPy
    array (N, N)."""
    rng = np.random.default_rng(1101)
    X3 = rng.choice([-1, 1], size=(3, 8))
    X5 = rng.choice([-1, 1], size=(5, 30))
    close = allclose(rtol=1e-9, atol=1e-12)

    def mistakes(X):
        X = np.asarray(X, dtype=float)
        n = X.shape[1]
        nxt = np.roll(X, -1, axis=0)
        W = nxt.T @ X / n
        zero = W - np.diag(np.diag(W))
        return [(W.T, "This matrix is transposed: W = sum xi^(mu+1) (xi^mu)^T maps xi^mu to xi^(mu+1), so column j "
                      "holds xi^mu_j times the NEXT memory: np.outer(next, current), or following.T @ patterns."),
                (nxt[:-1].T @ X[:-1] / n, "Close the loop: the last memory maps back to the first "
                                          "(np.roll(patterns, -1, axis=0))."),
                (W * n, "Divide by N, the number of neurons (patterns.shape[1]), not by p."),
                (W * n / X.shape[0], "Divide by N, the number of neurons (patterns.shape[1]), not by p."),
                (zero, "Keep the diagonal: this is not a Hopfield network, W_ii can be non-zero.")]

    cases = [
        Case((X3[:2],), sequence_weights(X3[:2]), compare=close, need_array=True, mistakes=mistakes(X3[:2]),
             hint="Two memories: each maps to the other (the loop is closed)."),
        Case((X3,), sequence_weights(X3), compare=close, need_array=True, mistakes=mistakes(X3),
             hint="Column j of the outer product xi^(mu+1) (xi^mu)^T is xi^(mu+1) times xi^mu_j: np.outer(next, "
                  "current). Divide by N (the number of neurons)."),
        Case((X5,), sequence_weights(X5), compare=close, need_array=True, mistakes=mistakes(X5),
             hint="The sequence is closed: the last memory maps back to the first (np.roll can help)."),
    ]
    return run_cases("check_sequence_weights", seq_weights, cases, what="Exercise 11.1 seq_weights")


def check_detect_cycle(detect_cycle) -> CheckResult:
    """Exercise 11.2: ``detect_cycle(states)`` -> the tuple (start, period) of ints, or None."""
    rng = np.random.default_rng(1102)
    X = rng.choice([-1, 1], size=(4, 20))
    W = sequence_weights(X)
    traj = run(X[0], W, mode="sync", max_steps=20, symmetric=False).states
    lead_in = np.vstack([-X[0], traj])  # a transient state before the cycle
    a, b = np.array([1, 1, -1]), np.array([1, -1, -1])
    fixed = np.array([a, b, b])
    none = np.array([a, b, -a])
    parts = ("start", "period")

    def mistakes(states):
        found = _cycle(states)
        if found is None:
            return []
        start, period = found
        return [((period, start), "The order is (start, period): the index of the first appearance first."),
                ((start + period, period), "start is the index of the FIRST appearance of the repeated state, not "
                                           "of its return.")]

    every = " Compare each state with ALL the earlier ones, not only with the previous or the first state."
    cases = [
        Case((fixed,), _cycle(fixed), "A state followed by itself is a fixed point: start 1, period 1." + every,
             parts=parts, mistakes=mistakes(fixed), allow_none=True),
        Case((none,), None, "No state repeats: return None (not (0, 0) or False)."),
        Case((traj,), _cycle(traj), "The replayed sequence returns to its first memory after 4 steps: (0, 4)."
             + every, parts=parts, mistakes=mistakes(traj), allow_none=True),
        Case((lead_in,), _cycle(lead_in), "A transient state comes first: the cycle starts at index 1." + every,
             parts=parts, mistakes=mistakes(lead_in), allow_none=True),
    ]
    return run_cases("check_detect_cycle", detect_cycle, cases, what="Exercise 11.2 detect_cycle")


def _cost_variant(u0, A, xi, dt, steps, lam, mu, gain, *, late_discount=False, step_first=False, norm=False,
                  gain_outside=False):
    u = np.array(u0, dtype=float)
    cost = 0.0
    size = float(np.sqrt(np.sum(xi ** 2))) if norm else float(np.sum(xi ** 2))
    for t in range(steps):
        g = gain * np.tanh(u) if gain_outside else np.tanh(gain * u)
        X = (A + xi) @ g - u
        if step_first:
            u = u + dt * X
            X = (A + xi) @ np.tanh(gain * u) - u
        cost += dt * np.exp(-lam * (t + late_discount) * dt) * ((1 - mu) * X @ X + mu * size)
        if not step_first:
            u = u + dt * X
    return cost


def check_controlled_cost(controlled_cost) -> CheckResult:
    """Exercise 11.3: ``controlled_cost(u0, A, xi, dt, steps, lam, mu, gain)`` for a constant control: a float;
    ``u0`` is not changed."""
    rng = np.random.default_rng(1103)
    A = rng.normal(size=(3, 3))
    u0 = rng.normal(size=3)
    xi = 0.2 * rng.normal(size=(3, 3))

    def ref(u0, A, xi, dt, steps, lam, mu, gain):
        return control_cost(u0, A, xi[None], dt=dt, steps_per_segment=steps, gain=gain, lam=lam, mu=mu).cost

    def mistakes(args):
        out = [(_cost_variant(*args, late_discount=True), "The first step has weight exp(0) = 1: weight step t by "
                                                          "exp(-lam * t * dt), t = 0, 1, ..."),
               (_cost_variant(*args, step_first=True), "Add the cost of step t BEFORE the Euler step: X_t is computed "
                                                       "at u_t."),
               (_cost_variant(*args, norm=True), "|xi|^2 is the sum of the SQUARES of all entries (np.sum(xi ** 2)), "
                                                 "not the norm."),
               (_cost_variant(*args, gain_outside=True), "The gain multiplies u inside the tanh: "
                                                         "g(u) = tanh(gain * u).")]
        return [(v, h) for v, h in out if not np.isclose(v, ref(*args), rtol=1e-9)]

    close = allclose(rtol=1e-9, atol=1e-12)
    copy_hint = "Start with u = np.array(u0, dtype=float): `u += dt * X` would change the caller's u0."
    specs = [
        ((u0, A, np.zeros((3, 3)), 0.1, 1, 0.0, 0.0, 1.0),
         "One step, no control, mu = 0: J = dt * |X_0|^2 with X_0 = A tanh(gain u0) - u0."),
        ((u0, A, np.zeros((3, 3)), 0.1, 50, 0.0, 0.5, 1.0),
         "Without control and without discount J = dt * sum_t (1 - mu) |X_t|^2 with X_t = (A + xi) tanh(gain u_t) - u_t."),
        ((u0, A, xi, 0.1, 50, 0.0, 0.5, 1.0), "Add mu * |xi|^2 (sum of squares of all entries) at every step."),
        ((u0, A, xi, 0.1, 50, 0.5, 0.3, 1.0), "Weight step t (time t * dt) by exp(-lam * t * dt); the first step has weight 1."),
        ((u0, A, xi, 0.05, 80, 0.2, 0.7, 2.0), "The gain enters through g(u) = tanh(gain * u); update u <- u + dt * X after "
                                               "adding the cost of step t."),
    ]
    cases = [Case(args, ref(*args), hint, compare=close, mistakes=mistakes(args), mutation_hint=copy_hint)
             for args, hint in specs]
    return run_cases("check_controlled_cost", controlled_cost, cases, what="Exercise 11.3 controlled_cost")
