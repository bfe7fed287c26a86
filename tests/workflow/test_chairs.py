"""Who acts: a workspace keeps its chairs; once it has one, every change is recorded by
one of them, by the name as registered, and refused (nothing written) for anyone else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from panel_app.store.audit import act_as, current_actor
from panel_app.store.errors import NotAChair
from panel_app.store.models import AuditEntry
from panel_app.workflow.chairs import (
    ChairRefused,
    acting_chair,
    add_chair,
    list_chairs,
    retire_chair,
)
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.workspace import OpenWorkspace

from .conftest import submission_row, write_workbook


def entries(ws: OpenWorkspace) -> int:
    with ws.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_once_a_workspace_has_chairs_only_they_act(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    assert list_chairs(workspace) == []
    assert acting_chair(workspace, "anyone at all") == "anyone at all"  # no chairs yet

    first = add_chair(workspace, "  Ada   Lovelace ", "chair", actor="setup")
    assert (first.name, first.role, first.added_by) == ("Ada Lovelace", "chair", "setup")
    with pytest.raises(ChairRefused, match="'Ada Lovelace' is already a chair"):
        add_chair(workspace, "ada lovelace", "co-chair", actor="Ada Lovelace")
    with pytest.raises(NotAChair, match="'setup' is not one of this workspace's chairs"):
        add_chair(workspace, "Grace Hopper", "co-chair", actor="setup")
    add_chair(workspace, "Grace Hopper", "co-chair", actor="ada lovelace")
    assert [c.added_by for c in list_chairs(workspace)] == ["setup", "Ada Lovelace"]

    before = entries(workspace)
    book = write_workbook(tmp_path / "set.xlsx", [submission_row(1)])
    with pytest.raises(NotAChair, match="'mallory' is not one of this workspace's chairs"):
        import_submissions(workspace, book, actor="mallory")
    assert entries(workspace) == before  # refused whole: nothing written
    import_submissions(workspace, book, actor="GRACE HOPPER")
    with workspace.sessions() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None and last.actor == "Grace Hopper"  # as registered
    assert acting_chair(workspace, "grace hopper") == "Grace Hopper"


def test_a_retired_chair_stays_on_record_and_acts_no_more(workspace: OpenWorkspace) -> None:
    add_chair(workspace, "Ada Lovelace", "chair", actor="setup")
    with pytest.raises(ChairRefused, match="the workspace's last chair"):
        retire_chair(workspace, "Ada Lovelace", "leaves", actor="Ada Lovelace")
    add_chair(workspace, "Grace Hopper", "co-chair", actor="Ada Lovelace")
    with pytest.raises(ChairRefused, match="needs a reason"):
        retire_chair(workspace, "Ada Lovelace", " ", actor="Grace Hopper")
    gone = retire_chair(workspace, "ada lovelace", "Leaves the panel", actor="Grace Hopper")
    assert (gone.retired_by, gone.retire_reason) == ("Grace Hopper", "Leaves the panel")
    with pytest.raises(NotAChair, match="'Ada Lovelace' is not one of"):
        acting_chair(workspace, "Ada Lovelace")
    assert [c.active for c in list_chairs(workspace)] == [False, True]


def test_the_window_acts_as_the_chair_picked() -> None:
    try:
        act_as("Grace Hopper")
        assert current_actor() == "Grace Hopper"
    finally:
        act_as(None)
    assert current_actor() != "Grace Hopper"


def test_the_cli_acts_as_a_chair_and_refuses_anyone_else(
    workspace: OpenWorkspace,
    database_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from panel_app.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        code = main([*argv, "--database-url", database_url])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, _ = run("chairs")
    assert code == 0 and out.startswith("No chairs yet: anyone may act")
    assert run("chairs", "add", "Ada Lovelace", "--role", "chair", "--actor", "setup")[0] == 0
    code, out, _ = run("chairs", "add", "Grace Hopper", "--role", "co-chair",
                       "--actor", "ada lovelace")  # fmt: skip
    assert code == 0 and out == "Grace Hopper (co-chair) is a chair of this workspace.\n"
    code, out, _ = run("chairs")
    assert out.splitlines()[1].startswith("Grace Hopper (co-chair), added ")
    assert out.splitlines()[1].endswith(" by Ada Lovelace")

    book = write_workbook(tmp_path / "set.xlsx", [submission_row(1), submission_row(2)])
    before = entries(workspace)
    code, _, err = run("check", "--actor", "mallory")  # refused before anything runs
    assert code == 1 and "'mallory' is not one of this workspace's chairs" in err
    code, _, err = run("import-submissions", str(book), "--actor", "mallory")
    assert code == 1 and "'mallory' is not one of this workspace's chairs" in err
    assert entries(workspace) == before
    assert run("summary", "--actor", "mallory")[0] == 0  # reading is anyone's
    code, out, _ = run("import-submissions", str(book), "--actor", "grace hopper", "--json")
    assert code == 0
    code, out, _ = run("audit", "show", "--json")
    assert json.loads(out)[-1]["actor"] == "Grace Hopper"
