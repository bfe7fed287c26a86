"""The scoring desk as an expert uses it: the list, the keyboard path, undo, a conflict."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from panel_app.demo.workspace import create_demo_workspace
from panel_app.store.models import Submission
from panel_app.ui.desk.models import FILTER_CONFLICT, FILTER_FLAGGED, FILTER_TODO
from panel_app.ui.desk.window import DeskWindow
from panel_app.workflow.overview import submission_statuses
from panel_app.workflow.review.desk import ScoringDesk
from panel_app.workflow.workspace import locate_workspace, open_workspace

from ..workflow.conftest import assign_projects

EXPERT = "E900"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo workspace, plus a new expert with twelve projects and no review yet,
    four of them flagged by the checks."""
    path = tmp_path_factory.mktemp("desk") / "demo.sqlite"
    create_demo_workspace(locate_workspace(path), count=150)
    with open_workspace(locate_workspace(path)) as ws:
        with ws.sessions() as session:
            statuses = submission_statuses(session)
            rows = session.execute(
                select(Submission.id, Submission.submission_id, Submission.category_key)
            ).all()
        chosen = ("C7-ehealth", "C3-access", "C10-ethics")
        flagged = [sid for pk, sid, key in rows if pk in statuses and key in chosen][:3]
        flagged += [sid for pk, sid, key in rows if pk in statuses and key not in chosen][:1]
        clean = [sid for pk, sid, key in rows if pk not in statuses and key in chosen][:8]
        assign_projects(ws, EXPERT, flagged + clean)
    return path


@pytest.fixture
def workspace_file(demo_file: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(demo_file, tmp_path / "ws.sqlite"))


@pytest.fixture
def desk(qtbot: QtBot, settings: QSettings, workspace_file: Path) -> DeskWindow:
    win = DeskWindow(settings)
    qtbot.addWidget(win)
    assert win.open_desk(locate_workspace(workspace_file), EXPERT)
    win.show()
    return win


def _stored(path: Path, submission_id: str) -> dict[str, int | None]:
    with open_workspace(locate_workspace(path)) as ws:
        return ScoringDesk(ws, EXPERT).review(submission_id).scores


def test_models_pass_the_model_tester(desk: DeskWindow, qtmodeltester: object) -> None:
    qtmodeltester.check(desk.categories)  # type: ignore[attr-defined]
    qtmodeltester.check(desk.projects)  # type: ignore[attr-defined]


def test_the_desk_lists_categories_and_projects_and_filters_them(desk: DeskWindow) -> None:
    labels = [desk.categories.index(r, 0).data() for r in range(desk.categories.rowCount())]
    assert labels[0] == "All my projects (0/12)"
    assert sum(int(label.rsplit("/", 1)[1].rstrip(")")) for label in labels[1:]) == 12
    assert desk.projects.rowCount() == 12
    desk.filter_box.setCurrentIndex(desk.filter_box.findData(FILTER_FLAGGED))
    assert desk.projects.rowCount() == 4
    assert {desk.projects.item(r).check_status for r in range(4)} != {"eligible"}  # type: ignore[union-attr]
    desk.filter_box.setCurrentIndex(desk.filter_box.findData(FILTER_CONFLICT))
    assert desk.projects.rowCount() == 0
    desk.filter_box.setCurrentIndex(0)
    title = desk.projects.item(5).title  # type: ignore[union-attr]
    desk.search.setText(title[:12])
    assert title in [desk.projects.item(r).title for r in range(desk.projects.rowCount())]  # type: ignore[union-attr]
    desk.projects.sort(1, Qt.SortOrder.DescendingOrder)
    titles = [desk.projects.item(r).title.casefold() for r in range(desk.projects.rowCount())]  # type: ignore[union-attr]
    assert titles == sorted(titles, reverse=True)


def test_the_project_pane_shows_texts_sdgs_and_findings(desk: DeskWindow) -> None:
    desk.filter_box.setCurrentIndex(desk.filter_box.findData(FILTER_FLAGGED))
    desk.table.selectRow(0)
    text = desk.detail.toPlainText()
    assert "Project summary" in text and "words)" in text and "SDG " in text
    assert "Overrule" not in text  # the chair's action, not the expert's
    assert desk.detail.toHtml().count("color:#") >= 1  # a finding, in colour


def test_the_keyboard_scores_a_project_end_to_end(
    qtbot: QtBot, desk: DeskWindow, workspace_file: Path
) -> None:
    first = desk._current
    assert first is not None
    desk.focus_sheet()
    keys = [c.key for c in desk.desk.criteria]  # type: ignore[union-attr]
    # digits score and move on; Up goes back one criterion and rescores it
    for digit in "4352":
        qtbot.keyClick(desk.sheet, digit)
    qtbot.keyClick(desk.sheet, Qt.Key.Key_Up)
    qtbot.keyClick(desk.sheet, "5")
    for digit in "341":
        qtbot.keyClick(desk.sheet, digit)
    assert desk.sheet.current == len(keys) - 1
    assert "7/7" in desk.projects.index(desk.projects.row_of(first.submission_id), 3).data()  # type: ignore[arg-type]
    qtbot.keyClick(desk.sheet, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert desk._current is not None and desk._current.submission_id != first.submission_id
    assert desk._current.state == "unscored" and desk.sheet.hasFocus()
    assert desk.categories.index(0, 0).data() == "All my projects (1/12)"
    assert desk.progress_label.text() == "1 of 12 projects done"
    assert _stored(workspace_file, first.submission_id) == dict(
        zip(keys, [4, 3, 5, 5, 3, 4, 1], strict=True)
    )


def test_undo_and_redo_change_the_stored_scores(
    qtbot: QtBot, desk: DeskWindow, workspace_file: Path
) -> None:
    sid = desk._current.submission_id  # type: ignore[union-attr]
    key = desk.desk.criteria[0].key  # type: ignore[union-attr]
    desk.focus_sheet()
    qtbot.keyClick(desk.sheet, "2")
    qtbot.keyClick(desk.sheet, Qt.Key.Key_Up)
    qtbot.keyClick(desk.sheet, "4")
    assert _stored(workspace_file, sid)[key] == 4
    desk.undo_stack.undo()
    assert _stored(workspace_file, sid)[key] == 2
    desk.undo_stack.undo()
    assert _stored(workspace_file, sid)[key] is None
    desk.go_unfinished(1)  # undo from another project brings this one back
    desk.undo_stack.redo()
    assert desk._current.submission_id == sid  # type: ignore[union-attr]
    assert _stored(workspace_file, sid)[key] == 2
    assert desk.sheet.rows[0].group.checkedId() == 2


def test_clicking_a_scale_label_scores_and_clicking_again_blanks(
    qtbot: QtBot, desk: DeskWindow, workspace_file: Path
) -> None:
    sid = desk._current.submission_id  # type: ignore[union-attr]
    row = desk.sheet.rows[2]
    button = row.group.button(5)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _stored(workspace_file, sid)[row.criterion.key] == 5
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _stored(workspace_file, sid)[row.criterion.key] is None


def test_a_conflict_declaration_asks_then_clears_and_locks(
    qtbot: QtBot, desk: DeskWindow, workspace_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = desk._current.submission_id  # type: ignore[union-attr]
    desk.focus_sheet()
    for digit in "333":
        qtbot.keyClick(desk.sheet, digit)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    desk.conflict_button.click()
    assert not desk._review.conflict_declared  # type: ignore[union-attr]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    desk.conflict_button.click()
    assert set(_stored(workspace_file, sid).values()) == {None}
    assert desk.sheet.locked and not desk.sheet.rows[0].isEnabled()
    qtbot.keyClick(desk.sheet, "4")  # locked: nothing recorded
    assert set(_stored(workspace_file, sid).values()) == {None}
    assert not desk.undo_stack.canUndo()
    with open_workspace(locate_workspace(workspace_file)) as ws:
        assert ScoringDesk(ws, EXPERT).review(sid).conflict_declared
    desk.filter_box.setCurrentIndex(desk.filter_box.findData(FILTER_CONFLICT))
    assert desk.projects.rowCount() == 1


def test_comment_and_confidence_are_recorded(desk: DeskWindow, workspace_file: Path) -> None:
    sid = desk._current.submission_id  # type: ignore[union-attr]
    desk.comment.setPlainText("Convincing reach; thin evidence of funding.")
    desk.confidence.setCurrentIndex(desk.confidence.findData("medium"))
    desk.go_unfinished(1)  # leaving the project records the comment at once
    with open_workspace(locate_workspace(workspace_file)) as ws:
        review = ScoringDesk(ws, EXPERT).review(sid)
    assert (review.comment, review.confidence) == (
        "Convincing reach; thin evidence of funding.",
        "medium",
    )


def test_reopening_returns_to_the_same_project_and_layout(
    qtbot: QtBot, desk: DeskWindow, settings: QSettings, workspace_file: Path
) -> None:
    desk.filter_box.setCurrentIndex(desk.filter_box.findData(FILTER_TODO))
    desk.table.selectRow(6)
    sid = desk._current.submission_id  # type: ignore[union-attr]
    desk.resize(780, 700)  # within the offscreen screen (800 x 800), which clamps geometry
    desk.splitter.setSizes([200, 380, 200])
    sizes = desk.splitter.sizes()
    desk.close()
    again = DeskWindow(settings)
    qtbot.addWidget(again)
    assert again.open_desk(locate_workspace(workspace_file), EXPERT)
    again.show()
    assert again._current.submission_id == sid  # type: ignore[union-attr]
    assert again.size() == desk.size()
    assert again.splitter.sizes() == sizes


def test_screenshots(qtbot: QtBot, desk: DeskWindow, screenshot_dir: Path) -> None:
    desk.resize(1460, 900)
    desk.filter_box.setCurrentIndex(desk.filter_box.findData(FILTER_FLAGGED))
    desk.table.selectRow(0)
    desk.focus_sheet()
    for digit in "4352":
        qtbot.keyClick(desk.sheet, digit)
    desk.comment.setPlainText("Clear reach figures; the budget section is thin.")
    qtbot.wait(50)
    assert desk.grab().save(str(screenshot_dir / "desk-en.png"))
    desk.filter_box.setCurrentIndex(0)
    desk.go_unfinished(1)
    qtbot.wait(50)
    assert desk.grab().save(str(screenshot_dir / "desk-en-next.png"))


def test_the_desk_command_asks_which_expert_when_there_are_several(
    workspace_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from panel_app.cli import main

    assert main(["desk", "--workspace", str(workspace_file)]) == 1
    assert "name one with --expert" in capsys.readouterr().err
    assert main(["desk", "--workspace", str(workspace_file), "--expert", "E404"]) == 1
    assert "no expert 'E404' has projects assigned" in capsys.readouterr().err


def test_the_gates_are_yes_no_questions_before_the_criteria(
    desk: DeskWindow, workspace_file: Path, screenshot_dir: Path
) -> None:
    sheet = desk.sheet
    assert len(sheet.gate_rows) == 2  # the edition's two gates, above the criteria
    first = sheet.gate_rows[0]
    assert first.question.text().startswith("The submission follows the submission rules")
    project = desk.projects.item(0)
    assert project is not None
    desk.select_project(project.submission_id)
    first.no.click()
    sheet.gate_rows[1].yes.click()
    with open_workspace(locate_workspace(workspace_file)) as ws:
        assert ScoringDesk(ws, EXPERT).review(project.submission_id).gates == (False, True)
    assert first.no.isChecked() and not first.yes.isChecked()
    desk.grab().save(str(screenshot_dir / "desk-gates-en.png"))
    first.no.click()  # the chosen answer again: taken back
    desk.undo_stack.undo()  # and the undo brings it back
    with open_workspace(locate_workspace(workspace_file)) as ws:
        assert ScoringDesk(ws, EXPERT).review(project.submission_id).gates == (False, True)


def test_a_chairs_workspace_at_the_desk_offers_no_export_and_says_why(desk: DeskWindow) -> None:
    """The demo's desk opens a chair's workspace: no package was opened in it, so there are
    no scores to send back; the export is off and its tip says what to do instead."""
    action = desk.files.export_action
    assert not action.isEnabled()
    assert action.statusTip().startswith("No package was opened in this workspace: open the")
    assert desk.files.open_action.isEnabled()
