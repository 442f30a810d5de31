"""environment.yml (the conda route) must list the same packages with the same lower bounds as pyproject.toml."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _normalise(spec: str) -> tuple[str, str]:
    spec = spec.strip().replace(" ", "")
    name = re.match(r"[A-Za-z0-9_.\-]+", spec).group(0)
    return name.lower().replace("_", "-"), spec[len(name):]


def _pyproject():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    project = data["project"]
    specs = list(project["dependencies"]) + [s for extra in project["optional-dependencies"].values() for s in extra]
    return dict(_normalise(s) for s in specs), project["requires-python"]


def _environment(path=ROOT / "environment.yml"):
    deps, pip_deps, python = {}, [], None
    in_pip = in_deps = False
    for line in path.read_text().splitlines():
        stripped = line.split("#")[0].rstrip()
        if not stripped.strip():
            continue
        if not line.startswith(" "):
            in_deps = stripped == "dependencies:"
            continue
        if not in_deps:
            continue
        item = re.match(r"^(\s*)- (.*)$", stripped)
        if not item:
            in_pip = stripped.strip() == "- pip:" or (in_pip and stripped.startswith("      "))
            continue
        indent, value = len(item.group(1)), item.group(2).strip()
        if value == "pip:":
            in_pip = True
            continue
        if in_pip and indent > 2:
            pip_deps.append(value)
            continue
        in_pip = False
        if value.startswith("python"):
            python = value[len("python"):]
        elif value != "pip":
            name, bound = _normalise(value)
            deps[name] = bound
    return deps, pip_deps, python


def test_environment_matches_pyproject():
    py, requires_python = _pyproject()
    env, pip_deps, python = _environment()
    assert env == py, f"environment.yml and pyproject.toml disagree: only in pyproject {set(py.items()) - set(env.items())}, only in environment.yml {set(env.items()) - set(py.items())}"
    assert python == requires_python
    assert pip_deps == ["-e ."]


def test_environment_parser_detects_a_difference(tmp_path):
    """The comparison can fail: a changed bound and a missing package are both seen."""
    py, _ = _pyproject()
    text = (ROOT / "environment.yml").read_text()
    changed = tmp_path / "environment.yml"
    changed.write_text(text.replace("numpy>=1.26", "numpy>=1.20").replace("  - scipy>=1.11\n", ""))
    env, pip_deps, _ = _environment(changed)
    assert env["numpy"] == ">=1.20" and "scipy" not in env and env != py
    assert pip_deps == ["-e ."]
