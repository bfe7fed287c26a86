"""Where the app finds its shipped resources and keeps its user data."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

APP_NAME = "panel-app"
APP_AUTHOR = "WSIS Prizes"


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a source tree, inside a frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def editions_dir() -> Path:
    return resources_dir() / "editions"


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_workspace_path() -> Path:
    return user_data_dir() / "workspace.sqlite"
