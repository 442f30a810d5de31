"""The continuous (graded-response) Hopfield network (Hopfield 1984; seed 000, eqs. 9-16).

Dynamics (seed 000, eqs. 9-10)::

    C_i du_i/dt = sum_j W_ij v_j - u_i / R_i + I_i,        v_i = g(u_i) = tanh(gain * u_i)

Energy (seed 000, eq. 13, with the sign of the current term made consistent with eq. 9)::

    E(v) = -1/2 sum_ij W_ij v_i v_j + sum_i (1/R_i) int_0^{v_i} g^{-1}(x) dx - sum_i I_i v_i

For symmetric ``W``, ``-dE/dv_i = sum_j W_ij v_j - u_i/R_i + I_i = C_i du_i/dt``, hence
(eqs. 14-16) ``dE/dt = -sum_i C_i g'(u_i) (du_i/dt)^2 <= 0``: E never rises along a
trajectory. Seed 000 writes ``+ sum_i I_i v_i`` in eq. (13); with ``+ I_i`` in eq. (9) the
minus sign is the one that makes eq. (14) hold (the same slip as the threshold sign of its
eq. 3). A current ``I_i`` plays the role of a threshold ``theta_i = -I_i``.

For ``g(u) = tanh(gain u)`` the integral has a closed form; we evaluate it from ``u`` (not
from ``v``, which rounds to exactly +/-1 in floating point once ``|gain u| > 19``)::

    int_0^v artanh(x)/gain dx = (v * gain*u - log cosh(gain*u)) / gain

This module also holds the tools of seed 003's vector-field picture (vector fields, fixed
points and their classification for 2-3 neurons) and Krotov's state-dependent couplings:
``T(V)`` is the Hessian of a Lagrangian ``Phi(V)`` and the energy is its Legendre transform
plus the integral term; the vector field ``du/dt = T(V) V - u`` is ``-grad_V E``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from ._validation import _finite_numeric, as_patterns, as_weights

__all__ = [
    "ContinuousResult",
    "graded_response",
    "continuous_rhs",
    "continuous_energy",
    "energy_from_v",
    "integrate_continuous",
    "integrate_continuous_ivp",
    "euler_kernel",
    "euler_kernel_numpy",
    "jacobian",
    "fixed_points",
    "classify_fixed_point",
    "krotov_lagrangian",
    "krotov_couplings",
    "krotov_energy",
    "krotov_rhs",
    "integrate_krotov",
]


# --------------------------------------------------------------------------- validation
def _positive_scalar(name, value):
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected a positive number, got {value!r}") from None
    if not np.isfinite(x) or x <= 0:
        raise ValueError(f"{name}: expected a positive finite number, got {value!r}")
    return x


def _per_neuron(name, value, n, positive=False):
    arr = _finite_numeric(name, value).astype(np.float64)
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    if arr.shape != (n,):
        raise ValueError(f"{name}: expected a scalar or shape ({n},), got shape {arr.shape}")
    if positive and np.any(arr <= 0):
        raise ValueError(f"{name}: expected positive values (one per neuron), got {arr[arr <= 0][:3].tolist()}")
    return arr


def _params(weights, currents, resistances, capacitances, gain, symmetric=True):
    W = as_weights(weights, symmetric=symmetric, zero_diagonal=False).astype(np.float64)
    n = W.shape[0]
    I = _per_neuron("currents", currents, n)
    R = _per_neuron("resistances", resistances, n, positive=True)
    C = _per_neuron("capacitances", capacitances, n, positive=True)
    return W, I, R, C, _positive_scalar("gain", gain)


def _as_u(name, u, n):
    arr = _finite_numeric(name, u).astype(np.float64)
    if arr.ndim == 0 or arr.shape[-1] != n:
        raise ValueError(f"{name}: expected shape (..., {n}) (one value per neuron), got shape {arr.shape}")
    return arr


# --------------------------------------------------------------------------- the model
def graded_response(u, gain=1.0):
    """The graded response ``v = g(u) = tanh(gain * u)`` (seed 000, eqs. 10-12), values in (-1, 1)."""
    gain = _positive_scalar("gain", gain)
    return np.tanh(gain * _finite_numeric("u", u).astype(np.float64))


def continuous_rhs(u, weights, currents=0.0, resistances=1.0, capacitances=1.0, gain=1.0):
    """``du/dt = (W v - u/R + I) / C`` with ``v = tanh(gain u)`` (seed 000, eq. 9).

    ``u`` may have leading axes (a grid of states, shape (..., N)); the result has its shape.
    """
    W, I, R, C, gain = _params(weights, currents, resistances, capacitances, gain, symmetric=False)
    u = _as_u("u", u, W.shape[0])
    v = np.tanh(gain * u)
    return (v @ W.T - u / R + I) / C


def _logcosh(x):
    a = np.abs(x)
    return a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0)


def continuous_energy(u, weights, currents=0.0, resistances=1.0, gain=1.0):
    """Energy (13) of the state with internal potentials ``u`` (shape (N,) or (..., N)).

    ``E = -1/2 v^T W v + sum_i (v_i gain u_i - log cosh(gain u_i)) / (gain R_i) - I^T v``
    with ``v = tanh(gain u)``. ``W`` must be symmetric (the energy exists only then);
    a non-zero diagonal is allowed.
    """
    W, I, R, _, gain = _params(weights, currents, resistances, 1.0, gain)
    u = _as_u("u", u, W.shape[0])
    x = gain * u
    v = np.tanh(x)
    integral = (v * x - _logcosh(x)) / (gain * R)
    return -0.5 * np.einsum("...i,ij,...j->...", v, W, v) + integral.sum(-1) - v @ I


def energy_from_v(v, weights, currents=0.0, resistances=1.0, gain=1.0):
    """Energy (13) as a function of the outputs ``v`` in (-1, 1) (for contour plots in v-space).

    ``int_0^v artanh(x) dx = v artanh(v) + 1/2 log(1 - v^2)``; outputs must satisfy |v| < 1.
    """
    W, I, R, _, gain = _params(weights, currents, resistances, 1.0, gain)
    v = _as_u("v", v, W.shape[0])
    if np.any(np.abs(v) >= 1):
        raise ValueError("v: expected outputs strictly between -1 and 1 (g^-1 is infinite at +/-1)")
    integral = (v * np.arctanh(v) + 0.5 * np.log1p(-v * v)) / (gain * R)
    return -0.5 * np.einsum("...i,ij,...j->...", v, W, v) + integral.sum(-1) - v @ I


# --------------------------------------------------------------------------- Euler integration
@njit(cache=True, nogil=True)
def euler_kernel(u, W, I, R, C, gain, dt, steps, record_every, out):
    """Explicit Euler for eq. (9), in place on ``u``; writes ``u`` every ``record_every`` steps.

    ``out`` has shape (steps // record_every + 1, N); row 0 is the start. The field
    ``sum_j W_ij v_j`` is summed in the order j = 0..N-1.
    """
    n = u.shape[0]
    v = np.empty(n)
    for i in range(n):
        out[0, i] = u[i]
    row = 1
    for t in range(1, steps + 1):
        for j in range(n):
            v[j] = np.tanh(gain * u[j])
        for i in range(n):
            h = 0.0
            for j in range(n):
                h += W[i, j] * v[j]
            u[i] = u[i] + dt * ((h - u[i] / R[i] + I[i]) / C[i])
        if t % record_every == 0:
            for i in range(n):
                out[row, i] = u[i]
            row += 1


def euler_kernel_numpy(u, W, I, R, C, gain, dt, steps, record_every, out):
    """NumPy twin of :func:`euler_kernel` (same update, vectorised over neurons)."""
    out[0] = u
    row = 1
    for t in range(1, steps + 1):
        v = np.tanh(gain * u)
        u += dt * ((W @ v - u / R + I) / C)
        if t % record_every == 0:
            out[row] = u
            row += 1


@dataclass
class ContinuousResult:
    """A trajectory of the graded-response network.

    ``t`` (T,), ``u`` (T, N) internal potentials, ``v`` (T, N) outputs, ``energies`` (T,)
    energy (13) at each recorded time, ``method`` "euler" or the solve_ivp method.
    """

    t: np.ndarray
    u: np.ndarray
    v: np.ndarray
    energies: np.ndarray
    method: str

    @property
    def final(self):
        """The outputs ``v`` at the last recorded time."""
        return self.v[-1]


def _check_steps(steps, record_every):
    for name, x in (("steps", steps), ("record_every", record_every)):
        if not isinstance(x, (int, np.integer)) or x < 1:
            raise ValueError(f"{name}: expected a positive integer, got {x!r}")
    if steps % record_every:
        raise ValueError(f"record_every: expected a divisor of steps={steps}, got {record_every}")


def integrate_continuous(u0, weights, dt=0.08, steps=100, currents=0.0, resistances=1.0, capacitances=1.0,
                         gain=1.0, record_every=1, engine="numba"):
    """Integrate eq. (9) with explicit Euler, ``u <- u + dt (W v - u/R + I)/C``.

    Seed 000's figure 7 uses ``dt = 0.08`` and all constants 1. ``engine`` is "numba"
    (the kernel) or "numpy" (its twin). Returns a :class:`ContinuousResult`.
    """
    W, I, R, C, gain = _params(weights, currents, resistances, capacitances, gain, symmetric=False)
    u = _as_u("u0", u0, W.shape[0])
    if u.ndim != 1:
        raise ValueError(f"u0: expected a 1-D start (one value per neuron), got shape {u.shape}")
    dt = _positive_scalar("dt", dt)
    _check_steps(steps, record_every)
    if engine not in ("numba", "numpy"):
        raise ValueError(f"engine: expected 'numba' or 'numpy', got {engine!r}")
    u = u.copy()
    out = np.empty((steps // record_every + 1, W.shape[0]))
    kernel = euler_kernel if engine == "numba" else euler_kernel_numpy
    kernel(u, W, I, R, C, gain, dt, int(steps), int(record_every), out)
    t = dt * record_every * np.arange(out.shape[0])
    return _result(t, out, W, I, R, gain, "euler")


def _result(t, us, W, I, R, gain, method):
    with np.errstate(over="ignore", invalid="ignore"):
        energies = (continuous_energy(us, W, I, R, gain) if np.allclose(W, W.T)
                    else np.full(us.shape[0], np.nan))
    return ContinuousResult(t, us, np.tanh(gain * us), energies, method)


def integrate_continuous_ivp(u0, weights, t_max=8.0, t_eval=None, currents=0.0, resistances=1.0,
                             capacitances=1.0, gain=1.0, method="RK45", rtol=1e-8, atol=1e-10):
    """Reference solution of eq. (9) with ``scipy.integrate.solve_ivp`` (adaptive step).

    ``t_eval`` defaults to 101 equally spaced times in [0, t_max].
    """
    from scipy.integrate import solve_ivp

    W, I, R, C, gain = _params(weights, currents, resistances, capacitances, gain, symmetric=False)
    u = _as_u("u0", u0, W.shape[0])
    t_max = _positive_scalar("t_max", t_max)
    t_eval = np.linspace(0.0, t_max, 101) if t_eval is None else np.asarray(t_eval, dtype=float)

    def f(_, x):
        return (W @ np.tanh(gain * x) - x / R + I) / C

    sol = solve_ivp(f, (0.0, t_max), u, t_eval=t_eval, method=method, rtol=rtol, atol=atol)
    if not sol.success:  # pragma: no cover - only for pathological input
        raise RuntimeError(f"solve_ivp failed: {sol.message}")
    return _result(sol.t, sol.y.T, W, I, R, gain, method)


# --------------------------------------------------------------------------- fixed points (seed 003)
def jacobian(u, weights, currents=0.0, resistances=1.0, capacitances=1.0, gain=1.0):
    """Jacobian of eq. (9) at ``u``: ``J_ij = (W_ij gain g'(u_j) - delta_ij / R_i) / C_i``."""
    W, _, R, C, gain = _params(weights, currents, resistances, capacitances, gain, symmetric=False)
    u = _as_u("u", u, W.shape[0])
    slope = gain / np.cosh(gain * u) ** 2
    return (W * slope[None, :] - np.diag(1.0 / R)) / C[:, None]


def classify_fixed_point(u, weights, currents=0.0, resistances=1.0, capacitances=1.0, gain=1.0, tol=1e-9):
    """Classify a fixed point by the eigenvalues of the Jacobian.

    Returns "sink" (all real parts < 0), "source" (all > 0), "saddle" (both signs) or
    "degenerate" (a real part within ``tol`` of 0). Seed 003 marks sinks red and sources blue.
    """
    ev = np.linalg.eigvals(jacobian(u, weights, currents, resistances, capacitances, gain))
    re = ev.real
    if np.any(np.abs(re) <= tol):
        return "degenerate"
    if np.all(re < 0):
        return "sink"
    if np.all(re > 0):
        return "source"
    return "saddle"


def fixed_points(weights, currents=0.0, resistances=1.0, capacitances=1.0, gain=1.0, starts=11, tol=1e-10):
    """All fixed points ``W g(u) - u/R + I = 0`` of a small network (N <= 4), by multistart Newton.

    Newton's method (scipy ``root``, hybrid method with the analytic Jacobian) is started from a
    grid of ``starts`` points per neuron covering the box that contains every fixed point,
    ``|u_i| <= R_i (sum_j |W_ij| + |I_i|)``; distinct roots are returned as an array
    (k, N) sorted by their first coordinates.
    """
    from itertools import product

    from scipy.optimize import root

    W, I, R, C, gain = _params(weights, currents, resistances, capacitances, gain, symmetric=False)
    n = W.shape[0]
    if n > 4:
        raise ValueError(f"weights: fixed_points is meant for N <= 4 neurons, got N = {n}")
    if not isinstance(starts, (int, np.integer)) or starts < 2:
        raise ValueError(f"starts: expected an integer >= 2, got {starts!r}")
    bound = R * (np.abs(W).sum(1) + np.abs(I)) + 1e-9

    def f(x):
        return W @ np.tanh(gain * x) - x / R + I

    def jac(x):
        return W * (gain / np.cosh(gain * x) ** 2)[None, :] - np.diag(1.0 / R)

    axes = [np.linspace(-b, b, starts) for b in bound]
    found = []
    for x0 in product(*axes):
        sol = root(f, np.array(x0), jac=jac, method="hybr", tol=1e-13)
        x = sol.x
        if not np.all(np.isfinite(x)) or np.max(np.abs(f(x))) > 1e-9:
            continue
        if not any(np.max(np.abs(x - y)) < 1e-6 * (1 + np.max(np.abs(y))) for y in found):
            found.append(x)
    pts = np.array(found).reshape(-1, n)
    pts[np.abs(pts) < tol] = 0.0
    return pts[np.lexsort(pts.T[::-1])]


# --------------------------------------------------------------------------- Krotov (seed 003)
def _krotov_args(v, patterns, power):
    X = as_patterns(patterns).astype(np.float64)
    if not isinstance(power, (int, np.integer)) or power < 2:
        raise ValueError(f"power: expected an integer >= 2, got {power!r}")
    v = _as_u("v", v, X.shape[1])
    return v, X, int(power)


def krotov_lagrangian(v, patterns, power=3):
    """The Lagrangian ``Phi(V) = sum_mu F(xi_mu . V)`` with ``F(x) = x^n / (n (n - 1))``.

    ``n = power``; ``n = 2`` gives Hebb's quadratic form (with the diagonal kept),
    larger ``n`` Krotov and Hopfield's dense associative memory.
    """
    v, X, n = _krotov_args(v, patterns, power)
    x = v @ X.T
    return (x ** n).sum(-1) / (n * (n - 1))


def krotov_couplings(v, patterns, power=3):
    """State-dependent couplings ``T(V) = Hessian of Phi = sum_mu (xi_mu . V)^(n-2) xi_mu xi_mu^T``.

    Symmetric for every V (seed 003, condition (spade)). ``v`` has shape (N,).
    """
    v, X, n = _krotov_args(v, patterns, power)
    if v.ndim != 1:
        raise ValueError(f"v: expected shape ({X.shape[1]},), got {v.shape}")
    x = X @ v
    return (X.T * x ** (n - 2)) @ X


def krotov_rhs(u, patterns, power=3, gain=1.0):
    """Seed 003's vector field ``du_i/dt = sum_j T_ij(V) V_j - u_i`` with ``V = tanh(gain u)``.

    ``T(V) V = sum_mu (xi_mu . V)^(n-1) xi_mu`` (the Hessian applied to V), which is
    ``-dE/dV`` for the energy of :func:`krotov_energy`.
    """
    gain = _positive_scalar("gain", gain)
    u, X, n = _krotov_args(u, patterns, power)
    v = np.tanh(gain * u)
    return (v @ X.T) ** (n - 1) @ X - u


def krotov_energy(u, patterns, power=3, gain=1.0):
    """Legendre-transform energy ``E = -(grad Phi . V - Phi) + sum_i int_0^{V_i} g^-1``.

    For ``F(x) = x^n / (n (n-1))``: ``grad Phi . V - Phi = sum_mu (xi_mu . V)^n / n``.
    Evaluated from the potentials ``u`` (``V = tanh(gain u)``).
    """
    gain = _positive_scalar("gain", gain)
    u, X, n = _krotov_args(u, patterns, power)
    x = gain * u
    v = np.tanh(x)
    integral = ((v * x - _logcosh(x)) / gain).sum(-1)
    return -((v @ X.T) ** n).sum(-1) / n + integral


def integrate_krotov(u0, patterns, power=3, gain=1.0, dt=0.01, steps=500):
    """Euler integration of :func:`krotov_rhs`; returns ``(t, u, energies)`` (steps + 1 rows)."""
    dt = _positive_scalar("dt", dt)
    _check_steps(steps, 1)
    u, X, n = _krotov_args(u0, patterns, power)
    if u.ndim != 1:
        raise ValueError(f"u0: expected shape ({X.shape[1]},), got {u.shape}")
    us = np.empty((steps + 1, u.size))
    us[0] = u
    for k in range(steps):
        us[k + 1] = us[k] + dt * krotov_rhs(us[k], X, n, gain)
    return dt * np.arange(steps + 1), us, krotov_energy(us, X, n, gain)
