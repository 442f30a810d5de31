"""Deterministic dynamics of the binary Hopfield network (T = 0): synchronous and asynchronous updates.

Conventions (stated once here, used in every chapter):

* states are vectors of +/-1; weights ``W`` are symmetric with zero diagonal;
* local field ``h_i = sum_j W_ij s_j``;
* update rule ``s_i <- +1 if h_i >= theta_i else -1``: the **tie rule** ``h_i = theta_i -> +1``
  of the PCBS course (section 19.1.2). The rule is written once, in :mod:`hopfield_course._rules`;
  with floating-point weights a field within rounding error of the threshold counts as a tie, so
  ``W``, ``W / p`` and ``W / N`` give the same dynamics;
* energy ``E(s) = -1/2 sum_ij W_ij s_i s_j + sum_i theta_i s_i``. (The Oxford report
  (Nartallo-Kaluarachchi) writes the threshold term with a minus sign in its equation (3); with the
  update rule "+1 if h_i >= theta_i" the plus sign is the one that makes E a Lyapunov function.)

An asynchronous update of neuron ``i`` changes the energy by
``Delta E = -(s_i' - s_i)(h_i - theta_i) <= 0`` (Hopfield 1982, "Neural networks and physical
systems with emergent collective computational abilities"), so asynchronous dynamics never raises
E. Synchronous dynamics (Little 1974) has a different Lyapunov function and can end in a 2-cycle
(Goles, Fogelman-Soulie and Pellegrin 1985), which :func:`run` reports as such.

Kernel
------
:func:`async_sweep_kernel` (numba) and its NumPy twin :func:`async_sweep_kernel_numpy` update the
neurons of one sweep in place and keep the field vector up to date incrementally: when neuron
``i`` flips to ``s_i`` every field changes by ``2 s_i W[:, i]`` (exact for integer weights). The
public functions choose between them with ``engine="numba" | "numpy"``; the tests compare them
bit for bit. The pattern-based (W-free) Hebbian kernels live in :mod:`hopfield_course.hebbian`.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

import numpy as np
from numba import njit

from ._rules import is_fixed_point, rule_thresholds, start_field, sweep_order, threshold_update
from ._validation import as_bool, as_choice, as_float, as_int, as_rng, as_state, as_thresholds, as_weights

__all__ = [
    "local_field",
    "energy",
    "sync_step",
    "async_sweep",
    "run",
    "RunResult",
    "async_sweep_kernel",
    "async_sweep_kernel_numpy",
    "ENGINES",
    "MAX_STEPS_CAP",
]

ENGINES = ("numba", "numpy")
#: the most steps (sync) or sweeps (async) :func:`run` accepts in one call
MAX_STEPS_CAP = 10_000_000


# --------------------------------------------------------------------------- kernel and twin
@njit(cache=True, nogil=True)
def async_sweep_kernel(state, weights, thresholds, order, field):
    """Update the neurons in ``order`` one at a time, in place (threshold rule, ties -> +1).

    ``field`` must equal ``weights @ state`` on entry (int64 for integer weights, float64 else)
    and is kept equal to it; ``thresholds`` are the rule's thresholds
    (:func:`hopfield_course._rules.rule_thresholds`). Returns the number of neurons that changed.
    """
    n = state.shape[0]
    flips = 0
    for k in range(order.shape[0]):
        i = order[k]
        new = 1 if field[i] >= thresholds[i] else -1
        if new != state[i]:
            state[i] = new
            flips += 1
            for j in range(n):
                field[j] += 2 * new * weights[j, i]
    return flips


def async_sweep_kernel_numpy(state, weights, thresholds, order, field):
    """NumPy twin of :func:`async_sweep_kernel` (same arithmetic, same order)."""
    flips = 0
    for i in order:
        new = 1 if field[i] >= thresholds[i] else -1
        if new != state[i]:
            state[i] = new
            flips += 1
            field += 2 * new * weights[:, i]
    return flips


def _kernel(engine):
    engine = as_choice(engine, "engine", ENGINES)
    return async_sweep_kernel if engine == "numba" else async_sweep_kernel_numpy


# --------------------------------------------------------------------------- helpers
def _prepare(state, weights, thresholds, symmetric):
    symmetric = as_bool(symmetric, "symmetric")
    W = as_weights(weights, symmetric=symmetric, zero_diagonal=symmetric)
    W = np.ascontiguousarray(W)
    s = as_state(state, n=W.shape[0])
    theta = as_thresholds(thresholds, W.shape[0])
    return s, W, theta


def local_field(state, weights):
    """Local fields ``h_i = sum_j W_ij s_j`` (one number per neuron), for any square weights."""
    s, W, _ = _prepare(state, weights, None, False)
    return W @ s


def energy(state, weights, *, thresholds=None):
    """Energy ``E(s) = -1/2 s^T W s + theta^T s`` (Hopfield 1982) of one state or of each row of a 2-D array.

    Parameters
    ----------
    state : array of +/-1, shape (N,) or (k, N)
    weights : symmetric (N, N) array with zero diagonal
    thresholds : None, scalar or (N,) array (keyword-only)

    Returns
    -------
    float, or an array of k floats.
    """
    W = as_weights(weights)
    theta = as_thresholds(thresholds, W.shape[0])
    arr = np.asarray(state)
    if arr.ndim == 2:
        from ._validation import as_states

        S = as_states(arr, "state", n=W.shape[0])
        return -0.5 * np.einsum("ki,ij,kj->k", S, W, S).astype(float) + S @ theta
    s = as_state(state, n=W.shape[0])
    return float(-0.5 * (s @ W @ s) + theta @ s)


def sync_step(state, weights, *, thresholds=None, symmetric=True):
    """One synchronous update (Little 1974): every neuron at once, ``s_i' = +1 if h_i >= theta_i else -1``.

    Parameters
    ----------
    state : (N,) array of +/-1
    weights : (N, N) symmetric, zero-diagonal matrix (``symmetric=False`` lifts both requirements)
    thresholds : None, scalar or (N,) (keyword-only)

    Returns the new state (int64); the input is not modified.
    """
    s, W, theta = _prepare(state, weights, thresholds, symmetric)
    return threshold_update(W @ s, rule_thresholds(W, theta))


def async_sweep(state, weights, *, thresholds=None, rng=None, order="random", symmetric=True, engine="numba"):
    """One asynchronous sweep (Hopfield 1982): each neuron updated once, in turn, using the latest state.

    ``order='random'`` visits the neurons in a fresh random permutation drawn from ``rng``;
    ``'sequential'`` visits 0, 1, ..., N-1; an explicit array of indices is used as given.
    ``engine`` chooses the numba kernel or its NumPy twin (identical results).
    Returns the new state (the input is not modified).
    """
    s, W, theta = _prepare(state, weights, thresholds, symmetric)
    kernel = _kernel(engine)
    idx = sweep_order(order, W.shape[0], as_rng(rng))
    kernel(s, W, rule_thresholds(W, theta), idx, start_field(s, W))
    return s


@dataclass
class RunResult:
    """Outcome of :func:`run`.

    Attributes
    ----------
    state : final state
    status : ``"fixed_point"``, ``"cycle"`` or ``"max_steps"``
    period : cycle length (1 at a fixed point, 2 for a synchronous 2-cycle; None after max_steps)
    steps : number of steps (synchronous) or sweeps (asynchronous) performed
    states : recorded trajectory, shape (T, N), starting with the initial state
    energies : energy of each recorded state
    mode : ``"sync"`` or ``"async"``
    """

    state: np.ndarray
    status: str
    period: int | None
    steps: int
    states: np.ndarray = dc_field(repr=False)
    energies: np.ndarray = dc_field(repr=False)
    mode: str = "sync"

    def __repr__(self) -> str:
        return (f"RunResult(status={self.status!r}, period={self.period}, steps={self.steps}, "
                f"mode={self.mode!r}, N={self.state.size}, recorded={len(self.states)})")

    @property
    def converged(self) -> bool:
        """True when the run ended at a fixed point."""
        return self.status == "fixed_point"


def _energies(states, W, theta):
    S = np.asarray(states)
    Wf = W.astype(np.float64)
    Sf = S.astype(np.float64)
    return -0.5 * np.einsum("ki,ki->k", Sf @ Wf, Sf) + Sf @ theta


def run(state, weights, *, mode="sync", max_steps=1000, rng=None, thresholds=None, order="random",
        record="step", symmetric=True, temperature=None, engine="numba"):
    """Iterate the network from ``state`` until a fixed point, a cycle or ``max_steps``.

    Parameters
    ----------
    state : (N,) array of +/-1
    weights : (N, N) symmetric, zero-diagonal matrix (``symmetric=False`` lifts both
        requirements, for the asymmetric networks of chapter 11)
    mode : ``"sync"`` (all neurons at once) or ``"async"`` (sweeps of single-neuron updates)
    max_steps : maximum number of steps (sync) or sweeps (async), an integer in 1..10^7
    rng : seed or ``numpy.random.Generator`` for the asynchronous order
    thresholds : None, scalar or (N,) thresholds
    order : asynchronous visiting order per sweep (see :func:`async_sweep`)
    record : ``"step"`` records the state after every step/sweep; ``"flip"`` (async only)
        records the state after every single neuron that changes, for fine-grained
        trajectories such as the Oxford report's figures 3-4.
    temperature : None or 0 for the deterministic rule (the behaviour described here);
        ``T > 0`` runs Glauber (heat-bath) sweeps, ``P(s_i=+1) = 1/(1+exp(-2(h_i-theta_i)/T))``
        (see :mod:`hopfield_course.stochastic`), and needs ``mode="async"`` and symmetric
        weights. A stochastic run never settles, so it always performs ``max_steps`` sweeps
        and ends with status ``"max_steps"`` (period None); with ``record="step"`` it records
        the state after every sweep, whether or not anything changed.
    engine : ``"numba"`` (default) or ``"numpy"`` (the kernel's twin; same results)

    Returns
    -------
    RunResult
        ``status`` is ``"fixed_point"`` when one more step would change nothing,
        ``"cycle"`` when a state recurs (synchronous symmetric networks can only cycle
        with period 2; asynchronous runs are checked for cycles only with a
        deterministic ``order``), else ``"max_steps"``.
    """
    s, W, theta = _prepare(state, weights, thresholds, symmetric)
    mode = as_choice(mode, "mode", ("sync", "async"))
    record = as_choice(record, "record", ("step", "flip"))
    if record == "flip" and mode != "async":
        raise ValueError("record: 'flip' is only meaningful with mode='async', got mode='sync'")
    max_steps = as_int(max_steps, "max_steps", minimum=1, maximum=MAX_STEPS_CAP)
    kernel = _kernel(engine)
    generator = as_rng(rng)
    n = W.shape[0]
    if not isinstance(order, str):
        sweep_order(order, n, generator)  # validate once, before any work
    if temperature is not None:
        temperature = as_float(temperature, "temperature", minimum=0.0)
        if temperature > 0:
            if mode != "async":
                raise ValueError("temperature: Glauber dynamics (temperature > 0) needs mode='async', got 'sync'")
            if not symmetric:
                raise ValueError("temperature: Glauber dynamics (temperature > 0) needs symmetric weights "
                                 "(symmetric=True)")
            return _glauber_run(s, W, theta, temperature, max_steps, generator, order, record, engine)
    rule_theta = rule_thresholds(W, theta)
    exact = np.issubdtype(W.dtype, np.integer)
    states = [s.copy()]
    seen = {s.tobytes(): 0}
    status, period, steps = "max_steps", None, 0
    deterministic = mode == "sync" or not (isinstance(order, str) and order == "random")

    if mode == "sync":
        for t in range(1, max_steps + 1):
            new = threshold_update(W @ s, rule_theta)
            steps = t
            if np.array_equal(new, s):
                status, period = "fixed_point", 1
                break
            s = new
            states.append(s.copy())
            key = s.tobytes()
            if key in seen:
                status, period = "cycle", t - seen[key]
                break
            seen[key] = t
    else:
        h = start_field(s, W)
        for t in range(1, max_steps + 1):
            idx = sweep_order(order, n, generator)
            steps = t
            if not exact and t > 1:
                h = start_field(s, W)  # float fields: start every sweep from a fresh product (no drift)
            if record == "flip":
                flips = 0
                for i in idx:
                    before = s[i]
                    kernel(s, W, rule_theta, np.array([i], dtype=np.int64), h)
                    if s[i] != before:
                        flips += 1
                        states.append(s.copy())
            else:
                flips = kernel(s, W, rule_theta, idx, h)
                if flips:
                    states.append(s.copy())
            if flips == 0 and is_fixed_point(s, W, rule_theta):
                status, period = "fixed_point", 1
                break
            if deterministic and record == "step" and flips:
                key = s.tobytes()
                if key in seen:
                    status, period = "cycle", t - seen[key]
                    break
                seen[key] = t

    states_arr = np.array(states)
    return RunResult(state=s, status=status, period=period, steps=steps,
                     states=states_arr, energies=_energies(states_arr, W, theta), mode=mode)


def _glauber_run(s, W, theta, temperature, max_steps, generator, order, record, engine):
    """Glauber sweeps at ``temperature > 0`` for :func:`run` (kernels of :mod:`.stochastic`)."""
    from .stochastic import glauber_kernel, glauber_kernel_numpy

    kernel = glauber_kernel if engine == "numba" else glauber_kernel_numpy
    n = W.shape[0]
    Wf = np.ascontiguousarray(W, dtype=np.float64)
    rule_theta = rule_thresholds(W, theta)
    h = start_field(s, Wf)
    states = [s.copy()]
    for _ in range(max_steps):
        idx = sweep_order(order, n, generator)
        uniforms = generator.random(idx.size)
        if record == "flip":
            for k in range(idx.size):
                if kernel(s, Wf, theta, rule_theta, idx[k:k + 1], uniforms[k:k + 1], temperature, h):
                    states.append(s.copy())
        else:
            kernel(s, Wf, theta, rule_theta, idx, uniforms, temperature, h)
            states.append(s.copy())
    states_arr = np.array(states)
    return RunResult(state=s, status="max_steps", period=None, steps=max_steps, states=states_arr,
                     energies=_energies(states_arr, W, theta), mode="async")
