"""The scoring engine: composites, calibration, agreement, ranking and the proposed
nominees, as pure functions over plain records (no database, no Qt, no files).

    results = rank_categories(edition, reviews, ineligible=ids, method="calibrated", seed=0)

See docs/scoring.md for every choice, the flags and the tie-break cascade.
"""

from panel_app.scoring.model import (
    MICRO,
    MICRO_PER_POINT,
    Agreement,
    Alpha,
    CategoryResult,
    Confidence,
    CutLine,
    ExpertRow,
    Method,
    ProjectInput,
    ProjectRow,
    Proposal,
    ReviewComposite,
    ReviewInput,
    ReviewStatus,
    points,
)
from panel_app.scoring.ranking import rank_categories

__all__ = [
    "MICRO",
    "MICRO_PER_POINT",
    "Agreement",
    "Alpha",
    "CategoryResult",
    "Confidence",
    "CutLine",
    "ExpertRow",
    "Method",
    "ProjectInput",
    "ProjectRow",
    "Proposal",
    "ReviewComposite",
    "ReviewInput",
    "ReviewStatus",
    "points",
    "rank_categories",
]
