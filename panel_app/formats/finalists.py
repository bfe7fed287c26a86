"""The finalists for the secretariat: .xlsx or .csv, format documented in
docs/formats/finalists.md (keep the two in step, and bump FORMAT_VERSION on any change a
reader would notice). Written by the nominee list's table writer: text never becomes a
formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from panel_app.formats.about import Chain, chain_about
from panel_app.formats.nominee_list import Table, write_table

FORMAT_NAME = "wsis-panel-finalists"
FORMAT_VERSION = 4

COLUMNS: tuple[str, ...] = (
    "Category key",
    "Category number",
    "Action line",
    "Category",
    "Rank by votes",
    "Submission ID",
    "Project title",
    "Organisation",
    "Country",
    "Stakeholder type",
    "Valid votes",
    "Status",
    "Tied",
    "Decision reason",
    "Open findings",
    "Analysed",
)
_WIDTHS = (22, 10, 8, 40, 8, 12, 48, 40, 18, 24, 10, 12, 6, 50, 50, 9)
FINALIST = "finalist"
TIED = "tied"  # shares the last place; not (yet) chosen by the chair
REMOVED = "removed"  # a finalist the chair took off, with the reason


@dataclass(frozen=True)
class FinalistRow:
    category_key: str
    category_number: int  # the ITU category number, 1-18
    action_line: str  # "C7"
    category_name: str
    rank: int  # by valid votes, 1 = most; equal votes share a rank
    submission_id: str
    title: str
    organisation: str
    country: str
    stakeholder_type: str
    valid_votes: int
    status: str  # FINALIST, TIED or REMOVED
    tied: bool  # shares the last finalist place with projects beyond the quota
    decision_reason: str  # the finalist decision's rationale; "" for a tie left open
    open_findings: tuple[str, ...] = ()  # its rule findings not overruled, in words
    # Among the finalists the panel analyses for the winner (the edition's top by votes).
    analysed: bool = False

    def values(self) -> tuple[object, ...]:
        return (
            self.category_key,
            self.category_number,
            self.action_line,
            self.category_name,
            self.rank,
            self.submission_id,
            self.title,
            self.organisation,
            self.country,
            self.stakeholder_type,
            self.valid_votes,
            self.status,
            "yes" if self.tied else "no",
            self.decision_reason,
            "; ".join(self.open_findings),
            "yes" if self.analysed else "no",
        )


@dataclass(frozen=True)
class FinalistsInfo:
    """What the About sheet states: what the list was made from, when, by whom."""

    edition_key: str
    edition_title: str
    finalists_per_category: int
    vote_file: str
    vote_file_sha256: str
    vote_kind: str  # "raw" or "tally"
    votes_imported_at: datetime
    votes_read: int
    votes_valid: int
    votes_rejected: int
    open_ties: int  # categories whose last place the chair has still to decide
    notes: str  # what `panel-app finalists` warns of ("" when nothing)
    workspace: str
    inputs_sha256: str
    exported_at: datetime
    exported_by: str
    chain: Chain | None = None  # the audit log it was made from (formats/about.py)
    analysed_per_category: int | None = None  # None: every finalist


def write_finalists(path: Path, rows: Sequence[FinalistRow], info: FinalistsInfo) -> None:
    """Write the finalists to `path` (.xlsx or .csv), replacing it only once complete."""
    table = Table("Finalists", COLUMNS, [row.values() for row in rows], _WIDTHS)
    write_table(path, table, _about(info, len(rows)) + chain_about(info.chain))


def _about(info: FinalistsInfo, count: int) -> list[tuple[str, object]]:
    return [
        ("Format", FORMAT_NAME),
        ("Format version", FORMAT_VERSION),
        ("Edition", info.edition_key),
        ("Edition title", info.edition_title),
        ("Finalists per category", info.finalists_per_category),
        (
            "Analysed per category",
            "every finalist" if info.analysed_per_category is None else info.analysed_per_category,
        ),
        ("Vote file", info.vote_file),
        ("Vote file SHA-256", info.vote_file_sha256),
        ("Vote data", "raw votes" if info.vote_kind == "raw" else "a tally per project"),
        ("Votes imported at (UTC)", _utc(info.votes_imported_at)),
        ("Votes read", info.votes_read),
        ("Valid votes", info.votes_valid),
        ("Rejected votes", info.votes_rejected),
        ("Ties left to the chair", info.open_ties),
        ("Rows", count),
        ("Notes", info.notes),
        ("Workspace", info.workspace),
        ("Inputs SHA-256", info.inputs_sha256),
        ("Exported at (UTC)", _utc(info.exported_at)),
        ("Exported by", info.exported_by),
    ]


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")
