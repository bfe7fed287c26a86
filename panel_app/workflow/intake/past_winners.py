"""The past-winners list (rule 11): imported whole or not at all, kept as a union.

Each import adds the winners the workspace does not hold yet; a winner already there (the
same title, organisation and edition, compared as the past-winner rule compares them) is
left as first imported, so importing the same file again, or an overlapping list, adds
nothing twice; but a description the list gives for a winner held without one is filled
in (a later list with the winners' texts completes an earlier one). A winner is never
removed by an import: a list that leaves one out may be partial. An import that adds
something is one import batch and one audit entry listing the winners added (and the
descriptions filled in); one that adds nothing leaves no trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from panel_app.formats.past_winners import read_past_winners
from panel_app.organisations import organisation_key
from panel_app.problems import InputRefused, Problem
from panel_app.rules import PastWinner as RulePastWinner
from panel_app.rules.past_winners import title_key
from panel_app.store.audit import current_actor, record_change
from panel_app.store.models import ImportBatch, PastWinner
from panel_app.workflow.changes import Touched
from panel_app.workflow.files import file_sha256
from panel_app.workflow.handover import set_checks_pending
from panel_app.workflow.workspace import OpenWorkspace

__all__ = ["PastWinnersResult", "import_past_winners", "load_past_winners"]

_KEY_LENGTH = 512  # the key columns' size; longer titles still compare in full at check time


@dataclass
class PastWinnersResult:
    file: str
    file_sha256: str
    rows_read: int = 0
    added: int = 0
    texts_added: int = 0  # winners held without a description, given one by this list
    unchanged: int = 0  # already in the workspace, or twice in the file
    total: int = 0  # winners in the workspace after the import
    import_batch_id: int | None = None
    added_winners: list[dict[str, Any]] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)  # what was cleaned from the texts

    @property
    def touched(self) -> Touched:
        return Touched.PAST_WINNERS if self.changed_anything else Touched.NOTHING

    @property
    def changed_anything(self) -> bool:
        return self.added + self.texts_added > 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "file_sha256": self.file_sha256,
            "rows_read": self.rows_read,
            "added": self.added,
            "texts_added": self.texts_added,
            "unchanged": self.unchanged,
            "total": self.total,
            "import_batch_id": self.import_batch_id,
            "added_winners": list(self.added_winners),
            "notes": [note.as_dict() for note in self.notes],
        }


def _key(title: str, organisation: str, year: int) -> tuple[str, str, int]:
    return title_key(title)[:_KEY_LENGTH], organisation_key(organisation)[:_KEY_LENGTH], year


def import_past_winners(
    workspace: OpenWorkspace, path: Path, *, actor: str | None = None
) -> PastWinnersResult:
    """Read `path` and add its winners in one transaction; InputRefused with every problem."""
    actor = actor or current_actor()
    if not path.is_file():
        raise InputRefused(
            [
                Problem(
                    "intake.no_such_file",
                    "there is no file at {path}",
                    {"path": str(path)},
                    file=path.name,
                )
            ],
            subject=path.name,
        )
    notes: list[Problem] = []
    # (refuses the whole file before anything is written)
    records = read_past_winners(path, notes=notes)
    result = PastWinnersResult(file=path.name, file_sha256=file_sha256(path), notes=notes)
    result.rows_read = len(records)
    with workspace.transaction() as session:
        known = _known_keys(session)
        without_text = _held_without_text(session)
        described: list[dict[str, Any]] = []
        new: list[PastWinner] = []
        for record in records:
            key = _key(record.title, record.organisation, record.edition_year)
            if key in known:
                held = without_text.pop(key, None)
                if held is not None and record.text:
                    held.text = record.text
                    described.append({"title": held.title, "row": record.row})
                else:
                    result.unchanged += 1
                continue
            known.add(key)
            new.append(
                PastWinner(
                    title=record.title,
                    organisation=record.organisation,
                    edition_year=record.edition_year,
                    edition=record.edition,
                    text=record.text,
                    title_key=key[0],
                    organisation_key=key[1],
                    source_file=path.name,
                    source_row=record.row,
                )
            )
        result.added = len(new)
        result.texts_added = len(described)
        result.total = len(known)
        if not new and not described:
            return result  # nothing written: the transaction commits nothing
        batch = ImportBatch(
            kind="past-winners",
            file_name=path.name,
            file_sha256=result.file_sha256,
            actor=actor,
            added=result.added,
            updated=result.texts_added,
            unchanged=result.unchanged,
        )
        session.add(batch)
        session.flush()
        set_checks_pending(session, True)  # rule 11 has a new list to check against
        for winner in new:
            winner.import_batch_id = batch.id
        session.add_all(new)
        result.import_batch_id = batch.id
        result.added_winners = [
            {
                "title": w.title,
                "organisation": w.organisation,
                "edition_year": w.edition_year,
                "row": w.source_row,
            }
            for w in new
        ]
        record_change(
            session,
            actor=actor,
            action="past_winners.added",
            entity="import_batch",
            entity_id=str(batch.id),
            after={
                "file": path.name,
                "file_sha256": result.file_sha256,
                "winners": result.added_winners,
                **({"descriptions_added": described} if described else {}),
            },
            note=f"{result.added} past winners imported from {path.name}"
            + (f", {len(described)} descriptions added" if described else ""),
        )
    return result


def _known_keys(session: Session) -> set[tuple[str, str, int]]:
    """The keys of the winners held, computed from their names as this version computes
    them (the stored keys only keep the list free of duplicates). A key stored by an
    earlier version (the organisation key was rule 11's own until issue 13) is brought up
    to date in the same transaction: first set aside (each row's own placeholder, so that
    no two rows meet on the unique keys half-way), then rewritten. A row that this
    version's keys make the duplicate of an earlier one keeps its placeholder."""
    known: set[tuple[str, str, int]] = set()
    stale: list[tuple[PastWinner, tuple[str, str, int] | None]] = []
    for winner in session.scalars(select(PastWinner).order_by(PastWinner.id)):
        key = _key(winner.title, winner.organisation, winner.edition_year)
        duplicate = key in known
        known.add(key)
        if duplicate or (winner.title_key, winner.organisation_key) != key[:2]:
            stale.append((winner, None if duplicate else key))
    if stale:
        for winner, _ in stale:
            winner.title_key = f"#{winner.id}"  # no folded title starts with "#"
        session.flush()
        for winner, new in stale:
            if new is not None:
                winner.title_key, winner.organisation_key = new[0], new[1]
        session.flush()
    return known


def _held_without_text(session: Session) -> dict[tuple[str, str, int], PastWinner]:
    """The winners held without a description, by key (a list may bring one)."""
    return {
        _key(w.title, w.organisation, w.edition_year): w
        for w in session.scalars(select(PastWinner).where(PastWinner.text == ""))
    }


def load_past_winners(session: Session) -> tuple[RulePastWinner, ...]:
    """The workspace's past winners, as the rules read them (in the order imported)."""
    rows = session.execute(
        select(
            PastWinner.title, PastWinner.organisation, PastWinner.edition_year, PastWinner.text
        ).order_by(PastWinner.id)
    )
    return tuple(RulePastWinner(t, o, y, text) for t, o, y, text in rows)
