"""The window as a chair sees it: categories, the list, the detail pane, an import."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.models import KEY_ROLE
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.workspace import DATABASE_URL_ENV, locate_workspace, open_workspace

from ..workflow.conftest import submission_row, write_csv, write_workbook


@pytest.fixture
def workspace_file(tmp_path: Path) -> Path:
    path = tmp_path / "ws.sqlite"
    rows = [
        submission_row(1, **{"Project title": "Mobile clinics for Turkana"}),
        submission_row(2, Organisation="中国信息通信研究院", Category="C7 E-agriculture"),
        submission_row(3, Organisation="Московский университет", Category="C7 E-health"),
    ]
    with open_workspace(locate_workspace(path), create=True, edition_key="wsis-2020") as ws:
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", rows))
    return path


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings, workspace_file: Path) -> MainWindow:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_location(locate_workspace(workspace_file))
    win.show()
    return win


def _select_category(win: MainWindow, key: str | None) -> None:
    model = win.categories
    for row in range(model.rowCount()):
        if model.index(row, 0).data(KEY_ROLE) == key:
            win.category_view.setCurrentIndex(model.index(row, 0))
            return
    raise AssertionError(f"category {key} not listed")


def test_models_pass_the_model_tester(window: MainWindow, qtmodeltester: object) -> None:
    qtmodeltester.check(window.categories)  # type: ignore[attr-defined]
    qtmodeltester.check(window.submissions)  # type: ignore[attr-defined]


def test_categories_list_all_eighteen_with_counts(window: MainWindow) -> None:
    model = window.categories
    assert model.rowCount() == 19  # "All categories" first
    assert model.index(0, 0).data() == "All categories (3)"
    labels = [model.index(r, 0).data() for r in range(1, 19)]
    assert "C7 ICT applications: E-health (2)" in labels


def test_choosing_a_category_lists_its_submissions(window: MainWindow) -> None:
    _select_category(window, "C7-ehealth")
    ids = [window.submissions.index(r, 0).data() for r in range(window.submissions.rowCount())]
    assert ids == ["1", "3"]
    assert "Mobile clinics for Turkana" in window.detail.toPlainText()


def test_the_detail_pane_shows_the_submission(window: MainWindow, qtbot: QtBot) -> None:
    _select_category(window, None)
    window.table.selectRow(1)
    text = window.detail.toPlainText()
    assert "中国信息通信研究院" in text
    assert "SDG 3" in text and "SDG 5" in text
    assert "Project summary (160 words)" in text
    assert "set.xlsx, row 3" in text
    assert "submitted 2019-11-01 12:00 CET" in text  # Geneva time, as the rules say


def test_search_filters_and_sorting_reorders(window: MainWindow) -> None:
    _select_category(window, None)
    window.search.setText("turkana")
    assert window.submissions.rowCount() == 1
    window.search.clear()
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert window.submissions.index(0, 0).data() == "3"


def test_an_import_runs_off_the_ui_thread(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "more.xlsx", [submission_row(i) for i in range(1, 6)])
    assert window.start_import(path) is not None
    # Wait on what the person sees (the worker's own signals come from another thread).
    qtbot.waitUntil(lambda: "more.xlsx" in window.statusBar().currentMessage(), timeout=60_000)
    assert window.statusBar().currentMessage() == (
        "Imported more.xlsx: 2 added, 3 updated, 0 unchanged"
    )
    assert window.categories.index(0, 0).data() == "All categories (5)"


def test_a_refused_import_says_why(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "bad.xlsx", [submission_row(9, Category="nowhere")])
    assert window.start_import(path) is not None

    def refusal_shown() -> QMessageBox:
        boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
        assert boxes
        return boxes[0]

    qtbot.waitUntil(lambda: bool(refusal_shown()), timeout=60_000)
    box = refusal_shown()
    assert box.windowTitle() == "Import refused"
    assert box.text() == "Nothing was imported. Correct the file and import it again."
    assert "bad.xlsx refused" in box.detailedText() and "'nowhere'" in box.detailedText()
    assert window.categories.index(0, 0).data() == "All categories (3)"
    box.close()


def test_a_cancelled_import_imports_nothing_and_says_so(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    rows = [submission_row(i) for i in range(10, 2600)]
    path = write_workbook(tmp_path / "big.xlsx", rows)
    assert window.start_import(path) is not None
    assert window.start_import(path) is None  # one import at a time
    assert not window.import_action.isEnabled()
    window.imports.cancel()  # the progress dialog's Cancel
    qtbot.waitUntil(lambda: not window.imports.busy, timeout=60_000)
    assert window.statusBar().currentMessage() == "Import cancelled; nothing was imported"
    assert window.categories.index(0, 0).data() == "All categories (3)"
    assert window.import_action.isEnabled()


def test_screenshot_of_the_main_window(window: MainWindow, screenshot_dir: Path) -> None:
    window.resize(1400, 860)
    window.show_submissions()  # the list (the window opens on the season overview)
    _select_category(window, "C7-ehealth")
    image = window.grab()
    target = screenshot_dir / "main-window-en.png"
    assert image.save(str(target))
    assert target.stat().st_size > 10_000


def test_the_window_remembers_the_last_workspace(
    window: MainWindow, settings: QSettings, workspace_file: Path
) -> None:
    from panel_app.ui.app import last_location

    location = last_location(settings)
    assert location is not None and location.path == workspace_file


def test_the_detail_pane_follows_a_search(window: MainWindow) -> None:
    """After filtering, the pane shows the submission the list shows, not the one before."""
    _select_category(window, None)
    window.table.selectRow(0)
    assert "Mobile clinics for Turkana" in window.detail.toPlainText()
    window.search.setText("Московский")
    assert window.submissions.rowCount() == 1
    assert "Московский университет" in window.detail.toPlainText()
    assert "Mobile clinics for Turkana" not in window.detail.toPlainText()


def test_with_no_workspace_the_window_greets_an_expert_and_a_chair(
    qtbot: QtBot, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not an empty chair's window: an expert opens the package their chair sent, a chair
    creates a workspace (an import into the default one) or opens one; the work replaces
    the welcome once a workspace is open."""
    default = tmp_path / "new" / "workspace.sqlite"
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{default}")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    welcome = window.welcome
    assert welcome is not None and window.pages.currentWidget() is welcome
    headings = {label.text() for label in welcome.findChildren(QLabel)}
    assert {"Open the package your chair sent you", "Create or open a workspace"} <= headings
    assert not window.table.isVisible()
    # Each button runs the File menu's command (their file dialogs answered here).
    asked: list[str] = []
    window.files.choose_package = lambda _parent, title, _start: asked.append(title) or ""
    welcome.open_package.click()
    assert asked == ["Open review package"]
    window.imports.choose_file = lambda *_: str(
        write_workbook(tmp_path / "set.xlsx", [submission_row(1), submission_row(2)])
    )
    welcome.import_submissions.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=60_000)
    assert window.workspace is not None and window.workspace.location.path == default
    assert window.welcome is None and window.pages.currentWidget() is window.work
    assert window.categories.index(0, 0).data() == "All categories (2)"


def test_the_status_bar_counts_the_expert_panel(
    qtbot: QtBot, settings: QSettings, workspace_file: Path
) -> None:
    from panel_app.demo.workspace_panel import create_demo_panel

    location = locate_workspace(workspace_file)
    with open_workspace(location) as ws:
        panel = create_demo_panel(ws, seed=1)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_location(location)
    text = win.empty_label.text()
    assert text.startswith("3 submissions · 0 flagged · edition wsis-2020")
    assert text.endswith(f"{panel.experts} experts · 9 of 9 reviews returned")


def test_a_log_changed_outside_the_app_shows_as_a_banner_not_a_crash(
    qtbot: QtBot, settings: QSettings, workspace_file: Path
) -> None:
    intact = MainWindow(settings)
    qtbot.addWidget(intact)
    assert intact.open_location(locate_workspace(workspace_file))
    qtbot.waitUntil(lambda: intact.record_check.last is not None)  # walked off the UI thread
    assert not intact.record_banner.isVisibleTo(intact)
    intact.close()
    with sqlite3.connect(workspace_file) as db:  # as an attacker with the file would
        db.execute("DROP TRIGGER audit_log_no_update")
        db.execute("UPDATE audit_log SET actor = 'someone else' WHERE id = 1")
    db.close()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_location(locate_workspace(workspace_file))  # still opens
    window.show()
    qtbot.waitUntil(window.record_banner.isVisible)
    text = window.record_banner.text()
    assert "entry 1 breaks its hash chain (edited)" in text
    assert window.categories.index(0, 0).data() == "All categories (3)"  # still readable


def test_an_import_says_what_it_cleaned_from_the_texts(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    pasted = submission_row(7, **{"Project title": "Smart\u202eHealth", "Country": "Ken\x07ya"})
    path = write_csv(tmp_path / "pasted.csv", [pasted])
    assert window.start_import(path) is not None

    def shown() -> list[QMessageBox]:
        return [b for b in window.findChildren(QMessageBox) if b.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=60_000)
    [box] = shown()
    assert box.windowTitle() == "Import submissions"
    assert box.text().startswith("Imported pasted.csv. Some texts held characters")
    assert box.informativeText() == "Show Details… says in which rows and cells."
    assert box.detailedText().splitlines() == [
        "Characters removed:",
        "pasted.csv, row 2, column 'Project title': The direction control U+202E "
        "(RIGHT-TO-LEFT OVERRIDE), which can show text reversed or out of order, was removed "
        "(found 'Smart[U+202E]Health')",
        "pasted.csv, row 2, column 'Country': The control character U+0007 (BEL) was removed "
        "(found 'Ken[U+0007]ya')",
    ]
    assert "pasted.csv" in window.statusBar().currentMessage()
    box.close()


def test_the_window_acts_as_one_of_the_workspaces_chairs(
    qtbot: QtBot, settings: QSettings, workspace_file: Path
) -> None:
    from panel_app.store.audit import current_actor
    from panel_app.store.errors import NotAChair
    from panel_app.workflow.chairs import add_chair
    from panel_app.workflow.record import audit_lines

    location = locate_workspace(workspace_file)
    with open_workspace(location) as ws:
        add_chair(ws, "Ada Lovelace", "chair", actor="setup")
        add_chair(ws, "Grace Hopper", "co-chair", actor="Ada Lovelace")
    asked: list[list[str]] = []

    def choose(chairs: list) -> str | None:
        asked.append([c.name for c in chairs])
        return "Grace Hopper"

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.choose_chair = choose
    assert window.open_location(location)
    assert asked == [["Ada Lovelace", "Grace Hopper"]]  # the login is neither: asked
    assert window.windowTitle().endswith("— acting as Grace Hopper (co-chair)")
    assert current_actor() == "Grace Hopper"
    with open_workspace(location) as ws:  # what the window records is in her name
        add_chair(ws, "Mary Somerville", "secretariat")  # no actor named: the window's
        assert audit_lines(ws)[-1].actor == "Grace Hopper"
    window.close()

    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.choose_chair = choose
    assert again.open_location(location)
    assert len(asked) == 1  # remembered for this workspace
    again.choose_chair = lambda _chairs: None  # File > Act as…, cancelled: nobody
    again.act_as_action.trigger()
    assert "— acting as" not in again.windowTitle()
    assert "changes will be refused" in again.statusBar().currentMessage()
    with open_workspace(location) as ws, pytest.raises(NotAChair, match="not one of this"):
        add_chair(ws, "Emmy Noether", "co-chair")


def test_the_status_bar_shows_the_phase_and_the_next_date(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    path = tmp_path / "ws2017.sqlite"
    with open_workspace(locate_workspace(path), create=True, edition_key="wsis-2017") as ws:
        import_submissions(ws, write_workbook(tmp_path / "set.xlsx", [submission_row(1)]))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.clock = lambda: datetime(2017, 3, 1, 9, tzinfo=UTC)
    assert win.open_location(locate_workspace(path))
    assert win.phase_label.text() == (
        "Phase: Nomination, until 2017-03-15 · next: Public online vote from 2017-03-16"
    )
    assert "▶ Nomination: 2017-02-16 – 2017-03-15" in win.phase_label.toolTip()
    win.clock = lambda: datetime(2017, 5, 2, 9, tzinfo=UTC)
    win.refresh()
    assert win.phase_label.text() == (
        "Between phases · next: Prize ceremony at the WSIS Forum from 2017-06-12"
    )
    win.clock = lambda: None  # today: long after the 2017 season
    win.refresh()
    assert win.phase_label.text() == (
        "The season is over: Prize ceremony at the WSIS Forum ended 2017-06-16"
    )


def test_the_status_bar_counts_the_reviews_returned_as_coverage_does(
    qtbot: QtBot, settings: QSettings, tmp_path: Path
) -> None:
    """Abstentions count as returned, a row with only a comment does not: as in
    `panel-app coverage` (tests/workflow/test_review_counts.py)."""
    from panel_app.workflow.review.merge import coverage

    from ..workflow.conftest import panel_with_reviews_missing

    location = locate_workspace(tmp_path / "panel.sqlite")
    with open_workspace(location, create=True, edition_key="wsis-2020") as ws:
        panel_with_reviews_missing(ws, tmp_path)
        report = coverage(ws)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.open_location(location)
    assert win.empty_label.text().endswith(
        f"2 experts · {report.returned} of {report.assigned} reviews returned"
    )
    assert (report.returned, report.assigned) == (5, 8)


def test_an_import_lists_categories_read_by_code_and_formulas_read_as_text(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    """The platform's "C5. …" spellings and a title left as a formula (no saved result)
    land, and the window says which rows, as `panel-app import-submissions` does."""
    rows = [
        submission_row(7, Category="C5. Trust and safety online"),
        submission_row(8, Category="C7 E-health - telemedicine"),
        submission_row(9, Category="C5. Trust and safety online"),
        submission_row(10, **{"Project title": '=CONCATENATE("Kilimo", " Salama")'}),
    ]
    path = write_workbook(tmp_path / "platform.xlsx", rows)  # openpyxl: no saved results
    assert window.start_import(path) is not None

    def shown() -> list[QMessageBox]:
        return [b for b in window.findChildren(QMessageBox) if b.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=60_000)
    [box] = shown()
    assert box.text() == (
        "Imported platform.xlsx. Categories written as their action-line code with words "
        "that are not the edition's spelling were read by the code (rows: 3): check that "
        "each project belongs there. Formulas with no saved result were read as their "
        "text, not computed (cells: 1)."
    )
    assert box.detailedText().splitlines() == [
        "Categories read by their code:",
        "platform.xlsx, sheet 'Submissions', rows 2, 4: 'C5. Trust and safety online' read as "
        "C5-confidence-security (C5 Building confidence and security in the use of ICTs)",
        "platform.xlsx, sheet 'Submissions', row 3: 'C7 E-health - telemedicine' read as "
        "C7-ehealth (C7 ICT applications: E-health)",
        "",
        "Formulas read as text:",
        "platform.xlsx, sheet 'Submissions', row 5, column 'Project title': The cell holds a "
        "formula with no saved result; it was read as the formula's text, not computed "
        '(found \'=CONCATENATE("Kilimo", " Salama")\')',
    ]
    box.close()
    _select_category(window, "C5-confidence-security")
    assert window.submissions.rowCount() == 2
    _select_category(window, None)
    window.search.setText("CONCATENATE")
    assert window.submissions.rowCount() == 1


def test_the_acting_chair_declares_a_conflict_and_its_decisions_are_refused(
    qtbot: QtBot, settings: QSettings, workspace_file: Path
) -> None:
    from panel_app.workflow.chairs import add_chair, chair_conflicts

    location = locate_workspace(workspace_file)
    with open_workspace(location) as ws:
        add_chair(ws, "Ada Lovelace", "chair", actor="setup")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert not window.conflict_action.isEnabled()  # no workspace, no chair yet
    window.choose_chair = lambda _chairs: "Ada Lovelace"
    assert window.open_location(location)
    assert window.conflict_action.isEnabled()
    _select_category(window, None)
    window.table.selectRow(1)  # submission 2
    window.choose_conflict = lambda: ("", "2", "My cousin runs it")
    assert window.ask_conflict()
    window.choose_conflict = lambda: ("Московский  университет", "", "I teach there")
    window.conflict_action.trigger()
    with open_workspace(location) as ws:
        rows = chair_conflicts(ws, "Ada Lovelace")
    assert [(r.what, r.declared_by) for r in rows] == [
        ("submission 2", "Ada Lovelace"),
        ("the organisation Московский университет", "Ada Lovelace"),
    ]
    window.choose_conflict = lambda: ("", "", "nothing named")
    assert not window.ask_conflict()  # refused, said in a message
    assert window.last_refusal == "name the conflict: an organisation or a submission, one of them"


def test_a_file_dialog_starts_in_the_last_folder_any_dialog_used(
    window: MainWindow, settings: QSettings, tmp_path: Path
) -> None:
    """A chair who imported the set from a folder finds the merge there too; a folder that
    is gone (a USB stick taken out) is skipped, never offered."""
    from panel_app.ui.folders import start_folder

    folder = tmp_path / "season"
    folder.mkdir()
    book = write_workbook(folder / "set.xlsx", [submission_row(1)])
    window.imports.choose_file = lambda _parent, _title, _start: str(book)
    worker = window.imports.choose_and_import()
    assert worker is not None
    window.imports.stop()
    started: list[str] = []
    window.merges.choose_workbooks = lambda _parent, _title, start: started.append(start) or []
    window.merges.choose_and_merge()
    assert started == [str(folder)]
    settings.setValue("dialogs/merge_dir", str(tmp_path / "gone"))
    assert start_folder(settings, "dialogs/merge_dir") == str(folder)


def test_recent_workspaces_are_offered_newest_first(
    qtbot: QtBot, settings: QSettings, workspace_file: Path, tmp_path: Path
) -> None:
    import shutil

    other = Path(shutil.copy(workspace_file, tmp_path / "other.sqlite"))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert not win.recent_menu.isEnabled()
    assert win.open_location(locate_workspace(workspace_file))
    assert win.open_location(locate_workspace(other))
    assert win.recent_workspaces() == [str(other), str(workspace_file)]
    actions = win.recent_menu.actions()
    assert [a.text().split(" — ")[0] for a in actions] == ["&1 other.sqlite", "&2 ws.sqlite"]
    actions[1].trigger()
    assert win.windowTitle().startswith(f"WSIS Prizes panel — {workspace_file}")
    assert win.recent_workspaces()[0] == str(workspace_file)
    other.unlink()  # gone: no longer offered
    assert win.recent_workspaces() == [str(workspace_file)]
