"""The chair's final round: for each category, the finalists with their public vote, the
experts' mean scores and ranks, Kendall's W and the Schulze order beside them, and the
chair's selection of the winner and champions, with a reason (replacing an earlier one;
the audit log keeps both). The Finalists menu settles a tie for the last finalist places
(a pick among the tied projects) and takes a finalist off, each with a reason.

The report (workflow.final_round.final_round_report_at) is read in a worker thread; the
selection is one short workflow call on the window's own open workspace.
"""

from __future__ import annotations

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
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panel_app.ui.catalogue import concordance_reason, workspace_report
from panel_app.ui.chair.category_window import CategoryWindow
from panel_app.ui.reason import ask_reason
from panel_app.ui.screen import resize_within_screen
from panel_app.workflow.changes import Touched
from panel_app.workflow.workspace import (
    WorkspaceError,
    WorkspaceLocation,
)

if TYPE_CHECKING:
    from panel_app.problems import Note
    from panel_app.workflow.final.final_round import CategoryFinal, FinalRoundReport

# (category) -> (the tied projects picked, reason) or None
ChooseTiePicks = Callable[["CategoryFinal"], "tuple[list[str], str] | None"]
# (title, label) -> the reason, or None (cancelled)
AskReason = Callable[[str, str], "str | None"]
# (category, proposed winners, proposed champions) -> (winners, champions, reason) or None
ChooseSelection = Callable[
    ["CategoryFinal", list[str], list[str]], "tuple[list[str], list[str], str] | None"
]


class FinalistTableModel(QAbstractTableModel):
    """A category's finalists: the vote, the scores, the places and each expert's rank."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.category: CategoryFinal | None = None
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
        if parent.isValid():
            return 0
        experts = len(self.category.experts) if self.category is not None else 0
        return len(self._fixed) + experts

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(self._fixed):
            return self._fixed[section]
        if self.category is not None and section - len(self._fixed) < len(self.category.experts):
            return self.category.experts[section - len(self._fixed)]
        return None

    def vote_text(self, rationale: str) -> str:
        """The public vote's count and rank, in words; a finalist the chair picked: the
        chair's reason, as recorded."""
        from panel_app.workflow.vote import vote_standing

        standing = vote_standing(rationale)
        if standing is None:
            return rationale
        return self.tr("{votes} valid votes, rank {rank}").format(
            votes=standing[0], rank=standing[1]
        )

    def selection_text(self, selection: str | None) -> str:
        return {"winner": self.tr("winner"), "champion": self.tr("champion")}.get(
            selection or "", ""
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        category = self.category
        if category is None or not index.isValid():
            return None
        if not 0 <= index.row() < self.rowCount():
            return None
        column = index.column()
        if index.row() >= len(category.finalists):  # beyond the top by votes: not analysed
            other = category.not_analysed[index.row() - len(category.finalists)]
            if role == Qt.ItemDataRole.DisplayRole and column < len(self._fixed):
                return (
                    other.submission_id,
                    other.title,
                    other.organisation,
                    self.vote_text(other.vote),
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
            if column >= len(self._fixed):
                from panel_app.workflow.final.final_round import rank_cell

                return rank_cell(row, category.experts[column - len(self._fixed)])
            from panel_app.scoring.model import points

            return (
                row.submission_id,
                row.title,
                row.organisation,
                self.vote_text(row.vote),
                "" if row.mean is None else f"{points(row.mean):.2f}",
                "" if row.score_place is None else str(row.score_place),
                str(row.schulze_place),
                self.selection_text(row.selection),
                "; ".join(row.findings),
            )[column]
        if (role == Qt.ItemDataRole.TextAlignmentRole and column in (4, 5, 6)) or (
            role == Qt.ItemDataRole.TextAlignmentRole and column >= len(self._fixed)
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.selection:
            font = QFont()
            font.setBold(True)
            return font
        return None


class SelectionDialog(QDialog):
    """The winner(s), the champions (checked) and the reason, for one category."""

    def __init__(
        self,
        category: CategoryFinal,
        winners: Sequence[str],
        champions: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            self.tr("Winner and champions: {category}").format(category=category.category_key)
        )
        names = {r.submission_id: f"{r.submission_id} {r.title}" for r in category.finalists}
        # The winner is one of the finalists analysed; a champion may be any finalist.
        everyone = dict(names)
        beyond = self.tr("{id} {title} (not analysed: it may be a champion, not the winner)")
        everyone.update(
            (r.submission_id, beyond.format(id=r.submission_id, title=r.title))
            for r in category.not_analysed
        )
        self.winner = QComboBox()
        self.winner.setAccessibleName(self.tr("Winner"))
        for sid, name in names.items():
            self.winner.addItem(name, sid)
        if winners:
            self.winner.setCurrentIndex(self.winner.findData(winners[0]))
        self.champions = QListWidget()
        self.champions.setAccessibleName(self.tr("Champions"))
        for sid, name in everyone.items():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, sid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if sid in champions else Qt.CheckState.Unchecked
            )
            self.champions.addItem(item)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Why, for the record (e.g. the panel meeting)"))
        # The winner is no champion: its line in the list is unticked and off.
        self.winner.currentIndexChanged.connect(lambda _i: self._winner_not_champion())
        self._winner_not_champion()
        form = QFormLayout()
        form.addRow(self.tr("&Winner:"), self.winner)
        form.addRow(
            self.tr("&Champions ({count}):").format(count=category.champions_quota),
            self.champions,
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

    def __init__(self, category: CategoryFinal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tie = category.tie
        assert tie is not None
        places = tie.open_places - len(tie.picked)
        self.setWindowTitle(self.tr("Settle the tie: {category}").format(
            category=category.category_key))  # fmt: skip
        self.tied = QListWidget()
        self.tied.setAccessibleName(self.tr("Tied projects"))
        for sid in tie.undecided:
            item = QListWidgetItem(sid)
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
        self.state_label.setObjectName("finalState")
        self.model = FinalistTableModel(self)
        self.table.setAccessibleName(self.tr("Finalists"))
        self.table.setModel(self.model)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self._lay_out([240, 1060])

        menu = self.menuBar().addMenu(self.tr("&Selection"))
        self.select_action = QAction(self.tr("&Record the winner and champions…"), self)
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

        # The dialogs: attributes, so a test answers them as a person would.
        self.choose_selection: ChooseSelection = self._ask_selection
        self.choose_tie_picks: ChooseTiePicks = self._ask_tie_picks
        self.ask_reason: AskReason = self._ask_reason
        self._update_actions()
        self.refresh()

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

    def _show_category(self, row: int) -> None:
        if self.report is None or row < 0:
            self._category = ""
            self.model.set_category(None)
            self.state_label.setText(self.tr("No finalists yet: import the public vote first."))
            self._update_actions()
            return
        self._category = self._category_at(row)
        category = self.current_category()
        self.model.set_category(category)
        self.table.resizeColumnsToContents()
        for column in (1, 2, 3):  # long texts: the experts' ranks stay in view
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 200))
        self.state_label.setText(self._state_text(category) if category else "")
        self._update_actions()

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
        lines = [
            f"{category.category_key}: "
            + self.category_name(category.category_key, category.category_name),
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

    # --- the selection -------------------------------------------------------------------
    def _update_actions(self) -> None:
        busy = self.loading.busy
        category = self.current_category()
        self.select_action.setEnabled(not busy and category is not None and not category.unsettled)
        self.settle_action.setEnabled(not busy and category is not None and category.unsettled)
        self.take_off_action.setEnabled(
            not busy and category is not None and self._current_finalist() is not None
        )
        self.refresh_action.setEnabled(not busy)

    def _current_finalist(self) -> str | None:
        category = self.current_category()
        index = self.table.currentIndex()
        if category is None or not index.isValid():
            return None
        ids = [r.submission_id for r in category.finalists]
        ids += [r.submission_id for r in category.not_analysed]
        return ids[index.row()] if index.row() < len(ids) else None

    # --- the finalists -------------------------------------------------------------------
    def _ask_tie_picks(self, category: CategoryFinal) -> tuple[list[str], str] | None:
        dialog = TieDialog(category, self)
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
                self._refuse(title, str(refused))
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
        self, category: CategoryFinal, winners: list[str], champions: list[str]
    ) -> tuple[list[str], list[str], str] | None:
        dialog = SelectionDialog(category, winners, champions, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

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
        current_winners = [r.submission_id for r in category.finalists if r.selection == "winner"]
        current_champions = [
            r.submission_id for r in category.finalists if r.selection == "champion"
        ] + [r.submission_id for r in category.not_analysed if r.selection == "champion"]
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
            self._refuse(self.tr("Selection not recorded"), str(refused))
            return
        except StaleView as stale:  # another chair selected since: show what is there now
            self._refuse(self.tr("Selection not recorded"), str(stale))
            self.refresh()
            return
        except WorkspaceError as error:
            self._refuse(self.tr("Selection not recorded"), workspace_report(error))
            return
        text = self.tr("Recorded for {category}: winner {winners}; champions {champions}.").format(
            category=result.category_key,
            winners=", ".join(result.winners),
            champions=", ".join(result.champions) or "–",
        )
        self.statusBar().showMessage(" ".join([text, *result.notes]), 15000)
        self.refresh()
        self.decided.emit(result)
