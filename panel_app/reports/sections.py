"""Sections every report shares, over plain records: agreement figures, the decisions
with their reasons, the warnings. A report module adds its own sections beside these.
And what every report writer tells its caller: the characters no font of the app has."""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable

from panel_app.reports import fonts
from panel_app.reports.document import heading, note, paragraph, table

__all__ = [
    "AgreementFigure",
    "DecisionLine",
    "decisions_section",
    "missing_characters",
    "warnings_section",
]


@dataclass(frozen=True)
class AgreementFigure:
    """Krippendorff's alpha (interval level) on the composite, or why it is undefined."""

    value: float | None
    low: float | None = None  # bootstrap 95% interval
    high: float | None = None
    units: int = 0  # projects with two or more counted reviews
    reason: str | None = None

    def text(self) -> str:
        if self.value is None:
            return f"undefined ({self.reason})" if self.reason else "undefined"
        interval = (
            f" (95% interval {self.low:.2f} to {self.high:.2f})"
            if self.low is not None and self.high is not None
            else ""
        )
        return f"{self.value:.2f}{interval}, {self.units} projects"


@dataclass(frozen=True)
class DecisionLine:
    at: datetime
    by: str
    what: str  # "nominee added", "nominee removed", "finding overruled", "list frozen", ...
    subject: str  # the submission (ID and title) or the list
    category: str
    reason: str


def decisions_section(decisions: Sequence[DecisionLine]) -> list[Flowable]:
    story: list[Flowable] = [heading("Decisions and their reasons")]
    if not decisions:
        return [*story, paragraph("No decision recorded.")]
    rows = [
        (f"{d.at:%Y-%m-%d %H:%M}", d.by, d.what, d.subject, d.category, d.reason) for d in decisions
    ]
    return [
        *story,
        table(
            ("When (UTC)", "Who", "What", "Subject", "Category", "Reason"),
            rows,
            (58, 36, 78, 110, 82, 128),
        ),
    ]


def warnings_section(warnings: Sequence[str]) -> list[Flowable]:
    if not warnings:
        return []
    return [heading("What the chair must look at", 2), *(note(w) for w in warnings)]


_LISTED = 10  # characters named in the warning; the rest counted


def _texts(value: object, owner: str) -> Iterator[tuple[str, str]]:
    """Every text of a report's records, with the submission it belongs to ("" if none)."""
    if isinstance(value, str):
        yield owner, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        owner = str(getattr(value, "submission_id", owner))
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name), owner)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item, owner)


def _described(char: str, owners: list[str]) -> str:
    kind = {"Co": "private use", "Cn": "unassigned"}.get(unicodedata.category(char), "")
    name = unicodedata.name(char, kind)
    where = ", ".join(o if o else "elsewhere" for o in owners)
    return f"U+{ord(char):04X}{f' {name}' if name else ''} (in {where})"


def missing_characters(report: object) -> tuple[str, ...]:
    """What the chair is told when a text of `report` (its records, walked whole) holds
    characters no font of the app has: the report prints each as its code point in a
    frame ("U+0F40") where the name has it. Empty when every character is drawn."""
    where: dict[str, list[str]] = {}
    for owner, text in _texts(report, ""):
        for char in fonts.missing(text):
            owners = where.setdefault(char, [])
            if owner not in owners:
                owners.append(owner)
    if not where:
        return ()
    listed = [_described(char, owners) for char, owners in list(where.items())[:_LISTED]]
    more = f"; and {len(where) - _LISTED} more" if len(where) > _LISTED else ""
    return (
        f"{len(where)} character(s) no font of the app has are printed in the report as "
        f"their code point in a frame: {'; '.join(listed)}{more}.",
    )
