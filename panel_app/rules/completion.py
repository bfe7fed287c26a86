"""Rule 6: the project is completed, or has finished a key phase.

Read from the free-text Project status answer with the edition's phrases
(`Rules.completed_statuses` and `Rules.not_completed_statuses`), compared as words
(`edition.phrase_words`: case, spacing and punctuation ignored). Where two phrases overlap
at a word, the longer one counts ("not yet started" over "not started"). A completion
phrase right after a negation or a future ("not yet completed", "to be completed", "never
finished") does not count as a completion: it is read as a not-yet phrase.

- Any completion phrase: the rule is met, whatever else the answer says ("Ongoing, key
  phase completed", "Pilot completed; national roll-out planned").
- Only not-yet phrases: **ineligible**. The submitter's own answer says the project is not
  at the stage rule 6 asks for ("Planned", "Concept stage", "Design phase, no pilot yet").
- Neither ("Ongoing", "Pilot", an answer in another language): a **warning**. Rule 6
  admits an ongoing project that has finished a key phase, and the answer does not say
  whether it has: the panel reads the texts and decides (overruling the warning if met).

An empty or placeholder answer is left to the incomplete rule (rule 5), as an empty
summary is: nothing here says what the status is. The check applies only when the
edition states the rule (`completed_projects_only = true`): the 2017 form had no status
question.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from panel_app.edition import Edition, phrase_words
from panel_app.rules.completeness import placeholder_kind
from panel_app.rules.model import INELIGIBLE, WARNING, Finding, RuleInput

RULE_ID = "not-completed"
REFERENCE = "2020 rule 6"

NOT_COMPLETED = (
    "The project status is '{status}': the project is neither completed nor past a key phase"
)
UNCLEAR = (
    "The project status '{status}' does not say that the project or a key phase is"
    " completed; check the texts"
)

# Words that, just before a completion phrase, say it has not happened (yet).
NEGATIONS = frozenset({"not", "never", "no", "be", "isn't", "hasn't", "haven't", "wasn't", "won't"})
_NEGATION_REACH = 2  # words looked at before a completion phrase
_SHOWN_CHARACTERS = 80  # of a long answer, in the evidence

COMPLETED, NOT_YET = "completed", "not-yet"


@dataclass(frozen=True)
class _Phrases:
    """The edition's status phrases as word tuples, by first word, longest first."""

    by_first: dict[str, list[tuple[tuple[str, ...], str]]]

    @classmethod
    def of(cls, completed: Sequence[str], not_completed: Sequence[str]) -> _Phrases:
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind, phrases in ((COMPLETED, completed), (NOT_YET, not_completed)):
            for phrase in phrases:
                words = phrase_words(phrase)
                if words:
                    by_first.setdefault(words[0], []).append((words, kind))
        for entries in by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        return cls(by_first)

    def read(self, status: str) -> str | None:
        """COMPLETED, NOT_YET, or None when no phrase of either kind is found."""
        words = phrase_words(status)
        found_not_yet = False
        i = 0
        while i < len(words):
            match = next(
                (
                    (phrase, kind)
                    for phrase, kind in self.by_first.get(words[i], ())
                    if words[i : i + len(phrase)] == phrase
                ),
                None,
            )
            if match is None:
                i += 1
                continue
            phrase, kind = match
            if kind == COMPLETED and NEGATIONS.isdisjoint(words[max(0, i - _NEGATION_REACH) : i]):
                return COMPLETED
            found_not_yet = True  # a not-yet phrase, or a negated completion
            i += len(phrase)
        return NOT_YET if found_not_yet else None


def read_status(edition: Edition, status: str) -> str | None:
    """How the edition reads one Project status answer: COMPLETED, NOT_YET or None."""
    rules = edition.rules
    return _Phrases.of(rules.completed_statuses, rules.not_completed_statuses).read(status)


def _shown(status: str) -> str:
    text = " ".join(status.split())
    if len(text) <= _SHOWN_CHARACTERS:
        return text
    return text[: _SHOWN_CHARACTERS - 1].rstrip() + "…"


def check(edition: Edition, inputs: Iterable[RuleInput]) -> list[Finding]:
    rules = edition.rules
    if not rules.completed_projects_only:
        return []
    phrases = _Phrases.of(rules.completed_statuses, rules.not_completed_statuses)
    readings: dict[str, str | None] = {}  # a set repeats the same few answers
    findings: list[Finding] = []
    for record in inputs:
        status = record.project_status or ""
        if placeholder_kind(status) is not None:
            continue  # empty or a placeholder: the incomplete rule's (rule 5)
        if status not in readings:
            readings[status] = phrases.read(status)
        reading = readings[status]
        if reading == COMPLETED:
            continue
        severity, template = (INELIGIBLE, NOT_COMPLETED) if reading else (WARNING, UNCLEAR)
        findings.append(
            Finding(
                RULE_ID,
                severity,
                record.submission_id,
                template,
                {"status": _shown(status)},
                REFERENCE,
            )
        )
    return findings
