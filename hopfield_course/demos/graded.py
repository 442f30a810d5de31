"""Figures and live demos for chapters 06 (continuous networks) and 07 (travelling salesman).

Each demo has a compute function (plain, timed, usable without widgets) and draws into ONE
``Output`` widget that is cleared on every change.

* :func:`phase_portrait_explorer` - two graded neurons: the vector field of eq. (9) with its
  sinks, sources and saddles (seed 003), and the energy (13) as contours over the outputs
  (v1, v2) with the flow; sliders for the gain, the two couplings and a current.
* :func:`graded_recall_explorer` - the cross of seed 000's figure 7 retrieved by Euler steps;
  a time-step slider shows what goes wrong when dt is too large.
* :func:`tsp_explorer` - the neuron matrix V of the Hopfield-Tank (or Potts) network settling,
  with sliders for the penalty weights.
"""

from __future__ import annotations

import numpy as np

from ..graded import (
    classify_fixed_point,
    continuous_rhs,
    energy_from_v,
    fixed_points,
    integrate_continuous,
)
from ..learning_rules import hebbian_weights
from ..memories import seed000_shapes
from ..plotting import scale, show_image, style
from ..states import flip
from ..tsp import decode, optimal_tour, random_cities, solve_tsp
from ._skeleton import frame_player, set_frames, show_in

__all__ = [
    "phase_portrait_data",
    "plot_phase_portrait",
    "phase_portrait_explorer",
    "graded_recall_data",
    "plot_graded_frames",
    "graded_recall_explorer",
    "plot_tour",
    "plot_neuron_matrix",
    "tsp_run_data",
    "tsp_explorer",
]

KIND_STYLE = {"sink": ("o", "tab:red"), "source": ("o", "tab:blue"), "saddle": ("X", "tab:purple"),
              "degenerate": ("s", "0.4")}


# --------------------------------------------------------------------------- two-neuron portraits
def phase_portrait_data(w12=1.0, w21=None, gain=2.0, current=0.0, self_coupling=0.0, resolution=15):
    """The computation behind :func:`phase_portrait_explorer` for the 2-neuron network.

    ``W = [[s, w12], [w21, s]]`` with ``s = self_coupling`` (``w21`` defaults to ``w12``: symmetric;
    a self-coupling with ``gain * s > 1`` turns the origin into a source), R = C = 1,
    ``I = (current, 0)``, ``v = tanh(gain u)``. Returns a dict with the u-grid and its vector
    field, 12 trajectories started on a circle (``paths``), the fixed points with their kinds, and (symmetric W only) the energy on a v-grid
    with the flow ``dv/dt`` there.
    """
    w21 = w12 if w21 is None else w21
    W = np.array([[self_coupling, w12], [w21, self_coupling]])
    I = np.array([current, 0.0])
    symmetric = w12 == w21
    pts = fixed_points(W, currents=I, gain=gain, starts=9)
    kinds = [classify_fixed_point(p, W, currents=I, gain=gain) for p in pts]
    lim = max(1.5, 1.2 * ((abs(w12) + abs(w21)) / 2 + abs(self_coupling) + abs(current)) + 0.3)
    g = np.linspace(-lim, lim, resolution)
    U1, U2 = np.meshgrid(g, g)
    F = continuous_rhs(np.stack([U1, U2], -1), W, currents=I, gain=gain)
    angles = np.linspace(0, 2 * np.pi, 12, endpoint=False)
    paths = [integrate_continuous(0.9 * lim * np.array([np.cos(a), np.sin(a)]), W, dt=0.05, steps=200,
                                  currents=I, gain=gain, record_every=4).u for a in angles]
    data = {"W": W, "I": I, "gain": gain, "U1": U1, "U2": U2, "F": F, "paths": paths, "points": pts,
            "kinds": kinds, "symmetric": symmetric}
    if symmetric:
        gv = np.linspace(-0.985, 0.985, 61)
        V1, V2 = np.meshgrid(gv, gv)
        Vg = np.stack([V1, V2], -1)
        data["V1"], data["V2"] = V1, V2
        data["E"] = energy_from_v(Vg, W, currents=I, gain=gain)
        gq = np.linspace(-0.9, 0.9, 10)
        Q1, Q2 = np.meshgrid(gq, gq)
        Q = np.stack([Q1, Q2], -1)
        uq = np.arctanh(Q) / gain
        dv = gain * (1 - Q ** 2) * continuous_rhs(uq, W, currents=I, gain=gain)
        data["Q1"], data["Q2"], data["dV"] = Q1, Q2, dv
    return data


def plot_phase_portrait(data, presenter=False):
    """Draw :func:`phase_portrait_data`: vector field in the u-plane, energy landscape in the v-plane."""
    import matplotlib.pyplot as plt

    with style(presenter):
        # a fixed layout: constrained layout would cost seconds per slider step here
        fig, axes = plt.subplots(1, 2, figsize=scale((8, 3.6), presenter))
        fig.subplots_adjust(left=0.08, right=0.93, bottom=0.14, top=0.9, wspace=0.3)
        ax = axes[0]
        F = data["F"]
        norm = np.hypot(F[..., 0], F[..., 1]) + 1e-12
        ax.quiver(data["U1"], data["U2"], F[..., 0] / norm, F[..., 1] / norm, color="0.55",
                  angles="xy", pivot="mid", scale=28, width=0.004)
        for path in data["paths"]:
            ax.plot(path[:, 0], path[:, 1], color="tab:orange", lw=1)
        for p, k in zip(data["points"], data["kinds"]):
            m, c = KIND_STYLE[k]
            ax.plot(p[0], p[1], m, color=c, ms=9, mec="k", label=k)
        handles, labels = ax.get_legend_handles_labels()
        uniq = dict(zip(labels, handles))
        ax.legend(uniq.values(), uniq.keys(), loc="lower right", fontsize="small")
        ax.set_xlabel("$u_1$")
        ax.set_ylabel("$u_2$")
        ax.set_title("direction of du/dt, trajectories")
        lim = np.abs(data["U1"]).max()
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.set_aspect("equal")
        ax = axes[1]
        if data["symmetric"]:
            cs = ax.contourf(data["V1"], data["V2"], data["E"], levels=12, cmap="viridis", antialiased=False)
            fig.colorbar(cs, ax=ax, shrink=0.8, label="energy E")
            dV = data["dV"]
            ax.quiver(data["Q1"], data["Q2"], dV[..., 0], dV[..., 1], color="w", angles="xy", pivot="mid")
            gain = data["gain"]
            for p, k in zip(data["points"], data["kinds"]):
                m, c = KIND_STYLE[k]
                v = np.tanh(gain * p)
                ax.plot(v[0], v[1], m, color=c, ms=9, mec="k")
            ax.set_xlim(-1, 1)
            ax.set_ylim(-1, 1)
            ax.set_title("energy (13) and flow dv/dt")
        else:
            ax.text(0.5, 0.5, "W is not symmetric:\nno energy function", ha="center", va="center",
                    transform=ax.transAxes)
            ax.set_xticks([])
            ax.set_yticks([])
        ax.set_xlabel("$v_1$")
        ax.set_ylabel("$v_2$")
        ax.set_aspect("equal")
    return fig


def phase_portrait_explorer(w12=1.0, gain=2.0, presenter=False):
    """Two graded neurons: move the gain, the couplings, a self-coupling and a current.

    Sinks (red) appear and merge as the gain crosses 1/|w12|; a self-coupling above 1/gain makes the
    origin a source (blue) surrounded by four sinks; asymmetric couplings remove the energy.
    """
    import ipywidgets as w

    c_gain = w.FloatLogSlider(value=gain, base=10, min=-1, max=1.3, step=0.05, description="gain")
    c_w12 = w.FloatSlider(value=w12, min=-2, max=2, step=0.1, description="w12")
    c_w21 = w.FloatSlider(value=w12, min=-2, max=2, step=0.1, description="w21", disabled=True)
    c_sym = w.Checkbox(value=True, description="symmetric (w21 = w12)")
    c_cur = w.FloatSlider(value=0.0, min=-1, max=1, step=0.05, description="current I1")
    c_self = w.FloatSlider(value=0.0, min=-1, max=2, step=0.1, description="self w11=w22")
    out = w.Output()

    def redraw(*_):
        c_w21.disabled = c_sym.value
        if c_sym.value:
            c_w21.value = c_w12.value
        data = phase_portrait_data(c_w12.value, c_w21.value, c_gain.value, c_cur.value, c_self.value)
        show_in(out, plot_phase_portrait(data, presenter))

    for c in (c_gain, c_w12, c_w21, c_sym, c_cur, c_self):
        c.observe(redraw, "value")
    redraw()
    box = w.VBox([w.HBox([c_gain, c_cur, c_self]), w.HBox([c_w12, c_w21, c_sym]), out])
    box.add_class("hc-demo")
    return box


# --------------------------------------------------------------------------- graded recall (figure 7)
def graded_recall_data(dt=0.08, steps=100, flips=8, gain=1.0, current=1.0, seed=0):
    """The computation behind :func:`graded_recall_explorer` (seed 000, figure 7).

    Stores the cross with Hebb's rule (c = 1), starts at ``u = 0.1 * s`` for a copy ``s`` of
    the cross with ``flips`` neurons flipped, and integrates eq. (9) with Euler, C = R = 1 and
    current ``I_i = current`` for every neuron. Returns a dict with ``cross``, ``result``.
    """
    cross = seed000_shapes()["cross"].ravel()
    W = hebbian_weights(cross[None, :])
    start = flip(cross, int(flips), np.random.default_rng(seed))
    res = integrate_continuous(0.1 * start, W, dt=dt, steps=int(steps), currents=current, gain=gain)
    return {"cross": cross, "start": start, "result": res}


def plot_graded_frames(result, frames, axes=None, shape=(5, 5), size=1.4):
    """Draw the graded outputs ``v`` at the given frame indices as grey images (+1 black, -1 white)."""
    import matplotlib.pyplot as plt

    frames = list(frames)
    if axes is None:
        _, axes = plt.subplots(1, len(frames), figsize=(size * len(frames), size * 1.2), squeeze=False)
        axes = axes[0]
    for ax, k in zip(axes, frames):
        show_image(result.v[k].reshape(shape), ax=ax, title=f"t = {result.t[k]:.2f}")
    return axes


def graded_recall_explorer(dt=0.08, presenter=False):
    """The cross retrieved by the graded network; a dt slider and a play button through time."""
    import ipywidgets as w

    c_dt = w.FloatSlider(value=dt, min=0.02, max=3.0, step=0.02, description="dt")
    c_gain = w.FloatLogSlider(value=1.0, base=10, min=-1.5, max=1, step=0.05, description="gain")
    c_flips = w.IntSlider(value=8, min=0, max=25, description="flipped")
    play, c_frame = frame_player(100, interval=120, description="step")
    out = w.Output()
    state = {}

    def redraw(*_):
        import matplotlib.pyplot as plt

        data = state["data"]
        res, k = data["result"], c_frame.value
        with style(presenter):
            fig = plt.figure(figsize=scale((10, 2.8), presenter), layout="constrained")
            grid = fig.add_gridspec(1, 4, width_ratios=[1, 1, 1.8, 1.8])
            show_image(data["start"].reshape(5, 5), ax=fig.add_subplot(grid[0]), title="corrupted")
            show_image(res.v[k].reshape(5, 5), ax=fig.add_subplot(grid[1]), title=f"v at t={res.t[k]:.2f}")
            ax = fig.add_subplot(grid[2])
            ax.plot(res.t, res.v @ data["cross"] / 25, color="tab:green")
            ax.plot(res.t[k], res.v[k] @ data["cross"] / 25, "o", color="tab:red")
            ax.set_ylim(-1.05, 1.05)
            ax.set_xlabel("t")
            ax.set_ylabel("overlap with cross")
            ax = fig.add_subplot(grid[3])
            ax.plot(res.t, res.energies, color="tab:blue")
            ax.plot(res.t[k], res.energies[k], "o", color="tab:red")
            ax.set_xlabel("t")
            ax.set_ylabel("energy (13)")
        show_in(out, fig)

    def recompute(*_):
        state["data"] = graded_recall_data(c_dt.value, 100, c_flips.value, c_gain.value)
        redraw()

    for c in (c_dt, c_gain, c_flips):
        c.observe(recompute, "value")
    c_frame.observe(redraw, "value")
    recompute()
    box = w.VBox([w.HBox([c_dt, c_gain, c_flips]), w.HBox([play, c_frame]), out])
    box.add_class("hc-demo")
    return box


# --------------------------------------------------------------------------- TSP figures
def plot_tour(coords, tour, ax=None, title=None, color="tab:blue"):
    """Draw the cities and a closed tour (``tour`` None draws the cities only)."""
    import matplotlib.pyplot as plt

    c = np.asarray(coords, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(3, 3))
    if tour is not None:
        t = np.append(np.asarray(tour), tour[0])
        ax.plot(c[t, 0], c[t, 1], "-", color=color, lw=1.5)
    ax.plot(c[:, 0], c[:, 1], "o", color="k", ms=5)
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    return ax


def plot_neuron_matrix(V, ax=None, title=None):
    """Draw the neuron matrix V (rows: cities, columns: positions), 0 white, 1 black."""
    import matplotlib.pyplot as plt

    V = np.asarray(V, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(3, 3))
    ax.imshow(V, cmap="Greys", vmin=0, vmax=1, interpolation="nearest")
    ax.set_xlabel("position i")
    ax.set_ylabel("city X")
    n = V.shape[0]
    ax.set_xticks(range(0, n, max(1, n // 5)))
    ax.set_yticks(range(0, n, max(1, n // 5)))
    if title:
        ax.set_title(title)
    return ax


def tsp_run_data(method="hopfield-tank", A=500.0, C=200.0, D=500.0, seed=0, cities_seed=1, n=10, frames=60):
    """The computation behind :func:`tsp_explorer`: one run with about ``frames`` recorded frames.

    ``A`` sets both row and column penalties (A = B) for Hopfield-Tank; for Potts the slider
    value ``A / 200`` is the column penalty beta (so the default 500 gives beta = 2.5).
    """
    coords = random_cities(n, cities_seed)
    if method == "hopfield-tank":
        res = solve_tsp(coords, method, rng=seed, A=A, B=A, C=C, D=D, record_every=200)
    else:
        res = solve_tsp(coords, method, rng=seed, beta=A / 200.0, record_every=10)
    frames_v = res.frames
    if len(frames_v) > frames:
        frames_v = frames_v[np.unique(np.linspace(0, len(frames_v) - 1, frames).round().astype(int))]
    return {"coords": coords, "result": res, "frames": frames_v, "optimum": optimal_tour(coords)[1]}


def tsp_explorer(method="hopfield-tank", presenter=False):
    """Watch the neuron matrix settle; sliders for the penalty weights A = B, C and the data weight D."""
    import ipywidgets as w
    import matplotlib.pyplot as plt

    c_method = w.ToggleButtons(options=["hopfield-tank", "potts"], value=method, description="network")
    c_A = w.FloatSlider(value=500, min=100, max=1000, step=25, description="A = B")
    c_C = w.FloatSlider(value=200, min=0, max=500, step=25, description="C")
    c_D = w.FloatSlider(value=500, min=0, max=1000, step=25, description="D")
    c_seed = w.IntSlider(value=0, min=0, max=30, description="noise seed")
    c_cities = w.IntSlider(value=1, min=0, max=30, description="cities seed")
    play, c_frame = frame_player(59, interval=150, description="frame")
    out = w.Output()
    state = {}

    def redraw(*_):
        data = state["data"]
        res = data["result"]
        k = min(c_frame.value, len(data["frames"]) - 1)
        V = data["frames"][k]
        with style(presenter):
            fig, axes = plt.subplots(1, 2, figsize=scale((7.5, 3.5), presenter), layout="constrained")
            plot_neuron_matrix(V, ax=axes[0], title=f"V, frame {k} of {len(data['frames']) - 1}")
            tour = decode(V)
            if k == len(data["frames"]) - 1 and res.valid:
                title = f"valid: {res.length / data['optimum']:.3f} x optimum"
            elif tour is not None:
                title = "valid so far"
            else:
                title = "not a tour" + (" (final)" if k == len(data["frames"]) - 1 else "")
            plot_tour(data["coords"], tour, ax=axes[1], title=title)
        show_in(out, fig)

    def recompute(*_):
        for c in (c_C, c_D):
            c.disabled = c_method.value != "hopfield-tank"
        state["data"] = tsp_run_data(c_method.value, c_A.value, c_C.value, c_D.value, c_seed.value,
                                     c_cities.value)
        last = len(state["data"]["frames"]) - 1
        set_frames(play, c_frame, last, last)
        redraw()

    for c in (c_method, c_A, c_C, c_D, c_seed, c_cities):
        c.observe(recompute, "value")
    c_frame.observe(redraw, "value")
    recompute()
    box = w.VBox([c_method, w.HBox([c_A, c_C, c_D]), w.HBox([c_seed, c_cities]), w.HBox([play, c_frame]), out])
    box.add_class("hc-demo")
    return box
