"""Live demos of graded-response networks (chapter 06).

Each demo has a compute function (plain, timed, usable without widgets) and draws into ONE
image widget through a :class:`~hopfield_course.demos._skeleton.LiveFigure`: the figure is
built and laid out once, and every slider step only updates its artists in place.

* :func:`phase_portrait_explorer` - two graded neurons: the vector field of eq. (9) with its
  sinks, sources and saddles (the slides of Cardin et al.), and the energy (13) (for same-sign
  asymmetric couplings the symmetrised energy E_D) as contours over the outputs (v1, v2) with the
  flow; sliders for the gain, the two couplings and a current, each change drawn with one render.
* :func:`graded_recall_explorer` - the cross of the Oxford report's figure 7 retrieved by Euler
  steps; a time-step slider shows what goes wrong when dt is too large.
"""

from __future__ import annotations

import warnings

import numpy as np

from .._validation import as_float, as_int, as_rng
from ..graded import classify_fixed_point, continuous_rhs, energy_from_v, fixed_points, integrate
from ..learning_rules import hebbian_weights
from ..memories import cross_x_square
from ..plotting import _build_phase_portrait, _update_phase_portrait, scale, show_image, style
from ..states import flip
from ._skeleton import LiveFigure, frame_player

__all__ = [
    "phase_portrait_data",
    "phase_portrait_explorer",
    "graded_recall_data",
    "graded_recall_explorer",
]


# --------------------------------------------------------------------------- two-neuron portraits
def _portrait_extent(W, I, points) -> float:
    """Half-width of the square u-window of the phase portrait: it holds every fixed point.

    At a fixed point ``u = W v + I`` with ``|v_i| < 1``, so ``|u_i| < sum_j |W_ij| + |I_i|``: the
    window is that bound of the larger row with a margin (1.2 times, plus 0.3), so that the
    markers are drawn whole, and at least 1.5 (the region where tanh bends). An average of the two
    couplings instead of the row sums would cut off a sink of an asymmetric W (w12 = 2, w21 = 0,
    self-coupling 2, current 0.3 has one at u1 = 4.3). The fixed points found are also included
    explicitly (with the same margin), so the window holds them whatever the bound.
    """
    bound = float(np.max(np.abs(W).sum(axis=1) + np.abs(I)))
    found = float(np.abs(points).max()) if np.size(points) else 0.0
    return max(1.5, 1.2 * max(bound, found) + 0.3)


def phase_portrait_data(*, w12=1.0, w21=None, gain=2.0, current=0.0, self_coupling=0.0, resolution=15):
    """The computation behind :func:`phase_portrait_explorer` for the 2-neuron network.

    ``W = [[s, w12], [w21, s]]`` with ``s = self_coupling`` (``w21`` defaults to ``w12``: symmetric),
    R = C = 1, ``I = (current, 0)``, ``v = tanh(gain u)``. At the origin the Jacobian is
    ``gain W - 1``, with eigenvalues ``gain (s +/- w12) - 1`` for symmetric W: the origin is a
    source when ``gain (s - |w12|) > 1``, i.e. ``s > 1/gain + |w12|``. Returns a dict with the
    u-grid and its vector field, 12 trajectories started on a circle (``paths``), the fixed points
    with their kinds, and, when an energy exists, the energy on a v-grid with the flow ``dv/dt``
    there. An energy exists for symmetric W and also for same-sign couplings (``w12 w21 > 0``):
    with ``D = diag(1, w12/w21)``, ``D W`` is symmetric and
    ``E_D = -1/2 v^T D W v + sum_i D_ii int_0^v_i g^-1 - (D I)^T v`` never rises (a symmetrisable
    network; ``data["scale"]`` holds the diagonal of D).
    """
    w12 = as_float(w12, "w12")
    w21 = w12 if w21 is None else as_float(w21, "w21")
    gain = as_float(gain, "gain", positive=True)
    current = as_float(current, "current")
    self_coupling = as_float(self_coupling, "self_coupling")
    resolution = as_int(resolution, "resolution", minimum=3, maximum=200)
    W = np.array([[self_coupling, w12], [w21, self_coupling]])
    I = np.array([current, 0.0])
    symmetric = w12 == w21
    # D = 1 for symmetric W (also w12 = w21 = 0, where w12 / w21 is undefined)
    scale_d = np.array([1.0, 1.0 if symmetric else w12 / w21]) if (symmetric or w12 * w21 > 0) else None
    pts = fixed_points(W, currents=I, gain=gain, starts=9)
    kinds = [classify_fixed_point(p, W, currents=I, gain=gain) for p in pts]
    lim = _portrait_extent(W, I, pts)
    g = np.linspace(-lim, lim, resolution)
    U1, U2 = np.meshgrid(g, g)
    F = continuous_rhs(np.stack([U1, U2], -1), W, currents=I, gain=gain)
    angles = np.linspace(0, 2 * np.pi, 12, endpoint=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # very high gains on the slider
        paths = [integrate(0.9 * lim * np.array([np.cos(a), np.sin(a)]), W, dt=0.05, steps=200,
                           currents=I, gain=gain, record_every=4).u for a in angles]
    data = {"W": W, "I": I, "gain": gain, "U1": U1, "U2": U2, "F": F, "paths": paths, "points": pts,
            "kinds": kinds, "symmetric": scale_d is not None, "scale": scale_d}
    if scale_d is not None:
        gv = np.linspace(-0.985, 0.985, 61)
        V1, V2 = np.meshgrid(gv, gv)
        Vg = np.stack([V1, V2], -1)
        data["V1"], data["V2"] = V1, V2
        data["E"] = energy_from_v(Vg, scale_d[:, None] * W, currents=scale_d * I, resistances=1.0 / scale_d,
                                  gain=gain)
        gq = np.linspace(-0.9, 0.9, 10)
        Q1, Q2 = np.meshgrid(gq, gq)
        Q = np.stack([Q1, Q2], -1)
        uq = np.arctanh(Q) / gain
        dv = gain * (1 - Q ** 2) * continuous_rhs(uq, W, currents=I, gain=gain)
        data["Q1"], data["Q2"], data["dV"] = Q1, Q2, dv
    return data


def phase_portrait_explorer(w12=1.0, gain=2.0, presenter=False):
    """Two graded neurons: move the gain, the couplings, a self-coupling and a current.

    Sinks (red) appear as the gain crosses 1/|w12|; a self-coupling above 1/gain + |w12| makes the
    origin a source (blue); asymmetric couplings of opposite signs make the flow spiral. With
    *symmetric* ticked, w21 follows w12 inside the same redraw (one render per change, not two).
    """
    import ipywidgets as w

    c_gain = w.FloatLogSlider(value=gain, base=10, min=-1, max=1.3, step=0.05, description="gain")
    c_w12 = w.FloatSlider(value=w12, min=-2, max=2, step=0.1, description="w12")
    c_w21 = w.FloatSlider(value=w12, min=-2, max=2, step=0.1, description="w21", disabled=True)
    c_sym = w.Checkbox(value=True, description="symmetric (w21 = w12)")
    c_cur = w.FloatSlider(value=0.0, min=-1, max=1, step=0.05, description="current I1")
    c_self = w.FloatSlider(value=0.0, min=-1, max=2, step=0.1, description="self w11=w22")
    out = w.Image(format="png")
    live = LiveFigure(_build_phase_portrait, _update_phase_portrait, figsize=scale((10, 4.6), presenter), out=out,
                      presenter=presenter)

    syncing = []  # non-empty while redraw itself moves w21 to w12: that change must not render again

    def redraw(*_):
        if syncing:
            return
        c_w21.disabled = c_sym.value
        if c_sym.value and c_w21.value != c_w12.value:
            syncing.append(True)
            try:
                c_w21.value = c_w12.value
            finally:
                syncing.clear()
        data = phase_portrait_data(w12=c_w12.value, w21=c_w21.value, gain=c_gain.value, current=c_cur.value,
                                   self_coupling=c_self.value)
        # the energy panel (contours and colorbar) exists only when an energy does
        live.show(data, key=(data["symmetric"], data["U1"].shape))

    for c in (c_gain, c_w12, c_w21, c_sym, c_cur, c_self):
        c.observe(redraw, "value")
    redraw()
    box = w.VBox([w.HBox([c_gain, c_cur, c_self]), w.HBox([c_w12, c_w21, c_sym]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box


# --------------------------------------------------------------------------- graded recall (figure 7)
def graded_recall_data(*, dt=0.08, steps=100, flips=8, gain=1.0, current=1.0, rng=0):
    """The computation behind :func:`graded_recall_explorer` (the Oxford report, figure 7).

    Stores the cross with Hebb's rule (c = 1), starts at ``u = 0.1 * s`` for a copy ``s`` of
    the cross with ``flips`` neurons flipped (chosen with ``rng``), and integrates eq. (9) with
    Euler, C = R = 1 and current ``I_i = current`` for every neuron. Returns a dict with
    ``cross``, ``start``, ``result`` (a GradedResult).
    """
    cross = cross_x_square()["cross"].ravel()
    W = hebbian_weights(cross[None, :])
    flips = as_int(flips, "flips", minimum=0, maximum=cross.size)
    start = flip(cross, flips, rng=as_rng(rng))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # the dt slider goes past the stable range on purpose
        res = integrate(0.1 * start, W, dt=dt, steps=steps, currents=current, gain=gain)
    return {"cross": cross, "start": start, "result": res}


def _build_recall(fig, data):
    """The axes and artists of the graded recall figure (its structure is fixed: a 5 x 5 cross)."""
    grid = fig.add_gridspec(1, 4, width_ratios=[1, 1, 1.8, 1.8])
    blank = np.zeros((5, 5))
    images = [show_image(blank, ax=fig.add_subplot(grid[k]), title=" ").images[0] for k in range(2)]
    ax_m = fig.add_subplot(grid[2])
    (overlap_trace,) = ax_m.plot([0], [0], color="tab:green")
    (overlap_here,) = ax_m.plot([0], [0], "o", color="tab:red")
    ax_m.set_ylim(-1.05, 1.05)
    ax_m.set_xlabel("t")
    ax_m.set_ylabel("overlap with cross")
    ax_e = fig.add_subplot(grid[3])
    (energy_trace,) = ax_e.plot([0], [0], color="tab:blue")
    (energy_here,) = ax_e.plot([0], [0], "o", color="tab:red")
    ax_e.set_xlabel("t")
    ax_e.set_ylabel("energy (13)")
    return {"images": images, "overlap_trace": overlap_trace, "overlap_here": overlap_here,
            "energy_trace": energy_trace, "energy_here": energy_here}


def _update_recall(artists, data, frame=0):
    """Put :func:`graded_recall_data` at time step ``frame`` into the artists of :func:`_build_recall`:
    the corrupted start, the outputs v at that time, and the overlap with the cross and the energy
    (13) over time with the current time marked."""
    res = data["result"]
    k = min(max(int(frame), 0), len(res.t) - 1)
    start_image, v_image = artists["images"]
    start_image.set_data(np.reshape(data["start"], (5, 5)))
    start_image.axes.set_title("corrupted")
    v_image.set_data(res.v[k].reshape(5, 5))
    v_image.axes.set_title(f"v at t={res.t[k]:.2f}")
    m = res.v @ data["cross"] / data["cross"].size
    artists["overlap_trace"].set_data(res.t, m)
    artists["overlap_here"].set_data([res.t[k]], [m[k]])
    artists["energy_trace"].set_data(res.t, res.energies)
    artists["energy_here"].set_data([res.t[k]], [res.energies[k]])
    for name in ("overlap_trace", "energy_trace"):
        ax = artists[name].axes
        ax.relim()
        ax.autoscale_view()


def _draw_recall(data, frame, presenter=False):
    """The graded recall figure of ``data`` at ``frame`` as a new pyplot figure (for notebooks and tests)."""
    import matplotlib.pyplot as plt

    with style(presenter):
        fig = plt.figure(figsize=scale((10, 2.8), presenter), layout="constrained")
        _update_recall(_build_recall(fig, data), data, frame)
    return fig


def graded_recall_explorer(dt=0.08, presenter=False):
    """The cross retrieved by the graded network; a dt slider and a play button through time.

    The figure shows the corrupted start, the outputs v at the chosen time step, the overlap with
    the cross and the energy (13) over time (a red dot at the chosen time).
    """
    import ipywidgets as w

    c_dt = w.FloatSlider(value=dt, min=0.02, max=3.0, step=0.02, description="dt")
    c_gain = w.FloatLogSlider(value=1.0, base=10, min=-1.5, max=1, step=0.05, description="gain")
    c_flips = w.IntSlider(value=8, min=0, max=25, description="flipped")
    play, c_frame = frame_player(100, interval=120, description="step")
    out = w.Image(format="png")
    live = LiveFigure(_build_recall, lambda artists, data: _update_recall(artists, data, c_frame.value),
                      figsize=scale((10, 2.8), presenter), out=out, presenter=presenter)
    state = {}

    def redraw(*_):
        live.show(state["data"])

    def recompute(*_):
        state["data"] = graded_recall_data(dt=c_dt.value, steps=100, flips=c_flips.value, gain=c_gain.value)
        redraw()

    for c in (c_dt, c_gain, c_flips):
        c.observe(recompute, "value")
    c_frame.observe(redraw, "value")
    recompute()
    box = w.VBox([w.HBox([c_dt, c_gain, c_flips]), w.HBox([play, c_frame]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box
