"""Intake as a chair uses it: import, re-import, correct, refuse, cancel."""

from __future__ import annotations

import gc
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from panel_app.problems import InputRefused
from panel_app.store.models import AuditEntry, ImportBatch, Submission
from panel_app.workflow.intake.submissions import IntakeCancelled, import_submissions
from panel_app.workflow.overview import list_submissions, submission_detail, summarise
from panel_app.workflow.workspace import OpenWorkspace

from ..handles import handles_on
from .conftest import submission_row, write_csv, write_workbook


def _count(ws: OpenWorkspace, model: type) -> int:
    with ws.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _audit(ws: OpenWorkspace, action: str) -> list[AuditEntry]:
    with ws.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_a_new_file_lands_whole(workspace: OpenWorkspace, tmp_path: Path) -> None:
    rows = [
        submission_row(1001, Category="C7. ICT applications: E-health"),
        submission_row("1002", Category="e-agriculture", SDGs="SDG 2, SDG 15"),
        submission_row(1003.0, Category=4, SDGs="3,5"),
    ]
    path = write_workbook(tmp_path / "set.xlsx", rows, extra_columns=("Photo URL",))

    result = import_submissions(workspace, path, actor="chair")

    assert (result.added, result.updated, result.unchanged) == (3, 0, 0)
    items = list_submissions(workspace)
    assert [i.submission_id for i in items] == ["1001", "1002", "1003"]
    assert {i.submission_id: i.category_key for i in items} == {
        "1001": "C7-ehealth",
        "1002": "C7-eagriculture",
        "1003": "C4-capacity-building",
    }
    detail = submission_detail(workspace, "1002")
    assert detail is not None
    assert detail.sdgs == (2, 15)
    assert detail.extra == {"Photo URL": ""}
    assert detail.submitted_at == datetime(2019, 11, 1, 11, 0, tzinfo=UTC)  # Geneva, CET
    assert detail.source == "set.xlsx, row 3"
    [added] = _audit(workspace, "submissions.added")
    assert added.actor == "chair"
    assert added.entity == "import_batch" and added.entity_id == str(result.import_batch_id)
    assert added.after is not None
    assert added.after["submission_ids"] == ["1001", "1002", "1003"]
    assert added.after["file"] == "set.xlsx"
    assert added.after["file_sha256"] == result.file_sha256


def test_reimporting_the_same_file_changes_nothing(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    path = write_workbook(tmp_path / "set.xlsx", [submission_row(1), submission_row(2)])
    import_submissions(workspace, path)
    audit_before, batches_before = _count(workspace, AuditEntry), _count(workspace, ImportBatch)

    again = import_submissions(workspace, path)

    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert not again.changed_anything
    assert _count(workspace, AuditEntry) == audit_before
    assert _count(workspace, ImportBatch) == batches_before


def test_a_corrected_file_updates_only_what_changed(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    first = [submission_row(1), submission_row(2), submission_row(3)]
    import_submissions(workspace, write_workbook(tmp_path / "v1.xlsx", first))
    corrected = [
        submission_row(1),
        submission_row(2, **{"Project title": "Telemedicine for rural Kenya"}),
        submission_row(3, SDGs="3; 5; 17"),
        submission_row(4),
    ]

    result = import_submissions(workspace, write_workbook(tmp_path / "v2.xlsx", corrected))

    assert (result.added, result.updated, result.unchanged) == (1, 2, 1)
    assert {c.submission_id: c.fields for c in result.changes} == {
        "2": ("title",),
        "3": ("sdgs",),
    }
    updates = {a.entity_id: a for a in _audit(workspace, "submission.updated")}
    assert updates["2"].before == {"title": "Project 2"}
    assert updates["2"].after == {"title": "Telemedicine for rural Kenya"}
    assert updates["3"].before == {"sdgs": [3, 5]}
    assert updates["3"].after == {"sdgs": [3, 5, 17]}
    detail = submission_detail(workspace, "2")
    assert detail is not None and detail.title == "Telemedicine for rural Kenya"
    assert detail.source == "v2.xlsx, row 3"


def test_submissions_missing_from_a_later_file_are_kept(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    import_submissions(
        workspace, write_workbook(tmp_path / "all.xlsx", [submission_row(1), submission_row(2)])
    )
    result = import_submissions(
        workspace, write_workbook(tmp_path / "part.xlsx", [submission_row(1)])
    )
    assert result.not_in_file == 1
    assert _count(workspace, Submission) == 2


def test_a_refused_file_writes_nothing(workspace: OpenWorkspace, tmp_path: Path) -> None:
    import_submissions(workspace, write_workbook(tmp_path / "ok.xlsx", [submission_row(1)]))
    before = (
        _count(workspace, Submission),
        _count(workspace, AuditEntry),
        _count(workspace, ImportBatch),
    )
    rows = [
        submission_row(1, **{"Project title": "changed, but must not land"}),
        submission_row(2),
        submission_row(
            3, Category="C7 Healthcare"
        ),  # which C7? ("C7 E-healthcare" reads as C7-ehealth)
    ]

    with pytest.raises(InputRefused) as refused:
        import_submissions(workspace, write_workbook(tmp_path / "bad.xlsx", rows))

    [problem] = refused.value.problems
    assert (problem.row, problem.column, problem.value) == (4, "Category", "C7 Healthcare")
    after = (
        _count(workspace, Submission),
        _count(workspace, AuditEntry),
        _count(workspace, ImportBatch),
    )
    assert after == before
    detail = submission_detail(workspace, "1")
    assert detail is not None and detail.title == "Project 1"


def test_every_problem_of_a_file_is_reported_at_once(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    rows = [
        submission_row(1, Category="C99"),
        submission_row(2, **{"Submitted at": "yesterday"}),
        submission_row(2),
    ] + [submission_row(i) for i in range(3, 2500)]
    with pytest.raises(InputRefused) as refused:
        import_submissions(workspace, write_workbook(tmp_path / "bad.xlsx", rows))
    rows_named = sorted(p.row for p in refused.value.problems if p.row is not None)
    assert rows_named[:2] == [2, 3]
    assert len(refused.value.problems) == 3
    assert _count(workspace, Submission) == 0


def test_a_missing_file_is_refused_clearly(workspace: OpenWorkspace, tmp_path: Path) -> None:
    with pytest.raises(InputRefused) as refused:
        import_submissions(workspace, tmp_path / "nowhere.xlsx")
    assert "there is no file at" in refused.value.problems[0].message


def test_cancelling_writes_nothing(workspace: OpenWorkspace, tmp_path: Path) -> None:
    rows = [submission_row(i) for i in range(1, 1500)]
    path = write_workbook(tmp_path / "big.xlsx", rows)
    with pytest.raises(IntakeCancelled):
        import_submissions(workspace, path, cancelled=lambda: True)
    assert _count(workspace, Submission) == 0
    assert _count(workspace, ImportBatch) == 0


def test_summary_counts_per_category(workspace: OpenWorkspace, tmp_path: Path) -> None:
    rows = [submission_row(i, Category="C7 E-health") for i in range(1, 4)]
    rows += [submission_row(i, Category="C1") for i in range(4, 6)]
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows))
    summary = summarise(workspace)
    counts = {c.key: c.submissions for c in summary.categories}
    assert summary.submissions == 5
    assert len(summary.categories) == 18
    assert counts["C7-ehealth"] == 3
    assert sum(counts.values()) == 5
    assert summary.by_status == {"eligible": 5, "flagged": 0, "ineligible": 0}


def test_an_import_leaves_sqlite_checkpointing_as_it_was(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", [submission_row(1)]))
    if workspace.engine.dialect.name != "sqlite":
        return  # the WAL is SQLite's; nothing to restore elsewhere
    with workspace.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000


def test_a_stale_digest_alone_is_no_change(workspace: OpenWorkspace, tmp_path: Path) -> None:
    """A digest made by another version of the app must not invent an update."""
    from sqlalchemy import update

    path = write_workbook(tmp_path / "set.xlsx", [submission_row(1)])
    import_submissions(workspace, path)
    with workspace.transaction() as session:
        session.execute(update(Submission).values(content_sha256="0" * 64))
    audit_before = _count(workspace, AuditEntry)

    again = import_submissions(workspace, path)

    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    assert _count(workspace, AuditEntry) == audit_before


def test_the_content_digest_is_the_one_existing_workspaces_hold(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    """Re-importing into a workspace made by an earlier version finds each submission
    unchanged by its digest alone, so the digest's bytes must not drift: every version
    since ae8c6ad stored this one (checked at ae8c6ad, 2e3b0c5 and ea6c2ea). A different
    digest would still import correctly (equal fields are no change) but compare every
    field of every row on each re-import, for good."""
    row = submission_row(
        7,
        **{
            "Project title": "Télémédecine — 远程医疗",
            "Organisation": "Фонд «Здоровье»",
            "Stakeholder type": "Someone else",  # not an edition key: stored as None
            "Category": "C7 E-health",
            "SDGs": "17; 3",
            "Project summary": "Clinics\nin every county.",
            "Submitted at": datetime(2019, 11, 1, 12, 0),
            "Photo URL": "https://example.org/p.jpg",
        },
    )
    path = write_workbook(tmp_path / "set.xlsx", [row], extra_columns=("Photo URL",))

    import_submissions(workspace, path)

    with workspace.sessions() as session:
        stored = session.scalar(select(Submission.content_sha256))
    assert stored == "474f512c91edd965415af0c57da29e657f27a472dd3f1c69c616fabed4340150"


def test_a_cancelled_import_lets_go_of_its_file_at_once(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    """Not when the garbage collector comes by (off here): the file's handle would keep
    the chair from moving it on Windows, and warn in some later test."""
    rows = [submission_row(i) for i in range(1, 1500)]
    path = write_csv(tmp_path / "big.csv", rows)
    gc.disable()
    try:
        with pytest.raises(IntakeCancelled) as caught:
            import_submissions(workspace, path, cancelled=lambda: True)
        assert "nothing was written" in str(caught.value)
        assert handles_on(path) == 0
    finally:
        gc.enable()
    assert _count(workspace, Submission) == 0
