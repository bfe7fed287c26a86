"""A decision's reason cannot be left blank: OK stays off, with the hint, until there is
text; the dialog never closes on a blank one (the chair's typing is kept)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from panel_app.ui.reason import ReasonDialog


def test_ok_waits_for_a_reason(qtbot: QtBot) -> None:
    dialog = ReasonDialog("Remove from the list", "Why does 1001 come off the list?")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None and not ok.isEnabled() and dialog.hint.isVisible()
    dialog.reason.setText("   ")
    assert not ok.isEnabled()
    dialog.reason.setText("Withdrawn by the organisation")
    assert ok.isEnabled() and not dialog.hint.isVisible()
    ok.click()
    assert dialog.result() == ReasonDialog.DialogCode.Accepted
