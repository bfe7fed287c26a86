"""Commands of who acts: chairs (list), chairs add NAME --role ROLE, chairs retire NAME
--reason TEXT, chairs conflict NAME --organisation ORG | --submission ID --reason TEXT,
chairs conflicts [NAME], chairs withdraw-conflict ID --reason TEXT. Once a workspace has
a chair, every command that records something acts as one of them (--actor NAME, else
the login) and is refused for anyone else; a chair's decision on a project it declared a
conflict with is refused."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any, TextIO

from panel_app.cli import EXIT_OK, _open_existing, _Parser, _print_json, _refused
from panel_app.cli.words import N_, say


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    chairs = commands.add_parser(
        "chairs",
        parents=[common],
        help="who may decide in this workspace: list, add or retire a chair",
    )
    actions = chairs.add_subparsers(dest="chairs_action", parser_class=_Parser)
    add = actions.add_parser("add", parents=[common], help="register a chair (by a chair)")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, metavar="ROLE", help="e.g. chair, co-chair")
    retire = actions.add_parser("retire", parents=[common], help="a chair leaves (stays on record)")
    retire.add_argument("name", metavar="NAME")
    retire.add_argument("--reason", required=True, metavar="TEXT")
    conflict = actions.add_parser(
        "conflict",
        parents=[common],
        help="declare a chair's conflict of interest: their decisions on it are refused",
    )
    conflict.add_argument("name", metavar="NAME", help="the chair")
    what = conflict.add_mutually_exclusive_group()  # one of them: the workflow says so
    what.add_argument("--organisation", metavar="ORG", help="an organisation (its projects)")
    what.add_argument("--submission", metavar="ID", help="one submission")
    conflict.add_argument("--reason", required=True, metavar="TEXT")
    listed = actions.add_parser(
        "conflicts", parents=[common], help="the chairs' declared conflicts of interest"
    )
    listed.add_argument("name", metavar="NAME", nargs="?", help="one chair's only")
    withdraw = actions.add_parser(
        "withdraw-conflict",
        parents=[common],
        help="withdraw a declared conflict (it stays on record)",
    )
    withdraw.add_argument("conflict_id", metavar="ID", type=int)
    withdraw.add_argument("--reason", required=True, metavar="TEXT")


def _cmd_chairs(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.chairs import ChairRefused, add_chair, list_chairs, retire_chair

    if args.chairs_action in ("conflict", "conflicts", "withdraw-conflict"):
        return _cmd_conflicts(args, out)
    try:
        with _open_existing(args) as workspace:
            if args.chairs_action == "add":
                changed = add_chair(workspace, args.name, args.role, actor=args.actor)
                text = f"{changed.name} ({changed.role}) is a chair of this workspace."
            elif args.chairs_action == "retire":
                changed = retire_chair(workspace, args.name, args.reason, actor=args.actor)
                text = f"{changed.name} is retired: they can no longer act in this workspace."
            else:
                chairs = list_chairs(workspace)
                changed = None
    except ChairRefused as refused:
        return _refused(args, f"panel-app: {refused}", [])
    if changed is not None:
        if args.json:
            _print_json(out, {"ok": True, "chair": asdict(changed)})
        else:
            print(text, file=out)
        return EXIT_OK
    if args.json:
        _print_json(out, {"ok": True, "chairs": [asdict(c) for c in chairs]})
        return EXIT_OK
    if not chairs:
        print(
            say(
                N_(
                    "No chairs yet: anyone may act, as --actor NAME or their "
                    "login. Register the panel's chairs (`panel-app chairs add "
                    "NAME --role ROLE`) and only they may."
                )
            ),
            file=out,
        )
    for chair in chairs:
        state = (
            f"retired {chair.retired_at:%Y-%m-%d} by {chair.retired_by}: {chair.retire_reason}"
            if chair.retired_at is not None
            else f"added {chair.added_at:%Y-%m-%d} by {chair.added_by}"
        )
        print(f"{chair.name} ({chair.role}), {state}", file=out)
    return EXIT_OK


def _cmd_conflicts(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.chairs import (
        ChairRefused,
        chair_conflicts,
        declare_chair_conflict,
        withdraw_chair_conflict,
    )

    try:
        with _open_existing(args) as workspace:
            if args.chairs_action == "conflict":
                row = declare_chair_conflict(
                    workspace,
                    args.name,
                    organisation=args.organisation,
                    submission_id=args.submission,
                    reason=args.reason,
                    actor=args.actor,
                )
                text = (
                    f"Conflict {row.id}: {row.chair} declared a conflict of interest with "
                    f"{row.what} ({row.reason}); their decisions on it will be refused."
                )
            elif args.chairs_action == "withdraw-conflict":
                row = withdraw_chair_conflict(
                    workspace, args.conflict_id, args.reason, actor=args.actor
                )
                text = f"Conflict {row.id} of {row.chair} with {row.what} withdrawn: {args.reason}"
            else:
                rows = chair_conflicts(workspace, args.name)
                row = None
    except ChairRefused as refused:
        return _refused(args, f"panel-app: {refused}", [])
    if row is not None:
        if args.json:
            _print_json(out, {"ok": True, "conflict": asdict(row)})
        else:
            print(text, file=out)
        return EXIT_OK
    if args.json:
        _print_json(out, {"ok": True, "conflicts": [asdict(r) for r in rows]})
        return EXIT_OK
    if not rows:
        print(say(N_("No chair has declared a conflict of interest.")), file=out)
    for r in rows:
        state = (
            f"withdrawn {r.withdrawn_at:%Y-%m-%d} by {r.withdrawn_by}: {r.withdraw_reason}"
            if r.withdrawn_at is not None
            else "in force"
        )
        print(
            say(
                N_(
                    "[{id}] {chair}: with {what} ({reason}); declared "
                    "{declared_at:%Y-%m-%d} by {declared_by}; {state}"
                ),
                id=r.id,
                chair=r.chair,
                what=r.what,
                reason=r.reason,
                declared_at=r.declared_at,
                declared_by=r.declared_by,
                state=state,
            ),
            file=out,
        )
    return EXIT_OK


HANDLERS = {"chairs": _cmd_chairs}
