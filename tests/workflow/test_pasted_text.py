"""Pasted text through the whole season: an import stores it cleaned and says where, a NUL
refuses the import whole, and a workspace that already holds such text (an older version
stored it) still exports every list, and is cleaned when the file comes again."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.parsers import expat

import openpyxl
import pytest
from sqlalchemy import func, select, update

from panel_app.problems import InputRefused
from panel_app.store.models import AuditEntry, ImportBatch, Submission
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.nomination.nominees import export_nominees
from panel_app.workflow.nomination.report import export_nominee_report
from panel_app.workflow.overview import submission_detail
from panel_app.workflow.workspace import OpenWorkspace
from tests.reports.pdf import pdf_text

from .conftest import submission_row, write_csv
from .test_nomination import add_reviews

PASTED_TITLE = "Smart\x0bHealth\u202e Clinics\ufffe"  # from Word, with an override
CLEANED_TITLE = "Smart\nHealth Clinics"


def _count(ws: OpenWorkspace, model: type) -> int:
    with ws.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_an_import_stores_the_text_cleaned_and_says_where(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    rows = [submission_row(1001), submission_row(1002, **{"Project title": PASTED_TITLE})]
    path = write_csv(tmp_path / "set.csv", rows)

    result = import_submissions(workspace, path, actor="chair")

    assert (result.added, result.updated) == (2, 0)
    detail = submission_detail(workspace, "1002")
    assert detail is not None and detail.title == CLEANED_TITLE
    assert [(n.row, n.column, n.params["code_point"]) for n in result.notes] == [
        (3, "Project title", "U+000B"),
        (3, "Project title", "U+202E"),
        (3, "Project title", "U+FFFE"),
    ]
    assert result.as_dict()["notes"][1]["message"] == (
        "The direction control U+202E (RIGHT-TO-LEFT OVERRIDE), which can show text "
        "reversed or out of order, was removed"
    )
    # The audit log keeps what was done to which cell.
    with workspace.sessions() as session:
        added = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "submissions.added")
        ).one()
    assert added.after is not None
    assert [(c["row"], c["code_point"], c["code"]) for c in added.after["cleaned"]] == [
        (3, "U+000B", "text.line_break"),
        (3, "U+202E", "text.direction_removed"),
        (3, "U+FFFE", "text.noncharacter_removed"),
    ]

    # The same file again changes nothing, and says again what it cleans.
    again = import_submissions(workspace, path, actor="chair")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert len(again.notes) == 3


def test_a_nul_refuses_the_import_whole(workspace: OpenWorkspace, tmp_path: Path) -> None:
    rows = [
        submission_row(1001),
        submission_row(1002, Organisation="Minis\x00try"),
        submission_row(1003, **{"Project title": PASTED_TITLE}),
    ]
    with pytest.raises(InputRefused) as caught:
        import_submissions(workspace, write_csv(tmp_path / "set.csv", rows), actor="chair")
    [problem] = caught.value.problems
    assert (problem.code, problem.row, problem.column) == ("text.nul", 3, "Organisation")
    assert "U+0000" in problem.describe()
    assert _count(workspace, Submission) == 0 and _count(workspace, ImportBatch) == 0


def test_text_a_workspace_already_holds_is_exported_and_cleaned_by_the_next_import(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    rows = [submission_row(i, Category="C7 E-health") for i in range(1, 26)]
    path = write_csv(tmp_path / "set.csv", rows)
    import_submissions(workspace, path, actor="test")
    run_checks(workspace, actor="test")
    add_reviews(workspace, {str(i): 35 - i for i in range(1, 26)})
    # An older version stored the pasted title as it came.
    with workspace.transaction() as session:
        session.execute(
            update(Submission)
            .where(Submission.submission_id == "1")
            .values(
                title=PASTED_TITLE,
                organisation="\u202eACME\x07",
                content_sha256="digest of the text as it came",
            )
        )

    xlsx, pdf = tmp_path / "nominees.xlsx", tmp_path / "nominees.pdf"
    export_nominees(workspace, xlsx, actor="chair")
    export_nominee_report(workspace, pdf, actor="chair")
    with zipfile.ZipFile(xlsx) as archive:  # a strict XML parser takes every part
        for name in archive.namelist():
            expat.ParserCreate().Parse(archive.read(name), True)
    first = list(openpyxl.load_workbook(xlsx)["Nominees"].iter_rows(values_only=True))[1]
    assert (first[3], first[4], first[5]) == ("1", CLEANED_TITLE, "ACME")
    text = pdf_text(pdf)
    assert "ACME" in text and "\u202e" not in text and "Smart" in text

    # The file again: the stored text is cleaned, as an update the audit log records.
    pasted = [submission_row(1, Category="C7 E-health", **{"Project title": PASTED_TITLE})]
    again = import_submissions(workspace, write_csv(tmp_path / "pasted.csv", pasted))
    assert again.updated == 1 and [c.fields for c in again.changes] == [("organisation", "title")]
    detail = submission_detail(workspace, "1")
    assert detail is not None
    assert (detail.title, detail.organisation) == (CLEANED_TITLE, "Organisation 1")
