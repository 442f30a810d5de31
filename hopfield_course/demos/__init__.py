"""Live demos (ipywidgets), one module per topic, all built on the skeleton in ``_skeleton``.

=============  ==============================================================
module         demos
=============  ==============================================================
``recall``     recall of a corrupted memory, step by step (chapters 01-04)
``thermal``    recall at a temperature (05)
``capacity``   the crosstalk and the capacity curve, one load at a time (08)
``graded``     phase portraits and graded recall (06)
``tsp``        the TSP network settling (07)
``boltzmann``  Gibbs sampling of a trained RBM (09)
``modern``     four networks recalling the same corrupted digit (10)
``control``    oscillating pairs and the controlled model (11)
=============  ==============================================================
"""

from __future__ import annotations

import importlib

_MODULES = ("recall", "thermal", "capacity", "graded", "tsp", "boltzmann", "modern", "control")


def __getattr__(name):
    if name in _MODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'hopfield_course.demos' has no attribute {name!r}")
