"""The finalists export over a real workspace: the rows the secretariat imports, the About
facts, a tie left to the chair, and LibreOffice reading the .xlsx as our .csv says."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from panel_app.formats.finalists import COLUMNS, FORMAT_VERSION
from panel_app.store.models import AuditEntry
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.nomination.nominees import freeze_nominees
from panel_app.workflow.vote.finalists import export_finalists
from panel_app.workflow.vote.public_vote import VotesRefused, import_votes
from panel_app.workflow.workspace import OpenWorkspace
from tests.libreoffice import convert_to_csv

from .conftest import submission_row, write_workbook
from .test_nomination import add_reviews
from .test_votes import tally

FORMULA_TITLE = '@risk =SUM(A1:A9) "health"'  # a spreadsheet would read a formula
CHINESE = "北京健康科技有限公司"


@pytest.fixture
def voted(workspace: OpenWorkspace, tmp_path: Path) -> OpenWorkspace:
    """20 nominees in C7-ehealth, votes in: 1-4 finalists, 5 and 6 tie for the 5th place."""
    rows = [submission_row(i) for i in range(1, 26)]
    rows[0] = submission_row(1, **{"Project title": FORMULA_TITLE, "Organisation": CHINESE})
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows), actor="test")
    run_checks(workspace, actor="test")  # as every import is followed
    add_reviews(workspace, {str(i): 35 - i for i in range(1, 26)})
    freeze_nominees(workspace, "Panel meeting", actor="chair")
    votes = {"1": 90, "2": 80, "3": 70, "4": 60, "5": 50, "6": 50, "7": 10}
    import_votes(workspace, tally(tmp_path / "tally.csv", votes), actor="chair")
    return workspace


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def unescaped(cell: str) -> str:
    """docs/formats/finalists.md: strip one leading U+200B, the formula guard."""
    return cell.removeprefix("\u200b")


def test_the_finalists_and_the_open_tie_are_exported(voted: OpenWorkspace, tmp_path: Path) -> None:
    result = export_finalists(voted, tmp_path / "finalists.xlsx", actor="secretariat")
    assert (result.rows, result.finalists, result.tied) == (6, 4, 2)
    book = openpyxl.load_workbook(result.path)
    table = [list(r) for r in book["Finalists"].iter_rows(values_only=True)]
    assert table[0] == list(COLUMNS)
    first = dict(zip(COLUMNS, table[1], strict=True))
    assert first["Category key"] == "C7-ehealth"
    assert (first["Category number"], first["Action line"]) == (10, "C7")
    assert (first["Rank by votes"], first["Submission ID"], first["Valid votes"]) == (1, "1", 90)
    assert (first["Project title"], first["Organisation"]) == (FORMULA_TITLE, CHINESE)
    assert (first["Status"], first["Tied"]) == ("finalist", "no")
    assert first["Decision reason"] == "public vote: 90 valid votes, rank 1"
    assert book["Finalists"].cell(2, 7).data_type == "s"  # the title is text, not a formula
    last = [dict(zip(COLUMNS, row, strict=True)) for row in table[5:]]
    assert [(r["Submission ID"], r["Rank by votes"], r["Status"], r["Tied"]) for r in last] == [
        ("5", 5, "tied", "yes"),
        ("6", 5, "tied", "yes"),
    ]
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Format"] == "wsis-panel-finalists"
    assert about["Format version"] == FORMAT_VERSION
    assert (about["Edition"], about["Vote file"], about["Valid votes"]) == (
        "wsis-2020",
        "tally.csv",
        410,
    )
    assert about["Ties left to the chair"] == 1
    assert about["Workspace"] == voted.location.display
    assert about["Inputs SHA-256"] == result.inputs_sha256
    with voted.sessions() as session:
        actions = list(session.scalars(select(AuditEntry.action)))
    assert actions[-1] == "finalists.exported"


def test_the_digest_tells_versions_apart(voted: OpenWorkspace, tmp_path: Path) -> None:
    first = export_finalists(voted, tmp_path / "a.csv", actor="secretariat")
    again = export_finalists(voted, tmp_path / "b.csv", actor="someone else")
    assert first.inputs_sha256 == again.inputs_sha256  # same data, another time and person
    assert read_csv(first.path) == read_csv(again.path)
    votes = {"1": 90, "2": 80, "3": 70, "4": 60, "5": 51, "6": 50}
    import_votes(voted, tally(tmp_path / "recount.csv", votes), actor="chair")
    recount = export_finalists(voted, tmp_path / "c.csv", actor="secretariat")
    assert recount.inputs_sha256 != first.inputs_sha256
    assert (recount.finalists, recount.tied) == (5, 0)


def test_libreoffice_reads_the_xlsx_as_our_csv_says(voted: OpenWorkspace, tmp_path: Path) -> None:
    ours = export_finalists(voted, tmp_path / "finalists.csv", actor="secretariat").path
    book = export_finalists(voted, tmp_path / "finalists.xlsx", actor="secretariat").path
    theirs = convert_to_csv(book, tmp_path / "libreoffice", tmp_path / "profile")
    expected = [[unescaped(cell) for cell in row] for row in read_csv(ours)]
    assert read_csv(theirs) == expected
    assert expected[1][6] == FORMULA_TITLE and read_csv(ours)[1][6] == "\u200b" + FORMULA_TITLE


def test_no_export_before_the_votes(workspace: OpenWorkspace, tmp_path: Path) -> None:
    with pytest.raises(VotesRefused, match="no vote data imported yet"):
        export_finalists(workspace, tmp_path / "finalists.xlsx", actor="secretariat")
    assert not (tmp_path / "finalists.xlsx").exists()
