"""Text shaping for the PDF reports: reportlab draws glyphs left to right as given, so
Arabic is joined (its letters' contextual forms, arabic-reshaper) and put in drawing order
(the Unicode bidirectional algorithm, python-bidi) first, and each run of characters is
set in a face that has them (see fonts.py), so a mixed name draws right. Runs in the faces
of complex scripts (Devanagari, Thai, ...) are shaped by HarfBuzz (shaping.py).

Lines are broken in logical order and each line is then reordered on its own, as the
bidirectional algorithm requires: reordering first and wrapping after would put the end
of an Arabic name on the first line.

A sentence of the report's own words that holds names ("Winner: 3001 <title>; champions:
...") gives each name as a `Name`: it is reordered on its own, isolated (LRI or RLI ...
PDI), so an Arabic name beside a Chinese one keeps its place and the sentence its order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth

from panel_app.characters import clean_text
from panel_app.reports import shaping
from panel_app.reports.fonts import BODY, MISSING, covers, font_for, has_glyph, shaped

__all__ = [
    "Name",
    "Run",
    "Text",
    "is_rtl",
    "markup",
    "needs_drawing",
    "needs_wrapping",
    "plain",
    "run_width",
    "runs",
    "visual",
    "width",
    "wrap",
]

_RTL = frozenset({"R", "AL"})
_REORDERED = frozenset({"R", "AL", "AN"})
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_OPENERS = frozenset((LRI, RLI, FSI))
# Zero-width non-joiner and joiner: they choose a conjunct's form (Sinhala's "Sri" is
# written with a joiner), so HarfBuzz gets them; reportlab would draw them as boxes.
_JOINERS = frozenset("\u200c\u200d")


@dataclass(frozen=True)
class Run:
    font: str
    text: str


@dataclass(frozen=True)
class Name:
    """A text a person typed (a title, an organisation, a reason) inside a sentence of
    the report's own words: ordered on its own by the bidirectional algorithm."""

    text: str


# What a paragraph takes: plain text, or a sentence of the report's words and names.
Text = str | Sequence[str | Name]


def plain(text: Text) -> str:
    """`text` as one string, cleaned as every file of the app cleans text
    (characters.clean_text), each `Name` between an isolate of its own direction and PDI.
    The isolates a person may have typed are cleaned away first, so only these remain."""
    if isinstance(text, str):
        return clean_text(text)
    parts = []
    for part in text:
        if isinstance(part, Name):
            name = clean_text(part.text)
            parts.append(f"{RLI if is_rtl(name) else LRI}{name}{PDI}" if name else "")
        else:
            parts.append(clean_text(part))
    return "".join(parts)


def is_rtl(text: str) -> bool:
    """True if the text's first strongly directional character outside isolated names is
    right-to-left (the bidirectional algorithm's rules P2 and P3)."""
    depth = 0
    for char in text:
        if char in _OPENERS:
            depth += 1
        elif char == PDI:
            depth = max(depth - 1, 0)
        elif depth == 0:
            direction = unicodedata.bidirectional(char)
            if direction == "L":
                return False
            if direction in _RTL:
                return True
    return False


def visual(text: str, rtl: bool | None = None) -> str:
    """`text` in drawing order, Arabic letters joined; format controls dropped but the
    joiners inside a run of a shaped face. `rtl`: the paragraph's direction, when `text`
    is one of its lines (None: the text's own, by its first strong character)."""
    if any(unicodedata.bidirectional(c) in _REORDERED for c in text):
        base = None if rtl is None else ("R" if rtl else "L")
        text = get_display(arabic_reshaper.reshape(text), base_dir=base)
    # Bidi marks, isolates and the like have done their work (or have none to do here);
    # drawn, they would be boxes.
    kept: list[str] = []
    for char in text:
        if unicodedata.category(char) != "Cf" or (
            char in _JOINERS and kept and shaped(font_for(kept[-1]))
        ):
            kept.append(char)
    return "".join(kept)


def needs_drawing(text: str, base: str = BODY) -> bool:
    """True if some character of `text` is drawn by the reports' own code rather than by
    reportlab's paragraphs: a complex script (HarfBuzz) or one no face has (its code)."""
    if covers(base, text):  # the common case, one set test
        return False
    return any(shaped(font) or font == MISSING for font in (font_for(c, base) for c in text))


def needs_wrapping(text: str, base: str = BODY) -> bool:
    """True if `text` must be broken into lines here rather than by reportlab's paragraphs,
    which reorder nothing and break only at spaces: right-to-left or ideographic text,
    and text the reports draw themselves."""
    return any(
        unicodedata.bidirectional(c) in _REORDERED or _ideograph(c) for c in text if ord(c) > 0x58F
    ) or needs_drawing(text, base)


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
        if index and (char in _JOINERS or (_neutral(char) and has_glyph(font, char))):
            continue
        wanted = font_for(char, base)
        if wanted != font and index > start:
            out.append(Run(font, text[start:index]))
            start = index
        font = wanted
    if len(text) > start:
        out.append(Run(font, text[start:]))
    return out


def run_width(run: Run, size: float) -> float:
    """The drawn width of a run (drawing order) in points."""
    if run.font == MISSING:
        return shaping.codes_advance(run.text, size)
    if shaped(run.font):
        return shaping.advance(run.text, run.font, size)
    return float(stringWidth(run.text, run.font, size))


def width(text: str, size: float, base: str = BODY) -> float:
    """The drawn width of `text` (logical order) in points."""
    return sum(run_width(r, size) for r in runs(visual(text), base))


def markup(text: str, base: str = BODY, rtl: bool | None = None) -> str:
    """`text` as reportlab paragraph markup: drawing order, each run in its face (only
    for text reportlab draws: not `needs_drawing`)."""
    parts = []
    for run in runs(visual(text, rtl), base):
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
    at spaces, between ideographs, and inside a word only when the word alone is too wide
    (between two letters' clusters, never inside one). A name broken over two lines is
    isolated on each (its isolate closed at the line's end, opened again on the next)."""
    return _carry_isolates(_lines(text, max_width, size, base))


def _lines(text: str, max_width: float, size: float, base: str) -> list[str]:
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
    """How many leading characters of `text` fit `max_width` (at least one cluster)."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if width(text[:middle], size, base) <= max_width:
            low = middle
        else:
            high = middle - 1
    cut = low
    while 0 < cut < len(text) and not _cluster_boundary(text, cut):
        cut -= 1
    if cut == 0:  # one cluster wider than the line: it goes whole
        cut = low
        while cut < len(text) and not _cluster_boundary(text, cut):
            cut += 1
    return cut


def _cluster_boundary(text: str, index: int) -> bool:
    """True if a line may end before text[index]: not before a mark (a vowel sign, a
    tone), nor after a virama or a joiner, which bind the letters on both sides."""
    char, before = text[index], text[index - 1]
    return not (
        unicodedata.category(char)[0] == "M"
        or char in _JOINERS
        or before in _JOINERS
        or unicodedata.combining(before) == 9  # a virama (or Khmer's coeng, Myanmar's asat)
    )


def _carry_isolates(lines: list[str]) -> list[str]:
    """Each line closes the isolates it leaves open and the next opens them again."""
    out, opened = [], ""
    for line in lines:
        text, stack = opened + line, []
        for char in text:
            if char in _OPENERS:
                stack.append(char)
            elif char == PDI and stack:
                stack.pop()
        out.append(text + PDI * len(stack))
        opened = "".join(stack)
    return out
