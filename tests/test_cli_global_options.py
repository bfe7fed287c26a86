"""The global options (--workspace, --database-url, --actor, --json, and any other the
top-level parser takes) reach every command, wherever argparse accepts them: before the
command name, after it, or after a command group's name (`nominee --workspace W add`).
Given twice with different values, they are refused with exit 2; never dropped."""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from panel_app.cli import build_parser, main
from panel_app.store.database import sqlite_url
from panel_app.store.models import AuditEntry
from panel_app.workflow.workspace import locate_workspace, open_workspace
from tests.nominees import overrule_open_findings_on_nominees

CATEGORY = "C4-capacity-building"


# -- the parser, walked ------------------------------------------------------------------
def _commands_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _leaves(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command that runs: (its names from the top, its parser); `nominee add` is
    ("nominee", "add")."""
    commands = _commands_of(parser)
    if not commands and path:
        yield path, parser
    for name, sub in commands.items():
        yield from _leaves(sub, (*path, name))


def _sample(action: argparse.Action) -> str:
    """A value the action's type accepts."""
    if action.choices:
        return str(next(iter(action.choices)))
    if action.dest == "out":
        return "out.xlsx"  # the exports want .xlsx, .csv or .pdf
    return "1"


def _required(parser: argparse.ArgumentParser) -> list[str]:
    """The arguments a command cannot be parsed without, with sample values."""
    argv: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if not action.option_strings:
            argv.append(_sample(action))
        elif action.required:
            argv += [action.option_strings[0], _sample(action)]
    return argv


PARSER = build_parser()
LEAVES = dict(_leaves(PARSER))
# The top-level parser's own options, but for --help and --version: each is a global one.
GLOBALS = [
    action
    for action in PARSER._actions
    if action.option_strings and action.dest not in ("help", "version")
]


def _given(action: argparse.Action) -> tuple[list[str], Any]:
    """The option as typed, and the value the command must see."""
    if action.nargs == 0:  # a flag
        return [action.option_strings[0]], action.const
    text = {
        "workspace": "chosen.sqlite",
        "database_url": "sqlite:///chosen.sqlite",
        "language": "fr",
    }.get(action.dest, f"chosen {action.dest}")
    value = action.type(text) if callable(action.type) else text
    return [action.option_strings[0], text], value


def _placements(path: tuple[str, ...], rest: list[str], option: list[str]) -> dict[str, list[str]]:
    """Every place argparse accepts a global option of the command `path`."""
    places = {"before the command": [*option, *path, *rest]}
    for depth in range(1, len(path)):  # after a group's name: nominee --workspace W add
        places[f"after {path[depth - 1]!r}"] = [*path[:depth], *option, *path[depth:], *rest]
    places["after the command"] = [*path, *rest, *option]
    return places


@pytest.mark.parametrize("path", list(LEAVES), ids=" ".join)
def test_every_global_option_reaches_every_command_wherever_it_is_given(
    path: tuple[str, ...],
) -> None:
    names = {" ".join(leaf) for leaf in LEAVES}  # the walk reaches the nested commands
    assert {"select", "import-votes", "nominee add", "nominees freeze", "experts import"} <= names
    assert {"export nominees", "export finalists", "export results", "assignment remove"} <= names
    assert {a.dest for a in GLOBALS} >= {"workspace", "database_url", "actor", "json"}
    rest = _required(LEAVES[path])
    defaults = {a.dest: a.default for a in GLOBALS}
    plain = PARSER.parse_args([*path, *rest])
    assert {dest: getattr(plain, dest) for dest in defaults} == defaults
    for action in GLOBALS:
        option, value = _given(action)
        for where, argv in _placements(path, rest, option).items():
            args = PARSER.parse_args(argv)
            assert getattr(args, action.dest) == value, f"{' '.join(argv)} ({where})"
            others = {d: getattr(args, d) for d in defaults if d != action.dest}
            assert others == {d: v for d, v in defaults.items() if d != action.dest}


@pytest.mark.parametrize("path", list(LEAVES), ids=" ".join)
def test_a_global_option_given_twice_with_different_values_is_refused(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    rest = _required(LEAVES[path])
    for action in (a for a in GLOBALS if a.nargs != 0):
        flag = action.option_strings[0]
        first, second = ("fr", "es") if action.choices else ("first-value", "second-value")
        places = {
            f"before the command, then {where}": [flag, first, *argv]
            for where, argv in _placements(path, rest, [flag, second]).items()
        }
        places["twice after the command"] = [*path, *rest, flag, first, flag, second]
        for where, argv in places.items():
            with pytest.raises(SystemExit) as refused:
                PARSER.parse_args(argv)
            assert refused.value.code == 2, f"{' '.join(argv)} ({where})"
            err = capsys.readouterr().err
            assert f"{flag} given twice, as {first} and as {second}" in err, err
        # twice with the same value is no contradiction
        args = PARSER.parse_args([flag, first, *path, *rest, flag, first])
        assert str(getattr(args, action.dest)) == first


# -- real runs on real workspaces ----------------------------------------------------------
@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    assert main(["demo", "--no-gui", "--count", "400", "--workspace", str(path)]) == 0
    with open_workspace(locate_workspace(path)) as workspace:
        overrule_open_findings_on_nominees(workspace)  # the demo's planted pairs
    assert main(["demo-final", "--workspace", str(path)]) == 0
    return path


@pytest.fixture
def default_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the workspace would go without --workspace: in a folder of this test's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    monkeypatch.delenv("PANEL_APP_DATABASE_URL", raising=False)
    from panel_app.paths import default_workspace_path

    path = default_workspace_path()
    assert str(path).startswith(str(tmp_path))
    return path


@pytest.fixture
def ws(demo_template: Path, tmp_path: Path, default_workspace: Path) -> Path:
    path = tmp_path / "chosen.sqlite"
    shutil.copyfile(demo_template, path)  # closed by the commands: no WAL left behind
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def audit_entries(ws: Path, action: str) -> list[AuditEntry]:
    engine = create_engine(sqlite_url(ws))
    try:
        with Session(engine) as session:
            return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))
    finally:
        engine.dispose()


def finalists(capsys: pytest.CaptureFixture[str], ws: Path) -> list[str]:
    code, out, _ = run(
        capsys, "final-round", "--workspace", str(ws), "--category", CATEGORY, "--json"
    )
    assert code == 0
    (category,) = json.loads(out)["categories"]
    return [str(row["submission_id"]) for row in category["finalists"]]


def test_select_with_the_options_before_it_lands_in_the_workspace_named(
    ws: Path, default_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = finalists(capsys, ws)
    code, out, _ = run(
        capsys, "--workspace", str(ws), "--actor", "Chair Lin", "--json",
        "select", "--category", CATEGORY, "--winner", ids[0], "--champions", ",".join(ids[1:]),
        "--reason", "the panel's choice",
    )  # fmt: skip
    assert code == 0
    result = json.loads(out)
    assert (result["ok"], result["winners"], result["decided_by"]) == (True, [ids[0]], "Chair Lin")
    [entry] = audit_entries(ws, "selection.recorded")
    assert entry.actor == "Chair Lin"
    assert not default_workspace.exists()  # nothing went to the default workspace
    code, out, _ = run(capsys, "final-round", "--workspace", str(ws), "--category", CATEGORY)
    assert "selection recorded: the panel's choice" in out


def test_a_nested_command_takes_the_options_before_after_and_between_its_names(
    ws: Path, default_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the database URL before the command group, the actor between its two names
    code, out, _ = run(
        capsys, "--database-url", sqlite_url(ws), "nominees", "--actor", "Chair Ada",
        "freeze", "--reason", "Panel meeting",
    )  # fmt: skip
    assert code == 0, out
    [frozen] = audit_entries(ws, "nominees.frozen")
    assert frozen.actor == "Chair Ada"
    # --json before, the workspace after: the export is written, and said so in JSON
    out_file = ws.parent / "nominees.csv"
    code, out, _ = run(
        capsys, "--json", "export", "nominees", "--out", str(out_file), "--workspace", str(ws)
    )
    assert code == 0 and json.loads(out)["path"] == str(out_file) and out_file.exists()
    assert not default_workspace.exists()


def test_options_before_a_command_that_is_refused_are_honoured_too(
    ws: Path, default_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--json", "--workspace", str(ws), "overrule", "999999",
                         "--reason", "no such finding")  # fmt: skip
    assert code == 1
    assert json.loads(out)["ok"] is False and "999999" in err
    assert not default_workspace.exists()


def test_conflicting_workspaces_are_refused_and_nothing_is_written(
    ws: Path, tmp_path: Path, default_workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other.sqlite"
    shutil.copyfile(ws, other)
    ids = finalists(capsys, ws)
    with pytest.raises(SystemExit) as refused:
        main(
            ["--workspace", str(ws), "select", "--workspace", str(other), "--category", CATEGORY,
             "--winner", ids[0], "--champions", ",".join(ids[1:]), "--reason", "which one?"]
        )  # fmt: skip
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert f"--workspace given twice, as {ws} and as {other}" in err
    assert audit_entries(ws, "selection.recorded") == []
    assert audit_entries(other, "selection.recorded") == []
    assert not default_workspace.exists()
