"""The chair's final round in the window: each category's finalists with the vote, the
scores, the places and every expert's rank, Kendall's W and the Schulze order; the
winner and champions recorded with a reason, and refused without one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from panel_app.demo.workspace import create_demo_workspace
from panel_app.demo.workspace_final_round import create_demo_final_round
from panel_app.ui.chair.final_round import FinalRoundWindow, SelectionForm
from panel_app.ui.chair.main_window import MainWindow
from panel_app.workflow.final.final_round import final_round_report, proposed_selection
from panel_app.workflow.workspace import WorkspaceLocation, locate_workspace, open_workspace
from tests.ui.conftest import SCREENSHOTS


@pytest.fixture
def final(tmp_path: Path) -> WorkspaceLocation:
    location = locate_workspace(tmp_path / "chair.sqlite")
    create_demo_workspace(location, count=150)
    with open_workspace(location) as ws:
        create_demo_final_round(ws, actor="chair")
    return location


def _read(qtbot: QtBot, window: FinalRoundWindow) -> None:
    qtbot.waitUntil(lambda: window.report is not None and not window.loading.busy, timeout=60000)


def test_the_final_round_its_figures_and_the_selection(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    settings: QSettings,
    final: WorkspaceLocation,
    screenshot_dir: Path,
) -> None:
    chair = MainWindow(settings)
    qtbot.addWidget(chair)
    assert not chair.final_action.isEnabled()
    assert chair.open_location(final)
    chair.final_action.trigger()
    window = chair.final_window
    assert isinstance(window, FinalRoundWindow)
    qtbot.addWidget(window)
    _read(qtbot, window)
    qtmodeltester.check(window.model)

    category = window.current_category()
    assert category is not None and window.model.rowCount() == len(category.finalists) > 0
    assert window.model.columnCount() == 9  # each expert's rank: the analysis pane's table
    assert window.ranks_model.rowCount() == len(category.experts)
    state = window.state_label.text()
    assert "Kendall's W" in state and "Schulze order of the experts' rankings:" in state
    first = category.finalists[0]
    assert window.model.index(0, 0).data() == first.submission_id
    window.grab().save(str(screenshot_dir / "chair-final-round-en.png"))

    window.choose_selection = lambda _c, w, c: (w, c, "  ")  # no reason: refused
    window.select_action.trigger()
    assert window.last_refusal == "a selection needs a reason: say why, for the record"

    winners, champions = proposed_selection(category)
    window.choose_selection = lambda _c, w, c: (w, c, "Panel meeting of 3 June")
    window.select_action.trigger()
    _read(qtbot, window)
    with open_workspace(final) as ws:
        stored = next(
            c for c in final_round_report(ws).categories
            if c.category_key == category.category_key
        )  # fmt: skip
    assert stored.selection_reason == "Panel meeting of 3 June"
    assert [r.submission_id for r in stored.finalists if r.selection == "winner"] == winners
    assert {r.submission_id for r in stored.finalists if r.selection == "champion"} == set(
        champions
    )
    assert "The chair's reason: Panel meeting of 3 June" in window.state_label.text()
    assert window.model.index(0, 7).data() in ("winner", "champion", "")


def test_the_selection_form_offers_the_proposal_and_returns_what_is_checked(
    qtbot: QtBot, final: WorkspaceLocation
) -> None:
    with open_workspace(final) as ws:
        category = final_round_report(ws).categories[0]
    winners, champions = proposed_selection(category)
    dialog = SelectionForm()
    qtbot.addWidget(dialog)
    dialog.show_category(category, winners, champions, "")
    assert not dialog.record.isEnabled()  # no reason yet
    dialog.reason.setText("Panel meeting")
    assert dialog.chosen() == (winners, champions, "Panel meeting")
    dialog.winner.setCurrentIndex(dialog.winner.findData(champions[0]))
    chosen_winners, chosen_champions, _reason = dialog.chosen()
    assert chosen_winners == [champions[0]] and champions[0] not in chosen_champions


def test_a_selection_another_chair_recorded_meanwhile_is_not_overwritten(
    qtbot: QtBot, settings: QSettings, final: WorkspaceLocation
) -> None:
    """Chair Lin reads the final round; chair Ada (another laptop, another connection)
    selects the same category; Lin's selection on what Lin read is refused, naming Ada,
    and the window reads the final round again."""
    from panel_app.workflow.final.final_round import record_selection

    chair = MainWindow(settings)
    qtbot.addWidget(chair)
    assert chair.open_location(final)
    window = chair.show_final_round()
    assert isinstance(window, FinalRoundWindow)
    qtbot.addWidget(window)
    _read(qtbot, window)
    category = window.current_category()
    assert category is not None
    winners, champions = proposed_selection(category)
    with open_workspace(final) as elsewhere:
        record_selection(elsewhere, category.category_key, winners=winners,
                         champions=champions, reason="Ada's panel", actor="chair Ada")  # fmt: skip
    read_before = window.report
    window.choose_selection = lambda _c, w, c: (w, c, "Lin's view")
    window.record_selection()
    assert "was changed since you read it: selection.recorded by chair Ada" in (window.last_refusal)
    qtbot.waitUntil(lambda: window.report is not read_before and not window.loading.busy)
    fresh = window.current_category()
    assert fresh is not None and fresh.selection_reason == "Ada's panel"  # Ada's stands


@pytest.fixture
def tied(tmp_path: Path) -> WorkspaceLocation:
    """C7: 7, 8, 9, 10 finalists by votes; 11, 12 and 13 tie for the 5th place."""
    from panel_app.workflow.intake.checks import run_checks
    from panel_app.workflow.intake.submissions import import_submissions
    from panel_app.workflow.nomination.nominees import freeze_nominees
    from panel_app.workflow.vote.public_vote import import_votes
    from tests.workflow.conftest import submission_row, write_workbook
    from tests.workflow.test_finalist_decisions import TIE
    from tests.workflow.test_nomination import add_reviews
    from tests.workflow.test_votes import tally

    location = locate_workspace(tmp_path / "tied.sqlite")
    rows = [submission_row(i) for i in range(1, 26)]
    with open_workspace(location, create=True, edition_key="wsis-2020") as ws:
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
        run_checks(ws, actor="test")
        add_reviews(ws, {str(i): 35 - i for i in range(1, 26)})
        freeze_nominees(ws, "Panel meeting", actor="chair")
        import_votes(ws, tally(tmp_path / "votes.csv", TIE), actor="chair")
    return location


def test_the_chair_settles_a_tie_and_takes_a_finalist_off_in_the_window(
    qtbot: QtBot, settings: QSettings, tied: WorkspaceLocation
) -> None:
    window = FinalRoundWindow(settings, tied)
    qtbot.addWidget(window)
    _read(qtbot, window)
    category = window.current_category()
    assert category is not None and category.unsettled
    assert window.categories.item(0).text() == "C7 ICT applications: E-health (tie to settle)"
    assert "Tied on public votes for the last finalist place(s): 11, 12, 13." in (
        window.state_label.text()
    )
    assert not window.select_action.isEnabled() and window.settle_action.isEnabled()

    window.choose_tie_picks = lambda _c: (["11", "12"], "Panel meeting")  # one place only
    window.settle_action.trigger()
    _read(qtbot, window)
    assert window.last_refusal.startswith("C7-ehealth has its 5 finalists")
    category = window.current_category()
    assert category is not None and not category.unsettled  # 11 went in before the refusal
    assert "11" in {r.submission_id for r in category.finalists}
    assert window.select_action.isEnabled() and not window.settle_action.isEnabled()

    row = next(n for n, r in enumerate(category.finalists) if r.submission_id == "9")
    window.table.setCurrentIndex(window.model.index(row, 0))
    assert window.take_off_action.isEnabled()
    window.ask_reason = lambda _title, _label: "Withdrawn by the organisation"
    window.take_off_action.trigger()
    _read(qtbot, window)
    category = window.current_category()
    assert category is not None
    assert {r.submission_id for r in category.finalists} == {"7", "8", "10", "11"}
    assert "9 is no longer a finalist of C7-ehealth." in window.statusBar().currentMessage()


def test_the_winner_is_no_champion_and_the_window_closes_with_esc(
    qtbot: QtBot, settings: QSettings, final: WorkspaceLocation
) -> None:
    from PySide6.QtCore import Qt

    window = FinalRoundWindow(settings, final)
    qtbot.addWidget(window)
    window.show()
    _read(qtbot, window)
    category = window.current_category()
    assert category is not None
    assert window.categories.item(0).text().startswith(category.category_key[:2])
    winners, champions = proposed_selection(category)
    dialog = SelectionForm(window)
    dialog.show_category(category, winners, [*champions, winners[0]], "")
    items = [dialog.champions.item(i) for i in range(dialog.champions.count())]
    winner_item = next(i for i in items if i.data(Qt.ItemDataRole.UserRole) == winners[0])
    assert winner_item.checkState() == Qt.CheckState.Unchecked
    assert not winner_item.flags() & Qt.ItemFlag.ItemIsEnabled
    dialog.winner.setCurrentIndex(dialog.winner.findData(champions[0]))
    assert winner_item.flags() & Qt.ItemFlag.ItemIsEnabled  # no longer the winner: free again

    assert "Esc" in [s.toString() for s in window.close_action.shortcuts()]
    other = FinalRoundWindow(settings, final)  # closed (and deleted) here, not by qtbot
    other.show()
    _read(qtbot, other)
    closed: list[bool] = []
    other.destroyed.connect(lambda: closed.append(True))
    other.close_action.trigger()
    qtbot.waitUntil(lambda: closed == [True])


def test_2017_the_finalists_beyond_the_top_three_are_listed_not_analysed(
    qtbot: QtBot, qtmodeltester: ModelTester, settings: QSettings, tmp_path: Path
) -> None:
    """2017: five finalists, the top three by votes analysed; the other two listed below
    them, not scored, offered as champions and never as the winner."""
    from panel_app.demo.season import advance_demo

    location = locate_workspace(tmp_path / "chair2017.sqlite")
    create_demo_workspace(location, count=150, edition_key="wsis-2017")
    with open_workspace(location) as ws:
        advance_demo(ws, "final", tmp_path)
    window = FinalRoundWindow(settings, location)
    qtbot.addWidget(window)
    _read(qtbot, window)
    qtmodeltester.check(window.model)
    assert window.report is not None
    row = next(n for n, c in enumerate(window.report.categories) if c.not_analysed)
    window.categories.setCurrentRow(row)
    category = window.current_category()
    assert category is not None and category.not_analysed
    analysed = len(category.finalists)
    assert window.model.rowCount() == analysed + len(category.not_analysed)
    other = category.not_analysed[0]
    assert window.model.index(analysed, 0).data() == other.submission_id
    assert window.model.index(analysed, 6).data() == "not analysed"
    assert window.model.index(analysed, 4).data() == ""  # no final-round score
    winners, champions = proposed_selection(category)
    dialog = SelectionForm()
    qtbot.addWidget(dialog)
    dialog.show_category(category, winners, champions, "")
    offered = [dialog.winner.itemData(i) for i in range(dialog.winner.count())]
    assert other.submission_id not in offered  # the winner: one of the top three
    listed = [dialog.champions.item(i).text() for i in range(dialog.champions.count())]
    assert (
        f"{other.submission_id} {other.title} (not analysed: it may be a champion, not the winner)"
        in listed
    )


def _expert_names(location: WorkspaceLocation) -> dict[str, str]:
    from sqlalchemy import select

    from panel_app.store.models import Expert

    with open_workspace(location) as ws, ws.sessions() as session:
        return dict(session.execute(select(Expert.expert_code, Expert.name)).tuples().all())


def test_the_experts_are_named_and_the_reviews_pane_fills_with_the_selected_finalist(
    qtbot: QtBot, qtmodeltester: ModelTester, settings: QSettings, final: WorkspaceLocation
) -> None:
    """A chair reads people, not E001: each expert's ranking by name, and the selected
    finalist's reviews with each expert's name, the figures and the comment."""
    window = FinalRoundWindow(settings, final)
    qtbot.addWidget(window)
    window.show()
    _read(qtbot, window)
    qtmodeltester.check(window.ranks_model)
    qtmodeltester.check(window.criteria_model)
    names = _expert_names(final)
    category = window.current_category()
    assert category is not None and category.experts
    shown = [window.ranks_model.index(n, 0).data() for n in range(window.ranks_model.rowCount())]
    assert shown == [names[code] for code in category.experts]  # names, never the codes
    assert not set(shown) & set(category.experts)
    assert window.ranks_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == (
        f"{names[category.experts[0]]} ({category.experts[0]})"
    )

    # The first finalist is shown at once; selecting the second shows its reviews.
    first = category.finalists[0]
    assert window.reviews.toPlainText().startswith(f"{first.submission_id} {first.title}")
    second = category.finalists[1]
    window.table.selectRow(1)
    text = window.reviews.toPlainText()
    assert text.startswith(f"{second.submission_id} {second.title}")
    assert second.organisation in text
    for line in second.review_lines:
        assert f"{names[line.expert_code]} ({line.expert_code})" in text
        if line.rank is not None:
            assert f"rank {line.rank:g}, score" in text
    comments = [line.comment for line in second.review_lines if line.comment]
    assert comments, "the demo's final round comments most reviews"
    assert all(comment.splitlines()[0] in text for comment in comments)
    assert window.take_off_action.isEnabled()

    # Another category: its own first finalist, its own experts.
    window.categories.setCurrentRow(1)
    other = window.current_category()
    assert other is not None and other.category_key != category.category_key
    assert window.reviews.toPlainText().startswith(other.finalists[0].submission_id)


def _area(widget: QWidget) -> int:
    return widget.width() * widget.height() if widget.isVisible() else 0


@pytest.mark.parametrize("size", [(1366, 768), (910, 512)])
def test_the_window_leaves_no_large_empty_region(
    qtbot: QtBot, settings: QSettings, final: WorkspaceLocation, size: tuple[int, int]
) -> None:
    """At 1366x768 and at 150% of it (910x512 logical pixels): the categories, the
    finalists, the reviews, the analysis and the selection cover the window, and the
    finalists' table has no empty band under its rows (it had two thirds of the window)."""
    window = FinalRoundWindow(settings, final)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    _read(qtbot, window)
    qtbot.waitUntil(lambda: window.table.verticalHeader().length() > 0)
    assert (window.width(), window.height()) == size  # nothing makes it wider than the screen
    central = window.centralWidget()
    assert central is not None
    panes = (
        window.categories, window.table, window.reviews_pane, window.analysis_pane,
        window.selection_pane,
    )  # fmt: skip
    covered = sum(_area(pane) for pane in panes)
    assert covered >= 0.85 * _area(central), (covered, _area(central))
    rows = window.table.verticalHeader().length()
    empty_band = window.table.viewport().height() - rows
    assert rows <= window.table.viewport().height()  # every finalist in view
    assert not window.table.horizontalScrollBar().isVisible()  # every column in view
    assert empty_band < window.table.verticalHeader().defaultSectionSize()
    # What is below the finalists is the larger part: the reviews are read there.
    assert window.reviews.height() > window.table.height()
    assert window.reviews.width() >= 0.25 * size[0]
    window.grab().save(str(SCREENSHOTS / f"final-round-{size[0]}x{size[1]}.png"))


def test_the_chair_records_the_selection_from_the_form_beside_the_finalists(
    qtbot: QtBot, settings: QSettings, final: WorkspaceLocation
) -> None:
    window = FinalRoundWindow(settings, final)
    qtbot.addWidget(window)
    window.show()
    _read(qtbot, window)
    category = window.current_category()
    assert category is not None
    winners, champions = proposed_selection(category)
    form = window.selection_form
    assert form.summary.text().startswith("Not recorded yet. Proposed from the Schulze order")
    assert form.chosen()[:2] == (winners, champions)  # the proposal, filled in
    assert not form.record.isEnabled()  # no reason yet

    # The menu's Record without a reason: the cursor goes to the reason, nothing refused.
    window.select_action.trigger()
    assert window.last_refusal == ""
    assert "Give the reason for the record" in window.statusBar().currentMessage()

    # The chair's choice survives a reading with nothing changed for the category.
    form.winner.setCurrentIndex(form.winner.findData(champions[0]))
    before = window.report
    window.refresh()
    qtbot.waitUntil(lambda: window.report is not before and not window.loading.busy)
    assert form.winner.currentData() == champions[0]

    form.winner.setCurrentIndex(form.winner.findData(winners[0]))
    for i in range(form.champions.count()):
        item = form.champions.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in champions:
            item.setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(form.reason, "Panel meeting of 3 June")
    assert form.record.isEnabled()
    before = window.report
    qtbot.mouseClick(form.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.report is not before and not window.loading.busy)
    with open_workspace(final) as ws:
        stored = next(
            c for c in final_round_report(ws).categories
            if c.category_key == category.category_key
        )  # fmt: skip
    assert stored.selection_reason == "Panel meeting of 3 June"
    assert [r.submission_id for r in stored.finalists if r.selection == "winner"] == winners
    assert form.summary.text().startswith(f"Recorded: winner {winners[0]}; champions ")
    assert form.reason.text() == ""  # a new record needs its own reason
    assert window.model.index(0, 7).data() in ("winner", "champion")
    assert "(selected)" in window.categories.item(0).text()
