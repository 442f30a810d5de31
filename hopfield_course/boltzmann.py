"""Boltzmann machines: stochastic 0/1 networks with visible and hidden units (chapter 09).

Conventions (seed 002, "From Hopfield networks to Boltzmann machines")
-----------------------------------------------------------------------
* Units take the values 0 and 1 (not +/-1 as in chapters 01-08). A state is
  ``x = (v, h)``: the first ``n_visible`` entries are the visible units, the rest hidden.
* Energy ``E(x) = -1/2 x^T W x - b^T x`` with ``W`` symmetric and zero on the
  diagonal, i.e. ``-sum_{i<j} w_ij x_i x_j - sum_i b_i x_i`` as in seed 002. The bias
  ``b`` plays the role of a negative threshold (``b = -theta``).
* Switching unit ``k`` from 0 to 1 lowers the energy by its field
  ``h_k = sum_j w_kj x_j + b_k``; the heat-bath (Gibbs) rule at temperature ``T`` is
  ``P(x_k = 1) = 1 / (1 + exp(-h_k / T))``. With ``s = 2x - 1`` this is the course's
  Glauber rule ``P(s = +1) = 1 / (1 + exp(-2 h / T))`` for +/-1 spins: the factor 2
  disappears because a 0/1 unit changes by 1, a spin by 2.
* Equilibrium: ``p(x) = exp(-E(x)/T) / Z``; learning is done at ``T = 1``.

Learning rule (seed 002, "Training the Boltzmann machine"; Ackley, Hinton and
Sejnowski 1985): for data ``v^(1..N)`` the mean log-likelihood
``L = 1/N sum_k log p(v^(k))`` has the gradient

    dL/dw_ij = <x_i x_j>_data - <x_i x_j>_model,    dL/db_i = <x_i>_data - <x_i>_model

where ``<.>_data`` averages over the data with the hidden units at equilibrium given
the clamped visible units ("positive phase") and ``<.>_model`` over the free-running
machine ("negative phase"). Both averages are computed exactly by enumerating all
``2^n`` states for small machines (``n <= 18``), or estimated by Gibbs sampling with
annealing (a numba kernel with a NumPy twin) otherwise.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ._validation import _finite_numeric, as_rng

__all__ = [
    "BoltzmannMachine",
    "binary_states",
    "gibbs_kernel",
    "gibbs_kernel_numpy",
    "encoder_problem",
    "encoder_solved",
    "DEFAULT_SCHEDULE",
]

#: Annealing schedule used by default: one sweep at each temperature, ending at T = 1.
DEFAULT_SCHEDULE = (8.0, 6.0, 4.0, 3.0, 2.0, 1.5, 1.2, 1.0, 1.0, 1.0)

MAX_EXACT_UNITS = 18


def binary_states(m: int) -> np.ndarray:
    """All ``2^m`` vectors of ``m`` 0/1 values as rows, in binary counting order (first unit = high bit)."""
    if not isinstance(m, (int, np.integer)) or m < 0:
        raise ValueError(f"m: expected a non-negative integer number of units, got {m!r}")
    if m > 26:
        raise ValueError(f"m: enumerating 2^{m} states is too large (at most 2^26)")
    idx = np.arange(2 ** int(m), dtype=np.int64)
    shifts = np.arange(int(m) - 1, -1, -1, dtype=np.int64)
    return ((idx[:, None] >> shifts[None, :]) & 1).astype(np.float64)


_STATES_CACHE: dict = {}


def _cached_states(m: int) -> np.ndarray:
    """:func:`binary_states` kept in memory for m <= 16 (at most 8 MB); read-only."""
    if m > 16:
        return binary_states(m)
    if m not in _STATES_CACHE:
        arr = binary_states(m)
        arr.flags.writeable = False
        _STATES_CACHE[m] = arr
    return _STATES_CACHE[m]


def as_binary(data, name: str = "data", n: int | None = None, what: str = "units") -> np.ndarray:
    """0/1 data as a float64 array of shape (k, n); a single 1-D row is accepted."""
    arr = _finite_numeric(name, data)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError(f"{name}: expected a 2-D array (samples x {what}), got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise ValueError(f"{name}: expected at least one sample, got shape {arr.shape}")
    if n is not None and arr.shape[1] != n:
        raise ValueError(f"{name}: expected {n} {what} per row, got shape {arr.shape}")
    if not np.all((arr == 0) | (arr == 1)):
        bad = np.unique(arr[(arr != 0) & (arr != 1)])[:5]
        hint = " (+/-1 data? convert with (x + 1) / 2)" if np.all((arr == 1) | (arr == -1)) else ""
        raise ValueError(f"{name}: expected values 0 or 1 only, found {bad.tolist()}{hint}")
    return arr.astype(np.float64)


def _positive_int(name, value, minimum=1):
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < minimum:
        raise ValueError(f"{name}: expected an integer >= {minimum}, got {value!r}")
    return int(value)


def _as_temperatures(schedule, name="schedule"):
    arr = _finite_numeric(name, schedule).astype(np.float64).ravel()
    if arr.size == 0 or np.any(arr <= 0):
        raise ValueError(f"{name}: expected a non-empty sequence of positive temperatures, got {arr.tolist()}")
    return arr


# --------------------------------------------------------------------------
# Gibbs sampling kernel (0/1 units, heat bath, systematic scan)
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def gibbs_kernel(states, weights, bias, free_units, temperatures, uniforms, n_collect, corr, mean):
    """Gibbs sweeps of many chains of a 0/1 Boltzmann machine, in place.

    ``states`` (C, n) float 0/1; ``free_units`` the units that are updated (in that
    order; the others stay clamped); sweep ``t`` runs at ``temperatures[t]`` and unit
    ``free_units[k]`` of chain ``c`` turns on when ``uniforms[c, t, k] < 1/(1+exp(-h/T))``.
    The last ``n_collect`` sweeps add ``x x^T`` to ``corr`` and ``x`` to ``mean``
    (summed over chains and sweeps, not divided). Fields are kept incrementally:
    when unit ``i`` changes by ``d`` every field ``h_j`` changes by ``d * W[j, i]``.
    """
    n_chains, n = states.shape
    n_sweeps = temperatures.shape[0]
    n_free = free_units.shape[0]
    field = np.empty(n)
    for c in range(n_chains):
        for j in range(n):
            acc = bias[j]
            for i in range(n):
                acc += weights[j, i] * states[c, i]
            field[j] = acc
        for t in range(n_sweeps):
            temp = temperatures[t]
            for k in range(n_free):
                i = free_units[k]
                p = 1.0 / (1.0 + np.exp(-field[i] / temp))
                new = 1.0 if uniforms[c, t, k] < p else 0.0
                d = new - states[c, i]
                if d != 0.0:
                    states[c, i] = new
                    for j in range(n):
                        field[j] += d * weights[j, i]
            if t >= n_sweeps - n_collect:
                for i in range(n):
                    if states[c, i] != 0.0:
                        mean[i] += 1.0
                        for j in range(n):
                            corr[i, j] += states[c, j]


def gibbs_kernel_numpy(states, weights, bias, free_units, temperatures, uniforms, n_collect, corr, mean):
    """NumPy twin of :func:`gibbs_kernel`: the same arithmetic, vectorised over the chains.

    The states it produces are bit-for-bit those of the kernel; ``corr`` and ``mean``
    hold integer counts, so they agree exactly too.
    """
    n_sweeps = temperatures.shape[0]
    # initial fields summed term by term in the kernel's order (bias first, then unit 0, 1, ...)
    field = np.repeat(bias[None, :].astype(np.float64), states.shape[0], axis=0)
    for i in range(states.shape[1]):
        field += states[:, i:i + 1] * weights[:, i][None, :]
    for t in range(n_sweeps):
        temp = temperatures[t]
        for k, i in enumerate(free_units):
            p = 1.0 / (1.0 + np.exp(-field[:, i] / temp))
            new = np.where(uniforms[:, t, k] < p, 1.0, 0.0)
            d = new - states[:, i]
            changed = d != 0.0
            if np.any(changed):
                states[changed, i] = new[changed]
                field[changed] += d[changed, None] * weights[:, i][None, :]
        if t >= n_sweeps - n_collect:
            corr += states.T @ states
            mean += states.sum(axis=0)


# --------------------------------------------------------------------------
# The machine
# --------------------------------------------------------------------------
class BoltzmannMachine:
    """A Boltzmann machine with 0/1 units: ``n_visible`` visible units then ``n_hidden`` hidden ones.

    Parameters
    ----------
    n_visible, n_hidden : numbers of units (``n_hidden`` may be 0)
    connectivity : optional boolean (n, n) symmetric matrix with zero diagonal saying which
        pairs are connected (default: all pairs). Absent connections stay at weight 0.
    rng : seed or ``numpy.random.Generator`` for the initial weights and for sampling
    weight_scale : standard deviation of the initial weights (seed 002 suggests ~0.01)

    Attributes
    ----------
    weights : (n, n) symmetric, zero diagonal;  bias : (n,)
    """

    def __init__(self, n_visible: int, n_hidden: int = 0, connectivity=None, rng=None,
                 weight_scale: float = 0.01):
        self.n_visible = _positive_int("n_visible", n_visible)
        self.n_hidden = _positive_int("n_hidden", n_hidden, minimum=0)
        n = self.n_units
        if connectivity is None:
            mask = ~np.eye(n, dtype=bool)
        else:
            mask = np.asarray(connectivity)
            if mask.shape != (n, n):
                raise ValueError(f"connectivity: expected a boolean ({n}, {n}) matrix, got shape {mask.shape}")
            mask = mask.astype(bool)
            if not np.array_equal(mask, mask.T):
                raise ValueError("connectivity: expected a symmetric matrix (connections go both ways)")
            if np.any(np.diag(mask)):
                raise ValueError("connectivity: expected a zero diagonal (no self-connections)")
        if not np.isfinite(weight_scale) or weight_scale < 0:
            raise ValueError(f"weight_scale: expected a non-negative number, got {weight_scale!r}")
        self.connectivity = mask
        self.rng = as_rng(rng)
        w = np.triu(self.rng.normal(0.0, weight_scale, (n, n)), 1)
        self.weights = (w + w.T) * mask
        self.bias = np.zeros(n)
        self.history_ = None

    # ---- basic quantities -------------------------------------------------
    @property
    def n_units(self) -> int:
        return self.n_visible + self.n_hidden

    def __repr__(self) -> str:
        return (f"BoltzmannMachine(n_visible={self.n_visible}, n_hidden={self.n_hidden}, "
                f"connections={int(self.connectivity.sum()) // 2})")

    def energy(self, states) -> np.ndarray:
        """``E(x) = -1/2 x^T W x - b^T x`` for each row of ``states`` (full states, visible then hidden)."""
        x = as_binary(states, "states", self.n_units)
        return -0.5 * np.einsum("ki,ij,kj->k", x, self.weights, x) - x @ self.bias

    def _check_exact(self):
        if self.n_units > MAX_EXACT_UNITS:
            raise ValueError(f"exact enumeration needs at most {MAX_EXACT_UNITS} units, this machine has "
                             f"{self.n_units}; use Gibbs sampling (method='gibbs') instead")

    def _enumerate(self):
        """All states (2^n, n), visible bits first, and their unnormalised log-probabilities -E."""
        self._check_exact()
        x = _cached_states(self.n_units)
        return x, 0.5 * np.sum((x @ self.weights) * x, axis=1) + x @ self.bias

    def log_partition(self) -> float:
        """``log Z = log sum_x exp(-E(x))`` by enumeration (T = 1)."""
        _, neg_e = self._enumerate()
        return float(_logsumexp(neg_e))

    def _data_weights(self, data):
        """Data distribution q(v) on the 2^V visible configurations (index = binary number)."""
        v = as_binary(data, "data", self.n_visible, "visible units")
        powers = 2.0 ** np.arange(self.n_visible - 1, -1, -1)
        idx = (v @ powers).astype(np.int64)
        return np.bincount(idx, minlength=2 ** self.n_visible) / v.shape[0], idx

    def log_likelihood(self, data) -> float:
        """Mean log-likelihood ``1/N sum_k log p(v^(k))`` of 0/1 visible data, exact by enumeration."""
        q, idx = self._data_weights(data)
        _, neg_e = self._enumerate()
        log_pv = _logsumexp(neg_e.reshape(2 ** self.n_visible, 2 ** self.n_hidden), axis=1) - _logsumexp(neg_e)
        return float(np.mean(log_pv[idx]))

    def visible_distribution(self) -> np.ndarray:
        """The marginal ``p(v)`` over all 2^V visible configurations (binary counting order)."""
        _, neg_e = self._enumerate()
        log_pv = _logsumexp(neg_e.reshape(2 ** self.n_visible, 2 ** self.n_hidden), axis=1) - _logsumexp(neg_e)
        return np.exp(log_pv)

    # ---- statistics -------------------------------------------------------
    def exact_statistics(self, data):
        """Exact clamped and free statistics.

        Returns ``(corr_data, mean_data, corr_model, mean_model)`` where
        ``corr_data[i, j] = <x_i x_j>_data`` (hidden units at equilibrium given each data
        vector, averaged over the data) and ``corr_model = <x_i x_j>_model``.
        """
        q, _ = self._data_weights(data)
        x, neg_e = self._enumerate()
        nv, nh = 2 ** self.n_visible, 2 ** self.n_hidden
        joint = neg_e.reshape(nv, nh)
        p_model = np.exp(neg_e - _logsumexp(neg_e))
        cond = np.exp(joint - _logsumexp(joint, axis=1)[:, None])  # p(h | v)
        w_data = (q[:, None] * cond).ravel()
        corr_data = x.T @ (w_data[:, None] * x)
        corr_model = x.T @ (p_model[:, None] * x)
        return corr_data, w_data @ x, corr_model, p_model @ x

    def sample(self, n_samples: int, schedule=DEFAULT_SCHEDULE, clamp=None, rng=None, init=None,
               use_numba: bool = True) -> np.ndarray:
        """Gibbs sampling with annealing: run chains through the temperatures of ``schedule``.

        Parameters
        ----------
        n_samples : number of independent chains (one state returned per chain)
        schedule : temperatures, one sweep each (e.g. from hot to ``T = 1``)
        clamp : optional (V,) or (n_samples, V) 0/1 array: the visible units are then held
            fixed and only the hidden units are sampled (the positive phase)
        init : optional (n_samples, n) 0/1 starting states (default: random)

        Returns the final states, shape (n_samples, n).
        """
        states, _, _ = self._run_chains(n_samples, schedule, clamp, rng, init, 0, use_numba)
        return states

    def _run_chains(self, n_chains, schedule, clamp, rng, init, n_collect, use_numba=True):
        n_chains = _positive_int("n_samples", n_chains)
        temps = _as_temperatures(schedule)
        rng = self.rng if rng is None else as_rng(rng)
        n = self.n_units
        if init is None:
            states = (rng.random((n_chains, n)) < 0.5).astype(np.float64)
        else:
            states = as_binary(init, "init", n).copy()
            if states.shape[0] != n_chains:
                raise ValueError(f"init: expected {n_chains} rows (one per chain), got {states.shape[0]}")
        if clamp is None:
            free = np.arange(n, dtype=np.int64)
        else:
            c = as_binary(clamp, "clamp", self.n_visible, "visible units")
            if c.shape[0] not in (1, n_chains):
                raise ValueError(f"clamp: expected 1 or {n_chains} rows, got {c.shape[0]}")
            states[:, : self.n_visible] = c
            free = np.arange(self.n_visible, n, dtype=np.int64)
        uniforms = rng.random((n_chains, temps.size, free.size))
        corr = np.zeros((n, n))
        mean = np.zeros(n)
        kernel = gibbs_kernel if use_numba else gibbs_kernel_numpy
        kernel(states, self.weights, self.bias, free, temps, uniforms, int(n_collect), corr, mean)
        return states, corr, mean

    def sampled_statistics(self, data, chains_per_pattern: int = 10, n_free_chains: int = 100,
                           schedule=DEFAULT_SCHEDULE, n_collect: int = 10, rng=None, use_numba: bool = True):
        """Clamped and free statistics estimated by Gibbs sampling with annealing.

        Positive phase: ``chains_per_pattern`` chains per data vector with the visible units
        clamped, annealed through ``schedule`` followed by ``n_collect`` collecting sweeps
        at the last temperature. Negative phase: ``n_free_chains`` free chains from random
        states, the same schedule. Returns the same four arrays as :meth:`exact_statistics`.
        """
        v = as_binary(data, "data", self.n_visible, "visible units")
        temps = _as_temperatures(schedule)
        n_collect = _positive_int("n_collect", n_collect)
        full = np.concatenate([temps, np.full(n_collect, temps[-1])])
        clamp = np.repeat(v, _positive_int("chains_per_pattern", chains_per_pattern), axis=0)
        _, c_d, m_d = self._run_chains(clamp.shape[0], full, clamp, rng, None, n_collect, use_numba)
        _, c_m, m_m = self._run_chains(n_free_chains, full, None, rng, None, n_collect, use_numba)
        nd, nm = clamp.shape[0] * n_collect, n_free_chains * n_collect
        return c_d / nd, m_d / nd, c_m / nm, m_m / nm

    def gradient(self, data, method: str = "exact", **sampling):
        """Gradient of the mean log-likelihood: ``(dW, db)`` = data minus model statistics.

        ``method='exact'`` enumerates all states; ``'gibbs'`` estimates the statistics with
        :meth:`sampled_statistics` (keyword arguments are passed on). ``dW`` is zero on the
        diagonal and on absent connections.
        """
        if method == "exact":
            c_d, m_d, c_m, m_m = self.exact_statistics(data)
        elif method == "gibbs":
            c_d, m_d, c_m, m_m = self.sampled_statistics(data, **sampling)
        else:
            raise ValueError(f"method: expected 'exact' or 'gibbs', got {method!r}")
        return (c_d - c_m) * self.connectivity, m_d - m_m

    def fit(self, data, epochs: int = 100, learning_rate: float = 0.5, method: str = "exact",
            weight_decay: float = 0.0, monitor_every: int | None = None, **sampling):
        """Gradient ascent on the log-likelihood: ``W += eta (dW - decay W)``, ``b += eta db``.

        One epoch is one full-batch gradient step. ``monitor_every`` records the exact
        log-likelihood (small machines) in ``history_`` every that many epochs.
        """
        data = as_binary(data, "data", self.n_visible, "visible units")
        epochs = _positive_int("epochs", epochs, minimum=0)
        if not np.isfinite(learning_rate) or learning_rate <= 0:
            raise ValueError(f"learning_rate: expected a positive number, got {learning_rate!r}")
        self.history_ = {"epoch": [], "log_likelihood": []}

        def record(epoch):
            self.history_["epoch"].append(epoch)
            ll = self.log_likelihood(data) if self.n_units <= MAX_EXACT_UNITS else np.nan
            self.history_["log_likelihood"].append(ll)

        if monitor_every:
            record(0)
        for epoch in range(1, epochs + 1):
            dw, db = self.gradient(data, method, **sampling)
            self.weights += learning_rate * (dw - weight_decay * self.weights * self.connectivity)
            self.bias += learning_rate * db
            if monitor_every and epoch % monitor_every == 0:
                record(epoch)
        return self


def _logsumexp(a, axis=None):
    a = np.asarray(a, dtype=np.float64)
    m = np.max(a, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True))
    return out.squeeze() if axis is None else np.squeeze(out, axis=axis)


# --------------------------------------------------------------------------
# The encoder problem (Ackley, Hinton and Sejnowski 1985)
# --------------------------------------------------------------------------
def encoder_problem(n_bits: int = 4, n_hidden: int = 2):
    """The ``n_bits``-``n_hidden``-``n_bits`` encoder: data and connectivity.

    Visible units: group V1 (``n_bits``) then group V2 (``n_bits``); hidden units last.
    The data are the ``n_bits`` vectors with the same single unit on in V1 and V2.
    V1 and V2 are not connected to each other: everything V2 learns about V1 must pass
    through the hidden code. Connections: within V1, within V2, V1-hidden, V2-hidden
    (no hidden-hidden connections). Returns ``(data, connectivity)``.
    """
    n_bits = _positive_int("n_bits", n_bits, minimum=2)
    n_hidden = _positive_int("n_hidden", n_hidden)
    eye = np.eye(n_bits)
    data = np.hstack([eye, eye])
    groups = np.array([0] * n_bits + [1] * n_bits + [2] * n_hidden)
    gi, gj = groups[:, None], groups[None, :]
    mask = ((gi == gj) & (gi < 2)) | ((gi == 2) != (gj == 2))
    np.fill_diagonal(mask, False)
    return data, mask


def encoder_solved(machine: BoltzmannMachine, data=None):
    """Whether a trained encoder machine solves its task, and the codes it uses.

    With the V1 group clamped to each input vector, the exact conditional distribution of
    (V2, hidden) is computed by enumeration. The task is solved when, for every input, the
    most probable V2 configuration is the matching output. Returns
    ``(solved, codes, p_correct)``: ``codes[k]`` is the most probable hidden code for input
    ``k`` and ``p_correct[k]`` the probability of the correct V2 completion.
    """
    n_bits = machine.n_visible // 2
    if data is None:
        data, _ = encoder_problem(n_bits, machine.n_hidden)
    data = as_binary(data, "data", machine.n_visible, "visible units")
    x, neg_e = machine._enumerate()
    nh = machine.n_hidden
    solved = True
    codes, p_correct = [], []
    for row in data:
        sel = np.all(x[:, :n_bits] == row[:n_bits], axis=1)
        xs, le = x[sel], neg_e[sel]
        p = np.exp(le - _logsumexp(le))
        v2 = xs[:, n_bits: 2 * n_bits]
        v2_idx = (v2 @ (2.0 ** np.arange(n_bits - 1, -1, -1))).astype(int)
        p_v2 = np.bincount(v2_idx, weights=p, minlength=2 ** n_bits)
        target = int(row[n_bits:] @ (2.0 ** np.arange(n_bits - 1, -1, -1)))
        solved &= int(np.argmax(p_v2)) == target
        p_correct.append(float(p_v2[target]))
        h_idx = (xs[:, 2 * n_bits:] @ (2.0 ** np.arange(nh - 1, -1, -1))).astype(int)
        p_h = np.bincount(h_idx, weights=p, minlength=2 ** nh)
        codes.append(tuple(int(b) for b in binary_states(nh)[np.argmax(p_h)]))
    return bool(solved), codes, np.array(p_correct)
