"""File > Export for the secretariat as a chair uses it: a list written through the menu,
its format by the file type, the result in words; a list that cannot be written yet says
why; without a workspace the menu is off."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from panel_app.demo.workspace import create_demo_workspace
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.chair.secretariat_files import SECRETARIAT_DIR_KEY
from panel_app.workflow.workspace import WorkspaceLocation, locate_workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> WorkspaceLocation:
    location = locate_workspace(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    create_demo_workspace(location, count=150)
    return location


def _export(qtbot: QtBot, window: MainWindow, kind: str, path: Path) -> QMessageBox:
    window.secretariat.choose_file = lambda _parent, _title, _start: str(path)
    window.secretariat.by_kind[kind].trigger()
    qtbot.waitUntil(lambda: not window.secretariat.busy, timeout=60000)
    box = window.secretariat.last_message
    assert box is not None
    return box


def test_the_nominee_list_written_through_the_menu_and_a_list_not_ready_yet(
    qtbot: QtBot,
    settings: QSettings,
    demo: WorkspaceLocation,
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.secretariat.menu.isEnabled()  # no workspace yet
    assert window.open_location(demo)
    assert window.secretariat.menu.isEnabled()

    out = tmp_path / "for the secretariat" / "nominees.xlsx"
    out.parent.mkdir()
    box = _export(qtbot, window, "nominees", out)
    book = openpyxl.load_workbook(out, read_only=True)
    rows = book["Nominees"].max_row - 1
    book.close()  # read-only: the file stays open until closed (a ResourceWarning later)
    assert box.icon() == QMessageBox.Icon.Information
    assert box.text() == (
        f"Wrote the nominee list to nominees.xlsx: {rows} nominees, a proposal: the list is "
        "not frozen yet."
    )
    assert box.informativeText() == f"Saved in {out.parent}."
    assert window.statusBar().currentMessage() == box.text()
    assert settings.value(SECRETARIAT_DIR_KEY) == str(out.parent)
    qtbot.waitUntil(box.isVisible)
    box.grab().save(str(screenshot_dir / "chair-export-nominees.png"))

    refused = _export(qtbot, window, "finalists", tmp_path / "finalists.pdf")
    assert refused.icon() == QMessageBox.Icon.Warning
    assert refused.text() == "Nothing was written."
    assert "no vote data imported yet" in refused.informativeText()
    assert not (tmp_path / "finalists.pdf").exists()
