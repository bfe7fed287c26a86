"""The 2017 edition under its own rules: the panel analyses the top three finalists by
votes (not five) and picks the winner among them; the other finalists may be champions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from panel_app.store.models import Assignment, Expert, Submission
from panel_app.workflow.final.final_round import (
    SelectionRefused,
    final_round_report,
    proposed_selection,
    record_selection,
)
from panel_app.workflow.final.results import export_results
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.nomination.nominees import add_nominee, freeze_nominees
from panel_app.workflow.panel.assignment import assign_final_round
from panel_app.workflow.vote.finalists import export_finalists
from panel_app.workflow.vote.public_vote import finalists_report, import_votes
from panel_app.workflow.workspace import OpenWorkspace, locate_workspace, open_workspace

from .conftest import submission_row, write_workbook
from .test_nomination import add_reviews
from .test_votes import tally

CATEGORY = "C7-ehealth"
VOTES = {"1": 80, "2": 70, "3": 60, "4": 50, "5": 40, "6": 30, "7": 20, "8": 10}


def row_2017(submission_id: int, **overrides: object) -> dict[str, object]:
    """A platform row that meets the 2017 rules: a summary of at most 100 words, on time."""
    values: dict[str, object] = {
        "Project summary": " ".join(["community"] * 80),
        "Submitted at": datetime(2017, 1, 10, 12, 0),
    }
    values.update(overrides)
    return submission_row(submission_id, **values)


@pytest.fixture
def season(database_url: str) -> Iterator[OpenWorkspace]:
    with open_workspace(
        locate_workspace(database_url=database_url), create=True, edition_key="wsis-2017"
    ) as ws:
        yield ws


def nominated(ws: OpenWorkspace, tmp_path: Path, ids: range = range(1, 9)) -> OpenWorkspace:
    """The projects reviewed, each put on the list by the chair, the list frozen."""
    path = write_workbook(tmp_path / "set.xlsx", [row_2017(i) for i in ids])
    import_submissions(ws, path, actor="test")
    run_checks(ws, actor="test")
    add_reviews(ws, {str(i): 35 - i for i in ids})
    for i in ids:
        add_nominee(ws, str(i), "Panel meeting", actor="chair")
    freeze_nominees(ws, "Panel meeting", actor="chair")
    return ws


@pytest.fixture
def voted(season: OpenWorkspace, tmp_path: Path) -> OpenWorkspace:
    """Eight nominees in C7 e-health; the vote makes 1-5 finalists (most votes first)."""
    nominated(season, tmp_path)
    import_votes(season, tally(tmp_path / "votes.csv", VOTES), actor="chair")
    with season.transaction() as session:
        for code in ("F1", "F2", "F3"):
            session.add(Expert(expert_code=code, name=code, category_keys=[CATEGORY]))
    return season


def test_the_finalists_are_five_and_the_top_three_by_votes_are_analysed(
    voted: OpenWorkspace,
) -> None:
    assert voted.edition.quotas.analysed_per_category == 3
    report = finalists_report(voted)
    standing = report.by_votes[CATEGORY]
    assert standing.finalists == ("1", "2", "3", "4", "5")
    assert standing.analysed == ("1", "2", "3") and standing.not_analysed == ("4", "5")


def test_the_final_round_assigns_and_shows_only_the_analysed(voted: OpenWorkspace) -> None:
    result = assign_final_round(voted, actor="chair")
    assert result.projects == 3 and result.added == 9  # three experts on each of three
    assert any("not analysed, so not assigned: 4, 5" in note for note in result.notes)
    with voted.sessions() as session:
        assigned = set(
            session.scalars(
                select(Submission.submission_id)
                .join(Assignment, Assignment.submission_pk == Submission.id)
                .where(Assignment.round == "final")
            )
        )
    assert assigned == {"1", "2", "3"}
    (category,) = final_round_report(voted).categories
    assert {row.submission_id for row in category.finalists} == {"1", "2", "3"}
    assert [(o.submission_id, o.place) for o in category.not_analysed] == [("4", 4), ("5", 5)]
    assert (
        "the panel analyses the top 3 of C7-ehealth by valid votes: 1, 2, 3" in (category.notes[0])
    )
    winners, champions = proposed_selection(category)
    assert len(winners) == 1 and winners[0] in {"1", "2", "3"}
    assert set(champions) == {"1", "2", "3", "4", "5"} - set(winners)  # 1 + 4: every finalist


def test_select_refuses_a_winner_beyond_the_top_three(voted: OpenWorkspace) -> None:
    with pytest.raises(SelectionRefused, match="5 is 5th by votes"):
        record_selection(
            voted, CATEGORY, winners=["5"], champions=["1", "2", "3", "4"], reason="meeting"
        )
    with pytest.raises(SelectionRefused, match="4 is 4th by votes"):
        record_selection(
            voted, CATEGORY, winners=["4"], champions=["1", "2", "3", "5"], reason="meeting"
        )
    result = record_selection(
        voted, CATEGORY, winners=["2"], champions=["1", "3", "4", "5"], reason="Panel meeting"
    )
    assert result.winners == ("2",) and result.notes == ()


def test_the_exports_say_which_finalists_were_analysed(
    voted: OpenWorkspace, tmp_path: Path
) -> None:
    record_selection(
        voted, CATEGORY, winners=["3"], champions=["1", "2", "4", "5"], reason="Panel meeting"
    )
    export_finalists(voted, tmp_path / "finalists.xlsx", actor="chair")
    book = openpyxl.load_workbook(tmp_path / "finalists.xlsx")
    header, *rows = book["Finalists"].iter_rows(values_only=True)
    at = header.index("Analysed")
    assert {str(r[header.index("Submission ID")]): r[at] for r in rows} == {
        "1": "yes", "2": "yes", "3": "yes", "4": "no", "5": "no",
    }  # fmt: skip
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Format version"] == 4 and about["Analysed per category"] == 3

    export_results(voted, tmp_path / "results.xlsx", actor="chair")
    header, *rows = openpyxl.load_workbook(tmp_path / "results.xlsx")["Results"].iter_rows(
        values_only=True
    )
    sid, kind, analysed = (header.index(c) for c in ("Submission ID", "Award", "Analysed"))
    award = {str(r[sid]): (r[kind], r[analysed]) for r in rows}
    assert award == {
        "3": ("winner", "yes"), "1": ("champion", "yes"), "2": ("champion", "yes"),
        "4": ("champion", "no"), "5": ("champion", "no"),
    }  # fmt: skip


def test_a_tie_on_votes_at_the_third_place_is_analysed_whole(
    season: OpenWorkspace, tmp_path: Path
) -> None:
    nominated(season, tmp_path)
    votes = {"1": 80, "2": 70, "3": 60, "4": 60, "5": 40, "6": 30, "7": 20, "8": 10}
    import_votes(season, tally(tmp_path / "votes.csv", votes), actor="chair")
    standing = finalists_report(season).by_votes[CATEGORY]
    assert standing.analysed == ("1", "2", "3", "4") and standing.tied_at_cut == ("4",)
    assert "4 with as many votes as the last of them" in standing.in_words()
