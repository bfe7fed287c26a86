"""The fonts the PDF reports draw with: shipped in resources/fonts/ (licences beside them),
registered with reportlab on first use, never looked up on the system or fetched.

DejaVu Sans (Latin, Cyrillic, Greek, Arabic with its presentation forms, Hebrew, Georgian,
Armenian) is the body face; a character it lacks goes to the face of its script: Noto Sans
Arabic for the Arabic letters DejaVu lacks (Urdu's), Noto Sans for the scripts of South
and South-East Asia and Ethiopia (drawn through HarfBuzz, shaping.py: their letters join,
stack and reorder), then WenQuanYi Micro Hei (Chinese,
Japanese kana, Korean; a TrueType collection, which reportlab reads; the CFF-outline Noto
CJK fonts it cannot). A run of text takes the first face that has its characters; a
character no face has is `MISSING`: drawn as its code point, and said (`missing`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from panel_app.paths import resources_dir

__all__ = [
    "BODY",
    "BOLD",
    "HAN",
    "MISSING",
    "PRIVATE",
    "covers",
    "file_of",
    "font_for",
    "has_glyph",
    "missing",
    "register",
    "shaped",
]


@dataclass(frozen=True)
class Face:
    name: str  # the name reportlab knows it by
    file: str  # in resources/fonts/
    subfont: int = 0  # the face's index in a .ttc collection
    # The characters it is asked for (blocks of its script; empty: any). A script face is
    # read from disk only when a text holds a character of its blocks.
    blocks: tuple[range, ...] = ()
    shaped: bool = False  # its runs go through HarfBuzz (shaping.py), not reportlab's drawString
    # Takes its blocks before the body face: DejaVu Sans has Lao letters but no placement
    # for their stacked vowel and tone marks, which then collide.
    first: bool = False


BODY = "PanelSans"
BOLD = "PanelSans-Bold"
HAN = "PanelHan"
# Not a face: the runs of characters no face has, drawn as their code points (lines.py).
MISSING = "PanelMissing"
# Where shaping.py gives a code to the glyphs no character maps to (a conjunct, a half
# form): plane 16's private use area, which no face here maps.
PRIVATE = 0x10_0000


def _script(
    name: str, file: str, *blocks: tuple[int, int], first: bool = False, shaped: bool = True
) -> Face:
    return Face(
        name, file, blocks=tuple(range(a, b + 1) for a, b in blocks), shaped=shaped, first=first
    )


# Each face for its script's blocks (Unicode 13, as the fonts were made for), regular
# weight only: bold text in these scripts is drawn regular, as Chinese is.
_SCRIPTS = (
    # The Arabic letters DejaVu Sans lacks (Urdu's heh goal and yeh barree, ...), in the
    # presentation forms arabic-reshaper gives: drawn by reportlab, as DejaVu's are.
    _script("PanelArabic", "NotoSansArabic-Regular.ttf", (0x0600, 0x06FF), (0x0750, 0x077F),
            (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), shaped=False),
    _script("PanelDevanagari", "NotoSansDevanagari-Regular.ttf", (0x0900, 0x097F),
            (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF)),
    _script("PanelBengali", "NotoSansBengali-Regular.ttf", (0x0980, 0x09FF)),
    _script("PanelGurmukhi", "NotoSansGurmukhi-Regular.ttf", (0x0A00, 0x0A7F)),
    _script("PanelGujarati", "NotoSansGujarati-Regular.ttf", (0x0A80, 0x0AFF)),
    _script("PanelOriya", "NotoSansOriya-Regular.ttf", (0x0B00, 0x0B7F)),
    _script("PanelTamil", "NotoSansTamil-Regular.ttf", (0x0B80, 0x0BFF)),
    _script("PanelTelugu", "NotoSansTelugu-Regular.ttf", (0x0C00, 0x0C7F)),
    _script("PanelKannada", "NotoSansKannada-Regular.ttf", (0x0C80, 0x0CFF)),
    _script("PanelMalayalam", "NotoSansMalayalam-Regular.ttf", (0x0D00, 0x0D7F)),
    _script("PanelSinhala", "NotoSansSinhala-Regular.ttf", (0x0D80, 0x0DFF)),
    _script("PanelThai", "NotoSansThai-Regular.ttf", (0x0E00, 0x0E7F)),
    _script("PanelLao", "NotoSansLao-Regular.ttf", (0x0E80, 0x0EFF), first=True),
    _script("PanelMyanmar", "NotoSansMyanmar-Regular.ttf", (0x1000, 0x109F), (0xA9E0, 0xA9FF),
            (0xAA60, 0xAA7F)),
    _script("PanelKhmer", "NotoSansKhmer-Regular.ttf", (0x1780, 0x17FF), (0x19E0, 0x19FF)),
    _script("PanelEthiopic", "NotoSansEthiopic-Regular.ttf", (0x1200, 0x139F),
            (0x2D80, 0x2DDF), (0xAB00, 0xAB2F)),
)  # fmt: skip
_FACES = {
    BODY: Face(BODY, "DejaVuSans.ttf"),
    BOLD: Face(BOLD, "DejaVuSans-Bold.ttf"),
    # No bold cut exists: bold Chinese is drawn in the regular weight.
    HAN: Face(HAN, "wqy-microhei.ttc"),
    **{face.name: face for face in _SCRIPTS},
}
# Each base face and where its missing characters go, in order.
_FALLBACK = {
    BODY: (BODY, *(f.name for f in _SCRIPTS), HAN),
    BOLD: (BOLD, *(f.name for f in _SCRIPTS), HAN),
}
_FIRST = tuple(f for f in _SCRIPTS if f.first)


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
    pdfmetrics.registerFont(TTFont(face.name, str(file_of(name)), subfontIndex=face.subfont))
    return name


def file_of(name: str) -> Path:
    return resources_dir() / "fonts" / _FACES[name].file


def shaped(name: str) -> bool:
    """True if runs in the face `name` are drawn through HarfBuzz (shaping.py)."""
    face = _FACES.get(name)
    return face is not None and face.shaped


@cache
def _glyphs(name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(register(name))
    # Without the codes shaping.py adds for glyphs of their own (not characters), and
    # without the blocks a face takes first (DejaVu's Lao: the Lao face draws it).
    taken = [block for face in _FIRST if face.name != name for block in face.blocks]
    return frozenset(
        c for c in font.face.charToGlyph if c < PRIVATE and not any(c in b for b in taken)
    )


def has_glyph(name: str, char: str) -> bool:
    return name != MISSING and ord(char) in _glyphs(name)


def covers(name: str, text: str) -> bool:
    """True if the face `name` has every character of `text` (the common case, one set test)."""
    return _glyphs(name).issuperset(map(ord, text))


def _asks(face: Face, number: int) -> bool:
    return not face.blocks or any(number in block for block in face.blocks)


@cache
def font_for(char: str, base: str = BODY) -> str:
    """The face that draws `char` in a text set in `base`; `MISSING` if none has it.

    A fallback face is loaded only when the base lacks a character of its blocks, so a
    report without Chinese names never pays for parsing the CJK font (nor one without
    Thai names for the Thai one).
    """
    number = ord(char)
    for name in _FALLBACK[base]:
        if _asks(_FACES[name], number) and has_glyph(name, char):
            return name
    # White space and controls no face has are left to the base face (room, or nothing).
    return MISSING if _drawn(char) else base


def _drawn(char: str) -> bool:
    """Whether `char` is drawn at all: white space is room, format controls (joiners,
    marks of direction) do their work unseen, control characters are cleaned away."""
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")


def missing(text: str) -> str:
    """The characters of `text` that no shipped face has (each once, in order)."""
    if covers(BODY, text):
        return ""
    found = dict.fromkeys(c for c in text if _drawn(c) and font_for(c) == MISSING)
    return "".join(found)
