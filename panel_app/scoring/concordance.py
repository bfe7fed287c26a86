"""Kendall's coefficient of concordance W: how far the experts rank the finalists alike.

Each expert's ranking is given as scores (higher is better) and read as ranks, ties given
their average rank. With m experts, n items, R_i the sum of item i's ranks and T_j the sum
of t^3 - t over the tie groups of expert j (Kendall and Babington Smith 1939):

    W = 12 * sum_i (R_i - m(n+1)/2)^2 / (m^2 (n^3 - n) - m * sum_j T_j)

W runs from 0 (no agreement beyond chance) to 1 (every expert ranks alike). The
chi-square approximation m(n-1)W with n-1 degrees of freedom gives a p-value; with 5
finalists it is rough, so reports print it as a guide only.

Undefined, never a made-up 0 or 1: fewer than 2 experts, fewer than 2 items, or every
expert ranking every item equal (the denominator is 0); `value` is None with the reason.
Every expert must rank every item: the caller leaves out incomplete rankings and says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

# The chi-square distribution's survival function, as scipy.stats.chi2.sf computes it:
# scipy.special alone, not scipy.stats, which would bring optimize, interpolate, integrate,
# spatial and ndimage into every start of the final round and into the installer.
from scipy.special import chdtrc

FEW_EXPERTS = "fewer than 2 experts ranked every item"
FEW_ITEMS = "fewer than 2 items to rank"
ALL_TIED = "every expert ranked every item equal"


@dataclass(frozen=True)
class Concordance:
    value: float | None  # None: undefined, see `reason`
    reason: str | None = None
    experts: int = 0  # m
    items: int = 0  # n
    chi_square: float | None = None  # m(n-1)W
    p_value: float | None = None  # chi-square approximation, n-1 degrees of freedom


def ranks_of(scores: Mapping[str, float]) -> dict[str, float]:
    """Item -> rank, 1 for the highest score, ties sharing their average rank."""
    # Plain Python: a handful of finalists per expert, where scipy's rankdata costs ~2 ms
    # a call in array checks alone.
    ordered = sorted(scores, key=lambda item: -scores[item])
    ranks: dict[str, float] = {}
    start = 0
    for _, group in itertools.groupby(ordered, key=lambda item: scores[item]):
        tied = list(group)
        average = start + (len(tied) + 1) / 2  # places start+1 .. start+len(tied)
        ranks.update(dict.fromkeys(tied, average))
        start += len(tied)
    return ranks


def kendall_w(rankings: Sequence[Mapping[str, float]]) -> Concordance:
    """W of experts' scores of the same items (one mapping item -> score per expert)."""
    m = len(rankings)
    items = sorted(rankings[0]) if rankings else []
    n = len(items)
    for ranking in rankings:
        if sorted(ranking) != items:
            raise ValueError("every expert must score the same items")
    if m < 2:
        return Concordance(None, FEW_EXPERTS, m, n)
    if n < 2:
        return Concordance(None, FEW_ITEMS, m, n)
    ranked = [ranks_of(r) for r in rankings]
    ranks = np.array([[r[item] for item in items] for r in ranked])
    ties = 0.0
    for row in ranks:
        _, counts = np.unique(row, return_counts=True)
        ties += float(np.sum(counts.astype(np.float64) ** 3 - counts))
    denominator = m * m * (n**3 - n) - m * ties
    if denominator <= 0:
        return Concordance(None, ALL_TIED, m, n)
    totals = ranks.sum(axis=0)
    spread = float(np.sum((totals - m * (n + 1) / 2) ** 2))
    # Clipped: floating point may put a perfect agreement a hair above 1.
    w = min(1.0, max(0.0, 12 * spread / denominator))
    chi_square = m * (n - 1) * w
    p_value = float(chdtrc(n - 1, chi_square))
    return Concordance(w, None, m, n, chi_square, p_value)
