"""Live demo of chapter 05 (stochastic dynamics), built with ipywidgets.

The demo keeps its computation in a plain function (:func:`thermal_recall`) so that one slider
step can be timed without widgets, and draws ONE figure, laid out once and updated in place
(:class:`~hopfield_course.demos._skeleton.LiveFigure`), shown in ONE image widget. (The capacity
demo of chapter 08 is in :mod:`hopfield_course.demos.capacity`.)
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field

import numpy as np

from .._validation import as_bool, as_choice, as_float, as_int, as_rng
from ..dynamics import RunResult, run
from ..learning_rules import hebbian_weights
from ..memories import MEMORY_SETS, memory_set
from ..plotting import scale, show_image, style
from ..states import flip, overlap
from ._skeleton import LiveFigure, frame_player, memory_controls, set_frames
from .recall import _step_axis, _step_limits, _value_limits

__all__ = ["thermal_recall", "thermal_recall_explorer", "ThermalRecall"]


@dataclass
class ThermalRecall:
    """Outcome of :func:`thermal_recall`: the memory set, the start, the run and the overlaps per sweep."""

    labels: list
    patterns: np.ndarray = dc_field(repr=False)
    shape: tuple
    start: np.ndarray = dc_field(repr=False)
    result: RunResult
    overlaps: np.ndarray = dc_field(repr=False)
    temperature: float

    def __getitem__(self, key):  # ``data["result"]`` as well as ``data.result``
        return getattr(self, key)


def thermal_recall(set_name="cross X square", *, memory=0, flips=8, temperature=0.3, sweeps=60, rng=0):
    """The computation behind :func:`thermal_recall_explorer`.

    Stores ``set_name`` with Hebb's rule (``1/N``, so temperatures are in the course's units),
    flips ``flips`` neurons of memory ``memory`` and runs ``sweeps`` Glauber sweeps at
    ``temperature`` (``run(..., mode="async", temperature=T)``; T = 0 is the deterministic rule).

    Returns a :class:`ThermalRecall` (``result`` records the state after every sweep; ``overlaps``
    has shape (sweeps + 1, p)).
    """
    labels, patterns, shape = memory_set(set_name)
    memory = as_int(memory, "memory", minimum=0, maximum=len(labels) - 1)
    flips = as_int(flips, "flips", minimum=0, maximum=patterns.shape[1])
    temperature = as_float(temperature, "temperature", minimum=0.0)
    sweeps = as_int(sweeps, "sweeps", minimum=1, maximum=100_000)
    generator = as_rng(rng)
    start = flip(patterns[memory], flips, rng=generator)
    W = hebbian_weights(patterns, normalize="N")
    result = run(start, W, mode="async", max_steps=sweeps, rng=generator,
                 temperature=temperature if temperature > 0 else None)
    return ThermalRecall(labels=labels, patterns=patterns, shape=shape, start=start, result=result,
                         overlaps=overlap(result.states, patterns), temperature=temperature)


#: a curve with at most this many points is drawn with a marker at every point, so that a run of
#: one state (at T = 0, a start that is already a fixed point) still shows up as dots
FEW_POINTS = 30


def _mark_if_few(line, n_points):
    """Draw ``line`` with markers when it has few points (a single point is then a visible dot)."""
    line.set_marker("o" if n_points <= FEW_POINTS else "None")


def _build_thermal(fig, data):
    """The thermal-recall figure's axes and artists (structure: the memory set's image shape and size).

    The overlap legend stands outside the overlap axes, on the right, so that it never covers a curve
    (seven memories fill the whole height of the axes); it is built here, from the labels, so the
    layout reserves its room once.
    """
    shape = data["shape"]
    grid = fig.add_gridspec(1, 4, width_ratios=[1, 1, 2, 2])
    blank = -np.ones(shape)
    images = [show_image(blank, ax=fig.add_subplot(grid[k]), title=" ").images[0] for k in range(2)]
    ax_e = fig.add_subplot(grid[2])
    (trace,) = ax_e.plot([0], [0], color="tab:blue", lw=1.2, ms=3)
    (here,) = ax_e.plot([0], [0], "o", color="tab:red", ms=7)
    ax_e.set_xlabel("sweep")
    ax_e.set_ylabel("energy E")
    ax_e.set_title(" ")
    _step_axis(ax_e)
    ax_m = fig.add_subplot(grid[3])
    overlaps = [ax_m.plot([0], [0], lw=1.2, ms=3, label=lab)[0] for lab in data["labels"]]
    marker = ax_m.axvline(0, color="0.5", lw=0.8)
    ax_m.set_ylim(-1.05, 1.05)
    ax_m.set_xlabel("sweep")
    ax_m.set_ylabel("overlap m")
    _step_axis(ax_m)
    ax_m.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0.0,
                frameon=False, handlelength=1.2, labelspacing=0.3)
    return {"images": images, "energy_axes": ax_e, "trace": trace, "here": here, "overlap_axes": ax_m,
            "overlaps": overlaps, "marker": marker}


def _update_thermal(artists, data, frame=0):
    """Put the run ``data`` at sweep ``frame`` into the artists of :func:`_build_thermal`."""
    res = data["result"]
    frame = min(frame, len(res.states) - 1)
    shape = data["shape"]
    for im, state, title in zip(artists["images"], (data["start"], res.states[frame]), ("start", f"sweep {frame}")):
        im.set_data(state.reshape(shape))
        im.axes.set_title(title)
    n = len(res.energies)
    sweeps = np.arange(n)
    artists["trace"].set_data(sweeps, res.energies)
    _mark_if_few(artists["trace"], n)
    artists["here"].set_data([frame], [res.energies[frame]])
    ax = artists["energy_axes"]
    ax.set_title(f"T = {data['temperature']:.2f}")
    ax.set_xlim(*_step_limits(n))
    ax.set_ylim(*_value_limits(res.energies))
    for line, m in zip(artists["overlaps"], data["overlaps"].T):
        line.set_data(sweeps, m)
        _mark_if_few(line, n)
    artists["marker"].set_xdata([frame, frame])
    artists["overlap_axes"].set_xlim(*_step_limits(n))


def _draw_thermal(data, frame, presenter=False):
    """The thermal-recall figure of ``data`` at sweep ``frame`` as a new pyplot figure."""
    import matplotlib.pyplot as plt

    with style(presenter):
        fig = plt.figure(figsize=scale((10, 2.7), presenter), layout="constrained")
        _update_thermal(_build_thermal(fig, data), data, frame)
    return fig


def thermal_recall_explorer(set_name="cross X square", *, temperature=0.3, flips=8, sweeps=60, seed=0,
                            presenter=False):
    """Interactive recall at a temperature: slide T and watch the energy and the overlaps.

    Controls: memory set, start memory, temperature (course units, T_c = 1 for one memory),
    flipped neurons, sweeps, seed, and a play button with a sweep slider. The figure shows
    the start, the state at the current sweep, the energy trace (monotone at T = 0, noisy
    above) and the overlap with every memory.
    """
    import ipywidgets as w

    set_name = as_choice(set_name, "set_name", MEMORY_SETS)
    temperature = as_float(temperature, "temperature", minimum=0.0, maximum=1.5)
    flips = as_int(flips, "flips", minimum=0, maximum=25)
    sweeps = as_int(sweeps, "sweeps", minimum=10, maximum=200)
    seed = as_int(seed, "seed", minimum=0, maximum=50)
    presenter = as_bool(presenter, "presenter")
    c_temp = w.FloatSlider(value=temperature, min=0.0, max=1.5, step=0.05, description="T",
                           continuous_update=False, readout_format=".2f")
    c_flips = w.IntSlider(value=flips, min=0, max=25, description="flipped", continuous_update=False)
    c_sweeps = w.IntSlider(value=sweeps, min=10, max=200, step=10, description="sweeps", continuous_update=False)
    c_seed = w.IntSlider(value=seed, min=0, max=50, description="seed", continuous_update=False)
    play, c_frame = frame_player(sweeps, interval=150, description="sweep")
    out = w.Image(format="png")
    live = LiveFigure(_build_thermal, lambda artists, data: _update_thermal(artists, data, c_frame.value),
                      figsize=scale((10, 2.7), presenter), out=out, presenter=presenter)
    state = {}

    def redraw(*_):
        data = state["data"]
        live.show(data, key=(data["shape"], tuple(data["labels"])))

    def recompute(*_):
        state["data"] = thermal_recall(c_set.value, memory=c_mem.value, flips=c_flips.value,
                                       temperature=c_temp.value, sweeps=c_sweeps.value, rng=c_seed.value)
        last = len(state["data"]["result"].states) - 1
        set_frames(play, c_frame, last, last, silent=redraw)  # show where the run ended; play restarts at 0
        redraw()  # one render per change, whether or not the sweep slider moved

    c_set, c_mem = memory_controls(set_name, recompute)
    for c in (c_temp, c_flips, c_sweeps, c_seed):
        c.observe(recompute, "value")
    c_frame.observe(redraw, "value")
    recompute()
    box = w.VBox([w.HBox([c_set, c_mem, c_temp]), w.HBox([c_flips, c_sweeps, c_seed]), w.HBox([play, c_frame]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box
