"""Text shaping for the PDF reports: reportlab draws glyphs left to right as given, so
Arabic is joined (its letters' contextual forms, arabic-reshaper) and put in drawing order
(the Unicode bidirectional algorithm, python-bidi) first, and each run of characters is
set in a face that has them (see fonts.py), so a mixed name draws right.

Lines are broken in logical order and each line is then reordered on its own, as the
bidirectional algorithm requires: reordering first and wrapping after would put the end
of an Arabic name on the first line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from panel_app.reports.fonts import BODY, covers, font_for, has_glyph

__all__ = ["Run", "is_rtl", "markup", "needs_wrapping", "runs", "visual", "width", "wrap"]

_RTL = frozenset({"R", "AL"})
_REORDERED = frozenset({"R", "AL", "AN"})


@dataclass(frozen=True)
class Run:
    font: str
    text: str


def is_rtl(text: str) -> bool:
    """True if the text's first strongly directional character is right-to-left."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return False
        if direction in _RTL:
            return True
    return False


def visual(text: str) -> str:
    """`text` in drawing order, Arabic letters joined; format controls dropped."""
    if any(unicodedata.bidirectional(c) in _REORDERED for c in text):
        text = get_display(arabic_reshaper.reshape(text))
    # Bidi marks, zero-width joiners and the like have done their work (or have none to
    # do here); drawn, they would be boxes.
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def needs_wrapping(text: str) -> bool:
    """True if `text` must be broken into lines here rather than by reportlab's paragraphs,
    which reorder nothing and break only at spaces: right-to-left or ideographic text."""
    return any(
        unicodedata.bidirectional(c) in _REORDERED or _ideograph(c) for c in text if ord(c) > 0x58F
    )


def _neutral(char: str) -> bool:
    # Spaces, punctuation and digits stay in the run they are in when its face has them,
    # so "北京 (中国)" is one run and not three.
    return unicodedata.category(char)[0] in "ZPN"


def runs(text: str, base: str = BODY) -> list[Run]:
    """`text`, already in drawing order, as runs of one face each."""
    if covers(base, text):
        return [Run(base, text)] if text else []
    out: list[Run] = []
    font, start = base, 0
    for index, char in enumerate(text):
        if index and _neutral(char) and has_glyph(font, char):
            continue
        wanted = font_for(char, base)
        if wanted != font and index > start:
            out.append(Run(font, text[start:index]))
            start = index
        font = wanted
    if len(text) > start:
        out.append(Run(font, text[start:]))
    return out


def width(text: str, size: float, base: str = BODY) -> float:
    """The drawn width of `text` (logical order) in points."""
    return float(sum(stringWidth(r.text, r.font, size) for r in runs(visual(text), base)))


def markup(text: str, base: str = BODY) -> str:
    """`text` as reportlab paragraph markup: drawing order, each run in its face."""
    parts = []
    for run in runs(visual(text), base):
        chunk = escape(run.text)
        parts.append(chunk if run.font == base else f'<font face="{run.font}">{chunk}</font>')
    return "".join(parts)


def _pieces(text: str) -> Iterator[str]:
    """Break opportunities: after a space, and between two ideographs (no spaces in Chinese)."""
    piece = ""
    for char in text:
        if piece and (piece[-1] == " " or (_ideograph(char) or _ideograph(piece[-1]))):
            yield piece
            piece = ""
        piece += char
    if piece:
        yield piece


def _ideograph(char: str) -> bool:
    return unicodedata.east_asian_width(char) == "W"


def wrap(text: str, max_width: float, size: float, base: str = BODY) -> list[str]:
    """`text` broken into lines (logical order) no wider than `max_width` where it can be:
    at spaces, between ideographs, and inside a word only when the word alone is too wide."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for piece in _pieces(paragraph):
            if width(line + piece, size, base) <= max_width or not line.strip():
                line += piece
            else:
                lines.append(line.rstrip())
                line = piece
            while width(line.rstrip(), size, base) > max_width and len(line.rstrip()) > 1:
                cut = _longest_fit(line, max_width, size, base)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def _longest_fit(text: str, max_width: float, size: float, base: str) -> int:
    """How many leading characters of `text` fit `max_width` (at least one)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if width(text[:middle], size, base) <= max_width:
            low = middle
        else:
            high = middle - 1
    return low
