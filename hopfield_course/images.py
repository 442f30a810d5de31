"""Binary images as network states.

An image is a 2-D array of +/-1 (+1 = on, drawn black); the network sees it as a
state vector read row by row (C order), so a 5x5 image is a state of 25 neurons.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_state, _finite_numeric, _check_pm1

__all__ = ["image_from_string", "state_from_image", "image_from_state"]

_ON = set("1#Xx*")
_OFF = set(".0-_")


def image_from_string(text):
    """Parse rows written with ``1`` for on and ``.`` (or ``0``, ``-``) for off.

    Rows are separated by newlines or any whitespace; blank lines and surrounding
    whitespace are ignored. Every row must have the same length.

    >>> image_from_string('''
    ... 1.1
    ... .1.
    ... ''')
    array([[ 1, -1,  1],
           [-1,  1, -1]])
    """
    if not isinstance(text, str):
        raise TypeError(f"text: expected a string of rows such as '11111 1....', got {type(text).__name__}")
    rows = text.split()
    if not rows:
        raise ValueError("text: expected at least one row of '1' and '.' characters, got an empty string")
    lengths = {len(r) for r in rows}
    if len(lengths) != 1:
        raise ValueError(f"text: every row must have the same length, got row lengths {[len(r) for r in rows]}")
    image = np.empty((len(rows), len(rows[0])), dtype=np.int64)
    for r, row in enumerate(rows):
        for c, ch in enumerate(row):
            if ch in _ON:
                image[r, c] = 1
            elif ch in _OFF:
                image[r, c] = -1
            else:
                raise ValueError(
                    f"text: unexpected character {ch!r} in row {r} ('{row}'); use '1' for on and '.', '0' or '-' for off"
                )
    return image


def state_from_image(image):
    """Flatten a 2-D image of +/-1 row by row into a state vector."""
    arr = _finite_numeric("image", image)
    if arr.ndim != 2:
        raise ValueError(f"image: expected a 2-D array, got shape {arr.shape}")
    return _check_pm1("image", arr).ravel().copy()


def image_from_state(state, shape=None):
    """Reshape a state vector into an image; ``shape`` defaults to a square.

    Raises ValueError when no square fits and no ``shape`` is given.
    """
    s = as_state(state)
    n = s.size
    if shape is None:
        side = int(round(np.sqrt(n)))
        if side * side != n:
            raise ValueError(f"shape: a state of {n} neurons is not a square image; pass shape=(rows, cols)")
        shape = (side, side)
    shape = tuple(int(x) for x in shape)
    if len(shape) != 2 or shape[0] * shape[1] != n:
        raise ValueError(f"shape: expected (rows, cols) with rows*cols = {n}, got {shape}")
    return s.reshape(shape)
