"""Tests of hopfield_course.modern: dense, exponential and continuous modern Hopfield networks."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import hopfield_course as hc
from hopfield_course import modern
from hopfield_course.checks.ch10 import check_bit_error, check_dense_step, check_softmax_step


def dense_sync(state, X, power):
    return hc.DenseAssociativeMemory(power, mode="sync").store(X).step(state)


def brute_delta(state, X, F):
    """Delta_i = E(s_i=-1) - E(s_i=+1) by evaluating the energy twice (definition, no algebra)."""
    out = []
    for i in range(len(state)):
        up, down = state.copy(), state.copy()
        up[i], down[i] = 1, -1
        e_up = -sum(F(int(v)) for v in X @ up)
        e_down = -sum(F(int(v)) for v in X @ down)
        out.append(e_down - e_up)
    return np.array(out)


# ----------------------------------------------------------------------------- kernels and twins
@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_dense_delta_kernel_matches_twin_and_definition(n):
    rng = np.random.default_rng(n)
    X = rng.choice([-1, 1], size=(25, 13)).astype(np.int64)
    s = rng.choice([-1, 1], size=13).astype(np.int64)
    a = np.empty(13, dtype=np.int64)
    b = np.empty(13, dtype=np.int64)
    modern.dense_delta_kernel(s, X, n, a)
    modern.dense_delta_kernel_numpy(s, X, n, b)
    assert np.array_equal(a, b)
    assert np.array_equal(a, brute_delta(s, X, lambda x: x ** n))


def test_dense_sweep_kernel_matches_twin():
    rng = np.random.default_rng(3)
    X = rng.choice([-1, 1], size=(40, 30)).astype(np.int64)
    s1 = rng.choice([-1, 1], size=30).astype(np.int64)
    s2 = s1.copy()
    order = rng.permutation(30).astype(np.int64)
    f1 = modern.dense_sweep_kernel(s1, X, 3, order)
    f2 = modern.dense_sweep_kernel_numpy(s2, X, 3, order)
    assert f1 == f2 and np.array_equal(s1, s2)


def test_exp_kernel_matches_twin_and_sign_of_definition():
    rng = np.random.default_rng(4)
    X = rng.choice([-1, 1], size=(50, 12)).astype(np.int64)
    s = rng.choice([-1, 1], size=12).astype(np.int64)
    a, b = np.empty(12), np.empty(12)
    modern.exp_delta_kernel(s, X, a)
    modern.exp_delta_kernel_numpy(s, X, b)
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-300)
    exact = brute_delta(s, X, lambda x: np.exp(float(x)))
    assert np.array_equal(np.sign(a), np.sign(exact))


def test_exp_kernel_no_overflow_for_large_n():
    rng = np.random.default_rng(5)
    X = rng.choice([-1, 1], size=(20, 2000)).astype(np.int64)
    out = np.empty(2000)
    modern.exp_delta_kernel(X[3], X, out)
    assert np.all(np.isfinite(out))
    assert np.array_equal(np.where(out >= 0, 1, -1), X[3])


# ----------------------------------------------------------------------------- update rules
def test_power_2_equals_classical_network():
    rng = np.random.default_rng(6)
    X = hc.random_patterns(6, 30, rng=rng)
    for _ in range(10):
        s = rng.choice([-1, 1], size=30)
        assert np.array_equal(dense_sync(s, X, 2), hc.sync_step(s, hc.hebbian_weights(X)))
        assert np.array_equal(hc.DenseAssociativeMemory(2).store(X).deltas(s),
                              4 * (hc.hebbian_weights(X) @ s))   # Delta_i = 4 sum_j W_ij s_j


def test_tie_goes_to_plus_one():
    X = np.array([[1, 1], [1, -1]])
    s = np.array([-1, 1])
    # neuron 1: the two memories' brackets cancel exactly
    d = np.empty(2, dtype=np.int64)
    modern.dense_delta_kernel(s, X, 3, d)
    assert d[1] == 0 and d[0] != 0
    assert dense_sync(s, X, 3)[1] == 1


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), power=st.integers(2, 5))
def test_async_dense_energy_never_rises(seed, power):
    rng = np.random.default_rng(seed)
    X = hc.random_patterns(int(rng.integers(2, 40)), 20, rng=rng)
    net = hc.DenseAssociativeMemory(power).store(X)
    res = net.retrieve(rng.choice([-1, 1], size=20), rng=rng)
    assert np.all(np.diff(res.energies) <= 0)
    assert res.energies[-1] == net.energy(res.state) == -sum(int(m) ** power for m in X @ res.state)


def test_dense_retrieves_beyond_classical_capacity():
    rng = np.random.default_rng(7)
    X = hc.random_patterns(100, 50, rng=rng)  # 2 N memories
    ok_dense = ok_classical = 0
    for k in range(20):
        q = hc.flip(X[k], 5, rng=rng)
        ok_dense += np.array_equal(hc.DenseAssociativeMemory(4).store(X).retrieve(q, rng=k).state, X[k])
        ok_classical += np.array_equal(hc.ClassicalNetwork().store(X).retrieve(q, rng=k).state, X[k])
    assert ok_dense >= 19 and ok_classical <= 2


def test_exponential_one_step_retrieval():
    rng = np.random.default_rng(8)
    X = hc.random_patterns(256, 32, rng=rng)  # 2^(N/4) memories
    net = hc.ExponentialNetwork().store(X)
    for k in range(30):
        q = hc.flip(X[k], 3, rng=rng)
        assert np.array_equal(net.step(q), X[k])
    assert np.isfinite(net.energy(X[0])) and net.energy(X[0]) < 0


@pytest.mark.parametrize("power, N, K", [(2, 80, 30), (3, 50, 300), (4, 30, 1500)])
def test_bit_error_matches_erfc_formula(power, N, K):
    measured = hc.dense_bit_error(power, N, K, probes=60, rng=power)
    theory = float(hc.dense_error_theory(power, N, K))
    sd = np.sqrt(theory * (1 - theory) / (60 * N))
    assert 0.02 < theory < 0.2
    assert abs(measured - theory) < 5 * sd + 0.01


def test_double_factorial_and_theory_limits():
    assert [modern.double_factorial(k) for k in (-1, 0, 1, 3, 5, 7)] == [1, 1, 1, 3, 15, 105]
    assert hc.dense_error_theory(3, 100, 1) < 1e-100
    assert abs(hc.dense_error_theory(2, 100, 1e9) - 0.5) < 1e-3


# ----------------------------------------------------------------------------- continuous network
def test_softmax_and_lse_are_stable():
    z = np.array([1000.0, 999.0, -1000.0])
    p = hc.softmax(z)
    assert np.isclose(p.sum(), 1) and np.all(np.isfinite(p))
    assert np.isclose(hc.lse(z), 1000 + np.log(1 + np.exp(-1.0)))


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), beta=st.floats(0.01, 5.0))
def test_softmax_update_never_raises_energy(seed, beta):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(int(rng.integers(2, 12)), 8))
    x = rng.normal(size=8) * 2
    for _ in range(5):
        new = hc.softmax_update(x, X, beta=beta)
        assert hc.modern_energy(new, X, beta=beta) <= hc.modern_energy(x, X, beta=beta) + 1e-10
        x = new
    assert hc.modern_energy(x, X, beta=beta) >= -1e-10  # the constants make E >= 0


def test_one_step_retrieval_at_large_beta():
    rng = np.random.default_rng(9)
    X = hc.random_patterns(300, 64, rng=rng).astype(float)
    q = hc.flip(X[4].astype(int), 10, rng=rng).astype(float)
    one = hc.softmax_update(q, X, beta=1.0)
    assert np.max(np.abs(one - X[4])) < 1e-6


def test_small_beta_gives_metastable_average():
    rng = np.random.default_rng(10)
    X = hc.random_patterns(50, 64, rng=rng).astype(float)
    net = hc.ContinuousModernNetwork(beta=0.001).store(X)
    res = net.retrieve(X[0])
    p = net.weights_of(res.state)
    assert 1 / np.sum(p ** 2) > 45  # nearly all memories share the weight
    assert np.allclose(res.state, X.T @ p, atol=1e-8)


def test_attention_identity():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(10, 16))
    Q = rng.normal(size=(4, 16))
    att = hc.attention(Q, X, X, scale=0.7)
    hop = np.array([hc.softmax_update(q, X, beta=0.7) for q in Q])
    np.testing.assert_allclose(att, hop, atol=1e-12)


# ----------------------------------------------------------------------------- interface and data
def test_common_interface():
    X = hc.random_patterns(3, 16, rng=0)
    for net in [hc.ClassicalNetwork(), hc.ClassicalNetwork(mode="sync"), hc.DenseAssociativeMemory(3),
                hc.DenseAssociativeMemory(3, mode="sync"), hc.ExponentialNetwork(), hc.ContinuousModernNetwork(beta=2.0)]:
        assert net.store(X) is net
        res = net.retrieve(X[1])
        assert res.converged and np.allclose(res.state, X[1], atol=1e-6)
        assert isinstance(net.energy(X[1]), float)
        assert "N=16" in repr(net)


def test_digits_and_mask():
    X, labels = hc.binary_digits(values=(-1, 1))
    assert X.shape == (1797, 64) and set(np.unique(X)) == {-1, 1} and labels.shape == (1797,)
    m = hc.mask_state(X[0], fill=0)
    assert m.dtype == np.float64 and hc.mask_state(X[0]).dtype == np.int64
    assert np.all(hc.mask_state(X[0], rows=[0, 7]).reshape(8, 8)[[0, 7]] == -1)
    assert np.all(m.reshape(8, 8)[4:] == 0) and np.array_equal(m.reshape(8, 8)[:4], X[0].reshape(8, 8)[:4])


# ----------------------------------------------------------------------------- bad input
def test_bad_input_messages():
    X = hc.random_patterns(3, 8, rng=0)
    with pytest.raises(ValueError, match="power: expected an integer >= 2"):
        hc.DenseAssociativeMemory(1)
    with pytest.raises(TypeError, match="power: expected an integer"):
        hc.DenseAssociativeMemory(2.5)
    with pytest.raises(ValueError, match="exceeds exact 64-bit"):
        hc.DenseAssociativeMemory(12).store(hc.random_patterns(5, 100, rng=0))
    with pytest.raises(ValueError, match="state: expected length 8"):
        dense_sync(np.ones(5), X, 3)
    with pytest.raises(ValueError, match=r"values \+1 or -1"):
        hc.DenseAssociativeMemory(3).store(X).retrieve(np.zeros(8))
    with pytest.raises(ValueError, match="beta: expected a number > 0"):
        hc.ContinuousModernNetwork(beta=0)
    with pytest.raises(ValueError, match="mode"):
        hc.DenseAssociativeMemory(3, mode="fast")
    with pytest.raises(RuntimeError, match="store"):
        hc.ExponentialNetwork().step(X[0])
    with pytest.raises(ValueError, match="NaN"):
        hc.softmax_update(np.full(8, np.nan), X, beta=1.0)
    with pytest.raises(ValueError, match="values: expected 10 rows"):
        hc.attention(np.ones((2, 8)), np.ones((10, 8)), np.ones((9, 3)))


# ----------------------------------------------------------------------------- checks
def own_dense_step(state, X, n):
    """A student's own Exercise 10.1 (the checks refuse the package's version)."""
    x = (X @ state)[:, None] - X * state[None, :]
    return np.where(((x + X) ** n - (x - X) ** n).sum(axis=0) >= 0, 1, -1)


def own_bit_error(n, N, K, probes, rng):
    X = rng.choice([-1, 1], size=(K, N))
    return sum(int(np.sum(own_dense_step(X[k], X, n) != X[k])) for k in range(probes)) / (probes * N)


def test_checks_accept_reference_and_reject_wrong_answers():
    assert check_dense_step(own_dense_step)
    wrong = check_dense_step(lambda s, X, n: np.sign((X @ s) ** (n - 1) @ X))
    assert not wrong and "case" in wrong.message
    assert check_softmax_step(lambda x, X, b: X.T @ (np.exp(b * X @ x - np.max(b * X @ x))
                                                   / np.exp(b * X @ x - np.max(b * X @ x)).sum()))
    naive = check_softmax_step(lambda x, X, b: X.T @ (np.exp(b * X @ x) / np.exp(b * X @ x).sum()))
    assert not naive and "overflow" in naive.message

    assert check_bit_error(own_bit_error)
    assert check_bit_error(own_bit_error).message == "✓ Exercise 10.3 bit_error: agrees with the reference " \
                                                     "measurement on all 3 cases."
    assert not check_bit_error(lambda n, N, K, probes, rng: 0.0)

    def unfinished(*a):
        raise NotImplementedError

    assert check_dense_step(unfinished).status == "not done"


def test_chapter_10_checks_refuse_the_packages_own_versions():
    """Chapter 10's exercises ask not to call hc.DenseAssociativeMemory, hc.softmax_update, hc.dense_bit_error:
    directly, under another name, or through the student's own helper."""
    from hopfield_course.modern import softmax_update as su

    def via_helper(n, N, K, probes, rng):  # bit_error built on a dense_step that calls the package
        X = rng.choice([-1, 1], size=(K, N))
        return sum(int(np.sum(dense_sync(X[k], X, n) != X[k])) for k in range(probes)) / (probes * N)

    for check, answer, name in [
            (check_dense_step, dense_sync, "DenseAssociativeMemory"),
            (check_softmax_step, lambda x, X, b: hc.softmax_update(x, X, beta=b), "softmax_update"),
            (check_softmax_step, lambda x, X, b: su(x, X, beta=b), "softmax_update"),
            (check_softmax_step, lambda x, X, b: modern.softmax_update(x, X, beta=b), "softmax_update"),
            (check_bit_error, lambda n, N, K, probes, rng: hc.dense_bit_error(n, N, K, probes=probes, rng=rng),
             "dense_bit_error"),
            (check_bit_error, via_helper, "DenseAssociativeMemory")]:
        result = check(answer)
        assert not result and result.status == "wrong", result.message
        assert f"the exercise asks you not to call hc.{name}" in result.message, result.message
    assert "(through your dense_sync)" in check_bit_error(via_helper).message
    # helpers of the package that are not the exercise's answer stay allowed
    assert check_softmax_step(lambda x, X, b: np.asarray(X).T @ hc.softmax(b * np.asarray(X) @ x))


def test_softmax_check_prints_no_runtime_warning_above_its_feedback():
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        naive = check_softmax_step(lambda x, X, b: X.T @ (np.exp(b * X @ x) / np.exp(b * X @ x).sum()))
    assert not naive and "overflow" in naive.message
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)], [str(w.message) for w in caught]


def test_bit_error_is_compared_exactly_when_the_draw_is_the_prescribed_one():
    off = check_bit_error(lambda n, N, K, probes, rng: own_bit_error(n, N, K, probes, rng) + 1e-9)
    assert not off and "must equal the reference measurement exactly" in off.message

    def one_probe(n, N, K, probes, rng):  # statistically plausible: only the exact comparison sees it
        X = rng.choice([-1, 1], size=(K, N))
        return float(np.mean(own_dense_step(X[0], X, n) != X[0]))

    one = check_bit_error(one_probe)
    assert not one and "use all `probes` probes" in one.message


def test_bit_error_with_other_draws_is_compared_statistically():
    def columns(n, N, K, probes, rng):  # correct, but the memories are drawn transposed
        M = rng.choice([-1, 1], size=(N, K))
        return float(np.mean(np.array([own_dense_step(M[:, k], M.T, n) for k in range(probes)]) != M[:, :probes].T))

    result = check_bit_error(columns)
    assert result and "within statistical tolerance" in result.message

    def half(n, N, K, probes, rng):
        return columns(n, N, K, probes, rng) / 2

    wrong = check_bit_error(half)
    assert not wrong and "compares statistically" in wrong.message and "not 2·probes·N" in wrong.message


# ----------------------------------------------------------------------------- one implementation
def test_continuous_step_is_softmax_update():
    rng = np.random.default_rng(12)
    X = rng.normal(size=(7, 5))
    x = rng.normal(size=5)
    net = hc.ContinuousModernNetwork(beta=0.8).store(X)
    assert np.array_equal(net.step(x), hc.softmax_update(x, X, beta=0.8))
    assert net.energy(x) == hc.modern_energy(x, X, beta=0.8)


def test_demo_compute_is_deterministic_and_same_query_for_all():
    from hopfield_course.demos.modern import modern_recall_step

    a = modern_recall_step(n_memories=20, power=8, beta=1.0, index=3, rng=2)
    b = modern_recall_step(n_memories=20, power=8, beta=1.0, index=3, rng=2)
    assert np.array_equal(a.memories, b.memories) and np.array_equal(a.dense, b.dense)
    assert np.all(a.query.reshape(8, 8)[6:] == -1)
    assert np.isclose(a.weights.sum(), 1.0)


# ----------------------------------------------------------------------------- bad input, argument by argument
_X = hc.random_patterns(3, 8, rng=0)
_MEM = hc.DenseAssociativeMemory(3).store(_X)
BAD_CALLS = [
    ("power", lambda: hc.DenseAssociativeMemory("3"), TypeError),
    ("power", lambda: hc.DenseAssociativeMemory(100), ValueError),
    ("mode", lambda: hc.ClassicalNetwork(mode=None), ValueError),
    ("normalize", lambda: hc.ClassicalNetwork(normalize="x"), ValueError),
    ("beta", lambda: hc.ContinuousModernNetwork(beta=-1.0), ValueError),
    ("beta", lambda: hc.ContinuousModernNetwork(beta=np.nan), ValueError),
    ("beta", lambda: hc.ContinuousModernNetwork(beta="hot"), TypeError),
    ("tol", lambda: hc.ContinuousModernNetwork(tol=0), ValueError),
    ("max_steps", lambda: _MEM.retrieve(_X[0], max_steps=0), ValueError),
    ("max_steps", lambda: _MEM.retrieve(_X[0], max_steps=2.5), TypeError),
    ("max_steps", lambda: _MEM.retrieve(_X[0], max_steps=10 ** 9), ValueError),
    ("max_steps", lambda: hc.ClassicalNetwork().store(_X).retrieve(_X[0], max_steps=-1), ValueError),
    ("max_steps", lambda: hc.ContinuousModernNetwork().store(_X).retrieve(_X[0], max_steps=0), ValueError),
    ("rng", lambda: _MEM.retrieve(_X[0], rng="x"), TypeError),
    ("patterns", lambda: hc.ExponentialNetwork().store(np.zeros((2, 3))), ValueError),
    ("patterns", lambda: hc.ContinuousModernNetwork().store(np.ones((0, 3))), ValueError),
    ("state", lambda: hc.ContinuousModernNetwork().store(_X).step(np.ones(3)), ValueError),
    ("beta", lambda: hc.softmax(np.ones(3), beta=0), ValueError),
    ("z", lambda: hc.softmax(np.ones(0)), ValueError),
    ("z", lambda: hc.lse(np.ones((2, 2))), ValueError),
    ("beta", lambda: hc.lse(np.ones(3), beta=np.inf), ValueError),
    ("beta", lambda: hc.modern_energy(np.ones(8), _X, beta=-2), ValueError),
    ("scale", lambda: hc.attention(np.ones((2, 8)), _X, _X, scale=0), ValueError),
    ("keys", lambda: hc.attention(np.ones((2, 8)), np.ones((3, 4)), _X), ValueError),
    ("k", lambda: modern.double_factorial(2.5), TypeError),
    ("power", lambda: hc.dense_error_theory(1, 10, 5), ValueError),
    ("n_neurons", lambda: hc.dense_error_theory(3, 0, 5), ValueError),
    ("n_memories", lambda: hc.dense_error_theory(3, 10, [5, -1]), ValueError),
    ("n_memories", lambda: hc.dense_error_theory(3, 10, np.nan), ValueError),
    ("power", lambda: hc.dense_bit_error("cubic", 10, 5), ValueError),
    ("power", lambda: hc.dense_bit_error(1, 10, 5), ValueError),
    ("n_neurons", lambda: hc.dense_bit_error(3, 0, 5), ValueError),
    ("n_memories", lambda: hc.dense_bit_error(3, 10, 2.5), TypeError),
    ("n_memories", lambda: hc.dense_bit_error(3, 1000, 10 ** 6), ValueError),
    ("probes", lambda: hc.dense_bit_error(3, 10, 5, probes=0), ValueError),
    ("probes", lambda: hc.dense_bit_error(3, 10, 5, probes="all"), TypeError),
    ("rng", lambda: hc.dense_bit_error(3, 10, 5, rng=1.5), TypeError),
    ("state", lambda: _MEM.deltas(np.ones(5)), ValueError),
    ("state", lambda: _MEM.energy(np.zeros(8)), ValueError),
    ("state", lambda: hc.ContinuousModernNetwork().store(_X).weights_of(np.ones(3)), ValueError),
    ("state", lambda: hc.ContinuousModernNetwork().store(_X).energy(np.full(8, np.nan)), ValueError),
    ("patterns", lambda: hc.softmax_update(np.ones(8), np.ones((2, 2, 2))), ValueError),
    ("state", lambda: hc.softmax_update(np.ones(3), _X), ValueError),
    ("beta", lambda: hc.softmax_update(np.ones(8), _X, beta=0), ValueError),
    ("patterns", lambda: hc.modern_energy(np.ones(8), np.full((2, 8), np.inf)), ValueError),
    ("queries", lambda: hc.attention(np.ones((2, 2, 2)), _X, _X), ValueError),
    ("values", lambda: hc.attention(np.ones((2, 8)), _X, np.ones((2, 8))), ValueError),
    ("patterns", lambda: hc.DenseAssociativeMemory(3).store([[1, 0, 1]]), ValueError),
    ("store", lambda: hc.DenseAssociativeMemory(3).retrieve(_X[0]), RuntimeError),
    ("shape", lambda: hc.mask_state(np.ones(64), shape=8), ValueError),
    ("shape", lambda: hc.mask_state(np.ones(64), shape=(0, 8)), ValueError),
    ("state", lambda: hc.mask_state(np.ones(60)), ValueError),
    ("state", lambda: hc.mask_state(np.zeros(64)), ValueError),
    ("rows", lambda: hc.mask_state(np.ones(64), rows=[9]), ValueError),
    ("rows", lambda: hc.mask_state(np.ones(64), rows=5), TypeError),
    ("fill", lambda: hc.mask_state(np.ones(64), fill=0.5), ValueError),
    ("n_memories", lambda: __import__("hopfield_course.demos.modern", fromlist=["x"]).modern_recall_step(
        n_memories=0), ValueError),
    ("corruption", lambda: __import__("hopfield_course.demos.modern", fromlist=["x"]).modern_recall_step(
        corruption="blur"), ValueError),
    ("level", lambda: __import__("hopfield_course.demos.modern", fromlist=["x"]).modern_recall_step(
        level=1.5), ValueError),
    ("index", lambda: __import__("hopfield_course.demos.modern", fromlist=["x"]).modern_recall_step(
        n_memories=5, index=5), ValueError),
    ("power", lambda: __import__("hopfield_course.demos.modern", fromlist=["x"]).modern_recall_step(power=1), ValueError),
    ("beta", lambda: __import__("hopfield_course.demos.modern", fromlist=["x"]).modern_recall_step(beta=0), ValueError),
    ("rng", lambda: __import__("hopfield_course.demos.modern", fromlist=["x"]).modern_recall_step(rng="x"), TypeError),
    ("power", lambda: __import__("hopfield_course.demos.modern", fromlist=["x"]).modern_recall_explorer(power=9),
     ValueError),
]


@pytest.mark.parametrize("name, call, error", BAD_CALLS, ids=[f"{i}-{b[0]}" for i, b in enumerate(BAD_CALLS)])
def test_bad_input_names_the_argument(name, call, error):
    with pytest.raises(error, match=name):
        call()


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        hc.ContinuousModernNetwork(1.0)
    with pytest.raises(TypeError):
        hc.softmax_update(np.ones(8), _X, 1.0)
    with pytest.raises(TypeError):
        _MEM.retrieve(_X[0], 10)
    with pytest.raises(TypeError):
        hc.dense_bit_error(3, 10, 5, 5)


def test_exponential_energy_overflow_warns():
    X = hc.random_patterns(3, 800, rng=0)
    with pytest.warns(RuntimeWarning, match="overflows"):
        assert hc.ExponentialNetwork().store(X).energy(X[0]) == -np.inf


# ----------------------------------------------------------------------------- the explorer's live figure
def test_modern_live_figure_updates_in_place_like_a_fresh_figure(live_twin):
    from hopfield_course.demos.modern import _build, _update, modern_recall_step

    # 5, 200 and 40 stored digits: the step patch takes another number of bars, the x-limits follow
    datas = [modern_recall_step(n_memories=k, power=p, beta=b, corruption=c, level=lv, index=i, rng=s)
             for k, p, b, c, lv, i, s in ((40, 8, 0.5, "mask", 0.25, 0, 0), (5, 2, 0.05, "noise", 0.5, 4, 1),
                                          (200, 4, 5.0, "noise", 0.1, 17, 3), (40, 8, 0.5, "mask", 0.6, 9, 2))]
    for order in (datas, datas[::-1]):
        live = live_twin(_build, _update, order, figsize=(12, 2.8))
        last = order[-1]
        axes = live.figure.axes
        assert len(axes) == 7
        names = ("target", "query", "classical", "dense", "exponential", "continuous")
        for ax, name in zip(axes, names):
            np.testing.assert_array_equal(ax.images[0].get_array(), np.reshape(getattr(last, name), (8, 8)))
        for ax, name in zip(axes[2:6], names[2:]):
            right = np.array_equal(np.where(np.asarray(getattr(last, name)) >= 0, 1, -1), last.target)
            _, verdict, outcome = ax.get_title().split("\n")
            assert verdict.endswith("✓" if right else "✗"), (name, ax.get_title())
            assert outcome == last.outcomes[name]
        assert axes[3].get_title().startswith(f"dense\npower {last.power}")
        (steps,) = axes[6].patches
        values, edges = steps.get_data()[:2]
        np.testing.assert_array_equal(values, last.weights)
        np.testing.assert_array_equal(edges, np.arange(len(last.weights) + 1) - 0.5)
        x0, x1 = axes[6].get_xlim()
        assert x0 < -0.5 and len(last.weights) - 0.5 < x1 < 1.2 * len(last.weights) + 1
        assert axes[6].get_title() == f"effective memories\n1/Σp² = {1 / np.sum(last.weights ** 2):.1f}"


def test_modern_explorer_updates_its_figure_in_place_once_per_change():
    from hopfield_course.demos.modern import modern_recall_explorer

    box = modern_recall_explorer(n_memories=20)
    live = box.live
    calls = []
    update = live._update
    live._update = lambda a, d: (calls.append(d), update(a, d))
    controls = {c.description: c for row in box.children[:2] for c in row.children}
    assert set(controls) == {"memories", "power (dense)", "β", "query", "level", "digit #", "seed"}
    controls["digit #"].value = 12
    moves = [("memories", 45), ("power (dense)", 3), ("β", 2.0), ("query", "noise"), ("level", 0.4),
             ("digit #", 30), ("seed", 5), ("memories", 10)]  # the last lowers the digit to 9: one picture
    for name, value in moves:
        before = len(calls)
        controls[name].value = value
        assert len(calls) == before + 1, f"moving {name!r} drew {len(calls) - before} pictures"
    assert live.builds == 1  # every control, the number of memories too, updates the figure in place
    last = calls[-1]
    assert len(last.weights) == 10 and controls["digit #"].value == 9
    np.testing.assert_array_equal(last.target, last.memories[9])
    (steps,) = live.figure.axes[6].patches
    assert len(steps.get_data()[0]) == 10


def _weight_at(steps, x):
    """The height of the step patch ``steps`` at the position ``x`` (inside one of its bins)."""
    values, edges = steps.get_data()[:2]
    k = np.searchsorted(edges, x, side="right") - 1
    assert 0 <= k < len(values), f"x = {x} lies outside the bars (edges {edges[0]}..{edges[-1]})"
    return values[k]


def test_modern_weight_of_memory_k_is_drawn_at_x_equal_k():
    from hopfield_course.demos._skeleton import LiveFigure
    from hopfield_course.demos.modern import _build, _update, modern_recall_step

    live = LiveFigure(_build, _update, figsize=(12, 2.8))
    for k, index in ((5, 4), (40, 0), (40, 17)):
        data = modern_recall_step(n_memories=k, beta=5.0, corruption="noise", level=0.05, index=index, rng=1)
        live.draw(data)
        ax = live.figure.axes[6]
        (steps,) = ax.patches
        for m in range(k):  # the axis counts the stored digits from 0, like the "digit #" slider
            assert _weight_at(steps, m) == data.weights[m]
            assert _weight_at(steps, m - 0.49) == _weight_at(steps, m + 0.49) == data.weights[m]
        assert np.argmax(data.weights) == index  # a slightly noisy query: its own digit has the largest weight
        x0, x1 = ax.get_xlim()
        assert x0 < -0.5 and k - 0.5 < x1  # every bar in view
        ticks = [t for t in ax.get_xticks() if x0 <= t <= x1]
        assert all(float(t).is_integer() for t in ticks)  # indices, never 2.5


def test_modern_demo_flags_a_two_cycle_of_the_exponential_network():
    from hopfield_course.demos._skeleton import LiveFigure
    from hopfield_course.demos.modern import _build, _update, modern_recall_step

    # five digits, 60% of the rows masked: the synchronous exponential network oscillates between two states
    data = modern_recall_step(n_memories=5, corruption="mask", level=0.6, index=3, rng=2)
    assert data.outcomes["exponential"] == "2-cycle"
    net = hc.ExponentialNetwork().store(data.memories)
    s = data.exponential
    assert not np.array_equal(net.step(s), s) and np.array_equal(net.step(net.step(s)), s)  # a true 2-cycle
    assert not net.retrieve(data.query, max_steps=50).converged
    live = LiveFigure(_build, _update, figsize=(12, 2.8))
    live.draw(data)
    title = live.figure.axes[4].get_title()
    assert title.startswith("exponential\n") and title.endswith("\n2-cycle") and "✓" not in title
    assert [data.outcomes[k] for k in ("classical", "dense", "continuous")] == ["fixed point"] * 3
    # and a fixed point is one: one more step changes nothing
    data = modern_recall_step(n_memories=40, corruption="mask", level=0.25, index=0, rng=0)
    assert data.outcomes["exponential"] == "fixed point"
    net = hc.ExponentialNetwork().store(data.memories)
    assert np.array_equal(net.step(data.exponential), data.exponential)


def test_modern_demo_says_when_the_softmax_network_is_still_moving():
    from hopfield_course.demos._skeleton import LiveFigure
    from hopfield_course.demos.modern import _build, _update, modern_recall_step

    # beta = 0.2 lies between the regimes, where the continuous network converges slowly (chapter 10)
    data = modern_recall_step(n_memories=40, beta=0.2, rng=0)
    assert data.outcomes["continuous"] == "still moving"
    res = hc.ContinuousModernNetwork(beta=0.2).store(data.memories).retrieve(data.query, max_steps=50)
    assert not res.converged and np.array_equal(res.state, data.continuous)
    live = LiveFigure(_build, _update, figsize=(12, 2.8))
    live.draw(data)
    assert live.figure.axes[5].get_title().endswith("\nstill moving")


def test_run_outcome_tells_fixed_points_cycles_and_unfinished_runs_apart():
    from hopfield_course.demos.modern import run_outcome

    X = np.array([[1, 1]])
    sync = hc.ClassicalNetwork(mode="sync").store(X)
    res = sync.retrieve([1, -1], max_steps=7)  # the two neurons swap signs at every synchronous step
    assert not res.converged and run_outcome(sync, res) == "2-cycle"
    res = sync.retrieve([1, 1], max_steps=7)
    assert res.converged and run_outcome(sync, res) == "fixed point"
    # asynchronous sweeps in a random order have no period to look for: a run cut short is still moving
    X = hc.random_patterns(30, 64, rng=0)
    net = hc.ClassicalNetwork(mode="async").store(X)
    res = net.retrieve(hc.flip(X[0], 20, rng=1), max_steps=1, rng=2)
    assert not res.converged and run_outcome(net, res) == "still moving"
    with pytest.raises(TypeError, match="net"):
        run_outcome("network", res)
    with pytest.raises(TypeError, match="result"):
        run_outcome(net, res.state)


@pytest.mark.parametrize("presenter", [False, True])
def test_modern_three_line_titles_fit_side_by_side(presenter, assert_fits):
    import dataclasses

    from hopfield_course.demos._skeleton import LiveFigure
    from hopfield_course.demos.modern import _build, _update, modern_recall_step
    from hopfield_course.plotting import scale, style

    data = modern_recall_step(n_memories=40, beta=0.013)
    live = LiveFigure(_build, _update, figsize=scale((12, 2.8), presenter), presenter=presenter)
    live.render(data)  # laid out with fixed points everywhere, then the longest words in every panel
    worst = dataclasses.replace(data, outcomes={k: "still moving" for k in data.outcomes})
    live.render(worst)
    assert_fits(live)
    with style(presenter):
        renderer = live.figure.canvas.get_renderer()
        boxes = [ax.title.get_window_extent(renderer) for ax in live.figure.axes]
    for a, b in zip(boxes[:-1], boxes[1:]):
        assert a.x1 <= b.x0, "two neighbouring titles overlap"
    images = [ax.get_window_extent(renderer) for ax in live.figure.axes[:6]]
    assert all(box.y0 >= image.y1 - 1 for box, image in zip(boxes, images))  # above their images


@pytest.mark.parametrize("presenter", [False, True])
def test_modern_weight_axis_stays_readable_with_many_memories(presenter, assert_fits):
    """At 200 memories in presenter style the index labels of the softmax panel ran together."""
    from hopfield_course.demos._skeleton import walk_widgets

    box = hc.modern_recall_explorer(presenter=presenter)
    memories = next(c for c in walk_widgets(box) if getattr(c, "description", "") == "memories")
    for value in (memories.max, memories.min, memories.max):
        memories.value = value
        assert_fits(box.live)
