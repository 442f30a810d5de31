"""Strip the noise that executing a notebook leaves in it, so that a re-executed notebook's diff shows only
what really changed.

What executing a notebook writes besides its outputs, and what this tool does with it:

* cell metadata ``execution`` (nbclient's four timestamps per cell), ``ExecuteTime`` (JupyterLab's
  execute-time extension) and ``lines_to_next_cell`` (jupytext's spacing hint): removed;
* ``language_info.version`` in the notebook metadata (the interpreter's patch version): removed
  (the rest of ``language_info`` and the ``kernelspec`` stay: JupyterLab and the site use them);
* widget model ids (random UUIDs, new at every execution) in the saved widget state and in the
  widget views of the outputs: renumbered in a fixed order (the order in which the outputs, then the
  models, refer to them), so that the same widgets get the same ids at every execution. The widget
  state itself stays: the course site shows the demos' first figures from it. ``--drop-widget-state``
  removes it instead.

Run from the repository root, after executing notebooks (``make outputs`` does)::

    python -m tools.clean_notebooks notebooks solutions          # clean in place
    python -m tools.clean_notebooks --check notebooks solutions  # exit 1 if a notebook needs cleaning

Without paths it cleans ``notebooks/``, ``solutions/`` and ``exercises/``. A file is rewritten only when its
content changes (with nbformat's own layout, as ``jupyter nbconvert`` writes it).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import sys
from pathlib import Path

import nbformat

CELL_NOISE = ("execution", "ExecuteTime", "lines_to_next_cell")
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_REF = re.compile(r"^IPY_MODEL_(.+)$")
DEFAULT_FOLDERS = ("notebooks", "solutions", "exercises")


# ------------------------------------------------------------------------------------------- widget ids
def _outputs(nb):
    for cell in nb.get("cells", []):
        yield from cell.get("outputs", []) or []


def _ids_in(value, found):
    """Append to `found` the model ids that `value` refers to, in a fixed order (dict keys sorted)."""
    if isinstance(value, str):
        match = _REF.match(value)
        if match:
            found.append(match.group(1))
    elif isinstance(value, dict):
        for key in sorted(value):
            item = value[key]
            if key == WIDGET_VIEW and isinstance(item, dict) and isinstance(item.get("model_id"), str):
                found.append(item["model_id"])  # a widget view inside an Output widget's outputs
            else:
                _ids_in(item, found)
    elif isinstance(value, list):
        for item in value:
            _ids_in(item, found)
    return found


def _widget_states(nb):
    """The saved widget models {model id: model} (empty when the notebook saved none)."""
    state = nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {})
    return state.get("state", {}) if isinstance(state, dict) else {}


def _id_order(nb, salt=""):
    """Every widget model id of the notebook in a fixed order that does not depend on the ids' values.

    First the ids reached from the outputs, cell by cell, depth first through the models' references; then
    the models nothing displayed refers to (links, closed widgets), smallest description first, each with
    what it refers to. Two executions that build the same widgets give the same order.
    """
    models = _widget_states(nb)
    order, seen = [], set()
    # ties between identical unreferenced models: by their place if already canonical (keeps `clean` idempotent)
    place = {_canonical(salt, i): i for i in range(len(models))}

    def visit(model_id):
        stack = [model_id]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            order.append(current)
            stack.extend(reversed(_ids_in(models.get(current, {}), [])))

    for output in _outputs(nb):
        for model_id in _ids_in(output.get("data", {}), []):
            visit(model_id)
    while len(seen) < len(models):
        known = {old: i for i, old in enumerate(order)}
        left = [m for m in models if m not in seen]
        visit(min(left, key=lambda m: (_describe(models[m], known), place.get(m, -1), m)))
    return order


def _describe(model, known):
    """A model's JSON with the ids it refers to replaced by their place in `known` ('?' when not placed yet)."""
    return json.dumps(_rename(model, {old: f"#{i}" for old, i in known.items()}, unknown="?"), sort_keys=True)


def _canonical(salt, index):
    return hashlib.sha256(f"{salt}:{index}".encode()).hexdigest()[:32]


def canonical_ids(nb, salt=""):
    """{old id: new id}: the n-th id of `_id_order` becomes the first 32 hex digits of sha256(salt:n)."""
    return {old: _canonical(salt, i) for i, old in enumerate(_id_order(nb, salt))}


def _rename(value, mapping, unknown=None):
    """`value` with every model id it refers to replaced by mapping[id] (by `unknown` if given and not mapped)."""
    def new(old):
        return mapping.get(old, old if unknown is None else unknown)

    if isinstance(value, str):
        match = _REF.match(value)
        return f"IPY_MODEL_{new(match.group(1))}" if match else value
    if isinstance(value, dict):
        out = {k: _rename(v, mapping, unknown) for k, v in value.items()}
        view = out.get(WIDGET_VIEW)
        if isinstance(view, dict) and isinstance(view.get("model_id"), str):
            out[WIDGET_VIEW] = {**view, "model_id": new(view["model_id"])}
        return out
    if isinstance(value, list):
        return [_rename(v, mapping, unknown) for v in value]
    return value


# ------------------------------------------------------------------------------------------- cleaning
def clean(nb, *, salt="", drop_widget_state=False):
    """A copy of notebook `nb` (an nbformat node or a plain dict) without the execution noise (module docstring).

    `salt` (the notebook's file name when called from the command line) makes the widget ids of different
    notebooks different.
    """
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise TypeError(f"nb: expected a notebook (a dict with a list of 'cells'), got {type(nb).__name__}")
    out = copy.deepcopy(nb)
    for cell in out["cells"]:
        meta = cell.get("metadata", {})
        for key in CELL_NOISE:
            meta.pop(key, None)
    meta = out.setdefault("metadata", {})
    if isinstance(meta.get("language_info"), dict):
        meta["language_info"].pop("version", None)
    if drop_widget_state:
        meta.pop("widgets", None)
    mapping = canonical_ids(out, salt=salt)
    if mapping:
        for cell in out["cells"]:
            if "outputs" in cell:
                cell["outputs"] = _rename(cell["outputs"], mapping)
        state = meta.get("widgets", {}).get(WIDGET_STATE)
        if isinstance(state, dict) and isinstance(state.get("state"), dict):
            state["state"] = {mapping.get(k, k): _rename(v, mapping) for k, v in state["state"].items()}
    return nbformat.from_dict(out) if isinstance(nb, nbformat.NotebookNode) else out


def noise(nb, *, salt=""):
    """What `clean` would remove or renumber in `nb`, one line per kind (empty when `nb` is clean)."""
    found = []
    for key in CELL_NOISE:
        cells = [i for i, c in enumerate(nb.get("cells", [])) if key in c.get("metadata", {})]
        if cells:
            found.append(f"cell metadata {key!r} in {len(cells)} cell(s), first cell {cells[0]}")
    if "version" in nb.get("metadata", {}).get("language_info", {}):
        found.append("metadata language_info.version")
    mapping = canonical_ids(nb, salt=salt)
    renamed = sum(old != new for old, new in mapping.items())
    if renamed:
        found.append(f"{renamed} widget model id(s) not in canonical order")
    return found


def notebook_paths(paths):
    """The .ipynb files named by `paths` (files, or folders whose *.ipynb are taken), sorted."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(p for p in path.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        elif path.suffix == ".ipynb" and path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"paths: expected notebooks or folders of notebooks, got {str(path)!r}")
    return sorted(set(files))


def clean_file(path, *, check=False, drop_widget_state=False):
    """Clean one notebook file in place (unless `check`); True when it was (or would be) changed."""
    path = Path(path)
    nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    cleaned = clean(nb, salt=path.name, drop_widget_state=drop_widget_state)
    if cleaned == nb:
        return False
    if not check:
        nbformat.write(cleaned, path)
    return True


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tools.clean_notebooks", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help=f"notebooks or folders (default: {' '.join(DEFAULT_FOLDERS)})")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a notebook needs cleaning")
    parser.add_argument("--drop-widget-state", action="store_true", help="remove the saved widget state too")
    args = parser.parse_args(argv)
    paths = args.paths or [d for d in DEFAULT_FOLDERS if Path(d).is_dir()]
    changed = [p for p in notebook_paths(paths)
               if clean_file(p, check=args.check, drop_widget_state=args.drop_widget_state)]
    verb = "needs cleaning" if args.check else "cleaned"
    for path in changed:
        print(f"{verb}: {path}")
    if args.check and changed:
        print(f"{len(changed)} notebook(s) carry execution metadata: run `python -m tools.clean_notebooks`")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
