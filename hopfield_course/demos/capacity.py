"""Live demo of chapter 08 (capacity), built with ipywidgets.

The computation is a plain function (:func:`capacity_step`) so that one slider step can be timed
without widgets; the demo draws ONE figure, laid out once and updated in place
(:class:`~hopfield_course.demos._skeleton.LiveFigure`), shown in ONE image widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .._validation import as_bool, as_float, as_int, as_rng
from ..capacity import crosstalk, one_step_errors, retrieval_curve
from ..meanfield import critical_load, error_probability, retrieval_overlap
from ..plotting import scale, style
from ._skeleton import LiveFigure

__all__ = ["capacity_step", "CapacityStep", "capacity_explorer"]

#: the network sizes the live demo offers (N = 2000 takes up to ~0.5 s per step at high load)
DEMO_SIZES = (250, 500, 1000)


@dataclass(frozen=True)
class CapacityStep:
    """Result of :func:`capacity_step` (one load of the capacity demo)."""

    n_neurons: int  #: N
    n_memories: int  #: p
    alpha: float  #: p / N
    crosstalk: np.ndarray  #: crosstalk of every bit of every memory (flattened, p N values)
    errors: int  #: bits that one T = 0 update of their memory changes (tie rule of the course: h = 0 gives +1)
    error_measured: float  #: errors / (p N), from :func:`hopfield_course.capacity.one_step_errors`
    error_theory: float  #: 1/2 erfc(sqrt(1 / (2 alpha)))
    overlaps: np.ndarray  #: final overlaps of the retrieval trials
    sweeps: np.ndarray  #: sweeps each trial took (-1: no fixed point)


def capacity_step(n_neurons=1000, alpha=0.1, *, trials=8, rng=0):
    """The computation behind :func:`capacity_explorer` for one load ``alpha``.

    Draws ``p = round(alpha N)`` random memories, computes the crosstalk of all their bits and
    the measured one-step error: the fraction of bits that one T = 0 update of their memory
    changes, under the course's rule (+1 when ``h >= 0``), by
    :func:`hopfield_course.capacity.one_step_errors`. That is ``C > (N-1)/N`` for a +1 bit but
    ``C >= (N-1)/N`` for a -1 bit: a zero field (possible when ``(N-1) p`` is even) turns a -1 bit
    into +1, and counting ``C > (N-1)/N`` alone would miss those flips. Then runs ``trials``
    retrieval trials (start at a memory, T = 0 asynchronous dynamics to a fixed point,
    :func:`hopfield_course.capacity.retrieval_curve`).
    """
    n = as_int(n_neurons, "n_neurons", minimum=10, maximum=20000)
    alpha = as_float(alpha, "alpha", positive=True, maximum=1.0)
    trials = as_int(trials, "trials", minimum=1, maximum=1000)
    generator = as_rng(rng)
    p = max(1, int(round(alpha * n)))
    X = generator.choice(np.array([-1, 1]), size=(p, n))
    C = crosstalk(X)
    rate = one_step_errors(X)
    curve = retrieval_curve(n, [p / n], trials=trials, rng=generator)
    return CapacityStep(n_neurons=n, n_memories=p, alpha=p / n, crosstalk=C.ravel(),
                        errors=int(round(rate * p * n)), error_measured=rate,
                        error_theory=float(error_probability(p / n)),
                        overlaps=curve.overlaps[0], sweeps=curve.sweeps[0])


#: the loads the slider offers, and the right end of the overlap panel: a margin beyond the largest load
#: so that the markers at p/N = 0.3 are drawn whole (they are clipped at the axes' edge)
MAX_ALPHA = 0.3
ALPHA_VIEW = 0.32
_THEORY_ALPHAS = np.linspace(0.001, ALPHA_VIEW, 320)


def _rate(x) -> str:
    """A probability readable at any size: 4 decimals from 0.001 on, else 2 significant digits
    (``4.2e-06``), never a misleading ``0.0000`` for a small nonzero number."""
    if x == 0:
        return "0"
    return f"{x:.4f}" if x >= 1e-3 else f"{x:.1e}"


def _error_readout(data) -> str:
    """The histogram's two-line title: the load, and the one-step error measured (as a count of the
    p N bits, so that 0 reads as "none of them", not as a rate of 0) and predicted."""
    bits = data.n_memories * data.n_neurons
    rate = "" if data.errors == 0 else f" ({_rate(data.error_measured)})"
    return (f"p/N = {data.alpha:.3f}, one-step error:\n"
            f"measured {data.errors:,} of {bits:,} bits{rate}, theory {_rate(data.error_theory)}")


@lru_cache(maxsize=1)
def _theory_curve():
    return retrieval_overlap(_THEORY_ALPHAS)


def _build_capacity(fig, data):
    """The capacity figure's axes and artists (the same for every load and size)."""
    ax1, ax2 = fig.subplots(1, 2)
    hist = ax1.stairs([0.0], [0.0, 1.0], fill=True, color="0.75", label="measured C")
    (gauss,) = ax1.plot([0], [0], color="tab:blue", label=r"Gaussian, var $\alpha$")
    tail = ax1.axvspan(1.0, 1.4, color="tab:red", alpha=0.12)
    ax1.axvline(1.0, color="tab:red", lw=1)
    ax1.set_xlabel(r"crosstalk $C_i^\mu$")
    ax1.set_ylabel("density")
    ax1.set_title(" \n ", fontsize="medium")  # two lines, as the readout of _error_readout
    ax1.legend(fontsize="small", loc="upper left")
    ax2.plot(_THEORY_ALPHAS, _theory_curve(), color="tab:blue", label="replica-symmetric theory")
    ax2.axvline(critical_load(), color="tab:blue", ls=":", lw=1)
    (visited,) = ax2.plot([], [], "o", color="0.6", ms=4)
    (trials,) = ax2.plot([], [], "o", color="tab:red", ms=4, alpha=0.6, label="simulation")
    (mean,) = ax2.plot([], [], "D", color="tab:red", ms=8)
    ax2.set_xlim(0, ALPHA_VIEW)
    ax2.set_ylim(0, 1.05)
    ax2.set_xlabel(r"load $\alpha = p/N$")
    ax2.set_ylabel("overlap at the fixed point")
    legend = ax2.legend(fontsize="small", loc="lower left")
    return {"hist_axes": ax1, "hist": hist, "gauss": gauss, "tail": tail, "visited": visited, "trials": trials,
            "mean": mean, "trials_label": legend.get_texts()[1]}


def _update_capacity(artists, data, history=None):
    """Put one load's :class:`CapacityStep` ``data`` (and the loads visited before, ``history``:
    ``{(N, alpha): overlaps}``) into the artists of :func:`_build_capacity`."""
    a = data.alpha
    lim = max(1.4, 4.5 * np.sqrt(a))
    counts, edges = np.histogram(data.crosstalk, bins=80, range=(-lim, lim), density=True)
    artists["hist"].set_data(counts, edges)
    x = np.linspace(-lim, lim, 300)
    artists["gauss"].set_data(x, np.exp(-x ** 2 / (2 * a)) / np.sqrt(2 * np.pi * a))
    artists["tail"].set_x(1.0)
    artists["tail"].set_width(lim - 1.0)
    ax = artists["hist_axes"]
    ax.set_title(_error_readout(data), fontsize="medium")
    ax.relim()
    ax.autoscale_view()
    ax.set_xlim(-lim, lim)
    seen = [(ha, ov.mean()) for (hn, ha), ov in (history or {}).items() if hn == data.n_neurons]
    artists["visited"].set_data([h[0] for h in seen], [h[1] for h in seen])
    artists["trials"].set_data(np.full(data.overlaps.size, a), data.overlaps)
    artists["mean"].set_data([a], [data.overlaps.mean()])
    artists["trials_label"].set_text(f"simulation, N = {data.n_neurons}")


def _draw_capacity(data, history, presenter=False):
    """The capacity figure of one load as a new pyplot figure."""
    import matplotlib.pyplot as plt

    with style(presenter):
        fig = plt.figure(figsize=scale((10, 3.6), presenter), layout="constrained")
        _update_capacity(_build_capacity(fig, data), data, history)
    return fig


def capacity_explorer(n_neurons=500, alpha=0.1, *, trials=8, seed=0, presenter=False):
    """Interactive capacity: slide the load, see the crosstalk histogram and the retrieval overlap.

    Left: the crosstalk of every bit of every memory with its Gaussian approximation; the
    shaded tail (C > 1) is the one-step error. Right: the replica-symmetric m(alpha) with the
    final overlaps of ``trials`` simulated retrievals at the chosen load; loads already
    visited stay on the plot (grey), so sweeping the slider draws the capacity curve live.
    ``seed`` is the initial value of the random-seed slider (passed as ``rng`` to
    :func:`capacity_step`).
    """
    import ipywidgets as w

    if n_neurons not in DEMO_SIZES:
        raise ValueError(f"n_neurons: expected one of {', '.join(map(str, DEMO_SIZES))}, got {n_neurons!r}")
    alpha = as_float(alpha, "alpha", minimum=0.01, maximum=MAX_ALPHA)
    trials = as_int(trials, "trials", minimum=1, maximum=100)
    seed = as_int(seed, "seed", minimum=0, maximum=20)
    presenter = as_bool(presenter, "presenter")
    c_alpha = w.FloatSlider(value=alpha, min=0.01, max=MAX_ALPHA, step=0.01, description="p/N",
                            continuous_update=False, readout_format=".2f")
    c_n = w.Dropdown(options=list(DEMO_SIZES), value=n_neurons, description="N")
    c_seed = w.IntSlider(value=seed, min=0, max=20, description="seed", continuous_update=False)
    out = w.Image(format="png")
    history: dict = {}
    live = LiveFigure(_build_capacity, lambda artists, data: _update_capacity(artists, data, history),
                      figsize=scale((10, 3.6), presenter), out=out, presenter=presenter)

    def update(*_):
        data = capacity_step(c_n.value, c_alpha.value, trials=trials, rng=c_seed.value)
        history[(data.n_neurons, data.alpha)] = data.overlaps
        live.show(data)

    for c in (c_alpha, c_n, c_seed):
        c.observe(update, "value")
    update()
    box = w.VBox([w.HBox([c_alpha, c_n, c_seed]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box
