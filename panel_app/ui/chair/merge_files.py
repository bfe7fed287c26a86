"""File > Merge scored workbooks… in the chair's window: the workbooks the experts sent
back, chosen together (the dialog remembers their folder), merged one by one in a worker
thread (workflow.merge.merge_workbooks_at, as `panel-app merge` does), and the run's
result: what each file brought, and each refused file with its located problems.

`choose_workbooks` is an attribute so a test can answer the dialog with paths.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from panel_app.ui.catalogue import refusal_text
from panel_app.ui.file_tasks import WorkspaceFileTasks
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.workers import TaskWorker
from panel_app.workflow.workspace import WorkspaceLocation

MERGE_DIR_KEY = "dialogs/merge_dir"

# (parent, title, folder) -> the chosen paths, none when the person cancels
ChooseFiles = Callable[[QWidget, str, str], list[str]]


class MergeFiles(WorkspaceFileTasks):
    merged = Signal(object)  # the MergeRun, once it is over

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        target: Callable[[], WorkspaceLocation | None],
    ) -> None:
        super().__init__(window, settings, target)
        self.choose_workbooks: ChooseFiles = self._ask
        self.merge_action = QAction(self.tr("&Merge scored workbooks…"), window)
        self.merge_action.setShortcut(QKeySequence("Ctrl+M"))
        self.merge_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.merge_action.setStatusTip(
            self.tr("Merge the scored workbooks the experts sent back into this workspace")
        )
        self.merge_action.triggered.connect(self.choose_and_merge)
        self.actions = [self.merge_action]
        self.update_enabled()

    def _ask(self, parent: QWidget, title: str, start: str) -> list[str]:
        names, _ = QFileDialog.getOpenFileNames(
            parent, title, start, self.tr("Review workbooks (*.xlsx)")
        )
        return names

    def choose_and_merge(self) -> TaskWorker | None:
        start = start_folder(self._settings, MERGE_DIR_KEY)
        names = self.choose_workbooks(self._window, self.tr("Merge scored workbooks"), start)
        if not names:
            return None
        remember_folder(self._settings, MERGE_DIR_KEY, str(Path(names[0]).parent))
        return self.start_merge([Path(name) for name in names])

    def start_merge(self, paths: list[Path]) -> TaskWorker | None:
        location = self._target()
        if location is None:
            return None

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from panel_app.workflow.review.merge import merge_workbooks_at

            return merge_workbooks_at(location, paths, progress=progress, cancelled=cancelled)

        return self._start(
            task,
            self.tr("Merging {count} workbooks…").format(count=len(paths)),
            self.tr("Merge scored workbooks"),
            self._merge_done,
            self.tr("The workbooks were not merged; nothing was changed."),
        )

    def _merge_done(self, outcome: object) -> None:
        from panel_app.workflow.review.merge import MergeRun

        assert isinstance(outcome, MergeRun)
        run = outcome
        self.merged.emit(run)
        added, updated, same = run.totals()
        text = self.tr(
            "Merged {merged} of {chosen} workbooks: {added} reviews added, {updated} "
            "updated, {same} unchanged."
        ).format(
            merged=len(run.merged),
            chosen=run.chosen,
            added=added,
            updated=updated,
            same=same,
        )
        if run.refused:
            text += " " + self.tr(
                "{refused} refused; nothing from a refused workbook was merged."
            ).format(refused=len(run.refused))
        if run.cancelled:
            text += " " + self.tr(
                "Cancelled before {left} workbooks; the ones merged stay merged, each whole."
            ).format(left=run.chosen - len(run.outcomes))
        lines = [self._line(o.result) for o in run.outcomes if o.result is not None]
        for refused in run.refused:
            assert refused.refusal is not None
            lines.append(refusal_text(refused.refusal))
        self._window.statusBar().showMessage(text, 15000)
        icon = QMessageBox.Icon.Warning if run.refused else QMessageBox.Icon.Information
        self._show_report(icon, self.tr("Merge scored workbooks"), text, "\n".join(lines))

    def _line(self, result: object) -> str:
        from panel_app.workflow.review.merge import SIGNED, MergeResult

        assert isinstance(result, MergeResult)
        origin = (
            self.tr("signed by the app")
            if result.origin == SIGNED
            else self.tr("edited outside the app")
        )
        if result.unchanged:
            return self.tr(
                "{file}: expert {expert}, revision {revision}, {origin}: merged already, "
                "nothing changed."
            ).format(
                file=result.file, expert=result.expert_code, revision=result.revision, origin=origin
            )
        line = self.tr(
            "{file}: expert {expert}, revision {revision}, {origin}: {added} added, "
            "{updated} updated, {same} unchanged."
        ).format(
            file=result.file,
            expert=result.expert_code,
            revision=result.revision,
            origin=origin,
            added=result.added,
            updated=result.updated,
            same=result.same,
        )
        if result.readable_key:
            line += " " + self.tr(
                "Signed with a key from an earlier version, which its package holds "
                "readable: counted as edited outside the app. Write the packages again and "
                "send the expert the new one."
            )
        if result.missing:
            line += " " + self.tr("No row for {count} of the expert's projects: {ids}.").format(
                count=len(result.missing), ids=", ".join(result.missing)
            )
        return line
