"""Every code the ranking writes (what broke a tie, a place's flags, why a review does not
count) has words in the window's catalogue: a new code without them fails here, not on a
chair's screen as "few_reviews"."""

from __future__ import annotations

from panel_app.scoring import nomination, ranking
from panel_app.scoring.model import ReviewStatus
from panel_app.ui.catalogue import (
    RANKING_FLAGS,
    RANKING_STEPS,
    REVIEW_STATUSES,
    ranking_flag,
    ranking_step,
    review_status,
)


def test_every_ranking_code_has_words() -> None:
    steps = {v for k, v in vars(nomination).items() if k.startswith("STEP_")}
    flags = {v for k, v in vars(ranking).items() if k.startswith("FLAG_")}
    assert steps == set(RANKING_STEPS)
    assert flags == set(RANKING_FLAGS)
    assert {s.value for s in ReviewStatus} == set(REVIEW_STATUSES)
    assert ranking_step("first") == "nothing: the first place"
    assert ranking_flag("few_reviews") == "fewer reviews than the edition asks"
    assert review_status("incomplete") == "incomplete"
    assert ranking_step("a-new-code") == "a-new-code"  # never hidden: shown as written
