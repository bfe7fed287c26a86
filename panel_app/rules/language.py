"""Rule 10: the submission is written in the edition's language (English).

The identifier is CLD2, Google's Compact Language Detector 2, through `pycld2`: a C++
library whose tables are compiled into the extension module. It reads no model file and
has no network code (the module links no socket functions). It was chosen over py3langid
for speed: py3langid walks every byte in Python and took 11 to 16 times the CPU time of
CLD2 on the same samples (about 1 ms a submission on a loaded development machine), past
the budget of all checks together; CLD2 also reports a mixed text as mixed, with the
share of each language.

What is judged: the long answers (summary, SDG linkage, impact, partnerships,
challenges), together, from a bounded sample: `SAMPLE_CHARACTERS` in all, shared equally
by the answers filled in, each cut at a space where the script has spaces. The title, the
organisation and other names are not judged: a project's name in its own language breaks
no rule. When the answers together read as the edition's language but a part of the
summary does not, the summary is read again on its own (its first `SAMPLE_CHARACTERS`
characters): a summary in Chinese or Spanish is found even when the other answers are in
English, and an English summary quoting «Цифровое село» is read again and stays English.
The other answers are not judged one by one: a Partnerships answer that lists partners
under their own names ("Ministerio de Salud Pública, Universidad Nacional de Asunción")
is no breach, and judged alone it would read as Spanish.

Short texts are not judged: fewer than `MIN_TEXT_BYTES` bytes of letters as CLD2 counts
them (digits and punctuation left out): about 20 English words, 60 Cyrillic or Arabic
letters, 40 Chinese characters. Unspaced scripts need no word count of their own here:
CLD2 reads Chinese and Japanese as they are.

The verdict: CLD2 places the text, or most of it, in up to three languages, with the share
of each. Of what it places, more than half must be in other languages than the edition's
for a finding, so a quoted name (a few percent) or a half-English, half-French text gives
none; if CLD2 places less than half of the text at all, nothing is said. CLD2's own
"reliable" flag is not used: it says whether CLD2 could tell close languages apart
(Russian from Ukrainian), not whether the text is English, and a fully Russian sample in
the demo set was "unreliable". The confidence in the evidence is the share of the placed
text in other languages than the edition's (1.00: none of it reads as English); the
language named is the largest of them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from panel_app.edition import Edition
from panel_app.rules.model import INELIGIBLE, Finding, RuleInput

RULE_ID = "not-english"
REFERENCE = "2020 rule 10"

TEMPLATE = "The submission's text reads as {language} (confidence {confidence:.2f}), not {required}"
SUMMARY_TEMPLATE = (
    "The project summary reads as {language} (confidence {confidence:.2f}), not {required}"
)

# The long answers, judged together; names and titles are not.
JUDGED_FIELDS: tuple[str, ...] = ("summary", "sdg_linkage", "impact", "partnerships", "challenges")
SAMPLE_CHARACTERS = 600  # in all, shared by the answers filled in
MIN_TEXT_BYTES = 120  # letters as CLD2 counts them: ~20 English words, ~40 CJK characters
MIN_IDENTIFIED = 0.5  # of the sample placed in some language by CLD2, or not judged
MIN_OTHER = 0.5  # of what is placed, in other languages: a finding when more than this

# What CLD2 refuses (RFC 5198 "interchange" UTF-8): C0 controls but tab, line feed, form
# feed and carriage return; DEL and the C1 controls; noncharacters; lone surrogates.
_REFUSED = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ud800-\udfff"
    + "".join(
        f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
    )
    + "]"
)


@dataclass(frozen=True)
class Reading:
    """What the identifier makes of a text: its main language other than `required`."""

    judged: bool  # False: too short, or too little of it placed in any language
    code: str = ""  # e.g. "es"; "" when the text reads as the required language
    name: str = ""  # e.g. "Spanish"
    share: float = 0.0  # of the identified text in languages other than `required`, 0..1


class _Identifier:
    """pycld2, imported on first use, with its language names made readable."""

    def __init__(self) -> None:
        import pycld2

        self.detect: Any = pycld2.detect
        self.error: type[Exception] = pycld2.error
        self.names: dict[str, str] = {}
        for name, code in pycld2.LANGUAGES:
            self.names.setdefault(code, _readable(name, code))

    def name(self, code: str) -> str:
        return self.names.get(code, code)


def _readable(name: str, code: str) -> str:
    if code == "zh-Hant":
        return "Chinese (traditional script)"
    if name.startswith("X_"):  # CLD2: an unidentified language in that script
        return f"a language in {name[2:].replace('_', ' ')} script"
    return name.replace("_", " ").title() if name.isupper() else name


@functools.cache
def _identifier() -> _Identifier:
    return _Identifier()


def _primary(code: str) -> str:
    return code.split("-", 1)[0].lower()


def _start(text: str, limit: int) -> str:
    """The first `limit` characters of `text`, cut at a space where the script has spaces."""
    if len(text) <= limit:
        return text
    text = text[:limit]
    cut = text.rfind(" ", limit // 2)
    return text[:cut] if cut > 0 else text


def samples(record: RuleInput) -> list[tuple[str, str]]:
    """(field, text) judged for a submission: the start of each long answer filled in.

    `SAMPLE_CHARACTERS` in all, shared equally by the answers filled in (a submission with
    only a summary has its first 600 characters judged; one with five answers, the first
    120 of each).
    """
    texts = [
        (name, text)
        for name in JUDGED_FIELDS
        if (text := getattr(record, name)) and not text.isspace()
    ]
    if not texts:
        return []
    each = SAMPLE_CHARACTERS // len(texts)
    return [(name, _start(text, each)) for name, text in texts]


def _detect(text: str) -> tuple[int, tuple[tuple[str, str, int, float], ...], tuple[Any, ...]]:
    """CLD2's text bytes, top three (name, code, percent, score) and spans of `text`."""
    identifier = _identifier()
    # returnVectors: asking for the spans makes CLD2 score the text as written. Without
    # them it first drops repeated words in place: of one Russian sample in the demo set it
    # then counted 843 of 1,065 bytes and placed only 58% of them in a language (76% or
    # more of every planted sample with the spans asked for).
    try:
        _reliable, text_bytes, details, spans = identifier.detect(text, returnVectors=True)
    except (identifier.error, UnicodeEncodeError):
        # A control character or a noncharacter (rare: searching for them first would
        # cost as much as identifying the language): blank them and try again.
        text = _REFUSED.sub(" ", text)
        _reliable, text_bytes, details, spans = identifier.detect(text, returnVectors=True)
    return text_bytes, details, spans


def _reading(
    text_bytes: int, details: tuple[tuple[str, str, int, float], ...], wanted: str
) -> Reading:
    if text_bytes < MIN_TEXT_BYTES:
        return Reading(judged=False)
    own = identified = 0
    shares: dict[str, int] = {}
    for _name, code, percent, _score in details:
        if code == "un":
            continue
        identified += percent
        if _primary(code) == wanted:
            own += percent
        else:
            shares[code] = shares.get(code, 0) + percent
    if identified < MIN_IDENTIFIED * 100:
        return Reading(judged=False)
    other = (identified - own) / identified
    if not shares or other <= MIN_OTHER:
        return Reading(judged=True)
    code = max(shares, key=shares.__getitem__)
    return Reading(True, code, _identifier().name(code), round(other, 2))


# Scripts a text in the edition's language (a Latin-script one) is not written in, for when
# CLD2 cannot place a text: measured here, it placed none of a plain two-sentence Russian
# paragraph ("Материалы доступны на русском языке ...") in any language.
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_ANY_LETTER = re.compile(r"[^\W\d_]")
_SCRIPTS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("Cyrl", "Cyrillic", re.compile(r"[\u0400-\u052f]")),
    ("Arab", "Arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("Hani", "Chinese", re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),
    ("Grek", "Greek", re.compile(r"[\u0370-\u03ff]")),
    ("Hebr", "Hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("Deva", "Devanagari", re.compile(r"[\u0900-\u097f]")),
    ("Kana", "Japanese kana", re.compile(r"[\u3040-\u30ff]")),
    ("Hang", "Hangul", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
    ("Thai", "Thai", re.compile(r"[\u0e00-\u0e7f]")),
)
LATIN_SCRIPT_LANGUAGES = frozenset({"en", "fr", "es", "pt", "de", "it", "nl"})


def _script_reading(text: str, wanted: str) -> Reading:
    """The verdict of the script alone, for a text CLD2 could not place.

    A Latin-script language is not written mostly in another script: more than half of the
    letters outside the Latin script is a finding, named by the script.
    """
    if wanted not in LATIN_SCRIPT_LANGUAGES:
        return Reading(judged=False)
    letters = len(_ANY_LETTER.findall(text))
    if len(text.encode("utf-8")) < MIN_TEXT_BYTES or not letters:
        return Reading(judged=False)
    other = 1 - len(_LATIN_LETTER.findall(text)) / letters
    if other <= MIN_OTHER:
        return Reading(judged=False)  # Latin script: CLD2's doubt stands, nothing is said
    counts = [(len(pattern.findall(text)), code, name) for code, name, pattern in _SCRIPTS]
    count, code, name = max(counts)
    if not count:
        code, name = "Zyyy", "a non-Latin"
    return Reading(True, code, f"a language in {name} script", round(other, 2))


def read_language(text: str, required: str) -> Reading:
    """Which language other than `required` (a code such as "en") `text` reads as, if any."""
    text_bytes, details, _spans = _detect(text)
    reading = _reading(text_bytes, details, _primary(required))
    return reading if reading.judged else _script_reading(text, _primary(required))


def read_submission(record: RuleInput, required: str) -> tuple[str, Reading] | None:
    """What of a submission reads as another language than `required`, if anything.

    ("", reading) when its long answers together do; ("summary", reading) when they do not
    but the summary alone does; None otherwise, or when there is too little text to judge.
    """
    parts = samples(record)
    if not parts:
        return None
    wanted = _primary(required)
    text = "\n".join(text for _name, text in parts)
    text_bytes, details, spans = _detect(text)
    whole = _reading(text_bytes, details, wanted)
    if not whole.judged:
        whole = _script_reading(text, wanted)
    if whole.code:
        return "", whole
    if parts[0][0] != "summary":
        return None
    # The summary alone, read again only when a span of it is in another language (an
    # English summary quoting a name in Chinese is read again, and stays English).
    summary_end = len(parts[0][1].encode("utf-8", "replace"))  # the sample starts with it
    if not any(
        offset < summary_end and code != "un" and _primary(code) != wanted
        for offset, _length, _name, code in spans
    ):
        return None
    alone = read_language(_start(record.summary, SAMPLE_CHARACTERS), required)
    return ("summary", alone) if alone.code else None


def language_name(code: str) -> str:
    """A language's English name as the identifier knows it ("en" -> "English")."""
    return _identifier().name(code)


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    required = edition.rules.language
    if required is None:
        return []  # the edition does not say which language submissions are written in
    required_name = language_name(required)
    findings: list[Finding] = []
    for record in inputs:
        found = read_submission(record, required)
        if found is None:
            continue  # in the edition's language, too short to judge, or nothing written
        part, reading = found
        findings.append(
            Finding(
                RULE_ID,
                INELIGIBLE,
                record.submission_id,
                SUMMARY_TEMPLATE if part == "summary" else TEMPLATE,
                {
                    "language": reading.name,
                    "language_code": reading.code,
                    "confidence": reading.share,
                    "required": required_name,
                },
                REFERENCE,
            )
        )
    return findings
