"""Ranking and the proposed nominees: the tie-break cascade, eligibility, quota, order."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panel_app.edition import load_edition_by_key
from panel_app.scoring import ProjectInput, ReviewInput, rank_categories
from panel_app.scoring.nomination import Candidate, order, propose
from tests.scoring.conftest import EDITION, KEYS
from tests.scoring.synthetic import panel

CATEGORY = EDITION.categories[0].key


def candidate(
    project: str,
    score: int,
    *,
    median: int | None = None,
    reviews: int = 3,
    criterion: int | None = 9,
    by_expert: dict[str, int] | None = None,
) -> Candidate:
    return Candidate(
        project, score, score if median is None else median, reviews, criterion, by_expert or {}
    )


def test_scores_apart_at_display_precision_need_no_cascade() -> None:
    placed = order([candidate("B", 500_000), candidate("A", 700_000)])
    assert [(p.candidate.project_id, p.decided_by) for p in placed] == [
        ("A", "first"),
        ("B", "score"),
    ]


def test_full_precision_breaks_a_tie_at_display_precision() -> None:
    # 70.00 points both, as printed; 700_004 vs 699_996 micro-units
    placed = order([candidate("A", 699_996), candidate("B", 700_004)])
    assert [p.candidate.project_id for p in placed] == ["B", "A"]
    assert placed[1].decided_by == "full_precision"


def test_head_to_head_among_shared_experts() -> None:
    a = candidate("A", 600_000, by_expert={"E1": 700_000, "E2": 500_000, "E3": 600_000})
    b = candidate("B", 600_000, by_expert={"E1": 650_000, "E2": 450_000, "E4": 700_000})
    placed = order([b, a])
    assert [p.candidate.project_id for p in placed] == ["A", "B"]
    assert placed[1].decided_by == "head_to_head"


def test_median_then_criterion_then_reviews() -> None:
    placed = order([candidate("A", 600_000, median=550_000), candidate("B", 600_000)])
    assert [(p.candidate.project_id, p.decided_by) for p in placed][1] == ("A", "median")
    placed = order(
        [candidate("A", 600_000, criterion=10), candidate("B", 600_000, criterion=11)],
        "impact",
    )
    assert [(p.candidate.project_id, p.decided_by) for p in placed][1] == (
        "A",
        "criterion:impact",
    )
    # the designated criterion compares means exactly: 10/3 against 13/4
    placed = order(
        [
            candidate("A", 600_000, criterion=10, reviews=3),
            candidate("B", 600_000, criterion=13, reviews=4),
        ],
        "impact",
    )
    assert [p.candidate.project_id for p in placed] == ["A", "B"]
    placed = order([candidate("A", 600_000, reviews=3), candidate("B", 600_000, reviews=4)])
    assert [(p.candidate.project_id, p.decided_by) for p in placed][1] == ("A", "reviews")


def test_an_unresolved_tie_at_the_cut_goes_to_the_chair() -> None:
    cands = [candidate(f"P{i}", 900_000 - i * 10_000) for i in range(3)]
    cands += [candidate("T1", 500_000), candidate("T2", 500_000), candidate("T3", 500_000)]
    cands += [candidate("Z", 100_000)]
    placed = order(cands)
    tied = [p for p in placed if p.tie_group is not None]
    assert {p.candidate.project_id for p in tied} == {"T1", "T2", "T3"}
    proposal = propose(placed, quota=4, ineligible=set(), minimum_reviews=3)
    assert proposal.nominees == ("P0", "P1", "P2")
    assert set(proposal.undecided) == {"T1", "T2", "T3"}
    assert proposal.open_places == 1
    assert any("the chair decides" in note for note in proposal.notes)
    # a tie that fits whole inside the quota is simply in
    whole = propose(placed, quota=6, ineligible=set(), minimum_reviews=3)
    assert whole.nominees == ("P0", "P1", "P2", "T1", "T2", "T3") and not whole.undecided


def test_the_cut_line_names_the_deciding_step() -> None:
    placed = order([candidate("A", 800_000), candidate("B", 699_996), candidate("C", 700_004)])
    proposal = propose(placed, quota=2, ineligible={"X"}, minimum_reviews=None)
    assert proposal.nominees == ("A", "C")
    assert proposal.cut is not None
    assert (proposal.cut.last_in, proposal.cut.first_out) == ("C", "B")
    assert proposal.cut.decided_by == "full_precision"
    assert proposal.cut.margin == 8


def test_projects_below_the_minimum_reviews_are_flagged() -> None:
    placed = order([candidate("A", 800_000, reviews=2), candidate("B", 700_000)])
    proposal = propose(placed, quota=2, ineligible=set(), minimum_reviews=3)
    assert proposal.flagged == ("A",)


def test_an_edition_without_a_nominee_count_proposes_nothing() -> None:
    e2017 = load_edition_by_key("wsis-2017")
    reviews, _ = panel(e2017, categories=[CATEGORY], projects=10, experts=5, seed=1)
    (result,) = rank_categories(e2017, reviews, ineligible=(), categories=[CATEGORY])
    assert result.proposal.nominees == () and result.proposal.quota is None
    assert "no nominee count" in result.proposal.notes[0]
    (given_quota,) = rank_categories(e2017, reviews, ineligible=(), categories=[CATEGORY], quota=4)
    assert len(given_quota.proposal.nominees) == 4


def test_unreviewed_and_ineligible_projects_are_listed_never_proposed() -> None:
    reviews, _ = panel(EDITION, categories=[CATEGORY], projects=30, experts=6, seed=4)
    (first,) = rank_categories(EDITION, reviews, ineligible=(), categories=[CATEGORY])
    best = first.rows[0].project_id
    (result,) = rank_categories(
        EDITION,
        reviews,
        ineligible={best},
        categories=[CATEGORY],
        projects=[ProjectInput("NEW-1", CATEGORY)],
    )
    assert best not in result.proposal.nominees
    assert len(result.proposal.nominees) == 20
    rows = {r.project_id: r for r in result.rows}
    assert "ineligible" in rows[best].flags and not rows[best].eligible
    assert rows["NEW-1"].reviews == 0 and rows["NEW-1"].score is None
    assert "no_reviews" in rows["NEW-1"].flags
    assert result.rows[-1].project_id == "NEW-1"


def test_probabilities_at_the_cut_are_seeded_and_sensible() -> None:
    reviews, _ = panel(EDITION, categories=[CATEGORY], projects=60, experts=10, seed=8)
    one = rank_categories(EDITION, reviews, ineligible=(), categories=[CATEGORY], seed=3)
    two = rank_categories(EDITION, reviews, ineligible=(), categories=[CATEGORY], seed=3)
    assert one == two
    rows = one[0].rows
    assert rows[0].p_top is not None and rows[0].p_top > 0.95
    assert rows[-1].p_top is None or rows[-1].p_top < 0.05
    total = sum(r.p_top or 0.0 for r in rows)
    assert total == pytest.approx(20, abs=0.5)  # the places are shared out, 20 in all


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.data())
def test_shuffling_the_input_changes_nothing(seed: int, data: st.DataObject) -> None:
    categories = [CATEGORY, EDITION.categories[1].key]
    reviews, _ = panel(EDITION, categories=categories, projects=12, experts=5, seed=seed)
    shuffled = list(reviews)
    random.Random(data.draw(st.integers(0, 2**32))).shuffle(shuffled)
    kwargs = {
        "ineligible": (),
        "categories": categories,
        "alpha_resamples": 50,
        "cut_resamples": 50,
    }
    assert rank_categories(EDITION, shuffled, **kwargs) == rank_categories(  # type: ignore[arg-type]
        EDITION,
        reviews,
        **kwargs,  # type: ignore[arg-type]
    )


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(1, 25),
    st.sets(st.integers(0, 29), max_size=15),
    st.sampled_from(["calibrated", "raw", "zscore"]),
)
def test_the_proposal_never_holds_an_ineligible_project_or_more_than_the_quota(
    seed: int, quota: int, barred: set[int], method: str
) -> None:
    reviews, _ = panel(EDITION, categories=[CATEGORY], projects=30, experts=6, seed=seed)
    # coarse scores make ties common, so the cascade and the chair's ties are exercised
    coarse = [
        ReviewInput(r.expert_id, r.project_id, r.category_key, dict.fromkeys(KEYS, 1 + (sum(
            v or 0 for v in r.scores.values()) // 12)))
        for r in reviews
    ]  # fmt: skip
    ineligible = {f"{CATEGORY}-P{i:05d}" for i in barred}
    (result,) = rank_categories(
        EDITION, coarse, ineligible=ineligible, categories=[CATEGORY], quota=quota,
        method=method, alpha_resamples=0, cut_resamples=20,
    )  # fmt: skip
    proposal = result.proposal
    assert not set(proposal.nominees) & ineligible
    assert not set(proposal.undecided) & ineligible
    assert len(proposal.nominees) <= quota
    assert len(proposal.nominees) + proposal.open_places <= quota
    eligible_scored = [r for r in result.rows if r.eligible and r.score is not None]
    if not proposal.undecided:
        assert len(proposal.nominees) == min(quota, len(eligible_scored))
        # the nominees are the best eligible rows, in order
        assert list(proposal.nominees) == [r.project_id for r in eligible_scored][:quota]
