"""Rule 9: late submissions are not accepted.

Late means submitted after the edition's deadline; a submission at the deadline's very
second is on time. The evidence shows both times in the edition's time zone, as the rules
state the deadline ("23:00 Geneva time").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from panel_app.edition import Edition
from panel_app.rules.model import INELIGIBLE, Finding, RuleInput

RULE_ID = "late"
REFERENCE = "2020 rule 9"

TEMPLATE = "Submitted {submitted} ({zone} time); the deadline was {deadline}"


def _local(instant: datetime, edition: Edition, *, seconds: bool) -> str:
    local = instant.astimezone(edition.zone)
    text = local.strftime("%Y-%m-%d %H:%M:%S" if seconds or local.second else "%Y-%m-%d %H:%M")
    return f"{text} {local.tzname()}"


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    deadline = edition.submission_deadline
    findings: list[Finding] = []
    for record in inputs:
        submitted = record.submitted_at
        if submitted is None or submitted <= deadline:
            continue  # no time at all is incomplete (rule 5), not late
        params = {
            "submitted": _local(submitted, edition, seconds=True),
            "zone": edition.timezone,
            "deadline": _local(deadline, edition, seconds=False),
            "late_by_seconds": int((submitted - deadline).total_seconds()),
        }
        findings.append(
            Finding(RULE_ID, INELIGIBLE, record.submission_id, TEMPLATE, params, REFERENCE)
        )
    return findings
