"""The six languages: every text of a translated window is in its language (a walk per
language whose catalogue is complete, tests/languages.py), the language switches live and
is remembered, and screenshots."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

import panel_app.rules
from panel_app.demo.workspace_final_round import create_demo_final_round
from panel_app.ui import catalogue
from panel_app.ui.chair.final_round import FinalRoundWindow
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.chair.nominees import NomineesWindow
from panel_app.ui.desk.models import FILTER_FLAGGED
from panel_app.ui.desk.window import DeskWindow
from panel_app.ui.language import (
    chosen_language,
    install_language,
    remember_language,
)
from panel_app.ui.models import select_row
from panel_app.workflow.overview import SubmissionDetail, submission_detail
from panel_app.workflow.workspace import locate_workspace, open_workspace

from ..languages import COMPLETE, LATIN_WORD, own_latin_words
from .test_desk import EXPERT, demo_file  # noqa: F401  (demo_file: a fixture)
from .untranslated import english_words, visible_texts, widget_texts


@pytest.fixture
def workspace_file(demo_file: Path, tmp_path: Path) -> Path:  # noqa: F811
    return Path(shutil.copy(demo_file, tmp_path / "ws.sqlite"))


@pytest.fixture(params=COMPLETE)
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """Each language whose catalogue is complete, installed for the test."""
    code: str = request.param
    assert install_language(code)
    yield code
    install_language("en")


def _qt_own(context: str, text: str) -> str:
    """One of Qt's own strings in the installed language (from Qt's qtbase_<code>.qm)."""
    return QCoreApplication.translate(context, text)


def _detail_strings(detail: SubmissionDetail | None) -> list[str]:
    """The workspace's data in a project pane: texts, names, findings' recorded values."""
    if detail is None:
        return []
    strings: list[str] = []
    for value in dataclasses.asdict(detail).values():
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                strings.append(item)
            elif isinstance(item, dict):
                stack.extend(item.keys())
                stack.extend(item.values())
            elif isinstance(item, list | tuple):
                stack.extend(item)
    return strings


def _modal_texts(open_dialog: Callable[[], object]) -> list[tuple[str, str]]:
    """The texts of the dialog `open_dialog` shows (and waits on), read and then closed."""
    seen: list[tuple[str, str]] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None, "no dialog opened"
        for widget in (dialog, *dialog.findChildren(QWidget)):
            seen.extend(widget_texts(widget))
        dialog.close()

    QTimer.singleShot(0, read_and_close)
    open_dialog()
    assert seen
    return [(f"dialog: {where}", text) for where, text in seen if text]


def _desk(qtbot: QtBot, settings: QSettings, path: Path, language: str) -> DeskWindow:
    desk = DeskWindow(settings, language)
    qtbot.addWidget(desk)
    assert desk.open_desk(locate_workspace(path), EXPERT)
    desk.show()
    return desk


# Qt's own strings a window shows: buttons and the text fields' context menus.
QT_OWN = (
    ("QPlatformTheme", ("OK", "Cancel", "&Yes", "&No", "Close", "Save", "Open", "Apply")),
    ("QLineEdit", ("&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All")),
    (
        "QWidgetTextControl",
        ("&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All"),
    ),
    ("QWidgetTextControl", ("Copy &Link Location",)),
    ("QTabBar", ("Scroll Left", "Scroll Right")),
)


def _qt_words() -> frozenset[str]:
    """The Latin words of Qt's own strings in the installed language (French "Couper")."""
    texts = [_qt_own(context, text) for context, items in QT_OWN for text in items]
    return frozenset(LATIN_WORD.findall(" ".join(texts).replace("&", "")))


def _no_english(texts: list[tuple[str, str]], data: list[str], language: str) -> None:
    left = english_words(texts, data, own_latin_words(language) | _qt_words())
    assert not left, f"English left in the {language} window:\n" + "\n".join(sorted(left))


def test_the_desk_has_no_english_left(
    qtbot: QtBot, language: str, settings: QSettings, workspace_file: Path
) -> None:
    desk = _desk(qtbot, settings, workspace_file, language)
    location = locate_workspace(workspace_file)
    desk.filter_box.setCurrentIndex(desk.filter_box.findData(FILTER_FLAGGED))
    desk.table.selectRow(0)
    desk.focus_sheet()
    qtbot.keyClick(desk.sheet, "4")  # an undo entry names the change
    desk.finish_project()  # and the status bar says what was left
    assert language != "zh_CN" or "项目" in desk.statusBar().currentMessage()
    assert desk.desk is not None and desk._current is not None
    texts = visible_texts(desk)
    texts += _modal_texts(lambda: desk.declare_conflict(True, ask=True))  # Qt's Yes / No
    data = [location.display, desk.desk.expert_name]
    for project in desk.projects.all_items():
        data += [project.title, project.organisation, project.country]
        data += _detail_strings(desk.desk.detail(project.submission_id))
    _no_english(texts, data, language)
    joined = "\n".join(text for _where, text in texts)
    # QMessageBox's Yes and No, from Qt's own translations.
    assert _qt_own("QPlatformTheme", "&Yes") in joined
    assert _qt_own("QPlatformTheme", "&Yes") != "&Yes"
    if language == "zh_CN":  # the edition's names: categories, criteria, scale labels, SDGs
        assert "所取得的成果和产生的影响" in joined and "突出" in joined
        assert "电子卫生" in joined or "获取信息和知识" in joined
        assert "是(&Y)" in joined and "否(&N)" in joined


def test_the_chairs_window_has_no_english_left(
    qtbot: QtBot, language: str, settings: QSettings, workspace_file: Path
) -> None:
    window = MainWindow(settings, language)
    qtbot.addWidget(window)
    location = locate_workspace(workspace_file)
    assert window.open_location(location)
    window.show()
    assert window.workspace is not None
    # The landing view read whole: every phase's state, counts and next action.
    qtbot.waitUntil(lambda: window.season_view.overview is not None)
    texts = visible_texts(window)
    texts += _modal_texts(lambda: window.ask_overrule(1))  # Qt's OK / Cancel
    window.imports._refused("set.xlsx, sheet Submissions, row 3: …")
    texts += [(f"refusal: {w}", t) for w, t in visible_texts(window) if w != "detailPane"]
    data = [location.display, "set.xlsx, sheet Submissions, row 3: …"]
    data += [workspace_file.name, str(workspace_file)]  # File > Open recent: the file
    for row in range(window.submissions.rowCount()):
        item = window.submissions.item(row)
        assert item is not None
        data += [item.title, item.organisation, item.country]
        data += _detail_strings(submission_detail(window.workspace, item.submission_id))
    _no_english(texts, data, language)
    joined = "\n".join(text for _where, text in texts)
    assert _qt_own("QPlatformTheme", "Cancel") in joined  # the dialog's, from Qt's
    if language == "zh_CN":
        assert "确定" in joined and "取消" in joined


def test_the_welcome_has_no_english_left(qtbot: QtBot, language: str, settings: QSettings) -> None:
    window = MainWindow(settings, language)  # no workspace: the welcome, expert and chair
    qtbot.addWidget(window)
    window.show()
    assert window.welcome is not None and window.welcome.isVisible()
    texts = visible_texts(window)
    _no_english(texts, [], language)
    if language == "zh_CN":
        joined = "\n".join(text for _where, text in texts)
        assert "打开" in joined and "工作区" in joined


def test_the_nominee_window_has_no_english_left(
    qtbot: QtBot, language: str, settings: QSettings, workspace_file: Path
) -> None:
    window = MainWindow(settings, language)
    qtbot.addWidget(window)
    location = locate_workspace(workspace_file)
    assert window.open_location(location)
    nominees = window.show_nominees()
    assert isinstance(nominees, NomineesWindow)
    qtbot.addWidget(nominees)
    qtbot.waitUntil(lambda: nominees.report is not None and not nominees.ranking.busy)
    report = nominees.report
    assert report is not None
    texts = [
        (w, t) for w, t in visible_texts(nominees) if w != "nomineeState"
    ]  # its second line on are the core's notes, in English (as the CLI prints them)
    first_line = nominees.state_label.text().splitlines()[0]
    texts.append(("nomineeState", first_line))
    data = [location.display, report.method.value]
    for facts in report.facts.values():
        data += [facts.title, facts.organisation]
    for result in report.results:
        data.append(result.category_key)
        data += [row.decided_by for row in result.rows]
    data += list(report.expert_names.values())  # people's names, as the workspace has them
    _no_english(texts, data, language)
    assert language != "zh_CN" or "提议名单" in first_line


def test_the_final_round_window_has_no_english_left(
    qtbot: QtBot, language: str, settings: QSettings, workspace_file: Path
) -> None:
    location = locate_workspace(workspace_file)
    with open_workspace(location) as ws:
        create_demo_final_round(ws, actor="chair")
    window = MainWindow(settings, language)
    qtbot.addWidget(window)
    assert window.open_location(location)
    final = window.show_final_round()
    assert isinstance(final, FinalRoundWindow)
    qtbot.addWidget(final)
    qtbot.waitUntil(lambda: final.report is not None and not final.loading.busy)
    report = final.report
    assert report is not None and report.categories
    category = report.categories[0]
    # The analysis' first lines; the core's notes after them are English data (as printed).
    header = final.state_label.text().splitlines()[: 3 if category.selection_reason is None else 4]
    texts = [(w, t) for w, t in visible_texts(final) if w != "finalState"]
    texts += [("finalState", line) for line in header]
    data = [location.display, category.category_key, category.category_name]
    for c in report.categories:
        data.append(c.category_key)
        for row in c.finalists:
            data += [row.title, row.organisation, row.vote, row.submission_id]
    data += [w for w in (category.concordance.reason,) if w]
    # The experts' names and their comments: the workspace's data, as they wrote them.
    data += list(category.expert_names.values())
    data += [line.comment for row in category.finalists for line in row.review_lines]
    _no_english(texts, data, language)
    assert language != "zh_CN" or "肯德尔 W" in final.state_label.text()


def test_the_walk_finds_english_in_the_english_desk(
    qtbot: QtBot, settings: QSettings, workspace_file: Path
) -> None:
    """The check above is not vacuous: the same walk over the English desk finds English."""
    desk = _desk(qtbot, settings, workspace_file, "en")
    words = {found.rsplit(": ", 1)[1] for found in english_words(visible_texts(desk), [])}
    assert {"Categories", "Confidence", "Outstanding", "Undo", "Copy", "Language"} <= words


def _menu_titles(window: QMainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_one_view_menu_holds_theme_and_language(
    qtbot: QtBot, settings: QSettings, workspace_file: Path
) -> None:
    desk = _desk(qtbot, settings, workspace_file, "en")
    chair = MainWindow(settings, "en")
    qtbot.addWidget(chair)
    # The chair's also goes between the season overview and the submissions, above them.
    above = {desk: [], chair: ["Season &overview", "&Submissions", ""]}
    for window in (desk, chair):
        assert _menu_titles(window).count("&View") == 1
        view = window.findChild(QMenu, "viewMenu")
        assert view is not None
        assert [a.text() for a in view.actions()] == [*above[window], "&Theme", "&Language"]


def _choose_language(qtbot: QtBot, window: QMainWindow, code: str) -> QMainWindow:
    """View > Language > `code` in `window`; the window shown then (rebuilt in it)."""
    menu = window.findChild(QMenu, "languageMenu")
    assert menu is not None
    next(a for a in menu.actions() if a.data() == code).trigger()
    kind = type(window)
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert len(shown) == 1
    qtbot.addWidget(shown[0])
    return shown[0]


def test_view_language_switches_the_open_desk_live_and_is_remembered(
    qtbot: QtBot, settings: QSettings, workspace_file: Path
) -> None:
    desk = _desk(qtbot, settings, workspace_file, "en")
    desk.table.selectRow(3)
    shown = desk._current.submission_id  # type: ignore[union-attr]
    try:
        rebuilt = _choose_language(qtbot, desk, "zh_CN")
        assert isinstance(rebuilt, DeskWindow) and rebuilt is not desk
        assert rebuilt.windowTitle().startswith("WSIS项目奖 — 评分台")
        assert rebuilt._current is not None and rebuilt._current.submission_id == shown
        assert rebuilt.sheet.rows[0].title.text() == "所取得的成果和产生的影响"
        assert chosen_language(settings) == "zh_CN"
        back = _choose_language(qtbot, rebuilt, "en")
        assert back.windowTitle().startswith("WSIS Prizes — scoring desk")
        assert chosen_language(settings) == "en"
    finally:
        install_language("en")


def test_view_language_switches_the_chairs_window_live(
    qtbot: QtBot, settings: QSettings, workspace_file: Path
) -> None:
    window = MainWindow(settings, "en")
    qtbot.addWidget(window)
    assert window.open_location(locate_workspace(workspace_file))
    window.show()
    window.table.selectRow(4)
    shown = window.submissions.item(4).submission_id  # type: ignore[union-attr]
    try:
        rebuilt = _choose_language(qtbot, window, "zh_CN")
        assert isinstance(rebuilt, MainWindow)
        assert rebuilt.windowTitle().startswith("WSIS项目奖专家组")
        current = rebuilt.submissions.item(rebuilt.table.currentIndex().row())
        assert current is not None and current.submission_id == shown
        assert "项目摘要" in rebuilt.detail.toPlainText()
    finally:
        install_language("en")


def test_an_unknown_or_old_language_setting_falls_back(settings: QSettings) -> None:
    settings.setValue("ui/language", "zh_CN")  # without the version: from another layout
    assert chosen_language(settings) == "en"
    remember_language(settings, "klingon")
    assert chosen_language(settings) == "en"
    remember_language(settings, "zh_CN")
    assert chosen_language(settings) == "zh_CN"


def test_every_rule_template_is_in_the_catalogue() -> None:
    """A finding's template is its msgid: every one the rules write must be translatable."""
    templates = set()
    for module in pkgutil.iter_modules(panel_app.rules.__path__):
        loaded = importlib.import_module(f"panel_app.rules.{module.name}")
        for name, value in vars(loaded).items():
            # The rules' English messages: capitalised sentences (RULE_ID, REFERENCE are not).
            if name.isupper() and isinstance(value, str) and " " in value and value[0].isupper():
                templates.add(value)
    assert templates and templates == set(catalogue.FINDING_TEMPLATES)
    assert set(panel_app.rules.RULE_IDS) == set(catalogue.RULE_IDS)


def test_every_reason_the_vote_audit_gives_is_in_the_catalogue() -> None:
    from panel_app.votes.audit import REASON_TEXT

    assert set(REASON_TEXT.values()) == set(catalogue.VOTE_REASONS)


def test_every_way_a_workbook_comes_back_is_in_the_catalogue() -> None:
    from panel_app.workflow.review.merge import HAND_EDITED, SIGNED

    assert set(catalogue.MERGE_ORIGINS) == {SIGNED, HAND_EDITED}


def test_every_reason_kendalls_w_is_undefined_is_in_the_catalogue() -> None:
    from panel_app.scoring import concordance

    reasons = {concordance.FEW_EXPERTS, concordance.FEW_ITEMS, concordance.ALL_TIED}
    assert reasons == set(catalogue.CONCORDANCE_REASONS)


@pytest.mark.parametrize("language", ["en", *COMPLETE])
def test_screenshots_in_each_language(
    qtbot: QtBot,
    settings: QSettings,
    workspace_file: Path,
    screenshot_dir: Path,
    language: str,
) -> None:
    suffix = {"zh_CN": "zh"}.get(language, language)
    assert install_language(language)
    try:
        window = MainWindow(settings, language)
        qtbot.addWidget(window)
        assert window.open_location(locate_workspace(workspace_file))
        window.resize(1400, 860)
        window.show()
        window.table.selectRow(2)
        qtbot.wait(50)
        assert window.grab().save(str(screenshot_dir / f"chair-window-{suffix}.png"))

        desk = _desk(qtbot, settings, workspace_file, language)
        desk.resize(1460, 900)
        desk.filter_box.setCurrentIndex(desk.filter_box.findData(FILTER_FLAGGED))
        desk.table.selectRow(0)
        desk.focus_sheet()
        for digit in "435":
            qtbot.keyClick(desk.sheet, digit)
        desk.confidence.setCurrentIndex(2)
        qtbot.wait(50)
        assert desk.grab().save(str(screenshot_dir / f"desk-{suffix}.png"))
        sheet = desk.sheet_area.parentWidget()
        assert sheet is not None
        assert sheet.grab().save(str(screenshot_dir / f"scoring-sheet-{suffix}.png"))
        desk.table.setFocus(Qt.FocusReason.OtherFocusReason)
    finally:
        install_language("en")


@pytest.fixture
def arabic(qapp: QApplication) -> Iterator[str]:
    assert install_language("ar")
    yield "ar"
    install_language("en")


def test_the_arabic_desk_is_mirrored_opens_on_a_project_and_moves(
    qtbot: QtBot, arabic: str, settings: QSettings, workspace_file: Path
) -> None:
    """Right to left, the desk still opens on its first project and goes to another (Qt's
    own selectRow does nothing there); the categories read in Arabic (the catalogue's
    Edition names); a cell in Latin letters is a left-to-right isolate."""
    desk = _desk(qtbot, settings, workspace_file, arabic)
    assert desk.isRightToLeft()
    qtbot.waitUntil(lambda: desk._current is not None)
    first = desk._current
    assert first is not None
    other = desk.projects.item(1)
    assert other is not None and desk.select_project(other.submission_id)
    assert desk._current is not None and desk._current.submission_id == other.submission_id
    names = [desk.categories.index(r, 0).data() for r in range(1, desk.categories.rowCount())]
    assert names and all(any("\u0600" <= c <= "\u06ff" for c in name) for name in names)
    from panel_app.ui.language import LRI, IsolatingDelegate

    delegate = desk.table.itemDelegate()
    assert isinstance(delegate, IsolatingDelegate)
    option = QStyleOptionViewItem()
    option.initFrom(desk.table)
    delegate.initStyleOption(option, desk.projects.index(1, 1))  # a Latin title
    assert option.text.startswith(LRI)


def test_screenshots_in_arabic(
    qtbot: QtBot, arabic: str, settings: QSettings, workspace_file: Path, screenshot_dir: Path
) -> None:
    window = MainWindow(settings, arabic)
    qtbot.addWidget(window)
    assert window.open_location(locate_workspace(workspace_file))
    window.resize(1400, 860)
    window.show()
    select_row(window.table, 2)
    qtbot.wait(50)
    assert window.grab().save(str(screenshot_dir / "chair-window-ar.png"))
    desk = _desk(qtbot, settings, workspace_file, arabic)
    desk.resize(1460, 900)
    qtbot.waitUntil(lambda: desk._current is not None)
    qtbot.wait(50)
    assert desk.grab().save(str(screenshot_dir / "desk-ar.png"))


@pytest.mark.parametrize("code", ["ar", "zh_CN", "fr", "ru", "es"])
def test_qts_own_dialogs_speak_each_language(qapp: QApplication, code: str) -> None:
    """The file dialog's and the message boxes' own words come from Qt's translations."""
    assert install_language(code)
    try:
        for context, text in (
            ("QFileDialog", "Look in:"),
            ("QFileDialog", "Files of type:"),
            ("QPlatformTheme", "Cancel"),
        ):
            assert QCoreApplication.translate(context, text) != text, (code, text)
    finally:
        install_language("en")


def test_arabic_mirrors_every_window(qtbot: QtBot, settings: QSettings) -> None:
    assert install_language("ar")
    try:
        window = MainWindow(settings, "ar")
        qtbot.addWidget(window)
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.menuBar().layoutDirection() == Qt.LayoutDirection.RightToLeft
    finally:
        install_language("en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
