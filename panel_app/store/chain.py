"""The audit log's hash chain: each entry carries the SHA-256 of its own content and of the
entry before it, so that an entry edited, deleted, inserted or moved shows.

The canonical encoding (docs/formats/audit-chain.md) is JSON with sorted keys, no spaces,
UTF-8, over the entry's position (`seq`, from 1), its time as UTC ISO 8601 with
microseconds, actor, action, entity, entity ID, the values before and after, the note, and
the previous entry's hash (64 zeros before the first). The same bytes on SQLite and
PostgreSQL: nothing in it depends on how a database stores a row.

What the chain proves, and what it does not: a change to any entry, or an entry removed
from the middle, added, or moved, breaks the chain at that entry, and `verify_chain` names
it. Someone who can write the database can also recompute every hash after a change, or
cut entries from the end: that shows only against a chain head kept elsewhere (every file
for the secretariat records the head it was made from).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

CHAIN_VERSION = 1
GENESIS = "0" * 64  # the "previous hash" of the first entry

Break = Literal["edited", "deleted", "inserted", "reordered", "unchained"]


def canonical_bytes(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    note: str,
    prev_hash: str,
) -> bytes:
    content = {
        "v": CHAIN_VERSION,
        "seq": seq,
        "at": utc_text(at),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": before,
        "after": after,
        "note": note,
        "prev": prev_hash,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8", "surrogatepass")


def utc_text(moment: datetime) -> str:
    """The time as the chain writes it: UTC, microseconds, no offset ("...T10:00:00.000000")."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def entry_hash(**fields: Any) -> str:
    return hashlib.sha256(canonical_bytes(**fields)).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    """An audit entry as stored, with its chain fields (None where a tool wiped them)."""

    id: int
    seq: int | None
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None
    note: str
    prev_hash: str | None
    entry_hash: str | None

    def computed_hash(self) -> str | None:
        if self.seq is None or self.prev_hash is None:
            return None
        return entry_hash(
            seq=self.seq,
            at=self.at,
            actor=self.actor,
            action=self.action,
            entity=self.entity,
            entity_id=self.entity_id,
            before=self.before,
            after=self.after,
            note=self.note,
            prev_hash=self.prev_hash,
        )


@dataclass(frozen=True)
class ChainCheck:
    """The result of walking the chain: intact, or where and how it first breaks."""

    entries: int
    head: str  # the last entry's hash (GENESIS for an empty log)
    broken_at: int | None = None  # the audit entry's id
    broken_seq: int | None = None
    kind: Break | None = None
    detail: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    def describe(self) -> str:
        if self.intact:
            return f"the audit log is intact: {self.entries} entries, head {self.head[:16]}…"
        return f"the audit log is broken at entry {self.broken_at}: {self.detail}"


def verify_rows(rows: Iterable[ChainRow]) -> ChainCheck:
    """Walks the entries in the order they were written (by id) and stops at the first that
    breaks the chain, saying how: its content changed (edited), the entry it follows is
    gone (deleted) or elsewhere in the log (reordered), or the entry before it follows
    the one before that (that one was inserted)."""
    entries = list(rows)
    everywhere = {row.entry_hash for row in entries if row.entry_hash is not None}
    walked: dict[str, ChainRow] = {}  # hash -> entry, for the entries walked so far
    previous: ChainRow | None = None
    running = GENESIS
    expected = 1
    for count, row in enumerate(entries, start=1):
        if row.seq is None or row.prev_hash is None or row.entry_hash is None:
            return _broken(count, running, row, "unchained", "it carries no chain hash")
        if row.computed_hash() != row.entry_hash:
            return _broken(count, running, row, "edited", "its content does not match its hash")
        if row.prev_hash == running and row.seq == expected:
            walked[row.entry_hash] = row
            running, previous, expected = row.entry_hash, row, expected + 1
            continue
        follows = walked.get(row.prev_hash)
        # It follows the entry before the one before it: that one does not belong.
        skipped = follows is not None and follows.seq == row.seq - 1 == expected - 2
        if previous is not None and follows is not None and skipped:
            return _broken(
                count - 1,
                follows.entry_hash or GENESIS,
                previous,
                "inserted",
                f"it was put into the chain between entries {follows.id} and {row.id}",
            )
        if row.prev_hash != GENESIS and row.prev_hash not in everywhere:
            missing = max(row.seq - expected, 1)
            return _broken(
                count,
                running,
                row,
                "deleted",
                f"{missing} entr{'y' if missing == 1 else 'ies'} before it "
                f"(from position {expected}) deleted",
            )
        return _broken(
            count,
            running,
            row,
            "reordered",
            f"it is out of place: position {row.seq} in the chain where {expected} was "
            "expected (entries moved or renumbered)",
        )
    return ChainCheck(entries=len(entries), head=running)


def _broken(count: int, head: str, row: ChainRow, kind: Break, detail: str) -> ChainCheck:
    return ChainCheck(
        entries=count, head=head, broken_at=row.id, broken_seq=row.seq, kind=kind, detail=detail
    )


__all__ = [
    "CHAIN_VERSION",
    "GENESIS",
    "ChainCheck",
    "ChainRow",
    "canonical_bytes",
    "entry_hash",
    "utc_text",
    "verify_rows",
]
