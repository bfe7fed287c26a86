"""Helpers for the format tests: the real 2020 edition and handmade submission sets."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from panel_app.edition import Edition, load_edition_by_key
from panel_app.formats.submission_set import COLUMNS

HEADERS = tuple(column.header for column in COLUMNS)  # the platform's, in its order


@pytest.fixture(scope="session")
def edition() -> Edition:
    return load_edition_by_key("wsis-2020")


def row(submission_id: Any = 1001, **overrides: Any) -> dict[str, Any]:
    """One platform row; override any column by its header."""
    values: dict[str, Any] = {
        "Submission ID": submission_id,
        "Project title": f"Project {submission_id}",
        "Organisation": "Ministry of Health",
        "Stakeholder type": "Government",
        "Country": "Kenya",
        "Category": "C7 E-health",
        "SDGs": "3; 5",
        "Project summary": "Clinics\nin every county.",
        "Action line and SDG linkage": "C7 links to SDG 3.",
        "Impact": "20,000 patients.",
        "Partnerships": "WHO.",
        "Challenges and future": "Funding.",
        "Project status": "Completed",
        "Website": "https://example.org",
        "Contact name": "A. Person",
        "Contact e-mail": "a.person@example.org",
        "Submitted at": datetime(2019, 11, 1, 12, 0),
    }
    values.update(overrides)
    return values


def write_xlsx(
    path: Path,
    rows: Sequence[dict[str, Any]],
    *,
    headers: Sequence[str] = HEADERS,
    above: Sequence[Sequence[Any]] = (),
    sheets_before: Sequence[str] = (),
    sheet: str = "Submissions",
    first_column: int = 1,
) -> Path:
    """A workbook as the platform (or a secretariat editing it) might write it.

    Cells are looked up by header; a header not in a row's dict gets an empty cell.
    """
    book = openpyxl.Workbook()
    default = book.active
    assert default is not None
    book.remove(default)
    for name in sheets_before:
        other = book.create_sheet(name)
        other.append(["Read me: this workbook holds the WSIS Prizes submissions."])
        other.append(["Submission ID", "Notes"])  # a few familiar headers, not the set
    target = book.create_sheet(sheet)
    line = 1
    for title in above:
        for offset, value in enumerate(title):
            target.cell(line, first_column + offset, value)
        line += 1
    for offset, header in enumerate(headers):
        target.cell(line, first_column + offset, header)
    for values in rows:
        line += 1
        if not values:
            continue  # a blank row
        for offset, header in enumerate(headers):
            target.cell(line, first_column + offset, values.get(header))
    book.save(path)
    return path


def write_csv(
    path: Path,
    rows: Sequence[dict[str, Any]],
    *,
    headers: Sequence[str] = HEADERS,
    delimiter: str = ",",
    bom: bool = False,
    line_end: str = "\r\n",
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter, lineterminator=line_end)
        writer.writerow(headers)
        for values in rows:
            writer.writerow([_csv_text(values.get(h)) for h in headers] if values else [])
    return path


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value)
