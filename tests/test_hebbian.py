"""Tests of hopfield_course.hebbian: the W-free Hebbian kernels against their NumPy twins (bit for bit),
against the dense-weight dynamics, and the public functions' validation. No timing assertions."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import hopfield_course as hc
from hopfield_course import dynamics
from hopfield_course import hebbian as hb

SETTINGS = settings(max_examples=40, deadline=None)


@st.composite
def memories(draw, max_p=9, max_n=41):
    p = draw(st.integers(1, max_p))
    n = draw(st.integers(2, max_n))
    seed = draw(st.integers(0, 2 ** 32 - 1))
    return np.random.default_rng(seed).choice(np.array([-1, 1]), size=(p, n)), seed


def _overlaps(xt, s):
    return hb._kernel_overlaps(xt, s)


@SETTINGS
@given(memories())
def test_sweep_kernel_equals_twin_and_dense_kernel(data):
    X, seed = data
    p, n = X.shape
    rng = np.random.default_rng(seed + 1)
    xt = hb.neuron_major(X)
    s = rng.choice([-1, 1], size=n)
    order = rng.integers(0, n, size=2 * n)  # any order, repeats allowed
    a, b, c = s.copy(), s.copy(), s.copy()
    ma, mb = _overlaps(xt, a), _overlaps(xt, b)
    fa = hb.hebbian_sweep_kernel(a, xt, ma, order)
    fb = hb.hebbian_sweep_kernel_numpy(b, xt, mb, order)
    W = hc.hebbian_weights(X)  # integer weights X^T X - p I: exact fields, ties included
    fc = dynamics.async_sweep_kernel(c, W, np.zeros(n), order, W @ c)
    assert fa == fb == fc
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c)
    np.testing.assert_array_equal(ma, mb)
    np.testing.assert_array_equal(ma, X @ a)  # the overlaps are kept exact


@SETTINGS
@given(memories())
def test_retrieve_kernel_equals_twin(data):
    X, seed = data
    rng = np.random.default_rng(seed + 2)
    n = X.shape[1]
    xt = hb.neuron_major(X)
    s = rng.choice([-1, 1], size=n)
    draws = rng.integers(0, 2 ** 62, size=(15, n))
    a, b = s.copy(), s.copy()
    ta = hb.hebbian_retrieve_kernel(a, xt, _overlaps(xt, a), draws, 15)
    tb = hb.hebbian_retrieve_kernel_numpy(b, xt, _overlaps(xt, b), draws, 15)
    assert ta == tb
    np.testing.assert_array_equal(a, b)


@SETTINGS
@given(memories(), st.lists(st.sampled_from([0.0, 0.05, 0.4, 0.9, 2.0]), min_size=1, max_size=5))
def test_glauber_kernel_equals_twin(data, temps):
    X, seed = data
    rng = np.random.default_rng(seed + 3)
    p, n = X.shape
    xt = hb.neuron_major(X)
    s = rng.choice([-1, 1], size=n)
    temps = np.array(temps)
    orders = np.argsort(rng.random((temps.size, n)), axis=1).astype(np.int64)
    u = rng.random((temps.size, n))
    a, b = s.copy(), s.copy()
    ma, mb = _overlaps(xt, a), _overlaps(xt, b)
    ta, tb = np.zeros((temps.size, p), dtype=np.int64), np.zeros((temps.size, p), dtype=np.int64)
    fa = hb.hebbian_glauber_kernel(a, xt, ma, orders, u, temps, ta)
    fb = hb.hebbian_glauber_kernel_numpy(b, xt, mb, orders, u, temps, tb)
    assert fa == fb
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(ta, tb)
    np.testing.assert_array_equal(ma, X @ a)


def test_glauber_at_zero_temperature_is_the_threshold_rule_with_ties():
    # p odd makes every W_ij odd, so with N odd (an even number of terms) exact ties h = 0 are
    # frequent: they must give +1 as in the dense kernel
    rng = np.random.default_rng(4)
    hits = 0
    for _ in range(30):
        X = rng.choice([-1, 1], size=(3, 7))
        xt = hb.neuron_major(X)
        s = rng.choice([-1, 1], size=7)
        W = hc.hebbian_weights(X)
        hits += int(np.any(W @ s == 0))
        orders = np.argsort(rng.random((4, 7)), axis=1).astype(np.int64)
        a = s.copy()
        hb.hebbian_glauber_kernel(a, xt, _overlaps(xt, a), orders, np.zeros((4, 7)), np.zeros(4),
                                  np.zeros((4, 3), dtype=np.int64))
        b = s.copy()
        h = W @ b
        for t in range(4):
            dynamics.async_sweep_kernel(b, W, np.zeros(7), orders[t], h)
        np.testing.assert_array_equal(a, b)
    assert hits > 0


def test_float64_fallback_for_large_overlaps():
    # a bound sum |m| >= 2**24 switches the field to float64 sums; the result stays exact
    rng = np.random.default_rng(9)
    X = rng.choice(np.array([-1, 1]), size=(2, 50))
    xt = hb.neuron_major(X)
    s = X[0].copy()
    m = np.array([2.0 ** 24 + 2, 3.0], dtype=np.float32)  # not the true overlaps: tests the arithmetic only
    m2 = m.astype(np.float64).copy()
    order = np.arange(50)
    a, b = s.copy(), s.copy()
    hb.hebbian_sweep_kernel(a, xt, m, order)
    hb.hebbian_sweep_kernel_numpy(b, xt, m2, order)
    np.testing.assert_array_equal(a, b)


def test_retrieval_trial_kernel_equals_twin_and_draws_its_memories():
    for n, p, seed in [(60, 6, 1), (80, 20, 2), (50, 15, 3), (31, 7, 2 ** 62 + 5)]:
        assert tuple(int(x) for x in hb.retrieval_trial_kernel(n, p, seed, 40)) == \
            hb.retrieval_trial_kernel_numpy(n, p, seed, 40)
    X = hb.splitmix64_patterns(300, 10, 77)
    assert X.shape == (10, 300) and set(np.unique(X)) == {-1, 1}
    m, sweeps = hb.retrieval_trial_kernel(300, 10, 77, 50)
    assert (m, sweeps) == (300, 1)  # memory 1 is a fixed point at this low load
    assert np.array_equal(hc.sync_step(X[0], hc.hebbian_weights(X)), X[0])


def test_overlaps_kernel_equals_twin():
    rng = np.random.default_rng(1)
    X = rng.choice([-1, 1], size=(7, 33))
    s = rng.choice([-1, 1], size=33)
    np.testing.assert_array_equal(hb.overlaps_kernel(X, s), hb.overlaps_kernel_numpy(X, s))


def test_hebbian_retrieve_is_the_dense_dynamics_and_engines_agree():
    rng = np.random.default_rng(5)
    X = hc.random_patterns(20, 300, rng=rng)
    start = hc.flip(X[0], 30, rng=rng)
    res = hc.hebbian_retrieve(start, X, rng=7)
    assert isinstance(res, hb.HebbianRetrieval) and res.converged and res.sweeps >= 1
    state, sweeps, converged = res  # unpacks
    twin = hc.hebbian_retrieve(start, X, rng=7, engine="numpy")
    np.testing.assert_array_equal(twin.state, res.state)
    assert twin.sweeps == res.sweeps
    W = hc.hebbian_weights(X, normalize="N")
    assert np.array_equal(hc.sync_step(state, W), state)  # same tie rule, same fixed points
    assert hc.overlap(state, X[0]) > 0.95


def test_hebbian_glauber_engines_agree_and_follow_mean_field():
    xi = hc.random_patterns(1, 1500, rng=1)
    res = hc.hebbian_glauber(xi[0], xi, np.full(60, 0.6), rng=3)
    assert res.overlaps.shape == (60, 1)
    assert abs(np.abs(res.overlaps[10:, 0]).mean() - hc.mean_field_overlap(0.6)) < 0.02
    X = hc.random_patterns(3, 40, rng=2)
    a = hc.hebbian_glauber(X[0], X, [0.5, 0.2, 0.0], rng=4)
    b = hc.hebbian_glauber(X[0], X, [0.5, 0.2, 0.0], rng=4, engine="numpy")
    np.testing.assert_array_equal(a.state, b.state)
    np.testing.assert_array_equal(a.overlaps, b.overlaps)
    state, overlaps = a  # unpacks


@pytest.mark.parametrize("call, match", [
    (lambda X: hc.hebbian_retrieve(X[0], X, chunk=0), "chunk"),  # used to hang
    (lambda X: hc.hebbian_retrieve(X[0], X, max_sweeps=0), "max_sweeps"),
    (lambda X: hc.hebbian_retrieve(X[0], X, max_sweeps=2.5), "max_sweeps"),
    (lambda X: hc.hebbian_retrieve(X[0], X, engine="fortran"), "engine"),
    (lambda X: hc.hebbian_retrieve(np.ones(10, int), X), "state"),
    (lambda X: hc.hebbian_retrieve(X[0], X, rng="x"), "rng"),
    (lambda X: hc.hebbian_glauber(X[0], X, []), "schedule"),
    (lambda X: hc.hebbian_glauber(X[0], X, [0.5, -1]), "schedule"),
    (lambda X: hc.hebbian_glauber(X[0], X, [0.5, float("nan")]), "schedule"),
    (lambda X: hc.hebbian_glauber(X[0][:5], X, [0.5]), "state"),
    (lambda X: hc.hebbian_glauber(X[0], X * 0, [0.5]), "patterns"),
])
def test_bad_input(call, match):
    X = hc.random_patterns(3, 20, rng=0)
    with pytest.raises((ValueError, TypeError), match=match):
        call(X)
