"""tools/links.py: the navigation cell between a chapter, its exercises and its solutions."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tools import authoring, links

REPO = Path(__file__).resolve().parents[1]


def _course(tmp_path: Path, chapters: dict[str, bool]) -> Path:
    """A small course: ``{stem: has_solution}``; exercises are generated from the solutions."""
    for folder in ("notebooks", "solutions", "exercises"):
        (tmp_path / folder).mkdir()
    for stem, has_solution in chapters.items():
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {stem[:2]} · Title of {stem}\n\nIntro."),
                                             nbformat.v4.new_code_cell("x = 1")])
        nbformat.write(nb, tmp_path / "notebooks" / f"{stem}.ipynb")
        if has_solution:
            sol = nbformat.v4.new_notebook(cells=[
                nbformat.v4.new_markdown_cell(f"# Exercises {stem[:2]}\n\nFill in the blanks."),
                nbformat.v4.new_code_cell("# BEGIN SOLUTION the answer\ny = 2\n# END SOLUTION")])
            nbformat.write(sol, tmp_path / "solutions" / f"{stem}.ipynb")
    authoring.generate(tmp_path)
    return tmp_path


def _targets(cell_source: str) -> list[str]:
    return re.findall(r"\]\(([^)]+)\)", cell_source)


def _links_cell(path: Path):
    nb = nbformat.read(path, as_version=4)
    found = [c for c in nb.cells if links.LINKS_TAG in c.metadata.get("tags", [])]
    assert len(found) == 1, f"{path.name}: expected one links cell, found {len(found)}"
    return nb, found[0]


def test_update_links_chapters_to_practice_and_solutions_back_with_relative_links(tmp_path):
    root = _course(tmp_path, {"01_first": True, "02_second": False})
    changed = links.update(root)
    assert {p.relative_to(root).as_posix() for p in changed} == {
        "notebooks/01_first.ipynb", "notebooks/02_second.ipynb", "solutions/01_first.ipynb"}
    nb, cell = _links_cell(root / "notebooks" / "01_first.ipynb")
    assert nb.cells[1] is cell and nb.cells[0].source.startswith("# 01")  # right under the title
    assert cell.metadata["slideshow"] == {"slide_type": "skip"}
    assert _targets(cell.source) == ["../exercises/01_first.ipynb", "../solutions/01_first.ipynb"]
    _, lonely = _links_cell(root / "notebooks" / "02_second.ipynb")
    assert _targets(lonely.source) == [] and "no exercise notebook" in lonely.source
    _, back = _links_cell(root / "solutions" / "01_first.ipynb")
    assert _targets(back.source)[0] == "../notebooks/01_first.ipynb"
    assert "Title of 01_first" in back.source  # the chapter's title, not the solution's
    for page in ("notebooks/01_first.ipynb", "solutions/01_first.ipynb"):
        _, c = _links_cell(root / page)
        for target in _targets(c.source):
            assert ((root / page).parent / target).resolve().is_file(), f"{page}: broken link {target}"


def test_update_is_idempotent_and_check_reports_stale_cells(tmp_path):
    root = _course(tmp_path, {"01_first": True})
    assert links.update(root, check=True)  # missing: reported, nothing written
    assert not _has_links(root / "notebooks" / "01_first.ipynb")
    links.update(root)
    before = {p: p.read_bytes() for p in root.rglob("*.ipynb")}
    assert links.update(root) == [] and links.update(root, check=True) == []
    assert {p: p.read_bytes() for p in root.rglob("*.ipynb")} == before
    # a stale cell (a solution notebook appears later) is refreshed in place, not duplicated
    (root / "solutions" / "01_first.ipynb").rename(tmp_path / "away.ipynb")
    assert links.update(root) == [root / "notebooks" / "01_first.ipynb"]
    _, cell = _links_cell(root / "notebooks" / "01_first.ipynb")
    assert "../solutions/" not in cell.source
    assert links.main(["--root", str(root), "--check"]) == 0


def _has_links(path: Path) -> bool:
    return any(links.LINKS_TAG in c.metadata.get("tags", []) for c in nbformat.read(path, as_version=4).cells)


def test_the_generated_exercise_links_back_to_its_chapter(tmp_path):
    root = _course(tmp_path, {"03_third": True})
    links.update(root)
    authoring.generate(root)
    _, cell = _links_cell(root / "exercises" / "03_third.ipynb")
    targets = _targets(cell.source)
    assert targets[0] == "../notebooks/03_third.ipynb"
    for target in targets:
        assert (root / "exercises" / target).resolve().is_file(), f"the exercise's link {target} is broken"


def test_bad_arguments_are_named(tmp_path):
    with pytest.raises(ValueError, match="root"):
        links.course_notebooks(tmp_path / "missing")
    with pytest.raises(ValueError, match="kind"):
        links.links_text("exercise", "01_first")
    with pytest.raises(TypeError, match="nb"):
        links.set_links({"cells": []}, "chapter", "01_first")


@pytest.mark.parametrize("kind, folder", [("chapter", "notebooks"), ("solutions", "solutions")])
def test_the_course_notebooks_carry_their_links_cell(kind, folder):
    """The committed chapters and solutions have an up-to-date links cell (python -m tools.links)."""
    paths = sorted((REPO / folder).glob(links.CHAPTER_GLOB))
    if not paths:
        pytest.skip(f"no notebooks in {folder}/")
    stale = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if links.set_links(nb, kind, path.stem, REPO):
            stale.append(path.name)
    assert not stale, f"{folder}/: links cell missing or stale in {stale}: run `python -m tools.links`"
