"""An .xlsx workbook's worksheets streamed row by row: memory bounded, whatever their size.

python-calamine holds a whole sheet in memory (~5x its XML: 270 MiB for a 10k-row set of
long texts, 2.6 GB at 100k); openpyxl's read-only mode streams, but with Python work for
every cell and, for a sheet without a `<dimension>`, a whole pass over its XML before the
first row. This reader hands each worksheet part, as zip_safety inflates and checks it,
to expat (C, in the standard library), with Python at the ends of each cell only: about
calamine's speed on long texts, in a few MiB (docs/benchmarks.md, issue 19).

The values are calamine's: text as str (an empty cell inside a row ""), numbers as float,
booleans, an error cell as cells.ExcelError, a date-formatted number as a date (a whole
number), a time (below 1), a datetime or, for an elapsed-time format ([h]:mm), a
timedelta; Excel's escapes for characters XML cannot hold (`_x000B_`) undone (U+0000 to
U+00FF, as calamine). Rows come from row 1 with missing ones empty, cells from column A.

No document type declaration is accepted (Excel and LibreOffice write none): with it
go entity definitions, and with them the expansion attacks defusedxml guards openpyxl
against.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, NoReturn
from xml.parsers import expat

from panel_app.formats.cells import ExcelError, FormulaText
from panel_app.formats.zip_safety import WorkbookZip, read_part_verified

Row = tuple[int, list[Any]]

_MAIN = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",  # Strict Open XML
)
_RELATIONSHIPS = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
)
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_WORKSHEET_TYPE = "/worksheet"  # the end of a worksheet relationship's Type, either schema
_TEXT_BUFFER = 1 << 17  # expat hands over text in pieces of up to this many characters


class UnsafeXml(Exception):
    """A part holds what no workbook of Excel or LibreOffice does (a DTD, an entity)."""


class WorkbookStructure(Exception):
    """The workbook's parts do not fit together (a sheet whose part is missing...)."""


def _names(local: str) -> frozenset[str]:
    return frozenset(f"{ns} {local}" for ns in _MAIN)


def _parser() -> Any:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: object) -> NoReturn:
        raise UnsafeXml("a document type declaration or an entity")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.buffer_text = True
    parser.buffer_size = _TEXT_BUFFER
    return parser


def _starts(workbook: WorkbookZip, name: str) -> list[tuple[str, dict[str, str]]]:
    """Every element of a small part (the workbook, its relationships, the styles), in
    order, with its attributes; text is not kept."""
    found: list[tuple[str, dict[str, str]]] = []
    parser = _parser()
    parser.StartElementHandler = lambda tag, attributes: found.append((tag, attributes))
    parser.EndElementHandler = lambda tag: found.append(("/" + tag, {}))
    for chunk in read_part_verified(workbook, name):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return found


# --- the workbook: its sheets, date system and styles -----------------------------------


@dataclass(frozen=True)
class StreamedSheet:
    name: str
    rows: Iterator[Row]
    # The last row number, as the sheet's <dimension> says when it says (known once its
    # part is being read), else estimated from how much of the part the rows so far took.
    estimate_total: Callable[[int], int | None]
    # With `formulas`: the rows holding a formula with no saved result, filled as the rows
    # stream (a row is in it before it is given).
    formula_rows: set[int]


def stream_worksheets(workbook: WorkbookZip, *, formulas: bool = False) -> Iterator[StreamedSheet]:
    """The workbook's worksheets in workbook order, each read as its rows are taken. With
    `formulas`, a formula cell with no saved result is a cells.FormulaText (its formula,
    "=" first; a shared formula's other cells get its first cell's, moved as Excel moves
    it)."""
    names = workbook.names()
    parts = _worksheet_parts(workbook)
    if not parts:
        raise WorkbookStructure("the workbook lists no worksheet")
    styles = _Styles(workbook) if "xl/styles.xml" in names else _Styles(None)
    shared: list[str] = []
    if "xl/sharedStrings.xml" in names:
        shared = _shared_strings(workbook)
    sizes = {e.filename: e.file_size for e in workbook.entries}
    for sheet_name, part in parts:
        if part not in names:
            raise WorkbookStructure(f"the part {part!r} of sheet {sheet_name!r} is missing")
        reader = _SheetReader(workbook, part, sizes[part], shared, styles, formulas)
        yield StreamedSheet(sheet_name, reader.rows(), reader.estimate_total, reader.formula_rows)


def _worksheet_parts(workbook: WorkbookZip) -> list[tuple[str, str]]:
    """(sheet name, its part) for each worksheet (not chart sheets), in workbook order;
    the 1904 date system is noted on the way."""
    targets: dict[str, str] = {}
    relationships = "xl/_rels/workbook.xml.rels"
    if relationships in workbook.names():
        for tag, attributes in _starts(workbook, relationships):
            if tag == f"{_PACKAGE} Relationship" and attributes.get("Type", "").endswith(
                _WORKSHEET_TYPE
            ):
                target = attributes.get("Target", "")
                part = target.lstrip("/") if target.startswith("/") else "xl/" + target
                targets[attributes.get("Id", "")] = _normalise(part)
    sheets: list[tuple[str, str]] = []
    sheet_tags = _names("sheet")
    relationship_ids = [f"{ns} id" for ns in _RELATIONSHIPS]
    for tag, attributes in _starts(workbook, "xl/workbook.xml"):
        if tag in sheet_tags:
            rid = next((attributes[k] for k in relationship_ids if k in attributes), "")
            if rid in targets:
                sheets.append((attributes.get("name", ""), targets[rid]))
    return sheets


def _normalise(part: str) -> str:
    """ "xl/worksheets/../worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml"."""
    out: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if out:
                out.pop()
        elif piece not in ("", "."):
            out.append(piece)
    return "/".join(out)


# Excel's built-in number formats that show a date or a time (calamine's list), and the
# elapsed-time one ([h]:mm:ss).
_BUILTIN_DATES = frozenset((*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)))
_BUILTIN_DURATIONS = frozenset({46})
# In a format code: quoted text, escaped characters and [colour]/[condition] sections say
# nothing of dates; an elapsed-time section ([h], [mm], [ss]) does.
_NOT_DATE_PARTS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)
_DATE_LETTERS = re.compile(r"[dmyhsegb]", re.IGNORECASE)
_ELAPSED = re.compile(r"\[[hms]+\]", re.IGNORECASE)


class _Styles:
    """Which cell style indexes (a cell's s="...") show a date, time or elapsed time."""

    def __init__(self, workbook: WorkbookZip | None) -> None:
        self.dates: frozenset[str] = frozenset()
        self.durations: frozenset[str] = frozenset()
        self.date1904 = False
        if workbook is None:
            return
        self.date1904 = _date1904(workbook)
        custom: dict[int, str] = {}
        formats: list[int] = []
        in_cell_formats = False
        cell_formats, num_format, xf = _names("cellXfs"), _names("numFmt"), _names("xf")
        for tag, attributes in _starts(workbook, "xl/styles.xml"):
            if tag in cell_formats:
                in_cell_formats = True
            elif tag[1:] in cell_formats and tag[0] == "/":
                in_cell_formats = False
            elif tag in num_format:
                try:
                    custom[int(attributes.get("numFmtId", ""))] = attributes.get("formatCode", "")
                except ValueError:
                    continue
            elif tag in xf and in_cell_formats:
                try:
                    formats.append(int(attributes.get("numFmtId", "0")))
                except ValueError:
                    formats.append(0)
        dates, durations = set(), set()
        for index, format_id in enumerate(formats):
            code = custom.get(format_id)
            if code is None:
                is_date = format_id in _BUILTIN_DATES
                is_duration = format_id in _BUILTIN_DURATIONS
            else:
                section = code.split(";")[0]
                is_duration = _ELAPSED.search(section) is not None
                shown = _NOT_DATE_PARTS.sub("", section)
                is_date = is_duration or _DATE_LETTERS.search(shown) is not None
            if is_date:
                dates.add(str(index))
            if is_duration:
                durations.add(str(index))
        self.dates, self.durations = frozenset(dates), frozenset(durations)


def _date1904(workbook: WorkbookZip) -> bool:
    properties = _names("workbookPr")
    for tag, attributes in _starts(workbook, "xl/workbook.xml"):
        if tag in properties:
            return attributes.get("date1904", "").lower() in ("1", "true")
    return False


_EPOCH_1900 = datetime(1899, 12, 30)
_EPOCH_1904 = datetime(1904, 1, 1)
_MS_PER_DAY = 86_400_000


def _dated(value: float, epoch: datetime, duration: bool) -> Any:
    """A date-formatted number as calamine gives it."""
    if duration:
        return timedelta(milliseconds=round(value * _MS_PER_DAY))
    if value < 0:
        return value
    ms = round(value * _MS_PER_DAY)
    if value < 1:
        seconds, millis = divmod(ms, 1000)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        return time(hour % 24, minute, second, millis * 1000)
    if epoch is _EPOCH_1900 and value < 60:
        epoch = datetime(1899, 12, 31)  # before Excel's 29 February 1900 that never was
    moment = epoch + timedelta(milliseconds=ms)
    if value.is_integer():
        return date(moment.year, moment.month, moment.day)
    return moment


# Excel's escape for characters XML 1.0 cannot hold: U+0000 to U+00FF undone, as calamine
# (openpyxl gives text as stored: tabular undoes it there too).
_OOXML_ESCAPE = re.compile(r"_x00([0-9A-Fa-f]{2})_")


def unescape(text: str) -> str:
    if "_x" in text:
        return _OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), text)
    return text


# --- shared strings ---------------------------------------------------------------------


def _shared_strings(workbook: WorkbookZip) -> list[str]:
    """The workbook's shared strings, each the text of its runs (phonetic hints left out).

    Excel keeps every text of a workbook here: held whole, as every engine does."""
    strings: list[str] = []
    texts: list[str] = []
    si, t, rph = _names("si"), _names("t"), _names("rPh")
    capture = False
    in_phonetic = 0

    def start(tag: str, _attributes: dict[str, str]) -> None:
        nonlocal capture, in_phonetic
        if tag in t:
            capture = not in_phonetic
        elif tag in si:
            texts.clear()
        elif tag in rph:
            in_phonetic += 1

    def end(tag: str) -> None:
        nonlocal capture, in_phonetic
        if tag in t:
            capture = False
        elif tag in si:
            strings.append(unescape("".join(texts)))
        elif tag in rph:
            in_phonetic -= 1

    def text(data: str) -> None:
        if capture:
            texts.append(data)

    parser = _parser()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    for chunk in read_part_verified(workbook, "xl/sharedStrings.xml"):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return strings


# --- a worksheet ------------------------------------------------------------------------


def _column(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + (ord(letter) - 64)
    return index - 1


class _SheetReader:
    def __init__(
        self,
        workbook: WorkbookZip,
        part: str,
        size: int,
        shared: list[str],
        styles: _Styles,
        formulas: bool = False,
    ) -> None:
        self.formulas = formulas
        self.formula_rows: set[int] = set()
        self.workbook = workbook
        self.part = part
        self.size = size
        self.shared = shared
        self.styles = styles
        self.fed = 0  # bytes of the part parsed so far
        self.last_row = 0  # the last row number met so far
        self.dimension: int | None = None  # the last row, as <dimension> says
        self.chunks = 0  # chunks of the part parsed so far
        self.escaped_in = 0  # the last of them that holds "_x"

    def estimate_total(self, _rows_read: int) -> int | None:
        if self.dimension is not None:
            return self.dimension
        if self.fed <= 0 or self.last_row <= 0:
            return None
        return max(self.last_row, round(self.last_row * self.size / self.fed))

    def rows(self) -> Iterator[Row]:
        done: list[Row] = []
        parser = self._parser(done)
        next_row = 1
        tail = b""
        for chunk in read_part_verified(self.workbook, self.part):
            self.fed += len(chunk)
            self.chunks += 1
            # Excel's escapes are rare: a text is looked at for them only if one of the
            # chunks it came in holds "_x" (searched in C, across the chunks' seam too).
            if b"_x" in chunk or b"_x" in tail + chunk[:1]:
                self.escaped_in = self.chunks
            tail = chunk[-1:]
            parser.Parse(chunk, False)
            if done:
                for number, cells in done:
                    while next_row < number:  # rows the sheet leaves out: empty
                        yield next_row, []
                        next_row += 1
                    yield number, cells
                    next_row = number + 1
                done.clear()
        parser.Parse(b"", True)
        for number, cells in done:
            while next_row < number:
                yield next_row, []
                next_row += 1
            yield number, cells
            next_row = number + 1

    def _parser(self, done: list[Row]) -> Any:
        shared = self.shared
        dates, durations = self.styles.dates, self.styles.durations
        epoch = _EPOCH_1904 if self.styles.date1904 else _EPOCH_1900
        c_tags, v_tags, t_tags = _names("c"), _names("v"), _names("t")
        row_tags, is_tags, rph_tags = _names("row"), _names("is"), _names("rPh")
        dimension_tags = _names("dimension")
        f_tags = _names("f") if self.formulas else frozenset()
        formula: list[str] = []  # the cell's formula text, when formulas are asked for
        shared_formulas: dict[str, tuple[str, str]] = {}  # si -> (formula, its first cell)
        formula_si: str | None = None
        in_formula = False
        has_value = False  # the cell has a <v>, empty or not
        cell_ref = ""
        columns: dict[str, int] = {}
        digits = "0123456789"
        texts: list[str] = []
        cells: list[Any] = []
        number = 0
        column = 0
        kind: str | None = None
        style: str | None = None
        capture = False
        in_inline = False
        in_phonetic = 0
        reader = self

        cell_from = 0  # the chunk the cell began in

        def start(tag: str, attributes: dict[str, str]) -> None:
            nonlocal cells, number, column, kind, style, capture, in_inline, in_phonetic
            nonlocal cell_from, in_formula, formula_si, has_value, cell_ref
            if tag in f_tags:
                in_formula = True
                formula_si = attributes.get("si") if attributes.get("t") == "shared" else None
            elif tag in c_tags:
                formula.clear()
                formula_si = None
                has_value = False
                cell_ref = attributes.get("r", "")
                cell_from = reader.chunks
                ref = attributes.get("r")
                if ref is None:
                    column = len(cells)
                else:
                    letters = ref.rstrip(digits)
                    found = columns.get(letters)
                    if found is None:
                        found = columns[letters] = _column(letters)
                    column = found
                kind = attributes.get("t")
                style = attributes.get("s")
                texts.clear()
            elif tag in v_tags:
                capture = True
                has_value = True
            elif tag in t_tags:
                capture = in_inline and not in_phonetic
            elif tag in is_tags:
                in_inline = True
            elif tag in row_tags:
                given = attributes.get("r")
                number = int(given) if given is not None else number + 1
                cells = []
            elif tag in rph_tags:
                in_phonetic += 1
            elif tag in dimension_tags:
                reader.dimension = _last_row(attributes.get("ref", ""))

        def end(tag: str) -> None:
            nonlocal capture, in_inline, in_phonetic, in_formula
            if tag in f_tags:
                in_formula = False
                if formula_si is not None:
                    if formula:
                        shared_formulas.setdefault(formula_si, ("".join(formula), cell_ref))
                    elif formula_si in shared_formulas:
                        formula.append(moved_formula(*shared_formulas[formula_si], cell_ref))
            elif tag in c_tags:
                saved_empty_text = has_value and kind in ("str", "s", "inlineStr")
                if not texts and formula and not saved_empty_text:
                    # a formula with no saved result: its text, never evaluated
                    value: Any = FormulaText("=" + "".join(formula))
                    reader.formula_rows.add(number)
                elif not texts:
                    value = ""
                elif kind == "inlineStr" or kind == "str":  # the usual text cells, inline
                    value = texts[0] if len(texts) == 1 else "".join(texts)
                    if reader.escaped_in >= cell_from:
                        value = unescape(value)
                elif kind == "s" and len(texts) == 1 and texts[0].isdigit():
                    try:
                        value = shared[int(texts[0])]
                    except IndexError:
                        raise WorkbookStructure(f"no shared string {texts[0]}") from None
                else:
                    value = _value(kind, style, texts, shared, dates, durations, epoch)
                if column == len(cells):
                    cells.append(value)
                elif column > len(cells):
                    cells.extend([""] * (column - len(cells)))
                    cells.append(value)
                else:  # out of order (no workbook writes it so): the later one wins
                    cells[column] = value
            elif tag in v_tags or tag in t_tags:
                capture = False
            elif tag in row_tags:
                done.append((number, cells))
                reader.last_row = number
            elif tag in is_tags:
                in_inline = False
            elif tag in rph_tags:
                in_phonetic -= 1

        def text(data: str) -> None:
            if capture:
                texts.append(data)
            elif in_formula:
                formula.append(data)

        parser = _parser()
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
        return parser


def moved_formula(formula: str, origin: str, where: str) -> str:
    """A shared formula as it reads in another cell of its group (references moved as
    Excel moves them: openpyxl's Translator, loaded only for such a cell)."""
    from openpyxl.formula.translate import Translator

    try:
        return str(Translator("=" + formula, origin=origin).translate_formula(where))[1:]
    except Exception:  # a formula the translator cannot parse: the first cell's, as written
        return formula


def _last_row(ref: str) -> int | None:
    """ "A1:S10001" -> 10001; None for a reference without a row."""
    last = ref.rpartition(":")[2].lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    return int(last) if last.isdigit() else None


def _value(
    kind: str | None,
    style: str | None,
    texts: list[str],
    shared: list[str],
    dates: frozenset[str],
    durations: frozenset[str],
    epoch: datetime,
) -> Any:
    """One cell's value from its type (t="..."), style and text, as calamine gives it."""
    if not texts:
        return ""
    text = texts[0] if len(texts) == 1 else "".join(texts)
    if kind is None or kind == "n":
        try:
            value = float(text)
        except ValueError:
            raise WorkbookStructure(f"a number cell holds {text[:40]!r}") from None
        if style is not None and style in dates:
            return _dated(value, epoch, style in durations)
        return value
    if kind == "s":
        try:
            return shared[int(text)]
        except (ValueError, IndexError):
            raise WorkbookStructure(f"no shared string {text[:40]!r}") from None
    if kind == "inlineStr" or kind == "str":
        return unescape(text)
    if kind == "b":
        return text.strip() in ("1", "true", "TRUE")
    if kind == "e":
        return ExcelError(text.strip())
    if kind == "d":
        try:
            return datetime.fromisoformat(text.strip())
        except ValueError:
            raise WorkbookStructure(f"a date cell holds {text[:40]!r}") from None
    return unescape(text)
