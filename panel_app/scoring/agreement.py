"""Agreement among experts: Krippendorff's alpha, with a bootstrap interval.

alpha = 1 - D_o / D_e (observed over expected disagreement) over the pairable values:
values in units (projects) that hold at least two of them. Computed from the coincidence
matrix as in Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", for the
nominal, ordinal, interval and ratio metrics; the interval metric also has a closed form
over per-unit sums, used for speed (the published examples give both the same values).

Undefined, never a made-up 1.0 or 0: alpha is None with a reason when no unit has two
values, or when every pairable value is the same (D_e = 0).

The interval is a percentile bootstrap over units (projects drawn with replacement, seeded),
not Krippendorff's own resampling of pairable values: it keeps each project's reviews
together, which is what a chair asks ("would other projects have agreed as well?").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from panel_app.scoring.composite import BoolArray, FloatArray, IntArray
from panel_app.scoring.model import Alpha

LEVELS = ("nominal", "ordinal", "interval", "ratio")
NO_PAIRS = "no project has two counted values"
NO_VARIATION = "no variation: every pairable value is the same"
DEFAULT_BOOTSTRAP = 500


def alpha(unit: IntArray, value: FloatArray, level: str = "interval") -> Alpha:
    """Krippendorff's alpha of values grouped by unit (any level, no interval)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    unit, value = _pairable(unit, value)
    if len(value) == 0:
        return Alpha(level, None, NO_PAIRS)
    units = len(np.unique(unit))
    if level == "interval":
        stats = _unit_stats(unit, value)
        result = _interval_from_stats(stats.m, stats.s1, stats.s2)
    else:
        result = _coincidence_alpha(unit, value, level)
    if result is None:
        return Alpha(level, None, NO_VARIATION, units=units, values=len(value))
    return Alpha(level, result, units=units, values=len(value))


def alpha_table(rows: Sequence[Sequence[float | None]], level: str) -> Alpha:
    """alpha of a reliability table: one row per unit, one column per coder, None: missing."""
    units: list[int] = []
    values: list[float] = []
    for u, row in enumerate(rows):
        for cell in row:
            if cell is not None:
                units.append(u)
                values.append(float(cell))
    return alpha(np.array(units, dtype=np.int64), np.array(values, dtype=np.float64), level)


def alpha_with_interval(
    unit: IntArray,
    value: FloatArray,
    level: str = "interval",
    *,
    rng: np.random.Generator,
    resamples: int = DEFAULT_BOOTSTRAP,
) -> Alpha:
    """alpha plus a 95% percentile interval from resampling units."""
    return alphas_with_interval(unit, value[:, None], level, rng=rng, resamples=resamples)[0]


def alphas_with_interval(
    unit: IntArray,
    values: FloatArray,
    level: str = "interval",
    *,
    rng: np.random.Generator,
    resamples: int = DEFAULT_BOOTSTRAP,
) -> list[Alpha]:
    """alpha of each column of `values` (same units), with intervals from shared resamples.

    One set of resampled units serves every column, so a category's composite and its
    criteria are judged on the same bootstrap samples.
    """
    points = [alpha(unit, values[:, j], level) for j in range(values.shape[1])]
    if resamples <= 0 or all(a.value is None for a in points):
        return points
    unit, keep = _pairable_index(unit)
    values = values[keep]
    uniq, dense = np.unique(unit, return_inverse=True)
    samples = np.full((resamples, values.shape[1]), np.nan)
    # Chunks of resamples keep the draws matrix (resamples x units) within a few MB.
    chunk = max(1, 2_000_000 // max(len(uniq), 1))
    if level == "interval":
        stats = [_unit_stats(dense, values[:, j]) for j in range(values.shape[1])]
        table = np.column_stack([np.column_stack((s.m, s.s1, s.s2, s.observed)) for s in stats])
        for first in range(0, resamples, chunk):
            size = min(chunk, resamples - first)
            draws = _unit_draws(len(uniq), size, rng)
            # small products: einsum (BLAS threads cost more than they save); large: BLAS
            if draws.size * table.shape[1] < 4_000_000:
                pooled = np.einsum("bu,uk->bk", draws, table)
            else:
                pooled = draws @ table
            for j in range(values.shape[1]):
                m, s1, s2, obs = (pooled[:, 4 * j + c] for c in range(4))
                samples[first : first + size, j] = _interval_vector(m, s1, s2, obs)
    else:
        order = np.argsort(dense, kind="stable")
        starts = np.searchsorted(dense[order], np.arange(len(uniq)))
        ends = np.searchsorted(dense[order], np.arange(len(uniq)), side="right")
        for first in range(0, resamples, chunk):
            size = min(chunk, resamples - first)
            draws = _unit_draws(len(uniq), size, rng).astype(np.int64)
            for b in range(size):
                picked = np.repeat(np.arange(len(uniq)), draws[b])
                rows = np.concatenate([order[starts[p] : ends[p]] for p in picked])
                units = np.repeat(np.arange(len(picked)), ends[picked] - starts[picked])
                for j in range(values.shape[1]):
                    found = _coincidence_alpha(units, values[rows, j], level)
                    samples[first + b, j] = np.nan if found is None else found
    defined = (~np.isnan(samples)).sum(axis=0)
    if np.all(defined == resamples):
        bounds = np.percentile(samples, [2.5, 97.5], axis=0)  # one call for every column
    else:
        with np.errstate(all="ignore"):
            bounds = np.array(
                [
                    np.percentile(samples[~np.isnan(samples[:, j]), j], [2.5, 97.5])
                    if defined[j]
                    else [np.nan, np.nan]
                    for j in range(samples.shape[1])
                ]
            ).T
    result = []
    for j, point in enumerate(points):
        if point.value is None or defined[j] < resamples / 2:
            result.append(point)
            continue
        low, high = float(bounds[0, j]), float(bounds[1, j])
        result.append(Alpha(level, point.value, None, low, high, point.units, point.values))
    return result


@dataclass(frozen=True)
class UnitStats:
    m: FloatArray  # values per unit
    s1: FloatArray  # sum of (value - centre)
    s2: FloatArray  # sum of squares
    observed: FloatArray  # the unit's term of the observed disagreement


def _unit_stats(unit: IntArray, value: FloatArray) -> UnitStats:
    centre = float(np.mean(value)) if len(value) else 0.0
    x = value - centre  # centring keeps m*S2 - S1^2 from cancelling
    count = int(unit.max()) + 1 if len(unit) else 0
    m = np.bincount(unit, minlength=count).astype(np.float64)
    s1 = _sum_by(unit, x, count)
    s2 = _sum_by(unit, x * x, count)
    return UnitStats(m, s1, s2, _observed(m, s1, s2))


def _observed(m: FloatArray, s1: FloatArray, s2: FloatArray) -> FloatArray:
    # sum over ordered pairs i != j of (x_i - x_j)^2 / (m - 1), zero for units below 2
    out = np.zeros_like(m)
    ok = m >= 2
    out[ok] = 2.0 * (m[ok] * s2[ok] - s1[ok] ** 2) / (m[ok] - 1)
    return out


def _interval_from_stats(m: FloatArray, s1: FloatArray, s2: FloatArray) -> float | None:
    ok = m >= 2
    obs = _observed(m, s1, s2)
    found = _interval_vector(
        np.array([m[ok].sum()]),
        np.array([s1[ok].sum()]),
        np.array([s2[ok].sum()]),
        np.array([obs.sum()]),
    )[0]
    return None if np.isnan(found) else float(found)


def _interval_vector(n: FloatArray, t1: FloatArray, t2: FloatArray, obs: FloatArray) -> FloatArray:
    """alpha from pooled sums; NaN where undefined."""
    expected = 2.0 * (n * t2 - t1**2)  # sum over all ordered pairs of (c - k)^2
    out = np.full(len(n), np.nan)
    scale = np.maximum(np.abs(n * t2), 1.0)
    ok = (n >= 2) & (expected > 1e-12 * scale)
    out[ok] = 1.0 - (n[ok] - 1) * obs[ok] / expected[ok]
    return out


def _pairable(unit: IntArray, value: FloatArray) -> tuple[IntArray, FloatArray]:
    unit, keep = _pairable_index(unit)
    return unit, np.asarray(value, dtype=np.float64)[keep]


def _pairable_index(unit: IntArray) -> tuple[IntArray, BoolArray]:
    """The units of values in units holding at least two, and which values those are."""
    unit = np.asarray(unit, dtype=np.int64)
    if len(unit) == 0:
        return unit, np.zeros(0, dtype=np.bool_)
    keep = np.bincount(unit)[unit] >= 2
    return unit[keep], keep


def _unit_draws(units: int, resamples: int, rng: np.random.Generator) -> FloatArray:
    """resamples x units: how often each unit is drawn in each bootstrap sample."""
    picks = rng.integers(0, units, size=(resamples, units))
    offsets = (np.arange(resamples) * units)[:, None]
    counts = np.bincount((picks + offsets).ravel(), minlength=resamples * units)
    return counts.reshape(resamples, units).astype(np.float64)


def _coincidence_alpha(unit: IntArray, value: FloatArray, level: str) -> float | None:
    labels, code = np.unique(value, return_inverse=True)
    dense_unit = np.unique(unit, return_inverse=True)[1]
    units = int(dense_unit.max()) + 1
    kinds = len(labels)
    counts = np.zeros((units, kinds))
    np.add.at(counts, (dense_unit, code), 1.0)
    m = counts.sum(axis=1)
    scale = 1.0 / (m - 1)
    coincidence = (counts * scale[:, None]).T @ counts
    coincidence -= np.diag((counts * scale[:, None]).sum(axis=0))
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    delta = _delta(labels, n_c, level)
    expected = float(n_c @ delta @ n_c)
    if expected <= 1e-12 * max(n * n, 1.0):
        return None
    observed = float((coincidence * delta).sum())
    return float(1.0 - (n - 1) * observed / expected)


def _delta(labels: FloatArray, n_c: FloatArray, level: str) -> FloatArray:
    c = labels[:, None]
    k = labels[None, :]
    if level == "nominal":
        result: FloatArray = (c != k).astype(np.float64)
        return result
    if level == "interval":
        return (c - k) ** 2
    if level == "ratio":
        total = c + k
        return np.divide((c - k) ** 2, total**2, out=np.zeros_like(total * 1.0), where=total != 0)
    # ordinal: (sum of n_g for g from c to k, minus half of n_c and n_k) squared
    cumulative = np.cumsum(n_c)
    lo = np.minimum.outer(np.arange(len(labels)), np.arange(len(labels)))
    hi = np.maximum.outer(np.arange(len(labels)), np.arange(len(labels)))
    between = cumulative[hi] - cumulative[lo] + n_c[lo]
    ordinal: FloatArray = (between - (n_c[:, None] + n_c[None, :]) / 2.0) ** 2
    return ordinal


def alpha_without_each(
    unit: IntArray, coder: IntArray, value: FloatArray, coders: int
) -> FloatArray:
    """Interval alpha recomputed without each coder in turn (NaN where undefined).

    Closed form: removing one coder changes only the units it coded, so every coder's
    alpha comes from the pooled sums in one pass, not one full recomputation each.
    """
    if len(value) == 0:
        return np.full(coders, np.nan)
    stats = _unit_stats(unit, value)
    centre = float(np.mean(value))
    x = value - centre
    m, s1, s2 = stats.m, stats.s1, stats.s2
    pair = m >= 2
    total_n = m[pair].sum()
    total_s1 = s1[pair].sum()
    total_s2 = s2[pair].sum()
    total_obs = stats.observed.sum()
    # per review: the unit's figures before and after taking this value out
    m_before, s1_before, s2_before = m[unit], s1[unit], s2[unit]
    m_after, s1_after, s2_after = m_before - 1, s1_before - x, s2_before - x * x
    before_pair = m_before >= 2
    after_pair = m_after >= 2
    d_obs = _observed(m_after, s1_after, s2_after) - _observed(m_before, s1_before, s2_before)
    d_n = np.where(after_pair, m_after, 0.0) - np.where(before_pair, m_before, 0.0)
    d_s1 = np.where(after_pair, s1_after, 0.0) - np.where(before_pair, s1_before, 0.0)
    d_s2 = np.where(after_pair, s2_after, 0.0) - np.where(before_pair, s2_before, 0.0)

    def per_coder(d: FloatArray) -> FloatArray:
        return _sum_by(coder, d, coders)

    return _interval_vector(
        total_n + per_coder(d_n),
        total_s1 + per_coder(d_s1),
        total_s2 + per_coder(d_s2),
        total_obs + per_coder(d_obs),
    )


def _sum_by(index: IntArray, weights: FloatArray, length: int) -> FloatArray:
    """Sum of weights per index value (bincount, typed as floats)."""
    return np.asarray(np.bincount(index, weights=weights, minlength=length), dtype=np.float64)
