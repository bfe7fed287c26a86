"""The vote audit: which public votes count under the voting rules, and the finalists.

Pure: plain records in, a `VoteAudit` out (no database, no files). Votes stream through
`VoteAuditor.add` one at a time; memory grows with the distinct (voter, category) pairs
that cast a valid vote, never with the rows.

Each vote gets one verdict: valid, or rejected for the first of these reasons that applies
(REASONS, in this order):
1. unreadable: a cell the audit needs (category, submission ID, time) cannot be read;
2. incomplete_registration: the voter's organisation, its type, country, account (user
   name) or e-mail is blank, or the e-mail has no "@" (voting rule 2);
3. before_open: cast before the edition's vote_opens (a vote at that instant counts);
4. after_close: cast after the edition's vote_closes (a vote at that instant counts);
5. not_nominee: the project is not on the frozen nominee list in that category;
6. own_organisation: the voter's organisation is the project's (voting rule 3; names
   compared by the app's one organisation key, panel_app.organisations);
7. duplicate: the voter already has a vote in that category that passed 1-6 (rule 5). The
   earliest such vote counts (by time, to the microsecond; at the same instant, the lowest
   submission ID, numbers compared as numbers), so
   the result does not depend on the order of the rows. Voters are told apart by account,
   case and surrounding spaces ignored.
Every vote is counted once: valid + sum(rejected) == votes read.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from panel_app.characters import marked
from panel_app.edition import Edition
from panel_app.formats.votes import TallyRow, Vote
from panel_app.organisations import organisation_key

__all__ = [
    "REASONS",
    "REASON_TEXT",
    "CategoryOutcome",
    "Example",
    "Nominee",
    "Standing",
    "VoteAudit",
    "VoteAuditor",
    "audit_tally",
    "audit_votes",
]

UNREADABLE = "unreadable"
INCOMPLETE = "incomplete_registration"
BEFORE_OPEN = "before_open"
AFTER_CLOSE = "after_close"
NOT_NOMINEE = "not_nominee"
OWN_ORGANISATION = "own_organisation"
DUPLICATE = "duplicate"
REASONS: tuple[str, ...] = (
    UNREADABLE,
    INCOMPLETE,
    BEFORE_OPEN,
    AFTER_CLOSE,
    NOT_NOMINEE,
    OWN_ORGANISATION,
    DUPLICATE,
)
REASON_TEXT = {
    UNREADABLE: "a cell could not be read",
    INCOMPLETE: "voter without complete registration details",
    BEFORE_OPEN: "cast before the vote opened",
    AFTER_CLOSE: "cast after the vote closed",
    NOT_NOMINEE: "not a nominee in that category",
    OWN_ORGANISATION: "a vote for the voter's own organisation",
    DUPLICATE: "another vote by the same voter in the category came first",
}
EXAMPLES_PER_REASON = 10  # the lowest row numbers, so that the report is order-independent
_KEY_CACHE = 100_000
_ROW_BITS = 32  # rows up to 4 billion
_ID_BITS = 20  # nominees up to a million
_TIME_SHIFT = _ROW_BITS + _ID_BITS
_ROW_MASK = (1 << _ROW_BITS) - 1
_ID_MASK = (1 << _ID_BITS) - 1  # organisation spellings remembered (bounded: voters are many)


@dataclass(frozen=True)
class Nominee:
    submission_id: str
    category_key: str
    organisation: str
    title: str = ""


@dataclass(frozen=True, order=True)
class Example:
    row: int
    reason: str
    detail: str


@dataclass(frozen=True)
class Standing:
    submission_id: str
    votes: int
    rank: int  # 1 = most votes; equal votes share a rank
    status: Literal["finalist", "tied", "not-finalist"]


@dataclass(frozen=True)
class CategoryOutcome:
    category_key: str
    standings: tuple[Standing, ...]  # every nominee, most votes first
    finalists: tuple[str, ...]  # submission IDs, most votes first
    tied: tuple[str, ...]  # tied at the last place: the chair decides
    open_places: int  # places the tie leaves open (0 when there is no tie)


@dataclass(frozen=True)
class VoteAudit:
    kind: Literal["raw", "tally"]
    votes_read: int  # raw: rows; tally: the sum of its counts
    valid: int
    rejected: Mapping[str, int]  # every reason of REASONS, in order (0 when none)
    examples: tuple[Example, ...]  # up to EXAMPLES_PER_REASON per reason, by row
    finalists_per_category: int
    categories: tuple[CategoryOutcome, ...]  # in the edition's order
    vote_closes: datetime | None
    vote_opens: datetime | None = None  # None: not set, or an audit made before it was checked

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def ties(self) -> tuple[CategoryOutcome, ...]:
        return tuple(c for c in self.categories if c.tied)

    def valid_votes(self) -> dict[str, int]:
        """Submission ID -> valid votes, for every nominee."""
        return {s.submission_id: s.votes for c in self.categories for s in c.standings}


class VoteAuditor:
    """Judges votes one at a time; `result()` gives the audit of all those added."""

    def __init__(
        self,
        edition: Edition,
        nominees: Iterable[Nominee],
        kind: Literal["raw", "tally"] = "raw",
        on_reject: Callable[[int, str], None] | None = None,
    ) -> None:
        """`on_reject(row, reason)` hears of every rejected vote (a duplicate's row may be
        one read earlier, whose place a later row with an earlier time takes)."""
        self.edition = edition
        self.on_reject = on_reject
        self.kind = kind
        self.opens = edition.vote_opens
        self._opens = None if self.opens is None else self.opens.timestamp()
        self.closes = edition.vote_closes
        self._closes = None if self.closes is None else self.closes.timestamp()
        self.nominees = {n.submission_id: n for n in nominees}
        self._category_index = {c.key: i for i, c in enumerate(edition.categories)}
        self._width = len(self._category_index)
        self._keys: dict[str, str] = {}
        self._voters: dict[str, int] = {}
        # (voter number * categories + category index) -> (time, submission ID) of the
        # vote that counts so far
        # as one int: time in microseconds, the nominee's place in ID order, the row
        # (_ROW_BITS each); comparing two of them compares (time, ID, row). A tuple per
        # pair would take some 150 bytes more, times millions of voters.
        self._best: dict[int, int] = {}
        self._ids = sorted(self.nominees, key=_natural)
        # submission ID -> (its category, its organisation's key, its ID's place, shifted)
        self._facts = {
            sid: (
                self.nominees[sid].category_key,
                organisation_key(self.nominees[sid].organisation),
                n << _ROW_BITS,
            )
            for n, sid in enumerate(self._ids)
        }
        self._tally: dict[str, int] = {}  # tally files: counts as given
        self.read = 0
        self.rejected = dict.fromkeys(REASONS, 0)
        self._examples: dict[str, list[tuple[int, str]]] = {r: [] for r in REASONS}

    # -- raw votes ------------------------------------------------------------------------
    def add(self, vote: Vote) -> None:
        self.add_all((vote,))

    def add_all(self, votes: Iterable[Vote]) -> None:
        """Judge each vote (see the module's doc). One loop over local names: it runs
        millions of times, and attribute look-ups would cost a third of its time."""
        opens = self._opens
        closes = self._closes
        facts = self._facts
        keys = self._keys
        voters = self._voters
        best = self._best
        categories = self._category_index
        width = self._width
        reject = self._reject
        read = 0
        try:
            for vote in votes:
                read += 1
                (row, voter, organisation, kind, country, email, category_key, submission_id,
                 cast_at, problem) = vote  # fmt: skip
                if problem is not None:
                    reject(UNREADABLE, row, problem.describe())
                    continue
                if not (voter and organisation and kind and country and "@" in email):
                    reject(INCOMPLETE, row, "missing " + ", ".join(_missing_details(vote)))
                    continue
                assert cast_at is not None and submission_id is not None
                if opens is not None and cast_at < opens:
                    when = datetime.fromtimestamp(cast_at, self.edition.zone).isoformat()
                    reject(BEFORE_OPEN, row, f"cast {when}")
                    continue
                if closes is not None and cast_at > closes:
                    when = datetime.fromtimestamp(cast_at, self.edition.zone).isoformat()
                    reject(AFTER_CLOSE, row, f"cast {when}")
                    continue
                fact = facts.get(submission_id)
                if fact is None or fact[0] != category_key:
                    where = "" if fact is None else f" (a nominee in {fact[0]})"
                    reject(NOT_NOMINEE, row, f"{submission_id} in {category_key}{where}")
                    continue
                key = keys.get(organisation)
                if key is None:
                    key = organisation_key(organisation)
                    if len(keys) >= _KEY_CACHE:
                        keys.clear()
                    keys[organisation] = key
                if key == fact[1]:
                    reject(OWN_ORGANISATION, row, f"{organisation!r} for {submission_id}")
                    continue
                number = voters.setdefault(voter.strip().casefold(), len(voters))
                pair = number * width + categories[category_key]
                candidate = (round(cast_at * 1_000_000) << _TIME_SHIFT) | fact[2] | row
                held = best.get(pair)
                if held is None:
                    best[pair] = candidate
                    continue
                if candidate < held:
                    best[pair], candidate = candidate, held
                reject(
                    DUPLICATE,
                    candidate & _ROW_MASK,
                    f"{voter} in {category_key}: {self._id_of(candidate)}, after a vote for "
                    f"{self._id_of(best[pair])}",
                )
        finally:
            self.read += read

    # -- tallies --------------------------------------------------------------------------
    def add_tally(self, row: TallyRow) -> None:
        """A project's count as the platform tallied it: only the nominee check applies."""
        self.read += row.votes
        nominee = self.nominees.get(row.submission_id)
        if nominee is None or nominee.category_key != row.category_key:
            self.rejected[NOT_NOMINEE] += row.votes
            self._example(
                NOT_NOMINEE, row.row, f"{row.submission_id} in {row.category_key}: {row.votes}"
            )
            return
        self._tally[row.submission_id] = self._tally.get(row.submission_id, 0) + row.votes

    # -- the result -----------------------------------------------------------------------
    def result(self) -> VoteAudit:
        counts = dict.fromkeys(self.nominees, 0)
        if self.kind == "tally":
            counts.update(self._tally)
        for packed in self._best.values():
            counts[self._id_of(packed)] += 1
        valid = sum(counts.values())
        quota = self.edition.quotas.finalists_per_category
        outcomes = []
        for category in self.edition.categories:
            ids = [sid for sid, n in self.nominees.items() if n.category_key == category.key]
            if ids:
                outcomes.append(_outcome(category.key, {sid: counts[sid] for sid in ids}, quota))
        examples = sorted(
            # A voter's name or organisation as it came, any control character or
            # direction override in it written [U+XXXX]: seen, and harmless on a screen.
            Example(row, reason, marked(detail))
            for reason, kept in self._examples.items()
            for row, detail in ((-negative, detail) for negative, detail in kept)
        )
        return VoteAudit(
            self.kind,
            self.read,
            valid,
            dict(self.rejected),
            tuple(examples),
            quota,
            tuple(outcomes),
            self.closes,
            self.opens,
        )

    def _id_of(self, packed: int) -> str:
        return self._ids[(packed >> _ROW_BITS) & _ID_MASK]

    def _reject(self, reason: str, row: int, detail: str) -> None:
        self.rejected[reason] += 1
        if self.on_reject is not None:
            self.on_reject(row, reason)
        self._example(reason, row, detail)

    def _example(self, reason: str, row: int, detail: str) -> None:
        kept = self._examples[reason]
        entry = (-row, detail)  # a max-heap on the row: the highest row leaves first
        if len(kept) < EXAMPLES_PER_REASON:
            heapq.heappush(kept, entry)
        elif entry > kept[0]:
            heapq.heapreplace(kept, entry)


def _missing_details(vote: Vote) -> list[str]:
    missing = []
    if not vote.organisation:
        missing.append("organisation")
    if not vote.organisation_type:
        missing.append("organisation type")
    if not vote.country:
        missing.append("country")
    if not vote.voter:
        missing.append("account")
    if "@" not in vote.email:
        missing.append("e-mail" if not vote.email else "a valid e-mail")
    return missing


def _natural(submission_id: str) -> tuple[int, int | str]:
    return (0, int(submission_id)) if submission_id.isdigit() else (1, submission_id)


def _outcome(category_key: str, votes: dict[str, int], quota: int) -> CategoryOutcome:
    order = sorted(votes, key=lambda sid: (-votes[sid], _natural(sid)))
    if len(order) <= quota:
        finalists, tied = order, []
    else:
        cut = votes[order[quota - 1]]
        if votes[order[quota]] == cut:  # the last place is shared beyond the quota
            finalists = [sid for sid in order if votes[sid] > cut]
            tied = [sid for sid in order if votes[sid] == cut]
        else:
            finalists, tied = order[:quota], []
    chosen, shared = set(finalists), set(tied)
    standings = []
    rank = 0
    previous: int | None = None
    for position, sid in enumerate(order, 1):
        if votes[sid] != previous:
            rank, previous = position, votes[sid]
        status: Literal["finalist", "tied", "not-finalist"] = (
            "finalist" if sid in chosen else "tied" if sid in shared else "not-finalist"
        )
        standings.append(Standing(sid, votes[sid], rank, status))
    return CategoryOutcome(
        category_key,
        tuple(standings),
        tuple(finalists),
        tuple(tied),
        quota - len(finalists) if tied else 0,
    )


def audit_votes(edition: Edition, nominees: Iterable[Nominee], votes: Iterable[Vote]) -> VoteAudit:
    auditor = VoteAuditor(edition, nominees)
    auditor.add_all(votes)
    return auditor.result()


def audit_tally(
    edition: Edition, nominees: Iterable[Nominee], rows: Iterable[TallyRow]
) -> VoteAudit:
    auditor = VoteAuditor(edition, nominees, "tally")
    for row in rows:
        auditor.add_tally(row)
    return auditor.result()
