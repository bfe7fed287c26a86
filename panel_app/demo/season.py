"""A demo season taken to any phase (`panel-app demo --phase final`, `./dev demo --phase
final`): from the reviews merged (what `demo` always makes) on through the nominee list
frozen, the public vote imported, the final round reviewed, to the winners selected, each
step a chair's step as the app records it, with the demo's reasons in the audit log.

Where the rules call for a decision the demo takes it as a chair would and says so: an
edition with no fixed count (2017) gets its list by the chair's rule, the top
NO_COUNT_TOP of each category added in one step (8: the 144 nominees of 2017's 18
categories), a tie at the rule's last place settled by adding the tied projects; a tie
at the cut settled by adding the tied projects by rank; an open finding on a nominee (the
demo plants rule 3 and 4 pairs) settled by removing the lower-ranked project of the pair;
a tie for the last finalist places settled by the first tied project by ID; the winners
and champions as the Schulze order proposes them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from panel_app.demo.workspace_final_round import create_demo_final_round
from panel_app.demo.workspace_votes import write_demo_votes
from panel_app.workflow.final.final_round import (
    SelectionRefused,
    final_round_report,
    proposed_selection,
    record_selection,
)
from panel_app.workflow.nomination.nominees import (
    STATUS_TIED,
    add_nominee,
    add_nominees,
    add_proposed,
    freeze_nominees,
    nomination_report,
    remove_nominee,
)
from panel_app.workflow.vote.finalist_decisions import add_finalist
from panel_app.workflow.vote.public_vote import finalists_report, import_votes
from panel_app.workflow.workspace import OpenWorkspace

# The phases, in the season's order; "review" is what `demo` makes without --phase.
PHASES = ("review", "nominees", "vote", "final", "selection")
REASON = "Demo season: {what}"
NO_COUNT_TOP = 8  # an edition with no fixed count: the top 8 of each category (2017: 144)


def advance_demo(
    workspace: OpenWorkspace,
    phase: str,
    folder: Path,
    *,
    actor: str | None = None,
    say: Callable[[str], None] = lambda _text: None,
) -> list[str]:
    """Take the demo workspace on to `phase`; the steps taken, in words (also `say`n)."""
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}; the phases: {', '.join(PHASES)}")
    steps: list[str] = []

    def step(text: str) -> None:
        steps.append(text)
        say(text)

    target = PHASES.index(phase)
    if target >= PHASES.index("nominees"):
        _freeze_the_list(workspace, actor, step)
    if target >= PHASES.index("vote"):
        votes = folder / "demo-votes.csv"
        write_demo_votes(workspace, votes)
        result = import_votes(workspace, votes, actor=actor)
        step(f"public vote imported: {result.audit.valid:,} valid votes of "
             f"{result.audit.votes_read:,}")  # fmt: skip
        _settle_finalist_ties(workspace, actor, step)
    if target >= PHASES.index("final"):
        final = create_demo_final_round(workspace, actor=actor)
        step(f"final round: {final.assignments_added} assignments, {final.reviews_added} reviews")
    if target >= PHASES.index("selection"):
        _select(workspace, actor, step)
    return steps


def _by_the_rule(workspace: OpenWorkspace, actor: str | None, step: Callable[[str], None]) -> None:
    """An edition with no fixed count: the list made by the chair's rule, in one step."""
    if workspace.edition.quotas.nominees_per_category is not None:
        return
    if nomination_report(workspace).entries:
        return  # the list is under way: the chair's, not the demo's
    rule = f"the top {NO_COUNT_TOP} of each category, proposed by the chair's rule"
    added = add_proposed(workspace, REASON.format(what=rule), top=NO_COUNT_TOP, actor=actor)
    tied = [
        e.submission_id
        for e in nomination_report(workspace, top=NO_COUNT_TOP).proposed
        if e.status == STATUS_TIED
    ]
    if tied:
        add_nominees(workspace, tied, REASON.format(what="the tie at the rule's last place: all"),
                     actor)  # fmt: skip
    step(f"nominees added by the chair's rule ({rule}): {len(added.decisions) + len(tied)}")


def _freeze_the_list(
    workspace: OpenWorkspace, actor: str | None, step: Callable[[str], None]
) -> None:
    _by_the_rule(workspace, actor, step)
    report = nomination_report(workspace)
    for entry in report.entries:
        if entry.status == STATUS_TIED:
            add_nominee(workspace, entry.submission_id,
                        REASON.format(what="the tie at the cut settled by rank"),
                        actor)  # fmt: skip
    report = nomination_report(workspace)
    removed: set[str] = set()
    place = {e.submission_id: n for n, e in enumerate(report.entries)}
    for entry in report.entries:
        for finding in entry.findings:
            other = finding.related_submission_id
            pair = [entry.submission_id] + ([other] if other in place else [])
            lower = max(pair, key=lambda sid: place[sid])  # the lower-ranked of the pair
            if lower in removed:
                continue
            remove_nominee(
                workspace,
                lower,
                REASON.format(what=f"{finding.rule_id} (finding {finding.finding_id})"),
                actor,
            )
            removed.add(lower)
    if removed:
        step(f"nominees with an open finding removed: {', '.join(sorted(removed))}")
    # A removal moves the next in the ranking up: it may bring a tie or a finding of its own.
    if any(e.findings or e.status == STATUS_TIED for e in nomination_report(workspace).entries):
        _freeze_the_list(workspace, actor, step)
        return
    state = freeze_nominees(workspace, REASON.format(what="the panel meeting"), actor=actor)
    step(f"nominee list frozen: {state.rows} nominees")


def _settle_finalist_ties(
    workspace: OpenWorkspace, actor: str | None, step: Callable[[str], None]
) -> None:
    for key, tie in finalists_report(workspace).unsettled.items():
        for sid in tie.undecided[: tie.open_places - len(tie.picked)]:
            add_finalist(workspace, sid, REASON.format(what="the tie settled by ID"), actor)
        step(f"{key}: the tie for the last finalist places settled")


def _select(workspace: OpenWorkspace, actor: str | None, step: Callable[[str], None]) -> None:
    selected = 0
    for category in final_round_report(workspace).categories:
        winners, champions = proposed_selection(category)
        try:
            record_selection(
                workspace,
                category.category_key,
                winners=winners,
                champions=champions,
                reason=REASON.format(what="as the Schulze order proposes"),
                actor=actor,
            )
            selected += 1
        except SelectionRefused as refused:
            step(f"{category.category_key}: not selected: {refused}")
    step(f"winners and champions recorded in {selected} categories")
