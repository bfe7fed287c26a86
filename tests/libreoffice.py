"""LibreOffice (headless) as a real client of the files we write: a test requirement
(Debian's libreoffice-calc-nogui, installed by ./dev test)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

# LibreOffice's CSV export: comma, double quotes, UTF-8 (76), from the first line; cells as
# shown (so a score formatted 0.00 reads as it does on screen).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1"


def office_command(profile: Path) -> list[str]:
    """soffice, headless, with its own user profile (tests run in parallel with others)."""
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is needed: apt-get install libreoffice-calc-nogui"
    return [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}"]


def convert_to_csv(workbook: Path, out_dir: Path, profile: Path) -> Path:
    """The first sheet of `workbook` as LibreOffice saves it to .csv."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            *office_command(profile),
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out_dir),
            str(workbook),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    converted = out_dir / (workbook.stem + ".csv")
    assert converted.exists(), "LibreOffice did not convert the workbook"
    return converted


# LibreOffice's CSV import as a person gets it at worst: comma, double quotes, UTF-8, from
# the first line, English (United States), special numbers detected and formulas evaluated
# (tokens 1-8 and 13 of the filter's options; 9-12 are the export's).
CSV_IMPORT = "Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1,true"


def csv_as_shown(files: list[Path], out_dir: Path, profile: Path) -> dict[str, list[list[str]]]:
    """Each .csv of `files` as LibreOffice opens it and shows it: every cell's text as drawn
    (a formula as its result, a number in the cell's format), by file name. One run of
    LibreOffice for them all."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            *office_command(profile),
            f"--infilter={CSV_IMPORT}",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(out_dir),
            *(str(f) for f in files),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    shown: dict[str, list[list[str]]] = {}
    for source in files:
        converted = out_dir / source.name
        assert converted.exists(), f"LibreOffice did not open {source.name}"
        with converted.open(encoding="utf-8", newline="") as handle:
            shown[source.name] = list(csv.reader(handle))
    return shown
