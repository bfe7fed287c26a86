"""Where each project of a category stands: its place, its figures, and its status on the
nominee list (on it, added or removed by the chair, tied at the cut, ineligible), as the
chair's window shows them.

Light at import (the window loads it at start): the ranking's modules come when it runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from panel_app.workflow.nomination.notes import (
    NOTE_ABOVE_QUOTA,
    NOTE_BELOW_QUOTA,
    NOTE_FINDINGS,
    NOTE_GATES_FAILED,
    NOTE_NO_COUNT,
    NOTE_RULE_TIE,
    NOTE_TIE_AT_CUT,
)

if TYPE_CHECKING:  # the ranking brings numpy and scipy
    from panel_app.workflow.nomination.nominees import NominationReport

__all__ = [
    "ADDED",
    "INELIGIBLE",
    "NOTE_ABOVE_QUOTA",
    "NOTE_BELOW_QUOTA",
    "NOTE_FINDINGS",
    "NOTE_GATES_FAILED",
    "NOTE_NO_COUNT",
    "NOTE_RULE_TIE",
    "NOTE_TIE_AT_CUT",
    "NOT_LISTED",
    "ON_LIST",
    "PROPOSED",
    "REMOVED",
    "TIED",
    "NomineeLine",
    "category_lines",
]

ON_LIST, ADDED, TIED, REMOVED, INELIGIBLE, NOT_LISTED = (
    "nominee",
    "added",
    "tied",
    "removed",
    "ineligible",
    "",
)
PROPOSED = "proposed"  # by the chair's rule (an edition with no fixed count): not listed yet


@dataclass(frozen=True)
class NomineeLine:
    """One project of a category's ranking as the table shows it."""

    submission_id: str
    place: int | None  # None: no counted review, not ranked
    title: str
    organisation: str
    score: float | None  # points out of 100
    reviews: int
    status: str  # ON_LIST, ADDED, TIED, PROPOSED, REMOVED, INELIGIBLE or NOT_LISTED
    row: Any  # the scoring engine's ProjectRow, None when not ranked
    reasons: tuple[str, ...]  # the chair's, behind an addition or a removal
    findings: tuple[str, ...] = ()  # a listed project's rule findings not overruled, in words
    rules: tuple[str, ...] = ()  # the rules of those findings (what a column has room for)
    # Each nomination gate as the project's experts answered it (handover.GateVerdict).
    gates: tuple[Any, ...] = ()

    @property
    def failed_gates(self) -> tuple[Any, ...]:
        """The gates a majority of its experts answered it fails."""
        return tuple(g for g in self.gates if g.failed_by_majority)


def category_lines(report: NominationReport, category_key: str) -> list[NomineeLine]:
    """Every project of the category: the ranked ones by place, then the others."""
    from panel_app.scoring.model import points
    from panel_app.workflow.nomination.nominees import (
        STATUS_ADDED,
        STATUS_PROPOSED,
        STATUS_TIED,
    )

    result = next(r for r in report.results if r.category_key == category_key)
    listed = {e.submission_id: e for e in report.entries if e.category_key == category_key}
    listed.update((e.submission_id, e) for e in report.proposed if e.category_key == category_key)
    removed = {d.submission_id: d for d in report.removed if d.category_key == category_key}
    lines = []
    ranked = {row.project_id for row in result.rows}
    for row in result.rows:
        facts = report.facts.get(row.project_id)
        entry = listed.get(row.project_id)
        reasons: tuple[str, ...] = ()
        found = entry.findings if entry is not None else ()
        if entry is not None:
            status = {STATUS_ADDED: ADDED, STATUS_TIED: TIED, STATUS_PROPOSED: PROPOSED}.get(
                entry.status, ON_LIST
            )
            reasons = entry.reasons
        elif row.project_id in removed:
            status, reasons = REMOVED, (removed[row.project_id].reason,)
        elif not row.eligible:
            status = INELIGIBLE
        else:
            status = NOT_LISTED
        lines.append(
            NomineeLine(
                row.project_id,
                row.rank if row.score is not None else None,
                facts.title if facts else "",
                facts.organisation if facts else "",
                None if row.score is None else points(row.score),
                row.reviews,
                status,
                row,
                reasons,
                tuple(f.text for f in found),
                tuple(dict.fromkeys(f.rule_id for f in found)),
                report.gates.get(row.project_id, ()),
            )
        )
    for sid, facts in sorted(report.facts.items()):
        if facts.category_key == category_key and sid not in ranked:
            status = REMOVED if sid in removed else NOT_LISTED
            verdicts = report.gates.get(sid, ())
            lines.append(NomineeLine(sid, None, facts.title, facts.organisation, None, 0,
                                     status, None, (), gates=verdicts))  # fmt: skip
    return lines
