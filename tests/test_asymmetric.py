"""Tests of hopfield_course.control: sequences, cycles, oscillators and the controlled model."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import hopfield_course as hc
from hopfield_course import control as asy
from hopfield_course.checks import check_controlled_cost, check_detect_cycle, check_sequence_weights


# ----------------------------------------------------------------------------- sequences and cycles
def test_sequence_weights_definition_and_replay():
    X = hc.random_patterns(5, 120, 0)
    W = hc.sequence_weights(X)
    ref = sum(np.outer(X[(m + 1) % 5], X[m]) for m in range(5)) / 120
    np.testing.assert_allclose(W, ref)
    res = hc.run(X[0], W, mode="sync", max_steps=30, symmetric=False)
    assert res.status == "cycle" and res.period == 5
    for t in range(6):
        assert np.array_equal(res.states[t], X[t % 5])
    open_w = hc.sequence_weights(X, cyclic=False, normalize=None)
    assert np.array_equal(open_w, sum(np.outer(X[m + 1], X[m]) for m in range(4)))


def test_find_cycle():
    a, b, c = np.array([1, 1]), np.array([1, -1]), np.array([-1, -1])
    assert hc.find_cycle([a, b, c, b, c]) == (1, 2)
    assert hc.find_cycle([a, a]) == (0, 1)
    assert hc.find_cycle([a, b, c]) is None


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_find_cycle_agrees_with_run(seed):
    rng = np.random.default_rng(seed)
    W = rng.normal(size=(8, 8))
    res = hc.run(rng.choice([-1, 1], size=8), W, mode="sync", max_steps=300, symmetric=False)
    found = hc.find_cycle(res.states)
    if res.status == "cycle":
        assert found is not None and found[1] == res.period
    elif res.status == "fixed_point":
        assert found is None  # run stops before recording the repeat
    # symmetric couplings: only periods 1 and 2 (Goles et al.)
    Ws = W + W.T
    np.fill_diagonal(Ws, 0)
    rs = hc.run(rng.choice([-1, 1], size=8), Ws, mode="sync", max_steps=300)
    assert rs.period in (1, 2)


# ----------------------------------------------------------------------------- continuous networks
def test_rk4_kernel_matches_twin():
    rng = np.random.default_rng(1)
    T = rng.normal(size=(4, 4))
    u0 = rng.normal(size=4)
    a, b = np.empty((101, 4)), np.empty((101, 4))
    asy.rk4_kernel(u0, T, 0.05, 100, 1.3, a)
    asy.rk4_kernel_numpy(u0, T, 0.05, 100, 1.3, b)
    np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)


def test_simulate_converges_to_equilibrium_with_small_error():
    T = np.array([[0.0, 2.0], [2.0, 0.0]])
    t, u = hc.simulate([0.3, 0.1], T, t_max=40, dt=0.05, gain=1.0)
    assert np.linalg.norm(hc.vector_field(u[-1], T)) < 1e-8
    # halving dt changes the endpoint by less than the RK4 error scale
    _, u2 = hc.simulate([0.3, 0.1], T, t_max=40, dt=0.025, gain=1.0)
    assert np.max(np.abs(u[-1] - u2[-1])) < 1e-6


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_energy_descends_for_symmetric_couplings(seed):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(5, 5))
    T = M + M.T
    t, u = hc.simulate(rng.normal(size=5), T, t_max=10, dt=0.01, gain=1.5)
    E = hc.graded_energy(u, T, 1.5)
    assert np.all(np.diff(E) <= 1e-9)


def test_asymmetric_oscillator_has_limit_cycle_and_energy_rises():
    T = hc.two_neuron_couplings(1.5, 1.0)
    t, u = hc.simulate([0.3, 0.0], T, t_max=80, dt=0.02)
    period, spread = hc.limit_cycle_period(t, u)
    assert period is not None and spread < 1e-2
    # the linearised frequency is b*gain = 1 -> period near 2 pi, lengthened by the saturation
    assert 5 < period < 12
    E = hc.graded_energy(u, 0.5 * (T + T.T))
    assert np.any(np.diff(E) > 1e-6)
    # symmetric version: no cycle
    t, u = hc.simulate([0.3, 0.0], hc.two_neuron_couplings(1.5, 0.0), t_max=80, dt=0.02)
    assert hc.limit_cycle_period(t, u)[0] is None


# ----------------------------------------------------------------------------- controlled model
def test_control_kernel_matches_twin_and_finite_differences():
    rng = np.random.default_rng(2)
    A = rng.normal(size=(3, 3))
    u0 = rng.normal(size=3)
    xi = 0.3 * rng.normal(size=(4, 3, 3))
    g1, g2 = np.empty_like(xi), np.empty_like(xi)
    J1 = asy.control_cost_kernel(u0, A, xi, 0.05, 5, 30, 1.3, 0.3, 0.4, g1)
    J2 = asy.control_cost_kernel_numpy(u0, A, xi, 0.05, 5, 30, 1.3, 0.3, 0.4, g2)
    assert np.isclose(J1, J2, rtol=1e-13)
    np.testing.assert_allclose(g1, g2, rtol=1e-11, atol=1e-14)
    eps = 1e-6
    for idx in [(0, 0, 0), (1, 2, 1), (3, 1, 2), (3, 0, 0)]:
        d = np.zeros_like(xi)
        d[idx] = eps
        fd = (hc.control_cost(u0, A, xi + d, 0.05, 5, 1.3, 0.3, 0.4, tail=0.5)[0]
              - hc.control_cost(u0, A, xi - d, 0.05, 5, 1.3, 0.3, 0.4, tail=0.5)[0]) / (2 * eps)
        assert abs(fd - g1[idx]) < 1e-7


def test_control_cost_by_hand():
    A = np.array([[0.0, 1.0], [-1.0, 0.0]])
    u = np.array([0.5, -0.2])
    xi = np.array([[0.1, 0.0], [0.0, -0.2]])
    J = 0.0
    for t in range(20):
        X = (A + xi) @ np.tanh(u) - u
        J += 0.1 * np.exp(-0.5 * t * 0.1) * (0.7 * X @ X + 0.3 * np.sum(xi ** 2))
        u = u + 0.1 * X
    assert np.isclose(hc.control_cost([0.5, -0.2], A, xi, dt=0.1, steps_per_segment=20, lam=0.5, mu=0.3)[0], J)


def test_control_bounds():
    A = np.array([[0.0, 1.0], [0.0, 2.0]])
    np.testing.assert_array_equal(hc.control_bounds(A, 1.0, 0.1), [[0.1, 1.0], [0.1, 1.0]])
    with pytest.raises(ValueError, match="small_k"):
        hc.control_bounds(A, 0.1, 1.0)


def _memory_net():
    from hopfield_course.demos.control import control_scenario
    return control_scenario


def test_recognised_and_recorded():
    scenario = _memory_net()
    A, noisy, gain = scenario("noisy memory")
    res = hc.solve_control(noisy, A, gain=gain, mu=0.5)
    out = hc.classify_outcome(res, A)
    assert out.label == "recognised" and out.control_norm < 0.1
    assert res.cost <= res.cost_uncontrolled
    bound = hc.control_bounds(A, 1.0, 0.05)
    assert np.all(np.abs(res.xi) <= bound + 1e-12)
    _, new, _ = scenario("new pattern")
    res = hc.solve_control(new, A, gain=gain, mu=0.02)
    out = hc.classify_outcome(res, A)
    assert out.label == "recorded"
    assert np.array_equal(np.sign(out.u_end), np.sign(new))
    assert res.cost < 0.5 * res.cost_uncontrolled


def test_limit_cycle_outcome_for_conservative_oscillator():
    scenario = _memory_net()
    A, u0, gain = scenario("oscillator")
    out = hc.classify_outcome(hc.solve_control(u0, A, gain=gain, mu=0.9), A)
    assert out.label == "limit cycle" and 5 < out.period < 12


def test_classify_wandering_for_chaotic_network():
    rng = np.random.default_rng(0)
    A = rng.normal(scale=3 / np.sqrt(30), size=(30, 30))
    res = hc.solve_control(rng.normal(size=30), A, mu=0.9, big_k=0.05, small_k=0.005, max_iter=60)
    assert hc.classify_outcome(res, A).label == "wandering"


def test_bad_input():
    A = np.eye(2)
    with pytest.raises(ValueError, match="mu: expected a Pareto weight"):
        hc.solve_control([0.1, 0.2], A, mu=1.5)
    with pytest.raises(ValueError, match="u0: expected shape"):
        hc.solve_control([0.1, 0.2, 0.3], A)
    with pytest.raises(ValueError, match="couplings: expected a square"):
        hc.simulate([0.1], np.ones((2, 3)))
    with pytest.raises(ValueError, match="gain"):
        hc.vector_field([0.0, 0.0], A, gain=-1)
    with pytest.raises(ValueError, match="xi: expected shape"):
        hc.control_cost([0.1, 0.2], A, np.zeros((3, 3)))
    with pytest.raises(ValueError, match="at least 2 memories"):
        hc.sequence_weights([[1, -1, 1]])
    with pytest.raises(ValueError, match=r"\+1 or -1"):
        hc.find_cycle([[0, 1]])


# ----------------------------------------------------------------------------- checks
def test_checks_accept_reference_and_reject_wrong_answers():
    assert check_sequence_weights(lambda X: hc.sequence_weights(X))
    transposed = check_sequence_weights(lambda X: hc.sequence_weights(X).T)
    assert not transposed and "np.outer" in transposed.message
    assert check_detect_cycle(hc.find_cycle)
    assert not check_detect_cycle(lambda s: (0, len(s) - 1))

    def ref(u0, A, xi, dt, steps, lam, mu, gain):
        return hc.control_cost(u0, A, xi, dt=dt, steps_per_segment=steps, lam=lam, mu=mu, gain=gain)[0]

    assert check_controlled_cost(ref)
    no_discount = check_controlled_cost(lambda u0, A, xi, dt, steps, lam, mu, gain: ref(u0, A, xi, dt, steps, 0.0, mu, gain))
    assert not no_discount and "exp(-lam" in no_discount.message


def test_widget_compute_steps_and_demos():
    from hopfield_course.demos import control as wm
    d = wm.oscillation_step(1.5, 1.0)
    assert d["u"].shape[1] == 2 and d["DU"].shape == (21, 21)
    A, res, out = wm.control_step("new pattern", 0.05)
    assert out.label == "recorded"
    from hopfield_course.demos.modern import modern_recall_step
    r = modern_recall_step(memories=20, n=8, beta=1.0, index=3)
    assert np.array_equal(np.where(r["continuous"] >= 0, 1, -1), r["target"])
    import matplotlib
    matplotlib.use("Agg")
    for demo in (hc.modern_recall_explorer, hc.oscillation_explorer, hc.control_explorer):
        box = demo()
        assert "hc-demo" in box._dom_classes
