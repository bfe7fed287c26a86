"""The nominee report (PDF): the list per category with its figures, how far the experts
agreed, the chair's decisions with their reasons, and the pictures behind the ranking.
Contents and versioning: docs/formats/reports.md (bump VERSION on any change a reader
would notice).

Pure: it renders the dataclasses below, which the workflow fills from a workspace.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from panel_app.reports.charts import Offset, Strip, distribution_chart, offsets_chart, quartiles
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
    AgreementFigure,
    DecisionLine,
    decisions_section,
    missing_characters,
    warnings_section,
)
from panel_app.reports.text import Name, Text

__all__ = [
    "NAME",
    "VERSION",
    "AgreementFigure",
    "CategoryPart",
    "DecisionLine",
    "ExpertLine",
    "NomineeLine",
    "NomineeReport",
    "write_nominee_report",
]

NAME = "wsis-panel-nominee-report"
VERSION = 1


@dataclass(frozen=True)
class NomineeLine:
    rank: int | None  # None: added by the chair outside the ranking's places
    submission_id: str
    title: str
    organisation: str
    country: str
    status: str  # "nominee", "added by the chair", ...
    calibrated: float | None  # points out of 100
    raw: float | None
    reviews: int
    p_top: float | None  # bootstrap probability of a place within the quota
    flags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # the chair's, behind its place
    findings: tuple[str, ...] = ()  # its rule findings not overruled, in words


@dataclass(frozen=True)
class ExpertLine:
    expert_id: str
    reviews: int
    offset: float | None  # points; positive: lenient
    se: float | None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class CategoryPart:
    key: str
    name: str
    method: str  # the ranking method used in this category
    quota: int | None
    nominees: tuple[NomineeLine, ...]
    scores: tuple[float, ...]  # every eligible ranked project's score, points
    agreement: AgreementFigure
    experts: tuple[ExpertLine, ...] = ()
    cut: str | None = None  # how the last place was decided, in words
    noise_sd: float | None = None  # points
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class NomineeReport:
    provenance: Provenance
    method: str
    frozen: str | None  # the freeze in force, in words; None: a proposal
    categories: tuple[CategoryPart, ...]
    decisions: tuple[DecisionLine, ...] = ()
    warnings: tuple[str, ...] = field(default=())


def write_nominee_report(path: Path, report: NomineeReport) -> tuple[str, ...]:
    """Write the report to `path`; what to tell the person who made it: the characters
    printed as their code point, no font having them (sections.missing_characters)."""
    story: list[Flowable] = [
        *cover(report.provenance, _summary(report)),
        *overview(report),
    ]
    for part in report.categories:
        story += category_section(part)
    story += decisions_section(report.decisions)
    story += warnings_section(report.warnings)
    build_pdf(path, report.provenance, story)
    return missing_characters(report)


# ---- sections ----------------------------------------------------------------------------
def _summary(report: NomineeReport) -> list[Flowable]:
    nominees = sum(len(p.nominees) for p in report.categories)
    state = (
        f"The frozen list: {report.frozen}."
        if report.frozen
        else "A proposal: the list is not frozen and may still change."
    )
    return [
        paragraph(
            f"{nominees} nominees in {len(report.categories)} categories, ranked by the "
            f"{report.method} method. {state}"
        ),
        paragraph(
            "Scores are points out of 100: calibrated (each expert's leniency or severity "
            "removed), raw (the mean of the counted reviews), n counted reviews, and P(top) "
            "the bootstrap probability that the project's place is within the quota. "
            "Agreement is Krippendorff's alpha (interval level) on the projects' composite "
            "scores, with its bootstrap 95% interval."
        ),
    ]


def overview(report: NomineeReport) -> list[Flowable]:
    rows = []
    for part in report.categories:
        q1, median, q3 = quartiles(part.scores) if part.scores else (None, None, None)
        agreement = part.agreement
        rows.append(
            (
                part.key,
                len(part.scores),
                len(part.nominees),
                median,
                None if q1 is None or q3 is None else f"{q1:.1f}–{q3:.1f}",
                agreement.value,
                "–"
                if agreement.low is None or agreement.high is None
                else f"{agreement.low:.2f} to {agreement.high:.2f}",
                len(part.experts),
            )
        )
    widths = [110, 45, 50, 45, 65, 45, 85, 45]
    strips = [
        Strip(
            part.key,
            part.scores,
            tuple(
                line.calibrated if line.calibrated is not None else line.raw or 0.0
                for line in part.nominees
                if line.rank is not None
            ),
            _cut(part),
        )
        for part in report.categories
    ]
    return [
        heading("Score summaries and agreement"),
        table(
            (
                "Category",
                "Ranked",
                "Nominees",
                "Median",
                "Middle half",
                "Alpha",
                "Alpha 95% interval",
                "Experts",
            ),
            rows,
            widths,
            numeric=(1, 2, 3, 4, 5, 6, 7),
        ),
        note(
            "Ranked: eligible projects with a score. Middle half: the first to the third "
            "quartile of their scores. Alpha: 1 is full agreement, 0 what chance would give."
        ),
        room(len(strips) * 20 + 80),
        heading("Score distributions"),
        note(
            "Every ranked project is a dot (nominees filled); the grey box is the middle half "
            "of the scores, the dark line their median, the red line the lowest nominee's score."
        ),
        distribution_chart(strips, CONTENT_WIDTH),
        PageBreak(),
    ]


def _cut(part: CategoryPart) -> float | None:
    listed = [
        line.calibrated if line.calibrated is not None else line.raw
        for line in part.nominees
        if line.rank is not None
    ]
    scores = [s for s in listed if s is not None]
    return min(scores) if scores else None


_NOMINEE_HEADER = (
    "#",
    "ID",
    "Project",
    "Organisation",
    "Country",
    "Calibrated",
    "Raw mean",
    "n",
    "P(top)",
)
_NOMINEE_WIDTHS = (18, 34, 134, 120, 52, 48, 36, 14, 32)


def _reasons(reasons: Sequence[str]) -> list[str | Name]:
    """' – <reason>; <reason>': each of the chair's reasons ordered on its own."""
    parts: list[str | Name] = []
    for index, reason in enumerate(reasons):
        parts += ["; " if index else " – ", Name(reason)]
    return parts


def category_section(part: CategoryPart) -> list[Flowable]:
    facts = [
        f"Ranked by {part.method}",
        f"quota {part.quota}" if part.quota is not None else "no fixed quota",
        f"agreement (alpha) {part.agreement.text()}",
    ]
    if part.noise_sd is not None:
        facts.append(f"residual spread of the reviews {part.noise_sd:.1f} points")
    rows = [
        (
            line.rank,
            line.submission_id,
            line.title,
            line.organisation,
            line.country,
            line.calibrated,
            line.raw,
            line.reviews,
            line.p_top,
        )
        for line in part.nominees
    ]
    story: list[Flowable] = [
        heading(f"{part.key}: {part.name}"),
        paragraph("; ".join(facts) + "."),
        table(_NOMINEE_HEADER, rows, _NOMINEE_WIDTHS, numeric=(0, 5, 6, 7, 8)),
    ]
    remarks: list[Text] = [
        [f"{line.submission_id}: {line.status}", *_reasons(line.reasons)]
        for line in part.nominees
        if line.status != "nominee" or line.reasons
    ]
    flagged: dict[str, list[str]] = {}
    for line in part.nominees:
        for flag in line.flags:
            flagged.setdefault(flag, []).append(line.submission_id)
    remarks += [f"Flag {flag}: {', '.join(ids)}." for flag, ids in flagged.items()]
    remarks += [
        f"{line.submission_id}: open {finding}"
        for line in part.nominees
        for finding in line.findings
    ]
    if part.cut:
        remarks.insert(0, f"The cut: {part.cut}.")
    remarks += list(part.notes)
    story += [note(text) for text in remarks]
    experts = [e for e in part.experts if e.offset is not None]
    if experts:
        story += [
            room(40 * mm + 11 * len(experts)),
            heading("Expert offsets", 2),
            note(
                "Each expert's leniency (+) or severity (−) in points as the calibration "
                "estimates it, with a 95% bar (±1.96 standard errors); flagged experts in orange."
            ),
            keep(
                offsets_chart(
                    [
                        Offset(f"{e.expert_id} ({e.reviews})", e.offset or 0.0, e.se, bool(e.flags))
                        for e in experts
                    ],
                    CONTENT_WIDTH * 0.8,
                )
            ),
        ]
    story.append(PageBreak())
    return story
