"""The recall explorer: its computation, and that the widget builds and answers every control without error."""

import matplotlib

matplotlib.use("Agg")

import ipywidgets as w  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import hopfield_course as hc  # noqa: E402
from hopfield_course.demos.recall import _draw  # noqa: E402


def test_recall_trajectory_is_seeded_and_consistent():
    a = hc.recall_trajectory("letters LPSX", memory=1, flips=4, mode="async", rng=5)
    b = hc.recall_trajectory("letters LPSX", memory=1, flips=4, mode="async", rng=5)
    assert np.array_equal(a["result"].states, b["result"].states)
    assert hc.hamming(a["start"], a["patterns"][1]) == 4
    assert np.array_equal(a["result"].states[0], a["start"])
    sync = hc.recall_trajectory("letters LPSX", memory=3, flips=0, mode="sync")
    assert sync["result"].status == "fixed_point"  # X is a stored, stable letter


def test_recall_trajectory_bad_input():
    with pytest.raises(ValueError, match="memory"):
        hc.recall_trajectory("cross", memory=3)
    with pytest.raises(ValueError, match="name"):
        hc.recall_trajectory("nonsense")


def test_draw_makes_one_figure_per_frame():
    import matplotlib.pyplot as plt

    data = hc.recall_trajectory("cross X square", flips=6, rng=0)
    before = len(plt.get_fignums())
    fig = _draw(data, frame=2, presenter=True)
    assert len(fig.axes) == 5
    plt.close(fig)
    assert len(plt.get_fignums()) == before


def test_explorer_builds_and_answers_every_control(widget_tree):
    box = hc.recall_explorer("letters LPSX", flips=3, mode="sync", seed=1)
    assert "hc-demo" in box._dom_classes
    controls = widget_tree(box)
    sliders = {c.description: c for c in controls if isinstance(c, w.IntSlider)}
    dropdowns = {c.description: c for c in controls if isinstance(c, w.Dropdown)}
    toggles = [c for c in controls if isinstance(c, w.ToggleButtons)]
    sliders["flipped"].value = 9
    sliders["seed"].value = 4
    toggles[0].value = "async"
    dropdowns["memories"].value = "letters LPSXUIJ"
    assert len(dropdowns["start near"].options) == 7
    dropdowns["start near"].value = 6
    assert sliders["frame"].max >= 1
    sliders["frame"].value = sliders["frame"].max
    with pytest.raises(ValueError, match="set_name"):
        hc.recall_explorer("digits")


def test_recall_live_figure_updates_in_place_like_a_fresh_figure(live_twin):
    from hopfield_course.demos.recall import _build, _update

    datas = [hc.recall_trajectory("cross X square", flips=f, mode=m, rng=s)
             for f, m, s in ((6, "async", 3), (0, "async", 3), (12, "sync", 1), (7, "async", 8))]
    for frame in (0, 2, 50):
        live = live_twin(_build, lambda a, d, frame=frame: _update(a, d, frame), datas)
        assert len(live.figure.axes) == 5
    # the last run (7 flips of the cross, seed 8) ends at the cross: its bar is green, the others grey
    last = datas[-1]
    assert last.result.status == "fixed_point" and hc.hamming(last.result.state, last.patterns[0]) == 0
    colors = [bar.get_facecolor()[:3] for bar in live.artists["bars"]]
    assert colors[0] == pytest.approx(matplotlib.colors.to_rgb("tab:green"))
    assert colors[1] == pytest.approx(matplotlib.colors.to_rgb("tab:gray"))
    last_flip = len(last.result.states) - 1  # frame 50 is clipped to the last recorded flip
    assert [im.axes.get_title() for im in live.artists["images"]] == ["start", f"flip {last_flip}", "fixed point"]


def test_recall_explorer_builds_its_figure_once_per_memory_set():
    box = hc.recall_explorer("cross X square", flips=3, seed=1)
    live = box.live
    assert live.builds == 1
    controls = {c.description: c for c in box.children[1].children}
    controls["flipped"].value = 9
    controls["seed"].value = 4
    assert live.builds == 1  # sliders update the figure in place
    box.children[0].children[0].value = "letters LPSX"
    assert live.builds == 2  # a new memory set (four bars instead of three) builds it again


# ---------------------------------------------------------------- figure details the review asked for
def _recall_figure(data, frame=0):
    from hopfield_course.demos._skeleton import LiveFigure
    from hopfield_course.demos.recall import _build, _update

    live = LiveFigure(_build, lambda a, d: _update(a, d, frame), figsize=(10, 2.6))
    live.render(data)
    return live


@pytest.mark.parametrize("mode", ["async", "sync"])
def test_recall_one_state_run_has_a_sensible_energy_axes(mode, assert_fits, ticks_in_view):
    # the negated cross is a fixed point (a memory's mirror image): the run has ONE state
    data = hc.recall_trajectory("cross X square", flips=25, mode=mode, rng=0)
    assert len(data.result.states) == 1 and data.result.status == "fixed_point"
    live = _recall_figure(data)
    assert_fits(live)
    ax = live.artists["energy_axes"]
    x0, x1 = ax.get_xlim()
    assert x0 <= 0 and x1 >= 1, f"the step axis {x0:.3g}..{x1:.3g} does not reach from 0 to 1"
    assert set(ticks_in_view(ax.xaxis)) == {0.0, 1.0}  # no ticks at -0.045, 0.03, ...
    assert ax.xaxis.get_offset_text().get_text() == "" and ax.yaxis.get_offset_text().get_text() == ""
    e = data.result.energies[0]
    y0, y1 = ax.get_ylim()
    assert y0 < e < y1 and min(e - y0, y1 - e) >= 0.04 * abs(e)
    assert live.artists["trace"].get_marker() == "o"  # the single point is drawn
    assert ax.get_title() == "fixed point"


def test_recall_energy_title_says_when_sync_energy_need_not_fall(assert_fits):
    cases = {  # (set, memory, flips, seed): what the synchronous run does
        "2-cycle, energy rises": ("letters LPSX", 2, 13, 50),
        "2-cycle, energy flat": ("letters LPSX", 0, 4, 48),
        "fixed point, energy rises on the way": ("letters LPSX", 0, 20, 42),
        "fixed point, energy falls": ("letters LPSX", 1, 4, 0),
    }
    runs = {k: hc.recall_trajectory(s, memory=m, flips=f, mode="sync", rng=r) for k, (s, m, f, r) in cases.items()}
    rises = {k: bool(np.any(np.diff(d.result.energies) > 0)) for k, d in runs.items()}
    assert [(d.result.status, d.result.period) for d in runs.values()] == [("cycle", 2)] * 2 + [("fixed_point", 1)] * 2
    assert rises == {k: "rises" in k for k in cases}  # the cases are what their names say
    titles = {}
    for k, d in runs.items():
        live = _recall_figure(d)
        assert_fits(live)
        titles[k] = live.artists["energy_axes"].get_title()
    assert titles["2-cycle, energy rises"].startswith("2-cycle") and "need not" in titles["2-cycle, energy rises"]
    assert titles["2-cycle, energy flat"].startswith("2-cycle") and "need not" in titles["2-cycle, energy flat"]
    assert titles["fixed point, energy rises on the way"].startswith("fixed point")
    assert "need not" in titles["fixed point, energy rises on the way"]
    assert titles["fixed point, energy falls"] == "fixed point"
    # asynchronous updates never raise E: no warning there
    a = hc.recall_trajectory("letters LPSX", memory=2, flips=13, mode="async", rng=50)
    assert np.all(np.diff(a.result.energies) <= 0)
    assert _recall_figure(a).artists["energy_axes"].get_title() == "fixed point"


def test_recall_step_axis_has_integer_ticks(ticks_in_view):
    for mode in ("async", "sync"):
        data = hc.recall_trajectory("letters LPSXUIJ", memory=3, flips=9, mode=mode, rng=2)
        ticks = ticks_in_view(_recall_figure(data).artists["energy_axes"].xaxis)
        assert len(ticks) >= 2 and np.array_equal(ticks, np.round(ticks)), f"{mode}: step ticks {ticks}"


def test_recall_explorer_renders_once_per_change(assert_fits, count_renders):
    from hopfield_course.demos._skeleton import walk_widgets

    box = hc.recall_explorer("letters LPSX", flips=3, mode="sync", seed=1)
    calls = count_renders(box.live)
    controls = {getattr(c, "description", ""): c for c in walk_widgets(box)}
    frame = controls["frame"]
    # the frame slider is moved away from 0 before every change of the data, so that each recompute
    # also moves it back (the case that rendered twice)
    steps = [("frame", "last"), ("flipped", 9), ("frame", "last"), ("seed", 4), ("frame", "last"),
             ("updates", "async"), ("frame", "last"), ("start near", 2), ("frame", "last"),
             ("memories", "letters LPSXUIJ"), ("frame", "last"), ("updates", "sync"), ("flipped", 25)]
    for name, value in steps:
        value = frame.max if value == "last" else value
        assert controls[name].value != value, f"{name} = {value} would not be a change"
        before = len(calls)
        controls[name].value = value
        assert len(calls) - before == 1, f"setting {name} to {value} rendered {len(calls) - before} times"
        assert_fits(box.live)  # what the change drew (ticks, titles, legend) still fits the figure
        if name != "frame":
            assert frame.value == 0  # a new trajectory is shown from its start
    assert box.live.builds == 2
