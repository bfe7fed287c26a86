"""Rule checks: pure functions over plain records (no database, no Qt, no files).

Each module holds one family of the submission rules (see docs/wsis-prizes-rules.md); each
rule takes the edition and the submissions' `RuleInput` records and returns `Finding`s.
The rule numbers in `Finding.reference` are those of the 2020 rules (the digest's
numbering); the edition file supplies every bound, deadline and required field.
"""

from __future__ import annotations

from collections.abc import Iterable

from panel_app.edition import Edition
from panel_app.rules.model import (
    INELIGIBLE,
    WARNING,
    Finding,
    PastWinner,
    RuleContext,
    RuleInput,
    Severity,
)

__all__ = [
    "INELIGIBLE",
    "RULE_IDS",
    "WARNING",
    "Finding",
    "PastWinner",
    "RuleContext",
    "RuleInput",
    "Severity",
    "run_all",
]

# The rules this package checks, in the order findings are listed: runner.RULES' order,
# written out so that importing a leaf module (words, for the window's word counts) does
# not load every rule's libraries (numpy, rapidfuzz, the language identifier).
# tests/rules/test_rules.py checks the two agree.
RULE_IDS: tuple[str, ...] = (
    "summary-length",
    "incomplete",
    "late",
    "not-english",
    "no-sdg",
    "not-completed",
    "project-information",
    "project-photo",
    "past-winner",
    "same-entity-category",
    "duplicate-project",
)


def run_all(
    edition: Edition,
    inputs: Iterable[RuleInput],
    context: RuleContext | None = None,
    *,
    batch_size: int | None = None,
    workers: int = 0,
) -> list[Finding]:
    """Every finding of every rule on these submissions, grouped by rule in RULE_IDS order.

    `context` carries what the workspace imported apart from the submissions (the past
    winners); without it, the rules that need it find nothing. `workers` processes check
    batches of `batch_size` (none: all here); the findings are the same either way."""
    from panel_app.rules import runner

    batch_size = batch_size or runner.BATCH
    records = list(inputs)
    batches = (records[i : i + batch_size] for i in range(0, len(records), batch_size))
    return runner.run_batches(
        edition,
        batches,
        context or RuleContext(),
        lambda which: [records[i] for i in which],
        workers,
    )
