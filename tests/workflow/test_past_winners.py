"""Importing past winners: whole or not at all, a union without duplicates, audit-logged,
and the past-winner rule finding them after the checks run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from panel_app.formats.submission_set_writer import write_past_winners
from panel_app.problems import InputRefused
from panel_app.store.models import AuditEntry, ImportBatch, PastWinner
from panel_app.workflow.intake.checks import run_checks
from panel_app.workflow.intake.past_winners import import_past_winners, load_past_winners
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.workspace import OpenWorkspace

from .conftest import submission_row, write_workbook

LIST = [
    {
        "Project title": "Kilimo Salama Mobile",
        "Organisation": "Agri Insurance Ltd.",
        "Edition": 2018,
    },
    {"Project title": "HarvestLedger", "Organisation": "Harvest Data Cooperative", "Edition": 2016},
]


def winner(title: str, organisation: str, edition: object) -> dict[str, object]:
    return {"Project title": title, "Organisation": organisation, "Edition": edition}


def counts(workspace: OpenWorkspace) -> tuple[int, int, int]:
    """Past winners, import batches and audit entries about past winners."""
    with workspace.sessions() as session:
        return (
            session.scalar(select(func.count()).select_from(PastWinner)) or 0,
            session.scalar(select(func.count()).select_from(ImportBatch)) or 0,
            session.scalar(
                select(func.count())
                .select_from(AuditEntry)
                .where(AuditEntry.action == "past_winners.added")
            )
            or 0,
        )


def test_import_then_the_same_file_again_changes_nothing(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    path = tmp_path / "winners.xlsx"
    write_past_winners(path, LIST)
    first = import_past_winners(workspace, path, actor="chair")
    assert (first.rows_read, first.added, first.unchanged, first.total) == (2, 2, 0, 2)
    assert counts(workspace) == (2, 1, 1)
    with workspace.sessions() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "past_winners.added")
        ).one()
        winners = session.scalars(select(PastWinner).order_by(PastWinner.id)).all()
    assert (entry.actor, entry.action, entry.entity) == (
        "chair",
        "past_winners.added",
        "import_batch",
    )
    assert [w["title"] for w in (entry.after or {})["winners"]] == [
        "Kilimo Salama Mobile",
        "HarvestLedger",
    ]
    assert [(w.title, w.edition_year, w.source_file, w.source_row) for w in winners] == [
        ("Kilimo Salama Mobile", 2018, "winners.xlsx", 2),
        ("HarvestLedger", 2016, "winners.xlsx", 3),
    ]

    again = import_past_winners(workspace, path, actor="chair")
    assert (again.added, again.unchanged, again.import_batch_id) == (0, 2, None)
    assert counts(workspace) == (2, 1, 1)  # no batch, no audit entry


def test_lists_add_up_and_respellings_are_not_duplicates(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    write_past_winners(tmp_path / "a.csv", LIST)
    more = [
        # the same winner, spelled otherwise: kept once
        winner("KILIMO SALAMA MOBILE", "Agri Insurance Limited", "WSIS Prizes 2018"),
        # the same project, another edition: another winner
        winner("HarvestLedger", "Harvest Data Cooperative", 2019),
        winner("CivicPulse", "Open Gov Lab", 2017),
        winner("CivicPulse", "Open Gov Lab", 2017),  # twice in the file
    ]
    write_past_winners(tmp_path / "b.csv", more)
    import_past_winners(workspace, tmp_path / "a.csv", actor="chair")
    result = import_past_winners(workspace, tmp_path / "b.csv", actor="chair")
    assert (result.added, result.unchanged, result.total) == (2, 2, 4)
    with workspace.sessions() as session:
        assert sorted((w.title, w.edition_year) for w in load_past_winners(session)) == [
            ("CivicPulse", 2017),
            ("HarvestLedger", 2016),
            ("HarvestLedger", 2019),
            ("Kilimo Salama Mobile", 2018),
        ]


def test_a_refused_file_writes_nothing(workspace: OpenWorkspace, tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text("Project title,Organisation,Edition\nGood,Org,2019\n,Org,2018\n", "utf-8")
    with pytest.raises(InputRefused) as caught:
        import_past_winners(workspace, path, actor="chair")
    assert [p.code for p in caught.value.problems] == ["past_winners.value_missing"]
    assert counts(workspace) == (0, 0, 0)
    with pytest.raises(InputRefused) as missing:
        import_past_winners(workspace, tmp_path / "nowhere.xlsx", actor="chair")
    assert missing.value.problems[0].code == "intake.no_such_file"


def test_the_checks_find_a_past_winner_after_the_import(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    submissions = write_workbook(
        tmp_path / "set.xlsx",
        [
            submission_row(
                1,
                **{"Project title": "Kilimo  Salmaa Mobile", "Organisation": "AGRI INSURANCE LTD"},
            ),
            submission_row(2, **{"Project title": "HarvestLedger", "Organisation": "Farm Books"}),
            submission_row(3),
        ],
    )
    import_submissions(workspace, submissions, actor="chair")
    before = run_checks(workspace, actor="chair")
    assert before.counts["past-winner"] == 0
    write_past_winners(tmp_path / "w.xlsx", LIST)
    import_past_winners(workspace, tmp_path / "w.xlsx", actor="chair")
    after = run_checks(workspace, actor="chair")
    found = [
        (f.submission_id, f.severity, f.evidence)
        for f in after.findings
        if f.rule_id == "past-winner"
    ]
    assert found == [
        (
            "1",
            "ineligible",
            'Matches the 2018 winner "Kilimo Salama Mobile" by Agri Insurance Ltd., the same '
            "organisation as this submission's (AGRI INSURANCE LTD): titles 94% alike, 94% "
            'without edition, version and phase words ("kilimo salmaa mobile" / "kilimo '
            'salama mobile")',
        ),
        (
            "2",
            "warning",
            'Matches the 2016 winner "HarvestLedger" by Harvest Data Cooperative, but this '
            "submission is by Farm Books: titles 100% alike, 100% without edition, version and "
            'phase words ("harvestledger" / "harvestledger"); check whether it is the same '
            "project",
        ),
    ]


_DESCRIPTION = (
    "Kilimo Salama insures smallholder maize farmers in Kenya against drought through "
    "mobile money. Weather stations near each village trigger payouts automatically, so "
    "farmers need no claims adjuster. Since 2014 the scheme has covered 185,000 farmers."
)


def test_a_list_with_descriptions_lets_the_checks_find_a_rebranded_winner(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    """The list's optional Description column is stored (filled in for a winner held
    without one) and compared with the submissions' summaries."""
    reworded = (
        "Through mobile money, smallholder maize growers in Kenya are insured against "
        "drought. Automatic payouts come from weather stations close to each village, with no "
        "claims adjuster needed; 185,000 growers have been covered since 2014."
    )
    rows = [
        submission_row(
            1,
            **{
                "Project title": "AgroShield",
                "Organisation": "Agri Insurance Limited",
                "Project summary": reworded,
            },
        )
    ]
    import_submissions(workspace, write_workbook(tmp_path / "set.xlsx", rows), actor="chair")
    write_past_winners(tmp_path / "w.xlsx", LIST)  # no descriptions yet
    import_past_winners(workspace, tmp_path / "w.xlsx", actor="chair")
    assert run_checks(workspace, actor="chair").counts["past-winner"] == 0

    described = [{**LIST[0], "Description": _DESCRIPTION}, LIST[1]]
    write_past_winners(tmp_path / "w2.xlsx", described)
    again = import_past_winners(workspace, tmp_path / "w2.xlsx", actor="chair")
    assert (again.added, again.texts_added, again.unchanged) == (0, 1, 1)
    with workspace.sessions() as session:
        assert [w.text for w in load_past_winners(session)] == [_DESCRIPTION, ""]
    [finding] = [
        f for f in run_checks(workspace, actor="chair").findings if f.rule_id == "past-winner"
    ]
    assert (finding.submission_id, finding.severity) == ("1", "ineligible")
    assert finding.evidence.startswith(
        'Matches the 2018 winner "Kilimo Salama Mobile" by Agri Insurance Ltd., the same '
        "organisation as this submission's (Agri Insurance Limited): titles "
    )
    assert re.search(r"; texts (6[5-9]|[7-9][0-9])% alike$", finding.evidence)
    assert (
        import_past_winners(workspace, tmp_path / "w2.xlsx", actor="chair").changed_anything
        is False
    )


def test_a_list_kept_under_an_older_versions_keys_is_not_added_twice(
    workspace: OpenWorkspace, tmp_path: Path
) -> None:
    """Until issue 13 rule 11 had an organisation key of its own ("Co" dropped anywhere,
    "Min" spelled out); the list imported again finds its winners under today's key and
    the stored keys are brought up to date."""
    path = tmp_path / "winners.xlsx"
    write_past_winners(path, [*LIST, winner("e-Tawasol", "Min. of Co-operation", 2019)])
    import_past_winners(workspace, path, actor="chair")
    with workspace.transaction() as session:  # as an earlier version stored them
        for row in session.scalars(select(PastWinner)):
            row.organisation_key = f"old key of {row.organisation}"
    again = import_past_winners(workspace, path, actor="chair")
    assert (again.added, again.unchanged, again.total) == (0, 3, 3)
    with workspace.sessions() as session:
        keys = session.scalars(select(PastWinner.organisation_key).order_by(PastWinner.id))
        assert list(keys) == ["agriinsurance", "harvestdatacooperative", "minofcooperation"]
