"""File > Import submissions… in the chair's window: the secretariat's set read in a
child process (workflow.intake.isolated: a reader that crashes cannot take the window
with it), from a worker thread, with progress, Cancel, and the result or the refusal with
every located problem. Into the workspace open in the window, else the default one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from panel_app.ui.file_tasks import FileTasks
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.language import installed_language
from panel_app.ui.workers import TaskWorker
from panel_app.workflow.workspace import WorkspaceLocation

IMPORT_DIR_KEY = "dialogs/import_dir"

# (parent, title, folder) -> the chosen path, "" when the person cancels
ChooseFile = Callable[[QWidget, str, str], str]


class ImportFiles(FileTasks):
    imported = Signal(object, object)  # the WorkspaceLocation, the IntakeResult

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        target: Callable[[], WorkspaceLocation],
    ) -> None:
        super().__init__(window, settings)
        self._target = target
        self._location: WorkspaceLocation | None = None  # of the import under way
        self.choose_file: ChooseFile = self._ask
        self.import_action = QAction(self.tr("&Import submissions…"), window)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.choose_and_import)

    def _set_enabled(self, enabled: bool) -> None:
        self.import_action.setEnabled(enabled)

    def _ask(self, parent: QWidget, title: str, start: str) -> str:
        name, _ = QFileDialog.getOpenFileName(
            parent, title, start, self.tr("Submission sets (*.xlsx *.csv)")
        )
        return name

    def choose_and_import(self) -> TaskWorker | None:
        start = start_folder(self._settings, IMPORT_DIR_KEY)
        name = self.choose_file(self._window, self.tr("Import submissions"), start)
        if not name:
            return None
        remember_folder(self._settings, IMPORT_DIR_KEY, str(Path(name).parent))
        return self.start_import(Path(name))

    def start_import(self, path: Path) -> TaskWorker | None:
        if self.busy:
            return None
        location = self._location = self._target()

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from panel_app.workflow.intake.isolated import import_submissions_isolated

            return import_submissions_isolated(
                location,
                path,
                progress=lambda done, total: progress(done, total or 0),
                cancelled=cancelled,
            )

        return self._start(
            task,
            self.tr("Importing {file}…").format(file=path.name),
            self.tr("Import submissions"),
            self._imported,
            self.tr("Nothing was imported. Correct the file and import it again."),
            self.tr("Import cancelled; nothing was imported"),
        )

    def _imported(self, result: object) -> None:
        self.imported.emit(self._location, result)
        if getattr(result, "notes", None):
            self._read_notes(result)

    def _read_notes(self, result: Any) -> None:
        """How the file was read where the chair should know, said at once, every row
        under Show Details…: categories read by their code (to check), formulas read as
        their text, texts cleaned of characters (the audit log keeps the list)."""
        said: list[str] = []
        details: list[str] = []
        for kind, notes in result.note_groups():
            if kind == "categories":
                groups = result.categories_by_code()
                said.append(
                    self.tr(
                        "Categories written as their action-line code with words that are "
                        "not the edition's spelling were read by the code (rows: {count}): "
                        "check that each project belongs there."
                    ).format(count=sum(len(g.rows) for g in groups))
                )
                details.append(self.tr("Categories read by their code:"))
                details += [group.describe(installed_language()) for group in groups]
                details += [
                    note.describe(installed_language()) for note in notes if note.row is None
                ]
            elif kind == "formulas":
                said.append(
                    self.tr(
                        "Formulas with no saved result were read as their text, not "
                        "computed (cells: {count})."
                    ).format(count=len(notes))
                )
                details.append(self.tr("Formulas read as text:"))
                details += [note.describe(installed_language()) for note in notes]
            else:
                said.append(
                    self.tr(
                        "Some texts held characters that no file of the app keeps (control "
                        "characters, direction overrides, noncharacters): they were stored "
                        "without them."
                    )
                )
                details.append(self.tr("Characters removed:"))
                details += [note.describe(installed_language()) for note in notes]
            details.append("")
        box = self._box(
            QMessageBox.Icon.Information,
            self.tr("Import submissions"),
            " ".join([self.tr("Imported {file}.").format(file=result.file), *said]),
            self.tr("Show Details… says in which rows and cells."),
        )
        box.setDetailedText("\n".join(details).strip())
        box.open()

    def _show_progress(self, done: int, total: int) -> None:
        super()._show_progress(done, total)
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(self.tr("{done} rows read").format(done=done))

    def _refused(self, report: str) -> None:
        """Every problem of the file under Show Details…, however few."""
        box = self._box(QMessageBox.Icon.Warning, self.tr("Import refused"), self._refused_text, "")
        box.setDetailedText(report)
        box.open()
