"""`panel-app import-past-winners`: plain and JSON output, exit codes, checks after it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from panel_app.cli import main
from panel_app.formats.submission_set_writer import write_past_winners

from .workflow.conftest import submission_row, write_workbook

WINNERS = [
    {"Project title": "Kilimo Salama Mobile", "Organisation": "Organisation 1", "Edition": 2018},
    {"Project title": "HarvestLedger", "Organisation": "Harvest Data Cooperative", "Edition": 2016},
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def ws(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = write_workbook(
        tmp_path / "set.xlsx",
        [submission_row(1, **{"Project title": "KILIMO SALAMA MOBILE"}), submission_row(2)],
    )
    workspace = tmp_path / "ws.sqlite"
    assert run(capsys, "import-submissions", str(path), "--workspace", str(workspace))[0] == 0
    return workspace


def test_import_plain_then_again(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "winners.xlsx"
    write_past_winners(path, WINNERS)
    code, out, _ = run(capsys, "import-past-winners", str(path), "--workspace", str(ws))
    assert code == 0
    assert (
        "Imported winners.xlsx: 2 past winners read; 2 added, 0 already in the list. "
        "The workspace lists 2.\n"
    ) in out
    assert "Rule checks: 1 findings (past-winner 1)" in out

    code, out, _ = run(capsys, "import-past-winners", str(path), "--workspace", str(ws))
    assert code == 0
    assert "2 added" not in out and "0 added, 2 already in the list" in out
    assert "Nothing changed" in out

    code, out, _ = run(capsys, "check", "--workspace", str(ws))
    assert (
        '] 1: The title matches the 2018 winner "Kilimo Salama Mobile" by Organisation 1 '
        "(similarity 100%)"
    ) in out


def test_import_json(ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "winners.csv"
    write_past_winners(path, WINNERS)
    code, out, _ = run(capsys, "import-past-winners", str(path), "--workspace", str(ws), "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["ok"] is True and payload["created"] is False
    assert (payload["added"], payload["unchanged"], payload["total"]) == (2, 0, 2)
    assert payload["added_winners"][0] == {
        "title": "Kilimo Salama Mobile",
        "organisation": "Organisation 1",
        "edition_year": 2018,
        "row": 2,
    }
    assert payload["checks"]["counts"]["past-winner"] == 1


def test_refused_file_exit_1(ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "winners.csv"
    path.write_text("Project title,Organisation\nKilimo,Agri\n", "utf-8")
    code, out, err = run(capsys, "import-past-winners", str(path), "--workspace", str(ws), "--json")
    assert code == 1
    payload = json.loads(out)
    assert payload["ok"] is False
    assert [p["code"] for p in payload["problems"]] == ["past_winners.column_missing"]
    assert "winners.csv, row 1, column 'Edition': The required column 'Edition' is missing" in err

    code, out, err = run(capsys, "import-past-winners", str(path), "--workspace", str(ws))
    assert code == 1 and out == ""
    assert "winners.csv refused: 1 problem" in err


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["import-past-winners"])
    assert caught.value.code == 2
    assert "FILE" in capsys.readouterr().err


def test_an_import_says_what_it_cleaned_from_the_texts(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "winners.csv"
    write_past_winners(path, [{**WINNERS[1], "Organisation": "Harvest\u2066 Data\u2069"}])
    code, out, _ = run(capsys, "import-past-winners", str(path), "--workspace", str(ws))
    assert code == 0
    assert "1 past winners read; 1 added" in out
    assert (
        "  winners.csv, row 2, column 'Organisation': The direction control U+2066 "
        "(LEFT-TO-RIGHT ISOLATE), which can show text reversed or out of order, was removed "
        "(found 'Harvest[U+2066] Data[U+2069]')\n"
    ) in out
    assert "U+2069 (POP DIRECTIONAL ISOLATE)" in out
