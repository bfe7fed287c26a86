"""Kendall's W and the Schulze order: worked examples, undefined cases and properties."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panel_app.scoring.concordance import ALL_TIED, FEW_EXPERTS, FEW_ITEMS, kendall_w, ranks_of
from panel_app.scoring.schulze import schulze_order


def _as_scores(ranks: list[int]) -> dict[str, float]:
    """A judge's ranks (1 = best) as scores, items named P1, P2, ..."""
    return {f"P{i + 1}": -float(rank) for i, rank in enumerate(ranks)}


# A textbook example: 10 projects ranked by 4 judges (columns A-D), no ties;
# S = 1048, so W = 12 * 1048 / (4^2 * (10^3 - 10)) = 12576 / 15840.
JUDGES = {
    "A": [1, 3, 4, 5, 2, 8, 6, 7, 10, 9],
    "B": [2, 1, 4, 5, 6, 3, 8, 7, 10, 9],
    "C": [3, 2, 1, 5, 7, 4, 6, 8, 9, 10],
    "D": [4, 2, 3, 1, 6, 7, 5, 9, 8, 10],
}


def test_kendall_w_textbook_example() -> None:
    result = kendall_w([_as_scores(ranks) for ranks in JUDGES.values()])
    assert result.value == pytest.approx(12576 / 15840)
    assert (result.experts, result.items) == (4, 10)
    assert result.chi_square == pytest.approx(4 * 9 * 12576 / 15840)
    assert result.p_value is not None and result.p_value < 0.001


@pytest.mark.parametrize("judges", [2, 4, 9])
def test_the_p_value_is_the_chi_square_tail_scipy_stats_gives(judges: int) -> None:
    """scipy.special's chdtrc (the app's) against scipy.stats' chi2.sf (left out of the
    installer): the same upper tail of the chi-square distribution."""
    from scipy import stats

    generator = random.Random(judges)
    rankings = [generator.sample(range(1, 8), 7) for _ in range(judges)]
    result = kendall_w([_as_scores(ranks) for ranks in rankings])
    assert result.chi_square is not None and result.p_value is not None
    expected = stats.chi2.sf(result.chi_square, result.items - 1)
    assert result.p_value == pytest.approx(expected, rel=1e-12, abs=1e-300)


def test_kendall_w_tie_correction_by_hand() -> None:
    # Three experts, four items. Expert 2 ties b and c (ranks 2.5, 2.5); expert 3 ties
    # a, b (1.5) and c, d (3.5). Rank sums: a 1+1+1.5=3.5, b 2+2.5+1.5=6, c 3+2.5+3.5=9,
    # d 4+4+3.5=11.5; mean 7.5; S = 16+2.25+2.25+16 = 36.5. Tie terms: expert 2 6,
    # expert 3 6+6: T = 18. W = 12*36.5 / (9*60 - 3*18) = 438 / 486.
    rankings = [
        {"a": 4.0, "b": 3.0, "c": 2.0, "d": 1.0},
        {"a": 4.0, "b": 2.0, "c": 2.0, "d": 1.0},
        {"a": 2.0, "b": 2.0, "c": 1.0, "d": 1.0},
    ]
    assert kendall_w(rankings).value == pytest.approx(438 / 486)


def test_ranks_put_the_highest_score_first_and_average_ties() -> None:
    assert ranks_of({"a": 3.0, "b": 5.0, "c": 3.0, "d": 1.0}) == {
        "b": 1.0,
        "a": 2.5,
        "c": 2.5,
        "d": 4.0,
    }


def test_kendall_w_undefined_cases_say_why() -> None:
    assert kendall_w([{"a": 1.0, "b": 2.0}]).reason == FEW_EXPERTS
    assert kendall_w([]).reason == FEW_EXPERTS
    assert kendall_w([{"a": 1.0}, {"a": 3.0}]).reason == FEW_ITEMS
    tied = kendall_w([{"a": 1.0, "b": 1.0}, {"a": 2.0, "b": 2.0}])
    assert (tied.value, tied.reason) == (None, ALL_TIED)


def test_kendall_w_refuses_rankings_of_different_items() -> None:
    with pytest.raises(ValueError, match="same items"):
        kendall_w([{"a": 1.0, "b": 2.0}, {"a": 1.0, "c": 2.0}])


ITEMS = ["A", "B", "C", "D", "E"]
score_sets = st.integers(min_value=2, max_value=5).flatmap(
    lambda n: st.lists(
        st.lists(st.integers(min_value=1, max_value=5), min_size=n, max_size=n),
        min_size=2,
        max_size=7,
    )
)


def _rankings(rows: list[list[int]]) -> list[dict[str, float]]:
    return [{ITEMS[i]: float(v) for i, v in enumerate(row)} for row in rows]


@settings(max_examples=200, deadline=None)
@given(score_sets)
def test_kendall_w_lies_in_unit_interval(rows: list[list[int]]) -> None:
    result = kendall_w(_rankings(rows))
    if result.value is None:
        assert all(len(set(row)) == 1 for row in rows)
    else:
        assert 0.0 <= result.value <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=5), min_size=2, max_size=5), st.integers(2, 6))
def test_kendall_w_is_one_when_all_experts_agree(row: list[int], experts: int) -> None:
    result = kendall_w(_rankings([row] * experts))
    if len(set(row)) == 1:
        assert result.reason == ALL_TIED
    else:
        assert result.value == pytest.approx(1.0)


@settings(max_examples=100, deadline=None)
@given(score_sets, st.randoms(use_true_random=False))
def test_kendall_w_ignores_the_order_of_experts_and_items(
    rows: list[list[int]], rnd: random.Random
) -> None:
    before = kendall_w(_rankings(rows)).value
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    columns = list(range(len(rows[0])))
    rnd.shuffle(columns)
    after = kendall_w(_rankings([[row[c] for c in columns] for row in shuffled])).value
    assert (before is None) == (after is None)
    if before is not None and after is not None:
        assert after == pytest.approx(before)


# Wikipedia's Schulze method example: 45 voters, five candidates; the result is
# E > A > C > B > D, with the pairwise counts d and the widest paths p printed there.
WIKIPEDIA_45 = [
    (5, "ACBED"),
    (5, "ADECB"),
    (8, "BEDAC"),
    (3, "CABED"),
    (7, "CAEBD"),
    (2, "CBADE"),
    (7, "DCEBA"),
    (8, "EBADC"),
]


def _ballots(profile: list[tuple[int, str]]) -> list[dict[str, float]]:
    ballots = []
    for count, order in profile:
        ballot = {name: float(len(order) - k) for k, name in enumerate(order)}
        ballots += [ballot] * count
    return ballots


def test_schulze_wikipedia_example() -> None:
    order = schulze_order(_ballots(WIKIPEDIA_45))
    assert order.tiers == (("E",), ("A",), ("C",), ("B",), ("D",))
    assert order.ties == ()
    # d[A,B] = 20, d[B,D] = 33 and d[E,D] = 31 as printed; widest path A->C is 28, C->A 25.
    a, b, c, d, e = range(5)
    assert order.pairwise[a, b] == 20 and order.pairwise[b, d] == 33
    assert order.pairwise[e, d] == 31
    assert order.strongest[a, c] == 28 and order.strongest[c, a] == 25
    assert order.strongest[e, a] == 25 and order.strongest[a, e] == 24


def test_schulze_reports_a_cycle_as_a_tie() -> None:
    # A perfect Condorcet cycle of equal strength: nobody beats anybody.
    order = schulze_order(_ballots([(1, "ABC"), (1, "BCA"), (1, "CAB")]))
    assert order.tiers == (("A", "B", "C"),)
    assert order.ties == (("A", "B", "C"),)


def test_schulze_tied_scores_and_unranked_items() -> None:
    # Expert 2 ties A and B; expert 3 did not rank C (a conflict): A over B by 2-0.
    order = schulze_order(
        [{"A": 3.0, "B": 2.0, "C": 1.0}, {"A": 2.0, "B": 2.0, "C": 1.0}, {"A": 2.0, "B": 1.0}]
    )
    assert order.tiers == (("A",), ("B",), ("C",))
    assert order.pairwise[0, 1] == 2 and order.pairwise[1, 0] == 0


ballot_sets = st.lists(
    st.lists(st.integers(min_value=1, max_value=4), min_size=4, max_size=4),
    min_size=1,
    max_size=9,
)


@settings(max_examples=300, deadline=None)
@given(ballot_sets)
def test_schulze_is_a_weak_order_consistent_with_beatpaths(rows: list[list[int]]) -> None:
    order = schulze_order(_rankings(rows))
    flat = [item for tier in order.tiers for item in tier]
    assert sorted(flat) == ITEMS[:4] and len(flat) == len(set(flat))
    for x, y in itertools.permutations(flat, 2):
        if order.beats(x, y):  # the order never puts an item below one it beats
            assert order.position(x) < order.position(y)
        if order.position(x) == order.position(y):
            assert not order.beats(x, y)


@settings(max_examples=300, deadline=None)
@given(ballot_sets)
def test_schulze_picks_the_condorcet_winner(rows: list[list[int]]) -> None:
    order = schulze_order(_rankings(rows))
    d = order.pairwise
    n = len(order.items)
    winners = [x for x in range(n) if all(d[x, y] > d[y, x] for y in range(n) if y != x)]
    if winners:
        assert order.tiers[0] == (order.items[winners[0]],)
