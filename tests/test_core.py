"""Unit and property tests of the core package: images, weights, dynamics, patterns, kernels."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

import hopfield_course as hc
from hopfield_course import dynamics

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
    img = hc.letters("LPSX")["P"]
    s = hc.state_from_image(img)
    assert s.shape == (25,) and np.array_equal(hc.image_from_state(s), img)
    assert hc.image_from_state(np.ones(6, int), shape=(2, 3)).shape == (2, 3)
    with pytest.raises(ValueError, match="square"):
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


def test_pcbs_example_reaches_the_published_state():
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
    f1 = dynamics.async_sweep_kernel(s1, W, theta, order, h1)
    f2 = dynamics.async_sweep_kernel_numpy(s2, W, theta, order, h2)
    assert f1 == f2 and np.array_equal(s1, s2) and np.array_equal(h1, h2)
    if integer:
        assert np.array_equal(h1, W @ s1)  # the incremental field is exact


def test_hebbian_retrieve_reaches_fixed_point_of_the_full_network():
    rng = np.random.default_rng(5)
    X = hc.random_patterns(20, 300, rng=rng)
    state, sweeps, converged = hc.hebbian_retrieve(hc.flip(X[0], 30, rng=rng), X, rng=rng)
    assert converged and sweeps >= 1
    W = hc.hebbian_weights(X)
    assert np.array_equal(hc.sync_step(state, W), state)  # same tie rule, same fixed points
    assert hc.overlap(state, X[0]) > 0.95


# ----------------------------------------------------------------------------- patterns


def test_course_memory_sets():
    ex4, ex5 = hc.letters("LPSX"), hc.letters("LPSXUIJ")
    assert list(ex4) == ["L", "P", "S", "X"] and list(ex5) == ["L", "P", "S", "X", "U", "I", "J"]
    assert all(im.shape == (5, 5) for im in ex5.values())
    assert len(hc.letter_test_states()) == 8
    assert list(hc.cross_x_square()) == ["cross", "X", "square"]
    for name in hc.MEMORY_SETS:
        labels, X, shape = hc.memory_set(name)
        assert X.shape == (len(labels), 25) and shape == (5, 5)
    with pytest.raises(ValueError, match="which"):
        hc.letters("LPS")
    with pytest.raises(ValueError, match="name"):
        hc.memory_set("digits")


def test_pcbs_exercise_results():
    """The outcomes the chapters describe: S unstable among LPSX; only S and X stable among seven letters."""
    def stable(mem):
        X = np.array([m.ravel() for m in mem.values()])
        W = hc.hebbian_weights(X)
        return [k for k, x in zip(mem, X) if np.array_equal(hc.sync_step(x, W), x)]
    assert stable(hc.letters("LPSX")) == ["L", "P", "X"]
    assert stable(hc.letters("LPSXUIJ")) == ["S", "X"]


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
    with pytest.raises(ValueError, match="n_memories: expected"):
        hc.random_patterns(0, 5)
    with pytest.raises(ValueError, match="b: expected 100"):
        hc.overlap(X[0], X[:, :50])


def test_classify_state():
    mem = hc.letters("LPSX")
    assert hc.classify_state(mem["P"], mem) == "P"
    assert hc.classify_state(-mem["S"].ravel(), mem) == "-S"
    assert hc.classify_state(hc.letter_test_states()["bars"], mem) == "spurious"
    with pytest.raises(TypeError, match="memories"):
        hc.classify_state(mem["P"], list(mem.values()))
    with pytest.raises(ValueError, match="pixels"):
        hc.classify_state(np.ones(4, int), mem)


# ----------------------------------------------------------------------------- one tie rule, every T = 0 path
# Hebbian fields are exact integers times the normalisation: with an even number of memories (or an odd
# number of neurons) a field can be exactly 0, the threshold, and every T = 0 path must give +1 there on
# W, W / p and W / N alike (W / p and W / N turn some of those zeros into -2e-16).


@st.composite
def tied_network(draw):
    p = draw(st.integers(1, 6))
    n = draw(st.integers(2, 12))
    if p % 2 and n % 2 == 0:  # odd p needs odd N for a zero field: make ties possible
        n += 1
    X = draw(arrays(np.int64, (p, n), elements=st.sampled_from([-1, 1])))
    s = draw(arrays(np.int64, n, elements=st.sampled_from([-1, 1])))
    return X, s


def _scaled(X):
    return [hc.hebbian_weights(X, normalize=c) for c in (None, "p", "N")]


def _t0_paths(X, s, W, seed):
    """Every T = 0 path of the package on (X, s, W), as one tuple of plain values."""
    n = X.shape[1]
    order = np.random.default_rng(seed).permutation(n)
    out = [
        tuple(hc.sync_step(s, W)),
        tuple(hc.async_sweep(s, W, order=order)),
        tuple(hc.async_sweep(s, W, order=order, engine="numpy")),
        tuple(hc.glauber_sweep(s, W, temperature=0.0, rng=seed)),
        tuple(hc.glauber_sweep(s, W, temperature=0.0, rng=seed, engine="numpy")),
    ]
    for mode in ("sync", "async"):
        r = hc.run(s, W, mode=mode, order="sequential", max_steps=50)
        out.append((mode, r.status, r.period, tuple(r.state)))
    r = hc.run(s, W, mode="async", temperature=0.0, rng=seed, max_steps=50)
    out.append(("run T=0", r.status, tuple(r.state)))
    a = hc.anneal(s, W, [0.0], rng=seed)
    out.append(("anneal", a.fixed_point, tuple(a.state), a.temperatures.size))
    out.append(("stable", hc.all_memories_stable(W, X)))
    out.append(("basin", tuple(hc.basin_curve(W, X, [0, 1], trials=4, rng=seed))))
    return out


@settings(max_examples=80, deadline=None)
@given(tied_network(), st.integers(0, 2**16))
def test_every_zero_temperature_path_agrees_on_W_W_over_p_and_W_over_N(net, seed):
    X, s = net
    results = [_t0_paths(X, s, W, seed) for W in _scaled(X)]
    assert results[0] == results[1] == results[2]
    # the glauber sweep at T = 0 is the asynchronous sweep with the same order
    assert results[0][3] == results[0][1]


def test_tie_property_test_builds_ties():
    """The strategy above really produces fields equal to the threshold (else the test proves nothing)."""
    rng = np.random.default_rng(0)
    ties = rounded_below = 0
    for _ in range(200):
        p, n = int(rng.integers(1, 7)), int(rng.integers(2, 13))
        n += (p % 2 == 1 and n % 2 == 0)
        X = hc.random_patterns(p, n, rng=rng)
        s = rng.choice([-1, 1], size=n)
        tie = hc.hebbian_weights(X) @ s == 0
        ties += int(np.any(tie))
        rounded_below += int(np.any(tie & (hc.hebbian_weights(X, normalize="p") @ s < 0)))
    assert ties > 100 and rounded_below > 0


def test_issue_example_p3_n5_all_paths_agree():
    """p = 3, N = 5: a float field of -2.2e-16 where the integer field is 0 must still give +1."""
    found = 0
    for seed in range(200):
        X = hc.random_patterns(3, 5, rng=seed)
        Wp = hc.hebbian_weights(X, normalize="p")
        if np.any((Wp @ X.T < 0) & (hc.hebbian_weights(X) @ X.T == 0)):
            found += 1
            assert hc.all_memories_stable(hc.hebbian_weights(X), X) == hc.all_memories_stable(Wp, X)
            for x in X:
                assert np.array_equal(hc.sync_step(x, Wp), hc.sync_step(x, hc.hebbian_weights(X)))
                assert np.array_equal(hc.glauber_sweep(x, Wp, temperature=0, rng=seed),
                                      hc.glauber_sweep(x, hc.hebbian_weights(X), temperature=0, rng=seed))
    assert found > 0


@settings(max_examples=30, deadline=None)
@given(tied_network(), st.integers(0, 2**16))
def test_largest_stable_load_same_on_every_normalisation(net, seed):
    X, _ = net
    n = X.shape[1]
    loads = [hc.largest_stable_load(rule, n, rng=seed) for rule in
             ("hebb", lambda P: hc.hebbian_weights(P), lambda P: hc.hebbian_weights(P, normalize="p"),
              lambda P: hc.hebbian_weights(P, normalize="N"))]
    assert len(set(loads)) == 1


def test_integer_start_field_is_exact_and_float_backed():
    from hopfield_course._rules import start_field

    rng = np.random.default_rng(3)
    X = hc.random_patterns(7, 300, rng=rng)
    W = hc.hebbian_weights(X)
    s = rng.choice([-1, 1], size=300)
    h = start_field(s, W)
    assert h.dtype == np.int64 and np.array_equal(h, W @ s)
    big = np.array([[0, 2**60], [2**60, 0]], dtype=np.int64)  # beyond float64's exact integers
    assert np.array_equal(start_field(np.array([1, -1]), big), big @ np.array([1, -1]))


@SETTINGS
@given(symmetric_network(integer=True), st.integers(0, 2**32 - 1), st.booleans())
def test_engines_agree_bit_for_bit(net, seed, integer):
    s, W = net
    if not integer:
        W = W / 3.0
    a = hc.run(s, W, mode="async", rng=seed, record="flip", max_steps=50)
    b = hc.run(s, W, mode="async", rng=seed, record="flip", max_steps=50, engine="numpy")
    assert a.status == b.status and np.array_equal(a.states, b.states) and np.array_equal(a.energies, b.energies)
    g1 = hc.run(s, W, mode="async", rng=seed, temperature=0.7, max_steps=5)
    g2 = hc.run(s, W, mode="async", rng=seed, temperature=0.7, max_steps=5, engine="numpy")
    assert np.array_equal(g1.states, g2.states)


# ----------------------------------------------------------------------------- bad input, every public function

_S = np.array([1, -1, 1, -1])
_W = hc.hebbian_weights(_S)
_X = np.array([[1, -1, 1, -1], [1, 1, -1, -1]])

BAD_INPUT = [
    # states
    (lambda: hc.image_from_state(np.ones(6, int)), ValueError, "shape"),
    (lambda: hc.image_from_state(np.ones(6, int), shape=(4, 2)), ValueError, "shape"),
    (lambda: hc.image_from_state(np.ones(6, int), shape="2x3"), ValueError, "shape"),
    (lambda: hc.state_from_image(np.ones(4)), ValueError, "image"),
    (lambda: hc.state_from_image(np.zeros((2, 2))), ValueError, "image"),
    (lambda: hc.flip(_S, 1.5), TypeError, "k"),
    (lambda: hc.flip(_S, -1), ValueError, "k"),
    (lambda: hc.flip(_S, 5), ValueError, "k"),
    (lambda: hc.flip(_S, "2"), TypeError, "k"),
    (lambda: hc.flip(_S, 1, rng="x"), TypeError, "rng"),
    (lambda: hc.corrupt(_S, fraction=float("nan")), ValueError, "fraction"),
    (lambda: hc.corrupt(_S, fraction="half"), TypeError, "fraction"),
    (lambda: hc.corrupt(_S, fraction=-0.1), ValueError, "fraction"),
    (lambda: hc.corrupt(_S, fraction=0.1, k=1), ValueError, "exactly one"),
    (lambda: hc.corrupt(_S, k=9), ValueError, "k"),
    (lambda: hc.overlap(_S, _S[:3]), ValueError, "b"),
    (lambda: hc.hamming([1, 2], [1, 1]), ValueError, "a"),
    (lambda: hc.classify_state(_S, {}), TypeError, "memories"),
    (lambda: hc.all_states(-1), ValueError, "n_neurons"),
    (lambda: hc.all_states(27), ValueError, "n_neurons"),
    (lambda: hc.all_states(2.5), TypeError, "n_neurons"),
    (lambda: hc.all_states(2, values=(0, 2)), ValueError, "values"),
    # memories
    (lambda: hc.letters("ABC"), ValueError, "which"),
    (lambda: hc.letters(4), ValueError, "which"),
    (lambda: hc.memory_set("digits"), ValueError, "name"),
    (lambda: hc.memory_set(3), ValueError, "name"),
    (lambda: hc.random_patterns(0, 5), ValueError, "n_memories"),
    (lambda: hc.random_patterns(2, 0), ValueError, "n_neurons"),
    (lambda: hc.random_patterns(2.5, 4), TypeError, "n_memories"),
    (lambda: hc.random_patterns(2, "4"), TypeError, "n_neurons"),
    (lambda: hc.random_patterns(10**5, 10**5), ValueError, "10\\^9"),
    (lambda: hc.random_patterns(2, 4, rng=1.5), TypeError, "rng"),
    # learning rules
    (lambda: hc.hebbian_weights(_X, normalize="sqrt"), ValueError, "normalize"),
    (lambda: hc.hebbian_weights(_X, normalize=2), ValueError, "normalize"),
    (lambda: hc.hebbian_weights([[1, 0, 1]]), ValueError, "patterns"),
    (lambda: hc.hebbian_weights([[]]), ValueError, "patterns"),
    (lambda: hc.storkey_weights([[1, 2]]), ValueError, "patterns"),
    (lambda: hc.storkey_weights(np.ones((2, 2, 2))), ValueError, "patterns"),
    (lambda: hc.pseudoinverse_weights([["a", "b"]]), TypeError, "patterns"),
    (lambda: hc.pseudoinverse_weights([[1, np.nan]]), ValueError, "patterns"),
    # dynamics
    (lambda: hc.local_field(_S[:3], _W), ValueError, "state"),
    (lambda: hc.energy(_S, _W, thresholds=[1, 2]), ValueError, "thresholds"),
    (lambda: hc.energy(np.ones((2, 3), int), _W), ValueError, "state"),
    (lambda: hc.sync_step(_S, _W, thresholds="x"), TypeError, "thresholds"),
    (lambda: hc.sync_step(_S, _W, symmetric=1), TypeError, "symmetric"),
    (lambda: hc.async_sweep(_S, _W, order=[0, 9]), ValueError, "order"),
    (lambda: hc.async_sweep(_S, _W, order=[0.5, 1.0]), ValueError, "order"),
    (lambda: hc.async_sweep(_S, _W, order=[]), ValueError, "order"),
    (lambda: hc.async_sweep(_S, _W, engine="cuda"), ValueError, "engine"),
    (lambda: hc.run(_S, _W, max_steps=0), ValueError, "max_steps"),
    (lambda: hc.run(_S, _W, max_steps=-3), ValueError, "max_steps"),
    (lambda: hc.run(_S, _W, max_steps=2.5), TypeError, "max_steps"),
    (lambda: hc.run(_S, _W, max_steps=10**9), ValueError, "max_steps"),
    (lambda: hc.run(_S, _W, mode="parallel"), ValueError, "mode"),
    (lambda: hc.run(_S, _W, record="all"), ValueError, "record"),
    (lambda: hc.run(_S, _W, record="flip"), ValueError, "record"),
    (lambda: hc.run(_S, _W, mode="async", temperature=float("nan")), ValueError, "temperature"),
    (lambda: hc.run(_S, _W, mode="async", temperature=-1), ValueError, "temperature"),
    (lambda: hc.run(_S, _W, mode="async", temperature="hot"), TypeError, "temperature"),
    (lambda: hc.run(_S, _W, temperature=0.5), ValueError, "temperature"),
    (lambda: hc.run(_S, _W, mode="async", order="backwards"), ValueError, "order"),
    (lambda: hc.run(_S, _W, engine=None), ValueError, "engine"),
    (lambda: hc.run(_S, _W, rng="seed"), TypeError, "rng"),
    # stochastic
    (lambda: hc.glauber_probability(0.5, float("nan")), ValueError, "temperature"),
    (lambda: hc.glauber_probability(0.5, -1.0), ValueError, "temperature"),
    (lambda: hc.glauber_probability(0.5, "1"), TypeError, "temperature"),
    (lambda: hc.glauber_probability([np.inf], 1.0), ValueError, "field"),
    (lambda: hc.glauber_probability("x", 1.0), TypeError, "field"),
    (lambda: hc.glauber_sweep(_S, _W, temperature=float("inf")), ValueError, "temperature"),
    (lambda: hc.glauber_sweep(_S, _W, temperature=-0.1), ValueError, "temperature"),
    (lambda: hc.glauber_sweep(_S, _W, temperature=True), TypeError, "temperature"),
    (lambda: hc.glauber_sweep(_S, _W, temperature=1.0, engine="gpu"), ValueError, "engine"),
    (lambda: hc.glauber_sweep(_S, np.triu(np.ones((4, 4)), 1), temperature=1.0), ValueError, "symmetric"),
    (lambda: hc.geometric_schedule(1.0, 0.0, sweeps=5), ValueError, "positive"),
    (lambda: hc.geometric_schedule(1.0, 0.1, sweeps=0), ValueError, "sweeps"),
    (lambda: hc.geometric_schedule(1.0, 0.1, sweeps=2.5), TypeError, "sweeps"),
    (lambda: hc.geometric_schedule("1", 0.1, sweeps=3), TypeError, "t_start"),
    (lambda: hc.linear_schedule(1.0, float("nan"), sweeps=3), ValueError, "t_end"),
    (lambda: hc.linear_schedule(1.0, 0.0, sweeps=10**8), ValueError, "sweeps"),
    (lambda: hc.anneal(_S, _W, []), ValueError, "schedule"),
    (lambda: hc.anneal(_S, _W, "fast"), TypeError, "schedule"),
    (lambda: hc.anneal(_S, _W, [0.5, -1]), ValueError, "schedule"),
    (lambda: hc.anneal(_S, _W, [[0.1, 0.2]]), ValueError, "schedule"),
    (lambda: hc.anneal(_S, _W, [0.1], max_quench=-1), ValueError, "max_quench"),
    (lambda: hc.anneal(_S, _W, [0.1], max_quench=1.5), TypeError, "max_quench"),
    (lambda: hc.anneal(_S, _W, [0.1], quench="yes"), TypeError, "quench"),
    (lambda: hc.anneal(_S, _W, [0.1], record=1), TypeError, "record"),
    (lambda: hc.anneal(_S, _W, [0.1], engine="c"), ValueError, "engine"),
    (lambda: hc.boltzmann_probabilities(_W, temperature=0.0), ValueError, "temperature"),
    (lambda: hc.boltzmann_probabilities(_W, temperature=float("nan")), ValueError, "temperature"),
    (lambda: hc.boltzmann_probabilities(np.zeros((17, 17)), temperature=1.0), ValueError, "16"),
    (lambda: hc.oxford_beta_to_temperature(0), ValueError, "beta"),
    (lambda: hc.oxford_beta_to_temperature("2"), TypeError, "beta"),
    (lambda: hc.oxford_beta_to_temperature(1.0, n_neurons=0), ValueError, "n_neurons"),
    # demos (compute functions and explorers, without a browser)
    (lambda: hc.recall_trajectory("cross", memory=3), ValueError, "memory"),
    (lambda: hc.recall_trajectory("nonsense"), ValueError, "name"),
    (lambda: hc.recall_trajectory("cross", flips=-1), ValueError, "flips"),
    (lambda: hc.recall_trajectory("cross", mode="both"), ValueError, "mode"),
    (lambda: hc.recall_trajectory("cross", rng="a"), TypeError, "rng"),
    (lambda: hc.recall_explorer("digits"), ValueError, "set_name"),
    (lambda: hc.recall_explorer("cross", flips=99), ValueError, "flips"),
    (lambda: hc.recall_explorer("cross", presenter="yes"), TypeError, "presenter"),
    (lambda: hc.thermal_recall(memory=7), ValueError, "memory"),
    (lambda: hc.thermal_recall(temperature=float("nan")), ValueError, "temperature"),
    (lambda: hc.thermal_recall(temperature=-0.2), ValueError, "temperature"),
    (lambda: hc.thermal_recall(sweeps=0), ValueError, "sweeps"),
    (lambda: hc.thermal_recall(flips=2.5), TypeError, "flips"),
    (lambda: hc.thermal_recall_explorer("digits"), ValueError, "set_name"),
    (lambda: hc.thermal_recall_explorer(temperature=3.0), ValueError, "temperature"),
    (lambda: hc.thermal_recall_explorer(sweeps=5), ValueError, "sweeps"),
]


@pytest.mark.parametrize("call, error, match", BAD_INPUT, ids=[f"case{k}" for k in range(len(BAD_INPUT))])
def test_bad_input_names_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()
