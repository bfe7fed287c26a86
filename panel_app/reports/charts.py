"""Charts drawn with reportlab.graphics (vector, no matplotlib): score distributions as a
strip per group with its quartile box, and offsets with their error bars. Each takes plain
figures and returns a Drawing that flows like a paragraph."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, Rect, String
from reportlab.lib import colors

from panel_app.characters import clean_text
from panel_app.reports import fonts
from panel_app.reports.lines import RunShape
from panel_app.reports.text import run_width, runs, visual

__all__ = [
    "Bar",
    "Offset",
    "Strip",
    "bars_chart",
    "distribution_chart",
    "offsets_chart",
    "quartiles",
]

INK = colors.HexColor("#1f3b57")
SELECTED = colors.HexColor("#1f77b4")
OTHER = colors.HexColor("#9aa5b1")
BOX = colors.HexColor("#dde3ea")
CUT = colors.HexColor("#c0392b")
AXIS = colors.HexColor("#5f6368")
FLAGGED = colors.HexColor("#d35400")

_LABEL_SIZE = 7.0


@dataclass(frozen=True)
class Strip:
    """One group's scores (points), those selected drawn filled, and its cut if any."""

    label: str
    scores: tuple[float, ...]
    selected: tuple[float, ...] = ()
    cut: float | None = None  # the lowest selected score: the line the list is drawn at


@dataclass(frozen=True)
class Offset:
    label: str
    value: float  # points; positive: lenient
    se: float | None  # standard error, points; the bar is ±1.96 se
    flagged: bool = False


@dataclass(frozen=True)
class Bar:
    """One item's figure as a bar from zero, with an optional range drawn across it."""

    label: str
    value: float
    low: float | None = None  # e.g. the lowest expert's score
    high: float | None = None
    highlighted: bool = False  # drawn in the strong colour (finalists, awarded projects)


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """First quartile, median, third quartile (linear interpolation, as numpy's default)."""
    ordered = sorted(values)

    def at(q: float) -> float:
        position = q * (len(ordered) - 1)
        low = math.floor(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    return at(0.25), at(0.5), at(0.75)


def _text(x: float, y: float, text: str, anchor: str = "start", size: float = _LABEL_SIZE) -> Group:
    """A label, each run of it in a face that has its characters (a Chinese or Hindi title
    in a bar's label is drawn, not boxes), cleaned and shaped as the tables' text."""
    parts = runs(visual(clean_text(text)))
    widths = [run_width(r, size) for r in parts]
    start = x - sum(widths) * {"end": 1.0, "middle": 0.5}.get(anchor, 0.0)
    label = Group()
    for run, width in zip(parts, widths, strict=True):
        if fonts.shaped(run.font) or run.font == fonts.MISSING:  # (see lines.py)
            label.add(RunShape(start, y, run, size, AXIS))
        else:
            label.add(String(start, y, run.text, fontName=fonts.register(run.font),
                             fontSize=size, fillColor=AXIS))  # fmt: skip
        start += width
    return label


def _axis(
    drawing: Drawing, left: float, right: float, low: float, high: float, y: float, step: float
) -> None:
    drawing.add(Line(left, y, right, y, strokeColor=AXIS, strokeWidth=0.5))
    tick = math.ceil(low / step) * step
    while tick <= high + 1e-9:
        x = left + (tick - low) / (high - low) * (right - left)
        drawing.add(Line(x, y, x, y - 2, strokeColor=AXIS, strokeWidth=0.5))
        drawing.add(_text(x, y - 9, f"{tick:g}", "middle"))
        tick += step


def _dot(path: Path, x: float, y: float, r: float) -> None:
    """A small diamond: hundreds of dots as one path draw far faster than as circles."""
    path.moveTo(x - r, y)
    path.lineTo(x, y + r)
    path.lineTo(x + r, y)
    path.lineTo(x, y - r)
    path.closePath()


def _range(
    values: Sequence[float], step: float, floor: float, ceiling: float
) -> tuple[float, float]:
    if not values:
        return floor, ceiling
    low = max(floor, math.floor(min(values) / step) * step)
    high = min(ceiling, math.ceil(max(values) / step) * step)
    return (low, high) if high > low else (low - step, high + step)


def distribution_chart(strips: Sequence[Strip], width: float, label_width: float = 150) -> Drawing:
    """One strip per group: every score a dot (selected filled), the quartile box, the
    median and the cut line."""
    row, bottom = 20.0, 28.0
    height = bottom + row * len(strips) + 4
    drawing = Drawing(width, height)
    left, right = label_width, width - 6
    low, high = _range([s for strip in strips for s in strip.scores], 10, 0, 100)

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    for index, strip in enumerate(strips):
        y = height - 4 - row * (index + 0.5)
        drawing.add(_text(left - 4, y - 2.5, strip.label, "end"))
        if strip.scores:
            q1, median, q3 = quartiles(strip.scores)
            drawing.add(
                Rect(
                    x_of(q1),
                    y - 6,
                    max(x_of(q3) - x_of(q1), 0.5),
                    12,
                    fillColor=BOX,
                    strokeColor=None,
                )
            )
            drawing.add(Line(x_of(median), y - 6, x_of(median), y + 6, strokeColor=INK))
        filled, hollow = (
            Path(fillColor=SELECTED, strokeColor=None),
            Path(fillColor=None, strokeColor=OTHER, strokeWidth=0.4),
        )
        selected = list(strip.selected)
        for order, score in enumerate(sorted(strip.scores)):
            chosen = score in selected
            if chosen:
                selected.remove(score)
            jitter = ((order * 7) % 5 - 2) * 1.6  # spread equal scores without randomness
            _dot(filled if chosen else hollow, x_of(score), y + jitter, 1.4)
        drawing.add(hollow)
        drawing.add(filled)
        if strip.cut is not None:
            x = x_of(strip.cut)
            drawing.add(Line(x, y - 8, x, y + 8, strokeColor=CUT, strokeWidth=0.9))
    _axis(drawing, left, right, low, high, bottom - 6, 10 if high - low > 30 else 5)
    drawing.add(_text(right, 0, "points out of 100", "end"))
    return drawing


def offsets_chart(offsets: Sequence[Offset], width: float, label_width: float = 60) -> Drawing:
    """Each expert's offset with its 95% bar (±1.96 standard errors) around zero."""
    row, bottom = 11.0, 28.0
    height = bottom + row * len(offsets) + 4
    drawing = Drawing(width, height)
    left, right = label_width, width - 6
    reach = max([abs(o.value) + 1.96 * (o.se or 0) for o in offsets] + [1.0])
    step = 1.0 if reach <= 6 else 2.0 if reach <= 12 else 5.0
    span = math.ceil(reach / step) * step
    low, high = -span, span

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    drawing.add(
        Line(
            x_of(0),
            bottom - 6,
            x_of(0),
            height - 2,
            strokeColor=AXIS,
            strokeWidth=0.5,
            strokeDashArray=[2, 2],
        )
    )
    for index, offset in enumerate(offsets):
        y = height - 4 - row * (index + 0.5)
        colour = FLAGGED if offset.flagged else INK
        drawing.add(_text(left - 4, y - 2.5, offset.label, "end"))
        if offset.se is not None:
            a, b = x_of(offset.value - 1.96 * offset.se), x_of(offset.value + 1.96 * offset.se)
            drawing.add(Line(a, y, b, y, strokeColor=colour, strokeWidth=0.7))
            for x in (a, b):
                drawing.add(Line(x, y - 2, x, y + 2, strokeColor=colour, strokeWidth=0.7))
        drawing.add(Circle(x_of(offset.value), y, 2, fillColor=colour, strokeColor=None))
    _axis(drawing, left, right, low, high, bottom - 6, step)
    drawing.add(_text(right, 0, "points: − severe, + lenient", "end"))
    return drawing


def bars_chart(
    bars: Sequence[Bar],
    width: float,
    unit: str,
    *,
    ceiling: float | None = None,
    figure: str = "{:,.0f}",
    label_width: float = 150,
) -> Drawing:
    """A horizontal bar per item from zero (highlighted ones filled strong), its value at
    the end and, where given, a line from `low` to `high` across it."""
    row, bottom = 12.0, 28.0
    height = bottom + row * len(bars) + 4
    drawing = Drawing(width, height)
    left, right = label_width, width - 30  # room for the value after the longest bar
    top = max([b.high if b.high is not None else b.value for b in bars] + [1.0])
    high = ceiling if ceiling is not None else top
    step = _step(high)
    high = max(step, math.ceil(high / step) * step)

    def x_of(value: float) -> float:
        return left + max(0.0, min(value, high)) / high * (right - left)

    for index, bar in enumerate(bars):
        y = height - 4 - row * (index + 0.5)
        drawing.add(_text(left - 4, y - 2.5, bar.label, "end"))
        drawing.add(
            Rect(
                left,
                y - 3.5,
                max(x_of(bar.value) - left, 0.3),
                7,
                fillColor=SELECTED if bar.highlighted else OTHER,
                strokeColor=None,
            )
        )
        if bar.low is not None and bar.high is not None:
            a, b = x_of(bar.low), x_of(bar.high)
            drawing.add(Line(a, y, b, y, strokeColor=INK, strokeWidth=0.8))
            for x in (a, b):
                drawing.add(Line(x, y - 3, x, y + 3, strokeColor=INK, strokeWidth=0.8))
        end = max(x_of(bar.value), x_of(bar.high) if bar.high is not None else 0.0)
        drawing.add(_text(end + 3, y - 2.5, figure.format(bar.value)))
    _axis(drawing, left, right, 0.0, high, bottom - 6, step)
    drawing.add(_text(right, 0, unit, "end"))
    return drawing


def _step(high: float) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving at most eight ticks."""
    magnitude = 10.0 ** math.floor(math.log10(max(high, 1.0)))
    for factor in (0.1, 0.2, 0.5, 1.0, 2.0, 5.0):
        if high / (magnitude * factor) <= 8:
            return max(magnitude * factor, 1.0)
    return magnitude * 10
