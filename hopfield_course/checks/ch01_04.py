"""Checks for the exercises of chapters 01-04 (the exercise sequence of the seed 001 course).

Reference answers are computed with the package's own functions, never typed in.
"""

from __future__ import annotations

import numpy as np

from ..dynamics import run, sync_step
from ..states import image_from_string
from ..memories import seed001_initial_states, seed001_memories
from ..states import classify_state
from ..learning_rules import hebbian_weights
from ._core import Case, CheckResult, allclose, fmt, not_done, run_cases

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

# The 4-neuron example of seed 001, exercise 1.
EXAMPLE_STATE = np.array([1, -1, -1, -1])
EXAMPLE_WEIGHTS = np.array([[0, -1, -1, 1], [-1, 0, 1, -1], [-1, 1, 0, -1], [1, -1, -1, 0]])
# Weights with a tie: neuron 2 receives a field of exactly 0 from this state.
TIE_WEIGHTS = np.array([[0, 1, 1], [1, 0, -1], [1, -1, 0]])
TIE_STATE = np.array([1, -1, 1])
# A 2-cycle under synchronous updates: two mutually inhibiting neurons started equal.
CYCLE_WEIGHTS = np.array([[0, -1], [-1, 0]])

# A start of seed 001's exercise 4 that needs two synchronous updates to settle.
BARS = seed001_initial_states()["bars"].ravel()
LETTERS_W = hebbian_weights(np.array([m.ravel() for m in seed001_memories(4).values()]))

_TIE_HINT = ("A neuron whose input is exactly 0 becomes +1 (the course's tie rule: +1 if sum_j W_ij s_j >= 0). "
             "np.sign(0) is 0, so np.sign alone gets this case wrong.")


# --------------------------------------------------------------------------- chapter 01
def check_next_state(next_state) -> CheckResult:
    """Exercise 1.1: ``next_state(state, weights)`` — one synchronous update."""
    rng = np.random.default_rng(101)
    X = rng.choice([-1, 1], size=(3, 12))
    W = hebbian_weights(X)
    probe = rng.choice([-1, 1], size=12)
    cases = [
        Case((EXAMPLE_STATE, EXAMPLE_WEIGHTS), sync_step(EXAMPLE_STATE, EXAMPLE_WEIGHTS),
             "Compute every neuron's input with weights @ state, then take its sign."),
        Case((np.array([1, -1, -1, 1]), EXAMPLE_WEIGHTS), np.array([1, -1, -1, 1]),
             "A stable state must come back unchanged."),
        Case((TIE_STATE, TIE_WEIGHTS), sync_step(TIE_STATE, TIE_WEIGHTS), _TIE_HINT),
        Case((np.array([-1]), np.array([[0]])), np.array([1]),
             "One neuron with no connections has input 0, so it becomes +1 (tie rule)."),
        Case((probe, W), sync_step(probe, W),
             "All neurons are updated at once from the OLD state (synchronous update)."),
    ]
    return run_cases("check_next_state", next_state, cases, what="Exercise 1.1 next_state")


def _final_cases():
    return [
        Case((EXAMPLE_STATE, EXAMPLE_WEIGHTS), np.array([1, -1, -1, 1]),
             "Apply next_state repeatedly until the state stops changing; seed 001's example ends at [1, -1, -1, 1]."),
        Case((np.array([1, -1, -1, 1]), EXAMPLE_WEIGHTS), np.array([1, -1, -1, 1]),
             "Starting at a stable state, the final state is that state."),
        Case((BARS, LETTERS_W), run(BARS, LETTERS_W, mode="sync").state,
             "This start needs two updates before it is stable: keep updating until nothing changes.",
             call="final_state(bars, weights_of_L_P_S_X)"),
    ]


def check_final_state(final_state) -> CheckResult:
    """Exercise 1.2: ``final_state(state, weights, max_iterations=100)``.

    Also checks that it terminates on a 2-cycle (returning one of the two states).
    """
    result = run_cases("check_final_state", final_state, _final_cases(), what="Exercise 1.2 final_state")
    if not result:
        return result
    cycle_states = {(1, 1), (-1, -1)}
    try:
        got = final_state(np.array([1, 1]), CYCLE_WEIGHTS.copy(), max_iterations=7)
    except NotImplementedError:
        return not_done("check_final_state", "Exercise 1.2 final_state")
    except TypeError as exc:
        return CheckResult("check_final_state", False,
                           f"✗ Exercise 1.2 final_state: final_state([1, 1], [[0, -1], [-1, 0]], max_iterations=7) "
                           f"raised TypeError: {exc}\nHint: give final_state a max_iterations argument.", "error")
    except Exception as exc:
        return CheckResult("check_final_state", False,
                           f"✗ Exercise 1.2 final_state on a 2-cycle raised {type(exc).__name__}: {exc}", "error")
    if tuple(np.asarray(got).tolist()) not in cycle_states:
        return CheckResult("check_final_state", False,
                           f"✗ Exercise 1.2 final_state([1, 1], [[0, -1], [-1, 0]], max_iterations=7) returned "
                           f"{fmt(got)}; this network alternates between [1, 1] and [-1, -1] forever, so after the "
                           "maximum number of iterations it should return one of those two states.", "wrong")
    return CheckResult("check_final_state", True,
                       "✓ Exercise 1.2 final_state: reaches [1, -1, -1, 1] from seed 001's example, keeps stable "
                       "states, and stops after max_iterations on a network that never settles (a 2-cycle).")


def check_is_stable(is_stable) -> CheckResult:
    """Exercise 1.3: ``is_stable(state, weights)`` -> bool."""
    truthy = lambda got, exp: isinstance(got, (bool, np.bool_)) and bool(got) == exp  # noqa: E731
    cases = [
        Case((np.array([1, -1, -1, 1]), EXAMPLE_WEIGHTS), True, "One update leaves [1, -1, -1, 1] unchanged.", compare=truthy),
        Case((EXAMPLE_STATE, EXAMPLE_WEIGHTS), False, "The example's initial state changes under one update.", compare=truthy),
        Case((np.array([1, 1]), CYCLE_WEIGHTS), False, "Part of a 2-cycle is not stable.", compare=truthy),
        Case((np.array([-1, 1, -1]), TIE_WEIGHTS), bool(np.array_equal(sync_step([-1, 1, -1], TIE_WEIGHTS), [-1, 1, -1])),
             _TIE_HINT, compare=truthy),
    ]
    return run_cases("check_is_stable", is_stable, cases, what="Exercise 1.3 is_stable")


def check_energy(energy) -> CheckResult:
    """Exercise 1.4: ``energy(state, weights)`` = -1/2 s^T W s (zero thresholds)."""
    rng = np.random.default_rng(104)
    X = rng.choice([-1, 1], size=(2, 9))
    W = hebbian_weights(X)
    s = rng.choice([-1, 1], size=9)
    ref = lambda st, w: -0.5 * float(st @ w @ st)  # noqa: E731
    cases = [
        Case((EXAMPLE_STATE, EXAMPLE_WEIGHTS), ref(EXAMPLE_STATE, EXAMPLE_WEIGHTS),
             "E = -1/2 * sum_ij W_ij s_i s_j: don't forget the factor 1/2 and the minus sign.", compare=allclose()),
        Case((np.array([1, -1, -1, 1]), EXAMPLE_WEIGHTS), ref(np.array([1, -1, -1, 1]), EXAMPLE_WEIGHTS),
             "E = -1/2 * sum_ij W_ij s_i s_j; the stable state has the lower energy.", compare=allclose()),
        Case((s, W), ref(s, W), "state @ weights @ state computes sum_ij W_ij s_i s_j.", compare=allclose()),
    ]
    return run_cases("check_energy", energy, cases, what="Exercise 1.4 energy")


# --------------------------------------------------------------------------- chapter 02
def check_single_state_weights(single_state_weights) -> CheckResult:
    """Exercise 2.1: ``single_state_weights(state)``: W_ij = s_i s_j, W_ii = 0."""
    rng = np.random.default_rng(201)
    s7 = rng.choice([-1, 1], size=7)
    cases = [
        Case((np.array([1, -1, 1, 1]),), hebbian_weights([1, -1, 1, 1]),
             "Entry (i, j) is s_i * s_j; the diagonal (i == j) is 0: no neuron connects to itself."),
        Case((np.array([-1, -1, 1, -1]),), hebbian_weights([-1, -1, 1, -1]),
             "Check the row of neuron 2 against neuron 4: it is s2*s4 (seed 001's matrix has a typo there)."),
        Case((s7,), hebbian_weights(s7), "Your function should work for any number of neurons, not only 4."),
        Case((np.array([1]),), np.array([[0]]), "One neuron: a 1x1 matrix holding the zero diagonal."),
    ]
    return run_cases("check_single_state_weights", single_state_weights, cases,
                     what="Exercise 2.1 single_state_weights")


def check_my_state(my_state, next_state=None) -> CheckResult:
    """Exercise 2.2: a state of your own, stored with Hebb's rule, is stable and repairs one flipped neuron."""
    name = "check_my_state"
    if my_state is None:
        return not_done(name, "Exercise 2.2 my_state")
    s = np.asarray(my_state)
    if s.ndim != 1 or s.size < 3 or not np.all(np.isin(s, [-1, 1])):
        return CheckResult(name, False, f"✗ Exercise 2.2: my_state should be a 1-D array of at least 3 values "
                                        f"+1/-1, got {fmt(my_state)}.", "wrong")
    W = hebbian_weights(s)
    if not np.array_equal(sync_step(s, W), s):
        return CheckResult(name, False, "✗ Exercise 2.2: your state is not stable, which cannot happen for one "
                                        "stored state; check the values.", "wrong")
    repaired = all(np.array_equal(run(np.where(np.arange(s.size) == i, -s, s), W).state, s) for i in range(s.size))
    return CheckResult(name, True, f"✓ Exercise 2.2: {fmt(s)} is stable in its own Hebbian network, and "
                                   f"{'every' if repaired else 'not every'} single flipped neuron is repaired "
                                   "in one synchronous step.")


def check_weights_from_states(weights_from_states) -> CheckResult:
    """Exercise 2.3: ``weights_from_states(states)`` with states of shape (p, N)."""
    rng = np.random.default_rng(203)
    X = rng.choice([-1, 1], size=(5, 10))
    two = np.array([[1, 1, -1, -1], [1, -1, 1, -1]])
    zero_neuron = np.array([[1, 1, 1, 1], [1, -1, -1, -1]])
    cases = [
        Case((two,), hebbian_weights(two), "Sum the single-state matrices of every row (outer products, zero diagonal)."),
        Case((two[:1],), hebbian_weights(two[:1]), "With one state the result equals single_state_weights."),
        Case((zero_neuron,), hebbian_weights(zero_neuron),
             "Here neuron 0 ends with all-zero weights: its two contributions cancel."),
        Case((X,), hebbian_weights(X), "States are the ROWS of the array: states.T @ states sums the outer products."),
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
    """Exercise 3.1: ``string_to_image(text)`` -> 2-D array of +1 (``1``) and -1 (``.``)."""
    cases = [
        Case((S_TEXT,), image_from_string(S_TEXT),
             "Split the text into rows (text.split() ignores blank lines), then map '1' to +1 and '.' to -1."),
        Case(("1.\n.1\n11",), image_from_string("1.\n.1\n11"), "Images need not be square: this one is 3 rows by 2."),
        Case(("\n    1.1\n    .1.\n",), image_from_string("1.1 .1."),
             "Leading spaces and blank lines around the rows should be ignored."),
        Case((".....\n.....",), -np.ones((2, 5), dtype=int), "All off: every pixel is -1, not 0."),
    ]
    return run_cases("check_string_to_image", string_to_image, cases, what="Exercise 3.1 string_to_image")


def check_image_to_state(image_to_state) -> CheckResult:
    """Exercise 3.2: ``image_to_state(image)`` -> 1-D state, read row by row."""
    img = image_from_string(S_TEXT)
    rect = image_from_string("1.. .11")
    cases = [
        Case((img,), img.ravel(), "Read the image row by row: image.flatten() or image.reshape(-1)."),
        Case((rect,), rect.ravel(), "A 2x3 image gives a state of 6 neurons, row by row."),
    ]
    return run_cases("check_image_to_state", image_to_state, cases, what="Exercise 3.2 image_to_state")


def check_state_to_image(state_to_image) -> CheckResult:
    """Exercise 3.3: ``state_to_image(state)`` -> square 2-D image."""
    img = image_from_string(S_TEXT)
    rng = np.random.default_rng(303)
    s16 = rng.choice([-1, 1], size=16)
    cases = [
        Case((img.ravel(),), img, "Undo image_to_state: reshape to (side, side) with side = sqrt(len(state))."),
        Case((s16,), s16.reshape(4, 4), "Work out the side from the length: 16 neurons make a 4x4 image."),
    ]
    return run_cases("check_state_to_image", state_to_image, cases, what="Exercise 3.3 state_to_image")


# --------------------------------------------------------------------------- chapter 04
def _recall_reference(image, memories):
    W = hebbian_weights(np.array([m.ravel() for m in memories]))
    return run(np.asarray(image).ravel(), W, mode="sync", max_steps=100).state.reshape(np.shape(image))


def check_recall_image(recall_image) -> CheckResult:
    """Exercise 4.1: ``recall_image(image, memories)`` -> final image (synchronous dynamics, Hebb weights)."""
    mem = list(seed001_memories(4).values())
    init = seed001_initial_states()
    cases = [
        Case((init[name], mem), _recall_reference(init[name], mem),
             "Build W from the memories (Hebb, zero diagonal), flatten the image, iterate synchronous updates "
             "to a fixed point (or a maximum number of steps), reshape back to 5x5.",
             call=f"recall_image(initial_states[{name!r}], memories)")
        for name in ("L_corrupted", "X_corrupted", "odd", "all_off")
    ]
    return run_cases("check_recall_image", recall_image, cases, what="Exercise 4.1 recall_image")


def check_classify(classify) -> CheckResult:
    """Exercise 4.2: ``classify(image, memories)`` -> a memory's name, ``'-name'`` for its negation, or ``'spurious'``."""
    mem = seed001_memories(4)
    init = seed001_initial_states()
    cases = [
        Case((mem["P"], mem), "P", "An exact memory returns its name.", compare=lambda g, e: g == e,
             call="classify(memories['P'], memories)"),
        Case((-mem["S"], mem), "-S", "A negated memory returns '-' + name.", compare=lambda g, e: g == e,
             call="classify(-memories['S'], memories)"),
        Case((init["odd"], mem), classify_state(init["odd"], mem), "Anything else is 'spurious'.",
             compare=lambda g, e: g == e, call="classify(initial_states['odd'], memories)"),
    ]
    return run_cases("check_classify", classify, cases, what="Exercise 4.2 classify")


def _stable_reference(memories):
    names = list(memories)
    X = np.array([memories[k].ravel() for k in names])
    W = hebbian_weights(X)
    return [k for k, x in zip(names, X) if np.array_equal(sync_step(x, W), x)]


def check_stable_memories(stable_memories) -> CheckResult:
    """Exercise 5.1: ``stable_memories(memories)`` -> names of the memories that are fixed points."""
    same = lambda g, e: isinstance(g, (list, tuple)) and list(g) == list(e)  # noqa: E731
    cases = [
        Case((seed001_memories(4),), _stable_reference(seed001_memories(4)),
             "Store all memories in one W; a memory is stable when one synchronous update leaves it unchanged. "
             "Return the names in the order of the dict.", compare=same, call="stable_memories(memories_ex4)"),
        Case((seed001_memories(5),), _stable_reference(seed001_memories(5)),
             "With seven memories some are no longer fixed points. Return the names in the order of the dict.",
             compare=same, call="stable_memories(memories_ex5)"),
    ]
    return run_cases("check_stable_memories", stable_memories, cases, what="Exercise 5.1 stable_memories")
