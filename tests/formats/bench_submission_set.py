"""Measure the submission-set reader against python-calamine's bare read (not a test).

    .venv/bin/python tests/formats/bench_submission_set.py [rows] [--engine auto|calamine|openpyxl]

Writes a realistic workbook (long English-like texts, shared strings as Excel writes them
is not possible with openpyxl, which writes inline strings: calamine reads both) into a
temporary folder, then times the bare calamine read and our reader, and prints both.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import cast

from openpyxl import Workbook

HEADERS = [
    "Submission ID", "Project title", "Organisation", "Stakeholder type", "Country",
    "Category", "SDGs", "Project summary", "Action line and SDG linkage", "Impact",
    "Partnerships", "Challenges and future", "Project status", "Website", "Contact name",
    "Contact e-mail", "Submitted at",
]  # fmt: skip

CATEGORIES = [
    "C1. The role of public governance authorities and all stakeholders in the promotion "
    "of ICTs for development",
    "C7. ICT applications: E-health",
    "C7 E-learning",
    "C4. Capacity building",
    "C9. Media",
    "10",
]
WORDS = [
    "the",
    "project",
    "digital",
    "access",
    "community",
    "health",
    "learning",
    "rural",
    "women",
    "youth",
    "network",
    "platform",
    "data",
    "services",
    "training",
    "partners",
    "government",
    "local",
    "mobile",
    "broadband",
    "impact",
    "inclusion",
    "development",
    "sustainable",
    "innovation",
    "capacity",
    "literacy",
    "security",
    "online",
    "schools",
    "clinics",
    "farmers",
    "markets",
    "information",
    "society",
    "cooperation",
    "regional",
    "national",
]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def write_workbook(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Submissions")
    ws.append(HEADERS)
    start = datetime(2019, 7, 22, 9, 0)
    for i in range(rows):
        ws.append(
            [
                1000 + i,
                _text(rng, 8),
                f"Organisation {rng.randrange(5000)}",
                rng.choice(["Government", "Private sector", "Civil society", "Academia"]),
                rng.choice(["Kenya", "India", "Brazil", "China", "Switzerland", "Ghana"]),
                rng.choice(CATEGORIES),
                "; ".join(str(n) for n in sorted(rng.sample(range(1, 18), 3))),
                _text(rng, 180),
                _text(rng, 150),
                _text(rng, 250),
                _text(rng, 120),
                _text(rng, 150),
                rng.choice(["Completed", "Ongoing (key phase completed)"]),
                f"https://example.org/p/{i}",
                f"Contact {i}",
                f"contact{i}@example.org",
                start + timedelta(minutes=17 * i),
            ]
        )
    wb.save(path)


def main() -> None:
    import python_calamine

    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    engine = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--engine" else "auto"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"set-{rows}.xlsx"
        t0 = time.perf_counter()
        write_workbook(path, rows)
        print(f"wrote {rows} rows, {path.stat().st_size / 1e6:.1f} MB in "
              f"{time.perf_counter() - t0:.1f} s")  # fmt: skip

        t0 = time.perf_counter()
        wb = python_calamine.CalamineWorkbook.from_path(str(path))
        data = wb.get_sheet_by_name("Submissions").to_python()
        bare = time.perf_counter() - t0
        print(f"calamine bare read: {bare:.2f} s ({len(data) - 1} rows)")
        del data, wb

        from panel_app.edition import load_edition_by_key
        from panel_app.formats.submission_set import read_submission_set
        from panel_app.formats.tabular import Engine

        edition = load_edition_by_key("wsis-2020")
        for _ in range(2):
            t0 = time.perf_counter()
            records = read_submission_set(path, edition, engine=cast(Engine, engine))
            ours = time.perf_counter() - t0
            print(f"read_submission_set ({engine}): {ours:.2f} s ({len(records)} records), "
                  f"{ours / bare:.2f}x calamine bare")  # fmt: skip


if __name__ == "__main__":
    main()
