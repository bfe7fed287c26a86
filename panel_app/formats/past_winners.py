"""A list of earlier WSIS Prizes winners (.xlsx or .csv): project title, organisation, edition.

Format version 1, documented in docs/formats/past-winners.md. The raw reading (workbook
safety, engines, CSV encodings and delimiters) is tabular.py's, the cell conventions
cells.py's and the header matching submission_set.py's: this module only knows the three
columns. A list is a few hundred rows, so it is read whole; any problem refuses it whole.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any, NoReturn

from panel_app.formats.cells import cell_text, is_excel_error
from panel_app.formats.submission_set import Column, header_form
from panel_app.formats.tabular import (
    Engine,
    Row,
    Table,
    column_letter,
    csv_tables,
    open_workbook,
    sample_rows,
)
from panel_app.problems import InputRefused, Problem

FORMAT_VERSION = 1
HEADER_SCAN_ROWS = 10
MAX_ROW_PROBLEMS = 1000
SUFFIXES = (".xlsx", ".csv")

# All three are required. Headers match whatever their case, spacing and punctuation; the
# first spelling (the one the app writes) wins over an alias when a file has both.
COLUMNS: tuple[Column, ...] = (
    Column(
        "title",
        "Project title",
        ("Title", "Project name", "Project", "Winning project", "Winner project"),
    ),
    Column(
        "organisation",
        "Organisation",
        ("Organization", "Organisation name", "Organization name", "Entity", "Winner"),
    ),
    Column(
        "edition",
        "Edition",
        ("Year", "Edition year", "Prize year", "Award year", "WSIS Prizes edition", "WSIS Prizes"),
    ),
)
_BY_FIELD = {c.field: c for c in COLUMNS}
_HEADER_FORMS: dict[str, tuple[str, int]] = {}
for _column in COLUMNS:
    for _rank, _spelling in enumerate((_column.header, *_column.aliases)):
        _HEADER_FORMS.setdefault(header_form(_spelling), (_column.field, _rank))

# The prizes began in 2012; a year outside 2000-2099 is a typing error, not an edition.
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")
EDITION_EXPECTED = (
    "the year of the edition, such as 2019, or text naming it, such as 'WSIS Prizes 2019' "
    "or 'wsis-2019'"
)


@dataclass(frozen=True)
class PastWinnerRecord:
    title: str
    organisation: str
    edition_year: int
    edition: str  # as written ("2019", "WSIS Prizes 2019", "wsis-2019")
    row: int  # as Excel shows it; for a CSV the record number (header = 1 on top)


_NEEDED = {
    "title": "the winning project's title",
    "organisation": "the winning organisation's name",
    "edition": "the year of the edition, such as 2019",
}


class _CellRefused(Exception):
    def __init__(self, code: str, template: str, params: dict[str, Any], expected: str) -> None:
        super().__init__(code)
        self.code, self.template, self.params, self.expected = code, template, params, expected


def parse_edition_year(value: object) -> int:
    """The year of a prize edition from a cell: 2019, 2019.0, "2019", "WSIS Prizes 2019",
    "wsis-2019". Raises _CellRefused for anything else, a text naming two years included."""
    if isinstance(value, bool | date | time):  # (datetime is a date)
        raise _unreadable_edition()
    if isinstance(value, int | float):
        if math.isfinite(value) and float(value).is_integer() and 2000 <= value <= 2099:
            return int(value)
        raise _unreadable_edition()
    years = set(_YEAR.findall(cell_text(value)))
    if len(years) != 1:
        raise _unreadable_edition()
    return int(years.pop())


def _unreadable_edition() -> _CellRefused:
    return _CellRefused(
        "past_winners.edition_unreadable",
        "The edition is not a year the app reads",
        {},
        EDITION_EXPECTED,
    )


def read_past_winners(path: Path, *, engine: Engine = "auto") -> list[PastWinnerRecord]:
    """Every winner in the file, in file order; InputRefused with every problem if any."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_tables(path, csv_tables(path))
    if suffix == ".xlsx":
        with open_workbook(path, engine=engine) as tables:
            return _read_tables(path, tables)
    _refuse(
        path,
        [
            Problem(
                "file.unsupported_type",
                "Files of type '{suffix}' cannot be read as a past-winners list",
                {"suffix": path.suffix or "(none)"},
                file=path.name,
                expected=".xlsx (Excel workbook) or .csv (UTF-8 text)",
            )
        ],
    )


def _refuse(path: Path, problems: list[Problem]) -> NoReturn:
    raise InputRefused(problems, subject=path.name)


@dataclass
class _Header:
    table: Table
    row: int
    headers: list[str]
    columns: dict[str, int]  # field -> cell index
    clashes: list[tuple[str, int, int]]
    head: list[Row]


def _match(headers: Sequence[str]) -> tuple[dict[str, int], list[tuple[str, int, int]]]:
    chosen: dict[str, tuple[int, int]] = {}  # field -> (rank, index)
    clashes: list[tuple[str, int, int]] = []
    for index, header in enumerate(headers):
        found = _HEADER_FORMS.get(header_form(header)) if header else None
        if found is None:
            continue
        name, rank = found
        previous = chosen.get(name)
        if previous is None or rank < previous[0]:
            chosen[name] = (rank, index)
        elif rank == previous[0]:
            clashes.append((name, previous[1], index))
    return {name: index for name, (_, index) in chosen.items()}, clashes


def _find_header(path: Path, tables: Iterator[Table] | list[Table]) -> _Header:
    best: _Header | None = None
    sheets: list[str] = []
    saw_rows = False
    for table in tables:
        if table.sheet is not None:
            sheets.append(table.sheet)
        head = sample_rows(table, HEADER_SCAN_ROWS)
        for position, (number, cells) in enumerate(head):
            headers = [cell_text(c) for c in cells]
            saw_rows = saw_rows or any(headers)
            columns, clashes = _match(headers)
            if best is None or len(columns) > len(best.columns):
                best = _Header(table, number, headers, columns, clashes, head[position + 1 :])
            if len(columns) == len(COLUMNS):
                return best
    if not saw_rows:
        _refuse(path, [Problem("file.no_rows", "The file has no rows", file=path.name)])
    if best is None or len(best.columns) < 2:
        where = f"the sheets {', '.join(repr(n) for n in sheets)}" if sheets else "it"
        _refuse(
            path,
            [
                Problem(
                    "past_winners.header_not_found",
                    "No header row with the past-winner columns was found in the first "
                    "{rows} rows of {where}",
                    {"rows": HEADER_SCAN_ROWS, "where": where},
                    file=path.name,
                    expected="a header row with the columns "
                    + ", ".join(c.header for c in COLUMNS),
                )
            ],
        )
    found = ", ".join(repr(h) for h in best.headers if h) or "none"
    _refuse(
        path,
        [
            Problem(
                "past_winners.column_missing",
                "The required column '{column}' is missing (headers found: {found})",
                {"column": column.header, "found": found},
                file=path.name,
                sheet=best.table.sheet,
                row=best.row,
                column=column.header,
                expected="a column headed "
                + ", ".join(repr(s) for s in (column.header, *column.aliases))
                + " (any case, spacing or punctuation)",
            )
            for column in COLUMNS
            if column.field not in best.columns
        ],
    )


def _read_tables(path: Path, tables: Iterator[Table] | list[Table]) -> list[PastWinnerRecord]:
    header = _find_header(path, tables)
    if header.clashes:
        _refuse(
            path,
            [
                Problem(
                    "past_winners.column_twice",
                    "The column '{column}' appears twice, in columns {first} and {second}",
                    {
                        "column": _BY_FIELD[name].header,
                        "first": column_letter(first),
                        "second": column_letter(second),
                    },
                    file=path.name,
                    sheet=header.table.sheet,
                    row=header.row,
                    column=header.headers[second],
                    expected="each column once",
                )
                for name, first, second in header.clashes
            ],
        )
    names = {name: header.headers[index] for name, index in header.columns.items()}
    problems: list[Problem] = []
    records: list[PastWinnerRecord] = []

    def refuse_cell(number: int, name: str, value: object, refused: _CellRefused) -> None:
        problems.append(
            Problem(
                refused.code,
                refused.template,
                refused.params,
                file=path.name,
                sheet=header.table.sheet,
                row=number,
                column=names[name],
                value=None if value is None or cell_text(value) == "" else cell_text(value),
                expected=refused.expected,
            )
        )

    for number, cells in itertools.chain(header.head, header.table.rows):
        if all(cell_text(c) == "" for c in cells):
            continue  # blank rows are not winners
        before = len(problems)
        values = {
            name: cells[index] if index < len(cells) else None
            for name, index in header.columns.items()
        }
        for name, value in values.items():
            if is_excel_error(value):
                refuse_cell(
                    number,
                    name,
                    value,
                    _CellRefused(
                        "past_winners.excel_error",
                        "The cell holds the Excel error {error}",
                        {"error": str(value).strip()},
                        "a value: correct the formula or type the value in",
                    ),
                )
            elif cell_text(value) == "":
                refuse_cell(
                    number,
                    name,
                    None,
                    _CellRefused(
                        "past_winners.value_missing", "The cell is empty", {}, _NEEDED[name]
                    ),
                )
        edition = values["edition"]
        year = 0
        if not any(p.column == names["edition"] for p in problems[before:]):
            try:
                year = parse_edition_year(edition)
            except _CellRefused as refused:
                refuse_cell(number, "edition", edition, refused)
        if len(problems) > before:
            if len(problems) > MAX_ROW_PROBLEMS:
                problems.append(
                    Problem(
                        "past_winners.too_many_problems",
                        "Reading stopped after {count} problems",
                        {"count": MAX_ROW_PROBLEMS},
                        file=path.name,
                        sheet=header.table.sheet,
                        row=number,
                    )
                )
                break
            continue
        records.append(
            PastWinnerRecord(
                cell_text(values["title"]),
                cell_text(values["organisation"]),
                year,
                cell_text(edition),
                number,
            )
        )
    if problems:
        _refuse(path, problems)
    if not records:
        _refuse(
            path,
            [
                Problem(
                    "past_winners.no_winners",
                    "The header row is there but no winner follows it",
                    file=path.name,
                    sheet=header.table.sheet,
                    row=header.row,
                    expected="one row per winning project below the header",
                )
            ],
        )
    return records


__all__ = [
    "COLUMNS",
    "EDITION_EXPECTED",
    "FORMAT_VERSION",
    "SUFFIXES",
    "PastWinnerRecord",
    "parse_edition_year",
    "read_past_winners",
]
