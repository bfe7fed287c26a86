"""Review-workbook benchmark: packages for 60 experts covering 1,000 projects x 3 reviews,
and merging the 60 returned workbooks.

Set-up (not timed): a workspace with a generated set of 1,000 submissions, 60 experts and
3,000 nomination assignments (each project to 3 experts, 50 projects each); the packages
written once and filled in with openpyxl, as an expert in Excel would (every score, a
confidence and a comment). Then, each in a fresh process on a fresh copy of the workspace,
so that peak memory (ru_maxrss) is each step's own:
  - packages: `write_packages` (what `panel-app packages --out DIR` does);
  - merge:    `merge_workbook` over the 60 returned workbooks, one after the other.
Prints medians (wall and CPU) and peak memory as a Markdown table for docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_workbooks.py --repeat 3
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

EXPERTS = 60
PROJECTS = 1000
PER_PROJECT = 3

PREPARE = """
import sys
from pathlib import Path
from panel_app.demo.generator import generate_submission_set
from panel_app.formats.submission_set_writer import write_submission_set
from panel_app.store.models import Assignment, Expert, Submission
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.workspace import locate_workspace, open_workspace
from sqlalchemy import select
experts, projects, per = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
with open_workspace(locate_workspace(Path(sys.argv[1])), create=True) as ws:
    demo = generate_submission_set(ws.edition, count=projects, seed=7)
    path = Path(sys.argv[1]).with_name("set.xlsx")
    write_submission_set(path, demo.columns, demo.rows)
    import_submissions(ws, path, actor="benchmark")
    with ws.transaction() as session:
        team = [Expert(expert_code=f"E{n:03d}", name=f"Expert {n}") for n in range(experts)]
        session.add_all(team)
        session.flush()
        pks = list(session.scalars(select(Submission.id).order_by(Submission.id)))
        slot = 0
        for pk in pks:
            for _ in range(per):
                expert = team[slot % experts]
                slot += 1
                session.add(Assignment(expert_pk=expert.id, submission_pk=pk, round="nomination"))
"""

FILL = """
import sys
from pathlib import Path
import openpyxl
from panel_app.workflow.review.packages import write_packages
from panel_app.workflow.workspace import locate_workspace, open_workspace
out = Path(sys.argv[2])
with open_workspace(locate_workspace(Path(sys.argv[1]))) as ws:
    files = write_packages(ws, out / "packages", actor="benchmark").files
    criteria = len(ws.edition.criteria)
(out / "returned").mkdir()
for number, file in enumerate(files):
    book = openpyxl.load_workbook(file.path)
    sheet = book["Scores"]
    for row in range(2, sheet.max_row + 1):
        for column in range(criteria):
            sheet.cell(row, 5 + column).value = 1 + (row + column + number) % 5
        sheet.cell(row, 5 + criteria).value = "medium"
        sheet.cell(row, 7 + criteria).value = f"Scored by expert {number}, row {row}."
    book.save(out / "returned" / file.path.name)
"""

OPEN = """
from pathlib import Path
from panel_app.workflow.workspace import locate_workspace, open_workspace
ws = open_workspace(locate_workspace(Path(WORKSPACE)))
"""

STEP_CODE = {
    "packages": (
        OPEN + "from panel_app.workflow.review.packages import write_packages\n",
        "files = write_packages(ws, Path(DATA) / 'out', actor='benchmark').files\n"
        f"assert len(files) == {EXPERTS}",
    ),
    "merge": (
        OPEN
        + "from panel_app.workflow.review.merge import merge_workbook\n"
        + "paths = sorted((Path(DATA) / 'returned').glob('*.xlsx'))\n",
        "results = [merge_workbook(ws, p, actor='benchmark') for p in paths]\n"
        f"assert sum(r.added for r in results) == {PROJECTS * PER_PROJECT}",
    ),
}

RUNNER = """
import json, resource, sys, time
WORKSPACE, DATA = sys.argv[1], sys.argv[2]
exec(compile(sys.argv[3], "setup", "exec"))
started, cpu = time.perf_counter(), time.process_time()
exec(compile(sys.argv[4], "step", "exec"))
elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_mib": peak_kib / 1024}))
"""


def measure(step: str, template: Path, data: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "bench.sqlite"
        shutil.copyfile(template, workspace)
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, str(workspace), folder, *STEP_CODE[step]]
            if step == "packages"
            else [sys.executable, "-c", RUNNER, str(workspace), str(data), *STEP_CODE[step]],
            capture_output=True,
            text=True,
            check=True,
        )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.sqlite"
        data = Path(folder) / "data"
        data.mkdir()
        subprocess.run(
            [sys.executable, "-c", PREPARE, str(template), str(EXPERTS), str(PROJECTS),
             str(PER_PROJECT)],
            check=True,
        )  # fmt: skip
        # The packages are issued in a copy: each measured run starts before any issuing,
        # while the returned workbooks need the keys, so they come from that copy.
        issued = Path(folder) / "issued.sqlite"
        shutil.copyfile(template, issued)
        subprocess.run([sys.executable, "-c", FILL, str(issued), str(data)], check=True)
        runs: dict[str, list[dict[str, float]]] = {step: [] for step in STEP_CODE}
        for _ in range(args.repeat):
            runs["packages"].append(measure("packages", template, data))
            runs["merge"].append(measure("merge", issued, data))
    # CPU time too: on a shared machine the wall clock also counts other people's work.
    print("| step | experts | reviews | median s | min s | median CPU s | peak MiB |")
    print("|---|---|---|---|---|---|---|")
    for step, results in runs.items():
        seconds = [r["seconds"] for r in results]
        print(
            f"| {step} | {EXPERTS} | {PROJECTS * PER_PROJECT} | "
            f"{statistics.median(seconds):.2f} | {min(seconds):.2f} | "
            f"{statistics.median(r['cpu'] for r in results):.2f} | "
            f"{max(r['peak_mib'] for r in results):.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
