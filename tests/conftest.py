"""Shared test helpers, and the test tiers.

Tiers (markers registered in pyproject.toml):

- quick (no marker): unit and property tests of the package; ``make test-quick`` runs them on both cores.
- ``slow``: everything that runs notebooks, builds the site or the slides, or drives a browser.
  ``notebook`` (runs or reads the committed notebooks, nbval cells included) and ``browser`` (drives
  Chromium) say why. ``make test`` runs every tier.

The markers are applied here by file, so a new test file is quick unless it is listed in SLOW_FILES;
a single long test in a quick file can still be marked ``@pytest.mark.slow`` by hand.
"""

from pathlib import Path

import pytest

# File name -> the markers that say why it is slow (each also gets ``slow``).
SLOW_FILES = {
    "test_browser.py": ("browser",),
    "test_site.py": (),
    "test_slides.py": (),
    "test_exercises.py": ("notebook",),
    "test_notebooks.py": ("notebook",),
}


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.path))
        if path.suffix == ".ipynb":  # an nbval cell (--nbval notebooks solutions)
            marks = ("slow", "notebook")
        elif path.name in SLOW_FILES:
            marks = ("slow", *SLOW_FILES[path.name])
        elif item.get_closest_marker("browser") is not None:
            marks = ("slow",)
        else:
            continue
        for mark in marks:
            if item.get_closest_marker(mark) is None:
                item.add_marker(mark)


@pytest.fixture
def widget_tree():
    """A function listing every widget inside a demo's container (``walk_widgets``)."""
    from hopfield_course.demos._skeleton import walk_widgets

    return walk_widgets


def _round(values):
    import numpy as np

    arr = np.ma.filled(np.ma.asarray(values, dtype=float), np.nan)
    return np.round(arr, 9).tolist()


def figure_signature(fig) -> list:
    """What a figure shows, artist by artist: texts, limits, line data, images, patches, collections.

    Two figures with equal signatures show the same data (positions of laid-out text are left out,
    so a figure laid out once and updated in place compares equal to a freshly laid-out one).
    """
    from matplotlib.colors import to_rgba

    sig = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        entry = {"title": [ax.get_title(loc) for loc in ("left", "center", "right")],
                 "labels": (ax.get_xlabel(), ax.get_ylabel()),
                 "limits": _round([*ax.get_xlim(), *ax.get_ylim()]),
                 "lines": [(_round(line.get_xydata()), to_rgba(line.get_color()), line.get_marker(),
                            line.get_linestyle(), line.get_visible()) for line in ax.lines],
                 "images": [(_round(im.get_array()), im.get_visible()) for im in ax.images],
                 "patches": [(type(p).__name__, _round(p.get_path().transformed(p.get_patch_transform()).vertices)
                              if hasattr(p, "get_patch_transform") else None, to_rgba(p.get_facecolor()),
                              p.get_visible()) for p in ax.patches],
                 "collections": [(type(c).__name__, _round(c.get_offsets()), len(c.get_paths()), c.get_visible(),
                                  None if c.get_array() is None else _round(c.get_array()),
                                  [_round(seg) for seg in c.get_segments()] if hasattr(c, "get_segments") else None,
                                  (_round(c.U), _round(c.V)) if hasattr(c, "U") else None)
                                 for c in ax.collections],
                 "texts": [(t.get_text(), t.get_visible()) for t in ax.texts],
                 "legend": None if ax.get_legend() is None else [t.get_text() for t in ax.get_legend().get_texts()]}
        sig.append(entry)
    sig.append({"suptitle": fig._suptitle.get_text() if fig._suptitle is not None else None,
                "texts": [t.get_text() for t in fig.texts]})
    return sig


def _assert_lines_in_view(fig):
    """Every finite point of every visible line lies inside its axes' view (the limits follow the data)."""
    import numpy as np

    for ax in fig.axes:
        x0, x1 = sorted(ax.get_xlim())
        y0, y1 = sorted(ax.get_ylim())
        for line in ax.lines:
            if not line.get_visible() or line.get_transform() != ax.transData:
                continue
            xy = np.asarray(line.get_xydata(), dtype=float)
            xy = xy[np.all(np.isfinite(xy), axis=1)]
            tol = 1e-9 * max(1.0, abs(x1 - x0), abs(y1 - y0))
            inside = ((xy[:, 0] >= x0 - tol) & (xy[:, 0] <= x1 + tol) & (xy[:, 1] >= y0 - tol) & (xy[:, 1] <= y1 + tol))
            assert inside.all(), (f"axes {ax.get_title() or ax.get_ylabel()!r}: {int((~inside).sum())} points of a "
                                  f"line lie outside the view x {x0:.3g}..{x1:.3g}, y {y0:.3g}..{y1:.3g}")


def _drawn_texts(ax, renderer):
    """The texts an axes draws, as (what, Bbox) pairs: titles, axis labels, tick labels inside the view,
    offset texts and the legend."""
    items = [(f"title {t.get_text()!r}", t) for t in (ax.title, ax._left_title, ax._right_title)]
    items += [(f"x label {ax.xaxis.label.get_text()!r}", ax.xaxis.label),
              (f"y label {ax.yaxis.label.get_text()!r}", ax.yaxis.label),
              ("x offset text", ax.xaxis.offsetText), ("y offset text", ax.yaxis.offsetText)]
    for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
        for tick in axis._update_ticks():  # the ticks the axis draws (inside its view interval)
            items += [(f"{name} tick label {label.get_text()!r}", label) for label in (tick.label1, tick.label2)]
    found = [(what, t.get_window_extent(renderer)) for what, t in items if t.get_visible() and t.get_text()]
    if ax.get_legend() is not None and ax.get_legend().get_visible():
        found.append(("legend", ax.get_legend().get_window_extent(renderer)))
    return found


def _overlap(a, b, tolerance):
    return a.x0 < b.x1 - tolerance and b.x0 < a.x1 - tolerance and a.y0 < b.y1 - tolerance and b.y0 < a.y1 - tolerance


def _assert_fits(fig, *, presenter=False, tolerance=1.0):
    """Every text a figure draws (titles, labels, tick labels, legends, suptitle) lies inside the figure,
    no title, axis label or offset text is drawn over a tick label of its own axes (what a frozen layout
    gets wrong when the labels grow), and the tick labels of one axis do not run into each other.

    ``fig`` is a figure or a demo's ``LiveFigure`` (``box.live``, whose own style is then used). The
    ticks are located in the course style (``presenter`` or not), as when the figure is drawn, since
    the tick locators read the font size.
    """
    from hopfield_course.plotting import style

    if hasattr(fig, "figure") and hasattr(fig, "presenter"):  # a LiveFigure
        fig, presenter = fig.figure, fig.presenter
    with style(presenter):
        _check_fits(fig, tolerance)


def _check_fits(fig, tolerance):
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    problems = []
    for k, ax in enumerate(fig.axes):
        if not ax.get_visible():
            continue
        texts = _drawn_texts(ax, renderer)
        name = ax.get_title() or ax.get_ylabel() or f"axes {k}"
        for what, box in texts:
            if box.x0 < -tolerance or box.y0 < -tolerance or box.x1 > width + tolerance or box.y1 > height + tolerance:
                problems.append(f"{name!r}: {what} reaches outside the figure ({box.extents.round(1).tolist()} "
                                f"in a {width:.0f}x{height:.0f} figure)")
        labels = [(w, b) for w, b in texts if ("label" in w or "title" in w) and "tick" not in w or "offset" in w]
        ticks = [(w, b) for w, b in texts if "tick" in w]
        for w_label, b_label in labels:
            for w_tick, b_tick in ticks:
                if _overlap(b_label, b_tick, tolerance):
                    problems.append(f"{name!r}: {w_label} is drawn over {w_tick}")
        for axis in "xy":  # tick labels of one axis must not run into each other
            same = [b for w, b in ticks if w.startswith(f"{axis} tick")]
            for k, a in enumerate(same):
                for b in same[k + 1:]:
                    if _overlap(a, b, tolerance):
                        problems.append(f"{name!r}: {axis} tick labels run into each other")
                        break
    for t in fig.texts:
        box = t.get_window_extent(renderer)
        if t.get_visible() and t.get_text() and (box.x0 < -tolerance or box.x1 > width + tolerance
                                                 or box.y0 < -tolerance or box.y1 > height + tolerance):
            problems.append(f"figure text {t.get_text()!r} reaches outside the figure")
    assert not problems, "the figure does not fit:\n" + "\n".join(problems)


@pytest.fixture
def assert_fits():
    """``assert_fits(fig_or_live, presenter=False)``: see :func:`_assert_fits` (call it after rendering)."""
    return _assert_fits


def _count_renders(live):
    """Wrap ``live.render`` so that every PNG a demo renders is counted; returns the list of calls."""
    calls = []
    render = live.render

    def counted(*args, **kwargs):
        calls.append(1)
        return render(*args, **kwargs)

    live.render = counted
    return calls


@pytest.fixture
def count_renders():
    """``calls = count_renders(box.live)``: ``len(calls)`` is how many PNGs the demo rendered since."""
    return _count_renders


def _ticks_in_view(axis, presenter=False):
    """The tick positions ``axis`` draws, located in the course style (the locators read the font size)."""
    import numpy as np

    from hopfield_course.plotting import style

    with style(presenter):
        ticks = np.asarray(axis.get_ticklocs(), dtype=float)
    lo, hi = sorted(axis.get_view_interval())
    return ticks[(ticks >= lo - 1e-9) & (ticks <= hi + 1e-9)]


@pytest.fixture
def ticks_in_view():
    """``ticks_in_view(ax.xaxis, presenter=False)``: the tick positions the axis draws inside its view."""
    return _ticks_in_view


def _check_live_twin(build, update, datas, *, figsize=(10, 3), key=None, check_limits=True):
    """A LiveFigure updated in place through ``datas`` shows what a fresh figure of the last data shows.

    Also checks that the updates build the figure once, add no artists (nothing piles up), change
    the picture, keep every line inside its axes' view (``check_limits``: the limits follow the
    data) and render a PNG. Returns the live figure.
    """
    from hopfield_course.demos._skeleton import LiveFigure

    datas = list(datas)
    assert len(datas) >= 2, "give at least two data sets: one to build with, one to update to"
    live = LiveFigure(build, update, figsize=figsize)
    counts, pictures = [], []
    for data in datas:
        png = live.render(data, key=key)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        counts.append(sum(len(ax.get_children()) for ax in live.figure.axes))
        pictures.append(png)
        if check_limits:
            _assert_lines_in_view(live.figure)
    assert len(set(pictures)) > 1, "the figure never changed although the data did"
    assert live.builds == 1, f"the figure was built {live.builds} times for one key"
    assert counts[-1] <= max(counts[:1]) + 0, f"artists piled up over the updates: {counts}"
    fresh = LiveFigure(build, update, figsize=figsize)
    fresh.render(datas[-1], key=key)
    assert figure_signature(live.figure) == figure_signature(fresh.figure), \
        "updating in place does not give what a fresh figure of the same data shows"
    return live


@pytest.fixture
def live_twin():
    """``live_twin(build, update, datas, figsize=...)``: see :func:`_check_live_twin`."""
    return _check_live_twin
