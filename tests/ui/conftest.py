"""UI tests run offscreen (set in ./dev and here, before Qt starts) with settings of their own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from panel_app.ui.garbage import collect_in_ui_thread

SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def settings(tmp_path: Path) -> Iterator[QSettings]:
    """A settings file per test, so no test reads a person's real settings."""
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield store
    store.sync()


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="package", autouse=True)
def garbage_collected_in_ui_thread(qapp: QApplication) -> Iterator[None]:
    """As the app runs (ui/app.py): cycles are collected in the UI thread only, never in
    a worker thread that happens to allocate (where deleting a Qt object can deadlock).
    For the UI tests only: the tests after them get CPython's own collection back (with
    this for the whole session they ran with none, their garbage finalized at random)."""
    collector = collect_in_ui_thread(qapp)
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def acting_as_no_chair() -> Iterator[None]:
    """The chair a window picked acts for the whole process: never for the next test."""
    from panel_app.store.audit import act_as

    yield
    act_as(None)
