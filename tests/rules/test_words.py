"""Counting words as a person counts them; properties checked with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel_app.rules.words import cjk_characters, count_words, is_unspaced_script


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("one two three", 3),
        ("community-led e-health", 2),
        ("20,000 patients and 3.5 million", 5),
        ("health , care", 2),
        ("- • — ... …", 0),
        ("see https://www.example.org/projects/a-b?x=1 now", 3),
        ("write to a.person@example.org", 3),
        ("(SDG 3) and SDG-5.", 4),
        ("line one\n- item two\n• item three", 6),
        ("don't stop", 2),
        ("2019年我们", 4),
        ("数字健康", 4),
        ("Café naïve Ελλάδα Москва", 4),
        ("_ __", 0),
    ],
)
def test_words_are_counted_as_a_person_counts_them(text: str, expected: int) -> None:
    assert count_words(text) == expected


def test_a_chinese_text_is_an_unspaced_script_and_an_english_one_is_not() -> None:
    assert is_unspaced_script("我们的项目帮助农村地区的诊所。")
    assert not is_unspaced_script("The project, known as 数字健康, helps clinics reach people.")


# Spaced scripts only: each CJK character is a word of its own (tested above).
_word = st.text(alphabet=st.characters(categories=("L", "Nd")), min_size=1).filter(
    lambda w: cjk_characters(w) == 0
)
_punct = st.text(alphabet="-–—.,;:!?()[]\"'•*/…", min_size=1)
_space = st.text(alphabet=" \t\n\r\u00a0", min_size=1)


@given(st.lists(_word, max_size=40), _space)
def test_joined_words_count_once_each(words: list[str], space: str) -> None:
    assert count_words(space.join(words)) == len(words)


@given(st.text(), st.text())
def test_counts_add_across_whitespace(a: str, b: str) -> None:
    assert count_words(f"{a} {b}") == count_words(a) + count_words(b)


@given(st.text(), _punct)
def test_punctuation_alone_adds_no_word(text: str, punct: str) -> None:
    assert count_words(f"{text} {punct}") == count_words(text)


@given(st.lists(_word, min_size=1, max_size=10), _punct)
def test_punctuation_inside_a_token_does_not_split_it(words: list[str], punct: str) -> None:
    assert count_words(punct.join(words)) == 1


@given(st.text())
def test_extra_spacing_changes_nothing(text: str) -> None:
    assert count_words(text) == count_words("  " + text.replace(" ", "   ") + "\n")


@given(st.text())
def test_the_fast_count_agrees_with_token_by_token(text: str) -> None:
    spaced = "".join(ch for ch in text if cjk_characters(ch) == 0)
    tokens = spaced.split()
    assert count_words(spaced) == sum(1 for t in tokens if any(ch.isalnum() for ch in t))


# Mostly ASCII, with the non-ASCII a real export brings (no-break and other Unicode spaces,
# dashes, bullets, curly quotes, accented letters): the texts the byte-level count reads.
_EXPORT_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0x7F),
        st.sampled_from("\xa0\u2003\u3000\x85\u2014\u2022\u2019\u201céñ…"),
    )
)


@given(_EXPORT_TEXT)
def test_the_byte_level_count_agrees_with_token_by_token(text: str) -> None:
    tokens = text.split()
    assert count_words(text) == sum(1 for t in tokens if any(ch.isalnum() for ch in t))
