"""The 2017 season end to end under its own rules, through the commands a chair types:
import (the project information and photo checked), checks, the panel and its assignment,
the packages filled in as in Excel (the gates answered) and merged, the nominee list made
by the 2017 method (no fixed count: the chair's rule, in one step), the chair's own
conflict, the freeze, the public vote, the top three analysed, the final round, the
selection, and the exports."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from panel_app.cli import main
from panel_app.demo.generator import generate_submission_set
from panel_app.edition import load_edition_by_key
from panel_app.formats.submission_set_writer import write_past_winners, write_submission_set
from tests.formats.test_experts import expert, write_csv
from tests.workflow.test_workbooks import fill

EXPERTS = 6


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return out


def score_of(submission_id: str) -> int:
    """A project's score on every criterion: spread so that the ranking has an order."""
    return 1 + int(submission_id) % 5


def fails_gate_2(submission_id: str) -> bool:
    """Some of the best-scored projects, which the rule's top six take: every expert
    answers that they fail gate 2 (alignment with the action lines)."""
    return score_of(submission_id) == 5 and int(submission_id) % 3 == 0


@pytest.mark.slow
def test_the_2017_season_runs_end_to_end_under_its_own_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edition = load_edition_by_key("wsis-2017")
    ws = tmp_path / "season2017.sqlite"
    where = ("--workspace", str(ws))
    ada, lin = ("--actor", "Ada"), ("--actor", "Lin")

    # Import: the 2017 set carries the project information and the photo, checked.
    demo = generate_submission_set(edition, count=150, seed=17)
    book = tmp_path / "set-2017.xlsx"
    write_submission_set(book, demo.columns, demo.rows)
    write_past_winners(tmp_path / "winners.xlsx", demo.past_winners)
    out = ok(capsys, "import-submissions", str(book), *where, "--edition", "wsis-2017")
    assert "Created workspace" in out and "wsis-2017" in out
    assert "The set has no column" not in out  # both columns read: their rules applied
    ok(capsys, "import-past-winners", str(tmp_path / "winners.xlsx"), *where)
    checks = json.loads(ok(capsys, "check", *where, "--json"))
    assert "summary-length" in checks["counts"]  # the 2017 bounds: at most 100 words
    assert checks["counts"].get("no-sdg", 0) == 0  # 2017's form asks no SDG list
    ok(capsys, "chairs", "add", "Ada", "--role", "chair", *where)
    ok(capsys, "chairs", "add", "Lin", "--role", "co-chair", *where, *ada)

    # The panel: six experts, each in every category; three per project.
    every = "; ".join(c.key for c in edition.categories)
    experts = [expert(f"E{n}", Organisation=f"Institute {n}", Categories=every)
               for n in range(1, EXPERTS + 1)]  # fmt: skip
    ok(capsys, "experts", "import", str(write_csv(tmp_path / "experts.csv", experts)), *where, *ada)
    out = ok(capsys, "assign", "--per-project", "3", "--seed", "1", *where, *ada)
    assert "assignments added" in out

    # Packages out, filled as in Excel (the gates first), merged.
    packages = tmp_path / "packages"
    ok(capsys, "packages", "--out", str(packages), *where, *ada)
    files = sorted(packages.glob("*.xlsx"))
    assert len(files) == EXPERTS
    for path in files:
        sheet = openpyxl.load_workbook(path)["Scores"]
        assert [c.value for c in sheet[1]][4:6] == ["Gate 1 (yes/no)", "Gate 2 (yes/no)"]
        ids = [str(sheet.cell(r, 1).value) for r in range(2, sheet.max_row + 1)]
        fill(
            path,
            {sid: [score_of(sid)] * len(edition.criteria) + ["high"] for sid in ids},
            gates={sid: ["yes", "no" if fails_gate_2(sid) else "yes"] for sid in ids},
        )
    out = ok(capsys, "merge", *map(str, files), *where, *ada)
    assert "edited outside the app" in out

    # The nominee list by the 2017 method: nothing proposed by itself; the chair's rule.
    out = ok(capsys, "nominate", *where)
    assert out.startswith("Nothing is proposed: wsis-2017 sets no nominee count")
    out = ok(capsys, "nominate", "--top", "6", "--add", "--reason", "Panel meeting: top 6",
             *where, *ada)  # fmt: skip
    assert " submissions added to the nominee list by Ada: Panel meeting: top 6" in out
    listing = json.loads(ok(capsys, "nominate", *where, "--json"))
    nominees = {n["submission_id"]: n for n in listing["nominees"]}
    assert {n["status"] for n in nominees.values()} == {"added"}
    # The gates: a project all its experts failed at gate 2 is shown on the list.
    gated = [sid for sid, n in nominees.items() if n["failed_gates"]]
    assert gated and all(fails_gate_2(sid) for sid in gated)
    assert {g["gate"] for sid in gated for g in nominees[sid]["failed_gates"]} == {2}
    out = ok(capsys, "nominate", *where)
    assert "gate 2 failed by 3 of its 3 experts" in out
    # The chair's own conflict: Ada may not decide on that project; Lin does.
    some = next(iter(nominees))
    ok(capsys, "chairs", "conflict", "Ada", "--submission", some, "--reason", "my sister's NGO",
       *where, *ada)  # fmt: skip
    code, _, err = run(capsys, "nominee", "remove", some, "--reason", "x", *where, *ada)
    assert code == 1 and "Ada declared a conflict of interest with this submission" in err
    for sid in gated:  # failed at a gate: off the list, by a chair free to decide
        ok(capsys, "nominee", "remove", sid, "--reason", "Failed gate 2", *where, *lin)
    listing = json.loads(ok(capsys, "nominate", *where, "--json"))
    for finding in {f["finding_id"] for n in listing["nominees"] for f in n["open_findings"]}:
        ok(capsys, "overrule", str(finding), "--reason", "Checked: two projects", *where, *lin)
    out = ok(capsys, "nominees", "freeze", "--reason", "Panel meeting of 15 March", *where, *lin)
    assert out.startswith("Nominee list frozen: ")

    # The public vote; five finalists, the top three analysed.
    votes = tmp_path / "votes.csv"
    ok(capsys, "demo-votes", "--out", str(votes), "--rows", "6000", *where, *ada)
    ok(capsys, "import-votes", str(votes), *where, *ada)
    report = json.loads(ok(capsys, "finalists", *where, "--json"))
    for key, tied in report["unsettled"].items():
        open_places = 5 - len(report["finalists"].get(key, []))
        for sid in tied[:open_places]:
            ok(capsys, "finalist", "add", sid, "--reason", "Panel: by ID", *where, *lin)
    report = json.loads(ok(capsys, "finalists", *where, "--json"))
    key = next(k for k, ids in report["finalists"].items() if len(ids) == 5)
    analysed = report["analysed"][key]
    assert len(analysed) >= 3 and set(analysed) < set(report["finalists"][key])
    out = ok(capsys, "finalists", *where)
    assert f"Analysed: the panel analyses the top 3 of {key} by valid votes" in out

    # The final round: only the analysed are assigned, scored and ranked.
    out = ok(capsys, "assign", "--round", "final", *where, *ada)
    assert "not analysed, so not assigned" in out
    final = tmp_path / "final"
    ok(capsys, "packages", "--round", "final", "--out", str(final), *where, *ada)
    final_files = sorted(final.glob("*.xlsx"))
    for path in final_files:
        sheet = openpyxl.load_workbook(path)["Scores"]
        assert not any(str(c.value).startswith("Gate") for c in sheet[1])  # no gates here
        ids = [str(sheet.cell(r, 1).value) for r in range(2, sheet.max_row + 1)]
        count = len(edition.criteria) + len(edition.final_criteria)
        fill(path, {sid: [score_of(sid)] * count + ["high"] for sid in ids})
    ok(capsys, "merge", *map(str, final_files), *where, *ada)
    view = json.loads(ok(capsys, "final-round", "--category", key, *where, "--json"))
    (category,) = view["categories"]
    assert {f["submission_id"] for f in category["finalists"]} == set(analysed)
    beyond = [o["submission_id"] for o in category["not_analysed"]]
    assert beyond and all(f["reviews"] > 0 for f in category["finalists"])
    text = ok(capsys, "final-round", "--category", key, *where)
    assert text.startswith(f"{key}: 5 finalists, the top {len(analysed)} by valid votes analysed")

    # The selection: a winner beyond the top three is refused; one of them is recorded.
    others = [sid for sid in report["finalists"][key] if sid != beyond[-1]]
    code, _, err = run(capsys, "select", "--category", key, "--winner", beyond[-1],
                       "--champions", ",".join(others), "--reason", "x", *where, *lin)  # fmt: skip
    assert code == 1 and "by votes" in err and "the winner is chosen among the finalists" in err
    winner = analysed[0]
    champions = [sid for sid in report["finalists"][key] if sid != winner]
    selector = lin if some in report["finalists"][key] else ada  # Ada's conflict: Lin selects
    reason = ("--reason", "Panel meeting of 25 April")
    out = ok(capsys, "select", "--category", key, "--winner", winner, "--champions",
             ",".join(champions), *reason, *where, *selector)  # fmt: skip
    assert out.startswith(f"{key}: winner {winner}; champions ")

    # The exports for the secretariat.
    ok(capsys, "export", "nominees", "--out", str(tmp_path / "nominees.xlsx"), *where, *ada)
    ok(capsys, "export", "finalists", "--out", str(tmp_path / "finalists.xlsx"), *where, *ada)
    out = ok(capsys, "export", "results", "--out", str(tmp_path / "results.xlsx"), *where, *ada)
    assert out.startswith("Wrote 5 winners and champions")
    ok(capsys, "export", "results", "--out", str(tmp_path / "results.pdf"), *where, *ada)
    header, *rows = openpyxl.load_workbook(tmp_path / "finalists.xlsx")["Finalists"].iter_rows(
        values_only=True
    )
    at = {name: header.index(name) for name in ("Category key", "Submission ID", "Analysed")}
    flags = {
        str(r[at["Submission ID"]]): r[at["Analysed"]] for r in rows if r[at["Category key"]] == key
    }
    assert {sid for sid, flag in flags.items() if flag == "yes"} == set(analysed)
    header, *rows = openpyxl.load_workbook(tmp_path / "results.xlsx")["Results"].iter_rows(
        values_only=True
    )
    awards = {str(r[header.index("Submission ID")]): (r[header.index("Award")],
              r[header.index("Analysed")]) for r in rows}  # fmt: skip
    assert awards[winner] == ("winner", "yes")
    assert {awards[sid] for sid in beyond} == {("champion", "no")}
    summary = ok(capsys, "summary", *where)
    assert summary.splitlines()[1].startswith("Phase on ")
