"""File > Open package… and File > Export scores…: the file dialogs (remembering their
folders), the work in a worker thread with a progress dialog and Cancel, and the result
(the shared part is file_tasks.FileTasks).

The file dialogs are attributes (`choose_package`, `choose_export`) so a test can answer
them with a path, as a person would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from panel_app.ui.catalogue import round_name
from panel_app.ui.file_tasks import FileTasks
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.workers import TaskWorker

# panel_app.workflow.review.expert_workbook is imported when a package is opened or exported: it
# brings the workbook library, which a desk that only scores never needs (the cold start).
from panel_app.workflow.workspace import WorkspaceLocation

PACKAGE_DIR_KEY = "dialogs/package_dir"
EXPORT_DIR_KEY = "dialogs/export_dir"

# (parent, title, folder or suggested file) -> the chosen path, "" when the person cancels
ChooseFile = Callable[[QWidget, str, str], str]


def _workbooks() -> str:
    return QCoreApplication.translate("PackageFiles", "Review workbooks (*.xlsx)")


def _ask_open(parent: QWidget, title: str, start: str) -> str:
    name, _ = QFileDialog.getOpenFileName(parent, title, start, _workbooks())
    return name


def _ask_save(parent: QWidget, title: str, start: str) -> str:
    name, _ = QFileDialog.getSaveFileName(parent, title, start, _workbooks())
    return name


class PackageFiles(FileTasks):
    """The two menu commands of the expert's side, for the window that holds them."""

    opened = Signal(object, object)  # WorkspaceLocation, OpenedPackage
    exported = Signal(object)  # ExportedScores

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        target: Callable[[], WorkspaceLocation],
        before_export: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(window, settings)
        self._target = target  # where a package goes, and where scores are exported from
        self._before_export = before_export
        self.choose_package: ChooseFile = _ask_open
        self.choose_export: ChooseFile = _ask_save
        self.expert_code = ""  # names the suggested export file
        self.has_package = True  # a package was opened in the workspace: scores go back

        self.open_action = QAction(self.tr("Open &package…"), window)
        self.open_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_action.setStatusTip(
            self.tr("Load the review package the chair sent you, to score its projects")
        )
        self.open_action.triggered.connect(self.choose_and_open)
        self.export_action = QAction(self.tr("&Export scores…"), window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setStatusTip(
            self.tr("Write your scores to a signed workbook to send to the chair")
        )
        self.export_action.triggered.connect(self.choose_and_export)
        for action in (self.open_action, self.export_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._set_enabled(True)

    # --- open ----------------------------------------------------------------------------
    def choose_and_open(self) -> TaskWorker | None:
        start = start_folder(self._settings, PACKAGE_DIR_KEY)
        name = self.choose_package(self._window, self.tr("Open review package"), start)
        if not name:
            return None
        remember_folder(self._settings, PACKAGE_DIR_KEY, str(Path(name).parent))
        return self.start_open(Path(name))

    def start_open(self, path: Path) -> TaskWorker | None:
        location = self._target()

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from panel_app.workflow.review.expert_workbook import open_package

            result = open_package(location, path, progress=progress, cancelled=cancelled)
            return location, result

        return self._start(
            task,
            self.tr("Opening {file}…").format(file=path.name),
            self.tr("Open review package"),
            self._open_succeeded,
            self.tr(
                "The package was not opened; nothing was changed. Correct the file, or ask "
                "the chair for a new one, and open it again."
            ),
            self.tr("Opening cancelled; nothing was changed"),
        )

    def _open_succeeded(self, outcome: object) -> None:
        assert isinstance(outcome, tuple)
        location, result = outcome
        from panel_app.workflow.review.expert_workbook import OpenedPackage

        assert isinstance(location, WorkspaceLocation) and isinstance(result, OpenedPackage)
        self.opened.emit(location, result)
        text = self.tr(
            "Opened the {round} package of expert {expert}: {projects} projects loaded "
            "({added} new to this workspace), {reviews} scored reviews taken from the workbook."
        ).format(
            round=round_name(result.round),
            expert=result.expert_code,
            projects=result.projects,
            added=result.added,
            reviews=result.reviews,
        )
        self._tell(
            self.tr("Package opened"),
            text,
            self.tr("Workspace: {workspace}").format(workspace=result.workspace),
        )

    # --- export --------------------------------------------------------------------------
    def choose_and_export(self) -> TaskWorker | None:
        folder = start_folder(self._settings, EXPORT_DIR_KEY)
        suggested = str(Path(folder) / f"{self.expert_code or 'my'}-scores.xlsx")
        name = self.choose_export(self._window, self.tr("Export scores"), suggested)
        if not name:
            return None
        from panel_app.workflow.review.expert_workbook import scored_workbook_path

        path = scored_workbook_path(name)
        remember_folder(self._settings, EXPORT_DIR_KEY, str(path.parent))
        return self.start_export(path)

    def start_export(self, out: Path) -> TaskWorker | None:
        self._before_export()  # e.g. the comment being typed, recorded first
        location = self._target()

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from panel_app.workflow.review.expert_workbook import export_scores_at

            return export_scores_at(location, out, progress=progress, cancelled=cancelled)

        return self._start(
            task,
            self.tr("Writing {file}…").format(file=out.name),
            self.tr("Export scores"),
            self._export_succeeded,
            self.tr("The scores were not exported; nothing was written."),
            self.tr("Export cancelled; nothing was written"),
        )

    def _export_succeeded(self, result: object) -> None:
        from panel_app.workflow.review.expert_workbook import ExportedScores

        assert isinstance(result, ExportedScores)
        self.exported.emit(result)
        text = self.tr(
            "Wrote {file}, revision {revision}, signed: {scored} of {projects} projects "
            "scored, {unscored} not yet scored, {conflicts} with a conflict of interest "
            "declared."
        ).format(
            file=result.path.name,
            revision=result.revision,
            scored=result.scored,
            projects=result.projects,
            unscored=result.unscored,
            conflicts=result.conflicts,
        )
        self._tell(
            self.tr("Scores exported"),
            text,
            self.tr("Saved in {folder}. Send this file to the chair.").format(
                folder=result.path.parent
            ),
        )

    def _set_enabled(self, enabled: bool) -> None:
        self.open_action.setEnabled(enabled)
        self.export_action.setEnabled(enabled and bool(self.expert_code) and self.has_package)

    def set_expert(self, code: str, *, has_package: bool = True) -> None:
        """The expert whose desk is open ("" for none): export needs one, and a package
        opened in this workspace (a chair's workspace opened at a desk has none: its
        reviews are merged there already)."""
        self.expert_code = code
        self.has_package = has_package
        self.export_action.setStatusTip(
            self.tr("Write your scores to a signed workbook to send to the chair")
            if has_package
            else self.tr(
                "No package was opened in this workspace: open the one your chair sent "
                "(File > Open package…) to score it and send the scores back"
            )
        )
        self._set_enabled(not self.busy)
