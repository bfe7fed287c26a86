"""The main window: where the season stands (the landing view), and the submissions: the
categories, the submissions of one, and the selected one in full."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid as shiboken_valid

from panel_app.ui.catalogue import refusal_text, status_text
from panel_app.ui.chair.category_window import CategoryWindow
from panel_app.ui.chair.import_files import ImportFiles
from panel_app.ui.chair.merge_files import MergeFiles
from panel_app.ui.chair.new_workspace import NewWorkspace
from panel_app.ui.chair.package_out import PackagesOut
from panel_app.ui.chair.record_check import RecordCheck
from panel_app.ui.chair.season import SeasonRead, SeasonView
from panel_app.ui.chair.secretariat_files import SecretariatFiles
from panel_app.ui.chair.vote_files import VoteFiles
from panel_app.ui.chair.welcome import Welcome
from panel_app.ui.desk.package_files import PackageFiles
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.help import add_help_menu
from panel_app.ui.language import add_language_menu
from panel_app.ui.models import KEY_ROLE, CategoryListModel, SubmissionTableModel, select_row
from panel_app.ui.problems import workspace_message
from panel_app.ui.screen import resize_within_screen
from panel_app.ui.submission_view import render_detail
from panel_app.ui.theme import add_theme_menu
from panel_app.workflow.changes import Touched, touched_by
from panel_app.workflow.overview import (
    list_submissions,
    submission_detail,
    summarise,
)
from panel_app.workflow.workspace import (
    OpenWorkspace,
    WorkspaceError,
    WorkspaceLocation,
    locate_workspace,
    open_workspace,
)

if TYPE_CHECKING:  # imported when used: with the rule checks, they load numpy at start
    from panel_app.edition import Phase, PhaseDay
    from panel_app.ui.workers import TaskWorker
    from panel_app.workflow.chairs import ChairRow
    from panel_app.workflow.intake.submissions import IntakeResult
    from panel_app.workflow.record import ChainCheck
    from panel_app.workflow.review.expert_workbook import OpenedPackage

SETTINGS_VERSION = 1
RECENT_KEY = "workspace/recent"  # the workspace files opened here, newest first
RECENT_COUNT = 8
# What the window's counts and lists show: a change to any of them reads them again.
MAIN_WINDOW_SHOWS = Touched.SUBMISSIONS | Touched.FINDINGS | Touched.PANEL | Touched.REVIEWS
# The season overview shows every phase: any change reads it again.
SEASON_SHOWS = ~Touched.NOTHING
translate = QCoreApplication.translate


class ElidedLabel(QLabel):
    """A one-line label that gives way: elided at its end when the room is short (its
    text() stays whole; the season overview shows it whole too)."""

    def minimumSizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint().height()
        )

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown
        )
        painter.end()


class MainWindow(QMainWindow):
    # What a change touched (workflow.changes.Touched), and the window that made it.
    touched = Signal(object, object)

    def __init__(self, settings: QSettings, language: str = "en") -> None:
        super().__init__()
        self._settings = settings
        self._language = language
        self._workspace: OpenWorkspace | None = None
        self.setWindowTitle(self.tr("WSIS Prizes panel"))
        self.setObjectName("mainWindow")

        self.categories = CategoryListModel(self)
        self.category_view = QListView()
        self.category_view.setObjectName("categoryList")
        self.category_view.setAccessibleName(self.tr("Categories"))
        self.category_view.setModel(self.categories)
        # Long category names wrap (in either language) rather than run off the pane.
        self.category_view.setWordWrap(True)
        self.category_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.category_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.category_view.selectionModel().currentChanged.connect(self._category_changed)

        self.submissions = SubmissionTableModel(self)
        self._loads = 0  # lists loaded (refresh loads one once)
        self._shown: str | None = None  # the submission in the detail pane
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search title, organisation, ID or country"))
        self.search.setAccessibleName(self.tr("Search submissions"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.submissions.set_filter_text)
        # Only the submissions with an open rule finding, and how many the list shows.
        self.flagged_only = QCheckBox(self.tr("Flagged only"))
        self.flagged_only.setObjectName("flaggedOnly")
        self.flagged_only.setToolTip(
            self.tr("Only the submissions with an open rule finding: flagged or ineligible")
        )
        self.flagged_only.toggled.connect(self.submissions.set_flagged_only)
        self.shown_label = QLabel()
        self.shown_label.setObjectName("shownLabel")
        self.submissions.modelReset.connect(self._count_shown)
        self.submissions.layoutChanged.connect(self._count_shown)
        self.table = QTableView()
        self.table.setObjectName("submissionTable")
        self.table.setAccessibleName(self.tr("Submissions"))
        self.table.setModel(self.submissions)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()  # one line of text a row: more rows on a laptop
        rows.setDefaultSectionSize(max(self.fontMetrics().height(), 16) + 8)
        # One line a row, elided (the whole text in its tooltip); the columns fit the pane
        # (_fit_columns), the status beside the ID: eligibility at a glance.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.moveSection(SubmissionTableModel.COLUMNS.index("status"), 1)
        header.setSectionResizeMode(
            SubmissionTableModel.COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch
        )
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("MMMM"))
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow column's heading too
        self.table.viewport().installEventFilter(self)  # its width: after the scroll bar
        self.table.selectionModel().currentRowChanged.connect(self._submission_changed)
        # Filtering or sorting can put another submission under the current row.
        self.submissions.layoutChanged.connect(self._show_current_submission)

        middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(0, 0, 0, 0)
        above = QHBoxLayout()
        above.addWidget(self.search, 1)
        above.addWidget(self.flagged_only)
        above.addWidget(self.shown_label)
        layout.addLayout(above)
        layout.addWidget(self.table)

        self.detail = QTextBrowser()
        self.detail.setObjectName("detailPane")
        self.detail.setAccessibleName(self.tr("Submission details"))
        self.detail.setOpenExternalLinks(False)
        self.detail.setOpenLinks(False)  # our links are commands ("overrule:12"), not pages
        self.detail.anchorClicked.connect(self._detail_link_clicked)

        self.splitter = QSplitter()
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.category_view)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([240, 700, 460])
        # Above everything, when the audit log's hash chain is broken (checked at open).
        self.record_banner = QLabel()
        self.record_banner.setObjectName("recordBanner")
        self.record_banner.setWordWrap(True)
        self.record_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.record_banner.setStyleSheet(
            "QLabel#recordBanner { background: #b00020; color: white; padding: 6px; }"
        )
        self.record_banner.hide()
        self.record_check = RecordCheck(self, self._show_record)
        self.acting: ChairRow | None = None  # the chair this window acts as (pick_chair)
        # Which chair, when the window must ask: an attribute, so a test answers it.
        self.choose_chair: Callable[[list[ChairRow]], str | None] = self._ask_chair
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.record_banner)
        # Where the season stands (the landing view), and the submissions: two tabs.
        self.season_view = SeasonView()
        self.season_view.action.connect(self.run_action)
        self.season_read = SeasonRead(self)
        self.season_read.read.connect(self.season_view.show_overview)
        self.season_read.refused.connect(self.season_view.show_refusal)
        self._season_due = QTimer(self)
        self._season_due.setSingleShot(True)
        self._season_due.setInterval(0)
        self._season_due.timeout.connect(self._read_season_now)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.season_view, self.tr("Season overview"))
        self.tabs.addTab(self.splitter, self.tr("Submissions"))
        column.addWidget(self.tabs, 1)
        # With no workspace open, the welcome (made then) stands in for the work.
        self.work = central
        self.pages = QStackedWidget()
        self.pages.addWidget(central)
        self.setCentralWidget(self.pages)
        self.welcome: Welcome | None = None

        # The counts and the phase give way to a message while it shows (normal widgets of
        # the status bar, not permanent ones): beside them a message was cut at 1366x768.
        self.empty_label = QLabel()
        self.statusBar().addWidget(self.empty_label)
        # Where today falls in the edition's phases, and the next date; every phase's
        # dates in its tooltip. `clock` gives "now" (a test sets another moment).
        self.phase_label = ElidedLabel()  # the counts first; the dates elided if need be
        self.phase_label.setObjectName("phaseLabel")
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.statusBar().addWidget(self.phase_label, 1)
        self.clock: Callable[[], datetime | None] = lambda: None
        # An expert starting the app lands here: a package opened here opens their desk.
        self.files = PackageFiles(self, settings, self._package_target)
        self.files.opened.connect(self._package_opened)
        self.desk_window: QMainWindow | None = None
        # The experts' scored workbooks, back by e-mail or USB stick.
        self.imports = ImportFiles(self, settings, self._import_target)
        self.imports.imported.connect(self._import_succeeded)
        self.merges = MergeFiles(self, settings, self._open_location)
        self.merges.merged.connect(lambda run: self.publish(run))
        self.secretariat = SecretariatFiles(self, settings, self._open_location)
        self.secretariat.exported.connect(lambda _result: self.read_season())
        self.votes = VoteFiles(self, settings, self._open_location)
        self.packages_out = PackagesOut(self, settings, self._open_location)
        self.packages_out.written.connect(lambda result: self.publish(result))
        self.votes.imported.connect(lambda result: self.publish(result))
        self.creator = NewWorkspace(
            self, settings, language, lambda loc, ws: self.open_location(loc, opened=ws)
        )
        self._build_menus()
        add_language_menu(self, settings, language)
        self._restore_geometry()
        self._show_welcome()  # until a workspace opens

    # --- menus -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.creator.new_action)
        self.open_action = QAction(self.tr("&Open workspace…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._choose_workspace)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self._fill_recent()
        self.import_action = self.imports.import_action
        file_menu.addAction(self.import_action)
        assert self.packages_out.menu is not None and self.secretariat.menu is not None
        file_menu.addMenu(self.packages_out.menu)
        file_menu.addAction(self.merges.merge_action)
        file_menu.addAction(self.votes.import_action)
        file_menu.addMenu(self.secretariat.menu)
        file_menu.addAction(self.files.open_action)
        file_menu.addSeparator()
        self.act_as_action = QAction(self.tr("&Act as…"), self)
        self.act_as_action.setStatusTip(self.tr("Which of the workspace's chairs you act as"))
        self.act_as_action.triggered.connect(lambda: self.pick_chair(ask=True))
        self.act_as_action.setEnabled(False)  # until a workspace with chairs is open
        file_menu.addAction(self.act_as_action)
        self.conflict_action = QAction(self.tr("Declare a &conflict of interest…"), self)
        self.conflict_action.setStatusTip(
            self.tr("Your conflict with an organisation or a submission: your decisions on "
                    "its projects are refused, another chair decides")
        )  # fmt: skip
        self.conflict_action.triggered.connect(self.ask_conflict)
        self.conflict_action.setEnabled(False)  # until you act as one of the chairs
        file_menu.addAction(self.conflict_action)
        # (organisation, submission ID, reason) of a conflict to declare, or None: an
        # attribute, so a test answers as a person would.
        self.choose_conflict: Callable[[], tuple[str, str, str] | None] = self._conflict_dialog
        self.last_refusal = ""
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        panel = self.menuBar().addMenu(self.tr("&Panel"))
        self.findings_action = QAction(self.tr("Rule &findings…"), self)
        self.findings_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.findings_action.setStatusTip(
            self.tr("Every rule's findings with their evidence; overrule one, or undo an overrule")
        )
        self.findings_action.triggered.connect(self.show_findings)
        panel.addAction(self.findings_action)
        self.panel_action = QAction(self.tr("&Experts and assignment…"), self)
        self.panel_action.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.panel_action.setStatusTip(
            self.tr("The experts and past winners imported, the assignment run, each "
                    "expert's load and each project's experts")
        )  # fmt: skip
        self.panel_action.triggered.connect(self.show_panel)
        panel.addAction(self.panel_action)
        self.coverage_action = QAction(self.tr("&Coverage…"), self)
        self.coverage_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.coverage_action.setStatusTip(
            self.tr("Who has returned what, the projects missing a review, whom to chase")
        )
        self.coverage_action.triggered.connect(self.show_coverage)
        panel.addAction(self.coverage_action)
        self.nominees_action = QAction(self.tr("&Nominees…"), self)
        self.nominees_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.nominees_action.setStatusTip(
            self.tr("Each category's ranking, the nominee list and the chair's decisions")
        )
        self.nominees_action.triggered.connect(self.show_nominees)
        panel.addAction(self.nominees_action)
        self.final_action = QAction(self.tr("&Final round…"), self)
        self.final_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.final_action.setStatusTip(
            self.tr("The finalists' scores and ranks, Kendall's W, the Schulze order, and the "
                    "winner and champions")
        )  # fmt: skip
        self.final_action.triggered.connect(self.show_final_round)
        panel.addAction(self.final_action)
        panel.addSeparator()
        self.audit_action = QAction(self.tr("&Audit log…"), self)
        self.audit_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.audit_action.setStatusTip(
            self.tr("Every decision and import on record, filtered by who, what, when and project")
        )
        self.audit_action.triggered.connect(self.show_audit_log)
        panel.addAction(self.audit_action)
        for action in (
            self.findings_action,
            self.panel_action,
            self.coverage_action,
            self.nominees_action,
            self.final_action,
            self.audit_action,
        ):
            action.setEnabled(False)  # until a workspace is open
        self.nominees_window: QMainWindow | None = None
        self.final_window: QMainWindow | None = None
        self.findings_window: QMainWindow | None = None
        self.panel_window: QMainWindow | None = None
        self.coverage_window: QMainWindow | None = None
        self.audit_window: QMainWindow | None = None
        view = add_theme_menu(self, self._settings, None)
        self.overview_action = QAction(self.tr("Season &overview"), self)
        self.overview_action.setShortcut(QKeySequence("Ctrl+1"))
        self.overview_action.setStatusTip(
            self.tr("Where the season stands, phase by phase, and the next step")
        )
        self.overview_action.triggered.connect(self.show_overview)
        self.submissions_action = QAction(self.tr("&Submissions"), self)
        self.submissions_action.setShortcut(QKeySequence("Ctrl+2"))
        self.submissions_action.setStatusTip(self.tr("The submissions by category"))
        self.submissions_action.triggered.connect(self.show_submissions)
        for action in (self.overview_action, self.submissions_action):
            action.setEnabled(False)  # until a workspace is open
        first = view.actions()[0]  # the menu's own (Theme): these two above it
        view.insertActions(first, [self.overview_action, self.submissions_action])
        view.insertSeparator(first)
        self.guide_action, self.about_action = add_help_menu(self, self._settings)
        find = QAction(self.tr("&Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._find)
        self.addAction(find)

    # --- workspace -----------------------------------------------------------------------
    def open_location(
        self, location: WorkspaceLocation, *, opened: OpenWorkspace | None = None
    ) -> bool:
        """Show the workspace at `location` (`opened`: already open there; the window
        takes it over)."""
        if opened is not None:
            workspace = opened
        else:
            try:
                workspace = open_workspace(location)
            except WorkspaceError as error:
                workspace_message(self, self.tr("Cannot open workspace"), error).exec()
                return False
        if self._workspace is not None:
            self._workspace.close()
        self._workspace = workspace
        self._settings.setValue("workspace/last", (location.path and str(location.path)) or "")
        if location.path is not None:  # a file: offered again under File > Open recent
            recent = [str(location.path)] + [p for p in self.recent_workspaces()
                                             if p != str(location.path)]  # fmt: skip
            self._settings.setValue(RECENT_KEY, recent[:RECENT_COUNT])
            self._fill_recent()
        self._settings.setValue("workspace/last_url", "" if location.path else location.url)
        self.pick_chair(ask=False)
        self.merges.update_enabled()
        self.secretariat.update_enabled()
        self.votes.update_enabled()
        self.packages_out.update_enabled()
        self.findings_action.setEnabled(True)
        self.panel_action.setEnabled(True)
        self.coverage_action.setEnabled(True)
        self.nominees_action.setEnabled(True)
        self.final_action.setEnabled(True)
        self.audit_action.setEnabled(True)
        self.overview_action.setEnabled(True)
        self.submissions_action.setEnabled(True)
        self.check_record()
        self._complete_pending_checks()
        self.season_view.overview = None  # another workspace: its season is read anew
        self.season_view.show_reading()
        self.refresh()
        self.show_overview()  # a workspace opens on where its season stands
        return True

    def pick_chair(self, *, ask: bool) -> None:
        """Who this window acts as: one of the workspace's chairs (the one picked here
        last, else the login's namesake, else asked); in a workspace without chairs, as
        before (the login). Every change the window records is in this name."""
        from panel_app.workflow.chairs import NO_CHAIR, act_as, current_actor, list_chairs

        if self._workspace is None:
            return
        location = self._workspace.location
        act_as(None)
        chairs = [c for c in list_chairs(self._workspace) if c.active]
        self.act_as_action.setEnabled(bool(chairs))
        self.acting = None
        if chairs:
            key = f"workspace/acting/{location.display}"
            by_name = {c.name.casefold(): c for c in chairs}
            remembered = str(self._settings.value(key, "") or "")
            pick = None if ask else by_name.get(remembered.casefold() or current_actor().casefold())
            if pick is None:
                chosen = self.choose_chair(chairs)
                pick = by_name.get(chosen.casefold()) if chosen else None
            if pick is not None:
                act_as(pick.name)
                self._settings.setValue(key, pick.name)
                self.acting = pick
            else:
                act_as(NO_CHAIR)  # no one the workspace knows: a change is refused, saying why
                self.statusBar().showMessage(
                    self.tr("You act as none of this workspace's chairs: changes will be "
                            "refused until you pick one (File > Act as…)."), 15000
                )  # fmt: skip
        self.conflict_action.setEnabled(self.acting is not None)
        title = self.tr("WSIS Prizes panel — {workspace}").format(workspace=location.display)
        if self.acting is not None:
            title += " — " + self.tr("acting as {name} ({role})").format(
                name=self.acting.name, role=self.acting.role
            )
        self.setWindowTitle(title)

    def _conflict_dialog(self) -> tuple[str, str, str] | None:
        kinds = [self.tr("An organisation"), self.tr("The submission selected")]
        kind, ok = QInputDialog.getItem(
            self, self.tr("Conflict of interest"), self.tr("Your conflict is with:"), kinds, 0,
            False,
        )  # fmt: skip
        if not ok:
            return None
        organisation, submission = "", ""
        if kind == kinds[0]:
            organisation, ok = QInputDialog.getText(
                self, self.tr("Conflict of interest"), self.tr("The organisation:")
            )
            if not ok:
                return None
        else:
            item = self.submissions.item(self.table.currentIndex().row())
            submission = item.submission_id if item is not None else ""
        from panel_app.ui.reason import ask_reason  # OK stays off until there is a reason

        reason = ask_reason(self, self.tr("Conflict of interest"), self.tr("Why, for the record:"))
        return (organisation, submission, reason) if reason is not None else None

    def ask_conflict(self) -> bool:
        """The acting chair declares a conflict of interest (refused: said, nothing kept)."""
        from panel_app.workflow.chairs import ChairRefused, declare_chair_conflict

        if self._workspace is None or self.acting is None:
            return False
        answer = self.choose_conflict()
        if answer is None:
            return False
        organisation, submission, reason = answer
        try:
            row = declare_chair_conflict(
                self._workspace,
                self.acting.name,
                organisation=organisation or None,
                submission_id=submission or None,
                reason=reason,
            )
        except (ChairRefused, WorkspaceError) as refused:
            self.last_refusal = refusal_text(refused)
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Conflict not recorded"), refusal_text(refused),
                parent=self,
            )  # fmt: skip
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()  # not modal: the window (and a test) goes on
            return False
        self.publish(row, source=self)
        self.statusBar().showMessage(
            self.tr("Your conflict of interest is recorded: another chair decides on its "
                    "projects."), 10000
        )  # fmt: skip
        return True

    def _ask_chair(self, chairs: list[ChairRow]) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        items = [f"{c.name} ({c.role})" for c in chairs]
        text, ok = QInputDialog.getItem(
            self,
            self.tr("Act as"),
            self.tr("This workspace keeps its chairs. Which of them are you?"),
            items,
            0,
            False,
        )
        return chairs[items.index(text)].name if ok and text in items else None

    def _complete_pending_checks(self) -> None:
        """An import killed before its rule checks left them owed: run them before the
        window shows anyone as eligible, and say so."""
        from panel_app.workflow.handover import checks_owed

        if self._workspace is None or not checks_owed(self._workspace):
            return  # the usual case: the rule checks' modules (numpy) stay unloaded
        from panel_app.workflow.intake.checks import complete_pending_checks

        checks = complete_pending_checks(self._workspace)
        if checks is not None:
            self.statusBar().showMessage(
                self.tr(
                    "The rule checks of the last import had not run (it was interrupted); "
                    "they ran now: {count} findings."
                ).format(count=sum(checks.counts.values())),
                15000,
            )

    def check_record(self) -> None:
        """Walks the audit log's hash chain in a worker thread (seconds at 100k entries);
        a broken one shows as a banner over the window (the workspace stays open: the chair
        needs it to see what happened)."""
        if self._workspace is not None:
            self.record_check.start(self._workspace.location)

    def _show_record(self, location: WorkspaceLocation, check: ChainCheck) -> None:
        if self._workspace is None or self._workspace.location != location:
            return  # another workspace was opened meanwhile
        if check.intact:
            self.record_banner.hide()
            return
        self.record_banner.setText(
            self.tr(
                "The audit log has been changed outside the app: entry {entry} breaks its "
                "hash chain ({how}). Decisions recorded from there on cannot be trusted; "
                "`panel-app audit verify` names the entry."
            ).format(entry=check.broken_at, how=self._break_words(check.kind))
        )
        self.record_banner.show()

    def _break_words(self, kind: str | None) -> str:
        return {
            "edited": self.tr("edited"),
            "deleted": self.tr("entries before it deleted"),
            "inserted": self.tr("inserted"),
            "reordered": self.tr("moved out of place"),
            "unchained": self.tr("its chain fields removed"),
        }.get(kind or "", kind or "")

    def show_nominees(self) -> QMainWindow | None:
        """The nominee list of the workspace open here, in a window of its own."""
        from panel_app.ui.chair.nominees import NomineesWindow

        if self._workspace is None:
            return None
        try:
            window = NomineesWindow(self._settings, self._workspace.location, self)
        except WorkspaceError as error:
            workspace_message(self, self.tr("Cannot open workspace"), error).open()
            return None
        self._follow(window)
        window.show()
        self.nominees_window = window
        return window

    def show_final_round(self) -> QMainWindow | None:
        """The final round of the workspace open here, in a window of its own."""
        from panel_app.ui.chair.final_round import FinalRoundWindow

        if self._workspace is None:
            return None
        try:
            window = FinalRoundWindow(self._settings, self._workspace.location, self)
        except WorkspaceError as error:
            workspace_message(self, self.tr("Cannot open workspace"), error).open()
            return None
        self._follow(window)
        window.show()
        self.final_window = window
        return window

    def show_findings(self) -> QMainWindow | None:
        """The rule findings of the workspace open here, by rule, in a window of its own."""
        from panel_app.ui.chair.findings import FindingsWindow

        if self._workspace is None:
            return None
        try:
            window = FindingsWindow(self._settings, self._workspace.location, self)
        except WorkspaceError as error:
            workspace_message(self, self.tr("Cannot open workspace"), error).open()
            return None
        self._follow(window)
        window.show()
        self.findings_window = window
        return window

    def show_panel(self) -> QMainWindow | None:
        """The expert panel and its assignment, in a window of its own."""
        from panel_app.ui.chair.panel_window import PanelWindow

        if self._workspace is None:
            return None
        try:
            window = PanelWindow(self._settings, self._workspace.location, self)
        except WorkspaceError as error:
            workspace_message(self, self.tr("Cannot open workspace"), error).open()
            return None
        self._follow(window)
        window.show()
        self.panel_window = window
        return window

    def show_coverage(self) -> QMainWindow | None:
        """Who has returned what, in a window of its own."""
        from panel_app.ui.chair.coverage_window import CoverageWindow

        if self._workspace is None:
            return None
        try:
            window = CoverageWindow(self._settings, self._workspace.location, self)
        except WorkspaceError as error:
            workspace_message(self, self.tr("Cannot open workspace"), error).open()
            return None
        self._follow(window)
        window.show()
        self.coverage_window = window
        return window

    def show_audit_log(self) -> QMainWindow | None:
        """The audit log of the workspace open here, in a window of its own."""
        from panel_app.ui.chair.audit_log import AuditLogWindow

        if self._workspace is None:
            return None
        window = AuditLogWindow(self._settings, self._workspace.location, self)
        window.setWindowFlag(Qt.WindowType.Window)
        window.show()
        self.audit_window = window
        return window

    def _follow(self, window: CategoryWindow) -> None:
        """A window of its own, kept current with what is done here and in the others."""
        window.setWindowFlag(Qt.WindowType.Window)
        self.touched.connect(window.follow)
        window.decided.connect(lambda result: self.publish(result, source=window))

    # --- the season overview and the submissions ---------------------------------------------
    def show_overview(self) -> None:
        """Where the season stands, phase by phase, and the next step."""
        self.tabs.setCurrentWidget(self.season_view)

    def show_submissions(self) -> None:
        self.tabs.setCurrentWidget(self.splitter)

    def show_flagged(self) -> None:
        """Every category's submissions with an open rule finding."""
        self.show_submissions()
        self.category_view.setCurrentIndex(self.categories.index(0, 0))
        self.flagged_only.setChecked(True)
        self.table.setFocus()

    def _find(self) -> None:
        self.show_submissions()
        self.search.setFocus()

    def read_season(self) -> None:
        """Where the season stands, read again in a worker thread: once for every request
        of one turn of the event loop (a change reloads the window and publishes it), and
        a request while a read runs reads once more after it."""
        self._season_due.start()

    def _read_season_now(self) -> None:
        if self._workspace is not None:
            self.season_read.start(self._workspace.location, self.clock)

    def run_action(self, action: str) -> object:
        """What the overview's button or link asks for: the window or dialog that does it
        (the windows of the Panel menu, the File menu's commands)."""
        from panel_app.workflow.season import phases as s

        def final_round_panel() -> object:
            window = self.show_panel()
            if window is not None:
                rounds = window.round  # type: ignore[attr-defined]
                rounds.setCurrentIndex(rounds.findData("final"))
            return window

        actions: dict[str, Callable[[], object]] = {
            s.ACT_IMPORT: self.import_action.trigger,
            s.ACT_FINDINGS: self.show_findings,
            s.ACT_FLAGGED: self.show_flagged,
            s.ACT_PANEL: self.show_panel,
            s.ACT_PANEL_FINAL: final_round_panel,
            s.ACT_PACKAGES: self.packages_out.by_round["nomination"].trigger,
            s.ACT_PACKAGES_FINAL: self.packages_out.by_round["final"].trigger,
            s.ACT_MERGE: self.merges.merge_action.trigger,
            s.ACT_COVERAGE: self.show_coverage,
            s.ACT_NOMINEES: self.show_nominees,
            s.ACT_VOTES: self.votes.import_action.trigger,
            s.ACT_FINAL_ROUND: self.show_final_round,
            s.ACT_AUDIT_LOG: self.show_audit_log,
            **{act: self.secretariat.by_kind[kind].trigger for kind, act in s.ACT_EXPORT.items()},
        }
        return actions[action]()

    def _count_shown(self) -> None:
        model = self.submissions
        self.shown_label.setText(
            self.tr("{shown} of {total} shown").format(
                shown=f"{model.rowCount():,}", total=f"{model.total:,}"
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Every column in the pane, no sideways scrolling: the ID and the status as wide
        as their texts, the country and the organisation a share of the rest, the title
        what is left (elided, whole in its tooltip). A column the chair drags keeps its
        width until the pane is resized."""
        columns = SubmissionTableModel.COLUMNS
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        pad = 2 * self.style().pixelMetric(self.style().PixelMetric.PM_HeaderMargin) + 20
        words = [self.submissions.headerData(columns.index("status"), Qt.Orientation.Horizontal)]
        words += [status_text(status) for status in ("eligible", "flagged", "ineligible")]
        icon = self.table.iconSize().width() if self.table.iconSize().isValid() else 16
        status = max(metrics.horizontalAdvance(str(w)) for w in words) + icon + pad
        ident = metrics.horizontalAdvance("000000") + pad
        rest = max(self.table.viewport().width() - ident - status, 0)
        header.resizeSection(columns.index("submission_id"), ident)
        header.resizeSection(columns.index("status"), status)
        header.resizeSection(columns.index("country"), max(int(rest * 0.2), 60))
        header.resizeSection(columns.index("organisation"), max(int(rest * 0.3), 80))

    # --- what changed ----------------------------------------------------------------------
    def publish(self, result: object, source: QObject | None = None) -> Touched:
        """What a workflow call changed: this window reads its counts again, and every
        open window of the panel follows (`source`, which made the change, has already)."""
        touched = touched_by(result)
        if touched == Touched.NOTHING:
            return touched
        if source is not self and touched & MAIN_WINDOW_SHOWS:
            self._reload_keeping_selection()
        if touched & SEASON_SHOWS:
            self.read_season()
        self.touched.emit(touched, source)
        return touched

    def _open_location(self) -> WorkspaceLocation | None:
        return self._workspace.location if self._workspace is not None else None

    @property
    def workspace(self) -> OpenWorkspace | None:
        return self._workspace

    def refresh(self) -> None:
        if self._workspace is None:
            self.empty_label.setText(self.tr("No workspace open"))
            self.phase_label.clear()
            self._show_welcome()
            return
        self._hide_welcome()
        summary = summarise(self._workspace, now=self.clock())
        self._show_phase(summary.phase)
        self.read_season()
        current = self.category_view.currentIndex()
        row = current.row() if current.isValid() else 0
        self.categories.set_categories(summary.categories, self._language)
        loads = self._loads
        # Choosing the category loads its list (_category_changed): once, not twice.
        self.category_view.setCurrentIndex(self.categories.index(row, 0))
        if self._loads == loads:
            self._load_category(self.categories.index(row, 0).data(KEY_ROLE))
        flagged = summary.submissions - summary.by_status.get("eligible", 0)
        text = self.tr("{count} submissions · {flagged} flagged · edition {edition}").format(
            count=summary.submissions, flagged=flagged, edition=summary.edition_key
        )
        if summary.experts:
            text += " · " + self.tr(
                "{experts} experts · {reviews} of {assignments} reviews returned"
            ).format(
                experts=summary.experts,
                reviews=summary.reviews,
                assignments=summary.assignments,
            )
        self.empty_label.setText(text)

    def _show_welcome(self) -> None:
        """An expert opens the package their chair sent; a chair creates or opens a
        workspace (the welcome's buttons run the File menu's commands)."""
        if self.welcome is None:
            self.welcome = Welcome(
                self.files.open_action,
                self.import_action,
                self.open_action,
                self.creator.new_action,
            )
            self.pages.addWidget(self.welcome)
        self.pages.setCurrentWidget(self.welcome)

    def _hide_welcome(self) -> None:
        if self.welcome is not None:
            self.pages.removeWidget(self.welcome)
            self.welcome.setParent(None)
            self.welcome.deleteLater()
            self.welcome = None
        self.pages.setCurrentWidget(self.work)

    def _show_phase(self, phase: PhaseDay | None) -> None:
        """The current phase and the next date, in the window's language."""
        if phase is None or self._workspace is None:
            self.phase_label.clear()
            self.phase_label.setToolTip("")
            self.season_view.set_dates("")
            return
        lang = self._language

        def name(p: Phase) -> str:
            return p.name.get(lang)

        if phase.current is not None and phase.following is not None:
            text = self.tr("Phase: {phase}, until {end} · next: {next} from {start}").format(
                phase=name(phase.current),
                end=f"{phase.current.ends:%Y-%m-%d}",
                next=name(phase.following),
                start=f"{phase.following.starts:%Y-%m-%d}",
            )
        elif phase.current is not None:
            text = self.tr("Phase: {phase}, until {end}").format(
                phase=name(phase.current), end=f"{phase.current.ends:%Y-%m-%d}"
            )
        elif phase.following is not None:
            words = (
                self.tr("Before the first phase · next: {next} from {start}")
                if phase.previous is None
                else self.tr("Between phases · next: {next} from {start}")
            )
            text = words.format(
                next=name(phase.following), start=f"{phase.following.starts:%Y-%m-%d}"
            )
        else:
            assert phase.previous is not None
            text = self.tr("The season is over: {phase} ended {end}").format(
                phase=name(phase.previous), end=f"{phase.previous.ends:%Y-%m-%d}"
            )
        self.phase_label.setText(text)
        self.season_view.set_dates(text)
        lines = [
            ("▶ " if p == phase.current else "")
            + f"{name(p)}: {p.starts:%Y-%m-%d} – {p.ends:%Y-%m-%d}"
            for p in self._workspace.edition.phases
        ]
        self.phase_label.setToolTip("\n".join(lines))

    def _category_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._workspace is not None and current.isValid():
            self._load_category(current.data(KEY_ROLE))

    def _load_category(self, key: str | None) -> None:
        if self._workspace is None:
            return
        self._loads += 1
        self._shown = None
        self.submissions.set_items(list_submissions(self._workspace, key))
        if self.submissions.rowCount() > 0:
            select_row(self.table, 0)
        elif self.submissions.total > 0:
            self._show_current_submission()  # the search or the filter leaves none: says so
        else:
            self.detail.setHtml(
                "<p>" + html.escape(self.tr("No submissions in this category.")) + "</p>"
            )

    def _show_current_submission(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid() and self.submissions.rowCount() > 0:
            select_row(self.table, 0)
            return
        if self.submissions.rowCount() == 0 and self.submissions.total > 0:
            self._shown = None  # the search or the filter leaves none: say so, show none
            self.detail.setHtml(
                "<p>"
                + html.escape(
                    self.tr("No submission of this list matches the search or the filter.")
                )
                + "</p>"
            )
            return
        item = self.submissions.item(current.row()) if current.isValid() else None
        if item is not None and item.submission_id == self._shown:
            return  # sorted or filtered, the same submission still current: shown already
        self._submission_changed(current, current)

    def _submission_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._workspace is None or not current.isValid():
            return
        item = self.submissions.item(current.row())
        if item is None:
            return
        detail = submission_detail(self._workspace, item.submission_id)
        if detail is not None:
            self.detail.setHtml(render_detail(detail, self._language))
            self._shown = item.submission_id

    # --- findings ------------------------------------------------------------------------
    def _detail_link_clicked(self, url: QUrl) -> None:
        if url.scheme() == "overrule" and url.path().isdigit():
            self.ask_overrule(int(url.path()))

    def ask_overrule(self, finding_id: int) -> bool:
        """Ask the chair why a finding does not apply, and record the overrule (refused if
        someone overruled it while the chair was typing)."""
        from panel_app.workflow.record import chain_position

        seen = chain_position(self._workspace)[0] if self._workspace is not None else None
        reason, accepted = QInputDialog.getMultiLineText(
            self,
            self.tr("Overrule finding"),
            self.tr(
                "Why does this finding not apply? The reason is kept with the finding "
                "and in the audit log."
            ),
        )
        if not accepted:
            return False
        return self.overrule(finding_id, reason, seen=seen)

    def overrule(self, finding_id: int, reason: str, seen: int | None = None) -> bool:
        from panel_app.workflow.intake.checks import OverruleRefused, overrule_finding
        from panel_app.workflow.record import StaleView

        if self._workspace is None:
            return False
        try:
            overruled = overrule_finding(self._workspace, finding_id, reason, seen=seen)
        except (OverruleRefused, StaleView) as refused:
            QMessageBox.warning(self, self.tr("Overrule not recorded"), refusal_text(refused))
            self._reload_keeping_selection()
            return False
        self._reload_keeping_selection()
        self.publish(overruled, source=self)
        self.statusBar().showMessage(self.tr("Finding overruled; the reason is recorded"), 8000)
        return True

    def _reload_keeping_selection(self) -> None:
        """Refresh counts and statuses, staying on the same submission."""
        current = self.table.currentIndex()
        item = self.submissions.item(current.row()) if current.isValid() else None
        self.refresh()
        if item is not None:
            row = self.submissions.row_of(item.submission_id)
            if row is not None:
                select_row(self.table, row)

    def recent_workspaces(self) -> list[str]:
        """The workspace files opened here, newest first (those still on disk)."""
        value = self._settings.value(RECENT_KEY, [])
        # QSettings gives one path back as a plain string (INI files), several as a list.
        paths = (
            [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
        )
        return [str(p) for p in paths if p and Path(str(p)).is_file()]

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_workspaces()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(path).name} — {path}")
            action.triggered.connect(
                lambda _checked=False, p=path: self.open_location(locate_workspace(Path(p)))
            )
        self.recent_menu.setEnabled(bool(recent))

    def _choose_workspace(self) -> None:
        start = start_folder(self._settings, "dialogs/workspace_dir")
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open workspace"), start, self.tr("Workspaces (*.sqlite *.db)")
        )
        if name:
            remember_folder(self._settings, "dialogs/workspace_dir", str(Path(name).parent))
            self.open_location(locate_workspace(Path(name)))

    # --- an expert's package ----------------------------------------------------------------
    def _package_target(self) -> WorkspaceLocation:
        """The workspace open here (one holding other experts' packages refuses it), else
        the default one: on an expert's laptop, theirs."""
        return self._workspace.location if self._workspace is not None else locate_workspace()

    def _package_opened(self, location: WorkspaceLocation, opened: OpenedPackage) -> None:
        from panel_app.ui.desk.window import DeskWindow

        desk = DeskWindow(self._settings, self._language)
        if desk.open_desk(location, opened.expert_code):
            self.desk_window = desk
            desk.show()
            desk.statusBar().showMessage(self.statusBar().currentMessage(), 15000)
            QTimer.singleShot(0, self.close)  # once the worker has wound down

    # --- import --------------------------------------------------------------------------
    def start_import(self, path: Path) -> TaskWorker | None:
        """Import a submission set into the workspace open here (else the default one)."""
        return self.imports.start_import(path)

    def _import_target(self) -> WorkspaceLocation:
        return self._workspace.location if self._workspace is not None else locate_workspace()

    def _import_succeeded(self, location: WorkspaceLocation, result: IntakeResult) -> None:
        if self._workspace is None:
            self.open_location(location)
        else:
            self.refresh()
            self.publish(result, source=self)
        text = self.tr(
            "Imported {file}: {added} added, {updated} updated, {unchanged} unchanged"
        ).format(
            file=result.file,
            added=result.added,
            updated=result.updated,
            unchanged=result.unchanged,
        )
        if result.missing_columns:  # said once: the rules these columns would feed
            what = {
                "project_information": self.tr("the project information"),
                "photo": self.tr("the photo"),
            }
            text += " · " + self.tr(
                "The set has no column for {what}: the edition's rule on it was not checked."
            ).format(what=self.tr(" nor ").join(what[c] for c in result.missing_columns))
        self.statusBar().showMessage(text, 15000)

    # --- geometry ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        if str(self._settings.value("settings/version", 0)) != str(SETTINGS_VERSION):
            resize_within_screen(self, 1400, 860)
            return
        geometry = self._settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self._settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: object) -> None:
        # The season's read first: waiting for it runs the event loop, which must not
        # delete the windows closed below before their owners let them go.
        self._season_due.stop()
        self.season_read.stop()
        # The panel's windows first: their own close stops their work and connection
        # (deleted with this window, it would not get a close event).
        windows = (
            self.findings_window,
            self.panel_window,
            self.coverage_window,
            self.nominees_window,
            self.final_window,
            self.audit_window,
        )
        for window in windows:
            if window is not None and shiboken_valid(window):
                window.close()
        self.findings_window = self.panel_window = self.nominees_window = None
        self.coverage_window = None
        self.final_window = None
        self.audit_window = None
        self.record_check.stop()
        from panel_app.workflow.chairs import act_as

        act_as(None)  # the process acts as no chair once the window is gone
        self.imports.stop()
        self.files.stop()
        self.merges.stop()
        self.secretariat.stop()
        self.votes.stop()
        self.packages_out.stop()
        self._settings.setValue("settings/version", SETTINGS_VERSION)
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/splitter", self.splitter.saveState())
        if self._workspace is not None:
            self._workspace.close()
            self._workspace = None
        super().closeEvent(event)  # type: ignore[arg-type]

    # --- language ------------------------------------------------------------------------
    def reopen_in(self, language: str) -> MainWindow:
        """This window rebuilt in another language, on the same workspace and submission;
        not while an import runs (it reports to this window)."""
        if self.imports.busy:
            self.statusBar().showMessage(
                self.tr("The language changes once the import has finished."), 8000
            )
            return self
        location = self._workspace.location if self._workspace is not None else None
        category = self.category_view.currentIndex().row()
        current = self.submissions.item(self.table.currentIndex().row())
        text = self.search.text()
        tab = self.tabs.currentIndex()
        flagged = self.flagged_only.isChecked()
        self.close()
        window = MainWindow(self._settings, language)
        if location is not None and window.open_location(location):
            window.category_view.setCurrentIndex(window.categories.index(max(category, 0), 0))
            window.tabs.setCurrentIndex(tab)
            window.flagged_only.setChecked(flagged)
            window.search.setText(text)
            row = window.submissions.row_of(current.submission_id) if current else None
            if row is not None:
                select_row(window.table, row)
        else:
            window.refresh()
        window.show()
        return window
