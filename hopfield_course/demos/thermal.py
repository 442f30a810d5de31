"""Live demos of chapters 05 (stochastic dynamics) and 08 (capacity), built with ipywidgets.

Each demo keeps its computation in a plain function (:func:`thermal_recall`,
:func:`capacity_step`) so that one slider step can be timed without widgets, and draws into
ONE ``Output`` widget that is cleared on every change.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ..capacity import crosstalk, retrieval_curve
from ..dynamics import run
from ..learning_rules import hebbian_weights
from ..meanfield import critical_load, error_probability, retrieval_overlap
from ..memories import MEMORY_SETS, memory_set
from ..plotting import scale, show_image, style
from ..states import flip, overlap
from ._skeleton import frame_player, memory_controls, progress_bar, set_frames, show_in

__all__ = ["thermal_recall", "thermal_recall_explorer", "capacity_step", "capacity_explorer"]


def thermal_recall(set_name="cross X square", memory=0, flips=8, temperature=0.3, sweeps=60, seed=0):
    """The computation behind :func:`thermal_recall_explorer`.

    Stores ``set_name`` with Hebb's rule (``1/N``, so temperatures are in the course's units),
    flips ``flips`` neurons of memory ``memory`` and runs ``sweeps`` Glauber sweeps at
    ``temperature`` (``run(..., mode="async", temperature=T)``; T = 0 is the deterministic rule).

    Returns a dict with ``labels``, ``patterns``, ``shape``, ``start``, ``result`` (a RunResult
    recording the state after every sweep) and ``overlaps`` (sweeps + 1, p).
    """
    labels, patterns, shape = memory_set(set_name)
    if not isinstance(memory, (int, np.integer)) or not 0 <= memory < len(labels):
        raise ValueError(f"memory: expected an index between 0 and {len(labels) - 1}, got {memory!r}")
    rng = np.random.default_rng(seed)
    start = flip(patterns[memory], int(flips), rng)
    W = hebbian_weights(patterns, normalize="N")
    if temperature > 0:
        result = run(start, W, mode="async", max_steps=int(sweeps), rng=rng, temperature=temperature)
    else:
        result = run(start, W, mode="async", max_steps=int(sweeps), rng=rng)
    return {"labels": labels, "patterns": patterns, "shape": shape, "start": start, "result": result,
            "overlaps": overlap(result.states, patterns), "temperature": float(temperature)}


def _draw_thermal(data, frame, presenter=False):
    import matplotlib.pyplot as plt

    res = data["result"]
    frame = min(frame, len(res.states) - 1)
    shape = data["shape"]
    with style(presenter):
        fig = plt.figure(figsize=scale((10, 2.7), presenter), layout="constrained")
        grid = fig.add_gridspec(1, 4, width_ratios=[1, 1, 2, 2])
        show_image(data["start"].reshape(shape), ax=fig.add_subplot(grid[0]), title="start")
        show_image(res.states[frame].reshape(shape), ax=fig.add_subplot(grid[1]), title=f"sweep {frame}")
        ax = fig.add_subplot(grid[2])
        ax.plot(res.energies, color="tab:blue", lw=1.2)
        ax.plot([frame], [res.energies[frame]], "o", color="tab:red", ms=7)
        ax.set_xlabel("sweep")
        ax.set_ylabel("energy E")
        ax.set_title(f"T = {data['temperature']:.2f}")
        ax = fig.add_subplot(grid[3])
        for k, lab in enumerate(data["labels"]):
            ax.plot(data["overlaps"][:, k], lw=1.2, label=lab)
        ax.axvline(frame, color="0.5", lw=0.8)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xlabel("sweep")
        ax.set_ylabel("overlap m")
        ax.legend(fontsize="small", ncol=2, loc="lower right")
    return fig


def thermal_recall_explorer(set_name="cross X square", temperature=0.3, flips=8, sweeps=60, seed=0,
                            presenter=False):
    """Interactive recall at a temperature: slide T and watch the energy and the overlaps.

    Controls: memory set, start memory, temperature (course units, T_c = 1 for one memory),
    flipped neurons, sweeps, seed, and a play button with a sweep slider. The figure shows
    the start, the state at the current sweep, the energy trace (monotone at T = 0, noisy
    above) and the overlap with every memory.
    """
    import ipywidgets as w

    if set_name not in MEMORY_SETS:
        raise ValueError(f"set_name: expected one of {MEMORY_SETS}, got {set_name!r}")
    c_temp = w.FloatSlider(value=temperature, min=0.0, max=1.5, step=0.05, description="T",
                           continuous_update=False, readout_format=".2f")
    c_flips = w.IntSlider(value=flips, min=0, max=25, description="flipped", continuous_update=False)
    c_sweeps = w.IntSlider(value=sweeps, min=10, max=200, step=10, description="sweeps", continuous_update=False)
    c_seed = w.IntSlider(value=seed, min=0, max=50, description="seed", continuous_update=False)
    play, c_frame = frame_player(sweeps, interval=150, description="sweep")
    out = w.Output()
    state = {}

    def redraw(*_):
        show_in(out, _draw_thermal(state["data"], c_frame.value, presenter))

    def recompute(*_):
        state["data"] = thermal_recall(c_set.value, c_mem.value, c_flips.value, c_temp.value, c_sweeps.value,
                                       c_seed.value)
        last = len(state["data"]["result"].states) - 1
        set_frames(play, c_frame, last, last)  # show where the run ended; play restarts from sweep 0
        redraw()

    c_set, c_mem = memory_controls(set_name, recompute)
    for c in (c_temp, c_flips, c_sweeps, c_seed):
        c.observe(recompute, "value")
    c_frame.observe(redraw, "value")
    recompute()
    box = w.VBox([w.HBox([c_set, c_mem, c_temp]), w.HBox([c_flips, c_sweeps, c_seed]), w.HBox([play, c_frame]), out])
    box.add_class("hc-demo")
    return box


# --------------------------------------------------------------------------
# Chapter 08: crosstalk and retrieval at a load
# --------------------------------------------------------------------------
def capacity_step(n=1000, alpha=0.1, trials=8, seed=0):
    """The computation behind :func:`capacity_explorer` for one load ``alpha``.

    Draws ``p = round(alpha n)`` random memories, computes the crosstalk of all their bits
    and the measured one-step error (fraction with ``C > (N-1)/N``), and runs ``trials``
    retrieval trials (start at a memory, T = 0 asynchronous dynamics to a fixed point) with
    the fast kernel. Returns a dict.
    """
    if not isinstance(n, (int, np.integer)) or n < 10:
        raise ValueError(f"n: expected an integer number of neurons >= 10, got {n!r}")
    if not 0 < alpha <= 1:
        raise ValueError(f"alpha: expected a load in (0, 1], got {alpha!r}")
    rng = np.random.default_rng(seed)
    p = max(1, int(round(alpha * n)))
    X = rng.choice(np.array([-1, 1]), size=(p, n))
    C = crosstalk(X)
    curve = retrieval_curve(n, [p / n], trials, rng=rng)
    return {"n": n, "p": p, "alpha": p / n, "crosstalk": C.ravel(),
            "error_measured": float(np.mean(C > (n - 1) / n)), "error_theory": float(error_probability(p / n)),
            "overlaps": curve["overlaps"][0], "sweeps": curve["sweeps"][0]}


_THEORY_ALPHAS = np.linspace(0.001, 0.3, 300)


@lru_cache(maxsize=1)
def _theory_curve():
    return retrieval_overlap(_THEORY_ALPHAS)


def _draw_capacity(data, history, presenter=False):
    import matplotlib.pyplot as plt

    a = data["alpha"]
    with style(presenter):
        fig, (ax1, ax2) = plt.subplots(1, 2, figsize=scale((10, 3.3), presenter), layout="constrained")
        C = data["crosstalk"]
        sd = np.sqrt(a)
        lim = max(1.4, 4.5 * sd)
        counts, edges = np.histogram(C, bins=80, range=(-lim, lim), density=True)
        ax1.stairs(counts, edges, fill=True, color="0.75", label="measured C")
        x = np.linspace(-lim, lim, 300)
        ax1.plot(x, np.exp(-x ** 2 / (2 * a)) / np.sqrt(2 * np.pi * a), color="tab:blue",
                 label=r"Gaussian, var $\alpha$")
        ax1.axvspan(1.0, lim, color="tab:red", alpha=0.12)
        ax1.axvline(1.0, color="tab:red", lw=1)
        ax1.set_xlabel(r"crosstalk $C_i^\mu$")
        ax1.set_ylabel("density")
        ax1.set_title(f"p/N = {a:.3f}: error {data['error_measured']:.4f} measured, "
                      f"{data['error_theory']:.4f} theory", fontsize="medium")
        ax1.legend(fontsize="small", loc="upper left")
        m_theory = _theory_curve()
        ax2.plot(_THEORY_ALPHAS, m_theory, color="tab:blue", label="replica-symmetric theory")
        ac = critical_load()
        ax2.axvline(ac, color="tab:blue", ls=":", lw=1)
        for (hn, ha), ov in history.items():
            if hn == data["n"]:
                ax2.plot([ha], [ov.mean()], "o", color="0.6", ms=4)
        ax2.plot(np.full(data["overlaps"].size, a), data["overlaps"], "o", color="tab:red", ms=4, alpha=0.6,
                 label=f"simulation, N = {data['n']}")
        ax2.plot([a], [data["overlaps"].mean()], "D", color="tab:red", ms=8)
        ax2.set_xlim(0, 0.3)
        ax2.set_ylim(0, 1.05)
        ax2.set_xlabel(r"load $\alpha = p/N$")
        ax2.set_ylabel("overlap at the fixed point")
        ax2.legend(fontsize="small", loc="lower left")
    return fig


def capacity_explorer(n=500, alpha=0.1, trials=8, seed=0, presenter=False):
    """Interactive capacity: slide the load, see the crosstalk histogram and the retrieval overlap.

    Left: the crosstalk of every bit of every memory with its Gaussian approximation; the
    shaded tail (C > 1) is the one-step error. Right: the replica-symmetric m(alpha) with the
    final overlaps of ``trials`` simulated retrievals at the chosen load; loads already
    visited stay on the plot (grey), so sweeping the slider draws the capacity curve live.
    """
    import ipywidgets as w

    c_alpha = w.FloatSlider(value=alpha, min=0.01, max=0.3, step=0.01, description="p/N",
                            continuous_update=False, readout_format=".2f")
    if n not in (250, 500, 1000):  # N = 2000 takes up to ~0.5 s per step at high load: too slow to slide
        raise ValueError(f"n: expected one of 250, 500, 1000, got {n!r}")
    c_n = w.Dropdown(options=[250, 500, 1000], value=n, description="N")
    c_seed = w.IntSlider(value=seed, min=0, max=20, description="seed", continuous_update=False)
    out = w.Output()
    history: dict = {}

    def update(*_):
        data = capacity_step(c_n.value, c_alpha.value, trials, c_seed.value)
        history[(data["n"], data["alpha"])] = data["overlaps"]
        show_in(out, _draw_capacity(data, history, presenter))

    for c in (c_alpha, c_n, c_seed):
        c.observe(update, "value")
    update()
    box = w.VBox([w.HBox([c_alpha, c_n, c_seed]), out])
    box.add_class("hc-demo")
    return box
