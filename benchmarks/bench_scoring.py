"""Scoring benchmark: a full recompute of every category's ranking from its reviews.

For each size, in a fresh process (so peak memory is that size's own): build a synthetic
panel (projects spread over the edition's 18 categories, 3 reviews each, 7 criteria, experts
with planted leniency, each reviewing about 50 projects of one category; not timed), then
time `rank_categories` with its defaults: composites, summaries, calibration, agreement
with bootstrap intervals for the composite and each criterion, the tie-break cascade, the
proposal and the bootstrap at the cut. Wall-clock and CPU time (the second is steadier on
a shared machine). Prints a Markdown table for docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_scoring.py --projects 1000 100000 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = r"""
import json, resource, sys, time
import numpy as np
from panel_app.edition import load_edition_by_key
from panel_app.scoring import ReviewInput, rank_categories

projects, repeat, method = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
edition = load_edition_by_key("wsis-2020")
keys = [c.key for c in edition.criteria]
categories = [c.key for c in edition.categories]
rng = np.random.default_rng(0)
reviews = []
per_category = np.bincount(np.arange(projects) % len(categories), minlength=len(categories))
for category, count in zip(categories, per_category):
    experts = max(6, int(count) * 3 // 50)
    leniency = rng.normal(0, 0.4, experts)
    quality = rng.uniform(1.5, 4.5, count)
    for p in range(count):
        for e in rng.choice(experts, 3, replace=False):
            values = np.clip(np.rint(quality[p] + leniency[e] + rng.normal(0, 0.6, 7)), 1, 5)
            reviews.append(ReviewInput(
                f"{category}-E{e}", f"{category}-P{p}", category,
                dict(zip(keys, values.astype(int).tolist())), confidence="high",
            ))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
times, cpu = [], []
for _ in range(repeat):
    start, start_cpu = time.perf_counter(), time.process_time()
    results = rank_categories(edition, reviews, ineligible=(), method=method, seed=1)
    times.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({
    "projects": projects, "reviews": len(reviews), "times": times, "cpu": cpu,
    "input_mib": before / 1024, "peak_mib": peak / 1024,
    "nominees": sum(len(r.proposal.nominees) for r in results),
}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--method", default="calibrated")
    args = parser.parse_args()
    print(
        "| projects | reviews | method | median s | min s | median CPU s | runs "
        "| input MiB | peak MiB |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for projects in args.projects:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(projects), str(args.repeat), args.method],
            check=True,
            capture_output=True,
            text=True,
        )
        found = json.loads(done.stdout)
        times = found["times"]
        print(
            f"| {projects:,} | {found['reviews']:,} | {args.method} "
            f"| {statistics.median(times):.3f} | {min(times):.3f} "
            f"| {statistics.median(found['cpu']):.3f} | {len(times)} "
            f"| {found['input_mib']:.0f} | {found['peak_mib']:.0f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
