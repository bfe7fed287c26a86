"""The nomination gates (the call's conditions before the criteria: a complete template,
alignment with the WSIS action lines): asked as yes/no questions in the review workbook and
at the desk, merged with the scores, and a project a majority of its experts failed at a
gate shown on the nominee list and in its "why" pane."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from sqlalchemy import select

from panel_app.cli import main
from panel_app.store.models import AuditEntry, Expert, Review, Submission
from panel_app.workflow.handover import GateVerdict
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.nomination.nominees import nomination_report
from panel_app.workflow.nomination.standing import category_lines
from panel_app.workflow.review.desk import DeskRefused, ScoringDesk
from panel_app.workflow.review.expert_workbook import open_package
from panel_app.workflow.review.merge import merge_workbook
from panel_app.workflow.workspace import OpenWorkspace, open_workspace

from .conftest import submission_row, write_workbook
from .test_nomination import add_reviews
from .test_workbooks import (  # noqa: F401 (the fixtures)
    chair,
    expert_workspace,
    export,
    fill,
    full,
    packages,
)


def gates_of(ws: OpenWorkspace) -> dict[tuple[str, str], list[bool | None] | None]:
    with ws.sessions() as session:
        return {
            (code, sid): gates
            for code, sid, gates in session.execute(
                select(Expert.expert_code, Submission.submission_id, Review.gates)
                .join(Review, Review.expert_pk == Expert.id)
                .join(Submission, Submission.id == Review.submission_pk)
            )
        }


def test_a_workbook_answered_in_excel_merges_its_gates(
    chair: OpenWorkspace,  # noqa: F811
    packages: dict[str, Path],  # noqa: F811
) -> None:
    path = fill(
        packages["E01"],
        {"1001": full(4), "1002": full(3)},
        gates={"1001": ["yes", "no"], "1002": ["No", None]},
    )
    result = merge_workbook(chair, path, actor="chair")
    assert result.added == 2
    answers = gates_of(chair)
    assert answers[("E01", "1001")] == [True, False]
    assert answers[("E01", "1002")] == [False, None]
    with chair.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "review.merged", AuditEntry.entity_id == "E01/1001/nomination"
            )
        ).one()
    assert entry.after is not None and entry.after["gates"] == [True, False]


def test_the_desk_asks_the_gates_and_its_signed_export_carries_them(
    chair: OpenWorkspace,  # noqa: F811
    packages: dict[str, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    laptop = expert_workspace(tmp_path, "e02")
    open_package(laptop, packages["E02"], actor="expert")
    with open_workspace(laptop) as ws:
        desk = ScoringDesk(ws, "E02")
        assert [g.en[:24] for g in desk.gates] == [
            "The submission follows t",
            "The project is strongly ",
        ]
        assert desk.review("1003").gates == (None, None)
        review = desk.set_gate("1003", 1, False)
        assert review.gates == (None, False)
        review = desk.set_gate("1003", 0, True)
        for criterion in desk.criteria:
            desk.set_score("1003", criterion.key, 4)
        assert desk.review("1003").gates == (True, False)
        with pytest.raises(DeskRefused, match="no gate 3 in the nomination round"):
            desk.set_gate("1003", 2, True)
        desk.declare_conflict("1004")
        with pytest.raises(DeskRefused, match="its gates are locked"):
            desk.set_gate("1004", 0, True)
    out = export(laptop, tmp_path / "signed.xlsx")
    result = merge_workbook(chair, out, actor="chair", strict=True)
    assert result.origin == "signed"
    assert gates_of(chair)[("E02", "1003")] == [True, False]


def test_a_project_most_of_its_experts_failed_at_a_gate_is_shown_on_the_list(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    rows = [submission_row(i) for i in range(1, 6)]
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
    run_checks(workspace, actor="test")
    add_reviews(workspace, {str(i): 35 - i for i in range(1, 6)})  # three experts each
    answers = {
        "2": [[True, False], [True, False], [True, True]],  # gate 2 failed by 2 of 3
        "3": [[False, True], [True, True], [None, True]],  # gate 1 failed by 1 of 3 only
    }
    with workspace.transaction() as session:
        for sid, given in answers.items():
            reviews = session.scalars(
                select(Review)
                .join(Submission, Submission.id == Review.submission_pk)
                .where(Submission.submission_id == sid)
                .order_by(Review.id)
            ).all()
            for review, gates in zip(reviews, given, strict=True):
                review.gates = gates
    report = nomination_report(workspace)
    entries = {e.submission_id: e for e in report.entries}
    assert entries["2"].failed_gates == (GateVerdict(2, 2, 1, 3),)
    assert entries["3"].failed_gates == ()
    assert report.gates["3"] == (GateVerdict(1, 1, 1, 3), GateVerdict(2, 0, 3, 3))
    assert any(
        w.startswith("C7-ehealth: nominees a majority of their experts failed at a nomination ")
        and "2 (gate 2 failed by 2 of its 3 experts)" in w
        for w in report.warnings
    )
    line = next(x for x in category_lines(report, "C7-ehealth") if x.submission_id == "2")
    assert [g.gate for g in line.failed_gates] == [2]

    printed = io.StringIO()
    with redirect_stdout(printed):
        assert main(["nominate", "--database-url", workspace.location.url]) == 0
    assert "gate 2 failed by 2 of its 3 experts" in printed.getvalue()
    printed = io.StringIO()
    with redirect_stdout(printed):
        assert main(["nominate", "--json", "--database-url", workspace.location.url]) == 0
    listed = {n["submission_id"]: n for n in json.loads(printed.getvalue())["nominees"]}
    assert listed["2"]["failed_gates"] == [{"gate": 2, "failed": 2, "met": 1, "experts": 3}]
