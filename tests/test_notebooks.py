"""Hygiene of the committed notebooks: sizes, pairing, seeded randomness, slide metadata, chapters import the package,
no execution metadata."""

import re
from pathlib import Path

import nbformat
import pytest

from tools import clean_notebooks

ROOT = Path(__file__).resolve().parents[1]
ALL = sorted((ROOT / d / p.name for d in ("notebooks", "solutions", "exercises")
              for p in (ROOT / d).glob("*.ipynb")), key=str)
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_there_are_chapters():
    assert len(CHAPTERS) >= 4


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_size_below_limit(path):
    assert path.stat().st_size < 1.5 * 1024 * 1024, f"{path.name} is {path.stat().st_size / 1e6:.2f} MB"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_randomness_is_seeded(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "np.random.seed" not in code, "use a seeded numpy.random.Generator"
    assert not re.search(r"default_rng\(\s*\)", code), "default_rng() without a seed"
    assert not re.search(r"np\.random\.(rand|randn|randint|choice|normal|uniform|permutation)\(", code), \
        "global NumPy random state used"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_has_solution_and_exercise(path):
    assert (ROOT / "solutions" / path.name).exists() and (ROOT / "exercises" / path.name).exists()


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_imports_the_package_and_has_slides(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "hopfield_course" in code
    assert not re.search(r"^\s*@njit|^\s*from numba", code, re.M), "kernels belong in hopfield_course/"
    slides = [c for c in nb.cells if c.get("metadata", {}).get("slideshow", {}).get("slide_type") == "slide"]
    assert len(slides) >= 3, "chapter notebooks carry slide metadata"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_execution_metadata(path):
    """Committed notebooks carry no timestamps or interpreter version, and their widget ids are renumbered."""
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    noise = clean_notebooks.noise(nb, salt=path.name)
    assert noise == [], (f"{path.parent.name}/{path.name}: {'; '.join(noise)}. "
                         "Run `python -m tools.clean_notebooks` (`make outputs` runs it after executing).")
