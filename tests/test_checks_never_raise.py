"""Every exercise check of every chapter answers garbage with feedback, never with an exception or a pass."""

import inspect
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from hopfield_course import checks  # noqa: E402
from hopfield_course.checks import _core  # noqa: E402

CHECKS = sorted(name for name in dir(checks) if name.startswith("check_"))


class _BadRepr:
    """A returned object whose repr (and str) raises."""

    def __repr__(self):
        raise RuntimeError("repr exploded")

    __str__ = __repr__


def _exit(*args, **kwargs):
    raise SystemExit(3)


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


def _huge(*args, **kwargs):
    raise ValueError("x" * 100_000)


def _bad_message(*args, **kwargs):
    class Broken(Exception):
        def __str__(self):
            raise RuntimeError("str exploded")
    raise Broken()


GARBAGE = {
    "None": None,
    "number": 3,
    "string": "x",
    "returns None": lambda *a, **k: None,
    "raises": lambda *a, **k: 1 / 0,
    "returns NaN": lambda *a, **k: np.nan,
    "takes no arguments": lambda: 0,
    "returns an array": lambda *a, **k: np.ones(3),
    "returns a string number": lambda *a, **k: "-2.0",
    "returns a complex number": lambda *a, **k: 1 + 0j,
    "returns an object whose repr raises": lambda *a, **k: _BadRepr(),
    "calls sys.exit": _exit,
    "raises KeyboardInterrupt": _interrupt,
    "raises a huge message": _huge,
    "raises an exception whose str raises": _bad_message,
    "returns a ragged list": lambda *a, **k: [[1, 2], [3]],
    "returns a dict": lambda *a, **k: {"a": 1},
}


@pytest.mark.parametrize("name", CHECKS)
@pytest.mark.parametrize("kind", sorted(GARBAGE))
def test_check_gives_feedback_for_garbage(name, kind):
    check = getattr(checks, name)
    required = [p for p in inspect.signature(check).parameters.values() if p.default is p.empty]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = check(*([GARBAGE[kind]] * max(len(required), 1)))
    assert not getattr(result, "passed", False), f"{name} passed {kind}"
    assert isinstance(getattr(result, "message", None), str) and result.message
    assert len(result.message) <= _core.MESSAGE_LIMIT
    assert "x" * 400 not in result.message  # exception messages are truncated


def test_timer_is_cancelled_after_every_call():
    import signal
    result = checks.check_energy(lambda s, w: -0.5 * float(s @ w @ s))
    assert result.passed
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None) or callable(
        signal.getsignal(signal.SIGALRM))


def test_endless_loop_gets_feedback_within_the_time_limit(monkeypatch):
    import time
    monkeypatch.setattr(_core, "TIME_LIMIT", 0.5)

    def final_state(state, weights, max_iterations=100):
        while True:
            pass

    start = time.perf_counter()
    result = checks.check_final_state(final_state)
    assert time.perf_counter() - start < 5
    assert not result.passed and "did not return within 0.5 s: does your loop stop?" in result.message


def test_time_limit_also_works_outside_the_main_thread(monkeypatch):
    import threading
    import time
    monkeypatch.setattr(_core, "TIME_LIMIT", 0.3)
    box = {}

    def endless(*args, **kwargs):  # sleeps rather than spins: the abandoned thread must not burn a core
        time.sleep(3)

    worker = threading.Thread(target=lambda: box.setdefault("r", checks.check_energy(endless)))
    worker.start()
    worker.join(10)
    assert "did not return within 0.3 s" in box["r"].message
