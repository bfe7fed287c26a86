"""The vote export reader: raw votes and tallies from real .csv and .xlsx files."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from panel_app.edition import Edition
from panel_app.formats.votes import TallyRow, Vote, open_votes
from panel_app.problems import InputRefused

HEADER = [
    "Voter account",
    "Voter organisation",
    "Organisation type",
    "Country",
    "E-mail",
    "Category",
    "Submission ID",
    "Voted at",
]
VOTE = ["amina", "Nairobi ICT Hub", "Civil society", "Kenya", "a@hub.ke", "C7 E-health", "1001"]


def write_csv(path: Path, rows: list[list[Any]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]], header: list[str] = HEADER) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Votes"
    sheet.append(header)
    for cells in rows:
        sheet.append(cells)
    book.save(path)
    return path


def read(path: Path, edition: Edition) -> tuple[str, list[Vote], list[TallyRow]]:
    with open_votes(path, edition) as votes:
        return votes.kind, list(votes.votes), votes.tally


def refused(path: Path, edition: Edition) -> InputRefused:
    with pytest.raises(InputRefused) as caught:
        read(path, edition)
    return caught.value


def test_raw_votes_from_csv_and_xlsx_read_the_same(tmp_path: Path, edition: Edition) -> None:
    text = write_csv(tmp_path / "votes.csv", [[*VOTE, "2020-01-24 23:00:00"]])
    book = write_xlsx(tmp_path / "votes.xlsx", [[*VOTE, datetime(2020, 1, 24, 23, 0)]])
    kind, from_csv, _ = read(text, edition)
    assert kind == "raw"
    _, from_xlsx, _ = read(book, edition)
    (vote,) = from_csv
    assert from_xlsx == [vote]
    assert type(vote) is Vote and vote == Vote(*vote)
    assert vote.row == 2
    assert (vote.voter, vote.organisation, vote.category_key, vote.submission_id) == (
        "amina",
        "Nairobi ICT Hub",
        "C7-ehealth",
        "1001",
    )
    # 23:00 Geneva time in January is 22:00 UTC: the very instant the 2020 vote closes
    assert vote.cast_at == datetime(2020, 1, 24, 22, 0, tzinfo=UTC).timestamp()
    assert edition.vote_closes is not None and vote.cast_at == edition.vote_closes.timestamp()
    assert vote.problem is None


def test_times_with_an_offset_and_summer_time(tmp_path: Path, edition: Edition) -> None:
    rows = [
        [*VOTE, "2020-01-24T22:00:00Z"],
        [*VOTE, "2020-07-01 12:00:00"],  # CEST: UTC+2
        [*VOTE, "2020-01-24 23:00"],
    ]
    _, votes, _ = read(write_csv(tmp_path / "votes.csv", rows), edition)
    assert [v.cast_at for v in votes] == [
        datetime(2020, 1, 24, 22, 0, tzinfo=UTC).timestamp(),
        datetime(2020, 7, 1, 10, 0, tzinfo=UTC).timestamp(),
        datetime(2020, 1, 24, 22, 0, tzinfo=UTC).timestamp(),
    ]


def test_an_unreadable_vote_is_kept_with_its_located_problem(
    tmp_path: Path, edition: Edition
) -> None:
    rows = [
        [*VOTE, "24/01/2020 10:00"],
        ["bo", "Org", "Academia", "Chile", "b@o.cl", "C7", "1002", "2020-01-02 10:00:00"],
        [""] * 8,  # a blank row is not a vote
        [*VOTE[:6], "", "2020-01-02 10:00:00"],
    ]
    _, votes, _ = read(write_csv(tmp_path / "votes.csv", rows), edition)
    assert [v.row for v in votes] == [2, 3, 5]
    problems = [v.problem for v in votes]
    assert all(p is not None for p in problems)
    time, category, empty = problems
    assert time is not None and (time.code, time.row, time.column) == (
        "submission_set.date_unreadable",
        2,
        "Voted at",
    )
    assert category is not None and category.code == "votes.category_ambiguous"
    assert "C7-ehealth" in category.message
    assert empty is not None and (empty.code, empty.column) == (
        "votes.value_missing",
        "Submission ID",
    )
    assert votes[0].cast_at is None and votes[0].submission_id == "1001"


def test_a_tally_is_told_by_its_votes_column(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(
        tmp_path / "tally.csv",
        [["C7 E-health", "1001", "125"], ["10", 1002.0, "0"]],
        header=["Category", "Submission ID", "Votes"],
    )
    kind, votes, tally = read(path, edition)
    assert (kind, votes) == ("tally", [])
    assert tally == [TallyRow(2, "C7-ehealth", "1001", 125), TallyRow(3, "C7-ehealth", "1002", 0)]


def test_a_bad_tally_row_refuses_the_file_with_every_problem(
    tmp_path: Path, edition: Edition
) -> None:
    path = write_xlsx(
        tmp_path / "tally.xlsx",
        [["C7 E-health", 1001, 12.5], ["C7 E-health", 1001, 3], ["Space", 1003, 4]],
        header=["Category", "Submission ID", "Vote count"],
    )
    error = refused(path, edition)
    described = [(p.code, p.sheet, p.row, p.column) for p in error.problems]
    assert described == [
        ("votes.votes_invalid", "Votes", 2, "Vote count"),
        ("votes.category_unknown", "Votes", 4, "Category"),
    ]


def test_the_same_project_twice_in_a_tally_is_refused(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(
        tmp_path / "tally.csv",
        [["C7 E-health", "1001", "5"], ["10", "1001", "3"]],
        header=["Category", "Submission ID", "Votes"],
    )
    (problem,) = refused(path, edition).problems
    assert (problem.code, problem.row) == ("votes.tally_twice", 3)
    assert "also counted in row 2" in problem.message


def test_a_missing_column_is_named_with_the_headers_found(tmp_path: Path, edition: Edition) -> None:
    header = [h for h in HEADER if h != "E-mail"]
    path = write_csv(tmp_path / "votes.csv", [[*VOTE[:4], *VOTE[5:], "2020-01-02 10:00"]], header)
    (problem,) = refused(path, edition).problems
    assert (problem.code, problem.row, problem.column) == ("votes.column_missing", 1, "E-mail")
    assert "'Voter account'" in problem.message
    assert "Email" in (problem.expected or "")


def test_files_that_are_no_vote_export_are_refused(tmp_path: Path, edition: Edition) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert refused(empty, edition).problems[0].code == "file.empty"
    other = write_csv(tmp_path / "other.csv", [["x", "y"]], header=["Name", "Colour"])
    assert refused(other, edition).problems[0].code == "votes.header_not_found"
    text = tmp_path / "votes.txt"
    text.write_text("Voter account\n", encoding="utf-8")
    assert refused(text, edition).problems[0].code == "file.unsupported_type"
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"not a zip at all")
    assert refused(fake, edition).problems[0].file == "fake.xlsx"


def test_headers_match_whatever_their_spelling(tmp_path: Path, edition: Edition) -> None:
    header = ["USER NAME", "organization", "Stakeholder type", "country", "email", "category"]
    header += ["project_id", "Timestamp"]
    path = write_csv(tmp_path / "votes.csv", [[*VOTE, "2020-01-02 10:00:00"]], header)
    _, (vote,), _ = read(path, edition)
    assert (vote.voter, vote.email, vote.submission_id) == ("amina", "a@hub.ke", "1001")
