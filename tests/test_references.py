"""The course's sources: ``references.bib``, the citations of the notebooks and their References cells.

What is checked (the rule for "cited" is the one of ``tools/bibliography.py``):

* every entry of ``references.bib`` parses and has an author, a title and a year (``n.d.`` for
  undated documents), a well-formed DOI when it has one, and a lowercase key;
* every citation ``](#ref-KEY)`` in ``notebooks/``, ``solutions/`` and ``exercises/`` resolves to an entry;
* every entry is cited somewhere in the course: by a link ``](#ref-KEY)`` in a notebook of
  ``notebooks/``, ``solutions/`` or ``exercises/``, or by the token ``bib:KEY`` in ``README.md`` or
  in the package (docstrings cite by author, title and year and may add ``bib:KEY``);
* every chapter of ``notebooks/`` ends with its "## References" cell, and that cell (and the one of
  every solution that cites) is exactly what ``python -m tools.bibliography`` writes; in an
  exercise notebook every cited key has its anchor (the cell comes from the solution);
* the storage names of the reference documents ("seed 00...", any case) appear nowhere in
  ``notebooks/``, ``solutions/``, ``exercises/``, ``hopfield_course/`` or ``README.md``;
* the parser, the formatter and the writer themselves (idempotent, touches only the last cell).

Run ``python -m tools.bibliography`` to refresh the References cells, ``--report`` for a summary.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from tools import bibliography as bib

REPO = Path(__file__).resolve().parent.parent

_NB_CACHE: dict[Path, object] = {}


def read_nb(path: Path):
    if path not in _NB_CACHE:
        _NB_CACHE[path] = nbformat.read(path, as_version=4)
    return _NB_CACHE[path]


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


ENTRIES = bib.load_bibliography(REPO / "references.bib")
CHAPTERS = bib.course_notebooks(REPO, ("notebooks",))
SOLUTIONS = bib.course_notebooks(REPO, ("solutions",))
EXERCISES = bib.course_notebooks(REPO, ("exercises",))
ALL_NOTEBOOKS = CHAPTERS + SOLUTIONS + EXERCISES


# ---------------------------------------------------------------------------------------------
# The bibliography file
# ---------------------------------------------------------------------------------------------

def test_bibliography_has_the_reference_documents_and_primary_literature():
    for key in bib.REFERENCE_DOCUMENTS:
        assert key in ENTRIES, f"references.bib lacks the reference document {key!r}"
    assert len(ENTRIES) >= 30, f"only {len(ENTRIES)} entries in references.bib"


@pytest.mark.parametrize("key", list(ENTRIES))
def test_entry_is_complete(key):
    problems = bib.entry_problems(ENTRIES[key])
    assert not problems, "; ".join(problems)


# ---------------------------------------------------------------------------------------------
# Citations across the course
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=rel)
def test_citations_resolve(path):
    unknown = [k for k in bib.cited_keys(read_nb(path)) if k not in ENTRIES]
    assert not unknown, (f"{rel(path)} cites {', '.join(unknown)}, not in references.bib "
                         "(add the entry, or fix the key)")


def test_every_entry_is_cited():
    used = bib.citations_by_key(REPO)
    uncited = [f"{k} ({bib.short_label(ENTRIES[k])})" for k in ENTRIES if k not in used]
    assert not uncited, ("entries of references.bib cited nowhere in the course: " + ", ".join(uncited)
                         + " (cite them as [Author Year](#ref-KEY) in a chapter, or remove them)")


@pytest.mark.parametrize("path", CHAPTERS, ids=rel)
def test_chapter_ends_with_current_references_cell(path):
    nb = read_nb(path)
    assert bib.cited_keys(nb), f"{rel(path)} cites no source: every chapter has a references section"
    state = bib.references_state(nb, ENTRIES)
    assert state == "ok", (f"{rel(path)}: References cell {state}; "
                           "run `python -m tools.bibliography` from the repository root")


@pytest.mark.parametrize("path", SOLUTIONS, ids=rel)
def test_solution_references_cell_is_current(path):
    state = bib.references_state(read_nb(path), ENTRIES)
    assert state == "ok", (f"{rel(path)}: References cell {state}; "
                           "run `python -m tools.bibliography` from the repository root")


@pytest.mark.parametrize("path", EXERCISES, ids=rel)
def test_exercise_citations_have_anchors(path):
    nb = read_nb(path)
    anchors = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            anchors.update(re.findall(r'<a id="ref-([^"]+)"></a>', cell.source))
    dangling = [k for k in bib.cited_keys(nb) if k not in anchors]
    assert not dangling, (f"{rel(path)} cites {', '.join(dangling)} without an anchor: refresh the "
                          "solution's References cell, then run `python -m tools.authoring`")


def _storage_name_files():
    files = list(ALL_NOTEBOOKS) + [REPO / "README.md"] + sorted((REPO / "hopfield_course").rglob("*.py"))
    return [f for f in files if f.is_file()]


@pytest.mark.parametrize("path", _storage_name_files(), ids=rel)
def test_no_storage_names_of_the_reference_documents(path):
    text = path.read_text(encoding="utf-8")
    hits = [text[max(0, m.start() - 30):m.end() + 10].replace("\n", " ")
            for m in bib.STORAGE_NAME_RE.finditer(text)]
    assert not hits, (f"{rel(path)} names a reference document by its storage name {len(hits)} time(s), "
                      f"e.g. {hits[0]!r}: cite it by author and title (see references.bib)")


# ---------------------------------------------------------------------------------------------
# The tool itself
# ---------------------------------------------------------------------------------------------

SAMPLE = r"""
% a comment with an @ sign that is not an entry: @article{nope,
@string{pnas = "Proceedings of the National Academy of Sciences"}
@comment{ignored {nested} text}
@article{hopfield1982,
  author = {Hopfield, John J.},
  title = {Neural networks and {physical} systems},
  journal = pnas # " of the USA",
  volume = 79, pages = "2554--2558",
  year = {1982}, doi = {10.1073/pnas.79.8.2554}
}
@book{hertz1991, author = {John Hertz and Krogh, Anders and Palmer, Richard G.},
  title = {Introduction}, publisher = {Addison-Wesley}, year = 1991}
@inproceedings(peterson1989,
  author = {Peterson, Carsten and S{\"o}derberg, Bo and Fogelman-Souli{\'e}, Fran{\c{c}}oise},
  title = {``Neural'' maps}, booktitle = {Proc.}, year = {1989})
"""


def test_parser_reads_braces_quotes_macros_and_concatenation():
    entries = bib.parse_bibtex(SAMPLE)
    assert list(entries) == ["hopfield1982", "hertz1991", "peterson1989"]
    h = entries["hopfield1982"]
    assert h.entry_type == "article"
    assert h.get("journal") == "Proceedings of the National Academy of Sciences of the USA"
    assert h.get("title") == "Neural networks and physical systems"
    assert h.get("volume") == "79" and h.get("pages") == "2554–2558"
    assert entries["hertz1991"].get("year") == "1991"
    p = entries["peterson1989"]
    assert [n.last for n in bib.parse_names(p.fields["author"])] == ["Peterson", "Söderberg", "Fogelman-Soulié"]
    assert bib.parse_names(p.fields["author"])[2].first == "Françoise"
    assert p.get("title") == "“Neural” maps"


@pytest.mark.parametrize("text, message", [
    ("@article{a, title = {x}\n", "not closed"),
    ("@article{a, title = {x}}\n@book{A, title = {y}}", "duplicate key"),
    ("@article{a, title = {unbalanced}", "not closed"),
    ("@article{a, title = {x {y}", "unbalanced"),
    ("@article{a, journal = undefinedmacro}", "unknown macro"),
    ("@article{a, title = {x}, title = {y}}", "twice"),
    ("@article{, title = {x}}", "key"),
])
def test_parser_rejects_malformed_input_with_a_clear_message(text, message):
    with pytest.raises(bib.BibError, match=message):
        bib.parse_bibtex(text)


def test_parser_rejects_non_text():
    with pytest.raises(TypeError, match="text must be a str"):
        bib.parse_bibtex(b"@article{a, title={x}}")


def test_entry_problems_name_the_missing_fields():
    e = bib.parse_bibtex("@misc{Xy2000, title = {t}, doi = {doi.org/10.1/x}, year = {20}}")["Xy2000"]
    problems = " ".join(bib.entry_problems(e))
    for word in ("no author", "doi", "year", "lowercase"):
        assert word in problems


@pytest.mark.parametrize("latex, text", [
    (r"Sch{\"a}fl", "Schäfl"), (r"Pavlovi{\'c}", "Pavlović"), (r"Kaiser, {\L}ukasz", "Kaiser, Łukasz"),
    (r"Fran{\c{c}}oise", "Françoise"), (r"Zdeborov\'{a}", "Zdeborová"), ("1997--1998", "1997–1998"),
    (r"Ram{\'o}n", "Ramón"), (r"L{\"o}we", "Löwe"), (r"{B}oltzmann \& {H}opfield", "Boltzmann & Hopfield"),
])
def test_latex_to_text(latex, text):
    assert bib.latex_to_text(latex) == text


def test_formatting_author_year():
    entries = bib.parse_bibtex(SAMPLE)
    line = bib.format_entry(entries["hopfield1982"])
    assert line.startswith("Hopfield, J. J. (1982). Neural networks and physical systems.")
    assert "*Proceedings of the National Academy of Sciences of the USA* 79, 2554–2558." in line
    assert "[doi:10.1073/pnas.79.8.2554](https://doi.org/10.1073/pnas.79.8.2554)" in line
    assert bib.format_entry(entries["hertz1991"]).startswith("Hertz, J., Krogh, A. and Palmer, R. G. (1991). *Introduction*.")
    assert bib.short_label(entries["hopfield1982"]) == "Hopfield 1982"
    assert bib.short_label(entries["hertz1991"]) == "Hertz et al. 1991"
    assert bib.citation("hopfield1982", entries=entries) == "[Hopfield 1982](#ref-hopfield1982)"
    with pytest.raises(KeyError, match="no entry 'nobody2000'"):
        bib.citation("nobody2000", entries=entries)


def _notebook(tmp_path: Path, cells) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    path = tmp_path / "01_test.ipynb"
    nbformat.write(nb, path)
    return path


def test_refresh_writes_only_the_last_cell_and_is_idempotent(tmp_path):
    entries = bib.parse_bibtex(SAMPLE)
    md = nbformat.v4.new_markdown_cell("As [Hopfield 1982](#ref-hopfield1982) and [the book](#ref-hertz1991) "
                                       "and [someone](#ref-nobody2000) show.")
    code = nbformat.v4.new_code_cell("x = 1  # [not a citation](#ref-peterson1989)")
    path = _notebook(tmp_path, [md, code])
    before = json.loads(path.read_text())["cells"]

    r1 = bib.refresh_notebook(path, entries)
    assert (r1.action, r1.changed, r1.missing) == ("added", True, ["nobody2000"])
    nb = nbformat.read(path, as_version=4)
    last = nb.cells[-1]
    assert last.source.splitlines()[0] == "## References"
    assert '<a id="ref-hertz1991"></a>' in last.source and '<a id="ref-hopfield1982"></a>' in last.source
    assert "peterson1989" not in last.source and "nobody2000" not in last.source
    # alphabetical: Hertz before Hopfield
    assert last.source.index("ref-hertz1991") < last.source.index("ref-hopfield1982")
    after = json.loads(path.read_text())["cells"]
    assert after[:2] == before  # the other cells are untouched

    text = path.read_text()
    r2 = bib.refresh_notebook(path, entries)
    assert (r2.action, r2.changed) == ("unchanged", False)
    assert path.read_text() == text  # running twice changes nothing
    assert bib.references_state(nbformat.read(path, as_version=4), entries) == "ok"


def test_refresh_repairs_a_stale_or_misplaced_cell_and_removes_an_unneeded_one(tmp_path):
    entries = bib.parse_bibtex(SAMPLE)
    md = nbformat.v4.new_markdown_cell("See [Hopfield 1982](#ref-hopfield1982).")
    old = nbformat.v4.new_markdown_cell("## References\n\n- something old")
    tail = nbformat.v4.new_markdown_cell("A closing remark.")
    path = _notebook(tmp_path, [md, old, tail])
    assert bib.references_state(nbformat.read(path, as_version=4), entries) == "stale"
    assert bib.refresh_notebook(path, entries, write=False).changed
    assert nbformat.read(path, as_version=4).cells[1].source.startswith("## References\n\n- something")
    r = bib.refresh_notebook(path, entries)
    assert r.action == "updated"
    nb = nbformat.read(path, as_version=4)
    assert [c.source[:8] for c in nb.cells] == ["See [Hop", "A closin", "## Refer"]
    assert nb.cells[-1].id == old.id  # the cell keeps its id
    assert bib.references_state(nb, entries) == "ok"

    nb.cells[0].source = "No citation any more."
    nbformat.write(nb, path)
    assert bib.references_state(nbformat.read(path, as_version=4), entries) == "extra"
    assert bib.refresh_notebook(path, entries).action == "removed"
    assert [c.source for c in nbformat.read(path, as_version=4).cells] == ["No citation any more.",
                                                                            "A closing remark."]


def test_refresh_reports_a_missing_notebook(tmp_path):
    with pytest.raises(FileNotFoundError, match="no notebook"):
        bib.refresh_notebook(tmp_path / "nothing.ipynb", {})


def test_unlinked_author_year_text_is_found():
    surnames = {"Storkey", "Hopfield", "Tank"}
    text = ("Storkey (1997) improved it; [Hopfield 1982](#ref-hopfield1982) is linked; "
            "In 1985 Hopfield and Tank 1985 wrote.")
    found = bib.unlinked_author_years(text, surnames)
    assert found == ["Storkey (1997)", "Hopfield and Tank 1985"]


def test_bibliography_page_lists_every_entry_with_its_anchor():
    page = bib.bibliography_markdown(REPO)
    assert page.startswith("# Bibliography")
    for key in ENTRIES:
        assert f'<a id="ref-{key}"></a>' in page


def test_site_stages_the_bibliography_page(tmp_path):
    import sys

    sys.path.insert(0, str(REPO / "site"))
    try:
        import build_site
    finally:
        sys.path.remove(str(REPO / "site"))
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\nparts:\n")
    (tmp_path / "intro.md").write_text("# Intro\n")
    assert build_site.stage_bibliography(tmp_path, REPO)
    assert (tmp_path / "bibliography.md").read_text(encoding="utf-8") == bib.bibliography_markdown(REPO)
    assert "- file: bibliography" in (tmp_path / "_toc.yml").read_text()
    assert "(bibliography.md)" in (tmp_path / "intro.md").read_text()
    assert not build_site.stage_bibliography(tmp_path, tmp_path)  # no references.bib: nothing to stage


def test_refresh_keeps_the_file_mode(tmp_path):
    path = _notebook(tmp_path, [nbformat.v4.new_markdown_cell("[Hopfield 1982](#ref-hopfield1982)")])
    path.chmod(0o644)
    bib.refresh_notebook(path, bib.parse_bibtex(SAMPLE))
    assert path.stat().st_mode & 0o777 == 0o644
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind
