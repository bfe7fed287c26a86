"""The vote commands on a demo workspace: import-votes (text and JSON), finalists,
export finalists."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from panel_app.demo.votes import VoteTruth, generate_votes, write_votes_csv
from panel_app.workflow.vote.public_vote import frozen_nominees
from panel_app.workflow.workspace import locate_workspace, open_workspace
from tests.reports.pdf import pages_drawn, pdf_text, readable
from tests.test_cli_nomination import demo_template, overrule_nominees_findings, run, ws

__all__ = ["demo_template", "ws"]  # the fixtures, shared with the nomination commands' tests


def test_import_votes_prints_the_audit_and_finalists_lists_them(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--workspace", str(ws))
    votes = tmp_path / "votes.csv"
    votes.write_text("Category,Submission ID,Votes\n", encoding="utf-8")
    code, _, err = run(capsys, "import-votes", str(votes), *where)
    assert code == 1 and "freeze the nominee list first" in err

    overrule_nominees_findings(capsys, *where)
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


def test_votes_cast_before_the_vote_opened_are_rejected_and_counted(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The platform's export with 300 valid votes moved to the days before the vote opened
    (21 Dec 2019, 00:00 Geneva): each is rejected as before_open, in the command's output,
    its JSON, the finalists report and the PDF; a vote at 00:00:00 counts, 23:59:59 not."""
    where = ("--workspace", str(ws))
    overrule_nominees_findings(capsys, *where)
    assert run(capsys, "nominees", "freeze", "--reason", "Panel meeting", *where)[0] == 0
    votes = tmp_path / "votes.csv"
    with open_workspace(locate_workspace(ws)) as workspace:
        nominees = frozen_nominees(workspace)
        edition = workspace.edition
        truth = VoteTruth()
        write_votes_csv(votes, generate_votes(edition, nominees, 4000, truth))
    assert edition.vote_opens is not None
    opening = edition.vote_opens.replace(tzinfo=None)
    assert opening == datetime(2019, 12, 21, 0, 0)
    with votes.open(encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    category, submission, cast_at = (
        header.index(h) for h in ("Category", "Submission ID", "Voted at")
    )
    ballots = Counter((row[0], row[category]) for row in rows)
    moved = [
        n
        for n, row in enumerate(rows)
        if n + 2 not in truth.reasons  # a valid vote, its voter's only one in the category
        and ballots[row[0], row[category]] == 1
        and row[cast_at] != opening.isoformat(sep=" ")
    ][:300]
    assert len(moved) == 300
    lost: Counter[str] = Counter()
    for k, n in enumerate(moved):
        rows[n][cast_at] = (opening - timedelta(seconds=1 + 997 * k)).isoformat(sep=" ")
        lost[rows[n][submission]] += 1
    nominee = nominees[0]
    for voter, at in (
        ("edge-early", "2019-12-20 23:59:59"),
        ("edge-on-time", "2019-12-21 00:00:00"),
    ):
        cells = {"Voter account": voter, "Voter organisation": f"{voter} association",
                 "Organisation type": "Civil society", "Country": "Kenya",
                 "E-mail": f"{voter}@example.org", "Category": nominee.category_key,
                 "Submission ID": nominee.submission_id, "Voted at": at}  # fmt: skip
        rows.append([cells[h] for h in header])
    with votes.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *rows])
    before_open = truth.rejected["before_open"] + 300 + 1
    valid = sum(truth.valid_votes.values()) - 300 + 1

    code, out, _ = run(capsys, "import-votes", str(votes), *where)
    assert code == 0
    assert f"{truth.rows + 2:,} votes read: {valid:,} valid, " in out
    assert f"  before_open (cast before the vote opened): {before_open:,}" in out
    assert ": before_open: cast 2019-12-2" in out  # an example, with its time in Geneva

    code, out, _ = run(capsys, "finalists", *where, "--json")
    audit = json.loads(out)["audit"]
    assert audit["rejected"]["before_open"] == before_open
    assert audit["rejected"] == {**truth.rejected, "before_open": before_open}
    assert (audit["valid"], audit["votes_read"]) == (valid, truth.rows + 2)
    assert audit["vote_opens"] == "2019-12-21T00:00:00+01:00"
    counted = {s["submission_id"]: s["votes"] for c in audit["categories"] for s in c["standings"]}
    expected = Counter(truth.valid_votes)
    expected.subtract(lost)
    expected[nominee.submission_id] += 1  # the vote at the opening instant
    assert counted == dict(expected)

    report = tmp_path / "finalists.pdf"
    assert run(capsys, "export", "finalists", "--out", str(report), *where)[0] == 0
    rows_text = readable(pdf_text(report, layout=True))
    assert f"before_open cast before the vote opened {before_open:,}" in rows_text
    assert "Vote opened 2019-12-20 23:00 UTC" in rows_text
    assert "Vote closed 2020-01-24 22:00 UTC" in rows_text


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
    overrule_nominees_findings(capsys, *where)
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

    overrule_nominees_findings(capsys, *where)
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
