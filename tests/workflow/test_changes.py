"""Every call that writes says what it touched, so that each open window can follow; a
call that found nothing to change touches nothing."""

from __future__ import annotations

from pathlib import Path

from panel_app.workflow.changes import Touched, touched_by
from panel_app.workflow.intake.checks import list_findings, overrule_finding, run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.nomination.nominees import (
    add_nominee,
    freeze_nominees,
    nomination_report,
    remove_nominee,
)
from panel_app.workflow.workspace import OpenWorkspace

from .conftest import submission_row, write_workbook
from .test_nomination import add_reviews


def test_each_write_says_what_it_touched(workspace: OpenWorkspace, tmp_path: Path) -> None:
    rows = [submission_row(i, SDGs=None if i == 3 else "3; 5") for i in range(1, 6)]
    path = write_workbook(tmp_path / "set.xlsx", rows)

    first = import_submissions(workspace, path, actor="chair")
    assert touched_by(first) == Touched.SUBMISSIONS | Touched.FINDINGS
    assert touched_by(import_submissions(workspace, path, actor="chair")) == Touched.NOTHING

    checks = run_checks(workspace, actor="chair")
    assert touched_by(checks) == Touched.FINDINGS
    assert touched_by(run_checks(workspace, actor="chair")) == Touched.NOTHING

    (finding,) = [f for f in list_findings(workspace) if f.submission_id == "3"]
    overruled = overrule_finding(workspace, finding.id, "SDG named in the text", actor="chair")
    assert touched_by(overruled) == Touched.FINDINGS

    add_reviews(workspace, {str(i): 35 - i for i in range(1, 6)})

    assert touched_by(remove_nominee(workspace, "2", "Withdrawn", actor="chair")) == (
        Touched.NOMINEES
    )
    assert touched_by(add_nominee(workspace, "2", "Back", actor="chair")) == Touched.NOMINEES
    assert touched_by(freeze_nominees(workspace, "Meeting", actor="chair")) == Touched.NOMINEES


def test_a_read_touches_nothing(workspace: OpenWorkspace) -> None:
    assert touched_by(nomination_report(workspace)) == Touched.NOTHING
    assert touched_by(None) == Touched.NOTHING
