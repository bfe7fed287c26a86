"""Rule 7: the project summary's length, within the edition's word bounds.

Words are counted by `words.count_words`. A summary written mostly in Chinese or Japanese
(no spaces between words) is not judged here: the bounds are counts of English words and
no conversion between the two is given by the rules; such a summary breaks rule 10 (the
submission must be in English), which its own check reports.
"""

from __future__ import annotations

from collections.abc import Iterable

from panel_app.edition import Edition
from panel_app.rules.model import INELIGIBLE, Finding, RuleInput
from panel_app.rules.words import count_words, is_unspaced_script

RULE_ID = "summary-length"
REFERENCE = "2020 rule 7"

TOO_SHORT = "The project summary has {words} words; at least {minimum} are required"
TOO_LONG = "The project summary has {words} words; at most {maximum} are allowed"


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    bounds = edition.summary_words
    if bounds.minimum is None and bounds.maximum is None:
        return []
    findings: list[Finding] = []
    for record in inputs:
        summary = record.summary
        if not summary.strip() or is_unspaced_script(summary):
            continue  # an empty summary is incomplete (rule 5), not short
        words = count_words(summary)
        if bounds.minimum is not None and words < bounds.minimum:
            template, params = TOO_SHORT, {"words": words, "minimum": bounds.minimum}
        elif bounds.maximum is not None and words > bounds.maximum:
            template, params = TOO_LONG, {"words": words, "maximum": bounds.maximum}
        else:
            continue
        findings.append(
            Finding(RULE_ID, INELIGIBLE, record.submission_id, template, params, REFERENCE)
        )
    return findings
