"""Graded-response (continuous) Hopfield networks (Hopfield 1984; the Oxford report, eqs. 9-16).

Dynamics (Hopfield 1984; the Oxford report, eqs. 9-10)::

    C_i du_i/dt = sum_j W_ij v_j - u_i / R_i + I_i,        v_i = g(u_i) = tanh(gain * u_i)

Energy (the Oxford report, eq. 13, with the sign of the current term made consistent with eq. 9)::

    E(v) = -1/2 sum_ij W_ij v_i v_j + sum_i (1/R_i) int_0^{v_i} g^{-1}(x) dx - sum_i I_i v_i

For symmetric ``W``, ``-dE/dv_i = sum_j W_ij v_j - u_i/R_i + I_i = C_i du_i/dt``, hence
(eqs. 14-16) ``dE/dt = -sum_i C_i g'(u_i) (du_i/dt)^2 <= 0``: E never rises along a
trajectory. The Oxford report writes ``+ sum_i I_i v_i`` in eq. (13); with ``+ I_i`` in eq. (9)
the minus sign is the one that makes eq. (14) hold. A current ``I_i`` plays the role of a
threshold ``theta_i = -I_i``.

For ``g(u) = tanh(gain u)`` the integral has a closed form, evaluated from ``u`` (not from
``v``, which rounds to exactly +/-1 in floating point once ``|gain u| > 19``) with a stable
``log cosh``::

    int_0^v artanh(x)/gain dx = (v * gain*u - log cosh(gain*u)) / gain

It is at most ``log 2 / gain`` per neuron: it vanishes like ``1/gain`` in the high-gain limit.

One right-hand side (:func:`continuous_rhs`), one energy (:func:`continuous_energy`) and one
integrator (:func:`integrate`, ``method="euler" | "rk4" | "ivp"``). The vector field of the
slides of Cardin et al. (2023), ``X(u) = T g(u) - u``, is ``continuous_rhs`` with R = C = 1 and
I = 0. Also here: Jacobians, fixed points and their kinds for 2-4 neurons, the two-neuron
rotation couplings and the period of a limit cycle, and Krotov and Hopfield's (2016)
state-dependent couplings ``T(V)`` = Hessian of a Lagrangian ``Phi(V)``.

Kernels (numba) and their NumPy twins live here: ``euler_kernel`` / ``euler_kernel_numpy`` and
``rk4_kernel`` / ``rk4_kernel_numpy``; ``integrate(..., engine="numba" | "numpy")`` chooses.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from numba import njit

from ._validation import _finite_numeric, as_choice, as_float, as_int, as_patterns, as_weights

__all__ = [
    "GradedResult",
    "CycleResult",
    "INTEGRATION_METHODS",
    "graded_response",
    "continuous_rhs",
    "continuous_energy",
    "energy_from_v",
    "integrate",
    "euler_kernel",
    "euler_kernel_numpy",
    "rk4_kernel",
    "rk4_kernel_numpy",
    "jacobian",
    "fixed_points",
    "classify_fixed_point",
    "two_neuron_couplings",
    "limit_cycle_period",
    "krotov_lagrangian",
    "krotov_couplings",
    "krotov_energy",
    "krotov_rhs",
    "integrate_krotov",
]

INTEGRATION_METHODS = ("euler", "rk4", "ivp")

#: at most this many steps (and recorded rows) per call: 10^7 steps of a small network take seconds
MAX_STEPS = 10_000_000
#: fixed_points tries at most this many Newton starts (starts ** N)
MAX_STARTS = 20_000


# --------------------------------------------------------------------------- validation
def _per_neuron(name, value, n, positive=False):
    if isinstance(value, (bool, np.bool_, str)):
        raise TypeError(f"{name}: expected a number or an array of {n} numbers, got {type(value).__name__} {value!r}")
    arr = _finite_numeric(name, value).astype(np.float64)
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    if arr.shape != (n,):
        raise ValueError(f"{name}: expected a scalar or shape ({n},), got shape {arr.shape}")
    if positive and np.any(arr <= 0):
        raise ValueError(f"{name}: expected positive values (one per neuron), got {arr[arr <= 0][:3].tolist()}")
    return arr


def _params(weights, currents, resistances, capacitances, gain, symmetric=False):
    W = as_weights(weights, symmetric=symmetric, zero_diagonal=False).astype(np.float64)
    n = W.shape[0]
    I = _per_neuron("currents", currents, n)
    R = _per_neuron("resistances", resistances, n, positive=True)
    C = _per_neuron("capacitances", capacitances, n, positive=True)
    return W, I, R, C, as_float(gain, "gain", positive=True)


def _as_u(name, u, n):
    arr = _finite_numeric(name, u).astype(np.float64)
    if arr.ndim == 0 or arr.shape[-1] != n:
        raise ValueError(f"{name}: expected shape (..., {n}) (one value per neuron), got shape {arr.shape}")
    return arr


def _logcosh(x):
    """``log cosh x`` without overflow: ``|x| + log1p(exp(-2|x|)) - log 2``."""
    a = np.abs(x)
    return a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0)


# --------------------------------------------------------------------------- the model
def graded_response(u, *, gain=1.0):
    """The gain function ``v = g(u) = tanh(gain * u)`` (Hopfield 1984; the Oxford report, eqs. 10-12).

    Values in (-1, 1); the slope at the origin is ``gain``.
    """
    gain = as_float(gain, "gain", positive=True)
    return np.tanh(gain * _finite_numeric("u", u).astype(np.float64))


def continuous_rhs(u, weights, *, currents=0.0, resistances=1.0, capacitances=1.0, gain=1.0):
    """``du/dt = (W v - u/R + I) / C`` with ``v = tanh(gain u)`` (the Oxford report, eq. 9).

    With R = C = 1 and I = 0 this is the vector field ``X(u) = T g(u) - u`` of the slides of
    Cardin et al. (2023). ``W`` may be asymmetric and have a diagonal. ``u`` may have leading
    axes (a grid of states, shape (..., N)); the result has its shape.
    """
    W, I, R, C, gain = _params(weights, currents, resistances, capacitances, gain)
    u = _as_u("u", u, W.shape[0])
    v = np.tanh(gain * u)
    return (v @ W.T - u / R + I) / C


def continuous_energy(u, weights, *, currents=0.0, resistances=1.0, gain=1.0):
    """Energy (13) of the state with internal potentials ``u`` (shape (N,) or (..., N)).

    ``E = -1/2 v^T W v + sum_i (v_i gain u_i - log cosh(gain u_i)) / (gain R_i) - I^T v``
    with ``v = tanh(gain u)``, finite for every finite ``u`` (stable ``log cosh``). ``W`` must
    be symmetric (a Lyapunov function exists only then); a non-zero diagonal is allowed. For
    an asymmetric ``T`` pass its symmetric part ``(T + T^T)/2`` to evaluate that energy.
    """
    W, I, R, _, gain = _params(weights, currents, resistances, 1.0, gain, symmetric=True)
    u = _as_u("u", u, W.shape[0])
    x = gain * u
    v = np.tanh(x)
    integral = (v * x - _logcosh(x)) / (gain * R)
    return -0.5 * np.einsum("...i,ij,...j->...", v, W, v) + integral.sum(-1) - v @ I


def energy_from_v(v, weights, *, currents=0.0, resistances=1.0, gain=1.0):
    """Energy (13) as a function of the outputs ``v`` in (-1, 1) (for contour plots in v-space).

    ``int_0^v artanh(x) dx = v artanh(v) + 1/2 log(1 - v^2)``; outputs must satisfy |v| < 1.
    """
    W, I, R, _, gain = _params(weights, currents, resistances, 1.0, gain, symmetric=True)
    v = _as_u("v", v, W.shape[0])
    if np.any(np.abs(v) >= 1):
        raise ValueError("v: expected outputs strictly between -1 and 1 (g^-1 is infinite at +/-1)")
    integral = (v * np.arctanh(v) + 0.5 * np.log1p(-v * v)) / (gain * R)
    return -0.5 * np.einsum("...i,ij,...j->...", v, W, v) + integral.sum(-1) - v @ I


# --------------------------------------------------------------------------- kernels and twins
@njit(cache=True, nogil=True)
def _field(u, W, I, R, C, gain, v, out):
    n = u.shape[0]
    for j in range(n):
        v[j] = np.tanh(gain * u[j])
    for i in range(n):
        h = 0.0
        for j in range(n):
            h += W[i, j] * v[j]
        out[i] = (h - u[i] / R[i] + I[i]) / C[i]


@njit(cache=True, nogil=True)
def euler_kernel(u, W, I, R, C, gain, dt, steps, record_every, out):
    """Explicit Euler for eq. (9), in place on ``u``; writes ``u`` every ``record_every`` steps.

    ``out`` has shape (steps // record_every + 1, N); row 0 is the start. The field
    ``sum_j W_ij v_j`` is summed in the order j = 0..N-1.
    """
    n = u.shape[0]
    v = np.empty(n)
    k = np.empty(n)
    for i in range(n):
        out[0, i] = u[i]
    row = 1
    for t in range(1, steps + 1):
        _field(u, W, I, R, C, gain, v, k)
        for i in range(n):
            u[i] = u[i] + dt * k[i]
        if t % record_every == 0:
            for i in range(n):
                out[row, i] = u[i]
            row += 1


@njit(cache=True, nogil=True)
def rk4_kernel(u, W, I, R, C, gain, dt, steps, record_every, out):
    """Classical 4th-order Runge-Kutta for eq. (9), in place on ``u`` (same recording as Euler)."""
    n = u.shape[0]
    v = np.empty(n)
    k1 = np.empty(n)
    k2 = np.empty(n)
    k3 = np.empty(n)
    k4 = np.empty(n)
    tmp = np.empty(n)
    for i in range(n):
        out[0, i] = u[i]
    row = 1
    for t in range(1, steps + 1):
        _field(u, W, I, R, C, gain, v, k1)
        for i in range(n):
            tmp[i] = u[i] + 0.5 * dt * k1[i]
        _field(tmp, W, I, R, C, gain, v, k2)
        for i in range(n):
            tmp[i] = u[i] + 0.5 * dt * k2[i]
        _field(tmp, W, I, R, C, gain, v, k3)
        for i in range(n):
            tmp[i] = u[i] + dt * k3[i]
        _field(tmp, W, I, R, C, gain, v, k4)
        for i in range(n):
            u[i] = u[i] + dt / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i])
        if t % record_every == 0:
            for i in range(n):
                out[row, i] = u[i]
            row += 1


def _numpy_field(W, I, R, C, gain):
    return lambda x: (W @ np.tanh(gain * x) - x / R + I) / C


def _euler_loop(f, u, dt, steps, record_every, out):
    """The one NumPy Euler loop (twin of :func:`euler_kernel`, also used for Krotov's field)."""
    out[0] = u
    row = 1
    for t in range(1, steps + 1):
        u += dt * f(u)
        if t % record_every == 0:
            out[row] = u
            row += 1


def euler_kernel_numpy(u, W, I, R, C, gain, dt, steps, record_every, out):
    """NumPy twin of :func:`euler_kernel` (same update, vectorised over neurons)."""
    _euler_loop(_numpy_field(W, I, R, C, gain), u, dt, steps, record_every, out)


def rk4_kernel_numpy(u, W, I, R, C, gain, dt, steps, record_every, out):
    """NumPy twin of :func:`rk4_kernel`."""
    f = _numpy_field(W, I, R, C, gain)
    out[0] = u
    row = 1
    for t in range(1, steps + 1):
        k1 = f(u)
        k2 = f(u + 0.5 * dt * k1)
        k3 = f(u + 0.5 * dt * k2)
        k4 = f(u + dt * k3)
        u += dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        if t % record_every == 0:
            out[row] = u
            row += 1


_KERNELS = {("euler", "numba"): euler_kernel, ("euler", "numpy"): euler_kernel_numpy,
            ("rk4", "numba"): rk4_kernel, ("rk4", "numpy"): rk4_kernel_numpy}


# --------------------------------------------------------------------------- the integrator
@dataclass
class GradedResult:
    """A trajectory of the graded-response network (from :func:`integrate`).

    ``t`` (T,) times, ``u`` (T, N) internal potentials, ``v`` (T, N) outputs ``g(u)``,
    ``energies`` (T,) energy (13) at each recorded time (NaN when ``W`` is not symmetric),
    ``method`` ("euler", "rk4" or "ivp"), ``dt`` the step (Euler/RK4; the spacing of the
    recorded times for "ivp").
    """

    t: np.ndarray
    u: np.ndarray
    v: np.ndarray
    energies: np.ndarray
    method: str
    dt: float

    @property
    def final(self):
        """The outputs ``v`` at the last recorded time."""
        return self.v[-1]


def _steps_from(dt, steps, t_max):
    if steps is not None and t_max is not None:
        raise TypeError("steps, t_max: give one of them, not both")
    if t_max is not None:
        t_max = as_float(t_max, "t_max", positive=True)
        n = int(round(t_max / dt))
        if n < 1:
            raise ValueError(f"t_max: expected at least one step of dt = {dt}, got t_max = {t_max}")
        if n > MAX_STEPS:
            raise ValueError(f"t_max: t_max / dt = {n} steps exceeds the cap of {MAX_STEPS}; raise dt or lower t_max")
        return n
    return as_int(100 if steps is None else steps, "steps", minimum=1, maximum=MAX_STEPS)


def _check_trajectory(us, u0, W, I, R, dt, method):
    """Raise on NaN/inf, warn when the numerical solution leaves the box the exact one never leaves.

    The exact flow keeps ``|u_i(t)| <= max(|u_i(0)|, b_i)`` with ``b_i = R_i (sum_j |W_ij| + |I_i|)``
    (beyond ``b_i`` the leak wins), so a trajectory outside twice that box is a numerical artefact.
    """
    if not np.all(np.isfinite(us)):
        raise FloatingPointError(
            f"integrate: the {method} solution overflowed to NaN/infinity (dt = {dt}): the step is far too large "
            "for this network; Euler is stable near saturation only for dt < 2 R C")
    box = np.maximum(np.abs(u0), R * (np.abs(W).sum(1) + np.abs(I)))
    excess = float(np.max(np.abs(us) / (2.0 * box + 1e-12)))
    if excess > 1.0:
        warnings.warn(
            f"integrate: the {method} solution reached |u| = {np.abs(us).max():.3g}, more than twice the bound "
            f"max(|u0|, R (sum|W| + |I|)) that the exact solution never exceeds: dt = {dt} is too large "
            "and the result is a numerical artefact", RuntimeWarning, stacklevel=3)


def _energies(us, W, I, R, gain):
    if np.allclose(W, W.T, atol=1e-12, rtol=0):
        return continuous_energy(us, W, currents=I, resistances=R, gain=gain)
    return np.full(us.shape[0], np.nan)


def integrate(u0, weights, *, method="euler", dt=0.08, steps=None, t_max=None, currents=0.0, resistances=1.0,
              capacitances=1.0, gain=1.0, record_every=1, engine="numba", rtol=1e-8, atol=1e-10):
    """Integrate eq. (9), ``C du/dt = W g(u) - u/R + I``, from ``u0``; returns a :class:`GradedResult`.

    ``method``: ``"euler"`` (explicit Euler, ``u <- u + dt (W v - u/R + I)/C``; the Oxford report's
    figure 7 uses ``dt = 0.08`` and all constants 1), ``"rk4"`` (classical Runge-Kutta) or
    ``"ivp"`` (``scipy.integrate.solve_ivp``, RK45 with error control ``rtol``, ``atol``: a
    reference solution, evaluated at the same times). The run lasts ``steps`` steps of ``dt``
    (default 100) or ``t_max`` time units (give one of them); every ``record_every``-th state is
    recorded, so ``t = dt * record_every * k``. ``engine`` is ``"numba"`` (the kernels) or
    ``"numpy"`` (their twins). A solution that overflows raises ``FloatingPointError``; one that
    leaves the region the exact solution never leaves warns (``RuntimeWarning``): dt too large.
    """
    W, I, R, C, gain = _params(weights, currents, resistances, capacitances, gain)
    n = W.shape[0]
    u = _as_u("u0", u0, n)
    if u.ndim != 1:
        raise ValueError(f"u0: expected a 1-D start (one value per neuron), got shape {u.shape}")
    method = as_choice(method, "method", INTEGRATION_METHODS)
    engine = as_choice(engine, "engine", ("numba", "numpy"))
    dt = as_float(dt, "dt", positive=True)
    nsteps = _steps_from(dt, steps, t_max)
    every = as_int(record_every, "record_every", minimum=1)
    if nsteps % every:
        raise ValueError(f"record_every: expected a divisor of the number of steps ({nsteps}), got {every}")
    u0 = u.copy()
    t = dt * every * np.arange(nsteps // every + 1)
    if method == "ivp":
        from scipy.integrate import solve_ivp

        rtol = as_float(rtol, "rtol", positive=True)
        atol = as_float(atol, "atol", positive=True)
        f = _numpy_field(W, I, R, C, gain)
        sol = solve_ivp(lambda _, x: f(x), (0.0, float(t[-1])), u, t_eval=t, method="RK45", rtol=rtol, atol=atol)
        if not sol.success:  # pragma: no cover - only for pathological input
            raise RuntimeError(f"integrate: solve_ivp failed: {sol.message}")
        us = sol.y.T
    else:
        us = np.empty((nsteps // every + 1, n))
        with np.errstate(over="ignore", invalid="ignore"):
            _KERNELS[method, engine](u, W, I, R, C, gain, dt, nsteps, every, us)
    _check_trajectory(us, u0, W, I, R, dt, method)
    return GradedResult(t, us, np.tanh(gain * us), _energies(us, W, I, R, gain), method, dt)


# --------------------------------------------------------------------------- fixed points
def jacobian(u, weights, *, currents=0.0, resistances=1.0, capacitances=1.0, gain=1.0):
    """Jacobian of eq. (9) at ``u``: ``J_ij = (W_ij gain g'(u_j) - delta_ij / R_i) / C_i``.

    (``currents`` does not enter the Jacobian; it is accepted so that one set of network
    options fits every function here.)
    """
    W, _, R, C, gain = _params(weights, currents, resistances, capacitances, gain)
    u = _as_u("u", u, W.shape[0])
    if u.ndim != 1:
        raise ValueError(f"u: expected shape ({W.shape[0]},), got {u.shape}")
    slope = gain / np.cosh(gain * u) ** 2
    return (W * slope[None, :] - np.diag(1.0 / R)) / C[:, None]


def classify_fixed_point(u, weights, *, currents=0.0, resistances=1.0, capacitances=1.0, gain=1.0, tol=1e-9):
    """Classify a fixed point by the eigenvalues of the Jacobian (the slides of Cardin et al. 2023).

    Returns "sink" (all real parts < 0), "source" (all > 0), "saddle" (both signs) or
    "degenerate" (a real part within ``tol`` of 0).
    """
    tol = as_float(tol, "tol", minimum=0.0)
    ev = np.linalg.eigvals(jacobian(u, weights, currents=currents, resistances=resistances,
                                    capacitances=capacitances, gain=gain))
    re = ev.real
    if np.any(np.abs(re) <= tol):
        return "degenerate"
    if np.all(re < 0):
        return "sink"
    if np.all(re > 0):
        return "source"
    return "saddle"


def fixed_points(weights, *, currents=0.0, resistances=1.0, capacitances=1.0, gain=1.0, starts=11, tol=1e-10):
    """All fixed points ``W g(u) - u/R + I = 0`` of a small network (N <= 4), by multistart Newton.

    Newton's method (scipy ``root``, hybrid method with the analytic Jacobian) is started from a
    grid of ``starts`` points per neuron covering the box that contains every fixed point,
    ``|u_i| <= R_i (sum_j |W_ij| + |I_i|)``; at most ``starts ** N <= 20000`` starts. Distinct
    roots are returned as an array (k, N) sorted by their coordinates.
    """
    from itertools import product

    from scipy.optimize import root

    W, I, R, C, gain = _params(weights, currents, resistances, capacitances, gain)
    n = W.shape[0]
    if n > 4:
        raise ValueError(f"weights: fixed_points is meant for N <= 4 neurons, got N = {n}")
    starts = as_int(starts, "starts", minimum=2)
    if starts ** n > MAX_STARTS:
        raise ValueError(f"starts: {starts} per neuron gives {starts ** n} Newton starts for N = {n}; expected at "
                         f"most {MAX_STARTS} (starts <= {int(MAX_STARTS ** (1 / n))})")
    tol = as_float(tol, "tol", minimum=0.0)
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


# --------------------------------------------------------------------------- two neurons, limit cycles
def two_neuron_couplings(self_coupling=1.5, rotation=1.0):
    """``T = [[a, -b], [b, a]]``: self-excitation ``a`` plus an antisymmetric rotation ``b``.

    With gain g the origin has eigenvalues ``g (a +/- i b) - 1``: for ``g a > 1`` and ``b != 0`` it
    is an unstable spiral and the saturation of tanh closes the orbits into a limit cycle (for
    ``b`` large enough; for small ``b`` the orbit breaks into equilibria); for ``b = 0``
    (symmetric) trajectories settle at an equilibrium.
    """
    a = as_float(self_coupling, "self_coupling")
    b = as_float(rotation, "rotation")
    return np.array([[a, -b], [b, a]])


@dataclass
class CycleResult:
    """A periodic orbit found by :func:`limit_cycle_period`.

    ``period`` (time units, None when no orbit was found), ``spread`` (largest distance between
    the states at successive Poincare crossings; None without an orbit), ``crossings`` used,
    ``periodic``: ``spread < tol``.
    """

    period: float | None
    spread: float | None
    crossings: int
    periodic: bool


def limit_cycle_period(t, u, *, discard=0.5, tol=1e-2):
    """Detect a periodic orbit in a sampled trajectory ``u(t)`` (rows of ``u``) by a Poincare section.

    After discarding the first fraction ``discard`` of the run, the times at which coordinate 0
    crosses its mean upwards (linearly interpolated). The period is the mean interval between
    crossings; the orbit is periodic when the states at successive crossings agree within
    ``tol``. Fewer than three crossings (a fixed point, or too short a run: use a window of
    several periods) give ``period=None``. Returns a :class:`CycleResult`.
    """
    t = _finite_numeric("t", t).astype(np.float64)
    u = _finite_numeric("u", u).astype(np.float64)
    if t.ndim != 1 or t.size < 3:
        raise ValueError(f"t: expected a 1-D array of at least 3 times, got shape {t.shape}")
    if np.any(np.diff(t) <= 0):
        raise ValueError("t: expected strictly increasing times")
    if u.ndim != 2 or u.shape[0] != t.size:
        raise ValueError(f"u: expected shape ({t.size}, N) to match t, got shape {u.shape}")
    discard = as_float(discard, "discard", minimum=0.0, maximum=0.95)
    tol = as_float(tol, "tol", positive=True)
    start = int(discard * len(t))
    tt, uu = t[start:], u[start:]
    none = CycleResult(None, None, 0, False)
    if np.ptp(uu[:, 0]) < tol:
        return none
    x = uu[:, 0] - uu[:, 0].mean()
    idx = np.flatnonzero((x[:-1] < 0) & (x[1:] >= 0))
    if idx.size < 3:
        return CycleResult(None, None, int(idx.size), False)
    frac = -x[idx] / (x[idx + 1] - x[idx])
    times = tt[idx] + frac * (tt[idx + 1] - tt[idx])
    points = uu[idx] + frac[:, None] * (uu[idx + 1] - uu[idx])
    spread = float(np.max(np.linalg.norm(points[1:] - points[:-1], axis=1)))
    period = float(np.mean(np.diff(times)))
    return CycleResult(period, spread, int(idx.size), spread < tol)


# --------------------------------------------------------------------------- Krotov and Hopfield (2016)
def _krotov_args(v, patterns, power, name="v"):
    X = as_patterns(patterns).astype(np.float64)
    power = as_int(power, "power", minimum=2, maximum=50)
    v = _as_u(name, v, X.shape[1])
    return v, X, power


def krotov_lagrangian(v, patterns, *, power=3):
    """The Lagrangian ``Phi(V) = sum_mu F(xi_mu . V)`` with ``F(x) = x^n / (n (n - 1))``, ``n = power``.

    ``n = 2`` gives Hebb's quadratic form (with the diagonal kept), larger ``n`` the dense
    associative memory of Krotov and Hopfield (2016).
    """
    v, X, n = _krotov_args(v, patterns, power)
    x = v @ X.T
    return (x ** n).sum(-1) / (n * (n - 1))


def krotov_couplings(v, patterns, *, power=3):
    """State-dependent couplings ``T(V) = Hessian of Phi = sum_mu (xi_mu . V)^(n-2) xi_mu xi_mu^T``.

    Symmetric for every V (the slides of Cardin et al. 2023). ``v`` has shape (N,).
    """
    v, X, n = _krotov_args(v, patterns, power)
    if v.ndim != 1:
        raise ValueError(f"v: expected shape ({X.shape[1]},), got {v.shape}")
    x = X @ v
    return (X.T * x ** (n - 2)) @ X


def krotov_rhs(u, patterns, *, power=3, gain=1.0):
    """The vector field ``du_i/dt = sum_j T_ij(V) V_j - u_i`` with ``V = tanh(gain u)``.

    ``T(V) V = sum_mu (xi_mu . V)^(n-1) xi_mu`` (the Hessian applied to V), which is
    ``-dE/dV`` for the energy of :func:`krotov_energy`.
    """
    gain = as_float(gain, "gain", positive=True)
    u, X, n = _krotov_args(u, patterns, power, "u")
    v = np.tanh(gain * u)
    return (v @ X.T) ** (n - 1) @ X - u


def krotov_energy(u, patterns, *, power=3, gain=1.0):
    """Legendre-transform energy ``E = -(grad Phi . V - Phi) + sum_i int_0^{V_i} g^-1``.

    For ``F(x) = x^n / (n (n-1))``: ``grad Phi . V - Phi = sum_mu (xi_mu . V)^n / n``.
    Evaluated from the potentials ``u`` (``V = tanh(gain u)``).
    """
    gain = as_float(gain, "gain", positive=True)
    u, X, n = _krotov_args(u, patterns, power, "u")
    x = gain * u
    v = np.tanh(x)
    integral = ((v * x - _logcosh(x)) / gain).sum(-1)
    return -((v @ X.T) ** n).sum(-1) / n + integral


def integrate_krotov(u0, patterns, *, power=3, gain=1.0, dt=0.01, steps=500):
    """Euler integration of :func:`krotov_rhs` (the same Euler loop as :func:`integrate`).

    Returns a :class:`GradedResult` (``energies`` from :func:`krotov_energy`).
    """
    gain = as_float(gain, "gain", positive=True)
    dt = as_float(dt, "dt", positive=True)
    steps = as_int(steps, "steps", minimum=1, maximum=MAX_STEPS)
    u, X, n = _krotov_args(u0, patterns, power, "u0")
    if u.ndim != 1:
        raise ValueError(f"u0: expected shape ({X.shape[1]},), got {u.shape}")
    us = np.empty((steps + 1, u.size))
    with np.errstate(over="ignore", invalid="ignore"):
        _euler_loop(lambda x: (np.tanh(gain * x) @ X.T) ** (n - 1) @ X - x, u.copy(), dt, steps, 1, us)
    if not np.all(np.isfinite(us)):
        raise FloatingPointError(f"integrate_krotov: the Euler solution overflowed (dt = {dt} is too large)")
    return GradedResult(dt * np.arange(steps + 1), us, np.tanh(gain * us),
                        krotov_energy(us, X, power=n, gain=gain), "euler", dt)
