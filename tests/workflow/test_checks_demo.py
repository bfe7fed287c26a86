"""Precision and recall of the rule checks on generated sets with planted violations.

The generator plants each violation on rows that are clean on every other rule, and adds
clean look-alikes (summaries at the exact bounds, a submission at the deadline's second,
offsets that look late), so a rule that is right finds exactly what was planted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from panel_app.demo.generator import generate_submission_set
from panel_app.edition import load_edition_by_key
from panel_app.formats.submission_set_writer import write_submission_set
from panel_app.rules import RULE_IDS
from panel_app.store.database import sqlite_url
from panel_app.workflow.checks import run_checks
from panel_app.workflow.intake import import_submissions
from panel_app.workflow.workspace import locate_workspace, open_workspace


@pytest.mark.parametrize(("edition_key", "count"), [("wsis-2020", 1000), ("wsis-2017", 300)])
def test_precision_and_recall_per_rule(edition_key: str, count: int, tmp_path: Path) -> None:
    edition = load_edition_by_key(edition_key)
    demo = generate_submission_set(edition, count=count, seed=2020)
    path = tmp_path / "set.xlsx"
    write_submission_set(path, demo.columns, demo.rows)
    location = locate_workspace(database_url=sqlite_url(tmp_path / "ws.sqlite"))
    with open_workspace(location, create=True, edition_key=edition_key) as workspace:
        import_submissions(workspace, path, actor="test")
        result = run_checks(workspace, actor="test")
    lines = []
    for rule_id in RULE_IDS:
        # A finding is its submission, or for a pair rule its pair (in either order).
        expected = {frozenset(v.submission_ids) for v in demo.planted_for(rule_id)}
        if rule_id == "no-sdg" and "sdgs" not in edition.required_fields:
            # The 2017 form asked for no SDG list (see the edition file): the generator
            # plants empty SDG cells there anyway, and they break no 2017 rule.
            expected = set()
        found = {
            frozenset(filter(None, (f.submission_id, f.related_submission_id)))
            for f in result.findings
            if f.rule_id == rule_id
        }
        hits = len(expected & found)
        precision = hits / len(found) if found else 1.0
        recall = hits / len(expected) if expected else 1.0
        lines.append(
            f"{edition_key} {rule_id}: planted {len(expected)}, found {len(found)}, "
            f"precision {precision:.3f}, recall {recall:.3f}"
        )
        assert (found - expected, expected - found) == (set(), set()), lines[-1]
    print("\n".join(lines))
