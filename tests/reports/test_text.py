"""Text shaping for the PDF: runs per face, drawing order for Arabic, line breaking (between
clusters in the complex scripts), names isolated in a sentence."""

from __future__ import annotations

import unicodedata
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from panel_app.reports import fonts
from panel_app.reports.text import Name, is_rtl, plain, runs, visual, width, wrap

# Letters and signs organisations' names are written in: Latin with accents, Cyrillic,
# Arabic letters (without tatweel), Chinese, digits, spaces and punctuation.
LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x24F, categories=("L", "N", "P", "Zs"))
CYRILLIC = st.characters(min_codepoint=0x410, max_codepoint=0x44F)
ARABIC = st.sampled_from([chr(c) for c in range(0x621, 0x64B) if c != 0x640])
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
NAME = st.text(st.one_of(LATIN, CYRILLIC, ARABIC, HAN, st.just(" ")), max_size=40)
LTR = st.text(st.one_of(LATIN, CYRILLIC, HAN), max_size=40).filter(
    lambda t: not any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in t)
)


def test_a_mixed_name_is_set_in_the_face_that_has_each_script() -> None:
    assert [(r.font, r.text) for r in runs("中国 Digital Centre (北京)")] == [
        (fonts.HAN, "中国 "),
        (fonts.BODY, "Digital Centre ("),
        (fonts.HAN, "北京)"),
    ]
    assert [r.font for r in runs("Фонд «Развитие»")] == [fonts.BODY]
    assert [r.font for r in runs(visual("جامعة القاهرة"))] == [fonts.BODY]


def test_arabic_is_joined_and_in_drawing_order() -> None:
    drawn = visual("جامعة القاهرة 2024")
    # the number keeps its own order; the words are reversed, their letters joined
    assert drawn.startswith("2024 ")
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in drawn[5:] if c != " ")
    assert is_rtl("جامعة Cairo") and not is_rtl("Cairo جامعة") and not is_rtl("2024")


@given(NAME)
def test_runs_cover_the_text_each_in_a_face_that_draws_it(text: str) -> None:
    drawn = visual(text)
    found = runs(drawn)
    assert "".join(r.text for r in found) == drawn
    assert all(r.text for r in found)
    assert all(a.font != b.font for a, b in pairwise(found))
    for run in found:
        for char in run.text:
            if fonts.has_glyph(fonts.font_for(char), char):
                assert fonts.has_glyph(run.font, char), (char, run.font)


@given(LTR)
def test_left_to_right_text_is_drawn_as_written(text: str) -> None:
    assert visual(text) == text


@given(st.text(ARABIC, min_size=1, max_size=20))
def test_an_arabic_word_reads_back_in_logical_order(word: str) -> None:
    # What pdftotext and a reader do: undo the joined forms (NFKC) glyph by glyph, right
    # to left. A lam-alef ligature is one glyph that stands for two letters.
    drawn = visual(word)
    assert "".join(unicodedata.normalize("NFKC", c) for c in reversed(drawn)) == word


@given(NAME, st.floats(min_value=20, max_value=300))
def test_wrapping_keeps_every_character_and_fits_where_it_can(text: str, room: float) -> None:
    lines = wrap(text, room, 8)
    # only whitespace at the line ends may go
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        assert width(line, 8) <= room or len(line) == 1, (line, room)


# Devanagari and Thai syllables: a consonant, perhaps a conjunct (virama and a consonant),
# perhaps a vowel sign or a tone mark; words of them, spaces between some.
DEVANAGARI_SYLLABLE = st.tuples(
    st.sampled_from("कखगचजटतदनपबमयरलवसह"),
    st.sampled_from(["", "्र", "्य", "्ष", "्त"]),
    st.sampled_from(["", "ा", "ि", "ी", "ु", "े", "ो", "ं"]),
).map("".join)
THAI_SYLLABLE = st.tuples(
    st.sampled_from(["", "เ", "แ", "โ", "ไ"]),
    st.sampled_from("กขคงจชดตนบปพมยรลวสหอ"),
    st.sampled_from(["", "ั", "ิ", "ี", "ุ", "ู"]),
    st.sampled_from(["", "่", "้", "๊"]),
).map("".join)
COMPLEX = st.lists(
    st.one_of(DEVANAGARI_SYLLABLE, THAI_SYLLABLE, st.just(" ")), min_size=1, max_size=30
).map("".join)


@given(COMPLEX, st.floats(min_value=10, max_value=200))
def test_complex_scripts_break_between_clusters_never_inside_one(text: str, room: float) -> None:
    lines = wrap(text, room, 8)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for before, after in pairwise(line for line in lines if line):
        assert unicodedata.category(after[0])[0] != "M", (before, after)  # a sign left alone
        assert unicodedata.combining(before[-1]) != 9, (before, after)  # a virama cut off
    for line in lines:
        for run in runs(visual(line)):  # each shaped whole, in its script's face
            assert fonts.shaped(run.font) or not run.text.strip(), run


def test_a_name_broken_over_lines_stays_isolated_on_each() -> None:
    name = "جامعة القاهرة للعلوم والتكنولوجيا الرقمية"
    lines = wrap(plain(["Winner: 3001 ", Name(name), ", 3002 Smart Village"]), 90, 8)
    assert len(lines) >= 3
    for line in lines:  # every isolate opened on a line is closed on it
        assert line.count("\u2067") == line.count("\u2069"), line
    assert "".join(visual(line) for line in lines).count("3002") == 1
