"""What can go wrong opening or writing a workspace, said so a person can act on it: the
kinds a window says in its own language (ui/catalogue.workspace_problem), and the errors.
Apart from database.py so that the audit log (audit.py, which database.py loads) can
refuse a change by someone who is not a chair without importing the database module."""

from __future__ import annotations

from typing import Any, Final

# What kind of trouble a WorkspaceError is: a window says it in its own language (see
# ui/catalogue.workspace_problem) and shows the message, the core's English, as the detail.
MISSING: Final = "missing"  # no workspace there (yet)
NOT_A_WORKSPACE: Final = "not-a-workspace"  # another kind of file, another app's database
DAMAGED: Final = "damaged"  # SQLite finds the file damaged
BUSY: Final = "busy"  # another program kept it locked for longer than we wait
NEWER: Final = "newer"  # written by a newer version of the app
UPGRADE_FAILED: Final = "upgrade-failed"  # an older workspace could not be brought up to date
CANNOT_OPEN: Final = "cannot-open"  # anything else: the disk, permissions, the server, the path
NOT_A_CHAIR: Final = "not-a-chair"  # a change by someone the workspace does not know as a chair
WORKSPACE_PROBLEMS: Final = (
    MISSING, NOT_A_WORKSPACE, DAMAGED, BUSY, NEWER, UPGRADE_FAILED, CANNOT_OPEN, NOT_A_CHAIR,
)  # fmt: skip


class WorkspaceError(Exception):
    """A problem the person opening the workspace can act on; the message says what and how,
    `kind` (one of WORKSPACE_PROBLEMS) what sort of problem it is.

    Anything else raised while opening a workspace is a bug and is not wrapped.
    """

    def __init__(self, message: str, kind: str = CANNOT_OPEN) -> None:
        super().__init__(message)
        self.kind = kind

    def __reduce__(self) -> tuple[Any, ...]:  # the kind survives pickling (worker processes)
        return (type(self), (str(self), self.kind))


class NotAChair(WorkspaceError):
    """A change asked for by someone who is not one of the workspace's chairs: refused,
    nothing written (store/audit.record_change)."""

    def __init__(self, message: str, kind: str = NOT_A_CHAIR) -> None:
        super().__init__(message, kind)
