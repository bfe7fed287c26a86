"""What one phase hands on to the next, read from the store: a round's reviews, the
submissions an open finding makes ineligible (never while the rule checks are owed after
an import), each project's open findings, the frozen nominee list, the finalists as
settled (the public vote's and the chair's decisions) and the ties still open."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased

from panel_app.store.models import (
    AuditEntry,
    Decision,
    Expert,
    ListFreeze,
    Review,
    RuleFinding,
    Score,
    Submission,
    Workspace,
)
from panel_app.workflow.workspace import OpenWorkspace

__all__ = [
    "FINALIST_STAGE",
    "NOMINEE_STAGE",
    "VOTES_IMPORTED",
    "ChecksPending",
    "FinalistTie",
    "OpenFinding",
    "checks_owed",
    "checks_pending",
    "finalist_ties",
    "findings_in_words",
    "ineligible_ids",
    "open_findings",
    "open_freeze",
    "require_checks_current",
    "round_reviews",
    "set_checks_pending",
]


if TYPE_CHECKING:  # scoring brings numpy and scipy: this room stays light to import
    from panel_app.scoring import ReviewInput


class ChecksPending(Exception):
    """Eligibility was asked for while the rule checks of an import are still owed."""


def checks_pending(session: Session) -> bool:
    return bool(session.scalar(select(Workspace.checks_pending).limit(1)))


def checks_owed(workspace: OpenWorkspace) -> bool:
    """Whether an interrupted import left the rule checks owed (a cheap read: every
    command and the window's open ask it before anything heavier)."""
    with workspace.sessions() as session:
        return checks_pending(session)


def set_checks_pending(session: Session, pending: bool) -> None:
    """In the transaction of the import (True) or of the checks (False)."""
    session.execute(update(Workspace).values(checks_pending=pending))


def require_checks_current(session: Session) -> None:
    if checks_pending(session):
        raise ChecksPending(
            "the rule checks of the last import have not run (it was interrupted): "
            "run `panel-app check` (or open the workspace in the window) first"
        )


NOMINEE_STAGE = "nominee"  # the nominee list's decisions and freezes


def round_reviews(session: Session, round_: str = "nomination") -> list[ReviewInput]:
    """Every review of a round (one per expert and project: its latest revision)."""
    from panel_app.scoring import ReviewInput

    query = (
        select(
            Review.id,
            Expert.expert_code,
            Submission.submission_id,
            Submission.category_key,
            Review.confidence,
            Review.conflict_declared,
            Review.abstained,
        )
        .join(Expert, Expert.id == Review.expert_pk)
        .join(Submission, Submission.id == Review.submission_pk)
        .where(Review.round == round_)
    )
    reviews = session.execute(query).all()
    scores: dict[int, dict[str, int | None]] = {}
    wanted = [row.id for row in reviews]
    for start in range(0, len(wanted), 20_000):  # bounded IN lists for any database
        chunk = wanted[start : start + 20_000]
        for review_pk, key, value in session.execute(
            select(Score.review_pk, Score.criterion_key, Score.value).where(
                Score.review_pk.in_(chunk)
            )
        ):
            scores.setdefault(review_pk, {})[key] = value
    return [
        ReviewInput(
            expert_id=row.expert_code,
            project_id=row.submission_id,
            category_key=row.category_key,
            scores=scores.get(row.id, {}),
            confidence=row.confidence,
            conflict_declared=row.conflict_declared,
            abstained=row.abstained,
        )
        for row in reviews
    ]


def ineligible_ids(session: Session) -> set[str]:
    """Submissions with an open (not overruled) ineligible finding; ChecksPending while the
    checks of an import are owed (the findings would be those of the set before it)."""
    require_checks_current(session)
    return set(
        session.scalars(
            select(Submission.submission_id)
            .join(RuleFinding, RuleFinding.submission_pk == Submission.id)
            .where(RuleFinding.severity == "ineligible", RuleFinding.overruled_at.is_(None))
        )
    )


def open_freeze(session: Session) -> ListFreeze | None:
    return session.scalars(
        select(ListFreeze)
        .where(ListFreeze.stage == NOMINEE_STAGE, ListFreeze.unfrozen_at.is_(None))
        .order_by(ListFreeze.id.desc())
    ).first()


# ---- open findings: what a list shows beside a project, and what blocks a freeze --------
@dataclass(frozen=True)
class OpenFinding:
    """A rule finding not overruled, as a list shows it beside the project."""

    finding_id: int  # what `panel-app overrule ID` takes
    rule_id: str
    severity: str  # "ineligible" or "warning"
    evidence: str  # the English text
    related_submission_id: str | None  # the other project of a pair

    @property
    def text(self) -> str:
        return f"finding {self.finding_id}, {self.rule_id}: {self.evidence}"


def open_findings(
    session: Session, submission_ids: Collection[str] | None = None
) -> dict[str, tuple[OpenFinding, ...]]:
    """Submission ID -> its findings not overruled (of `submission_ids`, or of all), by id;
    ChecksPending while the checks of an import are owed."""
    require_checks_current(session)
    related = aliased(Submission)
    query = (
        select(RuleFinding, Submission.submission_id, related.submission_id)
        .join(Submission, Submission.id == RuleFinding.submission_pk)
        .outerjoin(related, related.id == RuleFinding.related_submission_pk)
        .where(RuleFinding.overruled_at.is_(None))
        .order_by(RuleFinding.id)
    )
    wanted = None if submission_ids is None else set(submission_ids)
    found: dict[str, list[OpenFinding]] = {}
    for row, sid, related_sid in session.execute(query):
        if wanted is not None and sid not in wanted:
            continue
        found.setdefault(sid, []).append(
            OpenFinding(row.id, row.rule_id, row.severity, row.evidence, related_sid)
        )
    return {sid: tuple(items) for sid, items in found.items()}


def findings_in_words(findings: dict[str, tuple[OpenFinding, ...]], ids: Collection[str]) -> str:
    """`ids` that have open findings, each with them: what a refusal names."""
    return "; ".join(
        f"{sid} ({', '.join(f.text for f in findings[sid])})" for sid in ids if findings.get(sid)
    )


# ---- the finalists as settled ------------------------------------------------------------
FINALIST_STAGE = "finalist"  # the finalist decisions (the public vote's and the chair's)
VOTES_IMPORTED = "votes.imported"  # the audit entry that holds the last vote audit


@dataclass(frozen=True)
class FinalistTie:
    """Projects tied on votes for a category's last finalist places, and the chair's picks."""

    category_key: str
    tied: tuple[str, ...]  # by the vote audit, most votes first then ID
    open_places: int  # places the tie leaves to the chair
    picked: tuple[str, ...]  # tied projects the chair made finalists
    left_out: tuple[str, ...]  # tied projects the chair decided against

    @property
    def settled(self) -> bool:
        """Every place taken, or no tied project left to take one."""
        undecided = [s for s in self.tied if s not in self.picked and s not in self.left_out]
        return len(self.picked) >= self.open_places or not undecided

    @property
    def undecided(self) -> tuple[str, ...]:
        return tuple(s for s in self.tied if s not in self.picked and s not in self.left_out)


def finalist_ties(session: Session) -> dict[str, FinalistTie]:
    """Category key -> the tie the last vote import found at its last finalist places, with
    the chair's decisions on it so far (settled or not); empty before any vote import."""
    entry = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == VOTES_IMPORTED)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if entry is None or not entry.after:
        return {}
    categories = (entry.after.get("audit") or {}).get("categories") or ()
    ties = [c for c in categories if c.get("tied")]
    if not ties:
        return {}
    outcomes = dict(
        session.execute(
            select(Submission.submission_id, Decision.outcome)
            .join(Decision, Decision.submission_pk == Submission.id)
            .where(Decision.stage == FINALIST_STAGE)
        )
        .tuples()
        .all()
    )
    return {
        str(c["category_key"]): FinalistTie(
            str(c["category_key"]),
            tuple(c["tied"]),
            int(c["open_places"]),
            tuple(s for s in c["tied"] if outcomes.get(s) == "selected"),
            tuple(s for s in c["tied"] if outcomes.get(s) == "not-selected"),
        )
        for c in ties
    }
