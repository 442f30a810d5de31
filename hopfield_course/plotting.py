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

# axes.titlepad: matplotlib's 6 pt lets a title touch the top tick label when the y range ends on a tick
_NOTEBOOK = {"figure.dpi": 100, "savefig.dpi": 100, "font.size": 12, "axes.titlesize": 13,
             "axes.labelsize": 12, "xtick.labelsize": 12, "ytick.labelsize": 12, "legend.fontsize": 12,
             "figure.titlesize": 14, "axes.titlepad": 9.0}
# The presenter look is sized for a 1280 x 720 slide: figures at most PRESENTER_MAX_WIDTH inches wide
# (1200 px at 100 dpi, so they are shown unscaled) and no text below 14 pt = 19 px.
_PRESENTER = {"figure.dpi": 100, "savefig.dpi": 100, "font.size": 16, "axes.titlesize": 16,
              "axes.labelsize": 16, "xtick.labelsize": 14, "ytick.labelsize": 14, "legend.fontsize": 14,
              "figure.titlesize": 17, "lines.linewidth": 2.5, "axes.titlepad": 10.0}
PRESENTER_MAX_WIDTH = 12.0


@contextlib.contextmanager
def style(presenter: bool = False):
    """Context manager for the course's figure style; ``presenter=True`` for projection.

    Demos take a ``presenter`` argument and draw inside ``with style(presenter):``. The
    environment variable ``HC_PRESENTER=1`` (set by ``make present``) turns the presenter look
    on for every demo, so a RISE slideshow shows projector-sized figures without editing cells.
    """
    import matplotlib.pyplot as plt

    with plt.rc_context(_PRESENTER if presenting(presenter) else _NOTEBOOK):
        yield


def presenting(presenter: bool = False) -> bool:
    """Whether the presenter look is on: ``presenter`` is true, or ``HC_PRESENTER`` is set to 1."""
    import os

    return bool(presenter) or os.environ.get("HC_PRESENTER", "").strip().lower() in ("1", "true", "yes")


def scale(figsize, presenter: bool = False):
    """A figure size for the presenter style: enlarged by 1.5, but at most ``PRESENTER_MAX_WIDTH``
    inches wide (the aspect ratio is kept), so the figure fills a 1280 x 720 slide unscaled."""
    w, h = figsize
    if not presenting(presenter):
        return (w, h)
    factor = min(1.5, PRESENTER_MAX_WIDTH / w)
    return (w * factor, h * factor)


def _as_image(x, shape=None):
    arr = np.asarray(x)
    if arr.ndim == 1:
        s = as_state(arr)
        if shape is None:
            from .states import square_shape

            shape = square_shape(s.size)
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


# --------------------------------------------------------------------------- 0/1 images and RBM weights
# Boltzmann machines use 0/1 units: these helpers draw 0/1 values or probabilities in [0, 1]
# (1 black, 0 white), the filters of an RBM and the singular values of its weights.
__all__ += ["plot_binary_images", "mosaic", "plot_filters", "plot_singular_values"]


def _unit_images(images, name="images"):
    from ._validation import _finite_numeric

    arr = _finite_numeric(name, images).astype(float)
    arr = np.atleast_2d(arr)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(f"{name}: expected a 2-D array (images x pixels) with at least one image, got shape {arr.shape}")
    if np.any(arr < 0) or np.any(arr > 1):
        hint = " (+/-1 states? convert with (x + 1) / 2)" if np.all(np.isin(arr, (-1, 1))) else ""
        raise ValueError(f"{name}: expected values between 0 and 1 (0/1 units or probabilities), "
                         f"found values in [{arr.min():g}, {arr.max():g}]{hint}")
    return arr


def _image_shape(n_pixels, shape):
    from .states import square_shape

    if shape is None:
        return square_shape(n_pixels)
    if not isinstance(shape, (tuple, list)) or len(shape) != 2:
        raise ValueError(f"shape: expected (rows, cols), got {shape!r}")
    r, c = (int(x) for x in shape)
    if r < 1 or c < 1 or r * c != n_pixels:
        raise ValueError(f"shape: expected (rows, cols) with rows*cols = {n_pixels}, got {tuple(shape)}")
    return r, c


def plot_binary_images(images, *, shape=None, titles=None, ncols=None, axes=None, size=1.0):
    """Draw rows of 0/1 values (or probabilities in [0, 1]) as images: 1 black, 0 white. Returns the axes."""
    import matplotlib.pyplot as plt

    images = _unit_images(images)
    k = images.shape[0]
    shp = _image_shape(images.shape[1], shape)
    if titles is not None and len(titles) != k:
        raise ValueError(f"titles: expected {k} titles (one per image), got {len(titles)}")
    if axes is None:
        ncols = min(k, 10) if ncols is None else int(ncols)
        if ncols < 1:
            raise ValueError(f"ncols: expected a positive integer, got {ncols}")
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
            ax.set_title(titles[i])
    return axes


def mosaic(images, *, shape=None, gap: int = 1) -> np.ndarray:
    """Rows of 0/1 values (or probabilities) laid side by side as one image, with grey gaps.

    One ``imshow`` of the mosaic is much faster to draw than one axes per image (live demos).
    """
    images = _unit_images(images)
    r, c = _image_shape(images.shape[1], shape)
    if isinstance(gap, bool) or not isinstance(gap, (int, np.integer)) or gap < 0:
        raise ValueError(f"gap: expected a non-negative integer, got {gap!r}")
    k = images.shape[0]
    out = np.full((r, k * (c + gap) - gap), 0.25)
    for i in range(k):
        out[:, i * (c + gap): i * (c + gap) + c] = images[i].reshape(r, c)
    return out


def plot_filters(weights, *, shape=None, n_filters=None, ncols=10, size=0.9):
    """Each hidden unit's incoming weights (columns of ``weights``) as an image, with one colour bar.

    All filters share one symmetric colour scale (red: weights that switch the hidden unit on,
    blue: weights that switch it off), so their strengths can be compared. Returns the figure.
    """
    import matplotlib.pyplot as plt
    from ._validation import _finite_numeric

    W = _finite_numeric("weights", weights).astype(float)
    if W.ndim != 2:
        raise ValueError(f"weights: expected a (visible, hidden) matrix, got shape {W.shape}")
    n = W.shape[1] if n_filters is None else int(n_filters)
    if n < 1:
        raise ValueError(f"n_filters: expected a positive integer, got {n_filters!r}")
    n = min(n, W.shape[1])
    shp = _image_shape(W.shape[0], shape)
    ncols = min(int(ncols), n)
    if ncols < 1:
        raise ValueError(f"ncols: expected a positive integer, got {ncols}")
    nrows = int(np.ceil(n / ncols))
    lim = float(np.abs(W[:, :n]).max()) or 1.0
    width, height = size * ncols + 1.2, size * nrows + 0.5
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), squeeze=False,
                             gridspec_kw={"wspace": 0.08, "hspace": 0.08})
    right = 1.0 - 1.2 / width
    fig.subplots_adjust(left=0.02, right=right, bottom=0.04, top=1.0 - 0.45 / height)
    image = None
    for j, ax in enumerate(axes.ravel()):
        ax.set_xticks([])
        ax.set_yticks([])
        if j >= n:
            ax.axis("off")
            continue
        image = ax.imshow(W[:, j].reshape(shp), cmap="RdBu_r", vmin=-lim, vmax=lim, interpolation="nearest")
    cax = fig.add_axes([right + 0.15 / width, 0.1, 0.18 / width, 0.8 - 0.45 / height])
    bar = fig.colorbar(image, cax=cax)
    bar.set_label("weight $W_{ij}$")
    return fig


def plot_singular_values(epochs, singular_values, *, ax=None, n_modes=None, log=True):
    """The singular values of ``W`` against training epoch, coloured by mode index (with a colour bar).

    After Decelle, Fissore and Furtlehner (2018) and Varma's blog chapter. Returns the axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import BoundaryNorm
    from ._validation import _finite_numeric

    sv = _finite_numeric("singular_values", singular_values).astype(float)
    ep = _finite_numeric("epochs", epochs).ravel()
    if sv.ndim != 2 or sv.shape[0] != ep.size:
        raise ValueError(f"singular_values: expected shape (len(epochs), modes) = ({ep.size}, modes), got {sv.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5))
    n_modes = sv.shape[1] if n_modes is None else min(int(n_modes), sv.shape[1])
    if n_modes < 1:
        raise ValueError(f"n_modes: expected a positive integer, got {n_modes}")
    cmap = plt.get_cmap("viridis", n_modes)
    for m in range(n_modes):
        ax.plot(ep, sv[:, m], color=cmap(m), lw=1.5)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("singular values of W")
    norm = BoundaryNorm(np.arange(0.5, n_modes + 1.5), n_modes)
    bar = ax.figure.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, pad=0.02)
    bar.set_label("mode (1 = largest)")
    ticks = np.unique(np.linspace(1, n_modes, min(n_modes, 5)).round().astype(int))
    bar.set_ticks(ticks)
    return ax


# --------------------------------------------------------------------------- graded networks and the TSP
# Phase portraits of two graded neurons, graded outputs as grey images, tours and neuron matrices.
__all__ += ["FIXED_POINT_STYLE", "plot_phase_portrait", "plot_graded_frames", "plot_tour", "plot_neuron_matrix"]

#: marker and colour of each kind of fixed point (sinks red, sources blue, as in the slides of Cardin et al.)
FIXED_POINT_STYLE = {"sink": ("o", "tab:red"), "source": ("o", "tab:blue"), "saddle": ("X", "tab:purple"),
                     "degenerate": ("s", "0.4")}


#: the fixed-point kinds in the order of the phase portrait's legend
_FIXED_POINT_KINDS = ("sink", "saddle", "source", "degenerate")


def _check_phase_portrait_data(data):
    if not isinstance(data, dict) or not {"U1", "U2", "F", "paths", "points", "kinds", "symmetric"} <= set(data):
        raise TypeError("data: expected the dict returned by phase_portrait_data")


def _unit_grid(shape):
    rows, cols = shape
    return np.meshgrid(np.linspace(-1, 1, cols), np.linspace(-1, 1, rows))


def _build_phase_portrait(fig, data):
    """The axes and artists of :func:`plot_phase_portrait` in the empty figure ``fig``.

    Reads ``data`` only for the structure: the size of the u-grid and whether an energy exists
    (``data["symmetric"]``: a contour panel with a colorbar, or a note that there is none). The
    layout is fixed (explicit margins, no layout engine to solve), with room for the legend below.
    """
    _check_phase_portrait_data(data)
    fig.set_layout_engine("none")
    grid = fig.add_gridspec(1, 2, left=0.07, right=0.9, bottom=0.2, top=0.92, wspace=0.35)
    ax_u, ax_v = fig.add_subplot(grid[0]), fig.add_subplot(grid[1])
    # arrows on a unit grid of the data's shape until the first update; a grid, not a point, because
    # quiver's "xy" angles take their finite-difference step from the axes' data limits
    X, Y = _unit_grid(np.shape(data["U1"]))
    field = ax_u.quiver(X, Y, 0 * X, 0 * Y, color="0.55", angles="xy", pivot="mid", scale=28, width=0.004)
    paths = [ax_u.plot([], [], color="tab:orange", lw=1.2, label="trajectory")[0] for _ in data["paths"]]
    points_u, points_v = {}, {}
    for kind in _FIXED_POINT_KINDS:
        marker, color = FIXED_POINT_STYLE[kind]
        style_kw = dict(marker=marker, ls="none", color=color, ms=10, mec="k", clip_on=False, zorder=5)
        (points_u[kind],) = ax_u.plot([], [], label=kind, **style_kw)
        if data["symmetric"]:
            (points_v[kind],) = ax_v.plot([], [], **style_kw)
    # one legend for every kind a slider can produce, built once (in figure coordinates, below the u-plane)
    ax_u.legend(handles=[points_u[k] for k in _FIXED_POINT_KINDS] + paths[:1], loc="lower left",
                bbox_to_anchor=(0.055, 0.005), bbox_transform=fig.transFigure, ncol=5, frameon=False,
                columnspacing=1.0, handletextpad=0.3)
    ax_u.set_xlabel("potential $u_1$")
    ax_u.set_ylabel("potential $u_2$")
    ax_u.set_title("direction of du/dt")
    ax_u.set_aspect("equal")
    artists = {"field": field, "paths": paths, "points_u": points_u, "points_v": points_v, "energy_axes": ax_v,
               "contour": None, "colorbar": None, "flow": None}
    if data["symmetric"]:
        from matplotlib.cm import ScalarMappable

        # the colorbar's mappable is the contour set drawn by every update
        # the colorbar's label names the energy shown, E or E_D: set by every update
        artists["colorbar"] = fig.colorbar(ScalarMappable(cmap="viridis"), ax=ax_v, shrink=0.85, use_gridspec=False)
        X, Y = _unit_grid(np.shape(data["Q1"]))
        artists["flow"] = ax_v.quiver(X, Y, 0 * X, 0 * Y, color="w", angles="xy", pivot="mid")
        ax_v.set_xlim(-1, 1)
        ax_v.set_ylim(-1, 1)
        ax_v.set_xticks([-1, -0.5, 0, 0.5, 1])  # fixed: readable in the presenter style, fewer texts to draw
        ax_v.set_yticks([-1, -0.5, 0, 0.5, 1])
    else:
        ax_v.text(0.5, 0.5, "w12 and w21 of opposite signs\n(or one of them 0):\nno energy function", ha="center",
                  va="center", transform=ax_v.transAxes)
        ax_v.set_xticks([])
        ax_v.set_yticks([])
    ax_v.set_xlabel("output $v_1$")
    ax_v.set_ylabel("output $v_2$")
    ax_v.set_aspect("equal")
    return artists


def _update_phase_portrait(artists, data):
    """Put ``data`` (from :func:`~hopfield_course.demos.graded.phase_portrait_data`) into the artists
    of :func:`_build_phase_portrait`; the energy contours are drawn anew (their geometry cannot be set)."""
    _check_phase_portrait_data(data)
    field = artists["field"]
    F = data["F"]
    norm = np.hypot(F[..., 0], F[..., 1]) + 1e-12
    xy = np.column_stack([np.ravel(data["U1"]), np.ravel(data["U2"])])
    field.set_offsets(xy)
    field.XY = xy  # quiver computes the arrows' angles ("xy") from XY, not from the offsets
    field.set_UVC(F[..., 0] / norm, F[..., 1] / norm)
    for line, path in zip(artists["paths"], data["paths"], strict=True):
        line.set_data(path[:, 0], path[:, 1])
    points = np.reshape(np.asarray(data["points"], dtype=float), (-1, 2))
    kinds = np.array(data["kinds"], dtype=object).reshape(-1)
    for kind, line in artists["points_u"].items():
        p = points[kinds == kind]
        line.set_data(p[:, 0], p[:, 1])
    ax_u = field.axes
    lim = np.abs(data["U1"]).max()
    ax_u.set_xlim(-lim, lim)
    ax_u.set_ylim(-lim, lim)
    if artists["colorbar"] is None:
        return
    ax_v = artists["energy_axes"]
    if artists["contour"] is not None:
        artists["contour"].remove()
    cs = ax_v.contourf(data["V1"], data["V2"], data["E"], levels=12, cmap="viridis", antialiased=False, zorder=0.5)
    artists["contour"] = cs
    cbar = artists["colorbar"]
    cbar.boundaries, cbar.values = cs.levels, cs.cvalues  # what fig.colorbar(cs) would take from the contours
    cbar.update_normal(cs)
    dV = data["dV"]
    flow = artists["flow"]
    xy = np.column_stack([np.ravel(data["Q1"]), np.ravel(data["Q2"])])
    flow.set_offsets(xy)
    flow.XY = xy
    flow.set_UVC(dV[..., 0], dV[..., 1])
    flow.scale = None  # autoscaled again at the next draw, as in a fresh figure
    v_points = np.tanh(data["gain"] * points)
    for kind, line in artists["points_v"].items():
        p = v_points[kinds == kind]
        line.set_data(p[:, 0], p[:, 1])
    scaled = data.get("scale") is not None and not np.allclose(data["scale"], 1.0)
    ax_v.set_title("symmetrised energy $E_D$ and flow dv/dt" if scaled else "energy and flow dv/dt")
    cbar.set_label("symmetrised energy $E_D$" if scaled else "energy E (13)")  # the energy shown, E or E_D


def plot_phase_portrait(data, *, presenter=False):
    """Draw :func:`~hopfield_course.demos.graded.phase_portrait_data`: the direction of the vector field
    du/dt, 12 trajectories and the fixed points (sinks, saddles, sources) in the u-plane (left) and, when
    an energy exists, the energy as filled contours with the flow dv/dt and the same fixed points in the
    v-plane (right): the energy (13) for symmetric couplings, the symmetrised energy ``E_D`` for
    same-sign asymmetric ones (the colorbar's label says which).

    Returns the figure (the explorer updates the same artists in place).
    """
    import matplotlib.pyplot as plt

    _check_phase_portrait_data(data)
    with style(presenter):
        fig = plt.figure(figsize=scale((10, 4.6), presenter))
        _update_phase_portrait(_build_phase_portrait(fig, data), data)
    return fig


def plot_graded_frames(result, frames, *, axes=None, shape=(5, 5), size=1.6):
    """Draw the graded outputs ``v`` of a :class:`~hopfield_course.graded.GradedResult` at the given
    frame indices as grey images (+1 black, -1 white, 0 mid-grey). Returns the axes."""
    import matplotlib.pyplot as plt

    if not hasattr(result, "v") or not hasattr(result, "t"):
        raise TypeError(f"result: expected a GradedResult from integrate, got {type(result).__name__}")
    frames = [int(k) for k in frames]
    if not frames:
        raise ValueError("frames: expected at least one frame index")
    bad = [k for k in frames if not -len(result.t) <= k < len(result.t)]
    if bad:
        raise ValueError(f"frames: expected indices below {len(result.t)} (recorded times), got {bad}")
    if axes is None:
        _, axes = plt.subplots(1, len(frames), figsize=(size * len(frames), size * 1.25), squeeze=False)
        axes = axes[0]
    for ax, k in zip(axes, frames):
        ax.imshow(result.v[k].reshape(shape), cmap="binary", vmin=-1, vmax=1, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(f"t = {result.t[k]:.2f}")
    return axes


def _build_tour(ax, *, color="tab:blue"):
    """The artists of :func:`plot_tour` on ``ax`` (the tour line below the cities), without data."""
    (path,) = ax.plot([], [], "-", color=color, lw=1.8)
    (cities,) = ax.plot([], [], "o", color="k", ms=5)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    return {"axes": ax, "path": path, "cities": cities}


def _update_tour(artists, coords, tour, *, title=None):
    """Put the cities ``coords`` and the closed ``tour`` (None: no tour) into :func:`_build_tour`'s artists."""
    from .tsp import _as_tour, as_coords

    c = as_coords(coords)
    if tour is None:
        artists["path"].set_data([], [])
    else:
        t = _as_tour(tour, c.shape[0])
        t = np.append(t, t[0])
        artists["path"].set_data(c[t, 0], c[t, 1])
    artists["cities"].set_data(c[:, 0], c[:, 1])
    ax = artists["axes"]
    pad = 0.05 * max(np.ptp(c[:, 0]), np.ptp(c[:, 1]), 1e-12)
    ax.set_xlim(c[:, 0].min() - pad, c[:, 0].max() + pad)
    ax.set_ylim(c[:, 1].min() - pad, c[:, 1].max() + pad)
    if title is not None:
        ax.set_title(title)


def plot_tour(coords, tour, *, ax=None, title=None, color="tab:blue"):
    """Draw the cities and a closed tour (``tour`` None draws the cities only). Returns the axes."""
    import matplotlib.pyplot as plt

    from .tsp import _as_tour, as_coords

    c = as_coords(coords)
    if tour is not None:
        _as_tour(tour, c.shape[0])  # validated before a figure is made
    if ax is None:
        _, ax = plt.subplots(figsize=(3.5, 3.5))
    _update_tour(_build_tour(ax, color=color), c, tour, title=title or None)
    return ax


def _as_neuron_matrix(V):
    from ._validation import _finite_numeric

    V = _finite_numeric("V", V).astype(float)
    if V.ndim != 2 or V.shape[0] != V.shape[1]:
        raise ValueError(f"V: expected a square (cities x positions) matrix, got shape {V.shape}")
    if np.any(V < 0) or np.any(V > 1):
        raise ValueError(f"V: expected values between 0 and 1 (neuron outputs), found [{V.min():g}, {V.max():g}]")
    return V


def _build_neuron_matrix(ax, n, *, labels=True):
    """The image of :func:`plot_neuron_matrix` for ``n`` cities on ``ax`` (all white until updated)."""
    image = ax.imshow(np.zeros((n, n)), cmap="Greys", vmin=0, vmax=1, interpolation="nearest")
    if labels:
        ax.set_xlabel("position i")
        ax.set_ylabel("city X")
    ax.set_xticks(range(0, n, max(1, n // 5)))
    ax.set_yticks(range(0, n, max(1, n // 5)))
    return {"axes": ax, "image": image}


def _update_neuron_matrix(artists, V, *, title=None):
    """Put the neuron matrix ``V`` (n x n, values in [0, 1]) into :func:`_build_neuron_matrix`'s image."""
    artists["image"].set_data(_as_neuron_matrix(V))
    if title is not None:
        artists["axes"].set_title(title)


def plot_neuron_matrix(V, *, ax=None, title=None, labels=True):
    """Draw the TSP neuron matrix V (rows: cities X, columns: positions i), 0 white, 1 black.

    Values must lie in [0, 1]. ``labels=False`` omits the axis labels (for small multiples
    that share them). Returns the axes.
    """
    import matplotlib.pyplot as plt

    V = _as_neuron_matrix(V)
    if ax is None:
        _, ax = plt.subplots(figsize=(3.5, 3.5))
    _update_neuron_matrix(_build_neuron_matrix(ax, V.shape[0], labels=labels), V, title=title or None)
    return ax


# --------------------------------------------------------------------------- course figure style (helper BIN)
def use_course_style(presenter: bool = False) -> None:
    """Apply the course's figure style to the whole notebook (dpi 100, fonts of at least 12 pt).

    The setup cell of every chapter calls this once; ``presenter=True`` applies the projection style.
    Use :func:`style` instead for a temporary change inside a ``with`` block.
    """
    import matplotlib.pyplot as plt

    plt.rcParams.update(_PRESENTER if presenter else _NOTEBOOK)
