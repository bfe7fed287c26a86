"""Who acts: the workspace's chairs, by name and role (`panel-app chairs`, the window's
File > Act as…). A workspace with none records whoever acts (the login, or --actor); once
it has one, every change is recorded by one of its chairs and refused for anyone else
(store/audit.registered_actor), so the log's names are people the panel knows.

The first chair is added by whoever sets the workspace up; from then on only a chair adds
or retires one. A retired chair stays on record (the log's names stay explained) and
cannot act; the last chair cannot be retired.

A chair declares conflicts of interest as experts do (`panel-app chairs conflict NAME
--organisation ORG | --submission ID --reason TEXT`): with an organisation (names compared
loosely, panel_app.organisations) or with one submission. A decision by a conflicted chair
on such a project (a nominee added or removed, a finding overruled, a finalist added or
removed, a category's selection among its finalists) is refused, naming the conflict
(`conflict_refusals`); another chair decides. A conflict withdrawn, with a reason, stays
on record.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from panel_app.i18n import N_, Refusal, Words
from panel_app.organisations import organisation_key
from panel_app.store.audit import NO_CHAIR, act_as, current_actor, record_change, registered_actor
from panel_app.store.models import Chair, ChairConflict, Submission, utc_now
from panel_app.workflow.changes import Touched
from panel_app.workflow.workspace import OpenWorkspace

__all__ = [
    "NO_CHAIR",
    "ChairConflictRow",
    "ChairRefused",
    "ChairRow",
    "act_as",
    "acting_chair",
    "add_chair",
    "chair_conflicts",
    "conflict_refusals",
    "current_actor",
    "declare_chair_conflict",
    "list_chairs",
    "retire_chair",
    "withdraw_chair_conflict",
]


class ChairRefused(Refusal, ValueError):
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
        raise ChairRefused(N_("a chair needs a name"))
    if not role:
        raise ChairRefused(N_("say the chair's role (e.g. chair, co-chair, secretariat)"))
    actor = actor or current_actor()
    with workspace.transaction() as session:
        same = _named(session, name)
        if same is not None:
            state = "retired" if same.retired_at is not None else "a chair"
            raise ChairRefused(
                N_("{name!r} is already {state} of this workspace"), name=same.name, state=state
            )
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
        raise ChairRefused(N_("retiring a chair needs a reason, for the record"))
    actor = actor or current_actor()
    with workspace.transaction() as session:
        chair = _named(session, name)
        if chair is None or chair.retired_at is not None:
            raise ChairRefused(N_("{name!r} is not an active chair of this workspace"), name=name)
        active = session.scalars(select(Chair.id).where(Chair.retired_at.is_(None))).all()
        if len(active) == 1:
            raise ChairRefused(
                N_(
                    "{name} is the workspace's last chair: add the next one first (`panel-app "
                    "chairs add NAME --role ROLE`)"
                ),
                name=chair.name,
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


# ---- a chair's conflicts of interest ------------------------------------------------------
@dataclass(frozen=True)
class ChairConflictRow:
    id: int  # what `chairs conflict NAME --withdraw ID` takes
    chair: str
    organisation: str | None
    submission_id: str | None
    reason: str
    declared_at: datetime
    declared_by: str
    withdrawn_at: datetime | None = None
    withdrawn_by: str | None = None
    withdraw_reason: str | None = None

    touched: ClassVar[Touched] = Touched.PANEL  # returned by a declaration or a withdrawal

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def what(self) -> str:
        """The conflict in words: with whom."""
        if self.submission_id is not None:
            return f"submission {self.submission_id}"
        return f"the organisation {self.organisation}"


def _conflict_row(session: Session, conflict: ChairConflict) -> ChairConflictRow:
    chair = session.get_one(Chair, conflict.chair_pk)
    sid = (
        session.scalar(
            select(Submission.submission_id).where(Submission.id == conflict.submission_pk)
        )
        if conflict.submission_pk is not None
        else None
    )
    return ChairConflictRow(
        conflict.id,
        chair.name,
        conflict.organisation,
        sid,
        conflict.reason,
        conflict.declared_at,
        conflict.declared_by,
        conflict.withdrawn_at,
        conflict.withdrawn_by,
        conflict.withdraw_reason,
    )


def chair_conflicts(workspace: OpenWorkspace, name: str | None = None) -> list[ChairConflictRow]:
    """Every chair's declared conflicts (or `name`'s), withdrawn ones too, as declared."""
    with workspace.sessions() as session:
        query = select(ChairConflict).order_by(ChairConflict.id)
        if name is not None:
            chair = _named(session, name)
            if chair is None:
                raise ChairRefused(N_("{name!r} is not a chair of this workspace"), name=name)
            query = query.where(ChairConflict.chair_pk == chair.id)
        return [_conflict_row(session, c) for c in session.scalars(query)]


def declare_chair_conflict(
    workspace: OpenWorkspace,
    name: str,
    *,
    organisation: str | None = None,
    submission_id: str | None = None,
    reason: str,
    actor: str | None = None,
) -> ChairConflictRow:
    """A chair's conflict of interest with an organisation or one submission, with the
    reason; recorded by the acting chair (the chair themselves, or another chair)."""
    organisation = " ".join((organisation or "").split()) or None
    submission_id = (submission_id or "").strip() or None
    if (organisation is None) == (submission_id is None):
        raise ChairRefused(N_("name the conflict: an organisation or a submission, one of them"))
    if organisation is not None and not organisation_key(organisation):
        raise ChairRefused(
            N_("{organisation!r} names no organisation (no letter or digit)"),
            organisation=organisation,
        )
    reason = reason.strip()
    if not reason:
        raise ChairRefused(N_("a conflict of interest needs its reason, for the record"))
    actor = actor or current_actor()
    with workspace.transaction() as session:
        chair = _named(session, name)
        if chair is None or chair.retired_at is not None:
            raise ChairRefused(N_("{name!r} is not an active chair of this workspace"), name=name)
        submission_pk = None
        if submission_id is not None:
            submission_pk = session.scalar(
                select(Submission.id).where(Submission.submission_id == submission_id)
            )
            if submission_pk is None:
                raise ChairRefused(
                    N_("no submission with ID {submission_id!r} in this workspace"),
                    submission_id=submission_id,
                )
        acting = registered_actor(session, actor)
        conflict = ChairConflict(
            chair_pk=chair.id,
            organisation=organisation,
            submission_pk=submission_pk,
            reason=reason,
            declared_by=acting,
        )
        session.add(conflict)
        session.flush()
        record_change(
            session,
            actor=acting,
            action="chair.conflict_declared",
            entity="chair",
            entity_id=chair.name,
            after={
                "conflict": conflict.id,
                "organisation": organisation,
                "submission_id": submission_id,
                "reason": reason,
            },
        )
        return _conflict_row(session, conflict)


def withdraw_chair_conflict(
    workspace: OpenWorkspace, conflict_id: int, reason: str, *, actor: str | None = None
) -> ChairConflictRow:
    """A conflict declared by mistake (or no longer there) withdrawn, with the reason; it
    stays on record."""
    reason = reason.strip()
    if not reason:
        raise ChairRefused(N_("withdrawing a conflict of interest needs a reason, for the record"))
    actor = actor or current_actor()
    with workspace.transaction() as session:
        conflict = session.get(ChairConflict, conflict_id)
        if conflict is None or conflict.withdrawn_at is not None:
            raise ChairRefused(
                N_("no declared conflict {conflict_id} in force"), conflict_id=conflict_id
            )
        acting = registered_actor(session, actor)
        conflict.withdrawn_at, conflict.withdrawn_by = utc_now(), acting
        conflict.withdraw_reason = reason
        session.flush()
        row = _conflict_row(session, conflict)
        record_change(
            session,
            actor=acting,
            action="chair.conflict_withdrawn",
            entity="chair",
            entity_id=row.chair,
            before={"conflict": conflict.id, "with": row.what, "reason": row.reason},
            after={"reason": reason},
        )
        return row


def conflict_refusals(session: Session, actor: str, submission_ids: Collection[str]) -> list[Words]:
    """Why the chair acting as `actor` may not decide on these projects: each conflict it
    declared that concerns one of them, in words; [] when none (or `actor` is no chair)."""
    wanted = set(submission_ids)
    if not wanted:
        return []
    chair = _named(session, actor)
    if chair is None:
        return []
    conflicts = list(
        session.scalars(
            select(ChairConflict).where(
                ChairConflict.chair_pk == chair.id, ChairConflict.withdrawn_at.is_(None)
            )
        )
    )
    if not conflicts:
        return []
    projects = session.execute(
        select(Submission.id, Submission.submission_id, Submission.organisation).where(
            Submission.submission_id.in_(sorted(wanted))
        )
    ).all()
    found = []
    for pk, sid, organisation in projects:
        key = organisation_key(organisation)
        for conflict in conflicts:
            said = {"chair": chair.name, "sid": sid, "id": conflict.id, "reason": conflict.reason}
            if conflict.submission_pk == pk:
                template = N_(
                    "{chair} declared a conflict of interest with this submission ({sid}; "
                    "conflict {id}: {reason}): another chair decides on {sid}"
                )
            elif conflict.organisation and key and organisation_key(conflict.organisation) == key:
                template = N_(
                    "{chair} declared a conflict of interest with {organisation}, which "
                    "submitted it ({sid}; conflict {id}: {reason}): another chair decides "
                    "on {sid}"
                )
                said["organisation"] = conflict.organisation
            else:
                continue
            found.append(Words(template, said))
    return sorted(found, key=str)
