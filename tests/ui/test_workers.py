"""The worker threads the windows run their work in, many times over in one session."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from panel_app.ui.workers import TaskWorker, start_in_thread


class _Sink(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.done = 0

    def progress(self, _done: int, _total: int) -> None:
        pass

    def finished(self) -> None:
        self.done += 1


def test_a_long_session_of_worker_tasks_keeps_pythons_reference_counts_sound(
    qtbot: QtBot,
) -> None:
    """Measured here: under PySide6 6.12.0 every worker run took about ten references
    from None until CPython aborted ("deallocating None") after some hundred tasks;
    6.11.3 does not (pinned in requirements/constraints.txt)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    sink = _Sink()

    def run(count: int) -> None:
        for _ in range(count):
            worker = TaskWorker(lambda progress, _cancelled: [progress(i, 5) for i in range(5)])
            worker.progress.connect(sink.progress, Qt.ConnectionType.QueuedConnection)
            worker.finished.connect(sink.finished, Qt.ConnectionType.QueuedConnection)
            target = sink.done + 1
            start_in_thread(worker, window)
            del worker
            qtbot.waitUntil(lambda target=target: sink.done >= target, timeout=10000)
        qtbot.wait(50)  # the threads' own endings

    run(5)
    gc.collect()  # other tests' garbage, collected now rather than during the count
    before = sys.getrefcount(None)
    run(60)
    gc.collect()
    assert sys.getrefcount(None) >= before - 60  # 6.12.0: about 600 to 1,000 fewer
