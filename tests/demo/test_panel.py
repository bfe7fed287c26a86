"""The demo expert panel: the rules of assignment hold, and the planted offsets show.

The projects are synthetic records (the panel needs only ID, category and organisation),
with uneven category sizes and organisations that submit more than once, as in real sets.
"""

from __future__ import annotations

import random
import statistics
from collections import Counter, defaultdict

import pytest

from panel_app.demo.panel import (
    CONFIDENCES,
    DemoPanel,
    ProjectRecord,
    generate_panel,
)
from panel_app.edition import Edition, load_edition_by_key
from panel_app.organisations import organisation_key


@pytest.fixture(scope="module")
def edition() -> Edition:
    return load_edition_by_key("wsis-2020")


def make_projects(edition: Edition, count: int, seed: int = 1) -> list[ProjectRecord]:
    rng = random.Random(seed)
    keys = [c.key for c in edition.categories]
    weights = [1 + (i * 7) % 9 for i in range(len(keys))]  # uneven, like real sets
    organisations = [f"Organisation {n} Ltd." for n in range(count // 2)]
    return [
        ProjectRecord(
            str(1000 + n), rng.choices(keys, weights)[0], rng.choice(organisations), "Kenya"
        )
        for n in range(count)
    ]


@pytest.fixture(scope="module")
def projects(edition: Edition) -> list[ProjectRecord]:
    return make_projects(edition, 1000)


@pytest.fixture(scope="module")
def panel(edition: Edition, projects: list[ProjectRecord]) -> DemoPanel:
    return generate_panel(edition, projects, seed=2020)


def test_the_same_seed_gives_the_same_panel_whatever_the_input_order(
    edition: Edition, projects: list[ProjectRecord], panel: DemoPanel
) -> None:
    shuffled = list(projects)
    random.Random(5).shuffle(shuffled)
    assert generate_panel(edition, shuffled, seed=2020) == panel
    other = generate_panel(edition, projects, seed=2021)
    assert other.assignments != panel.assignments
    assert [e.name for e in other.experts] != [e.name for e in panel.experts]


def test_experts_look_like_a_panel(edition: Edition, panel: DemoPanel) -> None:
    codes = [e.code for e in panel.experts]
    assert codes == [f"E{n:03d}" for n in range(1, len(codes) + 1)]
    assert len({e.name for e in panel.experts}) == len(panel.experts)
    assert len({e.email for e in panel.experts}) == len(panel.experts)
    assert all("@" in e.email and e.organisation and e.country for e in panel.experts)
    assert {len(e.category_keys) for e in panel.experts} == {1, 2}
    for category in edition.categories:
        assert 8 <= len(panel.pool(category.key)) <= 12
    # Names in their own scripts, as in the submissions.
    assert any(not e.name.isascii() for e in panel.experts)


def test_every_project_gets_k_distinct_experts_of_its_category(
    projects: list[ProjectRecord], panel: DemoPanel
) -> None:
    assert panel.problems == ()
    experts = {e.code: e for e in panel.experts}
    per_project = Counter(a.submission_id for a in panel.assignments)
    assert {p.submission_id: per_project[p.submission_id] for p in projects} == {
        p.submission_id: 3 for p in projects
    }
    assert len(set(panel.assignments)) == len(panel.assignments)
    category = {p.submission_id: p.category_key for p in projects}
    for a in panel.assignments:
        assert category[a.submission_id] in experts[a.expert_code].category_keys


def test_no_expert_reviews_a_project_they_have_a_conflict_with(
    projects: list[ProjectRecord], panel: DemoPanel
) -> None:
    # The demo plants all three kinds, each with a project the expert could otherwise get.
    declared_organisations = [c for c in panel.conflicts if c.organisation is not None]
    declared_projects = [c for c in panel.conflicts if c.submission_id is not None]
    assert declared_organisations and declared_projects and panel.from_submitters
    # Some declared organisations are typed differently from the export.
    by_key = {organisation_key(p.organisation): p.organisation for p in projects}
    assert any(
        by_key[organisation_key(c.organisation or "")] != c.organisation
        for c in declared_organisations
    )
    experts = {e.code: e for e in panel.experts}
    project = {p.submission_id: p for p in projects}
    for a in panel.assignments:
        p, e = project[a.submission_id], experts[a.expert_code]
        assert organisation_key(p.organisation) != organisation_key(e.organisation)
        for c in panel.conflicts:
            if c.expert_code == e.code:
                assert c.submission_id != p.submission_id
                assert organisation_key(c.organisation or "") != organisation_key(p.organisation)
    # The experts from a submitting organisation do review that category.
    for code, organisation in panel.from_submitters.items():
        assert experts[code].organisation == organisation
        assert any(
            q.organisation == organisation and q.category_key in experts[code].category_keys
            for q in projects
        )


def test_loads_are_balanced_within_each_category_pool(
    edition: Edition, projects: list[ProjectRecord], panel: DemoPanel
) -> None:
    category = {p.submission_id: p.category_key for p in projects}
    for c in edition.categories:
        load = Counter(
            a.expert_code for a in panel.assignments if category[a.submission_id] == c.key
        )
        loads = [load[e.code] for e in panel.pool(c.key)]
        assert max(loads) - min(loads) <= 1, (c.key, loads)


def connected_parts(pairs: list[tuple[str, str]]) -> int:
    """Connected components of the bipartite expert-project graph given by its edges."""
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.setdefault(node, node) != node:
            node = parent[node]
        return node

    for expert, project in pairs:
        parent[find("e" + expert)] = find("p" + project)
    return len({find(node) for node in parent})


def test_each_category_graph_is_connected(
    edition: Edition, projects: list[ProjectRecord], panel: DemoPanel
) -> None:
    category = {p.submission_id: p.category_key for p in projects}
    for c in edition.categories:
        pairs = [
            (a.expert_code, a.submission_id)
            for a in panel.assignments
            if category[a.submission_id] == c.key
        ]
        assert connected_parts(pairs) == 1, c.key


def test_reviews_follow_the_assignments_and_the_scale(edition: Edition, panel: DemoPanel) -> None:
    assert [(r.expert_code, r.submission_id) for r in panel.reviews] == [
        (a.expert_code, a.submission_id) for a in panel.assignments
    ]
    keys = [c.key for c in edition.criteria]
    declined = [r for r in panel.reviews if r.conflict_declared or r.abstained]
    assert any(r.conflict_declared for r in declined) and any(r.abstained for r in declined)
    for r in declined:
        assert r.scores == {} and r.confidence is None
    scored = [r for r in panel.reviews if not (r.conflict_declared or r.abstained)]
    for r in scored:
        assert list(r.scores) == keys
        assert r.confidence in CONFIDENCES
        for key, value in r.scores.items():
            scale = edition.criterion(key).scale
            assert value is None or (type(value) is int and scale.minimum <= value <= scale.maximum)
    missing = [r for r in scored if None in r.scores.values()]
    assert missing and all(list(r.scores.values()).count(None) == 1 for r in missing)
    assert 0.1 < sum(bool(r.comment) for r in scored) / len(scored) < 0.3
    # Every point of the scale is used.
    assert {v for r in scored for v in r.scores.values()} == {None, 1, 2, 3, 4, 5}


def residuals(edition: Edition, panel: DemoPanel) -> dict[str, list[float]]:
    """Expert -> score minus the project's true value on that criterion, in points."""
    out: dict[str, list[float]] = defaultdict(list)
    for r in panel.reviews:
        for key, value in r.scores.items():
            if value is not None:
                scale = edition.criterion(key).scale
                true = scale.minimum + panel.true_criterion_quality[r.submission_id][key] * (
                    scale.maximum - scale.minimum
                )
                out[r.expert_code].append(value - true)
    return out


def test_planted_leniency_and_severity_show_in_the_raw_scores(
    edition: Edition, panel: DemoPanel
) -> None:
    lenient, severe = set(panel.lenient), set(panel.severe)
    assert len(lenient) >= 5 and len(severe) >= 5
    assert len(lenient | severe) < len(panel.experts) / 2  # most experts are neither

    def mean_score(codes: set[str]) -> float:
        return statistics.mean(
            v for r in panel.reviews if r.expert_code in codes for v in r.scores.values() if v
        )

    # Assignment is blind to the offsets, so raw means alone already show them.
    assert mean_score(lenient) - mean_score(severe) > 1.0
    # Against the ground truth, each planted expert stands apart from the others.
    bias = {code: statistics.mean(values) for code, values in residuals(edition, panel).items()}
    neutral = [bias[c] for c in bias if c not in lenient | severe]
    assert abs(statistics.mean(neutral)) < 0.15
    assert min(bias[c] for c in lenient) > max(neutral) - 0.1
    assert max(bias[c] for c in severe) < min(neutral) + 0.1
    assert statistics.mean(bias[c] for c in lenient) > 0.5
    assert statistics.mean(bias[c] for c in severe) < -0.5


def test_low_confidence_reviews_are_noisier(edition: Edition, panel: DemoPanel) -> None:
    spread: dict[str, list[float]] = defaultdict(list)
    for r in panel.reviews:
        if r.confidence is None:
            continue
        offset = panel.expert_offsets[r.expert_code] * 4  # a 1-5 scale
        for key, value in r.scores.items():
            if value is not None:
                true = 1 + panel.true_criterion_quality[r.submission_id][key] * 4
                spread[r.confidence].append(abs(value - true - offset))
    high, low = statistics.mean(spread["high"]), statistics.mean(spread["low"])
    assert low > high * 1.4


def test_true_quality_is_the_weighted_mean_over_criteria(
    edition: Edition, projects: list[ProjectRecord], panel: DemoPanel
) -> None:
    assert set(panel.true_quality) == {p.submission_id for p in projects}
    total = sum(c.weight for c in edition.criteria)
    for sid, per in list(panel.true_criterion_quality.items())[:50]:
        expected = sum(c.weight * per[c.key] for c in edition.criteria) / total
        assert panel.true_quality[sid] == pytest.approx(expected)


def test_a_small_set_still_gets_connected_balanced_pools(edition: Edition) -> None:
    projects = make_projects(edition, 40, seed=3)
    panel = generate_panel(edition, projects, seed=1)
    assert panel.problems == ()
    assert Counter(a.submission_id for a in panel.assignments) == dict.fromkeys(
        (p.submission_id for p in projects), 3
    )
    for c in edition.categories:
        pairs = [
            (a.expert_code, a.submission_id)
            for a in panel.assignments
            if any(p.submission_id == a.submission_id and p.category_key == c.key for p in projects)
        ]
        if pairs:
            assert connected_parts(pairs) == 1, c.key


def test_what_cannot_be_satisfied_is_reported(edition: Edition) -> None:
    projects = make_projects(edition, 100, seed=4)
    panel = generate_panel(edition, projects, seed=1, per_project=15)  # pools hold 8-12
    per_project = Counter(a.submission_id for a in panel.assignments)
    short = {p.submission_id for p in panel.problems if p.submission_id is not None}
    assert short == {p.submission_id for p in projects if per_project[p.submission_id] < 15}
    assert short == {p.submission_id for p in projects}
    assert all("experts assigned" in p.message for p in panel.problems)


def test_an_empty_set_gives_experts_and_nothing_else(edition: Edition) -> None:
    panel = generate_panel(edition, [], seed=1)
    assert panel.experts and not panel.assignments and not panel.reviews
    with pytest.raises(ValueError, match="per_project"):
        generate_panel(edition, [], per_project=0)
