"""Benchmark: one slider step of every live demo, in place (LiveFigure) against a rebuilt figure.

For each demo the widget is built as a chapter builds it, then one of its sliders is stepped back
and forth (``slider.value = ...``, which runs the demo's own callback: compute, update, render the
PNG, replace the Output). Two timings per demo, in the same run:

* ``live``: the demo as shipped, its one figure updated in place;
* ``rebuild``: the same demo with ``LiveFigure.always_rebuild`` set, so every step builds a new
  figure and solves its constrained layout again (what the demos did before).

Both run outside a Jupyter kernel, so the browser's part of a slider step (comm round trip, PNG
decode) is not included: tests/test_browser.py measures that end to end. Each timing is the median
of ``STEPS`` steps. The last line is one JSON object.
"""

import contextlib
import io
import json
import os
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

import ipywidgets as w  # noqa: E402
import numpy as np  # noqa: E402

import hopfield_course as hc  # noqa: E402
from hopfield_course.demos._skeleton import walk_widgets  # noqa: E402

STEPS = int(os.environ.get("HC_BENCH_STEPS", "8"))


def _rbm_demo(presenter):
    bas = hc.bars_and_stripes(4)
    rbm = hc.RBM(16, 16, rng=0)
    rbm.fit(bas, epochs=200, batch_size=10, method="cd", k=10, learning_rate=0.2, rng=0)
    return hc.rbm_gibbs_demo(rbm, data=bas, shape=(4, 4), presenter=presenter)


#: (name as in the chapters, builder, description of the slider stepped)
DEMOS = [
    ("recall (01)", lambda p: hc.recall_explorer("cross X square", flips=6, mode="async", seed=3, presenter=p),
     "flipped"),
    ("recall (04)", lambda p: hc.recall_explorer("letters LPSX", flips=3, mode="sync", seed=1, presenter=p), "frame"),
    ("thermal (05)", lambda p: hc.thermal_recall_explorer("cross X square", temperature=0.3, flips=8, presenter=p),
     "T"),
    ("phase portrait (06)", lambda p: hc.phase_portrait_explorer(presenter=p), "gain"),
    ("graded recall (06)", lambda p: hc.graded_recall_explorer(presenter=p), "dt"),
    ("tsp (07)", lambda p: hc.tsp_explorer(presenter=p), "A = B"),
    ("capacity (08)", lambda p: hc.capacity_explorer(n_neurons=500, alpha=0.12, presenter=p), "p/N"),
    ("rbm gibbs (09)", _rbm_demo, "Gibbs step"),
    ("modern (10)", lambda p: hc.modern_recall_explorer(presenter=p), "memories"),
    ("oscillation (11)", lambda p: hc.oscillation_explorer(presenter=p), "a (self)"),
    ("control (11)", lambda p: hc.control_explorer(presenter=p), "μ"),
]


def _slider(box, description):
    for c in walk_widgets(box):
        if isinstance(c, (w.IntSlider, w.FloatSlider, w.FloatLogSlider)) and c.description == description:
            return c
    raise LookupError(f"no slider {description!r}")


def _step_times(box, description, steps):
    slider = _slider(box, description)
    if isinstance(slider, w.FloatLogSlider):
        values = [slider.value, slider.value * slider.base ** slider.step]
    else:
        up = slider.value + slider.step if slider.value + slider.step <= slider.max else slider.value - slider.step
        values = [slider.value, up]
    times = []
    with contextlib.redirect_stdout(io.StringIO()):  # outside a kernel, Output widgets print their display
        for k in range(steps + 1):
            t0 = time.perf_counter()
            slider.value = values[(k + 1) % 2]
            if k:  # the first step may warm caches
                times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv=()):
    presenter = "--presenter" in argv
    results = {}
    for name, make, description in DEMOS:
        with contextlib.redirect_stdout(io.StringIO()):
            box = make(presenter)
        live = getattr(box, "live", None)
        t_live = _step_times(box, description, STEPS)
        t_rebuild = None
        if live is not None:
            live.always_rebuild = True
            t_rebuild = _step_times(box, description, STEPS)
            live.always_rebuild = False
        results[name] = {"slider": description, "live_s": t_live, "rebuild_s": t_rebuild,
                         "ratio": None if t_rebuild is None else t_rebuild / t_live}
        ratio = "   (no LiveFigure)" if t_rebuild is None else f"   rebuild {t_rebuild * 1e3:6.0f} ms   ratio {t_rebuild / t_live:5.1f}x"
        print(f"{name:22s} slider {description!r:14s} live {t_live * 1e3:6.0f} ms{ratio}", flush=True)
    print(json.dumps({"benchmark": "bench_demos", "presenter": presenter, "steps": STEPS, "results": results}))
    return results


if __name__ == "__main__":
    np.seterr(all="ignore")
    main(sys.argv[1:])
