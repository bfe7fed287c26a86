"""Write demo submission sets for the intake benchmarks.

    python benchmarks/make_demo_files.py --count 1000 10000 100000 --out DIR

writes DIR/submissions-<count>.xlsx (and DIR/past-winners-<count>.csv) with a fixed seed,
so every machine benchmarks the same files. Prints the time and size of each.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from panel_app.demo import generate_submission_set, save_demo_set
from panel_app.edition import latest_edition_key, load_edition_by_key

SEED = 2020


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--edition", default=None, help="edition key (default: the latest)")
    parser.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    args = parser.parse_args(argv)
    edition = load_edition_by_key(args.edition or latest_edition_key())
    args.out.mkdir(parents=True, exist_ok=True)
    for count in args.count:
        started = time.perf_counter()
        demo = generate_submission_set(edition, count=count, seed=SEED)
        generated = time.perf_counter()
        path = args.out / f"submissions-{count}.{args.format}"
        save_demo_set(demo, path, args.out / f"past-winners-{count}.csv")
        written = time.perf_counter()
        size = path.stat().st_size / 1e6
        print(
            f"{path.name}: {count} rows, generated in {generated - started:.1f} s, "
            f"written in {written - generated:.1f} s, {size:.1f} MB",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
