"""The expert's scoring desk: their assigned projects, and every score committed at once.

Each change (one score, the comment, the confidence, a conflict declaration) is its own
small transaction with one audit entry, so a laptop that dies mid-session loses at most the
change in flight. The review rows are the store's: one per expert, submission and round;
a criterion left blank is a Score with a NULL value. Nothing here knows about widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from panel_app.edition import Criterion, LocalizedText
from panel_app.i18n import N_, Refusal
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import Assignment, Expert, Review, Score, Submission, utc_now
from panel_app.workflow.overview import (
    STATUS_OK,
    SubmissionDetail,
    submission_detail,
    submission_statuses,
)
from panel_app.workflow.rounds import NOMINATION, criteria_of, gates_of
from panel_app.workflow.workspace import OpenWorkspace

ORIGIN = "app"  # scores typed on this laptop
CONFIDENCES = ("high", "medium", "low")

# A project's state in the expert's list.
UNSCORED = "unscored"
PARTIAL = "partial"
SCORED = "scored"
CONFLICT = "conflict"


class DeskRefused(Refusal):
    """A change the desk will not record (off the scale, locked by a conflict, not assigned)."""


@dataclass(frozen=True)
class DeskExpert:
    code: str
    name: str
    assigned: int


@dataclass(frozen=True)
class DeskProject:
    """One assigned project as the list shows it."""

    submission_id: str
    title: str
    organisation: str
    country: str
    category_key: str
    check_status: str  # "eligible", "flagged" or "ineligible" (the rule checks)
    scored: int  # criteria with a value
    criteria: int
    conflict: bool

    @property
    def state(self) -> str:
        if self.conflict:
            return CONFLICT
        if self.scored == 0:
            return UNSCORED
        return SCORED if self.scored >= self.criteria else PARTIAL

    @property
    def done(self) -> bool:
        """Nothing left to do: every criterion scored, or a conflict declared."""
        return self.state in (SCORED, CONFLICT)

    @property
    def flagged(self) -> bool:
        return self.check_status != STATUS_OK


@dataclass(frozen=True)
class CategoryProgress:
    key: str
    action_line: str
    name_en: str
    name_zh: str
    assigned: int
    done: int


@dataclass(frozen=True)
class ProjectReview:
    """What the expert has recorded on one project so far."""

    submission_id: str
    scores: dict[str, int | None]  # criterion key -> value, None when blank
    comment: str
    confidence: str | None
    conflict_declared: bool
    # The round's gates, in the edition's order: True met, False failed, None unanswered.
    gates: tuple[bool | None, ...] = ()


def desk_experts(workspace: OpenWorkspace, round_: str = NOMINATION) -> list[DeskExpert]:
    """The experts with assignments in the round, by code."""
    query = (
        select(Expert.expert_code, Expert.name, func.count(Assignment.id))
        .join(Assignment, Assignment.expert_pk == Expert.id)
        .where(Assignment.round == round_)
        .group_by(Expert.id, Expert.expert_code, Expert.name)
        .order_by(Expert.expert_code)
    )
    with workspace.sessions() as session:
        return [DeskExpert(code, name, int(n)) for code, name, n in session.execute(query)]


def choose_expert(workspace: OpenWorkspace, code: str | None) -> DeskExpert:
    """The expert named by `code`; without one, the workspace's only expert (a package)."""
    experts = desk_experts(workspace)
    if code is not None:
        for expert in experts:
            if expert.code.casefold() == code.strip().casefold():
                return expert
        if experts:
            raise DeskRefused(
                N_("no expert {code!r} has projects assigned in {display}; experts: {codes}"),
                code=code,
                display=workspace.location.display,
                codes=_some_codes(experts),
            )
        raise DeskRefused(
            N_("no expert {code!r} has projects assigned in {display}"),
            code=code,
            display=workspace.location.display,
        )
    if len(experts) == 1:
        return experts[0]
    if not experts:
        raise DeskRefused(
            N_("no expert has projects assigned in {display}"), display=workspace.location.display
        )
    raise DeskRefused(
        N_("{display} holds {count} experts' assignments; name one with --expert ({codes})"),
        display=workspace.location.display,
        count=len(experts),
        codes=_some_codes(experts),
    )


def _some_codes(experts: Sequence[DeskExpert], shown: int = 8) -> str:
    codes = ", ".join(e.code for e in experts[:shown])
    return codes + (", …" if len(experts) > shown else "")


class ScoringDesk:
    """One expert's desk on one workspace."""

    def __init__(
        self,
        workspace: OpenWorkspace,
        expert_code: str,
        *,
        actor: str | None = None,
        round_: str = NOMINATION,
    ) -> None:
        self.workspace = workspace
        self.round = round_
        self.criteria: tuple[Criterion, ...] = criteria_of(workspace.edition, round_)
        # The yes/no questions asked before the criteria (the nomination round's).
        self.gates: tuple[LocalizedText, ...] = gates_of(workspace.edition, round_)
        with workspace.sessions() as session:
            expert = session.scalars(
                select(Expert).where(Expert.expert_code == expert_code)
            ).first()
            if expert is None:
                raise DeskRefused(
                    N_("no expert {expert_code!r} in {display}"),
                    expert_code=expert_code,
                    display=workspace.location.display,
                )
            self.expert_pk = expert.id
            self.expert_code = expert.expert_code
            self.expert_name = expert.name
        # The audit log names the expert: the laptop's login says little on a shared panel.
        self.actor = actor or f"{self.expert_code} ({current_actor()})"

    # --- reading -------------------------------------------------------------------------
    def projects(self) -> list[DeskProject]:
        """The expert's assigned projects, by Submission ID."""
        scored = (
            select(Score.review_pk, func.count(Score.id).label("n"))
            .where(Score.value.is_not(None))
            .group_by(Score.review_pk)
            .subquery()
        )
        query = (
            select(
                Submission.id,
                Submission.submission_id,
                Submission.title,
                Submission.organisation,
                Submission.country,
                Submission.category_key,
                Review.conflict_declared,
                scored.c.n,
            )
            .join(Assignment, Assignment.submission_pk == Submission.id)
            .outerjoin(
                Review,
                (Review.submission_pk == Submission.id)
                & (Review.expert_pk == self.expert_pk)
                & (Review.round == self.round),
            )
            .outerjoin(scored, scored.c.review_pk == Review.id)
            .where(Assignment.expert_pk == self.expert_pk, Assignment.round == self.round)
        )
        with self.workspace.sessions() as session:
            statuses = submission_statuses(session)
            rows = [
                DeskProject(
                    submission_id=sid,
                    title=title,
                    organisation=org,
                    country=country,
                    category_key=category,
                    check_status=statuses.get(pk, STATUS_OK),
                    scored=int(n or 0),
                    criteria=len(self.criteria),
                    conflict=bool(conflict),
                )
                for pk, sid, title, org, country, category, conflict, n in session.execute(query)
            ]
        rows.sort(key=lambda p: _natural_key(p.submission_id))
        return rows

    def categories(self, projects: Sequence[DeskProject] | None = None) -> list[CategoryProgress]:
        """The categories the expert has projects in, in the edition's order, with counts."""
        projects = self.projects() if projects is None else projects
        counts: dict[str, list[int]] = {}
        for project in projects:
            done_assigned = counts.setdefault(project.category_key, [0, 0])
            done_assigned[0] += project.done
            done_assigned[1] += 1
        return [
            CategoryProgress(
                c.key, c.action_line, c.name.en, c.name.zh, counts[c.key][1], counts[c.key][0]
            )
            for c in self.workspace.edition.categories
            if c.key in counts
        ]

    def project(self, submission_id: str) -> DeskProject:
        for project in self.projects():
            if project.submission_id == submission_id:
                return project
        raise DeskRefused(
            N_("project {submission_id} is not assigned to {expert_code}"),
            submission_id=submission_id,
            expert_code=self.expert_code,
        )

    def detail(self, submission_id: str) -> SubmissionDetail | None:
        return submission_detail(self.workspace, submission_id)

    def review(self, submission_id: str) -> ProjectReview:
        with self.workspace.sessions() as session:
            pk = self._assigned_pk(session, submission_id)
            review = self._find_review(session, pk)
            return self._view(submission_id, review)

    def resume_at(self, projects: Sequence[DeskProject] | None = None) -> str | None:
        """Where the expert left off: the project changed last, else the first one not done."""
        with self.workspace.sessions() as session:
            last = session.execute(
                select(Submission.submission_id)
                .join(Review, Review.submission_pk == Submission.id)
                .join(
                    Assignment,
                    (Assignment.submission_pk == Submission.id)
                    & (Assignment.expert_pk == Review.expert_pk)
                    & (Assignment.round == Review.round),
                )
                .where(
                    Review.expert_pk == self.expert_pk,
                    Review.round == self.round,
                    Review.origin == ORIGIN,
                )
                .order_by(Review.updated_at.desc(), Review.id.desc())
                .limit(1)
            ).scalar()
        if last is not None:
            return str(last)
        projects = self.projects() if projects is None else projects
        following = next_unfinished(projects, None)
        if following is not None:
            return following.submission_id
        return projects[0].submission_id if projects else None

    # --- changes (each one transaction, one audit entry) ---------------------------------
    def set_score(self, submission_id: str, criterion_key: str, value: int | None) -> ProjectReview:
        """Score one criterion (None: blank it again)."""
        criterion = self._criterion(criterion_key)
        if value is not None and not (criterion.scale.minimum <= value <= criterion.scale.maximum):
            raise DeskRefused(
                N_("{value} is off the scale of {criterion!r}: expected {minimum} to {maximum}"),
                value=value,
                criterion=criterion.name.en,
                minimum=criterion.scale.minimum,
                maximum=criterion.scale.maximum,
            )
        with self.workspace.transaction() as session:
            review = self._open_review(session, submission_id)
            if review.conflict_declared:
                raise DeskRefused(
                    N_(
                        "project {submission_id}: a conflict of interest is declared, so its "
                        "scores are locked"
                    ),
                    submission_id=submission_id,
                )
            score = next(s for s in review.scores if s.criterion_key == criterion_key)
            if score.value != value:
                self._audit(
                    session,
                    "review.scored",
                    submission_id,
                    {"criterion": criterion_key, "value": score.value},
                    {"criterion": criterion_key, "value": value},
                )
                score.value = value
                self._touch(review)
            return self._view(submission_id, review)

    def set_gate(self, submission_id: str, gate: int, answer: bool | None) -> ProjectReview:
        """Answer the gate `gate` (0-based, the edition's order): met (True), failed
        (False), or unanswered again (None)."""
        if not 0 <= gate < len(self.gates):
            raise DeskRefused(
                N_("no gate {gate} in the {round} round (it asks {count})"),
                gate=gate + 1,
                round=self.round,
                count=len(self.gates),
            )
        with self.workspace.transaction() as session:
            review = self._open_review(session, submission_id)
            if review.conflict_declared:
                raise DeskRefused(
                    N_(
                        "project {submission_id}: a conflict of interest is declared, so its "
                        "gates are locked"
                    ),
                    submission_id=submission_id,
                )
            answers = self._answers(review)
            if answers[gate] != answer:
                self._audit(
                    session,
                    "review.gate",
                    submission_id,
                    {"gate": gate + 1, "answer": answers[gate]},
                    {"gate": gate + 1, "answer": answer},
                )
                answers[gate] = answer
                review.gates = answers  # a new list: the JSON column sees the change
                self._touch(review)
            return self._view(submission_id, review)

    def _answers(self, review: Review | None) -> list[bool | None]:
        """The review's answers, one per gate of the round (unanswered: None)."""
        given = list(review.gates or ()) if review is not None else []
        given = given[: len(self.gates)]
        return given + [None] * (len(self.gates) - len(given))

    def set_comment(self, submission_id: str, comment: str) -> ProjectReview:
        with self.workspace.transaction() as session:
            review = self._open_review(session, submission_id)
            if review.comment != comment:
                self._audit(
                    session,
                    "review.commented",
                    submission_id,
                    {"comment": review.comment},
                    {"comment": comment},
                )
                review.comment = comment
                self._touch(review)
            return self._view(submission_id, review)

    def set_confidence(self, submission_id: str, confidence: str | None) -> ProjectReview:
        if confidence is not None and confidence not in CONFIDENCES:
            raise DeskRefused(
                N_("confidence {confidence!r}: expected one of {CONFIDENCES}"),
                confidence=confidence,
                CONFIDENCES=", ".join(CONFIDENCES),
            )
        with self.workspace.transaction() as session:
            review = self._open_review(session, submission_id)
            if review.confidence != confidence:
                self._audit(
                    session,
                    "review.confidence",
                    submission_id,
                    {"confidence": review.confidence},
                    {"confidence": confidence},
                )
                review.confidence = confidence
                self._touch(review)
            return self._view(submission_id, review)

    def declare_conflict(self, submission_id: str, declared: bool = True) -> ProjectReview:
        """Declare a conflict of interest (clearing and locking the scores), or withdraw it."""
        with self.workspace.transaction() as session:
            review = self._open_review(session, submission_id)
            if review.conflict_declared == declared:
                return self._view(submission_id, review)
            before = self._view(submission_id, review)
            self._audit(
                session,
                "review.conflict_declared" if declared else "review.conflict_withdrawn",
                submission_id,
                {"conflict_declared": not declared, "scores": before.scores},
                {"conflict_declared": declared},
            )
            review.conflict_declared = declared
            if declared:
                for score in review.scores:
                    score.value = None
                if review.gates:
                    review.gates = [None] * len(review.gates)
            self._touch(review)
            return self._view(submission_id, review)

    # --- helpers -------------------------------------------------------------------------
    def _criterion(self, key: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        known = ", ".join(c.key for c in self.criteria)
        raise DeskRefused(
            N_("no criterion {key!r} in this edition; expected one of {known}"),
            key=key,
            known=known,
        )

    def _assigned_pk(self, session: Session, submission_id: str) -> int:
        pk = session.execute(
            select(Submission.id)
            .join(Assignment, Assignment.submission_pk == Submission.id)
            .where(
                Submission.submission_id == submission_id,
                Assignment.expert_pk == self.expert_pk,
                Assignment.round == self.round,
            )
        ).scalar()
        if pk is None:
            raise DeskRefused(
                N_("project {submission_id} is not assigned to {expert_code}"),
                submission_id=submission_id,
                expert_code=self.expert_code,
            )
        return int(pk)

    def _find_review(self, session: Session, submission_pk: int) -> Review | None:
        return session.scalars(
            select(Review).where(
                Review.expert_pk == self.expert_pk,
                Review.submission_pk == submission_pk,
                Review.round == self.round,
            )
        ).first()

    def _open_review(self, session: Session, submission_id: str) -> Review:
        """The review row, created (every criterion blank) on the first change."""
        pk = self._assigned_pk(session, submission_id)
        review = self._find_review(session, pk)
        if review is None:
            review = Review(
                expert_pk=self.expert_pk,
                submission_pk=pk,
                round=self.round,
                origin=ORIGIN,
                comment="",
                confidence=None,
                conflict_declared=False,
                abstained=False,
                scores=[Score(criterion_key=c.key, value=None) for c in self.criteria],
            )
            session.add(review)
        else:
            # A review from elsewhere (a workbook) may lack criteria: add them blank.
            present = {s.criterion_key for s in review.scores}
            review.scores.extend(
                Score(criterion_key=c.key, value=None)
                for c in self.criteria
                if c.key not in present
            )
        return review

    def _touch(self, review: Review) -> None:
        # Set even when only a Score changed: `resume_at` reads it; typed here, so "app".
        review.updated_at = utc_now()
        review.origin = ORIGIN

    def _view(self, submission_id: str, review: Review | None) -> ProjectReview:
        values: dict[str, int | None] = dict.fromkeys((c.key for c in self.criteria), None)
        if review is None:
            return ProjectReview(submission_id, values, "", None, False, tuple(self._answers(None)))
        for score in review.scores:
            if score.criterion_key in values:
                values[score.criterion_key] = score.value
        return ProjectReview(
            submission_id,
            values,
            review.comment or "",
            review.confidence,
            review.conflict_declared,
            tuple(self._answers(review)),
        )

    def _audit(
        self,
        session: Session,
        action: str,
        submission_id: str,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        record_change(
            session,
            actor=self.actor,
            action=action,
            entity="review",
            entity_id=f"{self.expert_code}/{submission_id}/{self.round}",
            before=before,
            after=after,
        )


def with_review(project: DeskProject, review: ProjectReview) -> DeskProject:
    """The list row after a change, without asking the database again."""
    scored = sum(v is not None for v in review.scores.values())
    return replace(project, scored=scored, conflict=review.conflict_declared)


def next_unfinished(
    projects: Sequence[DeskProject], current: str | None, step: int = 1
) -> DeskProject | None:
    """The next (step 1) or previous (step -1) project not done, in `projects`' order,
    wrapping around; None when every one is done (the current one aside)."""
    if not projects:
        return None
    ids = [p.submission_id for p in projects]
    start = ids.index(current) if current in ids else (-1 if step > 0 else len(ids))
    for offset in range(1, len(projects) + 1):
        candidate = projects[(start + step * offset) % len(projects)]
        if not candidate.done and candidate.submission_id != current:
            return candidate
    return None


def progress(projects: Sequence[DeskProject]) -> tuple[int, int]:
    """(done, assigned)."""
    return sum(p.done for p in projects), len(projects)


def _natural_key(text: str) -> tuple[int, int | str]:
    return (0, int(text)) if text.isdigit() else (1, text)
