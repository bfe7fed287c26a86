"""Help > User guide (F1) and Help > About, in the chair's window and the expert's desk:
the guide in the window's language, About with the version and the shipped parts'
licences; both close with Esc or Close."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from panel_app import __version__
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.desk.window import DeskWindow
from panel_app.ui.help import TextDialog
from panel_app.ui.language import SETTING, SETTING_VERSION, SETTING_VERSION_KEY, install_language


def _dialog(window: object) -> TextDialog:
    dialogs = [d for d in window.findChildren(TextDialog) if d.isVisible()]  # type: ignore[attr-defined]
    assert len(dialogs) == 1
    return dialogs[0]


def test_the_guide_and_about_in_the_chairs_window_and_the_desk(
    qtbot: QtBot, settings: QSettings
) -> None:
    chair = MainWindow(settings)
    qtbot.addWidget(chair)
    chair.show()
    assert chair.guide_action.shortcut().toString() == "F1"
    chair.guide_action.trigger()
    guide = _dialog(chair)
    text = guide.text.toPlainText()
    assert "For experts" in text and "For chairs" in text
    assert "Panel > Rule findings…" in text
    guide.reject()

    chair.about_action.trigger()
    about = _dialog(chair)
    text = about.text.toPlainText()
    assert f"WSIS Prizes panel {__version__}" in text
    assert "LGPL-3.0" in text and "OFL-1.1" in text
    about.reject()

    desk = DeskWindow(settings)
    qtbot.addWidget(desk)
    desk.show()
    desk.guide_action.trigger()
    assert "Open the package your chair sent you" in _dialog(desk).text.toPlainText()


def test_the_guide_in_chinese(qtbot: QtBot, settings: QSettings) -> None:
    settings.setValue(SETTING, "zh_CN")
    settings.setValue(SETTING_VERSION_KEY, SETTING_VERSION)
    assert install_language("zh_CN")
    try:
        chair = MainWindow(settings)
        qtbot.addWidget(chair)
        chair.show()
        chair.guide_action.trigger()
        text = _dialog(chair).text.toPlainText()
        assert "打开主席发给您的评审包" in text and "评审 > 规则审查发现…" in text
    finally:
        install_language("en")
