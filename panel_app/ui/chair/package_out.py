"""File > Write review packages in the chair's window: one review workbook per expert with
assignments in the round (nomination or final), into a folder the chair picks, in a worker
thread (workflow.packages.write_packages_at, as `panel-app packages` does), with what was
written said in words.

Each package is written in its expert's language (the expert list's Language column); the
dialog asks the folder and the language of the packages of experts the list gives none (as
`panel-app packages --language`), says how many those are, and remembers both.

`choose_options` and `choose_folder` are attributes so a test can answer the dialogs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from panel_app import i18n
from panel_app.ui.catalogue import round_name
from panel_app.ui.file_tasks import WorkspaceFileTasks
from panel_app.ui.folders import remember_folder, start_folder
from panel_app.ui.workers import TaskWorker
from panel_app.workflow.workspace import WorkspaceError, WorkspaceLocation, open_workspace

PACKAGES_DIR_KEY = "dialogs/packages_dir"
PACKAGES_LANGUAGE_KEY = "dialogs/packages_language"

# (parent, title, folder) -> the chosen folder, "" when the person cancels
ChooseFolder = Callable[[QWidget, str, str], str]


@dataclass(frozen=True)
class PackageOptions:
    folder: Path
    language: str  # for the experts the expert list gives no language


# round -> the options chosen, None when the person cancels
ChooseOptions = Callable[[str], "PackageOptions | None"]


class PackagesDialog(QDialog):
    """The folder, and the language of the packages of experts without one of their own."""

    def __init__(
        self,
        round_key: str,
        folder: str,
        language: str,
        languages: Mapping[str | None, int] | None,
        choose_folder: ChooseFolder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._choose_folder = choose_folder
        title = self.tr("Write the {round} packages").format(round=round_name(round_key))
        self.setWindowTitle(title)
        intro = QLabel(
            self.tr(
                "One review workbook per expert with projects in the {round} round, to send "
                "to each."
            ).format(round=round_name(round_key))
        )
        intro.setWordWrap(True)
        self.folder = QLineEdit(folder)
        self.folder.setAccessibleName(self.tr("Folder"))
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language for experts without one"))
        for known in i18n.LANGUAGES:
            self.language.addItem(known.name, known.code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        # What the choice means, said where it is made.
        self.meaning = QLabel(
            self.tr(
                "Each package is written in its expert's language, as the Language column "
                "of the expert list gives it. The language chosen here is for the experts "
                "the list gives none."
            )
        )
        self.meaning.setWordWrap(True)
        self.summary = QLabel(self._summary(languages))
        self.summary.setWordWrap(True)
        form = QFormLayout()
        folder_label = QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder)  # the row holds a layout: its label needs the buddy
        form.addRow(folder_label, folder_row)
        form.addRow(self.tr("&Language for experts without one:"), self.language)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Write packages"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.folder.textChanged.connect(lambda _text: self._update())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.meaning)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._update()

    def options(self) -> PackageOptions:
        return PackageOptions(Path(self.folder.text().strip()), str(self.language.currentData()))

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.folder.text().strip()))  # no folder, nowhere to write

    def _browse(self) -> None:
        chosen = self._choose_folder(self, self.tr("Write the packages to"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _summary(self, languages: Mapping[str | None, int] | None) -> str:
        if languages is None:  # the workspace could not be read: the writing will say why
            return ""
        experts = sum(languages.values())
        if not experts:
            return self.tr("No expert has projects assigned in this round yet.")
        own = {code: n for code, n in languages.items() if code is not None}
        others = languages.get(None, 0)
        if not own:
            return self.tr(
                "The expert list gives none of the {experts} experts a language: every "
                "package is written in the language chosen here."
            ).format(experts=experts)
        # Each name isolated (FSI ... PDI): an Arabic one does not pull its count across.
        named = ", ".join(
            f"\u2068{i18n.language(code).name}\u2069 {n}"
            for code, n in sorted(own.items(), key=lambda item: i18n.CODES.index(item[0]))
        )
        return self.tr(
            "Of the {experts} experts, {own} have a language in the expert list ({named}); "
            "{others} get the language chosen here."
        ).format(experts=experts, own=sum(own.values()), named=named, others=others)


class PackagesOut(WorkspaceFileTasks):
    written = Signal(object)  # the PackagesResult

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        target: Callable[[], WorkspaceLocation | None],
    ) -> None:
        super().__init__(window, settings, target)
        self.choose_folder: ChooseFolder = lambda parent, title, start: (
            QFileDialog.getExistingDirectory(parent, title, start)
        )
        self.choose_options: ChooseOptions = self._ask_options
        self.menu = QMenu(self.tr("Write review &packages"), window)
        self.menu.setStatusTip(self.tr("One review workbook per expert, to send out"))
        self.by_round: dict[str, QAction] = {}
        for round_key, text in (
            ("nomination", self.tr("&Nomination round…")),
            ("final", self.tr("&Final round…")),
        ):
            action = self.menu.addAction(text)
            action.triggered.connect(lambda _checked=False, r=round_key: self.choose_and_write(r))
            self.by_round[round_key] = action
        self.actions = list(self.by_round.values())
        self.update_enabled()

    def choose_and_write(self, round_key: str) -> TaskWorker | None:
        options = self.choose_options(round_key)
        if options is None:
            return None
        remember_folder(self._settings, PACKAGES_DIR_KEY, str(options.folder))
        self._settings.setValue(PACKAGES_LANGUAGE_KEY, options.language)
        return self.start_writing(round_key, options.folder, options.language)

    def dialog(self, round_key: str) -> PackagesDialog:
        """The dialog as the menu opens it: the folder and language chosen last, and how
        many experts of the round have a language of their own."""
        remembered = str(self._settings.value(PACKAGES_LANGUAGE_KEY, "") or "")
        return PackagesDialog(
            round_key,
            start_folder(self._settings, PACKAGES_DIR_KEY),
            remembered if remembered in i18n.CODES else i18n.ENGLISH,
            self._languages(round_key),
            # Looked up when Browse is clicked: the attribute a test may have set since.
            lambda parent, title, start: self.choose_folder(parent, title, start),
            self._window,
        )

    def _ask_options(self, round_key: str) -> PackageOptions | None:
        dialog = self.dialog(round_key)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.options()

    def _languages(self, round_key: str) -> dict[str | None, int] | None:
        location = self._target()
        if location is None:
            return None
        from panel_app.workflow.review.packages import package_languages

        try:
            with open_workspace(location) as workspace:  # a count: quick, on a connection
                return package_languages(workspace, round_key)
        except WorkspaceError:
            return None  # the writing, in its worker, says what is wrong

    def start_writing(
        self, round_key: str, folder: Path, language: str = i18n.ENGLISH
    ) -> TaskWorker | None:
        location = self._target()
        if location is None:
            return None

        def task(progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> object:
            from panel_app.workflow.review.packages import write_packages_at

            return write_packages_at(
                location,
                folder,
                round_key=round_key,
                language=language,
                progress=progress,
                cancelled=cancelled,
            )

        return self._start(
            task,
            self.tr("Writing the review packages…"),
            self.tr("Write review packages"),
            self._done,
            self.tr("No package was written."),
        )

    def _done(self, outcome: object) -> None:
        from panel_app.workflow.review.packages import PackagesResult

        assert isinstance(outcome, PackagesResult)
        result = outcome
        self.written.emit(result)
        title = self.tr("Write review packages")
        if not result.experts:
            text = self.tr(
                "No expert has projects assigned in the {round} round: assign them first."
            ).format(round=round_name(result.round))
            self._show_report(QMessageBox.Icon.Warning, title, text, "")
            return
        folder = result.files[0].path.parent if result.files else None
        text = self.tr(
            "Wrote {files} of {experts} review packages ({round} round) to {folder}: "
            "{projects} projects in all, {new} packages newly issued."
        ).format(
            files=len(result.files),
            experts=result.experts,
            round=round_name(result.round),
            folder=folder if folder is not None else "–",
            projects=sum(f.projects for f in result.files),
            new=sum(1 for f in result.files if f.newly_issued),
        )
        if result.cancelled:
            text += " " + self.tr(
                "Cancelled: the ones written are valid; writing again writes them all."
            )
        chosen = sum(1 for f in result.files if f.language_chosen)
        if chosen:
            text += " " + self.tr(
                "{count} of them in {language}, the language chosen for experts without one."
            ).format(count=chosen, language=i18n.language(result.language).name)
        lines = [
            self.tr("{file}: expert {expert}, {projects} projects, {language}").format(
                file=f.path.name,
                expert=f.expert_code,
                projects=f.projects,
                language=i18n.language(f.language).name,
            )
            for f in result.files
        ]
        icon = QMessageBox.Icon.Information
        if result.notes:  # a finalist tie still open: said up front, the details below
            text += " " + self.tr("A tie for the last finalist places is not settled yet.")
            lines = [*result.notes, "", *lines]
            icon = QMessageBox.Icon.Warning
        self._window.statusBar().showMessage(text, 15000)
        self._show_report(icon, title, text, "\n".join(lines))
