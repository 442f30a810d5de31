"""The live demo of restricted Boltzmann machines: step an RBM's Gibbs chains.

0/1 images are drawn with 1 (on) in black and 0 in white; probabilities in between are
grey (the drawing helpers live in :mod:`hopfield_course.plotting`). :func:`rbm_gibbs_demo`
lets a lecturer step an RBM's Gibbs chains forward with a Play button and change the start,
the sampling temperature and the random seed; its figure is a
:class:`~hopfield_course.demos._skeleton.LiveFigure`, updated in place on every change.
"""

from __future__ import annotations

import numpy as np

from .._validation import as_choice, as_float, as_int, as_rng
from ..boltzmann import as_binary
from ..plotting import mosaic, scale, style
from ..rbm import RBM
from ._skeleton import LiveFigure, frame_player

__all__ = ["gibbs_frames", "rbm_gibbs_demo"]

#: the fraction of the pixels of a training image flipped for the demo's "data" start
FLIP_FRACTION = 0.2
#: the narrowest figure of the demo (inches, before the presenter's scale): its two-line title must fit
#: even for one chain, whose image alone would need only 1.1 inches
MIN_WIDTH = 3.6


def gibbs_frames(rbm: RBM, *, start: str = "random", n_chains: int = 8, n_steps: int = 60,
                 temperature: float = 1.0, rng=None, data=None, flip_fraction: float = FLIP_FRACTION) -> np.ndarray:
    """Visible states along ``n_chains`` block-Gibbs chains: array (n_steps + 1, n_chains, V).

    Frame 0 is the 0/1 start itself; frame k > 0 holds the probabilities ``p(v | h)`` of the k-th
    step (:meth:`~hopfield_course.rbm.RBM.gibbs` with ``return_trajectory``). ``start='random'``
    starts from uniform random 0/1 vectors; ``'data'`` from rows of ``data`` (chosen with ``rng``)
    with each pixel flipped independently with probability ``flip_fraction``. This is the compute of one change of
    the demo's start/temperature/seed controls.
    """
    if not isinstance(rbm, RBM):
        raise TypeError(f"rbm: expected a hopfield_course.RBM, got {type(rbm).__name__}")
    start = as_choice(start, "start", ("random", "data"))
    n_chains = as_int(n_chains, "n_chains", minimum=1, maximum=200)
    n_steps = as_int(n_steps, "n_steps", minimum=0, maximum=10_000)
    flip_fraction = as_float(flip_fraction, "flip_fraction", minimum=0.0, maximum=1.0)
    rng = as_rng(rng)
    if start == "random":
        v0 = (rng.random((n_chains, rbm.n_visible)) < 0.5).astype(float)
    else:
        if data is None:
            raise ValueError("data: start='data' needs the training data")
        d = as_binary(data, "data", rbm.n_visible, "visible units")
        v0 = d[rng.integers(0, d.shape[0], n_chains)]
        flip = rng.random(v0.shape) < flip_fraction
        v0 = np.where(flip, 1.0 - v0, v0)
    return rbm.gibbs(v0, n_steps=n_steps, rng=rng, temperature=temperature, return_trajectory=True)


def _build(fig, data):
    """The demo's one axes and mosaic image (structure: the number of chains and the image shape)."""
    frames, shape = data["frames"], data["shape"]
    ax = fig.add_subplot()
    blank = mosaic(np.zeros(frames.shape[1:]), shape=shape)
    image = ax.imshow(blank, cmap="binary", vmin=0, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    return {"axes": ax, "image": image}


def _title(data, step):
    """The two-line title of Gibbs step ``step``: what the image shows, then the chains and T.

    Frame 0 is the start itself (binary: random 0/1 vectors or flipped training images), not a
    sample of ``p(v | h)``; every later frame is ``p(v | h)`` of that step. Two lines whatever the
    step, so that the layout solved for the first title holds every later one.
    """
    if step == 0:
        shown = ("step 0: the random 0/1 start" if data["start"] == "random"
                 else f"step 0: data, p(flip) = {data['flip_fraction']:g} per pixel")
    else:
        shown = f"p(v | h) after {step} Gibbs step{'s' if step > 1 else ''}"
    n = data["frames"].shape[1]
    return f"{shown}\n{n} chain{'s' if n > 1 else ''} at T = {data['temperature']:.1f}"


def _update(artists, data, step=0):
    """Put Gibbs step ``step`` of ``data`` (frames, start, flip fraction, image shape, temperature) into
    :func:`_build`'s artists."""
    frames = data["frames"]
    step = min(step, len(frames) - 1)
    artists["image"].set_data(mosaic(frames[step], shape=data["shape"]))
    artists["axes"].set_title(_title(data, step))


def _figsize(n_chains, presenter=False):
    """The demo's figure size: 1.1 inches per chain, at least :data:`MIN_WIDTH` (room for the title)."""
    return scale((max(1.1 * n_chains, MIN_WIDTH), 1.8), presenter)


def _draw(data, step=0, presenter=False):
    """The demo's figure of ``data`` at Gibbs step ``step`` as a new pyplot figure (for notebooks and tests)."""
    import matplotlib.pyplot as plt

    with style(presenter):
        fig = plt.figure(figsize=_figsize(data["frames"].shape[1], presenter), layout="constrained")
        _update(_build(fig, data), data, step)
    return fig


def rbm_gibbs_demo(rbm: RBM, *, data=None, shape=None, n_chains: int = 8, n_steps: int = 60,
                   presenter: bool = False):
    """Live demo: step the Gibbs chains of a trained RBM (Play, step slider, start, temperature, seed).

    Step 0 shows the start of every chain (random 0/1 images, or training images with
    each pixel flipped with probability :data:`FLIP_FRACTION`); each later frame shows ``p(v | h)`` of every chain
    after that many block-Gibbs steps, the chains side by side in one mosaic image (black: on).
    Returns a ``VBox`` with the CSS class ``hc-demo``.
    """
    import ipywidgets as widgets

    if not isinstance(rbm, RBM):
        raise TypeError(f"rbm: expected a hopfield_course.RBM, got {type(rbm).__name__}")
    n_chains = as_int(n_chains, "n_chains", minimum=1, maximum=200)
    n_steps = as_int(n_steps, "n_steps", minimum=1, maximum=10_000)
    if data is not None:
        data = as_binary(data, "data", rbm.n_visible, "visible units")
    mosaic(np.zeros((1, rbm.n_visible)), shape=shape)  # validates shape before any widget is built
    play, step = frame_player(n_steps, interval=250, description="Gibbs step")
    start = widgets.Dropdown(options=["random"] + (["data"] if data is not None else []), value="random",
                             description="start")
    temp = widgets.FloatSlider(value=1.0, min=0.5, max=3.0, step=0.1, description="temperature T")
    seed = widgets.IntSlider(value=0, min=0, max=20, description="seed")
    out = widgets.Image(format="png")
    live = LiveFigure(_build, lambda artists, d: _update(artists, d, step.value),
                      figsize=_figsize(n_chains, presenter), out=out, presenter=presenter)
    cache = {}

    def frames():
        key = (start.value, round(temp.value, 3), seed.value)
        if key not in cache:
            cache.clear()
            cache[key] = {"frames": gibbs_frames(rbm, start=start.value, n_chains=n_chains, n_steps=n_steps,
                                                 temperature=temp.value, rng=seed.value, data=data,
                                                 flip_fraction=FLIP_FRACTION),
                          "shape": shape, "temperature": temp.value, "start": start.value,
                          "flip_fraction": FLIP_FRACTION}
        return cache[key]

    def draw(*_):
        live.show(frames())

    for w in (step, start, temp, seed):
        w.observe(draw, names="value")
    draw()
    box = widgets.VBox([widgets.HBox([play, step]), widgets.HBox([start, temp, seed]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box
