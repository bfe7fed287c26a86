"""What no file of the app holds, one code point at a time: the quick look the intake
takes at every text (has_unsafe, two ways: Latin-1 texts and the others) agrees with the
cleaning, and with what the files keep (tests/test_any_text_in_every_file.kept)."""

from __future__ import annotations

from panel_app.characters import Kind, clean_text, has_unsafe, kind_of, marked
from tests.test_any_text_in_every_file import kept


def test_every_code_point_is_looked_at_alike_whatever_text_it_is_in() -> None:
    wrong = []
    for number in range(0x110000):
        char = chr(number)
        unsafe = kept(char) != char or char == "\r"
        # Latin-1 texts are looked at by bytes.translate, the others by re: both, below U+0100.
        texts = (char, "é" + char, "中" + char) if number < 0x100 else (char,)
        if {has_unsafe(t) for t in texts} != {unsafe} or (clean_text(char) != char) != unsafe:
            wrong.append(f"U+{number:04X}")
    assert wrong == []


def test_kinds_and_how_they_are_shown() -> None:
    assert [kind_of(c) for c in "\x00\x0b\x07\ufffe\u202e\ud800a\t"] == [
        Kind.NUL, Kind.LINE_BREAK, Kind.CONTROL, Kind.NONCHARACTER, Kind.DIRECTION,
        Kind.BROKEN, None, None,
    ]  # fmt: skip
    assert kind_of("\U0002fffe") is Kind.NONCHARACTER and kind_of("\U00020000") is None
    assert marked("Invoice \u202efdp.exe\x00") == "Invoice [U+202E]fdp.exe[U+0000]"
    assert clean_text("a\r\nb\rc\x0bd\x85e") == "a\nb\nc\nd\ne"
