"""Presenting live: the presenter style's sizes and the demos' live figures (laid out once, updated in place)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from hopfield_course import plotting  # noqa: E402
from hopfield_course.demos._skeleton import LiveFigure  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


def test_presenter_figures_fit_a_1280_slide_with_text_of_at_least_16_px():
    for width in (4, 8, 10, 12, 16):
        w, h = plotting.scale((width, 3), presenter=True)
        assert w * plotting._PRESENTER["figure.dpi"] <= 1200 + 1e-9, f"a {width} in figure is wider than a slide"
        assert w / h == pytest.approx(width / 3)
    smallest = min(v for k, v in plotting._PRESENTER.items() if k.endswith("size"))
    assert smallest * plotting._PRESENTER["figure.dpi"] / 72 >= 16 * 1.15  # room for a slightly shrunk image


def test_hc_presenter_environment_variable_turns_the_presenter_style_on(monkeypatch):
    monkeypatch.delenv("HC_PRESENTER", raising=False)
    assert not plotting.presenting(False) and plotting.presenting(True)
    assert plotting.scale((10, 2)) == (10, 2)
    monkeypatch.setenv("HC_PRESENTER", "1")
    assert plotting.presenting(False)
    assert plotting.scale((10, 2)) == pytest.approx((12, 2.4))
    with plotting.style():
        assert plt.rcParams["font.size"] == plotting._PRESENTER["font.size"]
    monkeypatch.setenv("HC_PRESENTER", "0")
    assert not plotting.presenting(False)


def _build(fig, data):
    ax = fig.subplots()
    (line,) = ax.plot([0], [0])
    ax.set_ylabel("energy E")
    return {"ax": ax, "line": line}


def _update(artists, data):
    artists["line"].set_data(range(len(data)), data)
    artists["ax"].relim()
    artists["ax"].autoscale_view()


def test_live_figure_renders_at_its_size_builds_once_per_key_and_stays_out_of_pyplot():
    import io

    from PIL import Image

    before = plt.get_fignums()
    live = LiveFigure(_build, _update, figsize=(6, 2))
    png = live.render([0, 1, 3])
    assert png.startswith(PNG)
    assert Image.open(io.BytesIO(png)).size == (600, 200), "the PNG must keep the figure's size (no cropping)"
    live.render([5, 1, 0, 2])
    assert live.builds == 1 and live.figure.axes[0].get_ylim()[1] >= 5  # updated in place, limits follow
    live.render([1, 2], key="other")
    assert live.builds == 2  # a new key builds the figure again
    live.always_rebuild = True
    live.render([1, 2], key="other")
    assert live.builds == 3
    assert plt.get_fignums() == before  # not a pyplot figure: the inline backend never shows or closes it
    with plotting.style(True):
        big = LiveFigure(_build, _update, figsize=plotting.scale((6, 2), True), presenter=True)
    assert Image.open(io.BytesIO(big.render([0, 1]))).size == (900, 300)


def _build_titled(fig, data):
    artists = _build(fig, data)
    artists["ax"].set_title(" ")
    return artists


def _update_titled(artists, data):
    _update(artists, data)
    artists["ax"].set_title(f"max {max(data):,.0f}", loc="left")


def test_live_figure_solves_its_layout_again_when_labels_outgrow_it(assert_fits):
    live = LiveFigure(_build, _update, figsize=(4, 2))
    live.render([0, 1])
    assert_fits(live)
    reserved = live.figure.axes[0].get_position().x0
    live.render([0, -123456789])  # long negative tick labels push "energy E" left, out of the old room
    assert live.builds == 1 and live.relayouts == 1, "growing tick labels must re-solve the layout, not rebuild"
    assert live.figure.axes[0].get_position().x0 > reserved, "the axes must move right to make room"
    assert_fits(live)
    live.render([0, 1])  # labels shrink: the room stays, no relayout, no jumping back and forth
    live.render([0, -123456789])
    assert live.relayouts == 1
    assert_fits(live)
    titled = LiveFigure(_build_titled, _update_titled, figsize=(3, 2))
    titled.render([0, 1])
    titled.render([0, 123456789012])  # a title that grows past the figure's edge
    assert titled.relayouts == 1, "a title that grew past its room must re-solve the layout"
    assert_fits(titled)


def test_a_frozen_layout_without_the_relayout_is_caught_by_assert_fits(assert_fits):
    """The check the demos' tests rely on can fail: switch the relayout off and the label is clipped."""
    live = LiveFigure(_build, _update, figsize=(4, 2))
    live.render([0, 1])
    live._engine = None  # as before the relayout existed: the first layout stays frozen
    live.render([0, -123456789])
    with pytest.raises(AssertionError, match="energy E"):
        assert_fits(live)


def test_a_build_that_places_its_axes_itself_is_never_laid_out_again():
    def build(fig, data):
        fig.set_layout_engine("none")
        ax = fig.add_subplot(fig.add_gridspec(1, 1, left=0.3)[0])
        (line,) = ax.plot([0], [0])
        return {"ax": ax, "line": line}

    live = LiveFigure(build, _update, figsize=(4, 2))
    live.render([0, 1])
    live.render([0, -123456789])
    assert live.relayouts == 0 and live.figure.axes[0].get_position().x0 == pytest.approx(0.3)


def test_live_figure_bad_input():
    with pytest.raises(TypeError, match="build, update"):
        LiveFigure(None, _update, figsize=(6, 2))
    with pytest.raises(ValueError, match="figsize"):
        LiveFigure(_build, _update, figsize=(6, -2))
    with pytest.raises(ValueError, match="figsize"):
        LiveFigure(_build, _update, figsize=6)
    with pytest.raises(TypeError, match="presenter"):
        LiveFigure(_build, _update, figsize=(6, 2), presenter="yes")
    with pytest.raises(ValueError, match="out"):
        LiveFigure(_build, _update, figsize=(6, 2)).show([0, 1])


def _demo_boxes():
    """Every live demo as a chapter builds it (the benchmark's list: one place names them)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        import bench_demos
    finally:
        sys.path.pop(0)
    return [(name, make) for name, make, _ in bench_demos.DEMOS]


def _control_values(c):
    """The values a walk over the demo's controls tries for the control ``c`` (None: not a control)."""
    import ipywidgets as w

    if isinstance(c, w.FloatLogSlider):  # its min and max are exponents
        return [c.base ** c.min, c.base ** c.max, c.base ** ((c.min + c.max) / 2)]
    if isinstance(c, (w.IntSlider, w.FloatSlider)):
        return [c.min, c.max, c.min + round((c.max - c.min) / c.step / 3) * c.step]
    if isinstance(c, (w.Dropdown, w.ToggleButtons, w.RadioButtons)):
        return [value for _, value in c._options_full] if hasattr(c, "_options_full") else list(c.options)
    if isinstance(c, w.Checkbox):
        return [True, False]
    return None


@pytest.mark.parametrize("presenter", [False, True], ids=["notebook", "presenter"])
@pytest.mark.parametrize("name, make", _demo_boxes(), ids=[n for n, _ in _demo_boxes()])
def test_every_demo_fits_its_figure_along_a_walk_over_its_controls(name, make, presenter, assert_fits):
    """Labels, ticks, titles and legends stay inside the figure and off each other's way along a seeded
    walk that moves the demo's controls (sliders to either end or between, every option of a menu, every
    box ticked and not) one after another, without going back: the layout was solved for the first data
    and must be solved again when later data need more room."""
    import contextlib
    import io

    import numpy as np

    from hopfield_course.demos._skeleton import walk_widgets

    rng = np.random.default_rng(14)
    with contextlib.redirect_stdout(io.StringIO()):
        box = make(presenter)
        assert_fits(box.live)
        controls = [c for c in walk_widgets(box) if _control_values(c) is not None]
        path = []
        for _ in range(16):
            enabled = [c for c in controls if not c.disabled]
            c = enabled[rng.integers(len(enabled))]
            values = _control_values(c)
            c.value = values[rng.integers(len(values))]
            path.append(f"{c.description}={c.value!r}")
            try:
                assert_fits(box.live)
            except AssertionError as err:
                raise AssertionError(f"{name} after {', '.join(path)}: {err}") from None


def test_set_frames_can_keep_the_slider_callback_quiet():
    from hopfield_course.demos._skeleton import frame_player, set_frames

    play, slider = frame_player(5)
    calls = []

    def redraw(change):
        calls.append(change["new"])

    slider.observe(redraw, "value")
    set_frames(play, slider, 9, 9, silent=redraw)
    assert calls == [] and slider.value == 9 and play.max == 9
    slider.value = 3  # the callback is back once the move is done
    assert calls == [3]
    set_frames(play, slider, 4, 4)
    assert calls == [3, 4]
    with pytest.raises(TypeError, match="silent"):
        set_frames(play, slider, 4, silent="redraw")
