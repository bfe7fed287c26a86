"""The 2017 edition under its own rules: a nominee list of no fixed count, built by the
chair (several projects at once, or a rule's proposal in one step); the panel analyses the
top three finalists by votes (not five) and picks the winner among them, the other
finalists may be champions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from panel_app.store.models import Assignment, AuditEntry, Expert, Submission
from panel_app.workflow.final.final_round import (
    SelectionRefused,
    final_round_report,
    proposed_selection,
    record_selection,
)
from panel_app.workflow.final.results import export_results
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.nomination.nominees import (
    NominationRefused,
    add_nominee,
    add_nominees,
    add_proposed,
    freeze_nominees,
    nomination_report,
    remove_nominees,
)
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
    with pytest.raises(SelectionRefused, match="5 is at place 5 by votes"):
        record_selection(
            voted, CATEGORY, winners=["5"], champions=["1", "2", "3", "4"], reason="meeting"
        )
    with pytest.raises(SelectionRefused, match="4 is at place 4 by votes"):
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


# ---- a nominee list with no fixed count ------------------------------------------------
@pytest.fixture
def reviewed(season: OpenWorkspace, tmp_path: Path) -> OpenWorkspace:
    """Eight projects in C7 e-health and two in C7 e-learning, reviewed; none listed."""
    rows = [row_2017(i) for i in range(1, 9)]
    rows += [row_2017(i, Category="C7 E-learning") for i in (9, 10)]
    import_submissions(season, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
    run_checks(season, actor="test")
    add_reviews(season, {str(i): 35 - i for i in range(1, 11)})
    return season


def audit_actions(ws: OpenWorkspace, action: str) -> list[AuditEntry]:
    with ws.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_nothing_is_proposed_and_the_report_says_why_once(reviewed: OpenWorkspace) -> None:
    report = nomination_report(reviewed)
    assert report.quota is None and report.entries == () and report.proposed == ()
    assert report.warnings[0].startswith(
        "nothing is proposed: wsis-2017 sets no nominee count (a list of nominees of no fixed "
        "size). Propose by a rule (`panel-app nominate --top K` or `--threshold POINTS`"
    )
    assert not any("give one to propose" in w for w in report.warnings)  # not 18 times


def test_a_rule_proposes_the_top_k_or_a_threshold_and_is_added_in_one_step(
    reviewed: OpenWorkspace,
) -> None:
    report = nomination_report(reviewed, top=3)
    assert report.rule == "the top 3 of each category"
    assert [(e.category_key, e.submission_id, e.status) for e in report.proposed] == [
        ("C7-elearning", "9", "proposed"), ("C7-elearning", "10", "proposed"),
        ("C7-ehealth", "1", "proposed"), ("C7-ehealth", "2", "proposed"),
        ("C7-ehealth", "3", "proposed"),
    ]  # fmt: skip
    assert report.entries == ()  # proposed, not on the list
    by_threshold = nomination_report(reviewed, threshold=points_of(reviewed, "4"))
    assert {e.submission_id for e in by_threshold.proposed} == {"1", "2", "3", "4"}

    result = add_proposed(reviewed, "Panel meeting: the top three", top=3, actor="chair")
    assert [d.submission_id for d in result.decisions] == ["9", "10", "1", "2", "3"]
    entries = audit_actions(reviewed, "nominee.added")
    assert len(entries) == 5 and {e.note for e in entries} == {
        "proposed by the chair's rule: the top 3 of each category; one of 5 added together"
    }
    report = nomination_report(reviewed, top=3)
    assert {e.submission_id: e.status for e in report.entries} == dict.fromkeys(
        ("1", "2", "3", "9", "10"), "added"
    )
    assert report.proposed == ()
    with pytest.raises(NominationRefused, match="proposes no project that is not on the list"):
        add_proposed(reviewed, "again", top=3, actor="chair")


def test_several_projects_are_added_or_removed_with_one_reason_or_none_is(
    reviewed: OpenWorkspace,
) -> None:
    added = add_nominees(reviewed, ["4", "5", "6"], "Panel meeting", actor="chair")
    assert [d.submission_id for d in added.decisions] == ["4", "5", "6"]
    with pytest.raises(NominationRefused) as refused:
        add_nominees(reviewed, ["7", "5", "999"], "second round", actor="chair")
    assert "submission 5 is already a nominee" in str(refused.value)
    assert "no submission with ID '999'" in str(refused.value)
    listed = {e.submission_id for e in nomination_report(reviewed).entries}
    assert listed == {"4", "5", "6"}  # 7 was not added: all or none
    removed = remove_nominees(reviewed, ["4", "6"], "Open finding upheld", actor="chair")
    assert {d.outcome for d in removed.decisions} == {"not-selected"}
    assert {e.submission_id for e in nomination_report(reviewed).entries} == {"5"}


def test_a_rule_is_refused_where_the_edition_fixes_the_count(workspace: OpenWorkspace) -> None:
    with pytest.raises(NominationRefused, match="wsis-2020 fixes 20 nominees per category"):
        nomination_report(workspace, top=3)


def points_of(ws: OpenWorkspace, submission_id: str) -> float:
    from panel_app.scoring import points

    row = next(
        row
        for result in nomination_report(ws).results
        for row in result.rows
        if row.project_id == submission_id
    )
    assert row.score is not None
    return round(points(row.score), 2)


# ---- the project information and its photo ------------------------------------------------
def test_the_project_information_and_photo_are_checked_where_the_set_carries_them(
    season: OpenWorkspace, tmp_path: Path
) -> None:
    text = " ".join(["community"] * 1600)
    rows = [
        row_2017(1, **{"Project description": text, "Photo URL": "https://x.org/1.jpg"}),
        row_2017(2, **{"Project description": "Too short.", "Photo URL": ""}),
        row_2017(3, **{"Project description": text, "Photo URL": "a.jpg; b.jpg"}),
    ]
    extra = ("Project description", "Photo URL")
    result = import_submissions(season, write_workbook(tmp_path / "s.xlsx", rows, extra))
    assert result.missing_columns == () and result.unchecked() is None
    checks = run_checks(season, actor="test")
    found = {(f.rule_id, f.submission_id): (f.severity, f.evidence) for f in checks.findings}
    assert found == {
        ("project-information", "2"): (
            "ineligible", "The project information has 2 words; at least 1500 are required",
        ),
        ("project-photo", "2"): ("ineligible", "No photo is given; the form asks for 1"),
        ("project-photo", "3"): ("warning", "The submission gives 2 photos; the form asks for 1"),
    }  # fmt: skip


def test_a_set_without_the_columns_says_so_once_in_the_imports_result(
    season: OpenWorkspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row_2017(i) for i in (1, 2, 3)]
    result = import_submissions(season, write_workbook(tmp_path / "s.xlsx", rows))
    assert result.missing_columns == ("project_information", "photo")
    assert result.unchecked() == (
        "The set has no column for the project information (1,500-2,000 words) nor for the "
        "photo: the edition's rules on them (project-information, project-photo) could not be "
        "checked. A column headed 'Project information' (or 'Project description') and one "
        "headed 'Photo' (or 'Photo URL') would be read."
    )
    assert result.as_dict()["missing_columns"] == ["project_information", "photo"]
    assert not any(f.rule_id.startswith("project-") for f in run_checks(season).findings)

    from panel_app.cli import main

    location = season.location
    book = write_workbook(tmp_path / "t.xlsx", [row_2017(4, **{"Photo": "p.jpg"})], ("Photo",))
    assert main(["import-submissions", str(book), "--database-url", location.url]) == 0
    out = capsys.readouterr().out
    assert out.count("The set has no column for the project information (1,500-2,000 words):") == 1
    assert "project-photo" not in out.split("Rule checks:")[0]  # the photo column is there
