"""The chair settles a tie for the last finalist places and takes finalists off, with
reasons: the settled list is what `select`, the exports and the final round use, a category
whose tie is open cannot be selected, and a decision on a stale view changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from panel_app.store.models import AuditEntry, RuleFinding, Submission
from panel_app.workflow.final.final_round import (
    SelectionRefused,
    final_round_report,
    record_selection,
)
from panel_app.workflow.intake.checks import overrule_finding
from panel_app.workflow.record import StaleView, chain_position
from panel_app.workflow.vote.finalist_decisions import (
    FinalistRefused,
    add_finalist,
    remove_finalist,
)
from panel_app.workflow.vote.finalists import export_finalists
from panel_app.workflow.vote.public_vote import finalists_report, import_votes
from panel_app.workflow.workspace import OpenWorkspace

from .test_votes import stored_finalists, tally, voting  # noqa: F401 (the fixture)

TIE = {"7": 50, "8": 40, "9": 30, "10": 30, "11": 20, "12": 20, "13": 20, "14": 5}


@pytest.fixture
def tied(voting: OpenWorkspace, tmp_path: Path) -> OpenWorkspace:  # noqa: F811
    """C7: 7, 8, 9 and 10 finalists by votes; 11, 12 and 13 tie for the 5th place."""
    import_votes(voting, tally(tmp_path / "votes.csv", TIE), actor="chair")
    return voting


def open_warning(ws: OpenWorkspace, sid: str, other: str) -> int:
    """A rule 3 finding on `sid` (as a check run after an import would store it)."""
    with ws.transaction() as session:
        pks = dict(session.execute(select(Submission.submission_id, Submission.id)).tuples().all())
        finding = RuleFinding(
            rule_id="same-entity-category",
            severity="warning",
            submission_pk=pks[sid],
            related_submission_pk=pks[other],
            template="same organisation as {other}",
            params={"other": other},
            evidence=f"same organisation as {other}",
        )
        session.add(finding)
        session.flush()
        return finding.id


def test_an_open_tie_cannot_be_selected_until_the_chair_picks(tied: OpenWorkspace) -> None:
    report = finalists_report(tied)
    assert report.unsettled["C7-ehealth"].undecided == ("11", "12", "13")
    with pytest.raises(SelectionRefused, match="not settled: 11, 12, 13 tie"):
        record_selection(
            tied, "C7-ehealth", winners=["7"], champions=["8", "9", "10"], reason="meeting"
        )
    (view,) = final_round_report(tied).categories
    assert view.unsettled and "11, 12, 13 tie on public votes" in view.notes[0]

    decision = add_finalist(tied, "12", "Panel meeting: 12 had the stronger partnerships")
    assert (decision.category_key, decision.outcome) == ("C7-ehealth", "selected")
    assert decision.notes == ()  # nothing left to decide in C7
    assert stored_finalists(tied) == {"7", "8", "9", "10", "12"}
    report = finalists_report(tied)
    assert report.unsettled == {} and report.warnings == ()
    (view,) = final_round_report(tied).categories
    assert not view.unsettled
    assert {row.submission_id for row in view.finalists} == {"7", "8", "9", "10", "12"}
    with tied.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "finalist.added")
        ).one()
    assert (entry.entity, entry.entity_id, entry.after["submission_id"]) == (
        "finalist",
        "C7-ehealth",
        "12",
    )

    with pytest.raises(FinalistRefused, match="has its 5 finalists"):
        add_finalist(tied, "11", "second thoughts")
    assert stored_finalists(tied) == {"7", "8", "9", "10", "12"}


def test_a_place_goes_by_votes_and_a_removal_frees_one(tied: OpenWorkspace) -> None:
    with pytest.raises(FinalistRefused, match="11, 12, 13 had more valid votes than 14"):
        add_finalist(tied, "14", "a favourite")
    with pytest.raises(FinalistRefused, match="needs a reason"):
        remove_finalist(tied, "7", "  ")
    with pytest.raises(FinalistRefused, match="not on the frozen nominee list"):
        add_finalist(tied, "22", "not a nominee")

    remove_finalist(tied, "7", "Withdrawn by the organisation")
    add_finalist(tied, "11", "Panel meeting")
    report = finalists_report(tied)
    assert set(report.finalists["C7-ehealth"]) == {"8", "9", "10", "11"}
    assert report.removed == {"7": "Withdrawn by the organisation"}
    assert any("4 finalists of 5 after the chair removed 7" in w for w in report.warnings)
    with pytest.raises(FinalistRefused, match=r"not a finalist of C7-ehealth .the chair took"):
        remove_finalist(tied, "7", "again")
    add_finalist(tied, "13", "the next by votes fills the place")
    assert stored_finalists(tied) == {"8", "9", "10", "11", "13"}


def test_the_export_lists_the_settled_finalists_and_what_the_chair_decided(
    tied: OpenWorkspace, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    def exported(name: str) -> dict[str, tuple[str, str]]:
        out = tmp_path / name
        export_finalists(tied, out, actor="chair")
        book = load_workbook(out, read_only=True)
        try:  # a read-only workbook keeps its file open until closed
            header, *rows = [list(r) for r in book["Finalists"].iter_rows(values_only=True)]
        finally:
            book.close()
        at = {name: header.index(name) for name in header}
        return {
            str(r[at["Submission ID"]]): (str(r[at["Status"]]), str(r[at["Decision reason"]] or ""))
            for r in rows
        }

    before = exported("open.xlsx")
    assert {sid: status for sid, (status, _) in before.items()} == {
        "7": "finalist", "8": "finalist", "9": "finalist", "10": "finalist",
        "11": "tied", "12": "tied", "13": "tied",
    }  # fmt: skip
    add_finalist(tied, "13", "Panel meeting")
    remove_finalist(tied, "8", "Open rule 4 finding: the same project as 3")
    after = exported("settled.xlsx")
    assert after["13"] == ("finalist", "Panel meeting")
    assert after["8"] == ("removed", "Open rule 4 finding: the same project as 3")
    assert "11" not in after and "12" not in after  # the tie is settled


def test_a_chair_decision_on_a_stale_view_is_refused(tied: OpenWorkspace) -> None:
    seen = chain_position(tied)[0]
    add_finalist(tied, "11", "Chair A at the meeting", actor="chair-a")
    with pytest.raises(StaleView, match=r"finalist\.added by chair-a"):
        add_finalist(tied, "12", "Chair B, on what they saw", actor="chair-b", seen=seen)
    assert stored_finalists(tied) == {"7", "8", "9", "10", "11"}


def test_open_findings_are_refused_at_the_finalist_list_until_overruled(
    tied: OpenWorkspace,
) -> None:
    finding = open_warning(tied, "12", "3")
    with pytest.raises(FinalistRefused, match=f"open rule finding on 12 .finding {finding}"):
        add_finalist(tied, "12", "Panel meeting")
    add_finalist(tied, "11", "Panel meeting")
    other = open_warning(tied, "9", "4")
    (view,) = final_round_report(tied).categories
    row = next(r for r in view.finalists if r.submission_id == "9")
    assert row.findings == (f"finding {other}, same-entity-category: same organisation as 4",)
    assert any("open rule findings on 9" in note for note in view.notes)
    with pytest.raises(SelectionRefused, match="open rule finding on 9"):
        record_selection(
            tied, "C7-ehealth", winners=["9"], champions=["7", "8", "10", "11"], reason="x"
        )
    overrule_finding(tied, other, "Different departments with their own budgets")
    (view,) = final_round_report(tied).categories
    assert not any("open rule findings" in note for note in view.notes)


def test_a_new_vote_file_keeps_the_chairs_decisions_that_still_apply(
    tied: OpenWorkspace, tmp_path: Path
) -> None:
    add_finalist(tied, "12", "Panel meeting")
    remove_finalist(tied, "8", "Withdrawn")
    still = dict(TIE, **{"14": 1})  # another file: 11, 12 and 13 still tie
    result = import_votes(tied, tally(tmp_path / "again.csv", still), actor="chair")
    assert result.dropped == ()
    assert stored_finalists(tied) == {"7", "9", "10", "12"}  # 8 stays off

    moved = dict(TIE, **{"12": 25})  # 12 is 5th by the votes themselves: the pick is moot
    result = import_votes(tied, tally(tmp_path / "moved.csv", moved), actor="chair")
    assert result.dropped == ()
    assert stored_finalists(tied) == {"7", "9", "10", "12"}


def test_a_new_vote_file_names_the_chairs_picks_it_makes_moot(
    tied: OpenWorkspace, tmp_path: Path
) -> None:
    add_finalist(tied, "12", "Panel meeting")
    apart = dict(TIE, **{"11": 21, "12": 19})  # 11 is 5th by votes, 12 is out
    result = import_votes(tied, tally(tmp_path / "apart.csv", apart), actor="chair")
    (dropped,) = result.dropped
    assert "pick of 12 as a finalist of C7-ehealth (Panel meeting) no longer applies" in dropped
    assert stored_finalists(tied) == {"7", "8", "9", "10", "11"}
    with tied.sessions() as session:
        note = session.scalars(
            select(AuditEntry.note)
            .where(AuditEntry.action == "votes.imported")
            .order_by(AuditEntry.id.desc())
        ).first()
    assert note is not None and "pick of 12" in note


def test_the_cli_settles_a_tie_and_says_what_it_refused(
    tied: OpenWorkspace, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from panel_app.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main([*argv, "--database-url", database_url, "--actor", "chair-a"])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, _ = run("finalists")
    assert code == 0
    assert "Note: C7-ehealth: 11, 12, 13 tie on votes for the last 1 finalist place(s)" in out
    code, _, err = run(
        "select", "--category", "C7-ehealth", "--winner", "7", "--champions", "8,9,10",
        "--reason", "meeting",
    )  # fmt: skip
    assert code == 1 and "not settled: 11, 12, 13 tie" in err
    code, _, err = run("finalist", "add", "14", "--reason", "a favourite")
    assert code == 1 and "11, 12, 13 had more valid votes than 14" in err
    code, out, _ = run("finalist", "add", "13", "--reason", "Panel meeting of 3 May")
    assert code == 0
    assert out == "Submission 13 made a finalist of C7-ehealth by chair-a: Panel meeting of 3 May\n"
    code, out, _ = run("finalists")
    assert "  C7-ehealth: 13 made a finalist" in out and "Note:" not in out
    code, out, _ = run("finalist", "remove", "9", "--reason", "Withdrawn", "--json")
    assert code == 0 and json.loads(out)["decision"]["outcome"] == "not-selected"
    code, out, _ = run("finalists", "--json")
    listing = json.loads(out)
    assert listing["removed"] == {"9": "Withdrawn"} and listing["unsettled"] == {}
    assert listing["finalists"]["C7-ehealth"] == ["7", "8", "10", "13"]


def test_the_final_rounds_packages_say_a_tie_is_open(tied: OpenWorkspace, tmp_path: Path) -> None:
    from panel_app.workflow.review.packages import write_packages

    result = write_packages(tied, tmp_path / "packages", round_key="final", actor="chair")
    (note,) = result.notes
    assert note.startswith("C7-ehealth: 11, 12, 13 tie on public votes for the last finalist")
    add_finalist(tied, "12", "Panel meeting")
    assert write_packages(tied, tmp_path / "again", round_key="final").notes == ()
    assert write_packages(tied, tmp_path / "nomination").notes == ()  # the other round
