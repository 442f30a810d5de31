"""Navigation links between a chapter, its exercises and its solutions, as one markdown cell.

Every chapter ``notebooks/NN_name.ipynb`` gets, right under its title, a cell linking its
exercise and solution notebooks; every solution ``solutions/NN_name.ipynb`` gets a cell
linking back to the chapter (and to the exercises). The links are relative
(``../exercises/NN_name.ipynb``), so they open the notebook in JupyterLab when the course is
served from its root (``make lab``) and become page links on the site (``make site``).

The exercise notebooks are generated from the solutions (``python -m tools.authoring``), which
copies markdown cells unchanged; the solutions' cell is worded so that it is right in the
exercise too (it names the chapter, the exercises and the solutions, and ``exercises/`` and
``solutions/`` are sibling folders, so the same relative links work from both).

The cell carries the tag :data:`LINKS_TAG` and is hidden in slideshows (``slide_type: skip``).
Running the tool again refreshes the cell in place (it is idempotent); a notebook is written
only when its cell changed, and atomically (a temporary file renamed over it, after checking that
nobody wrote the notebook meanwhile).

Command line (from the repository root)::

    python -m tools.links              # insert or refresh the cell in notebooks/ and solutions/
    python -m tools.links --check      # exit 1 if a cell is missing or stale (nothing written)
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

__all__ = ["LINKS_TAG", "CourseNotebook", "course_notebooks", "links_cell", "set_links", "update", "main"]

LINKS_TAG = "course-links"
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
KINDS = ("chapter", "solutions")
FOLDER = {"chapter": "notebooks", "exercises": "exercises", "solutions": "solutions"}


@dataclass(frozen=True)
class CourseNotebook:
    """A notebook that gets a links cell: its path, its kind and the stem shared by the chapter's files."""

    path: Path
    kind: str  # "chapter" or "solutions"
    stem: str


def course_notebooks(root=".") -> list[CourseNotebook]:
    """The chapters and solutions under ``root`` (``notebooks/NN_*.ipynb``, ``solutions/NN_*.ipynb``)."""
    root = Path(root)
    if not root.is_dir():
        raise ValueError(f"root: expected the course's root folder, got {str(root)!r}")
    found = []
    for kind in KINDS:
        for path in sorted((root / FOLDER[kind]).glob(CHAPTER_GLOB)):
            found.append(CourseNotebook(path, kind, path.stem))
    return found


def _title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return re.sub(r"^\d\d\s*[·.:-]?\s*", "", line[2:].strip())
    return ""


def links_text(kind: str, stem: str, root=".", title: str = "") -> str:
    """The markdown of the links cell of a ``kind`` notebook (``"chapter"`` or ``"solutions"``).

    Only notebooks that exist under ``root`` are linked; ``title`` is the chapter's title (shown
    in the solutions' link back to it).
    """
    if kind not in KINDS:
        raise ValueError(f"kind: expected one of {KINDS}, got {kind!r}")
    root = Path(root)
    number = stem[:2]

    def exists(k):
        return (root / FOLDER[k] / f"{stem}.ipynb").is_file()

    def link(k, text):
        return f"[{text}](../{FOLDER[k]}/{stem}.ipynb)"

    if kind == "chapter":
        parts = []
        if exists("exercises"):
            parts.append(link("exercises", "the exercises") + " (blanks to fill in, each followed by a check cell "
                         "that answers at once)")
        if exists("solutions"):
            parts.append(link("solutions", "the solutions"))
        if not parts:
            return f"> **Chapter {number}.** This chapter has no exercise notebook yet."
        return f"> **Practise chapter {number}:** " + " · ".join(parts) + "."
    name = f"{number} · {title}" if title else f"chapter {number}"
    parts = [link("chapter", name)] if exists("chapter") else []
    if exists("exercises"):
        parts.append(link("exercises", "exercises"))
    parts.append(link("solutions", "solutions"))
    return "> **Back to the chapter:** " + " · ".join(parts) + "."


def links_cell(kind: str, stem: str, root=".", title: str = ""):
    """A new links cell (markdown, tagged :data:`LINKS_TAG`, skipped in slideshows)."""
    cell = nbformat.v4.new_markdown_cell(links_text(kind, stem, root, title))
    cell.metadata["tags"] = [LINKS_TAG]
    cell.metadata["slideshow"] = {"slide_type": "skip"}
    return cell


def _is_links_cell(cell) -> bool:
    return cell.cell_type == "markdown" and LINKS_TAG in cell.get("metadata", {}).get("tags", [])


def set_links(nb, kind: str, stem: str, root=".") -> bool:
    """Insert (after the title cell) or refresh the links cell of ``nb`` in place; True if it changed."""
    if not hasattr(nb, "cells"):
        raise TypeError(f"nb: expected a notebook (nbformat.NotebookNode), got {type(nb).__name__}")
    title = ""
    chapter = Path(root) / FOLDER["chapter"] / f"{stem}.ipynb"
    if kind == "solutions" and chapter.is_file():
        title = _title(nbformat.read(chapter, as_version=4))
    text = links_text(kind, stem, root, title)
    existing = [k for k, c in enumerate(nb.cells) if _is_links_cell(c)]
    if existing:
        changed = False
        for k in existing[1:][::-1]:  # one cell only
            del nb.cells[k]
            changed = True
        cell = nb.cells[existing[0]]
        if cell.source != text:
            cell.source = text
            changed = True
        if cell.metadata.get("slideshow") != {"slide_type": "skip"}:
            cell.metadata["slideshow"] = {"slide_type": "skip"}
            changed = True
        return changed
    pos = 0
    if nb.cells and nb.cells[0].cell_type == "markdown" and nb.cells[0].source.lstrip().startswith("# "):
        pos = 1
    new = links_cell(kind, stem, root)
    new.source = text
    nb.cells.insert(pos, new)
    return True


def _write_atomically(nb, path: Path, mtime_ns: int) -> bool:
    """Write ``nb`` over ``path`` unless the file changed since it was read (``mtime_ns``)."""
    tmp = path.with_name(f".{path.name}.links-tmp")
    nbformat.write(nb, tmp)
    if path.stat().st_mtime_ns != mtime_ns:
        tmp.unlink()
        return False
    os.replace(tmp, path)
    return True


def update(root=".", *, check: bool = False, attempts: int = 3) -> list[Path]:
    """Insert or refresh the links cell in every chapter and solution; return the notebooks that
    changed (with ``check``: that would change; nothing is written)."""
    changed = []
    for item in course_notebooks(root):
        for _ in range(max(int(attempts), 1)):
            mtime = item.path.stat().st_mtime_ns
            nb = nbformat.read(item.path, as_version=4)
            if not set_links(nb, item.kind, item.stem, root):
                break
            if check or _write_atomically(nb, item.path, mtime):
                changed.append(item.path)
                break
        else:
            raise RuntimeError(f"{item.path} kept changing while its links cell was written; run again")
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.links", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="the course's root folder (default: current folder)")
    parser.add_argument("--check", action="store_true", help="only report notebooks whose links cell is stale")
    args = parser.parse_args(argv)
    changed = update(args.root, check=args.check)
    if args.check:
        for path in changed:
            print(f"{path}: links cell missing or stale (run: python -m tools.links)")
        return int(bool(changed))
    print("links cells: " + (", ".join(str(p) for p in changed) if changed else "all up to date"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
