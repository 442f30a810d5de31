"""Tests of hopfield_course.control: sequences, cycles, oscillators and the controlled model."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import hopfield_course as hc
from hopfield_course import control as ctl
from hopfield_course.checks import check_controlled_cost, check_detect_cycle, check_sequence_weights


# ----------------------------------------------------------------------------- sequences and cycles
def test_sequence_weights_definition_and_replay():
    X = hc.random_patterns(5, 120, rng=0)
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
    found = hc.find_cycle([a, b, c, b, c])
    assert (found.start, found.period) == (1, 2) and tuple(found) == (1, 2)
    assert tuple(hc.find_cycle([a, a])) == (0, 1)
    assert hc.find_cycle([a, b, c]) is None


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_find_cycle_agrees_with_run(seed):
    rng = np.random.default_rng(seed)
    W = rng.normal(size=(8, 8))
    res = hc.run(rng.choice([-1, 1], size=8), W, mode="sync", max_steps=300, symmetric=False)
    found = hc.find_cycle(res.states)
    if res.status == "cycle":
        assert found is not None and found.period == res.period
    elif res.status == "fixed_point":
        assert found is None  # run stops before recording the repeat
    # symmetric couplings: only periods 1 and 2 (Goles et al.)
    Ws = W + W.T
    np.fill_diagonal(Ws, 0)
    rs = hc.run(rng.choice([-1, 1], size=8), Ws, mode="sync", max_steps=300)
    assert rs.period in (1, 2)


# ----------------------------------------------------------------------------- continuous networks (graded.integrate)
def test_rk4_converges_to_equilibrium_with_small_error():
    T = np.array([[0.0, 2.0], [2.0, 0.0]])
    u = hc.integrate([0.3, 0.1], T, method="rk4", t_max=40, dt=0.05).u
    assert np.linalg.norm(hc.continuous_rhs(u[-1], T)) < 1e-8
    u2 = hc.integrate([0.3, 0.1], T, method="rk4", t_max=40, dt=0.025).u
    assert np.max(np.abs(u[-1] - u2[-1])) < 1e-6


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_energy_descends_for_symmetric_couplings(seed):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(5, 5))
    T = M + M.T
    run = hc.integrate(rng.normal(size=5), T, method="rk4", t_max=10, dt=0.01, gain=1.5)
    assert np.all(np.diff(run.energies) <= 1e-9)


def test_asymmetric_oscillator_has_limit_cycle_and_energy_rises():
    T = hc.two_neuron_couplings(1.5, 1.0)
    run = hc.integrate([0.3, 0.0], T, method="rk4", t_max=80, dt=0.02)
    cycle = hc.limit_cycle_period(run.t, run.u)
    assert cycle.periodic and cycle.spread < 1e-2
    # the linearised frequency is b*gain = 1 -> period near 2 pi, lengthened by the saturation
    assert 5 < cycle.period < 12
    E = hc.continuous_energy(run.u, 0.5 * (T + T.T))
    assert np.any(np.diff(E) > 1e-6)
    run = hc.integrate([0.3, 0.0], hc.two_neuron_couplings(1.5, 0.0), method="rk4", t_max=80, dt=0.02)
    assert hc.limit_cycle_period(run.t, run.u).period is None


def test_limit_cycle_persists_at_b_03_with_a_long_window():
    # the orbit at b = 0.3 is slow (period about 54): a 60-unit window cannot see it, 600 units can
    run = hc.integrate([0.3, 0.05], hc.two_neuron_couplings(1.5, 0.3), method="rk4", dt=0.05, t_max=600.0)
    c = hc.limit_cycle_period(run.t, run.u)
    assert c.periodic and 50 < c.period < 58
    run = hc.integrate([0.3, 0.05], hc.two_neuron_couplings(1.5, 0.2), method="rk4", dt=0.05, t_max=600.0)
    assert not hc.limit_cycle_period(run.t, run.u).periodic


# ----------------------------------------------------------------------------- controlled model
def test_control_kernel_matches_twin_and_finite_differences():
    rng = np.random.default_rng(2)
    A = rng.normal(size=(3, 3))
    u0 = rng.normal(size=3)
    xi = 0.3 * rng.normal(size=(4, 3, 3))
    g1, g2 = np.empty_like(xi), np.empty_like(xi)
    J1 = ctl.control_cost_kernel(u0, A, xi, 0.05, 5, 30, 1.3, 0.3, 0.4, g1)
    J2 = ctl.control_cost_kernel_numpy(u0, A, xi, 0.05, 5, 30, 1.3, 0.3, 0.4, g2)
    assert np.isclose(J1, J2, rtol=1e-13)
    np.testing.assert_allclose(g1, g2, rtol=1e-11, atol=1e-14)
    kw = dict(dt=0.05, steps_per_segment=5, gain=1.3, lam=0.3, mu=0.4, tail=0.5)
    assert hc.control_cost(u0, A, xi, engine="numpy", **kw).cost == pytest.approx(hc.control_cost(u0, A, xi, **kw).cost,
                                                                                  rel=1e-12)
    eps = 1e-6
    for idx in [(0, 0, 0), (1, 2, 1), (3, 1, 2), (3, 0, 0)]:
        d = np.zeros_like(xi)
        d[idx] = eps
        fd = (hc.control_cost(u0, A, xi + d, **kw).cost - hc.control_cost(u0, A, xi - d, **kw).cost) / (2 * eps)
        assert abs(fd - hc.control_cost(u0, A, xi, **kw).gradient[idx]) < 1e-7


def test_control_cost_by_hand():
    A = np.array([[0.0, 1.0], [-1.0, 0.0]])
    u = np.array([0.5, -0.2])
    xi = np.array([[0.1, 0.0], [0.0, -0.2]])
    J = 0.0
    for t in range(20):
        X = (A + xi) @ np.tanh(u) - u
        J += 0.1 * np.exp(-0.5 * t * 0.1) * (0.7 * X @ X + 0.3 * np.sum(xi ** 2))
        u = u + 0.1 * X
    cost = hc.control_cost([0.5, -0.2], A, xi, dt=0.1, steps_per_segment=20, lam=0.5, mu=0.3)
    assert np.isclose(cost.cost, J)
    J2, grad = cost  # unpacks as a pair
    assert J2 == cost.cost and grad.shape == (1, 2, 2)


def test_controlled_rollout_is_euler_segment_by_segment():
    A = np.array([[0.0, 1.0], [-1.0, 0.5]])
    xi = np.array([[[0.1, 0.0], [0.0, -0.2]], [[0.0, 0.3], [0.0, 0.0]]])
    roll = hc.controlled_rollout([0.5, -0.2], A, xi, dt=0.1, steps_per_segment=3, tail=0.2)
    u = np.array([0.5, -0.2])
    for t in range(8):
        u = u + 0.1 * ((A + xi[min(t // 3, 1)]) @ np.tanh(u) - u)
    assert roll.u.shape == (9, 2)
    np.testing.assert_allclose(roll.u[-1], u, rtol=1e-12)


def test_control_bounds():
    A = np.array([[0.0, 1.0], [0.0, 2.0]])
    np.testing.assert_array_equal(hc.control_bounds(A, big_k=1.0, small_k=0.1), [[0.1, 1.0], [0.1, 1.0]])
    with pytest.raises(ValueError, match="small_k"):
        hc.control_bounds(A, big_k=0.1, small_k=1.0)


def test_recognised_and_recorded():
    sc = hc.control_scenario("noisy memory")
    A, noisy, gain = sc
    res = hc.solve_control(noisy, A, gain=gain, mu=0.5)
    out = hc.classify_outcome(res, A)
    assert out.label == "recognised" and out.control_norm < 0.1
    assert out.control_peak >= out.control_norm
    assert np.array_equal(np.sign(out.uncontrolled_end), sc.memories[0])  # xi = 0 reaches the memory too
    assert res.cost <= res.cost_uncontrolled
    bound = hc.control_bounds(A, big_k=1.0, small_k=0.05)
    assert np.all(np.abs(res.xi) <= bound + 1e-12)
    _, new, _ = hc.control_scenario("new pattern")
    res = hc.solve_control(new, A, gain=gain, mu=0.02)
    out = hc.classify_outcome(res, A)
    assert out.label == "recorded"
    assert np.array_equal(np.sign(out.u_end), np.sign(new))
    assert res.cost < 0.5 * res.cost_uncontrolled


def test_limit_cycle_outcome_for_conservative_oscillator():
    A, u0, gain = hc.control_scenario("oscillator")
    out = hc.classify_outcome(hc.solve_control(u0, A, gain=gain, mu=0.9), A)
    assert out.label == "limit cycle" and 5 < out.period < 12


def test_classify_wandering_for_chaotic_network():
    """Bounds too tight for the chaotic network (K = 0.01): no equilibrium and no cycle, over several inputs."""
    rng = np.random.default_rng(0)
    A = rng.normal(scale=3 / np.sqrt(30), size=(30, 30))
    u0 = rng.normal(size=30)
    for k in range(2):
        u = u0 + 1e-9 * k * np.random.default_rng(k).normal(size=30)
        res = hc.solve_control(u, A, mu=0.9, big_k=0.01, small_k=0.001, max_iter=60)
        out = hc.classify_outcome(res, A)
        assert out.label == "wandering"
        speed = np.linalg.norm(hc.continuous_rhs(out.u, A + res.xi_final), axis=1)
        assert speed.min() > 1.0  # it never comes near rest


A2 = np.eye(2)
U2 = [0.1, 0.2]
XI2 = np.zeros((1, 2, 2))


def _result():
    return hc.solve_control(U2, A2, horizon=1.0, dt=0.1, segments=2, max_iter=2)


BAD = [
    # solve_control
    (lambda: hc.solve_control(U2, A2, mu=1.5), "mu"),
    (lambda: hc.solve_control(U2, A2, mu="0.5"), "mu"),
    (lambda: hc.solve_control([0.1, 0.2, 0.3], A2), "u0: expected shape"),
    (lambda: hc.solve_control(U2, np.ones((2, 3))), "A: expected a square"),
    (lambda: hc.solve_control(U2, A2, horizon=0), "horizon"),
    (lambda: hc.solve_control(U2, A2, dt=-0.1), "dt"),
    (lambda: hc.solve_control(U2, A2, dt=5.0), "dt"),
    (lambda: hc.solve_control(U2, A2, segments=0), "segments"),
    (lambda: hc.solve_control(U2, A2, lam=-1), "lam"),
    (lambda: hc.solve_control(U2, A2, gain=0), "gain"),
    (lambda: hc.solve_control(U2, A2, big_k=-1), "big_k"),
    (lambda: hc.solve_control(U2, A2, max_iter=0), "max_iter"),
    (lambda: hc.solve_control(U2, A2, tail=-1.0), "tail"),
    (lambda: hc.solve_control(U2, A2, segments=2, xi0=np.zeros((3, 2, 2))), "xi0"),
    (lambda: hc.solve_control(U2, A2, dt=1e-6, horizon=10.0), "dt"),
    # control_cost and rollout
    (lambda: hc.control_cost(U2, A2, np.zeros((3, 3))), "xi: expected shape"),
    (lambda: hc.control_cost(U2, A2, XI2, dt=0), "dt"),
    (lambda: hc.control_cost(U2, A2, XI2, steps_per_segment=0), "steps_per_segment"),
    (lambda: hc.control_cost(U2, A2, XI2, mu=-0.1), "mu"),
    (lambda: hc.control_cost(U2, A2, XI2, engine="c"), "engine"),
    (lambda: hc.control_cost(U2, A2, XI2 + np.nan), "xi"),
    (lambda: hc.controlled_rollout(U2, A2, XI2, dt=-0.05), "dt"),
    (lambda: hc.controlled_rollout(U2, A2, XI2, tail=-1), "tail"),
    (lambda: hc.controlled_rollout(U2, A2, XI2, steps_per_segment=1.5), "steps_per_segment"),
    (lambda: hc.control_bounds(np.ones(3)), "A"),
    (lambda: hc.control_bounds(A2, big_k="1"), "big_k"),
    # classify_outcome
    (lambda: hc.classify_outcome("x", A2), "result"),
    (lambda: hc.classify_outcome(_result(), np.eye(3)), "A"),
    (lambda: hc.classify_outcome(_result(), A2, t_after=0), "t_after"),
    (lambda: hc.classify_outcome(_result(), A2, near=-1), "near"),
    # others
    (lambda: hc.control_scenario("pendulum"), "name"),
    (lambda: hc.sequence_weights([[1, -1, 1]]), "at least 2 memories"),
    (lambda: hc.sequence_weights([[1, -1], [1, 1]], cyclic=1), "cyclic"),
    (lambda: hc.sequence_weights([[1, -1], [1, 1]], normalize="p"), "normalize"),
    (lambda: hc.find_cycle([[0, 1]]), r"\+1 or -1"),
]


@pytest.mark.parametrize("call, match", BAD)
def test_bad_input_names_the_argument(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


# ----------------------------------------------------------------------------- checks
def test_checks_accept_reference_and_reject_wrong_answers():
    assert check_sequence_weights(lambda X: hc.sequence_weights(X))
    transposed = check_sequence_weights(lambda X: hc.sequence_weights(X).T)
    assert not transposed and "np.outer" in transposed.message
    assert check_detect_cycle(lambda s: None if hc.find_cycle(s) is None else tuple(hc.find_cycle(s)))
    assert not check_detect_cycle(lambda s: (0, len(s) - 1))

    def ref(u0, A, xi, dt, steps, lam, mu, gain):
        return hc.control_cost(u0, A, xi, dt=dt, steps_per_segment=steps, lam=lam, mu=mu, gain=gain).cost

    assert check_controlled_cost(ref)
    no_discount = check_controlled_cost(lambda u0, A, xi, dt, steps, lam, mu, gain: ref(u0, A, xi, dt, steps, 0.0, mu, gain))
    assert not no_discount and "exp(-lam" in no_discount.message


def test_chapter_11_checks_accept_the_packages_own_versions():
    """Unlike chapter 10, chapter 11's exercise notebook does not forbid hc.sequence_weights, hc.find_cycle and
    hc.control_cost: an answer that calls them passes on its result."""
    assert check_sequence_weights(lambda X: hc.sequence_weights(X))

    def detect_cycle(states):
        found = hc.find_cycle(states)
        return None if found is None else (found.start, found.period)

    assert check_detect_cycle(detect_cycle)


def test_detect_cycle_check_runs_past_the_first_repetition_and_wants_a_tuple_of_ints():
    def first(states):
        for t in range(len(states)):
            for s in range(t):
                if np.array_equal(states[s], states[t]):
                    return (np.int64(s), np.int64(t - s))  # NumPy ints are ints
        return None

    result = check_detect_cycle(first)
    assert result and result.message == "✓ Exercise 11.2 detect_cycle: all 5 cases pass."

    def last_pair(states):  # the last pair that repeats: right on every trajectory that stops there
        found = None
        for t in range(len(states)):
            for s in range(t):
                if np.array_equal(states[s], states[t]):
                    found = (s, t - s)
        return found

    last = check_detect_cycle(last_pair)
    assert not last and "case 5 of 5" in last.message and "Report the FIRST repetition" in last.message
    for answer, fragment in [(lambda s: [1, 1], "not a list"), (lambda s: (1.0, 1), "start and period are ints")]:
        result = check_detect_cycle(answer)
        assert not result and fragment in result.message, result.message
    assert not check_detect_cycle(lambda s: (True, 1))


def test_detect_cycle_check_tells_a_print_from_a_return():
    def prints(states):
        print(len(states))

    assert "did you forget `return`?" in check_detect_cycle(prints).message

    def finds_nothing(states):  # a real `return` of None: "expected a tuple ..., got None", no `return` hint
        result = None
        return result

    message = check_detect_cycle(finds_nothing).message
    assert "did you forget" not in message and "got None" in message


def test_float32_answers_are_told_so():
    def seq32(patterns):
        X = np.asarray(patterns, dtype=np.float32)
        return np.roll(X, -1, axis=0).T @ X / X.shape[1]

    result = check_sequence_weights(seq32)
    assert not result and "only to float32 precision" in result.message and "entries differ" not in result.message


def test_widget_compute_steps_and_demos():
    from hopfield_course.demos import control as wm
    d = wm.oscillation_step(1.5, 1.0)
    assert d["u"].shape[1] == 2 and d["DU"].shape == (21, 21)
    step = wm.control_step("new pattern", mu=0.05)
    assert step["outcome"].label == "recorded"
    import matplotlib
    matplotlib.use("Agg")
    for demo in (hc.oscillation_explorer, hc.control_explorer):
        box = demo()
        assert "hc-demo" in box._dom_classes


# ----------------------------------------------------------------------------- live figures of the demos
OSC_PARAMS = ((1.5, 1.0, 1.0), (1.5, 0.0, 1.0), (1.0, 0.5, 0.8), (1.2, 1.5, 2.0))


def _flow_of(live):
    """The flow lines and the arrowhead directions of a phase-plane LiveFigure."""
    from hopfield_course.demos import control as wm

    arts = live.artists
    heads = arts["heads"]
    return ([np.asarray(seg) for seg in arts["flow"].get_segments()],
            np.column_stack([heads.U, heads.V]), wm._direction(np.column_stack([heads.U, heads.V])))


def _assert_same_flow(live, fresh):
    """The flow lines and arrowheads of two phase figures agree (segments and quiver vectors)."""
    for a, b in zip(_flow_of(live)[0], _flow_of(fresh)[0]):
        np.testing.assert_allclose(a, b)
    np.testing.assert_allclose(_flow_of(live)[1], _flow_of(fresh)[1])


def test_oscillation_live_figure_updates_in_place_like_a_fresh_figure(live_twin):
    from hopfield_course.demos import control as wm
    from hopfield_course.demos._skeleton import LiveFigure

    datas = [wm.oscillation_step(a, b, gain=g) for a, b, g in OSC_PARAMS]
    live = live_twin(wm._build_phase, wm._update_phase, datas, figsize=(8, 3.2))
    fresh = LiveFigure(wm._build_phase, wm._update_phase, figsize=(8, 3.2))
    fresh.render(datas[-1])
    # the flow lines and arrowheads (a LineCollection and a Quiver, which the signature sees only by count)
    _assert_same_flow(live, fresh)
    # ... and they follow the field of the LAST data: the arrowhead at each seed points along it
    seeds = wm._seeds(datas[-1]["lim"])
    T, gain = datas[-1]["T"], datas[-1]["gain"]
    field = hc.continuous_rhs(seeds, T, gain=gain)
    cos = np.sum(wm._direction(field) * _flow_of(live)[2], axis=1)
    assert np.all(cos > 0.98)
    # every flow line passes through its seed and runs along the field there
    lines = np.array(_flow_of(live)[0])
    mid = lines.shape[1] // 2
    np.testing.assert_allclose(lines[:, mid], seeds)
    step = wm._direction(lines[:, mid + 1] - lines[:, mid])
    assert np.all(np.sum(step * wm._direction(field), axis=1) > 0.98)
    ax, bx = live.figure.axes
    assert ax.get_title() == "T = [[1.2, -1.5], [1.5, 1.2]]"
    assert bx.get_title() == "E rises somewhere"
    assert (ax.get_xlim(), ax.get_ylim()) == ((-2.0, 2.0), (-2.0, 2.0))  # these four fit the old window
    np.testing.assert_allclose(ax.lines[0].get_xydata(), datas[-1]["u"])


# a grid of the explorer's sliders: a (self) 0..3, b (asym.) 0..2, gain 0.5..3, with its corners
OSC_GRID = [(a, b, g) for a in (0.5, 1.5, 2.2, 3.0) for b in (0.0, 0.25, 1.0, 2.0) for g in (0.5, 1.0, 3.0)]


def _heads_in_data(live):
    """Where the arrowheads of a phase-plane LiveFigure sit, in data coordinates (n, 2)."""
    heads, ax = live.artists["heads"], live.artists["phase"]
    return ax.transData.inverted().transform(heads.get_offset_transform().transform(heads.get_offsets()))


def _check_phase_window(live, data):
    """The phase plane of ``live`` shows all of ``data``: trajectory and fixed points inside the limits with a
    margin, a square window, ticks inside it, flow lines inside it and seeded on a grid of it."""
    ax = live.artists["phase"]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert (x0, x1) == (y0, y1) and x0 == -x1, f"not a square window centred at 0: x {x0, x1}, y {y0, y1}"
    lim = x1
    # fixed points found independently of the demo (a finer Newton grid than it uses)
    points = hc.fixed_points(data["T"], gain=data["gain"], starts=15)
    for what, xy in (("trajectory", data["u"]), ("fixed points", points)):
        reach = float(np.max(np.abs(xy)))
        assert reach <= lim / 1.05, f"{what} reach {reach:.3g}, outside the window +-{lim:.3g} or on its edge"
    for ticks in (ax.get_xticks(), ax.get_yticks()):
        assert ticks.min() >= -lim and ticks.max() <= lim and 3 <= len(ticks) <= 7
    lines = np.array(live.artists["flow"].get_segments())
    assert np.all(np.abs(lines) <= lim + 1e-12)
    seeds = lines[:, lines.shape[1] // 2]
    np.testing.assert_allclose(_heads_in_data(live), seeds, atol=1e-9 * lim)
    # the seeds are the centres of the 8 x 8 cells of the window
    centres = -lim + (np.arange(8) + 0.5) * (2 * lim / 8)
    np.testing.assert_allclose(np.unique(seeds[:, 0].round(9)), centres, atol=1e-9)
    np.testing.assert_allclose(np.unique(seeds[:, 1].round(9)), centres, atol=1e-9)
    # the flow lines are long enough to be seen in any window: each spans about a fifth of a cell or more
    span = np.linalg.norm(lines[:, -1] - lines[:, 0], axis=1)
    assert np.median(span) > 0.2 * (2 * lim / 8)


def test_oscillation_window_holds_trajectory_and_fixed_points(live_twin):
    """The window follows the data over the sliders' whole range (e.g. the sink near (1, 5) at a = 3,
    b = 2, gain 3, far outside the old fixed window of +-2), and updating in place gives a fresh figure."""
    from hopfield_course.demos import control as wm
    from hopfield_course.demos._skeleton import LiveFigure

    datas = [wm.oscillation_step(a, b, gain=g) for a, b, g in OSC_GRID]
    live = LiveFigure(wm._build_phase, wm._update_phase, figsize=(8, 3.2))
    for data in datas:
        live.draw(data)
        _check_phase_window(live, data)
    # the drawn fixed points are those of the last data: sinks filled, the others open
    last = datas[-1]
    points = hc.fixed_points(last["T"], gain=last["gain"], starts=15)
    sinks = [p for p in points if hc.classify_fixed_point(p, last["T"], gain=last["gain"]) == "sink"]
    assert len(points) == 9 and len(sinks) == 4  # a = 3, b = 2, gain 3: four sinks, four saddles, a source
    drawn = np.vstack([live.artists["sinks"].get_xydata(), live.artists["unstable"].get_xydata()])
    np.testing.assert_allclose(np.sort(drawn, axis=0), np.sort(points, axis=0), atol=1e-6)
    np.testing.assert_allclose(np.sort(live.artists["sinks"].get_xydata(), axis=0), np.sort(sinks, axis=0),
                               atol=1e-6)
    assert np.abs(last["u"][-1] - [0.98, 4.99]).max() < 0.02 and live.artists["phase"].get_xlim()[1] > 5.2
    # built with a small window, then in place through the largest, the smallest and a middle one and back to
    # the largest (half-widths 2, 5.5, 2, 3.5, 5.5): the same as a fresh figure of the last data
    order = [datas[k] for k in (19, -1, 0, 31, -1)]
    assert [d["lim"] for d in order] == [2.0, 5.5, 2.0, 3.5, 5.5]
    twin = live_twin(wm._build_phase, wm._update_phase, order, figsize=(8, 3.2))
    fresh = LiveFigure(wm._build_phase, wm._update_phase, figsize=(8, 3.2))
    fresh.render(datas[-1])
    _assert_same_flow(twin, fresh)
    for ax_live, ax_fresh in zip(twin.figure.axes, fresh.figure.axes):
        np.testing.assert_array_equal(ax_live.get_xticks(), ax_fresh.get_xticks())
        np.testing.assert_array_equal(ax_live.get_yticks(), ax_fresh.get_yticks())


def test_oscillation_titles_follow_the_couplings():
    from hopfield_course.demos import control as wm
    from hopfield_course.demos._skeleton import LiveFigure

    live = LiveFigure(wm._build_phase, wm._update_phase, figsize=(8, 3.2))
    live.draw(wm.oscillation_step(1.5, 1.0))
    live.draw(wm.oscillation_step(1.5, 0.0))
    ax, bx = live.figure.axes
    assert ax.get_title() == "T = [[1.5, 0], [0, 1.5]]"  # no "-0"
    assert bx.get_title() == "E never rises"
    live.draw(wm.oscillation_step(1.5, 1.0))
    assert bx.get_title() == "E rises somewhere"


def _control_data(scenario="new pattern", max_lines=6, title=None, after=20.0, **kw):
    from hopfield_course.demos import control as wm

    step = wm.control_step(scenario, **kw)
    return wm._control_data(step["result"], step["outcome"], title=title, max_lines=max_lines, after=after)


def test_control_live_figure_updates_in_place_like_a_fresh_figure(live_twin):
    from hopfield_course.demos import control as wm

    A, u0, gain = hc.control_scenario("noisy memory")
    fine = hc.solve_control(u0, A, gain=gain, mu=0.5)  # 10 control segments instead of 5, horizon 10
    datas = [_control_data(mu=0.1), _control_data("noisy memory", mu=0.9, big_k=0.3),
             wm._control_data(fine, hc.classify_outcome(fine, A), title="fine", max_lines=6, after=5.0),
             _control_data(mu=0.5, lam=1.5, big_k=2.0)]
    live = live_twin(wm._build_control, wm._update_control, datas, figsize=(11, 3.6), key=6)
    last = datas[-1]
    res, outcome = last["result"], last["outcome"]
    ax, bx = live.figure.axes
    assert ax.get_title() == f"outcome: {outcome.label}"
    assert bx.get_title(loc="right") == f"J = {res.cost:.3g} (no control: {res.cost_uncontrolled:.3g})"
    assert bx.get_ylim() == (0.0, max(0.1, 1.15 * res.control_norms.max()))
    stairs = live.artists["stairs"]
    np.testing.assert_allclose(stairs.get_data().values, res.control_norms)
    assert len(stairs.get_data().edges) == 6  # back to 5 segments after the 10 of the third data set
    frozen = live.artists["frozen"]
    assert len(frozen) == 6 and frozen[2].get_xdata()[0] == res.t[-1]
    assert frozen[2].get_xdata()[-1] <= res.t[-1] + 20.0 + 1e-9
    np.testing.assert_allclose(live.artists["horizon"].get_xdata(), [10.0, 10.0])
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "controlled (last control\nheld after the horizon)", "frozen continuation\n$T = A + \\xi_{final}$",
        "end of horizon"]


def _peaks(t, x):
    """The local maxima of the samples ``x(t)``, each refined by the parabola through it and its neighbours."""
    k = np.flatnonzero((x[1:-1] > x[:-2]) & (x[1:-1] >= x[2:])) + 1
    a, b, c = x[k - 1], x[k], x[k + 1]
    shift = 0.5 * (a - c) / (a - 2 * b + c)
    return b - 0.25 * (a - c) * shift


def test_control_curve_continues_without_a_jump_at_the_held_control():
    """Where the solid curve (the equation under the optimised controls, last control held) hands over to
    the dashed frozen run, the oscillation keeps its amplitude: both are the Runge-Kutta solution of the
    same equation. (It was the optimiser's Euler rollout at dt = 0.1, then RK4 at dt = 0.02, and the
    amplitude of the limit cycle jumped there from 0.97 to 0.87.)"""
    from hopfield_course.demos import control as wm

    box = hc.control_explorer("oscillator")
    controls = {c.description: c for row in box.children[:2] for c in row.children}
    controls["μ"].value = 0.9
    live = box.live
    assert live.figure.axes[0].get_title() == "outcome: limit cycle"
    for solid, dashed in zip(live.artists["controlled"], live.artists["frozen"]):
        (t1, x1), (t2, x2) = solid.get_data(), dashed.get_data()
        assert t2[0] == t1[-1] and x2[0] == x1[-1]  # the dashed curve starts where the solid one ends
        # the amplitude across the hand-over changes no more than from one turn to the next on either side
        p1, p2 = _peaks(t1, x1), _peaks(t2, x2)
        assert len(p1) >= 3 and len(p2) >= 2
        jump, before, after = abs(p2[0] - p1[-1]), abs(p1[-1] - p1[-2]), abs(p2[1] - p2[0])
        assert jump <= max(before, after), (f"the amplitude jumps by {jump:.3g} at the hand-over, against "
                                            f"{before:.3g} and {after:.3g} between neighbouring turns")
    # the solid curve is the equation itself under the controls: RK4 on the rollout's grid agrees with
    # SciPy's adaptive solver, segment by segment
    from scipy.integrate import solve_ivp

    step = wm.control_step("oscillator", mu=0.9)
    res, A, out = step["result"], step["A"], step["outcome"]
    s = res.settings
    u, seg = s["u0"].copy(), s["steps_per_segment"] * s["dt"]
    for k, xi in enumerate(res.xi):
        span = seg if k < len(res.xi) - 1 else res.t[-1] - k * seg  # the tail is a whole number of steps
        sol = solve_ivp(lambda t, x, T=A + xi: T @ np.tanh(s["gain"] * x) - x, (0, span), u, rtol=1e-10, atol=1e-12)
        u = sol.y[:, -1]
    np.testing.assert_allclose(out.controlled.u[-1], u, atol=1e-6)
    assert not np.allclose(res.u[-1], u, atol=1e-3)  # the optimiser's Euler model ends elsewhere


def test_control_explorer_labels_fit_after_oscillator_then_mu_then_k(assert_fits):
    """The reviewer's sequence: network "oscillator", then mu 0.5, then K 0.1 (the potentials grow to +-0.84,
    longer tick labels) pushed the y label off the frozen layout's left edge."""
    box = hc.control_explorer("new pattern")
    controls = {c.description: c for row in box.children[:2] for c in row.children}
    for name, value in (("network", "oscillator"), ("μ", 0.5), ("K", 0.1)):
        controls[name].value = value
        assert_fits(box.live)
    assert box.live.builds == 2  # built for six neurons, again for two; the rest in place


def test_controlled_rollout_rk4_and_its_input():
    A = np.array([[0.0, 1.0], [-1.0, 0.5]])
    xi = np.array([[[0.1, 0.0], [0.0, -0.2]], [[0.0, 0.3], [0.0, 0.0]]])
    roll = hc.controlled_rollout([0.5, -0.2], A, xi, dt=0.1, steps_per_segment=3, tail=0.2, method="rk4")
    first = hc.integrate([0.5, -0.2], A + xi[0], method="rk4", dt=0.1, steps=3)
    rest = hc.integrate(first.u[-1], A + xi[1], method="rk4", dt=0.1, steps=5)
    np.testing.assert_allclose(roll.u, np.concatenate([first.u, rest.u[1:]]), rtol=1e-12)
    assert roll.method == "rk4"
    with pytest.raises(ValueError, match="method"):
        hc.controlled_rollout([0.5, -0.2], A, xi, method="rk45")
    with pytest.raises(ValueError, match="max_windows"):
        res = hc.solve_control([0.3, 0.0], A, horizon=1.0, dt=0.1, segments=2, max_iter=2)
        hc.classify_outcome(res, A, max_windows=0)


def test_draw_control_keeps_its_signature_and_figure():
    import matplotlib
    import matplotlib.pyplot as plt

    matplotlib.use("Agg")
    A, u0, gain = hc.control_scenario("oscillator")
    res = hc.solve_control(u0, A, gain=gain, mu=0.9, max_iter=30)
    out = hc.classify_outcome(res, A)
    fig = hc.draw_control(res, out, title="an oscillator", max_lines=1, after=4.0)
    try:
        assert fig in map(plt.figure, plt.get_fignums())  # a pyplot figure, for plt.show() in the chapter
        ax, bx = fig.axes
        assert ax.get_title() == "an oscillator"
        assert len(ax.lines) == 3  # one neuron solid and dashed, and the end of the horizon
        assert ax.lines[1].get_xdata()[-1] <= res.t[-1] + 4.0 + 1e-9
        assert len(ax.get_legend().get_texts()) == 3
        fig.canvas.draw()
    finally:
        plt.close(fig)
    # the dashed curve is the Euler continuation of the solid one (the chapter's figures too)
    fig = hc.draw_control(res, out, max_lines=2, after=4.0)
    try:
        ax = fig.axes[0]
        t_c, u_c = ax.lines[2].get_data()
        assert t_c[0] == out.controlled.t[-1] and u_c[0] == out.controlled.u[-1, 0]
        np.testing.assert_allclose(np.diff(t_c), 0.02)  # the frozen run of the classification
        np.testing.assert_allclose(t_c[-1], out.controlled.t[-1] + 4.0)
        np.testing.assert_allclose(ax.lines[0].get_ydata(), out.controlled.u[:, 0])  # the equation, not res.u
    finally:
        plt.close(fig)
    with pytest.raises(ValueError, match="max_lines"):
        hc.draw_control(res, out, max_lines=0)


def test_oscillation_explorer_updates_its_figure_in_place():
    box = hc.oscillation_explorer()
    live = box.live
    sliders = {c.description: c for c in box.children[0].children}
    assert set(sliders) == {"a (self)", "b (asym.)", "gain"}
    ax, bx = live.figure.axes
    sliders["b (asym.)"].value = 0.0
    assert bx.get_title() == "E never rises" and ax.get_title() == "T = [[1.5, 0], [0, 1.5]]"
    sliders["a (self)"].value = 2.0
    assert ax.get_title().startswith("T = [[2,")
    sliders["gain"].value = 2.0
    assert live.builds == 1 and live.figure.axes == [ax, bx]


def test_control_explorer_rebuilds_only_for_another_network_size():
    box = hc.control_explorer("new pattern")
    live = box.live
    controls = {c.description: c for row in box.children[:2] for c in row.children}
    ax = live.figure.axes[0]
    for name, value in (("μ", 0.6), ("λ", 1.0), ("K", 0.5)):
        controls[name].value = value
    assert live.builds == 1
    res = live.artists["controlled"][0].get_xdata()
    assert len(live.artists["controlled"]) == 6 and len(res) > 0
    controls["network"].value = "noisy memory"  # six neurons as well: updated in place
    assert live.builds == 1 and live.figure.axes[0] is ax
    controls["network"].value = "oscillator"  # two neurons: two lines each, a new build
    assert live.builds == 2 and len(live.artists["controlled"]) == 2 == len(live.artists["frozen"])
    assert live.figure.axes[0].get_title() == "outcome: limit cycle"
    controls["μ"].value = 0.3
    assert live.builds == 2


@pytest.mark.parametrize("mu", [0.1, 0.15, 0.2])
def test_control_demo_does_not_call_a_damped_spiral_a_limit_cycle(mu):
    """The reviewer's case: the oscillator at mu 0.1-0.21 freezes into a stable focus (the Jacobian of the
    frozen network at the origin has eigenvalues -0.0135 +- 0.913i at mu = 0.1): the motion decays slowly,
    about 9 % a turn, and must not be labelled a limit cycle (nor drawn growing, as explicit Euler does)."""
    step = hc.control_step("oscillator", mu=mu)
    res, out = step["result"], step["outcome"]
    T = step["A"] + res.xi_final
    gain = res.settings["gain"]
    growth = np.linalg.eigvals(gain * T - np.eye(2)).real.max()  # Jacobian at the origin (g'(0) = gain)
    assert growth < 0, f"mu = {mu}: expected a stable focus at the origin, got growth rate {growth:.3g}"
    assert out.label == "recorded" and np.linalg.norm(out.u_end) < 0.1, (out.label, out.u_end)
    amplitude = [np.ptp(out.u[(out.t >= a) & (out.t < a + 20), 0]) for a in (0.0, 40.0)]
    assert amplitude[1] < amplitude[0], "the drawn frozen run must decay, as the equation does"


def test_control_demo_waits_for_a_slow_limit_cycle():
    """At mu = 0.01 the frozen oscillator runs around a slow cycle (period about 98 time units): one 60-unit
    window shows less than one turn, so the classification runs more windows instead of saying wandering."""
    out = hc.control_step("oscillator", mu=0.01)["outcome"]
    assert out.label == "limit cycle" and 80 < out.period < 120, (out.label, out.period)
    assert out.t[-1] > 60.0


def test_solve_control_reports_the_cost_of_the_controls_it_returns():
    """After an abnormal L-BFGS-B stop, scipy's fun can belong to a rejected trial point: the reported J
    must be the cost of res.xi (noisy memory, mu 0.01, lam 0.1, K 3 reported 0.274 for controls costing 0.165)."""
    for mu, lam, big_k in [(0.01, 0.1, 3.0), (0.1, 0.3, 3.0), (0.05, 0.3, 1.0)]:
        res = hc.control_step("noisy memory", mu=mu, lam=lam, big_k=big_k)["result"]
        s = res.settings
        A, _, _ = hc.control_scenario("noisy memory")
        again = hc.control_cost(s["u0"], A, res.xi, dt=s["dt"], steps_per_segment=s["steps_per_segment"],
                                gain=s["gain"], lam=s["lam"], mu=s["mu"], tail=s["tail"]).cost
        assert res.cost == pytest.approx(again, rel=1e-12, abs=1e-15), (mu, lam, big_k, res.cost, again)


def test_control_figure_holds_the_last_control_through_the_tail():
    box = hc.control_explorer("new pattern")
    live = box.live
    edges = live.artists["stairs"].get_data().edges
    solid = live.artists["controlled"][0].get_xdata()
    assert edges[-1] == pytest.approx(solid[-1]) and edges[-1] > 10.0  # held after the horizon at t = 10
    assert live.artists["control_horizon"].get_xdata()[0] == 10.0


def test_draw_control_names_a_bad_outcome():
    A, u0, gain = hc.control_scenario("oscillator")
    res = hc.solve_control(u0, A, gain=gain, horizon=1.0, dt=0.1, segments=2, max_iter=2)
    out = hc.classify_outcome(res, A)
    for call, match in [(lambda: hc.draw_control(res, "outcome"), "outcome"),
                        (lambda: hc.draw_control("res", out), "res"),
                        (lambda: hc.draw_control(res, out, title=3), "title")]:
        with pytest.raises(TypeError, match=match):
            call()
