"""Checks of chapter 09 (Boltzmann machines and RBMs).

Exercises: 9.1 the energy of an RBM; 9.2 its conditional probabilities ``p(h|v)`` and
``p(v|h)``; 9.3 one CD-1 update with given random numbers; 9.4 the exact
log-likelihood of a small RBM. Convention: ``E(v, h) = -v^T W h - a^T v - b^T h`` with
``W`` of shape (V, H), ``a`` the visible and ``b`` the hidden bias.
"""

from __future__ import annotations

import numpy as np

from ..rbm import RBM, sigmoid
from ._core import Case, CheckResult, allclose, run_cases, slow_note

__all__ = [
    "check_rbm_energy",
    "check_hidden_probabilities",
    "check_visible_probabilities",
    "check_cd1_update",
    "check_exact_log_likelihood",
    "reference_cd1_update",
]


#: Seconds that a notebook cell built on an accepted answer may take before the check warns.
def _small_rbm(seed, n_visible=4, n_hidden=3, scale=1.0):
    rng = np.random.default_rng(seed)
    W = np.round(rng.normal(0, scale, (n_visible, n_hidden)), 2)
    a = np.round(rng.normal(0, 0.5, n_visible), 2)
    b = np.round(rng.normal(0, 0.5, n_hidden), 2)
    return W, a, b


def check_rbm_energy(rbm_energy) -> CheckResult:
    """Exercise 9.1: ``rbm_energy(v, h, W, a, b)`` returns the float ``-v@W@h - a@v - b@h`` for 1-D ``v``, ``h``."""
    W, a, b = _small_rbm(1)
    v, h = np.array([1.0, 0, 1, 1]), np.array([1.0, 1, 0])
    full = float(-v @ W @ h - a @ v - b @ h)
    sign = "Every term enters with a minus sign: E = -v @ W @ h - a @ v - b @ h."
    half = ("No factor 1/2 in the RBM energy: E = -v @ W @ h - a @ v - b @ h. Each visible-hidden pair (i, j) "
            "appears once in v @ W @ h; the 1/2 of the Hopfield energy -1/2 s @ W @ s only corrects for counting "
            "every pair twice in a symmetric W.")
    cases = [
        Case((np.zeros(4), np.zeros(3), W, a, b), 0.0, "With every unit off all three terms vanish.",
             compare=allclose()),
        Case((np.array([1.0, 0, 0, 0]), np.zeros(3), W, a, b), float(-a[0]), compare=allclose(),
             mistakes=[(float(a[0]), sign), (float(-b[0]), "a is the VISIBLE bias (length V): the term is -a @ v.")],
             hint="With only visible unit 0 on, E = -a[0]: the visible bias term enters with a minus sign."),
        Case((np.zeros(4), np.array([0, 1.0, 0]), W, a, b), float(-b[1]), compare=allclose(),
             mistakes=[(float(b[1]), sign), (0.0, "Include the hidden bias term -b @ h.")],
             hint="With only hidden unit 1 on, E = -b[1]: the hidden bias term enters with a minus sign."),
        Case((np.array([1.0, 0, 0, 0]), np.array([0, 1.0, 0]), W, np.zeros(4), np.zeros(3)), float(-W[0, 1]),
             compare=allclose(), mistakes=[(float(W[0, 1]), sign), (0.0, "Include the interaction term -v @ W @ h."),
                                           (float(-0.5 * W[0, 1]), half)],
             hint="With v_0 = h_1 = 1 and zero biases, E = -W[0, 1]: W is (visible x hidden), "
                  "so the interaction term is -v @ W @ h."),
        Case((v, h, W, a, b), full, compare=allclose(),
             mistakes=[(float(v @ W @ h + a @ v + b @ h), sign), (float(-0.5 * v @ W @ h - a @ v - b @ h), half)],
             hint="E = -v @ W @ h - a @ v - b @ h: three terms, each with a minus sign."),
        Case((v.tolist(), h.tolist(), W, a, b), full, compare=allclose(),
             hint="v and h may be lists: convert them with np.asarray(v, dtype=float) first.",
             call="rbm_energy(v.tolist(), h.tolist(), W, a, b)"),
    ]
    return run_cases("check_rbm_energy", rbm_energy, cases, what="Exercise 9.1 rbm_energy")


def check_hidden_probabilities(hidden_probabilities) -> CheckResult:
    """Exercise 9.2a: ``hidden_probabilities(v, W, b)`` = ``sigmoid(v @ W + b)`` (rows of ``v`` or one vector),
    a NumPy array."""
    W, a, b = _small_rbm(2)
    v1 = np.array([1.0, 0, 1, 0])
    v2 = np.array([[1.0, 1, 1, 1], [0, 0, 0, 0], [0, 1, 0, 1]])
    sig = "sigmoid(z) = 1 / (1 + exp(-z)), with the minus sign: a large field gives a probability near 1."
    cases = [
        Case((np.zeros(4), W, np.zeros(3)), np.full(3, 0.5), need_array=True, compare=allclose(),
             hint="With v = 0 and b = 0 every hidden unit has field 0, so p = sigmoid(0) = 0.5."),
        Case((np.zeros(4), W, b), sigmoid(b), compare=allclose(), need_array=True,
             mistakes=[(sigmoid(-b), sig), (1 / (1 + np.exp(-2 * b)), "No factor 2 for 0/1 units: sigmoid(z) = "
                                                                      "1 / (1 + exp(-z)).")],
             hint="With v = 0 the field of hidden unit j is just b[j]; p = 1 / (1 + exp(-b[j]))."),
        Case((v1, W, b), sigmoid(v1 @ W + b), compare=allclose(), need_array=True,
             mistakes=[(sigmoid(v1 @ W), "Add the hidden bias b to the field."), (sigmoid(-(v1 @ W + b)), sig)],
             hint="The field of hidden unit j is b[j] + sum_i v[i] W[i, j], i.e. v @ W + b (W is visible x hidden)."),
        Case((v2, W, b), sigmoid(v2 @ W + b), compare=allclose(), need_array=True,
             hint="A 2-D v holds one visible vector per row; v @ W + b handles all rows at once "
                  "(the result has shape (rows, hidden))."),
    ]
    return run_cases("check_hidden_probabilities", hidden_probabilities, cases,
                     what="Exercise 9.2a hidden_probabilities")


def check_visible_probabilities(visible_probabilities) -> CheckResult:
    """Exercise 9.2b: ``visible_probabilities(h, W, a)`` = ``sigmoid(h @ W.T + a)``, a NumPy array."""
    W, a, b = _small_rbm(3)
    h1 = np.array([0.0, 1, 1])
    h2 = np.array([[1.0, 1, 1], [0, 0, 0], [1, 0, 0]])
    cases = [
        Case((np.zeros(3), W, a), sigmoid(a), compare=allclose(), need_array=True,
             mistakes=[(sigmoid(-a), "sigmoid(z) = 1 / (1 + exp(-z)), with the minus sign.")],
             hint="With h = 0 the field of visible unit i is a[i]; p = 1 / (1 + exp(-a[i]))."),
        Case((h1, W, a), sigmoid(h1 @ W.T + a), compare=allclose(), need_array=True,
             mistakes=[(sigmoid(h1 @ W.T), "Add the visible bias a to the field.")],
             hint="The field of visible unit i is a[i] + sum_j W[i, j] h[j], i.e. h @ W.T + a "
                  "(the transpose, because W is visible x hidden)."),
        Case((h2, W, a), sigmoid(h2 @ W.T + a), compare=allclose(), need_array=True,
             hint="A 2-D h holds one hidden vector per row: h @ W.T + a (W @ h only works for one vector); the "
                  "result has shape (rows, visible)."),
    ]
    return run_cases("check_visible_probabilities", visible_probabilities, cases,
                     what="Exercise 9.2b visible_probabilities")


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


def _cd1_variant(v0, W, a, b, learning_rate, u_hidden, u_visible, *, sample_positive=False, no_axis=False,
                 no_divide=False, greater=False, descent=False, mean_field=False, reuse_ph0=False,
                 sample_negative=False):
    """Known wrong versions of the CD-1 update (for specific hints)."""
    v0 = np.atleast_2d(np.asarray(v0, dtype=float))
    ph0 = sigmoid(v0 @ W + b)
    h0 = ((np.atleast_2d(u_hidden) > ph0) if greater else (np.atleast_2d(u_hidden) < ph0)).astype(float)
    pv1 = sigmoid(h0 @ W.T + a)
    if mean_field:
        v1 = pv1
    else:
        v1 = ((np.atleast_2d(u_visible) > pv1) if greater else (np.atleast_2d(u_visible) < pv1)).astype(float)
    ph1 = ph0 if reuse_ph0 else sigmoid(v1 @ W + b)
    if sample_negative:
        ph1 = (np.atleast_2d(u_hidden) < ph1).astype(float)
    n = 1 if no_divide else v0.shape[0]
    pos = h0 if sample_positive else ph0
    mean = (lambda x: x.mean()) if no_axis else (lambda x: x.mean(axis=0))
    step = -learning_rate if descent else learning_rate
    return (W + step * (v0.T @ pos - v1.T @ ph1) / n,
            a + step * mean(v0 - v1),
            b + step * mean(ph0 - ph1))


def check_cd1_update(cd1_update) -> CheckResult:
    """Exercise 9.3: ``cd1_update(v0, W, a, b, learning_rate, u_hidden, u_visible)`` -> the tuple of NumPy arrays
    ``(new W, new a, new b)``; the arguments are not changed."""
    W, a, b = _small_rbm(4)
    rng = np.random.default_rng(40)
    parts = ("new W", "new a", "new b")

    def mistakes(*args):
        return [(_cd1_variant(*args, sample_positive=True),
                 "The positive phase uses the probabilities p(h|v0), not the sample h0: dW = v0^T p(h|v0) - "
                 "v1^T p(h|v1)."),
                (_cd1_variant(*args, no_axis=True),
                 "Average the bias updates over the ROWS only: (v0 - v1).mean(axis=0) has one entry per unit; "
                 "mean() without an axis averages everything into one number."),
                (_cd1_variant(*args, no_divide=True), "Divide the correlation matrices by n, the number of rows."),
                (_cd1_variant(*args, greater=True), "A unit is on when its uniform number is BELOW its probability: "
                                                    "u < p."),
                (_cd1_variant(*args, descent=True),
                 "The sign is flipped: CD-1 is gradient ASCENT on the log-likelihood, so ADD learning_rate times "
                 "(positive phase minus negative phase): W + learning_rate * (v0^T p(h|v0) - v1^T p(h|v1)) / n, "
                 "a + learning_rate * mean(v0 - v1), b + learning_rate * mean(p(h|v0) - p(h|v1))."),
                (_cd1_variant(*args, mean_field=True),
                 "The reconstruction v1 must be a SAMPLE of 0/1 values: v1 = (u_visible < p(v|h0)). Using the "
                 "probabilities p(v|h0) themselves as v1 leaves u_visible unused."),
                (_cd1_variant(*args, reuse_ph0=True),
                 "The negative phase needs the hidden probabilities of the RECONSTRUCTION, p(h|v1) = "
                 "sigmoid(v1 @ W + b), computed anew from v1; reusing p(h|v0) makes the update of b zero."),
                (_cd1_variant(*args, sample_negative=True),
                 "The negative phase uses the probabilities p(h|v1), not a sample h1 = (u < p(h|v1)): the uniform "
                 "numbers u_hidden are used once, to sample h0.")]

    copy_hint = "Return new arrays (W + ...) instead of updating W, a and b in place (W += ... changes the caller's W)."
    v_one = np.array([[1.0, 0, 1, 1]])
    u_h1, u_v1 = rng.random((1, 3)), rng.random((1, 4))
    u_h0, u_v0 = np.zeros((1, 3)), np.zeros((1, 4))
    batch = (rng.random((5, 4)) < 0.5).astype(float)
    u_hb, u_vb = rng.random((5, 3)), rng.random((5, 4))
    cases = [
        Case((v_one, W, a, b, 0.0, u_h1, u_v1), (W, a, b), parts=parts, compare=None, need_array=True,
             mutation_hint=copy_hint,
             hint="With learning_rate = 0 the parameters must come back unchanged; return the tuple "
                  "(new W, new a, new b)."),
        Case((v_one, W, a, b, 0.1, u_h0, u_v0), reference_cd1_update(v_one, W, a, b, 0.1, u_h0, u_v0), parts=parts,
             need_array=True, mutation_hint=copy_hint, mistakes=mistakes(v_one, W, a, b, 0.1, u_h0, u_v0),
             hint="A unit is on when its uniform number is below its probability: h0 = (u_hidden < p(h|v0)); "
                  "the positive phase uses the probabilities p(h|v0), not the sample h0."),
        Case((v_one, W, a, b, 0.1, u_h1, u_v1), reference_cd1_update(v_one, W, a, b, 0.1, u_h1, u_v1), parts=parts,
             need_array=True, mutation_hint=copy_hint, mistakes=mistakes(v_one, W, a, b, 0.1, u_h1, u_v1),
             hint="v1 = (u_visible < p(v|h0)) and the negative phase uses v1 with p(h|v1): "
                  "dW = v0^T p(h|v0) - v1^T p(h|v1)."),
        Case((batch, W, a, b, 0.05, u_hb, u_vb), reference_cd1_update(batch, W, a, b, 0.05, u_hb, u_vb), parts=parts,
             need_array=True, mutation_hint=copy_hint, mistakes=mistakes(batch, W, a, b, 0.05, u_hb, u_vb),
             hint="For a batch of n rows the statistics are averaged: divide the correlation matrices by n and take "
                  "means over the rows (axis=0) for the biases."),
    ]
    for case in cases:
        case.compare = None
    return run_cases("check_cd1_update", cd1_update, cases, what="Exercise 9.3 cd1_update",
                     needs={"hidden_probabilities": ("Exercise 9.2a hidden_probabilities", check_hidden_probabilities),
                            "visible_probabilities": ("Exercise 9.2b visible_probabilities",
                                                      check_visible_probabilities)})


def _log_likelihood_variants(data, W, a, b):
    """``(value, hint)`` pairs of the known wrong exact log-likelihoods (computed, never typed in)."""
    from scipy.special import logsumexp

    from ..states import all_states
    data = np.atleast_2d(np.asarray(data, dtype=float))
    n_visible, n_hidden = W.shape
    every = all_states(n_visible, values=(0, 1)).astype(float)

    def neg_free(v, *, one=True, visible=True):
        x = v @ W + b
        return (v @ a if visible else 0.0) + (np.logaddexp(0.0, x) if one else x).sum(axis=1)

    def ll(**options):
        return float(np.mean(neg_free(data, **options)) - logsumexp(neg_free(every, **options)))

    right = ll()
    log2 = np.log(2.0)
    return right, [
        (right / log2, "That is in bits: use the natural logarithm (np.log), the answer in nats."),
        (right * len(data), "Return the MEAN over the rows of data, not the sum."),
        (float(np.mean(neg_free(data))),
         "Subtract log Z: log p(v) = -F(v) - log Z. Without it you return the mean of -F(v), which can be positive "
         f"(with all parameters zero it is H ln 2, here {n_hidden} ln 2); a log-probability is never above 0."),
        (right + n_visible * log2,
         "log Z is the log of the SUM of exp(-F(v)) over all 2^V visible vectors, not of their mean: "
         "log(mean(...)) = log Z - V ln 2. Use logsumexp(-F) (or np.log of the sum)."),
        (right + n_hidden * log2,
         "Do not divide Z by 2^H: Z = sum_v exp(-F(v)) = sum_(v,h) exp(-E(v, h)), a plain sum (the softplus terms "
         "of F already sum over the hidden states)."),
        (float(np.mean(neg_free(data)) - logsumexp(-neg_free(every))),
         "Wrong sign inside Z: p(v) is proportional to exp(-F(v)), so Z = sum_v exp(-F(v)), the same -F(v) as in "
         "the numerator (logsumexp(-F), not logsumexp(+F))."),
        (ll(one=False),
         "The free energy has softplus terms log(1 + exp(b_j + (v W)_j)) (np.logaddexp(0, x) or np.log1p(np.exp(x))): "
         "without the 1 + the logarithm cancels the exponential and the hidden units drop out."),
        (ll(visible=False),
         "Include the visible-bias term of the free energy: -F(v) = a @ v + sum_j log(1 + exp(b_j + (v W)_j)), "
         "both for the data and inside Z."),
    ]


def check_exact_log_likelihood(exact_log_likelihood) -> CheckResult:
    """Exercise 9.4: ``exact_log_likelihood(data, W, a, b)`` = mean ``log p(v)`` over the rows of ``data``.

    When the answer is correct, one more call of the size of the notebook's training cell is
    timed; a slow answer passes with a note that the training cell calls it 16 times.
    """
    cases = []
    # zero parameters: every visible vector has p = 2^-V
    W0 = np.zeros((4, 3))
    d0 = np.array([[1.0, 0, 1, 0], [0, 0, 0, 0]])
    right, wrong = _log_likelihood_variants(d0, W0, np.zeros(4), np.zeros(3))
    cases.append(Case((d0, W0, np.zeros(4), np.zeros(3)), -4 * np.log(2.0),
                      "With all parameters zero every one of the 2^4 visible vectors has probability 1/16, "
                      "so the answer is -4 ln 2 = -2.7726 (natural logarithm: nats, not bits).",
                      compare=allclose(1e-6, 1e-9), mistakes=wrong))
    for seed, nv, nh in [(5, 4, 3), (6, 5, 2), (7, 3, 4)]:
        W, a, b = _small_rbm(seed, nv, nh)
        rbm = RBM(nv, nh, weight_scale=0.0)
        rbm.weights, rbm.visible_bias, rbm.hidden_bias = W, a, b
        data = (np.random.default_rng(seed).random((6, nv)) < 0.5).astype(float)
        ll = rbm.log_likelihood(data)
        cases.append(Case((data, W, a, b), ll, mistakes=_log_likelihood_variants(data, W, a, b)[1],
                          hint="log p(v) = -F(v) - log Z with F(v) = -a.v - sum_j log(1 + exp(b_j + (v W)_j)); "
                          "log Z sums exp(-E(v, h)) over ALL 2^V x 2^H states (or exp(-F(v)) over all 2^V "
                          "visible vectors). Return the mean over the rows, in nats (natural log).",
                          compare=allclose(1e-6, 1e-9)))
    result = run_cases("check_exact_log_likelihood", exact_log_likelihood, cases,
                       what="Exercise 9.4 exact_log_likelihood")
    if result:
        # the training cell of the notebook: 14 bars-and-stripes images of 3 x 3, 8 hidden units, 16 calls
        rng = np.random.default_rng(9)
        data = (rng.random((14, 9)) < 0.5).astype(float)
        args = (data, rng.normal(0, 0.01, (9, 8)), np.zeros(9), np.zeros(8))
        result.message += slow_note(exact_log_likelihood, args, calls=16, cell="the training cell",
                                    advice="compute -F(v) for all 2^V visible vectors at once (one matrix product "
                                           "with the array of all states) and use logsumexp, instead of a Python "
                                           "loop over the 2^V x 2^H joint states")
    return result
