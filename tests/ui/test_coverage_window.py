"""Who has returned what, in the chair's window: each expert's returned of assigned, those
who owe the most first, the projects missing a review with who owes it, the e-mail
addresses to chase copied; the same figures as `panel-app coverage`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from panel_app.ui.chair.coverage_window import CoverageWindow
from panel_app.ui.chair.main_window import MainWindow
from panel_app.workflow.review.merge import coverage
from panel_app.workflow.workspace import locate_workspace, open_workspace

from ..workflow.conftest import panel_with_reviews_missing


def test_who_has_returned_what_and_whom_to_chase(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    settings: QSettings,
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    location = locate_workspace(tmp_path / "panel.sqlite")
    with open_workspace(location, create=True, edition_key="wsis-2020") as ws:
        panel_with_reviews_missing(ws, tmp_path)
        report = coverage(ws)
    chair = MainWindow(settings)
    qtbot.addWidget(chair)
    assert chair.open_location(location)
    chair.coverage_action.trigger()
    window = chair.coverage_window
    assert isinstance(window, CoverageWindow)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.coverage is not None and not window.loading.busy)
    qtmodeltester.check(window.experts)

    assert window.state_label.text().startswith(
        f"{report.returned} of {report.assigned} reviews returned; "
        f"{len(report.projects)} projects missing a review; 2 experts owe one."
    )
    # whom to chase first: E02 owes two (1004, 1006), E01 one (1004)
    assert [row[0] for row in window.experts.rows] == ["E02", "E01"]
    assert [row[2:5] for row in window.experts.rows] == [("2", "4", "2"), ("3", "4", "1")]
    window.tabs.setCurrentIndex(1)
    assert {row[0]: row[4] for row in window.projects.rows} == {
        "1004": "E01, E02",
        "1006": "E02",
    }
    window.grab().save(str(screenshot_dir / "chair-coverage-en.png"))

    window.copy_action.trigger()
    copied = QGuiApplication.clipboard().text().splitlines()
    assert len(copied) == 2 and all("Expert" in line or "E0" in line for line in copied)
    assert window.statusBar().currentMessage() == "Copied 2 addresses."
