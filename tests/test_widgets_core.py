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
