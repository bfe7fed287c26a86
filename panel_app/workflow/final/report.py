"""The results report (PDF) from a workspace: the final round as `panel-app final-round`
shows it, the chair's selections and their history from the audit log.

Its inputs digest is the results export's (`export results --out .xlsx`, About sheet,
"Inputs SHA-256"): the report and the table made from the same selection carry the same
digest.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from panel_app.formats.results import results_digest
from panel_app.reports.results import (
    NAME,
    VERSION,
    ConcordanceFigure,
    FinalCategory,
    FinalistResult,
    ResultsReport,
    write_results_report,
)
from panel_app.reports.sections import DecisionLine
from panel_app.scoring.model import points
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import AuditEntry, Submission
from panel_app.workflow.final.final_round import (
    CHAMPION,
    TIE_DECIDED,
    WINNER,
    CategoryFinal,
    final_round_report,
    rank_cell,
)
from panel_app.workflow.final.results import ResultsExport, result_rows, results_info
from panel_app.workflow.provenance import provenance
from panel_app.workflow.rounds import criteria_of
from panel_app.workflow.workspace import OpenWorkspace

__all__ = ["export_results_report", "results_report"]

SELECTION = "selection.recorded"  # the audit entry of `record_selection`


def _tiers(tiers: tuple[tuple[str, ...], ...]) -> str:
    return " > ".join(" = ".join(tier) for tier in tiers)


def _selection_history(workspace: OpenWorkspace) -> list[AuditEntry]:
    with workspace.sessions() as session:
        entries = list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == SELECTION).order_by(AuditEntry.id)
            )
        )
        session.expunge_all()
    return entries


def _decision(entry: AuditEntry) -> DecisionLine:
    after = entry.after or {}
    champions = ", ".join(after.get(CHAMPION, [])) or "none"
    return DecisionLine(
        entry.at,
        entry.actor,
        "selection replaced" if entry.before else "selection recorded",
        f"winner {', '.join(after.get(WINNER, []))}; champions {champions}",
        entry.entity_id,
        str(after.get("reason", "")),
    )


def _part(
    category: CategoryFinal,
    countries: dict[str, str],
    latest: AuditEntry | None,
    criterion_names: dict[str, str],
) -> FinalCategory:
    finalists = []
    for row in category.finalists:
        given = [points(v) for v in row.expert_scores.values()]
        finalists.append(
            FinalistResult(
                submission_id=row.submission_id,
                title=row.title,
                organisation=row.organisation,
                country=countries.get(row.submission_id, ""),
                vote=row.vote.removeprefix("public vote: "),
                mean=None if row.mean is None else points(row.mean),
                low=min(given) if given else None,
                high=max(given) if given else None,
                reviews=row.reviews,
                criterion_means=tuple(row.criterion_means.get(k) for k in category.criteria),
                score_place=row.score_place,
                schulze_place=row.schulze_place,
                ranks=tuple(rank_cell(row, code) for code in category.experts),
                award=row.selection,
                eligible=row.eligible,
            )
        )
    others = tuple(
        FinalistResult(
            submission_id=other.submission_id,
            title=other.title,
            organisation=other.organisation,
            country=countries.get(other.submission_id, ""),
            vote=other.vote.removeprefix("public vote: "),
            mean=None,
            low=None,
            high=None,
            reviews=0,
            criterion_means=(),
            score_place=None,
            schulze_place=None,
            ranks=(),
            award=other.selection,
            eligible=other.eligible,
        )
        for other in category.not_analysed
    )
    w = category.concordance
    selected = category.selection_reason is not None and latest is not None
    settled = (
        tuple(
            text.replace(TIE_DECIDED, "")
            for text in (latest.note or "").split("; ")
            if text.strip()
        )
        if selected and latest is not None
        else ()
    )
    return FinalCategory(
        key=category.category_key,
        name=category.category_name,
        criteria=category.criteria,
        criterion_names=tuple(criterion_names.get(k, k) for k in category.criteria),
        experts=category.experts,
        finalists=tuple(finalists),
        concordance=ConcordanceFigure(w.value, w.p_value, w.experts, w.items, w.reason),
        score_order=_tiers(category.score_order),
        schulze_order=_tiers(category.schulze),
        reason=category.selection_reason,
        decided=(
            f"{latest.actor}, {latest.at:%Y-%m-%d %H:%M} UTC"
            if selected and latest is not None
            else None
        ),
        settled=settled,
        # What is still open only matters before the selection; after it, `settled` says it.
        notes=() if category.selection_reason is not None else category.notes,
        not_analysed=others,
    )


def results_report(workspace: OpenWorkspace, *, actor: str | None = None) -> ResultsReport:
    """The results report's contents, as the workspace holds them now."""
    actor = actor or current_actor()
    rows, waiting = result_rows(workspace)
    digest = results_digest(rows, results_info(workspace, actor, waiting))
    final = final_round_report(workspace)
    history = _selection_history(workspace)
    latest = {entry.entity_id: entry for entry in history}
    ids = [f.submission_id for c in final.categories for f in c.finalists]
    ids += [f.submission_id for c in final.categories for f in c.not_analysed]
    with workspace.sessions() as session:
        countries = dict(
            session.execute(
                select(Submission.submission_id, Submission.country).where(
                    Submission.submission_id.in_(ids)
                )
            )
            .tuples()
            .all()
        )
    names = {c.key: c.name.en for c in criteria_of(workspace.edition, "final")}
    parts = tuple(_part(c, countries, latest.get(c.category_key), names) for c in final.categories)
    warnings = tuple(f"{key}: no selection recorded yet" for key in waiting)
    made = provenance(
        workspace,
        (NAME, VERSION, "Winners and champions"),
        digest,
        (
            ("Edition file SHA-256", workspace.edition.digest),
            ("Awards", f"{len(rows)} (winners and champions)"),
            ("Without a selection", ", ".join(waiting) or "none"),
        ),
        actor,
    )
    return ResultsReport(made, parts, tuple(_decision(e) for e in history), warnings)


def export_results_report(
    workspace: OpenWorkspace, out: Path, *, actor: str | None = None
) -> ResultsExport:
    """Write the results report as a PDF and note the export in the audit log."""
    actor = actor or current_actor()
    report = results_report(workspace, actor=actor)
    warnings = write_results_report(out, report)
    awards = sum(
        1 for part in report.categories for f in (*part.finalists, *part.not_analysed) if f.award
    )
    waiting = tuple(part.key for part in report.categories if part.reason is None)
    with workspace.transaction() as session:
        record_change(
            session,
            actor=actor,
            action="results.exported",
            entity="selection",
            entity_id="results",
            after={"file": out.name, "rows": awards, "digest": report.provenance.digest},
        )
    return ResultsExport(out, awards, report.provenance.digest, waiting, warnings)
