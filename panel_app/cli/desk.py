"""`panel-app desk`: the expert's scoring desk (a window).

Loaded by `panel_app.cli` when the parser is built, so it may use that module's helpers.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from panel_app.cli import EXIT_REFUSED
from panel_app.cli.words import N_, say


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    desk = commands.add_parser(
        "desk",
        parents=[common],
        help="open the expert's scoring desk: read and score the assigned projects",
    )
    desk.add_argument(
        "--expert",
        metavar="CODE",
        help="whose desk (default: the expert last seen, or the workspace's only expert)",
    )


def _cmd_desk(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from panel_app.ui.app import run_desk
    except ImportError as error:
        print(
            say(
                N_(
                    "panel-app: the desk needs Qt (PySide6), which is not "
                    "installed ({error}). Install panel-app[gui]."
                ),
                error=error,
            ),
            file=sys.stderr,
        )
        return EXIT_REFUSED
    return run_desk(args.workspace, args.database_url, args.expert)


HANDLERS = {"desk": _cmd_desk}
