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
    python -m tools.slides --present        # write the live-slideshow metadata into every chapter

For a live slideshow (RISE, ``make present CHAPTER=05``) :func:`presentation_metadata` adds to
the rule: every live demo (a cell calling ``..._explorer(`` or ``..._demo(``) gets a slide of its
own (a subslide below its section), the cell after a demo starts a new subslide, and the notebook's
``rise`` metadata asks for scrolling slides that start at the beginning. ``--present`` writes it.

The exported decks need no network: :func:`export_slides` writes them with the course's
template (``tools/jupyter/nbconvert/templates/hc_reveal``) and copies reveal.js (from the
``sphinx-revealjs`` package) and MathJax 2 (from ``jupyter-server-mathjax``) into
``_reveal/`` and ``_mathjax/`` next to the decks. A live demo's output (a widget, which needs a
kernel) is replaced by a note saying how to run it.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
from pathlib import Path

__all__ = [
    "SLIDE_TYPES",
    "chapter_notebooks",
    "default_slide_type",
    "add_slide_metadata",
    "slide_problems",
    "is_demo_cell",
    "presentation_metadata",
    "RISE_METADATA",
    "vendor_reveal",
    "strip_web_links",
    "export_slides",
]

SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
_H12 = re.compile(r"^#{1,2} \S")
_H3 = re.compile(r"^### \S")
# a statement that calls a live demo, e.g. ``hc.recall_explorer(...)`` or ``rbm_gibbs_demo(...)``
_DEMO_CALL = re.compile(r"^[ \t]*(?:[A-Za-z_][\w.]*\.)?[A-Za-z_]\w*_(?:explorer|demo)\(", re.M)
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
TEMPLATES = Path(__file__).resolve().parent / "jupyter" / "nbconvert" / "templates"
TEMPLATE_NAME = "hc_reveal"
# RISE options (notebook metadata "rise"): slides that are taller than the screen scroll, the show
# starts at the first slide, no animation between slides, content starts at the top of a slide.
RISE_METADATA = {"scroll": True, "start_slideshow_at": "beginning", "transition": "none", "center": False,
                 "auto_select": "code"}


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


def is_demo_cell(cell) -> bool:
    """Whether ``cell`` is a live demo: a code cell with a statement calling ``..._explorer(`` or ``..._demo(``."""
    _check_cell(cell)
    if cell["cell_type"] != "code":
        return False
    lines = [ln for ln in _source(cell).splitlines() if not ln.lstrip().startswith("#")]
    return bool(_DEMO_CALL.search("\n".join(lines)))


def presentation_metadata(nb) -> int:
    """Set (in place) the slide types a live slideshow needs; return how many cells changed.

    Deterministic and idempotent: missing slide types get the course's rule (:func:`default_slide_type`);
    a demo cell that continues a slide starts a subslide of its own, and the cell after a demo
    that continues it starts a new subslide too; ``nb.metadata["rise"]`` gets :data:`RISE_METADATA`
    (keys already there are kept).
    """
    _check_notebook(nb)
    changed = add_slide_metadata(nb)
    cells = nb["cells"]
    for k, cell in enumerate(cells):
        if not is_demo_cell(cell):
            continue
        for target in (cell, cells[k + 1] if k + 1 < len(cells) else None):
            if target is None or is_demo_cell(target) and target is not cell:
                continue
            meta = target.setdefault("metadata", {}).setdefault("slideshow", {})
            if meta.get("slide_type") in ("-", "fragment", None):
                meta["slide_type"] = "subslide"
                changed += 1
    rise = nb.setdefault("metadata", {}).setdefault("rise", {})
    for key, value in RISE_METADATA.items():
        if key not in rise:
            rise[key] = value
            changed += 1
    return changed


def _reveal_source() -> Path:
    try:
        import sphinx_revealjs
    except ImportError as exc:  # pragma: no cover - a dependency of the test extra
        raise RuntimeError("the offline decks copy reveal.js from the sphinx-revealjs package: "
                           "pip install sphinx-revealjs (it is in the course's test extra)") from exc
    src = Path(sphinx_revealjs.__file__).parent / "_static" / "revealjs"
    if not (src / "dist" / "reveal.js").is_file():
        raise RuntimeError(f"sphinx-revealjs has no reveal.js at {src}")
    return src


def vendor_reveal(out_dir) -> Path:
    """Copy reveal.js (``dist/`` and the notes plugin) and MathJax 2 into ``out_dir`` (once); return it.

    The decks load ``_reveal/dist/reveal.js`` and ``_mathjax/MathJax.js`` relative to themselves.
    """
    out_dir = Path(out_dir)
    src = _reveal_source()
    dst = out_dir / "_reveal"
    if not (dst / "dist" / "reveal.js").is_file():
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src / "dist", dst / "dist", ignore=shutil.ignore_patterns("*.map", "*.esm.js"))
        shutil.copytree(src / "plugin" / "notes", dst / "plugin" / "notes")
        if (src / "LICENSE").is_file():
            shutil.copy2(src / "LICENSE", dst / "LICENSE")
    mathjax = out_dir / "_mathjax"
    if not (mathjax / "MathJax.js").is_file():
        try:
            import jupyter_server_mathjax
        except ImportError:
            return out_dir  # equations then stay as TeX source
        static = Path(jupyter_server_mathjax.__file__).parent / "static"
        if (static / "MathJax.js").is_file():
            shutil.rmtree(mathjax, ignore_errors=True)
            shutil.copytree(static, mathjax)
    return out_dir


_WEB_STYLESHEET = re.compile(r"<link\b[^>]*\bhref=[\"']https?://[^>]*>", re.I)


def strip_web_links(nb) -> int:
    """Remove (in place) stylesheet ``<link>`` tags to the web from the HTML outputs of ``nb``;
    return how many. Matplotlib's HTML animations link Font Awesome from a CDN for their button
    icons; offline that request only fails (the buttons still work, the site's theme has the icons)."""
    _check_notebook(nb)
    removed = 0
    for cell in nb["cells"]:
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            html = out.get("data", {}).get("text/html")
            if html is None:
                continue
            text = "".join(html) if isinstance(html, list) else html
            new, n = _WEB_STYLESHEET.subn("", text)
            if n:
                out["data"]["text/html"] = new
                removed += n
    return removed


def _live_note(chapter: str) -> dict:
    import nbformat

    html = (f'<p class="hc-live-note"><b>Live demo.</b> Its sliders need a running kernel: '
            f'<code>make present CHAPTER={chapter}</code>, then run this cell (Ctrl+Enter).</p>')
    return nbformat.v4.new_output("display_data", data={"text/html": html, "text/plain": "Live demo"})


def export_slides(notebook, out_dir="slides", reveal_prefix=None, fill_metadata=True) -> Path:
    """Export one notebook as a reveal.js deck ``out_dir/<name>.slides.html``; return its path.

    The deck works offline: reveal.js and MathJax are copied into ``out_dir`` (:func:`vendor_reveal`)
    unless ``reveal_prefix`` names another copy. Cells get the live-slideshow slide types
    (:func:`presentation_metadata`, on a copy; the notebook file is not changed) unless
    ``fill_metadata`` is false. Widget outputs become a note on how to run the demo live.
    """
    import nbformat
    from nbconvert import SlidesExporter

    notebook = Path(notebook)
    if not notebook.is_file():
        raise ValueError(f"notebook: expected an existing .ipynb file, got {str(notebook)!r}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    nb = copy.deepcopy(nbformat.read(notebook, as_version=4))
    if fill_metadata:
        presentation_metadata(nb)
    chapter = notebook.name[:2]
    for cell in nb.cells:
        if cell.cell_type == "code" and any(WIDGET_MIME in o.get("data", {}) for o in cell.get("outputs", [])):
            cell.outputs = [o for o in cell.outputs if WIDGET_MIME not in o.get("data", {})
                            and o.get("output_type") != "stream"] + [_live_note(chapter)]
    nb.metadata.pop("widgets", None)
    strip_web_links(nb)
    if reveal_prefix is None:
        vendor_reveal(out_dir)
        reveal_prefix = "_reveal"
    exporter = SlidesExporter(extra_template_basedirs=[str(TEMPLATES)], template_name=TEMPLATE_NAME)
    exporter.reveal_scroll = True
    exporter.reveal_transition = "none"
    exporter.reveal_url_prefix = str(reveal_prefix)
    exporter.reveal_width = "1280"
    exporter.reveal_height = "720"
    exporter.mathjax_url = "_mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
    exporter.reveal_theme = "white"  # its font ships with reveal.js (the "simple" theme loads web fonts)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": notebook.stem}})
    target = out_dir / f"{notebook.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def _write_atomically(nb, path: Path) -> None:
    import os

    import nbformat

    tmp = path.with_name(f".{path.name}.tmp")
    nbformat.write(nb, tmp)
    os.replace(tmp, path)


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
    group.add_argument("--present", action="store_true",
                       help="write the live-slideshow slide types and RISE options into the notebooks (no export)")
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
        elif args.present:
            nb = nbformat.read(path, as_version=4)
            n = presentation_metadata(nb)
            if n:
                _write_atomically(nb, path)
            print(f"{path}: {n} slide setting(s) written")
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
