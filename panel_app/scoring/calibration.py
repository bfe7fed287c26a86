"""Calibrated scores: an additive expert-offset model, and per-expert z-scores.

Model (MacKay, Kenna, Low & Parker 2017, "Calibration with confidence: a principled method
for panel assessment", Royal Society Open Science 4: 160760): the composite expert e gives
project p is

    y = v[p] + b[e] + noise,   noise variance sigma^2 / w   (w: the review's confidence)

fitted by weighted least squares with a ridge penalty `ridge * sum(b^2)` on the offsets:
`ridge` acts as that many pseudo-reviews at offset zero, so an expert with n reviews keeps
about n / (n + ridge) of the offset the data alone suggest (few reviews: shrunk), while an
expert with many is hardly touched. With ridge = 0 the fit is plain least squares with the
offsets of each connected component summing to zero; then adding a constant to one
expert's scores, or adding an expert with one review, leaves every other project's relative
value exactly where it was (tests/scoring/test_calibration.py). With ridge > 0 these hold
up to the shrinkage, a fraction ridge / (n + ridge) of the change.

Solving: the project values are eliminated (they are weighted means of y - b), leaving an
experts x experts system S b = r (dense below DENSE_LIMIT experts, else sparse), so 100k
projects cost about as much as summing their reviews. Each offset gets a standard error
sigma * sqrt(inverse(S)[e, e]) (the posterior sd under the ridge prior), sigma estimated
from the residuals.

The offsets are identifiable only within a connected component of the expert-project graph
(two groups of experts who share no project cannot be compared): `components` says how
many there are; rank_categories falls back to raw means when a category has more than one.

Per-expert z-scores (`zscores`) assume instead that every expert was given projects of the
same average quality and spread; they are offered as an option and labelled so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import spsolve

from panel_app.scoring.composite import FloatArray, IntArray

# Pseudo-reviews at offset zero: shrinks an expert with 1 review by half, with 30 by 3%.
DEFAULT_RIDGE = 1.0
# Above this many experts in a category the reduced system is solved sparse, without
# standard errors (a dense inverse would need experts^2 memory).
DENSE_LIMIT = 3000
# Review-weight matrices up to this many cells are built dense (cheaper than setting up a
# sparse one); beyond, the sparse product costs reviews, not projects x experts^2.
DENSE_CELLS = 20_000


@dataclass(frozen=True)
class Fit:
    value: FloatArray  # per project, micro-units; NaN without counted reviews
    offset: FloatArray  # per expert, micro-units
    offset_se: FloatArray  # per expert, micro-units; NaN where not estimable
    components: int  # connected components among reviewed projects and their experts
    noise_sd: float | None  # sigma, micro-units (at weight 1); None: no residual freedom
    std_residual: FloatArray  # per review; NaN where undefined (a project's only review)


def components(project: IntArray, expert: IntArray, projects: int, experts: int) -> IntArray:
    """The component label of every expert (projects follow their experts)."""
    _, labels = _graph_components(project, expert, projects, experts)
    return labels[projects:]


def _graph_components(
    project: IntArray, expert: IntArray, projects: int, experts: int
) -> tuple[int, IntArray]:
    nodes = projects + experts
    graph = sp.coo_matrix(
        (np.ones(len(project)), (project, projects + expert)), shape=(nodes, nodes)
    ).tocsr()
    _, labels = connected_components(graph, directed=False)
    active = np.zeros(nodes, dtype=bool)
    active[project] = True
    active[projects + expert] = True
    count = len(np.unique(labels[active])) if active.any() else 0
    return count, labels.astype(np.int64)


def fit(
    project: IntArray,
    expert: IntArray,
    y: FloatArray,
    weight: FloatArray,
    projects: int,
    experts: int,
    ridge: float = DEFAULT_RIDGE,
) -> Fit:
    """Fit the offset model to counted reviews (one per project-expert pair)."""
    if ridge < 0:
        raise ValueError("ridge must be >= 0")
    count, labels = _graph_components(project, expert, projects, experts)
    w_project = np.bincount(project, weights=weight, minlength=projects)
    w_expert = np.bincount(expert, weights=weight, minlength=experts)
    wy_project = np.bincount(project, weights=weight * y, minlength=projects)
    wy_expert = np.bincount(expert, weights=weight * y, minlength=experts)
    reviewed = w_project > 0
    inverse_w = np.zeros(projects)
    inverse_w[reviewed] = 1.0 / w_project[reviewed]

    # S = diag(W_e + ridge) - B' diag(1/W_p) B;  r = Wy_e - B' (Wy_p / W_p), where B holds
    # the review weights (projects x experts): dense while small, sparse beyond.
    b_matrix: sp.csr_matrix | FloatArray
    if projects * experts <= DENSE_CELLS:
        b_matrix = np.zeros((projects, experts))
        b_matrix[project, expert] = weight
        # einsum, not @: at this size BLAS threads cost more than they save
        gram = np.einsum("pe,pf->ef", b_matrix, b_matrix * inverse_w[:, None])
        s_matrix = np.diag(w_expert + ridge) - gram
    else:
        b_matrix = sp.csr_matrix((weight, (project, expert)), shape=(projects, experts))
        scaled = sp.diags(inverse_w) @ b_matrix
        s_matrix = sp.diags(w_expert + ridge) - (b_matrix.T @ scaled)
    rhs = wy_expert - b_matrix.T @ (wy_project * inverse_w)

    expert_labels = labels[projects:]
    se_diag = np.full(experts, np.nan)
    offset: FloatArray
    if experts == 0:
        offset = np.zeros(0)
    elif experts <= DENSE_LIMIT:
        dense: FloatArray = np.asarray(
            s_matrix if isinstance(s_matrix, np.ndarray) else s_matrix.toarray(), dtype=np.float64
        )
        null = np.zeros((experts, 0))
        if ridge == 0:
            # Each component's offsets are defined up to a constant: fix their sum to zero.
            groups = [np.flatnonzero(expert_labels == c) for c in np.unique(expert_labels)]
            null = np.zeros((experts, len(groups)))
            for j, members in enumerate(groups):
                null[members, j] = 1.0 / np.sqrt(len(members))
            dense = np.asarray(dense + null @ null.T, dtype=np.float64)
        inverse = np.linalg.inv(dense)
        offset = np.asarray(inverse @ rhs, dtype=np.float64)
        se_diag = np.diag(inverse) - (null**2).sum(axis=1)
    else:
        if ridge == 0:
            raise ValueError(f"more than {DENSE_LIMIT} experts in one category need ridge > 0")
        offset = np.asarray(spsolve(sp.csc_matrix(s_matrix), rhs), dtype=np.float64)

    value = np.full(projects, np.nan)
    value[reviewed] = (wy_project[reviewed] - (b_matrix @ offset)[reviewed]) * inverse_w[reviewed]
    residual = y - value[project] - offset[expert]

    reviewed_count = int(reviewed.sum())
    freedom = len(y) - reviewed_count - experts + count
    noise_sd: float | None = None
    offset_se = np.full(experts, np.nan)
    std_residual = np.full(len(y), np.nan)
    if freedom > 0:
        noise_sd = float(np.sqrt(np.sum(weight * residual**2) / freedom))
        if noise_sd > 0:
            offset_se = noise_sd * np.sqrt(np.clip(se_diag, 0.0, None))
            spread = 1.0 / weight - inverse_w[project]  # variance of a residual, over sigma^2
            ok = spread > 1e-12
            std_residual[ok] = residual[ok] / (noise_sd * np.sqrt(spread[ok]))
    return Fit(value, offset, offset_se, count, noise_sd, std_residual)


@dataclass(frozen=True)
class ZScores:
    value: FloatArray  # per project, micro-units on the category's composite scale; NaN: none
    per_review: FloatArray  # each review's rescaled z-score; NaN for dropped experts
    dropped_experts: tuple[int, ...]  # experts with < 2 reviews or no spread: not usable


def zscores(
    project: IntArray, expert: IntArray, y: FloatArray, projects: int, experts: int
) -> ZScores:
    """Mean per-expert z-score of each project, mapped back onto the composite scale.

    Assumes every expert's projects are alike in average quality and spread (random
    assignment). Each expert's composites are standardised (mean 0, sd 1); a project's
    z-scores are averaged and rescaled with the mean and sd of all composites in the
    category, which keeps the order and makes the figure readable as points.
    """
    n = np.bincount(expert, minlength=experts)
    total = np.bincount(expert, weights=y, minlength=experts)
    mean = np.divide(total, n, out=np.zeros(experts), where=n > 0)
    squares = np.bincount(expert, weights=(y - mean[expert]) ** 2, minlength=experts)
    sd = np.sqrt(np.divide(squares, n - 1, out=np.zeros(experts), where=n > 1))
    usable = (n >= 2) & (sd > 0)
    keep = usable[expert]
    z = (y[keep] - mean[expert[keep]]) / sd[expert[keep]]
    counts = np.bincount(project[keep], minlength=projects)
    sums = np.bincount(project[keep], weights=z, minlength=projects)
    value = np.full(projects, np.nan)
    has = counts > 0
    overall_mean = float(np.mean(y)) if len(y) else 0.0
    overall_sd = float(np.std(y, ddof=1)) if len(y) > 1 else 0.0
    value[has] = overall_mean + sums[has] / counts[has] * overall_sd
    per_review = np.full(len(y), np.nan)
    per_review[keep] = overall_mean + z * overall_sd
    dropped = tuple(int(e) for e in np.flatnonzero(~usable & (n > 0)))
    return ZScores(value, per_review, dropped)
