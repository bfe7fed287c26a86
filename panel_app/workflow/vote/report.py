"""The finalists report (PDF) from a workspace: the last vote import's audit and the
finalists stored, as `panel-app finalists` shows them.

Its inputs digest is the finalists export's (`export finalists --out .xlsx`, About sheet,
"Inputs SHA-256"), over the vote file's digest and the exported rows; the vote file's own
SHA-256 is on the cover too.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from sqlalchemy import select

from panel_app.reports.finalists import (
    NAME,
    VERSION,
    FinalistsReport,
    RejectedExample,
    RejectedVotes,
    Standing,
    VoteCategory,
    write_finalists_report,
)
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import Submission
from panel_app.votes.audit import REASON_TEXT
from panel_app.workflow.provenance import provenance
from panel_app.workflow.vote.finalists import (
    FinalistsExport,
    finalist_rows,
    finalists_digest,
)
from panel_app.workflow.vote.public_vote import STAGE, finalists_report
from panel_app.workflow.workspace import OpenWorkspace

__all__ = ["export_finalists_report", "finalists_pdf_report"]


def finalists_pdf_report(workspace: OpenWorkspace, *, actor: str | None = None) -> FinalistsReport:
    """The finalists report's contents; VotesRefused when no vote data was imported."""
    edition = workspace.edition
    stored = finalists_report(workspace)
    audit = stored.audit
    rows = finalist_rows(workspace, stored)
    digest = finalists_digest(stored.file_sha256, rows)
    ids = [s.submission_id for c in audit.categories for s in c.standings]
    with workspace.sessions() as session:
        projects = {
            sid: (title, organisation)
            for sid, title, organisation in session.execute(
                select(Submission.submission_id, Submission.title, Submission.organisation).where(
                    Submission.submission_id.in_(ids)
                )
            )
        }
    names = {c.key: f"{c.action_line} {c.name.en}" for c in edition.categories}
    categories = tuple(
        VoteCategory(
            key=outcome.category_key,
            name=names.get(outcome.category_key, outcome.category_key),
            standings=tuple(
                Standing(
                    s.rank,
                    s.submission_id,
                    *projects.get(s.submission_id, ("", "")),
                    s.votes,
                    s.status,
                )
                for s in outcome.standings
            ),
            finalists=stored.finalists.get(outcome.category_key, ()),
            tied=tie.undecided if tie is not None else (),
            open_places=tie.open_places - len(tie.picked) if tie is not None else 0,
            removed=tuple(
                (s.submission_id, stored.removed[s.submission_id])
                for s in outcome.standings
                if s.submission_id in stored.removed
            ),
            findings=tuple(
                (row.submission_id, finding)
                for row in rows
                if row.category_key == outcome.category_key
                for finding in row.open_findings
            ),
            analysed=by_votes.analysed if by_votes is not None and by_votes.not_analysed else (),
        )
        for outcome in audit.categories
        for by_votes in [stored.by_votes.get(outcome.category_key)]
        for tie in [stored.unsettled.get(outcome.category_key)]
    )
    order = {reason: n for n, reason in enumerate(audit.rejected)}
    opens, closes = (
        "not set" if moment is None else f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        for moment in (audit.vote_opens, audit.vote_closes)
    )
    made = provenance(
        workspace,
        (NAME, VERSION, "Finalists of the public vote"),
        digest,
        (
            ("Vote file", stored.file),
            ("Vote file SHA-256", stored.file_sha256),
            ("Votes imported", f"{stored.imported_at:%Y-%m-%d %H:%M} UTC by {stored.imported_by}"),
            ("Vote opened", opens),
            ("Vote closed", closes),
            ("Finalists per category", str(audit.finalists_per_category)),
            (
                "Analysed per category",
                "every finalist"
                if edition.quotas.analysed_per_category is None
                else f"the top {edition.quotas.analysed_per_category} by valid votes",
            ),
        ),
        actor,
    )
    return FinalistsReport(
        provenance=made,
        kind=audit.kind,
        votes_read=audit.votes_read,
        valid=audit.valid,
        rejected=tuple(
            RejectedVotes(reason, REASON_TEXT.get(reason, reason), count)
            for reason, count in audit.rejected.items()
        ),
        examples=tuple(  # grouped by reason, in the audit's order
            RejectedExample(e.row, e.reason, e.detail)
            for e in sorted(audit.examples, key=lambda e: (order.get(e.reason, 0), e.row))
        ),
        finalists_per_category=audit.finalists_per_category,
        categories=categories,
        warnings=stored.warnings,
    )


def export_finalists_report(
    workspace: OpenWorkspace, out: Path, *, actor: str | None = None
) -> FinalistsExport:
    """Write the finalists report as a PDF and note the export in the audit log."""
    actor = actor or current_actor()
    report = finalists_pdf_report(workspace, actor=actor)
    missing = write_finalists_report(out, report)
    finalists = sum(len(c.finalists) for c in report.categories)
    tied = sum(len(set(c.tied) - set(c.finalists)) for c in report.categories)
    digest = report.provenance.digest
    with workspace.transaction() as session:
        record_change(
            session,
            actor=actor,
            action="finalists.exported",
            entity="decision",
            entity_id=STAGE,
            after={"file": out.name, "rows": finalists + tied, "inputs_sha256": digest},
        )
    return FinalistsExport(
        out, finalists + tied, finalists, tied, digest, report.warnings + missing
    )
