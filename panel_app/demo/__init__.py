"""Demo data: realistic WSIS Prizes submission sets with planted rule violations.

`generate_submission_set` builds one in memory (deterministic for a seed);
`save_demo_set` writes it as the platform's export plus a past-winners list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from panel_app.demo.generator import (
    CLEAN_CASES,
    COLUMNS,
    EXTRA_COLUMNS,
    FIELD_OF_COLUMN,
    PAST_WINNER_COLUMNS,
    RULES,
    CleanCase,
    DemoSet,
    PlantedViolation,
    generate_submission_set,
)
from panel_app.formats.submission_set_writer import write_past_winners, write_submission_set

__all__ = [
    "CLEAN_CASES",
    "COLUMNS",
    "EXTRA_COLUMNS",
    "FIELD_OF_COLUMN",
    "PAST_WINNER_COLUMNS",
    "RULES",
    "CleanCase",
    "DemoSet",
    "PlantedViolation",
    "generate_submission_set",
    "save_demo_set",
]


def save_demo_set(
    demo: DemoSet,
    submissions: Path,
    past_winners: Path | None = None,
    *,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write the submissions (.xlsx/.csv) and, if a path is given, the past winners."""
    write_submission_set(submissions, demo.columns, demo.rows, progress=progress)
    if past_winners is not None:
        write_past_winners(past_winners, demo.past_winners)
