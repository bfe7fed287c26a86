"""What one phase hands on to the next, read from the store: a round's reviews, the
submissions an open finding makes ineligible (never while the rule checks are owed after
an import), the frozen nominee list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from panel_app.store.models import (
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
    "NOMINEE_STAGE",
    "ChecksPending",
    "checks_owed",
    "checks_pending",
    "ineligible_ids",
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
