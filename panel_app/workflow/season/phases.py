"""Where the season stands: every phase in order, its state, its counts, and the next step.

One read for the chair's landing view (and anyone else who asks): the phases from the
import to the secretariat's exports, each with a state (not started, in progress, done,
blocked), the counts a chair reads ("2,883 of 2,883 reviews returned", "finalists settled
in 17 of 18 categories"), and what the chair does next in it, as an action key the window
maps to the window or dialog that does it. The first phase not done is the next step.

Nothing here counts anew: the numbers are those the phases' own reads compute
(`summarise` and `returned_reviews`, the open findings, the coverage, the packages issued,
the nomination report, the finalists report, the final-round report) and the exports'
dates are the audit log's. A phase's heavy read (the ranking, the final round) runs only
once the season has reached it, so a workspace just imported reads in milliseconds and
loads none of the scoring's libraries. It lives beside the secretariat's exports: the one
room above the phases, which may read them all (pyproject.toml, the workflow's layers).

The result is data: states and actions as keys, counts as numbers; the window words them
in its language, as it does the core's other texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from panel_app.edition import PhaseDay
from panel_app.store.models import AuditEntry, PastWinner
from panel_app.workflow.handover import checks_owed, open_findings, open_freeze
from panel_app.workflow.overview import STATUS_INELIGIBLE, STATUS_OK, summarise
from panel_app.workflow.record import chain_position
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace

if TYPE_CHECKING:
    from panel_app.edition import Edition
    from panel_app.workflow.overview import WorkspaceSummary

# The states, as keys (the window words them).
NOT_STARTED = "not-started"
IN_PROGRESS = "in-progress"
DONE = "done"
BLOCKED = "blocked"
STATES = (NOT_STARTED, IN_PROGRESS, DONE, BLOCKED)

# The phases, in the season's order.
IMPORT = "import"
CHECKS = "checks"
PANEL = "panel"
ASSIGNMENT = "assignment"
PACKAGES = "packages"
MERGE = "merge"
NOMINEES = "nominees"
FREEZE = "freeze"
VOTE = "vote"
FINALISTS = "finalists"
FINAL_ROUND = "final-round"
SELECTION = "selection"
EXPORTS = "exports"
PHASES = (
    IMPORT,
    CHECKS,
    PANEL,
    ASSIGNMENT,
    PACKAGES,
    MERGE,
    NOMINEES,
    FREEZE,
    VOTE,
    FINALISTS,
    FINAL_ROUND,
    SELECTION,
    EXPORTS,
)

# What the chair does, as keys: each opens one window or dialog of the chair's window.
ACT_IMPORT = "import-submissions"
ACT_FINDINGS = "findings"
ACT_FLAGGED = "flagged-submissions"  # the submission list, flagged only
ACT_PANEL = "panel"
ACT_PANEL_FINAL = "panel-final"  # the panel window on the final round
ACT_PACKAGES = "packages-nomination"
ACT_PACKAGES_FINAL = "packages-final"
ACT_MERGE = "merge"
ACT_COVERAGE = "coverage"
ACT_NOMINEES = "nominees"
ACT_VOTES = "import-votes"
ACT_FINAL_ROUND = "final-round"
ACT_AUDIT_LOG = "audit-log"
ACT_EXPORT = {"nominees": "export-nominees", "finalists": "export-finalists",
              "results": "export-results"}  # fmt: skip

# Why a phase waits, as keys.
WHY_CHECKS_OWED = "checks-owed"  # an interrupted import left the rule checks to run
WHY_LIST_UNSETTLED = "list-unsettled"  # ties at the cut or open findings on nominees
WHY_VOTE_STALE = "vote-stale"  # the nominee list changed since the vote was imported
WHY_FINALISTS_UNSETTLED = "finalists-unsettled"  # ties for the last finalist places

# The secretariat's lists: what is written when one is exported, and what changes it since.
EXPORTED = {"nominees": "nominees.exported", "finalists": "finalists.exported",
            "results": "results.exported"}  # fmt: skip
CHANGED_BY = {
    "nominees": ("nominees.frozen", "nominees.unfrozen"),
    "finalists": ("votes.imported", "finalist.added", "finalist.removed"),
    "results": ("selection.recorded",),
}
_ACTIONS_READ = (
    *EXPORTED.values(),
    *(action for actions in CHANGED_BY.values() for action in actions),
)


@dataclass(frozen=True)
class ListExport:
    """One of the secretariat's lists: whether there is one to export yet, and its last
    export (an export made before a change to the list is no longer current)."""

    kind: str  # "nominees", "finalists" or "results"
    available: bool
    exported_on: date | None = None  # the last export, in the edition's time zone
    exported_by: str = ""
    current: bool = False  # exported after the list's last change


@dataclass(frozen=True)
class PhaseState:
    key: str  # one of PHASES
    state: str  # one of STATES
    # The phase's numbers, by name (see season_overview for each phase's).
    counts: Mapping[str, int] = field(default_factory=dict)
    # What the chair does next in it, the first the main one (ACT_...); a done phase
    # keeps the window that shows it.
    actions: tuple[str, ...] = ()
    why: str | None = None  # WHY_...: what holds the phase
    on: date | None = None  # the freeze's or the vote import's day (edition's time zone)
    by: str = ""  # who froze the list, who imported the vote
    lists: tuple[ListExport, ...] = ()  # the exports phase: the three lists


@dataclass(frozen=True)
class SeasonOverview:
    edition_key: str
    edition_year: int
    phases: tuple[PhaseState, ...]  # in PHASES order
    phase_day: PhaseDay | None  # where today falls in the edition's dates, and the next one
    position: int = 0  # the audit log's position it was read at

    @property
    def next(self) -> PhaseState | None:
        """The next step: the first phase not done (None: the season is done)."""
        return next((p for p in self.phases if p.state != DONE), None)

    def phase(self, key: str) -> PhaseState:
        return next(p for p in self.phases if p.key == key)


def season_overview_at(
    location: WorkspaceLocation, *, now: datetime | None = None
) -> SeasonOverview:
    """season_overview on a connection of its own (for a worker thread beside the
    window's)."""
    with open_workspace(location) as workspace:
        return season_overview(workspace, now=now)


@dataclass(frozen=True)
class _Entry:
    id: int
    on: date
    by: str


def season_overview(workspace: OpenWorkspace, *, now: datetime | None = None) -> SeasonOverview:
    """Every phase of the season in order, as the phases' own reads count it (`now`:
    another moment for the edition's dates, for a test).

    The counts by phase: import (submissions, categories: those holding one, of
    categories_total); checks (findings: open ones, ineligible and flagged: submissions,
    eligible); panel (experts, past_winners); assignment (assignments, eligible: projects,
    assigned: of them with an expert); packages (experts: with an assignment, issued: with
    a package, waiting: neither a package nor every review back); merge (assigned,
    returned: reviews, experts, complete: experts with every review back); nominees
    (nominees, categories, settled, tied: categories with a tie at the cut, flagged:
    nominees with an open finding); freeze (nominees); vote (valid, read); finalists
    (finalists, categories, settled); final-round (assigned, returned, experts, issued:
    experts with a final-round package); selection (categories, selected, unsettled);
    exports (available, current: lists exported since their last change)."""
    edition = workspace.edition
    summary = summarise(workspace, now=now)
    with workspace.sessions() as session:
        owed = checks_owed(workspace)
        findings = {} if owed else open_findings(session)
        winners = int(session.scalar(select(func.count()).select_from(PastWinner)) or 0)
        freeze = open_freeze(session)
        frozen = (
            (len(freeze.snapshot), _day(freeze.frozen_at, edition), freeze.frozen_by)
            if freeze is not None
            else None
        )
        last = _last_entries(session, edition)
    position = chain_position(workspace)[0]

    phases: list[PhaseState] = []
    phases.append(_import(summary))
    phases.append(_checks(summary, owed, findings))
    phases.append(_panel(summary, winners))
    phases.append(_assignment(workspace, summary))
    coverage = _coverage(workspace, "nomination") if summary.assignments else None
    issued = _issued(workspace) if summary.assignments else {}
    phases.append(_packages(coverage, issued.get("nomination", set())))
    phases.append(_merge(summary, coverage))
    nominees = _nominees(workspace, summary, frozen, owed)
    phases.append(nominees)
    phases.append(_freeze(nominees, frozen))
    vote = _vote(workspace, frozen, last)
    phases.append(vote)
    finalists, selection, final_round = _final(workspace, vote, issued.get("final", set()), owed)
    phases += [finalists, final_round, selection]
    phases.append(_exports(frozen, vote, selection, last))
    return SeasonOverview(edition.key, edition.year, tuple(phases), summary.phase, position)


def _day(moment: datetime, edition: Edition) -> date:
    return moment.astimezone(edition.zone).date()


def _last_entries(session: Any, edition: Edition) -> dict[str, _Entry]:
    """Action -> its last audit entry, for the exports and what changes the lists."""
    newest = (
        select(func.max(AuditEntry.id))
        .where(AuditEntry.action.in_(_ACTIONS_READ))
        .group_by(AuditEntry.action)
    )
    rows = session.execute(
        select(AuditEntry.action, AuditEntry.id, AuditEntry.at, AuditEntry.actor).where(
            AuditEntry.id.in_(newest)
        )
    )
    return {
        action: _Entry(entry_id, _day(at, edition), actor) for action, entry_id, at, actor in rows
    }


# ---- the phases ---------------------------------------------------------------------------
def _import(summary: WorkspaceSummary) -> PhaseState:
    counts = {
        "submissions": summary.submissions,
        "categories": sum(1 for c in summary.categories if c.submissions),
        "categories_total": len(summary.categories),
    }
    state = DONE if summary.submissions else NOT_STARTED
    return PhaseState(IMPORT, state, counts, (ACT_IMPORT,))


def _checks(summary: WorkspaceSummary, owed: bool, findings: Mapping[str, Any]) -> PhaseState:
    """The rule checks run with every import: done once a set is in, unless an import
    was interrupted before them (the window runs them when it opens the workspace)."""
    ineligible = summary.by_status.get(STATUS_INELIGIBLE, 0)
    eligible = summary.by_status.get(STATUS_OK, 0)
    counts = {
        "findings": sum(len(found) for found in findings.values()),
        "ineligible": ineligible,
        "flagged": summary.submissions - eligible - ineligible,
        "eligible": eligible,
    }
    actions = (ACT_FINDINGS, ACT_FLAGGED) if counts["findings"] else (ACT_FINDINGS,)
    if not summary.submissions:
        return PhaseState(CHECKS, NOT_STARTED, counts, ())
    if owed:
        return PhaseState(CHECKS, BLOCKED, counts, (ACT_FINDINGS,), why=WHY_CHECKS_OWED)
    return PhaseState(CHECKS, DONE, counts, actions)


def _panel(summary: WorkspaceSummary, winners: int) -> PhaseState:
    """The experts, and the past winners rule 11 checks the submissions against."""
    counts = {"experts": summary.experts, "past_winners": winners}
    done = sum(1 for n in counts.values() if n)
    state = (NOT_STARTED, IN_PROGRESS, DONE)[done]
    return PhaseState(PANEL, state, counts, (ACT_PANEL,))


def _assignment(workspace: OpenWorkspace, summary: WorkspaceSummary) -> PhaseState:
    """The nomination round's assignment: every eligible project given its experts."""
    counts = {"assignments": summary.assignments, "eligible": 0, "assigned": 0}
    if not summary.assignments:
        return PhaseState(ASSIGNMENT, NOT_STARTED, counts, (ACT_PANEL,))
    from panel_app.workflow.panel.assignment import panel_overview_at

    panel = panel_overview_at(workspace.location)
    eligible = [p for p in panel.projects if p.eligible]
    counts["eligible"] = len(eligible)
    counts["assigned"] = sum(1 for p in eligible if p.experts)
    state = DONE if counts["assigned"] == counts["eligible"] else IN_PROGRESS
    return PhaseState(ASSIGNMENT, state, counts, (ACT_PANEL,))


def _coverage(workspace: OpenWorkspace, round_key: str) -> Any:
    from panel_app.workflow.review.merge import coverage

    return coverage(workspace, round_key=round_key)


def _issued(workspace: OpenWorkspace) -> dict[str, set[str]]:
    """Round -> the experts a package was issued to in it."""
    from panel_app.workflow.review.packages import issued_packages

    with workspace.sessions() as session:
        packages = issued_packages(session)
    issued: dict[str, set[str]] = {}
    for package in packages:
        issued.setdefault(package.round, set()).add(package.expert_code)
    return issued


def _packages(coverage: Any, issued: set[str]) -> PhaseState:
    """The nomination round's packages: done when every expert with an assignment has
    one, or has nothing left to return (reviews typed on a desk here, say)."""
    experts = coverage.experts if coverage is not None else []
    waiting = [e for e in experts if e.expert_code not in issued and e.returned < e.assigned]
    counts = {
        "experts": len(experts),
        "issued": sum(1 for e in experts if e.expert_code in issued),
        "waiting": len(waiting),
    }
    if not experts:
        state = NOT_STARTED
    elif not waiting:
        state = DONE
    else:
        state = IN_PROGRESS if counts["issued"] else NOT_STARTED
    return PhaseState(PACKAGES, state, counts, (ACT_PACKAGES,))


def _merge(summary: WorkspaceSummary, coverage: Any) -> PhaseState:
    """The nomination round's reviews back: as the status bar and the coverage count."""
    experts = coverage.experts if coverage is not None else []
    counts = {
        "assigned": summary.assignments,
        "returned": summary.reviews,
        "experts": len(experts),
        "complete": sum(1 for e in experts if e.returned >= e.assigned),
    }
    if not summary.assignments or not summary.reviews:
        state = NOT_STARTED
    else:
        state = DONE if summary.reviews >= summary.assignments else IN_PROGRESS
    actions = (ACT_MERGE, ACT_COVERAGE)
    return PhaseState(MERGE, state, counts, actions)


def _nominees(
    workspace: OpenWorkspace,
    summary: WorkspaceSummary,
    frozen: tuple[int, date, str] | None,
    owed: bool,
) -> PhaseState:
    """The nominee list: settled in a category when no tie at the cut is open and no
    nominee of it has an open finding (what the freeze refuses), read from the frozen
    list once there is one."""
    if frozen is not None:
        categories = sum(1 for c in summary.categories if c.nominees)
        counts = {"nominees": frozen[0], "categories": categories, "settled": categories,
                  "tied": 0, "flagged": 0}  # fmt: skip
        return PhaseState(NOMINEES, DONE, counts, (ACT_NOMINEES,))
    counts = {"nominees": 0, "categories": 0, "settled": 0, "tied": 0, "flagged": 0}
    if not summary.reviews_scored:
        return PhaseState(NOMINEES, NOT_STARTED, counts, (ACT_NOMINEES,))
    if owed:  # the ranking leaves out the ineligible: not before the checks have run
        return PhaseState(NOMINEES, BLOCKED, counts, (ACT_FINDINGS,), why=WHY_CHECKS_OWED)
    from panel_app.workflow.nomination.nominees import STATUS_TIED, nomination_report

    report = nomination_report(workspace)
    ranked = [r.category_key for r in report.results if r.rows]
    tied = {e.category_key for e in report.entries if e.status == STATUS_TIED}
    flagged = [e for e in report.entries if e.findings and e.status != STATUS_TIED]
    listed = {e.category_key for e in report.entries if e.status != STATUS_TIED}
    unsettled = tied | {e.category_key for e in flagged}
    counts = {
        "nominees": sum(1 for e in report.entries if e.status != STATUS_TIED),
        "categories": len(ranked),
        "settled": sum(1 for key in ranked if key in listed and key not in unsettled),
        "tied": len(tied),
        "flagged": len(flagged),
    }
    state = DONE if ranked and counts["settled"] == len(ranked) else IN_PROGRESS
    return PhaseState(NOMINEES, state, counts, (ACT_NOMINEES,))


def _freeze(nominees: PhaseState, frozen: tuple[int, date, str] | None) -> PhaseState:
    if frozen is not None:
        rows, on, by = frozen
        return PhaseState(FREEZE, DONE, {"nominees": rows}, (ACT_NOMINEES,), on=on, by=by)
    counts = {"nominees": nominees.counts.get("nominees", 0)}
    if nominees.counts.get("tied") or nominees.counts.get("flagged"):  # the freeze refuses
        return PhaseState(FREEZE, BLOCKED, counts, (ACT_NOMINEES,), why=WHY_LIST_UNSETTLED)
    return PhaseState(FREEZE, NOT_STARTED, counts, (ACT_NOMINEES,))


def _vote(
    workspace: OpenWorkspace,
    frozen: tuple[int, date, str] | None,
    last: Mapping[str, _Entry],
) -> PhaseState:
    """The public vote, imported and audited against the frozen list (which the
    secretariat needs first: the nominee list's export comes before the vote)."""
    imported = last.get("votes.imported")
    exported = _export(last, "nominees", available=frozen is not None)
    before = (ACT_EXPORT["nominees"],) if frozen is not None and not exported.current else ()
    if imported is None:
        return PhaseState(VOTE, NOT_STARTED, {"valid": 0, "read": 0}, (*before, ACT_VOTES))
    from panel_app.workflow.vote.public_vote import finalists_report

    audit = finalists_report(workspace).audit
    counts = {"valid": audit.valid, "read": audit.votes_read}
    changed = max((last[a].id for a in CHANGED_BY["nominees"] if a in last), default=0)
    if frozen is None or changed > imported.id:  # audited against another list
        return PhaseState(VOTE, BLOCKED, counts, (*before, ACT_VOTES), why=WHY_VOTE_STALE,
                          on=imported.on, by=imported.by)  # fmt: skip
    return PhaseState(VOTE, DONE, counts, (ACT_VOTES,), on=imported.on, by=imported.by)


def _final(
    workspace: OpenWorkspace, vote: PhaseState, issued: set[str], owed: bool
) -> tuple[PhaseState, PhaseState, PhaseState]:
    """The finalists (ties for the last places settled), the final round's reviews, and
    the winners and champions chosen, from the final-round report."""
    if vote.state == NOT_STARTED or owed:  # the report leaves out the ineligible: not yet
        state, why = (BLOCKED, WHY_CHECKS_OWED) if owed else (NOT_STARTED, None)
        return (
            PhaseState(FINALISTS, state, {"finalists": 0, "categories": 0, "settled": 0},
                       (ACT_FINAL_ROUND,), why=why),
            PhaseState(SELECTION, state, {"categories": 0, "selected": 0, "unsettled": 0},
                       (ACT_FINAL_ROUND,), why=why),
            PhaseState(FINAL_ROUND, state, {"assigned": 0, "returned": 0, "experts": 0,
                       "issued": 0}, (ACT_PANEL_FINAL,), why=why),
        )  # fmt: skip
    from panel_app.workflow.final.final_round import final_round_report

    categories = final_round_report(workspace).categories
    unsettled = sum(1 for c in categories if c.unsettled)
    finalists = PhaseState(
        FINALISTS,
        IN_PROGRESS if unsettled else DONE,
        {
            "finalists": sum(len(c.finalists) + len(c.not_analysed) for c in categories),
            "categories": len(categories),
            "settled": len(categories) - unsettled,
        },
        (ACT_FINAL_ROUND,),
        why=WHY_FINALISTS_UNSETTLED if unsettled else None,
    )

    coverage = _coverage(workspace, "final")
    experts = coverage.experts
    counts = {
        "assigned": coverage.assigned,
        "returned": coverage.returned,
        "experts": len(experts),
        "issued": sum(1 for e in experts if e.expert_code in issued),
    }
    if not coverage.assigned:
        final_round = PhaseState(FINAL_ROUND, NOT_STARTED, counts, (ACT_PANEL_FINAL,))
    elif coverage.returned >= coverage.assigned:
        final_round = PhaseState(FINAL_ROUND, DONE, counts, (ACT_FINAL_ROUND,))
    else:
        waiting = [e for e in experts if e.expert_code not in issued and e.returned < e.assigned]
        actions = (ACT_PACKAGES_FINAL, ACT_MERGE) if waiting else (ACT_MERGE, ACT_COVERAGE)
        state = IN_PROGRESS if coverage.returned or counts["issued"] else NOT_STARTED
        final_round = PhaseState(FINAL_ROUND, state, counts, actions)

    selected = sum(1 for c in categories if c.selection_reason is not None)
    open_ties = sum(1 for c in categories if c.unsettled and c.selection_reason is None)
    counts = {"categories": len(categories), "selected": selected, "unsettled": open_ties}
    if categories and selected == len(categories):
        state = DONE
    elif open_ties and selected + open_ties == len(categories):
        state = BLOCKED  # what is left waits on the finalist ties
    elif selected:
        state = IN_PROGRESS
    else:
        state = NOT_STARTED
    selection = PhaseState(
        SELECTION,
        state,
        counts,
        (ACT_FINAL_ROUND,),
        why=WHY_FINALISTS_UNSETTLED if state == BLOCKED else None,
    )
    return finalists, selection, final_round


def _export(last: Mapping[str, _Entry], kind: str, *, available: bool) -> ListExport:
    exported = last.get(EXPORTED[kind])
    if exported is None:
        return ListExport(kind, available)
    changed = max((last[a].id for a in CHANGED_BY[kind] if a in last), default=0)
    current = available and exported.id > changed
    return ListExport(kind, available, exported.on, exported.by, current)


def _exports(
    frozen: tuple[int, date, str] | None,
    vote: PhaseState,
    selection: PhaseState,
    last: Mapping[str, _Entry],
) -> PhaseState:
    """The secretariat's three lists, each exported since its last change."""
    lists = (
        _export(last, "nominees", available=frozen is not None),
        _export(last, "finalists", available=vote.state != NOT_STARTED),
        _export(last, "results", available=selection.counts.get("selected", 0) > 0),
    )
    counts = {
        "available": sum(1 for item in lists if item.available),
        "current": sum(1 for item in lists if item.current),
    }
    due = tuple(ACT_EXPORT[item.kind] for item in lists if item.available and not item.current)
    if counts["current"] == len(lists):
        state = DONE
    elif counts["current"] or any(item.exported_on for item in lists):
        state = IN_PROGRESS
    else:
        state = NOT_STARTED
    return PhaseState(EXPORTS, state, counts, (*due[:1], ACT_AUDIT_LOG), lists=lists)
