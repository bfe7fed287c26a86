"""Cyclic garbage is collected in the UI thread, never in a worker thread."""

from __future__ import annotations

import gc
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
