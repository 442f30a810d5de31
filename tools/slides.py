"""Slides from the chapter notebooks: slide metadata and the reveal.js export.

A chapter notebook is also a slide deck. Each cell may carry the metadata
``{"slideshow": {"slide_type": T}}`` with ``T`` one of ``"slide"`` (a new slide),
``"subslide"`` (a new slide below the current one), ``"fragment"`` (appears on the next
key press), ``"-"`` (continues the current slide), ``"skip"`` or ``"notes"``. The course's
rule, applied by :func:`default_slide_type`:

* a markdown cell that begins with a ``# `` or ``## `` heading starts a slide;
* a markdown cell that begins with a ``### `` heading starts a subslide;
* every other cell continues the current slide.

:func:`add_slide_metadata` fills in the cells that have no slide type (authors' choices are
kept unless ``overwrite=True``); :func:`slide_problems` lists cells that break the rule;
:func:`export_slides` writes a reveal.js deck with ``nbconvert``'s ``SlidesExporter``.

Command line (from the repository root)::

    python -m tools.slides                  # every chapter -> slides/NN_name.slides.html
    python -m tools.slides --write-metadata notebooks/05_*.ipynb   # fill in missing metadata
    python -m tools.slides --check          # exit 1 if a chapter breaks the rule

The exported deck loads reveal.js from ``--reveal-prefix`` (nbconvert's default is a CDN; pass
the folder of a local reveal.js 4 copy to present offline).
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

__all__ = [
    "SLIDE_TYPES",
    "chapter_notebooks",
    "default_slide_type",
    "add_slide_metadata",
    "slide_problems",
    "export_slides",
]

SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
_H12 = re.compile(r"^#{1,2} \S")
_H3 = re.compile(r"^### \S")


def chapter_notebooks(folder="notebooks") -> list[Path]:
    """The chapter notebooks ``NN_name.ipynb`` in ``folder``, in chapter order (may be empty)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"folder: expected a directory of chapter notebooks, got {str(folder)!r}")
    return sorted(folder.glob(CHAPTER_GLOB))


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _first_line(cell) -> str:
    for line in _source(cell).splitlines():
        if line.strip():
            return line.strip()
    return ""


def _check_cell(cell, where="cell"):
    if not hasattr(cell, "get") or "cell_type" not in cell:
        raise TypeError(f"{where}: expected a notebook cell (a dict with 'cell_type'), got {type(cell).__name__}")


def default_slide_type(cell) -> str:
    """The slide type the course's rule gives ``cell`` (see the module docstring)."""
    _check_cell(cell)
    if cell["cell_type"] == "markdown":
        first = _first_line(cell)
        if _H12.match(first):
            return "slide"
        if _H3.match(first):
            return "subslide"
    return "-"


def _check_notebook(nb):
    if not hasattr(nb, "get") or not isinstance(nb.get("cells"), list):
        raise TypeError(f"nb: expected a notebook (a dict with a 'cells' list), got {type(nb).__name__}")


def add_slide_metadata(nb, overwrite: bool = False) -> int:
    """Give every cell of ``nb`` (in place) a ``slideshow.slide_type``; return how many changed.

    Cells that already have a valid slide type keep it unless ``overwrite`` is true.
    """
    _check_notebook(nb)
    changed = 0
    for k, cell in enumerate(nb["cells"]):
        _check_cell(cell, f"nb['cells'][{k}]")
        meta = cell.setdefault("metadata", {})
        current = meta.get("slideshow", {}).get("slide_type")
        if current in SLIDE_TYPES and not overwrite:
            continue
        new = default_slide_type(cell)
        if current != new:
            meta.setdefault("slideshow", {})["slide_type"] = new
            changed += 1
    return changed


def slide_problems(nb) -> list[str]:
    """Cells that break the slide rule: a heading cell that does not start a slide, an unknown
    slide type, or a ``## `` heading in the middle of a markdown cell (it would not start a slide)."""
    _check_notebook(nb)
    problems = []
    for k, cell in enumerate(nb["cells"]):
        _check_cell(cell, f"nb['cells'][{k}]")
        kind = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        first = _first_line(cell)
        if kind is not None and kind not in SLIDE_TYPES:
            problems.append(f"cell {k}: slide_type {kind!r} is not one of {SLIDE_TYPES}")
        if cell["cell_type"] != "markdown":
            continue
        if _H12.match(first) and kind not in ("slide", "subslide"):
            problems.append(f"cell {k} ({first[:50]!r}) begins a section but its slide_type is {kind!r}, "
                            "expected 'slide'")
        lines = [ln for ln in _source(cell).splitlines() if ln.strip()]
        for line in lines[1:]:
            if re.match(r"^#{1,2} \S", line):
                problems.append(f"cell {k}: heading {line[:50]!r} is inside a markdown cell; put it at the "
                                "top of its own cell so it starts a slide")
    return problems


def export_slides(notebook, out_dir="slides", reveal_prefix=None, fill_metadata=True) -> Path:
    """Export one notebook as a reveal.js deck ``out_dir/<name>.slides.html``; return its path.

    Cells without slide metadata get the course's default (on a copy; the notebook file is not
    changed). Long slides scroll. ``reveal_prefix`` is where the deck loads reveal.js from.
    """
    import nbformat
    from nbconvert import SlidesExporter

    notebook = Path(notebook)
    if not notebook.is_file():
        raise ValueError(f"notebook: expected an existing .ipynb file, got {str(notebook)!r}")
    nb = nbformat.read(notebook, as_version=4)
    if fill_metadata:
        nb = copy.deepcopy(nb)
        add_slide_metadata(nb)
    exporter = SlidesExporter()
    exporter.reveal_scroll = True
    exporter.reveal_transition = "none"
    if reveal_prefix:
        exporter.reveal_url_prefix = str(reveal_prefix)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{notebook.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def main(argv=None) -> int:
    import nbformat

    parser = argparse.ArgumentParser(prog="python -m tools.slides", description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks (default: every chapter in notebooks/)")
    parser.add_argument("--out", default="slides", help="output folder of the decks (default: slides/)")
    parser.add_argument("--reveal-prefix", default=None, help="where the decks load reveal.js from")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--write-metadata", action="store_true",
                       help="fill in missing slide metadata in the notebooks themselves (no export)")
    group.add_argument("--check", action="store_true", help="list cells that break the slide rule; exit 1 if any")
    args = parser.parse_args(argv)
    paths = [Path(p) for p in args.notebooks] or chapter_notebooks("notebooks")
    if not paths:
        print("no chapter notebooks found in notebooks/")
        return 0
    status = 0
    for path in paths:
        if args.write_metadata:
            nb = nbformat.read(path, as_version=4)
            n = add_slide_metadata(nb)
            if n:
                nbformat.write(nb, path)
            print(f"{path}: {n} cell(s) given slide metadata")
        elif args.check:
            problems = slide_problems(nbformat.read(path, as_version=4))
            for p in problems:
                print(f"{path}: {p}")
            status |= bool(problems)
        else:
            print(f"{path} -> {export_slides(path, args.out, args.reveal_prefix)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
