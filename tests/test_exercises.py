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
