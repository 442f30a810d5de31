"""Storage capacity by simulation: crosstalk, one-step errors, retrieval curves, stability and basins.

Conventions: memories are rows of a (p, N) array of +/-1, Hebbian weights ``W = X^T X / N``
with zero diagonal (any positive factor gives the same T = 0 dynamics), load ``alpha = p/N``.
Every T = 0 comparison goes through the threshold rule of :mod:`hopfield_course._rules`
(ties give +1; with floating-point weights a field within rounding error of the threshold counts
as a tie), so ``W``, ``W / p`` and ``W / N`` give the same answers.

The retrieval curve
-------------------
:func:`retrieval_curve` is the classic experiment behind ``alpha_c`` (Amit, Gutfreund and
Sompolinsky 1987, section 6): draw ``p`` random memories, start the network *at* memory 1, run
asynchronous T = 0 dynamics (a fresh random order every sweep) to a fixed point and record the
final overlap with memory 1 and the number of sweeps. It never forms ``W``: each trial runs in
:func:`hopfield_course.hebbian.retrieval_trial_kernel` (fields from the ``p`` overlaps, memories
stored neuron-major as int8), which draws its memories and visiting orders from a SplitMix64
stream started from one random integer per trial taken from the caller's ``rng``. Trials are
shared dynamically among threads (the kernel releases the GIL), so the result does not depend
on the number of threads, and the NumPy twin repeats any trial bit for bit.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass

import numpy as np

from ._rules import rule_thresholds, start_field, threshold_update
from ._validation import as_choice, as_int, as_patterns, as_rng, as_weights

__all__ = [
    "crosstalk",
    "one_step_errors",
    "retrieval_curve",
    "RetrievalCurve",
    "all_memories_stable",
    "largest_stable_load",
    "basin_curve",
    "default_threads",
    "transition_fit",
    "TransitionFit",
    "extrapolate_alpha_c",
    "Extrapolation",
    "finite_size_data",
]

#: the default retrieval threshold of :meth:`RetrievalCurve.retrieved` (final overlap)
RETRIEVAL_THRESHOLD = 0.9
#: at most this many bytes of memories are held at once by :func:`retrieval_curve`
MAX_BUFFER_BYTES = 2 ** 30


def default_threads() -> int:
    """Worker threads used by default: every core of the machine."""
    return max(1, os.cpu_count() or 1)


# --------------------------------------------------------------------------
# Crosstalk (Varma's blog chapter; Hertz, Krogh and Palmer 1991, section 2.2) and one-step errors
# --------------------------------------------------------------------------
def crosstalk(patterns):
    """The crosstalk ``C^mu_i`` of every bit of every memory under Hebb's rule, shape (p, N).

    Starting at memory ``mu`` the field on neuron ``i`` (``W = X^T X / N``, zero diagonal) is
    ``h_i = (N-1)/N xi^mu_i + (1/N) sum_{j != i} sum_{nu != mu} xi^nu_i xi^nu_j xi^mu_j``.
    Following Varma's blog chapter (and Hertz, Krogh and Palmer 1991, eq. 2.13), ``C^mu_i`` is
    minus ``xi^mu_i`` times the second (crosstalk) term, so the bit is flipped by one update
    when ``C^mu_i > (N-1)/N`` (``> 1`` if one neglects the missing self-coupling); at equality the
    field is zero and the tie rule (a zero field gives +1) flips a -1 bit and keeps a +1 bit. For
    random memories ``C`` is close to a Gaussian with mean 0 and variance ``alpha = p/N``.
    Cost O(p^2 N) via the overlap matrix ``M = X X^T``.
    """
    X = as_patterns(patterns).astype(np.float64)  # BLAS; every product and sum is an exact integer
    p, n = X.shape
    M = X @ X.T
    np.fill_diagonal(M, 0.0)
    # sum_{nu != mu} xi^nu_i (M[nu, mu] - xi^nu_i xi^mu_i) = (M X)[mu, i] - (p - 1) xi^mu_i
    cross = (M @ X - (p - 1) * X) / n
    return -X * cross


def one_step_errors(patterns):
    """Fraction of bits that change when each memory is updated once (Hebb's rule, T = 0).

    Equivalent to ``mean(crosstalk(patterns) > (N-1)/N)`` up to the tie rule (a zero field
    gives +1): computed from the integer fields ``h = X W`` with ``W = X^T X - p I`` (exact in
    float64, so the threshold rule needs no tolerance).
    """
    X = as_patterns(patterns).astype(np.float64)  # exact integers, BLAS speed
    p, n = X.shape
    H = (X @ X.T) @ X - p * X
    return float(np.mean(threshold_update(H, 0.0) != X))


# --------------------------------------------------------------------------
# The retrieval curve
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class RetrievalCurve:
    """Result of :func:`retrieval_curve`: one row per load, one column per trial."""

    n_neurons: int  #: N
    alphas: np.ndarray  #: the loads actually simulated, ``n_memories / n_neurons``
    n_memories: np.ndarray  #: p for each load
    overlaps: np.ndarray  #: (loads, trials): final overlap with the start memory
    sweeps: np.ndarray  #: (loads, trials): sweeps to the fixed point (the last without a flip), -1 if none

    @property
    def mean_overlap(self) -> np.ndarray:
        """Mean final overlap at each load."""
        return self.overlaps.mean(axis=1)

    @property
    def std_overlap(self) -> np.ndarray:
        """Standard deviation of the final overlap over the trials at each load."""
        return self.overlaps.std(axis=1)

    def retrieved(self, threshold=RETRIEVAL_THRESHOLD) -> np.ndarray:
        """Fraction of trials at each load whose final overlap is at least ``threshold``."""
        from ._validation import as_float

        t = as_float(threshold, "threshold", minimum=-1.0, maximum=1.0)
        return (self.overlaps >= t).mean(axis=1)

    @property
    def converged(self) -> np.ndarray:
        """Fraction of trials at each load that reached a fixed point within ``max_sweeps``."""
        return (self.sweeps > 0).mean(axis=1)


def _as_loads(alphas, n):
    try:
        a = np.atleast_1d(np.asarray(alphas, dtype=float))
    except (TypeError, ValueError):
        raise TypeError(f"alphas: expected a sequence of loads (numbers in (0, 1]), got {alphas!r}"[:200]) from None
    if a.ndim != 1 or a.size == 0:
        raise ValueError(f"alphas: expected a non-empty 1-D sequence of loads, got shape {a.shape}")
    bad = ~(np.isfinite(a) & (a > 0) & (a <= 1))
    if np.any(bad):
        raise ValueError(f"alphas: expected loads p/N in (0, 1], got {a[bad][:3].tolist()}")
    if a.size > 10_000:
        raise ValueError(f"alphas: expected at most 10000 loads, got {a.size}")
    return a


def retrieval_curve(n_neurons, alphas, *, trials=20, rng=None, max_sweeps=200, threads=None,
                    engine="numba"):
    """Simulated retrieval against load (Hebb's rule, T = 0, asynchronous, start at a memory).

    For each load ``alpha``, ``trials`` times: draw ``p = round(alpha N)`` (at least 1) random
    memories, start at memory 1, run asynchronous T = 0 sweeps (a fresh random order each) until
    one changes nothing, and record the final overlap ``m = xi^1 . s / N`` and the sweeps taken
    (the experiment of Amit, Gutfreund and Sompolinsky 1987, section 6, and of Hopfield 1982).

    Parameters
    ----------
    n_neurons : N, an integer in [2, 2**24)
    alphas : loads ``p / N`` in (0, 1]
    trials : independent trials per load, 1 to 10**5 (fresh memories and orders each)
    rng : None, a seed or a ``numpy.random.Generator`` (one random integer per trial)
    max_sweeps : sweeps allowed to reach a fixed point, 1 to 10**5
    threads : worker threads, 1 to the number of cores (None: every core); the result does not
        depend on it
    engine : ``"numba"`` (the kernel) or ``"numpy"`` (its twin, one thread, slow: for tests)

    Returns
    -------
    :class:`RetrievalCurve`
    """
    from .hebbian import MAX_NEURONS, _trial_into, retrieval_trial_kernel_numpy

    n = as_int(n_neurons, "n_neurons", minimum=2, maximum=MAX_NEURONS)
    a = _as_loads(alphas, n)
    trials = as_int(trials, "trials", minimum=1, maximum=10 ** 5)
    max_sweeps = as_int(max_sweeps, "max_sweeps", minimum=1, maximum=10 ** 5)
    cores = default_threads()
    threads = cores if threads is None else as_int(threads, "threads", minimum=1, maximum=cores)
    engine = as_choice(engine, "engine", ("numba", "numpy"))
    p = np.maximum(1, np.rint(a * n)).astype(np.int64)
    pmax = int(p.max())
    if n * pmax * threads > MAX_BUFFER_BYTES:
        threads = max(1, MAX_BUFFER_BYTES // (n * pmax))
        if n * pmax > MAX_BUFFER_BYTES:
            raise ValueError(f"n_neurons, alphas: N p = {n * pmax} memory bits exceed the cap of "
                             f"{MAX_BUFFER_BYTES} (int8 storage)")
    generator = as_rng(rng)
    k = a.size * trials
    ps = np.repeat(p, trials)
    seeds = generator.integers(0, 2 ** 63 - 1, size=k, dtype=np.int64).astype(np.uint64)
    out_m = np.zeros(k, dtype=np.int64)
    out_sw = np.zeros(k, dtype=np.int64)
    if engine == "numpy":
        for c in range(k):
            out_m[c], out_sw[c] = retrieval_trial_kernel_numpy(n, int(ps[c]), int(seeds[c]), max_sweeps)
    else:
        # largest p first; each worker takes the next trial when it is free (dynamic balance)
        queue = iter(np.argsort(-ps, kind="stable").tolist())
        lock = threading.Lock()

        def work():
            buf = np.empty(n * pmax, dtype=np.int8)
            mbuf = np.empty(pmax, dtype=np.float32)
            s = np.empty(n, dtype=np.int64)
            order = np.empty(n, dtype=np.int64)
            while True:
                with lock:
                    c = next(queue, None)
                if c is None:
                    return
                _trial_into(n, int(ps[c]), seeds[c], max_sweeps, buf, mbuf, s, order, out_m, out_sw, c)

        nthreads = min(threads, k)
        if nthreads == 1:
            work()
        else:
            workers = [threading.Thread(target=work) for _ in range(nthreads)]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
    return RetrievalCurve(n_neurons=n, alphas=p / n, n_memories=p,
                          overlaps=(out_m / n).reshape(a.size, trials), sweeps=out_sw.reshape(a.size, trials))


# --------------------------------------------------------------------------
# Exact recall of every memory, and basins of attraction
# --------------------------------------------------------------------------
def all_memories_stable(weights, patterns):
    """True when every memory is a fixed point of the T = 0 rule (``sign(W xi) = xi``, ties -> +1).

    The fields are compared with the thresholds of :func:`hopfield_course._rules.rule_thresholds`
    (zero, lowered by the rounding tolerance for floating-point weights), so ``W``, ``W / p``
    and ``W / N`` give the same answer.
    """
    W = as_weights(weights)
    X = as_patterns(patterns)
    if X.shape[1] != W.shape[0]:
        raise ValueError(f"patterns: expected {W.shape[0]} neurons per memory, got shape {X.shape}")
    theta = rule_thresholds(W, np.zeros(W.shape[0]))
    H = X @ W  # W symmetric: row mu is (W xi^mu)^T
    return bool(np.all(threshold_update(H, theta) == X))


_RULES = ("hebb", "storkey", "pseudoinverse")


def largest_stable_load(rule, n_neurons, *, rng=None, p_max=None):
    """Largest ``p`` such that ``p`` random memories are all fixed points under ``rule``.

    ``rule`` is ``"hebb"``, ``"storkey"`` or ``"pseudoinverse"`` (or a function
    ``patterns -> weights``). Memories are added one at a time (the same draw, growing) until
    one of them is no longer stable (threshold rule with ties to +1, as in
    :func:`all_memories_stable`); returns the last ``p`` for which all were stable. ``p_max``
    caps the search (default ``N - 1``, at most ``10 N``); ``n_neurons`` is at most 4096.
    """
    from .learning_rules import _storkey_add, hebbian_weights, pseudoinverse_weights, storkey_weights

    if isinstance(rule, str):
        rule = as_choice(rule, "rule", _RULES)
        make = {"hebb": hebbian_weights, "storkey": storkey_weights, "pseudoinverse": pseudoinverse_weights}[rule]
    elif callable(rule):
        make = rule
    else:
        raise TypeError(f"rule: expected one of {_RULES} or a function patterns -> weights, got {rule!r}")
    n = as_int(n_neurons, "n_neurons", minimum=2, maximum=4096)
    cap = n - 1 if p_max is None else as_int(p_max, "p_max", minimum=1, maximum=10 * n)
    X = as_rng(rng).choice(np.array([-1, 1]), size=(cap, n))
    if rule == "hebb":
        # incremental and exact: integer fields of every memory from the overlap matrix
        Xf = X.astype(np.float64)
        M = Xf @ Xf.T
        for p in range(1, cap + 1):
            H = M[:p, :p] @ Xf[:p] - p * Xf[:p]
            if not np.all(threshold_update(H, 0.0) == X[:p]):
                return p - 1
        return cap
    if rule == "storkey":
        Xf = X.astype(np.float64)
        W = np.zeros((n, n))
        zero = np.zeros(n)
        for p in range(1, cap + 1):
            _storkey_add(W, Xf[p - 1])
            fields = Xf[:p] @ W  # W symmetric: row mu holds W xi^mu
            if not np.all(threshold_update(fields, rule_thresholds(W, zero)) == X[:p]):
                return p - 1
        return cap
    # general rule: stability need not be monotone in p, so scan upwards
    for p in range(1, cap + 1):
        if not all_memories_stable(make(X[:p]), X[:p]):
            return p - 1
    return cap


def basin_curve(weights, patterns, flips, *, trials=20, rng=None, max_sweeps=100):
    """Fraction of corrupted memories that the T = 0 asynchronous dynamics restores exactly.

    For each ``k`` in ``flips``: ``trials`` times, pick a memory at random, flip ``k`` random
    bits, run asynchronous sweeps (a fresh random order each; threshold rule of
    :mod:`hopfield_course._rules`, ties to +1) until one changes nothing or ``max_sweeps`` have
    run, and test whether the state is the memory. Returns an array of fractions, one per ``k``.
    """
    from .dynamics import async_sweep_kernel

    W = as_weights(weights)
    W = np.ascontiguousarray(W)
    X = as_patterns(patterns)
    p, n = X.shape
    if n != W.shape[0]:
        raise ValueError(f"patterns: expected {W.shape[0]} neurons per memory, got shape {X.shape}")
    ks = np.atleast_1d(np.asarray(flips))
    if ks.ndim != 1 or ks.size == 0 or not np.issubdtype(ks.dtype, np.integer) or np.any(ks < 0) or np.any(ks > n):
        raise ValueError(f"flips: expected a non-empty 1-D sequence of integers between 0 and {n}, got {flips!r}"[:200])
    trials = as_int(trials, "trials", minimum=1, maximum=10 ** 5)
    max_sweeps = as_int(max_sweeps, "max_sweeps", minimum=1, maximum=10 ** 5)
    generator = as_rng(rng)
    theta = rule_thresholds(W, np.zeros(n))
    out = np.zeros(ks.size)
    for a, k in enumerate(ks):
        ok = 0
        for _ in range(trials):
            mu = generator.integers(p)
            s = X[mu].copy()
            idx = generator.choice(n, size=int(k), replace=False)
            s[idx] *= -1
            h = start_field(s, W)
            for _ in range(max_sweeps):
                if async_sweep_kernel(s, W, theta, generator.permutation(n), h) == 0:
                    break
            ok += bool(np.array_equal(s, X[mu]))
        out[a] = ok / trials
    return out


# --------------------------------------------------------------------------
# Finite-size scaling of the retrieval transition
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class TransitionFit:
    """Probit fit of the retrieved fraction, ``f(alpha) = Phi((alpha_c - alpha) / width)``."""

    alpha_c: float  #: load where half of the trials retrieve
    alpha_c_error: float  #: its standard error (observed Fisher information, delta method)
    width: float  #: width of the transition in alpha
    width_error: float  #: its standard error


def transition_fit(alphas, retrieved, trials):
    """Maximum-likelihood probit fit of a retrieval transition.

    ``retrieved[k]`` of ``trials[k]`` trials at load ``alphas[k]`` retrieved the memory; the model
    is ``P(retrieve) = Phi(b + a alpha)`` (binomial likelihood, ``a < 0``), reported as
    ``alpha_c = -b / a`` (half the trials retrieve) and ``width = -1 / a``. Standard errors come
    from the inverse of the Fisher information and the delta method.
    """
    from scipy import optimize, special, stats

    x = np.asarray(alphas, dtype=float)
    k = np.asarray(retrieved, dtype=float)
    n = np.broadcast_to(np.asarray(trials, dtype=float), x.shape)
    if x.ndim != 1 or x.size < 3 or k.shape != x.shape:
        raise ValueError("alphas, retrieved: expected 1-D arrays of equal length >= 3")
    if np.any(k < 0) or np.any(k > n) or np.any(n < 1):
        raise ValueError("retrieved: expected counts between 0 and trials")

    def nll(theta):
        eta = theta[0] + theta[1] * x
        return -np.sum(k * special.log_ndtr(eta) + (n - k) * special.log_ndtr(-eta))

    f = k / n
    mid = float(np.interp(0.5, f[::-1], x[::-1])) if f[0] > 0.5 > f[-1] else float(np.mean(x))
    w0 = max(float(np.ptp(x)) / 4, 1e-3)
    res = optimize.minimize(nll, [mid / w0, -1 / w0], method="Nelder-Mead",
                            options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000})
    b, a = res.x
    eta = b + a * x
    p = np.clip(special.ndtr(eta), 1e-300, 1 - 1e-16)
    wgt = n * stats.norm.pdf(eta) ** 2 / (p * (1 - p))
    design = np.stack([np.ones_like(x), x], axis=1)
    cov = np.linalg.inv(design.T @ (wgt[:, None] * design))
    ac, width = -b / a, -1 / a
    g_ac = np.array([-1 / a, b / a ** 2])
    g_w = np.array([0.0, 1 / a ** 2])
    return TransitionFit(alpha_c=float(ac), alpha_c_error=float(np.sqrt(g_ac @ cov @ g_ac)),
                         width=float(width), width_error=float(np.sqrt(g_w @ cov @ g_w)))


@dataclass(frozen=True)
class Extrapolation:
    """``alpha_c(N) = alpha_c_infinity + slope N^(-exponent)``, fitted by weighted least squares."""

    alpha_c_infinity: float
    alpha_c_infinity_error: float  #: statistical and exponent uncertainty combined
    slope: float
    exponent: float  #: from the shrinking width, ``width ~ N^(-exponent)``
    exponent_error: float
    chi2_per_dof: float
    free_alpha_c_infinity: float  #: the same fit with the exponent of the shift left free (3 parameters)
    free_alpha_c_infinity_error: float
    free_exponent: float
    free_exponent_error: float


def _wls(x, y, err):
    A = np.stack([np.ones_like(x), x], axis=1)
    w = 1 / err ** 2
    cov = np.linalg.inv(A.T @ (w[:, None] * A))
    coef = cov @ (A.T @ (w * y))
    resid = (y - A @ coef) / err
    dof = max(1, x.size - 2)
    chi2 = float(resid @ resid / dof)
    return coef, cov * max(1.0, chi2), chi2


def extrapolate_alpha_c(n_neurons, fits):
    """Extrapolate the transition loads of :func:`transition_fit` to ``N -> infinity``.

    Finite-size scaling (e.g. Hertz, Krogh and Palmer 1991, section 2.5, for the idea): both the
    shift ``alpha_c(N) - alpha_c`` and the width of the transition scale as ``N^(-x)``. ``x`` is
    measured from the widths (log-log weighted fit), then ``alpha_c(N) = alpha_c + b N^(-x)`` is
    fitted by weighted least squares. The error bar combines the statistical error (scaled by
    ``sqrt(chi^2 / dof)`` when that exceeds 1) with the change of ``alpha_c`` when ``x`` moves by
    its own standard error. As a check of the assumption the shift is also fitted with its own
    exponent (``free_*`` fields).
    """
    N = np.asarray(n_neurons, dtype=float)
    ac = np.array([f.alpha_c for f in fits])
    ae = np.array([f.alpha_c_error for f in fits])
    w = np.array([f.width for f in fits])
    we = np.array([f.width_error for f in fits])
    if N.size < 3 or N.size != len(fits):
        raise ValueError("n_neurons, fits: expected at least three sizes, one fit per size")
    coef, cov, _ = _wls(np.log(N), np.log(w), we / w)
    x, x_err = float(-coef[1]), float(np.sqrt(cov[1, 1]))

    def at(exponent):
        c, cv, chi2 = _wls(N ** (-exponent), ac, ae)
        return float(c[0]), float(np.sqrt(cv[0, 0])), float(c[1]), chi2

    a_inf, a_err, slope, chi2 = at(x)
    shifts = [abs(at(x + d)[0] - a_inf) for d in (-x_err, x_err)]
    total = float(np.hypot(a_err, max(shifts)))
    # check of the assumption: the shift's own exponent, fitted (needs more sizes, so larger errors)
    from scipy.optimize import curve_fit

    def model(n, a, b, e):
        return a + b * n ** (-e)

    free, fcov = curve_fit(model, N, ac, p0=[a_inf, slope, x], sigma=ae, absolute_sigma=True, maxfev=20000)
    dof = max(1, N.size - 3)
    chi2_free = float(np.sum(((ac - model(N, *free)) / ae) ** 2) / dof)
    ferr = np.sqrt(np.diag(fcov) * max(1.0, chi2_free))
    return Extrapolation(alpha_c_infinity=a_inf, alpha_c_infinity_error=total, slope=slope,
                         exponent=x, exponent_error=x_err, chi2_per_dof=chi2,
                         free_alpha_c_infinity=float(free[0]), free_alpha_c_infinity_error=float(ferr[0]),
                         free_exponent=float(free[2]), free_exponent_error=float(ferr[2]))


def finite_size_data() -> dict:
    """The finite-size study shipped with the course (``hopfield_course/data/finite_size.json``).

    Written by ``scripts/finite_size.py`` (rerun it to reproduce, a few minutes on two cores):
    for N = 1000 ... 16000, the final overlap and the sweeps of every retrieval trial on a grid of
    loads around ``alpha_c``, the retrieved fraction, its :func:`transition_fit` per size and the
    :func:`extrapolate_alpha_c` to N -> infinity. Returns the parsed JSON (a dict).
    """
    import json
    from importlib.resources import files

    return json.loads(files("hopfield_course").joinpath("data/finite_size.json").read_text())
