"""File > Open package… and File > Export scores…: the file dialogs (remembering their
folders), the work in a worker thread with a progress dialog and Cancel, and the result.

The file dialogs are attributes (`choose_package`, `choose_export`) so a test can answer
them with a path, as a person would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QThread, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog, QWidget

# panel_app.workflow.expert_workbook is imported when a package is opened or exported: it
# brings the workbook library, which a desk that only scores never needs (the cold start).
from panel_app.workflow.workspace import WorkspaceLocation

from .catalogue import round_name
from .workers import Task, TaskWorker, start_in_thread

PACKAGE_DIR_KEY = "dialogs/package_dir"
EXPORT_DIR_KEY = "dialogs/export_dir"
REPORT_LINES_SHOWN = 12  # a longer report goes under "Show Details…"

# (parent, title, folder or suggested file) -> the chosen path, "" when the person cancels
ChooseFile = Callable[[QWidget, str, str], str]


def _workbooks() -> str:
    return QCoreApplication.translate("PackageFiles", "Review workbooks (*.xlsx)")


def _ask_open(parent: QWidget, title: str, start: str) -> str:
    name, _ = QFileDialog.getOpenFileName(parent, title, start, _workbooks())
    return name


def _ask_save(parent: QWidget, title: str, start: str) -> str:
    name, _ = QFileDialog.getSaveFileName(parent, title, start, _workbooks())
    return name


class PackageFiles(QObject):
    """The two menu commands of the expert's side, for the window that holds them."""

    opened = Signal(object, object)  # WorkspaceLocation, OpenedPackage
    exported = Signal(object)  # ExportedScores
    started = Signal(object)  # the TaskWorker, before its thread starts

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        target: Callable[[], WorkspaceLocation],
        before_export: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._target = target  # where a package goes, and where scores are exported from
        self._before_export = before_export
        self.choose_package: ChooseFile = _ask_open
        self.choose_export: ChooseFile = _ask_save
        self.expert_code = ""  # names the suggested export file
        self.worker: TaskWorker | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._thread: QThread | None = None
        self.last_message: QMessageBox | None = None  # the result or refusal last shown
        self._title = self._refused_text = self._cancelled_text = ""

        self.open_action = QAction(self.tr("Open &package…"), window)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_action.setStatusTip(
            self.tr("Load the review package the chair sent you, to score its projects")
        )
        self.open_action.triggered.connect(self.choose_and_open)
        self.export_action = QAction(self.tr("&Export scores…"), window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip(
            self.tr("Write your scores to a signed workbook to send to the chair")
        )
        self.export_action.triggered.connect(self.choose_and_export)
        for action in (self.open_action, self.export_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._set_enabled(True)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    # --- open ----------------------------------------------------------------------------
    def choose_and_open(self) -> TaskWorker | None:
        start = str(self._settings.value(PACKAGE_DIR_KEY, str(Path.home())))
        name = self.choose_package(self._window, self.tr("Open review package"), start)
        if not name:
            return None
        self._settings.setValue(PACKAGE_DIR_KEY, str(Path(name).parent))
        return self.start_open(Path(name))

    def start_open(self, path: Path) -> TaskWorker | None:
        location = self._target()

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from panel_app.workflow.expert_workbook import open_package

            result = open_package(location, path, progress=progress, cancelled=cancelled)
            return location, result

        return self._start(
            task,
            self.tr("Opening {file}…").format(file=path.name),
            self.tr("Open review package"),
            self._open_succeeded,
            self.tr(
                "The package was not opened; nothing was changed. Correct the file, or ask "
                "the chair for a new one, and open it again."
            ),
            self.tr("Opening cancelled; nothing was changed"),
        )

    def _open_succeeded(self, outcome: object) -> None:
        assert isinstance(outcome, tuple)
        location, result = outcome
        from panel_app.workflow.expert_workbook import OpenedPackage

        assert isinstance(location, WorkspaceLocation) and isinstance(result, OpenedPackage)
        self.opened.emit(location, result)
        text = self.tr(
            "Opened the {round} package of expert {expert}: {projects} projects loaded "
            "({added} new to this workspace), {reviews} scored reviews taken from the workbook."
        ).format(
            round=round_name(result.round),
            expert=result.expert_code,
            projects=result.projects,
            added=result.added,
            reviews=result.reviews,
        )
        self._tell(
            self.tr("Package opened"),
            text,
            self.tr("Workspace: {workspace}").format(workspace=result.workspace),
        )

    # --- export --------------------------------------------------------------------------
    def choose_and_export(self) -> TaskWorker | None:
        folder = str(self._settings.value(EXPORT_DIR_KEY, str(Path.home())))
        suggested = str(Path(folder) / f"{self.expert_code or 'my'}-scores.xlsx")
        name = self.choose_export(self._window, self.tr("Export scores"), suggested)
        if not name:
            return None
        from panel_app.workflow.expert_workbook import scored_workbook_path

        path = scored_workbook_path(name)
        self._settings.setValue(EXPORT_DIR_KEY, str(path.parent))
        return self.start_export(path)

    def start_export(self, out: Path) -> TaskWorker | None:
        self._before_export()  # e.g. the comment being typed, recorded first
        location = self._target()

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from panel_app.workflow.expert_workbook import export_scores_at

            return export_scores_at(location, out, progress=progress, cancelled=cancelled)

        return self._start(
            task,
            self.tr("Writing {file}…").format(file=out.name),
            self.tr("Export scores"),
            self._export_succeeded,
            self.tr("The scores were not exported; nothing was written."),
            self.tr("Export cancelled; nothing was written"),
        )

    def _export_succeeded(self, result: object) -> None:
        from panel_app.workflow.expert_workbook import ExportedScores

        assert isinstance(result, ExportedScores)
        self.exported.emit(result)
        text = self.tr(
            "Wrote {file}, revision {revision}, signed: {scored} of {projects} projects "
            "scored, {unscored} not yet scored, {conflicts} with a conflict of interest "
            "declared."
        ).format(
            file=result.path.name,
            revision=result.revision,
            scored=result.scored,
            projects=result.projects,
            unscored=result.unscored,
            conflicts=result.conflicts,
        )
        self._tell(
            self.tr("Scores exported"),
            text,
            self.tr("Saved in {folder}. Send this file to the chair.").format(
                folder=result.path.parent
            ),
        )

    # --- the worker ----------------------------------------------------------------------
    def _start(
        self,
        task: Task,
        label: str,
        title: str,
        succeeded: Callable[[object], None],
        refused_text: str,
        cancelled_text: str,
    ) -> TaskWorker | None:
        if self._thread is not None:
            return None
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self._window)
        dialog.setWindowTitle(title)
        dialog.setAccessibleName(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        worker = TaskWorker(task)
        self.worker, self.progress_dialog = worker, dialog
        self._title, self._refused_text, self._cancelled_text = title, refused_text, cancelled_text
        # To a method here, so it runs now: the worker's thread is busy with the work.
        dialog.canceled.connect(self.cancel)
        # Queued explicitly, to methods of this object: the slots touch widgets.
        queued = Qt.ConnectionType.QueuedConnection
        worker.progress.connect(self._show_progress, queued)
        worker.succeeded.connect(succeeded, queued)
        worker.refused.connect(self._refused, queued)
        worker.cancelled.connect(self._cancelled, queued)
        worker.finished.connect(self._finished, queued)
        self._set_enabled(False)
        self.started.emit(worker)
        self._thread = start_in_thread(worker, self)
        return worker

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()  # sets a flag: safe from any thread

    def stop(self) -> None:
        """The window closes: cancel the work and wait for it to roll back."""
        self.cancel()
        # Events flow meanwhile: the thread's quit comes as one (a plain wait would hang).
        while self._thread is not None and not self._thread.wait(50):
            QCoreApplication.processEvents()

    def _show_progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(min(done, total) if total else 0)

    def _finished(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
        self.progress_dialog, self.worker, self._thread = None, None, None
        self._set_enabled(True)

    def _set_enabled(self, enabled: bool) -> None:
        self.open_action.setEnabled(enabled)
        self.export_action.setEnabled(enabled and bool(self.expert_code))

    def set_expert(self, code: str) -> None:
        """The expert whose desk is open ("" for none): export needs one."""
        self.expert_code = code
        self._set_enabled(not self.busy)

    def _cancelled(self, _text: str) -> None:
        self._window.statusBar().showMessage(self._cancelled_text, 10000)

    def _refused(self, report: str) -> None:
        title, text = self._title, self._refused_text
        lines = report.splitlines()
        shown = "\n".join(lines[:REPORT_LINES_SHOWN])
        if len(lines) > REPORT_LINES_SHOWN:
            shown += "\n" + self.tr("… and {n} more (Show Details…)").format(
                n=len(lines) - REPORT_LINES_SHOWN
            )
        box = self._box(QMessageBox.Icon.Warning, title, text, shown)
        if len(lines) > REPORT_LINES_SHOWN:
            box.setDetailedText(report)
        box.open()

    def _tell(self, title: str, text: str, more: str) -> None:
        """The result, in the status bar and in a message the person closes."""
        self._window.statusBar().showMessage(text, 15000)
        self._box(QMessageBox.Icon.Information, title, text, more).open()

    def _box(self, icon: QMessageBox.Icon, title: str, text: str, more: str) -> QMessageBox:
        box = QMessageBox(self._window)
        box.setObjectName("packageFilesMessage")
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setAccessibleName(title)
        box.setText(text)
        box.setInformativeText(more)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        return box
