"""Assigning experts to projects, and the chair's manual changes, audit-logged.

`assign_experts` plans with panel_app.assignment (the algorithm the demo panel uses too)
over the round's projects and the workspace's experts and conflicts, and stores what it
adds in one transaction. Existing assignments of the round are kept as they are (an
expert may already have the project's texts) and only what is missing is filled in:
running it again with the same K adds nothing.

The round's projects: for "nomination", every submission without an open ineligibility
finding; for "final", the finalists the panel analyses (a `Decision` of stage "finalist",
outcome "selected"; of those, the edition's `analysed_per_category` with the most valid
votes: 2017's top three), ineligible ones left out all the same.

The final round has no K: `assign_final_round` gives every analysed finalist every expert
of its category (each expert then ranks all of them), leaving out an expert with a conflict.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from panel_app.assignment import (
    Project,
    Reviewer,
    Unsatisfied,
    natural_key,
    plan_assignment,
)
from panel_app.edition import Edition
from panel_app.i18n import N_, Refusal
from panel_app.organisations import organisation_key
from panel_app.store.audit import current_actor, record_change
from panel_app.store.database import bulk_insert
from panel_app.store.models import (
    Assignment,
    Conflict,
    Decision,
    Expert,
    Review,
    RuleFinding,
    Submission,
    utc_now,
)
from panel_app.workflow.changes import Touched
from panel_app.workflow.handover import finalists_by_votes, require_checks_current
from panel_app.workflow.record import chain_position, refuse_if_changed
from panel_app.workflow.rounds import ROUNDS
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace

_ASSIGNMENT = Assignment.metadata.tables["assignment"]
NO_EXPERTS = N_("the workspace has no experts yet; import them with `panel-app experts import`")


class AssignmentRefused(Refusal):
    """An assignment (or a change to one) was refused; nothing was written."""


@dataclass(frozen=True)
class PoolLoad:
    category_key: str
    experts: int
    projects: int
    lowest: int  # reviews of the least loaded expert of the pool
    highest: int


@dataclass(frozen=True)
class AssignResult:
    round: str
    per_project: int  # 0 in the final round: every expert of the category
    seed: int
    projects: int
    experts: int
    kept: int  # assignments of the round that were already there
    added: int
    problems: tuple[Unsatisfied, ...]
    loads: tuple[PoolLoad, ...]
    notes: tuple[str, ...] = ()  # the final round: finalists the panel does not analyse

    @property
    def touched(self) -> Touched:
        return Touched.PANEL if self.added else Touched.NOTHING


@dataclass(frozen=True)
class AssignmentChange:
    action: str  # "added" or "removed"
    expert_id: str
    submission_id: str
    round: str
    reason: str
    warnings: tuple[str, ...] = ()

    touched: ClassVar[Touched] = Touched.PANEL


def _check_round(round_: str) -> None:
    if round_ not in ROUNDS:
        raise AssignmentRefused(
            N_("unknown round {round_!r}; expected one of {ROUNDS}"),
            round_=round_,
            ROUNDS=", ".join(ROUNDS),
        )


def _open_ineligible(session: Session) -> set[int]:
    require_checks_current(session)  # never assign on the findings of an older set
    return set(
        session.scalars(
            select(RuleFinding.submission_pk).where(
                RuleFinding.severity == "ineligible", RuleFinding.overruled_at.is_(None)
            )
        )
    )


def _round_projects(
    session: Session, round_: str, edition: Edition | None = None
) -> list[tuple[int, Project]]:
    query = select(
        Submission.id, Submission.submission_id, Submission.category_key, Submission.organisation
    )
    analysed: set[str] | None = None
    if round_ == "final":
        finalists = select(Decision.submission_pk).where(
            Decision.stage == "finalist", Decision.outcome == "selected"
        )
        query = query.where(Submission.id.in_(finalists))
        if edition is not None:
            analysed = {
                sid for c in finalists_by_votes(session, edition).values() for sid in c.analysed
            }
    ineligible = _open_ineligible(session)
    rows = [
        (pk, Project(sid, category, organisation))
        for pk, sid, category, organisation in session.execute(query)
        if pk not in ineligible and (analysed is None or sid in analysed)
    ]
    if round_ == "final" and not rows:
        raise AssignmentRefused(
            N_(
                "no finalists have been selected yet: the final round reviews the "
                "finalists (decisions of stage 'finalist')"
            )
        )
    return rows


def _reviewers(session: Session) -> tuple[list[Reviewer], dict[str, int]]:
    experts = list(session.scalars(select(Expert)))
    sid_of = dict(session.execute(select(Submission.id, Submission.submission_id)).tuples().all())
    conflicts: dict[int, list[Conflict]] = {}
    for conflict in session.scalars(select(Conflict)):
        conflicts.setdefault(conflict.expert_pk, []).append(conflict)
    reviewers = []
    for expert in experts:
        mine = conflicts.get(expert.id, [])
        reviewers.append(
            Reviewer(
                expert.expert_code,
                tuple(expert.category_keys),
                expert.organisation,
                tuple(c.organisation for c in mine if c.organisation),
                tuple(sid_of[c.submission_pk] for c in mine if c.submission_pk is not None),
            )
        )
    return reviewers, {e.expert_code: e.id for e in experts}


def assign_experts(
    workspace: OpenWorkspace,
    *,
    per_project: int,
    round_: str = "nomination",
    seed: int = 0,
    actor: str | None = None,
) -> AssignResult:
    """Give every project of the round `per_project` experts, keeping existing assignments;
    store what is added in one transaction and report what could not be satisfied. The
    final round ignores `per_project`: see `assign_final_round`."""
    _check_round(round_)
    if round_ == "final":
        return assign_final_round(workspace, actor=actor)
    if per_project < 1:
        raise AssignmentRefused(N_("--per-project must be at least 1"))
    actor = actor or current_actor()
    with workspace.transaction() as session:
        projects = _round_projects(session, round_)
        reviewers, expert_pk = _reviewers(session)
        if not reviewers:
            raise AssignmentRefused(NO_EXPERTS)
        pk_of = {p.submission_id: pk for pk, p in projects}
        code_of = {pk: code for code, pk in expert_pk.items()}
        sid_of = {pk: sid for sid, pk in pk_of.items()}
        existing = [
            (code_of[e], sid_of[s])
            # Core rows, not ORM ones: cheaper for the tens of thousands of a big edition.
            for e, s in session.connection().execute(
                select(_ASSIGNMENT.c.expert_pk, _ASSIGNMENT.c.submission_pk).where(
                    _ASSIGNMENT.c.round == round_
                )
            )
            if s in sid_of
        ]
        rng = random.Random(f"wsis-assign:{workspace.edition.key}:{round_}:{seed}")
        plan = plan_assignment(
            [p for _, p in projects],
            reviewers,
            per_project,
            rng,
            categories=[c.key for c in workspace.edition.categories],
            existing=existing,
        )
        added = sorted(plan.new, key=lambda pair: (natural_key(pair[1]), natural_key(pair[0])))
        now = utc_now()
        bulk_insert(
            session,
            _ASSIGNMENT,
            [
                {
                    "expert_pk": expert_pk[code],
                    "submission_pk": pk_of[sid],
                    "round": round_,
                    "created_at": now,
                }
                for code, sid in added
            ],
        )
        result = AssignResult(
            round=round_,
            per_project=per_project,
            seed=seed,
            projects=len(projects),
            experts=len(reviewers),
            kept=len(existing),
            added=len(added),
            problems=plan.problems,
            loads=_loads(plan.loads, projects),
        )
        _record_plan(session, actor, round_, per_project, seed, result.kept, added, plan.problems)
    return result


def assign_final_round(workspace: OpenWorkspace, *, actor: str | None = None) -> AssignResult:
    """Give every analysed finalist (the edition's top by votes) every expert of its
    category (the final round), except an expert with a conflict, who is left out with
    the reason in `problems`. Existing assignments are kept; running it again adds only
    what is missing."""
    actor = actor or current_actor()
    with workspace.transaction() as session:
        projects = _round_projects(session, "final", workspace.edition)
        experts = list(session.scalars(select(Expert).order_by(Expert.expert_code)))
        if not experts:
            raise AssignmentRefused(NO_EXPERTS)
        existing = set(
            session.execute(
                select(Assignment.expert_pk, Assignment.submission_pk).where(
                    Assignment.round == "final"
                )
            ).tuples()
        )
        added: list[tuple[Expert, Submission]] = []
        problems: list[Unsatisfied] = []
        kept = 0
        loads: dict[str, dict[str, int]] = {}
        ordered = sorted(projects, key=lambda p: natural_key(p[1].submission_id))
        for pk, project in ordered:
            submission = session.get_one(Submission, pk)
            pool = [e for e in experts if project.category_key in e.category_keys]
            load = loads.setdefault(project.category_key, {e.expert_code: 0 for e in pool})
            if not pool:
                problems.append(
                    Unsatisfied(project.category_key, project.submission_id, "no expert")
                )
            for expert in pool:
                if (expert.id, pk) in existing:
                    kept += 1
                    load[expert.expert_code] += 1
                    continue
                conflict = _conflict_with(session, expert, submission)
                if conflict is not None:
                    problems.append(
                        Unsatisfied(
                            project.category_key,
                            project.submission_id,
                            f"{expert.expert_code} left out: {conflict}",
                        )
                    )
                    continue
                added.append((expert, submission))
                load[expert.expert_code] += 1
        notes = tuple(
            f"{by_votes.in_words()}; not analysed, so not assigned: "
            f"{', '.join(by_votes.not_analysed)}"
            for by_votes in finalists_by_votes(session, workspace.edition).values()
            if by_votes.not_analysed
        )
        for expert, submission in added:
            session.add(Assignment(expert_pk=expert.id, submission_pk=submission.id, round="final"))
        pairs = [(e.expert_code, s.submission_id) for e, s in added]
        _record_plan(
            session, actor, "final", "every expert of the category", 0, kept, pairs, problems
        )
    return AssignResult(
        round="final",
        per_project=0,
        seed=0,
        projects=len(projects),
        experts=len(experts),
        kept=kept,
        added=len(added),
        problems=tuple(problems),
        loads=_loads(loads, projects),
        notes=notes,
    )


def _record_plan(
    session: Session,
    actor: str,
    round_: str,
    per_project: int | str,
    seed: int,
    kept: int,
    added: Sequence[tuple[str, str]],
    problems: Sequence[Unsatisfied],
) -> None:
    """The audit entry of an assignment run that added something."""
    if not added:
        return
    record_change(
        session,
        actor=actor,
        action="assignment.planned",
        entity="assignment",
        entity_id=round_,
        after={
            "round": round_,
            "per_project": per_project,
            "seed": seed,
            "kept": kept,
            "added": [{"expert": code, "submission": sid} for code, sid in added],
            "unsatisfied": [p.describe() for p in problems],
        },
        note=f"{len(added)} assignments added, {kept} kept",
    )


def _loads(
    loads: Mapping[str, Mapping[str, int]], projects: list[tuple[int, Project]]
) -> tuple[PoolLoad, ...]:
    counts: dict[str, int] = {}
    for _, project in projects:
        counts[project.category_key] = counts.get(project.category_key, 0) + 1
    return tuple(
        PoolLoad(
            key,
            len(pool),
            counts.get(key, 0),
            min(pool.values(), default=0),
            max(pool.values(), default=0),
        )
        for key, pool in loads.items()
        if pool or counts.get(key)
    )


# ---- manual changes ---------------------------------------------------------------------------


def _find(session: Session, expert_id: str, submission_id: str) -> tuple[Expert, Submission]:
    expert = session.scalars(select(Expert).where(Expert.expert_code == expert_id)).first()
    if expert is None:
        raise AssignmentRefused(N_("no expert {expert_id!r} in the workspace"), expert_id=expert_id)
    submission = session.scalars(
        select(Submission).where(Submission.submission_id == submission_id)
    ).first()
    if submission is None:
        raise AssignmentRefused(
            N_("no submission {submission_id!r} in the workspace"), submission_id=submission_id
        )
    return expert, submission


def _conflict_with(session: Session, expert: Expert, submission: Submission) -> str | None:
    """Why `expert` may not review `submission`, or None."""
    key = organisation_key(submission.organisation)
    if key and key == organisation_key(expert.organisation):
        return f"the submitter, {submission.organisation}, is the expert's own organisation"
    for conflict in session.scalars(select(Conflict).where(Conflict.expert_pk == expert.id)):
        if conflict.submission_pk == submission.id:
            return "the expert declared a conflict with this submission"
        if key and conflict.organisation and organisation_key(conflict.organisation) == key:
            return f"the expert declared a conflict with {conflict.organisation}"
    return None


def _one_of(
    session: Session,
    model: type[Assignment] | type[Review],
    expert: Expert,
    submission: Submission,
    round_: str,
) -> object | None:
    """The expert's assignment (or review) of the submission in the round, if any."""
    found: object | None = session.scalars(
        select(model).where(
            model.expert_pk == expert.id,
            model.submission_pk == submission.id,
            model.round == round_,
        )
    ).first()
    return found


def _refuse_if_changed(
    session: Session, seen: int, expert_id: str, submission_id: str, round_: str
) -> None:
    refuse_if_changed(
        session,
        seen,
        f"the assignment of {expert_id} to {submission_id}",
        [("assignment", [f"{expert_id}:{submission_id}", round_], None)],
    )


def _need_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise AssignmentRefused(N_("a reason is required, for the record"))
    return reason


def add_assignment(
    workspace: OpenWorkspace,
    expert_id: str,
    submission_id: str,
    *,
    reason: str,
    round_: str = "nomination",
    actor: str | None = None,
    seen: int | None = None,
) -> AssignmentChange:
    """Assign one expert to one project by hand. A conflict of interest is refused; an
    expert outside the project's category is allowed, with a warning. `seen`: the audit
    log's position the chair's view was read at (StaleView if the pair's assignment or the
    round's plan changed since; nothing written)."""
    _check_round(round_)
    reason = _need_reason(reason)
    actor = actor or current_actor()
    seen = chain_position(workspace)[0] if seen is None else seen  # at least: from now on
    with workspace.transaction() as session:
        _refuse_if_changed(session, seen, expert_id, submission_id, round_)
        expert, submission = _find(session, expert_id, submission_id)
        conflict = _conflict_with(session, expert, submission)
        if conflict is not None:
            raise AssignmentRefused(
                N_("{expert_id} may not review {submission_id}: {conflict}"),
                expert_id=expert_id,
                submission_id=submission_id,
                conflict=conflict,
            )
        if _one_of(session, Assignment, expert, submission, round_) is not None:
            raise AssignmentRefused(
                N_("{expert_id} is already assigned to {submission_id} in the {round_} round"),
                expert_id=expert_id,
                submission_id=submission_id,
                round_=round_,
            )
        warnings: list[str] = []
        if submission.category_key not in expert.category_keys:
            warnings.append(
                f"{expert_id} does not review {submission.category_key} "
                f"(their categories: {', '.join(expert.category_keys) or 'none'})"
            )
        if submission.id in _open_ineligible(session):
            warnings.append(f"{submission_id} has an open ineligibility finding")
        session.add(Assignment(expert_pk=expert.id, submission_pk=submission.id, round=round_))
        record_change(
            session,
            actor=actor,
            action="assignment.added",
            entity="assignment",
            entity_id=f"{expert_id}:{submission_id}",
            after={"expert": expert_id, "submission": submission_id, "round": round_},
            note=reason,
        )
    return AssignmentChange("added", expert_id, submission_id, round_, reason, tuple(warnings))


def remove_assignment(
    workspace: OpenWorkspace,
    expert_id: str,
    submission_id: str,
    *,
    reason: str,
    round_: str = "nomination",
    actor: str | None = None,
    seen: int | None = None,
) -> AssignmentChange:
    """Take one project from an expert by hand; refused once they have returned a review,
    and on a stale view (`seen`, as add_assignment)."""
    _check_round(round_)
    reason = _need_reason(reason)
    actor = actor or current_actor()
    seen = chain_position(workspace)[0] if seen is None else seen  # at least: from now on
    with workspace.transaction() as session:
        _refuse_if_changed(session, seen, expert_id, submission_id, round_)
        expert, submission = _find(session, expert_id, submission_id)
        row = _one_of(session, Assignment, expert, submission, round_)
        if row is None:
            raise AssignmentRefused(
                N_("{expert_id} is not assigned to {submission_id} in the {round_} round"),
                expert_id=expert_id,
                submission_id=submission_id,
                round_=round_,
            )
        if _one_of(session, Review, expert, submission, round_) is not None:
            raise AssignmentRefused(
                N_(
                    "{expert_id} has already returned a review of {submission_id}; the "
                    "assignment stays with it"
                ),
                expert_id=expert_id,
                submission_id=submission_id,
            )
        session.delete(row)
        record_change(
            session,
            actor=actor,
            action="assignment.removed",
            entity="assignment",
            entity_id=f"{expert_id}:{submission_id}",
            before={"expert": expert_id, "submission": submission_id, "round": round_},
            note=reason,
        )
    return AssignmentChange("removed", expert_id, submission_id, round_, reason)


# ---- what the chair's panel window shows ----------------------------------------------------
@dataclass(frozen=True)
class ExpertLoad:
    expert_id: str
    name: str
    organisation: str
    categories: tuple[str, ...]
    conflicts: int  # declared
    assigned: int  # in the round
    returned: int  # reviews of the round
    projects: tuple[str, ...]  # assigned, in natural ID order


@dataclass(frozen=True)
class ProjectPanel:
    submission_id: str
    category_key: str
    title: str
    eligible: bool
    experts: tuple[str, ...]  # assigned in the round


@dataclass(frozen=True)
class PanelOverview:
    round: str
    experts: tuple[ExpertLoad, ...]
    projects: tuple[ProjectPanel, ...]  # of the round (eligible ones, and any assigned)
    unsatisfied: tuple[str, ...]  # what the last assignment run of the round could not do
    position: int  # the audit log's position it was read at: a decision on it says so


def panel_overview_at(location: WorkspaceLocation, round_: str = "nomination") -> PanelOverview:
    """The experts' loads and each project's experts in `round_`, on a connection of its
    own (for a worker thread beside the window's)."""
    from panel_app.store.models import AuditEntry

    _check_round(round_)
    with open_workspace(location) as workspace, workspace.sessions() as session:
        position = chain_position(workspace)[0]
        ineligible = _open_ineligible(session)
        experts = session.scalars(select(Expert).order_by(Expert.expert_code)).all()
        conflicts: dict[int, int] = {}
        for expert_pk in session.scalars(select(Conflict.expert_pk)):
            conflicts[expert_pk] = conflicts.get(expert_pk, 0) + 1
        pairs = session.execute(
            select(Expert.expert_code, Submission.submission_id)
            .join(Assignment, Assignment.expert_pk == Expert.id)
            .join(Submission, Submission.id == Assignment.submission_pk)
            .where(Assignment.round == round_)
        ).all()
        returned: dict[str, int] = {}
        for code in session.scalars(
            select(Expert.expert_code)
            .join(Review, Review.expert_pk == Expert.id)
            .where(Review.round == round_)
        ):
            returned[code] = returned.get(code, 0) + 1
        try:
            projects = [p for _, p in _round_projects(session, round_)]
        except AssignmentRefused:  # the final round before any finalist: nothing to show
            projects = []
        titles = dict(
            session.execute(select(Submission.submission_id, Submission.title)).tuples().all()
        )
        eligible_pk = {
            sid: pk not in ineligible
            for sid, pk in session.execute(select(Submission.submission_id, Submission.id))
        }
        plan = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "assignment.planned", AuditEntry.entity_id == round_)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).first()
        unsatisfied = tuple((plan.after or {}).get("unsatisfied") or ()) if plan else ()
    by_expert: dict[str, list[str]] = {}
    by_project: dict[str, list[str]] = {}
    for code, sid in pairs:
        by_expert.setdefault(code, []).append(sid)
        by_project.setdefault(sid, []).append(code)
    listed = {p.submission_id: p.category_key for p in projects}
    for sid in by_project:  # assigned by hand outside the round's projects: shown too
        listed.setdefault(sid, "")
    return PanelOverview(
        round_,
        tuple(
            ExpertLoad(
                e.expert_code,
                e.name,
                e.organisation,
                tuple(e.category_keys),
                conflicts.get(e.id, 0),
                len(by_expert.get(e.expert_code, ())),
                returned.get(e.expert_code, 0),
                tuple(sorted(by_expert.get(e.expert_code, ()), key=natural_key)),
            )
            for e in experts
        ),
        tuple(
            ProjectPanel(
                sid,
                key,
                titles.get(sid, ""),
                eligible_pk.get(sid, True),
                tuple(sorted(by_project.get(sid, ()))),
            )
            for sid, key in sorted(listed.items(), key=lambda kv: (kv[1], natural_key(kv[0])))
        ),
        unsatisfied,
        position,
    )
