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
# The CLI speaks the system's language when not told: the tests read its English, whatever
# the locale of the machine running them (a test of the choice sets these itself).
os.environ["LANGUAGE"] = "en"

POSTGRES_URL = os.environ.get("PANEL_APP_TEST_POSTGRES_URL", "").strip()

_DIALECTS = [pytest.param("sqlite", id="sqlite")]
if POSTGRES_URL:
    _DIALECTS.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql))


@pytest.fixture(scope="session", autouse=True)
def no_real_user_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test touches the person's own default workspace or database: a command run
    without --workspace (or one whose option were dropped) lands in a folder of the
    session's, and $PANEL_APP_DATABASE_URL from the person's shell is not seen. Subprocesses
    inherit both (platformdirs reads XDG_DATA_HOME on Linux, where the suite runs)."""
    names = ("XDG_DATA_HOME", "PANEL_APP_DATABASE_URL")
    saved = {name: os.environ.get(name) for name in names}
    folder = tmp_path_factory.mktemp("user-data")
    os.environ["XDG_DATA_HOME"] = str(folder)
    os.environ.pop("PANEL_APP_DATABASE_URL", None)
    yield folder
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


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
