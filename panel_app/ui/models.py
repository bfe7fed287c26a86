"""Item models over plain workflow results.

The submission table sorts and filters a list of row indices in Python and emits
layoutChanged, instead of a QSortFilterProxyModel that would call data() for every
comparison (measured: 28.6 s against 0.1 s to sort 100k rows).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from panel_app.ui.catalogue import status_text
from panel_app.workflow.overview import CategoryCount, SubmissionListItem

ModelIndex = QModelIndex | QPersistentModelIndex

KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class CategoryListModel(QAbstractListModel):
    """'All categories' first, then the edition's categories with their counts."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._categories: list[CategoryCount] = []
        self._total = 0
        self._language = "en"

    def set_categories(self, categories: list[CategoryCount], language: str = "en") -> None:
        self.beginResetModel()
        self._categories = list(categories)
        self._total = sum(c.submissions for c in categories)
        self._language = language
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._categories) + 1

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if index.row() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.tr("All categories ({count})").format(count=self._total)
            if role == KEY_ROLE:
                return None
            return None
        category = self._categories[index.row() - 1]
        name = category.name_zh if self._language.startswith("zh") else category.name_en
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{category.action_line} {name} ({category.submissions})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{category.key}: {name}"
        if role == KEY_ROLE:
            return category.key
        return None


class SubmissionTableModel(QAbstractTableModel):
    COLUMNS = ("submission_id", "title", "organisation", "country", "status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[SubmissionListItem] = []
        self._visible: list[int] = []  # indices into _items, in display order
        self._filter = ""
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = (
            self.tr("ID"),
            self.tr("Project title"),
            self.tr("Organisation"),
            self.tr("Country"),
            self.tr("Status"),
        )

    def set_items(self, items: list[SubmissionListItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._visible = self._compute_visible()
        self.endResetModel()

    def set_filter_text(self, text: str) -> None:
        self.layoutAboutToBeChanged.emit()
        self._filter = text.strip().casefold()
        self._visible = self._compute_visible()
        self.layoutChanged.emit()

    def item(self, row: int) -> SubmissionListItem | None:
        if 0 <= row < len(self._visible):
            return self._items[self._visible[row]]
        return None

    def row_of(self, submission_id: str) -> int | None:
        for row, index in enumerate(self._visible):
            if self._items[index].submission_id == submission_id:
                return row
        return None

    def _compute_visible(self) -> list[int]:
        needle = self._filter
        if needle:
            rows = [
                i
                for i, item in enumerate(self._items)
                if needle in item.title.casefold()
                or needle in item.organisation.casefold()
                or needle in item.submission_id
                or needle in item.country.casefold()
            ]
        else:
            rows = list(range(len(self._items)))
        return self._sorted(rows)

    def _sorted(self, rows: list[int]) -> list[int]:
        name = self.COLUMNS[self._sort_column]
        if name == "submission_id":

            def key(i: int) -> Any:
                sid = self._items[i].submission_id
                return (0, int(sid), "") if sid.isdigit() else (1, 0, sid)
        else:

            def key(i: int) -> Any:
                return str(getattr(self._items[i], name)).casefold()

        return sorted(rows, key=key, reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort_column, self._sort_order = column, order
        self._visible = self._sorted(self._visible)
        self.layoutChanged.emit()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item(index.row())
        if item is None or not 0 <= index.column() < len(self.COLUMNS):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if self.COLUMNS[index.column()] == "status":
                return status_text(item.status)
            return str(getattr(item, self.COLUMNS[index.column()]))
        if role == KEY_ROLE:
            return item.submission_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None
