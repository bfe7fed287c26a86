"""Importing the expert panel: experts and their declared conflicts, whole or not at all.

One transaction: the list is read (formats/experts.py), every submission a conflict names
must be in the workspace, then each expert is added or updated. Importing the same file
again writes nothing; a corrected file updates only the experts that changed, and the
audit log records each change with the values before and after. Experts in the workspace
that the file does not list are kept and counted: removing an expert who may hold
assignments and reviews is not an import's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from panel_app.formats.experts import ExpertList, ExpertRecord, read_experts, unknown_submission
from panel_app.problems import InputRefused, Problem
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import Conflict, Expert, ImportBatch, Submission
from panel_app.workflow.changes import Touched
from panel_app.workflow.files import file_sha256, require_file
from panel_app.workflow.workspace import OpenWorkspace

DECLARED_IN_LIST = "declared in the expert list"


@dataclass(frozen=True)
class ExpertChange:
    expert_id: str
    fields: tuple[str, ...]  # "conflicts" among them when those changed


@dataclass
class ExpertImportResult:
    file: str
    file_sha256: str
    experts_read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: int = 0
    conflicts: int = 0  # declared in the file
    changes: list[ExpertChange] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # what was cleaned from the texts

    @property
    def touched(self) -> Touched:
        return Touched.PANEL if self.changed_anything else Touched.NOTHING

    @property
    def changed_anything(self) -> bool:
        return self.added + self.updated > 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "file_sha256": self.file_sha256,
            "experts_read": self.experts_read,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "not_in_file": self.not_in_file,
            "conflicts": self.conflicts,
            "changes": [{"expert_id": c.expert_id, "fields": list(c.fields)} for c in self.changes],
            "notes": [note.as_dict() for note in self.notes],
        }


def import_experts(
    workspace: OpenWorkspace, path: Path, *, actor: str | None = None
) -> ExpertImportResult:
    """Read `path` and store it in one transaction; InputRefused with every problem."""
    actor = actor or current_actor()
    require_file(path, "experts")
    result = ExpertImportResult(file=path.name, file_sha256=file_sha256(path))
    listed = read_experts(path, workspace.edition)
    result.experts_read = len(listed.records)
    result.notes = list(listed.notes)
    result.conflicts = sum(
        len(r.conflict_organisations) + len(r.conflict_submissions) for r in listed.records
    )
    with workspace.transaction() as session:
        pk_of = _submission_pks(session, listed)
        stored = {
            e.expert_code: e
            for e in session.scalars(select(Expert).options(selectinload(Expert.conflicts)))
        }
        sid_of = {pk: sid for sid, pk in pk_of.items()}
        referred = {c.submission_pk for e in stored.values() for c in e.conflicts}
        missing = referred - sid_of.keys() - {None}
        if missing:
            rows = session.execute(
                select(Submission.id, Submission.submission_id).where(Submission.id.in_(missing))
            )
            sid_of.update({pk: sid for pk, sid in rows})
        for record in listed.records:
            expert = stored.get(record.expert_id)
            if expert is None:
                _add(session, record, pk_of, actor)
                result.added += 1
                continue
            changed = _update(session, expert, record, pk_of, sid_of, actor)
            if changed:
                result.updated += 1
                result.changes.append(ExpertChange(record.expert_id, changed))
            else:
                result.unchanged += 1
        result.not_in_file = len(stored.keys() - {r.expert_id for r in listed.records})
        if result.changed_anything:
            session.add(
                ImportBatch(
                    kind="experts",
                    file_name=path.name,
                    file_sha256=result.file_sha256,
                    actor=actor,
                    added=result.added,
                    updated=result.updated,
                    unchanged=result.unchanged,
                )
            )
            record_change(
                session,
                actor=actor,
                action="experts.imported",
                entity="expert",
                entity_id=path.name,
                after={
                    "file_sha256": result.file_sha256,
                    "added": result.added,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "not_in_file": result.not_in_file,
                },
                note=f"expert list {path.name}",
            )
    return result


def _submission_pks(session: Session, listed: ExpertList) -> dict[str, int]:
    """Submission ID -> row id for every submission a conflict names; InputRefused if any
    is not in the workspace."""
    wanted = {sid for r in listed.records for sid in r.conflict_submissions}
    found: dict[str, int] = {}
    if wanted:
        rows = session.execute(
            select(Submission.submission_id, Submission.id).where(
                Submission.submission_id.in_(wanted)
            )
        )
        found = {sid: pk for sid, pk in rows}
    problems = [
        unknown_submission(listed, record, sid)
        for record in listed.records
        for sid in record.conflict_submissions
        if sid not in found
    ]
    if problems:
        raise InputRefused(problems, subject=listed.source.file)
    return found


def _declared(record: ExpertRecord) -> list[tuple[str | None, str | None]]:
    """(organisation, submission ID) of each conflict the file declares, in file order."""
    return [(o, None) for o in record.conflict_organisations] + [
        (None, s) for s in record.conflict_submissions
    ]


def _conflict_values(pairs: list[tuple[str | None, str | None]]) -> dict[str, list[str]]:
    return {
        "organisations": [o for o, _ in pairs if o is not None],
        "submissions": [s for _, s in pairs if s is not None],
    }


def _add(session: Session, record: ExpertRecord, pk_of: dict[str, int], actor: str) -> None:
    expert = Expert(
        expert_code=record.expert_id,
        name=record.name,
        email=record.email,
        organisation=record.organisation,
        country=record.country,
        category_keys=list(record.category_keys),
        language=record.language,
    )
    for organisation, sid in _declared(record):
        expert.conflicts.append(
            Conflict(
                organisation=organisation,
                submission_pk=None if sid is None else pk_of[sid],
                reason=DECLARED_IN_LIST,
            )
        )
    session.add(expert)
    record_change(
        session,
        actor=actor,
        action="expert.added",
        entity="expert",
        entity_id=record.expert_id,
        after={**record.fields(), "conflicts": _conflict_values(_declared(record))},
    )


def _update(
    session: Session,
    expert: Expert,
    record: ExpertRecord,
    pk_of: dict[str, int],
    sid_of: dict[int, str],
    actor: str,
) -> tuple[str, ...]:
    """Bring `expert` in line with `record`; the names of the fields that changed."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for name, value in record.fields().items():
        old = getattr(expert, name)
        if (list(old) if name == "category_keys" else old) != value:
            before[name], after[name] = old, value
            setattr(expert, name, value)
    stored = [
        (c.organisation, None if c.submission_pk is None else sid_of[c.submission_pk])
        for c in expert.conflicts
    ]
    wanted = _declared(record)
    if set(stored) != set(wanted):
        before["conflicts"] = _conflict_values(stored)
        after["conflicts"] = _conflict_values(wanted)
        # Conflicts still declared keep their row (and reason); others go, new ones come.
        for conflict, key in zip(list(expert.conflicts), stored, strict=True):
            if key not in wanted:
                expert.conflicts.remove(conflict)
        for organisation, sid in wanted:
            if (organisation, sid) not in stored:
                expert.conflicts.append(
                    Conflict(
                        organisation=organisation,
                        submission_pk=None if sid is None else pk_of[sid],
                        reason=DECLARED_IN_LIST,
                    )
                )
    if before:
        record_change(
            session,
            actor=actor,
            action="expert.updated",
            entity="expert",
            entity_id=record.expert_id,
            before=before,
            after=after,
        )
    return tuple(before)
