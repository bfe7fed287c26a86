"""A workspace that cannot be opened, told in the window's language: the sentence for its
kind of problem (catalogue.workspace_problem) as the message, the core's English message
below it as the detail."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from panel_app.ui.catalogue import workspace_problem
from panel_app.workflow.workspace import WorkspaceError


def workspace_message(parent: QWidget, title: str, error: WorkspaceError) -> QMessageBox:
    """The message to show (exec() or open() it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, workspace_problem(error.kind), parent=parent)
    box.setObjectName("workspaceProblem")
    box.setInformativeText(str(error))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box
