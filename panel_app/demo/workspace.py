"""The demo workspace: generated submissions taken through the real intake.

The generated set is written as the platform would export it and imported like any other
file, so the demo exercises the same path a chair's real file takes. Running it again on
the same workspace changes nothing (the import is idempotent).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from panel_app.demo.generator import generate_submission_set
from panel_app.demo.workspace_panel import PanelResult, create_demo_panel
from panel_app.edition import latest_edition_key, load_edition_by_key
from panel_app.formats.submission_set_writer import write_past_winners, write_submission_set
from panel_app.paths import user_data_dir
from panel_app.workflow.intake.checks import CheckResult, run_checks
from panel_app.workflow.intake.past_winners import import_past_winners
from panel_app.workflow.intake.submissions import IntakeResult, import_submissions
from panel_app.workflow.workspace import WorkspaceLocation, open_workspace

DEFAULT_DEMO_COUNT = 1000
DEFAULT_DEMO_SEED = 2020


def default_demo_workspace() -> Path:
    return user_data_dir() / "demo" / "demo-workspace.sqlite"


@dataclass(frozen=True)
class DemoResult:
    workspace: str
    submission_file: Path
    intake: IntakeResult
    planted: int | None  # violations planted, when this run generated the file
    checks: CheckResult | None = None  # the rule checks run after the import
    panel: PanelResult | None = None  # the demo's experts and their reviews


def create_demo_workspace(
    location: WorkspaceLocation,
    *,
    count: int = DEFAULT_DEMO_COUNT,
    seed: int = DEFAULT_DEMO_SEED,
    edition_key: str | None = None,
    actor: str | None = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> DemoResult:
    edition = load_edition_by_key(edition_key or latest_edition_key())
    folder = location.path.parent if location.path is not None else user_data_dir() / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    submission_file = folder / f"demo-submissions-{edition.key}-{count}-seed{seed}.xlsx"
    winners_file = submission_file.with_name(submission_file.stem + "-past-winners.xlsx")
    planted: int | None = None
    if not (submission_file.exists() and winners_file.exists()):
        # generated once; the seed makes it the same each time
        demo_set = generate_submission_set(edition, count=count, seed=seed)
        write_submission_set(submission_file, demo_set.columns, demo_set.rows)
        write_past_winners(winners_file, demo_set.past_winners)
        planted = len(demo_set.planted)
    with open_workspace(location, create=True, edition_key=edition.key, actor=actor) as ws:
        intake = import_submissions(ws, submission_file, actor=actor, progress=progress)
        import_past_winners(ws, winners_file, actor=actor)  # so rule 11 has its list
        checks = run_checks(ws, actor=actor)
        panel = create_demo_panel(ws, seed=seed, actor=actor)
    return DemoResult(location.display, submission_file, intake, planted, checks, panel=panel)
