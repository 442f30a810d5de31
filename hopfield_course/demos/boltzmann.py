"""Figures and the live demo of chapter 09 (RBM sampling).

0/1 images are drawn with 1 (on) in black and 0 in white; probabilities in between are
grey. :func:`rbm_gibbs_demo` lets a lecturer step an RBM's Gibbs chains forward with a
Play button and change the start, the sampling temperature and the seed.
"""

from __future__ import annotations

import numpy as np

from ..plotting import scale, style
from ..rbm import RBM
from ._skeleton import frame_player, show_in

__all__ = ["plot_binary_images", "mosaic", "plot_filters", "plot_singular_values", "gibbs_frames", "rbm_gibbs_demo"]


def _shape_for(n, shape):
    if shape is not None:
        return tuple(shape)
    side = int(round(np.sqrt(n)))
    if side * side != n:
        raise ValueError(f"shape: {n} units do not form a square image; pass shape=(rows, cols)")
    return side, side


def plot_binary_images(images, shape=None, titles=None, ncols=None, axes=None, size=1.0):
    """Draw rows of 0/1 values (or probabilities in [0, 1]) as images: 1 black, 0 white. Returns the axes."""
    import matplotlib.pyplot as plt

    images = np.atleast_2d(np.asarray(images, dtype=float))
    if images.size == 0:
        raise ValueError("images: expected at least one image")
    if np.any(images < 0) or np.any(images > 1):
        raise ValueError("images: expected values between 0 and 1 (0/1 units or probabilities)")
    k = images.shape[0]
    shp = _shape_for(images.shape[1], shape)
    if axes is None:
        ncols = ncols or min(k, 10)
        nrows = int(np.ceil(k / ncols))
        _, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows * 1.1), squeeze=False)
    axes = np.ravel(axes)
    for i, ax in enumerate(axes):
        ax.set_xticks([])
        ax.set_yticks([])
        if i >= k:
            ax.axis("off")
            continue
        ax.imshow(images[i].reshape(shp), cmap="binary", vmin=0, vmax=1, interpolation="nearest")
        if titles is not None:
            ax.set_title(titles[i], fontsize="small")
    return axes


def mosaic(images, shape=None, gap: int = 1) -> np.ndarray:
    """Rows of 0/1 values (or probabilities) laid side by side as one image, with grey gaps.

    One ``imshow`` of the mosaic is much faster to draw than one axes per image (live demos).
    """
    images = np.atleast_2d(np.asarray(images, dtype=float))
    r, c = _shape_for(images.shape[1], shape)
    k = images.shape[0]
    out = np.full((r, k * (c + gap) - gap), 0.25)
    for i in range(k):
        out[:, i * (c + gap): i * (c + gap) + c] = images[i].reshape(r, c)
    return out


def plot_filters(weights, shape=None, n=None, ncols=10, size=0.9):
    """Each hidden unit's incoming weights (columns of ``weights``) as an image; red > 0, blue < 0."""
    import matplotlib.pyplot as plt

    W = np.asarray(weights, dtype=float)
    if W.ndim != 2:
        raise ValueError(f"weights: expected a (visible, hidden) matrix, got shape {W.shape}")
    n = W.shape[1] if n is None else min(int(n), W.shape[1])
    shp = _shape_for(W.shape[0], shape)
    ncols = min(ncols, n)
    nrows = int(np.ceil(n / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * nrows), squeeze=False)
    for j, ax in enumerate(axes.ravel()):
        ax.set_xticks([])
        ax.set_yticks([])
        if j >= n:
            ax.axis("off")
            continue
        lim = np.abs(W[:, j]).max() or 1.0
        ax.imshow(W[:, j].reshape(shp), cmap="RdBu_r", vmin=-lim, vmax=lim, interpolation="nearest")
    return fig


def plot_singular_values(epochs, singular_values, ax=None, n_modes=None, log=True):
    """The singular values of ``W`` against training epoch (seed 002, figure 10)."""
    import matplotlib.pyplot as plt

    sv = np.asarray(singular_values, dtype=float)
    ep = np.asarray(epochs)
    if sv.ndim != 2 or sv.shape[0] != ep.size:
        raise ValueError(f"singular_values: expected shape (len(epochs), modes), got {sv.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3))
    n_modes = sv.shape[1] if n_modes is None else min(n_modes, sv.shape[1])
    colours = plt.cm.viridis(np.linspace(0, 0.9, n_modes))
    for m in range(n_modes):
        ax.plot(ep, sv[:, m], color=colours[m], lw=1.2)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("singular values of W")
    return ax


def gibbs_frames(rbm: RBM, start: str = "random", n_chains: int = 8, n_steps: int = 60,
                 temperature: float = 1.0, seed: int = 0, data=None) -> np.ndarray:
    """Visible probabilities along ``n_chains`` block-Gibbs chains: array (n_steps + 1, n_chains, V).

    ``start='random'`` starts from uniform random 0/1 vectors; ``'data'`` from rows of
    ``data`` (chosen with the seed) with 20% of the pixels flipped. This is the compute
    of one change of the demo's start/temperature/seed controls.
    """
    rng = np.random.default_rng(seed)
    if start == "random":
        v0 = (rng.random((n_chains, rbm.n_visible)) < 0.5).astype(float)
    elif start == "data":
        if data is None:
            raise ValueError("data: start='data' needs the training data")
        d = np.asarray(data, dtype=float)
        v0 = d[rng.integers(0, d.shape[0], n_chains)]
        flip = rng.random(v0.shape) < 0.2
        v0 = np.where(flip, 1.0 - v0, v0)
    else:
        raise ValueError(f"start: expected 'random' or 'data', got {start!r}")
    return rbm.gibbs(v0, n_steps, rng=rng, temperature=temperature, return_trajectory=True)


def rbm_gibbs_demo(rbm: RBM, data=None, shape=None, n_chains: int = 8, n_steps: int = 60,
                   presenter: bool = False):
    """Live demo: step the Gibbs chains of a trained RBM (Play, step slider, start, temperature, seed).

    Each frame shows ``p(v | h)`` of every chain after that many block-Gibbs steps. Returns
    a ``VBox`` with the CSS class ``hc-demo``.
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    if not isinstance(rbm, RBM):
        raise TypeError(f"rbm: expected a hopfield_course.RBM, got {type(rbm).__name__}")
    play, step = frame_player(n_steps, interval=250, description="Gibbs step")
    start = widgets.Dropdown(options=["random"] + (["data"] if data is not None else []), value="random",
                             description="start")
    temp = widgets.FloatSlider(value=1.0, min=0.5, max=3.0, step=0.1, description="temperature T")
    seed = widgets.IntSlider(value=0, min=0, max=20, description="seed")
    out = widgets.Output()
    cache = {}

    def frames():
        key = (start.value, round(temp.value, 3), seed.value)
        if key not in cache:
            cache.clear()
            cache[key] = gibbs_frames(rbm, start.value, n_chains, n_steps, temp.value, seed.value, data)
        return cache[key]

    def draw(*_):
        f = frames()
        with style(presenter):
            fig, ax = plt.subplots(figsize=scale((1.1 * n_chains, 1.6), presenter))
            ax.imshow(mosaic(f[step.value], shape), cmap="binary", vmin=0, vmax=1, interpolation="nearest")
            ax.set_xticks([])
            ax.set_yticks([])
            ax.set_title(f"p(v | h) of {n_chains} chains after {step.value} Gibbs steps at T = {temp.value:.1f}")
        show_in(out, fig)

    for w in (step, start, temp, seed):
        w.observe(draw, names="value")
    draw()
    box = widgets.VBox([widgets.HBox([play, step]), widgets.HBox([start, temp, seed]), out])
    box.add_class("hc-demo")
    return box
