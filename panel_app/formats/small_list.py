"""A small list with named columns (.xlsx or .csv), read whole: rows of raw cells by field.

For the lists a chair keeps by hand (experts, past winners...): a few hundred rows, read
at once, refused whole on any problem. This module knows no list's meaning; a reader
describes its columns in a `ListLayout`, gets a `SmallList` of rows (field -> the cell as
the engine gave it) and turns cells into values itself, adding its problems to the list's
with `SmallList.problem`, located at file, sheet, row and the column as headed in the file.

What it does for every list: the raw reading and its defences (tabular.py), the header
row found among the first rows of any sheet and matched whatever the case, spacing and
punctuation (headers.py), required columns, a column given twice, blank
rows skipped, Excel error cells and empty required cells refused, and text cleaned of the
characters no file of the app holds (cells.check_text: each noted in `SmallList.notes`;
a NUL or half a character refused).

A reader that streams a big file (the vote export) uses the header part alone:
`find_header` leaves the rows below the header unread.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from panel_app.characters import has_unsafe
from panel_app.formats.cells import CellRefused, cell_text, check_text, is_excel_error
from panel_app.formats.headers import (
    Column,
    columns_twice,
    header_forms,
    match_headers,
    spellings,
)
from panel_app.formats.tabular import (
    Engine,
    Row,
    Table,
    open_csv,
    open_workbook,
    sample_rows,
)
from panel_app.problems import InputRefused, Problem

HEADER_SCAN_ROWS = 10  # the header may sit below a few title rows
MAX_ROW_PROBLEMS = 1000  # beyond this the file is plainly not such a list


@dataclass(frozen=True)
class ListLayout:
    """What a list's columns are called, and which must be there."""

    code: str  # the problem code's prefix, e.g. "experts"
    noun: str  # in messages: "an expert list"
    what: str  # its columns, in messages: "the expert columns"
    entry: str  # one row, in messages and the code `{code}.no_{entry}s`: "expert"
    entries_expected: str  # "one row per expert below the header"
    columns: tuple[Column, ...]
    required: frozenset[str]  # fields whose column must be present
    needed: Mapping[str, str] = field(default_factory=dict)  # field -> expected, if non-empty

    def forms(self) -> dict[str, tuple[str, int]]:
        return header_forms(self.columns)


@dataclass(frozen=True)
class ListRow:
    number: int  # as Excel shows it; for a CSV the line's record number
    cells: Mapping[str, object]  # field -> cell (None when empty or the column is absent)


@dataclass
class SmallList:
    file: str
    sheet: str | None
    header_row: int
    headings: Mapping[str, str]  # field -> its header as written in the file
    rows: list[ListRow]
    problems: list[Problem]  # found so far (Excel errors, empty cells): add yours
    notes: list[Problem] = field(default_factory=list)  # what was cleaned from the texts

    def problem(self, row: int, name: str, value: object, refused: CellRefused) -> None:
        """Record a refused cell, located by its row and the column's header in the file."""
        text = None if value is None else cell_text(value)
        self.problems.append(
            Problem(
                refused.code,
                refused.template,
                dict(refused.params),
                file=self.file,
                sheet=self.sheet,
                row=row,
                column=self.headings.get(name, name),
                value=text or None,
                expected=refused.expected,
            )
        )

    def refuse_if_problems(self) -> None:
        """Raise every problem found, in row order (the reader's and the caller's)."""
        if self.problems:
            ordered = sorted(self.problems, key=lambda p: p.row or 0)  # stable within a row
            raise InputRefused(ordered, subject=self.file)


def read_small_list(path: Path, layout: ListLayout, *, engine: Engine = "auto") -> SmallList:
    """The list's rows; InputRefused for a file that is not such a list at all."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with open_csv(path) as tables:
            return _read(path, layout, tables)
    if suffix == ".xlsx":
        with open_workbook(path, engine=engine) as tables:
            return _read(path, layout, tables)
    refuse_unsupported(path, layout)


def refuse_unsupported(path: Path, layout: ListLayout) -> NoReturn:
    """Refuse a file that is neither .xlsx nor .csv."""
    _refuse(
        path,
        [
            Problem(
                "file.unsupported_type",
                "Files of type '{suffix}' cannot be read as {noun}",
                {"suffix": path.suffix or "(none)", "noun": layout.noun},
                file=path.name,
                expected=".xlsx (Excel workbook) or .csv (UTF-8 text)",
            )
        ],
    )


def _refuse(path: Path, problems: list[Problem]) -> NoReturn:
    raise InputRefused(problems, subject=path.name)


@dataclass
class FoundHeader:
    table: Table
    row: int
    headers: list[str]  # as written, stripped; "" for empty
    columns: dict[str, int]  # field -> cell index
    clashes: list[tuple[str, int, int]]
    head: list[Row]  # the rows read ahead while looking, below the header

    def required_found(self, layout: ListLayout) -> int:
        return len(layout.required & self.columns.keys())


def find_header(
    path: Path, layout: ListLayout, tables: Iterator[Table] | list[Table]
) -> FoundHeader:
    """The header row: the first naming every required column, among the first
    HEADER_SCAN_ROWS of each table. Refuses the file when there is none, or when a column
    is named twice."""
    header = _scan(path, layout, tables)
    if header.clashes:
        _refuse(
            path,
            columns_twice(
                layout.code,
                layout.columns,
                header.clashes,
                header.headers,
                file=path.name,
                sheet=header.table.sheet,
                row=header.row,
            ),
        )
    return header


def missing_columns(
    path: Path, layout: ListLayout, header: FoundHeader, fields: Iterable[str]
) -> list[Problem]:
    """A located problem for each of `fields` whose column the header row lacks."""
    found = ", ".join(repr(h) for h in header.headers if h) or "none"
    wanted = set(fields)
    return [
        Problem(
            f"{layout.code}.column_missing",
            "The required column '{column}' is missing (headers found: {found})",
            {"column": column.header, "found": found},
            file=path.name,
            sheet=header.table.sheet,
            row=header.row,
            column=column.header,
            expected=spellings(column),
        )
        for column in layout.columns
        if column.field in wanted and column.field not in header.columns
    ]


def _scan(path: Path, layout: ListLayout, tables: Iterator[Table] | list[Table]) -> FoundHeader:
    forms = layout.forms()
    best: FoundHeader | None = None
    sheets: list[str] = []
    saw_rows = False
    for table in tables:
        if table.sheet is not None:
            sheets.append(table.sheet)
        head = sample_rows(table, HEADER_SCAN_ROWS)
        for position, (number, cells) in enumerate(head):
            headers = [cell_text(c) for c in cells]
            saw_rows = saw_rows or any(headers)
            columns, clashes = match_headers(headers, forms)
            candidate = FoundHeader(table, number, headers, columns, clashes, head[position + 1 :])
            if best is None or candidate.required_found(layout) > best.required_found(layout):
                best = candidate
            if best.required_found(layout) == len(layout.required):
                return best
    if not saw_rows:
        _refuse(path, [Problem("file.no_rows", "The file has no rows", file=path.name)])
    wanted = ", ".join(c.header for c in layout.columns if c.field in layout.required)
    if best is None or best.required_found(layout) < 2:
        where = f"the sheets {', '.join(repr(n) for n in sheets)}" if sheets else "it"
        _refuse(
            path,
            [
                Problem(
                    f"{layout.code}.header_not_found",
                    "No header row with {what} was found in the first {rows} rows of {where}",
                    {"what": layout.what, "rows": HEADER_SCAN_ROWS, "where": where},
                    file=path.name,
                    expected=f"a header row with the columns {wanted}",
                )
            ],
        )
    _refuse(path, missing_columns(path, layout, best, layout.required))


def _read(path: Path, layout: ListLayout, tables: Iterator[Table] | list[Table]) -> SmallList:
    header = find_header(path, layout, tables)
    result = SmallList(
        file=path.name,
        sheet=header.table.sheet,
        header_row=header.row,
        headings={name: header.headers[index] for name, index in header.columns.items()},
        rows=[],
        problems=[],
    )
    for number, cells in itertools.chain(header.head, header.table.rows):
        if all(cell_text(c) == "" for c in cells):
            continue  # blank rows are not entries
        values: dict[str, object] = {}
        for name, index in header.columns.items():
            value = cells[index] if index < len(cells) else None
            if is_excel_error(value):
                result.problem(number, name, value, _excel_error(layout, value))
                value = None
            else:
                if isinstance(value, str) and has_unsafe(value):
                    value = _cleaned(result, number, name, value)
                if cell_text(value) == "":
                    value = None
                    if name in layout.needed:
                        refused = CellRefused(
                            f"{layout.code}.value_missing",
                            "The cell is empty",
                            {},
                            layout.needed[name],
                        )
                        result.problem(number, name, None, refused)
            values[name] = value
        result.rows.append(ListRow(number, values))
        if len(result.problems) > MAX_ROW_PROBLEMS:
            result.problems.append(
                Problem(
                    f"{layout.code}.too_many_problems",
                    "Reading stopped after {count} problems",
                    {"count": MAX_ROW_PROBLEMS},
                    file=path.name,
                    sheet=header.table.sheet,
                    row=number,
                )
            )
            raise InputRefused(result.problems, subject=path.name)
    if not result.rows and not result.problems:
        _refuse(
            path,
            [
                Problem(
                    f"{layout.code}.no_{layout.entry}s",
                    "The header row is there but no {entry} follows it",
                    {"entry": layout.entry},
                    file=path.name,
                    sheet=header.table.sheet,
                    row=header.row,
                    expected=layout.entries_expected,
                )
            ],
        )
    return result


def _cleaned(result: SmallList, number: int, name: str, text: str) -> str:
    """The cell's text cleaned (cells.check_text), each change a note, a NUL a problem."""
    cleaned, found = check_text(text)
    for note in found:
        where = note.problem(
            file=result.file,
            sheet=result.sheet,
            row=number,
            column=result.headings.get(name, name),
        )
        (result.problems if note.refuses else result.notes).append(where)
    return cleaned


def _excel_error(layout: ListLayout, value: object) -> CellRefused:
    return CellRefused(
        f"{layout.code}.excel_error",
        "The cell holds the Excel error {error}",
        {"error": cell_text(value)},
        "a value: correct the formula or type the value in",
    )
