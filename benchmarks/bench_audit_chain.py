"""The audit log's hash chain: verifying it (what the chair's window does at every open)
beside its anchor, reading the same entries without hashing, on a real SQLite workspace
of `--entries` entries written as the app writes them. Medians of `--repeat` runs, and the
peak memory the verification allocates (tracemalloc).

    .venv/bin/python benchmarks/bench_audit_chain.py --entries 100000
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from panel_app.store.audit import chain_rows, record_change, verify_chain
from panel_app.workflow.workspace import locate_workspace, open_workspace


def build(path: Path, entries: int) -> None:
    with open_workspace(locate_workspace(path), create=True) as workspace:
        for start in range(0, entries, 1000):
            with workspace.transaction() as session:
                for n in range(start, min(start + 1000, entries)):
                    record_change(
                        session,
                        actor="chair",
                        action="nominee.added",
                        entity="decision",
                        entity_id=str(10_000 + n),
                        before={"outcome": None, "score": 71.25},
                        after={"outcome": "selected", "at": datetime(2020, 3, 1, tzinfo=UTC)},
                        note="Unique in its region; the panel agreed on 3 June",
                    )


def timed(step: object, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "audit.sqlite"
        started = time.perf_counter()
        build(path, args.entries)
        written = time.perf_counter() - started
        with open_workspace(locate_workspace(path)) as workspace:

            def read() -> None:
                with workspace.sessions() as session:
                    chain_rows(session)

            def verify() -> None:
                with workspace.sessions() as session:
                    assert verify_chain(session).intact

            anchor = timed(read, args.repeat)
            check = timed(verify, args.repeat)
            tracemalloc.start()
            verify()
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
    print(f"| audit chain, {args.entries:,} entries | median s | min s |")
    print("|---|---|---|")
    print(f"| write (chained, 1,000 per transaction) | {written:.2f} | (one run) |")
    print(f"| read the entries (anchor) | {statistics.median(anchor):.2f} | {min(anchor):.2f} |")
    print(f"| verify the chain | {statistics.median(check):.2f} | {min(check):.2f} |")
    print(f"verify allocates at most {peak / 2**20:.0f} MiB (tracemalloc)")


if __name__ == "__main__":
    main()
