"""The command line as a script uses it: exit codes, messages, --json."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from panel_app.cli import main

from .workflow.conftest import submission_row, write_csv, write_workbook


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_then_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "ws.sqlite"
    path = write_workbook(tmp_path / "set.xlsx", [submission_row(1), submission_row(2)])

    code, out, _ = run(capsys, "import-submissions", str(path), "--workspace", str(ws))
    assert code == 0
    assert f"Created workspace {ws} for edition wsis-2020." in out
    assert "2 submissions read; 2 added, 0 updated, 0 unchanged." in out

    code, out, _ = run(capsys, "import-submissions", str(path), "--workspace", str(ws))
    assert code == 0
    assert "Nothing changed" in out

    code, out, _ = run(capsys, "summary", "--workspace", str(ws), "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["submissions"] == 2
    assert summary["edition_key"] == "wsis-2020"
    assert {c["key"]: c["submissions"] for c in summary["categories"]}["C7-ehealth"] == 2


def test_refused_import_exits_1_with_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws.sqlite"
    path = write_workbook(tmp_path / "bad.xlsx", [submission_row(7, Category="C12 Space")])

    code, out, err = run(capsys, "import-submissions", str(path), "--workspace", str(ws), "--json")

    assert code == 1
    payload = json.loads(out)
    assert payload["ok"] is False
    [problem] = payload["problems"]
    assert (problem["sheet"], problem["row"], problem["column"]) == ("Submissions", 2, "Category")
    assert problem["value"] == "C12 Space"
    assert "bad.xlsx refused: 1 problem" in err
    assert "row 2" in err and "column 'Category'" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as unknown:
        main(["no-such-command"])
    assert unknown.value.code == 2
    with pytest.raises(SystemExit) as missing:
        main(["import-submissions"])
    assert missing.value.code == 2
    assert "the following arguments are required: FILE" in capsys.readouterr().err


def test_summary_of_a_missing_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "summary", "--workspace", str(tmp_path / "none.sqlite"))
    assert code == 1
    assert "no workspace at" in err
    assert not (tmp_path / "none.sqlite").exists()


def test_editions_lists_both(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "editions", "--json")
    assert code == 0
    keys = [e["key"] for e in json.loads(out)["editions"]]
    assert keys == ["wsis-2017", "wsis-2020"]


def test_demo_without_window(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = tmp_path / "demo.sqlite"
    code, out, _ = run(
        capsys, "demo", "--no-gui", "--count", "120", "--workspace", str(ws), "--json"
    )
    assert code == 0
    payload = json.loads(out)
    assert payload["intake"]["added"] == 120
    assert payload["planted_violations"] > 0

    code, out, _ = run(capsys, "demo", "--no-gui", "--count", "120", "--workspace", str(ws))
    assert code == 0
    assert "(0 added)" in out  # the demo can be run again safely

    code, out, _ = run(capsys, "summary", "--workspace", str(ws), "--json")
    assert json.loads(out)["submissions"] == 120


def test_the_demo_brings_an_expert_panel_the_summary_shows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "demo.sqlite"
    code, out, _ = run(capsys, "demo", "--no-gui", "--count", "150", "--workspace", str(ws))
    assert code == 0
    assert "Expert panel: " in out and " reviews." in out

    code, out, _ = run(
        capsys, "demo", "--no-gui", "--count", "150", "--workspace", str(ws), "--json"
    )
    panel = json.loads(out)["panel"]
    assert panel["created"] is False and panel["reviews"] == panel["assignments"] > 300

    code, out, _ = run(capsys, "summary", "--workspace", str(ws), "--json")
    summary = json.loads(out)
    assert (summary["experts"], summary["assignments"], summary["reviews"]) == (
        panel["experts"],
        panel["assignments"],
        panel["reviews"],
    )
    ehealth = {c["key"]: c for c in summary["categories"]}["C7-ehealth"]
    assert ehealth["experts"] >= 4
    assert (
        ehealth["assignments"]
        == ehealth["reviews"]
        == 3 * ehealth["by_status"]["eligible"] + (3 * ehealth["by_status"]["flagged"])
    )

    code, out, _ = run(capsys, "summary", "--workspace", str(ws))
    assert code == 0
    lines = out.splitlines()
    assert lines[2].split()[-3:] == ["experts", "assigned", "reviewed"]
    total = next(line for line in lines if line.startswith("all "))
    assert total.split()[-3:] == [
        str(panel["experts"]),
        str(panel["assignments"]),
        str(panel["reviews"]),
    ]


def test_the_console_script_runs(tmp_path: Path) -> None:
    """The installed entry point, as a person types it, in a process of its own."""
    env = {**os.environ, "PANEL_APP_DATABASE_URL": f"sqlite:///{tmp_path / 'env.sqlite'}"}
    done = subprocess.run(
        [sys.executable, "-m", "panel_app", "summary"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1
    assert "no workspace" in done.stderr or "empty workspace" in done.stderr


def test_an_import_says_what_it_cleaned_from_the_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws.sqlite"
    pasted = submission_row(2, **{"Project title": "Smart\x0bHealth", "Country": "\u202eKenya"})
    path = write_csv(tmp_path / "set.csv", [submission_row(1), pasted])

    code, out, _ = run(capsys, "import-submissions", str(path), "--workspace", str(ws))

    assert code == 0
    assert "2 submissions read; 2 added" in out
    assert (
        "Texts held characters that no file of the app keeps (control characters, direction "
        "overrides, noncharacters); they were stored without them:\n"
        "  set.csv, row 3, column 'Project title': The control character U+000B (VT) was "
        "made a line break (found 'Smart[U+000B]Health')\n"
        "  set.csv, row 3, column 'Country': The direction control U+202E (RIGHT-TO-LEFT "
        "OVERRIDE), which can show text reversed or out of order, was removed (found "
        "'[U+202E]Kenya')\n"
    ) in out
    code, out, _ = run(capsys, "import-submissions", str(path), "--workspace", str(ws), "--json")
    assert [n["params"]["code_point"] for n in json.loads(out)["notes"]] == ["U+000B", "U+202E"]


def test_the_suite_never_touches_the_real_default_workspace(no_real_user_data: Path) -> None:
    from panel_app.paths import default_workspace_path
    from panel_app.workflow.workspace import locate_workspace

    assert default_workspace_path().is_relative_to(no_real_user_data)
    assert locate_workspace().path == default_workspace_path()


def test_summary_says_where_today_falls_in_the_phases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws.sqlite"
    book = write_workbook(tmp_path / "set.xlsx", [submission_row(1)])
    assert (
        main(["import-submissions", str(book), "--workspace", str(ws), "--edition", "wsis-2017"])
        == 0
    )
    capsys.readouterr()
    assert main(["summary", "--workspace", str(ws)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].endswith(
        ": the season is over: Prize ceremony at the WSIS Forum ended 16 Jun 2017"
    ) and lines[1].startswith("Phase on ")
    assert main(["summary", "--workspace", str(ws), "--json"]) == 0
    phase = json.loads(capsys.readouterr().out)["phase"]
    assert phase["previous"]["key"] == "ceremony" and phase["next_date"] is None


def test_import_lists_categories_read_by_code_and_formulas_read_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The platform's "C5. …" spellings land, read by the code, every row listed; a title
    left as a formula (openpyxl saves no result) is its text, with its cell."""
    from sqlalchemy import select

    from panel_app.store.models import AuditEntry
    from panel_app.workflow.workspace import locate_workspace, open_workspace

    ws = tmp_path / "ws.sqlite"
    rows = [
        submission_row(1, Category="C5. Trust and safety online"),
        submission_row(2, Category="C7 E-health - telemedicine"),
        submission_row(3, Category="C5. Trust and safety online"),
        submission_row(4, **{"Project title": '=PROPER("mobile clinics")'}),
    ]
    path = write_workbook(tmp_path / "platform.xlsx", rows)
    code, out, _ = run(capsys, "import-submissions", str(path), "--workspace", str(ws))
    assert code == 0
    lines = out.splitlines()
    at = lines.index(
        "Categories read by their action-line code (the words after it are not the edition's "
        "spelling); check that each project belongs there:"
    )
    assert lines[at + 1 : at + 5] == [
        "  platform.xlsx, sheet 'Submissions', rows 2, 4: 'C5. Trust and safety online' read "
        "as C5-confidence-security (C5 Building confidence and security in the use of ICTs)",
        "  platform.xlsx, sheet 'Submissions', row 3: 'C7 E-health - telemedicine' read as "
        "C7-ehealth (C7 ICT applications: E-health)",
        "Cells held a formula with no saved result; each was read as the formula's text, not "
        "computed:",
        "  platform.xlsx, sheet 'Submissions', row 5, column 'Project title': The cell holds a "
        "formula with no saved result; it was read as the formula's text, not computed "
        "(found '=PROPER(\"mobile clinics\")')",
    ]
    assert lines[at + 5].startswith("Rule checks:")
    assert "4 added" in out

    code, out, _ = run(capsys, "summary", "--workspace", str(ws), "--json")
    counts = {c["key"]: c["submissions"] for c in json.loads(out)["categories"]}
    assert (counts["C5-confidence-security"], counts["C7-ehealth"]) == (2, 2)

    # The same file again: nothing changes, and the JSON lists the same rows.
    code, out, _ = run(capsys, "import-submissions", str(path), "--workspace", str(ws), "--json")
    result = json.loads(out)
    assert [(g["written"], g["category_key"], g["rows"]) for g in result["categories_by_code"]] == [
        ("C5. Trust and safety online", "C5-confidence-security", [2, 4]),
        ("C7 E-health - telemedicine", "C7-ehealth", [3]),
    ]
    # The audit log keeps what was read how, cell by cell.
    with open_workspace(locate_workspace(ws)) as workspace, workspace.sessions() as session:
        added = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "submissions.added")
        ).one()
        assert added.after is not None
        assert [(c["row"], c["written"]) for c in added.after["categories"]] == [
            (2, "C5. Trust and safety online"),
            (3, "C7 E-health - telemedicine"),
            (4, "C5. Trust and safety online"),
        ]
        assert [(c["row"], c["column"]) for c in added.after["formulas"]] == [(5, "Project title")]


def test_the_cli_speaks_the_language_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = tmp_path / "ws.sqlite"
    path = write_workbook(tmp_path / "bad.xlsx", [submission_row(7, Category="C12 Space")])

    code, _, err = run(
        capsys, "import-submissions", str(path), "--workspace", str(ws), "--language", "zh_CN"
    )
    assert code == 1
    assert "bad.xlsx 被拒绝：1 个问题" in err and "第 2 行" in err and "列“Category”" in err

    # Without --language, the system's locale decides.
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    code, _, err = run(capsys, "import-submissions", str(path), "--workspace", str(ws))
    assert code == 1 and "被拒绝" in err


@pytest.mark.parametrize(
    ("language", "created", "read"),
    [
        ("zh_CN", "已为 wsis-2020 届创建工作区", "读取 2 项提交；新增 2，更新 0，未变 0。"),
        ("en", "Created workspace", "2 submissions read; 2 added, 0 updated, 0 unchanged."),
    ],
)
def test_the_cli_prints_its_results_in_the_language_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, created: str, read: str
) -> None:
    ws = tmp_path / "ws.sqlite"
    path = write_workbook(tmp_path / "set.xlsx", [submission_row(1), submission_row(2)])
    code, out, _ = run(
        capsys, "--language", language, "import-submissions", str(path), "--workspace", str(ws)
    )
    assert code == 0 and created in out and read in out
