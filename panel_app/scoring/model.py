"""The scoring engine's records: what goes in (reviews) and what comes out (rankings).

Plain frozen dataclasses, so that a workflow, a report or a test can build and print them
without the engine. Every figure a ranking compares is an integer in micro-units of the
composite scale (0 = every criterion at its declared minimum, 1,000,000 = every criterion
at its maximum): integers compare exactly, so two algebraically equal formulas can never
swap two projects at the cut. People read them as points out of 100 (`points()`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

# Composite values are integers in millionths of the full scale.
MICRO = 1_000_000
# Micro-units per point of the 0-100 scale a chair reads.
MICRO_PER_POINT = MICRO // 100


def points(micro: int | float) -> float:
    """A composite in micro-units as points out of 100 (for display only)."""
    return micro / MICRO_PER_POINT


class Method(StrEnum):
    """How a category's projects are ranked."""

    CALIBRATED = "calibrated"  # additive expert-offset model (the default)
    RAW = "raw"  # mean composite of the counted reviews
    ZSCORE = "zscore"  # mean of per-expert standardised composites


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ReviewStatus(StrEnum):
    """Whether a review counts; only COUNTED reviews enter any figure."""

    COUNTED = "counted"
    CONFLICT = "conflict"  # the expert declared a conflict of interest
    ABSTAINED = "abstained"  # the expert declined to score
    INCOMPLETE = "incomplete"  # at least one nomination criterion has no score


@dataclass(frozen=True)
class ReviewInput:
    """One expert's review of one project (the latest revision), as the store holds it."""

    expert_id: str
    project_id: str
    category_key: str
    scores: Mapping[str, int | None]  # criterion key -> value on its declared scale
    confidence: str | None = None  # "high", "medium", "low" or None (not declared)
    conflict_declared: bool = False
    abstained: bool = False


@dataclass(frozen=True)
class ProjectInput:
    """A submission to rank even if no review counts for it yet."""

    project_id: str
    category_key: str


@dataclass(frozen=True)
class ReviewComposite:
    """A review after the composite step: counted or not, and why."""

    review: ReviewInput
    status: ReviewStatus
    composite: int | None  # micro-units; None unless counted
    missing: tuple[str, ...] = ()  # criterion keys without a score


@dataclass(frozen=True)
class Alpha:
    """Krippendorff's alpha with a bootstrap interval, or why it is undefined."""

    level: str  # "interval", "ordinal", "nominal", "ratio"
    value: float | None  # None: undefined, see `reason`
    reason: str | None = None
    low: float | None = None  # bootstrap 95% interval (percentile), None if not computed
    high: float | None = None
    units: int = 0  # projects with at least two counted values
    values: int = 0  # pairable values (in those projects)


@dataclass(frozen=True)
class Agreement:
    composite: Alpha
    criteria: Mapping[str, Alpha]  # criterion key -> alpha on its scores


@dataclass(frozen=True)
class ExpertRow:
    """One expert within one category."""

    expert_id: str
    reviews: int  # counted reviews in the category
    offset: float | None  # points; positive: scores above the panel (lenient)
    offset_se: float | None  # standard error of the offset, points
    alpha_without: float | None  # the category's composite alpha without this expert
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProjectRow:
    """One project's line in a category's ranking; every figure a report prints."""

    project_id: str
    rank: int  # 1-based position after the tie-break cascade
    score: int | None  # micro-units by the method used; None: no counted review
    raw_mean: int | None  # micro-units
    median: int | None  # micro-units
    calibrated: int | None  # micro-units; None when the category is not calibrated
    calibrated_full: float | None  # the fitted value before rounding, micro-units
    reviews: int  # counted reviews
    minimum: int | None  # micro-units
    maximum: int | None
    sd: float | None  # sample standard deviation of the composites, micro-units
    criterion_means: Mapping[str, float | None]  # on each criterion's own scale
    not_counted: tuple[ReviewComposite, ...]  # conflict, abstention, incomplete
    eligible: bool
    flags: tuple[str, ...]
    decided_by: str  # what separates it from the row above (see docs/scoring.md)
    tie_group: int | None = None  # rows sharing a number are tied unresolved
    p_top: float | None = None  # bootstrap probability of a place in the quota


@dataclass(frozen=True)
class CutLine:
    """How the last place in the quota was decided."""

    last_in: str | None  # project id
    first_out: str | None
    decided_by: str | None  # the cascade step that separates them
    margin: int | None  # score difference in micro-units


@dataclass(frozen=True)
class Proposal:
    """The proposed nominees of one category; the chair decides the rest."""

    quota: int | None
    nominees: tuple[str, ...]  # project ids in ranked order
    undecided: tuple[str, ...] = ()  # an unresolved tie across the cut: the chair picks
    open_places: int = 0  # places the undecided tie must fill
    cut: CutLine | None = None
    flagged: tuple[str, ...] = ()  # proposed projects with fewer reviews than the minimum
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CategoryResult:
    category_key: str
    method_requested: Method
    method_used: Method
    components: int  # connected components of the expert-project graph
    rows: tuple[ProjectRow, ...]
    experts: tuple[ExpertRow, ...]
    agreement: Agreement
    proposal: Proposal
    noise_sd: float | None = None  # points; residual sd of the calibration model
    notes: tuple[str, ...] = field(default=())  # what a reader must know (fallbacks etc.)
