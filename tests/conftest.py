"""Shared test helpers."""

import pytest


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
