"""Plotting helpers: what they draw, and clear errors for bad input."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import hopfield_course as hc  # noqa: E402
from hopfield_course.plotting import scale  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_show_image_maps_plus_one_to_black():
    ax = hc.show_image(hc.cross_x_square()["cross"], title="cross")
    data = ax.images[0].get_array()
    assert data.shape == (5, 5) and ax.get_title() == "cross"
    assert ax.images[0].norm.vmin == -1 and ax.images[0].norm.vmax == 1
    assert ax.images[0].get_cmap().name == "binary"


def test_plot_images_row_and_unused_axes():
    X = hc.memory_set("letters LPSX").patterns
    axes = hc.plot_images(X, titles=list("LPSX"))
    assert [a.get_title() for a in axes] == list("LPSX")
    _, spare = plt.subplots(1, 6)
    hc.plot_images(X, axes=spare)
    assert not spare[5].axison and spare[0].images
    with pytest.raises(ValueError, match="titles"):
        hc.plot_images(X, titles=["only one"])
    with pytest.raises(ValueError, match="at least one"):
        hc.plot_images([])


def test_plot_trajectory_frames_include_first_and_last():
    res = hc.run(hc.flip(hc.cross_x_square()["cross"].ravel(), 6, rng=0), hc.hebbian_weights(hc.cross_x_square()["cross"].ravel()),
                 mode="async", rng=0, record="flip")
    axes = hc.plot_trajectory(res, max_frames=4, label="flip")
    titles = [a.get_title() for a in axes]
    assert titles[0] == "flip=0" and titles[-1] == f"flip={len(res.states) - 1}" and len(titles) == 4
    with pytest.raises(ValueError, match="states"):
        hc.plot_trajectory(np.ones(25))


def test_plot_memories_grid_and_energy_trace():
    fig = hc.plot_memories(hc.letters("LPSXUIJ"), ncols=4)
    assert len(fig.axes) == 8 and sum(ax.axison for ax in fig.axes) == 7
    ax = hc.plot_energy([3.0, 1.0, -2.0])
    assert np.allclose(ax.lines[0].get_ydata(), [3, 1, -2]) and ax.get_ylabel() == "energy E"
    with pytest.raises(ValueError, match="1-D"):
        hc.plot_energy(np.ones((2, 2)))
    with pytest.raises(ValueError, match="square"):
        hc.show_image(np.ones(6, int))


def test_presenter_style_scales_fonts_and_sizes():
    with hc.style(presenter=True):
        big = plt.rcParams["font.size"]
    with hc.style(presenter=False):
        small = plt.rcParams["font.size"]
    assert big > small and scale((4, 2), True) == (6.0, 3.0) and scale((4, 2)) == (4, 2)


def test_animate_trajectory_is_self_contained_html():
    states = np.array([hc.flip(hc.cross_x_square()["X"].ravel(), k, rng=k) for k in range(5)])
    html = hc.animate_trajectory(states, interval=200).data
    assert "<script" in html and html.count("data:image/png;base64") == 5  # one frame each, no kernel needed
    with pytest.raises(ValueError, match="interval"):
        hc.animate_trajectory(states, interval=0)
    with pytest.raises(ValueError, match="states"):
        hc.animate_trajectory(np.ones(25))


def test_local_field():
    W = np.array([[0, 1], [1, 0]])
    assert hc.local_field([1, -1], W).tolist() == [-1, 1]
    with pytest.raises(ValueError, match="length 2"):
        hc.local_field([1, 1, 1], W)


def test_course_style_is_readable_on_a_projector():
    import matplotlib as mpl

    with mpl.rc_context():
        hc.use_course_style()
        assert plt.rcParams["figure.dpi"] >= 100
        for key in ("font.size", "axes.labelsize", "xtick.labelsize", "ytick.labelsize", "legend.fontsize"):
            size = plt.rcParams[key]
            size = mpl.font_manager.FontProperties(size=size).get_size_in_points()
            assert size >= 12, key
