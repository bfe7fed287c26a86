"""The chair's landing view on demo seasons at several phases: where the season stands in
words, the one next step and the window its button opens, the links of each phase, the
view kept current by a change, and View > Season overview to come back to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from panel_app.ui.chair.main_window import MainWindow
from panel_app.workflow.handover import OpenFinding, open_findings
from panel_app.workflow.workspace import locate_workspace, open_workspace

from ..seasons import demo_season


@pytest.fixture(scope="module")
def seasons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("seasons")


def _open(
    qtbot: QtBot, settings: QSettings, seasons: Path, phase: str, tmp_path: Path
) -> MainWindow:
    """A window on a copy of the demo season at `phase`, its overview read."""
    path = Path(shutil.copy(demo_season(seasons, phase), tmp_path / f"{phase}.sqlite"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert window.open_location(locate_workspace(path))
    qtbot.waitUntil(lambda: window.season_read.reads >= 1 and not window.season_read.busy)
    return window


def _row(window: MainWindow, key: str) -> tuple[str, str]:
    row = window.season_view.rows[key]
    return row.state.text(), row.counts.text()


def _open_findings(window: MainWindow) -> dict[str, tuple[OpenFinding, ...]]:
    assert window.workspace is not None
    with open_workspace(window.workspace.location) as ws, ws.sessions() as session:
        return open_findings(session)


def _shown_windows(kind: str) -> list[QWidget]:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if type(w).__name__ == kind and w.isVisible()]


def test_the_landing_view_says_where_the_season_stands(
    qtbot: QtBot, settings: QSettings, seasons: Path, tmp_path: Path, screenshot_dir: Path
) -> None:
    window = _open(qtbot, settings, seasons, "nominees", tmp_path)
    view = window.season_view
    assert window.tabs.currentWidget() is view  # the workspace opens on its season
    assert view.title.text() == "Where the season stands: WSIS Prizes 2020"
    assert view.dates.text() == window.phase_label.text() != ""  # the edition's dates
    findings = sum(len(f) for f in _open_findings(window).values())
    flagged = window.empty_label.text().split(" · ")[1]  # "11 flagged", as the status bar
    marked = flagged.split()[0]
    assert _row(window, "import") == ("Done", "150 submissions in 18 categories")
    state, counts = _row(window, "checks")
    assert state == "Done"
    assert counts.startswith(f"{findings} open rule findings on {marked} submissions: ")
    assert _row(window, "merge") == (
        "Done", "429 of 429 reviews returned · 96 of 96 experts complete"
    )  # fmt: skip
    state, counts = _row(window, "nominees")
    assert state == "Done" and counts.endswith(" nominees · settled in 18 of 18 categories")
    nominees = counts.split()[0]
    state, counts = _row(window, "freeze")
    assert state == "Done"
    assert counts.startswith("Frozen on ") and counts.endswith(f" by chair: {nominees} nominees")
    assert _row(window, "vote") == ("Not started", "No vote imported yet")
    assert _row(window, "exports") == ("Not started", "Nominee list: not exported yet")
    # Each state its own mark (colour is not the only cue) and its word for a screen reader.
    marks = {window.season_view.rows[k].mark.pixmap().cacheKey() for k in ("import", "vote")}
    assert len(marks) == 2
    assert view.rows["vote"].mark.accessibleName() == "Not started"
    # The one next step: the list to the secretariat, who runs the vote.
    assert view.next_heading.text() == "Next: Public vote"
    assert view.next_text.text() == (
        "Export the nominee list for the secretariat, who runs the public vote; then "
        "import the vote it sends."
    )
    assert view.next_button.text() == "Export the nominee list…"
    assert window.grab().save(str(screenshot_dir / "season-overview-en.png"))


def test_the_next_step_opens_its_window(
    qtbot: QtBot, settings: QSettings, seasons: Path, tmp_path: Path
) -> None:
    window = _open(qtbot, settings, seasons, "review", tmp_path)
    view = window.season_view
    assert _row(window, "nominees")[0] == "In progress"
    assert _row(window, "freeze") == (
        "Blocked", "Not frozen: the ties and findings on the list come first"
    )  # fmt: skip
    assert view.next_heading.text() == "Next: Nominees"
    assert view.next_button.text() == "Nominees…"
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert window.nominees_window is not None and window.nominees_window.isVisible()
    assert _shown_windows("NomineesWindow") == [window.nominees_window]


def test_the_final_round_is_assigned_in_the_panel_window_on_its_round(
    qtbot: QtBot, settings: QSettings, seasons: Path, tmp_path: Path
) -> None:
    window = _open(qtbot, settings, seasons, "vote", tmp_path)
    view = window.season_view
    assert _row(window, "finalists")[0] == "Done"
    assert _row(window, "final-round") == ("Not started", "No final-round assignment yet")
    assert view.next_heading.text() == "Next: Final round"
    assert view.next_button.text() == "Assign the final round…"
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    panel = window.panel_window
    assert panel is not None and panel.isVisible()
    assert panel.round.currentData() == "final"  # type: ignore[attr-defined]


def test_the_winners_chosen_the_next_step_is_the_secretariats_lists(
    qtbot: QtBot, settings: QSettings, seasons: Path, tmp_path: Path
) -> None:
    window = _open(qtbot, settings, seasons, "selection", tmp_path)
    view = window.season_view
    assert _row(window, "final-round")[0] == "Done"
    assert _row(window, "selection") == (
        "Done", "Winners and champions chosen in 18 of 18 categories"
    )  # fmt: skip
    assert view.next_heading.text() == "Next: Exports"
    asked: list[str] = []

    def choose(_parent: object, title: str, _start: str) -> str:
        asked.append(title)
        return ""  # the chair cancels the save dialog

    window.secretariat.choose_file = choose
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert asked == ["Export the nominee list"]


def test_the_overview_follows_what_changes(
    qtbot: QtBot, settings: QSettings, seasons: Path, tmp_path: Path
) -> None:
    window = _open(qtbot, settings, seasons, "nominees", tmp_path)
    view = window.season_view
    # An export through the File menu: the list is with the secretariat, the vote is next.
    reads = window.season_read.reads
    out = tmp_path / "nominees.xlsx"
    window.secretariat.choose_file = lambda _p, _t, _s: str(out)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.season_read.reads > reads and not window.season_read.busy)
    assert out.exists()
    assert view.next_button.text() == "Import public vote…"
    assert _row(window, "exports")[1].startswith("Nominee list: exported on ")
    # A finding overruled in this window (publish): the checks' count follows.
    before = _row(window, "checks")[1]
    finding = next(f for items in _open_findings(window).values() for f in items)
    reads = window.season_read.reads
    assert window.overrule(finding.finding_id, "Checked: the rule does not apply here")
    qtbot.waitUntil(lambda: window.season_read.reads > reads and not window.season_read.busy)
    after = _row(window, "checks")[1]
    assert int(after.split()[0]) == int(before.split()[0]) - 1


def test_a_rows_link_shows_the_flagged_submissions_and_the_view_menu_comes_back(
    qtbot: QtBot, settings: QSettings, seasons: Path, tmp_path: Path
) -> None:
    window = _open(qtbot, settings, seasons, "review", tmp_path)
    links = window.season_view.rows["checks"].buttons
    assert [b.text() for b in links.values()] == ["Rule findings…", "Show the flagged submissions"]
    qtbot.mouseClick(links["flagged-submissions"], Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.splitter
    assert window.flagged_only.isChecked()
    flagged = int(window.empty_label.text().split(" · ")[1].split()[0])
    assert window.shown_label.text() == f"{flagged} of 150 shown"
    statuses = {window.submissions.index(r, 4).data() for r in range(window.submissions.rowCount())}
    assert statuses <= {"flagged", "ineligible"} and window.submissions.rowCount() == flagged
    window.overview_action.trigger()  # View > Season overview
    assert window.tabs.currentWidget() is window.season_view
    assert window.overview_action.shortcut().toString() == "Ctrl+1"
    window.submissions_action.trigger()
    assert window.tabs.currentWidget() is window.splitter
