"""File > Merge scored workbooks… as a chair uses it: two experts' workbooks chosen
together, one merged and one refused with its located problem, the window's counts
updated; the command waits for a workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, func, select

from panel_app.demo.workspace import create_demo_workspace
from panel_app.formats.review_workbook import read_review_workbook
from panel_app.store.models import Assignment, Expert, Review
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.chair.merge_files import MERGE_DIR_KEY
from panel_app.ui.chair.nominees import NomineesWindow
from panel_app.workflow.review.expert_workbook import _package_criteria
from panel_app.workflow.review.packages import write_packages
from panel_app.workflow.workspace import WorkspaceLocation, locate_workspace, open_workspace

from ..workflow.test_workbook_signatures import legacy_export, legacy_package
from ..workflow.test_workbooks import fill, full


@pytest.fixture
def chair(tmp_path: Path) -> tuple[WorkspaceLocation, dict[str, Path]]:
    """A demo workspace whose two busiest experts have their packages written, before any
    review came back."""
    location = locate_workspace(tmp_path / "chair.sqlite")
    create_demo_workspace(location, count=150)
    with open_workspace(location) as ws:
        with ws.transaction() as session:
            busiest = session.execute(
                select(Expert.id)
                .join(Assignment, Assignment.expert_pk == Expert.id)
                .group_by(Expert.id)
                .order_by(func.count().desc(), Expert.expert_code)
                .limit(2)
            ).scalars()
            keep = list(busiest)
            session.execute(delete(Review))
            session.execute(delete(Assignment).where(Assignment.expert_pk.not_in(keep)))
        written = write_packages(ws, tmp_path / "packages", actor="chair")
    return location, {f.expert_code: f.path for f in written.files}


def _ids(path: Path) -> list[str]:
    return [r.scores.submission_id for r in read_review_workbook(path, _package_criteria).rows]


def test_two_workbooks_merged_through_the_menu_one_refused_with_its_cell(
    qtbot: QtBot,
    settings: QSettings,
    chair: tuple[WorkspaceLocation, dict[str, Path]],
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    location, packages = chair
    first, second = sorted(packages)
    good_ids = _ids(packages[first])[:3]
    good = fill(packages[first], {i: full(4) for i in good_ids}, tmp_path / "good.xlsx")
    bad_id = _ids(packages[second])[0]
    bad = fill(packages[second], {bad_id: [9] * 7}, tmp_path / "bad.xlsx")

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    assert not window.merges.merge_action.isEnabled()  # no workspace yet
    assert window.open_location(location)
    assert window.merges.merge_action.isEnabled()
    before = window.empty_label.text()

    window.merges.choose_workbooks = lambda _parent, _title, _start: [str(good), str(bad)]
    window.merges.merge_action.trigger()
    qtbot.waitUntil(lambda: not window.merges.busy, timeout=60000)

    box = window.merges.last_message
    assert box is not None and box.icon() == QMessageBox.Icon.Warning
    assert box.text() == (
        "Merged 1 of 2 workbooks: 3 reviews added, 0 updated, 0 unchanged. "
        "1 refused; nothing from a refused workbook was merged."
    )
    detail = box.informativeText()
    assert "good.xlsx: expert " + first + ", revision 0, edited outside the app: 3 added" in detail
    assert "bad.xlsx" in detail and "Scores" in detail and "(found '9')" in detail
    assert window.statusBar().currentMessage() == box.text()
    assert settings.value(MERGE_DIR_KEY) == str(tmp_path)
    assert window.empty_label.text() != before  # the reviews returned, counted again
    with open_workspace(location) as ws, ws.sessions() as session:
        merged = session.scalar(select(func.count()).select_from(Review)) or 0
    assert merged == 3
    qtbot.waitUntil(box.isVisible)
    box.grab().save(str(screenshot_dir / "chair-merge-result.png"))

    # The same files again: the merged one changes nothing; the refused one still is.
    window.merges.merge_action.trigger()
    qtbot.waitUntil(lambda: not window.merges.busy, timeout=60000)
    again = window.merges.last_message
    assert again is not None and again.text().startswith(
        "Merged 1 of 2 workbooks: 0 reviews added, 0 updated, 0 unchanged."
    )
    assert "merged already, nothing changed." in again.informativeText()


def _reviews_shown(window: NomineesWindow, submission_id: str) -> int | None:
    """The Reviews column of the project's row in the nominee window, as the chair reads it."""
    model = window.model
    for row, line in enumerate(model.lines):
        if line.submission_id == submission_id:
            return int(model.data(model.index(row, 5), Qt.ItemDataRole.DisplayRole))
    return None


def test_a_merge_in_the_chairs_window_updates_the_open_nominee_window(
    qtbot: QtBot,
    settings: QSettings,
    chair: tuple[WorkspaceLocation, dict[str, Path]],
    tmp_path: Path,
) -> None:
    """Without F5: the merge says what it touched (the reviews), the nominee window reads
    its ranking again; a merge that changes nothing reads nothing again."""
    location, packages = chair
    expert = sorted(packages)[0]
    project = _ids(packages[expert])[0]
    good = fill(packages[expert], {project: full(4)}, tmp_path / "good.xlsx")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_location(location)
    nominees = window.show_nominees()
    assert isinstance(nominees, NomineesWindow)
    qtbot.waitUntil(lambda: nominees.report is not None and not nominees.ranking.busy)
    assert nominees.report is not None
    category = nominees.report.facts[project].category_key
    keys = [nominees._category_at(r) for r in range(nominees.categories.count())]
    nominees.categories.setCurrentRow(keys.index(category))
    assert _reviews_shown(nominees, project) == 0
    read_before = nominees.report

    window.merges.start_merge([good])
    qtbot.waitUntil(lambda: not window.merges.busy, timeout=60000)
    qtbot.waitUntil(lambda: nominees.report is not read_before and not nominees.ranking.busy)
    assert nominees.categories.currentRow() == keys.index(category)  # where the chair was
    assert _reviews_shown(nominees, project) == 1

    read_after = nominees.report
    window.merges.start_merge([good])  # merged already: nothing touched
    qtbot.waitUntil(lambda: not window.merges.busy, timeout=60000)
    qtbot.wait(200)
    assert nominees.report is read_after and not nominees.ranking.busy


def test_a_sheet_signed_with_a_readable_key_is_said_so(
    qtbot: QtBot,
    settings: QSettings,
    chair: tuple[WorkspaceLocation, dict[str, Path]],
    tmp_path: Path,
) -> None:
    """Issue 14: a sheet signed with a package key from before schema 0007 is counted as
    edited outside the app, and the merge's report says why and what to do."""
    location, packages = chair
    code = sorted(packages)[0]
    with open_workspace(location) as ws:
        old, key, _ = legacy_package(ws, tmp_path / "old", code)
        sheet = legacy_export(ws, old, key, tmp_path / "old-r1.xlsx", **{_ids(old)[0]: full(3)})

    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_location(location)
    window.merges.choose_workbooks = lambda _parent, _title, _start: [str(sheet)]
    window.merges.merge_action.trigger()
    qtbot.waitUntil(lambda: not window.merges.busy, timeout=60000)

    box = window.merges.last_message
    assert box is not None and box.icon() == QMessageBox.Icon.Information
    assert box.informativeText() == (
        f"old-r1.xlsx: expert {code}, revision 1, edited outside the app: 1 added, 0 updated, "
        "0 unchanged. Signed with a key from an earlier version, which its package holds "
        "readable: counted as edited outside the app. Write the packages again and send the "
        "expert the new one."
    )
