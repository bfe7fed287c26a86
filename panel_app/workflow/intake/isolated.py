"""Run an import in a child process, so a crashing parser cannot take the window with it.

A native reader (python-calamine) aborts its whole process on some malformed files; the
zip checks catch the known cases, and this catches the rest. The child opens the
workspace itself and does the whole intake in its own transaction: if it dies, that
transaction never commits and the workspace is as it was. Progress and the result come
back over a queue; cancelling sets an event the child checks between batches.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from panel_app.problems import InputRefused, Problem
from panel_app.workflow.files import IntakeCancelled
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import IntakeResult, import_submissions
from panel_app.workflow.workspace import WorkspaceError, WorkspaceLocation, open_workspace

# "spawn" everywhere: a fork of a process running Qt is unsafe, and Windows has no fork.
_CONTEXT = multiprocessing.get_context("spawn")


@dataclass
class CancelToken:
    event: Event

    def cancel(self) -> None:
        self.event.set()


def new_cancel_token() -> CancelToken:
    return CancelToken(_CONTEXT.Event())


def _child(
    location: WorkspaceLocation,
    path: Path,
    actor: str | None,
    messages: Any,
    cancel: Event,
) -> None:
    def progress(done: int, total: int | None) -> None:
        messages.put(("progress", done, total))

    try:
        with open_workspace(location, create=True, actor=actor) as workspace:
            result = import_submissions(
                workspace, path, actor=actor, progress=progress, cancelled=cancel.is_set
            )
            # The rules re-run after every import, here in the child before it reports:
            # the parent stops waiting for the child once it has the result.
            run_checks(workspace, actor=actor)
        messages.put(("done", result))
    except InputRefused as refused:
        messages.put(("refused", refused.problems, refused.subject))
    except IntakeCancelled as cancelled:
        messages.put(("cancelled", str(cancelled)))
    except WorkspaceError as error:
        messages.put(("workspace-error", str(error), error.kind))


def import_submissions_isolated(
    location: WorkspaceLocation,
    path: Path,
    *,
    actor: str | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    cancel: CancelToken | None = None,
    cancelled: Callable[[], bool] | None = None,
    child_main: Callable[..., None] | None = None,
) -> IntakeResult:
    """import_submissions in a child process; raises what it would raise in-process.

    A child that dies without a result becomes an InputRefused naming the file, so the
    person learns that nothing was imported and why. `child_main` replaces the child's
    work (tests use it to crash a child on purpose). The child stops (rolling back) once
    `cancel` is set or `cancelled()` says so, asked between its messages.
    """
    messages = _CONTEXT.Queue()
    token = cancel or new_cancel_token()
    child = _CONTEXT.Process(
        target=child_main or _child,
        args=(location, path, actor, messages, token.event),
        daemon=True,
    )
    child.start()
    try:
        while True:
            try:
                message = messages.get(timeout=0.2)
            except queue.Empty:
                if cancelled is not None and cancelled():
                    token.cancel()
                if child.is_alive():
                    continue
                try:  # the child may have sent its last word just before it ended
                    message = messages.get(timeout=1.0)
                except queue.Empty:
                    return _died(path, child.exitcode)
            if cancelled is not None and cancelled():
                token.cancel()
            kind = message[0]
            if kind == "progress":
                if progress is not None:
                    progress(message[1], message[2])
            elif kind == "done":
                result: IntakeResult = message[1]
                return result
            elif kind == "refused":
                raise InputRefused(message[1], subject=message[2])
            elif kind == "cancelled":
                raise IntakeCancelled(message[1])
            elif kind == "workspace-error":
                raise WorkspaceError(message[1], kind=message[2])
    finally:
        child.join(timeout=10)
        if child.is_alive():
            child.kill()


def _died(path: Path, exitcode: int | None) -> IntakeResult:
    raise InputRefused(
        [
            Problem(
                "intake.reader_crashed",
                "the reader stopped abnormally while reading {file} (exit code {code}); "
                "nothing was imported. The file may be damaged: open it in Excel or "
                "LibreOffice, save it again as .xlsx, and import that copy",
                {"file": path.name, "code": exitcode},
                file=path.name,
            )
        ],
        subject=path.name,
    )
