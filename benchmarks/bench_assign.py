"""Assignment benchmark: K = 3 experts for every eligible project of 1k or 10k submissions.

For each size it builds a demo workspace once (`panel-app demo`: submissions, rule checks,
the demo panel of ~120 experts for 1k, ~160 for 10k, with their conflicts), removes its
assignments and reviews (set-up, not timed), then measures in fresh processes, each on a
fresh copy so that peak memory (ru_maxrss) is each step's own:
  - plan:   the pure core (`panel_app.assignment.plan_assignment`); reading the projects
            and experts from the workspace is set-up;
  - assign: `assign_experts` on a workspace without assignments: read, plan, store,
            audit (what `panel-app assign --per-project 3` does the first time);
  - rerun:  `assign_experts` again when every assignment is there (nothing to add).
Prints medians and peak memory as a Markdown table for docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_assign.py --count 1000 10000 --repeat 5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import HEADER, report

OPEN = """
from pathlib import Path
from panel_app.workflow.workspace import locate_workspace, open_workspace
ws = open_workspace(locate_workspace(Path(WORKSPACE)))
"""

STEP_CODE = {
    "plan": (
        OPEN
        + """
import random
from panel_app.assignment import plan_assignment
from panel_app.workflow.panel.assignment import _reviewers, _round_projects
with ws.sessions() as session:
    projects = [p for _, p in _round_projects(session, "nomination")]
    reviewers, _ = _reviewers(session)
keys = [c.key for c in ws.edition.categories]
""",
        "plan = plan_assignment(projects, reviewers, 3, random.Random(1), categories=keys)\n"
        "assert len(plan.new) >= 3 * len(projects) - 10",
    ),
    "assign": (
        OPEN + "from panel_app.workflow.panel.assignment import assign_experts\n",
        "result = assign_experts(ws, per_project=3, seed=1, actor='benchmark')\n"
        "assert result.added > 0",
    ),
    "rerun": (
        OPEN
        + "from panel_app.workflow.panel.assignment import assign_experts\n"
        + "assign_experts(ws, per_project=3, seed=1, actor='benchmark')\n",
        "result = assign_experts(ws, per_project=3, seed=1, actor='benchmark')\n"
        "assert result.added == 0",
    ),
}


# The demo workspace without its assignments and reviews: the panel as imported.
PREPARE = """
import sys
from pathlib import Path
from sqlalchemy import delete
from panel_app.cli import main
from panel_app.store.models import Assignment, Review, Score
from panel_app.workflow.workspace import locate_workspace, open_workspace
path = Path(sys.argv[2])
assert main(["demo", "--no-gui", "--count", sys.argv[1], "--workspace", str(path)]) == 0
with open_workspace(locate_workspace(path)) as ws, ws.transaction() as session:
    for table in (Score, Review, Assignment):
        session.execute(delete(table))
"""


def prepare(count: int, template: Path) -> None:
    subprocess.run(
        [sys.executable, "-c", PREPARE, str(count), str(template)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", nargs="+", type=int, default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--steps", nargs="+", default=list(STEP_CODE), choices=list(STEP_CODE))
    args = parser.parse_args()

    print(HEADER.format(label="submissions"))
    for count in args.count:
        with tempfile.TemporaryDirectory() as folder:
            template = Path(folder) / "template.sqlite"
            prepare(count, template)
            report(f"{count:,}", template, args.steps, STEP_CODE, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
