"""One SQLite workspace used by several processes at once: the chair's window, an expert's
desk and CLI commands (issue 15, "The open window lost its workspace": with the window
open, `panel-app nominees freeze`, `demo-votes` and `summary` run beside it made File >
Import public vote fail with "not a panel-app workspace: SQLite cannot read it (database
disk image is malformed)" until a restart).

Real processes on a real file: two loops of CLI commands (one writing: freeze, demo
votes, import votes, unfreeze; one reading: summary, audit verify), a desk-like process
holding the workspace open and opening it again as the desk's tasks do, and this process
as the chair's window: its workspace held open for the whole run, each round a task's
own opening (open + read + close), an overrule written now through the window's
connection, now through a task's, and the window's view read again. Nothing may fail,
nothing written may be lost, and the window must see what the others wrote.

Before the fix every run failed within seconds, hundreds of the window's rounds with that
very message, "database disk image is malformed" and "disk I/O error" (each task's
opening dropped the window's SQLite locks; see store.database._probe_sqlite_file).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from panel_app.store.models import AuditEntry, RuleFinding
from panel_app.workflow.intake.checks import overrule_finding
from panel_app.workflow.overview import summarise
from panel_app.workflow.workspace import locate_workspace, open_workspace
from tests.nominees import overrule_open_findings_on_nominees
from tests.test_cli_nomination import demo_template, ws

__all__ = ["demo_template", "ws"]  # the fixtures: a demo workspace, copied per test

WRITER_CYCLES = 3  # freeze, demo-votes, import-votes, unfreeze: 12 processes
READER_ROUNDS = 5  # summary, then audit verify: 10 processes
ROOT = Path(__file__).resolve().parent.parent

# The desk: its workspace open all along, read again and again, and opened anew beside it
# as its own tasks (Open package, Export scores) do; any failure is printed and exits 1.
DESK = """
import sys, time, traceback
from pathlib import Path
from panel_app.workflow.overview import summarise
from panel_app.workflow.workspace import locate_workspace, open_workspace

location, stop = locate_workspace(Path(sys.argv[1])), Path(sys.argv[2])
rounds = 0
try:
    with open_workspace(location) as desk:
        while not stop.exists():
            with open_workspace(location) as task:
                summarise(task)
            summarise(desk)
            rounds += 1
            time.sleep(0.2)
except Exception:
    traceback.print_exc()
    sys.exit(1)
print(rounds)
"""


def _cli(workspace: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "panel_app", *args, "--workspace", str(workspace)]


@dataclass
class _Loop:
    """CLI commands run one after the other in a thread; each one's outcome kept."""

    commands: list[list[str]]
    failures: list[str] = field(default_factory=list)
    done: int = 0

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._run, daemon=True)
        thread.start()
        return thread

    def _run(self) -> None:
        for command in self.commands:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False
            )
            self.done += 1
            if result.returncode != 0 or result.stderr.strip():
                words = " ".join(command[3 : command.index("--workspace")])
                self.failures.append(
                    f"`{words}` exited {result.returncode}: {result.stderr.strip()[-600:]}"
                )


@pytest.mark.slow
def test_window_desk_and_cli_share_one_workspace(ws: Path, tmp_path: Path) -> None:
    location = locate_workspace(ws)
    with open_workspace(location) as workspace, workspace.sessions() as session:
        # A warning: overruling it changes no one's eligibility, so no nominee list.
        finding_id = session.scalars(
            select(RuleFinding.id).where(RuleFinding.severity == "warning")
        ).first()
    assert finding_id is not None
    with open_workspace(location) as workspace:
        overrule_open_findings_on_nominees(workspace)  # else the list cannot be frozen
    votes = tmp_path / "votes.csv"
    writer = _Loop(
        [
            _cli(ws, *args)
            for _ in range(WRITER_CYCLES)
            for args in (
                ("nominees", "freeze", "--reason", "Panel meeting"),
                ("demo-votes", "--out", str(votes), "--rows", "3000"),
                ("import-votes", str(votes)),
                ("nominees", "unfreeze", "--reason", "One more review"),
            )
        ]
    )
    reader = _Loop(
        [
            _cli(ws, *args)
            for _ in range(READER_ROUNDS)
            for args in (("summary",), ("audit", "verify"))
        ]
    )
    stop = tmp_path / "stop"
    desk = subprocess.Popen(
        [sys.executable, "-c", DESK, str(ws), str(stop)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors: list[str] = []
    reasons: list[str] = []
    try:
        with open_workspace(location) as window:  # the chair's window, open throughout
            threads = [writer.start(), reader.start()]
            rounds = 0
            while any(thread.is_alive() for thread in threads):
                rounds += 1
                reason = f"Round {rounds}: a duplicate in name only"
                try:
                    with open_workspace(location) as task:  # a file task's own connection
                        summarise(task)
                    if rounds % 2:
                        overrule_finding(window, finding_id, reason, actor="chair")
                    else:
                        with open_workspace(location) as task:
                            overrule_finding(task, finding_id, reason, actor="chair")
                    reasons.append(reason)
                    summarise(window)
                except Exception as error:  # every failure counts, not only the first
                    errors.append(f"round {rounds}: {type(error).__name__}: {error}")
                time.sleep(0.1)
            for thread in threads:
                thread.join()
            # The window, still open, sees what every process wrote.
            seen_by_window: dict[str, int] = {}
            window_reason: str | None = None
            try:
                with window.sessions() as session:
                    seen_by_window = _actions(session)
                    finding = session.get(RuleFinding, finding_id)
                    window_reason = finding.overruled_reason if finding else None
            except Exception as error:
                errors.append(f"the window's last view: {type(error).__name__}: {error}")
    finally:
        stop.touch()
        try:
            desk_out, desk_err = desk.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            desk.kill()
            raise

    failures = errors + writer.failures + reader.failures
    if desk.returncode != 0:
        failures.append(f"the desk: {desk_err.strip()[-600:]}")
    kinds = Counter(failure.split(": ", 1)[-1] for failure in failures)
    shown = "\n".join(f"{count} x {kind}" for kind, count in kinds.most_common())
    assert not failures, f"{len(failures)} failures ({rounds} rounds of the window):\n{shown}"
    assert int(desk_out) > 0
    assert writer.done == len(writer.commands) and reader.done == len(reader.commands)
    assert rounds >= 5

    # A fresh process finds every write: the window's overrules, the CLI's freezes and
    # imports, the audit log's chain intact and the file sound.
    log = subprocess.run(
        _cli(ws, "audit", "show", "--json"), capture_output=True, text=True, check=True, cwd=ROOT
    )
    entries = json.loads(log.stdout)
    overrules = [
        json.loads(e["after"])["overruled_reason"]
        for e in entries
        if e["action"] == "finding.overruled" and e["entity_id"] == str(finding_id)
    ]
    assert overrules == reasons
    actions = [e["action"] for e in entries]
    assert actions.count("nominees.frozen") == WRITER_CYCLES
    assert actions.count("nominees.unfrozen") == WRITER_CYCLES
    assert actions.count("votes.imported") == WRITER_CYCLES
    assert seen_by_window == {
        action: actions.count(action) for action in set(actions)
    }  # the window's view was not stale
    assert window_reason == reasons[-1]
    verify = subprocess.run(_cli(ws, "audit", "verify"), capture_output=True, cwd=ROOT)
    assert verify.returncode == 0
    check = subprocess.run(
        [sys.executable, "-c", INTEGRITY, str(ws)], capture_output=True, text=True, check=True
    )
    assert check.stdout.split() == ["ok"]


INTEGRITY = (
    "import sqlite3, sys; "
    "print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])"
)


def _actions(session: Session) -> dict[str, int]:
    """How many entries of each action the audit log holds, as this session sees it."""
    rows = session.execute(select(AuditEntry.action, func.count()).group_by(AuditEntry.action))
    return {action: count for action, count in rows}
