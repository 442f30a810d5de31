"""Live demo of recall in the binary network (ipywidgets): a corrupted memory repaired step by step.

Each demo separates the computation (a plain function, timed in the benchmarks and
usable without widgets) from the drawing, and draws ONE figure, laid out once and updated in
place (:class:`~hopfield_course.demos._skeleton.LiveFigure`), shown in ONE image widget, so moving a
slider answers at once and never piles up figures.
"""

from __future__ import annotations

import numpy as np

from dataclasses import dataclass, field

from .._validation import as_bool, as_choice, as_int, as_rng
from ..dynamics import RunResult, run
from ..learning_rules import hebbian_weights
from ..memories import MEMORY_SETS, memory_set
from ..plotting import scale, show_image, style
from ..states import flip, overlap
from ._skeleton import LiveFigure, frame_player, memory_controls, set_frames

__all__ = ["recall_trajectory", "recall_explorer", "RecallTrajectory"]


@dataclass
class RecallTrajectory:
    """Outcome of :func:`recall_trajectory`: the memory set, the corrupted start and the run."""

    labels: list
    patterns: np.ndarray = field(repr=False)
    shape: tuple
    start: np.ndarray = field(repr=False)
    result: RunResult

    def __getitem__(self, key):  # ``data["result"]`` as well as ``data.result``
        return getattr(self, key)


def recall_trajectory(set_name="cross X square", *, memory=0, flips=6, mode="async", rng=0):
    """The computation behind :func:`recall_explorer`.

    Stores the memory set ``set_name`` (one of :data:`~hopfield_course.memories.MEMORY_SETS`) with
    Hebb's rule, flips exactly ``flips`` neurons of memory number ``memory`` (drawn from ``rng``)
    and runs the dynamics (``"sync"``, or ``"async"`` recording every flip). Returns a
    :class:`RecallTrajectory`.
    """
    labels, patterns, shape = memory_set(set_name)
    memory = as_int(memory, "memory", minimum=0, maximum=len(labels) - 1)
    flips = as_int(flips, "flips", minimum=0, maximum=patterns.shape[1])
    mode = as_choice(mode, "mode", ("sync", "async"))
    generator = as_rng(rng)
    start = flip(patterns[memory], flips, rng=generator)
    W = hebbian_weights(patterns)
    record = "flip" if mode == "async" else "step"
    result = run(start, W, mode=mode, max_steps=50, rng=generator, record=record)
    return RecallTrajectory(labels=labels, patterns=patterns, shape=shape, start=start, result=result)


def _step_axis(ax):
    """Make the x axis of ``ax`` a count of steps: integer ticks only, and never an offset (``1e-17``)."""
    from matplotlib.ticker import MaxNLocator

    # as many ticks as fit the axes ("auto"), at whole multiples of 1, 2 or 5 (0, 2, ..., 10 rather than 0, 3, 6, 9)
    ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 5, 10], integer=True))
    ax.ticklabel_format(axis="both", style="plain", useOffset=False)


def _step_limits(n_points):
    """x limits for a series of ``n_points`` values at 0, 1, ...: at least 0..1 (a one-point run has no
    width to autoscale to), with a 5% margin on each side, as matplotlib's default margins give."""
    last = max(int(n_points) - 1, 1)
    return -0.05 * last, last * 1.05


def _value_limits(values):
    """y limits that show ``values`` with a margin, also when they are all equal (to rounding).

    Autoscaling a constant series gives a range of the size of the rounding noise (tick labels such as
    ``1e-31`` plus an offset); a constant value gets instead 5% of its size (at least 0.05) on each side.
    """
    values = np.asarray(values, dtype=float)
    lo, hi = float(values.min()), float(values.max())
    size = max(abs(lo), abs(hi), 1.0)
    pad = 0.05 * size if hi - lo <= 1e-9 * size else 0.06 * (hi - lo)
    return lo - pad, hi + pad


def _energy_title(res):
    """The run's end (fixed point, cycle, or none within the step budget); in sync mode, when the energy
    rose somewhere or the run ends in a cycle, also the reminder that synchronous updates need not lower
    E (only an asynchronous update never raises it; see :mod:`hopfield_course.dynamics`)."""
    unit = "sweep" if res.mode == "async" else "step"
    end = {"fixed_point": "fixed point", "cycle": f"{res.period}-cycle"}.get(
        res.status, f"no fixed point in {res.steps} {unit}s")
    rose = bool(np.any(np.diff(res.energies) > 1e-9 * max(1.0, float(np.abs(res.energies).max()))))
    if res.mode == "sync" and (res.status == "cycle" or rose):
        return f"{end}: energy need not\nfall in sync mode"
    return end


def _build(fig, data):
    """The recall figure's axes and artists (structure: the memory set's image shape and size)."""
    labels, shape = data["labels"], data["shape"]
    grid = fig.add_gridspec(1, 5, width_ratios=[1, 1, 1, 1.6, 1.6])
    blank = -np.ones(shape)
    images = [show_image(blank, ax=fig.add_subplot(grid[k]), title=" ").images[0] for k in range(3)]
    ax_e = fig.add_subplot(grid[3])
    (trace,) = ax_e.plot([0], [0], marker="o", ms=3, color="tab:blue")
    (here,) = ax_e.plot([0], [0], marker="o", ms=9, color="tab:red")
    ax_e.set_ylabel("energy")
    ax_e.set_xlabel("step")
    ax_e.set_title(" \n ", fontsize="medium")  # room for the two lines of the sync-mode status
    _step_axis(ax_e)
    ax_m = fig.add_subplot(grid[4])
    bars = ax_m.bar(range(len(labels)), np.zeros(len(labels)), color="tab:gray")
    ax_m.set_xticks(range(len(labels)), labels)
    ax_m.set_ylim(-1.05, 1.05)
    ax_m.axhline(0, color="k", lw=0.5)
    ax_m.set_ylabel("overlap m")
    return {"images": images, "energy_axes": ax_e, "trace": trace, "here": here, "bars": bars}


def _update(artists, data, frame=0):
    """Put trajectory ``data`` at ``frame`` into the artists of :func:`_build`."""
    res = data["result"]
    frame = min(frame, len(res.states) - 1)
    shape = data["shape"]
    step_name = "flip" if res.mode == "async" else "step"
    end = {"fixed_point": "fixed point", "cycle": f"{res.period}-cycle"}.get(res.status, "max steps")
    for im, state, title in zip(artists["images"], (data["start"], res.states[frame], res.state),
                                ("start", f"{step_name} {frame}", end)):
        im.set_data(state.reshape(shape))
        im.axes.set_title(title)
    steps = np.arange(len(res.energies))
    artists["trace"].set_data(steps, res.energies)
    artists["here"].set_data([frame], [res.energies[frame]])
    ax = artists["energy_axes"]
    ax.set_xlabel(step_name)
    ax.set_title(_energy_title(res), fontsize="medium")
    ax.set_xlim(*_step_limits(len(steps)))
    ax.set_ylim(*_value_limits(res.energies))
    m = overlap(res.states[frame], data["patterns"])
    for bar, v in zip(artists["bars"], m):
        bar.set_height(v)
        bar.set_color("tab:green" if v > 0.99 else "tab:gray")


def _draw(data, frame, presenter=False):
    """The recall figure of ``data`` at ``frame`` as a new pyplot figure (for notebooks and tests)."""
    import matplotlib.pyplot as plt

    with style(presenter):
        fig = plt.figure(figsize=scale((10, 2.6), presenter), layout="constrained")
        _update(_build(fig, data), data, frame)
    return fig


def recall_explorer(set_name="cross X square", *, flips=6, mode="async", seed=0, presenter=False):
    """Interactive recall: pick a memory set and a memory, corrupt it, watch the network repair it.

    Controls: memory set, memory, number of flipped neurons, sync/async, random seed, and a
    play button with a frame slider that steps through the trajectory. The figure shows the
    start, the current frame, the end state (with its status: fixed point or 2-cycle), the
    energy along the way (titled with the run's end; in sync mode, when the energy rose or the run
    ends in a 2-cycle, with the reminder that synchronous updates need not lower it) and the overlap
    of the current frame with every memory. ``seed`` is the initial value of the seed slider (the
    ``rng`` of :func:`recall_trajectory`). Every change of a control renders the figure once.
    """
    import ipywidgets as w

    set_name = as_choice(set_name, "set_name", MEMORY_SETS)
    mode = as_choice(mode, "mode", ("sync", "async"))
    flips = as_int(flips, "flips", minimum=0, maximum=25)
    seed = as_int(seed, "seed", minimum=0, maximum=50)
    presenter = as_bool(presenter, "presenter")
    c_flips = w.IntSlider(value=flips, min=0, max=25, description="flipped", continuous_update=True)
    c_mode = w.ToggleButtons(options=["async", "sync"], value=mode, description="updates")
    c_seed = w.IntSlider(value=seed, min=0, max=50, description="seed")
    play, c_frame = frame_player(1, interval=250, description="frame")
    out = w.Image(format="png")
    live = LiveFigure(_build, lambda artists, data: _update(artists, data, c_frame.value),
                      figsize=scale((10, 2.6), presenter), out=out, presenter=presenter)
    state = {}

    def redraw(*_):
        data = state["data"]
        live.show(data, key=(data["shape"], len(data["labels"])))

    def recompute(*_):
        state["data"] = recall_trajectory(c_set.value, memory=c_mem.value, flips=c_flips.value,
                                          mode=c_mode.value, rng=c_seed.value)
        last = len(state["data"]["result"].states) - 1
        set_frames(play, c_frame, last, 0, silent=redraw)
        redraw()  # one render per change, whether or not the frame slider moved

    c_set, c_mem = memory_controls(set_name, recompute)
    for c in (c_flips, c_mode, c_seed):
        c.observe(recompute, "value")
    c_frame.observe(redraw, "value")
    recompute()
    box = w.VBox([w.HBox([c_set, c_mem, c_mode]), w.HBox([c_flips, c_seed]), w.HBox([play, c_frame]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box
