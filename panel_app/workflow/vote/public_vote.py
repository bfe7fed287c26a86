"""Vote intake: audit the platform's vote export against the frozen nominee list, keep the
audit and the finalists.

- The nominee list the audit checks against is the frozen one (`panel-app nominees
  freeze`); without it the import is refused.
- The file is read and audited outside any transaction (it may hold millions of rows);
  the result lands in one transaction: an ImportBatch (kind "votes"), the audit as the
  `votes.imported` audit entry (counts by reason, valid votes per nominee, finalists,
  ties) and one Decision (stage "finalist", outcome "selected") per finalist.
- Importing the file already imported (same bytes, same frozen list, audited by the same
  rules and vote times) changes nothing. A different file, or the same one audited by an
  older version of the audit (before before_open), replaces the previous vote import:
  its finalists by the vote go, and the audit entry names the import it replaces. The
  chair's own finalist decisions (finalist_decisions.py) are kept where they still apply
  (a removal always; a pick of a tied project while it is still tied) and the others are
  named in the result, never dropped unsaid.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from panel_app.edition import Edition
from panel_app.formats.tabular import Engine
from panel_app.formats.votes import open_votes
from panel_app.store.audit import current_actor, jsonable, record_change
from panel_app.store.models import AuditEntry, Decision, ImportBatch, Submission
from panel_app.votes.audit import (
    REASON_TEXT,
    REASONS,
    CategoryOutcome,
    Example,
    Nominee,
    Standing,
    VoteAudit,
    VoteAuditor,
)
from panel_app.workflow.changes import Touched
from panel_app.workflow.files import IntakeCancelled, file_sha256
from panel_app.workflow.handover import (
    FINALIST_STAGE,
    VOTES_IMPORTED,
    FinalistsByVotes,
    FinalistTie,
    finalist_ties,
    finalists_by_votes,
    open_freeze,
)
from panel_app.workflow.vote import VOTE_RATIONALE
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace

__all__ = [
    "FinalistsReport",
    "VoteImportResult",
    "VotesRefused",
    "finalists_report",
    "frozen_nominees",
    "import_votes",
    "import_votes_at",
    "rejections_in_words",
]

STAGE = FINALIST_STAGE
SELECTED, NOT_SELECTED = "selected", "not-selected"
ACTION = VOTES_IMPORTED
KIND = "votes"
NOMINEE_STAGE = "nominee"  # the frozen list the audit checks against


class VotesRefused(ValueError):
    """The vote data cannot be taken in now, with the reason in words."""


@dataclass(frozen=True)
class VoteImportResult:
    file: str
    file_sha256: str
    changed: bool  # False: this file was the last one imported; nothing was written
    replaced: str | None  # the file of the vote import this one replaced
    audit: VoteAudit
    # The chair's finalist decisions of the import replaced that no longer apply (a pick
    # of a project no longer tied), each in words: decide again on the new audit.
    dropped: tuple[str, ...] = ()

    @property
    def touched(self) -> Touched:
        return Touched.VOTE if self.changed else Touched.NOTHING

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "file_sha256": self.file_sha256,
            "changed": self.changed,
            "replaced": self.replaced,
            "dropped": list(self.dropped),
            "audit": audit_to_dict(self.audit),
        }


@dataclass(frozen=True)
class FinalistsReport:
    file: str
    file_sha256: str
    imported_at: datetime
    imported_by: str
    audit: VoteAudit
    finalists: dict[str, tuple[str, ...]]  # category key -> finalists as settled (Decisions)
    warnings: tuple[str, ...]
    ties: dict[str, FinalistTie] = field(default_factory=dict)  # category key -> its tie
    removed: dict[str, str] = field(default_factory=dict)  # ID -> the chair's reason
    # Category key -> its finalists by votes and the ones the panel analyses.
    by_votes: dict[str, FinalistsByVotes] = field(default_factory=dict)

    @property
    def unsettled(self) -> dict[str, FinalistTie]:
        """The ties the chair has still to decide, by category."""
        return {key: tie for key, tie in self.ties.items() if not tie.settled}


def _frozen_nominees(session: Session) -> tuple[int, list[Nominee]]:
    freeze = open_freeze(session)
    if freeze is None:
        raise VotesRefused(
            "freeze the nominee list first (`panel-app nominees freeze --reason ...`): "
            "votes are audited against the frozen list of nominees"
        )
    nominees = [
        Nominee(
            str(row["submission_id"]),
            str(row["category_key"]),
            str(row.get("organisation", "")),
            str(row.get("title", "")),
        )
        for row in freeze.snapshot
    ]
    return freeze.id, nominees


def frozen_nominees(workspace: OpenWorkspace) -> list[Nominee]:
    """The nominees of the frozen list; VotesRefused when the list is not frozen."""
    with workspace.sessions() as session:
        return _frozen_nominees(session)[1]


def _latest_import(session: Session) -> AuditEntry | None:
    return session.scalars(
        select(AuditEntry).where(AuditEntry.action == ACTION).order_by(AuditEntry.id.desc())
    ).first()


def rejections_in_words(audit: VoteAudit) -> dict[str, int]:
    """The audit's rejected votes by reason, each reason as its English text (which the
    window translates), in the audit's order; reasons with none left out."""
    return {REASON_TEXT[code]: count for code, count in audit.rejected.items() if count}


def import_votes_at(
    location: WorkspaceLocation,
    path: Path,
    *,
    actor: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> VoteImportResult:
    """import_votes on a connection of its own to the workspace at `location` (for a worker
    thread beside the window's), with a cancel: checked as the rows stream past (the
    writing comes after the whole file is read), so a cancel writes nothing."""

    def reading(done: int, total: int | None) -> None:
        if cancelled is not None and cancelled():
            raise IntakeCancelled(f"import of {path.name} cancelled; nothing was written")
        if progress is not None:
            progress(done, total or 0)

    with open_workspace(location) as workspace:
        return import_votes(workspace, path, actor=actor, progress=reading)


def import_votes(
    workspace: OpenWorkspace,
    path: Path,
    *,
    actor: str | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    engine: Engine = "auto",
) -> VoteImportResult:
    """Audit the vote file and store the audit and the finalists (see the module's doc)."""
    actor = actor or current_actor()
    edition = workspace.edition
    digest = file_sha256(path)
    with workspace.sessions() as session:
        freeze_id, nominees = _frozen_nominees(session)
        previous = _latest_import(session)
        before = dict(previous.after or {}) if previous is not None else None
    if before is not None and _audited_alike(before, digest, freeze_id, edition):
        return VoteImportResult(path.name, digest, False, None, audit_from_dict(before["audit"]))
    with open_votes(path, edition, engine=engine, progress=progress) as votes:
        auditor = VoteAuditor(edition, nominees, votes.kind)
        for row in votes.tally:
            auditor.add_tally(row)
        auditor.add_all(votes.votes)
    audit = auditor.result()
    replaced = str(before["file"]) if before is not None else None
    with workspace.transaction() as session:
        freeze = open_freeze(session)
        if freeze is None or freeze.id != freeze_id:
            raise VotesRefused("the nominee list was unfrozen or frozen again meanwhile; retry")
        batch = ImportBatch(
            kind=KIND, file_name=path.name, file_sha256=digest, actor=actor, added=audit.valid
        )
        session.add(batch)
        session.flush()
        kept, dropped = _chair_decisions_kept(session, before, audit)
        session.execute(
            delete(Decision).where(
                Decision.stage == STAGE, Decision.id.not_in([d.id for d in kept] or [-1])
            )
        )
        removed = {d.submission_pk for d in kept if d.outcome == NOT_SELECTED}
        finalists = [(c, sid) for c in audit.categories for sid in c.finalists]
        pks: dict[str, int] = {
            sid: pk
            for sid, pk in session.execute(
                select(Submission.submission_id, Submission.id).where(
                    Submission.submission_id.in_([sid for _, sid in finalists])
                )
            )
        }
        for category, sid in finalists:
            if pks[sid] in removed:
                continue  # the chair took it off the finalists; that decision stands
            standing = next(s for s in category.standings if s.submission_id == sid)
            session.add(
                Decision(
                    submission_pk=pks[sid],
                    category_key=category.category_key,
                    stage=STAGE,
                    outcome=SELECTED,
                    rationale=VOTE_RATIONALE.format(votes=standing.votes, rank=standing.rank),
                    decided_by=actor,
                )
            )
        record_change(
            session,
            actor=actor,
            action=ACTION,
            entity="import_batch",
            entity_id=batch.id,
            before=None if before is None else {k: before.get(k) for k in ("file", "batch")},
            after={
                "file": path.name,
                "file_sha256": digest,
                "batch": batch.id,
                "nominee_freeze": freeze_id,
                "audit": audit_to_dict(audit),
            },
            note="; ".join(
                ([] if replaced is None else [f"replaces the vote import of {replaced}"])
                + list(dropped)
            ),
        )
    return VoteImportResult(path.name, digest, True, replaced, audit, tuple(dropped))


def _chair_decisions_kept(
    session: Session, before: Mapping[str, Any] | None, audit: VoteAudit
) -> tuple[list[Decision], list[str]]:
    """The chair's finalist decisions on the import replaced that still apply to `audit`,
    and the others in words. The chair's are those the vote did not make: removals, and
    picks of projects that were not finalists by the vote."""
    if before is None:
        return [], []
    by_vote = {
        sid for c in (before.get("audit") or {}).get("categories", ()) for sid in c["finalists"]
    }
    tied_now = {sid for c in audit.categories for sid in c.tied}
    by_vote_now = {sid for c in audit.categories for sid in c.finalists}
    kept: list[Decision] = []
    dropped: list[str] = []
    for decision, sid in session.execute(
        select(Decision, Submission.submission_id)
        .join(Submission, Submission.id == Decision.submission_pk)
        .where(Decision.stage == STAGE)
        .order_by(Decision.id)
    ).tuples():
        if decision.outcome == NOT_SELECTED:
            kept.append(decision)
        elif sid not in by_vote:  # the chair's pick
            if sid in tied_now:
                kept.append(decision)
            elif sid not in by_vote_now:  # (a finalist by these votes themselves: moot)
                dropped.append(
                    f"the chair's pick of {sid} as a finalist of {decision.category_key} "
                    f"({decision.rationale}) no longer applies: it is not tied for a last "
                    "place in these votes; decide again"
                )
    return kept, dropped


def _audited_alike(
    before: Mapping[str, Any], digest: str, freeze_id: int, edition: Edition
) -> bool:
    """Whether the last import audited this file against this frozen list by the rules the
    audit has now: an audit made before a reason existed (before_open) or with other vote
    times is made again, not kept."""
    return (before.get("file_sha256"), before.get("nominee_freeze")) == (
        digest,
        freeze_id,
    ) and _audited_by_current_rules(before.get("audit") or {}, edition)


def _audited_by_current_rules(audit: Mapping[str, Any], edition: Edition) -> bool:
    """Whether a stored audit checked every reason there is now, with the edition's times."""
    return (
        list(audit.get("rejected") or ()) == list(REASONS)
        and _moment(audit.get("vote_opens")) == edition.vote_opens
        and _moment(audit.get("vote_closes")) == edition.vote_closes
    )


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def finalists_report(workspace: OpenWorkspace) -> FinalistsReport:
    """The last vote import's audit and the finalists it stored."""
    with workspace.sessions() as session:
        entry = _latest_import(session)
        if entry is None or entry.after is None:
            raise VotesRefused("no vote data imported yet (`panel-app import-votes FILE`)")
        freeze = open_freeze(session)
        rows = session.execute(
            select(Decision.category_key, Submission.submission_id)
            .join(Submission, Submission.id == Decision.submission_pk)
            .where(Decision.stage == STAGE, Decision.outcome == SELECTED)
        ).all()
        removed = dict(
            session.execute(
                select(Submission.submission_id, Decision.rationale)
                .join(Submission, Submission.id == Decision.submission_pk)
                .where(Decision.stage == STAGE, Decision.outcome == NOT_SELECTED)
            )
            .tuples()
            .all()
        )
        ties = finalist_ties(session)
        by_votes = finalists_by_votes(session, workspace.edition)
        after = dict(entry.after)
        at, by = entry.at, entry.actor
    audit = audit_from_dict(after["audit"])
    place = {s.submission_id: n for c in audit.categories for n, s in enumerate(c.standings)}
    finalists: dict[str, list[str]] = {}
    for category_key, sid in rows:
        finalists.setdefault(category_key, []).append(sid)
    ordered = {  # in the audit's order: most votes first
        key: tuple(sorted(ids, key=lambda sid: (place.get(sid, len(place)), sid)))
        for key, ids in finalists.items()
    }
    warnings = []
    if freeze is None or freeze.id != after.get("nominee_freeze"):
        warnings.append(
            "the nominee list has changed since the votes were imported; import the vote "
            "data again to audit it against the list frozen now"
        )
    if not _audited_by_current_rules(after.get("audit") or {}, workspace.edition):
        warnings.append(
            "these votes were audited by an earlier version of the audit or other vote "
            "times (votes cast before the vote opened were not rejected); import the vote "
            "data again to audit it as the rules stand"
        )
    for tie in ties.values():
        if not tie.settled:
            warnings.append(unsettled_text(tie))
    quota = audit.finalists_per_category
    for outcome in audit.categories:
        have = len(ordered.get(outcome.category_key, ()))
        gone = [s.submission_id for s in outcome.standings if s.submission_id in removed]
        if gone and have < quota:
            warnings.append(
                f"{outcome.category_key}: {have} finalists of {quota} after the chair removed "
                f"{', '.join(gone)}; add the next by votes (`panel-app finalist add ID "
                "--reason ...`) or leave the place empty"
            )
    return FinalistsReport(
        str(after["file"]),
        str(after["file_sha256"]),
        at,
        by,
        audit,
        ordered,
        tuple(warnings),
        ties,
        removed,
        by_votes,
    )


def unsettled_text(tie: FinalistTie) -> str:
    """A tie the chair has still to decide, in words (the window translates its parts)."""
    places = tie.open_places - len(tie.picked)
    return (
        f"{tie.category_key}: {', '.join(tie.undecided)} tie on votes for the last "
        f"{places} finalist place(s); the chair decides (`panel-app finalist add ID "
        "--reason ...`), and until then the category cannot be selected"
    )


# ---- the audit as JSON (the audit entry keeps it) ----------------------------------------
def audit_to_dict(audit: VoteAudit) -> dict[str, Any]:
    data: dict[str, Any] = jsonable(audit)
    data["rejected_total"] = audit.rejected_total
    return data


def audit_from_dict(data: Mapping[str, Any]) -> VoteAudit:
    return VoteAudit(
        kind=data["kind"],
        votes_read=int(data["votes_read"]),
        valid=int(data["valid"]),
        rejected={str(k): int(v) for k, v in data["rejected"].items()},
        examples=tuple(Example(int(e["row"]), e["reason"], e["detail"]) for e in data["examples"]),
        finalists_per_category=int(data["finalists_per_category"]),
        categories=tuple(
            CategoryOutcome(
                c["category_key"],
                tuple(
                    Standing(s["submission_id"], int(s["votes"]), int(s["rank"]), s["status"])
                    for s in c["standings"]
                ),
                tuple(c["finalists"]),
                tuple(c["tied"]),
                int(c["open_places"]),
            )
            for c in data["categories"]
        ),
        vote_closes=_moment(data.get("vote_closes")),
        vote_opens=_moment(data.get("vote_opens")),
    )
