"""Sections every report shares, over plain records: agreement figures, the decisions
with their reasons, the warnings. A report module adds its own sections beside these."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Flowable

from panel_app.reports.document import heading, note, paragraph, table

__all__ = ["AgreementFigure", "DecisionLine", "decisions_section", "warnings_section"]


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
