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
    # the table of Varma's blog chapter: P_error of 0.001 near p/N = 0.105, 0.0036 near 0.138, 0.01 near 0.185
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
def test_mixture_temperatures_match_the_quoted_values():
    # Varma's blog chapter quotes T_3 = 0.461, T_5 = 0.385, T_7 = 0.345 (Amit, Gutfreund, Sompolinsky 1985)
    for n, quoted in [(3, 0.461), (5, 0.385), (7, 0.345)]:
        assert hc.mixture_critical_temperature(n) == pytest.approx(quoted, abs=0.003)
    assert hc.mixture_critical_temperature(1) == 1.0
    for n in (2, 4, 6):
        assert hc.mixture_critical_temperature(n) == 0.0
    assert hc.mixture_critical_temperature(3) > hc.mixture_critical_temperature(5) > hc.mixture_critical_temperature(7)


def test_mixture_overlap_and_stability():
    assert hc.mixture_overlap(3, 0.0) == pytest.approx(0.5)
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
    with pytest.raises(ValueError, match="mixture_size"):
        hc.mixture_critical_temperature(0)
    with pytest.raises(TypeError, match="mixture_size"):
        hc.mixture_overlap("3", 0.1)
    with pytest.raises(ValueError, match="temperature"):
        hc.mixture_stability(3, 1.2)


# ---------------------------------------------------------------- extensive loading
def test_critical_load_and_retrieval_overlap():
    ac = hc.critical_load()
    assert ac == pytest.approx(0.138, abs=0.0005)
    m_c = hc.retrieval_overlap(ac * (1 - 1e-9))
    # AGS 1987: m = 0.967 at alpha_c, i.e. (1 - m) / 2 = 1.63% wrong bits
    assert m_c == pytest.approx(0.967, abs=0.0005)
    assert hc.retrieval_overlap(ac * 1.01) == 0.0
    a = np.linspace(0.03, 0.13, 11)
    m = hc.retrieval_overlap(a)
    assert np.all(np.diff(m) < 0) and np.all(m > 0.96)
    # the overlap satisfies the RS equation y (sqrt(2a) + 2/sqrt(pi) exp(-y^2)) = erf(y), m = erf(y)
    y = special.erfinv(m)
    np.testing.assert_allclose(y * (np.sqrt(2 * a) + 2 / np.sqrt(np.pi) * np.exp(-y ** 2)), m, atol=1e-10)
    assert hc.retrieval_overlap(0.0) == 1.0


def _moments_by_quad(m, sigma, beta):
    from scipy import integrate

    def f(z, k):
        return np.exp(-z * z / 2) / np.sqrt(2 * np.pi) * np.tanh(beta * (m + sigma * z)) ** k

    return [integrate.quad(f, -12, 12, args=(k,), points=[-m / sigma], limit=500, epsabs=1e-14)[0] for k in (1, 2)]


def test_gaussian_averages_match_adaptive_quadrature():
    from hopfield_course import meanfield

    for m, sigma, beta in [(0.97, 0.45, 1 / 0.0864), (0.5, 0.1, 100.0), (0.9, 0.3, 2.0), (0.99, 0.05, 300.0)]:
        np.testing.assert_allclose(meanfield._gauss_tanh_moments(m, sigma, beta), _moments_by_quad(m, sigma, beta),
                                   atol=1e-12)


def test_finite_temperature_boundary():
    from hopfield_course import meanfield

    # T -> 0: the boundary tends to the closed form alpha_c, linearly in T
    a0 = hc.critical_load(0.0)
    a1, a2 = hc.critical_load(0.0005), hc.critical_load(0.001)
    assert abs(a1 - a0) < 3e-5
    assert 2 * a1 - a2 == pytest.approx(a0, abs=2e-6)
    # the 121-node Gauss-Hermite rule gave 0.13796 here; a converged quadrature gives 0.13605
    assert hc.critical_load(0.0864) == pytest.approx(0.13605, abs=2e-5)
    loads = [hc.critical_load(T) for T in (0.2, 0.5, 0.8)]
    assert loads[0] > loads[1] > loads[2] > 0
    assert hc.critical_load(1.0) == 0.0
    # the branch solution is a fixed point of the RS equations (checked by direct iteration)
    for a, T in [(0.1, 0.3), (0.13, 0.05), (0.02, 0.8)]:
        assert hc.retrieval_overlap(a, temperature=T) == pytest.approx(meanfield._rs_finite_t(a, T), abs=1e-8)
    # alpha -> 0 limit of the finite-T equations is m = tanh(m/T)
    assert hc.retrieval_overlap(1e-9, temperature=0.6) == pytest.approx(hc.mean_field_overlap(0.6), abs=1e-4)
    assert hc.retrieval_overlap(0.0, temperature=0.6) == pytest.approx(hc.mean_field_overlap(0.6))
    # the T > 0 equations approach the T = 0 ones
    assert hc.retrieval_overlap(0.08, temperature=0.02) == pytest.approx(hc.retrieval_overlap(0.08), abs=1e-3)
    np.testing.assert_allclose(hc.spin_glass_temperature([0, 0.25]), [1.0, 1.5])
    with pytest.raises(ValueError, match="temperature"):
        hc.critical_load(-0.1)


# ---------------------------------------------------------------- crosstalk and errors (simulation)
def _crosstalk_loops(X):
    X = np.asarray(X)
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
def test_error_table_reproduced_by_simulation(p_error):
    """Measured one-step error at N = 1000 within 10% of 1/2 erfc(sqrt(N/2p)) at the table's loads."""
    n = 1000
    p = int(round(hc.load_for_error(p_error) * n))
    rng = np.random.default_rng(int(p_error * 1e4))
    errors = [hc.one_step_errors(hc.random_patterns(p, n, rng=rng)) for _ in range(6)]
    assert np.mean(errors) == pytest.approx(hc.error_probability(p / n), rel=0.10)


# ---------------------------------------------------------------- retrieval curve
def test_retrieval_curve_against_theory():
    r = hc.retrieval_curve(1000, [0.05, 0.1, 0.25], trials=6, rng=3)
    assert isinstance(r, cap.RetrievalCurve)
    assert r.overlaps.shape == (3, 6) and r.sweeps.shape == (3, 6)
    np.testing.assert_array_equal(r.n_memories, [50, 100, 250])
    m = r.mean_overlap
    assert m[0] > 0.99 and m[1] > 0.98
    assert abs(m[1] - hc.retrieval_overlap(0.1)) < 0.01
    assert m[2] < 0.6  # far above alpha_c the memory is lost
    assert r.retrieved()[0] == 1.0 and r.retrieved()[2] < 0.5
    assert np.all(r.converged == 1.0)
    again = hc.retrieval_curve(1000, [0.05, 0.1, 0.25], trials=6, rng=3, threads=1)
    np.testing.assert_array_equal(r.overlaps, again.overlaps)  # threads do not change results
    np.testing.assert_array_equal(r.sweeps, again.sweeps)


def test_retrieval_curve_kernel_equals_twin():
    a = hc.retrieval_curve(120, [0.05, 0.14, 0.3], trials=3, rng=5)
    b = hc.retrieval_curve(120, [0.05, 0.14, 0.3], trials=3, rng=5, engine="numpy")
    np.testing.assert_array_equal(a.overlaps, b.overlaps)
    np.testing.assert_array_equal(a.sweeps, b.sweeps)


@pytest.mark.parametrize("kwargs, match", [
    (dict(n_neurons=1, alphas=[0.1]), "n_neurons"),
    (dict(n_neurons=100.5, alphas=[0.1]), "n_neurons"),
    (dict(n_neurons=100, alphas=[0.0]), "alphas"),
    (dict(n_neurons=100, alphas=[1.5]), "alphas"),
    (dict(n_neurons=100, alphas=[float("nan")]), "alphas"),
    (dict(n_neurons=100, alphas=[]), "alphas"),
    (dict(n_neurons=100, alphas="x"), "alphas"),
    (dict(n_neurons=100, alphas=[0.1], trials=0), "trials"),
    (dict(n_neurons=100, alphas=[0.1], trials="3"), "trials"),
    (dict(n_neurons=100, alphas=[0.1], max_sweeps=0), "max_sweeps"),
    (dict(n_neurons=100, alphas=[0.1], threads=0), "threads"),
    (dict(n_neurons=100, alphas=[0.1], threads=10 ** 4), "threads"),
    (dict(n_neurons=100, alphas=[0.1], engine="c"), "engine"),
    (dict(n_neurons=100, alphas=[0.1], rng="a"), "rng"),
])
def test_retrieval_curve_bad_input(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        hc.retrieval_curve(**kwargs)


def test_retrieval_curve_options_are_keyword_only():
    with pytest.raises(TypeError):
        hc.retrieval_curve(100, [0.1], 2)


# ---------------------------------------------------------------- the finite-size study (data shipped)
def test_finite_size_data_reproduced_by_a_reduced_rerun():
    """Rerun the smallest size of the shipped finite-size study and compare within sampling error."""
    import json
    from importlib.resources import files

    data = json.loads(files("hopfield_course").joinpath("data/finite_size.json").read_text())
    assert data["threshold"] == cap.RETRIEVAL_THRESHOLD
    sizes = [row["n_neurons"] for row in data["sizes"]]
    assert sizes == sorted(sizes) and sizes[0] == 1000 and sizes[-1] == 16000
    row = data["sizes"][0]
    alphas = np.array(row["alphas"])
    pick = [int(np.argmin(np.abs(alphas - a))) for a in (0.13, 0.15, 0.17)]
    trials = 60
    r = hc.retrieval_curve(row["n_neurons"], alphas[pick], trials=trials, rng=12345)
    for k, j in enumerate(pick):
        f_data, n_data = row["retrieved"][j], row["trials"]
        f_new = r.retrieved()[k]
        # two binomial estimates of the same fraction: 4 standard errors of their difference
        var = max(f_data * (1 - f_data), 0.05) * (1 / n_data + 1 / trials)
        assert abs(f_new - f_data) < 4 * math.sqrt(var), (alphas[j], f_new, f_data)
        sd = max(row["overlap_std"][j], 0.02)
        assert abs(r.mean_overlap[k] - row["overlap_mean"][j]) < 4 * sd * math.sqrt(1 / n_data + 1 / trials)
    # the extrapolation stored with the data is consistent with its own estimates
    est = data["extrapolation"]
    assert 0.12 < est["alpha_c_infinity"] < 0.16 and est["alpha_c_infinity_error"] > 0


# ---------------------------------------------------------------- stability and basins
def test_tie_rule_same_on_w_w_over_p_and_w_over_n():
    # p = 3, N = 5 (the example of the redesign issue): ties in the fields are frequent
    rng = np.random.default_rng(0)
    found_tie = False
    for _ in range(300):
        X = rng.choice([-1, 1], size=(3, 5))
        W = hc.hebbian_weights(X)
        found_tie |= bool(np.any(X @ W == 0))
        answers = {hc.all_memories_stable(hc.hebbian_weights(X, normalize=k), X) for k in (None, "p", "N")}
        assert len(answers) == 1
        flips = [0, 1, 2]
        basins = [hc.basin_curve(hc.hebbian_weights(X, normalize=k), X, flips, trials=4, rng=1)
                  for k in (None, "p", "N")]
        np.testing.assert_array_equal(basins[0], basins[1])
        np.testing.assert_array_equal(basins[0], basins[2])
    assert found_tie


def test_capacity_functions_validate():
    X = hc.random_patterns(3, 20, rng=0)
    W = hc.hebbian_weights(X)
    with pytest.raises(ValueError, match="max_sweeps"):
        hc.basin_curve(W, X, [1], max_sweeps=0)
    with pytest.raises(ValueError, match="trials"):
        hc.basin_curve(W, X, [1], trials=0)
    with pytest.raises(ValueError, match="flips"):
        hc.basin_curve(W, X, [1.5])
    with pytest.raises(ValueError, match="flips"):
        hc.basin_curve(W, X, [])
    with pytest.raises(ValueError, match="rule"):
        hc.largest_stable_load("oja", 10)
    with pytest.raises(ValueError, match="n_neurons"):
        hc.largest_stable_load("hebb", 1)
    with pytest.raises(ValueError, match="p_max"):
        hc.largest_stable_load("hebb", 10, p_max=0)
    with pytest.raises(TypeError):
        hc.largest_stable_load("hebb", 10, None)  # options are keyword-only


def test_largest_stable_load_storkey_matches_the_rule():
    n = 40
    p = hc.largest_stable_load("storkey", n, rng=3)
    X = np.random.default_rng(3).choice(np.array([-1, 1]), size=(n - 1, n))
    assert hc.all_memories_stable(hc.storkey_weights(X[:p]), X[:p])
    if p < n - 1:
        assert not hc.all_memories_stable(hc.storkey_weights(X[:p + 1]), X[:p + 1])


# ---------------------------------------------------------------- demo and checks
def test_capacity_demo_compute_and_widget():
    d = hc.capacity_step(500, 0.2, trials=4, rng=1)
    assert d.n_memories == 100 and d.crosstalk.shape == (50000,)
    assert d.error_measured == pytest.approx(d.error_theory, rel=0.2)
    assert d.overlaps.shape == (4,)
    import matplotlib
    matplotlib.use("Agg")
    box = hc.capacity_explorer(n_neurons=250, trials=2)
    assert "hc-demo" in box._dom_classes
    with pytest.raises(ValueError, match="n_neurons"):
        hc.capacity_explorer(n_neurons=300)
    with pytest.raises(ValueError, match="alpha"):
        hc.capacity_step(500, 0.0)
    with pytest.raises(TypeError, match="rng"):
        hc.capacity_step(500, 0.1, rng="x")


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
    assert not r and r.status == "wrong" and "nu = mu" in r.message
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
    box = hc.capacity_explorer(n_neurons=250, alpha=0.1, trials=2)
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
    assert box.live.builds == 1  # every control updated the one figure in place


def test_capacity_live_figure_updates_in_place_like_a_fresh_figure(live_twin):
    from hopfield_course.demos.capacity import _build_capacity, _update_capacity

    steps = [hc.capacity_step(n, a, trials=3, rng=s) for n, a, s in ((250, 0.05, 0), (500, 0.25, 1), (250, 0.14, 2))]
    history = {}

    def update(artists, data):
        history[(data.n_neurons, data.alpha)] = data.overlaps
        _update_capacity(artists, data, history)

    live = live_twin(_build_capacity, update, steps, check_limits=False)  # the overlap axes are fixed at 0..1.05
    ax1, ax2 = live.figure.axes
    last = steps[-1]
    assert ax1.get_title() == (f"p/N = {last.alpha:.3f}, one-step error:\nmeasured {last.errors:,} of "
                               f"{last.n_memories * last.n_neurons:,} bits ({last.error_measured:.4f}), "
                               f"theory {last.error_theory:.4f}")
    lim = max(1.4, 4.5 * np.sqrt(last.alpha))
    assert ax1.get_xlim() == pytest.approx((-lim, lim))
    # the histogram's tallest bin and the Gaussian's peak are in view
    assert ax1.get_ylim()[1] >= max(artists_heights(ax1))
    visited = ax2.lines[2]
    assert list(visited.get_xdata()) == [steps[0].alpha, steps[2].alpha]  # both loads seen at N = 250 stay
    assert ax2.get_legend().get_texts()[1].get_text() == "simulation, N = 250"


def artists_heights(ax):
    from matplotlib.patches import StepPatch

    heights = [max(p.get_data().values) for p in ax.patches if isinstance(p, StepPatch)]
    heights += [max(line.get_ydata()) for line in ax.lines if len(line.get_ydata()) > 2]
    return heights


# ---------------------------------------------------------------- the demo's readout and overlap panel
def _draw_memories(n, p, seed):
    """The memories capacity_step(n, p / n, rng=seed) stores: the first draw from its generator."""
    return np.random.default_rng(seed).choice(np.array([-1, 1]), size=(p, n))


def test_capacity_step_counts_exactly_the_bits_one_update_changes():
    # N = 500, p = 100: (N - 1) p is even, so a field can be exactly 0; the tie rule then turns a -1 bit into
    # +1, a flip that "C > (N-1)/N" misses (with N even and p odd, (N-1) p is odd and no field is 0)
    n, alpha, seed = 500, 0.2, 1
    d = hc.capacity_step(n, alpha, trials=1, rng=seed)
    X = _draw_memories(n, d.n_memories, seed)
    np.testing.assert_array_equal(d.crosstalk, hc.crosstalk(X).ravel())  # the same memories as the demo's
    W = hc.hebbian_weights(X)
    fields = X @ W
    ties_that_flip = (fields == 0) & (X == -1)
    assert ties_that_flip.sum() >= 5  # the case has ties that change a bit
    changed = np.array([hc.sync_step(x, W) != x for x in X])  # one update of each memory, the course's rule
    assert d.errors == changed.sum()
    assert d.error_measured == changed.mean()
    assert d.error_measured == hc.one_step_errors(X)  # the package's one implementation
    C = d.crosstalk.reshape(X.shape)
    assert d.errors == np.sum(C > (n - 1) / n) + ties_that_flip.sum()  # what the old count left out


def test_capacity_step_without_ties_and_with_none_possible():
    # N even, p odd: every field is odd, none is 0, and "C > (N-1)/N" is then exactly the one-step count
    n, seed = 250, 4
    d = hc.capacity_step(n, 0.1, trials=1, rng=seed)
    assert d.n_memories % 2 == 1
    X = _draw_memories(n, d.n_memories, seed)
    assert not np.any(X @ hc.hebbian_weights(X) == 0)
    assert d.errors == np.sum(d.crosstalk > (n - 1) / n)


@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.1, 0.3])
def test_capacity_readout_never_shows_a_small_error_as_zero(alpha):
    from hopfield_course.demos.capacity import _error_readout

    d = hc.capacity_step(500, alpha, trials=1, rng=0)
    text = _error_readout(d)
    assert "0.0000" not in text
    assert f"measured {d.errors:,} of {d.n_memories * 500:,} bits" in text
    theory = text.rsplit("theory ", 1)[1]
    assert float(theory) == pytest.approx(d.error_theory, rel=0.05)  # 2 significant digits at least
    if d.errors:
        assert float(text.split("(")[1].split(")")[0]) == pytest.approx(d.error_measured, rel=0.05)


def test_capacity_readout_of_small_loads_is_in_scientific_notation():
    from hopfield_course.demos.capacity import _rate

    assert _rate(4.2e-6) == "4.2e-06" and _rate(0.0) == "0" and _rate(0.0127) == "0.0127"
    assert _rate(9.96e-4) == "1.0e-03"


def _marker_pixels(line):
    """Half the width and half the height of the line's marker, in pixels."""
    marker = line._marker
    ext = marker.get_path().transformed(marker.get_transform()).get_extents()
    size = line.get_markersize() * line.figure.dpi / 72
    return size * max(abs(ext.x0), abs(ext.x1)), size * max(abs(ext.y0), abs(ext.y1))


@pytest.mark.parametrize("presenter", [False, True])
def test_capacity_markers_are_drawn_whole_at_every_load(presenter, assert_fits):
    from hopfield_course.demos._skeleton import LiveFigure
    from hopfield_course.demos.capacity import _build_capacity, _update_capacity
    from hopfield_course.plotting import scale

    history = {}

    def update(artists, data):
        history[(data.n_neurons, data.alpha)] = data.overlaps
        _update_capacity(artists, data, history)

    live = LiveFigure(_build_capacity, update, figsize=scale((10, 3.6), presenter), presenter=presenter)
    for alpha in (0.01, 0.3, 0.05):  # the two ends of the slider; at 0.05 every overlap is 1, the top of the panel
        live.render(hc.capacity_step(250, alpha, trials=3, rng=0))
        assert_fits(live)  # the two-line readout included
    live.render(hc.capacity_step(250, 0.3, trials=3, rng=1))
    ax2 = live.figure.axes[1]
    box = ax2.get_window_extent()
    shown = 0
    for line in ax2.lines:
        if line.get_marker() in (None, "None", "none", "") or len(line.get_xdata()) == 0:
            continue
        dx, dy = _marker_pixels(line)
        xy = ax2.transData.transform(line.get_xydata())
        assert np.all(xy[:, 0] - dx >= box.x0) and np.all(xy[:, 0] + dx <= box.x1), line
        assert np.all(xy[:, 1] - dy >= box.y0) and np.all(xy[:, 1] + dy <= box.y1), line
        shown += len(xy)
    assert shown == 3 + 1 + 3  # the trials and the mean at 0.3, and the visited loads 0.01, 0.05 and 0.3
    live = LiveFigure(_build_capacity, update, figsize=scale((10, 3.6), presenter), presenter=presenter)
    for alpha in (0.01, 0.3):  # the widest readout: N = 1000 at the largest load
        live.render(hc.capacity_step(1000, alpha, trials=1, rng=0))
        assert_fits(live)
