"""What is in a workspace: counts per category and status, submission lists and details.

Plain results for the CLI and the window alike; nothing here knows about widgets.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from panel_app.rules.words import count_words
from panel_app.store.models import Decision, Review, RuleFinding, Submission
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
    reviews: int
    nominees: int


@dataclass(frozen=True)
class WorkspaceSummary:
    workspace: str
    edition_key: str
    edition_year: int
    submissions: int
    by_status: dict[str, int]
    categories: list[CategoryCount]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


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


def summarise(workspace: OpenWorkspace) -> WorkspaceSummary:
    edition = workspace.edition
    with workspace.sessions() as session:
        statuses = _status_by_submission(session)
        per_category: dict[str, dict[str, int]] = {
            c.key: dict.fromkeys(STATUSES, 0) for c in edition.categories
        }
        for pk, category_key in session.execute(select(Submission.id, Submission.category_key)):
            counts = per_category.setdefault(category_key, dict.fromkeys(STATUSES, 0))
            counts[statuses.get(pk, STATUS_OK)] += 1
        reviews = {
            key: int(n)
            for key, n in session.execute(
                select(Submission.category_key, func.count(Review.id))
                .join(Review, Review.submission_pk == Submission.id)
                .group_by(Submission.category_key)
            )
        }
        nominees = {
            key: int(n)
            for key, n in session.execute(
                select(Decision.category_key, func.count(Decision.id))
                .where(Decision.stage == "nominee", Decision.outcome == "selected")
                .group_by(Decision.category_key)
            )
        }
    categories = [
        CategoryCount(
            key=c.key,
            action_line=c.action_line,
            number=c.number,
            name_en=c.name.en,
            name_zh=c.name.zh,
            submissions=sum(per_category[c.key].values()),
            by_status=per_category[c.key],
            reviews=int(reviews.get(c.key, 0)),
            nominees=int(nominees.get(c.key, 0)),
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
    )


@dataclass(frozen=True)
class SubmissionListItem:
    submission_id: str
    title: str
    organisation: str
    country: str
    category_key: str
    status: str
    submitted_at: datetime | None


def list_submissions(
    workspace: OpenWorkspace, category_key: str | None = None
) -> list[SubmissionListItem]:
    """Submissions (of one category, or all), ordered by Submission ID as a person reads it."""
    query = select(
        Submission.id,
        Submission.submission_id,
        Submission.title,
        Submission.organisation,
        Submission.country,
        Submission.category_key,
        Submission.submitted_at,
    )
    if category_key is not None:
        query = query.where(Submission.category_key == category_key)
    with workspace.sessions() as session:
        statuses = _status_by_submission(session)
        items = [
            SubmissionListItem(sid, title, org, country, cat, statuses.get(pk, STATUS_OK), at)
            for pk, sid, title, org, country, cat, at in session.execute(query)
        ]
    items.sort(key=lambda item: _natural_key(item.submission_id))
    return items


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


def submission_detail(workspace: OpenWorkspace, submission_id: str) -> SubmissionDetail | None:
    with workspace.sessions() as session:
        row = session.scalars(
            select(Submission).where(Submission.submission_id == submission_id)
        ).first()
        if row is None:
            return None
        findings = tuple(
            FindingView(f.rule_id, f.severity, f.evidence, f.overruled_reason) for f in row.findings
        )
        category = next(
            (c for c in workspace.edition.categories if c.key == row.category_key), None
        )
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
        )
