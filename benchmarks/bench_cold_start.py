"""Cold start of the scoring desk (issue 6): `panel-app desk` as a fresh process, from its
start to the desk window shown with the first project, on 1,500 assigned projects.

Set-up (not timed): a demo workspace of --count submissions and an expert with --projects
of them assigned, no review yet. Each run is a new Python process, started by this one, on
the same workspace, offscreen, with settings of its own; it times itself from the moment
this process starts it to the window shown and its first events processed (show, paint,
the first project's text), with Python's bytecode cached (after one start not counted).
Medians of wall and CPU time (the machine is shared: CPU time
is the steadier figure), peak memory (ru_maxrss), and the time each phase took.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_cold_start.py --repeat 7
    ... --profile   # one more run under cProfile: where the time goes, by cumulative time
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

from harness import desk_workspace

EXPERT = "BENCH"

# Runs in the child: `panel-app desk --workspace W --expert E` through the CLI's main, with
# the phases' times from the process's start; it quits once the window is shown and painted.
CHILD = """
import json, os, resource, sys, time
started = float(sys.argv[1])
marks = {}

def mark(name):  # wall time since the start, and the CPU time this process used
    marks[name] = (time.time() - started, time.process_time())

mark("interpreter up")
import panel_app.cli  # what the `panel-app` script imports first
mark("cli imported")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from panel_app.ui import app as ui_app  # what `panel-app desk` imports next
mark("ui imported")
qapp = ui_app.application()  # made here, so a timer can stop it; run_desk reuses it
if sys.argv[4] != "en":
    from panel_app.ui.language import remember_language
    remember_language(ui_app.settings(), sys.argv[4])

def shown():
    QApplication.processEvents()  # the first paint and the project's text
    mark("desk shown")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    print(json.dumps({
        "marks": marks,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
        "title": windows[0].windowTitle() if windows else "",
    }), flush=True)
    qapp.quit()

QTimer.singleShot(0, shown)
code = panel_app.cli.main(["desk", "--workspace", sys.argv[2], "--expert", sys.argv[3]])
assert code == 0, code
"""


# The floor on this machine: Python, Qt and an empty window shown, nothing of ours.
FLOOR = """
import json, resource, sys, time
started = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": time.time() - started, "cpu": usage.ru_utime + usage.ru_stime}))
"""


def _floor(env: dict[str, str]) -> dict[str, float]:
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-c", FLOOR, repr(started)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _run(workspace: Path, language: str, config: Path, profile: Path | None) -> dict:
    # Bytecode cached, as on a person's machine (pip compiles what it installs; the app's
    # own modules are cached on the first start): in a folder of the benchmark's own.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workspace.parent / "pycache")
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
        script = config / "child.py"
        script.write_text(CHILD)
        command += [str(script)]
    else:
        command += ["-c", CHILD]
    started = time.time()
    done = subprocess.run(
        [*command, repr(started), str(workspace), EXPERT, language],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])
    assert EXPERT in result["title"], result
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1500, help="demo submissions")
    parser.add_argument("--projects", type=int, default=1500, help="assigned to the expert")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--languages", default="en,zh_CN", help="comma-separated")
    parser.add_argument("--profile", action="store_true", help="one more run under cProfile")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workspace = desk_workspace(folder / "cold.sqlite", args.count, args.projects, EXPERT)
        print(f"{args.projects} projects assigned, {args.count} submissions\n")
        print(
            "| language | wall s (median) | min s | CPU s (median) | peak MiB "
            "| phases: wall s since start (CPU s), medians |"
        )
        print("|---|---|---|---|---|---|")
        for language in args.languages.split(","):
            warm_up = folder / f"config-{language}-warm-up"
            warm_up.mkdir()
            first = _run(workspace, language, warm_up, None)["marks"]["desk shown"]
            print(f"<!-- {language}: first start (bytecode compiled): {first[0]:.2f} s -->")
            runs = []
            for i in range(args.repeat):
                config = folder / f"config-{language}-{i}"
                config.mkdir()
                runs.append(_run(workspace, language, config, None))
            walls = [r["marks"]["desk shown"][0] for r in runs]
            phases = ", ".join(
                f"{name} {statistics.median(r['marks'][name][0] for r in runs):.2f} "
                f"({statistics.median(r['marks'][name][1] for r in runs):.2f})"
                for name in runs[0]["marks"]
            )
            print(
                f"| {language} | {statistics.median(walls):.2f} | {min(walls):.2f} | "
                f"{statistics.median(r['cpu'] for r in runs):.2f} | "
                f"{max(r['peak_mib'] for r in runs):.0f} | {phases} |",
                flush=True,
            )
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        floors = [_floor(env) for _ in range(args.repeat)]
        print(
            f"| floor: Python + Qt + an empty window | "
            f"{statistics.median(f['seconds'] for f in floors):.2f} | "
            f"{min(f['seconds'] for f in floors):.2f} | "
            f"{statistics.median(f['cpu'] for f in floors):.2f} | | |"
        )
        if args.profile:
            import pstats

            config = folder / "config-profile"
            config.mkdir()
            stats_file = folder / "cold.prof"
            _run(workspace, "en", config, stats_file)
            print()
            pstats.Stats(str(stats_file)).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
