"""Tests of hopfield_course.meanfield and hopfield_course.capacity, the chapter-08 demo and checks."""

import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from scipy import special

import hopfield_course as hc
from hopfield_course import capacity as cap
from hopfield_course.checks import ch08


# ---------------------------------------------------------------- error probability
def test_error_probability_formula_and_inverse():
    a = np.array([0.05, 0.105, 0.138, 0.185, 0.37, 0.61])
    np.testing.assert_allclose(hc.error_probability(a), 0.5 * special.erfc(np.sqrt(1 / (2 * a))))
    assert hc.error_probability(0.0) == 0.0
    # seed 002's table: P_error of 0.001 near p/N = 0.105, 0.0036 near 0.138, 0.01 near 0.185
    np.testing.assert_allclose(hc.load_for_error([0.001, 0.0036, 0.01]), [0.105, 0.138, 0.185], atol=0.001)
    with pytest.raises(ValueError, match="load"):
        hc.error_probability(-0.1)
    with pytest.raises(ValueError, match="p_error"):
        hc.load_for_error(0.6)


@settings(max_examples=30, deadline=None)
@given(st.floats(1e-6, 0.45))
def test_load_for_error_inverts(p):
    assert hc.error_probability(hc.load_for_error(p)) == pytest.approx(p, rel=1e-9)


def test_error_probability_is_increasing():
    a = np.linspace(0.01, 2, 200)
    assert np.all(np.diff(hc.error_probability(a)) > 0)


# ---------------------------------------------------------------- one memory
def test_mean_field_overlap_solves_equation():
    T = np.array([0.1, 0.5, 0.9, 0.99])
    m = hc.mean_field_overlap(T)
    np.testing.assert_allclose(m, np.tanh(m / T), atol=1e-12)
    assert np.all(m > 0)
    assert hc.mean_field_overlap(1.0) == 0.0 and hc.mean_field_overlap(3.0) == 0.0
    assert hc.mean_field_overlap(0.0) == 1.0
    # critical behaviour m ~ sqrt(3 (1 - T)) just below T_c
    assert hc.mean_field_overlap(0.999) == pytest.approx(math.sqrt(3 * 0.001), rel=0.01)
    with pytest.raises(ValueError, match="temperature"):
        hc.mean_field_overlap(-1)


def test_mean_field_free_energy_minimum_is_the_overlap():
    m = np.linspace(0, 1, 20001)
    for T in (0.3, 0.7, 0.95):
        f = hc.mean_field_free_energy(m, T)
        assert m[np.argmin(f)] == pytest.approx(hc.mean_field_overlap(T), abs=2e-4)
    f = hc.mean_field_free_energy(m, 1.3)
    assert np.argmin(f) == 0
    assert hc.mean_field_free_energy(0.5, 0.0) == pytest.approx(0.125 - 0.5)
    assert np.isfinite(hc.mean_field_free_energy(1.0, 1e-4))


# ---------------------------------------------------------------- mixtures
def test_mixture_temperatures_match_seed002():
    # seed 002 quotes T_3 = 0.461, T_5 = 0.385, T_7 = 0.345 (Amit, Gutfreund, Sompolinsky 1985)
    for n, quoted in [(3, 0.461), (5, 0.385), (7, 0.345)]:
        assert hc.mixture_critical_temperature(n) == pytest.approx(quoted, abs=0.003)
    assert hc.mixture_critical_temperature(1) == 1.0
    for n in (2, 4, 6):
        assert hc.mixture_critical_temperature(n) == 0.0
    assert hc.mixture_critical_temperature(3) > hc.mixture_critical_temperature(5) > hc.mixture_critical_temperature(7)


def test_mixture_overlap_and_stability():
    assert hc.mixture_overlap(3, 0.0) == pytest.approx(0.5)
    assert hc.mixture_overlap(5, 0.0) == pytest.approx(6 / 16 * 2 * 5 / 5 / 5 + 0.0, rel=1e-12) or True
    # <|z|>/n for n = 5: (5*2 + 3*10 + 1*20) / 32 / 5 = 0.375
    assert hc.mixture_overlap(5, 0.0) == pytest.approx(0.375)
    for n, T in [(3, 0.3), (5, 0.2)]:
        m = hc.mixture_overlap(n, T)
        k = np.arange(n + 1)
        z, w = n - 2 * k, special.comb(n, k) / 2 ** n
        assert m == pytest.approx(np.sum(w * z * np.tanh(m * z / T)) / n, abs=1e-12)
    assert hc.mixture_stability(3, 0.3) > 0 > hc.mixture_stability(3, 0.5)
    assert hc.mixture_stability(2, 0.3) < 0
    assert hc.mixture_stability(4, 0.0) == -math.inf
    with pytest.raises(ValueError, match="n"):
        hc.mixture_critical_temperature(0)
    with pytest.raises(ValueError, match="temperature"):
        hc.mixture_stability(3, 1.2)


# ---------------------------------------------------------------- extensive loading
def test_critical_load_and_retrieval_overlap():
    ac = hc.critical_load()
    assert ac == pytest.approx(0.138, abs=0.0005)
    m_c = hc.retrieval_overlap(ac * (1 - 1e-9))
    # seed 002: "the error is about 1.5% at alpha_c": (1 - m) / 2
    assert (1 - m_c) / 2 == pytest.approx(0.015, abs=0.002)
    assert hc.retrieval_overlap(ac * 1.01) == 0.0
    a = np.linspace(0.03, 0.13, 11)
    m = hc.retrieval_overlap(a)
    assert np.all(np.diff(m) < 0) and np.all(m > 0.96)
    # the overlap satisfies the RS equation y (sqrt(2a) + 2/sqrt(pi) exp(-y^2)) = erf(y), m = erf(y)
    y = special.erfinv(m)
    np.testing.assert_allclose(y * (np.sqrt(2 * a) + 2 / np.sqrt(np.pi) * np.exp(-y ** 2)), m, atol=1e-10)
    assert hc.retrieval_overlap(0.0) == 1.0


def test_finite_temperature_boundary():
    assert hc.critical_load(0.1) < hc.critical_load(0.0)
    loads = [hc.critical_load(T) for T in (0.2, 0.5, 0.8)]
    assert loads[0] > loads[1] > loads[2] > 0
    assert hc.critical_load(1.0) == 0.0
    # alpha -> 0 limit of the finite-T equations is m = tanh(m/T)
    assert hc.retrieval_overlap(1e-9, 0.6) == pytest.approx(hc.mean_field_overlap(0.6), abs=1e-4)
    assert hc.retrieval_overlap(0.0, 0.6) == pytest.approx(hc.mean_field_overlap(0.6))
    # the T > 0 equations approach the T = 0 ones
    assert hc.retrieval_overlap(0.08, 0.02) == pytest.approx(hc.retrieval_overlap(0.08), abs=1e-3)
    np.testing.assert_allclose(hc.spin_glass_temperature([0, 0.25]), [1.0, 1.5])


# ---------------------------------------------------------------- crosstalk and errors (simulation)
def _crosstalk_loops(X):
    p, n = X.shape
    C = np.zeros((p, n))
    for mu in range(p):
        for i in range(n):
            acc = 0
            for j in range(n):
                if j == i:
                    continue
                for nu in range(p):
                    if nu != mu:
                        acc += X[nu, i] * X[nu, j] * X[mu, j]
            C[mu, i] = -X[mu, i] * acc / n
    return C


def test_crosstalk_matches_definition_and_dynamics():
    X = hc.random_patterns(5, 17, rng=3)
    C = hc.crosstalk(X)
    np.testing.assert_allclose(C, _crosstalk_loops(X), atol=1e-12)
    # a bit flips in one update exactly when C > (N-1)/N (no ties for odd (p-1)(N-1)... checked directly)
    W = hc.hebbian_weights(X, normalize="N")
    H = X @ W
    np.testing.assert_allclose(H * X, (16 / 17) - C, atol=1e-12)
    assert hc.one_step_errors(X) == pytest.approx(np.mean(np.where(X @ hc.hebbian_weights(X) >= 0, 1, -1) != X))
    np.testing.assert_array_equal(hc.crosstalk(X[:1]), 0)


def test_crosstalk_is_gaussian_with_variance_alpha():
    X = hc.random_patterns(100, 1000, rng=4)
    C = hc.crosstalk(X)
    assert abs(C.mean()) < 0.005
    assert C.var() == pytest.approx(0.1, rel=0.03)


@pytest.mark.parametrize("p_error", [0.0036, 0.01, 0.05])
def test_seed002_error_table_reproduced_by_simulation(p_error):
    """Measured one-step error at N = 1000 within 10% of 1/2 erfc(sqrt(N/2p)) at the table's loads."""
    n = 1000
    p = int(round(hc.load_for_error(p_error) * n))
    rng = np.random.default_rng(int(p_error * 1e4))
    errors = [hc.one_step_errors(hc.random_patterns(p, n, rng)) for _ in range(6)]
    assert np.mean(errors) == pytest.approx(hc.error_probability(p / n), rel=0.10)


# ---------------------------------------------------------------- retrieval kernel
def test_retrieval_kernel_matches_twin():
    for n, p, seed in [(60, 6, 1), (80, 20, 2), (50, 15, 3)]:
        a = cap.retrieval_trial(n, p, seed, 40)
        b = cap.retrieval_trial_numpy(n, p, seed, 40)
        assert tuple(int(x) for x in a) == b


def test_retrieval_trial_is_the_hebbian_dynamics():
    # the kernel's memories are splitmix64_patterns; at low load memory 1 is a fixed point
    X = cap.splitmix64_patterns(300, 10, 77)
    assert X.shape == (10, 300) and set(np.unique(X)) == {-1, 1}
    m, sweeps = cap.retrieval_trial(300, 10, 77, 50)
    assert (m, sweeps) == (300, 1)
    stable = np.array_equal(hc.sync_step(X[0], hc.hebbian_weights(X)), X[0])
    assert stable


def test_retrieval_curve_against_theory():
    r = hc.retrieval_curve(1000, [0.05, 0.1, 0.25], 6, rng=3)
    assert r["overlaps"].shape == (3, 6) and r["sweeps"].shape == (3, 6)
    m = r["overlaps"].mean(axis=1)
    assert m[0] > 0.99 and m[1] > 0.98
    assert abs(m[1] - hc.retrieval_overlap(0.1)) < 0.01
    assert m[2] < 0.6  # far above alpha_c the memory is lost
    again = hc.retrieval_curve(1000, [0.05, 0.1, 0.25], 6, rng=3, threads=1)
    np.testing.assert_array_equal(r["overlaps"], again["overlaps"])  # threads do not change results


def test_retrieval_curve_bad_input():
    with pytest.raises(ValueError, match="n"):
        hc.retrieval_curve(1, [0.1], 2)
    with pytest.raises(ValueError, match="alphas"):
        hc.retrieval_curve(100, [0.0], 2)
    with pytest.raises(ValueError, match="trials"):
        hc.retrieval_curve(100, [0.1], 0)
    with pytest.raises(ValueError, match="threads"):
        hc.retrieval_curve(100, [0.1], 2, threads=3)


# ---------------------------------------------------------------- demo and checks
def test_capacity_demo_compute_and_widget():
    d = hc.capacity_step(500, 0.2, trials=4, seed=1)
    assert d["p"] == 100 and d["crosstalk"].shape == (50000,)
    assert d["error_measured"] == pytest.approx(d["error_theory"], rel=0.2)
    import matplotlib
    matplotlib.use("Agg")
    box = hc.capacity_explorer(n=250, trials=2)
    assert "hc-demo" in box._dom_classes
    with pytest.raises(ValueError, match="n"):
        hc.capacity_explorer(n=300)
    with pytest.raises(ValueError, match="alpha"):
        hc.capacity_step(500, 0.0)


def test_ch08_checks():
    from scipy.optimize import brentq

    def rs(alpha):
        F = lambda y: special.erf(y) / y - 2 / np.sqrt(np.pi) * np.exp(-y * y)  # noqa: E731
        ys = np.linspace(0.05, 6, 2000)
        k = int(np.argmax(F(ys)))
        if F(ys[k]) <= np.sqrt(2 * alpha):
            return 0.0
        y = brentq(lambda v: F(v) - np.sqrt(2 * alpha), ys[k], 50.0, xtol=1e-14)
        return float(special.erf(y))

    assert ch08.check_crosstalk(_crosstalk_loops)
    assert ch08.check_error_rate(hc.one_step_errors)
    assert ch08.check_rs_overlap(rs)
    assert ch08.check_storkey(hc.storkey_weights)
    r = ch08.check_crosstalk(lambda X: -X * ((X.T @ X @ X.T).T - X) / X.shape[1])
    assert not r and r.status == "wrong" and "no other memory" in r.message
    r = ch08.check_crosstalk(lambda X: hc.crosstalk(X) * X.shape[1] / (X.shape[1] - 1))
    assert not r and "leave one term out" in r.message
    r = ch08.check_error_rate(lambda X: 0.0)
    assert not r and r.status == "wrong"
    r = ch08.check_rs_overlap(lambda a: 1.0)
    assert not r and "LARGEST root" in r.message
    r = ch08.check_storkey(lambda X: hc.hebbian_weights(X, normalize="N"))
    assert not r and "h_ij" in r.message

    def blank(X):
        raise NotImplementedError

    assert ch08.check_storkey(blank).status == "not done"


def test_capacity_explorer_answers_every_control():
    import ipywidgets as w
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    before = len(plt.get_fignums())
    box = hc.capacity_explorer(n=250, alpha=0.1, trials=2)
    found, todo = [], [box]
    while todo:
        c = todo.pop()
        found.append(c)
        todo.extend(getattr(c, "children", ()))
    slider = next(c for c in found if isinstance(c, w.FloatSlider))
    dropdown = next(c for c in found if isinstance(c, w.Dropdown))
    seed = next(c for c in found if isinstance(c, w.IntSlider))
    slider.value = 0.2
    dropdown.value = 500
    seed.value = 2
    assert len(plt.get_fignums()) == before
