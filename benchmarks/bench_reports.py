"""PDF report benchmark: the full nominee report of the demo workspace (1,000 submissions,
18 categories, 20 nominees each, ~2,900 reviews; charts included), and the full results
report of its final round (`demo-final`: 5 finalists per category, every expert of the
category on each, a selection recorded in every category).

Each run is a fresh process on a fresh copy of the template workspace, so fonts are parsed
and peak memory (ru_maxrss) is the run's own; imports and opening the workspace are set-up,
not timed. Steps:
- **data**: `nominee_report`: read the store, rank every category (calibration, agreement
  and bootstrap intervals, P(top)), digest the inputs;
- **pdf**: `write_nominee_report` on those records: fonts, shaping, layout, charts, file;
- **export**: `export_nominee_report`, what `panel-app export nominees --out x.pdf` does
  after start-up: both of the above and the audit entry;
- **command**: the whole `panel-app export nominees` process, Python start-up included;
- **results-data**, **results-pdf**, **results**, **results-command**: the same four for
  the results report (`results_report`, `write_results_report`, `export_results_report`,
  `panel-app export results --out x.pdf`).
Wall-clock and CPU time (the second is steadier on a shared machine); Markdown rows for
docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_reports.py --repeat 5
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from panel_app.workflow.workspace import locate_workspace, open_workspace
from panel_app.workflow.nomination.report import export_nominee_report, nominee_report
from panel_app.reports.nominees import write_nominee_report
from panel_app.workflow.final.report import export_results_report, results_report
from panel_app.reports.results import write_results_report

step, workspace, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
ws = open_workspace(locate_workspace(workspace))
start, start_cpu = time.perf_counter(), time.process_time()
if step == "data":
    nominee_report(ws)
elif step == "pdf":
    report = nominee_report(ws)
    start, start_cpu = time.perf_counter(), time.process_time()
    write_nominee_report(out, report)
elif step == "export":
    export_nominee_report(ws, out)
elif step == "results-data":
    results_report(ws)
elif step == "results-pdf":
    report = results_report(ws)
    start, start_cpu = time.perf_counter(), time.process_time()
    write_results_report(out, report)
else:
    export_results_report(ws, out)
seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak}))
"""

RESULTS = ("-data", "-pdf", "", "-command")

# A selection in every category: the top of the score order, as many champions as it allows.
SELECT = r"""
import sys
from pathlib import Path
from panel_app.workflow.workspace import locate_workspace, open_workspace
from panel_app.workflow.final.final_round import final_round_report, record_selection

with open_workspace(locate_workspace(Path(sys.argv[1]))) as ws:
    quotas = ws.edition.quotas
    for category in final_round_report(ws).categories:
        ids = [f.submission_id for f in category.finalists if f.eligible]
        winners = ids[: quotas.winners_per_category]
        champions = ids[len(winners) : len(winners) + quotas.champions_per_category]
        record_selection(ws, category.category_key, winners=winners, champions=champions,
                         reason="benchmark: the top of the score order")
"""


def run(step: str, template: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "bench.sqlite"
        shutil.copyfile(template, workspace)
        out = Path(folder) / "nominees.pdf"
        if step.endswith("command"):
            what = "results" if step.startswith("results") else "nominees"
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "panel_app", "export", what, "--out", str(out),
                 "--workspace", str(workspace)],
                check=True, capture_output=True,
            )  # fmt: skip
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            return {
                "seconds": time.perf_counter() - start,
                "cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
                "peak_mib": after.ru_maxrss / 1024,  # the largest child so far
            }
        done = subprocess.run(
            [sys.executable, "-c", CHILD, step, str(workspace), str(out)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        result["kib"] = out.stat().st_size / 1024 if out.exists() else 0
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", type=Path, help="a demo workspace (default: make one)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--steps",
        nargs="+",
        default=["data", "pdf", "export", "command", *(f"results{s}" for s in RESULTS)],
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        template = args.template
        if template is None:
            template = Path(folder) / "demo.sqlite"
            subprocess.run(
                [sys.executable, "-m", "panel_app", "demo", "--no-gui", "--workspace",
                 str(template)],
                check=True, capture_output=True,
            )  # fmt: skip
        final = Path(folder) / "final.sqlite"
        if any(step.startswith("results") for step in args.steps):
            shutil.copyfile(template, final)
            subprocess.run(
                [sys.executable, "-m", "panel_app", "demo-final", "--workspace", str(final)],
                check=True, capture_output=True,
            )  # fmt: skip
            subprocess.run([sys.executable, "-c", SELECT, str(final)], check=True)
        runs: dict[str, list[dict[str, float]]] = {step: [] for step in args.steps}
        for _ in range(args.repeat):  # steps alternate, so the machine's drift hits all alike
            for step in args.steps:
                runs[step].append(run(step, final if step.startswith("results") else template))
    print("| step | median s | min s | median CPU s | peak MiB |\n|---|---|---|---|---|")
    for step in args.steps:
        seconds = [r["seconds"] for r in runs[step]]
        cpu = [r["cpu"] for r in runs[step]]
        peak = max(r["peak_mib"] for r in runs[step])
        print(
            f"| {step} | {statistics.median(seconds):.2f} | {min(seconds):.2f} | "
            f"{statistics.median(cpu):.2f} | {peak:.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
