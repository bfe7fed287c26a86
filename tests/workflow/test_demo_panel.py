"""The demo workspace's expert panel, as stored: what the generator made, nothing lost."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from panel_app.demo.generator import generate_submission_set
from panel_app.demo.panel import ProjectRecord, generate_panel
from panel_app.demo.workspace import create_demo_workspace
from panel_app.demo.workspace_panel import create_demo_panel
from panel_app.formats.submission_set_writer import write_submission_set
from panel_app.store.models import (
    Assignment,
    AuditEntry,
    Conflict,
    Expert,
    Review,
    RuleFinding,
    Score,
    Submission,
)
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.overview import summarise
from panel_app.workflow.workspace import OpenWorkspace, locate_workspace


@pytest.fixture
def demo_workspace(workspace: OpenWorkspace, tmp_path: Path) -> OpenWorkspace:
    """A workspace holding a generated set of 240 submissions, checked by the rules."""
    demo = generate_submission_set(workspace.edition, count=240, seed=11)
    path = tmp_path / "set.xlsx"
    write_submission_set(path, demo.columns, demo.rows)
    import_submissions(workspace, path, actor="test")
    run_checks(workspace, actor="test")
    return workspace


def test_the_demo_panel_is_stored_whole(demo_workspace: OpenWorkspace) -> None:
    ws = demo_workspace
    result = create_demo_panel(ws, seed=11, actor="test")
    assert result.created and result.problems == ()
    with ws.sessions() as session:
        ineligible = set(
            session.scalars(
                select(RuleFinding.submission_pk).where(RuleFinding.severity == "ineligible")
            )
        )
        assert ineligible  # the generated set plants some
        submissions = {
            pk: (sid, cat, org, country)
            for pk, sid, cat, org, country in session.execute(
                select(
                    Submission.id,
                    Submission.submission_id,
                    Submission.category_key,
                    Submission.organisation,
                    Submission.country,
                )
            )
        }
        experts = {e.id: e for e in session.scalars(select(Expert))}
        assignments = session.execute(
            select(Assignment.expert_pk, Assignment.submission_pk, Assignment.round)
        ).all()
        reviews = list(session.scalars(select(Review)))
        scores = session.execute(select(Score.review_pk, Score.criterion_key, Score.value)).all()
        conflicts = list(session.scalars(select(Conflict)))
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "panel.demo-created")
        ).one()

    # Every eligible submission has three experts of its category; no ineligible one has any.
    per_submission = Counter(pk for _, pk, _ in assignments)
    eligible = [pk for pk in submissions if pk not in ineligible]
    assert {pk: per_submission[pk] for pk in eligible} == dict.fromkeys(eligible, 3)
    assert not ineligible & set(per_submission)
    assert {r for _, _, r in assignments} == {"nomination"}
    for expert_pk, submission_pk, _ in assignments:
        assert submissions[submission_pk][1] in experts[expert_pk].category_keys
    assert conflicts and all(
        (c.organisation is None) != (c.submission_pk is None) for c in conflicts
    )

    # One review per assignment, each with its scores, exactly as generated.
    assert sorted((r.expert_pk, r.submission_pk) for r in reviews) == sorted(
        (e, s) for e, s, _ in assignments
    )
    assert {(r.origin, r.round, r.revision) for r in reviews} == {("demo", "nomination", 1)}
    records = [
        ProjectRecord(*submissions[pk]) for pk in sorted(submissions) if pk not in ineligible
    ]
    panel = generate_panel(ws.edition, records, seed=11)
    code = {pk: e.expert_code for pk, e in experts.items()}
    stored: dict[int, dict[str, int | None]] = {r.id: {} for r in reviews}
    for review_pk, key, value in scores:
        stored[review_pk][key] = value
    as_stored = {
        (code[r.expert_pk], submissions[r.submission_pk][0]): (
            stored[r.id],
            r.confidence,
            r.comment,
            r.conflict_declared,
            r.abstained,
        )
        for r in reviews
    }
    assert as_stored == {
        (r.expert_code, r.submission_id): (
            r.scores,
            r.confidence,
            r.comment,
            r.conflict_declared,
            r.abstained,
        )
        for r in panel.reviews
    }
    assert len(scores) == result.scores == sum(len(r.scores) for r in panel.reviews)
    assert any(value is None for _, _, value in scores)  # a criterion left blank
    assert audit.actor == "test" and audit.after is not None
    assert audit.after["reviews"] == len(reviews)


def test_a_second_run_leaves_the_panel_alone(demo_workspace: OpenWorkspace) -> None:
    first = create_demo_panel(demo_workspace, seed=11)
    again = create_demo_panel(demo_workspace, seed=12)
    assert not again.created
    assert (again.experts, again.assignments, again.reviews, again.scores) == (
        first.experts,
        first.assignments,
        first.reviews,
        first.scores,
    )
    with demo_workspace.sessions() as session:
        assert session.scalar(select(func.count(Review.id))) == first.reviews


def test_the_summary_counts_the_panel(demo_workspace: OpenWorkspace) -> None:
    result = create_demo_panel(demo_workspace, seed=11)
    summary = summarise(demo_workspace)
    assert summary.experts == result.experts
    assert summary.assignments == result.assignments
    assert summary.reviews == result.reviews
    assert sum(c.assignments for c in summary.categories) == result.assignments
    assert sum(c.reviews for c in summary.categories) == result.reviews
    # Experts in two categories count in both, and once in the total.
    assert sum(c.experts for c in summary.categories) > summary.experts
    for c in summary.categories:
        assert 0 < c.reviews_scored <= c.reviews == c.assignments
        assert c.experts >= 4
    assert 0 < result.reviews - summary.reviews_scored < result.reviews / 20


def test_the_demo_command_makes_the_panel_once(tmp_path: Path) -> None:
    location = locate_workspace(tmp_path / "demo.sqlite")
    first = create_demo_workspace(location, count=120, seed=3)
    assert first.panel is not None and first.panel.created
    assert first.panel.reviews == first.panel.assignments > 0
    again = create_demo_workspace(location, count=120, seed=3)
    assert again.panel is not None and not again.panel.created
    assert again.panel.reviews == first.panel.reviews
