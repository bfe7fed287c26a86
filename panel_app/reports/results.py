"""The results report (PDF): per category the winner and champions with the chair's
reason, the final round's scores, the experts' ranks, Kendall's W and the Schulze order
beside the order of the scores, the ties the chair settled, and the decisions.
Contents and versioning: docs/formats/reports.md (bump VERSION on any change a reader
would notice).

Pure: it renders the dataclasses below, which the workflow fills from a workspace.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from panel_app.reports.sections import (
    DecisionLine,
    decisions_section,
    missing_characters,
    warnings_section,
)
from panel_app.reports.text import Name

__all__ = [
    "NAME",
    "VERSION",
    "ConcordanceFigure",
    "FinalCategory",
    "FinalistResult",
    "ResultsReport",
    "write_results_report",
]

NAME = "wsis-panel-results-report"
VERSION = 1
_RANK_COLUMNS = 16  # experts per ranks table; more go on to a further table


@dataclass(frozen=True)
class ConcordanceFigure:
    """Kendall's W across the experts who ranked every finalist, or why it is undefined."""

    value: float | None
    p_value: float | None = None  # chi-square approximation
    experts: int = 0
    items: int = 0
    reason: str | None = None

    def text(self) -> str:
        if self.value is None:
            return f"undefined ({self.reason})" if self.reason else "undefined"
        p = "" if self.p_value is None else f", p {_p(self.p_value)}"
        return f"{self.value:.3f} over {self.experts} experts and {self.items} finalists{p}"


def _p(value: float) -> str:
    return "< 0.001" if value < 0.001 else f"= {value:.3f}"


@dataclass(frozen=True)
class FinalistResult:
    submission_id: str
    title: str
    organisation: str
    country: str
    vote: str  # how the public vote made it a finalist, in words
    mean: float | None  # mean final-round composite, points out of 100
    low: float | None  # the lowest and highest counted expert's composite
    high: float | None
    reviews: int  # counted
    criterion_means: tuple[float | None, ...]  # in the order of FinalCategory.criteria
    score_place: int | None
    schulze_place: int | None  # None: not analysed (beyond the edition's top by votes)
    ranks: tuple[str, ...]  # per expert of FinalCategory.experts: a rank, or why none
    award: str | None  # "winner", "champion" or None
    eligible: bool = True


@dataclass(frozen=True)
class FinalCategory:
    key: str
    name: str
    criteria: tuple[str, ...]  # criterion keys
    experts: tuple[str, ...]
    finalists: tuple[FinalistResult, ...]  # in the order of the mean scores
    concordance: ConcordanceFigure
    score_order: str  # "2001 > 2003 = 2004 > ..."
    schulze_order: str
    reason: str | None  # the chair's, for the selection; None: no selection yet
    decided: str | None = None  # by whom and when, in words
    settled: tuple[str, ...] = ()  # the ties and shortfalls the selection decided
    criterion_names: tuple[str, ...] = ()  # as the edition names them, in `criteria` order
    notes: tuple[str, ...] = ()  # still open: what the chair must decide or know
    # Finalists beyond the edition's top by votes (2017: the 4th and 5th), not analysed.
    not_analysed: tuple[FinalistResult, ...] = ()


@dataclass(frozen=True)
class ResultsReport:
    provenance: Provenance
    categories: tuple[FinalCategory, ...]
    decisions: tuple[DecisionLine, ...] = ()
    warnings: tuple[str, ...] = field(default=())


def write_results_report(path: Path, report: ResultsReport) -> tuple[str, ...]:
    """Write the report to `path`; what to tell the person who made it: the characters
    printed as their code point, no font having them (sections.missing_characters)."""
    story: list[Flowable] = [*cover(report.provenance, _summary(report)), *overview(report)]
    for part in report.categories:
        story += category_section(part)
    story += decisions_section(report.decisions)
    story += warnings_section(report.warnings)
    build_pdf(path, report.provenance, story)
    return missing_characters(report)


def _awarded(part: FinalCategory, award: str) -> list[FinalistResult]:
    return [f for f in (*part.finalists, *part.not_analysed) if f.award == award]


def _summary(report: ResultsReport) -> list[Flowable]:
    decided = [p for p in report.categories if p.reason is not None]
    open_ = [p.key for p in report.categories if p.reason is None]
    lines = [
        paragraph(
            f"Winners and champions of {len(decided)} of {len(report.categories)} categories "
            "with finalists." + (f" No selection yet in {', '.join(open_)}." if open_ else "")
        ),
        paragraph(
            "Final-round scores are points out of 100: the mean composite of the counted "
            "reviews, with the lowest and highest expert's composite beside it. Kendall's W "
            "(0: no agreement, 1: every expert ranked the finalists alike) is taken over the "
            "experts who scored every finalist of the category; its p-value is the "
            "chi-square approximation. The Schulze order combines the experts' rankings; "
            "equal places are tied."
        ),
    ]
    return lines


def overview(report: ResultsReport) -> list[Flowable]:
    rows = [
        (
            part.key,
            len(part.finalists),
            ", ".join(f.submission_id for f in _awarded(part, "winner")) or "–",
            ", ".join(f.submission_id for f in _awarded(part, "champion")) or "–",
            part.concordance.value,
            None if part.concordance.p_value is None else _p(part.concordance.p_value),
        )
        for part in report.categories
    ]
    return [
        heading("Winners and champions"),
        table(
            ("Category", "Finalists", "Winner", "Champions", "Kendall's W", "p"),
            rows,
            (130, 50, 60, 175, 60, 60),
            numeric=(1, 4, 5),
            decimals=3,
        ),
        PageBreak(),
    ]


_FINALIST_HEADER = (
    "#",
    "ID",
    "Project",
    "Organisation",
    "Public vote",
    "Mean",
    "Range",
    "n",
    "Schulze",
    "Award",
)
_FINALIST_WIDTHS = (18, 36, 118, 110, 74, 34, 52, 16, 38, 42)


def _range(line: FinalistResult) -> str | None:
    if line.low is None or line.high is None:
        return None
    return f"{line.low:.1f}–{line.high:.1f}"


def category_section(part: FinalCategory) -> list[Flowable]:
    story: list[Flowable] = [heading(f"{part.key}: {part.name}")]
    winners, champions = _awarded(part, "winner"), _awarded(part, "champion")
    if part.reason is None:
        story.append(paragraph("No selection recorded yet."))
    else:
        story.append(
            paragraph(
                [
                    "Winner: ",
                    *_listed(winners),
                    *(["; champions: ", *_listed(champions)] if champions else ["; no champions"]),
                    ".",
                ]
            )
        )
        decided = f" ({part.decided})" if part.decided else ""
        story.append(paragraph(["The chair's reason: ", Name(part.reason), decided]))
    rows: list[tuple[str | int | float | None, ...]] = [
        (
            line.score_place,
            line.submission_id,
            line.title,
            line.organisation,
            line.vote,
            line.mean,
            _range(line),
            line.reviews,
            line.schulze_place,
            (line.award or "") + ("" if line.eligible else " (ineligible)"),
        )
        for line in part.finalists
    ]
    rows += [
        (
            None,
            line.submission_id,
            line.title,
            line.organisation,
            line.vote,
            None,
            None,
            None,
            None,
            (line.award or "") + ("" if line.eligible else " (ineligible)"),
        )
        for line in part.not_analysed
    ]
    if part.not_analysed:
        story.append(
            paragraph(
                f"The panel analysed the top {len(part.finalists)} finalists by valid votes "
                "and picked the winner among them; not analysed (no final-round score): "
                + ", ".join(line.submission_id for line in part.not_analysed)
                + "."
            )
        )
    story += [
        table(_FINALIST_HEADER, rows, _FINALIST_WIDTHS, numeric=(0, 5, 6, 7, 8)),
        paragraph(f"Kendall's W: {part.concordance.text()}."),
        paragraph(f"Order of the mean scores: {part.score_order or '–'}."),
        paragraph(f"Schulze order of the experts' rankings: {part.schulze_order or '–'}."),
    ]
    story += [note(f"Settled by the selection: {text}.") for text in part.settled]
    story += [note(f"Open: {text}.") for text in part.notes]
    if part.criteria:
        story += [heading("Mean per criterion", 2), _criteria_table(part), _criteria_legend(part)]
    if part.experts:
        story += [
            heading("The experts' ranks", 2),
            note(
                "1 is the expert's best; equal scores share their average rank. COI: conflict "
                "declared; abst.: abstained; incomp: incomplete; none: no review returned."
            ),
            *_ranks_tables(part),
        ]
    scored = [f for f in part.finalists if f.mean is not None]
    if scored:
        story += [
            room(60 + 12 * len(scored)),
            heading("Final-round score per finalist", 2),
            note(
                "The bar is the mean composite (awarded projects in blue); the line across it "
                "runs from the lowest to the highest expert's composite."
            ),
            keep(
                bars_chart(
                    [
                        Bar(
                            f"{f.submission_id} {f.title}",
                            f.mean or 0.0,
                            f.low,
                            f.high,
                            f.award is not None,
                        )
                        for f in scored
                    ],
                    CONTENT_WIDTH,
                    "points out of 100",
                    ceiling=100,
                    figure="{:.2f}",
                )
            ),
        ]
    story.append(PageBreak())
    return story


def _listed(finalists: Sequence[FinalistResult]) -> list[str | Name]:
    """'3001 <title>, 3002 <title>': each title ordered on its own (an Arabic title beside
    a Chinese one would otherwise swap places with the IDs around it)."""
    parts: list[str | Name] = []
    for index, line in enumerate(finalists):
        parts += [", " if index else "", f"{line.submission_id} ", Name(line.title)]
    return parts


def _criteria_table(part: FinalCategory) -> Flowable:
    """Numbered columns: ten criteria's names do not fit a page's width; the legend
    under the table names them."""
    width = (CONTENT_WIDTH - 40) / len(part.criteria)
    rows = [(f.submission_id, *f.criterion_means) for f in part.finalists]
    return table(
        ("ID", *(str(number) for number in range(1, len(part.criteria) + 1))),
        rows,
        (40, *([width] * len(part.criteria))),
        numeric=tuple(range(1, len(part.criteria) + 1)),
    )


def _criteria_legend(part: FinalCategory) -> Flowable:
    names = part.criterion_names or tuple(key.replace("_", " ") for key in part.criteria)
    legend: list[str | Name] = ["Criteria: "]
    for number, name in enumerate(names, 1):
        legend += ["; " if number > 1 else "", f"{number} ", Name(name)]
    return note([*legend, "."])


def _ranks_tables(part: FinalCategory) -> Sequence[Flowable]:
    tables = []
    for start in range(0, len(part.experts), _RANK_COLUMNS):
        experts = part.experts[start : start + _RANK_COLUMNS]
        width = min(40.0, (CONTENT_WIDTH - 40) / len(experts))
        rows = [(f.submission_id, *f.ranks[start : start + _RANK_COLUMNS]) for f in part.finalists]
        tables.append(
            table(
                ("ID", *experts),
                rows,
                (40, *([width] * len(experts))),
                numeric=tuple(range(1, len(experts) + 1)),
            )
        )
    return tables
