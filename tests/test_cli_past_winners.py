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
        '] 1: Matches the 2018 winner "Kilimo Salama Mobile" by Organisation 1, the same '
        "organisation as this submission's (Organisation 1): titles 100% alike, 100% without "
        'edition, version and phase words ("kilimo salama mobile" / "kilimo salama mobile")'
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


def test_a_list_with_descriptions_finds_a_renamed_and_reworded_winner(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rename of issue 13 ("… Phase II: Scaling Up"), its text reworded: found by the
    title core and the text, each scored in the finding `panel-app check` prints."""
    text = (
        "HarvestLedger keeps the harvest records of smallholder cooperatives in Rwanda on "
        "shared ledgers, so that buyers pay within a week and banks lend against stored maize."
    )
    reworded = (
        "Smallholder cooperatives in Rwanda keep harvest records on shared ledgers: buyers "
        "pay within one week, and banks lend against the maize they store."
    )
    rows = [
        submission_row(
            1,
            **{
                "Project title": "HarvestLedger Phase II: Scaling Up",
                "Organisation": "HARVEST DATA CO-OPERATIVE",
                "Project summary": reworded,
            },
        )
    ]
    workspace = tmp_path / "ws.sqlite"
    path = write_workbook(tmp_path / "set.xlsx", rows)
    assert run(capsys, "import-submissions", str(path), "--workspace", str(workspace))[0] == 0
    winners = tmp_path / "winners.csv"
    write_past_winners(winners, [WINNERS[0], {**WINNERS[1], "Description": text}])
    code, out, _ = run(capsys, "import-past-winners", str(winners), "--workspace", str(workspace))
    assert code == 0 and "past-winner 1)" in out  # (and the short summary's finding)
    code, out, _ = run(capsys, "check", "--workspace", str(workspace), "--json")
    [finding] = [f for f in json.loads(out)["findings"] if f["rule_id"] == "past-winner"]
    assert finding["severity"] == "ineligible"
    assert finding["evidence"].startswith(
        'Matches the 2016 winner "HarvestLedger" by Harvest Data Cooperative, the same '
        "organisation as this submission's (HARVEST DATA CO-OPERATIVE): titles "
    )
    assert (
        '100% without edition, version and phase words ("harvestledger" / ' in (finding["evidence"])
    )
    assert "; texts " in finding["evidence"]
