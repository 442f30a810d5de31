"""Checks for the exercises of chapter 11 (asymmetric and controlled networks).

Unlike chapter 10, this chapter's exercise notebook does not forbid the package's own versions
(``hc.sequence_weights``, ``hc.find_cycle``, ``hc.control_cost``): an answer that calls them is judged on its
result like any other.
"""

from __future__ import annotations

import ast
import dis
import inspect
import numbers
import textwrap

import numpy as np

from ..control import control_cost, find_cycle
from ..learning_rules import sequence_weights
from ..dynamics import run
from ._core import Case, CheckResult, allclose, describe, float32_validate, fmt, run_cases

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
        p, n = X.shape
        nxt = np.roll(X, -1, axis=0)
        M = nxt.T @ X  # the sum of the outer products, not yet divided by N
        W = M / n
        zero = W - np.diag(np.diag(W))
        # np.roll(X, 1, axis=0).T @ X / n (the "next" memory is the previous one) IS the transpose of W
        return [(W.T, "This matrix is transposed: it maps each memory to the PREVIOUS one. Either your 'next' is "
                      "the previous memory: np.roll(patterns, -1, axis=0) gives the next one (np.roll(patterns, 1, "
                      "axis=0) the previous one); or the outer product is the wrong way round: W = sum xi^(mu+1) "
                      "(xi^mu)^T, column j holds xi^mu_j times the NEXT memory: np.outer(next, current), or "
                      "following.T @ patterns."),
                (nxt[:-1].T @ X[:-1] / n, "Close the loop: the last memory maps back to the first "
                                          "(np.roll(patterns, -1, axis=0))."),
                (np.roll(X, -1, axis=1).T @ X / n,
                 "Roll along axis=0 (the memories), not the neurons: np.roll(patterns, -1, axis=0) puts the NEXT "
                 "memory in each row; axis=1 shifts the neurons of every memory."),
                (np.roll(X, -1).T @ X / n,
                 "Roll along axis=0 (the memories), not the neurons: without axis=, np.roll shifts the flattened "
                 "array by one entry; use np.roll(patterns, -1, axis=0)."),
                (M / np.sqrt(n), "Divide by N, not √N: W = (1/N) sum_mu xi^(mu+1) (xi^mu)^T with N = "
                                 "patterns.shape[1] (no np.sqrt)."),
                (M, "Divide the sum of outer products by N, the number of neurons (patterns.shape[1])."),
                (M / p, "Divide by N, the number of neurons (patterns.shape[1]), not by p, the number of memories."),
                (M / (n - 1), "Divide by N, the number of neurons (patterns.shape[1]), not by N - 1: the diagonal is "
                              "kept here, so all N terms count."),
                (M / (p * n), "Divide by N only (patterns.shape[1]), not by p * N (patterns.size)."),
                (np.floor_divide(M, n), "`//` is integer (floor) division: it rounds every weight down. Divide "
                                        "with `/`."),
                (zero, "Keep the diagonal: this is not a Hopfield network, W_ii can be non-zero.")]

    def case(X, hint):
        expected = sequence_weights(X)
        return Case((X,), expected, hint, compare=close, need_array=True, mistakes=mistakes(X),
                    validate=float32_validate(expected, close))

    cases = [
        case(X3[:2], "Two memories: each maps to the other (the loop is closed)."),
        case(X3, "Column j of the outer product xi^(mu+1) (xi^mu)^T is xi^(mu+1) times xi^mu_j: np.outer(next, "
                 "current). Divide by N (the number of neurons)."),
        case(X5, "The sequence is closed: the last memory maps back to the first (np.roll can help)."),
    ]
    with np.errstate(all="ignore"):
        return run_cases("check_sequence_weights", seq_weights, cases, what="Exercise 11.1 seq_weights")


def _returns_a_value(func) -> bool:
    """False when no `return` statement of ``func`` gives a value (it always returns None: a forgotten `return`,
    or a print instead of a return); True when one may (or when the code cannot be inspected)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
        node = tree.body[0]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            todo = list(node.body)
            while todo:
                n = todo.pop()
                if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                    continue
                if isinstance(n, ast.Return) and n.value is not None and not (
                        isinstance(n.value, ast.Constant) and n.value.value is None):
                    return True
                todo.extend(ast.iter_child_nodes(n))
            return False
    except Exception:
        pass
    try:  # no source (or a lambda): look at the bytecode
        instructions = list(dis.get_instructions(func.__code__))
    except Exception:
        return True
    for k, ins in enumerate(instructions):
        if ins.opname == "RETURN_CONST" and ins.argval is not None:
            return True
        if ins.opname == "RETURN_VALUE":
            previous = instructions[k - 1] if k else None
            if not (previous is not None and previous.opname == "LOAD_CONST" and previous.argval is None):
                return True
    return False


def _tuple_of_ints(got):
    """``Case.validate`` of Exercise 11.2: the answer must be a tuple of two ints (or None)."""
    if got is None:
        return None
    if isinstance(got, list):
        return (f"expected a tuple (start, period), got a list {fmt(got, 40)}.",
                "return (start, period) with parentheses, a tuple, as the exercise asks (not a list).")
    if isinstance(got, tuple) and len(got) == 2:
        for k, (part, label) in enumerate(zip(got, ("start", "period"))):
            if isinstance(part, (bool, np.bool_)) or not isinstance(part, (numbers.Integral, np.integer)):
                return (f"part {k + 1} of the tuple ({label}) is {describe(part)}: start and period are ints.",
                        "indices and numbers of steps are ints: return (start, period) of ints, e.g. "
                        "(int(start), int(period)), not floats.")
    return None


def check_detect_cycle(detect_cycle) -> CheckResult:
    """Exercise 11.2: ``detect_cycle(states)`` -> the tuple (start, period) of ints, or None.

    A list or floats are refused (the exercise asks for a tuple of ints); a function whose `return` statements
    never give a value (a print instead of a return) is asked whether it forgot `return`. The last trajectory
    runs on past its first repetition, so that reporting the last repetition is caught."""
    rng = np.random.default_rng(1102)
    X = rng.choice([-1, 1], size=(4, 20))
    W = sequence_weights(X)
    traj = run(X[0], W, mode="sync", max_steps=20, symmetric=False).states
    lead_in = np.vstack([-X[0], traj])  # a transient state before the cycle
    second_lap = np.vstack([lead_in, traj[1:]])  # ... and the cycle once more: it runs past its first repetition
    a, b = np.array([1, 1, -1]), np.array([1, -1, -1])
    fixed = np.array([a, b, b])
    none = np.array([a, b, -a])
    parts = ("start", "period")
    allow_none = _returns_a_value(detect_cycle) if callable(detect_cycle) else True

    def mistakes(states):
        found = _cycle(states)
        if found is None:
            return []
        start, period = found
        later = [(pair, "Report the FIRST repetition: stop (return) as soon as a state comes back, do not go on "
                        "to a later one.") for pair in _later_repetitions(states)]
        return later + [
            ((period, start), "The order is (start, period): the index of the first appearance first."),
            ((start + period, period), "start is the index of the FIRST appearance of the repeated state, not of "
                                       "its return.")]

    every = " Compare each state with ALL the earlier ones, not only with the previous or the first state."

    def case(states, expected, hint):
        return Case((states,), expected, hint, parts=parts, mistakes=mistakes(states), allow_none=allow_none,
                    validate=_tuple_of_ints)

    cases = [
        case(fixed, _cycle(fixed), "A state followed by itself is a fixed point: start 1, period 1." + every),
        Case((none,), None, "No state repeats: return None (not (0, 0) or False)."),
        case(traj, _cycle(traj), "The replayed sequence returns to its first memory after 4 steps: (0, 4)." + every),
        case(lead_in, _cycle(lead_in), "A transient state comes first: the cycle starts at index 1." + every),
        case(second_lap, _cycle(second_lap),
             "This trajectory goes round the cycle twice: report the FIRST repetition, (1, 4), and stop there."),
    ]
    return run_cases("check_detect_cycle", detect_cycle, cases, what="Exercise 11.2 detect_cycle")


def _later_repetitions(states):
    """Every (start, period) pair of equal states other than the first repetition (typical wrong answers: the last
    repetition, the last state only, the latest pair of a double loop)."""
    S = [np.asarray(s).tobytes() for s in np.asarray(states)]
    first = _cycle(states)
    pairs = []
    for t in range(len(S)):
        for u in range(t):
            if S[u] == S[t] and (u, t - u) != first and (u, t - u) not in pairs:
                pairs.append((u, t - u))
    return pairs


def _cost_variant(u0, A, xi, dt, steps, lam, mu, gain, *, late_discount=False, step_first=False, norm=False,
                  gain_outside=False, transposed=False, no_xi_dynamics=False, xi_transposed=False, xi_on_u=False):
    u = np.array(u0, dtype=float)
    cost = 0.0
    size = float(np.sqrt(np.sum(xi ** 2))) if norm else float(np.sum(xi ** 2))
    M = A if no_xi_dynamics or xi_on_u else A + (xi.T if xi_transposed else xi)
    if transposed:
        M = M.T
    for t in range(steps):
        g = gain * np.tanh(u) if gain_outside else np.tanh(gain * u)
        X = M @ g - u + (xi @ u if xi_on_u else 0)
        if step_first:
            u = u + dt * X
            X = M @ np.tanh(gain * u) - u
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
                                                         "g(u) = tanh(gain * u)."),
               (_cost_variant(*args, no_xi_dynamics=True), "X = (A + xi) tanh(gain u) - u: the control also acts on "
                                                           "the dynamics, not only on the cost (use A + xi, not A, "
                                                           "in X)."),
               (_cost_variant(*args, xi_on_u=True), "The control adds to the couplings: X = (A + xi) @ "
                                                    "np.tanh(gain * u) - u, so xi multiplies tanh(gain * u) like A "
                                                    "does (not u: xi @ u)."),
               (_cost_variant(*args, xi_transposed=True), "Use xi as it is, not xi.T: X = (A + xi) @ "
                                                          "np.tanh(gain * u) - u."),
               (_cost_variant(*args, transposed=True), "You used the transposed couplings: X = (A + xi) @ "
                                                       "np.tanh(gain * u) - u (the matrix times the vector), not "
                                                       "np.tanh(gain * u) @ (A + xi), which is (A + xi).T times it.")]
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
    cases = [Case(args, ref(*args), hint, compare=close, mistakes=mistakes(args), mutation_hint=copy_hint,
                  validate=float32_validate(ref(*args), close))
             for args, hint in specs]
    with np.errstate(all="ignore"):
        return run_cases("check_controlled_cost", controlled_cost, cases, what="Exercise 11.3 controlled_cost")
