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


def figure_png(fig) -> bytes:
    """Render ``fig`` to PNG bytes in one pass, with its own layout engine.

    IPython's inline display crops the figure to its tight bounding box (``bbox_inches="tight"``),
    which draws the figure twice; a demo's figure is laid out by ``layout="constrained"`` and
    needs no cropping, so one draw suffices (about 1.5 times faster per slider step).
    """
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi, facecolor=fig.get_facecolor())
    return buf.getvalue()


def show_in(out, fig):
    """Replace the contents of the ``Output`` widget ``out`` by ``fig`` and close the figure.

    Every demo draws through this, so a moving slider updates one figure instead of piling
    up new ones (the figure is closed so pyplot does not display it a second time). The figure
    is rendered once to PNG (:func:`figure_png`).
    """
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    png = figure_png(fig)
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
