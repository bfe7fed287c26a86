"""What the audit log says of review packages, and the one question the window's start asks
of it: was an expert's package opened in this workspace (an expert's laptop)?

Kept apart from the packages and the expert's workbook, which import openpyxl: the chair's
window asks at every start, and a start should not wait for a library it does not use
(docs/benchmarks.md, "The chair's window at 100k rows").
"""

from __future__ import annotations

from sqlalchemy import select

from panel_app.store.models import AuditEntry
from panel_app.workflow.workspace import OpenWorkspace

PACKAGE_ENTITY = "review_package"
OPENED = "review_package.opened"


def package_expert(workspace: OpenWorkspace) -> str | None:
    """The expert whose package was opened in this workspace (an expert's laptop), if any."""
    with workspace.sessions() as session:
        entry = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == PACKAGE_ENTITY, AuditEntry.action == OPENED)
            .order_by(AuditEntry.id.desc())
        ).first()
    return str(entry.after["expert"]) if entry is not None and entry.after else None
