"""Two chairs on one workspace at the same moment (issue 14): each deciding on what they
read, in processes of their own. A decision made on a view another chair changed since is
refused, naming who changed it and when; nothing is ever overwritten unseen."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from panel_app.workflow.final.final_round import final_round_report, record_selection
from panel_app.workflow.nomination.nominees import (
    add_nominee,
    freeze_nominees,
    nomination_report,
    remove_nominee,
)
from panel_app.workflow.record import StaleView
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace

from .test_final_round import CATEGORY, finals  # noqa: F401  (the fixture)
from .test_nomination import panel  # noqa: F401  (the fixture)

ROUNDS = 100
_CONTEXT = multiprocessing.get_context("spawn")


def _chair(location: WorkspaceLocation, name: str, barrier: Any, results: Any) -> None:
    """One chair: each round, read the final round, wait for the other chair, then select
    (chair A names 1 the winner, chair B names 2), and say what happened."""
    winner, champion = ("1", "2") if name == "A" else ("2", "1")
    with open_workspace(location) as workspace:
        for round_ in range(ROUNDS):
            seen = final_round_report(workspace).position
            barrier.wait(timeout=60)
            try:
                record_selection(
                    workspace,
                    CATEGORY,
                    winners=[winner],
                    champions=[champion, "3", "4", "5"],
                    reason=f"round {round_}",
                    actor=f"chair {name}",
                    seen=seen,
                )
                results.put((round_, name, "recorded", ""))
            except StaleView as stale:
                results.put((round_, name, "refused", stale.actor))
            barrier.wait(timeout=60)  # both done before the next round's reading


@pytest.mark.slow
def test_two_chairs_selecting_at_once_never_overwrite_each_other_unseen(
    finals: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    location = finals.location
    finals.close()  # the chairs open their own connections
    barrier = _CONTEXT.Barrier(2)
    results = _CONTEXT.Queue()
    chairs = [
        _CONTEXT.Process(target=_chair, args=(location, name, barrier, results))
        for name in ("A", "B")
    ]
    for chair in chairs:
        chair.start()
    outcomes: dict[int, dict[str, tuple[str, str]]] = {}
    for _ in range(2 * ROUNDS):
        round_, name, what, by = results.get(timeout=120)
        outcomes.setdefault(round_, {})[name] = (what, by)
    for chair in chairs:
        chair.join(timeout=60)
        assert chair.exitcode == 0
    silent = 0
    for round_, by_chair in sorted(outcomes.items()):
        recorded = [name for name, (what, _) in by_chair.items() if what == "recorded"]
        refused = {name: by for name, (what, by) in by_chair.items() if what == "refused"}
        # One chair's selection stands; the other was told who made it. Never both.
        silent += len(recorded) != 1
        assert len(recorded) == 1, (round_, by_chair)
        (loser,) = refused
        assert refused[loser] == f"chair {recorded[0]}"
    assert silent == 0
    with open_workspace(location) as workspace:
        report = final_round_report(workspace)
        (category,) = report.categories
        assert category.selection_reason == f"round {ROUNDS - 1}"


def test_a_selection_on_a_stale_view_changes_nothing_and_names_who_changed_it(
    finals: Any,  # noqa: F811
) -> None:
    seen = final_round_report(finals).position
    record_selection(finals, CATEGORY, winners=["1"], champions=["2", "3", "4", "5"],
                     reason="the panel's vote", actor="chair Ada")  # fmt: skip
    with pytest.raises(StaleView) as stale:
        record_selection(finals, CATEGORY, winners=["2"], champions=["1", "3", "4", "5"],
                         reason="my view", actor="chair Lin", seen=seen)  # fmt: skip
    message = str(stale.value)
    assert message.startswith(
        f"the selection of {CATEGORY} was changed since you read it: selection.recorded by "
        "chair Ada at "
    )
    assert "Nothing was recorded" in message
    (category,) = final_round_report(finals).categories
    assert category.selection_reason == "the panel's vote"  # Ada's stands
    # Read again, Lin's decision is taken (and replaces Ada's, with the audit saying so).
    fresh = final_round_report(finals).position
    again = record_selection(finals, CATEGORY, winners=["2"], champions=["1", "3", "4", "5"],
                             reason="my view", actor="chair Lin", seen=fresh)  # fmt: skip
    assert again.replaced == {"winner": ["1"], "champion": ["2", "3", "4", "5"]}


def test_nominee_decisions_and_a_freeze_on_a_stale_list_are_refused(
    panel: Any,  # noqa: F811
) -> None:
    seen = nomination_report(panel).position
    remove_nominee(panel, "5", "Withdrawn", actor="chair Ada")
    with pytest.raises(StaleView, match=r"nominee\.removed by chair Ada"):
        add_nominee(panel, "5", "Back on", actor="chair Lin", seen=seen)
    with pytest.raises(StaleView, match="the nominee list was changed since you read it"):
        freeze_nominees(panel, "Meeting", actor="chair Lin", seen=seen)
    # A decision on another project is not refused by Ada's: it is not about it.
    remove_nominee(panel, "6", "Duplicate of 7", actor="chair Lin", seen=seen)
    fresh = nomination_report(panel)
    assert "5" not in {e.submission_id for e in fresh.entries}
    assert freeze_nominees(panel, "Meeting", actor="chair Lin", seen=fresh.position).rows == 20


def test_an_assignment_by_hand_on_a_stale_view_is_refused(panel: OpenWorkspace) -> None:  # noqa: F811
    from panel_app.workflow.panel.assignment import add_assignment, remove_assignment
    from panel_app.workflow.record import chain_position

    seen = chain_position(panel)[0]
    add_assignment(panel, "E4", "25", reason="Her field", actor="chair Ada")
    with pytest.raises(StaleView, match=r"assignment\.added by chair Ada"):
        remove_assignment(panel, "E4", "25", reason="Too many", actor="chair Lin", seen=seen)
    with pytest.raises(StaleView, match="the assignment of E4 to 25 was changed"):
        add_assignment(panel, "E4", "25", reason="again", actor="chair Lin", seen=seen)
    fresh = chain_position(panel)[0]
    change = remove_assignment(panel, "E4", "25", reason="Too many", actor="chair Lin", seen=fresh)
    assert change.action == "removed"
