"""The workbook commands on a demo workspace: packages, merge, coverage, and the expert's
open-package and export-scores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from panel_app.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    assert main(["demo", "--no-gui", "--count", "200", "--workspace", str(path)]) == 0
    return path


@pytest.fixture
def ws(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ws.sqlite"
    shutil.copyfile(demo_template, path)
    return path


def test_packages_out_scores_back_and_coverage(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "packages"
    code, text, _ = run(capsys, "packages", "--workspace", str(ws), "--out", str(out))
    assert code == 0 and "review workbooks (nomination round)" in text
    files = sorted(out.glob("*.xlsx"))
    assert files and len(text.splitlines()) == len(files) + 1

    # One expert fills the package in Excel, one more bad value included.
    package = files[0]
    book = openpyxl.load_workbook(package)
    sheet = book["Scores"]
    sheet["E2"], sheet["F2"] = "yes", "no"  # the gates come first (format version 3)
    sheet["G2"] = 5
    sheet["H2"] = 7
    book.save(tmp_path / "bad.xlsx")
    code, _, err = run(capsys, "merge", "--workspace", str(ws), str(tmp_path / "bad.xlsx"))
    assert code == 1
    assert "refused: 1 problem" in err and "row 2, column" in err and "(found '7')" in err

    sheet["H2"] = 4
    book.save(tmp_path / "good.xlsx")
    code, text, _ = run(capsys, "merge", "--workspace", str(ws), str(tmp_path / "good.xlsx"))
    assert code == 0 and "edited outside the app" in text

    # Another expert scores in the app on a laptop and sends a signed export.
    laptop = tmp_path / "laptop.sqlite"
    code, text, _ = run(capsys, "open-package", "--workspace", str(laptop), str(files[1]))
    assert code == 0 and "Opened the nomination package" in text
    code, text, _ = run(
        capsys, "export-scores", "--workspace", str(laptop), "--out", str(tmp_path / "s.xlsx")
    )
    assert code == 0 and "revision 1" in text
    code, text, _ = run(
        capsys, "merge", "--json", "--strict", "--workspace", str(ws), str(tmp_path / "s.xlsx")
    )
    result = json.loads(text)
    assert code == 0 and result["files"][0]["origin"] == "signed"

    code, text, _ = run(capsys, "coverage", "--json", "--workspace", str(ws))
    report = json.loads(text)
    assert code == 0 and report["assigned"] >= report["returned"] > 0
    merged = {e["expert_code"]: e for e in report["experts"] if e["revision"] is not None}
    assert {e["origin"] for e in merged.values()} == {"hand-edited", "signed"}
    code, text, _ = run(capsys, "coverage", "--workspace", str(ws))
    assert code == 0 and "reviews returned" in text


def test_a_missing_file_is_refused_and_the_other_files_still_merge(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "packages"
    assert run(capsys, "packages", "--workspace", str(ws), "--out", str(out))[0] == 0
    package = sorted(out.glob("*.xlsx"))[0]
    book = openpyxl.load_workbook(package)
    book["Scores"]["G2"] = 3  # the first criterion, after the two gates
    book.save(package)
    code, text, err = run(
        capsys, "merge", "--workspace", str(ws), str(tmp_path / "nowhere.xlsx"), str(package)
    )
    assert code == 1
    assert "there is no file at" in err and "1 updated" in text


def test_a_title_typed_over_is_named_and_the_workbook_refused(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "packages"
    assert run(capsys, "packages", "--workspace", str(ws), "--out", str(out))[0] == 0
    package = sorted(out.glob("*.xlsx"))[0]
    book = openpyxl.load_workbook(package)
    sheet = book["Scores"]
    expert = book["Metadata"]["B5"].value
    submission, title = sheet["A2"].value, sheet["C2"].value
    for column in "GHIJKLM":
        sheet[f"{column}2"] = 4
    sheet["C2"] = "Not the project I was given"
    book.save(tmp_path / "edited.xlsx")
    _, before, _ = run(capsys, "coverage", "--json", "--workspace", str(ws))

    code, text, err = run(capsys, "merge", "--workspace", str(ws), str(tmp_path / "edited.xlsx"))
    assert code == 1 and text == ""
    assert "edited.xlsx refused: 1 problem" in err
    assert (
        f"edited.xlsx (expert {expert}), sheet 'Scores', row 2, column 'Project title': "
        f"Submission {submission}: the Project title is not the one the package showed"
    ) in err
    assert (
        f"(found 'Not the project I was given'); expected {title!r}, as the package had it" in err
    )
    _, after, _ = run(capsys, "coverage", "--json", "--workspace", str(ws))
    assert json.loads(after) == json.loads(before)  # nothing merged


def test_packages_in_the_language_chosen_for_experts_without_one(
    ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--package-language` takes a code or a name; the demo's list gives no expert a
    language, so every package speaks the chosen one; a language the app lacks is a usage
    error that names the choices. (`--language` stays the messages' own language.)"""
    out = tmp_path / "packages"
    code, text, _ = run(
        capsys, "packages", "--workspace", str(ws), "--out", str(out), "--package-language", "中文"
    )
    files = sorted(out.glob("*.xlsx"))
    assert code == 0
    assert text.splitlines()[0].endswith(
        f"; {len(files)} in zh_CN, chosen for experts the expert list gives no language."
    )
    assert all("  zh_CN  " in line for line in text.splitlines()[1:])
    book = openpyxl.load_workbook(files[0])
    assert [c.value for c in book["Scores"][1]][:2] == ["提交编号", "类别"]
    assert book["Read me"]["A1"].value == "简体中文"

    with pytest.raises(SystemExit) as exited:
        run(
            capsys,
            "packages",
            "--workspace",
            str(ws),
            "--out",
            str(out),
            "--package-language",
            "tlh",
        )
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "'tlh' is not one of the app's languages: ar, zh_CN, en, fr, ru, es" in err
