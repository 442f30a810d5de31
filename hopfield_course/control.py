"""Asymmetric couplings and the controlled model of Cardin, Lovison, Maritan and Megighian (2023).

Binary sequences
----------------
With asymmetric weights there is no energy, and synchronous dynamics can run around a cycle:
:func:`~hopfield_course.learning_rules.sequence_weights` (Amari 1972; Sompolinsky and Kanter
1986) stores a sequence, and :func:`find_cycle` finds the first repetition in any recorded
trajectory of discrete states.

The controlled model (the slides of Cardin et al. 2023, arXiv:2305.14360)
------------------------------------------------------------------------
``du/dt = (A + xi(t)) g(u) - u`` (the graded network of :mod:`hopfield_course.graded` with
R = C = 1, I = 0 and couplings ``T = A + xi``) with bounded controls ``|xi_ij| <= K`` on existing
synapses (``A_ij != 0``) and ``|xi_ij| <= k << K`` on silent ones (``A_ij = 0``), chosen to
minimise the discounted cost

    J_mu = int_0^inf [ (1 - mu) |X(u, xi)|^2 + mu |xi|^2 ] e^(-lambda t) dt

(``mu = 1/2`` is the slides' ``|X|^2 + |xi|^2`` up to a factor 2). :func:`solve_control`
solves a finite-horizon discretisation: explicit Euler steps of length ``dt`` up to a horizon,
controls piecewise constant on ``segments`` intervals, the exact gradient of the discretised
cost by a reverse (adjoint) sweep through the Euler rollout (``control_cost_kernel``, numba,
with its twin ``control_cost_kernel_numpy``), and L-BFGS-B from SciPy for the box constraints.
:func:`classify_outcome` then freezes the last control, ``T = A + xi_final``, and names what
happened: recognised, recorded, limit cycle or wandering.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

import numpy as np
from numba import njit

from ._validation import _finite_numeric, as_choice, as_float, as_int, as_states, as_weights
from .graded import GradedResult, continuous_rhs, integrate, limit_cycle_period, two_neuron_couplings

__all__ = [
    "find_cycle",
    "Cycle",
    "CONTROL_SCENARIOS",
    "control_scenario",
    "control_bounds",
    "control_cost",
    "ControlCost",
    "control_cost_kernel",
    "control_cost_kernel_numpy",
    "ControlResult",
    "solve_control",
    "controlled_rollout",
    "classify_outcome",
    "Outcome",
]

#: at most this many Euler steps in one rollout or cost evaluation
MAX_STEPS = 2_000_000


# --------------------------------------------------------------------------- binary cycles
@dataclass
class Cycle:
    """The first repetition in a trajectory: ``states[start] == states[start + period]``.

    Unpacks as a pair: ``start, period = find_cycle(states)``.
    """

    start: int
    period: int

    def __iter__(self):
        return iter((self.start, self.period))


def find_cycle(states):
    """First repetition in a recorded trajectory of discrete states (rows of ``states``).

    Returns a :class:`Cycle` (``start``: the earliest index on the cycle, ``period``; a fixed
    point has period 1), or None when no state repeats.
    """
    S = as_states(states)
    seen = {}
    for t, row in enumerate(S):
        key = row.tobytes()
        if key in seen:
            return Cycle(seen[key], t - seen[key])
        seen[key] = t
    return None


# --------------------------------------------------------------------------- example networks
CONTROL_SCENARIOS = ("noisy memory", "new pattern", "oscillator")


@dataclass
class Scenario:
    """A small network of chapter 11: couplings ``A``, start ``u0`` and ``gain``."""

    A: np.ndarray
    u0: np.ndarray
    gain: float
    memories: np.ndarray | None = None

    def __iter__(self):
        return iter((self.A, self.u0, self.gain))


def control_scenario(name):
    """The small networks of chapter 11's controlled model, as a :class:`Scenario` (unpacks as ``A, u0, gain``).

    * ``"noisy memory"`` / ``"new pattern"``: 6 neurons storing two memories
      ``(1,1,1,1,-1,-1)`` and ``(1,-1,1,-1,1,-1)`` with Hebb's rule (``A = 2/N sum xi xi^T``, zero
      diagonal, gain 2); the input is memory 1 at half strength with neuron 4 pushed towards -1
      (``u0 = (0.5, 0.5, 0.5, -0.4, -0.5, -0.5)``), or the pattern ``(1,1,-1,-1,1,1)``, which is not stored;
    * ``"oscillator"``: two neurons with ``T = [[1.2, -1], [1, 1.2]]`` (a limit cycle), gain 1.
    """
    name = as_choice(name, "name", CONTROL_SCENARIOS)
    if name == "oscillator":
        return Scenario(two_neuron_couplings(1.2, 1.0), np.array([0.5, 0.0]), 1.0)
    p = np.array([[1, 1, 1, 1, -1, -1], [1, -1, 1, -1, 1, -1]], dtype=float)
    A = 2 * (p.T @ p) / p.shape[1]
    np.fill_diagonal(A, 0)
    if name == "noisy memory":
        u0 = 0.5 * p[0] + np.array([0, 0, 0, -0.9, 0, 0])
    else:
        u0 = np.array([1, 1, -1, -1, 1, 1], dtype=float)
    return Scenario(A, u0, 2.0, p.astype(np.int64))


# --------------------------------------------------------------------------- validation
def _matrix(T, name="A"):
    return as_weights(T, name, symmetric=False, zero_diagonal=False).astype(np.float64)


def _vector(u, n, name="u0"):
    arr = _finite_numeric(name, u).astype(np.float64)
    if arr.shape != (n,):
        raise ValueError(f"{name}: expected shape ({n},) to match the couplings, got shape {arr.shape}")
    return arr


def _controls(xi, n, name="xi"):
    arr = _finite_numeric(name, xi).astype(np.float64)
    if arr.ndim == 2:
        arr = arr[None]
    if arr.ndim != 3 or arr.shape[1:] != (n, n) or arr.shape[0] == 0:
        raise ValueError(f"{name}: expected shape (segments, {n}, {n}) or ({n}, {n}), got {arr.shape}")
    return np.ascontiguousarray(arr)


def _n_steps(n_seg, sps, dt, tail):
    steps = n_seg * sps + int(round(tail / dt))
    if steps > MAX_STEPS:
        raise ValueError(f"dt: the rollout needs {steps} Euler steps, more than the cap of {MAX_STEPS}; raise dt")
    return steps


def control_bounds(A, *, big_k=1.0, small_k=0.05):
    """Elementwise bound on ``|xi_ij|``: ``big_k`` where ``A_ij != 0`` (existing synapse), ``small_k`` where silent."""
    A = _matrix(A)
    big_k = as_float(big_k, "big_k", minimum=0.0)
    small_k = as_float(small_k, "small_k", minimum=0.0, maximum=big_k)
    return np.where(A != 0, big_k, small_k)


@njit(cache=True, nogil=True)
def control_cost_kernel(u0, A, xi, dt, steps_per_segment, steps, gain, lam, mu, grad):
    """Discounted cost of an Euler rollout and its exact gradient with respect to the controls.

    ``xi`` has shape (S, N, N): control segment s acts during Euler steps
    ``s * steps_per_segment ... (s+1) * steps_per_segment - 1``; the last segment also acts on
    all later steps, up to ``steps`` (>= S * steps_per_segment) in total. Step t contributes
    ``dt e^(-lam t dt) [(1 - mu) |X_t|^2 + mu |xi_s|^2]`` with ``X_t = (A + xi_s) g(u_t) - u_t`` and
    ``u_(t+1) = u_t + dt X_t``. Writes dJ/dxi into ``grad`` (same shape as xi); returns J.
    """
    n_seg = xi.shape[0]
    n = u0.shape[0]
    us = np.empty((steps + 1, n))
    xs = np.empty((steps, n))
    gv = np.empty(n)
    us[0, :] = u0
    cost = 0.0
    for t in range(steps):
        s = min(t // steps_per_segment, n_seg - 1)
        w = dt * np.exp(-lam * t * dt)
        xnorm = 0.0
        for j in range(n):
            gv[j] = np.tanh(gain * us[t, j])
        for i in range(n):
            acc = -us[t, i]
            for j in range(n):
                acc += (A[i, j] + xi[s, i, j]) * gv[j]
            xs[t, i] = acc
            xnorm += acc * acc
        cnorm = 0.0
        for i in range(n):
            for j in range(n):
                cnorm += xi[s, i, j] * xi[s, i, j]
        cost += w * ((1.0 - mu) * xnorm + mu * cnorm)
        for i in range(n):
            us[t + 1, i] = us[t, i] + dt * xs[t, i]
    for s in range(n_seg):
        for i in range(n):
            for j in range(n):
                grad[s, i, j] = 0.0
    adj = np.zeros(n)
    b = np.empty(n)
    g = np.empty(n)
    for t in range(steps - 1, -1, -1):
        s = min(t // steps_per_segment, n_seg - 1)
        w = dt * np.exp(-lam * t * dt)
        for i in range(n):
            b[i] = 2.0 * w * (1.0 - mu) * xs[t, i] + dt * adj[i]
            g[i] = np.tanh(gain * us[t, i])
        for i in range(n):
            for j in range(n):
                grad[s, i, j] += b[i] * g[j] + 2.0 * w * mu * xi[s, i, j]
        for j in range(n):
            acc = 0.0
            for i in range(n):
                acc += (A[i, j] + xi[s, i, j]) * b[i]
            adj[j] = acc * gain * (1.0 - g[j] * g[j]) - b[j] + adj[j]
    return cost


def control_cost_kernel_numpy(u0, A, xi, dt, steps_per_segment, steps, gain, lam, mu, grad):
    """NumPy twin of :func:`control_cost_kernel` (same recursion, vectorised inner loops)."""
    n_seg, n = xi.shape[0], u0.shape[0]
    us = np.empty((steps + 1, n))
    xs = np.empty((steps, n))
    us[0] = u0
    cost = 0.0
    for t in range(steps):
        s = min(t // steps_per_segment, n_seg - 1)
        w = dt * np.exp(-lam * t * dt)
        xs[t] = (A + xi[s]) @ np.tanh(gain * us[t]) - us[t]
        cost += w * ((1.0 - mu) * float(xs[t] @ xs[t]) + mu * float((xi[s] ** 2).sum()))
        us[t + 1] = us[t] + dt * xs[t]
    grad[...] = 0.0
    adj = np.zeros(n)
    for t in range(steps - 1, -1, -1):
        s = min(t // steps_per_segment, n_seg - 1)
        w = dt * np.exp(-lam * t * dt)
        b = 2.0 * w * (1.0 - mu) * xs[t] + dt * adj
        g = np.tanh(gain * us[t])
        grad[s] += np.outer(b, g) + 2.0 * w * mu * xi[s]
        adj = ((A + xi[s]).T @ b) * gain * (1.0 - g * g) - b + adj
    return cost


@dataclass
class ControlCost:
    """The discretised cost ``J_mu`` of :func:`control_cost` and its gradient ``dJ/dxi`` (segments, N, N)."""

    cost: float
    gradient: np.ndarray

    def __iter__(self):
        return iter((self.cost, self.gradient))


def _cost_options(dt, steps_per_segment, gain, lam, mu, tail):
    return (as_float(dt, "dt", positive=True), as_int(steps_per_segment, "steps_per_segment", minimum=1),
            as_float(gain, "gain", positive=True), as_float(lam, "lam", minimum=0.0),
            as_float(mu, "mu", minimum=0.0, maximum=1.0), as_float(tail, "tail", minimum=0.0))


def control_cost(u0, A, xi, *, dt=0.05, steps_per_segment=10, gain=1.0, lam=0.2, mu=0.5, tail=0.0, engine="numba"):
    """The discretised discounted cost ``J_mu`` of the piecewise-constant controls ``xi`` (S, N, N).

    Step t of the Euler rollout contributes ``dt e^(-lam t dt) [(1 - mu) |X_t|^2 + mu |xi_s|^2]``;
    the last control segment is held for ``tail`` more time units (the synapses keep it).
    ``xi`` of shape (N, N) is read as one segment. Returns a :class:`ControlCost` (unpacks as
    ``J, grad``); ``engine="numpy"`` runs the twin of the kernel.
    """
    A = _matrix(A)
    n = A.shape[0]
    u0 = _vector(u0, n)
    xi = _controls(xi, n)
    dt, sps, gain, lam, mu, tail = _cost_options(dt, steps_per_segment, gain, lam, mu, tail)
    kernel = {"numba": control_cost_kernel, "numpy": control_cost_kernel_numpy}[as_choice(engine, "engine",
                                                                                           ("numba", "numpy"))]
    steps = _n_steps(xi.shape[0], sps, dt, tail)
    grad = np.empty_like(xi)
    J = kernel(u0, A, xi, dt, sps, steps, gain, lam, mu, grad)
    if not np.isfinite(J):
        raise FloatingPointError(f"control_cost: the cost overflowed (dt = {dt} too large for these couplings?)")
    return ControlCost(float(J), grad)


def controlled_rollout(u0, A, xi, *, dt=0.05, steps_per_segment=10, gain=1.0, tail=0.0, method="euler"):
    """The trajectory under piecewise-constant controls (the last one held for ``tail``).

    Each segment s runs :func:`~hopfield_course.graded.integrate` with couplings ``A + xi[s]``:
    ``method="euler"`` is the optimiser's own model (the rollout whose cost :func:`solve_control`
    minimises), ``method="rk4"`` the same controls applied to the equation itself, on the same time
    grid (classical Runge-Kutta; at ``dt = 0.05`` its error is far below what the figures show, where
    explicit Euler turns a slowly damped oscillation into a growing one). Returns a
    :class:`~hopfield_course.graded.GradedResult` (energies NaN).
    """
    A = _matrix(A)
    n = A.shape[0]
    u = _vector(u0, n)
    xi = _controls(xi, n)
    method = as_choice(method, "method", ("euler", "rk4"))
    dt, sps, gain, _, _, tail = _cost_options(dt, steps_per_segment, gain, 0.0, 0.5, tail)
    steps = _n_steps(xi.shape[0], sps, dt, tail)
    pieces = [u[None]]
    done = 0
    for s in range(xi.shape[0]):
        k = sps if s < xi.shape[0] - 1 else steps - done
        if k == 0:
            break
        seg = integrate(pieces[-1][-1], A + xi[s], method=method, dt=dt, steps=k, gain=gain)
        pieces.append(seg.u[1:])
        done += k
    us = np.concatenate(pieces)
    return GradedResult(np.arange(steps + 1) * dt, us, np.tanh(gain * us), np.full(steps + 1, np.nan), method, dt)


@dataclass
class ControlResult:
    """Optimal controls of :func:`solve_control` and the trajectory they produce.

    ``xi`` (segments, N, N); ``cost`` and ``cost_uncontrolled`` (xi = 0); ``t``, ``u`` the
    Euler trajectory up to the end of the tail; ``settings`` the discretisation used and the start
    ``u0``.
    """

    xi: np.ndarray
    cost: float
    cost_uncontrolled: float
    t: np.ndarray = dc_field(repr=False)
    u: np.ndarray = dc_field(repr=False)
    iterations: int = 0
    success: bool = True
    settings: dict = dc_field(default_factory=dict, repr=False)

    @property
    def xi_final(self):
        """The control in force at the end of the horizon (what the synapses keep)."""
        return self.xi[-1]

    @property
    def control_norms(self):
        """``|xi_s|`` (Frobenius) for every segment."""
        return np.sqrt((self.xi ** 2).sum(axis=(1, 2)))


def solve_control(u0, A, *, horizon=10.0, dt=0.05, segments=10, gain=1.0, lam=0.3, mu=0.5,
                  big_k=1.0, small_k=0.05, max_iter=300, xi0=None, tail=None):
    """Minimise the discretised ``J_mu`` over bounded piecewise-constant controls (L-BFGS-B).

    The horizon is cut into ``segments`` control intervals of ``horizon / segments`` time, each
    integrated with Euler steps of ``dt``. The infinite horizon is approximated by holding the
    last control for ``tail`` more time units (default ``5 / lam``, where the discount has
    fallen below e^-5 of its start, capped at 60): what the synapses keep is paid for. Bounds:
    ``|xi_ij| <= big_k`` on synapses with ``A_ij != 0``, ``<= small_k`` on silent ones. Starts
    from ``xi0`` (default: no control). Returns a :class:`ControlResult`.
    """
    from scipy.optimize import minimize
    from threadpoolctl import threadpool_limits

    A = _matrix(A)
    n = A.shape[0]
    u0 = _vector(u0, n)
    segments = as_int(segments, "segments", minimum=1, maximum=1000)
    horizon = as_float(horizon, "horizon", positive=True)
    dt = as_float(dt, "dt", positive=True, maximum=horizon / segments)
    gain = as_float(gain, "gain", positive=True)
    lam = as_float(lam, "lam", minimum=0.0)
    mu = as_float(mu, "mu", minimum=0.0, maximum=1.0)
    max_iter = as_int(max_iter, "max_iter", minimum=1, maximum=100_000)
    sps = max(1, int(round(horizon / segments / dt)))
    if tail is None:
        tail = min(5.0 / lam, 60.0) if lam > 0 else 60.0
    tail = as_float(tail, "tail", minimum=0.0)
    steps = _n_steps(segments, sps, dt, tail)
    bound = control_bounds(A, big_k=big_k, small_k=small_k)
    shape = (segments, n, n)
    if xi0 is None:
        start = np.zeros(shape)
    else:
        start = _controls(xi0, n, "xi0")
        if start.shape != shape:
            raise ValueError(f"xi0: expected shape {shape} (one control per segment), got {start.shape}")
        start = np.clip(start, -bound, bound)
    grad = np.empty(shape)

    def fun(flat):
        J = control_cost_kernel(u0, A, flat.reshape(shape), dt, sps, steps, gain, lam, mu, grad)
        return J, grad.ravel().copy()

    J0 = fun(np.zeros(int(np.prod(shape))))[0]
    if not np.isfinite(J0):
        raise FloatingPointError(f"solve_control: the uncontrolled cost overflowed (dt = {dt} too large?)")
    bounds = list(zip((-np.broadcast_to(bound, shape)).ravel(), np.broadcast_to(bound, shape).ravel()))
    # L-BFGS-B's small BLAS calls are much slower with many threads: use one.
    with threadpool_limits(limits=1, user_api="blas"):
        res = minimize(fun, start.ravel(), jac=True, method="L-BFGS-B", bounds=bounds,
                       options={"maxiter": max_iter})
    xi = res.x.reshape(shape)
    # the cost of the controls returned: after an abnormal stop L-BFGS-B's fun can belong to a rejected
    # line-search trial rather than to x
    cost = fun(res.x)[0]
    roll = controlled_rollout(u0, A, xi, dt=dt, steps_per_segment=sps, gain=gain, tail=tail)
    return ControlResult(xi=xi, cost=float(cost), cost_uncontrolled=float(J0), t=roll.t, u=roll.u,
                         iterations=int(res.nit), success=bool(res.success),
                         settings=dict(dt=dt, steps_per_segment=sps, tail=tail, horizon=horizon, gain=gain, lam=lam,
                                       mu=mu, big_k=float(big_k), small_k=float(small_k), u0=u0.copy()))


OUTCOMES = ("recognised", "recorded", "limit cycle", "wandering")


@dataclass
class Outcome:
    """What a controlled trajectory did (see :func:`classify_outcome`).

    ``label`` one of ``OUTCOMES``; ``u_end`` the last state; ``period`` of a limit cycle;
    ``control_norm`` ``|xi_final|``; ``control_peak`` the largest ``|xi_s|`` during the horizon;
    ``uncontrolled_end`` where A alone (xi = 0) takes the input; ``t``, ``u`` the frozen run (times
    from the end of the controlled part); ``controlled`` the controlled part itself, the equation
    under the optimised controls (:func:`controlled_rollout` with ``method="rk4"``), which the frozen
    run continues.
    """

    label: str
    u_end: np.ndarray
    period: float | None
    control_norm: float
    control_peak: float
    uncontrolled_end: np.ndarray
    t: np.ndarray = dc_field(repr=False)
    u: np.ndarray = dc_field(repr=False)
    controlled: GradedResult | None = dc_field(default=None, repr=False)


def classify_outcome(result, A, *, t_after=60.0, tol=1e-3, near=0.25, max_windows=8):
    """Name the fate of a controlled trajectory, following the classes of the slides of Cardin et al.

    The optimised controls are first applied to the equation itself (RK4 on the rollout's time grid,
    :func:`controlled_rollout`; the optimiser's Euler model can misjudge a weakly damped oscillation).
    Then the last control is frozen (``T = A + xi_final``: the synapses keep what the control did) and
    the network runs on (RK4, dt = 0.02) in windows of ``t_after`` time units, at most ``max_windows``
    of them, until one of these is seen:

    * ``"recognised"``: it settles (``|X| < tol``, or it moves less than ``near / 2`` during the
      second half of the last window: a slow approach) within distance ``near`` of an equilibrium
      of A alone (found by running A from there): the input was an existing memory;
    * ``"recorded"``: it settles at an equilibrium of ``A + xi_final`` farther than ``near`` from
      any equilibrium of A: the control has created a new memory;
    * ``"limit cycle"``: it runs around a periodic orbit (:func:`~hopfield_course.graded.limit_cycle_period`
      over the second half of the run so far, successive returns within 0.1 % of the orbit's size);
    * ``"wandering"``: none of these within the time simulated.

    More windows decide what one cannot: a spiral whose returns still close in (settling onto a cycle
    or into a focus), a cycle too slow for three returns in one window, or irregular motion that is
    only a long transient before an equilibrium (chaotic networks show all three).

    The slides define recognition by the uncontrolled motion (xi = 0); ``Outcome.uncontrolled_end``
    (A alone from the input, for ``t_after``) lets a caller compare the two.
    """
    if not isinstance(result, ControlResult):
        raise TypeError(f"result: expected a ControlResult from solve_control, got {type(result).__name__}")
    A = _matrix(A)
    if A.shape != result.xi.shape[1:]:
        raise ValueError(f"A: expected shape {result.xi.shape[1:]} to match the controls, got {A.shape}")
    t_after = as_float(t_after, "t_after", positive=True, maximum=1e5)
    tol = as_float(tol, "tol", positive=True)
    near = as_float(near, "near", positive=True)
    max_windows = as_int(max_windows, "max_windows", minimum=1, maximum=100)
    opts = result.settings
    gain = opts["gain"]
    controlled = controlled_rollout(opts["u0"], A, result.xi, dt=opts["dt"], steps_per_segment=opts["steps_per_segment"],
                                    gain=gain, tail=opts["tail"], method="rk4")
    T = A + result.xi_final
    norm = float(np.linalg.norm(result.xi_final))
    peak = float(result.control_norms.max())
    free = integrate(opts["u0"], A, method="rk4", dt=0.02, t_max=t_after, gain=gain).u[-1]
    times, states = [np.zeros(1)], [controlled.u[-1:]]
    for _ in range(max_windows):
        run = integrate(states[-1][-1], T, method="rk4", dt=0.02, t_max=t_after, gain=gain)
        times.append(times[-1][-1] + run.t[1:])
        states.append(run.u[1:])
        t, u = np.concatenate(times), np.concatenate(states)
        u_end = u[-1]
        speed = float(np.linalg.norm(continuous_rhs(u_end, T, gain=gain)))
        window = run.u[len(run.u) // 2:]  # the second half of the last window
        drift = float(np.max(np.linalg.norm(window - u_end, axis=1)))
        if speed < tol or drift < near / 2:
            v = integrate(u_end, A, method="rk4", dt=0.02, t_max=t_after, gain=gain).u[-1]
            plain = float(np.linalg.norm(continuous_rhs(v, A, gain=gain)))
            same = plain < tol and float(np.linalg.norm(v - u_end)) < near
            return Outcome("recognised" if same else "recorded", u_end, None, norm, peak, free, t, u, controlled)
        size = float(np.max(np.ptp(u[len(u) // 2:], axis=0)))
        cycle = limit_cycle_period(t, u, tol=max(1e-3 * size, 1e-9))
        if cycle.periodic:
            return Outcome("limit cycle", u_end, cycle.period, norm, peak, free, t, u, controlled)
    return Outcome("wandering", u_end, None, norm, peak, free, t, u, controlled)
