"""The expert's scoring desk: their categories and projects, the project in full, the sheet.

Every change is recorded at once through workflow.scoring_desk (no Save button); score
changes go on a QUndoStack. The comment is recorded when the typing pauses (or the project
changes), so a crash loses at most the last second of typing.

Made for a 1366x768 laptop, at 100% and at 150% (a 910x512 screen): the project text and
every criterion in view at once. The sheet takes its full layout where it fits and its
compact one (a line a criterion) where not; below 700 px of height the comment keeps two
lines and the project's heading over the sheet goes (the text beside it starts with it).
The project list shows the columns it has room for, each whole.
A digit scores the marked criterion wherever the focus is but a text field (window
shortcuts: a text field takes its digits first), and the status bar says what was recorded,
or why not.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QKeyCombination,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from panel_app.ui.catalogue import refusal_text
from panel_app.ui.desk.models import (
    FILTER_ALL,
    FILTER_CONFLICT,
    FILTER_FLAGGED,
    FILTER_SCORED,
    FILTER_TODO,
    DeskCategoryModel,
    ProjectTableModel,
)
from panel_app.ui.desk.package_files import PackageFiles
from panel_app.ui.desk.scoring_sheet import ScoringSheet
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.help import add_help_menu
from panel_app.ui.language import add_language_menu
from panel_app.ui.models import KEY_ROLE, select_row
from panel_app.ui.problems import workspace_message
from panel_app.ui.screen import resize_within_screen
from panel_app.ui.submission_view import render_detail
from panel_app.ui.theme import add_theme_menu, status_colours
from panel_app.workflow.review.desk import (
    CONFIDENCES,
    DeskProject,
    DeskRefused,
    ProjectReview,
    ScoringDesk,
    choose_expert,
    next_unfinished,
    progress,
    with_review,
)
from panel_app.workflow.workspace import (
    OpenWorkspace,
    WorkspaceError,
    WorkspaceLocation,
    locate_workspace,
    open_workspace,
)

SETTINGS_VERSION = 2  # 2: the laptop layout (issue 16); an older saved layout is not restored
COMMENT_PAUSE_MS = 800
SHORT_WINDOW = 700  # below this height: a two-line comment and no heading over the sheet
TALL_WINDOW = 900  # from this height: a comment of seven lines (between the two: four)
NARROW_WINDOW = 1100  # below this width: a shorter progress bar
# The panes' shares of a new window's width: the list, the project text, the sheet (a
# narrow window's list needs a larger share for the IDs, titles and counts to show).
PANE_SHARES = (24, 37, 39)
NARROW_PANE_SHARES = (27, 35, 38)
TITLE_ROOM = 110  # the list's narrowest title column: the organisation, then the checks go
translate = QCoreApplication.translate


class SheetArea(QScrollArea):
    """The sheet's scroll area: tells the sheet the space it has, so that it takes the
    layout that shows every criterion without scrolling (ScoringSheet.fit)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("deskSheetArea")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._fitting = False

    def sizeHint(self) -> QSize:
        # Not the sheet's: the pane's other parts keep their size, the sheet takes the rest.
        return QSize(320, 200)

    def fit(self) -> None:
        sheet = self.widget()
        if not isinstance(sheet, ScoringSheet) or self._fitting:
            return
        self._fitting = True  # a scroll bar's policy set here lays the area out again
        try:
            compact = sheet.fit(self.maximumViewportSize())  # as if no scroll bar were needed
            # The full layout fits by that measure: no scroll bar, or one left over from a
            # narrower moment would keep the sheet narrower, taller, and scrolling.
            policy = (
                Qt.ScrollBarPolicy.ScrollBarAsNeeded
                if compact
                else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            )
            if self.verticalScrollBarPolicy() != policy:
                self.setVerticalScrollBarPolicy(policy)
            if self.horizontalScrollBarPolicy() != policy:
                self.setHorizontalScrollBarPolicy(policy)
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fit()
        super().resizeEvent(event)


class _ElidedItems(QStyledItemDelegate):
    """Lines as wide as the list, not as their text: a long category name ends in "…"
    (its tool tip has it whole) instead of a horizontal scroll bar."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(1, hint.height())


class ScoreCommand(QUndoCommand):
    """One score change; undoing it records the previous value (and shows its project)."""

    def __init__(
        self, window: DeskWindow, submission_id: str, key: str, old: int | None, new: int | None
    ) -> None:
        super().__init__(
            translate("DeskWindow", "score {key} of {project}").format(
                key=window.sheet.criterion_name(key), project=submission_id
            )
        )
        self._window, self._id, self._key, self._old, self._new = (
            window,
            submission_id,
            key,
            old,
            new,
        )

    def redo(self) -> None:
        self._window.apply_score(self._id, self._key, self._new)

    def undo(self) -> None:
        self._window.apply_score(self._id, self._key, self._old)


class GateCommand(QUndoCommand):
    """One gate answered; undoing it records the previous answer (and shows its project)."""

    def __init__(
        self,
        window: DeskWindow,
        submission_id: str,
        gate: int,
        old: bool | None,
        new: bool | None,
    ) -> None:
        super().__init__(
            translate("DeskWindow", "gate {number} of {project}").format(
                number=gate + 1, project=submission_id
            )
        )
        self._window, self._id, self._gate = window, submission_id, gate
        self._old, self._new = old, new

    def redo(self) -> None:
        self._window.apply_gate(self._id, self._gate, self._new)

    def undo(self) -> None:
        self._window.apply_gate(self._id, self._gate, self._old)


class DeskWindow(QMainWindow):
    def __init__(self, settings: QSettings, language: str = "en") -> None:
        super().__init__()
        self.setObjectName("deskWindow")
        self._settings = settings
        self._language = language
        self._workspace: OpenWorkspace | None = None
        self.desk: ScoringDesk | None = None
        self._current: DeskProject | None = None
        self._review: ProjectReview | None = None
        self.undo_stack = QUndoStack(self)
        # With no workspace open: where an opened package goes (None: the default one).
        self.new_workspace_at: WorkspaceLocation | None = None
        self.setWindowTitle(self.tr("WSIS Prizes — scoring desk"))

        # Left: categories, then the project list with its search and filter.
        self.categories = DeskCategoryModel(self)
        self.category_view = QListView()
        self.category_view.setObjectName("deskCategories")
        self.category_view.setAccessibleName(self.tr("Categories"))
        self.category_view.setModel(self.categories)
        self.category_view.setItemDelegate(_ElidedItems(self.category_view))
        self.category_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.category_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep the count
        self.category_view.selectionModel().currentChanged.connect(self._category_changed)

        self.search = QLineEdit()
        self.search.setObjectName("deskSearch")
        self.search.setPlaceholderText(self.tr("Search title, organisation, ID or country"))
        self.search.setAccessibleName(self.tr("Search projects"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._filter(text=text))
        self.filter_box = QComboBox()
        self.filter_box.setObjectName("deskFilter")
        self.filter_box.setAccessibleName(self.tr("Show"))
        for label, kind in (
            (self.tr("All projects"), FILTER_ALL),
            (self.tr("Not yet scored"), FILTER_TODO),
            (self.tr("Scored"), FILTER_SCORED),
            (self.tr("Flagged by the checks"), FILTER_FLAGGED),
            (self.tr("Conflict declared"), FILTER_CONFLICT),
        ):
            self.filter_box.addItem(label, kind)
        self.filter_box.currentIndexChanged.connect(
            lambda _i: self._filter(kind=str(self.filter_box.currentData()))
        )
        self.projects = ProjectTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("deskProjects")
        self.table.setAccessibleName(self.tr("Projects"))
        self.table.setModel(self.projects)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._column_widths: dict[str, int] = {}
        self._size_columns()
        # Its width decides which columns show (after the scroll area has laid it out).
        self.table.viewport().installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        list_pane = QWidget()
        list_layout = QVBoxLayout(list_pane)
        list_layout.setContentsMargins(0, 0, 0, 0)
        # Side by side, or the filter under the search where the pane is narrow (_stack).
        self._filters = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._filters.addWidget(self.search, 2)
        self._filters.addWidget(self.filter_box, 1)
        list_layout.addLayout(self._filters)
        list_layout.addWidget(self.table)
        self._list_pane = list_pane
        list_pane.installEventFilter(self)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.setObjectName("deskLeftSplitter")
        self.left_splitter.addWidget(self.category_view)
        self.left_splitter.addWidget(list_pane)
        self.left_splitter.setStretchFactor(0, 0)
        self.left_splitter.setStretchFactor(1, 1)
        self.left_splitter.setSizes([60, 650])  # fitted to the categories when they come
        self._restored_layout = False
        self._shown_once = False

        # Middle: the project, as the chair's window shows it (without overrule links).
        self.detail = QTextBrowser()
        self.detail.setObjectName("deskProject")
        self.detail.setAccessibleName(self.tr("Project"))
        self.detail.setOpenLinks(False)

        # Right: the sheet, then confidence, comment and the conflict declaration.
        self.sheet = ScoringSheet((), language)  # replaced when a workspace opens
        self.sheet_area = SheetArea()
        self.sheet_area.setWidget(self.sheet)
        self.confidence = QComboBox()
        self.confidence.setObjectName("deskConfidence")
        self.confidence.setAccessibleName(self.tr("Confidence"))
        self.confidence.addItem(self.tr("— not given —"), None)
        for value, label in zip(
            CONFIDENCES, (self.tr("High"), self.tr("Medium"), self.tr("Low")), strict=True
        ):
            self.confidence.addItem(label, value)
        self.confidence.currentIndexChanged.connect(self._confidence_changed)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("deskComment")
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setPlaceholderText(self.tr("Your comment on this project (optional)"))
        self.comment.setTabChangesFocus(True)
        self._comment_timer = QTimer(self)
        self._comment_timer.setSingleShot(True)
        self._comment_timer.setInterval(COMMENT_PAUSE_MS)
        self._comment_timer.timeout.connect(self.save_comment)
        self.comment.textChanged.connect(self._comment_typed)
        self.conflict_button = QPushButton()
        self.conflict_button.setObjectName("deskConflict")
        self.conflict_button.clicked.connect(self._conflict_clicked)
        self.conflict_label = QLabel()
        self.conflict_label.setWordWrap(True)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(4)
        self.project_heading = QLabel()
        self.project_heading.setWordWrap(True)
        side_layout.addWidget(self.project_heading)
        side_layout.addWidget(self.sheet_area, 1)
        form = QFormLayout()
        form.setContentsMargins(4, 0, 4, 4)
        form.setVerticalSpacing(4)
        # Confidence and the conflict button share a line, the height going to the criteria;
        # in a narrow pane the button goes under the choice (_stack).
        confidence_label = QLabel(self.tr("&Confidence:"))
        confidence_label.setBuddy(self.confidence)
        self._confidence_line = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._confidence_line.addWidget(self.confidence, 1)
        self._confidence_line.addWidget(self.conflict_button)
        form.addRow(confidence_label, self._confidence_line)
        form.addRow(self.tr("Co&mment:"), self.comment)
        side_layout.addLayout(form)
        side_layout.addWidget(self.conflict_label)
        self._side_layout = side_layout
        self._side = side
        side.installEventFilter(self)

        self.splitter = QSplitter()
        self.splitter.setObjectName("deskSplitter")
        self.splitter.addWidget(self.left_splitter)
        self.splitter.addWidget(self.detail)
        self.splitter.addWidget(side)
        for pane, stretch in enumerate((0, 1, 0)):  # a wider window: a wider text
            self.splitter.setStretchFactor(pane, stretch)
        self.splitter.setSizes(list(PANE_SHARES))  # before showing: proportions
        self.setCentralWidget(self.splitter)

        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setTextVisible(False)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.files = PackageFiles(self, settings, self._package_target, self.save_comment)
        self.files.opened.connect(
            lambda location, opened: self.open_desk(location, opened.expert_code)
        )
        self.files.exported.connect(lambda _exported: self._update_progress())
        self._build_menus()
        self._digit_keys()
        add_language_menu(self, settings, language)
        self._restore_geometry()
        self._fit_height()
        self._show_project(None)

    # --- menus -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        open_action = QAction(self.tr("&Open workspace…"), self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._choose_workspace)
        file_menu.addAction(open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.files.open_action)
        file_menu.addAction(self.files.export_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        undo = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        find = QAction(self.tr("&Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(lambda: self.search.setFocus())
        edit_menu.addAction(find)

        add_theme_menu(self, self._settings, None)
        self.guide_action, self.about_action = add_help_menu(self, self._settings)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.finish_action = QAction(self.tr("&Finish and open the next unscored"), self)
        self.finish_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.finish_action.triggered.connect(self.finish_project)
        self.next_action = QAction(self.tr("&Next unscored"), self)
        self.next_action.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_action.triggered.connect(lambda: self.go_unfinished(1))
        self.previous_action = QAction(self.tr("&Previous unscored"), self)
        self.previous_action.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.previous_action.triggered.connect(lambda: self.go_unfinished(-1))
        score_action = QAction(self.tr("&Scoring sheet"), self)
        score_action.setShortcut(QKeySequence("F2"))
        score_action.triggered.connect(self.focus_sheet)
        for action in (self.finish_action, self.next_action, self.previous_action, score_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            go_menu.addAction(action)

    def _digit_keys(self) -> None:
        """0-9, on the main keys and the keypad, for the whole window: a text field (the
        search, the comment) takes a digit first, as typing (Qt's shortcut override)."""
        self.digit_shortcuts: list[QShortcut] = []
        for digit in range(10):
            key = Qt.Key(Qt.Key.Key_0.value + digit)
            for combination in (
                QKeyCombination(key),
                QKeyCombination(Qt.KeyboardModifier.KeypadModifier, key),
            ):
                shortcut = QShortcut(QKeySequence(combination), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(lambda d=digit: self.score_digit(d))
                self.digit_shortcuts.append(shortcut)

    # --- workspace and expert ------------------------------------------------------------
    def open_desk(self, location: WorkspaceLocation, expert_code: str) -> bool:
        try:
            workspace = open_workspace(location)
            desk = ScoringDesk(workspace, expert_code)
        except WorkspaceError as error:
            workspace_message(self, self.tr("Cannot open the desk"), error).exec()
            return False
        except DeskRefused as error:
            QMessageBox.warning(self, self.tr("Cannot open the desk"), str(error))
            return False
        # The project last shown (read before the list shows its first row), else, below,
        # the one changed last.
        shown = str(self._settings.value(f"desk/last_project/{expert_code}", "") or "")
        # Written again on a clean exit only: after a crash, the project changed last wins.
        self._settings.remove(f"desk/last_project/{expert_code}")
        self._settings.sync()
        self._close_workspace()
        self._workspace, self.desk = workspace, desk
        self.undo_stack.clear()
        self._settings.setValue("desk/workspace", (location.path and str(location.path)) or "")
        self._settings.setValue("desk/workspace_url", "" if location.path else location.url)
        self._settings.setValue("desk/expert", expert_code)
        from panel_app.workflow.review.package_log import package_expert

        self.files.set_expert(desk.expert_code, has_package=package_expert(workspace) is not None)
        self.setWindowTitle(
            self.tr("WSIS Prizes — scoring desk — {expert} — {workspace}").format(
                expert=f"{desk.expert_code} {desk.expert_name}", workspace=location.display
            )
        )
        self._replace_sheet(desk)
        projects = desk.projects()
        self.projects.set_items(projects)
        self._size_columns()
        self.categories.set_categories(desk.categories(projects), self._language)
        self.category_view.setCurrentIndex(self.categories.index(0, 0))
        self._fit_categories()
        self._update_progress()
        resume = shown if any(p.submission_id == shown for p in projects) else None
        resume = resume or desk.resume_at(projects)
        if resume is not None:
            self.select_project(resume)
        return True

    def _package_target(self) -> WorkspaceLocation:
        """A package goes into the workspace open here, else the one named at start, else
        the default one: on an expert's laptop, that is theirs (a workspace holding other
        experts' packages refuses it)."""
        if self._workspace is not None:
            return self._workspace.location
        return self.new_workspace_at or locate_workspace()

    def _replace_sheet(self, desk: ScoringDesk) -> None:
        self.sheet = ScoringSheet(desk.criteria, self._language, desk.gates)
        self.sheet.score_requested.connect(self.request_score)
        self.sheet.gate_requested.connect(self.request_gate)
        self.sheet.digit_typed.connect(self.score_digit)
        self.sheet.current_moved.connect(lambda row: self.sheet_area.ensureWidgetVisible(row))
        self.sheet_area.setWidget(self.sheet)
        self.sheet_area.fit()
        QWidget.setTabOrder(self.table, self.sheet)
        QWidget.setTabOrder(self.sheet, self.confidence)
        QWidget.setTabOrder(self.confidence, self.comment)
        QWidget.setTabOrder(self.comment, self.conflict_button)

    def _choose_workspace(self) -> None:
        start = start_folder(self._settings, "dialogs/workspace_dir")
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open workspace"), start, self.tr("Workspaces (*.sqlite *.db)")
        )
        if not name:
            return
        remember_folder(self._settings, "dialogs/workspace_dir", str(Path(name).parent))
        location = locate_workspace(Path(name))
        try:
            with open_workspace(location) as workspace:
                code: str | None = choose_expert(workspace, None).code
        except DeskRefused:
            code = self._ask_expert(location)
        except WorkspaceError as error:
            workspace_message(self, self.tr("Cannot open the desk"), error).exec()
            return
        if code:
            self.open_desk(location, code)

    def _ask_expert(self, location: WorkspaceLocation) -> str | None:
        from panel_app.workflow.review.desk import desk_experts

        with open_workspace(location) as workspace:
            codes = [f"{e.code} — {e.name}" for e in desk_experts(workspace)]
        if not codes:
            QMessageBox.warning(
                self, self.tr("Cannot open the desk"), self.tr("No expert has projects here.")
            )
            return None
        choice, accepted = QInputDialog.getItem(
            self, self.tr("Whose desk?"), self.tr("Expert:"), codes, 0, False
        )
        return choice.split(" — ")[0] if accepted else None

    def _close_workspace(self) -> None:
        self.save_comment()
        if self.desk is not None and self._current is not None:
            key = f"desk/last_project/{self.desk.expert_code}"
            self._settings.setValue(key, self._current.submission_id)
        if self._workspace is not None:
            self._workspace.close()
        self._workspace, self.desk = None, None

    # --- fitting the laptop ----------------------------------------------------------------
    def _size_columns(self) -> None:
        """The short columns as wide as their widest text (no "Ch" or "con…"), the title
        taking the rest; the organisation where the list has room for it (_fit_columns)."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        text = self.table.fontMetrics()
        heading = header.fontMetrics()
        arrow = 22  # the sort indicator and the cell's margins
        for column, name in enumerate(self.projects.COLUMNS):
            if name in ("title", "organisation"):
                continue
            title = str(self.projects.headerData(column, Qt.Orientation.Horizontal))
            widest = max(
                (text.horizontalAdvance(t) for t in self.projects.widest_texts(name)), default=0
            )
            width = max(heading.horizontalAdvance(title) + arrow, widest + 14)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(column, width)
            self._column_widths[name] = width
        organisation = self.projects.COLUMNS.index("organisation")
        header.setSectionResizeMode(organisation, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(organisation, 120)
        self._column_widths["organisation"] = 120
        header.setSectionResizeMode(
            self.projects.COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch
        )
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Hide the organisation column, then the checks, rather than leave the title
        under TITLE_ROOM (the checks are in the project text, and the Show filter)."""
        columns = self.projects.COLUMNS
        width = self._column_widths  # not columnWidth(): a hidden column's is 0
        if not width:
            return
        room = self.table.viewport().width() - width["submission_id"] - width["progress"]
        without_checks = room < TITLE_ROOM + width["checks"]
        self.table.setColumnHidden(columns.index("checks"), without_checks)
        room -= 0 if without_checks else width["checks"]
        self.table.setColumnHidden(
            columns.index("organisation"), room < TITLE_ROOM + width["organisation"]
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            if watched is self.table.viewport():
                self._fit_columns()
            elif watched is self._list_pane:
                self._stack(self._filters, self._list_pane.width() < 330)
            elif watched is self._side:
                self._stack(self._confidence_line, self._side.width() < 440)
        return super().eventFilter(watched, event)

    @staticmethod
    def _stack(line: QBoxLayout, narrow: bool) -> None:
        """A line of two controls, or (narrow) one above the other."""
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if line.direction() != direction:
            line.setDirection(direction)

    def showEvent(self, event: QShowEvent) -> None:
        # A new layout (none restored): the panes share the width as the window now has it.
        if not self._restored_layout and not self._shown_once:
            width = self.splitter.width() or self.width()
            shares = NARROW_PANE_SHARES if width < NARROW_WINDOW else PANE_SHARES
            self.splitter.setSizes([width * share // 100 for share in shares])
            self._fit_categories()
        self._shown_once = True
        super().showEvent(event)

    def _fit_categories(self) -> None:
        """The category pane as tall as its lines (at most six: an expert has few), unless
        the person sized it before (a restored layout)."""
        if self._restored_layout:
            return
        view = self.category_view
        lines = min(self.categories.rowCount(), 6)
        line = max(view.sizeHintForRow(0), 1)
        view.setMinimumHeight(line + 2 * view.frameWidth())  # not a scroll area's 70 px
        height = lines * line + 2 * view.frameWidth() + 2
        total = sum(self.left_splitter.sizes()) or self.left_splitter.height()
        self.left_splitter.setSizes([height, max(total - height, height)])

    def _fit_height(self) -> None:
        """A short window (a laptop at 150%) gives the comment two lines and drops the
        heading over the sheet; a narrow one, a shorter progress bar. From the window's
        size only, never from the sheet's layout (which follows the space left)."""
        short = self.height() < SHORT_WINDOW
        metrics = self.comment.fontMetrics()
        margin = 2 * self.comment.frameWidth() + 2 * int(self.comment.document().documentMargin())
        lines = 2 if short else 4 if self.height() < TALL_WINDOW else 7
        self.comment.setFixedHeight(lines * metrics.lineSpacing() + margin + 2)
        self.project_heading.setVisible(not short)
        self.progress_bar.setMaximumWidth(100 if self.width() < NARROW_WINDOW else 160)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    # --- list ----------------------------------------------------------------------------
    def _category_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._filter(category=current.data(KEY_ROLE) or "")

    def _filter(
        self, *, category: str | None = None, text: str | None = None, kind: str | None = None
    ) -> None:
        keep = self._current.submission_id if self._current else None
        self.projects.set_filters(category=category, text=text, kind=kind)
        row = self.projects.row_of(keep) if keep else None
        if row is None and self.projects.rowCount() > 0:
            row = 0
        if row is not None:
            select_row(self.table, row)

    def select_project(self, submission_id: str) -> bool:
        row = self.projects.row_of(submission_id)
        if row is None:  # hidden by a filter: show everything again
            self.category_view.setCurrentIndex(self.categories.index(0, 0))
            self.search.clear()
            self.filter_box.setCurrentIndex(0)
            row = self.projects.row_of(submission_id)
        if row is None:
            return False
        select_row(self.table, row)
        self.table.scrollTo(self.projects.index(row, 0))
        return True

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.projects.item(current.row()) if current.isValid() else None
        if item is None or (self._current and item.submission_id == self._current.submission_id):
            return
        self.save_comment()
        self._show_project(item)

    def _show_project(self, item: DeskProject | None) -> None:
        self._current = item
        if item is None or self.desk is None:
            self._review = None
            hint = (
                self.tr("Choose a project from the list.")
                if self.desk is not None
                else self.tr(
                    "Open the review package the chair sent you: File > Open package… "
                    "(Ctrl+Shift+O)."
                )
            )
            self.detail.setHtml("<p>" + html.escape(hint) + "</p>")
            self.project_heading.setText("")
            self._show_review(None)
            return
        detail = self.desk.detail(item.submission_id)
        if detail is not None:
            self.detail.setHtml(render_detail(detail, self._language, overrule_links=False))
        self.project_heading.setText(
            f"<b>{html.escape(item.submission_id)}</b> · {html.escape(item.title)}"
        )
        self._show_review(self.desk.review(item.submission_id))
        self.sheet.set_current(self.sheet.first_blank())

    def _show_review(self, review: ProjectReview | None, *, reload_comment: bool = True) -> None:
        """Show a review; reload_comment=False keeps comment typing not yet recorded."""
        self._review = review
        self.sheet.show_review(review)
        for widget in (self.confidence, self.comment):
            widget.blockSignals(True)
        index = self.confidence.findData(review.confidence if review else None)
        self.confidence.setCurrentIndex(max(index, 0))
        if reload_comment and self.comment.toPlainText() != (review.comment if review else ""):
            self.comment.setPlainText(review.comment if review else "")
        for widget in (self.confidence, self.comment):
            widget.blockSignals(False)
        has_project = review is not None
        conflict = bool(review and review.conflict_declared)
        self.confidence.setEnabled(has_project and not conflict)
        self.comment.setEnabled(has_project)
        self.conflict_button.setEnabled(has_project)
        self.conflict_button.setText(
            self.tr("Withdraw the conflict declaration…")
            if conflict
            else self.tr("Declare a conflict of interest…")
        )
        self.conflict_button.setAccessibleName(self.conflict_button.text())
        self.conflict_label.setText(
            self.tr("Conflict of interest declared: this project's scores are cleared and locked.")
            if conflict
            else ""
        )
        self.conflict_label.setStyleSheet(f"color: {status_colours()[0]};")  # the palette's
        self.conflict_label.setVisible(conflict)

    # --- changes -------------------------------------------------------------------------
    def score_digit(self, digit: int) -> bool:
        """A digit typed anywhere in the desk but a text field: it scores the marked
        criterion and moves the mark on; the status bar says what was recorded, or why
        nothing was."""
        bar = self.statusBar()
        row = self.sheet.current_row()
        if self.desk is None or self._current is None or self._review is None or row is None:
            bar.showMessage(
                self.tr("No project is shown: choose one in the list, then type its scores."),
                10000,
            )
            return False
        if self._review.conflict_declared:
            bar.showMessage(
                self.tr(
                    "Project {id} has a conflict of interest declared: its scores are "
                    "cleared and locked."
                ).format(id=self._current.submission_id),
                10000,
            )
            return False
        scale, key = row.criterion.scale, row.criterion.key
        if not scale.minimum <= digit <= scale.maximum:
            bar.showMessage(
                self.tr(
                    "{digit} is not on the scale {low}–{high} of “{criterion}”: nothing was "
                    "recorded."
                ).format(digit=digit, low=scale.minimum, high=scale.maximum, criterion=row.name),
                10000,
            )
            return False
        self.request_score(key, digit)
        if self._review is None or self._review.scores.get(key) != digit:
            return False  # refused by the workflow: apply_score said why
        self.sheet.set_current(self.sheet.current + 1)  # seven digits score a project
        said = self.tr("{criterion}: {value} {label} — saved.").format(
            criterion=row.name, value=digit, label=scale.label(digit).get(self._language)
        )
        if self._current.done:
            # Short: the status bar of a 150% laptop holds about a hundred letters.
            said += " " + self.tr("All {total} scored; Ctrl+Enter: next project.").format(
                total=self._current.criteria
            )
        bar.showMessage(said, 10000)
        return True

    def request_score(self, key: str, value: int | None) -> None:
        """A score from the sheet: recorded now, through the undo stack."""
        if self._current is None or self._review is None or self._review.conflict_declared:
            return
        old = self._review.scores.get(key)
        if old == value:
            return
        self.undo_stack.push(ScoreCommand(self, self._current.submission_id, key, old, value))

    def request_gate(self, gate: int, answer: bool | None) -> None:
        """A gate's answer from the sheet: recorded now, through the undo stack."""
        if self._current is None or self._review is None or self._review.conflict_declared:
            return
        answers = self._review.gates
        old = answers[gate] if gate < len(answers) else None
        if old is answer:
            return
        self.undo_stack.push(GateCommand(self, self._current.submission_id, gate, old, answer))

    def apply_gate(self, submission_id: str, gate: int, answer: bool | None) -> None:
        self._apply(submission_id, lambda desk: desk.set_gate(submission_id, gate, answer))

    def apply_score(self, submission_id: str, key: str, value: int | None) -> None:
        self._apply(submission_id, lambda desk: desk.set_score(submission_id, key, value))

    def _apply(self, submission_id: str, change: Callable[[ScoringDesk], ProjectReview]) -> None:
        """One change of the sheet, recorded (or its refusal said in the status bar)."""
        if self.desk is None:
            return
        if self._current is None or self._current.submission_id != submission_id:
            self.select_project(submission_id)  # an undo shows the project it changes
        try:
            review = change(self.desk)
        except DeskRefused as refused:
            self.statusBar().showMessage(refusal_text(refused), 10000)
            return
        self._changed(review)

    def _changed(self, review: ProjectReview) -> None:
        """A recorded change: update the sheet, the list row and the counts from memory."""
        if self.desk is None:
            return
        project = next(
            (p for p in self.projects.all_items() if p.submission_id == review.submission_id),
            None,
        )
        if project is None:
            return
        updated = with_review(project, review)
        self.projects.replace_item(updated)
        if self._current is not None and self._current.submission_id == review.submission_id:
            self._current = updated
            self._show_review(review, reload_comment=False)
        self.categories.update_counts(self.desk.categories(self.projects.all_items()))
        self._update_progress()

    def _comment_typed(self) -> None:
        self._comment_timer.start()

    def save_comment(self) -> None:
        self._comment_timer.stop()
        if self.desk is None or self._current is None or self._review is None:
            return
        text = self.comment.toPlainText()
        if text != self._review.comment:
            self._review = self.desk.set_comment(self._current.submission_id, text)
            self.statusBar().showMessage(self.tr("Comment saved"), 3000)

    def _confidence_changed(self, _index: int) -> None:
        if self.desk is None or self._current is None:
            return
        value = self.confidence.currentData()
        self._changed(self.desk.set_confidence(self._current.submission_id, value))

    def _conflict_clicked(self) -> None:
        if self._review is None:
            return
        self.declare_conflict(not self._review.conflict_declared, ask=True)

    def declare_conflict(self, declared: bool, *, ask: bool) -> bool:
        if self.desk is None or self._current is None:
            return False
        if ask:
            question = (
                self.tr(
                    "Declare a conflict of interest with project {id}? Its scores will be "
                    "cleared and locked; it will not count in your share of the ranking."
                )
                if declared
                else self.tr("Withdraw the conflict declaration on project {id}?")
            ).format(id=self._current.submission_id)
            answer = QMessageBox.question(
                self,
                self.tr("Conflict of interest"),
                question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.save_comment()
        review = self.desk.declare_conflict(self._current.submission_id, declared)
        # The cleared scores are not undoable one by one: the stack would undo into a lock.
        self.undo_stack.clear()
        self._changed(review)
        return True

    # --- moving --------------------------------------------------------------------------
    def go_unfinished(self, step: int) -> bool:
        """Next (1) or previous (-1) project not done, in the list's order, else any."""
        current = self._current.submission_id if self._current else None
        target = next_unfinished(self.projects.visible_items(), current, step)
        if target is None:
            target = next_unfinished(self.projects.all_items(), current, step)
        if target is None:
            self.statusBar().showMessage(self.tr("Every project is done."), 8000)
            return False
        self.select_project(target.submission_id)
        return True

    def finish_project(self) -> None:
        """Ctrl+Enter: keep what is recorded, open the next unscored project on the sheet."""
        self.save_comment()
        left = self._current
        if self.go_unfinished(1):
            self.focus_sheet()
        if left is not None and not left.done:
            self.statusBar().showMessage(
                self.tr("Project {id} left with {n} of {total} criteria scored").format(
                    id=left.submission_id, n=left.scored, total=left.criteria
                ),
                8000,
            )

    def focus_sheet(self) -> None:
        self.sheet.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _update_progress(self) -> None:
        done, total = progress(self.projects.all_items())
        self.progress_label.setText(
            self.tr("{done} of {total} projects done").format(done=done, total=total)
        )
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)

    # --- geometry ------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        if str(self._settings.value("desk/settings_version", 0)) != str(SETTINGS_VERSION):
            resize_within_screen(self, 1460, 900)
            return
        for key, restore in (
            ("desk/geometry", self.restoreGeometry),
            ("desk/splitter", self.splitter.restoreState),
            ("desk/left_splitter", self.left_splitter.restoreState),
        ):
            value = self._settings.value(key)
            if value is not None:
                restore(value)
        self._restored_layout = self._settings.value("desk/left_splitter") is not None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.files.stop()
        self._settings.setValue("desk/settings_version", SETTINGS_VERSION)
        self._settings.setValue("desk/geometry", self.saveGeometry())
        self._settings.setValue("desk/splitter", self.splitter.saveState())
        self._settings.setValue("desk/left_splitter", self.left_splitter.saveState())
        self._close_workspace()
        super().closeEvent(event)

    # --- language ------------------------------------------------------------------------
    def reopen_in(self, language: str) -> DeskWindow:
        """This desk rebuilt in another language: same workspace, expert, project, filters
        and layout (closing records the project shown; the new window returns to it)."""
        location = self._workspace.location if self._workspace is not None else None
        expert = self.desk.expert_code if self.desk is not None else None
        category, kind = self.category_view.currentIndex().row(), self.filter_box.currentIndex()
        text = self.search.text()
        self.close()
        window = DeskWindow(self._settings, language)
        if location is not None and expert is not None and window.open_desk(location, expert):
            window.category_view.setCurrentIndex(window.categories.index(max(category, 0), 0))
            window.filter_box.setCurrentIndex(kind)
            window.search.setText(text)
            shown = self._current.submission_id if self._current is not None else None
            if shown is not None:
                window.select_project(shown)
        window.show()
        return window
