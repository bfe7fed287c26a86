"""The chair's landing view: where the season stands, phase by phase, and the next step.

The phases from the import to the secretariat's exports, each with a mark and a word for
its state (the mark's shape differs by state: colour is never the only cue), its counts in
words, and links to the windows that work on it; above them the one next step, with the
button that opens its window or dialog, and the edition's dates. The numbers come from one
workflow read (workflow.season.phases), done in a worker thread when the workspace
opens and again whenever a change touches the season (the main window's `publish`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QEvent, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from panel_app.ui.catalogue import workspace_report
from panel_app.ui.theme import progress_colour, status_colours, status_icon
from panel_app.ui.workers import Worker, start_in_thread, wait_until_ended
from panel_app.workflow.handover import ChecksPending
from panel_app.workflow.season import phases as s
from panel_app.workflow.workspace import WorkspaceError, WorkspaceLocation


def number(n: int) -> str:
    return f"{n:,}"


class _SeasonWalk(Worker):
    def __init__(self, location: WorkspaceLocation, now: datetime | None) -> None:
        super().__init__()
        self._location = location
        self._now = now

    def run(self) -> None:
        try:  # on a connection of its own
            self.succeeded.emit(s.season_overview_at(self._location, now=self._now))
        except WorkspaceError as error:
            self.refused.emit(workspace_report(error))
        except (ChecksPending, ValueError) as error:  # an import under way elsewhere, say
            self.refused.emit(str(error))
        finally:
            self._home()
            self.finished.emit()


class SeasonRead(QObject):
    """One read at a time; asked again while one runs, it reads once more after it (what
    was read may predate the change). A result for a workspace no longer open is dropped."""

    read = Signal(object)  # the SeasonOverview
    refused = Signal(str)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._location: WorkspaceLocation | None = None
        self._now: Callable[[], datetime | None] = lambda: None
        self._again = False
        self.reads = 0  # reads delivered (a test waits on it)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, location: WorkspaceLocation, now: Callable[[], datetime | None]) -> None:
        if self._location != location:
            self.stop()  # another workspace: the last one's read is of no use
        self._location, self._now = location, now
        if self._thread is not None:
            self._again = True
            return
        self._again = False
        worker = _SeasonWalk(location, now())
        # Queued, to methods of this object (in the UI thread): the results touch widgets.
        worker.succeeded.connect(self._done, Qt.ConnectionType.QueuedConnection)
        worker.refused.connect(self._refused, Qt.ConnectionType.QueuedConnection)
        self._thread = start_in_thread(worker, self, self._ended)

    def _done(self, overview: object) -> None:
        if self._location is not None and not self._again:
            self.reads += 1
            self.read.emit(overview)

    def _refused(self, text: str) -> None:
        if self._location is not None:
            self.reads += 1
            self.refused.emit(text)

    def _ended(self) -> None:
        self._thread = None
        if self._again and self._location is not None:
            self.start(self._location, self._now)

    def stop(self) -> None:
        """Wait for a read under way (it reads; nothing to undo); its result is dropped and
        none follows it."""
        self._again = False
        self._location = None
        wait_until_ended(lambda: self._thread)


class SeasonView(QScrollArea):
    """The overview; `action` says which window or dialog a link or button asks for
    (workflow.season.phases's ACT_ keys), the main window opens it."""

    action = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("seasonView")
        self.setAccessibleName(self.tr("Season overview"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.overview: s.SeasonOverview | None = None
        self._next_action: str | None = None
        self.phase_text = ""  # the edition's dates, as the status bar says them

        page = QWidget()
        page.setObjectName("seasonPage")
        column = QVBoxLayout(page)
        column.setContentsMargins(16, 12, 16, 12)
        self.title = QLabel(self.tr("Where the season stands"))
        self.title.setObjectName("seasonTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.dates = QLabel()
        self.dates.setObjectName("seasonDates")
        self.dates.setWordWrap(True)
        self.dates.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.next_frame = QFrame()
        self.next_frame.setObjectName("seasonNext")
        self.next_frame.setFrameShape(QFrame.Shape.StyledPanel)
        next_column = QVBoxLayout(self.next_frame)
        self.next_heading = QLabel()
        self.next_heading.setObjectName("seasonNextHeading")
        bold = self.next_heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.next_heading.setFont(bold)
        self.next_heading.setWordWrap(True)
        self.next_text = QLabel()
        self.next_text.setObjectName("seasonNextText")
        self.next_text.setWordWrap(True)
        self.next_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.next_button = QPushButton()
        self.next_button.setObjectName("seasonNextButton")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._next_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        next_column.addWidget(self.next_heading)
        next_column.addWidget(self.next_text)
        next_column.addLayout(buttons)

        self.grid = QGridLayout()
        self.grid.setObjectName("seasonPhases")
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(3, 1)
        self.rows: dict[str, PhaseRow] = {}
        for number_, key in enumerate(s.PHASES):
            row = PhaseRow(key, self._phase_name(key), self)
            row.place(self.grid, number_)
            self.rows[key] = row

        column.addWidget(self.title)
        column.addWidget(self.dates)
        column.addSpacing(6)
        column.addWidget(self.next_frame)
        column.addSpacing(6)
        column.addLayout(self.grid)
        column.addStretch(1)
        self.setWidget(page)
        self.show_reading()

    # --- what is shown ---------------------------------------------------------------------
    def show_reading(self) -> None:
        """Before the first read: the frame says so, the rows wait."""
        if self.overview is None:
            self.next_heading.setText(self.tr("Reading where the season stands…"))
            self.next_text.clear()
            self.next_button.hide()

    def show_refusal(self, text: str) -> None:
        self.next_heading.setText(self.tr("The season could not be read"))
        self.next_text.setText(text)
        self.next_button.hide()

    def set_dates(self, text: str) -> None:
        self.phase_text = text
        self.dates.setText(text)
        self.dates.setVisible(bool(text))

    def show_overview(self, overview: s.SeasonOverview) -> None:
        self.overview = overview
        self.title.setText(
            self.tr("Where the season stands: WSIS Prizes {year}").format(
                year=overview.edition_year
            )
        )
        for phase in overview.phases:
            self.rows[phase.key].show_phase(phase)
        upcoming = overview.next
        self._next_action = (
            upcoming.actions[0] if upcoming is not None and upcoming.actions else None
        )
        if upcoming is None:
            self.next_heading.setText(self.tr("The season is done"))
            self.next_text.setText(
                self.tr("Every phase is done, and the secretariat has every list as it stands.")
            )
            self.next_button.hide()
            return
        self.next_heading.setText(
            self.tr("Next: {phase}").format(phase=self._phase_name(upcoming.key))
        )
        self.next_text.setText(self.next_words(upcoming))
        if self._next_action is not None:
            self.next_button.setText(self.action_text(self._next_action))
            self.next_button.show()
        else:
            self.next_button.hide()

    def changeEvent(self, event: QEvent) -> None:
        # Another theme: the marks and the states' colours follow it.
        if event.type() == QEvent.Type.PaletteChange and self.overview is not None:
            self.show_overview(self.overview)
        super().changeEvent(event)

    def _next_clicked(self) -> None:
        if self._next_action is not None:
            self.action.emit(self._next_action)

    # --- words -----------------------------------------------------------------------------
    def _phase_name(self, key: str) -> str:
        return {
            s.IMPORT: self.tr("Import"),
            s.CHECKS: self.tr("Rule checks"),
            s.PANEL: self.tr("Panel"),
            s.ASSIGNMENT: self.tr("Assignment"),
            s.PACKAGES: self.tr("Packages"),
            s.MERGE: self.tr("Merge"),
            s.NOMINEES: self.tr("Nominees"),
            s.FREEZE: self.tr("Freeze"),
            s.VOTE: self.tr("Public vote"),
            s.FINALISTS: self.tr("Finalists"),
            s.FINAL_ROUND: self.tr("Final round"),
            s.SELECTION: self.tr("Selection"),
            s.EXPORTS: self.tr("Exports"),
        }[key]

    def state_text(self, state: str) -> str:
        return {
            s.NOT_STARTED: self.tr("Not started"),
            s.IN_PROGRESS: self.tr("In progress"),
            s.DONE: self.tr("Done"),
            s.BLOCKED: self.tr("Blocked"),
        }[state]

    def action_text(self, action: str) -> str:
        return {
            s.ACT_IMPORT: self.tr("Import submissions…"),
            s.ACT_FINDINGS: self.tr("Rule findings…"),
            s.ACT_FLAGGED: self.tr("Show the flagged submissions"),
            s.ACT_PANEL: self.tr("Experts and assignment…"),
            s.ACT_PANEL_FINAL: self.tr("Assign the final round…"),
            s.ACT_PACKAGES: self.tr("Write the review packages…"),
            s.ACT_PACKAGES_FINAL: self.tr("Write the final-round packages…"),
            s.ACT_MERGE: self.tr("Merge scored workbooks…"),
            s.ACT_COVERAGE: self.tr("Coverage…"),
            s.ACT_NOMINEES: self.tr("Nominees…"),
            s.ACT_VOTES: self.tr("Import public vote…"),
            s.ACT_FINAL_ROUND: self.tr("Final round…"),
            s.ACT_AUDIT_LOG: self.tr("Audit log…"),
            s.ACT_EXPORT["nominees"]: self.tr("Export the nominee list…"),
            s.ACT_EXPORT["finalists"]: self.tr("Export the finalists…"),
            s.ACT_EXPORT["results"]: self.tr("Export the winners and champions…"),
        }[action]

    def _day(self, day: date | None) -> str:
        return f"{day:%Y-%m-%d}" if day is not None else ""

    def count_words(self, phase: s.PhaseState) -> str:
        """The phase's counts in a line a chair reads."""
        c = {key: number(value) for key, value in phase.counts.items()}
        n = phase.counts
        key, state = phase.key, phase.state
        if key == s.IMPORT:
            if not n["submissions"]:
                return self.tr("No submission set imported yet")
            if n["categories"] == n["categories_total"]:
                return self.tr("{submissions} submissions in {categories} categories").format(**c)
            return self.tr(
                "{submissions} submissions in {categories} of {categories_total} categories"
            ).format(**c)
        if key == s.CHECKS:
            if state == s.NOT_STARTED:
                return self.tr("They run with every import")
            if state == s.BLOCKED:
                return self.tr("The rule checks of the last import have not run")
            if not n["findings"]:
                return self.tr("No open rule finding: every submission is eligible")
            return self.tr(
                "{findings} open rule findings on {marked} submissions: {ineligible} "
                "ineligible, {flagged} flagged"
            ).format(marked=number(n["ineligible"] + n["flagged"]), **c)
        if key == s.PANEL:
            experts = (
                self.tr("{experts} experts").format(**c)
                if n["experts"]
                else self.tr("No experts imported yet")
            )
            winners = (
                self.tr("{past_winners} past winners").format(**c)
                if n["past_winners"]
                else self.tr("no past winners imported yet (rule 11 checks against them)")
            )
            return f"{experts} · {winners}"
        if key == s.ASSIGNMENT:
            if not n["assignments"]:
                return self.tr("No assignment yet")
            return self.tr(
                "{assignments} assignments: {assigned} of {eligible} eligible projects have "
                "their experts"
            ).format(**c)
        if key == s.PACKAGES:
            if not n["experts"]:
                return self.tr("No expert has an assignment yet")
            if not n["issued"] and not n["waiting"]:
                return self.tr("No package needed: every expert has returned every review")
            text = self.tr("Packages written for {issued} of {experts} experts").format(**c)
            if n["waiting"]:
                text += " · " + self.tr("{waiting} experts wait for theirs").format(**c)
            elif n["issued"] < n["experts"]:
                text += " · " + self.tr("the others have returned every review")
            return text
        if key == s.MERGE:
            if not n["assigned"]:
                return self.tr("No review to return yet")
            return self.tr(
                "{returned} of {assigned} reviews returned · {complete} of {experts} experts "
                "complete"
            ).format(**c)
        if key == s.NOMINEES:
            if state == s.NOT_STARTED:
                return self.tr("Waits for the reviews")
            if state == s.BLOCKED:
                return self.tr("Waits for the rule checks")
            text = self.tr("{nominees} nominees · settled in {settled} of {categories} categories")
            text = text.format(**c)
            if n["tied"]:
                text += " · " + self.tr("a tie at the cut in {tied} categories").format(**c)
            if n["flagged"]:
                text += " · " + self.tr("{flagged} nominees with open rule findings").format(**c)
            return text
        if key == s.FREEZE:
            if state == s.DONE:
                return self.tr("Frozen on {day} by {who}: {nominees} nominees").format(
                    day=self._day(phase.on), who=phase.by, **c
                )
            if state == s.BLOCKED:
                return self.tr("Not frozen: the ties and findings on the list come first")
            return self.tr("Not frozen yet")
        if key == s.VOTE:
            if state == s.NOT_STARTED:
                return self.tr("No vote imported yet")
            text = self.tr("{valid} valid votes of {read}, imported on {day} by {who}").format(
                day=self._day(phase.on), who=phase.by, **c
            )
            if phase.why == s.WHY_VOTE_STALE:
                text += " · " + self.tr("the nominee list has changed since")
            return text
        if key == s.FINALISTS:
            if state == s.NOT_STARTED:
                return self.tr("Waits for the public vote")
            if state == s.BLOCKED:
                return self.tr("Waits for the rule checks")
            return self.tr(
                "{finalists} finalists · settled in {settled} of {categories} categories"
            ).format(**c)
        if key == s.FINAL_ROUND:
            if not n["assigned"]:
                return self.tr("No final-round assignment yet")
            return self.tr(
                "{returned} of {assigned} final-round reviews returned · packages written for "
                "{issued} of {experts} experts"
            ).format(**c)
        if key == s.SELECTION:
            if not n["categories"]:
                return self.tr("Waits for the finalists")
            text = self.tr(
                "Winners and champions chosen in {selected} of {categories} categories"
            ).format(**c)
            if n["unsettled"]:
                text += " · " + self.tr(
                    "{unsettled} categories wait on a tie for their last finalist places"
                ).format(**c)
            return text
        return self._export_words(phase)

    def _export_words(self, phase: s.PhaseState) -> str:
        names = {
            "nominees": self.tr("Nominee list"),
            "finalists": self.tr("Finalists"),
            "results": self.tr("Winners and champions"),
        }
        parts = []
        for item in phase.lists:
            if not item.available and item.exported_on is None:
                continue
            if item.current:
                words = self.tr("{list}: exported on {day}")
            elif item.exported_on is not None:
                words = self.tr("{list}: changed since its export on {day}")
            else:
                words = self.tr("{list}: not exported yet")
            parts.append(words.format(list=names[item.kind], day=self._day(item.exported_on)))
        if not parts:
            return self.tr("Nothing to export yet: first the nominee list, once frozen")
        return " · ".join(parts)

    def next_words(self, phase: s.PhaseState) -> str:
        """What the chair does next in the phase, in a sentence."""
        key, state, n = phase.key, phase.state, phase.counts
        c = {k: number(v) for k, v in n.items()}
        if state == s.BLOCKED and phase.why == s.WHY_CHECKS_OWED:
            return self.tr(
                "The last import was interrupted before its rule checks: open the workspace "
                "again to run them."
            )
        if key == s.IMPORT:
            return self.tr("Import the secretariat's submission set.")
        if key == s.PANEL:
            if not n["experts"] and not n["past_winners"]:
                return self.tr("Import the experts and the past winners.")
            if not n["experts"]:
                return self.tr("Import the experts.")
            return self.tr("Import the past winners: rule 11 checks the submissions against them.")
        if key == s.ASSIGNMENT:
            if not n["assignments"]:
                return self.tr("Assign the experts to the eligible projects.")
            return self.tr(
                "Give every eligible project its experts: {assigned} of {eligible} have them."
            ).format(**c)
        if key == s.PACKAGES:
            return self.tr(
                "Write the review packages and send each expert theirs: {waiting} experts wait "
                "for one."
            ).format(**c)
        if key == s.MERGE:
            return self.tr(
                "Merge the scored workbooks the experts send back: {returned} of {assigned} "
                "reviews returned."
            ).format(**c)
        if key == s.NOMINEES:
            if state == s.NOT_STARTED:
                return self.tr("Rank the reviewed projects and make the nominee list.")
            return self.tr(
                "Settle the nominee list in every category (ties at the cut, nominees with open "
                "findings): {settled} of {categories} settled."
            ).format(**c)
        if key == s.FREEZE:
            if state == s.BLOCKED:
                return self.tr(
                    "The list cannot be frozen while a tie at the cut or a finding on a "
                    "nominee is open."
                )
            return self.tr("Freeze the nominee list: the public vote is audited against it.")
        if key == s.VOTE:
            if phase.why == s.WHY_VOTE_STALE:
                return self.tr(
                    "The nominee list has changed since the vote was imported: import the "
                    "vote again."
                )
            if phase.actions and phase.actions[0] == s.ACT_EXPORT["nominees"]:
                return self.tr(
                    "Export the nominee list for the secretariat, who runs the public vote; "
                    "then import the vote it sends."
                )
            return self.tr("Import the public vote the secretariat sends.")
        if key == s.FINALISTS:
            return self.tr(
                "Decide the ties for the last finalist places: settled in {settled} of "
                "{categories} categories."
            ).format(**c)
        if key == s.FINAL_ROUND:
            if not n["assigned"]:
                return self.tr("Assign the finalists to the experts of their categories.")
            return self.tr(
                "Send the final-round packages and merge the workbooks that come back: "
                "{returned} of {assigned} reviews returned."
            ).format(**c)
        if key == s.SELECTION:
            if state == s.BLOCKED:
                return self.tr("The categories left wait on a tie for their last finalist places.")
            return self.tr(
                "Choose the winners and champions: {selected} of {categories} categories done."
            ).format(**c)
        return self.tr("Export the lists for the secretariat, each after its last change.")


class PhaseRow:
    """One phase in the grid: its mark, its name, its state in words, its counts and the
    links to the windows that work on it."""

    def __init__(self, key: str, name: str, view: SeasonView) -> None:
        self.key = key
        self._view = view
        self.mark = QLabel()
        self.mark.setObjectName(f"phaseMark_{key}")
        self.name = QLabel(name)
        self.name.setObjectName(f"phaseName_{key}")
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.state = QLabel()
        self.state.setObjectName(f"phaseState_{key}")
        self.counts = QLabel()
        self.counts.setObjectName(f"phaseCounts_{key}")
        self.counts.setWordWrap(True)
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.links = QHBoxLayout()
        self.links.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        self.cell = QWidget()
        cell = QVBoxLayout(self.cell)
        cell.setContentsMargins(0, 0, 0, 0)
        cell.setSpacing(2)
        cell.addWidget(self.counts)
        cell.addLayout(self.links)
        self.state_value = ""

    def place(self, grid: QGridLayout, row: int) -> None:
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self.mark, row, 0, top)
        grid.addWidget(self.name, row, 1, top)
        grid.addWidget(self.state, row, 2, top)
        grid.addWidget(self.cell, row, 3)

    def show_phase(self, phase: s.PhaseState) -> None:
        view = self._view
        self.state_value = phase.state
        mark = phase.state
        size = self.name.fontMetrics().height()
        self.mark.setPixmap(status_icon(mark).pixmap(size, size))
        words = view.state_text(phase.state)
        self.mark.setAccessibleName(words)
        self.state.setText(words)
        red, _amber, green, grey = status_colours()
        colour = {
            s.DONE: green,
            s.IN_PROGRESS: progress_colour(),
            s.BLOCKED: red,
        }.get(phase.state, grey)
        self.state.setStyleSheet(f"color: {colour};")
        self.counts.setText(view.count_words(phase))
        wanted = list(phase.actions)
        for action in list(self.buttons):
            if action not in wanted:
                button = self.buttons.pop(action)
                self.links.removeWidget(button)
                button.deleteLater()
        for action in wanted:
            if action not in self.buttons:
                button = QPushButton(view.action_text(action))
                button.setObjectName(f"phaseLink_{self.key}_{action}")
                button.setFlat(True)
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.setStyleSheet(
                    "QPushButton { color: palette(link); text-decoration: underline; "
                    "border: none; padding: 0 2px; text-align: left; }"
                    "QPushButton:focus { background: palette(highlight); "
                    "color: palette(highlighted-text); }"
                )
                button.clicked.connect(lambda _c=False, a=action: view.action.emit(a))
                self.buttons[action] = button
        while self.links.count():  # in the phase's order, then room to spare
            item = self.links.takeAt(0)
            del item
        for action in wanted:
            self.links.addWidget(self.buttons[action])
        self.links.addStretch(1)
