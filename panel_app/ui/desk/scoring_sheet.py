"""The scoring sheet: the round's gates as yes/no questions, then each criterion with its
scale, scored by mouse or keys.

The sheet holds no data of its own: it shows a ProjectReview and asks for changes by
signals, which the desk window records (through the workflow) and pushes on its undo stack.
The current criterion is always marked: a digit typed anywhere in the desk but a text field
scores it (the window's shortcuts; `digit_typed` when the sheet gets the key itself). Keys in
the sheet: Up and Down move between criteria, Delete blanks one. A gate is answered with its
Yes or No button (clicking the chosen answer again takes it back).

Two layouts, so that every criterion is in view without scrolling (`fit`): the full one
(gate questions and criterion names wrapped, the scale's words above its columns, the marked
criterion's description below) when it fits the space given, else the compact one (one line
a gate or criterion, names cut short with the whole in the tool tip, digit buttons with the
scale's words as their tool tips and in one legend line).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from panel_app.edition import Criterion, LocalizedText, Scale
from panel_app.workflow.review.desk import ProjectReview

_CURRENT = "QFrame#criterionRow { border: 2px solid %s; border-radius: 4px; }"
_OTHER = "QFrame#criterionRow { border: 2px solid transparent; }"
# The chosen value must stand out at a glance, in any palette.
_BUTTONS = (
    "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " font-weight: bold; border: 1px solid palette(dark); border-radius: 3px; }"
)
_MARGIN = 6  # a row's side margins, inside its 2 px border: the scale's header matches them
_SPACING = 3  # between a row's buttons, and between the header's words


class ElidingLabel(QLabel):
    """Plain text that wraps; or, eliding, one line cut with "…" (text() stays whole, for
    the tool tip and screen readers)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self._eliding = False

    def set_eliding(self, eliding: bool) -> None:
        self._eliding = eliding
        self.setWordWrap(not eliding)
        self.updateGeometry()
        self.update()

    def is_cut(self) -> bool:
        """Whether the text shown is cut short."""
        width = self.contentsRect().width()
        return self._eliding and self.fontMetrics().horizontalAdvance(self.text()) > width

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if self._eliding:  # a few letters and "…": the layout may give it less than its text
            hint.setWidth(self.fontMetrics().horizontalAdvance("Mm…"))
        return hint

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._eliding:
            super().paintEvent(event)
            return
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )


def _small(widget: QWidget) -> None:
    font = widget.font()
    font.setPointSizeF(max(font.pointSizeF() - 1, 7))
    widget.setFont(font)


class _CriterionRow(QFrame):
    """A criterion on one line: its name, then a button a point of its scale (the digit;
    the point's words in its tool tip and, in the full layout, above its column)."""

    def __init__(self, criterion: Criterion, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("criterionRow")
        self.setStyleSheet(_OTHER)
        self.criterion = criterion
        self.name = criterion.name.get(language)
        self.description = criterion.description.get(language)
        layout = QHBoxLayout(self)
        layout.setSpacing(_SPACING)
        self._layout = layout
        self.title = ElidingLabel(self.name)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setToolTip(f"{self.name}: {self.description}")
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.title, 1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # a score may be blank again (Delete)
        self.buttons: list[QToolButton] = []
        for point in criterion.scale.points:
            label = point.label.get(language)
            button = QToolButton()
            button.setText(str(point.value))
            button.setToolTip(f"{point.value} {label}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys belong to the desk
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(f"{self.name}: {point.value} {label}")
            self.group.addButton(button, point.value)
            self.buttons.append(button)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

    def set_layout(self, compact: bool, widths: list[int]) -> None:
        vertical = 1 if compact else 3
        self._layout.setContentsMargins(_MARGIN, vertical, _MARGIN, vertical)
        self.title.set_eliding(compact)
        for button, width in zip(self.buttons, widths, strict=False):
            button.setFixedWidth(width)

    def show_value(self, value: int | None) -> None:
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) == value)


class _ScaleHeader(QFrame):
    """Above the criteria of one scale: the point's words over their columns (full), or
    one legend line of them (compact)."""

    def __init__(self, scale: Scale, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("scaleHeader")
        # The same 2 px border as a criterion row, so the words stand over their buttons.
        self.setStyleSheet("QFrame#scaleHeader { border: 2px solid transparent; }")
        self.scale = scale
        self.words = [point.label.get(language) for point in scale.points]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(_MARGIN, 0, _MARGIN, 0)
        layout.setSpacing(0)
        self.columns = QWidget()
        row = QHBoxLayout(self.columns)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(_SPACING)
        row.addStretch(1)
        self.labels: list[QLabel] = []
        for word in self.words:
            label = QLabel(word)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            _small(label)
            row.addWidget(label)
            self.labels.append(label)
        self.legend = QLabel(
            " · ".join(
                f"{point.value}\u00a0{word}"  # a point and its word on one line
                for point, word in zip(scale.points, self.words, strict=True)
            )
        )
        self.legend.setTextFormat(Qt.TextFormat.PlainText)
        self.legend.setWordWrap(True)
        _small(self.legend)
        layout.addWidget(self.columns)
        layout.addWidget(self.legend)

    def full_widths(self, digit_width: int) -> list[int]:
        """Each column as wide as its word (at least a digit's button)."""
        metrics = self.labels[0].fontMetrics() if self.labels else self.fontMetrics()
        return [max(metrics.horizontalAdvance(w) + 8, digit_width) for w in self.words]

    def set_layout(self, compact: bool, widths: list[int]) -> None:
        self.columns.setVisible(not compact)
        self.legend.setVisible(compact)
        for label, width in zip(self.labels, widths, strict=False):
            label.setFixedWidth(width)


class _GateRow(QFrame):
    """One gate: its question, and Yes / No (checkable; the chosen one again: unanswered).
    Full: the question wrapped, the buttons under it; compact: one line."""

    def __init__(self, number: int, gate: LocalizedText, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("gateRow")
        self.setStyleSheet(_OTHER.replace("criterionRow", "gateRow"))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(_MARGIN, 3, _MARGIN, 3)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self.title = QLabel(self.tr("Gate {number}").format(number=number))
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.question = ElidingLabel(gate.get(language))
        self.question.setToolTip(gate.get(language))
        self.question.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(_SPACING)
        self.yes = QToolButton()
        self.no = QToolButton()
        self._texts = {
            self.yes: (self.tr("Yes: it meets it"), self.tr("Yes")),
            self.no: (self.tr("No: it fails it"), self.tr("No")),
        }
        for button, answer in ((self.yes, "yes"), (self.no, "no")):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            full = self._texts[button][0]
            button.setText(full)
            button.setToolTip(full)
            button.setAccessibleName(
                self.tr("Gate {number}: {answer}").format(number=number, answer=full)
            )
            button.setObjectName(f"gate{number}{answer.capitalize()}")
            buttons.addWidget(button)
        buttons.addStretch(1)
        self._grid.addWidget(self.title, 0, 0, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(self.question, 0, 1)
        self._compact: bool | None = None
        self.set_layout(False)

    def set_layout(self, compact: bool) -> None:
        if compact == self._compact:
            return
        self._compact = compact
        self._grid.removeWidget(self.buttons)
        if compact:
            self._grid.addWidget(self.buttons, 0, 2)
        else:
            self._grid.addWidget(self.buttons, 1, 1)
        self._grid.setColumnStretch(1, 1)
        self.question.set_eliding(compact)
        for button, (full, short) in self._texts.items():
            button.setText(short if compact else full)

    def show_answer(self, answer: bool | None) -> None:
        self.yes.setChecked(answer is True)
        self.no.setChecked(answer is False)


class ScoringSheet(QWidget):
    """The round's gates, then every criterion of the round, one current; emits
    gate_requested(gate, answer), score_requested(criterion, value), and digit_typed(digit)
    for a digit it receives (the desk window decides what it scores)."""

    score_requested = Signal(str, object)  # criterion key, value (None: blank)
    gate_requested = Signal(int, object)  # gate (0-based), True / False / None (unanswered)
    current_moved = Signal(QWidget)  # the current criterion's row, to scroll it into view
    digit_typed = Signal(int)

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
        self._marked = -1  # the row drawn as current (-1: none: no project, or locked)
        self.locked = False
        self.compact = False
        self._review: ProjectReview | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self._layout = layout
        self.gate_rows: list[_GateRow] = []
        self.gates_intro: QLabel | None = None
        if gates:
            self.gates_intro = QLabel(
                self.tr("Before the criteria: does the project pass each gate of the call?")
            )
            self.gates_intro.setWordWrap(True)
            layout.addWidget(self.gates_intro)
        for index, gate in enumerate(gates):
            gate_row = _GateRow(index + 1, gate, language, self)
            gate_row.yes.clicked.connect(lambda _c=False, i=index: self._answered(i, True))
            gate_row.no.clicked.connect(lambda _c=False, i=index: self._answered(i, False))
            layout.addWidget(gate_row)
            self.gate_rows.append(gate_row)
        self.rows: list[_CriterionRow] = []
        self.headers: list[_ScaleHeader] = []
        for criterion in criteria:
            if not self.rows or self.rows[-1].criterion.scale != criterion.scale:
                header = _ScaleHeader(criterion.scale, language, self)
                layout.addWidget(header)
                self.headers.append(header)
            row = _CriterionRow(criterion, language, self)
            row.group.idClicked.connect(
                lambda value, key=criterion.key: self._clicked(key, int(value))
            )
            layout.addWidget(row)
            self.rows.append(row)
        # The marked criterion's description (full layout; compact: its name's tool tip).
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextFormat(Qt.TextFormat.RichText)
        _small(self.about)
        layout.addWidget(self.about)
        self._hints = self._hint_texts()
        self.hint = QLabel(self._hints[0])
        self.hint.setToolTip(self._hints[0])
        self.hint.setObjectName("sheetHint")
        self.hint.setWordWrap(True)
        # In the window's text colour: a pale grey was too faint to read (issue 16).
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self.set_compact(False)
        self._mark_current()

    def _hint_texts(self) -> tuple[str, str]:
        """The keys, in full and (compact layout; the whole in its tool tip) in short."""
        ranges = {(c.scale.minimum, c.scale.maximum) for c in self.criteria}
        low, high = min(ranges) if len(ranges) == 1 else (0, 9)
        full = self.tr(
            "Keys, anywhere but in a text field: {low}–{high} score the marked criterion · "
            "in the sheet: ↑ ↓ move, Delete clears · Ctrl+Enter: next project"
        ).format(low=low, high=high)
        short = self.tr("Keys: {low}–{high} score the marked criterion · Ctrl+Enter: next").format(
            low=low, high=high
        )
        return full, short

    # --- layout --------------------------------------------------------------------------
    def set_compact(self, compact: bool) -> None:
        """The compact layout (one line a gate or criterion) or the full one."""
        self.compact = compact
        digit = self._digit_width()
        columns = max((len(c.scale.points) for c in self.criteria), default=0)
        widths = [digit] * columns
        if not compact:  # the columns as wide as the widest word over them
            for header in self.headers:
                for i, width in enumerate(header.full_widths(digit)):
                    widths[i] = max(widths[i], width)
        for header in self.headers:
            header.set_layout(compact, widths)
        for row in self.rows:
            row.set_layout(compact, widths)
        for gate_row in self.gate_rows:
            gate_row.set_layout(compact)
        if self.gates_intro is not None:
            self.gates_intro.setVisible(not compact)
        self._layout.setSpacing(2 if compact else 6)
        self.hint.setText(self._hints[1] if compact else self._hints[0])
        self._show_about()

    def _digit_width(self) -> int:
        if not self.rows:
            return 0
        button = self.rows[0].buttons[0]
        return max(button.fontMetrics().horizontalAdvance("00") + 16, 30)

    def fit(self, size: QSize) -> bool:
        """Take the full layout if it fits `size` (the space shown, without scroll bars),
        else the compact one; True when it is compact."""
        if self.compact:
            self.set_compact(False)
        fits = (
            self.minimumSizeHint().width() <= size.width()
            and self.full_height(size.width()) <= size.height()
        )
        if not fits:
            self.set_compact(True)
        return self.compact

    def full_height(self, width: int) -> int:
        """The sheet's height at `width`, in the layout it has now."""
        if self._layout.hasHeightForWidth():
            return self._layout.totalHeightForWidth(width)
        return self.sizeHint().height()

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
        self._mark_current()

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

    def current_row(self) -> _CriterionRow | None:
        return self.rows[self.current] if self.rows else None

    def _mark_current(self) -> None:
        # Marked whenever a digit would score it, wherever the focus is. Only the rows whose
        # mark changes are restyled: a style sheet re-polishes a subtree.
        marked = -1 if self.locked else self.current
        if marked != self._marked:
            colour = self.palette().highlight().color().name()
            for i in (self._marked, marked):
                if 0 <= i < len(self.rows):
                    self.rows[i].setStyleSheet(_CURRENT % colour if i == marked else _OTHER)
            self._marked = marked
        self._show_about()

    def _show_about(self) -> None:
        row = self.current_row()
        shown = row is not None and not self.compact
        if row is not None:
            self.about.setText(f"<b>{html.escape(row.name)}</b>: {html.escape(row.description)}")
        self.about.setVisible(shown)

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
            if len(text) == 1 and text in "0123456789":  # the window's shortcuts missed it
                self.digit_typed.emit(int(text))
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self.locked:
                self.score_requested.emit(self.current_key(), None)
                return
        super().keyPressEvent(event)
