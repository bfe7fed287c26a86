"""A chair's own conflicts of interest: declared as an expert's are (an organisation, a
submission), a conflicted chair's decision on the project is refused, naming the conflict
(nominee add and remove, overrule, finalist add and remove, the selection), another chair
decides and the audit log says who; a conflict withdrawn with a reason stays on record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from panel_app.store.models import AuditEntry
from panel_app.workflow.chairs import (
    ChairRefused,
    add_chair,
    chair_conflicts,
    declare_chair_conflict,
    withdraw_chair_conflict,
)
from panel_app.workflow.final.final_round import SelectionRefused, record_selection
from panel_app.workflow.intake.checks import OverruleRefused, overrule_finding
from panel_app.workflow.nomination.nominees import (
    NominationRefused,
    remove_nominee,
    remove_nominees,
    unfreeze_nominees,
)
from panel_app.workflow.vote.finalist_decisions import FinalistRefused, remove_finalist
from panel_app.workflow.vote.public_vote import import_votes
from panel_app.workflow.workspace import OpenWorkspace

from .test_finalist_decisions import open_warning
from .test_votes import tally, voting  # noqa: F401 (the fixture)

CONFLICT_3 = "Ada declared a conflict of interest with this submission (3; conflict 1: "


@pytest.fixture
def chaired(voting: OpenWorkspace) -> OpenWorkspace:  # noqa: F811
    """The frozen list of 20; chairs Ada and Lin; Ada conflicted with submission 3 and
    with Organisation 12 (which submitted 12)."""
    add_chair(voting, "Ada", "chair", actor="setup")
    add_chair(voting, "Lin", "co-chair", actor="Ada")
    declare_chair_conflict(voting, "ada", submission_id="3", reason="my brother leads it",
                           actor="Ada")  # fmt: skip
    declare_chair_conflict(voting, "Ada", organisation="  organisation   12 ",
                           reason="I sit on its board", actor="Lin")  # fmt: skip
    return voting


def last_entry(ws: OpenWorkspace, action: str) -> AuditEntry:
    with ws.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id.desc())
        ).first()
    assert entry is not None
    return entry


def test_a_conflict_is_declared_with_its_reason_and_by_whom(chaired: OpenWorkspace) -> None:
    rows = chair_conflicts(chaired, "Ada")
    assert [(r.id, r.what, r.declared_by) for r in rows] == [
        (1, "submission 3", "Ada"),
        (2, "the organisation organisation 12", "Lin"),
    ]
    entry = last_entry(chaired, "chair.conflict_declared")
    assert (entry.actor, entry.entity_id, entry.after["reason"]) == (
        "Lin", "Ada", "I sit on its board",
    )  # fmt: skip
    with pytest.raises(ChairRefused, match="an organisation or a submission, one of them"):
        declare_chair_conflict(chaired, "Ada", reason="?", actor="Ada")
    with pytest.raises(ChairRefused, match="no submission with ID '99'"):
        declare_chair_conflict(chaired, "Ada", submission_id="99", reason="x", actor="Ada")
    with pytest.raises(ChairRefused, match="needs its reason"):
        declare_chair_conflict(chaired, "Lin", submission_id="4", reason=" ", actor="Lin")


def test_nominee_decisions_of_a_conflicted_chair_are_refused(chaired: OpenWorkspace) -> None:
    unfreeze_nominees(chaired, "the vote is late: one more look", actor="Lin")
    with pytest.raises(NominationRefused) as refused:
        remove_nominee(chaired, "3", "withdrawn", actor="Ada")
    assert CONFLICT_3 in str(refused.value) and "another chair decides on 3" in str(refused.value)
    with pytest.raises(NominationRefused) as refused:
        remove_nominees(chaired, ["2", "12"], "withdrawn", actor="Ada")
    assert "with organisation 12, which submitted it (12; conflict 2" in str(refused.value)
    assert last_entry(chaired, "nominees.unfrozen").actor == "Lin"  # nothing after it
    remove_nominees(chaired, ["2", "12"], "withdrawn", actor="Lin")
    assert last_entry(chaired, "nominee.removed").actor == "Lin"

    withdraw_chair_conflict(chaired, 2, "she left the board in 2018", actor="Ada")
    remove_nominee(chaired, "14", "withdrawn", actor="Ada")  # no conflict with 14 anyway
    assert [r.active for r in chair_conflicts(chaired)] == [True, False]


def test_an_overrule_by_a_conflicted_chair_is_refused(chaired: OpenWorkspace) -> None:
    finding = open_warning(chaired, "3", "4")
    with pytest.raises(OverruleRefused, match="Ada declared a conflict of interest"):
        overrule_finding(chaired, finding, "two projects", actor="Ada")
    overruled = overrule_finding(chaired, finding, "two projects", actor="Lin")
    assert overruled.overruled_by == "Lin"


def test_finalist_decisions_and_the_selection_by_a_conflicted_chair_are_refused(
    chaired: OpenWorkspace, tmp_path: Path
) -> None:
    votes = {"1": 90, "3": 80, "5": 70, "6": 60, "7": 50, "8": 40}
    import_votes(chaired, tally(tmp_path / "votes.csv", votes), actor="Lin")
    with pytest.raises(FinalistRefused, match=CONFLICT_3.replace("(", r"\(")):
        remove_finalist(chaired, "3", "withdrawn", actor="Ada")
    # The selection decides among every finalist: Ada's conflict with 3 bars her from it.
    with pytest.raises(SelectionRefused, match="another chair decides on 3"):
        record_selection(chaired, "C7-ehealth", winners=["1"], champions=["5", "6", "7", "3"],
                         reason="meeting", actor="Ada")  # fmt: skip
    champions = ["3", "5", "6", "7"]
    result = record_selection(
        chaired, "C7-ehealth", winners=["1"], champions=champions, reason="meeting", actor="Lin"
    )
    assert result.decided_by == "Lin"
    entry = last_entry(chaired, "selection.recorded")
    assert (entry.actor, entry.after["winner"]) == ("Lin", ["1"])


def test_the_cli_declares_lists_and_withdraws_a_chairs_conflict(
    chaired: OpenWorkspace, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from panel_app.cli import main

    def run(*argv: str, actor: str = "Lin") -> tuple[int, str, str]:
        code = main([*argv, "--database-url", database_url, "--actor", actor])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, _ = run("chairs", "conflict", "Lin", "--submission", "7", "--reason", "my NGO")
    assert code == 0
    assert out == (
        "Conflict 3: Lin declared a conflict of interest with submission 7 (my NGO); "
        "their decisions on it will be refused.\n"
    )
    code, out, _ = run("chairs", "conflicts", actor="someone reading")
    assert code == 0 and out.splitlines()[0].startswith("[1] Ada: with submission 3 (my brother")
    code, out, _ = run("chairs", "conflicts", "Lin", "--json", actor="someone reading")
    assert [c["submission_id"] for c in json.loads(out)["conflicts"]] == ["7"]
    code, _, err = run("nominees", "unfreeze", "--reason", "look again", actor="Ada")
    assert code == 0
    code, _, err = run("nominee", "remove", "7", "--reason", "withdrawn")
    assert code == 1 and "Lin declared a conflict of interest with this submission (7" in err
    code, out, _ = run("chairs", "withdraw-conflict", "3", "--reason", "declared by mistake")
    assert code == 0 and out.startswith("Conflict 3 of Lin with submission 7 withdrawn")
    code, _, _ = run("nominee", "remove", "7", "--reason", "withdrawn")
    assert code == 0
