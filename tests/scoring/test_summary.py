"""The per-project figures every report shows, checked by hand."""

from __future__ import annotations

import pytest

from panel_app.scoring import ReviewInput, rank_categories
from tests.scoring.conftest import EDITION, KEYS

CATEGORY = EDITION.categories[0].key


def test_raw_mean_median_range_sd_and_criterion_means() -> None:
    def review(expert: str, value: int, first: int) -> ReviewInput:
        scores = dict.fromkeys(KEYS, value)
        scores[KEYS[0]] = first
        return ReviewInput(expert, "P1", CATEGORY, scores)

    reviews = [review("E1", 5, 5), review("E2", 3, 1), review("E3", 2, 2), review("E4", 2, 2)]
    (result,) = rank_categories(
        EDITION, reviews, ineligible=(), categories=[CATEGORY], method="raw"
    )
    (row,) = result.rows
    # composites: 1, (0 + 6 * 0.5) / 7, 0.25, 0.25 of the scale
    composites = [1_000_000, 428_571, 250_000, 250_000]
    assert row.reviews == 4
    assert row.minimum == 250_000 and row.maximum == 1_000_000
    assert row.raw_mean == 482_143  # 1_928_571 / 4 = 482_142.75, rounded half up
    assert row.median == 339_286  # (250_000 + 428_571) / 2 = 339_285.5, half up
    mean = sum(composites) / 4
    sd = (sum((c - mean) ** 2 for c in composites) / 3) ** 0.5
    assert row.sd == pytest.approx(sd)
    assert row.criterion_means[KEYS[0]] == pytest.approx(2.5)
    assert row.criterion_means[KEYS[1]] == pytest.approx(3.0)
    assert "disagreement_range" in row.flags  # 25 to 100 points: more than half the scale


def test_a_single_review_has_no_sd_and_is_flagged_below_the_minimum() -> None:
    reviews = [ReviewInput("E1", "P1", CATEGORY, dict.fromkeys(KEYS, 4))]
    (result,) = rank_categories(EDITION, reviews, ineligible=(), categories=[CATEGORY])
    (row,) = result.rows
    assert row.sd is None and row.reviews == 1
    assert "few_reviews" in row.flags
    assert result.proposal.flagged == ("P1",)
    assert result.agreement.composite.value is None
    assert result.agreement.composite.reason == "no project has two counted values"
