"""The past-winners list: what is read, and every refusal with the message a person sees."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel_app.formats.past_winners import (
    PastWinnerRecord,
    _CellRefused,
    parse_edition_year,
    read_past_winners,
)
from panel_app.formats.submission_set_writer import write_past_winners
from panel_app.problems import InputRefused

HEADER = ("Project title", "Organisation", "Edition")


def write_xlsx(
    path: Path, rows: Sequence[Sequence[Any]], *, header: Sequence[str] = HEADER
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Winners"
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    header: Sequence[str] = HEADER,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def refusal(path: Path) -> list[str]:
    with pytest.raises(InputRefused) as caught:
        read_past_winners(path)
    return [p.describe() for p in caught.value.problems]


def codes(path: Path) -> list[str]:
    with pytest.raises(InputRefused) as caught:
        read_past_winners(path)
    return [p.code for p in caught.value.problems]


# --- what is read ---------------------------------------------------------------------


def test_the_demo_list_reads_back_from_xlsx_and_csv(tmp_path: Path) -> None:
    winners = [
        {"Project title": "Kilimo Salama", "Organisation": "Agri Ltd.", "Edition": 2018},
        {"Project title": "数字扫盲项目", "Organisation": "北京社区中心", "Edition": 2016},
    ]
    for name in ("w.xlsx", "w.csv"):
        write_past_winners(tmp_path / name, winners)
        assert read_past_winners(tmp_path / name) == [
            PastWinnerRecord("Kilimo Salama", "Agri Ltd.", 2018, "2018", 2),
            PastWinnerRecord("数字扫盲项目", "北京社区中心", 2016, "2016", 3),
        ]


def test_header_variants_bom_semicolons_and_blank_rows(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "w.csv",
        [[" TeleMedika ", "Santé Ouest", "WSIS Prizes 2017", "note"], ["", "", "", ""]],
        header=("TITLE", "organization_name", "Prize year", "Remarks"),
        delimiter=";",
        encoding="utf-8-sig",
    )
    assert read_past_winners(path) == [
        PastWinnerRecord("TeleMedika", "Santé Ouest", 2017, "WSIS Prizes 2017", 2)
    ]


def test_header_below_title_rows_in_a_later_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    readme = book.active
    assert readme is not None
    readme.title = "Read me"
    readme.append(["Winners of the WSIS Prizes, 2012-2019"])
    sheet = book.create_sheet("List")
    sheet.append(["WSIS Prizes winners"])
    sheet.append([])
    sheet.append([None, "Winning project", "Entity", "Year"])
    sheet.append([None, "CivicPulse", "Open Gov Lab", 2019.0])
    book.save(tmp_path / "w.xlsx")
    assert read_past_winners(tmp_path / "w.xlsx") == [
        PastWinnerRecord("CivicPulse", "Open Gov Lab", 2019, "2019", 4)
    ]


@pytest.mark.parametrize(
    ("cell", "year"),
    [(2019, 2019), (2019.0, 2019), ("2019", 2019), (" wsis-2017 ", 2017), ("WSIS 2014", 2014)],
)
def test_edition_spellings(cell: object, year: int) -> None:
    assert parse_edition_year(cell) == year


@pytest.mark.parametrize(
    "cell",
    [1999, 2100, 2019.5, "19", "last year", "2018-2019", True, date(2019, 1, 1), "12019"],
)
def test_edition_refusals(cell: object) -> None:
    with pytest.raises(_CellRefused):
        parse_edition_year(cell)


@given(st.integers(2000, 2099), st.text(st.characters(categories=["L", "Zs", "P"]), max_size=12))
def test_any_text_naming_one_year_gives_it(year: int, words: str) -> None:
    assert parse_edition_year(f"{words} {year} {words}") == year
    assert parse_edition_year(float(year)) == year


# --- refusals ---------------------------------------------------------------------------


def test_missing_column(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", [["A", "B"]], header=("Project title", "Organisation"))
    assert refusal(path) == [
        "w.xlsx, sheet 'Winners', row 1, column 'Edition': The required column 'Edition' is "
        "missing (headers found: 'Project title', 'Organisation'); expected a column headed "
        "'Edition', 'Year', 'Edition year', 'Prize year', 'Award year', 'WSIS Prizes edition', "
        "'WSIS Prizes' (any case, spacing or punctuation)"
    ]


def test_no_header_at_all(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "w.csv", [["x", "y"]], header=("Name", "Value"))
    assert refusal(path) == [
        "w.csv: No header row with the past-winner columns was found in the first 10 rows of "
        "it; expected a header row with the columns Project title, Organisation, Edition"
    ]


def test_column_twice(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "w.csv", [["a", "b", "2019", "2018"]], header=(*HEADER, "Edition"))
    assert refusal(path) == [
        "w.csv, row 1, column 'Edition': The column 'Edition' appears twice, in columns C and "
        "D; expected each column once"
    ]


def test_every_bad_row_is_reported_and_nothing_is_read(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "w.xlsx",
        [
            ["Good", "Org", 2019],
            ["", "Org", 2019],
            ["Title", "  ", 2018],
            ["Title", "Org", "last year"],
            ["Title", "Org", None],
            ["#N/A", "Org", 2017],
        ],
    )
    assert refusal(path) == [
        "w.xlsx, sheet 'Winners', row 3, column 'Project title': The cell is empty; "
        "expected the winning project's title",
        "w.xlsx, sheet 'Winners', row 4, column 'Organisation': The cell is empty; "
        "expected the winning organisation's name",
        "w.xlsx, sheet 'Winners', row 5, column 'Edition': The edition is not a year the app "
        "reads (found 'last year'); expected the year of the edition, such as 2019, or text "
        "naming it, such as 'WSIS Prizes 2019' or 'wsis-2019'",
        "w.xlsx, sheet 'Winners', row 6, column 'Edition': The cell is empty; "
        "expected the year of the edition, such as 2019",
        "w.xlsx, sheet 'Winners', row 7, column 'Project title': The cell holds the Excel "
        "error #N/A (found '#N/A'); expected a value: correct the formula or type the value in",
    ]


def test_header_without_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "w.csv", [])
    assert refusal(path) == [
        "w.csv, row 1: The header row is there but no winner follows it; "
        "expected one row per winning project below the header"
    ]


def test_too_many_problems_stops_reading(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "w.csv", [["", "Org", 2019]] * 1200)
    found = codes(path)
    assert len(found) == 1002
    assert found[-1] == "past_winners.too_many_problems"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("w.xls", b"whatever", "w.xls: Files of type '.xls' cannot be read as a past-winners list"),
        ("w.txt", b"a,b", "w.txt: Files of type '.txt' cannot be read as a past-winners list"),
        ("w.csv", b"", "w.csv: The file is empty (0 bytes)"),
        ("w.csv", b"\n\n", "w.csv: The file has no rows"),
        ("w.csv", "Project title,Organisation,Edition\nCafé".encode("latin-1"), "not UTF-8"),
        ("w.xlsx", b"Project title,Organisation,Edition\n", "not an Excel workbook"),
        ("w.csv", b"PK\x03\x04rest", "w.csv: The file is a workbook, not CSV text"),
    ],
)
def test_file_refusals(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [problem] = refusal(path)
    assert expected in problem


def test_a_date_in_the_edition_column_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", [["T", "O", datetime(2019, 3, 1)]])
    assert codes(path) == ["past_winners.edition_unreadable"]
