"""Commands of the record: audit verify, audit show, audit export.

`audit verify` exits 0 on an intact hash chain and 1 naming the first entry that breaks it
(docs/formats/audit-chain.md says what the chain proves).
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from panel_app.cli import EXIT_OK, EXIT_REFUSED, _open_existing, _print_json
from panel_app.cli.words import N_, say


def _moment(text: str) -> datetime:
    """A date (2020-03-01) or a time (2020-03-01T09:30, UTC unless an offset is given)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date or time like 2020-03-01 or 2020-03-01T09:30, got {text!r}"
        ) from None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _log_path(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise argparse.ArgumentTypeError(f"{path.name}: expected a .csv or .xlsx file name")
    return path


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    audit = commands.add_parser(
        "audit", parents=[common], help="the audit log: verify its hash chain, show, export"
    )
    actions = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    actions.add_parser(
        "verify",
        parents=[common],
        help="walk the hash chain: exit 0 when intact, 1 naming the first broken entry",
    )
    filters = argparse.ArgumentParser(add_help=False)
    filters.add_argument("--who", metavar="ACTOR", help="entries by this actor")
    filters.add_argument(
        "--what", metavar="ACTION", help="this action, or every one it starts ('nominee.')"
    )
    filters.add_argument("--since", type=_moment, metavar="WHEN", help="at or after (UTC)")
    filters.add_argument("--until", type=_moment, metavar="WHEN", help="before (UTC)")
    filters.add_argument("--submission", metavar="ID", help="entries that name this submission")
    actions.add_parser(
        "show", parents=[common, filters], help="list the entries, oldest first, filtered"
    )
    export = actions.add_parser(
        "export", parents=[common, filters], help="write the entries to a .csv or .xlsx file"
    )
    export.add_argument("--out", required=True, type=_log_path, metavar="FILE")
    verify_export = commands.add_parser(
        "verify-export",
        parents=[common],
        help="does an exported .xlsx (nominees, finalists, results) match a state of this "
        "workspace's audit log? exit 0 yes, 1 no",
    )
    verify_export.add_argument("file", type=Path, metavar="FILE")


def _filter(args: argparse.Namespace) -> Any:
    from panel_app.workflow.record import AuditFilter

    return AuditFilter(
        actor=args.who,
        action=args.what,
        since=args.since,
        until=args.until,
        submission=args.submission,
    )


def _cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.record import audit_lines, export_audit_log, verify_audit_log

    with _open_existing(args) as workspace:
        if args.audit_command == "verify":
            check = verify_audit_log(workspace)
            if args.json:
                _print_json(
                    out,
                    {
                        "ok": check.intact,
                        "entries": check.entries,
                        "head": check.head,
                        "broken_at": check.broken_at,
                        "kind": check.kind,
                        "detail": check.detail,
                    },
                )
            else:
                print(check.describe(), file=out)
                if not check.intact:
                    print(
                        say(
                            N_(
                                "The record cannot be trusted from that entry on: compare "
                                "the chain heads in the files given to the secretariat."
                            )
                        ),
                        file=out,
                    )
            return EXIT_OK if check.intact else EXIT_REFUSED
        if args.audit_command == "show":
            lines = audit_lines(workspace, _filter(args))
            if args.json:
                _print_json(
                    out,
                    [dict(zip(("position", "at", "actor", "action", "entity", "entity_id",
                                "note", "before", "after", "entry_sha256"),
                              line.values(), strict=True)) for line in lines],
                )  # fmt: skip
                return EXIT_OK
            for line in lines:
                seq, at, actor, action, entity, entity_id, note, *_ = line.values()
                print(
                    f"{seq or '?':>6}  {at}  {actor:<14} {action:<26} {entity} {entity_id}",
                    file=out,
                )
                if note:
                    print(f"        {note}", file=out)
            print(say(N_("{count} entries"), count=len(lines)), file=out)
            return EXIT_OK
        result = export_audit_log(workspace, args.out, _filter(args))
        if args.json:
            _print_json(out, {"ok": True, "file": str(result.path), "rows": result.rows,
                              "chain_intact": result.chain.intact,
                              "chain_head": result.chain.head})  # fmt: skip
        else:
            print(
                say(N_("{rows} entries written to {path}"), rows=result.rows, path=result.path),
                file=out,
            )
            print(result.chain.describe(), file=out)
        return EXIT_OK


def _cmd_verify_export(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.record import match_export

    with _open_existing(args) as workspace:
        match = match_export(workspace, args.file)
    if args.json:
        _print_json(out, {"ok": match.matches, "position": match.position, "head": match.head,
                          "entries_since": match.since, "verdict": match.text})  # fmt: skip
    else:
        print(match.text, file=out)
    return EXIT_OK if match.matches else EXIT_REFUSED


HANDLERS = {"audit": _cmd_audit, "verify-export": _cmd_verify_export}
