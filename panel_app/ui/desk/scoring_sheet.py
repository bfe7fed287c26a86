"""The scoring sheet: the round's gates as yes/no questions, then each criterion with its
description and scale, scored by mouse or keys.

The sheet holds no data of its own: it shows a ProjectReview and asks for changes by
signals, which the desk window records (through the workflow) and pushes on its undo stack.
Keys, while the sheet has the focus: a digit scores the current criterion, Delete or 0
blanks it, Up and Down move between criteria. A gate is answered with its Yes or No
button (clicking the chosen answer again takes it back).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from panel_app.edition import Criterion, LocalizedText
from panel_app.workflow.review.desk import ProjectReview

_CURRENT = "QFrame#criterionRow { border: 2px solid %s; border-radius: 4px; }"
_OTHER = "QFrame#criterionRow { border: 2px solid transparent; }"
# The chosen value must stand out at a glance, in any palette.
_BUTTONS = (
    "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " font-weight: bold; border: 1px solid palette(dark); border-radius: 3px; }"
)


class _CriterionRow(QFrame):
    def __init__(self, criterion: Criterion, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("criterionRow")
        self.setStyleSheet(_OTHER)
        self.criterion = criterion
        self.name = criterion.name.get(language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        self.title = QLabel(f"<b>{criterion.name.get(language)}</b>")
        self.description = QLabel(criterion.description.get(language))
        self.description.setWordWrap(True)
        small = self.description.font()
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        self.description.setFont(small)
        buttons = QHBoxLayout()
        buttons.setSpacing(3)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # a score may be blank again (Delete)
        for point in criterion.scale.points:
            button = QToolButton()
            button.setText(f"{point.value}\n{point.label.get(language)}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the sheet
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumWidth(64)
            button.setAccessibleName(
                f"{criterion.name.get(language)}: {point.value} {point.label.get(language)}"
            )
            self.group.addButton(button, point.value)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addLayout(buttons)

    def show_value(self, value: int | None) -> None:
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) == value)


class _GateRow(QFrame):
    """One gate: its question, and Yes / No (checkable; the chosen one again: unanswered)."""

    def __init__(self, number: int, gate: LocalizedText, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("gateRow")
        self.setStyleSheet(_OTHER.replace("criterionRow", "gateRow"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        heading = self.tr("Gate {number}").format(number=number)
        self.title = QLabel(f"<b>{heading}</b>")
        self.question = QLabel(gate.get(language))
        self.question.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(3)
        self.yes = QToolButton()
        self.yes.setText(self.tr("Yes: it meets it"))
        self.no = QToolButton()
        self.no.setText(self.tr("No: it fails it"))
        for button, answer in ((self.yes, "yes"), (self.no, "no")):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setMinimumWidth(96)
            button.setAccessibleName(
                self.tr("Gate {number}: {answer}").format(number=number, answer=button.text())
            )
            button.setObjectName(f"gate{number}{answer.capitalize()}")
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.question)
        layout.addLayout(buttons)

    def show_answer(self, answer: bool | None) -> None:
        self.yes.setChecked(answer is True)
        self.no.setChecked(answer is False)


class ScoringSheet(QWidget):
    """The round's gates, then every criterion of the round, one current; emits
    gate_requested(gate, answer) and score_requested(criterion, value)."""

    score_requested = Signal(str, object)  # criterion key, value (None: blank)
    gate_requested = Signal(int, object)  # gate (0-based), True / False / None (unanswered)
    current_moved = Signal(QWidget)  # the current criterion's row, to scroll it into view

    def __init__(
        self,
        criteria: tuple[Criterion, ...],
        language: str = "en",
        gates: tuple[LocalizedText, ...] = (),
    ) -> None:
        super().__init__()
        self.setObjectName("scoringSheet")
        self.setAccessibleName(self.tr("Scoring sheet"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(_BUTTONS)
        self.criteria = criteria
        self.current = 0
        self._marked = -1  # the row drawn as current (-1: none, the sheet lacks the focus)
        self.locked = False
        self._review: ProjectReview | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.gate_rows: list[_GateRow] = []
        if gates:
            intro = QLabel(
                self.tr("Before the criteria: does the project pass each gate of the call?")
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        for index, gate in enumerate(gates):
            gate_row = _GateRow(index + 1, gate, language, self)
            gate_row.yes.clicked.connect(lambda _c=False, i=index: self._answered(i, True))
            gate_row.no.clicked.connect(lambda _c=False, i=index: self._answered(i, False))
            layout.addWidget(gate_row)
            self.gate_rows.append(gate_row)
        self.rows: list[_CriterionRow] = []
        for criterion in criteria:
            row = _CriterionRow(criterion, language, self)
            row.group.idClicked.connect(
                lambda value, key=criterion.key: self._clicked(key, int(value))
            )
            layout.addWidget(row)
            self.rows.append(row)
        self.hint = QLabel(
            self.tr(
                "Keys: 1–5 score the marked criterion · ↑ ↓ move · Delete clears · "
                "Ctrl+Enter: next project"
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self._mark_current()

    # --- showing -------------------------------------------------------------------------
    def show_review(self, review: ProjectReview | None) -> None:
        self._review = review
        self.locked = review is None or review.conflict_declared
        for row in self.rows:
            value = None if review is None else review.scores.get(row.criterion.key)
            row.show_value(value)
            row.setEnabled(not self.locked)
        for index, gate_row in enumerate(self.gate_rows):
            answers = review.gates if review is not None else ()
            gate_row.show_answer(answers[index] if index < len(answers) else None)
            gate_row.setEnabled(not self.locked)

    def first_blank(self) -> int:
        """The first criterion without a score (the first one when all are scored)."""
        if self._review is not None:
            for i, row in enumerate(self.rows):
                if self._review.scores.get(row.criterion.key) is None:
                    return i
        return 0

    def set_current(self, index: int) -> None:
        self.current = max(0, min(index, len(self.rows) - 1))
        self._mark_current()
        if self.rows:
            self.current_moved.emit(self.rows[self.current])

    def criterion_name(self, key: str) -> str:
        """A criterion's name in the sheet's language (its key if the sheet lacks it)."""
        return next((r.name for r in self.rows if r.criterion.key == key), key)

    def current_key(self) -> str:
        return self.rows[self.current].criterion.key

    def _mark_current(self) -> None:
        # Only the rows whose mark changes are restyled: a style sheet re-polishes a subtree.
        marked = self.current if self.hasFocus() else -1
        if marked == self._marked:
            return
        colour = self.palette().highlight().color().name()
        for i in (self._marked, marked):
            if 0 <= i < len(self.rows):
                self.rows[i].setStyleSheet(_CURRENT % colour if i == marked else _OTHER)
        self._marked = marked

    # --- input ---------------------------------------------------------------------------
    def _answered(self, gate: int, answer: bool) -> None:
        answers = self._review.gates if self._review is not None else ()
        current = answers[gate] if gate < len(answers) else None
        # Clicking the chosen answer again takes it back.
        self.gate_requested.emit(gate, None if current is answer else answer)
        self.show_review(self._review)  # the buttons show what is recorded, not the click

    def _clicked(self, key: str, value: int) -> None:
        self.set_current([r.criterion.key for r in self.rows].index(key))
        current = None if self._review is None else self._review.scores.get(key)
        # Clicking the chosen value again blanks the criterion.
        self.score_requested.emit(key, None if current == value else value)
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier:
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.set_current(self.current + (1 if key == Qt.Key.Key_Down else -1))
                return
            if text.isdigit() and not self.locked:
                value = int(text)
                scale = self.rows[self.current].criterion.scale
                if scale.minimum <= value <= scale.maximum:
                    self.score_requested.emit(self.current_key(), value)
                    # Move on, so a project is scored with seven digits in a row.
                    self.set_current(self.current + 1)
                    return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self.locked:
                self.score_requested.emit(self.current_key(), None)
                return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._mark_current()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._mark_current()
        super().focusOutEvent(event)
