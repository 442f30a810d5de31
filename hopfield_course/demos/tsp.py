"""Live demo of the travelling-salesman networks (chapter 07).

:func:`tsp_explorer` shows the neuron matrix V of the Hopfield-Tank (or Potts) network settling,
with sliders for the penalty weights; :func:`tsp_run_data` is its compute function. Its figure is a
:class:`~hopfield_course.demos._skeleton.LiveFigure` drawn by the same code as
:func:`~hopfield_course.plotting.plot_neuron_matrix` and :func:`~hopfield_course.plotting.plot_tour`.
"""

from __future__ import annotations

import numpy as np

from .._validation import as_choice, as_float, as_int
from ..plotting import _build_neuron_matrix, _build_tour, _update_neuron_matrix, _update_tour, scale, style
from ..tsp import decode, optimal_tour, random_cities, solve_tsp
from ._skeleton import LiveFigure, frame_player, set_frames

__all__ = ["tsp_run_data", "tsp_explorer"]


def tsp_run_data(*, method="hopfield-tank", A=500.0, C=200.0, D=500.0, rng=0, cities_rng=1, n_cities=10,
                 frames=60):
    """The computation behind :func:`tsp_explorer`: one run with about ``frames`` recorded frames.

    ``A`` sets both row and column penalties (A = B) for Hopfield-Tank; for Potts the slider
    value ``A / 200`` is the column penalty (so the default 500 gives penalty = 2.5). The cities
    are drawn with ``cities_rng``, the network's noise with ``rng``. Returns a dict with
    ``coords``, ``result`` (a TSPResult), ``frames`` and the ``optimum`` length (Held-Karp).
    """
    method = as_choice(method, "method", ("hopfield-tank", "potts"))
    A, C, D = (as_float(x, k, minimum=0.0) for x, k in ((A, "A"), (C, "C"), (D, "D")))
    frames = as_int(frames, "frames", minimum=2, maximum=1000)
    coords = random_cities(n_cities, rng=cities_rng)
    if method == "hopfield-tank":
        res = solve_tsp(coords, method=method, rng=rng, A=A, B=A, C=C, D=D, record_every=20)
    else:
        res = solve_tsp(coords, method=method, rng=rng, penalty=A / 200.0, record_every=10)
    frames_v = res.frames
    if len(frames_v) > frames:
        frames_v = frames_v[np.unique(np.linspace(0, len(frames_v) - 1, frames).round().astype(int))]
    return {"coords": coords, "result": res, "frames": frames_v, "optimum": optimal_tour(coords).length}


def _build(fig, data):
    """The explorer's axes and artists: the neuron matrix (left) and the tour (right); structure: the city count."""
    ax_v, ax_t = fig.subplots(1, 2)
    return {"matrix": _build_neuron_matrix(ax_v, len(data["coords"])), "tour": _build_tour(ax_t)}


def _update(artists, data, frame=None):
    """Put frame ``frame`` (default: the last) of the run ``data`` into the artists of :func:`_build`."""
    res, frames = data["result"], data["frames"]
    last = len(frames) - 1
    k = last if frame is None else min(frame, last)
    V = frames[k]
    _update_neuron_matrix(artists["matrix"], V, title=f"V, frame {k} of {last}")
    tour = decode(V)
    if k == last and res.valid:
        title = f"valid: {res.length / data['optimum']:.3f} x optimum"
    elif tour is not None:
        title = "valid so far"
    else:
        title = "not a tour" + (" (final)" if k == last else "")
    _update_tour(artists["tour"], data["coords"], tour, title=title)


def _draw(data, frame=None, presenter=False):
    """The explorer's figure of ``data`` at ``frame`` as a new pyplot figure (for notebooks and tests)."""
    import matplotlib.pyplot as plt

    with style(presenter):
        fig = plt.figure(figsize=scale((8, 4), presenter), layout="constrained")
        _update(_build(fig, data), data, frame)
    return fig


def tsp_explorer(method="hopfield-tank", presenter=False):
    """Watch the neuron matrix settle; sliders for the penalty weights A = B, C and the data weight D.

    The figure shows the neuron matrix V at the chosen frame of the run (left) and the tour it
    decodes to (right, titled with its length relative to the optimum once the run ends valid).
    """
    import ipywidgets as w

    c_method = w.ToggleButtons(options=["hopfield-tank", "potts"], value=method, description="network")
    c_A = w.FloatSlider(value=500, min=100, max=1000, step=25, description="A = B")
    c_C = w.FloatSlider(value=200, min=0, max=500, step=25, description="C")
    c_D = w.FloatSlider(value=500, min=0, max=1000, step=25, description="D")
    c_seed = w.IntSlider(value=0, min=0, max=30, description="noise seed")
    c_cities = w.IntSlider(value=1, min=0, max=30, description="cities seed")
    play, c_frame = frame_player(59, interval=150, description="frame")
    out = w.Image(format="png")
    live = LiveFigure(_build, lambda artists, data: _update(artists, data, c_frame.value),
                      figsize=scale((8, 4), presenter), out=out, presenter=presenter)
    state = {}

    def redraw(*_):
        data = state["data"]
        live.show(data, key=len(data["coords"]))

    def recompute(*_):
        for c in (c_C, c_D):
            c.disabled = c_method.value != "hopfield-tank"
        state["data"] = tsp_run_data(method=c_method.value, A=c_A.value, C=c_C.value, D=c_D.value,
                                     rng=c_seed.value, cities_rng=c_cities.value)
        last = len(state["data"]["frames"]) - 1
        c_frame.unobserve(redraw, "value")  # one picture per change, not one for the frame and one here
        set_frames(play, c_frame, last, last)
        c_frame.observe(redraw, "value")
        redraw()

    for c in (c_method, c_A, c_C, c_D, c_seed, c_cities):
        c.observe(recompute, "value")
    c_frame.observe(redraw, "value")
    recompute()
    box = w.VBox([c_method, w.HBox([c_A, c_C, c_D]), w.HBox([c_seed, c_cities]), w.HBox([play, c_frame]), out])
    box.add_class("hc-demo")
    box.live = live  # the demo's LiveFigure: how often it was built, its figure (for tests and timing)
    return box
