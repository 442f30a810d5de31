"""The course's sources: parse ``references.bib`` and write each notebook's "## References" cell.

Chapters cite in their markdown with a link to an anchor of their own references section::

    Hopfield showed it in 1982 ([Hopfield 1982](#ref-hopfield1982)); see also
    [the Oxford report](#ref-nartallo).

``python -m tools.bibliography`` (run from the repository root) finds those
citations in every notebook of ``notebooks/`` and ``solutions/`` and writes, as the notebook's
last cell, a markdown cell ``## References`` with one line per cited key, in author-year style,
each line starting with its anchor ``<a id="ref-KEY"></a>``. Only that cell is touched; the
notebook is written (atomically) only when the cell changes, so running twice changes nothing.
``exercises/`` is not written: it inherits the cell from ``solutions/`` through
``python -m tools.authoring``.

Options: ``--check`` writes nothing and exits 1 when a References cell is missing or stale;
``--report`` lists citations that do not resolve, entries never cited, notebooks mentioning the
storage names of the reference documents and author-year text that is not a citation link;
``--site PATH`` writes the whole bibliography as one markdown page (:func:`bibliography_markdown`).

What counts as a citation of an entry (the test ``tests/test_references.py`` uses the same rule):
a link ``](#ref-KEY)`` (or ``href="#ref-KEY"``) in a notebook of ``notebooks/``, ``solutions/`` or
``exercises/``, or the token ``bib:KEY`` in ``README.md`` or in the package ``hopfield_course/``
(docstrings cite by author, title and year; they may add ``bib:KEY`` to tie that text to the entry).

The BibTeX parser is a small one of our own (no dependency): entries ``@type{key, field = {...}}``
with braced or quoted values, ``#`` concatenation, ``@string`` macros and bare numbers;
``@comment`` and ``@preamble`` are skipped, text outside entries is ignored. LaTeX accents
(``{\\'o}``, ``{\\"u}``, ``{\\c{c}}``, ``{\\L}``, ...), ``--`` and TeX quotes become Unicode.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
BIB_PATH = REPO / "references.bib"
NOTEBOOK_DIRS = ("notebooks", "solutions")
CITING_DIRS = ("notebooks", "solutions", "exercises")
HEADING = "## References"
CELL_TAG = "references"
# the documents of the course also have a short form used in the prose
REFERENCE_DOCUMENTS = ("nartallo", "pcbs", "varma", "cardin2023")

CITE_RE = re.compile(r"\]\(#ref-([A-Za-z0-9_:.\-]+)\)|href=[\"']#ref-([A-Za-z0-9_:.\-]+)[\"']")
BIB_TOKEN_RE = re.compile(r"\bbib:([A-Za-z0-9_:.\-]+)")
STORAGE_NAME_RE = re.compile(r"seed[ _-]?00", re.IGNORECASE)
REQUIRED_FIELDS = ("author", "title", "year")


class BibError(ValueError):
    """``references.bib`` cannot be parsed, or an entry is malformed."""


@dataclass(frozen=True)
class Entry:
    """One BibTeX entry: its key, its type (lowercase) and its fields (raw LaTeX values)."""

    key: str
    entry_type: str
    fields: dict = field(default_factory=dict)
    line: int = 0

    def get(self, name: str, default: str = "") -> str:
        """The field ``name`` converted to plain Unicode text (``default`` when absent)."""
        value = self.fields.get(name.lower())
        return default if value is None else latex_to_text(value)


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------

_MONTHS = {m: m.capitalize() for m in
           ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")}


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _read_braced(text: str, i: int, where: str) -> tuple[str, int]:
    """``text[i] == '{'``: the content up to the matching brace, and the index after it."""
    depth, start = 0, i
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:i], i + 1
        i += 1
    raise BibError(f"{where}: unbalanced braces (opened on line {_line_of(text, start)})")


def _read_quoted(text: str, i: int, where: str) -> tuple[str, int]:
    """``text[i] == '"'``: the content up to the closing quote at brace depth 0."""
    depth, start = 0, i
    i += 1
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == '"' and depth == 0:
            return text[start + 1:i], i + 1
        i += 1
    raise BibError(f"{where}: unterminated quoted value (opened on line {_line_of(text, start)})")


def _read_value(text: str, i: int, strings: dict, where: str) -> tuple[str, int]:
    """A field value: pieces joined by ``#``; each braced, quoted, a number or a macro."""
    parts = []
    while True:
        i = _skip_ws(text, i)
        if i >= len(text):
            raise BibError(f"{where}: the file ends inside a field value")
        c = text[i]
        if c == "{":
            piece, i = _read_braced(text, i, where)
        elif c == '"':
            piece, i = _read_quoted(text, i, where)
        else:
            m = re.compile(r"[A-Za-z0-9_:.+\-]+").match(text, i)
            if not m:
                raise BibError(f"{where}: expected a value (braced, quoted, a number or a macro) "
                               f"on line {_line_of(text, i)}, got {text[i:i + 20]!r}")
            word, i = m.group(0), m.end()
            if word.isdigit():
                piece = word
            elif word.lower() in strings:
                piece = strings[word.lower()]
            elif word.lower() in _MONTHS:
                piece = _MONTHS[word.lower()]
            else:
                raise BibError(f"{where}: unknown macro {word!r} on line {_line_of(text, i)} "
                               "(define it with @string or put the value in braces)")
        parts.append(piece)
        i = _skip_ws(text, i)
        if i < len(text) and text[i] == "#":
            i += 1
            continue
        return "".join(parts), i


def parse_bibtex(text: str, *, source: str = "references.bib") -> dict[str, Entry]:
    """Parse BibTeX ``text`` into ``{key: Entry}``, in file order.

    Raises :class:`BibError` naming the line on malformed input and on a duplicate key
    (keys compare case-insensitively, as in BibTeX).
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_bibtex: text must be a str, got {type(text).__name__}")
    entries: dict[str, Entry] = {}
    seen: dict[str, str] = {}
    strings: dict[str, str] = {}
    i = 0
    n = len(text)
    while i < n:
        at = text.find("@", i)
        if at < 0:
            break
        # an @ inside a %-comment line is not an entry
        line_start = text.rfind("\n", 0, at) + 1
        if text[line_start:at].lstrip().startswith("%"):
            i = text.find("\n", at)
            i = n if i < 0 else i
            continue
        m = re.compile(r"@\s*([A-Za-z]+)\s*([{(])").match(text, at)
        if not m:
            raise BibError(f"{source}, line {_line_of(text, at)}: '@' not followed by an entry type and '{{'")
        etype, opener = m.group(1).lower(), m.group(2)
        where = f"{source}, line {_line_of(text, at)}"
        if etype in ("comment", "preamble"):
            if opener == "{":
                _, i = _read_braced(text, m.end() - 1, where)
            else:
                close = text.find(")", m.end())
                i = n if close < 0 else close + 1
            continue
        closer = "}" if opener == "{" else ")"
        i = _skip_ws(text, m.end())
        if etype == "string":
            km = re.compile(r"([A-Za-z][A-Za-z0-9_:.\-]*)\s*=").match(text, i)
            if not km:
                raise BibError(f"{where}: @string needs 'name = value'")
            value, i = _read_value(text, km.end(), strings, where)
            strings[km.group(1).lower()] = value
            i = _skip_ws(text, i)
            if i >= n or text[i] != closer:
                raise BibError(f"{where}: @string not closed by {closer!r}")
            i += 1
            continue
        km = re.compile(r"([^\s,{}()=\"#%]+)\s*,").match(text, i)
        if not km:
            raise BibError(f"{where}: expected the entry key and a comma after '@{etype}{opener}'")
        key = km.group(1)
        i = km.end()
        fields: dict[str, str] = {}
        while True:
            i = _skip_ws(text, i)
            if i >= n:
                raise BibError(f"{where}: entry {key!r} is not closed by {closer!r}")
            if text[i] == closer:
                i += 1
                break
            fm = re.compile(r"([A-Za-z][A-Za-z0-9_\-]*)\s*=").match(text, i)
            if not fm:
                raise BibError(f"{where}: entry {key!r}: expected 'field = value' on line "
                               f"{_line_of(text, i)}, got {text[i:i + 30]!r}")
            name = fm.group(1).lower()
            value, i = _read_value(text, fm.end(), strings, f"{where}, entry {key!r}, field {name!r}")
            if name in fields:
                raise BibError(f"{where}: entry {key!r} has the field {name!r} twice")
            fields[name] = " ".join(value.split())
            i = _skip_ws(text, i)
            if i < n and text[i] == ",":
                i += 1
        low = key.lower()
        if low in seen:
            raise BibError(f"{where}: duplicate key {key!r} (first defined as {seen[low]!r})")
        seen[low] = key
        entries[key] = Entry(key, etype, fields, _line_of(text, at))
    return entries


def load_bibliography(path: str | os.PathLike = BIB_PATH) -> dict[str, Entry]:
    """Read and parse the bibliography file (default: ``references.bib`` at the repository root)."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"load_bibliography: no bibliography file at {path}")
    return parse_bibtex(path.read_text(encoding="utf-8"), source=path.name)


def entry_problems(entry: Entry) -> list[str]:
    """What is wrong with one entry: missing required fields, a DOI given as a URL, ..."""
    problems = []
    for name in REQUIRED_FIELDS:
        if not entry.fields.get(name, "").strip():
            problems.append(f"{entry.key}: no {name}")
    doi = entry.fields.get("doi", "")
    if doi and not re.fullmatch(r"10\.\d{4,9}/\S+", doi):
        problems.append(f"{entry.key}: doi {doi!r} is not of the form 10.NNNN/suffix")
    year = entry.fields.get("year", "")
    if year and not re.fullmatch(r"(1[6-9]\d\d|20\d\d)[a-z]?|n\.d\.", year):
        problems.append(f"{entry.key}: year {year!r} is neither a year nor 'n.d.'")
    if entry.key != entry.key.lower():
        problems.append(f"{entry.key}: keys are lowercase")
    return problems


# --------------------------------------------------------------------------------------------
# LaTeX to text
# --------------------------------------------------------------------------------------------

_ACCENTS = {"'": "\u0301", "`": "\u0300", '"': "\u0308", "^": "\u0302", "~": "\u0303",
            "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
            "c": "\u0327", "k": "\u0328", "r": "\u030a"}
_SYMBOLS = {"L": "Ł", "l": "ł", "o": "ø", "O": "Ø", "ss": "ß", "aa": "å", "AA": "Å",
            "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "i": "ı", "j": "ȷ", "&": "&",
            "%": "%", "$": "$", "#": "#", "_": "_", "textendash": "–", "textemdash": "—"}


def _accent(mark: str, letter: str) -> str:
    letter = {"\\i": "i", "\\j": "j"}.get(letter, letter)
    return unicodedata.normalize("NFC", letter + _ACCENTS[mark])


def latex_to_text(value: str) -> str:
    """Plain Unicode text for a BibTeX field value (accents, dashes, quotes; braces removed)."""
    s = value
    # accents: \'o  \'{o}  {\'o}  \c{c}  \c c
    s = re.sub(r"\\([`'\"^~=.])\s*\{(\\?[A-Za-z])\}", lambda m: _accent(m.group(1), m.group(2)), s)
    s = re.sub(r"\\([`'\"^~=.])(\\?[A-Za-z])", lambda m: _accent(m.group(1), m.group(2)), s)
    s = re.sub(r"\\([uvHckr])\s*\{(\\?[A-Za-z])\}", lambda m: _accent(m.group(1), m.group(2)), s)
    s = re.sub(r"\\([uvHckr]) (\\?[A-Za-z])", lambda m: _accent(m.group(1), m.group(2)), s)
    s = re.sub(r"\\(ss|aa|AA|ae|AE|oe|OE|textendash|textemdash|[LlOoij])(?![A-Za-z])\s*",
               lambda m: _SYMBOLS[m.group(1)], s)
    s = re.sub(r"\\([&%$#_])", lambda m: m.group(1), s)
    s = s.replace("---", "—").replace("--", "–").replace("``", "“").replace("''", "”")
    s = s.replace("~", "\u00a0")
    s = re.sub(r"\\[A-Za-z]+\s*", "", s)  # any other command: drop the command, keep its argument
    s = s.replace("{", "").replace("}", "")
    return " ".join(s.split())


# --------------------------------------------------------------------------------------------
# Names and formatting
# --------------------------------------------------------------------------------------------

def _split_top(value: str, sep: str) -> list[str]:
    """Split a raw field at ``sep`` (a word, surrounded by spaces) outside braces."""
    parts, depth, cur, i = [], 0, [], 0
    pat = re.compile(rf"\s+{sep}\s+", re.IGNORECASE)
    while i < len(value):
        c = value[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        if depth == 0:
            m = pat.match(value, i)
            if m:
                parts.append("".join(cur))
                cur = []
                i = m.end()
                continue
        cur.append(c)
        i += 1
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


@dataclass(frozen=True)
class Name:
    last: str
    first: str = ""
    corporate: bool = False

    def initials(self) -> str:
        out = []
        for word in self.first.split():
            pieces = [p for p in word.split("-") if p]
            out.append("-".join(p[0] + "." if not p.endswith(".") else p for p in pieces))
        return " ".join(out)

    def formatted(self) -> str:
        """``Last, F. M.`` (or the corporate name as written)."""
        if self.corporate or not self.first:
            return self.last
        return f"{self.last}, {self.initials()}"


def parse_names(raw: str) -> list[Name]:
    """The authors (or editors) of a raw BibTeX field: ``Last, First and First Last and {Corp}``."""
    names = []
    for part in _split_top(raw, "and"):
        if part.startswith("{") and part.endswith("}") and _read_braced(part, 0, "name")[1] == len(part):
            names.append(Name(latex_to_text(part), corporate=True))
            continue
        if part.lower() == "others":
            names.append(Name("others", corporate=True))
            continue
        pieces = [p.strip() for p in _top_commas(part)]
        if len(pieces) >= 2:
            names.append(Name(latex_to_text(pieces[0]), latex_to_text(pieces[-1])))
        else:
            words = latex_to_text(part).split()
            names.append(Name(words[-1], " ".join(words[:-1])))
    return names


def _top_commas(part: str) -> list[str]:
    out, depth, cur = [], 0, []
    for c in part:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        if c == "," and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(c)
    out.append("".join(cur))
    return out


def _join_names(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    if items[-1] == "others":
        return ", ".join(items[:-1]) + " et al."
    return ", ".join(items[:-1]) + " and " + items[-1]


def short_label(entry: Entry) -> str:
    """The in-text form of a citation: ``Hopfield 1982``, ``Hopfield and Tank 1985``, ``Amit et al. 1985``."""
    names = parse_names(entry.fields.get("author", "")) or [Name(entry.key, corporate=True)]
    year = entry.get("year", "n.d.")
    if len(names) == 1:
        who = names[0].last
    elif len(names) == 2 and names[1].last != "others":
        who = f"{names[0].last} and {names[1].last}"
    else:
        who = f"{names[0].last} et al."
    return f"{who} {year}"


def citation(key: str, *, text: str | None = None, entries: dict[str, Entry] | None = None) -> str:
    """The markdown citation link for ``key``: ``[Hopfield 1982](#ref-hopfield1982)``."""
    entries = load_bibliography() if entries is None else entries
    if key not in entries:
        raise KeyError(f"citation: no entry {key!r} in the bibliography (known keys: {', '.join(sorted(entries))})")
    return f"[{text or short_label(entries[key])}](#ref-{key})"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


def _md_escape(text: str) -> str:
    """Escape the markdown characters that would change the meaning of plain text."""
    return re.sub(r"([*_`\[\]<>$])", r"\\\1", text)


def _link(entry: Entry) -> str:
    doi = entry.get("doi")
    if doi:
        return f"[doi:{doi}](https://doi.org/{doi})"
    url = entry.get("url")
    if url:
        shown = re.sub(r"^https?://", "", url).rstrip("/")
        return f"[{shown}]({url})"
    return ""


def format_entry(entry: Entry) -> str:
    """One markdown line in author-year style: authors (year). Title. Venue. Link."""
    e = entry
    authors = _join_names([n.formatted() for n in parse_names(e.fields.get("author", ""))])
    year = e.get("year", "n.d.")
    title = _md_escape(e.get("title"))
    parts = [f"{_md_escape(authors)} ({year}).".replace("..", ".")]
    t = e.entry_type
    if t in ("book", "techreport", "phdthesis", "mastersthesis", "misc", "manual", "unpublished"):
        parts.append(_sentence(f"*{title}*") if title[-1:] not in ".?!" else f"*{title}*")
    else:
        parts.append(_sentence(title))
    volnum = e.get("volume") + (f"({e.get('number')})" if e.get("number") and e.get("volume") else "")
    pages = e.get("pages")
    if t == "article":
        venue = f"*{_md_escape(e.get('journal'))}*"
        if volnum:
            venue += f" {volnum}"
        if pages:
            venue += f", {pages}"
        parts.append(_sentence(venue))
    elif t in ("inproceedings", "incollection", "inbook", "conference"):
        venue = "In "
        editors = parse_names(e.fields.get("editor", ""))
        if editors:
            eds = _join_names([f"{n.initials()} {n.last}".strip() for n in editors])
            venue += f"{_md_escape(eds)} ({'eds.' if len(editors) > 1 else 'ed.'}), "
        venue += f"*{_md_escape(e.get('booktitle'))}*"
        if e.get("series"):
            venue += f", {_md_escape(e.get('series'))}"
            if e.get("volume"):
                venue += f" {e.get('volume')}"
        if pages:
            venue += f", pp. {pages}" if "-" in pages or "–" in pages else f", p. {pages}"
        parts.append(_sentence(venue))
        pub = ", ".join(x for x in (e.get("publisher"), e.get("address")) if x)
        if pub:
            parts.append(_sentence(_md_escape(pub)))
    elif t == "book":
        if e.get("series"):
            parts.append(_sentence(_md_escape(e.get("series"))))
        pub = ", ".join(x for x in (e.get("publisher"), e.get("address")) if x)
        if pub:
            parts.append(_sentence(_md_escape(pub)))
    elif t in ("techreport", "phdthesis", "mastersthesis"):
        what = ", ".join(x for x in (e.get("type"), e.get("institution") or e.get("school")) if x)
        if what:
            parts.append(_sentence(_md_escape(what)))
    else:  # misc and anything else
        if e.get("howpublished"):
            parts.append(_sentence(_md_escape(e.get("howpublished"))))
        if e.get("publisher"):
            parts.append(_sentence(_md_escape(e.get("publisher"))))
    if e.get("note"):
        parts.append(_sentence(_md_escape(e.get("note"))))
    link = _link(e)
    if link:
        parts.append(link)
    return " ".join(p for p in parts if p)


def sort_key(entry: Entry) -> tuple:
    """Alphabetical by first author's surname (accents ignored), then year, then title."""
    names = parse_names(entry.fields.get("author", ""))
    first = names[0].last if names else entry.key
    plain = "".join(c for c in unicodedata.normalize("NFD", first) if not unicodedata.combining(c)).lower()
    others = " ".join(n.last for n in names[1:]).lower()
    return (plain, entry.get("year"), others, entry.get("title").lower(), entry.key)


def reference_line(entry: Entry) -> str:
    """The line of a References cell: the anchor followed by the formatted entry."""
    return f'<a id="ref-{entry.key}"></a>{format_entry(entry)}'


# --------------------------------------------------------------------------------------------
# Notebooks
# --------------------------------------------------------------------------------------------

def is_references_cell(cell) -> bool:
    return cell.get("cell_type") == "markdown" and cell.get("source", "").lstrip().startswith(HEADING)


def cited_keys_in_text(text: str) -> list[str]:
    """The keys of the citation links in ``text``, in order of first appearance."""
    out: list[str] = []
    for m in CITE_RE.finditer(text):
        key = m.group(1) or m.group(2)
        if key not in out:
            out.append(key)
    return out


def cited_keys(nb) -> list[str]:
    """The keys cited in a notebook's markdown cells (its References cell excluded), in order."""
    out: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "markdown" or is_references_cell(cell):
            continue
        for key in cited_keys_in_text(cell.source):
            if key not in out:
                out.append(key)
    return out


def references_source(keys, entries: dict[str, Entry]) -> str:
    """The full text of a References cell for ``keys`` (unknown keys raise KeyError)."""
    missing = [k for k in keys if k not in entries]
    if missing:
        raise KeyError(f"references_source: no bibliography entry for {', '.join(missing)}")
    chosen = sorted((entries[k] for k in set(keys)), key=sort_key)
    lines = [HEADING, ""] + [f"- {reference_line(e)}" for e in chosen]
    return "\n".join(lines)


@dataclass
class NotebookResult:
    """What :func:`refresh_notebook` did to one notebook."""

    path: Path
    cited: list
    missing: list
    changed: bool
    action: str  # "unchanged", "updated", "added", "removed", "skipped"


def _write_atomic(nb, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            nbformat.write(nb, fh)
        os.chmod(tmp, path.stat().st_mode & 0o7777)  # mkstemp makes it 0600: keep the notebook's mode
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def planned_references(nb, entries: dict[str, Entry]) -> tuple[str | None, list, list]:
    """``(cell source or None, cited keys, unknown keys)`` for a notebook; None when it cites nothing."""
    keys = cited_keys(nb)
    missing = [k for k in keys if k not in entries]
    known = [k for k in keys if k in entries]
    return (references_source(known, entries) if known else None), keys, missing


def references_state(nb, entries: dict[str, Entry]) -> str:
    """``"ok"``, ``"missing"`` (citations but no References cell at the end), ``"stale"`` or ``"extra"``."""
    want, _, _ = planned_references(nb, entries)
    ref_cells = [i for i, c in enumerate(nb.cells) if is_references_cell(c)]
    if want is None:
        return "extra" if ref_cells else "ok"
    if not ref_cells:
        return "missing"
    if ref_cells != [len(nb.cells) - 1] or nb.cells[-1].source != want:
        return "stale"
    return "ok"


def refresh_notebook(path: str | os.PathLike, entries: dict[str, Entry] | None = None, *,
                     write: bool = True) -> NotebookResult:
    """Make the last cell of ``path`` its References cell (see the module docstring).

    Reads the notebook, changes only the References cell (adds it at the end, rewrites it, moves
    it to the end or removes it when nothing is cited any more) and writes it back at once,
    atomically, only when something changed. Unknown keys are left out of the cell and returned
    in ``missing``. With ``write=False`` nothing is written (``changed`` tells what would happen).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"refresh_notebook: no notebook at {path}")
    entries = load_bibliography() if entries is None else entries
    for _attempt in range(5):
        result = _refresh_once(path, entries, write)
        if result is not None:
            return result
    raise RuntimeError(f"refresh_notebook: {path} kept changing while it was being updated; try again")


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (st.st_mtime_ns, st.st_size)


def _refresh_once(path: Path, entries: dict[str, Entry], write: bool) -> NotebookResult | None:
    """One read-change-write; None when another process rewrote the notebook in between."""
    stamp = _stamp(path)
    nb = nbformat.read(path, as_version=4)
    want, keys, missing = planned_references(nb, entries)
    ref_idx = [i for i, c in enumerate(nb.cells) if is_references_cell(c)]
    action = "unchanged"
    if want is None:
        if ref_idx:
            for i in reversed(ref_idx):
                del nb.cells[i]
            action = "removed"
    else:
        if not ref_idx:
            cell = nbformat.v4.new_markdown_cell(want)
            cell.metadata["tags"] = [CELL_TAG]
            nb.cells.append(cell)
            action = "added"
        else:
            keep = nb.cells[ref_idx[0]]
            in_place = ref_idx == [len(nb.cells) - 1]
            if not in_place or keep.source != want:
                for i in reversed(ref_idx):
                    del nb.cells[i]
                keep.source = want
                tags = keep.metadata.setdefault("tags", [])
                if CELL_TAG not in tags:
                    tags.append(CELL_TAG)
                nb.cells.append(keep)
                action = "updated"
    changed = action != "unchanged"
    if changed and write:
        if _stamp(path) != stamp:  # someone else wrote it meanwhile: start again from their version
            return None
        _write_atomic(nb, path)
    return NotebookResult(path, keys, missing, changed, action)


def course_notebooks(repo: Path = REPO, dirs=NOTEBOOK_DIRS) -> list[Path]:
    """The notebooks ``NN_*.ipynb`` of ``dirs`` under ``repo``, sorted."""
    out = []
    for d in dirs:
        out.extend(sorted((Path(repo) / d).glob("[0-9][0-9]_*.ipynb")))
    return out


def refresh_all(repo: Path = REPO, *, write: bool = True, bib: Path | None = None) -> list[NotebookResult]:
    """:func:`refresh_notebook` on every notebook of ``notebooks/`` and ``solutions/``."""
    entries = load_bibliography(bib or Path(repo) / "references.bib")
    return [refresh_notebook(p, entries, write=write) for p in course_notebooks(repo)]


# --------------------------------------------------------------------------------------------
# Whole-course views: usage, report, site page
# --------------------------------------------------------------------------------------------

def citations_by_key(repo: Path = REPO) -> dict[str, list[str]]:
    """``{key: [where it is cited, ...]}`` over the whole course (see the module docstring)."""
    repo = Path(repo)
    where: dict[str, list[str]] = {}
    for path in course_notebooks(repo, CITING_DIRS):
        nb = nbformat.read(path, as_version=4)
        for key in cited_keys(nb):
            where.setdefault(key, []).append(str(path.relative_to(repo)))
    texts = []
    readme = repo / "README.md"
    if readme.is_file():
        texts.append(readme)
    pkg = repo / "hopfield_course"
    if pkg.is_dir():
        texts.extend(sorted(pkg.rglob("*.py")))
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for key in dict.fromkeys(BIB_TOKEN_RE.findall(text)):
            where.setdefault(key, []).append(str(path.relative_to(repo)))
    return where


def storage_name_hits(repo: Path = REPO) -> dict[str, int]:
    """``{file: count}`` of "seed 00" (any case, with space, '_' or '-' or nothing) in the course."""
    repo = Path(repo)
    files = [*course_notebooks(repo, CITING_DIRS)]
    files += [p for p in [repo / "README.md"] if p.is_file()]
    files += sorted((repo / "hopfield_course").rglob("*.py")) if (repo / "hopfield_course").is_dir() else []
    hits = {}
    for path in files:
        n = len(STORAGE_NAME_RE.findall(path.read_text(encoding="utf-8")))
        if n:
            hits[str(path.relative_to(repo))] = n
    return hits


_LINK_SPAN = re.compile(r"\[[^\]]*\]\(#ref-[^)]*\)")
_AUTHOR_YEAR = re.compile(
    r"\b([A-Z][A-Za-zÀ-ÿ'\-]+)(?:,? (?:and|&) [A-Z][A-Za-zÀ-ÿ'\-]+| et al\.?|(?:, [A-Z][A-Za-zÀ-ÿ'\-]+)+,? and [A-Z][A-Za-zÀ-ÿ'\-]+)?"
    r",? \(?((?:1[89]|20)\d\d)[a-z]?\b")


def unlinked_author_years(text: str, surnames: set[str]) -> list[str]:
    """Author-year mentions (``Storkey (1997)``, ``Glauber 1963``) that are not inside a citation link.

    Only surnames of bibliography authors count, which keeps out "In 1982" and the like.
    """
    stripped = _LINK_SPAN.sub(" ", text)
    found = [m.group(0) for m in _AUTHOR_YEAR.finditer(stripped) if m.group(1) in surnames]
    return [f + ")" if "(" in f else f for f in found]


def author_surnames(entries: dict[str, Entry]) -> set[str]:
    return {n.last for e in entries.values() for n in parse_names(e.fields.get("author", "")) if not n.corporate}


def report(repo: Path = REPO) -> str:
    """A plain-text report: unresolved citations, uncited entries, storage names, unlinked author-years."""
    repo = Path(repo)
    entries = load_bibliography(repo / "references.bib")
    used = citations_by_key(repo)
    lines = []
    problems = [p for e in entries.values() for p in entry_problems(e)]
    lines.append(f"bibliography: {len(entries)} entries, {len(problems)} problem(s)")
    lines += [f"  {p}" for p in problems]
    unresolved = {k: v for k, v in used.items() if k not in entries}
    lines.append(f"cited but not in references.bib: {len(unresolved)}")
    lines += [f"  {k}: {', '.join(v)}" for k, v in sorted(unresolved.items())]
    uncited = [k for k in entries if k not in used]
    lines.append(f"in references.bib but never cited: {len(uncited)}")
    lines += [f"  {k} ({short_label(entries[k])})" for k in uncited]
    stale = []
    for path in course_notebooks(repo):
        state = references_state(nbformat.read(path, as_version=4), entries)
        if state != "ok":
            stale.append(f"  {path.relative_to(repo)}: {state}")
    lines.append(f"References cells missing or stale: {len(stale)}")
    lines += stale
    hits = storage_name_hits(repo)
    lines.append(f"files with 'seed 00': {len(hits)}")
    lines += [f"  {f}: {n}" for f, n in hits.items()]
    surnames = author_surnames(entries)
    unlinked = []
    for path in course_notebooks(repo):
        nb = nbformat.read(path, as_version=4)
        found = []
        for cell in nb.cells:
            if cell.cell_type == "markdown" and not is_references_cell(cell):
                found += unlinked_author_years(cell.source, surnames)
        if found:
            unlinked.append(f"  {path.relative_to(repo)}: {'; '.join(dict.fromkeys(found))}")
    lines.append(f"notebooks with author-year text that is not a citation link: {len(unlinked)}")
    lines += unlinked
    return "\n".join(lines)


def bibliography_markdown(repo: Path = REPO, *, link_prefix: str = "", title: str = "Bibliography") -> str:
    """The whole bibliography as one markdown page (for the course site).

    Entries are grouped into the course's reference documents and the primary literature, each
    with its anchor ``ref-KEY`` and the chapters that cite it, linked as
    ``{link_prefix}notebooks/NN_name.ipynb`` (use ``link_prefix`` when the page does not sit at
    the root of the site's sources).
    """
    repo = Path(repo)
    entries = load_bibliography(repo / "references.bib")
    used = citations_by_key(repo)
    titles = {}
    for path in course_notebooks(repo, ("notebooks",)):
        titles[path.stem] = path.stem[:2]

    def cited_in(key: str) -> str:
        chapters = sorted({Path(w).stem for w in used.get(key, []) if w.startswith("notebooks/")})
        sols = sorted({Path(w).stem for w in used.get(key, []) if w.startswith("solutions/")})
        links = [f"[{s[:2]}]({link_prefix}notebooks/{s}.ipynb)" for s in chapters]
        links += [f"[solutions {s[:2]}]({link_prefix}solutions/{s}.ipynb)" for s in sols if s not in chapters]
        return f" Cited in chapter{'s' if len(chapters) > 1 else ''} " + ", ".join(links) + "." if links else ""

    docs = [entries[k] for k in REFERENCE_DOCUMENTS if k in entries]
    rest = sorted((e for k, e in entries.items() if k not in REFERENCE_DOCUMENTS), key=sort_key)
    out = [f"# {title}", "",
           "Every work the course relies on. The chapters cite them in author-year form; each chapter "
           "ends with its own list of references. The four documents the course follows come first, "
           "then the primary literature in alphabetical order.", "",
           "## The reference documents of the course", ""]
    out += [f"- {reference_line(e)}{cited_in(e.key)}" for e in docs]
    out += ["", "## Primary literature", ""]
    out += [f"- {reference_line(e)}{cited_in(e.key)}" for e in rest]
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a References cell is missing or stale")
    parser.add_argument("--report", action="store_true", help="print the citation report and exit")
    parser.add_argument("--site", metavar="PATH", help="write the bibliography page (markdown) to PATH and exit")
    args = parser.parse_args(argv)
    if args.report:
        print(report())
        return 0
    if args.site:
        Path(args.site).write_text(bibliography_markdown(), encoding="utf-8")
        print(f"wrote {args.site}")
        return 0
    results = refresh_all(write=not args.check)
    bad = 0
    for r in results:
        rel = r.path.relative_to(REPO)
        if r.missing:
            print(f"{rel}: cites unknown key(s) {', '.join(r.missing)}", file=sys.stderr)
            bad += 1
        if r.changed:
            verb = {"added": "would add", "updated": "would update", "removed": "would remove"}[r.action] \
                if args.check else r.action
            print(f"{rel}: References cell {verb} ({len(r.cited)} key(s))")
    n_changed = sum(r.changed for r in results)
    print(f"{len(results)} notebook(s), {n_changed} {'stale' if args.check else 'changed'}, "
          f"{bad} with unknown keys")
    return 1 if (bad or (args.check and n_changed)) else 0


if __name__ == "__main__":
    sys.exit(main())
