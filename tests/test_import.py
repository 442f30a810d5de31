"""The package namespace: `import hopfield_course` is lazy, every public name resolves, no import circles."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import hopfield_course as hc

PACKAGE = Path(hc.__file__).resolve().parent
# Loaded only when a name that needs them is first used (each costs 0.1 s to seconds to import).
HEAVY = ("numba", "llvmlite", "scipy", "matplotlib", "ipywidgets", "IPython", "sklearn")

_PROBE = """
import json, sys, time
t0 = time.perf_counter()
import hopfield_course
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "loaded": sorted(m for m in sys.modules if m.split(".")[0] in %r)}))
"""


def _import_in_fresh_interpreter(code=_PROBE % (HEAVY,)):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_loads_no_heavy_dependency():
    """Deterministic check of laziness: after `import hopfield_course` none of HEAVY is in sys.modules."""
    probe = _import_in_fresh_interpreter()
    assert probe["loaded"] == [], f"`import hopfield_course` loads {probe['loaded']}: import them lazily"


def test_import_is_fast():
    """A generous bound (a lazy import takes milliseconds; an eager one took 1.5-3.6 s)."""
    seconds = min(_import_in_fresh_interpreter()["seconds"] for _ in range(2))
    assert seconds < 1.0, f"`import hopfield_course` took {seconds:.2f} s"


def test_probe_sees_a_heavy_import():
    """The probe can fail: a module that imports scipy is seen."""
    probe = _import_in_fresh_interpreter(_PROBE.replace("import hopfield_course", "import scipy") % (HEAVY,))
    assert "scipy" in probe["loaded"]


def test_every_public_name_and_submodule_resolves():
    missing = [name for name in hc._API if not hasattr(hc, name)]
    assert missing == [], f"names in hopfield_course._API that do not resolve: {missing}"
    for name in hc._SUBMODULES:
        assert getattr(hc, name).__name__ == f"hopfield_course.{name}"
    assert hc.__all__ == sorted(hc._API) + sorted(hc._SUBMODULES)
    assert not set(hc._API) & set(hc._SUBMODULES)


def _module_name(path, root=PACKAGE):
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path, modules, root=PACKAGE):
    """Modules of the package (among `modules`) that `path` imports when it is itself imported (not inside
    functions)."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()

    def visit(nodes):
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("hopfield_course"))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = ".".join(base[: len(base) - node.level + 1])
                    target = f"{base}.{node.module}" if node.module else base
                else:
                    target = node.module or ""
                if target.startswith("hopfield_course"):
                    # `from .pkg import mod` imports the submodule mod; `from .pkg import name` the package pkg
                    found.update(f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target
                                 for a in node.names)
            for field in ("body", "orelse", "finalbody", "handlers"):
                if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                    visit(getattr(node, field, []) or [])
            if isinstance(node, ast.ClassDef):
                visit(node.body)

    visit(ast.parse(path.read_text()).body)
    return found


def _import_graph(root=PACKAGE):
    modules = {_module_name(p, root): p for p in root.rglob("*.py")}
    return {name: sorted(_top_level_imports(path, modules, root) & (modules.keys() - {name}))
            for name, path in modules.items()}


def _cycles(graph):
    """Every elementary cycle's nodes found by depth-first search (each cycle reported once, as a sorted tuple)."""
    cycles, state = set(), {}

    def dfs(node, stack):
        state[node] = "open"
        stack.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == "open":
                cycles.add(tuple(sorted(stack[stack.index(nxt):])))
            elif nxt not in state:
                dfs(nxt, stack)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            dfs(node, [])
    return sorted(cycles)


def test_no_import_circle():
    """No module imports (at import time) a module that imports it back, directly or through others.

    A package __init__ importing its own submodules is not a circle unless a submodule imports the package.
    """
    graph = _import_graph()
    assert _cycles(graph) == [], f"import circles: {_cycles(graph)}"


def test_cycle_finder_finds_a_circle(tmp_path):
    pkg = tmp_path / "hopfield_course"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .b import f\n")
    (pkg / "b.py").write_text("def f():\n    from . import c\nfrom hopfield_course import c\n")
    (pkg / "c.py").write_text("import hopfield_course.a\n")
    (pkg / "d.py").write_text("def g():\n    from .a import x\n")  # inside a function: not at import time
    sub = pkg / "sub"
    sub.mkdir()
    (sub / "__init__.py").write_text("from .e import y\n")
    (sub / "e.py").write_text("from . import f\ny = 1\n")  # the submodule f, not the package: no circle
    (sub / "f.py").write_text("")
    graph = _import_graph(pkg)
    assert graph["hopfield_course.d"] == [] and graph["hopfield_course.sub.e"] == ["hopfield_course.sub.f"]
    assert _cycles(graph) == [("hopfield_course.a", "hopfield_course.b", "hopfield_course.c")]
