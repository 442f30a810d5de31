"""The shared skeleton of every demo: one figure redrawn in place, frame players, memory pickers.

A demo is a plain compute function (usable and timed without widgets) plus a widget box whose
controls redraw ONE ``Output`` on every change, so moving a slider never piles up figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._validation import as_choice, as_int
from ..memories import MEMORY_SETS, memory_set

__all__ = ["show_in", "memory_controls", "frame_player", "FramePlayer", "set_frames", "progress_bar"]


@dataclass
class FramePlayer:
    """The two widgets of :func:`frame_player`; unpacks as ``play, slider = frame_player(...)``."""

    play: object
    slider: object

    def __iter__(self):
        return iter((self.play, self.slider))


def frame_player(last=1, interval=200, description="frame"):
    """A play button linked (in the browser) to a frame slider 0..``last``: keyboard-friendly stepping.

    Returns a :class:`FramePlayer` (``play``, ``slider``); observe ``slider`` to redraw.
    """
    import ipywidgets as w

    last = as_int(last, "last", minimum=0)
    interval = as_int(interval, "interval", minimum=10, maximum=60_000)
    if not isinstance(description, str):
        raise TypeError(f"description: expected a string, got {type(description).__name__}")
    play = w.Play(value=0, min=0, max=max(last, 1), interval=interval, description="play")
    slider = w.IntSlider(value=0, min=0, max=max(last, 1), description=description)
    w.jslink((play, "value"), (slider, "value"))
    return FramePlayer(play, slider)


def set_frames(play, slider, last, value=0):
    """Give a :func:`frame_player` a new last frame and move the slider to ``value`` (one redraw)."""
    last = as_int(last, "last", minimum=0)
    value = as_int(value, "value", minimum=0)
    with slider.hold_trait_notifications():
        slider.max = max(last, 1)
        play.max = max(last, 1)
        slider.value = min(value, slider.max)


def memory_controls(set_name, on_change):
    """Two linked dropdowns: a memory set and a memory of that set.

    ``on_change()`` is called once for every user change of either control (changing the set
    resets the memory to the first one without calling it twice). Returns ``(set_dropdown,
    memory_dropdown)``.
    """
    import ipywidgets as w

    set_name = as_choice(set_name, "set_name", MEMORY_SETS)
    if not callable(on_change):
        raise TypeError(f"on_change: expected a function of no arguments, got {type(on_change).__name__}")

    def options(name):
        return [(lab, k) for k, lab in enumerate(memory_set(name).labels)]

    c_set = w.Dropdown(options=MEMORY_SETS, value=set_name, description="memories")
    c_mem = w.Dropdown(options=options(set_name), value=0, description="start near")

    def changed(*_):
        on_change()

    def new_set(change):
        c_mem.unobserve(changed, "value")
        c_mem.options = options(change["new"])
        c_mem.value = 0
        c_mem.observe(changed, "value")
        on_change()

    c_set.observe(new_set, "value")
    c_mem.observe(changed, "value")
    return c_set, c_mem


def _layout_signature(fig):
    """What must match for two figures to share one layout: size and the grid place of every axes."""
    places = []
    for ax in fig.axes:
        spec = ax.get_subplotspec() if hasattr(ax, "get_subplotspec") else None
        places.append((type(ax).__name__, None if spec is None else (spec.get_geometry(), spec.get_gridspec().get_width_ratios())))
    return (tuple(round(float(v), 3) for v in fig.get_size_inches()), fig.dpi, tuple(places))


def figure_png(fig, *, reuse=None) -> tuple[bytes, dict]:
    """Render ``fig`` to PNG bytes in one pass; return ``(png, layout)``.

    A figure's layout engine (``layout="constrained"``) costs most of a redraw. ``reuse`` is the
    ``layout`` returned for an earlier figure of the same structure (same size, same axes grid):
    its axes positions are copied and the layout engine is switched off, so a slider step draws
    once, without solving the layout again. Otherwise the layout is solved and returned.
    """
    import io

    signature = _layout_signature(fig)
    if reuse and reuse.get("signature") == signature and len(reuse["positions"]) == len(fig.axes):
        fig.set_layout_engine("none")
        for ax, pos in zip(fig.axes, reuse["positions"]):
            ax.set_position(pos)
        layout = reuse
    else:
        fig.canvas.draw()  # solves the layout once
        layout = {"signature": signature, "positions": [ax.get_position(original=False) for ax in fig.axes]}
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi, facecolor=fig.get_facecolor())
    return buf.getvalue(), layout


def show_in(out, fig):
    """Replace the contents of the ``Output`` widget ``out`` by ``fig`` and close the figure.

    Every demo draws through this, so a moving slider updates one figure instead of piling
    up new ones (the figure is closed so pyplot does not display it a second time). The figure
    is rendered once to PNG (:func:`figure_png`); when it has the same structure as the one it
    replaces, its layout is reused instead of solved again, which makes a slider step several
    times faster.
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    png, layout = figure_png(fig, reuse=getattr(out, "_hc_layout", None))
    try:
        out._hc_layout = layout
    except (AttributeError, TypeError):  # an object that takes no attributes: no layout reuse
        pass
    with out:
        out.clear_output(wait=True)
        display(Image(data=png, format="png"))
    plt.close(fig)


def progress_bar(iterable, description=""):
    """Iterate over ``iterable`` while a progress bar (ipywidgets ``IntProgress``) fills up.

    For long notebook cells. Outside a Jupyter kernel (scripts, tests) it simply iterates.
    The bar is a widget output, so cells using it carry ``# NBVAL_IGNORE_OUTPUT`` and print
    their results in the next cell.
    """
    items = list(iterable)
    try:
        from IPython import get_ipython

        shell = get_ipython()
        in_kernel = shell is not None and getattr(shell, "kernel", None) is not None
    except ImportError:  # pragma: no cover - IPython is a dependency of ipywidgets
        in_kernel = False
    if not in_kernel:
        yield from items
        return
    import ipywidgets as w
    from IPython.display import display

    bar = w.IntProgress(value=0, min=0, max=max(len(items), 1), description=description)
    display(bar)
    for k, item in enumerate(items):
        yield item
        bar.value = k + 1
    bar.bar_style = "success"
