"""Generate the student notebooks in ``exercises/`` from ``solutions/``.

``solutions/NN_*.ipynb`` is the single source of every exercise notebook. Inside it:

* In a code cell, the lines from ``# BEGIN SOLUTION <label>`` to ``# END SOLUTION`` are the
  answer. In the exercise they become ``raise NotImplementedError("<label>")`` at the
  same indentation. Lines of the form ``# BLANK <code>`` inside the region are put in
  the exercise instead of the ``raise`` (for answers that are values, e.g.
  ``# BLANK my_state = None``).
* In a markdown cell, text between ``<!-- BEGIN SOLUTION -->`` and ``<!-- END SOLUTION -->``
  becomes ``*Write your answer here.*``.
* A cell tagged ``solution-only`` is left out of the exercise.
* Outputs and execution counts are cleared.

Run ``python -m tools.authoring`` from the repository root (``make exercises``)
after editing a solution notebook; ``--check`` exits non-zero when ``exercises/`` is stale.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

BEGIN = re.compile(r"^(?P<indent>[ \t]*)# BEGIN SOLUTION\b ?(?P<label>.*)$")
END = re.compile(r"^[ \t]*# END SOLUTION\b")
BLANK = re.compile(r"^(?P<indent>[ \t]*)# BLANK (?P<code>.*)$")
MD_REGION = re.compile(r"<!-- BEGIN SOLUTION -->.*?<!-- END SOLUTION -->", re.S)
MD_ANSWER = "*Write your answer here.*"


class AuthoringError(ValueError):
    """A solution notebook's markers are malformed."""


def blank_code(source: str, where: str = "cell") -> str:
    """Replace each marked solution region of a code cell's source."""
    out: list[str] = []
    lines = source.split("\n")
    i = 0
    while i < len(lines):
        m = BEGIN.match(lines[i])
        if not m:
            if END.match(lines[i]):
                raise AuthoringError(f"{where}: '# END SOLUTION' without a matching BEGIN")
            out.append(lines[i])
            i += 1
            continue
        indent, label = m.group("indent"), m.group("label").strip() or "this exercise"
        blanks: list[str] = []
        i += 1
        while i < len(lines) and not END.match(lines[i]):
            if BEGIN.match(lines[i]):
                raise AuthoringError(f"{where}: nested '# BEGIN SOLUTION'")
            b = BLANK.match(lines[i])
            if b:
                blanks.append(b.group("indent") + b.group("code"))
            i += 1
        if i == len(lines):
            raise AuthoringError(f"{where}: '# BEGIN SOLUTION {label}' has no '# END SOLUTION'")
        i += 1  # skip END
        if blanks:
            out.extend(blanks)
        else:
            out.append(f"{indent}# YOUR CODE HERE ({label})")
            out.append(f'{indent}raise NotImplementedError("{label}")')
    return "\n".join(out)


def exercise_from_solution(nb: nbformat.NotebookNode, where: str = "notebook") -> nbformat.NotebookNode:
    """Return the exercise notebook made from a solution notebook (the input is not modified)."""
    ex = copy.deepcopy(nb)
    cells = []
    for k, cell in enumerate(ex.cells):
        if "solution-only" in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.source = blank_code(cell.source, f"{where}, cell {k}")
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown":
            if "<!-- BEGIN SOLUTION -->" in cell.source and not MD_REGION.search(cell.source):
                raise AuthoringError(f"{where}, cell {k}: markdown BEGIN SOLUTION without END")
            cell.source = MD_REGION.sub(MD_ANSWER, cell.source)
        cells.append(cell)
    ex.cells = cells
    ex.metadata.pop("widgets", None)
    return ex


def render(nb: nbformat.NotebookNode) -> str:
    """The exact text written for a notebook (stable, so regeneration is byte-identical)."""
    return nbformat.writes(nb, version=4) + "\n"


def generate(root: Path, check: bool = False) -> list[str]:
    """Write (or, with ``check``, compare) every exercise notebook. Returns the stale names."""
    stale = []
    sol_dir, ex_dir = root / "solutions", root / "exercises"
    ex_dir.mkdir(exist_ok=True)
    for path in sorted(sol_dir.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        text = render(exercise_from_solution(nb, path.name))
        target = ex_dir / path.name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(path.name)
            if not check:
                target.write_text(text, encoding="utf-8")
    expected = {p.name for p in sol_dir.glob("[0-9][0-9]_*.ipynb")}
    for extra in sorted(p.name for p in ex_dir.glob("*.ipynb") if p.name not in expected):
        stale.append(extra + " (no solution notebook)")
    return stale


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="repository root (default: current folder)")
    parser.add_argument("--check", action="store_true", help="only report stale exercise notebooks")
    args = parser.parse_args(argv)
    stale = generate(Path(args.root), check=args.check)
    if args.check and stale:
        print("exercises/ is out of date with solutions/:", ", ".join(stale))
        print("run: make exercises")
        return 1
    print("exercises/: " + ("up to date" if not stale else "wrote " + ", ".join(stale)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
