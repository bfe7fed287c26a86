"""The chair's final round: for each category, the finalists with their public vote, the
experts' mean scores and places; beside them the selected finalist's reviews (each expert
by name, the score, the rank given, the confidence and the comment), the analysis
(Kendall's W, the Schulze order and the order of the means, each expert's ranking of the
finalists) and the selection of the winner and champions with a reason (replacing an
earlier one; the audit log keeps both). The Finalists menu settles a tie for the last
finalist places (a pick among the tied projects) and takes a finalist off, each with a
reason.

The report (workflow.final_round.final_round_report_at) is read in a worker thread; the
selection is one short workflow call on the window's own open workspace.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from panel_app.ui.catalogue import (
    concordance_reason,
    refusal_text,
    review_status,
    workspace_report,
)
from panel_app.ui.chair.category_window import CategoryWindow
from panel_app.ui.language import installed_language
from panel_app.ui.models import select_row
from panel_app.ui.reason import ask_reason
from panel_app.ui.screen import resize_within_screen
from panel_app.workflow.changes import Touched
from panel_app.workflow.handover import vote_in_words
from panel_app.workflow.workspace import (
    WorkspaceError,
    WorkspaceLocation,
)

if TYPE_CHECKING:
    from panel_app.problems import Note
    from panel_app.workflow.final.final_round import (
        CategoryFinal,
        FinalistRow,
        FinalRoundReport,
        OtherFinalist,
    )

# (category) -> (the tied projects picked, reason) or None
ChooseTiePicks = Callable[["CategoryFinal"], "tuple[list[str], str] | None"]
# (title, label) -> the reason, or None (cancelled)
AskReason = Callable[[str, str], "str | None"]
# (category, proposed winners, proposed champions) -> (winners, champions, reason) or None
ChooseSelection = Callable[
    ["CategoryFinal", list[str], list[str]], "tuple[list[str], list[str], str] | None"
]

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _points(micro: int | None) -> str:
    from panel_app.scoring.model import points

    return "" if micro is None else f"{points(micro):.2f}"


def stored_selection(category: CategoryFinal) -> tuple[list[str], list[str]]:
    """The winners and champions recorded for the category (empty lists: none yet)."""
    rows: list[FinalistRow | OtherFinalist] = [*category.finalists, *category.not_analysed]
    winners = [r.submission_id for r in rows if r.selection == "winner"]
    champions = [r.submission_id for r in rows if r.selection == "champion"]
    return winners, champions


class FinalistTableModel(QAbstractTableModel):
    """A category's finalists: the vote, the mean score, the places and the selection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category: CategoryFinal | None = None
        self.criterion_names: dict[str, str] = {}  # key -> name, in the window's language
        self._fixed = (
            self.tr("ID"),
            self.tr("Project title"),
            self.tr("Organisation"),
            self.tr("Public vote"),
            self.tr("Mean"),
            self.tr("Place by mean"),
            self.tr("Schulze place"),
            self.tr("Selection"),
            self.tr("Open findings"),
        )

    def set_category(self, category: CategoryFinal | None) -> None:
        self.beginResetModel()
        self.category = category
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.category is None:
            return 0
        return len(self.category.finalists) + len(self.category.not_analysed)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._fixed)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._fixed[section] if 0 <= section < len(self._fixed) else None

    def selection_text(self, selection: str | None) -> str:
        return {"winner": self.tr("winner"), "champion": self.tr("champion")}.get(
            selection or "", ""
        )

    def submission_at(self, row: int) -> str | None:
        category = self.category
        if category is None or not 0 <= row < self.rowCount():
            return None
        if row < len(category.finalists):
            return category.finalists[row].submission_id
        return category.not_analysed[row - len(category.finalists)].submission_id

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        category = self.category
        if category is None or not index.isValid():
            return None
        if not 0 <= index.row() < self.rowCount():
            return None
        column = index.column()
        if index.row() >= len(category.finalists):  # beyond the top by votes: not analysed
            other = category.not_analysed[index.row() - len(category.finalists)]
            if role == Qt.ItemDataRole.DisplayRole:
                return (
                    other.submission_id,
                    other.title,
                    other.organisation,
                    vote_in_words(other.vote, installed_language()),
                    "",
                    "",
                    self.tr("not analysed"),
                    self.selection_text(other.selection),
                    "; ".join(other.findings),
                )[column]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr(
                    "Beyond the finalists the panel analyses (the top {count} by valid votes): "
                    "not scored in the final round; it may be a champion, not the winner."
                ).format(count=len(category.finalists))
            return None
        row = category.finalists[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.submission_id,
                row.title,
                row.organisation,
                vote_in_words(row.vote, installed_language()),
                _points(row.mean),
                "" if row.score_place is None else str(row.score_place),
                str(row.schulze_place),
                self.selection_text(row.selection),
                "; ".join(row.findings),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (4, 5, 6):
            return RIGHT
        if role == Qt.ItemDataRole.FontRole and row.selection:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _tooltip(self, row: FinalistRow, column: int) -> str | None:
        """The whole text of a cell the column may cut, and what is behind the mean."""
        if column in (1, 2, 3):
            return (row.title, row.organisation, vote_in_words(row.vote, installed_language()))[
                column - 1
            ]
        if column == 8 and row.findings:
            return "\n".join(row.findings)
        if column == 4 and row.mean is not None:
            lines = [
                self.tr("The mean of {count} counted reviews; each criterion's mean:").format(
                    count=row.reviews
                )
            ]
            lines += [
                f"{self.criterion_names.get(key, key)}: {value:.2f}"
                for key, value in row.criterion_means.items()
                if value is not None
            ]
            return "\n".join(lines)
        return None


class _ByFinalistModel(QAbstractTableModel):
    """A table of the analysis: a first column naming the row (`first_header`), then one
    column per finalist analysed (by ID, its title on hover)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category: CategoryFinal | None = None

    def first_header(self) -> str:
        raise NotImplementedError

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return 1 + (len(self.category.finalists) if self.category is not None else 0)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        category = self.category
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return self.first_header() if role == Qt.ItemDataRole.DisplayRole else None
        if category is None or not 0 < section <= len(category.finalists):
            return None
        row = category.finalists[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.submission_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.submission_id} · {row.title}"
        return None


class RankTableModel(_ByFinalistModel):
    """The analysis behind Kendall's W and the Schulze order: each expert (a row, by name)
    and the rank they gave each finalist analysed (a column, by ID)."""

    def set_category(self, category: CategoryFinal | None) -> None:
        self.beginResetModel()
        self.category = category
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.category is None:
            return 0
        return len(self.category.experts)

    def first_header(self) -> str:
        return self.tr("Expert")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        category = self.category
        if category is None or not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        code = category.experts[index.row()]
        left_out = code in category.left_out_of_w
        if index.column() == 0:  # the name; the code (what the files carry) on hover
            if role == Qt.ItemDataRole.DisplayRole:
                return category.expert_names.get(code) or code
            if role == Qt.ItemDataRole.ToolTipRole:
                who = category.expert_label(code)
                if not left_out:
                    return who
                why = self.tr("Left out of Kendall's W: did not rank every finalist.")
                return f"{who}\n{why}"
            if role == Qt.ItemDataRole.FontRole and left_out:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        row = category.finalists[index.column() - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, code)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        return None

    def _cell(self, row: FinalistRow, code: str) -> str:
        """The rank the expert gave the finalist, or in a word why there is none."""
        if code in row.expert_ranks:
            return f"{row.expert_ranks[code]:g}"
        if code in row.not_counted:
            return review_status(row.not_counted[code])
        return self.tr("not returned") if code in row.missing else "–"


class CriterionTableModel(_ByFinalistModel):
    """What each finalist's mean is made of: each criterion (a row, by name) and its mean
    over the finalist's counted reviews (a column, by ID), on the criterion's own scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}  # key -> name, in the window's language

    def set_category(self, category: CategoryFinal | None, names: dict[str, str]) -> None:
        self.beginResetModel()
        self.category = category
        self.names = names
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.category is None or not self.category.finalists:
            return 0
        return len(self.category.criteria)

    def first_header(self) -> str:
        return self.tr("Criterion")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        category = self.category
        if category is None or not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        key = category.criteria[index.row()]
        if index.column() == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.names.get(key, key)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = category.finalists[index.column() - 1].criterion_means.get(key)
            return "–" if value is None else f"{value:.2f}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        return None


class SelectionForm(QWidget):
    """The winner, the champions (checked) and the reason, for one category, in the window
    beside the finalists and their reviews: what the chair records."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setObjectName("selectionSummary")
        self.summary.setWordWrap(True)
        self.winner = QComboBox()
        self.winner.setAccessibleName(self.tr("Winner"))
        self.winner.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.winner.setMinimumContentsLength(12)
        self.champions = QListWidget()
        self.champions.setAccessibleName(self.tr("Champions"))
        self.champions.setWordWrap(True)
        self.champions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Why, for the record (e.g. the panel meeting)"))
        self.record = QPushButton(self.tr("Record the winner and champions"))
        self.record.setAccessibleName(self.tr("Record the winner and champions"))
        # The winner is no champion: its line in the list is unticked and off.
        self.winner.currentIndexChanged.connect(lambda _i: self._winner_not_champion())
        self.reason.textChanged.connect(lambda _t: self._update())
        self.champions_label = QLabel()
        self.champions_label.setBuddy(self.champions)
        winner_label = QLabel(self.tr("&Winner:"))
        winner_label.setBuddy(self.winner)
        reason_label = QLabel(self.tr("&Reason:"))
        reason_label.setBuddy(self.reason)
        # Each label above its field (a narrow pane); the champions take the height left.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(winner_label)
        layout.addWidget(self.winner)
        layout.addWidget(self.champions_label)
        layout.addWidget(self.champions, 1)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.record)
        self.show_category(None, [], [], "")

    def show_category(
        self,
        category: CategoryFinal | None,
        winners: Sequence[str],
        champions: Sequence[str],
        summary: str,
    ) -> None:
        """The category's finalists offered, `winners` and `champions` chosen; the reason
        left blank (a new record needs its own)."""
        self.summary.setText(summary)
        self.winner.blockSignals(True)
        self.winner.clear()
        self.champions.clear()
        self.reason.clear()
        quota = category.champions_quota if category is not None else 0
        self.champions_label.setText(self.tr("&Champions ({count}):").format(count=quota))
        if category is not None:
            # The winner is one of the finalists analysed; a champion may be any finalist.
            names = {r.submission_id: f"{r.submission_id} {r.title}" for r in category.finalists}
            everyone = dict(names)
            beyond = self.tr("{id} {title} (not analysed: it may be a champion, not the winner)")
            everyone.update(
                (r.submission_id, beyond.format(id=r.submission_id, title=r.title))
                for r in category.not_analysed
            )
            for sid, name in names.items():
                self.winner.addItem(name, sid)
            if winners and self.winner.findData(winners[0]) >= 0:
                self.winner.setCurrentIndex(self.winner.findData(winners[0]))
            for sid, name in everyone.items():
                item = QListWidgetItem(name)
                item.setData(Qt.ItemDataRole.UserRole, sid)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if sid in champions else Qt.CheckState.Unchecked
                )
                self.champions.addItem(item)
        self.winner.blockSignals(False)
        self._winner_not_champion()

    def _winner_not_champion(self) -> None:
        winner = self.winner.currentData()
        for i in range(self.champions.count()):
            item = self.champions.item(i)
            is_winner = item.data(Qt.ItemDataRole.UserRole) == winner
            flags = item.flags()
            if is_winner:
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
        self._update()

    def _update(self) -> None:
        # A selection needs a reason: the button stays off (the field says why) until then.
        self.record.setEnabled(self.winner.count() > 0 and bool(self.reason.text().strip()))

    def chosen(self) -> tuple[list[str], list[str], str]:
        winner = str(self.winner.currentData())
        champions = [
            str(self.champions.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.champions.count())
            if self.champions.item(i).checkState() == Qt.CheckState.Checked
        ]
        return [winner], [sid for sid in champions if sid != winner], self.reason.text()


class TieDialog(QDialog):
    """The tied projects to make finalists (as many as places are open), and the reason."""

    def __init__(
        self, category: CategoryFinal, label: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        tie = category.tie
        assert tie is not None
        places = tie.open_places - len(tie.picked)
        self.setWindowTitle(self.tr("Settle the tie: {category}").format(
            category=label or category.category_key))  # fmt: skip
        self.tied = QListWidget()
        self.tied.setAccessibleName(self.tr("Tied projects"))
        for sid in tie.undecided:
            title = category.tied_titles.get(sid, "")
            item = QListWidgetItem(f"{sid} {title}".strip())
            item.setData(Qt.ItemDataRole.UserRole, sid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.tied.addItem(item)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Why, for the record (e.g. the panel meeting)"))
        form = QFormLayout()
        form.addRow(
            self.tr("&Finalists to add ({count} place(s) open):").format(count=places),
            self.tied,
        )
        form.addRow(self.tr("&Reason:"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[list[str], str]:
        picked = [
            str(self.tied.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.tied.count())
            if self.tied.item(i).checkState() == Qt.CheckState.Checked
        ]
        return picked, self.reason.text()


def _pane(title: str, *widgets: QWidget, stretch: Sequence[int] = ()) -> QWidget:
    """A pane of the window: a bold title, then its widgets (stretched as given)."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(4, 0, 4, 0)
    heading = QLabel(title)
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    layout.addWidget(heading)
    for n, widget in enumerate(widgets):
        layout.addWidget(widget, stretch[n] if n < len(stretch) else 0)
    return pane


def _height(view: QTableView, rows: int = 1) -> int:
    """What a table needs to show its rows whole (at least `rows` while it has none)."""
    length = view.verticalHeader().length() or rows * view.verticalHeader().defaultSectionSize()
    needed = length + view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth() + 2
    if view.horizontalScrollBar().isVisible():
        needed += view.horizontalScrollBar().height()
    return needed


class FinalRoundWindow(CategoryWindow):
    # The finalists come from the vote; their figures from the final round's reviews.
    FOLLOWS = Touched.FINDINGS | Touched.PANEL | Touched.REVIEWS | Touched.VOTE | Touched.SELECTION

    def __init__(
        self, settings: QSettings, location: WorkspaceLocation, parent: QWidget | None = None
    ) -> None:
        super().__init__(settings, location, parent)
        self.setObjectName("finalRoundWindow")
        self.report: FinalRoundReport | None = None
        self.setWindowTitle(self.tr("Final round — {workspace}").format(workspace=location.display))
        self.model = FinalistTableModel(self)
        self.table.setAccessibleName(self.tr("Finalists"))
        self.table.setModel(self.model)
        # One line a finalist, the long texts cut (whole on hover, and in the reviews pane):
        # the table stays short and the panes below get the height.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # The title and the organisation share the width left: never a sideways scroll.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)  # see _show_category
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_finalist())

        # The selected finalist's reviews, each expert by name, with the comment.
        # (Read as text, not a table: a comment wraps in a narrow pane and stays readable.)
        self.reviews = QTextBrowser()
        self.reviews.setObjectName("finalReviews")
        self.reviews.setAccessibleName(self.tr("The finalist's reviews"))
        self.reviews.setOpenLinks(False)

        # The analysis: the agreement and the two orders, and each expert's ranking.
        self.state_label.setObjectName("finalState")
        self.state_label.setWordWrap(True)
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.state_area = QScrollArea()
        self.state_area.setWidgetResizable(True)
        self.state_area.setFrameShape(QFrame.Shape.NoFrame)
        self.state_area.setWidget(self.state_label)
        self.ranks_model = RankTableModel(self)
        self.ranks = QTableView()
        self.ranks.setObjectName("finalRanks")
        self.ranks.setAccessibleName(self.tr("Each expert's ranking of the finalists"))
        self.ranks.setModel(self.ranks_model)
        self.ranks.verticalHeader().hide()
        self.ranks.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.ranks.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ranks.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.ranks_heading = ranks_heading = QLabel(
            self.tr("Each expert's ranking of the finalists (1 the best):")
        )
        ranks_heading.setWordWrap(True)
        self.criteria_model = CriterionTableModel(self)
        self.criteria = QTableView()
        self.criteria.setObjectName("finalCriteria")
        self.criteria.setAccessibleName(self.tr("Each criterion's mean"))
        self.criteria.setModel(self.criteria_model)
        self.criteria.verticalHeader().hide()
        self.criteria.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.criteria.setWordWrap(False)  # a name cut short (whole on hover), rows of one line
        self.criteria.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.criteria.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The names cut at about 16 characters: the means of five finalists beside them.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.criteria.setColumnWidth(0, self.criteria.fontMetrics().averageCharWidth() * 17)
        self.criteria.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        criteria_heading = QLabel(
            self.tr("Each criterion's mean over the counted reviews (on its own scale):")
        )
        criteria_heading.setWordWrap(True)

        self.selection_form = SelectionForm()
        self.selection_form.setObjectName("finalSelection")
        self.selection_form.record.clicked.connect(self.record_selection)
        self._form_key: tuple[Any, ...] | None = None  # what the form was filled from

        self.reviews_pane = _pane(self.tr("Reviews"), self.reviews, stretch=(1,))
        # The notes and the experts' ranks as tall as they are (see _fit_analysis), the
        # criteria's means below them.
        self.analysis_split = QSplitter(Qt.Orientation.Vertical)
        self.analysis_split.addWidget(self.state_area)
        for heading, view in ((ranks_heading, self.ranks), (criteria_heading, self.criteria)):
            block = QWidget()
            stack = QVBoxLayout(block)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.addWidget(heading)
            stack.addWidget(view, 1)
            self.analysis_split.addWidget(block)
        self.analysis_split.setStretchFactor(2, 1)
        self.analysis_pane = _pane(self.tr("Analysis"), self.analysis_split, stretch=(1,))
        self.selection_pane = _pane(self.tr("Winner and champions"), self.selection_form,
                                    stretch=(1,))  # fmt: skip
        self.below = QSplitter(Qt.Orientation.Horizontal)
        for n, pane in enumerate((self.reviews_pane, self.analysis_pane, self.selection_pane)):
            self.below.addWidget(pane)
            self.below.setStretchFactor(n, (38, 34, 28)[n])
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(self.table)
        self.right.addWidget(self.below)
        self.right.setStretchFactor(0, 0)  # the finalists keep their height; the panes grow
        self.right.setStretchFactor(1, 1)
        self._table_sized_by_hand = False
        self.right.splitterMoved.connect(lambda *_: setattr(self, "_table_sized_by_hand", True))
        self.main = QSplitter(Qt.Orientation.Horizontal)
        self.main.addWidget(self.categories)
        self.main.addWidget(self.right)
        self.main.setStretchFactor(0, 0)
        self.main.setStretchFactor(1, 1)
        self.setCentralWidget(self.main)

        menu = self.menuBar().addMenu(self.tr("&Selection"))
        self.select_action = QAction(self.tr("&Record the winner and champions"), self)
        self.select_action.setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.select_action.triggered.connect(self.record_selection)
        menu.addAction(self.select_action)
        self.refresh_action = QAction(self.tr("Read &again"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh)
        menu.addAction(self.refresh_action)
        finalists = self.menuBar().addMenu(self.tr("&Finalists"))
        self.settle_action = QAction(self.tr("&Settle the tie for the last places…"), self)
        self.settle_action.triggered.connect(self.settle_tie)
        finalists.addAction(self.settle_action)
        self.take_off_action = QAction(self.tr("&Take the finalist off…"), self)
        self.take_off_action.triggered.connect(self.take_off)
        finalists.addAction(self.take_off_action)
        resize_within_screen(self, 1320, 720)
        self._lay_out_panes()

        # The questions asked: attributes, so a test answers them as a person would.
        self.choose_selection: ChooseSelection = self._ask_selection
        self.choose_tie_picks: ChooseTiePicks = self._ask_tie_picks
        self.ask_reason: AskReason = self._ask_reason
        self._update_actions()
        self.refresh()

    def _lay_out_panes(self) -> None:
        """The categories narrow, the rest to the finalists and the panes below them."""
        width = self.width()
        side = max(150, min(260, width // 6))
        self.main.setSizes([side, width - side])
        rest = width - side
        self.below.setSizes([rest * 38 // 100, rest * 34 // 100, rest * 28 // 100])
        self._fit_table()
        self._fit_analysis()

    def _fit_analysis(self) -> None:
        """The analysis' text as tall as it is (at most a third of the pane), the experts'
        ranks as tall as their rows (at most half of what is left), the criteria below."""
        total = sum(self.analysis_split.sizes()) or self.analysis_split.height()
        width = self.state_area.viewport().width() or self.analysis_split.width()
        text = self.state_label.heightForWidth(width) + 4
        text = min(max(text, self.state_label.fontMetrics().height()), total // 3)
        heading = self.ranks_heading.heightForWidth(self.ranks_heading.width() or width)
        ranks = heading + _height(self.ranks) + 6
        ranks = min(ranks, (total - text) // 2)
        self.analysis_split.setSizes([text, ranks, max(0, total - text - ranks)])

    def _fit_table(self) -> None:
        """The finalists' table as tall as its rows (at most half the height), the panes
        below taking the rest: no empty band under five rows."""
        if self._table_sized_by_hand:
            return
        total = sum(self.right.sizes()) or self.right.height()
        table = min(_height(self.table, rows=5), total // 2)
        self.right.setSizes([table, max(0, total - table)])

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._fit_table()
        self._fit_analysis()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._lay_out_panes()

    # --- the report ----------------------------------------------------------------------
    def refresh(self) -> None:
        from panel_app.workflow.final.final_round import final_round_report_at

        self._read(
            final_round_report_at,
            self.tr("Reading the final round…"),
            self.tr("Final round"),
            self.tr("The final round could not be read."),
            self._loaded,
        )

    def _loaded(self, outcome: object) -> None:
        from panel_app.workflow.final.final_round import FinalRoundReport

        assert isinstance(outcome, FinalRoundReport)
        self.report = outcome
        items = []
        for category in outcome.categories:
            state = (
                self.tr("tie to settle")
                if category.unsettled
                else self.tr("selected")
                if category.selection_reason is not None
                else self.tr("no selection yet")
            )
            label = self.category_label(category.category_key)
            items.append((category.category_key, f"{label} ({state})"))
        self._fill_categories(items)

    def current_category(self) -> CategoryFinal | None:
        if self.report is None:
            return None
        return next((c for c in self.report.categories if c.category_key == self._category), None)

    def _criterion_names(self) -> dict[str, str]:
        if self._workspace is None:
            return {}
        from panel_app.workflow.final.final_round import final_criteria

        criteria = final_criteria(self._workspace.edition)
        return {c.key: c.name.get(self._language) for c in criteria}

    def _show_category(self, row: int) -> None:
        shown = self._current_finalist()  # kept when the same category is read again
        if self.report is None or row < 0:
            self._category = ""
            self.model.set_category(None)
            self.ranks_model.set_category(None)
            self.criteria_model.set_category(None, {})
            self.state_label.setText(self.tr("No finalists yet: import the public vote first."))
            self._fill_form(None)
            self._show_finalist()
            return
        same = self._category == self._category_at(row)
        self._category = self._category_at(row)
        category = self.current_category()
        names = self._criterion_names()
        self.model.criterion_names = names
        self.model.set_category(category)
        self.ranks_model.set_category(category)
        self.criteria_model.set_category(category, names)
        findings = category is not None and (
            any(r.findings for r in category.finalists)
            or any(r.findings for r in category.not_analysed)
        )
        self.table.setColumnHidden(8, not findings)  # an empty column only takes room
        # The vote's words may be long ("demo: rank 1 of the nominee list ..."): cut.
        self.table.resizeColumnToContents(3)
        widest = self.table.fontMetrics().averageCharWidth() * 28
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), widest))
        self.state_label.setText(self._state_text(category) if category else "")
        ids = [self.model.submission_at(n) for n in range(self.model.rowCount())]
        keep = ids.index(shown) if same and shown in ids else 0
        if ids:
            select_row(self.table, keep)
        self._fill_form(category)
        self._show_finalist()
        self._fit_table()
        self._fit_analysis()

    def _state_text(self, category: CategoryFinal) -> str:
        w = category.concordance
        if w.value is None:
            agreement = self.tr("Kendall's W: undefined ({reason}).").format(
                reason=concordance_reason(w.reason) if w.reason else "–"
            )
        else:
            p = (
                ""
                if w.p_value is None
                else ", p < 0.001"
                if w.p_value < 0.001
                else f", p = {w.p_value:.3f}"
            )
            agreement = self.tr(
                "Kendall's W: {w} over {experts} experts and {items} finalists{p}."
            ).format(w=f"{w.value:.3f}", experts=w.experts, items=w.items, p=p)
        schulze = " > ".join(" = ".join(tier) for tier in category.schulze) or "–"
        means = " > ".join(" = ".join(tier) for tier in category.score_order) or "–"
        lines = [  # (the category's name is the one selected in the list beside)
            agreement,
            self.tr("Schulze order of the experts' rankings: {order}").format(order=schulze),
            self.tr("Order of the mean scores: {order}").format(order=means),
        ]
        if category.selection_reason is not None:
            lines.append(
                self.tr("The chair's reason: {reason}").format(reason=category.selection_reason)
            )
        if category.unsettled and category.tie is not None:
            lines.append(
                self.tr(
                    "Tied on public votes for the last finalist place(s): {ids}. "
                    "Finalists > Settle the tie… picks who is a finalist."
                ).format(ids=", ".join(category.tie.undecided))
            )
        lines += [self._note_words(n) for n in category.note_data]
        return "\n".join(line for line in lines if line)

    def _note_words(self, note: Note) -> str:
        """A note on the category in the window's words; one this window says itself
        above (the finalists' tie) left out, one it does not know as the core wrote it."""
        from panel_app.workflow import final as notes

        if note.code == notes.NOTE_FINALIST_TIE:
            return ""
        params = dict(note.params)
        if note.code == notes.NOTE_ORDER_TIE:
            templates = {
                ("schulze", "winner"): self.tr(
                    "A tie in the Schulze order across the winner's place ({ids}): the chair "
                    "decides, with a reason."
                ),
                ("schulze", "champion"): self.tr(
                    "A tie in the Schulze order across the last champion's place ({ids}): the "
                    "chair decides, with a reason."
                ),
                ("mean", "winner"): self.tr(
                    "A tie in the mean scores across the winner's place ({ids}): the chair "
                    "decides, with a reason."
                ),
                ("mean", "champion"): self.tr(
                    "A tie in the mean scores across the last champion's place ({ids}): the "
                    "chair decides, with a reason."
                ),
            }
            template = templates.get((str(params.get("order")), str(params.get("place"))))
        else:
            template = {
                notes.NOTE_ANALYSED: self.tr(
                    "The panel analyses the top {quota} by valid votes ({analysed}); the "
                    "winner is one of them. Not analysed: {not_analysed} (a champion may be "
                    "one of them)."
                ),
                notes.NOTE_FEW_ELIGIBLE: self.tr(
                    "{eligible} eligible finalists for {winners} winner(s) and {champions} "
                    "champions: the chair records fewer champions, with a reason."
                ),
                notes.NOTE_NO_REVIEWS: self.tr(
                    "No final-round review counts yet: neither order says anything."
                ),
                notes.NOTE_LEFT_OUT_OF_W: self.tr(
                    "Left out of Kendall's W (did not rank every finalist): {experts}."
                ),
                notes.NOTE_FINDINGS: self.tr(
                    "Open rule findings on {ids}: overrule them or take the projects off the "
                    "finalists (Finalists > Take the finalist off…) before selecting them."
                ),
            }.get(note.code)
        if template is None:
            return note.text
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):  # a translation that lost a parameter
            return note.text

    def _show_finalist(self) -> None:
        """The reviews of the finalist selected in the table, with what it is."""
        category = self.current_category()
        row = self.table.currentIndex().row() if self.table.currentIndex().isValid() else -1
        if category is None or not 0 <= row < self.model.rowCount():
            hint = self.tr("Select a finalist to read its reviews.")
            self.reviews.setHtml(f"<p>{html.escape(hint)}</p>")
        elif row >= len(category.finalists):
            self.reviews.setHtml(self._other_html(category, row - len(category.finalists)))
        else:
            self.reviews.setHtml(self._reviews_html(category.finalists[row]))
        self._update_actions()

    def _other_html(self, category: CategoryFinal, n: int) -> str:
        other = category.not_analysed[n]
        why = self.tr(
            "Not analysed in the final round (beyond the top {count} by valid votes): no "
            "reviews; it may be a champion, not the winner."
        ).format(count=len(category.finalists))
        e = html.escape
        return self._in_direction(
            f"<h3>{e(other.submission_id)} {e(other.title)}</h3>"
            f"<p>{e(other.organisation)}<br>{e(vote_in_words(other.vote, self._language))}</p>"
            f"<p>{e(why)}</p>"
        )

    def _in_direction(self, body: str) -> str:
        """The window's direction for every paragraph: a name in Arabic script does not
        turn the line around it right to left."""
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        return f"<div dir='{'rtl' if rtl else 'ltr'}'>{body}</div>".replace(
            "<p>", f"<p dir='{'rtl' if rtl else 'ltr'}'>"
        )

    def _reviews_html(self, finalist: FinalistRow) -> str:
        """The finalist, then each expert's review: the name (and code), the rank given,
        the score and the confidence, the comment below them."""
        from panel_app.workflow.final.final_round import NOT_RETURNED

        e = html.escape
        vote = vote_in_words(finalist.vote, self._language)
        facts = (
            self.tr("Mean {mean} of {count} counted reviews; {vote}").format(
                mean=_points(finalist.mean), count=finalist.reviews, vote=vote
            )
            if finalist.mean is not None
            else self.tr("No counted review yet; {vote}").format(vote=vote)
        )
        parts = [
            f"<h3>{e(finalist.submission_id)} {e(finalist.title)}</h3>",
            f"<p>{e(finalist.organisation)}<br>{e(facts)}</p>",
        ]
        confidence = {"high": self.tr("high"), "medium": self.tr("medium"),
                      "low": self.tr("low")}  # fmt: skip
        for line in finalist.review_lines:
            who = f"{line.expert_name} ({line.expert_code})" if line.expert_name else (
                line.expert_code
            )  # fmt: skip
            if line.rank is not None:
                figures = self.tr("rank {rank}, score {score}").format(
                    rank=f"{line.rank:g}", score=_points(line.composite)
                )
            elif line.status == NOT_RETURNED:
                figures = self.tr("no review returned")
            else:
                figures = self.tr("not counted: {why}").format(why=review_status(line.status))
            if line.confidence:
                figures += ", " + self.tr("confidence {level}").format(
                    level=confidence.get(line.confidence, line.confidence)
                )
            parts.append(f"<p><b>{e(who)}</b> — {e(figures)}")
            if line.comment:
                comment = e(line.comment).replace("\n", "<br>")
                parts.append(f"<br><i>“{comment}”</i>")
            parts.append("</p>")
        if not finalist.review_lines:
            nobody = self.tr("No expert is assigned this finalist yet.")
            parts.append(f"<p>{e(nobody)}</p>")
        return self._in_direction("".join(parts))

    # --- the selection -------------------------------------------------------------------
    def _fill_form(self, category: CategoryFinal | None) -> None:
        """The form filled for the category: the recorded selection, else the proposal.
        Read again with nothing changed for it, the chair's choices stay as they were."""
        from panel_app.workflow.final.final_round import proposed_selection

        if category is None:
            self._form_key = None
            self.selection_form.show_category(None, [], [], "")
            self._update_actions()
            return
        winners, champions = stored_selection(category)
        key = (
            category.category_key,
            tuple(r.submission_id for r in category.finalists),
            tuple(r.submission_id for r in category.not_analysed),
            tuple(winners),
            tuple(champions),
            category.selection_reason,
            category.unsettled,
        )
        if key == self._form_key:
            self._update_actions()
            return
        self._form_key = key
        if category.unsettled:
            summary = self.tr(
                "Settle the tie for the last finalist places first (Finalists > Settle the tie…)."
            )
        elif winners or champions:
            summary = self.tr(
                "Recorded: winner {winners}; champions {champions}. To change it, choose "
                "again and give the reason."
            ).format(winners=", ".join(winners) or "–", champions=", ".join(champions) or "–")
        else:
            summary = self.tr(
                "Not recorded yet. Proposed from the Schulze order: change it if the panel "
                "decided otherwise, and give the reason."
            )
            winners, champions = proposed_selection(category)
        self.selection_form.show_category(category, winners, champions, summary)
        self._update_actions()

    def _update_actions(self) -> None:
        busy = self.loading.busy
        category = self.current_category()
        open_to_select = not busy and category is not None and not category.unsettled
        self.select_action.setEnabled(open_to_select)
        self.selection_form.setEnabled(open_to_select)
        self.settle_action.setEnabled(not busy and category is not None and category.unsettled)
        self.take_off_action.setEnabled(
            not busy and category is not None and self._current_finalist() is not None
        )
        self.refresh_action.setEnabled(not busy)

    def _current_finalist(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.submission_at(index.row()) if index.isValid() else None

    # --- the finalists -------------------------------------------------------------------
    def _ask_tie_picks(self, category: CategoryFinal) -> tuple[list[str], str] | None:
        dialog = TieDialog(category, self.category_label(category.category_key), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def _ask_reason(self, title: str, label: str) -> str | None:

        return ask_reason(self, title, label)

    def settle_tie(self) -> None:
        from panel_app.workflow.vote.finalist_decisions import add_finalist

        category = self.current_category()
        if category is None or not category.unsettled:
            return
        answer = self.choose_tie_picks(category)
        if answer is None:
            return
        picked, reason = answer
        if not picked:
            self._refuse(self.tr("Finalists not changed"),
                         self.tr("Tick the tied projects the panel makes finalists."))  # fmt: skip
            return

        def pick(sid: str) -> Callable[[Any], Any]:
            return lambda ws: add_finalist(ws, sid, reason, seen=self._seen())

        self._finalist_decisions([pick(sid) for sid in picked])

    def take_off(self) -> None:
        from panel_app.workflow.vote.finalist_decisions import remove_finalist

        sid = self._current_finalist()
        if sid is None:
            return
        reason = self.ask_reason(
            self.tr("Take the finalist off"),
            self.tr("Why is {id} no longer a finalist? (for the record)").format(id=sid),
        )
        if reason is None:
            return
        self._finalist_decisions([lambda ws: remove_finalist(ws, sid, reason, seen=self._seen())])

    def _seen(self) -> int | None:
        return self.report.position if self.report is not None else None

    def _finalist_decisions(self, decisions: list[Callable[[Any], Any]]) -> None:
        """Each decision in turn; the first refusal stops the rest and says why."""
        from panel_app.workflow.record import StaleView
        from panel_app.workflow.vote.finalist_decisions import FinalistRefused
        from panel_app.workflow.vote.public_vote import VotesRefused

        if self._workspace is None:
            return
        title = self.tr("Finalists not changed")
        done = []
        for decide in decisions:
            try:
                done.append(decide(self._workspace))
            except (FinalistRefused, VotesRefused) as refused:
                self._refuse(title, refusal_text(refused))
                break
            except StaleView as stale:  # another chair decided since: show what is there now
                self._refuse(title, str(stale))
                break
            except WorkspaceError as error:
                self._refuse(title, workspace_report(error))
                break
            if self.report is not None:  # the next decision builds on this one, seen
                self.report = replace(self.report, position=done[-1].position)
        if not done:
            return
        texts = [
            (
                self.tr("{id} is a finalist of {category}.")
                if d.outcome == "selected"
                else self.tr("{id} is no longer a finalist of {category}.")
            ).format(id=d.submission_id, category=d.category_key)
            for d in done
        ]
        self.statusBar().showMessage(" ".join([*texts, *done[-1].notes]), 15000)
        self.refresh()
        self.decided.emit(done[-1])

    def _ask_selection(
        self, category: CategoryFinal, _winners: list[str], _champions: list[str]
    ) -> tuple[list[str], list[str], str] | None:
        """What the form beside the finalists holds (filled from the recorded selection or
        the proposal); without a reason yet, the cursor goes to the reason and says so."""
        if self._form_key is None or self._form_key[0] != category.category_key:
            return None
        if not self.selection_form.reason.text().strip():
            self.selection_form.reason.setFocus()
            self.statusBar().showMessage(
                self.tr("Give the reason for the record, then record the selection."), 15000
            )
            return None
        return self.selection_form.chosen()

    def record_selection(self) -> None:
        from panel_app.workflow.final.final_round import (
            SelectionRefused,
            proposed_selection,
            record_selection,
        )
        from panel_app.workflow.record import StaleView

        category = self.current_category()
        if category is None or self._workspace is None:
            return
        current_winners, current_champions = stored_selection(category)
        winners, champions = (
            (current_winners, current_champions)
            if current_winners or current_champions
            else proposed_selection(category)
        )
        answer = self.choose_selection(category, winners, champions)
        if answer is None:
            return
        chosen_winners, chosen_champions, reason = answer
        try:
            result = record_selection(
                self._workspace,
                category.category_key,
                winners=chosen_winners,
                champions=chosen_champions,
                reason=reason,
                seen=self.report.position if self.report is not None else None,
            )
        except SelectionRefused as refused:
            self._refuse(self.tr("Selection not recorded"), refusal_text(refused))
            return
        except StaleView as stale:  # another chair selected since: show what is there now
            self._refuse(self.tr("Selection not recorded"), str(stale))
            self.refresh()
            return
        except WorkspaceError as error:
            self._refuse(self.tr("Selection not recorded"), workspace_report(error))
            return
        text = self.tr("Recorded for {category}: winner {winners}; champions {champions}.").format(
            category=self.category_label(result.category_key),
            winners=", ".join(result.winners),
            champions=", ".join(result.champions) or "–",
        )
        self.statusBar().showMessage(" ".join([text, *result.notes]), 15000)
        self.refresh()
        self.decided.emit(result)
