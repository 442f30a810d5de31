"""Storage capacity by simulation: crosstalk, one-step errors, retrieval curves, stability and basins.

Conventions: memories are rows of a (p, N) array of +/-1, Hebbian weights ``W = X^T X / N``
with zero diagonal (any positive factor gives the same T = 0 dynamics), load ``alpha = p/N``.

The retrieval curve
-------------------
:func:`retrieval_curve` reproduces the classic experiment behind ``alpha_c``: draw ``p``
random memories, start the network *at* memory 1, run asynchronous T = 0 dynamics (a fresh
random order every sweep) to a fixed point and record the final overlap with memory 1.
It never forms ``W``: the kernel keeps the integer overlaps ``m_mu = xi^mu . s`` and uses
``h_i = sum_mu xi^mu_i m_mu - p s_i`` (O(p) per neuron, exact integers), stores the
memories neuron-major (``(N, p)`` int8) so that this sum runs over contiguous memory, and
runs independent trials on (at most) two threads. Each trial draws its memories and
visiting orders from a SplitMix64 stream seeded by the caller's ``numpy.random.Generator``,
so results are reproducible and the NumPy twin :func:`retrieval_trial_numpy` can repeat a
trial bit for bit.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numba import njit

from ._validation import as_patterns, as_rng, as_weights

__all__ = [
    "crosstalk",
    "one_step_errors",
    "retrieval_trial",
    "retrieval_trial_numpy",
    "retrieval_curve",
    "splitmix64_patterns",
    "all_memories_stable",
    "largest_stable_load",
    "basin_curve",
    "MAX_THREADS",
]

#: The retrieval curve never uses more than this many threads.
MAX_THREADS = 2

_MASK = (1 << 64) - 1
_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_ONE = np.uint64(1)


# --------------------------------------------------------------------------
# Crosstalk (seed 002) and one-step errors
# --------------------------------------------------------------------------
def crosstalk(patterns):
    """The crosstalk ``C^mu_i`` of every bit of every memory under Hebb's rule, shape (p, N).

    Starting at memory ``mu`` the field on neuron ``i`` (``W = X^T X / N``, zero diagonal) is
    ``h_i = (N-1)/N xi^mu_i + (1/N) sum_{j != i} sum_{nu != mu} xi^nu_i xi^nu_j xi^mu_j``.
    Following seed 002, ``C^mu_i`` is minus ``xi^mu_i`` times the second (crosstalk) term, so
    the bit is flipped by one update exactly when ``C^mu_i > (N-1)/N`` (``> 1`` if one neglects
    the missing self-coupling). For random memories ``C`` is close to a Gaussian with mean 0
    and variance ``alpha = p/N``. Cost O(p^2 N) via the overlap matrix ``M = X X^T``.
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
    gives +1): computed directly from the fields ``h = X W`` with ``W = X^T X - p I``.
    """
    X = as_patterns(patterns).astype(np.float64)  # exact integers, BLAS speed
    p, n = X.shape
    H = (X @ X.T) @ X - p * X
    new = np.where(H >= 0, 1, -1)
    return float(np.mean(new != X))


# --------------------------------------------------------------------------
# SplitMix64 and the retrieval kernel
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def _next(rs):
    rs[0] += _GAMMA
    z = rs[0]
    z = (z ^ (z >> _S30)) * _M1
    z = (z ^ (z >> _S27)) * _M2
    return z ^ (z >> _S31)


def _next_py(rs):
    rs[0] = (rs[0] + 0x9E3779B97F4A7C15) & _MASK
    z = rs[0]
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


@njit(cache=True, nogil=True)
def _fill_patterns(rs, Xt, p):
    n = Xt.shape[0]
    bit = 64
    r = np.uint64(0)
    for i in range(n):
        for mu in range(p):
            if bit == 64:
                r = _next(rs)
                bit = 0
            Xt[i, mu] = 1.0 if (r >> np.uint64(bit)) & _ONE else -1.0
            bit += 1


def _fill_patterns_py(rs, n, p):
    Xt = np.empty((n, p), dtype=np.int8)
    bit, r = 64, 0
    for i in range(n):
        for mu in range(p):
            if bit == 64:
                r = _next_py(rs)
                bit = 0
            Xt[i, mu] = 1 if (r >> bit) & 1 else -1
            bit += 1
    return Xt


@njit(cache=True, nogil=True, fastmath=True, inline="always")
def _dot(Xt, i, m, p):
    acc = m[0] - m[0]  # zero of the array's own float type (float32 stays float32)
    for mu in range(p):
        acc += Xt[i, mu] * m[mu]
    return acc


@njit(cache=True, nogil=True, fastmath=True)
def _trial(n, p, seed, max_sweeps, Xt, m, s, order):
    # Xt (n, p) and m (p,) are float32 (or float64): every value is an integer and every
    # partial sum is bounded by p * n < 2**24 (2**53), so the sums are exact in any order,
    # which lets LLVM vectorise the O(p) field loop (fastmath reassociation is harmless).
    rs = np.empty(1, dtype=np.uint64)
    rs[0] = np.uint64(seed)
    _fill_patterns(rs, Xt, p)
    for i in range(n):
        s[i] = np.int64(Xt[i, 0])
    for mu in range(p):
        m[mu] = 0
    for i in range(n):
        si = s[i]
        for mu in range(p):
            m[mu] += Xt[i, mu] * si
    for i in range(n):
        order[i] = i
    for t in range(max_sweeps):
        for k in range(n - 1, 0, -1):  # Fisher-Yates with SplitMix64 draws
            j = np.int64(_next(rs) % np.uint64(k + 1))
            tmp = order[k]
            order[k] = order[j]
            order[j] = tmp
        flips = 0
        for k in range(n):
            i = order[k]
            h = _dot(Xt, i, m, p)
            new = 1 if h >= p * s[i] else -1  # h_i = sum_mu xi^mu_i m_mu - p s_i >= 0
            if new != s[i]:
                s[i] = new
                flips += 1
                for mu in range(p):
                    m[mu] += 2 * new * Xt[i, mu]
        if flips == 0:
            return np.int64(m[0]), t + 1
    return np.int64(m[0]), -1


@njit(cache=True, nogil=True)
def retrieval_trial(n, p, seed, max_sweeps):
    """One retrieval trial: ``p`` random memories of ``n`` neurons from SplitMix64(``seed``),
    asynchronous T = 0 dynamics from memory 1 to a fixed point.

    Returns ``(xi^1 . s_final, sweeps)``: the final overlap times ``n`` (an integer) and the
    number of sweeps performed, the last one without any flip (``-1`` when ``max_sweeps``
    sweeps were not enough).
    """
    Xt = np.empty((n, p), dtype=np.float64)
    m = np.empty(p, dtype=np.float64)
    s = np.empty(n, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    return _trial(n, p, seed, max_sweeps, Xt, m, s, order)


def retrieval_trial_numpy(n, p, seed, max_sweeps):
    """NumPy twin of :func:`retrieval_trial` (same random stream, same arithmetic)."""
    rs = [int(seed) & _MASK]
    Xt = _fill_patterns_py(rs, n, p).astype(np.int64)
    s = Xt[:, 0].copy()
    m = Xt.T @ s
    order = list(range(n))
    for t in range(max_sweeps):
        for k in range(n - 1, 0, -1):
            j = _next_py(rs) % (k + 1)
            order[k], order[j] = order[j], order[k]
        flips = 0
        for i in order:
            h = int(Xt[i] @ m) - p * int(s[i])
            new = 1 if h >= 0 else -1
            if new != s[i]:
                s[i] = new
                flips += 1
                m += 2 * new * Xt[i]
        if flips == 0:
            return int(m[0]), t + 1
    return int(m[0]), -1


def splitmix64_patterns(n, p, seed):
    """The (p, n) memories that :func:`retrieval_trial` draws for ``seed`` (for inspection and tests)."""
    return _fill_patterns_py([int(seed) & _MASK], n, p).T.astype(np.int64)


@njit(cache=True, nogil=True)
def _batch(n, ps, seeds, max_sweeps, idx, out_m, out_sweeps, buf, m):
    s = np.empty(n, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    for k in range(idx.shape[0]):
        c = idx[k]
        p = ps[c]
        Xt = buf[: n * p].reshape((n, p))
        mm, sw = _trial(n, p, seeds[c], max_sweeps, Xt, m[:p], s, order)
        out_m[c] = mm
        out_sweeps[c] = sw


def retrieval_curve(n, alphas, trials, rng=None, max_sweeps=200, threads=MAX_THREADS):
    """Simulated retrieval overlap against load (Hebb's rule, T = 0, start at a memory).

    Parameters
    ----------
    n : number of neurons
    alphas : loads ``p/N`` (``p = round(alpha n)``, at least 1)
    trials : independent trials per load (fresh memories and orders each)
    rng : seed or Generator (draws one 63-bit seed per trial)
    max_sweeps : sweeps allowed to reach a fixed point
    threads : worker threads, at most :data:`MAX_THREADS`

    Returns
    -------
    dict with ``alphas`` (the loads actually used, ``p/n``), ``p``, ``overlaps``
    (shape (len(alphas), trials), final overlap with the start memory) and ``sweeps``
    (same shape; -1 where no fixed point was reached).
    """
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n: expected an integer number of neurons >= 2, got {n!r}")
    a = np.atleast_1d(np.asarray(alphas, dtype=float))
    if a.ndim != 1 or a.size == 0 or not np.all(np.isfinite(a)) or np.any(a <= 0):
        raise ValueError("alphas: expected a non-empty 1-D sequence of positive loads")
    if not isinstance(trials, (int, np.integer)) or trials < 1:
        raise ValueError(f"trials: expected a positive integer, got {trials!r}")
    if not isinstance(max_sweeps, (int, np.integer)) or max_sweeps < 1:
        raise ValueError(f"max_sweeps: expected a positive integer, got {max_sweeps!r}")
    if not isinstance(threads, (int, np.integer)) or not 1 <= threads <= MAX_THREADS:
        raise ValueError(f"threads: expected 1 or {MAX_THREADS}, got {threads!r}")
    p = np.maximum(1, np.rint(a * n)).astype(np.int64)
    # float32 holds every integer field exactly while p * n < 2**24; beyond, float64
    dtype = np.float32 if p.max() * n < 2**24 else np.float64
    generator = as_rng(rng)
    k = a.size * trials
    ps = np.repeat(p, trials)
    seeds = generator.integers(0, 2**63 - 1, size=k, dtype=np.int64).astype(np.uint64)
    out_m = np.zeros(k, dtype=np.int64)
    out_sw = np.zeros(k, dtype=np.int64)
    # largest p first, dealt round-robin to the threads, balances the work
    order = np.argsort(-ps, kind="stable")
    nthreads = min(int(threads), os.cpu_count() or 1, k)
    chunks = [np.ascontiguousarray(order[j::nthreads]) for j in range(nthreads)]
    pmax = int(p.max())

    def work(c):
        _batch(int(n), ps, seeds, int(max_sweeps), c, out_m, out_sw,
               np.empty(int(n) * pmax, dtype=dtype), np.empty(pmax, dtype=dtype))

    if nthreads == 1:
        work(chunks[0])
    else:
        with ThreadPoolExecutor(max_workers=nthreads) as pool:
            futures = [pool.submit(work, c) for c in chunks]
            for f in futures:
                f.result()
    return {"alphas": p / n, "p": p, "overlaps": (out_m / n).reshape(a.size, trials),
            "sweeps": out_sw.reshape(a.size, trials)}


# --------------------------------------------------------------------------
# Exact recall of every memory, and basins of attraction
# --------------------------------------------------------------------------
def all_memories_stable(weights, patterns):
    """True when every memory is a fixed point of the T = 0 rule (``sign(W xi) = xi``, ties -> +1)."""
    W = as_weights(weights)
    X = as_patterns(patterns)
    if X.shape[1] != W.shape[0]:
        raise ValueError(f"patterns: expected {W.shape[0]} neurons per memory, got shape {X.shape}")
    H = X @ W  # W symmetric: row mu is (W xi^mu)^T
    return bool(np.all(np.where(H >= 0, 1, -1) == X))


def largest_stable_load(rule, n, rng=None, p_max=None):
    """Largest ``p`` such that ``p`` random memories are all fixed points under ``rule``.

    ``rule`` is ``"hebb"``, ``"storkey"`` or ``"pseudoinverse"`` (or a function
    ``patterns -> weights``). Memories are added one at a time (the same draw, growing) until
    one of them is no longer stable; returns the last ``p`` for which all were stable (0 if
    even one memory fails, which cannot happen for these rules). ``p_max`` caps the search
    (default ``n - 1``).
    """
    from .learning_rules import pseudoinverse_weights, storkey_weights
    from .learning_rules import hebbian_weights

    rules = {"hebb": lambda X: hebbian_weights(X), "storkey": storkey_weights,
             "pseudoinverse": pseudoinverse_weights}
    if isinstance(rule, str):
        if rule not in rules:
            raise ValueError(f"rule: expected one of {sorted(rules)} or a function, got {rule!r}")
        make = rules[rule]
    elif callable(rule):
        make = rule
    else:
        raise TypeError(f"rule: expected a rule name or a function patterns -> weights, got {rule!r}")
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n: expected an integer number of neurons >= 2, got {n!r}")
    cap = n - 1 if p_max is None else int(p_max)
    if cap < 1:
        raise ValueError(f"p_max: expected a positive integer, got {p_max!r}")
    X = as_rng(rng).choice(np.array([-1, 1]), size=(cap, n))
    if rule == "hebb":
        # incremental and exact: fields of every memory from the overlap matrix
        M = X @ X.T
        for p in range(1, cap + 1):
            H = M[:p, :p] @ X[:p] - p * X[:p]
            if not np.all(np.where(H >= 0, 1, -1) == X[:p]):
                return p - 1
        return cap
    if rule == "storkey":
        Xf = X.astype(np.float64)
        W = np.zeros((n, n))
        for p in range(1, cap + 1):
            xi = Xf[p - 1]
            h = W @ xi
            Hm = h[:, None] - W * xi[None, :]
            W += (np.outer(xi, xi) - xi[:, None] * Hm.T - Hm * xi[None, :]) / n
            np.fill_diagonal(W, 0.0)
            fields = Xf[:p] @ W  # W symmetric: row mu holds W xi^mu
            if not np.all(np.where(fields >= 0, 1, -1) == X[:p]):
                return p - 1
        return cap
    # general rule: bisection on p would assume monotonicity; scan upwards instead
    for p in range(1, cap + 1):
        if not all_memories_stable(make(X[:p]), X[:p]):
            return p - 1
    return cap


def basin_curve(weights, patterns, flips, trials=20, rng=None, max_sweeps=100):
    """Fraction of corrupted memories that the T = 0 asynchronous dynamics restores exactly.

    For each ``k`` in ``flips``: ``trials`` times, pick a memory at random, flip ``k`` random
    bits, run to a fixed point and test whether it is the memory. Returns an array of
    fractions, one per ``k``.
    """
    from .kernels import async_sweep_kernel

    W = np.ascontiguousarray(as_weights(weights), dtype=np.float64)
    X = as_patterns(patterns)
    p, n = X.shape
    if n != W.shape[0]:
        raise ValueError(f"patterns: expected {W.shape[0]} neurons per memory, got shape {X.shape}")
    ks = np.atleast_1d(np.asarray(flips))
    if not np.issubdtype(ks.dtype, np.integer) or np.any(ks < 0) or np.any(ks > n):
        raise ValueError(f"flips: expected integers between 0 and {n}")
    generator = as_rng(rng)
    theta = np.zeros(n)
    out = np.zeros(ks.size)
    for a, k in enumerate(ks):
        ok = 0
        for _ in range(trials):
            mu = generator.integers(p)
            s = X[mu].copy()
            idx = generator.choice(n, size=int(k), replace=False)
            s[idx] *= -1
            h = W @ s
            for _ in range(max_sweeps):
                if async_sweep_kernel(s, W, theta, generator.permutation(n), h) == 0:
                    break
            ok += bool(np.array_equal(s, X[mu]))
        out[a] = ok / trials
    return out
