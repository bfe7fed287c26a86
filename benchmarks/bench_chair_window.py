"""The chair's window at N submissions (issue 19): its cold start, sorting and searching.

Set-up (not timed): a workspace of --rows demo submissions taken through the real intake,
with the past winners and the rule checks (so that the status column holds flagged and
ineligible projects), built once in --folder and reused by later runs. The demo files
are generated there unless `make_demo_files.py --out FOLDER` has written them already.

Measured in one run, each start a fresh Python process started by this one, offscreen,
with settings of its own and Python's bytecode cached (one start of each first, not
counted), the two starts alternated so that the machine's drift touches both alike:
  - empty_window_s: `panel-app --workspace EMPTY`, the same window on a workspace with no
    submission, from the process's start to its first view painted (the anchor);
  - cold_start_s:   `panel-app --workspace W`, from the process's start to the first view
    painted with the N submissions loaded (the first category selected, its submissions
    listed, the first one shown in the detail pane): the season overview, the window's
    landing view since issue 16 (the submission list, behind it, before);
then, in one more process, the window open on W, "All categories" chosen and looked at
for 1.5 s (as a person does before a first click; the window prepares its sort keys and
search text in that time), medians of:
  - sort_ms:        a click on each column's header (the list sorted by another column
    before), to the list repainted (events processed); sort_first_ms: the first click on
    each, sort_reverse_ms: a second click on the same header (the order reversed);
  - filter_ms:      a keystroke in the search box, typing "clinic" and deleting it again,
    to the list repainted (filter_max_ms: the slowest of them).
peak_rss_mib is the cold start's peak memory (ru_maxrss) when its list is painted.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_chair_window.py \
        --rows 100000 --repeat 5 --json

prints one JSON line: {"rows", "empty_window_s", "cold_start_s", "sort_ms": {column: ms},
"filter_ms", "peak_rss_mib", ...}; without --json a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = 2020

# Runs in the child: what the `panel-app` script does, the window's list watched for its
# first paint. Prints the time from the process's start and the peak memory, then, with
# "interact", the times of header clicks and keystrokes.
CHILD = r"""
import json, resource, statistics, sys, time
started = float(sys.argv[1])
workspace, interact, repeat = sys.argv[2], sys.argv[3] == "interact", int(sys.argv[4])
import panel_app.cli
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication
from panel_app.ui import app as ui_app

qapp = ui_app.application()
result = {}
LOOK_S = 1.5


def window():
    from panel_app.ui.chair.main_window import MainWindow
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def settle():
    QApplication.processEvents()
    QApplication.processEvents()


def clicks(win):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    header = win.table.horizontalHeader()
    columns = win.submissions.COLUMNS
    times = {name: [] for name in columns}
    reverse = {name: [] for name in columns}
    first = {}
    for n in range(repeat + 1):
        for column, name in enumerate(columns):
            for into in (times, reverse):  # a click sorts, a second click reverses
                begin = time.perf_counter()
                at = QPoint(
                    header.sectionViewportPosition(column) + header.sectionSize(column) // 2,
                    header.height() // 2,
                )
                QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)
                settle()
                took = (time.perf_counter() - begin) * 1000
                if n == 0:  # the first click on each column after the start
                    first.setdefault(name, took)
                else:
                    into[name].append(took)
    return times, reverse, first


def keystrokes(win):
    from PySide6.QtTest import QTest
    times = []
    for _ in range(repeat):
        for key in "clinic":
            begin = time.perf_counter()
            QTest.keyClicks(win.search, key)
            settle()
            times.append((time.perf_counter() - begin) * 1000)
        for _ in "clinic":
            begin = time.perf_counter()
            QTest.keyClick(win.search, Qt.Key.Key_Backspace)
            settle()
            times.append((time.perf_counter() - begin) * 1000)
    return times


def finish():
    qapp.removeEventFilter(painted)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["peak_rss_mib"] = usage.ru_maxrss / 1024
    win = window()
    result["listed"] = win.submissions.rowCount()
    if interact:
        if hasattr(win, "show_submissions"):  # the landing view is the season overview
            win.show_submissions()
        win.category_view.setCurrentIndex(win.categories.index(0, 0))  # all categories
        settle()
        # A person reads the list a moment before a first click: the window gets its sort
        # keys and search text ready meanwhile (ui/models.py), in the event loop.
        looked = time.perf_counter() + LOOK_S
        while time.perf_counter() < looked:
            QApplication.processEvents()
            time.sleep(0.01)
        result["all_rows"] = win.submissions.rowCount()
        times, reverse, first = clicks(win)
        result["sort_first_ms"] = first
        result["sort_ms"] = {k: statistics.median(v) for k, v in times.items()}
        result["sort_reverse_ms"] = {k: statistics.median(v) for k, v in reverse.items()}
        typed = keystrokes(win)
        result["filter_ms"] = statistics.median(typed)
        result["filter_max_ms"] = max(typed)
    print(json.dumps(result), flush=True)
    qapp.quit()


class Painted(QObject):
    # The window's landing view painted once: the season overview's page (seasonPage), or
    # before issue 16 the submission table's viewport (its parent: submissionTable); the
    # time after that paint has been handled.
    def eventFilter(self, watched, event):
        if (
            "painted_s" not in result
            and event.type() == QEvent.Type.Paint
            and (
                watched.objectName() == "seasonPage"
                or (watched.parent() is not None
                    and watched.parent().objectName() == "submissionTable")
            )
        ):
            QTimer.singleShot(0, self.painted)
        return False

    def painted(self):
        if "painted_s" not in result:
            result["painted_s"] = time.time() - started
            result["cpu_s"] = time.process_time()
            QTimer.singleShot(0, finish)


painted = Painted()
qapp.installEventFilter(painted)
code = panel_app.cli.main(["--workspace", workspace])
assert code == 0, code
"""


def build_workspace(path: Path, rows: int) -> Path:
    """A workspace of `rows` demo submissions, past winners and rule checks; reused."""
    from sqlalchemy import func, select

    from panel_app.demo import generate_submission_set
    from panel_app.edition import latest_edition_key, load_edition_by_key
    from panel_app.formats.submission_set_writer import write_past_winners, write_submission_set
    from panel_app.store.models import Submission
    from panel_app.workflow.intake.checks import run_checks
    from panel_app.workflow.intake.past_winners import import_past_winners
    from panel_app.workflow.intake.submissions import import_submissions
    from panel_app.workflow.workspace import locate_workspace, open_workspace

    location = locate_workspace(path)
    if path.exists():
        with open_workspace(location) as ws, ws.sessions() as session:
            if session.scalar(select(func.count(Submission.id))) == rows:
                return path
        raise SystemExit(f"{path} holds another number of submissions: remove it first")
    edition = load_edition_by_key(latest_edition_key())
    file = path.with_name(f"submissions-{rows}.xlsx")
    winners = path.with_name(f"past-winners-{rows}.csv")  # make_demo_files.py's names
    if not file.exists():
        print(f"generating {rows} submissions…", file=sys.stderr, flush=True)
        demo = generate_submission_set(edition, count=rows, seed=SEED)
        write_submission_set(file, demo.columns, demo.rows)
        write_past_winners(winners, demo.past_winners)
        del demo
    print(f"building {path}…", file=sys.stderr, flush=True)
    with open_workspace(location, create=True, edition_key=edition.key) as ws:
        import_submissions(ws, file, actor="benchmark")
        import_past_winners(ws, winners, actor="benchmark")
        run_checks(ws, actor="benchmark")
    return path


def empty_workspace(path: Path) -> Path:
    from panel_app.edition import latest_edition_key
    from panel_app.workflow.workspace import locate_workspace, open_workspace

    if not path.exists():
        location = locate_workspace(path)
        open_workspace(location, create=True, edition_key=latest_edition_key()).close()
    return path


def start(
    workspace: Path,
    config: Path,
    *,
    interact: bool = False,
    repeat: int = 1,
    app: Path | None = None,
) -> dict:
    """One start of the window on `workspace` in a fresh process (with the app imported
    from `app`, a copy of another commit, when given)."""
    config.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(config.parent / ("pycache-before" if app else "pycache"))
    if app is not None:
        env["PYTHONPATH"] = str(app)
    began = time.time()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            repr(began),
            str(workspace),
            "interact" if interact else "start",
            str(repeat),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=config,  # not the checkout: `python -c` puts the working folder first
    )
    if done.returncode != 0:
        raise SystemExit(f"the window failed to start:\n{done.stderr}")
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _figures(rows: int, empty: list[dict], cold: list[dict], interaction: dict) -> dict:
    assert interaction["all_rows"] == rows, interaction
    return {
        "rows": rows,
        "empty_window_s": round(statistics.median(r["painted_s"] for r in empty), 3),
        "cold_start_s": round(statistics.median(r["painted_s"] for r in cold), 3),
        "sort_ms": {k: round(v, 1) for k, v in interaction["sort_ms"].items()},
        "filter_ms": round(interaction["filter_ms"], 1),
        "peak_rss_mib": round(max(r["peak_rss_mib"] for r in cold)),
        "cold_start_min_s": round(min(r["painted_s"] for r in cold), 3),
        "cold_start_cpu_s": round(statistics.median(r["cpu_s"] for r in cold), 3),
        "empty_window_cpu_s": round(statistics.median(r["cpu_s"] for r in empty), 3),
        "sort_first_ms": {k: round(v, 1) for k, v in interaction["sort_first_ms"].items()},
        "sort_reverse_ms": {k: round(v, 1) for k, v in interaction["sort_reverse_ms"].items()},
        "filter_max_ms": round(interaction["filter_max_ms"], 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000, help="submissions in the workspace")
    parser.add_argument("--repeat", type=int, default=5, help="starts of each kind; clicks")
    parser.add_argument(
        "--folder",
        type=Path,
        default=Path(tempfile.gettempdir()) / "panel-bench-chair-window",
        help="where the workspaces are built and kept for the next run",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    parser.add_argument(
        "--before",
        type=Path,
        help="a copy of an earlier commit (git archive C | tar -x -C DIR): its cold starts "
        'alternated with these, its clicks and keystrokes after them, under "before"',
    )
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    workspace = build_workspace(args.folder / f"chair-{args.rows}.sqlite", args.rows)
    empty = empty_workspace(args.folder / "chair-empty.sqlite")
    before = args.before
    with tempfile.TemporaryDirectory() as tmp:
        configs = Path(tmp)
        start(empty, configs / "warm-empty")  # bytecode compiled, files in the OS's cache
        start(workspace, configs / "warm")
        if before is not None:
            start(workspace, configs / "warm-before", app=before)
        empty_runs, cold_runs, before_runs = [], [], []
        for i in range(args.repeat):  # alternated, so that the machine's drift meets each
            empty_runs.append(start(empty, configs / f"empty-{i}"))
            cold_runs.append(start(workspace, configs / f"cold-{i}"))
            if before is not None:
                before_runs.append(start(workspace, configs / f"before-{i}", app=before))
        interaction = start(workspace, configs / "interact", interact=True, repeat=args.repeat)
        figures = _figures(args.rows, empty_runs, cold_runs, interaction)
        if before is not None:
            interaction = start(
                workspace,
                configs / "interact-before",
                interact=True,
                repeat=args.repeat,
                app=before,
            )
            figures["before"] = _figures(args.rows, empty_runs, before_runs, interaction)
    figures["load"] = round(os.getloadavg()[0], 1)
    if args.json:
        print(json.dumps(figures), flush=True)
        return 0
    print(
        "| rows | commit | empty window s | cold start s (CPU s) | sort ms (first click) "
        "| keystroke ms (max) | peak MiB |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, row in (("now", figures), ("before", figures.get("before"))):
        if row is None:
            continue
        sorts = ", ".join(
            f"{k} {v:.0f} ({row['sort_first_ms'][k]:.0f})" for k, v in row["sort_ms"].items()
        )
        print(
            f"| {args.rows:,} | {label} | {row['empty_window_s']:.2f} "
            f"| {row['cold_start_s']:.2f} ({row['cold_start_cpu_s']:.2f}) | {sorts} "
            f"| {row['filter_ms']:.0f} ({row['filter_max_ms']:.0f}) | {row['peak_rss_mib']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
