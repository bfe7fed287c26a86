"""Workspaces on every database the run has (SQLite always; PostgreSQL when configured)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from panel_app.formats.submission_set import COLUMNS
from panel_app.workflow.workspace import OpenWorkspace, locate_workspace, open_workspace

PLATFORM_COLUMNS = tuple(column.header for column in COLUMNS)  # the platform's, in its order


def submission_row(submission_id: Any, **overrides: Any) -> dict[str, Any]:
    """One platform row with plausible values; override any column by its header."""
    words = " ".join(["community"] * 160)
    row: dict[str, Any] = {
        "Submission ID": submission_id,
        "Project title": f"Project {submission_id}",
        "Organisation": f"Organisation {submission_id}",
        "Stakeholder type": "Civil society",
        "Country": "Kenya",
        "Category": "C7 E-health",
        "SDGs": "3; 5",
        "Project summary": words,
        "Action line and SDG linkage": "Links C7 to SDG 3.",
        "Impact": "Clinics reached 20,000 patients.",
        "Partnerships": "Ministry of Health.",
        "Challenges and future": "Funding beyond 2021.",
        "Project status": "Completed",
        "Website": "https://example.org",
        "Contact name": "A. Person",
        "Contact e-mail": "a.person@example.org",
        "Submitted at": datetime(2019, 11, 1, 12, 0),
    }
    row.update(overrides)
    return row


def write_workbook(
    path: Path, rows: list[dict[str, Any]], extra_columns: tuple[str, ...] = ()
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Submissions"
    columns = PLATFORM_COLUMNS + extra_columns
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column) for column in columns])
    book.save(path)
    return path


def write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    """The same rows as a UTF-8 CSV, as Excel's "CSV UTF-8" saves them."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(PLATFORM_COLUMNS)
        writer.writerows(
            ["" if row.get(c) is None else row.get(c) for c in PLATFORM_COLUMNS] for row in rows
        )
    return path


@pytest.fixture
def workspace(database_url: str) -> Iterator[OpenWorkspace]:
    with open_workspace(
        locate_workspace(database_url=database_url), create=True, edition_key="wsis-2020"
    ) as ws:
        yield ws


def assign_projects(workspace: OpenWorkspace, expert_code: str, submission_ids: list[str]) -> None:
    """An expert with these projects assigned in the nomination round, no review yet."""
    from sqlalchemy import select

    from panel_app.store.models import Assignment, Expert, Submission

    with workspace.transaction() as session:
        expert = Expert(expert_code=expert_code, name=f"Expert {expert_code}", category_keys=[])
        session.add(expert)
        session.flush()
        query = select(Submission.submission_id, Submission.id).where(
            Submission.submission_id.in_(submission_ids)
        )
        pks = {sid: pk for sid, pk in session.execute(query)}
        session.add_all(
            Assignment(expert_pk=expert.id, submission_pk=pks[sid], round="nomination")
            for sid in submission_ids
        )
