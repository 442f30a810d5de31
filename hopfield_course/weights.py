"""Learning rules: from memories to a weight matrix.

Hebb's rule (Hopfield 1982) stores memories ``xi^mu`` (rows of ``patterns``) as

    W_ij = c * sum_mu xi^mu_i xi^mu_j   (i != j),   W_ii = 0,

the sum of the outer products ``xi^mu (xi^mu)^T`` with the diagonal removed.
The constant ``c`` is a matter of convention: seed 001 uses ``c = 1``, seed 000
(eq. 7) uses ``c = 1/p``, seed 002 uses ``c = 1/N``. A positive constant scales
every local field by the same factor, so it never changes the sign of a field
and never changes the zero-temperature dynamics (with zero thresholds). It does
matter once thresholds or a temperature enter: the course's temperatures are
quoted for ``c = 1/N``.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_patterns

__all__ = ["hebbian_weights"]

_NORMALIZATIONS = (None, "none", "p", "N")


def hebbian_weights(patterns, normalize=None):
    """Hebbian weight matrix of the memories in ``patterns``.

    Parameters
    ----------
    patterns : array of +/-1, shape (p, N) (one memory per row) or (N,) for one memory
    normalize : None (or ``"none"``) for ``c = 1`` (seed 001; integer result),
        ``"p"`` for ``c = 1/p`` (seed 000, eq. 7), ``"N"`` for ``c = 1/N`` (seed 002).

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
    if normalize not in _NORMALIZATIONS:
        raise ValueError(f"normalize: expected None, 'p' or 'N', got {normalize!r}")
    X = as_patterns(patterns)
    p, n = X.shape
    W = X.T @ X  # sum of outer products, exact integers
    np.fill_diagonal(W, 0)
    if normalize == "p":
        return W / p
    if normalize == "N":
        return W / n
    return W
