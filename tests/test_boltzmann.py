"""Tests of hopfield_course.boltzmann: the fully connected Boltzmann machine (chapter 09)."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from hopfield_course.boltzmann import (
    DEFAULT_SCHEDULE,
    BoltzmannMachine,
    as_binary,
    encoder_problem,
    encoder_solved,
    gibbs_kernel,
    gibbs_kernel_numpy,
)


def random_machine(nv, nh, seed, scale=0.8):
    m = BoltzmannMachine(nv, nh, rng=seed, weight_scale=scale)
    m.bias = np.random.default_rng(seed + 100).normal(0, 0.5, nv + nh)
    return m


# ---------------------------------------------------------------- helpers
def test_enumerated_states_are_the_package_enumerator():
    from hopfield_course.boltzmann import _cached_states
    from hopfield_course.states import all_states

    s = _cached_states(3)
    assert s.shape == (8, 3) and np.array_equal(s, all_states(3, values=(0, 1)))
    assert s[0].tolist() == [0, 0, 0] and s[1].tolist() == [0, 0, 1] and s[-1].tolist() == [1, 1, 1]


def test_as_binary_errors():
    with pytest.raises(ValueError, match=r"data: expected values 0 or 1 only.*\(x \+ 1\) / 2"):
        as_binary([[1, -1, 1]])
    with pytest.raises(ValueError, match="data: expected values 0 or 1 only, found \\[0.5\\]"):
        as_binary([[0.5, 1]])
    with pytest.raises(ValueError, match="expected 3 units per row"):
        as_binary([[0, 1]], n=3)
    with pytest.raises(ValueError, match="finite"):
        as_binary([[np.nan, 1]])
    assert as_binary([0, 1]).shape == (1, 2)


def test_constructor_validation():
    with pytest.raises(ValueError, match="n_visible"):
        BoltzmannMachine(0, 2)
    with pytest.raises(ValueError, match="n_hidden"):
        BoltzmannMachine(2, -1)
    with pytest.raises(ValueError, match="connectivity: expected a boolean \\(3, 3\\)"):
        BoltzmannMachine(2, 1, connectivity=np.ones((2, 2)))
    asym = np.zeros((3, 3), bool)
    asym[0, 1] = True
    with pytest.raises(ValueError, match="symmetric"):
        BoltzmannMachine(2, 1, connectivity=asym)
    with pytest.raises(ValueError, match="zero diagonal"):
        BoltzmannMachine(2, 1, connectivity=np.ones((3, 3), bool))
    m = BoltzmannMachine(3, 2, rng=0, weight_scale=0.3)
    assert np.allclose(m.weights, m.weights.T) and np.all(np.diag(m.weights) == 0)
    assert "n_visible=3" in repr(m)


def test_energy_matches_pair_sum():
    m = random_machine(3, 2, 0)
    x = np.array([1.0, 0, 1, 1, 0])
    pair = sum(m.weights[i, j] * x[i] * x[j] for i in range(5) for j in range(i))
    assert np.isclose(m.energy(x)[0], -pair - m.bias @ x)
    with pytest.raises(ValueError, match="states"):
        m.energy([1, 0])


# ------------------------------------------------------- exact quantities
def test_visible_distribution_sums_to_one_and_matches_brute_force():
    m = random_machine(3, 2, 1)
    p = m.visible_distribution()
    assert np.isclose(p.sum(), 1.0)
    # brute force: p(v) = sum_h exp(-E(v, h)) / Z
    w = {}
    for x in itertools.product([0, 1], repeat=5):
        w[x] = np.exp(-m.energy(np.array(x, float))[0])
    z = sum(w.values())
    for k, v in enumerate(itertools.product([0, 1], repeat=3)):
        pv = sum(w[v + h] for h in itertools.product([0, 1], repeat=2)) / z
        assert np.isclose(p[k], pv)
    assert np.isclose(m.log_partition(), np.log(z))


def test_exact_gradient_equals_finite_difference_of_log_likelihood():
    """The required check: clamped minus free statistics = d(log-likelihood)/d(parameter), 12 units."""
    m = random_machine(7, 5, 2, scale=0.6)
    data = (np.random.default_rng(3).random((9, 7)) < 0.5).astype(float)
    g = m.gradient(data)
    dW, db = g.weights, g.bias
    eps = 1e-5
    fd_w = np.zeros_like(dW)
    for i in range(12):
        for j in range(i + 1, 12):
            vals = []
            for s in (+1, -1):
                m.weights[i, j] += s * eps
                m.weights[j, i] += s * eps
                vals.append(m.log_likelihood(data))
                m.weights[i, j] -= s * eps
                m.weights[j, i] -= s * eps
            fd_w[i, j] = fd_w[j, i] = (vals[0] - vals[1]) / (2 * eps)
    fd_b = np.zeros(12)
    for i in range(12):
        m.bias[i] += eps
        up = m.log_likelihood(data)
        m.bias[i] -= 2 * eps
        down = m.log_likelihood(data)
        m.bias[i] += eps
        fd_b[i] = (up - down) / (2 * eps)
    assert np.abs(dW).max() > 1e-2  # a non-trivial gradient
    np.testing.assert_allclose(dW, fd_w, atol=1e-7)
    np.testing.assert_allclose(db, fd_b, atol=1e-7)


def test_exact_limit_and_bad_method():
    with pytest.raises(ValueError, match="at most 18 units"):
        BoltzmannMachine(10, 10).log_partition()
    m = random_machine(2, 1, 0)
    with pytest.raises(ValueError, match="method: expected one of 'exact', 'gibbs'"):
        m.gradient([[0, 1]], method="mcmc")
    with pytest.raises(ValueError, match="expected 2 visible units"):
        m.log_likelihood([[0, 1, 1]])


def test_gradient_vanishes_on_absent_connections_and_fit_improves():
    data, mask = encoder_problem(4, 2).data, encoder_problem(4, 2).connectivity
    m = BoltzmannMachine(8, 2, connectivity=mask, rng=1, weight_scale=0.5)
    dW = m.gradient(data).weights
    assert np.all(dW[~mask] == 0)
    before = m.log_likelihood(data)
    m.fit(data, epochs=30, learning_rate=1.0, monitor_every=10)
    assert np.all(m.weights[~mask] == 0)
    ll = m.history_.log_likelihood
    assert m.history_.epoch.tolist() == [0, 10, 20, 30] and m.history_.singular_values is None
    assert ll[0] == pytest.approx(before) and ll[-1] > before + 0.5
    assert np.all(np.diff(ll) > 0)  # exact gradient ascent with a modest step climbs


# ---------------------------------------------------------------- sampling
@pytest.mark.parametrize("clamped", [False, True])
def test_gibbs_kernel_matches_numpy_twin_bit_for_bit(clamped):
    m = random_machine(4, 3, 5, scale=1.0)
    rng = np.random.default_rng(9)
    states = (rng.random((6, 7)) < 0.5).astype(float)
    free = np.arange(4, 7) if clamped else np.arange(7)
    temps = np.array(DEFAULT_SCHEDULE)
    u = rng.random((6, temps.size, free.size))
    s1, s2 = states.copy(), states.copy()
    c1, c2, m1, m2 = np.zeros((7, 7)), np.zeros((7, 7)), np.zeros(7), np.zeros(7)
    gibbs_kernel(s1, m.weights, m.bias, free, temps, u, 4, c1, m1)
    gibbs_kernel_numpy(s2, m.weights, m.bias, free, temps, u, 4, c2, m2)
    assert np.array_equal(s1, s2) and np.array_equal(c1, c2) and np.array_equal(m1, m2)
    assert m1.sum() > 0
    if clamped:
        assert np.array_equal(s1[:, :4], states[:, :4])


def test_gibbs_samples_follow_the_boltzmann_distribution():
    m = random_machine(3, 1, 4, scale=1.0)
    samples = m.sample(20000, schedule=np.ones(30), rng=7)
    idx = (samples @ (2.0 ** np.arange(3, -1, -1))).astype(int)
    freq = np.bincount(idx, minlength=16) / idx.size
    _, neg_e = m._enumerate()
    p = np.exp(neg_e - np.log(np.exp(neg_e).sum()))
    # 20000 samples: standard error <= 0.0036 per state; a wrong rule (e.g. T doubled) is far off
    assert np.max(np.abs(freq - p)) < 0.015


def test_sampled_statistics_close_to_exact():
    m = random_machine(4, 2, 6, scale=0.7)
    data = np.array([[1.0, 0, 1, 0], [0, 1, 1, 1], [1, 1, 0, 0]])
    exact = m.exact_statistics(data)
    sampled = m.sampled_statistics(data, chains_per_pattern=300, n_free_chains=1500, n_collect=10, rng=1)
    for name in ("corr_data", "mean_data", "corr_model", "mean_model"):
        assert np.max(np.abs(getattr(exact, name) - getattr(sampled, name))) < 0.03
    # the clamped statistics of visible units are the data statistics exactly
    assert np.allclose(sampled.mean_data[:4], data.mean(axis=0))


def test_sample_validation_and_clamp():
    m = random_machine(3, 2, 0)
    out = m.sample(5, clamp=[1, 0, 1], rng=0)
    assert np.all(out[:, :3] == [1, 0, 1])
    with pytest.raises(ValueError, match="schedule"):
        m.sample(3, schedule=[2.0, 0.0])
    with pytest.raises(ValueError, match="clamp: expected 1 or 4 rows"):
        m.sample(4, clamp=np.zeros((2, 3)))
    with pytest.raises(ValueError, match="n_samples"):
        m.sample(0)
    a = m.sample(4, rng=3)
    b = m.sample(4, rng=3)
    assert np.array_equal(a, b)


# ---------------------------------------------------------------- encoder
def test_encoder_problem_structure():
    problem = encoder_problem(4, 2)
    data, mask = problem.data, problem.connectivity
    assert data.shape == (4, 8) and np.all(data.sum(axis=1) == 2)
    assert mask.shape == (10, 10) and np.array_equal(mask, mask.T) and not mask.diagonal().any()
    assert not mask[:4, 4:8].any()          # V1 and V2 not connected
    assert mask[:4, 8:].all() and mask[4:8, 8:].all()
    assert not mask[8, 9]                   # no hidden-hidden connection
    assert mask[0, 1] and mask[4, 5]        # within-group connections


def test_encoder_solved_detects_learning():
    problem = encoder_problem(4, 2)
    data, mask = problem.data, problem.connectivity
    fresh = BoltzmannMachine(8, 2, connectivity=mask, rng=1, weight_scale=0.5)
    res = encoder_solved(fresh)
    assert not res.solved and np.all(res.p_correct < 0.5)
    trained = BoltzmannMachine(8, 2, connectivity=mask, rng=1, weight_scale=0.5).fit(data, epochs=300,
                                                                                      learning_rate=1.0)
    res = encoder_solved(trained)
    ok, codes, p = res.solved, res.codes, res.p_correct
    assert ok and np.all(p > 0.5)
    assert len(set(codes)) == 4  # four distinct hidden codes


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_log_likelihood_never_exceeds_zero_and_q_is_distribution(seed):
    m = random_machine(3, 2, seed % 1000, scale=1.5)
    data = (np.random.default_rng(seed).random((4, 3)) < 0.5).astype(float)
    assert m.log_likelihood(data) <= 0
    st_ = m.exact_statistics(data)
    c_d, m_d, c_m, m_m = st_.corr_data, st_.mean_data, st_.corr_model, st_.mean_model
    assert np.allclose(np.diag(c_d), m_d) and np.allclose(np.diag(c_m), m_m)  # x_i^2 = x_i
    assert np.all((m_m >= 0) & (m_m <= 1))


# ---------------------------------------------------------------- bad input, argument by argument
_M = BoltzmannMachine(3, 2, rng=0, weight_scale=0.3)
_D = np.array([[1.0, 0, 1], [0, 1, 1]])
BAD_CALLS = [
    ("n_visible", lambda: BoltzmannMachine("3", 2), TypeError),
    ("n_visible", lambda: BoltzmannMachine(2.5, 2), TypeError),
    ("n_hidden", lambda: BoltzmannMachine(3, -1), ValueError),
    ("weight_scale", lambda: BoltzmannMachine(3, 2, weight_scale=np.nan), ValueError),
    ("weight_scale", lambda: BoltzmannMachine(3, 2, weight_scale=-0.1), ValueError),
    ("weight_scale", lambda: BoltzmannMachine(3, 2, weight_scale="big"), TypeError),
    ("connectivity", lambda: BoltzmannMachine(2, 1, connectivity=np.full((3, 3), 0.5)), ValueError),
    ("rng", lambda: BoltzmannMachine(3, 2, rng="seed"), TypeError),
    ("states", lambda: _M.energy([[1, 0, 1, 1, 2]]), ValueError),
    ("data", lambda: _M.log_likelihood([[1, 0, np.nan]]), ValueError),
    ("n_samples", lambda: _M.sample(0), ValueError),
    ("n_samples", lambda: _M.sample(2.5), TypeError),
    ("n_samples", lambda: _M.sample(10 ** 9), ValueError),
    ("schedule", lambda: _M.sample(3, schedule=[1.0, np.nan]), ValueError),
    ("schedule", lambda: _M.sample(3, schedule=[1.0, -2.0]), ValueError),
    ("schedule", lambda: _M.sample(3, schedule="hot"), TypeError),
    ("schedule", lambda: _M.sample(3, schedule=[]), ValueError),
    ("engine", lambda: _M.sample(3, engine="cuda"), ValueError),
    ("init", lambda: _M.sample(3, init=np.zeros((2, 5))), ValueError),
    ("clamp", lambda: _M.sample(3, clamp=[0, 1]), ValueError),
    ("n_collect", lambda: _M.sampled_statistics(_D, n_collect=0), ValueError),
    ("chains_per_pattern", lambda: _M.sampled_statistics(_D, chains_per_pattern=0), ValueError),
    ("n_free_chains", lambda: _M.sampled_statistics(_D, n_free_chains=-3), ValueError),
    ("method", lambda: _M.gradient(_D, method=None), ValueError),
    ("epochs", lambda: _M.fit(_D, epochs=-1), ValueError),
    ("epochs", lambda: _M.fit(_D, epochs=10 ** 9), ValueError),
    ("epochs", lambda: _M.fit(_D, epochs="ten"), TypeError),
    ("learning_rate", lambda: _M.fit(_D, learning_rate=0), ValueError),
    ("learning_rate", lambda: _M.fit(_D, learning_rate=np.nan), ValueError),
    ("weight_decay", lambda: _M.fit(_D, weight_decay=np.nan), ValueError),
    ("weight_decay", lambda: _M.fit(_D, weight_decay=-1.0), ValueError),
    ("method", lambda: _M.fit(_D, method="cd"), ValueError),
    ("monitor_every", lambda: _M.fit(_D, monitor_every=0), ValueError),
    ("n_free_chains", lambda: _M.fit(_D, method="gibbs", n_free_chains=0), ValueError),
    ("schedule", lambda: _M.fit(_D, method="gibbs", schedule=[0.0]), ValueError),
    ("data", lambda: _M.exact_statistics([[0, 1]]), ValueError),
    ("data", lambda: _M.sampled_statistics([[0, 1, 3]]), ValueError),
    ("data", lambda: _M.gradient([[0, 0.5, 1]]), ValueError),
    ("data", lambda: _M.fit([[1, 0, 1, 1]]), ValueError),
    ("exact enumeration", lambda: BoltzmannMachine(10, 10).log_likelihood(np.zeros((1, 10))), ValueError),
    ("exact enumeration", lambda: BoltzmannMachine(10, 10).fit(np.zeros((1, 10)), epochs=1), ValueError),
    ("n_bits", lambda: encoder_problem(1, 2), ValueError),
    ("n_hidden", lambda: encoder_problem(4, 0), ValueError),
    ("machine", lambda: encoder_solved("machine"), TypeError),
    ("machine", lambda: encoder_solved(BoltzmannMachine(3, 1)), ValueError),
]


@pytest.mark.parametrize("name, call, error", BAD_CALLS, ids=[f"{i}-{b[0]}" for i, b in enumerate(BAD_CALLS)])
def test_bad_input_names_the_argument(name, call, error):
    with pytest.raises(error, match=name):
        call()


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        BoltzmannMachine(3, 2, None)
    with pytest.raises(TypeError):
        _M.fit(_D, 10)
    with pytest.raises(TypeError):
        _M.sample(3, DEFAULT_SCHEDULE)


def test_diverging_fit_raises():
    m = BoltzmannMachine(3, 2, rng=0, weight_scale=0.3)
    with pytest.raises(FloatingPointError, match="learning_rate"):
        m.fit(_D, epochs=50, learning_rate=1e308)


def test_gibbs_fit_engines_agree():
    problem = encoder_problem(2, 1)
    runs = [BoltzmannMachine(4, 1, connectivity=problem.connectivity, rng=3, weight_scale=0.3)
            .fit(problem.data, epochs=3, method="gibbs", n_free_chains=20, chains_per_pattern=3, engine=e)
            for e in ("numba", "numpy")]
    assert np.array_equal(runs[0].weights, runs[1].weights)
