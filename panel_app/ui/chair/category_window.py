"""What the chair's per-category windows share (the nominees, the final round): a window
of its own over the workspace, with its own connection for the chair's decisions; a
report read in a worker thread; a header; the categories; a table; refusals shown
without blocking the window; the report read again when a change elsewhere touches what
it shows (workflow.changes), and the window's own decisions told to the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from panel_app.ui.file_tasks import BackgroundLoad
from panel_app.ui.language import installed_language
from panel_app.workflow.changes import Touched
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace


class CategoryWindow(QMainWindow):
    decided = Signal(object)  # the workflow's result of a decision made here
    FOLLOWS = Touched.NOTHING  # what the report shows: a change to it reads it again

    def __init__(
        self, settings: QSettings, location: WorkspaceLocation, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._location = location
        self._workspace: OpenWorkspace | None = open_workspace(location)
        self._category = ""  # the key of the category shown
        self.last_refusal = ""
        self.loading = BackgroundLoad(self, settings)
        self.loading.on_change = self._loading_changed
        self._stale = False  # touched while a reading ran: read again once it is done

        self.state_label = QLabel()
        self.state_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.categories = QListWidget()
        self.categories.setAccessibleName(self.tr("Categories"))
        self.categories.currentRowChanged.connect(self._show_category)
        self.table = QTableView()
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.categories.setWordWrap(True)  # a category's name whole, no sideways scrolling
        self.categories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._language = installed_language()  # the data's names in the window's language
        # Every window of its own closes as a person expects: Ctrl+W, and Esc.
        close = QAction(self.tr("&Close"), self)
        close.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Esc")])
        close.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        close.triggered.connect(self.close)
        self.addAction(close)
        self.close_action = close

    def in_edition_order(self, keys: set[str] | list[str]) -> list[str]:
        """Category keys in the edition's order (C1, C2, ... C11), unknown ones last."""
        order = (
            {c.key: n for n, c in enumerate(self._workspace.edition.categories)}
            if self._workspace is not None
            else {}
        )
        return sorted(keys, key=lambda key: (order.get(key, len(order)), key))

    def category_label(self, key: str) -> str:
        """A category as a person reads it: its action line and its name, in the window's
        language (the key where the edition does not know it)."""
        if self._workspace is None:
            return key
        try:
            category = self._workspace.edition.category(key)
        except KeyError:
            return key
        return f"{category.action_line} {category.name.get(self._language)}"

    def category_name(self, key: str, default: str = "") -> str:
        """A category's name in the window's language (`default`, else the key, where the
        edition does not know it)."""
        if self._workspace is None:
            return default or key
        try:
            return self._workspace.edition.category(key).name.get(self._language)
        except KeyError:
            return default or key

    def _lay_out(self, sizes: Sequence[int], beside: QWidget | None = None) -> None:
        """The header above; the categories, the table (and `beside`) side by side."""
        splitter = QSplitter()
        splitter.addWidget(self.categories)
        splitter.addWidget(self.table)
        if beside is not None:
            splitter.addWidget(beside)
        splitter.setSizes(list(sizes))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.state_label)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

    def _read(
        self,
        read: Callable[[WorkspaceLocation], object],
        label: str,
        title: str,
        refused_text: str,
        done: Callable[[object], None],
    ) -> None:
        """`read(location)` in the worker thread, then `done(report)` here."""
        location = self._location
        self.loading.load(lambda: read(location), label, title, done, refused_text)

    def _fill_categories(self, items: Sequence[tuple[str, str]]) -> None:
        """(key, text) per category; the row shown before stays shown."""
        row = max(self.categories.currentRow(), 0)
        self.categories.blockSignals(True)
        self.categories.clear()
        for key, text in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.categories.addItem(item)
        self.categories.blockSignals(False)
        if self.categories.count():
            self.categories.setCurrentRow(min(row, self.categories.count() - 1))
        self._show_category(self.categories.currentRow())

    def follow(self, touched: Touched, source: QObject | None = None) -> None:
        """A change made elsewhere (`source`): read the report again if it shows it."""
        if source is self or not touched & self.FOLLOWS or self._workspace is None:
            return
        if self.loading.busy:
            self._stale = True  # what is being read may predate the change
        else:
            self.refresh()

    def _loading_changed(self) -> None:
        self._update_actions()
        if self._stale and not self.loading.busy and self._workspace is not None:
            self._stale = False
            self.refresh()

    def _category_at(self, row: int) -> str:
        item = self.categories.item(row) if row >= 0 else None
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def decide(
        self,
        title: str,
        reason: str | None,
        act: Callable[[OpenWorkspace, str], object],
        refusals: tuple[type[Exception], ...],
    ) -> object | None:
        """A chair's decision with its reason, through the workflow on the window's open
        workspace: the result (read again, and told to the other windows), or None when
        cancelled or refused (the refusal said: a stale view also read again)."""
        from panel_app.ui.catalogue import refusal_text, workspace_report
        from panel_app.workflow.record import StaleView
        from panel_app.workflow.workspace import WorkspaceError

        if reason is None or self._workspace is None:
            return None
        try:
            result = act(self._workspace, reason)
        except refusals as refused:
            self._refuse(title, refusal_text(refused))
            return None
        except StaleView as stale:  # another chair decided since: show what is there now
            self._refuse(title, str(stale))
            self.refresh()
            return None
        except WorkspaceError as error:
            self._refuse(title, workspace_report(error))
            return None
        self.refresh()
        self.decided.emit(result)
        return result

    def _refuse(self, title: str, text: str) -> None:
        """A refusal, in a message that does not block the window (nor a test)."""
        self.last_refusal = text
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- for the subclass ----------------------------------------------------------------
    def refresh(self) -> None:
        raise NotImplementedError

    def _show_category(self, row: int) -> None:
        raise NotImplementedError

    def _update_actions(self) -> None:
        raise NotImplementedError

    def closeEvent(self, event: Any) -> None:
        self.loading.stop()
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None
        super().closeEvent(event)
