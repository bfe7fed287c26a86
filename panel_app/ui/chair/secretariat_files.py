"""File > Export for the secretariat: the nominee list, the finalists, the winners and
champions, each as an Excel workbook, CSV or a PDF report (by the file type chosen), in a
worker thread (workflow.secretariat), with what was written said in words.

`choose_file` is an attribute so a test can answer the save dialog with a path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QWidget

from panel_app.ui.file_tasks import WorkspaceFileTasks
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.workers import TaskWorker
from panel_app.workflow.workspace import WorkspaceLocation

SECRETARIAT_DIR_KEY = "dialogs/secretariat_dir"

# (parent, title, suggested file) -> the chosen path, "" when the person cancels
ChooseFile = Callable[[QWidget, str, str], str]

# The suffix each file type of the dialog adds to a name typed without one.
_SUFFIXES = (".xlsx", ".csv", ".pdf")


class SecretariatFiles(WorkspaceFileTasks):
    exported = Signal(object)  # the SecretariatExport

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        target: Callable[[], WorkspaceLocation | None],
    ) -> None:
        super().__init__(window, settings, target)
        self.choose_file: ChooseFile = self._ask
        self.menu = QMenu(self.tr("Export for the &secretariat"), window)
        self.by_kind: dict[str, QAction] = {}
        for kind, text, tip in (
            (
                "nominees",
                self.tr("&Nominee list…"),
                self.tr("The frozen nominee list (or the proposal, until it is frozen)"),
            ),
            (
                "finalists",
                self.tr("&Finalists…"),
                self.tr("The finalists of the public vote, with the vote audit"),
            ),
            (
                "results",
                self.tr("&Winners and champions…"),
                self.tr("The winner and champions of each category, with the reasons"),
            ),
        ):
            action = self.menu.addAction(text)
            action.setStatusTip(tip)
            action.triggered.connect(lambda _checked=False, k=kind: self.choose_and_export(k))
            self.by_kind[kind] = action
        self.actions = list(self.by_kind.values())
        self.update_enabled()

    def _ask(self, parent: QWidget, title: str, start: str) -> str:
        types = [
            self.tr("Excel workbook (*.xlsx)"),
            self.tr("CSV, UTF-8 (*.csv)"),
            self.tr("PDF report (*.pdf)"),
        ]
        name, chosen = QFileDialog.getSaveFileName(parent, title, start, ";;".join(types))
        if name and Path(name).suffix.lower() not in _SUFFIXES:
            name += _SUFFIXES[types.index(chosen)] if chosen in types else _SUFFIXES[0]
        return name

    def _heading(self, kind: str) -> str:
        return {
            "nominees": self.tr("Export the nominee list"),
            "finalists": self.tr("Export the finalists"),
            "results": self.tr("Export the winners and champions"),
        }[kind]

    def choose_and_export(self, kind: str) -> TaskWorker | None:
        folder = Path(start_folder(self._settings, SECRETARIAT_DIR_KEY))
        name = self.choose_file(self._window, self._heading(kind), str(folder / f"{kind}.xlsx"))
        if not name:
            return None
        path = Path(name)
        remember_folder(self._settings, SECRETARIAT_DIR_KEY, str(path.parent))
        return self.start_export(kind, path)

    def start_export(self, kind: str, out: Path) -> TaskWorker | None:
        location = self._target()
        if location is None:
            return None

        def task(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> object:
            from panel_app.workflow.secretariat.exports import export_for_secretariat

            return export_for_secretariat(location, kind, out)

        return self._start(
            task,
            self.tr("Writing {file}…").format(file=out.name),
            self._heading(kind),
            self._export_done,
            self.tr("Nothing was written."),
        )

    def _export_done(self, outcome: object) -> None:
        from panel_app.workflow.secretariat.exports import SecretariatExport

        assert isinstance(outcome, SecretariatExport)
        result = outcome
        self.exported.emit(result)
        file = result.path.name
        if result.kind == "nominees":
            state = (
                self.tr("the frozen list")
                if result.frozen
                else self.tr("a proposal: the list is not frozen yet")
            )
            text = self.tr("Wrote the nominee list to {file}: {rows} nominees, {state}.").format(
                file=file, rows=result.rows, state=state
            )
        elif result.kind == "finalists":
            text = self.tr("Wrote the finalists to {file}: {rows} finalists.").format(
                file=file, rows=result.rows
            )
            if result.tied:
                text += " " + self.tr(
                    "{tied} projects tied for a last place are listed, not decided."
                ).format(tied=result.tied)
        else:
            text = self.tr("Wrote the winners and champions to {file}: {rows} rows.").format(
                file=file, rows=result.rows
            )
            if result.without_selection:
                text += " " + self.tr("No selection yet in {count} categories.").format(
                    count=len(result.without_selection)
                )
        more = [self.tr("Saved in {folder}.").format(folder=result.path.parent)]
        more += list(result.warnings)
        if result.without_selection:
            more.append(", ".join(result.without_selection))
        self._tell(self._heading(result.kind), text, "\n".join(more))
