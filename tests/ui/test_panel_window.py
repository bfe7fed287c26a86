"""The expert panel in the chair's window: the experts list imported through the menu, the
assignment run with K experts per project, each expert's load and each project's experts,
an expert assigned and taken off by hand with reasons, a refusal said (nothing changed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.chair.panel_window import PanelWindow
from panel_app.workflow.record import AuditFilter, audit_lines
from panel_app.workflow.workspace import locate_workspace, open_workspace
from tests.formats.test_experts import write_xlsx
from tests.workflow.test_experts_and_assignment import panel_rows, submissions


def _read(qtbot: QtBot, window: PanelWindow) -> None:
    qtbot.waitUntil(lambda: window.overview is not None and not window.loading.busy, timeout=30000)


def test_the_panel_imported_assigned_and_changed_by_hand_in_the_window(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    settings: QSettings,
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    location = locate_workspace(tmp_path / "ws.sqlite")
    with open_workspace(location, create=True, edition_key="wsis-2020") as ws:
        submissions(ws, tmp_path)
    chair = MainWindow(settings)
    qtbot.addWidget(chair)
    assert chair.open_location(location)
    chair.panel_action.trigger()
    window = chair.panel_window
    assert isinstance(window, PanelWindow)
    qtbot.addWidget(window)
    _read(qtbot, window)
    qtmodeltester.check(window.experts)
    assert window.experts.rowCount() == 0 and window.projects.rowCount() == 40

    window.choose_file = lambda _title: tmp_path / "missing.xlsx"
    window.import_experts_action.trigger()
    assert "missing.xlsx" in window.last_refusal  # said, with the file named
    window.choose_file = lambda _title: write_xlsx(tmp_path / "experts.xlsx", panel_rows())
    window.import_experts_action.trigger()
    _read(qtbot, window)
    assert window.statusBar().currentMessage().startswith("Imported experts.xlsx: 12 experts read")
    assert window.experts.rowCount() == 12

    window.ask_per_project = lambda: 3
    window.assign_action.trigger()
    _read(qtbot, window)
    assert window.statusBar().currentMessage().startswith("120 assignments added, 0 kept")
    assert sum(int(row[2]) for row in window.experts.rows) == 120
    assert window.state_label.text().startswith(
        "12 experts, 40 projects in this round; 120 assignments, 0 reviews returned."
    )
    window.grab().save(str(screenshot_dir / "chair-panel-en.png"))

    window.tabs.setCurrentIndex(1)
    window.project_table.selectRow(0)
    project = window.current_project()
    assert project is not None and len(project.experts) == 3
    assert "Experts: " + ", ".join(project.experts) in window.detail.toPlainText()
    spare = next(
        e.expert_id
        for e in window.overview.experts  # type: ignore[union-attr]
        if e.expert_id not in project.experts and e.expert_id in ("E2", "E3", "E4", "E5")
    )  # no declared conflict with 1001 (an e-health project of Org 0)
    window.ask_expert = lambda _title, codes: spare if spare in codes else None
    window.ask_reason = lambda _title, _label: "  "
    window.add_action.trigger()
    assert window.last_refusal == "a reason is required, for the record"
    window.ask_reason = lambda _title, _label: "Her field exactly"
    window.add_action.trigger()
    _read(qtbot, window)
    assert (
        window.statusBar().currentMessage().startswith(f"{spare} reviews {project.submission_id}.")
    )
    window.tabs.setCurrentIndex(1)
    window.project_table.selectRow(0)
    again = window.current_project()
    assert again is not None and spare in again.experts and len(again.experts) == 4

    window.ask_reason = lambda _title, _label: "Too many reviewers on one project"
    window.remove_action.trigger()
    _read(qtbot, window)
    with open_workspace(location) as ws:
        actions = [line.action for line in audit_lines(ws, AuditFilter(action="assignment."))]
    assert actions == ["assignment.planned", "assignment.added", "assignment.removed"]
