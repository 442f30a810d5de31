"""The chapters' live demos, driven in a real browser (JupyterLab 4 in headless Chromium).

Lecturers present the chapters in JupyterLab and move sliders in front of a class; this suite
checks exactly that route. One JupyterLab server (on 127.0.0.1, with a random token, in a
temporary copy of ``notebooks/`` so that nothing in the repository is rewritten) and one
Chromium serve the whole session. For every chapter notebook ``notebooks/NN_*.ipynb`` found
at collection time the test

1. checks that the notebook names its kernel (else JupyterLab may ask the lecturer to pick one),
   opens it in a fresh JupyterLab workspace, clears all outputs and runs all cells;
2. checks that every cell ran and none raised (the notebook is saved by JupyterLab and read
   back with nbformat, so errors are read from the model, not guessed from the page);
3. checks that no widget shows "Error displaying widget";
4. for every live demo (a container with the CSS class ``hc-demo``) moves one of its sliders
   with the keyboard (so the keyboard route works too) and checks that the demo's figure
   changes, that no error appears in it and that it does not pile up figures;
5. steps every other slider of the demo once and times it too (a slider whose step leaves the
   picture unchanged is recorded as null, not failed);
6. saves a screenshot of the page and of each demo under ``test-artifacts/browser/``, and the
   measured times from a slider key press to the new figure in ``slider_latency.json`` there
   (``NN_name``: the first slider of each demo; ``every-slider:NN_name``: each slider by label).

The server serves a copy of the course root (``notebooks/``, ``exercises/``, ``solutions/``), as
``make lab`` does. Three more tests: chapter ``HC_RISE_CHAPTER`` (default 05) opened as a RISE
slideshow like ``make present`` (one slide visible, Space moves on, its demo run on its slide, a
slider dragged and the figure redrawn, figure text >= 16 px on the 1280 x 720 slide); the chapter's
exported deck opened from disk with every non-file request blocked (reveal.js lays it out as
slides, figures at their size, equations typeset); and chapter 01's link to its exercise notebook
clicked in JupyterLab.

Chromium is Debian's ``chromium`` package (no browser download: ``.ci/run`` installs it).
Without a Chromium, or without the ``playwright`` package, the tests skip with the reason.

Environment variables (all optional):
``HC_CHROMIUM`` path of the Chromium executable; ``HC_BROWSER_NOTEBOOKS`` folder whose
``NN_*.ipynb`` are tested instead of ``notebooks/``; ``HC_BROWSER_TIMEOUT`` seconds allowed for
running one notebook (default 180); ``HC_TEST_ARTIFACTS`` folder for the screenshots.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = Path(os.environ.get("HC_BROWSER_NOTEBOOKS", REPO / "notebooks")).resolve()
CHAPTERS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
ARTIFACTS = Path(os.environ.get("HC_TEST_ARTIFACTS", REPO / "test-artifacts")) / "browser"
RUN_TIMEOUT = float(os.environ.get("HC_BROWSER_TIMEOUT", "180"))
JUPYTER_DATA = REPO / "tools" / "jupyter"  # labextensions/ (the RISE widgets shim) and nbconvert/templates/
SLIDER_TIMEOUT = 20.0  # seconds for a demo's figure to answer one slider step
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# JupyterLab user settings for the test server: every cell stays in the page (no windowing,
# so that all outputs can be inspected), no news or update checks (the machines are offline).
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


# ----------------------------------------------------------------------------- helpers
def find_chromium() -> str | None:
    """Path of a Chromium executable, or None."""
    env = os.environ.get("HC_CHROMIUM")
    if env:
        return env if os.access(env, os.X_OK) else None
    for cand in CHROMIUM_CANDIDATES:
        if os.access(cand, os.X_OK):
            return cand
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A running JupyterLab server serving ``root``."""

    def __init__(self, root: Path, workdir: Path, extra_env: dict | None = None):
        self.root = root
        self.token = secrets.token_hex(16)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = workdir / "settings"
        for rel, value in LAB_SETTINGS.items():
            path = settings / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        (workdir / "workspaces").mkdir(exist_ok=True)
        self.log_path = workdir / "jupyterlab.log"
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(workdir / "config"), PYTHONUNBUFFERED="1")
        # the course's lab extension that lets ipywidgets render in RISE (as `make lab` and `make present`)
        env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(JUPYTER_DATA), os.environ.get("JUPYTER_PATH")]))
        env.update(extra_env or {})
        env.pop("JUPYTER_TOKEN", None)
        cmd = [
            sys.executable, "-m", "jupyter", "lab",
            "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={workdir / 'workspaces'}",
            "--LabApp.news_url=",
        ]
        self._log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + 90
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.proc.returncode}:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"JupyterLab did not answer within 90 s:\n{self.log_tail()}") from None
                time.sleep(0.3)

    def api(self, method: str, path: str):
        req = urllib.request.Request(self.url + path, method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Stop every kernel (one notebook's kernel must not slow the next one down)."""
        try:
            for session in self.api("GET", "/api/sessions") or []:
                self.api("DELETE", f"/api/sessions/{session['id']}")
            for kernel in self.api("GET", "/api/kernels") or []:
                self.api("DELETE", f"/api/kernels/{kernel['id']}")
        except (urllib.error.URLError, OSError):
            pass

    def log_tail(self, n: int = 40) -> str:
        self._log.flush()
        lines = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(lines[-n:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.shutdown_kernels()
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()


# ----------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        pytest.skip("no Chromium found (install Debian's package: apt-get install chromium; "
                    "or set HC_CHROMIUM): browser tests of the live demos skipped")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the playwright package is not installed: browser tests skipped")
    pw = sync_api.sync_playwright().start()
    try:
        try:
            br = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        except Exception as exc:  # a broken Chromium install must say so, not look like a course bug
            pytest.fail(f"could not start Chromium at {chromium_path}: {exc}")
        yield br
        br.close()
    finally:
        pw.stop()


def _course_copy(work: Path) -> Path:
    """A temporary course root like the repository's, as `make lab` serves it: notebooks/ (the
    chapters under test), exercises/ and solutions/."""
    root = work / "root"
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    shutil.copytree(NOTEBOOK_DIR, root / "notebooks", ignore=ignore)
    for folder in ("exercises", "solutions"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder, ignore=ignore)
    return root


@pytest.fixture(scope="session")
def lab(tmp_path_factory, browser):
    """One JupyterLab for the session, serving a temporary copy of the course."""
    work = tmp_path_factory.mktemp("jupyterlab")
    server = Lab(_course_copy(work), work)
    yield server
    server.stop()


# ----------------------------------------------------------------------------- page actions
PROMPTS_JS = """() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')]
                   .map(e => e.textContent.trim())"""
KERNEL_JS = """() => { const e = document.querySelector('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
                       return e ? e.getAttribute('data-status') : null; }"""
# Everything drawn in a demo's Output widgets: images (png/jpeg/svg) and text, in order.
FIGURE_JS = """(demo) => [...demo.querySelectorAll('.widget-output .jp-OutputArea-output, img.widget-image')].map(o => {
    if (o.tagName === 'IMG') return 'img:' + o.getAttribute('src');
    const img = o.querySelector('img');
    if (img) return 'img:' + img.getAttribute('src');
    const svg = o.querySelector('svg');
    if (svg) return 'svg:' + svg.outerHTML;
    return 'text:' + o.textContent;
})"""


def _menu(page, menu: str, item: str) -> None:
    page.click(f".lm-MenuBar-itemLabel:text-is('{menu}')")
    page.click(f".lm-Menu-itemLabel:text-is('{item}')")


def _accept_dialogs(page, notes: list[str]) -> None:
    """Accept a dialog (e.g. a kernel choice) and note its text."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count():
        text = " ".join(dialog.first.inner_text().split())[:200]
        notes.append(f"JupyterLab showed a dialog: {text!r}")
        page.click(".jp-Dialog .jp-mod-accept")
        page.wait_for_timeout(300)


def _wait_kernel(page, lab, name: str, timeout: float, notes: list[str]) -> str | None:
    """Wait until the notebook's kernel is idle, both for the server and in the page."""
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        _accept_dialogs(page, notes)
        status = page.evaluate(KERNEL_JS)
        if status == "idle":
            sessions = [s for s in lab.api("GET", "/api/sessions") or [] if s.get("path", "").endswith(name)]
            if sessions and (sessions[0].get("kernel") or {}).get("execution_state") == "idle":
                return status
            status = "server: " + str(sessions and (sessions[0].get("kernel") or {}).get("execution_state"))
        page.wait_for_timeout(200)
    return status


def _run_all(page, timeout: float) -> tuple[bool, float]:
    """Clear outputs, run all cells, wait until nothing is queued and the kernel is idle.

    Run All is clicked again (at most twice more) if no cell has started 15 s after a click:
    right after the kernel reports idle, JupyterLab can drop the first request.
    """
    _menu(page, "Edit", "Clear Outputs of All Cells")
    t0 = time.monotonic()
    for _ in range(3):
        _menu(page, "Run", "Run All Cells")
        started = False
        t_click = time.monotonic()
        while time.monotonic() - t_click < 15:
            if any(p not in ("[ ]:", "") for p in page.evaluate(PROMPTS_JS)):
                started = True
                break
            page.wait_for_timeout(200)
        if started:
            break
    else:
        return False, time.monotonic() - t0
    idle_since = None
    while time.monotonic() - t0 < timeout:
        prompts = page.evaluate(PROMPTS_JS)
        busy = any("*" in p for p in prompts) or page.evaluate(KERNEL_JS) != "idle"
        if busy:
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > 1.0:
            return True, idle_since - t0
        page.wait_for_timeout(250)
    return False, time.monotonic() - t0


def _save_and_read(page, path: Path, problems: list[str]):
    """Save the notebook from JupyterLab and read it back (the model, with tags and errors)."""
    before = path.stat().st_mtime_ns
    _menu(page, "File", "Save Notebook")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if path.stat().st_mtime_ns != before:
            page.wait_for_timeout(300)
            try:
                return nbformat.read(path, as_version=4)
            except Exception:  # half-written; try again
                pass
        _accept_dialogs(page, [])
        page.wait_for_timeout(200)
    problems.append("JupyterLab did not save the notebook within 30 s; cell errors were not read")
    return None


def _cell_problems(nb) -> list[str]:
    problems = []
    for k, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        where = f"cell {k} ({cell.source.strip().splitlines()[0][:60]!r})"
        allowed = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and not allowed:
                problems.append(f"{where} raised {out.get('ename')}: {out.get('evalue')}")
        if cell.get("execution_count") is None:
            problems.append(f"{where} did not run")
    return problems


def _figure(page, demo) -> list[str]:
    return demo.evaluate(FIGURE_JS)


def _move_a_slider(page, demo, k: int, problems: list[str]) -> float | None:
    """Move the sliders of demo k one keyboard step at a time until its figure changes.

    Returns the seconds from the key press to the new figure in the page (None if it failed).
    """
    name = f"demo {k}"
    demo.scroll_into_view_if_needed()
    handles = demo.locator(".widget-slider .noUi-handle")
    before = _figure(page, demo)
    if not before:
        problems.append(f"{name} shows no figure before any slider is moved")
        return None
    if handles.count() == 0:
        problems.append(f"{name} has no slider")
        return None
    tried = []
    for h in range(handles.count()):
        handle = handles.nth(h)
        if not handle.is_visible():
            continue
        label = handle.evaluate(
            "e => e.closest('.widget-slider')?.querySelector('.widget-label')?.textContent || '?'")
        value0 = handle.get_attribute("aria-valuenow")
        handle.focus()
        t0 = time.monotonic()
        handle.press("ArrowRight")
        if handle.get_attribute("aria-valuenow") == value0:
            t0 = time.monotonic()
            handle.press("ArrowLeft")
        value1 = handle.get_attribute("aria-valuenow")
        tried.append(f"{label!r} {value0}->{value1}")
        if value1 == value0:
            continue
        latency = None
        after = before
        while time.monotonic() - t0 < SLIDER_TIMEOUT:
            after = _figure(page, demo)
            if after and after != before:
                latency = time.monotonic() - t0
                page.wait_for_timeout(500)  # let a clear_output(wait=True) redraw settle
                after = _figure(page, demo)
                break
            page.wait_for_timeout(40)
        if latency is not None:
            text = demo.inner_text()
            if "Traceback" in text or "Error displaying widget" in text:
                problems.append(f"{name}: moving slider {label!r} shows an error:\n{text[-600:]}")
            n0 = sum(x.startswith(("img:", "svg:")) for x in before)
            n1 = sum(x.startswith(("img:", "svg:")) for x in after)
            if n1 > n0:
                problems.append(f"{name}: moving slider {label!r} added figures ({n0} -> {n1}) "
                                "instead of replacing them")
            return latency
    problems.append(f"{name}: no slider changed the figure within {SLIDER_TIMEOUT:.0f} s "
                    f"(tried {', '.join(tried) or 'no visible slider'})")
    return None


def _time_every_slider(page, demo, timeout: float = 5.0) -> dict:
    """Step every visible slider of ``demo`` once with the keyboard; the seconds each took to change the figure.

    A slider whose step leaves the figure as it was within ``timeout`` gets ``None`` (for example a
    seed that gives the same picture); the first slider's answer is already checked by
    :func:`_move_a_slider`. Labels are made unique with a suffix when two sliders share one.
    """
    handles = demo.locator(".widget-slider .noUi-handle")
    timings: dict = {}
    for h in range(handles.count()):
        handle = handles.nth(h)
        if not handle.is_visible():
            continue
        label = handle.evaluate(
            "e => e.closest('.widget-slider')?.querySelector('.widget-label')?.textContent || '?'") or "?"
        while label in timings:
            label += "'"
        page.wait_for_timeout(300)  # let the previous step settle
        before = _figure(page, demo)
        value0 = handle.get_attribute("aria-valuenow")
        handle.focus()
        t0 = time.monotonic()
        handle.press("ArrowRight")
        if handle.get_attribute("aria-valuenow") == value0:
            t0 = time.monotonic()
            handle.press("ArrowLeft")
        latency = None
        while time.monotonic() - t0 < timeout:
            after = _figure(page, demo)
            if after and after != before:
                latency = round(time.monotonic() - t0, 3)
                break
            page.wait_for_timeout(20)
        timings[label] = latency
    return timings


def _record_latencies(stem: str, latencies: list) -> None:
    """Keep the measured slider latencies in test-artifacts/browser/slider_latency.json."""
    path = ARTIFACTS / "slider_latency.json"
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        data = {}
    data[stem] = latencies
    path.write_text(json.dumps(data, indent=1, sort_keys=True))


# ----------------------------------------------------------------------------- the test
@pytest.mark.parametrize(
    "notebook",
    CHAPTERS or [pytest.param(None, marks=pytest.mark.skip(reason=f"no chapter notebooks in {NOTEBOOK_DIR}"))],
    ids=[p.stem for p in CHAPTERS] or ["no-chapters"],
)
def test_chapter_runs_and_demos_answer_in_jupyterlab(notebook, lab, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    notes: list[str] = []
    rel = f"notebooks/{notebook.name}"
    if not nbformat.read(lab.root / rel, as_version=4).metadata.get("kernelspec"):
        problems.append("the notebook has no kernelspec, so JupyterLab may ask the lecturer to pick a kernel: "
                        f"`.venv/bin/jupytext --set-kernel python3 notebooks/{notebook.name}` adds it "
                        "(outputs are kept)")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    js_errors: list[str] = []
    page.on("pageerror", lambda exc: js_errors.append(str(exc)))
    shot = ARTIFACTS / f"{notebook.stem}.png"
    t_start = time.monotonic()
    phases: dict[str, float] = {}

    def mark(name):
        phases[name] = round(time.monotonic() - t_start - sum(phases.values()), 1)

    try:
        page.goto(f"{lab.url}/lab/workspaces/{notebook.stem}/tree/{rel}?reset&token={lab.token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell", timeout=60_000)
        page.wait_for_timeout(500)
        mark("open")
        status = _wait_kernel(page, lab, notebook.name, 60, notes)
        if status != "idle":
            pytest.fail(f"{notebook.name}: the kernel did not start within 60 s (status {status!r})\n"
                        f"{lab.log_tail()}")
        mark("kernel")
        finished, run_time = _run_all(page, RUN_TIMEOUT)
        mark("run")
        if not finished:
            problems.append(f"running all cells did not finish within {RUN_TIMEOUT:.0f} s "
                            "(or no cell started after three clicks on Run All)")
        text = page.locator(".jp-NotebookPanel .jp-Notebook").inner_text()
        n_widget_errors = text.count("Error displaying widget")
        if n_widget_errors:
            problems.append(f"{n_widget_errors} widget(s) show 'Error displaying widget'")
        nb = _save_and_read(page, lab.root / rel, problems)
        if nb is not None and finished:
            problems.extend(_cell_problems(nb))
        mark("save")
        demos = page.locator(".jp-NotebookPanel .hc-demo")
        latencies, per_slider = [], []
        for k in range(demos.count()):
            latency = _move_a_slider(page, demos.nth(k), k, problems)
            latencies.append(None if latency is None else round(latency, 3))
            if latency is not None:
                per_slider.append(_time_every_slider(page, demos.nth(k)))
            demos.nth(k).screenshot(path=str(ARTIFACTS / f"{notebook.stem}-demo{k}.png"))
        _record_latencies(notebook.stem, latencies)
        _record_latencies(f"every-slider:{notebook.stem}", per_slider)
        mark("demos")
        if demos.count():
            demos.first.scroll_into_view_if_needed()
        print(f"{notebook.name}: cells ran in {run_time:.1f} s, {demos.count()} live demo(s) "
              f"(slider key -> new figure: {latencies} s; every slider: {per_slider}), "
              f"{time.monotonic() - t_start:.1f} s in all {phases}")
    finally:
        try:
            page.screenshot(path=str(shot))
        except Exception:
            pass
        context.close()
        lab.shutdown_kernels()
    if js_errors:
        print(f"{notebook.name}: JavaScript errors in the page: {js_errors[:5]}")
    if notes:
        print(f"{notebook.name}: " + "; ".join(notes))
    assert not problems, (f"{notebook.name} in JupyterLab (screenshot: {shot}):\n- " + "\n- ".join(problems))


# ----------------------------------------------------------------------------- live slideshows (RISE)
RISE_CHAPTER = os.environ.get("HC_RISE_CHAPTER", "05")
MIN_FIGURE_TEXT_PX = 16.0  # smallest figure text on a 1280 x 720 slide, presenter style
# leaf slides that the audience can see (reveal.js keeps its neighbours in the page, hidden)
VISIBLE_SLIDES_JS = """() => [...document.querySelectorAll('.reveal .slides section')]
    .filter(s => !s.querySelector('section'))
    .filter(s => { const r = s.getBoundingClientRect();
                   return s.checkVisibility({opacityProperty: true, visibilityProperty: true})
                          && r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth; })
    .length"""
PRESENT_SLIDE = ".reveal .slides section.present:not(.stack)"


def _chapter(prefix: str) -> Path:
    found = [p for p in CHAPTERS if p.name.startswith(prefix + "_")]
    if not found:
        pytest.skip(f"no chapter {prefix}_*.ipynb in {NOTEBOOK_DIR}")
    return found[0]


@pytest.fixture(scope="module")
def presenting_lab(tmp_path_factory, browser):
    """A JupyterLab like `make present`: the course root, and HC_PRESENTER=1 for the kernels."""
    work = tmp_path_factory.mktemp("jupyterlab_present")
    server = Lab(_course_copy(work), work, extra_env={"HC_PRESENTER": "1"})
    yield server
    server.stop()


def _drag_a_slider(page, demo, problems: list[str]) -> float | None:
    """Drag a slider handle of ``demo`` with the mouse until its figure changes; the seconds from
    the mouse release to the new figure (in a slideshow the arrow keys move between slides)."""
    before = _figure(page, demo)
    if not before:
        problems.append("the demo shows no figure before its slider is moved")
        return None
    handles = demo.locator(".widget-slider .noUi-handle")
    for h in range(handles.count()):
        handle = handles.nth(h)
        if not handle.is_visible():
            continue
        value0 = handle.get_attribute("aria-valuenow")
        box = handle.bounding_box()
        track = handle.evaluate("e => e.closest('.noUi-target').getBoundingClientRect().width")
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] / 2 + max(track / 4, 20), box["y"] + box["height"] / 2, steps=4)
        page.mouse.up()
        t0 = time.monotonic()
        if handle.get_attribute("aria-valuenow") == value0:
            continue
        while time.monotonic() - t0 < SLIDER_TIMEOUT:
            after = _figure(page, demo)
            if after and after != before:
                return time.monotonic() - t0
            page.wait_for_timeout(40)
    problems.append(f"no slider changed the demo's figure within {SLIDER_TIMEOUT:.0f} s")
    return None


def _figure_text_px(demo) -> list[float]:
    """The size on screen of the smallest text of each figure in ``demo``: the presenter style's
    smallest font (points at its dpi) times the figure's on-screen scale (shown / natural width)."""
    from hopfield_course import plotting

    style = plotting._PRESENTER
    smallest_pt = min(float(v) for k, v in style.items() if k.endswith(("size", "fontsize")))
    px_per_pt = float(style["figure.dpi"]) / 72.0
    scales = demo.evaluate("""d => [...d.querySelectorAll('.widget-output img, img.widget-image')]
        .filter(i => i.naturalWidth > 0).map(i => i.getBoundingClientRect().width / i.naturalWidth)""")
    return [round(smallest_pt * px_per_pt * s, 1) for s in scales]


def test_chapter_is_a_rise_slideshow_whose_demo_responds(presenting_lab, browser):
    """`make present CHAPTER=05`: the chapter as a RISE slideshow; one slide shows at a time, the
    keyboard moves between slides, and on the demo's slide a slider redraws the figure."""
    notebook = _chapter(RISE_CHAPTER)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    lab = presenting_lab
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.set_default_timeout(30_000)
    problems: list[str] = []
    try:
        page.goto(f"{lab.url}/rise/notebooks/{notebook.name}?token={lab.token}")
        page.wait_for_selector(f"{PRESENT_SLIDE} .jp-Cell", timeout=90_000)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(ARTIFACTS / f"rise-{notebook.stem}-title.png"))
        assert page.evaluate("() => document.querySelectorAll('.reveal .slides section').length") > 3, \
            "RISE did not split the chapter into slides"
        assert page.evaluate(VISIBLE_SLIDES_JS) == 1, "more (or less) than one slide is visible"
        # the setup cell (imports) is on the title slide: run it in place
        page.locator(f"{PRESENT_SLIDE} .jp-CodeCell .jp-InputArea-editor").first.click()
        page.keyboard.press("Control+Enter")
        page.keyboard.press("Escape")
        hash0 = page.evaluate("() => location.hash")
        page.keyboard.press("Space")
        page.wait_for_timeout(400)
        assert page.evaluate("() => location.hash") != hash0, "Space did not move to the next slide"
        assert page.evaluate(VISIBLE_SLIDES_JS) == 1, "more than one slide is visible after moving"
        demo_code = None
        for _ in range(120):  # walk forward to the demo's slide
            cells = page.locator(f"{PRESENT_SLIDE} .jp-CodeCell")
            for k in range(cells.count()):
                if re.search(r"\w+_(explorer|demo)\(", cells.nth(k).locator(".jp-InputArea").inner_text()):
                    demo_code = cells.nth(k)
                    break
            if demo_code is not None:
                break
            page.keyboard.press("Escape")
            page.keyboard.press("Space")
            page.wait_for_timeout(250)
        assert demo_code is not None, f"no slide of {notebook.name} holds a live demo"
        demo_code.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Control+Enter")  # run in place (Shift+Enter would also move on)
        demo = page.locator(f"{PRESENT_SLIDE} .hc-demo").first
        try:
            demo.locator(".widget-output img, .widget-output svg, img.widget-image").first.wait_for(timeout=60_000)
        except Exception:
            text = page.locator(PRESENT_SLIDE).inner_text()[-500:]
            pytest.fail(f"the demo did not draw in the slideshow (widgets not rendered?): {text!r}\n"
                        f"{lab.log_tail()}")
        page.keyboard.press("Escape")
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / f"rise-{notebook.stem}-demo.png"))
        latency = _drag_a_slider(page, demo, problems)
        page.wait_for_timeout(600)
        page.screenshot(path=str(ARTIFACTS / f"rise-{notebook.stem}-demo-moved.png"))
        sizes = _figure_text_px(demo)
        _record_latencies(f"rise:{notebook.stem}", [None if latency is None else round(latency, 3)])
        print(f"RISE {notebook.name}: slider -> new figure {latency} s; smallest figure text {sizes} px")
        if not sizes:
            problems.append("the demo's figure is not an image, its text size was not measured")
        elif min(sizes) < MIN_FIGURE_TEXT_PX:
            problems.append(f"figure text is {min(sizes)} px on a 1280x720 slide, expected >= {MIN_FIGURE_TEXT_PX}")
        assert page.evaluate(VISIBLE_SLIDES_JS) == 1, "the demo's slide is not the only one visible"
    finally:
        context.close()
        lab.shutdown_kernels()
    assert not problems, f"{notebook.name} as a RISE slideshow:\n- " + "\n- ".join(problems)


# ----------------------------------------------------------------------------- exported decks, offline
def _offline_context(browser, blocked: list[str]):
    """A browser context in which every request but file:// fails (the network is off)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})

    def route(r):
        if r.request.url.startswith(("file:", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort("internetdisconnected")

    context.route("**/*", route)
    return context


def test_exported_deck_is_a_reveal_slideshow_without_network(tmp_path, browser):
    """`make slides`: a deck opened from disk with the network off is laid out by reveal.js."""
    from tools.slides import export_slides

    notebook = _chapter(RISE_CHAPTER)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    deck = export_slides(notebook, tmp_path / "slides")
    blocked: list[str] = []
    context = _offline_context(browser, blocked)
    page = context.new_page()
    try:
        page.goto(deck.as_uri())
        page.wait_for_selector("body[data-hc-reveal=ready]", timeout=30_000)
        state = page.evaluate("""() => ({total: Reveal.getTotalSlides(), ready: Reveal.isReady(),
                                        scale: Reveal.getScale(), h: Reveal.getIndices().h})""")
        assert state["ready"] and state["total"] > 3, f"reveal.js did not lay the deck out as slides: {state}"
        assert page.evaluate(VISIBLE_SLIDES_JS) == 1, "more than one slide is visible"
        page.screenshot(path=str(ARTIFACTS / f"deck-{notebook.stem}-title.png"))
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert page.evaluate("() => Reveal.getIndices().h") == state["h"] + 1, "the arrow key did not move on"
        # a slide with a figure: the figure at its own size (not shrunk), equations typeset
        n_figure = page.evaluate("""() => Reveal.getSlides().findIndex(s => s.querySelector('.jp-OutputArea img'))""")
        assert n_figure >= 0, "no slide of the deck shows a figure"
        page.evaluate("k => Reveal.slide(...Object.values(Reveal.getIndices(Reveal.getSlides()[k])))", n_figure)
        page.wait_for_timeout(500)
        img = page.evaluate("""() => { const i = Reveal.getCurrentSlide().querySelector('.jp-OutputArea img');
                                       return [i.naturalWidth, i.getBoundingClientRect().width]; }""")
        room = 0.8 * 1280 * min(1.0, float(state["scale"]))  # the slide's width less the prompt column
        assert img[0] > 0 and img[1] >= 0.95 * min(img[0], room), \
            f"the figure is shrunk on its slide: natural {img[0]} px, shown {img[1]:.0f} px"
        page.screenshot(path=str(ARTIFACTS / f"deck-{notebook.stem}-figure.png"))
        if (deck.parent / "_mathjax" / "MathJax.js").is_file():
            page.wait_for_function("() => document.querySelector('.MathJax, .MathJax_Display, mjx-container')",
                                   timeout=20_000)
    finally:
        context.close()
    assert not blocked, f"the deck tried to reach the network: {blocked[:5]}"


# ----------------------------------------------------------------------------- chapter -> exercise link
def test_chapter_links_open_its_exercise_notebook_in_jupyterlab(lab, browser):
    """A chapter's navigation cell links its exercise notebook; clicking it opens it in JupyterLab."""
    notebook = _chapter("01")
    exercise = REPO / "exercises" / notebook.name
    if not exercise.is_file():
        pytest.skip(f"no exercise notebook {exercise.name}")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{lab.url}/lab/workspaces/links/tree/notebooks/{notebook.name}?reset&token={lab.token}")
        page.wait_for_selector(".jp-NotebookPanel .jp-MarkdownCell", timeout=60_000)
        page.wait_for_timeout(1500)
        # JupyterLab resolves a relative link against the notebook's folder when it renders it
        link = page.locator(f".jp-NotebookPanel .jp-RenderedMarkdown a[href*='exercises/{exercise.name}']").first
        if not link.count():
            hrefs = page.evaluate("() => [...document.querySelectorAll('.jp-RenderedMarkdown a')].map(a => a.getAttribute('href'))")
            pytest.fail(f"{notebook.name} has no rendered link to ../exercises/{exercise.name} "
                        f"(python -m tools.links inserts it); links on the page: {hrefs[:10]}")
        link.click()
        # the chapter and its exercise share a file name: the tab's tooltip names the path
        tab = page.locator(f".lm-TabBar-tab.lm-mod-current[title*='exercises/{exercise.name}']")
        try:
            tab.first.wait_for(timeout=30_000)
        except Exception:
            titles = page.evaluate("() => [...document.querySelectorAll('.lm-TabBar-tab')].map(t => t.title)")
            pytest.fail(f"clicking the link did not open exercises/{exercise.name} (tabs: {titles})")
        page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=30_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / f"link-{notebook.stem}-exercise.png"))
    finally:
        context.close()
        lab.shutdown_kernels()
