"""The expert's side: a package opened into the expert's own workspace, and the scored
workbook exported from it, signed.

The expert's workspace is an ordinary workspace file on the laptop holding only that
expert's projects (their texts), the expert, the assignments and the package's key, the
latter in the audit log ("review_package.opened"), as on the chair's side. Scores a
package already holds (filled in in Excel before the app was installed) are loaded as
reviews. Each export numbers a new revision and signs the scores with the key; the key
itself is never written to an exported workbook.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from panel_app import __version__
from panel_app.edition import Criterion, load_edition_by_key
from panel_app.formats.review_workbook import (
    PackageInfo,
    PackageProject,
    ReturnedWorkbook,
    ScoreRow,
    normalise_comment,
    read_review_workbook,
    scores_digest,
    sign_scores,
    write_review_workbook,
)
from panel_app.problems import InputRefused, Problem
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import Assignment, AuditEntry, Expert, Review, Submission, utc_now
from panel_app.workflow.merge import HAND_EDITED, store_reviews
from panel_app.workflow.packages import (
    PACKAGE_ENTITY,
    ROUNDS,
    criteria_of,
    id_order,
    package_project,
)
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace

OPENED = "review_package.opened"
EXPORTED = "review_package.exported"


@dataclass(frozen=True)
class OpenedPackage:
    workspace: str
    expert_code: str
    round: str
    package_id: str
    projects: int
    added: int  # projects new to this workspace
    reviews: int  # scores found in the package, loaded as reviews


@dataclass(frozen=True)
class ExportedScores:
    path: Path
    expert_code: str
    package_id: str
    revision: int
    reviews: int


@dataclass(frozen=True)
class _Package:
    package_id: str
    expert_code: str
    expert_name: str
    round: str
    key: bytes
    revision: int


def open_package(
    location: WorkspaceLocation, path: Path, *, actor: str | None = None
) -> OpenedPackage:
    """Load a package into the expert's workspace at `location` (created if needed)."""
    actor = actor or current_actor()
    # The package is read before any workspace is made: a refused file leaves none behind.
    book = read_review_workbook(path, _package_criteria, with_projects=True)
    info = book.info
    name = path.name
    if book.signing_key is None:
        raise InputRefused(
            [
                Problem(
                    "package.no_key",
                    "The workbook carries no signing key: it is a scored workbook exported by "
                    "the app, not the package the chair sent",
                    file=name,
                    expected="the package as the chair sent it",
                )
            ],
            subject=name,
        )
    if book.problems:
        raise InputRefused(book.all_problems(), subject=name)
    with (
        open_workspace(
            location, create=True, edition_key=info.edition_key, actor=actor
        ) as workspace,
        workspace.transaction() as session,
    ):
        expert = _the_expert(session, info, name)
        added = _store_projects(session, book.projects, name)
        _store_assignments(session, expert.id, info.round, book.projects)
        reviews = _load_reviews(session, book, expert.id, actor)
        if not _opened(session, info.package_id):
            record_change(
                session,
                actor=actor,
                action=OPENED,
                entity=PACKAGE_ENTITY,
                entity_id=info.package_id,
                after={
                    "expert": info.expert_code,
                    "expert_name": info.expert_name,
                    "round": info.round,
                    "revision": info.revision,
                    "signing_key": book.signing_key.hex(),
                },
                note=f"opened from {name}",
            )
    return OpenedPackage(
        location.display,
        info.expert_code,
        info.round,
        info.package_id,
        len(book.projects),
        added,
        reviews,
    )


def _package_criteria(info: PackageInfo) -> tuple[Criterion, ...] | None:
    edition = load_edition_by_key(info.edition_key)  # EditionError: an edition unknown here
    return criteria_of(edition, info.round) if info.round in ROUNDS else None


def _the_expert(session: Session, info: PackageInfo, name: str) -> Expert:
    experts = list(session.scalars(select(Expert)))
    others = [e.expert_code for e in experts if e.expert_code != info.expert_code]
    if others:
        raise InputRefused(
            [
                Problem(
                    "package.other_expert",
                    "This workspace holds the package of expert {other}, not of {expert}",
                    {"other": others[0], "expert": info.expert_code},
                    file=name,
                    expected="one workspace per expert: open it with another --workspace",
                )
            ],
            subject=name,
        )
    if experts:
        return experts[0]
    expert = Expert(expert_code=info.expert_code, name=info.expert_name)
    session.add(expert)
    session.flush()
    return expert


def _store_projects(session: Session, projects: list[PackageProject], name: str) -> int:
    known = set(session.scalars(select(Submission.submission_id)))
    added = 0
    for number, project in enumerate(projects, start=2):
        if project.submission_id in known:
            continue
        texts = "\x1f".join(project.values())
        session.add(
            Submission(
                submission_id=project.submission_id,
                title=project.title,
                organisation=project.organisation,
                stakeholder_type=project.stakeholder_type,
                country=project.country,
                category_key=project.category_key,
                sdgs=[int(n) for n in project.sdgs.split(",") if n.strip().isdigit()],
                summary=project.summary,
                sdg_linkage=project.sdg_linkage,
                impact=project.impact,
                partnerships=project.partnerships,
                challenges=project.challenges,
                project_status=project.project_status,
                website=project.website,
                contact_name="",
                contact_email="",
                content_sha256=hashlib.sha256(texts.encode()).hexdigest(),
                source_file=name,
                source_row=number,
            )
        )
        added += 1
    session.flush()
    return added


def _store_assignments(
    session: Session, expert_pk: int, round_key: str, projects: list[PackageProject]
) -> None:
    ids = {p.submission_id for p in projects}
    pks = session.scalars(select(Submission.id).where(Submission.submission_id.in_(ids)))
    have = set(
        session.scalars(
            select(Assignment.submission_pk).where(
                Assignment.expert_pk == expert_pk, Assignment.round == round_key
            )
        )
    )
    for pk in pks:
        if pk not in have:
            session.add(Assignment(expert_pk=expert_pk, submission_pk=pk, round=round_key))
    session.flush()


def _load_reviews(
    session: Session,
    book: ReturnedWorkbook,
    expert_pk: int,
    actor: str,
) -> int:
    """Scores typed into the package before it was opened become this laptop's reviews."""
    rows = [r for r in book.rows if not r.scores.is_blank()]
    if not rows:
        return 0
    counts = store_reviews(session, book.info, expert_pk, rows, HAND_EDITED, actor)
    return counts["added"] + counts["updated"]


def _opened(session: Session, package_id: str) -> bool:
    return (
        session.scalars(
            select(AuditEntry.id).where(
                AuditEntry.entity == PACKAGE_ENTITY,
                AuditEntry.entity_id == package_id,
                AuditEntry.action == OPENED,
            )
        ).first()
        is not None
    )


def _package(session: Session) -> _Package:
    entry = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity == PACKAGE_ENTITY, AuditEntry.action == OPENED)
        .order_by(AuditEntry.id.desc())
    ).first()
    if entry is None or not entry.after:
        raise InputRefused(
            [
                Problem(
                    "package.none_opened",
                    "No package was opened in this workspace",
                    expected="`panel-app open-package FILE` first, with the package the chair sent",
                )
            ],
            subject="export",
        )
    after = entry.after
    exported = [
        int((e.after or {}).get("revision", 0))
        for e in session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == PACKAGE_ENTITY,
                AuditEntry.entity_id == entry.entity_id,
                AuditEntry.action == EXPORTED,
            )
        )
    ]
    return _Package(
        entry.entity_id,
        str(after["expert"]),
        str(after.get("expert_name", "")),
        str(after["round"]),
        bytes.fromhex(str(after["signing_key"])),
        max([int(after.get("revision", 0)), *exported]),
    )


def export_scores(
    workspace: OpenWorkspace, out: Path, *, actor: str | None = None
) -> ExportedScores:
    """Write the scored workbook: the next revision, signed; recorded in the audit log."""
    actor = actor or current_actor()
    edition = workspace.edition
    with workspace.transaction() as session:
        package = _package(session)
        criteria = criteria_of(edition, package.round)
        expert = session.scalars(
            select(Expert).where(Expert.expert_code == package.expert_code)
        ).one()
        submissions = list(
            session.scalars(
                select(Submission)
                .join(Assignment, Assignment.submission_pk == Submission.id)
                .where(Assignment.expert_pk == expert.id, Assignment.round == package.round)
            )
        )
        submissions.sort(key=lambda s: id_order(s.submission_id))
        reviews = {
            r.submission_pk: r
            for r in session.scalars(
                select(Review)
                .options(selectinload(Review.scores))
                .where(Review.expert_pk == expert.id, Review.round == package.round)
            )
        }
        rows: dict[str, ScoreRow] = {}
        for submission in submissions:
            review = reviews.get(submission.id)
            if review is None:
                continue
            values = {s.criterion_key: s.value for s in review.scores}
            rows[submission.submission_id] = ScoreRow(
                submission.submission_id,
                tuple(values.get(c.key) for c in criteria),
                review.confidence,
                review.conflict_declared,
                normalise_comment(review.comment),
            )
        info = PackageInfo(
            edition_key=edition.key,
            round=package.round,
            expert_code=package.expert_code,
            expert_name=package.expert_name or expert.name,
            package_id=package.package_id,
            revision=package.revision + 1,
            criteria=tuple(c.key for c in criteria),
            written_at=utc_now(),
            written_by=f"panel-app {__version__}",
        )
        signature = sign_scores(package.key, info, rows.values())
        write_review_workbook(
            out,
            info,
            criteria,
            [package_project(edition, s) for s in submissions],
            rows,
            signature=signature,
        )
        record_change(
            session,
            actor=actor,
            action=EXPORTED,
            entity=PACKAGE_ENTITY,
            entity_id=package.package_id,
            after={
                "revision": info.revision,
                "digest": scores_digest(info, rows.values()),
                "file": out.name,
                "reviews": len(rows),
            },
        )
    return ExportedScores(out, package.expert_code, package.package_id, info.revision, len(rows))
