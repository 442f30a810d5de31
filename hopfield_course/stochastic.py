"""Stochastic (Glauber, heat-bath) dynamics and simulated annealing.

Convention of the course (seed 002, section "Hopfield network with stochastic dynamics")
-------------------------------------------------------------------------------------
A neuron ``i`` chosen for an update takes the value +1 with probability

    P(s_i = +1) = 1 / (1 + exp(-2 (h_i - theta_i) / T)),     h_i = sum_j W_ij s_j,

and -1 otherwise. With Hebbian weights normalised by ``1/N`` this puts the transition of a
network storing one memory at ``T_c = 1`` (mean field: ``m = tanh(m / T)``). Seed 000
(eq. 8) writes ``1 / (1 + exp(-beta h))``: the same rule with ``beta_000 = 2 / T``, i.e.
its temperatures are twice ours. When seed 000's weights are unnormalised (``c = 1``,
fields N times larger), its ``beta`` corresponds to ``T = 2 / (beta N)`` here.

``T = 0`` is the deterministic rule ``s_i <- +1 if h_i >= theta_i else -1`` (tie -> +1).

Each single-neuron update obeys detailed balance with respect to the Boltzmann
distribution ``P(s) = exp(-E(s)/T) / Z`` for ``E = -1/2 s^T W s + theta^T s`` (symmetric
``W`` with zero diagonal), so sweeps that visit the neurons in any order leave it invariant.

Kernels
-------
``glauber_kernel`` (any symmetric weights) and ``hebbian_glauber_kernel`` (Hebbian weights
``W = (X^T X - p I) / N`` never formed: ``h_i = (sum_mu xi^mu_i m_mu - p s_i) / N`` with the
integer overlaps ``m_mu = xi^mu . s``) are numba functions; each has a NumPy twin
(suffix ``_numpy``) with the same arithmetic, compared bit for bit in the tests. Random
numbers are drawn outside the kernels from a ``numpy.random.Generator`` and passed in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field as dc_field

import numpy as np
from numba import njit

from ._validation import as_patterns, as_rng, as_state, as_thresholds, as_weights

__all__ = [
    "glauber_probability",
    "glauber_sweep",
    "glauber_kernel",
    "glauber_kernel_numpy",
    "hebbian_glauber_kernel",
    "hebbian_glauber_kernel_numpy",
    "hebbian_glauber",
    "geometric_schedule",
    "linear_schedule",
    "anneal",
    "AnnealResult",
    "seed000_beta_to_temperature",
    "all_states",
    "boltzmann_probabilities",
]


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------
def _as_temperature(temperature, name="temperature"):
    try:
        t = float(temperature)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected a number >= 0, got {temperature!r}") from None
    if not math.isfinite(t) or t < 0:
        raise ValueError(f"{name}: expected a finite number >= 0, got {temperature!r}")
    return t


def _as_schedule(schedule, name="schedule"):
    try:
        arr = np.asarray(schedule, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected a sequence of temperatures (numbers >= 0)") from None
    if arr.ndim == 0:
        arr = arr[None]
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name}: expected a non-empty 1-D sequence of temperatures, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError(f"{name}: expected finite temperatures >= 0, got {arr[~(np.isfinite(arr) & (arr >= 0))][:3]}")
    return np.ascontiguousarray(arr)


def glauber_probability(field, temperature):
    """Heat-bath probability ``P(s = +1) = 1 / (1 + exp(-2 field / T))`` (elementwise).

    At ``T = 0`` this is the deterministic rule: 1 for ``field >= 0`` (ties to +1), else 0.
    Computed without overflow for large ``|field| / T``.
    """
    t = _as_temperature(temperature)
    h = np.asarray(field, dtype=float)
    if not np.all(np.isfinite(h)):
        raise ValueError("field: expected finite numbers")
    if t == 0:
        out = np.where(h >= 0, 1.0, 0.0)
    else:
        out = 0.5 * (1.0 + np.tanh(h / t))  # identical to 1/(1+exp(-2h/T)), never overflows
    return out if out.ndim else float(out)


def seed000_beta_to_temperature(beta, n=None):
    """Convert seed 000's inverse temperature to the course's temperature.

    Seed 000 uses ``P(v=+1) = 1/(1+exp(-beta h))``; ours is ``1/(1+exp(-2h/T))``, so
    ``T = 2 / beta`` for the same weights. If seed 000's weights are unnormalised (``c = 1``)
    and ours are ``1/N``-normalised, pass ``n`` (the number of neurons): ``T = 2 / (beta n)``.
    """
    b = float(beta)
    if not math.isfinite(b) or b <= 0:
        raise ValueError(f"beta: expected a positive finite number, got {beta!r}")
    if n is None:
        return 2.0 / b
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n: expected a positive integer number of neurons, got {n!r}")
    return 2.0 / (b * n)


def all_states(n):
    """All ``2^n`` states of ``n`` neurons as rows of +/-1 (row k: bit i of k set -> neuron i is -1)."""
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or not 1 <= n <= 20:
        raise ValueError(f"n: expected an integer between 1 and 20, got {n!r}")
    k = np.arange(2 ** int(n))[:, None]
    return (1 - 2 * ((k >> np.arange(int(n))[None, :]) & 1)).astype(np.int64)


def boltzmann_probabilities(weights, temperature, thresholds=None):
    """Exact Boltzmann distribution ``P(s) = exp(-E(s)/T) / Z`` by enumeration (N <= 16).

    ``E(s) = -1/2 s^T W s + theta^T s``. Returns ``(states, probabilities)`` with the states
    of :func:`all_states`. This is the distribution that Glauber dynamics samples at
    temperature ``T`` (in the course's convention).
    """
    W = as_weights(weights).astype(np.float64)
    n = W.shape[0]
    if n > 16:
        raise ValueError(f"weights: enumeration needs at most 16 neurons, got {n}")
    t = _as_temperature(temperature)
    if t == 0:
        raise ValueError("temperature: expected T > 0 (at T = 0 the distribution sits on the ground states)")
    theta = as_thresholds(thresholds, n)
    S = all_states(n)
    E = -0.5 * np.einsum("ki,ij,kj->k", S, W, S) + S @ theta
    w = np.exp(-(E - E.min()) / t)
    return S, w / w.sum()


# --------------------------------------------------------------------------
# Kernels: general weights
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def glauber_kernel(state, weights, thresholds, order, uniforms, temperature, field):
    """Heat-bath updates of the neurons in ``order``, in place.

    ``field`` must equal ``weights @ state`` (float64) on entry and is kept equal to it.
    Neuron ``order[k]`` becomes +1 when ``uniforms[k] < 1 / (1 + exp(-2 x / T))`` with
    ``x = field - threshold`` (at ``T = 0``: when ``x >= 0``). Returns the number of flips.
    """
    n = state.shape[0]
    flips = 0
    for k in range(order.shape[0]):
        i = order[k]
        x = field[i] - thresholds[i]
        if temperature == 0.0:
            new = 1 if x >= 0.0 else -1
        else:
            a = -2.0 * x / temperature
            if a > 700.0:
                prob = 0.0
            else:
                prob = 1.0 / (1.0 + math.exp(a))
            new = 1 if uniforms[k] < prob else -1
        if new != state[i]:
            state[i] = new
            flips += 1
            for j in range(n):
                field[j] += 2.0 * new * weights[j, i]
    return flips


def glauber_kernel_numpy(state, weights, thresholds, order, uniforms, temperature, field):
    """NumPy twin of :func:`glauber_kernel` (same arithmetic, same order)."""
    flips = 0
    for k, i in enumerate(order):
        x = field[i] - thresholds[i]
        if temperature == 0.0:
            new = 1 if x >= 0.0 else -1
        else:
            a = -2.0 * x / temperature
            prob = 0.0 if a > 700.0 else 1.0 / (1.0 + math.exp(a))
            new = 1 if uniforms[k] < prob else -1
        if new != state[i]:
            state[i] = new
            flips += 1
            field += 2.0 * new * weights[:, i]
    return flips


# --------------------------------------------------------------------------
# Kernels: Hebbian weights (1/N normalised), never formed
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def hebbian_glauber_kernel(state, patterns, overlaps, orders, uniforms, temperatures, trace):
    """Heat-bath sweeps in the Hebbian network ``W = (X^T X - p I) / N``, in place.

    ``patterns`` is (p, N) int; ``overlaps`` (int64, length p) must equal ``patterns @ state``
    and is kept equal to it. Sweep ``t`` visits the neurons ``orders[t]`` at temperature
    ``temperatures[t]`` with the uniforms ``uniforms[t]``. After each sweep the overlaps
    are copied into ``trace[t]`` (shape (sweeps, p)). Returns the total number of flips.
    """
    p = patterns.shape[0]
    n = patterns.shape[1]
    flips = 0
    for t in range(orders.shape[0]):
        temp = temperatures[t]
        for k in range(n):
            i = orders[t, k]
            acc = 0
            for mu in range(p):
                acc += patterns[mu, i] * overlaps[mu]
            acc -= p * state[i]
            x = acc / n
            if temp == 0.0:
                new = 1 if x >= 0.0 else -1
            else:
                a = -2.0 * x / temp
                if a > 700.0:
                    prob = 0.0
                else:
                    prob = 1.0 / (1.0 + math.exp(a))
                new = 1 if uniforms[t, k] < prob else -1
            if new != state[i]:
                state[i] = new
                flips += 1
                for mu in range(p):
                    overlaps[mu] += 2 * new * patterns[mu, i]
        for mu in range(p):
            trace[t, mu] = overlaps[mu]
    return flips


def hebbian_glauber_kernel_numpy(state, patterns, overlaps, orders, uniforms, temperatures, trace):
    """NumPy twin of :func:`hebbian_glauber_kernel`."""
    p, n = patterns.shape
    flips = 0
    for t in range(orders.shape[0]):
        temp = temperatures[t]
        for k in range(n):
            i = orders[t, k]
            acc = int(patterns[:, i] @ overlaps) - p * int(state[i])
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
                overlaps += 2 * new * patterns[:, i]
        trace[t] = overlaps
    return flips


def _orders(rng, sweeps, n):
    return np.argsort(rng.random((sweeps, n)), axis=1).astype(np.int64)


def hebbian_glauber(state, patterns, schedule, rng=None):
    """Glauber sweeps in the ``1/N`` Hebbian network of ``patterns`` without forming ``W``.

    Parameters
    ----------
    state : (N,) array of +/-1, the initial state
    patterns : (p, N) memories
    schedule : sequence of temperatures, one sweep at each (a single number means one sweep)
    rng : seed or Generator

    Returns
    -------
    (final_state, overlaps) where ``overlaps`` has shape (sweeps, p): the overlaps
    ``m_mu = xi^mu . s / N`` after each sweep. Cost O(pN) per sweep.
    """
    X = np.ascontiguousarray(as_patterns(patterns))
    s = as_state(state, n=X.shape[1])
    temps = _as_schedule(schedule)
    generator = as_rng(rng)
    p, n = X.shape
    sweeps = temps.size
    out_s = s.copy()
    out_trace = np.empty((sweeps, p), dtype=np.int64)
    m = X @ out_s
    chunk = max(1, min(sweeps, 2_000_000 // n))  # bound the memory of the random draws
    for start in range(0, sweeps, chunk):
        stop = min(sweeps, start + chunk)
        orders = _orders(generator, stop - start, n)
        uniforms = generator.random((stop - start, n))
        hebbian_glauber_kernel(out_s, X, m, orders, uniforms, temps[start:stop], out_trace[start:stop])
    return out_s, out_trace / n


# --------------------------------------------------------------------------
# Public sweep, schedules and annealing
# --------------------------------------------------------------------------
def _prepare(state, weights, thresholds):
    W = np.ascontiguousarray(as_weights(weights), dtype=np.float64)
    s = as_state(state, n=W.shape[0])
    theta = as_thresholds(thresholds, W.shape[0])
    return s, W, theta


def glauber_sweep(state, weights, temperature, rng=None, thresholds=None):
    """One asynchronous heat-bath (Glauber) sweep at ``temperature``.

    Every neuron is updated once, in a fresh random order drawn from ``rng``, with
    ``P(s_i = +1) = 1 / (1 + exp(-2 (h_i - theta_i) / T))`` using the latest state
    (seed 002; ``T = 0`` is the deterministic rule with ties to +1). Returns the new
    state; the input is not modified.
    """
    s, W, theta = _prepare(state, weights, thresholds)
    t = _as_temperature(temperature)
    generator = as_rng(rng)
    n = W.shape[0]
    order = generator.permutation(n).astype(np.int64)
    uniforms = generator.random(n)
    h = W @ s.astype(np.float64)
    glauber_kernel(s, W, theta, order, uniforms, t, h)
    return s


def geometric_schedule(t_start, t_end, sweeps):
    """``sweeps`` temperatures falling geometrically from ``t_start`` to ``t_end`` (both > 0)."""
    a = _as_temperature(t_start, "t_start")
    b = _as_temperature(t_end, "t_end")
    if a <= 0 or b <= 0:
        raise ValueError("t_start, t_end: a geometric schedule needs positive temperatures")
    if not isinstance(sweeps, (int, np.integer)) or sweeps < 1:
        raise ValueError(f"sweeps: expected a positive integer, got {sweeps!r}")
    if sweeps == 1:
        return np.array([b])
    return a * (b / a) ** (np.arange(sweeps) / (sweeps - 1))


def linear_schedule(t_start, t_end, sweeps):
    """``sweeps`` temperatures falling linearly from ``t_start`` to ``t_end`` (>= 0)."""
    a = _as_temperature(t_start, "t_start")
    b = _as_temperature(t_end, "t_end")
    if not isinstance(sweeps, (int, np.integer)) or sweeps < 1:
        raise ValueError(f"sweeps: expected a positive integer, got {sweeps!r}")
    if sweeps == 1:
        return np.array([b])
    return np.linspace(a, b, sweeps)


@dataclass
class AnnealResult:
    """Outcome of :func:`anneal`.

    Attributes
    ----------
    state : final state (after the zero-temperature quench, if any)
    temperatures : temperature of each sweep performed (the quench sweeps have T = 0)
    energies : energy after each sweep, starting with the initial state (length sweeps + 1)
    states : states after each sweep (with the initial state first) when ``record=True``, else None
    fixed_point : True when the final state is a fixed point of the T = 0 rule
    """

    state: np.ndarray
    temperatures: np.ndarray
    energies: np.ndarray
    states: np.ndarray | None = dc_field(default=None, repr=False)
    fixed_point: bool = False

    def __repr__(self) -> str:
        return (f"AnnealResult(sweeps={self.temperatures.size}, final_energy={self.energies[-1]:.4g}, "
                f"fixed_point={self.fixed_point}, N={self.state.size})")


def anneal(state, weights, schedule, rng=None, thresholds=None, *, quench=True, max_quench=100,
           record=False):
    """Simulated annealing: one Glauber sweep at each temperature of ``schedule``.

    Parameters
    ----------
    state : (N,) initial state of +/-1
    weights : symmetric (N, N) weights with zero diagonal
    schedule : sequence of temperatures (see :func:`geometric_schedule`, :func:`linear_schedule`)
    rng : seed or Generator (neuron orders and heat-bath draws)
    thresholds : None, scalar or (N,)
    quench : finish with T = 0 sweeps until a fixed point (at most ``max_quench`` sweeps)
    record : keep every state (memory N x sweeps)

    Returns
    -------
    AnnealResult
    """
    s, W, theta = _prepare(state, weights, thresholds)
    temps = _as_schedule(schedule)
    generator = as_rng(rng)
    if not isinstance(max_quench, (int, np.integer)) or max_quench < 0:
        raise ValueError(f"max_quench: expected a non-negative integer, got {max_quench!r}")
    n = W.shape[0]
    h = W @ s.astype(np.float64)

    def energy_of(x, field):
        return float(-0.5 * (x @ field) + theta @ x)

    energies = [energy_of(s, h)]
    states = [s.copy()] if record else None
    done_temps = []
    for t in temps:
        order = generator.permutation(n).astype(np.int64)
        uniforms = generator.random(n)
        glauber_kernel(s, W, theta, order, uniforms, float(t), h)
        done_temps.append(float(t))
        energies.append(energy_of(s, h))
        if record:
            states.append(s.copy())
    fixed = bool(np.array_equal(np.where(h >= theta, 1, -1), s))
    if quench:
        empty = np.zeros(n)
        for _ in range(max_quench):
            if fixed:
                break
            order = generator.permutation(n).astype(np.int64)
            glauber_kernel(s, W, theta, order, empty, 0.0, h)
            done_temps.append(0.0)
            energies.append(energy_of(s, h))
            if record:
                states.append(s.copy())
            fixed = bool(np.array_equal(np.where(h >= theta, 1, -1), s))
    return AnnealResult(state=s, temperatures=np.array(done_temps), energies=np.array(energies),
                        states=None if states is None else np.array(states), fixed_point=fixed)


def _stochastic_run(s, W, theta, temperature, max_steps, generator, order, record):
    """Glauber sweeps for :func:`hopfield_course.dynamics.run` at ``temperature > 0``.

    Returns ``(final_state, states, energies)``; ``states`` holds the initial state and
    then the state after every sweep (``record="step"``) or after every flip (``"flip"``).
    """
    from .dynamics import _sweep_order  # local import: dynamics imports this module lazily

    n = W.shape[0]
    Wf = np.ascontiguousarray(W, dtype=np.float64)
    h = Wf @ s.astype(np.float64)
    states = [s.copy()]
    for _ in range(max_steps):
        idx = _sweep_order(order, n, generator)
        uniforms = generator.random(idx.size)
        if record == "flip":
            for k in range(idx.size):
                if glauber_kernel(s, Wf, theta, idx[k:k + 1], uniforms[k:k + 1], temperature, h):
                    states.append(s.copy())
        else:
            glauber_kernel(s, Wf, theta, idx, uniforms, temperature, h)
            states.append(s.copy())
    states_arr = np.array(states)
    energies = np.array([-0.5 * (x @ Wf @ x) + theta @ x for x in states_arr], dtype=float)
    return s, states_arr, energies
