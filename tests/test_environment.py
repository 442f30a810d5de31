"""environment.yml (the conda route) must list the same packages with the same lower bounds as pyproject.toml.

Both files are read with their own libraries (tomllib, PyYAML) and every requirement with `packaging`,
so the comparison is of names and version sets, not of spelling.
"""

import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def _requirements(specs, source):
    """{canonical name: SpecifierSet} of requirement strings; a name listed twice is an error."""
    found = {}
    for spec in specs:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name not in found, f"{source} lists {name} twice"
        found[name] = req.specifier
    return found


def _pyproject(path=ROOT / "pyproject.toml"):
    """(requirements of the package and of every extra, requires-python)."""
    project = tomllib.loads(path.read_text())["project"]
    specs = [*project["dependencies"], *(s for extra in project["optional-dependencies"].values() for s in extra)]
    return _requirements(specs, path.name), SpecifierSet(project["requires-python"])


def _environment(path=ROOT / "environment.yml"):
    """(conda requirements without python and pip, the python bound, the pip section, the channels)."""
    env = yaml.safe_load(path.read_text())
    conda, pip = [], []
    for item in env["dependencies"]:
        if isinstance(item, dict):
            assert set(item) == {"pip"}, f"{path.name}: unexpected section {sorted(item)} in dependencies"
            pip.extend(item["pip"])
        else:
            conda.append(item)
    deps = _requirements(conda, path.name)
    python = deps.pop("python", None)
    has_pip = deps.pop("pip", None) is not None
    assert has_pip or not pip, f"{path.name} has a pip: section but does not list pip"
    return deps, python, pip, env.get("channels")


def _differences(py, env):
    """Human-readable differences between two {name: SpecifierSet} maps (empty when they agree)."""
    out = [f"only in pyproject.toml: {n}{py[n]}" for n in sorted(py.keys() - env.keys())]
    out += [f"only in environment.yml: {n}{env[n]}" for n in sorted(env.keys() - py.keys())]
    out += [f"{n}: pyproject.toml {py[n]} vs environment.yml {env[n]}"
            for n in sorted(py.keys() & env.keys()) if py[n] != env[n]]
    return out


def test_environment_matches_pyproject():
    py, requires_python = _pyproject()
    env, python, pip, channels = _environment()
    assert _differences(py, env) == []
    assert python == requires_python, f"python {python} in environment.yml, requires-python {requires_python}"
    assert pip == ["-e ."], "environment.yml installs the course package itself with pip, editable"
    assert channels == ["conda-forge"]


def test_comparison_detects_a_difference(tmp_path):
    """The comparison can fail: a changed bound, a missing and an extra package, and a changed python are seen."""
    py, requires_python = _pyproject()
    text = (ROOT / "environment.yml").read_text()
    for needle in ("  - numpy>=1.26\n", "  - scipy>=1.11\n", "  - python>=3.11\n"):
        assert needle in text, f"environment.yml no longer has {needle.strip()!r}: update this test"
    changed = tmp_path / "environment.yml"
    changed.write_text(text.replace("  - numpy>=1.26\n", "  - numpy>=1.20\n  - sympy>=1.12\n")
                       .replace("  - scipy>=1.11\n", "").replace("  - python>=3.11\n", "  - python>=3.10\n"))
    env, python, _, _ = _environment(changed)
    assert _differences(py, env) == [
        "only in pyproject.toml: scipy>=1.11",
        "only in environment.yml: sympy>=1.12",
        "numpy: pyproject.toml >=1.26 vs environment.yml >=1.20",
    ]
    assert python != requires_python


def test_requirements_are_compared_as_version_sets():
    """Spelling does not matter (case, '_' or '-', order of the bounds); a listed-twice package is an error."""
    a = _requirements(["Jupyter_Book>=1.0,<2"], "a")
    b = _requirements(["jupyter-book <2, >=1.0"], "b")
    assert _differences(a, b) == []
    with pytest.raises(AssertionError, match="twice lists numpy twice"):
        _requirements(["numpy>=1", "NumPy>=2"], "twice")


def test_openblas_runs_the_kernels_the_makefile_pins():
    """The Makefile sets OPENBLAS_CORETYPE so that NumPy and SciPy round alike on every x86 processor (the
    committed outputs of chapters 07 and 11 depend on it); OpenBLAS must then report that architecture."""
    import os

    from threadpoolctl import threadpool_info

    import numpy  # noqa: F401  (loads OpenBLAS)

    wanted = os.environ.get("OPENBLAS_CORETYPE")
    if not wanted:
        pytest.skip("OPENBLAS_CORETYPE is not set (make sets it on processors with AVX2)")
    found = {info.get("architecture") for info in threadpool_info() if info.get("internal_api") == "openblas"}
    assert found and {a.lower() for a in found} == {wanted.lower()}, f"OpenBLAS runs {found}, not {wanted}"


def test_the_makefile_pins_openblas_on_avx2_processors():
    text = (ROOT / "Makefile").read_text()
    assert "export OPENBLAS_CORETYPE ?= Haswell" in text and "avx2" in text
