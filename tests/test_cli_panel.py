"""The panel commands: experts import, assign, assignment add|remove; --json and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from panel_app.cli import main
from tests.formats.test_experts import expert, write_csv
from tests.workflow.conftest import submission_row
from tests.workflow.conftest import write_workbook as write_submissions


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    path = tmp_path / "ws.sqlite"
    rows = [submission_row(1001 + i, Organisation=f"Org {i}") for i in range(12)]
    assert main(["import-submissions", str(write_submissions(tmp_path / "s.xlsx", rows)),
                 "--workspace", str(path), "--edition", "wsis-2020"]) == 0  # fmt: skip
    return path


def experts_file(tmp_path: Path, *, conflict: str = "1001") -> Path:
    rows = [expert(f"E{i}", Organisation=f"Uni {i}") for i in range(5)]
    rows[0]["Conflicts: submission IDs"] = conflict
    rows[1]["Organisation"] = "ORG 2"  # the organisation of submission 1003
    return write_csv(tmp_path / "experts.csv", rows)


def test_import_assign_and_change_by_hand(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--workspace", str(ws))
    path = experts_file(tmp_path)
    code, out, _ = run(capsys, "experts", "import", str(path), *where)
    assert code == 0
    assert out.startswith("Imported experts.csv: 5 experts read; 5 added, 0 updated")
    code, out, _ = run(capsys, "experts", "import", str(path), *where, "--json")
    data = json.loads(out)
    assert (code, data["ok"], data["added"], data["unchanged"]) == (0, True, 0, 5)

    code, out, _ = run(capsys, "assign", "--per-project", "3", "--seed", "4", *where)
    assert code == 0
    assert "12 projects, 5 experts; 36 assignments added, 0 kept." in out
    assert "  C7-ehealth                  12 projects   5 experts, 7-8 reviews each" in out
    assert "Every rule of assignment is satisfied." in out

    code, out, _ = run(capsys, "assign", "--per-project", "5", *where, "--json")
    data = json.loads(out)
    assert (code, data["added"], data["kept"]) == (0, 22, 36)  # 12 x 5, less 2 conflicts
    assert {u["submission_id"] for u in data["unsatisfied"]} == {"1001", "1003"}
    assert data["unsatisfied"][0]["message"].startswith("4 of 5 experts assigned")

    code, out, err = run(capsys, "assignment", "add", "E0", "1001", "--reason", "x", *where)
    assert code == 1
    assert "E0 may not review 1001: the expert declared a conflict" in err
    code, out, _ = run(
        capsys, "assignment", "remove", "E2", "1002", "--reason", "on leave", *where, "--json"
    )
    assert code == 0
    assert json.loads(out)["change"] == {
        "action": "removed",
        "expert_id": "E2",
        "submission_id": "1002",
        "round": "nomination",
        "reason": "on leave",
        "warnings": [],
    }
    code, out, _ = run(capsys, "assignment", "add", "E2", "1002", "--reason", "back", *where)
    assert (code, out) == (0, "E2 assigned to 1002 (nomination round): back\n")


def test_refusals_exit_1_with_the_problems(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ("--workspace", str(ws))
    code, out, err = run(
        capsys, "experts", "import", str(experts_file(tmp_path, conflict="77")), *where, "--json"
    )
    assert code == 1
    (problem,) = json.loads(out)["problems"]
    assert (problem["code"], problem["row"], problem["value"]) == (
        "experts.conflict_unknown_submission",
        2,
        "77",
    )
    assert "row 2, column 'Conflicts: submission IDs': The submission 77 is not in" in err
    code, _, err = run(capsys, "assign", "--per-project", "3", *where)
    assert code == 1 and "no experts yet" in err
    code, _, err = run(capsys, "assign", "--per-project", "3", "--round", "final", *where)
    assert code == 1


def test_usage_errors_exit_2(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["assign", "--per-project", "0", "--workspace", str(ws)])
    assert exited.value.code == 2
    with pytest.raises(SystemExit) as exited:
        main(["assignment", "add", "E1", "1001", "--workspace", str(ws)])  # no --reason
    assert exited.value.code == 2
    capsys.readouterr()


def test_an_expert_import_says_what_it_cleaned_from_the_texts(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [expert("E1", Name="Zhang\x1b Wei")]  # an escape character from a terminal
    code, out, _ = run(
        capsys,
        "experts",
        "import",
        str(write_csv(tmp_path / "e.csv", rows)),
        "--workspace",
        str(ws),
    )
    assert code == 0
    assert (
        "  e.csv, row 2, column 'Name': The control character U+001B (ESC) was removed "
        "(found 'Zhang[U+001B] Wei')\n"
    ) in out
    code, out, _ = run(capsys, "experts", "import", str(tmp_path / "e.csv"), "--workspace",
                       str(ws), "--json")  # fmt: skip
    data = json.loads(out)
    assert (data["unchanged"], [n["code"] for n in data["notes"]]) == (1, ["text.control_removed"])
