"""Stochastic (Glauber, heat-bath) dynamics, simulated annealing and exact Boltzmann statistics.

Convention of the course (Varma's blog chapter, section "Hopfield network with stochastic dynamics";
Glauber 1963, "Time-dependent statistics of the Ising model")
-----------------------------------------------------------------------------------------------
A neuron ``i`` chosen for an update takes the value +1 with probability

    P(s_i = +1) = 1 / (1 + exp(-2 (h_i - theta_i) / T)),     h_i = sum_j W_ij s_j,

and -1 otherwise. With Hebbian weights normalised by ``1/N`` this puts the transition of a
network storing one memory at ``T_c = 1`` (mean field: ``m = tanh(m / T)``). The Oxford report
(Nartallo-Kaluarachchi, eq. 8) writes ``1 / (1 + exp(-beta h))``: the same rule with
``beta = 2 / T``, so its temperature ``1 / beta`` is half of ours and its critical temperature is
1/2 (see :func:`oxford_beta_to_temperature`).

``T = 0`` is the deterministic threshold rule of :mod:`hopfield_course._rules` (ties -> +1, with
the rounding tolerance for float weights). The T -> 0 limit of the heat-bath rule gives
probability 1/2 on an exact tie; the +1 is the course's convention.

Each single-neuron update obeys detailed balance with respect to the Boltzmann
distribution ``P(s) = exp(-E(s)/T) / Z`` for ``E = -1/2 s^T W s + theta^T s`` (symmetric
``W`` with zero diagonal), so sweeps that visit the neurons in any order leave it invariant.

Kernels
-------
``glauber_kernel`` (any symmetric weights) is a numba function with a NumPy twin
``glauber_kernel_numpy`` (same arithmetic, compared bit for bit in the tests); the public
functions choose with ``engine="numba" | "numpy"``. Random numbers are drawn outside the kernels
from a ``numpy.random.Generator`` and passed in. The W-free Hebbian kernel (``hebbian_glauber``)
lives in :mod:`hopfield_course.hebbian`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field as dc_field

import numpy as np
from numba import njit

from ._rules import is_fixed_point, rule_thresholds, start_field
from ._validation import (as_bool, as_choice, as_float, as_int, as_rng, as_state, as_thresholds,
                          as_weights)
from .states import all_states

__all__ = [
    "glauber_probability",
    "glauber_sweep",
    "glauber_kernel",
    "glauber_kernel_numpy",
    "geometric_schedule",
    "linear_schedule",
    "anneal",
    "AnnealResult",
    "oxford_beta_to_temperature",
    "boltzmann_probabilities",
    "BoltzmannDistribution",
    "MAX_SWEEPS",
    "MAX_ENUMERATED",
]

ENGINES = ("numba", "numpy")
#: the longest schedule (number of sweeps) accepted in one call
MAX_SWEEPS = 10_000_000
#: the most neurons :func:`boltzmann_probabilities` enumerates (2^N states)
MAX_ENUMERATED = 16


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------
def _as_temperature(temperature, name="temperature"):
    return as_float(temperature, name, minimum=0.0)


def _as_schedule(schedule, name="schedule"):
    if isinstance(schedule, str):
        raise TypeError(f"{name}: expected a sequence of temperatures (numbers >= 0), got str {schedule!r}")
    try:
        arr = np.asarray(schedule, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name}: expected a sequence of temperatures (numbers >= 0), got {schedule!r}"[:200]) from None
    if arr.ndim == 0:
        arr = arr[None]
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name}: expected a non-empty 1-D sequence of temperatures, got shape {arr.shape}")
    if arr.size > MAX_SWEEPS:
        raise ValueError(f"{name}: expected at most {MAX_SWEEPS} temperatures (one sweep each), got {arr.size}")
    bad = ~(np.isfinite(arr) & (arr >= 0))
    if np.any(bad):
        raise ValueError(f"{name}: expected finite temperatures >= 0, got {arr[bad][:3].tolist()}")
    return np.ascontiguousarray(arr)


def _glauber(engine):
    engine = as_choice(engine, "engine", ENGINES)
    return glauber_kernel if engine == "numba" else glauber_kernel_numpy


def glauber_probability(field, temperature):
    """Heat-bath probability ``P(s = +1) = 1 / (1 + exp(-2 field / T))`` (elementwise; Varma's blog chapter).

    At ``T = 0`` this is the deterministic rule: 1 for ``field >= 0`` (ties to +1, the course's
    convention; the T -> 0 limit itself is 1/2 on a tie), else 0. Computed without overflow as
    ``(1 + tanh(field / T)) / 2``.
    """
    t = _as_temperature(temperature)
    try:
        h = np.asarray(field, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"field: expected numbers, got {field!r}"[:200]) from None
    if not np.all(np.isfinite(h)):
        raise ValueError("field: expected finite numbers, found NaN or infinity")
    if t == 0:
        out = np.where(h >= 0, 1.0, 0.0)
    else:
        out = 0.5 * (1.0 + np.tanh(h / t))  # identical to 1/(1+exp(-2h/T)), never overflows
    return out if out.ndim else float(out)


def oxford_beta_to_temperature(beta, *, n_neurons=None):
    """Convert the Oxford report's inverse temperature ``beta`` to the course's temperature ``T``.

    The Oxford report (Nartallo-Kaluarachchi, eq. 8) uses ``P(v=+1) = 1/(1+exp(-beta h))``; the
    course uses ``1/(1+exp(-2h/T))``, so ``T = 2 / beta`` for the same weights (the report's own
    temperature ``1/beta`` is half of ours). If the report's weights are unnormalised (``c = 1``) and
    ours are ``1/N``-normalised, pass ``n_neurons``: fields are N times larger there, ``T = 2 / (beta N)``.
    """
    b = as_float(beta, "beta", positive=True)
    if n_neurons is None:
        return 2.0 / b
    n = as_int(n_neurons, "n_neurons", minimum=1)
    return 2.0 / (b * n)


@dataclass(frozen=True)
class BoltzmannDistribution:
    """Outcome of :func:`boltzmann_probabilities`.

    Attributes
    ----------
    states : (2^N, N) int64 array of +/-1, in the order of :func:`hopfield_course.states.all_states`
    probabilities : (2^N,) Boltzmann probabilities of the states (they sum to 1)
    energies : (2^N,) energies ``E(s)`` of the states
    temperature : the temperature T
    """

    states: np.ndarray = dc_field(repr=False)
    probabilities: np.ndarray = dc_field(repr=False)
    energies: np.ndarray = dc_field(repr=False)
    temperature: float = 1.0


def boltzmann_probabilities(weights, *, temperature, thresholds=None):
    """Exact Boltzmann distribution ``P(s) = exp(-E(s)/T) / Z`` by enumeration (N <= 16).

    ``E(s) = -1/2 s^T W s + theta^T s``. This is the distribution that Glauber dynamics samples at
    temperature ``T`` (in the course's convention). Returns a :class:`BoltzmannDistribution`.
    """
    W = as_weights(weights).astype(np.float64)
    n = W.shape[0]
    if n > MAX_ENUMERATED:
        raise ValueError(f"weights: enumeration needs at most {MAX_ENUMERATED} neurons, got {n}")
    t = as_float(temperature, "temperature", positive=True)
    theta = as_thresholds(thresholds, n)
    S = all_states(n)
    E = -0.5 * np.einsum("ki,ij,kj->k", S, W, S) + S @ theta
    w = np.exp(-(E - E.min()) / t)
    return BoltzmannDistribution(states=S, probabilities=w / w.sum(), energies=E, temperature=t)


# --------------------------------------------------------------------------
# Kernels: general weights
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def glauber_kernel(state, weights, thresholds, rule_thresholds, order, uniforms, temperature, field):
    """Heat-bath updates of the neurons in ``order``, in place.

    ``field`` must equal ``weights @ state`` (float64) on entry and is kept equal to it.
    Neuron ``order[k]`` becomes +1 when ``uniforms[k] < 1 / (1 + exp(-2 x / T))`` with
    ``x = field - thresholds``; at ``T = 0`` when ``field >= rule_thresholds`` (the threshold
    rule with its rounding tolerance, :mod:`hopfield_course._rules`). Returns the number of flips.
    """
    n = state.shape[0]
    flips = 0
    for k in range(order.shape[0]):
        i = order[k]
        if temperature == 0.0:
            new = 1 if field[i] >= rule_thresholds[i] else -1
        else:
            a = -2.0 * (field[i] - thresholds[i]) / temperature
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


def glauber_kernel_numpy(state, weights, thresholds, rule_thresholds, order, uniforms, temperature, field):
    """NumPy twin of :func:`glauber_kernel` (same arithmetic, same order)."""
    flips = 0
    for k, i in enumerate(order):
        if temperature == 0.0:
            new = 1 if field[i] >= rule_thresholds[i] else -1
        else:
            a = -2.0 * (field[i] - thresholds[i]) / temperature
            prob = 0.0 if a > 700.0 else 1.0 / (1.0 + math.exp(a))
            new = 1 if uniforms[k] < prob else -1
        if new != state[i]:
            state[i] = new
            flips += 1
            field += 2.0 * new * weights[:, i]
    return flips


# --------------------------------------------------------------------------
# Public sweep, schedules and annealing
# --------------------------------------------------------------------------
def _prepare(state, weights, thresholds):
    W0 = as_weights(weights)
    W = np.ascontiguousarray(W0, dtype=np.float64)
    s = as_state(state, n=W.shape[0])
    theta = as_thresholds(thresholds, W.shape[0])
    return s, W, theta, rule_thresholds(W0, theta)


def glauber_sweep(state, weights, *, temperature, rng=None, thresholds=None, engine="numba"):
    """One asynchronous heat-bath (Glauber) sweep at ``temperature``.

    Every neuron is updated once, in a fresh random order drawn from ``rng``, with
    ``P(s_i = +1) = 1 / (1 + exp(-2 (h_i - theta_i) / T))`` using the latest state
    (Varma's blog chapter; ``T = 0`` is the threshold rule with ties to +1, identical to
    :func:`hopfield_course.dynamics.async_sweep` with the same order). Returns the new state;
    the input is not modified.
    """
    s, W, theta, rule_theta = _prepare(state, weights, thresholds)
    t = _as_temperature(temperature)
    kernel = _glauber(engine)
    generator = as_rng(rng)
    n = W.shape[0]
    order = generator.permutation(n).astype(np.int64)
    uniforms = generator.random(n)
    kernel(s, W, theta, rule_theta, order, uniforms, t, start_field(s, W))
    return s


def _schedule_args(t_start, t_end, sweeps):
    a = _as_temperature(t_start, "t_start")
    b = _as_temperature(t_end, "t_end")
    k = as_int(sweeps, "sweeps", minimum=1, maximum=MAX_SWEEPS)
    return a, b, k


def geometric_schedule(t_start, t_end, *, sweeps):
    """``sweeps`` temperatures falling geometrically from ``t_start`` to ``t_end`` (both > 0)."""
    a, b, k = _schedule_args(t_start, t_end, sweeps)
    if a <= 0 or b <= 0:
        raise ValueError(f"t_start, t_end: a geometric schedule needs positive temperatures, got {a} and {b}")
    if k == 1:
        return np.array([b])
    return a * (b / a) ** (np.arange(k) / (k - 1))


def linear_schedule(t_start, t_end, *, sweeps):
    """``sweeps`` temperatures falling linearly from ``t_start`` to ``t_end`` (>= 0)."""
    a, b, k = _schedule_args(t_start, t_end, sweeps)
    if k == 1:
        return np.array([b])
    return np.linspace(a, b, k)


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


def anneal(state, weights, schedule, *, rng=None, thresholds=None, quench=True, max_quench=100,
           record=False, engine="numba"):
    """Simulated annealing (Kirkpatrick, Gelatt and Vecchi 1983): one Glauber sweep per temperature of ``schedule``.

    Parameters
    ----------
    state : (N,) initial state of +/-1
    weights : symmetric (N, N) weights with zero diagonal
    schedule : sequence of temperatures (see :func:`geometric_schedule`, :func:`linear_schedule`)
    rng : seed or Generator (neuron orders and heat-bath draws)
    thresholds : None, scalar or (N,)
    quench : finish with T = 0 sweeps (the threshold rule) until a fixed point, at most
        ``max_quench`` sweeps
    record : keep every state (memory N x sweeps)
    engine : ``"numba"`` or ``"numpy"`` (the kernel's twin; same results)

    Returns
    -------
    AnnealResult
    """
    s, W, theta, rule_theta = _prepare(state, weights, thresholds)
    temps = _as_schedule(schedule)
    generator = as_rng(rng)
    quench = as_bool(quench, "quench")
    record = as_bool(record, "record")
    max_quench = as_int(max_quench, "max_quench", minimum=0, maximum=MAX_SWEEPS)
    kernel = _glauber(engine)
    n = W.shape[0]
    h = start_field(s, W)

    def energy_of(x, field):
        return float(-0.5 * (x @ field) + theta @ x)

    energies = [energy_of(s, h)]
    states = [s.copy()] if record else None
    done_temps = []
    for t in temps:
        order = generator.permutation(n).astype(np.int64)
        uniforms = generator.random(n)
        kernel(s, W, theta, rule_theta, order, uniforms, float(t), h)
        done_temps.append(float(t))
        energies.append(energy_of(s, h))
        if record:
            states.append(s.copy())
    h = start_field(s, W)  # fresh fields (no accumulated rounding) for the T = 0 tests
    fixed = is_fixed_point(s, W, rule_theta, h)
    if quench:
        empty = np.zeros(n)
        for _ in range(max_quench):
            if fixed:
                break
            order = generator.permutation(n).astype(np.int64)
            kernel(s, W, theta, rule_theta, order, empty, 0.0, h)
            done_temps.append(0.0)
            h = start_field(s, W)
            energies.append(energy_of(s, h))
            if record:
                states.append(s.copy())
            fixed = is_fixed_point(s, W, rule_theta, h)
    return AnnealResult(state=s, temperatures=np.array(done_temps), energies=np.array(energies),
                        states=None if states is None else np.array(states), fixed_point=fixed)
