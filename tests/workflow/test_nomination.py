"""Nomination over a real workspace: the proposal, the chair's decisions, freezing, export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from panel_app.scoring import points
from panel_app.store.models import AuditEntry, Expert, Review, Score, Submission
from panel_app.workflow.intake.checks import list_findings, overrule_finding, run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.nomination.nominees import (
    STATUS_ADDED,
    STATUS_NOMINEE,
    STATUS_TIED,
    NominationRefused,
    add_nominee,
    export_nominees,
    freeze_nominees,
    nomination_report,
    remove_nominee,
    unfreeze_nominees,
)
from panel_app.workflow.overview import summarise
from panel_app.workflow.workspace import OpenWorkspace

from .conftest import submission_row, write_workbook

CATEGORY = "C7-ehealth"
EXPERTS = ("E1", "E2", "E3", "E4")
CRITERIA = (
    "impact",
    "empowerment",
    "sdg_relevance",
    "replicability",
    "sustainability",
    "partnerships",
    "wsis_values",
)


def sheet(total: int) -> dict[str, int]:
    """Seven scores (1-5) adding up to `total` (7-35), the highest first."""
    scores = []
    left = total
    for slot in range(7):
        value = min(5, left - (6 - slot))
        scores.append(value)
        left -= value
    return dict(zip(CRITERIA, scores, strict=True))


def add_reviews(ws: OpenWorkspace, totals: dict[str, int]) -> None:
    """Three of the four experts review each project (round robin: a connected panel),
    every one giving the same sheet, so the ranking follows `totals` exactly."""
    with ws.transaction() as session:
        experts = {}
        for code in EXPERTS:
            found = session.scalars(select(Expert).where(Expert.expert_code == code)).first()
            experts[code] = found or Expert(expert_code=code, name=f"Expert {code}")
            session.add(experts[code])
        session.flush()
        pks = dict(session.execute(select(Submission.submission_id, Submission.id)).all())
        for n, (sid, total) in enumerate(sorted(totals.items(), key=lambda kv: int(kv[0]))):
            for k in range(3):
                expert = experts[EXPERTS[(n + k) % 4]]
                review = session.scalars(
                    select(Review).where(
                        Review.expert_pk == expert.id, Review.submission_pk == pks[sid]
                    )
                ).first()
                if review is None:
                    review = Review(
                        expert_pk=expert.id, submission_pk=pks[sid], round="nomination", revision=0
                    )
                    session.add(review)
                review.revision += 1  # a returned sheet replaces the earlier revision
                review.confidence = "high"
                session.flush()
                for old in session.scalars(select(Score).where(Score.review_pk == review.id)):
                    session.delete(old)
                session.flush()
                for key, value in sheet(total).items():
                    session.add(Score(review_pk=review.id, criterion_key=key, value=value))


@pytest.fixture
def panel(workspace: OpenWorkspace, tmp_path: Path) -> OpenWorkspace:
    """25 projects in one category, ranked 1..25 by their ID; project 3 names no SDG."""
    rows = [
        submission_row(i, SDGs=None if i == 3 else "3; 5", Category="C7 E-health")
        for i in range(1, 26)
    ]
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
    run_checks(workspace, actor="test")
    add_reviews(workspace, {str(i): 35 - i for i in range(1, 26)})
    return workspace


def listed(ws: OpenWorkspace) -> list[tuple[str, str]]:
    report = nomination_report(ws, categories=[CATEGORY])
    return [(e.submission_id, e.status) for e in report.entries]


def test_the_proposal_is_the_quota_of_eligible_projects_by_rank(panel: OpenWorkspace) -> None:
    report = nomination_report(panel, categories=[CATEGORY])
    (result,) = report.results
    assert result.method_used == "calibrated"
    ids = [e.submission_id for e in report.entries]
    # 3 is ineligible (no SDG named): never proposed; 21 takes the twentieth place
    assert ids == [str(i) for i in range(1, 22) if i != 3]
    assert {e.status for e in report.entries} == {STATUS_NOMINEE}
    first = report.entries[0].row
    assert first is not None
    assert (first.rank, first.reviews) == (1, 3)
    # 34 of 35 points: six criteria at 5, one at 4, i.e. (6 x 4 + 3) / 28 of the scale
    assert first.raw_mean is not None and points(first.raw_mean) == pytest.approx(96.43, abs=0.01)
    assert first.calibrated is not None and first.calibrated == pytest.approx(first.raw_mean, abs=2)


def test_overruling_the_finding_makes_the_project_eligible_again(panel: OpenWorkspace) -> None:
    (finding,) = [f for f in list_findings(panel) if f.submission_id == "3"]
    overrule_finding(panel, finding.id, "SDGs named in the linkage text", actor="chair")
    ids = [sid for sid, _ in listed(panel)]
    assert ids == [str(i) for i in range(1, 21)]


def test_a_removed_nominee_makes_way_for_the_next(panel: OpenWorkspace) -> None:
    decision = remove_nominee(panel, "5", "Withdrawn by the organisation", actor="chair")
    assert decision.outcome == "not-selected"
    ids = [sid for sid, _ in listed(panel)]
    assert "5" not in ids and "22" in ids and len(ids) == 20
    report = nomination_report(panel, categories=[CATEGORY])
    assert [(d.submission_id, d.reason) for d in report.removed] == [
        ("5", "Withdrawn by the organisation")
    ]
    with panel.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "nominee.removed")
        ).one()
    assert entry.actor == "chair" and entry.entity_id == "5"
    assert entry.after is not None and entry.after["reason"] == "Withdrawn by the organisation"


def test_a_chair_can_change_their_mind_and_the_audit_log_keeps_each_decision(
    panel: OpenWorkspace,
) -> None:
    """Found through the window: a second decision on one project (removed, then put back)
    failed on the one-decision-per-stage constraint. It replaces the first."""
    remove_nominee(panel, "5", "Withdrawn by the organisation", actor="chair")
    add_nominee(panel, "5", "The withdrawal was a mistake", actor="chair")
    ids = [sid for sid, _ in listed(panel)]
    assert "5" in ids and "22" not in ids and len(ids) == 20  # back in its place
    report = nomination_report(panel, categories=[CATEGORY])
    assert report.removed == ()
    back = next(e for e in report.entries if e.submission_id == "5")
    assert (back.status, back.reasons) == (STATUS_ADDED, ("The withdrawal was a mistake",))
    remove_nominee(panel, "5", "Withdrawn again", actor="chair")
    assert [d.reason for d in nomination_report(panel, categories=[CATEGORY]).removed] == [
        "Withdrawn again"
    ]
    with panel.sessions() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action.in_(["nominee.added", "nominee.removed"]))
            .order_by(AuditEntry.id)
        ).all()
    assert [(e.action, (e.after or {})["reason"]) for e in entries] == [
        ("nominee.removed", "Withdrawn by the organisation"),
        ("nominee.added", "The withdrawal was a mistake"),
        ("nominee.removed", "Withdrawn again"),
    ]
    assert (entries[1].before or {})["reason"] == "Withdrawn by the organisation"


def test_an_added_nominee_goes_beyond_the_quota_and_says_so(panel: OpenWorkspace) -> None:
    add_nominee(panel, "25", "Only project from a small island state", actor="chair")
    report = nomination_report(panel, categories=[CATEGORY])
    assert len(report.entries) == 21
    added = [e for e in report.entries if e.status == STATUS_ADDED]
    assert [(e.submission_id, e.reasons) for e in added] == [
        ("25", ("Only project from a small island state",))
    ]
    assert any("21 nominees, 1 above the quota of 20" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("action", "submission_id", "reason", "message"),
    [
        (add_nominee, "3", "good", "open ineligible finding; overrule the finding"),
        (add_nominee, "1", "good", "submission 1 is already a nominee"),
        (add_nominee, "999", "good", "no submission with ID '999'"),
        (add_nominee, "25", "  ", "a decision needs a reason"),
        (remove_nominee, "25", "not good", "submission 25 is not on the nominee list"),
    ],
)
def test_decisions_that_cannot_be_recorded_are_refused_in_words(
    panel: OpenWorkspace, action: object, submission_id: str, reason: str, message: str
) -> None:
    with pytest.raises(NominationRefused, match=message):
        action(panel, submission_id, reason, actor="chair")  # type: ignore[operator]
    assert listed(panel) == [(str(i), STATUS_NOMINEE) for i in range(1, 22) if i != 3]


def test_a_frozen_list_is_what_is_exported_until_unfrozen(
    panel: OpenWorkspace, tmp_path: Path
) -> None:
    state = freeze_nominees(panel, "Panel meeting of 20 January", actor="chair")
    assert (state.frozen_by, state.rows) == ("chair", 20)
    nominees = {c.key: c.nominees for c in summarise(panel).categories}
    assert (nominees[CATEGORY], sum(nominees.values())) == (20, 20)
    with pytest.raises(NominationRefused, match=r"the nominee list is frozen .* unfreeze it"):
        add_nominee(panel, "25", "late pick", actor="chair")

    # New reviews push project 25 to the top; the frozen list does not move.
    add_reviews(panel, {"25": 35})
    assert listed(panel)[0] == ("25", STATUS_NOMINEE)
    out = tmp_path / "nominees.xlsx"
    result = export_nominees(panel, out, actor="chair")
    assert (result.rows, result.frozen) == (20, True)
    table = list(openpyxl.load_workbook(out)["Nominees"].iter_rows(values_only=True))
    assert [r[3] for r in table[1:]] == [str(i) for i in range(1, 22) if i != 3]
    assert table[1][2] == 1 and table[1][12] == STATUS_NOMINEE
    about = dict(openpyxl.load_workbook(out)["About"].iter_rows(values_only=True))
    assert about["List frozen"] == "yes"

    unfreeze_nominees(panel, "Late reviews of C7 arrived", actor="chair")
    export_nominees(panel, out, actor="chair")
    table = list(openpyxl.load_workbook(out)["Nominees"].iter_rows(values_only=True))
    assert table[1][3] == "25"
    with pytest.raises(NominationRefused, match="not frozen"):
        unfreeze_nominees(panel, "again", actor="chair")


def test_a_tie_at_the_cut_waits_for_the_chair(workspace: OpenWorkspace, tmp_path: Path) -> None:
    rows = [submission_row(i, Category="C7 E-health") for i in range(1, 23)]
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
    run_checks(workspace, actor="test")
    totals = {str(i): 35 - i for i in range(1, 23)}
    totals["21"] = totals["20"]  # 20 and 21 tie on every step of the cascade
    add_reviews(workspace, totals)

    status = dict(listed(workspace))
    assert (status["20"], status["21"]) == (STATUS_TIED, STATUS_TIED)
    assert sum(s == STATUS_NOMINEE for s in status.values()) == 19
    with pytest.raises(NominationRefused, match="tie at the cut is undecided: 20, 21"):
        freeze_nominees(workspace, "meeting", actor="chair")

    add_nominee(workspace, "21", "Wider reach in rural clinics", actor="chair")
    status = dict(listed(workspace))
    assert "20" not in status
    assert status["21"] == STATUS_ADDED
    assert freeze_nominees(workspace, "meeting", actor="chair").rows == 20
