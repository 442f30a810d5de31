"""The course site (Jupyter Book 1): table of contents, navigation links, figures, animations.

Two builds: a small course made here (one chapter with a figure, an equation and a matplotlib
HTML animation, plus its exercises and solutions) checks the machinery, including that the
animation plays and the equations render in a browser without a kernel or a network; then the
real course is built and every chapter page is checked.
"""

from __future__ import annotations

import base64
import importlib.util
import io
import re
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("build_site", REPO / "site" / "build_site.py")
build_site = importlib.util.module_from_spec(_spec)
sys.modules["build_site"] = build_site  # dataclasses look their module up
_spec.loader.exec_module(build_site)


# ---------------------------------------------------------------------------- helpers
def _notebook(title, *cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\nOpening words."), *cells]
    return nb


def _fake_repo(root: Path, chapters: dict[str, tuple[bool, bool]]) -> Path:
    """A repository with chapter notebooks; values say whether exercises / solutions exist."""
    for folder in ("notebooks", "exercises", "solutions"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for stem, (has_ex, has_sol) in chapters.items():
        nbformat.write(_notebook(f"{stem[:2]} · Chapter {stem}"), root / "notebooks" / f"{stem}.ipynb")
        if has_ex:
            nbformat.write(_notebook(f"Exercises {stem}"), root / "exercises" / f"{stem}.ipynb")
        if has_sol:
            nbformat.write(_notebook(f"Solutions {stem}"), root / "solutions" / f"{stem}.ipynb")
    return root


def _local_links(page: Path) -> list[str]:
    hrefs = re.findall(r'href="([^"#?]+\.html)(?:#[^"]*)?"', page.read_text(encoding="utf-8"))
    return [h for h in hrefs if not h.startswith(("http:", "https:", "mailto:"))]


def _resolves(page: Path, href: str) -> bool:
    return (page.parent / href).resolve().is_file()


def _browser_or_skip():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    from test_browser import CHROMIUM_ARGS, find_chromium

    path = find_chromium()
    if path is None:
        pytest.skip("no Chromium found (apt-get install chromium): the in-browser site check is skipped")
    return sync_api, path, CHROMIUM_ARGS


# ---------------------------------------------------------------------------- toc and staging
def test_toc_lists_the_chapters_present_in_order_with_their_practice_pages(tmp_path):
    repo = _fake_repo(tmp_path, {"02_second": (False, True), "01_first": (True, True), "10_tenth": (False, False)})
    (repo / "notebooks" / "notes.ipynb").write_text("{}")  # not a chapter
    chapters = build_site.find_chapters(repo)
    assert [c.stem for c in chapters] == ["01_first", "02_second", "10_tenth"]
    assert chapters[0].title == "01 · Chapter 01_first"
    toc = build_site.toc_yaml(chapters)
    files = re.findall(r"file: (\S+)", toc)
    assert files == ["notebooks/01_first", "exercises/01_first", "solutions/01_first",
                     "notebooks/02_second", "solutions/02_second", "notebooks/10_tenth"]
    assert "root: intro" in toc and "format: jb-book" in toc
    assert 'title: "Exercises 01"' in toc and 'title: "Solutions 02"' in toc
    assert "sections" not in toc.split("notebooks/10_tenth")[1]


def test_no_chapters_gives_an_empty_but_valid_course(tmp_path):
    repo = _fake_repo(tmp_path, {})
    chapters = build_site.find_chapters(repo)
    assert chapters == []
    assert "No chapter has been written yet" in build_site.intro_md(chapters)
    assert build_site.toc_yaml(chapters).rstrip().endswith("chapters:")


def test_staging_adds_navigation_and_leaves_the_repository_alone(tmp_path):
    repo = _fake_repo(tmp_path / "repo", {"01_first": (True, True), "02_second": (False, False)})
    before = {p: p.read_bytes() for p in repo.rglob("*.ipynb")}
    out = tmp_path / "source"
    build_site.stage(out, repo)
    assert {p: p.read_bytes() for p in repo.rglob("*.ipynb")} == before
    staged = nbformat.read(out / "notebooks" / "01_first.ipynb", as_version=4)
    nav = staged.cells[1]
    assert build_site.NAV_TAG in nav.metadata["tags"] and staged.cells[0].source.startswith("# 01")
    assert "(../exercises/01_first.ipynb)" in nav.source and "(../solutions/01_first.ipynb)" in nav.source
    ex_nav = nbformat.read(out / "exercises" / "01_first.ipynb", as_version=4).cells[1].source
    assert "(../notebooks/01_first.ipynb)" in ex_nav and "(../solutions/01_first.ipynb)" in ex_nav
    lonely = nbformat.read(out / "notebooks" / "02_second.ipynb", as_version=4).cells[1].source
    assert "no exercise notebook yet" in lonely and "](" not in lonely
    assert (out / "_toc.yml").is_file() and (out / "_config.yml").is_file() and (out / "intro.md").is_file()
    import yaml

    config = yaml.safe_load((out / "_config.yml").read_text())
    assert config["execute"]["execute_notebooks"] == "off"


# ---------------------------------------------------------------------------- a small course, built
def _animation_html() -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import animation

    fig, ax = plt.subplots(figsize=(1.5, 1.5), dpi=50)
    img = ax.imshow([[0, 1], [1, 0]], cmap="binary", vmin=0, vmax=1)

    def frame(i):
        img.set_data([[i % 2, 1 - i % 2], [1 - i % 2, i % 2]])
        return (img,)

    anim = animation.FuncAnimation(fig, frame, frames=4, interval=200)
    html = anim.to_jshtml()
    plt.close(fig)
    return html


def _png() -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1), dpi=40)
    ax.plot([0, 1], [1, 0])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    repo = _fake_repo(tmp_path_factory.mktemp("repo"), {"01_first": (True, True), "02_second": (False, False)})
    nb = nbformat.read(repo / "notebooks" / "01_first.ipynb", as_version=4)
    figure = nbformat.v4.new_code_cell("plot()", execution_count=1, outputs=[
        nbformat.v4.new_output("display_data", data={"image/png": _png(), "text/plain": "<Figure>"})])
    movie = nbformat.v4.new_code_cell("animate()", execution_count=2, outputs=[
        nbformat.v4.new_output("display_data", data={"text/html": _animation_html(),
                                                     "text/plain": "<IPython.core.display.HTML object>"})])
    nb.cells += [nbformat.v4.new_markdown_cell("## Energy\n\nThe energy is $E = -\\tfrac12 s^\\top W s$."),
                 figure, movie]
    nbformat.write(nb, repo / "notebooks" / "01_first.ipynb")
    out = tmp_path_factory.mktemp("site")
    index = build_site.build(out, repo, quiet=True)
    return out / "html", index


def test_small_site_has_every_page_and_the_links_resolve(small_site):
    html, index = small_site
    assert index.is_file()
    pages = {p: html / f"{p}.html" for p in ("intro", "notebooks/01_first", "exercises/01_first",
                                                 "solutions/01_first", "notebooks/02_second")}
    for name, page in pages.items():
        assert page.is_file(), f"page {name} was not built"
    chapter = pages["notebooks/01_first"]
    targets = {(chapter.parent / h).resolve() for h in _local_links(chapter)}
    for name in ("exercises/01_first", "solutions/01_first", "notebooks/02_second"):
        assert pages[name].resolve() in targets, f"chapter page does not link {name}"
    for page in pages.values():
        broken = [h for h in _local_links(page) if not _resolves(page, h)]
        assert not broken, f"{page.name}: broken links {broken}"
    intro = pages["intro"].read_text(encoding="utf-8")
    assert intro.index("notebooks/01_first.html") < intro.index("notebooks/02_second.html")
    assert not (html / "exercises" / "02_second.html").exists()


def test_small_site_keeps_the_figure_and_the_html_animation(small_site):
    html, _ = small_site
    page = (html / "notebooks" / "01_first.html").read_text(encoding="utf-8")
    assert "_anim_img" in page and "anim-slider" in page, "the matplotlib HTML animation is missing"
    assert re.search(r'<img[^>]+src="[^"]*(_images/|data:image/png)', page), "the figure is missing"
    if build_site.local_mathjax() is not None:
        assert "_static/mathjax/MathJax.js" in page
        assert (html / "_static" / "mathjax" / "MathJax.js").is_file()


def _in_fresh_thread(func):
    """Run ``func`` in a new thread and re-raise its exception.

    Playwright's sync API refuses to start in a thread that already runs an event loop, which is
    the case once the browser tests' session-wide Playwright is active; a fresh thread has none.
    """
    import threading

    errors = []

    def target():
        try:
            func()
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


@pytest.mark.browser
def test_small_site_animation_plays_and_equations_render_in_chromium(small_site):
    sync_api, chromium, args = _browser_or_skip()
    html, _ = small_site
    url = (html / "notebooks" / "01_first.html").as_uri()
    _in_fresh_thread(lambda: _check_animation_and_math(sync_api, chromium, args, url))


def _check_animation_and_math(sync_api, chromium, args, url):
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=args)
        try:
            page = browser.new_page()
            page.goto(url)
            img = page.locator("img[id^='_anim_img']")
            img.wait_for(timeout=10_000)
            page.wait_for_function("() => document.querySelector(\"img[id^='_anim_img']\").src.length > 100")
            first = img.get_attribute("src")
            page.locator("button[title='Next frame']").first.click()
            page.wait_for_timeout(300)
            assert img.get_attribute("src") != first, "the animation does not step without a kernel"
            if build_site.local_mathjax() is not None:  # equations render offline
                page.wait_for_selector(".MathJax, .MathJax_Display, mjx-container", timeout=20_000)
        finally:
            browser.close()


# ---------------------------------------------------------------------------- the course
CHAPTERS = build_site.find_chapters(REPO)


@pytest.fixture(scope="module")
def course_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("course_site")
    index = build_site.build(out, REPO, quiet=True)
    return out / "html", index, out / "source"


def test_course_site_builds_with_every_chapter_in_order(course_site):
    html, index, _ = course_site
    assert index.is_file()
    intro = (html / "intro.html").read_text(encoding="utf-8")
    positions = []
    for ch in CHAPTERS:
        page = html / "notebooks" / f"{ch.stem}.html"
        assert page.is_file(), f"no page for chapter {ch.stem}"
        positions.append(intro.index(f"notebooks/{ch.stem}.html"))
        for kind, path in (("exercises", ch.exercises), ("solutions", ch.solutions)):
            if path is not None:
                assert (html / kind / f"{ch.stem}.html").is_file(), f"no {kind} page for {ch.stem}"
                targets = {(page.parent / h).resolve() for h in _local_links(page)}
                assert (html / kind / f"{ch.stem}.html").resolve() in targets, f"{ch.stem} does not link its {kind}"
        broken = [h for h in _local_links(page) if not _resolves(page, h)]
        assert not broken, f"{page.name}: broken links {broken}"
    assert positions == sorted(positions), "the front page does not list the chapters in order"


@pytest.mark.parametrize("chapter", CHAPTERS or [pytest.param(None, marks=pytest.mark.skip(reason="no chapters"))],
                         ids=[c.stem for c in CHAPTERS] or ["none"])
def test_course_chapter_page_shows_its_figures_and_animations(course_site, chapter):
    html, _, source = course_site
    page = (html / "notebooks" / f"{chapter.stem}.html").read_text(encoding="utf-8")
    nb = nbformat.read(source / "notebooks" / chapter.chapter.name, as_version=4)  # the copy that was built
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    n_png = sum("image/png" in o.get("data", {}) for o in outputs)
    n_anim = sum("_anim_img" in str(o.get("data", {}).get("text/html", "")) for o in outputs)
    if n_png:
        assert re.search(r'<img[^>]+src="[^"]*(_images/|data:image/png)', page), f"{chapter.stem}: no figure"
    assert page.count("_anim_img") >= n_anim, f"{chapter.stem}: an HTML animation is missing"
    assert "Traceback (most recent call last)" not in page, f"{chapter.stem}: the page shows an error"


# ---------------------------------------------------------------------------- API reference, slides, search
def test_api_page_has_one_section_per_module_and_documents_every_public_name():
    import hopfield_course as hc

    modules = build_site.api_modules()
    names = [n for _, _, ns in modules for n in ns]
    assert sorted(names) == sorted(hc._API), "the API page must list every public name exactly once"
    assert [m for m, _, _ in modules] == list(dict.fromkeys(m for m, _, _ in modules))
    page = build_site.api_md()
    for module, _, module_names in modules:
        section = page.split(f"## `{module}`", 1)
        assert len(section) == 2, f"no section for module {module}"
        body = section[1].split("\n## ", 1)[0]
        for name in module_names:
            assert re.search(rf"^\.\. auto(function|class|data):: {re.escape(name)}$", body, re.M), \
                f"{module}.{name} is not documented in its module's section"
    assert "$$" in page  # the conventions, as equations


def test_small_site_has_the_api_page_and_offline_slides_linked_from_the_chapter(small_site):
    html, _ = small_site
    api = html / "api.html"
    assert api.is_file(), "no API reference page"
    text = api.read_text(encoding="utf-8")
    assert 'id="hopfield_course.states.flip"' in text and 'id="hopfield_course.dynamics.run"' in text
    deck = html / "slides" / "01_first.slides.html"
    assert deck.is_file() and (html / "slides" / "_reveal" / "dist" / "reveal.js").is_file()
    chapter = (html / "notebooks" / "01_first.html").read_text(encoding="utf-8")
    assert 'href="../slides/01_first.slides.html"' in chapter
    assert not re.search(r'<(script|link|img|iframe)\b[^>]*\b(src|href)="https?://', deck.read_text(encoding="utf-8")), "the deck loads from the web"


@pytest.mark.browser
def test_small_site_shows_one_search_box_and_the_api_equations_render(small_site):
    sync_api, chromium, args = _browser_or_skip()
    html, _ = small_site
    _in_fresh_thread(lambda: _check_search_and_api(sync_api, chromium, args, html))


def _check_search_and_api(sync_api, chromium, args, html):
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=args)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            blocked = []
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                          else (blocked.append(r.request.url), r.abort()))
            page = context.new_page()
            for name in ("notebooks/01_first", "api"):
                page.goto((html / f"{name}.html").as_uri())
                page.wait_for_timeout(1000)
                boxes = page.locator("input[type=search], .search-button-field, button.search-button__button, "
                                     "button[aria-label='Search']")
                visible = sum(boxes.nth(k).is_visible() for k in range(boxes.count()))
                assert visible == 1, f"{name}: {visible} search boxes are visible, expected one"
            if build_site.local_mathjax() is not None:
                page.wait_for_selector(".MathJax, .MathJax_Display, mjx-container", timeout=20_000)
            assert not blocked, f"the site reached for the network: {blocked[:3]}"
        finally:
            browser.close()


def test_course_site_has_api_bibliography_and_slides_for_every_chapter(course_site):
    html, _, _ = course_site
    assert (html / "api.html").is_file(), "no API reference page"
    if (REPO / "references.bib").is_file():
        assert (html / "bibliography.html").is_file(), "no bibliography page"
    for ch in CHAPTERS:
        assert (html / "slides" / f"{ch.stem}.slides.html").is_file(), f"no slides for {ch.stem}"
        page = (html / "notebooks" / f"{ch.stem}.html").read_text(encoding="utf-8")
        assert f'href="../slides/{ch.stem}.slides.html"' in page, f"{ch.stem} does not link its slides"
