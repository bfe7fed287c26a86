"""Screenshots of the season walked in the window (tests/ui/test_season_walk.py), on a
1366x768 screen at 100% and at 150% scaling, in English and in Chinese.

    .venv/bin/python tools/season_screenshots.py [--display 64] [--out build/screenshots]

Starts Xvfb on the display given (a free one: it refuses one in use), runs the walk on Qt's
xcb platform once per scale with SEASON_SCREENSHOTS set, and stops Xvfb. The screen is
grabbed after each step and as each dialog is filled in:
build/screenshots/season-<en|zh>-<100|150>-<NN>-<step>.png. Needs Xvfb (Debian: xvfb) and
the xcb libraries `./dev demo` installs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCALES = ("1", "1.5")
SCREEN = "1366x768x24"


def _wait_for_display(display: str, server: subprocess.Popen[bytes]) -> None:
    """Until the X server answers (xdpyinfo), or it has exited."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"Xvfb {display} exited ({server.returncode}): is it in use?")
        answered = subprocess.run(
            ["xdpyinfo", "-display", display], capture_output=True, check=False
        )
        if answered.returncode == 0:
            return
        time.sleep(0.2)  # a server starting up: nothing to wait on but its socket
    raise SystemExit(f"Xvfb {display} did not answer in 20 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--display", type=int, default=64, help="the X display number (64)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("pytest_args", nargs="*", help="passed on to pytest (e.g. -k zh)")
    args = parser.parse_args(argv)
    display = f":{args.display}"
    if Path(f"/tmp/.X11-unix/X{args.display}").exists():
        raise SystemExit(f"display {display} is in use: choose another with --display")
    args.out.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", SCREEN, "-nolisten", "tcp"])
    status = 0
    try:
        _wait_for_display(display, server)
        for scale in SCALES:
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
            env.update(QT_SCALE_FACTOR=scale, SEASON_SCREENSHOTS=str(args.out.resolve()))
            env["PYTHONPATH"] = str(ROOT)
            command = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                       "tests/ui/test_season_walk.py", *args.pytest_args]  # fmt: skip
            print(f"[screenshots] scale {scale}: {' '.join(command)}", flush=True)
            ran = subprocess.run(command, cwd=ROOT, env=env, check=False)
            status = status or ran.returncode
    finally:
        server.terminate()
        server.wait(timeout=10)
    shots = sorted(args.out.glob("season-*.png"))
    print(f"[screenshots] {len(shots)} files in {args.out}")
    return status


if __name__ == "__main__":
    sys.exit(main())
