"""The demo workspace's expert panel: experts, conflicts, assignments and reviews, stored.

Until real reviews come back from experts' workbooks, the demo generates a panel for the
workspace's submissions (panel_app.demo.panel) and stores it in the same tables real
reviews will use, marked `origin = "demo"`, so the whole pipeline runs on demo data.
Submissions with an open ineligibility finding are left out, as a real assignment would
leave them out. A workspace that already has experts is left as it is, so running the
demo again changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from panel_app.demo.panel import DemoPanel, DemoReview, ProjectRecord, generate_panel
from panel_app.store.audit import current_actor, record_change
from panel_app.store.database import bulk_insert
from panel_app.store.models import (
    Assignment,
    Conflict,
    Expert,
    Review,
    RuleFinding,
    Score,
    Submission,
    utc_now,
)
from panel_app.workflow.rounds import NOMINATION
from panel_app.workflow.workspace import OpenWorkspace

ORIGIN = "demo"
_TABLES = Expert.metadata.tables


@dataclass(frozen=True)
class PanelResult:
    created: bool  # False: the workspace already had experts and was left alone
    experts: int
    conflicts: int
    assignments: int
    reviews: int
    scores: int
    problems: tuple[str, ...] = ()  # assignment rules the generator could not satisfy


def create_demo_panel(
    workspace: OpenWorkspace,
    *,
    seed: int,
    per_project: int = 3,
    actor: str | None = None,
) -> PanelResult:
    """Generate and store a panel for the workspace's eligible submissions, in one
    transaction; or report the panel already there."""
    actor = actor or current_actor()
    with workspace.transaction() as session:
        experts = session.scalar(select(func.count(Expert.id))) or 0
        if experts:
            return PanelResult(
                created=False,
                experts=experts,
                conflicts=session.scalar(select(func.count(Conflict.id))) or 0,
                assignments=session.scalar(select(func.count(Assignment.id))) or 0,
                reviews=session.scalar(select(func.count(Review.id))) or 0,
                scores=session.scalar(select(func.count(Score.id))) or 0,
            )
        ineligible = select(RuleFinding.submission_pk).where(
            RuleFinding.severity == "ineligible", RuleFinding.overruled_at.is_(None)
        )
        rows = session.execute(
            select(
                Submission.id,
                Submission.submission_id,
                Submission.category_key,
                Submission.organisation,
                Submission.country,
            ).where(Submission.id.not_in(ineligible))
        ).all()
        pk_of = {sid: pk for pk, sid, _, _, _ in rows}
        panel = generate_panel(
            workspace.edition,
            [ProjectRecord(sid, cat, org, country) for _, sid, cat, org, country in rows],
            seed=seed,
            per_project=per_project,
        )
        scores = _store(session, panel, pk_of, len(workspace.edition.nomination_gates))
        result = PanelResult(
            created=True,
            experts=len(panel.experts),
            conflicts=len(panel.conflicts),
            assignments=len(panel.assignments),
            reviews=len(panel.reviews),
            scores=scores,
            problems=tuple(
                f"{p.category_key}"
                + (f" {p.submission_id}" if p.submission_id else "")
                + f": {p.message}"
                for p in panel.problems
            ),
        )
        record_change(
            session,
            actor=actor,
            action="panel.demo-created",
            entity="expert",
            entity_id="demo",
            after={
                "seed": seed,
                "per_project": per_project,
                "round": NOMINATION,
                **_counts(result),
            },
            note=f"demo panel of {result.experts} experts with {result.reviews} reviews",
        )
    return result


def _counts(result: PanelResult) -> dict[str, int]:
    return {
        "experts": result.experts,
        "conflicts": result.conflicts,
        "assignments": result.assignments,
        "reviews": result.reviews,
        "scores": result.scores,
    }


# The nomination gates in the demo: a few projects weak at a gate, which most of their
# experts then answer "no" (the chair's list shows them); every other answer "yes", but a
# rare slip. Drawn from a stream of their own: the panel's scores stay as they were.
GATE_WEAK = 0.03
GATE_NO_IF_WEAK = 0.8
GATE_SLIP = 0.02


def demo_gates(panel: DemoPanel, review: DemoReview, gates: int) -> list[bool | None] | None:
    """A demo review's answers to the edition's gates (None: a conflict or abstention)."""
    if gates <= 0 or review.conflict_declared or review.abstained:
        return None
    stream = f"wsis-demo-gates:{panel.edition_key}:{panel.seed}:{review.submission_id}"
    project = random.Random(stream)
    weak = [project.random() < GATE_WEAK for _ in range(gates)]
    expert = random.Random(f"{stream}:{review.expert_code}")
    return [expert.random() >= (GATE_NO_IF_WEAK if weak[g] else GATE_SLIP) for g in range(gates)]


def _store(session: Any, panel: DemoPanel, pk_of: dict[str, int], gates: int = 0) -> int:
    """Write the panel; returns the number of scores. Experts and conflicts (a hundred or
    so) go through the ORM; the thousands of assignments, reviews and scores in bulk."""
    experts = {
        e.code: Expert(
            expert_code=e.code,
            name=e.name,
            email=e.email,
            organisation=e.organisation,
            country=e.country,
            category_keys=list(e.category_keys),
        )
        for e in panel.experts
    }
    session.add_all(experts.values())
    for c in panel.conflicts:
        experts[c.expert_code].conflicts.append(
            Conflict(
                organisation=c.organisation,
                submission_pk=None if c.submission_id is None else pk_of[c.submission_id],
                reason=c.reason,
            )
        )
    session.flush()
    expert_pk = {code: row.id for code, row in experts.items()}
    now = utc_now()
    bulk_insert(
        session,
        _TABLES["assignment"],
        [
            {
                "expert_pk": expert_pk[a.expert_code],
                "submission_pk": pk_of[a.submission_id],
                "round": NOMINATION,
                "created_at": now,
            }
            for a in panel.assignments
        ],
    )
    bulk_insert(
        session,
        _TABLES["review"],
        [
            {
                "expert_pk": expert_pk[r.expert_code],
                "submission_pk": pk_of[r.submission_id],
                "round": NOMINATION,
                "revision": 1,
                "confidence": r.confidence,
                "comment": r.comment,
                "conflict_declared": r.conflict_declared,
                "abstained": r.abstained,
                "gates": demo_gates(panel, r, gates),
                "origin": ORIGIN,
                "updated_at": now,
            }
            for r in panel.reviews
        ],
    )
    review_pk = {
        (expert, submission): pk
        for pk, expert, submission in session.execute(
            select(Review.id, Review.expert_pk, Review.submission_pk).where(
                Review.round == NOMINATION
            )
        )
    }
    scores: list[dict[str, Any]] = []
    for r in panel.reviews:
        pk = review_pk[expert_pk[r.expert_code], pk_of[r.submission_id]]
        scores += (
            {"review_pk": pk, "criterion_key": key, "value": value}
            for key, value in r.scores.items()
        )
    bulk_insert(session, _TABLES["score"], scores)
    return len(scores)
