"""The nomination commands on a demo workspace: rank, nominate, decide, freeze, export
(.xlsx, .csv, and the PDF report read back with pdftotext; a name no font draws, said)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from panel_app.cli import main
from tests.reports.pdf import pdf_text, readable


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def overrule_nominees_findings(capsys: pytest.CaptureFixture[str], *where: str) -> list[int]:
    """Overrule, with a reason, every open finding on a nominee (the demo plants rule 3 and
    4 pairs, and a list with an open finding cannot be frozen); the findings' ids."""
    capsys.readouterr()  # what earlier commands printed
    code, out, _ = run(capsys, "nominate", *where, "--json")
    assert code == 0
    ids = [f["finding_id"] for n in json.loads(out)["nominees"] for f in n["open_findings"]]
    for finding in ids:
        reason = "Checked at the panel meeting: two different projects"
        assert run(capsys, "overrule", str(finding), "--reason", reason, *where)[0] == 0
    return ids


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    assert main(["demo", "--no-gui", "--count", "400", "--workspace", str(path)]) == 0
    return path


@pytest.fixture
def ws(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ws.sqlite"
    shutil.copyfile(demo_template, path)  # closed by the demo command: no WAL left behind
    return path


def test_rank_shows_the_figures_behind_each_place(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "rank", "--workspace", str(ws), "--category", "C4-capacity-building")
    assert code == 0
    heading = out.splitlines()[0]
    assert heading.startswith("C4-capacity-building: ")
    assert "ranked by calibrated; agreement (Krippendorff's alpha, interval)" in heading
    assert "rank       ID   score     raw  calib.  median  n       min-max" in out

    code, out, _ = run(
        capsys, "rank", "--workspace", str(ws), "--category", "C4-capacity-building", "--json"
    )
    (result,) = json.loads(out)["results"]
    ranks = [row["rank"] for row in result["rows"]]
    assert ranks == list(range(1, len(ranks) + 1))
    assert result["method_used"] == "calibrated"
    assert {"expert_id", "offset", "offset_se"} <= set(result["experts"][0])


def test_the_chair_decides_freezes_and_exports(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--workspace", str(ws))
    code, out, _ = run(capsys, "nominate", *where, "--json")
    assert code == 0
    listing = json.loads(out)
    nominees = [n for n in listing["nominees"] if n["category_key"] == "C4-capacity-building"]
    first = nominees[0]["submission_id"]

    code, out, _ = run(capsys, "nominee", "remove", first, "--reason", "Withdrawn", *where)
    assert code == 0
    assert f"Submission {first} (C4-capacity-building) removed from the nominee list" in out

    code, _, err = run(capsys, "nominee", "remove", first, "--reason", "again", *where)
    assert code == 1
    assert f"submission {first} is not on the nominee list" in err

    code, _, err = run(capsys, "nominees", "freeze", "--reason", "Panel meeting", *where)
    assert code == 1
    assert "the list cannot be frozen while nominees have open rule findings: " in err
    flagged = overrule_nominees_findings(capsys, *where)
    assert flagged and all(f"finding {finding}, " in err for finding in flagged)
    code, out, _ = run(capsys, "nominees", "freeze", "--reason", "Panel meeting", *where)
    assert code == 0 and out.startswith("Nominee list frozen: ")

    code, _, err = run(capsys, "nominee", "add", first, "--reason", "Back in", *where)
    assert code == 1 and "the nominee list is frozen" in err

    out_file = tmp_path / "nominees.csv"
    code, out, _ = run(capsys, "export", "nominees", "--out", str(out_file), *where)
    assert code == 0 and "the frozen list" in out
    with out_file.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    c4 = [r for r in rows if r["Category key"] == "C4-capacity-building"]
    assert first not in {r["Submission ID"] for r in c4}
    assert len(c4) == 20
    assert all(r["Status"] == "nominee" for r in c4)


def test_usage_errors_exit_2(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "nominees", "--out", "list.docx", "--workspace", str(ws)])
    assert exit_info.value.code == 2
    assert "expected a .xlsx, .csv or .pdf file name" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["nominee", "add", "13001", "--workspace", str(ws)])  # no --reason
    assert exit_info.value.code == 2


# ---- the PDF report (docs/formats/reports.md) ------------------------------------------
SCRIPTS = {
    "Chinese": re.compile(r"[\u4e00-\u9fff]"),
    "Arabic": re.compile(r"[\u0600-\u06ff]"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]"),
}


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
    overrule_nominees_findings(capsys, *where)
    assert main(["nominees", "freeze", "--reason", "Panel meeting of 12 May", *where]) == 0
    capsys.readouterr()
    out = export(ws, tmp_path / "c.pdf", capsys)
    assert "the frozen list" in out
    assert digest_of(tmp_path / "c.pdf") != digest_of(tmp_path / "a.pdf")
    text = readable(pdf_text(tmp_path / "c.pdf"))
    assert "nominee removed" in text and "Withdrawn by the organisation" in text
    assert "list frozen" in text and "Panel meeting of 12 May" in text
    assert "The frozen list: frozen by" in text


def test_a_name_no_font_draws_is_printed_as_codes_and_the_export_says_so(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export(ws, tmp_path / "list.csv", capsys)
    with (tmp_path / "list.csv").open(encoding="utf-8-sig", newline="") as handle:
        first = next(csv.DictReader(handle))["Submission ID"]
    with closing(sqlite3.connect(ws)) as db, db:  # a name in Dzongkha: Tibetan script
        db.execute(
            "UPDATE submission SET organisation = ? WHERE submission_id = ?",
            ("འབྲུག Telecom", first),
        )
    out = export(ws, tmp_path / "nominees.pdf", capsys)
    assert out.splitlines()[1] == (
        "Note: 5 character(s) no font of the app has are printed in the report as their code "
        f"point in a frame: U+0F60 TIBETAN LETTER -A (in {first}); U+0F56 TIBETAN LETTER BA "
        f"(in {first}); U+0FB2 TIBETAN SUBJOINED LETTER RA (in {first}); U+0F74 TIBETAN VOWEL "
        f"SIGN U (in {first}); U+0F42 TIBETAN LETTER GA (in {first})."
    )
    assert "འབྲུག Telecom" in readable(pdf_text(tmp_path / "nominees.pdf"))
    code, out, _ = run(
        capsys, "export", "nominees", "--out", str(tmp_path / "again.pdf"), "--workspace",
        str(ws), "--json",
    )  # fmt: skip
    assert code == 0 and "U+0F60 TIBETAN LETTER -A" in json.loads(out)["warnings"][0]
    export(ws, tmp_path / "list.xlsx", capsys)  # the lists hold the name as it is: no note
    assert "Note:" not in export(ws, tmp_path / "list.csv", capsys)


def test_an_edition_with_no_fixed_count_says_why_and_takes_a_rule_in_one_step(
    tmp_path: Path, ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d2017.sqlite"
    where = ("--workspace", str(path))
    assert main(["demo", "--no-gui", "--count", "150", "--edition", "wsis-2017", *where]) == 0
    capsys.readouterr()
    code, out, _ = run(capsys, "nominate", *where)
    assert code == 0
    assert out.startswith(
        "Nothing is proposed: wsis-2017 sets no nominee count (a list of nominees of no fixed "
        "size). Propose by a rule (`panel-app nominate --top K` or `--threshold POINTS`, then "
        "`--add --reason TEXT`)"
    )
    assert "give one to propose" not in out
    code, out, _ = run(capsys, "nominate", "--top", "2", *where, "--json")
    proposal = json.loads(out)
    assert proposal["rule"] == "the top 2 of each category" and proposal["nominees"] == []
    assert 30 <= len(proposal["proposed"]) <= 40  # 18 categories; a tie is left to the chair

    code, _, err = run(capsys, "nominate", "--add", "--reason", "x", *where)
    assert code == 1 and "--add needs the rule: --top K or --threshold POINTS" in err
    code, _, err = run(capsys, "nominate", "--top", "2", "--add", *where)
    assert code == 1 and "--add needs --reason TEXT" in err
    code, out, _ = run(capsys, "nominate", "--top", "2", "--add", "--reason", "Day 1", *where)
    picked = [p["submission_id"] for p in proposal["proposed"] if p["status"] == "proposed"]
    assert code == 0 and out.startswith(f"{len(picked)} submissions added to the nominee list")
    code, out, _ = run(capsys, "nominate", *where, "--json")
    assert sorted(n["submission_id"] for n in json.loads(out)["nominees"]) == sorted(picked)

    code, out, _ = run(capsys, "nominee", "remove", *picked[:3], "--reason", "Withdrawn", *where)
    assert code == 0 and out.startswith("3 submissions removed from the nominee list")
    code, _, err = run(capsys, "nominee", "add", picked[0], "nope", "--reason", "back", *where)
    assert code == 1 and "no submission with ID 'nope'" in err
    code, out, _ = run(capsys, "nominee", "add", picked[0], "--reason", "back", *where)
    assert out.startswith(f"Submission {picked[0]} (")  # one: said as before

    code, _, err = run(capsys, "nominate", "--top", "2", "--workspace", str(ws))  # 2020
    assert code == 1 and "wsis-2020 fixes 20 nominees per category" in err
