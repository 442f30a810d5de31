"""Theory of the Hopfield network: crosstalk, mean field, mixtures and the storage capacity.

Everything here is computed from the equations (with SciPy root finding and quadrature);
no result is typed in. Temperatures use the course's convention (Hebbian weights with
``1/N``, Glauber rule ``P(s=+1) = 1/(1+exp(-2h/T))``), in which one memory condenses at
``T_c = 1``.

* Crosstalk (Varma's blog chapter): starting at memory ``mu`` the field on neuron ``i`` is
  ``xi^mu_i`` plus a crosstalk term whose distribution is close to a Gaussian of variance
  ``alpha = p/N``; a bit flips in one step when the crosstalk exceeds 1, with probability
  ``P_error = 1/2 erfc(sqrt(1/(2 alpha)))`` -> :func:`error_probability`.
* Mean field for one memory (Varma's blog chapter): ``m = tanh(m/T)`` with free energy
  ``f(m) = m^2/2 - T log(2 cosh(m/T))`` -> :func:`mean_field_overlap`,
  :func:`mean_field_free_energy`.
* Symmetric mixtures of ``n`` memories (Amit, Gutfreund and Sompolinsky 1985, quoted by
  Varma's blog chapter): ``m_n = <z tanh(m_n z / T)> / n`` with ``z = xi^1 + ... + xi^n``; stable while
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

from ._validation import as_int

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
    """One-step bit-error probability of a stored memory under Hebb's rule (Varma's blog chapter).

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
    """Mean-field free energy per neuron ``f(m) = m^2/2 - T log(2 cosh(m/T))`` (Varma's blog chapter).

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
def _check_n(mixture_size):
    return as_int(mixture_size, "mixture_size", minimum=1, maximum=15)  # 2^n sign patterns


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


def mixture_overlap(mixture_size, temperature):
    """Overlap ``m_n`` of the symmetric mixture of ``n = mixture_size`` memories with each of them.

    The largest root of ``m = <z tanh(m z / T)> / n`` with ``z = xi^1 + ... + xi^n``
    (Varma's blog chapter; Amit, Gutfreund and Sompolinsky 1985). At ``T = 0``: ``<|z|> / n``
    (1/2 for n = 3); 0 for ``T >= 1``.
    """
    n = _check_n(mixture_size)
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


def mixture_stability(mixture_size, temperature):
    """Smallest eigenvalue of the free-energy Hessian at the symmetric ``n``-mixture.

    ``f = |m|^2/2 - T <log 2cosh(m . xi / T)>``, Hessian
    ``H_{mu nu} = delta_{mu nu} (1 - 1/T) + <xi^mu xi^nu tanh^2(m . xi / T)> / T``,
    evaluated at ``m = m_n (1, ..., 1, 0)`` with one memory outside the mixture (every
    further one gives the same eigenvalue). The mixture is a stable state (a local
    minimum of f) when the result is positive. For even ``n`` some neurons feel no field
    (``z = 0``), which makes the result negative at every temperature.
    """
    n = _check_n(mixture_size)
    t = float(_nonneg_array("temperature", temperature))
    if t >= 1.0:
        raise ValueError("temperature: mixtures exist only below T = 1 (m_n = 0 above)")
    _, hess = _mixture_hessian(n, t)
    if not np.all(np.isfinite(hess)):
        return -math.inf
    return float(np.linalg.eigvalsh(hess)[0])


def mixture_critical_temperature(mixture_size):
    """Temperature below which the symmetric mixture of ``n`` memories is stable.

    Found from the mean-field equations: the largest ``T < 1`` such that
    :func:`mixture_stability` is positive on ``(0, T)``, located on a grid and refined with
    Brent's method. ``n = 1`` (a pure memory) gives ``T_c = 1``; even ``n`` give 0 (never
    stable). Varma's blog chapter quotes 0.461, 0.385 and 0.345 for n = 3, 5, 7.
    """
    n = _check_n(mixture_size)
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
def _legendre_nodes():
    x, w = np.polynomial.legendre.leggauss(16)
    return x, w


# the Gaussian weight is negligible beyond |z| = 9 (phi(9) ~ 1e-18)
_Z_MAX = 9.0
_UNIFORM_BREAKS = np.arange(-_Z_MAX, _Z_MAX + 1e-12, 0.5)
_KINK_STEPS = np.array([0.0, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0])


def _gauss_tanh_moments(m, sigma, beta):
    """``<tanh(beta (m + sigma z))>_z`` and ``<tanh^2(...)>_z`` for a standard normal ``z``.

    Composite 16-point Gauss-Legendre quadrature on panels of width <= 0.5 over |z| <= 9, refined
    around the point ``z0 = -m / sigma`` where the argument changes sign: there ``tanh`` turns from
    -1 to +1 over a width ``T / sigma`` in ``z``, which at low temperature is far narrower than
    the spacing of any fixed Gauss-Hermite rule (121 Hermite nodes give ``alpha_M(T = 0.0864)``
    = 0.13796 instead of 0.1361). The panels follow the transition, so the error stays at the
    level of rounding at every temperature.
    """
    if sigma == 0.0:
        t = math.tanh(beta * m)
        return t, t * t
    z0 = -m / sigma
    width = 1.0 / (beta * sigma)
    kinks = np.concatenate([z0 - width * _KINK_STEPS[::-1], z0 + width * _KINK_STEPS[1:]])
    breaks = np.union1d(_UNIFORM_BREAKS, kinks[(kinks > -_Z_MAX) & (kinks < _Z_MAX)])
    x, w = _legendre_nodes()
    half = 0.5 * np.diff(breaks)
    mid = 0.5 * (breaks[1:] + breaks[:-1])
    z = (mid[:, None] + half[:, None] * x[None, :]).ravel()
    wz = (half[:, None] * w[None, :]).ravel() * np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    th = np.tanh(beta * (m + sigma * z))
    return float(wz @ th), float(wz @ (th * th))


def _rs_finite_t(alpha, t, tol=1e-12, max_iter=100_000):
    """Retrieval solution of the finite-T RS equations by iteration from m = q = 1 (0 if none).

    The iteration ``(m, q) <- (<tanh>, <tanh^2>)`` with ``r = q / (1 - beta (1 - q))^2`` starts
    at full retrieval and decreases monotonically towards the retrieval fixed point when it
    exists; beyond the boundary it runs down to ``m = 0``.
    """
    m, q = 1.0, 1.0
    beta = 1.0 / t
    for _ in range(max_iter):
        denom = 1.0 - beta * (1.0 - q)
        if denom <= 0:
            return 0.0
        r = q / denom ** 2
        m_new, q_new = _gauss_tanh_moments(m, math.sqrt(alpha * r), beta)
        if abs(m_new - m) < tol and abs(q_new - q) < tol:
            m = m_new
            break
        m, q = m_new, q_new
        if m < 1e-6:
            return 0.0
    else:  # pragma: no cover - only within ~1e-9 of the boundary
        raise RuntimeError(f"the RS iteration did not converge in {max_iter} steps at alpha = {alpha}, T = {t}")
    return m if m > 1e-6 else 0.0


# -- the finite-T retrieval branch, parametrised by the noise sigma = sqrt(alpha r) ---------------
# For a fixed sigma the first RS equation m = <tanh(beta (m + sigma z))> is one equation in m; its
# largest root m(sigma) and q(sigma) = <tanh^2> give back the load through r = q / (1 - beta(1-q))^2:
# alpha(sigma) = sigma^2 (1 - beta (1 - q))^2 / q. Along the retrieval branch alpha(sigma) rises
# from 0 (sigma -> 0, m = tanh(beta m)) to a maximum, the boundary alpha_M(T), and falls again on
# the unstable branch. This needs only one-dimensional root finding, no slow fixed-point iteration.
_M_SCAN = np.geomspace(1.0, 1e-4, 60)


def _branch_m(sigma, beta):
    """Largest root m > 0 of m = <tanh(beta (m + sigma z))>, and q there (m = 0 if none)."""
    g = lambda m: _gauss_tanh_moments(m, sigma, beta)[0] - m  # noqa: E731
    prev_m = _M_SCAN[0]  # g(1) < 0 since |tanh| < 1
    for m in _M_SCAN[1:]:
        if g(m) > 0:
            root = optimize.brentq(g, m, prev_m, xtol=1e-15, rtol=1e-14)
            return root, _gauss_tanh_moments(root, sigma, beta)[1]
        prev_m = m
    return 0.0, 0.0


def _branch_alpha(sigma, beta):
    m, q = _branch_m(sigma, beta)
    if m <= 0.0 or q <= 0.0:
        return 0.0, m
    d = 1.0 - beta * (1.0 - q)
    if d <= 0.0:
        return 0.0, m
    return sigma * sigma * d * d / q, m


@lru_cache(maxsize=256)
def _boundary(t):
    """(alpha_M(T), sigma at the maximum) for 0 < T < 1."""
    beta = 1.0 / t
    grid = np.geomspace(1e-2, 3.0, 18)
    vals = np.array([_branch_alpha(x, beta)[0] for x in grid])
    k = int(np.argmax(vals))
    if vals[k] <= 0.0:  # pragma: no cover - T < 1 always has a retrieval branch
        return 0.0, 0.0
    lo, hi = grid[max(k - 1, 0)], grid[min(k + 1, grid.size - 1)]
    res = optimize.minimize_scalar(lambda x: -_branch_alpha(x, beta)[0], bounds=(lo, hi), method="bounded",
                                   options={"xatol": 1e-12 * hi})
    best = max((-res.fun, res.x), (vals[k], grid[k]))
    return float(best[0]), float(best[1])


def _rs_finite_t_branch(alpha, t):
    a_max, s_max = _boundary(t)
    if alpha > a_max:
        return 0.0
    beta = 1.0 / t
    sigma = optimize.brentq(lambda x: _branch_alpha(x, beta)[0] - alpha, 1e-12, s_max, xtol=1e-15, rtol=1e-13)
    return float(_branch_alpha(sigma, beta)[1])


def retrieval_overlap(alpha, *, temperature=0.0):
    """Replica-symmetric retrieval overlap ``m(alpha)`` (Amit, Gutfreund and Sompolinsky 1987).

    At ``T = 0``: ``m = erf(y)`` with ``y`` the retrieval (largest) root of
    ``y (sqrt(2 alpha) + (2/sqrt(pi)) exp(-y^2)) = erf(y)``; 0 where no retrieval solution
    exists (``alpha > alpha_c``). At ``0 < T < 1``: the retrieval branch of the finite-T RS
    equations (module docstring), found through the noise ``sigma = sqrt(alpha r)``: for each
    sigma the largest root of ``m = <tanh((m + sigma z)/T)>`` gives ``q`` and the load
    ``alpha = sigma^2 (1 - (1-q)/T)^2 / q``; the branch is followed up to its maximum
    ``alpha_M(T)``. The Gaussian averages use adaptive composite quadrature. Elementwise in
    ``alpha``; 0 for ``T >= 1``.
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
        return _rs_finite_t_branch(float(x), t)

    return _out(np.vectorize(one, otypes=[float])(a))


def critical_load(temperature=0.0):
    """Largest load ``alpha`` with a retrieval solution of the RS equations.

    At ``T = 0``: ``alpha_c = max_y F(y)^2 / 2`` with ``F(y) = erf(y)/y - (2/sqrt(pi)) e^{-y^2}``
    (0.1379; Amit, Gutfreund and Sompolinsky 1987, quoted as 0.138 by Varma's blog chapter).
    At ``0 < T < 1``: the retrieval boundary ``alpha_M(T)`` of the temperature-load phase
    diagram, the maximum of the load along the retrieval branch (see :func:`retrieval_overlap`),
    accurate to about 1e-9. 0 for ``T >= 1``.
    """
    t = float(_nonneg_array("temperature", temperature))
    if t == 0:
        return _F_max()[1] ** 2 / 2.0
    if t >= 1.0:
        return 0.0
    return _boundary(t)[0]


def spin_glass_temperature(alpha):
    """Spin-glass transition of the Hopfield model, ``T_g = 1 + sqrt(alpha)`` (AGS 1987)."""
    a = _nonneg_array("alpha", alpha)
    return _out(1.0 + np.sqrt(a))
