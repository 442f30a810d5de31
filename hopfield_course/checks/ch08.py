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


_NONZERO = object()  # a known-mistake marker of check_rs_overlap: any overlap clearly different from 0
_ZERO = object()  # a known-mistake marker of check_rs_overlap: an overlap of 0
_UNCONVERGED = object()  # ... an overlap above the root (an iteration stopped too early)


def check_crosstalk(crosstalk_fn) -> CheckResult:
    """Exercise 8.1: ``crosstalk(patterns)`` -> NumPy array (p, N) of C^mu_i."""
    hint = ("C^mu_i = -xi^mu_i * (1/N) sum_{j != i} sum_{nu != mu} xi^nu_i xi^nu_j xi^mu_j. Both sums leave one "
            "term out: j = i (no self-coupling) and nu = mu (the signal).")

    floor = ("Use true division / N, not floor division // N: the crosstalk is a multiple of 1/N, not an "
             "integer (// rounds down to the integer below).")
    integer = ("Your values are the crosstalk cut to integers (truncated towards 0): an array of integer dtype "
               "cannot hold fractions, and np.zeros_like(patterns) or np.asarray(patterns) keeps the integer "
               "dtype of the +/-1 patterns. Build the result as floats: np.zeros((p, n)) or "
               "np.asarray(patterns, dtype=float).")

    def variants(X):
        X = np.asarray(X, dtype=float)
        p, n = X.shape
        M = X @ X.T
        M0 = M - np.diag(np.diag(M))
        return [(-X * (M0 @ X) / n, "Leave out j = i: the sum over j != i removes the term xi^nu_i xi^nu_i "
                                    "xi^mu_i = xi^mu_i of every nu != mu (subtract (p - 1) xi^mu_i before "
                                    "dividing by N)."),
                (-X * (M @ X - p * X) / n, "Leave out nu = mu: that term is the signal, not crosstalk (set the "
                                            "diagonal of the overlap matrix to 0)."),
                (X * (M0 @ X - (p - 1) * X) / n, "The sign: C^mu_i = MINUS xi^mu_i * (1/N) sum ..., so that a "
                                                 "positive C pushes the bit towards flipping."),
                (-X * (M0 @ X - (p - 1) * X), "Divide by N (the number of neurons, patterns.shape[1])."),
                (-X * (M0 @ X - (p - 1) * X) / p, "Divide by N, the number of neurons (patterns.shape[1]), not by "
                                                  "p, the number of memories."),
                (-X * (M0 @ X - (p - 1) * X) / (n - 1), "Divide by N, not by N - 1: the sum over j != i has "
                                                        "N - 1 terms (both sums leave one term out), but the factor "
                                                        "is the 1/N of Hebb's rule W = (1/N) sum xi xi^T."),
                (np.floor(-X * (M0 @ X - (p - 1) * X) / n), floor),
                (-X * np.floor((M0 @ X - (p - 1) * X) / n), floor),
                (np.trunc(-X * (M0 @ X - (p - 1) * X) / n), integer)]

    cases = []
    for (p, n, seed), text in [((1, 8, 1), "With a single memory there is no other memory, so the crosstalk is 0 "
                                           "everywhere (leave out nu = mu)."),
                               ((2, 5, 2), hint), ((4, 30, 3), hint),
                               ((12, 40, 4), "Return one row per memory and one column per neuron: shape (p, N).")]:
        X = _memories(p, n, seed)
        cases.append(Case((X,), crosstalk(X), text, compare=allclose(atol=1e-12), need_array=True,
                          mistakes=variants(X)))
    cases.append(Case((_memories(3, 7, 5).tolist(),), crosstalk(_memories(3, 7, 5)), compare=allclose(atol=1e-12),
                      need_array=True, hint="patterns may be a list of lists: start with np.asarray(patterns).",
                      call="crosstalk(patterns.tolist())"))
    return run_cases("check_crosstalk", crosstalk_fn, cases, what="Exercise 8.1 crosstalk")


def check_error_rate(error_rate) -> CheckResult:
    """Exercise 8.2: ``error_rate(patterns)``: fraction (a float) of the p*N bits changed by one update of each
    memory (ties give +1).

    Every case has p != N and N >= 3, so that dividing by p, by N or not at all gives three different values;
    the last case has exact ties that the rounding of W = X^T X / N turns into fields of about ±1e-17."""
    hint = ("Put the network at each memory, compute every neuron's field with W = X^T X (zero diagonal; the factor "
            "1/N changes no sign), apply the rule (+1 if h >= 0) and count the bits that differ from the memory, "
            "over all memories.")
    tie = ("A field of exactly 0 gives +1 (tie rule): np.where(h >= 0, 1, -1). np.sign(0) = 0 counts every tied "
           "bit as an error, and h > 0 turns ties into -1.")
    rounding = ("with W/N the zero fields become ±1e-17 and the tie rule fails: use the integer X.T @ X (the factor "
                "1/N changes no sign), or round the field (np.round(h, 9)) before comparing it with 0.")

    ties_missing = ("A tied bit counts too: where the field is exactly 0 the tie rule gives +1, so a tied bit whose "
                    "memory value is -1 changes. h * x < 0 misses those bits: compare the new state "
                    "np.where(h >= 0, 1, -1) with the memory (new != memory).")
    one_way = ("Count the changed bits in both directions, +1 -> -1 AND -1 -> +1 (new != memory), not only one of "
               "them.")
    one_step = ("Apply ONE synchronous update to each memory (all neurons at once, from the memory itself) and count "
                "the bits it changes: not a neuron-by-neuron update, and not updates until a fixed point.")

    def variants(X):
        X = np.asarray(X)
        p, n = X.shape
        full = X.T @ X
        W = full - np.diag(np.diag(full))
        H = X @ W  # exact integer fields
        new = np.where(H >= 0, 1, -1)
        wrong = new != X
        S = X.copy()  # synchronous updates until a fixed point (at most 100)
        for _ in range(100):
            T = np.where(S @ W >= 0, 1, -1)
            if np.array_equal(T, S):
                break
            S = T
        Q = X.copy()  # neuron-by-neuron (sequential) updates of each memory
        for mu in range(p):
            for i in range(n):
                Q[mu, i] = 1 if W[i] @ Q[mu] >= 0 else -1
        # the normalisation mistakes first: where values coincide, the wrong divisor is the likelier cause
        return [(float(wrong.sum()), "Return the FRACTION of changed bits: divide the count by p * N."),
                (float(wrong.sum() / p), "Divide by p * N, all bits of all memories (not by p)."),
                (float(wrong.sum() / n), "Divide by p * N, all bits of all memories (not by N)."),
                (float(np.mean(np.sign(H) != X)), tie), (float(np.mean(np.where(H > 0, 1, -1) != X)), tie),
                (float(np.mean(H * X < 0)), ties_missing),
                (float(np.mean((new == -1) & (X == 1))), one_way), (float(np.mean((new == 1) & (X == -1))), one_way),
                (float(100 * np.mean(wrong)), "Return a fraction between 0 and 1, not a percentage (no factor 100)."),
                (float(np.mean(wrong[0])), "That is the error rate of the first memory only: put the network at "
                                           "EACH memory and count over all p * N bits."),
                (float(np.mean(wrong.any(axis=1))), "That is the fraction of memories with at least one changed "
                                                    "bit: count the changed BITS and divide by p * N."),
                (float(np.mean(S != X)), one_step), (float(np.mean(Q != X)), one_step),
                (float(np.mean(np.where(X @ full >= 0, 1, -1) != X)),
                 "Zero the diagonal of W: with W_ii = p (p/N with the factor 1/N) every neuron also feeds "
                 "itself, which hides errors."),
                (float(1 - np.mean(wrong)), "That is the fraction of bits that KEEP their value: return the "
                                            "fraction that change (the errors).")]

    def case(X, text, first=(), **kw):
        return Case((X,), one_step_errors(X), text, compare=allclose(), mistakes=list(first) + variants(X), **kw)

    def over(X, d):  # W = X^T X / d: 1/9 or 1/3 is not exact, and the zero fields become about ±1e-17
        X = np.asarray(X)
        W = X.T @ X / d
        np.fill_diagonal(W, 0)
        return float(np.mean(np.where(X @ W >= 0, 1, -1) != X))

    tie_X = _memories(4, 8, 23)  # 8 of the 32 fields are exactly 0; N = 8, so W / N is exact here
    ties_9 = _memories(5, 9, 108)  # 5 fields exactly 0, which X^T X / 9 (rounded) turns into about ±1e-17
    no_tie = _memories(5, 12, 39)  # p (N - 1) is odd, so no field is 0; 3 bits change, in both directions,
    # and every mistake of variants() that does not involve a tie gives its own value here
    ties_p = _memories(3, 7, 1)  # 2 fields exactly 0, which X^T X / 3 (rounded) turns into about ±1e-17
    rounding_p = ("with W/N the zero fields become ±1e-17 and the tie rule fails; W / p (here 1/3) rounds the same "
                  "way: use the integer X.T @ X (a positive factor changes no sign), or round the field "
                  "(np.round(h, 9)) before comparing it with 0.")
    cases = [
        case(_memories(1, 20, 5), "One memory is always stable: the error rate is 0."),
        case(no_tie, hint + " (No field is 0 here: the tie rule plays no part.)"),
        case(tie_X, "Here 8 of the 32 fields are exactly 0: ties give +1, so a tied bit changes only where the "
                    "memory has -1. " + tie),
        case(_memories(10, 50, 6), hint),
        case(_memories(40, 100, 7), hint + " Divide by p * N (all bits of all memories)."),
        case(np.array([[1, 1, 1, 1], [1, 1, -1, -1], [1, -1, 1, -1]]),
             "Mind the diagonal (W_ii = 0) and the tie rule: a field of exactly 0 gives +1."),
        case(ties_9, "These 5 memories of 9 neurons give 5 fields of exactly 0 (ties, which give +1): " + rounding,
             first=[(over(ties_9, 9), rounding)],
             call="error_rate(<patterns: 5 memories of 9 neurons with exact ties>)"),
        case(ties_p, "These 3 memories of 7 neurons give 2 fields of exactly 0 (ties, which give +1): " + rounding_p,
             first=[(over(ties_p, 3), rounding_p)],
             call="error_rate(<patterns: 3 memories of 7 neurons with exact ties>)"),
    ]
    return run_cases("check_error_rate", error_rate, cases, what="Exercise 8.2 error_rate")


def check_rs_overlap(rs_overlap) -> CheckResult:
    """Exercise 8.3: ``rs_overlap(alpha)``: zero-temperature replica-symmetric retrieval overlap (a float), for
    every load from 0.001 up (0.0 above alpha_c)."""
    from scipy.optimize import brentq
    from scipy.special import erf, erfinv

    ac = critical_load()
    hint = ("Solve y (sqrt(2 alpha) + 2/sqrt(pi) exp(-y^2)) = erf(y) for the LARGEST root y, then m = erf(y). "
            "Bracket the root between the maximum of erf(y)/y - 2/sqrt(pi) exp(-y^2) and a large y.")

    def F(y):
        return erf(y) / y - 2 / np.sqrt(np.pi) * np.exp(-y * y)

    ys = np.linspace(0.05, 5, 2000)
    top = ys[np.argmax(F(ys))]

    def variants(a):
        m = float(retrieval_overlap(a))
        out = [(float(erfinv(m)), "Return m = erf(y), the overlap, not the root y itself.")]
        try:
            small = brentq(lambda y: F(y) - np.sqrt(2 * a), 1e-6, top)
            out.append((float(erf(small)), "That is the SMALLER root (an unstable solution): bracket from the "
                                           "maximum of F up to a large y to get the largest root."))
        except ValueError:
            pass
        return out

    close = allclose(rtol=1e-5, atol=1e-6)
    zero = allclose(atol=1e-9)

    def zero_or_nonzero(got, expected):  # the marker _NONZERO stands for "any clearly nonzero overlap"
        if expected is _NONZERO:
            return bool(abs(float(got)) > 1e-6)
        return zero(got, expected)

    none = ("Return 0.0 when there is no root (a float, not None): the next cell puts your values into an "
            "array and compares them with 0.")
    ghost = ("fsolve returns its last guess even when there is no root: check that a root exists (is the maximum "
             "of F above sqrt(2 alpha)?) before you solve, or check F(y) = sqrt(2 alpha) at the y it returns.")
    cut = (f"Above alpha_c there is no retrieval solution, so the answer is 0.0. The cut-off is alpha_c = "
           f"{ac:.7f}..., not a round number: test for a root instead (return 0.0 when the maximum of F is below "
           f"sqrt(2 alpha)).")
    above = [(None, none), (_NONZERO, ghost)]
    cases = [Case((0.1,), float(retrieval_overlap(0.1)), hint, compare=close, mistakes=variants(0.1)),
             Case((0.2,), 0.0, f"Above alpha_c = {ac:.4f} there is no retrieval solution: return 0.0 (not an error).",
                  compare=zero_or_nonzero, mistakes=above, allow_none=True),
             Case((0.001,), float(retrieval_overlap(0.001)), compare=close, mistakes=variants(0.001),
                  hint="For small alpha the root is far out, near y = 1/sqrt(2 alpha) (22 at alpha = 0.001, the "
                       "start of the next cell's grid): the upper end of the bracket must grow as alpha shrinks, "
                       "e.g. 2/sqrt(2 alpha) + 10, not a fixed 10.")]
    cases += [Case((a,), float(retrieval_overlap(a)), hint, compare=close, mistakes=variants(a))
              for a in (0.01, 0.05, 0.13)]
    m_edge = float(retrieval_overlap(0.999 * ac))
    near = allclose(rtol=1e-4, atol=1e-5)

    def edge_compare(got, expected):  # the markers stand for "0" and "between the root and 1 (not converged)"
        if expected is _ZERO:
            return bool(abs(float(got)) <= 1e-9)
        if expected is _UNCONVERGED:
            return bool(m_edge < float(got) <= 1.0) and not near(got, m_edge)
        return near(got, expected)

    cases.append(Case((0.999 * ac,), m_edge, compare=edge_compare,
                      mistakes=[(_ZERO, "Just below alpha_c the retrieval root still exists (m is about 0.97): do "
                                        "not return 0 too early (find the maximum of F on a fine grid)."),
                                (_UNCONVERGED, "Not converged: just below alpha_c the iteration approaches the root "
                                               "very slowly, so a fixed number of iterations stops above it: "
                                               "iterate until it stops changing (or use a root finder, e.g. brentq "
                                               "on F), e.g. until |y_new - y| < 1e-12.")],
                      hint="Just below alpha_c the retrieval root still exists (m is about 0.97); find it exactly "
                           "(the maximum of F on a fine grid, then brentq, or iterate until y stops changing)."))
    # Between alpha_c and 0.2: a nonexistent root found by fsolve, or a round cut-off (0.14, 0.138), fails here.
    cases += [Case((a,), 0.0, cut, compare=zero_or_nonzero, mistakes=above, allow_none=True, call=call)
              for a, call in ((0.15, None), (0.17, None), (0.139, None),
                              (1.001 * ac, "rs_overlap(1.001 * alpha_c)  # alpha_c = %.7f" % ac),
                              (1.0003 * ac, "rs_overlap(1.0003 * alpha_c)  # alpha_c = %.7f" % ac))]
    return run_cases("check_rs_overlap", rs_overlap, cases, what="Exercise 8.3 rs_overlap")


def _storkey_variant(X, *, exclude_j=True, zero_diag=True, scale=True, h_terms=True):
    X = np.atleast_2d(np.asarray(X, dtype=float))
    n = X.shape[1]
    W = np.zeros((n, n))
    for xi in X:
        h = W @ xi - np.diag(W) * xi
        H = h[:, None] - (W * xi[None, :] if exclude_j else 0.0)
        if not h_terms:
            H = np.zeros((n, n))
        W = W + (np.outer(xi, xi) - xi[:, None] * H.T - H * xi[None, :]) / (n if scale else 1.0)
        if zero_diag:
            np.fill_diagonal(W, 0)
    return W


def check_storkey(storkey) -> CheckResult:
    """Exercise 8.4: ``storkey(patterns)``: Storkey's rule, 1/N scaling, zero diagonal, a NumPy array (N, N)."""
    hint = ("Add the memories one at a time: W += (xi xi^T - xi h^T - h xi^T) / N with h_ij = sum_{k != i, j} W_ik "
            "xi_k computed from the weights BEFORE this memory; keep the diagonal at zero.")

    def variants(X):
        return [(_storkey_variant(X, h_terms=False), "These are Hebb's weights: Storkey's rule also subtracts the "
                                                     "local fields, - xi_i h_ji - h_ij xi_j."),
                (_storkey_variant(X, exclude_j=False), "h_ij leaves out k = j as well as k = i: h_ij = h_i - "
                                                       "W_ij xi_j (with W_ii = 0)."),
                (_storkey_variant(X, zero_diag=False), "Keep the diagonal at zero after each memory "
                                                       "(np.fill_diagonal(W, 0))."),
                (_storkey_variant(X, scale=False), "Divide each memory's contribution by N.")]

    cases = [
        Case((_memories(1, 6, 8),), storkey_weights(_memories(1, 6, 8)), compare=allclose(atol=1e-12),
             mistakes=variants(_memories(1, 6, 8)), need_array=True,
             hint="With one memory Storkey's rule is Hebb's rule with 1/N: xi xi^T / N with a zero diagonal."),
        Case((_memories(2, 6, 9),), storkey_weights(_memories(2, 6, 9)), hint, compare=allclose(atol=1e-12),
             mistakes=variants(_memories(2, 6, 9)), need_array=True),
        Case((_memories(5, 20, 10),), storkey_weights(_memories(5, 20, 10)), compare=allclose(atol=1e-12),
             mistakes=variants(_memories(5, 20, 10)), need_array=True,
             hint=hint + " h_ij excludes k = i and k = j: h_ij = h_i - W_ij xi_j when W_ii = 0."),
    ]
    return run_cases("check_storkey", storkey, cases, what="Exercise 8.4 storkey")
