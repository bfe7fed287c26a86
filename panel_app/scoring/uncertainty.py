"""Uncertainty at the cut: how often a project lands in the top N when the reviews vary.

Bootstrap over reviews, seeded and deterministic: in each resample every project's counted
reviews are drawn with replacement (as many as it has), its score is recomputed the way
the ranking method computes it, and the top N eligible projects are counted. Calibrated
scores keep the fitted expert offsets, each drawn afresh from its estimate and standard
error (so an uncertain offset widens the spread); refitting the whole model per resample
would cost a hundred times more for a small difference at the cut.

Only the projects near the line are resampled (the first `3 * quota + 10` eligible
projects by rank, by default); those further down stay at their point scores, which can
only make a near-cut project look safer by a hair. A tie at the line shares the places:
two projects tied for the last place each count one half.
"""

from __future__ import annotations

import numpy as np

from panel_app.scoring.composite import FloatArray, IntArray

DEFAULT_RESAMPLES = 500


def window(quota: int) -> int:
    """How many eligible projects from the top are resampled."""
    return 3 * quota + 10


def top_probability(
    candidates: IntArray,
    others: FloatArray,
    review_project: IntArray,
    review_expert: IntArray,
    value: FloatArray,
    weight: FloatArray,
    offset: FloatArray,
    offset_se: FloatArray,
    quota: int,
    *,
    rng: np.random.Generator,
    resamples: int = DEFAULT_RESAMPLES,
) -> FloatArray:
    """Probability of each candidate project being among the top `quota`.

    `candidates`: project indices near the line; `others`: point scores (micro) of the
    eligible projects below them; reviews given as project, expert, value (micro),
    weight; `offset`/`offset_se` per expert (zeros for raw and z-score rankings).
    """
    k = len(candidates)
    if k == 0 or resamples <= 0:
        return np.zeros(k)
    position = np.full(int(max(candidates.max(), review_project.max(initial=0))) + 1, -1)
    position[candidates] = np.arange(k)
    mine = position[review_project] >= 0 if len(review_project) else np.zeros(0, bool)
    slot_project = position[review_project[mine]]
    order = np.argsort(slot_project, kind="stable")
    rev_value = value[mine][order]
    rev_weight = weight[mine][order]
    rev_expert = review_expert[mine][order]
    rev_project = slot_project[order]
    counts = np.bincount(rev_project, minlength=k)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    # One draw per review slot: slot s of project p picks one of p's reviews.
    u = rng.random((resamples, len(rev_value)))
    picked = starts[rev_project] + np.floor(u * counts[rev_project]).astype(np.int64)
    noise = rng.standard_normal((resamples, len(offset)))
    se = np.where(np.isfinite(offset_se), offset_se, 0.0)
    offsets = offset[None, :] + noise * se[None, :]
    rows = np.arange(resamples)[:, None]
    # flat indices: a two-array fancy index costs several times more
    adjusted = rev_value[picked] - np.take(offsets, rows * len(offset) + rev_expert[picked])
    w = rev_weight[picked]
    flat = (rows * k + rev_project[None, :]).ravel()
    totals = np.bincount(flat, weights=(w * adjusted).ravel(), minlength=resamples * k)
    weights = np.bincount(flat, weights=w.ravel(), minlength=resamples * k)
    scores = np.rint(totals / np.where(weights > 0, weights, 1.0)).reshape(resamples, k)
    # The quota-th best score of each resample, among the candidates and the point scores
    # of those below them (only their best `quota` can matter).
    outside = np.sort(np.rint(others))[::-1][:quota]
    pool = np.concatenate((scores, np.broadcast_to(outside, (resamples, len(outside)))), axis=1)
    if pool.shape[1] <= quota:
        return np.ones(k)
    line = -np.partition(-pool, quota - 1, axis=1)[:, quota - 1 : quota]
    above = (pool > line).sum(axis=1, keepdims=True)
    level = (pool == line).sum(axis=1, keepdims=True)
    share = np.where(scores > line, 1.0, np.where(scores == line, (quota - above) / level, 0.0))
    result: FloatArray = share.mean(axis=0)
    return result
