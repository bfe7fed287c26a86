"""Benchmark of the pair rules: "same-entity-category" and "duplicate-project".

Generates a demo set (cached as a pickle of RuleInput records, since generating 100k rows
takes minutes), then times each rule in a fresh process so that peak memory (ru_maxrss,
less the memory the loaded records already hold) is the rule's own.

    .venv/bin/python benchmarks/bench_duplicates.py --count 10000 100000
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
from pathlib import Path

from panel_app.demo.generator import generate_submission_set
from panel_app.edition import load_edition_by_key
from panel_app.formats.cells import cell_text
from panel_app.rules import RuleInput

CACHE = Path("/tmp/panel-app-bench")
TEXT_COLUMNS = {
    "summary": "Project summary",
    "sdg_linkage": "Action line and SDG linkage",
    "impact": "Impact",
    "partnerships": "Partnerships",
    "challenges": "Challenges and future",
}


def build_inputs(edition_key: str, count: int, seed: int = 1) -> list[RuleInput]:
    """The set's rows as the rules see them (only the fields these two rules read)."""
    edition = load_edition_by_key(edition_key)
    demo = generate_submission_set(edition, count=count, seed=seed)
    categories: dict[str, str] = {}
    inputs = []
    for row in demo.rows:
        spelling = cell_text(row["Category"])
        if spelling not in categories:
            category = edition.resolve_category(spelling)
            assert category is not None, spelling
            categories[spelling] = category.key
        texts = {name: cell_text(row[column]) for name, column in TEXT_COLUMNS.items()}
        inputs.append(
            RuleInput(
                cell_text(row["Submission ID"]),
                title=cell_text(row["Project title"]),
                organisation=cell_text(row["Organisation"]),
                category_key=categories[spelling],
                **texts,
            )
        )
    return inputs


def cached_inputs(edition_key: str, count: int, seed: int = 1) -> list[RuleInput]:
    path = CACHE / f"inputs-{edition_key}-{count}-{seed}.pickle"
    if path.exists():
        with path.open("rb") as f:
            inputs: list[RuleInput] = pickle.load(f)
            return inputs
    inputs = build_inputs(edition_key, count, seed)
    CACHE.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        pickle.dump(inputs, f, protocol=pickle.HIGHEST_PROTOCOL)
    return inputs


MEASURE = """
import json, pickle, resource, sys, time
from panel_app.edition import load_edition_by_key
from panel_app.rules import duplicates, entities
edition = load_edition_by_key(sys.argv[2])
with open(sys.argv[1], "rb") as f:
    inputs = pickle.load(f)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rule = {"duplicate-project": duplicates, "same-entity-category": entities}[sys.argv[3]]
start, cpu = time.perf_counter(), time.process_time()
findings = rule.check(edition, inputs)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "cpu": cpu, "findings": len(findings),
                  "records_mb": before / 1024, "peak_mb": after / 1024,
                  "extra_mb": (after - before) / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, nargs="+", default=[10000])
    parser.add_argument("--edition", default="wsis-2020")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    # CPU seconds too: on a shared machine the wall clock also counts other processes' turns
    print("| rule | submissions | seconds | CPU s | findings | records MB | peak MB | own MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for count in args.count:
        cached_inputs(args.edition, count, args.seed)
        path = CACHE / f"inputs-{args.edition}-{count}-{args.seed}.pickle"
        for rule in ("same-entity-category", "duplicate-project"):
            out = subprocess.run(
                [sys.executable, "-c", MEASURE, str(path), args.edition, rule],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            m = json.loads(out)
            print(
                f"| {rule} | {count} | {m['seconds']:.2f} | {m['cpu']:.2f} | {m['findings']} | "
                f"{m['records_mb']:.0f} | {m['peak_mb']:.0f} | {m['extra_mb']:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
