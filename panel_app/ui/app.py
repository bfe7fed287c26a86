"""Starting the window: the application object, settings, and the workspace to show."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from panel_app.paths import APP_AUTHOR, APP_NAME, resources_dir
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.garbage import collect_in_ui_thread
from panel_app.ui.language import ENGLISH, chosen_language, install_language
from panel_app.ui.theme import restore_theme
from panel_app.workflow.review.package_log import package_expert
from panel_app.workflow.workspace import (
    OpenWorkspace,
    WorkspaceError,
    WorkspaceLocation,
    locate_workspace,
    open_workspace,
    workspace_exists,
)


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QApplication.setOrganizationName(APP_AUTHOR)
        QApplication.setApplicationName(APP_NAME)
        app = QApplication(sys.argv[:1])
        # The title bars' and task bar's icon (the bundle's programs carry it too).
        app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "panel-app.png")))
    collect_in_ui_thread(app)  # never in a worker thread: see garbage.py
    return app


def settings() -> QSettings:
    return QSettings(APP_AUTHOR, APP_NAME)


def start_language(store: QSettings) -> str:
    """The language chosen before (else the system's), installed; English if it is missing."""
    language = chosen_language(store)
    if install_language(language):
        return language
    install_language(ENGLISH)
    return ENGLISH


def last_location(store: QSettings) -> WorkspaceLocation | None:
    path = str(store.value("workspace/last", "") or "")
    url = str(store.value("workspace/last_url", "") or "")
    if path:
        return locate_workspace(Path(path))
    if url:
        return locate_workspace(database_url=url)
    return None


def run_window(workspace: Path | None = None, database_url: str | None = None) -> int:
    """Open the window on the given workspace, else the last one, else the default one."""
    app = application()
    store = settings()
    restore_theme(store)
    language = start_language(store)
    if workspace is not None or database_url is not None:
        location: WorkspaceLocation | None = locate_workspace(workspace, database_url)
    else:
        location = last_location(store) or locate_workspace()
    opened = _open_existing(location)
    expert = package_expert(opened) if opened is not None else None
    if location is not None and expert is not None:  # an expert's laptop: their desk
        assert opened is not None
        opened.close()
        return _show_desk(app, store, language, location, expert)
    window = MainWindow(store, language)
    exists = location is not None and workspace_exists(location)
    shown = False
    if location is not None and opened is not None:
        shown = window.open_location(location, opened=opened)  # opened once, for both questions
    elif location is not None and exists:
        shown = window.open_location(location)  # it says what is wrong with it
    if not shown:
        window.refresh()  # no workspace open: the welcome, for an expert and for a chair
    if not exists:
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "MainWindow",
                "No workspace yet: File > Import submissions, or run `panel-app demo`.",
            )
        )
    window.show()
    return app.exec()


def _open_existing(location: WorkspaceLocation | None) -> OpenWorkspace | None:
    """The workspace at `location` opened, if there is one that opens."""
    if location is None or not workspace_exists(location):
        return None
    try:
        return open_workspace(location)
    except WorkspaceError:
        return None  # the window says what is wrong when it opens it


def _show_desk(
    app: QApplication, store: QSettings, language: str, location: WorkspaceLocation, expert: str
) -> int:
    from panel_app.ui.desk.window import DeskWindow

    window = DeskWindow(store, language)
    if not window.open_desk(location, expert):
        return 1
    window.show()
    return app.exec()


def run_desk(
    workspace: Path | None = None, database_url: str | None = None, expert: str | None = None
) -> int:
    """Open the scoring desk: on the given workspace (else the desk's last one), for the
    given expert (else the one last seen there, else the workspace's only expert)."""
    from panel_app.ui.desk.window import DeskWindow
    from panel_app.workflow.review.desk import DeskRefused, choose_expert
    from panel_app.workflow.workspace import open_workspace

    app = application()
    store = settings()
    restore_theme(store)
    language = start_language(store)
    if workspace is not None or database_url is not None:
        location = locate_workspace(workspace, database_url)
    else:
        path = str(store.value("desk/workspace", "") or "")
        url = str(store.value("desk/workspace_url", "") or "")
        location = locate_workspace(Path(path) if path else None, url or None)
        expert = expert or (str(store.value("desk/expert", "") or "") or None)
    if not workspace_exists(location):  # a new laptop: the package goes there
        window = DeskWindow(store, language)
        window.new_workspace_at = location
        window.statusBar().showMessage(
            QCoreApplication.translate(
                "DeskWindow", "No workspace at {workspace} yet: File > Open package… makes it"
            ).format(workspace=location.display)
        )
        window.show()
        return app.exec()
    try:
        with open_workspace(location) as opened:
            code = choose_expert(opened, expert).code
    except DeskRefused as refused:
        print(f"panel-app: {refused}", file=sys.stderr)
        return 1
    return _show_desk(app, store, language, location, code)
