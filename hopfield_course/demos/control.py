"""Live demos of asymmetric networks: two-neuron oscillations and the controlled model of Cardin et al."""

from __future__ import annotations

import numpy as np

from .._validation import _finite_numeric, as_choice, as_float, as_int
from ..control import CONTROL_SCENARIOS, classify_outcome, control_scenario, solve_control
from ..graded import continuous_energy, continuous_rhs, integrate, two_neuron_couplings
from ..plotting import scale, style
from ._skeleton import show_in

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


def _draw_phase(data, presenter=False):
    import matplotlib.pyplot as plt

    with style(presenter):
        fig, (ax, bx) = plt.subplots(1, 2, figsize=scale((8, 3.2), presenter), layout="constrained",
                                     gridspec_kw={"width_ratios": [1.1, 1]})
        ax.streamplot(data["U"], data["V"], data["DU"], data["DV"], color="0.6", density=0.5, linewidth=0.6,
                      arrowsize=0.8)
        u = data["u"]
        ax.plot(u[:, 0], u[:, 1], color="tab:red", lw=1.5)
        ax.plot(u[0, 0], u[0, 1], "o", color="tab:red")
        ax.set_xlabel("$u_1$")
        ax.set_ylabel("$u_2$")
        T = data["T"]
        ax.set_title(f"T = [[{T[0, 0]:.2g}, {T[0, 1]:.2g}], [{T[1, 0]:.2g}, {T[1, 1]:.2g}]]")
        ax.set_xlim(-2, 2)
        ax.set_ylim(-2, 2)
        bx.plot(data["t"], data["energy"], color="tab:blue")
        bx.set_xlabel("time t")
        bx.set_ylabel("E (symmetric part of T)")
        rising = np.any(np.diff(data["energy"]) > 1e-9)
        bx.set_title("E rises somewhere" if rising else "E never rises")
    return fig


def oscillation_explorer(presenter=False):
    """Two neurons: move the antisymmetric part b of T and watch a sink turn into a limit cycle."""
    import ipywidgets as w

    c_a = w.FloatSlider(value=1.5, min=0.0, max=3.0, step=0.1, description="a (self)")
    c_b = w.FloatSlider(value=1.0, min=0.0, max=2.0, step=0.05, description="b (asym.)")
    c_g = w.FloatSlider(value=1.0, min=0.5, max=3.0, step=0.1, description="gain")
    out = w.Output()

    def redraw(*_):
        data = oscillation_step(c_a.value, c_b.value, gain=c_g.value)
        show_in(out, _draw_phase(data, presenter))

    for c in (c_a, c_b, c_g):
        c.observe(redraw, "value")
    redraw()
    box = w.VBox([w.HBox([c_a, c_b, c_g]), out])
    box.add_class("hc-demo")
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


def draw_control(res, outcome, *, presenter=False, title=None, max_lines=6, after=20.0):
    """Figure of a controlled run: potentials u_i(t) of the first ``max_lines`` neurons under the
    control (solid), then the first ``after`` time units of the frozen continuation
    ``T = A + xi_final`` (dashed); a dotted line marks the end of the control horizon; right: |xi(t)|.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    max_lines = as_int(max_lines, "max_lines", minimum=1)
    after = as_float(after, "after", minimum=0.0)
    with style(presenter):
        fig, (ax, bx) = plt.subplots(1, 2, figsize=scale((11, 3.6), presenter), layout="constrained",
                                     gridspec_kw={"width_ratios": [2, 1]})
        t_end = res.t[-1]
        ax.plot(res.t, res.u[:, :max_lines], lw=1.4)
        ax.set_prop_cycle(None)
        keep = outcome.t <= after
        ax.plot(t_end + outcome.t[keep], outcome.u[keep, :max_lines], lw=1.2, ls="--")
        ax.axvline(res.settings["horizon"], color="0.4", lw=1.0, ls=":")
        key = [Line2D([], [], color="0.3", ls="-", label="controlled (last control\nheld after the horizon)"),
               Line2D([], [], color="0.3", ls="--", label="frozen continuation\n$T = A + \\xi_{final}$"),
               Line2D([], [], color="0.4", ls=":", label="end of horizon")]
        ax.legend(handles=key, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.set_xlabel("time t")
        ax.set_ylabel("potentials $u_i$")
        ax.set_title(title or f"outcome: {outcome.label}")
        sps = res.settings["steps_per_segment"]
        dt = res.settings["dt"]
        edges = np.arange(len(res.xi) + 1) * sps * dt
        norms = res.control_norms
        bx.stairs(norms, edges, color="tab:red", lw=1.5)
        bx.set_xlabel("time t")
        bx.set_ylabel("|ξ(t)|")
        bx.set_ylim(0, max(0.1, 1.15 * norms.max()))
        bx.set_title(f"J = {res.cost:.3g} (no control: {res.cost_uncontrolled:.3g})")
    return fig


def control_explorer(scenario="new pattern", presenter=False):
    """The Pareto weight mu between conservative and innovative behaviour, with a slider.

    Controls: the scenario, mu, the discount rate lambda and the bound K on existing synapses.
    Every change re-solves the control problem (coarse discretisation) and redraws.
    """
    import ipywidgets as w

    if scenario not in CONTROL_SCENARIOS:
        raise ValueError(f"scenario: expected one of {CONTROL_SCENARIOS}, got {scenario!r}")
    c_s = w.Dropdown(options=CONTROL_SCENARIOS, value=scenario, description="network")
    c_mu = w.FloatSlider(value=0.1, min=0.01, max=0.99, step=0.01, description="μ", continuous_update=False)
    c_lam = w.FloatSlider(value=0.3, min=0.1, max=2.0, step=0.1, description="λ", continuous_update=False)
    c_k = w.FloatSlider(value=1.0, min=0.1, max=2.0, step=0.1, description="K", continuous_update=False)
    out = w.Output()

    def redraw(*_):
        step = control_step(c_s.value, mu=c_mu.value, lam=c_lam.value, big_k=c_k.value)
        show_in(out, draw_control(step["result"], step["outcome"], presenter=presenter))

    for c in (c_s, c_mu, c_lam, c_k):
        c.observe(redraw, "value")
    redraw()
    box = w.VBox([w.HBox([c_s, c_mu]), w.HBox([c_lam, c_k]), out])
    box.add_class("hc-demo")
    return box
