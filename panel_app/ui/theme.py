"""Light and dark palettes: View > Theme (system, light, dark), remembered in the settings.

Light and dark use the Fusion style with a palette of our own, so they look the same on
every platform; "system" gives back the style and palette the application started with.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QBrush,
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

THEME_KEY = "view/theme"
THEMES = ("system", "light", "dark")

_Role = QPalette.ColorRole
_DARK = {
    _Role.Window: "#2b2b2b",
    _Role.WindowText: "#e8e8e8",
    _Role.Base: "#1f1f1f",
    _Role.AlternateBase: "#272727",
    _Role.ToolTipBase: "#3a3a3a",
    _Role.ToolTipText: "#e8e8e8",
    _Role.PlaceholderText: "#8c8c8c",
    _Role.Text: "#e8e8e8",
    _Role.Button: "#353535",
    _Role.ButtonText: "#e8e8e8",
    _Role.BrightText: "#ff6b6b",
    _Role.Light: "#4a4a4a",
    _Role.Midlight: "#3e3e3e",
    _Role.Mid: "#6e6e6e",
    _Role.Dark: "#1a1a1a",
    _Role.Shadow: "#000000",
    _Role.Highlight: "#3d7bd9",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#7ab8ff",
    _Role.LinkVisited: "#c39bff",
}
_DARK_DISABLED = {
    _Role.WindowText: "#7a7a7a",
    _Role.Text: "#7a7a7a",
    _Role.ButtonText: "#7a7a7a",
    _Role.Highlight: "#4a4a4a",
}
# What the application started with, for "system".
_system: tuple[str, QPalette] | None = None


def _palette(theme: str) -> QPalette:
    if theme == "light":
        return QApplication.style().standardPalette()  # Fusion's light palette
    palette = QPalette()
    for role, colour in _DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def apply_theme(theme: str) -> str:
    """Apply a theme to the whole application; an unknown name means "system"."""
    global _system
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return "system"
    if _system is None:
        _system = (app.style().name(), QPalette(app.palette()))
    theme = theme if theme in THEMES else "system"
    hints = QGuiApplication.styleHints()
    if theme == "system":
        QApplication.setStyle(_system[0])
        app.setPalette(_system[1])
        hints.unsetColorScheme()
    else:
        QApplication.setStyle("Fusion")
        hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
        app.setPalette(_palette(theme))
    return theme


def is_dark() -> bool:
    """Whether text is light on a dark window now: colours we choose follow it."""
    window = QApplication.palette().color(_Role.Window)
    return window.lightness() < 128


def status_colours() -> tuple[str, str, str, str]:
    """Red, amber, green and grey for statuses, readable on the palette in use."""
    if is_dark():
        return "#ff7b7b", "#e8a93c", "#72c476", "#a0a0a0"
    return "#b00020", "#a66300", "#2e7d32", "#666666"


def progress_colour() -> str:
    """Blue for work under way, readable on the palette in use."""
    return "#6fb0ff" if is_dark() else "#1f5fa8"


# Marks beside a state, each its own shape so that colour is never the only cue: a tick
# in a disc (done), a half-filled ring (in progress), a bar across a disc (blocked, and an
# ineligible submission: no entry), an empty ring (not started), a triangle with an
# exclamation mark (a submission flagged by the checks).
MARKS = ("done", "in-progress", "blocked", "not-started", "ineligible", "flagged")
_icons: dict[tuple[str, bool], QIcon] = {}


def status_icon(mark: str) -> QIcon:
    """The mark (one of MARKS) in the colours of the palette in use; drawn, not a file,
    so it is sharp at any scale and follows the theme."""
    key = (mark, is_dark())
    icon = _icons.get(key)
    if icon is None:
        icon = QIcon()
        for size in (16, 20, 24, 32, 48, 64):
            icon.addPixmap(_draw_mark(mark, size))
        _icons[key] = icon
    return icon


def _draw_mark(mark: str, size: int) -> QPixmap:
    red, amber, green, grey = status_colours()
    colour = QColor(
        {"done": green, "in-progress": progress_colour(), "blocked": red, "ineligible": red,
         "flagged": amber}.get(mark, grey)
    )  # fmt: skip
    white = QColor("#ffffff")
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 16
    disc = QRectF(1.5 * unit, 1.5 * unit, 13 * unit, 13 * unit)
    line = _pen(colour, 1.6 * unit)
    if mark == "flagged":
        triangle = QPainterPath(QPointF(8 * unit, 1.2 * unit))
        triangle.lineTo(15 * unit, 14.5 * unit)
        triangle.lineTo(1 * unit, 14.5 * unit)
        triangle.closeSubpath()
        painter.fillPath(triangle, QBrush(colour))
        ink = "#000000" if colour.lightness() > 128 else "#ffffff"  # the mark stands out
        painter.setPen(_pen(QColor(ink), 1.8 * unit))
        painter.drawLine(QPointF(8 * unit, 5.5 * unit), QPointF(8 * unit, 9.5 * unit))
        painter.drawPoint(QPointF(8 * unit, 12.2 * unit))
    elif mark in ("done", "blocked", "ineligible"):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(disc)
        painter.setPen(_pen(white, 2 * unit))
        if mark == "done":
            tick = QPainterPath(QPointF(4.8 * unit, 8.2 * unit))
            tick.lineTo(7.2 * unit, 10.6 * unit)
            tick.lineTo(11.4 * unit, 5.6 * unit)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(tick)
        else:
            painter.drawLine(QPointF(4.6 * unit, 8 * unit), QPointF(11.4 * unit, 8 * unit))
    else:  # a ring, half filled while in progress
        painter.setPen(line)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(disc)
        if mark == "in-progress":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(colour))
            painter.drawPie(disc, 90 * 16, 180 * 16)  # the left half
    painter.end()
    return pixmap


def _pen(colour: QColor, width: float) -> QPen:
    pen = QPen(colour)
    pen.setWidthF(width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def restore_theme(settings: QSettings) -> str:
    return apply_theme(str(settings.value(THEME_KEY, "system") or "system"))


def add_theme_menu(window: QMainWindow, settings: QSettings, before: QAction | None) -> QMenu:
    """View > Theme with the three choices; the choice is applied and remembered."""
    translate = QCoreApplication.translate
    view = QMenu(translate("Theme", "&View"), window)
    view.setObjectName("viewMenu")  # View > Language joins this menu (ui/language.py)
    if before is not None:
        window.menuBar().insertMenu(before, view)
    else:
        window.menuBar().addMenu(view)
    menu = view.addMenu(translate("Theme", "&Theme"))
    group = QActionGroup(window)
    current = str(settings.value(THEME_KEY, "system") or "system")
    labels = {
        "system": translate("Theme", "&System"),
        "light": translate("Theme", "&Light"),
        "dark": translate("Theme", "&Dark"),
    }
    for theme in THEMES:
        action = QAction(labels[theme], window)
        action.setCheckable(True)
        action.setChecked(theme == current)
        action.setData(theme)
        action.setObjectName(f"theme_{theme}")
        action.triggered.connect(lambda _checked, t=theme: _choose(settings, t))
        group.addAction(action)
        menu.addAction(action)
    return view


def _choose(settings: QSettings, theme: str) -> None:
    settings.setValue(THEME_KEY, apply_theme(theme))
