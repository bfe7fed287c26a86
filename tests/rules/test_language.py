"""Rule 10, not-english: real texts in, the language and its confidence in the evidence."""

from __future__ import annotations

import random
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel_app.demo import texts
from panel_app.edition import Edition, load_edition_by_key
from panel_app.rules import RuleInput, language

ENGLISH = (
    "The project connects rural clinics to the regional hospital through a simple mobile service.",
    "Nurses send difficult cases by text message and receive advice within the hour.",
    "Since the launch, more than twenty thousand patients have been seen by a doctor.",
    "Waiting times at the regional hospital fell by a third in the first year.",
    "The ministry decided to extend the service to every province by the end of 2021.",
    "Women make up more than half of the community health workers we have trained.",
    "The platform also works without an internet connection, which matters in the villages.",
    "Data are protected under the national privacy law and stored in the country.",
    "An independent evaluation found fewer referrals and better follow-up of chronic cases.",
    "Our main challenge remains the cost of electricity and of the handsets themselves.",
    "Local partners maintain the equipment and train new staff every six months.",
    "The model has been replicated by two neighbouring districts with their own funds.",
)
IMPACT = (
    "Results so far:\n- 40 clinics connected\n• 12,000 consultations a year\n"
    "* waiting times down by a third\nThe next phase adds maternal health."
)


def passage(language_code: str, count: int = 8) -> str:
    """Real sentences in another language, from the demo generator's pools."""
    values = {"n": "20000", "n2": "350", "pct": "48", "small": "12", "year": "2016"}
    sentences = [s.format(**values) for s in texts.FOREIGN_PASSAGES[language_code]]
    joiner = "" if language_code == "zh" else " "
    return joiner.join(sentences[:count])


SPANISH = passage("es")
FRENCH = passage("fr")
CHINESE = passage("zh")
RUSSIAN = passage("ru")
ARABIC = passage("ar")


@pytest.fixture(scope="module")
def e2020() -> Edition:
    return load_edition_by_key("wsis-2020")


def submission(submission_id: str = "1", **fields: str) -> RuleInput:
    answers = {
        "summary": " ".join(ENGLISH[:8]),
        "sdg_linkage": " ".join(ENGLISH[2:6]),
        "impact": IMPACT,
        "partnerships": " ".join(ENGLISH[8:11]),
        "challenges": " ".join(ENGLISH[9:12]),
    }
    answers.update(fields)
    return RuleInput(submission_id, **answers)


def everything_in(text: str) -> dict[str, str]:
    return {name: text for name in language.JUDGED_FIELDS}


def test_an_english_submission_has_no_finding(e2020: Edition) -> None:
    assert language.check(e2020, [submission()]) == []


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        (SPANISH, "Spanish", "es"),
        (FRENCH, "French", "fr"),
        (CHINESE, "Chinese", "zh"),
        (RUSSIAN, "Russian", "ru"),
        (ARABIC, "Arabic", "ar"),
    ],
)
def test_a_submission_in_another_language(e2020: Edition, text: str, name: str, code: str) -> None:
    (finding,) = language.check(e2020, [submission(**everything_in(text))])
    assert (finding.rule_id, finding.severity, finding.reference) == (
        "not-english",
        "ineligible",
        "2020 rule 10",
    )
    assert finding.params["language"] == name
    assert finding.params["language_code"] == code
    assert finding.params["confidence"] >= 0.9
    confidence = finding.params["confidence"]
    assert finding.evidence == (
        f"The submission's text reads as {name} (confidence {confidence:.2f}), not English"
    )


def test_a_text_the_identifier_cannot_place_is_judged_by_its_script(e2020: Edition) -> None:
    # CLD2 places this plain Russian paragraph in no language at all; written in Cyrillic,
    # it is still not English.
    russian = (
        "Материалы доступны на русском языке и на языках коренных народов. "
        "В рамках проекта создано 12 постоянных рабочих мест."
    )
    (finding,) = language.check(e2020, [submission(**everything_in(russian))])
    assert finding.evidence == (
        "The submission's text reads as a language in Cyrillic script (confidence 1.00), "
        "not English"
    )
    # An English text CLD2 doubts stays unjudged: the script says nothing against it.
    assert language.read_language("Kenya SMS ITU WSIS UNICEF " * 8, "en").code == ""


def test_spanish_evidence_reads_as_a_chair_would_say_it(e2020: Edition) -> None:
    (finding,) = language.check(e2020, [submission(**everything_in(SPANISH))])
    assert finding.evidence == (
        "The submission's text reads as Spanish (confidence 1.00), not English"
    )


@pytest.mark.parametrize(
    ("summary", "name"), [(CHINESE + CHINESE, "Chinese"), (SPANISH, "Spanish"), (FRENCH, "French")]
)
def test_a_summary_alone_in_another_language_is_found(
    e2020: Edition, summary: str, name: str
) -> None:
    # The other four answers are English: together the texts read as English, but a
    # Chinese summary is exactly what the summary-length rule leaves to this one.
    (finding,) = language.check(e2020, [submission(summary=summary)])
    assert finding.evidence.startswith(f"The project summary reads as {name} (confidence ")
    assert finding.evidence.endswith("), not English")


@pytest.mark.parametrize("foreign", texts.FOREIGN_NAMES)
def test_an_english_summary_quoting_a_foreign_name_is_english(e2020: Edition, foreign: str) -> None:
    summary = " ".join(
        [ENGLISH[0], f"Known locally as {foreign}, the project is a household name.", *ENGLISH[1:7]]
    )
    assert language.check(e2020, [submission(summary=summary)]) == []


def test_bullet_lists_and_line_breaks_are_english(e2020: Edition) -> None:
    summary = f"{ENGLISH[0]}\n- {ENGLISH[1]}\n• {ENGLISH[2]}\n* {ENGLISH[3]}\n\n{ENGLISH[4]}"
    assert language.check(e2020, [submission(summary=summary, impact=IMPACT)]) == []


def test_partners_named_in_their_own_language_are_no_breach(e2020: Edition) -> None:
    partners = (
        "Ministerio de Salud Pública, Universidad Nacional de Asunción, Fundación Paraguaya"
        " de Cooperación y Desarrollo, Secretaría Nacional de Tecnologías de la Información"
    )
    assert language.check(e2020, [submission(partnerships=partners)]) == []


def test_empty_and_short_texts_are_not_judged(e2020: Edition) -> None:
    empty = RuleInput("1")
    blank = RuleInput("2", summary="   \n ", impact="")
    short_spanish = RuleInput("3", summary="Salud digital para todos los pueblos.")
    short_chinese = RuleInput("4", summary="数字乡村服务平台")
    assert language.check(e2020, [empty, blank, short_spanish, short_chinese]) == []


def test_one_sentence_is_too_short_to_judge_and_a_paragraph_is_not() -> None:
    sentence = texts.FOREIGN_PASSAGES["es"][0]  # 10 words, under 120 bytes of letters
    assert language.read_language(sentence, "en").judged is False
    assert language.read_language(SPANISH, "en").code == "es"


def test_the_required_language_comes_from_the_edition(e2020: Edition) -> None:
    english = " ".join(ENGLISH)
    assert language.read_language(FRENCH, "fr").code == ""  # French is what "fr" asks for
    reading = language.read_language(english, "fr")
    assert (reading.code, reading.name) == ("en", "English")
    assert language.language_name("en") == "English"


def test_an_edition_that_names_no_language_is_not_checked() -> None:
    e2017 = load_edition_by_key("wsis-2017")
    assert e2017.rules.language is None
    assert language.check(e2017, [submission(**everything_in(SPANISH))]) == []


def test_the_sample_is_bounded_and_shared_by_the_answers() -> None:
    long = " ".join(ENGLISH * 20)
    parts = language.samples(submission(**everything_in(long)))
    assert [name for name, _ in parts] == list(language.JUDGED_FIELDS)
    assert sum(len(text) for _, text in parts) <= language.SAMPLE_CHARACTERS
    assert all(not text.endswith(" ") and long.startswith(text) for _, text in parts)
    (only,) = language.samples(RuleInput("1", summary=long))
    assert language.SAMPLE_CHARACTERS - 40 < len(only[1]) <= language.SAMPLE_CHARACTERS
    # Chinese has no spaces to cut at: the sample is cut at the character.
    (chinese,) = language.samples(RuleInput("1", summary=CHINESE * 10))
    assert len(chinese[1]) == language.SAMPLE_CHARACTERS


def test_control_characters_and_noncharacters_do_not_stop_the_check(e2020: Edition) -> None:
    dirty = SPANISH[:60] + "\x00\x0b\x7f\x85\ufdd0\ufffe\U0001ffff\ud800" + SPANISH[60:]
    (finding,) = language.check(e2020, [submission(**everything_in(dirty))])
    assert finding.params["language"] == "Spanish"


def test_the_identifier_loads_and_runs_with_the_network_refused(
    e2020: Edition, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the language check tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    language._identifier.cache_clear()  # load the identifier again, offline
    assert len(language.check(e2020, [submission(**everything_in(FRENCH))])) == 1


# ---- properties ----------------------------------------------------------------------------

_QUOTES = st.sampled_from(texts.FOREIGN_NAMES)
_MARKERS = st.sampled_from(["", "- ", "• ", "* ", "1. "])
_BREAKS = st.sampled_from([" ", "\n", "\n\n", "\r\n"])


@st.composite
def english_answers(draw: st.DrawFn) -> str:
    sentences = draw(st.lists(st.sampled_from(ENGLISH), min_size=2, max_size=10, unique=True))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(sentences)))
        sentences.insert(at, f"It is known as {draw(_QUOTES)} in the villages.")
    pieces = [draw(_MARKERS) + s for s in sentences]
    return "".join(piece + draw(_BREAKS) for piece in pieces).strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.lists(english_answers(), min_size=1, max_size=5))
def test_english_answers_are_never_flagged(e2020: Edition, answers: list[str]) -> None:
    fields = dict(zip(language.JUDGED_FIELDS, answers, strict=False))
    assert language.check(e2020, [RuleInput("1", **fields)]) == []


@settings(max_examples=60, deadline=None)
@given(
    code=st.sampled_from(["es", "fr", "ru", "ar", "zh"]),
    order=st.randoms(use_true_random=False),
    names=st.lists(st.sampled_from(["Kenya", "UNICEF", "SMS", "ITU", "WSIS"]), max_size=3),
)
def test_foreign_answers_are_always_flagged(
    e2020: Edition, code: str, order: random.Random, names: list[str]
) -> None:
    values = {"n": "20000", "n2": "350", "pct": "48", "small": "12", "year": "2016"}
    sentences = [s.format(**values) for s in texts.FOREIGN_PASSAGES[code]]
    order.shuffle(sentences)
    text = ("" if code == "zh" else " ").join(sentences + names)
    (finding,) = language.check(e2020, [RuleInput("1", **everything_in(text))])
    # named by the identifier, or by its script where the identifier could not place it
    script = {"ru": "Cyrl", "ar": "Arab", "zh": "Hani"}.get(code)
    assert finding.params["language_code"] in {code, script}


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=300))
def test_any_text_is_read_without_error(text: str) -> None:
    reading = language.read_language(text, "en")
    assert 0.0 <= reading.share <= 1.0
