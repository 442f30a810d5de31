"""The mistake catalogue (tests/mistakes/catalogue.py): every correct style passes its check, every mistake is
rejected with the hint meant for it, and every exercise has at least three mistakes and two correct styles."""

import collections
import warnings

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from hopfield_course import checks  # noqa: E402
from hopfield_course.checks import _core  # noqa: E402
from tests.mistakes.catalogue import ENTRIES, NOTEBOOK  # noqa: E402

CHECKS = sorted(name for name in dir(checks) if name.startswith("check_"))


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch):
    """Mistakes that loop forever are caught after 2 s instead of the notebooks' 10 s."""
    monkeypatch.setattr(_core, "TIME_LIMIT", 2.0)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.id)
def test_catalogue_entry(entry):
    check = getattr(checks, entry.check)
    answer = entry.answer() if entry.value else entry.answer
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = check(answer)
    assert "Traceback" not in result.message
    if entry.fragment is None:
        assert result.passed, result.message
        assert result.message.startswith("✓")
    else:
        assert not result.passed and result.status in ("wrong", "error"), result.message
        assert entry.fragment in result.message, result.message


def test_every_exercise_has_three_mistakes_and_two_styles():
    count = collections.Counter((e.check, e.fragment is None) for e in ENTRIES)
    assert set(NOTEBOOK) == set(CHECKS), set(NOTEBOOK) ^ set(CHECKS)
    for name in CHECKS:
        assert count[(name, True)] >= 2, f"{name}: {count[(name, True)]} correct styles"
        assert count[(name, False)] >= 3, f"{name}: {count[(name, False)]} mistakes"
