"""The chair's final round in the window: each category's finalists with the vote, the
scores, the places and every expert's rank, Kendall's W and the Schulze order; the
winner and champions recorded with a reason, and refused without one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from panel_app.demo.workspace import create_demo_workspace
from panel_app.demo.workspace_final_round import create_demo_final_round
from panel_app.ui.chair.final_round import FinalRoundWindow, SelectionDialog
from panel_app.ui.chair.main_window import MainWindow
from panel_app.workflow.final.final_round import final_round_report, proposed_selection
from panel_app.workflow.workspace import WorkspaceLocation, locate_workspace, open_workspace


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
    columns = window.model.columnCount()
    assert columns == 8 + len(category.experts)
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


def test_the_selection_dialog_offers_the_proposal_and_returns_what_is_checked(
    qtbot: QtBot, final: WorkspaceLocation
) -> None:
    with open_workspace(final) as ws:
        category = final_round_report(ws).categories[0]
    winners, champions = proposed_selection(category)
    dialog = SelectionDialog(category, winners, champions)
    qtbot.addWidget(dialog)
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
