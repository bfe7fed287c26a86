"""The expert's scoring desk without a window: projects, scores, conflicts, where they left off."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from panel_app.store.models import AuditEntry, Review, Score
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.review.desk import (
    CONFLICT,
    PARTIAL,
    SCORED,
    UNSCORED,
    DeskRefused,
    ScoringDesk,
    choose_expert,
    next_unfinished,
    progress,
)
from panel_app.workflow.workspace import OpenWorkspace, locate_workspace, open_workspace

from .conftest import assign_projects, submission_row, write_workbook

IDS = ["1", "2", "3", "10"]


@pytest.fixture
def desk(workspace: OpenWorkspace, tmp_path: Path) -> ScoringDesk:
    rows = [
        submission_row(1),
        submission_row(2, Category="C7 E-agriculture"),
        submission_row(3),
        submission_row(10),
        submission_row(11),  # another expert's
    ]
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows))
    assign_projects(workspace, "E001", IDS)
    assign_projects(workspace, "E002", ["11"])
    return ScoringDesk(workspace, "E001")


def _criteria(desk: ScoringDesk) -> list[str]:
    return [c.key for c in desk.criteria]


def test_the_desk_lists_the_experts_projects_per_category(desk: ScoringDesk) -> None:
    projects = desk.projects()
    assert [p.submission_id for p in projects] == IDS  # as a person reads IDs
    assert {p.state for p in projects} == {UNSCORED}
    assert [(c.key, c.assigned, c.done) for c in desk.categories(projects)] == [
        ("C7-ehealth", 3, 0),
        ("C7-eagriculture", 1, 0),
    ]
    assert progress(projects) == (0, 4)
    assert desk.review("1").scores == dict.fromkeys(_criteria(desk))


def test_scores_are_committed_one_by_one_and_audited(desk: ScoringDesk) -> None:
    keys = _criteria(desk)
    desk.set_score("2", keys[0], 4)
    assert desk.project("2").state == PARTIAL
    for key in keys:
        desk.set_score("2", key, 5)
    desk.set_score("2", keys[1], 5)  # unchanged: no second entry
    assert desk.project("2").state == SCORED
    assert desk.review("2").scores == dict.fromkeys(keys, 5)
    assert [(c.key, c.done) for c in desk.categories()] == [
        ("C7-ehealth", 0),
        ("C7-eagriculture", 1),
    ]
    with desk.workspace.sessions() as session:
        review = session.scalars(select(Review)).one()
        assert (review.origin, review.round) == ("app", "nomination")
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "review.scored")
        ).all()
    assert len(entries) == len(keys) + 1
    assert entries[0].entity_id == "E001/2/nomination"
    assert (entries[0].before, entries[0].after) == (
        {"criterion": keys[0], "value": None},
        {"criterion": keys[0], "value": 4},
    )
    assert entries[0].actor.startswith("E001")


def test_a_score_off_the_scale_or_a_project_not_assigned_is_refused(desk: ScoringDesk) -> None:
    key = _criteria(desk)[0]
    with pytest.raises(DeskRefused, match=r"6 is off the scale .* expected 1 to 5"):
        desk.set_score("1", key, 6)
    with pytest.raises(DeskRefused, match="project 11 is not assigned to E001"):
        desk.set_score("11", key, 3)
    with pytest.raises(DeskRefused, match="no criterion 'beauty'"):
        desk.set_score("1", "beauty", 3)
    with pytest.raises(DeskRefused, match="confidence 'total'"):
        desk.set_confidence("1", "total")
    with desk.workspace.sessions() as session:
        assert session.scalar(select(func.count(Review.id))) == 0  # nothing half-written


def test_blanking_a_score_keeps_the_criterion_as_null(desk: ScoringDesk) -> None:
    key = _criteria(desk)[0]
    desk.set_score("1", key, 3)
    desk.set_score("1", key, None)
    assert desk.project("1").state == UNSCORED
    with desk.workspace.sessions() as session:
        values = session.scalars(select(Score.value)).all()
    assert len(values) == len(_criteria(desk)) and set(values) == {None}


def test_a_conflict_clears_and_locks_the_scores(desk: ScoringDesk) -> None:
    keys = _criteria(desk)
    desk.set_score("3", keys[0], 2)
    desk.set_comment("3", "Strong local partners.")
    desk.set_confidence("3", "low")
    review = desk.declare_conflict("3")
    assert review.conflict_declared and set(review.scores.values()) == {None}
    assert desk.project("3").state == CONFLICT and desk.project("3").done
    with pytest.raises(DeskRefused, match="conflict of interest is declared"):
        desk.set_score("3", keys[0], 4)
    withdrawn = desk.declare_conflict("3", declared=False)
    assert not withdrawn.conflict_declared
    assert desk.set_score("3", keys[0], 4).scores[keys[0]] == 4
    assert desk.review("3").comment == "Strong local partners."
    with desk.workspace.sessions() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "review")
        ).all()
    assert "review.conflict_declared" in actions and "review.conflict_withdrawn" in actions


def test_next_and_previous_unfinished_skip_done_projects_and_wrap(desk: ScoringDesk) -> None:
    for key in _criteria(desk):
        desk.set_score("2", key, 3)
    desk.declare_conflict("3")
    projects = desk.projects()
    assert next_unfinished(projects, "1").submission_id == "10"  # type: ignore[union-attr]
    assert next_unfinished(projects, "10").submission_id == "1"  # type: ignore[union-attr]
    assert next_unfinished(projects, "1", -1).submission_id == "10"  # type: ignore[union-attr]
    assert next_unfinished(projects, None).submission_id == "1"  # type: ignore[union-attr]
    desk.declare_conflict("1")
    assert next_unfinished(desk.projects(), "10") is None


def test_reopening_returns_to_the_project_changed_last(desk: ScoringDesk) -> None:
    assert desk.resume_at() == "1"  # nothing yet: the first one not done
    desk.set_score("10", _criteria(desk)[0], 2)
    desk.set_comment("3", "to reread")
    assert ScoringDesk(desk.workspace, "E001").resume_at() == "3"


def test_the_expert_is_named_or_the_only_one(desk: ScoringDesk) -> None:
    workspace = desk.workspace
    assert choose_expert(workspace, "e002").code == "E002"
    with pytest.raises(DeskRefused, match="2 experts' assignments; name one with --expert"):
        choose_expert(workspace, None)
    with pytest.raises(DeskRefused, match="no expert 'E404'"):
        choose_expert(workspace, "E404")


CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from panel_app.workflow.review.desk import ScoringDesk
    from panel_app.workflow.workspace import locate_workspace, open_workspace

    ws = open_workspace(locate_workspace(Path(sys.argv[1])))
    desk = ScoringDesk(ws, "E001")
    keys = [c.key for c in desk.criteria]
    round_no = 0
    while True:  # score forever, round after round (each changing every value), until killed
        round_no += 1
        for project in desk.projects():
            for i, key in enumerate(keys):
                value = 1 + (i + round_no) % 5
                desk.set_score(project.submission_id, key, value)
                print(project.submission_id, key, value, flush=True)
    """
)


def test_a_process_killed_mid_session_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    with open_workspace(locate_workspace(path), create=True, edition_key="wsis-2020") as ws:
        rows = [submission_row(i) for i in range(1, 6)]
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", rows))
        assign_projects(ws, "E001", [str(i) for i in range(1, 6)])
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PANEL_APP_ACTOR": "test"},
    )
    assert child.stdout is not None
    committed: dict[tuple[str, str], int] = {}
    for lines, line in enumerate(child.stdout, start=1):  # committed before it was printed
        sid, key, value = line.split()
        committed[sid, key] = int(value)
        if lines == 40:  # mid-project, mid-session
            break
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate()
    for line in rest.splitlines():
        sid, key, value = line.split()
        committed[sid, key] = int(value)
    assert child.returncode == -signal.SIGKILL
    last_printed = sid

    with open_workspace(locate_workspace(path)) as ws:
        desk = ScoringDesk(ws, "E001")
        # at most the one change in flight (committed, not yet printed) differs
        changed = [k for k, v in committed.items() if desk.review(k[0]).scores[k[1]] != v]
        assert len(changed) <= 1
        order = [p.submission_id for p in desk.projects()]
        # the project being scored when killed (or the next one, if the kill fell between
        # the commit of its first score and the print)
        assert desk.resume_at() in (
            last_printed,
            order[(order.index(last_printed) + 1) % len(order)],
        )
