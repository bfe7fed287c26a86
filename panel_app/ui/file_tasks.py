"""What every file command of a window shares: the work in a worker thread with a
progress dialog and Cancel, the window's commands disabled meanwhile, and the result or
refusal in the status bar and a message the person closes.

Subclasses (package_files, merge_files) hold the menu actions and say what is done and
shown; `last_message` and `started` let a test see the result and hook the worker.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QThread, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QProgressDialog

from panel_app.ui.workers import Task, TaskWorker, start_in_thread, wait_until_ended
from panel_app.workflow.workspace import WorkspaceLocation

REPORT_LINES_SHOWN = 12  # a longer report goes under "Show Details…"


# Texts of this class are translated in its own context, named explicitly: self.tr() here
# would look under the subclass's name, where pyside6-lupdate does not put them.
class FileTasks(QObject):
    started = Signal(object)  # the TaskWorker, before its thread starts

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self.worker: TaskWorker | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._thread: QThread | None = None
        self.last_message: QMessageBox | None = None  # the result or refusal last shown
        self._title = self._refused_text = self._cancelled_text = ""

    @property
    def busy(self) -> bool:
        """A task's thread is running (it may have reported already: it is ending)."""
        return self._thread is not None

    def _set_enabled(self, enabled: bool) -> None:
        """The subclass's actions, off while one runs."""

    def _start(
        self,
        task: Task,
        label: str,
        title: str,
        succeeded: Callable[[object], None],
        refused_text: str,
        cancelled_text: str = "",  # for tasks that raise a cancel; others report their own
    ) -> TaskWorker | None:
        if self._thread is not None:
            return None
        cancel = QCoreApplication.translate("FileTasks", "Cancel")
        dialog = QProgressDialog(label, cancel, 0, 0, self._window)
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
        self.started.emit(worker)
        self._thread = start_in_thread(worker, self, self._ended)
        self._set_enabled(False)  # busy now (its end comes as an event, after this)
        return worker

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()  # sets a flag: safe from any thread

    def stop(self) -> None:
        """The window closes: cancel the work and wait for it to roll back and its thread
        to end (the window deletes the thread with itself)."""
        self.cancel()
        wait_until_ended(lambda: self._thread)

    def _show_progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(min(done, total) if total else 0)

    def _finished(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
        self.progress_dialog, self.worker = None, None

    def _ended(self) -> None:
        """The task's thread has ended: another task may start."""
        self._thread = None
        self._set_enabled(True)

    def _cancelled(self, _text: str) -> None:
        self._window.statusBar().showMessage(self._cancelled_text, 10000)

    def _refused(self, report: str) -> None:
        self._show_report(QMessageBox.Icon.Warning, self._title, self._refused_text, report)

    def _show_report(self, icon: QMessageBox.Icon, title: str, text: str, report: str) -> None:
        """A message whose first lines of `report` show; all of it under Show Details…"""
        lines = report.splitlines()
        shown = "\n".join(lines[:REPORT_LINES_SHOWN])
        if len(lines) > REPORT_LINES_SHOWN:
            more = QCoreApplication.translate("FileTasks", "… and {n} more (Show Details…)")
            shown += "\n" + more.format(n=len(lines) - REPORT_LINES_SHOWN)
        box = self._box(icon, title, text, shown)
        if len(lines) > REPORT_LINES_SHOWN:
            box.setDetailedText(report)
        box.open()

    def _tell(self, title: str, text: str, more: str) -> None:
        """The result, in the status bar and in a message the person closes."""
        self._window.statusBar().showMessage(text, 15000)
        self._box(QMessageBox.Icon.Information, title, text, more).open()

    def _box(self, icon: QMessageBox.Icon, title: str, text: str, more: str) -> QMessageBox:
        box = QMessageBox(self._window)
        box.setObjectName("fileTaskMessage")
        box.setIcon(icon)
        box.setWindowTitle(title)
        box.setAccessibleName(title)
        box.setText(text)
        box.setInformativeText(more)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        return box


class WorkspaceFileTasks(FileTasks):
    """File commands of the chair's window on the workspace open there: `actions` are on
    while one is open and no command of theirs runs."""

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        target: Callable[[], WorkspaceLocation | None],
    ) -> None:
        super().__init__(window, settings)
        self._target = target  # the workspace open in the window; None when there is none
        self.actions: list[QAction] = []
        self.menu: QMenu | None = None  # a submenu holding the actions, if they have one

    def update_enabled(self) -> None:
        self._set_enabled(not self.busy)

    def _set_enabled(self, enabled: bool) -> None:
        enabled = enabled and self._target() is not None
        for action in self.actions:
            action.setEnabled(enabled)
        if self.menu is not None:
            self.menu.setEnabled(enabled)


class BackgroundLoad(FileTasks):
    """Reading work for a view (a ranking, the final round) in a worker thread, with the
    shared progress dialog and refusal; `on_change` hears when it starts and ends, so the
    view's commands can follow."""

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        super().__init__(window, settings)
        self.on_change: Callable[[], None] = lambda: None

    def _set_enabled(self, enabled: bool) -> None:
        self.on_change()

    def load(
        self,
        work: Callable[[], object],
        label: str,
        title: str,
        done: Callable[[object], None],
        refused_text: str,
    ) -> None:
        self._start(lambda _progress, _cancelled: work(), label, title, done, refused_text)
