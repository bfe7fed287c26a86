"""File > Open package… and File > Export scores… as an expert uses them: the chair's
package for a demo expert opened through the menu, scores exported and read back, a
cancel that leaves the workspace as it was, a refused file's located message."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, QSettings, Qt, Slot
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import delete, func, select

from panel_app.demo.workspace import create_demo_workspace
from panel_app.formats.review_workbook import read_review_workbook
from panel_app.store.models import Assignment, AuditEntry, Expert, Submission
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.desk.package_files import EXPORT_DIR_KEY, PACKAGE_DIR_KEY
from panel_app.ui.desk.window import DeskWindow
from panel_app.ui.theme import THEME_KEY, apply_theme, restore_theme
from panel_app.ui.workers import TaskWorker
from panel_app.workflow.review.expert_workbook import _package_criteria, open_package
from panel_app.workflow.review.package_log import package_expert
from panel_app.workflow.review.packages import write_packages
from panel_app.workflow.workspace import DATABASE_URL_ENV, locate_workspace, open_workspace

from ..workflow.test_workbooks import fill


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """The chair's package for the demo expert with the most projects: (file, expert, projects)."""
    folder = tmp_path_factory.mktemp("chair")
    location = locate_workspace(folder / "chair.sqlite")
    create_demo_workspace(location, count=150)
    with open_workspace(location) as chair:
        with chair.transaction() as session:
            counts = session.execute(
                select(Expert.expert_code, Expert.id, func.count())
                .join(Assignment, Assignment.expert_pk == Expert.id)
                .group_by(Expert.id)
            ).all()
            code, pk, projects = max(counts, key=lambda row: (row[2], row[0]))
            # One package is all these tests need: the other experts' would take seconds.
            session.execute(delete(Assignment).where(Assignment.expert_pk != pk))
        written = write_packages(chair, folder / "packages", actor="chair")
    (file,) = [f.path for f in written.files]
    return file, code, projects


@pytest.fixture
def laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The expert's default workspace (no file yet), where a package opened in a desk
    without a workspace goes."""
    path = tmp_path / "laptop" / "workspace.sqlite"
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{path}")
    return path


@pytest.fixture
def desk(qtbot: QtBot, settings: QSettings) -> DeskWindow:
    win = DeskWindow(settings)
    qtbot.addWidget(win)
    win.show()
    return win


def _wait(qtbot: QtBot, desk: DeskWindow) -> None:
    qtbot.waitUntil(lambda: not desk.files.busy, timeout=60000)


def _open_through_menu(qtbot: QtBot, desk: DeskWindow, file: Path) -> None:
    desk.files.choose_package = lambda _parent, _title, _start: str(file)
    desk.files.open_action.trigger()
    _wait(qtbot, desk)


def _message(desk: DeskWindow) -> QMessageBox:
    box = desk.files.last_message
    assert box is not None
    return box


def test_a_package_opened_through_the_menu_shows_its_projects(
    qtbot: QtBot, desk: DeskWindow, package: tuple[Path, str, int], laptop: Path
) -> None:
    file, code, projects = package
    assert not desk.files.export_action.isEnabled()  # nothing to export yet
    _open_through_menu(qtbot, desk, file)
    assert desk.desk is not None and desk.desk.expert_code == code
    assert desk.projects.rowCount() == projects
    assert desk.progress_label.text() == f"0 of {projects} projects done"
    # A package does not carry the submission date: the project says so in words.
    text = desk.detail.toPlainText()
    assert "submission date not in this workspace" in text and "submitted —" not in text
    assert laptop.exists()
    box = _message(desk)
    assert f"expert {code}: {projects} projects loaded ({projects} new" in box.text()
    assert "nomination" in box.text() and str(laptop) in box.informativeText()
    assert desk._settings.value(PACKAGE_DIR_KEY) == str(file.parent)  # the folder, remembered
    assert desk.files.export_action.isEnabled()
    assert desk.files.open_action.shortcut().toString() == "Ctrl+Shift+O"
    assert desk.files.export_action.shortcut().toString() == "Ctrl+E"


def test_scores_exported_through_the_menu_are_in_the_workbook_with_the_next_revision(
    qtbot: QtBot,
    desk: DeskWindow,
    package: tuple[Path, str, int],
    laptop: Path,
    tmp_path: Path,
) -> None:
    file, code, projects = package
    _open_through_menu(qtbot, desk, file)
    scored = desk._current
    assert scored is not None
    desk.focus_sheet()
    for digit in "4352341":
        qtbot.keyClick(desk.sheet, digit)
    out = tmp_path / "sent" / "my scores"  # no suffix: .xlsx is added
    out.parent.mkdir()
    desk.files.choose_export = lambda _parent, _title, _start: str(out)
    for revision in (1, 2):
        desk.files.export_action.trigger()
        _wait(qtbot, desk)
        written = out.with_name("my scores.xlsx")
        book = read_review_workbook(written, _package_criteria)
        assert not book.problems and book.signing_key is None and book.signature
        assert book.info.expert_code == code and book.info.revision == revision
        rows = {read.scores.submission_id: read.scores for read in book.rows}
        assert rows[scored.submission_id].scores == (4, 3, 5, 2, 3, 4, 1)
    text = _message(desk).text()
    assert f"Wrote my scores.xlsx, revision 2, signed: 1 of {projects} projects scored" in text
    assert f"{projects - 1} not yet scored" in text
    assert desk._settings.value(EXPORT_DIR_KEY) == str(out.parent)


class _AtProgress(QObject):
    """Acts on the progress dialog (clicks Cancel, by default) when the worker reports `at`
    projects stored; the worker waits for it (a blocking connection): it lands mid-open."""

    def __init__(
        self, desk: DeskWindow, at: int, act: Callable[[QProgressDialog], None] | None = None
    ) -> None:
        super().__init__()
        self.desk, self.at, self.done = desk, at, False
        self.act = act or (lambda dialog: dialog.findChildren(QPushButton)[0].click())
        desk.files.started.connect(self._started)

    def _started(self, worker: TaskWorker) -> None:
        worker.progress.connect(self.progress, Qt.ConnectionType.BlockingQueuedConnection)

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        dialog = self.desk.files.progress_dialog
        if self.done or dialog is None or total == 0 or done < self.at:
            return
        self.done = True
        self.act(dialog)


def _counts(path: Path) -> tuple[int, int, int]:
    with open_workspace(locate_workspace(path)) as ws, ws.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(Submission)) or 0,
            session.scalar(select(func.count()).select_from(Assignment)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_cancel_mid_open_leaves_the_workspace_as_it_was(
    qtbot: QtBot, desk: DeskWindow, package: tuple[Path, str, int], laptop: Path
) -> None:
    file, _code, projects = package
    canceller = _AtProgress(desk, at=projects // 2)
    _open_through_menu(qtbot, desk, file)
    assert canceller.done
    assert not laptop.exists()  # the workspace made for the package went again
    assert desk.desk is None
    assert desk.statusBar().currentMessage() == "Opening cancelled; nothing was changed"

    with open_workspace(locate_workspace(laptop), create=True):  # an existing, empty one
        pass
    before = _counts(laptop)
    canceller.done = False
    _open_through_menu(qtbot, desk, file)
    assert canceller.done and _counts(laptop) == before == (0, 0, before[2])

    canceller.at = projects + 1  # never: the open goes through
    _open_through_menu(qtbot, desk, file)
    assert _counts(laptop)[:2] == (projects, projects)


def test_a_refused_package_shows_the_located_problem(
    qtbot: QtBot,
    desk: DeskWindow,
    package: tuple[Path, str, int],
    laptop: Path,
    tmp_path: Path,
    screenshot_dir: Path,
) -> None:
    file, _code, _projects = package
    book = read_review_workbook(file, _package_criteria)
    first = book.rows[0].scores.submission_id
    bad = fill(Path(shutil.copy(file, tmp_path / "package.xlsx")), {first: [9]})
    _open_through_menu(qtbot, desk, bad)
    box = _message(desk)
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text().startswith("The package was not opened; nothing was changed.")
    detail = box.informativeText()
    assert "package.xlsx" in detail and "Scores" in detail and "9" in detail
    assert not laptop.exists() and desk.desk is None
    qtbot.waitUntil(box.isVisible)
    assert box.grab().save(str(screenshot_dir / "desk-package-refused.png"))


def _composite(window: QPixmap, dialog: QPixmap) -> QPixmap:
    """The window with the dialog over its middle, as a person sees them."""
    canvas = QPixmap(window)
    painter = QPainter(canvas)
    ratio = window.devicePixelRatio()
    size = window.size() / ratio - dialog.size() / dialog.devicePixelRatio()
    painter.drawPixmap(QPoint(size.width() // 2, size.height() // 3), dialog)
    painter.end()
    return canvas


def test_screenshots_of_the_desk_opening_a_package_and_in_the_dark_palette(
    qtbot: QtBot,
    desk: DeskWindow,
    package: tuple[Path, str, int],
    laptop: Path,
    screenshot_dir: Path,
) -> None:
    file, _code, projects = package
    shots: list[QPixmap] = []

    def shoot(dialog: QProgressDialog) -> None:
        dialog.show()
        QApplication.processEvents()
        shots.append(_composite(desk.grab(), dialog.grab()))

    shooter = _AtProgress(desk, projects // 2, shoot)  # kept: a collected one hears nothing
    _open_through_menu(qtbot, desk, file)
    assert shooter.done and desk.desk is not None
    shots[0].save(str(screenshot_dir / "desk-opening-package.png"))

    try:
        dark = desk.findChild(QObject, "theme_dark")
        dark.trigger()  # type: ignore[attr-defined]
        assert desk._settings.value(THEME_KEY) == "dark"
        QApplication.processEvents()  # the palette reaches the widgets by events
        assert desk.palette().window().color().lightness() < 80
        desk.grab().save(str(screenshot_dir / "desk-dark.png"))
    finally:
        apply_theme("system")


def test_a_package_opened_in_the_chairs_window_opens_the_experts_desk(
    qtbot: QtBot, settings: QSettings, package: tuple[Path, str, int], laptop: Path
) -> None:
    """An expert who starts the app lands on the welcome: the package opened there
    opens their desk, and the app opens on that desk from then on."""
    file, code, projects = package
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.files.choose_package = lambda _parent, _title, _start: str(file)
    assert window.welcome is not None
    window.welcome.open_package.click()  # "Open the package your chair sent you"
    qtbot.waitUntil(lambda: not window.files.busy, timeout=60000)
    desk = window.desk_window
    assert isinstance(desk, DeskWindow)
    qtbot.addWidget(desk)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert desk.isVisible()
    assert desk.projects.rowCount() == projects
    with open_workspace(locate_workspace(laptop)) as ws:
        assert package_expert(ws) == code  # what the app checks at start to open the desk


def test_the_desk_remembers_its_layout_workspace_and_theme_but_not_an_older_layout(
    qtbot: QtBot,
    desk: DeskWindow,
    settings: QSettings,
    package: tuple[Path, str, int],
    laptop: Path,
) -> None:
    _open_through_menu(qtbot, desk, package[0])
    desk.resize(700, 600)
    desk.left_splitter.setSizes([100, 400])
    sizes = desk.left_splitter.sizes()
    desk.close()
    assert settings.value("desk/workspace") == str(laptop)
    again = DeskWindow(settings)
    qtbot.addWidget(again)
    again.show()
    assert again.size() == desk.size() and again.left_splitter.sizes() == sizes
    settings.setValue("desk/settings_version", 0)  # written by an older layout
    older = DeskWindow(settings)
    qtbot.addWidget(older)
    assert older.size() != desk.size()
    settings.setValue(THEME_KEY, "dark")
    try:
        assert restore_theme(settings) == "dark"
        QApplication.processEvents()
        assert older.palette().window().color().lightness() < 80
    finally:
        apply_theme("system")


_SCALED_DESK = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from panel_app.ui.desk.window import DeskWindow
from panel_app.workflow.workspace import locate_workspace
desk = DeskWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
desk.resize(1000, 700)
assert desk.open_desk(locate_workspace(Path(sys.argv[2])), sys.argv[3])
desk.show()
app.processEvents()
shot = desk.grab()
assert shot.save(sys.argv[4])
print(shot.devicePixelRatio(), shot.width(), shot.height(), desk.fontInfo().pixelSize())
"""


def test_at_twice_the_scale_the_desk_draws_every_pixel_twice(
    package: tuple[Path, str, int], tmp_path: Path, screenshot_dir: Path
) -> None:
    """High DPI: Qt 6 scales by the screen's ratio; fonts and widgets follow (the app draws
    no bitmaps of its own). QT_SCALE_FACTOR is read at start: a process of its own."""
    file, code, _projects = package
    laptop = tmp_path / "laptop.sqlite"
    open_package(locate_workspace(laptop), file)
    shot = screenshot_dir / "desk-scale2.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "2"}
    args = [str(tmp_path / "s.ini"), str(laptop), code, str(shot)]
    done = subprocess.run(
        [sys.executable, "-c", _SCALED_DESK, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    ratio, width, height, _font = done.stdout.split()
    assert (float(ratio), int(width), int(height)) == (2.0, 2000, 1400)
