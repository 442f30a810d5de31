"""Input checks shared by the whole package.

Every public function validates its arguments with these helpers so that bad
input fails early with a message naming the argument and what was expected.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "as_rng",
    "as_state",
    "as_states",
    "as_weights",
    "as_thresholds",
    "as_patterns",
    "as_int",
    "as_float",
    "as_choice",
    "as_bool",
]


def as_rng(rng=None) -> np.random.Generator:
    """Return a ``numpy.random.Generator`` from ``rng`` (None, an int seed or a Generator)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, (int, np.integer)):
        return np.random.default_rng(rng)
    raise TypeError(
        f"rng: expected None, an integer seed or a numpy.random.Generator, got {type(rng).__name__}"
    )


def _finite_numeric(name: str, value) -> np.ndarray:
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - exotic objects
        raise TypeError(f"{name}: expected an array of numbers ({exc})") from exc
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_
    ):
        raise TypeError(f"{name}: expected an array of numbers, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"{name}: expected real numbers, got complex dtype {arr.dtype}")
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise ValueError(f"{name}: expected finite numbers, found NaN or infinity")
    return arr


def _check_pm1(name: str, arr: np.ndarray) -> np.ndarray:
    if arr.size and not np.all((arr == 1) | (arr == -1)):
        bad = np.unique(arr[(arr != 1) & (arr != -1)])[:5]
        raise ValueError(
            f"{name}: expected values +1 or -1 only, found {bad.tolist()}"
            + (" (0/1 data? convert with 2*x - 1)" if np.all((arr == 0) | (arr == 1)) else "")
        )
    return arr.astype(np.int64)


def as_state(state, name: str = "state", n: int | None = None) -> np.ndarray:
    """A 1-D array of +/-1 as int64 (a copy), optionally of length ``n``."""
    arr = _finite_numeric(name, state)
    if arr.ndim != 1:
        raise ValueError(f"{name}: expected a 1-D array (one value per neuron), got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name}: expected at least one neuron, got an empty array")
    if n is not None and arr.shape[0] != n:
        raise ValueError(f"{name}: expected length {n} to match the weights, got length {arr.shape[0]}")
    return _check_pm1(name, arr).copy()


def as_states(states, name: str = "states", n: int | None = None) -> np.ndarray:
    """A 2-D array (k, N) of +/-1 as int64."""
    arr = _finite_numeric(name, states)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError(f"{name}: expected a 2-D array (states x neurons), got shape {arr.shape}")
    if n is not None and arr.shape[1] != n:
        raise ValueError(f"{name}: expected {n} neurons per row, got shape {arr.shape}")
    return _check_pm1(name, arr).copy()


def as_patterns(patterns, name: str = "patterns") -> np.ndarray:
    """Memories as a 2-D int64 array of shape (p, N) with values +/-1.

    A single 1-D pattern is accepted and treated as p = 1.
    """
    arr = _finite_numeric(name, patterns)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2:
        raise ValueError(
            f"{name}: expected shape (p, N): one memory per row, got shape {arr.shape}"
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name}: expected at least one memory of at least one neuron, got shape {arr.shape}")
    return _check_pm1(name, arr)


def as_weights(weights, name: str = "weights", symmetric: bool = True, zero_diagonal: bool = True,
               atol: float = 1e-12) -> np.ndarray:
    """A square, finite weight matrix; by default also symmetric with zero diagonal.

    Integer matrices keep an integer dtype (int64) so that local fields are exact;
    anything else becomes float64.
    """
    arr = _finite_numeric(name, weights)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name}: expected a square (N, N) matrix, got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise ValueError(f"{name}: expected at least one neuron, got shape {arr.shape}")
    integer = np.issubdtype(arr.dtype, np.integer) or arr.dtype == np.bool_
    arr = arr.astype(np.int64 if integer else np.float64, copy=False)
    if symmetric:
        # exact comparison for integers; for floats one |A - A^T| pass (np.allclose is ~40x slower at N = 2000)
        asym = (arr != arr.T) if integer else (np.abs(arr - arr.T) > atol)
        if asym.any():
            i, j = np.argwhere(asym)[0]
            raise ValueError(
                f"{name}: expected a symmetric matrix, but {name}[{i}, {j}] = {arr[i, j]} "
                f"differs from {name}[{j}, {i}] = {arr[j, i]}"
            )
    if zero_diagonal and np.any(np.abs(np.diag(arr)) > atol):
        i = int(np.flatnonzero(np.abs(np.diag(arr)) > atol)[0])
        raise ValueError(
            f"{name}: expected a zero diagonal (no self-connections), but {name}[{i}, {i}] = {arr[i, i]}"
        )
    return arr


def as_thresholds(thresholds, n: int, name: str = "thresholds") -> np.ndarray:
    """Thresholds as a length-``n`` float64 array (None means all zero; a scalar is broadcast)."""
    if thresholds is None:
        return np.zeros(n)
    arr = _finite_numeric(name, thresholds).astype(np.float64)
    if arr.ndim == 0:
        return np.full(n, float(arr))
    if arr.shape != (n,):
        raise ValueError(f"{name}: expected a scalar or shape ({n},), got shape {arr.shape}")
    return arr


# --------------------------------------------------------------------------- scalars
# Every scalar option of every public function goes through one of these, so that a string, a
# NaN, a bool, a negative or out-of-range value is refused with the argument's name.

def _describe(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_int(value, name: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """An integer (bools refused) within ``[minimum, maximum]``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
            value = int(value)
        else:
            raise TypeError(f"{name}: expected an integer, got {type(value).__name__} {_describe(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name}: expected an integer >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name}: expected an integer <= {maximum}, got {value}")
    return value


def as_float(value, name: str, *, minimum: float | None = None, maximum: float | None = None,
             positive: bool = False, allow_inf: bool = False) -> float:
    """A finite real number (bools, strings and complex refused), optionally > 0 or within bounds."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name}: expected a real number, got {type(value).__name__} {_describe(value)}")
    value = float(value)
    if np.isnan(value) or (np.isinf(value) and not allow_inf):
        raise ValueError(f"{name}: expected a finite number, got {value}")
    if positive and not value > 0:
        raise ValueError(f"{name}: expected a number > 0, got {value}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name}: expected a number >= {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name}: expected a number <= {maximum}, got {value}")
    return value


def as_choice(value, name: str, choices) -> str:
    """One of a fixed set of strings."""
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name}: expected one of {', '.join(map(repr, choices))}, got {_describe(value)}")
    return value


def as_bool(value, name: str) -> bool:
    """True or False (not 0/1, not a string)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}: expected True or False, got {type(value).__name__} {_describe(value)}")
    return bool(value)
