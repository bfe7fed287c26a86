"""The results export: columns, the About sheet and its digest, text kept as text."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from panel_app.formats.results import (
    COLUMNS,
    FORMAT_NAME,
    FORMAT_VERSION,
    ResultRow,
    ResultsInfo,
    results_digest,
    write_results,
)

INFO = ResultsInfo(
    edition_key="wsis-2020",
    edition_title="WSIS Prizes 2020",
    edition_digest="ab" * 32,
    workspace="panel.sqlite",
    exported_at=datetime(2020, 4, 20, 9, 30),
    exported_by="chair",
    without_selection=("C9-media",),
)


def result(award: str = "winner", reason: str = "Clear first on every criterion") -> ResultRow:
    return ResultRow(
        category_key="C7-ehealth",
        category_name="ICT applications: E-health",
        award=award,
        submission_id="1001",
        title="远程医疗 Clinics",
        organisation="Ministry of Health",
        country="Kenya",
        stakeholder_type="Government",
        final_score=84.375,
        reviews=8,
        vote="public vote: 812 valid votes, rank 1",
        reason=reason,
        decided_by="chair",
        decided_at=datetime(2020, 4, 19, 16, 5, 0),
    )


def test_xlsx_holds_the_results_and_says_what_they_were_made_from(tmp_path: Path) -> None:
    path = tmp_path / "results.xlsx"
    digest = write_results(path, [result(), result("champion")], INFO)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Results", "About"]
    rows = list(book["Results"].iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert rows[1] == (
        "C7-ehealth", "ICT applications: E-health", "winner", "1001", "远程医疗 Clinics",
        "Ministry of Health", "Kenya", "Government", 84.38, 8,
        "public vote: 812 valid votes, rank 1", "yes", "chair", "2020-04-19 16:05:00",
        "Clear first on every criterion",
    )  # fmt: skip
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Format"] == FORMAT_NAME and about["Format version"] == FORMAT_VERSION
    assert about["Categories without a selection"] == "C9-media"
    assert about["Inputs SHA-256"] == digest == results_digest([result(), result("champion")], INFO)
    assert about["Edition file SHA-256"] == "ab" * 32


def test_the_digest_follows_the_inputs_not_the_time_of_export() -> None:
    later = replace(INFO, exported_at=datetime(2021, 1, 1), exported_by="someone else")
    assert results_digest([result()], INFO) == results_digest([result()], later)
    assert results_digest([result()], INFO) != results_digest([result(reason="other")], INFO)


@pytest.mark.parametrize("reason", ['=HYPERLINK("http://evil","x")', "+1", "-tie", "@A1"])
def test_a_reason_that_looks_like_a_formula_stays_text(tmp_path: Path, reason: str) -> None:
    xlsx, text = tmp_path / "r.xlsx", tmp_path / "r.csv"
    write_results(xlsx, [result(reason=reason)], INFO)
    write_results(text, [result(reason=reason)], INFO)
    cell = openpyxl.load_workbook(xlsx)["Results"].cell(2, len(COLUMNS))
    assert (cell.value, cell.data_type) == (reason, "s")
    with text.open(encoding="utf-8-sig", newline="") as handle:
        _, row = list(csv.reader(handle))
    assert row[-1] == "\u200b" + reason
