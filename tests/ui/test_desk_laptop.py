"""The desk on an expert's 1366x768 laptop, at 100% and at 150% scaling (a 910x512 screen):
the project text and every gate and criterion in view without scrolling, digits that score
from anywhere but a text field and say what they did (or why not), a readable keys hint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from panel_app.demo.workspace import create_demo_workspace
from panel_app.store.models import Submission
from panel_app.ui.desk.window import DeskWindow
from panel_app.ui.theme import apply_theme
from panel_app.workflow.review.desk import ScoringDesk
from panel_app.workflow.workspace import locate_workspace, open_workspace

from ..workflow.conftest import assign_projects
from .test_desk import EXPERT, demo_file  # noqa: F401  (demo_file: a fixture)

LAPTOP = (1366, 768)  # at 100%
LAPTOP_150 = (910, 512)  # the same screen at 150%: Qt lays out in these logical pixels


@pytest.fixture(scope="module")
def demo_2017_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2017 season (its own edition file: the gates, the criteria) with twelve projects
    for the expert."""
    path = tmp_path_factory.mktemp("desk2017") / "demo.sqlite"
    create_demo_workspace(locate_workspace(path), count=150, edition_key="wsis-2017")
    with open_workspace(locate_workspace(path)) as ws:
        with ws.sessions() as session:
            ids = session.scalars(select(Submission.submission_id).limit(12)).all()
        assign_projects(ws, EXPERT, list(ids))
    return path


@pytest.fixture(params=["wsis-2020", "wsis-2017"])
def edition_file(
    request: pytest.FixtureRequest,
    demo_file: Path,  # noqa: F811
    demo_2017_file: Path,
    tmp_path: Path,
) -> Path:
    source = demo_file if request.param == "wsis-2020" else demo_2017_file
    return Path(shutil.copy(source, tmp_path / "ws.sqlite"))


@pytest.fixture
def workspace_file(demo_file: Path, tmp_path: Path) -> Path:  # noqa: F811
    return Path(shutil.copy(demo_file, tmp_path / "ws.sqlite"))


def _desk_at(qtbot: QtBot, settings: QSettings, path: Path, size: tuple[int, int]) -> DeskWindow:
    win = DeskWindow(settings)
    qtbot.addWidget(win)
    assert win.open_desk(locate_workspace(path), EXPERT)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    # The digits are the window's shortcuts: they reach it when it is the active window.
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def _stored(path: Path, submission_id: str) -> dict[str, int | None]:
    with open_workspace(locate_workspace(path)) as ws:
        return ScoringDesk(ws, EXPERT).review(submission_id).scores


def _in_window(widget: QWidget, window: QWidget) -> bool:
    """Shown, and wholly inside the window (not cut by its edges)."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return (
        widget.isVisible() and not widget.visibleRegion().isEmpty() and window.rect().contains(rect)
    )


def _in_sheet_view(widget: QWidget, desk: DeskWindow) -> bool:
    """Wholly inside the part of the sheet shown (not scrolled away, not cut)."""
    viewport = desk.sheet_area.viewport()
    rect = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().contains(rect) and _in_window(widget, desk)


@pytest.mark.parametrize("size", [LAPTOP, LAPTOP_150], ids=["100%", "150%"])
def test_the_project_text_and_every_gate_and_criterion_are_in_view_without_scrolling(
    qtbot: QtBot, settings: QSettings, edition_file: Path, size: tuple[int, int]
) -> None:
    desk = _desk_at(qtbot, settings, edition_file, size)
    assert desk.size().toTuple() == size
    sheet = desk.sheet
    assert len(sheet.rows) == 7 and len(sheet.gate_rows) == 2  # both editions
    assert desk.sheet_area.verticalScrollBar().maximum() == 0  # nothing to scroll to
    for gate in sheet.gate_rows:
        for widget in (gate, gate.question, gate.yes, gate.no):
            assert _in_sheet_view(widget, desk), gate.question.text()
    for row in sheet.rows:
        for widget in (row, row.title, *row.buttons):
            assert _in_sheet_view(widget, desk), row.name
        assert row.title.width() >= 100  # a name, not "Re…"
    assert _in_sheet_view(sheet.hint, desk)
    # The project text beside the sheet, wide enough to read.
    assert _in_window(desk.detail, desk) and desk.detail.viewport().width() >= 240
    assert desk.detail.toPlainText().startswith(desk._current.title)  # type: ignore[union-attr]
    # Saved as you go, and what is left: the count stays in the status bar.
    assert _in_window(desk.progress_label, desk) and _in_window(desk.progress_bar, desk)
    assert desk.progress_label.text() == "0 of 12 projects done"
    if size == LAPTOP:  # room for the full layout: the scale's words over its columns
        assert not sheet.compact
        words = [label.text() for label in sheet.headers[0].labels]
        assert words == ["Not shown", "Weak", "Adequate", "Strong", "Outstanding"]
        assert all(_in_sheet_view(label, desk) for label in sheet.headers[0].labels)
        assert sheet.gate_rows[0].yes.text() == "Yes: it meets it"
        assert _in_sheet_view(sheet.about, desk)  # the marked criterion's description
        assert sheet.about.text().startswith("<b>Results achieved and impact</b>: What the")
    else:  # compact: a line a criterion, the words in one legend line and the tool tips
        assert sheet.compact
        legend = sheet.headers[0].legend
        assert _in_sheet_view(legend, desk)
        assert legend.text().replace("\u00a0", " ") == (
            "1 Not shown · 2 Weak · 3 Adequate · 4 Strong · 5 Outstanding"
        )
        assert [b.toolTip() for b in sheet.rows[0].buttons][-1] == "5 Outstanding"
        assert sheet.gate_rows[0].yes.text() == "Yes"
        assert sheet.gate_rows[0].yes.toolTip() == "Yes: it meets it"
        # a gate's question cut to its line keeps the whole in its tool tip
        assert sheet.gate_rows[0].question.toolTip().endswith("the minimum word counts.")


@pytest.mark.parametrize("size", [LAPTOP, LAPTOP_150], ids=["100%", "150%"])
def test_the_project_list_shows_its_columns_whole_and_the_categories_take_their_lines(
    qtbot: QtBot, settings: QSettings, workspace_file: Path, size: tuple[int, int]
) -> None:
    desk = _desk_at(qtbot, settings, workspace_file, size)
    table, header = desk.table, desk.table.horizontalHeader()
    shown = [c for c in range(desk.projects.columnCount()) if not table.isColumnHidden(c)]
    assert header.length() <= table.viewport().width()  # no column off to the right
    for column in shown:  # every heading whole: no "Ch"
        title = str(desk.projects.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title)
    texts = ["12/12", "conflict", "ineligible", "flagged"]  # whole in their columns
    for text, name in zip(texts, ("progress", "progress", "checks", "checks"), strict=True):
        column = desk.projects.COLUMNS.index(name)
        if column in shown:
            assert table.columnWidth(column) > table.fontMetrics().horizontalAdvance(text)
    names = [desk.projects.headerData(c, Qt.Orientation.Horizontal) for c in shown]
    assert names[:2] == ["ID", "Project title"] and "Scored" in names
    assert header.sectionSize(1) >= 110  # the title keeps room to be read
    lines = desk.categories.rowCount()
    line = desk.category_view.sizeHintForRow(0)
    assert desk.category_view.height() <= lines * line + 12  # not 130 px for one line


def test_a_digit_typed_in_the_project_list_scores_the_marked_criterion_and_says_so(
    qtbot: QtBot, settings: QSettings, workspace_file: Path
) -> None:
    desk = _desk_at(qtbot, settings, workspace_file, LAPTOP_150)
    sid = desk._current.submission_id  # type: ignore[union-attr]
    first, second = (row.criterion.key for row in desk.sheet.rows[:2])
    desk.table.setFocus()
    qtbot.keyClick(desk.table, "4")
    assert _stored(workspace_file, sid)[first] == 4
    assert desk.sheet.rows[0].group.checkedId() == 4  # the value shown
    assert desk.statusBar().currentMessage() == "Results achieved and impact: 4 Strong — saved."
    # the mark moves on to the next criterion, drawn in the highlight colour
    highlight = desk.sheet.palette().highlight().color().name()
    assert desk.sheet.current == 1 and highlight in desk.sheet.rows[1].styleSheet()
    assert highlight not in desk.sheet.rows[0].styleSheet()
    assert desk.table.hasFocus() and desk._current.submission_id == sid  # type: ignore[union-attr]
    assert "1/7" in desk.projects.index(desk.projects.row_of(sid), 3).data()  # type: ignore[arg-type]
    # from the project text, on the keypad
    desk.detail.setFocus()
    qtbot.keyClick(desk.detail, Qt.Key.Key_3, Qt.KeyboardModifier.KeypadModifier)
    assert _stored(workspace_file, sid)[second] == 3
    # in a text field a digit is typing, not a score
    desk.comment.setFocus()
    qtbot.keyClick(desk.comment, "5")
    desk.search.setFocus()
    qtbot.keyClick(desk.search, "1")
    assert desk.comment.toPlainText() == "5" and desk.search.text() == "1"
    assert [_stored(workspace_file, sid)[r.criterion.key] for r in desk.sheet.rows[:3]] == [
        4,
        3,
        None,
    ]
    desk.search.clear()
    # the last criterion scored: the message says what comes next
    desk.table.setFocus()
    for digit in "43214":
        qtbot.keyClick(desk.table, digit)
    bar = desk.statusBar()
    said = bar.currentMessage()
    assert said == (
        "Promotion of WSIS values in society: 4 Strong — saved. All 7 scored; Ctrl+Enter: "
        "next project."
    )
    # whole in the status bar beside the count, at 150%
    room = bar.width() - desk.progress_label.width() - desk.progress_bar.width() - 30
    assert bar.fontMetrics().horizontalAdvance(said) <= room
    assert desk.progress_label.text() == "1 of 12 projects done"


def test_a_refused_digit_says_why_and_records_nothing(
    qtbot: QtBot, settings: QSettings, workspace_file: Path
) -> None:
    desk = _desk_at(qtbot, settings, workspace_file, LAPTOP)
    sid = desk._current.submission_id  # type: ignore[union-attr]
    desk.table.setFocus()
    for digit in "70":
        qtbot.keyClick(desk.table, digit)
        assert desk.statusBar().currentMessage() == (
            f"{digit} is not on the scale 1–5 of “Results achieved and impact”: nothing was "
            "recorded."
        )
    assert desk.sheet.current == 0 and set(_stored(workspace_file, sid).values()) == {None}
    assert not desk.undo_stack.canUndo()
    assert desk.declare_conflict(True, ask=False)
    qtbot.keyClick(desk.table, "3")
    assert desk.statusBar().currentMessage() == (
        f"Project {sid} has a conflict of interest declared: its scores are cleared and locked."
    )
    assert set(_stored(workspace_file, sid).values()) == {None}


def test_a_digit_with_no_project_shown_says_what_to_do(qtbot: QtBot, settings: QSettings) -> None:
    desk = DeskWindow(settings)
    qtbot.addWidget(desk)
    desk.show()
    desk.activateWindow()
    qtbot.waitUntil(desk.isActiveWindow)
    qtbot.keyClick(desk, "4")
    assert desk.statusBar().currentMessage() == (
        "No project is shown: choose one in the list, then type its scores."
    )


def _luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2.x) of an sRGB colour."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_states_it() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", ["system", "light", "dark"])
def test_the_keys_hint_is_readable_in_every_theme(
    qtbot: QtBot, settings: QSettings, workspace_file: Path, theme: str
) -> None:
    apply_theme(theme)
    try:
        desk = _desk_at(qtbot, settings, workspace_file, LAPTOP)
        hint = desk.sheet.hint
        text = hint.palette().color(QPalette.ColorGroup.Active, hint.foregroundRole())
        # The sheet fills its background (a scroll area's widget): that is behind the hint.
        sheet = desk.sheet
        assert sheet.autoFillBackground()
        ground = sheet.palette().color(QPalette.ColorGroup.Active, sheet.backgroundRole())
        assert contrast(text, ground) >= 4.5, (text.name(), ground.name())
        assert hint.text().startswith("Keys, anywhere but in a text field: 1–5 score")
    finally:
        apply_theme("system")


@pytest.mark.parametrize("size", [LAPTOP, LAPTOP_150], ids=["100", "150"])
def test_screenshots_on_the_laptop(
    qtbot: QtBot,
    settings: QSettings,
    workspace_file: Path,
    screenshot_dir: Path,
    size: tuple[int, int],
) -> None:
    desk = _desk_at(qtbot, settings, workspace_file, size)
    desk.table.setFocus()
    for digit in "437":
        qtbot.keyClick(desk.table, digit)
    assert desk.statusBar().currentMessage().startswith("7 is not on the scale 1–5")
    name = "desk-laptop-{}.png".format("100" if size == LAPTOP else "150")
    assert desk.grab().save(str(screenshot_dir / name))
