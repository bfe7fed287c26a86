"""The final round over a real workspace: assignment, the chair's view, the selection."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from panel_app.store.models import AuditEntry, Decision, Expert, Review, Score, Submission
from panel_app.workflow.final.final_round import (
    SelectionRefused,
    final_criteria,
    final_round_report,
    record_selection,
)
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.panel.assignment import assign_experts
from panel_app.workflow.review.merge import merge_workbook
from panel_app.workflow.review.packages import write_packages
from panel_app.workflow.workspace import OpenWorkspace

from .conftest import submission_row, write_workbook
from .test_workbooks import fill

CATEGORY = "C7-ehealth"
OTHER = "C7-elearning"


def make_finalists(ws: OpenWorkspace, ids: Sequence[str]) -> None:
    """Finalists as the vote intake records them: one selected `finalist` decision each."""
    with ws.transaction() as session:
        for rank, sid in enumerate(ids, start=1):
            submission = session.scalars(
                select(Submission).where(Submission.submission_id == sid)
            ).one()
            session.add(
                Decision(
                    submission_pk=submission.id,
                    category_key=submission.category_key,
                    stage="finalist",
                    outcome="selected",
                    rationale=f"public vote: {1000 - rank} valid votes, rank {rank}",
                    decided_by="vote intake",
                )
            )


def add_experts(ws: OpenWorkspace, experts: dict[str, str]) -> None:
    """Experts of CATEGORY by code, with their own organisation."""
    with ws.transaction() as session:
        for code, organisation in experts.items():
            session.add(
                Expert(
                    expert_code=code,
                    name=f"Expert {code}",
                    organisation=organisation,
                    category_keys=[CATEGORY],
                )
            )


def score(ws: OpenWorkspace, expert: str, sid: str, value: int | None, **extra: object) -> None:
    """A final-round review giving `value` on every criterion of the round."""
    with ws.transaction() as session:
        expert_pk = session.scalars(select(Expert.id).where(Expert.expert_code == expert)).one()
        sub_pk = session.scalars(select(Submission.id).where(Submission.submission_id == sid)).one()
        review = Review(expert_pk=expert_pk, submission_pk=sub_pk, round="final", **extra)
        session.add(review)
        session.flush()
        for criterion in final_criteria(ws.edition):
            session.add(Score(review_pk=review.id, criterion_key=criterion.key, value=value))


@pytest.fixture
def finals(workspace: OpenWorkspace, tmp_path: Path) -> OpenWorkspace:
    """Six C7 e-health projects, five of them finalists; project 2 is E4's organisation."""
    rows = [submission_row(i, Category="C7 E-health") for i in range(1, 7)]
    rows.append(submission_row(7, Category="C7 E-learning"))
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
    run_checks(workspace, actor="test")  # as every import is followed
    add_experts(workspace, {"E1": "ITU", "E2": "UNESCO", "E3": "WHO", "E4": "Organisation 2"})
    make_finalists(workspace, ["1", "2", "3", "4", "5"])
    return workspace


def test_the_final_round_gives_each_finalist_every_expert_but_a_conflicted_one(
    finals: OpenWorkspace,
) -> None:
    result = assign_experts(finals, per_project=0, round_="final", actor="chair")
    assert (result.projects, result.added, result.kept) == (5, 19, 0)
    assert [p.describe() for p in result.problems] == [
        "C7-ehealth 2: E4 left out: the submitter, Organisation 2, is the expert's own organisation"
    ]
    (load,) = result.loads
    assert (load.experts, load.projects, load.lowest, load.highest) == (4, 5, 4, 5)
    again = assign_experts(finals, per_project=0, round_="final", actor="chair")
    assert (again.added, again.kept) == (0, 19)


def test_final_round_packages_carry_the_final_considerations_and_merge_back(
    finals: OpenWorkspace, tmp_path: Path
) -> None:
    keys = [c.key for c in final_criteria(finals.edition)]
    assert keys[: len(finals.edition.criteria)] == [c.key for c in finals.edition.criteria]
    assert keys[-3:] == ["project_scale", "wsis_impact", "sustainable_development"]
    assign_experts(finals, per_project=0, round_="final", actor="chair")
    written = write_packages(finals, tmp_path / "out", round_key="final", actor="chair")
    package = next(f.path for f in written.files if f.expert_code == "E1")
    header = [c.value for c in openpyxl.load_workbook(package)["Scores"][1]]
    assert header[4:14] == [f"{c.name.en} (1-5)" for c in final_criteria(finals.edition)]
    assert header[14:] == ["Confidence", "Conflict of interest", "Comment"]
    fill(package, {sid: [4] * 10 + ["high", None, ""] for sid in "12345"})
    merge_workbook(finals, package, actor="chair")
    (category,) = final_round_report(finals).categories
    assert {f.submission_id: f.reviews for f in category.finalists} == dict.fromkeys("12345", 1)
    assert category.finalists[0].criterion_means["sustainable_development"] == 4.0


def scored(ws: OpenWorkspace) -> OpenWorkspace:
    """E1-E3 agree 1 > 2 > 3 > 4 > 5 except that E3 swaps 4 and 5; E4 (conflicted on 2)
    scores the others 1 > 3 > 4 = 5."""
    assign_experts(ws, per_project=0, round_="final", actor="chair")
    for expert, values in {
        "E1": {"1": 5, "2": 4, "3": 3, "4": 2, "5": 1},
        "E2": {"1": 5, "2": 4, "3": 3, "4": 2, "5": 1},
        "E3": {"1": 5, "2": 4, "3": 3, "4": 1, "5": 2},
        "E4": {"1": 5, "3": 4, "4": 2, "5": 2},
    }.items():
        for sid, value in values.items():
            score(ws, expert, sid, value, confidence="high")
    return ws


def test_the_chair_sees_scores_ranks_agreement_and_the_schulze_order(
    finals: OpenWorkspace,
) -> None:
    (category,) = final_round_report(scored(finals)).categories
    assert category.category_key == CATEGORY
    assert [f.submission_id for f in category.finalists] == ["1", "2", "3", "4", "5"]
    first = category.finalists[0]
    assert (first.reviews, first.mean, first.score_place) == (4, 1_000_000, 1)
    assert first.criterion_means["project_scale"] == 5.0
    assert first.vote == "public vote: 999 valid votes, rank 1"
    assert first.expert_ranks == {"E1": 1.0, "E2": 1.0, "E3": 1.0, "E4": 1.0}
    fourth = category.finalists[3]
    assert fourth.expert_ranks == {"E1": 4.0, "E2": 4.0, "E3": 5.0, "E4": 3.5}
    # E4 did not rank finalist 2: left out of W, which the other three give.
    assert category.left_out_of_w == ("E4",)
    assert category.concordance.experts == 3
    assert category.schulze == (("1",), ("2",), ("3",), ("4",), ("5",))
    assert any("left out of Kendall's W" in note for note in category.notes)


def test_kendall_w_of_the_category_by_hand(finals: OpenWorkspace) -> None:
    # Rank sums of E1-E3 over 1..5: 3, 6, 9, 13, 14; mean 9; S = 36+9+0+16+25 = 86.
    # W = 12 * 86 / (9 * 120) = 1032 / 1080.
    (category,) = final_round_report(scored(finals)).categories
    assert category.concordance.value == pytest.approx(1032 / 1080)


def test_a_tie_for_the_winners_place_is_reported(finals: OpenWorkspace) -> None:
    assign_experts(finals, per_project=0, round_="final", actor="chair")
    for expert in ("E1", "E2", "E3"):
        for sid, value in {"1": 5, "2": 5, "3": 3, "4": 2, "5": 2}.items():
            score(finals, expert, sid, value)
    (category,) = final_round_report(finals).categories
    assert category.score_order == (("1", "2"), ("3",), ("4", "5"))
    assert category.schulze == (("1", "2"), ("3",), ("4", "5"))
    # 4 and 5 both become champions: only the tie for the winner's place needs the chair.
    assert [n for n in category.notes if n.startswith("tie")] == [
        "tie in the Schulze order across the winner's place (1, 2): the chair decides, "
        "with a reason",
        "tie in the mean scores across the winner's place (1, 2): the chair decides, with a reason",
    ]
    result = record_selection(
        finals, CATEGORY, winners=["2"], champions=["1", "3", "4", "5"], reason="2 reaches more"
    )
    assert result.notes == (
        "tie in the Schulze order across the winner's place (1, 2): decided by this "
        "selection, with its reason",
        "tie in the mean scores across the winner's place (1, 2): decided by this "
        "selection, with its reason",
    )


def selection_of(ws: OpenWorkspace) -> dict[str, tuple[str, str]]:
    with ws.sessions() as session:
        rows = session.execute(
            select(Submission.submission_id, Decision.stage, Decision.rationale)
            .join(Submission, Submission.id == Decision.submission_pk)
            .where(Decision.stage.in_(("winner", "champion")))
        )
        return {sid: (stage, why) for sid, stage, why in rows}


def test_the_chair_records_a_winner_and_four_champions(finals: OpenWorkspace) -> None:
    result = record_selection(
        finals, CATEGORY, winners=["1"], champions=["2", "3", "4", "5"], reason="clear first"
    )
    assert result.notes == () and result.replaced is None
    assert selection_of(finals) == {
        "1": ("winner", "clear first"),
        **{sid: ("champion", "clear first") for sid in "2345"},
    }
    (category,) = final_round_report(finals).categories
    assert [f.selection for f in category.finalists if f.submission_id == "1"] == ["winner"]
    assert category.selection_reason == "clear first"


def test_selecting_again_replaces_the_earlier_selection_with_an_audit_entry(
    finals: OpenWorkspace,
) -> None:
    record_selection(finals, CATEGORY, winners=["1"], champions=["2", "3", "4", "5"], reason="a")
    again = record_selection(
        finals, CATEGORY, winners=["2"], champions=["1", "3", "4", "5"], reason="tie broken"
    )
    assert again.replaced == {"winner": ["1"], "champion": ["2", "3", "4", "5"]}
    assert selection_of(finals)["2"] == ("winner", "tie broken")
    assert selection_of(finals)["1"] == ("champion", "tie broken")
    with finals.sessions() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "selection.recorded")
        ).all()
        assert [e.entity_id for e in entries] == [CATEGORY, CATEGORY]
        assert entries[1].before == {"winner": ["1"], "champion": ["2", "3", "4", "5"]}
        assert entries[1].after == {
            "winner": ["2"],
            "champion": ["1", "3", "4", "5"],
            "reason": "tie broken",
        }


@pytest.mark.parametrize(
    ("winners", "champions", "reason", "message"),
    [
        (["6"], ["2", "3", "4", "5"], "r", "not finalists of C7-ehealth: 6"),
        (["1"], ["1", "3", "4", "5"], "r", "selected more than once: 1"),
        (["1", "2"], ["3", "4", "5"], "r", "1 winner(s) per category; 2 given"),
        (["1"], ["2", "3", "4"], "r", "5 eligible finalists allow 4; 3 given"),
        (["1"], ["2", "3", "4", "5"], "  ", "needs a reason"),
    ],
)
def test_a_selection_that_breaks_the_rules_is_refused_and_nothing_is_written(
    finals: OpenWorkspace, winners: list[str], champions: list[str], reason: str, message: str
) -> None:
    with pytest.raises(SelectionRefused, match=message.replace("(", r"\(").replace(")", r"\)")):
        record_selection(finals, CATEGORY, winners=winners, champions=champions, reason=reason)
    assert selection_of(finals) == {}


def test_fewer_finalists_allow_fewer_champions_and_say_so(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    rows = [submission_row(i, Category="C7 E-health") for i in range(1, 4)]
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
    run_checks(workspace, actor="test")  # as every import is followed
    make_finalists(workspace, ["1", "2", "3"])
    (category,) = final_round_report(workspace).categories
    assert category.notes[0].startswith("3 eligible finalists for 1 winner(s) and 4 champions")
    result = record_selection(
        workspace, CATEGORY, winners=["1"], champions=["2", "3"], reason="only three"
    )
    assert result.notes == ("2 champions instead of the edition's 4: only 3 eligible finalists",)
    with pytest.raises(SelectionRefused, match="allow 2; 1 given"):
        record_selection(workspace, CATEGORY, winners=["1"], champions=["2"], reason="r")


def test_a_category_without_finalists_is_named(finals: OpenWorkspace) -> None:
    with pytest.raises(SelectionRefused, match=f"no finalists in {OTHER}"):
        final_round_report(finals, [OTHER])
    with pytest.raises(SelectionRefused, match=f"{OTHER} has no finalists"):
        record_selection(finals, OTHER, winners=["7"], champions=[], reason="r")


def test_reviews_that_do_not_count_and_missing_ones_are_shown(finals: OpenWorkspace) -> None:
    assign_experts(finals, per_project=0, round_="final", actor="chair")
    for sid, value in {"1": 5, "2": 4, "3": 3, "4": 2, "5": 1}.items():
        score(finals, "E3", sid, value)
        if sid != "4":  # E2 has not returned 4 yet
            score(finals, "E2", sid, value)
        if sid != "3":
            score(finals, "E1", sid, value)
    score(finals, "E1", "3", None, conflict_declared=True)
    (category,) = final_round_report(finals).categories
    rows = {f.submission_id: f for f in category.finalists}
    assert rows["3"].not_counted == {"E1": "conflict"} and rows["3"].reviews == 2
    assert rows["4"].missing == ("E2", "E4") and rows["4"].expert_ranks == {"E1": 3.0, "E3": 4.0}
    assert category.left_out_of_w == ("E1", "E2", "E4")
    assert (category.concordance.value, category.concordance.reason) == (
        None,
        "fewer than 2 experts ranked every item",
    )
    assert category.schulze == (("1",), ("2",), ("3",), ("4",), ("5",))


def test_each_finalists_reviews_name_the_expert_with_the_scores_and_the_comment(
    finals: OpenWorkspace,
) -> None:
    """What the chair reads beside a finalist: every expert by name, the review's figures
    and comment, a review that does not count and one not returned, each said."""
    assign_experts(finals, per_project=0, round_="final", actor="chair")
    score(finals, "E1", "1", 5, confidence="high", comment="Convincing results.")
    score(finals, "E2", "1", 3, confidence="low")
    score(finals, "E3", "1", None, conflict_declared=True, comment="I advised it.")
    (category,) = final_round_report(finals).categories
    assert category.expert_names == {code: f"Expert {code}" for code in ("E1", "E2", "E3", "E4")}
    assert category.expert_label("E1") == "Expert E1 (E1)"
    lines = {line.expert_code: line for line in category.finalists[0].review_lines}
    assert category.finalists[0].submission_id == "1"
    first = lines["E1"]
    assert (first.expert_name, first.status, first.composite, first.rank) == (
        "Expert E1", "counted", 1_000_000, 1.0,
    )  # fmt: skip
    assert (first.confidence, first.comment) == ("high", "Convincing results.")
    assert set(first.scores.values()) == {5} and len(first.scores) == 10
    assert (lines["E2"].confidence, lines["E2"].comment) == ("low", "")
    assert (lines["E3"].status, lines["E3"].composite, lines["E3"].comment) == (
        "conflict", None, "I advised it.",
    )  # fmt: skip
    assert (lines["E4"].status, lines["E4"].scores) == ("not returned", {})
    assert "left out of Kendall's W (did not rank every finalist): Expert E1 (E1)" in (
        "; ".join(category.notes)
    )
