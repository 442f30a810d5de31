"""Mistake catalogue of the exercise checks: one small function per answer.

Every exercise has at least two correct answers written in different styles (vectorised and with
loops, lists and arrays), which its check must accept, and at least three mistakes that students
really make, which its check must reject with a message containing the fragment given here (the
hint meant for that mistake). Adding a mistake is one entry::

    @wrong("check_next_state", "np.sign(0) is 0")
    def next_state_with_sign(state, weights):
        return np.sign(weights @ state)

``@right(check, style)`` registers a correct answer. For an exercise whose answer is a value
(``check_my_state``) the registered function returns that value (``value=True``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from typing import Callable

import numpy as np
from scipy.optimize import brentq
from scipy.special import erf

import hopfield_course as hc


@dataclass
class Entry:
    check: str
    answer: Callable
    fragment: str | None  # None: a correct answer, which must pass
    label: str
    value: bool = False

    @property
    def id(self):
        return f"{self.check}-{'right' if self.fragment is None else 'wrong'}-{self.label}"


ENTRIES: list[Entry] = []

#: The notebook of each check (for the per-notebook counts of the report).
NOTEBOOK = {
    "check_next_state": "01", "check_final_state": "01", "check_is_stable": "01", "check_energy": "01",
    "check_single_state_weights": "02", "check_my_state": "02", "check_weights_from_states": "02",
    "check_string_to_image": "03", "check_image_to_state": "03", "check_state_to_image": "03",
    "check_recall_image": "04", "check_classify": "04", "check_stable_memories": "04",
    "check_heat_bath_probability": "05", "check_glauber_update": "05", "check_boltzmann_distribution": "05",
    "check_solve_mean_field": "05",
    "check_euler_step": "06", "check_graded_energy": "06", "check_energy_trace": "06",
    "check_two_neuron_fixed_points": "06", "check_classify_fixed_point": "06",
    "check_length_of_tour": "07", "check_decode_tour": "07", "check_ht_rhs": "07", "check_brute_force_tour": "07",
    "check_crosstalk": "08", "check_error_rate": "08", "check_rs_overlap": "08", "check_storkey": "08",
    "check_rbm_energy": "09", "check_hidden_probabilities": "09", "check_visible_probabilities": "09",
    "check_cd1_update": "09", "check_exact_log_likelihood": "09",
    "check_dense_step": "10", "check_softmax_step": "10", "check_bit_error": "10",
    "check_sequence_weights": "11", "check_detect_cycle": "11", "check_controlled_cost": "11",
}


def right(check, style, *, value=False):
    def register(func):
        ENTRIES.append(Entry(check, func, None, style or func.__name__, value))
        return func
    return register


def wrong(check, fragment, *, value=False):
    def register(func):
        ENTRIES.append(Entry(check, func, fragment, func.__name__, value))
        return func
    return register


# =========================================================================== 01 structure and dynamics
@right("check_next_state", "vectorised")
def next_state(state, weights):
    return np.where(weights @ state >= 0, 1, -1)


@right("check_next_state", "loops, list result")
def next_state_loops(state, weights):
    new = []
    for i in range(len(state)):
        field = sum(weights[i][j] * state[j] for j in range(len(state)))
        new.append(1 if field >= 0 else -1)
    return new


@wrong("check_next_state", "np.sign(0) is 0")
def next_state_sign(state, weights):
    return np.sign(weights @ state)


@wrong("check_next_state", "`fields > 0` gives -1")
def next_state_strict(state, weights):
    return np.where(weights @ state > 0, 1, -1)


@wrong("check_next_state", "changed its argument `state` in place")
def next_state_in_place(state, weights):
    for i in range(len(state)):
        state[i] = 1 if weights[i] @ state >= 0 else -1
    return state


@wrong("check_next_state", "synchronous update")
def next_state_sequential_copy(state, weights):
    s = np.array(state)
    for i in range(len(s)):
        s[i] = 1 if weights[i] @ s >= 0 else -1
    return s


@wrong("check_next_state", "did you forget `return`")
def next_state_no_return(state, weights):
    np.where(weights @ state >= 0, 1, -1)


@wrong("check_next_state", "compare the field h with 0 itself")
def next_state_shifted_sign(state, weights):
    return np.sign(weights @ state + 0.5)  # exact for integer fields, wrong for W / N


@wrong("check_next_state", "compare the field h with 0 itself")
def next_state_threshold_minus_one(state, weights):
    return np.where(weights @ state > -1, 1, -1)  # exact for integer fields, wrong for W / N


@wrong("check_next_state", "The signs are reversed")
def next_state_reversed(state, weights):
    return np.where(weights @ state >= 0, -1, 1)


@wrong("check_next_state", "your loop skips it")
def next_state_skips_last(state, weights):
    new = np.array(state)
    for i in range(len(state) - 1):
        new[i] = 1 if weights[i] @ state >= 0 else -1
    return new


@wrong("check_next_state", "Your result is the input state unchanged")
def next_state_returns_state(state, weights):
    fields = weights @ state  # noqa: F841 - computed, then forgotten
    return state


@wrong("check_next_state", "Do not add the neuron's own state")
def next_state_self_coupling(state, weights):
    return np.where(weights @ state + state >= 0, 1, -1)  # a self-coupling W_ii = 1


@right("check_final_state", "for loop")
def final_state(state, weights, max_iterations=100):
    for _ in range(max_iterations):
        new = next_state(state, weights)
        if np.array_equal(new, state):
            return new
        state = new
    return state


@right("check_final_state", "while loop with a counter")
def final_state_while(state, weights, max_iterations=100):
    count = 0
    while count < max_iterations:
        new = next_state(state, weights)
        if np.array_equal(new, state):
            break
        state, count = new, count + 1
    return np.asarray(state)


@wrong("check_final_state", "one update too many or too few")
def final_state_one_too_many(state, weights, max_iterations=100):
    for _ in range(max_iterations + 1):
        new = next_state(state, weights)
        if np.array_equal(new, state):
            return new
        state = new
    return state


@wrong("check_final_state", "one update too many or too few")
def final_state_one_too_few(state, weights, max_iterations=100):
    for _ in range(max_iterations - 1):
        new = next_state(state, weights)
        if np.array_equal(new, state):
            return new
        state = new
    return state


@wrong("check_final_state", "does your loop stop?")
def final_state_ignores_max(state, weights, max_iterations=100):
    while True:
        new = next_state(state, weights)
        if np.array_equal(new, state):
            return new
        state = new


@wrong("check_final_state", "did you forget `return`")
def final_state_no_return(state, weights, max_iterations=100):
    for _ in range(max_iterations):
        new = next_state(state, weights)
        if np.array_equal(new, state):
            break
        state = new


@wrong("check_final_state", "keep updating until nothing changes")
def final_state_one_update(state, weights, max_iterations=100):
    return next_state(state, weights)


@wrong("check_final_state", "return only the state")
def final_state_with_count(state, weights, max_iterations=100):
    k = 0
    for k in range(max_iterations):
        new = next_state(state, weights)
        if np.array_equal(new, state):
            return new, k
        state = new
    return state, k


@wrong("check_final_state", "compare whole states with np.array_equal(new, state)")
def final_state_if_equal(state, weights, max_iterations=100):
    for _ in range(max_iterations):
        new = next_state(state, weights)
        if new == state:
            return new
        state = new
    return state


def _final_state_on_wrong_next_state():
    def next_state(state, weights):  # a wrong Exercise 1.1 (no tie rule)
        return np.where(weights @ state > 0, 1, -1)

    def final_state(state, weights, max_iterations=100):
        for _ in range(max_iterations):
            new = next_state(state, weights)
            if np.array_equal(new, state):
                return new
            state = new
        return state
    return final_state


wrong("check_final_state", "which does not pass Exercise 1.1 next_state yet")(_final_state_on_wrong_next_state())


@wrong("check_final_state", "the default of max_iterations is 50")
def final_state_default_50(state, weights, max_iterations=50):
    return final_state(state, weights, max_iterations)


@wrong("check_final_state", "the default of max_iterations is 1000")
def final_state_default_1000(state, weights, max_iterations=1000):
    return final_state(state, weights, max_iterations)


@right("check_is_stable", "array_equal")
def is_stable(state, weights):
    return bool(np.array_equal(next_state(state, weights), state))


@right("check_is_stable", "loop over neurons")
def is_stable_loops(state, weights):
    for i in range(len(state)):
        if (1 if weights[i] @ state >= 0 else -1) != state[i]:
            return False
    return True


@wrong("check_is_stable", "not with np.sign")
def is_stable_sign(state, weights):
    return bool(np.array_equal(np.sign(weights @ state), state))


@wrong("check_is_stable", "expected True or False (a bool), got an array")
def is_stable_elementwise(state, weights):
    return next_state(state, weights) == state


@wrong("check_is_stable", "not any")
def is_stable_any(state, weights):
    return bool(np.any(next_state(state, weights) == state))


@wrong("check_is_stable", "expected True or False (a bool), got a function")
def is_stable_method(state, weights):
    return (next_state(state, weights) == state).all


@wrong("check_is_stable", "is the answer negated")
def is_stable_negated(state, weights):
    return not np.array_equal(next_state(state, weights), state)


@wrong("check_is_stable", "compare whole states with np.array_equal(new, state)")
def is_stable_if_equal(state, weights):
    if next_state(state, weights) == state:
        return True
    return False


@wrong("check_is_stable", "compare the field h with 0 itself")
def is_stable_shifted_sign(state, weights):
    return bool(np.all(np.sign(weights @ state + 0.5) == state))  # exact for integer fields, wrong for W / N


@wrong("check_is_stable", "compare the field h with 0 itself")
def is_stable_threshold_minus_one(state, weights):
    return bool(np.all(np.where(weights @ state > -1, 1, -1) == state))  # exact for integer fields only


def _is_stable_type_mistake(wrap, name):
    def is_stable(state, weights):
        return wrap(bool(np.array_equal(next_state(state, weights), state)))
    is_stable.__name__ = name
    return is_stable


# a return value of the wrong type is told so, without "Yours says False" (the value there is True)
for _wrap, _name in ((int, "is_stable_int"), (lambda b: "stable" if b else "unstable", "is_stable_string"),
                     (lambda b: [b], "is_stable_list"), (np.array, "is_stable_0d_array")):
    wrong("check_is_stable", "not a number, a string or an array")(_is_stable_type_mistake(_wrap, _name))


@wrong("check_is_stable", "not a number, a string or an array")
def is_stable_elementwise_no_negation_hint(state, weights):
    return next_state(state, weights) == state


@right("check_energy", "matrix product")
def energy(state, weights):
    return -0.5 * float(state @ weights @ state)


@right("check_energy", "double loop")
def energy_loops(state, weights):
    total = 0.0
    for i in range(len(state)):
        for j in range(len(state)):
            total += weights[i][j] * state[i] * state[j]
    return -total / 2


@wrong("check_energy", "the factor 1/2 is missing")
def energy_no_half(state, weights):
    return -float(state @ weights @ state)


@wrong("check_energy", "the sign is wrong")
def energy_sign(state, weights):
    return 0.5 * float(state @ weights @ state)


@wrong("check_energy", "expected a float, got an array of shape (1,)")
def energy_array(state, weights):
    return -0.5 * np.atleast_1d(state @ weights @ state).astype(float)


@wrong("check_energy", "summing over i < j only")
def energy_pairs_with_half(state, weights):
    n = len(state)
    return -0.5 * sum(weights[i][j] * state[i] * state[j] for i in range(n) for j in range(i + 1, n))


@wrong("check_energy", "got the string")
def energy_string(state, weights):
    return str(-0.5 * float(state @ weights @ state))


@wrong("check_energy", "got the complex number")
def energy_complex(state, weights):
    return complex(-0.5 * float(state @ weights @ state), 0.0)


@wrong("check_energy", "without int() or floor division")
def energy_floor_division(state, weights):
    return -(state @ weights @ state) // 2  # exact for integer Hebbian weights, wrong for W / N


@wrong("check_energy", "do not divide by the number of neurons")
def energy_per_neuron(state, weights):
    return -0.5 * float(state @ weights @ state) / len(state)


@wrong("check_energy", "the weight times BOTH states")
def energy_ignores_state(state, weights):
    return -0.5 * float(np.sum(weights))


@wrong("check_energy", "the weight times BOTH states")
def energy_squares(state, weights):
    state = np.asarray(state)
    return float(-0.5 * np.sum(weights * state ** 2))


# =========================================================================== 02 weights
@right("check_single_state_weights", "np.outer")
def single_state_weights(state):
    w = np.outer(state, state)
    np.fill_diagonal(w, 0)
    return w


@right("check_single_state_weights", "double loop, list of lists")
def single_state_weights_loops(state):
    n = len(state)
    return [[0 if i == j else state[i] * state[j] for j in range(n)] for i in range(n)]


@wrong("check_single_state_weights", "The diagonal must be 0")
def single_state_weights_diagonal(state):
    return np.outer(state, state)


@wrong("check_single_state_weights", "state @ state.T is a number")
def single_state_weights_matmul(state):
    return state @ state.T


@wrong("check_single_state_weights", "any number of neurons")
def single_state_weights_four(state):
    w = np.zeros((4, 4), dtype=int)
    for i in range(4):
        for j in range(4):
            if i != j:
                w[i, j] = state[i] * state[j]
    return w


@right("check_my_state", "array of 5", value=True)
def my_state_array():
    return np.array([1, 1, -1, 1, -1])


@right("check_my_state", "list of 4", value=True)
def my_state_list():
    return [1, -1, 1, 1]


@wrong("check_my_state", "asks for at least 4", value=True)
def my_state_three():
    return np.array([1, -1, 1])


@wrong("check_my_state", "0/1 is the other convention", value=True)
def my_state_zero_one():
    return np.array([1, 0, 1, 1, 0])


@wrong("check_my_state", "ragged list", value=True)
def my_state_ragged():
    return [[1, -1], [1]]


@wrong("check_my_state", "expected a 1-D state", value=True)
def my_state_image():
    return np.array([[1, -1], [-1, 1]])


@wrong("check_my_state", "got the string", value=True)
def my_state_string():
    return "1 -1 1 1"


@right("check_weights_from_states", "X.T @ X")
def weights_from_states(states):
    states = np.asarray(states)
    w = states.T @ states
    np.fill_diagonal(w, 0)
    return w


@right("check_weights_from_states", "loop over single-state matrices")
def weights_from_states_loop(states):
    total = 0
    for s in states:
        total = total + single_state_weights(s)
    return total


@wrong("check_weights_from_states", "The diagonal must be 0")
def weights_from_states_diagonal(states):
    return np.asarray(states).T @ np.asarray(states)


@wrong("check_weights_from_states", "states @ states.T is the p x p matrix")
def weights_from_states_overlaps(states):
    w = np.asarray(states) @ np.asarray(states).T
    np.fill_diagonal(w, 0)
    return w


@wrong("check_weights_from_states", "Only the first state is stored")
def weights_from_states_first(states):
    return single_state_weights(np.asarray(states)[0])


@wrong("check_weights_from_states", "No normalisation here")
def weights_from_states_normalised(states):
    return weights_from_states(states) / np.shape(states)[1]


# =========================================================================== 03 images as states
@right("check_string_to_image", "list comprehension")
def string_to_image(text):
    return np.array([[1 if ch == "1" else -1 for ch in row] for row in text.split()])


@right("check_string_to_image", "np.where on characters")
def string_to_image_where(text):
    rows = [list(line.strip()) for line in text.strip().splitlines() if line.strip()]
    return np.where(np.array(rows) == "1", 1, -1)


@wrong("check_string_to_image", "are -1, not 0")
def string_to_image_zero(text):
    return np.array([[1 if ch == "1" else 0 for ch in row] for row in text.split()])


@wrong("check_string_to_image", "text.split() gives the rows")
def string_to_image_newlines(text):
    return np.array([[1 if ch == "1" else -1 for ch in row] for row in text.split("\n")])


@wrong("check_string_to_image", "Leading spaces and blank lines")
def string_to_image_strip_only(text):
    return np.array([[1 if ch == "1" else -1 for ch in row] for row in text.strip().split("\n")])


@right("check_image_to_state", "reshape")
def image_to_state(image):
    return np.asarray(image).reshape(-1)


@right("check_image_to_state", "loops, list")
def image_to_state_loops(image):
    return [pixel for row in image for pixel in row]


@wrong("check_image_to_state", "column by column")
def image_to_state_columns(image):
    return np.asarray(image).T.flatten()


@wrong("check_image_to_state", "expected an array of shape (6,), got shape (1, 6)")
def image_to_state_row_matrix(image):
    return np.asarray(image).reshape(1, -1)


@wrong("check_image_to_state", "expected an array of shape (6,), got shape (2, 3)")
def image_to_state_unchanged(image):
    return image


@right("check_state_to_image", "sqrt and reshape")
def state_to_image(state):
    side = int(round(np.sqrt(len(state))))
    return np.asarray(state).reshape(side, side)


@right("check_state_to_image", "loops, list of rows")
def state_to_image_loops(state):
    side = 1
    while side * side < len(state):
        side += 1
    return [list(state[r * side:(r + 1) * side]) for r in range(side)]


@wrong("check_state_to_image", "the side is not always 5")
def state_to_image_five(state):
    return np.asarray(state).reshape(5, 5)


@wrong("check_state_to_image", "reshape needs an int")
def state_to_image_float_side(state):
    side = len(state) ** 0.5
    return np.asarray(state).reshape(side, side)


@wrong("check_state_to_image", "column by column")
def state_to_image_columns(state):
    side = int(round(np.sqrt(len(state))))
    return np.asarray(state).reshape(side, side, order="F")


# =========================================================================== 04 many memories
@right("check_recall_image", "package run, dict or list")
def recall_image(image, memories):
    if isinstance(memories, dict):
        memories = list(memories.values())
    patterns = np.array([np.asarray(m).ravel() for m in memories])
    result = hc.run(np.asarray(image).ravel(), hc.hebbian_weights(patterns), mode="sync", max_steps=100)
    return result.state.reshape(np.shape(image))


@right("check_recall_image", "own loop")
def recall_image_loop(image, memories):
    values = memories.values() if hasattr(memories, "values") else memories
    X = np.array([np.ravel(m) for m in values])
    W = X.T @ X
    np.fill_diagonal(W, 0)
    s = np.ravel(image)
    for _ in range(100):
        new = np.where(W @ s >= 0, 1, -1)
        if np.array_equal(new, s):
            break
        s = new
    return s.reshape(np.shape(image))


@wrong("check_recall_image", "memories may also be a dict")
def recall_image_list_only(image, memories):
    patterns = np.array([m.ravel() for m in memories])
    result = hc.run(image.ravel(), hc.hebbian_weights(patterns), mode="sync", max_steps=100)
    return result.state.reshape(image.shape)


@wrong("check_recall_image", "expected an array of shape (5, 5), got shape (25,)")
def recall_image_flat(image, memories):
    return recall_image(image, memories).ravel()


@wrong("check_recall_image", "the exercise asks for synchronous updates")
def recall_image_async(image, memories):
    values = memories.values() if isinstance(memories, dict) else memories
    X = np.array([np.ravel(m) for m in values])
    W = hc.hebbian_weights(X)
    s = np.ravel(image).copy()
    for _ in range(100):
        old = s.copy()
        for i in range(s.size):
            s[i] = 1 if W[i] @ s >= 0 else -1
        if np.array_equal(old, s):
            break
    return s.reshape(np.shape(image))


@right("check_classify", "loop with array_equal")
def classify(image, memories):
    for name, memory in memories.items():
        if np.array_equal(image, memory):
            return name
        if np.array_equal(image, -memory):
            return "-" + name
    return "spurious"


@right("check_classify", "package classify_state")
def classify_package(image, memories):
    return str(hc.classify_state(np.asarray(image), memories))


@wrong("check_classify", "compare with -memory as well")
def classify_no_negation(image, memories):
    for name, memory in memories.items():
        if np.array_equal(image, memory):
            return name
    return "spurious"


@wrong("check_classify", "`if` cannot decide on an array")
def classify_eq(image, memories):
    for name, memory in memories.items():
        if image == memory:
            return name
    return "spurious"


@wrong("check_classify", "did you forget `return`")
def classify_none(image, memories):
    for name, memory in memories.items():
        if np.array_equal(image, memory):
            return name
        if np.array_equal(image, -memory):
            return "-" + name


@wrong("check_classify", "This image is the NEGATION of S")
def classify_negation_without_minus(image, memories):
    for name, memory in memories.items():
        if np.array_equal(image, memory) or np.array_equal(image, -memory):
            return name
    return "spurious"


@right("check_stable_memories", "list comprehension")
def stable_memories(memories):
    names = list(memories)
    X = np.array([memories[k].ravel() for k in names])
    W = hc.hebbian_weights(X)
    return [k for k, x in zip(names, X) if np.array_equal(hc.sync_step(x, W), x)]


@right("check_stable_memories", "loop with own weights")
def stable_memories_loop(memories):
    X = np.array([m.ravel() for m in memories.values()])
    W = weights_from_states(X)
    found = []
    for name, x in zip(memories, X):
        if np.array_equal(next_state(x, W), x):
            found.append(name)
    return found


@wrong("check_stable_memories", "a list, not a set or an array")
def stable_memories_array(memories):
    return np.array(stable_memories(memories))


@wrong("check_stable_memories", "Not every memory is a fixed point")
def stable_memories_all(memories):
    return list(memories)


@wrong("check_stable_memories", "zero diagonal")
def stable_memories_diagonal(memories):
    X = np.array([m.ravel() for m in memories.values()])
    W = X.T @ X
    return [k for k, x in zip(memories, X) if np.array_equal(np.where(W @ x >= 0, 1, -1), x)]


@wrong("check_stable_memories", "a list, not a set")
def stable_memories_sorted(memories):
    return sorted(stable_memories(memories), reverse=True)


@wrong("check_stable_memories", "np.sign(0) is 0")
def stable_memories_sign(memories):
    X = np.array([m.ravel() for m in memories.values()])
    W = X.T @ X
    np.fill_diagonal(W, 0)
    return [k for k, x in zip(memories, X) if np.array_equal(np.sign(W @ x), x)]


@wrong("check_stable_memories", "in the order of the dict")
def stable_memories_alphabetical(memories):
    return sorted(stable_memories(memories))


@wrong("check_recall_image", "np.sign(0) is 0")
def recall_image_sign(image, memories):
    values = memories.values() if isinstance(memories, dict) else memories
    X = np.array([np.ravel(m) for m in values])
    W = X.T @ X
    np.fill_diagonal(W, 0)
    s = np.ravel(image)
    for _ in range(100):
        new = np.sign(W @ s)
        if np.array_equal(new, s):
            break
        s = new
    return s.reshape(np.shape(image))


@wrong("check_classify", "not when the overlap is large")
def classify_by_overlap_threshold(image, memories):
    for name, memory in memories.items():
        m = np.ravel(image) @ np.ravel(memory) / np.size(image)
        if m > 0.9:
            return name
        if m < -0.9:
            return "-" + name
    return "spurious"


# =========================================================================== 05 stochastic dynamics
@right("check_heat_bath_probability", "tanh form")
def heat_bath_probability(h, T):
    h = np.asarray(h, dtype=float)
    if T == 0:
        return np.where(h >= 0, 1.0, 0.0)
    return 0.5 * (1 + np.tanh(h / T))


@right("check_heat_bath_probability", "logistic form, python floats for numbers")
def heat_bath_probability_logistic(h, T):
    if np.ndim(h) == 0:
        if T == 0:
            return 1.0 if h >= 0 else 0.0
        x = -2 * h / T
        return 0.0 if x > 700 else 1 / (1 + np.exp(x))
    return np.array([heat_bath_probability_logistic(x, T) for x in h])


@wrong("check_heat_bath_probability", "The factor 2 is missing")
def heat_bath_probability_no_two(h, T):
    h = np.asarray(h, dtype=float)
    if T == 0:
        return np.where(h >= 0, 1.0, 0.0)
    return 1 / (1 + np.exp(-h / T))


@wrong("check_heat_bath_probability", "This is P(s = -1)")
def heat_bath_probability_minus(h, T):
    h = np.asarray(h, dtype=float)
    if T == 0:
        return np.where(h >= 0, 0.0, 1.0)
    return 1 / (1 + np.exp(2 * h / T))


@wrong("check_heat_bath_probability", "Treat T == 0 separately")
def heat_bath_probability_divides(h, T):
    with np.errstate(all="ignore"):
        return 1 / (1 + np.exp(-2 * np.asarray(h, dtype=float) / T))


@wrong("check_heat_bath_probability", "inf / inf is NaN")
def heat_bath_probability_overflow(h, T):
    h = np.asarray(h, dtype=float)
    if T == 0:
        return np.where(h >= 0, 1.0, 0.0)
    with np.errstate(all="ignore"):
        return np.exp(2 * h / T) / (1 + np.exp(2 * h / T))


@wrong("check_heat_bath_probability", "not only where h > 0")
def heat_bath_probability_strict(h, T):
    h = np.asarray(h, dtype=float)
    if T == 0:
        return np.where(h > 0, 1.0, 0.0)
    return 0.5 * (1 + np.tanh(h / T))


@right("check_glauber_update", "copy and heat_bath_probability")
def glauber_update(state, weights, i, temperature, u):
    s = np.array(state, copy=True)
    s[i] = 1 if u < heat_bath_probability(weights[i] @ s, temperature) else -1
    return s


@right("check_glauber_update", "loop over j, explicit formula")
def glauber_update_loops(state, weights, i, temperature, u):
    new = state.copy()
    h = 0.0
    for j in range(len(state)):
        h += weights[i][j] * state[j]
    if temperature == 0:
        p = 1.0 if h >= 0 else 0.0
    else:
        p = 1 / (1 + np.exp(-2 * h / temperature))
    new[i] = 1 if u < p else -1
    return new


@wrong("check_glauber_update", "Without the factor 2")
def glauber_update_no_two(state, weights, i, temperature, u):
    s = np.array(state)
    h = weights[i] @ s
    p = (1.0 if h >= 0 else 0.0) if temperature == 0 else 1 / (1 + np.exp(-h / temperature))
    s[i] = 1 if u < p else -1
    return s


@wrong("check_glauber_update", "changed its argument `state` in place")
def glauber_update_in_place(state, weights, i, temperature, u):
    state[i] = 1 if u < heat_bath_probability(weights[i] @ state, temperature) else -1
    return state


@wrong("check_glauber_update", "expected a NumPy array, got a list")
def glauber_update_list(state, weights, i, temperature, u):
    s = list(state)
    s[i] = 1 if u < heat_bath_probability(weights[i] @ state, temperature) else -1
    return s


@wrong("check_glauber_update", "the test is u < P, strictly")
def glauber_update_less_equal(state, weights, i, temperature, u):
    s = np.array(state)
    s[i] = 1 if u <= heat_bath_probability(weights[i] @ s, temperature) else -1
    return s


@wrong("check_glauber_update", "not with the probability of a flip")
def glauber_update_flip_probability(state, weights, i, temperature, u):
    s = np.array(state)
    if u < heat_bath_probability(-s[i] * (weights[i] @ s), temperature):  # P(s_i -> -s_i)
        s[i] = -s[i]
    return s


def _glauber_on_wrong_probability():
    def heat_bath_probability(h, T):  # a wrong Exercise 5.1 (no factor 2)
        return 1 / (1 + np.exp(-h / T)) if T > 0 else float(h >= 0)

    def glauber_update(state, weights, i, temperature, u):
        s = np.array(state)
        s[i] = 1 if u < heat_bath_probability(weights[i] @ s, temperature) else -1
        return s
    return glauber_update


wrong("check_glauber_update", "which does not pass Exercise 5.1")(_glauber_on_wrong_probability())


@right("check_boltzmann_distribution", "einsum, shifted")
def boltzmann_distribution(states, weights, temperature):
    E = -0.5 * np.einsum("ki,ij,kj->k", states, weights, states)
    w = np.exp(-(E - E.min()) / temperature)
    return w / w.sum()


@right("check_boltzmann_distribution", "loop over rows, list")
def boltzmann_distribution_loops(states, weights, temperature):
    energies = [-0.5 * float(s @ weights @ s) for s in states]
    low = min(energies)
    w = [float(np.exp(-(e - low) / temperature)) for e in energies]
    return [x / sum(w) for x in w]


@wrong("check_boltzmann_distribution", "the probabilities must sum to 1")
def boltzmann_distribution_unnormalised(states, weights, temperature):
    E = -0.5 * np.einsum("ki,ij,kj->k", states, weights, states)
    return np.exp(-E / temperature)


@wrong("check_boltzmann_distribution", "subtract the smallest energy first")
def boltzmann_distribution_overflow(states, weights, temperature):
    E = -0.5 * np.einsum("ki,ij,kj->k", states, weights, states)
    with np.errstate(all="ignore"):
        w = np.exp(-E / temperature)
        return w / w.sum()


@wrong("check_boltzmann_distribution", "low energy must mean high probability")
def boltzmann_distribution_sign(states, weights, temperature):
    E = -0.5 * np.einsum("ki,ij,kj->k", states, weights, states)
    w = np.exp((E - E.max()) / temperature)
    return w / w.sum()


@wrong("check_boltzmann_distribution", "includes the 1/2")
def boltzmann_distribution_no_half(states, weights, temperature):
    E = -np.einsum("ki,ij,kj->k", states, weights, states)
    w = np.exp(-(E - E.min()) / temperature)
    return w / w.sum()


@right("check_solve_mean_field", "brentq")
def solve_mean_field(T):
    if T == 0:
        return 1.0
    if T >= 1:
        return 0.0
    return brentq(lambda m: m - np.tanh(m / T), 1e-12, 1.0, xtol=1e-14)


@right("check_solve_mean_field", "fixed-point iteration")
def solve_mean_field_iteration(T):
    if T >= 1:
        return 0.0
    if T == 0:
        return 1.0
    m = 1.0
    for _ in range(100000):
        new = float(np.tanh(m / T))
        if abs(new - m) < 1e-13:
            break
        m = new
    return m


@wrong("check_solve_mean_field", "start the bracket at a tiny positive m")
def solve_mean_field_zero_bracket(T):
    if T == 0:
        return 1.0
    if T >= 1:
        return 0.0
    return brentq(lambda m: m - np.tanh(m / T), 0.0, 1.0)


@wrong("check_solve_mean_field", "return 0.0, not an error")
def solve_mean_field_no_high_t(T):
    if T == 0:
        return 1.0
    return brentq(lambda m: m - np.tanh(m / T), 1e-12, 1.0)


@wrong("check_solve_mean_field", "Treat T == 0 separately")
def solve_mean_field_no_zero(T):
    if T >= 1:
        return 0.0
    return brentq(lambda m: m - np.tanh(m / T), 1e-12, 1.0)


@wrong("check_solve_mean_field", "one step of the iteration")
def solve_mean_field_one_step(T):
    if T == 0:
        return 1.0
    return 0.0 if T >= 1 else float(np.tanh(1 / T))


# =========================================================================== 06 continuous networks
@right("check_euler_step", "vectorised")
def euler_step(u, weights, dt, currents=0.0, gain=1.0):
    return u + dt * (weights @ np.tanh(gain * u) - u + currents)


@right("check_euler_step", "loops")
def euler_step_loops(u, weights, dt, currents=0.0, gain=1.0):
    n = len(u)
    I = np.broadcast_to(currents, (n,))
    new = np.empty(n)
    for i in range(n):
        drive = sum(weights[i][j] * np.tanh(gain * u[j]) for j in range(n))
        new[i] = u[i] + dt * (drive - u[i] + I[i])
    return new


@wrong("check_euler_step", "not the potentials u")
def euler_step_potentials(u, weights, dt, currents=0.0, gain=1.0):
    return u + dt * (weights @ (gain * u) - u + currents)


@wrong("check_euler_step", "not gain * tanh(u)")
def euler_step_gain_outside(u, weights, dt, currents=0.0, gain=1.0):
    return u + dt * (weights @ (gain * np.tanh(u)) - u + currents)


@wrong("check_euler_step", "+ I, not - I")
def euler_step_minus_current(u, weights, dt, currents=0.0, gain=1.0):
    return u + dt * (weights @ np.tanh(gain * u) - u - currents)


@wrong("check_euler_step", "changed its argument `u` in place")
def euler_step_in_place(u, weights, dt, currents=0.0, gain=1.0):
    u += dt * (weights @ np.tanh(gain * u) - u + currents)
    return u


@wrong("check_euler_step", "not the change dt * du/dt")
def euler_step_increment(u, weights, dt, currents=0.0, gain=1.0):
    return dt * (weights @ np.tanh(gain * u) - u + currents)


@right("check_graded_energy", "logaddexp")
def graded_energy(u, weights, currents=0.0, gain=1.0):
    x = gain * np.asarray(u, dtype=float)
    v = np.tanh(x)
    integral = np.sum(v * x - (np.logaddexp(x, -x) - np.log(2.0))) / gain
    return float(-0.5 * v @ weights @ v + integral - np.sum(currents * v))


@right("check_graded_energy", "stable log cosh with abs and log1p")
def graded_energy_log1p(u, weights, currents=0.0, gain=1.0):
    x = gain * np.asarray(u, dtype=float)
    v = np.tanh(x)
    logcosh = np.abs(x) + np.log1p(np.exp(-2 * np.abs(x))) - np.log(2.0)
    I = np.broadcast_to(currents, v.shape)
    return float(-0.5 * v @ weights @ v + np.sum(v * x - logcosh) / gain - I @ v)


@wrong("check_graded_energy", "np.logaddexp(x, -x) - log 2")
def graded_energy_log_cosh(u, weights, currents=0.0, gain=1.0):
    x = gain * np.asarray(u, dtype=float)
    v = np.tanh(x)
    with np.errstate(all="ignore"):
        return float(-0.5 * v @ weights @ v + np.sum(v * x - np.log(np.cosh(x))) / gain - np.sum(currents * v))


@wrong("check_graded_energy", "-1/2 v.W.v (with the 1/2)")
def graded_energy_no_half(u, weights, currents=0.0, gain=1.0):
    return graded_energy(u, weights, currents, gain) - 0.5 * float(np.tanh(gain * u) @ weights @ np.tanh(gain * u))


@wrong("check_graded_energy", "The current term is - sum_i I_i v_i")
def graded_energy_plus_current(u, weights, currents=0.0, gain=1.0):
    v = np.tanh(gain * u)
    return graded_energy(u, weights, currents, gain) + 2 * float(np.sum(currents * v))


@wrong("check_graded_energy", "is (v gain u - log cosh(gain u)) / gain")
def graded_energy_no_gain_division(u, weights, currents=0.0, gain=1.0):
    x = gain * np.asarray(u, dtype=float)
    v = np.tanh(x)
    return float(-0.5 * v @ weights @ v + np.sum(v * x - (np.logaddexp(x, -x) - np.log(2.0))) - np.sum(currents * v))


@right("check_energy_trace", "own functions, array")
def energy_trace(u0, weights, dt, steps, currents=0.0):
    u = np.array(u0, dtype=float)
    energies = [graded_energy(u, weights, currents)]
    for _ in range(steps):
        u = euler_step(u, weights, dt, currents)
        energies.append(graded_energy(u, weights, currents))
    return np.array(energies)


@right("check_energy_trace", "preallocated array")
def energy_trace_prealloc(u0, weights, dt, steps, currents=0.0):
    out = np.empty(steps + 1)
    u = u0.copy()
    for t in range(steps + 1):
        out[t] = graded_energy_log1p(u, weights, currents)
        u = euler_step_loops(u, weights, dt, currents)
    return out


@wrong("check_energy_trace", "expected a NumPy array, got a list")
def energy_trace_list(u0, weights, dt, steps, currents=0.0):
    return list(energy_trace(u0, weights, dt, steps, currents))


@wrong("check_energy_trace", "Include the starting energy")
def energy_trace_no_start(u0, weights, dt, steps, currents=0.0):
    return energy_trace(u0, weights, dt, steps, currents)[1:]


@wrong("check_energy_trace", "changed its argument `u0` in place")
def energy_trace_in_place(u0, weights, dt, steps, currents=0.0):
    energies = [graded_energy(u0, weights, currents)]
    for _ in range(steps):
        u0 += dt * (weights @ np.tanh(u0) - u0 + currents)
        energies.append(graded_energy(u0, weights, currents))
    return np.array(energies)


@wrong("check_energy_trace", "Pass the currents to both")
def energy_trace_no_currents(u0, weights, dt, steps, currents=0.0):
    return energy_trace(u0, weights, dt, steps)


@wrong("check_energy_trace", "expected an array of shape (1,), got shape (0,)")
def energy_trace_empty(u0, weights, dt, steps, currents=0.0):
    return np.array([graded_energy(u0, weights, currents) for _ in range(steps)])


@right("check_two_neuron_fixed_points", "brentq")
def two_neuron_fixed_points(w, gain):
    points = [np.zeros(2)]
    if gain * abs(w) > 1:
        def f(x):
            return w * np.tanh(gain * w * np.tanh(gain * x)) - x
        x = brentq(f, 1e-9, abs(w) + 1.0)
        for s in (-1.0, 1.0):
            points.append(np.array([s * x, w * np.tanh(gain * s * x)]))
    points = np.array(points)
    return points[np.argsort(points[:, 0])]


@right("check_two_neuron_fixed_points", "fixed-point iteration, built sorted")
def two_neuron_fixed_points_iteration(w, gain):
    if gain * abs(w) <= 1:
        return np.zeros((1, 2))
    x = abs(w)
    for _ in range(200000):
        new = abs(w) * np.tanh(gain * abs(w) * np.tanh(gain * x))
        if abs(new - x) < 1e-14:
            break
        x = new
    u2 = w * np.tanh(gain * x)
    return np.array([[-x, -u2], [0.0, 0.0], [x, u2]])


@wrong("check_two_neuron_fixed_points", "expected a NumPy array, got a list")
def two_neuron_fixed_points_list(w, gain):
    return [list(p) for p in two_neuron_fixed_points(w, gain)]


@wrong("check_two_neuron_fixed_points", "not sorted by u1")
def two_neuron_fixed_points_unsorted(w, gain):
    return two_neuron_fixed_points(w, gain)[::-1]


@wrong("check_two_neuron_fixed_points", "expected an array of shape (3, 2), got shape (2, 2)")
def two_neuron_fixed_points_no_origin(w, gain):
    pts = two_neuron_fixed_points(w, gain)
    return pts[np.any(pts != 0, axis=1)] if len(pts) > 1 else pts


@wrong("check_two_neuron_fixed_points", "u2 = -u1")
def two_neuron_fixed_points_copy_u1(w, gain):
    pts = two_neuron_fixed_points(w, gain)
    pts[:, 1] = pts[:, 0]
    return pts


@wrong("check_two_neuron_fixed_points", "start the bracket at a tiny")
def two_neuron_fixed_points_zero_bracket(w, gain):
    points = [np.zeros(2)]
    if gain * abs(w) > 1:
        f = lambda x: w * np.tanh(gain * w * np.tanh(gain * x)) - x  # noqa: E731
        x = brentq(f, 0.0, 0.5) if f(0.5) < 0 else brentq(f, 0.5, abs(w) + 1.0)
        for s in (-1.0, 1.0):
            points.append(np.array([s * x, w * np.tanh(gain * s * x)]))
    points = np.array(points)
    return points[np.argsort(points[:, 0])]


@right("check_classify_fixed_point", "eigvals")
def classify_fixed_point(u, weights, gain):
    slope = gain / np.cosh(gain * np.asarray(u, dtype=float)) ** 2
    re = np.linalg.eigvals(weights * slope[None, :] - np.eye(len(u))).real
    return "sink" if np.all(re < 0) else "source" if np.all(re > 0) else "saddle"


@right("check_classify_fixed_point", "explicit Jacobian loops, numpy string")
def classify_fixed_point_loops(u, weights, gain):
    n = len(u)
    J = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            J[i, j] = weights[i][j] * gain * (1 - np.tanh(gain * u[j]) ** 2) - (i == j)
    re = np.linalg.eigvals(J).real
    return np.str_("sink" if max(re) < 0 else "source" if min(re) > 0 else "saddle")


@wrong("check_classify_fixed_point", "cosh(gain * u), not cosh(u)")
def classify_fixed_point_cosh_u(u, weights, gain):
    slope = gain / np.cosh(np.asarray(u, dtype=float)) ** 2
    re = np.linalg.eigvals(weights * slope[None, :] - np.eye(len(u))).real
    return "sink" if np.all(re < 0) else "source" if np.all(re > 0) else "saddle"


@wrong("check_classify_fixed_point", "do not forget the -delta_ij")
def classify_fixed_point_no_leak(u, weights, gain):
    slope = gain / np.cosh(gain * np.asarray(u, dtype=float)) ** 2
    re = np.linalg.eigvals(weights * slope[None, :]).real
    return "sink" if np.all(re < 0) else "source" if np.all(re > 0) else "saddle"


@wrong("check_classify_fixed_point", "Return one of the strings")
def classify_fixed_point_words(u, weights, gain):
    slope = gain / np.cosh(gain * np.asarray(u, dtype=float)) ** 2
    re = np.linalg.eigvals(weights * slope[None, :] - np.eye(len(u))).real
    return "stable" if np.all(re < 0) else "unstable"


@wrong("check_classify_fixed_point", "classify by the real parts")
def classify_fixed_point_abs(u, weights, gain):
    slope = gain / np.cosh(gain * np.asarray(u, dtype=float)) ** 2
    ev = np.linalg.eigvals(weights * slope[None, :] - np.eye(len(u)))
    ev = np.where(np.abs(ev.imag) > 0, np.abs(ev), ev.real)
    return "sink" if np.all(ev < 0) else "source" if np.all(ev > 0) else "saddle"


# =========================================================================== 07 travelling salesman
@right("check_length_of_tour", "np.roll")
def length_of_tour(tour, coords):
    pts = coords[np.asarray(tour)]
    return float(np.sum(np.linalg.norm(pts - np.roll(pts, -1, axis=0), axis=1)))


@right("check_length_of_tour", "distance_matrix of the package")
def length_of_tour_distance_matrix(tour, coords):
    from hopfield_course.tsp import distance_matrix  # imported by the exercise notebook
    t = np.asarray(tour)
    return float(distance_matrix(coords)[t, np.roll(t, -1)].sum())


@right("check_length_of_tour", "loop with math.dist")
def length_of_tour_loop(tour, coords):
    import math
    total = 0.0
    for k in range(len(tour)):
        a, b = coords[tour[k]], coords[tour[(k + 1) % len(tour)]]
        total += math.dist(a, b)
    return total


@wrong("check_length_of_tour", "Do not forget the last leg")
def length_of_tour_open(tour, coords):
    pts = coords[np.asarray(tour)]
    return float(np.sum(np.linalg.norm(np.diff(pts, axis=0), axis=1)))


@wrong("check_length_of_tour", "Visit the cities in the order of the tour")
def length_of_tour_ignores_order(tour, coords):
    return float(np.sum(np.linalg.norm(coords - np.roll(coords, -1, axis=0), axis=1)))


@wrong("check_length_of_tour", "take the square root")
def length_of_tour_squared(tour, coords):
    pts = coords[np.asarray(tour)]
    return float(np.sum(np.sum((pts - np.roll(pts, -1, axis=0)) ** 2, axis=1)))


@wrong("check_length_of_tour", "The tour may be a list")
def length_of_tour_array_only(tour, coords):
    if not isinstance(tour, np.ndarray):
        raise TypeError("only integer scalar arrays can be converted to a scalar index")
    return length_of_tour(tour, coords)


@wrong("check_length_of_tour", "not |dx| + |dy|")
def length_of_tour_manhattan(tour, coords):
    pts = coords[np.asarray(tour)]
    return float(np.sum(np.abs(pts - np.roll(pts, -1, axis=0))))


@right("check_decode_tour", "argmax after validity")
def decode_tour(V):
    on = np.asarray(V) > 0.5
    if not (np.all(on.sum(axis=0) == 1) and np.all(on.sum(axis=1) == 1)):
        return None
    return np.argmax(on, axis=0)


@right("check_decode_tour", "loops")
def decode_tour_loops(V):
    n = len(V)
    tour = []
    for i in range(n):
        cities = [x for x in range(n) if V[x][i] > 0.5]
        if len(cities) != 1:
            return None
        tour.append(cities[0])
    if sorted(tour) != list(range(n)):
        return None
    return np.array(tour)


@wrong("check_decode_tour", "not axis=1")
def decode_tour_rows(V):
    on = np.asarray(V) > 0.5
    if not (np.all(on.sum(axis=0) == 1) and np.all(on.sum(axis=1) == 1)):
        return None
    return np.argmax(on, axis=1)


@wrong("check_decode_tour", "expected None, got an array")
def decode_tour_no_validity(V):
    return np.argmax(np.asarray(V) > 0.5, axis=0)


@wrong("check_decode_tour", "expected a NumPy array, got a list")
def decode_tour_list(V):
    t = decode_tour(V)
    return None if t is None else t.tolist()


@wrong("check_decode_tour", "expected integers")
def decode_tour_floats(V):
    t = decode_tour(V)
    return None if t is None else t.astype(float)


@wrong("check_decode_tour", "A city visited twice")
def decode_tour_columns_only(V):
    on = np.asarray(V) > 0.5
    if not np.all(on.sum(axis=0) == 1):
        return None
    return np.argmax(on, axis=0)


@wrong("check_decode_tour", "not V >= 0.5")
def decode_tour_at_least_half(V):
    on = np.asarray(V) >= 0.5
    if not (np.all(on.sum(axis=0) == 1) and np.all(on.sum(axis=1) == 1)):
        return None
    return np.argmax(on, axis=0)


@wrong("check_decode_tour", "exactly one neuron on in every row and every column")
def decode_tour_at_least_one(V):
    on = np.asarray(V) > 0.5
    if not (np.all(on.sum(axis=0) >= 1) and np.all(on.sum(axis=1) >= 1)):
        return None
    return np.argmax(on, axis=0)


@wrong("check_decode_tour", "exactly one neuron on in every row and every column")
def decode_tour_distinct_argmax(V):
    on = np.asarray(V) > 0.5
    tour = np.argmax(on, axis=0)
    if not on[tour, np.arange(len(tour))].all() or len(set(tour.tolist())) != len(tour):
        return None
    return tour


@wrong("check_decode_tour", "this V is a valid tour; a neuron counts as on above 0.5")
def decode_tour_on_above_zero(V):
    on = np.asarray(V) > 0
    if not (np.all(on.sum(axis=0) == 1) and np.all(on.sum(axis=1) == 1)):
        return None
    return np.argmax(on, axis=0)


@wrong("check_decode_tour", "Is your validity test inverted")
def decode_tour_inverted_validity(V):
    on = np.asarray(V) > 0.5
    if np.all(on.sum(axis=0) == 1) and np.all(on.sum(axis=1) == 1):
        return None
    return np.argmax(on, axis=0)


@right("check_ht_rhs", "vectorised")
def ht_rhs(u, d, A, B, C, D, n_tilde, u0):
    V = 0.5 * (1 + np.tanh(u / u0))
    rows = V.sum(axis=1, keepdims=True) - V
    cols = V.sum(axis=0, keepdims=True) - V
    neighbours = np.roll(V, 1, axis=1) + np.roll(V, -1, axis=1)
    return -u - A * rows - B * cols - C * (V.sum() - n_tilde) - D * d @ neighbours


@right("check_ht_rhs", "loops")
def ht_rhs_loops(u, d, A, B, C, D, n_tilde, u0):
    n = len(u)
    V = (1 + np.tanh(u / u0)) / 2
    total = V.sum()
    out = np.zeros((n, n))
    for X in range(n):
        for i in range(n):
            row = sum(V[X, j] for j in range(n) if j != i)
            col = sum(V[Y, i] for Y in range(n) if Y != X)
            dist = sum(d[X, Y] * (V[Y, (i + 1) % n] + V[Y, (i - 1) % n]) for Y in range(n))
            out[X, i] = -u[X, i] - A * row - B * col - C * (total - n_tilde) - D * dist
    return out


@wrong("check_ht_rhs", "row sum - V")
def ht_rhs_full_row(u, d, A, B, C, D, n_tilde, u0):
    V = 0.5 * (1 + np.tanh(u / u0))
    return ht_rhs(u, d, A, B, C, D, n_tilde, u0) - A * V


@wrong("check_ht_rhs", "subtract n_tilde")
def ht_rhs_no_n_tilde(u, d, A, B, C, D, n_tilde, u0):
    return ht_rhs(u, d, A, B, C, D, 0.0, u0)


@wrong("check_ht_rhs", "Use BOTH neighbouring positions")
def ht_rhs_one_neighbour(u, d, A, B, C, D, n_tilde, u0):
    V = 0.5 * (1 + np.tanh(u / u0))
    return ht_rhs(u, d, A, B, C, 0.0, n_tilde, u0) - D * d @ np.roll(V, -1, axis=1)


@wrong("check_ht_rhs", "V = (1 + tanh(u / u0)) / 2, between 0 and 1")
def ht_rhs_tanh(u, d, A, B, C, D, n_tilde, u0):
    return ht_rhs_with_v(u, d, A, B, C, D, n_tilde, np.tanh(u / u0))


def ht_rhs_with_v(u, d, A, B, C, D, n_tilde, V):
    rows = V.sum(axis=1, keepdims=True) - V
    cols = V.sum(axis=0, keepdims=True) - V
    return -u - A * rows - B * cols - C * (V.sum() - n_tilde) - D * d @ (np.roll(V, 1, axis=1) + np.roll(V, -1, axis=1))


@wrong("check_ht_rhs", "You summed a column")
def ht_rhs_swapped_axes(u, d, A, B, C, D, n_tilde, u0):
    V = 0.5 * (1 + np.tanh(u / u0))
    rows = V.sum(axis=0, keepdims=True) - V
    cols = V.sum(axis=1, keepdims=True) - V
    return -u - A * rows - B * cols - C * (V.sum() - n_tilde) - D * d @ (np.roll(V, 1, axis=1) + np.roll(V, -1, axis=1))


@right("check_brute_force_tour", "permutations after city 0")
def brute_force_tour(coords):
    best, best_len = None, np.inf
    for rest in permutations(range(1, len(coords))):
        tour = np.array((0,) + rest)
        length = length_of_tour(tour, coords)
        if length < best_len:
            best, best_len = tour, length
    return best, best_len


@right("check_brute_force_tour", "min over permutations, list tour")
def brute_force_tour_min(coords):
    best = min(((0,) + rest for rest in permutations(range(1, len(coords)))),
               key=lambda t: length_of_tour(list(t), coords))
    return list(best), length_of_tour_loop(best, coords)


@wrong("check_brute_force_tour", "the wrong way round")
def brute_force_tour_swapped(coords):
    tour, length = brute_force_tour(coords)
    return length, tour


@wrong("check_brute_force_tour", "the length must be a number (a float), got None")
def brute_force_tour_no_length(coords):
    return brute_force_tour(coords)[0], None


@wrong("check_brute_force_tour", "must hold integer city indices")
def brute_force_tour_float(coords):
    tour, length = brute_force_tour(coords)
    return tour.astype(float), length


@wrong("check_brute_force_tour", "must be a sequence of city indices, got the string")
def brute_force_tour_string(coords):
    tour, length = brute_force_tour(coords)
    return "".join(str(c) for c in tour), length


@wrong("check_brute_force_tour", "try every permutation")
def brute_force_tour_identity(coords):
    tour = np.arange(len(coords))
    return tour, length_of_tour(tour, coords)


@wrong("check_brute_force_tour", "the tour must start at city 0 (tour[0] == 0)")
def brute_force_tour_rotated(coords):
    tour, length = brute_force_tour(coords)
    return np.roll(tour, 1), length


@wrong("check_brute_force_tour", "the tour must start at city 0 (tour[0] == 0)")
def brute_force_tour_reversed(coords):
    tour, length = brute_force_tour(coords)
    return tour[::-1], length


@wrong("check_brute_force_tour", "changed its argument `coords` in place")
def brute_force_tour_centres_coords(coords):
    coords -= coords.mean(axis=0)  # distances do not change, but the caller's array does
    return brute_force_tour(coords)


@wrong("check_brute_force_tour", "keep that tour AND its length")
def brute_force_tour_best_never_updated(coords):
    best, best_len = np.arange(len(coords)), np.inf
    for rest in permutations(range(1, len(coords))):
        length = length_of_tour(np.array((0,) + rest), coords)
        if length < best_len:
            best_len = length  # the tour is not kept
    return best, best_len


@wrong("check_brute_force_tour", "rounded to 2 decimals")
def brute_force_tour_rounded(coords):
    tour, length = brute_force_tour(coords)
    return tour, round(length, 2)


def _brute_force_on_open_length():
    def length_of_tour(tour, coords):  # a wrong Exercise 7.1 (no leg back)
        pts = coords[np.asarray(tour)]
        return float(np.sum(np.linalg.norm(np.diff(pts, axis=0), axis=1)))

    def brute_force_tour(coords):
        best = min(permutations(range(1, len(coords))), key=lambda r: length_of_tour((0,) + r, coords))
        tour = np.array((0,) + best)
        return tour, length_of_tour(tour, coords)
    return brute_force_tour


wrong("check_brute_force_tour", "which does not pass Exercise 7.1 length_of_tour")(_brute_force_on_open_length())


# =========================================================================== 08 capacity
@right("check_crosstalk", "overlap matrix")
def crosstalk(patterns):
    X = np.asarray(patterns, dtype=float)
    p, n = X.shape
    M = X @ X.T
    np.fill_diagonal(M, 0)
    return -X * (M @ X - (p - 1) * X) / n


@right("check_crosstalk", "loops")
def crosstalk_loops(patterns):
    X = np.asarray(patterns)
    p, n = X.shape
    C = np.zeros((p, n))
    for mu in range(p):
        for i in range(n):
            total = 0
            for nu in range(p):
                if nu != mu:
                    total += X[nu, i] * (X[nu] @ X[mu] - X[nu, i] * X[mu, i])
            C[mu, i] = -X[mu, i] * total / n
    return C


@wrong("check_crosstalk", "Leave out j = i")
def crosstalk_with_self(patterns):
    X = np.asarray(patterns, dtype=float)
    M = X @ X.T
    np.fill_diagonal(M, 0)
    return -X * (M @ X) / X.shape[1]


@wrong("check_crosstalk", "Leave out nu = mu")
def crosstalk_with_signal(patterns):
    X = np.asarray(patterns, dtype=float)
    p, n = X.shape
    return -X * (X @ X.T @ X - p * X) / n


@wrong("check_crosstalk", "The sign")
def crosstalk_sign(patterns):
    return -crosstalk(patterns)


@wrong("check_crosstalk", "expected an array of shape (1, 8), got shape (8, 1)")
def crosstalk_transposed(patterns):
    return crosstalk(patterns).T


@wrong("check_crosstalk", "expected a NumPy array, got a list")
def crosstalk_list(patterns):
    return crosstalk(patterns).tolist()


@wrong("check_crosstalk", "not by p, the number of memories")
def crosstalk_per_memory(patterns):
    X = np.asarray(patterns, dtype=float)
    return crosstalk(X) * X.shape[1] / X.shape[0]


@wrong("check_crosstalk", "not by N - 1")
def crosstalk_n_minus_one(patterns):
    X = np.asarray(patterns, dtype=float)
    return crosstalk(X) * X.shape[1] / (X.shape[1] - 1)


@wrong("check_crosstalk", "not floor division // N")
def crosstalk_floor_division(patterns):
    X = np.asarray(patterns)
    p, n = X.shape
    M = X @ X.T
    np.fill_diagonal(M, 0)
    return -X * (M @ X - (p - 1) * X) // n


@wrong("check_crosstalk", "cut to integers")
def crosstalk_integer_array(patterns):
    X = np.asarray(patterns)
    p, n = X.shape
    C = np.zeros_like(X)  # integer, like the patterns
    for mu in range(p):
        for i in range(n):
            total = sum(X[nu, i] * (X[nu] @ X[mu] - X[nu, i] * X[mu, i]) for nu in range(p) if nu != mu)
            C[mu, i] = -X[mu, i] * total / n
    return C


@right("check_error_rate", "matrix of integer fields")
def error_rate(patterns):
    X = np.asarray(patterns)
    H = X @ hc.hebbian_weights(X)  # integer weights: exact fields, a tie is exactly 0
    return float(np.mean(np.where(H >= 0, 1, -1) != X))


@right("check_error_rate", "W / N with rounded fields")
def error_rate_rounded(patterns):
    X = np.asarray(patterns)
    p, n = X.shape
    W = X.T @ X / n
    np.fill_diagonal(W, 0)
    H = np.round(X @ W, 9)  # the rounding of 1/N leaves about 1e-17 where the field is 0
    return float(np.mean(np.where(H >= 0, 1, -1) != X))


@right("check_error_rate", "loop over memories")
def error_rate_loop(patterns):
    X = np.asarray(patterns)
    p, n = X.shape
    W = X.T @ X  # the factor 1/N changes no sign
    np.fill_diagonal(W, 0)
    flips = 0
    for x in X:
        flips += int(np.sum(np.where(W @ x >= 0, 1, -1) != x))
    return flips / (p * n)


@wrong("check_error_rate", "with W/N the zero fields become ±1e-17 and the tie rule fails")
def error_rate_float_weights(patterns):
    X = np.asarray(patterns)
    p, n = X.shape
    W = X.T @ X / n  # as the text wrote it: W = (1/N) X^T X
    np.fill_diagonal(W, 0)
    H = X @ W
    return float(np.mean(np.where(H >= 0, 1, -1) != X))


@wrong("check_error_rate", "with W/N the zero fields become ±1e-17 and the tie rule fails")
def error_rate_float_weights_loop(patterns):
    X = np.asarray(patterns)
    p, n = X.shape
    W = hc.hebbian_weights(X, normalize="N")
    flips = 0
    for x in X:
        flips += int(np.sum(np.where(W @ x >= 0, 1, -1) != x))
    return flips / (p * n)


@wrong("check_error_rate", "Return the FRACTION of changed bits")
def error_rate_count(patterns):
    X = np.asarray(patterns)
    H = X @ hc.hebbian_weights(X)
    return float(np.sum(np.where(H >= 0, 1, -1) != X))


@wrong("check_error_rate", "(not by N)")
def error_rate_per_neuron(patterns):
    X = np.asarray(patterns)
    H = X @ hc.hebbian_weights(X)
    return float(np.sum(np.where(H >= 0, 1, -1) != X) / X.shape[1])


@wrong("check_error_rate", "fraction of bits that KEEP their value")
def error_rate_kept(patterns):
    X = np.asarray(patterns)
    H = X @ hc.hebbian_weights(X)
    return float(np.mean(np.where(H >= 0, 1, -1) == X))


@wrong("check_error_rate", "np.sign(0) = 0 counts every tied bit")
def error_rate_sign(patterns):
    X = np.asarray(patterns)
    return float(np.mean(np.sign(X @ hc.hebbian_weights(X, normalize="N")) != X))


@wrong("check_error_rate", "Zero the diagonal of W")
def error_rate_diagonal(patterns):
    X = np.asarray(patterns)
    H = X @ (X.T @ X / X.shape[1])
    return float(np.mean(np.where(H >= 0, 1, -1) != X))


@wrong("check_error_rate", "(not by p)")
def error_rate_per_memory(patterns):
    X = np.asarray(patterns)
    H = X @ hc.hebbian_weights(X, normalize="N")
    return float(np.sum(np.where(H >= 0, 1, -1) != X) / len(X))


@wrong("check_error_rate", "expected a float, got an array")
def error_rate_array(patterns):
    X = np.asarray(patterns)
    H = X @ hc.hebbian_weights(X, normalize="N")
    return np.mean(np.where(H >= 0, 1, -1) != X, axis=1)


@wrong("check_error_rate", "W / p (here 1/3) rounds the same way")
def error_rate_over_p(patterns):
    X = np.asarray(patterns)
    p, n = X.shape
    W = X.T @ X / p  # zero diagonal, a positive factor: right except where 1/p rounds a zero field
    np.fill_diagonal(W, 0)
    return float(np.mean(np.where(X @ W >= 0, 1, -1) != X))


def _integer_fields(patterns):
    X = np.asarray(patterns)
    return X, X @ hc.hebbian_weights(X)


@wrong("check_error_rate", "A tied bit counts too")
def error_rate_negative_product(patterns):
    X, H = _integer_fields(patterns)
    return float(np.mean(H * X < 0))


@wrong("check_error_rate", "A tied bit counts too")
def error_rate_crosstalk_threshold(patterns):
    X, H = _integer_fields(patterns)
    p, n = X.shape
    # crosstalk C = -x (h - (n - 1) x) / N > (n - 1) / N: a flip only where h * x < 0, the ties forgotten
    C = -X * (H - (n - 1) * X) / n
    return float(np.mean(C > (n - 1) / n))


@wrong("check_error_rate", "in both directions")
def error_rate_plus_to_minus_only(patterns):
    X, H = _integer_fields(patterns)
    return float(np.mean((H < 0) & (X == 1)))


@wrong("check_error_rate", "in both directions")
def error_rate_minus_to_plus_only(patterns):
    X, H = _integer_fields(patterns)
    return float(np.mean((H >= 0) & (X == -1)))


@wrong("check_error_rate", "not a percentage")
def error_rate_percent(patterns):
    X, H = _integer_fields(patterns)
    return float(100 * np.mean(np.where(H >= 0, 1, -1) != X))


@wrong("check_error_rate", "the first memory only")
def error_rate_first_memory(patterns):
    X, H = _integer_fields(patterns)
    return float(np.mean(np.where(H[0] >= 0, 1, -1) != X[0]))


@wrong("check_error_rate", "fraction of memories with at least one changed bit")
def error_rate_memories_with_a_flip(patterns):
    X, H = _integer_fields(patterns)
    return float(np.mean(np.any(np.where(H >= 0, 1, -1) != X, axis=1)))


@wrong("check_error_rate", "Apply ONE synchronous update to each memory")
def error_rate_fixed_point(patterns):
    X = np.asarray(patterns)
    W = hc.hebbian_weights(X)
    S = X.copy()
    for _ in range(50):
        S = np.where(S @ W >= 0, 1, -1)
    return float(np.mean(S != X))


@wrong("check_error_rate", "Apply ONE synchronous update to each memory")
def error_rate_sequential(patterns):
    X = np.array(patterns)
    W = hc.hebbian_weights(X)
    S = X.copy()
    for mu in range(len(S)):
        for i in range(S.shape[1]):
            S[mu, i] = 1 if W[i] @ S[mu] >= 0 else -1
    return float(np.mean(S != X))


def _rs_F(y):
    return erf(y) / y - 2 / np.sqrt(np.pi) * np.exp(-y * y)


@right("check_rs_overlap", "grid maximum and brentq")
def rs_overlap(alpha):
    ys = np.linspace(0.05, 5, 5000)
    top = ys[np.argmax(_rs_F(ys))]
    target = np.sqrt(2 * alpha)
    if _rs_F(top) <= target:
        return 0.0
    return float(erf(brentq(lambda v: _rs_F(v) - target, top, 2 / target + 10, xtol=1e-14)))


@right("check_rs_overlap", "fixed-point iteration on m")
def rs_overlap_iteration(alpha):
    # iterate y <- erf(y) / (sqrt(2 alpha) + 2/sqrt(pi) exp(-y^2)), starting far out
    y = 1 / np.sqrt(2 * alpha) + 5
    for _ in range(200000):
        new = erf(y) / (np.sqrt(2 * alpha) + 2 / np.sqrt(np.pi) * np.exp(-y * y))
        if abs(new - y) < 1e-13:
            break
        y = new
    return float(erf(y)) if y > 1e-3 else 0.0


@wrong("check_rs_overlap", "not a fixed 10")
def rs_overlap_bracket_ten(alpha):
    ys = np.linspace(0.05, 5, 5000)
    top = ys[np.argmax(_rs_F(ys))]
    target = np.sqrt(2 * alpha)
    if _rs_F(top) <= target:
        return 0.0
    return float(erf(brentq(lambda v: _rs_F(v) - target, top, 10.0)))


@wrong("check_rs_overlap", "return 0.0 (not an error)")
def rs_overlap_raises(alpha):
    ys = np.linspace(0.05, 5, 5000)
    top = ys[np.argmax(_rs_F(ys))]
    return float(erf(brentq(lambda v: _rs_F(v) - np.sqrt(2 * alpha), top, 2 / np.sqrt(2 * alpha) + 10)))


@wrong("check_rs_overlap", "not the root y itself")
def rs_overlap_returns_y(alpha):
    m = rs_overlap(alpha)
    from scipy.special import erfinv
    return float(erfinv(m))


@wrong("check_rs_overlap", "SMALLER root")
def rs_overlap_smaller_root(alpha):
    ys = np.linspace(0.05, 5, 5000)
    top = ys[np.argmax(_rs_F(ys))]
    target = np.sqrt(2 * alpha)
    if _rs_F(top) <= target:
        return 0.0
    return float(erf(brentq(lambda v: _rs_F(v) - target, 1e-6, top)))


@wrong("check_rs_overlap", "fsolve returns its last guess even when there is no root")
def rs_overlap_fsolve(alpha):
    from scipy.optimize import fsolve

    def g(y):
        return y * (np.sqrt(2 * alpha) + 2 / np.sqrt(np.pi) * np.exp(-y ** 2)) - erf(y)
    y = fsolve(g, 3.0)[0]  # converges to the largest root when there is one; above alpha_c it stops anywhere
    return float(erf(y)) if y > 1e-6 else 0.0


def _rs_overlap_with_cut_off(cut_off):
    def rs_overlap(alpha):
        if alpha > cut_off:  # a round number instead of alpha_c = 0.13790...
            return 0.0
        ys = np.linspace(0.05, 5, 5000)
        top = ys[np.argmax(_rs_F(ys))]
        target = np.sqrt(2 * alpha)
        return float(erf(brentq(lambda v: _rs_F(v) - target, top, 2 / target + 10)))
    rs_overlap.__name__ = f"rs_overlap_cut_off_{str(cut_off).replace('.', '_')}"
    return rs_overlap


wrong("check_rs_overlap", "not a round number")(_rs_overlap_with_cut_off(0.14))
wrong("check_rs_overlap", "not a round number")(_rs_overlap_with_cut_off(0.138))


@wrong("check_rs_overlap", "iterate until it stops changing (or use a root finder")
def rs_overlap_thirty_iterations(alpha):
    a = np.sqrt(2 * alpha)
    y = 2 / a + 10
    for _ in range(30):  # too few: just below alpha_c the iteration has not converged
        y = erf(y) / (a + 2 / np.sqrt(np.pi) * np.exp(-y * y))
    return float(erf(y)) if y > 0.5 else 0.0


@wrong("check_rs_overlap", "Return 0.0 when there is no root (a float, not None)")
def rs_overlap_none_above(alpha):
    ys = np.linspace(0.05, 5, 5000)
    top = ys[np.argmax(_rs_F(ys))]
    target = np.sqrt(2 * alpha)
    if _rs_F(top) > target:
        return float(erf(brentq(lambda v: _rs_F(v) - target, top, 2 / target + 10)))


@right("check_storkey", "vectorised")
def storkey(patterns):
    X = np.atleast_2d(np.asarray(patterns, dtype=float))
    n = X.shape[1]
    W = np.zeros((n, n))
    for xi in X:
        h = W @ xi
        H = h[:, None] - W * xi[None, :]
        W = W + (np.outer(xi, xi) - xi[:, None] * H.T - H * xi[None, :]) / n
        np.fill_diagonal(W, 0)
    return W


@right("check_storkey", "triple loop")
def storkey_loops(patterns):
    X = np.asarray(patterns, dtype=float)
    n = X.shape[1]
    W = np.zeros((n, n))
    for xi in X:
        h = np.array([[sum(W[i, k] * xi[k] for k in range(n) if k != i and k != j) for j in range(n)]
                      for i in range(n)])
        new = W.copy()
        for i in range(n):
            for j in range(n):
                if i != j:
                    new[i, j] += (xi[i] * xi[j] - xi[i] * h[j, i] - h[i, j] * xi[j]) / n
        W = new
    return W


@wrong("check_storkey", "These are Hebb's weights")
def storkey_hebb(patterns):
    return hc.hebbian_weights(patterns, normalize="N")


@wrong("check_storkey", "h_ij leaves out k = j")
def storkey_full_field(patterns):
    X = np.atleast_2d(np.asarray(patterns, dtype=float))
    n = X.shape[1]
    W = np.zeros((n, n))
    for xi in X:
        H = np.repeat((W @ xi)[:, None], n, axis=1)
        W = W + (np.outer(xi, xi) - xi[:, None] * H.T - H * xi[None, :]) / n
        np.fill_diagonal(W, 0)
    return W


@wrong("check_storkey", "Keep the diagonal at zero")
def storkey_diagonal(patterns):
    X = np.atleast_2d(np.asarray(patterns, dtype=float))
    n = X.shape[1]
    W = np.zeros((n, n))
    for xi in X:
        h = W @ xi - np.diag(W) * xi
        H = h[:, None] - W * xi[None, :]
        W = W + (np.outer(xi, xi) - xi[:, None] * H.T - H * xi[None, :]) / n
    return W


@wrong("check_storkey", "Divide each memory's contribution by N")
def storkey_unscaled(patterns):
    X = np.atleast_2d(np.asarray(patterns, dtype=float))
    n = X.shape[1]
    W = np.zeros((n, n))
    for xi in X:
        H = (W @ xi)[:, None] - W * xi[None, :]
        W = W + (np.outer(xi, xi) - xi[:, None] * H.T - H * xi[None, :])
        np.fill_diagonal(W, 0)
    return W


@wrong("check_storkey", "expected a NumPy array, got a list")
def storkey_list(patterns):
    return storkey(patterns).tolist()


# =========================================================================== 09 Boltzmann machines
@right("check_rbm_energy", "matrix products")
def rbm_energy(v, h, W, a, b):
    v, h = np.asarray(v, dtype=float), np.asarray(h, dtype=float)
    return float(-v @ W @ h - a @ v - b @ h)


@right("check_rbm_energy", "loops")
def rbm_energy_loops(v, h, W, a, b):
    e = 0.0
    for i in range(len(v)):
        e -= a[i] * v[i]
        for j in range(len(h)):
            e -= v[i] * W[i][j] * h[j]
    for j in range(len(h)):
        e -= b[j] * h[j]
    return e


@wrong("check_rbm_energy", "Every term enters with a minus sign")
def rbm_energy_plus_bias(v, h, W, a, b):
    v, h = np.asarray(v, dtype=float), np.asarray(h, dtype=float)
    return float(-v @ W @ h + a @ v - b @ h)


@wrong("check_rbm_energy", "Include the hidden bias term")
def rbm_energy_no_hidden_bias(v, h, W, a, b):
    v, h = np.asarray(v, dtype=float), np.asarray(h, dtype=float)
    return float(-v @ W @ h - a @ v)


@wrong("check_rbm_energy", "Include the interaction term")
def rbm_energy_no_interaction(v, h, W, a, b):
    v, h = np.asarray(v, dtype=float), np.asarray(h, dtype=float)
    return float(-a @ v - b @ h)


@wrong("check_rbm_energy", "No factor 1/2 in the RBM energy")
def rbm_energy_half(v, h, W, a, b):
    v, h = np.asarray(v, dtype=float), np.asarray(h, dtype=float)
    return float(-0.5 * v @ W @ h - a @ v - b @ h)


@wrong("check_rbm_energy", "expected a float, got an array")
def rbm_energy_array(v, h, W, a, b):
    v, h = np.asarray(v, dtype=float), np.asarray(h, dtype=float)
    return np.array([-v @ W @ h - a @ v - b @ h])


@right("check_hidden_probabilities", "vectorised")
def hidden_probabilities(v, W, b):
    return 1.0 / (1.0 + np.exp(-(np.asarray(v, dtype=float) @ W + b)))


@right("check_hidden_probabilities", "scipy expit with einsum")
def hidden_probabilities_expit(v, W, b):
    from scipy.special import expit
    return expit(np.einsum("...i,ij->...j", np.asarray(v, dtype=float), W) + b)


@wrong("check_hidden_probabilities", "with the minus sign")
def hidden_probabilities_sign(v, W, b):
    return 1.0 / (1.0 + np.exp(np.asarray(v, dtype=float) @ W + b))


@wrong("check_hidden_probabilities", "Add the hidden bias b")
def hidden_probabilities_no_bias(v, W, b):
    return 1.0 / (1.0 + np.exp(-(np.asarray(v, dtype=float) @ W))) if np.any(v) else 1 / (1 + np.exp(-b))


@wrong("check_hidden_probabilities", "No factor 2 for 0/1 units")
def hidden_probabilities_two(v, W, b):
    return 1.0 / (1.0 + np.exp(-2 * (np.asarray(v, dtype=float) @ W + b)))


@wrong("check_hidden_probabilities", "handles all rows at once")
def hidden_probabilities_one_row(v, W, b):
    v = np.asarray(v, dtype=float)
    return np.array([1 / (1 + np.exp(-(b[j] + sum(v[i] * W[i, j] for i in range(W.shape[0])))))
                     for j in range(W.shape[1])])


@right("check_visible_probabilities", "vectorised")
def visible_probabilities(h, W, a):
    return 1.0 / (1.0 + np.exp(-(np.asarray(h, dtype=float) @ W.T + a)))


@right("check_visible_probabilities", "tanh form")
def visible_probabilities_tanh(h, W, a):
    return 0.5 * (1 + np.tanh((np.asarray(h, dtype=float) @ W.T + a) / 2))


@wrong("check_visible_probabilities", "W @ h only works for one vector")
def visible_probabilities_matvec(h, W, a):
    return 1.0 / (1.0 + np.exp(-(W @ np.asarray(h, dtype=float) + a)))


@wrong("check_visible_probabilities", "with the minus sign")
def visible_probabilities_sign(h, W, a):
    return 1.0 / (1.0 + np.exp(np.asarray(h, dtype=float) @ W.T + a))


@wrong("check_visible_probabilities", "Add the visible bias a")
def visible_probabilities_no_bias(h, W, a):
    h = np.asarray(h, dtype=float)
    return 1.0 / (1.0 + np.exp(-(h @ W.T))) if np.any(h) else 1 / (1 + np.exp(-a))


@right("check_cd1_update", "own conditionals")
def cd1_update(v0, W, a, b, learning_rate, u_hidden, u_visible):
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    ph0 = hidden_probabilities(v0, W, b)
    h0 = (u_hidden < ph0).astype(float)
    v1 = (u_visible < visible_probabilities(h0, W, a)).astype(float)
    ph1 = hidden_probabilities(v1, W, b)
    n = v0.shape[0]
    return (W + learning_rate * (v0.T @ ph0 - v1.T @ ph1) / n,
            a + learning_rate * (v0 - v1).mean(axis=0),
            b + learning_rate * (ph0 - ph1).mean(axis=0))


@right("check_cd1_update", "loop over rows, list result")
def cd1_update_rows(v0, W, a, b, learning_rate, u_hidden, u_visible):
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    dW, da, db = np.zeros_like(W), np.zeros_like(a), np.zeros_like(b)
    for v, uh, uv in zip(v0, np.atleast_2d(u_hidden), np.atleast_2d(u_visible)):
        ph0 = hidden_probabilities_expit(v, W, b)
        v1 = (uv < visible_probabilities_tanh((uh < ph0).astype(float), W, a)).astype(float)
        ph1 = hidden_probabilities_expit(v1, W, b)
        dW += np.outer(v, ph0) - np.outer(v1, ph1)
        da += v - v1
        db += ph0 - ph1
    n = len(v0)
    return [W + learning_rate * dW / n, a + learning_rate * da / n, b + learning_rate * db / n]


@wrong("check_cd1_update", "mean() without an axis averages everything")
def cd1_update_mean_no_axis(v0, W, a, b, learning_rate, u_hidden, u_visible):
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    ph0 = hidden_probabilities(v0, W, b)
    v1 = (u_visible < visible_probabilities((u_hidden < ph0).astype(float), W, a)).astype(float)
    ph1 = hidden_probabilities(v1, W, b)
    n = v0.shape[0]
    return (W + learning_rate * (v0.T @ ph0 - v1.T @ ph1) / n,
            a + learning_rate * np.mean(v0 - v1),
            b + learning_rate * np.mean(ph0 - ph1))


@wrong("check_cd1_update", "not the sample h0")
def cd1_update_sampled_positive(v0, W, a, b, learning_rate, u_hidden, u_visible):
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    ph0 = hidden_probabilities(v0, W, b)
    h0 = (u_hidden < ph0).astype(float)
    v1 = (u_visible < visible_probabilities(h0, W, a)).astype(float)
    ph1 = hidden_probabilities(v1, W, b)
    n = v0.shape[0]
    return (W + learning_rate * (v0.T @ h0 - v1.T @ ph1) / n,
            a + learning_rate * (v0 - v1).mean(axis=0),
            b + learning_rate * (ph0 - ph1).mean(axis=0))


@wrong("check_cd1_update", "changed its argument `W` in place")
def cd1_update_in_place(v0, W, a, b, learning_rate, u_hidden, u_visible):
    new_W, new_a, new_b = cd1_update(v0, W, a, b, learning_rate, u_hidden, u_visible)
    W += new_W - W
    return W, new_a, new_b


@wrong("check_cd1_update", "expected a tuple of 3 values")
def cd1_update_only_w(v0, W, a, b, learning_rate, u_hidden, u_visible):
    return cd1_update(v0, W, a, b, learning_rate, u_hidden, u_visible)[0]


@wrong("check_cd1_update", "Divide the correlation matrices by n")
def cd1_update_sum(v0, W, a, b, learning_rate, u_hidden, u_visible):
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    ph0 = hidden_probabilities(v0, W, b)
    v1 = (u_visible < visible_probabilities((u_hidden < ph0).astype(float), W, a)).astype(float)
    ph1 = hidden_probabilities(v1, W, b)
    return (W + learning_rate * (v0.T @ ph0 - v1.T @ ph1),
            a + learning_rate * (v0 - v1).mean(axis=0),
            b + learning_rate * (ph0 - ph1).mean(axis=0))


@wrong("check_cd1_update", "gradient ASCENT on the log-likelihood")
def cd1_update_descent(v0, W, a, b, learning_rate, u_hidden, u_visible):
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    ph0 = hidden_probabilities(v0, W, b)
    v1 = (u_visible < visible_probabilities((u_hidden < ph0).astype(float), W, a)).astype(float)
    ph1 = hidden_probabilities(v1, W, b)
    n = v0.shape[0]
    return (W - learning_rate * (v0.T @ ph0 - v1.T @ ph1) / n,
            a - learning_rate * (v0 - v1).mean(axis=0),
            b - learning_rate * (ph0 - ph1).mean(axis=0))


@wrong("check_cd1_update", "The reconstruction v1 must be a SAMPLE")
def cd1_update_mean_field_reconstruction(v0, W, a, b, learning_rate, u_hidden, u_visible):
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    ph0 = hidden_probabilities(v0, W, b)
    v1 = visible_probabilities((u_hidden < ph0).astype(float), W, a)
    ph1 = hidden_probabilities(v1, W, b)
    n = v0.shape[0]
    return (W + learning_rate * (v0.T @ ph0 - v1.T @ ph1) / n,
            a + learning_rate * (v0 - v1).mean(axis=0),
            b + learning_rate * (ph0 - ph1).mean(axis=0))


@wrong("check_cd1_update", "hidden probabilities of the RECONSTRUCTION")
def cd1_update_reuse_ph0(v0, W, a, b, learning_rate, u_hidden, u_visible):
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    ph0 = hidden_probabilities(v0, W, b)
    v1 = (u_visible < visible_probabilities((u_hidden < ph0).astype(float), W, a)).astype(float)
    n = v0.shape[0]
    return (W + learning_rate * (v0.T @ ph0 - v1.T @ ph0) / n,
            a + learning_rate * (v0 - v1).mean(axis=0),
            b + learning_rate * (ph0 - ph0).mean(axis=0))


@wrong("check_cd1_update", "not a sample h1")
def cd1_update_sampled_negative(v0, W, a, b, learning_rate, u_hidden, u_visible):
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    ph0 = hidden_probabilities(v0, W, b)
    v1 = (u_visible < visible_probabilities((u_hidden < ph0).astype(float), W, a)).astype(float)
    h1 = (u_hidden < hidden_probabilities(v1, W, b)).astype(float)
    n = v0.shape[0]
    return (W + learning_rate * (v0.T @ ph0 - v1.T @ h1) / n,
            a + learning_rate * (v0 - v1).mean(axis=0),
            b + learning_rate * (ph0 - h1).mean(axis=0))


def _cd1_on_wrong_conditional():
    def hidden_probabilities(v, W, b):  # a wrong Exercise 9.2a (sign)
        return 1.0 / (1.0 + np.exp(np.asarray(v, dtype=float) @ W + b))

    def cd1_update(v0, W, a, b, learning_rate, u_hidden, u_visible):
        v0 = np.atleast_2d(np.asarray(v0, dtype=float))
        ph0 = hidden_probabilities(v0, W, b)
        v1 = (u_visible < visible_probabilities((u_hidden < ph0).astype(float), W, a)).astype(float)
        ph1 = hidden_probabilities(v1, W, b)
        n = v0.shape[0]
        return (W + learning_rate * (v0.T @ ph0 - v1.T @ ph1) / n,
                a + learning_rate * (v0 - v1).mean(axis=0),
                b + learning_rate * (ph0 - ph1).mean(axis=0))
    return cd1_update


wrong("check_cd1_update", "which does not pass Exercise 9.2a")(_cd1_on_wrong_conditional())


def _binary_rows(m):
    return ((np.arange(2 ** m)[:, None] >> np.arange(m)[::-1]) & 1).astype(float)


@right("check_exact_log_likelihood", "free energy, logsumexp")
def exact_log_likelihood(data, W, a, b):
    from scipy.special import logsumexp
    data = np.atleast_2d(np.asarray(data, dtype=float))

    def neg_free_energy(v):
        return v @ a + np.logaddexp(0.0, v @ W + b).sum(axis=1)

    return float(np.mean(neg_free_energy(data)) - logsumexp(neg_free_energy(_binary_rows(W.shape[0]))))


@right("check_exact_log_likelihood", "joint sum over visible and hidden states")
def exact_log_likelihood_joint(data, W, a, b):
    V, H = _binary_rows(W.shape[0]), _binary_rows(W.shape[1])
    neg_e = V @ W @ H.T + (V @ a)[:, None] + (H @ b)[None, :]
    top = neg_e.max()
    log_z = top + np.log(np.exp(neg_e - top).sum())
    rows = np.atleast_2d(data)
    neg_f = rows @ a + np.log1p(np.exp(rows @ W + b)).sum(axis=1)
    return float(neg_f.mean() - log_z)


@wrong("check_exact_log_likelihood", "That is in bits")
def exact_log_likelihood_bits(data, W, a, b):
    return exact_log_likelihood(data, W, a, b) / np.log(2.0)


@wrong("check_exact_log_likelihood", "Return the MEAN over the rows")
def exact_log_likelihood_sum(data, W, a, b):
    return exact_log_likelihood(data, W, a, b) * len(np.atleast_2d(data))


@wrong("check_exact_log_likelihood", "Subtract log Z")
def exact_log_likelihood_no_z(data, W, a, b):
    data = np.atleast_2d(np.asarray(data, dtype=float))
    return float(np.mean(data @ a + np.logaddexp(0.0, data @ W + b).sum(axis=1)))


def _ll_from(neg_free, data, W, *, log_z=None):
    from scipy.special import logsumexp
    data = np.atleast_2d(np.asarray(data, dtype=float))
    every = _binary_rows(W.shape[0])
    z = logsumexp(neg_free(every)) if log_z is None else log_z(neg_free(every))
    return float(np.mean(neg_free(data)) - z)


@wrong("check_exact_log_likelihood", "not of their mean")
def exact_log_likelihood_log_mean_z(data, W, a, b):
    return _ll_from(lambda v: v @ a + np.logaddexp(0.0, v @ W + b).sum(axis=1), data, W,
                    log_z=lambda f: np.log(np.mean(np.exp(f))))


@wrong("check_exact_log_likelihood", "without the 1 + the logarithm cancels")
def exact_log_likelihood_no_one(data, W, a, b):
    return _ll_from(lambda v: v @ a + np.log(np.exp(v @ W + b)).sum(axis=1), data, W)


@wrong("check_exact_log_likelihood", "Include the visible-bias term of the free energy")
def exact_log_likelihood_no_visible_bias(data, W, a, b):
    return _ll_from(lambda v: np.log1p(np.exp(v @ W + b)).sum(axis=1), data, W)


@wrong("check_exact_log_likelihood", "Do not divide Z by 2^H")
def exact_log_likelihood_z_over_2h(data, W, a, b):
    return exact_log_likelihood(data, W, a, b) + W.shape[1] * np.log(2.0)


@wrong("check_exact_log_likelihood", "Wrong sign inside Z")
def exact_log_likelihood_z_sign(data, W, a, b):
    return _ll_from(lambda v: v @ a + np.logaddexp(0.0, v @ W + b).sum(axis=1), data, W,
                    log_z=lambda f: np.logaddexp.reduce(-f))


# =========================================================================== 10 modern Hopfield networks
@right("check_dense_step", "broadcasting")
def dense_step(state, patterns, n):
    overlaps = patterns @ state
    x = overlaps[:, None] - patterns * state[None, :]
    delta = ((x + patterns) ** n - (x - patterns) ** n).sum(axis=0)
    return np.where(delta >= 0, 1, -1)


@right("check_dense_step", "pure-Python loops")
def dense_step_loops(state, patterns, n):
    N = len(state)
    new = np.empty(N, dtype=int)
    overlaps = [sum(int(p[j]) * int(state[j]) for j in range(N)) for p in patterns]
    for i in range(N):
        total = 0
        for mu, p in enumerate(patterns):
            x = overlaps[mu] - int(p[i]) * int(state[i])
            total += (int(p[i]) + x) ** n - (-int(p[i]) + x) ** n
        new[i] = 1 if total >= 0 else -1
    return new


@wrong("check_dense_step", "Leave neuron i out of the overlap")
def dense_step_with_self(state, patterns, n):
    x = (patterns @ state)[:, None] + 0 * patterns
    delta = ((x + patterns) ** n - (x - patterns) ** n).sum(axis=0)
    return np.where(delta >= 0, 1, -1)


@wrong("check_dense_step", "the neuron becomes +1")
def dense_step_tie_minus(state, patterns, n):
    x = (patterns @ state)[:, None] - patterns * state[None, :]
    delta = ((x + patterns) ** n - (x - patterns) ** n).sum(axis=0)
    return np.where(delta > 0, 1, -1)


@wrong("check_dense_step", "changed its argument `state` in place")
def dense_step_in_place(state, patterns, n):
    for i in range(len(state)):
        x = patterns @ state - patterns[:, i] * state[i]
        state[i] = 1 if np.sum((x + patterns[:, i]) ** n - (x - patterns[:, i]) ** n) >= 0 else -1
    return state


@wrong("check_dense_step", "the values must be -1 or 1")
def dense_step_sign(state, patterns, n):
    x = (patterns @ state)[:, None] - patterns * state[None, :]
    return np.sign(((x + patterns) ** n - (x - patterns) ** n).sum(axis=0))


@wrong("check_dense_step", "sequential (asynchronous) sweep")
def dense_step_sequential(state, patterns, n):
    s = np.array(state)
    for i in range(len(s)):
        x = patterns @ s - patterns[:, i] * s[i]
        s[i] = 1 if np.sum((x + patterns[:, i]) ** n - (x - patterns[:, i]) ** n) >= 0 else -1
    return s


@wrong("check_dense_step", "Your update is the negation of the correct one")
def dense_step_negated(state, patterns, n):
    x = (patterns @ state)[:, None] - patterns * state[None, :]
    delta = ((x + patterns) ** n - (x - patterns) ** n).sum(axis=0)
    return np.where(delta >= 0, -1, 1)


@wrong("check_dense_step", "Your update is the negation of the correct one")
def dense_step_terms_swapped(state, patterns, n):
    x = (patterns @ state)[:, None] - patterns * state[None, :]
    delta = ((x - patterns) ** n - (x + patterns) ** n).sum(axis=0)
    return np.where(delta >= 0, 1, -1)


@wrong("check_dense_step", "the exercise asks you not to call hc.DenseAssociativeMemory")
def dense_step_package(state, patterns, n):
    return hc.DenseAssociativeMemory(n, mode="sync").store(patterns).step(state)


@wrong("check_dense_step", "the exercise asks you not to call hc.DenseAssociativeMemory")
def dense_step_package_imported_inside(state, patterns, n):
    from hopfield_course.modern import DenseAssociativeMemory
    return DenseAssociativeMemory(n, mode="sync").store(patterns).step(state)


@wrong("check_dense_step", "the exercise asks you not to call hc.DenseAssociativeMemory")
def dense_step_package_module_imported_inside(state, patterns, n):
    import hopfield_course as H
    return H.DenseAssociativeMemory(n, mode="sync").store(patterns).step(state)


@right("check_softmax_step", "shifted exponentials")
def softmax_step(x, patterns, beta):
    z = beta * (patterns @ x)
    w = np.exp(z - z.max())
    return patterns.T @ (w / w.sum())


@right("check_softmax_step", "scipy softmax")
def softmax_step_scipy(x, patterns, beta):
    from scipy.special import softmax
    return np.asarray(patterns).T @ softmax(beta * np.asarray(patterns) @ np.asarray(x))


@wrong("check_softmax_step", "subtract max(beta z)")
def softmax_step_overflow(x, patterns, beta):
    with np.errstate(all="ignore"):
        w = np.exp(beta * (patterns @ x))
        return patterns.T @ (w / w.sum())


@wrong("check_softmax_step", "Multiply the similarities by beta")
def softmax_step_no_beta(x, patterns, beta):
    z = patterns @ x
    w = np.exp(z - z.max())
    return patterns.T @ (w / w.sum())


@wrong("check_softmax_step", "expected an array of shape (20,), got shape (1,)")
def softmax_step_weights(x, patterns, beta):
    z = beta * (patterns @ x)
    w = np.exp(z - z.max())
    return w / w.sum()


@wrong("check_softmax_step", "not the K weights")
def softmax_step_returns_weights(x, patterns, beta):
    z = beta * (patterns @ x)
    return np.exp(z - z.max()) / np.sum(np.exp(z - z.max()))


@wrong("check_softmax_step", "agrees with the expected array only to float32 precision (dtype float32")
def softmax_step_float32(x, patterns, beta):
    P, v = np.asarray(patterns, dtype=np.float32), np.asarray(x, dtype=np.float32)
    z = beta * (P @ v)
    w = np.exp(z - z.max())
    return P.T @ (w / w.sum())


@wrong("check_softmax_step", "the exercise asks you not to call hc.softmax_update")
def softmax_step_package(x, patterns, beta):
    return hc.softmax_update(x, patterns, beta=beta)


@right("check_softmax_step", "package imported inside for hc.softmax only (allowed)")
def softmax_step_imports_package_for_softmax(x, patterns, beta):
    import hopfield_course as H
    P = np.asarray(patterns, dtype=float)
    return P.T @ H.softmax(P @ x, beta=beta)


@wrong("check_softmax_step", "the exercise asks you not to call hc.softmax_update")
def softmax_step_package_imported_inside(x, patterns, beta):
    import hopfield_course as H
    return H.softmax_update(x, patterns, beta=beta)


@wrong("check_softmax_step", "the exercise asks you not to call hc.softmax_update")
def softmax_step_package_from_import_inside(x, patterns, beta):
    from hopfield_course.modern import softmax_update as update
    return update(x, patterns, beta=beta)


@wrong("check_softmax_step", "agrees with the expected array only to float32 precision (dtype float32")
def softmax_step_float32_at_end(x, patterns, beta):
    z = beta * (patterns @ x)
    w = np.exp(z - z.max())
    return (patterns.T @ (w / w.sum())).astype(np.float32)


@wrong("check_softmax_step", "Normalise the weights")
def softmax_step_unnormalised(x, patterns, beta):
    z = beta * (patterns @ x)
    return patterns.T @ np.exp(z - z.max())


@wrong("check_softmax_step", "No division by sqrt(N)")
def softmax_step_sqrt_d(x, patterns, beta):
    z = beta * (patterns @ x) / np.sqrt(len(x))
    w = np.exp(z - z.max())
    return patterns.T @ (w / w.sum())


@wrong("check_softmax_step", "Do not take np.sign of the result")
def softmax_step_sign(x, patterns, beta):
    return np.sign(softmax_step(x, patterns, beta))


@right("check_bit_error", "loop over probes")
def bit_error(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    wrong = 0
    for k in range(probes):
        wrong += np.count_nonzero(dense_step(X[k], X, n) != X[k])
    return wrong / (probes * n_neurons)


@right("check_bit_error", "memories in the columns (other draws: compared statistically)")
def bit_error_columns(n, n_neurons, n_memories, probes, rng):
    M = rng.choice([-1, 1], size=(n_neurons, n_memories))
    after = np.array([dense_step(M[:, k], M.T, n) for k in range(probes)])
    return float(np.mean(after != M[:, :probes].T))


@right("check_bit_error", "integers instead of choice (other draws: compared statistically)")
def bit_error_integers(n, n_neurons, n_memories, probes, rng):
    X = 2 * rng.integers(0, 2, size=(n_memories, n_neurons)) - 1
    return sum(int(np.sum(dense_step(X[k], X, n) != X[k])) for k in range(probes)) / (probes * n_neurons)


@right("check_bit_error", "pure-Python dense_step")
def bit_error_loops(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    flipped = sum(int(np.sum(dense_step_loops(X[k], X, n) != X[k])) for k in range(probes))
    return flipped / (probes * n_neurons)


@wrong("check_bit_error", "start each probe AT a stored memory")
def bit_error_random_start(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    S = rng.choice([-1, 1], size=(probes, n_neurons))
    return float(np.mean([np.mean(dense_step(s, X, n) != s) for s in S]))


@wrong("check_bit_error", "by probes * n_neurons")
def bit_error_per_probe(n, n_neurons, n_memories, probes, rng):
    return bit_error(n, n_neurons, n_memories, probes, rng) * n_neurons


@wrong("check_bit_error", "got None: did you forget `return`?")
def bit_error_no_return(n, n_neurons, n_memories, probes, rng):
    bit_error(n, n_neurons, n_memories, probes, rng)


@wrong("check_bit_error", "your memories have shape (n_neurons, n_memories) = (60, 5)")
def bit_error_transposed(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_neurons, n_memories))
    return float(np.mean([np.mean(dense_step(X[k], X, n) != X[k]) for k in range(probes)]))


@wrong("check_bit_error", "draw every random number from the `rng` argument")
def bit_error_global_random(n, n_neurons, n_memories, probes, rng):
    X = np.random.choice([-1, 1], size=(n_memories, n_neurons))
    return sum(np.count_nonzero(dense_step(X[k], X, n) != X[k]) for k in range(probes)) / (probes * n_neurons)


@wrong("check_bit_error", "not by probes only")
def bit_error_divided_by_probes(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    return sum(np.count_nonzero(dense_step(X[k], X, n) != X[k]) for k in range(probes)) / probes


def _flipped(X, n, probes):
    return sum(int(np.sum(dense_step(X[k], X, n) != X[k])) for k in probes)


@wrong("check_bit_error", "divide by probes·N (probes * n_neurons), not 2·probes·N")
def bit_error_half(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    return _flipped(X, n, range(probes)) / (2 * probes * n_neurons)


@wrong("check_bit_error", "divide by probes·N (probes * n_neurons), not K·N")
def bit_error_by_k_n(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    return _flipped(X, n, range(probes)) / (n_memories * n_neurons)


@wrong("check_bit_error", "use all `probes` probes")
def bit_error_skips_first_probe(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    return _flipped(X, n, range(1, probes)) / (probes * n_neurons)


@wrong("check_bit_error", "use all `probes` probes")
def bit_error_one_probe(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    return float(np.mean(dense_step(X[0], X, n) != X[0]))


@wrong("check_bit_error", "not at the last ones")
def bit_error_last_probes(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    return _flipped(X, n, range(n_memories - probes, n_memories)) / (probes * n_neurons)


@wrong("check_bit_error", "1 = every bit: count the bits that changed (!=)")
def bit_error_bits_that_stayed(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    return sum(int(np.sum(dense_step(X[k], X, n) == X[k])) for k in range(probes)) / (probes * n_neurons)


@wrong("check_bit_error", "the memories must be ±1")
def bit_error_zero_one(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([0, 1], size=(n_memories, n_neurons))
    return _flipped(X, n, range(probes)) / (probes * n_neurons)


@wrong("check_bit_error", "|new - old| is 2 for a flipped bit")
def bit_error_abs_difference(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    return sum(int(np.sum(np.abs(dense_step(X[k], X, n) - X[k]))) for k in range(probes)) / (probes * n_neurons)


@wrong("check_bit_error", "`//` is integer division")
def bit_error_floor_division(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    return _flipped(X, n, range(probes)) // (probes * n_neurons)


@wrong("check_bit_error", "apply ONE synchronous update per probe")
def bit_error_iterated(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    flipped = 0
    for k in range(probes):
        s = X[k]
        for _ in range(20):
            new = dense_step(s, X, n)
            if np.array_equal(new, s):
                break
            s = new
        flipped += int(np.sum(s != X[k]))
    return flipped / (probes * n_neurons)


@wrong("check_bit_error", "the exercise asks you not to call hc.dense_bit_error")
def bit_error_package(n, n_neurons, n_memories, probes, rng):
    return hc.dense_bit_error(n, n_neurons, n_memories, probes=probes, rng=rng)


@wrong("check_bit_error", "agrees with the expected value only to float32 precision (dtype float32")
def bit_error_float32(n, n_neurons, n_memories, probes, rng):
    X = rng.choice([-1, 1], size=(n_memories, n_neurons))
    return np.float32(np.mean([dense_step(X[k], X, n) != X[k] for k in range(probes)]))


def _bit_error_on_wrong_dense_step():
    def dense_step(state, patterns, n):  # a wrong Exercise 10.1 (neuron i not left out)
        x = (patterns @ state)[:, None] + 0 * patterns
        return np.where(((x + patterns) ** n - (x - patterns) ** n).sum(axis=0) >= 0, 1, -1)

    def bit_error(n, n_neurons, n_memories, probes, rng):
        X = rng.choice([-1, 1], size=(n_memories, n_neurons))
        return sum(np.count_nonzero(dense_step(X[k], X, n) != X[k]) for k in range(probes)) / (probes * n_neurons)
    return bit_error


wrong("check_bit_error", "which does not pass Exercise 10.1 dense_step")(_bit_error_on_wrong_dense_step())


# =========================================================================== 11 asymmetric and controlled networks
@right("check_sequence_weights", "np.roll")
def seq_weights(patterns):
    patterns = np.asarray(patterns)
    return np.roll(patterns, -1, axis=0).T @ patterns / patterns.shape[1]


@right("check_sequence_weights", "sum of outer products")
def seq_weights_loop(patterns):
    p, n = len(patterns), len(patterns[0])
    W = np.zeros((n, n))
    for mu in range(p):
        W += np.outer(patterns[(mu + 1) % p], patterns[mu])
    return W / n


@wrong("check_sequence_weights", "This matrix is transposed")
def seq_weights_transposed(patterns):
    return seq_weights(patterns).T


@wrong("check_sequence_weights", "Close the loop")
def seq_weights_open(patterns):
    X = np.asarray(patterns)
    return X[1:].T @ X[:-1] / X.shape[1]


@wrong("check_sequence_weights", "Keep the diagonal")
def seq_weights_zero_diagonal(patterns):
    W = seq_weights(patterns)
    np.fill_diagonal(W, 0)
    return W


@wrong("check_sequence_weights", "Divide by N")
def seq_weights_by_p(patterns):
    X = np.asarray(patterns)
    return np.roll(X, -1, axis=0).T @ X / X.shape[0]


@wrong("check_sequence_weights", "your 'next' is the previous memory: np.roll(patterns, -1, axis=0)")
def seq_weights_shift_back(patterns):
    X = np.asarray(patterns)
    return np.roll(X, 1, axis=0).T @ X / X.shape[1]


@wrong("check_sequence_weights", "Divide the sum of outer products by N")
def seq_weights_unnormalised(patterns):
    X = np.asarray(patterns)
    return np.roll(X, -1, axis=0).T @ X


@wrong("check_sequence_weights", "not by N - 1")
def seq_weights_n_minus_1(patterns):
    X = np.asarray(patterns)
    return np.roll(X, -1, axis=0).T @ X / (X.shape[1] - 1)


@wrong("check_sequence_weights", "not by p * N (patterns.size)")
def seq_weights_by_size(patterns):
    X = np.asarray(patterns)
    return np.roll(X, -1, axis=0).T @ X / X.size


@wrong("check_sequence_weights", "`//` is integer (floor) division")
def seq_weights_floor_division(patterns):
    X = np.asarray(patterns)
    return np.roll(X, -1, axis=0).T @ X // X.shape[1]


@wrong("check_sequence_weights", "agrees with the expected array only to float32 precision (dtype float32")
def seq_weights_float32(patterns):
    X = np.asarray(patterns, dtype=np.float32)
    return np.roll(X, -1, axis=0).T @ X / X.shape[1]


@wrong("check_sequence_weights", "Roll along axis=0 (the memories), not the neurons")
def seq_weights_roll_neurons(patterns):
    X = np.asarray(patterns)
    return np.roll(X, -1, axis=1).T @ X / X.shape[1]


@wrong("check_sequence_weights", "Roll along axis=0 (the memories), not the neurons")
def seq_weights_roll_flattened(patterns):
    X = np.asarray(patterns)
    return np.roll(X, -1).T @ X / X.shape[1]


@wrong("check_sequence_weights", "Divide by N, not √N")
def seq_weights_sqrt_n(patterns):
    X = np.asarray(patterns)
    return np.roll(X, -1, axis=0).T @ X / np.sqrt(X.shape[1])


@right("check_detect_cycle", "dict of first appearances")
def detect_cycle(states):
    first_seen = {}
    for t, s in enumerate(np.asarray(states)):
        key = tuple(s.tolist())
        if key in first_seen:
            return first_seen[key], t - first_seen[key]
        first_seen[key] = t
    return None


@right("check_detect_cycle", "double loop")
def detect_cycle_loops(states):
    for t in range(len(states)):
        for s in range(t):
            if np.array_equal(states[s], states[t]):
                return (s, t - s)
    return None


@wrong("check_detect_cycle", "The order is (start, period)")
def detect_cycle_swapped(states):
    found = detect_cycle(states)
    return None if found is None else (found[1], found[0])


@wrong("check_detect_cycle", "FIRST appearance")
def detect_cycle_second_index(states):
    found = detect_cycle(states)
    return None if found is None else (found[0] + found[1], found[1])


@wrong("check_detect_cycle", "expected None, got")
def detect_cycle_zero(states):
    return detect_cycle(states) or (0, 0)


@wrong("check_detect_cycle", "expected a tuple of 2 values (start, period)")
def detect_cycle_period_only(states):
    found = detect_cycle(states)
    return None if found is None else found[1]


@wrong("check_detect_cycle", "Compare each state with ALL the earlier ones")
def detect_cycle_previous_only(states):
    states = np.asarray(states)
    for t in range(1, len(states)):
        if np.array_equal(states[t], states[t - 1]):
            return t - 1, 1
    return None


@wrong("check_detect_cycle", "Report the FIRST repetition")
def detect_cycle_last_repetition(states):
    found, first_seen = None, {}
    for t, s in enumerate(np.asarray(states)):
        key = s.tobytes()
        if key in first_seen:
            found = (first_seen[key], t - first_seen[key])
        else:
            first_seen[key] = t
    return found


@wrong("check_detect_cycle", "Report the FIRST repetition")
def detect_cycle_last_state_only(states):
    for t in range(len(states) - 1):
        if np.array_equal(states[t], states[-1]):
            return (t, len(states) - 1 - t)
    return None


@wrong("check_detect_cycle", "a tuple, as the exercise asks (not a list)")
def detect_cycle_list(states):
    found = detect_cycle(states)
    return None if found is None else list(found)


@wrong("check_detect_cycle", "start and period are ints")
def detect_cycle_floats(states):
    found = detect_cycle(states)
    return None if found is None else (float(found[0]), float(found[1]))


@wrong("check_detect_cycle", "your function returned None: did you forget `return`?")
def detect_cycle_prints(states):
    first_seen = {}
    for t, s in enumerate(np.asarray(states)):
        key = s.tobytes()
        if key in first_seen:
            print(first_seen[key], t - first_seen[key])
            return
        first_seen[key] = t


@right("check_controlled_cost", "loop")
def controlled_cost(u0, A, xi, dt, steps, lam, mu, gain):
    u = np.array(u0, dtype=float)
    cost = 0.0
    for t in range(steps):
        X = (A + xi) @ np.tanh(gain * u) - u
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.sum(xi ** 2))
        u = u + dt * X
    return cost


@right("check_controlled_cost", "trajectory array, then vectorised sum")
def controlled_cost_vectorised(u0, A, xi, dt, steps, lam, mu, gain):
    us = [np.asarray(u0, dtype=float)]
    for _ in range(steps - 1):
        u = us[-1]
        us.append(u + dt * ((A + xi) @ np.tanh(gain * u) - u))
    U = np.array(us)
    X = np.tanh(gain * U) @ (A + xi).T - U
    weights = dt * np.exp(-lam * dt * np.arange(steps))
    return float(weights @ ((1 - mu) * np.sum(X ** 2, axis=1) + mu * np.sum(xi ** 2)))


@wrong("check_controlled_cost", "changed its argument `u0` in place")
def controlled_cost_in_place(u0, A, xi, dt, steps, lam, mu, gain):
    cost = 0.0
    for t in range(steps):
        X = (A + xi) @ np.tanh(gain * u0) - u0
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.sum(xi ** 2))
        u0 += dt * X
    return cost


@wrong("check_controlled_cost", "The first step has weight exp(0) = 1")
def controlled_cost_late_discount(u0, A, xi, dt, steps, lam, mu, gain):
    u = np.array(u0, dtype=float)
    cost = 0.0
    for t in range(1, steps + 1):
        X = (A + xi) @ np.tanh(gain * u) - u
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.sum(xi ** 2))
        u = u + dt * X
    return cost


@wrong("check_controlled_cost", "sum of the SQUARES of all entries")
def controlled_cost_norm(u0, A, xi, dt, steps, lam, mu, gain):
    u = np.array(u0, dtype=float)
    cost = 0.0
    for t in range(steps):
        X = (A + xi) @ np.tanh(gain * u) - u
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.linalg.norm(xi))
        u = u + dt * X
    return cost


@wrong("check_controlled_cost", "BEFORE the Euler step")
def controlled_cost_step_first(u0, A, xi, dt, steps, lam, mu, gain):
    u = np.array(u0, dtype=float)
    cost = 0.0
    for t in range(steps):
        u = u + dt * ((A + xi) @ np.tanh(gain * u) - u)
        X = (A + xi) @ np.tanh(gain * u) - u
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.sum(xi ** 2))
    return cost


@wrong("check_controlled_cost", "g(u) = tanh(gain * u)")
def controlled_cost_gain_outside(u0, A, xi, dt, steps, lam, mu, gain):
    u = np.array(u0, dtype=float)
    cost = 0.0
    for t in range(steps):
        X = (A + xi) @ (gain * np.tanh(u)) - u
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.sum(xi ** 2))
        u = u + dt * X
    return cost


@wrong("check_controlled_cost", "the control also acts on the dynamics")
def controlled_cost_no_xi_in_dynamics(u0, A, xi, dt, steps, lam, mu, gain):
    u = np.array(u0, dtype=float)
    cost = 0.0
    for t in range(steps):
        X = A @ np.tanh(gain * u) - u
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.sum(xi ** 2))
        u = u + dt * X
    return cost


@wrong("check_controlled_cost", "You used the transposed couplings")
def controlled_cost_transposed(u0, A, xi, dt, steps, lam, mu, gain):
    u = np.array(u0, dtype=float)
    cost = 0.0
    for t in range(steps):
        X = np.tanh(gain * u) @ (A + xi) - u
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.sum(xi ** 2))
        u = u + dt * X
    return cost


@wrong("check_controlled_cost", "agrees with the expected value only to float32 precision")
def controlled_cost_float32(u0, A, xi, dt, steps, lam, mu, gain):
    u = np.array(u0, dtype=np.float32)
    cost = 0.0
    for t in range(steps):
        X = ((A + xi) @ np.tanh(gain * u) - u).astype(np.float32)
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.sum(xi ** 2))
        u = (u + dt * X).astype(np.float32)
    return cost


@wrong("check_controlled_cost", "xi multiplies tanh(gain * u) like A does (not u: xi @ u)")
def controlled_cost_xi_on_u(u0, A, xi, dt, steps, lam, mu, gain):
    u = np.array(u0, dtype=float)
    cost = 0.0
    for t in range(steps):
        X = A @ np.tanh(gain * u) + xi @ u - u
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.sum(xi ** 2))
        u = u + dt * X
    return cost


@wrong("check_controlled_cost", "Use xi as it is, not xi.T: X = (A + xi) @ np.tanh(gain * u) - u")
def controlled_cost_xi_transposed(u0, A, xi, dt, steps, lam, mu, gain):
    u = np.array(u0, dtype=float)
    cost = 0.0
    for t in range(steps):
        X = (A + xi.T) @ np.tanh(gain * u) - u
        cost += dt * np.exp(-lam * t * dt) * ((1 - mu) * X @ X + mu * np.sum(xi ** 2))
        u = u + dt * X
    return cost
