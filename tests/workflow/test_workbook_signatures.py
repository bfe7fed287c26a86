"""What a signature proves (issue 14): the key an expert's package holds signs that expert's
sheets only; a package saved by a spreadsheet program holds no key; packages issued before
the keys were kept apart (schema 0007) are signed with keys the merge does not trust."""

from __future__ import annotations

import json
import os
import uuid
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from panel_app.cli import main
from panel_app.formats.review_workbook import (
    KEY_PART,
    PackageInfo,
    read_review_workbook,
    sign_scores,
    write_review_workbook,
)
from panel_app.problems import InputRefused
from panel_app.store.audit import record_change
from panel_app.store.models import Assignment, AuditEntry, Expert, Submission, utc_now
from panel_app.workflow.review.expert_workbook import open_package
from panel_app.workflow.review.merge import merge_workbook
from panel_app.workflow.review.packages import (
    ISSUED,
    PACKAGE_ENTITY,
    package_project,
    write_packages,
)
from panel_app.workflow.rounds import NOMINATION as ROUND
from panel_app.workflow.rounds import criteria_of
from panel_app.workflow.workspace import OpenWorkspace, open_workspace
from tests.workflow.test_workbooks import (
    chair,
    expert_workspace,
    export,
    fill,
    full,
    packages,
    refused,
    reviews_of,
    score_on_laptop,
)

__all__ = ["chair", "packages"]  # the fixtures, shared with the other workbook tests


def package_key(path: Path) -> bytes:
    """The key a package carries, as anyone holding the file can read it (a zip tool)."""
    with zipfile.ZipFile(path) as archive:
        return bytes.fromhex(json.loads(archive.read(KEY_PART))["signing_key"])


def sign_as(ws: OpenWorkspace, path: Path, key: bytes, **meta: object) -> Path:
    """Sign a sheet with `key` as the app would (after setting metadata entries): the
    signature goes into the metadata sheet."""
    book = openpyxl.load_workbook(path)
    sheet = book["Metadata"]
    rows = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    for entry, value in meta.items():
        sheet.cell(rows[entry], 2).value = value
    book.save(path)
    read = read_review_workbook(path, lambda info: criteria_of(ws.edition, info.round))
    signature = sign_scores(key, read.info, [r.scores for r in read.rows])
    book = openpyxl.load_workbook(path)
    sheet = book["Metadata"]
    row = rows.get("signature", sheet.max_row + 1)
    sheet.cell(row, 1).value, sheet.cell(row, 2).value = "signature", signature
    book.save(path)
    return path


def test_each_package_holds_its_own_experts_key(packages: dict[str, Path]) -> None:
    assert package_key(packages["E01"]) != package_key(packages["E02"])
    for path in packages.values():  # no sheet shows it
        book = openpyxl.load_workbook(path)
        assert all(
            "signing_key" not in str(cell.value)
            for s in book
            for row in s.iter_rows()
            for cell in row
        )


def test_an_experts_key_does_not_sign_another_experts_sheet(
    chair: OpenWorkspace, packages: dict[str, Path], tmp_path: Path
) -> None:
    """Expert E01's package key, read out of E01's package, signs a forged sheet of E02's:
    the merge takes it as not signed, so it neither passes --strict nor replaces E02's
    signed scores."""
    e01_key = package_key(packages["E01"])
    laptop = expert_workspace(tmp_path, "e02")
    open_package(laptop, packages["E02"], actor="expert")
    score_on_laptop(laptop, {"1005": 5})
    merge_workbook(chair, export(laptop, tmp_path / "genuine.xlsx"), actor="chair")

    forged = fill(packages["E02"], {"1005": full(1)}, tmp_path / "forged.xlsx")
    sign_as(chair, forged, e01_key, revision=7)
    message = refused(chair, forged).report()
    assert "not signed by the app, and the expert's signed scores (revision 1)" in message
    assert "not signed by the app" in refused(chair, forged, strict=True).report()
    assert reviews_of(chair, "E02")["1005"] == (1, "signed", [5] * 7)

    # Nor as E01's package with E02 named in it: that package is not E02's.
    claimed = fill(packages["E01"], {"1003": full(1)}, tmp_path / "claimed.xlsx")
    sign_as(chair, claimed, e01_key, expert="E02", revision=7)
    assert "was not issued by this workspace to expert E02" in refused(chair, claimed).report()

    # The same forgery signed with E02's own key would pass: only the key made the difference.
    own = fill(packages["E02"], {"1005": full(1)}, tmp_path / "own.xlsx")
    sign_as(chair, own, package_key(packages["E02"]), revision=7)
    assert merge_workbook(chair, own, actor="chair", strict=True).origin == "signed"


# --- packages issued before schema 0007 --------------------------------------------------


def legacy_package(ws: OpenWorkspace, folder: Path, code: str) -> tuple[Path, bytes, str]:
    """A package as versions before schema 0007 issued and wrote it: a random key in the
    audit log ("signing_key") and in the very hidden metadata sheet, format version 1."""
    key, package_id = os.urandom(32), uuid.uuid4().hex
    criteria = criteria_of(ws.edition, ROUND)
    with ws.transaction() as session:
        record_change(
            session,
            actor="chair",
            action=ISSUED,
            entity=PACKAGE_ENTITY,
            entity_id=package_id,
            after={"expert": code, "round": ROUND, "signing_key": key.hex()},
        )
        projects = [
            package_project(ws.edition, s)
            for s in session.scalars(
                select(Submission)
                .join(Assignment, Assignment.submission_pk == Submission.id)
                .join(Expert, Expert.id == Assignment.expert_pk)
                .where(Expert.expert_code == code, Assignment.round == ROUND)
                .order_by(Submission.submission_id)
            )
        ]
    info = PackageInfo(
        ws.edition.key, ROUND, code, f"Expert {code}", package_id, 0,
        tuple(c.key for c in criteria), utc_now(), "panel-app 0.1.0",
    )  # fmt: skip
    path = folder / f"legacy-{code}.xlsx"
    folder.mkdir(parents=True, exist_ok=True)
    write_review_workbook(path, info, criteria, projects)
    book = openpyxl.load_workbook(path)
    meta = book["Metadata"]
    for row in meta.iter_rows():
        if row[0].value == "format_version":
            row[1].value = 1
    meta.append(["signing_key", key.hex()])
    book.save(path)
    return path, key, package_id


def legacy_export(ws: OpenWorkspace, package: Path, key: bytes, out: Path, **scores: Any) -> Path:
    """What the app before schema 0007 exported from that package: signed, revision 1."""
    return sign_as(ws, fill(package, scores, out), key, revision=1)


def test_a_signature_made_with_a_key_from_before_0007_is_not_trusted(
    chair: OpenWorkspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package, key, _ = legacy_package(chair, tmp_path / "old", "E01")
    exported = legacy_export(chair, package, key, tmp_path / "r1.xlsx", **{"1001": full(4)})
    message = refused(chair, exported, strict=True).report()
    assert "signed with a key issued by an earlier version of panel-app" in message
    assert "the signature proves nothing" in message

    if chair.location.path is None:  # a PostgreSQL workspace: the workflow, not the CLI
        result = merge_workbook(chair, exported, actor="chair")
        assert (result.origin, result.readable_key, result.added) == ("hand-edited", True, 1)
    else:
        assert main(["merge", "--workspace", str(chair.location.path), str(exported)]) == 0
        text = capsys.readouterr().out
        assert "r1.xlsx: expert E01, revision 1, edited outside the app: 1 reviews added" in text
        assert "signed with a key issued by an earlier version, readable in its package" in text
    with chair.sessions() as session:
        merged = session.scalars(
            select(AuditEntry.after).where(AuditEntry.action == "review_package.merged")
        ).one()
    assert merged is not None and merged["readable_key"] is True


def test_writing_packages_again_issues_a_new_package_for_a_readable_key(
    chair: OpenWorkspace, tmp_path: Path
) -> None:
    old, old_key, old_id = legacy_package(chair, tmp_path / "old", "E01")
    first = write_packages(chair, tmp_path / "new", actor="chair")
    by_code = {f.expert_code: f for f in first.files}
    assert (by_code["E01"].newly_issued, by_code["E01"].replaces) == (True, old_id)
    assert by_code["E01"].package_id != old_id and package_key(by_code["E01"].path) != old_key
    with chair.sessions() as session:
        issued = session.scalars(
            select(AuditEntry.after).where(AuditEntry.entity_id == by_code["E01"].package_id)
        ).one()
    assert issued == {
        "expert": "E01", "round": ROUND, "key": "derived from the workspace secret",
        "replaces": old_id,
    }  # fmt: skip
    again = write_packages(chair, tmp_path / "again", actor="chair")  # now kept
    assert not any(f.newly_issued for f in again.files)
    assert {f.package_id for f in again.files} == {f.package_id for f in first.files}

    # The expert opens the new package and exports: signed. The old package still merges,
    # as hand-edited, but it does not replace the signed scores of the new one.
    laptop = expert_workspace(tmp_path, "e01")
    assert "written by an earlier version of panel-app" in _opening_refused(laptop, old)
    open_package(laptop, by_code["E01"].path, actor="expert")
    score_on_laptop(laptop, {"1001": 5})
    assert merge_workbook(chair, export(laptop, tmp_path / "r1.xlsx"), actor="chair").origin == (
        "signed"
    )
    stale = legacy_export(chair, old, old_key, tmp_path / "old-r1.xlsx", **{"1001": full(1)})
    message = refused(chair, stale).report()
    assert "the expert's signed scores (revision 1 of package" in message
    assert reviews_of(chair, "E01")["1001"] == (1, "signed", [5] * 7)


def _opening_refused(location: Any, path: Path) -> str:
    with pytest.raises(InputRefused) as caught:
        open_package(location, path, actor="expert")
    return caught.value.report()


def test_a_laptop_that_opened_a_package_before_0007_still_exports_but_is_not_trusted(
    chair: OpenWorkspace, tmp_path: Path
) -> None:
    """The laptop's audit log held the key then ("review_package.opened", signing_key): the
    export still signs with it, and the chair's merge says the key was readable."""
    _, old_key, old_id = legacy_package(chair, tmp_path / "old", "E01")
    new = write_packages(chair, tmp_path / "new", actor="chair")
    laptop = expert_workspace(tmp_path, "e01")
    open_package(laptop, next(f.path for f in new.files if f.expert_code == "E01"))
    with open_workspace(laptop) as ws, ws.transaction() as session:
        record_change(  # as the app before schema 0007 recorded an opened package
            session,
            actor="expert",
            action="review_package.opened",
            entity=PACKAGE_ENTITY,
            entity_id=old_id,
            after={"expert": "E01", "expert_name": "Expert E01", "round": ROUND,
                   "revision": 0, "signing_key": old_key.hex()},
        )  # fmt: skip
    score_on_laptop(laptop, {"1002": 2})
    exported = export(laptop, tmp_path / "r1.xlsx")
    read = read_review_workbook(exported, lambda info: criteria_of(chair.edition, info.round))
    assert read.info.package_id == old_id and read.signature == sign_scores(
        old_key, read.info, [r.scores for r in read.rows]
    )
    result = merge_workbook(chair, exported, actor="chair")
    assert (result.origin, result.readable_key) == ("hand-edited", True)
