"""2017's photo: the form's second part asks for one photo with the project information
(the edition's `project_information_photos`).

Checked where the submission set carries a photo column (headed "Photo", "Photo URL" or
another spelling of formats.submission_set.PHOTO): its cell holds the photo's link or file
name, several separated by spaces, commas, semicolons, "|" or line breaks. No photo breaks
the rule (the form is incomplete); more photos than asked is a warning for the panel (the
extra ones are easily left out). A set without the column finds nothing: the import says
once that the rule could not be checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from panel_app.edition import Edition
from panel_app.rules.completeness import placeholder_kind
from panel_app.rules.model import INELIGIBLE, WARNING, Finding, RuleInput

RULE_ID = "project-photo"
REFERENCE = "2017 call, Phase 1: form part 2"

NO_PHOTO = "No photo is given; the form asks for {photos}"
TOO_MANY = "The submission gives {found} photos; the form asks for {photos}"

_SEPARATORS = re.compile(r"[\s,;|]+")


def count_photos(cell: str) -> int:
    """The links or file names in a photo cell (a placeholder such as N/A is none)."""
    return sum(1 for part in _SEPARATORS.split(cell) if part and placeholder_kind(part) is None)


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    wanted = edition.project_information_photos
    if not wanted:
        return []
    findings: list[Finding] = []
    for record in inputs:
        if record.photos is None:
            continue  # the set has no photo column: said once by the import
        found = count_photos(record.photos)
        if found == 0:
            finding = Finding(
                RULE_ID, INELIGIBLE, record.submission_id, NO_PHOTO, {"photos": wanted}, REFERENCE
            )
        elif found > wanted:
            finding = Finding(
                RULE_ID, WARNING, record.submission_id, TOO_MANY,
                {"found": found, "photos": wanted}, REFERENCE,
            )  # fmt: skip
        else:
            continue
        findings.append(finding)
    return findings
