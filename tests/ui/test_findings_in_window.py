"""A flagged submission shows its status in the list and its evidence in the detail pane."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from panel_app.store.audit import current_actor
from panel_app.ui.chair.main_window import MainWindow
from panel_app.workflow.intake.checks import list_findings, overrule_finding, run_checks
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.workspace import locate_workspace, open_workspace

from ..workflow.conftest import submission_row, write_workbook


def test_a_flagged_submission_shows_its_evidence(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    path = tmp_path / "ws.sqlite"
    rows = [submission_row(1), submission_row(2, Impact="N/A", SDGs=None)]
    with open_workspace(locate_workspace(path), create=True, edition_key="wsis-2020") as ws:
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", rows))
        run_checks(ws)
        no_sdg = next(f for f in list_findings(ws) if f.rule_id == "no-sdg")
        overrule_finding(ws, no_sdg.id, "Goals named in the linkage text", actor="chair")

    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_location(locate_workspace(path))
    win.show()
    model = win.submissions
    statuses = {model.index(r, 0).data(): model.index(r, 4).data() for r in range(2)}
    assert statuses == {"1": "eligible", "2": "ineligible"}

    win.table.selectRow(1)
    text = win.detail.toPlainText()
    assert "incomplete: Required fields not filled in: Impact ('N/A')" in text
    assert "no-sdg: No Sustainable Development Goal is named" in text
    assert "(overruled: Goals named in the linkage text)" in text

    win.table.selectRow(0)
    assert "Required fields not filled in" not in win.detail.toPlainText()


def test_a_chair_overrules_a_finding_from_the_detail_pane(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ws.sqlite"
    rows = [submission_row(1), submission_row(2, SDGs=None)]
    with open_workspace(locate_workspace(path), create=True, edition_key="wsis-2020") as ws:
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", rows))
        run_checks(ws)
        (finding,) = list_findings(ws)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_location(locate_workspace(path))
    win.table.selectRow(win.submissions.row_of("2") or 0)
    assert "Overrule…" in win.detail.toPlainText()

    # An empty reason is refused with a message, and nothing changes.
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *_args: ("  ", True))
    win.detail.anchorClicked.emit(QUrl(f"overrule:{finding.id}"))
    assert warnings == ["an overrule needs a reason: say why the finding does not apply"]

    reason = "SDG 4 is named in the linkage text"
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *_args: (reason, True))
    win.detail.anchorClicked.emit(QUrl(f"overrule:{finding.id}"))

    # The same submission stays selected, now eligible, with the reason shown.
    current = win.submissions.item(win.table.currentIndex().row())
    assert current is not None
    assert (current.submission_id, current.status) == ("2", "eligible")
    assert f"(overruled: {reason}) Change the reason…" in win.detail.toPlainText()
    assert "0 flagged" in win.empty_label.text()
    with open_workspace(locate_workspace(path)) as ws:
        (stored,) = list_findings(ws)
    assert (stored.overruled_reason, stored.overruled_by) == (reason, current_actor())


def test_a_renamed_past_winner_shows_what_matched_in_either_language(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    """Rule 11 finds a winner renamed "… Phase II: Scaling Up"; the detail pane says which
    evidence matched, with its scores, in English and in Chinese."""
    from panel_app.formats.submission_set_writer import write_past_winners
    from panel_app.ui.language import install_language
    from panel_app.workflow.intake.past_winners import import_past_winners

    path = tmp_path / "ws.sqlite"
    rows = [
        submission_row(
            1,
            **{
                "Project title": "Kilimo Salama Phase II: Scaling Up",
                "Organisation": "Agri Insurance Limited",
            },
        )
    ]
    winners = [
        {
            "Project title": "Kilimo Salama",
            "Organisation": "Agri Insurance Ltd.",
            "Edition": 2018,
        }
    ]
    with open_workspace(locate_workspace(path), create=True, edition_key="wsis-2020") as ws:
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", rows))
        write_past_winners(tmp_path / "winners.xlsx", winners)
        import_past_winners(ws, tmp_path / "winners.xlsx")
        run_checks(ws)

    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_location(locate_workspace(path))
    win.table.selectRow(0)
    assert (
        'past-winner: Matches the 2018 winner "Kilimo Salama" by Agri Insurance Ltd., the '
        "same organisation as this submission's (Agri Insurance Limited): titles 60% alike, "
        '100% without edition, version and phase words ("kilimo salama" / "kilimo salama")'
    ) in win.detail.toPlainText()
    assert install_language("zh_CN")
    try:
        win.table.selectRow(0)
        win.refresh()
        win.table.selectRow(0)
        text = win.detail.toPlainText()
        assert "去掉届次、版本和阶段用语后相似度 100%" in text
        assert "与往届（2018年）获奖项目“Kilimo Salama”（Agri Insurance Ltd.）相符" in text
    finally:
        install_language("en")
