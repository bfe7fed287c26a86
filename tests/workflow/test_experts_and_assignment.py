"""Importing the expert list and assigning experts, on every database the run has."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from panel_app.organisations import organisation_key
from panel_app.problems import InputRefused
from panel_app.store.models import (
    Assignment,
    AuditEntry,
    Conflict,
    Decision,
    Expert,
    ImportBatch,
    Review,
    RuleFinding,
    Submission,
)
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.panel.assignment import (
    AssignmentRefused,
    add_assignment,
    assign_experts,
    remove_assignment,
)
from panel_app.workflow.panel.experts import import_experts
from panel_app.workflow.workspace import OpenWorkspace
from tests.formats.test_experts import HEADERS, expert, write_xlsx
from tests.workflow.conftest import submission_row
from tests.workflow.conftest import write_workbook as write_submissions

pytestmark = pytest.mark.postgresql

HEALTH, LEARNING = "C7 E-health", "C7 E-learning"


def submissions(ws: OpenWorkspace, tmp_path: Path, count: int = 40) -> None:
    """`count` submissions, half e-health, half e-learning; organisations Org 0..9."""
    rows = [
        submission_row(
            1001 + i,
            Category=HEALTH if i % 2 == 0 else LEARNING,
            Organisation=f"Org {i % 10} Ltd.",
        )
        for i in range(count)
    ]
    import_submissions(ws, write_submissions(tmp_path / "set.xlsx", rows), actor="chair")
    run_checks(ws, actor="chair")  # as every import is followed


def panel_rows() -> list[dict[str, Any]]:
    """Six e-health experts, five e-learning ones, one in both; a few conflicts."""
    rows = [expert(f"E{i}", Categories="C7-ehealth", Organisation=f"Uni {i}") for i in range(6)]
    rows += [expert(f"L{i}", Categories="C7-elearning", Organisation=f"Uni L{i}") for i in range(5)]
    rows.append(expert("B1", Categories="C7-ehealth; C7-elearning", Organisation="ORG 0 LIMITED"))
    rows[0]["Conflicts: organisations"] = "org 2 ltd"
    rows[1]["Conflicts: submission IDs"] = "1001; 1003"
    return rows


def count(ws: OpenWorkspace, model: Any) -> int:
    with ws.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def audit(ws: OpenWorkspace, action: str) -> list[AuditEntry]:
    with ws.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# -- experts import --------------------------------------------------------------------------


def test_import_stores_experts_and_conflicts_and_again_changes_nothing(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    submissions(workspace, tmp_path)
    path = write_xlsx(tmp_path / "experts.xlsx", panel_rows())
    result = import_experts(workspace, path, actor="chair")
    assert (result.experts_read, result.added, result.updated, result.conflicts) == (12, 12, 0, 3)
    with workspace.sessions() as session:
        e1 = session.scalars(select(Expert).where(Expert.expert_code == "E1")).one()
        assert e1.email == "e1@example.org" and e1.category_keys == ["C7-ehealth"]
        sids = session.scalars(
            select(Submission.submission_id)
            .join(Conflict, Conflict.submission_pk == Submission.id)
            .where(Conflict.expert_pk == e1.id)
        ).all()
        assert sorted(sids) == ["1001", "1003"]
    assert len(audit(workspace, "expert.added")) == 12
    assert count(workspace, ImportBatch) == 2  # the submissions' and the experts'

    again = import_experts(workspace, path, actor="chair")
    assert (again.added, again.updated, again.unchanged, again.changed_anything) == (
        0,
        0,
        12,
        False,
    )
    assert count(workspace, ImportBatch) == 2
    assert len(audit(workspace, "experts.imported")) == 1


def test_a_corrected_list_updates_what_changed_with_before_and_after(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    submissions(workspace, tmp_path)
    import_experts(workspace, write_xlsx(tmp_path / "a.xlsx", panel_rows()), actor="chair")
    rows = panel_rows()
    rows[2]["E-mail"] = "new.address@example.org"
    rows[1]["Conflicts: submission IDs"] = "1003"  # 1001 withdrawn
    del rows[5]  # E5 left out: kept
    result = import_experts(workspace, write_xlsx(tmp_path / "b.xlsx", rows), actor="chair")
    assert (result.updated, result.unchanged, result.not_in_file) == (2, 9, 1)
    assert {c.expert_id: c.fields for c in result.changes} == {
        "E1": ("conflicts",),
        "E2": ("email",),
    }
    entries = {e.entity_id: e for e in audit(workspace, "expert.updated")}
    assert entries["E2"].before == {"email": "e2@example.org"}
    assert entries["E2"].after == {"email": "new.address@example.org"}
    assert entries["E1"].before == {
        "conflicts": {"organisations": [], "submissions": ["1001", "1003"]}
    }
    assert entries["E1"].after == {"conflicts": {"organisations": [], "submissions": ["1003"]}}
    assert count(workspace, Expert) == 12
    assert count(workspace, Conflict) == 2


def _languages(ws: OpenWorkspace) -> dict[str, str | None]:
    with ws.sessions() as session:
        return dict(session.execute(select(Expert.expert_code, Expert.language)).tuples().all())


def test_the_language_column_is_stored_updated_on_reimport_and_kept_without_it(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    """Each expert's workbook language comes from the list (a code or a name, in English
    or in itself); a corrected list changes it, audited; a list without the column leaves
    it; a value the app does not speak refuses the list, located, nothing stored."""
    submissions(workspace, tmp_path)
    rows = panel_rows()
    rows[0]["Language"], rows[1]["Language"], rows[2]["Language"] = "fr", "العربية", "中文"
    result = import_experts(workspace, write_xlsx(tmp_path / "a.xlsx", rows), actor="chair")
    assert result.added == 12
    languages = _languages(workspace)
    assert (languages["E0"], languages["E1"], languages["E2"], languages["E3"]) == (
        "fr",
        "ar",
        "zh_CN",
        None,
    )
    added = {e.entity_id: e.after for e in audit(workspace, "expert.added")}
    assert added["E0"]["language"] == "fr" and added["E3"]["language"] is None

    rows[0]["Language"], rows[3]["Language"] = "Spanish", "Русский"
    result = import_experts(workspace, write_xlsx(tmp_path / "b.xlsx", rows), actor="chair")
    assert {c.expert_id: c.fields for c in result.changes} == {
        "E0": ("language",),
        "E3": ("language",),
    }
    entries = {e.entity_id: e for e in audit(workspace, "expert.updated")}
    assert (entries["E0"].before, entries["E0"].after) == ({"language": "fr"}, {"language": "es"})
    assert (entries["E3"].before, entries["E3"].after) == ({"language": None}, {"language": "ru"})

    without = [h for h in HEADERS if h != "Language"]
    result = import_experts(
        workspace, write_xlsx(tmp_path / "c.xlsx", rows, without), actor="chair"
    )
    assert result.updated == 0 and _languages(workspace)["E0"] == "es"

    rows[4]["Language"] = "Klingon"
    with pytest.raises(InputRefused) as refused:
        import_experts(workspace, write_xlsx(tmp_path / "d.xlsx", rows), actor="chair")
    (problem,) = refused.value.problems
    assert (problem.code, problem.row, problem.column, problem.value) == (
        "experts.language_unknown",
        6,
        "Language",
        "Klingon",
    )
    assert problem.describe().startswith(
        "d.xlsx, sheet 'Experts', row 6, column 'Language': 'Klingon' is not one of the "
        "app's languages"
    )
    assert _languages(workspace)["E4"] is None


def test_a_conflict_with_an_unknown_submission_refuses_the_whole_list(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    submissions(workspace, tmp_path)
    rows = panel_rows()
    rows[3]["Conflicts: submission IDs"] = "1002; 9999"
    with pytest.raises(InputRefused) as refused:
        import_experts(workspace, write_xlsx(tmp_path / "e.xlsx", rows), actor="chair")
    (problem,) = refused.value.problems
    assert problem.describe() == (
        "e.xlsx, sheet 'Experts', row 5, column 'Conflicts: submission IDs': "
        "The submission 9999 is not in the workspace (found '9999'); "
        "expected the ID of an imported submission"
    )
    assert count(workspace, Expert) == 0


# -- assign ----------------------------------------------------------------------------------


def _pairs(ws: OpenWorkspace, round_: str = "nomination") -> list[tuple[str, str]]:
    with ws.sessions() as session:
        return sorted(
            session.execute(
                select(Expert.expert_code, Submission.submission_id)
                .join(Assignment, Assignment.expert_pk == Expert.id)
                .join(Submission, Submission.id == Assignment.submission_pk)
                .where(Assignment.round == round_)
            ).tuples()
        )


@pytest.fixture
def panel_ws(workspace: OpenWorkspace, tmp_path: Path) -> OpenWorkspace:
    submissions(workspace, tmp_path)
    import_experts(workspace, write_xlsx(tmp_path / "e.xlsx", panel_rows()), actor="chair")
    return workspace


def test_assign_gives_k_balanced_conflict_free_connected_experts(panel_ws: OpenWorkspace) -> None:
    result = assign_experts(panel_ws, per_project=3, seed=7, actor="chair")
    assert (result.projects, result.added, result.kept, result.problems) == (40, 120, 0, ())
    pairs = _pairs(panel_ws)
    with panel_ws.sessions() as session:
        category = dict(
            session.execute(select(Submission.submission_id, Submission.category_key))
            .tuples()
            .all()
        )
        organisation = dict(
            session.execute(select(Submission.submission_id, Submission.organisation))
            .tuples()
            .all()
        )
        experts = {e.expert_code: e for e in session.scalars(select(Expert))}
    per_project = Counter(sid for _, sid in pairs)
    assert set(per_project.values()) == {3}
    loads: dict[str, Counter[str]] = defaultdict(Counter)
    for code, sid in pairs:
        assert category[sid] in experts[code].category_keys
        loads[category[sid]][code] += 1
    for pool in loads.values():
        assert max(pool.values()) - min(pool.values()) <= 1
    # Declared and implicit conflicts, organisations compared loosely.
    assert not any(c == "E0" and organisation[s] == "Org 2 Ltd." for c, s in pairs)
    assert ("E1", "1001") not in pairs and ("E1", "1003") not in pairs
    assert not any(
        c == "B1" and organisation_key(organisation[s]) == organisation_key("Org 0 Ltd.")
        for c, s in pairs
    )
    (entry,) = audit(panel_ws, "assignment.planned")
    assert entry.after is not None and len(entry.after["added"]) == 120


def test_assign_is_deterministic_for_a_seed_and_a_rerun_keeps_everything(
    panel_ws: OpenWorkspace,
) -> None:
    assign_experts(panel_ws, per_project=2, seed=1, actor="chair")
    first = _pairs(panel_ws)
    again = assign_experts(panel_ws, per_project=2, seed=99, actor="chair")
    assert (again.added, again.kept) == (0, 80)
    assert _pairs(panel_ws) == first
    more = assign_experts(panel_ws, per_project=3, seed=1, actor="chair")
    assert (more.added, more.kept) == (40, 80)
    assert set(first) <= set(_pairs(panel_ws))
    assert len(audit(panel_ws, "assignment.planned")) == 2  # the rerun wrote nothing


def test_same_seed_same_plan_in_another_workspace(
    panel_ws: OpenWorkspace, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from panel_app.workflow.workspace import locate_workspace, open_workspace

    assign_experts(panel_ws, per_project=3, seed=5, actor="chair")
    folder = tmp_path_factory.mktemp("other")
    with open_workspace(
        locate_workspace(folder / "ws.sqlite"), create=True, edition_key="wsis-2020"
    ) as other:
        submissions(other, folder)
        import_experts(other, write_xlsx(folder / "e.xlsx", panel_rows()), actor="x")
        assign_experts(other, per_project=3, seed=5, actor="x")
        assert _pairs(other) == _pairs(panel_ws)


def test_what_cannot_be_satisfied_is_reported(panel_ws: OpenWorkspace) -> None:
    result = assign_experts(panel_ws, per_project=7, actor="chair")
    # E-learning has 6 experts (L0-L4 and B1): every project is one short.
    short = [p for p in result.problems if p.category_key == "C7-elearning"]
    assert len(short) == 20
    assert short[0].message == "6 of 7 experts assigned: the category has 6 experts"
    # E-health has 7; E1 declared 1001, and 1001 is from B1's organisation.
    health = {p.submission_id: p.message for p in result.problems if p.category_key == "C7-ehealth"}
    assert (
        health["1001"]
        == "5 of 7 experts assigned: 2 of the category's 7 experts have a conflict with it"
    )


def test_ineligible_projects_are_left_out_unless_overruled(panel_ws: OpenWorkspace) -> None:
    with panel_ws.transaction() as session:
        pk = session.scalars(select(Submission.id).where(Submission.submission_id == "1002")).one()
        session.add(
            RuleFinding(
                rule_id="late", severity="ineligible", submission_pk=pk, template="x", evidence="x"
            )
        )
    result = assign_experts(panel_ws, per_project=2, actor="chair")
    assert result.projects == 39
    assert "1002" not in {sid for _, sid in _pairs(panel_ws)}


def test_the_final_round_needs_finalists(panel_ws: OpenWorkspace) -> None:
    with pytest.raises(AssignmentRefused, match="no finalists have been selected yet"):
        assign_experts(panel_ws, per_project=2, round_="final", actor="chair")
    with panel_ws.transaction() as session:
        for sid in ("1001", "1002"):
            pk = session.scalars(select(Submission.id).where(Submission.submission_id == sid)).one()
            session.add(
                Decision(
                    submission_pk=pk,
                    category_key="x",
                    stage="finalist",
                    outcome="selected",
                    decided_by="chair",
                )
            )
    result = assign_experts(panel_ws, per_project=2, round_="final", actor="chair")
    assert result.projects == 2
    assert _pairs(panel_ws) == []  # the nomination round untouched
    # The final round ignores K: every expert of the category, but one with a conflict
    # (left out, with the reason).
    with panel_ws.sessions() as session:
        final = set(
            session.execute(
                select(Expert.expert_code, Submission.submission_id)
                .join(Assignment, Assignment.expert_pk == Expert.id)
                .join(Submission, Submission.id == Assignment.submission_pk)
                .where(Assignment.round == "final")
            ).tuples()
        )
        category = dict(
            session.execute(select(Submission.submission_id, Submission.category_key))
            .tuples()
            .all()
        )
        pools = {
            sid: {
                e.expert_code
                for e in session.scalars(select(Expert))
                if category[sid] in e.category_keys
            }
            for sid in ("1001", "1002")
        }
    left_out = {(p.describe().split(": ")[1].split()[0], p.submission_id) for p in result.problems}
    assert final | left_out == {(code, sid) for sid, pool in pools.items() for code in pool}
    assert not final & left_out and result.added == len(final)
    assert all("left out" in p.message for p in result.problems)


def test_no_experts_is_refused(workspace: OpenWorkspace, tmp_path: Path) -> None:
    submissions(workspace, tmp_path, 4)
    with pytest.raises(AssignmentRefused, match="no experts yet"):
        assign_experts(workspace, per_project=3, actor="chair")


# -- manual changes --------------------------------------------------------------------------


def test_manual_add_and_remove_are_audited_and_refused_when_they_break_a_rule(
    panel_ws: OpenWorkspace,
) -> None:
    change = add_assignment(panel_ws, "E2", "1001", reason="needs a clinician", actor="chair")
    assert change.warnings == ()
    (entry,) = audit(panel_ws, "assignment.added")
    assert (entry.entity_id, entry.note, entry.actor) == ("E2:1001", "needs a clinician", "chair")
    # An expert outside the category: allowed, with a warning.
    change = add_assignment(panel_ws, "L0", "1001", reason="second opinion", actor="chair")
    assert change.warnings == ("L0 does not review C7-ehealth (their categories: C7-elearning)",)
    with pytest.raises(AssignmentRefused, match="declared a conflict with this submission"):
        add_assignment(panel_ws, "E1", "1001", reason="x", actor="chair")
    with pytest.raises(AssignmentRefused, match="declared a conflict with org 2 ltd"):
        add_assignment(panel_ws, "E0", "1003", reason="x", actor="chair")
    with pytest.raises(AssignmentRefused, match="is the expert's own organisation"):
        add_assignment(panel_ws, "B1", "1011", reason="x", actor="chair")
    with pytest.raises(AssignmentRefused, match="already assigned"):
        add_assignment(panel_ws, "E2", "1001", reason="x", actor="chair")
    with pytest.raises(AssignmentRefused, match="a reason is required"):
        add_assignment(panel_ws, "E3", "1001", reason="  ", actor="chair")
    with pytest.raises(AssignmentRefused, match="no expert 'E99'"):
        add_assignment(panel_ws, "E99", "1001", reason="x", actor="chair")

    remove_assignment(panel_ws, "L0", "1001", reason="not needed", actor="chair")
    (entry,) = audit(panel_ws, "assignment.removed")
    assert entry.before == {"expert": "L0", "submission": "1001", "round": "nomination"}
    assert _pairs(panel_ws) == [("E2", "1001")]
    with pytest.raises(AssignmentRefused, match="is not assigned"):
        remove_assignment(panel_ws, "L0", "1001", reason="x", actor="chair")
    # Once a review is back, the assignment stays.
    with panel_ws.transaction() as session:
        expert_pk = session.scalars(select(Expert.id).where(Expert.expert_code == "E2")).one()
        pk = session.scalars(select(Submission.id).where(Submission.submission_id == "1001")).one()
        session.add(Review(expert_pk=expert_pk, submission_pk=pk, round="nomination"))
    with pytest.raises(AssignmentRefused, match="already returned a review"):
        remove_assignment(panel_ws, "E2", "1001", reason="x", actor="chair")
    # The assign command keeps the manual one and fills the rest.
    result = assign_experts(panel_ws, per_project=3, actor="chair")
    assert result.kept == 1 and ("E2", "1001") in _pairs(panel_ws)
