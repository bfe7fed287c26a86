"""The secretariat's three lists, as one entry point for the window: the nominee list, the
finalists, the winners and champions, each as .xlsx, .csv or a PDF report by the file's
suffix (the formats: docs/formats/). `panel-app export KIND --out FILE` writes the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from panel_app.i18n import N_, Refusal
from panel_app.workflow.workspace import WorkspaceLocation, open_workspace

KINDS = ("nominees", "finalists", "results")
SUFFIXES = (".xlsx", ".csv", ".pdf")


class ExportRefused(Refusal, ValueError):
    """Nothing was written: the reason, in words."""


@dataclass(frozen=True)
class SecretariatExport:
    kind: str
    path: Path
    rows: int
    frozen: bool | None = None  # nominees: the frozen list, or a proposal
    tied: int = 0  # finalists: projects tied for a last place, not decided
    # finalists: as `panel-app finalists` shows them; a PDF report: characters it prints
    # as their code point, no font of the app having them
    warnings: tuple[str, ...] = ()
    without_selection: tuple[str, ...] = ()  # results: categories with no selection yet


def export_for_secretariat(
    location: WorkspaceLocation, kind: str, out: Path, *, actor: str | None = None
) -> SecretariatExport:
    """Write one list from the workspace at `location`, on a connection of its own (for a
    worker thread beside the window's)."""
    if kind not in KINDS:
        raise ExportRefused(
            N_("unknown list {kind!r}: expected one of {KINDS}"), kind=kind, KINDS=", ".join(KINDS)
        )
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise ExportRefused(
            N_("{name}: the file must end in {SUFFIXES} (the format follows it)"),
            name=out.name,
            SUFFIXES=", ".join(SUFFIXES),
        )
    pdf = suffix == ".pdf"
    with open_workspace(location) as workspace:
        if kind == "nominees":
            from panel_app.workflow.nomination.nominees import NominationRefused, export_nominees
            from panel_app.workflow.nomination.report import export_nominee_report

            try:
                nominees = (export_nominee_report if pdf else export_nominees)(
                    workspace, out, actor=actor
                )
            except NominationRefused as refused:
                raise ExportRefused(refused.template, **refused.params) from refused
            return SecretariatExport(
                kind, out, nominees.rows, frozen=nominees.frozen, warnings=nominees.warnings
            )
        if kind == "finalists":
            from panel_app.workflow.vote.finalists import export_finalists
            from panel_app.workflow.vote.public_vote import VotesRefused
            from panel_app.workflow.vote.report import export_finalists_report

            try:
                finalists = (export_finalists_report if pdf else export_finalists)(
                    workspace, out, actor=actor
                )
            except VotesRefused as refused:
                raise ExportRefused(refused.template, **refused.params) from refused
            return SecretariatExport(
                kind, out, finalists.finalists, tied=finalists.tied, warnings=finalists.warnings
            )
        from panel_app.workflow.final.final_round import SelectionRefused
        from panel_app.workflow.final.report import export_results_report
        from panel_app.workflow.final.results import export_results

        try:
            results = (export_results_report if pdf else export_results)(
                workspace, out, actor=actor
            )
        except SelectionRefused as refused:
            raise ExportRefused(refused.template, **refused.params) from refused
        return SecretariatExport(
            kind,
            out,
            results.rows,
            without_selection=results.without_selection,
            warnings=results.warnings,
        )
