"""2017's project information: the second part of the form, 1,500-2,000 words (the
edition's `project_information_words`).

Checked where the submission set carries the text (a column headed "Project information"
or another spelling of formats.submission_set.PROJECT_INFORMATION); a set without that
column leaves `RuleInput.project_information` None, and the import says once that the rule
could not be checked. Words are counted as the summary's are (`words.count_words`); a text
written mostly in Chinese or Japanese is not judged, as the summary is not.
"""

from __future__ import annotations

from collections.abc import Iterable

from panel_app.edition import Edition
from panel_app.rules.model import INELIGIBLE, Finding, RuleInput
from panel_app.rules.words import count_words, is_unspaced_script

RULE_ID = "project-information"
REFERENCE = "2017 call, Phase 1: form part 2"

MISSING = "No project information is given; the form asks for {minimum} to {maximum} words"
TOO_SHORT = "The project information has {words} words; at least {minimum} are required"
TOO_LONG = "The project information has {words} words; at most {maximum} are allowed"


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    bounds = edition.project_information_words
    if bounds is None or (bounds.minimum is None and bounds.maximum is None):
        return []
    findings: list[Finding] = []
    for record in inputs:
        text = record.project_information
        if text is None:
            continue  # the set has no such column: said once by the import
        if not text.strip():
            template = MISSING
            params: dict[str, object] = {"minimum": bounds.minimum, "maximum": bounds.maximum}
        elif is_unspaced_script(text):
            continue
        else:
            words = count_words(text)
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
