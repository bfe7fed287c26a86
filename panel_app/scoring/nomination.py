"""Ordering a category and proposing its nominees (pure; the workflow records decisions).

The tie-break cascade (docs/scoring.md), applied only among projects whose scores are
equal at the precision a chair reads (hundredths of a point), each step only among those
the previous steps left tied:

1. `full_precision`: the ranking score in micro-units (millionths of the scale);
2. `head_to_head`: among the tied projects, each pair is compared by the experts who
   scored both (composite); a project gains one for each tied rival most of their shared
   experts preferred it to, and loses one for each rival preferred to it;
3. `median`: the higher median composite;
4. `criterion:<key>`: the higher mean on the edition's designated criterion
   (`[nomination] tie_break_criterion`; skipped when the edition names none);
5. `reviews`: more counted reviews;
6. still equal: an unresolved tie, returned as such (`tie_group`): the chair decides.

Every comparison is between integers or exact fractions, so the order never depends on
floating-point noise or on the order the reviews arrived in. A proposal never contains an
ineligible project or a project without a counted review, and never more than the quota:
when an unresolved tie straddles the last place, the tied projects are returned as
`undecided` with the number of places they must fill.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from panel_app.scoring.model import MICRO_PER_POINT, CutLine, Proposal

# The precision people read: hundredths of a point.
DISPLAY_UNIT = MICRO_PER_POINT // 100

STEP_SCORE = "score"
STEP_FULL = "full_precision"
STEP_HEAD_TO_HEAD = "head_to_head"
STEP_MEDIAN = "median"
STEP_REVIEWS = "reviews"
STEP_UNRESOLVED = "unresolved"
STEP_FIRST = "first"
STEP_NO_SCORE = "no_score"


@dataclass(frozen=True)
class Candidate:
    """What the cascade needs to know about one project."""

    project_id: str
    score: int | None  # micro-units by the ranking method; None: no counted review
    median: int | None
    reviews: int
    criterion_total: int | None  # sum of the designated criterion's scores; None: not used
    by_expert: Mapping[str, int]  # expert id -> composite (micro), counted reviews only


@dataclass(frozen=True)
class Placed:
    candidate: Candidate
    decided_by: str  # the step separating it from the row above
    tie_group: int | None
    level: int  # index of that step (for the cut: the smallest level between two rows)


def display_score(score: int) -> int:
    """Score rounded half up to hundredths of a point (what a chair reads)."""
    return (2 * score + DISPLAY_UNIT) // (2 * DISPLAY_UNIT)


def head_to_head(group: Sequence[Candidate]) -> dict[str, int]:
    """Copeland score of each tied project over its tied rivals (see module docstring)."""
    result = {c.project_id: 0 for c in group}
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            shared = a.by_expert.keys() & b.by_expert.keys()
            wins = sum(1 for e in shared if a.by_expert[e] > b.by_expert[e])
            losses = sum(1 for e in shared if a.by_expert[e] < b.by_expert[e])
            if wins != losses:
                sign = 1 if wins > losses else -1
                result[a.project_id] += sign
                result[b.project_id] -= sign
    return result


Key = Callable[[Sequence[Candidate]], Mapping[str, object]]


def _criterion_means(group: Sequence[Candidate]) -> dict[str, Fraction | None]:
    """The designated criterion's mean of each project, as an exact fraction."""
    return {
        c.project_id: Fraction(c.criterion_total, c.reviews)
        if c.criterion_total is not None and c.reviews
        else None
        for c in group
    }


def _steps(use_criterion: str | None) -> list[tuple[str, Key]]:
    steps: list[tuple[str, Key]] = [
        (STEP_SCORE, lambda g: {c.project_id: display_score(c.score or 0) for c in g}),
        (STEP_FULL, lambda g: {c.project_id: c.score for c in g}),
        (STEP_HEAD_TO_HEAD, head_to_head),
        (STEP_MEDIAN, lambda g: {c.project_id: c.median for c in g}),
    ]
    if use_criterion is not None:
        steps.append((f"criterion:{use_criterion}", _criterion_means))
    steps.append((STEP_REVIEWS, lambda g: {c.project_id: c.reviews for c in g}))
    return steps


def order(candidates: Sequence[Candidate], tie_criterion: str | None = None) -> list[Placed]:
    """The category's order: scored projects by the cascade, then those without a score."""
    scored = sorted((c for c in candidates if c.score is not None), key=lambda c: c.project_id)
    unscored = sorted((c for c in candidates if c.score is None), key=lambda c: c.project_id)
    steps = _steps(tie_criterion)
    placed: list[Placed] = []
    ties = [0]

    def refine(group: list[Candidate], level: int, boundary: tuple[str, int]) -> None:
        if len(group) == 1:
            placed.append(Placed(group[0], boundary[0], None, boundary[1]))
            return
        if level == len(steps):
            ties[0] += 1
            for i, c in enumerate(group):  # by project id: a display order, not a decision
                step = boundary if i == 0 else (STEP_UNRESOLVED, level)
                placed.append(Placed(c, step[0], ties[0], step[1]))
            return
        name, key = steps[level]
        values = key(group)
        ranked = sorted(group, key=lambda c: values[c.project_id], reverse=True)  # type: ignore[arg-type,return-value]
        start = 0
        for i in range(1, len(ranked) + 1):
            if i == len(ranked) or values[ranked[i].project_id] != values[ranked[start].project_id]:
                step = boundary if start == 0 else (name, level)
                if i - start == 1:  # alone: placed here (most projects, no recursion)
                    placed.append(Placed(ranked[start], step[0], None, step[1]))
                else:
                    refine(ranked[start:i], level + 1, step)
                start = i

    if scored:
        refine(scored, 0, (STEP_FIRST, -1))
    for c in unscored:
        placed.append(Placed(c, STEP_NO_SCORE, None, len(steps) + 1))
    return placed


def propose(
    placed: Sequence[Placed],
    *,
    quota: int | None,
    ineligible: frozenset[str] | set[str],
    minimum_reviews: int | None,
) -> Proposal:
    """The first `quota` eligible scored projects in order; an unresolved tie at the cut
    is left to the chair (`undecided`), never settled here."""
    if quota is None:
        return Proposal(None, (), notes=("the edition sets no nominee count: give one to propose",))
    pool = [
        (i, p)
        for i, p in enumerate(placed)
        if p.candidate.score is not None and p.candidate.project_id not in ineligible
    ]
    nominees: list[Placed] = []
    undecided: list[str] = []
    k = 0
    while k < len(pool) and len(nominees) < quota:
        _, p = pool[k]
        group = p.tie_group
        if group is None:
            nominees.append(p)
            k += 1
            continue
        members = []  # a tie group's members are adjacent in the pool
        for _, q in pool[k:]:
            if q.tie_group != group:
                break
            members.append(q)
        if len(nominees) + len(members) <= quota:
            nominees.extend(members)
        else:
            undecided = [q.candidate.project_id for q in members]
            break
        k += len(members)
    open_places = quota - len(nominees) if undecided else 0
    notes: list[str] = []
    available = len(pool)
    if available < quota:
        notes.append(f"only {available} eligible scored projects for {quota} places")
    cut = None
    if nominees and not undecided:
        last_index = pool[len(nominees) - 1][0]
        after = [i for i, _ in pool[len(nominees) :]]
        if after:
            first_out = after[0]
            level = min(placed[j].level for j in range(last_index + 1, first_out + 1))
            step = next(
                placed[j].decided_by
                for j in range(last_index + 1, first_out + 1)
                if placed[j].level == level
            )
            last, nxt = placed[last_index].candidate, placed[first_out].candidate
            assert last.score is not None and nxt.score is not None
            cut = CutLine(last.project_id, nxt.project_id, step, last.score - nxt.score)
            if step not in (STEP_SCORE,):
                notes.append(f"the last place was decided by the tie-break step '{step}'")
        else:
            cut = CutLine(placed[last_index].candidate.project_id, None, None, None)
    if undecided:
        notes.append(
            f"an unresolved tie of {len(undecided)} projects for {open_places} place(s): "
            "the chair decides"
        )
    flagged = tuple(
        p.candidate.project_id
        for p in nominees
        if minimum_reviews is not None and p.candidate.reviews < minimum_reviews
    )
    return Proposal(
        quota,
        tuple(p.candidate.project_id for p in nominees),
        tuple(undecided),
        open_places,
        cut,
        flagged,
        tuple(notes),
    )
