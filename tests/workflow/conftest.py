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


def add_review(
    workspace: OpenWorkspace,
    expert_code: str,
    submission_id: str,
    *,
    scores: tuple[int | None, ...] = (),
    conflict: bool = False,
    abstained: bool = False,
    comment: str = "",
) -> None:
    """A review as the merge stores it: the scores given (None: left empty), a declared
    conflict, an abstention, a comment; criteria keyed c1, c2..."""
    from sqlalchemy import select

    from panel_app.store.models import Expert, Review, Score, Submission

    with workspace.transaction() as session:
        expert_pk = session.scalar(select(Expert.id).where(Expert.expert_code == expert_code))
        submission_pk = session.scalar(
            select(Submission.id).where(Submission.submission_id == submission_id)
        )
        assert expert_pk is not None and submission_pk is not None
        review = Review(
            expert_pk=expert_pk,
            submission_pk=submission_pk,
            round="nomination",
            comment=comment,
            conflict_declared=conflict,
            abstained=abstained,
            origin="hand-edited",
        )
        review.scores = [Score(criterion_key=f"c{i}", value=v) for i, v in enumerate(scores, 1)]
        session.add(review)


def panel_with_reviews_missing(workspace: OpenWorkspace, tmp_path: Path) -> None:
    """Six projects, two experts with four each (eight assignments), and every kind of
    review: scored, incomplete, a declared conflict, an abstention, a row holding only a
    comment, and none at all. Returned: 1001, 1002, 1003 by E01 and 1003, 1005 by E02 (5
    of 8); two of those hold no scores."""
    from panel_app.workflow.intake.submissions import import_submissions

    ids = ["1001", "1002", "1003", "1004", "1005", "1006"]
    rows = [submission_row(int(i)) for i in ids]
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
    assign_projects(workspace, "E01", ids[:4])
    assign_projects(workspace, "E02", ids[2:])
    add_review(workspace, "E01", "1001", scores=(4, 4, 3))
    add_review(workspace, "E01", "1002", conflict=True, abstained=True)
    add_review(workspace, "E01", "1003", abstained=True, comment="Outside my expertise.")
    add_review(workspace, "E01", "1004", comment="Will finish on Monday")  # not returned
    add_review(workspace, "E02", "1003", scores=(5, None, None))  # incomplete, returned
    add_review(workspace, "E02", "1005", scores=(2, 2, 2))
    add_review(workspace, "E02", "1006", scores=(None, None, None))  # not returned
