"""A read lets go of its file the moment it ends, however it ends: read whole, refused,
or left half way. Not later, when the garbage collector happens by: on Windows an open
handle keeps the chair from moving or deleting the file, and the suite failed at random on
the ResourceWarning of a CSV handle collected during some later test.

A CSV is read once per candidate delimiter (`;` files: the `,` reading is started too,
to look for the header). The refusals here are caught as a person's code would catch
them, keeping the exception, whose traceback holds the readers' frames in a cycle that
only the collector could break; the collector is off while each test runs.
"""

from __future__ import annotations

import csv
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from panel_app.edition import Edition
from panel_app.formats.past_winners import read_past_winners
from panel_app.formats.submission_set import read_submission_set
from panel_app.formats.votes import open_votes
from panel_app.problems import InputRefused

from ..handles import handles_on
from .conftest import row, write_csv
from .test_votes import HEADER, VOTE

ROWS = 40  # more than the header scan reads ahead, so the unchosen reading stays open


@pytest.fixture(autouse=True)
def no_garbage_collector() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if was_enabled:
        gc.enable()


def test_the_handle_counter_sees_an_open_file(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text("a\n", encoding="utf-8")
    with path.open(encoding="utf-8"):
        assert handles_on(path) == 1
    assert handles_on(path) == 0


def test_a_submission_set_read_whole_is_closed(tmp_path: Path, edition: Edition) -> None:
    rows = [row(1000 + i) for i in range(ROWS)]
    path = write_csv(tmp_path / "set.csv", rows, delimiter=";")
    records = read_submission_set(path, edition)
    assert len(records) == ROWS
    assert handles_on(path) == 0


def test_a_submission_set_refused_half_way_is_closed(tmp_path: Path, edition: Edition) -> None:
    rows = [row(1000 + i) for i in range(ROWS)]
    path = write_csv(tmp_path / "set.csv", rows, delimiter=";")
    with path.open("a", encoding="utf-8") as stream:  # a quote never closed: unreadable
        stream.write('2000;"Project 2000;Ministry\r\n')
        stream.writelines(f"{3000 + i};Project;Ministry\r\n" for i in range(ROWS))
    with pytest.raises(InputRefused) as caught:
        read_submission_set(path, edition)
    assert caught.value.problems[-1].code == "csv.malformed"
    assert handles_on(path) == 0


def test_a_list_refused_at_its_header_is_closed(tmp_path: Path) -> None:
    path = tmp_path / "winners.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(["Project title", "Organisation", "Year of the prize"])
        writer.writerows([f"Project {i}", "Ministry", "2019"] for i in range(ROWS))
    with pytest.raises(InputRefused) as caught:
        read_past_winners(path)
    assert caught.value.problems[0].code == "past_winners.column_missing"
    assert handles_on(path) == 0


def _votes(path: Path, header: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=";")
        writer.writerow(header)
        writer.writerows([f"voter{i}", *VOTE[1:], "2020-02-01 10:00"] for i in range(ROWS))
    return path


def test_a_vote_file_left_half_read_is_closed(tmp_path: Path, edition: Edition) -> None:
    path = _votes(tmp_path / "votes.csv", HEADER)
    with open_votes(path, edition) as votes:
        first = next(votes.votes)
        assert handles_on(path) >= 1
    assert first.voter == "voter0"
    assert handles_on(path) == 0


def test_a_vote_file_refused_at_its_header_is_closed(tmp_path: Path, edition: Edition) -> None:
    header = ["Project" if h == "Submission ID" else h for h in HEADER]
    path = _votes(tmp_path / "votes.csv", header)
    with pytest.raises(InputRefused) as caught, open_votes(path, edition):
        pass
    assert caught.value.problems[0].code == "votes.header_not_found"
    assert handles_on(path) == 0
