"""Binary images as network states.

An image is a 2-D array of +/-1 (+1 = on, drawn black); the network sees it as a
state vector read row by row (C order), so a 5x5 image is a state of 25 neurons.
"""

from __future__ import annotations

import numpy as np

from ._validation import _check_pm1, _finite_numeric, as_float, as_int, as_rng, as_state, as_states

__all__ = [
    "image_from_string",
    "state_from_image",
    "image_from_state",
    "all_states",
    "flip",
    "corrupt",
    "overlap",
    "hamming",
    "classify_state",
]

MAX_ENUMERATED_NEURONS = 26

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
    """Reshape a state vector into an image; ``shape`` (rows, cols) defaults to a square."""
    s = as_state(state)
    n = s.size
    if shape is None:
        shape = square_shape(n)
    if isinstance(shape, (str, bytes)) or not hasattr(shape, "__len__") or len(shape) != 2:
        raise ValueError(f"shape: expected (rows, cols) with rows*cols = {n}, got {shape!r}")
    shape = (as_int(shape[0], "shape[0]", minimum=1), as_int(shape[1], "shape[1]", minimum=1))
    if shape[0] * shape[1] != n:
        raise ValueError(f"shape: expected (rows, cols) with rows*cols = {n}, got {shape}")
    return s.reshape(shape)


def flip(state, k, *, rng=None):
    """A copy of ``state`` with exactly ``k`` distinct neurons (chosen at random from ``rng``) flipped."""
    s = as_state(state)
    k = as_int(k, "k", minimum=0, maximum=s.size)
    idx = as_rng(rng).choice(s.size, size=k, replace=False)
    s[idx] *= -1
    return s


def corrupt(state, *, fraction=None, k=None, rng=None):
    """Flip exactly ``k`` neurons, or ``round(fraction * N)`` of them (give one of the two)."""
    s = as_state(state)
    if (fraction is None) == (k is None):
        raise ValueError(f"fraction, k: give exactly one of fraction= or k=, got fraction={fraction!r}, k={k!r}")
    if fraction is not None:
        fraction = as_float(fraction, "fraction", minimum=0.0, maximum=1.0)
        k = int(round(fraction * s.size))
    return flip(s, k, rng=rng)


def overlap(a, b):
    """Overlap ``m = a . b / N`` between states (1 for equal, -1 for negated, ~0 for unrelated).

    Either argument may be 2-D (rows of states); the result then has one entry per row.
    """
    A = as_states(a, "a")
    B = as_states(b, "b", n=A.shape[1])
    m = (A @ B.T) / A.shape[1]
    if np.ndim(a) == 1 and np.ndim(b) == 1:
        return float(m[0, 0])
    if np.ndim(a) == 1:
        return m[0]
    if np.ndim(b) == 1:
        return m[:, 0]
    return m


def hamming(a, b):
    """Number of neurons in which two states differ (rows broadcast as in :func:`overlap`)."""
    A = as_states(a, "a")
    B = as_states(b, "b", n=A.shape[1])
    d = (A[:, None, :] != B[None, :, :]).sum(axis=2)
    if np.ndim(a) == 1 and np.ndim(b) == 1:
        return int(d[0, 0])
    if np.ndim(a) == 1:
        return d[0]
    if np.ndim(b) == 1:
        return d[:, 0]
    return d


def classify_state(state, memories):
    """Name the memory a state equals: ``'name'``, ``'-name'`` for its negation, or ``'spurious'``.

    ``memories`` is a dict name -> image (or state); images are compared pixel by pixel after
    flattening, so a state vector and a 2-D image of the same memory are recognised alike.
    """
    if not isinstance(memories, dict) or not memories:
        raise TypeError(f"memories: expected a non-empty dict name -> image, got {type(memories).__name__}")
    s = as_state(np.asarray(state).ravel())
    for name, image in memories.items():
        m = np.asarray(image).ravel()
        if m.shape != s.shape:
            raise ValueError(f"memories[{name!r}]: expected {s.size} pixels to match the state, got {m.size}")
        if np.array_equal(s, m):
            return name
        if np.array_equal(s, -m):
            return "-" + name
    return "spurious"


def all_states(n_neurons, *, values=(-1, 1)):
    """All ``2^n_neurons`` states as rows, in binary counting order (the first neuron is the high bit).

    ``values`` gives the value of a 0 bit and of a 1 bit: ``(-1, 1)`` for the +/-1 neurons of the
    Hopfield network (int64), ``(0, 1)`` for the 0/1 units of a Boltzmann machine (float64).
    The one state enumerator of the package; at most 2^26 rows.
    """
    n = as_int(n_neurons, "n_neurons", minimum=0, maximum=MAX_ENUMERATED_NEURONS)
    values = tuple(values) if isinstance(values, (tuple, list)) else values
    if values not in ((-1, 1), (0, 1)):
        raise ValueError(f"values: expected (-1, 1) or (0, 1), got {values!r}")
    bits = (np.arange(2 ** n, dtype=np.int64)[:, None] >> np.arange(n - 1, -1, -1, dtype=np.int64)[None, :]) & 1
    if values == (0, 1):
        return bits.astype(np.float64)
    return (2 * bits - 1).astype(np.int64)


def square_shape(n_pixels):
    """The shape ``(side, side)`` of a square image of ``n_pixels`` pixels.

    The one "infer a square image shape" helper of the package. Raises ValueError naming
    ``shape`` when ``n_pixels`` is not a perfect square (the caller should then ask for an
    explicit ``shape=(rows, cols)``).
    """
    n = as_int(n_pixels, "n_pixels", minimum=1)
    side = int(round(np.sqrt(n)))
    if side * side != n:
        raise ValueError(f"shape: {n} pixels do not form a square image; pass shape=(rows, cols)")
    return side, side
