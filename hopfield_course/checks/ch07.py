"""Checks for the exercises of chapter 07 (the travelling salesman).

Reference answers come from :mod:`hopfield_course.tsp`, never typed in.
"""

from __future__ import annotations

import numpy as np

from ..tsp import decode, distance_matrix, hopfield_tank_rhs, optimal_tour, random_cities, tour_length
from ._core import Case, CheckResult, allclose, not_done, run_cases

__all__ = ["check_length_of_tour", "check_decode_tour", "check_ht_rhs", "check_brute_force_tour"]

_SQUARE = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])


def check_length_of_tour(length_of_tour) -> CheckResult:
    """Exercise 7.1: ``length_of_tour(tour, coords)`` - length of the closed tour."""
    c10 = random_cities(10, 71)
    t10 = np.random.default_rng(72).permutation(10)
    cases = [
        Case((np.array([0, 1, 2, 3]), _SQUARE), 4.0, "Around the unit square: four sides of length 1, the last one from city 3 back to city 0.",
             compare=allclose(1e-9, 1e-12)),
        Case((np.array([0, 2, 1, 3]), _SQUARE), tour_length([0, 2, 1, 3], _SQUARE),
             "Two sides and two diagonals: 2 + 2*sqrt(2).", compare=allclose(1e-9, 1e-12)),
        Case((t10, c10), tour_length(t10, c10), compare=allclose(1e-9, 1e-12),
             hint="Do not forget the last leg, from the last city back to the first.",
             call="length_of_tour(tour, coords_10_cities)"),
    ]
    return run_cases("check_length_of_tour", length_of_tour, cases, what="Exercise 7.1 length_of_tour")


def _same_tour_or_none(got, expected):
    if expected is None:
        return got is None
    if got is None:
        return False
    try:
        g = np.asarray(got)
    except Exception:
        return False
    return g.shape == expected.shape and bool(np.all(g == expected))


def check_decode_tour(decode_tour) -> CheckResult:
    """Exercise 7.2: ``decode_tour(V)`` - the tour in a neuron matrix, or None if it is not valid."""
    perm = np.eye(5)[:, [2, 0, 4, 1, 3]]
    graded = 0.9 * perm + 0.05
    two_in_column = perm.copy()
    two_in_column[0] = perm[1]
    empty_row = perm.copy()
    empty_row[3] = 0.0
    cases = [
        Case((perm,), decode(perm), "tour[i] is the city X (row) whose neuron is on in column i (position)."),
        Case((graded,), decode(graded), "Neurons above 0.5 count as on, the rest as off."),
        Case((two_in_column,), None, "Two cities in one position (a column with two neurons on): not a tour."),
        Case((empty_row,), None, "A city that is never visited (an empty row): not a tour."),
        Case((np.full((4, 4), 0.25),), None, "No neuron on at all: not a tour."),
    ]
    for case in cases:
        case.compare = _same_tour_or_none
    return run_cases("check_decode_tour", decode_tour, cases, what="Exercise 7.2 decode_tour")


def check_ht_rhs(ht_rhs) -> CheckResult:
    """Exercise 7.3: ``ht_rhs(u, d, A, B, C, D, n_tilde, u0)`` - du/dt of eq. (19) with tau = 1."""
    c = random_cities(6, 73)
    d = distance_matrix(c)
    rng = np.random.default_rng(74)
    u = 0.02 * rng.standard_normal((6, 6))
    base = dict(A=500.0, B=500.0, C=200.0, D=500.0, n_tilde=9.0, u0=0.02)
    cases = []
    for changes, hint in [
        ({}, "Compute V = (1 + tanh(u/u0))/2 first; every term of eq. (19) uses V, except -u/tau."),
        ({"A": 100.0, "B": 0.0, "C": 0.0, "D": 0.0},
         "Row term: -A * (sum of the OTHER positions of the same city), i.e. row sum minus V itself."),
        ({"A": 0.0, "B": 100.0, "C": 0.0, "D": 0.0},
         "Column term: -B * (sum of the OTHER cities at the same position)."),
        ({"A": 0.0, "B": 0.0, "C": 50.0, "D": 0.0}, "Global term: -C * (sum of all V - n_tilde)."),
        ({"A": 0.0, "B": 0.0, "C": 0.0, "D": 100.0},
         "Distance term: -D * sum_Y d_XY (V[Y, i+1] + V[Y, i-1]), positions wrap around (np.roll)."),
    ]:
        p = dict(base, **changes)
        args = (u, d, p["A"], p["B"], p["C"], p["D"], p["n_tilde"], p["u0"])
        cases.append(Case(args, hopfield_tank_rhs(u, d, **p), hint, compare=allclose(1e-9, 1e-9),
                          call=f"ht_rhs(u, d, A={p['A']}, B={p['B']}, C={p['C']}, D={p['D']}, "
                               f"n_tilde={p['n_tilde']}, u0={p['u0']})"))
    return run_cases("check_ht_rhs", ht_rhs, cases, what="Exercise 7.3 ht_rhs")


def check_brute_force_tour(brute_force_tour) -> CheckResult:
    """Exercise 7.4: ``brute_force_tour(coords)`` - the shortest tour by trying every permutation."""
    name = "check_brute_force_tour"
    what = "Exercise 7.4 brute_force_tour"
    instances = [_SQUARE, random_cities(6, 75), random_cities(8, 76)]
    for k, c in enumerate(instances, start=1):
        best = optimal_tour(c)[1]
        call = f"brute_force_tour(coords of {len(c)} cities)"
        try:
            got = brute_force_tour(c.copy())
        except NotImplementedError:
            return not_done(name, what)
        except Exception as exc:
            return CheckResult(name, False, f"✗ {what}, case {k}: {call} raised {type(exc).__name__}: {exc}", "error")
        try:
            tour, length = got
            tour = np.asarray(tour).astype(int)
            ok_perm = sorted(tour.tolist()) == list(range(len(c)))
        except Exception:
            return CheckResult(name, False, f"✗ {what}, case {k}: {call} returned {got!r}; expected a pair "
                                            f"(tour, length).", "wrong")
        if not ok_perm:
            return CheckResult(name, False, f"✗ {what}, case {k}: the tour {tour.tolist()} is not a permutation of "
                                            f"the {len(c)} cities.", "wrong")
        true_len = tour_length(tour, c)
        if not np.isclose(length, true_len, rtol=1e-9):
            return CheckResult(name, False, f"✗ {what}, case {k}: you returned length {length:.6g} but your tour "
                                            f"is {true_len:.6g} long.\nHint: include the leg back to the start.",
                               "wrong")
        if not np.isclose(true_len, best, rtol=1e-9):
            return CheckResult(name, False, f"✗ {what}, case {k}: your tour has length {true_len:.6g}; the "
                                            f"shortest is {best:.6g}.\nHint: try every permutation of cities "
                                            f"1..n-1 after city 0 (itertools.permutations).", "wrong")
    return CheckResult(name, True, f"✓ {what}: all {len(instances)} cases pass (optimal tours of 4, 6 and 8 cities).")
