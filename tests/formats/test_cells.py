"""Property tests for the small cell parsers (IDs, SDG lists, dates)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel_app.formats.cells import (
    CellRefused,
    cell_text,
    normalise_id,
    parse_datetime,
    parse_sdgs,
)

GOALS = range(1, 18)
ZURICH = ZoneInfo("Europe/Zurich")


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["int", "float", "text"]))
def test_whole_ids_in_any_form_give_the_digits(number: int, form: str) -> None:
    value: object = {"int": number, "float": float(number), "text": f" {number}.0 "}[form]
    if form == "float" and float(number) != number:
        return  # beyond float precision: not a form a spreadsheet can hold
    assert normalise_id(value) == str(number)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=9))
def test_ids_with_a_fraction_are_refused(number: int, tenth: int) -> None:
    for value in (number + tenth / 10, f"{number}.{tenth}"):
        with pytest.raises(CellRefused) as caught:
            normalise_id(value)
        assert caught.value.code == "submission_set.id_not_whole"


SEPARATORS = st.sampled_from([";", ",", "; ", ", ", " ; ", "\n", " \n ", " ", "/", " and "])
PREFIXES = st.sampled_from(["", "SDG ", "SDG", "sdg ", "Goal ", "goal", "SDG-", "SDG #"])


@given(st.sets(st.sampled_from(list(GOALS)), min_size=1), st.data())
def test_any_goal_set_with_any_separators_parses_back(goals: set[int], data: st.DataObject) -> None:
    ordered = data.draw(st.permutations(sorted(goals)))
    text = data.draw(st.sampled_from(["", " ", "\n"]))
    for index, goal in enumerate(ordered):
        if index:
            text += data.draw(SEPARATORS)
        text += data.draw(PREFIXES) + str(goal) + data.draw(st.sampled_from(["", ".0"]))
    text += data.draw(st.sampled_from(["", " ", "\n", ";"]))
    assert parse_sdgs(text, GOALS) == tuple(sorted(goals))


@given(
    st.lists(st.integers(0, 99).map(str) | st.sampled_from(["03", "00", "7"]), min_size=1),
    st.data(),
)
def test_the_shortcut_for_plain_lists_reads_as_the_general_scan(
    numbers: list[str], data: st.DataObject
) -> None:
    # "3; 5", "SDG 3, SDG 5"... take a shortcut past the scan; with a space around them
    # the same cells take the general scan: both must give the same goals or problem.
    text = ""
    for index, number in enumerate(numbers):
        if index:
            text += data.draw(st.sampled_from([";", ",", "; ", ", "]))
        text += data.draw(st.sampled_from(["", "SDG ", "SDG"])) + number

    def outcome(value: str) -> object:
        try:
            return parse_sdgs(value, GOALS)
        except CellRefused as refused:
            return refused

    assert outcome(text) == outcome(f" {text} ")


@given(st.lists(st.sampled_from(list(GOALS)), min_size=1))
def test_duplicates_collapse(goals: list[int]) -> None:
    assert parse_sdgs("; ".join(map(str, goals)), GOALS) == tuple(sorted(set(goals)))


@given(st.integers().filter(lambda n: not 1 <= n <= 17))
def test_numbers_outside_the_goals_are_refused(number: int) -> None:
    with pytest.raises(CellRefused) as caught:
        parse_sdgs(f"3; {number}", GOALS)
    assert caught.value.code in {"submission_set.sdg_out_of_range", "submission_set.sdg_unreadable"}


@given(st.text(alphabet="abcxyz!?*", min_size=1, max_size=5))
def test_words_are_refused_and_named(word: str) -> None:
    with pytest.raises(CellRefused) as caught:
        parse_sdgs(f"3, {word}", GOALS)
    assert caught.value.code == "submission_set.sdg_unreadable"
    assert caught.value.params["token"] == word


AWARE = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(9000, 1, 1), timezones=st.timezones()
)


@given(AWARE, st.sampled_from(["T", " "]))
def test_iso_with_an_offset_keeps_the_instant(moment: datetime, sep: str) -> None:
    text = moment.isoformat(sep=sep)
    parsed = parse_datetime(text, ZURICH, "Europe/Zurich")
    assert parsed == moment.astimezone(UTC)  # (PEP 495: compare a DST fold time in UTC)
    assert parsed is not None and parsed.tzinfo is UTC


@given(
    st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from([ZURICH, ZoneInfo("America/New_York"), ZoneInfo("Asia/Shanghai")]),
)
def test_naive_times_are_local_to_the_edition(moment: datetime, zone: ZoneInfo) -> None:
    text = moment.replace(microsecond=0).isoformat(sep=" ")
    parsed = parse_datetime(text, zone, str(zone))
    # (PEP 495: compared across zones, a time in a DST gap never equals: compare in UTC)
    assert parsed == moment.replace(microsecond=0, tzinfo=zone, fold=0).astimezone(UTC)


def test_dst_gap_and_fold_take_the_offset_before_the_change() -> None:
    # 2019-03-31 02:30 does not exist in Geneva; 2019-10-27 02:30 happens twice.
    gap = parse_datetime("2019-03-31 02:30", ZURICH, "Europe/Zurich")
    fold = parse_datetime("2019-10-27 02:30", ZURICH, "Europe/Zurich")
    assert gap == datetime(2019, 3, 31, 1, 30, tzinfo=UTC)  # read as +01:00
    assert fold == datetime(2019, 10, 27, 0, 30, tzinfo=UTC)  # the first 02:30, +02:00


@pytest.mark.parametrize(
    "text", ["22/11/2019 23:00", "11/22/2019", "22.11.2019", "Nov 22, 2019", "2019-11-22+01:00"]
)
def test_ambiguous_or_unknown_forms_are_refused(text: str) -> None:
    with pytest.raises(CellRefused) as caught:
        parse_datetime(text, ZURICH, "Europe/Zurich")
    assert caught.value.code == "submission_set.date_unreadable"


def test_excel_serial_range() -> None:
    assert parse_datetime(43791.5, ZURICH, "Z") == datetime(2019, 11, 22, 11, 0, tzinfo=UTC)
    for value in (2019, 1001, -5.0):  # a year or an ID is not a date
        with pytest.raises(CellRefused):
            parse_datetime(value, ZURICH, "Z")


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_cell_text_of_whole_floats_has_no_point_zero(value: float) -> None:
    text = cell_text(value)
    if value.is_integer():
        assert text == str(int(value))
    else:
        assert float(text) == value


def test_offsets_without_colon_and_z() -> None:
    expected = datetime(2019, 11, 22, 22, 0, tzinfo=UTC)
    for text in ("2019-11-22T23:00+0100", "2019-11-22 22:00Z", "2019-11-22 22:00 Z"):
        assert parse_datetime(text, ZURICH, "Z") == expected
    fixed = timezone(timedelta(hours=5, minutes=30))
    assert parse_datetime(datetime(2019, 1, 1, tzinfo=fixed), ZURICH, "Z") == datetime(
        2018, 12, 31, 18, 30, tzinfo=UTC
    )
