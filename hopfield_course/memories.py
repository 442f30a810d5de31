"""Memories: the course's image sets (named by their content), random patterns and data sets.

* ``letters("LPSX")`` / ``letters("LPSXUIJ")``: the 5x5 letter memories of exercises 4 and 5 of
  the PCBS course ("Hopfield Networks", chapter 19 of "Programming for Cognitive and Brain
  Sciences"), and ``letter_test_states()``: the eight initial states of its exercise 4. The images
  ship with the package (``hopfield_course/data/letters_and_test_states.json``).
* ``cross_x_square()``: the 'cross', 'X' and 'square' memories of the Oxford report
  (Nartallo-Kaluarachchi, "An introduction to memory and optimisation with Hopfield networks",
  figures 1-2), drawn for this course on a 5x5 grid.
* ``random_patterns(n_memories, n_neurons, rng=...)``: unbiased random +/-1 memories.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from ._validation import as_choice, as_int, as_rng
from .states import image_from_string

__all__ = [
    "letters",
    "LETTER_SETS",
    "letter_test_states",
    "cross_x_square",
    "memory_set",
    "MEMORY_SETS",
    "MemorySet",
    "random_patterns",
    "bars_and_stripes",
    "binary_digits",
]


@lru_cache(maxsize=1)
def _course_data():
    with resources.files("hopfield_course").joinpath("data/letters_and_test_states.json").open() as f:
        return json.load(f)


def _img(rows):
    return image_from_string("\n".join(rows))


#: the two letter sets of the PCBS course: exercise 4 and exercise 5
LETTER_SETS = ("LPSX", "LPSXUIJ")


def letters(which="LPSX"):
    """The 5x5 letter memories of the PCBS course as images (name -> image, +/-1).

    ``which`` is ``"LPSX"`` (the four letters of its exercise 4) or ``"LPSXUIJ"`` (the seven
    letters of its exercise 5).
    """
    which = as_choice(which, "which", LETTER_SETS)
    exercise = 4 if which == "LPSX" else 5
    data = _course_data()[f"exercise_{exercise}"]["memories"]
    images = {name: _img(rows) for name, rows in data.items()}
    return images


def letter_test_states():
    """The eight initial states of exercise 4 of the PCBS course, as 5x5 images (name -> image)."""
    data = _course_data()["exercise_4"]["initial_states"]
    return {name: _img(rows) for name, rows in data.items()}


def cross_x_square():
    """The Oxford report's three memories on a 5x5 grid: a 'cross' (plus sign), an 'X' and a 'square' (outline)."""
    return {
        "cross": image_from_string("..1.. ..1.. 11111 ..1.. ..1.."),
        "X": image_from_string("1...1 .1.1. ..1.. .1.1. 1...1"),
        "square": image_from_string("11111 1...1 1...1 1...1 11111"),
    }


#: the memory sets of the demos, named by their content
MEMORY_SETS = ("letters LPSX", "letters LPSXUIJ", "cross X square", "cross")


@dataclass(frozen=True)
class MemorySet:
    """A named memory set (:func:`memory_set`): ``labels``, ``patterns`` (p, N) and the image ``shape``."""

    labels: tuple
    patterns: np.ndarray
    shape: tuple

    def __iter__(self):  # ``labels, patterns, shape = memory_set(name)`` keeps working
        return iter((list(self.labels), self.patterns, self.shape))


def memory_set(name):
    """A memory set by its content, for demos: a :class:`MemorySet` (labels, patterns, shape).

    ``name`` is one of :data:`MEMORY_SETS`: ``"letters LPSX"`` and ``"letters LPSXUIJ"`` (the PCBS
    course, exercises 4 and 5), ``"cross X square"`` (the Oxford report, figure 2) or ``"cross"``
    (its figure 1). ``patterns`` has shape (p, 25).
    """
    name = as_choice(name, "name", MEMORY_SETS)
    if name.startswith("letters "):
        images = letters(name.split()[1])
    elif name == "cross X square":
        images = cross_x_square()
    else:
        images = {"cross": cross_x_square()["cross"]}
    labels = tuple(images)
    patterns = np.array([images[k].ravel() for k in labels])
    return MemorySet(labels=labels, patterns=patterns, shape=(5, 5))


def random_patterns(n_memories, n_neurons, *, rng=None):
    """``n_memories`` random memories of ``n_neurons`` neurons, each entry +/-1 with probability 1/2.

    Returns an int64 array of shape (n_memories, n_neurons) (at most 10^9 entries).
    """
    p = as_int(n_memories, "n_memories", minimum=1)
    n = as_int(n_neurons, "n_neurons", minimum=1)
    if p * n > 10**9:
        raise ValueError(f"n_memories, n_neurons: expected at most 10^9 entries, got {p} x {n}")
    return as_rng(rng).choice(np.array([-1, 1], dtype=np.int64), size=(p, n))


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


def binary_digits(threshold: int = 8, return_labels: bool = True, *, values=(0, 1)):
    """scikit-learn's 8x8 handwritten digits (1797 images) binarised to 0/1 (or +/-1).

    ``load_digits`` gives grey levels 0..16; a pixel is on when its level is
    ``> threshold``. ``values`` gives the off and on values: ``(0, 1)`` for the units of a
    Boltzmann machine, ``(-1, 1)`` for the neurons of a Hopfield network. Returns
    ``(images, labels)`` with images of shape (1797, 64) int64, or only the images with
    ``return_labels=False``. Nothing is downloaded: the data ship with scikit-learn.
    """
    if not isinstance(threshold, (int, np.integer)) or not 0 <= threshold < 16:
        raise ValueError(f"threshold: expected an integer grey level in 0..15, got {threshold!r}")
    values = tuple(values) if isinstance(values, (tuple, list)) else values
    if values not in ((0, 1), (-1, 1)):
        raise ValueError(f"values: expected (0, 1) or (-1, 1), got {values!r}")
    from sklearn.datasets import load_digits

    digits = load_digits()
    images = (digits.data > threshold).astype(np.int64)
    if values == (-1, 1):
        images = 2 * images - 1
    return (images, digits.target.astype(np.int64)) if return_labels else images
