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
