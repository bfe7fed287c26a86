"""The whole 2020 season walked in the chair's window alone (issue 16), in English and in
Chinese: from an empty workspace to the secretariat's three exports.

Every step of the chair's is a menu command, a dialog filled and a button clicked: File >
New workspace…, Import submissions…, Panel > Rule findings… (a finding overruled), Panel >
Experts and assignment… (the experts and past winners imported, the assignment run), File >
Write review packages, File > Merge scored workbooks…, Panel > Coverage…, Panel >
Nominees… (the findings on the list settled, a tie added, the list frozen), File > Import
public vote…, Panel > Final round… (a finalist tie settled), the final round assigned, its
packages and merge, the winner and four champions of every category, File > Export for the
secretariat (the nominee list, the finalists, the results) read back. The file dialogs are
answered with the path the person would choose (native dialogs cannot be driven); every
other dialog is filled through its widgets and its OK button clicked; each message the
window shows is read and closed. Outside the window: the secretariat's set and the expert
list (the demo's generator), the experts scoring their packages in Excel (openpyxl) and the
platform's vote export (the demo's).

In the Chinese walk every message, dialog and status line the walk sees is checked for
English left (the data shown, names and files, taken out). Each step's wall time is printed
as a table (pytest -s) and kept in build/season-walk-<language>.txt. With SEASON_SCREENSHOTS
set to a folder the screen is grabbed after each step (and each dialog as it is filled):
tools/season_screenshots.py runs this under Xvfb at 1366x768, at 100% and 150%.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from panel_app.demo.generator import generate_submission_set
from panel_app.demo.workspace_votes import write_demo_votes
from panel_app.edition import Edition, load_edition_by_key
from panel_app.formats.submission_set_writer import write_past_winners, write_submission_set
from panel_app.store.audit import current_actor
from panel_app.ui.chair.coverage_window import CoverageWindow
from panel_app.ui.chair.final_round import FinalRoundWindow, TieDialog
from panel_app.ui.chair.findings import FindingsWindow
from panel_app.ui.chair.main_window import MainWindow
from panel_app.ui.chair.new_workspace import NewWorkspaceDialog
from panel_app.ui.chair.nominees import NomineesWindow
from panel_app.ui.chair.package_out import PackagesDialog
from panel_app.ui.chair.panel_window import PanelWindow
from panel_app.ui.file_tasks import FileTasks
from panel_app.ui.language import install_language
from panel_app.ui.reason import ReasonDialog
from panel_app.workflow.nomination.standing import ADDED, ON_LIST, TIED
from panel_app.workflow.workspace import locate_workspace, open_workspace
from tests.formats.test_experts import expert, write_xlsx
from tests.workflow.test_workbooks import fill

from .untranslated import english_words, visible_texts, widget_texts

ROOT = Path(__file__).resolve().parents[2]
EDITION = "wsis-2020"
PER_CATEGORY = 28  # submissions: 20 nominees each once the ineligible are out
EXPERTS = 12  # each in 6 categories: 4 experts a category, 3 on each project
CATEGORIES_EACH = 6
SEED = 2020
VOTES = 6000
TIE_CATEGORY = "C1-governance"  # where the experts' marks make a tie at the cut
WAIT = 60_000  # ms: a worker's longest step here takes a few seconds
SCREENSHOTS_ENV = "SEASON_SCREENSHOTS"


def unit(*parts: str) -> float:
    """A number in [0, 1] from the parts: the same every run, unrelated between parts."""
    digest = hashlib.sha256(":".join(parts).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 0xFFFFFFFF


def marks(expert_code: str, submission_id: str, criteria: int) -> list[int]:
    """An expert's marks on a 1-5 scale: the project's quality, the expert's view of each
    criterion; spread enough that a ranking has an order."""
    quality = unit("quality", submission_id)
    return [
        max(
            1,
            min(5, round(1 + 4 * (0.7 * quality + 0.3 * unit(expert_code, submission_id, str(c))))),
        )
        for c in range(criteria)
    ]


def steps_down(criteria: int, count: int) -> list[list[int]]:
    """`count` mark vectors, each one mark below the one before on one criterion: their
    sums all differ, so projects scored with them rank in this order, no two alike."""
    vector, out = [5] * criteria, []
    for n in range(count):
        out.append(list(vector))
        vector[n % criteria] = max(1, vector[n % criteria] - 1)
    return out


def plant_a_tie(assigned: dict[str, set[str]], quota: int, criteria: int) -> dict[str, list[int]]:
    """The marks every expert gives the projects of one category (TIE_CATEGORY's, given as
    project -> its experts), such that two projects reviewed by the same experts share
    the last place of the quota and the place after it, alike in every figure: a tie at
    the cut only the chair can settle. The others ranked each one step apart."""
    order = sorted(assigned, key=lambda sid: -unit("quality", sid))
    last = order[quota - 1]
    twin = next(sid for sid in order[quota:] if assigned[sid] == assigned[last])
    order.remove(twin)
    vectors = steps_down(criteria, len(order))
    chosen = {sid: vectors[n] for n, sid in enumerate(order)}
    chosen[twin] = chosen[last]
    return chosen


def score_packages(folder: Path, edition: Edition, round_key: str) -> list[Path]:
    """The experts' side, outside the chair's window: each package filled in as in Excel
    (the gates answered yes, every criterion scored, confidence high), saved in place. In
    the nomination round the experts of TIE_CATEGORY happen to agree on every mark, and on
    two of its projects at the cut (plant_a_tie)."""
    files = sorted(folder.glob("*.xlsx"))
    criteria = len(edition.criteria) + (len(edition.final_criteria) if round_key == "final" else 0)
    gates = len(edition.nomination_gates) if round_key == "nomination" else 0
    rows: dict[Path, tuple[str, list[tuple[str, str]]]] = {}
    for path in files:
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            code = str(dict(book["Metadata"].iter_rows(values_only=True))["expert"])  # type: ignore[arg-type]
            sheet = book["Scores"]
            rows[path] = (
                code,
                [
                    (str(r[0]), str(r[1]))
                    for r in sheet.iter_rows(min_row=2, values_only=True)
                    if r[0]
                ],
            )
        finally:
            book.close()
    agreed: dict[str, list[int]] = {}
    if round_key == "nomination":
        experts: dict[str, set[str]] = {}
        for code, projects in rows.values():
            for sid, category in projects:
                if category == TIE_CATEGORY:
                    experts.setdefault(sid, set()).add(code)
        quota = edition.quotas.nominees_per_category
        assert quota is not None
        agreed = plant_a_tie(experts, quota, criteria)
    for path, (code, projects) in rows.items():
        fill(
            path,
            {
                sid: [*(agreed.get(sid) or marks(code, sid, criteria)), "high"]
                for sid, _ in projects
            },
            gates={sid: ["yes"] * gates for sid, _ in projects} if gates else None,
        )
    return files


@dataclass
class Season:
    """The files from outside the window: the secretariat's set, its past winners, the
    experts list, and the texts they bring (data, whatever the window's language)."""

    folder: Path
    edition: Edition
    submissions: Path
    past_winners: Path
    experts: Path
    data: list[str] = field(default_factory=list)


def make_season(folder: Path) -> Season:
    edition = load_edition_by_key(EDITION)
    demo = generate_submission_set(
        edition, count=PER_CATEGORY * len(edition.categories), seed=SEED, even_categories=True
    )
    submissions = folder / "submissions-2020.xlsx"
    write_submission_set(submissions, demo.columns, demo.rows)
    past_winners = folder / "past-winners.xlsx"
    write_past_winners(past_winners, demo.past_winners)
    keys = [c.key for c in edition.categories]
    rows = [
        expert(
            f"E{n:02d}",
            Name=f"Expert {n:02d}",
            Organisation=f"Institute {n}",
            Categories="; ".join(
                keys[(n * CATEGORIES_EACH + j) % len(keys)] for j in range(CATEGORIES_EACH)
            ),
        )
        for n in range(1, EXPERTS + 1)
    ]
    experts = write_xlsx(folder / "experts.xlsx", rows)
    shown = ("Project title", "Organisation", "Country", "Contact name")
    data = [str(row[c]) for row in demo.rows for c in shown if row.get(c)]
    data += [str(row[c]) for row in rows for c in ("Name", "Organisation", "E-mail")]
    data += [str(folder), folder.name, current_actor()]
    return Season(folder, edition, submissions, past_winners, experts, data)


@dataclass
class Step:
    number: int
    name: str
    seconds: float = 0.0
    note: str = ""  # what the step did, in a few words


class Walk:
    """The chair at the window: steps timed, dialogs answered, messages read and closed,
    the screen grabbed, English looked for in the Chinese walk."""

    def __init__(self, qtbot: QtBot, language: str, season: Season, shots: Path | None) -> None:
        self.qtbot, self.language, self.season = qtbot, language, season
        self.shots = shots
        self.scale = os.environ.get("QT_SCALE_FACTOR", "1")
        self.steps: list[Step] = []
        self.english: list[str] = []  # "step: where: word", in the Chinese walk
        self.window: MainWindow | None = None
        self.current = Step(0, "start")
        self.messages = 0  # shown in the current step
        self.typed: list[str] = []  # the chair's reasons: data, in whatever language
        self.closing: list[Any] = []  # windows to close once the step's screen is grabbed

    @property
    def chinese(self) -> bool:
        return self.language.startswith("zh")

    # --- steps, screenshots and English ----------------------------------------------------
    @contextmanager
    def step(self, name: str) -> Iterator[Step]:
        step = self.current = Step(len(self.steps) + 1, name)
        self.messages = 0
        started = time.perf_counter()
        yield step
        step.seconds = time.perf_counter() - started
        self.steps.append(step)
        self.shoot(f"{step.number:02d}-{name}")
        for window in self.closing:  # the chair is done with it: closed (Esc, Ctrl+W)
            window.close_action.trigger()
        self.closing.clear()

    def close_after(self, window: Any) -> None:
        """Close `window` once the step is timed and its screen grabbed."""
        self.closing.append(window)

    def shoot(self, name: str) -> None:
        if self.shots is None:
            return
        QApplication.processEvents()
        percent = round(float(self.scale) * 100)
        language = "zh" if self.chinese else "en"
        target = self.shots / f"season-{language}-{percent}-{name}.png"
        screen = QGuiApplication.primaryScreen()
        image = screen.grabWindow(0)
        assert image.save(str(target)), target

    def check(self, where: str, texts: list[tuple[str, str]], data: list[str] = ()) -> None:  # type: ignore[assignment]
        """English left in what the Chinese window says (the season's data taken out)."""
        if not self.chinese:
            return
        step = self.current.name
        found = english_words(texts, [*self.season.data, *self.typed, *data])
        self.english += [f"{step} ({where}): {word}" for word in sorted(found)]

    def check_window(
        self, window: QWidget, skip: tuple[str, ...] = (), data: list[str] = ()
    ) -> None:  # type: ignore[assignment]
        """Everything a window shows (menus, tables, panes, tooltips): `skip` names widgets
        whose text is the core's English notes, checked by the caller."""
        if self.chinese:
            texts = [(w, t) for w, t in visible_texts(window) if w not in skip]
            self.check(window.objectName(), texts, data)

    def check_status(self, window: QMainWindow, data: list[str] = ()) -> None:  # type: ignore[assignment]
        self.check(window.objectName(), [("status", window.statusBar().currentMessage())], data)

    # --- dialogs ----------------------------------------------------------------------------
    def answer(
        self, kind: type[QDialog], fill_in: Callable[[Any], None], shot: str | None = None
    ) -> list[QDialog]:
        """The next modal dialog of `kind`, once it shows: filled in (`fill_in`), read,
        grabbed, and OK clicked. Returns the dialogs answered (one, once it has been)."""
        answered: list[QDialog] = []
        tries = [0]

        def attempt() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, kind):
                tries[0] += 1
                if tries[0] < 500:  # the dialog opens from the event loop's next turn
                    QTimer.singleShot(10, attempt)
                return
            fill_in(dialog)
            self.check(dialog.objectName() or kind.__name__, self._texts(dialog))
            if shot is not None:
                self.shoot(shot)
            buttons = dialog.findChild(QDialogButtonBox)
            assert buttons is not None
            ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
            assert ok is not None and ok.isEnabled(), f"OK is off in {kind.__name__}"
            answered.append(dialog)
            ok.click()

        QTimer.singleShot(0, attempt)
        return answered

    def reason(self, text: str, shot: str | None = None) -> list[QDialog]:
        """The reason dialog a decision asks, typed and confirmed."""
        self.typed.append(text)
        return self.answer(ReasonDialog, lambda d: self.qtbot.keyClicks(d.reason, text), shot=shot)

    @staticmethod
    def _texts(widget: QWidget) -> list[tuple[str, str]]:
        texts: list[tuple[str, str]] = []
        for child in (widget, *widget.findChildren(QWidget)):
            texts += list(widget_texts(child))
        return [(where, text) for where, text in texts if text]

    def read_message(self, tasks: FileTasks, data: list[str] = ()) -> str:  # type: ignore[assignment]
        """The message a file command shows when it is done: its text, checked, grabbed,
        closed with its button."""
        self.qtbot.waitUntil(lambda: not tasks.busy, timeout=WAIT)
        box = tasks.last_message
        assert box is not None
        self.qtbot.waitUntil(box.isVisible)
        text = "\n".join((box.text(), box.informativeText()))
        self.check("message", self._texts(box), data)
        self.messages += 1
        self.shoot(f"{self.current.number:02d}-{self.current.name}-message{self.messages}")
        button = box.button(QMessageBox.StandardButton.Ok) or box.buttons()[0]
        button.click()
        self.qtbot.waitUntil(lambda: not box.isVisible())
        return text

    def wait_read(self, window: Any, attribute: str) -> object:
        """A window's report, read (again) in its worker."""
        before = getattr(window, attribute)
        self.qtbot.waitUntil(
            lambda: getattr(window, attribute) is not None and not window.loading.busy,
            timeout=WAIT,
        )
        return before

    def no_refusal(self, window: Any) -> None:
        assert window.last_refusal == "", window.last_refusal

    def table(self) -> str:
        width = max(len(s.name) for s in self.steps)
        lines = [
            f"Season walk, {self.language} ({EDITION}, {PER_CATEGORY} submissions a category, "
            f"{EXPERTS} experts)",
            f"{'#':>2}  {'step':<{width}}  seconds  what",
        ]
        lines += [
            f"{s.number:>2}  {s.name:<{width}}  {s.seconds:7.2f}  {s.note}" for s in self.steps
        ]
        total = sum(s.seconds for s in self.steps)
        lines.append(f"{'':>2}  {'total':<{width}}  {total:7.2f}")
        return "\n".join(lines)


def _category_rows(window: Any) -> list[tuple[int, str]]:
    """(row, key) of each category a category window lists (its first line may be All)."""
    rows = []
    for row in range(window.categories.count()):
        key = str(window.categories.item(row).data(Qt.ItemDataRole.UserRole))
        if key:
            rows.append((row, key))
    return rows


@pytest.fixture
def season(tmp_path: Path) -> Season:
    return make_season(tmp_path)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_2020_season_walked_in_the_window_alone(
    qtbot: QtBot, settings: QSettings, season: Season, tmp_path: Path, language: str
) -> None:
    shots_env = os.environ.get(SCREENSHOTS_ENV)
    shots = Path(shots_env) if shots_env else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    assert install_language(language)
    walk = Walk(qtbot, language, season, shots)
    try:
        _walk(walk, qtbot, settings, season, tmp_path)
    finally:
        install_language("en")
        if walk.window is not None:
            walk.window.close()
    table = walk.table()
    print("\n" + table)
    out = ROOT / "build" / f"season-walk-{language}.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(table + "\n", encoding="utf-8")
    assert not walk.english, "English left in the Chinese window:\n" + "\n".join(walk.english)


def _walk(walk: Walk, qtbot: QtBot, settings: QSettings, season: Season, tmp: Path) -> None:
    edition = season.edition
    categories = len(edition.categories)
    quota = edition.quotas.nominees_per_category
    assert quota is not None

    window = walk.window = MainWindow(settings, walk.language)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    walk.shoot("00-welcome")

    # 1. An empty workspace, its file and edition chosen in File > New workspace….
    path = tmp / "panel-2020.sqlite"
    with walk.step("new-workspace") as step:
        welcome = window.welcome
        assert welcome is not None and welcome.new_workspace is not None

        def new_workspace(dialog: NewWorkspaceDialog) -> None:
            dialog.path.setText(str(path))
            dialog.edition.setCurrentIndex(dialog.edition.findData(EDITION))

        answered = walk.answer(NewWorkspaceDialog, new_workspace, shot="01-new-workspace-dialog")
        welcome.new_workspace.click()
        assert answered
        assert window.workspace is not None and window.workspace.edition.key == EDITION
        assert window.workspace.location.path == path
        assert window.submissions.rowCount() == 0
        walk.check_status(window, [path.name])
        step.note = f"{path.name}, {EDITION}, empty"

    # 2. The secretariat's set imported into it (the rule checks run with the import).
    with walk.step("import-submissions") as step:
        window.imports.choose_file = lambda *_: str(season.submissions)
        window.import_action.trigger()
        qtbot.waitUntil(lambda: not window.imports.busy, timeout=WAIT)
        qtbot.waitUntil(lambda: season.submissions.name in window.statusBar().currentMessage())
        submitted = PER_CATEGORY * categories
        assert str(submitted) in window.categories.index(0, 0).data()  # All categories (504)
        assert window.submissions.rowCount() == submitted
        for row in range(window.submissions.rowCount()):  # as stored: cleaned, trimmed
            item = window.submissions.item(row)
            assert item is not None
            season.data += [item.title, item.organisation, item.country]
        walk.check_status(window, [season.submissions.name])
        walk.check_window(window, skip=("detailPane",), data=[str(path), path.name])
        notes = window.imports.last_message
        if notes is not None and notes.isVisible():  # how the file was read: said, closed
            walk.read_message(window.imports, [season.submissions.name])
        step.note = f"{submitted} submissions, {PER_CATEGORY} a category"

    # 3. The rule findings: one overruled, with the chair's reason.
    with walk.step("rule-findings") as step:
        window.findings_action.trigger()
        findings = window.findings_window
        assert isinstance(findings, FindingsWindow)
        walk.wait_read(findings, "report")
        assert findings.report is not None and findings.report.findings
        rule_row = next(
            row for row, key in _category_rows(findings) if key == "not-english"
        )  # a language guess a chair reads the text to check
        findings.categories.setCurrentRow(rule_row)
        findings.table.selectRow(0)
        finding = findings.current_finding()
        assert finding is not None and finding.overruled_at is None
        before = findings.report
        walk.reason("Read by the panel: the summary is in English", shot="03-overrule-dialog")
        findings.overrule_action.trigger()
        qtbot.waitUntil(lambda: findings.report is not before and not findings.loading.busy)
        walk.no_refusal(findings)
        overruled = next(f for f in findings.report.findings if f.id == finding.id)
        assert overruled.overruled_at is not None
        step.note = (
            f"{len(findings.report.findings)} findings; {finding.id} ({finding.rule_id}) overruled"
        )
        walk.check_status(findings)
        walk.check_window(findings)
        walk.close_after(findings)

    # 4. The experts and the past winners imported (Panel > Experts and assignment…).
    with walk.step("experts-and-past-winners") as step:
        window.panel_action.trigger()
        panel = window.panel_window
        assert isinstance(panel, PanelWindow)
        walk.wait_read(panel, "overview")
        panel.choose_file = lambda _title: season.experts
        before = panel.overview
        panel.import_experts_action.trigger()
        walk.no_refusal(panel)
        qtbot.waitUntil(lambda: panel.overview is not before and not panel.loading.busy)
        assert panel.experts.rowCount() == EXPERTS
        walk.check_status(panel, [season.experts.name])
        panel.choose_file = lambda _title: season.past_winners
        before = panel.overview
        panel.import_winners_action.trigger()
        walk.no_refusal(panel)
        qtbot.waitUntil(lambda: panel.overview is not before and not panel.loading.busy)
        walk.check_status(panel, [season.past_winners.name])
        step.note = f"{EXPERTS} experts, the past winners; the checks ran again"

    # 5. The assignment: three experts per project.
    with walk.step("assignment") as step:
        before = panel.overview
        walk.answer(QInputDialog, lambda d: d.setIntValue(3), shot="05-assign-dialog")
        panel.assign_action.trigger()
        walk.no_refusal(panel)
        qtbot.waitUntil(lambda: panel.overview is not before and not panel.loading.busy)
        assert panel.overview is not None and not panel.overview.unsatisfied
        assigned = sum(e.assigned for e in panel.overview.experts)
        eligible = len([p for p in panel.overview.projects if p.eligible])
        assert assigned == 3 * eligible
        step.note = f"{assigned} assignments, 3 on each of {eligible} eligible projects"
        walk.check_status(panel)
        walk.check_window(panel)
        walk.close_after(panel)

    # 6. The review packages written, one per expert.
    packages = tmp / "packages"
    with walk.step("packages-out") as step:
        walk.answer(
            PackagesDialog,
            lambda dialog: dialog.folder.setText(str(packages)),
            shot="06-packages-dialog",
        )
        window.packages_out.by_round["nomination"].trigger()
        text = walk.read_message(window.packages_out, [str(packages)])
        assert len(list(packages.glob("*.xlsx"))) == EXPERTS
        assert str(EXPERTS) in text
        step.note = f"{EXPERTS} workbooks"

    # 7. The experts score their packages (outside the window: in Excel, here openpyxl).
    with walk.step("experts-score") as step:
        scored = score_packages(packages, edition, "nomination")
        step.note = f"{len(scored)} workbooks filled (openpyxl, as in Excel)"

    # 8. Their workbooks merged in the window.
    with walk.step("merge") as step:
        window.merges.choose_workbooks = lambda *_: [str(p) for p in scored]
        window.merges.merge_action.trigger()
        walk.read_message(window.merges, [p.name for p in scored])
        walk.check_status(window, [p.name for p in scored])
        # The status bar counts them: "… {assigned} of {assigned} reviews returned".
        assert window.empty_label.text().count(str(assigned)) == 2
        step.note = f"{len(scored)} workbooks, {assigned} reviews"

    # 9. Coverage: every review returned.
    with walk.step("coverage") as step:
        window.coverage_action.trigger()
        coverage = window.coverage_window
        assert isinstance(coverage, CoverageWindow)
        walk.wait_read(coverage, "coverage")
        assert coverage.coverage is not None and not coverage.coverage.projects
        step.note = "nothing missing"
        walk.check(coverage.objectName(), [("state", coverage.state_label.text())])
        walk.check_window(coverage)
        walk.close_after(coverage)

    # 10. The nominee list: findings on it settled, ties added, frozen.
    with walk.step("nominees") as step:
        window.nominees_action.trigger()
        nominees = window.nominees_window
        assert isinstance(nominees, NomineesWindow)
        walk.wait_read(nominees, "report")
        removed, tied = _settle_the_list(walk, nominees)
        assert tied >= 2  # the tie the experts' marks made at the cut of TIE_CATEGORY
        before = nominees.report
        walk.reason("Panel meeting of 18 December", shot="10-freeze-dialog")
        nominees.freeze_action.trigger()
        qtbot.waitUntil(lambda: nominees.report is not before and not nominees.ranking.busy)
        walk.no_refusal(nominees)
        report = nominees.report
        assert report is not None and report.frozen is not None
        counts = {r.category_key: 0 for r in report.results}
        for entry in report.entries:
            counts[entry.category_key] += 1
        assert len(counts) == categories and min(counts.values()) >= quota
        step.note = (
            f"{removed} nominee(s) with a finding removed, a tie of {tied} added; "
            f"{sum(counts.values())} nominees, frozen"
        )
        english = [n.text for n in report.notes if not n.code]  # the ranking's own
        walk.check_window(nominees, data=english)
        walk.close_after(nominees)

    # 11. The public vote (the platform's export; the demo writes one) imported.
    votes = tmp / "public-vote.csv"
    with walk.step("public-vote") as step:
        with open_workspace(locate_workspace(path)) as platform:  # the platform's side
            write_demo_votes(platform, votes, rows=VOTES, seed=SEED)
        window.votes.choose_file = lambda *_: str(votes)
        window.votes.import_action.trigger()
        text = walk.read_message(window.votes, [votes.name])
        assert votes.name in text
        step.note = f"{VOTES:,} raw votes (the demo's), audited"

    # 12. The finalists: a tie for the last places settled in the final round's window.
    with walk.step("finalists") as step:
        window.final_action.trigger()
        final = window.final_window
        assert isinstance(final, FinalRoundWindow)
        walk.wait_read(final, "report")
        settled = _settle_finalist_ties(walk, final)
        assert final.report is not None
        assert len(final.report.categories) == categories
        finalists = edition.quotas.finalists_per_category
        assert all(len(c.finalists) == finalists for c in final.report.categories)
        step.note = f"{finalists * categories} finalists; ties settled in {settled} categories"
        walk.check_window(final)

    # 13. The final round assigned: every expert of a category on each finalist.
    with walk.step("final-assignment") as step:
        window.panel_action.trigger()
        panel = window.panel_window
        assert isinstance(panel, PanelWindow)
        walk.wait_read(panel, "overview")
        before = panel.overview
        panel.round.setCurrentIndex(panel.round.findData("final"))
        qtbot.waitUntil(lambda: panel.overview is not before and not panel.loading.busy)
        before = panel.overview
        panel.assign_action.trigger()
        walk.no_refusal(panel)
        qtbot.waitUntil(lambda: panel.overview is not before and not panel.loading.busy)
        assert panel.overview is not None
        final_assigned = sum(e.assigned for e in panel.overview.experts)
        assert final_assigned == 4 * finalists * categories  # 4 experts a category
        step.note = f"{final_assigned} assignments"
        walk.check_status(panel)
        walk.check_window(panel)
        walk.close_after(panel)

    # 14-16. The final round's packages, scored by the experts, merged.
    final_packages = tmp / "final-packages"
    with walk.step("final-packages-out") as step:
        walk.answer(PackagesDialog, lambda dialog: dialog.folder.setText(str(final_packages)))
        window.packages_out.by_round["final"].trigger()
        walk.read_message(window.packages_out, [str(final_packages)])
        assert len(list(final_packages.glob("*.xlsx"))) == EXPERTS
        step.note = f"{EXPERTS} workbooks"
    with walk.step("final-experts-score") as step:
        final_scored = score_packages(final_packages, edition, "final")
        step.note = f"{len(final_scored)} workbooks filled"
    with walk.step("final-merge") as step:
        window.merges.choose_workbooks = lambda *_: [str(p) for p in final_scored]
        before = final.report
        window.merges.merge_action.trigger()
        walk.read_message(window.merges, [p.name for p in final_scored])
        # The final round's window follows the merge: its report read again.
        qtbot.waitUntil(lambda: final.report is not before and not final.loading.busy, timeout=WAIT)
        assert final.report is not None
        assert all(row.mean is not None for c in final.report.categories for row in c.finalists)
        step.note = f"{final_assigned} reviews"

    # 17. The winner and four champions of each category, each with the chair's reason.
    with walk.step("selection") as step:
        _select_every_category(walk, final)
        assert final.report is not None
        assert all(c.selection_reason for c in final.report.categories)
        step.note = f"1 winner and 4 champions in each of {categories} categories"
        walk.check_window(final)
        walk.close_after(final)

    # 18. The secretariat's three lists, written and read back.
    with walk.step("secretariat-exports") as step:
        written = {}
        for kind, sheet in (("nominees", "Nominees"), ("finalists", "Finalists"),
                            ("results", "Results")):  # fmt: skip
            out = tmp / f"{kind}.xlsx"
            window.secretariat.choose_file = lambda *_, out=out: str(out)
            window.secretariat.by_kind[kind].trigger()
            walk.read_message(window.secretariat, [out.name, str(out.parent)])
            book = openpyxl.load_workbook(out, read_only=True)
            try:
                header, *rows = book[sheet].iter_rows(values_only=True)
            finally:
                book.close()
            written[kind] = (list(header), rows)
        assert len(written["nominees"][1]) == sum(counts.values())
        assert len(written["finalists"][1]) == finalists * categories
        header, rows = written["results"]
        winners = [r for r in rows if r[header.index("Award")] == "winner"]
        champions = [r for r in rows if r[header.index("Award")] == "champion"]
        assert len(winners) == categories and len(champions) == 4 * categories
        assert final.report is not None
        first = final.report.categories[0]
        winner = next(row for row in first.finalists if row.selection == "winner")
        title, key = header.index("Project title"), header.index("Category key")
        assert [str(r[title]) for r in winners if r[key] == first.category_key] == [winner.title]
        step.note = (
            f"{len(written['nominees'][1])} nominees, {len(written['finalists'][1])} finalists, "
            f"{len(rows)} results rows; {first.category_key}'s winner: {winner.title}"
        )


def _click_row(
    qtbot: QtBot,
    view: QTableView,
    row: int,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A click on a row of a table, scrolled into view first, as a person does."""
    index = view.model().index(row, 1)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center()
    )


def _settle_the_list(walk: Walk, nominees: NomineesWindow) -> tuple[int, int]:
    """As the demo season does, in the window: a project on the list with an open rule
    finding comes off (the lower-ranked of a pair), a tie at the cut goes on whole; again
    until the list is clean (a removal moves the next project up)."""
    removed = tied_added = 0
    for _round in range(10):
        report = nominees.report
        assert report is not None
        todo = [e for e in report.entries if e.findings or e.status == "tied"]
        if not todo:
            return removed, tied_added
        key = todo[0].category_key
        row = next(r for r, k in _category_rows(nominees) if k == key)
        nominees.categories.setCurrentRow(row)
        lines = nominees.model.lines
        tied = [n for n, line in enumerate(lines) if line.status == TIED]
        flagged = [
            n for n, line in enumerate(lines) if line.findings and line.status in (ON_LIST, ADDED)
        ]
        # What the header says of it, in the window's words (the ranking's own notes, code
        # "", are the core's English, as the CLI prints them).
        state = nominees.state_label.text()
        assert any(str(e.submission_id) in state for e in todo if e.category_key == key)
        walk.check("nomineeState", [("state", state)], [n.text for n in report.notes if not n.code])
        before = nominees.report
        if tied:  # every tied project on the list: one reason
            _click_row(walk.qtbot, nominees.table, tied[0])  # a click, Ctrl+click the others
            for n in tied[1:]:
                _click_row(walk.qtbot, nominees.table, n, Qt.KeyboardModifier.ControlModifier)
            assert [line.submission_id for line in nominees.selected_lines()] == [
                lines[n].submission_id for n in tied
            ]
            walk.reason("The tie at the cut: all on the list", shot="10-tie-dialog")
            nominees.add_action.trigger()
            tied_added += len(tied)
        else:
            _click_row(walk.qtbot, nominees.table, flagged[-1])  # the lower-ranked
            walk.reason("Rule finding confirmed by the panel", shot="10-remove-dialog")
            nominees.remove_action.trigger()
            removed += 1
        walk.qtbot.waitUntil(
            lambda before=before: nominees.report is not before and not nominees.ranking.busy,
            timeout=WAIT,
        )
        walk.no_refusal(nominees)
        walk.check_status(nominees)
    raise AssertionError("the list did not settle in ten decisions")


def _settle_finalist_ties(walk: Walk, final: FinalRoundWindow) -> int:
    """Each category tied for its last finalist places: the tied projects picked by ID, as
    the demo season does, in the tie dialog. Returns how many categories were tied."""
    settled = 0
    for row, key in _category_rows(final):
        report = final.report
        assert report is not None
        category = next(c for c in report.categories if c.category_key == key)
        if not category.unsettled:
            continue
        final.categories.setCurrentRow(row)
        walk.check("finalState", [("state", final.state_label.text())])
        tie = category.tie
        assert tie is not None
        places = tie.open_places - len(tie.picked)

        def pick(dialog: TieDialog, places: int = places) -> None:
            for n in range(places):
                dialog.tied.item(n).setCheckState(Qt.CheckState.Checked)
            walk.typed.append("Panel meeting: the tie settled by ID")
            walk.qtbot.keyClicks(dialog.reason, walk.typed[-1])

        before = final.report
        walk.answer(TieDialog, pick, shot="12-tie-dialog")
        final.settle_action.trigger()
        walk.no_refusal(final)
        walk.qtbot.waitUntil(
            lambda before=before: final.report is not before and not final.loading.busy,
            timeout=WAIT,
        )
        walk.check_status(final)
        settled += 1
    return settled


def _select_every_category(walk: Walk, final: FinalRoundWindow) -> None:
    champions = walk.season.edition.quotas.champions_per_category
    for row, key in _category_rows(final):
        final.categories.setCurrentRow(row)
        walk.check("finalState", [("state", final.state_label.text())])
        # The form beside the finalists: the proposal filled in, the reason typed, Record.
        form = final.selection_form
        walk.typed.append("Panel meeting of 25 January")
        walk.qtbot.keyClicks(form.reason, walk.typed[-1])
        winners, picked, _reason = form.chosen()
        assert len(winners) == 1 and len(picked) == champions, (key, winners, picked)
        if row == 0:
            walk.shoot("17-selection-form")
        before = final.report
        walk.qtbot.mouseClick(form.record, Qt.MouseButton.LeftButton)
        walk.no_refusal(final)
        walk.qtbot.waitUntil(
            lambda before=before: final.report is not before and not final.loading.busy,
            timeout=WAIT,
        )
        walk.check_status(final)
