"""What the window shows with no workspace open: the first minutes of an expert or a chair.

An expert on a new laptop opens the package their chair sent (it opens their desk, and the
app opens on that desk from then on); a chair creates a workspace by importing the
secretariat's submission set, or opens one. Each button runs the window's own menu command.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Welcome(QWidget):
    def __init__(
        self,
        open_package: QAction,
        import_submissions: QAction,
        open_workspace: QAction,
        new_workspace: QAction | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("welcome")
        title = QLabel(self.tr("Welcome to the WSIS Prizes panel"))
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)

        self.open_package = self._button(self.tr("Open package…"), open_package)
        self.open_package.setObjectName("welcomeOpenPackage")
        expert = self._part(
            "welcomeExpert",
            self.tr("Open the package your chair sent you"),
            self.tr(
                "For experts: the review workbook (.xlsx) your chair sent you by e-mail or "
                "on a memory stick. Its projects open on your scoring desk and stay in your "
                "workspace on this computer. When you have scored them, File > Export "
                "scores… writes the signed workbook you send back to your chair."
            ),
            [self.open_package],
        )
        self.import_submissions = self._button(self.tr("Import submissions…"), import_submissions)
        self.import_submissions.setObjectName("welcomeImport")
        self.open_workspace = self._button(self.tr("Open workspace…"), open_workspace)
        self.open_workspace.setObjectName("welcomeOpenWorkspace")
        chair_buttons = [self.import_submissions, self.open_workspace]
        self.new_workspace: QPushButton | None = None
        if new_workspace is not None:  # a season's own file and edition, before its import
            self.new_workspace = self._button(self.tr("New workspace…"), new_workspace)
            self.new_workspace.setObjectName("welcomeNewWorkspace")
            chair_buttons.insert(0, self.new_workspace)
        chair = self._part(
            "welcomeChair",
            self.tr("Create or open a workspace"),
            self.tr(
                "For chairs: a workspace holds a season's submissions, experts, reviews and "
                "decisions. Importing the secretariat's submission set creates one; or open "
                "a workspace you already have."
            ),
            chair_buttons,
        )

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addSpacing(12)
        column.addWidget(expert)
        column.addWidget(chair)
        column.addStretch(2)
        centred = QHBoxLayout(self)
        centred.addStretch(1)
        centred.addLayout(column, 3)
        centred.addStretch(1)

    def _button(self, text: str, action: QAction) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(action.trigger)
        return button

    def _part(self, name: str, heading: str, text: str, buttons: list[QPushButton]) -> QFrame:
        frame = QFrame()
        frame.setObjectName(name)
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(frame)
        head = QLabel(heading)
        head.setObjectName(f"{name}Heading")
        font = head.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        head.setFont(font)
        body = QLabel(text)
        body.setWordWrap(True)
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(head)
        layout.addWidget(body)
        layout.addLayout(row)
        return frame
