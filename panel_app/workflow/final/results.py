"""The results export for the secretariat: the winners and champions per category.

Rows come from the chair's selection (`Decision` rows of stage "winner" and "champion"),
with each finalist's final-round score beside it; the file states what it was made from
(docs/formats/results.md). Categories with finalists but no selection yet are named in
the About sheet and in the result, never silently missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from panel_app.formats.results import ResultRow, ResultsInfo, write_results
from panel_app.rules.entities import id_order
from panel_app.scoring.model import points
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import Decision, Submission, utc_now
from panel_app.workflow.final.final_round import (
    CHAMPION,
    SELECTED,
    WINNER,
    final_round_report,
    finalists,
)
from panel_app.workflow.record import chain_position
from panel_app.workflow.workspace import OpenWorkspace

_AWARD_ORDER = {WINNER: 0, CHAMPION: 1}


@dataclass(frozen=True)
class ResultsExport:
    path: Path
    rows: int
    digest: str
    without_selection: tuple[str, ...]
    warnings: tuple[str, ...] = ()  # the PDF report's: characters printed as their code


def result_rows(workspace: OpenWorkspace) -> tuple[list[ResultRow], tuple[str, ...]]:
    """The rows of the export, and the categories with finalists but no selection."""
    edition = workspace.edition
    with workspace.sessions() as session:
        chosen = session.execute(
            select(Decision, Submission)
            .join(Submission, Submission.id == Decision.submission_pk)
            .where(Decision.stage.in_((WINNER, CHAMPION)), Decision.outcome == SELECTED)
        ).all()
        with_finalists = set(finalists(session))
    report = final_round_report(workspace)
    scored = {f.submission_id: f for category in report.categories for f in category.finalists}
    others = {f.submission_id: f for category in report.categories for f in category.not_analysed}
    order = {c.key: n for n, c in enumerate(edition.categories)}
    rows = []
    for decision, submission in chosen:
        row = scored.get(submission.submission_id)
        other = others.get(submission.submission_id)
        rows.append(
            ResultRow(
                category_key=decision.category_key,
                category_name=_category_name(workspace, decision.category_key),
                award=decision.stage,
                submission_id=submission.submission_id,
                title=submission.title,
                organisation=submission.organisation,
                country=submission.country,
                stakeholder_type=submission.stakeholder_type,
                final_score=None if row is None or row.mean is None else points(row.mean),
                reviews=0 if row is None else row.reviews,
                vote=row.vote if row is not None else other.vote if other is not None else "",
                reason=decision.rationale,
                decided_by=decision.decided_by,
                decided_at=decision.decided_at,
                analysed=other is None,
            )
        )
    rows.sort(
        key=lambda r: (
            order.get(r.category_key, len(order)),
            r.category_key,
            _AWARD_ORDER[r.award],
            id_order(r.submission_id),
        )
    )
    selected = {r.category_key for r in rows}
    waiting = tuple(sorted(with_finalists - selected, key=lambda k: (order.get(k, len(order)), k)))
    return rows, waiting


def _category_name(workspace: OpenWorkspace, key: str) -> str:
    try:
        return workspace.edition.category(key).name.en
    except KeyError:
        return key


def results_info(workspace: OpenWorkspace, actor: str, waiting: tuple[str, ...]) -> ResultsInfo:
    """What the export states about itself (its About sheet), as of now."""
    location = workspace.location
    return ResultsInfo(
        edition_key=workspace.edition.key,
        edition_title=workspace.edition.title.en,
        edition_digest=workspace.edition.digest,
        # The file's name, not its folder: the secretariat needs no one's home directory.
        workspace=location.path.name if location.path is not None else location.display,
        exported_at=utc_now(),
        exported_by=actor,
        without_selection=waiting,
        chain=chain_position(workspace),
    )


def export_results(
    workspace: OpenWorkspace, out: Path, *, actor: str | None = None
) -> ResultsExport:
    """Write the results file (.xlsx or .csv) and note the export in the audit log."""
    actor = actor or current_actor()
    rows, waiting = result_rows(workspace)
    info = results_info(workspace, actor, waiting)
    digest = write_results(out, rows, info)
    with workspace.transaction() as session:
        record_change(
            session,
            actor=actor,
            action="results.exported",
            entity="selection",
            entity_id="results",
            after={"file": out.name, "rows": len(rows), "digest": digest},
        )
    return ResultsExport(out, len(rows), digest, waiting)
