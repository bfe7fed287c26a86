"""The audit log: who changed what, when, with the values before and after.

Entries are only ever added. Three layers keep it so: `record_change` is the one way to
write an entry, an ORM guard (below) refuses to flush an update or delete of one, and
database triggers (migration 0001) refuse UPDATE, DELETE (and TRUNCATE on PostgreSQL) from
any client at all.
"""

from __future__ import annotations

import dataclasses
import enum
import getpass
import os
import uuid
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from panel_app.store.models import AuditEntry, utc_now

ACTOR_ENV_VAR = "PANEL_APP_ACTOR"


class AuditLogViolation(RuntimeError):
    """Code tried to change or remove an audit entry: a bug, never a user's mistake."""


def current_actor() -> str:
    """Who is acting: $PANEL_APP_ACTOR if set (CI, a shared account), else the OS user."""
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
    """Add an audit entry to `session`; it commits (or rolls back) with the change itself."""
    entry = AuditEntry(
        at=utc_now(),
        actor=actor,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=None if before is None else jsonable(before),
        after=None if after is None else jsonable(after),
        note=note,
    )
    session.add(entry)
    return entry


# The ORM guard: registered on every Session when this module is imported (store.database
# imports it, so any engine opened through open_database is covered).


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _flush: UOWTransaction, _instances: Any) -> None:
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
