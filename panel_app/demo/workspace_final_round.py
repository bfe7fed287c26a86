"""The demo workspace's final round: finalists, assignments and reviews, stored.

Until the public vote's results are imported, the demo takes as finalists the top of each
category's nominee list (the edition's finalists_per_category, by rank), recorded as the
vote intake records them (`Decision` of stage "finalist", outcome "selected") with a
rationale that says where they came from. A workspace that has finalists already keeps
them. Then every expert of a category is assigned every finalist (`assign_final_round`)
and a generated review (panel_app.demo.final_round; most with a comment) is stored for
each assignment, marked `origin = "demo"`. Reviews already there are kept, so running it
again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from panel_app.demo.final_round import final_round_comments, final_round_scores
from panel_app.scoring.model import MICRO
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import Assignment, Decision, Expert, Review, Score, Submission
from panel_app.workflow.final.final_round import FINALIST, SELECTED, final_criteria
from panel_app.workflow.nomination.nominees import STATUS_ADDED, STATUS_NOMINEE, nomination_report
from panel_app.workflow.panel.assignment import assign_final_round
from panel_app.workflow.rounds import FINAL
from panel_app.workflow.workspace import OpenWorkspace

ORIGIN = "demo"
FROM_NOMINEES = "demo: rank {rank} of the nominee list (no public vote imported)"


@dataclass(frozen=True)
class DemoFinalResult:
    finalists_made: int  # 0: the workspace had finalists already
    assignments_added: int
    reviews_added: int
    left_out: tuple[str, ...]  # experts left out for a conflict, with the reason


def finalists_from_nominees(workspace: OpenWorkspace, *, actor: str | None = None) -> int:
    """Make the top nominees of each category finalists, unless finalists exist already;
    returns how many were made."""
    actor = actor or current_actor()
    with workspace.sessions() as session:
        if session.scalars(select(Decision.id).where(Decision.stage == FINALIST)).first():
            return 0
    quota = workspace.edition.quotas.finalists_per_category
    report = nomination_report(workspace)
    chosen: list[tuple[str, int]] = []
    for result in report.results:
        entries = [  # an edition with no fixed count: the chair's additions are the list
            e
            for e in report.entries_of(result.category_key)
            if e.status in (STATUS_NOMINEE, STATUS_ADDED)
        ]
        chosen += [(e.submission_id, n) for n, e in enumerate(entries[:quota], start=1)]
    with workspace.transaction() as session:
        pk = dict(
            session.execute(
                select(Submission.submission_id, Submission.id).where(
                    Submission.submission_id.in_([sid for sid, _ in chosen])
                )
            )
            .tuples()
            .all()
        )
        category = dict(
            session.execute(select(Submission.id, Submission.category_key)).tuples().all()
        )
        for sid, rank in chosen:
            session.add(
                Decision(
                    submission_pk=pk[sid],
                    category_key=category[pk[sid]],
                    stage=FINALIST,
                    outcome=SELECTED,
                    rationale=FROM_NOMINEES.format(rank=rank),
                    decided_by=actor,
                )
            )
        record_change(
            session,
            actor=actor,
            action="finalists.demo-created",
            entity="decision",
            entity_id="finalist",
            after={"finalists": [sid for sid, _ in chosen], "per_category": quota},
            note="demo finalists from the nominee list",
        )
    return len(chosen)


def create_demo_final_round(
    workspace: OpenWorkspace, *, seed: int = 0, actor: str | None = None
) -> DemoFinalResult:
    """Finalists (if none), every expert on every finalist of their category, reviews."""
    actor = actor or current_actor()
    made = finalists_from_nominees(workspace, actor=actor)
    assigned = assign_final_round(workspace, actor=actor)
    report = nomination_report(workspace)
    quality = {
        row.project_id: row.raw_mean / MICRO
        for result in report.results
        for row in result.rows
        if row.raw_mean is not None
    }
    criteria = final_criteria(workspace.edition)
    with workspace.transaction() as session:
        pairs = session.execute(
            select(Expert.expert_code, Submission.submission_id, Expert.id, Submission.id)
            .join(Assignment, Assignment.expert_pk == Expert.id)
            .join(Submission, Submission.id == Assignment.submission_pk)
            .where(Assignment.round == FINAL)
        ).all()
        done = set(
            session.execute(
                select(Review.expert_pk, Review.submission_pk).where(Review.round == FINAL)
            ).tuples()
        )
        todo = [p for p in pairs if (p[2], p[3]) not in done]
        sheets = final_round_scores(criteria, [(p[0], p[1]) for p in todo], quality, seed)
        comments = final_round_comments(criteria, sheets, seed)
        for code, sid, expert_pk, submission_pk in todo:
            review = Review(
                expert_pk=expert_pk,
                submission_pk=submission_pk,
                round=FINAL,
                revision=1,
                confidence="high",
                comment=comments.get((code, sid), ""),
                origin=ORIGIN,
            )
            review.scores = [
                Score(criterion_key=key, value=value) for key, value in sheets[code, sid].items()
            ]
            session.add(review)
        if todo:
            record_change(
                session,
                actor=actor,
                action="panel.demo-final-round",
                entity="review",
                entity_id="final",
                after={"seed": seed, "reviews": len(todo)},
                note=f"{len(todo)} demo final-round reviews",
            )
    return DemoFinalResult(
        made,
        assigned.added,
        len(todo),
        tuple(p.describe() for p in assigned.problems),
    )
