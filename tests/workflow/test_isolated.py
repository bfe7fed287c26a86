"""Imports in a child process: the same results, and a crashing reader loses nothing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from panel_app.problems import InputRefused
from panel_app.store.models import Submission
from panel_app.workflow.files import IntakeCancelled
from panel_app.workflow.intake.isolated import import_submissions_isolated
from panel_app.workflow.workspace import locate_workspace, open_workspace

from .conftest import submission_row, write_workbook


def _crash(*_args: Any) -> None:
    """Dies the way a native parser does on a bad file: no exception, no result."""
    os.abort()


def test_an_isolated_import_lands_and_reports_progress(tmp_path: Path) -> None:
    location = locate_workspace(tmp_path / "ws.sqlite")
    path = write_workbook(tmp_path / "set.xlsx", [submission_row(i) for i in range(1, 4)])
    seen: list[int] = []
    result = import_submissions_isolated(
        location, path, progress=lambda done, _total: seen.append(done)
    )
    assert result.added == 3
    assert seen and seen[-1] <= 3
    with open_workspace(location) as ws, ws.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Submission)) == 3


def test_an_isolated_refusal_carries_every_problem(tmp_path: Path) -> None:
    location = locate_workspace(tmp_path / "ws.sqlite")
    path = write_workbook(tmp_path / "bad.xlsx", [submission_row(1, Category="Space")])
    with pytest.raises(InputRefused) as refused:
        import_submissions_isolated(location, path)
    [problem] = refused.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "Category", "Space")


def test_a_crashing_reader_is_reported_and_loses_nothing(tmp_path: Path) -> None:
    location = locate_workspace(tmp_path / "ws.sqlite")
    first = write_workbook(tmp_path / "first.xlsx", [submission_row(1)])
    import_submissions_isolated(location, first)
    second = write_workbook(tmp_path / "second.xlsx", [submission_row(2)])

    with pytest.raises(InputRefused) as refused:
        import_submissions_isolated(location, second, child_main=_crash)

    [problem] = refused.value.problems
    assert problem.code == "intake.reader_crashed"
    assert "second.xlsx" in problem.message and "nothing was imported" in problem.message
    with open_workspace(location) as ws, ws.sessions() as session:
        ids = list(session.scalars(select(Submission.submission_id)))
    assert ids == ["1"]


def test_an_isolated_import_stops_when_the_person_cancels(tmp_path: Path) -> None:
    """The window's Cancel: asked between the child's messages, the child rolls back."""
    location = locate_workspace(tmp_path / "ws.sqlite")
    path = write_workbook(tmp_path / "set.xlsx", [submission_row(i) for i in range(1, 2500)])
    asked: list[bool] = []

    def cancelled() -> bool:
        asked.append(True)
        return True

    with pytest.raises(IntakeCancelled) as caught:
        import_submissions_isolated(location, path, cancelled=cancelled)
    assert "nothing was written" in str(caught.value) and asked
    with open_workspace(location) as ws, ws.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Submission)) == 0
