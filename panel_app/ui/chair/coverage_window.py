"""Who has returned what, and whom to chase (Panel > Coverage…): each expert's reviews
returned of those assigned, the last workbook merged from them, and the projects still
missing a review with the experts who owe it; the experts who owe the most first, with
their e-mail addresses to copy. The same figures as `panel-app coverage` and the status
bar (workflow.overview.returned_reviews)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QComboBox, QSplitter, QTableView, QTabWidget, QTextBrowser, QWidget

from panel_app.ui.catalogue import merge_origin
from panel_app.ui.chair.category_window import CategoryWindow
from panel_app.ui.chair.panel_window import RowsModel
from panel_app.ui.screen import resize_within_screen
from panel_app.workflow.changes import Touched
from panel_app.workflow.workspace import WorkspaceLocation

if TYPE_CHECKING:
    from panel_app.workflow.review.merge import Coverage, ExpertCoverage

ALL = ""


class CoverageWindow(CategoryWindow):
    FOLLOWS = Touched.PANEL | Touched.REVIEWS

    def __init__(
        self, settings: QSettings, location: WorkspaceLocation, parent: QWidget | None = None
    ) -> None:
        super().__init__(settings, location, parent)
        self.setObjectName("coverageWindow")
        self.coverage: Coverage | None = None
        self.setWindowTitle(self.tr("Coverage — {workspace}").format(workspace=location.display))
        self.state_label.setWordWrap(True)
        self.round = QComboBox()
        self.round.setAccessibleName(self.tr("Round"))
        self.round.addItem(self.tr("Nomination round"), "nomination")
        self.round.addItem(self.tr("Final round"), "final")
        self.round.currentIndexChanged.connect(lambda _i: self.refresh())
        self.experts = RowsModel(
            (self.tr("Expert"), self.tr("Name"), self.tr("Returned"), self.tr("Assigned"),
             self.tr("Missing"), self.tr("Last workbook merged"), self.tr("E-mail")),
            (2, 3, 4), self,
        )  # fmt: skip
        self.projects = RowsModel(
            (self.tr("ID"), self.tr("Category"), self.tr("Returned"), self.tr("Assigned"),
             self.tr("Owed by")),
            (2, 3), self,
        )  # fmt: skip
        self.expert_table, self.project_table = QTableView(), QTableView()
        for view, model, name in (
            (self.expert_table, self.experts, self.tr("Experts")),
            (self.project_table, self.projects, self.tr("Projects missing a review")),
        ):
            view.setModel(model)
            view.setAccessibleName(name)
            view.verticalHeader().hide()
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
            view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
            view.setWordWrap(False)
            view.horizontalHeader().setStretchLastSection(True)
            view.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        for column, width in enumerate((64, 160, 70, 70, 70, 170)):
            self.expert_table.setColumnWidth(column, width)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.expert_table, self.tr("&Experts"))
        self.tabs.addTab(self.project_table, self.tr("&Projects missing a review"))
        self.tabs.currentChanged.connect(lambda _i: self._show_detail())
        self.detail = QTextBrowser()
        self.detail.setAccessibleName(self.tr("Details"))
        self._lay_out([200, 800, 320], self.detail)
        splitter = self.table.parentWidget()
        assert isinstance(splitter, QSplitter)
        splitter.replaceWidget(1, self.tabs)
        self.table.hide()

        menu = self.menuBar().addMenu(self.tr("&Coverage"))
        self.copy_action = QAction(self.tr("&Copy the e-mail addresses of those who owe"), self)
        self.copy_action.triggered.connect(self.copy_addresses)
        menu.addAction(self.copy_action)
        self.refresh_action = QAction(self.tr("Read &again"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh)
        menu.addAction(self.refresh_action)
        self.menuBar().setCornerWidget(self.round)
        resize_within_screen(self, 1300, 720)
        self._update_actions()
        self.refresh()

    @property
    def round_key(self) -> str:
        return str(self.round.currentData())

    def refresh(self) -> None:
        from panel_app.workflow.review.merge import coverage_at

        round_ = self.round_key
        self._read(
            lambda location: coverage_at(location, round_),
            self.tr("Reading who has returned what…"),
            self.tr("Coverage"),
            self.tr("The coverage could not be read."),
            self._loaded,
        )

    def _loaded(self, outcome: object) -> None:
        from panel_app.workflow.review.merge import Coverage

        assert isinstance(outcome, Coverage)
        self.coverage = outcome
        keys = self.in_edition_order({p.category_key for p in outcome.projects})
        items = [(ALL, self.tr("All categories ({count} missing)").format(
            count=len(outcome.projects)))]  # fmt: skip
        counts = {key: sum(1 for p in outcome.projects if p.category_key == key) for key in keys}
        items += [(key, f"{self.category_label(key)} ({counts[key]})") for key in keys]
        self._fill_categories(items)

    def _owing(self) -> list[ExpertCoverage]:
        """The experts, those who owe the most first (whom to chase)."""
        assert self.coverage is not None
        key = self._category
        missing_here = {
            p.submission_id for p in self.coverage.projects if not key or p.category_key == key
        }
        experts = [e for e in self.coverage.experts if not key or set(e.missing) & missing_here]
        return sorted(experts, key=lambda e: (-len(e.missing), e.expert_code))

    def _show_category(self, row: int) -> None:
        coverage = self.coverage
        if coverage is None or row < 0:
            self._update_actions()
            return
        self._category = self._category_at(row)
        experts = self._owing()
        self.experts.set_rows(
            [e.expert_code for e in experts],
            [
                (e.expert_code, e.name, str(e.returned), str(e.assigned), str(len(e.missing)),
                 self._merged_text(e), e.email)
                for e in experts
            ],
        )  # fmt: skip
        projects = [p for p in coverage.projects if not self._category
                    or p.category_key == self._category]  # fmt: skip
        self.projects.set_rows(
            [p.submission_id for p in projects],
            [
                (p.submission_id, p.category_key, str(p.returned), str(p.assigned),
                 ", ".join(p.missing))
                for p in projects
            ],
        )  # fmt: skip
        owing = sum(1 for e in coverage.experts if e.missing)
        self.state_label.setText(
            self.tr(
                "{returned} of {assigned} reviews returned; {projects} projects missing a "
                "review; {owing} experts owe one. {declined} returned reviews hold no scores "
                "(a declared conflict or an abstention)."
            ).format(
                returned=coverage.returned,
                assigned=coverage.assigned,
                projects=len(coverage.projects),
                owing=owing,
                declined=coverage.declined,
            )
        )
        self._show_detail()

    def _merged_text(self, expert: ExpertCoverage) -> str:
        if expert.revision is None:
            return self.tr("none yet")
        return self.tr("revision {revision} ({origin})").format(
            revision=expert.revision, origin=merge_origin(expert.origin) if expert.origin else "–"
        )

    def _show_detail(self) -> None:
        import html

        e = html.escape
        parts: list[str] = []
        coverage = self.coverage
        if coverage is not None and self.tabs.currentIndex() == 0:
            index = self.expert_table.currentIndex()
            if index.isValid():
                code = self.experts.keys[index.row()]
                expert = next(x for x in coverage.experts if x.expert_code == code)
                heading = f"{expert.expert_code}: {expert.name}"
                owes = self.tr("Owes {count}: {ids}").format(
                    count=len(expert.missing), ids=", ".join(expert.missing) or "–"
                )
                parts = [f"<h3>{e(heading)}</h3>", f"<p>{e(expert.email)}</p>",
                         f"<p>{e(owes)}</p>"]  # fmt: skip
        elif coverage is not None:
            index = self.project_table.currentIndex()
            if index.isValid():
                sid = self.projects.keys[index.row()]
                project = next(p for p in coverage.projects if p.submission_id == sid)
                owed = self.tr("Owed by: {codes}").format(codes=", ".join(project.missing))
                parts = [f"<h3>{e(project.submission_id)}</h3>", f"<p>{e(owed)}</p>"]
        self.detail.setHtml("".join(parts))
        self._update_actions()

    def _update_actions(self) -> None:
        busy = self.loading.busy
        self.copy_action.setEnabled(
            not busy and self.coverage is not None and any(e.missing for e in self._owing())
        )
        self.refresh_action.setEnabled(not busy)

    def addresses(self) -> str:
        """The e-mail addresses of the experts shown who owe a review, one per line."""
        if self.coverage is None:
            return ""
        return "\n".join(
            f"{e.name} <{e.email}>" if e.email else e.name for e in self._owing() if e.missing
        )

    def copy_addresses(self) -> None:
        text = self.addresses()
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(text)
        self.statusBar().showMessage(
            self.tr("Copied {count} addresses.").format(count=len(text.splitlines())), 10000
        )
