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

from ._validation import as_rng, as_state, as_states
from .images import image_from_string

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


def flip(state, k, rng=None):
    """A copy of ``state`` with exactly ``k`` distinct neurons (chosen at random) flipped."""
    s = as_state(state)
    if not isinstance(k, (int, np.integer)) or not 0 <= k <= s.size:
        raise ValueError(f"k: expected an integer between 0 and {s.size}, got {k!r}")
    idx = as_rng(rng).choice(s.size, size=int(k), replace=False)
    s[idx] *= -1
    return s


def corrupt(state, fraction=None, k=None, rng=None):
    """Flip exactly ``k`` neurons, or ``round(fraction * N)`` of them (give one of the two)."""
    s = as_state(state)
    if (fraction is None) == (k is None):
        raise ValueError("corrupt: give exactly one of fraction= or k=")
    if fraction is not None:
        if not np.isscalar(fraction) or not 0 <= fraction <= 1:
            raise ValueError(f"fraction: expected a number between 0 and 1, got {fraction!r}")
        k = int(round(fraction * s.size))
    return flip(s, k, rng)


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
        raise TypeError("memories: expected a non-empty dict name -> image")
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
