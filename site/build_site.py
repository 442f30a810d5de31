"""Build the course site: every chapter with its exercises and solutions, as static HTML.

    .venv/bin/python site/build_site.py            # -> site/_build/html/index.html  (make site)
    .venv/bin/python site/build_site.py --toc-only # only stage the sources and write _toc.yml

Steps:

1. find the chapters ``notebooks/NN_*.ipynb`` (whatever chapters exist, in chapter order) and,
   for each, ``exercises/NN_*.ipynb`` and ``solutions/NN_*.ipynb`` when they exist;
2. copy them into a staging folder (``site/_build/source``) and put a short navigation note
   under each page's title linking the chapter, its exercises and its solutions (the
   repository's notebooks are not changed);
3. write ``intro.md`` (the front page with the list of chapters), ``api.md`` (the API
   reference of ``hopfield_course``, one section per module, generated from the docstrings by
   Sphinx autodoc), ``bibliography.md`` (from ``references.bib``, by ``tools/bibliography.py``)
   and ``_toc.yml``;
4. export every chapter as an offline reveal.js deck (``tools/slides.py``) into the site's
   ``slides/`` folder, linked from the chapter's page;
5. run Jupyter Book 1 (``execute_notebooks: off``: pages show the committed outputs, so
   figures and matplotlib's HTML animations appear and play without a kernel).

The site needs no network: MathJax 2 and reveal.js are copied from Python packages.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CHAPTER_GLOB = "[0-9][0-9]_*.ipynb"
NAV_TAG = "site-navigation"
LINKS_TAG = "course-links"  # the repository's own navigation cell (tools/links.py), replaced on the site
PACKAGE = "hopfield_course"


@dataclass
class Chapter:
    number: str
    stem: str
    title: str
    chapter: Path
    exercises: Path | None
    solutions: Path | None


def notebook_title(path: Path) -> str:
    """The first ``# `` heading of a notebook, else its file name."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return path.stem.replace("_", " ")


def find_chapters(repo: Path = REPO) -> list[Chapter]:
    """The chapters present in ``repo/notebooks``, in order, with their exercises and solutions."""
    chapters = []
    for nb in sorted((repo / "notebooks").glob(CHAPTER_GLOB)):
        ex, sol = repo / "exercises" / nb.name, repo / "solutions" / nb.name
        chapters.append(Chapter(nb.name[:2], nb.stem, notebook_title(nb), nb,
                                ex if ex.is_file() else None, sol if sol.is_file() else None))
    return chapters


def toc_yaml(chapters: list[Chapter], reference_pages=()) -> str:
    """``_toc.yml`` (Jupyter Book 1, jb-book): each chapter with its exercises and solutions below it,
    then the reference pages (e.g. ``("api",)``) as a part "Reference"."""
    lines = ["# Written by site/build_site.py from the notebooks present; do not edit.",
             "format: jb-book", "root: intro", "parts:", "  - caption: Chapters", "    chapters:"]
    tail = ["  - caption: Reference", "    chapters:"] + [f"      - file: {page}" for page in reference_pages] \
        if reference_pages else []
    for ch in chapters:
        lines.append(f"      - file: notebooks/{ch.stem}")
        subs = [(kind, path) for kind, path in (("Exercises", ch.exercises), ("Solutions", ch.solutions)) if path]
        if subs:
            lines.append("        sections:")
            for kind, path in subs:
                lines.append(f"          - file: {path.parent.name}/{ch.stem}")
                lines.append(f"            title: \"{kind} {ch.number}\"")
    if not chapters and tail:
        lines[-2:] = []  # a part needs chapters
    return "\n".join(lines + tail) + "\n"


def _links(ch: Chapter, here: str) -> str:
    parts = []
    for kind, folder, path, what in (
        ("chapter", "notebooks", ch.chapter, "the chapter"),
        ("exercises", "exercises", ch.exercises, "exercises (fill in the blanks; each check cell answers at once)"),
        ("solutions", "solutions", ch.solutions, "solutions"),
    ):
        if path is None or kind == here:
            continue
        parts.append(f"[{what.capitalize()}](../{folder}/{ch.stem}.ipynb)")
    return " · ".join(parts)


def navigation_cell(ch: Chapter, here: str, slides: bool = False):
    """A markdown cell linking the other pages of the chapter (``here`` is chapter/exercises/solutions),
    and the chapter's slides when ``slides`` (from the chapter's page)."""
    intro = {
        "chapter": f"**Chapter {ch.number}.** Practise it: ",
        "exercises": f"**Exercises for chapter {ch.number}.** Download this notebook (button above) and run it "
                     "in JupyterLab to fill in the blanks. See also: ",
        "solutions": f"**Solutions for chapter {ch.number}.** Try the exercises first. See also: ",
    }[here]
    links = _links(ch, here)
    text = intro + (links if links else "no exercise notebook yet.")
    if slides and here == "chapter":
        text += f' · <a href="../slides/{ch.stem}.slides.html">Slides</a> (reveal.js; arrow keys to move)'
    cell = nbformat.v4.new_markdown_cell(f"> {text}")
    cell.metadata["tags"] = [NAV_TAG]
    cell.metadata["slideshow"] = {"slide_type": "skip"}
    return cell


def stage_notebook(src: Path, dst: Path, ch: Chapter, here: str, slides: bool = False) -> None:
    """Copy a notebook, inserting the navigation cell after its title cell (in place of the
    repository's own links cell, if it has one)."""
    nb = nbformat.read(src, as_version=4)
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if LINKS_TAG not in c.get("metadata", {}).get("tags", [])]
    pos = 0
    if nb.cells and nb.cells[0].cell_type == "markdown" and nb.cells[0].source.lstrip().startswith("# "):
        pos = 1
    nb.cells.insert(pos, navigation_cell(ch, here, slides))
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from tools.slides import strip_web_links

    strip_web_links(nb)  # the site loads nothing from the web
    # Exercise notebooks are stored without outputs or language info: name the language so that
    # the site highlights their code as Python.
    nb.metadata.setdefault("language_info", {"name": "python"})
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                          "language": "python"})
    dst.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, dst)


def intro_md(chapters: list[Chapter]) -> str:
    rows = []
    for ch in chapters:
        title = re.sub(r"^\d\d\s*[·.:-]?\s*", "", ch.title)
        cells = [f"[{ch.number} · {title}](notebooks/{ch.stem}.ipynb)",
                 f"[exercises](exercises/{ch.stem}.ipynb)" if ch.exercises else "",
                 f"[solutions](solutions/{ch.stem}.ipynb)" if ch.solutions else ""]
        rows.append("| " + " | ".join(cells) + " |")
    table = "\n".join(["| Chapter | Exercises | Solutions |", "| --- | --- | --- |", *rows]) if rows else \
        "*No chapter has been written yet.*"
    return f"""# Hopfield networks: a course

A Hopfield network stores memories as the low points of an energy and recalls one by rolling
downhill from a corrupted cue. These pages follow the course from the binary network and
Hebb's rule to stochastic and continuous dynamics, optimisation, Boltzmann machines and
modern Hopfield networks.

**How to use these pages.** Read the chapters in order. Each chapter is a Jupyter notebook
shown here with its figures and animations; the live demos (sliders) need a running kernel, so
download the notebook (the download button at the top of each page) or clone the course and
run `make lab`. After a chapter, open its **exercises** in JupyterLab: each blank is followed by
a check cell that tells you at once what is right or wrong. Compare with the **solutions**
afterwards.

Conventions used everywhere: neurons take the values $\\pm1$; the local field is
$h_i = \\sum_j W_{{ij}} s_j$; a neuron becomes $+1$ if $h_i \\ge \\theta_i$ and $-1$ otherwise; the energy
is $E = -\\tfrac12 s^\\top W s + \\theta^\\top s$.

{table}
"""


def stage_bibliography(out_dir: Path, repo: Path = REPO) -> bool:
    """When ``repo`` has ``references.bib``: write ``bibliography.md`` (every source, with the chapters
    citing it), list it in ``_toc.yml`` under "Sources" and link it from ``intro.md``. Returns whether it did."""
    if not (Path(repo) / "references.bib").is_file():
        return False
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from tools.bibliography import bibliography_markdown

    (out_dir / "bibliography.md").write_text(bibliography_markdown(Path(repo)), encoding="utf-8")
    with open(out_dir / "_toc.yml", "a", encoding="utf-8") as toc:
        toc.write("  - caption: Sources\n    chapters:\n      - file: bibliography\n")
    with open(out_dir / "intro.md", "a", encoding="utf-8") as intro:
        intro.write("\nEvery source the course relies on is listed in the [bibliography](bibliography.md); "
                    "each chapter ends with its own references.\n")
    return True


# ---------------------------------------------------------------------------- the API reference
def api_modules(package: str = PACKAGE) -> list[tuple[str, str, list[str]]]:
    """``(module, summary, names)`` for every module of the package's public API, in the order of
    the package's module table (its docstring), then any other module named in ``_API``."""
    import importlib

    pkg = importlib.import_module(package)
    api = getattr(pkg, "_API", None)
    if not isinstance(api, dict):
        raise ValueError(f"package: expected {package} to map its public names to modules in _API")
    order, summaries = [], {}
    for line in (pkg.__doc__ or "").splitlines():
        m = re.match(r"^``(\w+)``\s+(.*)$", line.strip())
        if m:
            order.append(m.group(1))
            summaries[m.group(1)] = m.group(2).strip()
    by_module: dict[str, list[str]] = {}
    for name, module in api.items():
        by_module.setdefault(module, []).append(name)
    modules = [m for m in order if m in by_module] + sorted(m for m in by_module if m not in order)
    out = []
    for module in modules:
        mod = importlib.import_module(f"{package}.{module}")
        summary = summaries.get(module) or (mod.__doc__ or "").strip().split("\n")[0]
        out.append((module, summary, sorted(by_module[module], key=lambda n: (n[0].isupper(), n.lower()))))
    return out


def _directive(obj) -> str:
    import inspect

    if inspect.isclass(obj):
        return "autoclass"
    if callable(obj):
        return "autofunction"
    return "autodata"


def api_md(package: str = PACKAGE) -> str:
    """The API reference page (MyST markdown with autodoc directives): one section per module."""
    import importlib

    lines = [f"# API reference: `{package}`", "",
             f"Every public name of the helper package, importable as `hc.NAME` after `import {package} as hc` "
             "and from its module. The text under each name is its docstring.", "",
             "Conventions used throughout: neurons take the values $s_i = \\pm 1$; the local field is "
             "$h_i = \\sum_j W_{ij} s_j$; a neuron becomes $+1$ if $h_i \\ge \\theta_i$ (ties go to $+1$) "
             "and $-1$ otherwise; the energy is $E = -\\tfrac12 \\mathbf s^\\top W \\mathbf s + "
             "\\boldsymbol\\theta^\\top \\mathbf s$; Glauber dynamics at temperature $T$ sets a neuron to $+1$ "
             "with probability", "",
             "$$P(s_i = +1) = \\frac{1}{1 + e^{-2 h_i / T}},$$", "",
             "so that one stored memory is lost at the critical temperature $T_c = 1$.", ""]
    modules = api_modules(package)
    lines += ["| module | what it holds |", "| --- | --- |"]
    lines += [f"| [`{m}`](#api-{m}) | {s} |" for m, s, _ in modules]
    lines.append("")
    for module, summary, names in modules:
        mod = importlib.import_module(f"{package}.{module}")
        lines += [f"(api-{module})=", f"## `{module}`: {summary}", "", "```{eval-rst}",
                  f".. currentmodule:: {package}.{module}", ""]
        for name in names:
            obj = getattr(mod, name)
            kind = _directive(obj)
            # a dataclass's fields are in its signature and docstring; other classes list their methods
            members = kind == "autoclass" and not hasattr(obj, "__dataclass_fields__")
            lines += [f".. {kind}:: {name}", *(["   :members:"] if members else []), ""]
        lines += ["```", ""]
    return "\n".join(lines)


def stage(out_dir: Path, repo: Path = REPO, *, slides: bool = True, api: bool = True) -> list[Chapter]:
    """Write the book's sources into ``out_dir`` (emptied first); return the chapters.

    ``slides``: export every chapter's offline deck into ``_extra/slides`` (copied to the site's
    ``slides/``); ``api``: write the API reference page of the package.
    """
    chapters = find_chapters(repo)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    if slides and chapters:
        if str(REPO) not in sys.path:
            sys.path.insert(0, str(REPO))
        from tools.slides import export_slides

        for ch in chapters:
            export_slides(ch.chapter, out_dir / "_extra" / "slides")
    for ch in chapters:
        stage_notebook(ch.chapter, out_dir / "notebooks" / ch.chapter.name, ch, "chapter", slides)
        if ch.exercises:
            stage_notebook(ch.exercises, out_dir / "exercises" / ch.exercises.name, ch, "exercises")
        if ch.solutions:
            stage_notebook(ch.solutions, out_dir / "solutions" / ch.solutions.name, ch, "solutions")
    (out_dir / "intro.md").write_text(intro_md(chapters), encoding="utf-8")
    if api:
        (out_dir / "api.md").write_text(api_md(), encoding="utf-8")
    (out_dir / "_toc.yml").write_text(toc_yaml(chapters, ("api",) if api else ()), encoding="utf-8")
    stage_bibliography(out_dir, repo)
    config = yaml.safe_load((HERE / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    if (out_dir / "_extra").is_dir():
        sphinx["html_extra_path"] = ["_extra"]
    mathjax = local_mathjax()
    if mathjax is not None:
        shutil.copytree(mathjax, out_dir / "_vendor" / "mathjax")
        sphinx.update(MATHJAX2_SPHINX)
    (out_dir / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return chapters


# Equations render without a network when MathJax 2 is installed locally (the PyPI package
# jupyter-server-mathjax ships it); otherwise Sphinx's default loads MathJax 3 from a CDN.
MATHJAX2_SPHINX = {
    # not "_static": Jupyter Book would add every .js file found there to every page
    "html_static_path": ["_vendor"],
    "mathjax_path": "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full",
    "mathjax2_config": {
        "tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]],
                    "processEscapes": True, "processClass": "tex2jax_process|mathjax_process|math|output_area",
                    "ignoreClass": "tex2jax_ignore|mathjax_ignore"},
        "HTML-CSS": {"availableFonts": [], "preferredFont": None, "webFont": "STIX-Web", "imageFont": None},
        "showMathMenu": False,
        "messageStyle": "none",
    },
}


def local_mathjax() -> Path | None:
    """The folder of a locally installed MathJax 2 (``jupyter_server_mathjax``), or None."""
    try:
        import jupyter_server_mathjax
    except ImportError:
        return None
    static = Path(jupyter_server_mathjax.__file__).parent / "static"
    return static if (static / "MathJax.js").is_file() else None


def build(build_dir: Path, repo: Path = REPO, quiet: bool = False, *, slides: bool = True,
          api: bool = True) -> Path:
    """Stage the sources into ``build_dir/source`` and build ``build_dir/html``; return index.html."""
    build_dir = Path(build_dir).resolve()
    source = build_dir / "source"
    chapters = stage(source, repo, slides=slides, api=api)
    html = build_dir / "html"
    if html.exists():  # a full rebuild: pages of removed chapters must not linger
        shutil.rmtree(html)
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb) if jb.exists() else "jupyter-book", "build", str(source), "--path-output", str(build_dir),
           "--builder", "html", "--all"]
    if quiet:
        cmd.append("-q")
    print(f"building {len(chapters)} chapter(s): {' '.join(cmd)}", flush=True)
    subprocess.run(cmd, check=True)
    built = build_dir / "_build" / "html"
    shutil.move(str(built), str(html))
    shutil.rmtree(build_dir / "_build", ignore_errors=True)
    index = html / "index.html"
    if not index.is_file():
        raise RuntimeError(f"the build wrote no {index}")
    print(f"site: {index}")
    return index


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build-dir", default=str(HERE / "_build"), help="where to build (default: site/_build)")
    parser.add_argument("--toc-only", action="store_true", help="stage the sources and write _toc.yml, no build")
    parser.add_argument("-q", "--quiet", action="store_true", help="less output from Sphinx")
    parser.add_argument("--no-slides", action="store_true", help="do not export the chapters' slide decks")
    args = parser.parse_args(argv)
    if args.toc_only:
        chapters = stage(Path(args.build_dir).resolve() / "source", slides=False)
        print(f"staged {len(chapters)} chapter(s) in {Path(args.build_dir) / 'source'}")
        return 0
    build(Path(args.build_dir), quiet=args.quiet, slides=not args.no_slides)
    return 0


if __name__ == "__main__":
    sys.exit(main())
