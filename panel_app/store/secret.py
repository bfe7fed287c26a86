"""Secrets of the workspace, kept in their own table (models.WorkspaceSecret) and never in
the audit log, which `panel-app audit show` and `audit export` show to whoever reads them.
"""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from panel_app.store.audit import lock_chain
from panel_app.store.models import WorkspaceSecret

SECRET_BYTES = 32


def read_secret(session: Session, name: str) -> bytes | None:
    found = session.get(WorkspaceSecret, name)
    return None if found is None else bytes(found.value)


def keep_secret(session: Session, name: str, value: bytes) -> None:
    """Store `value` under `name` unless a value is kept there already (which stays)."""
    if session.get(WorkspaceSecret, name) is None:
        session.add(WorkspaceSecret(name=name, value=value))
        session.flush()


def workspace_secret(session: Session, name: str) -> bytes:
    """The random secret kept under `name`, made on first use.

    Made under the audit chain's writer lock (PostgreSQL; SQLite has one writer), so that
    two chairs of a shared workspace never make two."""
    found = read_secret(session, name)
    if found is not None:
        return found
    lock_chain(session)
    found = read_secret(session, name)
    if found is not None:
        return found
    value = secrets.token_bytes(SECRET_BYTES)
    keep_secret(session, name, value)
    return value
