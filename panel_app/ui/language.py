"""The interface language, one of the UN's six, chosen in View > Language.

The choice is kept in the settings. Our strings come from the app's one catalogue
(panel_app.i18n: gettext, shared with the core and the CLI) through a QTranslator, so every
tr() and QCoreApplication.translate() finds its translation there; Qt's own (OK, Cancel,
file dialogs, context menus: qtbase_<code>.qm, shipped with PySide6) beside it. Arabic
mirrors the whole window (Qt.RightToLeft). Switching rebuilds the open window in the new
language, in place: same workspace, project, filters and layout. A rebuild rather than
retranslating each widget keeps every string in one place (where the widget is made), so
a new menu or dialog is translated with no second list.
"""

from __future__ import annotations

import gettext
import unicodedata

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMainWindow,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from panel_app import i18n

# Code, and the language's name in itself (so anyone can find their own).
LANGUAGES: tuple[tuple[str, str], ...] = tuple((lang.code, lang.name) for lang in i18n.LANGUAGES)
ENGLISH = i18n.ENGLISH
SETTING = "ui/language"
# Bumped when the meaning of the setting changes; an older value is then ignored.
SETTING_VERSION = 1
SETTING_VERSION_KEY = "ui/language_version"

_installed: list[QTranslator] = []
_windows: list[QMainWindow] = []  # rebuilt windows, kept alive (their makers hold the old)


class CatalogueTranslator(QTranslator):
    """Qt's translator over the app's gettext catalogue: the context's translation first
    (QCoreApplication.translate), then the msgid alone (a window's self.tr()); the English
    source when the catalogue has neither."""

    def __init__(self, catalogue: gettext.NullTranslations, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._catalogue = catalogue

    def translate(
        self,
        context: str | bytes,
        source_text: str | bytes,
        disambiguation: str | bytes | None = None,
        n: int = -1,
    ) -> str:
        if isinstance(context, bytes):
            context = context.decode("utf-8")
        if isinstance(source_text, bytes):
            source_text = source_text.decode("utf-8")
        if not source_text:
            return source_text
        if context:
            text = self._catalogue.pgettext(context, source_text)
            if text != source_text:
                return text
        return self._catalogue.gettext(source_text)

    def isEmpty(self) -> bool:
        return False


LRI, PDI = "\u2066", "\u2069"  # a left-to-right isolate and its end (Unicode bidi)


def _reads_left_to_right(text: str) -> bool:
    """No letter of a right-to-left script: a Latin, Cyrillic or Chinese title, an
    organisation, an e-mail address, a note of the record, a number."""
    return not any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


class IsolatingDelegate(QStyledItemDelegate):
    """A cell of a right-to-left table whose text has no right-to-left letter is drawn as a
    left-to-right isolate: "Pravo Data Ltd." or "150 submissions imported from …" keep their
    order (the cell's own direction would move the full stop and the number to the other
    end); the text is still aligned as the table is."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if (
            text
            and option.direction == Qt.LayoutDirection.RightToLeft
            and _reads_left_to_right(text)
        ):
            option.text = LRI + text + PDI


class _IsolatingViews(QObject):
    """Gives each item view of a right-to-left window the isolating delegate as it is
    polished (the views keep Qt's plain delegate otherwise)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Polish
            and isinstance(watched, QAbstractItemView)
            and type(watched.itemDelegate()) is QStyledItemDelegate
        ):
            watched.setItemDelegate(IsolatingDelegate(watched))
        return False


_isolating: list[_IsolatingViews] = []


def chosen_language(settings: QSettings) -> str:
    """The language set in View > Language, else the system's when we have it, else English."""
    if str(settings.value(SETTING_VERSION_KEY, "")) == str(SETTING_VERSION):
        value = str(settings.value(SETTING, "") or "")
        if value in dict(LANGUAGES):
            return value
    # Qt's name for the system locale ("fr_FR", "zh_CN"; a Traditional script: "zh_TW").
    system = QLocale.system()
    name = system.name()
    if system.script() == QLocale.Script.TraditionalHanScript:
        name = "zh_Hant"
    return i18n.best_match(name) or ENGLISH


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
    if code not in i18n.CODES or not i18n.is_installed(code):
        return False
    QLocale.setDefault(QLocale(code))
    _current[0] = code
    # Arabic mirrors every window: menus, splitters, tables and dialogs read right to left.
    direction = (
        Qt.LayoutDirection.RightToLeft
        if i18n.language(code).right_to_left
        else (Qt.LayoutDirection.LeftToRight)
    )
    if isinstance(app, QGuiApplication):
        app.setLayoutDirection(direction)
    if direction == Qt.LayoutDirection.RightToLeft and not _isolating:
        _isolating.append(_IsolatingViews(app))
        app.installEventFilter(_isolating[0])
    if code == ENGLISH:
        return True
    # Installed last, asked first: Qt's own strings, then ours for every other context.
    ours = CatalogueTranslator(i18n.catalogue(code), app)
    app.installTranslator(ours)
    _installed.append(ours)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
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
