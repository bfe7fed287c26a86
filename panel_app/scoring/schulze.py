"""The Schulze order of the experts' rankings (beatpath, widest path).

Each expert gives a weak order of the items they ranked (scores, higher is better; equal
scores: no preference). d[X][Y] counts the experts who put X strictly above Y; an item left
unranked by an expert (a conflict of interest) takes part in none of that expert's pairs.
A link X -> Y has strength d[X][Y] when d[X][Y] > d[Y][X] (winning votes), otherwise none;
p[X][Y] is the strength of the widest path from X to Y (Floyd-Warshall), and X beats Y
when p[X][Y] > p[Y][X] (Schulze 2011, "A new monotonic, clone-independent, reversal
symmetric, and Condorcet-consistent single-winner election method").

The order is reported as tiers: the items no remaining item beats form the first tier,
then the same among the rest, and so on. Items sharing a tier are tied in the Schulze
order, and the report says so; the method picks no one between them, the chair does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntMatrix = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SchulzeOrder:
    items: tuple[str, ...]  # sorted: the index order of the matrices
    tiers: tuple[tuple[str, ...], ...]  # best first; a tier of several is a tie
    pairwise: IntMatrix  # d[X][Y]: experts preferring X to Y
    strongest: IntMatrix  # p[X][Y]: widest path strength

    @property
    def ties(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tier for tier in self.tiers if len(tier) > 1)

    def position(self, item: str) -> int:
        """1-based tier of `item` (tied items share it)."""
        for number, tier in enumerate(self.tiers, start=1):
            if item in tier:
                return number
        raise KeyError(item)

    def beats(self, x: str, y: str) -> bool:
        i, j = self.items.index(x), self.items.index(y)
        return bool(self.strongest[i, j] > self.strongest[j, i])


def pairwise_preferences(
    items: Sequence[str], rankings: Sequence[Mapping[str, float]]
) -> IntMatrix:
    """d[X][Y]: how many rankings put X strictly above Y (both ranked)."""
    index = {item: k for k, item in enumerate(items)}
    d = np.zeros((len(items), len(items)), dtype=np.int64)
    for ranking in rankings:
        known = [(index[item], float(score)) for item, score in ranking.items()]
        if len(known) < 2:
            continue
        positions = np.array([k for k, _ in known])
        scores = np.array([s for _, s in known])
        above = scores[:, None] > scores[None, :]
        d[np.ix_(positions, positions)] += above
    return d


def widest_paths(d: IntMatrix) -> IntMatrix:
    """p[X][Y] by Floyd-Warshall over the winning links (0: no path)."""
    p = np.where(d > d.T, d, 0).astype(np.int64)
    np.fill_diagonal(p, 0)
    for k in range(len(p)):
        through = np.minimum(p[:, k][:, None], p[k, :][None, :])
        p = np.maximum(p, through)
        np.fill_diagonal(p, 0)
    return p


def schulze_order(rankings: Sequence[Mapping[str, float]]) -> SchulzeOrder:
    """The Schulze order of the items any ranking names, ties reported as shared tiers."""
    items = tuple(sorted({item for ranking in rankings for item in ranking}))
    d = pairwise_preferences(items, rankings)
    p = widest_paths(d)
    beaten = p < p.T  # beaten[X][Y]: Y beats X
    left = list(range(len(items)))
    tiers: list[tuple[str, ...]] = []
    while left:
        top = [x for x in left if not any(beaten[x, y] for y in left)]
        # The beat relation is a strict partial order (Schulze 2011, section 4.1), so some
        # item is always unbeaten; the fallback only guards against a broken invariant.
        top = top or list(left)
        tiers.append(tuple(items[x] for x in top))
        left = [x for x in left if x not in top]
    return SchulzeOrder(items, tuple(tiers), d, p)
