"""The audit log in the chair's window (Panel > Audit log…): every entry, newest last,
filtered as `panel-app audit show` filters it (who, what, when, which submission), the
state of the hash chain above it, and the entries shown written to .xlsx or .csv.

The log is read in a worker thread (it grows with the season: 100k entries after an
edition's imports); nothing here writes to it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from panel_app.ui.catalogue import workspace_report
from panel_app.ui.file_tasks import BackgroundLoad
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.screen import resize_within_screen
from panel_app.workflow.workspace import WorkspaceError, WorkspaceLocation, open_workspace

if TYPE_CHECKING:
    from panel_app.workflow.record import AuditFilter, AuditLine, AuditLog

# Where the export dialog starts: the folder of the last export.
AUDIT_DIR_KEY = "audit/last_dir"


class AuditTableModel(QAbstractTableModel):
    """The entries: position, time, who, what, on what, note, before and after."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[AuditLine] = []
        self._headers = (
            self.tr("Position"),
            self.tr("At (UTC)"),
            self.tr("Who"),
            self.tr("What"),
            self.tr("On"),
            self.tr("Which"),
            self.tr("Note"),
            self.tr("Before"),
            self.tr("After"),
        )

    def set_lines(self, lines: list[AuditLine]) -> None:
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
        values = self.lines[index.row()].values()  # as `audit show` and the export have them
        if role == Qt.ItemDataRole.DisplayRole:
            text = "" if values[index.column()] is None else str(values[index.column()])
            return text if len(text) <= 200 else text[:199] + "…"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() >= 6:
            return str(values[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AuditLogWindow(QMainWindow):
    def __init__(
        self, settings: QSettings, location: WorkspaceLocation, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Audit log — {workspace}").format(workspace=location.display))
        self._settings = settings
        self._location = location
        self.log: AuditLog | None = None
        self.shown_filter: AuditFilter | None = None  # what the entries shown were read by
        self._reading: AuditFilter | None = None
        self.last_refusal = ""
        self.loading = BackgroundLoad(self, settings)
        self.loading.on_change = self._update_actions
        # The export's file dialog: an attribute, so a test answers it as a person would.
        self.ask_export_path = self._ask_export_path

        self.chain_label = QLabel()
        self.chain_label.setObjectName("chainState")
        self.chain_label.setWordWrap(True)
        self.chain_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.actor = self._combo(self.tr("Who"))
        self.action = self._combo(self.tr("What"))
        self.submission = self._field(self.tr("Submission ID"), self.tr("any project"))
        self.since = self._field(self.tr("From (UTC)"), self.tr("YYYY-MM-DD"))
        self.until = self._field(self.tr("To (UTC), inclusive"), self.tr("YYYY-MM-DD"))
        for day in (self.since, self.until):  # the placeholder whole, at any scaling
            day.setMinimumWidth(day.fontMetrics().horizontalAdvance(day.placeholderText()) + 24)
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.clicked.connect(self.export)
        self.count_label = QLabel()
        self.model = AuditTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Audit log entries"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for column, width in enumerate((70, 140, 110, 150, 90, 110, 220, 200)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)

        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("&Who:"), self.actor),
            (self.tr("W&hat:"), self.action),
            (self.tr("S&ubmission:"), self.submission),
            (self.tr("&From:"), self.since),
            (self.tr("&To:"), self.until),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 1)
        filters.addWidget(self.show_button)
        filters.addWidget(self.export_button)
        layout = QVBoxLayout()
        layout.addWidget(self.chain_label)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        self.refresh_action = QAction(self.tr("Read &again"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        resize_within_screen(self, 1300, 700)
        self.refresh()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)  # a name not written yet may be typed: it shows nothing
        combo.setAccessibleName(name)
        combo.addItem("")
        line = combo.lineEdit()
        assert line is not None  # an editable combo box has one
        line.setPlaceholderText(self.tr("anyone") if name == self.tr("Who") else self.tr("any"))
        line.returnPressed.connect(self.refresh)
        return combo

    def _field(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit()
        field.setAccessibleName(name)
        field.setPlaceholderText(placeholder)
        field.returnPressed.connect(self.refresh)
        return field

    # --- reading -------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter | None:
        """The filter the fields say; None (and a refusal shown) when a date is not one."""
        from panel_app.workflow.record import AuditFilter

        try:
            since = _day(self.since.text())
            until = _day(self.until.text())
        except ValueError as error:
            self._refuse(
                self.tr("Entries not shown"),
                self.tr("{text} is not a date: type it as YYYY-MM-DD, e.g. 2020-03-31").format(
                    text=str(error)
                ),
            )
            return None
        return AuditFilter(
            actor=self.actor.currentText().strip() or None,
            action=self.action.currentText().strip() or None,
            since=since,
            until=None if until is None else until + timedelta(days=1),
            submission=self.submission.text().strip() or None,
        )

    def refresh(self) -> None:
        from panel_app.workflow.record import audit_log_at

        where = self.current_filter()
        if where is None or self.loading.busy:
            return
        location = self._location
        self._reading = where
        self.loading.load(
            lambda: audit_log_at(location, where),
            self.tr("Reading the audit log…"),
            self.tr("Audit log"),
            self._loaded,  # a method of this window: it runs in the UI thread
            self.tr("The audit log could not be read."),
        )

    def _loaded(self, outcome: object) -> None:
        from panel_app.workflow.record import AuditLog

        assert isinstance(outcome, AuditLog)
        self.log, self.shown_filter = outcome, self._reading
        self.model.set_lines(outcome.lines)
        self.table.scrollToBottom()  # the newest entries last, as written
        _refill(self.actor, outcome.actors)
        _refill(self.action, outcome.actions)
        chain = outcome.chain
        if chain.intact:
            self.chain_label.setText(
                self.tr(
                    "The record is intact: {entries} entries, each chained to the one before "
                    "(head SHA-256 {head}…)."
                ).format(entries=f"{chain.entries:,}", head=chain.head[:16])
            )
            self.chain_label.setStyleSheet("")
        else:
            self.chain_label.setText(
                self.tr(
                    "The record is broken at entry {entry}: {detail}. Entries from there on "
                    "cannot be vouched for."
                ).format(entry=chain.broken_at, detail=chain.detail)
            )
            self.chain_label.setStyleSheet("font-weight: bold")
        self.count_label.setText(
            self.tr("{shown} of {total} entries shown.").format(
                shown=f"{len(outcome.lines):,}", total=f"{chain.entries:,}"
            )
        )
        self._update_actions()

    def _update_actions(self) -> None:
        busy = self.loading.busy
        self.show_button.setEnabled(not busy)
        self.export_button.setEnabled(not busy and self.log is not None)
        self.refresh_action.setEnabled(not busy)

    # --- the export ----------------------------------------------------------------------
    def _ask_export_path(self) -> Path | None:
        start = start_folder(self._settings, AUDIT_DIR_KEY)
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the entries shown"),
            str(Path(start) / "audit-log.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
        )
        return Path(name) if name else None

    def export(self) -> None:
        from panel_app.workflow.record import export_audit_log

        path = self.ask_export_path()
        if path is None or self.shown_filter is None:
            return
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_suffix(".xlsx")
        remember_folder(self._settings, AUDIT_DIR_KEY, str(path.parent))
        try:
            with open_workspace(self._location) as workspace:
                result = export_audit_log(workspace, path, self.shown_filter)
        except WorkspaceError as error:
            self._refuse(self.tr("Audit log not exported"), workspace_report(error))
            return
        except OSError as error:
            self._refuse(
                self.tr("Audit log not exported"),
                self.tr("{file} could not be written: {reason}").format(
                    file=path, reason=error.strerror or error
                ),
            )
            return
        self.statusBar().showMessage(
            self.tr("Wrote {rows} entries to {file}.").format(
                rows=f"{result.rows:,}", file=path.name
            ),
            15000,
        )

    def _refuse(self, title: str, text: str) -> None:
        self.last_refusal = text
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event: Any) -> None:
        self.loading.stop()
        super().closeEvent(event)


def _day(text: str) -> datetime | None:
    """A date typed as YYYY-MM-DD, as the start of that day in UTC; None when empty."""
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(text) from None  # the window says it in the person's language


def _refill(combo: QComboBox, items: tuple[str, ...]) -> None:
    """The choices, keeping what is typed."""
    typed = combo.currentText()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem("")
    combo.addItems(list(items))
    combo.setEditText(typed)
    combo.blockSignals(False)
