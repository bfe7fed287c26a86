"""Python's cyclic garbage collector, run in the UI thread only.

CPython collects cycles in whichever thread happens to allocate when a threshold is
crossed. In this app that is often a worker thread (opening a package, exporting scores
allocate a great deal), and a cycle can hold the last reference to a Qt object that
belongs to the UI thread: deleting it there races the UI thread on Qt's own locks while
holding the GIL, which shows up as a rare crash or a deadlock. The known remedy for Qt
programs (pyqtgraph, Spyder and others ship the same) is to switch automatic collection
off and collect from a timer in the UI thread, by the same thresholds CPython would use.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class UiThreadCollector(QObject):
    """Owns cyclic collection while it lives: automatic collection is off, and every
    INTERVAL_MS the generations whose thresholds were crossed are collected here."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("uiThreadCollector")
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collects the oldest generation whose threshold was crossed, as CPython would;
        returns the generation collected, or -1 when none was due."""
        counts = gc.get_count()
        generation = -1
        for level in range(3):
            if counts[level] <= self._thresholds[level]:
                break
            generation = level
        if generation >= 0:
            gc.collect(generation)
        return generation

    def stop(self) -> None:
        """Hands collection back to CPython (the tests do, at the end of the session)."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


def collect_in_ui_thread(app: QObject) -> UiThreadCollector:
    """Installs the collector once per application object and returns it."""
    existing = app.findChild(UiThreadCollector, "uiThreadCollector")
    if isinstance(existing, UiThreadCollector):
        return existing
    return UiThreadCollector(app)
