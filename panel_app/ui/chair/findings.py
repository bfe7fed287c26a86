"""The rule findings as a list by rule (Panel > Rule findings…): each rule with its open and
overruled findings, each finding's evidence and, once overruled, who overruled it and why;
the chair overrules a finding, or undoes an overrule, with a reason for the audit log.

The findings are read in a worker thread; a decision is one short workflow call on the
window's own open workspace, refused when another chair decided on that finding since the
list was read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QTextBrowser, QWidget

from panel_app.ui.catalogue import finding_text, rule_name, status_text
from panel_app.ui.chair.category_window import CategoryWindow
from panel_app.ui.models import select_row
from panel_app.ui.reason import ask_reason
from panel_app.ui.screen import resize_within_screen
from panel_app.workflow.changes import Touched
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation

if TYPE_CHECKING:
    from panel_app.workflow.intake.checks import FindingRow, FindingsReport

ALL_RULES = ""  # the key of the first line: every rule


class FindingTableModel(QAbstractTableModel):
    """Findings: ID, project, the other project of a pair, severity, state, evidence."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[FindingRow] = []
        self._headers = (
            self.tr("Finding"),
            self.tr("Project"),
            self.tr("Other project"),
            self.tr("Rule"),
            self.tr("Severity"),
            self.tr("State"),
            self.tr("Evidence"),
        )

    def set_rows(self, rows: list[FindingRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def state_text(self, row: FindingRow) -> str:
        if row.overruled_at is None:
            return self.tr("open")
        return self.tr("overruled by {who}").format(who=row.overruled_by or "–")

    @staticmethod
    def evidence(row: FindingRow) -> str:
        """The finding in the window's language (its recorded English if that fails)."""
        return finding_text(row.template, row.params, row.evidence)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(row.id),
                row.submission_id,
                row.related_submission_id or "",
                rule_name(row.rule_id),
                status_text(row.severity),
                self.state_text(row),
                self.evidence(row),
            )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 6:
            return self.evidence(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.overruled_at is None:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)  # open findings stand out: they decide eligibility and lists
            return font
        return None


class FindingsWindow(CategoryWindow):
    # What the findings show: the checks' results and the chair's overrules.
    FOLLOWS = Touched.SUBMISSIONS | Touched.FINDINGS

    def __init__(
        self, settings: QSettings, location: WorkspaceLocation, parent: QWidget | None = None
    ) -> None:
        super().__init__(settings, location, parent)
        self.setObjectName("findingsWindow")
        self.report: FindingsReport | None = None
        self.setWindowTitle(
            self.tr("Rule findings — {workspace}").format(workspace=location.display)
        )
        self.categories.setAccessibleName(self.tr("Rules"))
        self.model = FindingTableModel(self)
        self.table.setAccessibleName(self.tr("Findings"))
        self.table.setModel(self.model)
        for column, width in enumerate((60, 70, 100, 150, 80, 150)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)  # one line per finding: the pane beside has it whole
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.state_label.setWordWrap(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.open_only = QCheckBox(self.tr("&Open findings only"))
        self.open_only.toggled.connect(self._filter_changed)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("The finding"))
        self._lay_out([230, 760, 330], self.detail)
        central = self.centralWidget()
        layout = central.layout() if central is not None else None
        assert layout is not None
        layout.addWidget(self.open_only)

        menu = self.menuBar().addMenu(self.tr("&Finding"))
        self.overrule_action = QAction(self.tr("&Overrule…"), self)
        self.overrule_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.overrule_action.triggered.connect(self._overrule)
        menu.addAction(self.overrule_action)
        self.restore_action = QAction(self.tr("&Undo the overrule…"), self)
        self.restore_action.triggered.connect(self._restore)
        menu.addAction(self.restore_action)
        menu.addSeparator()
        self.refresh_action = QAction(self.tr("Read &again"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh)
        menu.addAction(self.refresh_action)
        resize_within_screen(self, 1300, 720)

        # What a reason dialog answers: an attribute, so a test answers as a person would.
        self.ask_reason: Callable[[str, str], str | None] = self._ask_reason
        self._update_actions()
        self.refresh()

    # --- reading -------------------------------------------------------------------------
    def refresh(self) -> None:
        from panel_app.workflow.intake.checks import findings_report_at

        self._read(
            findings_report_at,
            self.tr("Reading the rule findings…"),
            self.tr("Rule findings"),
            self.tr("The rule findings could not be read."),
            self._loaded,
        )

    def _loaded(self, outcome: object) -> None:
        from panel_app.rules import RULE_IDS
        from panel_app.workflow.intake.checks import FindingsReport

        assert isinstance(outcome, FindingsReport)
        self.report = outcome
        findings = outcome.findings
        open_count = sum(1 for f in findings if f.overruled_at is None)
        items = [
            (
                ALL_RULES,
                self.tr("All rules ({open} open of {all})").format(
                    open=open_count, all=len(findings)
                ),
            )
        ]
        for rule_id in RULE_IDS:
            mine = [f for f in findings if f.rule_id == rule_id]
            still = sum(1 for f in mine if f.overruled_at is None)
            items.append(
                (
                    rule_id,
                    self.tr("{rule} ({open} open of {all})").format(
                        rule=rule_name(rule_id), open=still, all=len(mine)
                    ),
                )
            )
        self._fill_categories(items)

    def _filter_changed(self, _open_only: bool) -> None:
        self._show_category(self.categories.currentRow())

    def _show_category(self, row: int) -> None:
        if self.report is None or row < 0:
            self.model.set_rows([])
            self.state_label.setText(self.tr("No findings read yet."))
            self._update_actions()
            return
        self._category = self._category_at(row)
        rows = [
            f
            for f in self.report.findings
            if (self._category == ALL_RULES or f.rule_id == self._category)
            and (not self.open_only.isChecked() or f.overruled_at is None)
        ]
        self.model.set_rows(rows)
        self.state_label.setText(
            self.tr(
                "{count} findings shown. An open finding of severity ‘ineligible’ keeps its "
                "project off the ranking; an open warning is shown on the lists and blocks "
                "their freeze. Overrule one with a reason when it does not apply."
            ).format(count=len(rows))
        )
        if rows:
            select_row(self.table, 0)
        self._show_detail()

    def current_finding(self) -> FindingRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def _show_detail(self) -> None:
        import html

        finding = self.current_finding()
        self._update_actions()
        if finding is None:
            self.detail.setHtml("")
            return
        e = html.escape
        heading = self.tr("Finding {id}").format(id=finding.id)
        project = self.tr("Project {id}").format(id=finding.submission_id)
        if finding.related_submission_id:
            project += " · " + self.tr("with {id}").format(id=finding.related_submission_id)
        parts = [
            f"<h3>{e(heading)}: {e(rule_name(finding.rule_id))}</h3>",
            f"<p>{e(project)} · <b>{e(status_text(finding.severity))}</b></p>",
            f"<p>{e(self.model.evidence(finding))}</p>",
        ]
        if finding.overruled_at is not None:
            overruled = self.tr("Overruled by {who} on {date}: {reason}").format(
                who=finding.overruled_by or "–",
                date=f"{finding.overruled_at:%Y-%m-%d %H:%M} UTC",
                reason=finding.overruled_reason or "",
            )
            parts.append(f"<p><i>{e(overruled)}</i></p>")
        self.detail.setHtml("".join(parts))

    # --- the chair's decisions -----------------------------------------------------------
    def _update_actions(self) -> None:
        busy = self.loading.busy
        finding = self.current_finding()
        self.overrule_action.setEnabled(
            not busy and finding is not None and finding.overruled_at is None
        )
        self.restore_action.setEnabled(
            not busy and finding is not None and finding.overruled_at is not None
        )
        self.refresh_action.setEnabled(not busy)

    def _ask_reason(self, title: str, label: str) -> str | None:
        return ask_reason(self, title, label)

    def _seen(self) -> int | None:
        return self.report.position if self.report is not None else None

    def _overrule(self) -> None:
        from panel_app.workflow.intake.checks import overrule_finding

        finding = self.current_finding()
        if finding is not None:
            self._decide(
                self.tr("Overrule the finding"),
                self.tr("Why does finding {id} not apply to {project}?").format(
                    id=finding.id, project=finding.submission_id
                ),
                lambda ws, reason: overrule_finding(ws, finding.id, reason, seen=self._seen()),
            )

    def _restore(self) -> None:
        from panel_app.workflow.intake.checks import restore_finding

        finding = self.current_finding()
        if finding is not None:
            self._decide(
                self.tr("Undo the overrule"),
                self.tr("Why does finding {id} apply after all?").format(id=finding.id),
                lambda ws, reason: restore_finding(ws, finding.id, reason, seen=self._seen()),
            )

    def _decide(self, title: str, label: str, act: Callable[[OpenWorkspace, str], object]) -> None:
        from panel_app.workflow.intake.checks import FindingRow, OverruleRefused

        result = self.decide(title, self.ask_reason(title, label), act, (OverruleRefused,))
        if isinstance(result, FindingRow):
            self.statusBar().showMessage(
                self.tr("Recorded: finding {id} is {state}.").format(
                    id=result.id, state=self.model.state_text(result)
                ),
                15000,
            )
