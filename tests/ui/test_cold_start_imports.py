"""What the expert's desk and the chair's window load at start: nothing they need only later.

The cold start (docs/benchmarks.md, "Cold start of the scoring desk") is mostly imports.
openpyxl (and numpy with it) is needed only to open a package or export scores, the rule
checks' numpy and rapidfuzz only for checks, Alembic only when a migration is due, and
reportlab only for PDF reports; a module-level import of any of them costs every start.
The chair's window is also started for real on a workspace: what its start calls (is this
an expert's laptop? the audit chain, the list, the first submission) imports more than its
modules do (docs/benchmarks.md, "The chair's window at 100k rows").
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.workspace import locate_workspace, open_workspace

from ..workflow.conftest import submission_row, write_workbook

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


def test_the_chairs_window_started_on_a_workspace_imports_no_heavy_library(
    tmp_path: Path,
) -> None:
    """What `panel-app --workspace W` does, up to the list painted: the window's start asks
    whether an expert's package was opened there (the desk then), opens the workspace,
    walks the audit chain, lists the submissions and shows the first one."""
    workspace = tmp_path / "ws.sqlite"
    rows = [submission_row(1), submission_row(2, Category="C7 E-agriculture")]
    with open_workspace(locate_workspace(workspace), create=True, edition_key="wsis-2020") as ws:
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", rows))
        run_checks(ws)  # as the import's command and window do: no checks owed at start
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import panel_app.cli\n"
        "from panel_app.ui import app as ui_app\n"
        "qapp = ui_app.application()\n"
        "def shown():\n"
        "    QApplication.processEvents()\n"
        "    [window] = [w for w in QApplication.topLevelWidgets() if w.isVisible()]\n"
        "    print(window.objectName(), window.submissions.rowCount())\n"
        "    window.record_check.stop()  # its worker thread done: what it imported counts\n"
        f"    print(' '.join(m for m in {LATER!r} if m in sys.modules))\n"
        "    qapp.quit()\n"
        "QTimer.singleShot(0, shown)\n"
        f"sys.exit(panel_app.cli.main(['--workspace', {str(workspace)!r}]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    shown = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert shown.returncode == 0, shown.stderr
    window, loaded = [*shown.stdout.splitlines(), "", ""][:2]
    assert window == "mainWindow 2"
    assert loaded.split() == []
