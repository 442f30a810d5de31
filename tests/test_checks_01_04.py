"""The exercise checks of chapters 01-04: right answers pass, wrong and unfinished ones get feedback, never a traceback."""

import numpy as np
import pytest

import hopfield_course as hc
from hopfield_course import checks
from hopfield_course.checks._core import CheckResult, attempt


def _next_state(s, w):
    return np.where(w @ s >= 0, 1, -1)


def _final_state(s, w, max_iterations=100):
    for _ in range(max_iterations):
        new = _next_state(s, w)
        if np.array_equal(new, s):
            return new
        s = new
    return s


def _outer(s):
    w = np.outer(s, s)
    np.fill_diagonal(w, 0)
    return w


def _from_states(X):
    w = np.asarray(X).T @ np.asarray(X)
    np.fill_diagonal(w, 0)
    return w


def _recall(image, memories):
    X = np.array([np.asarray(m).ravel() for m in (memories.values() if isinstance(memories, dict) else memories)])
    return hc.run(np.asarray(image).ravel(), hc.hebbian_weights(X)).state.reshape(np.shape(image))


def _classify(image, memories):
    for k, m in memories.items():
        if np.array_equal(image, m):
            return k
        if np.array_equal(image, -m):
            return "-" + k
    return "spurious"


def _stable(memories):
    X = np.array([m.ravel() for m in memories.values()])
    W = hc.hebbian_weights(X)
    return [k for k, x in zip(memories, X) if np.array_equal(hc.sync_step(x, W), x)]


RIGHT = {
    "check_next_state": _next_state,
    "check_final_state": _final_state,
    "check_is_stable": lambda s, w: bool(np.array_equal(_next_state(s, w), s)),
    "check_energy": lambda s, w: -0.5 * float(s @ w @ s),
    "check_single_state_weights": _outer,
    "check_weights_from_states": _from_states,
    "check_string_to_image": lambda t: np.array([[1 if c == "1" else -1 for c in r] for r in t.split()]),
    "check_image_to_state": lambda im: np.asarray(im).ravel(),
    "check_state_to_image": lambda s: np.asarray(s).reshape(int(len(s) ** 0.5), -1),
    "check_recall_image": _recall,
    "check_classify": _classify,
    "check_stable_memories": _stable,
}

WRONG = {
    "check_next_state": (lambda s, w: np.sign(w @ s), "tie rule"),
    "check_final_state": (lambda s, w, max_iterations=100: _next_state(s, w), "returned"),
    "check_is_stable": (lambda s, w: True, "expected False"),
    "check_energy": (lambda s, w: -float(s @ w @ s), "-1/2"),
    "check_single_state_weights": (lambda s: np.outer(s, s), "diagonal"),
    "check_weights_from_states": (lambda X: _outer(np.asarray(X)[0]), "expected"),
    "check_string_to_image": (lambda t: np.array([[1 if c == "1" else 0 for c in r] for r in t.split()]), "not 0"),
    "check_image_to_state": (lambda im: np.asarray(im).T.ravel(), "row by row"),
    "check_state_to_image": (lambda s: np.asarray(s).reshape(5, 5), "the side is not always 5"),
    "check_recall_image": (lambda im, mem: im, "expected"),
    "check_classify": (lambda im, mem: "spurious", "returned 'spurious'"),
    "check_stable_memories": (lambda mem: list(mem), "returned"),
}


def _skip_last(s, w):
    new = np.array(s)
    for i in range(len(s) - 1):
        new[i] = 1 if w[i] @ s >= 0 else -1
    return new


def _final_with_count(s, w, max_iterations=100):
    for k in range(max_iterations):
        new = _next_state(s, w)
        if np.array_equal(new, s):
            return new, k
        s = new
    return s, max_iterations


# Mistakes that have nothing to do with ties (or with the case's own hint): each must get the hint that names it,
# never the tie hint ("np.sign(0) is 0") or another unrelated one that a tiny case would pick by coincidence.
UNRELATED = {
    "reversed sign": ("check_next_state", lambda s, w: np.where(w @ s >= 0, -1, 1), "The signs are reversed"),
    "loop skips the last neuron": ("check_next_state", _skip_last, "your loop skips it"),
    "returns the state": ("check_next_state", lambda s, w: s, "the input state unchanged"),
    "integer-only threshold": ("check_next_state", lambda s, w: np.where(w @ s > -1, 1, -1),
                               "compare the field h with 0 itself"),
    "negated stability": ("check_is_stable", lambda s, w: not np.array_equal(_next_state(s, w), s),
                          "is the answer negated"),
    "returns (state, count)": ("check_final_state", _final_with_count, "return only the state"),
    "energy divided by N": ("check_energy", lambda s, w: -0.5 * float(s @ w @ s) / len(s),
                            "do not divide by the number of neurons"),
}


@pytest.mark.parametrize("label", sorted(UNRELATED))
def test_unrelated_mistakes_get_their_own_hint(label):
    name, func, fragment = UNRELATED[label]
    result = getattr(checks, name)(func)
    assert not result.passed and fragment in result.message, result.message
    for other in ("np.sign(0) is 0", "ragged", "summing over i < j", "Starting at a stable state"):
        assert other not in result.message, result.message


def test_if_on_an_array_comparison_points_to_array_equal():
    def final_state(s, w, max_iterations=100):
        for _ in range(max_iterations):
            new = _next_state(s, w)
            if new == s:
                return new
            s = new
        return s

    result = checks.check_final_state(final_state)
    assert result.status == "error" and "np.array_equal(new, state)" in result.message, result.message
    assert "Starting at a stable state" not in result.message


def _not_done(*args, **kwargs):
    raise NotImplementedError("exercise")


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_right_answer_passes(name):
    result = getattr(checks, name)(RIGHT[name])
    assert isinstance(result, CheckResult) and result.passed, result.message
    assert result.message.startswith("✓")


@pytest.mark.parametrize("name", sorted(WRONG))
def test_wrong_answer_gets_specific_feedback(name):
    func, fragment = WRONG[name]
    result = getattr(checks, name)(func)
    assert not result.passed and result.status in ("wrong", "error")
    assert fragment in result.message, result.message
    assert "Traceback" not in result.message


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_unfinished_answer_is_not_done(name):
    result = getattr(checks, name)(_not_done)
    assert not result.passed and result.status == "not done" and "not done yet" in result.message


@pytest.mark.parametrize("name", sorted(RIGHT))
@pytest.mark.parametrize("garbage", [None, 3, lambda *a, **k: None, lambda *a, **k: 1 / 0, lambda: 0,
                                     lambda *a, **k: np.ones(3)])
def test_garbage_never_raises(name, garbage):
    result = getattr(checks, name)(garbage)
    assert not result.passed and isinstance(result.message, str) and result.message


def test_my_state_check():
    assert checks.check_my_state(np.array([1, -1, 1, 1])).passed
    assert checks.check_my_state([1, -1, 1, 1, -1]).passed
    assert checks.check_my_state(None).status == "not done"
    assert not checks.check_my_state(np.array([1, 0, 1, 1])).passed
    assert "at least 4" in checks.check_my_state(np.array([1, -1, 1])).message
    assert "ragged" in checks.check_my_state([[1, -1], [1]]).message


def test_my_state_check_is_quadratic_not_cubic():
    import time
    start = time.perf_counter()
    result = checks.check_my_state(np.random.default_rng(0).choice([-1, 1], size=1500))
    assert result.passed and time.perf_counter() - start < 5


def test_attempt_turns_every_failure_into_one_line(capsys):
    with attempt("Exercise 9.9"):
        raise NotImplementedError
    assert "Exercise 9.9 is not done yet" in capsys.readouterr().out
    with attempt("Exercises 4.1 and 4.2"):
        raise NotImplementedError
    assert "Exercises 4.1 and 4.2 are not done yet" in capsys.readouterr().out
    for exc in (ZeroDivisionError("division by zero"), SystemExit(1), AttributeError("'list' has no attribute 'tolist'")):
        with attempt("Exercise 7.2"):
            raise exc
        out = capsys.readouterr().out
        assert "Revisit Exercise 7.2" in out and type(exc).__name__ in out and len(out.splitlines()) == 2
    with pytest.raises(KeyboardInterrupt):  # the stop button still stops the notebook
        with attempt("Exercise 7.2"):
            raise KeyboardInterrupt


def test_attempt_closes_half_drawn_figures(capsys):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.close("all")
    with attempt("Exercise 3.1"):
        plt.subplots()
        raise NotImplementedError
    assert plt.get_fignums() == []
    with attempt("Exercise 3.1"):
        plt.subplots()
    assert len(plt.get_fignums()) == 1
    plt.close("all")


def test_result_renders_as_html_and_text():
    result = checks.check_next_state(_next_state)
    assert repr(result) == result.message and "<div" in result._repr_html_() and bool(result)


@pytest.mark.parametrize("wrap", [int, lambda b: "stable" if b else "unstable", lambda b: [b], np.array,
                                  lambda b: np.array([b, b, b, b])])
def test_is_stable_type_mistake_is_not_called_negated(wrap):
    """A non-bool answer is told its type; "Yours says False" is only for a function that returned False."""
    result = checks.check_is_stable(lambda s, w: wrap(bool(np.array_equal(_next_state(s, w), s))))
    assert not result.passed and "expected True or False (a bool)" in result.message
    assert "Yours says False" not in result.message
    negated = checks.check_is_stable(lambda s, w: not np.array_equal(_next_state(s, w), s))
    assert "Yours says False" in negated.message


def test_final_state_default_must_be_100():
    def final_state_50(s, w, max_iterations=50):
        return _final_state(s, w, max_iterations)
    result = checks.check_final_state(final_state_50)
    assert not result.passed and "default of max_iterations is 50" in result.message
    assert checks.check_final_state(_final_state).passed


def test_is_stable_fractional_weights_reject_shifted_sign():
    result = checks.check_is_stable(lambda s, w: bool(np.all(np.sign(w @ s + 0.5) == s)))
    assert not result.passed and "compare the field h with 0 itself" in result.message
