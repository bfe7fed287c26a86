"""The chair's finalist decisions (`panel-app finalist add|remove ID --reason TEXT`, and the
final-round window's): settle a tie for the last finalist places, or take a finalist off
the list (an open finding, a withdrawal) and let the next by votes in.

The vote import stores a finalist decision per finalist by votes (public_vote.py); the
chair's decisions sit beside them in the same table (one per project and stage):
- add: a project becomes a finalist. It must be a nominee with votes, not a finalist yet,
  in a category with a place free (a tie's open places, or one a removal freed), and among
  the most-voted of those left: a place goes by votes, the chair only picks among equals.
- remove: a finalist (or a tied project) is not a finalist, with the reason.
Each is refused while a later decision on the category was recorded since the chair read
it (`seen`, StaleView), and on a project with an open rule finding (add), or one selected
as winner or champion (remove: record the selection again first).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from panel_app.i18n import N_, Refusal
from panel_app.store.audit import chain_head, current_actor, record_change
from panel_app.store.models import Decision, Submission, utc_now
from panel_app.votes.audit import CategoryOutcome
from panel_app.workflow.chairs import conflict_refusals
from panel_app.workflow.changes import Touched
from panel_app.workflow.handover import findings_in_words, open_findings
from panel_app.workflow.record import chain_position, refuse_if_changed
from panel_app.workflow.vote.public_vote import (
    ACTION,
    NOT_SELECTED,
    SELECTED,
    STAGE,
    finalists_report,
)
from panel_app.workflow.workspace import OpenWorkspace

__all__ = [
    "FINALIST_CHANGES",
    "FinalistDecision",
    "FinalistRefused",
    "add_finalist",
    "remove_finalist",
]

# The audit entries that change a category's finalists.
FINALIST_CHANGES = ("finalist.added", "finalist.removed")
_SELECTION_STAGES = ("winner", "champion")


class FinalistRefused(Refusal, ValueError):
    """A finalist decision that cannot be recorded, with the reason in words."""


@dataclass(frozen=True)
class FinalistDecision:
    submission_id: str
    category_key: str
    outcome: str  # "selected" (added) or "not-selected" (removed)
    reason: str
    decided_by: str
    decided_at: datetime
    notes: tuple[str, ...]  # e.g. the tie still open after this pick
    position: int = 0  # the audit log's position of this decision: what the chair saw next

    touched: ClassVar[Touched] = Touched.VOTE


def add_finalist(
    workspace: OpenWorkspace,
    submission_id: str,
    reason: str,
    actor: str | None = None,
    *,
    seen: int | None = None,
) -> FinalistDecision:
    """Make a project a finalist: a pick among the tied, or the next by votes."""
    return _decide(workspace, submission_id, SELECTED, reason, actor, seen)


def remove_finalist(
    workspace: OpenWorkspace,
    submission_id: str,
    reason: str,
    actor: str | None = None,
    *,
    seen: int | None = None,
) -> FinalistDecision:
    """Take a project off the finalists (or decide against a tied one), with the reason."""
    return _decide(workspace, submission_id, NOT_SELECTED, reason, actor, seen)


def _decide(
    workspace: OpenWorkspace,
    submission_id: str,
    outcome: str,
    reason: str,
    actor: str | None,
    seen: int | None,
) -> FinalistDecision:
    reason = reason.strip()
    if not reason:
        raise FinalistRefused(N_("a finalist decision needs a reason: say why, for the record"))
    actor = actor or current_actor()
    seen = chain_position(workspace)[0] if seen is None else seen  # at least: from now on
    report = finalists_report(workspace)  # VotesRefused before any vote import
    outcome_of = {s.submission_id: c for c in report.audit.categories for s in c.standings}
    category = outcome_of.get(submission_id)
    if category is None:
        raise FinalistRefused(
            N_(
                "{submission_id} is not on the frozen nominee list the votes were audited "
                "against: only a nominee can be a finalist"
            ),
            submission_id=submission_id,
        )
    key = category.category_key
    finalists = set(report.finalists.get(key, ()))
    with workspace.transaction() as session:
        refuse_if_changed(
            session,
            seen,
            f"the finalists of {key}",
            [("finalist", [key], None), ("import_batch", None, (ACTION,))],
        )
        submission = session.scalars(
            select(Submission).where(Submission.submission_id == submission_id)
        ).one()
        refusals = conflict_refusals(session, actor, [submission_id])
        if refusals:
            raise FinalistRefused.joined(refusals)
        decision = session.scalars(
            select(Decision).where(Decision.submission_pk == submission.id, Decision.stage == STAGE)
        ).first()
        if outcome == SELECTED:
            _check_addition(session, submission_id, category, finalists, report.removed,
                            report.audit.finalists_per_category)  # fmt: skip
        else:
            _check_removal(session, submission_id, key, finalists, report)
        before: dict[str, Any] = {"finalist": submission_id in finalists}
        if decision is None:
            decision = Decision(
                submission_pk=submission.id,
                category_key=key,
                stage=STAGE,
                outcome=outcome,
                rationale=reason,
                decided_by=actor,
            )
            session.add(decision)
        else:  # one decision per project and stage: the log keeps the one replaced
            before.update(outcome=decision.outcome, reason=decision.rationale,
                          decided_by=decision.decided_by)  # fmt: skip
            decision.outcome, decision.rationale, decision.decided_by = outcome, reason, actor
            decision.decided_at = utc_now()
        session.flush()
        record_change(
            session,
            actor=actor,
            action="finalist.added" if outcome == SELECTED else "finalist.removed",
            entity="finalist",
            entity_id=key,
            before=before,
            after={"submission_id": submission_id, "outcome": outcome, "reason": reason},
        )
        session.flush()
        position = chain_head(session)[0]  # this decision's entry (the chain is locked)
        decided_at = decision.decided_at
    notes = _after(workspace, key)
    return FinalistDecision(submission_id, key, outcome, reason, actor, decided_at, notes, position)


def _check_addition(
    session: Session,
    submission_id: str,
    category: CategoryOutcome,
    finalists: set[str],
    removed: dict[str, str],
    quota: int,
) -> None:
    key = category.category_key
    if submission_id in finalists:
        raise FinalistRefused(
            N_("{submission_id} is already a finalist of {key}"),
            submission_id=submission_id,
            key=key,
        )
    if len(finalists) >= quota:
        raise FinalistRefused(
            N_(
                "{key} has its {quota} finalists ({finalists}): remove one with a reason "
                "first (`panel-app finalist remove ID --reason ...`)"
            ),
            key=key,
            quota=quota,
            finalists=", ".join(sorted(finalists)),
        )
    left = [
        s
        for s in category.standings
        if s.submission_id not in finalists
        and s.submission_id not in removed
        and s.submission_id != submission_id
    ]
    mine = next(s for s in category.standings if s.submission_id == submission_id)
    ahead = [s.submission_id for s in left if s.votes > mine.votes]
    if ahead:
        raise FinalistRefused(
            N_(
                "{ahead} had more valid votes than {submission_id} ({votes}): a place "
                "goes by votes; take them off with a reason first (`panel-app finalist "
                "remove ID --reason ...`)"
            ),
            ahead=", ".join(ahead),
            submission_id=submission_id,
            votes=mine.votes,
        )
    findings = open_findings(session, [submission_id])
    if findings:
        raise FinalistRefused(
            N_(
                "open rule finding on {findings}: overrule it with a reason "
                "(`panel-app overrule FINDING --reason ...`) first"
            ),
            findings=findings_in_words(findings, [submission_id]),
        )


def _check_removal(
    session: Session, submission_id: str, key: str, finalists: set[str], report: Any
) -> None:
    tie = report.ties.get(key)
    undecided = tie is not None and submission_id in tie.undecided
    if submission_id not in finalists and not undecided:
        if submission_id in report.removed:
            raise FinalistRefused(
                N_("{submission_id} is not a finalist of {key} (the chair took it off already)"),
                submission_id=submission_id,
                key=key,
            )
        raise FinalistRefused(
            N_("{submission_id} is not a finalist of {key}"), submission_id=submission_id, key=key
        )
    selected = session.scalar(
        select(Decision.stage)
        .join(Submission, Submission.id == Decision.submission_pk)
        .where(
            Submission.submission_id == submission_id,
            Decision.stage.in_(_SELECTION_STAGES),
            Decision.outcome == SELECTED,
        )
    )
    if selected:
        raise FinalistRefused(
            N_(
                "{submission_id} is recorded as {selected} of {key}: record the "
                "category's selection again without it first (`panel-app select`)"
            ),
            submission_id=submission_id,
            selected=selected,
            key=key,
        )


def _after(workspace: OpenWorkspace, key: str) -> tuple[str, ...]:
    """What the chair should know about the category once the decision is in."""
    report = finalists_report(workspace)
    return tuple(w for w in report.warnings if w.startswith(f"{key}:"))
