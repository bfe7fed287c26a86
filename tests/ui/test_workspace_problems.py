"""A workspace that cannot be opened, told in the window's language: the window's own
sentence for the kind of problem, the core's English message below it as the detail
(issue 15: "not a panel-app workspace: …" reached the Chinese window in English alone)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from panel_app.ui import catalogue
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.language import install_language
from panel_app.workflow.workspace import WORKSPACE_PROBLEMS, locate_workspace, open_workspace


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[str]:
    assert install_language("zh_CN")
    yield "zh_CN"
    install_language("en")


def _message_of(open_it: Callable[[], object]) -> tuple[str, str, str]:
    """The title, text and detail of the message `open_it()` shows and waits on; closed."""
    seen: list[tuple[str, str, str]] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), "no message shown"
        seen.append((box.windowTitle(), box.text(), box.informativeText()))
        box.close()

    QTimer.singleShot(0, read_and_close)
    open_it()
    assert seen, "no message shown"
    return seen[0]


def test_every_kind_of_problem_has_its_sentence_in_chinese(chinese: str) -> None:
    assert set(catalogue.WORKSPACE_PROBLEMS) == set(WORKSPACE_PROBLEMS)
    for kind in WORKSPACE_PROBLEMS:
        sentence = catalogue.workspace_problem(kind)
        assert sentence != catalogue.WORKSPACE_PROBLEMS[kind], f"{kind} is not translated"
        assert "工作区" in sentence
    assert catalogue.workspace_problem("unknown") == "无法打开工作区。"


def test_a_file_that_is_not_a_workspace_is_said_in_chinese_with_the_detail_below(
    qtbot: QtBot, chinese: str, settings: QSettings, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("these are my notes, not a database\n")
    window = MainWindow(settings, chinese)
    qtbot.addWidget(window)
    opened: list[bool] = []
    title, text, detail = _message_of(
        lambda: opened.append(window.open_location(locate_workspace(notes)))
    )
    assert opened == [False]
    assert title == "无法打开工作区"
    assert text == "这不是 panel-app 工作区。文件保持原样，未作改动。"
    assert detail == (
        f"{notes} is not a panel-app workspace: it is not a SQLite database file. "
        "It was left as it is."
    )
    assert notes.read_text() == "these are my notes, not a database\n"


def test_a_task_that_cannot_open_the_workspace_says_why_in_chinese(
    qtbot: QtBot, chinese: str, settings: QSettings, tmp_path: Path
) -> None:
    """File > Import public vote… after the workspace file was moved away from under the
    window: the task's own opening finds nothing there, and the refusal says so."""
    path = tmp_path / "chair.sqlite"
    location = locate_workspace(path)
    open_workspace(location, create=True, edition_key="wsis-2020").close()
    votes = tmp_path / "votes.csv"
    votes.write_text("Category,Submission ID,Votes\n", encoding="utf-8")
    window = MainWindow(settings, chinese)
    qtbot.addWidget(window)
    assert window.open_location(location)
    path.rename(tmp_path / "moved.sqlite")

    window.votes.choose_file = lambda _parent, _title, _start: str(votes)
    window.votes.import_action.trigger()
    qtbot.waitUntil(lambda: not window.votes.busy, timeout=60000)
    box = window.votes.last_message
    assert box is not None
    assert box.text() == "投票未导入，未作任何更改。"
    sentence, detail = box.informativeText().split("\n\n", 1)
    assert sentence == "那里没有找到工作区：文件已被移动、改名或删除，或其中尚无工作区。"
    assert detail.startswith(f"no workspace at {path}: the file does not exist.")
