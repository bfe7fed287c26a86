"""The final results for the secretariat (winners and champions): .xlsx or .csv, format
documented in docs/formats/results.md (keep the two in step, and bump FORMAT_VERSION on
any change a reader would notice).

Written by the nominee list's table writer, so text never becomes a formula there either
(in .xlsx text cells are strings with Excel's quote prefix, in .csv a text that starts
like a formula has an invisible guard in front: text_cells.py) and any text opens.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from panel_app.characters import clean_text
from panel_app.formats.about import Chain, chain_about
from panel_app.formats.nominee_list import SCORE_DECIMALS, Table, write_table

FORMAT_NAME = "wsis-panel-results"
FORMAT_VERSION = 3

COLUMNS: tuple[str, ...] = (
    "Category key",
    "Category",
    "Award",
    "Submission ID",
    "Project title",
    "Organisation",
    "Country",
    "Stakeholder type",
    "Final score",
    "Reviews",
    "Public vote",
    "Analysed",
    "Decided by",
    "Decided at (UTC)",
    "Reason",
)
_WIDTHS = (22, 40, 10, 12, 48, 40, 18, 24, 10, 8, 36, 9, 16, 20, 60)
_SCORE = COLUMNS.index("Final score")


@dataclass(frozen=True)
class ResultRow:
    category_key: str
    category_name: str
    award: str  # "winner" or "champion"
    submission_id: str
    title: str
    organisation: str
    country: str
    stakeholder_type: str
    final_score: float | None  # mean final-round composite, 0-100; None: no counted review
    reviews: int  # counted final-round reviews
    vote: str  # the finalist decision: "public vote: N valid votes, rank R"
    reason: str  # the chair's reason for the category's selection
    decided_by: str
    decided_at: datetime  # UTC
    # Among the finalists the panel analysed in depth (the edition's top by votes; 2017:
    # three): every winner is; a champion beyond them was not scored in the final round.
    analysed: bool = True

    def values(self) -> tuple[object, ...]:
        score = None if self.final_score is None else round(self.final_score, SCORE_DECIMALS)
        return (
            self.category_key,
            self.category_name,
            self.award,
            self.submission_id,
            self.title,
            self.organisation,
            self.country,
            self.stakeholder_type,
            score,
            self.reviews,
            self.vote,
            "yes" if self.analysed else "no",
            self.decided_by,
            self.decided_at.strftime("%Y-%m-%d %H:%M:%S"),
            self.reason,
        )


@dataclass(frozen=True)
class ResultsInfo:
    """What the About sheet states: where the results come from."""

    edition_key: str
    edition_title: str
    edition_digest: str  # sha256 of the edition file
    workspace: str  # the workspace file's name, or its URL without the password
    exported_at: datetime
    exported_by: str
    without_selection: tuple[str, ...]  # category keys with finalists but no selection yet
    chain: Chain | None = None  # the audit log it was made from (formats/about.py)


def results_digest(rows: Sequence[ResultRow], info: ResultsInfo) -> str:
    """sha256 of the edition and the rows: equal digests, equal results (whenever written).
    Texts count as the files hold them (panel_app.characters.clean_text)."""
    fields = [
        {k: clean_text(v) if isinstance(v, str) else v for k, v in asdict(row).items()}
        for row in rows
    ]
    canonical = json.dumps(
        {"edition": info.edition_digest, "rows": fields},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def write_results(path: Path, rows: Sequence[ResultRow], info: ResultsInfo) -> str:
    """Write the results to `path` (.xlsx or .csv), replacing it only once complete;
    returns the inputs' digest."""
    digest = results_digest(rows, info)
    values = [row.values() for row in rows]
    table = Table("Results", COLUMNS, values, _WIDTHS, score_columns=(_SCORE,))
    write_table(path, table, _about(info, len(rows), digest) + chain_about(info.chain))
    return digest


def _about(info: ResultsInfo, count: int, digest: str) -> list[tuple[str, object]]:
    return [
        ("Format", FORMAT_NAME),
        ("Format version", FORMAT_VERSION),
        ("Edition", info.edition_key),
        ("Edition title", info.edition_title),
        ("Rows", count),
        ("Categories without a selection", ", ".join(info.without_selection) or "none"),
        ("Exported at (UTC)", info.exported_at.strftime("%Y-%m-%d %H:%M:%S")),
        ("Exported by", info.exported_by),
        ("Workspace", info.workspace),
        ("Edition file SHA-256", info.edition_digest),
        ("Inputs SHA-256", digest),
    ]
