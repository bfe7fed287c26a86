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
from panel_app.cli.words import N_, round_name, say
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
        languages = say(
            N_("; {chosen} in {language}, chosen for experts the expert list gives no language"),
            chosen=chosen,
            language=result.language,
        ) + (say(N_(" (the others in their own)")) if chosen < len(result.files) else "")
    print(
        say(
            N_(
                "Wrote {count} review workbooks ({round} round) to {out}; "
                "{new} packages newly issued{languages}."
            ),
            count=len(result.files),
            round=round_name(result.round),
            out=args.out,
            new=new,
            languages=languages,
        ),
        file=out,
    )
    for file in result.files:
        print(
            say(
                N_("  {expert_code:<10} {projects:>4} projects  {language:<5}  {name}"),
                expert_code=file.expert_code,
                projects=file.projects,
                language=file.language,
                name=file.path.name,
            ),
            file=out,
        )
        if file.replaces:
            print(
                say(
                    N_(
                        "    a new package: the one issued before ({replaces}) holds "
                        "its key readable, so its signatures are not trusted; send "
                        "this one"
                    ),
                    replaces=file.replaces,
                ),
                file=out,
            )
    for note in result.notes:
        print(say(N_("Note: {note}"), note=note), file=out)
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
                        say(
                            N_(
                                "  signed with a key issued by an earlier version, readable "
                                "in its package: counted as edited outside the app "
                                "(`panel-app packages` issues the expert a new package)"
                            )
                        ),
                        file=out,
                    )
                if result.missing:
                    print(
                        f"  no row for {len(result.missing)} of the expert's projects: "
                        + ", ".join(result.missing),
                        file=out,
                    )
                for problem in result.skipped:
                    print(
                        say(N_("  row left out: {problem}"), problem=problem.describe()), file=out
                    )
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
        say(
            N_(
                "{round} round: {returned} of {assigned} reviews returned; "
                "{count} projects missing a review."
            ),
            round=round_name(report.round),
            returned=report.returned,
            assigned=report.assigned,
            count=len(report.projects),
        ),
        file=out,
    )
    if report.declined:
        print(
            say(
                N_(
                    "{declined} of the {returned} reviews returned hold no "
                    "scores (a declared conflict of interest or an abstention)."
                ),
                declined=report.declined,
                returned=report.returned,
            ),
            file=out,
        )
    print(
        say(
            N_("  expert          returned  last merged"),
        ),
        file=out,
    )
    for expert in report.experts:
        merged = "-" if expert.revision is None else f"revision {expert.revision} ({expert.origin})"
        print(
            say(
                N_("  {expert_code:<10} {returned:>5} of {assigned:<5}  {merged}"),
                expert_code=expert.expert_code,
                returned=expert.returned,
                assigned=expert.assigned,
                merged=merged,
            ),
            file=out,
        )
        if expert.missing:
            print(say(N_("    missing: {missing}"), missing=", ".join(expert.missing)), file=out)
    if report.projects:
        print(say(N_("Projects missing reviews:")), file=out)
        for project in report.projects:
            print(
                say(
                    N_(
                        "  {submission_id:>8} {category_key:<24} {returned} of "
                        "{assigned}; missing: {missing}"
                    ),
                    submission_id=project.submission_id,
                    category_key=project.category_key,
                    returned=project.returned,
                    assigned=project.assigned,
                    missing=", ".join(project.missing),
                ),
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
        say(
            N_(
                "Opened the {round} package of expert {expert_code} in "
                "{workspace}: {projects} projects ({added} new), {reviews} "
                "reviews loaded from the workbook."
            ),
            round=round_name(opened.round),
            expert_code=opened.expert_code,
            workspace=opened.workspace,
            projects=opened.projects,
            added=opened.added,
            reviews=opened.reviews,
        ),
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
        say(
            N_(
                "Wrote {path}: revision {revision}, {reviews} reviews "
                "({scored} of {projects} projects scored, {unscored} not "
                "yet, {conflicts} conflicts declared), signed. Send it to "
                "the chair."
            ),
            path=exported.path,
            revision=exported.revision,
            reviews=exported.reviews,
            scored=exported.scored,
            projects=exported.projects,
            unscored=exported.unscored,
            conflicts=exported.conflicts,
        ),
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
