"""What the expert's desk loads at start: nothing it needs only later.

The cold start (docs/benchmarks.md, "Cold start of the scoring desk") is mostly imports.
openpyxl (and numpy with it) is needed only to open a package or export scores, the rule
checks' numpy and rapidfuzz only for checks, Alembic only when a migration is due, and
reportlab only for PDF reports; a module-level import of any of them costs every start.
"""

from __future__ import annotations

import subprocess
import sys

LATER = ("openpyxl", "numpy", "scipy", "rapidfuzz", "alembic", "reportlab", "python_calamine")


def test_the_cli_and_the_windows_import_no_heavy_library_at_start() -> None:
    code = (
        "import sys\n"
        "import panel_app.cli, panel_app.ui.app\n"
        "import panel_app.ui.desk.window, panel_app.ui.chair.main_window\n"
        "import panel_app.workflow.review.desk, panel_app.workflow.overview\n"
        # what the chair's window reads when it opens a workspace: the chain, checks owed
        "import panel_app.workflow.handover, panel_app.workflow.record\n"
        "import panel_app.rules.words  # the window's word counts\n"
        f"print(' '.join(m for m in {LATER!r} if m in sys.modules))\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == []
