"""The plain records the rules read and write: a submission's fields in, findings out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

Severity = Literal["ineligible", "warning"]
INELIGIBLE: Severity = "ineligible"
WARNING: Severity = "warning"


@dataclass(frozen=True)
class RuleInput:
    """What the rules need of one submission: its stored fields, nothing else."""

    submission_id: str
    title: str = ""
    organisation: str = ""
    stakeholder_type: str = ""
    country: str = ""
    category_key: str = ""
    sdgs: tuple[int, ...] = ()
    summary: str = ""
    sdg_linkage: str = ""
    impact: str = ""
    partnerships: str = ""
    challenges: str = ""
    project_status: str = ""
    website: str = ""
    contact_name: str = ""
    contact_email: str = ""
    submitted_at: datetime | None = None  # aware
    # 2017's second part of the form, where the set carries it (an extra column); None:
    # the set has no such column, and the rules that read it find nothing.
    project_information: str | None = None
    photos: str | None = None  # the photo column's text: links or file names

    def value(self, name: str) -> object:
        """The field an edition's required_fields names; AttributeError for an unknown one."""
        return getattr(self, name)


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one submission (or a pair), as data a catalogue can translate."""

    rule_id: str  # e.g. "summary-length"
    severity: Severity
    submission_id: str
    template: str  # English msgid with {named} parameters
    params: Mapping[str, Any] = field(default_factory=dict)  # JSON-able values only
    reference: str = ""  # the rule behind it, e.g. "2020 rule 7"
    related_submission_id: str | None = None  # the other submission of a pair rule

    @property
    def evidence(self) -> str:
        """The English text, parameters filled in."""
        return self.template.format(**self.params)

    @property
    def key(self) -> tuple[str, str, str | None]:
        """What makes two findings the same finding (an overrule follows it across runs)."""
        return (self.rule_id, self.submission_id, self.related_submission_id)


@dataclass(frozen=True)
class PastWinner:
    """A winner of an earlier edition, from the list a chair imported (rule 11)."""

    title: str
    organisation: str
    edition_year: int
    text: str = ""  # the project's description, where the list has one


@dataclass(frozen=True)
class RuleContext:
    """What some rules need beyond the submissions: data imported apart from them."""

    past_winners: tuple[PastWinner, ...] = ()
