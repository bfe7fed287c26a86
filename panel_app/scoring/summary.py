"""Per project, always shown: raw mean and median composite, number of reviews,
minimum-maximum, standard deviation and per-criterion means, over counted reviews only.

Means and medians are integers in micro-units rounded half up from exact integer sums, so
they do not depend on the order reviews arrive in. Projects without a counted review have
n = 0 and -1 in the integer figures (NaN in the float ones).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from panel_app.scoring.composite import FloatArray, IntArray, mean_half_up


@dataclass(frozen=True)
class Summary:
    n: IntArray
    raw_mean: IntArray  # micro-units, -1 where n == 0
    median: IntArray
    minimum: IntArray
    maximum: IntArray
    sd: FloatArray  # sample sd (n - 1), micro-units; NaN where n < 2
    criterion_means: FloatArray  # projects x criteria, on each criterion's scale; NaN: n == 0


def summarise(project: IntArray, composite: IntArray, scores: IntArray, projects: int) -> Summary:
    """Figures per project from counted reviews (`project` indexes 0..projects-1)."""
    n = np.bincount(project, minlength=projects).astype(np.int64)
    has = n > 0
    total = np.bincount(project, weights=composite, minlength=projects)
    # bincount sums in float64: exact for integers below 2**53, far above any total here.
    total_int = np.rint(total).astype(np.int64)
    raw_mean = np.full(projects, -1, dtype=np.int64)
    raw_mean[has] = mean_half_up(total_int[has], n[has])

    minimum = np.full(projects, -1, dtype=np.int64)
    maximum = np.full(projects, -1, dtype=np.int64)
    median = np.full(projects, -1, dtype=np.int64)
    if len(project):
        order = np.lexsort((composite, project))
        sorted_values = composite[order]
        starts = np.concatenate(([0], np.cumsum(n)[:-1]))
        idx = np.flatnonzero(has)
        first = starts[idx]
        last = first + n[idx] - 1
        minimum[idx] = sorted_values[first]
        maximum[idx] = sorted_values[last]
        low_mid = sorted_values[first + (n[idx] - 1) // 2]
        high_mid = sorted_values[first + n[idx] // 2]
        median[idx] = (low_mid + high_mid + 1) // 2  # half up, exact

    sd = np.full(projects, np.nan)
    two = n >= 2
    if two.any():
        values = composite.astype(np.float64)
        mean = np.zeros(projects)
        mean[has] = total_int[has] / n[has]
        squares = np.bincount(project, weights=(values - mean[project]) ** 2, minlength=projects)
        sd[two] = np.sqrt(squares[two] / (n[two] - 1))

    criteria = scores.shape[1]
    criterion_means = np.full((projects, criteria), np.nan)
    for k in range(criteria):
        sums = np.bincount(project, weights=scores[:, k], minlength=projects)
        criterion_means[has, k] = sums[has] / n[has]
    return Summary(n, raw_mean, median, minimum, maximum, sd, criterion_means)
