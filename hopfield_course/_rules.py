"""The update rules of the binary network, written once and used by every path of the package.

* **Threshold rule** (T = 0): ``s_i <- +1 if h_i >= theta_i else -1``. A field equal to the
  threshold gives +1 (the tie rule of the PCBS course, section 19.1.2). With integer weights
  fields are exact. With floating-point weights (Hebb's rule divided by p or N) a field that is
  mathematically equal to the threshold can come out a few ulps below it, so the rule compares
  ``h`` with ``theta - tol`` where ``tol = N * eps * max_i sum_j |W_ij|`` bounds the rounding
  error of the sum. Then ``W``, ``W / p`` and ``W / N`` give identical dynamics.
* **Glauber rule** (T > 0): ``P(s_i = +1) = 1 / (1 + exp(-2 h_i / T))`` (Varma's blog chapter;
  Glauber 1963), whose T -> 0 limit is the threshold rule except on an exact tie, where the limit
  is 1/2 and the course keeps its convention +1.

Every T = 0 code path (``sync_step``, ``async_sweep``, ``run``, the Glauber sweep at T = 0,
annealing's quench, the capacity measurements) takes its thresholds from
:func:`rule_thresholds` and applies :func:`threshold_update`; the numba kernels receive the
lowered thresholds and compare ``h >= theta`` with them.
"""

from __future__ import annotations

import numpy as np

__all__ = ["rule_thresholds", "threshold_update", "field_tolerance", "glauber_probability_of", "sweep_order",
           "start_field", "is_fixed_point"]


def field_tolerance(weights) -> float:
    """Bound on the rounding error of a local field ``sum_j W_ij s_j`` (0 for integer weights)."""
    W = np.asarray(weights)
    if np.issubdtype(W.dtype, np.integer) or W.dtype == np.bool_:
        return 0.0
    if W.size == 0:
        return 0.0
    return float(W.shape[-1] * np.finfo(np.float64).eps * np.abs(W).sum(axis=-1).max())


def rule_thresholds(weights, thresholds) -> np.ndarray:
    """Thresholds the rule compares fields with: ``theta`` lowered by :func:`field_tolerance`."""
    theta = np.asarray(thresholds, dtype=np.float64)
    tol = field_tolerance(weights)
    return theta - tol if tol else theta


def threshold_update(fields, rule_theta) -> np.ndarray:
    """``+1 where fields >= rule_theta else -1`` (int64), with thresholds from :func:`rule_thresholds`."""
    return np.where(np.asarray(fields) >= rule_theta, 1, -1).astype(np.int64)


def glauber_probability_of(fields, temperature):
    """``P(s = +1) = 1 / (1 + exp(-2 h / T))``, computed without overflow; T = 0 gives the threshold rule."""
    h = np.asarray(fields, dtype=np.float64)
    if temperature == 0:
        return np.where(h >= 0, 1.0, 0.0)
    x = 2.0 * h / temperature
    # 1 / (1 + exp(-x)) = 0.5 * (1 + tanh(x / 2)): stable for every finite x
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def sweep_order(order, n_neurons, rng) -> np.ndarray:
    """The neurons one asynchronous sweep visits: ``"random"`` (a fresh permutation from ``rng``),
    ``"sequential"`` (0, 1, ..., N-1) or an explicit 1-D array of neuron indices (used as given)."""
    if isinstance(order, str):
        if order == "random":
            return rng.permutation(n_neurons).astype(np.int64)
        if order == "sequential":
            return np.arange(n_neurons, dtype=np.int64)
        raise ValueError(f"order: expected 'random', 'sequential' or an array of neuron indices, got {order!r}")
    idx = np.asarray(order)
    if idx.ndim != 1 or idx.size == 0 or not (np.issubdtype(idx.dtype, np.integer) and idx.dtype != np.bool_):
        raise ValueError(f"order: expected a non-empty 1-D array of integer neuron indices, got {order!r}"[:200])
    if idx.min() < 0 or idx.max() >= n_neurons:
        raise ValueError(f"order: neuron indices must lie in 0..{n_neurons - 1}, got {int(idx.min())}..{int(idx.max())}")
    return idx.astype(np.int64)


def start_field(state, weights) -> np.ndarray:
    """The local fields ``W @ s`` for an asynchronous sweep, in the dtype of the weights.

    Integer weights give exact int64 fields (an integer matrix-vector product: measured as fast as
    a float64 BLAS product for N <= 2000 and faster than casting W to float64 first at every N, so
    no cast is made); float weights give float64 fields from a BLAS product. :func:`run` computes
    this once and then carries the field through its sweeps (refreshing float fields once per
    sweep so that rounding cannot accumulate).
    """
    W = weights
    s = np.asarray(state)
    if np.issubdtype(W.dtype, np.integer):
        return W @ s.astype(np.int64, copy=False)
    return np.ascontiguousarray(W, dtype=np.float64) @ s.astype(np.float64)


def is_fixed_point(state, weights, rule_theta, field=None) -> bool:
    """True when the threshold rule (thresholds from :func:`rule_thresholds`) changes no neuron."""
    h = start_field(state, weights) if field is None else field
    return bool(np.array_equal(threshold_update(h, rule_theta), state))
