"""The expert's side: a package opened into the expert's own workspace, and the scored
workbook exported from it, signed.

The expert's workspace is an ordinary workspace file on the laptop holding only that
expert's projects (their texts), the expert, the assignments and the package's key, the
latter among the workspace's secrets (store/secret.py), never in the audit log (which
records the opening: "review_package.opened"). Scores a package already holds are loaded
as reviews; a copy of the package a spreadsheet program saved has lost the key, so it is
taken (its scores) only into a workspace where the package itself was opened. Each export
numbers a new revision and signs the scores with the key; the key itself is never written
to an exported workbook.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from panel_app import __version__, i18n
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
from panel_app.rules.entities import id_order
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import Assignment, AuditEntry, Expert, Review, Submission, utc_now
from panel_app.store.secret import keep_secret, read_secret
from panel_app.workflow.review.merge import HAND_EDITED, store_reviews
from panel_app.workflow.review.package_log import OPENED, PACKAGE_ENTITY
from panel_app.workflow.review.packages import package_project
from panel_app.workflow.rounds import ROUNDS, criteria_of, gates_of
from panel_app.workflow.workspace import (
    OpenWorkspace,
    WorkspaceLocation,
    open_workspace,
    workspace_exists,
)

EXPORTED = "review_package.exported"


def package_key_name(package_id: str) -> str:
    """Where the expert's workspace keeps an opened package's key (store/secret.py)."""
    return f"package-key:{package_id}"


# (steps done, steps in all; 0 while not yet known): for a progress bar.
Progress = Callable[[int, int], None]


class PackageCancelled(Exception):
    """The person cancelled opening a package or exporting scores; nothing was written."""


def _check(cancelled: Callable[[], bool] | None, what: str) -> None:
    if cancelled is not None and cancelled():
        raise PackageCancelled(f"{what} cancelled; nothing was written")


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
    projects: int = 0  # assigned in the package's round
    scored: int = 0  # every criterion scored
    conflicts: int = 0  # a conflict of interest declared

    @property
    def unscored(self) -> int:
        """Projects with a criterion still blank (and no conflict declared)."""
        return self.projects - self.scored - self.conflicts


@dataclass(frozen=True)
class _Package:
    package_id: str
    expert_code: str
    expert_name: str
    round: str
    key: bytes
    revision: int
    language: str | None = None  # the package's (opened before format version 4: none)


def open_package(
    location: WorkspaceLocation,
    path: Path,
    *,
    actor: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> OpenedPackage:
    """Load a package into the expert's workspace at `location` (created if needed).

    `progress` hears (projects stored, projects in all); `cancelled` is asked between
    steps, and a cancel (PackageCancelled) rolls the whole load back: a workspace that
    existed is left as it was, one made for this package is removed again.
    """
    actor = actor or current_actor()
    report = progress or (lambda _done, _total: None)
    report(0, 0)
    # The package is read before any workspace is made: a refused file leaves none behind.
    book = read_review_workbook(
        path, _package_criteria, with_projects=True, gates_for=_package_gates
    )
    info = book.info
    name = path.name
    if book.signing_key is None and (info.revision > 0 or book.signature):
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
    if info.format_version == 1:
        raise InputRefused(
            [
                Problem(
                    "package.key_readable",
                    "The package was written by an earlier version of panel-app, which kept "
                    "its signing key in the workbook where a spreadsheet program leaves it "
                    "readable: the chair's app does not trust scores signed with it",
                    file=name,
                    expected="a new package: the chair writes the packages again with this "
                    "version (`panel-app packages`), which issues a new one",
                )
            ],
            subject=name,
        )
    if book.problems:
        raise InputRefused(book.all_problems(), subject=name)
    what = f"opening {name}"
    _check(cancelled, what)
    total = len(book.projects) + 1  # the last step: assignments, reviews, the audit log
    report(0, total)
    created = not workspace_exists(location)
    try:
        added, reviews = _load_package(
            location, book, actor, lambda done: report(done, total), cancelled
        )
    except (PackageCancelled, InputRefused):
        if created:
            _remove_workspace_file(location)
        raise
    report(total, total)
    return OpenedPackage(
        location.display,
        info.expert_code,
        info.round,
        info.package_id,
        len(book.projects),
        added,
        reviews,
    )


def _load_package(
    location: WorkspaceLocation,
    book: ReturnedWorkbook,
    actor: str,
    stored: Callable[[int], None],
    cancelled: Callable[[], bool] | None,
) -> tuple[int, int]:
    """(projects added, reviews loaded), in one transaction."""
    info, name = book.info, book.path.name
    what = f"opening {name}"
    with (
        open_workspace(
            location, create=True, edition_key=info.edition_key, actor=actor
        ) as workspace,
        workspace.transaction() as session,
    ):
        expert = _the_expert(session, info, name)
        # The expert's language on this laptop is the package's: the export speaks it too.
        expert.language = info.language
        if book.signing_key is None and not _opened(session, info.package_id):
            raise InputRefused(
                [
                    Problem(
                        "package.key_dropped",
                        "The workbook carries no signing key: a spreadsheet program leaves "
                        "the package's key out when it saves the workbook",
                        file=name,
                        expected="the package as the chair sent it, opened first; then this "
                        "copy, to take the scores typed into it",
                    )
                ],
                subject=name,
            )
        added = _store_projects(session, book.projects, name, stored, cancelled, what)
        _store_assignments(session, expert.id, info.round, book.projects)
        reviews = _load_reviews(session, book, expert.id, actor)
        if book.signing_key is not None:
            keep_secret(session, package_key_name(info.package_id), book.signing_key)
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
                    "language": info.language,
                },
                note=f"opened from {name}; its key kept apart from this log",
            )
        _check(cancelled, what)  # the last moment: nothing is committed yet
    return added, reviews


def _remove_workspace_file(location: WorkspaceLocation) -> None:
    """A workspace this open made, and the cancel or refusal left empty, goes again."""
    if location.path is None:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{location.path}{suffix}").unlink(missing_ok=True)


def _package_gates(info: PackageInfo) -> int:
    edition = load_edition_by_key(info.edition_key)
    return len(gates_of(edition, info.round)) if info.round in ROUNDS else 0


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


def _store_projects(
    session: Session,
    projects: list[PackageProject],
    name: str,
    stored: Callable[[int], None],
    cancelled: Callable[[], bool] | None,
    what: str,
) -> int:
    known = set(session.scalars(select(Submission.submission_id)))
    added = 0
    for number, project in enumerate(projects, start=2):
        _check(cancelled, what)
        stored(number - 2)
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
                    expected=(
                        "the package the chair sent opened first (the desk's File > Open "
                        "package…, or `panel-app open-package FILE`)"
                    ),
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
    # Opened before schema 0007, a package's key was written into the audit log.
    key = read_secret(session, package_key_name(entry.entity_id))
    return _Package(
        entry.entity_id,
        str(after["expert"]),
        str(after.get("expert_name", "")),
        str(after["round"]),
        key if key is not None else bytes.fromhex(str(after["signing_key"])),
        max([int(after.get("revision", 0)), *exported]),
        str(after["language"]) if after.get("language") in i18n.CODES else None,
    )


EXPORT_STEPS = 3  # read the reviews, write the workbook, put it in place


def scored_workbook_path(name: str | Path) -> Path:
    """The file a person named for their scores, as a review workbook (.xlsx added)."""
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def export_scores_at(
    location: WorkspaceLocation,
    out: Path,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportedScores:
    """export_scores on its own connection to the workspace at `location`: for a worker
    thread, while the window keeps its connection on the UI thread."""
    with open_workspace(location) as workspace:
        return export_scores(workspace, out, progress=progress, cancelled=cancelled)


def export_scores(
    workspace: OpenWorkspace,
    out: Path,
    *,
    actor: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportedScores:
    """Write the scored workbook: the next revision, signed; recorded in the audit log.

    The workbook is written beside `out` and put in place last, in the transaction that
    records the revision: a cancel (PackageCancelled) leaves neither a file nor a revision.
    """
    actor = actor or current_actor()
    report = progress or (lambda _done, _total: None)
    what = f"exporting {out.name}"
    edition = workspace.edition
    report(0, EXPORT_STEPS)
    with workspace.transaction() as session:
        package = _package(session)
        criteria = criteria_of(edition, package.round)
        gates = gates_of(edition, package.round)
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
        # The scores go back in the package's language (the expert's, on this laptop).
        language = package.language or expert.language
        if language not in i18n.CODES:
            language = i18n.ENGLISH
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
            answers = list(review.gates or ())[: len(gates)]
            rows[submission.submission_id] = ScoreRow(
                submission.submission_id,
                tuple(values.get(c.key) for c in criteria),
                review.confidence,
                review.conflict_declared,
                normalise_comment(review.comment),
                tuple(answers + [None] * (len(gates) - len(answers))),
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
            gates=len(gates),
            language=language,
        )
        signature = sign_scores(package.key, info, rows.values())
        _check(cancelled, what)
        report(1, EXPORT_STEPS)
        written = out.with_name(f".{out.name}.export")
        try:
            write_review_workbook(
                written,
                info,
                criteria,
                [package_project(edition, s, language) for s in submissions],
                rows,
                gates=gates,
                signature=signature,
            )
            report(2, EXPORT_STEPS)
            _check(cancelled, what)
            os.replace(written, out)
        finally:
            written.unlink(missing_ok=True)
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
    report(EXPORT_STEPS, EXPORT_STEPS)
    scored = sum(
        1 for r in rows.values() if not r.conflict and all(v is not None for v in r.scores)
    )
    return ExportedScores(
        out,
        package.expert_code,
        package.package_id,
        info.revision,
        len(rows),
        projects=len(submissions),
        scored=scored,
        conflicts=sum(1 for r in rows.values() if r.conflict),
    )
