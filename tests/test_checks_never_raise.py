"""Every exercise check of every chapter answers garbage with feedback, never with an exception or a pass."""

import inspect
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from hopfield_course import checks  # noqa: E402

CHECKS = sorted(name for name in dir(checks) if name.startswith("check_"))
GARBAGE = {
    "None": None,
    "number": 3,
    "string": "x",
    "returns None": lambda *a, **k: None,
    "raises": lambda *a, **k: 1 / 0,
    "returns NaN": lambda *a, **k: np.nan,
    "takes no arguments": lambda: 0,
    "returns an array": lambda *a, **k: np.ones(3),
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
