"""The audit log: who changed what, when, with the values before and after.

Entries are only ever added. Three layers keep it so: `record_change` is the one way to
write an entry, an ORM guard (below) refuses to flush an update or delete of one, and
database triggers (migration 0001) refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL) from
any client at all. A fourth shows what got past them: each entry is hash-chained to the
one before it (store/chain.py) as it is flushed, in the transaction of the change itself,
and `verify_chain` walks the chain.
"""

from __future__ import annotations

import dataclasses
import enum
import getpass
import os
import uuid
from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from sqlalchemy import event, or_, select, text
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from panel_app.store.chain import GENESIS, ChainCheck, ChainRow, entry_hash, verify_rows
from panel_app.store.errors import NotAChair
from panel_app.store.models import AuditEntry, Chair, utc_now

# Entries added to a session and not yet chained, in the order they were recorded.
_PENDING = "panel_app_audit_pending"
# PostgreSQL: one chain writer at a time (an advisory lock held to the transaction's end),
# so that two chairs' entries never both follow the same head. SQLite has one writer.
_CHAIN_LOCK = 0x5753_4953  # "WSIS"

ACTOR_ENV_VAR = "PANEL_APP_ACTOR"


class AuditLogViolation(RuntimeError):
    """Code tried to change or remove an audit entry: a bug, never a user's mistake."""


_acting: str | None = None  # the chair this process acts as (the window's pick)
NO_CHAIR = "no chair picked"  # acting as none of a workspace's chairs: changes are refused


def act_as(name: str | None) -> None:
    """Who this process acts as from now on, for every change it records without naming
    an actor (the chair's window sets the chair picked at its start); None: as before."""
    global _acting
    _acting = name.strip() if name and name.strip() else None


def current_actor() -> str:
    """Who is acting: the chair act_as named, else $PANEL_APP_ACTOR if set (CI, a shared
    account), else the OS user."""
    if _acting is not None:
        return _acting
    actor = os.environ.get(ACTOR_ENV_VAR, "").strip()
    if actor:
        return actor
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError, ImportError):  # no login name (containers, services)
        return "unknown"


def jsonable(value: Any) -> Any:
    """`value` as plain JSON data: times as ISO 8601 text, sets as sorted lists, and so on.

    Raises TypeError for anything without an obvious, lossless text form.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # JSON has no NaN or infinity; keep them readable instead of writing invalid JSON.
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal | uuid.UUID | PurePath):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((jsonable(item) for item in value), key=repr)
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    raise TypeError(f"cannot record a {type(value).__name__} in the audit log: {value!r}")


def record_change(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | int,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Add an audit entry to `session`; it commits (or rolls back) with the change itself.
    In a workspace that keeps its chairs, `actor` must be one of them (NotAChair, nothing
    written); the entry carries the name as registered."""
    entry = AuditEntry(
        at=utc_now(),
        actor=registered_actor(session, actor),
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=None if before is None else jsonable(before),
        after=None if after is None else jsonable(after),
        note=note,
    )
    session.add(entry)
    session.info.setdefault(_PENDING, []).append(entry)
    return entry


def registered_actor(session: Session, actor: str) -> str:
    """`actor` as the workspace registered them (case aside); `actor` itself where the
    workspace keeps no chairs; NotAChair for anyone else."""
    chairs = {
        name.casefold(): name
        for name in session.scalars(select(Chair.name).where(Chair.retired_at.is_(None)))
    }
    if not chairs:
        return actor
    found = chairs.get(actor.strip().casefold())
    if found is None:
        names = ", ".join(sorted(chairs.values()))
        raise NotAChair(
            f"{actor!r} is not one of this workspace's chairs ({names}): "
            "nothing was recorded. Act as one of them (--actor NAME, or the window's "
            "File > Act as…), or ask a chair to add you (`panel-app chairs add NAME --role ROLE`)"
        )
    return found


def chain_head(session: Session) -> tuple[int, str]:
    """The last entry's place in the chain and its hash ((0, GENESIS) for an empty log)."""
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.entry_hash)
        .where(AuditEntry.seq.is_not(None))
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    ).first()
    if last is None or last.entry_hash is None:
        return 0, GENESIS
    return int(last.seq), str(last.entry_hash)


def lock_chain(session: Session) -> None:
    """Holds the chain's writer lock to the end of the transaction (PostgreSQL; SQLite's
    BEGIN IMMEDIATE already makes one writer at a time): what is read after it stays the
    latest until this transaction commits."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})


# What a decision is about: an entity, its IDs (None: any), the actions (None: any).
Subject = tuple[str, Collection[str] | None, Collection[str] | None]


def entries_since(session: Session, position: int, subjects: Sequence[Subject]) -> list[AuditEntry]:
    """Entries after `position` of the chain about any of `subjects`."""
    conditions = []
    for entity, ids, actions in subjects:
        condition = AuditEntry.entity == entity
        if ids is not None:
            condition &= AuditEntry.entity_id.in_(list(ids))
        if actions is not None:
            condition &= AuditEntry.action.in_(list(actions))
        conditions.append(condition)
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.seq > position, or_(*conditions))
            .order_by(AuditEntry.seq)
        )
    )


def chain_rows(session: Session) -> list[ChainRow]:
    """Every entry as stored, in the order written (plain rows: no ORM objects to build,
    which took two thirds of a verification)."""
    columns = AuditEntry.__table__.c
    query = select(
        columns.id,
        columns.seq,
        columns.at,
        columns.actor,
        columns.action,
        columns.entity,
        columns.entity_id,
        columns.before,
        columns.after,
        columns.note,
        columns.prev_hash,
        columns.entry_hash,
    ).order_by(columns.id)
    return [ChainRow(*row) for row in session.execute(query)]


def verify_chain(session: Session) -> ChainCheck:
    return verify_rows(chain_rows(session))


def _chain_pending(session: Session) -> None:
    pending: list[AuditEntry] = session.info.pop(_PENDING, [])
    pending = [entry for entry in pending if entry in session.new]
    if not pending:
        return
    with session.no_autoflush:
        lock_chain(session)
        seq, head = chain_head(session)
    for entry in pending:
        seq += 1
        entry.seq, entry.prev_hash = seq, head
        entry.entry_hash = head = entry_hash(
            seq=seq,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            entity=entry.entity,
            entity_id=entry.entity_id,
            before=entry.before,
            after=entry.after,
            note=entry.note,
            prev_hash=entry.prev_hash,
        )


# The ORM guard: registered on every Session when this module is imported (store.database
# imports it, so any engine opened through open_database is covered).


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
    _chain_pending(session)
    for entry in session.deleted:
        if isinstance(entry, AuditEntry):
            raise AuditLogViolation(f"audit_log is append-only: cannot delete entry {entry.id}")
    for entry in session.dirty:
        if isinstance(entry, AuditEntry) and session.is_modified(entry):
            raise AuditLogViolation(f"audit_log is append-only: cannot update entry {entry.id}")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_audit_changes(state: ORMExecuteState) -> None:
    # session.execute(update(AuditEntry)) / delete(AuditEntry) never pass through a flush.
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is AuditEntry for mapper in state.all_mappers
    ):
        raise AuditLogViolation("audit_log is append-only: bulk UPDATE/DELETE refused")
