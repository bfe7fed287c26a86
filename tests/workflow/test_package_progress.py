"""Opening a package and exporting scores report their progress, and a cancel at any step
leaves everything as it was: no projects, no revision, no file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from panel_app.store.models import AuditEntry, Submission
from panel_app.workflow.review.expert_workbook import (
    EXPORTED,
    PackageCancelled,
    export_scores,
    open_package,
)
from panel_app.workflow.workspace import locate_workspace, open_workspace

from .test_workbooks import chair, packages  # noqa: F401  (fixtures)


def _cancel_after(
    calls: int,
) -> tuple[list[tuple[int, int]], Callable[[int, int], None], Callable[[], bool]]:
    """A progress callback that records, and a cancel that answers yes after `calls` reports."""
    seen: list[tuple[int, int]] = []
    return seen, lambda done, total: seen.append((done, total)), lambda: len(seen) > calls


def test_open_reports_every_project_and_a_cancel_at_any_step_writes_nothing(
    packages: dict[str, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    laptop = locate_workspace(tmp_path / "laptop.sqlite")
    seen, progress, _ = _cancel_after(0)
    opened = open_package(laptop, packages["E01"], progress=progress)
    total = opened.projects + 1
    assert seen[0] == (0, 0) and seen[-1] == (total, total)
    assert [done for done, _ in seen[1:]] == sorted(done for done, _ in seen[1:])

    # Every step but the last report, which comes after the commit.
    for calls in range(len(seen) - 1):
        fresh = locate_workspace(tmp_path / f"cancelled-{calls}.sqlite")
        _, progress, cancelled = _cancel_after(calls)
        with pytest.raises(PackageCancelled, match="nothing was written"):
            open_package(fresh, packages["E01"], progress=progress, cancelled=cancelled)
        assert not (tmp_path / f"cancelled-{calls}.sqlite").exists()


def test_a_cancelled_export_leaves_no_file_and_no_revision(
    packages: dict[str, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    laptop = locate_workspace(tmp_path / "laptop.sqlite")
    open_package(laptop, packages["E01"])
    out = tmp_path / "scores.xlsx"
    with open_workspace(laptop) as ws:
        for calls in (0, 1, 2):
            _, progress, cancelled = _cancel_after(calls)
            with pytest.raises(PackageCancelled):
                export_scores(ws, out, progress=progress, cancelled=cancelled)
            assert list(tmp_path.glob("*scores.xlsx*")) == []
        with ws.sessions() as session:
            exports = session.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.action == EXPORTED)
            )
            assert exports == 0 and session.scalar(select(func.count(Submission.id))) == 4
        exported = export_scores(ws, out)
    assert out.exists() and exported.revision == 1
    assert (exported.projects, exported.scored, exported.unscored) == (4, 0, 4)


def test_a_scores_file_named_without_xlsx_gets_it(tmp_path: Path) -> None:
    from panel_app.workflow.review.expert_workbook import scored_workbook_path

    assert scored_workbook_path(tmp_path / "mine") == tmp_path / "mine.xlsx"
    assert scored_workbook_path(tmp_path / "mine.v2") == tmp_path / "mine.v2.xlsx"
    assert scored_workbook_path(tmp_path / "Mine.XLSX") == tmp_path / "Mine.XLSX"
