"""The read-ahead thread: same items in order, errors surface, early exits stop it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel_app.workflow.read_ahead import read_ahead


@given(st.lists(st.integers(), max_size=50))
def test_items_arrive_in_order(items: list[int]) -> None:
    with read_ahead(items) as ahead:
        assert list(ahead) == items


def test_an_error_in_the_source_is_raised_to_the_consumer() -> None:
    def source() -> Iterator[int]:
        yield 1
        raise ValueError("sheet damaged at row 2")

    with read_ahead(source()) as ahead, pytest.raises(ValueError, match="row 2"):
        list(ahead)


def test_leaving_early_stops_the_producer() -> None:
    produced: list[int] = []

    def endless() -> Iterator[int]:
        n = 0
        while True:
            produced.append(n)
            yield n
            n += 1

    with read_ahead(endless()) as ahead:
        assert next(ahead) == 0
    before = len(produced)
    assert before < 10  # it ran only a few items ahead
    assert not any(t.name == "read-ahead" and t.is_alive() for t in threading.enumerate())
