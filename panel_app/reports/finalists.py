"""The finalists report (PDF): the vote audit (votes read, valid, rejected by each reason in
the rules' words, with examples), then per category every nominee's valid votes and rank,
the finalists, the ties at the last place and a chart of the votes.
Contents and versioning: docs/formats/reports.md (bump VERSION on any change a reader
would notice).

Pure: it renders the dataclasses below, which the workflow fills from a workspace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak

from panel_app.reports.charts import Bar, bars_chart
from panel_app.reports.document import (
    CONTENT_WIDTH,
    build_pdf,
    cover,
    heading,
    keep,
    note,
    paragraph,
    room,
    table,
)
from panel_app.reports.model import Provenance
from panel_app.reports.sections import missing_characters, warnings_section

__all__ = [
    "NAME",
    "VERSION",
    "FinalistsReport",
    "RejectedExample",
    "RejectedVotes",
    "Standing",
    "VoteCategory",
    "write_finalists_report",
]

NAME = "wsis-panel-finalists-report"
VERSION = 1


@dataclass(frozen=True)
class RejectedVotes:
    reason: str  # the audit's key, e.g. "duplicate"
    words: str  # what the rule says, e.g. "another vote by the same voter ... came first"
    count: int


@dataclass(frozen=True)
class RejectedExample:
    row: int  # in the vote file
    reason: str
    detail: str


@dataclass(frozen=True)
class Standing:
    rank: int  # 1 = most valid votes; equal votes share a rank
    submission_id: str
    title: str
    organisation: str
    votes: int
    status: str  # "finalist", "tied" (for the last place), "not-finalist"


@dataclass(frozen=True)
class VoteCategory:
    key: str
    name: str
    standings: tuple[Standing, ...]  # every nominee, most votes first
    finalists: tuple[str, ...]  # as stored (the chair's say included)
    tied: tuple[str, ...] = ()  # tied for the last places, the chair not decided yet
    open_places: int = 0
    removed: tuple[tuple[str, str], ...] = ()  # (ID, reason): taken off by the chair
    findings: tuple[tuple[str, str], ...] = ()  # (ID, finding in words): not overruled
    # The finalists the panel analyses for the winner, when not all are (2017: the top 3).
    analysed: tuple[str, ...] = ()


@dataclass(frozen=True)
class FinalistsReport:
    provenance: Provenance
    kind: str  # "raw" (one row per vote) or "tally"
    votes_read: int
    valid: int
    rejected: tuple[RejectedVotes, ...]  # every reason, in the audit's order
    examples: tuple[RejectedExample, ...]
    finalists_per_category: int
    categories: tuple[VoteCategory, ...]
    warnings: tuple[str, ...] = field(default=())


def write_finalists_report(path: Path, report: FinalistsReport) -> tuple[str, ...]:
    """Write the report to `path`; what to tell the person who made it: the characters
    printed as their code point, no font having them (sections.missing_characters)."""
    story: list[Flowable] = [*cover(report.provenance, _summary(report)), *audit_section(report)]
    for part in report.categories:
        story += category_section(part)
    story += warnings_section(report.warnings)
    build_pdf(path, report.provenance, story)
    return missing_characters(report)


def _summary(report: FinalistsReport) -> list[Flowable]:
    finalists = sum(len(p.finalists) for p in report.categories)
    ties = [p.key for p in report.categories if p.tied]
    return [
        paragraph(
            f"{finalists} finalists in {len(report.categories)} categories: the "
            f"{report.finalists_per_category} nominees with the most valid public votes in "
            f"each. {report.valid:,} of {report.votes_read:,} votes read are valid."
            + (f" Ties at the last place, for the chair: {', '.join(ties)}." if ties else "")
        )
    ]


def audit_section(report: FinalistsReport) -> list[Flowable]:
    source = "one row per vote" if report.kind == "raw" else "a tally of votes per project"
    rejected = sum(r.count for r in report.rejected)
    rows = [
        ("Votes read", "", f"{report.votes_read:,}"),
        ("Valid", "counted for the project", f"{report.valid:,}"),
        ("Rejected", "in all", f"{rejected:,}"),
        *((r.reason, r.words, f"{r.count:,}") for r in report.rejected),
    ]
    story: list[Flowable] = [
        heading("The vote audit"),
        paragraph(
            f"The vote file holds {source}. Every vote read is either valid or rejected for "
            "the first of the reasons below that applies (in this order), so valid and "
            "rejected votes add up to the votes read."
        ),
        table(("", "Under the voting rules", "Votes"), rows, (110, 330, 70), numeric=(2,)),
    ]
    if report.examples:
        story += [
            heading("Examples of rejected votes", 2),
            note("Up to ten per reason, the first rows of the file."),
            table(
                ("Row", "Reason", "Detail"),
                [(e.row, e.reason, e.detail) for e in report.examples],
                (40, 110, 360),
                numeric=(0,),
            ),
        ]
    story.append(PageBreak())
    return story


_STANDING_HEADER = ("Rank", "ID", "Project", "Organisation", "Valid votes", "Status")
_STANDING_WIDTHS = (28, 40, 160, 150, 50, 80)
_STATUS = {"finalist": "", "tied": "", "not-finalist": ""}  # tied: only while undecided


def category_section(part: VoteCategory) -> list[Flowable]:
    listed = set(part.finalists)
    removed = dict(part.removed)
    undecided = set(part.tied)
    analysed = set(part.analysed)
    rows = [
        (
            s.rank,
            s.submission_id,
            s.title,
            s.organisation,
            f"{s.votes:,}",
            ("finalist, analysed" if s.submission_id in analysed else "finalist")
            if s.submission_id in listed
            else "removed"
            if s.submission_id in removed
            else "tied (last place)"
            if s.submission_id in undecided
            else _STATUS.get(s.status, s.status),
        )
        for s in part.standings
    ]
    story: list[Flowable] = [
        heading(f"{part.key}: {part.name}"),
        paragraph(
            f"{len(part.finalists)} finalists: {', '.join(part.finalists) or 'none'}; "
            f"{sum(s.votes for s in part.standings):,} valid votes for "
            f"{len(part.standings)} nominees."
        ),
    ]
    if part.analysed:
        story.append(
            paragraph(
                f"The panel analyses the top {len(part.analysed)} finalists by valid votes in "
                f"depth and picks the winner among them: {', '.join(part.analysed)}; the "
                "others may be champions."
            )
        )
    if part.tied:
        story.append(
            paragraph(
                f"{len(part.tied)} projects tie for the last {part.open_places} finalist "
                f"place(s): {', '.join(part.tied)}. The chair decides, with a reason."
            )
        )
    story.append(table(_STANDING_HEADER, rows, _STANDING_WIDTHS, numeric=(0, 4)))
    story += [
        note(f"{sid}: taken off the finalists by the chair – {why}") for sid, why in part.removed
    ]
    story += [note(f"{sid}: open {finding}") for sid, finding in part.findings]
    if part.standings:
        story += [
            room(50 + 12 * len(part.standings)),
            heading("Valid votes per nominee", 2),
            keep(
                bars_chart(
                    [
                        Bar(
                            f"{s.submission_id} {s.title}",
                            s.votes,
                            highlighted=s.submission_id in listed,
                        )
                        for s in part.standings
                    ],
                    CONTENT_WIDTH,
                    "valid votes (finalists in blue)",
                )
            ),
        ]
    story.append(PageBreak())
    return story
