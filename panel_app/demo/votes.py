"""Deterministic public-vote exports with planted violations, and their ground truth.

`generate_votes` yields the rows of a raw vote export (docs/formats/votes.md) for a list
of nominees, streamed in blocks (millions of rows in bounded memory), and fills a
`VoteTruth`: the reason each planted row must be rejected for (by row number) and the
valid votes each nominee must end with. Every kind of violation of the voting rules is
planted, and the edges: a vote exactly at the opening and one exactly at the close (both
count), a duplicate whose row comes before the vote that counts (earlier in time, later in
the file), an own-organisation vote with the name spelt differently.
"""

from __future__ import annotations

import csv
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from panel_app.edition import Edition
from panel_app.formats.votes import RAW_COLUMNS
from panel_app.organisations import organisation_key
from panel_app.votes.audit import (
    AFTER_CLOSE,
    BEFORE_OPEN,
    DUPLICATE,
    INCOMPLETE,
    NOT_NOMINEE,
    OWN_ORGANISATION,
    UNREADABLE,
    Nominee,
)

__all__ = ["HEADER", "VoteTruth", "generate_votes", "write_votes_csv", "write_votes_xlsx"]

HEADER = [c.header for c in RAW_COLUMNS]
BLOCK = 2_000  # rows shuffled together: duplicates land before or after their first vote
VALID = "valid"
# Share of the rows planted with each violation (the rest are valid votes).
RATES = {
    UNREADABLE: 0.004,
    INCOMPLETE: 0.02,
    BEFORE_OPEN: 0.01,  # planted when the edition sets vote_opens
    AFTER_CLOSE: 0.02,
    NOT_NOMINEE: 0.015,
    OWN_ORGANISATION: 0.01,
    DUPLICATE: 0.03,
}
_TYPES = ("Government", "Private sector", "Civil society", "Academia", "International organisation")
_COUNTRIES = ("Switzerland", "Kenya", "Brazil", "India", "China", "Egypt", "Poland", "Chile")


@dataclass
class VoteTruth:
    rows: int = 0
    reasons: dict[int, str] = field(default_factory=dict)  # row -> reason (rejected rows)
    valid_votes: dict[str, int] = field(default_factory=dict)  # submission ID -> votes
    rejected: dict[str, int] = field(default_factory=dict)  # reason -> count

    def rows_for(self, reason: str) -> set[int]:
        return {row for row, why in self.reasons.items() if why == reason}


def _local(moment: datetime) -> str:
    return moment.isoformat(sep=" ")  # whole seconds: "2020-01-24 22:59:00"


def generate_votes(
    edition: Edition,
    nominees: Sequence[Nominee],
    rows: int,
    truth: VoteTruth,
    *,
    seed: int = 2020,
    outsiders: Sequence[str] = ("900001", "900002", "900003"),
    first_row: int = 2,
) -> Iterator[list[str]]:
    """About `rows` rows (whole blocks, so a little more), as text cells in HEADER order.

    `outsiders`: submission IDs that are not nominees. `first_row`: the row number of the
    first data row (2 below a header on row 1). The edition must set vote_closes; the
    votes are cast from its vote_opens (without one: in the 30 days before the close).
    """
    closes = edition.vote_closes
    if closes is None:
        raise ValueError(f"{edition.key} sets no vote_closes")
    zone = edition.zone
    close_local = closes.astimezone(zone).replace(tzinfo=None)
    opens = edition.vote_opens
    if opens is None:
        opens_local = close_local - timedelta(days=30)
        rates = {k: v for k, v in RATES.items() if k != BEFORE_OPEN}
    else:
        opens_local = opens.astimezone(zone).replace(tzinfo=None)
        rates = RATES
    rng = random.Random(seed)
    by_category: dict[str, list[Nominee]] = {}
    for nominee in nominees:
        by_category.setdefault(nominee.category_key, []).append(nominee)
    categories = sorted(by_category)
    nominee_keys = {organisation_key(n.organisation) for n in nominees}
    names = {c.key: f"{c.action_line} {c.name.en}" for c in edition.categories}
    truth.valid_votes.update(dict.fromkeys((n.submission_id for n in nominees), 0))
    truth.rejected.update(dict.fromkeys(RATES, 0))
    span = int((close_local - opens_local).total_seconds())
    kinds = [*rates, VALID]
    weights = list(itertools.accumulate([*rates.values(), 1 - sum(rates.values())]))
    voter = 0
    row = first_row
    # the valid votes planted at the edges, in turn: at the closing instant, at the opening
    edges = [close_local] + ([] if opens is None else [opens_local])

    def when() -> datetime:
        return opens_local + timedelta(seconds=rng.randrange(span))

    def person(number: int) -> list[str]:
        organisation = f"Voter Association {number}"
        assert organisation_key(organisation) not in nominee_keys
        return [
            f"voter{number}",
            organisation,
            rng.choice(_TYPES),
            rng.choice(_COUNTRIES),
            f"voter{number}@example.org",
        ]

    while row - first_row < rows:
        block: list[tuple[str, str | None, list[str]]] = []  # (reason, ID, cells)
        while len(block) < BLOCK:
            voter += 1
            details = person(voter)
            used: dict[str, datetime] = {}  # category -> time of the vote that counts
            for category in rng.sample(categories, min(len(categories), rng.randint(1, 4))):
                kind = rng.choices(kinds, cum_weights=weights)[0]
                nominee = rng.choice(by_category[category])
                moment = when()
                cells = [*details, names[category], nominee.submission_id, _local(moment)]
                if kind in (VALID, DUPLICATE):
                    if edges:  # a vote at the closing or the opening instant counts
                        moment = edges.pop(0)
                        cells[-1] = _local(moment)
                    used[category] = moment
                    block.append((VALID, nominee.submission_id, cells))
                    if kind == DUPLICATE and moment < close_local:
                        later = moment + timedelta(seconds=rng.randint(1, 86_400))
                        later = min(later, close_local)
                        other = rng.choice(by_category[category])
                        block.append(
                            (
                                DUPLICATE,
                                None,
                                [*details, names[category], other.submission_id, _local(later)],
                            )
                        )
                    continue
                if kind == UNREADABLE:
                    cells[-1] = rng.choice(("yesterday", "24/01/2020", "2020-13-01 10:00:00"))
                elif kind == INCOMPLETE:
                    blank = rng.randrange(5)
                    cells[blank] = "" if blank != 4 or rng.random() < 0.5 else "no address"
                elif kind == BEFORE_OPEN:
                    cells[-1] = _local(opens_local - timedelta(seconds=rng.randint(1, 86_400)))
                elif kind == AFTER_CLOSE:
                    cells[-1] = _local(close_local + timedelta(seconds=rng.randint(1, 86_400)))
                elif kind == NOT_NOMINEE:
                    if len(categories) > 1 and rng.random() < 0.5:  # a nominee elsewhere
                        elsewhere = rng.choice([c for c in categories if c != category])
                        cells[6] = rng.choice(by_category[elsewhere]).submission_id
                    else:
                        cells[6] = rng.choice(outsiders)
                elif kind == OWN_ORGANISATION:
                    cells[1] = _variant(nominee.organisation, rng)
                block.append((kind, None, cells))
        rng.shuffle(block)
        for kind, counted, cells in block:
            if kind == VALID:
                assert counted is not None
                truth.valid_votes[counted] += 1
            else:
                truth.reasons[row] = kind
                truth.rejected[kind] += 1
            row += 1
            yield cells
    truth.rows = row - first_row


def _variant(name: str, rng: random.Random) -> str:
    """The same organisation as a voter might type it: other case, spacing, 'The'."""
    choice = rng.randrange(3)
    if choice == 0:
        return name.upper()
    if choice == 1:
        return f"  the {name.lower()} "
    return name.replace(" ", "  ") + "."


def write_votes_csv(path: Path, rows: Iterator[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_votes_xlsx(path: Path, rows: Iterator[list[str]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Votes")
    sheet.append(HEADER)
    for cells in rows:
        sheet.append(cells)
    book.save(path)
    return path
