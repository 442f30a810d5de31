"""Hot loops of the binary network: numba kernels and their plain NumPy twins.

Every kernel here has a twin with the same name and the suffix ``_numpy``. The
twins perform the same arithmetic in the same order with ordinary NumPy/Python
code; the tests compare each kernel with its twin bit for bit. The public
functions in :mod:`hopfield_course.dynamics` call the kernels.

Conventions (used throughout the course)
----------------------------------------
* Local field ``h_i = sum_j W_ij s_j``; the update rule is
  ``s_i <- +1 if h_i >= theta_i else -1`` (tie rule: a field equal to the
  threshold gives +1, as in the seed 001 course).
* Asynchronous kernels keep the field vector ``h`` up to date incrementally:
  when neuron ``i`` flips to ``s_i`` the field changes by ``2 s_i W[:, i]``.
  For integer weights this is exact integer arithmetic.
* The Hebbian kernels never form ``W``: with memories ``X`` (p x N) and
  overlaps ``m = X s`` they use ``h_i = sum_mu X[mu, i] m_mu - p s_i``
  (the ``- p s_i`` removes the diagonal of ``X^T X``), exact integers.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = [
    "async_sweep_kernel",
    "async_sweep_kernel_numpy",
    "hebbian_sweep_kernel",
    "hebbian_sweep_kernel_numpy",
    "hebbian_retrieve_kernel",
    "hebbian_retrieve_kernel_numpy",
    "overlaps_kernel",
]


# --------------------------------------------------------------------------
# General weights
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def async_sweep_kernel(state, weights, thresholds, order, field):
    """Update the neurons in ``order`` one at a time, in place.

    ``field`` must equal ``weights @ state`` on entry and is kept equal to it.
    Returns the number of neurons that changed sign.
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


# --------------------------------------------------------------------------
# Hebbian weights W = X^T X - p I, never formed (exact integers)
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def hebbian_sweep_kernel(state, patterns, order, overlaps):
    """One asynchronous sweep of the unnormalised Hebbian network, in place.

    ``patterns`` is (p, N) int; ``overlaps`` must equal ``patterns @ state`` and
    is kept equal to it. Thresholds are zero. Returns the number of flips.
    """
    p = patterns.shape[0]
    flips = 0
    for k in range(order.shape[0]):
        i = order[k]
        h = 0
        for mu in range(p):
            h += patterns[mu, i] * overlaps[mu]
        h -= p * state[i]
        new = 1 if h >= 0 else -1
        if new != state[i]:
            state[i] = new
            flips += 1
            for mu in range(p):
                overlaps[mu] += 2 * new * patterns[mu, i]
    return flips


def hebbian_sweep_kernel_numpy(state, patterns, order, overlaps):
    """NumPy twin of :func:`hebbian_sweep_kernel`."""
    p = patterns.shape[0]
    flips = 0
    for i in order:
        h = int(patterns[:, i] @ overlaps) - p * state[i]
        new = 1 if h >= 0 else -1
        if new != state[i]:
            state[i] = new
            flips += 1
            overlaps += 2 * new * patterns[:, i]
    return flips


@njit(cache=True, nogil=True)
def overlaps_kernel(patterns, state):
    """Integer overlaps ``m_mu = sum_i patterns[mu, i] state[i]`` (the twin is ``patterns @ state``)."""
    p, n = patterns.shape
    overlaps = np.zeros(p, dtype=np.int64)
    for mu in range(p):
        acc = 0
        for i in range(n):
            acc += patterns[mu, i] * state[i]
        overlaps[mu] = acc
    return overlaps


@njit(cache=True, nogil=True)
def _permute(order, seeds_row):
    # Fisher-Yates driven by pre-drawn uniform integers (so the twin can match)
    n = order.shape[0]
    for k in range(n - 1, 0, -1):
        j = seeds_row[k] % (k + 1)
        tmp = order[k]
        order[k] = order[j]
        order[j] = tmp


@njit(cache=True, nogil=True)
def hebbian_retrieve_kernel(state, patterns, draws, max_sweeps):
    """Asynchronous T = 0 dynamics of the Hebbian network to a fixed point.

    ``draws`` is an (max_sweeps, N) array of non-negative random integers; sweep
    ``t`` visits the neurons in the order of a Fisher-Yates shuffle driven by
    ``draws[t]`` (a fresh random order every sweep). Stops after the first
    sweep with no flip. Returns the number of sweeps performed, or -1 when
    ``max_sweeps`` sweeps all changed something.
    """
    n = state.shape[0]
    overlaps = overlaps_kernel(patterns, state)
    order = np.arange(n)
    for t in range(max_sweeps):
        _permute(order, draws[t])
        if hebbian_sweep_kernel(state, patterns, order, overlaps) == 0:
            return t + 1
    return -1


def _permute_numpy(order, seeds_row):
    n = order.shape[0]
    for k in range(n - 1, 0, -1):
        j = seeds_row[k] % (k + 1)
        order[k], order[j] = order[j], order[k]


def hebbian_retrieve_kernel_numpy(state, patterns, draws, max_sweeps):
    """NumPy twin of :func:`hebbian_retrieve_kernel`."""
    n = state.shape[0]
    overlaps = patterns @ state
    order = np.arange(n)
    for t in range(max_sweeps):
        _permute_numpy(order, draws[t])
        if hebbian_sweep_kernel_numpy(state, patterns, order, overlaps) == 0:
            return t + 1
    return -1
