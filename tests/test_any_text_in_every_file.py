"""Whatever text the workspace holds, every file the app writes for people opens and shows
it: every code point (controls, noncharacters, surrogates, direction overrides, unassigned
ones included) through every .xlsx, .csv and PDF writer, read back with a strict parser.

What a file keeps of a text is said here on its own terms (not with the app's function),
as docs/formats/submission-set.md states it: CR LF, CR, VT, FF and NEL are line breaks;
the other control characters but tab, the surrogates, the noncharacters and the
bidirectional embeddings, overrides and isolates are removed; everything else is kept.
"""

from __future__ import annotations

import csv
import re
import subprocess
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from xml.parsers import expat

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from panel_app.edition import Edition, load_edition_by_key
from panel_app.formats.finalists import FinalistRow, FinalistsInfo, write_finalists
from panel_app.formats.nominee_list import write_nominee_list
from panel_app.formats.results import write_results
from panel_app.formats.review_workbook import (
    PROJECTS_SHEET,
    PackageInfo,
    identity_text,
    read_review_workbook,
    write_review_workbook,
)
from panel_app.reports.finalists import write_finalists_report
from panel_app.reports.nominees import write_nominee_report
from panel_app.reports.results import write_results_report
from tests.formats import test_nominee_list, test_results, test_review_workbook
from tests.reports import test_finalists_report, test_nominee_report, test_results_report
from tests.reports.pdf import pdf_text

# --- what a file keeps of a text -------------------------------------------------------

_DIRECTION_CONTROLS = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}


def kept(text: str) -> str:
    """The text a file holds for `text`."""
    out = []
    for char in text.replace("\r\n", "\n"):
        number = ord(char)
        if char in "\r\x0b\x0c\x85":
            out.append("\n")
        elif char in "\t\n":
            out.append(char)
        elif (
            unicodedata.category(char) in ("Cc", "Cs")
            or 0xFDD0 <= number <= 0xFDEF
            or number & 0xFFFE == 0xFFFE
            or unicodedata.bidirectional(char) in _DIRECTION_CONTROLS
        ):
            continue
        else:
            out.append(char)
    return "".join(out)


# Every code point may come, the ones the cleaning is about more often, and the texts
# that spreadsheets would take for something else (a formula, one of Excel's escapes).
_TRICKY = [
    *(chr(n) for n in range(0x20)),
    *(chr(n) for n in range(0x7F, 0xA0)),
    "\ud800", "\udfff", "\ud83d\ude00", "\ufdd0", "\ufffe", "\uffff", "\U0001fffe",
    "\U0010ffff", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
    "\u2068", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\ufeff", "\u2028",
    "=", "+", "-", "@", "'", "_x0041_", "_x000D_", "<b>&amp;", "جامعة", "北京",
]  # fmt: skip
TEXTS = st.lists(
    st.one_of(st.characters(exclude_categories=()), st.sampled_from(_TRICKY)), max_size=24
).map("".join)

# --- strict reading -------------------------------------------------------------------

_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def strict_xlsx(path: Path) -> openpyxl.Workbook:
    """The workbook, once every XML part has passed a strict (expat) parse."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                expat.ParserCreate().Parse(archive.read(name), True)
    return openpyxl.load_workbook(path)


def shown_in_excel(value: object) -> str:
    """A string cell as Excel and LibreOffice show it: its _xHHHH_ escapes undone
    (openpyxl gives the stored string)."""
    if value is None:
        return ""
    assert isinstance(value, str)
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, strict=True))


def unguarded(cell: str) -> str:
    """The documented rule for readers of the .csv: one leading U+200B is not the text's."""
    return cell.removeprefix("\u200b")


# --- the writers ----------------------------------------------------------------------

FINALISTS_INFO = FinalistsInfo(
    edition_key="wsis-2020",
    edition_title="WSIS Prizes 2020",
    finalists_per_category=5,
    vote_file="votes.csv",
    vote_file_sha256="0b" * 32,
    vote_kind="raw",
    votes_imported_at=datetime(2020, 3, 1, tzinfo=UTC),
    votes_read=10,
    votes_valid=9,
    votes_rejected=1,
    open_ties=0,
    notes="",
    workspace="panel.sqlite",
    inputs_sha256="cd" * 32,
    exported_at=datetime(2020, 3, 2, tzinfo=UTC),
    exported_by="secretariat",
)


def write_table(kind: str, path: Path, texts: list[str]) -> None:
    """One row per text, in each of the row's texts that a person typed (the project's
    and the chair's), in the list `kind`."""
    if kind == "nominees":
        rows = [
            test_nominee_list.nominee(
                t, organisation=t, country=t, stakeholder_type=t, decision_reasons=(t,)
            )
            for t in texts
        ]
        info = replace(test_nominee_list.INFO, exported_by=texts[0])
        write_nominee_list(path, rows, info)
    elif kind == "finalists":
        finalists = [
            FinalistRow("C7-ehealth", 10, "C7", "E-health", 1, "1001", t, t, t, t, 125,
                        "finalist", False, t)
            for t in texts
        ]  # fmt: skip
        write_finalists(path, finalists, FINALISTS_INFO)
    else:
        results = [
            replace(
                test_results.result(reason=t),
                title=t, organisation=t, country=t, stakeholder_type=t, decided_by=t,
            )
            for t in texts
        ]  # fmt: skip
        write_results(path, results, test_results.INFO)


# The columns (0-based) of those texts in each list.
COLUMNS = {
    "nominees": (4, 5, 6, 7, 13),
    "finalists": (6, 7, 8, 9, 13),
    "results": (4, 5, 6, 7, 12, 14),  # Decided by, Reason (after Analysed, format 3)
}
SHEETS = {"nominees": "Nominees", "finalists": "Finalists", "results": "Results"}
LISTS = tuple(COLUMNS)


def check_table(kind: str, folder: Path, texts: list[str]) -> None:
    xlsx, text_file = folder / f"{kind}.xlsx", folder / f"{kind}.csv"
    write_table(kind, xlsx, texts)
    write_table(kind, text_file, texts)
    sheet = strict_xlsx(xlsx)[SHEETS[kind]]
    for number, text in enumerate(texts, start=2):
        for column in COLUMNS[kind]:
            cell = sheet.cell(number, column + 1)
            assert cell.data_type == "s" or (cell.value is None and kept(text) == "")
            assert shown_in_excel(cell.value) == kept(text), (kind, number, column)
    if kind == "nominees":
        about = dict(strict_xlsx(xlsx)["About"].iter_rows(values_only=True))
        assert shown_in_excel(about["Exported by"]) == kept(texts[0])
    rows = csv_rows(text_file)
    assert len(rows) == len(texts) + 1
    for row, text in zip(rows[1:], texts, strict=True):
        assert [unguarded(row[c]) for c in COLUMNS[kind]] == [kept(text)] * len(COLUMNS[kind])


@cache
def _edition() -> Edition:
    return load_edition_by_key("wsis-2020")


def check_review_workbook(folder: Path, texts: list[str]) -> None:
    edition = _edition()
    projects = [
        replace(test_review_workbook._project(str(1001 + i)), title=t, organisation=t)
        for i, t in enumerate(texts)
    ]
    info: PackageInfo = replace(test_review_workbook._info(edition), expert_name=texts[0])
    path = folder / "package.xlsx"
    write_review_workbook(path, info, edition.criteria, projects, signing_key=b"k" * 32)
    sheet = strict_xlsx(path)[PROJECTS_SHEET]
    for number, text in enumerate(texts, start=2):
        assert shown_in_excel(sheet.cell(number, 3).value) == kept(text)
        assert shown_in_excel(sheet.cell(number, 4).value) == kept(text)
    # ... and the app's own reader (the expert's desk opens the package) reads the same.
    read = read_review_workbook(path, lambda _info: edition.criteria, with_projects=True)
    assert [p.title for p in read.projects] == [kept(t).strip() for t in texts]
    # The merge's check of the locked identity cells: what was written reads as written.
    titles = [identity_text(i.cells[1]) for i in read.identities]
    assert titles == [identity_text(t) for t in texts]


# --- PDF: the letters a reader finds ---------------------------------------------------


def _drawn(char: str) -> bool:
    """A character the reports draw: not a format control (drawn, it would be a box:
    reports/text.visual drops them). A face of the app draws it, or the report draws its
    code point in its place, and a reader gets the character back either way."""
    return unicodedata.category(char) != "Cf"


def letters(text: str) -> Counter[str]:
    """The characters of `text`, however laid out: white space aside, compatibility forms
    undone (Arabic presentation forms are how joined letters are drawn), and without the
    embedding marks pdftotext puts around a right-to-left run (RLE ... PDF)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return Counter(c for c in decomposed if not c.isspace() and c not in "\u202a\u202b\u202c")


def nominee_pdf(path: Path, text: str) -> None:
    report = test_nominee_report._report()
    first = report.categories[0]
    lines = (replace(first.nominees[0], title=text, organisation=text), *first.nominees[1:])
    write_nominee_report(
        path, replace(report, categories=(replace(first, nominees=lines), *report.categories[1:]))
    )


def finalists_pdf(path: Path, text: str) -> None:
    report = test_finalists_report._report()
    first = report.categories[0]
    standings = (replace(first.standings[0], title=text, organisation=text), *first.standings[1:])
    write_finalists_report(path, replace(report, categories=(replace(first, standings=standings),)))


def results_pdf(path: Path, text: str) -> None:
    report = test_results_report._report()
    first = report.categories[0]
    finalists = (replace(first.finalists[0], title=text, organisation=text), *first.finalists[1:])
    write_results_report(
        path,
        replace(report, categories=(replace(first, finalists=finalists), *report.categories[1:])),
    )


REPORTS: dict[str, Callable[[Path, str], None]] = {
    "nominees": nominee_pdf,
    "finalists": finalists_pdf,
    "results": results_pdf,
}


@cache
def _baseline(kind: str, folder: Path) -> tuple[Counter[str], int]:
    """The report's letters with an empty text, and how many times a text is printed."""
    empty, probe = folder / f"{kind}-empty.pdf", folder / f"{kind}-probe.pdf"
    REPORTS[kind](empty, "")
    REPORTS[kind](probe, "☃")
    base = letters(pdf_text(empty))
    times = (letters(pdf_text(probe)) - base)["☃"]
    assert times >= 2, kind  # the title and the organisation, at least
    return base, times


def check_report(kind: str, folder: Path, text: str) -> None:
    base, times = _baseline(kind, folder)
    path = folder / f"{kind}.pdf"
    REPORTS[kind](path, text)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Pages:" in info.stdout  # the file opens
    readable = "".join(c for c in kept(text) if _drawn(c))
    expected = base + Counter({c: n * times for c, n in letters(readable).items()})
    found = letters(pdf_text(path))
    # pdftotext joins a line that ends in "-" with the next as one hyphenated word and
    # drops that "-" (a "-" before a line break, or where a line wraps or bidi puts it at
    # a line's end: at random in the hypothesis runs). It is drawn; only the reader loses
    # it. Every other letter is counted exactly, and no "-" may come from nowhere.
    hyphens = found.pop("-", 0), expected.pop("-", 0)
    assert found == expected
    assert base["-"] <= hyphens[0] <= hyphens[1]


# --- the properties -------------------------------------------------------------------

_SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60
)


@_SETTINGS
@given(texts=st.lists(TEXTS, min_size=1, max_size=3))
@example(texts=["\x0bVertical tab", "\ufffe", "\u202eevil.exe"])
@example(texts=["_x0041_ is not A", '=HYPERLINK("http://x")', "\x00\ud800"])
@pytest.mark.parametrize("kind", LISTS)
def test_any_text_in_the_secretariats_lists(
    kind: str, tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    check_table(kind, tmp_path_factory.mktemp(kind), texts)


@_SETTINGS
@given(texts=st.lists(TEXTS, min_size=1, max_size=3))
@example(texts=["\x0bVertical tab", "\ufffe", "\u202eevil.exe"])
@example(texts=["_x0041_ is not A", "=SUM(A1)", "\x00\ud800"])
def test_any_text_in_a_review_package(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    check_review_workbook(tmp_path_factory.mktemp("package"), texts)


@settings(deadline=None, max_examples=50)
@given(text=TEXTS)
@example(text="Alpha\x0bBeta\ufffe\u202eGamma\x00\ud800 北京")
@example(text="Invoice \u202efdp.exe")  # drawn "Invoice exe.pdf" where overrides count
@example(text="😀 𝐀𝐁")  # beyond U+FFFF: drawn, and read back as drawn
@example(text="جامعة (القاهرة) 北京 Smart")
@example(text="श्री ශ්\u200dරී ภาษาไทย ہے འབྲུག")  # shaped, a joiner, Urdu, no face: codes
@pytest.mark.parametrize("kind", tuple(REPORTS))
def test_any_text_in_a_report(kind: str, reports: Path, text: str) -> None:
    check_report(kind, reports, text)


@pytest.mark.parametrize("kind", tuple(REPORTS))
def test_a_text_longer_than_a_page_goes_on_over_the_next(kind: str, reports: Path) -> None:
    words = [f"w{number}" for number in range(1500)]  # a document pasted for a title
    path = reports / f"{kind}-long.pdf"
    REPORTS[kind](path, " ".join(words))
    found = set(pdf_text(path).split())
    assert [w for w in words if w not in found] == []


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reports")


# --- every code point, once -----------------------------------------------------------

# U+0000 to U+10FFFF, in texts of 4096.
EVERY_CODE_POINT = ["".join(map(chr, range(s, s + 0x1000))) for s in range(0, 0x110000, 0x1000)]


@pytest.mark.slow
@pytest.mark.parametrize("kind", LISTS)
def test_every_code_point_in_the_secretariats_lists(kind: str, tmp_path: Path) -> None:
    check_table(kind, tmp_path, EVERY_CODE_POINT)


@pytest.mark.slow
def test_every_code_point_in_a_review_package(tmp_path: Path) -> None:
    check_review_workbook(tmp_path, EVERY_CODE_POINT)


# Every character the cleaning is about, in one text (every code point in a PDF would take
# minutes: those it does not draw are the hypothesis's).
ALL_UNSAFE = (
    "Start " + "".join(c for c in map(chr, range(0x110000)) if kept(c) != c) + " end 北京 جامعة"
)


@pytest.mark.parametrize("kind", tuple(REPORTS))
def test_every_unsafe_character_in_a_report(kind: str, reports: Path) -> None:
    check_report(kind, reports, ALL_UNSAFE)
