"""Live demo of the travelling-salesman networks (chapter 07).

:func:`tsp_explorer` shows the neuron matrix V of the Hopfield-Tank (or Potts) network settling,
with sliders for the penalty weights; :func:`tsp_run_data` is its compute function.
"""

from __future__ import annotations

import numpy as np

from .._validation import as_choice, as_float, as_int
from ..plotting import plot_neuron_matrix, plot_tour, scale, style
from ..tsp import decode, optimal_tour, random_cities, solve_tsp
from ._skeleton import frame_player, set_frames, show_in

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


def tsp_explorer(method="hopfield-tank", presenter=False):
    """Watch the neuron matrix settle; sliders for the penalty weights A = B, C and the data weight D."""
    import ipywidgets as w
    import matplotlib.pyplot as plt

    c_method = w.ToggleButtons(options=["hopfield-tank", "potts"], value=method, description="network")
    c_A = w.FloatSlider(value=500, min=100, max=1000, step=25, description="A = B")
    c_C = w.FloatSlider(value=200, min=0, max=500, step=25, description="C")
    c_D = w.FloatSlider(value=500, min=0, max=1000, step=25, description="D")
    c_seed = w.IntSlider(value=0, min=0, max=30, description="noise seed")
    c_cities = w.IntSlider(value=1, min=0, max=30, description="cities seed")
    play, c_frame = frame_player(59, interval=150, description="frame")
    out = w.Output()
    state = {}

    def redraw(*_):
        data = state["data"]
        res = data["result"]
        k = min(c_frame.value, len(data["frames"]) - 1)
        V = data["frames"][k]
        with style(presenter):
            fig, axes = plt.subplots(1, 2, figsize=scale((8, 4), presenter), layout="constrained")
            plot_neuron_matrix(V, ax=axes[0], title=f"V, frame {k} of {len(data['frames']) - 1}")
            tour = decode(V)
            if k == len(data["frames"]) - 1 and res.valid:
                title = f"valid: {res.length / data['optimum']:.3f} x optimum"
            elif tour is not None:
                title = "valid so far"
            else:
                title = "not a tour" + (" (final)" if k == len(data["frames"]) - 1 else "")
            plot_tour(data["coords"], tour, ax=axes[1], title=title)
        show_in(out, fig)

    def recompute(*_):
        for c in (c_C, c_D):
            c.disabled = c_method.value != "hopfield-tank"
        state["data"] = tsp_run_data(method=c_method.value, A=c_A.value, C=c_C.value, D=c_D.value,
                                     rng=c_seed.value, cities_rng=c_cities.value)
        last = len(state["data"]["frames"]) - 1
        set_frames(play, c_frame, last, last)
        redraw()

    for c in (c_method, c_A, c_C, c_D, c_seed, c_cities):
        c.observe(recompute, "value")
    c_frame.observe(redraw, "value")
    recompute()
    box = w.VBox([c_method, w.HBox([c_A, c_C, c_D]), w.HBox([c_seed, c_cities]), w.HBox([play, c_frame]), out])
    box.add_class("hc-demo")
    return box
