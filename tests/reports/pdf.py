"""Reading a PDF back as a person's viewer would: its text (poppler's pdftotext) and its
pages as pictures (pdftoppm)."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

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
