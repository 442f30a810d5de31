"""Slides: the slide rule for chapter cells, and the reveal.js export of every chapter."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from tools.slides import (
    RISE_METADATA,
    SLIDE_TYPES,
    WIDGET_MIME,
    add_slide_metadata,
    chapter_notebooks,
    default_slide_type,
    export_slides,
    is_demo_cell,
    main,
    presentation_metadata,
    slide_problems,
    strip_web_links,
)

REPO = Path(__file__).resolve().parents[1]
CHAPTERS = chapter_notebooks(REPO / "notebooks")
NO_CHAPTERS = [pytest.param(None, marks=pytest.mark.skip(reason="no chapter notebooks in notebooks/"))]


def md(source, slide_type=None):
    cell = nbformat.v4.new_markdown_cell(source)
    if slide_type is not None:
        cell.metadata["slideshow"] = {"slide_type": slide_type}
    return cell


def code(source, slide_type=None):
    cell = nbformat.v4.new_code_cell(source)
    if slide_type is not None:
        cell.metadata["slideshow"] = {"slide_type": slide_type}
    return cell


def small_notebook():
    return nbformat.v4.new_notebook(cells=[
        md("# 99 · A title\n\nSome words."),
        md("Text under the title."),
        code("x = 1"),
        md("\n## A section\n\nwith text"),
        md("### A subsection"),
        md("#### a minor heading"),
        code("print(x)"),
        md("## Kept as the author said", slide_type="subslide"),
    ])


# ---------------------------------------------------------------------------- the rule
@pytest.mark.parametrize("cell, expected", [
    (md("# Title"), "slide"),
    (md("## Section\ntext"), "slide"),
    (md("\n\n## Section after blank lines"), "slide"),
    (md("### Subsection"), "subslide"),
    (md("#### Minor"), "-"),
    (md("#hashtag without a space"), "-"),
    (md("Text, then\n## a heading"), "-"),
    (md(""), "-"),
    (code("## a comment in code"), "-"),
    (nbformat.v4.new_raw_cell("## raw"), "-"),
])
def test_default_slide_type(cell, expected):
    assert default_slide_type(cell) == expected


def test_add_slide_metadata_fills_missing_and_keeps_the_authors_choice():
    nb = small_notebook()
    changed = add_slide_metadata(nb)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    assert kinds == ["slide", "-", "-", "slide", "subslide", "-", "-", "subslide"]
    assert changed == 7  # every cell but the last, which had a slide type already
    assert add_slide_metadata(nb) == 0  # idempotent
    assert slide_problems(nb) == []


def test_add_slide_metadata_overwrite_applies_the_rule_everywhere():
    nb = small_notebook()
    nb.cells[1].metadata["slideshow"] = {"slide_type": "fragment"}
    assert add_slide_metadata(nb, overwrite=True) == 8
    assert nb.cells[1].metadata["slideshow"]["slide_type"] == "-"
    assert nb.cells[7].metadata["slideshow"]["slide_type"] == "slide"


def test_add_slide_metadata_replaces_an_invalid_type():
    nb = nbformat.v4.new_notebook(cells=[md("## S", slide_type="bogus")])
    assert add_slide_metadata(nb) == 1
    assert nb.cells[0].metadata["slideshow"]["slide_type"] == "slide"


def test_slide_problems_names_each_broken_cell():
    nb = nbformat.v4.new_notebook(cells=[
        md("## Section without metadata"),
        md("## Section as a fragment", slide_type="fragment"),
        md("Intro text\n\n## Buried heading", slide_type="slide"),
        code("x = 1", slide_type="nonsense"),
        md("## Fine", slide_type="slide"),
    ])
    problems = slide_problems(nb)
    assert len(problems) == 4, problems
    assert problems[0].startswith("cell 0") and "None" in problems[0]
    assert problems[1].startswith("cell 1") and "'fragment'" in problems[1]
    assert problems[2].startswith("cell 2") and "Buried heading" in problems[2]
    assert problems[3].startswith("cell 3") and "nonsense" in problems[3]


@pytest.mark.parametrize("bad", [None, 3, "notebook", {"no": "cells"}, {"cells": "x"}])
def test_bad_notebooks_are_rejected_with_a_clear_error(bad):
    with pytest.raises(TypeError, match="nb: expected a notebook"):
        add_slide_metadata(bad)
    with pytest.raises(TypeError, match="nb: expected a notebook"):
        slide_problems(bad)


def test_bad_cells_are_rejected_with_a_clear_error():
    with pytest.raises(TypeError, match="expected a notebook cell"):
        default_slide_type({"source": "## no type"})
    with pytest.raises(TypeError, match=r"nb\['cells'\]\[1\]"):
        add_slide_metadata({"cells": [md("# ok"), "not a cell"]})


def test_chapter_notebooks_globs_in_order_and_checks_the_folder(tmp_path):
    for name in ("10_b.ipynb", "02_a.ipynb", "notes.ipynb", "1_short.ipynb"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in chapter_notebooks(tmp_path)] == ["02_a.ipynb", "10_b.ipynb"]
    (tmp_path / "empty").mkdir()
    assert chapter_notebooks(tmp_path / "empty") == []
    with pytest.raises(ValueError, match="folder: expected a directory"):
        chapter_notebooks(tmp_path / "missing")


# ---------------------------------------------------------------------------- export
def _sections(html: str) -> list[str]:
    """HTML of the top-level reveal.js slides, in order (nbconvert opens each with two <section>s:
    the slide and its first subslide)."""
    slides = html[html.index('<div class="slides">'):]
    return slides.split("<section><section>")[1:]


def test_export_makes_one_slide_per_section(tmp_path):
    nb = small_notebook()
    path = tmp_path / "99_small.ipynb"
    nbformat.write(nb, path)
    out = export_slides(path, tmp_path / "out", reveal_prefix="reveal.js")
    assert out == tmp_path / "out" / "99_small.slides.html"
    html = out.read_text()
    assert '"reveal.js/dist/reveal.js"' in html
    assert nbformat.read(path, as_version=4) == nb  # the notebook itself is not changed
    sections = _sections(html)
    assert len(sections) == 2, "the title and the '## ' section each open a slide"
    assert "A title" in sections[0] and "Text under the title" in sections[0]
    assert "A section" in sections[1] and "A subsection" in sections[1]
    assert sections[1].count("</section><section>") == 2, "'### ' and the author's subslide open subslides"


def test_export_rejects_a_missing_notebook(tmp_path):
    with pytest.raises(ValueError, match="notebook: expected an existing .ipynb file"):
        export_slides(tmp_path / "nope.ipynb", tmp_path)


def test_command_line_writes_metadata_then_checks(tmp_path, capsys):
    path = tmp_path / "99_small.ipynb"
    nb = small_notebook()
    nb.cells[7].metadata.pop("slideshow")
    nbformat.write(nb, path)
    assert main(["--check", str(path)]) == 1
    assert main(["--write-metadata", str(path)]) == 0
    assert main(["--check", str(path)]) == 0
    assert main(["--out", str(tmp_path / "decks"), str(path)]) == 0
    assert (tmp_path / "decks" / "99_small.slides.html").is_file()
    assert "8 cell(s) given slide metadata" in capsys.readouterr().out


# ---------------------------------------------------------------------------- the chapters
@pytest.mark.parametrize("chapter", CHAPTERS or NO_CHAPTERS, ids=[p.stem for p in CHAPTERS] or ["none"])
def test_chapter_carries_slide_metadata(chapter):
    nb = nbformat.read(chapter, as_version=4)
    problems = slide_problems(nb)
    assert not problems, (f"{chapter.name} breaks the slide rule (each '# '/'## ' heading begins its own markdown "
                          "cell, whose slide_type is 'slide'); split such cells, then run `python -m "
                          f"tools.slides --write-metadata notebooks/{chapter.name}`:\n- "
                          + "\n- ".join(problems))
    headings = [c for c in nb.cells if c.cell_type == "markdown" and default_slide_type(c) == "slide"]
    assert len(headings) >= 2, f"{chapter.name}: a chapter deck needs a title and at least one '## ' section"


@pytest.mark.parametrize("chapter", CHAPTERS or NO_CHAPTERS, ids=[p.stem for p in CHAPTERS] or ["none"])
def test_chapter_exports_to_reveal_slides(chapter, tmp_path):
    out = export_slides(chapter, tmp_path)
    html = out.read_text(encoding="utf-8")
    assert "new Reveal(" in html and 'src="_reveal/dist/reveal.js"' in html
    assert not re.search(r'<(script|link|img|iframe)\b[^>]*\b(src|href)="https?://', html), f"{chapter.name}: the deck loads something from the web"
    nb = nbformat.read(chapter, as_version=4)
    presentation_metadata(nb)  # what the export applies to its copy
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    n_slides = sum(k == "slide" for k in kinds) + (kinds[0] != "slide")
    sections = _sections(html)
    assert len(sections) == n_slides, f"{chapter.name}: {len(sections)} slides in the deck, expected {n_slides}"
    for cell in nb.cells:  # every section title reaches the deck
        first = cell.source.strip().splitlines()[0] if cell.cell_type == "markdown" and cell.source.strip() else ""
        if first.startswith("## "):
            title = first[3:].strip()
            plain = re.sub(r"[`*_$\\]", "", title).split()[0]
            assert plain in html, f"{chapter.name}: section {title!r} is missing from the slides"
    n_images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    if n_images:
        assert html.count("data:image/png;base64") >= 1, f"{chapter.name}: figures are missing from the slides"


# ---------------------------------------------------------------------------- live slideshows and offline decks
@pytest.mark.parametrize("source, expected", [
    ("# NBVAL_IGNORE_OUTPUT\nhc.recall_explorer('cross', flips=6)", True),
    ("rbm_gibbs_demo(rbms['CD-10'], data=bas)", True),
    ("box = hc.demos.graded.phase_portrait_explorer()", False),  # an assignment is not shown
    ("# hc.recall_explorer() in a comment", False),
    ("data = hc.demos.graded.phase_portrait_data(w12=0.3)", False),
    ("x = 1", False),
])
def test_is_demo_cell(source, expected):
    assert is_demo_cell(code(source)) is expected
    assert is_demo_cell(md(source)) is False


def demo_notebook():
    return nbformat.v4.new_notebook(cells=[
        md("# 98 · Title"),
        code("import hopfield_course as hc"),
        md("## Live demo\n\nThings to try."),
        code("hc.recall_explorer()"),
        md("What you saw."),
        md("## Next section"),
        code("hc.capacity_explorer()", slide_type="slide"),
    ])


def test_presentation_metadata_gives_each_demo_its_own_slide_and_sets_rise_options():
    nb = demo_notebook()
    changed = presentation_metadata(nb)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in nb.cells]
    assert kinds == ["slide", "-", "slide", "subslide", "subslide", "slide", "slide"]
    assert set(kinds) <= set(SLIDE_TYPES)
    assert nb.metadata["rise"] == RISE_METADATA
    assert changed == 6 + 2 + len(RISE_METADATA)
    assert presentation_metadata(nb) == 0  # idempotent
    nb.metadata["rise"]["scroll"] = False  # a lecturer's own choice is kept
    assert presentation_metadata(nb) == 0 and nb.metadata["rise"]["scroll"] is False


def test_strip_web_links_removes_stylesheets_from_the_web_only():
    cell = code("animate()")
    html = ('<link rel="stylesheet"\nhref="https://cdn.example/fa.css">'
            '<link rel="stylesheet" href="local.css"><button title="Next frame"></button>')
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "x"})]
    nb = nbformat.v4.new_notebook(cells=[cell])
    assert strip_web_links(nb) == 1
    assert nb.cells[0].outputs[0]["data"]["text/html"] == '<link rel="stylesheet" href="local.css"><button title="Next frame"></button>'
    assert strip_web_links(nb) == 0


def test_export_is_offline_and_replaces_live_widgets_by_a_note(tmp_path):
    nb = demo_notebook()
    nb.cells[3].outputs = [nbformat.v4.new_output("display_data", data={
        WIDGET_MIME: {"model_id": "abc", "version_major": 2, "version_minor": 0}, "text/plain": "VBox()"})]
    nb.cells[3].execution_count = 1
    path = tmp_path / "98_demo.ipynb"
    nbformat.write(nb, path)
    deck = export_slides(path, tmp_path / "decks")
    html = deck.read_text(encoding="utf-8")
    assert (tmp_path / "decks" / "_reveal" / "dist" / "reveal.js").is_file()
    assert (tmp_path / "decks" / "_reveal" / "dist" / "theme" / "white.css").is_file()
    assert 'src="_reveal/dist/reveal.js"' in html and "new Reveal(" in html
    assert not re.search(r'<(script|link|img|iframe)\b[^>]*\b(src|href)="https?://', html), "the deck loads something from the web"
    assert "make present CHAPTER=98" in html and "VBox()" not in html
    assert "hc-live-note" in html
    assert nbformat.read(path, as_version=4) == nb  # the notebook is not changed


def test_command_line_present_writes_the_slideshow_metadata(tmp_path, capsys):
    path = tmp_path / "98_demo.ipynb"
    nbformat.write(demo_notebook(), path)
    assert main(["--present", str(path)]) == 0
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[3].metadata["slideshow"]["slide_type"] == "subslide" and nb.metadata["rise"]["scroll"] is True
    assert main(["--present", str(path)]) == 0
    assert "0 slide setting(s) written" in capsys.readouterr().out


@pytest.mark.parametrize("chapter", CHAPTERS or NO_CHAPTERS, ids=[p.stem for p in CHAPTERS] or ["none"])
def test_chapter_is_ready_for_a_live_slideshow(chapter):
    """Every demo on a slide of its own and the RISE options set (`python -m tools.slides --present`)."""
    nb = nbformat.read(chapter, as_version=4)
    assert presentation_metadata(nb) == 0, (
        f"{chapter.name}: a demo shares its slide or the RISE options are missing: run "
        f"`python -m tools.slides --present notebooks/{chapter.name}`")
