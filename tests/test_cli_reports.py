"""`panel-app export nominees --out FILE.pdf` on a demo workspace, read back with pdftotext."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from panel_app.cli import main
from tests.reports.pdf import pdf_text, readable

SCRIPTS = {
    "Chinese": re.compile(r"[\u4e00-\u9fff]"),
    "Arabic": re.compile(r"[\u0600-\u06ff]"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]"),
}


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    assert main(["demo", "--no-gui", "--count", "400", "--workspace", str(path)]) == 0
    return path


@pytest.fixture
def ws(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ws.sqlite"
    shutil.copyfile(demo_template, path)
    return path


def export(ws: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", "nominees", "--out", str(out), "--workspace", str(ws)]) == 0
    return capsys.readouterr().out


def digest_of(pdf: Path) -> str:
    found = re.search(r"Inputs digest \(SHA-256\) ([0-9a-f]{64})", readable(pdf_text(pdf)))
    assert found is not None
    return found.group(1)


def test_the_pdf_lists_every_nominee_with_names_in_every_script(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = export(ws, tmp_path / "nominees.pdf", capsys)
    assert out.startswith("Wrote ") and "nominees.pdf: a proposal" in out
    export(ws, tmp_path / "nominees.csv", capsys)
    with (tmp_path / "nominees.csv").open(encoding="utf-8-sig", newline="") as handle:
        listed = list(csv.DictReader(handle))
    text = readable(pdf_text(tmp_path / "nominees.pdf"))
    for row in listed:
        assert row["Submission ID"] in text
        # names wrap inside their cell: every word is there, in reading order per line
        for word in row["Organisation"].split():
            assert word in text, (row["Submission ID"], word)
        if row["Calibrated score"]:
            assert row["Calibrated score"] in text
    organisations = " ".join(row["Organisation"] for row in listed)
    assert all(pattern.search(organisations) for pattern in SCRIPTS.values())
    cover = readable(pdf_text(tmp_path / "nominees.pdf").split("\f")[0])
    assert "WSIS Prizes 2020 (wsis-2020)" in cover
    assert str(ws.resolve()) in cover
    assert f"{len(listed)} nominees in 18 categories, ranked by the calibrated method" in cover


def test_the_digest_names_the_inputs_and_the_decisions_are_printed(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--workspace", str(ws))
    export(ws, tmp_path / "a.pdf", capsys)
    export(ws, tmp_path / "b.pdf", capsys)
    assert digest_of(tmp_path / "a.pdf") == digest_of(tmp_path / "b.pdf")  # same data

    export(ws, tmp_path / "list.csv", capsys)
    with (tmp_path / "list.csv").open(encoding="utf-8-sig", newline="") as handle:
        first = next(csv.DictReader(handle))["Submission ID"]
    assert main(["nominee", "remove", first, "--reason", "Withdrawn by the organisation",
                 *where]) == 0  # fmt: skip
    assert main(["nominees", "freeze", "--reason", "Panel meeting of 12 May", *where]) == 0
    capsys.readouterr()
    out = export(ws, tmp_path / "c.pdf", capsys)
    assert "the frozen list" in out
    assert digest_of(tmp_path / "c.pdf") != digest_of(tmp_path / "a.pdf")
    text = readable(pdf_text(tmp_path / "c.pdf"))
    assert "nominee removed" in text and "Withdrawn by the organisation" in text
    assert "list frozen" in text and "Panel meeting of 12 May" in text
    assert "The frozen list: frozen by" in text


def test_a_pdf_name_is_accepted_and_others_refused(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["export", "nominees", "--out", str(tmp_path / "x.docx"), "--workspace", str(ws)])
    assert raised.value.code == 2
    assert "expected a .xlsx, .csv or .pdf file name" in capsys.readouterr().err
