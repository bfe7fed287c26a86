"""Text cells of the .xlsx and .csv files the app writes for people (the secretariat's
lists, the review workbooks): whatever text reaches a writer, the file opens in Excel,
LibreOffice and a strict XML parser, shows the text as it is, and never turns it into a
formula.

Every text goes through panel_app.characters.clean_text first (control characters,
noncharacters, direction overrides: see there), then:
- .xlsx: a text that Excel would read as an escaped character (`_x0041_`, the OOXML
  escape for "A") has its underscore escaped (`_x005F_x0041_`), as Excel does, so Excel
  and LibreOffice show it as written; a text that starts like a formula is a string cell
  with Excel's quote-prefix style, which Excel and LibreOffice hide and keep when the cell
  is edited.
- .csv: a text that starts like a formula (=, +, -, @, tab, CR), or with the guard
  itself, gets one ZERO WIDTH SPACE (U+200B) in front: neither Excel nor LibreOffice
  starts a formula on it, and neither draws it, so the person sees the text as written,
  where OWASP's apostrophe shows in LibreOffice as a stray "'". A program reading the
  file strips one leading U+200B. Why this guard, and what it costs:
  docs/formats/nominee-list.md, "Text stays text".
"""

from __future__ import annotations

import re

from openpyxl.cell import Cell

from panel_app.characters import clean_text

__all__ = ["CSV_GUARD", "FORMULA_START", "csv_text", "keep_text", "xlsx_text"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_GUARD = "\u200b"  # ZERO WIDTH SPACE
# "_x" four hex digits "_": Excel reads it as one escaped character, unless the
# underscore is escaped itself.
_ESCAPE_LOOKALIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def xlsx_text(text: str) -> str:
    """`text` as a workbook cell holds it (see the module's docstring)."""
    text = clean_text(text)
    if "_x" in text:
        text = _ESCAPE_LOOKALIKE.sub("_x005F_", text)
    return text


def keep_text(cell: Cell) -> None:
    """A text cell stays text: typed as a string (openpyxl would store "=..." as a formula
    and "#N/A" as an error), and with Excel's quote prefix when it starts like a formula,
    so that editing it in Excel or LibreOffice does not make it one either."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_START):
            cell.quotePrefix = True


def csv_text(text: str) -> str:
    """`text` as a .csv cell holds it (see the module's docstring)."""
    text = clean_text(text)
    if text.startswith((*FORMULA_START, CSV_GUARD)):
        return CSV_GUARD + text
    return text
