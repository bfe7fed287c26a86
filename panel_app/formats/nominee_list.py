"""The nominee list for the secretariat: .xlsx or .csv, format documented in
docs/formats/nominee-list.md (keep the two in step, and bump FORMAT_VERSION on any change
a reader would notice).

Text never becomes a formula, and any text opens: every text cell goes through
text_cells (xlsx_text, csv_text), which cleans what no file holds (panel_app.characters)
and keeps text that looks like a formula text (see the format document).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from panel_app.formats.about import Chain, chain_about
from panel_app.formats.text_cells import csv_text, keep_text, xlsx_text

FORMAT_NAME = "wsis-panel-nominee-list"

# A nominee's status: the code the app keeps, and the words the file and the report show
# (docs/formats/nominee-list.md). Words from lists frozen by earlier versions read back.
STATUS_WORDS = {
    "nominee": "nominee",
    "added": "added by the chair",
    "tied": "tied at the cut: the chair decides",
}
STATUS_CODES = {words: code for code, words in STATUS_WORDS.items()}


def status_words(code: str) -> str:
    return STATUS_WORDS.get(code, code)


def status_code(text: str) -> str:
    """The code of a status, whether given as its code or its words."""
    return STATUS_CODES.get(text, text)


FORMAT_VERSION = 3

COLUMNS: tuple[str, ...] = (
    "Category key",
    "Category",
    "Rank",
    "Submission ID",
    "Project title",
    "Organisation",
    "Country",
    "Stakeholder type",
    "Raw score",
    "Calibrated score",
    "Reviews",
    "Agreement flags",
    "Status",
    "Decision reasons",
    "Open findings",
)
_WIDTHS = (22, 40, 6, 12, 48, 40, 18, 24, 10, 12, 8, 30, 12, 60, 60)
SCORE_DECIMALS = 2


@dataclass(frozen=True)
class NomineeListRow:
    category_key: str
    category_name: str
    rank: int | None  # the place in the category's ranking; None for an added nominee
    submission_id: str
    title: str
    organisation: str
    country: str
    stakeholder_type: str
    raw_score: float | None  # the mean composite, 0-100
    calibrated_score: float | None  # None where the category could not be calibrated
    reviews: int
    agreement_flags: tuple[str, ...]
    status: str  # the code: "nominee", "added" or "tied" (STATUS_WORDS gives the words)
    decision_reasons: tuple[str, ...]
    open_findings: tuple[str, ...] = ()  # its rule findings not overruled, in words

    def values(self) -> tuple[object, ...]:
        return (
            self.category_key,
            self.category_name,
            self.rank,
            self.submission_id,
            self.title,
            self.organisation,
            self.country,
            self.stakeholder_type,
            _score(self.raw_score),
            _score(self.calibrated_score),
            self.reviews,
            "; ".join(self.agreement_flags),
            status_words(self.status),
            "; ".join(self.decision_reasons),
            "; ".join(self.open_findings),
        )


@dataclass(frozen=True)
class NomineeListInfo:
    """What the About sheet states: where the list comes from and how it was ranked."""

    edition_key: str
    edition_title: str
    method: str  # "calibrated", "raw", "zscore"
    frozen: bool
    exported_at: datetime
    exported_by: str
    chain: Chain | None = None  # the audit log it was made from (formats/about.py)


def _score(value: float | None) -> float | None:
    # Fixed decimals: the figure in the file is the figure the chair saw in the app.
    return None if value is None else round(value, SCORE_DECIMALS)


def write_nominee_list(path: Path, rows: Sequence[NomineeListRow], info: NomineeListInfo) -> None:
    """Write the list to `path` (.xlsx or .csv), replacing it only once it is complete."""
    values = [row.values() for row in rows]
    sheet = Table("Nominees", COLUMNS, values, _WIDTHS, score_columns=(8, 9))
    write_table(path, sheet, _about(info, len(rows)) + chain_about(info.chain))


@dataclass(frozen=True)
class Table:
    """One sheet of an export: its rows as cell values; the last column wraps."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    widths: Sequence[int]
    score_columns: Sequence[int] = ()  # 0-based: numbers with SCORE_DECIMALS, in both formats


def write_table(path: Path, table: Table, about: Sequence[tuple[str, object]]) -> None:
    """Write `table` to `path` (.xlsx with an About sheet, or .csv: the table alone),
    replacing the file only once it is complete."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValueError(f"{path.name}: unsupported file type {path.suffix!r} (use .xlsx or .csv)")
    partial = path.with_name(f".{path.name}.part")
    try:
        if suffix == ".xlsx":
            _write_xlsx(partial, table, about)
        else:
            _write_csv(partial, table)  # one table only: the About facts are the .xlsx's
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _about(info: NomineeListInfo, count: int) -> list[tuple[str, object]]:
    return [
        ("Format", FORMAT_NAME),
        ("Format version", FORMAT_VERSION),
        ("Edition", info.edition_key),
        ("Edition title", info.edition_title),
        ("Ranking method", info.method),
        ("List frozen", "yes" if info.frozen else "no (a proposal: it may still change)"),
        ("Rows", count),
        ("Exported at (UTC)", info.exported_at.strftime("%Y-%m-%d %H:%M:%S")),
        ("Exported by", info.exported_by),
    ]


def _write_xlsx(path: Path, table: Table, about_rows: Sequence[tuple[str, object]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title
    sheet.append([_xlsx_value(v) for v in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_value(v) for v in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            keep_text(cell)
        for column in table.score_columns:
            cells[column].number_format = "0." + "0" * SCORE_DECIMALS
        cells[-1].alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    about = book.create_sheet("About")
    for key, value in about_rows:
        about.append([_xlsx_value(key), _xlsx_value(value)])
        keep_text(about.cell(about.max_row, 2))
    about.column_dimensions["A"].width = max([22, *(len(key) + 2 for key, _ in about_rows)])
    about.column_dimensions["B"].width = 70
    book.save(path)


def _xlsx_value(value: object) -> object:
    return xlsx_text(value) if isinstance(value, str) else value


def _csv_value(value: object, score: bool = False) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    if score and isinstance(value, float):
        return f"{value:.{SCORE_DECIMALS}f}"  # 75.00, as the .xlsx shows it (not 75.0)
    return value


def _write_csv(path: Path, table: Table) -> None:
    scores = set(table.score_columns)
    # utf-8-sig: the BOM makes Excel read the file as UTF-8 (Chinese names, accents).
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([_csv_value(v) for v in table.columns])
        for row in table.rows:
            writer.writerow([_csv_value(v, i in scores) for i, v in enumerate(row)])
