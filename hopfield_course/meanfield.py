"""Theory of the Hopfield network: crosstalk, mean field, mixtures and the storage capacity.

Everything here is computed from the equations (with SciPy root finding and quadrature);
no result is typed in. Temperatures use the course's convention (Hebbian weights with
``1/N``, Glauber rule ``P(s=+1) = 1/(1+exp(-2h/T))``), in which one memory condenses at
``T_c = 1``.

* Crosstalk (seed 002): starting at memory ``mu`` the field on neuron ``i`` is
  ``xi^mu_i`` plus a crosstalk term whose distribution is close to a Gaussian of variance
  ``alpha = p/N``; a bit flips in one step when the crosstalk exceeds 1, with probability
  ``P_error = 1/2 erfc(sqrt(1/(2 alpha)))`` -> :func:`error_probability`.
* Mean field for one memory (seed 002): ``m = tanh(m/T)`` with free energy
  ``f(m) = m^2/2 - T log(2 cosh(m/T))`` -> :func:`mean_field_overlap`,
  :func:`mean_field_free_energy`.
* Symmetric mixtures of ``n`` memories (Amit, Gutfreund and Sompolinsky 1985, quoted by
  seed 002): ``m_n = <z tanh(m_n z / T)> / n`` with ``z = xi^1 + ... + xi^n``; stable while
  the Hessian of the free energy is positive definite -> :func:`mixture_overlap`,
  :func:`mixture_stability`, :func:`mixture_critical_temperature`.
* Extensive loading ``p = alpha N`` (Amit, Gutfreund and Sompolinsky 1987, replica
  symmetric): at ``T = 0`` with ``y = m / sqrt(2 alpha r)``,
  ``y (sqrt(2 alpha) + (2/sqrt(pi)) exp(-y^2)) = erf(y)`` and ``m = erf(y)``; a retrieval
  solution exists up to ``alpha_c`` (about 0.138) -> :func:`retrieval_overlap`,
  :func:`critical_load`. At ``T > 0``:
  ``m = <tanh((m + sqrt(alpha r) z)/T)>_z``, ``q = <tanh^2(...)>_z``,
  ``r = q / (1 - (1 - q)/T)^2`` (z standard normal) -> the retrieval boundary of the
  temperature-load phase diagram; the spin-glass line is ``T_g = 1 + sqrt(alpha)``.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from scipy import optimize, special

__all__ = [
    "error_probability",
    "load_for_error",
    "mean_field_overlap",
    "mean_field_free_energy",
    "mixture_overlap",
    "mixture_stability",
    "mixture_critical_temperature",
    "retrieval_overlap",
    "critical_load",
    "spin_glass_temperature",
]


def _nonneg_array(name, value, positive=False):
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected a number or an array of numbers, got {value!r}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: expected finite numbers")
    if positive and np.any(arr <= 0):
        raise ValueError(f"{name}: expected numbers > 0, got {arr[arr <= 0].ravel()[:3].tolist()}")
    if np.any(arr < 0):
        raise ValueError(f"{name}: expected numbers >= 0, got {arr[arr < 0].ravel()[:3].tolist()}")
    return arr


def _out(arr):
    return float(arr) if np.ndim(arr) == 0 else arr


# --------------------------------------------------------------------------
# Crosstalk and one-step error
# --------------------------------------------------------------------------
def error_probability(load):
    """One-step bit-error probability of a stored memory under Hebb's rule (seed 002).

    ``P_error = P(C > 1) = 1/2 erfc(sqrt(1 / (2 alpha)))`` for a crosstalk ``C`` that is
    Gaussian with mean 0 and variance ``alpha = p / N`` (``load``). Elementwise; 0 at load 0.
    """
    a = _nonneg_array("load", load)
    with np.errstate(divide="ignore"):
        out = np.where(a > 0, 0.5 * special.erfc(np.sqrt(1.0 / (2.0 * np.where(a > 0, a, 1.0)))), 0.0)
    return _out(out)


def load_for_error(p_error):
    """Inverse of :func:`error_probability`: the load ``alpha`` giving bit error ``p_error`` (0 < p < 1/2)."""
    e = _nonneg_array("p_error", p_error, positive=True)
    if np.any(e >= 0.5):
        raise ValueError("p_error: expected probabilities below 1/2 (the error tends to 1/2 as the load grows)")
    return _out(1.0 / (2.0 * special.erfcinv(2.0 * e) ** 2))


# --------------------------------------------------------------------------
# One memory
# --------------------------------------------------------------------------
def _mf_scalar(t):
    if t >= 1.0:
        return 0.0
    if t == 0.0:
        return 1.0
    g = lambda m: m - math.tanh(m / t)  # noqa: E731
    lo = 1e-12
    # g(lo) < 0 for T < 1; g(1) = 1 - tanh(1/T) > 0 (or 0 to double precision at tiny T)
    if g(1.0) <= 0:
        return 1.0
    return optimize.brentq(g, lo, 1.0, xtol=1e-15, rtol=1e-15)


def mean_field_overlap(temperature):
    """Equilibrium overlap with a single memory: the largest root of ``m = tanh(m / T)``.

    0 for ``T >= 1`` (the only solution), 1 at ``T = 0``. Elementwise.
    """
    t = _nonneg_array("temperature", temperature)
    return _out(np.vectorize(_mf_scalar, otypes=[float])(t))


def mean_field_free_energy(m, temperature):
    """Mean-field free energy per neuron ``f(m) = m^2/2 - T log(2 cosh(m/T))`` (seed 002).

    At ``T = 0`` this is ``m^2/2 - |m|``. Broadcasts over ``m`` and ``temperature``.
    """
    t = _nonneg_array("temperature", temperature)
    m = np.asarray(m, dtype=float)
    if not np.all(np.isfinite(m)):
        raise ValueError("m: expected finite numbers")
    m, t = np.broadcast_arrays(m, t)
    out = np.empty(m.shape)
    zero = t == 0
    out[zero] = 0.5 * m[zero] ** 2 - np.abs(m[zero])
    x = np.abs(m[~zero]) / t[~zero]
    # log(2 cosh x) = |x| + log(1 + exp(-2|x|)), stable for large x
    out[~zero] = 0.5 * m[~zero] ** 2 - t[~zero] * (x + np.log1p(np.exp(-2 * x)))
    return _out(out)


# --------------------------------------------------------------------------
# Symmetric mixtures of n memories
# --------------------------------------------------------------------------
def _check_n(n):
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n: expected a positive integer number of memories in the mixture, got {n!r}")
    if n > 15:
        raise ValueError(f"n: mixtures of more than 15 memories are not supported (2^n terms), got {n}")
    return int(n)


@lru_cache(maxsize=None)
def _z_distribution(n):
    # z = xi^1 + ... + xi^n takes n - 2k with probability C(n, k) / 2^n
    k = np.arange(n + 1)
    return (n - 2 * k).astype(float), special.comb(n, k) / 2.0 ** n


def _mixture_m(n, t):
    z, w = _z_distribution(n)
    if t == 0:
        return float(np.sum(w * np.abs(z)) / n)
    if t >= 1.0:
        return 0.0
    g = lambda m: m - np.sum(w * z * np.tanh(m * z / t)) / n  # noqa: E731
    if g(1.0) <= 0:  # pragma: no cover - cannot happen: <|z|>/n <= 1
        return 1.0
    return optimize.brentq(g, 1e-12, 1.0, xtol=1e-15, rtol=1e-15)


def mixture_overlap(n, temperature):
    """Overlap ``m_n`` of the symmetric mixture of ``n`` memories with each of them.

    The largest root of ``m = <z tanh(m z / T)> / n`` with ``z = xi^1 + ... + xi^n``
    (seed 002; Amit, Gutfreund and Sompolinsky 1985). At ``T = 0``: ``<|z|> / n``
    (1/2 for n = 3); 0 for ``T >= 1``.
    """
    n = _check_n(n)
    t = _nonneg_array("temperature", temperature)
    return _out(np.vectorize(lambda x: _mixture_m(n, float(x)), otypes=[float])(t))


@lru_cache(maxsize=None)
def _all_signs(k):
    idx = np.arange(2 ** k)[:, None]
    return 1.0 - 2.0 * ((idx >> np.arange(k)[None, :]) & 1)


def _mixture_hessian(n, t):
    """Hessian of f(m^1..m^{n+1}) at the symmetric n-mixture (one extra memory outside it)."""
    m = _mixture_m(n, t)
    xi = _all_signs(n + 1)  # every sign pattern of n + 1 memories, equally likely
    field = m * xi[:, :n].sum(axis=1)
    if t == 0:
        # beta -> infinity: 1 - beta (1 - tanh^2) -> 1 where the field is non-zero; -inf where it is 0
        if np.any(field == 0):
            return m, np.full((n + 1, n + 1), -np.inf)
        return m, np.eye(n + 1)
    th2 = np.tanh(field / t) ** 2
    beta = 1.0 / t
    hess = np.eye(n + 1) * (1.0 - beta) + beta * (xi * th2[:, None]).T @ xi / xi.shape[0]
    return m, hess


def mixture_stability(n, temperature):
    """Smallest eigenvalue of the free-energy Hessian at the symmetric ``n``-mixture.

    ``f = |m|^2/2 - T <log 2cosh(m . xi / T)>``, Hessian
    ``H_{mu nu} = delta_{mu nu} (1 - 1/T) + <xi^mu xi^nu tanh^2(m . xi / T)> / T``,
    evaluated at ``m = m_n (1, ..., 1, 0)`` with one memory outside the mixture (every
    further one gives the same eigenvalue). The mixture is a stable state (a local
    minimum of f) when the result is positive. For even ``n`` some neurons feel no field
    (``z = 0``), which makes the result negative at every temperature.
    """
    n = _check_n(n)
    t = float(_nonneg_array("temperature", temperature))
    if t >= 1.0:
        raise ValueError("temperature: mixtures exist only below T = 1 (m_n = 0 above)")
    _, hess = _mixture_hessian(n, t)
    if not np.all(np.isfinite(hess)):
        return -math.inf
    return float(np.linalg.eigvalsh(hess)[0])


def mixture_critical_temperature(n):
    """Temperature below which the symmetric mixture of ``n`` memories is stable.

    Found from the mean-field equations: the largest ``T < 1`` such that
    :func:`mixture_stability` is positive on ``(0, T)``, located on a grid and refined with
    Brent's method. ``n = 1`` (a pure memory) gives ``T_c = 1``; even ``n`` give 0 (never
    stable). Seed 002 quotes 0.461, 0.385 and 0.345 for n = 3, 5, 7.
    """
    n = _check_n(n)
    if n == 1:
        return 1.0
    grid = np.linspace(0.005, 0.995, 199)
    vals = np.array([mixture_stability(n, t) for t in grid])
    if vals[0] <= 0:
        return 0.0
    k = int(np.argmax(vals <= 0)) if np.any(vals <= 0) else None
    if k is None:  # pragma: no cover - does not happen for n > 1
        return 1.0
    return float(optimize.brentq(lambda t: mixture_stability(n, t), grid[k - 1], grid[k], xtol=1e-12))


# --------------------------------------------------------------------------
# Extensive loading: replica-symmetric theory
# --------------------------------------------------------------------------
def _F(y):
    # erf(y)/y - 2/sqrt(pi) exp(-y^2); the T = 0 RS equation reads F(y) = sqrt(2 alpha)
    return special.erf(y) / y - 2.0 / math.sqrt(math.pi) * math.exp(-y * y)


@lru_cache(maxsize=1)
def _F_max():
    res = optimize.minimize_scalar(lambda y: -_F(y), bounds=(0.1, 5.0), method="bounded",
                                   options={"xatol": 1e-13})
    return float(res.x), float(-res.fun)


def _rs_zero(alpha):
    y_star, f_max = _F_max()
    if alpha == 0:
        return 1.0
    target = math.sqrt(2 * alpha)
    if target >= f_max:
        return 0.0
    hi = max(2 * y_star, 2.0 / target + 5.0)
    y = optimize.brentq(lambda v: _F(v) - target, y_star, hi, xtol=1e-14)
    return float(special.erf(y))


@lru_cache(maxsize=1)
def _gauss_nodes():
    x, w = np.polynomial.hermite_e.hermegauss(121)
    return x, w / math.sqrt(2 * math.pi)


def _rs_finite_t(alpha, t, tol=1e-11, max_iter=20000):
    """Retrieval solution of the finite-T RS equations by iteration from m = q = 1 (0 if none)."""
    z, w = _gauss_nodes()
    m, q = 1.0, 1.0
    beta = 1.0 / t
    for _ in range(max_iter):
        denom = 1.0 - beta * (1.0 - q)
        if denom <= 0:
            return 0.0
        r = q / denom ** 2
        th = np.tanh(beta * (m + math.sqrt(alpha * r) * z))
        m_new = float(np.sum(w * th))
        q_new = float(np.sum(w * th * th))
        if abs(m_new - m) < tol and abs(q_new - q) < tol:
            m = m_new
            break
        m, q = m_new, q_new
        if m < 1e-6:
            return 0.0
    return m if m > 1e-6 else 0.0


def retrieval_overlap(alpha, temperature=0.0):
    """Replica-symmetric retrieval overlap ``m(alpha)`` (Amit, Gutfreund and Sompolinsky).

    At ``T = 0``: ``m = erf(y)`` with ``y`` the retrieval (largest) root of
    ``y (sqrt(2 alpha) + (2/sqrt(pi)) exp(-y^2)) = erf(y)``; 0 where no retrieval solution
    exists (``alpha > alpha_c``). At ``T > 0`` the finite-temperature RS equations (see the
    module docstring) are iterated from ``m = q = 1``. Elementwise in ``alpha``.
    """
    a = _nonneg_array("alpha", alpha)
    t = float(_nonneg_array("temperature", temperature))
    if t == 0:
        return _out(np.vectorize(_rs_zero, otypes=[float])(a))
    if t >= 1.0:
        return _out(np.zeros(a.shape))

    def one(x):
        if x == 0:
            return _mf_scalar(t)
        return _rs_finite_t(float(x), t)

    return _out(np.vectorize(one, otypes=[float])(a))


def critical_load(temperature=0.0, tol=1e-5):
    """Largest load ``alpha`` with a retrieval solution of the RS equations.

    At ``T = 0``: ``alpha_c = max_y F(y)^2 / 2`` with ``F(y) = erf(y)/y - (2/sqrt(pi)) e^{-y^2}``
    (about 0.138, seed 002). At ``0 < T < 1``: the retrieval boundary ``alpha_M(T)`` of the
    phase diagram, by bisection on the existence of the retrieval solution (to ``tol`` in
    alpha). 0 for ``T >= 1``.
    """
    t = float(_nonneg_array("temperature", temperature))
    if t == 0:
        return _F_max()[1] ** 2 / 2.0
    if t >= 1.0:
        return 0.0
    lo, hi = 0.0, critical_load(0.0) * 1.05
    for _ in range(40):
        mid = 0.5 * (lo + hi)
        if _rs_finite_t(mid, t) > 0:
            lo = mid
        else:
            hi = mid
        if hi - lo < tol:
            break
    return 0.5 * (lo + hi)


def spin_glass_temperature(alpha):
    """Spin-glass transition of the Hopfield model, ``T_g = 1 + sqrt(alpha)`` (AGS 1987)."""
    a = _nonneg_array("alpha", alpha)
    return _out(1.0 + np.sqrt(a))
