"""The audit log's hash chain walked when a workspace opens, in a worker thread: at 100k
entries the walk takes seconds, and the chair's window is usable meanwhile. The result
comes back to the window (a banner when the chain is broken)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QThread

from panel_app.ui.catalogue import workspace_report
from panel_app.ui.workers import Worker, start_in_thread, wait_until_ended
from panel_app.workflow.record import ChainCheck, verify_audit_log
from panel_app.workflow.workspace import WorkspaceError, WorkspaceLocation, open_workspace


class _ChainWalk(Worker):
    def __init__(self, location: WorkspaceLocation) -> None:
        super().__init__()
        self._location = location

    def run(self) -> None:
        try:
            with open_workspace(self._location) as workspace:  # a connection of its own
                self.succeeded.emit(verify_audit_log(workspace))
        except WorkspaceError as error:
            self.refused.emit(workspace_report(error))
        finally:
            self._home()
            self.finished.emit()


class RecordCheck(QObject):
    """One walk at a time; a result for a workspace no longer open is dropped."""

    def __init__(
        self, parent: QObject, shown: Callable[[WorkspaceLocation, ChainCheck], None]
    ) -> None:
        super().__init__(parent)
        self._shown = shown
        self._thread: QThread | None = None
        self._location: WorkspaceLocation | None = None  # the workspace being walked
        self.last: ChainCheck | None = None  # the last walk's result

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, location: WorkspaceLocation) -> None:
        self.stop()  # the walk of a workspace closed meanwhile
        worker = _ChainWalk(location)
        self._location = location
        # Queued, to a method of this object (in the UI thread): the result touches widgets.
        worker.succeeded.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._thread = start_in_thread(worker, self, self._ended)

    def _done(self, check: object) -> None:
        assert isinstance(check, ChainCheck)
        self.last = check
        if self._location is not None:
            self._shown(self._location, check)

    def _ended(self) -> None:
        self._thread = None

    def stop(self) -> None:
        """Wait for a walk under way (it reads; nothing to undo)."""
        wait_until_ended(lambda: self._thread)
