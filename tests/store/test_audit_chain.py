"""The audit log's hash chain, tried as an attacker with the database file would: the
append-only triggers dropped, then entries edited, deleted, inserted and moved with plain
SQL. Each is named at the first entry it breaks, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from panel_app.store.audit import chain_head, record_change, verify_chain
from panel_app.store.chain import GENESIS, ChainRow, entry_hash, verify_rows
from panel_app.store.database import make_session_factory

ENTRIES = 6


def write_entries(engine: Engine, count: int = ENTRIES) -> None:
    """Entries written as the app writes them: two per transaction, values of every kind."""
    factory = make_session_factory(engine)
    for start in range(0, count, 2):
        with factory() as session:
            for n in range(start, min(start + 2, count)):
                record_change(
                    session,
                    actor="chair",
                    action="nominee.added",
                    entity="decision",
                    entity_id=1000 + n,
                    before={"outcome": None, "score": 71.25, "sdgs": [3, 5]},
                    after={"outcome": "selected", "at": datetime(2020, 3, 1, tzinfo=UTC)},
                    note=f"reason {n}: 中文 ✓",
                )
            session.commit()


def check(engine: Engine) -> tuple[bool, int | None, str | None, int]:
    with make_session_factory(engine)() as session:
        result = verify_chain(session)
    return result.intact, result.broken_at, result.kind, result.entries


def tamper(engine: Engine, *statements: str) -> None:
    """Plain SQL, past the app: the triggers dropped first, as an attacker would."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.exec_driver_sql(
                "DROP TRIGGER IF EXISTS audit_log_no_update_delete ON audit_log"
            )
        else:
            connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update")
            connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_delete")
        connection.exec_driver_sql("DROP INDEX IF EXISTS uq_audit_log_seq")
        for statement in statements:
            connection.execute(text(statement))


def test_an_untouched_log_is_intact_and_chained_across_transactions(engine: Engine) -> None:
    write_entries(engine)
    assert check(engine) == (True, None, None, ENTRIES)
    with make_session_factory(engine)() as session:
        seq, head = chain_head(session)
        firsts = session.execute(text("SELECT seq, prev_hash FROM audit_log ORDER BY id")).all()
    assert seq == ENTRIES and head != GENESIS
    assert [row.seq for row in firsts] == list(range(1, ENTRIES + 1))
    assert firsts[0].prev_hash == GENESIS


def test_an_edited_entry_is_named(engine: Engine) -> None:
    write_entries(engine)
    tamper(engine, "UPDATE audit_log SET actor = 'someone else' WHERE id = 3")
    assert check(engine)[:3] == (False, 3, "edited")


def test_an_edited_value_is_named(engine: Engine) -> None:
    write_entries(engine)
    tamper(engine, "UPDATE audit_log SET note = 'a better reason' WHERE id = 5")
    assert check(engine)[:3] == (False, 5, "edited")


def test_a_deleted_entry_is_named_at_the_entry_after_it(engine: Engine) -> None:
    write_entries(engine)
    tamper(engine, "DELETE FROM audit_log WHERE id = 2")
    assert check(engine)[:3] == (False, 3, "deleted")


def test_an_inserted_entry_is_named_even_with_a_hash_that_fits_where_it_sits(
    engine: Engine,
) -> None:
    """The forger computes a valid hash for the place (as the docs say anyone can): the
    entry after it no longer follows, and the inserted one is named."""
    write_entries(engine)
    with make_session_factory(engine)() as session:
        second = session.execute(
            text("SELECT entry_hash FROM audit_log WHERE seq = 2")
        ).scalar_one()
    at = datetime(2020, 3, 2, tzinfo=UTC)
    forged = entry_hash(
        seq=3,
        at=at,
        actor="chair",
        action="nominee.removed",
        entity="decision",
        entity_id="1003",
        before=None,
        after=None,
        note="forged",
        prev_hash=second,
    )
    # The genuine entries from position 3 on move up 100 ids; the forgery takes id 3.
    tamper(
        engine,
        "UPDATE audit_log SET id = id + 100 WHERE id >= 3",
        "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, note, seq, "
        f"prev_hash, entry_hash) VALUES (3, :at, 'chair', 'nominee.removed', "
        f"'decision', '1003', 'forged', 3, '{second}', '{forged}')".replace(
            ":at", f"'{at.isoformat(sep=' ')}'"
        ),
    )
    assert check(engine)[:3] == (False, 3, "inserted")


def test_two_entries_swapped_are_named_as_moved(engine: Engine) -> None:
    write_entries(engine)
    tamper(
        engine,
        "UPDATE audit_log SET id = 100 WHERE id = 3",
        "UPDATE audit_log SET id = 3 WHERE id = 4",
        "UPDATE audit_log SET id = 4 WHERE id = 100",
    )
    intact, broken_at, kind, _ = check(engine)
    assert (intact, broken_at, kind) == (False, 3, "reordered")


def test_wiped_chain_fields_are_named(engine: Engine) -> None:
    write_entries(engine)
    tamper(engine, "UPDATE audit_log SET entry_hash = NULL WHERE id = 4")
    assert check(engine)[:3] == (False, 4, "unchained")


def _rows(count: int) -> list[ChainRow]:
    rows: list[ChainRow] = []
    head = GENESIS
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for seq in range(1, count + 1):
        fields = {
            "seq": seq,
            "at": start + timedelta(minutes=seq),
            "actor": "chair",
            "action": "x",
            "entity": "decision",
            "entity_id": str(seq),
            "before": None,
            "after": {"n": seq},
            "note": "",
            "prev_hash": head,
        }
        digest = entry_hash(**fields)
        rows.append(ChainRow(id=seq, entry_hash=digest, **fields))
        head = digest
    return rows


@settings(max_examples=200)
@given(st.integers(2, 12), st.data())
def test_any_single_deletion_or_insertion_of_a_genuine_entry_is_found(
    count: int, data: st.DataObject
) -> None:
    rows = _rows(count)
    assert verify_rows(rows).intact
    gone = data.draw(st.integers(0, count - 2))  # not the last: only an outside head shows it
    without = rows[:gone] + rows[gone + 1 :]
    found = verify_rows(without)
    assert not found.intact and found.broken_at == rows[gone + 1].id
    assert found.kind == "deleted"
    twice = data.draw(st.integers(0, count - 1))  # a genuine entry copied in again
    copied = [*rows[: twice + 1], rows[twice], *rows[twice + 1 :]]
    assert not verify_rows(copied).intact


@pytest.mark.parametrize("kind", ["naive", "aware"])
def test_the_time_is_hashed_the_same_however_a_database_returns_it(kind: str) -> None:
    moment = datetime(2020, 3, 1, 9, 30, 0, 123456)
    aware = moment.replace(tzinfo=UTC)
    fields = {
        "seq": 1,
        "actor": "a",
        "action": "b",
        "entity": "c",
        "entity_id": "d",
        "before": None,
        "after": None,
        "note": "",
        "prev_hash": GENESIS,
    }
    given_at = moment if kind == "naive" else aware
    assert entry_hash(at=given_at, **fields) == entry_hash(at=aware, **fields)
