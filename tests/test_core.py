"""Unit and property tests of the core package: images, weights, dynamics, patterns, kernels."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

import hopfield_course as hc
from hopfield_course import kernels

SETTINGS = settings(max_examples=60, deadline=None)

# ----------------------------------------------------------------------------- strategies


@st.composite
def symmetric_network(draw, max_n=14, integer=True):
    n = draw(st.integers(1, max_n))
    if integer:
        a = draw(arrays(np.int64, (n, n), elements=st.integers(-3, 3)))
    else:
        a = draw(arrays(np.float64, (n, n), elements=st.floats(-2, 2, allow_nan=False, width=32)))
    w = np.triu(a, 1)
    w = w + w.T
    s = draw(arrays(np.int64, n, elements=st.sampled_from([-1, 1])))
    return s, w


@st.composite
def memories(draw, max_p=5, max_n=20):
    p = draw(st.integers(1, max_p))
    n = draw(st.integers(2, max_n))
    return draw(arrays(np.int64, (p, n), elements=st.sampled_from([-1, 1])))


# ----------------------------------------------------------------------------- images


def test_image_from_string_formats():
    img = hc.image_from_string("""
        1.1
        .1.
    """)
    assert img.tolist() == [[1, -1, 1], [-1, 1, -1]]
    assert np.array_equal(hc.image_from_string("10- 1-0"), [[1, -1, -1], [1, -1, -1]])
    assert hc.image_from_string("11111\n1....").shape == (2, 5)


@pytest.mark.parametrize("bad, match", [("", "empty"), ("11 1", "same length"), ("1a1", "unexpected character"),
                                        (42, "string")])
def test_image_from_string_errors(bad, match):
    with pytest.raises((ValueError, TypeError), match=match):
        hc.image_from_string(bad)


def test_state_image_round_trip_and_errors():
    img = hc.seed001_memories(4)["P"]
    s = hc.state_from_image(img)
    assert s.shape == (25,) and np.array_equal(hc.image_from_state(s), img)
    assert hc.image_from_state(np.ones(6, int), shape=(2, 3)).shape == (2, 3)
    with pytest.raises(ValueError, match="not a square"):
        hc.image_from_state(np.ones(6, int))
    with pytest.raises(ValueError, match="rows\\*cols"):
        hc.image_from_state(np.ones(6, int), shape=(4, 2))
    with pytest.raises(ValueError, match="image: expected a 2-D"):
        hc.state_from_image(np.ones(4))
    with pytest.raises(ValueError, match=r"\+1 or -1"):
        hc.state_from_image(np.zeros((2, 2)))


# ----------------------------------------------------------------------------- weights


def test_hebbian_weights_explicit_sum():
    X = np.array([[1, -1, 1, 1], [-1, -1, 1, -1]])
    expected = np.zeros((4, 4), int)
    for x in X:
        for i in range(4):
            for j in range(4):
                if i != j:
                    expected[i, j] += x[i] * x[j]
    W = hc.hebbian_weights(X)
    assert W.dtype == np.int64 and np.array_equal(W, expected)
    assert np.allclose(hc.hebbian_weights(X, normalize="p"), expected / 2)
    assert np.allclose(hc.hebbian_weights(X, normalize="N"), expected / 4)
    assert np.array_equal(hc.hebbian_weights(X[0]), hc.hebbian_weights(X[:1]))


@pytest.mark.parametrize("bad, err, match", [
    (np.zeros((2, 3)), ValueError, r"\+1 or -1"),
    (np.ones((2, 2, 2)), ValueError, r"shape \(p, N\)"),
    (np.array([[1, np.nan]]), ValueError, "finite"),
    (np.array([["a", "b"]]), TypeError, "numbers"),
])
def test_hebbian_weights_bad_input(bad, err, match):
    with pytest.raises(err, match=match):
        hc.hebbian_weights(bad)


def test_hebbian_weights_bad_normalize():
    with pytest.raises(ValueError, match="normalize"):
        hc.hebbian_weights([[1, -1]], normalize="sqrt")


@SETTINGS
@given(memories())
def test_normalisation_does_not_change_dynamics(X):
    s = X[0].copy()
    s[0] *= -1
    runs = [hc.run(s, hc.hebbian_weights(X, normalize=c), mode="sync").state for c in (None, "p", "N")]
    assert all(np.array_equal(runs[0], r) for r in runs)


# ----------------------------------------------------------------------------- dynamics


W001 = np.array([[0, -1, -1, 1], [-1, 0, 1, -1], [-1, 1, 0, -1], [1, -1, -1, 0]])


def test_seed001_example_reaches_the_published_state():
    for mode in ("sync", "async"):
        res = hc.run([1, -1, -1, -1], W001, mode=mode, rng=0)
        assert res.status == "fixed_point" and res.period == 1
        assert res.state.tolist() == [1, -1, -1, 1]
    assert np.array_equal(hc.sync_step([1, -1, -1, 1], W001), [1, -1, -1, 1])


def test_tie_rule_gives_plus_one():
    assert hc.sync_step([-1], [[0]]).tolist() == [1]
    assert hc.async_sweep([-1, -1], [[0, 0], [0, 0]], order="sequential").tolist() == [1, 1]
    assert hc.sync_step([1, 1], [[0, 0], [0, 0]], thresholds=[0, 0.5]).tolist() == [1, -1]


def test_sync_two_cycle_is_reported():
    res = hc.run([1, 1], [[0, -1], [-1, 0]], mode="sync")
    assert res.status == "cycle" and res.period == 2 and not res.converged
    assert res.states.shape == (3, 2) and np.array_equal(res.states[0], res.states[2])


def test_max_steps_status():
    res = hc.run([1, 1], [[0, -1], [-1, 0]], mode="sync", max_steps=1)
    assert res.status == "max_steps" and res.period is None and res.steps == 1


def test_async_flip_record_and_energy():
    rng = np.random.default_rng(0)
    X = hc.random_patterns(3, 30, rng=rng)
    W = hc.hebbian_weights(X)
    res = hc.run(hc.flip(X[0], 5, rng=rng), W, mode="async", rng=rng, record="flip")
    assert res.status == "fixed_point"
    assert np.all((res.states[1:] != res.states[:-1]).sum(axis=1) == 1)  # one neuron per frame
    assert np.allclose(res.energies, hc.energy(res.states, W))


def test_asymmetric_run_allowed_only_when_asked():
    W = np.array([[0, 1], [-1, 0]])
    with pytest.raises(ValueError, match="symmetric"):
        hc.run([1, 1], W)
    res = hc.run([1, 1], W, mode="sync", symmetric=False)
    assert res.status == "cycle" and res.period == 4


@pytest.mark.parametrize("kwargs, match", [
    (dict(state=[1, -1, 1], weights=W001), "length 4"),
    (dict(state=[1, 0, 1, 1], weights=W001), r"\+1 or -1"),
    (dict(state=[1, 1, 1, 1], weights=W001[:3]), "square"),
    (dict(state=[1, 1, 1, 1], weights=W001 + np.eye(4, dtype=int)), "zero diagonal"),
    (dict(state=[1, 1, 1, 1], weights=np.where(W001 == 1, np.nan, W001)), "finite"),
    (dict(state=[1, 1, 1, 1], weights=W001, mode="parallel"), "mode"),
    (dict(state=[1, 1, 1, 1], weights=W001, max_steps=-1), "max_steps"),
    (dict(state=[1, 1, 1, 1], weights=W001, thresholds=[1, 2]), "thresholds"),
    (dict(state=[1, 1, 1, 1], weights=W001, mode="async", order="backwards"), "order"),
    (dict(state=[1, 1, 1, 1], weights=W001, rng="seed"), "rng"),
])
def test_run_bad_input(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        hc.run(**kwargs)


def test_energy_values_and_batch():
    s = np.array([1, -1, -1, 1])
    assert hc.energy(s, W001) == -0.5 * s @ W001 @ s
    assert hc.energy(s, W001, thresholds=1.0) == -0.5 * s @ W001 @ s + s.sum()
    assert np.allclose(hc.energy(np.array([s, -s]), W001), [-6, -6])


@SETTINGS
@given(symmetric_network(integer=False), st.integers(0, 2**32 - 1))
def test_async_updates_never_raise_energy(net, seed):
    s, W = net
    theta = np.random.default_rng(seed).normal(size=s.size)
    res = hc.run(s, W, mode="async", thresholds=theta, rng=seed, record="flip", max_steps=200)
    assert np.all(np.diff(res.energies) <= 1e-9)
    assert res.status == "fixed_point"


@SETTINGS
@given(st.integers(2, 40).flatmap(lambda n: arrays(np.int64, n, elements=st.sampled_from([-1, 1]))))
def test_single_pattern_and_negation_are_fixed_points(x):
    W = hc.hebbian_weights(x)
    assert np.array_equal(hc.sync_step(x, W), x)
    assert np.array_equal(hc.sync_step(-x, W), -x)
    assert hc.run(-x, W, mode="async", rng=0).status == "fixed_point"


# ----------------------------------------------------------------------------- kernels == twins


@SETTINGS
@given(symmetric_network(integer=True), st.integers(0, 2**32 - 1), st.booleans())
def test_async_sweep_kernel_equals_twin(net, seed, integer):
    s, W = net
    if not integer:
        W = W * 0.37
    rng = np.random.default_rng(seed)
    theta = rng.integers(-2, 3, size=s.size).astype(float)
    order = rng.integers(0, s.size, size=3 * s.size)
    s1, s2 = s.copy(), s.copy()
    h1, h2 = W @ s, W @ s
    f1 = kernels.async_sweep_kernel(s1, W, theta, order, h1)
    f2 = kernels.async_sweep_kernel_numpy(s2, W, theta, order, h2)
    assert f1 == f2 and np.array_equal(s1, s2) and np.array_equal(h1, h2)
    if integer:
        assert np.array_equal(h1, W @ s1)  # the incremental field is exact


@SETTINGS
@given(memories(max_p=8, max_n=40), st.integers(0, 2**32 - 1))
def test_hebbian_kernels_equal_twins_and_general_kernel(X, seed):
    rng = np.random.default_rng(seed)
    n = X.shape[1]
    s = rng.choice([-1, 1], size=n)
    order = rng.permutation(n)
    s1, s2, s3 = s.copy(), s.copy(), s.copy()
    m1, m2 = X @ s, X @ s
    f1 = kernels.hebbian_sweep_kernel(s1, X, order, m1)
    f2 = kernels.hebbian_sweep_kernel_numpy(s2, X, order, m2)
    W = hc.hebbian_weights(X)
    f3 = kernels.async_sweep_kernel(s3, W, np.zeros(n), order, W @ s3)
    assert f1 == f2 == f3 and np.array_equal(s1, s2) and np.array_equal(s1, s3) and np.array_equal(m1, m2)
    draws = rng.integers(0, 2**62, size=(20, n))
    r1, r2 = s.copy(), s.copy()
    t1 = kernels.hebbian_retrieve_kernel(r1, X, draws, 20)
    t2 = kernels.hebbian_retrieve_kernel_numpy(r2, X, draws, 20)
    assert t1 == t2 and np.array_equal(r1, r2)


def test_hebbian_retrieve_reaches_fixed_point_of_the_full_network():
    rng = np.random.default_rng(5)
    X = hc.random_patterns(20, 300, rng=rng)
    state, sweeps, converged = hc.hebbian_retrieve(hc.flip(X[0], 30, rng=rng), X, rng=rng)
    assert converged and sweeps >= 1
    W = hc.hebbian_weights(X)
    assert np.array_equal(hc.sync_step(state, W), state)  # same tie rule, same fixed points
    assert hc.overlap(state, X[0]) > 0.95
    with pytest.raises(ValueError, match="length 300"):
        hc.hebbian_retrieve(np.ones(10, int), X)


# ----------------------------------------------------------------------------- patterns


def test_course_memory_sets():
    ex4, ex5 = hc.seed001_memories(4), hc.seed001_memories(5)
    assert list(ex4) == ["L", "P", "S", "X"] and list(ex5) == ["L", "P", "S", "X", "U", "I", "J"]
    assert all(im.shape == (5, 5) for im in ex5.values())
    assert len(hc.seed001_initial_states()) == 8
    assert list(hc.seed000_shapes()) == ["cross", "X", "square"]
    for name in hc.MEMORY_SETS:
        labels, X, shape = hc.memory_set(name)
        assert X.shape == (len(labels), 25) and shape == (5, 5)
    with pytest.raises(ValueError, match="exercise"):
        hc.seed001_memories(3)
    with pytest.raises(ValueError, match="name"):
        hc.memory_set("digits")


def test_seed001_exercise_results():
    """The outcomes the chapters describe: S unstable among LPSX; only S and X stable among seven letters."""
    def stable(mem):
        X = np.array([m.ravel() for m in mem.values()])
        W = hc.hebbian_weights(X)
        return [k for k, x in zip(mem, X) if np.array_equal(hc.sync_step(x, W), x)]
    assert stable(hc.seed001_memories(4)) == ["L", "P", "X"]
    assert stable(hc.seed001_memories(5)) == ["S", "X"]


def test_random_patterns_flip_corrupt_distances():
    X = hc.random_patterns(4, 100, rng=1)
    assert X.shape == (4, 100) and set(np.unique(X)) == {-1, 1}
    assert np.array_equal(X, hc.random_patterns(4, 100, rng=1))
    y = hc.flip(X[0], 17, rng=2)
    assert hc.hamming(y, X[0]) == 17 and np.isclose(hc.overlap(y, X[0]), 1 - 2 * 17 / 100)
    assert hc.hamming(hc.corrupt(X[0], fraction=0.1, rng=3), X[0]) == 10
    assert hc.overlap(X, X).shape == (4, 4) and hc.hamming(X, X[0]).shape == (4,)
    assert hc.overlap(X[0], X).shape == (4,)
    with pytest.raises(ValueError, match="k: expected"):
        hc.flip(X[0], 101)
    with pytest.raises(ValueError, match="exactly one"):
        hc.corrupt(X[0])
    with pytest.raises(ValueError, match="fraction"):
        hc.corrupt(X[0], fraction=1.5)
    with pytest.raises(ValueError, match="p: expected"):
        hc.random_patterns(0, 5)
    with pytest.raises(ValueError, match="b: expected 100"):
        hc.overlap(X[0], X[:, :50])


def test_classify_state():
    mem = hc.seed001_memories(4)
    assert hc.classify_state(mem["P"], mem) == "P"
    assert hc.classify_state(-mem["S"].ravel(), mem) == "-S"
    assert hc.classify_state(hc.seed001_initial_states()["bars"], mem) == "spurious"
    with pytest.raises(TypeError, match="memories"):
        hc.classify_state(mem["P"], list(mem.values()))
    with pytest.raises(ValueError, match="pixels"):
        hc.classify_state(np.ones(4, int), mem)
