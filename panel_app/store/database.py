"""Opening a workspace: engine set-up per dialect, schema checks and migrations at start-up.

A workspace is one SQLite file (the embedded default) or one PostgreSQL database (shared by
a secretariat). `open_database` is the only way in: it refuses what it must not touch
(a missing file, a file that is not a database, a schema newer than this app knows) before
anything writes to it, backs an older SQLite workspace up with SQLite's online backup API
and then brings the schema to head with the Alembic scripts shipped in this package.
"""

from __future__ import annotations

import functools
import sqlite3
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Connection, Engine, Table, create_engine, event, insert, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:  # Alembic is imported when a migration is due: it costs every start
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Importing audit registers the ORM guard that keeps the audit log append-only.
from panel_app.store import audit as _audit  # noqa: F401
from panel_app.store.errors import (
    BUSY,
    CANNOT_OPEN,
    DAMAGED,
    MISSING,
    NEWER,
    NOT_A_WORKSPACE,
    UPGRADE_FAILED,
    WorkspaceError,
)

MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"

# Milliseconds a connection waits for another writer (a second window, a worker thread).
SQLITE_BUSY_TIMEOUT_MS: Final = 10_000
SQLITE_WAL_AUTOCHECKPOINT_PAGES: Final = 1000  # SQLite's default

# Execution option: start this connection's transactions with BEGIN IMMEDIATE on SQLite,
# taking the write lock up front, so a read-then-write transaction cannot fail half-way
# with "database is locked" when another connection wrote in between.
BEGIN_IMMEDIATE: Final = "panel_app_begin_immediate"


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of the SQLite workspace file at `path`."""
    database = str(Path(path).absolute())
    # SQLAlchemy does not unquote the path in a URL string: a '?' would start its query.
    if "?" in database:
        raise WorkspaceError(
            f"panel-app cannot open a workspace whose path contains '?': {database}. "
            "Rename the file or folder."
        )
    return URL.create("sqlite+pysqlite", database=database).render_as_string()


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code: the scripts ship inside this package.

    Migrations run on `connection` (see migrations/env.py) inside the caller's transaction.
    """
    from alembic.config import Config

    config = Config()
    # configparser interpolates '%', which may appear in a path.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@functools.cache
def _script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    head = _script_directory().get_current_head()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise RuntimeError(f"no migration scripts found in {MIGRATIONS_DIR}")
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in _script_directory().walk_revisions())


# The newest schema revision, written out so that opening a current workspace needs no
# Alembic; tests/store/test_migrations.py checks it is head_revision() of the scripts.
HEAD_REVISION: Final = "0011"


def _current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def schema_revision(engine: Engine) -> str | None:
    """The workspace's schema revision (None for an empty database), for display."""
    with engine.connect() as connection:
        return _current_revision(connection)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    # Objects stay readable after a commit: the UI shows what it has just saved without
    # another round trip, and every change is committed at once (see architecture.md).
    return sessionmaker(bind=engine, expire_on_commit=False)


def bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows, given as dictionaries with the same keys (see bulk_insert_rows)."""
    if not rows:
        return
    columns = list(rows[0])
    bulk_insert_rows(session, table, columns, [[row[name] for name in columns] for row in rows])


def bulk_insert_rows(
    session: Session, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert many rows (values in the order of `columns`) with one executemany.

    The column types' own bind processors (JSON, UTC date-times) prepare the values, so the
    rows read back exactly as through the ORM; what is skipped is SQLAlchemy's per-row
    bookkeeping, about half the cost of storing 10k long submissions (measured). A value
    object met again (the import's time stamps, a shared SDG list) is prepared once.
    """
    connection = session.connection()
    plan = _insert_plan(table, tuple(columns), connection.dialect)
    take, in_order, positional, order = plan.take, plan.in_order, plan.positional, plan.order
    # (position in the statement, processor, prepared values by object identity)
    steps: list[tuple[int, Any, dict[int, tuple[Any, Any]]]] = [
        (at, processor, {}) for at, processor in plan.processors
    ]
    adapt = plan.adapt
    parameters: list[Any] = []
    for row in rows:
        values = list(row) if in_order else [row[index] for index in take]
        for at, processor, prepared in steps:
            value = values[at]
            if value is None:
                continue
            # The memo holds the value itself, so its id is not reused during the call.
            seen = prepared.get(id(value))
            if seen is not None and seen[0] is value:
                values[at] = seen[1]
                continue
            out = processor(value)
            if adapt is not None and out.__class__ is not str:
                out = adapt(out)
            prepared[id(value)] = (value, out)
            values[at] = out
        if positional:
            parameters.append(tuple(values))
        else:
            parameters.append(dict(zip(order, values, strict=True)))
    if parameters:
        connection.exec_driver_sql(plan.sql, parameters)


@dataclass(frozen=True)
class _InsertPlan:
    """A compiled INSERT and how to lay a row out for it (see bulk_insert_rows)."""

    sql: str
    positional: bool
    order: list[str]  # the statement's parameters, in its order
    take: list[int]  # for each, its position in the caller's columns
    in_order: bool  # take is the identity: a row goes as it is
    processors: list[tuple[int, Any]]  # (position in the statement, bind processor)
    adapt: Callable[[Any], Any] | None


# Compiling the INSERT is SQLAlchemy's slowest step for a small import (a few ms in a
# fresh process): done once per table, columns and database, not once per batch.
@functools.lru_cache(maxsize=64)
def _insert_plan(table: Table, columns: tuple[str, ...], dialect: Any) -> _InsertPlan:
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    order = list(compiled.positiontup or []) if compiled.positional else list(columns)
    position = {name: index for index, name in enumerate(columns)}
    take = [position[name] for name in order]
    processors = []
    for at, name in enumerate(order):
        processor = table.c[name].type.bind_processor(dialect)
        if processor is not None:
            processors.append((at, processor))
    return _InsertPlan(
        sql=compiled.string,
        positional=bool(compiled.positional),
        order=order,
        take=take,
        in_order=take == list(range(len(columns))),
        processors=processors,
        adapt=_driver_adapter(dialect),
    )


def _driver_adapter(dialect: Any) -> Callable[[Any], Any] | None:
    """pysqlite's own adapter step (a date-time to its text), so a memoised value is
    adapted once rather than by the driver in every row; None for other drivers."""
    if dialect.driver != "pysqlite":
        return None
    adapters = sqlite3.adapters

    def adapt(value: Any) -> Any:
        adapter = adapters.get((type(value), sqlite3.PrepareProtocol))
        return value if adapter is None else adapter(value)

    return adapt


@contextmanager
def deferred_checkpoint(session: Session) -> Iterator[None]:
    """Keep SQLite from checkpointing the WAL inside this session's commit.

    A bulk import writes its pages to the WAL once; the automatic checkpoint would then copy
    them all into the database file before the commit returns (0.75 s for 120 MB of text,
    measured). The data is durable in the WAL at commit, so the copy can wait for the next
    write or the closing of the workspace. The setting is restored on the same connection
    after the block (which must hold the commit).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.execute("PRAGMA wal_autocheckpoint = 0")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_WAL_AUTOCHECKPOINT_PAGES}")


@contextmanager
def page_cache(session: Session, kib: int) -> Iterator[None]:
    """SQLite's page cache of this session's connection held to `kib` KiB in the block
    (the workspace's setting is 64 MiB), and given back its setting after; pages beyond
    the new size are let go at once. Other databases: nothing changes."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    (before,) = raw.execute("PRAGMA cache_size").fetchone()
    raw.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {int(before)}")


@dataclass(frozen=True)
class _Found:
    """What a read-only look at a database found, before anything writes to it."""

    revision: str | None
    has_tables: bool


def open_database(
    url: str | URL, *, create: bool = False, backup_dir: Path | None = None
) -> Engine:
    """Open the workspace at `url`, migrating it to the current schema if it is older.

    create: make a new, empty workspace when there is none (a missing SQLite file, or a
    PostgreSQL database without tables). backup_dir: where the backup of an older SQLite
    workspace goes before migration (default: beside the workspace file).
    Raises WorkspaceError for anything the user can act on; the database is then unchanged.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _open_sqlite(parsed, create=create, backup_dir=backup_dir)
    return _open_server(parsed, create=create)


# SQLite ------------------------------------------------------------------------------------


def _open_sqlite(url: URL, *, create: bool, backup_dir: Path | None) -> Engine:
    if url.database in (None, "", ":memory:") or url.database.startswith("file:"):
        raise ValueError(f"a workspace is a SQLite file given by its path, not {url.database!r}")
    path = Path(url.database).expanduser()
    url = url.set(database=str(path))  # SQLite itself would not expand '~'
    if path.is_dir():
        raise WorkspaceError(
            f"{path} is a folder, not a panel-app workspace file", kind=NOT_A_WORKSPACE
        )
    if path.exists():
        found = _probe_sqlite_file(path)
    elif create:
        path.parent.mkdir(parents=True, exist_ok=True)
        found = _Found(revision=None, has_tables=False)
    else:
        raise WorkspaceError(
            f"no workspace at {path}: the file does not exist. "
            "Check the path, or create a new workspace there.",
            kind=MISSING,
        )
    _check_revision(found, where=str(path), create=create)

    # The busy handler from the connection's first statement on (the pragmas of
    # _configure_sqlite included): another process's write or checkpoint is waited for.
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine)
    try:
        if found.revision != HEAD_REVISION:
            backup = None
            if found.revision is not None:
                backup = _backup_sqlite(path, found.revision, backup_dir or path.parent)
            _upgrade(engine, found.revision, where=str(path), backup=backup)
        else:
            try:
                with engine.connect():  # the pragmas run here: a failure is said as what it is
                    pass
            except DBAPIError as exc:
                if not isinstance(exc.orig, sqlite3.Error):
                    raise
                raise _sqlite_refusal(path, exc.orig) from exc
    except BaseException:
        engine.dispose()
        raise
    return engine


def _sqlite_uri(path: Path, mode: str) -> str:
    return "file:" + urllib.request.pathname2url(str(path.absolute())) + f"?mode={mode}"


def _probe_sqlite_file(path: Path) -> _Found:
    """Read the schema revision without writing anything, not even the journal mode.

    Through SQLite alone, never a file handle of our own on the workspace: POSIX locks
    belong to the process, and closing any descriptor of the file drops every lock that
    this process's SQLite connections hold on it (the window's, while a task opens the
    workspace again). Another process then takes this one for gone, checkpoints the WAL
    and deletes it and its index under the open connections: their reads find pages that
    are not there ("database disk image is malformed", "disk I/O error") and their writes
    are lost (issue 15; SQLite's "How To Corrupt", 2.2). SQLite's own opening of the file
    shares the process's locks and keeps them.

    A read-write connection that sets nothing, with the usual wait for a busy database: a
    read-only one would leave -wal and -shm files behind it, and an immutable one (no
    locks) reads pages while another process checkpoints into them. On a WAL database open
    nowhere else, the -wal and -shm files it makes are gone again when it closes.
    """
    try:
        connection = sqlite3.connect(
            _sqlite_uri(path, "rw"),
            uri=True,
            timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
        )
    except sqlite3.Error as exc:
        raise _sqlite_refusal(path, exc) from exc
    try:
        connection.execute("BEGIN")  # one snapshot for both reads
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        connection.execute("COMMIT")
    except sqlite3.Error as exc:
        raise _sqlite_refusal(path, exc) from exc
    finally:
        connection.close()
    return _Found(revision=revision, has_tables=bool(tables - {"alembic_version"}))


_BUSY_CODES: Final = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def _sqlite_code(exc: BaseException | None) -> int | None:
    """SQLite's primary result code of a sqlite3 error (None for any other error)."""
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _sqlite_refusal(path: Path, exc: BaseException) -> WorkspaceError:
    """What SQLite's error on opening the workspace means to the person opening it.

    Only SQLite's "not a database" is a file that is not a workspace; a lock held past the
    wait is a busy workspace, to try again; anything else is said as SQLite says it.
    """
    code = _sqlite_code(exc)
    if code == sqlite3.SQLITE_NOTADB:
        return WorkspaceError(
            f"{path} is not a panel-app workspace: it is not a SQLite database file. "
            "It was left as it is.",
            kind=NOT_A_WORKSPACE,
        )
    if code in _BUSY_CODES:
        return WorkspaceError(
            f"the workspace at {path} is busy: another program (a window, a desk, a "
            f"panel-app command) kept it locked for more than {SQLITE_BUSY_TIMEOUT_MS // 1000} "
            f"seconds ({exc}). Nothing was changed; try again when it is done.",
            kind=BUSY,
        )
    if code == sqlite3.SQLITE_CORRUPT:
        return WorkspaceError(
            f"the workspace at {path} is damaged: SQLite cannot read it ({exc}). It was left "
            "as it is; open a backup of it, or ask for help to recover what it holds.",
            kind=DAMAGED,
        )
    return WorkspaceError(f"cannot open the workspace at {path}: {exc}", kind=CANNOT_OPEN)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # pysqlite's legacy transaction handling commits before DDL and knows no SAVEPOINT;
        # turn it off and let SQLAlchemy emit BEGIN itself (the SQLAlchemy pysqlite
        # "serializable isolation / savepoints / transactional DDL" recipe). On Python 3.12+
        # `autocommit=False` would do the same.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # Pragmas are per connection (journal_mode is stored in the file) and must be
            # set outside a transaction. The wait first (the engine's connect_args set it
            # already): switching to WAL, or reading that it is, may meet a lock.
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = NORMAL")  # durable enough under WAL
            # 64 MiB of page cache: an import of long texts spills far less to the WAL early.
            cursor.execute("PRAGMA cache_size = -65536")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(BEGIN_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _backup_sqlite(path: Path, revision: str, backup_dir: Path) -> Path:
    """Copy the workspace with SQLite's online backup API (a file copy can miss the WAL)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"{path.stem}.before-{revision}-to-{HEAD_REVISION}.{stamp}"
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        target = backup_dir / f"{name}.sqlite"
        counter = 1
        while target.exists():  # two upgrades within one second must not overwrite
            counter += 1
            target = backup_dir / f"{name}-{counter}.sqlite"
        source = sqlite3.connect(
            _sqlite_uri(path, "ro"), uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000
        )
        try:
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            source.close()
    except (OSError, sqlite3.Error) as exc:
        raise WorkspaceError(
            f"the workspace at {path} needs an upgrade from schema {revision} to "
            f"{HEAD_REVISION}, but no backup could be written to {backup_dir} ({exc}); "
            "nothing was changed. Free some space or choose another backup folder.",
            kind=UPGRADE_FAILED,
        ) from exc
    return target


# PostgreSQL (and any other server database) -------------------------------------------------


def _open_server(url: URL, *, create: bool) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)
    where = url.render_as_string(hide_password=True)
    try:
        try:
            with engine.connect() as connection:
                found = _Found(
                    revision=_current_revision(connection),
                    has_tables=bool(
                        set(inspect(connection).get_table_names()) - {"alembic_version"}
                    ),
                )
        except SQLAlchemyError as exc:
            raise WorkspaceError(
                f"cannot connect to the workspace database {where}: {exc}"
            ) from exc
        _check_revision(found, where=where, create=create)
        if found.revision != HEAD_REVISION:
            # No file backup here: PostgreSQL DDL is transactional, so the whole upgrade runs
            # in one transaction and a failure leaves the schema exactly as it was. Backups of
            # a shared server are the database administrator's (pg_dump), not the app's.
            _upgrade(engine, found.revision, where=where, backup=None)
    except BaseException:
        engine.dispose()
        raise
    return engine


# Both ----------------------------------------------------------------------------------------


def _check_revision(found: _Found, *, where: str, create: bool) -> None:
    if found.revision is None:
        if found.has_tables:
            raise WorkspaceError(
                f"{where} is not a panel-app workspace: it holds tables but no panel-app "
                "schema version. It was left as it is.",
                kind=NOT_A_WORKSPACE,
            )
        if not create:
            raise WorkspaceError(
                f"{where} holds no panel-app workspace yet; create one first.", kind=MISSING
            )
        return
    if found.revision != HEAD_REVISION and found.revision not in known_revisions():
        raise WorkspaceError(
            f"this workspace was written by a newer version of panel-app "
            f"(schema {found.revision}); this version knows schemas up to {HEAD_REVISION}; "
            f"update the app to open {where}. The workspace was left as it is.",
            kind=NEWER,
        )


def _upgrade(engine: Engine, revision: str | None, *, where: str, backup: Path | None) -> None:
    """Bring the schema to head in ONE transaction: it lands whole or not at all."""
    try:
        with engine.connect() as connection:
            connection.execution_options(**{BEGIN_IMMEDIATE: True})
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    # Two chairs opening an old shared workspace at once: one migrates, the
                    # other waits here and then finds the schema at head.
                    connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7283950164)")
                elif connection.dialect.name == "sqlite":
                    # Table rebuilds in batch migrations drop and recreate tables that
                    # others refer to; check foreign keys at commit, not statement by statement.
                    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                current = _current_revision(connection)
                if current != HEAD_REVISION:
                    from alembic import command

                    command.upgrade(alembic_config(connection), "head")
    except DBAPIError as exc:
        if exc.orig is not None and _sqlite_code(exc.orig) in _BUSY_CODES:
            # It waited in vain for the lock: a busy workspace, not a failed upgrade.
            raise _sqlite_refusal(Path(where), exc.orig) from exc
        raise _upgrade_failed(exc, revision, where=where, backup=backup) from exc
    except Exception as exc:  # a bug in a migration included: the user needs the backup
        raise _upgrade_failed(exc, revision, where=where, backup=backup) from exc


def _upgrade_failed(
    exc: Exception, revision: str | None, *, where: str, backup: Path | None
) -> WorkspaceError:
    kept = f"a backup made before the attempt is at {backup}" if backup else "no data was lost"
    return WorkspaceError(
        f"could not upgrade the workspace {where} from schema {revision or 'none'} to "
        f"{HEAD_REVISION} ({exc}). The workspace was left at its old schema; {kept}. "
        "Please report this problem.",
        kind=UPGRADE_FAILED,
    )
