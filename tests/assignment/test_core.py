"""The assignment core: on any panel the rules hold, or what breaks them is reported."""

from __future__ import annotations

import random
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from panel_app.assignment import (
    Plan,
    Project,
    Reviewer,
    plan_assignment,
)
from panel_app.organisations import organisation_key

ORGS = ("Acme Ltd.", "Beta University", "Gamma & Co", "Delta Foundation", "")


def _conflicted(reviewer: Reviewer, project: Project) -> bool:
    key = organisation_key(project.organisation)
    declared = {
        organisation_key(o) for o in (reviewer.organisation, *reviewer.conflict_organisations)
    }
    return (bool(key) and key in declared) or project.submission_id in reviewer.conflict_submissions


def _connected_parts(pairs: list[tuple[str, str]]) -> int:
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for code, sid in pairs:
        parent[find("p" + sid)] = find("e" + code)
    return len({find("p" + sid) for _, sid in pairs})


def check_plan(
    plan: Plan,
    projects: list[Project],
    reviewers: list[Reviewer],
    k: int,
    kept: set[tuple[str, str]] = frozenset(),  # type: ignore[assignment]
) -> None:
    """Every rule holds, or a problem says which one does not and where."""
    by_code = {r.code: r for r in reviewers}
    by_sid = {p.submission_id: p for p in projects}
    reported_projects = {p.submission_id for p in plan.problems if p.submission_id}
    reported_categories: dict[str, str] = defaultdict(str)
    for problem in plan.problems:
        if problem.submission_id is None:
            reported_categories[problem.category_key] += problem.message + "\n"
    assert kept <= set(plan.pairs)
    assert len(set(plan.pairs)) == len(plan.pairs)
    for code, sid in set(plan.pairs) - kept:
        reviewer, project = by_code[code], by_sid[sid]
        assert project.category_key in reviewer.category_keys, (code, sid)
        assert not _conflicted(reviewer, project), (code, sid)
    counts: dict[str, int] = defaultdict(int)
    for _, sid in plan.pairs:
        counts[sid] += 1
    for project in projects:
        if counts[project.submission_id] < k:
            assert project.submission_id in reported_projects
    for category, loads in plan.loads.items():
        if loads and max(loads.values()) - min(loads.values()) > 1:
            assert "loads range" in reported_categories.get(category, "")
        pairs = [(c, s) for c, s in plan.pairs if by_sid[s].category_key == category]
        if pairs and _connected_parts(pairs) > 1:
            assert "separate parts" in reported_categories.get(category, "")
        # Loads are the pool's reviews in this category.
        for code, load in loads.items():
            assert load == sum(1 for c, _ in pairs if c == code)


def panel(
    n_projects: int, n_experts: int, categories: int, seed: int
) -> tuple[list[Project], list[Reviewer]]:
    rng = random.Random(seed)
    keys = [f"C{i}" for i in range(1, categories + 1)]
    projects = [
        Project(str(1000 + i), rng.choice(keys), rng.choice(ORGS)) for i in range(n_projects)
    ]
    reviewers = []
    for i in range(n_experts):
        ids = [p.submission_id for p in projects]
        reviewers.append(
            Reviewer(
                f"E{i:02d}",
                tuple(rng.sample(keys, rng.randint(1, min(2, len(keys))))),
                rng.choice(ORGS),
                tuple(rng.sample(ORGS, rng.randint(0, 1))),
                tuple(rng.sample(ids, min(len(ids), rng.randint(0, 2)))),
            )
        )
    return projects, reviewers


@settings(max_examples=150, deadline=None)
@given(
    n_projects=st.integers(0, 40),
    n_experts=st.integers(0, 14),
    categories=st.integers(1, 3),
    k=st.integers(1, 4),
    seed=st.integers(0, 10_000),
)
def test_on_any_panel_the_rules_hold_or_are_reported(
    n_projects: int, n_experts: int, categories: int, k: int, seed: int
) -> None:
    projects, reviewers = panel(n_projects, n_experts, categories, seed)
    plan = plan_assignment(projects, reviewers, k, random.Random(seed))
    check_plan(plan, projects, reviewers, k)
    # Deterministic for a seed, whatever the order of the input.
    shuffled_p, shuffled_r = list(projects), list(reviewers)
    random.Random(seed + 1).shuffle(shuffled_p)
    random.Random(seed + 2).shuffle(shuffled_r)
    assert plan_assignment(shuffled_p, shuffled_r, k, random.Random(seed)) == plan
    # Running again on the result keeps everything and adds nothing.
    again = plan_assignment(projects, reviewers, k, random.Random(seed + 3), existing=plan.pairs)
    assert again.new == frozenset()
    assert set(again.pairs) == set(plan.pairs)


@settings(max_examples=60, deadline=None)
@given(
    n_projects=st.integers(1, 40),
    n_experts=st.integers(1, 14),
    k=st.integers(1, 3),
    seed=st.integers(0, 10_000),
    share=st.floats(0.0, 1.0),
)
def test_kept_assignments_are_never_moved(
    n_projects: int, n_experts: int, k: int, seed: int, share: float
) -> None:
    projects, reviewers = panel(n_projects, n_experts, 2, seed)
    first = plan_assignment(projects, reviewers, k, random.Random(seed))
    rng = random.Random(seed)
    kept = {pair for pair in first.pairs if rng.random() < share}
    plan = plan_assignment(projects, reviewers, k + 1, random.Random(seed), existing=kept)
    check_plan(plan, projects, reviewers, k + 1, kept)
    assert plan.new == frozenset(set(plan.pairs) - kept)


def test_a_healthy_panel_satisfies_every_rule() -> None:
    projects = [Project(str(i), "C1" if i % 3 else "C2", f"Org {i}") for i in range(1, 301)]
    reviewers = [
        Reviewer(f"E{i:03d}", ("C1",) if i < 14 else ("C2",), f"Uni {i}") for i in range(20)
    ]
    plan = plan_assignment(projects, reviewers, 3, random.Random(1))
    assert plan.problems == ()
    assert len(plan.pairs) == 900
    for loads in plan.loads.values():
        assert max(loads.values()) - min(loads.values()) <= 1
    check_plan(plan, projects, reviewers, 3)


def test_a_category_with_fewer_than_k_experts_is_reported_per_project() -> None:
    projects = [Project("1", "C1", "A"), Project("2", "C1", "B")]
    reviewers = [Reviewer("E1", ("C1",)), Reviewer("E2", ("C1",))]
    plan = plan_assignment(projects, reviewers, 3, random.Random(0))
    assert [p.describe() for p in plan.problems] == [
        "C1 1: 2 of 3 experts assigned: the category has 2 experts",
        "C1 2: 2 of 3 experts assigned: the category has 2 experts",
    ]
    assert set(plan.pairs) == {("E1", "1"), ("E2", "1"), ("E1", "2"), ("E2", "2")}


def test_conflicts_declared_loosely_own_organisation_and_submission_are_never_assigned() -> None:
    projects = [
        Project("1", "C1", "Acme Ltd."),
        Project("2", "C1", "The Beta University"),
        Project("3", "C1", "Gamma"),
    ]
    reviewers = [
        Reviewer("E1", ("C1",), conflict_organisations=("ACME LIMITED ",)),
        Reviewer("E2", ("C1",), organisation="beta university"),
        Reviewer("E3", ("C1",), conflict_submissions=("3",)),
        Reviewer("E4", ("C1",)),
    ]
    plan = plan_assignment(projects, reviewers, 3, random.Random(0))
    assert set(plan.experts_of("1")) == {"E2", "E3", "E4"}
    assert set(plan.experts_of("2")) == {"E1", "E3", "E4"}
    assert set(plan.experts_of("3")) == {"E1", "E2", "E4"}
    assert plan.problems == ()


def test_every_expert_conflicted_is_reported_with_the_reason() -> None:
    projects = [Project("1", "C1", "Acme")]
    reviewers = [Reviewer(f"E{i}", ("C1",), "Acme") for i in range(4)]
    plan = plan_assignment(projects, reviewers, 2, random.Random(0))
    assert plan.pairs == ()
    assert [p.message for p in plan.problems] == [
        "0 of 2 experts assigned: 4 of the category's 4 experts have a conflict with it"
    ]


def test_an_unnamed_organisation_is_no_conflict() -> None:
    plan = plan_assignment(
        [Project("1", "C1", "")], [Reviewer("E1", ("C1",), "-")], 1, random.Random(0)
    )
    assert plan.pairs == (("E1", "1"),)


def test_experts_review_only_their_categories() -> None:
    projects = [Project(str(i), "C1" if i < 5 else "C2", "") for i in range(10)]
    reviewers = [Reviewer("E1", ("C1",)), Reviewer("E2", ("C2",)), Reviewer("E3", ("C1", "C2"))]
    plan = plan_assignment(projects, reviewers, 2, random.Random(0))
    for code, sid in plan.pairs:
        assert (code, int(sid) < 5) in {("E1", True), ("E2", False), ("E3", True), ("E3", False)}
    assert plan.loads["C1"] == {"E1": 5, "E3": 5}


def test_a_graph_that_would_fall_apart_is_joined() -> None:
    # Two experts on two projects each, K = 1: greedy alone makes two parts; the swap
    # cannot join them (K = 1 keeps every project with one expert), so it is reported.
    projects = [Project(str(i), "C1", "") for i in range(4)]
    reviewers = [Reviewer("E1", ("C1",)), Reviewer("E2", ("C1",))]
    plan = plan_assignment(projects, reviewers, 1, random.Random(0))
    assert [p.message for p in plan.problems] == [
        "the expert-project graph has 2 separate parts: calibration cannot compare them"
    ]
    # With K = 2 every project has both experts: one part.
    plan = plan_assignment(projects, reviewers, 2, random.Random(0))
    assert plan.problems == ()


def test_kept_assignments_that_break_a_rule_are_reported_not_removed() -> None:
    projects = [Project("1", "C1", "Acme"), Project("2", "C1", "Beta")]
    reviewers = [Reviewer("E1", ("C1",), "Acme"), Reviewer("E2", ("C2",)), Reviewer("E3", ("C1",))]
    plan = plan_assignment(
        projects, reviewers, 1, random.Random(0), existing=[("E1", "1"), ("E2", "2"), ("E9", "2")]
    )
    assert {("E1", "1"), ("E2", "2"), ("E9", "2")} <= set(plan.pairs)
    assert [p.describe() for p in plan.problems] == [
        "C1 1: kept assignment of E1, who has a conflict of interest with it",
        "C1 2: kept assignment of E2, who does not review this category",
        "C1 2: kept assignment of E9, who is not among the experts given",
        # E3 has nothing left to do: the kept pairs alone make two parts.
        "C1: the expert-project graph has 2 separate parts: calibration cannot compare them",
    ]
    assert plan.new == frozenset()


def test_the_seed_changes_the_plan() -> None:
    projects, reviewers = panel(60, 10, 1, 4)
    one = plan_assignment(projects, reviewers, 3, random.Random(1))
    two = plan_assignment(projects, reviewers, 3, random.Random(2))
    assert one.pairs != two.pairs
    assert one == plan_assignment(projects, reviewers, 3, random.Random(1))
