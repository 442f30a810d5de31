"""The shared skeleton of every demo: one figure redrawn in place, frame players, memory pickers.

A demo is a plain compute function (usable and timed without widgets) plus a widget box whose
controls redraw ONE figure (a :class:`LiveFigure`, laid out once and updated in place) shown in ONE
``ipywidgets.Image`` on every change, so a slider step answers at once and never piles up figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import as_bool, as_choice, as_int
from ..memories import MEMORY_SETS, memory_set

__all__ = ["LiveFigure", "memory_controls", "frame_player", "FramePlayer", "set_frames", "progress_bar",
           "walk_widgets"]


def walk_widgets(box) -> list:
    """Every widget in a demo's widget tree: the container first, then its children, depth first.

    For finding a demo's controls by description (tests, benchmarks, a lecturer's own script).
    """
    found, todo = [], [box]
    while todo:
        widget = todo.pop()
        found.append(widget)
        todo.extend(getattr(widget, "children", ()))
    return found


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


def set_frames(play, slider, last, value=0, *, silent=None):
    """Give a :func:`frame_player` a new last frame and move the slider to ``value``.

    ``silent``: the slider's own redraw callback, kept from running during this move, for a caller
    that draws once itself afterwards (new data and a new frame: one picture, not two).
    """
    last = as_int(last, "last", minimum=0)
    value = as_int(value, "value", minimum=0)
    if silent is not None and not callable(silent):
        raise TypeError(f"silent: expected the slider's callback (a function) or None, got {type(silent).__name__}")
    if silent is not None:
        slider.unobserve(silent, "value")
    try:
        with slider.hold_trait_notifications():
            slider.max = max(last, 1)
            play.max = max(last, 1)
            slider.value = min(value, slider.max)
    finally:
        if silent is not None:
            slider.observe(silent, "value")


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


class LiveFigure:
    """One figure for the whole life of a demo, laid out once and then redrawn in place.

    A slider step should answer at once, and most of the time of a naive redraw goes into building
    a new figure and solving its layout again. A live figure splits the drawing into two functions:

    * ``build(fig, data)`` adds the axes and the artists to the empty figure ``fig`` and returns
      them (any object, typically a dict of artists); it may read ``data`` only for the figure's
      structure (how many panels, bars or image pixels), never for what they show;
    * ``update(artists, data)`` puts ``data`` into those artists in place (``set_data``, ``set_text``,
      ``set_height``, limits), so a fresh figure is exactly ``update(build(fig, data), data)``.

    :meth:`show` builds the figure on its first call (and whenever ``key`` changes, e.g. a new
    memory set with another number of bars), lays it out once with the constrained layout, then
    freezes that layout; every later call only updates the artists and renders one PNG, which
    becomes the value of the ``ipywidgets.Image`` ``out`` (the picture is replaced, never piled up).

    A frozen layout reserves room for the labels the first data needed. When an update makes any
    axes' labels, tick labels, title or legend reach past that room (longer tick labels after the
    limits changed, a longer title), the constrained layout is solved again before the picture is
    drawn, so nothing is clipped or drawn over a neighbour (``relayouts`` counts these). Labels
    that shrink keep the room they had: the figure does not jump back and forth.

    The figure is a plain :class:`matplotlib.figure.Figure` on an Agg canvas, not a pyplot figure:
    the notebook's inline backend never shows or closes it behind the demo's back.
    """

    def __init__(self, build, update, *, figsize, out=None, presenter=False):
        if not callable(build) or not callable(update):
            raise TypeError("build, update: expected two functions, build(fig, data) -> artists and "
                            "update(artists, data)")
        size = np.asarray(figsize, dtype=float)
        if size.shape != (2,) or not np.all(np.isfinite(size)) or np.any(size <= 0):
            raise ValueError(f"figsize: expected (width, height) in inches, both positive, got {figsize!r}")
        self._build, self._update = build, update
        self.figsize = tuple(float(s) for s in size)
        self.out = out
        self.presenter = as_bool(presenter, "presenter")
        self.figure = None
        self.artists = None
        self._key = None
        self.builds = 0  #: how many times the figure was built (the rest were in-place updates)
        self.relayouts = 0  #: how many in-place updates had to solve the layout again (labels outgrew it)
        self._engine = None  # the constrained layout engine of the current build (None: the build placed its axes)
        self._reserved = None  # every laid-out element's extent when the layout was last solved (display units)
        #: build a new figure on every call, as a naive redraw does (the benchmarks' reference)
        self.always_rebuild = False

    def draw(self, data, *, key=None):
        """Put ``data`` into the figure (building it first if needed) and return the figure."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        from matplotlib.layout_engine import ConstrainedLayoutEngine

        from ..plotting import style

        with style(self.presenter):
            if self.figure is None or key != self._key or self.always_rebuild:
                if self.figure is None:
                    self.figure = Figure(figsize=self.figsize, layout="constrained")
                    FigureCanvasAgg(self.figure)
                else:
                    self.figure.clear()
                    self.figure.set_layout_engine("constrained")
                self.artists = self._build(self.figure, data)
                self._update(self.artists, data)
                engine = self.figure.get_layout_engine()
                # a build that placed its axes itself (fig.set_layout_engine("none"), subplots_adjust) keeps them
                self._engine = engine if isinstance(engine, ConstrainedLayoutEngine) else None
                self._solve_layout()
                self._key = key
                self.builds += 1
            else:
                self._update(self.artists, data)
                if self._engine is not None and self._outgrown():
                    self._solve_layout()
                    self.relayouts += 1
        return self.figure

    def _extents(self):
        """The display-space extent of everything the layout makes room for: each visible axes with its
        labels, tick labels, title and legend, and the figure's own texts (suptitle)."""
        renderer = self.figure.canvas.get_renderer()
        boxes = [ax.get_tightbbox(renderer) for ax in self.figure.axes if ax.get_visible()]
        boxes += [a.get_window_extent(renderer) for a in (*self.figure.texts, *self.figure.legends)
                  if a.get_visible()]  # the suptitle is one of the figure's texts
        return [b for b in boxes if b is not None]

    def _solve_layout(self):
        """Solve the constrained layout for the current artists, then freeze it and note what it reserved.

        Two passes: the second sees the tick labels chosen for the axes' sizes the first pass gave.
        """
        if self._engine is not None:
            self.figure.set_layout_engine(self._engine)
            for _ in range(2):
                self._engine.execute(self.figure)
        self.figure.set_layout_engine("none")
        self._reserved = self._extents() if self._engine is not None else None

    def _outgrown(self, tolerance=0.5) -> bool:
        """Whether any label, title or legend now reaches more than ``tolerance`` pixels past the room the
        last layout reserved for it (or the figure gained or lost an element)."""
        now = self._extents()
        if self._reserved is None or len(now) != len(self._reserved):
            return True
        return any(b.x0 < r.x0 - tolerance or b.y0 < r.y0 - tolerance or b.x1 > r.x1 + tolerance
                   or b.y1 > r.y1 + tolerance for b, r in zip(now, self._reserved))

    def render(self, data, *, key=None) -> bytes:
        """:meth:`draw` ``data`` and return the figure as PNG bytes (one Agg draw and one fast encode)."""
        import io

        from ..plotting import style

        fig = self.draw(data, key=key)
        buf = io.BytesIO()
        with style(self.presenter):  # the tick locators read the font size at draw time: draw in the layout's style
            fig.canvas.print_png(buf, pil_kwargs={"compress_level": 1})  # fast zlib: about 10 ms less per step
        return buf.getvalue()

    def show(self, data, *, key=None) -> None:
        """:meth:`render` ``data`` into the ``ipywidgets.Image`` ``out``: its value becomes the new PNG
        (one binary message to the browser, which swaps the picture in place)."""
        import ipywidgets as w

        if not isinstance(self.out, w.Image):
            raise ValueError("out: expected an ipywidgets.Image to show the figure in, "
                             f"got {type(self.out).__name__}")
        self.out.value = self.render(data, key=key)

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
