"""Building a report PDF: A4 pages with a running footer that names the report and its
inputs' digest, a cover, headings, paragraphs and tables whose text cells are shaped and
wrapped per script (text.py). A report is a list of section functions' flowables; the
file is written beside its destination and moved into place only when complete.

Whatever text reaches a report, it is drawn as written less what no file of the app holds
(panel_app.characters.clean_text: control characters, noncharacters, direction overrides
that would draw a name reversed): every text enters through paragraph(), a table's cell,
the footer or the document's properties, and each of them cleans it. A sentence that holds
names takes them as text.Name, each cleaned and ordered on its own.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from panel_app.characters import clean_text
from panel_app.reports import fonts
from panel_app.reports.lines import Lines
from panel_app.reports.model import Provenance
from panel_app.reports.text import (
    Text,
    is_rtl,
    markup,
    needs_drawing,
    needs_wrapping,
    plain,
    visual,
    wrap,
)

# Binary streams: ASCII85 text would make the file a quarter larger and cost time to encode.
rl_config.useA85 = 0

__all__ = [
    "CONTENT_WIDTH",
    "Cell",
    "build_pdf",
    "cover",
    "facts_table",
    "heading",
    "note",
    "paragraph",
    "table",
]

PAGE = A4
MARGIN = 16 * mm
# The frame's width less its padding (6 points a side): what a paragraph is wrapped to.
CONTENT_WIDTH = PAGE[0] - 2 * MARGIN - 12
GREY = colors.HexColor("#5f6368")
RULE = colors.HexColor("#c8ccd0")
SHADE = colors.HexColor("#eef1f4")

_STYLES = {
    "title": (fonts.BOLD, 24, 30),
    "h1": (fonts.BOLD, 14, 18),
    "h2": (fonts.BOLD, 11, 14),
    "body": (fonts.BODY, 9, 12),
    "small": (fonts.BODY, 7.5, 9.5),
    "cell": (fonts.BODY, 7.5, 9),
    "head": (fonts.BOLD, 7.5, 9),
}


def style(name: str, align: int = TA_LEFT) -> ParagraphStyle:
    font, size, leading = _STYLES[name]
    fonts.register(font)
    return ParagraphStyle(
        f"{name}-{align}",
        fontName=font,
        fontSize=size,
        leading=leading,
        alignment=align,
        textColor=GREY if name == "small" else colors.black,
        spaceAfter=leading / 3 if name in ("body", "h1", "h2") else 0,
        spaceBefore=leading / 2 if name in ("h1", "h2") else 0,
    )


def paragraph(text: Text, kind: str = "body", width: float = CONTENT_WIDTH) -> Flowable:
    """A paragraph of `text` (plain text in any script, or a sentence with names),
    shaped and wrapped to `width`."""
    flat = plain(text)
    return _shaped(flat, width, kind, TA_RIGHT if is_rtl(flat) else TA_LEFT)


def heading(text: Text, level: int = 1) -> Flowable:
    return paragraph(text, "h1" if level == 1 else "h2")


def note(text: Text) -> Flowable:
    return paragraph(text, "small")


Cell = str | int | float | None


def _cell_text(value: Cell, decimals: int) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{decimals}f}"
    return str(value)


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    decimals: int = 2,
) -> Table:
    """A table with a repeated header row; numbers right-aligned, text shaped per script.
    A row taller than a page (a pasted document for a title) goes on over the next."""
    numbers = set(numeric)
    data: list[list[Any]] = [
        [
            _cell(h, widths[i], "head", TA_RIGHT if i in numbers else TA_LEFT)
            for i, h in enumerate(header)
        ]
    ]
    for row in rows:
        data.append(
            [
                _cell(
                    _cell_text(v, decimals), widths[i], "cell", TA_RIGHT if i in numbers else None
                )
                for i, v in enumerate(row)
            ]
        )
    result = Table(
        data, colWidths=list(widths), repeatRows=1, hAlign="LEFT", spaceAfter=4, splitInRow=1
    )
    commands: list[tuple[Any, ...]] = [
        *_plain_cells(),
        *[("ALIGN", (i, 0), (i, -1), "RIGHT") for i in numbers],
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    commands += [("BACKGROUND", (0, i), (-1, i), SHADE) for i in range(2, len(data), 2)]
    result.setStyle(TableStyle(commands))
    return result


def _plain_cells() -> list[tuple[Any, ...]]:
    """How a table draws the cells left as plain strings (see `_cell`)."""
    head, _, _ = _STYLES["head"]
    body, size, leading = _STYLES["cell"]
    return [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, 0), fonts.register(head), size, leading),
        ("FONT", (0, 1), (-1, -1), fonts.register(body), size, leading),
    ]


def _cell(text: str, width: float, kind: str, align: int | None) -> Flowable | str:
    """A table cell: a plain string where one face draws it on one line (most figures and
    IDs; a table draws those far faster than paragraphs), else a shaped paragraph."""
    text = clean_text(text)
    font, size, _ = _STYLES[kind]
    if (
        not is_rtl(text)
        and fonts.covers(font, text)
        and stringWidth(text, font, size) <= width - 4
        and visual(text) == text  # nothing to reorder, and no format control (drawn: a box)
    ):
        return text
    if align is None:  # text: a right-to-left name sits on the right, as it is read
        align = TA_RIGHT if is_rtl(text) else TA_LEFT
    return _shaped(text, width - 4, kind, align)  # 2 points of padding a side


def _shaped(text: str, width: float, kind: str, align: int) -> Flowable:
    """A paragraph of cleaned text: Latin, Cyrillic and the like wrapped by reportlab,
    Arabic and Chinese broken into lines here (see text.wrap) and each line shaped; text
    with a complex script or a character no face has drawn here line by line (lines.py)."""
    font, size, _ = _STYLES[kind]
    if needs_wrapping(text, font):
        lines = wrap(text, width - 1, size, font)  # 1 point of slack for rounding
        rtl = is_rtl(text)
        if needs_drawing(text, font):
            return Lines(lines, style(kind, align), rtl)
        return Paragraph(
            "<br/>".join(markup(line, font, rtl) for line in lines), style(kind, align)
        )
    return Paragraph(markup(text, font), style(kind, align))


def facts_table(pairs: Sequence[tuple[str, str]], label_width: float = 42 * mm) -> Table:
    """Label and value lines, e.g. a report's provenance."""
    rest = CONTENT_WIDTH - label_width
    data = [
        [_cell(label, label_width, "head", TA_LEFT), _cell(value, rest, "cell", None)]
        for label, value in pairs
    ]
    result = Table(data, colWidths=[label_width, rest], hAlign="LEFT", splitInRow=1)
    result.setStyle(
        TableStyle(
            [
                *_plain_cells(),
                ("FONT", (0, 0), (0, -1), fonts.register(fonts.BOLD), *_STYLES["head"][1:]),
                ("FONT", (1, 0), (1, -1), fonts.register(fonts.BODY), *_STYLES["cell"][1:]),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return result


def cover(provenance: Provenance, summary: Sequence[Flowable] = ()) -> list[Flowable]:
    """The first page: what the report is, for which edition, made when and from what."""
    made = provenance.made_at.strftime("%Y-%m-%d %H:%M UTC")
    facts = [
        ("Edition", f"{provenance.edition_title} ({provenance.edition_key})"),
        ("Made at", made),
        ("Made by", provenance.made_by),
        ("Workspace", provenance.workspace),
        ("Inputs digest (SHA-256)", provenance.digest),
        ("Report format", f"{provenance.report}, version {provenance.version}"),
        *provenance.facts,
    ]
    return [
        Spacer(1, 30 * mm),
        paragraph(provenance.edition_title, "h1"),
        paragraph(provenance.title, "title"),
        paragraph(made, "body"),
        Spacer(1, 8 * mm),
        facts_table(facts),
        Spacer(1, 8 * mm),
        *summary,
        PageBreak(),
    ]


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


def room(height: float) -> CondPageBreak:
    """A page break unless `height` points are left on this page."""
    return CondPageBreak(height)


def _footer(provenance: Provenance) -> Any:
    text = clean_text(
        f"{provenance.title} · {provenance.edition_key} · "
        f"{provenance.made_at:%Y-%m-%d %H:%M} UTC · inputs {provenance.short_digest}"
    )

    def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.register(fonts.BODY), 7)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, MARGIN / 2, text)
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"page {document.page}")
        canvas.restoreState()

    return draw


def build_pdf(path: Path, provenance: Provenance, story: Sequence[Flowable]) -> None:
    """Write the report to `path`, replacing it only once it is complete."""
    partial = path.with_name(f".{path.name}.part")
    document = SimpleDocTemplate(
        str(partial),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=clean_text(f"{provenance.title} – {provenance.edition_title}"),
        author=clean_text(provenance.made_by),
        subject=clean_text(
            f"{provenance.report} v{provenance.version}; inputs {provenance.digest}"
        ),
        creator="WSIS Prizes panel app",
    )
    try:
        document.build(
            list(story), onFirstPage=_footer(provenance), onLaterPages=_footer(provenance)
        )
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
