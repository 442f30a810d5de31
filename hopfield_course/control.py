"""Asymmetric networks: sequences, oscillations and seed 003's controlled synapses.

Binary networks
---------------
With asymmetric weights there is no energy, and synchronous dynamics can run around a cycle.
:func:`sequence_weights` builds ``W = (1/N) sum_mu xi^(mu+1) (xi^mu)^T`` (Amari 1972,
Sompolinsky and Kanter 1986): one synchronous step maps each memory to the next one, so the
network replays the stored sequence. :func:`~hopfield_course.dynamics.run` with
``symmetric=False`` detects the resulting cycle; :func:`find_cycle` does the same on any
recorded trajectory.

Continuous networks (seed 003)
------------------------------
``du/dt = X(u) = T g(u) - u`` with ``g(u) = tanh(gain u)``. For symmetric T the function

    E(V) = -1/2 V^T T V + sum_i int_0^{V_i} g^{-1}(x) dx,    V = g(u),

never increases along trajectories (Hopfield 1984), so every trajectory settles at an
equilibrium. Asymmetric T breaks this: :func:`two_neuron_couplings` gives a rotation that
turns the origin into an unstable spiral surrounded by a limit cycle.

The controlled model (seed 003; Cardin, Lovison, Maritan and Megighian, arXiv:2305.14360)
-----------------------------------------------------------------------------------------
``du/dt = (A + xi(t)) g(u) - u`` with bounded controls ``|xi_ij| <= K`` on existing synapses
(``A_ij != 0``) and ``|xi_ij| <= k << K`` on silent ones (``A_ij = 0``), chosen to minimise the
discounted cost

    J_mu = int_0^inf [ (1 - mu) |X(u, xi)|^2 + mu |xi|^2 ] e^(-lambda t) dt

(``mu = 1/2`` is the slides' ``|X|^2 + |xi|^2`` up to a factor 2). :func:`solve_control`
solves a finite-horizon discretisation: explicit Euler steps of length ``dt`` up to a horizon,
controls piecewise constant on ``segments`` intervals, the exact gradient of the discretised
cost by a reverse (adjoint) sweep through the Euler rollout (:func:`control_cost_kernel`,
numba, with a NumPy twin), and L-BFGS-B from SciPy for the box constraints.
:func:`classify_outcome` then freezes the last control, ``T = A + xi_final``, and names what
happened: recognised, recorded, limit cycle or wandering.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

import numpy as np
from numba import njit

from ._validation import _finite_numeric, as_patterns, as_states

__all__ = [
    "sequence_weights",
    "find_cycle",
    "gain_function",
    "vector_field",
    "simulate",
    "graded_energy",
    "two_neuron_couplings",
    "limit_cycle_period",
    "control_bounds",
    "control_cost",
    "control_cost_kernel",
    "control_cost_kernel_numpy",
    "rk4_kernel",
    "rk4_kernel_numpy",
    "ControlResult",
    "solve_control",
    "controlled_rollout",
    "classify_outcome",
    "Outcome",
]


# --------------------------------------------------------------------------
# Binary sequences and cycles
# --------------------------------------------------------------------------
def sequence_weights(patterns, cyclic=True, normalize="N"):
    """Asymmetric weights that map memory mu to memory mu+1: ``W = c sum_mu xi^(mu+1) (xi^mu)^T``.

    ``cyclic=True`` also maps the last memory back to the first (a closed sequence). ``normalize``:
    ``"N"`` (c = 1/N, default) or None (c = 1). The diagonal is kept: a sequence network is not a
    Hopfield network and nothing requires W_ii = 0. Returns a float (N, N) array (int for c = 1).
    """
    X = as_patterns(patterns)
    if X.shape[0] < 2:
        raise ValueError(f"patterns: a sequence needs at least 2 memories, got shape {X.shape}")
    if normalize not in (None, "N"):
        raise ValueError(f"normalize: expected None or 'N', got {normalize!r}")
    src = X if cyclic else X[:-1]
    dst = np.roll(X, -1, axis=0) if cyclic else X[1:]
    W = dst.T @ src
    return W / X.shape[1] if normalize == "N" else W


def find_cycle(states):
    """First repetition in a recorded trajectory of discrete states (rows of ``states``).

    Returns ``(start, period)``: ``states[start] == states[start + period]`` with ``start`` the
    earliest index on the cycle; a fixed point has period 1. Returns None when no state repeats.
    """
    S = as_states(states)
    seen = {}
    for t, row in enumerate(S):
        key = row.tobytes()
        if key in seen:
            return seen[key], t - seen[key]
        seen[key] = t
    return None


# --------------------------------------------------------------------------
# Continuous networks
# --------------------------------------------------------------------------
def _check_gain(gain):
    if isinstance(gain, bool) or not np.isscalar(gain) or not np.isfinite(gain) or gain <= 0:
        raise ValueError(f"gain: expected a positive number, got {gain!r}")
    return float(gain)


def _matrix(T, name="couplings"):
    arr = _finite_numeric(name, T).astype(np.float64)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise ValueError(f"{name}: expected a square (N, N) matrix, got shape {arr.shape}")
    return arr


def _vector(u, n, name="u"):
    arr = _finite_numeric(name, u).astype(np.float64)
    if arr.shape != (n,):
        raise ValueError(f"{name}: expected shape ({n},) to match the couplings, got shape {arr.shape}")
    return arr


def gain_function(u, gain=1.0):
    """The sigmoid ``g(u) = tanh(gain u)`` (values in (-1, 1))."""
    return np.tanh(_check_gain(gain) * np.asarray(u, dtype=float))


def vector_field(u, couplings, gain=1.0):
    """Seed 003's vector field ``X(u) = T g(u) - u``; ``u`` may be (N,) or (..., N)."""
    T = _matrix(couplings)
    u = _finite_numeric("u", u).astype(np.float64)
    if u.shape[-1] != T.shape[0]:
        raise ValueError(f"u: expected last axis of length {T.shape[0]}, got shape {u.shape}")
    return np.tanh(_check_gain(gain) * u) @ T.T - u


def simulate(u0, couplings, t_max=30.0, dt=0.02, gain=1.0):
    """Integrate ``du/dt = T g(u) - u`` with the classical 4th-order Runge-Kutta scheme (numba kernel).

    Returns ``(t, u)`` with ``u`` of shape (steps + 1, N).
    """
    T = _matrix(couplings)
    u = _vector(u0, T.shape[0], "u0")
    gain = _check_gain(gain)
    if not (np.isscalar(dt) and dt > 0 and np.isscalar(t_max) and t_max > 0):
        raise ValueError(f"dt and t_max: expected positive numbers, got dt={dt!r}, t_max={t_max!r}")
    steps = int(round(t_max / dt))
    out = np.empty((steps + 1, T.shape[0]))
    rk4_kernel(u, T, float(dt), steps, gain, out)
    return np.arange(steps + 1) * dt, out


@njit(cache=True, nogil=True)
def _field(u, T, gain, out):
    n = u.shape[0]
    for i in range(n):
        acc = -u[i]
        for j in range(n):
            acc += T[i, j] * np.tanh(gain * u[j])
        out[i] = acc


@njit(cache=True, nogil=True)
def rk4_kernel(u0, T, dt, steps, gain, out):
    """Classical Runge-Kutta integration of ``du/dt = T tanh(gain u) - u``; fills ``out`` (steps + 1, N)."""
    n = u0.shape[0]
    k1 = np.empty(n)
    k2 = np.empty(n)
    k3 = np.empty(n)
    k4 = np.empty(n)
    tmp = np.empty(n)
    u = u0.copy()
    out[0, :] = u
    for k in range(steps):
        _field(u, T, gain, k1)
        for i in range(n):
            tmp[i] = u[i] + 0.5 * dt * k1[i]
        _field(tmp, T, gain, k2)
        for i in range(n):
            tmp[i] = u[i] + 0.5 * dt * k2[i]
        _field(tmp, T, gain, k3)
        for i in range(n):
            tmp[i] = u[i] + dt * k3[i]
        _field(tmp, T, gain, k4)
        for i in range(n):
            u[i] = u[i] + dt / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i])
        out[k + 1, :] = u


def rk4_kernel_numpy(u0, T, dt, steps, gain, out):
    """NumPy twin of :func:`rk4_kernel`."""
    def f(x):
        return T @ np.tanh(gain * x) - x

    u = u0.copy()
    out[0] = u
    for k in range(steps):
        k1 = f(u)
        k2 = f(u + 0.5 * dt * k1)
        k3 = f(u + 0.5 * dt * k2)
        k4 = f(u + dt * k3)
        u = u + dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        out[k + 1] = u


def graded_energy(u, couplings, gain=1.0):
    """Hopfield's (1984) energy ``E = -1/2 V.T V + sum_i int_0^{V_i} g^{-1}`` at ``V = tanh(gain u)``.

    With ``g^{-1}(v) = artanh(v)/gain``: ``int_0^V artanh = V artanh(V) + 1/2 log(1 - V^2)``.
    A Lyapunov function only for symmetric T. ``u`` may be (N,) or (steps, N).
    """
    T = _matrix(couplings)
    gain = _check_gain(gain)
    u = _finite_numeric("u", u).astype(np.float64)
    V = np.tanh(gain * u)
    quad = -0.5 * np.einsum("...i,ij,...j->...", V, T, V)
    # V artanh V + 1/2 log(1 - V^2) written in u to stay accurate when |V| -> 1
    integral = (V * gain * u - np.log(np.cosh(gain * u))) / gain
    return quad + integral.sum(axis=-1)


def two_neuron_couplings(self_coupling=1.5, rotation=1.0):
    """``T = [[a, -b], [b, a]]``: self-excitation ``a`` plus an antisymmetric rotation ``b``.

    With gain g the origin has eigenvalues ``g (a +/- i b) - 1``: for ``g a > 1`` and ``b != 0`` it
    is an unstable spiral and the saturation of tanh closes the orbits into a limit cycle; for
    ``b = 0`` (symmetric) trajectories settle at one of the equilibria.
    """
    a, b = float(self_coupling), float(rotation)
    return np.array([[a, -b], [b, a]])


def limit_cycle_period(t, u, discard=0.5, tol=1e-2):
    """Detect a periodic orbit in a sampled trajectory ``u(t)`` (rows of ``u``).

    Uses a Poincare section: after discarding the first fraction ``discard`` of the run, the
    times at which coordinate 0 crosses its mean upwards. Returns ``(period, spread)`` where
    ``spread`` is the largest distance between the states at successive crossings, or
    ``(None, None)`` when fewer than three crossings occur (a fixed point, or too short a run).
    The orbit is periodic when ``spread < tol``.
    """
    t = np.asarray(t, dtype=float)
    u = np.asarray(u, dtype=float)
    start = int(discard * len(t))
    tt, uu = t[start:], u[start:]
    x = uu[:, 0] - uu[:, 0].mean()
    if np.ptp(uu[:, 0]) < tol:
        return None, None
    idx = np.flatnonzero((x[:-1] < 0) & (x[1:] >= 0))
    if idx.size < 3:
        return None, None
    frac = -x[idx] / (x[idx + 1] - x[idx])
    times = tt[idx] + frac * (tt[idx + 1] - tt[idx])
    points = uu[idx] + frac[:, None] * (uu[idx + 1] - uu[idx])
    spread = float(np.max(np.linalg.norm(points[1:] - points[:-1], axis=1)))
    period = float(np.mean(np.diff(times)))
    return period, spread


# --------------------------------------------------------------------------
# The controlled model
# --------------------------------------------------------------------------
def control_bounds(A, big_k=1.0, small_k=0.05):
    """Elementwise bound on ``|xi_ij|``: ``big_k`` where ``A_ij != 0`` (existing synapse), ``small_k`` where silent."""
    A = _matrix(A, "A")
    if not (np.isscalar(big_k) and np.isscalar(small_k) and 0 <= small_k <= big_k):
        raise ValueError(f"big_k, small_k: expected 0 <= small_k <= big_k, got {small_k!r}, {big_k!r}")
    return np.where(A != 0, float(big_k), float(small_k))


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


def _check_mu(mu):
    if not np.isscalar(mu) or not 0 <= mu <= 1:
        raise ValueError(f"mu: expected a Pareto weight between 0 and 1, got {mu!r}")
    return float(mu)


def _check_positive(name, v, allow_zero=False):
    if isinstance(v, bool) or not np.isscalar(v) or not np.isfinite(v) or v < 0 or (v == 0 and not allow_zero):
        raise ValueError(f"{name}: expected a {'non-negative' if allow_zero else 'positive'} number, got {v!r}")
    return float(v)


def _steps(n_seg, sps, dt, tail):
    return n_seg * sps + int(round(_check_positive("tail", tail, True) / dt))


def control_cost(u0, A, xi, dt=0.05, steps_per_segment=10, gain=1.0, lam=0.2, mu=0.5, tail=0.0):
    """The discretised discounted cost ``J_mu`` of the piecewise-constant controls ``xi`` (S, N, N).

    The last control segment is held for ``tail`` more time units (the synapses keep it).
    Returns ``(J, dJ/dxi)``. ``xi`` of shape (N, N) is read as one segment.
    """
    A = _matrix(A, "A")
    n = A.shape[0]
    u0 = _vector(u0, n, "u0")
    xi = _finite_numeric("xi", xi).astype(np.float64)
    if xi.ndim == 2:
        xi = xi[None]
    if xi.ndim != 3 or xi.shape[1:] != (n, n):
        raise ValueError(f"xi: expected shape (segments, {n}, {n}), got {xi.shape}")
    if not isinstance(steps_per_segment, (int, np.integer)) or steps_per_segment < 1:
        raise ValueError(f"steps_per_segment: expected a positive integer, got {steps_per_segment!r}")
    dt = _check_positive("dt", dt)
    steps = _steps(xi.shape[0], int(steps_per_segment), dt, tail)
    grad = np.empty_like(xi)
    J = control_cost_kernel(u0, A, np.ascontiguousarray(xi), dt, int(steps_per_segment), steps,
                            _check_gain(gain), _check_positive("lam", lam, True), _check_mu(mu), grad)
    return float(J), grad


def controlled_rollout(u0, A, xi, dt=0.05, steps_per_segment=10, gain=1.0, tail=0.0):
    """The Euler trajectory under piecewise-constant controls (the last one held for ``tail``).

    Returns ``(t, u)`` with u of shape (steps + 1, N).
    """
    A = _matrix(A, "A")
    n = A.shape[0]
    u = _vector(u0, n, "u0")
    xi = _finite_numeric("xi", xi).astype(np.float64)
    if xi.ndim != 3 or xi.shape[1:] != (n, n):
        raise ValueError(f"xi: expected shape (segments, {n}, {n}), got {xi.shape}")
    steps = _steps(xi.shape[0], steps_per_segment, dt, tail)
    out = np.empty((steps + 1, n))
    out[0] = u
    for t in range(steps):
        T = A + xi[min(t // steps_per_segment, xi.shape[0] - 1)]
        u = u + dt * (T @ np.tanh(gain * u) - u)
        out[t + 1] = u
    return np.arange(steps + 1) * dt, out


@dataclass
class ControlResult:
    """Optimal controls of :func:`solve_control` and the trajectory they produce."""

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


def solve_control(u0, A, horizon=10.0, dt=0.05, segments=10, gain=1.0, lam=0.3, mu=0.5,
                  big_k=1.0, small_k=0.05, max_iter=300, xi0=None, tail=None):
    """Minimise the discretised ``J_mu`` over bounded piecewise-constant controls (L-BFGS-B).

    The horizon is cut into ``segments`` control intervals of ``horizon / segments`` time, each
    integrated with Euler steps of ``dt``. The infinite horizon is approximated by holding the
    last control for ``tail`` more time units (default ``5 / lam``, where the discount has
    fallen below e^-5 of its start, capped at 60): what the synapses keep is paid for. Bounds: ``|xi_ij| <= big_k`` on synapses with
    ``A_ij != 0``, ``<= small_k`` on silent ones. Starts from ``xi0`` (default: no control).
    """
    from scipy.optimize import minimize

    A = _matrix(A, "A")
    n = A.shape[0]
    u0 = _vector(u0, n, "u0")
    if not isinstance(segments, (int, np.integer)) or segments < 1:
        raise ValueError(f"segments: expected a positive integer, got {segments!r}")
    horizon = _check_positive("horizon", horizon)
    dt = _check_positive("dt", dt)
    sps = max(1, int(round(horizon / segments / dt)))
    gain, lam, mu = _check_gain(gain), _check_positive("lam", lam, True), _check_mu(mu)
    tail = min(5.0 / lam, 60.0) if tail is None and lam > 0 else (60.0 if tail is None else tail)
    steps = _steps(int(segments), sps, dt, tail)
    bound = control_bounds(A, big_k, small_k)
    shape = (int(segments), n, n)
    start = np.zeros(shape) if xi0 is None else np.clip(_finite_numeric("xi0", xi0).astype(float).reshape(shape),
                                                         -bound, bound)
    grad = np.empty(shape)

    def fun(flat):
        J = control_cost_kernel(u0, A, flat.reshape(shape), dt, sps, steps, gain, lam, mu, grad)
        return J, grad.ravel().copy()

    J0 = fun(np.zeros(int(np.prod(shape))))[0]
    bounds = list(zip((-np.broadcast_to(bound, shape)).ravel(), np.broadcast_to(bound, shape).ravel()))
    # L-BFGS-B's small BLAS calls are much slower with many threads: use one.
    from threadpoolctl import threadpool_limits
    with threadpool_limits(limits=1, user_api="blas"):
        res = minimize(fun, start.ravel(), jac=True, method="L-BFGS-B", bounds=bounds,
                       options={"maxiter": int(max_iter)})
    xi = res.x.reshape(shape)
    t, u = controlled_rollout(u0, A, xi, dt, sps, gain, tail)
    return ControlResult(xi=xi, cost=float(res.fun), cost_uncontrolled=float(J0), t=t, u=u,
                         iterations=int(res.nit), success=bool(res.success),
                         settings=dict(dt=dt, steps_per_segment=sps, tail=tail, horizon=horizon, gain=gain, lam=lam, mu=mu,
                                       big_k=big_k, small_k=small_k))


@dataclass
class Outcome:
    """What a controlled trajectory did (see :func:`classify_outcome`)."""

    label: str
    u_end: np.ndarray
    period: float | None
    control_norm: float
    t: np.ndarray = dc_field(repr=False)
    u: np.ndarray = dc_field(repr=False)


def classify_outcome(result, A, t_after=60.0, tol=1e-3, near=0.25):
    """Name the fate of a controlled trajectory, following seed 003's classes.

    The last control is frozen (``T = A + xi_final``: the synapses keep what the control did)
    and the network runs ``t_after`` more time units from the end of the horizon. Then:

    * ``"recognised"``: it settles (``|X| < tol``, or it moves less than ``near / 2`` during the
      second half of the run: a slow approach) within distance ``near`` of an equilibrium
      of A alone (found by running A from there): the input was an existing memory;
    * ``"recorded"``: it settles at an equilibrium of ``A + xi_final`` farther than ``near`` from
      any equilibrium of A: the control has created a new memory;
    * ``"limit cycle"``: it runs around a periodic orbit (:func:`limit_cycle_period`);
    * ``"wandering"``: none of these within the time simulated.
    """
    A = _matrix(A, "A")
    gain = result.settings["gain"]
    T = A + result.xi_final
    t, u = simulate(result.u[-1], T, t_max=t_after, dt=0.02, gain=gain)
    u_end = u[-1]
    speed = float(np.linalg.norm(T @ np.tanh(gain * u_end) - u_end))
    norm = float(np.linalg.norm(result.xi_final))
    drift = float(np.max(np.linalg.norm(u[len(u) // 2:] - u_end, axis=1)))
    if speed < tol or drift < near / 2:
        _, v = simulate(u_end, A, t_max=t_after, dt=0.02, gain=gain)
        plain = float(np.linalg.norm(A @ np.tanh(gain * v[-1]) - v[-1]))
        same = plain < tol and float(np.linalg.norm(v[-1] - u_end)) < near
        return Outcome("recognised" if same else "recorded", u_end, None, norm, t, u)
    period, spread = limit_cycle_period(t, u, tol=10 * tol)
    if period is not None and spread < 10 * tol:
        return Outcome("limit cycle", u_end, period, norm, t, u)
    return Outcome("wandering", u_end, None, norm, t, u)
