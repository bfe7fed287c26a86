"""Rule-check benchmark: every rule over a workspace of 1k, 10k or 100k submissions.

For each generated submission set (benchmarks/make_demo_files.py) it imports the set once
into a template workspace (set-up, not timed), then measures in fresh processes, each on a
fresh copy of the template so that peak memory (ru_maxrss) is each step's own:
  - rules:   the pure rules (`panel_app.rules.run_all`) over the submissions' records,
             reading them from the workspace is set-up;
  - checks:  `run_checks` on a workspace checked for the first time: read, run every rule,
             store every finding, audit (what `panel-app check` does after an import),
             on worker processes from 5,000 submissions (`rules.runner.workers_for`);
  - checks-serial: the same, all in one process;
  - recheck: `run_checks` again when nothing changed (what every later import costs).
Prints medians (wall clock and CPU time, workers included) and peak memory (of the step's
process and of its largest worker) as a Markdown table for docs/benchmarks.md.

    .venv/bin/python benchmarks/make_demo_files.py --count 1000 10000 --out /tmp/bench
    .venv/bin/python benchmarks/bench_checks.py /tmp/bench/submissions-1000.xlsx \
        /tmp/bench/submissions-10000.xlsx --repeat 5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import HEADER_CPU, report

OPEN = """
from pathlib import Path
from panel_app.workflow.workspace import locate_workspace, open_workspace
ws = open_workspace(locate_workspace(Path(WORKSPACE)))
"""

# Each step: (set-up, not timed; the work, timed).
STEP_CODE = {
    "rules": (
        OPEN
        + """
from panel_app.rules import run_all
from panel_app.workflow.intake.checks import _Submissions  # the records run_checks hands the rules
with ws.sessions() as session:
    inputs = [record for batch in _Submissions(session).batches(1000) for record in batch]
""",
        "findings = run_all(ws.edition, inputs)",
    ),
    "checks": (
        OPEN + "from panel_app.workflow.intake.checks import run_checks\n",
        "result = run_checks(ws, actor='benchmark')\nassert result.added > 0",
    ),
    "checks-serial": (
        OPEN + "from panel_app.workflow.intake.checks import run_checks\n",
        "result = run_checks(ws, actor='benchmark', workers=0)\nassert result.added > 0",
    ),
    "recheck": (
        OPEN
        + "from panel_app.workflow.intake.checks import run_checks\n"
        + "run_checks(ws, actor='benchmark')\n",
        "result = run_checks(ws, actor='benchmark')\nassert not result.changed_anything",
    ),
}


PREPARE = """
import sys
from pathlib import Path
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.intake.past_winners import import_past_winners
from panel_app.workflow.workspace import locate_workspace, open_workspace
with open_workspace(locate_workspace(Path(sys.argv[2])), create=True) as ws:
    import_submissions(ws, Path(sys.argv[1]), actor="benchmark")
    if len(sys.argv) > 3:
        import_past_winners(ws, Path(sys.argv[3]), actor="benchmark")
"""


def prepare(submissions: Path, template: Path) -> None:
    """The workspace every run starts from: the set and its past winners imported (the
    make_demo_files.py list beside it, if there), no check run yet."""
    winners = submissions.with_name(
        submissions.name.replace("submissions-", "past-winners-")
    ).with_suffix(".csv")
    extra = [str(winners)] if winners.exists() else []
    subprocess.run(
        [sys.executable, "-c", PREPARE, str(submissions), str(template), *extra], check=True
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--steps", nargs="+", default=list(STEP_CODE), choices=list(STEP_CODE))
    args = parser.parse_args()

    print(HEADER_CPU.format(label="submissions"))
    for path in args.files:
        with tempfile.TemporaryDirectory() as folder:
            template = Path(folder) / "template.sqlite"
            prepare(path, template)
            report(path.name, template, args.steps, STEP_CODE, args.repeat, cpu=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
