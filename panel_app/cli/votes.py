"""Commands of the public vote: import-votes, finalists, finalist add|remove, export
finalists.

Loaded by `panel_app.cli` when the parser is built, after the nomination commands: `export
finalists` joins their `export` command (the handler is picked by `export_handler`), so it
may use that module's helpers.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from panel_app.cli import (
    EXIT_OK,
    EXIT_USAGE,
    _open_existing,
    _Parser,
    _print_json,
    _progress_printer,
    _refused,
)
from panel_app.cli.nomination import _export_path
from panel_app.cli.words import N_, say

if TYPE_CHECKING:
    from panel_app.votes.audit import VoteAudit


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add this phase's commands to the `panel-app` sub-command parsers."""
    votes = commands.add_parser(
        "import-votes",
        parents=[common],
        help="audit the platform's vote export (.csv or .xlsx; raw votes or a tally) against "
        "the frozen nominee list and store the finalists",
    )
    votes.add_argument("file", type=Path, metavar="FILE")
    commands.add_parser(
        "finalists", parents=[common], help="the finalists per category and the vote audit"
    )
    finalist = commands.add_parser(
        "finalist",
        parents=[common],
        help="settle a tie for the last finalist places, or take a finalist off, with a reason",
    )
    actions = finalist.add_subparsers(dest="finalist_action", required=True, parser_class=_Parser)
    for name, text in (
        ("add", "make a project a finalist: a pick among the tied, or the next by votes"),
        ("remove", "take a project off the finalists (or decide against a tied one)"),
    ):
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument("submission_id", metavar="ID")
        action.add_argument("--reason", required=True, metavar="TEXT", help="why, for the record")
    demo = commands.add_parser(
        "demo-votes",
        parents=[common],
        help="write a demo vote export (.csv or .xlsx) for the frozen nominee list, with "
        "planted violations, to try import-votes on",
    )
    demo.add_argument("--out", required=True, metavar="FILE", type=Path)
    demo.add_argument("--rows", type=int, default=20_000, help="about this many votes (20000)")
    demo.add_argument("--seed", type=int, default=2020, help="for the generated votes (2020)")
    export = commands.choices["export"]
    kinds = next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))
    finalists = kinds.add_parser(
        "finalists",
        parents=[common],
        help="the finalists per category (.xlsx or .csv: docs/formats/finalists.md; .pdf: the "
        "report with the vote audit, docs/formats/reports.md)",
    )
    finalists.add_argument("--out", required=True, metavar="FILE", type=_export_path)
    finalists.set_defaults(export_handler=_cmd_export_finalists)


def _audit_lines(audit: VoteAudit, out: TextIO) -> None:
    from panel_app.votes.audit import REASON_TEXT

    print(
        say(
            N_("{votes_read:,} votes read: {valid:,} valid, {rejected_total:,} rejected."),
            votes_read=audit.votes_read,
            valid=audit.valid,
            rejected_total=audit.rejected_total,
        ),
        file=out,
    )
    if audit.rejected_total:
        print(say(N_("Rejected, by reason:")), file=out)
        for reason, count in audit.rejected.items():
            if count:
                print(f"  {reason} ({REASON_TEXT[reason]}): {count:,}", file=out)
        for example in audit.examples[:12]:
            print(
                say(
                    N_("    e.g. row {row}: {reason}: {detail}"),
                    row=example.row,
                    reason=example.reason,
                    detail=example.detail,
                ),
                file=out,
            )
    print(
        say(
            N_("Finalists per category (top {finalists_per_category} by valid votes):"),
            finalists_per_category=audit.finalists_per_category,
        ),
        file=out,
    )
    votes = audit.valid_votes()
    for outcome in audit.categories:
        shown = ", ".join(f"{sid} ({votes[sid]:,})" for sid in outcome.finalists) or "none"
        print(f"  {outcome.category_key}: {shown}", file=out)
        if outcome.tied:
            tied = ", ".join(f"{sid} ({votes[sid]:,})" for sid in outcome.tied)
            print(
                say(
                    N_("    tied for {open_places} place(s): {tied}; the chair decides"),
                    open_places=outcome.open_places,
                    tied=tied,
                ),
                file=out,
            )


def _cmd_import_votes(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.vote.public_vote import audit_to_dict, import_votes

    with _open_existing(args) as workspace:
        result = import_votes(
            workspace, args.file, actor=args.actor, progress=_progress_printer(not args.json)
        )
    if args.json:
        _print_json(out, {"ok": True, **result.as_dict(), "audit": audit_to_dict(result.audit)})
        return EXIT_OK
    if sys.stderr.isatty():
        print(file=sys.stderr)
    kind = "raw votes" if result.audit.kind == "raw" else "a tally"
    print(say(N_("Imported {file} ({kind})."), file=result.file, kind=kind), file=out)
    if not result.changed:
        print(
            say(
                N_(
                    "Nothing changed: this file was already imported against the "
                    "same frozen nominee list."
                )
            ),
            file=out,
        )
    elif result.replaced is not None:
        print(
            say(
                N_("This import replaces the vote import of {replaced}."), replaced=result.replaced
            ),
            file=out,
        )
    for dropped in result.dropped:
        print(say(N_("Note: {dropped}"), dropped=dropped), file=out)
    _audit_lines(result.audit, out)
    return EXIT_OK


def _cmd_finalists(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.vote.public_vote import audit_to_dict, finalists_report

    with _open_existing(args) as workspace:
        report = finalists_report(workspace)
    if args.json:
        _print_json(
            out,
            {
                "ok": True,
                "file": report.file,
                "imported_at": report.imported_at,
                "imported_by": report.imported_by,
                "finalists": {k: list(v) for k, v in report.finalists.items()},
                "removed": report.removed,
                "unsettled": {k: list(t.undecided) for k, t in report.unsettled.items()},
                "analysed": {k: list(c.analysed) for k, c in report.by_votes.items()},
                "warnings": list(report.warnings),
                "audit": audit_to_dict(report.audit),
            },
        )
        return EXIT_OK
    print(
        say(
            N_("Votes of {file}, imported {imported_at:%Y-%m-%d %H:%M} UTC by {imported_by}."),
            file=report.file,
            imported_at=report.imported_at,
            imported_by=report.imported_by,
        ),
        file=out,
    )
    _audit_lines(report.audit, out)
    by_vote = {sid for c in report.audit.categories for sid in c.finalists}
    chair = [
        (key, sid) for key, ids in report.finalists.items() for sid in ids if sid not in by_vote
    ]
    if chair or report.removed:
        print(say(N_("The chair's finalist decisions:")), file=out)
        for key, sid in chair:
            print(say(N_("  {key}: {sid} made a finalist"), key=key, sid=sid), file=out)
        for sid, reason in report.removed.items():
            print(
                say(N_("  {sid} taken off the finalists: {reason}"), sid=sid, reason=reason),
                file=out,
            )
        print(say(N_("Finalists as settled:")), file=out)
        for key, ids in report.finalists.items():
            print(f"  {key}: {', '.join(ids)}", file=out)
    for standing in report.by_votes.values():
        if standing.not_analysed:
            print(
                say(
                    N_("Analysed: {standing}; not analysed: {not_analysed}"),
                    standing=standing.in_words(),
                    not_analysed=", ".join(standing.not_analysed),
                ),
                file=out,
            )
    for warning in report.warnings:
        print(say(N_("Note: {warning}"), warning=warning), file=out)
    return EXIT_OK


def _cmd_finalist(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.vote.finalist_decisions import (
        FinalistRefused,
        add_finalist,
        remove_finalist,
    )

    action = add_finalist if args.finalist_action == "add" else remove_finalist
    try:
        with _open_existing(args) as workspace:
            decision = action(workspace, args.submission_id, args.reason, actor=args.actor)
    except FinalistRefused as refused:
        return _refused(args, f"panel-app: {refused}", [])
    if args.json:
        _print_json(out, {"ok": True, "decision": asdict(decision)})
        return EXIT_OK
    verb = (
        say(N_("made a finalist of"))
        if args.finalist_action == "add"
        else say(N_("taken off the finalists of"))
    )
    print(
        say(
            N_("Submission {submission_id} {verb} {category_key} by {decided_by}: {reason}"),
            submission_id=decision.submission_id,
            verb=verb,
            category_key=decision.category_key,
            decided_by=decision.decided_by,
            reason=decision.reason,
        ),
        file=out,
    )
    for note in decision.notes:
        print(say(N_("Note: {note}"), note=note), file=out)
    return EXIT_OK


def _cmd_demo_votes(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.demo.workspace_votes import write_demo_votes
    from panel_app.votes.audit import REASON_TEXT

    if args.out.suffix.lower() not in (".xlsx", ".csv"):
        print(
            say(N_("panel-app: {out}: a vote export is written as .csv or .xlsx"), out=args.out),
            file=sys.stderr,
        )
        return EXIT_USAGE
    with _open_existing(args) as workspace:
        truth = write_demo_votes(workspace, args.out, rows=args.rows, seed=args.seed)
    planted = {reason: count for reason, count in truth.rejected.items() if count}
    if args.json:
        _print_json(
            out, {"ok": True, "file": str(args.out), "rows": truth.rows, "planted": planted}
        )
        return EXIT_OK
    valid = sum(truth.valid_votes.values())
    print(
        say(
            N_("Wrote {rows:,} demo votes to {out}: {valid:,} valid."),
            rows=truth.rows,
            out=args.out,
            valid=valid,
        ),
        file=out,
    )
    for reason, count in planted.items():
        print(
            say(
                N_("  planted {reason} ({REASON_TEXT}): {count:,}"),
                reason=reason,
                REASON_TEXT=REASON_TEXT[reason],
                count=count,
            ),
            file=out,
        )
    print(say(N_("Next: panel-app import-votes {out}"), out=args.out), file=out)
    return EXIT_OK


def _cmd_export_finalists(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.vote.finalists import export_finalists
    from panel_app.workflow.vote.report import export_finalists_report

    write = export_finalists_report if args.out.suffix.lower() == ".pdf" else export_finalists
    with _open_existing(args) as workspace:
        result = write(workspace, args.out, actor=args.actor)
    if args.json:
        _print_json(out, {"ok": True, **asdict(result)})
        return EXIT_OK
    print(
        f"Wrote {result.finalists} finalists to {result.path}"
        + (f", and {result.tied} projects tied for a last place" if result.tied else "")
        + ".",
        file=out,
    )
    for warning in result.warnings:
        print(say(N_("Note: {warning}"), warning=warning), file=out)
    return EXIT_OK


HANDLERS = {
    "import-votes": _cmd_import_votes,
    "finalists": _cmd_finalists,
    "finalist": _cmd_finalist,
    "demo-votes": _cmd_demo_votes,
}
