"""Scoring-desk benchmark (issue 6): what an expert waits for, offscreen.

Set-up (not timed): a demo workspace (1,000 submissions by default) and an expert with
150 assigned projects and no review. Then, in this process, medians of:
  - open:   `DeskWindow.open_desk` on that workspace, up to the first project shown;
  - next:   moving to the next unscored project (text, findings, sheet), events processed;
  - score:  one score recorded (transaction, audit entry, list row, counts, undo stack);
  - filter / sort: the project list's index-list filtering and sorting over 100k rows
    (the 150 projects repeated), the issue's "under 100 ms" yardstick.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_desk.py --repeat 20
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from harness import desk_workspace
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from panel_app.ui.desk.window import DeskWindow
from panel_app.workflow.workspace import locate_workspace

EXPERT = "BENCH"


def _median_ms(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000, help="demo submissions")
    parser.add_argument("--projects", type=int, default=150, help="assigned to the expert")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = desk_workspace(folder / "desk.sqlite", args.count, args.projects, EXPERT)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = DeskWindow(settings)
        start = time.perf_counter()
        window.open_desk(locate_workspace(path), EXPERT)
        window.show()
        app.processEvents()
        rows = [("open the desk (first project shown)", (time.perf_counter() - start) * 1000)]

        def next_project() -> None:
            window.go_unfinished(1)
            app.processEvents()

        rows.append(("next unscored project", _median_ms(next_project, args.repeat)))
        window.focus_sheet()
        values = iter(range(10**6))

        def one_score() -> None:
            window.request_score(window.sheet.current_key(), 1 + next(values) % 5)
            app.processEvents()

        rows.append(("one score recorded", _median_ms(one_score, args.repeat)))
        base = window.projects.all_items()
        big = [
            replace(p, submission_id=str(10**6 + i), title=f"{p.title} {i}")
            for i, p in enumerate((base * (100_000 // len(base) + 1))[:100_000])
        ]
        window.projects.set_items(big)
        model = window.projects
        steps: list[tuple[str, Callable[[], object]]] = [
            ("100k: search 'clinic'", lambda: model.set_filters(text="clinic")),
            ("100k: clear the search", lambda: model.set_filters(text="")),
            ("100k: filter not yet scored", lambda: model.set_filters(kind="todo")),
            ("100k: filter all", lambda: model.set_filters(kind="all")),
            ("100k: sort by title", lambda: model.sort(1, Qt.SortOrder.DescendingOrder)),
            ("100k: sort by ID", lambda: model.sort(0)),
        ]
        for label, step in steps:
            rows.append((label, _median_ms(step, max(3, args.repeat // 4))))
        window.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("| step | median |\n|---|---|")
    for label, ms in rows:
        print(f"| {label} | {ms:.0f} ms |")
    print(f"\npeak memory (ru_maxrss): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
