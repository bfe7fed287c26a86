"""Migrations over real old workspaces: one committed fixture per released schema."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command as alembic_command
from sqlalchemy import Engine, create_engine, inspect, pool, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from panel_app.store import database
from panel_app.store.audit import verify_chain
from panel_app.store.database import (
    HEAD_REVISION,
    WorkspaceError,
    alembic_config,
    make_session_factory,
    schema_revision,
    sqlite_url,
)
from panel_app.store.models import AuditEntry, Submission

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "workspaces"
SCHEMA_0001 = FIXTURES / "schema-0001.sqlite"
TABLES_0001 = ("workspace", "import_batch", "submission", "audit_log")
# Each table's columns at schema 0001, as the fixture holds them.
with closing(sqlite3.connect(f"file:{SCHEMA_0001}?mode=ro", uri=True)) as _fixture:
    COLUMNS_0001 = {
        table: [row[1] for row in _fixture.execute(f"PRAGMA table_info({table})")]
        for table in TABLES_0001
    }

OpenWorkspace = Callable[..., Engine]


def rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of schema 0001's tables, their columns of schema 0001 (later migrations add
    some), read with plain sqlite3 (read-only)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            table: db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
            for table, columns in COLUMNS_0001.items()
        }
    finally:
        db.close()


def revision(path: Path) -> str:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        db.close()


@pytest.fixture
def old_workspace(tmp_path: Path) -> Path:
    """A copy of the committed schema-0001 workspace; the committed file stays untouched."""
    path = tmp_path / "schema-0001.sqlite"
    shutil.copyfile(SCHEMA_0001, path)
    return path


def test_the_written_head_revision_is_the_newest_migration_script() -> None:
    """HEAD_REVISION is written out (no Alembic at start); a new migration must move it."""
    assert database.head_revision() == HEAD_REVISION


def test_opening_a_current_workspace_does_not_import_alembic(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "current.sqlite")
    database.open_database(url, create=True).dispose()  # made, and migrated, here
    reopen = (
        "import sys\n"
        "from panel_app.store.database import open_database\n"
        f"open_database({url!r}).dispose()\n"
        "print('alembic' in sys.modules)\n"
    )
    shown = subprocess.run([sys.executable, "-c", reopen], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == "False"


def test_fixture_is_at_schema_0001() -> None:
    assert revision(SCHEMA_0001) == "0001"
    assert len(rows(SCHEMA_0001)["submission"]) == 3


def test_schema_0001_migrates_to_head_keeping_every_row(
    old_workspace: Path, open_workspace: OpenWorkspace
) -> None:
    before = rows(old_workspace)

    engine = open_workspace(sqlite_url(old_workspace))

    assert schema_revision(engine) == HEAD_REVISION
    assert {"expert", "review", "score", "decision", "list_freeze", "past_winner"} <= set(
        inspect(engine).get_table_names()
    )
    engine.dispose()  # checkpoint the WAL so plain sqlite3 sees everything in the file
    assert rows(old_workspace) == before
    with make_session_factory(engine)() as session:  # the old entries chained, in order
        check = verify_chain(session)
    assert check.intact and check.entries == len(before["audit_log"]) == 3
    # The models read the old rows as they were written.
    with make_session_factory(engine)() as session:
        chinese = session.scalars(
            select(Submission).where(Submission.submission_id == "1002")
        ).one()
        assert chinese.title == "数字扫盲项目"
        assert chinese.sdgs == [4]
        assert chinese.extra == {"Remarks": "=SUM(A1)"}
        assert chinese.submitted_at == datetime(2017, 1, 12, 12, tzinfo=UTC)
        assert len(session.scalars(select(AuditEntry)).all()) == 3


def test_migration_leaves_a_backup_at_the_old_schema(
    old_workspace: Path, open_workspace: OpenWorkspace
) -> None:
    before = rows(old_workspace)

    open_workspace(sqlite_url(old_workspace)).dispose()

    backups = list(old_workspace.parent.glob("*.before-*"))
    assert len(backups) == 1
    assert re.fullmatch(
        rf"schema-0001\.before-0001-to-{HEAD_REVISION}\.\d{{8}}T\d{{6}}Z\.sqlite", backups[0].name
    )
    assert revision(backups[0]) == "0001"
    assert rows(backups[0]) == before

    # A second open finds the schema at head: nothing to do, no second backup.
    engine = open_workspace(sqlite_url(old_workspace))
    assert schema_revision(engine) == HEAD_REVISION
    assert list(old_workspace.parent.glob("*.before-*")) == backups


def test_backup_goes_to_the_folder_given(
    old_workspace: Path, tmp_path: Path, open_workspace: OpenWorkspace
) -> None:
    open_workspace(sqlite_url(old_workspace), backup_dir=tmp_path / "backups")
    assert [p.name.split(".")[1] for p in (tmp_path / "backups").iterdir()] == [
        f"before-0001-to-{HEAD_REVISION}"
    ]


def test_failed_migration_keeps_the_old_schema_and_names_the_backup(
    old_workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = rows(old_workspace)

    from alembic import command

    real_upgrade = command.upgrade

    def upgrade_then_fail(config: Any, target: str) -> None:
        # The real migration runs (its tables are created), then something fails.
        real_upgrade(config, target)
        raise OperationalError("ALTER TABLE ...", {}, Exception("disk I/O error"))

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)

    with pytest.raises(WorkspaceError) as caught:
        database.open_database(sqlite_url(old_workspace))

    [backup] = old_workspace.parent.glob("*.before-*")
    message = str(caught.value)
    assert "could not upgrade the workspace" in message
    assert "disk I/O error" in message
    assert str(backup) in message
    # The workspace is still there, whole, at its old schema: DDL rolled back with the rest.
    assert old_workspace.exists()
    assert revision(old_workspace) == "0001"
    assert rows(old_workspace) == before
    db = sqlite3.connect(old_workspace)
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'expert'").fetchall() == []
    db.close()


def test_committed_fixture_is_never_modified(old_workspace: Path) -> None:
    # Guards the tests above: they must work on copies only.
    assert (
        hashlib.sha256(SCHEMA_0001.read_bytes()).digest()
        == hashlib.sha256(old_workspace.read_bytes()).digest()
    )


def _at_revision(url: str, target: str, *, downgrade: bool = False) -> None:
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.begin() as connection:
        if downgrade:
            alembic_command.downgrade(alembic_config(connection), target)
        else:
            alembic_command.upgrade(alembic_config(connection), target)
    engine.dispose()


_BATCH = (
    "INSERT INTO import_batch (id, kind, file_name, file_sha256, actor, at, added, updated,"
    " unchanged) VALUES (:id, 'past-winners', 'w.xlsx', :sha, 'chair', :at, 1, 0, 0)"
)
_SUBMISSION = (
    "INSERT INTO submission (id, submission_id, title, organisation, stakeholder_type,"
    " country, category_key, sdgs, summary, sdg_linkage, impact, partnerships, challenges,"
    " project_status, website, contact_name, contact_email, extra, content_sha256,"
    " source_file, source_row, created_at, updated_at) VALUES (:id, :sid, 'T', 'O', 'S', 'K',"
    " 'C2', '[]', '', '', '', '', '', '', '', '', '', '{}', :sha, 'f.xlsx', 2, :at, :at)"
)
_FINDING = (
    "INSERT INTO rule_finding (rule_id, severity, submission_pk, related_submission_pk,"
    " template, params, evidence, created_at) VALUES (:rule, 'ineligible', 1, :related, 'x',"
    " '{}', 'x', :at)"
)
_WINNER = (
    "INSERT INTO past_winner (title, organisation, edition_year, edition, title_key,"
    " organisation_key, source_file, source_row, import_batch_id, created_at) VALUES"
    " (:title, 'Agri Ltd.', 2018, '2018', :key, 'agri', 'w.xlsx', 2, 1, :at)"
)


def test_0004_adds_past_winners_keeping_rows_and_goes_back(database_url: str) -> None:
    """Schema 0003 -> 0004 on each dialect: the table comes, rows of 0003 stay, the same
    winner cannot be stored twice, nor the same finding (single or pair), and the
    downgrade removes only what 0004 added."""
    at = datetime(2020, 1, 1, tzinfo=UTC)
    _at_revision(database_url, "0003")
    engine = create_engine(database_url, poolclass=pool.NullPool)
    with engine.begin() as connection:
        connection.execute(text(_BATCH), {"id": 1, "sha": "a" * 64, "at": at})
        for pk in (1, 2):
            connection.execute(text(_SUBMISSION), {"id": pk, "sid": str(pk), "sha": "b", "at": at})
        connection.execute(text(_FINDING), {"rule": "late", "related": None, "at": at})
        connection.execute(text(_FINDING), {"rule": "duplicate-project", "related": 2, "at": at})
    _at_revision(database_url, "0004")
    with engine.begin() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0004"
        )
        assert connection.execute(text("SELECT count(*) FROM import_batch")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM rule_finding")).scalar() == 2
        connection.execute(text(_WINNER), {"title": "Kilimo", "key": "kilimo", "at": at})
        connection.execute(text(_FINDING), {"rule": "no-sdg", "related": None, "at": at})
        connection.execute(text(_FINDING), {"rule": "duplicate-project", "related": 1, "at": at})
    for statement, values in (
        (_WINNER, {"title": "KILIMO", "key": "kilimo"}),
        (_FINDING, {"rule": "late", "related": None}),
        (_FINDING, {"rule": "duplicate-project", "related": 2}),
    ):
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(text(statement), {**values, "at": at})
    _at_revision(database_url, "0003", downgrade=True)
    tables = set(inspect(engine).get_table_names())
    assert "past_winner" not in tables and "import_batch" in tables
    _at_revision(database_url, "head")
    assert "past_winner" in set(inspect(engine).get_table_names())
    engine.dispose()


def test_0007_adds_the_secrets_table_and_goes_back(database_url: str) -> None:
    """Schema 0006 -> 0007 on each dialect: the table of secrets kept out of the audit log
    comes, one value per name, and the downgrade removes it alone."""
    at = datetime(2020, 1, 1, tzinfo=UTC)
    _at_revision(database_url, "0006")
    engine = create_engine(database_url, poolclass=pool.NullPool)
    assert "workspace_secret" not in set(inspect(engine).get_table_names())
    _at_revision(database_url, "0007")
    secret = text("INSERT INTO workspace_secret (name, value, created_at) VALUES (:n, :v, :at)")
    with engine.begin() as connection:
        connection.execute(secret, {"n": "review-packages", "v": b"\x00" * 32, "at": at})
        stored = connection.execute(text("SELECT value FROM workspace_secret")).scalar()
        assert bytes(stored) == b"\x00" * 32
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(secret, {"n": "review-packages", "v": b"\x01", "at": at})
    _at_revision(database_url, "0006", downgrade=True)
    tables = set(inspect(engine).get_table_names())
    assert "workspace_secret" not in tables and "audit_log" in tables
    _at_revision(database_url, "head")
    assert "workspace_secret" in set(inspect(engine).get_table_names())
    engine.dispose()


def test_0009_gives_past_winners_a_description_keeping_rows_and_goes_back(
    database_url: str,
) -> None:
    """Schema 0008 -> 0009 on each dialect: the winners held get an empty description (rule
    11 then compares no text for them), a new one may carry one; the downgrade removes the
    column only."""
    at = datetime(2020, 1, 1, tzinfo=UTC)
    _at_revision(database_url, "0008")
    engine = create_engine(database_url, poolclass=pool.NullPool)
    with engine.begin() as connection:
        connection.execute(text(_BATCH), {"id": 1, "sha": "a" * 64, "at": at})
        connection.execute(text(_WINNER), {"title": "Kilimo", "key": "kilimo", "at": at})
    _at_revision(database_url, "0009")
    with engine.begin() as connection:
        assert connection.execute(text("SELECT title, text FROM past_winner")).all() == [
            ("Kilimo", "")
        ]
        connection.execute(text(_WINNER), {"title": "Harvest", "key": "harvest", "at": at})
        connection.execute(
            text("UPDATE past_winner SET text = 'Insures farmers' WHERE title = 'Harvest'")
        )
    _at_revision(database_url, "0008", downgrade=True)
    columns = {c["name"] for c in inspect(engine).get_columns("past_winner")}
    assert "text" not in columns and "title_key" in columns
    with engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM past_winner")).scalar() == 2
    _at_revision(database_url, "head")
    engine.dispose()


def test_0010_adds_chair_conflicts_and_gate_answers_keeping_rows_and_goes_back(
    database_url: str,
) -> None:
    """Schema 0009 -> 0010 on each dialect: the chairs' conflicts table comes, the reviews
    held keep their scores and answer no gate (NULL), a new one holds its answers; the
    downgrade removes both alone."""
    at = datetime(2020, 1, 1, tzinfo=UTC)
    _at_revision(database_url, "0009")
    engine = create_engine(database_url, poolclass=pool.NullPool)
    review = (
        "INSERT INTO review (expert_pk, submission_pk, round, revision, comment,"
        " conflict_declared, abstained, origin, updated_at) VALUES (1, 1, :round, 0, '',"
        " false, false, 'app', :at)"
    )
    with engine.begin() as connection:
        connection.execute(text(_SUBMISSION), {"id": 1, "sid": "1", "sha": "b", "at": at})
        connection.execute(
            text(
                "INSERT INTO expert (id, expert_code, name, email, organisation, country,"
                " category_keys, created_at) VALUES (1, 'E1', 'E', '', '', '', '[]', :at)"
            ),
            {"at": at},
        )
        connection.execute(text(review), {"round": "nomination", "at": at})
        connection.execute(
            text(
                "INSERT INTO chair (id, name, role, added_at, added_by) VALUES"
                " (1, 'Ada', 'chair', :at, 'setup')"
            ),
            {"at": at},
        )
    assert "chair_conflict" not in set(inspect(engine).get_table_names())
    _at_revision(database_url, "0010")
    with engine.begin() as connection:
        assert connection.execute(text("SELECT gates FROM review")).all() == [(None,)]
        connection.execute(text(review), {"round": "final", "at": at})
        connection.execute(
            text("UPDATE review SET gates = '[true, false, null]' WHERE round = 'final'")
        )
        connection.execute(
            text(
                "INSERT INTO chair_conflict (chair_pk, organisation, submission_pk, reason,"
                " declared_at, declared_by) VALUES (1, NULL, 1, 'my sister', :at, 'Ada')"
            ),
            {"at": at},
        )
    _at_revision(database_url, "0009", downgrade=True)
    assert "chair_conflict" not in set(inspect(engine).get_table_names())
    assert "gates" not in {c["name"] for c in inspect(engine).get_columns("review")}
    with engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM review")).scalar() == 2
    _at_revision(database_url, "head")
    engine.dispose()


def test_0011_adds_the_experts_language_keeping_them_and_goes_back(database_url: str) -> None:
    """Schema 0010 -> 0011 on each dialect: the experts held keep their rows with no
    language (the chair's choice when the packages are written); one may then be given;
    the downgrade removes the column alone."""
    at = datetime(2020, 1, 1, tzinfo=UTC)
    _at_revision(database_url, "0010")
    engine = create_engine(database_url, poolclass=pool.NullPool)
    expert = (
        "INSERT INTO expert (id, expert_code, name, email, organisation, country,"
        " category_keys, created_at) VALUES (:id, :code, 'E', '', '', '', '[]', :at)"
    )
    with engine.begin() as connection:
        connection.execute(text(expert), {"id": 1, "code": "E1", "at": at})
    _at_revision(database_url, "0011")
    with engine.begin() as connection:
        assert connection.execute(text("SELECT expert_code, language FROM expert")).all() == [
            ("E1", None)
        ]
        connection.execute(text(expert), {"id": 2, "code": "E2", "at": at})
        connection.execute(text("UPDATE expert SET language = 'fr' WHERE id = 2"))
        assert connection.execute(text("SELECT language FROM expert ORDER BY id")).all() == [
            (None,),
            ("fr",),
        ]
    _at_revision(database_url, "0010", downgrade=True)
    assert "language" not in {c["name"] for c in inspect(engine).get_columns("expert")}
    with engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM expert")).scalar() == 2
    _at_revision(database_url, "head")
    engine.dispose()
