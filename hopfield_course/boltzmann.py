"""Boltzmann machines: stochastic 0/1 networks with visible and hidden units.

Conventions (Varma's blog chapter, "From Hopfield networks to Boltzmann machines";
Ackley, Hinton and Sejnowski 1985, "A learning algorithm for Boltzmann machines")
--------------------------------------------------------------------------------
* Units take the values 0 and 1 (not +/-1 as for the Hopfield network). A state is
  ``x = (v, h)``: the first ``n_visible`` entries are the visible units, the rest hidden.
* Energy ``E(x) = -1/2 x^T W x - b^T x`` with ``W`` symmetric and zero on the
  diagonal, i.e. ``-sum_{i<j} w_ij x_i x_j - sum_i b_i x_i``. The bias ``b`` plays the
  role of a negative threshold (``b = -theta``).
* Switching unit ``k`` from 0 to 1 lowers the energy by its input
  ``u_k = sum_j w_kj x_j + b_k``; the heat-bath (Gibbs) rule at temperature ``T`` is
  ``P(x_k = 1) = 1 / (1 + exp(-u_k / T))``. With ``s = 2x - 1`` this is the course's
  Glauber rule ``P(s = +1) = 1 / (1 + exp(-2 h / T))`` for +/-1 spins with the spin field
  ``h = u / 2``: a 0/1 unit changes by 1, a spin by 2.
* Equilibrium: ``p(x) = exp(-E(x)/T) / Z``; learning is done at ``T = 1``.

Learning rule (Ackley, Hinton and Sejnowski 1985): for data ``v^(1..N)`` the mean
log-likelihood ``L = 1/N sum_k log p(v^(k))`` has the gradient

    dL/dw_ij = <x_i x_j>_data - <x_i x_j>_model,    dL/db_i = <x_i>_data - <x_i>_model

where ``<.>_data`` averages over the data with the hidden units at equilibrium given
the clamped visible units ("positive phase") and ``<.>_model`` over the free-running
machine ("negative phase"). Both averages are computed exactly by enumerating all
``2^n`` states for small machines (``n <= 18``), or estimated by Gibbs sampling with
annealing (:func:`gibbs_kernel`, NumPy twin :func:`gibbs_kernel_numpy`; ``engine=``
chooses) otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numba import njit

from ._validation import _finite_numeric, as_choice, as_float, as_int, as_rng
from .states import all_states

__all__ = [
    "BoltzmannMachine",
    "BoltzmannGradient",
    "BoltzmannStatistics",
    "TrainingHistory",
    "EncoderProblem",
    "EncoderResult",
    "gibbs_kernel",
    "gibbs_kernel_numpy",
    "encoder_problem",
    "encoder_solved",
    "DEFAULT_SCHEDULE",
]

#: Annealing schedule used by default: one sweep at each temperature, ending at T = 1.
DEFAULT_SCHEDULE = (8.0, 6.0, 4.0, 3.0, 2.0, 1.5, 1.2, 1.0, 1.0, 1.0)

MAX_EXACT_UNITS = 18
#: cap on the random numbers drawn at once by one sampling call (chains x sweeps x units)
MAX_DRAWS = 50_000_000
#: cap on the number of training epochs of one ``fit`` call
MAX_EPOCHS = 1_000_000
ENGINES = ("numba", "numpy")


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------
@dataclass
class BoltzmannStatistics:
    """Clamped (data) and free (model) statistics of a Boltzmann machine.

    ``corr_data[i, j] = <x_i x_j>_data``, ``mean_data[i] = <x_i>_data``, and the same for the model.
    """

    corr_data: np.ndarray
    mean_data: np.ndarray
    corr_model: np.ndarray
    mean_model: np.ndarray


@dataclass
class BoltzmannGradient:
    """Gradient of the mean log-likelihood: ``weights`` = dL/dW (zero on absent connections), ``bias`` = dL/db."""

    weights: np.ndarray
    bias: np.ndarray


@dataclass
class TrainingHistory:
    """What ``fit(..., monitor_every=m)`` records at epoch 0 and every ``m`` epochs.

    ``epoch`` (k,), ``log_likelihood`` (k,) exact mean log-likelihood of the training data in nats
    (NaN when the machine is too large to enumerate), ``singular_values`` (k, modes) of the weights
    (RBMs only; None for a fully connected machine).
    """

    epoch: np.ndarray
    log_likelihood: np.ndarray
    singular_values: np.ndarray | None = None


@dataclass
class EncoderProblem:
    """The ``n_bits``-``n_hidden``-``n_bits`` encoder: training ``data`` (rows) and the boolean ``connectivity``."""

    data: np.ndarray
    connectivity: np.ndarray


@dataclass
class EncoderResult:
    """Whether an encoder machine is ``solved``; the most probable hidden ``codes`` and ``p_correct`` per input."""

    solved: bool
    codes: list
    p_correct: np.ndarray


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
_STATES_CACHE: dict = {}


def _cached_states(m: int) -> np.ndarray:
    """``all_states(m, values=(0, 1))`` kept in memory for m <= 16 (at most 8 MB); read-only."""
    if m > 16:
        return all_states(m, values=(0, 1))
    if m not in _STATES_CACHE:
        arr = all_states(m, values=(0, 1))
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


def _as_temperatures(schedule, name="schedule"):
    if isinstance(schedule, str):
        raise TypeError(f"{name}: expected a sequence of positive temperatures, got str {schedule!r}")
    arr = _finite_numeric(name, schedule).astype(np.float64).ravel()
    if arr.size == 0 or np.any(arr <= 0):
        raise ValueError(f"{name}: expected a non-empty sequence of positive temperatures, got {arr.tolist()}")
    return arr


def _monitor(value):
    return None if value is None else as_int(value, "monitor_every", minimum=1)


def _check_draws(count, what):
    if count > MAX_DRAWS:
        raise ValueError(f"{what}: this call would draw {count:.3g} random numbers at once (at most {MAX_DRAWS:.0e}); "
                         "use fewer chains, sweeps or units per call")


# --------------------------------------------------------------------------
# Gibbs sampling kernel (0/1 units, heat bath, systematic scan)
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def gibbs_kernel(states, weights, bias, free_units, temperatures, uniforms, n_collect, corr, mean):
    """Gibbs sweeps of many chains of a 0/1 Boltzmann machine, in place.

    ``states`` (C, n) float 0/1; ``free_units`` the units that are updated (in that
    order; the others stay clamped); sweep ``t`` runs at ``temperatures[t]`` and unit
    ``free_units[k]`` of chain ``c`` turns on when ``uniforms[c, t, k] < 1/(1+exp(-u/T))``,
    ``u`` its input. The last ``n_collect`` sweeps add ``x x^T`` to ``corr`` and ``x`` to
    ``mean`` (summed over chains and sweeps, not divided). Inputs are kept incrementally:
    when unit ``i`` changes by ``d`` every input ``u_j`` changes by ``d * W[j, i]``.
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
    # initial inputs summed term by term in the kernel's order (bias first, then unit 0, 1, ...)
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
    weight_scale : standard deviation of the initial weights (Varma's blog chapter suggests ~0.01)

    Attributes
    ----------
    weights : (n, n) symmetric, zero diagonal;  bias : (n,)
    history_ : a :class:`TrainingHistory` after ``fit(..., monitor_every=m)``, else None
    """

    def __init__(self, n_visible: int, n_hidden: int = 0, *, connectivity=None, rng=None,
                 weight_scale: float = 0.01):
        self.n_visible = as_int(n_visible, "n_visible", minimum=1, maximum=10_000)
        self.n_hidden = as_int(n_hidden, "n_hidden", minimum=0, maximum=10_000)
        n = self.n_units
        if connectivity is None:
            mask = ~np.eye(n, dtype=bool)
        else:
            mask = _finite_numeric("connectivity", connectivity)
            if mask.shape != (n, n):
                raise ValueError(f"connectivity: expected a boolean ({n}, {n}) matrix, got shape {mask.shape}")
            if not np.all((mask == 0) | (mask == 1)):
                raise ValueError("connectivity: expected booleans (or 0/1), found other values")
            mask = mask.astype(bool)
            if not np.array_equal(mask, mask.T):
                raise ValueError("connectivity: expected a symmetric matrix (connections go both ways)")
            if np.any(np.diag(mask)):
                raise ValueError("connectivity: expected a zero diagonal (no self-connections)")
        weight_scale = as_float(weight_scale, "weight_scale", minimum=0.0)
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
        """Mean log-likelihood ``1/N sum_k log p(v^(k))`` (nats) of 0/1 visible data, exact by enumeration."""
        self._check_exact()
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
    def exact_statistics(self, data) -> BoltzmannStatistics:
        """Exact clamped and free statistics, by enumeration of all states.

        ``corr_data[i, j] = <x_i x_j>_data`` has the hidden units at equilibrium given each data
        vector, averaged over the data; ``corr_model = <x_i x_j>_model``.
        """
        self._check_exact()
        q, _ = self._data_weights(data)
        x, neg_e = self._enumerate()
        nv, nh = 2 ** self.n_visible, 2 ** self.n_hidden
        joint = neg_e.reshape(nv, nh)
        p_model = np.exp(neg_e - _logsumexp(neg_e))
        cond = np.exp(joint - _logsumexp(joint, axis=1)[:, None])  # p(h | v)
        w_data = (q[:, None] * cond).ravel()
        corr_data = x.T @ (w_data[:, None] * x)
        corr_model = x.T @ (p_model[:, None] * x)
        return BoltzmannStatistics(corr_data, w_data @ x, corr_model, p_model @ x)

    def sample(self, n_samples: int, *, schedule=DEFAULT_SCHEDULE, clamp=None, rng=None, init=None,
               engine: str = "numba") -> np.ndarray:
        """Gibbs sampling with annealing: run chains through the temperatures of ``schedule``.

        Parameters
        ----------
        n_samples : number of independent chains (one state returned per chain)
        schedule : temperatures, one sweep each (e.g. from hot to ``T = 1``)
        clamp : optional (V,) or (n_samples, V) 0/1 array: the visible units are then held
            fixed and only the hidden units are sampled (the positive phase)
        init : optional (n_samples, n) 0/1 starting states (default: random)
        rng : seed or Generator (default: the machine's own generator)
        engine : ``"numba"`` (:func:`gibbs_kernel`) or ``"numpy"`` (its twin)

        Returns the final states, shape (n_samples, n).
        """
        states, _, _ = self._run_chains(n_samples, schedule, clamp, rng, init, 0, engine, "n_samples")
        return states

    def _run_chains(self, n_chains, schedule, clamp, rng, init, n_collect, engine, name):
        n_chains = as_int(n_chains, name, minimum=1)
        temps = _as_temperatures(schedule)
        engine = as_choice(engine, "engine", ENGINES)
        rng = self.rng if rng is None else as_rng(rng)
        n = self.n_units
        if clamp is None:
            free = np.arange(n, dtype=np.int64)
        else:
            free = np.arange(self.n_visible, n, dtype=np.int64)
        _check_draws(n_chains * temps.size * max(free.size, 1), name)
        if init is None:
            states = (rng.random((n_chains, n)) < 0.5).astype(np.float64)
        else:
            states = as_binary(init, "init", n).copy()
            if states.shape[0] != n_chains:
                raise ValueError(f"init: expected {n_chains} rows (one per chain), got {states.shape[0]}")
        if clamp is not None:
            c = as_binary(clamp, "clamp", self.n_visible, "visible units")
            if c.shape[0] not in (1, n_chains):
                raise ValueError(f"clamp: expected 1 or {n_chains} rows, got {c.shape[0]}")
            states[:, : self.n_visible] = c
        uniforms = rng.random((n_chains, temps.size, free.size))
        corr = np.zeros((n, n))
        mean = np.zeros(n)
        kernel = gibbs_kernel if engine == "numba" else gibbs_kernel_numpy
        kernel(states, self.weights, self.bias, free, temps, uniforms, int(n_collect), corr, mean)
        return states, corr, mean

    def sampled_statistics(self, data, *, chains_per_pattern: int = 10, n_free_chains: int = 100,
                           schedule=DEFAULT_SCHEDULE, n_collect: int = 10, rng=None,
                           engine: str = "numba") -> BoltzmannStatistics:
        """Clamped and free statistics estimated by Gibbs sampling with annealing.

        Positive phase: ``chains_per_pattern`` chains per data vector with the visible units
        clamped, annealed through ``schedule`` followed by ``n_collect`` collecting sweeps
        at the last temperature. Negative phase: ``n_free_chains`` free chains from random
        states, the same schedule. Returns the same :class:`BoltzmannStatistics` as :meth:`exact_statistics`.
        """
        v = as_binary(data, "data", self.n_visible, "visible units")
        temps = _as_temperatures(schedule)
        n_collect = as_int(n_collect, "n_collect", minimum=1, maximum=100_000)
        chains_per_pattern = as_int(chains_per_pattern, "chains_per_pattern", minimum=1)
        n_free_chains = as_int(n_free_chains, "n_free_chains", minimum=1)
        full = np.concatenate([temps, np.full(n_collect, temps[-1])])
        clamp = np.repeat(v, chains_per_pattern, axis=0)
        _, c_d, m_d = self._run_chains(clamp.shape[0], full, clamp, rng, None, n_collect, engine,
                                       "chains_per_pattern")
        _, c_m, m_m = self._run_chains(n_free_chains, full, None, rng, None, n_collect, engine, "n_free_chains")
        nd, nm = clamp.shape[0] * n_collect, n_free_chains * n_collect
        return BoltzmannStatistics(c_d / nd, m_d / nd, c_m / nm, m_m / nm)

    def gradient(self, data, *, method: str = "exact", chains_per_pattern: int = 10, n_free_chains: int = 100,
                 schedule=DEFAULT_SCHEDULE, n_collect: int = 10, rng=None,
                 engine: str = "numba") -> BoltzmannGradient:
        """Gradient of the mean log-likelihood: data minus model statistics.

        ``method='exact'`` enumerates all states; ``'gibbs'`` estimates the statistics with
        :meth:`sampled_statistics` (the sampling options are passed on and used only then).
        The weight gradient is zero on the diagonal and on absent connections.
        """
        method = as_choice(method, "method", ("exact", "gibbs"))
        if method == "exact":
            st = self.exact_statistics(data)
        else:
            st = self.sampled_statistics(data, chains_per_pattern=chains_per_pattern, n_free_chains=n_free_chains,
                                         schedule=schedule, n_collect=n_collect, rng=rng, engine=engine)
        return BoltzmannGradient((st.corr_data - st.corr_model) * self.connectivity, st.mean_data - st.mean_model)

    def fit(self, data, *, epochs: int = 100, learning_rate: float = 0.5, method: str = "exact",
            weight_decay: float = 0.0, monitor_every: int | None = None, chains_per_pattern: int = 10,
            n_free_chains: int = 100, schedule=DEFAULT_SCHEDULE, n_collect: int = 10, rng=None,
            engine: str = "numba"):
        """Gradient ascent on the log-likelihood: ``W += eta (dW - decay W)``, ``b += eta db``.

        One epoch is one full-batch gradient step (:meth:`gradient`, with ``method`` and the
        sampling options). ``monitor_every`` records the exact log-likelihood (small machines)
        in ``history_`` (a :class:`TrainingHistory`) at epoch 0 and every that many epochs.
        Returns ``self``.
        """
        data = as_binary(data, "data", self.n_visible, "visible units")
        epochs = as_int(epochs, "epochs", minimum=0, maximum=MAX_EPOCHS)
        learning_rate = as_float(learning_rate, "learning_rate", positive=True)
        weight_decay = as_float(weight_decay, "weight_decay", minimum=0.0)
        method = as_choice(method, "method", ("exact", "gibbs"))
        monitor_every = _monitor(monitor_every)
        if method == "exact":
            self._check_exact()
        else:  # validate the sampling options once, before the first epoch
            _as_temperatures(schedule)
            as_int(n_collect, "n_collect", minimum=1, maximum=100_000)
            as_int(chains_per_pattern, "chains_per_pattern", minimum=1)
            as_int(n_free_chains, "n_free_chains", minimum=1)
            as_choice(engine, "engine", ENGINES)
        rng = self.rng if rng is None else as_rng(rng)
        epochs_seen, lls = [], []

        def record(epoch):
            epochs_seen.append(epoch)
            lls.append(self.log_likelihood(data) if self.n_units <= MAX_EXACT_UNITS else np.nan)

        if monitor_every:
            record(0)
        for epoch in range(1, epochs + 1):
            g = self.gradient(data, method=method, chains_per_pattern=chains_per_pattern,
                              n_free_chains=n_free_chains, schedule=schedule, n_collect=n_collect, rng=rng,
                              engine=engine)
            self.weights += learning_rate * (g.weights - weight_decay * self.weights * self.connectivity)
            self.bias += learning_rate * g.bias
            if not (np.all(np.isfinite(self.weights)) and np.all(np.isfinite(self.bias))):
                raise FloatingPointError(f"fit: the parameters diverged (NaN or infinity) at epoch {epoch}; "
                                         f"use a smaller learning_rate than {learning_rate}")
            if monitor_every and epoch % monitor_every == 0:
                record(epoch)
        self.history_ = TrainingHistory(np.array(epochs_seen, dtype=np.int64), np.array(lls)) if monitor_every else None
        return self


def _logsumexp(a, axis=None):
    a = np.asarray(a, dtype=np.float64)
    m = np.max(a, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True))
    return out.squeeze() if axis is None else np.squeeze(out, axis=axis)


# --------------------------------------------------------------------------
# The encoder problem (Ackley, Hinton and Sejnowski 1985)
# --------------------------------------------------------------------------
def encoder_problem(n_bits: int = 4, n_hidden: int = 2) -> EncoderProblem:
    """The ``n_bits``-``n_hidden``-``n_bits`` encoder of Ackley, Hinton and Sejnowski (1985).

    Visible units: group V1 (``n_bits``) then group V2 (``n_bits``); hidden units last.
    The data are the ``n_bits`` vectors with the same single unit on in V1 and V2.
    V1 and V2 are not connected to each other: everything V2 learns about V1 must pass
    through the hidden code. Connections: within V1, within V2, V1-hidden, V2-hidden
    (no hidden-hidden connections). Returns an :class:`EncoderProblem` (data, connectivity).
    """
    n_bits = as_int(n_bits, "n_bits", minimum=2, maximum=8)
    n_hidden = as_int(n_hidden, "n_hidden", minimum=1, maximum=8)
    eye = np.eye(n_bits)
    data = np.hstack([eye, eye])
    groups = np.array([0] * n_bits + [1] * n_bits + [2] * n_hidden)
    gi, gj = groups[:, None], groups[None, :]
    mask = ((gi == gj) & (gi < 2)) | ((gi == 2) != (gj == 2))
    np.fill_diagonal(mask, False)
    return EncoderProblem(data, mask)


def encoder_solved(machine: BoltzmannMachine, data=None) -> EncoderResult:
    """Whether a trained encoder machine solves its task, and the codes it uses.

    With the V1 group clamped to each input vector, the exact conditional distribution of
    (V2, hidden) is computed by enumeration. The task is solved when, for every input, the
    most probable V2 configuration is the matching output. Returns an :class:`EncoderResult`:
    ``codes[k]`` is the most probable hidden code for input ``k`` and ``p_correct[k]`` the
    probability of the correct V2 completion.
    """
    if not isinstance(machine, BoltzmannMachine):
        raise TypeError(f"machine: expected a BoltzmannMachine, got {type(machine).__name__}")
    if machine.n_visible % 2 or machine.n_hidden < 1:
        raise ValueError(f"machine: expected an encoder (an even number of visible units and at least one hidden "
                         f"unit), got {machine!r}")
    n_bits = machine.n_visible // 2
    if data is None:
        data = encoder_problem(n_bits, machine.n_hidden).data
    data = as_binary(data, "data", machine.n_visible, "visible units")
    x, neg_e = machine._enumerate()
    nh = machine.n_hidden
    solved = True
    codes, p_correct = [], []
    hidden_codes = all_states(nh, values=(0, 1))
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
        codes.append(tuple(int(b) for b in hidden_codes[np.argmax(p_h)]))
    return EncoderResult(bool(solved), codes, np.array(p_correct))
