from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.exc import IntegrityError

from panel_app.store.database import (
    BEGIN_IMMEDIATE,
    BUSY,
    HEAD_REVISION,
    NOT_A_WORKSPACE,
    SQLITE_BUSY_TIMEOUT_MS,
    WorkspaceError,
    make_session_factory,
    open_database,
    page_cache,
    schema_revision,
    sqlite_url,
)
from panel_app.store.models import Base, ImportBatch, Submission, Workspace

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "workspaces"
OpenWorkspace = Callable[..., Engine]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def new_submission(submission_id: str, **overrides: object) -> Submission:
    fields: dict[str, object] = dict(
        submission_id=submission_id,
        title="A project",
        organisation="An organisation",
        stakeholder_type="Civil Society",
        country="Kenya",
        category_key="c1",
        summary="",
        sdg_linkage="",
        impact="",
        partnerships="",
        challenges="",
        project_status="",
        website="",
        contact_name="",
        contact_email="",
        content_sha256="0" * 64,
        source_file="set.xlsx",
        source_row=2,
    )
    fields.update(overrides)
    return Submission(**fields)


def test_create_from_nothing_gives_head_and_every_table(engine: Engine) -> None:
    assert HEAD_REVISION == "0011"
    assert schema_revision(engine) == HEAD_REVISION
    tables = set(inspect(engine).get_table_names())
    assert tables == set(Base.metadata.tables) | {"alembic_version"}


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_pragmas_are_in_force(tmp_path: Path, open_workspace: OpenWorkspace) -> None:
    engine = open_workspace(sqlite_url(tmp_path / "w.sqlite"), create=True)
    names = ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
    with engine.connect() as connection:
        values = [connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in names]
    assert values == ["wal", 1, 1, 10_000]  # synchronous 1 is NORMAL


def test_a_page_cache_held_small_for_a_block_is_given_back_after(
    tmp_path: Path, open_workspace: OpenWorkspace
) -> None:
    """An import holds SQLite's page cache to a few MiB (its memory does not grow with the
    file); the workspace's connection gets its 64 MiB back after."""
    engine = open_workspace(sqlite_url(tmp_path / "w.sqlite"), create=True)
    sessions = make_session_factory(engine)
    with sessions() as session:
        size = lambda: session.connection().exec_driver_sql("PRAGMA cache_size").scalar()  # noqa: E731
        assert size() == -65536
        with page_cache(session, 8192):
            assert size() == -8192
        assert size() == -65536


def test_begin_immediate_on_request(tmp_path: Path, open_workspace: OpenWorkspace) -> None:
    engine = open_workspace(sqlite_url(tmp_path / "w.sqlite"), create=True)
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    with engine.begin() as connection:
        connection.execute(select(Workspace.id))
    with engine.execution_options(**{BEGIN_IMMEDIATE: True}).begin() as connection:
        connection.execute(select(Workspace.id))
    assert [sql for sql in seen if sql.startswith("BEGIN")] == ["BEGIN", "BEGIN IMMEDIATE"]


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with make_session_factory(engine)() as session:
        session.add(new_submission("1001", import_batch_id=999))
        with pytest.raises(IntegrityError):
            session.commit()


def test_rollback_leaves_nothing_behind(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    with sessions() as session:
        session.add(new_submission("1001"))
        session.flush()
        session.rollback()
    with sessions() as session:
        assert session.scalars(select(Submission)).all() == []


def test_savepoint_rolls_back_only_its_part(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    with sessions() as session, session.begin():
        session.add(new_submission("1001"))
        with pytest.raises(IntegrityError), session.begin_nested():
            session.add(new_submission("1001"))  # duplicate Submission ID
    with sessions() as session:
        assert session.scalars(select(Submission.submission_id)).all() == ["1001"]


def test_sqlite_ddl_is_transactional(tmp_path: Path, open_workspace: OpenWorkspace) -> None:
    # pysqlite's legacy mode would have committed before CREATE TABLE.
    engine = open_workspace(sqlite_url(tmp_path / "w.sqlite"), create=True)
    with engine.connect() as connection:
        connection.exec_driver_sql("CREATE TABLE scratch (x INTEGER)")
        connection.rollback()
    assert "scratch" not in inspect(engine).get_table_names()


def test_datetimes_come_back_as_aware_utc(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    geneva = timezone(timedelta(hours=2))
    submitted = datetime(2017, 3, 1, 14, 30, 15, 123456, tzinfo=geneva)
    with sessions() as session:
        session.add(new_submission("1001", submitted_at=submitted))
        session.commit()
    with sessions() as session:
        loaded = session.scalars(select(Submission)).one()
        assert loaded.submitted_at == submitted
        assert loaded.submitted_at is not None and loaded.submitted_at.tzinfo is UTC
        assert loaded.submitted_at.hour == 12
        assert loaded.created_at.tzinfo is UTC


def test_json_columns_round_trip(engine: Engine) -> None:
    sessions = make_session_factory(engine)
    with sessions() as session:
        batch = ImportBatch(
            kind="submissions", file_name="set.xlsx", file_sha256="1" * 64, actor="x"
        )
        session.add(batch)
        session.flush()
        session.add(
            new_submission("1001", sdgs=[4, 9], extra={"备注": "=1+1"}, import_batch_id=batch.id)
        )
        session.commit()
    with sessions() as session:
        loaded = session.scalars(select(Submission)).one()
        assert (loaded.sdgs, loaded.extra) == ([4, 9], {"备注": "=1+1"})


def test_reopening_at_head_changes_nothing(tmp_path: Path, open_workspace: OpenWorkspace) -> None:
    path = tmp_path / "w.sqlite"
    open_workspace(sqlite_url(path), create=True).dispose()
    engine = open_workspace(sqlite_url(path))
    assert schema_revision(engine) == HEAD_REVISION
    assert not list(tmp_path.glob("*.before-*"))  # nothing to migrate, so no backup


def test_unusual_characters_in_the_path(tmp_path: Path, open_workspace: OpenWorkspace) -> None:
    folder = tmp_path / "Prix SMSI 100% #2 — 评审"
    folder.mkdir()
    path = folder / "work space.sqlite"
    open_workspace(sqlite_url(path), create=True).dispose()
    assert path.exists()
    assert schema_revision(open_workspace(sqlite_url(path))) == HEAD_REVISION
    with pytest.raises(WorkspaceError, match="contains '\\?'"):
        sqlite_url(folder / "what?.sqlite")


def test_missing_file_is_refused_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.sqlite"
    with pytest.raises(WorkspaceError, match=r"no workspace at .*nowhere\.sqlite"):
        open_database(sqlite_url(path))
    assert not path.exists()


def test_text_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are my notes, not a database\n" * 10)
    before = sha256(path)
    with pytest.raises(WorkspaceError, match="not a SQLite database"):
        open_database(sqlite_url(path), create=True)
    assert sha256(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other-app.sqlite"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE bookmarks (url TEXT)")
    other.close()
    before = sha256(path)
    with pytest.raises(WorkspaceError, match="holds tables but no panel-app schema version"):
        open_database(sqlite_url(path), create=True)
    assert sha256(path) == before


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_newer_schema_is_refused_byte_for_byte(tmp_path: Path, journal_mode: str) -> None:
    path = tmp_path / "from-the-future.sqlite"
    shutil.copyfile(FIXTURES / "schema-0001.sqlite", path)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA journal_mode = {journal_mode}")
        db.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
    db.close()
    expected_header = b"\x02\x02" if journal_mode == "wal" else b"\x01\x01"
    assert path.read_bytes()[18:20] == expected_header  # the journal mode, on disk
    before = sha256(path)

    with pytest.raises(WorkspaceError) as caught:
        open_database(sqlite_url(path))

    assert str(caught.value).startswith(
        "this workspace was written by a newer version of panel-app (schema ffffffffffff); "
        f"this version knows schemas up to {HEAD_REVISION}; update the app"
    )
    assert sha256(path) == before  # not even the journal mode was switched
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no -wal, no backup


def test_newer_schema_is_refused_on_every_dialect(
    database_url: str, open_workspace: OpenWorkspace
) -> None:
    open_workspace(database_url, create=True).dispose()
    plain = create_engine(database_url)
    with plain.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    plain.dispose()
    with pytest.raises(WorkspaceError, match=r"newer version of panel-app \(schema ffffffffffff\)"):
        open_database(database_url)
    plain = create_engine(database_url)
    assert schema_revision(plain) == "ffffffffffff"  # the refusal wrote nothing
    plain.dispose()


def test_empty_database_without_create_is_refused(database_url: str) -> None:
    with pytest.raises(WorkspaceError, match=r"no workspace|holds no panel-app workspace"):
        open_database(database_url)


def test_a_short_file_that_is_not_a_database_is_refused_as_such(tmp_path: Path) -> None:
    path = tmp_path / "note.sqlite"
    path.write_text("hello")
    with pytest.raises(WorkspaceError, match="not a SQLite database") as caught:
        open_database(sqlite_url(path))
    assert caught.value.kind == NOT_A_WORKSPACE
    assert path.read_text() == "hello"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.sqlite"]


# Another program's connection: a write to the scratch table, the connection then closed
# (after a line on stdin, if asked to wait), or a lock held for a while.
OTHER_WRITES = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("INSERT INTO scratch VALUES (?)", (sys.argv[2],))
if sys.argv[3:] == ["wait"]:
    print("written", flush=True)
    sys.stdin.readline()
db.close()
"""
OTHER_LOCKS = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA locking_mode = EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
db.close()
"""
READ_SCRATCH = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(*(x for (x,) in db.execute("SELECT x FROM scratch ORDER BY x")), sep=",")
"""


def test_opening_the_workspace_again_leaves_the_open_one_in_step_with_others(
    tmp_path: Path, open_workspace: OpenWorkspace
) -> None:
    """A window keeps its workspace open while its tasks open it again, and other programs
    come and go. Opening it again must not take from the window's connection the locks that
    tell them it is in use: else the next to close takes itself for the last, deletes the
    WAL and its index under the window, and from then on the window and the others each
    work on their own WAL: the window reads stale pages and writes where no one else looks
    (issue 15: "database disk image is malformed")."""
    path = tmp_path / "w.sqlite"
    url = sqlite_url(path)
    window = open_workspace(url, create=True)
    with window.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE scratch (x TEXT)")
    open_workspace(url).dispose()  # a task's own opening, beside the window's
    subprocess.run([sys.executable, "-c", OTHER_WRITES, str(path), "b"], check=True)
    with subprocess.Popen(
        [sys.executable, "-c", OTHER_WRITES, str(path), "c", "wait"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as other:
        assert other.stdout is not None and other.stdout.readline().strip() == "written"
        with window.begin() as connection:  # the window writes on, and reads
            connection.exec_driver_sql("INSERT INTO scratch VALUES ('window')")
            seen = connection.exec_driver_sql("SELECT x FROM scratch ORDER BY x").scalars()
            assert seen.all() == ["b", "c", "window"]
        other.communicate("\n", timeout=30)  # it closes
    assert other.returncode == 0
    window.dispose()
    fresh = subprocess.run(
        [sys.executable, "-c", READ_SCRATCH, str(path)], capture_output=True, text=True
    )
    assert fresh.stdout.strip() == "b,c,window"  # nothing written was lost


@pytest.mark.slow
def test_a_locked_workspace_is_waited_for_then_said_busy_never_foreign(tmp_path: Path) -> None:
    """Another program holding the workspace locked: opening waits for it (SQLite's busy
    timeout); past the wait it is refused as busy, untouched, not as a file that is not a
    workspace or a damaged one; once the lock is gone it opens."""
    path = tmp_path / "w.sqlite"
    open_database(sqlite_url(path), create=True).dispose()
    before = sha256(path)
    with subprocess.Popen(
        [sys.executable, "-c", OTHER_LOCKS, str(path), "13"], stdout=subprocess.PIPE, text=True
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
            started = time.monotonic()
            with pytest.raises(WorkspaceError) as caught:
                open_database(sqlite_url(path))
            waited = time.monotonic() - started
            assert caught.value.kind == BUSY
            message = str(caught.value)
            assert message.startswith(f"the workspace at {path} is busy: another program")
            assert "not a panel-app workspace" not in message and "damaged" not in message
            assert waited >= SQLITE_BUSY_TIMEOUT_MS / 1000 - 0.5
            assert sha256(path) == before
            # Asked again while the lock is still held: it waits for its end, then opens.
            engine = open_database(sqlite_url(path))
            assert holder.wait(timeout=5) == 0
            assert schema_revision(engine) == HEAD_REVISION
            engine.dispose()
        finally:
            holder.kill()
