"""The finalists for the secretariat (`panel-app export finalists`): from the last vote
import's audit and the finalist decisions stored, one row per finalist, per project that
ties for the last place while the chair has not decided, and per finalist the chair took
off; each with its open rule findings and whether the panel analyses it (the edition's
top by votes: 2017's three); in the edition's category order, then by votes.
docs/formats/finalists.md describes the file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from panel_app.formats.finalists import (
    FINALIST,
    REMOVED,
    TIED,
    FinalistRow,
    FinalistsInfo,
    write_finalists,
)
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import Decision, Submission, utc_now
from panel_app.workflow.handover import open_findings
from panel_app.workflow.record import chain_position
from panel_app.workflow.vote.public_vote import STAGE, FinalistsReport, finalists_report
from panel_app.workflow.workspace import OpenWorkspace

__all__ = ["FinalistsExport", "export_finalists", "finalist_rows"]


@dataclass(frozen=True)
class FinalistsExport:
    path: Path
    rows: int
    finalists: int
    tied: int  # rows of projects tied for the last place, not decided
    inputs_sha256: str
    warnings: tuple[str, ...]  # as `panel-app finalists` shows them


def finalist_rows(workspace: OpenWorkspace, report: FinalistsReport) -> list[FinalistRow]:
    """The rows of the export: the finalists as settled, the projects of a tie still open,
    and the finalists the chair took off (with the reason), by category and votes."""
    edition = workspace.edition
    categories = {c.key: c for c in edition.categories}
    open_ties = {key: set(tie.undecided) for key, tie in report.unsettled.items()}
    listed = (
        {sid for ids in report.finalists.values() for sid in ids}
        | {sid for ids in open_ties.values() for sid in ids}
        | set(report.removed)
    )
    with workspace.sessions() as session:
        projects = {
            s.submission_id: s
            for s in session.scalars(
                select(Submission).where(Submission.submission_id.in_(sorted(listed)))
            )
        }
        reasons = {
            (key, sid): rationale
            for key, sid, rationale in session.execute(
                select(Decision.category_key, Submission.submission_id, Decision.rationale)
                .join(Submission, Submission.id == Decision.submission_pk)
                .where(Decision.stage == STAGE)
            )
        }
        findings = open_findings(session, listed)
    analysed = {sid for c in report.by_votes.values() for sid in c.analysed}
    rows: list[FinalistRow] = []
    for outcome in report.audit.categories:
        category = categories[outcome.category_key]
        decided = set(report.finalists.get(outcome.category_key, ()))
        tied = set(outcome.tied)
        undecided = open_ties.get(outcome.category_key, set())
        for standing in outcome.standings:
            sid = standing.submission_id
            if sid in decided:
                status = FINALIST
            elif sid in undecided:
                status = TIED
            elif sid in report.removed:
                status = REMOVED
            else:
                continue
            project = projects.get(sid)
            rows.append(
                FinalistRow(
                    category_key=category.key,
                    category_number=category.number,
                    action_line=category.action_line,
                    category_name=category.name.en,
                    rank=standing.rank,
                    submission_id=sid,
                    title=project.title if project else "",
                    organisation=project.organisation if project else "",
                    country=project.country if project else "",
                    stakeholder_type=project.stakeholder_type if project else "",
                    valid_votes=standing.votes,
                    status=status,
                    tied=sid in tied,
                    decision_reason=reasons.get((category.key, sid), "") if status != TIED else "",
                    open_findings=tuple(f.text for f in findings.get(sid, ())),
                    analysed=status == FINALIST and sid in analysed,
                )
            )
    return rows


def finalists_digest(vote_file_sha256: str, rows: list[FinalistRow]) -> str:
    """SHA-256 of what the export says: the vote file's digest and every row's values.
    Two exports with the same digest hold the same data, whatever their time."""
    content = {"vote_file_sha256": vote_file_sha256, "rows": [r.values() for r in rows]}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def export_finalists(
    workspace: OpenWorkspace, out: Path, *, actor: str | None = None
) -> FinalistsExport:
    """Write the finalists (.xlsx or .csv); VotesRefused when no vote data was imported."""
    actor = actor or current_actor()
    report = finalists_report(workspace)
    rows = finalist_rows(workspace, report)
    audit = report.audit
    digest = finalists_digest(report.file_sha256, rows)
    info = FinalistsInfo(
        edition_key=workspace.edition.key,
        edition_title=workspace.edition.title.en,
        finalists_per_category=audit.finalists_per_category,
        vote_file=report.file,
        vote_file_sha256=report.file_sha256,
        vote_kind=audit.kind,
        votes_imported_at=report.imported_at,
        votes_read=audit.votes_read,
        votes_valid=audit.valid,
        votes_rejected=audit.rejected_total,
        open_ties=len(report.unsettled),
        notes="; ".join(report.warnings),
        workspace=workspace.location.display,
        inputs_sha256=digest,
        exported_at=utc_now(),
        exported_by=actor,
        chain=chain_position(workspace),
        analysed_per_category=workspace.edition.quotas.analysed_per_category,
    )
    write_finalists(out, rows, info)
    with workspace.transaction() as session:
        record_change(
            session,
            actor=actor,
            action="finalists.exported",
            entity="decision",
            entity_id=STAGE,
            after={"file": out.name, "rows": len(rows), "inputs_sha256": digest},
        )
    finalists = sum(1 for r in rows if r.status == FINALIST)
    tied = sum(1 for r in rows if r.status == TIED)
    return FinalistsExport(out, len(rows), finalists, tied, digest, report.warnings)
