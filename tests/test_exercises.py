"""Every exercise notebook, unsolved, runs to the end, each of its checks answers "not done yet", and no cell that
waits for an unfinished exercise shows an empty or half-drawn figure."""

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = sorted((ROOT / "exercises").glob("[0-9][0-9]_*.ipynb"))
CHECK_CALL = re.compile(r"^\s*(?:\w+\.)*check_\w+\(", re.M)


def _text(output):
    if output.get("output_type") == "stream":
        return output.get("text", "")
    data = output.get("data", {})
    return data.get("text/plain", "")


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_unsolved_exercise_runs_and_checks_say_not_done(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "exercises")}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{path.name}: {errors[0].ename}: {errors[0].evalue}"
    check_cells = [c for c in nb.cells if c.cell_type == "code" and CHECK_CALL.search(c.source)]
    assert check_cells, f"{path.name} has no check cell"
    for cell in check_cells:
        text = "".join(_text(o) for o in cell.outputs)
        assert "not done yet" in text, f"{path.name}: a check did not say 'not done yet':\n{cell.source}\n-> {text!r}"
        assert "✓" not in text
    for cell in nb.cells:
        if cell.cell_type != "code" or "not done yet" not in "".join(_text(o) for o in cell.outputs):
            continue
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert not images, f"{path.name}: a cell waiting for an exercise shows a figure:\n{cell.source}"
        assert "Traceback" not in "".join(_text(o) for o in cell.outputs)


SOLUTIONS = sorted((ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
SOLVED_CALL = re.compile(r"^(check_\w+)\((\w+)\)", re.M)
# Correct styles that are too slow for the next cells' sizes (a fixed-point iteration over a 4000-point grid,
# triple Python loops over 500 neurons): the check accepts them, the demo cell would take minutes.
SLOW_STYLES = {"check_rs_overlap", "check_crosstalk", "check_storkey"}


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_accepted_answers_never_break_the_next_cells(path):
    """Each solved function is replaced, right after its check, by another correct style from the mistake
    catalogue (loops, lists): the check must accept it and every later cell must still run."""
    from tests.mistakes.catalogue import ENTRIES

    styles = {}
    for entry in ENTRIES:
        if entry.fragment is None and not entry.value:
            styles.setdefault(entry.check, []).append(entry.answer.__name__)
    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        cells.append(cell)
        if cell.cell_type != "code":
            continue
        for check, name in SOLVED_CALL.findall(cell.source):
            if check in styles and check not in SLOW_STYLES:
                alt = styles[check][-1]
                cells.append(nbformat.v4.new_code_cell(
                    f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
                    f"from tests.mistakes.catalogue import {alt} as {name}\n"
                    f"print('STYLE', {alt!r}, bool({check}({name})))"))
    nb.cells = cells
    NotebookClient(nb, timeout=600, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(ROOT / "solutions")}}).execute()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{path.name}: {errors[0].ename}: {errors[0].evalue}\nin\n{cell.source}"
        text = "".join(_text(o) for o in cell.outputs)
        assert "⚠" not in text, f"{path.name}: {text}"
        if "STYLE" in text:
            assert "True" in text, f"{path.name}: a correct style was rejected: {text}"
