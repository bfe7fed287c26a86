"""Fixtures shared by every test package (UI fixtures live in tests/ui/conftest.py)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from panel_app.store.database import sqlite_url

# e.g. postgresql+psycopg://postgres@127.0.0.1:54329/postgres (see .ci/postgres.sh).
POSTGRES_URL = os.environ.get("PANEL_APP_TEST_POSTGRES_URL", "").strip()

_DIALECTS = [pytest.param("sqlite", id="sqlite")]
if POSTGRES_URL:
    _DIALECTS.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql))


@pytest.fixture(scope="session")
def _postgres_admin() -> Iterator[Engine]:
    engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(params=_DIALECTS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty workspace database: SQLite always, PostgreSQL when
    PANEL_APP_TEST_POSTGRES_URL is set (one new database per test, dropped afterwards)."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "workspace.sqlite")
        return
    admin: Engine = request.getfixturevalue("_postgres_admin")
    name = f"panel_test_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            # FORCE: a test that failed may still hold connections open.
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
