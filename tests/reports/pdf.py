"""Reading a PDF back as a person's viewer would: its text (poppler's pdftotext) and its
pages as pictures (pdftoppm)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path

from panel_app.reports.model import Provenance

# pdftotext wraps a right-to-left run in RLE ... PDF; marks carry no letters.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(path: Path, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def readable(text: str) -> str:
    """What a reader sees: Arabic presentation forms back to letters (NFKC), bidi controls
    dropped, whitespace runs as one space."""
    text = _BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]


def render(path: Path, out: Path, *, first: int = 1, last: int = 1, dpi: int = 60) -> list[Path]:
    """The pages as PNG files (pdftoppm), for a person to look at or a test to check."""
    prefix = out / path.stem
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(first), "-l", str(last), str(path),
         str(prefix)],
        check=True,
    )  # fmt: skip
    return sorted(out.glob(f"{path.stem}-*.png"))


def pages_drawn(path: Path, out: Path) -> int:
    """Render every page and check each has something dark on it; the number of pages."""
    from PIL import Image

    count = page_count(path)
    images = render(path, out, first=1, last=count)
    assert len(images) == count
    for image in images:
        with Image.open(image) as picture:
            darkest, _ = picture.convert("L").getextrema()
            assert darkest < 100, image.name  # text drawn, not a blank page
    return count


def provenance(
    report: str, title: str, digest: str, made: datetime, facts: tuple[tuple[str, str], ...]
) -> Provenance:
    """A report's provenance as the tests' edition (wsis-2020) and workspace give it."""
    return Provenance(
        report=report,
        version=1,
        title=title,
        edition_key="wsis-2020",
        edition_title="WSIS Prizes 2020",
        made_at=made,
        made_by="chair",
        workspace="/data/panel-2020.sqlite",
        digest=digest,
        facts=facts,
    )
