"""Tests of hopfield_course.graded (graded-response networks, chapter 06) and its demos' compute functions."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import hopfield_course as hc
from hopfield_course.graded import euler_kernel, euler_kernel_numpy, rk4_kernel, rk4_kernel_numpy
from hopfield_course.demos.graded import graded_recall_data, phase_portrait_data

CROSS = hc.cross_x_square()["cross"].ravel()
W_CROSS = hc.hebbian_weights(CROSS[None, :])
W2 = np.array([[0.0, 1.0], [1.0, 0.0]])


def random_symmetric(n, rng, scale=1.0):
    a = rng.normal(scale=scale, size=(n, n))
    w = (a + a.T) / 2
    np.fill_diagonal(w, 0)
    return w


# --------------------------------------------------------------------------- model
def test_graded_response_limits_and_gain():
    u = np.array([-50.0, -0.1, 0.0, 0.1, 50.0])
    v = hc.graded_response(u, gain=2.0)
    np.testing.assert_allclose(v, np.tanh(2 * u))
    assert v[0] == -1.0 and v[-1] == 1.0 and v[2] == 0.0


def test_rhs_matches_equation_9_with_all_constants():
    rng = np.random.default_rng(0)
    W = random_symmetric(4, rng)
    u = rng.normal(size=4)
    I = rng.normal(size=4)
    R = rng.uniform(0.5, 2, 4)
    C = rng.uniform(0.5, 2, 4)
    expected = (W @ np.tanh(3 * u) - u / R + I) / C
    np.testing.assert_allclose(hc.continuous_rhs(u, W, currents=I, resistances=R, capacitances=C, gain=3), expected, rtol=1e-12)
    grid = np.stack([u, u + 1])
    np.testing.assert_allclose(hc.continuous_rhs(grid, W, currents=I, resistances=R, capacitances=C, gain=3)[1],
                               (W @ np.tanh(3 * (u + 1)) - (u + 1) / R + I) / C, rtol=1e-12)


def test_energy_gradient_is_minus_rhs():
    # dE/dv_i = -(W v - u/R + I)_i = -C_i du_i/dt; check by finite differences in v
    rng = np.random.default_rng(1)
    W = random_symmetric(3, rng)
    I = rng.normal(size=3)
    R = np.array([1.0, 0.5, 2.0])
    gain = 1.7
    v = np.array([0.3, -0.5, 0.8])
    u = np.arctanh(v) / gain
    h = 1e-6
    kw = dict(currents=I, resistances=R, gain=gain)
    grad = np.array([(hc.energy_from_v(v + h * e, W, **kw) - hc.energy_from_v(v - h * e, W, **kw)) / (2 * h)
                     for e in np.eye(3)])
    np.testing.assert_allclose(grad, -hc.continuous_rhs(u, W, currents=I, resistances=R, gain=gain), rtol=1e-6, atol=1e-8)


def test_energy_from_u_and_from_v_agree_and_large_u_is_finite():
    rng = np.random.default_rng(2)
    W = random_symmetric(5, rng)
    u = rng.normal(size=5)
    v = np.tanh(2.0 * u)
    kw = dict(currents=0.3, resistances=1.5, gain=2.0)
    assert hc.continuous_energy(u, W, **kw) == pytest.approx(hc.energy_from_v(v, W, **kw), rel=1e-10)
    big = np.array([40.0, -40.0, 30.0, 25.0, -60.0])
    e = hc.continuous_energy(big, W)
    assert np.isfinite(e)
    # at saturation, the integral term tends to (|u| - log cosh u) -> log 2 per neuron
    s = np.sign(big)
    assert e == pytest.approx(-0.5 * s @ W @ s + 5 * np.log(2), abs=1e-9)


def test_oxford_figure7_cross_retrieved_with_dt_008():
    start = hc.flip(CROSS, 8, rng=0)
    res = hc.integrate(0.1 * start, W_CROSS, dt=0.08, steps=100, currents=1.0)
    assert np.array_equal(np.where(res.final >= 0, 1, -1), CROSS)
    assert np.abs(res.final).min() > 0.999
    assert np.all(np.diff(res.energies) <= 1e-9)
    assert res.u.shape == (101, 25) and res.t[-1] == pytest.approx(8.0)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 6), gain=st.floats(0.2, 5.0))
def test_energy_never_rises_for_small_steps(seed, n, gain):
    rng = np.random.default_rng(seed)
    W = random_symmetric(n, rng, scale=2.0)
    I = rng.normal(size=n)
    dt = 0.2 / (1 + gain * np.abs(W).sum(1).max())  # well inside Euler's descent regime
    res = hc.integrate(rng.normal(size=n), W, dt=dt, steps=200, currents=I, gain=gain)
    assert np.all(np.diff(res.energies) <= 1e-9 * (1 + np.abs(res.energies[:-1])))


def test_euler_too_large_step_breaks_descent():
    start = hc.flip(CROSS, 8, rng=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        res = hc.integrate(0.1 * start, W_CROSS, dt=2.5, steps=12, currents=1.0)
    assert np.any(np.diff(res.energies) > 1.0)


def test_kernel_and_numpy_twin_agree():
    rng = np.random.default_rng(3)
    W = random_symmetric(7, rng)
    args = (np.ones(7), rng.uniform(0.5, 2, 7), rng.uniform(0.5, 2, 7), 1.3, 0.05, 60, 3)
    u0 = rng.normal(size=7)
    out_a, out_b = np.empty((21, 7)), np.empty((21, 7))
    ua, ub = u0.copy(), u0.copy()
    euler_kernel(ua, W, *args, out_a)
    euler_kernel_numpy(ub, W, *args, out_b)
    np.testing.assert_allclose(out_a, out_b, rtol=1e-12, atol=1e-13)
    for method in ("euler", "rk4"):
        r1 = hc.integrate(u0, W, method=method, dt=0.05, steps=60, engine="numba")
        r2 = hc.integrate(u0, W, method=method, dt=0.05, steps=60, engine="numpy")
        np.testing.assert_allclose(r1.u, r2.u, rtol=1e-12, atol=1e-13)
    out_a, out_b = np.empty((21, 7)), np.empty((21, 7))
    ua, ub = u0.copy(), u0.copy()
    rk4_kernel(ua, W, *args, out_a)
    rk4_kernel_numpy(ub, W, *args, out_b)
    np.testing.assert_allclose(out_a, out_b, rtol=1e-12, atol=1e-13)


def test_rk4_is_fourth_order_and_ivp_uses_the_same_times():
    W = np.array([[0, 1, -0.5], [1, 0, 0.3], [-0.5, 0.3, 0]])
    u0 = np.array([0.2, -0.1, 0.05])
    ref = hc.integrate(u0, W, method="ivp", dt=0.1, t_max=2.0, gain=2.0, rtol=1e-12, atol=1e-13)
    assert ref.t.shape == (21,) and ref.t[-1] == pytest.approx(2.0)
    errs = [np.abs(hc.integrate(u0, W, method="rk4", dt=dt, t_max=2.0, gain=2.0).u[-1] - ref.u[-1]).max()
            for dt in (0.1, 0.05)]
    assert 10 < errs[0] / errs[1] < 24  # 2^4 = 16


def test_record_every_and_t_max():
    r = hc.integrate([0.1, 0.2], W2, dt=0.1, t_max=3.0, record_every=5)
    assert r.u.shape == (7, 2) and r.t[-1] == pytest.approx(3.0) and r.dt == 0.1
    full = hc.integrate([0.1, 0.2], W2, dt=0.1, steps=30)
    np.testing.assert_array_equal(r.u, full.u[::5])


def test_divergence_warns_and_overflow_raises():
    start = 0.1 * hc.flip(CROSS, 8, rng=0)
    with pytest.warns(RuntimeWarning, match="dt = 2.5 is too large"):
        hc.integrate(start, W_CROSS, dt=2.5, steps=40, currents=1.0)
    with pytest.raises(FloatingPointError, match="overflowed"):
        hc.integrate(start, W_CROSS, dt=5.0, steps=2000, currents=1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        hc.integrate(start, W_CROSS, dt=0.08, steps=100, currents=1.0)  # the stable step says nothing


def test_asymmetric_weights_give_nan_energies_and_rhs_is_the_slides_vector_field():
    T = hc.two_neuron_couplings(1.5, 1.0)
    u = np.array([[0.3, -0.2], [1.0, 2.0]])
    np.testing.assert_allclose(hc.continuous_rhs(u, T, gain=1.3), np.tanh(1.3 * u) @ T.T - u, rtol=1e-14)
    assert np.all(np.isnan(hc.integrate([0.3, 0.0], T, steps=5).energies))


def test_energy_is_finite_where_the_naive_form_overflows():
    T = np.array([[1.5, 0.0], [0.0, 1.5]])
    e = hc.continuous_energy(np.array([800.0, -800.0]), T)
    assert np.isfinite(e)
    assert e == pytest.approx(-1.5 + 2 * (800 - (800 - np.log(2))), rel=1e-12)


def test_integral_term_vanishes_like_one_over_gain():
    W = np.zeros((1, 1))
    for gain in (1.0, 10.0, 100.0):
        e = float(hc.continuous_energy(np.array([5.0]), W, gain=gain))  # saturated neuron: only the integral
        assert 0 < e <= np.log(2) / gain + 1e-15


def test_euler_converges_to_solve_ivp_at_first_order():
    start = hc.flip(CROSS, 8, rng=0)
    ref = hc.integrate(0.1 * start, W_CROSS, method="ivp", dt=1.6, t_max=1.6, currents=1.0)
    errs = [np.abs(hc.integrate(0.1 * start, W_CROSS, dt=dt, t_max=1.6, currents=1.0).u[-1]
                   - ref.u[-1]).max() for dt in (0.08, 0.04, 0.02)]
    assert errs[0] > errs[1] > errs[2]
    assert 1.6 < errs[0] / errs[1] < 2.4 and 1.6 < errs[1] / errs[2] < 2.4


def test_ivp_energy_decreases():
    res = hc.integrate([0.2, -0.1, 0.05], np.array([[0, 1, -0.5], [1, 0, 0.3], [-0.5, 0.3, 0]]),
                       method="ivp", dt=0.05, t_max=5.0, gain=3.0)
    assert np.all(np.diff(res.energies) <= 1e-7)


# --------------------------------------------------------------------------- fixed points
def test_two_neuron_fixed_points_and_high_gain_limit():
    assert hc.fixed_points(W2, gain=0.5).shape == (1, 2)
    for gain in (2.0, 20.0):
        pts = hc.fixed_points(W2, gain=gain)
        assert pts.shape == (3, 2)
        kinds = [hc.classify_fixed_point(p, W2, gain=gain) for p in pts]
        assert kinds == ["sink", "saddle", "sink"]
        vstar = np.tanh(gain * pts[-1, 0])
        assert vstar == pytest.approx(np.tanh(gain * vstar), abs=1e-10)  # v* = tanh(gain v*)
    assert np.tanh(20 * hc.fixed_points(W2, gain=20.0)[-1]).min() > 0.9999
    for p in hc.fixed_points(W2, gain=3.0):
        np.testing.assert_allclose(hc.continuous_rhs(p, W2, gain=3.0), 0, atol=1e-9)


def test_fixed_points_three_neurons_with_current():
    W = np.array([[0, 1, -0.5], [1, 0, 0.8], [-0.5, 0.8, 0]])
    pts = hc.fixed_points(W, currents=[0.1, 0, -0.2], gain=3.0)
    assert len(pts) >= 2
    for p in pts:
        np.testing.assert_allclose(hc.continuous_rhs(p, W, currents=[0.1, 0, -0.2], gain=3.0), 0, atol=1e-8)


def test_classification_kinds():
    assert hc.classify_fixed_point([0, 0], np.diag([3.0, 3.0]), gain=1) == "source"
    assert hc.classify_fixed_point([0, 0], np.array([[0, 2.0], [-2.0, 0]])) == "sink"  # spiral sink
    assert hc.classify_fixed_point([0, 0], W2, gain=1.0) == "degenerate"
    J = hc.jacobian([0.2, -0.1], W2, gain=2.0)
    h = 1e-6
    num = np.column_stack([(hc.continuous_rhs(np.array([0.2, -0.1]) + h * e, W2, gain=2.0)
                            - hc.continuous_rhs(np.array([0.2, -0.1]) - h * e, W2, gain=2.0)) / (2 * h)
                           for e in np.eye(2)])
    np.testing.assert_allclose(J, num, rtol=1e-6, atol=1e-8)


# --------------------------------------------------------------------------- Krotov
def test_krotov_couplings_are_the_hessian_and_rhs_is_minus_gradient():
    rng = np.random.default_rng(4)
    X = hc.random_patterns(3, 6, rng=rng)
    v = np.tanh(rng.normal(size=6))
    for n in (2, 3, 4):
        T = hc.krotov_couplings(v, X, power=n)
        assert np.allclose(T, T.T)
        h = 1e-4
        phi = lambda x, n=n: hc.krotov_lagrangian(x, X, power=n)  # noqa: E731
        E = np.eye(6) * h
        num = np.array([[(phi(v + E[i] + E[j]) - phi(v + E[i] - E[j]) - phi(v - E[i] + E[j]) + phi(v - E[i] - E[j]))
                         / (4 * h * h) for j in range(6)] for i in range(6)])
        np.testing.assert_allclose(T, num, rtol=1e-5, atol=1e-5)
        # du/dt = T(V) V - u equals -dE/dV
        u = np.arctanh(v)
        gradE = np.array([(hc.krotov_energy(np.arctanh(v + 1e-6 * e), X, power=n)
                           - hc.krotov_energy(np.arctanh(v - 1e-6 * e), X, power=n))
                          / 2e-6 for e in np.eye(6)])
        np.testing.assert_allclose(hc.krotov_rhs(u, X, power=n), -gradE, rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(hc.krotov_rhs(u, X, power=n), T @ v - u, rtol=1e-10, atol=1e-12)


def test_krotov_energy_decreases_and_n3_retrieves_x():
    X = np.array([m.ravel() for m in hc.cross_x_square().values()])
    start = hc.flip(X[1], 7, rng=3)
    res = hc.integrate_krotov(0.05 * start, X, power=3, dt=0.01, steps=200)
    assert np.all(np.diff(res.energies) <= 1e-9)
    assert np.array_equal(np.where(res.u[-1] >= 0, 1, -1), X[1])


def test_limit_cycle_period_of_the_rotation_couplings():
    T = hc.two_neuron_couplings(1.5, 1.0)
    run = hc.integrate([0.3, 0.05], T, method="rk4", dt=0.02, t_max=200.0)
    c = hc.limit_cycle_period(run.t, run.u)
    assert c.periodic and c.period == pytest.approx(9.88, abs=0.02) and c.crossings >= 8
    sink = hc.integrate([0.3, 0.05], hc.two_neuron_couplings(1.5, 0.0), method="rk4", dt=0.02, t_max=60.0)
    c = hc.limit_cycle_period(sink.t, sink.u)
    assert c.period is None and not c.periodic


# --------------------------------------------------------------------------- bad input
W2L = [[0, 1], [1, 0]]
U2 = [0.1, 0.2]
_t = np.linspace(0, 1, 11)
_u = np.zeros((11, 2))
BAD = [
    # integrate
    (lambda: hc.integrate([0.1, 0.2], np.eye(3)), "u0"),
    (lambda: hc.integrate(U2, W2L, dt=-1), "dt"),
    (lambda: hc.integrate(U2, W2L, dt=0), "dt"),
    (lambda: hc.integrate(U2, W2L, dt="0.1"), "dt"),
    (lambda: hc.integrate(U2, W2L, dt=np.nan), "dt"),
    (lambda: hc.integrate(U2, W2L, steps=0), "steps"),
    (lambda: hc.integrate(U2, W2L, steps=2.5), "steps"),
    (lambda: hc.integrate(U2, W2L, steps=10 ** 9), "steps"),
    (lambda: hc.integrate(U2, W2L, t_max=-1.0), "t_max"),
    (lambda: hc.integrate(U2, W2L, t_max=1e9, dt=1e-3), "t_max"),
    (lambda: hc.integrate(U2, W2L, steps=10, t_max=1.0), "steps, t_max"),
    (lambda: hc.integrate(U2, W2L, steps=10, record_every=3), "record_every"),
    (lambda: hc.integrate(U2, W2L, record_every=0), "record_every"),
    (lambda: hc.integrate([0.1, np.nan], W2L), "u0"),
    (lambda: hc.integrate([[0.1, 0.2]], W2L), "u0"),
    (lambda: hc.integrate(U2, W2L, resistances=[1, -1]), "resistances"),
    (lambda: hc.integrate(U2, W2L, capacitances=0), "capacitances"),
    (lambda: hc.integrate(U2, W2L, currents=[1, 2, 3]), "currents"),
    (lambda: hc.integrate(U2, W2L, currents="1"), "currents"),
    (lambda: hc.integrate(U2, W2L, gain=0), "gain"),
    (lambda: hc.integrate(U2, W2L, gain=True), "gain"),
    (lambda: hc.integrate(U2, W2L, engine="c"), "engine"),
    (lambda: hc.integrate(U2, W2L, method="heun"), "method"),
    (lambda: hc.integrate(U2, W2L, method="ivp", rtol=0), "rtol"),
    (lambda: hc.integrate(U2, [[0, 1], [1, np.inf]]), "weights"),
    # model functions
    (lambda: hc.graded_response([0.1], gain=-1), "gain"),
    (lambda: hc.graded_response(["a"]), "u"),
    (lambda: hc.continuous_energy(U2, [[0, 1], [2, 0]]), "symmetric"),
    (lambda: hc.continuous_energy([0.1, 0.2, 0.3], W2L), "u"),
    (lambda: hc.energy_from_v([1.0, 0.2], W2L), "strictly"),
    (lambda: hc.continuous_rhs(U2, [[0, 1], [1]]), "numbers"),
    (lambda: hc.continuous_rhs(U2, W2L, resistances=0), "resistances"),
    (lambda: hc.jacobian([[0.1, 0.2]], W2L), "u"),
    (lambda: hc.jacobian(U2, W2L, gain="x"), "gain"),
    (lambda: hc.classify_fixed_point(U2, W2L, tol=-1), "tol"),
    (lambda: hc.fixed_points(np.zeros((5, 5))), "N <= 4"),
    (lambda: hc.fixed_points(np.zeros((4, 4)), starts=200), "starts"),
    (lambda: hc.fixed_points(W2L, starts=1), "starts"),
    (lambda: hc.fixed_points(W2L, starts=3.5), "starts"),
    # two neurons, limit cycles
    (lambda: hc.two_neuron_couplings("a", 1.0), "self_coupling"),
    (lambda: hc.two_neuron_couplings(1.0, np.nan), "rotation"),
    (lambda: hc.limit_cycle_period(_t, _u[:5]), "u"),
    (lambda: hc.limit_cycle_period(_t[::-1], _u), "increasing"),
    (lambda: hc.limit_cycle_period(_t, _u, discard=1.0), "discard"),
    (lambda: hc.limit_cycle_period(_t, _u, tol=0), "tol"),
    # Krotov
    (lambda: hc.krotov_couplings(U2, [[1, 0]], power=3), r"\+1 or -1"),
    (lambda: hc.krotov_couplings(U2, [[1, -1]], power=1), "power"),
    (lambda: hc.krotov_couplings([[0.1, 0.2]], [[1, -1]]), "v"),
    (lambda: hc.krotov_lagrangian([0.1], [[1, -1]]), "v"),
    (lambda: hc.krotov_rhs(U2, [[1, -1]], gain=0), "gain"),
    (lambda: hc.krotov_energy(U2, [[1, -1]], power="3"), "power"),
    (lambda: hc.integrate_krotov(U2, [[1, -1]], dt=0), "dt"),
    (lambda: hc.integrate_krotov(U2, [[1, -1]], steps=0), "steps"),
    # demo compute functions
    (lambda: phase_portrait_data(gain=0), "gain"),
    (lambda: phase_portrait_data(w12="1"), "w12"),
    (lambda: phase_portrait_data(resolution=1), "resolution"),
    (lambda: graded_recall_data(flips=30), "flips"),
    (lambda: graded_recall_data(rng="x"), "rng"),
]


@pytest.mark.parametrize("call, match", BAD)
def test_bad_input_names_the_argument(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


# --------------------------------------------------------------------------- demos' compute functions
def test_phase_portrait_data():
    d = phase_portrait_data(w12=1.0, gain=2.0)
    assert d["kinds"] == ["sink", "saddle", "sink"]
    assert d["E"].shape == d["V1"].shape and np.all(np.isfinite(d["E"]))
    d = phase_portrait_data(w12=1.0, w21=-1.0, gain=3.0)
    assert not d["symmetric"] and "E" not in d and d["kinds"] == ["sink"]
    d = phase_portrait_data(w12=0.3, gain=3.0, self_coupling=1.0)
    assert sorted(d["kinds"]) == ["saddle"] * 4 + ["sink"] * 4 + ["source"]
    assert len(d["paths"]) == 12


def test_graded_recall_data():
    d = graded_recall_data(dt=0.08)
    assert np.array_equal(np.sign(d["result"].final), d["cross"])


# --------------------------------------------------------------------------- exercise checks (chapter 06)
def test_chapter06_checks_accept_right_and_reject_wrong_answers():
    from hopfield_course.checks import (check_classify_fixed_point, check_euler_step, check_graded_energy,
                                        check_two_neuron_fixed_points)

    def good_step(u, weights, dt, currents=0.0, gain=1.0):
        return u + dt * (weights @ np.tanh(gain * u) - u + currents)

    def bad_step(u, weights, dt, currents=0.0, gain=1.0):  # forgets the gain
        return u + dt * (weights @ np.tanh(u) - u + currents)

    def unfinished(*args, **kwargs):
        raise NotImplementedError

    assert check_euler_step(good_step).passed
    r = check_euler_step(bad_step)
    assert r.status == "wrong" and "gain" in r.message
    assert check_euler_step(unfinished).status == "not done"

    def energy_with_plus_current(u, weights, currents=0.0, gain=1.0):
        x = gain * u
        v = np.tanh(x)
        return float(-0.5 * v @ weights @ v + np.sum(v * x - (np.logaddexp(x, -x) - np.log(2))) / gain
                     + np.sum(currents * v))

    r = check_graded_energy(energy_with_plus_current)
    assert r.status == "wrong" and "current" in r.message
    assert check_two_neuron_fixed_points(lambda w, gain: np.zeros((1, 2))).status == "wrong"
    assert check_classify_fixed_point(lambda u, W, g: "sink").status == "wrong"


# --------------------------------------------------------------------------- widgets build and answer every control
@pytest.mark.parametrize("make", [lambda: hc.phase_portrait_explorer(presenter=True), hc.graded_recall_explorer])
def test_chapter06_explorers_answer_every_control(make, widget_tree):
    import matplotlib

    matplotlib.use("Agg")
    import ipywidgets as w
    import matplotlib.pyplot as plt

    box = make()
    assert "hc-demo" in box._dom_classes
    before = len(plt.get_fignums())
    for c in widget_tree(box):
        if isinstance(c, (w.FloatSlider, w.FloatLogSlider, w.IntSlider)) and not c.disabled:
            c.value = c.max
            c.value = c.min
        elif isinstance(c, w.Checkbox):
            c.value = not c.value
    assert len(plt.get_fignums()) == before


# --------------------------------------------------------------------------- live figures (built once, updated in place)
PORTRAITS_WITH_ENERGY = [dict(w12=1.0, gain=2.0), dict(w12=0.3, gain=3.0, self_coupling=1.0),
                         dict(w12=1.0, w21=0.3, gain=2.5, current=0.4), dict(w12=2.0, gain=19.9, self_coupling=2.0,
                                                                             current=1.0),
                         dict(w12=1.0, gain=1.0), dict(w12=0.0, gain=0.5, current=-0.6)]
PORTRAITS_WITHOUT_ENERGY = [dict(w12=1.0, w21=-1.0, gain=3.0), dict(w12=0.5, w21=-1.5, gain=1.0),
                            dict(w12=-2.0, w21=2.0, gain=19.9, current=-1.0, self_coupling=2.0),
                            dict(w12=1.0, w21=0.0, gain=2.0)]


def _assert_portrait_shows(artists, data):
    """The artists of the phase portrait show ``data``: fixed points by kind, arrows, limits, contours, title."""
    kinds = list(data["kinds"])
    points = np.reshape(data["points"], (-1, 2))
    assert set(artists["points_u"]) == {"sink", "saddle", "source", "degenerate"}
    for kind, line in artists["points_u"].items():
        expected = points[[k == kind for k in kinds]] if kinds else points
        np.testing.assert_allclose(line.get_xydata().reshape(-1, 2), expected)
    ax_u = artists["field"].axes
    lim = np.abs(data["U1"]).max()
    np.testing.assert_allclose([*ax_u.get_xlim(), *ax_u.get_ylim()], [-lim, lim, -lim, lim])
    np.testing.assert_allclose(artists["field"].get_offsets(), np.column_stack([data["U1"].ravel(), data["U2"].ravel()]))
    F = data["F"].reshape(-1, 2)
    np.testing.assert_allclose(artists["field"].U, F[:, 0] / (np.hypot(F[:, 0], F[:, 1]) + 1e-12))
    assert len(artists["paths"]) == len(data["paths"])
    for line, path in zip(artists["paths"], data["paths"]):
        np.testing.assert_allclose(line.get_xydata(), path)
    assert [t.get_text() for t in ax_u.get_legend().get_texts()] == ["sink", "saddle", "source", "degenerate",
                                                                     "trajectory"]
    ax_v = artists["energy_axes"]
    if not data["symmetric"]:
        assert artists["colorbar"] is None and not ax_v.lines and "no energy function" in ax_v.texts[0].get_text()
        return
    for kind, line in artists["points_v"].items():
        expected = points[[k == kind for k in kinds]] if kinds else points
        np.testing.assert_allclose(line.get_xydata().reshape(-1, 2), np.tanh(data["gain"] * expected))
    levels = artists["contour"].levels
    assert levels[0] <= data["E"].min() and data["E"].max() <= levels[-1]
    np.testing.assert_allclose(sorted(artists["colorbar"].ax.get_ylim()), [levels[0], levels[-1]])
    assert artists["colorbar"].solids.get_array().size == len(levels) - 1  # one colour band per contour band
    np.testing.assert_allclose(artists["flow"].V, data["dV"][..., 1].ravel())
    scaled = not np.allclose(data["scale"], 1.0)
    assert ax_v.get_title() == ("symmetrised energy $E_D$ and flow dv/dt" if scaled else "energy and flow dv/dt")
    # the colorbar names the energy it shows: E (13) for symmetric W, E_D for a symmetrised one
    assert artists["colorbar"].ax.get_ylabel() == ("symmetrised energy $E_D$" if scaled else "energy E (13)")


@pytest.mark.parametrize("presenter", [False, True])
def test_phase_portrait_live_figure_updates_in_place_like_a_fresh_figure(live_twin, presenter, assert_fits):
    from hopfield_course.demos._skeleton import LiveFigure
    from hopfield_course.plotting import _build_phase_portrait, _update_phase_portrait, scale

    for cases, symmetric in ((PORTRAITS_WITH_ENERGY, True), (PORTRAITS_WITHOUT_ENERGY, False)):
        datas = [phase_portrait_data(**kw) for kw in cases]
        assert all(d["symmetric"] == symmetric for d in datas)
        for order in (datas, datas[::-1]):
            live = live_twin(_build_phase_portrait, _update_phase_portrait, order, key=symmetric,
                             figsize=scale((10, 4.6), presenter))
            assert len(live.figure.axes) == (3 if symmetric else 2)  # the colorbar only with an energy
        for d in datas:
            live.render(d, key=symmetric)
            _assert_portrait_shows(live.artists, d)
            assert_fits(live)  # the colorbar's label (E or E_D) included
            if symmetric:  # the flow's arrows are autoscaled for every data set, as in a fresh figure
                fresh = LiveFigure(_build_phase_portrait, _update_phase_portrait, figsize=(10, 4.6))
                fresh.render(d, key=symmetric)
                assert live.artists["flow"].scale == pytest.approx(fresh.artists["flow"].scale)


def test_plot_phase_portrait_is_the_live_figure_drawn_once():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from conftest import figure_signature
    from hopfield_course.demos._skeleton import LiveFigure
    from hopfield_course.plotting import _build_phase_portrait, _update_phase_portrait

    for kw in (PORTRAITS_WITH_ENERGY[1], PORTRAITS_WITHOUT_ENERGY[0]):
        d = phase_portrait_data(**kw)
        for presenter in (False, True):
            fig = hc.plot_phase_portrait(d, presenter=presenter)
            fig.canvas.draw()
            live = LiveFigure(_build_phase_portrait, _update_phase_portrait, figsize=fig.get_size_inches())
            live.render(d)
            assert figure_signature(fig) == figure_signature(live.figure)
            assert len(fig.axes) == (3 if d["symmetric"] else 2)
            legend = fig.axes[0].get_legend().get_window_extent()
            assert legend.y0 >= 0 and legend.x1 <= fig.bbox.x1  # the legend lies inside the figure
            plt.close(fig)
    with pytest.raises(TypeError, match="phase_portrait_data"):
        hc.plot_phase_portrait({"U1": 1})


def test_graded_recall_live_figure_updates_in_place_like_a_fresh_figure(live_twin):
    from hopfield_course.demos.graded import _build_recall, _draw_recall, _update_recall

    datas = [graded_recall_data(**kw) for kw in (dict(dt=0.08), dict(dt=1.5, flips=3), dict(dt=3.0, gain=10.0, flips=25),
                                                 dict(dt=0.5, gain=0.1, flips=0))]
    for frame in (0, 37, 100):
        live = live_twin(_build_recall, lambda a, d, frame=frame: _update_recall(a, d, frame), datas,
                         figsize=(10, 2.8))
        for d in datas:
            live.render(d)
            res, art = d["result"], live.artists
            assert art["images"][1].axes.get_title() == f"v at t={res.t[frame]:.2f}"
            np.testing.assert_array_equal(art["images"][1].get_array(), res.v[frame].reshape(5, 5))
            np.testing.assert_array_equal(art["images"][0].get_array(), d["start"].reshape(5, 5))
            np.testing.assert_allclose(art["energy_here"].get_xydata(), [[res.t[frame], res.energies[frame]]])
            np.testing.assert_allclose(art["overlap_here"].get_xydata()[0, 1], res.v[frame] @ d["cross"] / 25)
            np.testing.assert_allclose(art["energy_trace"].get_ydata(), res.energies)
    fig = _draw_recall(datas[0], 5, presenter=True)
    assert len(fig.axes) == 4 and fig.axes[1].get_title() == f"v at t={datas[0]['result'].t[5]:.2f}"


def test_phase_portrait_explorer_builds_its_figure_once_per_panel_structure():
    box = hc.phase_portrait_explorer()
    live = box.live
    c_gain, c_cur, c_self = box.children[0].children
    c_w12, c_w21, c_sym = box.children[1].children
    assert live.builds == 1 and len(live.figure.axes) == 3
    for c, values in ((c_gain, (c_gain.max, c_gain.min, 1.0, 3.0)), (c_cur, (1.0, -1.0, 0.3)),
                      (c_self, (2.0, -1.0, 1.0)), (c_w12, (-2.0, 0.0, 2.0, 0.3))):
        for v in values:
            c.value = v
    assert live.builds == 1  # every slider updates the figure in place (w21 follows w12: an energy exists)
    _assert_portrait_shows(live.artists, phase_portrait_data(w12=0.3, gain=3.0, current=0.3, self_coupling=1.0))
    c_sym.value = False
    c_w21.value = 1.0  # same signs: the symmetrised energy, same panels
    assert live.builds == 1 and live.artists["energy_axes"].get_title().startswith("symmetrised")
    c_w21.value = -1.0  # opposite signs: no energy, the contour panel goes
    assert live.builds == 2 and len(live.figure.axes) == 2
    c_w21.value = -0.5
    c_gain.value = 2.0
    assert live.builds == 2
    c_sym.value = True  # w21 = w12 again: the energy panel comes back
    assert live.builds == 3 and len(live.figure.axes) == 3


def test_graded_recall_explorer_builds_its_figure_once():
    box = hc.graded_recall_explorer()
    live = box.live
    c_dt, c_gain, c_flips = box.children[0].children
    play, c_frame = box.children[1].children
    for c, values in ((c_dt, (c_dt.max, c_dt.min, 1.5)), (c_gain, (c_gain.max, c_gain.min, 1.0)),
                      (c_flips, (0, 25, 8)), (c_frame, (100, 0, 40))):
        for v in values:
            c.value = v
    assert live.builds == 1
    res = graded_recall_data(dt=1.5, flips=8, gain=1.0)["result"]
    assert live.artists["images"][1].axes.get_title() == f"v at t={res.t[40]:.2f}"
    np.testing.assert_allclose(live.artists["energy_trace"].get_ydata(), res.energies)


# --------------------------------------------------------------------------- the u-window and one render per change
PORTRAIT_GRID = [dict(w12=a, w21=b, self_coupling=c, current=i, gain=g)
                 for a in (-2.0, 0.0, 2.0) for b in (-2.0, 0.0, 0.7, 2.0) for c in (-1.0, 0.0, 2.0)
                 for i in (-1.0, 0.3) for g in (0.5, 2.0, 19.9)]


def test_phase_portrait_window_holds_every_fixed_point():
    from hopfield_course.demos._skeleton import LiveFigure
    from hopfield_course.plotting import _build_phase_portrait, _update_phase_portrait

    # the reviewer's case: an asymmetric W whose sink (u1 = 4.3) lay outside a window set by the mean coupling
    d = phase_portrait_data(w12=2.0, w21=0.0, self_coupling=2.0, current=0.3)
    assert "sink" in d["kinds"] and np.abs(d["points"]).max() > 4.26
    lives = {}
    for kw in [dict(w12=2.0, w21=0.0, self_coupling=2.0, current=0.3)] + PORTRAIT_GRID:
        d = phase_portrait_data(**kw)
        key = (d["symmetric"], d["U1"].shape)
        live = lives.setdefault(key, LiveFigure(_build_phase_portrait, _update_phase_portrait, figsize=(10, 4.6)))
        live.draw(d, key=key)
        ax_u = live.artists["field"].axes
        (x0, x1), (y0, y1) = ax_u.get_xlim(), ax_u.get_ylim()
        margin = 0.05 * (x1 - x0)  # room for the marker (about 2% of the window) and more
        points = np.reshape(d["points"], (-1, 2))
        assert len(points) >= 1, kw
        assert np.all((points[:, 0] >= x0 + margin) & (points[:, 0] <= x1 - margin)
                      & (points[:, 1] >= y0 + margin) & (points[:, 1] <= y1 - margin)), (kw, points, x1)
        # every fixed point found is shown as a marker of its kind, inside that window
        shown = sum(len(line.get_xdata()) for line in live.artists["points_u"].values())
        assert shown == len(points), kw
        if d["symmetric"]:  # the v-plane shows the outputs' whole range, -1..1
            ax_v = live.artists["energy_axes"]
            assert ax_v.get_xlim() == (-1, 1) and ax_v.get_ylim() == (-1, 1)
            assert sum(len(line.get_xdata()) for line in live.artists["points_v"].values()) == len(points), kw


@pytest.mark.parametrize("presenter", [False, True])
def test_phase_portrait_explorer_renders_once_per_change(presenter, assert_fits, count_renders):
    box = hc.phase_portrait_explorer(presenter=presenter)
    live = box.live
    c_gain, c_cur, c_self = box.children[0].children
    c_w12, c_w21, c_sym = box.children[1].children
    calls = count_renders(live)
    changes = [(c_w12, 0.5), (c_w12, -1.2), (c_gain, 3.0), (c_cur, 0.3), (c_self, 1.0),  # w21 follows w12
               (c_sym, False), (c_w21, 0.4), (c_w12, 0.9), (c_sym, True),  # back to w21 = w12: one render
               (c_w12, 2.0)]
    for control, value in changes:
        before = len(calls)
        control.value = value
        assert len(calls) == before + 1, f"{control.description} = {value}: {len(calls) - before} renders"
        if c_sym.value:
            assert c_w21.value == c_w12.value and c_w21.disabled
        assert_fits(live)
    d = phase_portrait_data(w12=2.0, gain=3.0, current=0.3, self_coupling=1.0)
    _assert_portrait_shows(live.artists, d)  # the one render shows the final state (w21 = w12 = 2)
