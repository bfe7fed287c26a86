"""The PDF reports from a workspace: fill the report layer's dataclasses and write them.

The nominee report shows the list as `export nominees` writes it (the frozen one if there
is one, else the current proposal) beside the figures the reviews give now: agreement,
distributions, expert offsets and P(top). Its cover names the inputs' digest: a SHA-256
over the rows the report reads (submissions, latest reviews and scores, the chair's
decisions, rule findings, list freezes), so two reports with equal digests were made from
equal data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from panel_app.formats.nominee_list import NomineeListRow, status_words
from panel_app.reports.nominees import (
    NAME,
    VERSION,
    CategoryPart,
    ExpertLine,
    NomineeLine,
    NomineeReport,
    write_nominee_report,
)
from panel_app.reports.sections import AgreementFigure, DecisionLine
from panel_app.scoring import CategoryResult, Method, points
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import Decision, ListFreeze, RuleFinding, Submission
from panel_app.workflow.handover import open_freeze, round_reviews
from panel_app.workflow.nomination import nominees
from panel_app.workflow.provenance import inputs_digest, provenance
from panel_app.workflow.workspace import OpenWorkspace

__all__ = ["export_nominee_report", "nominee_report"]


def _nomination_inputs(session: Session) -> list[tuple[str, Any]]:
    reviews = sorted(
        (
            r.project_id,
            r.expert_id,
            r.category_key,
            sorted(r.scores.items()),
            r.confidence,
            r.conflict_declared,
            r.abstained,
        )
        for r in round_reviews(session)
    )
    # Submissions by their ID, never the database's row numbers: the same data in another
    # workspace gives the same digest.
    ids = dict(session.execute(select(Submission.id, Submission.submission_id)).tuples().all())
    decisions = [
        (ids[d.submission_pk], d.stage, d.outcome, d.rationale, d.decided_by, d.decided_at)
        for d in session.scalars(select(Decision).order_by(Decision.decided_at, Decision.id))
    ]
    findings = sorted(
        (
            f.rule_id,
            ids[f.submission_pk],
            ids.get(f.related_submission_pk or 0, ""),
            f.severity,
            f.overruled_reason or "",
        )
        for f in session.scalars(select(RuleFinding))
    )
    freezes = [
        (f.stage, f.method, f.frozen_at, f.reason, f.snapshot, f.unfrozen_at)
        for f in session.scalars(select(ListFreeze).order_by(ListFreeze.id))
    ]
    submissions = sorted(
        (f.submission_id, f.title, f.organisation, f.country, f.stakeholder_type, f.category_key)
        for f in nominees.submission_facts(session).values()
    )
    return [
        ("submissions", submissions),
        ("reviews", reviews),
        ("decisions", decisions),
        ("findings", findings),
        ("freezes", freezes),
    ]


def _history(session: Session) -> list[DecisionLine]:
    """The chair's say on the nominee list, oldest first: decisions, overrules, freezes."""
    lines: list[DecisionLine] = []
    subjects = {
        pk: (sid, title, category)
        for pk, sid, title, category in session.execute(
            select(
                Submission.id, Submission.submission_id, Submission.title, Submission.category_key
            )
        )
    }
    for decision in session.scalars(
        select(Decision).where(Decision.stage == nominees.STAGE).order_by(Decision.id)
    ):
        sid, title, category = subjects[decision.submission_pk]
        what = "nominee added" if decision.outcome == nominees.SELECTED else "nominee removed"
        lines.append(
            DecisionLine(
                decision.decided_at,
                decision.decided_by,
                what,
                f"{sid} {title}",
                category,
                decision.rationale,
            )
        )
    for finding in session.scalars(
        select(RuleFinding).where(RuleFinding.overruled_at.is_not(None)).order_by(RuleFinding.id)
    ):
        assert finding.overruled_at is not None
        sid, title, category = subjects[finding.submission_pk]
        lines.append(
            DecisionLine(
                finding.overruled_at,
                finding.overruled_by or "",
                f"finding overruled ({finding.rule_id}, {finding.severity})",
                f"{sid} {title}",
                category,
                finding.overruled_reason or "",
            )
        )
    for freeze in session.scalars(
        select(ListFreeze).where(ListFreeze.stage == nominees.STAGE).order_by(ListFreeze.id)
    ):
        lines.append(
            DecisionLine(
                freeze.frozen_at,
                freeze.frozen_by,
                "list frozen",
                f"nominee list ({len(freeze.snapshot)} rows, {freeze.method})",
                "",
                freeze.reason,
            )
        )
        if freeze.unfrozen_at is not None:
            lines.append(
                DecisionLine(
                    freeze.unfrozen_at,
                    freeze.unfrozen_by or "",
                    "list unfrozen",
                    "nominee list",
                    "",
                    freeze.unfreeze_reason or "",
                )
            )
    lines.sort(key=lambda line: line.at)
    return lines


def _part(
    result: CategoryResult, name: str, quota: int | None, rows: list[NomineeListRow]
) -> CategoryPart:
    by_id = {row.project_id: row for row in result.rows}
    lines = []
    for row in rows:
        ranked = by_id.get(row.submission_id)
        lines.append(
            NomineeLine(
                rank=row.rank,
                submission_id=row.submission_id,
                title=row.title,
                organisation=row.organisation,
                country=row.country,
                status=status_words(row.status),
                calibrated=row.calibrated_score,
                raw=row.raw_score,
                reviews=row.reviews,
                p_top=ranked.p_top if ranked is not None else None,
                flags=row.agreement_flags,
                reasons=row.decision_reasons,
                findings=row.open_findings,
            )
        )
    alpha = result.agreement.composite
    cut = result.proposal.cut
    cut_text = None
    if cut is not None and cut.last_in and cut.first_out:
        margin = "" if cut.margin is None else f" by {points(cut.margin):.2f} points"
        cut_text = (
            f"{cut.last_in} is the last in and {cut.first_out} the first out, "
            f"separated by {cut.decided_by}{margin}"
        )
    return CategoryPart(
        key=result.category_key,
        name=name,
        method=result.method_used.value,
        quota=quota,
        nominees=tuple(lines),
        scores=tuple(
            points(row.score) for row in result.rows if row.eligible and row.score is not None
        ),
        agreement=AgreementFigure(alpha.value, alpha.low, alpha.high, alpha.units, alpha.reason),
        experts=tuple(
            ExpertLine(e.expert_id, e.reviews, e.offset, e.offset_se, e.flags)
            for e in result.experts
        ),
        cut=cut_text,
        noise_sd=result.noise_sd,
        notes=result.notes,
    )


def nominee_report(
    workspace: OpenWorkspace,
    *,
    method: Method | str = Method.CALIBRATED,
    seed: int = 0,
    actor: str | None = None,
) -> NomineeReport:
    """The nominee report's contents, as the workspace holds them now."""
    edition = workspace.edition
    with workspace.sessions() as session:
        digest = inputs_digest(_nomination_inputs(session))
        history = _history(session)
        freeze = open_freeze(session)
        snapshot = list(freeze.snapshot) if freeze is not None else None
        frozen = (
            f"frozen by {freeze.frozen_by} on {freeze.frozen_at:%Y-%m-%d %H:%M} UTC "
            f"({freeze.reason})"
            if freeze is not None
            else None
        )
        if freeze is not None:
            method = freeze.method  # the figures beside the list are the list's own
    live = nominees.nomination_report(workspace, method=method, seed=seed)
    rows = (
        nominees.frozen_rows(workspace, snapshot)
        if snapshot is not None
        else nominees.list_rows(workspace, live)
    )
    quota = edition.quotas.nominees_per_category
    names = {c.key: f"{c.action_line} {c.name.en}" for c in edition.categories}
    parts = tuple(
        _part(
            result,
            names[result.category_key],
            quota,
            [row for row in rows if row.category_key == result.category_key],
        )
        for result in live.results
    )
    made = provenance(
        workspace,
        (NAME, VERSION, "Nominee list"),
        digest,
        (
            ("Ranking method", live.method.value),
            ("List", "frozen" if frozen else "a proposal (not frozen: it may still change)"),
            ("Bootstrap seed", str(seed)),
        ),
        actor,
    )
    return NomineeReport(made, live.method.value, frozen, parts, tuple(history), live.warnings)


def export_nominee_report(
    workspace: OpenWorkspace,
    out: Path,
    *,
    method: Method | str = Method.CALIBRATED,
    seed: int = 0,
    actor: str | None = None,
) -> nominees.ExportResult:
    """Write the nominee report as a PDF and record the export in the audit log."""
    actor = actor or current_actor()
    report = nominee_report(workspace, method=method, seed=seed, actor=actor)
    warnings = write_nominee_report(out, report)
    rows = sum(len(part.nominees) for part in report.categories)
    with workspace.transaction() as session:
        record_change(
            session,
            actor=actor,
            action="nominees.exported",
            entity="list_freeze",
            entity_id="nominee",
            after={
                "file": out.name,
                "rows": rows,
                "frozen": report.frozen is not None,
                "method": report.method,
                "digest": report.provenance.digest,
            },
        )
    return nominees.ExportResult(out, rows, report.frozen is not None, report.method, warnings)
