"""Rules 5 and 8: the submission names the Sustainable Development Goals it advances.

Applies only when the edition requires the SDG list (`required_fields` has "sdgs"): the
2017 form had no question for it, so a 2017 submission without goals breaks no rule.
"""

from __future__ import annotations

from collections.abc import Iterable

from panel_app.edition import Edition
from panel_app.rules.model import INELIGIBLE, Finding, RuleInput

RULE_ID = "no-sdg"
REFERENCE = "2020 rules 5 and 8"

TEMPLATE = "No Sustainable Development Goal is named"


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    if "sdgs" not in edition.required_fields:
        return []
    return [
        Finding(RULE_ID, INELIGIBLE, record.submission_id, TEMPLATE, {}, REFERENCE)
        for record in inputs
        if not record.sdgs
    ]
