"""Intake benchmark: the whole intake (read, validate, store) against a bare read.

For each generated submission set it measures, in fresh processes so that peak memory is
each step's own (ru_maxrss):
  - calamine:  python-calamine's bare read of the sheet (the yardstick of the issue),
  - openpyxl:  openpyxl's read-only streaming read (the memory yardstick at 100k),
  - read:      our reader alone (zip checks, parse, validate; with --steps),
  - intake:    `import_submissions` into a new SQLite workspace: read, validate, store
               (the issue's target: within 2x of calamine's bare read);
  - checks:    the same, then the rule checks, as `panel-app import-submissions` does
               (with --steps; the rules have their own benchmark);
  - window:    the same through `import_submissions_isolated`, as the window runs it: a
               spawned child opens the workspace, imports and runs the checks; timed
               from the call to the result, so it is what a person waits for after
               choosing the file (with --steps).
and prints medians, CPU time (the process's own, every thread: steadier than wall time
on a shared machine) and peak memory as a Markdown table for docs/benchmarks.md. Each
step's peak is its own process's: the window step's child is not counted. `--before
FOLDER` adds "intake-before": the intake step with the app imported from FOLDER (a
copy of an earlier commit, e.g. `git archive COMMIT | tar -x -C /tmp/before`), alternated
with the others so that before and after meet the same machine.

    .venv/bin/python benchmarks/make_demo_files.py --count 1000 10000 --out /tmp/bench
    .venv/bin/python benchmarks/bench_intake.py /tmp/bench/submissions-1000.xlsx \
        /tmp/bench/submissions-10000.xlsx --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# Each step: (set-up, not timed; the work, timed). Imports and creating the empty
# workspace are set-up: the yardstick is the read, validate and store.
STEP_CODE = {
    "calamine": (
        "import python_calamine",
        "python_calamine.CalamineWorkbook.from_path(PATH).get_sheet_by_index(0).to_python()",
    ),
    "openpyxl": (
        "import openpyxl",
        """
book = openpyxl.load_workbook(PATH, read_only=True)
for sheet in book.worksheets:
    for row in sheet.iter_rows(values_only=True):
        pass
book.close()
""",
    ),
    "read": (
        """
from pathlib import Path
from panel_app.edition import latest_edition_key, load_edition_by_key
from panel_app.formats.submission_set import read_submission_set
edition = load_edition_by_key(latest_edition_key())
""",
        "records = read_submission_set(Path(PATH), edition)",
    ),
    "intake": (
        """
from pathlib import Path
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.workspace import locate_workspace, open_workspace
ws = open_workspace(locate_workspace(Path(WORKSPACE)), create=True)
""",
        """
result = import_submissions(ws, Path(PATH), actor="benchmark")
assert result.added > 0
""",
    ),
}

STEP_CODE["checks"] = (
    STEP_CODE["intake"][0] + "from panel_app.workflow.intake.checks import run_checks\n",
    STEP_CODE["intake"][1] + "run_checks(ws, actor='benchmark')\n",
)
STEP_CODE["window"] = (
    """
from pathlib import Path
from panel_app.workflow.intake.isolated import import_submissions_isolated
from panel_app.workflow.workspace import locate_workspace, open_workspace
location = locate_workspace(Path(WORKSPACE))
open_workspace(location, create=True).close()
""",
    """
result = import_submissions_isolated(location, Path(PATH), actor="benchmark")
assert result.added > 0
""",
)
# Steps compared with calamine's bare read in the table's last column.
BEFORE_STEP = "intake-before"
WHOLE_STEPS = ("intake", BEFORE_STEP, "checks", "window")

RUNNER = """
import json, resource, sys, time
PATH, WORKSPACE = sys.argv[1], sys.argv[2]
exec(compile(sys.argv[3], "setup", "exec"))
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)  # every thread of this process
    return usage.ru_utime + usage.ru_stime
started, cpu_started = time.perf_counter(), cpu()
exec(compile(sys.argv[4], "step", "exec"))
elapsed, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "cpu": cpu_seconds, "peak_mib": peak_kib / 1024}))
"""


def measure(step: str, path: Path, before: Path | None = None) -> dict[str, float]:
    env = None
    if step == BEFORE_STEP:
        assert before is not None
        step, env = "intake", {**os.environ, "PYTHONPATH": str(before)}
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "bench.sqlite"
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, str(path), str(workspace), *STEP_CODE[step]],
            capture_output=True,
            text=True,
            check=True,
            env=env,
            cwd=folder,  # not the checkout: `python -c` puts the working folder first
        )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--steps", nargs="+", default=["calamine", "openpyxl", "intake"])
    parser.add_argument("--before", type=Path, help="an earlier checkout to compare with")
    args = parser.parse_args()
    if args.before is not None:
        args.steps.append(BEFORE_STEP)

    print(
        "| file | MB | step | median s | min s | median CPU s | peak MiB "
        "| step / calamine | CPU / calamine's CPU |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for path in args.files:
        size_mb = path.stat().st_size / 1e6
        medians: dict[str, float] = {}
        cpu_medians: dict[str, float] = {}
        # Steps alternate within each repeat, so the machine's drift touches them alike.
        runs_of: dict[str, list[dict[str, float]]] = {step: [] for step in args.steps}
        for _ in range(args.repeat):
            for step in args.steps:
                runs_of[step].append(measure(step, path, args.before))
        for step in args.steps:
            runs = runs_of[step]
            seconds = [r["seconds"] for r in runs]
            medians[step] = statistics.median(seconds)
            cpu_medians[step] = statistics.median(r["cpu"] for r in runs)
            peak = max(r["peak_mib"] for r in runs)
            ratio = cpu_ratio = ""
            if step in WHOLE_STEPS and "calamine" in medians:
                ratio = f"{medians[step] / medians['calamine']:.2f}x"
                cpu_ratio = f"{cpu_medians[step] / cpu_medians['calamine']:.2f}x"
            print(
                f"| {path.name} | {size_mb:.1f} | {step} | {medians[step]:.2f} | "
                f"{min(seconds):.2f} | {cpu_medians[step]:.2f} | {peak:.0f} | {ratio} "
                f"| {cpu_ratio} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
