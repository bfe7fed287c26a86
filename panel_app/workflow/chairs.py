"""Who acts: the workspace's chairs, by name and role (`panel-app chairs`, the window's
File > Act as…). A workspace with none records whoever acts (the login, or --actor); once
it has one, every change is recorded by one of its chairs and refused for anyone else
(store/audit.registered_actor), so the log's names are people the panel knows.

The first chair is added by whoever sets the workspace up; from then on only a chair adds
or retires one. A retired chair stays on record (the log's names stay explained) and
cannot act; the last chair cannot be retired.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from panel_app.store.audit import NO_CHAIR, act_as, current_actor, record_change, registered_actor
from panel_app.store.models import Chair, utc_now
from panel_app.workflow.workspace import OpenWorkspace

__all__ = [
    "NO_CHAIR",
    "ChairRefused",
    "ChairRow",
    "act_as",
    "acting_chair",
    "add_chair",
    "current_actor",
    "list_chairs",
    "retire_chair",
]


class ChairRefused(ValueError):
    """A change to the chairs that cannot be recorded, with the reason in words."""


@dataclass(frozen=True)
class ChairRow:
    name: str
    role: str
    added_at: datetime
    added_by: str
    retired_at: datetime | None = None
    retired_by: str | None = None
    retire_reason: str | None = None

    @property
    def active(self) -> bool:
        return self.retired_at is None


def _row(chair: Chair) -> ChairRow:
    return ChairRow(
        chair.name,
        chair.role,
        chair.added_at,
        chair.added_by,
        chair.retired_at,
        chair.retired_by,
        chair.retire_reason,
    )


def list_chairs(workspace: OpenWorkspace) -> list[ChairRow]:
    """Every chair, active and retired, in the order they were added."""
    with workspace.sessions() as session:
        return [_row(c) for c in session.scalars(select(Chair).order_by(Chair.id))]


def acting_chair(workspace: OpenWorkspace, given: str | None) -> str:
    """Who a command acts as: `given` (or the login) as the workspace registered them;
    NotAChair (a WorkspaceError) for someone who is not one of its chairs."""
    with workspace.sessions() as session:
        return registered_actor(session, given or current_actor())


def add_chair(
    workspace: OpenWorkspace, name: str, role: str, *, actor: str | None = None
) -> ChairRow:
    """Register a chair; by anyone while the workspace has none, then by a chair."""
    name, role = " ".join(name.split()), " ".join(role.split())
    if not name:
        raise ChairRefused("a chair needs a name")
    if not role:
        raise ChairRefused("say the chair's role (e.g. chair, co-chair, secretariat)")
    actor = actor or current_actor()
    with workspace.transaction() as session:
        same = _named(session, name)
        if same is not None:
            state = "retired" if same.retired_at is not None else "a chair"
            raise ChairRefused(f"{same.name!r} is already {state} of this workspace")
        # The first chair's entry is written by whoever set the workspace up; after it,
        # record_change refuses anyone who is not a chair.
        record_change(
            session,
            actor=actor,
            action="chair.added",
            entity="chair",
            entity_id=name,
            after={"name": name, "role": role},
        )
        chair = Chair(name=name, role=role, added_by=registered_actor(session, actor))
        session.add(chair)
        session.flush()
        return _row(chair)


def retire_chair(
    workspace: OpenWorkspace, name: str, reason: str, *, actor: str | None = None
) -> ChairRow:
    """A chair leaves: they can act no more; their name stays on record."""
    reason = reason.strip()
    if not reason:
        raise ChairRefused("retiring a chair needs a reason, for the record")
    actor = actor or current_actor()
    with workspace.transaction() as session:
        chair = _named(session, name)
        if chair is None or chair.retired_at is not None:
            raise ChairRefused(f"{name!r} is not an active chair of this workspace")
        active = session.scalars(select(Chair.id).where(Chair.retired_at.is_(None))).all()
        if len(active) == 1:
            raise ChairRefused(
                f"{chair.name} is the workspace's last chair: add the next one first "
                "(`panel-app chairs add NAME --role ROLE`)"
            )
        acting = registered_actor(session, actor)  # before the retirement: a chair retires
        chair.retired_at, chair.retired_by, chair.retire_reason = utc_now(), acting, reason
        session.flush()
        record_change(
            session,
            actor=acting,
            action="chair.retired",
            entity="chair",
            entity_id=chair.name,
            before={"role": chair.role},
            after={"reason": reason},
        )
        return _row(chair)


def _named(session: Session, name: str) -> Chair | None:
    wanted = name.strip().casefold()
    return next(
        (c for c in session.scalars(select(Chair)) if c.name.casefold() == wanted),
        None,
    )
