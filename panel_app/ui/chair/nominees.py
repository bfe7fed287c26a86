"""The chair's nominee list: each category's ranking, who is on the list and why, every
figure behind a place, and the chair's decisions (add or remove a project, freeze or
unfreeze the list), each with a reason for the audit log.

An edition with no fixed count (2017) proposes nothing by itself, and the window says so:
the chair selects several rows and adds (or removes) them with one reason, or proposes by
a rule (the top K of each category, or a threshold score), whose picks show as "proposed"
(selected in the table) and go on the list with one reason in one step.

The ranking (workflow.nomination.nomination_report_at) takes seconds for a full edition,
so it runs in a worker thread; the decisions are short workflow calls on the window's own
open workspace, each followed by a new ranking.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QRadioButton,
    QSpinBox,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from panel_app.ui.catalogue import ranking_flag, ranking_step, review_status, rule_name
from panel_app.ui.chair.category_window import CategoryWindow
from panel_app.ui.models import select_row
from panel_app.ui.reason import ask_reason
from panel_app.ui.screen import resize_within_screen
from panel_app.workflow.changes import Touched
from panel_app.workflow.nomination.standing import (
    ADDED,
    INELIGIBLE,
    NOT_LISTED,
    NOTE_ABOVE_QUOTA,
    NOTE_BELOW_QUOTA,
    NOTE_FINDINGS,
    NOTE_GATES_FAILED,
    NOTE_RULE_TIE,
    NOTE_TIE_AT_CUT,
    ON_LIST,
    PROPOSED,
    REMOVED,
    TIED,
    NomineeLine,
    category_lines,
)
from panel_app.workflow.workspace import (
    OpenWorkspace,
    WorkspaceLocation,
)

if TYPE_CHECKING:  # the ranking brings numpy and scipy: imported when it runs
    from panel_app.problems import Note
    from panel_app.workflow.nomination.nominees import NominationReport


class NomineeTableModel(QAbstractTableModel):
    """A category's projects: place, ID, project, organisation, score, reviews, list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[NomineeLine] = []
        self._headers = (
            self.tr("Place"),
            self.tr("ID"),
            self.tr("Project title"),
            self.tr("Organisation"),
            self.tr("Score"),
            self.tr("Reviews"),
            self.tr("Nominee list"),
            self.tr("Open findings"),
            self.tr("Gates failed"),
        )

    def status_text(self, status: str) -> str:
        return {
            ON_LIST: self.tr("nominee"),
            ADDED: self.tr("added by the chair"),
            TIED: self.tr("tied at the cut: the chair decides"),
            REMOVED: self.tr("removed by the chair"),
            INELIGIBLE: self.tr("ineligible"),
            PROPOSED: self.tr("proposed by your rule: not on the list yet"),
            NOT_LISTED: "",
        }[status]

    def set_lines(self, lines: list[NomineeLine]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                "" if line.place is None else str(line.place),
                line.submission_id,
                line.title,
                line.organisation,
                "" if line.score is None else f"{line.score:.2f}",
                str(line.reviews),
                self.status_text(line.status),
                ", ".join(rule_name(rule) for rule in line.rules),  # a name, in Chinese
                ", ".join(str(g.gate) for g in line.failed_gates),
            )
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (2, 3):  # what the column cuts
            return line.title if column == 2 else line.organisation
        if role == Qt.ItemDataRole.ToolTipRole and column == 7 and line.findings:
            return "\n".join(line.findings)
        if role == Qt.ItemDataRole.ToolTipRole and column == 8 and line.failed_gates:
            return "\n".join(
                self.tr("Gate {gate}: failed by {failed} of its {experts} experts").format(
                    gate=g.gate, failed=g.failed, experts=g.experts
                )
                for g in line.failed_gates
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 4, 5):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and line.status in (ON_LIST, ADDED, TIED, PROPOSED):
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(line.status != PROPOSED)
            font.setItalic(line.status == PROPOSED)
            return font
        return None


# The chair's rule for an edition with no fixed count: (top K, None) or (None, points).
Rule = tuple[int | None, float | None]


class RuleDialog(QDialog):
    """The rule that proposes nominees: the top K of each category, or a threshold."""

    def __init__(self, rule: Rule | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Propose by a rule"))
        self.by_top = QRadioButton(self.tr("The top of each category:"))
        self.by_threshold = QRadioButton(self.tr("Every project scoring at least:"))
        self.top = QSpinBox()
        self.top.setRange(1, 1000)
        self.top.setValue(rule[0] if rule is not None and rule[0] is not None else 8)
        self.top.setSuffix(self.tr(" projects"))
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.0, 100.0)
        self.threshold.setDecimals(2)
        self.threshold.setValue(rule[1] if rule is not None and rule[1] is not None else 70.0)
        self.threshold.setSuffix(self.tr(" points"))
        (self.by_threshold if rule is not None and rule[1] is not None else self.by_top).setChecked(
            True
        )
        form = QFormLayout()
        form.addRow(self.by_top, self.top)
        form.addRow(self.by_threshold, self.threshold)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> Rule:
        if self.by_top.isChecked():
            return self.top.value(), None
        return None, round(self.threshold.value(), 2)


class NomineesWindow(CategoryWindow):
    # The ranking reads the submissions, findings, panel and reviews; the list, decisions.
    FOLLOWS = (
        Touched.SUBMISSIONS | Touched.FINDINGS | Touched.PANEL | Touched.REVIEWS | Touched.NOMINEES
    )

    def __init__(
        self, settings: QSettings, location: WorkspaceLocation, parent: QWidget | None = None
    ) -> None:
        super().__init__(settings, location, parent)
        self.setObjectName("nomineesWindow")
        self.report: NominationReport | None = None
        # The chair's rule (an edition with no fixed count), and the dialog that asks it.
        self.rule: Rule | None = None
        self.ask_rule: Callable[[Rule | None], Rule | None] = self._ask_rule
        self.ranking = self.loading  # the name the tests and the chair's window know
        self.setWindowTitle(self.tr("Nominees — {workspace}").format(workspace=location.display))
        self.state_label.setObjectName("nomineeState")
        # Wrapped: a long note unwrapped made the window wider than a 150% screen.
        self.state_label.setWordWrap(True)
        self.model = NomineeTableModel(self)
        self.table.setAccessibleName(self.tr("Ranking"))
        self.table.setModel(self.model)
        # Several rows at once: added or removed with one reason (Ctrl/Shift+click).
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        # The columns as wide as their words, the title and the organisation sharing what
        # is left (see _fit_columns); the status beside the score, before the organisation:
        # where the window is narrow (150%), what decides the list stays in view.
        header = self.table.horizontalHeader()
        for logical, visual in ((4, 3), (6, 4)):  # place, ID, title, score, status, ...
            header.moveSection(header.visualIndex(logical), visual)
        self._widths: dict[int, int] = {}  # column -> what its words need, this category
        self.table.viewport().installEventFilter(self)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()  # rows of one line: more of the ranking in view
        rows.setDefaultSectionSize(rows.fontMetrics().height() + 8)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Why this place"))
        self._lay_out([200, 820, 340], self.detail)

        menu = self.menuBar().addMenu(self.tr("&List"))
        self.add_action = self._action(menu, self.tr("&Add to the list…"), "Ctrl+Shift+A",
                                       self._add)  # fmt: skip
        self.remove_action = self._action(menu, self.tr("&Remove from the list…"), "Ctrl+Shift+R",
                                          self._remove)  # fmt: skip
        menu.addSeparator()
        self.rule_action = self._action(menu, self.tr("&Propose by a rule…"), "Ctrl+Shift+P",
                                        self._propose)  # fmt: skip
        self.add_proposal_action = self._action(
            menu, self.tr("Add the rule’s pro&posal…"), None, self._add_proposal
        )
        self.clear_rule_action = self._action(menu, self.tr("&Clear the rule"), None,
                                              self._clear_rule)  # fmt: skip
        menu.addSeparator()
        self.freeze_action = self._action(menu, self.tr("&Freeze the list…"), None, self._freeze)
        self.unfreeze_action = self._action(menu, self.tr("&Unfreeze the list…"), None,
                                            self._unfreeze)  # fmt: skip
        menu.addSeparator()
        self.refresh_action = self._action(menu, self.tr("Rank &again"), "F5", self.refresh)
        self._update_actions()
        resize_within_screen(self, 1400, 820)

        # What a reason dialog answers: an attribute, so a test answers as a person would.
        self.ask_reason: Callable[[str, str], str | None] = self._ask_reason
        self.refresh()

    def _action(
        self, menu: Any, text: str, shortcut: str | None, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- the ranking ---------------------------------------------------------------------
    def refresh(self) -> None:
        from panel_app.workflow.nomination.nominees import nomination_report_at

        top, threshold = self.rule if self.rule is not None else (None, None)
        self._read(
            partial(nomination_report_at, top=top, threshold=threshold),
            self.tr("Ranking every category…"),
            self.tr("Nominees"),
            self.tr("The ranking could not be made."),
            self._loaded,
        )

    def _loaded(self, outcome: object) -> None:
        from panel_app.workflow.nomination.nominees import NominationReport

        assert isinstance(outcome, NominationReport)
        self.report = outcome
        items = []
        for result in outcome.results:
            listed = sum(1 for e in outcome.entries if e.category_key == result.category_key)
            text = self.tr("{category} ({listed} on the list)").format(
                category=self.category_label(result.category_key), listed=listed
            )
            items.append((result.category_key, text))
        self._fill_categories(items)

    def _show_state(self) -> None:
        report = self.report
        if report is None:
            return
        if report.frozen is not None:
            text = self.tr(
                "Frozen on {date} by {who}: {reason}. Unfreeze the list to change it."
            ).format(
                date=f"{report.frozen.frozen_at:%Y-%m-%d %H:%M} UTC",
                who=report.frozen.frozen_by,
                reason=report.frozen.reason,
            )
        elif report.quota is None:
            text = self.tr(
                "Ranked by the {method} scores; not frozen. {count} nominees, each added by "
                "the chair: this edition sets no nominee count, so nothing is proposed by "
                "itself. Select projects and add them (List > Add to the list…), or propose "
                "by a rule (List > Propose by a rule…)."
            ).format(method=self._method_name(report.method.value), count=len(report.entries))
        else:
            text = self.tr(
                "A proposal, ranked by the {method} scores; not frozen. {count} nominees."
            ).format(method=self._method_name(report.method.value), count=len(report.entries))
        if self.rule is not None and report.rule is not None:
            text += "\n" + self.tr(
                "Your rule, {rule}, proposes {count} projects not on the list yet (selected "
                "below): add them with one reason (List > Add to the list…, or Add the "
                "rule’s proposal… for every category)."
            ).format(rule=self._rule_words(self.rule), count=len(report.proposed))
        # The notes of the category shown (all of them would fill the window).
        notes = [self._note_words(n) for n in report.notes if n.category_key == self._category]
        if notes:
            text += "\n" + "\n".join(notes)
        self.state_label.setText(text)
        self._update_actions()

    def _note_words(self, note: Note) -> str:
        """A note on the category's list in the window's words and commands; the ranking's
        own notes (code "") as the core writes them, in English."""
        templates = {
            NOTE_RULE_TIE: self.tr(
                "{ids} tie at the last of the {top} places your rule proposes: select the "
                "ones the panel picks and add them (List > Add to the list…)."
            ),
            NOTE_TIE_AT_CUT: self.tr(
                "{count} projects tie for {places} place(s) at the cut ({ids}): select the "
                "ones the panel picks and add them (List > Add to the list…)."
            ),
            NOTE_ABOVE_QUOTA: self.tr(
                "{listed} nominees, {above} above the quota of {quota}, by the chair's decisions."
            ),
            NOTE_BELOW_QUOTA: self.tr(
                "{listed} nominees for a quota of {quota}: too few eligible, reviewed projects."
            ),
            NOTE_GATES_FAILED: self.tr(
                "Nominees a majority of their experts failed at a nomination gate: {ids}. "
                "Remove each (with a reason) or keep it knowingly."
            ),
            NOTE_FINDINGS: self.tr(
                "Open rule findings on nominees {ids}: overrule each (with a reason) or "
                "remove the project before the list is frozen."
            ),
        }
        template = templates.get(note.code)
        if template is None:
            return note.text
        try:
            return template.format(**note.params)
        except (KeyError, IndexError, ValueError):  # a translation that lost a parameter
            return note.text

    def _method_name(self, method: str) -> str:
        names = {
            "calibrated": self.tr("calibrated"),
            "raw": self.tr("raw mean"),
            "zscore": self.tr("standardised (z)"),
        }
        return names.get(method, method)

    def _show_category(self, row: int) -> None:
        if self.report is None or row < 0:
            self.model.set_lines([])
            return
        self._category = self._category_at(row)
        self.model.set_lines(category_lines(self.report, self._category))
        self._measure_columns()
        self._show_state()
        proposed = [n for n, line in enumerate(self.model.lines) if line.status == PROPOSED]
        if proposed:  # the rule's picks, ready to be added with one reason
            self.table.clearSelection()
            select_row(self.table, proposed[0])
            mode = self.table.selectionMode()
            self.table.setSelectionMode(QTableView.SelectionMode.MultiSelection)
            for n in proposed[1:]:
                select_row(self.table, n)
            self.table.setSelectionMode(mode)
        elif self.model.rowCount():
            select_row(self.table, 0)
        self._show_detail()

    def _measure_columns(self) -> None:
        """What each column's header and words need in this category (a status whole,
        never "removed by the chai"); the findings' and the gates' columns only where a
        project of the category has one."""
        lines = self.model.lines
        bold = self.table.font()
        bold.setBold(True)  # the list's projects are shown in bold
        metrics = QFontMetrics(bold)
        header = self.table.horizontalHeader()
        pad = metrics.averageCharWidth() + 10
        self._widths = {}
        for column in range(self.model.columnCount()):
            texts = {self.model.index(n, column).data() or "" for n in range(len(lines))}
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            words = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            self._widths[column] = max(words, header.fontMetrics().horizontalAdvance(title)) + pad
        self.table.setColumnHidden(7, not any(line.findings for line in lines))
        self.table.setColumnHidden(8, not any(line.failed_gates for line in lines))
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The short columns as their words need; the title and the organisation share the
        width left, each at least about 16 characters (a sideways scroll beyond that)."""
        if not self._widths:
            return
        fixed = [c for c in (0, 1, 4, 5, 6, 7, 8) if not self.table.isColumnHidden(c)]
        for column in fixed:
            self.table.setColumnWidth(column, self._widths[column])
        least = self.table.fontMetrics().averageCharWidth() * 16
        free = self.table.viewport().width() - sum(self._widths[c] for c in fixed)
        title = max(least, min(self._widths[2], free * 55 // 100))
        organisation = max(least, min(self._widths[3], free - title))
        if title + organisation < free:  # room to spare: the title takes it
            title = free - organisation
        self.table.setColumnWidth(2, title)
        self.table.setColumnWidth(3, organisation)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def current_line(self) -> NomineeLine | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.lines[index.row()]

    def selected_lines(self) -> list[NomineeLine]:
        """The lines selected (several with Ctrl or Shift), else the current one."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        lines = [self.model.lines[n] for n in rows if 0 <= n < len(self.model.lines)]
        if not lines and (current := self.current_line()) is not None:
            lines = [current]
        return lines

    def _show_detail(self) -> None:
        line = self.current_line()
        self.detail.setHtml("" if line is None else self._detail_html(line))
        self._update_actions()

    def _detail_html(self, line: NomineeLine) -> str:
        from panel_app.scoring.model import points

        def pts(value: float | None) -> str:
            return "–" if value is None else f"{points(value):.2f}"

        e = html.escape
        parts = [f"<h3>{e(line.submission_id)} · {e(line.title)}</h3>",
                 f"<p>{e(line.organisation)}</p>"]  # fmt: skip
        status = self.model.status_text(line.status)
        if status:
            parts.append(f"<p><b>{e(status)}</b></p>")
        reason_text = self.tr("The chair’s reason: {reason}")
        parts += [f"<p>{e(reason_text.format(reason=r))}</p>" for r in line.reasons]
        if line.findings:
            heading = self.tr(
                "Open rule findings (overrule each with a reason, or remove the project, "
                "before the list is frozen):"
            )
            parts.append(f"<p><b>{e(heading)}</b></p><ul>")
            parts += [f"<li>{e(text)}</li>" for text in line.findings]
            parts.append("</ul>")
        parts += self._gates_html(line)
        row = line.row
        if row is None:
            not_ranked = self.tr("No counted review: not ranked.")
            parts.append(f"<p>{e(not_ranked)}</p>")
            return "".join(parts)
        figures = [
            (self.tr("Place"), str(row.rank)),
            (self.tr("Score (the ranking's)"), pts(row.score)),
            (self.tr("Mean of the experts' composites"), pts(row.raw_mean)),
            (self.tr("Calibrated for each expert's leniency"), pts(row.calibrated)),
            (self.tr("Median"), pts(row.median)),
            (self.tr("Lowest – highest"), f"{pts(row.minimum)} – {pts(row.maximum)}"),
            (self.tr("Standard deviation"), pts(row.sd)),
            (self.tr("Reviews counted"), str(row.reviews)),
            (
                self.tr("Chance of a place in the quota (bootstrap)"),
                "–" if row.p_top is None else f"{row.p_top:.2f}",
            ),
            (self.tr("Separated from the place above by"), ranking_step(row.decided_by)),
        ]
        parts.append("<table>")
        parts += [f"<tr><td>{e(k)}</td><td align='right'><b>{e(v)}</b></td></tr>"
                  for k, v in figures]  # fmt: skip
        parts.append("</table>")
        assert self.report is not None
        names = self.report.expert_names
        if row.not_counted:
            gone = ", ".join(
                f"{self._expert(names, c.review.expert_id)} ({review_status(str(c.status))})"
                for c in row.not_counted
            )
            not_counted = self.tr("Not counted: {reviews}").format(reviews=gone)
            parts.append(f"<p>{e(not_counted)}</p>")
        if row.flags:
            flags = self.tr("Flags: {flags}").format(
                flags=", ".join(ranking_flag(flag) for flag in row.flags)
            )
            parts.append(f"<p>{e(flags)}</p>")
        result = next(r for r in self.report.results if r.category_key == self._category)
        experts = [
            (self._expert(names, x.expert_id), f"{x.offset:+.2f}")
            for x in result.experts
            if x.offset is not None
        ]
        if experts:
            offsets = self.tr(  # the experts themselves in a table below
                "The experts of this category (points above or below the panel: "
                "+ lenient, − severe): {experts}"
            ).format(experts="")
            parts.append(f"<p>{e(offsets)}</p><table>")
            parts += [f"<tr><td>{e(who)}</td><td align='right'>{e(offset)}</td></tr>"
                      for who, offset in experts]  # fmt: skip
            parts.append("</table>")
        return "".join(parts)

    @staticmethod
    def _expert(names: dict[str, str], code: str) -> str:
        """An expert by name, with the code the files carry."""
        # (Left to right from its first mark: a name in Arabic script keeps its place.)
        return f"\u200e{names[code]} ({code})" if code in names else code

    def _gates_html(self, line: NomineeLine) -> list[str]:
        """The nomination gates as its experts answered them; a gate most of them failed
        it at first, in bold."""
        if not line.gates or self._workspace is None:
            return []
        e = html.escape
        questions = self._workspace.edition.nomination_gates
        parts = []
        if line.failed_gates:
            warning = self.tr(
                "A majority of its experts failed this project at a nomination gate: the "
                "call puts the gates before the criteria."
            )
            parts.append(f"<p><b>{e(warning)}</b></p>")
        answered = self.tr("The gates, as its experts answered them:")
        parts.append(f"<p>{e(answered)}</p><ul>")
        for verdict in line.gates:
            question = (
                questions[verdict.gate - 1].get(QLocale().name())  # the window's language
                if verdict.gate <= len(questions)
                else ""
            )
            text = self.tr(
                "Gate {gate}: {no} of its {experts} experts answered no, {yes} yes"
            ).format(gate=verdict.gate, no=verdict.failed, experts=verdict.experts,
                     yes=verdict.met)  # fmt: skip
            item = f"{e(text)} ({e(question)})" if question else e(text)
            parts.append(f"<li><b>{item}</b></li>" if verdict.failed_by_majority
                         else f"<li>{item}</li>")  # fmt: skip
        parts.append("</ul>")
        return parts

    # --- the chair's decisions -----------------------------------------------------------
    def _update_actions(self) -> None:
        frozen = self.report is not None and self.report.frozen is not None
        lines = self.selected_lines()
        busy = self.ranking.busy
        on = [line for line in lines if line.status in (ON_LIST, ADDED)]
        self.add_action.setEnabled(not busy and not frozen and len(on) < len(lines))
        self.remove_action.setEnabled(not busy and not frozen and bool(on))
        free = self.report is not None and self.report.quota is None  # no fixed count
        self.rule_action.setEnabled(not busy and not frozen and free)
        self.clear_rule_action.setEnabled(not busy and self.rule is not None)
        proposal = self.report.proposed if self.report is not None else ()
        self.add_proposal_action.setEnabled(
            not busy and not frozen and self.rule is not None and bool(proposal)
        )
        self.freeze_action.setEnabled(not busy and self.report is not None and not frozen)
        self.unfreeze_action.setEnabled(not busy and frozen)
        self.refresh_action.setEnabled(not busy)

    def _ask_reason(self, title: str, label: str) -> str | None:
        return ask_reason(self, title, label)

    def _decide(self, title: str, label: str, act: Callable[[OpenWorkspace, str], object]) -> None:
        from panel_app.workflow.nomination.nominees import NominationRefused

        self.decide(title, self.ask_reason(title, label), act, (NominationRefused,))

    def _seen(self) -> int | None:
        """The audit log's position the list on screen was read at."""
        return self.report.position if self.report is not None else None

    def _add(self) -> None:
        from panel_app.workflow.nomination.nominees import add_nominee, add_nominees

        ids = [n.submission_id for n in self.selected_lines() if n.status not in (ON_LIST, ADDED)]
        if len(ids) == 1:
            self._decide(
                self.tr("Add to the list"),
                self.tr("Why does {id} go on the list?").format(id=ids[0]),
                lambda ws, reason: add_nominee(ws, ids[0], reason, seen=self._seen()),
            )
        elif ids:
            self._decide(
                self.tr("Add to the list"),
                self.tr("Why do these {count} projects go on the list ({ids})?").format(
                    count=len(ids), ids=", ".join(ids)
                ),
                lambda ws, reason: add_nominees(ws, ids, reason, seen=self._seen()),
            )

    def _remove(self) -> None:
        from panel_app.workflow.nomination.nominees import remove_nominee, remove_nominees

        ids = [n.submission_id for n in self.selected_lines() if n.status in (ON_LIST, ADDED)]
        if len(ids) == 1:
            self._decide(
                self.tr("Remove from the list"),
                self.tr("Why does {id} come off the list?").format(id=ids[0]),
                lambda ws, reason: remove_nominee(ws, ids[0], reason, seen=self._seen()),
            )
        elif ids:
            self._decide(
                self.tr("Remove from the list"),
                self.tr("Why do these {count} projects come off the list ({ids})?").format(
                    count=len(ids), ids=", ".join(ids)
                ),
                lambda ws, reason: remove_nominees(ws, ids, reason, seen=self._seen()),
            )

    # --- a rule, for an edition with no fixed count ---------------------------------------
    def _ask_rule(self, rule: Rule | None) -> Rule | None:
        dialog = RuleDialog(rule, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()

    def _rule_words(self, rule: Rule) -> str:
        top, threshold = rule
        if top is not None:
            return self.tr("the top {count} of each category").format(count=top)
        return self.tr("every project scoring at least {points} points").format(
            points=f"{threshold:.2f}"
        )

    def _propose(self) -> None:
        rule = self.ask_rule(self.rule)
        if rule is not None:
            self.rule = rule
            self.refresh()

    def _clear_rule(self) -> None:
        self.rule = None
        self.refresh()

    def _add_proposal(self) -> None:
        from panel_app.workflow.nomination.nominees import add_proposed

        if self.rule is None or self.report is None:
            return
        top, threshold = self.rule
        count = sum(1 for e in self.report.proposed if e.status == "proposed")

        def add(ws: OpenWorkspace, reason: str) -> object:
            added = add_proposed(ws, reason, top=top, threshold=threshold, seen=self._seen())
            self.rule = None  # proposed and added: the list shows itself again
            return added

        self._decide(
            self.tr("Add the rule’s proposal"),
            self.tr(
                "Why do the {count} projects your rule proposes ({rule}) go on the list?"
            ).format(count=count, rule=self._rule_words(self.rule)),
            add,
        )

    def _freeze(self) -> None:
        from panel_app.workflow.nomination.nominees import freeze_nominees

        self._decide(
            self.tr("Freeze the list"),
            self.tr("The reason for the record (e.g. the panel meeting that decided it):"),
            lambda ws, reason: freeze_nominees(ws, reason, seen=self._seen()),
        )

    def _unfreeze(self) -> None:
        from panel_app.workflow.nomination.nominees import unfreeze_nominees

        self._decide(
            self.tr("Unfreeze the list"),
            self.tr("Why is the frozen list opened again?"),
            lambda ws, reason: unfreeze_nominees(ws, reason, seen=self._seen()),
        )
