"""Modern Hopfield networks: dense associative memories and the continuous softmax network.

Four memories behind one small interface (``store`` / ``step`` / ``retrieve`` / ``energy``):

* :class:`ClassicalNetwork` -- Hebb's rule and the threshold dynamics of the classical network
  (it wraps :func:`~hopfield_course.learning_rules.hebbian_weights` and :func:`~hopfield_course.dynamics.run`);
* :class:`DenseAssociativeMemory` -- Krotov and Hopfield (2016), "Dense associative memory for
  pattern recognition": energy ``E(s) = -sum_mu F(xi^mu . s)`` with ``F(x) = x^power``;
* :class:`ExponentialNetwork` -- Demircigil, Heusel, Loewe, Upgang and Vermet (2017), "On a model
  of associative memory with huge storage capacity": the same with ``F(x) = exp(x)``;
* :class:`ContinuousModernNetwork` -- Ramsauer et al. (2021), "Hopfield networks is all you
  need": real-valued states, energy ``E(x) = -lse(beta, Xi x) + 1/2 x.x + log(K)/beta + 1/2 M^2``
  and the update ``x <- Xi^T softmax(beta Xi x)`` (the attention of transformers, Vaswani et al.
  2017). ``beta`` is an inverse temperature.

Conventions: memories are the ROWS of ``patterns`` (shape (K, N): K memories of N neurons);
states of the binary networks are +/-1 with the course's tie rule (a neuron whose two
candidate energies are equal becomes +1).

Note on Varma's blog chapter: its energies for the Krotov-Hopfield and Demircigil networks are
printed as ``-sum_mu sum_i F(xi^mu_i s_i)``; the published models apply F to the whole overlap,
``-sum_mu F(sum_i xi^mu_i s_i)`` (with F(x) = x^2 this is twice Hopfield's energy up to a
constant, whereas F applied bit by bit would be a constant). The blog also writes ``(2n-3)!``
where Krotov and Hopfield have the double factorial ``(2n-3)!!``, and sums the log-sum-exp over
N where it runs over the K stored patterns.

The binary update rule of the dense networks (Krotov and Hopfield 2016, eq. 3) sets neuron i
to the sign that gives the lower energy with all other neurons fixed:

    Delta_i = sum_mu [ F(+xi^mu_i + x_mu,i) - F(-xi^mu_i + x_mu,i) ],
    x_mu,i  = sum_{j != i} xi^mu_j s_j,      s_i <- +1 if Delta_i >= 0 else -1.

``Delta_i = E(s_i = -1) - E(s_i = +1)``, so every asynchronous update lowers (or keeps) E.
For F(x) = x^2, ``Delta_i = 4 sum_j W_ij s_j`` with Hebb's unnormalised weights: the
classical network is the case power = 2. Every integer sum is exact (int64), so ties are exact.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field as dc_field

import numpy as np
from numba import njit

from ._validation import _finite_numeric, as_choice, as_float, as_int, as_patterns, as_rng, as_state
from .hebbian import overlaps_kernel
from .dynamics import run, sync_step
from .learning_rules import hebbian_weights

__all__ = [
    "Retrieval",
    "AssociativeMemory",
    "ClassicalNetwork",
    "DenseAssociativeMemory",
    "ExponentialNetwork",
    "ContinuousModernNetwork",
    "softmax",
    "lse",
    "softmax_update",
    "modern_energy",
    "attention",
    "double_factorial",
    "dense_error_theory",
    "dense_bit_error",
    "mask_state",
    "dense_delta_kernel",
    "dense_delta_kernel_numpy",
    "dense_sweep_kernel",
    "dense_sweep_kernel_numpy",
    "exp_delta_kernel",
    "exp_delta_kernel_numpy",
]

#: cap on steps of ``retrieve`` and on the size of one capacity measurement
MAX_STEPS = 100_000
MAX_ENTRIES = 50_000_000

_INT64_SAFE = 2.0 ** 62


# --------------------------------------------------------------------------
# Kernels (numba) and their NumPy twins
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def _ipow(x, n):
    r = 1
    for _ in range(n):
        r *= x
    return r


@njit(cache=True, nogil=True)
def dense_delta_kernel(state, patterns, power, out):
    """``out[i] = Delta_i`` of the polynomial energy F(x) = x^power for every neuron (exact int64).

    ``state`` (N,) int64 +/-1, ``patterns`` (K, N) int64 +/-1, ``out`` (N,) int64.
    """
    k_mem, n_neu = patterns.shape
    overlaps = overlaps_kernel(patterns, state)
    for i in range(n_neu):
        acc = 0
        for mu in range(k_mem):
            a = patterns[mu, i]
            x = overlaps[mu] - a * state[i]
            acc += _ipow(x + a, power) - _ipow(x - a, power)
        out[i] = acc


def dense_delta_kernel_numpy(state, patterns, power, out):
    """NumPy twin of :func:`dense_delta_kernel` (exact int64, same result)."""
    overlaps = patterns @ state
    x = overlaps[:, None] - patterns * state[None, :]
    out[:] = ((x + patterns) ** power - (x - patterns) ** power).sum(axis=0)


@njit(cache=True, nogil=True)
def dense_sweep_kernel(state, patterns, power, order):
    """Asynchronous sweep of the polynomial dense memory in place; returns the number of flips."""
    k_mem, n_neu = patterns.shape
    overlaps = overlaps_kernel(patterns, state)
    flips = 0
    for k in range(order.shape[0]):
        i = order[k]
        acc = 0
        for mu in range(k_mem):
            a = patterns[mu, i]
            x = overlaps[mu] - a * state[i]
            acc += _ipow(x + a, power) - _ipow(x - a, power)
        new = 1 if acc >= 0 else -1
        if new != state[i]:
            for mu in range(k_mem):
                overlaps[mu] += 2 * new * patterns[mu, i]
            state[i] = new
            flips += 1
    return flips


def dense_sweep_kernel_numpy(state, patterns, power, order):
    """NumPy twin of :func:`dense_sweep_kernel`."""
    overlaps = patterns @ state
    flips = 0
    for i in order:
        a = patterns[:, i]
        x = overlaps - a * state[i]
        acc = int(((x + a) ** power - (x - a) ** power).sum())
        new = 1 if acc >= 0 else -1
        if new != state[i]:
            overlaps += 2 * new * a
            state[i] = new
            flips += 1
    return flips


@njit(cache=True, nogil=True)
def exp_delta_kernel(state, patterns, out):
    """``out[i] = Delta_i * exp(-c)`` for F(x) = exp(x), with the shift ``c = max_mu m_mu + 1``.

    The shift keeps every exponential at most 1 (no overflow for any N) and does not change
    the sign of Delta_i, which is all the update rule needs.
    """
    k_mem, n_neu = patterns.shape
    overlaps = overlaps_kernel(patterns, state)
    top = overlaps.max()
    c = top + 1.0
    for i in range(n_neu):
        acc = 0.0
        for mu in range(k_mem):
            a = patterns[mu, i]
            x = overlaps[mu] - a * state[i] - c
            acc += math.exp(x + a) - math.exp(x - a)
        out[i] = acc


def exp_delta_kernel_numpy(state, patterns, out):
    """NumPy twin of :func:`exp_delta_kernel` (same terms; summation order may differ in the last bits)."""
    overlaps = patterns @ state
    c = overlaps.max() + 1.0
    x = (overlaps[:, None] - patterns * state[None, :]) - c
    out[:] = (np.exp(x + patterns) - np.exp(x - patterns)).sum(axis=0)


# --------------------------------------------------------------------------
# Checks and the continuous network's functions
# --------------------------------------------------------------------------
def _check_power(power):
    return as_int(power, "power", minimum=2, maximum=64)


def _check_int_range(patterns, power):
    k_mem, n_neu = patterns.shape
    if float(k_mem) * float(n_neu + 1) ** power > _INT64_SAFE:
        raise ValueError(
            f"power: K * (N+1)^power = {k_mem} * {n_neu + 1}^{power} exceeds exact 64-bit integer arithmetic; "
            "use fewer memories, fewer neurons or a smaller power")


def _real_patterns(patterns, name="patterns"):
    arr = _finite_numeric(name, patterns).astype(np.float64)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name}: expected shape (K, N): one memory per row, got shape {arr.shape}")
    return arr


def _real_state(state, n, name="state"):
    arr = _finite_numeric(name, state).astype(np.float64)
    if arr.ndim != 1 or arr.shape[0] != n:
        raise ValueError(f"{name}: expected a 1-D array of length {n} to match the memories, got shape {arr.shape}")
    return arr


def _check_beta(beta, name="beta"):
    return as_float(beta, name, positive=True)


def softmax(z, *, beta=1.0):
    """``softmax(beta z)_k = exp(beta z_k) / sum_l exp(beta z_l)``, computed without overflow."""
    z = _finite_numeric("z", z).astype(np.float64)
    if z.ndim == 0 or z.shape[-1] == 0:
        raise ValueError(f"z: expected an array with at least one entry along the last axis, got shape {z.shape}")
    beta = _check_beta(beta)
    a = beta * z
    a = a - a.max(axis=-1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=-1, keepdims=True)


def lse(z, *, beta=1.0):
    """Log-sum-exp ``lse(beta, z) = log(sum_k exp(beta z_k)) / beta`` of a 1-D ``z`` (Ramsauer et al. 2021)."""
    z = _finite_numeric("z", z).astype(np.float64)
    if z.ndim != 1 or z.size == 0:
        raise ValueError(f"z: expected a non-empty 1-D array, got shape {z.shape}")
    beta = _check_beta(beta)
    top = z.max()
    return float(top + np.log(np.exp(beta * (z - top)).sum()) / beta)


def softmax_update(state, patterns, *, beta=1.0):
    """Ramsauer et al.'s update ``x_new = Xi^T softmax(beta Xi x)`` (memories are rows of Xi).

    The one implementation of the update; :meth:`ContinuousModernNetwork.step` calls it.
    """
    X = _real_patterns(patterns)
    x = _real_state(state, X.shape[1])
    return X.T @ softmax(X @ x, beta=beta)


def modern_energy(state, patterns, *, beta=1.0):
    """``E(x) = -lse(beta, Xi x) + 1/2 x.x + log(K)/beta + 1/2 M^2``, M the largest memory norm.

    The constants make E >= 0 (Ramsauer et al. 2021, their eq. 2 with K patterns).
    """
    X = _real_patterns(patterns)
    x = _real_state(state, X.shape[1])
    beta = _check_beta(beta)
    big_m = float(np.sqrt((X ** 2).sum(axis=1)).max())
    return -lse(X @ x, beta=beta) + 0.5 * float(x @ x) + np.log(X.shape[0]) / beta + 0.5 * big_m ** 2


def attention(queries, keys, values, *, scale=None):
    """Transformer attention ``softmax(scale Q K^T) V`` row by row (scale defaults to 1/sqrt(d)).

    (Vaswani et al. 2017.) With ``keys = values = Xi`` and ``scale = beta`` this is
    :func:`softmax_update` applied to every row of ``queries`` at once.
    """
    Q = _real_patterns(queries, "queries")
    K = _real_patterns(keys, "keys")
    V = _real_patterns(values, "values")
    if K.shape[1] != Q.shape[1]:
        raise ValueError(f"keys: expected {Q.shape[1]} columns to match the queries, got shape {K.shape}")
    if V.shape[0] != K.shape[0]:
        raise ValueError(f"values: expected {K.shape[0]} rows (one per key), got shape {V.shape}")
    beta = 1.0 / np.sqrt(Q.shape[1]) if scale is None else _check_beta(scale, "scale")
    return softmax(Q @ K.T, beta=beta) @ V


# --------------------------------------------------------------------------
# The common interface
# --------------------------------------------------------------------------
@dataclass
class Retrieval:
    """Result of ``retrieve``: final ``state``, ``steps`` taken, ``converged`` flag, ``energies`` along the way."""

    state: np.ndarray
    steps: int
    converged: bool
    energies: np.ndarray = dc_field(repr=False)

    def __repr__(self):
        return f"Retrieval(steps={self.steps}, converged={self.converged}, N={self.state.size})"


def _max_steps(value):
    return as_int(value, "max_steps", minimum=1, maximum=MAX_STEPS)


class AssociativeMemory:
    """Common interface: ``store(patterns)`` then ``step``, ``retrieve`` and ``energy`` of states."""

    name = "memory"
    patterns: np.ndarray | None = None

    def store(self, patterns):
        """Store the memories (rows of ``patterns``); returns ``self`` so calls can be chained."""
        self.patterns = np.ascontiguousarray(as_patterns(patterns))
        return self

    def _need(self):
        if self.patterns is None:
            raise RuntimeError(f"{type(self).__name__}: call store(patterns) before using the network")
        return self.patterns

    def step(self, state, *, rng=None):  # pragma: no cover - overridden
        raise NotImplementedError

    def energy(self, state):  # pragma: no cover - overridden
        raise NotImplementedError

    def _check_state(self, state):
        return as_state(state, n=self._need().shape[1])

    def retrieve(self, query, *, max_steps=100, rng=None) -> Retrieval:
        """Iterate :meth:`step` from ``query`` until nothing changes (or ``max_steps``)."""
        max_steps = _max_steps(max_steps)
        s = self._check_state(query)
        generator = as_rng(rng)
        energies = [self.energy(s)]
        for t in range(1, max_steps + 1):
            new = self.step(s, rng=generator)
            energies.append(self.energy(new))
            if np.array_equal(new, s):
                return Retrieval(new, t, True, np.array(energies, dtype=float))
            s = new
        return Retrieval(s, max_steps, False, np.array(energies, dtype=float))

    def __repr__(self):
        k = "no memories" if self.patterns is None else f"K={self.patterns.shape[0]}, N={self.patterns.shape[1]}"
        return f"{type(self).__name__}({k})"


class ClassicalNetwork(AssociativeMemory):
    """Hopfield's network: Hebb's weights (``normalize`` as in :func:`hebbian_weights`) and threshold updates.

    ``mode="async"`` (default) updates neurons one at a time (energy descent), ``"sync"`` all at once.
    """

    name = "classical (power 2)"

    def __init__(self, *, normalize="N", mode="async"):
        self.mode = as_choice(mode, "mode", ("sync", "async"))
        self.normalize = normalize
        hebbian_weights(np.ones((1, 2), dtype=np.int64), normalize=normalize)  # validates normalize now
        self.weights = None

    def store(self, patterns):
        super().store(patterns)
        self.weights = hebbian_weights(self.patterns, normalize=self.normalize)
        return self

    def step(self, state, *, rng=None):
        s = self._check_state(state)
        if self.mode == "sync":
            return sync_step(s, self.weights)
        return run(s, self.weights, mode="async", max_steps=1, rng=rng).state

    def energy(self, state):
        s = self._check_state(state)
        return float(-0.5 * (s @ self.weights @ s))

    def retrieve(self, query, *, max_steps=100, rng=None) -> Retrieval:
        max_steps = _max_steps(max_steps)
        s = self._check_state(query)
        res = run(s, self.weights, mode=self.mode, max_steps=max_steps, rng=rng)
        return Retrieval(res.state, res.steps, res.converged, res.energies)


class DenseAssociativeMemory(AssociativeMemory):
    """Krotov and Hopfield's dense associative memory, ``E(s) = -sum_mu (xi^mu . s)^power``.

    Capacity grows like ``N^(power-1)``; power 2 is the classical network. ``mode="async"`` lowers
    the energy at every flip; ``mode="sync"`` is the one-step update of the capacity analysis.
    Every sum is an exact 64-bit integer (``store`` refuses sizes where it would overflow).
    """

    def __init__(self, power=3, *, mode="async"):
        self.power = _check_power(power)
        self.mode = as_choice(mode, "mode", ("sync", "async"))
        self.name = f"dense, F(x) = x^{self.power}"

    def store(self, patterns):
        super().store(patterns)
        _check_int_range(self.patterns, self.power)
        return self

    def deltas(self, state) -> np.ndarray:
        """``Delta_i = E(s_i = -1) - E(s_i = +1)`` for every neuron (exact int64)."""
        s = self._check_state(state)
        delta = np.empty(s.size, dtype=np.int64)
        dense_delta_kernel(s, self.patterns, self.power, delta)
        return delta

    def step(self, state, *, rng=None):
        """One update: all neurons from the old state (``sync``) or one sweep in a random order (``async``)."""
        s = self._check_state(state)
        if self.mode == "sync":
            return np.where(self.deltas(s) >= 0, 1, -1).astype(np.int64)
        order = as_rng(rng).permutation(s.size).astype(np.int64)
        dense_sweep_kernel(s, self.patterns, self.power, order)
        return s

    def energy(self, state):
        """``E(s) = -sum_mu (xi^mu . s)^power``, computed with Python integers (exact), returned as float."""
        s = self._check_state(state)
        m = self.patterns @ s
        return float(-sum(int(v) ** self.power for v in m))


class ExponentialNetwork(AssociativeMemory):
    """Demircigil et al.'s network, ``E(s) = -sum_mu exp(xi^mu . s)``; capacity of order 2^(N/2).

    Updates are synchronous (one step retrieves a memory from a moderately corrupted query).
    :meth:`energy` returns ``-exp(lse(m))`` and overflows to ``-inf`` for N above about 700;
    the dynamics never forms these numbers (see :func:`exp_delta_kernel`).
    """

    name = "exponential, F(x) = exp(x)"

    def step(self, state, *, rng=None):
        s = self._check_state(state)
        delta = np.empty(s.size)
        exp_delta_kernel(s, self.patterns, delta)
        return np.where(delta >= 0, 1, -1).astype(np.int64)

    def energy(self, state):
        s = self._check_state(state)
        m = (self.patterns @ s).astype(float)
        top = m.max()
        if top > 709.0:
            warnings.warn(f"ExponentialNetwork.energy: exp({top:.0f}) overflows a float; returning -inf "
                          "(the dynamics does not need it)", RuntimeWarning, stacklevel=2)
        with np.errstate(over="ignore"):
            return float(-np.exp(top) * np.exp(m - top).sum())


class ContinuousModernNetwork(AssociativeMemory):
    """Ramsauer et al.'s continuous modern Hopfield network (states and memories are real vectors).

    ``step``: ``x <- Xi^T softmax(beta Xi x)`` (:func:`softmax_update`), ``beta`` an inverse
    temperature; ``retrieve`` iterates until the step moves the state by less than ``tol``.
    Large beta: one step lands on the nearest memory; small beta: the fixed point is a metastable
    average of many memories.
    """

    name = "continuous (softmax)"

    def __init__(self, *, beta=1.0, tol=1e-9):
        self.beta = _check_beta(beta)
        self.tol = as_float(tol, "tol", positive=True)

    def store(self, patterns):
        self.patterns = np.ascontiguousarray(_real_patterns(patterns))
        return self

    def _check_state(self, state):
        return _real_state(state, self._need().shape[1])

    def weights_of(self, state):
        """The softmax weights ``p = softmax(beta Xi x)`` that the update gives each memory."""
        x = self._check_state(state)
        return softmax(self.patterns @ x, beta=self.beta)

    def step(self, state, *, rng=None):
        return softmax_update(self._check_state(state), self.patterns, beta=self.beta)

    def energy(self, state):
        return modern_energy(state, self._need(), beta=self.beta)

    def retrieve(self, query, *, max_steps=100, rng=None) -> Retrieval:
        max_steps = _max_steps(max_steps)
        x = self._check_state(query)
        energies = [self.energy(x)]
        for t in range(1, max_steps + 1):
            new = self.step(x)
            energies.append(self.energy(new))
            if np.max(np.abs(new - x)) < self.tol:
                return Retrieval(new, t, True, np.array(energies))
            x = new
        return Retrieval(x, max_steps, False, np.array(energies))


# --------------------------------------------------------------------------
# Capacity: measurement and theory
# --------------------------------------------------------------------------
def double_factorial(k):
    """``k!! = k (k-2) (k-4) ...`` (1 for k <= 0)."""
    k = as_int(k, "k", maximum=1000)
    out = 1
    while k > 1:
        out *= k
        k -= 2
    return out


def dense_error_theory(power, n_neurons, n_memories):
    """Krotov and Hopfield's (2016) per-bit error of one update started at a memory:

        P = 1/2 erfc( sqrt( N^(power-1) / (2 (2 power - 3)!! K) ) ).

    The signal of the memory itself is ``~2 power N^(power-1)``; the K other memories add a
    crosstalk that is approximately Gaussian with variance ``4 power^2 (2 power-3)!! N^(power-1) K``.
    ``n_memories`` (K) may be an array of positive numbers.
    """
    from scipy.special import erfc

    power = _check_power(power)
    n_neurons = as_float(n_neurons, "n_neurons", positive=True)
    K = _finite_numeric("n_memories", n_memories).astype(float)
    if np.any(K <= 0):
        raise ValueError(f"n_memories: expected positive numbers, got {K.ravel()[:5].tolist()}")
    return 0.5 * erfc(np.sqrt(n_neurons ** (power - 1) / (2.0 * double_factorial(2 * power - 3) * K)))


def dense_bit_error(power, n_neurons, n_memories, *, probes=20, rng=None):
    """Measured per-bit error of one synchronous update started at a stored memory.

    Stores ``n_memories`` random patterns of ``n_neurons`` bits in a polynomial dense memory of
    ``power`` (``power="exp"`` for the exponential network), updates ``probes`` of the stored
    memories once (at most ``n_memories``), and returns the fraction of bits that flipped (out of
    ``probes * n_neurons``).
    """
    n_neurons = as_int(n_neurons, "n_neurons", minimum=1)
    n_memories = as_int(n_memories, "n_memories", minimum=1)
    probes = as_int(probes, "probes", minimum=1)
    if n_neurons * n_memories > MAX_ENTRIES:
        raise ValueError(f"n_memories: {n_memories} memories of {n_neurons} neurons are too many to store at once "
                         f"(at most {MAX_ENTRIES:.0e} entries)")
    if isinstance(power, str):
        if power != "exp":
            raise ValueError(f"power: expected an integer >= 2 or 'exp', got {power!r}")
    else:
        power = _check_power(power)
    probes = min(probes, n_memories)
    generator = as_rng(rng)
    X = generator.choice(np.array([-1, 1], dtype=np.int64), size=(n_memories, n_neurons))
    wrong = 0
    if power == "exp":
        out = np.empty(n_neurons)
        for k in range(probes):
            exp_delta_kernel(X[k], X, out)
            wrong += int(np.count_nonzero(np.where(out >= 0, 1, -1) != X[k]))
    else:
        _check_int_range(X, power)
        out = np.empty(n_neurons, dtype=np.int64)
        for k in range(probes):
            dense_delta_kernel(X[k], X, power, out)
            wrong += int(np.count_nonzero(np.where(out >= 0, 1, -1) != X[k]))
    return wrong / (probes * n_neurons)


# --------------------------------------------------------------------------
# Images: masking part of a query
# --------------------------------------------------------------------------
def mask_state(state, *, shape=(8, 8), rows=None, fill=-1):
    """A copy of the +/-1 ``state`` whose image rows ``rows`` (default: the lower half) are set to ``fill``.

    ``fill=-1`` blanks them (off pixels) for the binary networks (an int64 state); ``fill=0``
    leaves them undecided for the continuous network (a float64 state).
    """
    if not isinstance(shape, (tuple, list)) or len(shape) != 2:
        raise ValueError(f"shape: expected (rows, cols), got {shape!r}")
    r, c = (as_int(x, "shape", minimum=1) for x in shape)
    s = as_state(state)
    if s.size != r * c:
        raise ValueError(f"state: expected {r * c} values for shape {(r, c)}, got {s.size}")
    if isinstance(fill, (bool, np.bool_)) or fill not in (-1, 0, 1):
        raise ValueError(f"fill: expected -1 (off), 0 (undecided) or +1 (on), got {fill!r}")
    rows = range(r // 2, r) if rows is None else rows
    try:
        rows = [as_int(k, "rows", minimum=0, maximum=r - 1) for k in rows]
    except TypeError as exc:
        if "rows" in str(exc):
            raise
        raise TypeError(f"rows: expected a sequence of row indices in 0..{r - 1}, got {rows!r}") from exc
    img = s.astype(np.float64 if fill == 0 else np.int64).reshape(r, c)
    img[rows, :] = fill
    return img.ravel()
