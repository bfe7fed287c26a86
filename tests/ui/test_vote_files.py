"""File > Import public vote… as a chair uses it: refused with its reason before the
nominee list is frozen; after it, the audit in words, the finalists stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from panel_app.demo.workspace import create_demo_workspace
from panel_app.demo.workspace_votes import write_demo_votes
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.chair.vote_files import VOTES_DIR_KEY
from panel_app.ui.language import install_language
from panel_app.workflow.nomination.nominees import freeze_nominees
from panel_app.workflow.vote.public_vote import finalists_report
from panel_app.workflow.workspace import locate_workspace, open_workspace
from tests.nominees import overrule_open_findings_on_nominees


def _import(qtbot: QtBot, window: MainWindow, path: Path) -> QMessageBox:
    window.votes.choose_file = lambda _parent, _title, _start: str(path)
    window.votes.import_action.trigger()
    qtbot.waitUntil(lambda: not window.votes.busy, timeout=60000)
    box = window.votes.last_message
    assert box is not None
    return box


def test_the_vote_imported_through_the_menu_after_the_list_is_frozen(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, screenshot_dir: Path
) -> None:
    location = locate_workspace(tmp_path / "chair.sqlite")
    create_demo_workspace(location, count=150)
    votes = tmp_path / "platform" / "votes.csv"
    votes.parent.mkdir()
    votes.write_text("Category,Submission ID,Votes\n", encoding="utf-8")

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.votes.import_action.isEnabled()  # no workspace yet
    assert window.open_location(location)

    refused = _import(qtbot, window, votes)
    assert refused.icon() == QMessageBox.Icon.Warning
    assert refused.text() == "The vote was not imported; nothing was changed."
    assert "freeze the nominee list first" in refused.informativeText()
    assert settings.value(VOTES_DIR_KEY) == str(votes.parent)

    with open_workspace(location) as ws:
        overrule_open_findings_on_nominees(ws)  # the demo's planted pairs
        freeze_nominees(ws, "Panel meeting", actor="chair")
        truth = write_demo_votes(ws, votes, rows=3000)
    box = _import(qtbot, window, votes)
    rejected = sum(truth.rejected.values())
    valid = sum(truth.valid_votes.values())
    assert box.text().startswith(
        f"Imported votes.csv (raw votes): {valid + rejected:,} votes read, {valid:,} valid, "
        f"{rejected:,} rejected."
    )
    detail = box.detailedText() or box.informativeText()
    assert "Rejected, by reason:" in detail
    assert "cast after the vote closed" in detail
    assert (
        f"  cast before the vote opened: {truth.rejected['before_open']:,}" in detail.splitlines()
    )
    assert "Finalists per category (the top 5 by valid votes):" in detail
    with open_workspace(location) as ws:
        stored = finalists_report(ws).finalists
    some_category, finalists = next((k, v) for k, v in stored.items() if v)
    line = next(x for x in detail.splitlines() if x.strip().startswith(some_category + ":"))
    assert all(sid in line for sid in finalists)
    qtbot.waitUntil(box.isVisible)
    box.grab().save(str(screenshot_dir / "chair-vote-imported.png"))


def test_the_rejections_are_named_in_chinese(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    location = locate_workspace(tmp_path / "chair.sqlite")
    create_demo_workspace(location, count=150)
    votes = tmp_path / "votes.csv"
    with open_workspace(location) as ws:
        overrule_open_findings_on_nominees(ws)  # the demo's planted pairs
        freeze_nominees(ws, "Panel meeting", actor="chair")
        truth = write_demo_votes(ws, votes, rows=2000)
    assert install_language("zh_CN")
    try:
        window = MainWindow(settings, "zh_CN")
        qtbot.addWidget(window)
        assert window.open_location(location)
        box = _import(qtbot, window, votes)
    finally:
        install_language("en")
    lines = (box.detailedText() or box.informativeText()).splitlines()
    assert f"  在投票开始前投出: {truth.rejected['before_open']:,}" in lines
    assert f"  在投票截止后投出: {truth.rejected['after_close']:,}" in lines
    assert not any("before the vote opened" in line for line in lines)
