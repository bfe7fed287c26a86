"""The secretariat's submission set (.xlsx or .csv) as typed records, or precise problems.

Format version 1, documented in docs/formats/submission-set.md. The header aliases live
in COLUMNS below, in one table. Reading is streamed: records are yielded as rows are read,
so the intake can store them in one transaction and roll back if any problem turns up.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from panel_app.characters import has_unsafe
from panel_app.edition import Edition
from panel_app.formats.cells import (
    TEXT_MORE,
    CellRefused,
    ExcelError,
    FormulaText,
    cell_text,
    check_text,
    is_excel_error,
    normalise_id,
    parse_datetime,
    parse_sdgs,
)

# Column and header_form are re-exported: other readers have imported them from here.
from panel_app.formats.headers import Column as Column
from panel_app.formats.headers import (
    columns_twice,
    header_forms,
    match_headers,
    spellings,
)
from panel_app.formats.headers import header_form as header_form
from panel_app.formats.tabular import (
    Engine,
    Row,
    Table,
    column_letter,
    open_csv,
    open_workbook,
    sample_rows,
)
from panel_app.problems import InputRefused, Problem

FORMAT_VERSION = 1
HEADER_SCAN_ROWS = 10  # the header may sit below a few title rows
PROGRESS_EVERY = 500
MAX_ROW_PROBLEMS = 1000  # beyond this the file is plainly not a submission set
MAX_NOTES = 1000  # notes of each kind listed one by one (texts cleaned...); the rest counted
SUFFIXES = (".xlsx", ".csv")


# The platform's columns, all required to be present. Headers match whatever their case,
# spacing and punctuation ("Contact E-mail", "contact_email", "CONTACT EMAIL"); "&" reads
# as "and". When two headers of a file name the same column, the one earlier in this table
# (the platform's own header first) wins and the other is kept in `extra`.
COLUMNS: tuple[Column, ...] = (
    Column("submission_id", "Submission ID", ("Submission No", "Submission number", "ID")),
    Column("title", "Project title", ("Title", "Project name", "Project")),
    Column(
        "organisation",
        "Organisation",
        ("Organization", "Organisation name", "Organization name", "Entity"),
    ),
    Column(
        "stakeholder_type",
        "Stakeholder type",
        ("Type of stakeholder", "Stakeholder", "Organisation type", "Organization type"),
    ),
    Column("country", "Country", ("Country name", "Country/territory")),
    Column("category", "Category", ("WSIS Prizes category", "Prize category", "WSIS category")),
    Column("sdgs", "SDGs", ("SDG", "Sustainable Development Goals", "SDG numbers")),
    Column("summary", "Project summary", ("Summary",)),
    Column(
        "sdg_linkage",
        "Action line and SDG linkage",
        ("WSIS action line and SDG linkage", "SDG linkage", "Linkage to SDGs"),
    ),
    Column("impact", "Impact", ("Project impact",)),
    Column("partnerships", "Partnerships", ("Partnership", "Partners")),
    Column(
        "challenges",
        "Challenges and future",
        ("Challenges and future prospects", "Main challenges and future prospects", "Challenges"),
    ),
    Column("project_status", "Project status", ("Status",)),
    Column("website", "Website", ("Web site", "Project website", "URL")),
    Column("contact_name", "Contact name", ("Contact person", "Contact")),
    Column("contact_email", "Contact e-mail", ("E-mail", "Contact mail")),
    Column(
        "submitted_at",
        "Submitted at",
        ("Submission date", "Submitted on", "Date submitted", "Submitted", "Submission time"),
    ),
)


# look-up form -> (field, preference: 0 for the platform's header)
_HEADER_FORMS = header_forms(COLUMNS)

# Columns some sets carry and others do not (2017's form had a second part: the project
# information, 1,500-2,000 words, and one photo). Kept among the record's `extra` columns
# as written, whatever their spelling; the rules find them with `optional_columns`.
PROJECT_INFORMATION = Column(
    "project_information",
    "Project information",
    ("Project description", "Project details", "Project text", "Full description"),
)
PHOTO = Column(
    "photo",
    "Photo",
    ("Photo URL", "Photo link", "Photos", "Photograph", "Picture", "Image", "Image URL",
     "Project photo"),
)  # fmt: skip
OPTIONAL_COLUMNS: tuple[Column, ...] = (PROJECT_INFORMATION, PHOTO)
_OPTIONAL_FORMS = header_forms(OPTIONAL_COLUMNS)


def optional_columns(headers: Iterable[str]) -> dict[str, str]:
    """Field of OPTIONAL_COLUMNS -> the header (of `headers`, as written) that holds it;
    the better-ranked spelling where two do. A set without the column: no key."""
    found: dict[str, tuple[int, str]] = {}
    for header in headers:
        match = _OPTIONAL_FORMS.get(header_form(header))
        if match is not None and (match[0] not in found or match[1] < found[match[0]][0]):
            found[match[0]] = (match[1], header)
    return {name: header for name, (_, header) in found.items()}


@dataclass(frozen=True)
class SubmissionRecord:
    submission_id: str  # "1001" (never "1001.0")
    title: str
    organisation: str
    stakeholder_type: str  # as written
    stakeholder_type_key: str | None  # the edition's key; None if not recognised
    country: str
    category_key: str  # the category's stable key, e.g. "C7-ehealth"
    sdgs: tuple[int, ...]  # ascending, unique; () when none named
    summary: str
    sdg_linkage: str  # "Action line and SDG linkage"
    impact: str
    partnerships: str
    challenges: str  # "Challenges and future"
    project_status: str
    website: str
    contact_name: str
    contact_email: str
    submitted_at: datetime | None  # aware, UTC; None when the cell is empty
    extra: Mapping[str, str] = field(default_factory=dict)  # other columns: header -> text
    row: int = 0  # as Excel shows it; for a CSV the record number (header = 1 on top)

    def fields(self) -> dict[str, object]:
        """The stored fields (all but `row`) as plain JSON-able values."""
        return {
            "submission_id": self.submission_id,
            "title": self.title,
            "organisation": self.organisation,
            "stakeholder_type": self.stakeholder_type,
            "stakeholder_type_key": self.stakeholder_type_key,
            "country": self.country,
            "category_key": self.category_key,
            "sdgs": list(self.sdgs),
            "summary": self.summary,
            "sdg_linkage": self.sdg_linkage,
            "impact": self.impact,
            "partnerships": self.partnerships,
            "challenges": self.challenges,
            "project_status": self.project_status,
            "website": self.website,
            "contact_name": self.contact_name,
            "contact_email": self.contact_email,
            "submitted_at": None if self.submitted_at is None else self.submitted_at.isoformat(),
            "extra": dict(self.extra),
        }


_RECORD_FIELDS = tuple(f.name for f in fields(SubmissionRecord))
assert not hasattr(SubmissionRecord, "__post_init__") and not hasattr(SubmissionRecord, "__slots__")


def _new_record(*values: object) -> SubmissionRecord:
    """SubmissionRecord(*values), in under half the time.

    The frozen dataclass's __init__ sets the 20 fields one object.__setattr__ at a time
    (6 µs, a fifth of the reading of a row); filling the instance dictionary in one go
    gives the same object (tests/formats/test_submission_set.py checks it).
    """
    record: SubmissionRecord = object.__new__(SubmissionRecord)
    record.__dict__.update(zip(_RECORD_FIELDS, values, strict=True))
    return record


def read_submission_set(
    path: Path,
    edition: Edition,
    *,
    engine: Engine = "auto",
    notes: list[Problem] | None = None,
) -> list[SubmissionRecord]:
    """Every record of the file; InputRefused with every problem if there is any. What
    was cleaned from the texts is added to `notes` (see iter_submission_set)."""
    problems: list[Problem] = []
    records = list(iter_submission_set(path, edition, problems, engine=engine, notes=notes))
    if problems:
        raise InputRefused(problems, subject=path.name)
    return records


def iter_submission_set(
    path: Path,
    edition: Edition,
    problems: list[Problem],
    *,
    progress: Callable[[int, int | None], None] | None = None,
    engine: Engine = "auto",
    notes: list[Problem] | None = None,
) -> Generator[SubmissionRecord, None, None]:
    """Stream the records of `path`.

    A row with a problem is not yielded; its problems are appended to `problems`. A
    problem with the file as a whole (not a workbook, damaged, unsafe, empty, no header
    with the required columns) is appended too and raised at once as InputRefused, as is
    the row problem that goes past MAX_ROW_PROBLEMS. `engine` chooses the .xlsx reader
    (tests force one; "auto" picks by size, see tabular.choose_engine).

    Texts are cleaned of the characters no file of the app holds (cells.check_text): a NUL
    or half a character refuses the row, as a problem; a control character, a noncharacter
    or a direction override is removed (VT, FF and NEL made line breaks) and the record
    holds the cleaned text, and each is added to `notes`, located like a problem (the
    first MAX_NOTES of them; then one note that counts the rest).
    """
    try:
        suffix = path.suffix.lower()
        if suffix == ".csv":
            with open_csv(path) as tables:
                yield from _read_tables(path, tables, edition, problems, progress, notes)
        elif suffix == ".xlsx":
            # A formula with no saved result is read as its text, noted (never as empty).
            with open_workbook(path, engine=engine, formulas=True) as tables:
                yield from _read_tables(path, tables, edition, problems, progress, notes)
        else:
            _refuse(
                path,
                Problem(
                    "file.unsupported_type",
                    "Files of type '{suffix}' cannot be read as a submission set",
                    {"suffix": path.suffix or "(none)"},
                    file=path.name,
                    expected=".xlsx (Excel workbook) or .csv (UTF-8 text)",
                ),
            )
    except InputRefused as refused:
        # From the readers below: gather everything in the caller's list, raise it whole.
        for problem in refused.problems:
            if problem not in problems:
                problems.append(problem)
        raise InputRefused(problems, subject=path.name) from refused


def _refuse(path: Path, problem: Problem) -> NoReturn:
    raise InputRefused([problem], subject=path.name)


# A formula cell with no saved result (tabular.FormulaText): a note in a text column, a
# problem in another; and the note that counts those not listed.
FORMULA_AS_TEXT = (
    "submission_set.formula_as_text",
    "The cell holds a formula with no saved result; it was read as the formula's text, "
    "not computed",
)
FORMULA_MORE = (
    "submission_set.more_formulas",
    "{count} more cells held a formula with no saved result, read as its text (not listed)",
)
FORMULA_NO_RESULT = (
    "submission_set.formula_no_result",
    "The cell holds a formula with no saved result",
)
FORMULA_EXPECTED = (
    "a value: open the file in Excel or LibreOffice and save it again (the results are "
    "saved with the formulas), or type the value in"
)


# A category read by its action-line code, the words after it spelled otherwise than the
# edition's ("C5. Trust online"): each row listed for the chair to check.
CATEGORY_BY_CODE = (
    "submission_set.category_by_code",
    "The category was read by its code {code} as {category} ({name}): check that the "
    "project belongs there",
)
CATEGORY_BY_CODE_MORE = (
    "submission_set.more_categories_by_code",
    "{count} more categories were read by their code (not listed)",
)


@dataclass(frozen=True)
class _ByCode:
    key: str
    code: str
    name: str  # "C5 Building confidence and security in the use of ICTs"


# --- finding the header -----------------------------------------------------------------


@dataclass
class _Header:
    table: Table
    row: int
    headers: list[str]  # as written, stripped; "" for empty
    columns: dict[str, int]  # field -> cell index
    clashes: list[tuple[str, int, int]]  # field, index, index: same spelling twice
    head: list[Row]  # the rows read ahead while looking


def _find_header(path: Path, tables: Iterator[Table] | list[Table]) -> _Header:
    best: _Header | None = None
    sheet_names: list[str] = []
    saw_rows = False
    for table in tables:
        if table.sheet is not None:
            sheet_names.append(table.sheet)
        head = sample_rows(table, HEADER_SCAN_ROWS)
        for position, (number, cells) in enumerate(head):
            headers = [cell_text(c) for c in cells]
            if any(headers):
                saw_rows = True
            columns, clashes = match_headers(headers, _HEADER_FORMS)
            if best is None or len(columns) > len(best.columns):
                best = _Header(table, number, headers, columns, clashes, head[position + 1 :])
            if len(columns) == len(COLUMNS):
                return best
    if not saw_rows:
        _refuse(path, Problem("file.no_rows", "The file has no rows", file=path.name))
    if best is None or len(best.columns) < 3:
        where = f"the sheets {', '.join(repr(n) for n in sheet_names)}" if sheet_names else "it"
        _refuse(
            path,
            Problem(
                "submission_set.header_not_found",
                "No header row with the submission columns was found in the first {rows} "
                "rows of {where}",
                {"rows": HEADER_SCAN_ROWS, "where": where},
                file=path.name,
                expected="a header row with the columns " + ", ".join(c.header for c in COLUMNS),
            ),
        )
    found = ", ".join(repr(h) for h in best.headers if h) or "none"
    missing = [
        Problem(
            "submission_set.column_missing",
            "The required column '{column}' is missing (headers found: {found})",
            {"column": column.header, "found": found},
            file=path.name,
            sheet=best.table.sheet,
            row=best.row,
            column=column.header,
            expected=spellings(column),
        )
        for column in COLUMNS
        if column.field not in best.columns
    ]
    raise InputRefused(missing, subject=path.name)


# --- reading the rows -------------------------------------------------------------------


def _read_tables(
    path: Path,
    tables: Iterator[Table] | list[Table],
    edition: Edition,
    problems: list[Problem],
    progress: Callable[[int, int | None], None] | None,
    notes: list[Problem] | None = None,
) -> Iterator[SubmissionRecord]:
    header = _find_header(path, tables)
    if header.clashes:
        raise InputRefused(
            columns_twice(
                "submission_set",
                COLUMNS,
                header.clashes,
                header.headers,
                file=path.name,
                sheet=header.table.sheet,
                row=header.row,
            ),
            subject=path.name,
        )
    reader = _RowReader(path, header, edition, problems, [] if notes is None else notes)
    table = header.table
    if progress is not None:  # a total from the start: known, or reckoned from the file
        read = header.head[-1][0] if header.head else header.row
        progress(0, _rows_left(table, read, header.row, 0))
    done = 0
    rows = itertools.chain(header.head, table.rows)
    for number, cells in rows:
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, _rows_left(table, number, header.row, done))
        record = reader.read(number, cells)
        if record is not None:
            yield record
    if progress is not None:
        progress(done, done)
    reader.count_unlisted_notes()
    if reader.records == 0 and reader.row_problems == 0:
        problem = Problem(
            "submission_set.no_submissions",
            "The header row is there but no submission follows it",
            file=path.name,
            sheet=header.table.sheet,
            row=header.row,
            expected="one row per submission below the header",
        )
        problems.append(problem)
        raise InputRefused(problems, subject=path.name)


def _rows_left(table: Table, number: int, header_row: int, done: int) -> int | None:
    """The rows below the header, for a progress bar: known, estimated (then always more
    than those done, so that a bar does not end before the reading), or None."""
    last = table.last_row(number)
    if last is None:
        return None
    if table.total_rows is None:  # an estimate
        return max(last - header_row, done + 1)
    return max(last - header_row, done)


# The record's text fields, in SubmissionRecord's order (stakeholder_type among them).
_TEXT_FIELDS = (
    "title",
    "organisation",
    "stakeholder_type",
    "country",
    "summary",
    "sdg_linkage",
    "impact",
    "partnerships",
    "challenges",
    "project_status",
    "website",
    "contact_name",
    "contact_email",
)
_CACHE_MAX = 10_000  # distinct spellings remembered per column (a few dozen in practice)
_strip = str.strip
_UNKNOWN = object()


class _RowReader:
    """Turns one row into a record, or into problems about that row.

    `read` runs once per row, so it takes the usual cells (text, a whole-number ID, a
    naive date-time, a recurring category or SDG spelling) by short paths: one
    itemgetter and str.strip over the text cells in C, a look for "#" (an Excel error?)
    or "\r" before any closer check, caches keyed by the raw cell, `_new_record`. Any
    other cell goes through the general parsers of cells.py, which give the same results.
    Measured on a realistic 10k-row set: 0.42 s for the rows before, 0.29 s now.
    """

    def __init__(
        self,
        path: Path,
        header: _Header,
        edition: Edition,
        problems: list[Problem],
        notes: list[Problem],
    ) -> None:
        self.path = path
        self.sheet = header.table.sheet
        self.edition = edition
        self.problems = problems
        self.notes = notes
        self.listed: dict[tuple[str, str], int] = {}  # notes listed, by kind
        self.unlisted: dict[tuple[str, str], int] = {}  # and counted only, past MAX_NOTES
        self.headers = header.headers
        self.formula_rows = header.table.formula_rows
        self.formula_refused: tuple[int, set[str]] = (0, set())  # (row, fields)
        self.columns = header.columns
        self.names = {name: header.headers[index] for name, index in header.columns.items()}
        self.zone = ZoneInfo(edition.timezone)
        self.sdg_numbers = frozenset(s.number for s in edition.sdgs)
        self.seen: dict[str, int] = {}
        self.records = 0
        self.row_problems = 0
        self._categories: dict[str, str | _ByCode | Problem] = {}  # by cell text
        self._category_cells: dict[str, str | _ByCode | Problem] = {}  # by the raw text cell
        self._stakeholders: dict[str, str | None] = {}
        self._sdg_lists: dict[object, tuple[int, ...] | CellRefused] = {}
        self.mapped = list(header.columns.values())  # in the order problems are reported
        self.field_at = {index: name for name, index in header.columns.items()}
        self.id_index = header.columns["submission_id"]
        self.category_index = header.columns["category"]
        self.sdgs_index = header.columns["sdgs"]
        self.submitted_index = header.columns["submitted_at"]
        # The platform's columns that are not plain text.
        self.special = [i for name, i in header.columns.items() if name not in _TEXT_FIELDS]
        mapped = set(header.columns.values())
        self.extra = _extra_columns(header.headers, mapped)
        self.texts = itemgetter(*(header.columns[name] for name in _TEXT_FIELDS))
        self.header_width = len(header.headers)
        self.width = max(self.header_width, max(header.columns.values()) + 1)

    def read(self, number: int, cells: list[Any]) -> SubmissionRecord | None:
        if len(cells) < self.width:
            cells = cells + [None] * (self.width - len(cells))
        first = cells[self.id_index]
        if first is None or (first.__class__ is str and not first.strip()):
            # (an ID in the row means it is not blank: no need to look at every cell)
            for cell in cells:
                if cell is not None and cell != "" and (cell.__class__ is not str or cell.strip()):
                    break
            else:
                return None  # blank rows are not submissions
        try:
            # Text cells (calamine gives "" when empty): str.strip over them in C.
            texts: list[str] | None = list(map(_strip, self.texts(cells)))
        except TypeError:  # an empty cell as None (openpyxl), a number, a date...
            texts = None
        # Suspect of holding an Excel error, a carriage return or a character to clean.
        suspect = texts is None
        if texts is not None:
            for text in texts:  # a cell starting with "#" starts so once stripped
                if text[:1] == "#":
                    suspect = True
                    break
            else:  # what cells.check_text cleans, CR too (text by text: most are Latin-1,
                # which has_unsafe scans fastest; ~12 µs for a 12,000-character row)
                suspect = any(map(has_unsafe, texts))
        for index in self.special:
            if cells[index].__class__ is ExcelError:
                suspect = True
                break
        before = len(self.problems)
        if self.formula_rows and number in self.formula_rows:
            self._formulas(number, cells)  # (texts keep their formula: FormulaText is a str)
        if suspect:
            self._excel_errors(number, cells)
            texts = self._clean([cell_text(v) for v in self.texts(cells)], number)
        submission_id = self._submission_id(number, cells[self.id_index])
        category_key = self._category(number, cells[self.category_index])
        sdgs = self._sdgs(number, cells[self.sdgs_index])
        value = cells[self.submitted_index]
        if value.__class__ is datetime and value.tzinfo is None and not value.fold:
            # An Excel date-time cell, the usual case: what parse_datetime does with it
            # (local time, fold=0, to UTC), in fewer steps.
            offset = self.zone.utcoffset(value)  # (never None: a ZoneInfo knows its offsets)
            submitted_at = (value - offset).replace(tzinfo=UTC)  # type: ignore[operator]
        else:
            submitted_at = self._submitted_at(number, value)
        if len(self.problems) > before:
            self._row_failed(number, before)
            return None
        assert submission_id is not None and category_key is not None and sdgs is not None
        assert texts is not None  # (read again above when suspect: error cells now empty)
        (
            title,
            organisation,
            stakeholder,
            country,
            summary,
            sdg_linkage,
            impact,
            partnerships,
            challenges,
            project_status,
            website,
            contact_name,
            contact_email,
        ) = texts
        stakeholder_key = self._stakeholders.get(stakeholder, _UNKNOWN)
        if stakeholder_key is _UNKNOWN:
            stakeholder_key = self._stakeholder(stakeholder)
        extra: dict[str, str] = {}
        for key, index, always in self.extra:
            text = _text(cells[index])
            if has_unsafe(text):
                text = self._clean_one(text, number, key)
            if always or text:
                extra[key] = text
        if len(cells) > self.header_width:
            for index in range(self.header_width, len(cells)):  # cells right of the header
                text = _text(cells[index])
                if text:
                    key = f"Column {column_letter(index)}"
                    if has_unsafe(text):
                        text = self._clean_one(text, number, key)
                    if text:
                        extra[key] = text
        if len(self.problems) > before:  # (a NUL or half a character in another column)
            self._row_failed(number, before)
            return None
        self.records += 1
        return _new_record(
            submission_id,
            title,
            organisation,
            stakeholder,
            stakeholder_key,
            country,
            category_key,
            sdgs,
            summary,
            sdg_linkage,
            impact,
            partnerships,
            challenges,
            project_status,
            website,
            contact_name,
            contact_email,
            submitted_at,
            MappingProxyType(extra),
            number,
        )

    def _clean(self, texts: list[str], number: int) -> list[str]:
        """The row's texts cleaned (cells.check_text), each change noted, each refusal a
        problem of the row."""
        return [
            self._clean_one(text, number, self.names[name]) if has_unsafe(text) else text
            for name, text in zip(_TEXT_FIELDS, texts, strict=True)
        ]

    def _clean_one(self, text: str, number: int, column: str) -> str:
        cleaned, found = check_text(text)
        for note in found:
            where = note.problem(file=self.path.name, sheet=self.sheet, row=number, column=column)
            if note.refuses:
                self.problems.append(where)
            else:
                self._note(where)
        return cleaned

    def _note(self, note: Problem, more: tuple[str, str] = TEXT_MORE) -> None:
        """A note for the chair, listed up to MAX_NOTES of its kind; the rest counted."""
        listed = self.listed.get(more, 0)
        if listed < MAX_NOTES:
            self.listed[more] = listed + 1
            self.notes.append(note)
        else:
            self.unlisted[more] = self.unlisted.get(more, 0) + 1

    def count_unlisted_notes(self) -> None:
        for (code, template), count in self.unlisted.items():
            self.notes.append(Problem(code, template, {"count": count}, file=self.path.name))

    def _formulas(self, number: int, cells: list[Any]) -> None:
        """A row with formulas that have no saved result (tabular: FormulaText): in a text
        column, read as the formula's text and noted; in another (ID, category, SDGs,
        date), refused, as a value the app cannot compute."""
        refused: set[str] = set()
        for index, value in enumerate(cells):
            if value.__class__ is not FormulaText:
                continue
            name = self.field_at.get(index)
            if name is not None and name not in _TEXT_FIELDS:
                self._problem(
                    number,
                    name,
                    value,
                    CellRefused(
                        FORMULA_NO_RESULT[0],
                        FORMULA_NO_RESULT[1],
                        {"formula": str(value)},
                        FORMULA_EXPECTED,
                    ),
                )
                refused.add(name)
                cells[index] = None
                continue
            if name is not None:
                column = self.names[name]
            elif index < self.header_width and self.headers[index]:
                column = self.headers[index]
            else:
                column = f"Column {column_letter(index)}"
            code, template = FORMULA_AS_TEXT
            note = Problem(
                code,
                template,
                {"formula": str(value)},
                file=self.path.name,
                sheet=self.sheet,
                row=number,
                column=column,
                value=str(value),
            )
            self._note(note, FORMULA_MORE)
        self.formula_refused = (number, refused)

    def _excel_errors(self, number: int, cells: list[Any]) -> bool:
        """Refuse the cells of the platform's columns that hold an Excel error."""
        found = False
        for index in self.mapped:
            value = cells[index]
            if is_excel_error(value):
                self._problem(
                    number,
                    self.field_at[index],
                    value,
                    CellRefused(
                        "submission_set.excel_error",
                        "The cell holds the Excel error {error}",
                        {"error": value.strip()},
                        "a value: correct the formula or type the value in",
                    ),
                )
                cells[index] = None
                found = True
        return found

    def _row_failed(self, number: int, before: int) -> None:
        self.row_problems += len(self.problems) - before
        if self.row_problems > MAX_ROW_PROBLEMS:
            self.problems.append(
                Problem(
                    "submission_set.too_many_problems",
                    "Reading stopped after {count} problems",
                    {"count": MAX_ROW_PROBLEMS},
                    file=self.path.name,
                    sheet=self.sheet,
                    row=number,
                )
            )
            raise InputRefused(self.problems, subject=self.path.name)

    def _submission_id(self, number: int, value: object) -> str | None:
        if value.__class__ is float and value.is_integer() and value >= 0:
            submission_id = str(int(value))
        elif value.__class__ is int and value >= 0:
            submission_id = str(value)  # the usual cases, without the general parser
        elif cell_text(value) == "":
            self._missing(number, "submission_id", "a submission ID, such as 1001")
            return None
        else:
            try:
                submission_id = normalise_id(value)
            except CellRefused as refused:
                self._problem(number, "submission_id", value, refused)
                return None
        first = self.seen.setdefault(submission_id, number)
        if first != number:
            self._problem(
                number,
                "submission_id",
                value,
                CellRefused(
                    "submission_set.id_twice",
                    "The submission ID {id} is also in row {first_row}",
                    {"id": submission_id, "first_row": first},
                    "each submission once, with its own ID",
                ),
            )
            return None
        return submission_id

    def _category(self, number: int, value: object) -> str | None:
        # The same few spellings recur: a text cell is looked up as it is, before cell_text.
        found = self._category_cells.get(value) if value.__class__ is str else None
        if found is None:
            text = cell_text(value)
            if not text:
                self._missing(number, "category", self.edition.category_spellings_hint())
                return None
            found = self._categories.get(text)
            if found is None:
                found = self._resolve_category(text)
                self._categories[text] = found
            if value.__class__ is str and len(self._category_cells) < _CACHE_MAX:
                self._category_cells[value] = found
        if isinstance(found, str):
            return found
        text = cell_text(value)
        if isinstance(found, _ByCode):  # read by its code: listed for the chair to check
            code, template = CATEGORY_BY_CODE
            params = {"code": found.code, "category": found.key, "name": found.name}
            note = Problem(
                code,
                template,
                params,
                file=self.path.name,
                sheet=self.sheet,
                row=number,
                column=self.names["category"],
                value=text,
            )
            self._note(note, CATEGORY_BY_CODE_MORE)
            return found.key
        self.problems.append(
            Problem(
                found.code,
                found.template,
                found.params,
                file=self.path.name,
                sheet=self.sheet,
                row=number,
                column=self.names["category"],
                value=text,
                expected=found.expected,
            )
        )
        return None

    def _resolve_category(self, text: str) -> str | _ByCode | Problem:
        category = self.edition.resolve_category(text)
        if category is not None:
            return category.key
        several = self.edition.ambiguous_category(text)
        by_code = self.edition.category_by_code(text)
        if by_code is not None and by_code.category is not None:
            meant = by_code.category
            return _ByCode(meant.key, by_code.code, f"{meant.action_line} {meant.name.en}")
        if by_code is not None and by_code.named is not None:
            named = by_code.named
            example = by_code.candidates[0]
            return Problem(
                "submission_set.category_code_mismatch",
                "The code {code} and the words after it name different categories: the "
                "words name {named}, which is not a {code} category",
                {"code": by_code.code, "named": named.key},
                expected="one category: its key or full name, such as "
                f"'{example.action_line} {example.name.en}' or "
                f"'{named.action_line} {named.name.en}'",
            )
        if by_code is not None and len(by_code.candidates) > 1:
            several = by_code.candidates  # "C7 Telemedicine": which C7 category?
        if several:
            return Problem(
                "submission_set.category_ambiguous",
                "The category could be any of {count} categories: {keys}",
                {"count": len(several), "keys": ", ".join(c.key for c in several)},
                expected="one category: its key or full name, such as "
                f"'{several[0].action_line} {several[0].name.en}'",
            )
        return Problem(
            "submission_set.category_unknown",
            "The category is not one of the {edition} categories",
            {"edition": self.edition.key},
            expected=self.edition.category_spellings_hint(),
        )

    def _stakeholder(self, text: str) -> str | None:
        if not text:
            return None
        if text not in self._stakeholders:
            kind = self.edition.resolve_stakeholder_type(text)
            self._stakeholders[text] = None if kind is None else kind.key
        return self._stakeholders[text]

    def _sdgs(self, number: int, value: object) -> tuple[int, ...] | None:
        # The same few lists recur across thousands of rows: parse each spelling once.
        # (Text cells are looked up as they are; other cells with their type, as 3 == 3.0
        # == True would otherwise share an entry.)
        key: object = value if value.__class__ is str else (value.__class__, value)
        found = self._sdg_lists.get(key)
        if found is None:
            try:
                found = parse_sdgs(value, self.sdg_numbers)
            except CellRefused as refused:
                found = refused
            if len(self._sdg_lists) < _CACHE_MAX:
                self._sdg_lists[key] = found
        if isinstance(found, CellRefused):
            self._problem(number, "sdgs", value, found)
            return None
        return found

    def _submitted_at(self, number: int, value: object) -> datetime | None:
        try:
            return parse_datetime(value, self.zone, self.edition.timezone)
        except CellRefused as refused:
            self._problem(number, "submitted_at", value, refused)
            return None

    def _missing(self, number: int, name: str, expected: str) -> None:
        row, refused = self.formula_refused
        if row == number and name in refused:
            return  # refused already, as a formula with no result
        self._problem(
            number,
            name,
            None,
            CellRefused("submission_set.value_missing", "The cell is empty", {}, expected),
        )

    def _problem(self, number: int, name: str, value: object, refused: CellRefused) -> None:
        self.problems.append(
            Problem(
                refused.code,
                refused.template,
                dict(refused.params),
                file=self.path.name,
                sheet=self.sheet,
                row=number,
                column=self.names[name],
                value=None if value is None else cell_text(value),
                expected=refused.expected,
            )
        )


def _text(value: object) -> str:
    """cell_text, with the common case (text without carriage returns) inlined."""
    if value.__class__ is str:
        text: str = value.strip()
        if "\r" not in text:
            return text
    return cell_text(value)


def _extra_columns(headers: list[str], mapped: set[int]) -> list[tuple[str, int, bool]]:
    """(key in `extra`, cell index, kept even when empty) for every unmapped column.

    A header used twice gets the column letter ("Notes (G)"); a column without a header is
    kept as "Column G" in the rows where it holds something.
    """
    extra: list[tuple[str, int, bool]] = []
    used: set[str] = set()
    for index, header in enumerate(headers):
        if index in mapped:
            continue
        if not header:
            extra.append((f"Column {column_letter(index)}", index, False))
            continue
        key = header if header not in used else f"{header} ({column_letter(index)})"
        used.add(key)
        extra.append((key, index, True))
    return extra
