"""Small 0/1 data sets for chapter 09: bars and stripes, and scikit-learn's 8x8 digits binarised.

Both are made on the spot (no download): bars and stripes is generated, and the digits
ship inside scikit-learn (``sklearn.datasets.load_digits``).
"""

from __future__ import annotations

import numpy as np

__all__ = ["bars_and_stripes", "binary_digits"]


def bars_and_stripes(n: int = 4) -> np.ndarray:
    """All ``n x n`` bars-and-stripes images as rows of 0/1 values, shape (2^(n+1) - 2, n*n).

    A *bars* image has each column all on or all off (2^n images); a *stripes* image has
    each row all on or all off (2^n images). The empty and the full image are both, so
    there are ``2^(n+1) - 2`` distinct images: 30 for ``n = 4``. A model that puts equal
    probability on each of them reaches the best possible mean log-likelihood
    ``-ln(2^(n+1) - 2)`` (``-ln 30 = -3.401`` nats for n = 4).

    Order: the bars images in binary counting order of their columns, then the stripes
    images (without the empty and the full one) in binary order of their rows.
    """
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or not 1 <= n <= 8:
        raise ValueError(f"n: expected an integer side length between 1 and 8, got {n!r}")
    n = int(n)
    codes = ((np.arange(2 ** n)[:, None] >> np.arange(n - 1, -1, -1)) & 1).astype(np.int64)
    bars = np.repeat(codes[:, None, :], n, axis=1)          # image[r, c] = code[c]
    stripes = np.repeat(codes[:, :, None], n, axis=2)       # image[r, c] = code[r]
    return np.concatenate([bars, stripes[1:-1]]).reshape(-1, n * n)


def binary_digits(threshold: int = 8, return_labels: bool = True):
    """scikit-learn's 8x8 handwritten digits (1797 images) binarised to 0/1.

    ``load_digits`` gives grey levels 0..16; a pixel is on (1) when its level is
    ``> threshold``. Returns ``(images, labels)`` with images of shape (1797, 64) int64,
    or only the images with ``return_labels=False``. Nothing is downloaded: the data
    ship with scikit-learn.
    """
    if not isinstance(threshold, (int, np.integer)) or not 0 <= threshold < 16:
        raise ValueError(f"threshold: expected an integer grey level in 0..15, got {threshold!r}")
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = (digits.data > threshold).astype(np.int64)
    return (images, digits.target.astype(np.int64)) if return_labels else images
