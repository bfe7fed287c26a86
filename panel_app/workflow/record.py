"""The record: the audit log's hash chain verified, and the log read and exported, as
`panel-app audit verify|show|export` and the chair's window show it.

Every phase writes its decisions here (store.audit.record_change); this room reads them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from panel_app.i18n import N_, Refusal
from panel_app.store.audit import Subject, chain_head, entries_since, lock_chain, verify_chain
from panel_app.store.chain import GENESIS as GENESIS_HEAD
from panel_app.store.chain import ChainCheck, utc_text
from panel_app.store.models import AuditEntry
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace

__all__ = [
    "AUDIT_COLUMNS",
    "AuditFilter",
    "AuditLine",
    "AuditLog",
    "ChainCheck",
    "ExportMatch",
    "StaleView",
    "audit_lines",
    "audit_log_at",
    "chain_position",
    "export_audit_log",
    "match_export",
    "refuse_if_changed",
    "verify_audit_log",
]


class StaleView(Refusal):
    """A decision made on a view that another writer changed since: nothing was written.
    Names who changed it, how and when, so the chair can read it again and decide."""

    def __init__(self, what: str, change: AuditEntry) -> None:
        self.actor, self.action, self.at = change.actor, change.action, change.at
        self.position = change.seq
        super().__init__(
            N_(
                "{what} was changed since you read it: {action} by {actor} at {at} UTC "
                "(audit entry {seq}). Nothing was recorded: read it again and decide on "
                "what is there now."
            ),
            what=what,
            action=change.action,
            actor=change.actor,
            at=utc_text(change.at)[:19].replace("T", " "),
            seq=change.seq,
        )


def refuse_if_changed(
    session: Session,
    seen: int | None,
    what: str,
    subjects: Sequence[Subject],
) -> None:
    """In a decision's write transaction: StaleView if anything about `subjects` was written
    after position `seen` of the audit log (None: the caller read nothing to check). Holds
    the chain's lock, so that a second chair deciding at the same moment waits and sees
    this decision, never overwriting it unseen."""
    if seen is None:
        return
    lock_chain(session)
    changes = entries_since(session, seen, subjects)
    if changes:
        raise StaleView(what, changes[0])


def chain_position(workspace: OpenWorkspace) -> tuple[int, str]:
    """The audit log's last entry's place and hash: what an export is made from."""
    with workspace.sessions() as session:
        return chain_head(session)


def verify_audit_log(workspace: OpenWorkspace) -> ChainCheck:
    """The whole chain walked: intact, or the first entry that breaks it and how."""
    with workspace.sessions() as session:
        return verify_chain(session)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to show; every field given must match (None: any)."""

    actor: str | None = None  # exactly, ignoring case
    action: str | None = None  # the action, or its start ("nominee." for every nominee one)
    since: datetime | None = None  # at or after (aware)
    until: datetime | None = None  # before (aware)
    submission: str | None = None  # names this submission ID anywhere in the entry

    def matches(self, entry: AuditEntry) -> bool:
        if self.actor is not None and entry.actor.casefold() != self.actor.casefold():
            return False
        if self.action is not None and not (
            entry.action == self.action
            or (self.action.endswith(".") and entry.action.startswith(self.action))
        ):
            return False
        if self.since is not None and entry.at < self.since:
            return False
        if self.until is not None and entry.at >= self.until:
            return False
        return self.submission is None or _names(entry, self.submission)


def _names(entry: AuditEntry, submission_id: str) -> bool:
    """The entry is about the submission: its entity ID, or any value in it (a decision's
    submission, an import's list of added IDs, a pair finding's other member)."""
    if entry.entity_id == submission_id:
        return True
    return any(_holds(value, submission_id) for value in (entry.before, entry.after))


def _holds(value: Any, wanted: str) -> bool:
    if isinstance(value, str):
        return value == wanted
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value) == wanted
    if isinstance(value, Mapping):
        return any(_holds(item, wanted) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_holds(item, wanted) for item in value)
    return False


@dataclass(frozen=True)
class AuditLine:
    """One entry as a person reads it."""

    id: int
    seq: int | None
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    note: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None
    entry_hash: str | None

    def values(self) -> list[object]:
        return [
            self.seq,
            utc_text(self.at)[:19].replace("T", " "),
            self.actor,
            self.action,
            self.entity,
            self.entity_id,
            self.note,
            _compact(self.before),
            _compact(self.after),
            self.entry_hash or "",
        ]


AUDIT_COLUMNS = (
    "Position",
    "At (UTC)",
    "Actor",
    "Action",
    "Entity",
    "Entity ID",
    "Note",
    "Before",
    "After",
    "Entry SHA-256",
)


def _compact(value: Mapping[str, Any] | None) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def audit_lines(workspace: OpenWorkspace, where: AuditFilter | None = None) -> list[AuditLine]:
    """The entries that match, in the order they were written."""
    where = where or AuditFilter()
    with workspace.sessions() as session:
        entries: Iterable[AuditEntry] = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [
            AuditLine(
                e.id,
                e.seq,
                e.at,
                e.actor,
                e.action,
                e.entity,
                e.entity_id,
                e.note,
                e.before,
                e.after,
                e.entry_hash,
            )
            for e in entries
            if where.matches(e)
        ]


@dataclass(frozen=True)
class AuditLog:
    """What the log viewer shows: the entries that match and the state of the chain."""

    lines: list[AuditLine]
    chain: ChainCheck
    actors: tuple[str, ...]  # everyone who wrote an entry (the viewer's choices)
    actions: tuple[str, ...]  # every action written, and each family ("nominee.")


def audit_log_at(location: WorkspaceLocation, where: AuditFilter | None = None) -> AuditLog:
    """The log read on a connection of its own (for a worker thread beside the window's)."""
    with open_workspace(location) as workspace:
        lines = audit_lines(workspace, where)
        chain = verify_audit_log(workspace)
        with workspace.sessions() as session:
            actors = tuple(sorted(set(session.scalars(select(AuditEntry.actor).distinct()))))
            written = sorted(set(session.scalars(select(AuditEntry.action).distinct())))
    families = sorted({a.split(".")[0] + "." for a in written if "." in a})
    return AuditLog(lines, chain, actors, tuple(families + written))


@dataclass(frozen=True)
class AuditExport:
    path: Path
    rows: int
    chain: ChainCheck


def export_audit_log(
    workspace: OpenWorkspace, out: Path, where: AuditFilter | None = None
) -> AuditExport:
    """The entries that match as .xlsx (with an About sheet: the filter and the chain's
    state) or .csv; written whole or not at all."""
    from panel_app.formats.nominee_list import Table, write_table

    lines = audit_lines(workspace, where)
    chain = verify_audit_log(workspace)
    where = where or AuditFilter()
    about: list[tuple[str, object]] = [
        ("Format", "panel-app audit log"),
        ("Format version", 1),
        ("Workspace", workspace.location.display),
        ("Edition", workspace.edition.key),
        ("Entries", len(lines)),
        ("Chain", chain.describe()),
        ("Chain head SHA-256", chain.head),
    ]
    for name in ("actor", "action", "since", "until", "submission"):
        value = getattr(where, name)
        if value is not None:
            about.append(
                (f"Filter: {name}", utc_text(value) if isinstance(value, datetime) else value)
            )
    widths = (9, 20, 16, 24, 14, 14, 40, 40, 40, 66)
    table = Table("Audit log", AUDIT_COLUMNS, [line.values() for line in lines], widths)
    write_table(out, table, about)
    return AuditExport(out, len(lines), chain)


@dataclass(frozen=True)
class ExportMatch:
    """Whether an exported file was made from a state of this workspace's record."""

    matches: bool
    position: int  # the file's
    head: str  # the file's
    since: int  # entries written after the file's position (when it matches)
    text: str  # the verdict in words


def match_export(workspace: OpenWorkspace, path: Path) -> ExportMatch:
    """Reads the chain an .xlsx export states (InputRefused if it states none) and asks the
    record: was there an entry at that position with that hash, and is the log intact up
    to it?"""
    from panel_app.formats.about import read_export_chain

    position, head = read_export_chain(path)
    check = verify_audit_log(workspace)
    with workspace.sessions() as session:
        stored = session.scalar(select(AuditEntry.entry_hash).where(AuditEntry.seq == position))
        last, _ = chain_head(session)
    found = stored == head or (position == 0 and head == GENESIS_HEAD)  # an empty log
    if not found:
        return ExportMatch(
            False,
            position,
            head,
            0,
            f"{path.name} does not match this workspace's record: it was made at position "
            f"{position} of an audit log whose entry there has another hash (another "
            "workspace, or a record rewritten since)",
        )
    if check.broken_seq is not None and check.broken_seq <= position:
        return ExportMatch(
            False,
            position,
            head,
            0,
            f"{path.name} names position {position}, but the record is broken before it "
            f"({check.describe()}): it cannot vouch for the file",
        )
    since = last - position
    return ExportMatch(
        True,
        position,
        head,
        since,
        f"{path.name} matches this workspace's record at position {position}"
        + (f"; {since} entries were written since" if since else "; nothing was written since"),
    )
