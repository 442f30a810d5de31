"""Checks for the exercises of chapters 01-04 (the exercise sequence of the PCBS course).

Reference answers are computed with the package's own functions, never typed in.
"""

from __future__ import annotations

import functools

import numpy as np

from ..dynamics import run, sync_step
from ..states import image_from_string
from ..memories import letter_test_states, letters
from ..states import classify_state
from ..learning_rules import hebbian_weights
from ._core import (Case, CheckResult, _shape_problem, allclose, arrays_equal, call_student, describe, fmt,
                    not_done, run_cases)

__all__ = [
    "check_next_state",
    "check_final_state",
    "check_is_stable",
    "check_energy",
    "check_single_state_weights",
    "check_my_state",
    "check_weights_from_states",
    "check_string_to_image",
    "check_image_to_state",
    "check_state_to_image",
    "check_recall_image",
    "check_classify",
    "check_stable_memories",
]

# The 4-neuron example of the PCBS course, exercise 1.
EXAMPLE_STATE = np.array([1, -1, -1, -1])
EXAMPLE_WEIGHTS = np.array([[0, -1, -1, 1], [-1, 0, 1, -1], [-1, 1, 0, -1], [1, -1, -1, 0]])
# Weights with a tie: neuron 2 receives a field of exactly 0 from this state.
TIE_WEIGHTS = np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]])
TIE_STATE = np.array([1, -1, 1])
# A 2-cycle under synchronous updates: two mutually inhibiting neurons started equal.
CYCLE_WEIGHTS = np.array([[0, -1], [-1, 0]])
# No field is 0 here and one update changes neurons 2, 3 and 5 (the last one) but not all of them: the new state,
# its negation, the unchanged state, a loop that skips the last neuron and a sequential update all differ.
SPLIT_STATE = np.array([-1, 1, -1, -1, 1, 1])
SPLIT_WEIGHTS = np.array([[0, -1, 1, -1, -1, -1], [-1, 0, 1, -1, 3, -1], [1, 1, 0, -3, 1, 1],
                          [-1, -1, -3, 0, -1, -1], [-1, 3, 1, -1, 0, -1], [-1, -1, 1, -1, -1, 0]])

@functools.lru_cache(maxsize=1)
def _bars_and_letter_weights():
    """The 'bars' start of the PCBS course's exercise 4 (it needs two synchronous updates to settle) and the
    Hebbian weights of the letters L, P, S, X; computed on first use, so importing the checks costs nothing.
    The arrays are made read-only because the cache hands the same objects to every call."""
    bars = letter_test_states()["bars"].ravel()
    weights = hebbian_weights(np.array([m.ravel() for m in letters("LPSX").values()]))
    bars.flags.writeable = False
    weights.flags.writeable = False
    return bars, weights

_TIE_HINT = ("A neuron whose input is exactly 0 becomes +1 (the course's tie rule: +1 if sum_j W_ij s_j >= 0). "
             "np.sign(0) is 0, so np.sign alone gets this case wrong: use np.where(fields >= 0, 1, -1).")


_PM = (-1, 1)


_NEXT = "Exercise 1.1 next_state"


def _iterate(state, weights, updates):
    """The state after exactly ``updates`` synchronous updates (the package's sync_step)."""
    s = np.asarray(state)
    for _ in range(updates):
        s = sync_step(s, weights)
    return s


# --------------------------------------------------------------------------- chapter 01
def _sequential(state, weights):
    """What updating neuron by neuron (asynchronously, in order) gives: the wrong answer to a synchronous update."""
    s = np.array(state)
    for i in range(len(s)):
        s[i] = 1 if weights[i] @ s >= 0 else -1
    return s


def _array_truth_hint(result: CheckResult) -> CheckResult:
    """Replace the hint of a check that failed with "The truth value of an array ... is ambiguous" (an `if` on an
    array comparison such as `if new == state:`) by the hint that names that mistake."""
    if result.passed or "truth value of an array" not in result.message:
        return result
    head = result.message.split("\nHint: ")[0]
    return CheckResult(result.name, False, head + "\nHint: `if` needs one True or False, but comparing two arrays "
                       "(`new == state`) gives one per neuron, an array that `if` cannot decide on: compare whole "
                       "states with np.array_equal(new, state).", result.status)


def check_next_state(next_state) -> CheckResult:
    """Exercise 1.1: ``next_state(state, weights)`` — one synchronous update (ties give +1).

    The first case has no tie and changes some neurons (the last one included) but not all, so that a reversed
    sign, an unchanged state, a loop that skips the last neuron and a sequential update are each recognised; the
    tie cases come next, and the last case has fractional weights (W / N), where a shifted comparison
    (h + 0.5, h > -1) that is exact for integer fields fails."""
    rng = np.random.default_rng(101)
    X = rng.choice([-1, 1], size=(3, 12))
    W = hebbian_weights(X)
    probe = rng.choice([-1, 1], size=12)
    rng = np.random.default_rng(20)
    X8 = rng.choice([-1, 1], size=(3, 8))
    W8 = hebbian_weights(X8) / 8  # fields are odd multiples of 1/8 (never 0), from -11/8 to 5/8
    s8 = rng.choice([-1, 1], size=8)
    split = sync_step(SPLIT_STATE, SPLIT_WEIGHTS)
    skip_last = split.copy()
    skip_last[-1] = SPLIT_STATE[-1]
    synchronous = ("All neurons are updated at once from the OLD state (synchronous update): compute all the "
                   "inputs weights @ state first, then the new state. Updating neuron by neuron in a loop uses "
                   "neurons that have already changed.")
    shifted = ("Weights need not be integers (here W / N): a neuron whose input is negative becomes -1, however "
               "small the input (here -1/8), so compare the field h with 0 itself: np.where(h >= 0, 1, -1). A "
               "shifted test such as np.sign(h + 0.5) or h > -1 is right only for integer fields.")
    cases = [
        Case((SPLIT_STATE, SPLIT_WEIGHTS), split, values=_PM,
             mistakes=[(-split, "The signs are reversed: a neuron becomes +1 where its input h_i >= 0 and -1 where "
                                "h_i < 0, np.where(fields >= 0, 1, -1) (not np.where(fields >= 0, -1, 1))."),
                       (SPLIT_STATE, "Your result is the input state unchanged, but neurons 2, 3 and 5 should "
                                     "change: return the NEW state computed from the inputs weights @ state, not "
                                     "`state` itself."),
                       (skip_last, "Every neuron is right except the last one, which kept its old value: your loop "
                                   "skips it. range(len(state)) runs over every neuron; range(len(state) - 1) stops "
                                   "one short."),
                       (_sequential(SPLIT_STATE, SPLIT_WEIGHTS), synchronous),
                       (SPLIT_WEIGHTS @ SPLIT_STATE, "Return the new state (+1/-1), not the inputs weights @ state.")],
             hint="Compute every neuron's input h = weights @ state, then +1 where h >= 0 and -1 elsewhere, for all "
                  "neurons at once (return the new state, not the inputs)."),
        Case((np.array([-1]), np.array([[0]])), np.array([1]), values=_PM,
             hint="One neuron with no connections has input 0, so it becomes +1 (tie rule: +1 if the input is >= 0). "
                  "np.sign(0) is 0 and `fields > 0` gives -1: use np.where(fields >= 0, 1, -1)."),
        Case((TIE_STATE, TIE_WEIGHTS), sync_step(TIE_STATE, TIE_WEIGHTS), _TIE_HINT, values=_PM),
        Case((EXAMPLE_STATE, EXAMPLE_WEIGHTS), sync_step(EXAMPLE_STATE, EXAMPLE_WEIGHTS), values=_PM,
             hint="Compute every neuron's input with weights @ state, then +1 where it is >= 0 and -1 elsewhere "
                  "(return the new state, not the inputs)."),
        Case((np.array([1, -1, -1, 1]), EXAMPLE_WEIGHTS), np.array([1, -1, -1, 1]), values=_PM,
             hint="A stable state must come back unchanged."),
        Case((probe, W), sync_step(probe, W), values=_PM, hint=synchronous,
             mistakes=[(_sequential(probe, W), synchronous)]),
        Case((s8, W8), sync_step(s8, W8), shifted, values=_PM,
             mistakes=[(np.sign(W8 @ s8 + 0.5), shifted), (np.where(W8 @ s8 > -1, 1, -1), shifted)],
             call="next_state(state, weights / 8)  # 8 neurons, fractional weights (1/N normalisation)"),
    ]
    return _self_coupling_hint(run_cases("check_next_state", next_state, cases, what=_NEXT), next_state)


_SELF_COUPLING = ("Do not add the neuron's own state: the input of neuron i is h_i = sum_j W_ij s_j with W_ii = 0 (no "
                  "self-coupling), so weights @ state alone; weights @ state + state adds s_i to every input (a "
                  "self-coupling of 1), which keeps some neurons that should change.")


def _self_coupling_hint(result: CheckResult, next_state) -> CheckResult:
    """On the first case, adding the neuron's own state (h + s) and a loop that skips the last neuron give the same
    answer; on the same network with the neurons in reverse order they differ: name the mistake the student made."""
    if result.passed or "your loop skips it" not in result.message:
        return result
    try:
        s, w = SPLIT_STATE[::-1].copy(), SPLIT_WEIGHTS[::-1, ::-1].copy()
        out = call_student(next_state, (s.copy(), w.copy()))
        selfish = np.where(w @ s + s >= 0, 1, -1)
        if out.status != "ok" or not arrays_equal(out.value, selfish):
            return result
    except BaseException:
        return result
    head = result.message.split("\nHint: ")[0]
    return CheckResult(result.name, False, head + "\nHint: " + _SELF_COUPLING, result.status)


def check_final_state(final_state) -> CheckResult:
    """Exercise 1.2: ``final_state(state, weights, max_iterations=100)``.

    Stops at a stable state, or after exactly ``max_iterations`` updates (checked on a
    2-cycle, where one update too many or too few ends in the other state).
    """
    stable = np.array([1, -1, -1, 1])
    start = np.array([1, 1])
    bars, letters_w = _bars_and_letter_weights()
    count_hint = ("This network never settles: it alternates between [1, 1] and [-1, -1]. After exactly "
                  "max_iterations = {k} updates of [1, 1] the state is {s}; the other state means your loop makes "
                  "one update too many or too few (each pass of the loop should make exactly one update).")
    cases = [
        Case((stable, EXAMPLE_WEIGHTS), stable, "Starting at a stable state, the final state is that state.",
             values=_PM),
        Case((EXAMPLE_STATE, EXAMPLE_WEIGHTS), np.array([1, -1, -1, 1]), values=_PM,
             hint="Apply next_state until the state stops changing: this example ends at [1, -1, -1, 1] after "
                  "one update."),
        Case((np.array([-1]), np.array([[0]])), np.array([1]), values=_PM,
             hint="One neuron with input 0 becomes +1 (tie rule) and then stays: the final state is [1]."),
        Case((bars, letters_w), run(bars, letters_w, mode="sync").state, values=_PM,
             hint="This start needs two updates before it is stable: keep updating until nothing changes.",
             call="final_state(bars, weights_of_L_P_S_X)"),
        Case((start, CYCLE_WEIGHTS), _iterate(start, CYCLE_WEIGHTS, 7), kwargs={"max_iterations": 7}, values=_PM,
             hint=count_hint.format(k=7, s=fmt(_iterate(start, CYCLE_WEIGHTS, 7))) +
                  " A loop that ignores max_iterations never returns here."),
        Case((start, CYCLE_WEIGHTS), _iterate(start, CYCLE_WEIGHTS, 4), kwargs={"max_iterations": 4}, values=_PM,
             hint=count_hint.format(k=4, s=fmt(_iterate(start, CYCLE_WEIGHTS, 4)))),
        Case((EXAMPLE_STATE, EXAMPLE_WEIGHTS), EXAMPLE_STATE, kwargs={"max_iterations": 0}, values=_PM,
             hint="max_iterations = 0 allows no update at all: return the initial state."),
    ]
    for case in cases:
        _only_the_state(case)
    result = run_cases("check_final_state", final_state, cases, what="Exercise 1.2 final_state",
                       needs={"next_state": (_NEXT, check_next_state)},
                       success="✓ Exercise 1.2 final_state: reaches [1, -1, -1, 1] from the example, keeps stable "
                               "states, and stops after exactly max_iterations updates on a network that never "
                               "settles (a 2-cycle).")
    result = _array_truth_hint(result)
    if result.passed:
        default = _default_of(final_state, "max_iterations")
        if default is not _NO_DEFAULT and not (_is_number(default) and default == 100):
            return CheckResult("check_final_state", False,
                               f"✗ Exercise 1.2 final_state: every case passes, but the default of max_iterations "
                               f"is {fmt(default, 40)}: the exercise prescribes final_state(state, weights, "
                               f"max_iterations=100), and the next cells call final_state(state, weights) and rely "
                               f"on that default of 100.", "wrong")
    return result


_NO_DEFAULT = object()


def _default_of(func, name):
    """The default value of the parameter ``name`` of ``func``, or _NO_DEFAULT (no such parameter, no default, or
    a signature that cannot be read)."""
    try:
        import inspect
        param = inspect.signature(func).parameters.get(name)
        if param is None or param.default is inspect.Parameter.empty:
            return _NO_DEFAULT
        return param.default
    except BaseException:
        return _NO_DEFAULT


def _only_the_state(case: Case) -> None:
    """Make ``case`` answer a returned pair such as ``(state, k)`` with "return only the state" (the usual type
    and shape tests would call it a ragged tuple); every other answer gets the usual tests."""
    usual = Case(expected=case.expected, values=case.values)

    def validate(got):
        if isinstance(got, (tuple, list)) and len(got) >= 2 and any(
                isinstance(g, np.ndarray) or _is_number(g) for g in got[1:]) and not all(_is_number(g) for g in got):
            # (a message starting "expected a NumPy array, got a" is shown without the case's unrelated hint)
            return (f"expected a NumPy array, got {describe(got)} (the state and something else): return only "
                    f"the state, a 1-D array, not (state, number of updates).")
        return _shape_problem(got, usual.expected, usual)

    case.kind = "any"
    case.validate = validate


def _is_number(x) -> bool:
    return isinstance(x, (int, float, np.integer, np.floating)) and not isinstance(x, (bool, np.bool_))


def check_is_stable(is_stable) -> CheckResult:
    """Exercise 1.3: ``is_stable(state, weights)`` -> bool (ties give +1)."""
    tie_s = np.array([-1, 1, -1])  # neuron 0 has input 0 and is -1: the tie rule makes it +1
    # Fractional weights (W / N): memory 0 of these 3 memories is stable, but neuron 6 has the field -3/8 and the
    # value -1, so a shifted test (np.sign(h + 0.5), h > -1) calls it unstable.
    X8 = np.random.default_rng(20).choice([-1, 1], size=(3, 8))
    W8 = hebbian_weights(X8) / 8
    shifted = ("Weights need not be integers (here W / N): this memory is stable, but neuron 6 has the field -3/8 "
               "and the value -1: a neuron whose input is negative becomes -1, however small the input, so compare the "
               "field h with 0 itself (np.where(h >= 0, 1, -1), or your next_state). A shifted test such as np.sign(h + 0.5) or h > -1 "
               "is right only for integer fields.")
    negated = ("Yours says False: is the answer negated (return np.array_equal(new, state), not `not "
               "np.array_equal(...)`), or does it compare something else than next_state(state, weights) with "
               "state?")
    # The two cases without a tie come first: an answer that is False for the stable state is negated (or compares
    # the wrong things), whatever it does with ties; the tie cases follow.
    cases = [
        Case((np.array([1, -1, -1, 1]), EXAMPLE_WEIGHTS), True,
             "One update leaves [1, -1, -1, 1] unchanged (its inputs [3, -3, -3, 3] have its signs, no tie), so "
             "is_stable must return True (a bool: True or False, not a number, a string or an array).",
             mistakes=[(False, negated)]),
        Case((EXAMPLE_STATE, EXAMPLE_WEIGHTS), False,
             "The example's initial state changes under one update: one changed neuron is enough to be unstable "
             "(all neurons must keep their value, not any)."),
        Case((np.array([1]), np.array([[0]])), True,
             "One neuron with input 0 stays +1 under the tie rule, so [1] is stable. np.sign(0) is 0, which would "
             "call it unstable: compare with your next_state (ties give +1), not with np.sign."),
        Case((tie_s, TIE_WEIGHTS), bool(np.array_equal(sync_step(tie_s, TIE_WEIGHTS), tie_s)), _TIE_HINT),
        Case((np.array([1, 1]), CYCLE_WEIGHTS), False, "Part of a 2-cycle is not stable."),
        Case((X8[0], W8), bool(np.array_equal(sync_step(X8[0], W8), X8[0])), shifted,
             call="is_stable(memories[0], weights / 8)  # 8 neurons, 3 memories, fractional weights (1/N)"),
    ]
    return _array_truth_hint(run_cases("check_is_stable", is_stable, cases, what="Exercise 1.3 is_stable",
                                       needs={"next_state": (_NEXT, check_next_state)}))


def check_energy(energy) -> CheckResult:
    """Exercise 1.4: ``energy(state, weights)`` = -1/2 s^T W s (zero thresholds), a float."""
    rng = np.random.default_rng(104)
    X = rng.choice([-1, 1], size=(2, 9))
    W = hebbian_weights(X)
    s = rng.choice([-1, 1], size=9)
    ref = lambda st, w: -0.5 * float(np.asarray(st) @ w @ np.asarray(st))  # noqa: E731
    pair = np.array([[0, 1], [1, 0]])
    triple = np.ones((3, 3), dtype=int) - np.eye(3, dtype=int)  # three neurons, all joined by weights 1
    half = "the factor 1/2 is missing: E = -1/2 * sum_ij W_ij s_i s_j (the double sum counts each pair twice)."
    sign = "the sign is wrong: E = MINUS 1/2 * sum_ij W_ij s_i s_j, so a stable state has a low (negative) energy."
    pairs = ("with the factor 1/2 the sum must run over ALL i, j (both W_01 and W_10); summing over i < j only "
             "already counts each pair once, so then drop the 1/2.")
    per_neuron = ("do not divide by the number of neurons: E = -1/2 * sum_ij W_ij s_i s_j has no 1/N (a 1/N "
                  "normalisation, when there is one, is already in the weights).")
    both_s = ("the energy depends on the state: each term is s_i W_ij s_j, the weight times BOTH states (here s_0 s_1 = "
              "-1, so E = -1/2 (W_01 s_0 s_1 + W_10 s_1 s_0) = +1): compute -0.5 * state @ weights @ state.")
    # (A plain sign error gives +3 in case 1 and is named there; an answer that reaches case 2 with -1 computed -3
    # in case 1, so its mistake is not the sign.)
    # Case 1 has three neurons, so that the missing 1/2 (-6), the sign (+3), the sum over i < j with the 1/2 (-1.5)
    # and a division by N (-1) give four different values.
    cases = [
        Case((np.array([1, 1, 1]), triple), -3.0, compare=allclose(),
             mistakes=[(-6.0, half), (3.0, sign), (-1.5, pairs), (-1.0, per_neuron), (6.0, half + " And " + sign),
                       (1.5, pairs + " And " + sign)],
             hint="Three neurons, all joined by weights 1, in the state [1, 1, 1]: the double sum has 6 terms of 1, "
                  "so E = -1/2 * 6 = -3.", call="energy([1, 1, 1], [[0, 1, 1], [1, 0, 1], [1, 1, 0]])"),
        Case((np.array([1, -1]), pair), 1.0, compare=allclose(), mistakes=[(2.0, half), (-1.0, both_s)],
             hint="Opposite neurons joined by a positive weight: E = -1/2 (W_01 s_0 s_1 + W_10 s_1 s_0) = +1."),
        Case((EXAMPLE_STATE, EXAMPLE_WEIGHTS), ref(EXAMPLE_STATE, EXAMPLE_WEIGHTS), compare=allclose(),
             hint="E = -1/2 * state @ weights @ state."),
        Case((np.array([1, -1, -1, 1]), EXAMPLE_WEIGHTS), ref(np.array([1, -1, -1, 1]), EXAMPLE_WEIGHTS),
             compare=allclose(), hint="E = -1/2 * sum_ij W_ij s_i s_j; the stable state has the lower energy."),
        Case((s, W), ref(s, W), "state @ weights @ state computes sum_ij W_ij s_i s_j.", compare=allclose()),
        Case((s, W / 9), ref(s, W / 9), compare=allclose(),
             hint="Weights need not be integers (here W / N, the 1/N normalisation of later chapters): compute "
                  "-0.5 * state @ weights @ state in floating point, without int() or floor division //."),
    ]
    return run_cases("check_energy", energy, cases, what="Exercise 1.4 energy")


# --------------------------------------------------------------------------- chapter 02
def check_single_state_weights(single_state_weights) -> CheckResult:
    """Exercise 2.1: ``single_state_weights(state)``: W_ij = s_i s_j, W_ii = 0."""
    rng = np.random.default_rng(201)
    s7 = rng.choice([-1, 1], size=7)
    diag = "The diagonal must be 0 (no neuron connects to itself): np.fill_diagonal(weights, 0) after np.outer."
    s4 = np.array([1, -1, 1, 1])
    cases = [
        Case((s4,), hebbian_weights(s4), mistakes=[(np.outer(s4, s4), diag), (-hebbian_weights(s4),
                                                                                "The sign: W_ij = +s_i s_j.")],
             hint="Entry (i, j) is s_i * s_j: np.outer(state, state) (for a 1-D array, state @ state.T is a "
                  "number, not a matrix); the diagonal (i == j) is 0."),
        Case((np.array([-1, -1, 1, -1]),), hebbian_weights([-1, -1, 1, -1]),
             mistakes=[(np.outer([-1, -1, 1, -1], [-1, -1, 1, -1]), diag)],
             hint="Check the row of neuron 2 against neuron 4: it is s2*s4 (the PCBS course's matrix has a typo "
                  "there)."),
        Case((s7,), hebbian_weights(s7), mistakes=[(np.outer(s7, s7), diag)],
             hint="Your function should work for any number of neurons, not only 4: take N from len(state)."),
        Case((np.array([1]),), np.array([[0]]), "One neuron: a 1x1 matrix holding the zero diagonal."),
    ]
    return run_cases("check_single_state_weights", single_state_weights, cases,
                     what="Exercise 2.1 single_state_weights")


def check_my_state(my_state, next_state=None) -> CheckResult:
    """Exercise 2.2: a state of your own (at least 4 neurons, +1/-1), stored with Hebb's rule, is stable and
    every single flipped neuron is repaired by one synchronous update (the next cell shows one such repair)."""
    name, what = "check_my_state", "Exercise 2.2 my_state"
    if my_state is None:
        return not_done(name, what)
    bad = lambda text: CheckResult(name, False, f"✗ {what}: {text}", "wrong")  # noqa: E731
    if callable(my_state):
        return bad(f"expected a state (a NumPy array of +1/-1), got {describe(my_state)}.")
    if not isinstance(my_state, (list, tuple, np.ndarray)):
        return bad(f"expected a 1-D NumPy array of at least 4 values +1/-1, got {describe(my_state)}.")
    try:
        s = np.asarray(my_state)
    except Exception:
        return bad(f"expected a 1-D array of at least 4 values +1/-1, got a ragged {type(my_state).__name__} "
                   "(rows of different lengths).")
    if s.dtype.kind not in "iuf":
        return bad(f"expected numbers +1/-1, got {describe(my_state)}.")
    if s.ndim != 1:
        return bad(f"expected a 1-D state, got {describe(my_state)}: write it as one row, e.g. "
                   "np.array([1, -1, 1, 1, -1]).")
    if s.size < 4:
        return bad(f"{fmt(my_state)} has {s.size} neurons; the exercise asks for at least 4 (with 3 neurons, "
                   "after one flip the two other neurons receive an input of exactly 0, and the tie rule sets them to "
                   "+1 even where they should be -1).")
    if s.size > 5000:
        return bad(f"{s.size} neurons is more than this check handles (5000): choose a smaller state.")
    if not np.all(np.isin(s, [-1, 1])):
        values = sorted(set(np.unique(s).tolist()))[:5]
        return bad(f"the values must be +1 or -1, got {fmt(values)}" +
                   (" (0/1 is the other convention; here off is -1)." if set(values) <= {0, 1} else "."))
    s = s.astype(np.int64)
    W = hebbian_weights(s)
    if not np.array_equal(sync_step(s, W), s):
        return bad("your state is not stable, which cannot happen for one stored state; check the values.")
    fields = W @ s
    repaired = True
    for lo in range(0, s.size, 512):  # all single flips at once: h - 2 s_k W[:, k], N^2 work in total
        cols = np.arange(lo, min(lo + 512, s.size))
        after = np.where(fields[:, None] - 2 * W[:, cols] * s[cols][None, :] >= 0, 1, -1)
        repaired &= bool(np.all(after == s[:, None]))
    if not repaired:
        return bad(f"{fmt(s)} is stable, but not every single flipped neuron is repaired in one synchronous step.")
    return CheckResult(name, True, f"✓ {what}: {fmt(s)} is stable in its own Hebbian network, and every single "
                                   "flipped neuron is repaired in one synchronous step.")


def check_weights_from_states(weights_from_states) -> CheckResult:
    """Exercise 2.3: ``weights_from_states(states)`` with states of shape (p, N): sum of the outer products,
    zero diagonal, no normalisation."""
    rng = np.random.default_rng(203)
    X = rng.choice([-1, 1], size=(5, 10))
    two = np.array([[1, 1, -1, -1], [1, -1, 1, -1]])
    zero_neuron = np.array([[1, 1, 1, 1], [1, -1, -1, -1]])
    diag = "The diagonal must be 0: np.fill_diagonal(weights, 0) after summing (each state adds p to it)."
    rows = ("States are the ROWS of the array (shape p x N): states.T @ states is the N x N sum of the outer "
            "products; states @ states.T is the p x p matrix of overlaps.")
    def mistakes(S):
        return [(S.T @ S, diag),
                (hebbian_weights(S[:1]) if len(S) > 1 else None, "Only the first state is stored: sum the outer "
                                                                "products of every row."),
                (hebbian_weights(S, normalize="N"), "No normalisation here: the plain sum (no 1/N)."),
                (hebbian_weights(S, normalize="p"), "No normalisation here: the plain sum (no 1/p).")]

    cases = [
        Case((two[:1],), hebbian_weights(two[:1]), rows + " With one state the result equals single_state_weights.",
             mistakes=mistakes(two[:1])[::2]),
        Case((two,), hebbian_weights(two), rows + " Sum over EVERY row.", mistakes=mistakes(two)),
        Case((zero_neuron,), hebbian_weights(zero_neuron), mistakes=mistakes(zero_neuron),
             hint="Here neuron 0 ends with all-zero weights: its two contributions cancel."),
        Case((X,), hebbian_weights(X), rows, mistakes=mistakes(X)),
    ]
    return run_cases("check_weights_from_states", weights_from_states, cases, what="Exercise 2.3 weights_from_states")


# --------------------------------------------------------------------------- chapter 03
S_TEXT = """
11111
1....
11111
....1
11111
"""


def check_string_to_image(string_to_image) -> CheckResult:
    """Exercise 3.1: ``string_to_image(text)`` -> 2-D integer array of +1 (``1``) and -1 (``.``)."""
    small = "1.\n.1"
    off = "The off pixels '.' are -1, not 0 (this course's states are +1/-1)."
    cases = [
        Case((small,), image_from_string(small), values=_PM,
             mistakes=[(np.array([[1, 0], [0, 1]]), off)],
             hint="Map '1' to +1 and '.' to -1, one row of the array per line of the text."),
        Case((S_TEXT,), image_from_string(S_TEXT), values=_PM,
             hint="This text starts and ends with a blank line: text.split() gives the rows and ignores blank "
                  "lines (text.split('\\n') keeps them as empty rows)."),
        Case(("\n    1.1\n    .1.\n",), image_from_string("1.1 .1."), values=_PM,
             hint="Leading spaces and blank lines around the rows must be ignored: text.split()."),
        Case(("1.\n.1\n11",), image_from_string("1.\n.1\n11"), values=_PM,
             hint="Images need not be square: this one is 3 rows by 2."),
        Case((".....\n.....",), -np.ones((2, 5), dtype=int), off, values=_PM),
    ]
    return run_cases("check_string_to_image", string_to_image, cases, what="Exercise 3.1 string_to_image")


def check_image_to_state(image_to_state) -> CheckResult:
    """Exercise 3.2: ``image_to_state(image)`` -> 1-D state, read row by row."""
    img = image_from_string(S_TEXT)
    rect = image_from_string("1.. .11")
    cols = "You read the image column by column (.T or order='F'): read it row by row, image.reshape(-1)."
    cases = [
        Case((rect,), rect.ravel(), mistakes=[(rect.T.ravel(), cols)],
             hint="A 2x3 image gives a 1-D state of 6 neurons, read row by row: image.reshape(-1) or "
                  "image.flatten()."),
        Case((img,), img.ravel(), mistakes=[(img.T.ravel(), cols)],
             hint="Read the image row by row: image.flatten() or image.reshape(-1)."),
    ]
    return run_cases("check_image_to_state", image_to_state, cases, what="Exercise 3.2 image_to_state")


def check_state_to_image(state_to_image) -> CheckResult:
    """Exercise 3.3: ``state_to_image(state)`` -> square 2-D image, filled row by row."""
    img = image_from_string(S_TEXT)
    rng = np.random.default_rng(303)
    s16 = rng.choice([-1, 1], size=16)
    cols = "You filled the image column by column (order='F' or .T): fill it row by row, state.reshape(side, side)."
    nine = np.array([1, -1, -1, 1, 1, -1, -1, 1, 1])
    cases = [
        Case((nine,), nine.reshape(3, 3), mistakes=[(nine.reshape(3, 3).T, cols)],
             hint="Work out the side from the length (the side is not always 5): 9 neurons make a 3x3 image, side = "
                  "int(round(np.sqrt(len(state)))); reshape needs an int, not the float len(state) ** 0.5."),
        Case((s16,), s16.reshape(4, 4), mistakes=[(s16.reshape(4, 4).T, cols)],
             hint="Work out the side from the length: 16 neurons make a 4x4 image."),
        Case((img.ravel(),), img, mistakes=[(img.T, cols)],
             hint="Undo image_to_state: reshape to (side, side) with side = sqrt(len(state))."),
    ]
    return run_cases("check_state_to_image", state_to_image, cases, what="Exercise 3.3 state_to_image")


# --------------------------------------------------------------------------- chapter 04
def _recall_reference(image, memories):
    W = hebbian_weights(np.array([np.asarray(m).ravel() for m in memories]))
    return run(np.asarray(image).ravel(), W, mode="sync", max_steps=100).state.reshape(np.shape(image))


def check_recall_image(recall_image) -> CheckResult:
    """Exercise 4.1: ``recall_image(image, memories)`` -> final image (synchronous dynamics, Hebb weights);
    ``memories`` a list of images or a dict name -> image (as in the next cells)."""
    mem_dict = letters("LPSX")
    mem = list(mem_dict.values())
    init = letter_test_states()
    hint = ("Build W from the memories (Hebb, zero diagonal), flatten the image, iterate synchronous updates "
            "to a fixed point (at most 100 steps) and reshape back to the image's shape.")
    asyncr = ("Your result is what asynchronous updates give: the exercise asks for synchronous updates "
              "(mode='sync' with hc.run, or all neurons at once with weights @ state).")
    cases = [
        Case((mem_dict["L"], mem), mem_dict["L"], "A stored memory is a fixed point: it comes back unchanged.",
             call="recall_image(memories['L'], list(memories.values()))", values=_PM),
        Case((init["L_corrupted"], mem), _recall_reference(init["L_corrupted"], mem), hint, values=_PM,
             call="recall_image(initial_states['L_corrupted'], list(memories.values()))"),
        Case((init["L_corrupted"], mem_dict), _recall_reference(init["L_corrupted"], mem), values=_PM,
             hint="memories may also be a dict name -> image, as in the next cells: use memories.values() "
                  "when it is a dict (isinstance(memories, dict)).",
             call="recall_image(initial_states['L_corrupted'], memories)  # memories is a dict"),
    ]
    for key in ("X_corrupted", "odd", "all_off", "bars"):
        expected = _recall_reference(init[key], mem)
        W = hebbian_weights(np.array([m.ravel() for m in mem]))
        wrong = run(init[key].ravel(), W, mode="async", order="sequential", max_steps=100).state.reshape(5, 5)
        cases.append(Case((init[key], mem_dict), expected, hint, values=_PM,
                          mistakes=[(wrong, asyncr)] if not np.array_equal(wrong, expected) else (),
                          call=f"recall_image(initial_states[{key!r}], memories)"))
    # Two memories (L and S): started at 'all_off', the network meets a field of exactly 0 (the tie rule decides).
    two = [letters("LPSXUIJ")[k] for k in "LS"]
    X2 = np.array([m.ravel() for m in two])
    W2 = X2.T @ X2
    np.fill_diagonal(W2, 0)
    s = init["all_off"].ravel()
    for _ in range(100):  # what np.sign gives (a zero field leaves a 0, which then stays)
        t = np.sign(W2 @ s)
        if np.array_equal(t, s):
            break
        s = t
    expected = _recall_reference(init["all_off"], two)
    cases.append(Case((init["all_off"], two), expected, _TIE_HINT, values=_PM,
                      mistakes=[(s.reshape(5, 5), _TIE_HINT)] if not np.array_equal(s.reshape(5, 5), expected) else (),
                      call="recall_image(initial_states['all_off'], [letters['L'], letters['S']])"))
    return run_cases("check_recall_image", recall_image, cases, what="Exercise 4.1 recall_image")


def check_classify(classify) -> CheckResult:
    """Exercise 4.2: ``classify(image, memories)`` -> a memory's name, ``'-name'`` for its negation, or ``'spurious'``."""
    mem = letters("LPSX")
    init = letter_test_states()
    eq = ("Compare whole images with np.array_equal(image, memory): `image == memory` compares pixel by pixel "
          "and `if` cannot decide on an array.")
    cases = [
        Case((mem["P"], mem), "P", "An exact memory returns its name (the dict's key). " + eq,
             call="classify(memories['P'], memories)"),
        Case((-mem["S"], mem), "-S", "A negated memory returns '-' + name: compare with -memory too.",
             mistakes=[("S", "This image is the NEGATION of S: return '-S'."),
                       ("spurious", "Negated memories count: compare with -memory as well and return '-' + name.")],
             call="classify(-memories['S'], memories)"),
        Case((init["odd"], mem), classify_state(init["odd"], mem), "Anything else is 'spurious' (a string).",
             call="classify(initial_states['odd'], memories)"),
        Case((mem["X"].astype(float), mem), "X", "The image may hold floats +1.0/-1.0: np.array_equal still works.",
             call="classify(memories['X'].astype(float), memories)"),
        Case((init["L_corrupted"], mem), classify_state(init["L_corrupted"], mem),
             "An image one pixel away from a memory is not that memory: it is 'spurious'. Compare whole images "
             "exactly (np.array_equal), not overlaps against a threshold or the nearest memory.",
             mistakes=[("L", "L_corrupted differs from L in one pixel, so it is not L: return a name only when the "
                             "image equals the memory exactly (np.array_equal), not when the overlap is large.")],
             call="classify(initial_states['L_corrupted'], memories)"),
    ]
    return run_cases("check_classify", classify, cases, what="Exercise 4.2 classify")


def _stable_reference(memories):
    names = list(memories)
    X = np.array([memories[k].ravel() for k in names])
    W = hebbian_weights(X)
    return [k for k, x in zip(names, X) if np.array_equal(sync_step(x, W), x)]


def check_stable_memories(stable_memories) -> CheckResult:
    """Exercise 4.3: ``stable_memories(memories)`` -> list of the names of the memories that are fixed points."""
    four, seven = letters("LPSX"), letters("LPSXUIJ")
    order = "Return the names in the order of the dict (a list, not a set or an array)."
    diag = ("Your list includes memories that are not fixed points: build W with a zero diagonal (a diagonal "
            "of p adds p * s_i to every input and makes more states look stable).")
    allnames = ("Not every memory is a fixed point: test one synchronous update of each memory in the network "
                "storing ALL of them, built with a zero diagonal (a diagonal of p makes every memory look stable).")
    cases = []
    for mems, call in ((four, "stable_memories(letters('LPSX'))"), (seven, "stable_memories(letters('LPSXUIJ'))")):
        X = np.array([m.ravel() for m in mems.values()])
        full = X.T @ X
        wrong = [k for k, x in zip(mems, X) if np.array_equal(np.where(full @ x >= 0, 1, -1), x)]
        mist = [(list(mems), allnames)] + ([(wrong, diag)] if wrong != _stable_reference(mems) else [])
        cases.append(Case((mems,), _stable_reference(mems), order + " Store all memories in one W; a memory is "
                          "stable when one synchronous update leaves it unchanged.", call=call, mistakes=mist))
    # Five letters in a non-alphabetical order; S is stable only through the tie rule (a field of exactly 0).
    five = {k: seven[k] for k in "JXSPL"}
    X = np.array([m.ravel() for m in five.values()])
    W = X.T @ X
    np.fill_diagonal(W, 0)
    by_sign = [k for k, x in zip(five, X) if np.array_equal(np.sign(W @ x), x)]
    ref = _stable_reference(five)
    mist = [(m, h) for m, h in ((by_sign, _TIE_HINT), (sorted(ref), order)) if m != ref]
    cases.append(Case((five,), ref, order + " " + _TIE_HINT, mistakes=mist,
                      call="stable_memories({k: letters['LPSXUIJ'][k] for k in 'JXSPL'})"))
    return run_cases("check_stable_memories", stable_memories, cases, what="Exercise 4.3 stable_memories")
