"""Memories and their corruption: the course's image sets, random patterns, noise, distances.

* ``seed001_memories(4)`` / ``seed001_memories(5)``: the memory sets of exercises 4 and 5
  of the seed 001 course (5x5 letters), and ``seed001_initial_states()``: the eight
  initial states of exercise 4. The images ship with the package
  (``hopfield_course/data/seed_course_patterns.json``).
* ``seed000_shapes()``: the 'cross', 'X' and 'square' memories of seed 000 (figures 1-2),
  drawn for this course on a 5x5 grid.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy as np

from ._validation import as_rng
from .states import image_from_string

__all__ = [
    "seed001_memories",
    "seed001_initial_states",
    "seed000_shapes",
    "memory_set",
    "MEMORY_SETS",
    "random_patterns",
    "flip",
    "corrupt",
    "overlap",
    "hamming",
    "classify_state",
]


@lru_cache(maxsize=1)
def _course_data():
    with resources.files("hopfield_course").joinpath("data/seed_course_patterns.json").open() as f:
        return json.load(f)


def _img(rows):
    return image_from_string("\n".join(rows))


def seed001_memories(exercise=4):
    """The memories of seed 001's exercise 4 (L, P, S, X) or 5 (L, P, S, X, U, I, J) as 5x5 images."""
    if exercise not in (4, 5):
        raise ValueError(f"exercise: expected 4 or 5, got {exercise!r}")
    data = _course_data()[f"exercise_{exercise}"]["memories"]
    return {name: _img(rows) for name, rows in data.items()}


def seed001_initial_states():
    """The eight initial states of seed 001's exercise 4, as 5x5 images (name -> image)."""
    data = _course_data()["exercise_4"]["initial_states"]
    return {name: _img(rows) for name, rows in data.items()}


def seed000_shapes():
    """Seed 000's three memories on a 5x5 grid: a 'cross' (plus sign), an 'X' and a 'square' (outline)."""
    return {
        "cross": image_from_string("..1.. ..1.. 11111 ..1.. ..1.."),
        "X": image_from_string("1...1 .1.1. ..1.. .1.1. 1...1"),
        "square": image_from_string("11111 1...1 1...1 1...1 11111"),
    }


MEMORY_SETS = ("letters LPSX", "letters LPSXUIJ", "cross X square", "cross")


def memory_set(name):
    """Named memory sets for demos: returns ``(labels, patterns, shape)``.

    ``name`` is one of :data:`MEMORY_SETS`: ``"letters LPSX"`` (seed 001, exercise 4),
    ``"letters LPSXUIJ"`` (exercise 5), ``"cross X square"`` (seed 000, figure 2) or
    ``"cross"`` (seed 000, figure 1). ``patterns`` has shape (p, 25).
    """
    if name == "letters LPSX":
        images = seed001_memories(4)
    elif name == "letters LPSXUIJ":
        images = seed001_memories(5)
    elif name == "cross X square":
        images = seed000_shapes()
    elif name == "cross":
        images = {"cross": seed000_shapes()["cross"]}
    else:
        raise ValueError(f"name: expected one of {MEMORY_SETS}, got {name!r}")
    labels = list(images)
    patterns = np.array([images[k].ravel() for k in labels])
    return labels, patterns, (5, 5)


def random_patterns(p, n, rng=None):
    """``p`` random memories of ``n`` neurons, each entry +/-1 with probability 1/2. Shape (p, n)."""
    for name, v in (("p", p), ("n", n)):
        if not isinstance(v, (int, np.integer)) or v < 1:
            raise ValueError(f"{name}: expected a positive integer, got {v!r}")
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
