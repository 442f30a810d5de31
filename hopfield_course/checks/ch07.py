"""Checks for the exercises of chapter 07 (the travelling salesman).

Reference answers come from :mod:`hopfield_course.tsp`, never typed in.
"""

from __future__ import annotations

import numpy as np

from ..tsp import decode, distance_matrix, hopfield_tank_rhs, optimal_tour, random_cities, tour_length
from . import _core
from ._core import Case, CheckResult, _real_scalar, allclose, call_student, describe, fmt, not_done, run_cases

__all__ = ["check_length_of_tour", "check_decode_tour", "check_ht_rhs", "check_brute_force_tour"]

_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])


def check_length_of_tour(length_of_tour) -> CheckResult:
    """Exercise 7.1: ``length_of_tour(tour, coords)`` - length of the closed tour, a float."""
    c10 = random_cities(10, rng=71)
    t10 = np.random.default_rng(72).permutation(10)
    close = allclose(1e-9, 1e-12)
    last = "Do not forget the last leg, from the last city back to the first (np.roll(points, -1, axis=0))."
    # Three cities (distance_matrix and the package need at least 3): a 3-4-5 right triangle.
    triangle = np.array([[0.0, 0.0], [3.0, 0.0], [3.0, 4.0]])
    cases = [
        Case((np.array([0, 1, 2]), triangle), 12.0, compare=close,
             mistakes=[(7.0, last), (50.0, "Euclidean distances: take the square root of the sum of squares, "
                                           "np.linalg.norm(diff, axis=1)."),
                       (25.0, last + " And take the square root of the sum of squares."),
                       (14.0, "Euclidean distances: sqrt(dx^2 + dy^2), not |dx| + |dy| (the side from (3, 4) "
                              "back to (0, 0) is 5, not 7).")],
             hint="A 3-4-5 right triangle: the closed tour has the three sides, 3 + 4 + 5 = 12. " + last,
             call="length_of_tour(np.array([0, 1, 2]), triangle)  # triangle: cities (0, 0), (3, 0), (3, 4)"),
        Case((np.array([0, 1, 2, 3]), _SQUARE), 4.0, compare=close,
             mistakes=[(3.0, last), (2.0 + 2 * np.sqrt(2), "Visit the cities in the order of the tour: "
                                                           "coords[tour], not coords.")],
             hint="Around the unit square: four sides of length 1, the last one from city 3 back to city 0."),
        Case((np.array([0, 2, 1, 3]), _SQUARE), tour_length([0, 2, 1, 3], _SQUARE), compare=close,
             mistakes=[(4.0, "Visit the cities in the order of the tour: points = coords[tour]."),
                       (2.0 + 2 * 2.0, "Euclidean distances: the diagonal of the unit square is sqrt(2), not 2 "
                                       "(take the square root of the sum of squares)."),
                       (6.0, "Euclidean distances: take the square root of the sum of squares."),
                       (4.0 + 2 * np.sqrt(2) - 2, "Euclidean distances: sqrt(dx^2 + dy^2).")],
             hint="Two sides and two diagonals: 2 + 2*sqrt(2)."),
        Case(([0, 3, 2, 1], _SQUARE), 4.0, compare=close, call="length_of_tour([0, 3, 2, 1], square)",
             hint="The tour may be a list: convert it with np.asarray(tour) before indexing coords."),
        Case((t10, c10), tour_length(t10, c10), compare=close, hint=last, call="length_of_tour(tour, coords_10_cities)"),
    ]
    return run_cases("check_length_of_tour", length_of_tour, cases, what="Exercise 7.1 length_of_tour")


def check_decode_tour(decode_tour) -> CheckResult:
    """Exercise 7.2: ``decode_tour(V)`` - the tour in a neuron matrix as an integer NumPy array, or None if it is
    not valid."""
    perm = np.eye(5)[:, [2, 0, 4, 1, 3]]
    graded = 0.9 * perm + 0.05
    two_in_column = perm.copy()
    two_in_column[0] = perm[1]
    twice = perm.copy()  # city 2 also takes the position of city 3: every column has one neuron on
    twice[2] = np.maximum(perm[2], perm[3])
    twice[3] = 0.0
    half = perm.copy()  # an undecided neuron at exactly the threshold: off, so still the tour
    half[0, 0] = 0.5
    extra = perm.copy()  # one neuron too many: city 4 also on at position 0, below city 2 (argmax still picks 2)
    extra[4, 0] = 1.0
    axis = ("tour[i] is the city X (the ROW) whose neuron is on in column i (the position): "
            "np.argmax(on, axis=0), not axis=1 (that gives the position of each city).")
    valid = "Check validity first: exactly one neuron on in every row AND every column, otherwise return None."
    exactly = ("exactly one neuron on in every row and every column: test on.sum(axis=0) == 1 and on.sum(axis=1) "
               "== 1. At least one per row and column, or a different argmax in every column, lets extra neurons "
               "through.")
    not_none = ("this V is a valid tour (exactly one neuron on in every row and every column): return its tour, "
                "an integer array; None is only for a V that is not a tour. (Is your validity test inverted, or "
                "did you forget `return`?)")
    threshold = ("this V is a valid tour; a neuron counts as on above 0.5 (V > 0.5): the neurons at 0.95 are on, "
                 "those at 0.05 are off (V > 0 would count every neuron as on).")
    cases = [
        Case((perm,), decode(perm), axis, need_array=True, integer=True, allow_none=True,
             mistakes=[(np.argmax(perm, axis=1), axis), (None, not_none)]),
        Case((graded,), decode(graded), "Neurons above 0.5 count as on, the rest as off.", need_array=True,
             integer=True, allow_none=True, mistakes=[(None, threshold)]),
        Case((two_in_column,), None, "Two cities in one position (a column with two neurons on): not a tour. "
             + valid),
        Case((twice,), None, "A city visited twice (a row with two neurons on, another row empty): not a tour, "
                             "although every column has one neuron on. " + valid),
        Case((extra,), None, "A tour plus one extra neuron on (city 4 at position 0, where city 2 is already on): "
                             "not a tour, because a tour has " + exactly),
        Case((np.full((4, 4), 0.25),), None, "No neuron on at all: not a tour (return None, not an array)."),
        Case((half,), decode(half), "A neuron at exactly 0.5 is not ABOVE 0.5, so it is off: use V > 0.5, not "
                                    "V >= 0.5.", need_array=True, integer=True,
             allow_none=True),
    ]
    return run_cases("check_decode_tour", decode_tour, cases, what="Exercise 7.2 decode_tour")


def check_ht_rhs(ht_rhs) -> CheckResult:
    """Exercise 7.3: ``ht_rhs(u, d, A, B, C, D, n_tilde, u0)`` - du/dt of eq. (19) with tau = 1.

    Each penalty term is checked alone first (the others set to 0), the full equation last.
    """
    c = random_cities(6, rng=73)
    d = distance_matrix(c)
    rng = np.random.default_rng(74)
    u = 0.02 * rng.standard_normal((6, 6))
    V = 0.5 * (1 + np.tanh(u / 0.02))
    base = dict(A=500.0, B=500.0, C=200.0, D=500.0, n_tilde=9.0, u0=0.02)
    logistic = ("V = (1 + tanh(u / u0)) / 2, between 0 and 1 (not tanh(u / u0), which is between -1 and 1).")
    cases = []
    for changes, hint, wrongs in [
        ({"A": 0.0, "B": 0.0, "C": 0.0, "D": 0.0},
         "With A = B = C = D = 0 only the decay is left: du/dt = -u (tau = 1).", [(u, "The decay is -u: minus.")]),
        ({"A": 100.0, "B": 0.0, "C": 0.0, "D": 0.0},
         "Row term: -A * (sum of the OTHER positions of the same city), i.e. V.sum(axis=1, keepdims=True) - V.",
         [(-u - 100.0 * V.sum(axis=1, keepdims=True), "The row term leaves V_Xi itself out: sum_{j != i} V_Xj = "
                                                      "row sum - V."),
          (-u - 100.0 * (V.sum(axis=0, keepdims=True) - V), "You summed a column: the A term sums over the "
                                                              "positions j of the same city X (axis=1).")]),
        ({"A": 0.0, "B": 100.0, "C": 0.0, "D": 0.0},
         "Column term: -B * (sum of the OTHER cities at the same position), i.e. V.sum(axis=0, keepdims=True) - V.",
         [(-u - 100.0 * V.sum(axis=0, keepdims=True), "The column term leaves V_Xi itself out: sum_{Y != X} V_Yi "
                                                      "= column sum - V."),
          (-u - 100.0 * (V.sum(axis=1, keepdims=True) - V), "You summed a row: the B term sums over the cities Y "
                                                              "at the same position i (axis=0).")]),
        ({"A": 0.0, "B": 0.0, "C": 50.0, "D": 0.0}, "Global term: -C * (sum of all V - n_tilde).",
         [(-u - 50.0 * V.sum(), "The global term is -C * (sum of all V - n_tilde): subtract n_tilde.")]),
        ({"A": 0.0, "B": 0.0, "C": 0.0, "D": 100.0},
         "Distance term: -D * sum_Y d_XY (V[Y, i+1] + V[Y, i-1]): both neighbouring positions, which wrap around "
         "(np.roll(V, 1, axis=1) + np.roll(V, -1, axis=1)).",
         [(-u - 100.0 * d @ np.roll(V, -1, axis=1), "Use BOTH neighbouring positions, i + 1 and i - 1."),
          (-u - 100.0 * d @ np.roll(V, 1, axis=1), "Use BOTH neighbouring positions, i + 1 and i - 1."),
          (-u - 100.0 * d @ (np.roll(V, 1, axis=0) + np.roll(V, -1, axis=0)),
           "The neighbours are positions (columns, axis=1), not cities: np.roll(V, 1, axis=1).")]),
        ({}, "All four terms together, each with its minus sign; " + logistic, []),
    ]:
        p = dict(base, **changes)
        args = (u, d, p["A"], p["B"], p["C"], p["D"], p["n_tilde"], p["u0"])
        cases.append(Case(args, hopfield_tank_rhs(u, d, **p), hint, compare=allclose(1e-9, 1e-9), mistakes=wrongs,
                          need_array=True,
                          call=f"ht_rhs(u, d, A={p['A']}, B={p['B']}, C={p['C']}, D={p['D']}, "
                               f"n_tilde={p['n_tilde']}, u0={p['u0']})"))
    cases[1].mistakes = list(cases[1].mistakes) + [
        (-u - 100.0 * (np.tanh(u / 0.02).sum(axis=1, keepdims=True) - np.tanh(u / 0.02)), logistic)]
    return run_cases("check_ht_rhs", ht_rhs, cases, what="Exercise 7.3 ht_rhs")


def _tour_problem(got, n):
    """Why ``got`` is not a (tour, length) pair for ``n`` cities, or None."""
    if got is None:
        return "your function returned None: did you forget `return`?"
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return f"expected a pair (tour, length), got {describe(got)}."
    tour, length = got
    if _real_scalar(tour) and isinstance(length, (list, tuple, np.ndarray)):
        return ("the pair is the wrong way round: return (tour, length), the tour first (the next cell reads the "
                "length as brute_force_tour(coords)[1]).")
    if isinstance(tour, (str, bytes)):
        return f"the tour must be a sequence of city indices, got {describe(tour)}."
    try:
        arr = np.asarray(tour)
    except Exception:
        return f"the tour must be a sequence of city indices, got {describe(tour)}."
    if arr.ndim != 1:
        return f"the tour must be a 1-D sequence of city indices, got {describe(tour)}."
    if arr.dtype.kind not in "iu":
        return (f"the tour must hold integer city indices, got {describe(tour)}: keep the cities as integers "
                "(np.array((0,) + rest))." if arr.dtype.kind in "fbUSO" else f"the tour has dtype {arr.dtype}.")
    if sorted(arr.tolist()) != list(range(n)):
        return f"the tour {fmt(arr.tolist(), 80)} is not a permutation of the {n} cities 0..{n - 1}."
    if length is None or not _real_scalar(length):
        return f"the length must be a number (a float), got {describe(length)}."
    return None


def _length_mismatch(length, true_len, best, open_len):
    """The hint for a returned length that is not the length of the returned tour."""
    if np.isclose(length, best, rtol=1e-9):
        return ("your length is the shortest length, but the tour you return is not the one that has it: when a "
                "tour is shorter than the best so far, keep that tour AND its length (best_tour, best_length = "
                "tour, length, both in the same `if`).")
    if np.isclose(length, open_len, rtol=1e-9):
        return "include the leg back to the start (your length_of_tour from Exercise 7.1)."
    for digits in range(0, 9):
        if abs(length - round(true_len, digits)) <= 1e-12 * max(1.0, abs(true_len)):
            return (f"your length is the tour's length rounded to {digits} decimal{'s' if digits != 1 else ''}: "
                    "return the exact float (no round(); round only when you print).")
    return ("the length you return must be the length of the tour you return: compute it with your "
            "length_of_tour(tour, coords) for the tour you keep.")


def check_brute_force_tour(brute_force_tour) -> CheckResult:
    """Exercise 7.4: ``brute_force_tour(coords)`` - ``(tour, length)``: a shortest tour (integer array starting at
    city 0) by trying every permutation, and its length (a float).

    For each instance, in this order: the call itself, ``coords`` unchanged, the type of the pair, the tour starting
    at city 0, the returned length equal to the length of the returned tour (a best tour never updated, a missing
    leg back and a rounded length are told apart), and the tour being a shortest one."""
    name = "check_brute_force_tour"
    what = "Exercise 7.4 brute_force_tour"
    if not callable(brute_force_tour):
        return CheckResult(name, False, f"✗ {what}: expected a function, got {describe(brute_force_tour)}.", "wrong")
    needs = {"length_of_tour": ("Exercise 7.1 length_of_tour", check_length_of_tour)}
    params = _core._parameter_names(brute_force_tour)
    arg = params[0] if params else "coords"
    limit = max(_core.TIME_LIMIT, 30.0)
    instances = [_SQUARE[:3], _SQUARE, random_cities(6, rng=75), random_cities(8, rng=76)]
    for k, c in enumerate(instances, start=1):
        best = optimal_tour(c).length
        call = f"brute_force_tour(coords of {len(c)} cities)"
        head = f"✗ {what}, case {k} of {len(instances)}: {call}"
        passed = c.copy()
        outcome = call_student(brute_force_tour, (passed,), limit=limit)
        if outcome.status == "not done":
            return not_done(name, what)
        if outcome.status != "ok":
            return CheckResult(name, False, f"{head}\n  {outcome.explain(limit)}"
                               + _core._prerequisite_note(brute_force_tour, needs), "error")
        if not _core._same(c, passed):
            return CheckResult(name, False, f"{head}\n  changed its argument `{arg}` in place. The next cells reuse "
                                            f"their arrays, so a function must not modify its inputs: work on a "
                                            f"copy, e.g. `{arg} = np.array({arg})` (np.array copies) or "
                                            f"`{arg}.copy()`.", "wrong")
        got = outcome.value
        problem = _tour_problem(got, len(c))
        if problem:
            return CheckResult(name, False, f"{head}\n  returned {fmt(got)}\n  but {problem}", "wrong")
        tour, length = np.asarray(got[0]), float(got[1])
        true_len = tour_length(tour, c)
        if int(tour[0]) != 0:
            shortest = ("it is a shortest tour, but " if np.isclose(true_len, best, rtol=1e-9) else "")
            return CheckResult(name, False, f"{head}\n  returned the tour {fmt(tour.tolist(), 60)}: {shortest}it "
                                            f"starts at city {int(tour[0])}.\nHint: the tour must start at city 0 "
                                            "(tour[0] == 0), as the exercise asks: fix city 0 first and permute the "
                                            "others, tour = (0,) + rest for rest in "
                                            "itertools.permutations(range(1, n)) (do not rotate or reverse it "
                                            "afterwards).", "wrong")
        if not np.isclose(length, true_len, rtol=1e-9):
            open_len = true_len - float(np.linalg.norm(c[tour[-1]] - c[tour[0]]))
            return CheckResult(name, False, f"{head}\n  you returned length {length:.6g} but your tour "
                                            f"{fmt(tour.tolist(), 60)} is {true_len:.6g} long (the shortest tour is "
                                            f"{best:.6g} long).\nHint: "
                                            + _length_mismatch(length, true_len, best, open_len)
                               + _core._prerequisite_note(brute_force_tour, needs), "wrong")
        if not np.isclose(true_len, best, rtol=1e-9):
            return CheckResult(name, False, f"{head}\n  your tour has length {true_len:.6g}; the shortest is "
                                            f"{best:.6g}.\nHint: try every permutation of cities 1..n-1 after city 0 "
                                            "(itertools.permutations(range(1, n))) and keep the shortest."
                               + _core._prerequisite_note(brute_force_tour, needs), "wrong")
    return CheckResult(name, True, f"✓ {what}: all {len(instances)} cases pass (optimal tours of 3, 4, 6 and 8 "
                                   "cities).")
