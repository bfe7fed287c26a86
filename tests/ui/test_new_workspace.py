"""File > New workspace…: the file and the edition chosen in one dialog, the empty workspace
created and shown, ready for the submission set; a file already there is never taken."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.chair.new_workspace import NewWorkspaceDialog
from panel_app.workflow.workspace import edition_choices


def test_the_dialog_asks_a_new_file_and_offers_the_editions_newest_first(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = NewWorkspaceDialog(edition_choices(), str(tmp_path), "en")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    assert dialog.path.text() == str(tmp_path / "panel-2020.sqlite")  # a name to start from
    assert [dialog.edition.itemText(i) for i in range(dialog.edition.count())][:2] == [
        "WSIS Prizes 2020",
        "WSIS Prizes 2017",
    ]
    assert ok.isEnabled()
    (tmp_path / "taken.sqlite").write_bytes(b"")
    dialog.path.setText(str(tmp_path / "taken.sqlite"))
    assert not ok.isEnabled()
    assert dialog.hint.text().startswith("A file is there already")
    dialog.path.setText("")
    assert not ok.isEnabled() and dialog.hint.text() == "Name the workspace's file."
    dialog.path.setText(str(tmp_path / "season"))  # no suffix: the workspace's is added
    dialog.edition.setCurrentIndex(dialog.edition.findData("wsis-2017"))
    assert ok.isEnabled()
    assert dialog.chosen() == (tmp_path / "season.sqlite", "wsis-2017")


def test_file_new_workspace_creates_it_and_shows_it(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.welcome is not None and window.welcome.new_workspace is not None
    path = tmp_path / "panel-2017.sqlite"
    window.creator.choose = lambda: (path, "wsis-2017")  # the dialog, answered
    window.welcome.new_workspace.click()
    assert window.workspace is not None and window.workspace.location.path == path
    assert window.workspace.edition.key == "wsis-2017" and window.welcome is None
    assert window.categories.index(0, 0).data() == "All categories (0)"
    assert (
        window.statusBar()
        .currentMessage()
        .startswith(
            "Created panel-2017.sqlite (WSIS Prizes 2017): import the secretariat's submission set"
        )
    )
    # Again on the same file: refused, said, the workspace open stays open.
    assert not window.creator.create(path, "wsis-2020")
    box = window.findChild(QMessageBox, "workspaceProblem")
    assert box is not None and box.windowTitle() == "The workspace was not created"
    assert "panel-2017.sqlite exists already: open it" in box.informativeText()
    box.close()
    assert window.workspace is not None and window.workspace.edition.key == "wsis-2017"
