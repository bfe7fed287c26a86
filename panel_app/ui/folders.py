"""Where a file dialog starts: the folder that dialog used last, else the folder any dialog
used last (a chair who imported the set from D:/WSIS finds the experts list there too),
else the home folder; a remembered folder that is gone (a USB stick taken out) is skipped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

LAST_DIR_KEY = "dialogs/last_dir"  # any dialog's last folder


def start_folder(settings: QSettings, key: str) -> str:
    for candidate in (settings.value(key, ""), settings.value(LAST_DIR_KEY, "")):
        if candidate and Path(str(candidate)).is_dir():
            return str(candidate)
    return str(Path.home())


def remember_folder(settings: QSettings, key: str, folder: str | Path) -> None:
    settings.setValue(key, str(folder))
    settings.setValue(LAST_DIR_KEY, str(folder))
