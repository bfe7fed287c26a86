"""The rule checks find the same, word for word, in batches and on worker processes."""

from __future__ import annotations

from pathlib import Path

from panel_app.demo.generator import generate_submission_set
from panel_app.edition import load_edition_by_key
from panel_app.formats.submission_set_writer import write_past_winners, write_submission_set
from panel_app.workflow.intake.checks import CheckResult, run_checks
from panel_app.workflow.intake.past_winners import import_past_winners
from panel_app.workflow.intake.submissions import import_submissions
from panel_app.workflow.workspace import locate_workspace, open_workspace


def _content(result: CheckResult) -> list[tuple[object, ...]]:
    return [
        (f.id, f.rule_id, f.severity, f.submission_id, f.related_submission_id, f.evidence)
        for f in result.findings
    ]


def test_batches_and_worker_processes_find_exactly_what_one_pass_finds(
    database_url: str, tmp_path: Path
) -> None:
    edition = load_edition_by_key("wsis-2020")
    demo = generate_submission_set(edition, count=600, seed=7)
    write_submission_set(tmp_path / "set.xlsx", demo.columns, demo.rows)
    write_past_winners(tmp_path / "winners.xlsx", demo.past_winners)
    location = locate_workspace(database_url=database_url)
    with open_workspace(location, create=True, edition_key="wsis-2020") as workspace:
        import_submissions(workspace, tmp_path / "set.xlsx", actor="test")
        import_past_winners(workspace, tmp_path / "winners.xlsx", actor="test")
        # One batch, here: the set as a single pass reads it.
        serial = run_checks(workspace, actor="test", workers=0, batch_size=10_000)
        # Pairs across batches (duplicates, same entity) must be found as in one pass.
        batched = run_checks(workspace, actor="test", workers=0, batch_size=45)
        parallel = run_checks(workspace, actor="test", workers=2, batch_size=50)
    assert serial.added > 20
    assert {f.rule_id for f in serial.findings} >= {"duplicate-project", "same-entity-category"}
    for again in (batched, parallel):
        # Every stored finding kept as it was (its evidence included), none added or removed.
        assert (again.added, again.updated, again.removed) == (0, 0, 0)
        assert again.unchanged == serial.added
        assert _content(again) == _content(serial)
        assert again.counts == serial.counts
