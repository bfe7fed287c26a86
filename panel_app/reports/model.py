"""What every PDF report states about itself: which report, from what, made when and by
whom. Filled by the workflow; the report layer only prints it (cover and page footers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["Provenance"]


@dataclass(frozen=True)
class Provenance:
    report: str  # the report's name in docs/formats/reports.md, e.g. "wsis-panel-nominee-report"
    version: int  # its version there: bumped on any change a reader would notice
    title: str  # "Nominee list", printed large on the cover
    edition_key: str
    edition_title: str
    made_at: datetime  # UTC
    made_by: str
    workspace: str  # the file or the database URL, password hidden
    digest: str  # sha256 of the inputs, hex: equal digests, equal inputs
    facts: tuple[tuple[str, str], ...] = field(default=())  # further lines for the cover

    @property
    def short_digest(self) -> str:
        return self.digest[:12]
