"""Rule 5: every field the edition requires is filled in.

A field is not filled in when it is empty, only whitespace, or a placeholder a person types
instead of an answer: punctuation alone ("-", "...", "…", "—", "?") or one of N/A, n/a,
n.a., NA, TBD, TBA (any case). The SDG list is left to the no-sdg rule (`sdgs.py`) and an
empty summary is reported here, not as a short one.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from datetime import datetime

from panel_app.edition import Edition
from panel_app.rules.model import INELIGIBLE, Finding, RuleInput

RULE_ID = "incomplete"
REFERENCE = "2020 rule 5"

TEMPLATE = "Required fields not filled in: {fields}"

# A store field -> the platform's English column heading, for the evidence.
HEADINGS: dict[str, str] = {
    "submission_id": "Submission ID",
    "title": "Project title",
    "organisation": "Organisation",
    "stakeholder_type": "Stakeholder type",
    "country": "Country",
    "category_key": "Category",
    "sdgs": "SDGs",
    "summary": "Project summary",
    "sdg_linkage": "Action line and SDG linkage",
    "impact": "Impact",
    "partnerships": "Partnerships",
    "challenges": "Challenges and future",
    "project_status": "Project status",
    "website": "Website",
    "contact_name": "Contact name",
    "contact_email": "Contact e-mail",
    "submitted_at": "Submitted at",
}

PLACEHOLDERS = frozenset({"n/a", "n.a.", "n.a", "na", "tbd", "tba", "t.b.d."})
_LONGEST_PLACEHOLDER = max(len(p) for p in PLACEHOLDERS)
# Fields other rules judge when empty.
_LEFT_TO_OTHER_RULES = frozenset({"sdgs"})


def placeholder_kind(value: object) -> str | None:
    """How a value fails to fill a field ("empty", "'N/A'"...), or None when it fills it."""
    if type(value) is str:  # most values: settled without the checks below
        text = value.strip()
        if len(text) > _LONGEST_PLACEHOLDER and text[0].isalnum():
            return None
    if value is None:
        return "empty"
    if isinstance(value, datetime):
        return None
    if isinstance(value, tuple | list):
        return "empty" if not value else None
    text = str(value).strip()
    if not text:
        return "empty"
    if len(text) <= _LONGEST_PLACEHOLDER and text.casefold() in PLACEHOLDERS:
        return repr(text)
    if not any(ch.isalnum() for ch in text):  # usually settled by the first character
        return repr(text)
    return None


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    required = [f for f in edition.required_fields if f not in _LEFT_TO_OTHER_RULES]
    if not required:
        return []
    values_of = operator.attrgetter(*required)  # the fields of a record, in one call
    findings: list[Finding] = []
    for record in inputs:
        missing = []
        values = values_of(record) if len(required) > 1 else (values_of(record),)
        for name, value in zip(required, values, strict=True):
            kind = placeholder_kind(value)
            if kind is not None:
                missing.append(f"{HEADINGS.get(name, name)} ({kind})")
        if missing:
            findings.append(
                Finding(
                    RULE_ID,
                    INELIGIBLE,
                    record.submission_id,
                    TEMPLATE,
                    {"fields": ", ".join(missing), "count": len(missing)},
                    REFERENCE,
                )
            )
    return findings
