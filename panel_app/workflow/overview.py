"""What is in a workspace: counts per category and status, submission lists and details.

Plain results for the CLI and the window alike; nothing here knows about widgets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from panel_app.edition import LocalizedText, PhaseDay
from panel_app.store.models import (
    Assignment,
    Expert,
    ListFreeze,
    Review,
    RuleFinding,
    Score,
    Submission,
)
from panel_app.workflow.workspace import OpenWorkspace

# A submission's status, from the strongest finding or decision that applies to it.
STATUS_INELIGIBLE = "ineligible"
STATUS_WARNING = "flagged"
STATUS_OK = "eligible"
STATUSES = (STATUS_OK, STATUS_WARNING, STATUS_INELIGIBLE)


@dataclass(frozen=True)
class CategoryCount:
    key: str
    action_line: str
    number: int
    name_en: str
    name_zh: str
    submissions: int
    by_status: dict[str, int]
    reviews: int  # of its nomination-round assignments, those returned (see returned_reviews)
    nominees: int
    # The panel, nomination round: experts who review the category, assignments, and the
    # returned reviews that carry scores (not a declared conflict, not an abstention).
    experts: int = 0
    assignments: int = 0
    reviews_scored: int = 0


@dataclass(frozen=True)
class WorkspaceSummary:
    workspace: str
    edition_key: str
    edition_year: int
    submissions: int
    by_status: dict[str, int]
    categories: list[CategoryCount]
    experts: int = 0  # each expert once, however many categories they review
    assignments: int = 0
    reviews: int = 0
    reviews_scored: int = 0
    # Where today falls in the edition's phases, and the next date (None: no phases).
    phase: PhaseDay | None = None

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.phase is not None:
            data["phase"]["words"] = self.phase.in_words()
            data["phase"]["next_date"] = self.phase.next_date
        return data


def _status_by_submission(session: Any) -> dict[int, str]:
    """Submission pk -> status, for submissions with an open (not overruled) finding."""
    statuses: dict[int, str] = {}
    rows = session.execute(
        select(
            RuleFinding.submission_pk, RuleFinding.related_submission_pk, RuleFinding.severity
        ).where(RuleFinding.overruled_at.is_(None))
    )
    for pk, related_pk, severity in rows:
        # a pair rule's finding (same entity, same project) marks both submissions
        for marked in (pk, related_pk) if related_pk is not None else (pk,):
            if severity == STATUS_INELIGIBLE:
                statuses[marked] = STATUS_INELIGIBLE
            else:
                statuses.setdefault(marked, STATUS_WARNING)
    return statuses


def submission_statuses(session: Any) -> dict[int, str]:
    """Submission pk -> status (flagged, ineligible) for submissions with an open finding."""
    return _status_by_submission(session)


def _status_counts(session: Any, category_keys: list[str]) -> dict[str, dict[str, int]]:
    """Category key -> status -> submissions: each category counted in SQL, then the few
    submissions with an open finding moved from eligible to their status (at 100k rows,
    5 ms where reading every submission's category took 100)."""
    per_category = {key: dict.fromkeys(STATUSES, 0) for key in category_keys}
    connection = session.connection()
    counted = select(Submission.category_key, func.count(Submission.id)).group_by(
        Submission.category_key
    )
    for category_key, count in connection.execute(counted):
        per_category.setdefault(category_key, dict.fromkeys(STATUSES, 0))[STATUS_OK] += count
    statuses = _status_by_submission(session)
    if statuses:
        marked = select(Submission.id, Submission.category_key).where(
            Submission.id.in_(
                select(RuleFinding.submission_pk)
                .where(RuleFinding.overruled_at.is_(None))
                .union(
                    select(RuleFinding.related_submission_pk).where(
                        RuleFinding.overruled_at.is_(None),
                        RuleFinding.related_submission_pk.is_not(None),
                    )
                )
            )
        )
        for pk, category_key in connection.execute(marked):
            counts = per_category[category_key]
            counts[STATUS_OK] -= 1
            counts[statuses[pk]] += 1
    return per_category


def _frozen_nominees(session: Any) -> dict[str, int]:
    """Nominees per category on the frozen list; none until the chair freezes one."""
    freeze = session.scalars(
        select(ListFreeze).where(ListFreeze.stage == "nominee", ListFreeze.unfrozen_at.is_(None))
    ).first()
    counts: dict[str, int] = {}
    for row in freeze.snapshot if freeze is not None else ():
        counts[row["category_key"]] = counts.get(row["category_key"], 0) + 1
    return counts


def summarise(workspace: OpenWorkspace, *, now: datetime | None = None) -> WorkspaceSummary:
    """Counts per category and status, the panel's, and where today falls in the phases
    (`now`: another moment, for a test)."""
    edition = workspace.edition
    with workspace.sessions() as session:
        per_category = _status_counts(session, [c.key for c in edition.categories])
        panel = _panel_counts(session)
        nominees = _frozen_nominees(session)
    categories = [
        CategoryCount(
            key=c.key,
            action_line=c.action_line,
            number=c.number,
            name_en=c.name.en,
            name_zh=c.name.zh,
            submissions=sum(per_category[c.key].values()),
            by_status=per_category[c.key],
            reviews=panel.reviews.get(c.key, 0),
            nominees=int(nominees.get(c.key, 0)),
            experts=panel.experts.get(c.key, 0),
            assignments=panel.assignments.get(c.key, 0),
            reviews_scored=panel.scored.get(c.key, 0),
        )
        for c in edition.categories
    ]
    totals = dict.fromkeys(STATUSES, 0)
    for counts in per_category.values():
        for status, n in counts.items():
            totals[status] += n
    return WorkspaceSummary(
        workspace=workspace.location.display,
        edition_key=edition.key,
        edition_year=edition.year,
        submissions=sum(totals.values()),
        by_status=totals,
        categories=categories,
        experts=panel.total_experts,
        assignments=sum(panel.assignments.values()),
        reviews=sum(panel.reviews.values()),
        reviews_scored=sum(panel.scored.values()),
        phase=edition.phase_on(edition.today(now)) if edition.phases else None,
    )


@dataclass(frozen=True)
class _PanelCounts:
    experts: dict[str, int]  # category key -> count
    assignments: dict[str, int]
    reviews: dict[str, int]
    scored: dict[str, int]
    total_experts: int


def review_answered() -> ColumnElement[bool]:
    """A review the expert has answered: a score given, a conflict declared, or an
    abstention. A row holding only a comment or a confidence is not (the workbook's
    "not returned" row, docs/formats/review-workbook.md)."""
    scored = exists().where(Score.review_pk == Review.id, Score.value.is_not(None))
    return or_(Review.conflict_declared.is_(True), Review.abstained.is_(True), scored)


def returned_reviews(round_: str) -> Select[tuple[int, int, bool]]:
    """(expert pk, submission pk, holds no scores) of each assignment of the round whose
    review is returned: the one definition behind every "N of M reviews returned" (the
    window's status bar and `panel-app summary` by category, `panel-app coverage` by
    expert and project), so they cannot disagree. A review without an assignment (one
    taken back) is not counted: M is the assignments."""
    declined = or_(Review.conflict_declared.is_(True), Review.abstained.is_(True))
    return (
        select(Assignment.expert_pk, Assignment.submission_pk, declined.label("declined"))
        .join(
            Review,
            and_(
                Review.expert_pk == Assignment.expert_pk,
                Review.submission_pk == Assignment.submission_pk,
                Review.round == Assignment.round,
            ),
        )
        .where(Assignment.round == round_, review_answered())
    )


def _panel_counts(session: Any, round_: str = "nomination") -> _PanelCounts:
    assignments = {
        key: int(n)
        for key, n in session.execute(
            select(Submission.category_key, func.count(Assignment.id))
            .join(Assignment, Assignment.submission_pk == Submission.id)
            .where(Assignment.round == round_)
            .group_by(Submission.category_key)
        )
    }
    returned = returned_reviews(round_).subquery()
    reviews: dict[str, int] = {}
    scored: dict[str, int] = {}
    for key, declined, n in session.execute(
        select(Submission.category_key, returned.c.declined, func.count())
        .join(returned, returned.c.submission_pk == Submission.id)
        .group_by(Submission.category_key, returned.c.declined)
    ):
        reviews[key] = reviews.get(key, 0) + int(n)
        if not declined:
            scored[key] = scored.get(key, 0) + int(n)

    experts: dict[str, int] = {}
    total = 0
    for keys in session.scalars(select(Expert.category_keys)):
        total += 1
        for key in keys:
            experts[str(key)] = experts.get(str(key), 0) + 1
    return _PanelCounts(
        experts=experts,
        assignments=assignments,
        reviews=reviews,
        scored=scored,
        total_experts=total,
    )


class SubmissionListItem(NamedTuple):
    """One row of the submission list: a named tuple, which 100k rows are made of in a
    fifth of the time frozen dataclasses take."""

    submission_id: str
    title: str
    organisation: str
    country: str
    category_key: str
    status: str


def list_submissions(
    workspace: OpenWorkspace, category_key: str | None = None
) -> list[SubmissionListItem]:
    """Submissions (of one category, or all), ordered by Submission ID as a person reads it.

    The columns read are the ones SQLite keeps at the start of a row: a column stored after
    the long texts (the submission date, say) would make it read every row's overflow
    pages, ~12 kB a submission (docs/benchmarks.md, "The chair's window at 100k rows").
    """
    query = select(
        Submission.id,
        Submission.submission_id,
        Submission.title,
        Submission.organisation,
        Submission.country,
        Submission.category_key,
    )
    if category_key is not None:
        query = query.where(Submission.category_key == category_key)
    with workspace.sessions() as session:
        statuses = _status_by_submission(session)
        # Through the connection: plain rows, without the ORM's handling of each (a third
        # of the time at 100k rows).
        rows = session.connection().execute(query).all()
    make = SubmissionListItem._make
    items = [
        make((sid, title, org, country, cat, statuses.get(pk, STATUS_OK)))
        for pk, sid, title, org, country, cat in rows
    ]
    ids = [item.submission_id for item in items]
    keys: list[Any] = (
        list(map(int, ids)) if all(map(str.isdigit, ids)) else list(map(_natural_key, ids))
    )
    return [items[i] for i in sorted(range(len(items)), key=keys.__getitem__)]


def _natural_key(text: str) -> tuple[int, int | str]:
    return (0, int(text)) if text.isdigit() else (1, text)


# The sections of a submission, in the order a reader expects them.
DETAIL_SECTIONS: tuple[tuple[str, str], ...] = (
    ("summary", "Project summary"),
    ("sdg_linkage", "Action line and SDG linkage"),
    ("impact", "Impact"),
    ("partnerships", "Partnerships"),
    ("challenges", "Challenges and future"),
)


@dataclass(frozen=True)
class FindingView:
    rule_id: str
    severity: str
    evidence: str
    overruled_reason: str | None
    id: int = 0  # the finding's id, for an overrule
    # The other submission of a pair rule (a duplicate, the same entity), seen from this one.
    related_submission_id: str | None = None
    # The English template and its parameters, for a window that shows another language.
    template: str = ""
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SubmissionDetail:
    submission_id: str
    title: str
    organisation: str
    stakeholder_type: str
    country: str
    category_key: str
    category_name_en: str
    category_name_zh: str
    sdgs: tuple[int, ...]
    project_status: str
    website: str
    contact_name: str
    contact_email: str
    submitted_at: datetime | None
    sections: tuple[tuple[str, str, str], ...]  # (field, English heading, text)
    extra: dict[str, str]
    findings: tuple[FindingView, ...]
    source: str  # "file.xlsx, row 12"
    timezone: str  # the edition's, for showing times as the rules state them
    # Words per section, counted as the rule checks count them (panel_app.rules.words).
    words: dict[str, int] = field(default_factory=dict)
    # The edition's short names of `sdgs`, in the same order (an unknown number: none).
    sdg_names: tuple[LocalizedText | None, ...] = ()
    # `source` in parts, for a window that words it in another language.
    source_file: str = ""
    source_row: int | None = None
    # The stakeholder type as the edition names it (None: the answer matches none of them).
    stakeholder_name: LocalizedText | None = None


def _stakeholder_name(workspace: OpenWorkspace, answer: str) -> LocalizedText | None:
    kind = workspace.edition.resolve_stakeholder_type(answer) if answer else None
    return kind.name if kind is not None else None


def _findings_of(session: Any, submission_pk: int) -> tuple[FindingView, ...]:
    """The findings on a submission, and those of pair rules that name it as the other one."""
    this, other = aliased(Submission), aliased(Submission)
    query = (
        select(RuleFinding, this.submission_id, other.submission_id)
        .join(this, this.id == RuleFinding.submission_pk)
        .outerjoin(other, other.id == RuleFinding.related_submission_pk)
        .where(
            or_(
                RuleFinding.submission_pk == submission_pk,
                RuleFinding.related_submission_pk == submission_pk,
            )
        )
        .order_by(RuleFinding.id)
    )
    views = []
    for finding, own_id, related_id in session.execute(query):
        # Seen from the related submission, the pair's other member is the finding's own one.
        partner = related_id if finding.submission_pk == submission_pk else own_id
        views.append(
            FindingView(
                finding.rule_id,
                finding.severity,
                finding.evidence,
                finding.overruled_reason,
                id=finding.id,
                related_submission_id=partner,
                template=finding.template,
                params=dict(finding.params or {}),
            )
        )
    return tuple(views)


def submission_detail(workspace: OpenWorkspace, submission_id: str) -> SubmissionDetail | None:
    # Here, not at the top: panel_app.rules loads numpy and rapidfuzz, which the windows'
    # start need not wait for (docs/benchmarks.md, cold start).
    from panel_app.rules.words import count_words

    with workspace.sessions() as session:
        row = session.scalars(
            select(Submission).where(Submission.submission_id == submission_id)
        ).first()
        if row is None:
            return None
        findings = _findings_of(session, row.id)
        category = next(
            (c for c in workspace.edition.categories if c.key == row.category_key), None
        )
        sdg_names = {sdg.number: sdg.name for sdg in workspace.edition.sdgs}
        return SubmissionDetail(
            submission_id=row.submission_id,
            title=row.title,
            organisation=row.organisation,
            stakeholder_type=row.stakeholder_type,
            country=row.country,
            category_key=row.category_key,
            category_name_en=category.name.en if category else row.category_key,
            category_name_zh=category.name.zh if category else row.category_key,
            sdgs=tuple(row.sdgs),
            project_status=row.project_status,
            website=row.website,
            contact_name=row.contact_name,
            contact_email=row.contact_email,
            submitted_at=row.submitted_at,
            sections=tuple(
                (name, heading, getattr(row, name)) for name, heading in DETAIL_SECTIONS
            ),
            extra={str(k): str(v) for k, v in row.extra.items()},
            findings=findings,
            source=f"{row.source_file}, row {row.source_row}",
            timezone=workspace.edition.timezone,
            words={name: count_words(getattr(row, name)) for name, _ in DETAIL_SECTIONS},
            sdg_names=tuple(sdg_names.get(n) for n in row.sdgs),
            stakeholder_name=_stakeholder_name(workspace, row.stakeholder_type),
            source_file=row.source_file,
            source_row=row.source_row,
        )
