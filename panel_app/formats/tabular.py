"""Raw rows from an .xlsx workbook or a .csv file, whatever their meaning.

A reader yields `Table`s (one per worksheet; for a CSV, one per candidate delimiter) whose
rows are (row number as Excel shows it, cell values from column A). Cell values are what
the engine gives (str, int, float, bool, date, time, datetime, None), and an error cell
is a cells.ExcelError; the caller decides what they mean. Every failure to read is an
InputRefused with a file-level Problem.

Engines for .xlsx (after zip_safety has judged the container):
- python-calamine (Rust): ~5x faster than openpyxl, but holds the whole sheet in memory
  (~5.5 GB peak for a 100k-row, 500 MB workbook). It reads a verified, uncompressed copy
  of the parts (see zip_safety); its own inflating is then skipped, which pays for the
  check. It reads Excel error cells as empty, so they are found (by their type, t="e")
  while copying: text that only reads "#N/A" stays text. Rows
  come from iter_rows(), converted one at a time: as fast as to_python() (~0.1 s for
  10k rows) without a second list of the whole sheet.
- openpyxl read-only: streams rows with bounded memory (~2.8 GB peak on the same file,
  mostly shared strings), through defusedxml. Used above CALAMINE_MAX_CELL_BYTES. Its
  streamed values carry no type: text that reads as an error code is taken for one. It
  gives text as stored, so the escapes Excel writes for characters XML cannot hold
  (`_x000B_`, a vertical tab) are undone here, as calamine does (U+0000-U+00FF only,
  `_x005F_` for an underscore): both engines give the same text.
- CSV has no types either: the same rule as openpyxl's.

A formula cell with no saved result (what openpyxl and other programs that do not compute
a workbook write; Excel and LibreOffice save each result with its formula) is empty to
both engines. A reader that asks (`formulas=True`) gets it as cells.FormulaText, the
formula as written ("=" first), never evaluated: the worksheet XML is scanned for such
cells as it streams past (calamine: while copying; openpyxl: one more streamed read of
the worksheets), and the table's `formula_rows` says which rows hold one.
"""

from __future__ import annotations

import codecs
import csv
import html
import re
import tempfile
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NoReturn

from panel_app.formats.cells import ExcelError, FormulaText, shown_error
from panel_app.formats.zip_safety import (
    CFB_MAGIC,
    DEFAULT_LIMITS,
    ZIP_MAGIC,
    MiB,
    WorkbookZip,
    ZipLimits,
    check_workbook_zip,
    copy_parts_verified,
)
from panel_app.problems import InputRefused, Problem

Engine = Literal["auto", "calamine", "openpyxl"]
Row = tuple[int, list[Any]]

# Calamine is chosen while the worksheets and shared strings expand to at most this much
# XML: ~5-6x that in peak memory (about 1.5 GB at the limit), beyond which openpyxl's
# streaming read, slower but lighter, takes over. A 10k-row set is ~80-150 MB.
CALAMINE_MAX_CELL_BYTES = 256 * MiB

CSV_DELIMITERS = (",", ";")
_CSV_SAMPLE_BYTES = 64 * 1024


@dataclass
class Table:
    """One grid of cells: a worksheet, or a CSV file read with one delimiter."""

    sheet: str | None  # the worksheet's name; None for a CSV
    rows: Iterator[Row]
    total_rows: int | None  # the last row number, when the engine knows it up front
    delimiter: str | None = None  # CSV only
    # Rows holding a formula with no saved result (cells.FormulaText), when asked for.
    formula_rows: frozenset[int] = frozenset()


def choose_engine(workbook: WorkbookZip, requested: Engine = "auto") -> Literal[
    "calamine", "openpyxl"
]:  # fmt: skip
    """calamine unless the cell data is too large to hold in memory twice over."""
    if requested != "auto":
        return requested
    return "calamine" if workbook.cell_bytes <= CALAMINE_MAX_CELL_BYTES else "openpyxl"


@contextmanager
def open_workbook(
    path: Path,
    *,
    engine: Engine = "auto",
    limits: ZipLimits = DEFAULT_LIMITS,
    formulas: bool = False,
) -> Iterator[Iterator[Table]]:
    """The worksheets of an .xlsx, in workbook order, each read lazily. With `formulas`,
    a formula cell with no saved result is a cells.FormulaText (see the module's
    docstring); without, it is empty, as the engines read it."""
    workbook = check_workbook_zip(path, limits)
    if choose_engine(workbook, engine) == "calamine":
        with tempfile.TemporaryDirectory(prefix="panel-app-") as folder:
            tables = _calamine_tables(workbook, Path(folder) / "verified.xlsx", formulas)
            try:
                yield tables
            finally:
                tables.close()  # closes the calamine workbook before its copy is deleted
    else:
        found = _scan_formulas(path) if formulas else {}
        book = _open_openpyxl(path)
        try:
            yield _openpyxl_tables(book, path, found)
        finally:
            book.close()


# Cells to put in place of what an engine read: sheet part -> row -> column index -> value.
_Overrides = dict[int, dict[int, Any]]


# --- calamine ---------------------------------------------------------------------------


def _calamine_tables(
    workbook: WorkbookZip, copy: Path, formulas: bool
) -> Generator[Table, None, None]:
    import python_calamine

    errors = _ErrorCellScanner()
    unsaved = _FormulaScanner() if formulas else None

    def observe(part: str, chunk: bytes) -> None:
        errors.feed(part, chunk)
        if unsaved is not None:
            unsaved.feed(part, chunk)

    copy_parts_verified(
        workbook, copy, wanted=lambda name: name.endswith((".xml", ".rels")), observe=observe
    )
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(copy))
    except Exception as exc:  # CalamineError and its kin, or a panic surfaced as an error
        _damaged(workbook.path, exc)
    try:
        found = unsaved.cells if unsaved is not None else {}
        parts = _sheet_parts(copy) if errors.cells or found else {}
        for meta in book.sheets_metadata:
            if str(meta.typ) != "SheetTypeEnum.WorkSheet":
                continue
            try:
                sheet = book.get_sheet_by_name(meta.name)
            except Exception as exc:
                _damaged(workbook.path, exc)
            part = parts.get(meta.name, "")
            overrides = _merged(errors.cells.get(part, {}), found.get(part, {}))
            yield Table(
                meta.name,
                _calamine_rows(sheet, overrides),
                _calamine_total(sheet),
                formula_rows=frozenset(found.get(part, {})),
            )
    finally:
        book.close()


def _merged(*sources: Mapping[int, Mapping[int, Any]]) -> _Overrides:
    merged: _Overrides = {}
    for source in sources:
        for row, cells in source.items():
            merged.setdefault(row, {}).update(cells)
    return merged


def _calamine_total(sheet: Any) -> int | None:
    end = sheet.end
    return None if end is None else int(end[0]) + 1


def _calamine_rows(sheet: Any, overrides: _Overrides) -> Iterator[Row]:
    start = sheet.start
    if start is None:  # an empty sheet (to calamine: its formulas may have no result)
        return _rows_after(0, overrides)
    # iter_rows() gives every row from row 1 (python-calamine pads the rows above the
    # first used one), with cells from the first used column: put them back at column A.
    if start[1] == 0 and not overrides:
        return enumerate(sheet.iter_rows(), 1)  # nothing to add: no generator in between
    return _fixed_rows(sheet, [None] * int(start[1]), overrides)


def _fixed_rows(sheet: Any, pad: list[None], overrides: _Overrides) -> Iterator[Row]:
    number = 0
    for index, cells in enumerate(sheet.iter_rows()):
        row = pad + cells if pad else cells
        number = index + 1
        if overrides and number in overrides:
            _override(row, overrides[number])
        yield number, row
    # Rows below the last one calamine saw hold only cells it read as empty.
    yield from _rows_after(number, overrides)


def _override(row: list[Any], cells: Mapping[int, Any]) -> None:
    for column, value in cells.items():
        while len(row) <= column:
            row.append(None)
        row[column] = value


def _rows_after(last: int, overrides: _Overrides) -> Iterator[Row]:
    below = [number for number in overrides if number > last]
    for number in range(last + 1, max(below, default=last) + 1):
        row: list[Any] = []
        _override(row, overrides.get(number, {}))
        yield number, row


_ERROR_CELL = re.compile(
    rb"<c\b([^>]*)>\s*(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?\s*<v>([^<]*)</v>", re.DOTALL
)
_ERROR_TYPE = re.compile(rb"""\bt\s*=\s*["']e["']""")
_CELL_REF = re.compile(rb"""\br\s*=\s*["']([A-Z]{1,3})([0-9]+)["']""")
# The same search as data.find(b'"e"'), at twice its speed on sheet XML (where '"' is
# frequent): re's literal-prefix search skips ahead faster than bytes.find here.
_QUOTED_E = re.compile(rb'"e"')
_CARRY = 16 * 1024  # longer than any cell element Excel writes (formulas: 8k characters)
_CHUNK_BYTES = 1024 * 1024


class _ErrorCellScanner:
    """Finds error cells (t="e") in worksheet XML as it streams past: part -> row -> col."""

    def __init__(self) -> None:
        self.cells: dict[str, _Overrides] = {}
        self._carry: dict[str, bytes] = {}

    def feed(self, part: str, chunk: bytes) -> None:
        if not part.startswith("xl/worksheets/"):
            return
        data = self._carry.get(part, b"") + chunk
        self._carry[part] = data[-_CARRY:]
        # Excel, LibreOffice and openpyxl all quote attributes with '"'.
        first = _QUOTED_E.search(data)
        if first is None:
            return
        at = first.start()
        for found in _ERROR_CELL.finditer(data, max(0, data.rfind(b"<c", 0, at))):
            attributes = found[1]
            if not _ERROR_TYPE.search(attributes):
                continue
            ref = _CELL_REF.search(attributes)
            if ref is None:
                continue
            text = found[2].decode("utf-8", "replace").strip()
            row = int(ref[2])
            self.cells.setdefault(part, {}).setdefault(row, {})[_column_index(ref[1])] = ExcelError(
                text
            )


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (letter - 64)
    return index - 1


_FORMULA = re.compile(rb"<f[\s>/]")
_FORMULA_CELL = re.compile(rb"<c\b([^>]*)>\s*<f\b([^>]*?)(?:/>|>([^<]*)</f>)(.*)", re.DOTALL)
_CELL_TYPE = re.compile(rb"""\bt\s*=\s*["']([^"']*)["']""")
_SHARED_INDEX = re.compile(rb"""\bsi\s*=\s*["']([0-9]+)["']""")
_VALUE = re.compile(rb"<v>([^<]*)</v>")
_TEXT_TYPES = (b"str", b"s", b"inlineStr")  # an empty <v> of these is a saved "" result


class _FormulaScanner:
    """Finds formula cells with no saved result in worksheet XML as it streams past:
    part -> row -> column -> FormulaText. Such a cell has no <v>, or an empty one that is
    not a text result; the formula of a shared group's other cells (<f t="shared" si=.../>)
    is the first cell's, moved as Excel moves it (openpyxl's Translator)."""

    def __init__(self) -> None:
        self.cells: dict[str, _Overrides] = {}
        self._carry: dict[str, bytes] = {}
        self._shared: dict[tuple[str, bytes], tuple[str, str]] = {}  # -> (formula, cell)

    def feed(self, part: str, chunk: bytes) -> None:
        if not part.startswith("xl/worksheets/"):
            return
        data = self._carry.get(part, b"") + chunk
        self._carry[part] = data[-_CARRY:]
        if data.find(b"<f") < 0:  # most sheets hold no formula: one scan in C
            return
        for found in _FORMULA.finditer(data):
            at = found.start()
            start = data.rfind(b"<c ", 0, at)
            end = data.find(b"</c>", at)
            if start < 0 or end < 0 or data.find(b"</c>", start, at) >= 0:
                continue  # not inside a whole cell (yet: the next chunk's carry has it)
            self._cell(part, data[start:end])

    def _cell(self, part: str, cell: bytes) -> None:
        found = _FORMULA_CELL.match(cell)
        ref = _CELL_REF.search(found[1]) if found is not None else None
        if found is None or ref is None:
            return
        attributes, formula_attributes, text, rest = found[1], found[2], found[3], found[4]
        letters, row = ref[1].decode("ascii"), int(ref[2])
        where = f"{letters}{row}"
        shared = _SHARED_INDEX.search(formula_attributes)
        formula = None if text is None else html.unescape(text.decode("utf-8", "replace"))
        if shared is not None:
            key = (part, shared[1])
            if formula:
                self._shared.setdefault(key, (formula, where))
            elif key in self._shared:
                formula = _moved(*self._shared[key], where)
        if not formula:
            return
        value = _VALUE.search(rest)
        kind = _CELL_TYPE.search(attributes)
        if b"<is>" in rest or (value is not None and value[1].strip()):
            return  # a saved result
        if value is not None and kind is not None and kind[1] in _TEXT_TYPES:
            return  # a saved empty text
        column = _column_index(ref[1])
        self.cells.setdefault(part, {}).setdefault(row, {})[column] = FormulaText("=" + formula)


def _moved(formula: str, origin: str, where: str) -> str:
    """A shared formula as it reads in another cell of its group (references moved)."""
    from openpyxl.formula.translate import Translator

    try:
        return str(Translator("=" + formula, origin=origin).translate_formula(where))[1:]
    except Exception:  # a formula the translator cannot parse: the first cell's, as written
        return formula


def _scan_formulas(path: Path) -> dict[str, _Overrides]:
    """For the openpyxl engine: sheet name -> its formula cells with no saved result, by
    one more streamed read of the worksheets (zipfile reads no more than the declared
    sizes, which check_workbook_zip judged)."""
    import zipfile

    scanner = _FormulaScanner()
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                with archive.open(name) as stream:
                    while chunk := stream.read(_CHUNK_BYTES):
                        scanner.feed(name, chunk)
    if not scanner.cells:
        return {}
    parts = _sheet_parts(path)
    return {sheet: scanner.cells.get(part, {}) for sheet, part in parts.items()}


def _sheet_parts(copy: Path) -> dict[str, str]:
    """Worksheet name -> its part in the zip, from workbook.xml and its relationships."""
    import zipfile

    from defusedxml import ElementTree

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    with zipfile.ZipFile(copy) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        try:
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except KeyError:
            return {}
    targets: dict[str, str] = {}
    for relation in rels:
        target = relation.get("Target", "")
        targets[relation.get("Id", "")] = (
            target.lstrip("/") if target.startswith("/") else "xl/" + target
        )
    return {
        sheet.get("name", ""): targets.get(sheet.get(rel, ""), "")
        for sheet in book.iter(f"{main}sheet")
    }


# --- openpyxl ---------------------------------------------------------------------------


def _open_openpyxl(path: Path) -> Any:
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:  # a broken installation, not the user's file
        raise RuntimeError("openpyxl would parse XML without defusedxml; install defusedxml")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # zipfile, XML and openpyxl's own errors
        _damaged(path, exc)


def _openpyxl_tables(
    book: Any, path: Path, formulas: Mapping[str, _Overrides] | None = None
) -> Iterator[Table]:
    for sheet in book.worksheets:
        total = sheet.max_row if isinstance(sheet.max_row, int) else None
        found = (formulas or {}).get(sheet.title, {})
        yield Table(
            sheet.title, _openpyxl_rows(sheet, path, found), total, formula_rows=frozenset(found)
        )


_OOXML_ESCAPE = re.compile(r"_x00([0-9A-Fa-f]{2})_")


def _openpyxl_text(text: str) -> str:
    if "_x" in text:
        text = _OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    return shown_error(text)


def _openpyxl_rows(sheet: Any, path: Path, overrides: _Overrides | None = None) -> Iterator[Row]:
    try:
        # Read-only iter_rows yields every row from row 1, gaps filled, cells from column A.
        number = 0
        for index, cells in enumerate(sheet.iter_rows(values_only=True)):
            number = index + 1
            row = [_openpyxl_text(c) if c.__class__ is str else c for c in cells]
            if overrides and number in overrides:
                _override(row, overrides[number])
            yield number, row
        if overrides:
            yield from _rows_after(number, overrides)
    except InputRefused:
        raise
    except Exception as exc:
        _damaged(path, exc)


def _damaged(path: Path, exc: BaseException) -> NoReturn:
    reason = str(exc).strip() or type(exc).__name__
    problem = Problem(
        "workbook.damaged",
        "The workbook could not be read: {reason}",
        {"reason": reason[:300]},
        file=path.name,
        expected="a workbook as Excel or LibreOffice saves it",
    )
    raise InputRefused([problem], subject=path.name) from exc


# --- CSV --------------------------------------------------------------------------------

CSV_EXPECTED = "UTF-8 text (in Excel: Save As 'CSV UTF-8 (Comma delimited)')"


@contextmanager
def open_csv(path: Path) -> Iterator[list[Table]]:
    """The file read with each candidate delimiter; the caller keeps the one whose header
    has the expected columns. Encoding: UTF-8, with or without a byte-order mark.

    Each table's rows read the file through a handle of their own, opened at the first
    row; all are closed when the block ends (the tables not chosen too, which would
    otherwise hold the file open until the garbage collector found them: a locked file
    on Windows, and a ResourceWarning at a random later moment)."""
    with path.open("rb") as stream:
        head = stream.read(_CSV_SAMPLE_BYTES)
    if not head:
        _refuse_csv(path, "file.empty", "The file is empty (0 bytes)", expected="a submission set")
    if head.startswith((ZIP_MAGIC, CFB_MAGIC)):
        _refuse_csv(
            path,
            "file.not_csv",
            "The file is a workbook, not CSV text",
            expected="a CSV text file; an Excel workbook must be named .xlsx",
        )
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        decoder.decode(head, final=False)
    except UnicodeDecodeError as exc:
        _not_utf8(path, exc, row=None)
    readers = [_csv_rows(path, d) for d in CSV_DELIMITERS]
    try:
        yield [
            Table(None, rows, None, delimiter=d)
            for rows, d in zip(readers, CSV_DELIMITERS, strict=True)
        ]
    finally:
        for rows in readers:
            rows.close()


def _csv_rows(path: Path, delimiter: str) -> Generator[Row, None, None]:
    number = 0
    with path.open("r", encoding="utf-8-sig", newline="") as stream:
        # strict: a stray quote is refused rather than swallowing the rest of the file.
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        try:
            for number, cells in enumerate(reader, start=1):
                yield number, [shown_error(c) if "#" in c[:8] else c for c in cells]
        except UnicodeDecodeError as exc:
            _not_utf8(path, exc, row=number + 1)
        except csv.Error as exc:
            _refuse_csv(
                path,
                "csv.malformed",
                "The CSV text cannot be read: {reason}",
                {"reason": str(exc)},
                row=number + 1,
                expected="CSV as Excel or LibreOffice saves it (quoted cells closed)",
            )


def _not_utf8(path: Path, exc: UnicodeDecodeError, row: int | None) -> NoReturn:
    _refuse_csv(
        path,
        "csv.not_utf8",
        "The file is not UTF-8 text (byte 0x{byte} cannot be read)",
        {"byte": f"{exc.object[exc.start]:02X}"},
        row=row,
        expected=CSV_EXPECTED,
    )


def _refuse_csv(
    path: Path,
    code: str,
    template: str,
    params: dict[str, object] | None = None,
    *,
    row: int | None = None,
    expected: str | None = None,
) -> NoReturn:
    problem = Problem(code, template, params or {}, file=path.name, row=row, expected=expected)
    raise InputRefused([problem], subject=path.name)


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sample_rows(table: Table, count: int) -> list[Row]:
    """The first `count` rows, read ahead; table.rows then continues after them."""
    head: list[Row] = []
    for row in table.rows:
        head.append(row)
        if len(head) >= count:
            break
    return head


ProgressCallback = Callable[[int, int | None], None]
__all__ = [
    "CALAMINE_MAX_CELL_BYTES",
    "CSV_DELIMITERS",
    "Engine",
    "ProgressCallback",
    "Row",
    "Table",
    "choose_engine",
    "column_letter",
    "open_csv",
    "open_workbook",
    "sample_rows",
]
