"""The machinery behind every exercise check.

A check calls the student's function on a list of :class:`Case` objects and returns a
:class:`CheckResult` whose text is one specific message: what was called, what came
back, what was expected and a hint. The order of the tests inside one case teaches:

1. the call itself: it must return within :data:`TIME_LIMIT` seconds (a loop that never
   stops gets "did not return within N s"); every exception, ``SystemExit`` and
   ``KeyboardInterrupt`` included, becomes feedback; ``NotImplementedError`` (the blank of
   an exercise notebook) becomes "not done yet";
2. the arguments: a function that changed an input array in place is told so (the next
   cells of the notebook reuse their arrays);
3. type and shape before value: ``None`` ("did you forget `return`?"), strings, complex
   numbers, wrong dtypes, arrays where a float is expected, lists where the next cells need
   an array, tuples of the wrong length (and which part of a tuple is wrong);
4. the value, with the hint of the case; when the answer equals the output of a known
   mistake (``Case.mistakes``), the hint of that mistake is shown instead;
5. when a case fails and the student's function calls one of their own earlier functions
   (``needs=`` of :func:`run_cases`), that earlier function is checked too, and a failure
   there is named: "fix Exercise 1.1 first".

Cases are ordered from the most isolating (one term, one neuron, a tie) to the full case,
so that each typical mistake meets the case whose hint names it.

``attempt`` is a context manager for the cells of an exercise notebook that *use* a
student's function after its check: an unfinished or broken exercise then prints one short
note naming the exercise to revisit (and closes any half-drawn figure) instead of a
traceback, and Run All reaches the end of the notebook.
"""

from __future__ import annotations

import contextlib
import copy
import inspect
import numbers
import signal
import sys
import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

__all__ = ["Case", "CheckResult", "Outcome", "run_cases", "attempt", "fmt", "describe", "arrays_equal",
           "allclose", "not_done", "call_student", "TIME_LIMIT", "slow_note", "float32_validate"]

#: Seconds one call of a student's function may take before the check gives up on it.
TIME_LIMIT = 10.0
#: Characters of an exception message that a feedback shows.
EXCEPTION_LIMIT = 300
#: Characters of a whole feedback message.
MESSAGE_LIMIT = 2000


# --------------------------------------------------------------------------- rendering
def _clip(text: str, limit: int) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: max(limit - 3, 0)] + "..."


def fmt(value, limit: int = 160) -> str:
    """A short, readable rendering of a value for feedback messages (never raises)."""
    try:
        if isinstance(value, np.ndarray):
            with np.printoptions(threshold=40, edgeitems=4, precision=4, suppress=True, linewidth=1000):
                text = np.array2string(value, separator=", ")
            text = " ".join(text.split())
            if value.ndim >= 2:
                text += f" (shape {value.shape})"
        elif isinstance(value, (bool, np.bool_)):
            text = repr(bool(value))
        elif isinstance(value, np.integer):
            text = str(int(value))
        elif isinstance(value, (float, np.floating)) and not isinstance(value, bool):
            text = f"{float(value):.6g}"
            if text.lstrip("-").isdigit():
                text += ".0"
        elif isinstance(value, list) and all(isinstance(v, (numbers.Number, np.generic, str)) for v in value):
            text = "[" + ", ".join(fmt(v, 30) for v in value[:12]) + (", ..." if len(value) > 12 else "") + "]"
        elif isinstance(value, tuple) and value:
            share = max(limit // len(value) - 2, 20)
            text = "(" + ", ".join(fmt(v, share) for v in value) + ("," if len(value) == 1 else "") + ")"
        else:
            text = " ".join(repr(value).split())
    except BaseException as exc:  # a repr that raises must not break the feedback
        text = f"<{type(value).__name__} object whose repr raised {type(exc).__name__}>"
    return _clip(text, limit)


def describe(value) -> str:
    """What kind of object ``value`` is, in words: "an array of shape (1,)", "the string '-2.0'"..."""
    try:
        if value is None:
            return "None"
        if isinstance(value, (bool, np.bool_)):
            return f"a bool ({bool(value)})"
        if isinstance(value, str):
            return f"the string {fmt(value, 40)}"
        if isinstance(value, (complex, np.complexfloating)):
            return f"the complex number {fmt(value, 40)}"
        if isinstance(value, (numbers.Integral, np.integer)):
            return f"an integer ({fmt(value, 40)})"
        if isinstance(value, (numbers.Real, np.floating)):
            return f"a float ({fmt(value, 40)})"
        if isinstance(value, np.ndarray):
            if value.ndim == 0:
                return f"a 0-d array of dtype {value.dtype}"
            return f"an array of shape {value.shape} and dtype {value.dtype}"
        if isinstance(value, (list, tuple)):
            return f"a {type(value).__name__} of length {len(value)}"
        if isinstance(value, dict):
            return f"a dict with {len(value)} keys"
        if callable(value):
            return f"a function ({getattr(value, '__name__', type(value).__name__)})"
        return f"an object of type {type(value).__name__}"
    except BaseException:
        return "an object"


@dataclass
class CheckResult:
    """Outcome of a check. Truthy when passed; its text is the feedback shown in the notebook."""

    name: str
    passed: bool
    message: str
    status: str = "passed"  # "passed", "wrong", "error" or "not done"

    def __post_init__(self):
        self.message = _clip(self.message, MESSAGE_LIMIT)

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        import html
        colour = {"passed": "#1b7f3b", "not done": "#555555"}.get(self.status, "#b02a37")
        body = html.escape(self.message).replace("\n", "<br>")
        return f'<div style="border-left:4px solid {colour};padding:4px 8px;font-family:monospace">{body}</div>'


# --------------------------------------------------------------------------- calling student code
class _TimeUp(BaseException):
    """Raised inside the student's function when its time limit is over."""


@dataclass
class Outcome:
    """What one call of a student's function did: ``status`` is "ok", "not done", "timeout" or "error"."""

    status: str
    value: Any = None
    error: BaseException | None = None
    seconds: float = 0.0

    def explain(self, limit: float) -> str:
        """The one-line description of a failed call."""
        if self.status == "timeout":
            return (f"did not return within {limit:g} s: does your loop stop? (A `while` loop needs a condition "
                    "that becomes false, or a maximum number of iterations; if it is only slow, replace the inner "
                    "Python loops by NumPy operations.)")
        exc = self.error
        if isinstance(exc, SystemExit):
            return "called exit() or sys.exit() (SystemExit): return a value instead of stopping Python."
        if isinstance(exc, KeyboardInterrupt):
            return "was interrupted (KeyboardInterrupt) before it returned: does your loop stop?"
        try:
            text = str(exc)
        except BaseException:
            text = "(its message could not be shown)"
        return f"raised {type(exc).__name__}: {_clip(' '.join(text.split()), EXCEPTION_LIMIT)}"


def _can_use_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def call_student(func, args=(), kwargs=None, *, limit: float | None = None) -> Outcome:
    """Call ``func(*args, **kwargs)`` with a time limit; never raises.

    In the main thread (a Jupyter cell, a test) the limit is a ``SIGALRM`` timer that is
    always cancelled afterwards; elsewhere the call runs in a daemon thread.
    """
    import time
    kwargs = kwargs or {}
    limit = TIME_LIMIT if limit is None else limit
    start = time.perf_counter()
    if _can_use_alarm():
        def _alarm(signum, frame):
            raise _TimeUp()

        try:
            previous = signal.signal(signal.SIGALRM, _alarm)
        except (ValueError, OSError):  # pragma: no cover - no signals here after all
            previous = None
        try:
            try:
                if previous is not None:
                    signal.setitimer(signal.ITIMER_REAL, limit)
                value = func(*args, **kwargs)
            finally:
                if previous is not None:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, previous)
        except _TimeUp:
            return Outcome("timeout", seconds=time.perf_counter() - start)
        except NotImplementedError as exc:
            return Outcome("not done", error=exc)
        except BaseException as exc:  # SystemExit, KeyboardInterrupt and everything else: feedback
            return Outcome("error", error=exc, seconds=time.perf_counter() - start)
        return Outcome("ok", value, seconds=time.perf_counter() - start)

    box: dict = {}

    def _target():
        try:
            box["value"] = func(*args, **kwargs)
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=_target, daemon=True)
    worker.start()
    worker.join(limit)
    seconds = time.perf_counter() - start
    if worker.is_alive():
        return Outcome("timeout", seconds=seconds)
    if "error" in box:
        if isinstance(box["error"], NotImplementedError):
            return Outcome("not done", error=box["error"])
        return Outcome("error", error=box["error"], seconds=seconds)
    return Outcome("ok", box.get("value"), seconds=seconds)


def _copy(x):
    try:
        if isinstance(x, np.ndarray):
            return x.copy()
        if isinstance(x, (list, dict, tuple)):
            return copy.deepcopy(x)
    except Exception:  # pragma: no cover
        pass
    return x


def _same(a, b) -> bool:
    """True when ``b`` still equals ``a`` (used to detect arguments changed in place)."""
    try:
        if isinstance(a, np.ndarray):
            return isinstance(b, np.ndarray) and a.shape == b.shape and bool(
                np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        if isinstance(a, dict):
            return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
        if isinstance(a, (list, tuple)):
            return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    except Exception:
        return False
    return True


def _parameter_names(func) -> list[str]:
    try:
        return [p.name for p in inspect.signature(func).parameters.values()]
    except (TypeError, ValueError):
        return []


# --------------------------------------------------------------------------- comparisons
def arrays_equal(got, expected) -> bool:
    """Exact comparison of arrays / numbers (shape and values)."""
    try:
        g = np.asarray(got)
        e = np.asarray(expected)
    except Exception:
        return False
    if g.dtype == object or g.dtype.kind in "USc":
        return False
    return g.shape == e.shape and bool(np.all(g == e))


def allclose(rtol=1e-6, atol=1e-9):
    """A comparison for floating-point answers (real numbers only)."""
    def compare(got, expected):
        try:
            g = np.asarray(got)
            if g.dtype.kind not in "biuf":
                return False
            g = g.astype(float)
        except Exception:
            return False
        e = np.asarray(expected, dtype=float)
        return g.shape == e.shape and bool(np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=False))
    compare.tolerance = (rtol, atol)
    return compare


def _real_scalar(x) -> bool:
    if isinstance(x, (bool, np.bool_, str, complex, np.complexfloating)):
        return False
    if isinstance(x, (numbers.Real, np.integer, np.floating)):
        return True
    return isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "iuf"


def _as_numeric_array(got, *, need_array: bool, what: str) -> tuple[np.ndarray | None, str | None]:
    """``got`` as an array, or a message saying why it is not an acceptable array."""
    if isinstance(got, np.ndarray):
        arr = got
    elif isinstance(got, (list, tuple)):
        if need_array:
            return None, (f"expected a NumPy array, got {describe(got)}. The next cells use array operations "
                          "(slicing, .size, arithmetic), which lists do not have: return np.array(...).")
        try:
            arr = np.asarray(got)
        except Exception:
            return None, f"expected {what}, got a ragged {type(got).__name__} (rows of different lengths)."
    else:
        return None, f"expected {what}, got {describe(got)}."
    kind = arr.dtype.kind
    if kind == "c":
        return None, f"expected real numbers, got an array of complex numbers (dtype {arr.dtype})."
    if kind in "USO":
        sample = arr.ravel()[:1].tolist()
        return None, (f"expected numbers, got an array of dtype {arr.dtype} (for example {fmt(sample, 40)}): "
                      "strings and Python objects are not numbers.")
    if kind not in "biuf":
        return None, f"expected numbers, got an array of dtype {arr.dtype}."
    return arr, None


def _shape_problem(got, expected, case: "Case") -> str | None:
    """The type/shape message for ``got`` against ``expected``, or None when they match in kind."""
    kind = case.kind
    if kind is None:
        if isinstance(expected, (bool, np.bool_)):
            kind = "bool"
        elif isinstance(expected, str):
            kind = "str"
        elif expected is None:
            kind = "none"
        elif isinstance(expected, tuple):
            kind = "tuple"
        elif isinstance(expected, list):
            kind = "list"
        elif isinstance(expected, np.ndarray):
            kind = "array"
        elif _real_scalar(expected):
            kind = "number"
        else:
            return None
    if kind == "any":
        return None
    if got is None and kind != "none" and not case.allow_none:
        return "your function returned None: did you forget `return`?"
    if kind == "none":
        return None if got is None else f"expected None, got {describe(got)}."
    if kind == "bool":
        if isinstance(got, (bool, np.bool_)):
            return None
        if isinstance(got, np.ndarray):
            return (f"expected True or False (a bool), got {describe(got)}: "
                    "reduce the comparison to one answer with np.array_equal(a, b) or (a == b).all().")
        return f"expected True or False (a bool), got {describe(got)}."
    if kind == "str":
        return None if isinstance(got, str) else f"expected a string, got {describe(got)}."
    if kind == "number":
        if _real_scalar(got):
            return None
        if isinstance(got, np.ndarray) and got.size == 1 and got.dtype.kind in "iuf":
            return (f"expected a float, got {describe(got)}: "
                    "return a number, e.g. float(...) of your result.")
        return f"expected a real number (a float), got {describe(got)}."
    if kind == "list":
        if isinstance(got, list):
            return None
        return f"expected a Python list, got {describe(got)}: return list(...) of your result."
    if kind == "tuple":
        n = len(expected)
        if not isinstance(got, (tuple, list)):
            return f"expected a tuple of {n} values{case.parts_text()}, got {describe(got)}."
        if len(got) != n:
            return f"expected a tuple of {n} values{case.parts_text()}, got {describe(got)}."
        for k, (g, e) in enumerate(zip(got, expected)):
            sub = Case(expected=e, kind=(case.part_kinds[k] if case.part_kinds else None),
                       need_array=case.need_array, integer=case.integer if k == 0 else False)
            problem = _shape_problem(g, e, sub)
            if problem:
                return f"part {k + 1} of the tuple{case.part_name(k)}: {problem}"
        return None
    if kind == "array":
        e = np.asarray(expected)
        what = f"an array of shape {e.shape}" if e.ndim else "a number"
        if e.ndim == 0:
            return _shape_problem(got, expected, Case(expected=float(e), kind="number"))
        arr, problem = _as_numeric_array(got, need_array=case.need_array, what=what)
        if problem:
            return problem
        if arr.dtype.kind == "b" and e.dtype.kind != "b":
            return "expected numbers, got an array of booleans (dtype bool): convert with np.where(...) or .astype(int)."
        if case.integer and arr.dtype.kind not in "iu":
            return f"expected integers (city or neuron indices), got an array of dtype {arr.dtype}: use .astype(int)."
        if arr.shape != e.shape:
            return f"expected an array of shape {e.shape}, got shape {arr.shape}."
        if case.values is not None:
            bad = sorted(set(np.unique(arr).tolist()) - set(case.values))
            if bad:
                return (f"the values must be {' or '.join(fmt(v) for v in case.values)}; "
                        f"your result contains {fmt(bad[:5], 60)}.")
        return None
    return None


# --------------------------------------------------------------------------- cases
@dataclass
class Case:
    """One call of the student's function.

    ``args``/``kwargs`` are passed to the function (copies: a change made in place is
    detected and explained); ``expected`` is compared with ``compare`` (default: exact for
    integers, close for floats) after the type and shape tests; ``hint`` is shown when this
    case fails; ``call`` describes the call in the feedback (default: built from the
    arguments). ``mistakes`` lists ``(wrong_value, hint)`` pairs: an answer equal to a known
    mistake's output gets that mistake's hint. ``kind`` overrides the kind inferred from
    ``expected`` ("number", "array", "bool", "str", "tuple", "list", "none", "any");
    ``need_array`` rejects lists where the next cells need arrays; ``integer`` requires an
    integer dtype; ``values`` the allowed values (e.g. (-1, 1)); ``parts`` names the parts of
    a tuple; ``validate`` is an extra ``f(got) -> message | None`` run before the value test
    (it may also return ``(message, hint)``: that hint then replaces the hint of the case).
    """

    args: Sequence[Any] = ()
    expected: Any = None
    hint: str = ""
    kwargs: dict = field(default_factory=dict)
    compare: Callable[[Any, Any], bool] | None = None
    call: str | None = None
    mistakes: Sequence[tuple[Any, str]] = ()
    kind: str | None = None
    need_array: bool = False
    integer: bool = False
    values: Sequence[Any] | None = None
    parts: Sequence[str] = ()
    part_kinds: Sequence[str | None] = ()
    validate: Callable[[Any], str | None] | None = None
    allow_none: bool = False
    limit: float | None = None
    mutation_hint: str = ""

    def parts_text(self) -> str:
        return f" ({', '.join(self.parts)})" if self.parts else ""

    def part_name(self, k: int) -> str:
        return f" ({self.parts[k]})" if k < len(self.parts) else ""


def _default_compare(expected):
    if expected is None:
        return lambda got, exp: got is None
    if isinstance(expected, str):
        return lambda got, exp: isinstance(got, str) and got == exp
    if isinstance(expected, (bool, np.bool_)):
        return lambda got, exp: isinstance(got, (bool, np.bool_)) and bool(got) == bool(exp)
    if isinstance(expected, list) and all(isinstance(e, str) for e in expected):
        return lambda got, exp: isinstance(got, list) and [str(g) for g in got] == exp
    try:
        e = np.asarray(expected)
        if e.dtype.kind == "f":
            return allclose()
    except Exception:
        pass
    return arrays_equal


def _tuple_compare(case: Case):
    """Compare part by part; return the index of the first differing part (or None)."""
    def first_difference(got, expected):
        for k, (g, e) in enumerate(zip(got, expected)):
            cmp = case.compare or _default_compare(e)
            try:
                if not bool(cmp(g, e)):
                    return k
            except Exception:
                return k
        return None
    return first_difference


def _where(got, expected) -> str:
    """ "largest difference ... at index ..." for two numeric arrays of the same shape with several entries."""
    try:
        g = np.asarray(got, dtype=float)
        e = np.asarray(expected, dtype=float)
        if g.shape != e.shape or e.size < 4:
            return ""
        diff = np.abs(g - e)
        diff = np.where(np.isnan(diff), np.inf, diff)
        k = np.unravel_index(int(np.argmax(diff)), e.shape)
        wrong = int(np.sum(diff > 1e-9 + 1e-6 * np.abs(e)))
        index = k[0] if len(k) == 1 else tuple(int(i) for i in k)
        return (f"\n  {wrong} of {e.size} entries differ; the largest difference is at index {index}: "
                f"{fmt(g[k])} instead of {fmt(e[k])}")
    except Exception:
        return ""


def _known_mistake(got, case: Case) -> str | None:
    """The hint of the first known mistake whose output ``got`` equals, or None."""
    is_tuple = isinstance(case.expected, tuple) and case.compare is None
    for wrong, mistake_hint in case.mistakes:
        try:
            if is_tuple:
                same = (isinstance(got, (tuple, list)) and len(got) == len(wrong)
                        and _tuple_compare(case)(got, wrong) is None)
            elif wrong is None:
                same = got is None
            elif isinstance(wrong, (str, list)):
                same = bool(_default_compare(wrong)(got, wrong))
            else:
                g, w = np.asarray(got), np.asarray(wrong)
                same = (g.shape == w.shape and g.dtype.kind not in "OUS"
                        and bool((case.compare or _default_compare(wrong))(got, wrong)))
        except Exception:
            same = False
        if same:
            return mistake_hint
    return None


def _describe(fname, case: Case, params: Sequence[str] = ()) -> str:
    if case.call:
        return case.call

    def show(value, k):
        text = fmt(value, 60)
        if len(text) <= 40:
            return text
        shape = getattr(value, "shape", None)
        label = f"array of shape {shape}" if shape is not None else describe(value)
        return f"<{params[k]}: {label}>" if k < len(params) else f"<{label}>"

    parts = [show(a, k) for k, a in enumerate(case.args)] + [f"{k}={fmt(v, 60)}" for k, v in case.kwargs.items()]
    return f"{fname}({', '.join(parts)})"


def float32_validate(expected, compare, *, dtype=False):
    """A ``Case.validate`` for float answers: an answer that fails ``compare`` only by float32 rounding is told so.

    Returns ``(message, hint)`` when ``got`` differs from ``expected`` by no more than float32 precision
    (relative difference below 1e-3 for a float32/float16 result, below 2e-5 otherwise), and None in every
    other case (then the value test and the hints of the case follow as usual). With ``dtype=True`` a float32 /
    float16 result close to ``expected`` is told so even when ``compare`` accepts it (a tolerance that float32
    rounding happens to meet).
    """
    def validate(got):
        try:
            single = isinstance(got, (np.ndarray, np.floating)) and np.asarray(got).dtype.kind == "f" and (
                np.asarray(got).dtype.itemsize < 8)
            if bool(compare(got, expected)) and not (dtype and single):
                return None
            g = np.asarray(got)
            if g.dtype.kind != "f":
                return None
            e = np.asarray(expected, dtype=float)
            gf = g.astype(float)
            if gf.shape != e.shape or not np.all(np.isfinite(gf)):
                return None
            scale = max(float(np.max(np.abs(e))) if e.size else 0.0, 1e-12)
            rel = float(np.max(np.abs(gf - e))) / scale
            if rel > (1e-3 if single else 2e-5) or rel == 0:
                return None
        except Exception:
            return None
        diff = float(np.max(np.abs(gf - e)))
        details = (f"dtype {g.dtype}; " if single else "") + f"largest difference {diff:.1e}"
        return (f"it agrees with the expected {'array' if e.ndim else 'value'} only to float32 precision "
                f"({details}), not to the float64 precision this check asks for.",
                "compute in float64, NumPy's default: leave out .astype(np.float32) / dtype=np.float32, which keep "
                "only about 7 significant digits.")
    return validate


def _plural(what: str) -> bool:
    w = what.strip().lower()
    return w.startswith("exercises") or " and " in w or "/" in w


def not_done(name: str, what: str) -> CheckResult:
    return CheckResult(name, False, f"⏳ {what}: not done yet. Fill in the blank (it still raises "
                                    f"NotImplementedError), then run this check again.", "not done")


def _names_used(func) -> set[str]:
    """Global names that ``func`` (and the functions defined inside it) refers to."""
    names: set[str] = set()
    todo = [getattr(func, "__code__", None)]
    while todo:
        code = todo.pop()
        if code is None:
            continue
        names.update(code.co_names)
        names.update(code.co_freevars)
        todo.extend(c for c in code.co_consts if inspect.iscode(c))
    return names


_DEPTH = [0]


def _prerequisite_note(func, needs: Mapping[str, tuple[str, Callable]] | None) -> str:
    """ "your f calls your g, which does not pass Exercise X yet" for the first failing helper."""
    if not needs or _DEPTH[0] > 0:
        return ""
    used = _names_used(func)
    fglobals = getattr(func, "__globals__", {})
    closure = {}
    try:
        code = func.__code__
        closure = {n: c.cell_contents for n, c in zip(code.co_freevars, func.__closure__ or ())}
    except (AttributeError, ValueError):
        pass
    for name, (what, check) in needs.items():
        if name not in used:
            continue
        helper = closure.get(name, fglobals.get(name))
        if not callable(helper) or str(getattr(helper, "__module__", "")).startswith("hopfield_course"):
            continue
        _DEPTH[0] += 1
        try:
            result = check(helper)
        except BaseException:  # pragma: no cover - checks never raise
            continue
        finally:
            _DEPTH[0] -= 1
        if not result:
            check_name = getattr(check, "__name__", "its check")
            return (f"\nNote: your {getattr(func, '__name__', 'function')} calls your {name}, which does not pass "
                    f"{what} yet: run {check_name}({name}) to see why, fix it first, then run this check again.")
    return ""


def run_cases(name: str, func, cases: Sequence[Case], *, what: str | None = None,
              success: str | Callable[[list], str] | None = None,
              needs: Mapping[str, tuple[str, Callable]] | None = None) -> CheckResult:
    """Run ``func`` on ``cases``; return the feedback for the first case that fails.

    ``name`` is the check's name, ``what`` how the exercise is called in messages.
    ``success`` is the message on success (or a function of the list of returned values).
    ``needs`` maps the names of the student's own earlier functions to ``(what, check)``:
    when a case fails and ``func`` calls one of them, that one is checked too.
    """
    what = what or name
    if not callable(func):
        return CheckResult(name, False, f"✗ {what}: expected a function, got {describe(func)}. "
                                        f"Pass the function itself, without calling it.", "wrong")
    fname = getattr(func, "__name__", None) or "your function"
    params = _parameter_names(func)
    values = []
    for number, case in enumerate(cases, start=1):
        call = _describe(fname, case, params)
        head = f"✗ {what}, case {number} of {len(cases)}: {call}"
        hint = f"\nHint: {case.hint}" if case.hint else ""
        args = [_copy(a) for a in case.args]
        kwargs = {k: _copy(v) for k, v in case.kwargs.items()}
        limit = case.limit if case.limit is not None else TIME_LIMIT
        outcome = call_student(func, args, kwargs, limit=limit)
        if outcome.status == "not done":
            return not_done(name, what)
        if outcome.status != "ok":
            note = _prerequisite_note(func, needs) if outcome.status == "error" else ""
            return CheckResult(name, False, f"{head}\n  {outcome.explain(limit)}" + (note or hint),
                               "error")
        got = outcome.value
        # arguments changed in place
        for k, (original, passed) in enumerate(list(zip(case.args, args)) + [
                (case.kwargs[key], kwargs[key]) for key in case.kwargs]):
            if not _same(original, passed):
                arg = (params[k] if k < len(case.args) and k < len(params)
                       else (list(case.kwargs)[k - len(case.args)] if k >= len(case.args) else f"number {k + 1}"))
                return CheckResult(name, False,
                                   f"{head}\n  changed its argument `{arg}` in place. The next cells reuse their "
                                   f"arrays, so a function must not modify its inputs: work on a copy, e.g. "
                                   f"`{arg} = np.array({arg})` (np.array copies) or `{arg}.copy()`."
                                   + (f"\nHint: {case.mutation_hint}" if case.mutation_hint else ""), "wrong")
        # type and shape
        problem = _shape_problem(got, case.expected, case)
        own_hint = None
        if problem is None and case.validate is not None:
            try:
                problem = case.validate(got)
            except Exception as exc:  # pragma: no cover - validators are ours
                problem = f"could not be inspected ({type(exc).__name__})"
            if isinstance(problem, tuple):  # (message, hint): the validator names the mistake itself
                problem, own_hint = problem
        if problem:
            relevant = not (problem.startswith("your function returned None")
                            or problem.startswith("expected a NumPy array, got a"))
            known = _known_mistake(got, case) if relevant and own_hint is None else None
            if known:
                hint = f"\nHint: {known}"
            if own_hint is not None:
                hint = f"\nHint: {own_hint}" if own_hint else ""
            note = _prerequisite_note(func, needs) if relevant else ""
            return CheckResult(name, False, f"{head}\n  returned {fmt(got)}\n  but {problem}"
                               + (note or (hint if relevant else "")), "wrong")
        # value
        is_tuple = isinstance(case.expected, tuple) and case.compare is None
        if is_tuple:
            diff = _tuple_compare(case)(got, case.expected)
            ok = diff is None
        else:
            compare = case.compare or _default_compare(case.expected)
            try:
                ok = bool(compare(got, case.expected))
            except Exception:  # e.g. an array where a string was expected
                ok = False
        if not ok:
            known = _known_mistake(got, case)
            if known:
                hint = f"\nHint: {known}"
            note = _prerequisite_note(func, needs)
            if note:  # a correct function built on a wrong earlier one: point to the earlier exercise
                hint = note
            if is_tuple:
                k = diff
                body = (f"\n  part {k + 1} of the returned tuple{case.part_name(k)} differs:"
                        f"\n  returned {fmt(got[k])}\n  expected {fmt(case.expected[k])}")
            else:
                body = f"\n  returned {fmt(got)}\n  expected {fmt(case.expected)}" + _where(got, case.expected)
            return CheckResult(name, False, head + body + hint, "wrong")
        values.append(got)
    if callable(success):
        try:
            message = success(values)
        except Exception:
            message = None
        success = message
    return CheckResult(name, True, success or f"✓ {what}: all {len(cases)} cases pass.", "passed")


# --------------------------------------------------------------------------- cells after a check
@contextlib.contextmanager
def attempt(what: str):
    """Run a cell that uses an exercise's function; if it is unfinished or fails, say so and move on.

    Any exception (``SystemExit`` included) becomes one short line naming the exercise to
    revisit, and figures opened by the cell are closed so that no half-drawn figure is shown.
    ``KeyboardInterrupt`` (the stop button) still stops the notebook.

    >>> with attempt("Exercise 1.2"):
    ...     raise NotImplementedError
    Exercise 1.2 is not done yet: this cell will show its result once it is.
    """
    plt = sys.modules.get("matplotlib.pyplot")
    before = set(plt.get_fignums()) if plt is not None else set()
    try:
        yield
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        plt = sys.modules.get("matplotlib.pyplot")
        if plt is not None:
            for number in set(plt.get_fignums()) - before:
                plt.close(number)
        plural = _plural(what)
        title = what[:1].upper() + what[1:]
        if isinstance(exc, NotImplementedError):
            print(f"{title} {'are' if plural else 'is'} not done yet: this cell will show its result once "
                  f"{'they are' if plural else 'it is'}.")
        else:
            cause = Outcome("error", error=exc).explain(TIME_LIMIT)
            print(f"⚠ This cell uses your answer to {what} and stopped: your code {cause}\n"
                  f"Revisit {what} (run its check again); the rest of the notebook still runs.")


SLOW_CELL = 10.0


def slow_note(func, args, *, calls, cell, advice, limit=3.0) -> str:
    """A note for a correct but slow answer: one timed call of the size the next cells use, times ``calls``.

    Returns "" when the estimated time of ``cell`` is below :data:`SLOW_CELL` seconds; the timed
    call stops after ``limit`` seconds (then the estimate is a lower bound).
    """
    if _DEPTH[0] > 0:  # checked as the prerequisite of a later exercise: no timing
        return ""
    outcome = call_student(func, args, limit=limit)
    if outcome.status not in ("ok", "timeout"):
        return ""
    seconds = outcome.seconds if outcome.status == "ok" else limit
    estimate = seconds * calls
    if estimate < SLOW_CELL:
        return ""
    more = "more than " if outcome.status == "timeout" else "about "
    return (f"\nCorrect, but slow: one call of the size used by {cell} took {more}{seconds:.1f} s, and {cell} "
            f"calls it {calls} times ({more}{estimate:.0f} s). To make it fast, {advice}.")
