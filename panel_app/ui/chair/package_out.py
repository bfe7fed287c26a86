"""File > Write review packages in the chair's window: one review workbook per expert with
assignments in the round (nomination or final), into a folder the chair picks (the dialog
remembers it), in a worker thread (workflow.packages.write_packages_at, as `panel-app
packages` does), with what was written said in words.

`choose_folder` is an attribute so a test can answer the dialog with a path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from panel_app.ui.catalogue import round_name
from panel_app.ui.file_tasks import WorkspaceFileTasks
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.workers import TaskWorker
from panel_app.workflow.workspace import WorkspaceLocation

PACKAGES_DIR_KEY = "dialogs/packages_dir"

# (parent, title, folder) -> the chosen folder, "" when the person cancels
ChooseFolder = Callable[[QWidget, str, str], str]


class PackagesOut(WorkspaceFileTasks):
    written = Signal(object)  # the PackagesResult

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        target: Callable[[], WorkspaceLocation | None],
    ) -> None:
        super().__init__(window, settings, target)
        self.choose_folder: ChooseFolder = lambda parent, title, start: (
            QFileDialog.getExistingDirectory(parent, title, start)
        )
        self.menu = QMenu(self.tr("Write review &packages"), window)
        self.menu.setStatusTip(self.tr("One review workbook per expert, to send out"))
        self.by_round: dict[str, QAction] = {}
        for round_key, text in (
            ("nomination", self.tr("&Nomination round…")),
            ("final", self.tr("&Final round…")),
        ):
            action = self.menu.addAction(text)
            action.triggered.connect(lambda _checked=False, r=round_key: self.choose_and_write(r))
            self.by_round[round_key] = action
        self.actions = list(self.by_round.values())
        self.update_enabled()

    def choose_and_write(self, round_key: str) -> TaskWorker | None:
        start = start_folder(self._settings, PACKAGES_DIR_KEY)
        title = self.tr("Write the {round} packages to").format(round=round_name(round_key))
        folder = self.choose_folder(self._window, title, start)
        if not folder:
            return None
        remember_folder(self._settings, PACKAGES_DIR_KEY, folder)
        return self.start_writing(round_key, Path(folder))

    def start_writing(self, round_key: str, folder: Path) -> TaskWorker | None:
        location = self._target()
        if location is None:
            return None

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from panel_app.workflow.review.packages import write_packages_at

            return write_packages_at(
                location, folder, round_key=round_key, progress=progress, cancelled=cancelled
            )

        return self._start(
            task,
            self.tr("Writing the review packages…"),
            self.tr("Write review packages"),
            self._done,
            self.tr("No package was written."),
        )

    def _done(self, outcome: object) -> None:
        from panel_app.workflow.review.packages import PackagesResult

        assert isinstance(outcome, PackagesResult)
        result = outcome
        self.written.emit(result)
        title = self.tr("Write review packages")
        if not result.experts:
            text = self.tr(
                "No expert has projects assigned in the {round} round: assign them first."
            ).format(round=round_name(result.round))
            self._show_report(QMessageBox.Icon.Warning, title, text, "")
            return
        folder = result.files[0].path.parent if result.files else None
        text = self.tr(
            "Wrote {files} of {experts} review packages ({round} round) to {folder}: "
            "{projects} projects in all, {new} packages newly issued."
        ).format(
            files=len(result.files),
            experts=result.experts,
            round=round_name(result.round),
            folder=folder if folder is not None else "–",
            projects=sum(f.projects for f in result.files),
            new=sum(1 for f in result.files if f.newly_issued),
        )
        if result.cancelled:
            text += " " + self.tr(
                "Cancelled: the ones written are valid; writing again writes them all."
            )
        lines = [
            self.tr("{file}: expert {expert}, {projects} projects").format(
                file=f.path.name, expert=f.expert_code, projects=f.projects
            )
            for f in result.files
        ]
        icon = QMessageBox.Icon.Information
        if result.notes:  # a finalist tie still open: said up front, the details below
            text += " " + self.tr("A tie for the last finalist places is not settled yet.")
            lines = [*result.notes, "", *lines]
            icon = QMessageBox.Icon.Warning
        self._window.statusBar().showMessage(text, 15000)
        self._show_report(icon, title, text, "\n".join(lines))
