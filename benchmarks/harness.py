"""What the workspace benchmarks share: each step timed in a fresh process on a fresh copy
of a template workspace, so that peak memory (ru_maxrss) is the step's own, and medians
printed as the Markdown rows of docs/benchmarks.md.

A step is (set-up code, timed code): Python run with WORKSPACE naming the copy.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

RUNNER = """
import json, resource, sys, time
WORKSPACE = sys.argv[1]
exec(compile(sys.argv[2], "setup", "exec"))
def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
cpu_before = cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN)
started = time.perf_counter()
exec(compile(sys.argv[3], "step", "exec"))
elapsed = time.perf_counter() - started
cpu_seconds = cpu(resource.RUSAGE_SELF) + cpu(resource.RUSAGE_CHILDREN) - cpu_before
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child
print(json.dumps({"seconds": elapsed, "cpu_seconds": cpu_seconds, "peak_mib": peak_kib / 1024,
                  "child_peak_mib": child_kib / 1024}))
"""

HEADER = "| {label} | step | median s | min s | peak MiB |\n|---|---|---|---|---|"
# With `report(..., cpu=True)`: CPU seconds of the step's process and its children (worker
# processes), which a busy machine inflates far less than the wall clock, and the peak of
# the largest child.
HEADER_CPU = (
    "| {label} | step | median s | min s | median CPU s | peak MiB | worker peak MiB |\n"
    "|---|---|---|---|---|---|---|"
)


def measure(code: tuple[str, str], template: Path) -> dict[str, float]:
    """One run of a step on a copy of `template`: seconds and peak MiB."""
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "bench.sqlite"
        shutil.copyfile(template, workspace)  # the template is closed: no WAL to lose
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, str(workspace), *code],
            capture_output=True,
            text=True,
            check=True,
        )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def report(
    label: str,
    template: Path,
    steps: Sequence[str],
    code_of: Mapping[str, tuple[str, str]],
    repeat: int,
    *,
    cpu: bool = False,
) -> None:
    """Run every step `repeat` times and print one row per step (HEADER's columns, or
    HEADER_CPU's with `cpu`)."""
    # Steps alternate within each repeat, so the machine's drift touches them alike.
    runs_of: dict[str, list[dict[str, float]]] = {step: [] for step in steps}
    for _ in range(repeat):
        for step in steps:
            runs_of[step].append(measure(code_of[step], template))
    for step in steps:
        seconds = [r["seconds"] for r in runs_of[step]]
        peak = max(r["peak_mib"] for r in runs_of[step])
        timing = f"| {label} | {step} | {statistics.median(seconds):.2f} | {min(seconds):.2f} |"
        if cpu:
            cpu_seconds = statistics.median(r["cpu_seconds"] for r in runs_of[step])
            child = max(r["child_peak_mib"] for r in runs_of[step])
            children = f"{child:.0f}" if child else ""
            print(f"{timing} {cpu_seconds:.2f} | {peak:.0f} | {children} |", flush=True)
        else:
            print(f"{timing} {peak:.0f} |", flush=True)


def desk_workspace(path: Path, count: int, projects: int, expert_code: str) -> Path:
    """A demo workspace of `count` submissions, the first `projects` of them assigned to a
    new expert with no review yet: the scoring desk's benchmarks' set-up."""
    from sqlalchemy import select

    from panel_app.demo.workspace import create_demo_workspace
    from panel_app.store.models import Assignment, Expert, Submission
    from panel_app.workflow.workspace import locate_workspace, open_workspace

    create_demo_workspace(locate_workspace(path), count=count)
    with open_workspace(locate_workspace(path)) as ws, ws.transaction() as session:
        expert = Expert(expert_code=expert_code, name="Bench Expert", category_keys=[])
        session.add(expert)
        session.flush()
        pks = session.scalars(select(Submission.id).limit(projects)).all()
        assert len(pks) == projects, f"the demo has {len(pks)} submissions, not {projects}"
        session.add_all(
            Assignment(expert_pk=expert.id, submission_pk=pk, round="nomination") for pk in pks
        )
    return path
