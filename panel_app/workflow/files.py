"""What every phase's file work shares: a file's digest, the check that a file is there
before any reading, and the exception of a file job the person cancelled."""

from __future__ import annotations

import hashlib
from pathlib import Path

from panel_app.problems import InputRefused, Problem

__all__ = ["IntakeCancelled", "file_sha256", "require_file"]


class IntakeCancelled(Exception):
    """The person cancelled the import; nothing was written."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def require_file(path: Path, code: str) -> None:
    """Refuse a path with no file behind it (`{code}.no_such_file`) before any reading."""
    if not path.is_file():
        raise InputRefused(
            [
                Problem(
                    f"{code}.no_such_file",
                    "there is no file at {path}",
                    {"path": str(path)},
                    file=path.name,
                )
            ],
            subject=path.name,
        )
