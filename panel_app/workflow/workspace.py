"""Opening and creating a workspace: the database plus the edition it reviews."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from panel_app import __version__
from panel_app.edition import (
    Edition,
    latest_edition_key,
    load_edition_by_key,
    load_edition_text,
    read_edition_text,
)
from panel_app.paths import default_workspace_path
from panel_app.store.audit import current_actor, record_change
from panel_app.store.database import (
    BEGIN_IMMEDIATE,
    make_session_factory,
    open_database,
    sqlite_url,
)
from panel_app.store.errors import (
    BUSY,
    CANNOT_OPEN,
    DAMAGED,
    MISSING,
    NEWER,
    NOT_A_CHAIR,
    NOT_A_WORKSPACE,
    UPGRADE_FAILED,
    WORKSPACE_PROBLEMS,
    WorkspaceError,
)
from panel_app.store.models import Workspace

__all__ = [
    "BUSY",
    "CANNOT_OPEN",
    "DAMAGED",
    "DATABASE_URL_ENV",
    "MISSING",
    "NEWER",
    "NOT_A_CHAIR",
    "NOT_A_WORKSPACE",
    "UPGRADE_FAILED",
    "WORKSPACE_PROBLEMS",
    "OpenWorkspace",
    "WorkspaceError",
    "WorkspaceLocation",
    "create_workspace",
    "edition_choices",
    "locate_workspace",
    "open_workspace",
    "workspace_exists",
]

DATABASE_URL_ENV = "PANEL_APP_DATABASE_URL"


@dataclass(frozen=True)
class WorkspaceLocation:
    """Where a workspace lives: a SQLite file, or any SQLAlchemy URL."""

    url: str
    path: Path | None  # the SQLite file, when there is one

    @property
    def display(self) -> str:
        if self.path is not None:
            return str(self.path)
        return _hide_password(self.url)


def _hide_password(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_file(url: str) -> Path | None:
    """The file behind a sqlite:/// URL, so it is checked and shown like --workspace."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser().resolve()


def locate_workspace(
    path: Path | None = None, database_url: str | None = None
) -> WorkspaceLocation:
    """--workspace wins, then --database-url, then $PANEL_APP_DATABASE_URL, then the default."""
    if path is not None and database_url is not None:
        raise WorkspaceError("give either a workspace file or a database URL, not both")
    if path is not None:
        path = path.expanduser().resolve()
        return WorkspaceLocation(sqlite_url(path), path)
    url = database_url or os.environ.get(DATABASE_URL_ENV)
    if url:
        return WorkspaceLocation(url, _sqlite_file(url))
    default = default_workspace_path()
    return WorkspaceLocation(sqlite_url(default), default)


@dataclass
class OpenWorkspace:
    location: WorkspaceLocation
    engine: Engine
    sessions: sessionmaker[Session]
    edition: Edition

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole on success, rolled back whole on any error."""
        with self.write_session() as session, session.begin():
            yield session

    def write_session(self) -> Session:
        """A session that takes SQLite's write lock when it begins (BEGIN IMMEDIATE).

        A transaction that reads and then writes could otherwise fail half-way with
        "database is locked" when another process writes meanwhile.
        """
        immediate = self.engine.execution_options(**{BEGIN_IMMEDIATE: True})
        return Session(bind=immediate, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> OpenWorkspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def workspace_exists(location: WorkspaceLocation) -> bool:
    if location.path is not None:
        return location.path.exists()
    return True  # a server database: opening it tells


def open_workspace(
    location: WorkspaceLocation,
    *,
    create: bool = False,
    edition_key: str | None = None,
    actor: str | None = None,
) -> OpenWorkspace:
    """Open (migrating if needed) or create a workspace.

    A new workspace records the edition file's text, so it stays readable when the app's
    shipped edition files change later. Opening an existing workspace with a different
    `edition_key` is refused: one workspace reviews one edition.
    """
    # A new workspace's edition is checked before anything is written, so a mistyped
    # edition key leaves no empty database behind.
    new_edition = (
        load_edition_by_key(edition_key or latest_edition_key())
        if create and not workspace_exists(location)
        else None
    )
    if location.path is not None and create:
        location.path.parent.mkdir(parents=True, exist_ok=True)
    engine = open_database(location.url, create=create)
    try:
        sessions = make_session_factory(engine)
        with sessions.begin() as session:
            row = session.scalars(select(Workspace)).first()
            if row is None:
                if not create:
                    raise WorkspaceError(
                        f"{location.display} is an empty workspace with no edition; "
                        "create it with an import or `panel-app demo`",
                        kind=MISSING,
                    )
                row = _create_workspace_row(
                    session,
                    new_edition or load_edition_by_key(edition_key or latest_edition_key()),
                    actor or current_actor(),
                )
            elif edition_key is not None and edition_key != row.edition_key:
                raise WorkspaceError(
                    f"{location.display} reviews the edition {row.edition_key}, "
                    f"not {edition_key}; use another workspace for {edition_key}"
                )
            edition = load_edition_text(row.edition_source, Path(f"{row.edition_key}.toml"))
        return OpenWorkspace(location, engine, sessions, edition)
    except BaseException:
        engine.dispose()
        raise


def edition_choices() -> list[Edition]:
    """The editions a new workspace may review, newest first."""
    from panel_app.edition import available_editions, load_edition

    editions = [load_edition(path) for path in available_editions().values()]
    return sorted(editions, key=lambda edition: (edition.year, edition.key), reverse=True)


def create_workspace(
    location: WorkspaceLocation, edition_key: str, *, actor: str | None = None
) -> OpenWorkspace:
    """A new, empty workspace reviewing `edition_key` at `location`, open. A file already
    there is never taken over nor overwritten: refused (open it instead)."""
    if location.path is not None and location.path.exists():
        raise WorkspaceError(
            f"{location.display} exists already: open it, or choose another name for the "
            "new workspace"
        )
    return open_workspace(location, create=True, edition_key=edition_key, actor=actor)


def _create_workspace_row(session: Session, edition: Edition, actor: str) -> Workspace:
    row = Workspace(
        edition_key=edition.key,
        edition_digest=edition.digest,
        edition_source=read_edition_text(edition.source),
        created_by_version=__version__,
    )
    session.add(row)
    record_change(
        session,
        actor=actor,
        action="workspace.created",
        entity="workspace",
        entity_id=edition.key,
        after={"edition": edition.key, "edition_digest": edition.digest},
    )
    return row
