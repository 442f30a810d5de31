"""Deterministic dynamics of the binary Hopfield network.

Conventions (stated once here, used in every chapter):

* states are vectors of +/-1; weights ``W`` are symmetric with zero diagonal;
* local field ``h_i = sum_j W_ij s_j``;
* update rule ``s_i <- sign(h_i - theta_i)`` with the **tie rule** ``h_i = theta_i -> +1``
  (seed 001, section 19.1.2); with floating-point weights a field within rounding error of
  the threshold counts as a tie (see ``_rule_thresholds``);
* energy ``E(s) = -1/2 sum_ij W_ij s_i s_j + sum_i theta_i s_i``. (Seed 000 writes the
  threshold term with a minus sign in its equation (3); with the update rule "+1 if
  h_i >= theta_i" the plus sign is the one that makes E a Lyapunov function.)

An asynchronous update of neuron ``i`` changes the energy by
``Delta E = -(s_i' - s_i)(h_i - theta_i) <= 0`` (Hopfield 1982), so asynchronous
dynamics never raises E. Synchronous dynamics has a different Lyapunov function and
can end in a 2-cycle, which :func:`run` reports as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

import numpy as np

from ._validation import as_patterns, as_rng, as_state, as_thresholds, as_weights
from .kernels import async_sweep_kernel, hebbian_retrieve_kernel

__all__ = [
    "local_field",
    "energy",
    "sync_step",
    "async_sweep",
    "run",
    "RunResult",
    "hebbian_retrieve",
]


def _prepare(state, weights, thresholds, symmetric=True):
    W = as_weights(weights, symmetric=symmetric, zero_diagonal=symmetric)
    s = as_state(state, n=W.shape[0])
    theta = as_thresholds(thresholds, W.shape[0])
    return s, W, theta


def local_field(state, weights):
    """Local fields ``h = W s`` (one number per neuron)."""
    s, W, _ = _prepare(state, weights, None, symmetric=False)
    return W @ s


def energy(state, weights, thresholds=None):
    """Energy ``E(s) = -1/2 s^T W s + theta^T s`` of one state or of each row of a 2-D array.

    Parameters
    ----------
    state : array of +/-1, shape (N,) or (k, N)
    weights : symmetric (N, N) array with zero diagonal
    thresholds : None, scalar or (N,) array

    Returns
    -------
    float, or an array of k floats.
    """
    W = as_weights(weights)
    theta = as_thresholds(thresholds, W.shape[0])
    arr = np.asarray(state)
    if arr.ndim == 2:
        return np.array([energy(row, W, theta) for row in arr])
    s = as_state(state, n=W.shape[0])
    return float(-0.5 * (s @ W @ s) + theta @ s)


def _rule_thresholds(W, theta):
    """Thresholds used by the update rule: ``theta`` lowered by a rounding tolerance for float weights.

    With integer weights fields are exact and ties are exact. With floating-point weights
    (e.g. Hebb's rule divided by p), a field that is mathematically equal to the threshold can
    come out a few ulps below it; the tolerance ``N * eps * max_i sum_j |W_ij|`` bounds that
    rounding error, so such fields still count as ties (-> +1) and ``W`` and ``W / c`` give
    identical dynamics.
    """
    if np.issubdtype(W.dtype, np.integer):
        return theta
    tol = W.shape[0] * np.finfo(np.float64).eps * float(np.abs(W).sum(axis=1).max())
    return theta - tol


def _threshold_rule(h, theta):
    return np.where(h >= theta, 1, -1).astype(np.int64)


def sync_step(state, weights, thresholds=None, *, symmetric=True):
    """One synchronous update: every neuron at once, ``s' = sign(W s - theta)`` (ties -> +1)."""
    s, W, theta = _prepare(state, weights, thresholds, symmetric)
    return _threshold_rule(W @ s, _rule_thresholds(W, theta))


def _sweep_order(order, n, rng):
    if isinstance(order, str):
        if order == "random":
            return rng.permutation(n)
        if order == "sequential":
            return np.arange(n)
        raise ValueError(f"order: expected 'random', 'sequential' or an array of neuron indices, got {order!r}")
    idx = np.asarray(order)
    if idx.ndim != 1 or not np.issubdtype(idx.dtype, np.integer) or idx.size == 0:
        raise ValueError("order: expected a non-empty 1-D array of integer neuron indices")
    if idx.min() < 0 or idx.max() >= n:
        raise ValueError(f"order: neuron indices must lie in 0..{n - 1}")
    return idx.astype(np.int64)


def async_sweep(state, weights, thresholds=None, rng=None, order="random", *, symmetric=True):
    """One asynchronous sweep: each neuron updated once, in turn, using the latest state.

    ``order='random'`` visits the neurons in a fresh random permutation drawn from ``rng``;
    ``'sequential'`` visits 0, 1, ..., N-1; an explicit array of indices is used as given.
    Returns the new state (the input is not modified).
    """
    s, W, theta = _prepare(state, weights, thresholds, symmetric)
    idx = _sweep_order(order, W.shape[0], as_rng(rng))
    h = W @ s
    async_sweep_kernel(s, W, _rule_thresholds(W, theta), idx, h)
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


def run(state, weights, mode="sync", max_steps=1000, rng=None, thresholds=None, *,
        order="random", record="step", symmetric=True, temperature=None):
    """Iterate the network from ``state`` until a fixed point, a cycle or ``max_steps``.

    Parameters
    ----------
    state : (N,) array of +/-1
    weights : (N, N) symmetric, zero-diagonal matrix (``symmetric=False`` lifts both
        requirements, for the asymmetric networks of chapter 11)
    mode : ``"sync"`` (all neurons at once) or ``"async"`` (sweeps of single-neuron updates)
    max_steps : maximum number of steps (sync) or sweeps (async)
    rng : seed or ``numpy.random.Generator`` for the asynchronous order
    thresholds : None, scalar or (N,) thresholds
    order : asynchronous visiting order per sweep (see :func:`async_sweep`)
    record : ``"step"`` records the state after every step/sweep; ``"flip"`` (async only)
        records the state after every single neuron that changes, for fine-grained
        trajectories such as seed 000's figures 3-4.
    temperature : None or 0 for the deterministic rule (the behaviour described here);
        ``T > 0`` runs Glauber (heat-bath) sweeps, ``P(s_i=+1) = 1/(1+exp(-2(h_i-theta_i)/T))``
        (see :mod:`hopfield_course.stochastic`), and needs ``mode="async"`` and symmetric
        weights. A stochastic run never settles, so it always performs ``max_steps`` sweeps
        and ends with status ``"max_steps"`` (period None); with ``record="step"`` it records
        the state after every sweep, whether or not anything changed.

    Returns
    -------
    RunResult
        ``status`` is ``"fixed_point"`` when one more step would change nothing,
        ``"cycle"`` when a state recurs (synchronous symmetric networks can only cycle
        with period 2; asynchronous runs are checked for cycles only with a
        deterministic ``order``), else ``"max_steps"``.
    """
    s, W, theta = _prepare(state, weights, thresholds, symmetric)
    if mode not in ("sync", "async"):
        raise ValueError(f"mode: expected 'sync' or 'async', got {mode!r}")
    if record not in ("step", "flip"):
        raise ValueError(f"record: expected 'step' or 'flip', got {record!r}")
    if record == "flip" and mode != "async":
        raise ValueError("record: 'flip' is only meaningful with mode='async'")
    if not isinstance(max_steps, (int, np.integer)) or max_steps < 0:
        raise ValueError(f"max_steps: expected a non-negative integer, got {max_steps!r}")
    generator = as_rng(rng)
    if temperature is not None:
        from .stochastic import _as_temperature, _stochastic_run

        temperature = _as_temperature(temperature)
        if temperature > 0:
            if mode != "async":
                raise ValueError("temperature: Glauber dynamics (temperature > 0) needs mode='async'")
            if not symmetric:
                raise ValueError("temperature: Glauber dynamics (temperature > 0) needs symmetric weights "
                                 "(symmetric=True)")
            s, states_arr, energies = _stochastic_run(s, W, theta, temperature, int(max_steps), generator,
                                                      order, record)
            return RunResult(state=s, status="max_steps", period=None, steps=int(max_steps),
                             states=states_arr, energies=energies, mode=mode)
    n = W.shape[0]
    rule_theta = _rule_thresholds(W, theta)
    states = [s.copy()]
    seen = {s.tobytes(): 0}
    status, period, steps = "max_steps", None, 0
    deterministic = mode == "sync" or not (isinstance(order, str) and order == "random")

    if mode == "sync":
        for t in range(1, max_steps + 1):
            new = _threshold_rule(W @ s, rule_theta)
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
        h = W @ s
        for t in range(1, max_steps + 1):
            idx = _sweep_order(order, n, generator)
            steps = t
            if record == "flip":
                flips = 0
                for i in idx:
                    before = s[i]
                    async_sweep_kernel(s, W, rule_theta, np.array([i]), h)
                    if s[i] != before:
                        flips += 1
                        states.append(s.copy())
            else:
                flips = async_sweep_kernel(s, W, rule_theta, idx, h)
                if flips:
                    states.append(s.copy())
            if flips == 0:
                if _is_fixed(s, W, rule_theta):
                    status, period = "fixed_point", 1
                    break
            if deterministic and record == "step" and flips:
                key = s.tobytes()
                if key in seen:
                    status, period = "cycle", t - seen[key]
                    break
                seen[key] = t

    states_arr = np.array(states)
    energies = np.array([-0.5 * (x @ W @ x) + theta @ x for x in states_arr], dtype=float)
    return RunResult(state=s, status=status, period=period, steps=steps,
                     states=states_arr, energies=energies, mode=mode)


def _is_fixed(s, W, theta):
    return bool(np.array_equal(_threshold_rule(W @ s, theta), s))


def hebbian_retrieve(state, patterns, rng=None, max_sweeps=200, chunk=8):
    """Fast asynchronous T = 0 retrieval in the unnormalised Hebbian network of ``patterns``.

    Equivalent to ``run(state, hebbian_weights(patterns), mode="async")`` (any positive
    normalisation gives the same dynamics) but never forms ``W``: the numba kernel keeps
    the p overlaps ``m_mu = xi^mu . s`` and uses ``h_i = sum_mu xi^mu_i m_mu - p s_i``, so a
    sweep costs O(pN) exact integer operations instead of O(N^2).

    Returns ``(final_state, sweeps, converged)``.
    """
    X = np.ascontiguousarray(as_patterns(patterns))
    s = as_state(state, n=X.shape[1])
    if not isinstance(max_sweeps, (int, np.integer)) or max_sweeps < 1:
        raise ValueError(f"max_sweeps: expected a positive integer, got {max_sweeps!r}")
    generator = as_rng(rng)
    n = X.shape[1]
    done = 0
    while done < max_sweeps:
        todo = min(chunk, max_sweeps - done)
        draws = generator.integers(0, 2**62, size=(todo, n), dtype=np.int64)
        used = hebbian_retrieve_kernel(s, X, draws, todo)
        if used > 0:
            return s, done + used, True
        done += todo
    return s, done, False
