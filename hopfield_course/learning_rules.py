"""Learning rules: from memories to a weight matrix (Hebb, Storkey, pseudo-inverse).

* **Hebb** (Hopfield 1982, "Neural networks and physical systems with emergent collective
  computational abilities") stores memories ``xi^mu`` (rows of ``patterns``) as

      W_ij = c * sum_mu xi^mu_i xi^mu_j   (i != j),   W_ii = 0,

  the sum of the outer products with the diagonal removed. The constant ``c`` is a
  convention: the PCBS course uses ``c = 1``, the Oxford report (eq. 7) ``c = 1/p``, Varma's
  blog chapter ``c = 1/N``. A positive constant scales every local field by the same factor,
  so it never changes the zero-temperature dynamics with zero thresholds; it matters once
  thresholds or a temperature enter: the course's temperatures are quoted for ``c = 1/N``.

Storkey and the pseudo-inverse return ``1/N``-scaled weight matrices with zero diagonal, like
``hebbian_weights(patterns, normalize="N")``, so the course's temperatures apply to them.

* **Storkey (1997)**, "Increasing the capacity of a Hopfield network without sacrificing
  functionality", cited by the Oxford report. Memories are added one at a time:

      W^nu_ij = W^{nu-1}_ij + (xi_i xi_j - xi_i h_ji - h_ij xi_j) / N,
      h_ij = sum_{k != i, j} W^{nu-1}_ik xi_k,

  with ``xi = xi^nu``. The extra terms subtract what the network already "predicts" of the
  new memory, which removes much of the crosstalk: Storkey gives a capacity of order
  ``N / sqrt(2 ln N)`` against Hebb's ``N / (2 ln N)``. The rule is local and incremental.

* **Pseudo-inverse** (Personnaz, Guyon and Dreyfus 1985; Kanter and Sompolinsky 1987):
  ``W = X^T (X X^T)^+ X`` with ``X`` the (p, N) matrix of memories, i.e. the orthogonal
  projector onto the span of the memories (``W xi^mu = xi^mu`` exactly), then the diagonal
  set to zero. Every memory stays a fixed point for any ``p < N`` linearly independent
  memories (the field on a bit becomes ``(1 - P_ii) xi_i`` with ``P_ii < 1``), but it is
  not local: every weight depends on all memories.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_patterns

__all__ = ["hebbian_weights", "storkey_weights", "pseudoinverse_weights", "sequence_weights"]

_NORMALIZATIONS = (None, "none", "p", "N")


def hebbian_weights(patterns, *, normalize=None):
    """Hebbian weight matrix of the memories in ``patterns``.

    Parameters
    ----------
    patterns : array of +/-1, shape (p, N) (one memory per row) or (N,) for one memory
    normalize : None (or ``"none"``) for ``c = 1`` (the PCBS course; integer result),
        ``"p"`` for ``c = 1/p`` (the Oxford report, eq. 7), ``"N"`` for ``c = 1/N`` (Varma's blog chapter).

    Returns
    -------
    (N, N) symmetric array with zero diagonal: int64 when unnormalised, else float64.

    Examples
    --------
    >>> hebbian_weights([[1, -1, 1]])
    array([[ 0, -1,  1],
           [-1,  0, -1],
           [ 1, -1,  0]])
    """
    if not (normalize is None or (isinstance(normalize, str) and normalize in _NORMALIZATIONS)):
        raise ValueError(f"normalize: expected None, 'none', 'p' or 'N', got {normalize!r}"[:200])
    X = as_patterns(patterns)
    p, n = X.shape
    W = X.T @ X  # sum of outer products, exact integers
    np.fill_diagonal(W, 0)
    if normalize == "p":
        return W / p
    if normalize == "N":
        return W / n
    return W


def storkey_weights(patterns):
    """Storkey's learning rule (1997): ``1/N``-scaled, symmetric, zero-diagonal weights.

    Parameters
    ----------
    patterns : (p, N) array of +/-1 (one memory per row), or (N,) for one memory

    Returns
    -------
    (N, N) float64 array. For a single memory it equals ``hebbian_weights(xi, normalize="N")``.
    """
    X = as_patterns(patterns).astype(np.float64)
    p, n = X.shape
    W = np.zeros((n, n))
    for xi in X:
        _storkey_add(W, xi)
    return W


def _storkey_add(W, xi):
    """Add one memory ``xi`` (float64, +/-1) to Storkey weights ``W`` in place (shared with ``capacity``)."""
    n = xi.shape[0]
    h = W @ xi  # full local fields (W has zero diagonal, so h_i excludes k = i)
    # h_ij = sum_{k != i, j} W_ik xi_k = h_i - W_ij xi_j
    H = h[:, None] - W * xi[None, :]
    W += (np.outer(xi, xi) - xi[:, None] * H.T - H * xi[None, :]) / n
    np.fill_diagonal(W, 0.0)
    return W


def pseudoinverse_weights(patterns):
    """Pseudo-inverse (projection) rule: ``W = X^T (X X^T)^+ X`` with the diagonal set to zero.

    Parameters
    ----------
    patterns : (p, N) array of +/-1 (one memory per row), or (N,) for one memory

    Returns
    -------
    (N, N) float64 symmetric array with zero diagonal. For mutually orthogonal memories it
    equals ``hebbian_weights(patterns, normalize="N")``.
    """
    X = as_patterns(patterns).astype(np.float64)
    C = X @ X.T
    W = X.T @ np.linalg.pinv(C, hermitian=True) @ X
    W = 0.5 * (W + W.T)  # symmetric to rounding
    np.fill_diagonal(W, 0.0)
    return W


# --------------------------------------------------------------------------- sequences (asymmetric)
def sequence_weights(patterns, *, cyclic=True, normalize="N"):
    """Asymmetric weights that map memory mu to memory mu+1 (Amari 1972; Sompolinsky and Kanter 1986).

    ``W = c sum_mu xi^(mu+1) (xi^mu)^T``: started at ``xi^mu`` the field is ``xi^(mu+1)`` plus
    crosstalk, so one synchronous step moves to the next memory. ``cyclic=True`` also maps the
    last memory back to the first (a closed sequence). ``normalize``: ``"N"`` (c = 1/N, default)
    or None (c = 1). The diagonal is kept: a sequence network is not a Hopfield network and
    nothing requires W_ii = 0. Returns a float (N, N) array (int64 for c = 1).
    """
    from ._validation import as_bool

    X = as_patterns(patterns)
    if X.shape[0] < 2:
        raise ValueError(f"patterns: a sequence needs at least 2 memories, got shape {X.shape}")
    cyclic = as_bool(cyclic, "cyclic")
    if normalize not in (None, "N"):
        raise ValueError(f"normalize: expected None or 'N', got {normalize!r}")
    src = X if cyclic else X[:-1]
    dst = np.roll(X, -1, axis=0) if cyclic else X[1:]
    W = dst.T @ src
    return W / X.shape[1] if normalize == "N" else W
