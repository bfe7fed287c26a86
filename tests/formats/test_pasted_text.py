"""Text pasted from documents into the files a person types: the submission set, the expert
list, the past winners. A control character, a noncharacter or a direction override is
cleaned with a located note; a NUL refuses the file, located (docs/formats/
submission-set.md, "Characters that are cleaned or refused")."""

from __future__ import annotations

from pathlib import Path

import pytest

from panel_app.edition import Edition
from panel_app.formats.experts import read_experts
from panel_app.formats.past_winners import read_past_winners
from panel_app.formats.submission_set import MAX_NOTES, read_submission_set
from panel_app.formats.submission_set_writer import write_past_winners, write_submission_set
from panel_app.problems import InputRefused, Problem
from tests.formats.conftest import HEADERS, row, write_csv

# What Word and PDF viewers put into copied text, and what a file should never hold.
PASTED = {
    "Project title": "Smart\x0bHealth\x0bClinics",  # Word's manual line break (VT)
    "Organisation": "\u202eACME Ltd",  # RIGHT-TO-LEFT OVERRIDE: shows "dtL EMCA"
    "Country": "Kenya\ufffe",  # a byte-order mark read backwards
    "Project summary": "Clinics\x07 in every\x0c county.",  # BEL; FF, Word's page break
    "Notes": "\u2067isolated\u2069 note",  # another column, kept in `extra`
}
CLEANED = {
    "title": "Smart\nHealth\nClinics",
    "organisation": "ACME Ltd",
    "country": "Kenya",
    "summary": "Clinics in every\n county.",
}


def _set(tmp_path: Path, suffix: str, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / f"set{suffix}"
    headers = (*HEADERS, "Notes")
    if suffix == ".csv":
        return write_csv(path, rows, headers=headers)
    write_submission_set(path, headers, rows)  # escapes what XML cannot hold, as Excel does
    return path


@pytest.mark.parametrize(
    ("suffix", "engine"),
    [(".csv", "auto"), (".xlsx", "calamine"), (".xlsx", "stream"), (".xlsx", "openpyxl")],
)
def test_pasted_characters_are_cleaned_and_each_is_noted_where_it_was(
    tmp_path: Path, edition: Edition, suffix: str, engine: str
) -> None:
    pasted_row = dict(PASTED)
    if engine in ("openpyxl", "stream"):  # a raw U+FFFE is no XML: both (strict) refuse it
        pasted_row["Country"] = "Kenya"
    path = _set(tmp_path, suffix, [row(1001), row(1002, **pasted_row)])
    notes: list[Problem] = []
    plain, pasted = read_submission_set(path, edition, engine=engine, notes=notes)  # type: ignore[arg-type]

    assert {name: getattr(pasted, name) for name in CLEANED} == CLEANED
    assert pasted.extra == {"Notes": "isolated note"}
    assert plain.title == "Project 1001" and plain.extra == {"Notes": ""}
    expected = [
        (3, "Project title", "U+000B", "text.line_break"),
        (3, "Organisation", "U+202E", "text.direction_removed"),
        (3, "Country", "U+FFFE", "text.noncharacter_removed"),
        (3, "Project summary", "U+0007", "text.control_removed"),
        (3, "Project summary", "U+000C", "text.line_break"),
        (3, "Notes", "U+2067", "text.direction_removed"),
        (3, "Notes", "U+2069", "text.direction_removed"),
    ]
    if engine in ("openpyxl", "stream"):
        del expected[2]
    assert [(n.row, n.column, n.params["code_point"], n.code) for n in notes] == expected
    # In words a chair can act on: where, which character, what was done, and the text
    # around it with the character shown (an override is not let loose on the screen).
    assert notes[1].describe() == (
        f"{path.name}, "
        + ("sheet 'Submissions', " if suffix == ".xlsx" else "")
        + "row 3, column 'Organisation': The direction control U+202E (RIGHT-TO-LEFT "
        "OVERRIDE), which can show text reversed or out of order, was removed "
        "(found '[U+202E]ACME Ltd')"
    )
    assert notes[0].message == "The control character U+000B (VT) was made a line break"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_nul_refuses_the_whole_file_saying_where(
    tmp_path: Path, edition: Edition, suffix: str
) -> None:
    # A NUL is no typing: a damaged file, or UTF-16 text read as UTF-8. Nothing is read.
    path = _set(tmp_path, suffix, [row(1001), row(1002, **{"Project title": "Clin\x00ics"})])
    with pytest.raises(InputRefused) as caught:
        read_submission_set(path, edition)
    [problem] = caught.value.problems
    assert (problem.code, problem.row, problem.column) == ("text.nul", 3, "Project title")
    assert problem.params["code_point"] == "U+0000" and problem.value == "Clin[U+0000]ics"
    assert "the file is damaged, or was saved as another kind of text than UTF-8" in (
        problem.describe()
    )
    assert problem.expected is not None and "export the file again" in problem.expected


def test_a_nul_in_another_column_refuses_the_row_too(tmp_path: Path, edition: Edition) -> None:
    path = _set(tmp_path, ".csv", [row(1001, Notes="a\x00b")])
    with pytest.raises(InputRefused) as caught:
        read_submission_set(path, edition)
    assert [(p.code, p.row, p.column) for p in caught.value.problems] == [("text.nul", 2, "Notes")]


def test_notes_past_the_limit_are_counted_not_listed(tmp_path: Path, edition: Edition) -> None:
    rows = [row(1001 + n, **{"Project title": f"Title\x0b{n}"}) for n in range(MAX_NOTES + 5)]
    notes: list[Problem] = []
    records = read_submission_set(_set(tmp_path, ".csv", rows), edition, notes=notes)
    assert len(records) == MAX_NOTES + 5
    assert len(notes) == MAX_NOTES + 1
    assert notes[-1].code == "text.more_cleaned"
    assert notes[-1].message == "5 more characters were cleaned from texts as above (not listed)"


# --- the chair's own lists ------------------------------------------------------------

EXPERT_HEADERS = ("Expert ID", "Name", "E-mail", "Organisation", "Country", "Categories")


def test_the_expert_list_is_cleaned_with_notes_and_refused_for_a_nul(
    tmp_path: Path, edition: Edition
) -> None:
    path = tmp_path / "experts.csv"
    expert = {
        "Expert ID": "E01",
        "Name": "Zhang\u202e Wei",
        "E-mail": "zhang@example.org",
        "Organisation": "CAICT\x0b(Beijing)",
        "Country": "China",
        "Categories": "C7-ehealth",
    }
    write_csv(path, [expert], headers=EXPERT_HEADERS)
    listed = read_experts(path, edition)
    [record] = listed.records
    assert (record.name, record.organisation) == ("Zhang Wei", "CAICT\n(Beijing)")
    assert [(n.row, n.column, n.params["code_point"]) for n in listed.notes] == [
        (2, "Name", "U+202E"),
        (2, "Organisation", "U+000B"),
    ]

    write_csv(path, [{**expert, "Name": "Zhang\x00Wei"}], headers=EXPERT_HEADERS)
    with pytest.raises(InputRefused) as caught:
        read_experts(path, edition)
    assert [(p.code, p.row, p.column) for p in caught.value.problems] == [("text.nul", 2, "Name")]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_past_winners_are_cleaned_with_notes(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"winners{suffix}"
    write_past_winners(
        path,
        [
            {"Project title": "Tele\x1fhealth\u202c", "Organisation": "ACME", "Edition": 2019},
            {"Project title": "Plain", "Organisation": "Other", "Edition": 2018},
        ],
    )
    notes: list[Problem] = []
    first, second = read_past_winners(path, notes=notes)
    assert (first.title, second.title) == ("Telehealth", "Plain")
    assert [(n.row, n.column, n.code) for n in notes] == [
        (2, "Project title", "text.control_removed"),
        (2, "Project title", "text.direction_removed"),
    ]
