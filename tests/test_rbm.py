"""Tests of hopfield_course.rbm, hopfield_course.memories, the chapter 09 checks and its demo."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from hopfield_course.checks import ch09
from hopfield_course.memories import bars_and_stripes, binary_digits
from hopfield_course.rbm import RBM, sigmoid


def random_rbm(nv, nh, seed, scale=1.0):
    r = RBM(nv, nh, rng=seed, weight_scale=scale)
    g = np.random.default_rng(seed + 1)
    r.visible_bias = g.normal(0, 0.5, nv)
    r.hidden_bias = g.normal(0, 0.5, nh)
    return r


def all_states(m):
    """Independent enumeration (itertools) to test the package against."""
    return np.array(list(itertools.product([0.0, 1.0], repeat=m)))


# ---------------------------------------------------------------- datasets
def test_bars_and_stripes():
    x = bars_and_stripes(4)
    assert x.shape == (30, 16) and set(np.unique(x)) == {0, 1}
    assert len({tuple(r) for r in x}) == 30
    for row in x:
        img = row.reshape(4, 4)
        bars = np.all(img == img[0:1, :])      # every column constant
        stripes = np.all(img == img[:, 0:1])   # every row constant
        assert bars or stripes
    assert bars_and_stripes(2).shape == (6, 4) and bars_and_stripes(3).shape == (14, 9)
    for bad in (0, 9, 2.5, "4"):
        with pytest.raises(ValueError, match="n:"):
            bars_and_stripes(bad)


def test_binary_digits():
    x, y = binary_digits()
    assert x.shape == (1797, 64) and y.shape == (1797,)
    assert set(np.unique(x)) == {0, 1} and set(np.unique(y)) == set(range(10))
    assert 0.2 < x.mean() < 0.5
    assert binary_digits(return_labels=False).shape == (1797, 64)
    with pytest.raises(ValueError, match="threshold"):
        binary_digits(16)


# ------------------------------------------------------------ construction
def test_constructor_and_validation():
    r = RBM(6, 3, rng=0)
    assert r.weights.shape == (6, 3) and r.visible_bias.shape == (6,) and r.hidden_bias.shape == (3,)
    assert np.all(r.visible_bias == 0) and 0 < np.std(r.weights) < 0.05
    with pytest.raises(ValueError, match="n_hidden"):
        RBM(3, 0)
    with pytest.raises(ValueError, match=r"data: expected values 0 or 1 only.*\(x \+ 1\) / 2"):
        r.log_likelihood(np.ones((2, 6)) * np.array([1, -1, 1, -1, 1, -1]))
    with pytest.raises(ValueError, match="data: expected 6 visible units per row, got shape \\(2, 5\\)"):
        r.fit(np.zeros((2, 5)), epochs=1)
    with pytest.raises(ValueError, match="method: expected one of 'cd', 'pcd'"):
        r.fit(np.zeros((2, 6)), epochs=1, method="pt")
    with pytest.raises(ValueError, match="learning_rate"):
        r.fit(np.zeros((2, 6)), epochs=1, learning_rate=-1)
    with pytest.raises(ValueError, match="k:"):
        r.fit(np.zeros((2, 6)), epochs=1, k=0)
    with pytest.raises(ValueError, match="exact log-likelihood"):
        RBM(30, 30).log_partition()


# ---------------------------------------------------------- exact quantities
def test_conditionals_energy_and_free_energy():
    r = random_rbm(4, 3, 0)
    v, h = np.array([1.0, 0, 1, 1]), np.array([0.0, 1, 1])
    assert np.isclose(r.energy(v, h)[0], -v @ r.weights @ h - r.visible_bias @ v - r.hidden_bias @ h)
    np.testing.assert_allclose(r.hidden_probabilities(v)[0], 1 / (1 + np.exp(-(v @ r.weights + r.hidden_bias))))
    np.testing.assert_allclose(r.visible_probabilities(h)[0], 1 / (1 + np.exp(-(r.weights @ h + r.visible_bias))))
    # F(v) = -log sum_h exp(-E(v, h))
    hs = all_states(3)
    f = -np.log(np.exp(-r.energy(np.repeat(v[None], 8, 0), hs)).sum())
    assert np.isclose(r.free_energy(v)[0], f)
    # p(h|v) factorises: brute-force conditional of h_0 equals the formula
    pj = np.exp(-r.energy(np.repeat(v[None], 8, 0), hs))
    assert np.isclose(pj[hs[:, 0] == 1].sum() / pj.sum(), r.hidden_probabilities(v)[0, 0])


def test_sigmoid_is_stable():
    x = np.array([-1000.0, -5, 0, 5, 1000])
    s = sigmoid(x)
    assert np.all(np.isfinite(s)) and s[0] == 0 and s[-1] == 1 and s[2] == 0.5
    np.testing.assert_allclose(s[1] + s[3], 1.0)


@pytest.mark.parametrize("nv, nh", [(5, 3), (3, 5)])
def test_log_partition_by_smaller_layer_matches_brute_force(nv, nh):
    r = random_rbm(nv, nh, 3)
    vs, hs = all_states(nv), all_states(nh)
    e = np.array([[r.energy(v, h)[0] for h in hs] for v in vs])
    assert np.isclose(r.log_partition(), np.log(np.exp(-e).sum()))
    # probabilities of all visible vectors sum to one
    logp = -r.free_energy(vs) - r.log_partition()
    assert np.isclose(np.exp(logp).sum(), 1.0)
    assert np.isclose(r.log_likelihood(vs[:3]), logp[:3].mean())


def test_log_likelihood_is_symmetric_under_swapping_layers():
    r = random_rbm(5, 3, 4)
    t = RBM(3, 5, weight_scale=0.0)
    t.weights, t.visible_bias, t.hidden_bias = r.weights.T.copy(), r.hidden_bias.copy(), r.visible_bias.copy()
    assert np.isclose(r.log_partition(), t.log_partition())


@pytest.mark.parametrize("nv, nh", [(6, 4), (4, 6)])
def test_exact_gradient_equals_finite_difference(nv, nh):
    r = random_rbm(nv, nh, 5, scale=0.8)
    data = (np.random.default_rng(0).random((7, nv)) < 0.5).astype(float)
    g = r.exact_gradient(data)
    dW, da, db = g.weights, g.visible_bias, g.hidden_bias
    eps = 1e-5
    for param, grad in ((r.weights, dW), (r.visible_bias, da), (r.hidden_bias, db)):
        fd = np.zeros_like(param)
        for idx in np.ndindex(param.shape):
            param[idx] += eps
            up = r.log_likelihood(data)
            param[idx] -= 2 * eps
            down = r.log_likelihood(data)
            param[idx] += eps
            fd[idx] = (up - down) / (2 * eps)
        np.testing.assert_allclose(grad, fd, atol=1e-7)


# ---------------------------------------------------------------- sampling
def test_gibbs_sampling_reaches_the_model_distribution():
    r = random_rbm(4, 3, 6, scale=1.2)
    samples = r.sample(20000, n_steps=40, rng=1)
    idx = (samples @ (2.0 ** np.arange(3, -1, -1))).astype(int)
    freq = np.bincount(idx, minlength=16) / idx.size
    p = np.exp(-r.free_energy(all_states(4)) - r.log_partition())
    assert np.max(np.abs(freq - p)) < 0.015


def test_persistent_chain_gradient_is_unbiased_and_cd_is_close():
    r = random_rbm(5, 3, 7, scale=0.8)
    data = (np.random.default_rng(2).random((6, 5)) < 0.5).astype(float)
    exact = r.exact_gradient(data)
    chains = r.sample(20000, n_steps=50, rng=3)   # equilibrium samples
    g = r.cd_gradient(data, k=1, rng=4, chains=chains)
    assert np.max(np.abs(g.weights - exact.weights)) < 0.02
    assert np.max(np.abs(g.visible_bias - exact.visible_bias)) < 0.02
    assert g.chains.shape == chains.shape
    # CD-k starts at the data: a sign-correct (biased) estimate; averaged over many runs it
    # agrees with the exact gradient in direction
    big = np.repeat(data, 3000, axis=0)
    cd = r.cd_gradient(big, k=5, rng=5).weights
    assert np.sum(cd * exact.weights) > 0.5 * np.linalg.norm(cd) * np.linalg.norm(exact.weights)


def test_gibbs_trajectory_and_validation():
    r = random_rbm(4, 2, 0)
    traj = r.gibbs(np.zeros((3, 4)), n_steps=5, rng=0, return_trajectory=True)
    assert traj.shape == (6, 3, 4) and np.all((traj >= 0) & (traj <= 1))
    with pytest.raises(ValueError, match="temperature"):
        r.gibbs(np.zeros((1, 4)), n_steps=2, temperature=0)
    with pytest.raises(ValueError, match="init: expected 2 rows"):
        r.sample(2, init=np.zeros((3, 4)))
    assert np.array_equal(r.sample(3, n_steps=10, rng=9), r.sample(3, n_steps=10, rng=9))


# ---------------------------------------------------------------- training
@pytest.mark.parametrize("method, k", [("cd", 1), ("pcd", 1)])
def test_training_on_bars_and_stripes_improves_and_is_deterministic(method, k):
    x = bars_and_stripes(4)
    runs = []
    for _ in range(2):
        r = RBM(16, 8, rng=0)
        r.fit(x, epochs=300, method=method, k=k, learning_rate=0.3, decay="constant", n_chains=None,
              monitor_every=100)
        runs.append(r)
    h = runs[0].history_
    assert h.epoch.tolist() == [0, 100, 200, 300]
    assert h.singular_values.shape == (4, 8)
    assert h.log_likelihood[-1] > h.log_likelihood[0] + 1.0   # starts near -16 ln 2 = -11.09
    assert h.log_likelihood[-1] <= -np.log(30) + 1e-9            # cannot beat the optimum
    assert np.array_equal(runs[0].weights, runs[1].weights)


def test_learning_rate_schedule_momentum_and_callback():
    x = bars_and_stripes(3)
    seen = []
    r = RBM(9, 6, rng=1).fit(x, epochs=5, learning_rate=lambda e: 0.1 / e, momentum=0.5,
                             weight_decay=1e-4, callback=lambda m, e: seen.append(e))
    assert seen == [1, 2, 3, 4, 5] and np.all(np.isfinite(r.weights))


def test_from_sklearn_matches_parameters():
    from sklearn.neural_network import BernoulliRBM

    x = bars_and_stripes(3)
    sk = BernoulliRBM(n_components=5, n_iter=3, random_state=0).fit(x)
    r = RBM.from_sklearn(sk)
    np.testing.assert_allclose(r.weights, sk.components_.T)
    # scikit-learn's hidden features are our p(h|v)
    np.testing.assert_allclose(r.transform(x), sk.transform(x))


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 10_000))
def test_visible_probabilities_sum_to_one(nv, nh, seed):
    r = random_rbm(nv, nh, seed, scale=2.0)
    logp = -r.free_energy(all_states(nv)) - r.log_partition()
    assert np.isclose(np.logaddexp.reduce(logp), 0.0, atol=1e-9)


# ---------------------------------------------------------------- checks
def _energy(v, h, W, a, b):
    v, h = np.asarray(v, dtype=float), np.asarray(h, dtype=float)
    return float(-v @ W @ h - a @ v - b @ h)


def _ll(data, W, a, b):
    r = RBM(W.shape[0], W.shape[1], weight_scale=0.0)
    r.weights, r.visible_bias, r.hidden_bias = W, a, b
    return r.log_likelihood(data)


def test_checks_pass_for_correct_answers():
    assert ch09.check_rbm_energy(_energy)
    assert ch09.check_hidden_probabilities(lambda v, W, b: sigmoid(np.asarray(v) @ W + b))
    assert ch09.check_visible_probabilities(lambda h, W, a: sigmoid(np.asarray(h) @ W.T + a))
    assert ch09.check_cd1_update(ch09.reference_cd1_update)
    assert ch09.check_exact_log_likelihood(_ll)


def test_checks_give_specific_feedback():
    res = ch09.check_rbm_energy(lambda v, h, W, a, b: float(v @ W @ h + a @ v + b @ h))
    assert not res and res.status == "wrong" and "minus sign" in res.message and "expected" in res.message
    res = ch09.check_visible_probabilities(lambda h, W, a: sigmoid(np.asarray(h) @ W[: len(h)] + a))
    assert not res and res.status in ("wrong", "error")

    def no_transpose_batch(v0, W, a, b, lr, uh, uv):  # uses the sample h0 in the positive phase
        v0 = np.atleast_2d(v0)
        ph0 = sigmoid(v0 @ W + b)
        h0 = (uh < ph0).astype(float)
        v1 = (uv < sigmoid(h0 @ W.T + a)).astype(float)
        ph1 = sigmoid(v1 @ W + b)
        return W + lr * (v0.T @ h0 - v1.T @ ph1), a + lr * (v0 - v1).mean(0), b + lr * (h0 - ph1).mean(0)

    res = ch09.check_cd1_update(no_transpose_batch)
    assert not res and "probabilities" in res.message

    def not_done(*args):
        raise NotImplementedError("9.4")

    res = ch09.check_exact_log_likelihood(not_done)
    assert res.status == "not done" and "not done yet" in res.message
    res = ch09.check_exact_log_likelihood(lambda d, W, a, b: _ll(d, W, a, b) / np.log(2))  # bits, not nats
    assert not res and "nats" in res.message
    res = ch09.check_hidden_probabilities(lambda v, W, b: 1 / 0)
    assert res.status == "error" and "ZeroDivisionError" in res.message and "Traceback" not in res.message


# ---------------------------------------------------------------- demo
def test_gibbs_demo_builds_and_steps_quickly():
    import matplotlib

    matplotlib.use("Agg")
    from hopfield_course.demos.boltzmann import gibbs_frames, rbm_gibbs_demo
    from hopfield_course.plotting import plot_binary_images

    r = RBM(16, 8, rng=0).fit(bars_and_stripes(4), epochs=20, learning_rate=0.1)
    box = rbm_gibbs_demo(r, data=bars_and_stripes(4), shape=(4, 4))
    assert "hc-demo" in box._dom_classes
    frames = gibbs_frames(r, start="data", n_chains=8, n_steps=60, rng=0, data=bars_and_stripes(4))
    assert frames.shape == (61, 8, 16)
    with pytest.raises(ValueError, match="start"):
        gibbs_frames(r, start="noise")
    with pytest.raises(ValueError, match="between 0 and 1"):
        plot_binary_images(np.array([[2.0, 0, 0, 1]]))
    hot = dict(start="random", n_chains=8, n_steps=60, temperature=1.5, rng=3)
    frames = gibbs_frames(r, **hot)
    assert frames.shape == (61, 8, 16) and np.all((frames >= 0) & (frames <= 1))
    np.testing.assert_array_equal(frames, gibbs_frames(r, **hot))  # rng decides the chains


@pytest.mark.parametrize("method, k, n_chains", [("cd", 1, None), ("cd", 3, None), ("pcd", 2, 7)])
def test_epoch_kernel_matches_numpy_twin(method, k, n_chains):
    x = bars_and_stripes(3)
    kw = dict(epochs=20, method=method, k=k, n_chains=n_chains, learning_rate=0.3, batch_size=4,
              momentum=0.5, weight_decay=1e-3)
    r1 = RBM(9, 5, rng=2).fit(x, engine="numba", **kw)
    r2 = RBM(9, 5, rng=2).fit(x, engine="numpy", **kw)
    assert np.abs(r1.weights).max() > 0.1   # the parameters really moved
    np.testing.assert_allclose(r1.weights, r2.weights, rtol=0, atol=1e-12)
    np.testing.assert_allclose(r1.visible_bias, r2.visible_bias, rtol=0, atol=1e-12)
    np.testing.assert_allclose(r1.hidden_bias, r2.hidden_bias, rtol=0, atol=1e-12)
    if method == "pcd":
        assert np.array_equal(r1._chains, r2._chains)


def test_epoch_kernel_step_equals_cd_gradient_formula():
    """One full-batch CD-1 epoch of the kernel = W + rate * (v0^T p(h|v0) - v1^T p(h|v1)) / n."""
    from hopfield_course.rbm import cd_epoch_kernel

    r = random_rbm(4, 3, 8)
    data = np.array([[1.0, 0, 1, 1], [0, 1, 1, 0]])
    rng = np.random.default_rng(0)
    uh, uv = rng.random((1, 1, 2, 3)), rng.random((1, 1, 2, 4))
    expected = ch09.reference_cd1_update(data, r.weights, r.visible_bias, r.hidden_bias, 0.1, uh[0, 0], uv[0, 0])
    W, a, b = r.weights.copy(), r.visible_bias.copy(), r.hidden_bias.copy()
    cd_epoch_kernel(data, np.arange(2), W, a, b, np.zeros_like(W), np.zeros(4), np.zeros(3), np.array([0.1]),
                    0.0, 0.0, 2, np.zeros((1, 4)), False, uh, uv)
    for got, exp in zip((W, a, b), expected):
        np.testing.assert_allclose(got, exp, atol=1e-12)


def test_mosaic_layout():
    from hopfield_course.plotting import mosaic

    imgs = np.array([[1.0, 0, 0, 1], [0, 1, 1, 0]])
    m = mosaic(imgs, shape=(2, 2))
    assert m.shape == (2, 5)
    assert np.array_equal(m[:, :2], [[1, 0], [0, 1]]) and np.array_equal(m[:, 3:], [[0, 1], [1, 0]])
    assert np.all(m[:, 2] == 0.25)


# ---------------------------------------------------------------- defaults that work
def test_default_fit_clearly_improves_on_bars_and_stripes():
    """The default recipe (PCD-1, 100 chains, linearly decaying rate) learns; a constant rate with
    as few chains as a mini-batch is what used to end below the untrained model."""
    x = bars_and_stripes(4)
    r = RBM(16, 16, rng=0)
    untrained = r.log_likelihood(x)
    assert untrained == pytest.approx(-16 * np.log(2), abs=0.01)
    r.fit(x, epochs=1000)
    assert r.log_likelihood(x) > untrained + 4.0      # about -5.3 nats after 1000 epochs (-3.9 after 3000)


def test_linear_decay_is_the_default_schedule():
    x = bars_and_stripes(3)
    rates = []
    linear = RBM(9, 4, rng=0).fit(x, epochs=4, learning_rate=lambda e: rates.append(e) or 0.1 * (1 - (e - 1) / 4))
    default = RBM(9, 4, rng=0).fit(x, epochs=4, learning_rate=0.1)
    assert rates == [1, 2, 3, 4] and np.array_equal(linear.weights, default.weights)


def test_binary_digits_plus_minus_one():
    x, _ = binary_digits(values=(-1, 1))
    y, _ = binary_digits()
    assert np.array_equal(x, 2 * y - 1)
    with pytest.raises(ValueError, match="values"):
        binary_digits(values=(0, 2))


# ---------------------------------------------------------------- bad input, argument by argument
_R = RBM(4, 3, rng=0)
_X = np.array([[1.0, 0, 1, 0], [0, 1, 1, 1]])
BAD_CALLS = [
    ("n_visible", lambda: RBM(0, 3), ValueError),
    ("n_visible", lambda: RBM("4", 3), TypeError),
    ("n_hidden", lambda: RBM(4, 2.5), TypeError),
    ("weight_scale", lambda: RBM(4, 3, weight_scale=np.nan), ValueError),
    ("weight_scale", lambda: RBM(4, 3, weight_scale=-1), ValueError),
    ("rng", lambda: RBM(4, 3, rng=1.5), TypeError),
    ("temperature", lambda: _R.hidden_probabilities(_X, temperature=-1), ValueError),
    ("temperature", lambda: _R.hidden_probabilities(_X, temperature=0), ValueError),
    ("temperature", lambda: _R.hidden_probabilities(_X, temperature=np.nan), ValueError),
    ("temperature", lambda: _R.hidden_probabilities(_X, temperature="hot"), TypeError),
    ("temperature", lambda: _R.visible_probabilities(np.ones((1, 3)), temperature=0), ValueError),
    ("h", lambda: _R.visible_probabilities(np.ones((1, 4))), ValueError),
    ("v", lambda: _R.energy(np.ones((2, 5)), np.ones((2, 3))), ValueError),
    ("v", lambda: _R.free_energy([[2, 0, 0, 0]]), ValueError),
    ("n_steps", lambda: _R.gibbs(_X, n_steps=-1), ValueError),
    ("n_steps", lambda: _R.gibbs(_X, n_steps=1.5), TypeError),
    ("n_steps", lambda: _R.gibbs(_X, n_steps=10 ** 8), ValueError),
    ("temperature", lambda: _R.gibbs(_X, temperature=np.inf), ValueError),
    ("return_trajectory", lambda: _R.gibbs(_X, return_trajectory="yes"), TypeError),
    ("n_samples", lambda: _R.sample(0), ValueError),
    ("n_samples", lambda: _R.sample(10 ** 9), ValueError),
    ("k", lambda: _R.cd_gradient(_X, k=0), ValueError),
    ("chains", lambda: _R.cd_gradient(_X, chains=np.zeros((2, 5))), ValueError),
    ("epochs", lambda: _R.fit(_X, epochs=-1), ValueError),
    ("epochs", lambda: _R.fit(_X, epochs=10 ** 9), ValueError),
    ("epochs", lambda: _R.fit(_X, epochs="many"), TypeError),
    ("learning_rate", lambda: _R.fit(_X, epochs=1, learning_rate=0), ValueError),
    ("learning_rate", lambda: _R.fit(_X, epochs=1, learning_rate=np.nan), ValueError),
    ("learning_rate", lambda: _R.fit(_X, epochs=1, learning_rate="fast"), TypeError),
    ("learning_rate", lambda: _R.fit(_X, epochs=2, learning_rate=lambda e: np.nan), ValueError),
    ("decay", lambda: _R.fit(_X, epochs=1, decay="exponential"), ValueError),
    ("weight_decay", lambda: _R.fit(_X, epochs=1, weight_decay=np.nan), ValueError),
    ("weight_decay", lambda: _R.fit(_X, epochs=1, weight_decay=-0.1), ValueError),
    ("momentum", lambda: _R.fit(_X, epochs=1, momentum=1.0), ValueError),
    ("momentum", lambda: _R.fit(_X, epochs=1, momentum=np.nan), ValueError),
    ("k", lambda: _R.fit(_X, epochs=1, k=0), ValueError),
    ("k", lambda: _R.fit(_X, epochs=1, k=10 ** 6), ValueError),
    ("batch_size", lambda: _R.fit(_X, epochs=1, batch_size=0), ValueError),
    ("n_chains", lambda: _R.fit(_X, epochs=1, n_chains=0), ValueError),
    ("n_chains", lambda: _R.fit(_X, epochs=1, n_chains=10 ** 8), ValueError),
    ("method", lambda: _R.fit(_X, epochs=1, method="PCD"), ValueError),
    ("shuffle", lambda: _R.fit(_X, epochs=1, shuffle=1), TypeError),
    ("monitor_every", lambda: _R.fit(_X, epochs=1, monitor_every=0), ValueError),
    ("callback", lambda: _R.fit(_X, epochs=1, callback=3), TypeError),
    ("engine", lambda: _R.fit(_X, epochs=1, engine="gpu"), ValueError),
    ("data", lambda: _R.fit([[0, 1, 0]], epochs=1), ValueError),
    ("data", lambda: _R.log_likelihood([[0, 1, 2, 0]]), ValueError),
    ("data", lambda: _R.exact_gradient(np.zeros((2, 5))), ValueError),
    ("v", lambda: _R.transform([[0.5, 0, 0, 0]]), ValueError),
    ("v0", lambda: _R.cd_gradient([[0, 1]]), ValueError),
    ("init", lambda: _R.sample(2, init=np.zeros((2, 3))), ValueError),
    ("exact log-likelihood", lambda: RBM(30, 30).log_likelihood(np.zeros((1, 30))), ValueError),
    ("model", lambda: RBM.from_sklearn(object()), TypeError),
    ("x", lambda: sigmoid("a"), TypeError),
]


@pytest.mark.parametrize("name, call, error", BAD_CALLS, ids=[f"{i}-{b[0]}" for i, b in enumerate(BAD_CALLS)])
def test_bad_input_names_the_argument(name, call, error):
    with pytest.raises(error, match=name):
        call()


def test_diverging_fit_raises():
    with pytest.raises(FloatingPointError, match="learning_rate"):
        RBM(4, 3, rng=0, weight_scale=1.0).fit(_X, epochs=400, learning_rate=10.0, weight_decay=1.0,
                                                   decay="constant")


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        RBM(4, 3, 0)
    with pytest.raises(TypeError):
        _R.gibbs(_X, 3)
    with pytest.raises(TypeError):
        _R.fit(_X, 10)


def _plotting():
    import matplotlib

    matplotlib.use("Agg")
    from hopfield_course import plotting

    return plotting


def _demo():
    from hopfield_course.demos import boltzmann

    return boltzmann


BAD_PLOTS = [
    ("images", lambda: _plotting().plot_binary_images([[-1, 1, 1, -1]])),
    ("shape", lambda: _plotting().mosaic([[0, 1, 1]])),
    ("shape", lambda: _plotting().mosaic([[0, 1, 1, 0]], shape=(3, 2))),
    ("gap", lambda: _plotting().mosaic([[0, 1, 1, 0]], gap=-1)),
    ("weights", lambda: _plotting().plot_filters(np.ones(4))),
    ("n_filters", lambda: _plotting().plot_filters(np.ones((4, 2)), n_filters=0)),
    ("singular_values", lambda: _plotting().plot_singular_values([0, 1], np.ones((3, 2)))),
    ("n_chains", lambda: _demo().gibbs_frames(_R, n_chains=0)),
    ("rbm", lambda: _demo().gibbs_frames("rbm")),
    ("flip_fraction", lambda: _demo().gibbs_frames(_R, start="data", data=_X, flip_fraction=2.0)),
    ("data", lambda: _demo().gibbs_frames(_R, start="data")),
    ("rbm", lambda: _demo().rbm_gibbs_demo("rbm")),
    ("shape", lambda: _demo().rbm_gibbs_demo(_R, shape=(3, 3))),
    ("n_steps", lambda: _demo().rbm_gibbs_demo(_R, shape=(2, 2), n_steps=0)),
    ("data", lambda: _demo().rbm_gibbs_demo(_R, shape=(2, 2), data=np.ones((2, 5)))),
    ("titles", lambda: _plotting().plot_binary_images([[0, 1, 1, 0]], titles=["a", "b"])),
    ("ncols", lambda: _plotting().plot_filters(np.ones((4, 2)), ncols=0)),
    ("n_modes", lambda: _plotting().plot_singular_values([0, 1], np.ones((2, 2)), n_modes=0)),
]


@pytest.mark.parametrize("name, call", BAD_PLOTS, ids=[f"{i}-{b[0]}" for i, b in enumerate(BAD_PLOTS)])
def test_bad_plot_and_demo_input_names_the_argument(name, call):
    with pytest.raises((ValueError, TypeError), match=name):
        call()


def test_filters_and_singular_value_figures_have_keys():
    plotting = _plotting()
    import matplotlib.pyplot as plt

    fig = plotting.plot_filters(np.random.default_rng(0).normal(size=(16, 6)), shape=(4, 4), ncols=3)
    assert any("weight" in ax.get_ylabel() for ax in fig.axes)          # the colour bar is labelled
    ax = plotting.plot_singular_values(np.arange(3), np.ones((3, 4)))
    assert any("mode" in a.get_ylabel() for a in ax.figure.axes)       # the mode key
    plt.close("all")


# ---------------------------------------------------------------- the demo's live figure
def _gibbs_datas():
    from hopfield_course.demos.boltzmann import gibbs_frames

    x = bars_and_stripes(4)
    r = RBM(16, 8, rng=0).fit(x, epochs=20, learning_rate=0.1)
    return [{"frames": gibbs_frames(r, start=s, n_chains=8, n_steps=12, temperature=t, rng=seed, data=x),
             "shape": (4, 4), "temperature": t, "start": s, "flip_fraction": 0.2}
            for s, t, seed in (("random", 1.0, 0), ("data", 2.5, 3), ("data", 0.5, 7))]


def test_gibbs_live_figure_updates_in_place_like_a_fresh_figure(live_twin):
    from hopfield_course.demos.boltzmann import _build, _update
    from hopfield_course.plotting import mosaic

    datas = _gibbs_datas()
    for step in (0, 5, 12, 99):
        live = live_twin(_build, lambda a, d, step=step: _update(a, d, step), datas, figsize=(8.8, 1.8))
        (ax,) = live.figure.axes
        k = min(step, 12)
        np.testing.assert_array_equal(ax.images[0].get_array(), mosaic(datas[-1]["frames"][k], shape=(4, 4)))
        shown = "step 0: data, p(flip) = 0.2 per pixel" if k == 0 else f"p(v | h) after {k} Gibbs steps"
        assert ax.get_title() == f"{shown}\n8 chains at T = 0.5"


def test_gibbs_demo_updates_its_figure_in_place():
    import ipywidgets as widgets

    from hopfield_course.demos.boltzmann import rbm_gibbs_demo

    x = bars_and_stripes(4)
    r = RBM(16, 8, rng=0).fit(x, epochs=20, learning_rate=0.1)
    box = rbm_gibbs_demo(r, data=x, shape=(4, 4), n_chains=5, n_steps=20)
    live = box.live
    assert live.builds == 1
    ax = live.figure.axes[0]
    assert ax.images[0].get_array().shape == (4, 5 * 5 - 1)  # five chains side by side
    controls = [c for row in box.children[:2] for c in row.children if not isinstance(c, widgets.Play)]
    assert [c.description for c in controls] == ["Gibbs step", "start", "temperature T", "seed"]
    step, start, temp, seed = controls
    step.value = 7
    temp.value = 2.0
    seed.value = 4
    start.value = "data"
    assert live.builds == 1  # every control updates the figure in place
    assert ax.get_title() == "p(v | h) after 7 Gibbs steps\n5 chains at T = 2.0"
    from hopfield_course.demos.boltzmann import gibbs_frames
    from hopfield_course.plotting import mosaic

    shown = gibbs_frames(r, start="data", n_chains=5, n_steps=20, temperature=2.0, rng=4, data=x)[7]
    np.testing.assert_array_equal(ax.images[0].get_array(), mosaic(shown, shape=(4, 4)))


# ---------------------------------------------------------------- the demo's title: true at step 0, inside the figure
def _title_above_axes(fig):
    """The title of every axes is drawn above the axes, not over the image (pixels, after a render)."""
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        assert ax.get_window_extent(renderer).y1 <= ax.title.get_window_extent(renderer).y0 + 1, ax.get_title()


@pytest.mark.parametrize("presenter", [False, True])
@pytest.mark.parametrize("n_chains", [1, 2, 8])
def test_gibbs_demo_title_says_what_each_step_shows_and_fits(n_chains, presenter, assert_fits):
    from hopfield_course.demos.boltzmann import gibbs_frames, rbm_gibbs_demo

    x = bars_and_stripes(4)
    r = RBM(16, 8, rng=0).fit(x, epochs=20, learning_rate=0.1)
    box = rbm_gibbs_demo(r, data=x, shape=(4, 4), n_chains=n_chains, n_steps=20, presenter=presenter)
    live = box.live
    (play, step), (start, temp, seed) = (row.children for row in box.children[:2])
    ax = live.figure.axes[0]
    chains = f"{n_chains} chain{'s' if n_chains > 1 else ''}"
    for begin, first in (("random", "step 0: the random 0/1 start"), ("data", "step 0: data, p(flip) = 0.2 per pixel")):
        start.value = begin
        for k, temperature in ((0, 1.0), (1, 1.0), (20, 3.0), (0, 3.0)):
            step.value = k
            temp.value = temperature
            shown = first if k == 0 else f"p(v | h) after {k} Gibbs step{'s' if k > 1 else ''}"
            assert ax.get_title() == f"{shown}\n{chains} at T = {temperature:.1f}"
            frames = gibbs_frames(r, start=begin, n_chains=n_chains, n_steps=20, temperature=temperature,
                                  rng=seed.value, data=x)
            if k == 0:  # step 0 shows the start itself: 0/1 images, not probabilities
                assert set(np.unique(frames[0])) <= {0.0, 1.0}
            assert_fits(live)  # the two-line title inside the figure, even for one chain
            _title_above_axes(live.figure)
    assert live.builds == 1
