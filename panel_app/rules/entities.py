"""Rule 3: each entity may submit one project per category.

Two submissions in one category whose organisations are the same name written differently
are reported as a pair. Names are compared by the app's one organisation key
(panel_app.organisations.organisation_key: case, accents, punctuation and spacing,
abbreviations and a Latin legal form at the end aside; "Acme Ltd." and "ACME Limited"
are one organisation), the key the conflicts of interest and the vote audit compare too.

Severity: a warning on the pair, not "ineligible". The rule makes one of the two projects
ineligible, but which one (the later, the weaker, or both after asking the entity) is the
chair's call, and two distinct organisations can share a name (a city's council and a
company named after the city rarely do, but a chair should look before excluding).

Grouping is one pass over the records: a dict keyed by (category, normalised name).
"""

from __future__ import annotations

from collections.abc import Iterable

from panel_app.edition import Edition
from panel_app.organisations import organisation_key
from panel_app.rules.model import WARNING, Finding, RuleInput

RULE_ID = "same-entity-category"
REFERENCE = "2020 rule 3"

TEMPLATE = (
    "The same organisation has two projects in {category}: '{organisation}' "
    "({submission_id}) and '{related_organisation}' ({related_submission_id}); the rules "
    "allow one project per entity per category"
)


def id_order(submission_id: str) -> tuple[int, int, str]:
    """Submission IDs in the order a person expects: numbers by value, then text."""
    if submission_id.isdigit():
        return (0, int(submission_id), submission_id)
    return (1, 0, submission_id)


def sort_pairs(findings: list[Finding]) -> list[Finding]:
    """Pair findings in the order a chair reads them: by the first ID, then the second."""
    return sorted(
        findings,
        key=lambda f: (id_order(f.submission_id), id_order(f.related_submission_id or "")),
    )


def _category_name(edition: Edition, key: str) -> str:
    for category in edition.categories:
        if category.key == key:
            return f"{category.action_line} {category.name.en}"
    return key


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    groups: dict[tuple[str, str], list[RuleInput]] = {}
    keys: dict[str, str] = {}  # an organisation's many submissions are keyed once
    for record in inputs:
        key = keys.get(record.organisation)
        if key is None:
            key = keys[record.organisation] = organisation_key(record.organisation)
        if key and record.category_key:
            groups.setdefault((record.category_key, key), []).append(record)
    findings: list[Finding] = []
    for (category_key, _), records in groups.items():
        if len(records) < 2:
            continue
        records.sort(key=lambda r: id_order(r.submission_id))
        category = _category_name(edition, category_key)
        for i, first in enumerate(records):
            for second in records[i + 1 :]:
                params = {
                    "category": category,
                    "organisation": first.organisation.strip(),
                    "submission_id": first.submission_id,
                    "related_organisation": second.organisation.strip(),
                    "related_submission_id": second.submission_id,
                }
                findings.append(
                    Finding(
                        RULE_ID,
                        WARNING,
                        first.submission_id,
                        TEMPLATE,
                        params,
                        REFERENCE,
                        related_submission_id=second.submission_id,
                    )
                )
    return sort_pairs(findings)
