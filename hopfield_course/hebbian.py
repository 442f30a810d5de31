"""Dynamics of a Hebbian network computed from its memories, never forming the weight matrix.

With ``p`` memories ``xi^mu`` (rows of a (p, N) array of +/-1) Hebb's rule gives
``W = (X^T X - p I) / N`` (zero diagonal; Hopfield 1982). The local field of neuron ``i`` in
state ``s`` follows from the ``p`` overlaps ``m_mu = xi^mu . s``:

    h_i = (sum_mu xi^mu_i m_mu - p s_i) / N,

so a field costs O(p) instead of O(N), and a neuron that flips to ``s_i`` changes every overlap
by ``2 s_i xi^mu_i``, also O(p). A sweep costs O(p N) instead of O(N^2), and ``W`` (N^2 numbers)
never exists. The integer ``sum_mu xi^mu_i m_mu - p s_i`` is computed exactly, so the tie rule of
the course (a field of exactly 0 gives +1) holds exactly, whatever the normalisation (1, 1/p or
1/N give the same T = 0 dynamics; this is the integer-weight case of :mod:`hopfield_course._rules`,
whose rounding tolerance is 0).

Layout and arithmetic of the kernels
------------------------------------
* The memories are stored **neuron-major**, ``xt = X.T`` as an (N, p) ``int8`` array, so the
  O(p) sum of a neuron's field runs over one contiguous row of p bytes.
* The overlaps are kept as ``float32`` numbers (all integers): the products ``xi m`` are exact,
  and every partial sum of the field is bounded by ``B = sum_mu |m_mu|``. While ``B < 2**24`` a
  float32 sum of integers is exact in any order, which lets the compiler vectorise the loop
  (fast-math reassociation changes nothing). The kernels keep ``B`` up to date and switch to a
  float64 sum (exact below 2**53) for a neuron when ``B >= 2**24``. Results are therefore the
  exact integer dynamics, and the NumPy twins (suffix ``_numpy``, plain int64 arithmetic) give
  the same states bit for bit.
* A sweep visits the rows in a random order; the kernels prefetch the row of the neuron after
  next, so the memory latency of a random row is hidden behind the arithmetic of the current one
  (at N = 16000, p = 2240 the rows fill 36 MB, more than the caches).

Kernels (each with its twin ``<name>_numpy``, compared bit for bit in the tests):
:func:`hebbian_sweep_kernel` (one T = 0 asynchronous sweep), :func:`hebbian_glauber_kernel`
(heat-bath sweeps, ``P(s_i = +1) = 1 / (1 + exp(-2 h_i / T))``), :func:`hebbian_retrieve_kernel`
(sweeps to a fixed point), :func:`retrieval_trial_kernel` (one trial of the capacity experiment,
memories and orders drawn from a SplitMix64 stream inside the kernel) and
:func:`overlaps_kernel` (``X @ s``). Public functions: :func:`hebbian_retrieve` and
:func:`hebbian_glauber`, with the switch ``engine="numba" | "numpy"``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic

from ._validation import as_choice, as_int, as_patterns, as_rng, as_state

__all__ = [
    "hebbian_retrieve",
    "HebbianRetrieval",
    "hebbian_glauber",
    "HebbianGlauber",
    "neuron_major",
    "hebbian_sweep_kernel",
    "hebbian_sweep_kernel_numpy",
    "hebbian_glauber_kernel",
    "hebbian_glauber_kernel_numpy",
    "hebbian_retrieve_kernel",
    "hebbian_retrieve_kernel_numpy",
    "retrieval_trial_kernel",
    "retrieval_trial_kernel_numpy",
    "splitmix64_patterns",
    "overlaps_kernel",
    "overlaps_kernel_numpy",
]

#: float32 sums of integers are exact while every partial sum stays below this bound
EXACT_FLOAT32 = float(2 ** 24)
#: rows prefetched this many neurons ahead of the one being updated
_AHEAD = 2
#: the kernels need every overlap (|m| <= N) and the bound p N to be exact in float32 / float64
MAX_NEURONS = 2 ** 24 - 1


# --------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------
@intrinsic
def _prefetch(typingctx, arr, idx):
    """Hint the CPU to load ``arr.ravel()[idx]`` into the cache (``llvm.prefetch``, read, keep)."""
    sig = types.void(arr, idx)

    def codegen(context, builder, signature, args):
        ary = context.make_array(signature.args[0])(context, builder, args[0])
        i8p = ir.IntType(8).as_pointer()
        ptr = builder.gep(builder.bitcast(ary.data, i8p), [args[1]])
        i32 = ir.IntType(32)
        fnty = ir.FunctionType(ir.VoidType(), [i8p, i32, i32, i32])
        fn = cgutils.get_or_insert_function(builder.module, fnty, "llvm.prefetch.p0i8")
        builder.call(fn, [ptr, ir.Constant(i32, 0), ir.Constant(i32, 3), ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return sig, codegen


@njit(cache=True, nogil=True, inline="always")
def _prefetch_row(flat, row, p):
    base = row * p
    for off in range(0, p, 64):  # one hint per 64-byte cache line
        _prefetch(flat, base + off)


@njit(cache=True, nogil=True, fastmath=True, inline="always")
def _dot32(xt, i, m):
    # float32 sum of exact integers, every partial sum below 2**24 (the caller checks): exact in
    # any order, so fast-math may reorder and vectorise it.
    acc = np.float32(0.0)
    for mu in range(xt.shape[1]):
        acc += xt[i, mu] * m[mu]
    return acc


@njit(cache=True, nogil=True, fastmath=True, inline="always")
def _dot64(xt, i, m):
    acc = 0.0
    for mu in range(xt.shape[1]):
        acc += np.float64(xt[i, mu]) * np.float64(m[mu])
    return acc


@njit(cache=True, nogil=True, fastmath=True, inline="always")
def _field(xt, i, m, bound):
    """``sum_mu xi^mu_i m_mu`` exactly, as a float64 holding an integer."""
    if bound < EXACT_FLOAT32:
        return np.float64(_dot32(xt, i, m))
    return _dot64(xt, i, m)


@njit(cache=True, nogil=True, fastmath=True)
def _exact_field(xt, i, m, bound):
    # a separate (not inlined at the Numba level) fast-math function: the caller keeps strict
    # IEEE arithmetic for the heat-bath probability
    return _field(xt, i, m, bound)


@njit(cache=True, nogil=True)
def _heat_bath(x, temp):
    """``1 / (1 + exp(-2 x / T))`` (0 when the exponent exceeds 700), strict IEEE arithmetic."""
    a = -2.0 * x / temp
    return 0.0 if a > 700.0 else 1.0 / (1.0 + math.exp(a))


@njit(cache=True, nogil=True)
def _bound(m):
    b = 0.0
    for mu in range(m.shape[0]):
        b += abs(np.float64(m[mu]))
    return b


@njit(cache=True, nogil=True, inline="always")
def _flip(xt, i, m, new):
    """Neuron ``i`` flipped to ``new``: update the overlaps, return the new bound sum |m|."""
    two = 2 * new
    b = 0.0
    for mu in range(xt.shape[1]):
        m[mu] += two * xt[i, mu]
        b += abs(np.float64(m[mu]))
    return b


def neuron_major(patterns):
    """The neuron-major int8 layout of the kernels: ``X.T`` as a C-contiguous (N, p) int8 array."""
    X = as_patterns(patterns)
    return np.ascontiguousarray(X.T, dtype=np.int8)


def _kernel_overlaps(xt, state):
    return (xt.T.astype(np.int64) @ state).astype(np.float32)


# --------------------------------------------------------------------------
# T = 0 asynchronous sweep
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True, fastmath=True)
def hebbian_sweep_kernel(state, xt, overlaps, order):
    """One asynchronous T = 0 sweep of the Hebbian network, in place.

    ``xt`` is the (N, p) int8 neuron-major memories, ``overlaps`` (float32, length p) must equal
    ``xt.T @ state`` and is kept equal to it; ``order`` lists the neurons to visit. Rule:
    ``s_i <- +1 if sum_mu xi^mu_i m_mu - p s_i >= 0 else -1`` (exact integers; ties give +1).
    Returns the number of flips.
    """
    # every operation here is on exact integers, so fast-math (reassociation) cannot change a result
    n, p = xt.shape
    flat = xt.reshape(n * p)
    bound = _bound(overlaps)
    flips = 0
    k_max = order.shape[0]
    for k in range(k_max):
        if k + _AHEAD < k_max:
            _prefetch_row(flat, order[k + _AHEAD], p)
        i = order[k]
        h = _field(xt, i, overlaps, bound) - p * state[i]
        new = 1 if h >= 0.0 else -1
        if new != state[i]:
            state[i] = new
            flips += 1
            bound = _flip(xt, i, overlaps, new)
    return flips


def hebbian_sweep_kernel_numpy(state, xt, overlaps, order):
    """NumPy twin of :func:`hebbian_sweep_kernel` (exact int64 arithmetic, same order)."""
    X = xt.astype(np.int64)
    m = np.rint(overlaps).astype(np.int64)
    p = X.shape[1]
    flips = 0
    for i in order:
        h = int(X[i] @ m) - p * int(state[i])
        new = 1 if h >= 0 else -1
        if new != state[i]:
            state[i] = new
            flips += 1
            m += 2 * new * X[i]
    overlaps[:] = m
    return flips


# --------------------------------------------------------------------------
# Glauber (heat-bath) sweeps
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def hebbian_glauber_kernel(state, xt, overlaps, orders, uniforms, temperatures, trace):
    """Heat-bath sweeps of the Hebbian network ``W = (X^T X - p I) / N``, in place.

    Sweep ``t`` visits the neurons ``orders[t]`` at temperature ``temperatures[t]`` and sets
    ``s_i = +1`` when ``uniforms[t, k] < 1 / (1 + exp(-2 h_i / T))`` with
    ``h_i = (sum_mu xi^mu_i m_mu - p s_i) / N`` (Glauber 1963, in the convention of Varma's blog
    chapter); at ``T = 0`` the threshold rule with ties to +1. ``overlaps`` (float32) must equal
    ``xt.T @ state`` and is kept equal to it; after sweep ``t`` the overlaps are copied to
    ``trace[t]`` (int64, shape (sweeps, p)). Returns the total number of flips.
    """
    n, p = xt.shape
    flat = xt.reshape(n * p)
    bound = _bound(overlaps)
    flips = 0
    for t in range(orders.shape[0]):
        temp = temperatures[t]
        for k in range(n):
            if k + 2 < n:
                _prefetch_row(flat, orders[t, k + 2], p)
            i = orders[t, k]
            acc = _exact_field(xt, i, overlaps, bound) - p * state[i]
            x = acc / n
            if temp == 0.0:
                new = 1 if x >= 0.0 else -1
            else:
                new = 1 if uniforms[t, k] < _heat_bath(x, temp) else -1
            if new != state[i]:
                state[i] = new
                flips += 1
                bound = _flip(xt, i, overlaps, new)
        for mu in range(p):
            trace[t, mu] = np.int64(overlaps[mu])
    return flips


def hebbian_glauber_kernel_numpy(state, xt, overlaps, orders, uniforms, temperatures, trace):
    """NumPy twin of :func:`hebbian_glauber_kernel` (int64 fields, the same float64 steps)."""
    X = xt.astype(np.int64)
    m = np.rint(overlaps).astype(np.int64)
    n, p = X.shape
    flips = 0
    for t in range(orders.shape[0]):
        temp = temperatures[t]
        for k in range(n):
            i = orders[t, k]
            acc = float(int(X[i] @ m) - p * int(state[i]))
            x = acc / n
            if temp == 0.0:
                new = 1 if x >= 0.0 else -1
            else:
                a = -2.0 * x / temp
                prob = 0.0 if a > 700.0 else 1.0 / (1.0 + math.exp(a))
                new = 1 if uniforms[t, k] < prob else -1
            if new != state[i]:
                state[i] = new
                flips += 1
                m += 2 * new * X[i]
        trace[t] = m
    overlaps[:] = m
    return flips


# --------------------------------------------------------------------------
# Retrieval to a fixed point (random orders from pre-drawn integers)
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def _permute(order, draws_row):
    # Fisher-Yates driven by pre-drawn non-negative integers (so the twin can match)
    for k in range(order.shape[0] - 1, 0, -1):
        j = draws_row[k] % (k + 1)
        tmp = order[k]
        order[k] = order[j]
        order[j] = tmp


def _permute_numpy(order, draws_row):
    for k in range(order.shape[0] - 1, 0, -1):
        j = int(draws_row[k]) % (k + 1)
        order[k], order[j] = order[j], order[k]


@njit(cache=True, nogil=True)
def hebbian_retrieve_kernel(state, xt, overlaps, draws, max_sweeps):
    """Asynchronous T = 0 sweeps of the Hebbian network until one changes nothing, in place.

    ``draws`` is a (max_sweeps, N) array of non-negative integers; sweep ``t`` visits the neurons
    in the order of a Fisher-Yates shuffle driven by ``draws[t]`` (a fresh random order every
    sweep, the previous order shuffled again). ``order`` starts as ``0 .. N-1``. Returns the
    number of sweeps performed (the last without a flip), or -1 when all ``max_sweeps`` flipped.
    """
    n = state.shape[0]
    order = np.arange(n)
    for t in range(max_sweeps):
        _permute(order, draws[t])
        if hebbian_sweep_kernel(state, xt, overlaps, order) == 0:
            return t + 1
    return -1


def hebbian_retrieve_kernel_numpy(state, xt, overlaps, draws, max_sweeps):
    """NumPy twin of :func:`hebbian_retrieve_kernel`."""
    n = state.shape[0]
    order = np.arange(n)
    for t in range(max_sweeps):
        _permute_numpy(order, draws[t])
        if hebbian_sweep_kernel_numpy(state, xt, overlaps, order) == 0:
            return t + 1
    return -1


@njit(cache=True, nogil=True)
def overlaps_kernel(patterns, state):
    """Integer overlaps ``m_mu = sum_i patterns[mu, i] state[i]`` of (p, N) memories, int64."""
    p, n = patterns.shape
    out = np.zeros(p, dtype=np.int64)
    for mu in range(p):
        acc = 0
        for i in range(n):
            acc += patterns[mu, i] * state[i]
        out[mu] = acc
    return out


def overlaps_kernel_numpy(patterns, state):
    """NumPy twin of :func:`overlaps_kernel`: ``patterns @ state`` in int64."""
    return np.asarray(patterns, dtype=np.int64) @ np.asarray(state, dtype=np.int64)


# --------------------------------------------------------------------------
# One trial of the capacity experiment, random numbers drawn inside the kernel
# --------------------------------------------------------------------------
_MASK = (1 << 64) - 1
_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_ONE = np.uint64(1)


@njit(cache=True, nogil=True)
def _next(rs):
    # SplitMix64 (Steele, Lea and Flood 2014)
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
def _fill_patterns(rs, xt):
    n, p = xt.shape
    bit = 64
    r = np.uint64(0)
    for i in range(n):
        for mu in range(p):
            if bit == 64:
                r = _next(rs)
                bit = 0
            xt[i, mu] = 1 if (r >> np.uint64(bit)) & _ONE else -1
            bit += 1


def _fill_patterns_py(rs, n, p):
    xt = np.empty((n, p), dtype=np.int8)
    bit, r = 64, 0
    for i in range(n):
        for mu in range(p):
            if bit == 64:
                r = _next_py(rs)
                bit = 0
            xt[i, mu] = 1 if (r >> bit) & 1 else -1
            bit += 1
    return xt


def splitmix64_patterns(n_neurons, n_memories, seed):
    """The (p, N) memories that :func:`retrieval_trial_kernel` draws for the random seed ``seed``."""
    n = as_int(n_neurons, "n_neurons", minimum=1)
    p = as_int(n_memories, "n_memories", minimum=1)
    s = as_int(seed, "seed", minimum=0, maximum=_MASK)
    return _fill_patterns_py([s], n, p).T.astype(np.int64)


@njit(cache=True, nogil=True)
def _trial(seed, max_sweeps, xt, m, s, order):
    n, p = xt.shape
    rs = np.empty(1, dtype=np.uint64)
    rs[0] = np.uint64(seed)
    _fill_patterns(rs, xt)
    for i in range(n):
        s[i] = xt[i, 0]
    for mu in range(p):
        m[mu] = 0
    for i in range(n):
        si = s[i]
        for mu in range(p):
            m[mu] += xt[i, mu] * si
    for i in range(n):
        order[i] = i
    for t in range(max_sweeps):
        for k in range(n - 1, 0, -1):  # Fisher-Yates with SplitMix64 draws
            j = np.int64(_next(rs) % np.uint64(k + 1))
            tmp = order[k]
            order[k] = order[j]
            order[j] = tmp
        if hebbian_sweep_kernel(s, xt, m, order) == 0:
            return np.int64(m[0]), t + 1
    return np.int64(m[0]), -1


@njit(cache=True, nogil=True)
def retrieval_trial_kernel(n_neurons, n_memories, seed, max_sweeps):
    """One trial of the capacity experiment: ``n_memories`` random memories of ``n_neurons``
    neurons drawn from SplitMix64(``seed``), asynchronous T = 0 dynamics from memory 1 (a fresh
    random order every sweep, drawn from the same stream) to a fixed point.

    Returns ``(xi^1 . s_final, sweeps)``: N times the final overlap with memory 1 (an integer)
    and the number of sweeps performed, the last one without a flip (-1 when ``max_sweeps``
    sweeps were not enough).
    """
    xt = np.empty((n_neurons, n_memories), dtype=np.int8)
    m = np.empty(n_memories, dtype=np.float32)
    s = np.empty(n_neurons, dtype=np.int64)
    order = np.empty(n_neurons, dtype=np.int64)
    return _trial(seed, max_sweeps, xt, m, s, order)


def retrieval_trial_kernel_numpy(n_neurons, n_memories, seed, max_sweeps):
    """NumPy twin of :func:`retrieval_trial_kernel` (same random stream, exact int64 fields)."""
    n, p = int(n_neurons), int(n_memories)
    rs = [int(seed) & _MASK]
    xt = _fill_patterns_py(rs, n, p)
    X = xt.astype(np.int64)
    s = X[:, 0].copy()
    m = X.T @ s
    order = list(range(n))
    for t in range(max_sweeps):
        for k in range(n - 1, 0, -1):
            j = _next_py(rs) % (k + 1)
            order[k], order[j] = order[j], order[k]
        flips = 0
        for i in order:
            h = int(X[i] @ m) - p * int(s[i])
            new = 1 if h >= 0 else -1
            if new != s[i]:
                s[i] = new
                flips += 1
                m += 2 * new * X[i]
        if flips == 0:
            return int(m[0]), t + 1
    return int(m[0]), -1


@njit(cache=True, nogil=True)
def _trial_into(n, p, seed, max_sweeps, buf, mbuf, s, order, out_m, out_sweeps, c):
    # one trial into preallocated buffers (used by the thread workers of capacity.retrieval_curve)
    xt = buf[: n * p].reshape((n, p))
    mm, sw = _trial(seed, max_sweeps, xt, mbuf[:p], s, order)
    out_m[c] = mm
    out_sweeps[c] = sw


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------
def _check_size(xt):
    n, p = xt.shape
    if n > MAX_NEURONS:
        raise ValueError(f"patterns: expected at most {MAX_NEURONS} neurons, got {n}")
    if n * p >= 2 ** 53:  # pragma: no cover - far beyond memory
        raise ValueError(f"patterns: p N = {n * p} is too large for exact fields")


@dataclass(frozen=True)
class HebbianRetrieval:
    """Result of :func:`hebbian_retrieve`.

    Unpacks as ``state, sweeps, converged = hebbian_retrieve(...)``.
    """

    state: np.ndarray  #: the final state (int64, +/-1)
    sweeps: int  #: sweeps performed (the last one without a flip if ``converged``)
    converged: bool  #: True when a fixed point was reached within ``max_sweeps``

    def __iter__(self):
        return iter((self.state, self.sweeps, self.converged))


def hebbian_retrieve(state, patterns, *, rng=None, max_sweeps=200, chunk=8, engine="numba"):
    """Asynchronous T = 0 dynamics of the Hebbian network of ``patterns`` to a fixed point.

    The same dynamics as ``run(state, hebbian_weights(patterns), mode="async")`` (any positive
    normalisation of ``W`` gives the same moves, ties give +1) without forming ``W``: the field
    ``h_i = sum_mu xi^mu_i m_mu - p s_i`` comes from the ``p`` overlaps ``m_mu = xi^mu . s``
    (Hopfield 1982), O(p N) exact integer operations per sweep.

    Parameters
    ----------
    state : (N,) array of +/-1, the initial state
    patterns : (p, N) memories
    rng : None, a seed or a ``numpy.random.Generator`` (a fresh random order every sweep)
    max_sweeps : sweeps allowed (>= 1, at most 10**6)
    chunk : sweeps whose random orders are drawn at once (>= 1, at most 10**4)
    engine : ``"numba"`` (the kernels) or ``"numpy"`` (their twins, same result)

    Returns
    -------
    :class:`HebbianRetrieval` (``state``, ``sweeps``, ``converged``).
    """
    xt = neuron_major(patterns)
    _check_size(xt)
    s = as_state(state, n=xt.shape[0])
    max_sweeps = as_int(max_sweeps, "max_sweeps", minimum=1, maximum=10 ** 6)
    chunk = as_int(chunk, "chunk", minimum=1, maximum=10 ** 4)
    engine = as_choice(engine, "engine", ("numba", "numpy"))
    generator = as_rng(rng)
    kernel = hebbian_retrieve_kernel if engine == "numba" else hebbian_retrieve_kernel_numpy
    n = xt.shape[0]
    m = _kernel_overlaps(xt, s)
    done = 0
    while done < max_sweeps:
        todo = min(chunk, max_sweeps - done)
        draws = generator.integers(0, 2 ** 62, size=(todo, n), dtype=np.int64)
        used = kernel(s, xt, m, draws, todo)
        if used > 0:
            return HebbianRetrieval(s, done + used, True)
        done += todo
    return HebbianRetrieval(s, done, False)


def _as_schedule(schedule):
    try:
        arr = np.asarray(schedule, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"schedule: expected a sequence of temperatures (numbers >= 0), got {schedule!r}") from None
    if arr.ndim == 0:
        arr = arr[None]
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"schedule: expected a non-empty 1-D sequence of temperatures, got shape {arr.shape}")
    bad = ~(np.isfinite(arr) & (arr >= 0))
    if np.any(bad):
        raise ValueError(f"schedule: expected finite temperatures >= 0, got {arr[bad][:3].tolist()}")
    if arr.size > 10 ** 7:
        raise ValueError(f"schedule: expected at most 10**7 sweeps, got {arr.size}")
    return np.ascontiguousarray(arr)


@dataclass(frozen=True)
class HebbianGlauber:
    """Result of :func:`hebbian_glauber`. Unpacks as ``state, overlaps = hebbian_glauber(...)``."""

    state: np.ndarray  #: the final state (int64, +/-1)
    overlaps: np.ndarray  #: (sweeps, p): ``m_mu = xi^mu . s / N`` after each sweep

    def __iter__(self):
        return iter((self.state, self.overlaps))


def _orders(generator, sweeps, n):
    return np.argsort(generator.random((sweeps, n)), axis=1).astype(np.int64)


def hebbian_glauber(state, patterns, schedule, *, rng=None, engine="numba"):
    """Glauber sweeps in the ``1/N`` Hebbian network of ``patterns`` without forming ``W``.

    Each sweep visits every neuron once in a fresh random order and sets ``s_i = +1`` with
    probability ``1 / (1 + exp(-2 h_i / T))``, ``h_i = (sum_mu xi^mu_i m_mu - p s_i) / N``
    (Glauber 1963; the convention of Varma's blog chapter, in which one memory condenses at
    ``T_c = 1``); at ``T = 0`` the threshold rule with ties to +1. Cost O(p N) per sweep.

    Parameters
    ----------
    state : (N,) array of +/-1, the initial state
    patterns : (p, N) memories
    schedule : temperatures, one sweep at each (a single number means one sweep)
    rng : None, a seed or a ``numpy.random.Generator``
    engine : ``"numba"`` or ``"numpy"`` (the twin, same result)

    Returns
    -------
    :class:`HebbianGlauber` (``state``, ``overlaps`` of shape (sweeps, p)).
    """
    xt = neuron_major(patterns)
    _check_size(xt)
    n, p = xt.shape
    s = as_state(state, n=n)
    temps = _as_schedule(schedule)
    engine = as_choice(engine, "engine", ("numba", "numpy"))
    generator = as_rng(rng)
    kernel = hebbian_glauber_kernel if engine == "numba" else hebbian_glauber_kernel_numpy
    sweeps = temps.size
    trace = np.empty((sweeps, p), dtype=np.int64)
    m = _kernel_overlaps(xt, s)
    chunk = max(1, min(sweeps, 2_000_000 // n))  # bound the memory of the random draws
    for start in range(0, sweeps, chunk):
        stop = min(sweeps, start + chunk)
        orders = _orders(generator, stop - start, n)
        uniforms = generator.random((stop - start, n))
        kernel(s, xt, m, orders, uniforms, temps[start:stop], trace[start:stop])
    return HebbianGlauber(s, trace / n)
