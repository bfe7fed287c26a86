"""Krippendorff's alpha: the published worked examples, undefined cases, and intervals."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panel_app.scoring import agreement

_ = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: 4 coders
# (columns A-D) x 12 units, missing values as None.
KRIPPENDORFF_2011 = [
    [1, 1, _, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [_, 5, 5, 5],
    [_, _, 1, 1],
    [_, 3, _, _],
]

# Hayes & Krippendorff (2007), "Answering the call for a standard reliability measure for
# coding data", Communication Methods and Measures 1(1), Table 1: 5 observers rate 40
# newspaper articles 0-3 (ordinal); the paper reports alpha = .7598.
HAYES_2007 = [
    [1, 1, 2, _, 2], [1, 1, 0, 1, _], [2, 3, 3, 3, _], [_, 0, 0, _, 0], [0, 0, 0, _, 0],
    [0, 0, 0, _, 0], [1, 0, 2, _, 1], [1, _, 2, 0, _], [2, 2, 2, _, 2], [2, 1, 1, 1, _],
    [_, 1, 0, 0, _], [0, 0, 0, 0, _], [1, 2, 2, 2, _], [3, 3, 2, 2, 3], [1, 1, 1, _, 1],
    [1, 1, 1, _, 1], [2, 1, 2, _, 2], [1, 2, 3, 3, _], [1, 1, 0, 1, _], [0, 0, 0, _, 0],
    [0, 0, 1, 1, _], [0, 0, _, 0, 0], [2, 3, 3, 3, _], [0, 0, 0, 0, _], [1, 2, _, 2, 2],
    [0, 1, 1, 1, _], [0, 0, 0, 1, 0], [1, 2, 1, 2, _], [1, 1, 2, 2, _], [1, 1, 2, _, 2],
    [1, 1, 0, _, 0], [2, 1, 2, 1, _], [2, 2, _, 2, 2], [3, 2, 2, 2, _], [2, 2, 2, _, 2],
    [2, 2, 3, _, 2], [2, 2, 2, _, 2], [2, 2, _, 1, 2], [2, 2, 2, 2, _], [1, 1, 1, _, 1],
]  # fmt: skip


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_worked_example(level: str, published: float) -> None:
    found = agreement.alpha_table(KRIPPENDORFF_2011, level)
    assert found.value is not None
    assert round(found.value, 3) == published
    # Unit 12 has a single value: not pairable. 11 units, 40 pairable values.
    assert (found.units, found.values) == (11, 40)


def test_hayes_krippendorff_2007_ordinal() -> None:
    found = agreement.alpha_table(HAYES_2007, "ordinal")
    assert found.value is not None
    assert round(found.value, 4) == 0.7598


def test_interval_closed_form_equals_the_coincidence_matrix() -> None:
    rows = HAYES_2007
    units = np.array([u for u, row in enumerate(rows) for v in row if v is not None])
    values = np.array([float(v) for row in rows for v in row if v is not None])
    unit, value = agreement._pairable(units, values)
    general = agreement._coincidence_alpha(unit, value, "interval")
    assert general is not None
    assert agreement.alpha(units, values, "interval").value == pytest.approx(general, abs=1e-12)


def test_no_pairable_values_is_undefined_not_zero() -> None:
    found = agreement.alpha_table([[4, None], [None, 2], [3, None]], "interval")
    assert found.value is None
    assert found.reason == agreement.NO_PAIRS


@pytest.mark.parametrize("level", agreement.LEVELS)
def test_no_variation_is_undefined_not_one(level: str) -> None:
    found = agreement.alpha_table([[3, 3], [3, 3, 3], [3, None]], level)
    assert found.value is None
    assert found.reason == agreement.NO_VARIATION


def test_perfect_agreement_with_variation_is_one() -> None:
    found = agreement.alpha_table([[1, 1], [4, 4], [2, 2, 2]], "interval")
    assert found.value == pytest.approx(1.0)


def test_bootstrap_interval_is_seeded_and_brackets_the_estimate() -> None:
    units = np.array([u for u, row in enumerate(HAYES_2007) for v in row if v is not None])
    values = np.array([float(v) for row in HAYES_2007 for v in row if v is not None])
    first = agreement.alpha_with_interval(units, values, rng=np.random.default_rng(7))
    again = agreement.alpha_with_interval(units, values, rng=np.random.default_rng(7))
    assert first == again
    assert first.low is not None and first.high is not None and first.value is not None
    assert first.low < first.value < first.high
    assert first.low > 0.5 and first.high < 0.95


def test_ordinal_bootstrap_interval() -> None:
    units = np.array([u for u, row in enumerate(HAYES_2007) for v in row if v is not None])
    values = np.array([float(v) for row in HAYES_2007 for v in row if v is not None])
    found = agreement.alpha_with_interval(
        units, values, "ordinal", rng=np.random.default_rng(1), resamples=200
    )
    assert found.low is not None and found.high is not None
    assert found.low < 0.7598 < found.high


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=4, max_size=4),
        min_size=2,
        max_size=12,
    )
)
def test_alpha_without_each_coder_equals_recomputing(rows: list[list[int | None]]) -> None:
    units, coders, values = [], [], []
    for u, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is not None:
                units.append(u)
                coders.append(c)
                values.append(float(v))
    unit = np.array(units, dtype=np.int64)
    coder = np.array(coders, dtype=np.int64)
    value = np.array(values)
    fast = agreement.alpha_without_each(unit, coder, value, 4)
    for c in range(4):
        keep = coder != c
        slow = agreement.alpha(unit[keep], value[keep], "interval").value
        if slow is None:
            assert np.isnan(fast[c])
        else:
            assert fast[c] == pytest.approx(slow, abs=1e-9)
