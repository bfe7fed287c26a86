"""Text the reports draw themselves, run by run: where a text holds a complex script
(shaped by HarfBuzz) or a character no face has (drawn as its code), reportlab's
paragraphs cannot draw it, so its lines (broken by text.wrap) are drawn here, each
reordered on its own, each run in its face. Charts' labels use the same runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import DirectDraw
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from panel_app.reports import fonts, shaping
from panel_app.reports.text import Run, run_width, runs, visual

__all__ = ["Lines", "RunShape", "draw_run"]


def draw_run(canvas: Canvas, x: float, y: float, run: Run, size: float, color: Color) -> None:
    """One run (drawing order) with its baseline's start at (x, y)."""
    canvas.setFillColor(color)
    if run.font == fonts.MISSING:
        shaping.draw_codes(canvas, x, y, run.text, size, color)
    elif fonts.shaped(run.font):
        shaping.draw(canvas, x, y, run.text, run.font, size)
    else:
        canvas.setFont(fonts.register(run.font), size)
        canvas.drawString(x, y, run.text)


class Lines(Flowable):  # type: ignore[misc]  # (reportlab has no type hints)
    """A paragraph's lines, already broken (text.wrap, logical order), in a paragraph
    style's face, size, leading, colour and spacing; right-aligned when `rtl`. Splits
    between lines, so a table row taller than a page goes on over the next."""

    def __init__(self, lines: Sequence[str], style: ParagraphStyle, rtl: bool) -> None:
        super().__init__()
        self.lines = list(lines)
        self.style = style
        self.rtl = rtl
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter
        self.width = 0.0

    def _runs(self, line: str) -> list[Run]:
        return runs(visual(line, self.rtl), self.style.fontName)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.style.leading * len(self.lines)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        fit = int(availHeight // self.style.leading)
        if fit < 1:
            return []
        if fit >= len(self.lines):
            return [self]
        return [
            Lines(self.lines[:fit], self.style, self.rtl),
            Lines(self.lines[fit:], self.style, self.rtl),
        ]

    def draw(self) -> None:
        canvas, size = self.canv, self.style.fontSize
        align_right = self.style.alignment == TA_RIGHT
        canvas.saveState()
        for number, line in enumerate(self.lines):
            parts = self._runs(line)
            widths = [run_width(r, size) for r in parts]
            x = self.width - sum(widths) if align_right else 0.0
            y = self.height - size - number * self.style.leading  # as reportlab's paragraphs
            for run, run_width_ in zip(parts, widths, strict=True):
                draw_run(canvas, x, y, run, size, self.style.textColor)
                x += run_width_
        canvas.restoreState()


class RunShape(DirectDraw):  # type: ignore[misc]
    """A run of a chart's label that reportlab's String cannot draw (see module doc)."""

    def __init__(self, x: float, y: float, run: Run, size: float, color: Color) -> None:
        super().__init__()
        self.x, self.y, self.run, self.size, self.color = x, y, run, size, color

    def drawDirectly(self, renderer: object) -> None:  # (reportlab names it so)
        canvas = renderer._canvas  # type: ignore[attr-defined]
        canvas.saveState()
        draw_run(canvas, self.x, self.y, self.run, self.size, self.color)
        canvas.restoreState()

    def getBounds(self) -> tuple[float, float, float, float]:
        width = run_width(self.run, self.size)
        return self.x, self.y - 0.3 * self.size, self.x + width, self.y + self.size
