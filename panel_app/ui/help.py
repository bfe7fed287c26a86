"""Help, as every desktop app has it: Help > User guide (F1), a short guide for experts and
chairs in the window's language (resources/guide/), and Help > About: the version, the
Python and Qt it runs on, and the parts it ships with their licences (resources/licences.md).
Nothing is fetched: both texts ship with the app."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QCoreApplication, QSettings, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QTextBrowser, QVBoxLayout

from panel_app import __version__
from panel_app.paths import resources_dir
from panel_app.ui.language import ENGLISH, chosen_language
from panel_app.ui.screen import resize_within_screen


def guide_path(language: str) -> Path:
    """The guide in `language`, else in English."""
    folder = resources_dir() / "guide"
    path = folder / f"{language}.md"
    return path if path.is_file() else folder / f"{ENGLISH}.md"


class TextDialog(QDialog):
    """A text to read (Markdown), with a Close button; Esc closes it too."""

    def __init__(self, title: str, markdown: str, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setMarkdown(markdown)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        resize_within_screen(self, 820, 680)


def about_markdown() -> str:
    head = QCoreApplication.translate(
        "HelpMenu",
        "**WSIS Prizes panel** {version}\n\nPython {python}, Qt {qt} (PySide6 {pyside}).",
    ).format(
        version=__version__,
        python=platform.python_version(),
        qt=qVersion(),
        pyside=PYSIDE_VERSION,
    )
    licences = (resources_dir() / "licences.md").read_text(encoding="utf-8")
    return f"{head}\n\n{licences}"


def add_help_menu(window: QMainWindow, settings: QSettings) -> tuple[QAction, QAction]:
    """Help > User guide (F1) and Help > About, on `window`; the two actions."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("HelpMenu", "&Help"))
    guide = QAction(QCoreApplication.translate("HelpMenu", "&User guide"), window)
    guide.setShortcut(QKeySequence.StandardKey.HelpContents)
    about = QAction(QCoreApplication.translate("HelpMenu", "&About"), window)
    about.setMenuRole(QAction.MenuRole.AboutRole)

    def show_guide() -> None:
        text = guide_path(chosen_language(settings)).read_text(encoding="utf-8")
        title = QCoreApplication.translate("HelpMenu", "User guide")
        TextDialog(title, text, window).open()

    def show_about() -> None:
        title = QCoreApplication.translate("HelpMenu", "About the WSIS Prizes panel")
        TextDialog(title, about_markdown(), window).open()

    guide.triggered.connect(show_guide)
    about.triggered.connect(show_about)
    menu.addAction(guide)
    menu.addAction(about)
    return guide, about
