"""The final round on a demo workspace: demo-final, assign, final-round, select, export."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from panel_app.cli import main
from panel_app.formats.results import COLUMNS, FORMAT_VERSION
from tests.libreoffice import convert_to_csv
from tests.reports.pdf import pages_drawn, pdf_text, readable
from tests.test_cli_nomination import run

CATEGORY = "C4-capacity-building"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    assert main(["demo", "--no-gui", "--count", "400", "--workspace", str(path)]) == 0
    assert main(["demo-final", "--workspace", str(path)]) == 0
    return path


@pytest.fixture
def ws(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ws.sqlite"
    shutil.copyfile(demo_template, path)  # closed by the commands: no WAL left behind
    return path


def finalists_of(capsys: pytest.CaptureFixture[str], ws: Path) -> list[dict[str, Any]]:
    code, out, _ = run(
        capsys, "final-round", "--workspace", str(ws), "--category", CATEGORY, "--json"
    )
    assert code == 0
    (category,) = json.loads(out)["categories"]
    return list(category["finalists"])


def test_the_demo_final_round_shows_scores_ranks_w_and_schulze(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "final-round", "--workspace", str(ws), "--category", CATEGORY)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{CATEGORY}: 5 finalists"
    assert lines[1].startswith("  Kendall's W 0.") and "experts (chi-square p" in lines[1]
    assert lines[2].startswith("  score order    ") and lines[3].startswith("  Schulze order  ")
    finalists = finalists_of(capsys, ws)
    assert len(finalists) == 5
    for row in finalists:
        assert row["reviews"] == len(row["expert_ranks"])
        assert str(row["vote"]).startswith("demo: rank ")
        assert set(row["criterion_means"]) >= {"project_scale", "wsis_impact"}
    # Running the demo's final round again adds nothing.
    code, out, _ = run(capsys, "demo-final", "--workspace", str(ws))
    assert "the finalists already recorded; 0 assignments and 0 reviews added" in out


def test_assign_final_needs_no_k_and_refuses_one(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "assign", "--workspace", str(ws), "--round", "final")
    assert code == 0
    assert out.startswith("Assigned every expert of the category to each finalist for the final")
    code, _, err = run(
        capsys, "assign", "--workspace", str(ws), "--round", "final", "--per-project", "3"
    )
    assert code == 1 and "drop --per-project" in err
    code, _, err = run(capsys, "assign", "--workspace", str(ws))
    assert code == 1 and "--per-project K is required" in err


def test_select_records_replaces_and_exports_results(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [str(row["submission_id"]) for row in finalists_of(capsys, ws)]
    where = ("--workspace", str(ws), "--category", CATEGORY)
    code, _, err = run(
        capsys, "select", *where, "--winner", ids[0], "--champions", ",".join(ids[1:4]),
        "--reason", "three only",
    )  # fmt: skip
    assert code == 1 and "5 eligible finalists allow 4; 3 given" in err
    code, out, _ = run(
        capsys, "select", *where, "--winner", ids[0], "--champions", ",".join(ids[1:]),
        "--reason", "=HYPERLINK(\"x\") 评审一致",
    )  # fmt: skip
    assert code == 0 and out.startswith(f"{CATEGORY}: winner {ids[0]}; champions ")
    code, out, _ = run(
        capsys, "select", *where, "--winner", ids[1], "--champions", ",".join([ids[0], *ids[2:]]),
        "--reason", "=HYPERLINK(\"x\") 评审一致",
    )  # fmt: skip
    assert f"replaces the earlier selection: winner {ids[0]}" in out

    xlsx, text = tmp_path / "results.xlsx", tmp_path / "results.csv"
    assert run(capsys, "export", "results", "--workspace", str(ws), "--out", str(xlsx))[0] == 0
    code, out, _ = run(capsys, "export", "results", "--workspace", str(ws), "--out", str(text))
    assert out.startswith("Wrote 5 winners and champions to ")
    assert "no selection yet: C1-governance" in out

    book = openpyxl.load_workbook(xlsx)
    sheet = book["Results"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert [(r[2], r[3]) for r in rows[1:]] == [
        ("winner", ids[1]),
        *sorted((("champion", i) for i in [ids[0], *ids[2:]]), key=lambda p: int(p[1])),
    ]
    assert rows[1][-1] == '=HYPERLINK("x") 评审一致'  # text, not a formula
    assert sheet.cell(2, COLUMNS.index("Reason") + 1).data_type == "s"
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Format version"] == FORMAT_VERSION and about["Edition"] == "wsis-2020"
    assert about["Workspace"] == "ws.sqlite" and len(str(about["Inputs SHA-256"])) == 64

    with text.open(encoding="utf-8-sig", newline="") as handle:
        ours = list(csv.reader(handle))
    assert ours[1][-1] == '\u200b=HYPERLINK("x") 评审一致'  # guarded for spreadsheets
    converted = convert_to_csv(xlsx, tmp_path / "lo", tmp_path / "profile")
    with converted.open(encoding="utf-8", newline="") as handle:
        theirs = list(csv.reader(handle))
    # LibreOffice reads the same table from the .xlsx as ours holds, once our guard is
    # stripped (a reader strips one leading U+200B).
    unescaped = [[cell.removeprefix("\u200b") for cell in row] for row in ours]
    assert theirs == unescaped


def test_the_results_report_pdf_carries_the_workbooks_digest(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    finalists = finalists_of(capsys, ws)
    ids = [str(row["submission_id"]) for row in finalists]
    where = ("--workspace", str(ws))
    code, _, _ = run(
        capsys, "select", *where, "--category", CATEGORY, "--winner", ids[0], "--champions",
        ",".join(ids[1:]), "--reason", "Панель единогласно; 评审一致",
    )  # fmt: skip
    assert code == 0
    xlsx, pdf = tmp_path / "results.xlsx", tmp_path / "results.pdf"
    assert run(capsys, "export", "results", *where, "--out", str(xlsx))[0] == 0
    code, out, _ = run(capsys, "export", "results", *where, "--out", str(pdf), "--json")
    assert code == 0 and json.loads(out)["rows"] == 5
    about = dict(openpyxl.load_workbook(xlsx)["About"].iter_rows(values_only=True))
    assert json.loads(out)["digest"] == about["Inputs SHA-256"]

    text = readable(pdf_text(pdf))
    assert about["Inputs SHA-256"] in text and "wsis-panel-results-report, version 1" in text
    assert "The chair's reason: Панель единогласно; 评审一致" in text
    assert f"Winner: {ids[0]} {readable(str(finalists[0]['title']))}" in text
    first = finalists[0]
    mean = f"{first['mean'] / 10_000:.2f}"
    assert f"{mean} " in text and "Kendall's W: " in text
    assert "Schulze order of the experts' rankings: " in text
    assert "selection recorded" in text

    assert pages_drawn(pdf, tmp_path) >= 3
