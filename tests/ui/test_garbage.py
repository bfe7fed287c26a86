"""Cyclic garbage is collected in the UI thread, never in a worker thread."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import weakref

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from panel_app.ui.garbage import UiThreadCollector, collect_in_ui_thread


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_app_collects_cycles_from_its_timer_not_where_they_were_made(
    qapp: QApplication, qtbot: QtBot
) -> None:
    collector = collect_in_ui_thread(qapp)
    assert collect_in_ui_thread(qapp) is collector  # once per application
    assert not gc.isenabled()

    collected_in: list[str] = []

    def note(phase: str, _info: dict[str, int]) -> None:
        if phase == "stop":
            collected_in.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:
        made: list[weakref.ref[_Cycle]] = []

        def allocate() -> None:  # far past every threshold, in a worker thread
            for _ in range(gc.get_threshold()[0] * 50):
                made.append(weakref.ref(_Cycle()))

        worker = threading.Thread(target=allocate, name="worker")
        worker.start()
        worker.join()
        assert collected_in == []  # the worker allocated; nothing was collected there
        assert any(ref() is not None for ref in made)

        qtbot.waitUntil(lambda: all(ref() is None for ref in made), timeout=10000)
        assert set(collected_in) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(note)


def test_a_generation_is_collected_only_when_its_threshold_was_crossed(
    qapp: QApplication,
) -> None:
    collector = collect_in_ui_thread(qapp)
    gc.collect()
    assert collector.collect_due() == -1
    keep = [[] for _ in range(gc.get_threshold()[0] + 10)]  # containers count as allocations
    assert collector.collect_due() == 0
    assert len(keep) > 0
    assert isinstance(collector, UiThreadCollector)


# Widgets of the UI thread left in reference cycles while a worker thread allocates: with
# CPython's automatic collection the worker collects them, deleting Qt objects from the
# wrong thread, and the process crashed at once in every try here (SIGSEGV). os._exit at
# the end: PySide's own interpreter shutdown with widgets still in cycles is not the point.
_CYCLES_WHILE_A_WORKER_ALLOCATES = """
import os, sys, threading, time
from PySide6.QtWidgets import QLabel
from panel_app.ui.app import application

app = application()
stop = False

def allocate():
    junk = []
    while not stop:
        cycle = []
        cycle.append(cycle)
        junk.append(cycle)
        if len(junk) > 1000:
            junk.clear()
            time.sleep(0.001)

worker = threading.Thread(target=allocate)
worker.start()
for _ in range(60):
    for _ in range(200):
        label = QLabel("a project")
        label.me = label  # only the cyclic collector frees it
    app.processEvents()
stop = True
worker.join()
print("finished", flush=True)
os._exit(0)
"""


def test_qt_objects_in_cycles_survive_a_worker_thread_that_allocates() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-c", _CYCLES_WHILE_A_WORKER_ALLOCATES],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode, run.stdout.strip()) == (0, "finished"), run.stderr[-2000:]
