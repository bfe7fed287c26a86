"""File > Write review packages as a chair uses it: the nomination round's packages for a
demo panel written to a folder through the menu, the result in words, the files there
and readable; a round with no assignments says what to do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from panel_app.demo.workspace import create_demo_workspace
from panel_app.formats.review_workbook import read_review_workbook
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.chair.package_out import PACKAGES_DIR_KEY
from panel_app.workflow.review.expert_workbook import _package_criteria
from panel_app.workflow.workspace import locate_workspace


def _write(qtbot: QtBot, window: MainWindow, round_key: str, folder: Path) -> QMessageBox:
    window.packages_out.choose_folder = lambda _parent, _title, _start: str(folder)
    window.packages_out.by_round[round_key].trigger()
    qtbot.waitUntil(lambda: not window.packages_out.busy, timeout=120000)
    box = window.packages_out.last_message
    assert box is not None
    return box


def test_the_panels_packages_written_through_the_menu(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    location = locate_workspace(tmp_path / "chair.sqlite")
    create_demo_workspace(location, count=60)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert not window.packages_out.menu.isEnabled()  # no workspace yet
    assert window.open_location(location)

    out = tmp_path / "to send"
    box = _write(qtbot, window, "nomination", out)
    files = sorted(out.glob("*.xlsx"))
    assert files
    projects = sum(len(read_review_workbook(f, _package_criteria).rows) for f in files)
    assert box.text() == (
        f"Wrote {len(files)} of {len(files)} review packages (nomination round) to {out}: "
        f"{projects} projects in all, {len(files)} packages newly issued."
    )
    assert files[0].name in box.informativeText() + (box.detailedText() or "")
    assert settings.value(PACKAGES_DIR_KEY) == str(out)

    again = _write(qtbot, window, "nomination", out)  # the same packages, none new
    assert again.text().endswith(f"{projects} projects in all, 0 packages newly issued.")

    final = _write(qtbot, window, "final", tmp_path / "final")
    assert final.icon() == QMessageBox.Icon.Warning
    assert final.text() == (
        "No expert has projects assigned in the final round: assign them first."
    )
