"""Characters no file of ours holds: what a pasted document brings into a title or a name
that a file format cannot hold, a strict parser refuses, or a reader is misled by.

One list, one cleaning function: every writer (.xlsx, .csv, PDF) passes its text through
`clean_text`, whatever text reaches it; the readers of text a person typed report what
`unsafe_characters` finds, located, and store the cleaned text (docs/formats/
submission-set.md, "Characters that are cleaned or refused").

- NUL, U+0000: removed (an import refuses it: the file is damaged or not UTF-8 text).
- BROKEN, U+D800-U+DFFF, a lone surrogate, half of a character: removed (an import
  refuses it).
- LINE_BREAK, VT, FF and NEL (U+000B, U+000C, U+0085; Word's line and page breaks):
  a line break.
- CONTROL, every other control character but tab and line feed (U+0001-U+0008,
  U+000E-U+001F, U+007F-U+009F): removed.
- NONCHARACTER, U+FDD0-U+FDEF and the last two code points of every plane (U+FFFE,
  U+FFFF, U+1FFFE, ... U+10FFFF): removed.
- DIRECTION, the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069), which can draw a name reversed: removed.

A carriage return is a line end: CR LF and CR alone become a line feed, without a word
(the readers did so already). Tab and line feed stay. The marks U+200E, U+200F and U+061C
stay: they only count as a letter of their direction, and reorder nothing around them.

Pure Python, no project imports: the bottom of the house, below formats and reports alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

__all__ = [
    "Found",
    "Kind",
    "character_name",
    "clean_text",
    "code_point",
    "has_unsafe",
    "kind_of",
    "marked",
    "shown",
    "unsafe_characters",
]


class Kind(Enum):
    NUL = "nul"
    BROKEN = "broken"
    LINE_BREAK = "line_break"
    CONTROL = "control"
    NONCHARACTER = "noncharacter"
    DIRECTION = "direction"


# Every unsafe character, CR included (made a line feed), in one class: a single scan finds
# that a text is clean, which is what almost every text is. The noncharacters beyond the
# BMP are in it as one range (U+1FFFE-U+10FFFF), which `_unsafe` narrows down: a class of
# 32 separate astral characters made re scan 15 times slower (measured: 435 against 27 µs
# for a 12,000-character row).
_CANDIDATES = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069"
    r"\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]"
)


def _unsafe(char: str) -> bool:
    """A character of _CANDIDATES that is unsafe: all but the astral ones that are not
    their plane's last two code points (U+20000, a Chinese character, is a candidate)."""
    number = ord(char)
    return number < 0x1FFFE or number & 0xFFFE == 0xFFFE


_LINE_BREAKS = frozenset("\r\x0b\x0c\x85")

# The controls' standard abbreviations (ISO 6429), by which they are looked up.
_C0 = (
    *("NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF"),
    *("VT", "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK"),
    *("SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"),
)
_C1 = (
    *("PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS"),
    *("PLD", "PLU", "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW"),
    *("SPA", "EPA", "SOS", "SGC", "SCI", "CSI", "ST", "OSC", "PM", "APC"),
)


def kind_of(char: str) -> Kind | None:
    """The kind of an unsafe character; None for any other (tab, LF and CR included)."""
    if char in "\t\n\r" or _CANDIDATES.fullmatch(char) is None or not _unsafe(char):
        return None
    number = ord(char)
    if number == 0:
        return Kind.NUL
    if 0xD800 <= number <= 0xDFFF:
        return Kind.BROKEN
    if char in _LINE_BREAKS:
        return Kind.LINE_BREAK
    if number <= 0x9F:
        return Kind.CONTROL
    if 0x202A <= number <= 0x202E or 0x2066 <= number <= 0x2069:
        return Kind.DIRECTION
    return Kind.NONCHARACTER


def code_point(char: str) -> str:
    """U+000B, U+202E, U+1FFFE: how the messages name a character."""
    return f"U+{ord(char):04X}"


def character_name(char: str) -> str:
    """A control's abbreviation (VT), else the character's Unicode name; "" if none."""
    number = ord(char)
    if number < 0x20:
        return _C0[number]
    if number == 0x7F:
        return "DEL"
    if 0x80 <= number <= 0x9F:
        return _C1[number - 0x80]
    return unicodedata.name(char, "")


@dataclass(frozen=True)
class Found:
    """One unsafe character of a text: the first place it is at, and its kind."""

    char: str
    kind: Kind
    index: int  # of its first occurrence

    @property
    def code_point(self) -> str:
        return code_point(self.char)

    @property
    def name(self) -> str:
        return character_name(self.char)


def unsafe_characters(text: str) -> list[Found]:
    """Each unsafe character of `text` once, in the order of first occurrence; [] for a
    clean text. A carriage return is not listed: it is only a line end's spelling."""
    found: dict[str, Found] = {}
    for match in _CANDIDATES.finditer(text):
        char = match.group()
        if char != "\r" and char not in found and _unsafe(char):
            kind = kind_of(char)
            assert kind is not None
            found[char] = Found(char, kind, match.start())
    return list(found.values())


# The unsafe characters below U+0100, for texts in Latin-1 (most of them: English,
# French, Spanish...): bytes.translate finds them 2.5 times faster than re (16 against 40
# µs for a 12,000-character row: 10% of the intake's time per row, not 25%).
_LATIN1_UNSAFE = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])


def has_unsafe(text: str) -> bool:
    """True if `text` holds a character that clean_text changes (a CR among them)."""
    try:
        data = text.encode("latin-1")  # a copy, for a text that is Latin-1 already
    except UnicodeEncodeError:
        pass
    else:
        return len(data.translate(None, _LATIN1_UNSAFE)) != len(data)
    match = _CANDIDATES.search(text)
    if match is None:
        return False  # (the usual case: one scan)
    return _unsafe(match.group()) or any(_unsafe(m.group()) for m in _CANDIDATES.finditer(text))


def _replacement(match: re.Match[str]) -> str:
    char = match.group()
    if not _unsafe(char):
        return char
    return "\n" if char in _LINE_BREAKS else ""


def clean_text(text: str) -> str:
    """`text` as every file of ours holds it: line breaks as "\\n", the unsafe characters
    listed above made line breaks or removed, everything else as it is."""
    if not has_unsafe(text):
        return text
    return _CANDIDATES.sub(_replacement, text.replace("\r\n", "\n"))


def marked(text: str) -> str:
    """`text` safe to print or show: each unsafe character written as [U+XXXX]."""
    if not has_unsafe(text):
        return text
    return _CANDIDATES.sub(
        lambda m: f"[{code_point(m.group())}]" if _unsafe(m.group()) else m.group(), text
    )


def shown(text: str, index: int = 0, *, width: int = 24) -> str:
    """A short excerpt of `text` around `index` that is safe to print or show: each unsafe
    character written as [U+XXXX], so a person sees where it was (and an override does
    not turn the message around)."""
    start = max(0, index - width)
    end = min(len(text), index + width)
    excerpt = marked(text[start:end])
    return ("…" if start > 0 else "") + excerpt + ("…" if end < len(text) else "")
