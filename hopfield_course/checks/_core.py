"""The machinery behind every exercise check.

A check calls the student's function on a list of :class:`Case` objects and returns a
:class:`CheckResult` whose text is one specific message: what was called, what came
back, what was expected and a hint. It never lets an exception escape:

* ``NotImplementedError`` (the blank of an exercise notebook) -> "not done yet";
* any other exception -> the exception's type and message, without a traceback;
* a wrong value -> the first failing case with expected and returned values.

``attempt`` is a context manager for the cells of an exercise notebook that *use* a
student's function after its check: an unfinished exercise then prints a short note
instead of a traceback, and the notebook still runs to the end.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

__all__ = ["Case", "CheckResult", "run_cases", "attempt", "fmt", "arrays_equal", "not_done"]


def fmt(value, limit: int = 120) -> str:
    """A short, readable rendering of a value for feedback messages."""
    if isinstance(value, np.ndarray):
        with np.printoptions(threshold=40, edgeitems=4, precision=4, suppress=True, linewidth=1000):
            text = np.array2string(value, separator=", ")
        text = " ".join(text.split())
        if value.ndim >= 2:
            text += f" (shape {value.shape})"
    elif isinstance(value, float):
        text = f"{value:.6g}"
    else:
        text = repr(value)
        text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass
class CheckResult:
    """Outcome of a check. Truthy when passed; its text is the feedback shown in the notebook."""

    name: str
    passed: bool
    message: str
    status: str = "passed"  # "passed", "wrong", "error" or "not done"

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        import html
        colour = {"passed": "#1b7f3b", "not done": "#555555"}.get(self.status, "#b02a37")
        body = html.escape(self.message).replace("\n", "<br>")
        return f'<div style="border-left:4px solid {colour};padding:4px 8px;font-family:monospace">{body}</div>'


@dataclass
class Case:
    """One call of the student's function.

    ``args``/``kwargs`` are passed to the function (copies, so the student cannot
    modify the reference data); ``expected`` is compared with ``compare``
    (default :func:`arrays_equal`); ``hint`` is shown when this case fails;
    ``call`` describes the call in the feedback (default: built from the arguments).
    """

    args: Sequence[Any] = ()
    expected: Any = None
    hint: str = ""
    kwargs: dict = field(default_factory=dict)
    compare: Callable[[Any, Any], bool] | None = None
    call: str | None = None


def arrays_equal(got, expected) -> bool:
    """Exact comparison of arrays / numbers (shape and values)."""
    try:
        g = np.asarray(got)
        e = np.asarray(expected)
    except Exception:
        return False
    if g.dtype == object:
        return False
    return g.shape == e.shape and bool(np.all(g == e))


def allclose(rtol=1e-6, atol=1e-9):
    """A comparison for floating-point answers."""
    def compare(got, expected):
        try:
            g = np.asarray(got, dtype=float)
        except Exception:
            return False
        e = np.asarray(expected, dtype=float)
        return g.shape == e.shape and bool(np.allclose(g, e, rtol=rtol, atol=atol))
    return compare


def _copy(x):
    if isinstance(x, np.ndarray):
        return x.copy()
    if isinstance(x, (list, dict)):
        import copy
        return copy.deepcopy(x)
    return x


def _describe(fname, case: Case) -> str:
    if case.call:
        return case.call
    parts = [fmt(a, 60) for a in case.args] + [f"{k}={fmt(v, 60)}" for k, v in case.kwargs.items()]
    return f"{fname}({', '.join(parts)})"


def not_done(name: str, what: str) -> CheckResult:
    return CheckResult(name, False, f"⏳ {what}: not done yet. Fill in the blank (it still raises "
                                    f"NotImplementedError), then run this check again.", "not done")


def run_cases(name: str, func, cases: Sequence[Case], *, what: str | None = None,
              success: str | None = None) -> CheckResult:
    """Run ``func`` on ``cases``; return the feedback for the first case that fails.

    ``name`` is the check's name, ``what`` how the exercise is called in messages.
    """
    what = what or name
    if not callable(func):
        return CheckResult(name, False, f"✗ {what}: expected a function, got {fmt(func)}. "
                                        f"Pass the function itself, without calling it.", "wrong")
    fname = getattr(func, "__name__", "your function")
    for number, case in enumerate(cases, start=1):
        call = _describe(fname, case)
        try:
            got = func(*[_copy(a) for a in case.args], **{k: _copy(v) for k, v in case.kwargs.items()})
        except NotImplementedError:
            return not_done(name, what)
        except Exception as exc:  # feedback, never a traceback
            return CheckResult(name, False,
                               f"✗ {what}, case {number} of {len(cases)}: {call} raised "
                               f"{type(exc).__name__}: {exc}" + (f"\nHint: {case.hint}" if case.hint else ""),
                               "error")
        compare = case.compare or arrays_equal
        try:
            ok = bool(compare(got, case.expected))
        except Exception:  # e.g. an array where a string was expected
            ok = False
        if not ok:
            return CheckResult(name, False,
                               f"✗ {what}, case {number} of {len(cases)}: {call}\n"
                               f"  returned {fmt(got)}\n  expected {fmt(case.expected)}"
                               + (f"\nHint: {case.hint}" if case.hint else ""),
                               "wrong")
    return CheckResult(name, True, success or f"✓ {what}: all {len(cases)} cases pass.", "passed")


@contextlib.contextmanager
def attempt(what: str):
    """Run a cell that uses an exercise's function; if it is unfinished, say so and move on.

    >>> with attempt("exercise 1a"):
    ...     raise NotImplementedError
    exercise 1a is not done yet: this cell will show its result once it is.
    """
    try:
        yield
    except NotImplementedError:
        print(f"{what} is not done yet: this cell will show its result once it is.")
