"""The notes the core writes on a category's nominee list and final round (problems.Note)
are said by the windows in their own words and language: every code has its sentence,
filled with the note's parameters, never the core's English."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

import panel_app.workflow.final as final_notes
import panel_app.workflow.nomination.standing as list_notes
from panel_app.problems import Note
from panel_app.ui.chair.final_round import FinalRoundWindow
from panel_app.ui.chair.nominees import NomineesWindow
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.workspace import WorkspaceLocation, locate_workspace, open_workspace

from ..workflow.conftest import submission_row, write_workbook

ENGLISH = "the core's English"
PARAMS = {
    "ids": "1001, 1002",
    "count": 2,
    "places": 1,
    "top": 8,
    "listed": 21,
    "above": 1,
    "quota": 20,
    "analysed": "1001, 1002, 1003",
    "not_analysed": "1004, 1005",
    "eligible": 4,
    "winners": 1,
    "champions": 4,
    "experts": "E07",
}


def _codes(module: object, *left_out: str) -> list[str]:
    names = [n for n in dir(module) if n.startswith("NOTE_") and n not in left_out]
    assert names
    return [str(getattr(module, n)) for n in names]


@pytest.fixture
def location(tmp_path: Path) -> WorkspaceLocation:
    where = locate_workspace(tmp_path / "ws.sqlite")
    with open_workspace(where, create=True, edition_key="wsis-2020") as ws:
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", [submission_row(1001)]))
        run_checks(ws)  # as the import's command and window do
    return where


def test_every_note_on_a_nominee_list_has_the_windows_words(
    qtbot: QtBot, settings: QSettings, location: WorkspaceLocation
) -> None:
    window = NomineesWindow(settings, location)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.ranking.busy, timeout=30_000)  # read (or refused)
    # The edition-wide note (no count) is the window's own first line, not a category's.
    for code in _codes(list_notes, "NOTE_NO_COUNT"):
        words = window._note_words(Note(code, ENGLISH, PARAMS, "C7-ehealth"))
        assert words != ENGLISH and "{" not in words, code
    tie = window._note_words(Note(list_notes.NOTE_TIE_AT_CUT, ENGLISH, PARAMS))
    assert tie == (
        "2 projects tie for 1 place(s) at the cut (1001, 1002): select the ones the panel "
        "picks and add them (List > Add to the list…)."
    )
    assert window._note_words(Note("", ENGLISH)) == ENGLISH  # the ranking's own, as written


def test_every_note_on_a_final_round_has_the_windows_words(
    qtbot: QtBot, settings: QSettings, location: WorkspaceLocation
) -> None:
    window = FinalRoundWindow(settings, location)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.loading.busy, timeout=30_000)  # read (or refused)
    for code in _codes(final_notes, "NOTE_FINALIST_TIE", "NOTE_ORDER_TIE"):
        words = window._note_words(Note(code, ENGLISH, PARAMS, "C7-ehealth"))
        assert words != ENGLISH and "{" not in words, code
    for order in ("schulze", "mean"):
        for place in ("winner", "champion"):
            params = {**PARAMS, "order": order, "place": place}
            words = window._note_words(Note(final_notes.NOTE_ORDER_TIE, ENGLISH, params))
            assert words.startswith("A tie in the ") and "(1001, 1002)" in words
    # The finalists' tie: the window says it itself, above the notes.
    assert window._note_words(Note(final_notes.NOTE_FINALIST_TIE, ENGLISH, PARAMS)) == ""
