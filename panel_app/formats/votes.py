"""The platform's public-vote export (.csv or .xlsx): raw votes, or a tally per project.

Format version 1, documented in docs/formats/votes.md. The kind is told by the header: a
"Votes" column without a voter column makes a tally. Raw votes are streamed one row at a
time (a national campaign brings millions): memory does not grow with the file. A raw row
whose cells cannot be read is still yielded, with its problem, so that the audit counts
it; a tally is small and a project's count must not go missing, so any bad row of a tally
refuses the file. Problems with the file as a whole (unreadable, no header, a column
missing) refuse it with located problems.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any, Literal, NamedTuple

from panel_app.edition import Edition
from panel_app.formats.cells import CellRefused, cell_text, normalise_id, parse_datetime
from panel_app.formats.headers import Column
from panel_app.formats.small_list import (
    FoundHeader,
    ListLayout,
    find_header,
    missing_columns,
    refuse_unsupported,
)
from panel_app.formats.tabular import Engine, Table, open_csv, open_workbook
from panel_app.problems import InputRefused, Problem

__all__ = [
    "FORMAT_VERSION",
    "RAW_COLUMNS",
    "TALLY_COLUMNS",
    "TallyRow",
    "Vote",
    "VoteFile",
    "open_votes",
]

FORMAT_VERSION = 1
PROGRESS_EVERY = 100_000
MAX_TALLY_PROBLEMS = 1000
CODE = "votes"

_CATEGORY = Column("category", "Category", ("WSIS Prizes category", "Prize category"))
_SUBMISSION = Column(
    "submission_id", "Submission ID", ("Project ID", "Submission No", "Submission number", "ID")
)
RAW_COLUMNS: tuple[Column, ...] = (
    Column("voter", "Voter account", ("User name", "Username", "Account", "Voter", "Login")),
    Column(
        "organisation",
        "Voter organisation",
        ("Voter organization", "Organisation", "Organization", "Organisation name", "Entity"),
    ),
    Column(
        "organisation_type",
        "Organisation type",
        ("Organization type", "Type of organisation", "Stakeholder type", "Stakeholder"),
    ),
    Column("country", "Country", ("Voter country", "Country name", "Country/territory")),
    Column("email", "E-mail", ("Email", "Voter e-mail", "Voter email", "E-mail address")),
    _CATEGORY,
    _SUBMISSION,
    Column("cast_at", "Voted at", ("Vote time", "Time", "Date", "Timestamp", "Voted on")),
)
TALLY_COLUMNS: tuple[Column, ...] = (
    _CATEGORY,
    _SUBMISSION,
    Column("votes", "Votes", ("Vote count", "Number of votes", "Total votes", "Likes")),
)
# Both kinds in one layout: the header row is the first naming a category and a project.
_LAYOUT = ListLayout(
    code=CODE,
    noun="a vote export",
    what="the vote columns",
    entry="vote",
    entries_expected="one row per vote (or per project, for a tally) below the header",
    columns=(*RAW_COLUMNS, TALLY_COLUMNS[-1]),
    required=frozenset({"category", "submission_id"}),
)


class Vote(NamedTuple):
    """One row of a raw export. `problem` is set when a cell cannot be read; the fields
    it concerns are then None."""

    row: int  # as Excel shows it; for a CSV the line's record number (header = 1 on top)
    voter: str
    organisation: str
    organisation_type: str
    country: str
    email: str
    category_key: str | None
    submission_id: str | None
    # When the vote was cast, in seconds since 1970-01-01 UTC: millions of these are
    # compared and ordered, which aware datetimes in a ZoneInfo make ~20x slower.
    cast_at: float | None
    problem: Problem | None = None


class TallyRow(NamedTuple):
    row: int
    category_key: str
    submission_id: str
    votes: int


@dataclass
class VoteFile:
    kind: Literal["raw", "tally"]
    file: str
    sheet: str | None
    header_row: int
    votes: Iterator[Vote]  # raw: streamed; empty for a tally
    tally: list[TallyRow]  # tally: read whole; empty for raw votes


@contextmanager
def open_votes(
    path: Path,
    edition: Edition,
    *,
    engine: Engine = "auto",
    progress: Callable[[int, int | None], None] | None = None,
) -> Iterator[VoteFile]:
    """The vote file at `path`, its header found; InputRefused for a file it cannot read."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with open_csv(path) as tables:
            yield _open(path, tables, edition, progress)
    elif suffix == ".xlsx":
        with open_workbook(path, engine=engine) as tables:
            yield _open(path, tables, edition, progress)
    else:
        refuse_unsupported(path, _LAYOUT)


def _open(
    path: Path,
    tables: Iterator[Table] | list[Table],
    edition: Edition,
    progress: Callable[[int, int | None], None] | None,
) -> VoteFile:
    header = find_header(path, _LAYOUT, tables)
    tally = "votes" in header.columns and "voter" not in header.columns
    kind = TALLY_COLUMNS if tally else RAW_COLUMNS
    missing = missing_columns(path, _LAYOUT, header, (c.field for c in kind))
    if missing:
        raise InputRefused(missing, subject=path.name)
    cells = _Cells(path, header, edition)
    rows = _rows(header, progress)
    if tally:
        return VoteFile(
            "tally", path.name, header.table.sheet, header.row, iter(()), _tally(cells, rows)
        )
    return VoteFile("raw", path.name, header.table.sheet, header.row, _raw(cells, rows), [])


def _rows(
    header: FoundHeader, progress: Callable[[int, int | None], None] | None
) -> Iterator[tuple[int, list[Any]]]:
    total = header.table.total_rows
    done = 0
    for number, cells in itertools.chain(header.head, header.table.rows):
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, None if total is None else max(total - header.row, done))
        yield number, cells
    if progress is not None:
        progress(done, done)


def _blank(cells: list[Any]) -> bool:
    return all(c is None or (c.__class__ is str and not c.strip()) for c in cells)


class _Cells:
    """Reads the cells of one row: the usual ones by short paths, with caches."""

    def __init__(self, path: Path, header: FoundHeader, edition: Edition) -> None:
        self.path = path
        self.sheet = header.table.sheet
        self.edition = edition
        self.zone = edition.zone
        self.names = {name: header.headers[index] for name, index in header.columns.items()}
        self.index = header.columns
        self.width = max(header.columns.values()) + 1
        self.categories: dict[object, str | CellRefused] = {}
        self.hours: dict[str, float] = {}  # local "YYYY-MM-DD HH" -> its UTC seconds

    def problem(self, number: int, name: str, value: object, refused: CellRefused) -> Problem:
        return Problem(
            refused.code,
            refused.template,
            dict(refused.params),
            file=self.path.name,
            sheet=self.sheet,
            row=number,
            column=self.names[name],
            value=None if value is None else cell_text(value),
            expected=refused.expected,
        )

    def category(self, value: object) -> str:
        key: object = value if value.__class__ is str else (value.__class__, value)
        found = self.categories.get(key)
        if found is None:
            found = self._resolve_category(cell_text(value))
            if len(self.categories) < 10_000:  # free text in the wrong column stays bounded
                self.categories[key] = found
        if isinstance(found, CellRefused):
            raise found
        return found

    def _resolve_category(self, text: str) -> str | CellRefused:
        hint = self.edition.category_spellings_hint()
        if not text:
            return CellRefused(f"{CODE}.value_missing", "The cell is empty", {}, hint)
        category = self.edition.resolve_category(text)
        if category is not None:
            return category.key
        several = self.edition.ambiguous_category(text)
        if several:
            return CellRefused(
                f"{CODE}.category_ambiguous",
                "The category could be any of {count} categories: {keys}",
                {"count": len(several), "keys": ", ".join(c.key for c in several)},
                hint,
            )
        return CellRefused(
            f"{CODE}.category_unknown",
            "The category is not one of the {edition} categories",
            {"edition": self.edition.key},
            hint,
        )

    def submission_id(self, value: object) -> str:
        if isinstance(value, str) and value.isdigit():
            return value
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return str(value)
        if cell_text(value) == "":
            raise CellRefused(
                f"{CODE}.value_missing", "The cell is empty", {}, "a submission ID, such as 1001"
            )
        return normalise_id(value)

    def cast_at(self, value: object) -> float:
        if isinstance(value, str) and len(value) == 19 and value[13] == ":" == value[16]:
            # "2020-03-01 12:34:56", as the platform writes it: local time
            base = self.hours.get(value[:13])
            if base is None:
                base = self._hour(value[:13])
            if base is not None and value[14:16].isdigit() and value[17:19].isdigit():
                minute, second = int(value[14:16]), int(value[17:19])
                if minute < 60 and second < 60:
                    return base + minute * 60 + second
        elif isinstance(value, datetime) and value.tzinfo is None:  # an Excel date-time
            return self._local_seconds(value)
        found = parse_datetime(value, self.zone, self.edition.timezone)
        if found is None:
            raise CellRefused(
                f"{CODE}.value_missing",
                "The cell is empty",
                {},
                "the date and time of the vote",
            )
        return found.timestamp()

    def _hour(self, text: str) -> float | None:
        """UTC seconds of a local hour "2020-03-01 12" (fold=0, as cells.parse_datetime);
        None when the text is no such hour. Offsets change on the hour in every zone."""
        if not text[:4].isdigit():
            return None
        try:
            moment = datetime.fromisoformat(text + ":00:00")
        except ValueError:
            return None
        seconds = moment.replace(tzinfo=self.zone, fold=0).timestamp()
        if len(self.hours) < 100_000:
            self.hours[text] = seconds
        return seconds

    def _local_seconds(self, value: datetime) -> float:
        key = f"{value.year:04d}-{value.month:02d}-{value.day:02d} {value.hour:02d}"
        base = self.hours.get(key)
        if base is None:
            base = self._hour(key)
            assert base is not None
        return base + value.minute * 60 + value.second + value.microsecond / 1e6


_strip = str.strip
# Vote(*fields) without the Python-level __new__ namedtuple gives it: the same object.
_new_vote = tuple.__new__
_TEXTS = ("voter", "organisation", "organisation_type", "country", "email")


def _raw(cells: _Cells, rows: Iterator[tuple[int, list[Any]]]) -> Iterator[Vote]:
    texts = itemgetter(*(cells.index[name] for name in _TEXTS))
    at_category = cells.index["category"]
    at_id = cells.index["submission_id"]
    at_time = cells.index["cast_at"]
    width = cells.width
    categories = cells.categories
    hours = cells.hours
    for number, row in rows:
        if len(row) < width:
            row = row + [None] * (width - len(row))
        try:  # text cells, the usual case: str.strip over them in C
            voter, organisation, kind, country, email = map(_strip, texts(row))
        except TypeError:  # an empty cell as None (openpyxl), a number...
            voter, organisation, kind, country, email = map(cell_text, texts(row))
        # The usual cells by short paths (cached category text, digits, the platform's
        # "YYYY-MM-DD HH:MM:SS"); any other goes through _Cells, which reads it the same.
        problem: Problem | None = None
        value = row[at_category]
        category_key = categories.get(value) if value.__class__ is str else None
        if category_key.__class__ is not str:
            try:
                category_key = cells.category(value)
            except CellRefused as refused:
                category_key = None
                problem = cells.problem(number, "category", value, refused)
        value = row[at_id]
        submission_id: str | None = value
        if value.__class__ is not str or not value.isdigit():
            try:
                submission_id = cells.submission_id(value)
            except CellRefused as refused:
                submission_id = None
                problem = problem or cells.problem(number, "submission_id", value, refused)
        value = row[at_time]
        cast_at: float | None = None
        if value.__class__ is str and len(value) == 19 and value[13] == ":" == value[16]:
            base = hours.get(value[:13])
            minute, second = value[14:16], value[17:19]
            if (
                base is not None
                and "00" <= minute < "60"
                and "00" <= second < "60"
                and minute.isdigit()
                and second.isdigit()
            ):
                cast_at = base + int(minute) * 60 + int(second)
        if cast_at is None:
            try:
                cast_at = cells.cast_at(value)
            except CellRefused as refused:
                problem = problem or cells.problem(number, "cast_at", value, refused)
        if problem is not None and _blank(row):
            continue  # a blank row is not a vote
        yield _new_vote(
            Vote,
            (
                number,
                voter,
                organisation,
                kind,
                country,
                email,
                category_key,
                submission_id,
                cast_at,
                problem,
            ),
        )


def _tally(cells: _Cells, rows: Iterator[tuple[int, list[Any]]]) -> list[TallyRow]:
    at_category = cells.index["category"]
    at_id = cells.index["submission_id"]
    at_votes = cells.index["votes"]
    width = cells.width
    found: list[TallyRow] = []
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    for number, row in rows:
        if len(row) < width:
            row = row + [None] * (width - len(row))
        if _blank(row):
            continue
        before = len(problems)
        category_key = submission_id = None
        try:
            category_key = cells.category(row[at_category])
        except CellRefused as refused:
            problems.append(cells.problem(number, "category", row[at_category], refused))
        try:
            submission_id = cells.submission_id(row[at_id])
        except CellRefused as refused:
            problems.append(cells.problem(number, "submission_id", row[at_id], refused))
        try:
            votes = _count(row[at_votes])
        except CellRefused as refused:
            problems.append(cells.problem(number, "votes", row[at_votes], refused))
        if len(problems) > before:
            if len(problems) > MAX_TALLY_PROBLEMS:
                break
            continue
        assert category_key is not None and submission_id is not None
        first = seen.setdefault((category_key, submission_id), number)
        if first != number:
            problems.append(
                cells.problem(
                    number,
                    "submission_id",
                    row[at_id],
                    CellRefused(
                        f"{CODE}.tally_twice",
                        "The project {id} in {category} is also counted in row {first_row}",
                        {"id": submission_id, "category": category_key, "first_row": first},
                        "each project once per category",
                    ),
                )
            )
            continue
        found.append(TallyRow(number, category_key, submission_id, votes))
    if problems:
        raise InputRefused(problems, subject=cells.path.name)
    return found


def _count(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return int(value)
    text = cell_text(value)
    if text.isdigit():
        return int(text)
    raise CellRefused(
        f"{CODE}.votes_invalid",
        "The number of votes is not a whole number of 0 or more",
        {},
        "a whole number such as 125",
    )
