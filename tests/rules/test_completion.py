"""Rule 6, not-completed: the Project status answer, read with the edition's phrases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panel_app.demo import texts
from panel_app.edition import Edition, load_edition_by_key
from panel_app.rules import RuleInput, completion


@pytest.fixture(scope="module")
def e2020() -> Edition:
    return load_edition_by_key("wsis-2020")


def with_status(status: str, submission_id: str = "1") -> RuleInput:
    return RuleInput(submission_id, project_status=status)


@pytest.mark.parametrize(
    ("status", "severity"),
    [
        # the generator's answers, and what a real export brings
        ("Completed", None),
        ("Key phase completed", None),
        ("Ongoing, key phase completed", None),
        ("Completed and scaled up", None),
        ("Operational (key phase completed)", None),
        ("KEY PHASE: COMPLETED!", None),
        ("Pilot completed; national roll-out planned", None),
        ("Phase 1 finished, phase 2 under development", None),
        ("Fully implemented", None),
        ("Planned", "ineligible"),
        ("Not yet started", "ineligible"),
        ("Concept stage", "ineligible"),
        ("In preparation", "ineligible"),
        ("Design phase, no pilot yet", "ineligible"),
        ("Not completed", "ineligible"),
        ("Not yet completed", "ineligible"),
        ("It hasn't been completed", "ineligible"),
        ("It hasn’t been completed", "ineligible"),
        ("Planned; pilot to be completed in 2021", "ineligible"),
        ("Incomplete", "ineligible"),
        ("Ongoing", "warning"),
        ("Pilot running in three districts", "warning"),
        ("Terminé", "warning"),
        ("进行中", "warning"),
    ],
)
def test_status_answers(e2020: Edition, status: str, severity: str | None) -> None:
    found = completion.check(e2020, [with_status(status)])
    assert [f.severity for f in found] == ([severity] if severity else [])
    assert all((f.rule_id, f.reference) == ("not-completed", "2020 rule 6") for f in found)


def test_every_generated_status_is_read_as_planted(e2020: Edition) -> None:
    for status in texts.PROJECT_STATUSES_CLEAN:
        assert completion.read_status(e2020, status) == completion.COMPLETED, status
    for status in texts.PROJECT_STATUSES_NOT_COMPLETED:
        assert completion.read_status(e2020, status) == completion.NOT_YET, status


def test_evidence(e2020: Edition) -> None:
    planned, ongoing = completion.check(
        e2020, [with_status("Planned", "7"), with_status("  Ongoing ", "8")]
    )
    assert (planned.submission_id, planned.evidence) == (
        "7",
        "The project status is 'Planned': the project is neither completed nor past a key phase",
    )
    assert (ongoing.submission_id, ongoing.evidence) == (
        "8",
        "The project status 'Ongoing' does not say that the project or a key phase is"
        " completed; check the texts",
    )


def test_a_long_answer_is_shortened_in_the_evidence(e2020: Edition) -> None:
    status = "Planned. " + "We are still raising the funds for the first pilot. " * 5
    (finding,) = completion.check(e2020, [with_status(status)])
    assert len(finding.params["status"]) <= 80
    assert finding.params["status"].startswith("Planned. We are still raising")
    assert finding.params["status"].endswith("…")


@pytest.mark.parametrize("status", ["", "   ", "N/A", "-", "tbd", "..."])
def test_an_empty_status_is_left_to_the_incomplete_rule(e2020: Edition, status: str) -> None:
    assert completion.check(e2020, [with_status(status)]) == []


def test_an_edition_without_rule_6_is_not_checked() -> None:
    e2017 = load_edition_by_key("wsis-2017")
    assert not e2017.rules.completed_projects_only
    assert completion.check(e2017, [with_status("Planned")]) == []


# ---- properties ----------------------------------------------------------------------------

_NEUTRAL = st.sampled_from(["ongoing", "pilot", "phase", "1", "2", "national", "roll-out", "and"])
_PUNCTUATION = st.sampled_from([" ", ", ", "; ", " - ", " (", ") ", ": "])


@st.composite
def answers(draw: st.DrawFn, phrase: st.SearchStrategy[str]) -> str:
    words = draw(st.lists(_NEUTRAL, max_size=4))
    words.insert(draw(st.integers(0, len(words))), draw(phrase))
    text = "".join(word + draw(_PUNCTUATION) for word in words)
    return draw(st.sampled_from([str.lower, str.upper, str.title, str]))(text)


@settings(max_examples=200, deadline=None)
@given(status=answers(st.sampled_from(["completed", "key phase completed", "finished"])))
def test_a_completion_phrase_meets_the_rule_wherever_it_stands(e2020: Edition, status: str) -> None:
    assert completion.check(e2020, [with_status(status)]) == []


@settings(max_examples=200, deadline=None)
@given(status=answers(st.sampled_from(["planned", "not yet started", "concept", "not completed"])))
def test_a_not_yet_phrase_alone_breaks_the_rule(e2020: Edition, status: str) -> None:
    (finding,) = completion.check(e2020, [with_status(status)])
    assert finding.severity == "ineligible"


@settings(max_examples=200, deadline=None)
@given(status=st.text(max_size=60))
def test_any_answer_gets_at_most_one_finding(e2020: Edition, status: str) -> None:
    assert len(completion.check(e2020, [with_status(status)])) <= 1
