"""The command line: every step of the workflow, scriptable, with --json for machines.

Exit codes: 0 success; 1 the input (a file or the workspace) was refused, with the
problems on stderr or in the JSON; 2 a usage error.

The global options (GLOBAL_OPTIONS: --workspace, --database-url, --json, --actor,
--language) are taken before the command name, after it, or after a command group's name;
one given twice with different values is a usage error
(tests/test_cli_global_options.py walks every command).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from panel_app import __version__
from panel_app.cli.words import N_, language, say, set_language
from panel_app.edition import EditionError, available_editions
from panel_app.i18n import CODES, ENGLISH, system_language
from panel_app.problems import InputRefused
from panel_app.workflow.workspace import WorkspaceError

if TYPE_CHECKING:
    from panel_app.demo.workspace_panel import PanelResult
    from panel_app.workflow.intake.checks import CheckResult, FindingRow

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", _Commands)  # add_subparsers makes _Commands

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


# The eligibility columns of `summary`, in words (the statuses are keys).
STATUS_WORDS = {
    "eligible": N_("eligible"),
    "flagged": N_("flagged"),
    "ineligible": N_("ineligible"),
}

# The global options: the top-level parser's, and a copy on every command and command group,
# so that each may come before the command name or after it (`panel-app --workspace W
# select ...`, `panel-app select ... --workspace W`, `panel-app nominee --workspace W add`).
GLOBAL_OPTIONS = ("workspace", "database_url", "json", "actor", "language")


class _Once(argparse.Action):
    """Stores an option's value; the same option given again with another value is a usage
    error, wherever the two are (argparse alone would keep the last one silently)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        _refuse_a_second_value(parser, self, getattr(namespace, self.dest, None), values)
        setattr(namespace, self.dest, values)


def _refuse_a_second_value(
    parser: argparse.ArgumentParser, action: argparse.Action, before: Any, now: Any
) -> None:
    if before is not None and now != before:
        parser.error(
            f"{action.option_strings[0]} given twice, as {before} and as {now}; "
            "give it once (before or after the command name)"
        )


class _Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The sub-command action: argparse parses a command's arguments into a namespace of
    their own, then copies it over the one holding the options given before the command
    name. A command's copies of the global options default to SUPPRESS, so they copy
    nothing unless given; given on both sides with different values, they are refused."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        before = {dest: getattr(namespace, dest, None) for dest in GLOBAL_OPTIONS}
        super().__call__(parser, namespace, values, option_string)
        for action in parser._actions:
            if action.dest in GLOBAL_OPTIONS and isinstance(action, _Once):
                now = getattr(namespace, action.dest, None)
                _refuse_a_second_value(parser, action, before[action.dest], now)


def _global_options(*, top_level: bool) -> _Parser:
    """The global options as a parent parser: with their defaults at the top level (every
    handler reads them), defaulting to argparse.SUPPRESS in a command's copies."""

    def default(value: Any) -> Any:
        return value if top_level else argparse.SUPPRESS

    common = _Parser(add_help=False)
    where = common.add_argument_group("workspace")
    where.add_argument(
        "--workspace",
        type=Path,
        metavar="PATH",
        action=_Once,
        default=default(None),
        help="the workspace file (SQLite)",
    )
    where.add_argument(
        "--database-url",
        metavar="URL",
        action=_Once,
        default=default(None),
        help="any SQLAlchemy URL, e.g. postgresql+psycopg://... "
        "(default: $PANEL_APP_DATABASE_URL, then the workspace in your user data folder)",
    )
    common.add_argument(
        "--json", action="store_true", default=default(False), help="print the result as JSON"
    )
    common.add_argument(
        "--actor",
        metavar="NAME",
        action=_Once,
        default=default(None),
        help="who is acting, for the audit log (default: your login)",
    )
    common.add_argument(
        "--language",
        metavar="CODE",
        choices=CODES,
        action=_Once,
        default=default(None),
        help="the language of the messages: " + ", ".join(CODES) + " (default: the system's)",
    )
    assert {a.dest for a in common._actions} == set(GLOBAL_OPTIONS)
    return common


def build_parser() -> argparse.ArgumentParser:
    """The `panel-app` parser. Every command (and command group) takes `common`, the global
    options again, so that they may follow the command name as well as precede it."""
    common = _global_options(top_level=False)
    parser = _Parser(
        prog="panel-app",
        description="Review tool for the expert panel of the WSIS Prizes. "
        "Without a command, opens the window on the last workspace. The options "
        f"{', '.join('--' + o.replace('_', '-') for o in GLOBAL_OPTIONS)} may come before "
        "the command name or after it; given twice, they must agree.",
        parents=[_global_options(top_level=True)],
    )
    parser.add_argument("--version", action="version", version=f"panel-app {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="create a demo workspace from generated submissions and open it",
    )
    demo.add_argument("--no-gui", action="store_true", help="stop after creating it")
    demo.add_argument("--count", type=_positive_int, default=None, help="submissions (1000)")
    demo.add_argument("--seed", type=int, default=None, help="generator seed (2020)")
    demo.add_argument("--edition", metavar="KEY", help="edition key (default: the newest)")
    demo.add_argument(
        "--phase",
        choices=("review", "nominees", "vote", "final", "selection"),
        default="review",
        help="how far the demo season goes: review (the reviews merged; default), nominees "
        "(the list frozen), vote (the public vote imported), final (the final round "
        "reviewed), selection (the winners and champions recorded)",
    )

    intake = commands.add_parser(
        "import-submissions",
        parents=[common],
        help="import a submission set (.xlsx or .csv); creates the workspace if needed",
    )
    intake.add_argument("file", type=Path, metavar="FILE")
    intake.add_argument(
        "--edition", metavar="KEY", help="edition of a new workspace (default: the newest)"
    )

    winners = commands.add_parser(
        "import-past-winners",
        parents=[common],
        help="import a list of earlier winners (.xlsx or .csv: project title, organisation, "
        "edition) for rule 11; adds to the list already there",
    )
    winners.add_argument("file", type=Path, metavar="FILE")
    winners.add_argument(
        "--edition", metavar="KEY", help="edition of a new workspace (default: the newest)"
    )

    commands.add_parser(
        "summary", parents=[common], help="counts of submissions per category and status"
    )
    commands.add_parser(
        "check",
        parents=[common],
        help="run the rule checks and list the findings, grouped by rule",
    )
    overrule = commands.add_parser(
        "overrule", parents=[common], help="overrule one finding, with the reason why"
    )
    overrule.add_argument("finding_id", type=_positive_int, metavar="FINDING_ID")
    overrule.add_argument("--reason", required=True, metavar="TEXT", help="why it does not apply")
    overrule.add_argument(
        "--undo", action="store_true", help="undo the finding's overrule: it is open again"
    )
    commands.add_parser("editions", parents=[common], help="list the editions this app knows")
    # they use this module's helpers
    from panel_app.cli import (
        audit,
        chairs,
        desk,
        final_round,
        nomination,
        panel,
        votes,
        workbooks,
    )

    for phase in (panel, workbooks, desk, nomination, final_round, votes, audit, chairs):
        phase.add_commands(commands, common)
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.language = args.language or system_language()
    set_language(args.language)
    out = sys.stdout
    handlers: dict[str | None, Callable[[argparse.Namespace, TextIO], int]] = {
        None: _cmd_window,
        "demo": _cmd_demo,
        "import-submissions": _cmd_import,
        "import-past-winners": _cmd_import_past_winners,
        "summary": _cmd_summary,
        "check": _cmd_check,
        "overrule": _cmd_overrule,
        "editions": _cmd_editions,
    }
    from panel_app.cli import (
        audit,
        chairs,
        desk,
        final_round,
        nomination,
        panel,
        votes,
        workbooks,
    )

    for phase in (panel, workbooks, desk, nomination, final_round, votes, audit, chairs):
        handlers.update(phase.HANDLERS)
    try:
        return handlers[args.command](args, out)
    except InputRefused as refused:
        report = refused.report(args.language)
        return _refused(args, report, [p.as_dict() for p in refused.problems])
    except (WorkspaceError, EditionError) as error:
        return _refused(args, f"panel-app: {error}", [])
    except KeyboardInterrupt:
        print(say(N_("panel-app: interrupted; nothing more was written")), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`panel-app rank | head`): not an error
        # As the Python docs advise: point stdout at devnull so the exit flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except _refusals() as error:  # evaluated only when an exception gets this far
        return _refused(args, f"panel-app: {error}", [])


def _refusals() -> tuple[type[Exception], ...]:
    """The phases' refusals, imported when one is raised (its module is loaded by then):
    imported up front, they load numpy, scipy and openpyxl, a second of every start."""
    from panel_app.workflow.intake.checks import OverruleRefused
    from panel_app.workflow.nomination.nominees import NominationRefused
    from panel_app.workflow.record import StaleView
    from panel_app.workflow.rounds import UnknownRound
    from panel_app.workflow.vote.public_vote import VotesRefused

    return (OverruleRefused, NominationRefused, UnknownRound, VotesRefused, StaleView)


def _refused(args: argparse.Namespace, text: str, problems: list[dict[str, Any]]) -> int:
    if args.json:
        _print_json(sys.stdout, {"ok": False, "error": text.splitlines()[0], "problems": problems})
    print(text, file=sys.stderr)
    return EXIT_REFUSED


def _print_json(out: TextIO, payload: Any) -> None:
    json.dump(payload, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def _location(args: argparse.Namespace) -> Any:
    from panel_app.workflow.workspace import locate_workspace

    return locate_workspace(args.workspace, args.database_url)


def _progress_printer(enabled: bool) -> Callable[[int, int | None], None] | None:
    """A one-line progress count on a terminal; silent when output is piped or JSON."""
    if not enabled or not sys.stderr.isatty():
        return None

    def show(done: int, total: int | None) -> None:
        text = f"{done:,} of {total:,} rows" if total else f"{done:,} rows"
        print(say(N_("\r  importing: {text}"), text=text), end="", file=sys.stderr, flush=True)

    return show


def _cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.intake.checks import run_checks
    from panel_app.workflow.intake.submissions import import_submissions
    from panel_app.workflow.workspace import open_workspace, workspace_exists

    location = _location(args)
    created = not workspace_exists(location)
    with open_workspace(
        location, create=True, edition_key=args.edition, actor=args.actor
    ) as workspace:
        result = import_submissions(
            workspace, args.file, actor=args.actor, progress=_progress_printer(not args.json)
        )
        checks = run_checks(workspace, actor=args.actor)
        edition_key = workspace.edition.key
    if args.json:
        _print_import_json(out, location.display, created, edition_key, result.as_dict(), checks)
        return EXIT_OK
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if created:
        print(
            say(
                N_("Created workspace {display} for edition {edition_key}."),
                display=location.display,
                edition_key=edition_key,
            ),
            file=out,
        )
    print(
        say(
            N_(
                "Imported {file}: {rows_read} submissions read; {added} "
                "added, {updated} updated, {unchanged} unchanged."
            ),
            file=result.file,
            rows_read=result.rows_read,
            added=result.added,
            updated=result.updated,
            unchanged=result.unchanged,
        ),
        file=out,
    )
    if not result.changed_anything:
        print(say(N_("Nothing changed: the workspace already held this file's content.")), file=out)
    for change in result.changes[:20]:
        print(
            say(
                N_("  {submission_id}: changed {fields}"),
                submission_id=change.submission_id,
                fields=", ".join(change.fields),
            ),
            file=out,
        )
    if len(result.changes) > 20:
        print(
            say(N_("  ... and {result} more (see --json)"), result=len(result.changes) - 20),
            file=out,
        )
    _print_import_notes(result, out)
    if result.not_in_file:
        print(
            say(
                N_(
                    "{not_in_file} submissions in the workspace are not in this "
                    "file; they were kept."
                ),
                not_in_file=result.not_in_file,
            ),
            file=out,
        )
    unchecked = result.unchecked()
    if unchecked is not None:
        print(unchecked, file=out)
    print(_checks_line(checks), file=out)
    return EXIT_OK


def _print_import_notes(result: Any, out: TextIO) -> None:
    """How the set was read where the chair should know: categories read by their code
    (every row, one line per spelling), formulas read as their text, texts cleaned."""
    for kind, notes in result.note_groups():
        if kind == "categories":
            print(
                say(
                    N_(
                        "Categories read by their action-line code (the words after "
                        "it are not the edition's spelling); check that each project "
                        "belongs there:"
                    )
                ),
                file=out,
            )
            for group in result.categories_by_code():
                print(f"  {group.describe()}", file=out)
            for note in notes:  # the count of those not listed, past the reader's limit
                if note.row is None:
                    print(f"  {note.describe()}", file=out)
        elif kind == "formulas":
            print(
                say(
                    N_(
                        "Cells held a formula with no saved result; each was read as "
                        "the formula's text, not computed:"
                    )
                ),
                file=out,
            )
            _print_notes(notes, out)
        else:
            _print_cleaned(notes, out)


def _print_notes(notes: list[Any], out: TextIO) -> None:
    for note in notes[:20]:
        print(f"  {note.describe()}", file=out)
    if len(notes) > 20:
        print(say(N_("  ... and {notes} more (see --json)"), notes=len(notes) - 20), file=out)


def _print_cleaned(notes: list[Any], out: TextIO) -> None:
    """What an import cleaned from the file's texts, one located line each (20 at most)."""
    if not notes:
        return
    print(
        say(
            N_(
                "Texts held characters that no file of the app keeps "
                "(control characters, direction overrides, noncharacters); "
                "they were stored without them:"
            )
        ),
        file=out,
    )
    _print_notes(notes, out)


def _cmd_import_past_winners(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.intake.checks import run_checks
    from panel_app.workflow.intake.past_winners import import_past_winners
    from panel_app.workflow.workspace import open_workspace, workspace_exists

    location = _location(args)
    created = not workspace_exists(location)
    with open_workspace(
        location, create=True, edition_key=args.edition, actor=args.actor
    ) as workspace:
        result = import_past_winners(workspace, args.file, actor=args.actor)
        checks = run_checks(workspace, actor=args.actor)  # rule 11 now has its list
        edition_key = workspace.edition.key
    if args.json:
        _print_import_json(out, location.display, created, edition_key, result.as_dict(), checks)
        return EXIT_OK
    if created:
        print(
            say(
                N_("Created workspace {display} for edition {edition_key}."),
                display=location.display,
                edition_key=edition_key,
            ),
            file=out,
        )
    described = (
        f"{result.texts_added} given the description they lacked, " if result.texts_added else ""
    )
    print(
        say(
            N_(
                "Imported {file}: {rows_read} past winners read; {added} "
                "added, {described}{unchanged} already in the list. The "
                "workspace lists {total}."
            ),
            file=result.file,
            rows_read=result.rows_read,
            added=result.added,
            described=described,
            unchanged=result.unchanged,
            total=result.total,
        ),
        file=out,
    )
    if not result.changed_anything:
        print(
            say(N_("Nothing changed: the workspace already held every winner in this file.")),
            file=out,
        )
    _print_cleaned(result.notes, out)
    print(_checks_line(checks), file=out)
    return EXIT_OK


def _print_import_json(
    out: TextIO,
    workspace: str,
    created: bool,
    edition_key: str,
    result: dict[str, Any],
    checks: CheckResult,
) -> None:
    """What an import command prints with --json: the import, then the checks it re-ran."""
    _print_json(
        out,
        {
            "ok": True,
            "workspace": workspace,
            "created": created,
            "edition": edition_key,
            **result,
            "checks": _checks_summary(checks),
        },
    )


def _checks_summary(checks: CheckResult) -> dict[str, Any]:
    """The rule checks' counts, for an import's or the demo's JSON."""
    return {
        "counts": dict(checks.counts),
        "open": len(checks.open_findings),
        "added": checks.added,
        "updated": checks.updated,
        "removed": checks.removed,
    }


def _checks_line(checks: CheckResult) -> str:
    counts = ", ".join(f"{rule} {n}" for rule, n in checks.counts.items() if n)
    total = sum(checks.counts.values())
    text = f"Rule checks: {total} findings" + (f" ({counts})" if counts else "")
    overruled = total - len(checks.open_findings)
    if overruled:
        text += f", {overruled} overruled"
    return text + "; `panel-app check` lists them."


def _open_existing(args: argparse.Namespace) -> Any:
    from panel_app.workflow.workspace import open_workspace, workspace_exists

    location = _location(args)
    if not workspace_exists(location):
        raise WorkspaceError(
            f"no workspace at {location.display}; create one with "
            "`panel-app import-submissions FILE` or `panel-app demo`"
        )
    workspace = open_workspace(location)
    try:
        _check_actor(workspace, args)
    except BaseException:
        workspace.close()
        raise
    _complete_pending_checks(workspace, args)
    return workspace


# Commands that record nothing: anyone may run them in a workspace with chairs.
_READING = frozenset(
    {"summary", "editions", "rank", "nominate", "final-round", "finalists", "coverage",
     "audit", "verify-export"}
)  # fmt: skip


def _check_actor(workspace: Any, args: argparse.Namespace) -> None:
    """Once the workspace has chairs, a command that records acts as one of them (by the
    name as registered) and is refused before it starts for anyone else (NotAChair)."""
    from panel_app.workflow.chairs import acting_chair

    records = getattr(args, "chairs_action", None) not in (None, "conflicts") or (
        args.command == "nominate" and getattr(args, "add", False)  # the rule's picks added
    )
    if getattr(args, "command", None) in _READING and not records:
        return
    if args.command == "chairs" and args.chairs_action in (None, "conflicts"):
        return  # the lists
    args.actor = acting_chair(workspace, getattr(args, "actor", None))


def _complete_pending_checks(workspace: Any, args: argparse.Namespace) -> None:
    """An import killed before its rule checks left them owed: they run before any
    command reads eligibility, and the person is told."""
    from panel_app.workflow.handover import checks_owed

    if not checks_owed(workspace):  # the usual case: nothing heavy imported
        return
    from panel_app.workflow.intake.checks import complete_pending_checks

    checks = complete_pending_checks(workspace, actor=getattr(args, "actor", None))
    if checks is not None:
        print(
            say(
                N_(
                    "panel-app: the rule checks of the last import had not run "
                    "(it was interrupted); they ran now: {sum} findings ({added} "
                    "added, {updated} updated, {removed} removed)."
                ),
                sum=sum(checks.counts.values()),
                added=checks.added,
                updated=checks.updated,
                removed=checks.removed,
            ),
            file=sys.stderr,
        )


def _finding_dict(finding: FindingRow) -> dict[str, Any]:
    return {
        "id": finding.id,
        "rule_id": finding.rule_id,
        "severity": finding.severity,
        "submission_id": finding.submission_id,
        "related_submission_id": finding.related_submission_id,
        "evidence": finding.evidence,
        "overruled_reason": finding.overruled_reason,
        "overruled_by": finding.overruled_by,
        "overruled_at": finding.overruled_at,
    }


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.intake.checks import run_checks

    with _open_existing(args) as workspace:
        result = run_checks(workspace, actor=args.actor)
        display = workspace.location.display
    if args.json:
        _print_json(
            out,
            {
                "ok": True,
                "workspace": display,
                **_checks_summary(result),
                "findings": [_finding_dict(f) for f in result.findings],
            },
        )
        return EXIT_OK
    print(
        say(
            N_("Workspace {display}: {checks_line}"),
            display=display,
            checks_line=_checks_line(result),
        ),
        file=out,
    )
    for rule_id, count in result.counts.items():
        print(
            say(
                # Two msgids rather than plural forms: each language words both.
                N_("\n{rule_id}: {count} finding")
                if count == 1
                else N_("\n{rule_id}: {count} findings"),
                rule_id=rule_id,
                count=count,
            ),
            file=out,
        )
        for finding in (f for f in result.findings if f.rule_id == rule_id):
            line = f"  [{finding.id}] {finding.submission_id}: {finding.evidence}"
            if finding.overruled_reason is not None:
                line += f" (overruled by {finding.overruled_by}: {finding.overruled_reason})"
            print(line, file=out)
    return EXIT_OK


def _cmd_overrule(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.intake.checks import overrule_finding, restore_finding

    decide = restore_finding if args.undo else overrule_finding
    with _open_existing(args) as workspace:
        finding = decide(workspace, args.finding_id, args.reason, actor=args.actor)
    if args.json:
        _print_json(out, {"ok": True, "finding": _finding_dict(finding)})
        return EXIT_OK
    if args.undo:
        print(
            say(
                N_("Finding {id} ({rule_id}, submission {submission_id}) is open again: {args}"),
                id=finding.id,
                rule_id=finding.rule_id,
                submission_id=finding.submission_id,
                args=args.reason.strip(),
            ),
            file=out,
        )
        return EXIT_OK
    print(
        say(
            N_(
                "Finding {id} ({rule_id}, submission {submission_id}) "
                "overruled by {overruled_by}: {overruled_reason}"
            ),
            id=finding.id,
            rule_id=finding.rule_id,
            submission_id=finding.submission_id,
            overruled_by=finding.overruled_by,
            overruled_reason=finding.overruled_reason,
        ),
        file=out,
    )
    return EXIT_OK


def _cmd_summary(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.overview import STATUSES, summarise
    from panel_app.workflow.workspace import open_workspace, workspace_exists

    location = _location(args)
    if not workspace_exists(location):
        raise WorkspaceError(
            f"no workspace at {location.display}; create one with "
            "`panel-app import-submissions FILE` or `panel-app demo`"
        )
    with open_workspace(location) as workspace:
        summary = summarise(workspace)
    if args.json:
        _print_json(out, {"ok": True, **summary.as_dict()})
        return EXIT_OK
    print(
        say(
            N_("Workspace {workspace} (edition {edition_key})"),
            workspace=summary.workspace,
            edition_key=summary.edition_key,
        ),
        file=out,
    )
    if summary.phase is not None:
        print(
            say(
                N_("Phase on {day}: {summary}"),
                day=(
                    f"{summary.phase.day:%d %b %Y}"
                    if language() == ENGLISH
                    else f"{summary.phase.day:%Y-%m-%d}"
                ),
                summary=summary.phase.in_words(language()),
            ),
            file=out,
        )
    # The panel's columns: experts of the category, nomination-round assignments and the
    # reviews returned for them (an expert in two categories counts once in the total).
    words = [say(N_("category")), say(N_("submissions")), say(N_("experts"))]
    words += [say(N_("assigned")), say(N_("reviewed"))]
    header = (
        f"{words[0]:<24} {words[1]:>11} "
        + " ".join(f"{say(STATUS_WORDS[s]):>10}" for s in STATUSES)
        + f" {words[2]:>7} {words[3]:>8} {words[4]:>8}"
    )
    print(header, file=out)
    print("-" * len(header), file=out)
    for c in summary.categories:
        counts = " ".join(f"{c.by_status[s]:>10}" for s in STATUSES)
        panel = f"{c.experts:>7} {c.assignments:>8} {c.reviews:>8}"
        print(f"{c.key:<24} {c.submissions:>11} {counts} {panel}", file=out)
    print("-" * len(header), file=out)
    totals = " ".join(f"{summary.by_status[s]:>10}" for s in STATUSES)
    panel = f"{summary.experts:>7} {summary.assignments:>8} {summary.reviews:>8}"
    everything = say(N_("all"))
    print(f"{everything:<24} {summary.submissions:>11} {totals} {panel}", file=out)
    declined = summary.reviews - summary.reviews_scored
    if declined:
        print(
            say(
                N_(
                    "{declined} of the {reviews} reviews hold no scores (a "
                    "declared conflict of interest or an abstention)."
                ),
                declined=declined,
                reviews=summary.reviews,
            ),
            file=out,
        )
    return EXIT_OK


def _cmd_editions(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.edition import load_edition

    editions = [load_edition(path) for path in available_editions().values()]
    editions.sort(key=lambda e: e.year)
    if args.json:
        _print_json(
            out,
            {
                "ok": True,
                "editions": [
                    {"key": e.key, "year": e.year, "title": e.title.en, "file": str(e.source)}
                    for e in editions
                ],
            },
        )
        return EXIT_OK
    for e in editions:
        print(f"{e.key}\t{e.year}\t{e.title.en}", file=out)
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.demo.workspace import (
        DEFAULT_DEMO_COUNT,
        DEFAULT_DEMO_SEED,
        create_demo_workspace,
        default_demo_workspace,
    )
    from panel_app.workflow.workspace import locate_workspace

    if args.workspace is None and args.database_url is None:
        location = locate_workspace(default_demo_workspace())
    else:
        location = _location(args)
    result = create_demo_workspace(
        location,
        count=args.count or DEFAULT_DEMO_COUNT,
        seed=DEFAULT_DEMO_SEED if args.seed is None else args.seed,
        edition_key=args.edition,
        actor=args.actor,
        progress=_progress_printer(not args.json),
    )
    if args.json:
        _print_json(
            out,
            {
                "ok": True,
                "workspace": result.workspace,
                "submission_file": str(result.submission_file),
                "planted_violations": result.planted,
                **{"intake": result.intake.as_dict()},
                "checks": None if result.checks is None else _checks_summary(result.checks),
                "panel": None if result.panel is None else dataclasses.asdict(result.panel),
            },
        )
    else:
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(
            say(
                N_(
                    "Demo workspace {workspace}: {rows_read} submissions from "
                    "{name} ({added} added)."
                ),
                workspace=result.workspace,
                rows_read=result.intake.rows_read,
                name=result.submission_file.name,
                added=result.intake.added,
            ),
            file=out,
        )
        if result.checks is not None:
            print(_checks_line(result.checks), file=out)
        if result.panel is not None:
            print(_panel_line(result.panel), file=out)
    if args.phase != "review":
        from panel_app.demo.season import advance_demo
        from panel_app.workflow.workspace import open_workspace

        folder = Path(result.submission_file).parent
        with open_workspace(location) as workspace:
            steps = advance_demo(workspace, args.phase, folder, actor=args.actor)
        if args.json:
            _print_json(out, {"ok": True, "phase": args.phase, "steps": steps})
        else:
            for text in steps:
                print(say(N_("Demo season: {text}."), text=text), file=out)
    if args.no_gui:
        return EXIT_OK
    return _open_window(location.path, None if location.path else location.url)


def _panel_line(panel: PanelResult) -> str:
    text = (
        f"Expert panel: {panel.experts} experts ({panel.conflicts} declared conflicts), "
        f"{panel.assignments} assignments, {panel.reviews} reviews"
    )
    if not panel.created:
        return text + " (already in the workspace; left as it was)."
    for problem in panel.problems:
        text += f"\n  not satisfied: {problem}"
    return text + "."


def _cmd_window(args: argparse.Namespace, out: TextIO) -> int:
    return _open_window(args.workspace, args.database_url)


def _open_window(workspace: Path | None, database_url: str | None) -> int:
    try:
        from panel_app.ui.app import run_window
    except ImportError as error:
        print(
            say(
                N_(
                    "panel-app: the window needs Qt (PySide6), which is not "
                    "installed ({error}). Install panel-app[gui], or use the "
                    "commands (panel-app --help)."
                ),
                error=error,
            ),
            file=sys.stderr,
        )
        return EXIT_REFUSED
    return run_window(workspace=workspace, database_url=database_url)
