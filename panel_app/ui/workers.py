"""Long work off the UI thread: the worker reports progress and its result by signals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal

from panel_app.edition import EditionError
from panel_app.problems import InputRefused
from panel_app.ui.catalogue import refusal_text, workspace_report
from panel_app.workflow.files import IntakeCancelled
from panel_app.workflow.workspace import WorkspaceError


class Worker(QObject):
    """What every worker reports: progress, then one of succeeded, refused or cancelled,
    then finished."""

    def _home(self) -> None:
        """Back to the UI thread once the work is done, so that the worker is deleted
        there. Deleted in its own thread, its destructor would hold Qt's connection lock
        while PySide takes the GIL to look for Python overrides, as the UI thread, holding
        the GIL, waits for that lock to connect something: a deadlock (seen in CI, and here
        under gdb: the UI thread in QStatusBar::showMessage, the worker in
        PyGILState_Ensure)."""
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())

    progress = Signal(int, int)  # steps done, steps in all (0 when unknown)
    succeeded = Signal(object)  # the workflow's result
    refused = Signal(str)  # the report a person reads
    cancelled = Signal(str)
    finished = Signal()

    def run(self) -> None:
        raise NotImplementedError


# A workflow call given its progress and cancel callbacks: (progress, cancelled) -> result.
Task = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class TaskWorker(Worker):
    """Runs a workflow call in the worker thread; cancelling sets a flag it checks between
    steps (PackageCancelled: the call rolled back whatever it had begun)."""

    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        from panel_app.workflow.review.expert_workbook import PackageCancelled  # not at start
        from panel_app.workflow.secretariat.exports import ExportRefused
        from panel_app.workflow.vote.public_vote import VotesRefused

        try:
            result = self._task(self.progress.emit, self._stop.is_set)
            self.succeeded.emit(result)
        except InputRefused as refused:
            self.refused.emit(refusal_text(refused))
        except (PackageCancelled, IntakeCancelled) as stopped:
            self.cancelled.emit(str(stopped))
        except WorkspaceError as error:  # said in the window's language, the detail below
            self.refused.emit(workspace_report(error))
        except (EditionError, ExportRefused, VotesRefused, OSError) as error:
            self.refused.emit(refusal_text(error))
        finally:
            self._home()
            self.finished.emit()


class _Keeper(QObject):
    """Holds the worker's Python wrapper until its thread has finished.

    A parentless QObject made in Python dies with its last Python reference: a window that
    drops its reference when the worker reports `finished` would delete the worker while
    its thread is still returning from `run` (a crash seen as a segfault or bus error).
    The keeper lives in the UI thread and lets the worker go (deleted there) only after
    the thread's `finished`.
    """

    def __init__(self, worker: Worker, parent: QObject) -> None:
        super().__init__(parent)
        self.worker: Worker | None = worker

    def release(self) -> None:
        self.worker = None
        self.deleteLater()


def start_in_thread(worker: Worker, parent: QObject, ended: Callable[[], None]) -> QThread:
    """Runs `worker.run` in a new thread; `ended()` runs here once that thread has ended,
    not merely once the worker has reported `finished` (the thread is still returning
    then, and deleting its QThread would abort the process: "QThread: Destroyed while
    thread is still running")."""
    thread = QThread(parent)
    keeper = _Keeper(worker, parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # quit is thread-safe: called in the worker's thread as `run` ends, the thread ends at
    # once (queued, it would wait for the UI thread's next turn of its event loop).
    worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    # Queued (the QThread lives here): these run in the UI thread, the thread done. The
    # worker is deleted in the UI thread (Worker._home), when the keeper lets it go.
    thread.finished.connect(ended)
    thread.finished.connect(keeper.release)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread


def wait_until_ended(thread: Callable[[], QThread | None]) -> None:
    """Blocks until `thread()` is None: its thread has ended and the `ended` given to
    start_in_thread has run. Events flow meanwhile: the worker's last reports, and `ended`
    itself, arrive as events."""
    while (running := thread()) is not None:
        running.wait(50)
        QCoreApplication.processEvents()
