"""Commands of who acts: chairs (list), chairs add NAME --role ROLE, chairs retire NAME
--reason TEXT. Once a workspace has a chair, every command that records something acts
as one of them (--actor NAME, else the login) and is refused for anyone else."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any, TextIO

from panel_app.cli import EXIT_OK, _open_existing, _Parser, _print_json, _refused


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


def _cmd_chairs(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.chairs import ChairRefused, add_chair, list_chairs, retire_chair

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
            "No chairs yet: anyone may act, as --actor NAME or their login. Register the "
            "panel's chairs (`panel-app chairs add NAME --role ROLE`) and only they may.",
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


HANDLERS = {"chairs": _cmd_chairs}
