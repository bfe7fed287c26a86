"""The desk's item models: the expert's categories and projects, over plain workflow rows.

Like models.py, the project table sorts and filters a list of row indices in Python and
emits layoutChanged; there is no QSortFilterProxyModel.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from panel_app.ui.catalogue import edition_name
from panel_app.ui.models import KEY_ROLE, ModelIndex
from panel_app.ui.theme import status_colours
from panel_app.workflow.review.desk import (
    CONFLICT,
    PARTIAL,
    SCORED,
    CategoryProgress,
    DeskProject,
)

# The list's filters: which projects they keep.
FILTER_ALL = "all"
FILTER_TODO = "todo"  # not yet scored (nothing, or some criteria)
FILTER_SCORED = "scored"
FILTER_FLAGGED = "flagged"
FILTER_CONFLICT = "conflict"
FILTERS = (FILTER_ALL, FILTER_TODO, FILTER_SCORED, FILTER_FLAGGED, FILTER_CONFLICT)


def _keeps(kind: str, project: DeskProject) -> bool:
    if kind == FILTER_TODO:
        return not project.done
    if kind == FILTER_SCORED:
        return project.state == SCORED
    if kind == FILTER_FLAGGED:
        return project.flagged
    if kind == FILTER_CONFLICT:
        return project.state == CONFLICT
    return True


class DeskCategoryModel(QAbstractListModel):
    """'All my projects' first, then each category the expert has projects in: done/assigned."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._categories: list[CategoryProgress] = []
        self._language = "en"

    def set_categories(self, categories: list[CategoryProgress], language: str = "en") -> None:
        self.beginResetModel()
        self._categories = list(categories)
        self._language = language
        self.endResetModel()

    def update_counts(self, categories: list[CategoryProgress]) -> None:
        """New counts for the same categories: repaint, keep the selection."""
        if [c.key for c in categories] != [c.key for c in self._categories]:
            self.set_categories(categories, self._language)
            return
        self._categories = list(categories)
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._categories) + 1

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        if index.row() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                done = sum(c.done for c in self._categories)
                assigned = sum(c.assigned for c in self._categories)
                return self.tr("All my projects ({done}/{assigned})").format(
                    done=done, assigned=assigned
                )
            return None
        category = self._categories[index.row() - 1]
        name = edition_name(category.name_en, category.name_zh, self._language)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{category.action_line} {name} ({category.done}/{category.assigned})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{name}: {done} of {assigned} projects done").format(
                name=name, done=category.done, assigned=category.assigned
            )
        if role == KEY_ROLE:
            return category.key
        return None


class ProjectTableModel(QAbstractTableModel):
    COLUMNS = ("submission_id", "title", "organisation", "progress", "checks")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[DeskProject] = []
        self._visible: list[int] = []
        self._row_of_id: dict[str, int] | None = None  # built when first asked for
        # Precomputed once per content, so filtering and sorting 100k rows stay fast.
        self._haystacks: list[str] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self._kept: dict[str, list[bool]] = {}  # filter kind -> whether each item passes
        self._category: str | None = None
        self._text = ""
        self._kind = FILTER_ALL
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = (
            self.tr("ID"),
            self.tr("Project title"),
            self.tr("Organisation"),
            self.tr("Scored"),
            self.tr("Checks"),
        )
        self._check_labels = {
            "eligible": self.tr("ok"),
            "flagged": self.tr("flagged"),
            "ineligible": self.tr("ineligible"),
        }

    # --- content -------------------------------------------------------------------------
    def set_items(self, items: list[DeskProject]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._haystacks = [
            "\n".join((p.title, p.organisation, p.submission_id, p.country)).casefold()
            for p in self._items
        ]
        self._sort_keys = {}
        self._kept = {}
        self._visible = self._compute_visible()
        self._index_rows()
        self.endResetModel()

    def all_items(self) -> list[DeskProject]:
        return list(self._items)

    def visible_items(self) -> list[DeskProject]:
        return [self._items[i] for i in self._visible]

    def replace_item(self, project: DeskProject) -> None:
        """A project's new state after a change; it stays in view until the next filter."""
        for i, item in enumerate(self._items):
            if item.submission_id == project.submission_id:
                self._items[i] = project
                self._sort_keys.pop(self.COLUMNS.index("progress"), None)
                self._kept = {}
                break
        row = self.row_of(project.submission_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def item(self, row: int) -> DeskProject | None:
        if 0 <= row < len(self._visible):
            return self._items[self._visible[row]]
        return None

    def row_of(self, submission_id: str) -> int | None:
        if self._row_of_id is None:
            items = self._items
            self._row_of_id = {items[i].submission_id: row for row, i in enumerate(self._visible)}
        return self._row_of_id.get(submission_id)

    # --- filters and sorting (on the index list) ----------------------------------------
    def set_filters(
        self, *, category: str | None = None, text: str | None = None, kind: str | None = None
    ) -> None:
        """Change any of the filters; None leaves one as it is (category "" means all)."""
        self.layoutAboutToBeChanged.emit()
        if category is not None:
            self._category = category or None
        if text is not None:
            self._text = text.strip().casefold()
        if kind is not None:
            self._kind = kind
        self._visible = self._compute_visible()
        self._index_rows()
        self.layoutChanged.emit()

    def _compute_visible(self) -> list[int]:
        needle, category, kind = self._text, self._category, self._kind
        rows: list[int] | range = range(len(self._items))
        if category is not None:
            rows = [i for i in rows if self._items[i].category_key == category]
        if kind != FILTER_ALL:
            kept = self._kept.get(kind)
            if kept is None:
                kept = self._kept[kind] = [_keeps(kind, item) for item in self._items]
            rows = [i for i in rows if kept[i]]
        if needle:
            haystacks = self._haystacks
            rows = [i for i in rows if needle in haystacks[i]]
        return self._sorted(list(rows))

    def _sorted(self, rows: list[int]) -> list[int]:
        keys = self._sort_keys.get(self._sort_column)
        if keys is None:
            keys = self._sort_keys[self._sort_column] = [
                _sort_key(self.COLUMNS[self._sort_column], item) for item in self._items
            ]
        return sorted(
            rows, key=keys.__getitem__, reverse=self._sort_order == Qt.SortOrder.DescendingOrder
        )

    def _index_rows(self) -> None:
        self._row_of_id = None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort_column, self._sort_order = column, order
        self._visible = self._sorted(self._visible)
        self._index_rows()
        self.layoutChanged.emit()

    # --- Qt's interface ------------------------------------------------------------------
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
        name = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if name == "progress":
                if item.state == CONFLICT:
                    return self.tr("conflict")
                return f"{item.scored}/{item.criteria}"
            if name == "checks":
                return self._check_labels.get(item.check_status, item.check_status)
            return str(getattr(item, name))
        if role == Qt.ItemDataRole.ForegroundRole and name in ("progress", "checks"):
            return QBrush(QColor(_colour(item, name)))
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


def _sort_key(column: str, item: DeskProject) -> Any:
    if column == "submission_id":
        sid = item.submission_id
        return (0, int(sid), "") if sid.isdigit() else (1, 0, sid)
    if column == "progress":
        return (item.state == CONFLICT, item.scored)
    if column == "checks":
        return item.check_status
    return str(getattr(item, column)).casefold()


def _colour(item: DeskProject, column: str) -> str:
    red, amber, green, grey = status_colours()
    if column == "checks":
        return {"ineligible": red, "flagged": amber}.get(item.check_status, green)
    return {SCORED: green, PARTIAL: amber, CONFLICT: grey}.get(item.state, red)
