"""Live demo of modern Hopfield networks: four networks recall the same corrupted digit."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import as_choice, as_float, as_int, as_rng
from ..memories import binary_digits
from ..modern import (
    AssociativeMemory,
    ClassicalNetwork,
    ContinuousModernNetwork,
    DenseAssociativeMemory,
    ExponentialNetwork,
    Retrieval,
    mask_state,
)
from ..plotting import scale, style
from ..states import flip
from ._skeleton import LiveFigure

__all__ = ["RecallComparison", "modern_recall_step", "modern_recall_explorer", "run_outcome"]


@dataclass
class RecallComparison:
    """What :func:`modern_recall_step` computes: the stored digits, the query and each network's answer."""

    memories: np.ndarray
    labels: np.ndarray
    target: np.ndarray
    query: np.ndarray
    classical: np.ndarray
    dense: np.ndarray
    exponential: np.ndarray
    continuous: np.ndarray
    weights: np.ndarray
    power: int
    beta: float
    #: how each network's run ended (:func:`run_outcome`): "fixed point", "2-cycle" or "still moving"
    outcomes: dict


#: the step budget of every network in :func:`modern_recall_step`
MAX_STEPS = 50
#: the longest cycle :func:`run_outcome` looks for
MAX_PERIOD = 8


def modern_recall_step(*, n_memories=40, power=8, beta=0.5, corruption="mask", level=0.25, index=0, rng=0):
    """Store ``n_memories`` digits in four networks and retrieve digit ``index`` from a corrupted query.

    The digits (scikit-learn's 8x8 digits as +/-1 states) are drawn without replacement with
    ``rng``. ``corruption="mask"`` sets the lower image rows to off (``level`` = fraction of
    rows, rounded); ``"noise"`` flips a fraction ``level`` of the pixels. The classical network
    (Hebb, async), the dense memory F(x) = x^power (async), the exponential network of
    Demircigil et al. (synchronous) and the continuous softmax network at inverse temperature
    ``beta`` all see the same query. Each network gets at most ``MAX_STEPS`` steps (sweeps for the
    asynchronous ones); ``outcomes`` says for each whether it stopped at a fixed point, is caught in
    a cycle (the synchronous exponential network can oscillate between two states) or is still
    moving (:func:`run_outcome`). Returns a :class:`RecallComparison`.
    """
    n_memories = as_int(n_memories, "n_memories", minimum=1, maximum=1797)
    power = as_int(power, "power", minimum=2, maximum=10)
    beta = as_float(beta, "beta", positive=True)
    corruption = as_choice(corruption, "corruption", ("mask", "noise"))
    level = as_float(level, "level", minimum=0.0, maximum=1.0)
    index = as_int(index, "index", minimum=0, maximum=n_memories - 1)
    gen = as_rng(rng)
    digits, all_labels = binary_digits(values=(-1, 1))
    idx = np.sort(gen.choice(len(digits), size=n_memories, replace=False))
    X, labels = digits[idx], all_labels[idx]
    target = X[index]
    if corruption == "mask":
        query = mask_state(target, rows=range(8 - int(round(8 * level)), 8), fill=-1)
    else:
        query = flip(target, int(round(level * target.size)), rng=gen)
    nets = {"classical": ClassicalNetwork(mode="async"), "dense": DenseAssociativeMemory(power, mode="async"),
            "exponential": ExponentialNetwork(), "continuous": ContinuousModernNetwork(beta=beta)}
    results, outcomes = {}, {}
    for name, net in nets.items():
        net.store(X)
        results[name] = net.retrieve(query, max_steps=MAX_STEPS, rng=gen)
        outcomes[name] = run_outcome(net, results[name])
    return RecallComparison(X, labels, target, query, *(results[k].state for k in nets),
                            nets["continuous"].weights_of(query), power, beta, outcomes)


def run_outcome(net, result):
    """How a ``retrieve`` run of ``net`` ended: ``"fixed point"``, ``"<p>-cycle"`` or ``"still moving"``.

    A run that did not converge within its steps is caught in a cycle or still moving. A
    synchronous binary network is a deterministic map, so its final state lies on a cycle of
    period p when p more steps bring it back (looked for up to ``MAX_PERIOD``): the synchronous
    exponential network does stop in 2-cycles (it then shows one of the two states, the one after
    an even number of steps). Asynchronous sweeps in a random order and the continuous network
    (whose state still changes by more than its ``tol`` per step) are "still moving".
    """
    if not isinstance(net, AssociativeMemory):
        raise TypeError(f"net: expected a network of hopfield_course.modern (with stored memories), "
                        f"got {type(net).__name__}")
    if not isinstance(result, Retrieval):
        raise TypeError(f"result: expected the Retrieval that net.retrieve returned, got {type(result).__name__}")
    if result.converged:
        return "fixed point"
    if isinstance(net, ExponentialNetwork) or getattr(net, "mode", None) == "sync":
        s = result.state
        for period in range(1, MAX_PERIOD + 1):
            s = net.step(s)
            if np.array_equal(s, result.state):
                return "fixed point" if period == 1 else f"{period}-cycle"
    return "still moving"


_PANELS = ("target", "query", "classical", "dense", "exponential", "continuous")


def _build(fig, data):
    """The comparison's axes and artists: six 8x8 images and the softmax weights as one step patch.

    Nothing here depends on ``data``: the weights are one filled step line (a
    :class:`~matplotlib.patches.StepPatch`) that takes any number of stored digits, so changing
    that number updates the figure in place.
    """
    from matplotlib.ticker import MaxNLocator

    grid = fig.add_gridspec(1, 7, width_ratios=[1, 1, 1, 1, 1, 1, 2.4])
    images = []
    for k in range(len(_PANELS)):
        ax = fig.add_subplot(grid[k])
        images.append(ax.imshow(np.zeros((8, 8)), cmap="binary", vmin=-1, vmax=1, interpolation="nearest"))
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(" \n \n ")  # room for the three-line titles of the update
    ax = fig.add_subplot(grid[6])
    weights = ax.stairs([0.0], [-0.5, 0.5], fill=True, color="tab:blue")
    ax.set_xlabel("stored digit (index)")
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True, steps=[1, 2, 5, 10]))  # whole indices, room to read
    ax.set_ylabel("softmax weight")
    ax.set_ylim(0, 1.02)
    ax.set_yticks(np.linspace(0, 1, 6))  # fixed ticks: the layout is solved with the labels it will show
    ax.set_title(" \n ")
    return {"images": images, "weights_axes": ax, "weights": weights}


def _update(artists, data: RecallComparison):
    """Put the comparison ``data`` into the artists of :func:`_build`.

    Each network's title has three short lines (they fit the narrow panels in both styles): the
    network, its parameter with ✓ (the state shown is the target) or ✗, and how its run ended
    (:func:`run_outcome`: fixed point, 2-cycle or still moving).
    """
    params = {"classical": "", "dense": f"power {data.power} ", "exponential": "",
              "continuous": f"β={data.beta:.2g} "}
    names = {"classical": "classical", "dense": "dense", "exponential": "exponential", "continuous": "softmax"}
    for image, name in zip(artists["images"], _PANELS):
        arr = np.asarray(getattr(data, name), dtype=float)
        image.set_data(arr.reshape(8, 8))
        if name in params:
            good = np.array_equal(np.where(arr >= 0, 1, -1), data.target)
            title = f"{names[name]}\n{params[name]}{'✓' if good else '✗'}\n{data.outcomes[name]}"
        else:
            title = name
        image.axes.set_title(title)
    w = np.asarray(data.weights, dtype=float)
    # memory k (0-based, as the axis says) is the bar centred on x = k: edges k - 1/2 and k + 1/2
    artists["weights"].set_data(w, np.arange(len(w) + 1) - 0.5)
    ax = artists["weights_axes"]
    ax.set_xlim(-0.5 - 0.05 * len(w), len(w) - 0.5 + 0.05 * len(w))  # bars' autoscale: 5 % margins
    ax.set_title(f"effective memories\n1/Σp² = {1 / np.sum(w ** 2):.1f}")


def _draw_recall(data: RecallComparison, presenter=False):
    """The comparison figure of ``data`` as a new pyplot figure (for notebooks and tests)."""
    import matplotlib.pyplot as plt

    with style(presenter):
        fig = plt.figure(figsize=scale((12, 2.8), presenter), layout="constrained")
        _update(_build(fig, data), data)
    return fig


def modern_recall_explorer(*, n_memories=40, power=8, beta=0.5, presenter=False):
    """Interactive comparison: classical vs dense vs exponential vs continuous retrieval of digits.

    Sliders: number of stored digits, the power of the dense memory, log10 of beta, the
    corruption (masked rows or flipped pixels) and its level, which digit to query, and the seed.
    The figure shows the target digit, the corrupted query, each network's answer (✓ when it is
    the target; the title's last line says whether the run stopped at a fixed point, is caught in
    a 2-cycle or is still moving) and the softmax weight of every stored digit for the query.
    """
    import ipywidgets as w

    n_memories = as_int(n_memories, "n_memories", minimum=5, maximum=200)
    power = as_int(power, "power", minimum=2, maximum=8)
    beta = as_float(beta, "beta", minimum=0.01, maximum=10.0)
    c_k = w.IntSlider(value=n_memories, min=5, max=200, step=5, description="memories")
    c_n = w.IntSlider(value=power, min=2, max=8, description="power (dense)")
    c_beta = w.FloatLogSlider(value=beta, base=10, min=-2, max=1, step=0.1, description="β")
    c_kind = w.ToggleButtons(options=["mask", "noise"], value="mask", description="query")
    c_level = w.FloatSlider(value=0.25, min=0.0, max=0.6, step=0.05, description="level")
    c_idx = w.IntSlider(value=0, min=0, max=n_memories - 1, description="digit #")
    c_seed = w.IntSlider(value=0, min=0, max=20, description="seed")
    out = w.Image(format="png")
    live = LiveFigure(_build, _update, figsize=scale((12, 2.8), presenter), out=out, presenter=presenter)

    def redraw(*_):
        c_idx.unobserve(redraw, "value")  # a lower maximum may move the digit: one picture, not two
        c_idx.max = c_k.value - 1
        c_idx.observe(redraw, "value")
        data = modern_recall_step(n_memories=c_k.value, power=c_n.value, beta=c_beta.value, corruption=c_kind.value,
                                  level=c_level.value, index=min(c_idx.value, c_k.value - 1), rng=c_seed.value)
        live.show(data)

    for c in (c_k, c_n, c_beta, c_kind, c_level, c_idx, c_seed):
        c.observe(redraw, "value")
    redraw()
    box = w.VBox([w.HBox([c_k, c_n, c_beta]), w.HBox([c_kind, c_level, c_idx, c_seed]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box
