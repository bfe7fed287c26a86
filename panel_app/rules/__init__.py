"""Rule checks: pure functions over plain records (no database, no Qt, no files).

Each module holds one family of the submission rules (see docs/wsis-prizes-rules.md); each
rule takes the edition and the submissions' `RuleInput` records and returns `Finding`s.
The rule numbers in `Finding.reference` are those of the 2020 rules (the digest's
numbering); the edition file supplies every bound, deadline and required field.
"""

from __future__ import annotations

from collections.abc import Iterable

from panel_app.edition import Edition
from panel_app.rules import completeness, deadline, duplicates, entities, sdgs, summary_length
from panel_app.rules.model import INELIGIBLE, WARNING, Finding, RuleInput, Severity

__all__ = [
    "INELIGIBLE",
    "RULE_IDS",
    "WARNING",
    "Finding",
    "RuleInput",
    "Severity",
    "run_all",
]

# The rules this package checks, in the order findings are listed.
RULE_IDS: tuple[str, ...] = (
    summary_length.RULE_ID,
    completeness.RULE_ID,
    deadline.RULE_ID,
    sdgs.RULE_ID,
    entities.RULE_ID,
    duplicates.RULE_ID,
)


def run_all(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    """Every finding of every rule on these submissions, grouped by rule in RULE_IDS order."""
    records = list(inputs)
    findings: list[Finding] = []
    for rule in (summary_length, completeness, deadline, sdgs, entities, duplicates):
        findings.extend(rule.check(edition, records))
    return findings
