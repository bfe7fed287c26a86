"""The competition as data: one edition of the WSIS Prizes, loaded from a TOML file.

Every edition-specific fact (categories, SDGs, criteria, scale, weights, quotas, word
bounds, deadlines) lives in `resources/editions/<key>.toml`; adding an edition is adding a
file. Loading validates the file and names the file, the key and the problem.

Standard library only: every other layer imports this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


# NOTE(skeleton): the loader and validation are filled in by the edition work;
# the dataclasses and function signatures below are the contract other layers use.


@dataclass(frozen=True)
class LocalizedText:
    en: str
    zh: str

    def get(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


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


@dataclass(frozen=True)
class WordBounds:
    minimum: int | None
    maximum: int | None


@dataclass(frozen=True)
class Edition:
    key: str  # file stem, e.g. "wsis-2020"
    year: int
    title: LocalizedText
    timezone: str  # IANA name, e.g. "Europe/Zurich"; naive times in submissions are local here
    submission_opens: datetime  # aware
    submission_deadline: datetime  # aware; a submission at this instant is on time
    vote_closes: datetime | None  # aware
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

    def category(self, key: str) -> Category:
        """The category with this stable key; KeyError otherwise."""
        raise NotImplementedError

    def resolve_category(self, text: str) -> Category | None:
        """The category a person meant by `text`, or None when unknown or ambiguous.

        Accepts the stable key ("C7-ehealth"), the ITU number ("10", "10.0"), the
        action-line code with the name ("C7 E-health", "C7. ICT applications: E-health"),
        the name alone ("e-health"), and the file's aliases; case, spacing and punctuation
        do not matter. "C7" alone is ambiguous (eight categories) and gives None.
        """
        raise NotImplementedError

    def resolve_stakeholder_type(self, text: str) -> StakeholderType | None:
        raise NotImplementedError


class EditionError(Exception):
    """An edition file is missing or invalid: names the file, the key and the problem."""


def available_editions(directory: Path | None = None) -> dict[str, Path]:
    """Edition key -> file, for every `*.toml` in the editions folder."""
    raise NotImplementedError


def load_edition(path: Path) -> Edition:
    raise NotImplementedError


def load_edition_by_key(key: str, directory: Path | None = None) -> Edition:
    raise NotImplementedError


def latest_edition_key(directory: Path | None = None) -> str:
    """The edition a new workspace uses unless told otherwise: the newest year shipped."""
    raise NotImplementedError
