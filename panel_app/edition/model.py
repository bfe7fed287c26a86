"""The competition as data: the types of one edition of the WSIS Prizes, and the
spellings by which the submission sets name its categories, SDGs and stakeholder types.

Standard library only: every other layer imports this one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from panel_app.i18n import N_, render, translate

# The newest schema of edition files this code reads ([edition].format_version).
FORMAT_VERSION = 1

# The UN's goals: the same for every edition, so not an edition fact.
SDG_COUNT = 17

# The submission attributes of the store an edition may require (`required_fields`).
SUBMISSION_FIELDS: tuple[str, ...] = (
    "submission_id",
    "title",
    "organisation",
    "stakeholder_type",
    "country",
    "category_key",
    "sdgs",
    "summary",
    "sdg_linkage",
    "impact",
    "partnerships",
    "challenges",
    "project_status",
    "website",
    "contact_name",
    "contact_email",
    "submitted_at",
)


# The languages an edition file may name a text in, besides en and zh (both required).
FURTHER_LANGUAGES = ("ar", "fr", "ru", "es")
# The catalogue context of the edition files' English names (tools/i18n.py extracts them).
EDITION_CONTEXT = "Edition"


@dataclass(frozen=True)
class LocalizedText:
    en: str
    zh: str
    # (language, text) for the further languages the edition file gives.
    others: tuple[tuple[str, str], ...] = ()

    def get(self, language: str) -> str:
        """The text in `language` (an app language code: "zh_CN", "fr", ...): as the edition
        file gives it, else as the app's catalogue translates its English, else English."""
        if language.startswith("zh"):
            return self.zh
        for code, text in self.others:
            if language.split("_")[0] == code:
                return text
        return translate(self.en, language, EDITION_CONTEXT)

    def languages(self) -> tuple[str, ...]:
        return ("en", "zh", *(code for code, _ in self.others))


@dataclass(frozen=True)
class Category:
    key: str  # stable key, e.g. "C7-ehealth"; never the action-line code alone
    action_line: str  # "C7"
    number: int  # ITU category number, 1-18
    name: LocalizedText
    aliases: tuple[str, ...]  # further spellings accepted on import


@dataclass(frozen=True)
class Sdg:
    number: int  # 1-17
    name: LocalizedText
    goal: LocalizedText | None = None  # the goal's full wording, e.g. for a tooltip


@dataclass(frozen=True)
class StakeholderType:
    key: str  # e.g. "government"
    name: LocalizedText
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: LocalizedText


@dataclass(frozen=True)
class Scale:
    minimum: int
    maximum: int
    points: tuple[ScalePoint, ...]  # one per integer value, minimum..maximum

    def label(self, value: int) -> LocalizedText:
        """The label of one point; KeyError when the value is off the scale."""
        for point in self.points:
            if point.value == value:
                return point.label
        raise KeyError(value)


@dataclass(frozen=True)
class Criterion:
    key: str  # e.g. "impact"
    name: LocalizedText
    description: LocalizedText  # what an expert reads before scoring
    scale: Scale
    weight: float


@dataclass(frozen=True)
class Quotas:
    nominees_per_category: int | None  # None: the edition sets no fixed count
    finalists_per_category: int  # chosen by the public vote
    winners_per_category: int
    champions_per_category: int
    # Finalists the panel analyses in depth when picking the winner (2017: the top 3 of
    # the vote's 5). Loaded editions always set it; None only in hand-made objects.
    analysed_per_category: int | None = None


@dataclass(frozen=True)
class WordBounds:
    minimum: int | None
    maximum: int | None


@dataclass(frozen=True)
class Phase:
    key: str  # e.g. "submission", "nomination", "vote", "selection", "ceremony"
    name: LocalizedText
    starts: date
    ends: date  # inclusive


@dataclass(frozen=True)
class PhaseDay:
    """Where a day falls in the edition's phases (`Edition.phase_on`)."""

    day: date
    current: Phase | None  # the phase whose dates hold the day; None between or outside
    previous: Phase | None  # the last phase ended before the day
    following: Phase | None  # the next phase to start after the day

    @property
    def next_date(self) -> date | None:
        """The next date that matters: the current phase's last day, else the next start."""
        if self.current is not None:
            return self.current.ends
        return self.following.starts if self.following is not None else None

    def in_words(self, language: str = "en") -> str:
        """The phase and the next date, in `language` (dates as 16 Feb 2017 in English,
        as 2017-02-16 in any other language, where an English month would not read)."""

        def day(value: date) -> str:
            return f"{value:%d %b %Y}" if language == "en" else f"{value:%Y-%m-%d}"

        def say(template: str, **params: object) -> str:
            return render(template, params, language, "Phase")

        if self.current is not None:
            text = say(
                N_("{name} (phase {key}), {starts} to {ends}"),
                name=self.current.name.get(language),
                key=self.current.key,
                starts=day(self.current.starts),
                ends=day(self.current.ends),
            )
            if self.following is not None:
                text += say(
                    N_("; next: {name} from {starts}"),
                    name=self.following.name.get(language),
                    starts=day(self.following.starts),
                )
            return text
        if self.following is not None:
            template = (
                N_("before the first phase: {name} starts {starts}")
                if self.previous is None
                else N_("between phases: {name} starts {starts}")
            )
            return say(
                template, name=self.following.name.get(language), starts=day(self.following.starts)
            )
        if self.previous is not None:
            return say(
                N_("the season is over: {name} ended {ends}"),
                name=self.previous.name.get(language),
                ends=day(self.previous.ends),
            )
        return say(N_("the edition gives no phase dates"))


@dataclass(frozen=True)
class Rules:
    """Submission and voting rules that vary by edition; None: the edition does not say."""

    projects_per_entity_per_category: int | None = None
    language: str | None = None  # language submissions must be written in, e.g. "en"
    previous_winners_eligible: bool | None = None
    submitter_must_own_project: bool | None = None
    completed_projects_only: bool | None = None  # or a key phase finished
    votes_per_voter_per_category: int | None = None
    self_votes_allowed: bool | None = None
    # How the free-text Project status answer is read for completed_projects_only: phrases
    # that say the project (or a key phase) is completed, and phrases that say it is not
    # there yet. Compared as words (`phrase_words`); given exactly when that rule is.
    completed_statuses: tuple[str, ...] = ()
    not_completed_statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edition:
    key: str  # file stem, e.g. "wsis-2020"
    year: int
    title: LocalizedText
    timezone: str  # IANA name, e.g. "Europe/Zurich"; naive times in submissions are local here
    submission_opens: datetime  # aware
    submission_deadline: datetime  # aware; a submission at this instant is on time
    # The public vote, aware; a vote at either instant counts. None: the edition does not say.
    # vote_opens without its key in the file: the "vote" phase's first day, as it begins.
    vote_opens: datetime | None
    vote_closes: datetime | None
    categories: tuple[Category, ...]
    sdgs: tuple[Sdg, ...]
    stakeholder_types: tuple[StakeholderType, ...]
    criteria: tuple[Criterion, ...]  # nomination round
    final_criteria: tuple[Criterion, ...]  # extra considerations of the winner selection
    quotas: Quotas
    summary_words: WordBounds
    required_fields: tuple[str, ...]  # submission fields that must be filled in
    source: Path
    digest: str  # sha256 of the file's bytes, so a workspace can tell editions apart
    phases: tuple[Phase, ...] = ()
    rules: Rules = field(default_factory=Rules)
    # Conditions checked before the criteria are scored (complete template, alignment).
    nomination_gates: tuple[LocalizedText, ...] = ()
    # Reviews a project needs before its ranking counts as settled; fewer: flagged. None:
    # the edition sets no minimum.
    minimum_reviews: int | None = None
    # The criterion whose mean breaks a tie the calibrated score, head-to-head and median
    # leave (a key of `criteria`); None: that step of the cascade is skipped.
    tie_break_criterion: str | None = None
    # 2017's second part of the form ("project information"); no store field holds it.
    project_information_words: WordBounds | None = None
    project_information_photos: int | None = None

    # Look-up tables, built once: resolve_category runs for every row of an import.
    _categories_by_key: dict[str, Category] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _categories_by_number: dict[int, Category] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _category_forms: dict[str, tuple[Category, ...]] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _stakeholder_forms: dict[str, StakeholderType] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _sdg_forms: dict[str, Sdg] = field(init=False, repr=False, compare=False, hash=False)
    # (look-up form, category) of every name and alias, the longest first (category_by_code)
    _name_forms: tuple[tuple[str, Category], ...] = field(
        init=False, repr=False, compare=False, hash=False
    )
    # Raw cell text -> answer: an import repeats the same few spellings thousands of times.
    _category_cache: dict[str, tuple[Category, ...]] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        forms, _ = category_index(self.categories)
        stakeholders, _ = unique_index(
            (t, stakeholder_spellings(t)) for t in self.stakeholder_types
        )
        sdgs, _ = unique_index((s, sdg_spellings(s)) for s in self.sdgs)
        object.__setattr__(self, "_categories_by_key", {c.key: c for c in self.categories})
        object.__setattr__(self, "_categories_by_number", {c.number: c for c in self.categories})
        object.__setattr__(self, "_category_forms", forms)
        object.__setattr__(self, "_stakeholder_forms", stakeholders)
        object.__setattr__(self, "_sdg_forms", sdgs)
        object.__setattr__(self, "_category_cache", {})
        object.__setattr__(self, "_name_forms", _name_forms(self.categories))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def category(self, key: str) -> Category:
        """The category with this stable key; KeyError otherwise."""
        return self._categories_by_key[key]

    def resolve_category(self, text: str) -> Category | None:
        """The category a person meant by `text`, or None when unknown or ambiguous.

        Accepts the stable key ("C7-ehealth"), the ITU number ("10", "10.0"), the
        action-line code with the name ("C7 E-health", "C7. ICT applications: E-health"),
        the name alone ("e-health"), and the file's aliases; case, spacing and punctuation
        do not matter. "C7" alone is ambiguous (eight categories) and gives None.
        """
        found = self.category_candidates(text)
        return found[0] if len(found) == 1 else None

    def category_candidates(self, text: str) -> tuple[Category, ...]:
        """Every category `text` may mean: none, one, or several ("C7" gives eight)."""
        cached = self._category_cache.get(text)
        if cached is not None:
            return cached
        trimmed = _EDGES.sub("", text)
        number = _CATEGORY_NUMBER.fullmatch(trimmed)
        found: tuple[Category, ...]
        if number is not None:
            by_number = self._categories_by_number.get(int(number[1]))
            found = (by_number,) if by_number is not None else ()
        else:
            found = self._category_forms.get(_category_form(trimmed), ())
        if len(self._category_cache) >= _CACHE_LIMIT:
            self._category_cache.clear()  # free text (titles in the wrong column) stays bounded
        self._category_cache[text] = found
        return found

    def category_by_code(self, text: str) -> CodeReading | None:
        """A category written as its action-line code followed by words ("C5. Trust
        online", "C7 E-health - telemedicine"), for a text resolve_category does not
        know: the code decides, and the words may be spelled any way, unless they name a
        category themselves. Their longest beginning that is a category's name or alias
        (case, spacing and punctuation aside) is what they name:
        - no category: the code's category if it has one ("C5"), else no answer
          (`category` None, `candidates` all eight: "C7 Telemedicine" could be any);
        - one of the code's categories: that one ("C7 E-health - telemedicine");
        - another category: `named` says which, and `category` is None ("C5 Capacity
          building": the code says C5, the words C4).
        None for a text that is not a known code followed by words."""
        found = _LEADING_CODE.match(_EDGES.sub("", text))
        if found is None:
            return None
        code = f"C{int(found[1])}"
        candidates = tuple(c for c in self.categories if c.action_line.upper() == code)
        words = normalise(found[2])
        if not candidates or not words:
            return None
        named = next((c for form, c in self._name_forms if words.startswith(form)), None)
        if named is None:
            only = candidates[0] if len(candidates) == 1 else None
            return CodeReading(code, only, None, candidates)
        if named in candidates:
            return CodeReading(code, named, named, candidates)
        return CodeReading(code, None, named, candidates)

    def ambiguous_category(self, text: str) -> tuple[Category, ...]:
        """The categories `text` could mean when it names more than one; () otherwise."""
        found = self.category_candidates(text)
        return found if len(found) > 1 else ()

    def category_spellings_hint(self) -> str:
        """What an importer expects in a category cell, for error messages (English)."""
        if not self.categories:
            return "a category"
        shared = [c for c in self.categories if _shares_action_line(c, self.categories)]
        example = shared[0] if shared else self.categories[0]
        low = min(c.number for c in self.categories)
        high = max(c.number for c in self.categories)
        name = _COLON.split(example.name.en)[-1].strip()
        return (
            f"a category key such as {example.key}, its number {low}-{high}, "
            f"or its name such as '{name}'"
        )

    def resolve_stakeholder_type(self, text: str) -> StakeholderType | None:
        """The stakeholder type by key, English or Chinese name or alias; None if unknown."""
        return self._stakeholder_forms.get(normalise(text))

    def stakeholder_type(self, key: str) -> StakeholderType:
        """The stakeholder type with this key; KeyError otherwise."""
        for kind in self.stakeholder_types:
            if kind.key == key:
                return kind
        raise KeyError(key)

    def sdg(self, number: int) -> Sdg:
        """The goal with this number; KeyError otherwise."""
        for goal in self.sdgs:
            if goal.number == number:
                return goal
        raise KeyError(number)

    def resolve_sdg(self, text: str) -> Sdg | None:
        """One goal from "3", "SDG 3", "Goal 3", "SDG 3: Good Health..." or its name."""
        trimmed = _EDGES.sub("", text)
        number = _SDG_NUMBER.fullmatch(trimmed)
        if number is not None:
            return next((s for s in self.sdgs if s.number == int(number[1])), None)
        return self._sdg_forms.get(normalise(trimmed))

    def criterion(self, key: str) -> Criterion:
        """The criterion with this key, of either round; KeyError otherwise."""
        for criterion in (*self.criteria, *self.final_criteria):
            if criterion.key == key:
                return criterion
        raise KeyError(key)

    def phase(self, key: str) -> Phase:
        """The phase with this key; KeyError otherwise."""
        for phase in self.phases:
            if phase.key == key:
                return phase
        raise KeyError(key)

    def today(self, now: datetime | None = None) -> date:
        """The date in the edition's time zone (the phases' dates are local dates)."""
        return (now or datetime.now(self.zone)).astimezone(self.zone).date()

    def phase_on(self, day: date) -> PhaseDay:
        """The phase `day` falls in (first and last days included), the one before it and
        the one after it, by the edition's phase dates."""
        current = next((p for p in self.phases if p.starts <= day <= p.ends), None)
        previous = next((p for p in reversed(self.phases) if p.ends < day), None)
        following = next((p for p in self.phases if p.starts > day), None)
        return PhaseDay(day, current, previous, following)


@dataclass(frozen=True)
class EditionProblem:
    path: str  # TOML key path, e.g. "categories[3].number"; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class EditionError(Exception):
    """An edition file is missing or invalid: names the file, the key and the problem."""

    def __init__(
        self,
        message: str,
        *,
        source: Path | None = None,
        problems: Sequence[EditionProblem] = (),
    ) -> None:
        super().__init__(message)
        self.source = source
        self.problems = tuple(problems)

    @classmethod
    def from_problems(cls, source: Path, problems: Sequence[EditionProblem]) -> EditionError:
        if len(problems) == 1:
            message = f"{source}: {problems[0]}"
        else:
            lines = [f"{source}: {len(problems)} problems"]
            lines += [f"  - {problem}" for problem in problems]
            message = "\n".join(lines)
        return cls(message, source=source, problems=problems)


# --- spellings -----------------------------------------------------------------------

_T = TypeVar("_T")

_CACHE_LIMIT = 4096
_NON_WORD = re.compile(r"[\W_]+")
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_CATEGORY_NUMBER = re.compile(r"(?:category\s*|cat\.?\s*|no\.?\s*|#\s*)?0*(\d+)(?:\.0+)?", re.I)
_SDG_NUMBER = re.compile(r"(?:sdgs?|goal|目标)?\s*[-#.:]?\s*0*(\d+)(?:\.0+)?", re.I)
_COLON = re.compile(r"[:：]")
_PHRASE_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def normalise(text: str) -> str:
    """Text as a look-up form: width, case, spacing and punctuation removed."""
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def phrase_words(text: str) -> tuple[str, ...]:
    """Text as a sequence of words: width and case folded, punctuation and spacing dropped.

    A contraction stays one word ("isn't"), so "Key phase: completed!" and "key  phase
    completed" read alike.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    return tuple(_PHRASE_WORD.findall(folded))


def _category_form(text: str) -> str:
    # "WSIS C7 action line: E-health", "WSIS C7行动方面：电子卫生" (the calls' own wording)
    form = normalise(text).removeprefix("wsis").removeprefix("actionline")
    return form.replace("行动方面", "")


# An action-line code at the start ("C5", "c 07", "WSIS C7", "Action line C7"), then the
# words after it, past any punctuation ("C5. …", "C7 E-health - …", "C10: …").
_LEADING_CODE = re.compile(
    r"(?:wsis\s*)?(?:action\s*line\s*)?c\s*0*(\d{1,2})(?![0-9])[\W_]*(.*)", re.I | re.S
)


@dataclass(frozen=True)
class CodeReading:
    """What a category written as its code and some words reads as (category_by_code)."""

    code: str  # "C5"
    category: Category | None  # the category meant; None when the words name another
    named: Category | None  # the category the words name, if they name one
    candidates: tuple[Category, ...] = ()  # the code's categories (C7: eight)


def _name_forms(categories: Sequence[Category]) -> tuple[tuple[str, Category], ...]:
    forms: dict[str, Category] = {}
    for category in categories:
        names = [category.key.split("-", 1)[-1], category.name.en, category.name.zh]
        names += category.aliases
        names += [_COLON.split(name)[-1] for name in names if _COLON.search(name)]
        for name in names:
            form = normalise(name)
            if form and not _CODE_ONLY.fullmatch(form):
                forms.setdefault(form, category)
    return tuple(sorted(forms.items(), key=lambda item: -len(item[0])))


_CODE_ONLY = re.compile(r"c[0-9]+")


def _shares_action_line(category: Category, categories: Sequence[Category]) -> bool:
    return sum(c.action_line == category.action_line for c in categories) > 1


def _category_spellings(category: Category) -> Iterator[tuple[str, bool]]:
    """(look-up form, shared?) pairs; only the action-line code alone may be shared."""
    yield _category_form(category.action_line), True
    yield _category_form(category.key), False
    names = [category.name.en, category.name.zh, *category.aliases]
    # "ICT applications: E-health" is also known as "E-health".
    names += [_COLON.split(name)[-1] for name in names if _COLON.search(name)]
    for name in names:
        yield _category_form(name), False
        yield _category_form(f"{category.action_line} {name}"), False
        yield _category_form(f"{name} {category.action_line}"), False


def category_index(
    categories: Iterable[Category],
) -> tuple[dict[str, tuple[Category, ...]], dict[str, list[Category]]]:
    """Look-up form -> categories, and the forms that wrongly name several categories."""
    found: dict[str, list[Category]] = {}
    claimed: set[str] = set()  # by a key, name or alias, not by the code alone
    for category in categories:
        for form, shared in _category_spellings(category):
            if not form:
                continue
            bucket = found.setdefault(form, [])
            if category not in bucket:
                bucket.append(category)
            if not shared:
                claimed.add(form)
    clashes = {form: found[form] for form in claimed if len(found[form]) > 1}
    return {form: tuple(cats) for form, cats in found.items()}, clashes


def stakeholder_spellings(kind: StakeholderType) -> list[str]:
    return [kind.key, kind.name.en, kind.name.zh, *kind.aliases]


def sdg_spellings(goal: Sdg) -> list[str]:
    names = [goal.name.en, goal.name.zh]
    if goal.goal is not None:
        names += [goal.goal.en, goal.goal.zh]
    return names + [f"SDG {goal.number} {name}" for name in names]


def unique_index(
    entries: Iterable[tuple[_T, Sequence[str]]],
) -> tuple[dict[str, _T], dict[str, list[_T]]]:
    """Look-up form -> entry, and the forms claimed by more than one entry."""
    index: dict[str, _T] = {}
    clashes: dict[str, list[_T]] = {}
    for entry, spellings in entries:
        for spelling in spellings:
            form = normalise(spelling)
            if not form:
                continue
            other = index.setdefault(form, entry)
            if other is not entry and other != entry:
                clashes.setdefault(form, [other])
                if entry not in clashes[form]:
                    clashes[form].append(entry)
    return index, clashes
