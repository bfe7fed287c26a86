"""File > New workspace… in the chair's window: an empty workspace for the season, its file
and the edition it reviews chosen in one dialog, created (workflow.workspace.create_workspace)
and opened in the window, ready for the secretariat's submission set.

Without it a chair's first workspace was wherever an import put it (the default one, of the
newest edition). The dialog's file field takes a typed path as well as Browse…, so a test
fills it as a person would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.problems import workspace_message
from panel_app.workflow.workspace import WorkspaceError, WorkspaceLocation, locate_workspace

if TYPE_CHECKING:
    from panel_app.edition import Edition
    from panel_app.workflow.workspace import OpenWorkspace

NEW_DIR_KEY = "dialogs/workspace_dir"  # the folder File > Open workspace… starts in, too
SUFFIX = ".sqlite"


class NewWorkspaceDialog(QDialog):
    """The new workspace's file (typed, or chosen with Browse…) and its edition; OK stays
    off, saying why, until the file is a new one."""

    def __init__(
        self,
        editions: Sequence[Edition],
        folder: str,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newWorkspaceDialog")
        self.setWindowTitle(self.tr("New workspace"))
        self.path = QLineEdit(str(Path(folder) / f"panel-{editions[0].year}{SUFFIX}"))
        self.path.setAccessibleName(self.tr("Workspace file"))
        self.path.textChanged.connect(lambda _text: self._update())
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        self.edition = QComboBox()
        self.edition.setAccessibleName(self.tr("Edition"))
        for edition in editions:  # newest first: this year's season is the usual one
            self.edition.addItem(edition.title.get(language), edition.key)
        self.hint = QLabel()
        self.hint.setObjectName("newWorkspaceHint")
        self.hint.setWordWrap(True)
        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"))  # a row of two: the label's buddy is the field
        file_label.setBuddy(self.path)
        form.addRow(file_label, file_row)
        form.addRow(self.tr("&Edition:"), self.edition)
        about = QLabel(
            self.tr(
                "The workspace holds the season's submissions, experts, reviews and "
                "decisions in one file. Import the secretariat's submission set into it next."
            )
        )
        about.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._update()

    def chosen_path(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix else path.with_suffix(SUFFIX)

    def chosen(self) -> tuple[Path, str] | None:
        path = self.chosen_path()
        return (path, str(self.edition.currentData())) if path is not None else None

    def _browse(self) -> None:
        start = self.path.text().strip() or str(Path.home())
        name, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), start, self.tr("Workspaces (*.sqlite)")
        )
        if name:
            self.path.setText(name)

    def _update(self) -> None:
        path = self.chosen_path()
        if path is None:
            hint = self.tr("Name the workspace's file.")
        elif path.exists():
            hint = self.tr(
                "A file is there already: choose another name, or open it with File > Open "
                "workspace…"
            )
        else:
            hint = ""
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(not hint)


class NewWorkspace(QObject):
    """The action, its dialog and the creation; `opened(location, workspace)` shows it."""

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        language: str,
        opened: Callable[[WorkspaceLocation, OpenWorkspace], bool],
    ) -> None:
        super().__init__(window)
        self._window, self._settings, self._language = window, settings, language
        self._opened = opened
        self.new_action = QAction(self.tr("&New workspace…"), window)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setStatusTip(
            self.tr("An empty workspace for a season: its file and the edition it reviews")
        )
        self.new_action.triggered.connect(self.ask_and_create)
        # The dialog: an attribute, so a test may answer it without a screen.
        self.choose: Callable[[], tuple[Path, str] | None] = self._ask

    def _ask(self) -> tuple[Path, str] | None:
        from panel_app.workflow.workspace import edition_choices

        folder = start_folder(self._settings, NEW_DIR_KEY)
        dialog = NewWorkspaceDialog(edition_choices(), folder, self._language, self._window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def ask_and_create(self) -> bool:
        answer = self.choose()
        return answer is not None and self.create(*answer)

    def create(self, path: Path, edition_key: str) -> bool:
        from panel_app.workflow.workspace import create_workspace

        location = locate_workspace(path)
        try:
            workspace = create_workspace(location, edition_key)
        except WorkspaceError as error:
            title = self.tr("The workspace was not created")
            workspace_message(self._window, title, error).open()
            return False
        remember_folder(self._settings, NEW_DIR_KEY, str(path.parent))
        if not self._opened(location, workspace):
            return False
        self._window.statusBar().showMessage(
            self.tr(
                "Created {file} ({edition}): import the secretariat's submission set next "
                "(File > Import submissions…)."
            ).format(file=path.name, edition=workspace.edition.title.get(self._language)),
            20000,
        )
        return True
