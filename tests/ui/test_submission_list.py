"""Eligibility at a glance in the chair's submission list (a demo workspace, its rule checks
run): the columns a chair needs on a laptop's screen, a flagged or ineligible project with a
mark and a colour, "Flagged only" with how many the list shows, and the selected project
kept selected through sorting and filtering."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QBrush, QIcon
from pytestqt.qtbot import QtBot

from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.theme import status_colours
from panel_app.workflow.workspace import locate_workspace

from ..seasons import demo_season

STATUS = 4  # the model's column; shown second, beside the ID


@pytest.fixture(scope="module")
def seasons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("seasons")


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings, seasons: Path, tmp_path: Path) -> MainWindow:
    path = Path(shutil.copy(demo_season(seasons, "review"), tmp_path / "ws.sqlite"))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    assert win.open_location(locate_workspace(path))
    win.show_submissions()
    qtbot.waitExposed(win)
    return win


def _rows(window: MainWindow) -> list[tuple[str, str]]:
    model = window.submissions
    return [(model.index(r, 0).data(), model.index(r, STATUS).data())
            for r in range(model.rowCount())]  # fmt: skip


def _current(window: MainWindow) -> str:
    item = window.submissions.item(window.table.currentIndex().row())
    assert item is not None
    return item.submission_id


@pytest.mark.parametrize("size", [(1366, 768), (911, 512)])  # 911x512: 1366x768 at 150%
def test_the_columns_a_chair_needs_are_on_screen(
    window: MainWindow, qtbot: QtBot, size: tuple[int, int]
) -> None:
    before = window.table.viewport().width()
    window.resize(*size)
    header = window.table.horizontalHeader()
    if size[0] < 1366:  # the pane narrows with the window: wait until the table has followed
        qtbot.waitUntil(lambda: window.table.viewport().width() < before)
    qtbot.waitUntil(lambda: 0 < header.length() <= window.table.viewport().width())
    width = window.table.viewport().width()
    shown = [header.logicalIndex(v) for v in range(header.count())]
    names = [window.submissions.headerData(i, Qt.Orientation.Horizontal) for i in shown]
    assert names == ["ID", "Status", "Project title", "Organisation", "Country"]
    for logical in shown:
        assert header.sectionSize(logical) >= header.minimumSectionSize()
        assert header.sectionViewportPosition(logical) + header.sectionSize(logical) <= width
    assert not window.table.horizontalScrollBar().isVisible()
    status = window.table.fontMetrics().horizontalAdvance("ineligible")
    assert header.sectionSize(STATUS) > status  # the word whole, beside its mark


def test_flagged_only_with_a_mark_a_colour_and_how_many_are_shown(window: MainWindow) -> None:
    assert window.shown_label.text() == "150 of 150 shown"
    eligible = next(r for r, (_sid, status) in enumerate(_rows(window)) if status == "eligible")
    index = window.submissions.index(eligible, STATUS)
    assert index.data(Qt.ItemDataRole.DecorationRole) is None
    assert index.data(Qt.ItemDataRole.ForegroundRole) is None
    window.flagged_only.setChecked(True)
    rows = _rows(window)
    flagged = int(window.empty_label.text().split(" · ")[1].split()[0])  # the status bar's
    assert len(rows) == flagged > 0
    assert window.shown_label.text() == f"{flagged} of 150 shown"
    assert {status for _sid, status in rows} == {"flagged", "ineligible"}
    red, amber, _green, _grey = status_colours()
    for row, (_sid, status) in enumerate(rows):
        index = window.submissions.index(row, STATUS)
        mark = index.data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(mark, QIcon) and not mark.isNull()
        colour = index.data(Qt.ItemDataRole.ForegroundRole)
        assert isinstance(colour, QBrush)
        assert colour.color().name() == (red if status == "ineligible" else amber)
    # The search within the flagged ones; none left: the detail pane says so.
    window.search.setText(rows[0][0])
    assert window.shown_label.text() == "1 of 150 shown"
    window.search.setText("no project is called this")
    assert window.shown_label.text() == "0 of 150 shown"
    assert "matches the search or the filter" in window.detail.toPlainText()


def test_sorting_and_filtering_keep_the_selected_project_selected(window: MainWindow) -> None:
    rows = _rows(window)
    row, (chosen, _status) = next(
        (r, item) for r, item in enumerate(rows) if item[1] != "eligible" and r > 3
    )
    window.table.selectRow(row)
    title = window.submissions.item(row).title  # type: ignore[union-attr]
    assert title in window.detail.toPlainText()
    for column, order in ((3, Qt.SortOrder.DescendingOrder), (1, Qt.SortOrder.AscendingOrder),
                          (STATUS, Qt.SortOrder.DescendingOrder)):  # fmt: skip
        window.table.sortByColumn(column, order)
        assert _current(window) == chosen
        assert [i.row() for i in window.table.selectionModel().selectedRows()] == [
            window.table.currentIndex().row()
        ]
        assert title in window.detail.toPlainText()
    window.flagged_only.setChecked(True)  # it is flagged: it stays
    assert _current(window) == chosen and title in window.detail.toPlainText()
    window.flagged_only.setChecked(False)
    assert _current(window) == chosen and window.shown_label.text() == "150 of 150 shown"
    window.search.setText(chosen)
    assert _current(window) == chosen and window.submissions.rowCount() >= 1
