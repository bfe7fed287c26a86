"""Finding English left in a translated window: every text a person can see or hear read out.

`visible_texts` walks a window (widgets, menus and their actions, item views and their
headers, tool tips, accessible names, the status bar); `english_words` returns the Latin
words left once the data shown (titles, organisations, project texts: proper names and
texts from the workspace) is taken out, ignoring allowed tokens: IDs and numbers, format
names, key names, the app's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QStatusBar,
    QTextEdit,
    QWidget,
)

from panel_app.i18n import LANGUAGES

from ..languages import LATIN_WORD

# Tokens that stay Latin in any language: acronyms of the rules, key and format names, the
# language's own name in the language menu, the command a person types.
ALLOWED = frozenset(
    {
        "WSIS",
        "SDG",
        "ICT",
        "English",
        "Ctrl",
        "Shift",
        "Enter",
        "Delete",
        "PgUp",
        "PgDown",
        "xlsx",
        "csv",
        "sqlite",
        "db",
        "panel-app",
        "demo",
        "CET",
        "CEST",
        "UTC",
        "OK",  # Qt's own button, as several languages write it
    }
)
# A Latin letter (or a mnemonic's &, inside a word): data is taken out as whole words.
_LATIN = "[A-Za-zÀ-ÖØ-öø-ÿ&]"
_WORD = LATIN_WORD


def _plain(text: str) -> str:
    return QTextDocumentFragment.fromHtml(text).toPlainText() if "<" in text else text


def _action_texts(action: QAction, where: str) -> Iterator[tuple[str, str]]:
    for text in (action.text(), action.toolTip(), action.statusTip(), action.whatsThis()):
        yield where, text
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield from menu_texts(menu, where)


def menu_texts(menu: QMenu, where: str = "menu") -> Iterator[tuple[str, str]]:
    where = f"{where} > {menu.title()}"
    yield where, menu.title()
    for action in menu.actions():
        yield from _action_texts(action, where)


def _model_texts(model: QAbstractItemModel, where: str, rows: int) -> Iterator[tuple[str, str]]:
    root = QModelIndex()
    # A list model's columnCount is private in PySide6: it has one column.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for column in range(columns):
        yield f"{where} header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(root), rows)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                yield f"{where} row {row}", str(index.data(role) or "")


def widget_texts(widget: QWidget, rows: int = 200) -> Iterator[tuple[str, str]]:
    """The texts of one widget, without its children."""
    where = widget.objectName() or type(widget).__name__
    if widget.isWindow():
        yield where, widget.windowTitle()
    for text in (
        widget.toolTip(),
        widget.statusTip(),
        widget.whatsThis(),
        widget.accessibleName(),
        widget.accessibleDescription(),
    ):
        yield where, _plain(text)
    if isinstance(widget, QLabel):
        yield where, _plain(widget.text())
    elif isinstance(widget, QAbstractButton):
        yield where, widget.text()
    elif isinstance(widget, QLineEdit | QPlainTextEdit):
        yield where, widget.placeholderText()
    elif isinstance(widget, QTextEdit):
        yield where, widget.toPlainText()
        yield where, widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield where, widget.itemText(i)
    elif isinstance(widget, QProgressBar) and widget.isTextVisible():
        yield where, widget.text()
    elif isinstance(widget, QStatusBar):
        yield where, widget.currentMessage()
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _model_texts(widget.model(), where, rows)
    elif isinstance(widget, QMenu):
        yield from menu_texts(widget, where)
    if isinstance(widget, QMessageBox):
        yield where, widget.text()
        yield where, widget.informativeText()
        yield where, widget.detailedText()
    for action in widget.actions():
        yield from _action_texts(action, where)


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """Every text of a window and its children, its menus and the standard context menus of
    its text fields (Qt's own strings: Undo, Copy, Select All…)."""
    texts: list[tuple[str, str]] = []
    for widget in (window, *window.findChildren(QWidget)):
        texts.extend(widget_texts(widget))
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            menu = widget.createStandardContextMenu()
            texts.extend(menu_texts(menu, f"{widget.objectName()} context"))
            menu.deleteLater()
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            texts.extend(_action_texts(action, "menu bar"))
    return [(where, text) for where, text in texts if text]


def english_words(
    texts: Iterable[tuple[str, str]],
    data: Iterable[str],
    own_words: frozenset[str] = frozenset(),
) -> set[str]:
    """`where: word` for each Latin word left in `texts` once the `data` strings are out,
    but for the language's `own_words` (the Latin words its own translations use)."""
    # The languages' names in themselves (View > Language) are shown as written, in any language.
    endonyms = {language.name for language in LANGUAGES}
    known = sorted({d for d in (*data, *endonyms) if d and d.strip()}, key=len, reverse=True)
    found: set[str] = set()
    for where, text in texts:
        for value in known:
            if value in text:
                # Only whole words of the data: "id" in a title leaves "cand&idatures" whole.
                text = re.sub(rf"(?<!{_LATIN}){re.escape(value)}(?!{_LATIN})", " ", text)
        text = text.replace("&", "")  # a mnemonic, e.g. 文件(&F)
        for word in _WORD.findall(text):
            if word in ALLOWED or word in own_words or any(c.isdigit() for c in word):
                continue
            if len(word) == 1:
                continue
            found.add(f"{where}: {word}")
    return found
