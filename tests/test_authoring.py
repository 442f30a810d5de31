"""exercises/ is generated from solutions/: the generator's rules, and that the committed exercises are current."""

from pathlib import Path

import nbformat
import pytest

from tools import authoring

ROOT = Path(__file__).resolve().parents[1]


def test_blank_code_replaces_regions_keeping_indentation():
    src = "def f(x):\n    # BEGIN SOLUTION exercise 9: f\n    y = x + 1\n    return y\n    # END SOLUTION\n\nf(1)"
    out = authoring.blank_code(src)
    assert "y = x + 1" not in out
    assert '    raise NotImplementedError("exercise 9: f")' in out and out.endswith("f(1)")


def test_blank_lines_replace_value_answers():
    src = "# BEGIN SOLUTION ex\n# BLANK answer = None\nanswer = 42\n# END SOLUTION\nprint(answer)"
    assert authoring.blank_code(src) == "answer = None\nprint(answer)"


@pytest.mark.parametrize("src, match", [
    ("# BEGIN SOLUTION\nx = 1\n", "no '# END SOLUTION'"),
    ("x = 1\n# END SOLUTION", "without a matching BEGIN"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "nested"),
])
def test_malformed_markers_are_errors(src, match):
    with pytest.raises(authoring.AuthoringError, match=match):
        authoring.blank_code(src)


def test_markdown_answers_and_solution_only_cells():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("Q?\n<!-- BEGIN SOLUTION -->\nsecret\n<!-- END SOLUTION -->"),
        nbformat.v4.new_code_cell("print('hidden')", metadata={"tags": ["solution-only"]}),
        nbformat.v4.new_code_cell("1 + 1", outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "2"})],
                                  execution_count=3),
    ]
    ex = authoring.exercise_from_solution(nb)
    assert len(ex.cells) == 2 and "secret" not in ex.cells[0].source and authoring.MD_ANSWER in ex.cells[0].source
    assert ex.cells[1].outputs == [] and ex.cells[1].execution_count is None
    assert nb.cells[2].outputs  # the source is untouched


def test_every_solution_has_an_exercise_and_they_are_current():
    solutions = sorted(p.name for p in (ROOT / "solutions").glob("[0-9][0-9]_*.ipynb"))
    assert solutions, "no solution notebooks found"
    stale = authoring.generate(ROOT, check=True)
    assert stale == [], f"exercises/ differs from what the generator makes: {stale}; run `make exercises`"


def test_exercises_hide_every_solution():
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        text = path.read_text()
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text, path.name
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), f"{path.name} carries outputs"
        if any("# BEGIN SOLUTION" in c.source for c in nbformat.read(ROOT / "solutions" / path.name, 4).cells
               if c.cell_type == "code"):
            assert "NotImplementedError" in text or "None" in text, path.name
