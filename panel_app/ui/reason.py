"""The reason a decision needs, asked so that a blank one cannot be given: OK stays off
(and says why) until there is text, so the dialog never closes on an empty reason and the
chair's typing is never thrown away by a refusal."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    def __init__(self, title: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        question = QLabel(label)
        question.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(QCoreApplication.translate("ReasonDialog", "Reason"))
        question.setBuddy(self.reason)
        self.hint = QLabel(
            QCoreApplication.translate("ReasonDialog", "A decision needs a reason, for the record.")
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reason)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._update()

    def _update(self) -> None:
        given = bool(self.reason.text().strip())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setEnabled(given)
        self.hint.setVisible(not given)


def ask_reason(parent: QWidget, title: str, label: str) -> str | None:
    """The reason typed, or None when the chair cancelled."""
    dialog = ReasonDialog(title, label, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.reason.text()
