"""A list of earlier WSIS Prizes winners (.xlsx or .csv): project title, organisation, edition,
and, where the list has one, the project's description (rule 11 compares it with the
submissions' texts).

Format version 1, documented in docs/formats/past-winners.md. The reading (workbook
safety, engines, CSV encodings and delimiters, the header row, empty and error cells) is
small_list.py's: this module only knows the three columns and what an edition cell means.
A list is a few hundred rows, so it is read whole; any problem refuses it whole.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from panel_app.formats.cells import CellRefused, cell_text
from panel_app.formats.headers import Column
from panel_app.formats.small_list import ListLayout, read_small_list
from panel_app.formats.tabular import Engine
from panel_app.problems import Problem

FORMAT_VERSION = 1
SUFFIXES = (".xlsx", ".csv")

# The first three are required, the description is not. Headers match whatever their
# case, spacing and punctuation; the first spelling (the one the app writes) wins over an
# alias when a file has both.
COLUMNS: tuple[Column, ...] = (
    Column(
        "title",
        "Project title",
        ("Title", "Project name", "Project", "Winning project", "Winner project"),
    ),
    Column(
        "organisation",
        "Organisation",
        ("Organization", "Organisation name", "Organization name", "Entity", "Winner"),
    ),
    Column(
        "edition",
        "Edition",
        ("Year", "Edition year", "Prize year", "Award year", "WSIS Prizes edition", "WSIS Prizes"),
    ),
    Column(
        "text",
        "Description",
        ("Project description", "Summary", "Project summary", "Text", "Success story"),
    ),
)
# The prizes began in 2012; a year outside 2000-2099 is a typing error, not an edition.
_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})(?![0-9])")
EDITION_EXPECTED = (
    "the year of the edition, such as 2019, or text naming it, such as 'WSIS Prizes 2019' "
    "or 'wsis-2019'"
)


@dataclass(frozen=True)
class PastWinnerRecord:
    title: str
    organisation: str
    edition_year: int
    edition: str  # as written ("2019", "WSIS Prizes 2019", "wsis-2019")
    row: int  # as Excel shows it; for a CSV the record number (header = 1 on top)
    text: str = ""  # the project's description; "" when the list has none


_NEEDED = {
    "title": "the winning project's title",
    "organisation": "the winning organisation's name",
    "edition": "the year of the edition, such as 2019",
}


def parse_edition_year(value: object) -> int:
    """The year of a prize edition from a cell: 2019, 2019.0, "2019", "WSIS Prizes 2019",
    "wsis-2019". Raises CellRefused for anything else, a text naming two years included."""
    if isinstance(value, bool | date | time):  # (datetime is a date)
        raise _unreadable_edition()
    if isinstance(value, int | float):
        if math.isfinite(value) and float(value).is_integer() and 2000 <= value <= 2099:
            return int(value)
        raise _unreadable_edition()
    years = set(_YEAR.findall(cell_text(value)))
    if len(years) != 1:
        raise _unreadable_edition()
    return int(years.pop())


def _unreadable_edition() -> CellRefused:
    return CellRefused(
        "past_winners.edition_unreadable",
        "The edition is not a year the app reads",
        {},
        EDITION_EXPECTED,
    )


LAYOUT = ListLayout(
    code="past_winners",
    noun="a past-winners list",
    what="the past-winner columns",
    entry="winner",
    entries_expected="one row per winning project below the header",
    columns=COLUMNS,
    required=frozenset(("title", "organisation", "edition")),
    needed=_NEEDED,
)


def read_past_winners(
    path: Path, *, engine: Engine = "auto", notes: list[Problem] | None = None
) -> list[PastWinnerRecord]:
    """Every winner in the file, in file order; InputRefused with every problem if any.
    What was cleaned from the texts is added to `notes`, located (small_list.py)."""
    table = read_small_list(path, LAYOUT, engine=engine)
    if notes is not None:
        notes.extend(table.notes)
    records: list[PastWinnerRecord] = []
    for row in table.rows:
        title, organisation, edition, text = (
            row.cells.get(name) for name in ("title", "organisation", "edition", "text")
        )
        if title is None or organisation is None or edition is None:
            continue  # (refused as empty already)
        try:
            year = parse_edition_year(edition)
        except CellRefused as refused:
            table.problem(row.number, "edition", edition, refused)
            continue
        records.append(
            PastWinnerRecord(
                cell_text(title),
                cell_text(organisation),
                year,
                cell_text(edition),
                row.number,
                cell_text(text),
            )
        )
    table.refuse_if_problems()
    return records


__all__ = [
    "COLUMNS",
    "EDITION_EXPECTED",
    "FORMAT_VERSION",
    "SUFFIXES",
    "PastWinnerRecord",
    "parse_edition_year",
    "read_past_winners",
]
