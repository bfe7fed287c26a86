"""The expert panel and its assignment in the chair's window (Panel > Experts and
assignment…): the experts list and the past winners imported; the assignment run; each
expert's load and each project's experts; an expert assigned to a project or taken off it
by hand, with a reason; what the last assignment run could not satisfy.

The overview is read in a worker thread; imports and decisions are short workflow calls
on the window's own open workspace (the expert list and the assignment of a year's set take
seconds at most), each refused with its reason and nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QInputDialog,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QWidget,
)

from panel_app.ui.catalogue import refusal_text, workspace_report
from panel_app.ui.chair.category_window import CategoryWindow
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.reason import ask_reason
from panel_app.ui.screen import resize_within_screen
from panel_app.workflow.changes import Touched
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceError, WorkspaceLocation

if TYPE_CHECKING:
    from panel_app.workflow.panel.assignment import ExpertLoad, PanelOverview, ProjectPanel

PANEL_DIR_KEY = "panel/last_dir"  # where the file dialogs start: the last folder used
ALL = ""  # the first line of the categories: every category


class RowsModel(QAbstractTableModel):
    """Rows of values, with headers; numbers right-aligned."""

    def __init__(self, headers: tuple[str, ...], numeric: tuple[int, ...], parent: QWidget) -> None:
        super().__init__(parent)
        self.headers, self.numeric = headers, numeric
        self.rows: list[tuple[str, ...]] = []
        self.keys: list[str] = []  # each row's expert code or project ID

    def set_rows(self, keys: list[str], rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self.keys, self.rows = keys, rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PanelWindow(CategoryWindow):
    # The panel, its assignments and the projects they cover.
    FOLLOWS = Touched.SUBMISSIONS | Touched.FINDINGS | Touched.PANEL | Touched.REVIEWS

    def __init__(
        self, settings: QSettings, location: WorkspaceLocation, parent: QWidget | None = None
    ) -> None:
        super().__init__(settings, location, parent)
        self.setObjectName("panelWindow")
        self._settings = settings
        self.overview: PanelOverview | None = None
        self.setWindowTitle(
            self.tr("Experts and assignment — {workspace}").format(workspace=location.display)
        )
        self.state_label.setWordWrap(True)
        self.round = QComboBox()
        self.round.setAccessibleName(self.tr("Round"))
        self.round.addItem(self.tr("Nomination round"), "nomination")
        self.round.addItem(self.tr("Final round"), "final")
        self.round.currentIndexChanged.connect(lambda _i: self.refresh())
        # The load beside the name: the long texts last, so that on a small screen (1366x768
        # at 150%) scrolling sideways is for them, not for what the assignment gave.
        self.experts = RowsModel(
            (self.tr("Expert"), self.tr("Name"), self.tr("Assigned"), self.tr("Returned"),
             self.tr("Conflicts"), self.tr("Organisation"), self.tr("Categories")),
            (2, 3, 4), self,
        )  # fmt: skip
        self.projects = RowsModel(
            (self.tr("ID"), self.tr("Category"), self.tr("Project title"), self.tr("Experts"),
             self.tr("Experts assigned")),
            (3,), self,
        )  # fmt: skip
        self.expert_table, self.project_table = QTableView(), QTableView()
        for view, model, name in (
            (self.expert_table, self.experts, self.tr("Experts")),
            (self.project_table, self.projects, self.tr("Projects")),
        ):
            view.setModel(model)
            view.setAccessibleName(name)
            view.verticalHeader().hide()
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
            view.setWordWrap(False)
            view.horizontalHeader().setStretchLastSection(True)
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
            view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        for column, width in enumerate((64, 150, 70, 70, 70, 150, 160)):
            self.expert_table.setColumnWidth(column, width)
        for column, width in enumerate((70, 130, 260, 60)):
            self.project_table.setColumnWidth(column, width)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.expert_table, self.tr("&Experts"))
        self.tabs.addTab(self.project_table, self.tr("&Projects"))
        self.tabs.currentChanged.connect(lambda _i: self._show_detail())
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Details"))
        self._lay_out([200, 760, 340], self.detail)
        splitter = self.table.parentWidget()
        assert isinstance(splitter, QSplitter)
        splitter.replaceWidget(1, self.tabs)  # the tabs where the category windows' table is
        self.table.hide()
        self.categories.setAccessibleName(self.tr("Categories"))

        menu = self.menuBar().addMenu(self.tr("&Panel"))
        self.import_experts_action = self._action(
            menu, self.tr("Import the &experts…"), None, self.import_experts
        )
        self.import_winners_action = self._action(
            menu, self.tr("Import the &past winners…"), None, self.import_past_winners
        )
        menu.addSeparator()
        self.assign_action = self._action(
            menu, self.tr("&Assign the experts…"), "Ctrl+Shift+G", self.assign
        )
        self.add_action = self._action(
            menu, self.tr("Assign an expert &to this project…"), None, self.add_by_hand
        )
        self.remove_action = self._action(
            menu, self.tr("Take an expert &off this project…"), None, self.remove_by_hand
        )
        menu.addSeparator()
        self.refresh_action = self._action(menu, self.tr("Read &again"), "F5", self.refresh)
        self.menuBar().setCornerWidget(self.round)
        resize_within_screen(self, 1320, 760)

        # The dialogs: attributes, so a test answers them as a person would.
        self.choose_file: Callable[[str], Path | None] = self._choose_file
        self.ask_reason: Callable[[str, str], str | None] = self._ask_reason
        self.ask_expert: Callable[[str, list[str]], str | None] = self._ask_expert
        self.ask_per_project: Callable[[], int | None] = self._ask_per_project
        self._update_actions()
        self.refresh()

    def _action(
        self, menu: Any, text: str, shortcut: str | None, slot: Callable[[], object]
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda: slot())
        menu.addAction(action)
        return action

    @property
    def round_key(self) -> str:
        return str(self.round.currentData())

    # --- reading -------------------------------------------------------------------------
    def refresh(self) -> None:
        from panel_app.workflow.panel.assignment import panel_overview_at

        round_ = self.round_key
        self._read(
            lambda location: panel_overview_at(location, round_),
            self.tr("Reading the panel…"),
            self.tr("Experts and assignment"),
            self.tr("The panel could not be read."),
            self._loaded,
        )

    def _loaded(self, outcome: object) -> None:
        from panel_app.workflow.panel.assignment import PanelOverview

        assert isinstance(outcome, PanelOverview)
        self.overview = outcome
        keys = self.in_edition_order({p.category_key for p in outcome.projects if p.category_key})
        items = [(ALL, self.tr("All categories ({count})").format(count=len(outcome.projects)))]
        counts = {key: sum(1 for p in outcome.projects if p.category_key == key) for key in keys}
        items += [(key, f"{self.category_label(key)} ({counts[key]})") for key in keys]
        self._fill_categories(items)

    def _show_category(self, row: int) -> None:
        overview = self.overview
        if overview is None or row < 0:
            self._update_actions()
            return
        self._category = self._category_at(row)
        key = self._category
        experts = [e for e in overview.experts if not key or key in e.categories]
        self.experts.set_rows(
            [e.expert_id for e in experts],
            [
                (e.expert_id, e.name, str(e.assigned), str(e.returned), str(e.conflicts),
                 e.organisation, ", ".join(e.categories))
                for e in experts
            ],
        )  # fmt: skip
        projects = [p for p in overview.projects if not key or p.category_key == key]
        self.projects.set_rows(
            [p.submission_id for p in projects],
            [
                (
                    p.submission_id,
                    p.category_key,
                    p.title,
                    str(len(p.experts)),
                    ", ".join(p.experts),
                )
                for p in projects
            ],
        )
        assigned = sum(e.assigned for e in overview.experts)
        returned = sum(e.returned for e in overview.experts)
        lines = [
            self.tr(
                "{experts} experts, {projects} projects in this round; {assigned} assignments, "
                "{returned} reviews returned."
            ).format(
                experts=len(overview.experts),
                projects=len(overview.projects),
                assigned=assigned,
                returned=returned,
            )
        ]
        if overview.unsatisfied:
            lines.append(
                self.tr("The last assignment run could not satisfy {count}:").format(
                    count=len(overview.unsatisfied)
                )
            )
            lines += [f"  {text}" for text in overview.unsatisfied[:8]]
            if len(overview.unsatisfied) > 8:
                lines.append(self.tr("  … and {more} more").format(
                    more=len(overview.unsatisfied) - 8))  # fmt: skip
        self.state_label.setText("\n".join(lines))
        self._show_detail()

    def current_expert(self) -> ExpertLoad | None:
        index = self.expert_table.currentIndex()
        if self.overview is None or not index.isValid():
            return None
        code = self.experts.keys[index.row()]
        return next((e for e in self.overview.experts if e.expert_id == code), None)

    def current_project(self) -> ProjectPanel | None:
        index = self.project_table.currentIndex()
        if self.overview is None or not index.isValid():
            return None
        sid = self.projects.keys[index.row()]
        return next((p for p in self.overview.projects if p.submission_id == sid), None)

    def _show_detail(self) -> None:
        import html

        e = html.escape
        parts: list[str] = []
        if self.tabs.currentIndex() == 0:
            expert = self.current_expert()
            if expert is not None:
                heading = self.tr("{code}: {name}").format(code=expert.expert_id, name=expert.name)
                load = self.tr("{assigned} projects assigned, {returned} reviews returned").format(
                    assigned=expert.assigned, returned=expert.returned
                )
                parts = [
                    f"<h3>{e(heading)}</h3>",
                    f"<p>{e(load)}</p>",
                    f"<p>{e(', '.join(expert.projects))}</p>",
                ]
        else:
            project = self.current_project()
            if project is not None:
                heading = f"{project.submission_id} · {project.title}"
                experts = self.tr("Experts: {codes}").format(
                    codes=", ".join(project.experts) or "–"
                )
                parts = [
                    f"<h3>{e(heading)}</h3>",
                    f"<p>{e(project.category_key)}</p>",
                    f"<p>{e(experts)}</p>",
                ]
                if not project.eligible:
                    ineligible = self.tr("An open ineligibility finding: not assigned by a run.")
                    parts.append(f"<p><b>{e(ineligible)}</b></p>")
        self.detail.setHtml("".join(parts))
        self._update_actions()

    def _update_actions(self) -> None:
        busy = self.loading.busy
        on_projects = self.tabs.currentIndex() == 1
        project = self.current_project() if on_projects else None
        for action in (self.import_experts_action, self.import_winners_action, self.assign_action):
            action.setEnabled(not busy)
        self.add_action.setEnabled(not busy and project is not None)
        self.remove_action.setEnabled(not busy and project is not None and bool(project.experts))
        self.refresh_action.setEnabled(not busy)

    # --- the dialogs ---------------------------------------------------------------------
    def _choose_file(self, title: str) -> Path | None:
        start = start_folder(self._settings, PANEL_DIR_KEY)
        name, _ = QFileDialog.getOpenFileName(self, title, start, self.tr("Lists (*.xlsx *.csv)"))
        if not name:
            return None
        remember_folder(self._settings, PANEL_DIR_KEY, str(Path(name).parent))
        return Path(name)

    def _ask_reason(self, title: str, label: str) -> str | None:
        return ask_reason(self, title, label)

    def _ask_expert(self, title: str, codes: list[str]) -> str | None:
        text, ok = QInputDialog.getItem(self, title, self.tr("Expert:"), codes, 0, False)
        return text if ok and text else None

    def _ask_per_project(self) -> int | None:
        value, ok = QInputDialog.getInt(
            self,
            self.tr("Assign the experts"),
            self.tr("Experts per project (the ones already assigned are kept):"),
            3,
            1,
            20,
        )
        return value if ok else None

    # --- the chair's commands ------------------------------------------------------------
    def import_experts(self) -> None:
        from panel_app.workflow.panel.experts import import_experts

        path = self.choose_file(self.tr("Import the experts"))
        if path is not None:
            self._run(
                self.tr("Experts not imported"),
                lambda ws: import_experts(ws, path),
                lambda r: self.tr(
                    "Imported {file}: {read} experts read, {added} added, {updated} updated, "
                    "{unchanged} unchanged."
                ).format(
                    file=r.file,
                    read=r.experts_read,
                    added=r.added,
                    updated=r.updated,
                    unchanged=r.unchanged,
                ),
            )

    def import_past_winners(self) -> None:
        from panel_app.workflow.intake.checks import run_checks
        from panel_app.workflow.intake.past_winners import import_past_winners

        path = self.choose_file(self.tr("Import the past winners"))
        if path is None:
            return

        def act(ws: OpenWorkspace) -> object:
            result = import_past_winners(ws, path)
            run_checks(ws)  # rule 11 now has its list
            return result

        self._run(
            self.tr("Past winners not imported"),
            act,
            lambda r: self.tr(
                "Imported {file}: {added} past winners added, {unchanged} already known; "
                "{total} in all. The rule checks ran again."
            ).format(file=r.file, added=r.added, unchanged=r.unchanged, total=r.total),
        )

    def assign(self) -> None:
        from panel_app.workflow.panel.assignment import assign_experts

        per_project = 0 if self.round_key == "final" else self.ask_per_project()
        if per_project is None:
            return
        round_ = self.round_key
        self._run(
            self.tr("Experts not assigned"),
            lambda ws: assign_experts(ws, per_project=per_project or 1, round_=round_),
            lambda r: self.tr(
                "{added} assignments added, {kept} kept; {problems} could not be satisfied."
            ).format(added=r.added, kept=r.kept, problems=len(r.problems)),
        )

    def add_by_hand(self) -> None:
        from panel_app.workflow.panel.assignment import add_assignment

        project = self.current_project()
        if project is None or self.overview is None:
            return
        codes = [e.expert_id for e in self.overview.experts if e.expert_id not in project.experts]
        code = self.ask_expert(self.tr("Assign an expert to {id}").format(
            id=project.submission_id), codes)  # fmt: skip
        if code is None:
            return
        reason = self.ask_reason(
            self.tr("Assign by hand"),
            self.tr("Why does {code} review {id}?").format(code=code, id=project.submission_id),
        )
        if reason is None:
            return
        round_, seen = self.round_key, self.overview.position
        self._run(
            self.tr("Not assigned"),
            lambda ws: add_assignment(
                ws, code, project.submission_id, reason=reason, round_=round_, seen=seen
            ),
            lambda r: " ".join(
                [
                    self.tr("{code} reviews {id}.").format(code=r.expert_id, id=r.submission_id),
                    *r.warnings,
                ]
            ),
        )

    def remove_by_hand(self) -> None:
        from panel_app.workflow.panel.assignment import remove_assignment

        project = self.current_project()
        if project is None or self.overview is None or not project.experts:
            return
        code = self.ask_expert(self.tr("Take an expert off {id}").format(
            id=project.submission_id), list(project.experts))  # fmt: skip
        if code is None:
            return
        reason = self.ask_reason(
            self.tr("Take off by hand"),
            self.tr("Why does {code} no longer review {id}?").format(
                code=code, id=project.submission_id
            ),
        )
        if reason is None:
            return
        round_, seen = self.round_key, self.overview.position
        self._run(
            self.tr("Not taken off"),
            lambda ws: remove_assignment(
                ws, code, project.submission_id, reason=reason, round_=round_, seen=seen
            ),
            lambda r: self.tr("{code} no longer reviews {id}.").format(
                code=r.expert_id, id=r.submission_id
            ),
        )

    def _run(
        self,
        title: str,
        act: Callable[[OpenWorkspace], Any],
        said: Callable[[Any], str],
    ) -> None:
        """One command on the window's connection; a refusal says why, nothing changed."""
        from panel_app.problems import InputRefused
        from panel_app.workflow.handover import ChecksPending
        from panel_app.workflow.panel.assignment import AssignmentRefused
        from panel_app.workflow.record import StaleView

        if self._workspace is None:
            return
        try:
            result = act(self._workspace)
        except InputRefused as refused:
            self._refuse(title, refusal_text(refused))
            return
        except (AssignmentRefused, StaleView, ChecksPending) as refused:
            self._refuse(title, refusal_text(refused))
            if isinstance(refused, StaleView):
                self.refresh()
            return
        except WorkspaceError as error:
            self._refuse(title, workspace_report(error))
            return
        self.statusBar().showMessage(said(result), 20000)
        self.refresh()
        self.decided.emit(result)
