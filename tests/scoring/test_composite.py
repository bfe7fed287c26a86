"""Composites by declared bounds, and which reviews count (conflict, abstention, gaps)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel_app.edition import Edition, Scale
from panel_app.scoring import MICRO, ReviewInput, ReviewStatus, rank_categories
from panel_app.scoring.composite import composite, review_table
from tests.scoring.conftest import EDITION, KEYS

CATEGORY = EDITION.categories[0].key


def scores(*values: int | None) -> dict[str, int | None]:
    return dict(zip(KEYS, values, strict=True))


def test_composite_uses_the_declared_bounds() -> None:
    assert composite(EDITION.criteria, scores(1, 1, 1, 1, 1, 1, 1)) == 0
    assert composite(EDITION.criteria, scores(5, 5, 5, 5, 5, 5, 5)) == MICRO
    assert composite(EDITION.criteria, scores(3, 3, 3, 3, 3, 3, 3)) == MICRO // 2
    # One criterion one step up of four: 1/4 of 1/7 of the scale, rounded half up.
    assert composite(EDITION.criteria, scores(2, 1, 1, 1, 1, 1, 1)) == 35714


def test_weights_and_mixed_scales_are_exact() -> None:
    ten = Scale(0, 10, ())
    criteria = list(EDITION.criteria[:3])
    criteria[0] = dataclasses.replace(criteria[0], weight=0.1)
    criteria[1] = dataclasses.replace(criteria[1], weight=0.2, scale=ten)
    criteria[2] = dataclasses.replace(criteria[2], weight=0.7)
    a, b, c = KEYS[:3]
    # 0.1 * 1/4 + 0.2 * 5/10 + 0.7 * 2/4 = 0.475 exactly
    assert composite(criteria, {a: 2, b: 5, c: 3}) == 475_000
    # the same value reached two ways is the same integer
    left = composite(criteria, {a: 1, b: 7, c: 3})  # 0 + 0.14 + 0.35 = 0.49
    right = composite(criteria, {a: 5, b: 2, c: 3})  # 0.1 + 0.04 + 0.35 = 0.49
    assert left == right == 490_000


@given(st.permutations(range(7)), st.lists(st.integers(1, 5), min_size=7, max_size=7))
def test_the_order_of_criteria_in_a_review_does_not_matter(
    order: list[int], values: list[int]
) -> None:
    forward = composite(EDITION.criteria, scores(*values))
    shuffled = {KEYS[i]: values[i] for i in order}
    assert composite(EDITION.criteria, shuffled) == forward


def _review(expert: str, project: str, values: dict[str, int | None], **kw: object) -> ReviewInput:
    return ReviewInput(expert, project, CATEGORY, values, **kw)  # type: ignore[arg-type]


def test_conflict_abstention_and_missing_criteria_are_shown_not_counted(
    edition: Edition,
) -> None:
    full = scores(4, 4, 4, 4, 4, 4, 4)
    reviews = [
        _review("E1", "P1", full),
        _review("E2", "P1", scores(2, 2, 2, 2, 2, 2, 2)),
        _review("E3", "P1", scores(1, 1, 1, 1, 1, 1, 1), conflict_declared=True),
        _review("E4", "P1", {}, abstained=True),
        _review("E5", "P1", scores(1, None, 1, 1, 1, 1, 1)),
    ]
    (result,) = rank_categories(
        edition, reviews, ineligible=(), categories=[CATEGORY], method="raw"
    )
    (row,) = result.rows
    assert row.reviews == 2
    assert row.raw_mean == (750_000 + 250_000) // 2
    assert row.criterion_means[KEYS[0]] == 3.0
    shown = {(c.review.expert_id, c.status, c.missing) for c in row.not_counted}
    assert shown == {
        ("E3", ReviewStatus.CONFLICT, ()),
        ("E4", ReviewStatus.ABSTAINED, tuple(KEYS)),
        ("E5", ReviewStatus.INCOMPLETE, (KEYS[1],)),
    }
    assert all(c.composite is None for c in row.not_counted)
    # A conflict counts as not counted even with complete scores.
    table = review_table(edition.criteria, reviews)
    assert [s.value for s in table.status] == [
        "counted", "counted", "conflict", "abstained", "incomplete"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({KEYS[0]: 6}, "off the scale 1-5"),
        ({KEYS[0]: 0}, "off the scale 1-5"),
        ({"novelty": 3}, "unknown criterion 'novelty'"),
        ({KEYS[0]: True}, "is not an integer"),
    ],
)
def test_bad_scores_are_refused(values: dict[str, int | None], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        review_table(EDITION.criteria, [_review("E1", "P1", values)])


def test_two_reviews_of_one_project_by_one_expert_are_refused() -> None:
    full = scores(4, 4, 4, 4, 4, 4, 4)
    with pytest.raises(ValueError, match="pass the latest revision only"):
        review_table(EDITION.criteria, [_review("E1", "P1", full), _review("E1", "P1", full)])


def test_unknown_confidence_is_refused() -> None:
    with pytest.raises(ValueError, match="confidence 'sure'"):
        review_table(
            EDITION.criteria, [_review("E1", "P1", scores(4, 4, 4, 4, 4, 4, 4), confidence="sure")]
        )
