"""The audit log in the chair's window: every entry with the chain's state above it,
filtered by who, what, when and project as `panel-app audit show` filters, a date that is
not one refused with a message, and the entries shown exported and read back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from panel_app.demo.workspace import create_demo_workspace
from panel_app.ui.chair.audit_log import AuditLogWindow
from panel_app.ui.chair.main_window import MainWindow
from panel_app.workflow.nomination.nominees import nomination_report, remove_nominee
from panel_app.workflow.record import AuditFilter, audit_lines
from panel_app.workflow.workspace import WorkspaceLocation, locate_workspace, open_workspace


@pytest.fixture
def demo(tmp_path: Path) -> WorkspaceLocation:
    location = locate_workspace(tmp_path / "chair.sqlite")
    create_demo_workspace(location, count=150)
    with open_workspace(location) as ws:
        first = nomination_report(ws).entries[0].submission_id
        remove_nominee(ws, first, "Withdrawn by the organisation", actor="Chair Ada")
    return location


def _read(qtbot: QtBot, window: AuditLogWindow) -> None:
    qtbot.waitUntil(lambda: window.log is not None and not window.loading.busy, timeout=30000)


def test_the_log_filtered_and_exported_as_the_cli_would(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    settings: QSettings,
    demo: WorkspaceLocation,
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    chair = MainWindow(settings)
    qtbot.addWidget(chair)
    assert not chair.audit_action.isEnabled()
    assert chair.open_location(demo)
    chair.audit_action.trigger()
    window = chair.audit_window
    assert isinstance(window, AuditLogWindow)
    qtbot.addWidget(window)
    _read(qtbot, window)
    qtmodeltester.check(window.model)
    with open_workspace(demo) as ws:
        everything = audit_lines(ws)
        removal = audit_lines(ws, AuditFilter(action="nominee."))
    assert window.model.rowCount() == len(everything) > 1
    assert window.chain_label.text().startswith(
        f"The record is intact: {len(everything):,} entries, each chained"
    )
    assert window.count_label.text() == f"{len(everything):,} of {len(everything):,} entries shown."
    window.grab().save(str(screenshot_dir / "chair-audit-log-en.png"))

    window.action.setEditText("nominee.")  # every nominee decision, as `--action nominee.`
    window.actor.setEditText("chair ada")  # who, ignoring case
    window.show_button.click()
    _read(qtbot, window)
    (line,) = removal
    assert window.model.rowCount() == 1
    assert window.model.index(0, 2).data() == "Chair Ada"
    assert window.model.index(0, 3).data() == "nominee.removed"
    assert window.model.index(0, 5).data() == line.entity_id
    assert "nominee." in [window.action.itemText(i) for i in range(window.action.count())]

    window.submission.setText(line.entity_id)
    window.since.setText("31/03/2020")  # not as asked
    window.show_button.click()
    assert window.last_refusal == (
        "31/03/2020 is not a date: type it as YYYY-MM-DD, e.g. 2020-03-31"
    )
    window.since.setText(f"{line.at:%Y-%m-%d}")
    window.until.setText(f"{line.at:%Y-%m-%d}")  # inclusive: the whole day
    window.show_button.click()
    _read(qtbot, window)
    assert window.model.rowCount() == 1

    out = tmp_path / "log.xlsx"
    window.ask_export_path = lambda: out
    window.export_button.click()
    assert window.statusBar().currentMessage() == "Wrote 1 entries to log.xlsx."
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book["Audit log"].iter_rows(values_only=True))
    assert rows[1][3] == "nominee.removed" and rows[1][2] == "Chair Ada"
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Filter: actor"] == "chair ada" and about["Filter: action"] == "nominee."
    book.close()
