"""Nomination: rank a workspace's reviews, propose the nominees, record the chair's say.

The ranking itself is `panel_app.scoring` (pure); this module feeds it from the store and
keeps what only people decide:
- the proposal is recomputed from the reviews each time (the same data always gives the
  same list); projects with an open ineligible finding are never proposed;
- the chair adds or removes a nominee with a reason (a `Decision`, stage "nominee", the
  latest per submission wins, audit-logged). A removed project leaves the proposal and the
  next eligible project in the ranking moves up; an added one joins the list, beyond the
  quota if need be (the report says so). An unresolved tie at the cut is listed as such
  until the chair adds the projects they pick;
- the chair freezes the list with a reason: the list as it stands is kept (`ListFreeze`)
  and is what `export` writes from then on, whatever reviews arrive later; changing it
  needs an explicit unfreeze with a reason.

An edition with no fixed count (2017: "a list of nominees") proposes nothing by itself:
the report says so once, and the chair builds the list by adding projects (several at a
time, with one reason) or by a rule proposed in one step: the top K of each category, or
every project at or above a threshold score (`top`, `threshold`; the rule's picks are
`proposed`, not on the list until the chair adds them: `add_proposed`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from panel_app.formats.nominee_list import (
    NomineeListInfo,
    NomineeListRow,
    status_code,
    write_nominee_list,
)
from panel_app.i18n import N_, Refusal, Words
from panel_app.problems import Note
from panel_app.scoring import (
    CategoryResult,
    Method,
    ProjectInput,
    ProjectRow,
    points,
    rank_categories,
)
from panel_app.scoring.nomination import display_score
from panel_app.store.audit import chain_head, current_actor, record_change
from panel_app.store.models import (
    Decision,
    ListFreeze,
    Submission,
    utc_now,
)
from panel_app.workflow.chairs import conflict_refusals
from panel_app.workflow.changes import Touched
from panel_app.workflow.handover import (
    NOMINEE_STAGE,
    GateVerdict,
    OpenFinding,
    expert_names,
    findings_in_words,
    gate_verdicts,
    ineligible_ids,
    open_findings,
    open_freeze,
    round_reviews,
)
from panel_app.workflow.nomination.notes import (
    NOTE_ABOVE_QUOTA,
    NOTE_BELOW_QUOTA,
    NOTE_FINDINGS,
    NOTE_GATES_FAILED,
    NOTE_NO_COUNT,
    NOTE_RULE_TIE,
    NOTE_TIE_AT_CUT,
)
from panel_app.workflow.record import chain_position, refuse_if_changed
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace

__all__ = [
    "ChairDecision",
    "ChairDecisions",
    "NominationRefused",
    "NominationReport",
    "NomineeEntry",
    "add_nominee",
    "add_nominees",
    "add_proposed",
    "export_nominees",
    "freeze_nominees",
    "nomination_report",
    "nomination_report_at",
    "remove_nominee",
    "remove_nominees",
    "unfreeze_nominees",
]

STAGE = NOMINEE_STAGE
SELECTED, NOT_SELECTED = "selected", "not-selected"

STATUS_NOMINEE = "nominee"
STATUS_ADDED = "added"  # by the chair
STATUS_TIED = "tied"  # at the cut: the chair decides
STATUS_PROPOSED = "proposed"  # by the chair's rule (top K, threshold): not on the list yet

# What the ranking notes for each category when the edition sets no count: the report
# says it once, with what the chair can do (NO_COUNT).
_NO_COUNT_NOTE = "the edition sets no nominee count: give one to propose"
NO_COUNT = (
    "nothing is proposed: {edition} sets no nominee count (a list of nominees of no fixed "
    "size). Propose by a rule (`panel-app nominate --top K` or `--threshold POINTS`, then "
    "`--add --reason TEXT`), or add the projects the panel decides (`panel-app nominee add "
    "ID [ID ...] --reason TEXT`)"
)

# Flags of the scoring engine that describe agreement and certainty (the export's
# "Agreement flags"); eligibility and review counts have columns of their own.
_STATUS_FLAGS = frozenset({"ineligible", "unresolved_tie"})


class NominationRefused(Refusal, ValueError):
    """A chair's action that cannot be recorded, with the reason in words."""


@dataclass(frozen=True)
class ChairDecision:
    submission_id: str
    category_key: str
    outcome: str  # "selected" (added) or "not-selected" (removed)
    reason: str
    decided_by: str
    decided_at: datetime

    touched: ClassVar[Touched] = Touched.NOMINEES  # returned by an addition or removal


@dataclass(frozen=True)
class ChairDecisions:
    """Several projects added (or removed) at once, with one reason, in one transaction."""

    decisions: tuple[ChairDecision, ...]
    notes: tuple[str, ...] = ()  # e.g. a tie at the rule's cut, left to the chair

    touched: ClassVar[Touched] = Touched.NOMINEES


@dataclass(frozen=True)
class NomineeEntry:
    """One line of the nominee list."""

    category_key: str
    submission_id: str
    status: str  # STATUS_NOMINEE, STATUS_ADDED or STATUS_TIED
    row: ProjectRow | None  # the project's ranking line (None: no review counted)
    reasons: tuple[str, ...] = ()  # the chair's reasons behind its place
    findings: tuple[OpenFinding, ...] = ()  # its rule findings not overruled
    # The nomination gates a majority of its experts answered it fails (the call's
    # conditions before the criteria: alignment with the action lines, a full template).
    failed_gates: tuple[GateVerdict, ...] = ()


@dataclass(frozen=True)
class FreezeState:
    frozen_at: datetime
    frozen_by: str
    reason: str
    method: str
    rows: int

    touched: ClassVar[Touched] = Touched.NOMINEES  # returned by a freeze or unfreeze


@dataclass(frozen=True)
class SubmissionFacts:
    submission_id: str
    title: str
    organisation: str
    country: str
    stakeholder_type: str
    category_key: str


@dataclass(frozen=True)
class NominationReport:
    method: Method
    results: tuple[CategoryResult, ...]
    entries: tuple[NomineeEntry, ...]  # the list, by category then rank
    removed: tuple[ChairDecision, ...]  # projects the chair took off the proposal
    facts: dict[str, SubmissionFacts]
    frozen: FreezeState | None
    warnings: tuple[str, ...] = field(default=())  # what the chair must look at
    position: int = 0  # the audit log's position it was read at: a decision on it says so
    # The chair's rule for an edition with no fixed count ("top 8 per category", "score of
    # at least 70.00 points") and what it proposes beyond the list (STATUS_PROPOSED, or
    # STATUS_TIED at the rule's cut); not on the list until the chair adds them.
    rule: str | None = None
    proposed: tuple[NomineeEntry, ...] = ()
    quota: int | None = None  # the edition's nominees_per_category
    # Submission ID -> each gate as its experts answered it (every project with answers).
    gates: dict[str, tuple[GateVerdict, ...]] = field(default_factory=dict)
    # Expert code -> name: the window shows the person beside a figure, not the code.
    expert_names: dict[str, str] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()  # the warnings, as data

    def entries_of(self, category_key: str) -> list[NomineeEntry]:
        return [e for e in self.entries if e.category_key == category_key]

    def proposed_of(self, category_key: str) -> list[NomineeEntry]:
        return [e for e in self.proposed if e.category_key == category_key]


# ---- reading the store -------------------------------------------------------------------
def submission_facts(session: Session) -> dict[str, SubmissionFacts]:
    rows = session.execute(
        select(
            Submission.submission_id,
            Submission.title,
            Submission.organisation,
            Submission.country,
            Submission.stakeholder_type,
            Submission.category_key,
        )
    )
    return {row[0]: SubmissionFacts(*row) for row in rows}


def _decisions(session: Session) -> dict[str, ChairDecision]:
    """The chair's latest nominee decision per submission."""
    rows = session.execute(
        select(Decision, Submission.submission_id)
        .join(Submission, Submission.id == Decision.submission_pk)
        .where(Decision.stage == STAGE)
        .order_by(Decision.decided_at, Decision.id)
    )
    latest: dict[str, ChairDecision] = {}
    for decision, submission_id in rows:
        latest[submission_id] = ChairDecision(
            submission_id,
            decision.category_key,
            decision.outcome,
            decision.rationale,
            decision.decided_by,
            decision.decided_at,
        )
    return latest


def _state(freeze: ListFreeze) -> FreezeState:
    return FreezeState(
        freeze.frozen_at, freeze.frozen_by, freeze.reason, freeze.method, len(freeze.snapshot)
    )


# ---- the report --------------------------------------------------------------------------
def nomination_report(
    workspace: OpenWorkspace,
    *,
    method: Method | str = Method.CALIBRATED,
    categories: Sequence[str] | None = None,
    seed: int = 0,
    top: int | None = None,
    threshold: float | None = None,
) -> NominationReport:
    """Rank every category (or `categories`) and build the nominee list as it stands.
    `top` (K per category) or `threshold` (points out of 100): the chair's rule for an
    edition with no fixed count, whose picks the report lists as `proposed`."""
    method = Method(method)
    edition = workspace.edition
    rule = _rule(edition.quotas.nominees_per_category, edition.key, top, threshold)
    with workspace.sessions() as session:
        position, _ = chain_head(session)  # first: what is read below is at least this new
        reviews = round_reviews(session)
        ineligible = ineligible_ids(session)
        facts = submission_facts(session)
        decisions = _decisions(session)
        findings = open_findings(session)
        gates = gate_verdicts(session, len(edition.nomination_gates))
        names = expert_names(session)
        freeze = open_freeze(session)
        frozen = (
            FreezeState(
                freeze.frozen_at,
                freeze.frozen_by,
                freeze.reason,
                freeze.method,
                len(freeze.snapshot),
            )
            if freeze is not None
            else None
        )
    if categories is not None:
        known = {c.key for c in edition.categories}
        unknown = [key for key in categories if key not in known]
        if unknown:
            raise NominationRefused(
                N_("unknown category {key!r}; the edition's keys are {keys}"),
                key=unknown[0],
                keys=", ".join(c.key for c in edition.categories),
            )
    removed = {sid for sid, d in decisions.items() if d.outcome == NOT_SELECTED}
    added = {sid for sid, d in decisions.items() if d.outcome == SELECTED}
    results = rank_categories(
        edition,
        reviews,
        # a removed project makes way for the next in the ranking, as an ineligible one does
        ineligible=ineligible | removed,
        method=method,
        seed=seed,
        projects=[ProjectInput(f.submission_id, f.category_key) for f in facts.values()],
        categories=categories,
        quota=top,
    )
    entries: list[NomineeEntry] = []
    proposed: list[NomineeEntry] = []
    notes: list[Note] = []

    def note(key: str, code: str, text: str, **params: Any) -> None:
        notes.append(Note(code, text, params, key))

    quota = edition.quotas.nominees_per_category
    if quota is None and rule is None and results:
        note("", NOTE_NO_COUNT, NO_COUNT.format(edition=edition.key), edition=edition.key)
    for result in results:
        rows = {row.project_id: row for row in result.rows}
        proposal = result.proposal
        if quota is None:  # only the chair's additions are on the list; a rule proposes
            picks, ties = _rule_picks(result, top, threshold)
            proposed += [
                NomineeEntry(result.category_key, sid, STATUS_PROPOSED, rows.get(sid))
                for sid in picks
                if sid not in added
            ]
            undecided = [sid for sid in ties if sid not in added]
            if undecided and len(ties) - len(undecided) < proposal.open_places:
                proposed += [
                    NomineeEntry(result.category_key, sid, STATUS_TIED, rows.get(sid))
                    for sid in undecided
                ]
                note(
                    result.category_key,
                    NOTE_RULE_TIE,
                    f"{result.category_key}: {', '.join(undecided)} tie at the last of the "
                    f"{top} places the rule proposes; add the ones the panel picks "
                    "(`panel-app nominee add ID --reason ...`)",
                    ids=", ".join(undecided),
                    top=top,
                )
            proposal = replace(proposal, nominees=(), undecided=(), open_places=0)
        chosen = [sid for sid in proposal.nominees if sid not in added]
        for sid in chosen:
            entries.append(NomineeEntry(result.category_key, sid, STATUS_NOMINEE, rows.get(sid)))
        picked_from_tie = [sid for sid in proposal.undecided if sid in added]
        still_tied = [sid for sid in proposal.undecided if sid not in added]
        if len(picked_from_tie) >= proposal.open_places:
            still_tied = []  # the chair filled the places the tie left open
        for sid in still_tied:
            entries.append(NomineeEntry(result.category_key, sid, STATUS_TIED, rows.get(sid)))
        chair_added = sorted(
            (sid for sid in added if facts[sid].category_key == result.category_key),
            key=lambda sid: (rows[sid].rank if sid in rows else 10**9, sid),
        )
        for sid in chair_added:
            entries.append(
                NomineeEntry(
                    result.category_key,
                    sid,
                    STATUS_ADDED,
                    rows.get(sid),
                    (decisions[sid].reason,),
                )
            )
        listed = len(chosen) + len(chair_added)
        key = result.category_key
        if still_tied:
            note(
                key,
                NOTE_TIE_AT_CUT,
                f"{key}: {len(still_tied)} projects tie for {proposal.open_places} place(s) at "
                "the cut; add the ones the panel picks (`panel-app nominee add ID --reason ...`)",
                ids=", ".join(still_tied),
                count=len(still_tied),
                places=proposal.open_places,
            )
        elif quota is not None and listed > quota:
            note(
                key,
                NOTE_ABOVE_QUOTA,
                f"{key}: {listed} nominees, {listed - quota} above the quota of {quota}, by the "
                "chair's decisions",
                listed=listed,
                above=listed - quota,
                quota=quota,
            )
        elif quota is not None and listed < quota:
            note(
                key,
                NOTE_BELOW_QUOTA,
                f"{key}: {listed} nominees for a quota of {quota} (too few eligible, reviewed "
                "projects)",
                listed=listed,
                quota=quota,
            )
        for said in result.notes:
            if said != _NO_COUNT_NOTE:  # said once for the edition (NO_COUNT)
                note(key, "", f"{key}: {said}")

    def failed(sid: str) -> tuple[GateVerdict, ...]:
        return tuple(v for v in gates.get(sid, ()) if v.failed_by_majority)

    entries = [
        replace(e, findings=findings.get(e.submission_id, ()), failed_gates=failed(e.submission_id))
        for e in entries
    ]
    proposed = [
        replace(e, findings=findings.get(e.submission_id, ()), failed_gates=failed(e.submission_id))
        for e in proposed
    ]
    gated: dict[str, list[str]] = {}
    for entry in entries:
        if entry.failed_gates and entry.status != STATUS_TIED:
            gated.setdefault(entry.category_key, []).append(
                f"{entry.submission_id} ({'; '.join(v.in_words() for v in entry.failed_gates)})"
            )
    for key, texts in gated.items():
        note(
            key,
            NOTE_GATES_FAILED,
            f"{key}: nominees a majority of their experts failed at a nomination gate: "
            f"{', '.join(texts)}; remove each (with a reason) or keep it knowingly",
            ids=", ".join(text.split(" ", 1)[0] for text in texts),
        )
    flagged: dict[str, list[str]] = {}
    for entry in entries:
        if entry.findings and entry.status != STATUS_TIED:
            flagged.setdefault(entry.category_key, []).append(entry.submission_id)
    for key, ids in flagged.items():
        note(
            key,
            NOTE_FINDINGS,
            f"{key}: open rule findings on nominees {', '.join(ids)}: overrule each (with a "
            "reason) or remove the project before the list is frozen",
            ids=", ".join(ids),
        )
    order = {c.key: i for i, c in enumerate(edition.categories)}
    entries.sort(
        key=lambda e: (
            order[e.category_key],
            e.row.rank if e.row is not None else 10**9,
            e.submission_id,
        )
    )
    removed_decisions = tuple(
        sorted((decisions[sid] for sid in removed), key=lambda d: d.submission_id)
    )
    proposed.sort(
        key=lambda e: (
            order[e.category_key],
            e.row.rank if e.row is not None else 10**9,
            e.submission_id,
        )
    )
    return NominationReport(
        method,
        results,
        tuple(entries),
        removed_decisions,
        facts,
        frozen,
        tuple(n.text for n in notes),
        position,
        rule,
        tuple(proposed),
        quota,
        gates,
        names,
        tuple(notes),
    )


def _rule(
    quota: int | None, edition_key: str, top: int | None, threshold: float | None
) -> str | None:
    """The chair's rule in words; NominationRefused for one that cannot apply."""
    if top is None and threshold is None:
        return None
    if quota is not None:
        raise NominationRefused(
            N_(
                "{edition_key} fixes {quota} nominees per category and proposes them "
                "itself: --top and --threshold are for an edition with no fixed count"
            ),
            edition_key=edition_key,
            quota=quota,
        )
    if top is not None and threshold is not None:
        raise NominationRefused(N_("give --top K or --threshold POINTS, not both"))
    if top is not None:
        if top < 1:
            raise NominationRefused(N_("--top must be at least 1, not {top}"), top=top)
        return f"the top {top} of each category"
    assert threshold is not None
    if not 0 <= threshold <= 100:
        raise NominationRefused(
            N_("--threshold is in points out of 100, not {threshold:g}"), threshold=threshold
        )
    return f"every project scoring at least {threshold:.2f} points"


def _rule_picks(
    result: CategoryResult, top: int | None, threshold: float | None
) -> tuple[list[str], list[str]]:
    """What the chair's rule proposes in a category, in ranked order, and the projects
    tied at its last place (top K only: a threshold has no tie to leave)."""
    if top is not None:  # ranked with quota=top: the engine's proposal is the rule's
        return list(result.proposal.nominees), list(result.proposal.undecided)
    if threshold is None:
        return [], []
    wanted = round(threshold * 100)  # hundredths of a point, as the chair reads a score
    return [
        row.project_id
        for row in result.rows
        if row.eligible and row.score is not None and display_score(row.score) >= wanted
    ], []


def nomination_report_at(
    location: WorkspaceLocation,
    *,
    method: Method | str = Method.CALIBRATED,
    top: int | None = None,
    threshold: float | None = None,
) -> NominationReport:
    """nomination_report on a connection of its own (for a worker thread beside the
    window's: ranking every category takes seconds)."""
    with open_workspace(location) as workspace:
        return nomination_report(workspace, method=method, top=top, threshold=threshold)


# ---- the chair's decisions ---------------------------------------------------------------
def _refuse_if_frozen(session: Session) -> None:
    freeze = open_freeze(session)
    if freeze is not None:
        raise NominationRefused(
            N_(
                "the nominee list is frozen (by {frozen_by}, {frozen_at:%Y-%m-%d %H:%M} "
                "UTC: {reason}); unfreeze it with a reason first (`panel-app nominees "
                "unfreeze --reason ...`)"
            ),
            frozen_by=freeze.frozen_by,
            frozen_at=freeze.frozen_at,
            reason=freeze.reason,
        )


def _submission(session: Session, submission_id: str) -> Submission:
    row = session.scalars(
        select(Submission).where(Submission.submission_id == submission_id)
    ).first()
    if row is None:
        raise NominationRefused(
            N_("no submission with ID {submission_id!r} in this workspace"),
            submission_id=submission_id,
        )
    return row


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise NominationRefused(N_("a decision needs a reason: say why, for the record"))
    return reason


# The audit entries that change the nominee list (an export does not).
LIST_CHANGES = ("nominee.added", "nominee.removed", "nominees.frozen", "nominees.unfrozen")


def _decide(
    workspace: OpenWorkspace,
    submission_id: str,
    outcome: str,
    reason: str,
    actor: str | None,
    seen: int | None,
) -> ChairDecision:
    (decision,) = _decide_all(workspace, [submission_id], outcome, reason, actor, seen)
    return decision


def _decide_all(
    workspace: OpenWorkspace,
    submission_ids: Sequence[str],
    outcome: str,
    reason: str,
    actor: str | None,
    seen: int | None,
    *,
    report: NominationReport | None = None,
    note: str = "",
) -> tuple[ChairDecision, ...]:
    """The chair's decision on each project, with one reason, in one transaction: all of
    them recorded, or none (NominationRefused naming every project refused and why)."""
    reason = _reason(reason)
    actor = actor or current_actor()
    ids = list(dict.fromkeys(sid.strip() for sid in submission_ids if sid.strip()))
    if not ids:
        raise NominationRefused(N_("name the projects: no submission ID given"))
    if report is None:
        report = nomination_report(workspace)  # outside the write: ranking is read-only work
    listed = {e.submission_id: e for e in report.entries}
    with workspace.transaction() as session:
        # What the chair saw, else what the ranking above read: never decided on unseen.
        refuse_if_changed(
            session,
            report.position if seen is None else min(seen, report.position),
            f"the nominee list's decision on {', '.join(ids)}",
            [("decision", ids, None), ("list_freeze", None, LIST_CHANGES)],
        )
        _refuse_if_frozen(session)
        submissions = {
            row.submission_id: row
            for row in session.scalars(select(Submission).where(Submission.submission_id.in_(ids)))
        }
        barred = ineligible_ids(session) if outcome == SELECTED else set()
        problems = [
            problem
            for sid in ids
            if (problem := _refusal(sid, submissions, listed, outcome, barred)) is not None
        ]
        problems += conflict_refusals(session, actor, ids)  # the chair's own conflicts
        if problems:
            raise NominationRefused.joined(problems)
        made = []
        for sid in ids:
            made.append(
                _record(session, submissions[sid], listed.get(sid), outcome, reason, actor, note)
            )
        return tuple(made)


def _refusal(
    submission_id: str,
    submissions: dict[str, Submission],
    listed: dict[str, NomineeEntry],
    outcome: str,
    ineligible: set[str],
) -> Words | None:
    """Why the decision on one project cannot be recorded, or None."""
    said = {"sid": submission_id}
    if submission_id not in submissions:
        return Words(N_("no submission with ID {sid!r} in this workspace"), said)
    entry = listed.get(submission_id)
    if outcome == SELECTED:
        if submission_id in ineligible:
            return Words(
                N_(
                    "submission {sid} has an open ineligible finding; overrule the finding "
                    "(with a reason) before nominating it"
                ),
                said,
            )
        if entry is not None and entry.status != STATUS_TIED:
            return Words(N_("submission {sid} is already a nominee"), said)
    elif entry is None:
        return Words(N_("submission {sid} is not on the nominee list"), said)
    elif entry.status == STATUS_TIED:
        return Words(
            N_(
                "submission {sid} is not on the nominee list (it is tied at the cut: add "
                "the ones the panel picks)"
            ),
            said,
        )
    return None


def _record(
    session: Session,
    submission: Submission,
    entry: NomineeEntry | None,
    outcome: str,
    reason: str,
    actor: str,
    note: str,
) -> ChairDecision:
    """One decision and its audit entry. One decision per submission and stage (the
    table's constraint): a later one replaces it, and the audit log keeps the one it
    replaced."""
    decision = session.scalars(
        select(Decision).where(Decision.submission_pk == submission.id, Decision.stage == STAGE)
    ).first()
    before: dict[str, Any] = {"status": entry.status if entry is not None else None}
    if decision is None:
        decision = Decision(
            submission_pk=submission.id,
            category_key=submission.category_key,
            stage=STAGE,
            outcome=outcome,
            rationale=reason,
            decided_by=actor,
        )
        session.add(decision)
    else:
        before.update(
            outcome=decision.outcome,
            reason=decision.rationale,
            decided_by=decision.decided_by,
        )
        decision.outcome, decision.rationale, decision.decided_by = outcome, reason, actor
        decision.decided_at = utc_now()
    session.flush()
    record_change(
        session,
        actor=actor,
        action="nominee.added" if outcome == SELECTED else "nominee.removed",
        entity="decision",
        entity_id=submission.submission_id,
        before=before,
        after={"outcome": outcome, "reason": reason, "category": submission.category_key},
        note=note,
    )
    return ChairDecision(
        submission.submission_id,
        submission.category_key,
        outcome,
        reason,
        actor,
        decision.decided_at,
    )


def add_nominee(
    workspace: OpenWorkspace,
    submission_id: str,
    reason: str,
    actor: str | None = None,
    *,
    seen: int | None = None,
) -> ChairDecision:
    """The chair puts a project on the list (a tie's pick, or beyond the ranking)."""
    return _decide(workspace, submission_id, SELECTED, reason, actor, seen)


def remove_nominee(
    workspace: OpenWorkspace,
    submission_id: str,
    reason: str,
    actor: str | None = None,
    *,
    seen: int | None = None,
) -> ChairDecision:
    """The chair takes a project off the list; the next in the ranking moves up."""
    return _decide(workspace, submission_id, NOT_SELECTED, reason, actor, seen)


def add_nominees(
    workspace: OpenWorkspace,
    submission_ids: Sequence[str],
    reason: str,
    actor: str | None = None,
    *,
    seen: int | None = None,
) -> ChairDecisions:
    """The chair puts several projects on the list with one reason: all, or none."""
    decisions = _decide_all(workspace, submission_ids, SELECTED, reason, actor, seen,
                            note=_together(submission_ids))  # fmt: skip
    return ChairDecisions(decisions)


def remove_nominees(
    workspace: OpenWorkspace,
    submission_ids: Sequence[str],
    reason: str,
    actor: str | None = None,
    *,
    seen: int | None = None,
) -> ChairDecisions:
    """The chair takes several projects off the list with one reason: all, or none."""
    decisions = _decide_all(workspace, submission_ids, NOT_SELECTED, reason, actor, seen,
                            note=_together(submission_ids))  # fmt: skip
    return ChairDecisions(decisions)


def _together(submission_ids: Sequence[str]) -> str:
    count = len(set(submission_ids))
    return f"one of {count} decided together" if count > 1 else ""


def add_proposed(
    workspace: OpenWorkspace,
    reason: str,
    *,
    top: int | None = None,
    threshold: float | None = None,
    method: Method | str = Method.CALIBRATED,
    actor: str | None = None,
    seen: int | None = None,
) -> ChairDecisions:
    """Put on the list, in one step and with one reason, every project the chair's rule
    proposes (an edition with no fixed count): the top `top` of each category, or every
    project scoring at least `threshold` points. Projects tied at the rule's last place
    are left to the chair, and the result says so."""
    report = nomination_report(workspace, method=method, top=top, threshold=threshold)
    ids = [e.submission_id for e in report.proposed if e.status == STATUS_PROPOSED]
    tied = [e.submission_id for e in report.proposed if e.status == STATUS_TIED]
    if not ids:
        if tied:
            raise NominationRefused(
                N_(
                    "{rule} proposes no project that is not on the list already (tied at "
                    "its last place: {tied}; add the ones the panel picks)"
                ),
                rule=report.rule,
                tied=", ".join(tied),
            )
        raise NominationRefused(
            N_("{rule} proposes no project that is not on the list already"), rule=report.rule
        )
    decisions = _decide_all(
        workspace, ids, SELECTED, reason, actor, seen, report=report,
        note=f"proposed by the chair's rule: {report.rule}; one of {len(ids)} added together",
    )  # fmt: skip
    notes = tuple(w for w in report.warnings if "tie at the last of the" in w)
    return ChairDecisions(decisions, notes)


# ---- freezing and the export -------------------------------------------------------------
def list_rows(workspace: OpenWorkspace, report: NominationReport) -> list[NomineeListRow]:
    """The list in the secretariat's format (docs/formats/nominee-list.md)."""
    names = {c.key: f"{c.action_line} {c.name.en}" for c in workspace.edition.categories}
    out = []
    for entry in report.entries:
        facts = report.facts[entry.submission_id]
        row = entry.row
        out.append(
            NomineeListRow(
                category_key=entry.category_key,
                category_name=names[entry.category_key],
                rank=row.rank if row is not None and entry.status != STATUS_ADDED else None,
                submission_id=entry.submission_id,
                title=facts.title,
                organisation=facts.organisation,
                country=facts.country,
                stakeholder_type=facts.stakeholder_type,
                raw_score=points(row.raw_mean) if row and row.raw_mean is not None else None,
                calibrated_score=(
                    points(row.calibrated) if row and row.calibrated is not None else None
                ),
                reviews=row.reviews if row is not None else 0,
                agreement_flags=tuple(
                    f for f in (row.flags if row else ()) if f not in _STATUS_FLAGS
                ),
                status=entry.status,
                decision_reasons=entry.reasons,
                open_findings=tuple(f.text for f in entry.findings),
            )
        )
    return out


def freeze_nominees(
    workspace: OpenWorkspace,
    reason: str,
    *,
    method: Method | str = Method.CALIBRATED,
    actor: str | None = None,
    seen: int | None = None,
) -> FreezeState:
    """Freeze the list as it stands now; refused while a tie at the cut is undecided, and
    when a decision was recorded since the list was read (by the chair: `seen`, or here)."""
    reason = _reason(reason)
    actor = actor or current_actor()
    report = nomination_report(workspace, method=method)
    tied = [e.submission_id for e in report.entries if e.status == STATUS_TIED]
    if tied:
        raise NominationRefused(
            N_(
                "the list cannot be frozen while a tie at the cut is undecided: {tied} (add "
                "the ones the panel picks with `panel-app nominee add ID --reason ...`)"
            ),
            tied=", ".join(tied),
        )
    flagged = [e for e in report.entries if e.findings]
    if flagged:
        raise NominationRefused(
            N_(
                "the list cannot be frozen while nominees have open rule findings: "
                "{flagged}. Overrule each finding with a reason (`panel-app overrule FINDING "
                "--reason ...`) or remove the project (`panel-app nominee remove ID --reason "
                "...`)"
            ),
            flagged="; ".join(
                f"{e.submission_id} ({', '.join(f.text for f in e.findings)})" for e in flagged
            ),
        )
    rows = [asdict(r) for r in list_rows(workspace, report)]
    with workspace.transaction() as session:
        refuse_if_changed(  # the snapshot below must be the list as it is
            session,
            report.position if seen is None else min(seen, report.position),
            "the nominee list",
            [("decision", None, None), ("list_freeze", None, LIST_CHANGES)],
        )
        found = open_findings(session, [str(r["submission_id"]) for r in rows])
        if found:  # a check run since the list was read
            raise NominationRefused(
                N_(
                    "the list cannot be frozen: rule findings were opened on nominees since "
                    "it was read: {findings}"
                ),
                findings=findings_in_words(found, sorted(found)),
            )
        if open_freeze(session) is not None:
            raise NominationRefused(N_("the nominee list is already frozen"))
        freeze = ListFreeze(
            stage=STAGE, method=report.method.value, frozen_by=actor, reason=reason, snapshot=rows
        )
        session.add(freeze)
        session.flush()
        record_change(
            session,
            actor=actor,
            action="nominees.frozen",
            entity="list_freeze",
            entity_id=freeze.id,
            after={"reason": reason, "method": freeze.method, "rows": len(rows)},
        )
        return FreezeState(freeze.frozen_at, actor, reason, freeze.method, len(rows))


def unfreeze_nominees(
    workspace: OpenWorkspace, reason: str, *, actor: str | None = None, seen: int | None = None
) -> FreezeState:
    """Lift the freeze, with a reason; the frozen list stays on record."""
    reason = _reason(reason)
    actor = actor or current_actor()
    seen = chain_position(workspace)[0] if seen is None else seen  # at least: from now on
    with workspace.transaction() as session:
        refuse_if_changed(session, seen, "the nominee list", [("list_freeze", None, LIST_CHANGES)])
        freeze = open_freeze(session)
        if freeze is None:
            raise NominationRefused(N_("the nominee list is not frozen"))
        freeze.unfrozen_at = utc_now()
        freeze.unfrozen_by = actor
        freeze.unfreeze_reason = reason
        record_change(
            session,
            actor=actor,
            action="nominees.unfrozen",
            entity="list_freeze",
            entity_id=freeze.id,
            before={"frozen_by": freeze.frozen_by, "reason": freeze.reason},
            after={"unfreeze_reason": reason},
        )
        return _state(freeze)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    frozen: bool
    method: str
    warnings: tuple[str, ...] = ()  # the PDF report's: characters printed as their code


def export_nominees(
    workspace: OpenWorkspace,
    out: Path,
    *,
    method: Method | str = Method.CALIBRATED,
    actor: str | None = None,
) -> ExportResult:
    """Write the nominee list: the frozen one if there is one, else the current proposal."""
    actor = actor or current_actor()
    with workspace.sessions() as session:
        freeze = open_freeze(session)
        snapshot = list(freeze.snapshot) if freeze is not None else None
        frozen_method = freeze.method if freeze is not None else None
    if snapshot is not None and frozen_method is not None:
        rows = frozen_rows(workspace, snapshot)
        used = frozen_method
    else:
        report = nomination_report(workspace, method=method)
        rows = list_rows(workspace, report)
        used = report.method.value
    edition = workspace.edition
    info = NomineeListInfo(
        edition_key=edition.key,
        edition_title=edition.title.en,
        method=used,
        frozen=snapshot is not None,
        exported_at=utc_now(),
        exported_by=actor,
        chain=chain_position(workspace),
    )
    write_nominee_list(out, rows, info)
    with workspace.transaction() as session:
        record_change(
            session,
            actor=actor,
            action="nominees.exported",
            entity="list_freeze",
            entity_id="nominee",
            after={"file": out.name, "rows": len(rows), "frozen": info.frozen, "method": used},
        )
    return ExportResult(out, len(rows), info.frozen, used)


def frozen_rows(workspace: OpenWorkspace, snapshot: list[dict[str, Any]]) -> list[NomineeListRow]:
    """The frozen list's rows, each with its open findings as of now: one found since the
    freeze is shown all the same."""
    with workspace.sessions() as session:
        findings = open_findings(session, [str(r["submission_id"]) for r in snapshot])
    return [
        replace(
            row_from_dict(r),
            open_findings=tuple(f.text for f in findings.get(str(r["submission_id"]), ())),
        )
        for r in snapshot
    ]


def row_from_dict(data: dict[str, Any]) -> NomineeListRow:
    values = dict(data)
    values["agreement_flags"] = tuple(values["agreement_flags"])
    values["decision_reasons"] = tuple(values["decision_reasons"])
    values["open_findings"] = tuple(values.get("open_findings") or ())  # frozen before v3
    values["status"] = status_code(values["status"])  # a list frozen by an earlier version
    return NomineeListRow(**values)
