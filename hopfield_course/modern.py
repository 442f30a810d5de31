"""Modern Hopfield networks: dense associative memories and the continuous softmax network.

Four memories behind one small interface (``store`` / ``step`` / ``retrieve`` / ``energy``):

* :class:`ClassicalNetwork` -- Hebb's rule and the threshold dynamics of chapters 01-04
  (it wraps :func:`~hopfield_course.learning_rules.hebbian_weights` and :func:`~hopfield_course.dynamics.run`);
* :class:`DenseAssociativeMemory` -- Krotov and Hopfield (2016), energy
  ``E(s) = -sum_mu F(xi^mu . s)`` with ``F(x) = x^n``;
* :class:`ExponentialNetwork` -- Demircigil et al. (2017), the same with ``F(x) = exp(x)``;
* :class:`ContinuousModernNetwork` -- Ramsauer et al. (2020), real-valued states, energy
  ``E(x) = -lse(beta, Xi x) + 1/2 x.x + log(K)/beta + 1/2 M^2`` and the update
  ``x <- Xi^T softmax(beta Xi x)`` (the attention of transformers).

Conventions: memories are the ROWS of ``patterns`` (shape (K, N): K memories of N neurons);
states of the binary networks are +/-1 with the course's tie rule (a neuron whose two
candidate energies are equal becomes +1).

Note on seed 002: its energies for the Krotov-Hopfield and Demircigil networks are printed
as ``-sum_mu sum_i F(xi^mu_i s_i)``; the published models apply F to the whole overlap,
``-sum_mu F(sum_i xi^mu_i s_i)`` (with F(x) = x^2 this is Hopfield's energy up to a
constant, whereas F applied bit by bit would be a constant). Seed 002 also writes
``(2n-3)!`` where Krotov and Hopfield have the double factorial ``(2n-3)!!``, and sums the
log-sum-exp over N where it runs over the K stored patterns.

The binary update rule of the dense networks (Krotov and Hopfield 2016, eq. 3) sets neuron i
to the sign that gives the lower energy with all other neurons fixed:

    Delta_i = sum_mu [ F(+xi^mu_i + x_mu,i) - F(-xi^mu_i + x_mu,i) ],
    x_mu,i  = sum_{j != i} xi^mu_j s_j,      s_i <- +1 if Delta_i >= 0 else -1.

``Delta_i = E(s_i = -1) - E(s_i = +1)``, so every asynchronous update lowers (or keeps) E.
For F(x) = x^2, ``Delta_i = 4 sum_j W_ij s_j`` with Hebb's unnormalised weights: the
classical network is the case n = 2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field as dc_field

import numpy as np
from numba import njit

from ._validation import _finite_numeric, as_patterns, as_rng, as_state
from .dynamics import run, sync_step
from .kernels import overlaps_kernel
from .learning_rules import hebbian_weights

__all__ = [
    "Retrieval",
    "AssociativeMemory",
    "ClassicalNetwork",
    "DenseAssociativeMemory",
    "ExponentialNetwork",
    "ContinuousModernNetwork",
    "dense_energy",
    "dense_update",
    "exponential_update",
    "softmax",
    "lse",
    "softmax_update",
    "modern_energy",
    "attention",
    "double_factorial",
    "dense_error_theory",
    "dense_bit_error",
    "digit_patterns",
    "mask_state",
    "dense_delta_kernel",
    "dense_delta_kernel_numpy",
    "dense_sweep_kernel",
    "dense_sweep_kernel_numpy",
    "exp_delta_kernel",
    "exp_delta_kernel_numpy",
]

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
def dense_delta_kernel(state, patterns, n, out):
    """``out[i] = Delta_i`` of the polynomial energy F(x) = x^n for every neuron (exact int64).

    ``state`` (N,) int64 +/-1, ``patterns`` (K, N) int64 +/-1, ``out`` (N,) int64.
    """
    k_mem, n_neu = patterns.shape
    overlaps = overlaps_kernel(patterns, state)
    for i in range(n_neu):
        acc = 0
        for mu in range(k_mem):
            a = patterns[mu, i]
            x = overlaps[mu] - a * state[i]
            acc += _ipow(x + a, n) - _ipow(x - a, n)
        out[i] = acc


def dense_delta_kernel_numpy(state, patterns, n, out):
    """NumPy twin of :func:`dense_delta_kernel` (exact int64, same result)."""
    overlaps = patterns @ state
    x = overlaps[:, None] - patterns * state[None, :]
    out[:] = ((x + patterns) ** n - (x - patterns) ** n).sum(axis=0)


@njit(cache=True, nogil=True)
def dense_sweep_kernel(state, patterns, n, order):
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
            acc += _ipow(x + a, n) - _ipow(x - a, n)
        new = 1 if acc >= 0 else -1
        if new != state[i]:
            for mu in range(k_mem):
                overlaps[mu] += 2 * new * patterns[mu, i]
            state[i] = new
            flips += 1
    return flips


def dense_sweep_kernel_numpy(state, patterns, n, order):
    """NumPy twin of :func:`dense_sweep_kernel`."""
    overlaps = patterns @ state
    flips = 0
    for i in order:
        a = patterns[:, i]
        x = overlaps - a * state[i]
        acc = int(((x + a) ** n - (x - a) ** n).sum())
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
# Functional forms
# --------------------------------------------------------------------------
def _check_degree(n):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"n: expected an integer power >= 2 (F(x) = x^n), got {n!r}")
    return int(n)


def _check_int_range(patterns, n):
    k_mem, n_neu = patterns.shape
    if float(k_mem) * float(n_neu + 1) ** n > _INT64_SAFE:
        raise ValueError(
            f"n: K * (N+1)^n = {k_mem} * {n_neu + 1}^{n} exceeds exact 64-bit integer arithmetic; "
            "use fewer memories, fewer neurons or a smaller power n")


def dense_energy(state, patterns, n=3):
    """Krotov-Hopfield energy ``E(s) = -sum_mu (xi^mu . s)^n`` (an exact integer, returned as int)."""
    X = as_patterns(patterns)
    n = _check_degree(n)
    _check_int_range(X, n)
    s = as_state(state, n=X.shape[1])
    m = X @ s
    return -int(sum(int(v) ** n for v in m))


def dense_update(state, patterns, n=3, mode="sync", rng=None):
    """One update of the polynomial dense memory (Krotov and Hopfield 2016).

    ``mode="sync"``: every neuron at once from the old state, ``s_i <- sgn(Delta_i)``;
    ``mode="async"``: one sweep in a random order drawn from ``rng`` (energy never rises).
    Ties go to +1. Returns the new state.
    """
    X = np.ascontiguousarray(as_patterns(patterns))
    n = _check_degree(n)
    _check_int_range(X, n)
    s = as_state(state, n=X.shape[1])
    if mode == "sync":
        delta = np.empty(X.shape[1], dtype=np.int64)
        dense_delta_kernel(s, X, n, delta)
        return np.where(delta >= 0, 1, -1).astype(np.int64)
    if mode == "async":
        order = as_rng(rng).permutation(X.shape[1]).astype(np.int64)
        dense_sweep_kernel(s, X, n, order)
        return s
    raise ValueError(f"mode: expected 'sync' or 'async', got {mode!r}")


def exponential_update(state, patterns):
    """One synchronous update of Demircigil et al.'s network, F(x) = exp(x) (ties -> +1)."""
    X = np.ascontiguousarray(as_patterns(patterns))
    s = as_state(state, n=X.shape[1])
    delta = np.empty(X.shape[1])
    exp_delta_kernel(s, X, delta)
    return np.where(delta >= 0, 1, -1).astype(np.int64)


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


def _check_beta(beta):
    if isinstance(beta, bool) or not np.isscalar(beta) or not np.isfinite(beta) or beta <= 0:
        raise ValueError(f"beta: expected a positive finite number, got {beta!r}")
    return float(beta)


def softmax(z, beta=1.0):
    """``softmax(beta z)_k = exp(beta z_k) / sum_l exp(beta z_l)``, computed without overflow."""
    z = _finite_numeric("z", z).astype(np.float64)
    beta = _check_beta(beta)
    a = beta * z
    a = a - a.max(axis=-1, keepdims=True)
    e = np.exp(a)
    return e / e.sum(axis=-1, keepdims=True)


def lse(z, beta=1.0):
    """Log-sum-exp ``lse(beta, z) = log(sum_k exp(beta z_k)) / beta`` (Ramsauer et al. 2020)."""
    z = _finite_numeric("z", z).astype(np.float64)
    beta = _check_beta(beta)
    top = z.max()
    return float(top + np.log(np.exp(beta * (z - top)).sum()) / beta)


def softmax_update(state, patterns, beta=1.0):
    """Ramsauer et al.'s update ``x_new = Xi^T softmax(beta Xi x)`` (memories are rows of Xi)."""
    X = _real_patterns(patterns)
    x = _real_state(state, X.shape[1])
    return X.T @ softmax(X @ x, beta)


def modern_energy(state, patterns, beta=1.0):
    """``E(x) = -lse(beta, Xi x) + 1/2 x.x + log(K)/beta + 1/2 M^2``, M the largest memory norm.

    The constants make E >= 0 (Ramsauer et al. 2020, their eq. 2 with K patterns).
    """
    X = _real_patterns(patterns)
    x = _real_state(state, X.shape[1])
    beta = _check_beta(beta)
    big_m = float(np.sqrt((X ** 2).sum(axis=1)).max())
    return -lse(X @ x, beta) + 0.5 * float(x @ x) + np.log(X.shape[0]) / beta + 0.5 * big_m ** 2


def attention(queries, keys, values, scale=None):
    """Transformer attention ``softmax(scale Q K^T) V`` row by row (scale defaults to 1/sqrt(d)).

    With ``keys = values = Xi`` and ``scale = beta`` this is :func:`softmax_update` applied to
    every row of ``queries`` at once.
    """
    Q = _real_patterns(queries, "queries")
    K = _real_patterns(keys, "keys")
    V = _real_patterns(values, "values")
    if K.shape[1] != Q.shape[1]:
        raise ValueError(f"keys: expected {Q.shape[1]} columns to match the queries, got shape {K.shape}")
    if V.shape[0] != K.shape[0]:
        raise ValueError(f"values: expected {K.shape[0]} rows (one per key), got shape {V.shape}")
    beta = 1.0 / np.sqrt(Q.shape[1]) if scale is None else _check_beta(scale)
    return softmax(Q @ K.T, beta) @ V


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

    def step(self, state, rng=None):  # pragma: no cover - overridden
        raise NotImplementedError

    def energy(self, state):  # pragma: no cover - overridden
        raise NotImplementedError

    def _check_state(self, state):
        return as_state(state, n=self._need().shape[1])

    def retrieve(self, query, max_steps=100, rng=None):
        """Iterate :meth:`step` from ``query`` until nothing changes (or ``max_steps``)."""
        if not isinstance(max_steps, (int, np.integer)) or max_steps < 1:
            raise ValueError(f"max_steps: expected a positive integer, got {max_steps!r}")
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

    name = "classical (n = 2)"

    def __init__(self, normalize="N", mode="async"):
        if mode not in ("sync", "async"):
            raise ValueError(f"mode: expected 'sync' or 'async', got {mode!r}")
        self.normalize = normalize
        self.mode = mode
        self.weights = None

    def store(self, patterns):
        super().store(patterns)
        self.weights = hebbian_weights(self.patterns, normalize=self.normalize)
        return self

    def step(self, state, rng=None):
        s = self._check_state(state)
        if self.mode == "sync":
            return sync_step(s, self.weights)
        return run(s, self.weights, mode="async", max_steps=1, rng=rng).state

    def energy(self, state):
        s = self._check_state(state)
        return float(-0.5 * (s @ self.weights @ s))

    def retrieve(self, query, max_steps=100, rng=None):
        s = self._check_state(query)
        res = run(s, self.weights, mode=self.mode, max_steps=max_steps, rng=rng)
        return Retrieval(res.state, res.steps, res.converged, res.energies)


class DenseAssociativeMemory(AssociativeMemory):
    """Krotov and Hopfield's dense associative memory, ``E(s) = -sum_mu (xi^mu . s)^n``.

    Capacity grows like ``N^(n-1)``; n = 2 is the classical network. ``mode="async"`` lowers the
    energy at every flip; ``mode="sync"`` is the one-step update of the capacity analysis.
    """

    def __init__(self, n=3, mode="async"):
        self.n = _check_degree(n)
        if mode not in ("sync", "async"):
            raise ValueError(f"mode: expected 'sync' or 'async', got {mode!r}")
        self.mode = mode
        self.name = f"dense, F(x) = x^{self.n}"

    def store(self, patterns):
        super().store(patterns)
        _check_int_range(self.patterns, self.n)
        return self

    def step(self, state, rng=None):
        s = self._check_state(state)
        if self.mode == "sync":
            delta = np.empty(s.size, dtype=np.int64)
            dense_delta_kernel(s, self.patterns, self.n, delta)
            return np.where(delta >= 0, 1, -1).astype(np.int64)
        order = as_rng(rng).permutation(s.size).astype(np.int64)
        dense_sweep_kernel(s, self.patterns, self.n, order)
        return s

    def energy(self, state):
        s = self._check_state(state)
        m = self.patterns @ s
        return float(-sum(int(v) ** self.n for v in m))


class ExponentialNetwork(AssociativeMemory):
    """Demircigil et al.'s network, ``E(s) = -sum_mu exp(xi^mu . s)``; capacity of order 2^(N/2).

    Updates are synchronous (one step retrieves a memory from a moderately corrupted query).
    :meth:`energy` returns ``-exp(lse(m))`` and overflows to ``-inf`` for N above about 700;
    the dynamics never forms these numbers (see :func:`exp_delta_kernel`).
    """

    name = "exponential, F(x) = exp(x)"

    def step(self, state, rng=None):
        s = self._check_state(state)
        delta = np.empty(s.size)
        exp_delta_kernel(s, self.patterns, delta)
        return np.where(delta >= 0, 1, -1).astype(np.int64)

    def energy(self, state):
        s = self._check_state(state)
        m = (self.patterns @ s).astype(float)
        top = m.max()
        with np.errstate(over="ignore"):
            return float(-np.exp(top) * np.exp(m - top).sum())


class ContinuousModernNetwork(AssociativeMemory):
    """Ramsauer et al.'s continuous modern Hopfield network (states and memories are real vectors).

    ``step``: ``x <- Xi^T softmax(beta Xi x)``; ``retrieve`` iterates until the step moves the
    state by less than ``tol``. Large beta: one step lands on the nearest memory; small beta:
    the fixed point is a metastable average of many memories.
    """

    name = "continuous (softmax)"

    def __init__(self, beta=1.0, tol=1e-9):
        self.beta = _check_beta(beta)
        if not np.isscalar(tol) or not tol > 0:
            raise ValueError(f"tol: expected a positive number, got {tol!r}")
        self.tol = float(tol)

    def store(self, patterns):
        self.patterns = np.ascontiguousarray(_real_patterns(patterns))
        return self

    def _check_state(self, state):
        return _real_state(state, self._need().shape[1])

    def weights_of(self, state):
        """The softmax weights ``p = softmax(beta Xi x)`` that the update gives each memory."""
        x = self._check_state(state)
        return softmax(self.patterns @ x, self.beta)

    def step(self, state, rng=None):
        x = self._check_state(state)
        return self.patterns.T @ softmax(self.patterns @ x, self.beta)

    def energy(self, state):
        return modern_energy(state, self._need(), self.beta)

    def retrieve(self, query, max_steps=100, rng=None):
        if not isinstance(max_steps, (int, np.integer)) or max_steps < 1:
            raise ValueError(f"max_steps: expected a positive integer, got {max_steps!r}")
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
    if not isinstance(k, (int, np.integer)):
        raise ValueError(f"k: expected an integer, got {k!r}")
    out = 1
    while k > 1:
        out *= int(k)
        k -= 2
    return out


def dense_error_theory(n, n_neurons, n_memories):
    """Krotov and Hopfield's per-bit error of one update started at a memory:

        P = 1/2 erfc( sqrt( N^(n-1) / (2 (2n-3)!! K) ) ).

    The signal of the memory itself is ``~2n N^(n-1)``; the K other memories add a crosstalk
    that is approximately Gaussian with variance ``4 n^2 (2n-3)!! N^(n-1) K``.
    ``n_memories`` may be an array.
    """
    from scipy.special import erfc

    n = _check_degree(n)
    K = np.asarray(n_memories, dtype=float)
    if np.any(K <= 0) or n_neurons <= 0:
        raise ValueError("n_neurons and n_memories: expected positive numbers")
    return 0.5 * erfc(np.sqrt(float(n_neurons) ** (n - 1) / (2.0 * double_factorial(2 * n - 3) * K)))


def dense_bit_error(n, n_neurons, n_memories, probes=20, rng=None):
    """Measured per-bit error of one synchronous update started at a stored memory.

    Stores ``n_memories`` random patterns of ``n_neurons`` bits in a polynomial dense memory of power
    ``n`` (``n="exp"`` for the exponential network), updates ``probes`` of the stored memories once,
    and returns the fraction of bits that flipped (out of ``probes * n_neurons``).
    """
    for name, v in (("n_neurons", n_neurons), ("n_memories", n_memories), ("probes", probes)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name}: expected a positive integer, got {v!r}")
    probes = min(int(probes), int(n_memories))
    generator = as_rng(rng)
    X = generator.choice(np.array([-1, 1], dtype=np.int64), size=(int(n_memories), int(n_neurons)))
    wrong = 0
    if n == "exp":
        out = np.empty(n_neurons)
        for k in range(probes):
            exp_delta_kernel(X[k], X, out)
            wrong += int(np.count_nonzero(np.where(out >= 0, 1, -1) != X[k]))
    else:
        n = _check_degree(n)
        _check_int_range(X, n)
        out = np.empty(n_neurons, dtype=np.int64)
        for k in range(probes):
            dense_delta_kernel(X[k], X, n, out)
            wrong += int(np.count_nonzero(np.where(out >= 0, 1, -1) != X[k]))
    return wrong / (probes * n_neurons)


# --------------------------------------------------------------------------
# Images: scikit-learn's handwritten digits as +/-1 patterns
# --------------------------------------------------------------------------
def digit_patterns(count=50, rng=None, threshold=8, per_digit=None):
    """``count`` of scikit-learn's 8x8 handwritten digits as +/-1 states (ink -> +1).

    Pixels (0..16) above ``threshold`` are on. The images are drawn without replacement by
    ``rng`` (or, with ``per_digit``, the first ``per_digit`` images of each digit 0-9).
    Returns ``(patterns, labels)`` with patterns of shape (count, 64). Ships with scikit-learn:
    no download.
    """
    from sklearn.datasets import load_digits

    data = load_digits()
    images, target = data.data, data.target
    if per_digit is not None:
        if not isinstance(per_digit, (int, np.integer)) or per_digit < 1:
            raise ValueError(f"per_digit: expected a positive integer, got {per_digit!r}")
        idx = np.concatenate([np.flatnonzero(target == d)[:per_digit] for d in range(10)])
    else:
        if not isinstance(count, (int, np.integer)) or not 1 <= count <= len(target):
            raise ValueError(f"count: expected an integer between 1 and {len(target)}, got {count!r}")
        idx = np.sort(as_rng(rng).choice(len(target), size=int(count), replace=False))
    patterns = np.where(images[idx] > threshold, 1, -1).astype(np.int64)
    return patterns, target[idx].copy()


def mask_state(state, shape=(8, 8), rows=None, fill=-1):
    """A copy of ``state`` whose image rows ``rows`` (default: the lower half) are set to ``fill``.

    ``fill=-1`` blanks them (off pixels) for the binary networks; ``fill=0`` leaves them
    undecided for the continuous network.
    """
    s = _finite_numeric("state", state).astype(np.float64 if fill == 0 else np.int64).copy()
    if s.ndim != 1 or s.size != shape[0] * shape[1]:
        raise ValueError(f"state: expected a 1-D state of {shape[0] * shape[1]} values for shape {shape}, got shape {s.shape}")
    img = s.reshape(shape)
    rows = range(shape[0] // 2, shape[0]) if rows is None else rows
    for r in rows:
        img[r, :] = fill
    return img.ravel()
