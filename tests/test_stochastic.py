"""Tests of hopfield_course.stochastic, run(temperature=...), the chapter-05 demo and checks."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import hopfield_course as hc
from hopfield_course import stochastic as sto
from hopfield_course.checks import ch05


def _random_symmetric(n, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    J = rng.normal(size=(n, n)) * scale / np.sqrt(n)
    J = np.triu(J, 1)
    return J + J.T


# ---------------------------------------------------------------- probability and conversions
def test_glauber_probability_values():
    assert hc.glauber_probability(0.0, 1.0) == 0.5
    h = np.array([-1.0, 0.0, 0.5])
    np.testing.assert_allclose(hc.glauber_probability(h, 0.5), 1 / (1 + np.exp(-2 * h / 0.5)))
    np.testing.assert_array_equal(hc.glauber_probability(h, 0), [0.0, 1.0, 1.0])  # tie -> +1
    np.testing.assert_array_equal(hc.glauber_probability([-1e6, 1e6], 1e-3), [0.0, 1.0])


def test_glauber_probability_bad_input():
    with pytest.raises(ValueError, match="temperature"):
        hc.glauber_probability(0.0, -1)
    with pytest.raises(TypeError, match="temperature"):
        hc.glauber_probability(0.0, "hot")
    with pytest.raises(ValueError, match="field"):
        hc.glauber_probability([np.nan], 1.0)


def test_oxford_conversion():
    assert hc.oxford_beta_to_temperature(2.0) == 1.0
    assert hc.oxford_beta_to_temperature(0.1, n_neurons=25) == pytest.approx(0.8)
    # the report's rule 1/(1+exp(-beta h)) at beta equals ours at T = oxford_beta_to_temperature(beta)
    h = np.linspace(-3, 3, 7)
    for beta in (0.5, 2.0, 7.0):
        T = hc.oxford_beta_to_temperature(beta)
        np.testing.assert_allclose(1 / (1 + np.exp(-beta * h)), hc.glauber_probability(h, T))
    # its critical temperature 1/beta_c is half of ours: T_c = 1 here is beta_c = 2 there
    assert 1 / 2.0 == 0.5 * hc.oxford_beta_to_temperature(2.0)
    with pytest.raises(ValueError, match="beta"):
        hc.oxford_beta_to_temperature(0)
    with pytest.raises(ValueError, match="n_neurons"):
        hc.oxford_beta_to_temperature(1.0, n_neurons=0)


# ---------------------------------------------------------------- kernels against twins
@pytest.mark.parametrize("temperature", [0.0, 0.3, 1.5])
def test_glauber_kernel_matches_twin(temperature):
    rng = np.random.default_rng(1)
    n = 30
    W = _random_symmetric(n, 2)
    theta = rng.normal(size=n) * 0.1
    s0 = rng.choice([-1, 1], size=n).astype(np.int64)
    for _ in range(5):
        order = rng.permutation(n).astype(np.int64)
        u = rng.random(n)
        a, b = s0.copy(), s0.copy()
        ha, hb = W @ a.astype(float), W @ b.astype(float)
        fa = sto.glauber_kernel(a, W, theta, theta, order, u, temperature, ha)
        fb = sto.glauber_kernel_numpy(b, W, theta, theta, order, u, temperature, hb)
        assert fa == fb
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(ha, hb)  # bit for bit
        s0 = a


# (the W-free Hebbian Glauber kernel and its twin are tested in tests/test_hebbian.py)


# ---------------------------------------------------------------- the Boltzmann distribution
def _visited_distribution(W, T, sweeps, seed, burn=500):
    res = hc.run(np.ones(W.shape[0], dtype=int), W, mode="async", temperature=T, max_steps=sweeps, rng=seed)
    S = res.states[burn:]
    codes = ((S > 0) * (1 << np.arange(W.shape[0])[::-1])).sum(axis=1)  # same order as all_states
    return np.bincount(codes, minlength=2 ** W.shape[0]) / codes.size


def test_glauber_samples_boltzmann_distribution():
    """States visited by Glauber sweeps follow exp(-E/T)/Z (8 neurons, exact enumeration).

    The bound (total variation 0.05) is met by the correct rule with a wide margin, while the
    distributions at T/2 and 2T, which a wrong factor of 2 in the exponent would sample, lie
    more than 3 times the bound away.
    """
    W = _random_symmetric(8, 11, scale=1.5)
    T = 1.0
    p = hc.boltzmann_probabilities(W, temperature=T).probabilities
    p_half = hc.boltzmann_probabilities(W, temperature=T / 2).probabilities
    p_double = hc.boltzmann_probabilities(W, temperature=2 * T).probabilities
    bound = 0.05
    assert 0.5 * np.abs(p - p_half).sum() > 3 * bound
    assert 0.5 * np.abs(p - p_double).sum() > 3 * bound
    freq = _visited_distribution(W, T, 40000, seed=12)
    assert 0.5 * np.abs(freq - p).sum() < bound
    # and the test has teeth: sampling at 2T (a factor-2 bug) fails the same bound
    wrong = _visited_distribution(W, 2 * T, 20000, seed=13)
    assert 0.5 * np.abs(wrong - p).sum() > bound


def test_glauber_with_thresholds_samples_boltzmann():
    W = _random_symmetric(6, 21)
    theta = np.array([0.3, -0.2, 0.0, 0.5, -0.4, 0.1])
    T = 0.7
    p = hc.boltzmann_probabilities(W, temperature=T, thresholds=theta).probabilities
    res = hc.run(np.ones(6, dtype=int), W, mode="async", temperature=T, max_steps=30000, rng=5, thresholds=theta)
    codes = ((res.states[500:] > 0) * (1 << np.arange(6)[::-1])).sum(axis=1)
    freq = np.bincount(codes, minlength=64) / codes.size
    assert 0.5 * np.abs(freq - p).sum() < 0.04
    # with the threshold sign flipped (E = ... - theta.s, the Oxford report's eq. 3) the distribution differs
    p_wrong = hc.boltzmann_probabilities(W, temperature=T, thresholds=-theta).probabilities
    assert 0.5 * np.abs(freq - p_wrong).sum() > 0.1


def test_all_states_and_boltzmann_probabilities():
    S = hc.all_states(3)
    assert S.shape == (8, 3)
    assert len({tuple(r) for r in S}) == 8
    np.testing.assert_array_equal(S[0], [-1, -1, -1])  # binary counting, first neuron = high bit
    np.testing.assert_array_equal(S[1], [-1, -1, 1])
    np.testing.assert_array_equal(S[4], [1, -1, -1])
    W = np.array([[0, 1.0], [1.0, 0]])
    d = hc.boltzmann_probabilities(W, temperature=0.5)
    e = -0.5 * np.einsum("ki,ij,kj->k", d.states, W, d.states)
    np.testing.assert_allclose(d.probabilities, np.exp(-e / 0.5) / np.exp(-e / 0.5).sum())
    np.testing.assert_allclose(d.energies, e)
    assert hc.all_states(0).shape == (1, 0)
    with pytest.raises(ValueError, match="n_neurons"):
        hc.all_states(-1)
    with pytest.raises(ValueError, match="temperature"):
        hc.boltzmann_probabilities(W, temperature=0)
    with pytest.raises(ValueError, match="16"):
        hc.boltzmann_probabilities(np.zeros((17, 17)), temperature=1.0)


# ---------------------------------------------------------------- public sweep and run(temperature=)
def test_glauber_sweep_zero_temperature_is_deterministic_rule():
    rng = np.random.default_rng(6)
    X = rng.choice([-1, 1], size=(3, 40))
    W = hc.hebbian_weights(X, normalize="N")
    s = hc.flip(X[0], 6, rng=rng)
    out = hc.glauber_sweep(s, W, temperature=0.0, rng=7)
    ref = hc.async_sweep(s, W, rng=np.random.default_rng(7), order=np.random.default_rng(7).permutation(40))
    np.testing.assert_array_equal(out, ref)
    assert not np.shares_memory(out, s)


def test_glauber_sweep_high_temperature_is_a_coin():
    W = _random_symmetric(200, 8)
    out = np.array([hc.glauber_sweep(np.ones(200, dtype=int), W, temperature=1e6, rng=k) for k in range(20)])
    assert abs(out.mean()) < 0.03
    assert set(np.unique(out)) == {-1, 1}


def test_glauber_sweep_bad_input():
    W = _random_symmetric(4, 1)
    with pytest.raises(ValueError, match="state"):
        hc.glauber_sweep([1, 0, 1, 1], W, temperature=1.0)
    with pytest.raises(ValueError, match="temperature"):
        hc.glauber_sweep([1, 1, 1, 1], W, temperature=-0.5)
    with pytest.raises(ValueError, match="symmetric"):
        hc.glauber_sweep([1, 1, 1, 1], np.triu(np.ones((4, 4)), 1), temperature=1.0)
    with pytest.raises(ValueError, match="thresholds"):
        hc.glauber_sweep([1, 1, 1, 1], W, temperature=1.0, thresholds=[1, 2])


@pytest.mark.parametrize("temperature", [None, 0, 0.0])
def test_run_temperature_zero_keeps_behaviour(temperature):
    rng = np.random.default_rng(9)
    X = rng.choice([-1, 1], size=(3, 30))
    W = hc.hebbian_weights(X)
    s = hc.flip(X[0], 8, rng=rng)
    for mode in ("sync", "async"):
        a = hc.run(s, W, mode=mode, rng=3)
        b = hc.run(s, W, mode=mode, rng=3, temperature=temperature)
        assert a.status == b.status and a.steps == b.steps
        np.testing.assert_array_equal(a.states, b.states)


def test_run_stochastic_records_every_sweep():
    X = hc.random_patterns(2, 25, rng=1)
    W = hc.hebbian_weights(X, normalize="N")
    r = hc.run(X[0], W, mode="async", temperature=0.5, max_steps=40, rng=2)
    assert r.status == "max_steps" and r.period is None and r.steps == 40
    assert r.states.shape == (41, 25) and r.energies.shape == (41,)
    np.testing.assert_allclose(r.energies, [hc.energy(x, W) for x in r.states])
    again = hc.run(X[0], W, mode="async", temperature=0.5, max_steps=40, rng=2)
    np.testing.assert_array_equal(r.states, again.states)  # seeded, reproducible
    f = hc.run(X[0], W, mode="async", temperature=0.5, max_steps=5, rng=2, record="flip")
    assert np.all(np.abs(np.diff(f.states, axis=0)).sum(axis=1) == 2)  # one flip per record


def test_run_temperature_bad_input():
    W = hc.hebbian_weights(hc.random_patterns(1, 5, rng=0))
    with pytest.raises(ValueError, match="mode='async'"):
        hc.run(np.ones(5, dtype=int), W, temperature=0.5)
    with pytest.raises(ValueError, match="temperature"):
        hc.run(np.ones(5, dtype=int), W, mode="async", temperature=-1)
    with pytest.raises(ValueError, match="symmetric"):
        hc.run(np.ones(5, dtype=int), np.triu(np.ones((5, 5)), 1), mode="async", temperature=1, symmetric=False)


def test_mean_field_overlap_reproduced_by_simulation():
    """<|m|> of one stored memory at N = 2000 follows m = tanh(m/T) (theory computed, not typed)."""
    xi = hc.random_patterns(1, 2000, rng=1)
    for T in (0.5, 0.8):
        _, trace = hc.hebbian_glauber(xi[0], xi, np.full(120, T), rng=3)
        assert abs(np.abs(trace[20:, 0]).mean() - hc.mean_field_overlap(T)) < 0.01
    _, trace = hc.hebbian_glauber(xi[0], xi, np.full(120, 1.5), rng=3)
    assert np.abs(trace[20:, 0]).mean() < 0.06  # paramagnet: only finite-size fluctuations


def test_hebbian_glauber_bad_input():
    X = hc.random_patterns(2, 10, rng=0)
    with pytest.raises(ValueError, match="schedule"):
        hc.hebbian_glauber(X[0], X, [])
    with pytest.raises(ValueError, match="schedule"):
        hc.hebbian_glauber(X[0], X, [0.5, -1])
    with pytest.raises(ValueError, match="state"):
        hc.hebbian_glauber(X[0][:5], X, [0.5])


# ---------------------------------------------------------------- schedules and annealing
def test_schedules():
    g = hc.geometric_schedule(1.0, 0.01, sweeps=5)
    np.testing.assert_allclose(g, [1.0, 10 ** -0.5, 0.1, 10 ** -1.5, 0.01])
    np.testing.assert_allclose(hc.linear_schedule(1.0, 0.0, sweeps=3), [1.0, 0.5, 0.0])
    assert hc.geometric_schedule(2.0, 0.5, sweeps=1).tolist() == [0.5]
    with pytest.raises(ValueError, match="positive"):
        hc.geometric_schedule(1.0, 0.0, sweeps=5)
    with pytest.raises(ValueError, match="sweeps"):
        hc.linear_schedule(1.0, 0.0, sweeps=0)


@settings(max_examples=25, deadline=None)
@given(a=st.floats(0.01, 5), b=st.floats(0.01, 5), k=st.integers(2, 50))
def test_geometric_schedule_properties(a, b, k):
    g = hc.geometric_schedule(a, b, sweeps=k)
    assert g.shape == (k,)
    assert g[0] == pytest.approx(a) and g[-1] == pytest.approx(b)
    ratios = g[1:] / g[:-1]
    np.testing.assert_allclose(ratios, ratios[0])


def test_anneal_escapes_the_three_mixture():
    rng = np.random.default_rng(5)
    P = hc.random_patterns(3, 200, rng=rng)
    W = hc.hebbian_weights(P, normalize="N")
    mix = np.where(P.sum(axis=0) >= 0, 1, -1)
    assert hc.run(mix, W, mode="async", rng=0).status == "fixed_point"
    quench = [hc.anneal(mix, W, [0.05], rng=k) for k in range(5)]
    assert all(np.max(np.abs(hc.overlap(r.state, P))) < 0.9 for r in quench)  # stays a mixture
    slow = [hc.anneal(mix, W, hc.geometric_schedule(0.8, 0.05, sweeps=30), rng=k) for k in range(10)]
    assert all(np.max(np.abs(hc.overlap(r.state, P))) == 1.0 for r in slow)
    assert all(r.fixed_point for r in slow)


@pytest.mark.parametrize("weights_scale", [1, 2, 200])
def test_anneal_engines_and_normalisations_agree(weights_scale):
    X = hc.random_patterns(2, 30, rng=4)
    W = hc.hebbian_weights(X) if weights_scale == 1 else hc.hebbian_weights(X) / weights_scale
    start = hc.flip(X[0], 9, rng=2)
    a = hc.anneal(start, W, hc.geometric_schedule(0.9, 0.05, sweeps=12) * (30 if weights_scale == 1 else 1), rng=3)
    b = hc.anneal(start, W, hc.geometric_schedule(0.9, 0.05, sweeps=12) * (30 if weights_scale == 1 else 1), rng=3,
                  engine="numpy")
    assert np.array_equal(a.state, b.state) and np.array_equal(a.energies, b.energies) and a.fixed_point


def test_anneal_result_fields():
    X = hc.random_patterns(2, 30, rng=1)
    W = hc.hebbian_weights(X, normalize="N")
    r = hc.anneal(X[0], W, [0.5, 0.3, 0.1], rng=0, record=True)
    assert r.temperatures[:3].tolist() == [0.5, 0.3, 0.1]
    assert np.all(r.temperatures[3:] == 0)
    assert r.energies.shape == (r.temperatures.size + 1,) == (r.states.shape[0],)
    np.testing.assert_allclose(r.energies, [hc.energy(x, W) for x in r.states])
    assert r.fixed_point
    np.testing.assert_array_equal(r.states[-1], r.state)
    nq = hc.anneal(X[0], W, [2.0], rng=0, quench=False)
    assert nq.temperatures.tolist() == [2.0]
    assert "AnnealResult" in repr(r)
    with pytest.raises(ValueError, match="schedule"):
        hc.anneal(X[0], W, [[0.1, 0.2]])
    with pytest.raises(ValueError, match="max_quench"):
        hc.anneal(X[0], W, [0.1], max_quench=-1)


# ---------------------------------------------------------------- demo and checks
def test_thermal_recall_demo_compute_and_widget():
    d = hc.thermal_recall("cross X square", memory=1, flips=5, temperature=0.4, sweeps=30, rng=1)
    assert d["result"].states.shape == (31, 25)
    assert d["overlaps"].shape == (31, 3)
    d0 = hc.thermal_recall("cross X square", memory=1, flips=3, temperature=0.0, sweeps=30, rng=1)
    assert d0["result"].status == "fixed_point"
    assert np.all(np.diff(d0["result"].energies) <= 1e-12)
    with pytest.raises(ValueError, match="memory"):
        hc.thermal_recall(memory=7)
    import matplotlib
    matplotlib.use("Agg")
    box = hc.thermal_recall_explorer(presenter=True)
    assert "hc-demo" in box._dom_classes


def _reference_answers():
    from scipy.optimize import brentq

    def heat_bath_probability(h, T):
        return hc.glauber_probability(h, T)

    def glauber_update(state, weights, i, temperature, u):
        s = np.array(state).copy()
        p = hc.glauber_probability(float(np.asarray(weights)[i] @ s), temperature)
        s[i] = 1 if u < p else -1
        return s

    def boltzmann_distribution(states, weights, temperature):
        e = hc.energy(states, weights)
        w = np.exp(-(e - e.min()) / temperature)
        return w / w.sum()

    def solve_mean_field(T):
        if T == 0:
            return 1.0
        if T >= 1:
            return 0.0
        return brentq(lambda m: m - np.tanh(m / T), 1e-12, 1.0, xtol=1e-14)

    return heat_bath_probability, glauber_update, boltzmann_distribution, solve_mean_field


def test_checks_accept_correct_answers():
    hb, gu, bd, mf = _reference_answers()
    assert ch05.check_heat_bath_probability(hb)
    assert ch05.check_glauber_update(gu)
    assert ch05.check_boltzmann_distribution(bd)
    assert ch05.check_solve_mean_field(mf)


def test_checks_reject_wrong_answers_with_specific_messages():
    r = ch05.check_heat_bath_probability(lambda h, T: 1 / (1 + np.exp(-np.asarray(h) / T)))
    assert not r and "factor 2" in r.message
    r = ch05.check_glauber_update(lambda s, W, i, T, u: np.array(s))
    assert not r and r.status == "wrong" and "becomes +1" in r.message
    r = ch05.check_boltzmann_distribution(lambda S, W, T: np.exp(-hc.energy(S, W) / T))
    assert not r and "partition function" in r.message
    r = ch05.check_solve_mean_field(lambda T: 0.5)
    assert not r and "expected" in r.message


def test_checks_not_done_and_errors():
    def blank(*args):
        raise NotImplementedError("exercise")

    for check in (ch05.check_heat_bath_probability, ch05.check_glauber_update,
                  ch05.check_boltzmann_distribution, ch05.check_solve_mean_field):
        r = check(blank)
        assert not r and r.status == "not done"
    r = ch05.check_solve_mean_field(lambda T: 1 / 0)
    assert r.status == "error" and "ZeroDivisionError" in r.message


def test_thermal_explorer_answers_every_control(widget_tree):
    import ipywidgets as w
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    before = len(plt.get_fignums())
    box = hc.thermal_recall_explorer("letters LPSX", temperature=0.2, sweeps=20)
    controls = widget_tree(box)
    sliders = {c.description: c for c in controls if isinstance(c, (w.IntSlider, w.FloatSlider))}
    dropdowns = {c.description: c for c in controls if isinstance(c, w.Dropdown)}
    sliders["T"].value = 0.9
    sliders["flipped"].value = 12
    sliders["sweeps"].value = 40
    sliders["seed"].value = 3
    assert sliders["sweep"].max == 40 and sliders["sweep"].value == 40
    sliders["sweep"].value = 5
    assert box.live.builds == 1  # every slider step updated the one figure in place
    dropdowns["memories"].value = "cross X square"
    assert box.live.builds == 2  # another memory set (three overlap curves) builds it again
    assert len(dropdowns["start near"].options) == 3
    dropdowns["start near"].value = 2
    assert len(plt.get_fignums()) == before  # the demo's figure is not a pyplot figure: nothing is left open
    with pytest.raises(ValueError, match="set_name"):
        hc.thermal_recall_explorer("digits")


def test_thermal_live_figure_updates_in_place_like_a_fresh_figure(live_twin):
    from hopfield_course.demos.thermal import _build_thermal, _update_thermal

    datas = [hc.thermal_recall("cross X square", memory=m, flips=f, temperature=T, sweeps=n, rng=s)
             for m, f, T, n, s in ((0, 8, 0.3, 60, 0), (1, 0, 0.0, 20, 0), (2, 12, 1.2, 150, 4), (0, 3, 0.6, 40, 2))]
    for frame in (0, 10, 1000):
        live = live_twin(_build_thermal, lambda a, d, frame=frame: _update_thermal(a, d, frame), datas)
    ax_e, ax_m = live.figure.axes[2], live.figure.axes[3]
    last = datas[-1]
    assert ax_e.get_title() == "T = 0.60"
    assert live.figure.axes[1].get_title() == "sweep 40"  # the frame is clipped to the last sweep
    assert ax_m.get_xlim()[1] >= 40 and ax_m.get_ylim() == (-1.05, 1.05)
    curves = [line for line in ax_m.lines if line.get_label() in last.labels]
    assert np.allclose(curves[0].get_ydata(), last.overlaps[:, 0])


# ---------------------------------------------------------------- thermal demo: figure details the review asked for
def _thermal_figure(data, frame=0):
    from hopfield_course.demos._skeleton import LiveFigure
    from hopfield_course.demos.thermal import _build_thermal, _update_thermal

    live = LiveFigure(_build_thermal, lambda a, d: _update_thermal(a, d, frame), figsize=(10, 2.7))
    live.render(data)
    return live


def test_thermal_one_state_run_is_drawn_with_a_sensible_range(assert_fits, ticks_in_view):
    import dataclasses

    # at T = 0 the negated cross is a fixed point (a memory's mirror image): the run has ONE state
    data = hc.thermal_recall("cross X square", flips=25, temperature=0.0, sweeps=60, rng=0)
    assert len(data.result.states) == 1 and data.result.status == "fixed_point"
    live = _thermal_figure(data)
    assert_fits(live)
    ax_e, ax_m = live.artists["energy_axes"], live.artists["overlap_axes"]
    e = data.result.energies[0]
    for ax in (ax_e, ax_m):
        x0, x1 = ax.get_xlim()
        assert x0 <= 0 and x1 >= 1, f"the sweep axis {x0:.3g}..{x1:.3g} does not reach from 0 to 1"
        assert ax.xaxis.get_offset_text().get_text() == "" and ax.yaxis.get_offset_text().get_text() == ""
        assert set(ticks_in_view(ax.xaxis)) == {0.0, 1.0}
    y0, y1 = ax_e.get_ylim()
    assert y0 < e < y1 and min(e - y0, y1 - e) >= 0.04 * abs(e)  # a margin of the size of E, not of rounding
    assert len(ticks_in_view(ax_e.yaxis)) >= 2
    # a single point drawn as a line is invisible: the curves carry markers when they have few points
    for line in (live.artists["trace"], *live.artists["overlaps"]):
        assert line.get_marker() not in ("None", "", " ", None)
    # energies equal up to rounding (a run resting in a memory at low T) count as constant too
    noisy = dataclasses.replace(data, result=dataclasses.replace(
        data.result, states=np.repeat(data.result.states, 3, axis=0), energies=e + np.array([0.0, 1e-12, -1e-12])),
        overlaps=np.repeat(data.overlaps, 3, axis=0))
    live = _thermal_figure(noisy)
    y0, y1 = live.artists["energy_axes"].get_ylim()
    assert y1 - y0 >= 0.08 * abs(e) and live.artists["energy_axes"].yaxis.get_offset_text().get_text() == ""
    # a long run is drawn as plain lines (markers would bury them)
    long = _thermal_figure(hc.thermal_recall("cross X square", temperature=0.5, sweeps=60, rng=0))
    assert long.artists["trace"].get_marker() == "None"


def _tick_labels_overlap(axis, presenter):
    """Whether two drawn tick labels of ``axis`` overlap (too many ticks for the axes' length)."""
    from hopfield_course.plotting import style

    renderer = axis.figure.canvas.get_renderer()
    with style(presenter):
        boxes = [t.label1.get_window_extent(renderer) for t in axis._update_ticks() if t.label1.get_text()]
    boxes.sort(key=lambda b: b.x0)
    return any(a.x1 > b.x0 for a, b in zip(boxes, boxes[1:]))


@pytest.mark.parametrize("presenter", [False, True])
def test_thermal_sweep_axes_have_integer_ticks(presenter, ticks_in_view):
    for sweeps in (10, 60, 200):
        live = hc.thermal_recall_explorer("letters LPSXUIJ", temperature=0.3, sweeps=sweeps, presenter=presenter).live
        for ax in (live.artists["energy_axes"], live.artists["overlap_axes"]):
            ticks = ticks_in_view(ax.xaxis, presenter)
            assert len(ticks) >= 2 and np.array_equal(ticks, np.round(ticks)), f"sweep ticks {ticks}"
            assert ticks[0] == 0 and (sweeps != 10 or ticks[-1] == 10), f"sweep ticks {ticks}"
            assert not _tick_labels_overlap(ax.xaxis, presenter), f"{sweeps} sweeps: the sweep tick labels overlap"


@pytest.mark.parametrize("presenter", [False, True])
def test_thermal_overlap_legend_never_covers_the_curves(presenter, assert_fits):
    box = hc.thermal_recall_explorer("letters LPSXUIJ", sweeps=10, presenter=presenter)
    live = box.live
    assert_fits(live)
    ax_m = live.artists["overlap_axes"]
    renderer = live.figure.canvas.get_renderer()
    legend = ax_m.get_legend().get_window_extent(renderer)
    assert len(ax_m.get_legend().get_texts()) == 7
    assert not legend.overlaps(ax_m.get_window_extent(renderer)), "the legend is drawn over the overlap axes"
    assert legend.x1 <= live.figure.bbox.x1 and legend.y0 >= 0


def test_thermal_explorer_renders_once_per_change(assert_fits, count_renders):
    from hopfield_course.demos._skeleton import walk_widgets

    box = hc.thermal_recall_explorer("letters LPSX", temperature=0.2, sweeps=20)
    calls = count_renders(box.live)
    controls = {getattr(c, "description", ""): c for c in walk_widgets(box)}
    # the sweep slider is moved away from the end before every change of the data, so that each
    # recompute also moves it back (the case that rendered twice)
    steps = [("sweep", 5), ("T", 0.9), ("sweep", 3), ("flipped", 12), ("sweep", 7), ("sweeps", 40),
             ("sweeps", 10), ("seed", 3), ("sweep", 2), ("start near", 2), ("sweep", 1),
             ("memories", "cross X square"), ("T", 0.0), ("flipped", 25), ("sweeps", 200)]
    for name, value in steps:
        assert controls[name].value != value, f"{name} = {value} would not be a change"
        before = len(calls)
        controls[name].value = value
        assert len(calls) - before == 1, f"setting {name} to {value} rendered {len(calls) - before} times"
        assert_fits(box.live)  # what the change drew (ticks, titles, legend) still fits the figure
    assert box.live.builds == 2  # one build per memory set; every other change updated in place
