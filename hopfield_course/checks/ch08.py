"""Checks for the exercises of chapter 08 (capacity).

Reference answers come from the package (:mod:`hopfield_course.capacity`,
:mod:`hopfield_course.meanfield`, :mod:`hopfield_course.learning_rules`), never typed in.
"""

from __future__ import annotations

import numpy as np

from ..capacity import crosstalk, one_step_errors
from ..learning_rules import storkey_weights
from ..meanfield import critical_load, retrieval_overlap
from ._core import Case, CheckResult, allclose, run_cases

__all__ = ["check_crosstalk", "check_error_rate", "check_rs_overlap", "check_storkey"]


def _memories(p, n, seed):
    return np.random.default_rng(seed).choice(np.array([-1, 1]), size=(p, n))


def check_crosstalk(crosstalk_fn) -> CheckResult:
    """Exercise 8.1: ``crosstalk(patterns)`` -> array (p, N) of C^mu_i."""
    hint = ("C^mu_i = -xi^mu_i * (1/N) sum_{j != i} sum_{nu != mu} xi^nu_i xi^nu_j xi^mu_j. Both sums leave one "
            "term out: j = i (no self-coupling) and nu = mu (the signal).")
    cases = [
        Case((_memories(1, 8, 1),), crosstalk(_memories(1, 8, 1)),
             "With a single memory there is no other memory, so the crosstalk is 0 everywhere.",
             compare=allclose(atol=1e-12)),
        Case((_memories(2, 5, 2),), crosstalk(_memories(2, 5, 2)), hint, compare=allclose(atol=1e-12)),
        Case((_memories(4, 30, 3),), crosstalk(_memories(4, 30, 3)), hint, compare=allclose(atol=1e-12)),
        Case((_memories(12, 40, 4),), crosstalk(_memories(12, 40, 4)),
             "Return one row per memory and one column per neuron: shape (p, N).", compare=allclose(atol=1e-12)),
    ]
    return run_cases("check_crosstalk", crosstalk_fn, cases, what="Exercise 8.1 crosstalk")


def check_error_rate(error_rate) -> CheckResult:
    """Exercise 8.2: ``error_rate(patterns)``: fraction of bits changed by one update of each memory."""
    hint = ("Put the network at each memory, compute every neuron's field with W = X^T X / N (zero diagonal), "
            "apply the rule (+1 if h >= 0) and count the bits that differ from the memory, over all memories.")
    cases = [
        Case((_memories(1, 20, 5),), one_step_errors(_memories(1, 20, 5)),
             "One memory is always stable: the error rate is 0.", compare=allclose()),
        Case((_memories(10, 50, 6),), one_step_errors(_memories(10, 50, 6)), hint, compare=allclose()),
        Case((_memories(40, 100, 7),), one_step_errors(_memories(40, 100, 7)),
             hint + " Divide by p * N (all bits of all memories).", compare=allclose()),
        Case((np.array([[1, 1, 1, 1], [1, 1, -1, -1], [1, -1, 1, -1]]),),
             one_step_errors(np.array([[1, 1, 1, 1], [1, 1, -1, -1], [1, -1, 1, -1]])),
             "Mind the diagonal (W_ii = 0) and the tie rule: a field of exactly 0 gives +1.", compare=allclose()),
    ]
    return run_cases("check_error_rate", error_rate, cases, what="Exercise 8.2 error_rate")


def check_rs_overlap(rs_overlap) -> CheckResult:
    """Exercise 8.3: ``rs_overlap(alpha)``: zero-temperature replica-symmetric retrieval overlap."""
    ac = critical_load()
    hint = ("Solve y (sqrt(2 alpha) + 2/sqrt(pi) exp(-y^2)) = erf(y) for the LARGEST root y, then m = erf(y). "
            "Bracket the root between the maximum of erf(y)/y - 2/sqrt(pi) exp(-y^2) and a large y.")
    cases = [Case((a,), float(retrieval_overlap(a)), hint, compare=allclose(rtol=1e-5, atol=1e-6))
             for a in (0.01, 0.05, 0.1, 0.13)]
    cases.append(Case((0.2,), 0.0, f"Above alpha_c = {ac:.4f} there is no retrieval solution: return 0.0.",
                      compare=allclose(atol=1e-9)))
    cases.append(Case((0.999 * ac,), float(retrieval_overlap(0.999 * ac)),
                      "Just below alpha_c the retrieval root still exists (m is about 0.97): do not return 0 too early.",
                      compare=allclose(rtol=1e-4, atol=1e-5)))
    return run_cases("check_rs_overlap", rs_overlap, cases, what="Exercise 8.3 rs_overlap")


def check_storkey(storkey) -> CheckResult:
    """Exercise 8.4: ``storkey(patterns)``: Storkey's rule, 1/N scaling, zero diagonal."""
    hint = ("Add the memories one at a time: W += (xi xi^T - xi h^T - h xi^T) / N with h_ij = sum_{k != i, j} W_ik "
            "xi_k computed from the weights BEFORE this memory; keep the diagonal at zero.")
    cases = [
        Case((_memories(1, 6, 8),), storkey_weights(_memories(1, 6, 8)),
             "With one memory Storkey's rule is Hebb's rule with 1/N: xi xi^T / N with a zero diagonal.",
             compare=allclose(atol=1e-12)),
        Case((_memories(2, 6, 9),), storkey_weights(_memories(2, 6, 9)), hint, compare=allclose(atol=1e-12)),
        Case((_memories(5, 20, 10),), storkey_weights(_memories(5, 20, 10)),
             hint + " h_ij excludes k = i and k = j: h_ij = h_i - W_ij xi_j when W_ii = 0.",
             compare=allclose(atol=1e-12)),
    ]
    return run_cases("check_storkey", storkey, cases, what="Exercise 8.4 storkey")
