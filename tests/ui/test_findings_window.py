"""The rule findings by rule in a window of their own: counts per rule, the evidence, an
overrule and its undoing with reasons (a blank reason refused), and the chair's window
told (the flagged count changes)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from panel_app.ui.chair.findings import FindingsWindow
from panel_app.ui.chair.main_window import MainWindow
from panel_app.workflow.intake.checks import list_findings, run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.workspace import locate_workspace, open_workspace

from ..workflow.conftest import submission_row, write_workbook


def _read(qtbot: QtBot, window: FindingsWindow) -> None:
    qtbot.waitUntil(lambda: window.report is not None and not window.loading.busy, timeout=30000)


def test_findings_by_rule_overruled_and_restored_with_reasons(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    settings: QSettings,
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    path = tmp_path / "ws.sqlite"
    rows = [submission_row(1), submission_row(2, SDGs=None), submission_row(3, SDGs=None)]
    with open_workspace(locate_workspace(path), create=True, edition_key="wsis-2020") as ws:
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", rows))
        run_checks(ws)
    chair = MainWindow(settings)
    qtbot.addWidget(chair)
    assert chair.open_location(locate_workspace(path))
    assert "2 flagged" in chair.empty_label.text()
    chair.findings_action.trigger()
    window = chair.findings_window
    assert isinstance(window, FindingsWindow)
    qtbot.addWidget(window)
    _read(qtbot, window)
    qtmodeltester.check(window.model)

    assert window.categories.item(0).text() == "All rules (2 open of 2)"
    no_sdg = next(r for r in range(window.categories.count()) if window._category_at(r) == "no-sdg")
    assert window.categories.item(no_sdg).text().endswith("(2 open of 2)")
    window.categories.setCurrentRow(no_sdg)
    assert window.model.rowCount() == 2
    first = window.current_finding()
    assert first is not None and first.submission_id == "2"
    assert window.model.index(0, 5).data() == "open"
    assert first.evidence in window.detail.toPlainText()
    window.grab().save(str(screenshot_dir / "chair-findings-en.png"))

    window.ask_reason = lambda _title, _label: "   "
    window.overrule_action.trigger()
    assert window.last_refusal == "an overrule needs a reason: say why the finding does not apply"
    window.ask_reason = lambda _title, _label: "Goals named in the linkage text"
    window.overrule_action.trigger()
    _read(qtbot, window)
    qtbot.waitUntil(lambda: "1 flagged" in chair.empty_label.text())  # the chair's window heard
    assert window.categories.item(0).text() == "All rules (1 open of 2)"
    window.open_only.setChecked(True)
    assert [r.submission_id for r in window.model.rows] == ["3"]
    window.open_only.setChecked(False)
    row = next(n for n, r in enumerate(window.model.rows) if r.submission_id == "2")
    window.table.selectRow(row)
    assert window.restore_action.isEnabled() and not window.overrule_action.isEnabled()
    assert "Overruled by" in window.detail.toPlainText()

    window.ask_reason = lambda _title, _label: "The linkage text names no goal after all"
    window.restore_action.trigger()
    _read(qtbot, window)
    assert window.categories.item(0).text() == "All rules (2 open of 2)"
    with open_workspace(locate_workspace(path)) as ws:
        assert all(f.overruled_at is None for f in list_findings(ws))
