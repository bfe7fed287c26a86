"""The fonts the PDF reports draw with: shipped in resources/fonts/ (licences beside them),
registered with reportlab on first use, never looked up on the system or fetched.

Two faces cover the scripts organisations write their names in: DejaVu Sans (Latin,
Cyrillic, Greek, Arabic with its presentation forms) and WenQuanYi Micro Hei (Chinese,
Japanese kana, Korean; a TrueType collection, which reportlab reads; the CFF-outline Noto
CJK fonts it cannot). A run of text takes the first face that has its characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from panel_app.paths import resources_dir

__all__ = ["BODY", "BOLD", "HAN", "covers", "font_for", "has_glyph", "register"]


@dataclass(frozen=True)
class Face:
    name: str  # the name reportlab knows it by
    file: str  # in resources/fonts/
    subfont: int = 0  # the face's index in a .ttc collection


BODY = "PanelSans"
BOLD = "PanelSans-Bold"
HAN = "PanelHan"
_FACES = {
    BODY: Face(BODY, "DejaVuSans.ttf"),
    BOLD: Face(BOLD, "DejaVuSans-Bold.ttf"),
    # No bold cut exists: bold Chinese is drawn in the regular weight.
    HAN: Face(HAN, "wqy-microhei.ttc"),
}
# Each base face and where its missing characters go.
_FALLBACK = {BODY: (BODY, HAN), BOLD: (BOLD, HAN)}


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map of a font subset (what a reader's copy, search and
    pdftotext read the drawn glyphs as), with each character as UTF-16, as the PDF
    reference asks. reportlab writes the code point in hex, which for a character beyond
    U+FFFF (an emoji, a rare Chinese character of Extension B) a reader takes for another:
    U+1F600 read back as U+1F60."""
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(
                f"<{code:02X}> <{chr(char).encode('utf-16-be', 'surrogatepass').hex().upper()}>"
                for code, char in enumerate(subset)
            ),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # (looked up by name when a subset is written)


@cache
def register(name: str) -> str:
    """Register the face `name` with reportlab (once; WenQuanYi takes ~0.7 s to parse)."""
    face = _FACES[name]
    path = resources_dir() / "fonts" / face.file
    pdfmetrics.registerFont(TTFont(face.name, str(path), subfontIndex=face.subfont))
    return name


@cache
def _glyphs(name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(register(name))
    return frozenset(font.face.charToGlyph)


def has_glyph(name: str, char: str) -> bool:
    return ord(char) in _glyphs(name)


def covers(name: str, text: str) -> bool:
    """True if the face `name` has every character of `text` (the common case, one set test)."""
    return _glyphs(name).issuperset(map(ord, text))


@cache
def font_for(char: str, base: str = BODY) -> str:
    """The face that draws `char` in a text set in `base`; `base` if none has it.

    The fallback face is loaded only when the base lacks a character, so a report without
    Chinese names never pays for parsing the CJK font.
    """
    for name in _FALLBACK[base]:
        if has_glyph(name, char):
            return name
    return base
