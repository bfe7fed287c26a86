"""Cell values as the secretariat's files hold them, turned into plain values.

Each parser takes what a reader gives for one cell (text from a CSV; str, int, float, bool,
date, time or datetime from a workbook engine) and returns a plain value, or raises
CellRefused with a problem code, an English template, its parameters and what was
expected. The caller adds where the cell was (file, sheet, row, column).
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from panel_app.characters import Found, Kind, clean_text, shown, unsafe_characters
from panel_app.problems import Problem

# What Excel writes in a cell whose formula failed (typing one in makes it one, too).
EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
        "#CONNECT!",
        "#BUSY!",
    }
)

# The 1900 date system's day zero (Excel's fictitious 29 Feb 1900 makes it the 30th).
_EXCEL_EPOCH = datetime(1899, 12, 30)
# A bare number is read as an Excel serial date only in this range (2000-01-01 ..
# 9999-12-31), so that a year (2019) or an ID is never taken for a date.
EXCEL_SERIAL_MIN = 36526
EXCEL_SERIAL_MAX = 2958465


@dataclass(frozen=True)
class CellRefused(Exception):
    """One cell's value was refused: the message travels as data (see problems.py)."""

    code: str
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)
    expected: str | None = None


def cell_text(value: object) -> str:
    """Any cell as the text a person reads in it: stripped, numbers without ".0".

    Line breaks inside the text are kept, with Windows and old Mac line ends made "\\n" so
    that a CSV and a workbook of the same data give the same text.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.strip()
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows it
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


class ExcelError(str):
    """The value of an error cell (#N/A, #DIV/0!, ...) as the readers give it (tabular).

    A type of its own, so that text which only reads "#N/A" (a comment typed in
    LibreOffice, or written by this app) stays text wherever the file keeps cell types."""

    __slots__ = ()


class FormulaText(str):
    """A formula cell with no saved result, as the readers give it (tabular, when asked):
    the formula as written, "=" first, never evaluated. openpyxl and other programs that
    write a workbook without computing it leave every formula so; Excel and LibreOffice
    save each result beside its formula, and a cell with a result is read as the result."""

    __slots__ = ()


def is_formula_text(value: object) -> bool:
    return value.__class__ is FormulaText


def shown_error(text: str) -> str:
    """For sources without cell types (CSV, openpyxl's streamed values): text that reads
    as an error code is taken for one, as Excel would when it opens the file."""
    if "#" in text[:8] and text.strip() in EXCEL_ERRORS:
        return ExcelError(text.strip())
    return text


def is_excel_error(value: object) -> bool:
    return value.__class__ is ExcelError


# --- identifiers ----------------------------------------------------------------------

_DECIMAL = re.compile(r"[+-]?\d+(?:\.\d*)?|[+-]?\.\d+")
_INTEGRAL_TEXT = re.compile(r"(\d+)(?:\.0*)?")
_IDENTIFIER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,62}[A-Za-z0-9])?")

ID_EXPECTED = "a whole number such as 1001, or an identifier of letters, digits and - _ . /"


def normalise_id(value: object) -> str:
    """A submission ID as text: 1001, 1001.0, "1001", "1001.0" and " 1001 " give "1001".

    Digits typed as text keep their leading zeros ("01001"); a number that is not whole
    (1001.5) or a negative one is refused, as is anything that is not an identifier.
    """
    if isinstance(value, bool | date | time):
        raise _invalid_id()
    if isinstance(value, int | float):
        if not math.isfinite(value) or not float(value).is_integer():
            raise _not_whole()
        if value < 0:
            raise _invalid_id()
        return str(int(value))
    text = cell_text(value)
    if _DECIMAL.fullmatch(text):
        whole = _INTEGRAL_TEXT.fullmatch(text)
        if whole is None:
            raise _invalid_id() if text.startswith("-") else _not_whole()
        return whole[1]
    if _IDENTIFIER.fullmatch(text) is None:
        raise _invalid_id()
    return text


def _invalid_id() -> CellRefused:
    return CellRefused(
        "submission_set.id_invalid", "The submission ID is not an identifier", {}, ID_EXPECTED
    )


def _not_whole() -> CellRefused:
    return CellRefused(
        "submission_set.id_not_whole",
        "The submission ID is not a whole number",
        {},
        "a whole number such as 1001",
    )


# --- SDG lists ------------------------------------------------------------------------

# One goal: "3", "3.0", "SDG 3", "SDG3", "SDGs 3", "Goal 3", "Goal #3", "SDG-3", "SDG: 3".
_SDG_TOKEN = re.compile(
    r"(?:(?:sdgs?|goals?)\s*(?:no\.?|#|:|-)?\s*)?(\d+)(?:\.0+)?(?![\w.])", re.IGNORECASE
)
# Between goals: ";", ",", "/", "|", "&", "+", "and", a line break or plain spaces.
_SDG_SEPARATOR = re.compile(r"(?:\s*(?:[;,/|&+]|\band\b)\s*|\s+)+", re.IGNORECASE)
# A list of goals as the platform writes it: a shortcut past the general scan.
_SDG_PLAIN = re.compile(r"(?:SDG ?)?[0-9]{1,2}(?:[;,] ?(?:SDG ?)?[0-9]{1,2})*")
_DIGITS = re.compile(r"[0-9]+")
# What is shown of a token that is not a goal: up to the next separator sign.
_SDG_BAD = re.compile(r"[^;,/|&+\n]+")


def sdg_expected(numbers: Collection[int]) -> str:
    low, high = (min(numbers), max(numbers)) if numbers else (1, 17)
    return (
        f"SDG numbers {low}-{high} separated by ';' or ',', "
        "for example '3; 5; 17' or 'SDG 3, SDG 5'"
    )


def parse_sdgs(value: object, numbers: Collection[int]) -> tuple[int, ...]:
    """The goals named in a cell, ascending and unique; () for an empty cell.

    `numbers` are the edition's goal numbers. Raises CellRefused for the first token that
    is not a goal number, or a number that is not one of the goals.
    """
    if isinstance(value, bool | date | time):
        raise CellRefused(
            "submission_set.sdg_unreadable",
            "'{token}' is not an SDG number",
            {"token": cell_text(value)},
            sdg_expected(numbers),
        )
    if isinstance(value, int | float):
        if not (math.isfinite(value) and float(value).is_integer()):
            raise CellRefused(
                "submission_set.sdg_unreadable",
                "'{token}' is not an SDG number",
                {"token": cell_text(value)},
                sdg_expected(numbers),
            )
        return _check_goals([int(value)], numbers)
    if isinstance(value, str) and _SDG_PLAIN.fullmatch(value):
        # The platform's usual spellings ("3; 5; 17", "SDG 3, SDG 5"), without the
        # general scan below, which reads them the same way.
        return _check_goals([int(n) for n in _DIGITS.findall(value)], numbers)
    text = cell_text(value)
    found: list[int] = []
    position = 0
    separator = _SDG_SEPARATOR.match(text, position)
    if separator is not None:
        position = separator.end()
    while position < len(text):
        token = _SDG_TOKEN.match(text, position)
        if token is None:
            bad = _SDG_BAD.match(text, position)
            shown = bad[0].strip() if bad is not None else text[position:]
            raise CellRefused(
                "submission_set.sdg_unreadable",
                "'{token}' is not an SDG number",
                {"token": shown},
                sdg_expected(numbers),
            )
        found.append(int(token[1]))
        position = token.end()
        separator = _SDG_SEPARATOR.match(text, position)
        if separator is not None:
            position = separator.end()
        elif position < len(text):
            # "3x": the number ran into something that is not a separator.
            bad = _SDG_BAD.match(text, token.start())
            shown = bad[0].strip() if bad is not None else text[token.start() :]
            raise CellRefused(
                "submission_set.sdg_unreadable",
                "'{token}' is not an SDG number",
                {"token": shown},
                sdg_expected(numbers),
            )
    return _check_goals(found, numbers)


def _check_goals(found: list[int], numbers: Collection[int]) -> tuple[int, ...]:
    for number in found:
        if number not in numbers:
            low, high = (min(numbers), max(numbers)) if numbers else (1, 17)
            raise CellRefused(
                "submission_set.sdg_out_of_range",
                "SDG {number} does not exist: the goals are numbered {low} to {high}",
                {"number": number, "low": low, "high": high},
                sdg_expected(numbers),
            )
    return tuple(sorted(set(found)))


# --- dates and times ------------------------------------------------------------------

# ISO 8601 as people and platforms write it: a date, optionally a time, optionally an
# offset. Other orders (22/11/2019, 11/22/2019) are refused: day and month cannot be told
# apart in general, and a wrong guess would move a submission across the deadline.
_ISO = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[Tt ](?P<time>\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?))?"
    r"(?:\s?(?P<offset>[Zz]|[+-]\d{2}(?::?\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?))?"
)


def datetime_expected(zone_name: str) -> str:
    return (
        "an Excel date-time cell, or ISO 8601 text such as '2019-11-22 23:00' "
        f"({zone_name} time) or '2019-11-22T22:00:00Z'"
    )


def parse_datetime(value: object, zone: tzinfo, zone_name: str) -> datetime | None:
    """An instant in UTC, or None for an empty cell.

    Times without an offset (Excel date-times, naive ISO text) are local time in `zone`.
    A local time that does not exist (skipped by a DST change) or exists twice (repeated)
    takes fold=0: the offset in force before the change (see docs/formats).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        local = value if value.tzinfo is not None else value.replace(tzinfo=zone, fold=0)
        return local.astimezone(UTC)
    if isinstance(value, date):
        # A date-only cell: midnight local time.
        return datetime(value.year, value.month, value.day, tzinfo=zone).astimezone(UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value) and EXCEL_SERIAL_MIN <= value < EXCEL_SERIAL_MAX + 1:
            # Rounded to the millisecond, as both workbook engines do for date cells.
            naive = _EXCEL_EPOCH + timedelta(milliseconds=round(value * 86_400_000))
            return naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
        raise _unreadable_date(value, zone_name)
    if isinstance(value, str):
        match = _ISO.fullmatch(value.strip())
        if match is not None:
            text = match["date"]
            if match["time"]:
                text += "T" + match["time"].replace(",", ".")
            if match["offset"]:
                if not match["time"]:  # "2019-11-22+01:00": an offset needs a time of day
                    raise _unreadable_date(value, zone_name)
                text += match["offset"].upper()
            try:
                parsed = datetime.fromisoformat(text)
            except ValueError:
                raise _unreadable_date(value, zone_name) from None
            return parse_datetime(parsed, zone, zone_name)
    raise _unreadable_date(value, zone_name)


def _unreadable_date(value: object, zone_name: str) -> CellRefused:
    return CellRefused(
        "submission_set.date_unreadable",
        "The date and time is not in a form the app reads",
        {},
        datetime_expected(zone_name),
    )


# --- text a person typed ------------------------------------------------------------------

# What each kind of unsafe character does to a cell at intake (panel_app/characters.py;
# docs/formats/submission-set.md, "Characters that are cleaned or refused"): refused, or
# cleaned with a note. The code, the English msgid, and whether the cell is refused.
_TEXT_NOTES: dict[Kind, tuple[str, str, bool]] = {
    Kind.NUL: (
        "text.nul",
        "The text holds {code_point} ({name}), which typed text never holds: the file is "
        "damaged, or was saved as another kind of text than UTF-8",
        True,
    ),
    Kind.BROKEN: (
        "text.broken_character",
        "The text holds {code_point}, half of a character (a surrogate): the text is damaged",
        True,
    ),
    Kind.LINE_BREAK: (
        "text.line_break",
        "The control character {code_point} ({name}) was made a line break",
        False,
    ),
    Kind.CONTROL: (
        "text.control_removed",
        "The control character {code_point} ({name}) was removed",
        False,
    ),
    Kind.NONCHARACTER: (
        "text.noncharacter_removed",
        "{code_point}, which is not a character, was removed",
        False,
    ),
    Kind.DIRECTION: (
        "text.direction_removed",
        "The direction control {code_point} ({name}), which can show text reversed or out "
        "of order, was removed",
        False,
    ),
}
TEXT_REFUSED_EXPECTED = (
    "the text as typed: export the file again (as UTF-8 text, or as an Excel workbook)"
)
# The note that stands for the notes not listed, past a reader's limit.
TEXT_MORE = (
    "text.more_cleaned",
    "{count} more characters were cleaned from texts as above (not listed)",
)


@dataclass(frozen=True)
class TextNote:
    """What the intake did to a cell's text for one unsafe character: cleaned it (a note
    for the chair) or refused it (a problem). The caller adds where the cell was."""

    code: str
    template: str
    params: Mapping[str, Any]
    value: str  # an excerpt around the character, every unsafe one shown as [U+XXXX]
    refuses: bool

    def problem(self, *, file: str, sheet: str | None, row: int, column: str | None) -> Problem:
        return Problem(
            self.code,
            self.template,
            dict(self.params),
            file=file,
            sheet=sheet,
            row=row,
            column=column,
            value=self.value,
            expected=TEXT_REFUSED_EXPECTED if self.refuses else None,
        )


def _text_note(text: str, found: Found) -> TextNote:
    code, template, refuses = _TEXT_NOTES[found.kind]
    params = {"code_point": found.code_point, "name": found.name}
    return TextNote(code, template, params, shown(text, found.index), refuses)


def check_text(text: str) -> tuple[str, tuple[TextNote, ...]]:
    """A cell's text cleaned of the characters no file of ours holds, stripped, and a note
    for each kind of character found (in the order first found); the text as it is and ()
    when it is clean."""
    found = unsafe_characters(text)
    if not found:
        return text, ()
    return clean_text(text).strip(), tuple(_text_note(text, f) for f in found)
