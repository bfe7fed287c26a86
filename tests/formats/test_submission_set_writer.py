"""The submission-set writer: what it writes is what a reader gets back."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from panel_app.demo import generate_submission_set
from panel_app.edition import load_edition_by_key
from panel_app.formats.submission_set_writer import (
    PAST_WINNER_COLUMNS,
    write_past_winners,
    write_submission_set,
)

COLUMNS = ("Submission ID", "Project title", "Project summary", "Submitted at", "Note")
FORMULA_LIKE = ("=1+2", "=SUM(A1:A3)", "+41 22 730", "-", "- bullet", "@ministry", "\tindented")
ROWS: list[dict[str, object]] = [
    {
        "Submission ID": 1001,
        "Project title": "Kilimo Salama",
        "Project summary": "Line one.\nLine two with «quotes», 中文 and عربي.",
        "Submitted at": datetime(2019, 11, 22, 23, 0, 1),
        "Note": None,
    },
    {
        "Submission ID": 1002.0,
        "Project title": '=HYPERLINK("http://x")',
        "Project summary": "- first\n- second",
        "Submitted at": "2019-11-22T17:30:00-05:00",
        "Note": date(2019, 11, 1),
    },
    *(
        {"Submission ID": str(2000 + i), "Project title": text, "Note": True}
        for i, text in enumerate(FORMULA_LIKE)
    ),
]


def expected(row: dict[str, object], column: str) -> object:
    value = row.get(column)
    return None if value == "" else value


def read_xlsx(path: Path) -> list[list[openpyxl.cell.Cell]]:
    sheet = openpyxl.load_workbook(path)["Submissions"]
    return [list(r) for r in sheet.iter_rows()]


def test_xlsx_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "set.xlsx"
    write_submission_set(path, COLUMNS, ROWS)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Submissions", "About"]
    assert workbook["About"]["A1"].value.startswith("Exported from")
    cells = read_xlsx(path)
    assert [c.value for c in cells[0]] == list(COLUMNS)
    for row, read in zip(ROWS, cells[1:], strict=True):
        for column, cell in zip(COLUMNS, read, strict=True):
            want = expected(row, column)
            if isinstance(want, date) and not isinstance(want, datetime):
                want = datetime(want.year, want.month, want.day)
            assert cell.value == want, (column, cell.value, want)
    assert cells[1][3].is_date and cells[1][3].number_format == "yyyy-mm-dd hh:mm:ss"


def test_xlsx_formula_like_text_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "set.xlsx"
    write_submission_set(path, COLUMNS, ROWS)
    titles = {c[1].value: c[1] for c in read_xlsx(path)[1:]}
    for text in (*FORMULA_LIKE, '=HYPERLINK("http://x")'):
        cell = titles[text]
        assert cell.data_type == "s"  # not "f": no formula
        assert cell.quotePrefix  # Excel keeps it text when edited
    assert titles["Kilimo Salama"].data_type == "s"


def test_xlsx_control_characters_come_back_through_calamine(tmp_path: Path) -> None:
    # CR and control characters cannot sit in XML as they are: written as Excel does
    path = tmp_path / "set.xlsx"
    texts = ["\rstarts with CR", "a\r\nb", "bell\x07", "_x000D_ literally"]
    write_submission_set(path, ("Text",), [{"Text": t} for t in texts])
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Submissions").to_python()
    assert [r[0] for r in values[1:]] == texts


def test_csv_round_trip_is_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "set.csv"
    write_submission_set(path, COLUMNS, ROWS)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    assert records[0] == list(COLUMNS)
    assert records[1] == [
        "1001",
        "Kilimo Salama",
        "Line one.\nLine two with «quotes», 中文 and عربي.",
        "2019-11-22 23:00:01",
        "",
    ]
    assert records[2][0] == "1002.0" and records[2][4] == "2019-11-01"
    assert records[2][1] == '=HYPERLINK("http://x")'  # no prefix: our reader needs the text
    assert [r[1] for r in records[3:]] == list(FORMULA_LIKE)
    assert records[3][4] == "TRUE"


def test_progress_is_reported(tmp_path: Path) -> None:
    for suffix in (".xlsx", ".csv"):
        calls: list[int] = []
        rows = ({"Submission ID": i} for i in range(2500))
        write_submission_set(
            tmp_path / f"p{suffix}", ("Submission ID",), rows, progress=calls.append
        )
        assert calls == [1000, 2000, 2500]


def test_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported file type"):
        write_submission_set(tmp_path / "set.ods", COLUMNS, ROWS)
    aware = [{"Submitted at": datetime(2019, 11, 22, 22, 0, tzinfo=UTC)}]
    for suffix in (".xlsx", ".csv"):
        with pytest.raises(ValueError, match="time zone"):
            write_submission_set(tmp_path / f"a{suffix}", ("Submitted at",), aware)
        with pytest.raises(TypeError, match="cannot write"):
            write_submission_set(tmp_path / f"b{suffix}", ("X",), [{"X": object()}])
    assert list(tmp_path.iterdir()) == []  # nothing half written


def test_past_winners(tmp_path: Path) -> None:
    winners = [{"Project title": "Kilimo Salama", "Organisation": "Agri Ltd.", "Edition": 2018}]
    write_past_winners(tmp_path / "w.xlsx", winners)
    write_past_winners(tmp_path / "w.csv", winners)
    sheet = openpyxl.load_workbook(tmp_path / "w.xlsx")["Past winners"]
    assert [[c.value for c in r] for r in sheet.iter_rows()] == [
        list(PAST_WINNER_COLUMNS),
        ["Kilimo Salama", "Agri Ltd.", 2018],
    ]
    with (tmp_path / "w.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))[1] == ["Kilimo Salama", "Agri Ltd.", "2018"]


def test_a_generated_set_round_trips(tmp_path: Path) -> None:
    demo = generate_submission_set(load_edition_by_key("wsis-2020"), count=300, seed=11)
    xlsx, text = tmp_path / "demo.xlsx", tmp_path / "demo.csv"
    write_submission_set(xlsx, demo.columns, demo.rows)
    write_submission_set(text, demo.columns, demo.rows)
    sheet = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_name("Submissions").to_python()
    assert tuple(sheet[0]) == demo.columns
    for row, read in zip(demo.rows, sheet[1:], strict=True):
        for column, value in zip(demo.columns, read, strict=True):
            want = row[column]
            assert value == ("" if want is None else want), (column, value, want)
    with text.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    for row, record in zip(demo.rows, records, strict=True):
        for column in demo.columns:
            want = row[column]
            if isinstance(want, str):
                assert record[column] == want
            elif want is None:
                assert record[column] == ""
            elif isinstance(want, datetime):
                assert datetime.fromisoformat(record[column]) == want
            else:
                assert float(record[column]) == want
