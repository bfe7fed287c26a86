"""The nominee list the secretariat imports: read back what was written, text stays text."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from panel_app.formats.nominee_list import (
    COLUMNS,
    FORMAT_VERSION,
    NomineeListInfo,
    NomineeListRow,
    status_code,
    status_words,
    write_nominee_list,
)

INFO = NomineeListInfo(
    edition_key="wsis-2020",
    edition_title="WSIS Prizes 2020",
    method="calibrated",
    frozen=True,
    exported_at=datetime(2020, 1, 20, 9, 30, tzinfo=UTC),
    exported_by="chair",
)


def nominee(title: str = "Read Spark Ibadan", **changes: object) -> NomineeListRow:
    values: dict[str, object] = {
        "category_key": "C7-ehealth",
        "category_name": "C7 ICT applications: E-health",
        "rank": 1,
        "submission_id": "13291",
        "title": title,
        "organisation": "Министерство здравоохранения Республики Татарстан",
        "country": "Russian Federation",
        "stakeholder_type": "Government",
        "raw_score": 81.23456,
        "calibrated_score": 79.5,
        "reviews": 3,
        "agreement_flags": ("experts disagree",),
        "status": "nominee",
        "decision_reasons": (),
    }
    values.update(changes)
    return NomineeListRow(**values)  # type: ignore[arg-type]


def test_xlsx_holds_the_rows_with_scores_as_numbers_and_an_about_sheet(tmp_path: Path) -> None:
    path = tmp_path / "nominees.xlsx"
    rows = [
        nominee(),
        nominee(
            "第二个项目",
            rank=None,
            submission_id="13300",
            calibrated_score=None,
            status="added",  # the code: the file shows its words
            decision_reasons=("Only project from a least developed country", "panel vote"),
            open_findings=(
                "finding 7, same-entity-category: same organisation as 13291",
                "finding 9, duplicate-project: 92% of the text shared with 13291",
            ),
        ),
    ]
    write_nominee_list(path, rows, INFO)
    book = openpyxl.load_workbook(path)
    sheet = book["Nominees"]
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert table[0] == list(COLUMNS)
    assert table[1][:4] == ["C7-ehealth", "C7 ICT applications: E-health", 1, "13291"]
    assert table[1][8:12] == [81.23, 79.5, 3, "experts disagree"]
    assert table[2][2] is None and table[2][4] == "第二个项目" and table[2][9] is None
    assert table[2][12:] == [
        "added by the chair",
        "Only project from a least developed country; panel vote",
        "finding 7, same-entity-category: same organisation as 13291; "
        "finding 9, duplicate-project: 92% of the text shared with 13291",
    ]
    assert table[1][14] is None  # no open finding: an empty cell
    assert sheet.freeze_panes == "A2"
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Format version"] == FORMAT_VERSION
    assert about["Edition"] == "wsis-2020"
    assert about["Rows"] == 2
    assert about["List frozen"] == "yes"


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("http://evil","x")', "+1 app", "-5% cost", "@sum(A1)", "\tTab"]
)
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, title: str) -> None:
    xlsx, csv_path = tmp_path / "n.xlsx", tmp_path / "n.csv"
    write_nominee_list(xlsx, [nominee(title)], INFO)
    write_nominee_list(csv_path, [nominee(title)], INFO)

    cell = openpyxl.load_workbook(xlsx)["Nominees"]["E2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (title, "s", True)

    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    assert header == list(COLUMNS)
    # An invisible guard: spreadsheets show the text; the format says to strip it.
    assert row[4] == "\u200b" + title


def test_a_failed_write_leaves_the_earlier_file(tmp_path: Path) -> None:
    path = tmp_path / "nominees.xlsx"
    write_nominee_list(path, [nominee()], INFO)
    before = path.read_bytes()
    with pytest.raises(ValueError, match="unsupported file type"):
        write_nominee_list(tmp_path / "nominees.pdf", [nominee()], INFO)
    with pytest.raises(ValueError, match="Cannot convert"):  # a bug upstream, mid-write
        write_nominee_list(path, [nominee(rank=object())], INFO)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["nominees.xlsx"]


def test_a_status_is_a_code_in_the_app_and_words_in_the_file() -> None:
    """Short codes in the core, words where a person reads them; words stored by an
    earlier version (a list frozen then) read back as codes."""
    assert [status_words(code) for code in ("nominee", "added", "tied")] == [
        "nominee",
        "added by the chair",
        "tied at the cut: the chair decides",
    ]
    assert status_code("added by the chair") == "added" and status_code("tied") == "tied"
