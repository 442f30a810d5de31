"""Live demos of asymmetric networks: two-neuron oscillations and the controlled model of Cardin et al."""

from __future__ import annotations

import numpy as np

from .._validation import _finite_numeric, as_bool, as_choice, as_float, as_int
from ..control import CONTROL_SCENARIOS, ControlResult, Outcome, classify_outcome, control_scenario, solve_control
from ..graded import (classify_fixed_point, continuous_energy, continuous_rhs, fixed_points, integrate,
                      two_neuron_couplings)
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
    """Vector field, one trajectory, the fixed points and Hopfield's energy for ``T = [[a, -b], [b, a]]``.

    The trajectory is integrated with RK4 (dt = 0.05); the fixed points are found by
    :func:`~hopfield_course.graded.fixed_points` and classified by their Jacobian. The window
    ``[-lim, lim]`` in both potentials holds the whole trajectory and every fixed point with a margin
    of at least 8 % (and ``lim >= 2``; the field is symmetric under a rotation by 90 degrees, so the
    fixed points are too, and the window is centred at 0). Returns a dict with ``lim``, the
    grid over the window (``U``, ``V``, field components ``DU``, ``DV``), the trajectory ``t``, ``u``,
    ``energy`` (the 1984 energy of the symmetric part of T, evaluated along the path), the
    ``fixed_points`` (k, 2) and ``stable`` (k,) (True for a sink).
    """
    T = two_neuron_couplings(self_coupling, rotation)
    gain = as_float(gain, "gain", positive=True)
    start = _finite_numeric("start", start).astype(float)
    if start.shape != (2,):
        raise ValueError(f"start: expected two potentials (u1, u2), got shape {start.shape}")
    grid = as_int(grid, "grid", minimum=3, maximum=200)
    run = integrate(start, T, method="rk4", dt=0.05, t_max=t_max, gain=gain)
    points = fixed_points(T, gain=gain)
    stable = np.array([classify_fixed_point(p, T, gain=gain) == "sink" for p in points], dtype=bool)
    lim = _window(run.u, points)
    ax = np.linspace(-lim, lim, grid)
    U, V = np.meshgrid(ax, ax)
    field = continuous_rhs(np.stack([U, V], axis=-1), T, gain=gain)
    sym = 0.5 * (T + T.T)
    return {"T": T, "lim": lim, "U": U, "V": V, "DU": field[..., 0], "DV": field[..., 1], "t": run.t, "u": run.u,
            "energy": continuous_energy(run.u, sym, gain=gain), "gain": gain, "fixed_points": points,
            "stable": stable}


_MIN_LIM = 2.0  # the phase plane shows at least [-2, 2]^2 (the window the demo always had)
_MARGIN = 1.08  # room around the farthest point of the trajectory or fixed point: at least 8 %
_LIM_STEP = 0.5  # the half-width of the window is a multiple of 0.5 (a stable window for small slider steps)


def _window(u, points):
    """Half-width ``lim`` of the square window ``[-lim, lim]^2`` holding the trajectory ``u`` (m, 2) and the
    fixed points ``points`` (k, 2) with a margin: at least ``_MIN_LIM``, rounded up to ``_LIM_STEP``."""
    extent = max(float(np.max(np.abs(u))), float(np.max(np.abs(points), initial=0.0)))
    return max(_MIN_LIM, float(np.ceil(_MARGIN * extent / _LIM_STEP)) * _LIM_STEP)


def _ticks(lim):
    """Integer ticks for the window ``[-lim, lim]``: every unit up to ``lim = 3``, every second unit beyond."""
    step = 1 if lim <= 3 else 2
    top = np.floor(lim / step) * step
    return np.arange(-top, top + step / 2, step)


_SEEDS = (np.arange(8) + 0.5) / 8  # the flow lines start on a regular 8 x 8 grid: the centres of 8 x 8 cells
_FLOW_STEPS, _FLOW_STEP = 10, 0.035 / 4  # 10 steps backward and forward, each 0.035 / 4 of the window's width
_HEAD = 0.008  # arrowhead width at the seeds, a fraction of the figure's width (so presenter figures scale it)


def _seeds(lim):
    """The seeds of the flow lines in the window ``[-lim, lim]^2`` (64, 2): the centres of its 8 x 8 cells."""
    frac = np.array(np.meshgrid(_SEEDS, _SEEDS)).reshape(2, -1).T
    return lim * (2.0 * frac - 1.0)


def _field_at(data, xy):
    """The field of ``data`` (its couplings ``T`` and ``gain``) at the points ``xy`` (n, 2)."""
    return continuous_rhs(xy, data["T"], gain=data["gain"])


def _direction(v):
    """Unit vectors along the rows of ``v`` (zero where the field vanishes)."""
    n = np.hypot(v[:, 0], v[:, 1])[:, None]
    return np.divide(v, n, out=np.zeros_like(v), where=n > 1e-12)


def _flow_lines(data, seeds):
    """Short flow lines through ``seeds`` (n, 2): arrays (n, 2 * steps + 1, 2), traced along the
    direction of the field (midpoint rule, a fixed arc-length step in proportion to the window)
    backward and forward, and kept inside the window ``[-lim, lim]^2``."""
    lim = data["lim"]
    h = _FLOW_STEP * 2.0 * lim
    lines = np.empty((len(seeds), 2 * _FLOW_STEPS + 1, 2))
    lines[:, _FLOW_STEPS] = seeds
    for sign in (1.0, -1.0):
        p = seeds.copy()
        for k in range(1, _FLOW_STEPS + 1):
            half = p + 0.5 * sign * h * _direction(_field_at(data, p))
            p = np.clip(p + sign * h * _direction(_field_at(data, half)), -lim, lim)
            lines[:, _FLOW_STEPS + int(sign) * k] = p
    return lines


def _build_phase(fig, data):
    """The axes and artists of the two-neuron figure (its structure does not depend on ``data``)."""
    from matplotlib import rcParams
    from matplotlib.collections import LineCollection

    ax, bx = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.1, 1]})
    flow = LineCollection(np.zeros((len(_SEEDS) ** 2, 2, 2)), colors="0.6", linewidths=0.6)
    ax.add_collection(flow, autolim=False)
    # arrowheads only (the shaft is as long as the head) at the seeds, pointing along the field. The seeds
    # sit on a fixed grid of the window, so the heads are placed in axes coordinates and never move; their
    # directions are data-space directions (angles="xy" reads them through the data transform)
    width = _HEAD / 4.0 * fig.get_figwidth()  # inches: a quarter of the head's width
    frac = _seeds(0.5) + 0.5
    heads = ax.quiver(frac[:, 0], frac[:, 1], np.ones(len(frac)), np.zeros(len(frac)), color="0.6",
                      transform=ax.transAxes, angles="xy", pivot="mid", units="inches", scale_units="inches",
                      scale=1.0, width=width, headwidth=4.0, headlength=5.0, headaxislength=4.5, minlength=0.0)
    (path,) = ax.plot([0.0], [0.0], color="tab:red", lw=1.5)
    (start,) = ax.plot([0.0], [0.0], "o", color="tab:red")
    # fixed points: sinks filled, saddles and sources open (a little smaller than the start, in any style)
    ms = 0.75 * rcParams["lines.markersize"]
    (sinks,) = ax.plot([0.0], [0.0], "o", color="k", ms=ms, zorder=4)
    (unstable,) = ax.plot([0.0], [0.0], "o", color="k", mfc="white", ms=ms, zorder=4)
    ax.set_xlabel("$u_1$")
    ax.set_ylabel("$u_2$")
    (energy,) = bx.plot([0.0], [0.0], color="tab:blue")
    bx.set_xlabel("time t")
    bx.set_ylabel("E (symmetric part of T)")
    return {"phase": ax, "energy_axes": bx, "flow": flow, "heads": heads, "path": path, "start": start,
            "sinks": sinks, "unstable": unstable, "energy": energy}


def _update_phase(artists, data):
    """Put one :func:`oscillation_step` result into the artists of :func:`_build_phase`."""
    lim = data["lim"]
    seeds = _seeds(lim)
    ax = artists["phase"]
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ticks = _ticks(lim)  # set here, not by a locator: no locator runs at every redraw
    ax.set_xticks(ticks)
    ax.set_yticks(ticks)
    artists["flow"].set_segments(_flow_lines(data, seeds))
    heads = artists["heads"]
    head = 5.4 * heads.width * _direction(_field_at(data, seeds))  # inches: just the arrowhead (5 widths long)
    heads.set_UVC(head[:, 0], head[:, 1])
    u = data["u"]
    artists["path"].set_data(u[:, 0], u[:, 1])
    artists["start"].set_data([u[0, 0]], [u[0, 1]])
    points, stable = data["fixed_points"], data["stable"]
    artists["sinks"].set_data(points[stable, 0], points[stable, 1])
    artists["unstable"].set_data(points[~stable, 0], points[~stable, 1])
    T = data["T"] + 0.0  # no "-0"
    ax.set_title(f"T = [[{T[0, 0]:.2g}, {T[0, 1]:.2g}], [{T[1, 0]:.2g}, {T[1, 1]:.2g}]]")
    artists["energy"].set_data(data["t"], data["energy"])
    bx = artists["energy_axes"]
    bx.relim()
    bx.autoscale_view()
    rising = np.any(np.diff(data["energy"]) > 1e-9)
    bx.set_title("E rises somewhere" if rising else "E never rises")


def _draw_phase(data, presenter=False):
    """The two-neuron figure of ``data`` as a new pyplot figure (for notebooks and tests): the phase
    plane (the window of ``data``) with flow lines of the field, the fixed points (sinks filled, saddles
    and sources open) and the trajectory from its start (red dot), and Hopfield's energy of the
    symmetric part of T along the trajectory."""
    import matplotlib.pyplot as plt

    with style(presenter):
        fig = plt.figure(figsize=scale((8, 3.2), presenter), layout="constrained")
        _update_phase(_build_phase(fig, data), data)
    return fig


def oscillation_explorer(presenter=False):
    """Two neurons: move the antisymmetric part b of T and watch a sink turn into a limit cycle.

    The figure (a :class:`~hopfield_course.demos._skeleton.LiveFigure`, ``box.live``) shows the phase
    plane of (u1, u2) with short flow lines of the field, the fixed points (sinks filled, saddles and
    sources open) and the trajectory from (0.3, 0), and the energy of the symmetric part of T along it.
    The window grows with the data: it always holds the whole trajectory and every fixed point.
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

    A coarser discretisation than the chapter's episodes, for speed: horizon 10 and 5 control segments
    (the chapter uses 10), Euler steps of 0.05 as in the chapter (with steps of 0.1 the optimiser's
    model turns the oscillator's slowly damped spiral into a growing one), small bound ``k = 0.05 K``.
    Returns a dict with ``A``, ``result`` (ControlResult), ``outcome``.
    """
    scenario = as_choice(scenario, "scenario", CONTROL_SCENARIOS)
    big_k = as_float(big_k, "big_k", positive=True)
    A, u0, gain = control_scenario(scenario)
    res = solve_control(u0, A, horizon=10.0, dt=0.05, segments=5, gain=gain, lam=lam, mu=mu,
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
    control_horizon = bx.axvline(0.0, color="0.4", lw=1.0, ls=":")
    bx.set_xlabel("time t")
    bx.set_ylabel("|ξ(t)|")
    return {"potentials": ax, "controlled": controlled, "frozen": frozen, "horizon": horizon,
            "control_axes": bx, "stairs": stairs, "control_horizon": control_horizon}


def _update_control(artists, data):
    """Put a controlled run (``data``: ``result``, ``outcome``, ``continuation`` (t, u), ``title``,
    ``max_lines``) into the artists of :func:`_build_control`."""
    res, outcome = data["result"], data["outcome"]
    controlled = outcome.controlled
    for k, line in enumerate(artists["controlled"]):
        line.set_data(controlled.t, controlled.u[:, k])
    t_c, u_c = data["continuation"]
    t_end = controlled.t[-1]
    for k, line in enumerate(artists["frozen"]):
        line.set_data(t_end + t_c, u_c[:, k])
    artists["horizon"].set_xdata([res.settings["horizon"]] * 2)
    ax = artists["potentials"]
    ax.set_title(data["title"] or f"outcome: {outcome.label}")
    ax.relim()
    ax.autoscale_view()
    bx = artists["control_axes"]
    sps = res.settings["steps_per_segment"]
    dt = res.settings["dt"]
    edges = np.arange(len(res.xi) + 1) * sps * dt
    edges[-1] = controlled.t[-1]  # the last control is held through the tail (and frozen after it)
    norms = res.control_norms
    artists["stairs"].set_data(norms, edges)
    artists["control_horizon"].set_xdata([res.settings["horizon"]] * 2)
    bx.relim()
    bx.autoscale_view()
    bx.set_ylim(0, max(0.1, 1.15 * norms.max()))
    # right-aligned: a title wider than this narrow panel runs into the free space on its left, not
    # off the figure (constrained layout ignores the width of titles)
    bx.set_title(f"J = {res.cost:.3g} (no control: {res.cost_uncontrolled:.3g})", loc="right")


def _control_data(res, outcome, *, title, max_lines, after):
    """The data of one controlled-run figure: the first ``after`` time units of the frozen run."""
    if not isinstance(res, ControlResult):
        raise TypeError(f"res: expected a ControlResult from solve_control, got {type(res).__name__}")
    if not isinstance(outcome, Outcome) or outcome.controlled is None:
        raise TypeError("outcome: expected the Outcome that classify_outcome returned for res (with its "
                        f"controlled part), got {type(outcome).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title: expected a string or None, got {type(title).__name__}")
    keep = outcome.t <= after + 1e-9
    return {"result": res, "outcome": outcome, "continuation": (outcome.t[keep], outcome.u[keep]),
            "title": title, "max_lines": max_lines}


def draw_control(res, outcome, *, presenter=False, title=None, max_lines=6, after=20.0):
    """Figure of a controlled run: potentials u_i(t) of the first ``max_lines`` neurons under the
    control (solid), then the first ``after`` time units of the frozen continuation
    ``T = A + xi_final`` (dashed); a dotted line marks the end of the control horizon; right: |xi(t)|.

    Both curves are the equation itself, integrated with RK4 (``outcome.controlled`` under the
    optimised controls, then the frozen run of :func:`~hopfield_course.control.classify_outcome` that
    names the outcome), so the dashed curve carries on the solid one and shows what the label says.
    The optimiser's explicit Euler model (``res.u``) is not drawn: it can misjudge a weakly damped
    oscillation. ``J`` in the title is the optimiser's cost.
    """
    import matplotlib.pyplot as plt

    max_lines = as_int(max_lines, "max_lines", minimum=1)
    after = as_float(after, "after", minimum=0.0)
    data = _control_data(res, outcome, title=title, max_lines=max_lines, after=after)
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
        data = _control_data(step["result"], step["outcome"], title=None, max_lines=6, after=20.0)
        live.show(data, key=_control_lines(data))  # a network of another size has another number of lines

    for c in (c_s, c_mu, c_lam, c_k):
        c.observe(redraw, "value")
    redraw()
    box = w.VBox([w.HBox([c_s, c_mu]), w.HBox([c_lam, c_k]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box
