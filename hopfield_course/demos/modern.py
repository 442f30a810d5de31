"""Live demo of modern Hopfield networks: four networks recall the same corrupted digit."""

from __future__ import annotations

import numpy as np

from ..modern import (
    ClassicalNetwork,
    ContinuousModernNetwork,
    DenseAssociativeMemory,
    ExponentialNetwork,
    digit_patterns,
    mask_state,
)
from ..plotting import scale, style
from ..states import flip
from ._skeleton import show_in

__all__ = ["modern_recall_step", "modern_recall_explorer"]


def modern_recall_step(memories=40, n=8, beta=0.5, corruption="mask", level=0.25, index=0, seed=0):
    """Store ``memories`` digits in three networks and retrieve digit ``index`` from a corrupted query.

    ``corruption="mask"`` blanks the lower image rows (``level`` = fraction of rows, rounded);
    ``"noise"`` flips a fraction ``level`` of the pixels. The classical network (Hebb, async), the
    dense memory F(x) = x^n (async) and the continuous softmax network at ``beta`` see the same
    query (the continuous one sees masked pixels as 0, i.e. undecided); so does the exponential
    network of Demircigil et al. (synchronous updates).
    Returns a dict with the query, the three answers and the softmax weights.
    """
    if corruption not in ("mask", "noise"):
        raise ValueError(f"corruption: expected 'mask' or 'noise', got {corruption!r}")
    if not 0 <= level <= 1:
        raise ValueError(f"level: expected a fraction between 0 and 1, got {level!r}")
    X, labels = digit_patterns(memories, rng=seed)
    if not 0 <= index < len(X):
        raise ValueError(f"index: expected 0..{len(X) - 1}, got {index!r}")
    target = X[index]
    rng = np.random.default_rng(seed + 1000 * index)
    if corruption == "mask":
        rows = range(8 - int(round(8 * level)), 8)
        query = mask_state(target, rows=rows, fill=-1)
        cquery = mask_state(target, rows=rows, fill=0)
    else:
        query = flip(target, int(round(level * target.size)), rng)
        cquery = query.astype(float)
    classical = ClassicalNetwork(mode="async").store(X).retrieve(query, max_steps=50, rng=rng)
    dense = DenseAssociativeMemory(n=n, mode="async").store(X).retrieve(query, max_steps=50, rng=rng)
    expo = ExponentialNetwork().store(X).retrieve(query, max_steps=50)
    cont_net = ContinuousModernNetwork(beta=beta).store(X)
    cont = cont_net.retrieve(cquery, max_steps=50)
    weights = cont_net.weights_of(cquery)
    return {"target": target, "query": query, "cquery": cquery, "classical": classical.state,
            "dense": dense.state, "exponential": expo.state, "continuous": cont.state, "weights": weights, "labels": labels,
            "n": n, "beta": beta, "memories": X}


def _draw_recall(data, presenter=False):
    import matplotlib.pyplot as plt

    with style(presenter):
        fig = plt.figure(figsize=scale((11, 2.3), presenter), layout="constrained")
        grid = fig.add_gridspec(1, 7, width_ratios=[1, 1, 1, 1, 1, 1, 2.4])
        X = data["memories"]
        panels = [("target", data["target"]), ("query", data["cquery"]), ("classical", data["classical"]),
                  (f"dense n={data['n']}", data["dense"]), ("exponential", data["exponential"]), (f"softmax β={data['beta']:.2g}", data["continuous"])]
        for k, (title, img) in enumerate(panels):
            ax = fig.add_subplot(grid[k])
            arr = np.asarray(img, dtype=float)
            ax.imshow(arr.reshape(8, 8), cmap="binary", vmin=-1, vmax=1, interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
            if k >= 2:
                good = np.array_equal(np.where(arr >= 0, 1, -1), data["target"])
                title += " ✓" if good else " ✗"
            ax.set_title(title, fontsize="small")
        ax = fig.add_subplot(grid[6])
        w = data["weights"]
        ax.bar(np.arange(len(w)), w, color="tab:blue", width=1.0)
        ax.set_xlabel("stored digit")
        ax.set_ylabel("softmax weight")
        ax.set_ylim(0, 1.02)
        ax.set_title(f"effective memories 1/Σp² = {1 / np.sum(w ** 2):.1f}", fontsize="small")
        del X
    return fig


def modern_recall_explorer(memories=40, n=8, beta=0.5, presenter=False):
    """Interactive comparison: classical vs dense vs continuous retrieval of handwritten digits.

    Sliders: number of stored digits, the power n of the dense memory, log10 of beta, the
    corruption (masked rows or flipped pixels) and its level, and which digit to query.
    """
    import ipywidgets as w

    c_k = w.IntSlider(value=memories, min=5, max=200, step=5, description="memories")
    c_n = w.IntSlider(value=n, min=2, max=8, description="n (dense)")
    c_beta = w.FloatLogSlider(value=beta, base=10, min=-2, max=1, step=0.1, description="β")
    c_kind = w.ToggleButtons(options=["mask", "noise"], value="mask", description="query")
    c_level = w.FloatSlider(value=0.25, min=0.0, max=0.6, step=0.05, description="level")
    c_idx = w.IntSlider(value=0, min=0, max=memories - 1, description="digit #")
    out = w.Output()

    def redraw(*_):
        c_idx.max = c_k.value - 1
        data = modern_recall_step(c_k.value, c_n.value, c_beta.value, c_kind.value, c_level.value,
                                  min(c_idx.value, c_k.value - 1))
        show_in(out, _draw_recall(data, presenter))

    for c in (c_k, c_n, c_beta, c_kind, c_level, c_idx):
        c.observe(redraw, "value")
    redraw()
    box = w.VBox([w.HBox([c_k, c_n, c_beta]), w.HBox([c_kind, c_level, c_idx]), out])
    box.add_class("hc-demo")
    return box



