"""audit verify, show and export on a real workspace, as a chair and as an attacker with
the database file would use them."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from panel_app.cli import main

from .workflow.conftest import submission_row, write_workbook


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stopped:  # argparse's usage errors
        code = int(stopped.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def ws(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Two imports by the secretariat, then the chair's overrule of a finding."""
    path = tmp_path / "ws.sqlite"
    rows = [submission_row(i, SDGs=None if i == 3 else "3; 5") for i in range(1, 6)]
    first = write_workbook(tmp_path / "set.xlsx", rows)
    assert main(["import-submissions", str(first), "--workspace", str(path),
                 "--actor", "secretariat"]) == 0  # fmt: skip
    more = write_workbook(tmp_path / "more.xlsx", [*rows, submission_row(6)])
    assert main(["import-submissions", str(more), "--workspace", str(path),
                 "--actor", "secretariat"]) == 0  # fmt: skip
    capsys.readouterr()
    _, out, _ = run(capsys, "check", "--workspace", str(path), "--json")
    finding = next(f for f in json.loads(out)["findings"] if f["submission_id"] == "3")
    assert main(["overrule", str(finding["id"]), "--reason", "SDG 3 named in the text",
                 "--workspace", str(path), "--actor", "chair"]) == 0  # fmt: skip
    capsys.readouterr()
    return path


def test_verify_says_intact_and_exits_0(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "audit", "verify", "--workspace", str(ws))
    assert code == 0
    assert out.startswith("the audit log is intact: ")
    code, out, _ = run(capsys, "audit", "verify", "--workspace", str(ws), "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True and report["entries"] >= 3
    assert len(report["head"]) == 64 and report["broken_at"] is None


def tampered(ws: Path, *statements: str) -> None:
    with sqlite3.connect(ws) as db:
        db.execute("DROP TRIGGER audit_log_no_update")
        db.execute("DROP TRIGGER audit_log_no_delete")
        for statement in statements:
            db.execute(statement)
    db.close()


@pytest.mark.parametrize(
    ("statements", "kind", "entry"),
    [
        (["UPDATE audit_log SET actor = 'x' WHERE action = 'finding.overruled'"], "edited", None),
        (["DELETE FROM audit_log WHERE id = 1"], "deleted", 2),
        (["UPDATE audit_log SET id = 100 WHERE id = 1", "UPDATE audit_log SET id = 1 WHERE id = 2",
          "UPDATE audit_log SET id = 2 WHERE id = 100"], "reordered", 1),
    ],
)  # fmt: skip
def test_verify_names_the_first_broken_entry_and_exits_1(
    ws: Path,
    capsys: pytest.CaptureFixture[str],
    statements: list[str],
    kind: str,
    entry: int | None,
) -> None:
    code, out, _ = run(capsys, "audit", "show", "--workspace", str(ws), "--json")
    overrule_at = next(line["position"] for line in json.loads(out)
                       if line["action"] == "finding.overruled")  # fmt: skip
    tampered(ws, *statements)
    code, out, _ = run(capsys, "audit", "verify", "--workspace", str(ws), "--json")
    report = json.loads(out)
    assert code == 1 and report["ok"] is False and report["kind"] == kind
    assert report["broken_at"] == (entry if entry is not None else overrule_at)
    code, out, _ = run(capsys, "audit", "verify", "--workspace", str(ws))
    assert code == 1
    assert f"the audit log is broken at entry {report['broken_at']}: " in out


def test_show_filters_by_who_what_and_submission(
    ws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "audit", "show", "--workspace", str(ws), "--who", "CHAIR")
    assert code == 0
    assert "finding.overruled" in out and "secretariat" not in out
    assert out.strip().endswith("1 entries")
    code, out, _ = run(capsys, "audit", "show", "--workspace", str(ws), "--what", "submissions.",
                       "--json")  # fmt: skip
    actions = {line["action"] for line in json.loads(out)}
    assert actions and all(a.startswith("submissions.") for a in actions)
    code, out, _ = run(capsys, "audit", "show", "--workspace", str(ws), "--submission", "6",
                       "--json")  # fmt: skip
    about_6 = json.loads(out)
    assert about_6 and all("6" in (line["entity_id"], line["after"]) or '"6"' in line["after"]
                           for line in about_6)  # fmt: skip
    code, out, _ = run(capsys, "audit", "show", "--workspace", str(ws), "--since", "2999-01-01")
    assert out.strip() == "0 entries"
    code, _, err = run(capsys, "audit", "show", "--workspace", str(ws), "--since", "soon")
    assert code == 2 and "expected a date or time" in err


def test_export_writes_the_entries_and_the_chain_head(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "audit", "verify", "--workspace", str(ws), "--json")
    head = json.loads(out)["head"]
    book_path = tmp_path / "log.xlsx"
    code, out, _ = run(capsys, "audit", "export", "--workspace", str(ws), "--out", str(book_path))
    assert code == 0 and "entries written to" in out
    book = openpyxl.load_workbook(book_path, read_only=True)
    rows = list(book["Audit log"].iter_rows(values_only=True))
    about = dict(book["About"].iter_rows(values_only=True))
    book.close()
    assert rows[0][:4] == ("Position", "At (UTC)", "Actor", "Action")
    assert [r[0] for r in rows[1:]] == list(range(1, len(rows)))
    assert about["Chain head SHA-256"] == head and about["Entries"] == len(rows) - 1
    text_path = tmp_path / "chair.csv"
    code, _, _ = run(capsys, "audit", "export", "--workspace", str(ws), "--out", str(text_path),
                     "--who", "chair")  # fmt: skip
    with text_path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert len(lines) == 2 and lines[1][2] == "chair" and lines[1][3] == "finding.overruled"
    code, _, err = run(capsys, "audit", "export", "--workspace", str(ws), "--out", "log.txt")
    assert code == 2 and "expected a .csv or .xlsx" in err


def test_an_export_states_its_chain_and_the_workspace_vouches_for_it(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "audit", "verify", "--workspace", str(ws), "--json")
    before = json.loads(out)
    listed = tmp_path / "nominees.xlsx"
    code, _, _ = run(capsys, "export", "nominees", "--out", str(listed), "--workspace", str(ws))
    assert code == 0
    book = openpyxl.load_workbook(listed, read_only=True)
    about = dict(row[:2] for row in book["About"].iter_rows(values_only=True))
    book.close()
    assert about["Audit log position"] == before["entries"]
    assert about["Audit log head SHA-256"] == before["head"]

    code, out, _ = run(capsys, "verify-export", str(listed), "--workspace", str(ws))
    assert code == 0
    assert out.strip() == (
        f"nominees.xlsx matches this workspace's record at position {before['entries']}; "
        "1 entries were written since"  # the export's own entry
    )
    # Another workspace's record does not vouch for it.
    other = tmp_path / "other.sqlite"
    rows = write_workbook(tmp_path / "o.xlsx", [submission_row(90 + i) for i in range(5)])
    assert main(["import-submissions", str(rows), "--workspace", str(other)]) == 0
    code, out, _ = run(capsys, "verify-export", str(listed), "--workspace", str(other))
    assert code == 1 and "does not match this workspace's record" in out
    # A file without the chain rows (a .csv) is refused, saying which file to use.
    text = tmp_path / "nominees.csv"
    assert main(["export", "nominees", "--out", str(text), "--workspace", str(ws)]) == 0
    code, _, err = run(capsys, "verify-export", str(text), "--workspace", str(ws))
    assert code == 1 and "Only an .xlsx export carries the audit log's chain head" in err


def test_a_record_rewritten_after_the_export_no_longer_vouches_for_it(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = tmp_path / "nominees.xlsx"
    assert main(["export", "nominees", "--out", str(listed), "--workspace", str(ws)]) == 0
    tampered(ws, "UPDATE audit_log SET note = 'rewritten' WHERE id = 1")
    code, out, _ = run(capsys, "verify-export", str(listed), "--workspace", str(ws))
    assert code == 1 and "the record is broken before it" in out


def test_every_pdf_cover_states_the_chain(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.reports.pdf import pdf_text

    _, out, _ = run(capsys, "audit", "verify", "--workspace", str(ws), "--json")
    head = json.loads(out)["head"]
    report = tmp_path / "nominees.pdf"
    assert main(["export", "nominees", "--out", str(report), "--workspace", str(ws)]) == 0
    text = " ".join(pdf_text(report).split())
    assert f"head SHA-256 {head[:20]}" in text.replace("\u00ad", "")
