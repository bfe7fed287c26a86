"""File > Import public vote… in the chair's window: the platform's vote export (raw votes
or a tally, .csv or .xlsx) audited against the frozen nominee list in a worker thread
(workflow.votes.import_votes_at, as `panel-app import-votes` does), with progress and
Cancel (a cancel writes nothing), and the audit in words: votes read, valid and rejected
by reason, the finalists of each category and any tie the chair must decide.

`choose_file` is an attribute so a test can answer the dialog with a path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from panel_app.ui.catalogue import vote_reason
from panel_app.ui.file_tasks import WorkspaceFileTasks
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.workers import TaskWorker
from panel_app.workflow.workspace import WorkspaceLocation

VOTES_DIR_KEY = "dialogs/votes_dir"

# (parent, title, folder) -> the chosen path, "" when the person cancels
ChooseFile = Callable[[QWidget, str, str], str]


class VoteFiles(WorkspaceFileTasks):
    imported = Signal(object)  # the VoteImportResult

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        target: Callable[[], WorkspaceLocation | None],
    ) -> None:
        super().__init__(window, settings, target)
        self.choose_file: ChooseFile = self._ask
        self.import_action = QAction(self.tr("Import public &vote…"), window)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.import_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.import_action.setStatusTip(
            self.tr("Audit the platform's vote export against the frozen nominee list")
        )
        self.import_action.triggered.connect(self.choose_and_import)
        self.actions = [self.import_action]
        self.update_enabled()

    def _ask(self, parent: QWidget, title: str, start: str) -> str:
        name, _ = QFileDialog.getOpenFileName(
            parent, title, start, self.tr("Vote exports (*.csv *.xlsx)")
        )
        return name

    def choose_and_import(self) -> TaskWorker | None:
        start = start_folder(self._settings, VOTES_DIR_KEY)
        name = self.choose_file(self._window, self.tr("Import public vote"), start)
        if not name:
            return None
        remember_folder(self._settings, VOTES_DIR_KEY, str(Path(name).parent))
        return self.start_import(Path(name))

    def start_import(self, path: Path) -> TaskWorker | None:
        location = self._target()
        if location is None:
            return None

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from panel_app.workflow.vote.public_vote import import_votes_at

            return import_votes_at(location, path, progress=progress, cancelled=cancelled)

        return self._start(
            task,
            self.tr("Auditing {file}…").format(file=path.name),
            self.tr("Import public vote"),
            self._imported,
            self.tr("The vote was not imported; nothing was changed."),
            self.tr("Vote import cancelled; nothing was changed"),
        )

    def _imported(self, outcome: object) -> None:
        from panel_app.workflow.vote.public_vote import VoteImportResult, rejections_in_words

        assert isinstance(outcome, VoteImportResult)
        result, audit = outcome, outcome.audit
        self.imported.emit(result)
        kind = self.tr("raw votes") if audit.kind == "raw" else self.tr("a tally")
        text = self.tr(
            "Imported {file} ({kind}): {read} votes read, {valid} valid, {rejected} rejected."
        ).format(
            file=result.file,
            kind=kind,
            read=f"{audit.votes_read:,}",
            valid=f"{audit.valid:,}",
            rejected=f"{audit.rejected_total:,}",
        )
        if not result.changed:
            text += " " + self.tr(
                "Nothing changed: this file was imported already against the same frozen "
                "nominee list."
            )
        elif result.replaced is not None:
            text += " " + self.tr("It replaces the vote import of {file}.").format(
                file=result.replaced
            )
        if audit.ties:
            text += " " + self.tr(
                "{count} categories have a tie for the last finalist's place: the chair decides."
            ).format(count=len(audit.ties))
        lines = []
        if audit.rejected_total:
            lines.append(self.tr("Rejected, by reason:"))
            lines += [
                f"  {vote_reason(reason)}: {count:,}"
                for reason, count in rejections_in_words(audit).items()
            ]
            lines.append("")
        lines.append(
            self.tr("Finalists per category (the top {count} by valid votes):").format(
                count=audit.finalists_per_category
            )
        )
        votes = audit.valid_votes()
        none = self.tr("none")
        for outcome_ in audit.categories:
            shown = ", ".join(f"{sid} ({votes[sid]:,})" for sid in outcome_.finalists)
            lines.append(f"  {outcome_.category_key}: {shown or none}")
            if outcome_.tied:
                tied = ", ".join(f"{sid} ({votes[sid]:,})" for sid in outcome_.tied)
                lines.append(
                    "    "
                    + self.tr("tied for {places} open place(s): {projects}").format(
                        places=outcome_.open_places, projects=tied
                    )
                )
        self._window.statusBar().showMessage(text, 15000)
        icon = QMessageBox.Icon.Warning if audit.ties else QMessageBox.Icon.Information
        self._show_report(icon, self.tr("Import public vote"), text, "\n".join(lines))
