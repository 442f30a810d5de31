"""Live demos of asymmetric networks: two-neuron oscillations and the controlled model of Cardin et al."""

from __future__ import annotations

import numpy as np

from .._validation import _finite_numeric, as_bool, as_choice, as_float, as_int
from ..control import CONTROL_SCENARIOS, classify_outcome, control_scenario, solve_control
from ..graded import continuous_energy, continuous_rhs, integrate, two_neuron_couplings
from ..plotting import scale, style
from ._skeleton import LiveFigure

__all__ = [
    "oscillation_step",
    "oscillation_explorer",
    "control_step",
    "control_explorer",
    "draw_control",
]


def oscillation_step(self_coupling=1.5, rotation=1.0, *, gain=1.0, start=(0.3, 0.0), t_max=30.0, grid=21):
    """Vector field, one trajectory and Hopfield's energy along it for ``T = [[a, -b], [b, a]]``.

    The trajectory is integrated with RK4 (dt = 0.05). Returns a dict with the grid (``U``,
    ``V``, field components ``DU``, ``DV``), the trajectory ``t``, ``u`` and ``energy`` (the
    1984 energy of the symmetric part of T, evaluated along the path).
    """
    T = two_neuron_couplings(self_coupling, rotation)
    gain = as_float(gain, "gain", positive=True)
    start = _finite_numeric("start", start).astype(float)
    if start.shape != (2,):
        raise ValueError(f"start: expected two potentials (u1, u2), got shape {start.shape}")
    grid = as_int(grid, "grid", minimum=3, maximum=200)
    lim = 2.0
    ax = np.linspace(-lim, lim, grid)
    U, V = np.meshgrid(ax, ax)
    field = continuous_rhs(np.stack([U, V], axis=-1), T, gain=gain)
    run = integrate(start, T, method="rk4", dt=0.05, t_max=t_max, gain=gain)
    sym = 0.5 * (T + T.T)
    return {"T": T, "U": U, "V": V, "DU": field[..., 0], "DV": field[..., 1], "t": run.t, "u": run.u,
            "energy": continuous_energy(run.u, sym, gain=gain), "gain": gain}


_SEEDS = np.linspace(-1.75, 1.75, 8)  # a regular 8 x 8 grid of seeds for the flow lines of the phase plane
_FLOW_STEPS, _FLOW_STEP = 10, 0.035  # each flow line runs 10 steps of 0.035 backward and forward from its seed
_HEAD = 0.008  # arrowhead width at the seeds, a fraction of the figure's width (so presenter figures scale it)


def _field_at(data, xy):
    """The field of ``data`` (its grid ``U``, ``V``, ``DU``, ``DV``) at the points ``xy`` (n, 2), bilinearly."""
    xs, ys = data["U"][0], data["V"][:, 0]
    fx = np.clip(np.interp(xy[:, 0], xs, np.arange(xs.size)), 0, xs.size - 1.000001)
    fy = np.clip(np.interp(xy[:, 1], ys, np.arange(ys.size)), 0, ys.size - 1.000001)
    i, j = fx.astype(int), fy.astype(int)
    a, b = (fx - i)[:, None], (fy - j)[:, None]
    F = np.stack([data["DU"], data["DV"]], axis=-1)
    return ((1 - a) * (1 - b) * F[j, i] + a * (1 - b) * F[j, i + 1] + (1 - a) * b * F[j + 1, i]
            + a * b * F[j + 1, i + 1])


def _direction(v):
    """Unit vectors along the rows of ``v`` (zero where the field vanishes)."""
    n = np.hypot(v[:, 0], v[:, 1])[:, None]
    return np.divide(v, n, out=np.zeros_like(v), where=n > 1e-12)


def _flow_lines(data, seeds):
    """Short flow lines through ``seeds`` (n, 2): arrays (n, 2 * steps + 1, 2), traced along the
    direction of the field (midpoint rule, fixed arc-length step) backward and forward."""
    lines = np.empty((len(seeds), 2 * _FLOW_STEPS + 1, 2))
    lines[:, _FLOW_STEPS] = seeds
    for sign in (1.0, -1.0):
        p = seeds.copy()
        for k in range(1, _FLOW_STEPS + 1):
            half = p + 0.5 * sign * _FLOW_STEP * _direction(_field_at(data, p))
            p = np.clip(p + sign * _FLOW_STEP * _direction(_field_at(data, half)), -2.0, 2.0)
            lines[:, _FLOW_STEPS + int(sign) * k] = p
    return lines


def _build_phase(fig, data):
    """The axes and artists of the two-neuron figure (its structure does not depend on ``data``)."""
    from matplotlib.collections import LineCollection

    ax, bx = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
    seeds = np.array(np.meshgrid(_SEEDS, _SEEDS)).reshape(2, -1).T
    flow = LineCollection(_flow_lines(data, seeds), colors="0.6", linewidths=0.6)
    ax.add_collection(flow)
    # arrowheads only (the shaft is as long as the head) at the seeds, pointing along the field
    width = _HEAD / 4.0 * fig.get_figwidth()  # inches: a quarter of the head's width
    heads = ax.quiver(seeds[:, 0], seeds[:, 1], np.ones(len(seeds)), np.zeros(len(seeds)), color="0.6",
                      angles="xy", pivot="mid", units="inches", scale_units="inches", scale=1.0,
                      width=width, headwidth=4.0, headlength=5.0, headaxislength=4.5, minlength=0.0)
    (path,) = ax.plot([0.0], [0.0], color="tab:red", lw=1.5)
    (start,) = ax.plot([0.0], [0.0], "o", color="tab:red")
    ax.set_xlabel("$u_1$")
    ax.set_ylabel("$u_2$")
    ax.set_xlim(-2, 2)
    ax.set_ylim(-2, 2)
    ax.set_xticks(range(-2, 3))  # fixed ticks for the fixed plane: no locator at every redraw
    ax.set_yticks(range(-2, 3))
    (energy,) = bx.plot([0.0], [0.0], color="tab:blue")
    bx.set_xlabel("time t")
    bx.set_ylabel("E (symmetric part of T)")
    return {"phase": ax, "energy_axes": bx, "seeds": seeds, "flow": flow, "heads": heads, "path": path,
            "start": start, "energy": energy}


def _update_phase(artists, data):
    """Put one :func:`oscillation_step` result into the artists of :func:`_build_phase`."""
    seeds = artists["seeds"]
    artists["flow"].set_segments(_flow_lines(data, seeds))
    heads = artists["heads"]
    head = 5.4 * heads.width * _direction(_field_at(data, seeds))  # inches: just the arrowhead (5 widths long)
    heads.set_UVC(head[:, 0], head[:, 1])
    u = data["u"]
    artists["path"].set_data(u[:, 0], u[:, 1])
    artists["start"].set_data([u[0, 0]], [u[0, 1]])
    T = data["T"] + 0.0  # no "-0"
    artists["phase"].set_title(f"T = [[{T[0, 0]:.2g}, {T[0, 1]:.2g}], [{T[1, 0]:.2g}, {T[1, 1]:.2g}]]")
    artists["energy"].set_data(data["t"], data["energy"])
    bx = artists["energy_axes"]
    bx.relim()
    bx.autoscale_view()
    rising = np.any(np.diff(data["energy"]) > 1e-9)
    bx.set_title("E rises somewhere" if rising else "E never rises")


def _draw_phase(data, presenter=False):
    """The two-neuron figure of ``data`` as a new pyplot figure (for notebooks and tests): the phase
    plane with flow lines of the field and the trajectory from its start (red dot), and Hopfield's
    energy of the symmetric part of T along the trajectory."""
    import matplotlib.pyplot as plt

    with style(presenter):
        fig = plt.figure(figsize=scale((8, 3.2), presenter), layout="constrained")
        _update_phase(_build_phase(fig, data), data)
    return fig


def oscillation_explorer(presenter=False):
    """Two neurons: move the antisymmetric part b of T and watch a sink turn into a limit cycle.

    The figure (a :class:`~hopfield_course.demos._skeleton.LiveFigure`, ``box.live``) shows the phase
    plane of (u1, u2) with short flow lines of the field and the trajectory from (0.3, 0), and the
    energy of the symmetric part of T along it.
    """
    import ipywidgets as w

    presenter = as_bool(presenter, "presenter")
    c_a = w.FloatSlider(value=1.5, min=0.0, max=3.0, step=0.1, description="a (self)")
    c_b = w.FloatSlider(value=1.0, min=0.0, max=2.0, step=0.05, description="b (asym.)")
    c_g = w.FloatSlider(value=1.0, min=0.5, max=3.0, step=0.1, description="gain")
    out = w.Image(format="png")
    live = LiveFigure(_build_phase, _update_phase, figsize=scale((8, 3.2), presenter), out=out,
                      presenter=presenter)

    def redraw(*_):
        live.show(oscillation_step(c_a.value, c_b.value, gain=c_g.value))

    for c in (c_a, c_b, c_g):
        c.observe(redraw, "value")
    redraw()
    box = w.VBox([w.HBox([c_a, c_b, c_g]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box


def control_step(scenario="new pattern", *, mu=0.1, lam=0.3, big_k=1.0):
    """Solve the controlled model for a scenario and classify the outcome (the compute of one slider step).

    Coarse discretisation for speed: horizon 10, 5 control segments, Euler steps of 0.1, small
    bound ``k = 0.05 K``. Returns a dict with ``A``, ``result`` (ControlResult), ``outcome``.
    """
    scenario = as_choice(scenario, "scenario", CONTROL_SCENARIOS)
    big_k = as_float(big_k, "big_k", positive=True)
    A, u0, gain = control_scenario(scenario)
    res = solve_control(u0, A, horizon=10.0, dt=0.1, segments=5, gain=gain, lam=lam, mu=mu,
                        big_k=big_k, small_k=0.05 * big_k, max_iter=150)
    return {"A": A, "result": res, "outcome": classify_outcome(res, A, t_after=60.0)}


def _control_lines(data):
    return min(data["max_lines"], data["result"].u.shape[1])


def _build_control(fig, data):
    """The axes and artists of the controlled-run figure (structure: how many potentials are drawn)."""
    from matplotlib.lines import Line2D

    n = _control_lines(data)
    ax, bx = fig.subplots(1, 2, gridspec_kw={"width_ratios": [2, 1]})
    zeros = np.zeros((2, n))
    controlled = ax.plot(zeros, zeros, lw=1.4)
    ax.set_prop_cycle(None)  # the frozen continuation of neuron i in the colour of neuron i
    frozen = ax.plot(zeros, zeros, lw=1.2, ls="--")
    horizon = ax.axvline(0.0, color="0.4", lw=1.0, ls=":")
    key = [Line2D([], [], color="0.3", ls="-", label="controlled (last control\nheld after the horizon)"),
           Line2D([], [], color="0.3", ls="--", label="frozen continuation\n$T = A + \\xi_{final}$"),
           Line2D([], [], color="0.4", ls=":", label="end of horizon")]
    ax.legend(handles=key, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_xlabel("time t")
    ax.set_ylabel("potentials $u_i$")
    stairs = bx.stairs([0.0], [0.0, 1.0], color="tab:red", lw=1.5)
    bx.set_xlabel("time t")
    bx.set_ylabel("|ξ(t)|")
    return {"potentials": ax, "controlled": controlled, "frozen": frozen, "horizon": horizon,
            "control_axes": bx, "stairs": stairs}


def _update_control(artists, data):
    """Put a controlled run (``data``: ``result``, ``outcome``, ``title``, ``max_lines``, ``after``) into the
    artists of :func:`_build_control`."""
    res, outcome = data["result"], data["outcome"]
    for k, line in enumerate(artists["controlled"]):
        line.set_data(res.t, res.u[:, k])
    keep = outcome.t <= data["after"]
    t_end = res.t[-1]
    for k, line in enumerate(artists["frozen"]):
        line.set_data(t_end + outcome.t[keep], outcome.u[keep, k])
    artists["horizon"].set_xdata([res.settings["horizon"]] * 2)
    ax = artists["potentials"]
    ax.set_title(data["title"] or f"outcome: {outcome.label}")
    ax.relim()
    ax.autoscale_view()
    bx = artists["control_axes"]
    sps = res.settings["steps_per_segment"]
    dt = res.settings["dt"]
    edges = np.arange(len(res.xi) + 1) * sps * dt
    norms = res.control_norms
    artists["stairs"].set_data(norms, edges)
    bx.relim()
    bx.autoscale_view()
    bx.set_ylim(0, max(0.1, 1.15 * norms.max()))
    # right-aligned: a title wider than this narrow panel runs into the free space on its left, not
    # off the figure (constrained layout ignores the width of titles)
    bx.set_title(f"J = {res.cost:.3g} (no control: {res.cost_uncontrolled:.3g})", loc="right")


def draw_control(res, outcome, *, presenter=False, title=None, max_lines=6, after=20.0):
    """Figure of a controlled run: potentials u_i(t) of the first ``max_lines`` neurons under the
    control (solid), then the first ``after`` time units of the frozen continuation
    ``T = A + xi_final`` (dashed); a dotted line marks the end of the control horizon; right: |xi(t)|.
    """
    import matplotlib.pyplot as plt

    max_lines = as_int(max_lines, "max_lines", minimum=1)
    after = as_float(after, "after", minimum=0.0)
    data = {"result": res, "outcome": outcome, "title": title, "max_lines": max_lines, "after": after}
    with style(presenter):
        fig = plt.figure(figsize=scale((11, 3.6), presenter), layout="constrained")
        _update_control(_build_control(fig, data), data)
    return fig


def control_explorer(scenario="new pattern", presenter=False):
    """The Pareto weight mu between conservative and innovative behaviour, with a slider.

    Controls: the scenario, mu, the discount rate lambda and the bound K on existing synapses.
    Every change re-solves the control problem (coarse discretisation) and redraws the figure of
    :func:`draw_control` in place (a :class:`~hopfield_course.demos._skeleton.LiveFigure`, ``box.live``;
    it is built again only when the network has another number of neurons).
    """
    import ipywidgets as w

    if scenario not in CONTROL_SCENARIOS:
        raise ValueError(f"scenario: expected one of {CONTROL_SCENARIOS}, got {scenario!r}")
    c_s = w.Dropdown(options=CONTROL_SCENARIOS, value=scenario, description="network")
    c_mu = w.FloatSlider(value=0.1, min=0.01, max=0.99, step=0.01, description="μ", continuous_update=False)
    c_lam = w.FloatSlider(value=0.3, min=0.1, max=2.0, step=0.1, description="λ", continuous_update=False)
    c_k = w.FloatSlider(value=1.0, min=0.1, max=2.0, step=0.1, description="K", continuous_update=False)
    out = w.Image(format="png")
    live = LiveFigure(_build_control, _update_control, figsize=scale((11, 3.6), presenter), out=out,
                      presenter=presenter)

    def redraw(*_):
        step = control_step(c_s.value, mu=c_mu.value, lam=c_lam.value, big_k=c_k.value)
        data = {"result": step["result"], "outcome": step["outcome"], "title": None, "max_lines": 6, "after": 20.0}
        live.show(data, key=_control_lines(data))  # a network of another size has another number of lines

    for c in (c_s, c_mu, c_lam, c_k):
        c.observe(redraw, "value")
    redraw()
    box = w.VBox([w.HBox([c_s, c_mu]), w.HBox([c_lam, c_k]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box
