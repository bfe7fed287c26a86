"""The entry point: rank every category of an edition from its reviews.

`rank_categories` runs, per category: composites (composite.py), the per-project summary
(summary.py), the expert-offset fit (calibration.py), agreement and flags (agreement.py),
the tie-break cascade and proposal (nomination.py) and the bootstrap at the cut
(uncertainty.py), and returns plain records (model.py) a workflow stores and a report
prints. Same inputs and seed, same result, whatever order the reviews come in.
"""

from __future__ import annotations

import bisect
import zlib
from collections.abc import Iterable, Sequence
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from panel_app.edition import Edition
from panel_app.scoring import agreement, calibration, nomination, uncertainty
from panel_app.scoring.composite import (
    BoolArray,
    FloatArray,
    IntArray,
    ReviewTable,
    review_table,
)
from panel_app.scoring.model import (
    MICRO,
    MICRO_PER_POINT,
    Agreement,
    CategoryResult,
    ExpertRow,
    Method,
    ProjectInput,
    ProjectRow,
    ReviewComposite,
    ReviewInput,
)
from panel_app.scoring.summary import Summary, summarise

# Flags (docs/scoring.md). A project's experts disagree when their composites span at
# least half the scale, or one review sits this many residual sds from the model.
DISAGREEMENT_RANGE = MICRO // 2
LARGE_RESIDUAL = 3.0
# An expert stands apart: an offset of at least this many points that is also
# significant (|offset| / se above the two-sided 1% point), or the category's alpha rising
# by this much without them.
LARGE_OFFSET_POINTS = 10.0
SIGNIFICANT_Z = 2.576
ALPHA_RISE = 0.1
# Places at the cut whose bootstrap probability lies between these are coin flips.
UNCERTAIN_LOW, UNCERTAIN_HIGH = 0.1, 0.9

_NO_SCORES: dict[str, int] = {}  # shared, never written: projects outside any display tie

FLAG_NO_REVIEWS = "no_reviews"
FLAG_FEW_REVIEWS = "few_reviews"
FLAG_RANGE = "disagreement_range"
FLAG_RESIDUAL = "disagreement_residual"
FLAG_INELIGIBLE = "ineligible"
FLAG_UNCERTAIN = "uncertain_at_cut"
FLAG_UNRESOLVED = "unresolved_tie"
FLAG_OFFSET = "large_offset"
FLAG_APART = "alpha_rises_without"


def rank_categories(
    edition: Edition,
    reviews: Sequence[ReviewInput],
    *,
    ineligible: Iterable[str],
    method: Method | str = Method.CALIBRATED,
    seed: int = 0,
    projects: Sequence[ProjectInput] = (),
    categories: Sequence[str] | None = None,
    quota: int | None = None,
    ridge: float = calibration.DEFAULT_RIDGE,
    use_confidence: bool = True,
    alpha_level: str = "interval",
    alpha_resamples: int = agreement.DEFAULT_BOOTSTRAP,
    cut_resamples: int = uncertainty.DEFAULT_RESAMPLES,
) -> tuple[CategoryResult, ...]:
    """Rank each category (edition order, or `categories`) and propose its nominees.

    reviews: every review's latest revision (any status; conflicts and abstentions are
        shown, not counted). projects: submissions to list even without a counted review.
    ineligible: ids of projects with rule findings not overruled; never proposed.
    method: "calibrated" (default; falls back to "raw" where a category's expert-project
        graph is disconnected, and says so), "raw" or "zscore".
    quota: nominees per category; default the edition's `nominees_per_category`.
    use_confidence: weigh the calibration by declared confidence (MacKay et al. 2017).
    seed: for the bootstrap intervals and the probabilities at the cut.
    """
    method = Method(method)
    known = {c.key for c in edition.categories}
    wanted = list(categories) if categories is not None else [c.key for c in edition.categories]
    for key in wanted:
        if key not in known:
            raise ValueError(f"unknown category '{key}' in edition {edition.key}")
    for review in reviews:
        if review.category_key not in known:
            raise ValueError(
                f"review of {review.project_id}: unknown category '{review.category_key}'"
            )
    table = review_table(edition.criteria, reviews)
    barred = frozenset(ineligible)
    places = quota if quota is not None else edition.quotas.nominees_per_category
    extra: dict[str, set[str]] = {}
    for project in projects:
        extra.setdefault(project.category_key, set()).add(project.project_id)
    # The table is sorted by category: each category's reviews are one slice of it.
    categories_of = [r.category_key for r in table.reviews]
    results = []
    for key in wanted:
        rows = np.arange(
            bisect.bisect_left(categories_of, key), bisect.bisect_right(categories_of, key)
        )
        results.append(
            _rank_category(
                edition,
                key,
                table,
                rows,
                extra.get(key, set()),
                barred,
                method,
                places,
                np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))]),
                ridge=ridge,
                use_confidence=use_confidence,
                alpha_level=alpha_level,
                alpha_resamples=alpha_resamples,
                cut_resamples=cut_resamples,
            )
        )
    return tuple(results)


def _rank_category(
    edition: Edition,
    key: str,
    table: ReviewTable,
    rows: IntArray,
    extra_projects: set[str],
    ineligible: frozenset[str],
    method: Method,
    quota: int | None,
    rng: np.random.Generator,
    *,
    ridge: float,
    use_confidence: bool,
    alpha_level: str,
    alpha_resamples: int,
    cut_resamples: int,
) -> CategoryResult:
    codes = table.project_code[rows]
    first_code = int(codes[0]) if len(codes) else 0
    reviewed = list(table.project_names[first_code : int(codes[-1]) + 1] if len(codes) else ())
    # position of each reviewed project (codes are consecutive and sorted by project id)
    position = np.arange(len(reviewed), dtype=np.int64)
    project_ids = reviewed
    if extra_projects - set(reviewed):
        project_ids = sorted(set(reviewed) | extra_projects)
        index = {name: i for i, name in enumerate(project_ids)}
        position = np.array([index[name] for name in reviewed], dtype=np.int64)
    project_index = {name: i for i, name in enumerate(project_ids)}
    counted_rows = rows[table.counted[rows]]
    p = position[table.project_code[counted_rows] - first_code]
    expert_codes, e = np.unique(table.expert_code[counted_rows], return_inverse=True)
    e = e.astype(np.int64)
    expert_ids = [table.expert_names[code] for code in expert_codes.tolist()]
    y = table.composite[counted_rows]
    yf = y.astype(np.float64)
    w = table.weight[counted_rows] if use_confidence else np.ones(len(counted_rows))
    scores = table.scores[counted_rows]
    n_projects, n_experts = len(project_ids), len(expert_ids)
    summary = summarise(p, y, scores, n_projects)
    notes: list[str] = []

    fit = calibration.fit(p, e, yf, w, n_projects, n_experts, ridge=ridge)
    used = method
    calibrated: FloatArray | None = None
    if method is Method.CALIBRATED:
        if fit.components > 1:
            used = Method.RAW
            notes.append(
                f"calibration not identifiable: the expert-project graph has "
                f"{fit.components} separate parts (groups of experts sharing no project); "
                "ranked by raw means instead"
            )
        elif n_experts:
            calibrated = fit.value
    review_value = yf  # what the bootstrap at the cut resamples, per review
    offsets = np.zeros(n_experts)
    offsets_se = np.zeros(n_experts)
    weights_used = np.ones(len(y))
    if used is Method.CALIBRATED and calibrated is not None:
        score = _micro(calibrated)
        offsets, offsets_se, weights_used = fit.offset, fit.offset_se, w
    elif used is Method.ZSCORE:
        z = calibration.zscores(p, e, yf, n_projects, n_experts)
        score = _micro(z.value)
        usable = ~np.isnan(z.per_review)
        review_value = np.where(usable, z.per_review, 0.0)
        weights_used = usable.astype(np.float64)  # dropped experts' reviews weigh nothing
        notes.append(
            "z-scores assume every expert was given projects of the same average quality and spread"
        )
        if z.dropped_experts:
            dropped = ", ".join(expert_ids[i] for i in z.dropped_experts)
            notes.append(f"not in the z-scores (fewer than 2 reviews or no spread): {dropped}")
    else:
        score = summary.raw_mean.copy()

    columns = (
        np.column_stack((yf, scores.astype(np.float64)))
        if len(y)
        else np.zeros((0, 1 + len(table.keys)))
    )
    alphas = agreement.alphas_with_interval(
        p, columns, alpha_level, rng=rng, resamples=alpha_resamples
    )
    composite_alpha = alphas[0]
    criterion_alpha = dict(zip(table.keys, alphas[1:], strict=True))
    without = agreement.alpha_without_each(p, e, yf, n_experts)
    base_interval = (
        composite_alpha.value
        if alpha_level == "interval"
        else agreement.alpha(p, yf, "interval").value
    )
    experts = _expert_rows(expert_ids, e, fit, without, base_interval, used)

    # the cascade
    tie_key = edition.tie_break_criterion
    tie_column = table.keys.index(tie_key) if tie_key in table.keys else None
    # Head-to-head needs each project's composites by expert, but only where printed
    # scores are equal: build them for those projects alone.
    display = np.where(
        score >= 0, (2 * score + nomination.DISPLAY_UNIT) // (2 * nomination.DISPLAY_UNIT), -1
    )
    _, inverse, counts = np.unique(display, return_inverse=True, return_counts=True)
    shared = (counts[inverse] > 1) & (display >= 0)
    by_project: dict[int, dict[str, int]] = {}
    involved = shared[p]
    for pi, ei, value in zip(
        p[involved].tolist(), e[involved].tolist(), y[involved].tolist(), strict=True
    ):
        by_project.setdefault(pi, {})[expert_ids[ei]] = value
    crit_sums = (
        np.rint(np.bincount(p, weights=scores[:, tie_column], minlength=n_projects))
        .astype(np.int64)
        .tolist()
        if tie_column is not None
        else None
    )
    n_list = summary.n.tolist()
    score_list = score.tolist()
    median_list = summary.median.tolist()
    candidates = []
    for i, project_id in enumerate(project_ids):
        n = n_list[i]
        candidates.append(
            nomination.Candidate(
                project_id,
                score_list[i] if n > 0 and score_list[i] >= 0 else None,
                median_list[i] if n else None,
                n,
                crit_sums[i] if crit_sums is not None and n else None,
                by_project.get(i, _NO_SCORES),
            )
        )
    placed = nomination.order(candidates, tie_key if tie_column is not None else None)
    proposal = nomination.propose(
        placed, quota=quota, ineligible=ineligible, minimum_reviews=edition.minimum_reviews
    )

    # the bootstrap at the cut
    p_top = np.full(n_projects, np.nan)
    if quota is not None and cut_resamples > 0 and len(y):
        eligible_order = [
            project_index[q.candidate.project_id]
            for q in placed
            if q.candidate.score is not None and q.candidate.project_id not in ineligible
        ]
        near = np.array(eligible_order[: uncertainty.window(quota)], dtype=np.int64)
        rest = np.array([score[i] for i in eligible_order[len(near) :]], dtype=np.float64)
        if len(near):
            p_top[near] = uncertainty.top_probability(
                near,
                rest,
                p,
                e,
                review_value,
                weights_used,
                offsets,
                offsets_se,
                quota,
                rng=rng,
                resamples=cut_resamples,
            )

    not_counted: dict[int, list[ReviewComposite]] = {}
    for i in rows[~table.counted[rows]].tolist():
        review = table.reviews[i]
        not_counted.setdefault(project_index[review.project_id], []).append(
            ReviewComposite(review, table.status[i], None, table.missing[i])
        )
    large_residual = np.zeros(n_projects, dtype=bool)
    if len(y):
        big = np.abs(np.nan_to_num(fit.std_residual)) >= LARGE_RESIDUAL
        large_residual[p[big]] = True
    all_flags = _project_flags(summary, edition.minimum_reviews, large_residual, p_top)
    # Plain Python values, once per array: the loop below runs once per project.
    has = summary.n > 0
    n_list = summary.n.tolist()
    raw_list = _or_none(summary.raw_mean, has)
    median_list = _or_none(summary.median, has)
    minimum_list = _or_none(summary.minimum, has)
    maximum_list = _or_none(summary.maximum, has)
    sd_list = _or_none(summary.sd, summary.n >= 2)
    p_top_list = _or_none(p_top, ~np.isnan(p_top))
    nothing: list[None] = [None] * n_projects
    calibrated_list = _or_none(_micro(calibrated), has) if calibrated is not None else nothing
    full_list = _or_none(calibrated, has) if calibrated is not None else nothing
    means = summary.criterion_means.tolist()
    no_means = MappingProxyType(dict.fromkeys(table.keys))  # shared, read-only
    keys = table.keys
    project_rows = []
    for rank, q in enumerate(placed, start=1):
        project_id = q.candidate.project_id
        i = project_index[project_id]
        flags = all_flags[i]
        eligible = project_id not in ineligible
        if not eligible:
            flags.append(FLAG_INELIGIBLE)
        if q.tie_group is not None:
            flags.append(FLAG_UNRESOLVED)
        n = n_list[i]
        project_rows.append(
            ProjectRow(
                project_id=project_id,
                rank=rank,
                score=q.candidate.score,
                raw_mean=raw_list[i],
                median=median_list[i],
                calibrated=calibrated_list[i],
                calibrated_full=full_list[i],
                reviews=n,
                minimum=minimum_list[i],
                maximum=maximum_list[i],
                sd=sd_list[i],
                criterion_means=dict(zip(keys, means[i], strict=True)) if n else no_means,
                not_counted=tuple(not_counted.get(i, ())),
                eligible=eligible,
                flags=tuple(flags),
                decided_by=q.decided_by,
                tie_group=q.tie_group,
                p_top=p_top_list[i],
            )
        )
    if fit.components > 1:
        notes.append("expert offsets compare only within each separate part of the graph")
    return CategoryResult(
        category_key=key,
        method_requested=method,
        method_used=used,
        components=fit.components,
        rows=tuple(project_rows),
        experts=experts,
        agreement=Agreement(composite_alpha, criterion_alpha),
        proposal=proposal,
        noise_sd=None if fit.noise_sd is None else fit.noise_sd / MICRO_PER_POINT,
        notes=tuple(notes),
    )


def _or_none(values: npt.NDArray[Any], keep: BoolArray) -> list[Any]:
    """The values as Python numbers, None where `keep` is false."""
    return [v if k else None for v, k in zip(values.tolist(), keep.tolist(), strict=True)]


def _micro(values: FloatArray) -> IntArray:
    """Fitted values rounded to micro-units (fixed rounding before any comparison); -1: none."""
    out = np.full(len(values), -1, dtype=np.int64)
    ok = ~np.isnan(values)
    out[ok] = np.rint(values[ok]).astype(np.int64)
    return out


def _project_flags(
    summary: Summary, minimum_reviews: int | None, large_residual: BoolArray, p_top: FloatArray
) -> list[list[str]]:
    """Each project's flags, computed for all projects at once."""
    n = summary.n
    spread = np.where(n >= 2, summary.maximum - summary.minimum, 0)
    columns = [
        (FLAG_NO_REVIEWS, n == 0),
        (FLAG_FEW_REVIEWS, (n > 0) & (n < (minimum_reviews or 0))),
        (FLAG_RANGE, spread >= DISAGREEMENT_RANGE),
        (FLAG_RESIDUAL, large_residual),
        (FLAG_UNCERTAIN, (p_top >= UNCERTAIN_LOW) & (p_top <= UNCERTAIN_HIGH)),
    ]
    flags: list[list[str]] = [[] for _ in range(len(n))]
    for name, column in columns:
        for i in np.flatnonzero(column).tolist():
            flags[i].append(name)
    return flags


def _expert_rows(
    expert_ids: Sequence[str],
    e: IntArray,
    fit: calibration.Fit,
    without: FloatArray,
    base: float | None,
    used: Method,
) -> tuple[ExpertRow, ...]:
    counts = np.bincount(e, minlength=len(expert_ids))
    rows = []
    for i, expert_id in enumerate(expert_ids):
        offset = float(fit.offset[i]) / MICRO_PER_POINT
        se_raw = fit.offset_se[i]
        se = None if np.isnan(se_raw) else float(se_raw) / MICRO_PER_POINT
        flags = []
        if (
            se is not None
            and se > 0
            and abs(offset) >= LARGE_OFFSET_POINTS
            and abs(offset) / se >= SIGNIFICANT_Z
        ):
            flags.append(FLAG_OFFSET)
        alpha_out = None if np.isnan(without[i]) else float(without[i])
        if base is not None and alpha_out is not None and alpha_out - base >= ALPHA_RISE:
            flags.append(FLAG_APART)
        rows.append(ExpertRow(expert_id, int(counts[i]), offset, se, alpha_out, tuple(flags)))
    return tuple(rows)
