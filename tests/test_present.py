"""Presenting live: the presenter style's sizes and the one-pass figure rendering of the demos."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from hopfield_course import plotting  # noqa: E402
from hopfield_course.demos._skeleton import figure_png  # noqa: E402

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


def test_figure_png_renders_the_whole_figure_once_with_its_layout():
    fig, axes = plt.subplots(1, 2, figsize=(6, 2), dpi=100, layout="constrained")
    axes[0].plot([0, 1], [0, 1])
    axes[0].set_ylabel("energy E")
    png = figure_png(fig)
    assert png.startswith(PNG)
    import io

    from PIL import Image

    assert Image.open(io.BytesIO(png)).size == (600, 200), "the PNG must keep the figure's size (no cropping)"
    plt.close(fig)
