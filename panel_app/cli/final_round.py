"""Commands of the final round: final-round, select, export results, demo-final.

Loaded by `panel_app.cli` when the parser is built, after the nomination commands: `export
results` joins their `export` command (the handler is picked by `export_handler`).
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TextIO

from panel_app.cli import EXIT_OK, _open_existing, _print_json, _refused
from panel_app.cli.nomination import _export_path
from panel_app.cli.words import N_, say

if TYPE_CHECKING:
    from panel_app.workflow.final.final_round import CategoryFinal, FinalistRow


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add this phase's commands to the `panel-app` sub-command parsers."""
    final = commands.add_parser(
        "final-round",
        parents=[common],
        help="the finalists' scores, the experts' ranks, Kendall's W and the Schulze order",
    )
    final.add_argument("--category", metavar="KEY", action="append", help="only this category")

    select = commands.add_parser(
        "select",
        parents=[common],
        help="record a category's winner and champions (replaces an earlier selection)",
    )
    select.add_argument("--category", required=True, metavar="KEY")
    select.add_argument("--winner", required=True, metavar="ID", type=_ids)
    select.add_argument(
        "--champions", required=True, metavar="ID,ID,...", type=_ids, help="comma-separated"
    )
    select.add_argument("--reason", required=True, metavar="TEXT", help="why, for the record")

    demo = commands.add_parser(
        "demo-final",
        parents=[common],
        help="fill a demo workspace's final round: finalists (the top nominees when no vote "
        "was imported), every expert on every finalist of their category, generated reviews",
    )
    demo.add_argument("--seed", type=int, default=0, help="for the generated scores (0)")

    export = commands.choices["export"]
    kinds = next(a for a in export._actions if isinstance(a, argparse._SubParsersAction))
    results = kinds.add_parser(
        "results",
        parents=[common],
        help="the winners and champions (.xlsx or .csv: docs/formats/results.md; .pdf: the "
        "report, docs/formats/reports.md)",
    )
    results.add_argument("--out", required=True, metavar="FILE", type=_export_path)
    results.set_defaults(export_handler=_cmd_export_results)


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _points(micro: int | None) -> str:
    return "-" if micro is None else f"{micro / 10_000:.2f}"


def _p(value: float) -> str:
    return "<0.001" if value < 0.001 else f"={value:.3f}"


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _tiers(tiers: tuple[tuple[str, ...], ...]) -> str:
    return " > ".join(" = ".join(tier) if len(tier) > 1 else tier[0] for tier in tiers)


def _rank_cell(row: FinalistRow, code: str) -> str:
    from panel_app.workflow.final.final_round import rank_cell

    return rank_cell(row, code)


def _cmd_final_round(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.final.final_round import SelectionRefused, final_round_report

    try:
        with _open_existing(args) as workspace:
            report = final_round_report(workspace, args.category)
    except SelectionRefused as refused:
        return _refused(args, f"panel-app: {refused}", [])
    if args.json:
        _print_json(out, {"ok": True, "categories": [asdict(c) for c in report.categories]})
        return EXIT_OK
    if not report.categories:
        print(say(N_("No finalists yet: the final round starts from the public vote's finalists.")))
        return EXIT_OK
    for category in report.categories:
        _print_category(category, out)
    return EXIT_OK


def _print_category(category: CategoryFinal, out: TextIO) -> None:
    w = category.concordance
    agreement = (
        f"{w.value:.3f} over {w.experts} experts (chi-square p{_p(w.p_value)})"
        if w.value is not None and w.p_value is not None
        else f"undefined ({w.reason})"
    )
    if category.not_analysed:
        total = len(category.finalists) + len(category.not_analysed)
        print(
            say(
                N_("{category_key}: {total} finalists, the top {count} by valid votes analysed"),
                category_key=category.category_key,
                total=total,
                count=len(category.finalists),
            ),
            file=out,
        )
    else:
        print(
            say(
                N_("{category_key}: {count} finalists"),
                category_key=category.category_key,
                count=len(category.finalists),
            ),
            file=out,
        )
    print(say(N_("  Kendall's W {agreement}"), agreement=agreement), file=out)
    print(say(N_("  score order    {tiers}"), tiers=_tiers(category.score_order)), file=out)
    print(say(N_("  Schulze order  {tiers}"), tiers=_tiers(category.schulze)), file=out)
    experts = category.experts
    head = " ".join(f"{code:>6}" for code in experts)
    print(say(N_("        ID   mean  n place Schulze  {head}  award"), head=head), file=out)
    for row in category.finalists:
        ranks = " ".join(f"{_rank_cell(row, code):>6}" for code in experts)
        place = "-" if row.score_place is None else str(row.score_place)
        award = row.selection or ""
        if not row.eligible:
            award = (award + " " if award else "") + "(open ineligibility finding)"
        print(
            f"  {row.submission_id:>8} {_points(row.mean):>6} {row.reviews:>2} {place:>5} "
            f"{row.schulze_place:>7}  {ranks}  {award}",
            file=out,
        )
    for row in category.finalists:
        vote = f"; {row.vote}" if row.vote else ""
        means = ", ".join(
            f"{key} {_mean(row.criterion_means.get(key))}" for key in category.criteria
        )
        print(f"  {row.submission_id}: {row.title} ({row.organisation}){vote}", file=out)
        print(say(N_("    means: {means}"), means=means), file=out)
    for other in category.not_analysed:
        vote = f"; {other.vote}" if other.vote else ""
        award = f"; {other.selection}" if other.selection else ""
        print(
            say(
                N_(
                    "  {submission_id}: {title} ({organisation}){vote}; not "
                    "analysed (finalist {place} by votes){award}"
                ),
                submission_id=other.submission_id,
                title=other.title,
                organisation=other.organisation,
                vote=vote,
                place=other.place,
                award=award,
            ),
            file=out,
        )
    for note in category.notes:
        print(say(N_("  note: {note}"), note=note), file=out)
    if category.selection_reason is not None:
        print(
            say(
                N_("  selection recorded: {selection_reason}"),
                selection_reason=category.selection_reason,
            ),
            file=out,
        )
    print(file=out)


def _cmd_select(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.final.final_round import SelectionRefused, record_selection

    try:
        with _open_existing(args) as workspace:
            result = record_selection(
                workspace,
                args.category,
                winners=args.winner,
                champions=args.champions,
                reason=args.reason,
                actor=args.actor,
            )
    except SelectionRefused as refused:
        return _refused(args, f"panel-app select: {refused}", [])
    if args.json:
        _print_json(out, {"ok": True, **asdict(result)})
        return EXIT_OK
    print(
        say(
            N_("{category_key}: winner {winners}; champions {result} (by {decided_by}: {reason})"),
            category_key=result.category_key,
            winners=", ".join(result.winners),
            result=", ".join(result.champions) or "none",
            decided_by=result.decided_by,
            reason=result.reason,
        ),
        file=out,
    )
    if result.replaced is not None:
        print(
            say(
                N_("  replaces the earlier selection: winner {result}; champions {result2}"),
                result=", ".join(result.replaced["winner"]),
                result2=", ".join(result.replaced["champion"]) or "none",
            ),
            file=out,
        )
    for note in result.notes:
        print(say(N_("  note: {note}"), note=note), file=out)
    return EXIT_OK


def _cmd_export_results(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.final.report import export_results_report
    from panel_app.workflow.final.results import export_results

    write = export_results_report if args.out.suffix.lower() == ".pdf" else export_results
    with _open_existing(args) as workspace:
        result = write(workspace, args.out, actor=args.actor)
    if args.json:
        _print_json(out, {"ok": True, **asdict(result)})
        return EXIT_OK
    print(
        say(
            N_("Wrote {rows} winners and champions to {path}."), rows=result.rows, path=result.path
        ),
        file=out,
    )
    if result.without_selection:
        print(
            say(
                N_("  no selection yet: {without_selection}"),
                without_selection=", ".join(result.without_selection),
            ),
            file=out,
        )
    for warning in result.warnings:
        print(say(N_("Note: {warning}"), warning=warning), file=out)
    return EXIT_OK


def _cmd_demo_final(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.demo.workspace_final_round import create_demo_final_round
    from panel_app.workflow.panel.assignment import AssignmentRefused

    try:
        with _open_existing(args) as workspace:
            result = create_demo_final_round(workspace, seed=args.seed, actor=args.actor)
    except AssignmentRefused as refused:
        return _refused(args, f"panel-app demo-final: {refused}", [])
    if args.json:
        _print_json(out, {"ok": True, **asdict(result)})
        return EXIT_OK
    made = (
        f"{result.finalists_made} finalists taken from the nominee list"
        if result.finalists_made
        else "the finalists already recorded"
    )
    print(
        say(
            N_(
                "Final round of the demo: {made}; {assignments_added} "
                "assignments and {reviews_added} reviews added."
            ),
            made=made,
            assignments_added=result.assignments_added,
            reviews_added=result.reviews_added,
        ),
        file=out,
    )
    for line in result.left_out:
        print(f"  {line}", file=out)
    return EXIT_OK


HANDLERS = {
    "final-round": _cmd_final_round,
    "select": _cmd_select,
    "demo-final": _cmd_demo_final,
}
