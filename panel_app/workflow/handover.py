"""What one phase hands on to the next, read from the store: a round's reviews, the
experts' names (what a person reads where the core keeps codes), the submissions an open
finding makes ineligible (never while the rule checks are owed after an import), each
project's open findings, the frozen nominee list, the finalists as settled (the public
vote's and the chair's decisions) and the ties still open."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased

from panel_app.i18n import N_, Refusal, render
from panel_app.store.models import (
    AuditEntry,
    Decision,
    Expert,
    ListFreeze,
    Review,
    RuleFinding,
    Score,
    Submission,
    Workspace,
)
from panel_app.workflow.workspace import OpenWorkspace

__all__ = [
    "FINALIST_STAGE",
    "NOMINEE_STAGE",
    "VOTES_IMPORTED",
    "ChecksPending",
    "FinalistTie",
    "FinalistsByVotes",
    "GateVerdict",
    "OpenFinding",
    "checks_owed",
    "checks_pending",
    "expert_names",
    "finalist_ties",
    "finalists_by_votes",
    "findings_in_words",
    "gate_verdicts",
    "ineligible_ids",
    "open_findings",
    "open_freeze",
    "require_checks_current",
    "round_reviews",
    "set_checks_pending",
]


if TYPE_CHECKING:  # scoring brings numpy and scipy: this room stays light to import
    from panel_app.edition import Edition
    from panel_app.scoring import ReviewInput


class ChecksPending(Refusal):
    """Eligibility was asked for while the rule checks of an import are still owed."""


def checks_pending(session: Session) -> bool:
    return bool(session.scalar(select(Workspace.checks_pending).limit(1)))


def checks_owed(workspace: OpenWorkspace) -> bool:
    """Whether an interrupted import left the rule checks owed (a cheap read: every
    command and the window's open ask it before anything heavier)."""
    with workspace.sessions() as session:
        return checks_pending(session)


def set_checks_pending(session: Session, pending: bool) -> None:
    """In the transaction of the import (True) or of the checks (False)."""
    session.execute(update(Workspace).values(checks_pending=pending))


def require_checks_current(session: Session) -> None:
    if checks_pending(session):
        raise ChecksPending(
            N_(
                "the rule checks of the last import have not run (it was interrupted): "
                "run `panel-app check` (or open the workspace in the window) first"
            )
        )


NOMINEE_STAGE = "nominee"  # the nominee list's decisions and freezes


def round_reviews(session: Session, round_: str = "nomination") -> list[ReviewInput]:
    """Every review of a round (one per expert and project: its latest revision)."""
    from panel_app.scoring import ReviewInput

    query = (
        select(
            Review.id,
            Expert.expert_code,
            Submission.submission_id,
            Submission.category_key,
            Review.confidence,
            Review.conflict_declared,
            Review.abstained,
        )
        .join(Expert, Expert.id == Review.expert_pk)
        .join(Submission, Submission.id == Review.submission_pk)
        .where(Review.round == round_)
    )
    reviews = session.execute(query).all()
    scores: dict[int, dict[str, int | None]] = {}
    wanted = [row.id for row in reviews]
    for start in range(0, len(wanted), 20_000):  # bounded IN lists for any database
        chunk = wanted[start : start + 20_000]
        for review_pk, key, value in session.execute(
            select(Score.review_pk, Score.criterion_key, Score.value).where(
                Score.review_pk.in_(chunk)
            )
        ):
            scores.setdefault(review_pk, {})[key] = value
    return [
        ReviewInput(
            expert_id=row.expert_code,
            project_id=row.submission_id,
            category_key=row.category_key,
            scores=scores.get(row.id, {}),
            confidence=row.confidence,
            conflict_declared=row.conflict_declared,
            abstained=row.abstained,
        )
        for row in reviews
    ]


def expert_names(session: Session) -> dict[str, str]:
    """Expert code -> the expert's name, for every expert of the panel (a few hundred at
    most): the windows show a person, not E001."""
    return dict(session.execute(select(Expert.expert_code, Expert.name)).tuples().all())


def ineligible_ids(session: Session) -> set[str]:
    """Submissions with an open (not overruled) ineligible finding; ChecksPending while the
    checks of an import are owed (the findings would be those of the set before it)."""
    require_checks_current(session)
    return set(
        session.scalars(
            select(Submission.submission_id)
            .join(RuleFinding, RuleFinding.submission_pk == Submission.id)
            .where(RuleFinding.severity == "ineligible", RuleFinding.overruled_at.is_(None))
        )
    )


def open_freeze(session: Session) -> ListFreeze | None:
    return session.scalars(
        select(ListFreeze)
        .where(ListFreeze.stage == NOMINEE_STAGE, ListFreeze.unfrozen_at.is_(None))
        .order_by(ListFreeze.id.desc())
    ).first()


# ---- open findings: what a list shows beside a project, and what blocks a freeze --------
@dataclass(frozen=True)
class OpenFinding:
    """A rule finding not overruled, as a list shows it beside the project."""

    finding_id: int  # what `panel-app overrule ID` takes
    rule_id: str
    severity: str  # "ineligible" or "warning"
    evidence: str  # the English text
    related_submission_id: str | None  # the other project of a pair

    @property
    def text(self) -> str:
        return f"finding {self.finding_id}, {self.rule_id}: {self.evidence}"


def open_findings(
    session: Session, submission_ids: Collection[str] | None = None
) -> dict[str, tuple[OpenFinding, ...]]:
    """Submission ID -> its findings not overruled (of `submission_ids`, or of all), by id;
    ChecksPending while the checks of an import are owed."""
    require_checks_current(session)
    related = aliased(Submission)
    query = (
        select(RuleFinding, Submission.submission_id, related.submission_id)
        .join(Submission, Submission.id == RuleFinding.submission_pk)
        .outerjoin(related, related.id == RuleFinding.related_submission_pk)
        .where(RuleFinding.overruled_at.is_(None))
        .order_by(RuleFinding.id)
    )
    wanted = None if submission_ids is None else set(submission_ids)
    found: dict[str, list[OpenFinding]] = {}
    for row, sid, related_sid in session.execute(query):
        if wanted is not None and sid not in wanted:
            continue
        found.setdefault(sid, []).append(
            OpenFinding(row.id, row.rule_id, row.severity, row.evidence, related_sid)
        )
    return {sid: tuple(items) for sid, items in found.items()}


def findings_in_words(findings: dict[str, tuple[OpenFinding, ...]], ids: Collection[str]) -> str:
    """`ids` that have open findings, each with them: what a refusal names."""
    return "; ".join(
        f"{sid} ({', '.join(f.text for f in findings[sid])})" for sid in ids if findings.get(sid)
    )


# ---- the finalists as settled ------------------------------------------------------------
FINALIST_STAGE = "finalist"  # the finalist decisions (the public vote's and the chair's)
VOTES_IMPORTED = "votes.imported"  # the audit entry that holds the last vote audit


@dataclass(frozen=True)
class FinalistTie:
    """Projects tied on votes for a category's last finalist places, and the chair's picks."""

    category_key: str
    tied: tuple[str, ...]  # by the vote audit, most votes first then ID
    open_places: int  # places the tie leaves to the chair
    picked: tuple[str, ...]  # tied projects the chair made finalists
    left_out: tuple[str, ...]  # tied projects the chair decided against

    @property
    def settled(self) -> bool:
        """Every place taken, or no tied project left to take one."""
        undecided = [s for s in self.tied if s not in self.picked and s not in self.left_out]
        return len(self.picked) >= self.open_places or not undecided

    @property
    def undecided(self) -> tuple[str, ...]:
        return tuple(s for s in self.tied if s not in self.picked and s not in self.left_out)


def _last_vote_audit(session: Session) -> dict[str, Any] | None:
    """The audit of the last vote import, as its `votes.imported` entry keeps it."""
    entry = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action == VOTES_IMPORTED)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if entry is None or not entry.after:
        return None
    audit = entry.after.get("audit")
    return audit if isinstance(audit, dict) else None


def finalist_ties(session: Session) -> dict[str, FinalistTie]:
    """Category key -> the tie the last vote import found at its last finalist places, with
    the chair's decisions on it so far (settled or not); empty before any vote import."""
    audit = _last_vote_audit(session)
    if audit is None:
        return {}
    categories = audit.get("categories") or ()
    ties = [c for c in categories if c.get("tied")]
    if not ties:
        return {}
    outcomes = dict(
        session.execute(
            select(Submission.submission_id, Decision.outcome)
            .join(Decision, Decision.submission_pk == Submission.id)
            .where(Decision.stage == FINALIST_STAGE)
        )
        .tuples()
        .all()
    )
    return {
        str(c["category_key"]): FinalistTie(
            str(c["category_key"]),
            tuple(c["tied"]),
            int(c["open_places"]),
            tuple(s for s in c["tied"] if outcomes.get(s) == "selected"),
            tuple(s for s in c["tied"] if outcomes.get(s) == "not-selected"),
        )
        for c in ties
    }


# ---- the finalists the panel analyses ------------------------------------------------------
@dataclass(frozen=True)
class FinalistsByVotes:
    """A category's finalists as settled, most valid votes first, and those of them the
    panel analyses in depth before it picks the winner: the edition's
    `analysed_per_category` with the most votes (2017: the top three of the five), every
    finalist when the edition sets no such number. Finalists with as many votes as the
    last analysed one are analysed too: a place is never settled by a coin flip."""

    category_key: str
    finalists: tuple[str, ...]  # most valid votes first, then Submission ID
    analysed: tuple[str, ...]  # a prefix of `finalists`
    quota: int | None  # the edition's analysed_per_category; None: every finalist
    votes: Mapping[str, int] = field(default_factory=dict)  # empty without a vote import
    tied_at_cut: tuple[str, ...] = ()  # analysed beyond the quota: as many votes as the last

    @property
    def not_analysed(self) -> tuple[str, ...]:
        return self.finalists[len(self.analysed) :]

    def place(self, submission_id: str) -> int:
        """Its place among the finalists by votes, 1 the most."""
        return self.finalists.index(submission_id) + 1

    def in_words(self) -> str:
        """Which finalists are analysed, for a note or a refusal."""
        if not self.not_analysed:
            return f"every finalist of {self.category_key} is analysed"
        text = (
            f"the panel analyses the top {self.quota} of {self.category_key} by valid votes: "
            f"{', '.join(self.analysed)}"
        )
        if self.tied_at_cut:
            text += f" ({', '.join(self.tied_at_cut)} with as many votes as the last of them)"
        return text


def finalists_by_votes(session: Session, edition: Edition) -> dict[str, FinalistsByVotes]:
    """Category key -> its settled finalists by valid votes and the ones analysed. Without
    a vote import (a demo's finalists taken from the nominee list) the finalists keep the
    order they were recorded in."""
    rows = session.execute(
        select(Decision.id, Decision.category_key, Submission.submission_id)
        .join(Submission, Submission.id == Decision.submission_pk)
        .where(Decision.stage == FINALIST_STAGE, Decision.outcome == "selected")
        .order_by(Decision.id)
    ).all()
    audit = _last_vote_audit(session)
    votes: dict[str, int] = {}
    for category in (audit or {}).get("categories") or ():
        for standing in category.get("standings") or ():
            votes[str(standing["submission_id"])] = int(standing["votes"])
    recorded: dict[str, list[str]] = {}
    for _, key, sid in rows:
        recorded.setdefault(key, []).append(sid)
    quota = edition.quotas.analysed_per_category
    found = {}
    for key, ids in recorded.items():
        known = {sid: votes[sid] for sid in ids if sid in votes}
        if known:
            ids = sorted(ids, key=lambda sid: (-known.get(sid, -1), _id_key(sid)))
        count = len(ids) if quota is None else min(quota, len(ids))
        tied: list[str] = []
        if known and 0 < count < len(ids):
            last = known.get(ids[count - 1])
            tied = [sid for sid in ids[count:] if last is not None and known.get(sid) == last]
        analysed = tuple(ids[: count + len(tied)])
        found[key] = FinalistsByVotes(key, tuple(ids), analysed, quota, known, tuple(tied))
    order = {c.key: n for n, c in enumerate(edition.categories)}
    return {key: found[key] for key in sorted(found, key=lambda k: (order.get(k, len(order)), k))}


def _id_key(submission_id: str) -> tuple[int, int | str]:
    return (0, int(submission_id)) if submission_id.isdigit() else (1, submission_id)


# ---- the nomination gates: what the experts answered ---------------------------------------
@dataclass(frozen=True)
class GateVerdict:
    """One gate of one project, as its experts answered it in the nomination round."""

    gate: int  # 1-based, the edition's order
    failed: int  # experts who answered no
    met: int  # experts who answered yes
    experts: int  # the project's experts whose review counts (no conflict, no abstention)

    @property
    def failed_by_majority(self) -> bool:
        """More than half of the project's experts answered that it fails the gate."""
        return self.failed * 2 > self.experts

    def in_words(self) -> str:
        return f"gate {self.gate} failed by {self.failed} of its {self.experts} experts"


def gate_verdicts(session: Session, gates: int) -> dict[str, tuple[GateVerdict, ...]]:
    """Submission ID -> each gate's answers in the nomination round, for every project
    with a review that counts (a declared conflict or an abstention does not); empty when
    the edition asks no gate."""
    if gates <= 0:
        return {}
    rows = session.execute(
        select(Submission.submission_id, Review.gates)
        .join(Review, Review.submission_pk == Submission.id)
        .where(
            Review.round == "nomination",
            Review.conflict_declared.is_(False),
            Review.abstained.is_(False),
        )
    )
    tally: dict[str, list[list[int]]] = {}
    for sid, answers in rows:
        counts = tally.setdefault(sid, [[0, 0] for _ in range(gates)] + [[0]])
        counts[-1][0] += 1  # an expert of the project
        for index, answer in enumerate(list(answers or ())[:gates]):
            if answer is False:
                counts[index][0] += 1
            elif answer is True:
                counts[index][1] += 1
    return {
        sid: tuple(
            GateVerdict(index + 1, failed, met, counts[-1][0])
            for index, (failed, met) in enumerate(counts[:-1])
        )
        for sid, counts in tally.items()
    }


# A finalist's decision records its public vote in these words (the record is English);
# a reader sees it in their language.
_VOTE_RATIONALE = re.compile(r"public vote: (\d+) valid votes, rank (\d+)")


def vote_rationale(votes: int, rank: int) -> str:
    """What a finalist's decision records of its public vote."""
    return f"public vote: {votes} valid votes, rank {rank}"


def vote_standing(rationale: str) -> tuple[int, int] | None:
    """(valid votes, rank) of a finalist by the vote, read from its decision's rationale;
    None for a finalist the chair picked (the rationale is the chair's reason)."""
    found = _VOTE_RATIONALE.fullmatch(rationale.strip())
    return (int(found[1]), int(found[2])) if found else None


def vote_in_words(rationale: str, language: str) -> str:
    """A finalist decision's rationale as a reader sees it: the public vote's numbers in
    `language`; anything else (a chair's own reason) as it was written."""
    standing = vote_standing(rationale)
    if standing is None:
        return rationale
    votes, rank = standing
    return render(N_("{votes} valid votes, rank {rank}"), {"votes": votes, "rank": rank}, language)
