"""Build the course site: every chapter with its exercises and solutions, as static HTML.

    .venv/bin/python site/build_site.py            # -> site/_build/html/index.html  (make site)
    .venv/bin/python site/build_site.py --toc-only # only stage the sources and write _toc.yml

Steps:

1. find the chapters ``notebooks/NN_*.ipynb`` (whatever chapters exist, in chapter order) and,
   for each, ``exercises/NN_*.ipynb`` and ``solutions/NN_*.ipynb`` when they exist;
2. copy them into a staging folder (``site/_build/source``) and put a short navigation note
   under each page's title linking the chapter, its exercises and its solutions (the
   repository's notebooks are not changed);
3. write ``intro.md`` (the front page with the list of chapters) and ``_toc.yml``;
4. run Jupyter Book 1 (``execute_notebooks: off``: pages show the committed outputs, so
   figures and matplotlib's HTML animations appear and play without a kernel).
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


def toc_yaml(chapters: list[Chapter]) -> str:
    """``_toc.yml`` (Jupyter Book 1, jb-book): each chapter with its exercises and solutions below it."""
    lines = ["# Written by site/build_site.py from the notebooks present; do not edit.",
             "format: jb-book", "root: intro", "parts:", "  - caption: Chapters", "    chapters:"]
    for ch in chapters:
        lines.append(f"      - file: notebooks/{ch.stem}")
        subs = [(kind, path) for kind, path in (("Exercises", ch.exercises), ("Solutions", ch.solutions)) if path]
        if subs:
            lines.append("        sections:")
            for kind, path in subs:
                lines.append(f"          - file: {path.parent.name}/{ch.stem}")
                lines.append(f"            title: \"{kind} {ch.number}\"")
    return "\n".join(lines) + "\n"


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


def navigation_cell(ch: Chapter, here: str):
    """A markdown cell linking the other pages of the chapter (``here`` is chapter/exercises/solutions)."""
    intro = {
        "chapter": f"**Chapter {ch.number}.** Practise it: ",
        "exercises": f"**Exercises for chapter {ch.number}.** Download this notebook (button above) and run it "
                     "in JupyterLab to fill in the blanks. See also: ",
        "solutions": f"**Solutions for chapter {ch.number}.** Try the exercises first. See also: ",
    }[here]
    links = _links(ch, here)
    text = intro + (links if links else "no exercise notebook yet.")
    cell = nbformat.v4.new_markdown_cell(f"> {text}")
    cell.metadata["tags"] = [NAV_TAG]
    cell.metadata["slideshow"] = {"slide_type": "skip"}
    return cell


def stage_notebook(src: Path, dst: Path, ch: Chapter, here: str) -> None:
    """Copy a notebook, inserting the navigation cell after its title cell."""
    nb = nbformat.read(src, as_version=4)
    nb = copy.deepcopy(nb)
    pos = 0
    if nb.cells and nb.cells[0].cell_type == "markdown" and nb.cells[0].source.lstrip().startswith("# "):
        pos = 1
    nb.cells.insert(pos, navigation_cell(ch, here))
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


def stage(out_dir: Path, repo: Path = REPO) -> list[Chapter]:
    """Write the book's sources into ``out_dir`` (emptied first); return the chapters."""
    chapters = find_chapters(repo)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    for ch in chapters:
        stage_notebook(ch.chapter, out_dir / "notebooks" / ch.chapter.name, ch, "chapter")
        if ch.exercises:
            stage_notebook(ch.exercises, out_dir / "exercises" / ch.exercises.name, ch, "exercises")
        if ch.solutions:
            stage_notebook(ch.solutions, out_dir / "solutions" / ch.solutions.name, ch, "solutions")
    (out_dir / "intro.md").write_text(intro_md(chapters), encoding="utf-8")
    (out_dir / "_toc.yml").write_text(toc_yaml(chapters), encoding="utf-8")
    config = yaml.safe_load((HERE / "_config.yml").read_text(encoding="utf-8"))
    mathjax = local_mathjax()
    if mathjax is not None:
        shutil.copytree(mathjax, out_dir / "_vendor" / "mathjax")
        sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
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


def build(build_dir: Path, repo: Path = REPO, quiet: bool = False) -> Path:
    """Stage the sources into ``build_dir/source`` and build ``build_dir/html``; return index.html."""
    build_dir = Path(build_dir).resolve()
    source = build_dir / "source"
    chapters = stage(source, repo)
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
    args = parser.parse_args(argv)
    if args.toc_only:
        chapters = stage(Path(args.build_dir).resolve() / "source")
        print(f"staged {len(chapters)} chapter(s) in {Path(args.build_dir) / 'source'}")
        return 0
    build(Path(args.build_dir), quiet=args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
