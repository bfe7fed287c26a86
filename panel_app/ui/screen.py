"""Windows that fit the screen they open on: a 1366x768 laptop, more so at 150%."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """`width` x `height`, or the screen's free area where that is smaller, so that the
    window's edges and its status bar stay on screen."""
    screen = window.screen().availableGeometry()
    window.resize(min(width, screen.width()), min(height, screen.height()))
