"""Commands of the expert panel: experts import, assign, assignment add|remove.

Loaded by `panel_app.cli` when the parser is built, so it may use that module's helpers.
`assign` exits 0 when it has stored its plan, even if some rule could not be satisfied:
what could not is the report (stdout, or "unsatisfied" in the JSON), for the chair to act
on; exit 1 is for a refusal that wrote nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from panel_app.cli import (
    EXIT_OK,
    _open_existing,
    _Parser,
    _positive_int,
    _print_cleaned,
    _print_json,
    _refused,
)
from panel_app.cli.words import N_, round_name, say
from panel_app.workflow.panel.assignment import AssignmentRefused
from panel_app.workflow.rounds import ROUNDS

Handler = Callable[[argparse.Namespace, TextIO], int]


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add this phase's commands to the `panel-app` sub-command parsers."""
    experts = commands.add_parser("experts", parents=[common], help="the expert panel")
    actions = experts.add_subparsers(dest="experts_action", required=True, parser_class=_Parser)
    load = actions.add_parser(
        "import",
        parents=[common],
        help="import the expert list (.xlsx or .csv; docs/formats/experts.md)",
    )
    load.add_argument("file", type=Path, metavar="FILE")

    assign = commands.add_parser(
        "assign",
        parents=[common],
        help="give every eligible project K experts (the final round: every expert of the "
        "category); keeps existing assignments",
    )
    assign.add_argument(
        "--per-project",
        type=_positive_int,
        metavar="K",
        help="experts per project; required in the nomination round, not in the final",
    )
    _round_option(assign)
    assign.add_argument("--seed", type=int, default=0, help="for the random choices (0)")

    assignment = commands.add_parser(
        "assignment", parents=[common], help="assign or unassign one expert by hand, with a reason"
    )
    changes = assignment.add_subparsers(
        dest="assignment_action", required=True, parser_class=_Parser
    )
    for name, text in (("add", "assign an expert to a project"), ("remove", "take it back")):
        change = changes.add_parser(name, parents=[common], help=text)
        change.add_argument("expert_id", metavar="EXPERT")
        change.add_argument("submission_id", metavar="SUBMISSION")
        change.add_argument("--reason", required=True, metavar="TEXT", help="why, for the record")
        _round_option(change)


def _round_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--round", choices=ROUNDS, default="nomination", help="(nomination)")


def _refusable(handler: Handler) -> Handler:
    def run(args: argparse.Namespace, out: TextIO) -> int:
        try:
            return handler(args, out)
        except AssignmentRefused as refused:
            return _refused(args, f"panel-app: {refused}", [])

    return run


def _cmd_experts(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.panel.experts import import_experts

    with _open_existing(args) as workspace:
        result = import_experts(workspace, args.file, actor=args.actor)
    if args.json:
        _print_json(out, {"ok": True, **result.as_dict()})
        return EXIT_OK
    print(
        say(
            N_(
                "Imported {file}: {experts_read} experts read; {added} "
                "added, {updated} updated, {unchanged} unchanged."
            ),
            file=result.file,
            experts_read=result.experts_read,
            added=result.added,
            updated=result.updated,
            unchanged=result.unchanged,
        ),
        file=out,
    )
    if not result.changed_anything:
        print(say(N_("Nothing changed: the workspace already held this list.")), file=out)
    for change in result.changes:
        print(
            say(
                N_("  {expert_id}: changed {fields}"),
                expert_id=change.expert_id,
                fields=", ".join(change.fields),
            ),
            file=out,
        )
    if result.not_in_file:
        print(
            say(
                N_("{not_in_file} experts in the workspace are not in this file; they were kept."),
                not_in_file=result.not_in_file,
            ),
            file=out,
        )
    _print_cleaned(result.notes, out)
    return EXIT_OK


def _cmd_assign(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.panel.assignment import assign_experts

    if (args.round == "final") == (args.per_project is not None):
        text = (
            "the final round gives each finalist every expert of its category: drop --per-project"
            if args.round == "final"
            else "--per-project K is required in the nomination round"
        )
        return _refused(args, f"panel-app assign: {text}", [])
    with _open_existing(args) as workspace:
        result = assign_experts(
            workspace,
            per_project=args.per_project or 0,
            round_=args.round,
            seed=args.seed,
            actor=args.actor,
        )
    if args.json:
        data = asdict(result)
        data.pop("problems")
        _print_json(out, {"ok": True, **data, "unsatisfied": [asdict(p) for p in result.problems]})
        return EXIT_OK
    each = (
        "every expert of the category to each finalist"
        if result.round == "final"
        else f"{result.per_project} experts per project"
    )
    print(
        say(
            N_(
                "Assigned {each} for the {round} round: {projects} projects, "
                "{experts} experts; {added} assignments added, {kept} kept."
            ),
            each=each,
            round=round_name(result.round),
            projects=result.projects,
            experts=result.experts,
            added=result.added,
            kept=result.kept,
        ),
        file=out,
    )
    for load in result.loads:
        print(
            say(
                N_(
                    "  {category_key:<24} {projects:>5} projects {experts:>3} "
                    "experts, {lowest}-{highest} reviews each"
                ),
                category_key=load.category_key,
                projects=load.projects,
                experts=load.experts,
                lowest=load.lowest,
                highest=load.highest,
            ),
            file=out,
        )
    for note in result.notes:
        print(say(N_("  note: {note}"), note=note), file=out)
    if result.problems:
        print(say(N_("Not satisfied ({count}):"), count=len(result.problems)), file=out)
        for problem in result.problems:
            print(f"  - {problem.describe()}", file=out)
    else:
        print(say(N_("Every rule of assignment is satisfied.")), file=out)
    return EXIT_OK


def _cmd_assignment(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.panel.assignment import add_assignment, remove_assignment

    change_of = add_assignment if args.assignment_action == "add" else remove_assignment
    with _open_existing(args) as workspace:
        change = change_of(
            workspace,
            args.expert_id,
            args.submission_id,
            reason=args.reason,
            round_=args.round,
            actor=args.actor,
        )
    if args.json:
        _print_json(out, {"ok": True, "change": asdict(change)})
        return EXIT_OK
    verb = say(N_("assigned to")) if change.action == "added" else say(N_("no longer assigned to"))
    print(
        say(
            N_("{expert_id} {verb} {submission_id} ({round} round): {reason}"),
            expert_id=change.expert_id,
            verb=verb,
            submission_id=change.submission_id,
            round=round_name(change.round),
            reason=change.reason,
        ),
        file=out,
    )
    for warning in change.warnings:
        print(say(N_("warning: {warning}"), warning=warning), file=out)
    return EXIT_OK


HANDLERS: dict[str, Handler] = {
    "experts": _cmd_experts,
    "assign": _refusable(_cmd_assign),
    "assignment": _refusable(_cmd_assignment),
}
