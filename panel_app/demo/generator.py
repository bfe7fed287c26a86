"""Deterministic demo submission sets, with planted rule violations as ground truth.

`generate_submission_set(edition, count=..., seed=...)` returns the rows of a realistic
platform export (the secretariat's .xlsx/.csv) plus the exact list of violations planted in
it, so that a rule check's precision and recall can be computed per rule. Each planted
violation is the only one on its row(s); every other row is clean on every rule.

Speed: texts are whole sentences picked from pools filled once per category and field, so
a row costs a handful of `random` calls, not one per word (100k rows in seconds).
Determinism: one `random.Random(seed)`, lists and dicts only (no set iteration), so the
same (edition, count, seed) gives the same set under any PYTHONHASHSEED.
"""

from __future__ import annotations

import random
import re
import string
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from panel_app.demo import names, texts
from panel_app.edition import Category, Edition, StakeholderType
from panel_app.formats.submission_set import COLUMNS as READER_COLUMNS
from panel_app.formats.submission_set_writer import PAST_WINNER_COLUMNS
from panel_app.organisations import organisation_key

__all__ = [
    "CLEAN_CASES",
    "COLUMNS",
    "EXTRA_COLUMNS",
    "FIELD_OF_COLUMN",
    "PAST_WINNER_COLUMNS",
    "RULES",
    "CleanCase",
    "DemoSet",
    "PlantedViolation",
    "generate_submission_set",
]

RULES: tuple[str, ...] = (
    "summary-length",  # rule 7
    "incomplete",  # rule 5
    "late",  # rule 9
    "not-english",  # rule 10
    "same-entity-category",  # rule 3
    "duplicate-project",  # rule 4
    "past-winner",  # rule 11
    "no-sdg",  # rule 5 (the SDG question unanswered) and rule 8
    "not-completed",  # rule 6
)

# Kinds of clean rows that look suspicious and must NOT be flagged.
CLEAN_CASES: tuple[str, ...] = (
    "near-duplicate",  # same programme family: near-identical summaries, other texts differ
    "title-case-twin",  # same title but for case, different organisations and projects
    "summary-at-minimum",  # exactly the minimum word count
    "summary-at-maximum",  # exactly the maximum word count
    "deadline-sharp",  # submitted at the deadline's very second
    "offset-looks-late",  # an explicit offset that reads as after the deadline, but is not
    "foreign-name-quoted",  # English summary quoting the project's name in another language
    "bullets",  # summary with a bullet list and line breaks
)

# The platform's columns in its order, as the reader defines them.
COLUMNS: tuple[str, ...] = tuple(column.header for column in READER_COLUMNS)
EXTRA_COLUMNS: tuple[str, ...] = ("Photo URL", "Internal note")
INFORMATION_COLUMN = "Project information"  # an edition with project_information_words

# Platform column -> the store attribute name an edition's required_fields uses.
FIELD_OF_COLUMN: dict[str, str] = {
    "Submission ID": "submission_id",
    "Project title": "title",
    "Organisation": "organisation",
    "Stakeholder type": "stakeholder_type",
    "Country": "country",
    "Category": "category_key",
    "SDGs": "sdgs",
    "Project summary": "summary",
    "Action line and SDG linkage": "sdg_linkage",
    "Impact": "impact",
    "Partnerships": "partnerships",
    "Challenges and future": "challenges",
    "Project status": "project_status",
    "Website": "website",
    "Contact name": "contact_name",
    "Contact e-mail": "contact_email",
    "Submitted at": "submitted_at",
}

# Fields an "incomplete" row may leave empty: blanking the others would break a second
# rule (summary -> summary-length, SDGs -> no-sdg, status -> not-completed) or the row's
# identity (ID, title, organisation, category, time).
_BLANKABLE = (
    "Impact",
    "Partnerships",
    "Challenges and future",
    "Action line and SDG linkage",
    "Contact e-mail",
    "Contact name",
    "Country",
)
_DEFAULT_BLANKABLE = ("Impact", "Partnerships", "Challenges and future", "Contact e-mail")
_PLACEHOLDERS: tuple[str | None, ...] = (None, "N/A", "-", "tbd", "...", "   ", "n/a", "TBD")
_LONG_MAX = 600  # words in a long answer
_LONG_COLUMNS = ("Action line and SDG linkage", "Impact", "Partnerships", "Challenges and future")


@dataclass(frozen=True)
class PlantedViolation:
    rule: str  # one of RULES
    submission_ids: tuple[str, ...]  # the submission(s) involved, a pair for pair rules
    detail: str  # a note for people, e.g. "summary has 149 words (minimum 150)"


@dataclass(frozen=True)
class CleanCase:
    kind: str  # one of CLEAN_CASES
    submission_ids: tuple[str, ...]
    detail: str


@dataclass(frozen=True)
class DemoSet:
    edition_key: str
    seed: int
    columns: tuple[str, ...]  # header row: platform columns, then the extra ones
    rows: list[dict[str, object]]  # one dict per submission: header -> cell value
    planted: tuple[PlantedViolation, ...]
    past_winners: list[dict[str, object]]  # Project title, Organisation, Edition (year)
    clean_cases: tuple[CleanCase, ...] = ()

    @property
    def near_misses(self) -> tuple[tuple[str, str], ...]:
        """Pairs of different projects whose summaries are near-identical (not duplicates)."""
        return tuple(
            (case.submission_ids[0], case.submission_ids[1])
            for case in self.clean_cases
            if case.kind == "near-duplicate"
        )

    def planted_for(self, rule: str) -> tuple[PlantedViolation, ...]:
        return tuple(v for v in self.planted if v.rule == rule)

    def flagged_ids(self) -> frozenset[str]:
        """Every submission involved in a planted violation."""
        return frozenset(i for v in self.planted for i in v.submission_ids)


# ---- words ------------------------------------------------------------------------------
_WORD_TOKEN = re.compile(r"\S*[^\W_]\S*")
_PLAIN_TOKEN = re.compile(r"[A-Za-z]+[.,;:]?")


def _count_words(text: str) -> int:
    """Words as a person counts them: whitespace-separated tokens with a letter or digit."""
    return len(_WORD_TOKEN.findall(text))


def _is_plain(sentence: str) -> bool:
    """No hyphens, digits, markers or symbols: every word counter agrees on its length."""
    return all(_PLAIN_TOKEN.fullmatch(token) for token in sentence.split())


# ---- templates -------------------------------------------------------------------------
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class _Template:
    text: str
    slots: tuple[str, ...]


def _compile(templates: Sequence[str]) -> list[_Template]:
    return [
        _Template(t, tuple(name for _, name, _, _ in _FORMATTER.parse(t) if name))
        for t in templates
    ]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Filler:
    """Fills templates with a theme's vocabulary and random numbers."""

    def __init__(self, rng: random.Random, theme: texts.Theme, category: Category) -> None:
        self.rng = rng
        self.theme = theme
        self.category = category

    def value(self, slot: str) -> str:
        rng, th = self.rng, self.theme
        if slot == "ben":
            return rng.choice(th.beneficiaries)
        if slot == "Ben":
            return _cap(rng.choice(th.beneficiaries))
        if slot == "svc":
            return rng.choice(th.services)
        if slot == "act":
            return rng.choice(th.actions)
        if slot == "out":
            return rng.choice(th.outcomes)
        if slot == "inst":
            return rng.choice(th.institutions)
        if slot == "metric":
            return rng.choice(th.metrics)
        if slot == "partner":
            return rng.choice(th.partners)
        if slot == "partner_cap":
            return _cap(rng.choice(th.partners))
        if slot == "chal":
            return rng.choice(th.challenges)
        if slot == "plan":
            return rng.choice(th.plans)
        if slot == "dom":
            return th.domain
        if slot == "tool":
            return rng.choice(texts.TOOLS)
        if slot == "n":
            return f"{rng.choice((1, 2, 3, 5, 8, 12, 15, 25, 40, 60, 120)) * 1000:,}"
        if slot == "n2":
            return f"{rng.randint(120, 9800):,}"
        if slot == "small":
            return rng.choice(("two", "three", "four", "five", "six", "seven", "eight"))
        if slot == "pct":
            return str(rng.randint(12, 78))
        if slot == "year":
            return str(rng.randint(2012, 2018))
        if slot == "al":
            return self.category.action_line
        if slot == "catname":
            return self.category.name.en
        raise KeyError(slot)

    def fill(self, template: _Template, extra: dict[str, str] | None = None) -> str:
        values = {s: (extra[s] if extra and s in extra else self.value(s)) for s in template.slots}
        return template.text.format(**values)

    def pool(self, templates: list[_Template], size: int) -> list[str]:
        return [self.fill(self.rng.choice(templates)) for _ in range(size)]


@dataclass
class _Pool:
    """Sentences and their word counts (markers count as one word each)."""

    sentences: list[str]
    words: list[int]

    @classmethod
    def of(cls, sentences: list[str]) -> _Pool:
        return cls(sentences, [_count_words(s) for s in sentences])


_SYNONYM_RE = re.compile(r"\b(" + "|".join(texts.SYNONYMS) + r")\b")


def _vary(rng: random.Random, sentence: str) -> str:
    """Light variation of a filled sentence: an opener, a trailing phrase, synonyms."""
    r = rng.random()
    if r < 0.25 and sentence[1:2].islower() and ":" not in sentence and sentence[0] != "§":
        opener = rng.choice(texts.OPENERS).replace("{year}", str(rng.randint(2014, 2019)))
        sentence = f"{opener} {sentence[0].lower()}{sentence[1:]}"
    elif r < 0.45 and sentence.endswith("."):
        sentence = f"{sentence[:-1]} {rng.choice(texts.TRAILERS)}."
    if rng.random() < 0.6:
        sentence = _SYNONYM_RE.sub(lambda m: rng.choice(texts.SYNONYMS[m.group()]), sentence)
    return sentence


@dataclass
class _Grouped:
    """Filled sentences grouped by template: a text uses every template once before any
    twice, so that a field never reads the same sentence again and again."""

    groups: list[list[tuple[str, int]]]

    @classmethod
    def fill(
        cls, filler: _Filler, templates: list[_Template], per_template: int, *, vary: bool = True
    ) -> _Grouped:
        groups = []
        for template in templates:
            variants: dict[str, None] = {}
            for _ in range(per_template):
                sentence = filler.fill(template)
                variants[_vary(filler.rng, sentence) if vary else sentence] = None
            groups.append([(s, _count_words(s)) for s in variants])
        return cls(groups)

    def paragraphs(self, rng: random.Random, count: int) -> _Paragraphs:
        """`count` paragraphs of 2-6 sentences, each from a different template."""
        size = len(self.groups)
        pool = _Paragraphs([], [], [])
        for _ in range(count):
            ids = []
            for t in rng.sample(range(size), rng.randint(2, 6)):
                ids.append((t, rng.randrange(len(self.groups[t]))))
            picked = [self.groups[t][v] for t, v in ids]
            pool.sentences.append(" ".join(s for s, _ in picked))
            pool.words.append(sum(n for _, n in picked))
            pool.ids.append(tuple(t * 10_000 + v for t, v in ids))
        return pool


@dataclass
class _Paragraphs(_Pool):
    ids: list[tuple[int, ...]]  # the sentences each paragraph is made of


_INTRO = _compile(texts.SUMMARY_INTRO)
_BODY = _compile(texts.SUMMARY_BODY)
_RESULT = _compile(texts.SUMMARY_RESULT)
_CLOSING = _compile(texts.SUMMARY_CLOSING)
_LINKAGE = _compile(texts.LINKAGE)
_SDG_LINK = _compile(texts.SDG_LINK)
_IMPACT = _compile(texts.IMPACT)
_IMPACT_BULLETS = _compile(texts.IMPACT_BULLETS)
_PARTNERSHIPS = _compile(texts.PARTNERSHIPS)
_CHALLENGES = _compile(texts.CHALLENGES)
_FOREIGN_NAME = _compile(texts.FOREIGN_NAME_SENTENCES)


@dataclass
class _Cat:
    category: Category
    theme: texts.Theme
    weight: int
    spellings: list[object]
    spelling_weights: list[int]
    intro: list[str]
    middle: _Grouped
    closing: list[str]
    plain: _Pool  # plain sentences, for summaries of an exact length
    plain_by_len: dict[int, list[str]]
    long: dict[str, _Paragraphs]
    bullets: list[str]


def _theme_for(category: Category) -> texts.Theme:
    name = category.name.en.casefold()
    for keyword, theme in texts.THEME_KEYWORDS:
        if keyword in name:
            return texts.THEMES[theme]
    key = category.key.casefold()
    for keyword, theme in texts.THEME_KEYWORDS:
        if keyword in key:
            return texts.THEMES[theme]
    return texts.THEMES["access"]


def _short_name(category: Category) -> str:
    name = category.name.en
    return name.split(": ", 1)[1] if ": " in name else name


def _category_spellings(category: Category) -> tuple[list[object], list[int]]:
    """The ways a real export writes a category, mostly the platform's canonical one."""
    short = _short_name(category)
    values: list[object] = [
        f"{category.action_line}. {category.name.en}",  # the platform's own form
        f"{category.action_line} {short}",
        short.lower(),
        category.number,
        str(category.number),
        float(category.number),
        category.key,
    ]
    weights = [70, 8, 5, 2, 2, 1, 7]
    if category.aliases:
        values.append(category.aliases[0])
        weights.append(5)
    return values, weights


# ---- organisations ----------------------------------------------------------------------
def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in text)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", _ascii(text).lower())


@dataclass
class _Entity:
    name: str
    key: str
    country: names.Country
    kind: str  # names.STAKEHOLDER_KINDS
    domain: str
    people: str  # key of names.PEOPLE
    categories: list[str] = field(default_factory=list)  # category keys already used


_LASTS_BY_SCRIPT = {
    (region, latin): [p for p in lasts if _is_latin(p[0]) == latin]
    or [p for p in lasts if _is_latin(p[0])]
    or list(lasts)
    for region, (_, lasts) in names.PEOPLE.items()
    for latin in (True, False)
}
_KIND_WEIGHTS = {"government": 30, "private": 25, "civil": 20, "academia": 18, "international": 7}
_KINDS = list(_KIND_WEIGHTS)
_KIND_WEIGHT_LIST = list(_KIND_WEIGHTS.values())
_KIND_MATCH = {
    "government": ("gov", "public"),
    "private": ("private", "business"),
    "civil": ("civil", "ngo", "society"),
    "academia": ("academ", "technical"),
    "international": ("international", "intergovernmental"),
}
_LATIN_TEMPLATES = {
    "government": names.LATIN_GOV,
    "private": names.LATIN_PRIVATE,
    "civil": names.LATIN_CIVIL,
    "academia": names.LATIN_ACADEMIA,
    "international": names.LATIN_INTERNATIONAL,
}
_DOMAIN_SUFFIX = {
    "government": "gov.{tld}",
    "private": "{tld}",
    "civil": "org",
    "academia": "ac.{tld}",
    "international": "org",
}


def _stakeholder_map(edition: Edition) -> dict[str, StakeholderType]:
    out: dict[str, StakeholderType] = {}
    for kind, needles in _KIND_MATCH.items():
        for st in edition.stakeholder_types:
            text = f"{st.key} {st.name.en}".casefold()
            if any(n in text for n in needles):
                out[kind] = st
                break
        else:
            out[kind] = edition.stakeholder_types[0]
    return out


# ---- rows ------------------------------------------------------------------------------
@dataclass
class _Row:
    cells: dict[str, object]
    instant: datetime  # aware, for ordering and ids
    seq: int
    cat: _Cat
    sid: str = ""


@dataclass
class _Plant:
    rule: str
    rows: list[_Row]
    detail: str


@dataclass
class _Case:
    kind: str
    rows: list[_Row]
    detail: str


_LATE_KINDS = ("one-second", "next-day", "offset-looks-early", "naive-iso", "utc-z")
_DUPLICATE_KINDS = ("same-org-other-category", "other-org-same-category", "other-org-other")
_PAST_KINDS = ("case", "spacing", "typo", "punctuation")
_LANGUAGES = ("fr", "es", "ru", "ar", "zh")
_LANGUAGE_NAMES = {
    "fr": "French",
    "es": "Spanish",
    "ru": "Russian",
    "ar": "Arabic",
    "zh": "Chinese",
}
_LANGUAGE_REGIONS = {"fr": "fr", "es": "es", "ru": "cyr", "ar": "ar", "zh": "zh"}
_RULE_WEIGHTS = {
    "summary-length": 1.5,
    "incomplete": 1.5,
    "late": 1.0,
    "not-english": 1.0,
    "same-entity-category": 1.0,
    "duplicate-project": 1.0,
    "past-winner": 0.8,
    "no-sdg": 1.0,
    "not-completed": 0.8,
}
_PAIR_RULES = ("same-entity-category", "duplicate-project")
# Other-language pools are small: many such rows would resemble each other.
_MAX_NOT_ENGLISH = 60
_SYNONYMS = (
    ("project", "initiative"),
    ("service", "platform"),
    ("users", "beneficiaries"),
    ("helps", "enables"),
    ("main", "principal"),
    ("reliable", "dependable"),
    ("simple", "easy"),
    ("regularly", "often"),
    ("improve", "strengthen"),
    ("results", "outcomes"),
)
_OFFSETS = (
    UTC,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=3)),
    timezone(timedelta(hours=4)),
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=8)),
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=-3)),
)


def _clean_summary_range(minimum: int | None, maximum: int | None) -> tuple[int, int]:
    """Word counts safely inside the bounds, so no counting convention can disagree."""
    if minimum is not None and maximum is not None:
        if maximum - minimum >= 30:
            return minimum + 10, maximum - 10
        return minimum, maximum
    if maximum is not None:
        return max(1, maximum - 40), max(1, maximum - 10)
    if minimum is not None:
        return minimum + 10, minimum + 40
    return 120, 180


def _fmt_iso(instant: datetime, tz: timezone) -> str:
    return instant.astimezone(tz).isoformat(timespec="seconds")


def _make_cat(rng: random.Random, category: Category) -> _Cat:
    theme = _theme_for(category)
    filler = _Filler(rng, theme, category)
    spellings, weights = _category_spellings(category)
    intro = filler.pool(_INTRO, 60)
    middle = _Grouped.fill(filler, _BODY + _RESULT, 24)
    closing = filler.pool(_CLOSING, 60)
    flat = [s for group in middle.groups for s, _ in group]
    plain_sentences = [s for s in intro + flat + closing if _is_plain(s)]
    # more plain sentences for exact-length summaries
    for _ in range(4):
        if len(plain_sentences) >= 120:
            break
        plain_sentences += [s for s in filler.pool(_BODY, 200) if _is_plain(s)]
    plain = _Pool.of(plain_sentences)
    by_len: dict[int, list[str]] = {}
    for s, n in zip(plain.sentences, plain.words, strict=True):
        by_len.setdefault(n, []).append(s)
    long = {
        "Action line and SDG linkage": _Grouped.fill(filler, _LINKAGE, 30),
        "Impact": _Grouped.fill(filler, _IMPACT, 30),
        "Partnerships": _Grouped.fill(filler, _PARTNERSHIPS, 30),
        "Challenges and future": _Grouped.fill(filler, _CHALLENGES, 30),
    }
    # whole paragraphs are picked per row: a few random calls per field, not per word
    paragraphs = {column: grouped.paragraphs(rng, 600) for column, grouped in long.items()}
    return _Cat(
        category=category,
        theme=theme,
        weight=texts.THEME_WEIGHTS.get(theme.key, 3),
        spellings=spellings,
        spelling_weights=weights,
        intro=intro,
        middle=middle,
        closing=closing,
        plain=plain,
        plain_by_len=by_len,
        long=paragraphs,
        bullets=list(dict.fromkeys(filler.pool(_IMPACT_BULLETS, 100))),
    )


_POOLS: dict[tuple[str, str], list[_Cat]] = {}


def _category_pools(edition: Edition) -> list[_Cat]:
    """Sentence pools per category, built once per edition: they take a second or two, and
    depend on the edition alone (their own random stream), so every seed shares them."""
    key = (edition.key, edition.digest)
    if key not in _POOLS:
        rng = random.Random(f"wsis-demo-pools:{edition.key}")
        _POOLS[key] = [_make_cat(rng, c) for c in edition.categories]
    return _POOLS[key]


class _Generator:
    def __init__(
        self,
        edition: Edition,
        count: int,
        seed: int,
        violation_rate: float,
        even_categories: bool = False,
    ) -> None:
        if count < 0:
            raise ValueError("count must be >= 0")
        if not 0.0 <= violation_rate <= 1.0:
            raise ValueError("violation_rate must be within 0..1")
        if not edition.categories:
            raise ValueError(f"edition {edition.key} has no categories")
        self.edition = edition
        self.count = count
        self.seed = seed
        self.rate = violation_rate
        self.rng = random.Random(f"wsis-demo:{edition.key}:{seed}")
        self.tz = ZoneInfo(edition.timezone)
        self.opens = edition.submission_opens.astimezone(UTC)
        self.deadline = edition.submission_deadline.astimezone(UTC)
        bounds = edition.summary_words
        self.min_words, self.max_words = bounds.minimum, bounds.maximum
        self.clean_lo, self.clean_hi = _clean_summary_range(bounds.minimum, bounds.maximum)
        self.narrow = self.clean_hi - self.clean_lo < 10  # then every summary is plain words
        self.stakeholders = _stakeholder_map(edition)
        self.sdg_numbers = [s.number for s in edition.sdgs] or list(range(1, 18))
        self.sdg_names = {s.number: s.name.en for s in edition.sdgs}
        required = set(edition.required_fields)
        blankable = [c for c in _BLANKABLE if FIELD_OF_COLUMN[c] in required]
        self.blankable = blankable or list(_DEFAULT_BLANKABLE)
        self.website_optional = "website" not in required
        self.cats = _category_pools(edition)
        self.fillers = {c.category.key: _Filler(self.rng, c.theme, c.category) for c in self.cats}
        self.cat_weights = [c.weight for c in self.cats]
        # Every category in turn: a small set with each category's quota reachable (a
        # season walked end to end), where the realistic weights leave C10 a handful.
        self.even = even_categories
        self.turn = 0
        self.countries = list(names.COUNTRIES)
        self.country_weights = [c.weight for c in self.countries]
        self.entities: list[_Entity] = []
        self.entity_keys: dict[str, _Entity] = {}
        self.title_keys: dict[str, str] = {}
        self.seq = 0
        self.global_plain = _Pool([], [])
        for cat in self.cats:
            self.global_plain.sentences.extend(cat.plain.sentences)
            self.global_plain.words.extend(cat.plain.words)
        # 2017's form part 2: the project information (its words) and one photo. A set for
        # such an edition carries a "Project information" column, every row's within the
        # bounds (made from the row's own texts, no random draw: the other editions' sets
        # stay as they were), and a photo on every row.
        info = edition.project_information_words
        self.information = (
            None
            if info is None
            else (
                (info.minimum or 0) + 50 if info.minimum is not None else 200,
                (info.maximum or 0) - 50 if info.maximum is not None else 2000,
            )
        )
        self.photo_required = bool(edition.project_information_photos)
        self.past_winners: list[dict[str, object]] = []
        self.past_entities: list[_Entity] = []
        self.past_tokens = [_slug(t.split()[0]) for t in texts.PAST_WINNER_TITLES]

    # -- set-up ---------------------------------------------------------------------------
    # -- entities ---------------------------------------------------------------------------
    def _coined(self) -> str:
        rng = self.rng
        return (
            rng.choice(names.SYLLABLES_A)
            + rng.choice(names.SYLLABLES_B)
            + (rng.choice(names.SYLLABLES_C) if rng.random() < 0.6 else "")
        )

    def _latin_name(self, country: names.Country, kind: str) -> str:
        rng = self.rng
        template = rng.choice(_LATIN_TEMPLATES[kind])
        name = template.format(
            country=country.name,
            city=rng.choice(country.cities),
            field=rng.choice(names.FIELDS),
            industry=rng.choice(names.INDUSTRIES),
            cause=rng.choice(names.CAUSES),
            region=rng.choice(names.REGIONS),
            coined=self._coined(),
        )
        return _cap(name)

    def _native_name(self, country: names.Country) -> tuple[str, str, str] | None:
        """(name, kind, Latin abbreviation) in the country's own script, or None."""
        rng = self.rng
        if country.region == "zh" and rng.random() < 0.7:
            place, pa = rng.choice(names.ZH_PLACES)
            fld, fa = rng.choice(names.ZH_FIELDS)
            kind_text, ka, kind = rng.choice(names.ZH_KINDS)
            return f"{place}{fld}{kind_text}", kind, f"{pa}{fa}{ka}"
        if country.region == "ar" and rng.random() < 0.4:
            places = [p for p in names.AR_PLACES if p[2] == country.name] or list(names.AR_PLACES)
            place, pa, _ = rng.choice(places)
            kind_text, ka, kind = rng.choice(names.AR_KINDS)
            fld, fa = rng.choice(names.AR_FIELDS)
            if rng.random() < 0.5:
                return f"{kind_text} {fld} - {place}", kind, f"{fa}{ka[:3]}{pa}"
            return f"{kind_text} {fld} في {place}", kind, f"{pa}{fa}{ka[:3]}"
        if country.region == "cyr" and rng.random() < 0.6:
            regions = [r for r in names.CYR_REGIONS if r[2] == country.name]
            region, ra, _ = rng.choice(regions or list(names.CYR_REGIONS))
            brand, ba = rng.choice(names.CYR_BRANDS)
            pattern, pa, kind = rng.choice(names.CYR_PATTERNS)
            name = pattern.format(region=region, brand=brand)
            return name, kind, f"{pa}-{ba if '{brand}' in pattern else ra}"
        return None

    def _new_entity(self, *, region: str | None = None, register: bool = True) -> _Entity:
        rng = self.rng
        candidates = self.countries
        weights = self.country_weights
        if region is not None:
            candidates = [c for c in self.countries if c.region == region]
            weights = [c.weight for c in candidates]
        for attempt in range(40):
            country = rng.choices(candidates, weights)[0]
            native = self._native_name(country) if attempt < 20 else None
            if native is not None:
                name, kind, abbr = native
                domain = f"{abbr}.{_DOMAIN_SUFFIX[kind].format(tld=country.tld)}"
            else:
                kind = rng.choices(_KINDS, _KIND_WEIGHT_LIST)[0]
                if attempt >= 3:  # coined names: a near endless supply, few retries
                    kind = rng.choice(("private", "civil"))
                name = self._latin_name(country, kind)
                words = [w for w in re.split(r"[^A-Za-z]+", _ascii(name)) if w]
                acronym = "".join(w[0] for w in words if w[0].isupper()).lower()
                base = _slug(words[0]) if kind == "private" else acronym or _slug(name)[:8]
                domain = f"{base}.{_DOMAIN_SUFFIX[kind].format(tld=country.tld)}"
            if attempt >= 30:
                name = f"{name} ({rng.choice(country.cities)} {attempt})"
            key = organisation_key(name)
            if key in self.entity_keys:
                continue
            people = country.region if country.region in names.PEOPLE else "latin"
            entity = _Entity(name, key, country, kind, domain, people)
            self.entity_keys[key] = entity
            if register:
                self.entities.append(entity)
            return entity
        raise RuntimeError("could not find a new organisation name")  # pragma: no cover

    def _entity_for(self, category_key: str) -> _Entity:
        """An organisation that has no submission in this category yet (rule 3 stays clean)."""
        rng = self.rng
        if self.entities and rng.random() < 0.3:
            for _ in range(3):
                entity = rng.choice(self.entities)
                if category_key not in entity.categories:
                    return entity
        return self._new_entity()

    # -- cells ------------------------------------------------------------------------------
    def _title(self, cat: _Cat, entity: _Entity) -> str:
        rng = self.rng
        th = cat.theme
        for attempt in range(50):
            w1 = rng.choice(th.title_words)
            w2 = rng.choice(texts.TITLE_EXTRA_WORDS + th.title_words)
            if w2 == w1:
                continue
            place = rng.choice((*entity.country.cities, entity.country.name))
            title = rng.choice(texts.TITLE_PATTERNS).format(
                w1=w1, w2=w2, place=place, year=rng.randint(2015, 2019)
            )
            if attempt > 40:
                title = f"{title} {rng.randint(2, 99)}"
            if self._claim_title(title):
                return title
        raise RuntimeError("could not find a new project title")  # pragma: no cover

    def _claim_title(self, title: str) -> bool:
        key = _slug(title)
        if key in self.title_keys or any(t in key for t in self.past_tokens):
            return False
        self.title_keys[key] = title
        return True

    def _person(self, entity: _Entity) -> tuple[str, str]:
        rng = self.rng
        firsts = names.PEOPLE[entity.people][0]
        first, first_latin = rng.choice(firsts)
        # both names in one script: no "Yousef السيد"
        last, last_latin = rng.choice(_LASTS_BY_SCRIPT[entity.people, _is_latin(first)])
        if entity.people == "zh" and first != first_latin:
            shown = f"{last}{first}"
        else:
            shown = f"{first} {last}"
            if rng.random() < 0.08:
                shown = f"Dr. {shown}"
        local = _slug(first_latin) + "." + _slug(last_latin).replace("-", "")
        if rng.random() < 0.1:
            email = f"{_slug(first_latin)}{_slug(last_latin)}{rng.randint(1, 99)}@gmail.com"
        else:
            email = f"{local}@{entity.domain}"
        return shown, email

    def _website(self, entity: _Entity, title: str) -> str | None:
        rng = self.rng
        if self.website_optional and rng.random() < 0.05:
            return None
        r = rng.random()
        if r < 0.5:
            return f"https://www.{entity.domain}"
        if r < 0.8:
            return f"https://{entity.domain}/projects/{_slug(title)[:24]}"
        if r < 0.9:
            return f"www.{entity.domain}"
        return f"http://{entity.domain}/"

    def _sdgs(self, theme: texts.Theme) -> object:
        rng = self.rng
        allowed = self.sdg_numbers
        picks: list[int] = [n for n in theme.sdgs if n in allowed][:1] or [allowed[0]]
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
            pool = [n for n in theme.sdgs if n in allowed] if rng.random() < 0.8 else allowed
            n = rng.choice(pool)
            if n not in picks:
                picks.append(n)
        picks.sort()
        r = rng.random()
        if len(picks) == 1 and r < 0.4:
            return picks[0]  # a lone number: Excel stores it as a number
        if r < 0.5:
            return "; ".join(str(n) for n in picks)
        if r < 0.7:
            return ", ".join(f"SDG {n}" for n in picks)
        if r < 0.85:
            return ",".join(str(n) for n in picks)
        return ", ".join(str(n) for n in picks)

    @staticmethod
    def sdg_list(cell: object) -> list[int]:
        return [int(n) for n in re.findall(r"\d+", str(cell))] if cell is not None else []

    def _stakeholder_cell(self, kind: str) -> str:
        st = self.stakeholders[kind]
        r = self.rng.random()
        if r < 0.75:
            return st.name.en
        if r < 0.85:
            return st.key
        if r < 0.95 and st.aliases:
            return self.rng.choice(st.aliases)
        return st.name.en.lower()

    def _instant(self) -> datetime:
        """A clean submission time: before the deadline, most in the last weeks."""
        rng = self.rng
        span = (self.deadline - self.opens).total_seconds()
        if rng.random() < 0.3:
            start = max(0.0, span - 7 * 86400)
            seconds = rng.uniform(start, span - 1)
        else:
            seconds = (rng.random() ** 0.7) * (span - 1)
        return self.opens + timedelta(seconds=int(seconds))

    def _local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.tz).replace(tzinfo=None)

    def _time_cell(self, instant: datetime) -> object:
        r = self.rng.random()
        if r < 0.85:
            return self._local(instant)
        if r < 0.92:
            return _fmt_iso(instant, self.rng.choice(_OFFSETS))
        if r < 0.95:
            return instant.strftime("%Y-%m-%dT%H:%M:%SZ")
        fmt = "%Y-%m-%d %H:%M:%S" if self.rng.random() < 0.5 else "%Y-%m-%dT%H:%M:%S"
        return self._local(instant).strftime(fmt)

    # -- texts ------------------------------------------------------------------------------
    @staticmethod
    def _mark(text: str, title: str, org: str, country: str) -> str:
        if "§" not in text:
            return text
        return text.replace("§P", title).replace("§O", org).replace("§C", country)

    def _summary(
        self, cat: _Cat, title: str, org: str, country: str, lo: int, hi: int
    ) -> tuple[list[str], int]:
        """Sentences (markers filled) whose word count lies within lo..hi."""
        if self.narrow and lo >= self.clean_lo and hi <= self.clean_hi:
            n = self.rng.randint(lo, hi)
            return self._plain_sentences(cat, n), n
        rng = self.rng
        groups = cat.middle.groups
        # a marker counts as one word; its replacement as many as it has
        extra = {
            "§P": _count_words(title) - 1,
            "§O": _count_words(org) - 1,
            "§C": _count_words(country) - 1,
        }

        def words(sentence: str, n: int) -> int:
            if "§" in sentence:
                n += sum(sentence.count(m) * e for m, e in extra.items())
            return n

        for _ in range(20):
            intro = rng.choice(cat.intro)
            closing = rng.choice(cat.closing)
            body: list[str] = []
            total = words(intro, _count_words(intro)) + words(closing, _count_words(closing))
            # each template at most once: no sentence said twice in a summary
            order = rng.sample(range(len(groups)), len(groups))
            last = 0
            while total < lo and order:
                s, n = rng.choice(groups[order.pop()])
                body.append(s)
                last = words(s, n)
                total += last
            if total > hi and body:
                body.pop()
                total -= last
                gap_lo, gap_hi = lo - total, hi - total
                for t in order:
                    s, n = rng.choice(groups[t])
                    n = words(s, n)
                    if gap_lo <= n <= gap_hi:
                        body.append(s)
                        total += n
                        break
            if lo <= total <= hi:
                marked = [self._mark(x, title, org, country) for x in (intro, *body, closing)]
                return marked, total
        n = rng.randint(lo, hi)
        return self._plain_sentences(cat, n), n

    def _plain_sentences(self, cat: _Cat, n: int) -> list[str]:
        """Plain sentences (no hyphens, digits or symbols) of exactly n words in all."""
        rng = self.rng
        pool = cat.plain if len(cat.plain.sentences) >= 40 else self.global_plain
        by_len = cat.plain_by_len if pool is cat.plain else self._by_len(pool)
        lengths = sorted(by_len)
        for _ in range(200):
            chosen: list[str] = []
            total = 0
            while n - total > 40:
                i = rng.randrange(len(pool.sentences))
                chosen.append(pool.sentences[i])
                total += pool.words[i]
            rest = n - total
            if rest == 0:
                return chosen
            if rest in by_len:
                return [*chosen, rng.choice(by_len[rest])]
            starts = lengths[:]
            rng.shuffle(starts)
            for a in starts:
                if a < rest and (rest - a) in by_len:
                    return [*chosen, rng.choice(by_len[a]), rng.choice(by_len[rest - a])]
        raise RuntimeError(f"cannot build a summary of exactly {n} words")  # pragma: no cover

    @staticmethod
    def _by_len(pool: _Pool) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for s, n in zip(pool.sentences, pool.words, strict=True):
            out.setdefault(n, []).append(s)
        return out

    def _join_summary(self, sentences: list[str], bullets: bool) -> str:
        rng = self.rng
        if bullets and len(sentences) >= 5:
            k = rng.randint(2, min(4, len(sentences) - 2))
            lead, items, rest = sentences[0], sentences[1 : 1 + k], sentences[1 + k :]
            marker = rng.choice(("- ", "• ", "* "))
            listed = "\n".join(marker + s for s in items)
            return f"{lead}\n{listed}\n{' '.join(rest)}"
        if len(sentences) > 4 and rng.random() < 0.3:
            cut = rng.randint(2, len(sentences) - 2)
            return " ".join(sentences[:cut]) + "\n\n" + " ".join(sentences[cut:])
        return " ".join(sentences)

    def _long_words(self) -> int:
        # 100..600 words, mean ~390: long answers, as in real submissions.
        return int(self.rng.triangular(100, 600, 480))

    def _long_text(self, cat: _Cat, column: str, title: str, org: str, country: str) -> str:
        rng = self.rng
        pool = cat.long[column]
        # 100..600 words in all: room is kept for the bullet list or the SDG lines
        target = min(self._long_words(), _LONG_MAX - 80)
        paragraphs: list[str] = []
        used: set[int] = set()  # sentence ids: never the same sentence twice in a field
        words = 0
        while words < 100:
            # choices() is cheaper than sample(); a repeat is skipped by the ids check
            for i in rng.choices(range(len(pool.sentences)), k=12):
                n = pool.words[i]
                ids = pool.ids[i]
                if words + n > _LONG_MAX - 80 or not used.isdisjoint(ids):
                    continue
                used.update(ids)
                paragraphs.append(pool.sentences[i])
                words += n
                if words >= target:
                    break
        if column in texts.FIELD_INTROS and rng.random() < 0.25:
            head = rng.choice(texts.FIELD_INTROS[column])
            if column == "Impact":
                items = rng.sample(cat.bullets, rng.randint(3, 6))
            else:  # the first sentences of the first paragraphs become a list
                items = []
                for j in range(min(3, len(paragraphs))):
                    first, sep, rest = paragraphs[j].partition(". ")
                    if sep:
                        items.append(first)
                        paragraphs[j] = rest
            listed = "\n".join("- " + _cap(s) for s in items)
            paragraphs.insert(rng.randint(0, len(paragraphs)), f"{head}\n{listed}")
        text = "\n\n".join(paragraphs) if rng.random() < 0.85 else " ".join(paragraphs)
        return self._mark(text, title, org, country)

    def _linkage_sdgs(self, cat: _Cat, sdgs: list[int]) -> str:
        parts = []
        for k in sdgs:
            name = self.sdg_names.get(k, f"Goal {k}")
            parts.append(
                self.fillers[cat.category.key].fill(
                    self.rng.choice(_SDG_LINK), {"k": str(k), "sdgname": name}
                )
            )
        return " ".join(parts)

    # -- one clean row ----------------------------------------------------------------------
    def _pick_cat(self) -> _Cat:
        if self.even:
            self.turn += 1
            return self.cats[(self.turn - 1) % len(self.cats)]
        return self.rng.choices(self.cats, self.cat_weights)[0]

    def _row(
        self,
        cat: _Cat | None = None,
        entity: _Entity | None = None,
        *,
        title: str | None = None,
        org_name: str | None = None,
        instant: datetime | None = None,
        summary_words: tuple[int, int] | None = None,
        bullets: bool | None = None,
    ) -> _Row:
        rng = self.rng
        cat = cat or self._pick_cat()
        key = cat.category.key
        entity = entity or self._entity_for(key)
        if key not in entity.categories:
            entity.categories.append(key)
        title = title or self._title(cat, entity)
        org = org_name or entity.name
        country = entity.country.name
        lo, hi = summary_words or (self.clean_lo, self.clean_hi)
        sentences, _ = self._summary(cat, title, org, country, lo, hi)
        if bullets is None:
            bullets = rng.random() < 0.05
        summary = self._join_summary(sentences, bullets)
        sdgs = self._sdgs(cat.theme)
        contact, email = self._person(entity)
        instant = instant or self._instant()
        cells: dict[str, object] = {
            "Submission ID": None,
            "Project title": title,
            "Organisation": org,
            "Stakeholder type": self._stakeholder_cell(entity.kind),
            "Country": country,
            "Category": rng.choices(cat.spellings, cat.spelling_weights)[0],
            "SDGs": sdgs,
            "Project summary": summary,
        }
        for column in _LONG_COLUMNS:
            cells[column] = self._long_text(cat, column, title, org, country)
        # the linkage names the goals of this very row
        sdg_text = self._mark(self._linkage_sdgs(cat, self.sdg_list(sdgs)), title, org, country)
        cells["Action line and SDG linkage"] = (
            f"{cells['Action line and SDG linkage']}\n\n{sdg_text}"
        )
        if rng.random() < 0.01:
            # pasted from elsewhere: a leading "+", "-", "=" or "@" that must stay text
            cells["Impact"] = rng.choice(("+ ", "- ", "=> ", "@")) + str(cells["Impact"])
        cells["Project status"] = rng.choice(texts.PROJECT_STATUSES_CLEAN)
        cells["Website"] = self._website(entity, title)
        cells["Contact name"] = contact
        cells["Contact e-mail"] = email
        cells["Submitted at"] = self._time_cell(instant)
        with_photo = rng.random() < 0.6  # drawn whatever the edition: the same stream
        cells["Photo URL"] = (
            f"https://www.wsis.org/stocktaking/photos/{_slug(title)[:20]}.jpg"
            if with_photo or self.photo_required
            else None
        )
        cells["Internal note"] = rng.choice(texts.INTERNAL_NOTES) if rng.random() < 0.03 else None
        self.seq += 1
        if self.information is not None:
            cells[INFORMATION_COLUMN] = self._information(cells, self.seq)
        return _Row(cells, instant, self.seq, cat)

    def _information(self, cells: dict[str, object], seq: int) -> str:
        """The project information: the row's own texts, again and again, cut at a number
        of words within the edition's bounds (from the row's number: no random draw)."""
        assert self.information is not None
        low, high = self.information
        wanted = low + (seq * 7919) % max(high - low + 1, 1)
        words: list[str] = []
        sources = [str(cells.get(c) or "") for c in ("Project summary", *_LONG_COLUMNS)]
        pool = " ".join(sources).split() or ["information"]
        while len(words) < wanted:
            words.extend(pool[: wanted - len(words)])
        return " ".join(words)

    # -- planting ---------------------------------------------------------------------------
    def _instances(self) -> dict[str, int]:
        budget = self.count * self.rate
        if budget <= 0:
            return {rule: 0 for rule in RULES}
        total_weight = sum(_RULE_WEIGHTS.values())
        out: dict[str, int] = {}
        for rule in RULES:
            rows_each = 2 if rule in _PAIR_RULES else 1
            n = max(1, round(budget * _RULE_WEIGHTS[rule] / total_weight / rows_each))
            if rule == "summary-length" and self.min_words is None and self.max_words is None:
                n = 0
            if rule == "not-english":
                n = min(n, _MAX_NOT_ENGLISH)
            out[rule] = n
        return out

    def _case_instances(self) -> dict[str, int]:
        if self.count < 40:
            return {kind: 0 for kind in CLEAN_CASES}
        n = max(1, self.count // 2000)
        out = {kind: n for kind in CLEAN_CASES}
        out["near-duplicate"] = max(2, self.count // 1000)
        if self.min_words is None:
            out["summary-at-minimum"] = 0
        if self.max_words is None:
            out["summary-at-maximum"] = 0
        return out

    def generate(self) -> DemoSet:
        plants: list[_Plant] = []
        cases: list[_Case] = []
        rows: list[_Row] = []
        self._make_past_winners()
        # Round-robin over rules and cases, so that a small set still gets one of each.
        builders: list[tuple[str, int, Callable[[int], _Plant | _Case]]] = []
        for rule, n in self._instances().items():
            builders += [(rule, i, self._plant_builder(rule)) for i in range(n)]
        for kind, n in self._case_instances().items():
            builders += [(kind, i, self._case_builder(kind)) for i in range(n)]
        builders.sort(key=lambda b: b[1])  # stable: instance 0 of every rule first
        for name, i, build in builders:
            pair = name in _PAIR_RULES or name in ("near-duplicate", "title-case-twin")
            rows_each = 2 if pair else 1
            if len(rows) + rows_each > self.count:
                break
            item = build(i)
            rows.extend(item.rows)
            if isinstance(item, _Plant):
                plants.append(item)
            else:
                cases.append(item)
        while len(rows) < self.count:
            rows.append(self._row())
        self._assign_ids(rows)
        out_rows = [r.cells for r in rows]
        planted = tuple(
            PlantedViolation(p.rule, tuple(r.sid for r in p.rows), p.detail) for p in plants
        )
        clean = tuple(CleanCase(c.kind, tuple(r.sid for r in c.rows), c.detail) for c in cases)
        return DemoSet(
            edition_key=self.edition.key,
            seed=self.seed,
            columns=COLUMNS
            + EXTRA_COLUMNS
            + ((INFORMATION_COLUMN,) if self.information is not None else ()),
            rows=out_rows,
            planted=planted,
            past_winners=self.past_winners,
            clean_cases=clean,
        )

    def _assign_ids(self, rows: list[_Row]) -> None:
        rng = self.rng
        rows.sort(key=lambda r: (r.instant, r.seq))
        next_id = 10000 + rng.randint(0, 4999)
        for row in rows:
            row.sid = str(next_id)
            r = rng.random()
            row.cells["Submission ID"] = (
                next_id if r < 0.9 else (str(next_id) if r < 0.95 else float(next_id))
            )
            next_id += rng.choice((1, 1, 1, 1, 2, 3))

    def _plant_builder(self, rule: str) -> Callable[[int], _Plant]:
        return {
            "summary-length": self._plant_summary_length,
            "incomplete": self._plant_incomplete,
            "late": self._plant_late,
            "not-english": self._plant_not_english,
            "same-entity-category": self._plant_same_entity,
            "duplicate-project": self._plant_duplicate,
            "past-winner": self._plant_past_winner,
            "no-sdg": self._plant_no_sdg,
            "not-completed": self._plant_not_completed,
        }[rule]

    def _case_builder(self, kind: str) -> Callable[[int], _Case]:
        return {
            "near-duplicate": self._case_near_duplicate,
            "title-case-twin": self._case_title_twin,
            "summary-at-minimum": self._case_summary_min,
            "summary-at-maximum": self._case_summary_max,
            "deadline-sharp": self._case_deadline_sharp,
            "offset-looks-late": self._case_offset_looks_late,
            "foreign-name-quoted": self._case_foreign_name,
            "bullets": self._case_bullets,
        }[kind]

    # summary-length: the exact edges are plain words, so every counter agrees
    def _plant_summary_length(self, i: int) -> _Plant:
        kinds = []
        if self.min_words is not None:
            kinds += ["one-below", "far-below"]
        if self.max_words is not None:
            kinds += ["one-above", "far-above"]
        kind = kinds[i % len(kinds)]
        row = self._row(bullets=False)
        cat = row.cat
        if kind == "one-below" and self.min_words is not None:
            n = self.min_words - 1
            text = " ".join(self._plain_sentences(cat, n))
        elif kind == "one-above" and self.max_words is not None:
            n = self.max_words + 1
            text = " ".join(self._plain_sentences(cat, n))
        else:
            if kind == "far-below" and self.min_words is not None:
                lo, hi = max(20, self.min_words // 2), max(21, self.min_words - 25)
            else:
                assert self.max_words is not None
                lo, hi = self.max_words + 30, self.max_words + 150
            title, org = str(row.cells["Project title"]), str(row.cells["Organisation"])
            sentences, n = self._summary(cat, title, org, str(row.cells["Country"]), lo, hi)
            text = " ".join(sentences)
        row.cells["Project summary"] = text
        n = _count_words(text)
        bound = f"minimum {self.min_words}" if "below" in kind else f"maximum {self.max_words}"
        return _Plant("summary-length", [row], f"summary has {n} words ({bound})")

    def _plant_incomplete(self, i: int) -> _Plant:
        row = self._row()
        column = self.blankable[i % len(self.blankable)]
        value = _PLACEHOLDERS[(i // len(self.blankable) + i) % len(_PLACEHOLDERS)]
        row.cells[column] = value
        shown = "empty" if value is None else repr(value)
        return _Plant("incomplete", [row], f"{column} is {shown}")

    def _plant_late(self, i: int) -> _Plant:
        kind = _LATE_KINDS[i % len(_LATE_KINDS)]
        d = self.deadline
        if kind == "one-second":
            instant = d + timedelta(seconds=1)
        elif kind == "next-day":
            instant = d + timedelta(days=1, minutes=self.rng.randint(0, 600))
        elif kind == "offset-looks-early":
            instant = d + timedelta(minutes=30)
        elif kind == "naive-iso":
            instant = d + timedelta(hours=2, minutes=self.rng.randint(0, 59))
        else:
            instant = d + timedelta(minutes=self.rng.randint(1, 50))
        row = self._row(instant=instant)
        if kind in ("one-second", "next-day"):
            cell: object = self._local(instant)
        elif kind == "offset-looks-early":
            cell = _fmt_iso(instant, timezone(timedelta(hours=-5)))
        elif kind == "naive-iso":
            cell = self._local(instant).strftime("%Y-%m-%dT%H:%M:%S")
        else:
            cell = instant.strftime("%Y-%m-%dT%H:%M:%SZ")
        row.cells["Submitted at"] = cell
        late_by = instant - d
        local = self._local(instant).strftime("%Y-%m-%d %H:%M:%S")
        return _Plant(
            "late",
            [row],
            f"submitted {cell!s} = {local} {self.edition.timezone}, {late_by} after the deadline",
        )

    def _plant_not_english(self, i: int) -> _Plant:
        lang = _LANGUAGES[i % len(_LANGUAGES)]
        entity = self._new_entity(region=_LANGUAGE_REGIONS[lang])
        title = None
        if self.rng.random() < 0.5:
            candidate = f"{self.rng.choice(texts.FOREIGN_TITLES[lang])} {entity.country.name}"
            title = candidate if self._claim_title(candidate) else None
        row = self._row(entity=entity, title=title)
        passages = texts.FOREIGN_PASSAGES[lang]
        if lang == "zh":
            # no spaces between Chinese words: about two characters a word
            row.cells["Project summary"] = self._zh_text(passages, self.clean_lo * 2)
        else:
            row.cells["Project summary"] = self._foreign_text(passages, self.clean_lo)
        for column in _LONG_COLUMNS:
            if lang == "zh":
                row.cells[column] = self._zh_text(passages, self.rng.randint(200, 400))
            else:
                row.cells[column] = self._foreign_text(passages, self.rng.randint(100, 180))
        detail = f"summary and texts in {_LANGUAGE_NAMES[lang]}"
        if lang == "zh":
            detail += " (no spaces between words: a whitespace word count does not apply)"
        return _Plant("not-english", [row], detail)

    def _foreign_sentences(self, passages: tuple[str, ...]) -> list[str]:
        order = list(passages)
        self.rng.shuffle(order)
        rng = self.rng
        return [
            s.format(
                n=f"{rng.randint(2, 90) * 1000}",
                n2=str(rng.randint(120, 9800)),
                pct=str(rng.randint(12, 78)),
                small=str(rng.randint(3, 40)),
                year=str(rng.randint(2012, 2018)),
            )
            for s in order
        ]

    def _foreign_text(self, passages: tuple[str, ...], minimum: int) -> str:
        out: list[str] = []
        total = 0
        hi = minimum + 25 if minimum == self.clean_lo else minimum + 60
        while total < minimum:
            for s in self._foreign_sentences(passages):
                n = _count_words(s)
                if total + n > hi:
                    continue
                out.append(s)
                total += n
                if total >= minimum:
                    break
        return " ".join(out)

    def _zh_text(self, passages: tuple[str, ...], characters: int) -> str:
        out: list[str] = []
        size = 0
        while size < characters:  # whole shuffled passes: no sentence twice in a pass
            for sentence in self._foreign_sentences(passages):
                out.append(sentence)
                size += len(sentence)
                if size >= characters:
                    break
        return "".join(out)

    def _plant_same_entity(self, i: int) -> _Plant:
        cat = self._pick_cat()
        key = cat.category.key
        entity = self._new_entity(region="latin" if i % 4 else None)
        variant = self._name_variant(entity.name, i)
        a = self._row(cat, entity)
        b = self._row(cat, entity, org_name=variant)
        return _Plant(
            "same-entity-category",
            [a, b],
            f"{entity.name!r} and {variant!r} both in {key}",
        )

    def _name_variant(self, name: str, i: int) -> str:
        """The same organisation written differently (case, spacing, punctuation, words)."""
        candidates: list[str] = []
        swaps = (
            (" Ltd.", " Limited"),
            (" Limited", " Ltd."),
            ("University of ", "Univ. of "),
            (" University", " Univ."),
            (" Inc.", " Inc"),
            (" & ", " and "),
            (", ", " "),
            (" Pvt. Ltd.", " Private Limited"),
        )
        for old, new in swaps:
            if old in name:
                candidates.append(name.replace(old, new, 1))
        if name.upper() != name:
            candidates.append(name.upper())
        if " " in name:
            candidates.append(name.replace(" ", "  ", 1))
        candidates.append(name + ".")
        candidates.append(" " + name)
        variant = candidates[i % len(candidates)]
        if organisation_key(variant) != organisation_key(name):  # pragma: no cover
            variant = name.upper() if name.upper() != name else name + "."
        return variant

    def _plant_duplicate(self, i: int) -> _Plant:
        kind = _DUPLICATE_KINDS[i % len(_DUPLICATE_KINDS)]
        cat = self._pick_cat()
        a = self._row(cat)
        a_entity = self.entity_keys[organisation_key(str(a.cells["Organisation"]))]
        other_cats = [c for c in self.cats if c is not cat]
        if kind == "same-org-other-category":
            b_cat = self.rng.choice(
                [c for c in other_cats if c.category.key not in a_entity.categories] or other_cats
            )
            b_entity = a_entity
        elif kind == "other-org-same-category":
            b_cat, b_entity = cat, self._new_entity()
        else:
            b_cat, b_entity = self.rng.choice(other_cats), self._new_entity()
        b = self._row(b_cat, b_entity)
        title_a = str(a.cells["Project title"])
        title_b = self._retitle(title_a, i)
        self._claim_title(title_b)
        # B is A's project: same texts, lightly edited; its own ID, time, contact.
        b.cells["Project title"] = title_b
        for column in ("Project summary", *_LONG_COLUMNS):
            edited = self._light_edit(str(a.cells[column]), summary=column == "Project summary")
            b.cells[column] = edited.replace(
                str(a.cells["Organisation"]), str(b.cells["Organisation"])
            )
        b.cells["SDGs"] = a.cells["SDGs"]
        b.cells["Project status"] = a.cells["Project status"]
        changes = {
            "same-org-other-category": "category changed",
            "other-org-same-category": "organisation changed",
            "other-org-other": "organisation and category changed",
        }[kind]
        return _Plant(
            "duplicate-project",
            [a, b],
            f"same project twice: title {title_a!r} -> {title_b!r}, {changes}, "
            "texts lightly edited",
        )

    def _retitle(self, title: str, i: int) -> str:
        options = [
            f"{title} Project",
            f"{title}: Scaling Up",
            title.upper(),
            f"The {title}",
            title.replace(" ", "-", 1) if " " in title else title.lower(),
        ]
        return options[i % len(options)]

    def _light_edit(self, text: str, *, summary: bool) -> str:
        """A few words swapped for synonyms, two sentences reordered (word count kept)."""
        rng = self.rng
        paragraphs = text.split("\n\n")
        p = rng.randrange(len(paragraphs))
        parts = re.split(r"(?<=[.!?]) (?=[A-Z§])", paragraphs[p])
        if len(parts) >= 3:
            j = rng.randrange(1, len(parts) - 1)
            parts[j], parts[j + 1] = parts[j + 1], parts[j]
            paragraphs[p] = " ".join(parts)
        text = "\n\n".join(paragraphs)
        for old, new in rng.sample(_SYNONYMS, 4):
            text = re.sub(rf"\b{old}\b", new, text, count=2)
        return text

    def _make_past_winners(self) -> None:
        rng = self.rng
        n = max(8, 2 * self._instances()["past-winner"] + 4)
        year = self.edition.year
        titles = list(texts.PAST_WINNER_TITLES)
        rng.shuffle(titles)
        seen: dict[str, None] = {}
        for k in range(n):
            title = titles[k % len(titles)]
            while k >= len(titles) and (title in seen or title in titles):
                title = f"{titles[k % len(titles)]} {rng.choice(names.COUNTRIES).name}"
            seen[title] = None
            entity = self._new_entity(register=False)
            self.past_winners.append(
                {
                    "Project title": title,
                    "Organisation": entity.name,
                    "Edition": rng.randint(max(2012, year - 8), year - 1),
                }
            )
        self.past_entities = [
            self.entity_keys[organisation_key(str(w["Organisation"]))] for w in self.past_winners
        ]

    def _plant_past_winner(self, i: int) -> _Plant:
        winner = self.past_winners[i % len(self.past_winners)]
        entity = self.past_entities[i % len(self.past_winners)]
        title = str(winner["Project title"])
        kind = _PAST_KINDS[i % len(_PAST_KINDS)]
        if kind == "case":
            variant = title.lower() if i % 2 else title.upper()
        elif kind == "spacing":
            variant = title.replace(" ", "  ", 1) + " "
        elif kind == "typo":
            j = max(1, len(title) // 2)
            while title[j] == title[j - 1] or " " in title[j - 1 : j + 1]:
                j += 1
            variant = title[: j - 1] + title[j] + title[j - 1] + title[j + 1 :]
        else:
            variant = title.replace(" ", " - ", 1) if " " in title else title + "!"
        cat = self._pick_cat()
        row = self._row(cat, entity, title=variant)
        return _Plant(
            "past-winner",
            [row],
            f"title {variant!r} is past winner {title!r} ({winner['Edition']})",
        )

    def _plant_no_sdg(self, i: int) -> _Plant:
        row = self._row()
        row.cells["SDGs"] = None if i % 2 == 0 else ""
        return _Plant("no-sdg", [row], "SDGs cell empty")

    def _plant_not_completed(self, i: int) -> _Plant:
        row = self._row()
        status = texts.PROJECT_STATUSES_NOT_COMPLETED[i % len(texts.PROJECT_STATUSES_NOT_COMPLETED)]
        row.cells["Project status"] = status
        return _Plant("not-completed", [row], f"project status {status!r}")

    # -- clean cases --------------------------------------------------------------------------
    def _case_near_duplicate(self, i: int) -> _Case:
        rng = self.rng
        cat = self._pick_cat()
        one_word = [c for c in self.countries if " " not in c.name and c.region == "latin"]
        for _ in range(50):
            ca, cb = rng.sample(one_word, 2)
            ea = self._new_entity_in(ca)
            eb = self._new_entity_in(cb)
            family = f"{rng.choice(cat.theme.title_words)} {rng.choice(texts.TITLE_EXTRA_WORDS)}"
            ta, tb = f"{family} {ca.name}", f"{family} {cb.name}"
            if not (self._claim_title(ta) and self._claim_title(tb)):
                continue
            sentences, _ = self._summary(cat, "§P", "§O", "§C", self.clean_lo, self.clean_hi)
            skeleton = " ".join(sentences)
            sa = self._mark(skeleton, ta, ea.name, ca.name)
            sb = self._mark(skeleton, tb, eb.name, cb.name)
            if not all(self.clean_lo <= _count_words(s) <= self.clean_hi for s in (sa, sb)):
                continue
            b_cat = cat if i % 2 == 0 else self._pick_cat()
            a = self._row(cat, ea, title=ta)
            b = self._row(b_cat, eb, title=tb)
            a.cells["Project summary"] = sa
            b.cells["Project summary"] = sb
            return _Case(
                "near-duplicate",
                [a, b],
                f"{ta!r} and {tb!r}: one programme in two countries, near-identical "
                "summaries, other texts differ",
            )
        raise RuntimeError("could not build a near-duplicate pair")  # pragma: no cover

    def _new_entity_in(self, country: names.Country) -> _Entity:
        for _ in range(40):
            kind = self.rng.choices(list(_KIND_WEIGHTS), list(_KIND_WEIGHTS.values()))[0]
            name = self._latin_name(country, kind)
            key = organisation_key(name)
            if key in self.entity_keys:
                continue
            base = _slug(name)[:12]
            domain = f"{base}.{_DOMAIN_SUFFIX[kind].format(tld=country.tld)}"
            entity = _Entity(name, key, country, kind, domain, "latin")
            self.entity_keys[key] = entity
            self.entities.append(entity)
            return entity
        return self._new_entity()  # pragma: no cover

    def _case_title_twin(self, i: int) -> _Case:
        a = self._row()
        title = str(a.cells["Project title"])
        twin = title.upper() if i % 2 == 0 else title.lower()
        b = self._row()
        b.cells["Project title"] = twin
        return _Case(
            "title-case-twin",
            [a, b],
            f"{title!r} and {twin!r}: different organisations and projects",
        )

    def _exact_summary_case(self, kind: str, n: int) -> _Case:
        row = self._row(bullets=False)
        cat = row.cat
        row.cells["Project summary"] = " ".join(self._plain_sentences(cat, n))
        return _Case(kind, [row], f"summary has exactly {n} words")

    def _case_summary_min(self, i: int) -> _Case:
        assert self.min_words is not None
        return self._exact_summary_case("summary-at-minimum", self.min_words)

    def _case_summary_max(self, i: int) -> _Case:
        assert self.max_words is not None
        return self._exact_summary_case("summary-at-maximum", self.max_words)

    def _case_deadline_sharp(self, i: int) -> _Case:
        row = self._row(instant=self.deadline)
        cell: object = self._local(self.deadline)
        if i % 2:
            cell = _fmt_iso(self.deadline, UTC)
        row.cells["Submitted at"] = cell
        return _Case("deadline-sharp", [row], f"submitted {cell!s}, exactly at the deadline")

    def _case_offset_looks_late(self, i: int) -> _Case:
        instant = self.deadline - timedelta(minutes=30 + i % 30)
        row = self._row(instant=instant)
        cell = _fmt_iso(instant, timezone(timedelta(hours=8)))
        row.cells["Submitted at"] = cell
        local = self._local(instant).strftime("%H:%M:%S")
        return _Case(
            "offset-looks-late", [row], f"submitted {cell}, {local} local: before the deadline"
        )

    def _case_foreign_name(self, i: int) -> _Case:
        rng = self.rng
        row = self._row(bullets=False)
        cat = row.cat
        title, org = str(row.cells["Project title"]), str(row.cells["Organisation"])
        country = str(row.cells["Country"])
        foreign = texts.FOREIGN_NAMES[i % len(texts.FOREIGN_NAMES)]
        filler = self.fillers[cat.category.key]
        quote = filler.fill(rng.choice(_FOREIGN_NAME), {"foreign": foreign})
        quote = self._mark(quote, title, org, country)
        n = _count_words(quote)
        sentences, _ = self._summary(
            cat, title, org, country, self.clean_lo - n + 2, self.clean_hi - n - 2
        )
        sentences.insert(1, quote)
        row.cells["Project summary"] = " ".join(sentences)
        return _Case("foreign-name-quoted", [row], f"English summary quoting {foreign}")

    def _case_bullets(self, i: int) -> _Case:
        row = self._row(bullets=True)
        return _Case("bullets", [row], "summary with a bullet list and line breaks")


def generate_submission_set(
    edition: Edition,
    *,
    count: int = 1000,
    seed: int = 2020,
    violation_rate: float = 0.05,
    even_categories: bool = False,
) -> DemoSet:
    """A realistic submission set of `count` rows, with planted violations as ground truth;
    `even_categories`: the categories in turn (as many rows each, give or take a pair's
    second row) instead of the platform's realistic mix."""
    return _Generator(edition, count, seed, violation_rate, even_categories).generate()
