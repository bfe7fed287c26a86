"""The main window: categories, the submissions of one, and the selected one in full."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid as shiboken_valid

from panel_app.ui.chair.category_window import CategoryWindow
from panel_app.ui.chair.import_files import ImportFiles
from panel_app.ui.chair.merge_files import MergeFiles
from panel_app.ui.chair.new_workspace import NewWorkspace
from panel_app.ui.chair.package_out import PackagesOut
from panel_app.ui.chair.record_check import RecordCheck
from panel_app.ui.chair.secretariat_files import SecretariatFiles
from panel_app.ui.chair.vote_files import VoteFiles
from panel_app.ui.chair.welcome import Welcome
from panel_app.ui.desk.package_files import PackageFiles
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.help import add_help_menu
from panel_app.ui.language import add_language_menu
from panel_app.ui.models import KEY_ROLE, CategoryListModel, SubmissionTableModel
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
translate = QCoreApplication.translate


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
        self.table = QTableView()
        self.table.setObjectName("submissionTable")
        self.table.setAccessibleName(self.tr("Submissions"))
        self.table.setModel(self.submissions)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(1, 320)
        self.table.setColumnWidth(2, 220)
        self.table.selectionModel().currentRowChanged.connect(self._submission_changed)
        # Filtering or sorting can put another submission under the current row.
        self.submissions.layoutChanged.connect(self._show_current_submission)

        middle = QWidget()
        layout = QVBoxLayout(middle)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
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
        self.splitter.setSizes([260, 640, 520])
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
        column.addWidget(self.splitter, 1)
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
        self.phase_label = QLabel()
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
        add_theme_menu(self, self._settings, None)
        self.guide_action, self.about_action = add_help_menu(self, self._settings)
        find = QAction(self.tr("&Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.search.setFocus())
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
        self.check_record()
        self._complete_pending_checks()
        self.refresh()
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
            self.last_refusal = str(refused)
            box = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Conflict not recorded"), str(refused),
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

    # --- what changed ----------------------------------------------------------------------
    def publish(self, result: object, source: QObject | None = None) -> Touched:
        """What a workflow call changed: this window reads its counts again, and every
        open window of the panel follows (`source`, which made the change, has already)."""
        touched = touched_by(result)
        if touched == Touched.NOTHING:
            return touched
        if source is not self and touched & MAIN_WINDOW_SHOWS:
            self._reload_keeping_selection()
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
            self.table.selectRow(0)
        else:
            self.detail.setHtml(
                "<p>" + html.escape(self.tr("No submissions in this category.")) + "</p>"
            )

    def _show_current_submission(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid() and self.submissions.rowCount() > 0:
            self.table.selectRow(0)
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
            QMessageBox.warning(self, self.tr("Overrule not recorded"), str(refused))
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
                self.table.selectRow(row)

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
        self.close()
        window = MainWindow(self._settings, language)
        if location is not None and window.open_location(location):
            window.category_view.setCurrentIndex(window.categories.index(max(category, 0), 0))
            window.search.setText(text)
            row = window.submissions.row_of(current.submission_id) if current else None
            if row is not None:
                window.table.selectRow(row)
        else:
            window.refresh()
        window.show()
        return window
