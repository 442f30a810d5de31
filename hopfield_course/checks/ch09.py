"""Checks of chapter 09 (Boltzmann machines and RBMs).

Exercises: 9.1 the energy of an RBM; 9.2 its conditional probabilities ``p(h|v)`` and
``p(v|h)``; 9.3 one CD-1 update with given random numbers; 9.4 the exact
log-likelihood of a small RBM. Convention: ``E(v, h) = -v^T W h - a^T v - b^T h`` with
``W`` of shape (V, H), ``a`` the visible and ``b`` the hidden bias.
"""

from __future__ import annotations

import numpy as np

from ..rbm import RBM, sigmoid
from ._core import Case, CheckResult, allclose, run_cases

__all__ = [
    "check_rbm_energy",
    "check_hidden_probabilities",
    "check_visible_probabilities",
    "check_cd1_update",
    "check_exact_log_likelihood",
    "reference_cd1_update",
]


def _small_rbm(seed, n_visible=4, n_hidden=3, scale=1.0):
    rng = np.random.default_rng(seed)
    W = np.round(rng.normal(0, scale, (n_visible, n_hidden)), 2)
    a = np.round(rng.normal(0, 0.5, n_visible), 2)
    b = np.round(rng.normal(0, 0.5, n_hidden), 2)
    return W, a, b


def check_rbm_energy(rbm_energy) -> CheckResult:
    """Exercise 9.1: ``rbm_energy(v, h, W, a, b)`` returns ``-v@W@h - a@v - b@h`` for 1-D ``v``, ``h``."""
    W, a, b = _small_rbm(1)
    cases = [
        Case((np.zeros(4), np.zeros(3), W, a, b), 0.0, "With every unit off all three terms vanish.",
             compare=allclose()),
        Case((np.array([1.0, 0, 0, 0]), np.zeros(3), W, a, b), float(-a[0]),
             "With only visible unit 0 on, E = -a[0]: the visible bias term enters with a minus sign.",
             compare=allclose()),
        Case((np.zeros(4), np.array([0, 1.0, 0]), W, a, b), float(-b[1]),
             "With only hidden unit 1 on, E = -b[1]: the hidden bias term enters with a minus sign.",
             compare=allclose()),
        Case((np.array([1.0, 0, 0, 0]), np.array([0, 1.0, 0]), W, np.zeros(4), np.zeros(3)), float(-W[0, 1]),
             "With v_0 = h_1 = 1 and zero biases, E = -W[0, 1]: W is (visible x hidden), "
             "so the interaction term is -v @ W @ h.", compare=allclose()),
        Case((np.array([1.0, 0, 1, 1]), np.array([1.0, 1, 0]), W, a, b),
             float(-np.array([1.0, 0, 1, 1]) @ W @ np.array([1.0, 1, 0]) - a @ np.array([1.0, 0, 1, 1])
                   - b @ np.array([1.0, 1, 0])),
             "E = -v @ W @ h - a @ v - b @ h: three terms, each with a minus sign.", compare=allclose()),
    ]
    return run_cases("check_rbm_energy", rbm_energy, cases, what="exercise 9.1 (RBM energy)")


def check_hidden_probabilities(hidden_probabilities) -> CheckResult:
    """Exercise 9.2a: ``hidden_probabilities(v, W, b)`` = ``sigmoid(v @ W + b)`` (rows of ``v`` or one vector)."""
    W, a, b = _small_rbm(2)
    v1 = np.array([1.0, 0, 1, 0])
    v2 = np.array([[1.0, 1, 1, 1], [0, 0, 0, 0], [0, 1, 0, 1]])
    cases = [
        Case((np.zeros(4), W, np.zeros(3)), np.full(3, 0.5),
             "With v = 0 and b = 0 every hidden unit has field 0, so p = sigmoid(0) = 0.5.",
             compare=allclose()),
        Case((np.zeros(4), W, b), sigmoid(b),
             "With v = 0 the field of hidden unit j is just b[j]; p = 1 / (1 + exp(-b[j])).", compare=allclose()),
        Case((v1, W, b), sigmoid(v1 @ W + b),
             "The field of hidden unit j is b[j] + sum_i v[i] W[i, j], i.e. v @ W + b (W is visible x hidden).",
             compare=allclose()),
        Case((v2, W, b), sigmoid(v2 @ W + b),
             "A 2-D v holds one visible vector per row; v @ W + b handles all rows at once "
             "(the result has shape (rows, hidden)).", compare=allclose()),
    ]
    return run_cases("check_hidden_probabilities", hidden_probabilities, cases,
                     what="exercise 9.2a (p(h = 1 | v))")


def check_visible_probabilities(visible_probabilities) -> CheckResult:
    """Exercise 9.2b: ``visible_probabilities(h, W, a)`` = ``sigmoid(h @ W.T + a)``."""
    W, a, b = _small_rbm(3)
    h1 = np.array([0.0, 1, 1])
    h2 = np.array([[1.0, 1, 1], [0, 0, 0], [1, 0, 0]])
    cases = [
        Case((np.zeros(3), W, a), sigmoid(a),
             "With h = 0 the field of visible unit i is a[i]; p = 1 / (1 + exp(-a[i])).", compare=allclose()),
        Case((h1, W, a), sigmoid(h1 @ W.T + a),
             "The field of visible unit i is a[i] + sum_j W[i, j] h[j], i.e. h @ W.T + a "
             "(the transpose, because W is visible x hidden).", compare=allclose()),
        Case((h2, W, a), sigmoid(h2 @ W.T + a),
             "A 2-D h holds one hidden vector per row; the result has shape (rows, visible).",
             compare=allclose()),
    ]
    return run_cases("check_visible_probabilities", visible_probabilities, cases,
                     what="exercise 9.2b (p(v = 1 | h))")


def reference_cd1_update(v0, W, a, b, learning_rate, u_hidden, u_visible):
    """The CD-1 update of exercise 9.3 (the reference the check compares with).

    ``h0 = [u_hidden < p(h|v0)]``, ``v1 = [u_visible < p(v|h0)]``; with ``ph0 = p(h|v0)``,
    ``ph1 = p(h|v1)`` and ``n`` rows in the batch:
    ``W + eta (v0^T ph0 - v1^T ph1) / n``, ``a + eta mean(v0 - v1)``, ``b + eta mean(ph0 - ph1)``.
    """
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    ph0 = sigmoid(v0 @ W + b)
    h0 = (np.atleast_2d(u_hidden) < ph0).astype(float)
    pv1 = sigmoid(h0 @ W.T + a)
    v1 = (np.atleast_2d(u_visible) < pv1).astype(float)
    ph1 = sigmoid(v1 @ W + b)
    n = v0.shape[0]
    return (W + learning_rate * (v0.T @ ph0 - v1.T @ ph1) / n,
            a + learning_rate * (v0 - v1).mean(axis=0),
            b + learning_rate * (ph0 - ph1).mean(axis=0))


def _tuple_close(got, expected):
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        return False
    return all(allclose(1e-6, 1e-9)(g, e) for g, e in zip(got, expected))


def check_cd1_update(cd1_update) -> CheckResult:
    """Exercise 9.3: ``cd1_update(v0, W, a, b, learning_rate, u_hidden, u_visible)`` -> ``(W, a, b)``."""
    W, a, b = _small_rbm(4)
    rng = np.random.default_rng(40)
    cases = []
    v_one = np.array([[1.0, 0, 1, 1]])
    u_h1, u_v1 = rng.random((1, 3)), rng.random((1, 4))
    cases.append(Case((v_one, W, a, b, 0.0, u_h1, u_v1), (W, a, b),
                      "With learning_rate = 0 the parameters must come back unchanged; return the tuple "
                      "(new W, new a, new b).", compare=_tuple_close))
    # uniforms 0 -> every unit with p > 0 turns on; uniforms just below 1 -> almost all on too
    u_h0, u_v0 = np.zeros((1, 3)), np.zeros((1, 4))
    cases.append(Case((v_one, W, a, b, 0.1, u_h0, u_v0), reference_cd1_update(v_one, W, a, b, 0.1, u_h0, u_v0),
                      "A unit is on when its uniform number is below its probability: h0 = (u_hidden < p(h|v0)); "
                      "the positive phase uses the probabilities p(h|v0), not the sample h0.",
                      compare=_tuple_close))
    cases.append(Case((v_one, W, a, b, 0.1, u_h1, u_v1), reference_cd1_update(v_one, W, a, b, 0.1, u_h1, u_v1),
                      "v1 = (u_visible < p(v|h0)) and the negative phase uses v1 with p(h|v1): "
                      "dW = v0^T p(h|v0) - v1^T p(h|v1).", compare=_tuple_close))
    batch = (rng.random((5, 4)) < 0.5).astype(float)
    u_hb, u_vb = rng.random((5, 3)), rng.random((5, 4))
    cases.append(Case((batch, W, a, b, 0.05, u_hb, u_vb),
                      reference_cd1_update(batch, W, a, b, 0.05, u_hb, u_vb),
                      "For a batch of n rows the statistics are averaged: divide the correlation "
                      "matrices by n and take means over the rows for the biases.", compare=_tuple_close))
    return run_cases("check_cd1_update", cd1_update, cases, what="exercise 9.3 (one CD-1 update)")


def check_exact_log_likelihood(exact_log_likelihood) -> CheckResult:
    """Exercise 9.4: ``exact_log_likelihood(data, W, a, b)`` = mean ``log p(v)`` over the rows of ``data``."""
    cases = []
    # zero parameters: every visible vector has p = 2^-V
    W0 = np.zeros((4, 3))
    d0 = np.array([[1.0, 0, 1, 0], [0, 0, 0, 0]])
    cases.append(Case((d0, W0, np.zeros(4), np.zeros(3)), -4 * np.log(2.0),
                      "With all parameters zero every one of the 2^4 visible vectors has probability 1/16, "
                      "so the answer is -4 ln 2 = -2.7726 (natural logarithm: nats, not bits).", compare=allclose(1e-6, 1e-9)))
    for seed, nv, nh in [(5, 4, 3), (6, 5, 2), (7, 3, 4)]:
        W, a, b = _small_rbm(seed, nv, nh)
        rbm = RBM(nv, nh, weight_scale=0.0)
        rbm.weights, rbm.visible_bias, rbm.hidden_bias = W, a, b
        data = (np.random.default_rng(seed).random((6, nv)) < 0.5).astype(float)
        cases.append(Case((data, W, a, b), rbm.log_likelihood(data),
                          "log p(v) = -F(v) - log Z with F(v) = -a.v - sum_j log(1 + exp(b_j + (v W)_j)); "
                          "log Z sums exp(-E(v, h)) over ALL 2^V x 2^H states (or exp(-F(v)) over all 2^V "
                          "visible vectors). Return the mean over the rows, in nats (natural log).",
                          compare=allclose(1e-6, 1e-9)))
    return run_cases("check_exact_log_likelihood", exact_log_likelihood, cases,
                     what="exercise 9.4 (exact log-likelihood)")
