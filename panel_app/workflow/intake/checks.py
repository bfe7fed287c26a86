"""Rule checks over a workspace: run the rules, keep their findings, record overrules.

`run_checks` reads the submissions, runs `panel_app.rules`, and in one transaction brings
the stored findings of those rules up to date: a finding that is still found keeps its row
(its id, and a chair's overrule with it), a new one is added, one no longer found is
removed. A run that changes nothing writes nothing, not even an audit entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Select, Text, cast, func, select
from sqlalchemy.orm import Session, aliased

from panel_app.formats.submission_set import optional_columns
from panel_app.i18n import N_, Refusal
from panel_app.rules import RULE_IDS, Finding, RuleContext, RuleInput
from panel_app.rules.runner import BATCH, run_batches, workers_for
from panel_app.store.audit import current_actor, record_change
from panel_app.store.database import bulk_insert
from panel_app.store.models import RuleFinding, Submission, utc_now
from panel_app.workflow.chairs import conflict_refusals
from panel_app.workflow.changes import Touched
from panel_app.workflow.handover import checks_pending, set_checks_pending
from panel_app.workflow.intake.past_winners import load_past_winners
from panel_app.workflow.record import chain_position, refuse_if_changed
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace

__all__ = [
    "CheckResult",
    "FindingRow",
    "FindingsReport",
    "OverruleRefused",
    "complete_pending_checks",
    "findings_report_at",
    "list_findings",
    "overrule_finding",
    "restore_finding",
    "run_checks",
]

# The submission columns the rules read: RuleInput's fields after submission_id, but the
# ones an extra column of the set may hold (read from `extra`: `_Submissions.optional`).
_FROM_EXTRA = ("project_information", "photos")
_INPUT_COLUMNS = tuple(f.name for f in fields(RuleInput) if f.name not in _FROM_EXTRA)[1:]
_SDGS = _INPUT_COLUMNS.index("sdgs")
_FINDING_TABLE = RuleFinding.metadata.tables["rule_finding"]


class OverruleRefused(Refusal, ValueError):
    """An overrule could not be recorded (no reason given, or no such finding)."""


@dataclass(frozen=True)
class FindingRow:
    """A stored finding, as the CLI and the window show it."""

    touched: ClassVar[Touched] = Touched.FINDINGS  # returned by an overrule

    id: int
    rule_id: str
    severity: str
    submission_id: str
    related_submission_id: str | None
    evidence: str
    overruled_reason: str | None
    overruled_by: str | None = None
    overruled_at: datetime | None = None
    # The English template and its parameters, for a window that shows another language.
    template: str = ""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckResult:
    findings: list[FindingRow]  # every finding of these rules, overruled ones included
    added: int
    updated: int
    removed: int
    unchanged: int
    counts: dict[str, int] = field(default_factory=dict)  # rule id -> findings (open or not)

    @property
    def touched(self) -> Touched:
        return Touched.FINDINGS if self.changed_anything else Touched.NOTHING

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    @property
    def open_findings(self) -> list[FindingRow]:
        return [f for f in self.findings if f.overruled_reason is None]

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "counts": dict(self.counts),
            # As printed before the template travelled with a finding (for the window).
            "findings": [
                {k: v for k, v in asdict(f).items() if k not in ("template", "params")}
                for f in self.findings
            ],
        }


class _Submissions:
    """The submissions as the rules read them: in batches, streamed (the set's text is
    never all in memory), and again by position, for the duplicate pairs' exact check."""

    def __init__(self, session: Session, optional: bool = False) -> None:
        self.session = session
        self.pks: list[int] = []  # by position in the stream
        self.pk_of: dict[str, int] = {}  # Submission ID -> primary key
        self._sdgs: dict[str, tuple[int, ...]] = {}  # a set repeats few SDG lists
        # The edition checks what an extra column may hold (2017's project information
        # and photo): the extra columns are read too, and their headers matched once.
        self.optional = optional
        self._headers: dict[tuple[str, ...], dict[str, str]] = {}

    def count(self) -> int:
        return self.session.scalar(select(func.count(Submission.id))) or 0

    def _query(self) -> Select[Any]:
        # The SDG list as its JSON text, parsed once per distinct list (not once per row).
        columns = [
            cast(Submission.sdgs, Text) if name == "sdgs" else getattr(Submission, name)
            for name in _INPUT_COLUMNS
        ]
        if self.optional:
            columns.append(Submission.extra)
        return select(Submission.id, Submission.submission_id, *columns)

    def _record(self, sid: str, values: list[Any]) -> RuleInput:
        sdgs = values[_SDGS]
        parsed = self._sdgs.get(sdgs)
        if parsed is None:
            parsed = self._sdgs[sdgs] = tuple(json.loads(sdgs) or ()) if sdgs else ()
        values[_SDGS] = parsed
        if not self.optional:
            return RuleInput(sid, *values)  # the columns in RuleInput's order
        extra: dict[str, Any] = values.pop() or {}
        keys = tuple(extra)
        found = self._headers.get(keys)
        if found is None:
            found = self._headers[keys] = optional_columns(keys)
        text, photo = (found.get(name) for name in ("project_information", "photo"))
        return replace(
            RuleInput(sid, *values),
            project_information=None if text is None else str(extra[text] or ""),
            photos=None if photo is None else str(extra[photo] or ""),
        )

    def batches(self, size: int) -> Iterator[list[RuleInput]]:
        query = self._query().order_by(Submission.id)
        rows = self.session.execute(query, execution_options={"yield_per": size})
        for part in rows.partitions(size):
            batch = []
            for pk, sid, *values in part:
                self.pks.append(pk)
                self.pk_of[sid] = pk
                batch.append(self._record(sid, values))
            yield batch

    def fetch(self, positions: list[int]) -> list[RuleInput]:
        pks = [self.pks[i] for i in positions]
        rows = self.session.execute(self._query().where(Submission.id.in_(pks)))
        found = {pk: self._record(sid, values) for pk, sid, *values in rows}
        return [found[pk] for pk in pks]


def _content(finding: Finding) -> dict[str, Any]:
    return {
        "severity": finding.severity,
        "template": finding.template,
        "params": dict(finding.params),
        "evidence": finding.evidence,
    }


def run_checks(
    workspace: OpenWorkspace,
    actor: str | None = None,
    *,
    workers: int | None = None,
    batch_size: int = BATCH,
) -> CheckResult:
    """Run the rules on every submission and store their findings (one transaction).

    The submissions are read `batch_size` at a time and checked by `workers` processes:
    by default as many as the processor has for a large set, none for a small one
    (`rules.runner.workers_for`). The findings are the same whatever these are."""
    actor = actor or current_actor()
    added = updated = removed = unchanged = 0
    with workspace.transaction() as session:
        edition = workspace.edition
        submissions = _Submissions(
            session,
            optional=edition.project_information_words is not None
            or bool(edition.project_information_photos),
        )
        workers = workers_for(submissions.count()) if workers is None else workers
        found = run_batches(
            workspace.edition,
            submissions.batches(batch_size),
            RuleContext(past_winners=load_past_winners(session)),
            submissions.fetch,
            workers,
        )
        pks = submissions.pk_of
        existing = {
            (row.rule_id, row.submission_pk, row.related_submission_pk): row
            for row in session.scalars(select(RuleFinding).where(RuleFinding.rule_id.in_(RULE_IDS)))
        }
        new_rows: list[dict[str, Any]] = []
        now = utc_now()
        for finding in found:
            related = finding.related_submission_id
            key = (finding.rule_id, pks[finding.submission_id], pks[related] if related else None)
            content = _content(finding)
            row = existing.pop(key, None)
            if row is None:
                new_rows.append(
                    {
                        "rule_id": finding.rule_id,
                        "submission_pk": key[1],
                        "related_submission_pk": key[2],
                        "created_at": now,
                        **content,
                    }
                )
                added += 1
            elif {name: getattr(row, name) for name in content} != content:
                for name, value in content.items():
                    setattr(row, name, value)  # an overrule stays with its finding
                updated += 1
            else:
                unchanged += 1
        # One executemany: a first run after a large import adds thousands of findings.
        bulk_insert(session, _FINDING_TABLE, new_rows)
        for row in existing.values():  # no longer found: the submission was corrected
            session.delete(row)
            removed += 1
        counts = {rule_id: 0 for rule_id in RULE_IDS}
        for finding in found:
            counts[finding.rule_id] += 1
        if added or updated or removed:
            record_change(
                session,
                actor=actor,
                action="checks.run",
                entity="rule_finding",
                entity_id="all rules",  # "findings" below names them (64 characters max)
                after={
                    "findings": counts,
                    "added": added,
                    "updated": updated,
                    "removed": removed,
                    "unchanged": unchanged,
                },
            )
        set_checks_pending(session, False)
        session.flush()
        rows = _finding_rows(session)
    return CheckResult(rows, added, updated, removed, unchanged, counts)


def complete_pending_checks(
    workspace: OpenWorkspace, actor: str | None = None
) -> CheckResult | None:
    """The rule checks an interrupted import left owed, run now; None when none are."""
    with workspace.sessions() as session:
        if not checks_pending(session):
            return None
    return run_checks(workspace, actor=actor)


def _finding_rows(session: Session, finding_id: int | None = None) -> list[FindingRow]:
    related = aliased(Submission)
    query = (
        select(RuleFinding, Submission.submission_id, related.submission_id)
        .join(Submission, Submission.id == RuleFinding.submission_pk)
        .outerjoin(related, related.id == RuleFinding.related_submission_pk)
    )
    if finding_id is None:
        query = query.where(RuleFinding.rule_id.in_(RULE_IDS))
    else:
        query = query.where(RuleFinding.id == finding_id)
    out = [
        FindingRow(
            id=row.id,
            rule_id=row.rule_id,
            severity=row.severity,
            submission_id=sid,
            related_submission_id=related_sid,
            evidence=row.evidence,
            overruled_reason=row.overruled_reason,
            overruled_by=row.overruled_by,
            overruled_at=row.overruled_at,
            template=row.template or "",
            params=dict(row.params or {}),
        )
        for row, sid, related_sid in session.execute(query)
    ]
    order = {rule_id: i for i, rule_id in enumerate(RULE_IDS)}
    out.sort(key=lambda f: (order.get(f.rule_id, len(order)), _natural(f.submission_id), f.id))
    return out


def _natural(text: str) -> tuple[int, int | str]:
    return (0, int(text)) if text.isdigit() else (1, text)


def list_findings(workspace: OpenWorkspace) -> list[FindingRow]:
    """The stored findings of the rules checked here, by rule and Submission ID."""
    with workspace.sessions() as session:
        return _finding_rows(session)


def _refuse_if_conflicted(session: Session, actor: str, finding: RuleFinding) -> None:
    """A chair conflicted with the finding's project (or the other of a pair) may not
    overrule it, nor undo an overrule."""
    pks = [pk for pk in (finding.submission_pk, finding.related_submission_pk) if pk is not None]
    ids = session.scalars(select(Submission.submission_id).where(Submission.id.in_(pks))).all()
    refusals = conflict_refusals(session, actor, ids)
    if refusals:
        raise OverruleRefused.joined(refusals)


def overrule_finding(
    workspace: OpenWorkspace,
    finding_id: int,
    reason: str,
    actor: str | None = None,
    *,
    seen: int | None = None,
) -> FindingRow:
    """Record a chair's overrule of one finding, with the reason, in the audit log.

    Overruling an overruled finding again replaces the reason (the log keeps both); not
    one overruled since the chair read it at `seen` (StaleView, nothing written).
    """
    reason = reason.strip()
    if not reason:
        raise OverruleRefused(N_("an overrule needs a reason: say why the finding does not apply"))
    actor = actor or current_actor()
    seen = chain_position(workspace)[0] if seen is None else seen  # at least: from now on
    with workspace.transaction() as session:
        refuse_if_changed(
            session,
            seen,
            f"finding {finding_id}",
            [("rule_finding", [str(finding_id)], ("finding.overruled", "finding.restored"))],
        )
        row = session.get(RuleFinding, finding_id)
        if row is None:
            raise OverruleRefused(N_("no finding with id {finding_id}"), finding_id=finding_id)
        _refuse_if_conflicted(session, actor, row)
        before = {
            "overruled_reason": row.overruled_reason,
            "overruled_by": row.overruled_by,
            "overruled_at": row.overruled_at,
        }
        row.overruled_reason = reason
        row.overruled_by = actor
        row.overruled_at = utc_now()
        record_change(
            session,
            actor=actor,
            action="finding.overruled",
            entity="rule_finding",
            entity_id=finding_id,
            before=before,
            after={
                "rule_id": row.rule_id,
                "evidence": row.evidence,
                "overruled_reason": reason,
                "overruled_by": actor,
                "overruled_at": row.overruled_at,
            },
        )
        session.flush()
        (result,) = _finding_rows(session, finding_id)
    return result


def restore_finding(
    workspace: OpenWorkspace,
    finding_id: int,
    reason: str,
    actor: str | None = None,
    *,
    seen: int | None = None,
) -> FindingRow:
    """Undo a chair's overrule: the finding is open again (and counts again: eligibility,
    the lists' open findings), with the reason in the audit log beside the overrule it
    undoes. Refused for a finding not overruled, or overruled again since `seen`."""
    reason = reason.strip()
    if not reason:
        raise OverruleRefused(N_("undoing an overrule needs a reason: say why, for the record"))
    actor = actor or current_actor()
    seen = chain_position(workspace)[0] if seen is None else seen  # at least: from now on
    with workspace.transaction() as session:
        refuse_if_changed(
            session,
            seen,
            f"finding {finding_id}",
            [("rule_finding", [str(finding_id)], ("finding.overruled", "finding.restored"))],
        )
        row = session.get(RuleFinding, finding_id)
        if row is None:
            raise OverruleRefused(N_("no finding with id {finding_id}"), finding_id=finding_id)
        if row.overruled_at is None:
            raise OverruleRefused(
                N_("finding {finding_id} is not overruled: it is open already"),
                finding_id=finding_id,
            )
        _refuse_if_conflicted(session, actor, row)
        before = {
            "overruled_reason": row.overruled_reason,
            "overruled_by": row.overruled_by,
            "overruled_at": row.overruled_at,
        }
        row.overruled_reason = row.overruled_by = row.overruled_at = None
        record_change(
            session,
            actor=actor,
            action="finding.restored",
            entity="rule_finding",
            entity_id=finding_id,
            before=before,
            after={"rule_id": row.rule_id, "evidence": row.evidence, "reason": reason},
            note=reason,
        )
        session.flush()
        (result,) = _finding_rows(session, finding_id)
    return result


@dataclass(frozen=True)
class FindingsReport:
    """Every finding, as the findings window shows them, and where the log stood."""

    findings: list[FindingRow]
    position: int  # the audit log's position they were read at: a decision on it says so


def findings_report_at(location: WorkspaceLocation) -> FindingsReport:
    """The findings on a connection of their own (for a worker thread beside the window's)."""
    with open_workspace(location) as workspace:
        position = chain_position(workspace)[0]  # first: what is read below is this new
        return FindingsReport(list_findings(workspace), position)
