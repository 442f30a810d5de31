"""Shared test helpers, and the test tiers.

Tiers (markers registered in pyproject.toml):

- quick (no marker): unit and property tests of the package; ``make test-quick`` runs them on both cores.
- ``slow``: everything that runs notebooks, builds the site or the slides, or drives a browser.
  ``notebook`` (runs or reads the committed notebooks, nbval cells included) and ``browser`` (drives
  Chromium) say why. ``make test`` runs every tier.

The markers are applied here by file, so a new test file is quick unless it is listed in SLOW_FILES;
a single long test in a quick file can still be marked ``@pytest.mark.slow`` by hand.
"""

from pathlib import Path

import pytest

# File name -> the markers that say why it is slow (each also gets ``slow``).
SLOW_FILES = {
    "test_browser.py": ("browser",),
    "test_site.py": (),
    "test_slides.py": (),
    "test_exercises.py": ("notebook",),
    "test_notebooks.py": ("notebook",),
}


@pytest.hookimpl(tryfirst=True)  # before -m deselects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.path))
        if path.suffix == ".ipynb":  # an nbval cell (--nbval notebooks solutions)
            marks = ("slow", "notebook")
        elif path.name in SLOW_FILES:
            marks = ("slow", *SLOW_FILES[path.name])
        elif item.get_closest_marker("browser") is not None:
            marks = ("slow",)
        else:
            continue
        for mark in marks:
            if item.get_closest_marker(mark) is None:
                item.add_marker(mark)


def _walk(box):
    """Every widget in a widget tree (the container first, then its children, depth first)."""
    found, todo = [], [box]
    while todo:
        widget = todo.pop()
        found.append(widget)
        todo.extend(getattr(widget, "children", ()))
    return found


@pytest.fixture
def widget_tree():
    """A function listing every widget inside a demo's container."""
    return _walk
