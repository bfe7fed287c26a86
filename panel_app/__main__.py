import multiprocessing
import os
import sys

from panel_app.cli import main

if __name__ == "__main__":
    # The windowed program of the Windows bundle (WSIS Panel.exe) has no console: Python
    # gives it no sys.stdout or sys.stderr, and a print (a usage error, a warning) would
    # fail. Its output goes nowhere instead; the console program (panel-app.exe) has both.
    for stream in ("stdout", "stderr"):
        if getattr(sys, stream) is None:
            setattr(sys, stream, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    # A frozen app starts its import child processes through this same entry point.
    multiprocessing.freeze_support()
    raise SystemExit(main())
