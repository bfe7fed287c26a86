"""File > Write review packages as a chair uses it: the nomination round's packages for a
demo panel written to a folder through the menu, the result in words, the files there
and readable; a round with no assignments says what to do; the dialog's language for the
experts the expert list gives none, said what it means, and the packages in it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from panel_app.demo.workspace import create_demo_workspace
from panel_app.formats.review_workbook import read_review_workbook
from panel_app.store.models import Assignment, Expert
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.chair.package_out import (
    PACKAGES_DIR_KEY,
    PACKAGES_LANGUAGE_KEY,
    PackageOptions,
)
from panel_app.workflow.review.expert_workbook import _package_criteria
from panel_app.workflow.workspace import WorkspaceLocation, locate_workspace, open_workspace


def _write(
    qtbot: QtBot, window: MainWindow, round_key: str, folder: Path, language: str = "en"
) -> QMessageBox:
    window.packages_out.choose_options = lambda _round: PackageOptions(folder, language)
    window.packages_out.by_round[round_key].trigger()
    qtbot.waitUntil(lambda: not window.packages_out.busy, timeout=120000)
    box = window.packages_out.last_message
    assert box is not None
    return box


def test_the_panels_packages_written_through_the_menu(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    location = locate_workspace(tmp_path / "chair.sqlite")
    create_demo_workspace(location, count=60)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert not window.packages_out.menu.isEnabled()  # no workspace yet
    assert window.open_location(location)

    out = tmp_path / "to send"
    box = _write(qtbot, window, "nomination", out)
    files = sorted(out.glob("*.xlsx"))
    assert files
    projects = sum(len(read_review_workbook(f, _package_criteria).rows) for f in files)
    assert box.text() == (
        f"Wrote {len(files)} of {len(files)} review packages (nomination round) to {out}: "
        f"{projects} projects in all, {len(files)} packages newly issued. {len(files)} of "
        "them in English, the language chosen for experts without one."
    )
    assert files[0].name in box.informativeText() + (box.detailedText() or "")
    assert settings.value(PACKAGES_DIR_KEY) == str(out)

    again = _write(qtbot, window, "nomination", out)  # the same packages, none new
    assert f"{projects} projects in all, 0 packages newly issued." in again.text()

    final = _write(qtbot, window, "final", tmp_path / "final")
    assert final.icon() == QMessageBox.Icon.Warning
    assert final.text() == (
        "No expert has projects assigned in the final round: assign them first."
    )


def _give_languages(location: WorkspaceLocation, languages: dict[str, str]) -> None:
    """What an expert list with a Language column leaves (tests/workflow import it)."""
    with open_workspace(location) as workspace, workspace.transaction() as session:
        for expert in session.scalars(select(Expert).where(Expert.expert_code.in_(languages))):
            expert.language = languages[expert.expert_code]


def test_the_dialog_says_what_its_language_means_and_the_packages_speak_it(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    location = locate_workspace(tmp_path / "chair.sqlite")
    create_demo_workspace(location, count=60)
    with open_workspace(location) as workspace, workspace.sessions() as session:
        codes = sorted(
            set(
                session.scalars(
                    select(Expert.expert_code).join(Assignment, Assignment.expert_pk == Expert.id)
                )
            )
        )
    french, arabic = codes[0], codes[1]
    _give_languages(location, {french: "fr", arabic: "ar"})
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_location(location)

    dialog = window.packages_out.dialog("nomination")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Write the nomination packages"
    assert dialog.meaning.text() == (
        "Each package is written in its expert's language, as the Language column of the "
        "expert list gives it. The language chosen here is for the experts the list gives none."
    )
    assert dialog.summary.text() == (
        f"Of the {len(codes)} experts, 2 have a language in the expert list (\u2068العربية"
        f"\u2069 1, \u2068Français\u2069 1); {len(codes) - 2} get the language chosen here."
    )
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names == ["العربية", "简体中文", "English", "Français", "Русский", "Español"]
    assert dialog.language.currentText() == "English"  # the default
    dialog.folder.clear()
    assert not dialog.ok.isEnabled()  # nowhere to write yet
    out = tmp_path / "to send"
    window.packages_out.choose_folder = lambda _parent, _title, _start: str(out)
    dialog.browse.click()
    assert dialog.folder.text() == str(out) and dialog.ok.isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    assert dialog.options() == PackageOptions(out, "zh_CN")

    box = _write(qtbot, window, "nomination", out, dialog.options().language)
    others = len(codes) - 2
    assert f"{others} of them in 简体中文, the language chosen for experts without one." in (
        box.text()
    )
    assert settings.value(PACKAGES_LANGUAGE_KEY) == "zh_CN"
    assert window.packages_out.dialog("final").language.currentText() == "简体中文"  # kept
    books = {f.name: openpyxl.load_workbook(f, read_only=False) for f in sorted(out.glob("*.xlsx"))}
    by_expert = {
        str(dict(b["Metadata"].iter_rows(values_only=True))["expert"]): b for b in books.values()
    }
    chinese = by_expert[codes[2]]["Scores"]
    assert [c.value for c in chinese[1]][:4] == ["提交编号", "类别", "项目标题", "机构"]
    assert dict(by_expert[french]["Metadata"].iter_rows(values_only=True))["language"] == "fr"
    assert by_expert[arabic]["Scores"].sheet_view.rightToLeft
    assert f"expert {french}" in box.informativeText() + (box.detailedText() or "")
