"""The final round: what the chair sees of the finalists, and the winner and champions.

The finalists of a category are its submissions with a `Decision` of stage "finalist",
outcome "selected" (the public vote's result, and the chair's picks where projects tied
for the last places: a category whose tie is still open says so and cannot be selected).
The panel analyses the edition's `analysed_per_category` of them with the most valid votes
(2017: the top three of the five; 2020: all five; handover.finalists_by_votes): every
expert of the category scores every analysed finalist (round "final") on the edition's
criteria plus its final-round considerations, and the winner is one of them.
`final_round_report` gives per finalist the mean composite, the per-criterion means and
the number of counted reviews and each expert's review as the chair reads it (the expert's
name, the scores, the confidence, the comment); per expert the rank they gave each
finalist; Kendall's W of the experts who ranked every finalist; and the Schulze order of
the experts' rankings beside the order of the mean scores (docs/scoring.md, "The final round").

`record_selection` stores the chair's winner(s) and champions of one category as
`Decision` rows of stage "winner" and "champion", outcome "selected", the chair's reason
as rationale. The numbers are the edition's quotas; the winner is an analysed finalist, the
champions any other finalists (2017: the winner of the top three, the other four finalists
champions); fewer champions are accepted only when the category has too few eligible
finalists, and the result says so. Recording again
replaces the category's earlier selection; the audit log keeps both.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from panel_app.edition import Criterion, Edition
from panel_app.i18n import N_, Refusal, Words
from panel_app.problems import Note
from panel_app.rules.entities import id_order
from panel_app.scoring.composite import mean_half_up, review_table
from panel_app.scoring.concordance import Concordance, kendall_w, ranks_of
from panel_app.scoring.model import ReviewInput, ReviewStatus
from panel_app.scoring.schulze import schulze_order
from panel_app.store.audit import chain_head, current_actor, record_change
from panel_app.store.models import Assignment, Decision, Expert, Review, Submission
from panel_app.workflow.chairs import conflict_refusals
from panel_app.workflow.changes import Touched
from panel_app.workflow.final import (
    NOTE_ANALYSED,
    NOTE_FEW_ELIGIBLE,
    NOTE_FINALIST_TIE,
    NOTE_FINDINGS,
    NOTE_LEFT_OUT_OF_W,
    NOTE_NO_REVIEWS,
    NOTE_ORDER_TIE,
)
from panel_app.workflow.handover import (
    FinalistsByVotes,
    FinalistTie,
    expert_names,
    finalist_ties,
    finalists_by_votes,
    findings_in_words,
    ineligible_ids,
    open_findings,
    round_reviews,
)
from panel_app.workflow.record import chain_position, refuse_if_changed
from panel_app.workflow.rounds import FINAL, criteria_of
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace

FINALIST = "finalist"
WINNER = "winner"
CHAMPION = "champion"
SELECTED = "selected"
TIE_OPEN = ": the chair decides, with a reason"
TIE_DECIDED = ": decided by this selection, with its reason"


class SelectionRefused(Refusal):
    """The chair's selection was refused as asked; nothing was written."""


# A review line's status beyond the scoring's (counted, conflict, abstained, incomplete):
# an expert assigned the finalist who has returned no review.
NOT_RETURNED = "not returned"


@dataclass(frozen=True)
class FinalReview:
    """One expert's final-round review of a finalist, as the chair reads it beside the
    finalist: who (name and code), whether it counts, the figures and the comment."""

    expert_code: str
    expert_name: str
    status: str  # a ReviewStatus value ("counted", "conflict", ...) or NOT_RETURNED
    composite: int | None  # micro-units; a counted review only
    rank: float | None  # the rank this expert gave the finalist (1 best, ties averaged)
    scores: dict[str, int | None]  # criterion key -> score on its scale
    confidence: str | None  # "high", "medium", "low" or None
    comment: str


@dataclass(frozen=True)
class FinalistRow:
    submission_id: str
    title: str
    organisation: str
    vote: str  # the finalist decision's rationale, e.g. "public vote: 812 valid votes, rank 1"
    eligible: bool  # False: an open ineligibility finding
    reviews: int  # counted reviews
    mean: int | None  # mean composite of the counted reviews, micro-units
    criterion_means: dict[str, float | None]  # on each criterion's own scale
    score_place: int | None  # 1-based place by mean (equal means share it)
    schulze_place: int  # 1-based tier of the Schulze order (tied finalists share it)
    expert_ranks: dict[str, float]  # expert code -> rank given (1 best, ties averaged)
    not_counted: dict[str, str]  # expert code -> why (conflict, abstained, incomplete)
    missing: tuple[str, ...]  # experts assigned who have returned no review
    selection: str | None  # "winner", "champion" or None
    expert_scores: dict[str, int] = field(default_factory=dict)  # expert -> composite, micro
    findings: tuple[str, ...] = ()  # its open rule findings, in words
    review_lines: tuple[FinalReview, ...] = ()  # every expert's review, by expert code


@dataclass(frozen=True)
class OtherFinalist:
    """A finalist the panel does not analyse (beyond the edition's top by votes): it is
    not scored in the final round, and may be a champion, never the winner."""

    submission_id: str
    title: str
    organisation: str
    vote: str  # the finalist decision's rationale
    place: int  # among the finalists by valid votes, 1 the most
    eligible: bool
    selection: str | None  # "champion" or None
    findings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CategoryFinal:
    category_key: str
    category_name: str
    criteria: tuple[str, ...]  # keys, in the order of the means
    finalists: tuple[FinalistRow, ...]  # in the order of the mean scores
    experts: tuple[str, ...]  # every expert with a review or an assignment in the round
    concordance: Concordance
    left_out_of_w: tuple[str, ...]  # experts who did not rank every finalist
    schulze: tuple[tuple[str, ...], ...]  # tiers, best first
    score_order: tuple[tuple[str, ...], ...]  # tiers by mean, best first; unscored last
    winners_quota: int
    champions_quota: int
    selection_reason: str | None
    notes: tuple[str, ...] = field(default=())  # what the chair must decide or know
    tie: FinalistTie | None = None  # projects tied for its last finalist places, if any
    # The edition's finalists analysed (None: every one) and the finalists beyond them.
    analysed_quota: int | None = None
    not_analysed: tuple[OtherFinalist, ...] = ()
    # Expert code -> name, for the experts above; submission ID -> title of the tied projects.
    expert_names: dict[str, str] = field(default_factory=dict)
    tied_titles: dict[str, str] = field(default_factory=dict)

    def expert_label(self, code: str) -> str:
        """An expert as a person reads them: the name, and the code the files carry."""
        name = self.expert_names.get(code)
        return f"{name} ({code})" if name else code

    note_data: tuple[Note, ...] = ()  # the notes, as data (a window says them its own way)

    @property
    def unsettled(self) -> bool:
        """A tie for the last finalist places the chair has still to decide."""
        return self.tie is not None and not self.tie.settled


@dataclass(frozen=True)
class FinalRoundReport:
    categories: tuple[CategoryFinal, ...]
    position: int = 0  # the audit log's position it was read at: a decision on it says so


@dataclass(frozen=True)
class SelectionResult:
    category_key: str
    winners: tuple[str, ...]
    champions: tuple[str, ...]
    reason: str
    decided_by: str
    replaced: dict[str, list[str]] | None  # the earlier selection, if any
    notes: tuple[str, ...]

    touched: ClassVar[Touched] = Touched.SELECTION


# Why an expert's rank is missing, in a column six characters wide.
_SHORT = {"conflict": "COI", "abstained": "abst.", "incomplete": "incomp"}


def rank_cell(row: FinalistRow, code: str) -> str:
    """The rank `code` gave the finalist, or in a word why there is none."""
    if code in row.expert_ranks:
        return f"{row.expert_ranks[code]:g}"
    if code in row.not_counted:
        return _SHORT.get(row.not_counted[code], row.not_counted[code])
    return "none" if code in row.missing else "-"


def final_criteria(edition: Edition) -> tuple[Criterion, ...]:
    """The criteria of the final round: the edition's, then its final considerations."""
    return criteria_of(edition, FINAL)


def finalists(session: Session) -> dict[str, list[Submission]]:
    """Category key -> its finalists, in submission ID order."""
    rows = session.scalars(
        select(Submission)
        .join(Decision, Decision.submission_pk == Submission.id)
        .where(Decision.stage == FINALIST, Decision.outcome == SELECTED)
    )
    found: dict[str, list[Submission]] = {}
    for submission in sorted(rows, key=lambda s: id_order(s.submission_id)):
        found.setdefault(submission.category_key, []).append(submission)
    return found


def _selections(session: Session) -> dict[str, tuple[str, str, str]]:
    """Submission ID -> (stage, rationale, category) of the winner and champion decisions."""
    rows = session.execute(
        select(Submission.submission_id, Decision.stage, Decision.rationale, Decision.category_key)
        .join(Submission, Submission.id == Decision.submission_pk)
        .where(Decision.stage.in_((WINNER, CHAMPION)), Decision.outcome == SELECTED)
    )
    return {sid: (stage, rationale, category) for sid, stage, rationale, category in rows}


def _assigned(session: Session) -> dict[str, set[str]]:
    """Submission ID -> experts assigned to it in the final round."""
    rows = session.execute(
        select(Submission.submission_id, Expert.expert_code)
        .join(Assignment, Assignment.submission_pk == Submission.id)
        .join(Expert, Expert.id == Assignment.expert_pk)
        .where(Assignment.round == FINAL)
    )
    found: dict[str, set[str]] = {}
    for sid, code in rows:
        found.setdefault(sid, set()).add(code)
    return found


def proposed_selection(category: CategoryFinal) -> tuple[list[str], list[str]]:
    """What the chair is offered first: the Schulze order's best as winners, the next by the
    same order as champions, then the finalists not analysed by votes (the chair changes
    what the panel decides otherwise)."""
    order = [sid for tier in category.schulze for sid in tier]
    eligible = {row.submission_id for row in category.finalists if row.eligible}
    order = [sid for sid in order if sid in eligible]
    winners = order[: category.winners_quota]
    others = [o.submission_id for o in category.not_analysed if o.eligible]
    rest = [*order[category.winners_quota :], *others]
    champions = rest[: category.champions_quota]
    return winners, champions


def final_round_report_at(location: WorkspaceLocation) -> FinalRoundReport:
    """final_round_report on a connection of its own (for a worker thread beside the
    window's)."""
    with open_workspace(location) as workspace:
        return final_round_report(workspace)


def final_round_report(
    workspace: OpenWorkspace, categories: Sequence[str] | None = None
) -> FinalRoundReport:
    """The final round of every category with finalists (or of `categories`)."""
    edition = workspace.edition
    with workspace.sessions() as session:
        position, _ = chain_head(session)  # first: what is read below is at least this new
        by_category = finalists(session)
        votes = dict(
            session.execute(
                select(Submission.submission_id, Decision.rationale)
                .join(Decision, Decision.submission_pk == Submission.id)
                .where(Decision.stage == FINALIST, Decision.outcome == SELECTED)
            )
            .tuples()
            .all()
        )
        reviews = round_reviews(session, FINAL)
        ineligible = ineligible_ids(session)
        selections = _selections(session)
        assigned = _assigned(session)
        ties = finalist_ties(session)
        by_votes = finalists_by_votes(session, edition)
        findings = open_findings(
            session, {s.submission_id for members in by_category.values() for s in members}
        )
        names = expert_names(session)
        comments = _comments(session)
        tied_ids = {sid for tie in ties.values() for sid in tie.tied}
        titles = dict(
            session.execute(
                select(Submission.submission_id, Submission.title).where(
                    Submission.submission_id.in_(tied_ids)
                )
            )
            .tuples()
            .all()
        )
    for key in ties:
        by_category.setdefault(key, [])  # every place still open: the tie shows all the same
    if categories:
        unknown = [key for key in categories if key not in by_category]
        if unknown:
            if by_category:
                raise SelectionRefused(
                    N_("no finalists in {unknown} (categories with finalists: {known})"),
                    unknown=", ".join(unknown),
                    known=", ".join(by_category),
                )
            raise SelectionRefused(N_("no finalists in {unknown}"), unknown=", ".join(unknown))
    keys = [c.key for c in edition.categories if c.key in by_category]
    keys += sorted(set(by_category) - set(keys))
    wanted = [key for key in keys if not categories or key in categories]
    criteria = final_criteria(edition)
    results = []
    for key in wanted:
        standing = by_votes.get(key)
        analysed = set(standing.analysed) if standing is not None else None
        members = [s for s in by_category[key] if analysed is None or s.submission_id in analysed]
        ids = {s.submission_id for s in members}
        mine = [r for r in reviews if r.project_id in ids]
        view = _category(
            edition, key, members, mine, criteria, votes, ineligible, selections, assigned,
            [s.submission_id for s in by_category[key]], _Readers(names, comments),
        )  # fmt: skip
        view = _with_others(view, standing, by_category[key], votes, ineligible, selections)
        tie = ties.get(key)
        if tie is not None:
            view = replace(view, tied_titles={sid: titles.get(sid, "") for sid in tie.tied})
        results.append(_with_tie_and_findings(view, tie, findings))
    return FinalRoundReport(tuple(results), position)


@dataclass(frozen=True)
class _Readers:
    """What a person reads beside the figures: the experts' names, their comments."""

    names: dict[str, str]  # expert code -> name
    comments: dict[tuple[str, str], str]  # (expert code, submission ID) -> comment


def _comments(session: Session) -> dict[tuple[str, str], str]:
    """(expert code, submission ID) -> the final-round review's comment, where there is one."""
    rows = session.execute(
        select(Expert.expert_code, Submission.submission_id, Review.comment)
        .join(Expert, Expert.id == Review.expert_pk)
        .join(Submission, Submission.id == Review.submission_pk)
        .where(Review.round == FINAL, Review.comment != "")
    )
    return {(code, sid): comment for code, sid, comment in rows}


def _with_others(
    view: CategoryFinal,
    standing: FinalistsByVotes | None,
    members: list[Submission],
    votes: dict[str, str],
    ineligible: set[str],
    selections: dict[str, tuple[str, str, str]],
) -> CategoryFinal:
    """The finalists beyond the ones analysed, and a note that says which are analysed."""
    if standing is None or not standing.not_analysed:
        return replace(view, analysed_quota=None if standing is None else standing.quota)
    facts = {s.submission_id: s for s in members}
    others = tuple(
        OtherFinalist(
            sid,
            facts[sid].title if sid in facts else "",
            facts[sid].organisation if sid in facts else "",
            votes.get(sid, ""),
            standing.place(sid),
            sid not in ineligible,
            selections[sid][0] if sid in selections else None,
        )
        for sid in standing.not_analysed
    )
    note = Note(
        NOTE_ANALYSED,
        f"{standing.in_words()}; the winner is one of them. Not analysed: "
        f"{', '.join(standing.not_analysed)} (a champion may be one of them)",
        {
            "quota": standing.quota,
            "analysed": ", ".join(standing.analysed),
            "not_analysed": ", ".join(standing.not_analysed),
        },
        view.category_key,
    )
    return _noted(
        replace(view, analysed_quota=standing.quota, not_analysed=others), note, first=True
    )


def _noted(view: CategoryFinal, *notes: Note, first: bool = False) -> CategoryFinal:
    """The view with `notes` added (before the others when `first`), as data and words."""
    data = (*notes, *view.note_data) if first else (*view.note_data, *notes)
    return replace(view, note_data=data, notes=tuple(n.text for n in data))


def _category(
    edition: Edition,
    key: str,
    members: list[Submission],
    reviews: list[ReviewInput],
    criteria: tuple[Criterion, ...],
    votes: dict[str, str],
    ineligible: set[str],
    selections: dict[str, tuple[str, str, str]],
    assigned: dict[str, set[str]],
    all_finalists: list[str] | None = None,  # the ones not analysed too
    readers: _Readers | None = None,
) -> CategoryFinal:
    readers = readers or _Readers({}, {})
    ids = [s.submission_id for s in members]
    table = review_table(criteria, reviews)
    counted: dict[str, dict[str, int]] = {}  # expert -> finalist -> composite
    not_counted: dict[str, dict[str, str]] = {sid: {} for sid in ids}
    totals: dict[str, list[int]] = {sid: [] for sid in ids}
    rows: dict[str, list[int]] = {sid: [] for sid in ids}  # indices of counted reviews
    for i, (review, status) in enumerate(zip(table.reviews, table.status, strict=True)):
        if status is ReviewStatus.COUNTED:
            value = int(table.composite[i])
            counted.setdefault(review.expert_id, {})[review.project_id] = value
            totals[review.project_id].append(value)
            rows[review.project_id].append(i)
        else:
            not_counted[review.project_id][review.expert_id] = status.value
    means: dict[str, int | None] = {
        sid: int(mean_half_up(np.array([sum(v)]), np.array([len(v)]))[0]) if v else None
        for sid, v in totals.items()
    }
    by_expert = {
        code: {sid: float(v) for sid, v in given.items()} for code, given in counted.items()
    }
    rankings = {code: ranks_of(given) for code, given in by_expert.items()}
    complete = sorted(code for code, given in by_expert.items() if len(given) == len(ids))
    concordance = kendall_w([by_expert[code] for code in complete])
    returned = {sid: {r.expert_id for r in reviews if r.project_id == sid} for sid in ids}
    everyone = sorted(set().union(*returned.values(), *(assigned.get(sid, ()) for sid in ids)))
    schulze = schulze_order(list(by_expert.values()))
    tiers = list(schulze.tiers) + (
        [tuple(sid for sid in ids if sid not in schulze.items)]
        if len(schulze.items) < len(ids)
        else []
    )
    schulze_place = {sid: number for number, tier in enumerate(tiers, start=1) for sid in tier}
    score_order = _score_order(ids, means)
    score_place = {
        sid: number
        for number, tier in enumerate(score_order, start=1)
        for sid in tier
        if means[sid] is not None
    }
    facts = {s.submission_id: s for s in members}
    lines = _review_lines(
        table.reviews, table.status, table.composite, rankings,
        {sid: assigned.get(sid, set()) for sid in ids}, readers,
    )  # fmt: skip
    finalist_rows = []
    for sid in itertools.chain.from_iterable(score_order):
        picked = table.scores[rows[sid]] if rows[sid] else None
        finalist_rows.append(
            FinalistRow(
                submission_id=sid,
                title=facts[sid].title,
                organisation=facts[sid].organisation,
                vote=votes.get(sid, ""),
                eligible=sid not in ineligible,
                reviews=len(rows[sid]),
                mean=means[sid],
                criterion_means={
                    k: None if picked is None else round(float(picked[:, n].mean()), 4)
                    for n, k in enumerate(table.keys)
                },
                score_place=score_place.get(sid),
                schulze_place=schulze_place[sid],
                expert_ranks={
                    code: rankings[code][sid] for code in sorted(rankings) if sid in rankings[code]
                },
                not_counted=not_counted[sid],
                missing=tuple(sorted(assigned.get(sid, set()) - returned[sid])),
                selection=selections[sid][0] if sid in selections else None,
                expert_scores={
                    code: given[sid] for code, given in sorted(counted.items()) if sid in given
                },
                review_lines=lines.get(sid, ()),
            )
        )
    quotas = edition.quotas
    reason = next((selections[sid][1] for sid in all_finalists or ids if sid in selections), None)
    notes = _notes(
        quotas.winners_per_category,
        quotas.champions_per_category,
        all_finalists or ids,
        ineligible,
        tiers,
        score_order,
        counted,
        complete,
        key,
        readers.names,
    )
    try:
        name = edition.category(key).name.en
    except KeyError:
        name = key
    return CategoryFinal(
        category_key=key,
        category_name=name,
        criteria=table.keys if reviews else tuple(c.key for c in criteria),
        finalists=tuple(finalist_rows),
        experts=tuple(everyone),
        concordance=concordance,
        left_out_of_w=tuple(sorted(set(everyone) - set(complete))),
        schulze=tuple(tiers),
        score_order=tuple(score_order),
        winners_quota=quotas.winners_per_category,
        champions_quota=quotas.champions_per_category,
        selection_reason=reason,
        notes=tuple(n.text for n in notes),
        note_data=notes,
        expert_names={code: readers.names[code] for code in everyone if code in readers.names},
    )


def _review_lines(
    reviews: Sequence[ReviewInput],
    status: Sequence[ReviewStatus],
    composite: Any,
    rankings: dict[str, dict[str, float]],
    assigned: dict[str, set[str]],
    readers: _Readers,
) -> dict[str, tuple[FinalReview, ...]]:
    """Submission ID -> every expert's review of it (and a line for each expert assigned
    who returned none), by expert code."""
    lines: dict[str, list[FinalReview]] = {}
    for i, (review, state) in enumerate(zip(reviews, status, strict=True)):
        code, sid = review.expert_id, review.project_id
        counted = state is ReviewStatus.COUNTED
        lines.setdefault(sid, []).append(
            FinalReview(
                expert_code=code,
                expert_name=readers.names.get(code, ""),
                status=state.value,
                composite=int(composite[i]) if counted else None,
                rank=rankings.get(code, {}).get(sid) if counted else None,
                scores=dict(review.scores),
                confidence=review.confidence,
                comment=readers.comments.get((code, sid), ""),
            )
        )
    for sid, experts in assigned.items():
        returned = {line.expert_code for line in lines.get(sid, ())}
        for code in sorted(experts - returned):
            lines.setdefault(sid, []).append(
                FinalReview(code, readers.names.get(code, ""), NOT_RETURNED, None, None, {},
                            None, "")
            )  # fmt: skip
    return {
        sid: tuple(sorted(found, key=lambda line: line.expert_code)) for sid, found in lines.items()
    }


def _with_tie_and_findings(
    view: CategoryFinal, tie: FinalistTie | None, findings: dict[str, tuple[Any, ...]]
) -> CategoryFinal:
    rows = tuple(
        replace(row, findings=tuple(f.text for f in findings.get(row.submission_id, ())))
        for row in view.finalists
    )
    others = tuple(
        replace(row, findings=tuple(f.text for f in findings.get(row.submission_id, ())))
        for row in view.not_analysed
    )
    view = replace(view, finalists=rows, not_analysed=others, tie=tie)
    key = view.category_key
    if tie is not None and not tie.settled:
        places = tie.open_places - len(tie.picked)
        ids = ", ".join(tie.undecided)
        view = _noted(
            view,
            Note(
                NOTE_FINALIST_TIE,
                f"{ids} tie on public votes for the last {places} finalist place(s): the chair "
                "decides who is a finalist, with a reason, before selecting",
                {"ids": ids, "places": places},
                key,
            ),
            first=True,
        )
    flagged = [r.submission_id for r in rows if r.findings]
    flagged += [r.submission_id for r in others if r.findings]
    if flagged:
        ids = ", ".join(flagged)
        view = _noted(
            view,
            Note(
                NOTE_FINDINGS,
                f"open rule findings on {ids}: overrule them or take the projects off the "
                "finalists before selecting them",
                {"ids": ids},
                key,
            ),
        )
    return view


def _score_order(ids: list[str], means: dict[str, int | None]) -> list[tuple[str, ...]]:
    """Tiers of equal mean, best first; finalists without a counted review last, together."""
    scored = sorted((sid for sid in ids if means[sid] is not None), key=lambda s: -(means[s] or 0))
    tiers = [tuple(group) for _, group in itertools.groupby(scored, key=lambda s: means[s])]
    unscored = tuple(sid for sid in ids if means[sid] is None)
    return tiers + ([unscored] if unscored else [])


def _notes(
    winners: int,
    champions: int,
    ids: list[str],
    ineligible: set[str],
    schulze: list[tuple[str, ...]],
    score_order: list[tuple[str, ...]],
    counted: dict[str, dict[str, int]],
    complete: list[str],
    key: str,
    names: dict[str, str] | None = None,
) -> tuple[Note, ...]:
    notes = []
    eligible = [sid for sid in ids if sid not in ineligible]
    if len(eligible) < winners + champions:
        notes.append(
            Note(
                NOTE_FEW_ELIGIBLE,
                f"{len(eligible)} eligible finalists for {winners} winner(s) and {champions} "
                f"champions: the chair records fewer champions, with a reason",
                {"eligible": len(eligible), "winners": winners, "champions": champions},
                key,
            )
        )
    if not counted:
        notes.append(
            Note(
                NOTE_NO_REVIEWS,
                "no final-round review counts yet: neither order says anything",
                {},
                key,
            )
        )
        return tuple(notes)
    for order, label, tiers in (
        ("schulze", "the Schulze order", schulze),
        ("mean", "the mean scores", score_order),
    ):
        cut = _tie_at(tiers, (winners, winners + champions))
        if cut:
            place, tier = cut
            where = "winner's place" if place == "winner" else "last champion's place"
            tied = ", ".join(tier)
            notes.append(
                Note(
                    NOTE_ORDER_TIE,
                    f"tie in {label} across the {where} ({tied}){TIE_OPEN}",
                    {"order": order, "place": place, "ids": tied},
                    key,
                )
            )
    partial = sorted(set(counted) - set(complete))
    if partial:
        experts = ", ".join(
            f"{names[code]} ({code})" if names and code in names else code for code in partial
        )
        notes.append(
            Note(
                NOTE_LEFT_OUT_OF_W,
                f"left out of Kendall's W (did not rank every finalist): {experts}",
                {"experts": experts},
                key,
            )
        )
    return tuple(notes)


def _tie_at(
    tiers: list[tuple[str, ...]], cuts: tuple[int, int]
) -> tuple[str, tuple[str, ...]] | None:
    """Which cut ("winner" or "champion") a tier of several straddles, and the tier."""
    place = 0
    for tier in tiers:
        for cut, label in zip(cuts, ("winner", "champion"), strict=True):
            if len(tier) > 1 and place < cut < place + len(tier):
                return label, tier
        place += len(tier)
    return None


# ---- the chair's selection ---------------------------------------------------------------
def record_selection(
    workspace: OpenWorkspace,
    category_key: str,
    *,
    winners: Sequence[str],
    champions: Sequence[str],
    reason: str,
    actor: str | None = None,
    seen: int | None = None,
) -> SelectionResult:
    """Record the winner(s) and champions of one category, replacing an earlier selection.
    `seen`: the audit log's position the chair's view was read at; a selection of this
    category recorded since is not overwritten (StaleView, nothing written)."""
    reason = reason.strip()
    if not reason:
        raise SelectionRefused(N_("a selection needs a reason: say why, for the record"))
    actor = actor or current_actor()
    edition = workspace.edition
    quotas = edition.quotas
    chosen = [*winners, *champions]
    twice = sorted({sid for sid in chosen if chosen.count(sid) > 1})
    if twice:
        raise SelectionRefused(N_("selected more than once: {twice}"), twice=", ".join(twice))
    seen = chain_position(workspace)[0] if seen is None else seen  # at least: from now on
    ties = _open_ties(workspace, category_key)  # read before the write: ranking is read-only
    with workspace.transaction() as session:
        refuse_if_changed(
            session,
            seen,
            f"the selection of {category_key}",
            [("selection", [category_key], None), ("finalist", [category_key], None)],
        )
        members = finalists(session).get(category_key)
        if not members:
            raise SelectionRefused(
                N_("{category_key} has no finalists to select from"), category_key=category_key
            )
        ids = [s.submission_id for s in members]
        # The selection decides on every finalist of the category: a chair conflicted
        # with one of them does not make it.
        refusals = conflict_refusals(session, actor, ids)
        if refusals:
            raise SelectionRefused.joined(refusals)
        strangers = [sid for sid in chosen if sid not in ids]
        if strangers:
            raise SelectionRefused(
                N_("not finalists of {category_key}: {strangers} (its finalists: {ids})"),
                category_key=category_key,
                strangers=", ".join(strangers),
                ids=", ".join(ids),
            )
        standing = finalists_by_votes(session, edition).get(category_key)
        if standing is not None:
            beyond = [sid for sid in winners if sid not in standing.analysed]
            if beyond:
                raise SelectionRefused(
                    N_(
                        "the winner is chosen among the finalists the panel analysed: "
                        "{analysed}; {beyond}"
                    ),
                    analysed=standing.in_words(),
                    beyond=[
                        Words(
                            N_("{sid} is at place {place} by votes"),
                            {"sid": sid, "place": standing.place(sid)},
                        )
                        for sid in beyond
                    ],
                )
        tie = finalist_ties(session).get(category_key)
        if tie is not None and not tie.settled:
            raise SelectionRefused(
                N_(
                    "{category_key}'s finalists are not settled: {undecided} tie on public "
                    "votes for the last place(s); the chair decides first (`panel-app "
                    "finalist add ID --reason ...`)"
                ),
                category_key=category_key,
                undecided=", ".join(tie.undecided),
            )
        ineligible = ineligible_ids(session)
        barred = [sid for sid in chosen if sid in ineligible]
        if barred:
            raise SelectionRefused(
                N_(
                    "open ineligibility finding on {barred}: overrule it (with a reason) "
                    "before selecting"
                ),
                barred=", ".join(barred),
            )
        findings = open_findings(session, chosen)
        if findings:
            raise SelectionRefused(
                N_(
                    "open rule finding on {findings}: overrule it (`panel-app "
                    "overrule FINDING --reason ...`) or take the project off the finalists "
                    "(`panel-app finalist remove ID --reason ...`) before selecting"
                ),
                findings=findings_in_words(findings, chosen),
            )
        available = len([sid for sid in ids if sid not in ineligible])
        notes = _check_quotas(
            len(winners), len(champions), available, quotas.winners_per_category,
            quotas.champions_per_category,
        )  # fmt: skip
        notes += ties
        by_id = {s.submission_id: s for s in members}
        before = {
            stage: sorted(
                (
                    sid
                    for sid, (s, _, c) in _selections(session).items()
                    if s == stage and c == category_key
                ),
                key=id_order,
            )
            for stage in (WINNER, CHAMPION)
        }
        earlier = before[WINNER] or before[CHAMPION]
        session.execute(
            delete(Decision).where(
                Decision.category_key == category_key, Decision.stage.in_((WINNER, CHAMPION))
            )
        )
        for stage, picked in ((WINNER, winners), (CHAMPION, champions)):
            for sid in picked:
                session.add(
                    Decision(
                        submission_pk=by_id[sid].id,
                        category_key=category_key,
                        stage=stage,
                        outcome=SELECTED,
                        rationale=reason,
                        decided_by=actor,
                    )
                )
        after = {WINNER: list(winners), CHAMPION: list(champions), "reason": reason}
        record_change(
            session,
            actor=actor,
            action="selection.recorded",
            entity="selection",
            entity_id=category_key,
            before=before if earlier else None,
            after=after,
            note="; ".join(notes),
        )
    return SelectionResult(
        category_key,
        tuple(winners),
        tuple(champions),
        reason,
        actor,
        before if earlier else None,
        notes,
    )


def _open_ties(workspace: OpenWorkspace, category_key: str) -> tuple[str, ...]:
    """The ties across a place the report names for the category, as decided now."""
    try:
        (view,) = final_round_report(workspace, [category_key]).categories
    except SelectionRefused:
        return ()  # no finalists: the selection says so itself
    return tuple(n.replace(TIE_OPEN, TIE_DECIDED) for n in view.notes if n.endswith(TIE_OPEN))


def _check_quotas(
    winners: int, champions: int, available: int, winner_quota: int, champion_quota: int
) -> tuple[str, ...]:
    """The notes of an acceptable count; SelectionRefused for any other."""
    if winners != winner_quota:
        raise SelectionRefused(
            N_("the edition names {winner_quota} winner(s) per category; {winners} given"),
            winner_quota=winner_quota,
            winners=winners,
        )
    if champions > champion_quota:
        raise SelectionRefused(
            N_("the edition names {champion_quota} champions per category; {champions} given"),
            champion_quota=champion_quota,
            champions=champions,
        )
    if champions == champion_quota:
        return ()
    possible = max(0, available - winner_quota)
    if champions < min(champion_quota, possible):
        raise SelectionRefused(
            N_(
                "the edition names {champion_quota} champions per category and "
                "{available} eligible finalists allow {allowed}; {champions} given"
            ),
            champion_quota=champion_quota,
            available=available,
            allowed=min(champion_quota, possible),
            champions=champions,
        )
    return (
        f"{champions} champions instead of the edition's {champion_quota}: only {available} "
        f"eligible finalists",
    )
