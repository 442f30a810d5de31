"""tools/clean_notebooks.py: execution noise is stripped, widget ids are renumbered the same way at every
execution, and everything else in the notebook is kept."""

import json
import random
import uuid

import nbformat
import pytest

from tools import clean_notebooks as cn

VIEW, STATE = cn.WIDGET_VIEW, cn.WIDGET_STATE


def _model(name, **state):
    return {"model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0", "model_name": name,
            "state": {"_model_name": name, **state}}


def _executed_notebook(rng_seed, *, reverse=False):
    """A notebook as an execution leaves it: timestamps, interpreter version, widgets with fresh random ids.

    The widgets: a VBox (shown in cell 1) holding a slider and an Output widget whose output shows a nested
    button; a jslink between the slider and a second slider that nothing displays; each with a layout.
    Two calls with different `rng_seed` build the same widgets under different ids.
    """
    gen = random.Random(rng_seed)
    ids = {k: uuid.UUID(int=gen.getrandbits(128)).hex for k in
           ("box", "slider", "out", "button", "link", "slider2", "lay1", "lay2", "lay3", "lay4", "lay5")}
    ref = {k: f"IPY_MODEL_{v}" for k, v in ids.items()}
    models = {
        ids["box"]: _model("VBoxModel", children=[ref["slider"], ref["out"]], layout=ref["lay1"]),
        ids["slider"]: _model("IntSliderModel", value=3, layout=ref["lay2"]),
        ids["out"]: _model("OutputModel", layout=ref["lay3"], outputs=[
            {"output_type": "display_data", "metadata": {},
             "data": {"text/plain": "Button()", VIEW: {"model_id": ids["button"], "version_major": 2}}}]),
        ids["button"]: _model("ButtonModel", description="go", layout=ref["lay4"]),
        ids["link"]: _model("LinkModel", source=[ref["slider"], "value"], target=[ref["slider2"], "value"]),
        ids["slider2"]: _model("IntSliderModel", value=3, layout=ref["lay5"]),
        **{ids[k]: _model("LayoutModel") for k in ("lay1", "lay2", "lay3", "lay4", "lay5")},
    }
    if reverse:
        models = dict(reversed(models.items()))
    stamp = {"iopub.execute_input": f"2026-11-23T19:{rng_seed % 60:02d}:05.1Z", "shell.execute_reply": "x"}
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
        "language_info": {"name": "python", "version": f"3.11.{rng_seed % 9}", "pygments_lexer": "ipython3"},
        "widgets": {STATE: {"state": models, "version_major": 2, "version_minor": 0}},
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title", metadata={"slideshow": {"slide_type": "slide"}}),
        nbformat.v4.new_code_cell("demo()", execution_count=1, metadata={
            "execution": stamp, "ExecuteTime": {"end_time": "t"}, "lines_to_next_cell": 2, "tags": ["keep"]},
            outputs=[nbformat.v4.new_output("display_data", {
                "text/plain": "VBox(...)", VIEW: {"model_id": ids["box"], "version_major": 2, "version_minor": 0}})]),
        nbformat.v4.new_code_cell("1 + 1", execution_count=2, metadata={"execution": stamp},
                                  outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "2"},
                                                                  execution_count=2)]),
    ]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    return nb


def _references(nb):
    return cn._ids_in([c.get("outputs", []) for c in nb.cells], []) + cn._ids_in(cn._widget_states(nb), [])


def test_two_executions_clean_to_the_same_notebook():
    a, b = _executed_notebook(1), _executed_notebook(2, reverse=True)
    assert nbformat.writes(a) != nbformat.writes(b)
    assert nbformat.writes(cn.clean(a, salt="x.ipynb")) == nbformat.writes(cn.clean(b, salt="x.ipynb"))


def test_clean_strips_noise_and_keeps_everything_else():
    nb = _executed_notebook(3)
    out = cn.clean(nb, salt="x.ipynb")
    code = out.cells[1]
    assert code.metadata == {"tags": ["keep"]} and out.cells[2].metadata == {}
    assert out.cells[0].metadata == {"slideshow": {"slide_type": "slide"}}
    assert out.metadata.kernelspec == nb.metadata.kernelspec
    assert out.metadata.language_info == {"name": "python", "pygments_lexer": "ipython3"}
    assert [c.source for c in out.cells] == [c.source for c in nb.cells]
    assert out.cells[2].outputs == nb.cells[2].outputs and code.execution_count == 1
    # the widget graph is the same graph under new names
    old_state, new_state = cn._widget_states(nb), cn._widget_states(out)
    assert len(new_state) == len(old_state) == 11
    refs = _references(out)
    assert set(refs) <= set(new_state) and not set(refs) & set(old_state)
    names = {k: v["model_name"] for k, v in new_state.items()}
    box = code.outputs[0]["data"][VIEW]["model_id"]
    assert names[box] == "VBoxModel"
    slider, output = (r.removeprefix("IPY_MODEL_") for r in new_state[box]["state"]["children"])
    assert (names[slider], names[output]) == ("IntSliderModel", "OutputModel")
    nested = new_state[output]["state"]["outputs"][0]["data"][VIEW]["model_id"]
    assert names[nested] == "ButtonModel"
    assert nb.cells[1].metadata["execution"], "the input notebook is not changed"


def test_clean_is_idempotent_and_noise_lists_what_it_removes():
    nb = _executed_notebook(4)
    found = cn.noise(nb, salt="x.ipynb")
    assert [line.split(" in ")[0] for line in found] == [
        "cell metadata 'execution'", "cell metadata 'ExecuteTime'", "cell metadata 'lines_to_next_cell'",
        "metadata language_info.version", "11 widget model id(s) not", ]
    once = cn.clean(nb, salt="x.ipynb")
    assert cn.noise(once, salt="x.ipynb") == []
    assert cn.clean(once, salt="x.ipynb") == once
    assert cn.noise(once, salt="other.ipynb") != [], "the salt (file name) is part of the ids"


def test_drop_widget_state_and_input_errors():
    out = cn.clean(_executed_notebook(5), drop_widget_state=True)
    assert "widgets" not in out.metadata
    with pytest.raises(TypeError, match="nb: expected a notebook"):
        cn.clean("notebook.ipynb")
    with pytest.raises(FileNotFoundError, match="paths: expected notebooks"):
        cn.notebook_paths(["no/such/folder"])


def test_command_line_checks_cleans_and_rewrites_only_when_needed(tmp_path, capsys):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    path = folder / "01_x.ipynb"
    nbformat.write(_executed_notebook(6), path)
    dirty = path.read_bytes()
    assert cn.main(["--check", str(folder)]) == 1 and path.read_bytes() == dirty
    assert "needs cleaning" in capsys.readouterr().out
    assert cn.main([str(folder)]) == 0
    clean = json.loads(path.read_text())
    assert "execution" not in clean["cells"][1]["metadata"]
    assert cn.main(["--check", str(path)]) == 0
    before = path.stat().st_mtime_ns
    assert cn.main([str(folder)]) == 0 and path.stat().st_mtime_ns == before, "a clean file is not rewritten"
