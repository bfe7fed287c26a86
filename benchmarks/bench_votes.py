"""Vote audit benchmark: a raw vote export of millions of rows, streamed and audited.

Set-up (not timed, the file is kept in --out for the next run): the demo vote generator
(`panel_app.demo.votes`) writes a CSV of about --rows rows for 18 x 20 nominees, with its
planted violations of every kind. Then, each step in a fresh process so that peak memory
(ru_maxrss) is the step's own; wall time and CPU time (user + system: on a shared
machine the wall time also counts the waits for a core):
  - csv:   Python's csv.reader over the file, nothing else (the yardstick);
  - read:  `open_votes`: every row read, typed and located, nothing judged;
  - audit: read and audit (`VoteAuditor`): what `panel-app import-votes` does before its
           one small transaction. The result is checked against the generator's truth.
Prints medians and peak memory as a Markdown table for docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_votes.py --rows 2000000 --repeat 3 --out /tmp/bench
    ... --steps audit --before DIR   # the audit of an earlier commit alternated with it
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

NOMINEES = """
from panel_app.edition import load_edition_by_key
from panel_app.votes.audit import Nominee
edition = load_edition_by_key("wsis-2020")
nominees = [
    Nominee(str(1000 + 100 * c + i), category.key, f"Nominee Organisation {c}-{i}")
    for c, category in enumerate(edition.categories)
    for i in range(20)
]
"""

MAKE = (
    NOMINEES
    + """
import json, sys
from pathlib import Path
from panel_app.demo.votes import VoteTruth, generate_votes, write_votes_csv
truth = VoteTruth()
write_votes_csv(Path(sys.argv[1]), generate_votes(edition, nominees, int(sys.argv[2]), truth))
Path(sys.argv[3]).write_text(json.dumps(
    {"rows": truth.rows, "rejected": truth.rejected, "valid_votes": truth.valid_votes}
))
"""
)

STEP_CODE = {
    "csv": (
        "import csv\n",
        "with open(FILE, encoding='utf-8', newline='') as f:\n"
        "    rows = sum(1 for _ in csv.reader(f)) - 1\n",
    ),
    "read": (
        NOMINEES + "from panel_app.formats.votes import open_votes\n",
        "with open_votes(Path(FILE), edition) as votes:\n    rows = sum(1 for _ in votes.votes)\n",
    ),
    "audit": (
        NOMINEES + "from panel_app.formats.votes import open_votes\n"
        "from panel_app.votes.audit import VoteAuditor\n",
        "with open_votes(Path(FILE), edition) as votes:\n"
        "    auditor = VoteAuditor(edition, nominees)\n"
        "    auditor.add_all(votes.votes)\n"
        "audit = auditor.result()\n"
        "rows = audit.votes_read\n"
        "truth = json.loads(Path(TRUTH).read_text())\n"
        "assert dict(audit.rejected) == truth['rejected'], audit.rejected\n"
        "assert audit.valid_votes() == truth['valid_votes']\n",
    ),
}

RUNNER = """
import json, resource, sys, time
from pathlib import Path
FILE, TRUTH = sys.argv[1], sys.argv[2]
exec(compile(sys.argv[3], "setup", "exec"))
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
started, cpu_started = time.perf_counter(), cpu()
exec(compile(sys.argv[4], "step", "exec"))
elapsed, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(
    {"seconds": elapsed, "cpu": cpu_seconds, "peak_mib": peak_kib / 1024, "rows": rows}
))
"""


def make(path: Path, truth: Path, rows: int) -> None:
    if path.exists() and truth.exists():
        return
    print(f"generating {path} ...", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-c", MAKE, str(path), str(rows), str(truth)], check=True, cwd=path.parent
    )


BEFORE_STEP = "audit-before"


def run_step(step: str, path: Path, truth: Path, before: Path | None = None) -> dict[str, float]:
    env = None
    if step == BEFORE_STEP:
        assert before is not None
        step, env = "audit", {**os.environ, "PYTHONPATH": str(before)}
    setup, work = STEP_CODE[step]
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, str(path), str(truth), setup, work],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=path.parent,  # not the checkout: `python -c` puts the working folder first
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench"))
    parser.add_argument("--steps", nargs="+", default=list(STEP_CODE), choices=list(STEP_CODE))
    parser.add_argument(
        "--before",
        type=Path,
        help="a copy of an earlier commit (git archive C | tar -x -C DIR): its audit "
        "alternated with the steps, as audit-before",
    )
    args = parser.parse_args()
    if args.before is not None:
        args.steps.append(BEFORE_STEP)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"votes-{args.rows}.csv"
    truth = args.out / f"votes-{args.rows}.truth.json"
    make(path, truth, args.rows)
    if args.repeat == 0:
        return  # --repeat 0: only make the file
    megabytes = path.stat().st_size / 1e6
    print("| rows | MB | step | median s | min s | median CPU s | peak MiB | CPU µs per row |")
    print("|---|---|---|---|---|---|---|---|")
    runs: dict[str, list[dict[str, float]]] = {step: [] for step in args.steps}
    for _ in range(args.repeat):
        for step in args.steps:  # alternated: the shared machine's speed drifts
            runs[step].append(run_step(step, path, truth, args.before))
            print(step, json.dumps(runs[step][-1]), file=sys.stderr, flush=True)
    for step, results in runs.items():
        seconds = [r["seconds"] for r in results]
        rows = int(results[0]["rows"])
        cpu = statistics.median(r["cpu"] for r in results)
        print(
            f"| {rows:,} | {megabytes:.0f} | {step} | {statistics.median(seconds):.1f} | "
            f"{min(seconds):.1f} | {cpu:.1f} | {max(r['peak_mib'] for r in results):.0f} | "
            f"{cpu / rows * 1e6:.1f} |"
        )


if __name__ == "__main__":
    main()
