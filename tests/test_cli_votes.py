"""The vote commands on a demo workspace: import-votes (text and JSON), finalists,
export finalists."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from panel_app.demo.votes import VoteTruth, generate_votes, write_votes_csv
from panel_app.workflow.vote.public_vote import frozen_nominees
from panel_app.workflow.workspace import locate_workspace, open_workspace
from tests.reports.pdf import pages_drawn, pdf_text, readable
from tests.test_cli_nomination import demo_template, run, ws

__all__ = ["demo_template", "ws"]  # the fixtures, shared with the nomination commands' tests


def test_import_votes_prints_the_audit_and_finalists_lists_them(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--workspace", str(ws))
    votes = tmp_path / "votes.csv"
    votes.write_text("Category,Submission ID,Votes\n", encoding="utf-8")
    code, _, err = run(capsys, "import-votes", str(votes), *where)
    assert code == 1 and "freeze the nominee list first" in err

    assert run(capsys, "nominees", "freeze", "--reason", "Panel meeting", *where)[0] == 0
    with open_workspace(locate_workspace(ws)) as workspace:
        nominees = frozen_nominees(workspace)
        truth = VoteTruth()
        write_votes_csv(votes, generate_votes(workspace.edition, nominees, 4000, truth))
    code, out, _ = run(capsys, "import-votes", str(votes), *where)
    assert code == 0
    assert f"{truth.rows:,} votes read: " in out
    assert f"  after_close (cast after the vote closed): {truth.rejected['after_close']:,}" in out
    assert "Finalists per category (top 5 by valid votes):" in out

    code, out, _ = run(capsys, "import-votes", str(votes), *where, "--json")
    data = json.loads(out)
    assert code == 0 and data["ok"] and not data["changed"]
    assert data["audit"]["rejected"] == truth.rejected
    assert data["audit"]["valid"] + data["audit"]["rejected_total"] == truth.rows

    code, out, _ = run(capsys, "finalists", *where, "--json")
    listing = json.loads(out)
    assert code == 0 and listing["file"] == "votes.csv"
    for outcome in data["audit"]["categories"]:
        assert listing["finalists"].get(outcome["category_key"], []) == outcome["finalists"] or (
            set(listing["finalists"].get(outcome["category_key"], [])) == set(outcome["finalists"])
        )
    code, out, _ = run(capsys, "finalists", *where)
    assert code == 0 and out.startswith("Votes of votes.csv, imported ")

    book = tmp_path / "finalists.xlsx"
    code, out, _ = run(capsys, "export", "finalists", "--out", str(book), *where, "--json")
    exported = json.loads(out)
    assert code == 0 and exported["path"] == str(book)
    assert exported["finalists"] == sum(len(ids) for ids in listing["finalists"].values())
    assert exported["rows"] == exported["finalists"] + exported["tied"]
    sheet = openpyxl.load_workbook(book)["Finalists"]
    assert sheet.max_row == 1 + exported["rows"]
    code, out, _ = run(capsys, "export", "finalists", "--out", str(tmp_path / "f.csv"), *where)
    assert code == 0 and out.startswith(f"Wrote {exported['finalists']} finalists to ")

    # The PDF report: the same inputs digest as the workbook's About sheet, the vote audit
    # in the rules' words, every nominee's votes, names in their own script.
    report = tmp_path / "finalists.pdf"
    code, out, _ = run(capsys, "export", "finalists", "--out", str(report), *where, "--json")
    assert code == 0 and json.loads(out)["inputs_sha256"] == exported["inputs_sha256"]
    about = dict(openpyxl.load_workbook(book)["About"].iter_rows(values_only=True))
    text = readable(pdf_text(report))
    assert about["Inputs SHA-256"] in text and about["Vote file SHA-256"] in text
    rows = readable(pdf_text(report, layout=True))  # a table's row on one line
    assert f"Votes read {truth.rows:,}" in rows
    assert f"after_close cast after the vote closed {truth.rejected['after_close']:,}" in rows
    with open_workspace(locate_workspace(ws)) as workspace:
        organisations = {n.organisation for n in frozen_nominees(workspace)}
    scripts = [o for o in organisations if any(ord(c) > 0x2FF for c in o)]
    assert scripts and all(_shown(name, text) for name in scripts)
    assert pages_drawn(report, tmp_path) >= 3  # cover, audit, categories


def _shown(name: str, text: str) -> bool:
    """Whether the name is in the text; for Arabic, its words (pdftotext puts a neutral
    " - " between two Arabic runs on the wrong side, though the page draws it right)."""
    name = readable(name)
    if any("\u0600" <= c <= "\u06ff" for c in name):
        return all(word in text for word in name.split() if word != "-")
    return name in text


def test_a_refused_vote_file_exits_1_with_located_problems(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--workspace", str(ws))
    assert run(capsys, "nominees", "freeze", "--reason", "Panel meeting", *where)[0] == 0
    votes = tmp_path / "votes.csv"
    votes.write_text("Voter account,Category,Submission ID,Voted at\n", encoding="utf-8")
    code, out, err = run(capsys, "import-votes", str(votes), *where, "--json")
    assert code == 1
    problems = json.loads(out)["problems"]
    assert {p["column"] for p in problems} == {
        "Voter organisation",
        "Organisation type",
        "Country",
        "E-mail",
    }
    assert "votes.csv, row 1, column 'E-mail'" in err
    assert run(capsys, "finalists", *where)[0] == 1


def test_demo_votes_writes_a_vote_file_that_import_votes_audits_as_planted(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--workspace", str(ws))
    votes = tmp_path / "demo-votes.xlsx"
    code, _, err = run(capsys, "demo-votes", "--out", str(votes), *where)
    assert code == 1 and "freeze the nominee list first" in err and not votes.exists()

    assert run(capsys, "nominees", "freeze", "--reason", "Panel meeting", *where)[0] == 0
    code, out, _ = run(capsys, "demo-votes", "--out", str(votes), "--rows", "3000", *where)
    assert code == 0 and f"Next: panel-app import-votes {votes}" in out
    planted = json.loads(
        run(capsys, "demo-votes", "--out", str(votes), "--rows", "3000", *where, "--json")[1]
    )["planted"]
    assert set(planted) >= {"after_close", "duplicate", "own_organisation", "not_nominee"}

    code, out, _ = run(capsys, "import-votes", str(votes), *where, "--json")
    audit = json.loads(out)["audit"]
    assert code == 0
    assert {reason: n for reason, n in audit["rejected"].items() if n} == planted
