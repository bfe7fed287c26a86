"""What every report states about itself: who made it when, from which workspace and
edition, and a digest of the data it was made from (equal digests: equal data)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from panel_app.reports.model import Provenance
from panel_app.store.audit import chain_head, current_actor
from panel_app.store.models import utc_now
from panel_app.workflow.workspace import OpenWorkspace

__all__ = ["inputs_digest", "provenance"]


def inputs_digest(sections: Iterable[tuple[str, Any]]) -> str:
    """SHA-256 of named sections of rows, serialised canonically (sorted keys, UTC text)."""
    digest = hashlib.sha256()
    for name, rows in sections:
        digest.update(name.encode())
        digest.update(json.dumps(rows, sort_keys=True, default=str, ensure_ascii=False).encode())
    return digest.hexdigest()


def provenance(
    workspace: OpenWorkspace,
    report: tuple[str, int, str],
    digest: str,
    facts: tuple[tuple[str, str], ...],
    actor: str | None = None,
) -> Provenance:
    """What a report states about itself: `report` is its (name, version, title), made now."""
    name, version, title = report
    edition = workspace.edition
    with workspace.sessions() as session:
        position, head = chain_head(session)
    facts = (*facts, ("Audit log", f"position {position}, head SHA-256 {head}"))
    return Provenance(
        report=name,
        version=version,
        title=title,
        edition_key=edition.key,
        edition_title=edition.title.en,
        made_at=utc_now(),
        made_by=actor or current_actor(),
        workspace=workspace.location.display,
        digest=digest,
        facts=facts,
    )
