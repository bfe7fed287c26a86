"""The chair's nominee list in the window: each category's ranking with every figure
behind a place, a project taken off and put back with reasons, the list frozen; a
decision without a reason is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from panel_app.demo.workspace import create_demo_workspace
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.chair.nominees import NomineesWindow
from panel_app.workflow.changes import Touched
from panel_app.workflow.nomination.nominees import nomination_report
from panel_app.workflow.nomination.standing import (
    ADDED,
    ON_LIST,
    PROPOSED,
    REMOVED,
    NomineeLine,
    category_lines,
)
from panel_app.workflow.workspace import WorkspaceLocation, locate_workspace, open_workspace
from tests.nominees import overrule_open_findings_on_nominees


@pytest.fixture
def demo(tmp_path: Path) -> WorkspaceLocation:
    location = locate_workspace(tmp_path / "chair.sqlite")
    create_demo_workspace(location, count=150)
    return location


def category_lines_of(window: NomineesWindow, key: str) -> list[NomineeLine]:
    assert window.report is not None
    return category_lines(window.report, key)


def _ranked(qtbot: QtBot, window: NomineesWindow) -> None:
    qtbot.waitUntil(lambda: window.report is not None and not window.ranking.busy, timeout=60000)


def test_the_ranking_its_figures_and_the_chairs_decisions(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    settings: QSettings,
    demo: WorkspaceLocation,
    screenshot_dir: Path,
) -> None:
    chair = MainWindow(settings)
    qtbot.addWidget(chair)
    assert not chair.nominees_action.isEnabled()  # no workspace yet
    assert chair.open_location(demo)
    chair.nominees_action.trigger()
    window = chair.nominees_window
    assert isinstance(window, NomineesWindow)
    qtbot.addWidget(window)
    _ranked(qtbot, window)
    qtmodeltester.check(window.model)

    assert window.categories.count() == 18
    first = window.model.lines[0]
    assert (first.place, first.status) == (1, ON_LIST)
    assert window.state_label.text().startswith("A proposal, ranked by the calibrated scores")
    detail = window.detail.toPlainText()
    assert "Mean of the experts' composites" in detail and "Reviews counted" in detail
    assert f"{first.score:.2f}" in detail
    window.grab().save(str(screenshot_dir / "chair-nominees-en.png"))

    window.ask_reason = lambda _title, _label: "   "  # no reason: refused, nothing changes
    window.remove_action.trigger()
    assert window.last_refusal == "a decision needs a reason: say why, for the record"

    window.ask_reason = lambda _title, _label: "Same project as one funded in 2019"
    window.remove_action.trigger()
    _ranked(qtbot, window)
    removed = next(x for x in window.model.lines if x.submission_id == first.submission_id)
    assert removed.status == REMOVED and removed.reasons == ("Same project as one funded in 2019",)
    with open_workspace(demo) as ws:
        report = nomination_report(ws)
    assert first.submission_id in {d.submission_id for d in report.removed}

    window.table.selectRow(window.model.lines.index(removed))
    window.ask_reason = lambda _title, _label: "The panel put it back after the hearing"
    assert window.add_action.isEnabled()
    window.add_action.trigger()
    _ranked(qtbot, window)
    back = next(x for x in window.model.lines if x.submission_id == first.submission_id)
    assert back.status == ADDED

    # The demo's planted pair on the list: shown, and the freeze refused until overruled.
    flagged = [
        (key, line)
        for key in [window._category_at(row) for row in range(window.categories.count())]
        for line in category_lines_of(window, key)
        if line.findings
    ]
    assert flagged, "the demo plants rule 3 and 4 pairs among the nominees"
    key, line = flagged[0]
    window.categories.setCurrentRow(
        next(r for r in range(window.categories.count()) if window._category_at(r) == key)
    )
    row = next(n for n, x in enumerate(window.model.lines) if x.submission_id == line.submission_id)
    assert window.model.index(row, 7).data() == ", ".join(line.rules)
    window.table.selectRow(row)
    assert "Open rule findings (overrule each with a reason" in window.detail.toPlainText()
    window.ask_reason = lambda _title, _label: "Panel meeting of 3 June"
    window.freeze_action.trigger()
    assert window.last_refusal.startswith(
        "the list cannot be frozen while nominees have open rule findings: "
    )
    assert line.findings[0] in window.last_refusal
    with open_workspace(demo) as ws:
        overrule_open_findings_on_nominees(ws)
    window.refresh()
    _ranked(qtbot, window)
    window.freeze_action.trigger()
    _ranked(qtbot, window)
    assert window.state_label.text().startswith("Frozen on ")
    assert "Panel meeting of 3 June" in window.state_label.text()
    assert not window.add_action.isEnabled() and not window.remove_action.isEnabled()
    assert window.unfreeze_action.isEnabled()


def test_closing_the_chairs_window_while_it_ranks_closes_the_nominees_cleanly(
    qtbot: QtBot, settings: QSettings, demo: WorkspaceLocation
) -> None:
    chair = MainWindow(settings)
    qtbot.addWidget(chair)
    assert chair.open_location(demo)
    window = chair.show_nominees()
    assert isinstance(window, NomineesWindow) and window.ranking.busy
    closed: list[bool] = []
    window.destroyed.connect(lambda: closed.append(True))
    chair.close()  # waits for the ranking to wind down, then lets the window go
    qtbot.waitUntil(lambda: bool(closed))
    assert chair.nominees_window is None


def test_a_change_heard_while_ranking_is_read_again_once_the_ranking_ends(
    qtbot: QtBot, settings: QSettings, demo: WorkspaceLocation
) -> None:
    """The ranking running may have read the workspace before the change: it is not
    trusted, a second one follows; a change the window does not show reads nothing."""
    chair = MainWindow(settings)
    qtbot.addWidget(chair)
    assert chair.open_location(demo)
    window = chair.show_nominees()
    assert isinstance(window, NomineesWindow) and window.ranking.busy
    reports: list[object] = []
    window.ranking.started.connect(lambda _worker: reports.append(window.report))
    window.follow(Touched.PACKAGES)  # not shown here
    window.follow(Touched.REVIEWS)  # shown: read again, after the ranking under way
    _ranked(qtbot, window)
    qtbot.waitUntil(lambda: len(reports) == 1 and not window.ranking.busy, timeout=60000)
    first = reports[0]
    assert first is not None and window.report is not first  # ranked twice in all
    qtbot.wait(200)
    assert len(reports) == 1 and not window.ranking.busy


def test_an_edition_with_no_fixed_count_a_rule_and_several_rows_at_once(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, screenshot_dir: Path
) -> None:
    """2017: nothing proposed, and the window says why; the chair's rule proposes the top
    K, selected in the table, added with one reason; several rows removed with one."""
    location = locate_workspace(tmp_path / "chair2017.sqlite")
    create_demo_workspace(location, count=150, edition_key="wsis-2017")
    window = NomineesWindow(settings, location)
    qtbot.addWidget(window)
    _ranked(qtbot, window)
    assert window.report is not None and window.report.entries == ()
    assert "this edition sets no nominee count, so nothing is proposed by itself" in (
        window.state_label.text()
    )
    assert window.rule_action.isEnabled() and not window.add_proposal_action.isEnabled()

    window.ask_rule = lambda _rule: (2, None)  # the top two of each category
    window.rule_action.trigger()
    _ranked(qtbot, window)
    assert window.rule == (2, None)
    assert "Your rule, the top 2 of each category, proposes" in window.state_label.text()
    proposed = [line for line in window.model.lines if line.status == PROPOSED]
    assert len(proposed) == 2
    assert {line.submission_id for line in window.selected_lines()} == {
        line.submission_id for line in proposed
    }  # selected: Add to the list takes them with one reason
    assert window.model.index(window.model.lines.index(proposed[0]), 6).data() == (
        "proposed by your rule: not on the list yet"
    )
    window.grab().save(str(screenshot_dir / "chair-nominees-2017-rule.png"))
    asked: list[str] = []
    window.ask_reason = lambda _title, label: asked.append(label) or "Panel meeting, day 1"
    window.add_action.trigger()
    _ranked(qtbot, window)
    assert asked[0].startswith("Why do these 2 projects go on the list (")
    listed = [line for line in window.model.lines if line.status == ADDED]
    assert {line.submission_id for line in listed} == {line.submission_id for line in proposed}

    window.ask_reason = lambda _title, _label: "Panel meeting, day 2: every category"
    window.add_proposal_action.trigger()  # the rule's proposal in the other categories
    _ranked(qtbot, window)
    assert window.rule is None  # added: the list shows itself again
    assert len(window.report.entries) == 2 * window.categories.count() - sum(
        1 for w in window.report.warnings if "tie at the last" in w
    )

    window.table.clearSelection()
    window.table.selectRow(window.model.lines.index(next(x for x in window.model.lines
                                                         if x.status == ADDED)))  # fmt: skip
    window.table.setSelectionMode(window.table.SelectionMode.MultiSelection)
    window.table.selectRow(1)
    window.ask_reason = lambda _title, _label: "Withdrawn"
    assert window.remove_action.isEnabled()
    window.remove_action.trigger()
    _ranked(qtbot, window)
    assert sum(1 for line in window.model.lines if line.status == REMOVED) == 2


def test_a_project_failed_at_a_gate_is_shown_in_its_column_and_why_pane(
    qtbot: QtBot, settings: QSettings, demo: WorkspaceLocation
) -> None:
    window = NomineesWindow(settings, demo)
    qtbot.addWidget(window)
    _ranked(qtbot, window)
    found = [
        (row, key, line)
        for row in range(window.categories.count())
        for key in [window._category_at(row)]
        for line in category_lines_of(window, key)
        if line.failed_gates
    ]
    assert found, "the demo's experts fail a few projects at a gate"
    row, _key, line = found[0]
    window.categories.setCurrentRow(row)
    place = next(
        n for n, x in enumerate(window.model.lines) if x.submission_id == line.submission_id
    )
    assert window.model.index(place, 8).data() == ", ".join(str(g.gate) for g in line.failed_gates)
    verdict = line.failed_gates[0]
    assert (
        window.model.index(place, 8)
        .data(Qt.ItemDataRole.ToolTipRole)
        .startswith(
            f"Gate {verdict.gate}: failed by {verdict.failed} of its {verdict.experts} experts"
        )
    )
    window.table.clearSelection()
    window.table.selectRow(place)
    why = window.detail.toPlainText()
    assert "A majority of its experts failed this project at a nomination gate" in why
    assert (
        f"Gate {verdict.gate}: {verdict.failed} of its {verdict.experts} experts answered no" in why
    )
    clean = next(x for x in window.model.lines if x.gates and not x.failed_gates)
    window.table.clearSelection()
    window.table.selectRow(window.model.lines.index(clean))
    assert "A majority of its experts failed" not in window.detail.toPlainText()
    assert "The gates, as its experts answered them:" in window.detail.toPlainText()


def test_the_why_pane_names_the_experts_and_no_column_cuts_a_status(
    qtbot: QtBot, settings: QSettings, demo: WorkspaceLocation
) -> None:
    """People, not E001: a review not counted and each expert's leniency name the expert
    (with the code the files carry); the short columns hold their words whole (a status
    was cut to "removed by the chai"); an empty findings or gates column takes no room."""
    from PySide6.QtGui import QFont, QFontMetrics
    from sqlalchemy import select

    from panel_app.store.models import Expert

    with open_workspace(demo) as ws, ws.sessions() as session:
        names = dict(session.execute(select(Expert.expert_code, Expert.name)).tuples().all())
    window = NomineesWindow(settings, demo)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    _ranked(qtbot, window)
    found = [
        (row, line)
        for row in range(window.categories.count())
        for line in category_lines_of(window, window._category_at(row))
        if line.row is not None and line.row.not_counted
    ]
    assert found, "the demo plants conflicts and abstentions"
    row, line = found[0]
    window.categories.setCurrentRow(row)
    window.table.clearSelection()
    window.table.selectRow(window.model.lines.index(line))
    why = window.detail.toPlainText()
    review = line.row.not_counted[0].review
    assert f"{names[review.expert_id]} ({review.expert_id}) (" in why
    assert _experts_not_named(window, names, why) == []

    # Take the first nominee off: its status is the longest word of the column, whole.
    window.table.clearSelection()
    window.table.selectRow(0)
    window.ask_reason = lambda _title, _label: "Withdrawn by the organisation"
    window.remove_action.trigger()
    _ranked(qtbot, window)
    bold = QFont(window.table.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    for column in (0, 1, 4, 5, 6):
        widest = max(
            metrics.horizontalAdvance(window.model.index(n, column).data() or "")
            for n in range(window.model.rowCount())
        )
        assert window.table.columnWidth(column) > widest, column
    assert "removed by the chair" in {
        window.model.index(n, 6).data() for n in range(window.model.rowCount())
    }
    lines = window.model.lines
    assert window.table.isColumnHidden(7) == (not any(x.findings for x in lines))
    assert window.table.isColumnHidden(8) == (not any(x.failed_gates for x in lines))
    assert window.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == lines[0].title

    # A category's notes under the header, without its key (C2-infrastructure: ...).
    assert window.report is not None
    noted = {w.split(": ", 1)[0] for w in window.report.warnings}
    assert noted, "the demo's nominees carry findings and failed gates"
    for row in range(window.categories.count()):
        key = window._category_at(row)
        if key in noted:
            window.categories.setCurrentRow(row)
            assert len(window.state_label.text().splitlines()) > 1
            assert f"{key}:" not in window.state_label.text()

    # At 150% of 1366x768 (910x512): the notes wrap, whole, and the window stays on screen
    # (unwrapped, a long note made it wider than the screen, the why pane cut off).
    window.resize(910, 512)
    label = window.state_label
    qtbot.waitUntil(lambda: window.width() == 910 and label.width() < 910)
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))


def _experts_not_named(window: NomineesWindow, names: dict[str, str], why: str) -> list[str]:
    """The experts with a leniency in the category the pane does not name."""
    assert window.report is not None
    result = next(r for r in window.report.results if r.category_key == window._category)
    experts = [x.expert_id for x in result.experts if x.offset is not None]
    assert experts
    return [code for code in experts if f"{names[code]} ({code})" not in why]
