"""Review packages: one workbook per expert and round, with the expert's signing key.

A package is issued once per expert and round: its id is recorded in the audit log
("review_package.issued", entity "review_package", the id as entity_id), which the
chair's workspace keeps for good. Its signing key is not recorded anywhere: it is derived
from the package, the expert, the round and the workspace's secret (store/secret.py),
which never leaves the workspace, so each expert's package holds that expert's key only
and knowing it signs nothing of another expert's. Writing the packages again gives each
expert the same id and key with the current assignments, so a package re-sent to an
expert who lost it is harmless.

Packages issued before schema 0007 had a random key written into the audit log (readable
by whoever reads or exports the log) and into the package's metadata sheet (readable in
any copy a spreadsheet program saved): the merge does not trust signatures made with such
a key, and writing the packages again issues those experts a new package.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from panel_app import __version__, i18n
from panel_app.edition import Edition
from panel_app.formats.review_workbook import (
    PackageInfo,
    PackageProject,
    write_review_workbook,
)
from panel_app.rules.entities import id_order
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import Assignment, AuditEntry, Expert, Submission, utc_now
from panel_app.store.secret import read_secret, workspace_secret
from panel_app.workflow.changes import Touched
from panel_app.workflow.handover import finalist_ties
from panel_app.workflow.review.package_log import PACKAGE_ENTITY as PACKAGE_ENTITY
from panel_app.workflow.rounds import FINAL, criteria_of, gates_of
from panel_app.workflow.workspace import OpenWorkspace, WorkspaceLocation, open_workspace

ISSUED = "review_package.issued"
PACKAGE_REVISION = 0  # a package as sent: nothing scored yet
PACKAGE_SECRET = "review-packages"  # the workspace secret the keys are derived from
KEY_SOURCE = "derived from the workspace secret"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class IssuedPackage:
    package_id: str
    expert_code: str
    round: str
    key: bytes
    # Issued before schema 0007: the key is written in the audit log and was written in
    # the package's metadata sheet, so a signature made with it proves nothing.
    readable: bool = False


@dataclass(frozen=True)
class PackageFile:
    expert_code: str
    path: Path
    projects: int
    package_id: str
    newly_issued: bool
    replaces: str | None = None  # the package issued before 0007 this one takes over from
    language: str = i18n.ENGLISH  # what it is written in
    language_chosen: bool = False  # the chair's choice: the expert list gives none


@dataclass(frozen=True)
class PackagesResult:
    round: str
    files: tuple[PackageFile, ...]
    experts: int = 0  # with assignments in the round: more than files when cancelled
    cancelled: bool = False
    notes: tuple[str, ...] = ()  # what the chair must know: a finalist tie not settled yet
    language: str = i18n.ENGLISH  # the chair's choice, for experts the list gives none

    @property
    def touched(self) -> Touched:
        return Touched.PACKAGES if self.files else Touched.NOTHING


def issued_packages(session: Session, package_ids: Iterable[str] | None = None) -> list[
    IssuedPackage
]:  # fmt: skip
    """The packages issued in this workspace (or those of `package_ids`), oldest first."""
    query = select(AuditEntry).where(
        AuditEntry.entity == PACKAGE_ENTITY, AuditEntry.action == ISSUED
    )
    if package_ids is not None:
        query = query.where(AuditEntry.entity_id.in_(list(package_ids)))
    packages = []
    secret: bytes | None = None
    for entry in session.scalars(query.order_by(AuditEntry.id)):
        after = entry.after or {}
        expert, round_key = str(after["expert"]), str(after["round"])
        if "signing_key" in after:  # issued before schema 0007
            key, readable = bytes.fromhex(str(after["signing_key"])), True
        else:
            secret = secret or read_secret(session, PACKAGE_SECRET)
            if secret is None:  # pragma: no cover - made in the issuing transaction
                raise RuntimeError("the workspace's package secret is missing")
            key, readable = package_key(secret, entry.entity_id, expert, round_key), False
        packages.append(IssuedPackage(entry.entity_id, expert, round_key, key, readable))
    return packages


def package_key(secret: bytes, package_id: str, expert_code: str, round_key: str) -> bytes:
    """The package's signing key: HMAC-SHA256 of whose package it is, with the workspace
    secret. Another package's key tells nothing of this one's, nor of the secret."""
    whose = json.dumps(["wsis-panel-review-package-key", package_id, expert_code, round_key])
    return hmac.new(secret, whose.encode(), hashlib.sha256).digest()


def package_project(
    edition: Edition, submission: Submission, language: str = i18n.ENGLISH
) -> PackageProject:
    try:
        category = edition.category(submission.category_key).name.get(language)
    except KeyError:
        category = submission.category_key
    return PackageProject(
        submission_id=submission.submission_id,
        category_key=submission.category_key,
        category_name=category,
        title=submission.title,
        organisation=submission.organisation,
        country=submission.country,
        stakeholder_type=submission.stakeholder_type,
        sdgs=", ".join(str(n) for n in submission.sdgs),
        project_status=submission.project_status,
        website=submission.website,
        summary=submission.summary,
        sdg_linkage=submission.sdg_linkage,
        impact=submission.impact,
        partnerships=submission.partnerships,
        challenges=submission.challenges,
    )


def package_languages(workspace: OpenWorkspace, round_key: str) -> dict[str | None, int]:
    """How many experts with projects in `round_key` the expert list gives each language
    (None: it gives them none, so the chair's choice when the packages are written)."""
    with workspace.sessions() as session:
        rows = session.execute(
            select(Expert.expert_code, Expert.language)
            .join(Assignment, Assignment.expert_pk == Expert.id)
            .where(Assignment.round == round_key)
            .distinct()
        ).all()
    counts: dict[str | None, int] = {}
    for _code, language in rows:
        key = language if language in i18n.CODES else None
        counts[key] = counts.get(key, 0) + 1
    return counts


def package_file_name(edition_key: str, round_key: str, expert_code: str) -> str:
    return _UNSAFE.sub("_", f"{edition_key}-{round_key}-{expert_code}") + ".xlsx"


def write_packages_at(
    location: WorkspaceLocation,
    out_dir: Path,
    *,
    round_key: str = "nomination",
    language: str = i18n.ENGLISH,
    actor: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PackagesResult:
    """write_packages on a connection of its own (for a worker thread beside the window's)."""
    with open_workspace(location) as workspace:
        return write_packages(
            workspace, out_dir, round_key=round_key, language=language, actor=actor,
            progress=progress, cancelled=cancelled,
        )  # fmt: skip


def write_packages(
    workspace: OpenWorkspace,
    out_dir: Path,
    *,
    round_key: str = "nomination",
    language: str = i18n.ENGLISH,
    actor: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PackagesResult:
    """Write one package per expert with assignments in `round_key` into `out_dir`, each in
    its expert's language (the expert list's), or in `language` for an expert without one.

    A cancel stops before the next file: the packages are issued already, so the files
    written stay valid, and writing again writes every one with the same package and key.
    """
    if language not in i18n.CODES:  # the CLI and the window offer the app's languages only
        raise ValueError(f"no such language {language!r}: expected one of {i18n.CODES}")
    edition = workspace.edition
    criteria = criteria_of(edition, round_key)
    gates = gates_of(edition, round_key)
    actor = actor or current_actor()
    with workspace.transaction() as session:
        rows = session.execute(
            select(Expert, Submission)
            .join(Assignment, Assignment.expert_pk == Expert.id)
            .join(Submission, Submission.id == Assignment.submission_pk)
            .where(Assignment.round == round_key)
        ).all()
        projects: dict[str, list[PackageProject]] = defaultdict(list)
        experts: dict[str, Expert] = {}
        # Each expert's language: the expert list's, else the chair's choice.
        languages: dict[str, tuple[str, bool]] = {}
        for expert, submission in rows:
            code = expert.expert_code
            experts[code] = expert
            if code not in languages:
                own = expert.language if expert.language in i18n.CODES else None
                languages[code] = (own or language, own is None)
            projects[code].append(package_project(edition, submission, languages[code][0]))
        issued = {p.expert_code: p for p in issued_packages(session) if p.round == round_key}
        new: set[str] = set()
        replaced: dict[str, str] = {}
        for code in sorted(experts):
            if code not in issued or issued[code].readable:
                if code in issued:  # its key is readable: a new package, a new key
                    replaced[code] = issued[code].package_id
                issued[code] = _issue(session, code, round_key, actor, replaced.get(code))
                new.add(code)
    out_dir.mkdir(parents=True, exist_ok=True)
    written_at = utc_now()
    files: list[PackageFile] = []
    for done, code in enumerate(sorted(experts)):
        if cancelled is not None and cancelled():
            return PackagesResult(
                round_key, tuple(files), len(experts), cancelled=True, language=language
            )
        if progress is not None:
            progress(done, len(experts))
        package = issued[code]
        written_in, chosen = languages[code]
        assigned = sorted(projects[code], key=lambda p: id_order(p.submission_id))
        info = PackageInfo(
            edition_key=edition.key,
            round=round_key,
            expert_code=code,
            expert_name=experts[code].name,
            package_id=package.package_id,
            revision=PACKAGE_REVISION,
            criteria=tuple(c.key for c in criteria),
            written_at=written_at,
            written_by=f"panel-app {__version__}",
            gates=len(gates),
            language=written_in,
        )
        path = out_dir / package_file_name(edition.key, round_key, code)
        write_review_workbook(path, info, criteria, assigned, gates=gates, signing_key=package.key)
        files.append(
            PackageFile(
                code, path, len(assigned), package.package_id, code in new, replaced.get(code),
                written_in, language_chosen=chosen,
            )
        )  # fmt: skip
    if progress is not None:
        progress(len(experts), len(experts))
    return PackagesResult(
        round_key,
        tuple(files),
        len(experts),
        notes=_open_ties(workspace, round_key),
        language=language,
    )


def _open_ties(workspace: OpenWorkspace, round_key: str) -> tuple[str, ...]:
    """The final round's packages hold the finalists settled so far: a tie for the last
    places still open is said, never left for the chair to find out."""
    if round_key != FINAL:
        return ()
    with workspace.sessions() as session:
        ties = finalist_ties(session)
    return tuple(
        f"{key}: {', '.join(tie.undecided)} tie on public votes for the last finalist "
        "place(s); the packages hold the finalists settled so far: settle the tie "
        "(`panel-app finalist add ID --reason ...`), assign the final round again and write "
        "the packages again"
        for key, tie in ties.items()
        if not tie.settled
    )


def _issue(
    session: Session, expert_code: str, round_key: str, actor: str, replaces: str | None
) -> IssuedPackage:
    package_id = uuid.uuid4().hex
    key = package_key(workspace_secret(session, PACKAGE_SECRET), package_id, expert_code, round_key)
    record_change(
        session,
        actor=actor,
        action=ISSUED,
        entity=PACKAGE_ENTITY,
        entity_id=package_id,
        after={
            "expert": expert_code,
            "round": round_key,
            "key": KEY_SOURCE,
            **({"replaces": replaces} if replaces else {}),
        },
        note="review package issued; its key (never recorded) tells app-signed scores "
        "from hand-edited ones"
        + (f"; it replaces package {replaces}, whose key was readable" if replaces else ""),
    )
    return IssuedPackage(package_id, expert_code, round_key, key)
