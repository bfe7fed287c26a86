"""Submission intake: a submission set lands whole in the workspace, or not at all.

Records stream from the reader into one transaction in batches, so a 100k-row file needs
no more memory than the reader itself. If the reader reports any problem, the transaction
rolls back and every problem is raised together. Re-importing the same file writes
nothing; a corrected file updates only the submissions that changed. The audit log gets
one entry per import listing the submissions it added (each new row also points at its
import batch: file name and digest), and one entry per changed submission with the changed
fields before and after.

Submissions in the workspace that the file does not contain are left alone and counted
(a partial export must never delete reviews); removing a submission is a chair's decision.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from panel_app.edition import Edition
from panel_app.formats.submission_set import (
    CATEGORY_BY_CODE,
    CATEGORY_BY_CODE_MORE,
    FORMULA_AS_TEXT,
    FORMULA_MORE,
    SubmissionRecord,
    iter_submission_set,
    optional_columns,
)
from panel_app.i18n import ENGLISH, N_, render
from panel_app.problems import PROBLEM, InputRefused, Problem
from panel_app.store.audit import current_actor, record_change
from panel_app.store.database import bulk_insert_rows, deferred_checkpoint, page_cache
from panel_app.store.models import AuditEntry, ImportBatch, Submission, utc_now
from panel_app.workflow.changes import Touched
from panel_app.workflow.files import IntakeCancelled, file_sha256, require_file
from panel_app.workflow.handover import set_checks_pending
from panel_app.workflow.workspace import OpenWorkspace

# Records stored together: a batch of long texts is some MiB held at once (500: ~6 MiB
# of the demo's texts), the same whatever the file's size.
BATCH_SIZE = 500
# SQLite's page cache while an import writes: the workspace's 64 MiB would fill with the
# long texts' pages and stay (the import's memory grew with the file); the B-tree pages
# every insert touches fit in far less (docs/benchmarks.md, issue 19).
IMPORT_PAGE_CACHE_KIB = 8 * 1024
SUBMISSION_TABLE = Submission.metadata.tables["submission"]

ProgressCallback = Callable[[int, int | None], None]


@dataclass(frozen=True)
class FieldChange:
    submission_id: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class CategoryByCode:
    """Rows whose category was read by its action-line code, one spelling at a time."""

    file: str
    sheet: str | None
    written: str  # as in the file: "C5. Trust online"
    category_key: str  # what it was read as: "C5-confidence-security"
    category_name: str  # "C5 Building confidence and security in the use of ICTs"
    rows: tuple[int, ...]

    def describe(self, language: str = ENGLISH) -> str:
        """One line for the chair: the spelling, what it was read as, and every row."""
        params = {
            "file": self.file,
            "sheet": self.sheet,
            "rows": ", ".join(str(row) for row in self.rows),
            "written": self.written,
            "key": self.category_key,
            "name": self.category_name,
        }
        one = len(self.rows) == 1
        if self.sheet is None:
            template = (
                N_("{file}, row {rows}: '{written}' read as {key} ({name})")
                if one
                else N_("{file}, rows {rows}: '{written}' read as {key} ({name})")
            )
        elif one:
            template = N_("{file}, sheet '{sheet}', row {rows}: '{written}' read as {key} ({name})")
        else:
            template = N_(
                "{file}, sheet '{sheet}', rows {rows}: '{written}' read as {key} ({name})"
            )
        return render(template, params, language, PROBLEM)


@dataclass
class IntakeResult:
    file: str
    file_sha256: str
    rows_read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    not_in_file: int = 0
    import_batch_id: int | None = None
    changes: list[FieldChange] = field(default_factory=list)
    added_ids: list[str] = field(default_factory=list)
    # What the chair should know of how the file was read, each located: texts cleaned
    # (control characters, direction overrides...; the stored texts are the cleaned
    # ones), formulas with no saved result read as their text, categories read by their
    # action-line code (docs/formats/submission-set.md). See note_groups.
    notes: list[Problem] = field(default_factory=list)
    # What the edition checks from a column the set does not have (2017: "project_
    # information", "photo"): those rules could not be checked (`unchecked`).
    missing_columns: tuple[str, ...] = ()
    edition_words: tuple[int | None, int | None] = (None, None)  # the text's bounds

    def unchecked(self) -> str | None:
        """Once, in words: the rules the set's columns do not let the checks apply."""
        if not self.missing_columns:
            return None
        low, high = self.edition_words
        bounds = f" ({low:,}-{high:,} words)" if low is not None and high is not None else ""
        what = {
            "project_information": (f"the project information{bounds}", "project-information",
                                    "'Project information' (or 'Project description')"),
            "photo": ("the photo", "project-photo", "'Photo' (or 'Photo URL')"),
        }  # fmt: skip
        parts = [what[name] for name in self.missing_columns]
        return (
            f"The set has no column for {' nor for '.join(p[0] for p in parts)}: the edition's "
            f"rule{'s' if len(parts) > 1 else ''} on "
            f"{'them' if len(parts) > 1 else 'it'} "
            f"({', '.join(p[1] for p in parts)}) could not be checked. A column headed "
            f"{' and one headed '.join(p[2] for p in parts)} would be read."
        )

    def note_groups(self) -> list[tuple[str, list[Problem]]]:
        """The notes by kind, each kind once, in this order: "categories" (read by their
        code), "formulas" (read as their text), "cleaned" (texts cleaned of characters)."""
        groups: dict[str, list[Problem]] = {kind: [] for kind in NOTE_KINDS}
        for note in self.notes:
            groups[note_kind(note)].append(note)
        return [(kind, notes) for kind, notes in groups.items() if notes]

    def categories_by_code(self) -> list[CategoryByCode]:
        """The rows whose category was read by its code, by spelling (in file order)."""
        found: dict[tuple[str | None, str, str], list[Problem]] = {}
        for note in self.notes:
            if note.code == CATEGORY_BY_CODE[0]:
                key = (note.sheet, note.value or "", str(note.params["category"]))
                found.setdefault(key, []).append(note)
        return [
            CategoryByCode(
                notes[0].file or self.file,
                sheet,
                written,
                key,
                str(notes[0].params["name"]),
                tuple(n.row for n in notes if n.row is not None),
            )
            for (sheet, written, key), notes in found.items()
        ]

    @property
    def touched(self) -> Touched:
        """A set that changed anything: the submissions, and the checks run after it."""
        if not self.changed_anything:
            return Touched.NOTHING
        return Touched.SUBMISSIONS | Touched.FINDINGS

    @property
    def changed_anything(self) -> bool:
        return self.added + self.updated > 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "file_sha256": self.file_sha256,
            "rows_read": self.rows_read,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "not_in_file": self.not_in_file,
            "import_batch_id": self.import_batch_id,
            "changes": [
                {"submission_id": c.submission_id, "fields": list(c.fields)} for c in self.changes
            ],
            "notes": [note.as_dict() for note in self.notes],
            "missing_columns": list(self.missing_columns),
            "unchecked": self.unchecked(),
            "categories_by_code": [
                dataclasses.asdict(group) for group in self.categories_by_code()
            ],
        }


NOTE_KINDS = ("categories", "formulas", "cleaned")
_NOTE_KIND_OF_CODE = {
    CATEGORY_BY_CODE[0]: "categories",
    CATEGORY_BY_CODE_MORE[0]: "categories",
    FORMULA_AS_TEXT[0]: "formulas",
    FORMULA_MORE[0]: "formulas",
}


def note_kind(note: Problem) -> str:
    """Which of NOTE_KINDS an import's note is (a text cleaned, unless named)."""
    return _NOTE_KIND_OF_CODE.get(note.code, "cleaned")


# Every stored field of a record, in a fixed order (its position names it in the digest).
DIGEST_FIELDS = tuple(f.name for f in dataclasses.fields(SubmissionRecord) if f.name != "row")
assert DIGEST_FIELDS[-1] == "extra"
_PLAIN_VALUES = attrgetter(*DIGEST_FIELDS[:-1])
_SDGS_AT = DIGEST_FIELDS.index("sdgs")


def content_digest(record: SubmissionRecord) -> str:
    """A hash of a submission's stored fields: equal hashes mean nothing to update.

    One string per row, hashed once: texts as they are (they are long, and this runs for
    every row of every import), other values by repr after a NUL, which no text from a
    workbook or CSV can start with; the parts joined by RS (U+001E).
    """
    parts = [v if isinstance(v, str) else f"\x00{v!r}" for v in _PLAIN_VALUES(record)]
    parts.append(f"\x00{sorted(record.extra.items())!r}")
    # Joined, then encoded once: the same bytes as encoding the parts one by one, in a
    # third less time (fewer calls), even where one wide character widens the row.
    return hashlib.sha256("\x1e".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def import_submissions(
    workspace: OpenWorkspace,
    path: Path,
    *,
    actor: str | None = None,
    progress: ProgressCallback | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> IntakeResult:
    """Read `path` and store it in one transaction; raise InputRefused with every problem."""
    actor = actor or current_actor()
    require_file(path, "intake")
    result = IntakeResult(file=path.name, file_sha256=file_sha256(path))
    session = workspace.write_session()
    try:
        with deferred_checkpoint(session), page_cache(session, IMPORT_PAGE_CACHE_KIB):
            return _import_in(session, workspace, path, actor, result, progress, cancelled)
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _import_in(
    session: Session,
    workspace: OpenWorkspace,
    path: Path,
    actor: str,
    result: IntakeResult,
    progress: ProgressCallback | None,
    cancelled: Callable[[], bool] | None,
) -> IntakeResult:
    problems: list[Problem] = []
    known: dict[str, tuple[int, str]] = {
        sid: (pk, digest)
        for sid, pk, digest in session.execute(
            select(Submission.submission_id, Submission.id, Submission.content_sha256)
        )
    }
    batch = ImportBatch(
        kind="submissions", file_name=path.name, file_sha256=result.file_sha256, actor=actor
    )
    session.add(batch)
    session.flush()
    result.import_batch_id = batch.id
    # Nothing more is kept per row than the reader's look for IDs twice needs (the
    # duplicate-ID check refuses a file that holds one twice): the known IDs it matched
    # are counted, the new ones listed for the audit entry (docs/benchmarks.md, issue 19).
    matched = [0]
    headers: tuple[str, ...] | None = None
    # Closed when the loop ends, however it ends: a cancelled read lets go of the file now.
    with closing(
        iter_submission_set(
            path, workspace.edition, problems, progress=progress, notes=result.notes
        )
    ) as records:
        for chunk in _chunks(records, BATCH_SIZE):
            if headers is None and chunk:
                headers = tuple(chunk[0].extra)  # a named extra column is in every record
                _missing_columns(result, workspace.edition, headers)
            if cancelled is not None and cancelled():
                raise IntakeCancelled(f"import of {path.name} cancelled; nothing was written")
            result.rows_read += len(chunk)
            if problems:
                continue  # keep reading to report every problem; nothing will be kept
            _store_chunk(session, chunk, known, matched, batch.id, actor, result)
    if problems:
        raise InputRefused(problems, subject=path.name)
    result.not_in_file = len(known) - matched[0]
    if not result.changed_anything:
        session.rollback()  # the same file again: leave no trace, not even the batch
        result.import_batch_id = None
        return result
    set_checks_pending(session, True)  # cleared by the checks that follow, whenever they run
    batch.added, batch.updated, batch.unchanged = (
        result.added,
        result.updated,
        result.unchanged,
    )
    if result.added_ids:
        # One entry for the whole import: each new row also points at its import batch.
        record_change(
            session,
            actor=actor,
            action="submissions.added",
            entity="import_batch",
            entity_id=str(batch.id),
            after={
                "file": path.name,
                "file_sha256": result.file_sha256,
                "submission_ids": result.added_ids,
                **_notes_for_the_log(result.notes),
            },
            note=f"{result.added} submissions imported from {path.name}",
        )
    session.commit()
    return result


def _missing_columns(result: IntakeResult, edition: Edition, headers: tuple[str, ...]) -> None:
    """The columns the edition's rules read that the set does not have (said once)."""
    wanted = []
    if edition.project_information_words is not None:
        wanted.append("project_information")
        words = edition.project_information_words
        result.edition_words = (words.minimum, words.maximum)
    if edition.project_information_photos:
        wanted.append("photo")
    found = optional_columns(headers)
    result.missing_columns = tuple(name for name in wanted if name not in found)


def cleaned_texts(notes: Iterable[Problem]) -> list[dict[str, Any]]:
    """What the audit log keeps of the notes: which cell, which character, what was done."""
    return [{"row": n.row, "column": n.column, "code": n.code, **dict(n.params)} for n in notes]


def _notes_for_the_log(notes: list[Problem]) -> dict[str, list[dict[str, Any]]]:
    """The notes by kind ("cleaned", "formulas", "categories"), each as the cell, the
    code and its parameters, with what was written where it was not a character."""
    logged: dict[str, list[dict[str, Any]]] = {}
    for note in notes:
        kind = note_kind(note)
        entry = cleaned_texts([note])[0]
        if kind != "cleaned" and note.value is not None:
            entry["written"] = note.value
        logged.setdefault(kind, []).append(entry)
    return logged


def _chunks(records: Iterable[SubmissionRecord], size: int) -> Iterator[list[SubmissionRecord]]:
    chunk: list[SubmissionRecord] = []
    for record in records:
        chunk.append(record)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _store_chunk(
    session: Any,
    chunk: list[SubmissionRecord],
    known: dict[str, tuple[int, str]],
    matched: list[int],
    batch_id: int,
    actor: str,
    result: IntakeResult,
) -> None:
    now = utc_now()
    new_rows: list[tuple[Any, ...]] = []
    # Equal SDG lists and extra columns become one object each, which the insert encodes
    # to JSON once (it remembers values by identity).
    sdg_lists: dict[tuple[int, ...], tuple[int, ...]] = {}
    extras: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
    audit_rows: list[dict[str, Any]] = []
    for record in chunk:
        digest = content_digest(record)
        previous = known.get(record.submission_id)
        if previous is not None:
            matched[0] += 1
        if previous is None:
            items = tuple(record.extra.items())
            extra = extras.get(items)
            if extra is None:
                extra = extras[items] = dict(items)
            sdgs = sdg_lists.setdefault(record.sdgs, record.sdgs)
            new_rows.append(
                _submission_row(
                    record, sdgs, extra, digest, batch_id, path_name=result.file, now=now
                )
            )
            result.added_ids.append(record.submission_id)
            result.added += 1
        elif previous[1] == digest:
            result.unchanged += 1
        else:
            pk = previous[0]
            changed = _update_submission(
                session, pk, record.fields(), digest, batch_id, (result.file, record.row), now
            )
            if changed:
                before, after = changed
                audit_rows.append(
                    _audit_values(
                        now,
                        actor,
                        "submission.updated",
                        record.submission_id,
                        before=before,
                        after=after,
                        note=f"imported from {result.file}",
                    )
                )
                result.changes.append(FieldChange(record.submission_id, tuple(sorted(after))))
                result.updated += 1
            else:
                result.unchanged += 1
    if new_rows:
        bulk_insert_rows(session, SUBMISSION_TABLE, _INSERT_COLUMNS, new_rows)
    if audit_rows:
        session.execute(insert(AuditEntry), audit_rows)


# The submission table's columns as an import fills them: the record's stored fields (in
# the table's order, so that the insert takes each row as it is), then the import's own.
_INSERT_COLUMNS = (
    *DIGEST_FIELDS,
    "content_sha256",
    "source_file",
    "source_row",
    "import_batch_id",
    "created_at",
    "updated_at",
)


def _submission_row(
    record: SubmissionRecord,
    sdgs: tuple[int, ...],
    extra: dict[str, str],
    digest: str,
    batch_id: int,
    *,
    path_name: str,
    now: Any,
) -> tuple[Any, ...]:
    """The row of _INSERT_COLUMNS for a new submission (sdgs stay a tuple: JSON alike)."""
    values = _PLAIN_VALUES(record)
    return (
        *values[:_SDGS_AT],
        sdgs,
        *values[_SDGS_AT + 1 :],
        extra,
        digest,
        path_name,
        record.row,
        batch_id,
        now,
        now,
    )


def _update_submission(
    session: Any,
    pk: int,
    stored: dict[str, Any],
    digest: str,
    batch_id: int,
    source: tuple[str, int],
    now: Any,
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Write only the fields that differ; return their values before and after.

    None when no field differs after all (a digest computed by an older version of the
    app): nothing is written and the submission counts as unchanged.
    """
    current = session.get(Submission, pk)
    if current is None:  # added earlier in this same file: the duplicate-ID check refuses that
        return None
    current_fields = _stored_fields(current)
    before = {k: v for k, v in current_fields.items() if stored.get(k) != v}
    if not before:
        return None
    after = {k: stored.get(k) for k in before}
    values: dict[str, Any] = {
        "content_sha256": digest,
        "import_batch_id": batch_id,
        "source_file": source[0],
        "source_row": source[1],
        "updated_at": now,
    }
    record_values = {k: _to_column(k, stored[k]) for k in after}
    values.update(record_values)
    session.execute(update(Submission).where(Submission.id == pk).values(**values))
    return before, after


def _stored_fields(row: Submission) -> dict[str, Any]:
    """The submission's fields as SubmissionRecord.fields() writes them, for comparison."""
    return {
        "submission_id": row.submission_id,
        "title": row.title,
        "organisation": row.organisation,
        "stakeholder_type": row.stakeholder_type,
        "stakeholder_type_key": row.stakeholder_type_key,
        "country": row.country,
        "category_key": row.category_key,
        "sdgs": list(row.sdgs),
        "summary": row.summary,
        "sdg_linkage": row.sdg_linkage,
        "impact": row.impact,
        "partnerships": row.partnerships,
        "challenges": row.challenges,
        "project_status": row.project_status,
        "website": row.website,
        "contact_name": row.contact_name,
        "contact_email": row.contact_email,
        "submitted_at": row.submitted_at.isoformat() if row.submitted_at else None,
        "extra": dict(row.extra),
    }


def _to_column(name: str, value: Any) -> Any:
    """Turn a JSON-able field value back into what the column stores."""
    if name == "submitted_at" and value is not None:
        from datetime import datetime

        return datetime.fromisoformat(value)
    return value


def _audit_values(
    at: Any,
    actor: str,
    action: str,
    submission_id: str,
    *,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    note: str,
) -> dict[str, Any]:
    return {
        "at": at,
        "actor": actor,
        "action": action,
        "entity": "submission",
        "entity_id": submission_id,
        "before": before,
        "after": after,
        "note": note,
    }
