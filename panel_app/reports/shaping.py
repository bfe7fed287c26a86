"""The runs reportlab cannot draw by itself: complex scripts, and characters no face has.

Complex scripts through HarfBuzz: in Devanagari, Bengali, Tamil, Sinhala, Thai, Khmer,
Myanmar and their kin the letters join into conjuncts, vowel signs go before the consonant
they follow in writing, marks stack; reportlab draws one glyph per character, left to
right, so a run in one of their faces (fonts.shaped) is shaped here and drawn glyph by
glyph at the positions HarfBuzz gives.

What a reader copies, searches or extracts (pdftotext) is the run's text as written, not
the glyphs: the run is marked content with an ActualText (PDF 32000-1, 14.9.4), which
viewers and poppler read in place of the glyphs. A glyph no character maps to (a
conjunct) gets a code of its own in plane 16's private use area (fonts.PRIVATE), which
only the ActualText-less reader would see.

A character no shipped face has (fonts.MISSING) is drawn as its code point in a frame,
"U+0F40", where a font would draw an empty box that says nothing; the ActualText keeps
the character itself for a reader who copies it.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import uharfbuzz as hb
from reportlab.lib.colors import Color
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from panel_app.reports import fonts

__all__ = ["Shaped", "actual_text", "advance", "codes_advance", "draw", "draw_codes", "shape"]


@dataclass(frozen=True)
class Shaped:
    """A run as glyphs: their numbers in the face (0: the face has none, an empty box),
    the characters reportlab draws them by, and where, in ems from the run's start on its
    baseline."""

    glyphs: tuple[int, ...]
    codes: str
    x: tuple[float, ...]
    y: tuple[float, ...]
    advance: float  # ems


@cache
def _harfbuzz(name: str) -> tuple[hb.Font, int]:
    face = hb.Face(hb.Blob.from_file_path(str(fonts.file_of(name))))
    return hb.Font(face), face.upem


_lock = threading.Lock()  # exports run on worker threads; glyph codes are given once
_codes: dict[tuple[str, int], int] = {}  # (face, glyph) -> the character that draws it
_private: dict[str, int] = {}  # face -> private codes given


def _code(name: str, glyph: int, width: float) -> str:
    """The character reportlab draws `glyph` of face `name` by: one the font maps to it,
    else a private one made to (with the glyph's width in thousandths of an em)."""
    key = (name, glyph)
    with _lock:
        code = _codes.get(key)
        if code is None:
            face = pdfmetrics.getFont(fonts.register(name)).face
            code = next((c for c, g in face.charToGlyph.items() if g == glyph), None)
            if code is None:
                code = fonts.PRIVATE + _private.get(name, 0)
                _private[name] = code - fonts.PRIVATE + 1
                face.charToGlyph[code] = glyph
                face.charWidths[code] = width
            _codes[key] = code
    return chr(code)


@lru_cache(maxsize=4096)
def shape(text: str, name: str) -> Shaped:
    """`text` (left to right: the scripts shaped here are) as the face `name` draws it."""
    font, upem = _harfbuzz(name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "ltr"
    hb.shape(font, buffer, {})
    glyphs, codes, xs, ys = [], [], [], []
    pen = 0
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        glyphs.append(info.codepoint)
        codes.append(_code(name, info.codepoint, position.x_advance * 1000 / upem))
        xs.append((pen + position.x_offset) / upem)
        ys.append(position.y_offset / upem)
        pen += position.x_advance
    return Shaped(tuple(glyphs), "".join(codes), tuple(xs), tuple(ys), pen / upem)


def advance(text: str, name: str, size: float) -> float:
    """The drawn width of `text` in the face `name`, in points."""
    return shape(text, name).advance * size


def actual_text(text: str) -> str:
    """The operator that opens marked content read as `text` (closed by EMC). Format
    controls (a joiner that chose a conjunct's form) are left out, as everywhere in the
    reports' text."""
    kept = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return f"/Span <</ActualText <FEFF{kept.encode('utf-16-be').hex().upper()}>>> BDC"


def draw(canvas: Canvas, x: float, y: float, text: str, name: str, size: float) -> float:
    """Draw `text` shaped in the face `name` with its baseline's start at (x, y), in the
    canvas' fill colour; the width drawn."""
    shaped = shape(text, name)
    canvas.addLiteral(actual_text(text))
    glyphs = canvas.beginText()
    glyphs.setFont(fonts.register(name), size)
    for code, dx, dy in zip(shaped.codes, shaped.x, shaped.y, strict=True):
        glyphs.setTextOrigin(x + dx * size, y + dy * size)
        glyphs.textOut(code)
    canvas.drawText(glyphs)
    canvas.addLiteral("EMC")
    return shaped.advance * size


_CODE_SIZE = 0.5  # the code's letters, in ems of the text around it
_CODE_PAD = 0.12  # room inside the frame and after it, in ems


def _code_label(char: str) -> str:
    return f"U+{ord(char):04X}"


def codes_advance(text: str, size: float) -> float:
    """The width of `text`'s characters drawn as their codes, in points."""
    small = size * _CODE_SIZE
    return sum(
        float(pdfmetrics.stringWidth(_code_label(c), fonts.register(fonts.BODY), small))
        + 3 * _CODE_PAD * size
        for c in text
    )


def draw_codes(canvas: Canvas, x: float, y: float, text: str, size: float, color: Color) -> float:
    """Draw each character of `text` as its code point in a thin frame, the size of a
    letter, in `color`, with its baseline's start at (x, y); the width drawn."""
    font, small, pad = fonts.register(fonts.BODY), size * _CODE_SIZE, _CODE_PAD * size
    start = x
    canvas.addLiteral(actual_text(text))
    for char in text:
        label = _code_label(char)
        inner = pdfmetrics.stringWidth(label, font, small) + 2 * pad
        canvas.saveState()
        canvas.setLineWidth(max(size / 20, 0.3))
        canvas.setStrokeColor(color)
        canvas.setFillColor(color)
        canvas.rect(x, y - 0.15 * size, inner, 0.9 * size, stroke=1, fill=0)
        canvas.setFont(font, small)
        canvas.drawString(x + pad, y + 0.15 * size, label)
        canvas.restoreState()
        x += inner + pad
    canvas.addLiteral("EMC")
    return x - start
