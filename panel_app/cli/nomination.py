"""Commands of the nomination phase: rank, nominate, nominee add|remove,
nominees freeze|unfreeze, export nominees.

Loaded by `panel_app.cli` when the parser is built, so it may use that module's helpers.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import asdict, fields, is_dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, TextIO

from panel_app.cli import EXIT_OK, _open_existing, _Parser, _print_json, _refused
from panel_app.cli.words import N_, say

if TYPE_CHECKING:
    from panel_app.scoring import Alpha, CategoryResult
    from panel_app.workflow.nomination.nominees import NominationReport

METHODS = ("calibrated", "raw", "zscore")


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add this phase's commands to the `panel-app` sub-command parsers."""
    rank = commands.add_parser(
        "rank",
        parents=[common],
        help="rank each category's projects from the reviews, with every figure behind it",
    )
    _ranking_options(rank)
    rank.add_argument("--category", metavar="KEY", action="append", help="only this category")
    rank.add_argument("--experts", action="store_true", help="also list each expert's offset")

    nominate = commands.add_parser(
        "nominate",
        parents=[common],
        help="propose the nominees per category (the edition's quota; an edition with no "
        "fixed count: the chair's rule, --top or --threshold)",
    )
    _ranking_options(nominate)
    rule = nominate.add_mutually_exclusive_group()
    rule.add_argument(
        "--top",
        type=int,
        metavar="K",
        help="an edition with no fixed count (2017): propose the top K of each category",
    )
    rule.add_argument(
        "--threshold",
        type=float,
        metavar="POINTS",
        help="an edition with no fixed count: propose every project scoring at least POINTS "
        "(out of 100, as the ranking shows them)",
    )
    nominate.add_argument(
        "--add",
        action="store_true",
        help="put every project the rule proposes on the list, in one step (needs --reason)",
    )
    nominate.add_argument("--reason", metavar="TEXT", help="with --add: why, for the record")

    nominee = commands.add_parser(
        "nominee", parents=[common], help="add or remove a nominee, with a reason"
    )
    actions = nominee.add_subparsers(dest="nominee_action", required=True, parser_class=_Parser)
    for name, text in (("add", "put projects on the list"), ("remove", "take them off")):
        action = actions.add_parser(name, parents=[common], help=text)
        action.add_argument(
            "submission_ids",
            metavar="ID",
            nargs="+",
            help="one or more submission IDs: all decided with the one reason, or none",
        )
        action.add_argument("--reason", required=True, metavar="TEXT", help="why, for the record")

    nominees = commands.add_parser(
        "nominees", parents=[common], help="freeze or unfreeze the nominee list"
    )
    states = nominees.add_subparsers(dest="nominees_action", required=True, parser_class=_Parser)
    freeze = states.add_parser("freeze", parents=[common], help="freeze the list as it stands")
    freeze.add_argument("--reason", required=True, metavar="TEXT")
    _ranking_options(freeze)
    unfreeze = states.add_parser("unfreeze", parents=[common], help="allow changes again")
    unfreeze.add_argument("--reason", required=True, metavar="TEXT")

    export = commands.add_parser(
        "export", parents=[common], help="write a list for the secretariat"
    )
    what = export.add_subparsers(dest="export_what", required=True, parser_class=_Parser)
    export_nominees = what.add_parser(
        "nominees",
        parents=[common],
        help="the nominee list (.xlsx or .csv: docs/formats/nominee-list.md; .pdf: the report, "
        "docs/formats/reports.md)",
    )
    export_nominees.add_argument("--out", required=True, metavar="FILE", type=_export_path)
    _ranking_options(export_nominees)


def _ranking_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--method",
        choices=METHODS,
        default="calibrated",
        help="calibrated (default: removes each expert's leniency or severity), raw "
        "(mean of the reviews) or zscore (per-expert standardised; assumes experts saw "
        "projects of the same quality)",
    )
    parser.add_argument("--seed", type=int, default=0, help="for the bootstrap figures")


def _export_path(text: str) -> Any:
    from pathlib import Path

    path = Path(text)
    if path.suffix.lower() not in (".xlsx", ".csv", ".pdf"):
        raise argparse.ArgumentTypeError(f"{text}: expected a .xlsx, .csv or .pdf file name")
    return path


def _points(micro: int | None) -> str:
    return "-" if micro is None else f"{micro / 10_000:.2f}"


def _alpha(alpha: Alpha) -> str:
    if alpha.value is None:
        return f"undefined ({alpha.reason})"
    interval = (
        f" [95% {alpha.low:.2f} to {alpha.high:.2f}]"
        if alpha.low is not None and alpha.high is not None
        else ""
    )
    return f"{alpha.value:.3f}{interval} over {alpha.units} projects"


def _report(args: argparse.Namespace, categories: list[str] | None = None) -> Any:
    from panel_app.workflow.nomination.nominees import nomination_report

    with _open_existing(args) as workspace:
        report = nomination_report(
            workspace,
            method=args.method,
            categories=categories,
            seed=args.seed,
            top=getattr(args, "top", None),
            threshold=getattr(args, "threshold", None),
        )
    return report


def _plain(value: Any) -> Any:
    """A result as JSON-able data (asdict cannot copy the engine's read-only mappings)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value.value if isinstance(value, Enum) else value


def _category_json(result: CategoryResult) -> dict[str, Any]:
    data: dict[str, Any] = _plain(result)
    for row in data["rows"]:
        row.pop("not_counted")  # the reviews themselves: long, and in the workspace already
    return data


def _cmd_rank(args: argparse.Namespace, out: TextIO) -> int:
    report: NominationReport = _report(args, args.category)
    if args.json:
        _print_json(
            out,
            {"ok": True, "method": report.method.value, "results": [
                _category_json(r) for r in report.results
            ]},
        )  # fmt: skip
        return EXIT_OK
    for result in report.results:
        print(_category_heading(result), file=out)
        for note in result.notes:
            print(say(N_("  note: {note}"), note=note), file=out)
        print(
            say(
                N_(
                    "  rank       ID   score     raw  calib.  median  n       "
                    "min-max     sd P(top)  flags / decided by"
                ),
            ),
            file=out,
        )
        for row in result.rows:
            span = (
                f"{_points(row.minimum)}-{_points(row.maximum)}" if row.minimum is not None else "-"
            )
            sd = "-" if row.sd is None else f"{row.sd / 10_000:.2f}"
            p_top = "" if row.p_top is None else f"{row.p_top:.2f}"
            notes = ", ".join(row.flags)
            if row.decided_by not in ("", "first", "score"):  # a tie broken by the cascade
                notes = (notes + "; " if notes else "") + f"tie broken by {row.decided_by}"
            print(
                f"  {row.rank:>4} {row.project_id:>8} {_points(row.score):>7} "
                f"{_points(row.raw_mean):>7} {_points(row.calibrated):>7} "
                f"{_points(row.median):>7} {row.reviews:>2} {span:>13} {sd:>6} {p_top:>6}  "
                f"{notes}",
                file=out,
            )
        if args.experts:
            print(say(N_("  experts (offset in points: + lenient, - severe):")), file=out)
            for expert in result.experts:
                offset = "-" if expert.offset is None else f"{expert.offset:+.2f}"
                se = "" if expert.offset_se is None else f" ± {expert.offset_se:.2f}"
                flags = f"  {', '.join(expert.flags)}" if expert.flags else ""
                print(
                    say(
                        N_("    {expert_id:<10} {reviews:>3} reviews  {offset}{se}{flags}"),
                        expert_id=expert.expert_id,
                        reviews=expert.reviews,
                        offset=offset,
                        se=se,
                        flags=flags,
                    ),
                    file=out,
                )
        print(file=out)
    return EXIT_OK


def _category_heading(result: CategoryResult) -> str:
    used = result.method_used.value
    method = (
        used if used == result.method_requested else f"{used} (asked: {result.method_requested})"
    )
    return (
        f"{result.category_key}: {len(result.rows)} projects, ranked by {method}; "
        f"agreement (Krippendorff's alpha, interval) {_alpha(result.agreement.composite)}"
    )


def _cmd_nominate(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.formats.nominee_list import status_words

    if args.add:
        return _add_proposed(args, out)
    if args.reason is not None:
        return _refused(args, "panel-app nominate: --reason goes with --add", [])
    report: NominationReport = _report(args)
    if args.json:
        _print_json(out, {"ok": True, **_list_json(report)})
        return EXIT_OK
    warnings = list(report.warnings)
    if report.quota is None and report.rule is None and warnings:
        why = warnings.pop(0)  # why nothing is proposed, before the rest
        print(f"{why[:1].upper()}{why[1:]}.", file=out)
    if report.rule is not None:
        print(
            say(
                N_(
                    "Proposed by the chair's rule, {rule}: {count} projects not "
                    "on the list yet (`--add --reason TEXT` puts them on it in "
                    "one step)."
                ),
                rule=report.rule,
                count=len(report.proposed),
            ),
            file=out,
        )
    if report.frozen is not None:
        print(
            say(
                N_(
                    "The list is frozen ({frozen_by}, {frozen_at:%Y-%m-%d}: "
                    "{reason}); below is the list the reviews give now."
                ),
                frozen_by=report.frozen.frozen_by,
                frozen_at=report.frozen.frozen_at,
                reason=report.frozen.reason,
            ),
            file=out,
        )
    for result in report.results:
        entries = report.entries_of(result.category_key)
        print(
            say(
                N_("{category_key}: {count} nominees ({value})"),
                category_key=result.category_key,
                count=len(entries),
                value=result.method_used.value,
            ),
            file=out,
        )
        for entry in entries:
            row = entry.row
            score = _points(row.score) if row is not None else "-"
            rank = str(row.rank) if row is not None else "-"
            p_top = f"  P(top)={row.p_top:.2f}" if row is not None and row.p_top is not None else ""
            reasons = f"  ({'; '.join(entry.reasons)})" if entry.reasons else ""
            status = status_words(entry.status)
            print(
                f"  {rank:>4} {entry.submission_id:>8} {score:>7}  {status}{p_top}{reasons}",
                file=out,
            )
            for finding in entry.findings:
                print(say(N_("                open {text}"), text=finding.text), file=out)
            for verdict in entry.failed_gates:
                print(f"{'':>16}{verdict.in_words()}", file=out)
        for entry in report.proposed_of(result.category_key):
            row = entry.row
            score = _points(row.score) if row is not None else "-"
            rank = str(row.rank) if row is not None else "-"
            status = "proposed" if entry.status == "proposed" else "tied at the rule's cut"
            print(f"  {rank:>4} {entry.submission_id:>8} {score:>7}  {status}", file=out)
            for finding in entry.findings:
                print(say(N_("                open {text}"), text=finding.text), file=out)
            for verdict in entry.failed_gates:
                print(f"{'':>16}{verdict.in_words()}", file=out)
        cut = result.proposal.cut
        if cut is not None and cut.last_in and cut.first_out:
            margin = "-" if cut.margin is None else f"{cut.margin / 10_000:.2f} points"
            print(
                say(
                    N_("  cut: {last_in} in, {first_out} out, by {decided_by} ({margin})"),
                    last_in=cut.last_in,
                    first_out=cut.first_out,
                    decided_by=cut.decided_by,
                    margin=margin,
                ),
                file=out,
            )
    for decision in report.removed:
        print(
            say(
                N_("removed by {decided_by}: {submission_id} ({reason})"),
                decided_by=decision.decided_by,
                submission_id=decision.submission_id,
                reason=decision.reason,
            ),
            file=out,
        )
    for warning in warnings:
        print(say(N_("warning: {warning}"), warning=warning), file=out)
    return EXIT_OK


def _list_json(report: NominationReport) -> dict[str, Any]:
    return {
        "method": report.method.value,
        "quota": report.quota,
        "rule": report.rule,
        "proposed": [
            {
                "category_key": e.category_key,
                "submission_id": e.submission_id,
                "status": e.status,
                "rank": None if e.row is None else e.row.rank,
                "score": None if e.row is None else e.row.score,
                "open_findings": [asdict(f) for f in e.findings],
            }
            for e in report.proposed
        ],
        "frozen": None if report.frozen is None else asdict(report.frozen),
        "nominees": [
            {
                "category_key": e.category_key,
                "submission_id": e.submission_id,
                "status": e.status,
                "rank": None if e.row is None else e.row.rank,
                "score": None if e.row is None else e.row.score,
                "p_top": None if e.row is None else e.row.p_top,
                "reasons": list(e.reasons),
                "open_findings": [asdict(f) for f in e.findings],
                "failed_gates": [asdict(g) for g in e.failed_gates],
            }
            for e in report.entries
        ],
        "removed": [asdict(d) for d in report.removed],
        "warnings": list(report.warnings),
    }


def _cmd_nominee(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.nomination.nominees import add_nominees, remove_nominees

    action = add_nominees if args.nominee_action == "add" else remove_nominees
    with _open_existing(args) as workspace:
        result = action(workspace, args.submission_ids, args.reason, actor=args.actor)
    decisions = result.decisions
    if args.json:
        data: dict[str, Any] = {"ok": True, "decisions": [asdict(d) for d in decisions]}
        if len(decisions) == 1:
            data["decision"] = asdict(decisions[0])
        _print_json(out, data)
        return EXIT_OK
    verb = say(N_("added to")) if args.nominee_action == "add" else say(N_("removed from"))
    if len(decisions) == 1:
        (decision,) = decisions
        print(
            say(
                N_(
                    "Submission {submission_id} ({category_key}) {verb} the "
                    "nominee list by {decided_by}: {reason}"
                ),
                submission_id=decision.submission_id,
                category_key=decision.category_key,
                verb=verb,
                decided_by=decision.decided_by,
                reason=decision.reason,
            ),
            file=out,
        )
        return EXIT_OK
    _print_decisions(decisions, verb, out)
    return EXIT_OK


def _print_decisions(decisions: Any, verb: str, out: TextIO) -> None:
    """Several decisions with one reason: how many, per category, and the IDs."""
    first = decisions[0]
    print(
        say(
            N_("{count} submissions {verb} the nominee list by {decided_by}: {reason}"),
            count=len(decisions),
            verb=verb,
            decided_by=first.decided_by,
            reason=first.reason,
        ),
        file=out,
    )
    by_category: dict[str, list[str]] = {}
    for decision in decisions:
        by_category.setdefault(decision.category_key, []).append(decision.submission_id)
    for key, ids in by_category.items():
        print(f"  {key}: {', '.join(ids)}", file=out)


def _add_proposed(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.nomination.nominees import add_proposed

    if args.top is None and args.threshold is None:
        return _refused(
            args, "panel-app nominate: --add needs the rule: --top K or --threshold POINTS", []
        )
    if not (args.reason or "").strip():
        return _refused(args, "panel-app nominate: --add needs --reason TEXT, for the record", [])
    with _open_existing(args) as workspace:
        result = add_proposed(
            workspace,
            args.reason,
            top=args.top,
            threshold=args.threshold,
            method=args.method,
            actor=args.actor,
        )
    if args.json:
        _print_json(
            out,
            {"ok": True, "decisions": [asdict(d) for d in result.decisions],
             "notes": list(result.notes)},
        )  # fmt: skip
        return EXIT_OK
    _print_decisions(result.decisions, "added to", out)
    for note in result.notes:
        print(say(N_("Note: {note}"), note=note), file=out)
    return EXIT_OK


def _cmd_nominees(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.nomination.nominees import freeze_nominees, unfreeze_nominees

    with _open_existing(args) as workspace:
        if args.nominees_action == "freeze":
            state = freeze_nominees(workspace, args.reason, method=args.method, actor=args.actor)
            text = f"Nominee list frozen: {state.rows} nominees ({state.method})."
        else:
            state = unfreeze_nominees(workspace, args.reason, actor=args.actor)
            text = "Nominee list unfrozen; the chair's decisions may change it again."
    if args.json:
        _print_json(out, {"ok": True, "action": args.nominees_action, "list": asdict(state)})
        return EXIT_OK
    print(text, file=out)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    other = getattr(args, "export_handler", None)  # an export another phase adds
    if other is not None:
        return int(other(args, out))
    from panel_app.workflow.nomination.nominees import export_nominees
    from panel_app.workflow.nomination.report import export_nominee_report

    with _open_existing(args) as workspace:
        if args.out.suffix.lower() == ".pdf":
            result = export_nominee_report(
                workspace, args.out, method=args.method, seed=args.seed, actor=args.actor
            )
        else:
            result = export_nominees(workspace, args.out, method=args.method, actor=args.actor)
    if args.json:
        _print_json(out, {"ok": True, **asdict(result)})
        return EXIT_OK
    state = "the frozen list" if result.frozen else "a proposal (the list is not frozen)"
    print(
        say(
            N_("Wrote {rows} nominees to {path}: {state}, {method}."),
            rows=result.rows,
            path=result.path,
            state=state,
            method=result.method,
        ),
        file=out,
    )
    for warning in result.warnings:
        print(say(N_("Note: {warning}"), warning=warning), file=out)
    return EXIT_OK


HANDLERS = {
    "rank": _cmd_rank,
    "nominate": _cmd_nominate,
    "nominee": _cmd_nominee,
    "nominees": _cmd_nominees,
    "export": _cmd_export,
}
