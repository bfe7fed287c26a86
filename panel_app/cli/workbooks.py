"""Commands of the review workbooks: packages, merge, coverage (the chair's side) and
open-package, export-scores (the expert's side).

Loaded by `panel_app.cli` when the parser is built, so it may use that module's helpers.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from panel_app.cli import EXIT_OK, EXIT_REFUSED, _location, _open_existing, _print_json
from panel_app.problems import InputRefused

ROUND_CHOICES = ("nomination", "final")


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add this phase's commands to the `panel-app` sub-command parsers."""
    packages = commands.add_parser(
        "packages",
        parents=[common],
        help="write one review workbook per expert (docs/formats/review-workbook.md)",
    )
    packages.add_argument("--out", required=True, type=Path, metavar="DIR")
    packages.add_argument("--round", choices=ROUND_CHOICES, default="nomination")
    # Not --language: that global option is the language of the command's own messages.
    packages.add_argument(
        "--package-language",
        type=_language,
        default="en",
        metavar="CODE",
        help="the language of the packages of experts the expert list gives none (its "
        "Language column): ar, zh_CN, en, fr, ru or es, or the language's name (default: "
        "en); the others are written in their own",
    )

    merge = commands.add_parser(
        "merge", parents=[common], help="merge returned review workbooks into the workspace"
    )
    merge.add_argument("files", nargs="+", type=Path, metavar="FILE")
    merge.add_argument(
        "--strict",
        action="store_true",
        help="refuse sheets whose scores the app did not sign (edited by hand)",
    )
    merge.add_argument(
        "--accept-valid-rows",
        action="store_true",
        help="merge the valid rows of a sheet with problems, listing the others",
    )
    merge.add_argument(
        "--replace",
        action="store_true",
        help="let a sheet replace scores it would not replace on its own: a different one "
        "merged at the same revision, or signed scores by a sheet edited by hand "
        "(needs --reason)",
    )
    merge.add_argument("--reason", default="", metavar="TEXT", help="why, with --replace")

    coverage = commands.add_parser(
        "coverage", parents=[common], help="who returned what; the missing reviews"
    )
    coverage.add_argument("--round", choices=ROUND_CHOICES, default="nomination")

    open_package = commands.add_parser(
        "open-package",
        parents=[common],
        help="(expert) load a package into your own workspace, created if needed",
    )
    open_package.add_argument("file", type=Path, metavar="FILE")

    export = commands.add_parser(
        "export-scores",
        parents=[common],
        help="(expert) write your scored workbook, signed, to send to the chair",
    )
    export.add_argument("--out", required=True, type=Path, metavar="FILE")


def _language(text: str) -> str:
    from panel_app.i18n import CODES, language_code

    code = language_code(text)
    if code is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not one of the app's languages: {', '.join(CODES)}"
        )
    return code


def _cmd_packages(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.review.packages import write_packages

    with _open_existing(args) as workspace:
        result = write_packages(
            workspace,
            args.out,
            round_key=args.round,
            language=args.package_language,
            actor=args.actor,
        )
    if args.json:
        _print_json(out, {"ok": True, **asdict(result)})
        return EXIT_OK
    new = sum(f.newly_issued for f in result.files)
    chosen = sum(f.language_chosen for f in result.files)
    languages = ""
    if chosen:
        languages = (
            f"; {chosen} in {result.language}, chosen for experts the expert list gives no "
            "language" + (" (the others in their own)" if chosen < len(result.files) else "")
        )
    print(
        f"Wrote {len(result.files)} review workbooks ({result.round} round) to {args.out}; "
        f"{new} packages newly issued{languages}.",
        file=out,
    )
    for file in result.files:
        print(
            f"  {file.expert_code:<10} {file.projects:>4} projects  {file.language:<5}  "
            f"{file.path.name}",
            file=out,
        )
        if file.replaces:
            print(
                f"    a new package: the one issued before ({file.replaces}) holds its key "
                "readable, so its signatures are not trusted; send this one",
                file=out,
            )
    for note in result.notes:
        print(f"Note: {note}", file=out)
    return EXIT_OK


def _cmd_merge(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.review.merge import MergeResult, merge_workbook

    results: list[dict[str, Any]] = []
    refused = 0
    with _open_existing(args) as workspace:
        for path in args.files:
            try:
                result: MergeResult = merge_workbook(
                    workspace,
                    path,
                    strict=args.strict,
                    accept_valid_rows=args.accept_valid_rows,
                    replace=args.replace,
                    reason=args.reason,
                    actor=args.actor,
                )
            except InputRefused as error:
                refused += 1
                results.append(
                    {"file": str(path), "ok": False, "error": str(error), "problems": [
                        p.as_dict() for p in error.problems
                    ]}
                )  # fmt: skip
                if not args.json:
                    print(error.report(), file=_stderr())
                continue
            data = asdict(result)
            data["skipped"] = [p.as_dict() for p in result.skipped]
            results.append({"ok": True, **data})
            if not args.json:
                print(_merge_line(result), file=out)
                if result.readable_key:
                    print(
                        "  signed with a key issued by an earlier version, readable in its "
                        "package: counted as edited outside the app (`panel-app packages` "
                        "issues the expert a new package)",
                        file=out,
                    )
                if result.missing:
                    print(
                        f"  no row for {len(result.missing)} of the expert's projects: "
                        + ", ".join(result.missing),
                        file=out,
                    )
                for problem in result.skipped:
                    print(f"  row left out: {problem.describe()}", file=out)
    if args.json:
        _print_json(out, {"ok": refused == 0, "files": results})
    return EXIT_REFUSED if refused else EXIT_OK


def _stderr() -> TextIO:
    import sys

    return sys.stderr


def _merge_line(result: Any) -> str:
    origin = "signed by the app" if result.origin == "signed" else "edited outside the app"
    head = f"{result.file}: expert {result.expert_code}, revision {result.revision}, {origin}"
    if result.unchanged:
        return f"{head}: merged already, nothing changed."
    return (
        f"{head}: {result.added} reviews added, {result.updated} updated, {result.same} unchanged."
    )


def _cmd_coverage(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.review.merge import coverage

    with _open_existing(args) as workspace:
        report = coverage(workspace, round_key=args.round)
    if args.json:
        _print_json(
            out,
            {"ok": True, "round": report.round, "assigned": report.assigned,
             "returned": report.returned, "declined": report.declined,
             "experts": [asdict(e) for e in report.experts],
             "projects_missing_reviews": [asdict(p) for p in report.projects]},
        )  # fmt: skip
        return EXIT_OK
    print(
        f"{report.round} round: {report.returned} of {report.assigned} reviews returned; "
        f"{len(report.projects)} projects missing a review.",
        file=out,
    )
    if report.declined:
        print(
            f"{report.declined} of the {report.returned} reviews returned hold no scores "
            "(a declared conflict of interest or an abstention).",
            file=out,
        )
    print(f"  {'expert':<10} {'returned':>13}  last merged", file=out)
    for expert in report.experts:
        merged = "-" if expert.revision is None else f"revision {expert.revision} ({expert.origin})"
        print(
            f"  {expert.expert_code:<10} {expert.returned:>5} of {expert.assigned:<5}  {merged}",
            file=out,
        )
        if expert.missing:
            print(f"    missing: {', '.join(expert.missing)}", file=out)
    if report.projects:
        print("Projects missing reviews:", file=out)
        for project in report.projects:
            print(
                f"  {project.submission_id:>8} {project.category_key:<24} {project.returned} of "
                f"{project.assigned}; missing: {', '.join(project.missing)}",
                file=out,
            )
    return EXIT_OK


def _cmd_open_package(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.review.expert_workbook import open_package

    opened = open_package(_location(args), args.file, actor=args.actor)
    if args.json:
        _print_json(out, {"ok": True, **asdict(opened)})
        return EXIT_OK
    print(
        f"Opened the {opened.round} package of expert {opened.expert_code} in "
        f"{opened.workspace}: {opened.projects} projects ({opened.added} new), "
        f"{opened.reviews} reviews loaded from the workbook.",
        file=out,
    )
    return EXIT_OK


def _cmd_export_scores(args: argparse.Namespace, out: TextIO) -> int:
    from panel_app.workflow.review.expert_workbook import export_scores

    with _open_existing(args) as workspace:
        exported = export_scores(workspace, args.out, actor=args.actor)
    if args.json:
        _print_json(out, {"ok": True, **asdict(exported)})
        return EXIT_OK
    print(
        f"Wrote {exported.path}: revision {exported.revision}, {exported.reviews} reviews "
        f"({exported.scored} of {exported.projects} projects scored, {exported.unscored} "
        f"not yet, {exported.conflicts} conflicts declared), signed. Send it to the chair.",
        file=out,
    )
    return EXIT_OK


HANDLERS = {
    "packages": _cmd_packages,
    "merge": _cmd_merge,
    "coverage": _cmd_coverage,
    "open-package": _cmd_open_package,
    "export-scores": _cmd_export_scores,
}
