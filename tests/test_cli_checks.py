"""`panel-app check` and `panel-app overrule`, and the checks after an import."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from panel_app.cli import main
from panel_app.rules import RULE_IDS

from .workflow.conftest import submission_row, write_workbook


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def ws(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = write_workbook(
        tmp_path / "set.xlsx",
        [
            submission_row(1),
            submission_row(2, Impact="tbd"),
            submission_row(3, **{"Submitted at": datetime(2019, 11, 23, 8, 30)}),
        ],
    )
    workspace = tmp_path / "ws.sqlite"
    code, out, _ = run(capsys, "import-submissions", str(path), "--workspace", str(workspace))
    assert code == 0
    assert "Rule checks: 2 findings (incomplete 1, late 1)" in out
    return workspace


def test_an_import_runs_the_checks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_workbook(tmp_path / "set.xlsx", [submission_row(1, SDGs=None)])
    code, out, _ = run(
        capsys, "import-submissions", str(path), "--workspace", str(tmp_path / "w.sqlite"), "--json"
    )
    assert code == 0
    checks = json.loads(out)["checks"]
    assert set(checks["counts"]) == set(RULE_IDS)
    assert {rule: n for rule, n in checks["counts"].items() if n} == {"no-sdg": 1}
    assert (checks["open"], checks["added"]) == (1, 1)


def test_check_lists_findings_by_rule(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--workspace", str(ws))
    assert code == 0
    assert "incomplete: 1 finding\n" in out
    assert "] 2: Required fields not filled in: Impact ('tbd')" in out
    assert "late: 1 finding\n" in out
    assert (
        "] 3: Submitted 2019-11-23 08:30:00 CET (Europe/Zurich time); "
        "the deadline was 2019-11-22 23:00 CET"
    ) in out
    assert "summary-length: 0 findings" in out


def test_check_json_and_overrule(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--workspace", str(ws), "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["ok"] is True
    assert payload["counts"] == dict.fromkeys(RULE_IDS, 0) | {"incomplete": 1, "late": 1}
    assert payload["open"] == 2
    late = next(f for f in payload["findings"] if f["rule_id"] == "late")
    assert {k: late[k] for k in ("severity", "submission_id", "related_submission_id")} == {
        "severity": "ineligible",
        "submission_id": "3",
        "related_submission_id": None,
    }
    assert late["overruled_reason"] is None

    code, out, _ = run(
        capsys,
        "overrule",
        str(late["id"]),
        "--reason",
        "Platform outage",
        "--workspace",
        str(ws),
        "--actor",
        "chair",
    )
    assert code == 0
    assert f"Finding {late['id']} (late, submission 3) overruled by chair: Platform outage" in out

    code, out, _ = run(capsys, "check", "--workspace", str(ws), "--json")
    again = next(f for f in json.loads(out)["findings"] if f["rule_id"] == "late")
    assert (again["id"], again["overruled_reason"]) == (late["id"], "Platform outage")
    assert json.loads(out)["added"] == 0

    code, out, _ = run(capsys, "check", "--workspace", str(ws))
    assert "(overruled by chair: Platform outage)" in out
    assert "1 overruled" in out

    # Undone, with a reason: the finding is open (and counts) again; the log keeps both.
    undo = ("overrule", str(late["id"]), "--undo", "--workspace", str(ws), "--actor", "chair")
    code, out, _ = run(capsys, *undo, "--reason", "The outage was after the deadline")
    assert code == 0
    assert out == (
        f"Finding {late['id']} (late, submission 3) is open again: "
        "The outage was after the deadline\n"
    )
    code, out, _ = run(capsys, "check", "--workspace", str(ws), "--json")
    assert json.loads(out)["open"] == 2
    code, _, err = run(capsys, *undo, "--reason", "again")
    assert code == 1 and f"finding {late['id']} is not overruled: it is open already" in err
    code, out, _ = run(capsys, "audit", "show", "--what", "finding.", "--workspace", str(ws),
                       "--json")  # fmt: skip
    assert [e["action"] for e in json.loads(out)] == ["finding.overruled", "finding.restored"]


def test_overrule_refusals(ws: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "overrule", "1", "--reason", "  ", "--workspace", str(ws))
    assert code == 1
    assert "an overrule needs a reason" in err
    code, out, err = run(
        capsys, "overrule", "999", "--reason", "x", "--workspace", str(ws), "--json"
    )
    assert code == 1
    assert json.loads(out)["ok"] is False
    assert "no finding with id 999" in err
    with pytest.raises(SystemExit) as usage:
        main(["overrule", "1", "--workspace", str(ws)])
    assert usage.value.code == 2


def test_check_without_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--workspace", str(tmp_path / "none.sqlite"))
    assert code == 1
    assert "no workspace at" in err
