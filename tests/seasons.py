"""Demo seasons at a phase, for the tests of what a chair sees of the whole season: the demo
workspace built once (its reviews merged: `review`), then a copy of it taken on to each
phase the demo knows (panel_app/demo/season.py) as a chair's steps would."""

from __future__ import annotations

import shutil
from pathlib import Path

from panel_app.demo.season import advance_demo
from panel_app.demo.workspace import create_demo_workspace
from panel_app.workflow.workspace import locate_workspace, open_workspace

COUNT = 150  # submissions: every category holds some, the phases run in seconds


def demo_season(folder: Path, phase: str, *, edition_key: str | None = None) -> Path:
    """The demo workspace in `folder` at `phase` (review, nominees, vote, final,
    selection): its file, made from the folder's `review` one (built on first use)."""
    base = folder / "review.sqlite"
    if not base.exists():
        create_demo_workspace(locate_workspace(base), count=COUNT, edition_key=edition_key)
    if phase == "review":
        return base
    path = folder / f"{phase}.sqlite"
    shutil.copy(base, path)  # closed: its journal is in the file
    with open_workspace(locate_workspace(path)) as workspace:
        advance_demo(workspace, phase, folder, actor="chair")
    return path
