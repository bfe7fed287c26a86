"""Rule checks over a workspace: findings stored, overrules kept, re-runs quiet."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from panel_app.rules import RULE_IDS
from panel_app.store.models import AuditEntry, RuleFinding
from panel_app.workflow.intake.checks import (
    OverruleRefused,
    list_findings,
    overrule_finding,
    run_checks,
)
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.overview import STATUSES, list_submissions, submission_detail, summarise
from panel_app.workflow.workspace import OpenWorkspace
from tests.workflow.conftest import submission_row, write_workbook


def _audit(ws: OpenWorkspace, action: str) -> list[AuditEntry]:
    with ws.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def _import(ws: OpenWorkspace, path: Path, rows: list[dict[str, object]]) -> None:
    import_submissions(ws, write_workbook(path, rows), actor="secretariat")


ROWS = [
    submission_row(1001),
    submission_row(1002, **{"Project summary": "Far too short."}),
    submission_row(1003, Impact="N/A", Partnerships="  "),
    submission_row(1004, **{"Submitted at": datetime(2019, 11, 22, 23, 0, 1)}),
    submission_row(1005, SDGs=None),
    submission_row(1006, **{"Submitted at": datetime(2019, 11, 22, 23, 0, 0)}),
]


def test_findings_are_stored_with_their_evidence(workspace: OpenWorkspace, tmp_path: Path) -> None:
    _import(workspace, tmp_path / "set.xlsx", ROWS)
    result = run_checks(workspace, actor="chair")
    assert [(f.rule_id, f.submission_id, f.evidence) for f in result.findings] == [
        (
            "summary-length",
            "1002",
            "The project summary has 3 words; at least 150 are required",
        ),
        (
            "incomplete",
            "1003",
            "Required fields not filled in: Impact ('N/A'), Partnerships (empty)",
        ),
        (
            "late",
            "1004",
            "Submitted 2019-11-22 23:00:01 CET (Europe/Zurich time); "
            "the deadline was 2019-11-22 23:00 CET",
        ),
        ("no-sdg", "1005", "No Sustainable Development Goal is named"),
    ]
    assert (result.added, result.updated, result.removed) == (4, 0, 0)
    assert result.counts == dict.fromkeys(RULE_IDS, 0) | {
        "summary-length": 1,
        "incomplete": 1,
        "late": 1,
        "no-sdg": 1,
    }
    statuses = {item.submission_id: item.status for item in list_submissions(workspace)}
    assert statuses == {
        "1001": "eligible",
        "1002": "ineligible",
        "1003": "ineligible",
        "1004": "ineligible",
        "1005": "ineligible",
        "1006": "eligible",
    }
    (entry,) = _audit(workspace, "checks.run")
    assert entry.actor == "chair"
    assert entry.after is not None and entry.after["added"] == 4


def test_rerunning_unchanged_writes_nothing(workspace: OpenWorkspace, tmp_path: Path) -> None:
    _import(workspace, tmp_path / "set.xlsx", ROWS)
    first = run_checks(workspace)
    again = run_checks(workspace)
    assert not again.changed_anything
    assert again.unchanged == 4
    assert [f.id for f in again.findings] == [f.id for f in first.findings]
    assert len(_audit(workspace, "checks.run")) == 1


def test_an_overrule_survives_rerunning(workspace: OpenWorkspace, tmp_path: Path) -> None:
    _import(workspace, tmp_path / "set.xlsx", ROWS)
    late = next(f for f in run_checks(workspace).findings if f.rule_id == "late")
    shown = overrule_finding(workspace, late.id, "  Platform outage at 23:00  ", actor="chair")
    assert (shown.overruled_reason, shown.overruled_by) == ("Platform outage at 23:00", "chair")
    assert shown.overruled_at is not None
    (entry,) = _audit(workspace, "finding.overruled")
    assert entry.actor == "chair" and entry.entity_id == str(late.id)
    assert entry.before == {"overruled_reason": None, "overruled_by": None, "overruled_at": None}
    assert entry.after is not None and entry.after["overruled_reason"] == "Platform outage at 23:00"
    # the submission no longer counts as ineligible
    statuses = {item.submission_id: item.status for item in list_submissions(workspace)}
    assert statuses["1004"] == "eligible"

    again = run_checks(workspace)
    assert not again.changed_anything
    kept = next(f for f in again.findings if f.rule_id == "late")
    assert (kept.id, kept.overruled_reason) == (late.id, "Platform outage at 23:00")

    # a corrected file changes the evidence: the finding is updated, the overrule stays
    rows = [*ROWS[:3], submission_row(1004, **{"Submitted at": datetime(2019, 11, 23, 9, 0)})]
    rows += ROWS[4:]
    _import(workspace, tmp_path / "set2.xlsx", rows)
    third = run_checks(workspace)
    assert (third.added, third.updated, third.removed) == (0, 1, 0)
    kept = next(f for f in third.findings if f.rule_id == "late")
    assert kept.overruled_reason == "Platform outage at 23:00"
    assert kept.evidence.startswith("Submitted 2019-11-23 09:00:00 CET")


def test_a_corrected_submission_loses_its_finding(workspace: OpenWorkspace, tmp_path: Path) -> None:
    _import(workspace, tmp_path / "set.xlsx", ROWS)
    run_checks(workspace)
    fixed = [ROWS[0], submission_row(1002), *ROWS[2:]]
    _import(workspace, tmp_path / "fixed.xlsx", fixed)
    result = run_checks(workspace)
    assert (result.added, result.updated, result.removed) == (0, 0, 1)
    assert "1002" not in {f.submission_id for f in list_findings(workspace)}
    assert len(_audit(workspace, "checks.run")) == 2


def test_an_overrule_needs_a_reason_and_a_finding(workspace: OpenWorkspace, tmp_path: Path) -> None:
    _import(workspace, tmp_path / "set.xlsx", ROWS)
    finding = run_checks(workspace).findings[0]
    with pytest.raises(OverruleRefused, match="needs a reason"):
        overrule_finding(workspace, finding.id, "   ")
    with pytest.raises(OverruleRefused, match="no finding with id 999999"):
        overrule_finding(workspace, 999999, "why not")
    assert _audit(workspace, "finding.overruled") == []
    with workspace.sessions() as session:
        overruled = session.scalar(
            select(func.count(RuleFinding.id)).where(RuleFinding.overruled_at.is_not(None))
        )
    assert overruled == 0


def test_the_detail_lists_the_findings(workspace: OpenWorkspace, tmp_path: Path) -> None:
    _import(workspace, tmp_path / "set.xlsx", ROWS)
    run_checks(workspace)
    detail = submission_detail(workspace, "1003")
    assert detail is not None
    assert [(f.rule_id, f.evidence) for f in detail.findings] == [
        ("incomplete", "Required fields not filled in: Impact ('N/A'), Partnerships (empty)")
    ]


def test_an_isolated_import_runs_the_checks(tmp_path: Path) -> None:
    from panel_app.workflow.intake.isolated import import_submissions_isolated
    from panel_app.workflow.workspace import locate_workspace, open_workspace

    location = locate_workspace(tmp_path / "ws.sqlite")
    path = write_workbook(tmp_path / "set.xlsx", ROWS)
    import_submissions_isolated(location, path)
    with open_workspace(location) as ws:
        found = {(f.rule_id, f.submission_id) for f in list_findings(ws)}
    assert found == {
        ("summary-length", "1002"),
        ("incomplete", "1003"),
        ("late", "1004"),
        ("no-sdg", "1005"),
    }


def test_the_demo_runs_the_checks(tmp_path: Path) -> None:
    from panel_app.demo.workspace import create_demo_workspace
    from panel_app.workflow.workspace import locate_workspace

    result = create_demo_workspace(locate_workspace(tmp_path / "demo.sqlite"), count=120)
    assert result.checks is not None
    assert sum(result.checks.counts.values()) > 0
    again = create_demo_workspace(locate_workspace(tmp_path / "demo.sqlite"), count=120)
    assert again.checks is not None and not again.checks.changed_anything


def test_the_detail_counts_words_as_the_rules_do(workspace: OpenWorkspace, tmp_path: Path) -> None:
    summary = " ".join(["word"] * 148) + " - • https://example.org/a/b"  # 151 tokens
    _import(workspace, tmp_path / "set.xlsx", [submission_row(1, **{"Project summary": summary})])
    (finding,) = run_checks(workspace).findings
    assert finding.evidence == "The project summary has 149 words; at least 150 are required"
    detail = submission_detail(workspace, "1")
    assert detail is not None and detail.words["summary"] == 149


def test_a_pair_finding_flags_both_submissions(workspace: OpenWorkspace, tmp_path: Path) -> None:
    rows = [
        submission_row(2001, Organisation="Kivora Networks Pvt. Ltd."),
        submission_row(2002, Organisation="KIVORA NETWORKS PRIVATE LIMITED"),
        submission_row(2003),
    ]
    _import(workspace, tmp_path / "set.xlsx", rows)
    result = run_checks(workspace, actor="chair")
    assert [(f.rule_id, f.submission_id, f.related_submission_id) for f in result.findings] == [
        ("same-entity-category", "2001", "2002")
    ]
    statuses = {item.submission_id: item.status for item in list_submissions(workspace)}
    assert statuses == {"2001": "flagged", "2002": "flagged", "2003": "eligible"}


def test_the_summary_counts_each_category_by_the_statuses_the_list_shows(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    """The summary counts in SQL; the list reads each submission: the same statuses."""
    rows = [
        submission_row(2001, Organisation="Kivora Networks Pvt. Ltd."),
        submission_row(2002, Organisation="KIVORA NETWORKS PRIVATE LIMITED"),
        submission_row(2003),
        submission_row(2004, **{"Project summary": "Far too short."}),
        submission_row(2005, **{"Project summary": "Short."}, Category="C7 E-agriculture"),
        submission_row(2006, Category="C7 E-agriculture"),
    ]
    _import(workspace, tmp_path / "set.xlsx", rows)
    findings = run_checks(workspace, actor="chair").findings
    short = next(f for f in findings if f.submission_id == "2005")
    overrule_finding(workspace, short.id, "Counted by hand: long enough", actor="chair")
    counted: dict[str, dict[str, int]] = {}
    for item in list_submissions(workspace):
        by_status = counted.setdefault(item.category_key, dict.fromkeys(STATUSES, 0))
        by_status[item.status] += 1
    summary = summarise(workspace)
    assert {c.key: c.by_status for c in summary.categories if c.submissions} == counted
    assert counted["C7-ehealth"] == {"eligible": 1, "flagged": 2, "ineligible": 1}
    assert counted["C7-eagriculture"] == {"eligible": 2, "flagged": 0, "ineligible": 0}
    assert summary.by_status == {"eligible": 3, "flagged": 2, "ineligible": 1}
