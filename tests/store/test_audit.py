from __future__ import annotations

import dataclasses
import enum
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.exc import IntegrityError

from panel_app.store.audit import (
    AuditLogViolation,
    current_actor,
    jsonable,
    record_change,
)
from panel_app.store.database import make_session_factory
from panel_app.store.models import AuditEntry


def add_entry(engine: Engine) -> int:
    with make_session_factory(engine)() as session:
        entry = record_change(
            session,
            actor="chair",
            action="decision.overridden",
            entity="decision",
            entity_id=42,
            before={"outcome": "not-selected", "at": datetime(2017, 3, 1, 9, tzinfo=UTC)},
            after={"outcome": "selected", "sdgs": {9, 4}},
            note="tie at the cut-off",
        )
        session.commit()
        return entry.id


def test_record_change_is_committed_with_the_callers_transaction(engine: Engine) -> None:
    add_entry(engine)
    with make_session_factory(engine)() as session:
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.actor, entry.action, entry.entity, entry.entity_id) == (
            "chair",
            "decision.overridden",
            "decision",
            "42",
        )
        assert entry.before == {"outcome": "not-selected", "at": "2017-03-01T09:00:00+00:00"}
        assert entry.after == {"outcome": "selected", "sdgs": [4, 9]}
        assert entry.note == "tie at the cut-off"
        assert entry.at.tzinfo is UTC


def test_record_change_rolls_back_with_the_change(engine: Engine) -> None:
    with make_session_factory(engine)() as session:
        record_change(session, actor="a", action="x", entity="submission", entity_id="1")
        session.rollback()
    with make_session_factory(engine)() as session:
        assert session.scalars(select(AuditEntry)).all() == []


def test_missing_before_is_sql_null(engine: Engine) -> None:
    with make_session_factory(engine)() as session:
        record_change(session, actor="a", action="x", entity="submission", entity_id="1")
        session.commit()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT before IS NULL FROM audit_log")).scalar() in (
            1,
            True,
        )


def test_orm_refuses_to_update_an_entry(engine: Engine) -> None:
    entry_id = add_entry(engine)
    with make_session_factory(engine)() as session:
        entry = session.get_one(AuditEntry, entry_id)
        entry.note = "rewritten history"
        with pytest.raises(AuditLogViolation, match="append-only"):
            session.commit()


def test_orm_refuses_to_delete_an_entry(engine: Engine) -> None:
    entry_id = add_entry(engine)
    with make_session_factory(engine)() as session:
        session.delete(session.get_one(AuditEntry, entry_id))
        with pytest.raises(AuditLogViolation, match="append-only"):
            session.commit()


@pytest.mark.parametrize(
    "statement",
    [update(AuditEntry).values(note="rewritten"), delete(AuditEntry)],
    ids=["update", "delete"],
)
def test_orm_refuses_bulk_statements(engine: Engine, statement: object) -> None:
    add_entry(engine)
    with make_session_factory(engine)() as session, pytest.raises(AuditLogViolation):
        session.execute(statement)  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_log SET note = 'rewritten history'",
        "DELETE FROM audit_log",
    ],
    ids=["update", "delete"],
)
def test_database_refuses_raw_sql(engine: Engine, sql: str) -> None:
    add_entry(engine)
    with engine.connect() as connection:
        with pytest.raises(IntegrityError, match="audit_log is append-only"):
            connection.exec_driver_sql(sql)
        connection.rollback()
        assert connection.execute(text("SELECT note FROM audit_log")).scalars().all() == [
            "tie at the cut-off"
        ]


def test_postgresql_also_refuses_truncate(engine: Engine) -> None:
    add_entry(engine)
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":  # SQLite has no TRUNCATE
            with pytest.raises(IntegrityError, match="append-only"):
                connection.exec_driver_sql("TRUNCATE audit_log")
            connection.rollback()
        assert connection.execute(text("SELECT count(*) FROM audit_log")).scalar() == 1


class Colour(enum.Enum):
    RED = "red"


@dataclasses.dataclass
class Point:
    x: int
    y: float


def test_jsonable_turns_values_into_plain_json() -> None:
    value = {
        "when": datetime(2017, 3, 1, 9, 30, tzinfo=UTC),
        "day": date(2017, 3, 1),
        "money": Decimal("1.50"),
        "colour": Colour.RED,
        "file": Path("a/b.xlsx"),
        "tags": frozenset({"b", "a"}),
        "pair": (1, 2),
        "point": Point(1, 2.5),
        3: None,
    }
    assert jsonable(value) == {
        "when": "2017-03-01T09:30:00+00:00",
        "day": "2017-03-01",
        "money": "1.50",
        "colour": "red",
        "file": "a/b.xlsx",
        "tags": ["a", "b"],
        "pair": [1, 2],
        "point": {"x": 1, "y": 2.5},
        "3": None,
    }


def test_jsonable_refuses_what_it_cannot_write() -> None:
    with pytest.raises(TypeError, match="cannot record a object"):
        jsonable(object())


def test_current_actor_prefers_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANEL_APP_ACTOR", "  secretariat ")
    assert current_actor() == "secretariat"


def test_current_actor_falls_back_to_the_login_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PANEL_APP_ACTOR", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "ana")
    assert current_actor() == "ana"

    def no_user() -> str:
        raise OSError("no user name")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert current_actor() == "unknown"
