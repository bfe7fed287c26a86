"""The interface language: English or Simplified Chinese, chosen in View > Language.

The choice is kept in the settings. Our translations (resources/i18n/panel_app_<code>.qm,
compiled from the .ts by `./dev i18n`) and Qt's own (OK, Cancel, Yes, No, context menus:
qtbase_<code>.qm, shipped with PySide6) are installed on the application. Switching
rebuilds the open window in the new language, in place: same workspace, project, filters
and layout. A rebuild rather than retranslating each widget keeps every string in one
place (where the widget is made), so a new menu or dialog is translated with no second list.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from panel_app import paths

# Code, and the language's name in itself (so anyone can find their own).
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("zh_CN", "简体中文"))
ENGLISH = "en"
SETTING = "ui/language"
# Bumped when the meaning of the setting changes; an older value is then ignored.
SETTING_VERSION = 1
SETTING_VERSION_KEY = "ui/language_version"

_installed: list[QTranslator] = []
_windows: list[QMainWindow] = []  # rebuilt windows, kept alive (their makers hold the old)


def translations_dir() -> Path:
    return paths.resources_dir() / "i18n"


def chosen_language(settings: QSettings) -> str:
    """The language set in View > Language, else the system's when we have it, else English."""
    if str(settings.value(SETTING_VERSION_KEY, "")) == str(SETTING_VERSION):
        value = str(settings.value(SETTING, "") or "")
        if value in dict(LANGUAGES):
            return value
    system = QLocale.system()
    if system.language() == QLocale.Language.Chinese and system.script() in (
        QLocale.Script.SimplifiedHanScript,
        QLocale.Script.AnyScript,
    ):
        return "zh_CN"
    return ENGLISH


def remember_language(settings: QSettings, code: str) -> None:
    settings.setValue(SETTING, code)
    settings.setValue(SETTING_VERSION_KEY, SETTING_VERSION)


_current = [ENGLISH]  # the language install_language put on the application last


def installed_language() -> str:
    """The language the windows speak now (what install_language put on the application)."""
    return _current[0]


def install_language(code: str) -> bool:
    """Put the translations of `code` on the application (English: none); False when our
    own translation file is missing, so the window stays in English."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(code))
    _current[0] = code
    if code == ENGLISH:
        return True
    ours = QTranslator(app)
    if not ours.load(f"panel_app_{code}", str(translations_dir())):
        return False
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for translator in (ours, QTranslator(app)):
        if translator is ours or translator.load(f"qtbase_{code}", qt_folder):
            app.installTranslator(translator)
            _installed.append(translator)
    return True


def add_language_menu(window: QMainWindow, settings: QSettings, current: str) -> QMenu:
    """View > Language, one checkable entry per language (the View menu is made if absent);
    `window` has reopen_in(language) -> the window rebuilt in it (or itself, when it can't)."""
    view = window.findChild(QMenu, "viewMenu")  # the theme menu's View, if made first
    if view is None:
        view = window.menuBar().addMenu(QCoreApplication.translate("LanguageMenu", "&View"))
        view.setObjectName("viewMenu")
    menu = view.addMenu(QCoreApplication.translate("LanguageMenu", "&Language"))
    menu.setObjectName("languageMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    actions: dict[str, QAction] = {}

    def chosen(code: str) -> None:
        if code != current and switch_language(window, settings, code, current) is window:
            actions[current].setChecked(True)  # not switched: say so in the menu too

    for code, name in LANGUAGES:
        action = actions[code] = QAction(name, menu)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, code=code: chosen(code))
        group.addAction(action)
        menu.addAction(action)
    return menu


def switch_language(
    window: QMainWindow, settings: QSettings, code: str, current: str
) -> QMainWindow:
    """Install `code` and rebuild `window` (in `current`) in it; returns the window now
    shown, `window` itself when it could not be rebuilt now (the language stays `current`)."""
    if not install_language(code):
        window.statusBar().showMessage(
            QCoreApplication.translate("LanguageMenu", "This language is not installed."), 8000
        )
        install_language(current)
        return window
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # Between closing the old window and showing the new one, no window is visible.
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    try:
        rebuilt: QMainWindow = window.reopen_in(code)  # type: ignore[attr-defined]
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
    if rebuilt is window:
        install_language(current)
        return window
    remember_language(settings, code)
    if window in _windows:
        _windows.remove(window)
    _windows.append(rebuilt)
    window.deleteLater()
    return rebuilt
