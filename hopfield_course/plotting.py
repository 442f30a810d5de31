"""Plotting helpers: images of states, trajectories, memory grids, energy traces.

Images are drawn with +1 (on) in black and -1 (off) in white. Every function takes an
optional ``ax`` (or ``axes``) and returns the matplotlib objects it drew on, so that
chapters and widgets can compose figures. :func:`style` switches between the notebook
look and a presenter look (larger figures and fonts) for live teaching.
"""

from __future__ import annotations

import contextlib

import numpy as np

from ._validation import as_state

__all__ = [
    "style",
    "scale",
    "show_image",
    "plot_images",
    "plot_trajectory",
    "plot_memories",
    "plot_energy",
    "animate_trajectory",
]

_NOTEBOOK = {"figure.dpi": 80, "font.size": 10, "axes.titlesize": 10}
_PRESENTER = {"figure.dpi": 110, "font.size": 15, "axes.titlesize": 15, "axes.labelsize": 15,
              "xtick.labelsize": 13, "ytick.labelsize": 13, "legend.fontsize": 13, "lines.linewidth": 2.5}


@contextlib.contextmanager
def style(presenter: bool = False):
    """Context manager for the course's figure style; ``presenter=True`` for projection.

    Demos take a ``presenter`` argument and draw inside ``with style(presenter):``.
    """
    import matplotlib.pyplot as plt

    with plt.rc_context(_PRESENTER if presenter else _NOTEBOOK):
        yield


def scale(figsize, presenter: bool = False):
    """A figure size, enlarged by 1.5 for the presenter style."""
    w, h = figsize
    return (w * 1.5, h * 1.5) if presenter else (w, h)


def _as_image(x, shape=None):
    arr = np.asarray(x)
    if arr.ndim == 1:
        s = as_state(arr)
        if shape is None:
            side = int(round(np.sqrt(s.size)))
            if side * side != s.size:
                raise ValueError(f"shape: a state of {s.size} neurons is not square; pass shape=(rows, cols)")
            shape = (side, side)
        return s.reshape(shape)
    if arr.ndim != 2:
        raise ValueError(f"image: expected a 2-D image or a 1-D state, got shape {arr.shape}")
    return arr


def show_image(image, ax=None, title=None, shape=None):
    """Draw one image (2-D array or state vector) of +/-1 values; +1 is black."""
    import matplotlib.pyplot as plt

    img = _as_image(image, shape)
    if ax is None:
        _, ax = plt.subplots(figsize=(2, 2))
    ax.imshow(img, cmap="binary", vmin=-1, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("0.6")
    if title is not None:
        ax.set_title(title)
    return ax


def plot_images(images, titles=None, shape=None, axes=None, size=1.6):
    """Draw a row of images (states or 2-D arrays) side by side. Returns the axes."""
    import matplotlib.pyplot as plt

    images = list(images)
    if not images:
        raise ValueError("images: expected at least one image")
    if titles is not None and len(titles) != len(images):
        raise ValueError(f"titles: expected {len(images)} titles, got {len(titles)}")
    if axes is None:
        _, axes = plt.subplots(1, len(images), figsize=(size * len(images), size * 1.15), squeeze=False)
        axes = axes[0]
    for k, (img, ax) in enumerate(zip(images, axes)):
        show_image(img, ax=ax, title=None if titles is None else titles[k], shape=shape)
    for ax in list(axes)[len(images):]:
        ax.axis("off")
    return axes


def plot_trajectory(states, shape=None, max_frames=8, axes=None, size=1.6, label="t"):
    """A trajectory as a row of snapshots (at most ``max_frames``, first and last included).

    ``states`` is an array (T, N) or a :class:`~hopfield_course.dynamics.RunResult`.
    """
    states = np.asarray(getattr(states, "states", states))
    if states.ndim != 2:
        raise ValueError(f"states: expected shape (T, N), got {states.shape}")
    t = states.shape[0]
    idx = np.unique(np.linspace(0, t - 1, min(max_frames, t)).round().astype(int))
    return plot_images(states[idx], titles=[f"{label}={i}" for i in idx], shape=shape, axes=axes, size=size)


def plot_memories(images, labels=None, ncols=None, shape=None, size=1.4):
    """A grid of memories. ``images`` is a dict name -> image, or a sequence (or (p, N) array)."""
    import matplotlib.pyplot as plt

    if isinstance(images, dict):
        labels = list(images) if labels is None else labels
        images = list(images.values())
    images = list(images)
    p = len(images)
    if p == 0:
        raise ValueError("images: expected at least one memory")
    ncols = ncols or min(p, 8)
    nrows = int(np.ceil(p / ncols))
    fig, axes = plt.subplots(nrows, ncols, figsize=(size * ncols, size * 1.15 * nrows), squeeze=False)
    for k, ax in enumerate(axes.ravel()):
        if k < p:
            show_image(images[k], ax=ax, title=None if labels is None else labels[k], shape=shape)
        else:
            ax.axis("off")
    return fig


def plot_energy(energies, ax=None, label=None, xlabel="step", **kwargs):
    """An energy trace against step number."""
    import matplotlib.pyplot as plt

    e = np.asarray(getattr(energies, "energies", energies), dtype=float)
    if e.ndim != 1:
        raise ValueError(f"energies: expected a 1-D sequence, got shape {e.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4, 2.5))
    ax.plot(np.arange(e.size), e, marker="o", ms=3, label=label, **kwargs)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("energy E")
    if label is not None:
        ax.legend()
    return ax


def animate_trajectory(states, shape=None, interval=300, size=2.0, label="flip", max_frames=60):
    """A trajectory as a self-contained HTML/JavaScript animation (plays without a kernel).

    ``states`` is an array (T, N) or a :class:`~hopfield_course.dynamics.RunResult`. Returns an
    ``IPython.display.HTML`` object: in a notebook it shows a player with play/step buttons,
    and the rendered course site keeps it playable. At most ``max_frames`` frames are kept
    (evenly spaced, first and last included) so the embedded animation stays small.
    """
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation
    from IPython.display import HTML

    states = np.asarray(getattr(states, "states", states))
    if states.ndim != 2 or states.shape[0] == 0:
        raise ValueError(f"states: expected shape (T, N) with T >= 1, got {states.shape}")
    if not isinstance(interval, (int, float)) or interval <= 0:
        raise ValueError(f"interval: expected a positive number of milliseconds, got {interval!r}")
    idx = np.unique(np.linspace(0, states.shape[0] - 1, min(max_frames, states.shape[0])).round().astype(int))
    fig, ax = plt.subplots(figsize=(size, size * 1.1))
    show_image(states[idx[0]], ax=ax, title=f"{label} {idx[0]}", shape=shape)
    image = ax.images[0]

    def update(k):
        image.set_data(_as_image(states[idx[k]], shape))
        ax.set_title(f"{label} {idx[k]}")
        return (image,)

    anim = FuncAnimation(fig, update, frames=len(idx), interval=interval, blit=False)
    html = anim.to_jshtml(default_mode="once")
    plt.close(fig)
    return HTML(html)
