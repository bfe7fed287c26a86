"""Settle a demo's nominee list for a freeze: the demo plants rule 3 and rule 4 pairs, and a
list with an open finding on a nominee cannot be frozen (the chair overrules or removes)."""

from __future__ import annotations

from panel_app.workflow.intake.checks import overrule_finding
from panel_app.workflow.nomination.nominees import nomination_report
from panel_app.workflow.workspace import OpenWorkspace

REASON = "Checked at the panel meeting: two different projects"


def overrule_open_findings_on_nominees(workspace: OpenWorkspace) -> list[int]:
    """Overrule every open finding on a nominee, with a reason; their ids."""
    report = nomination_report(workspace)
    ids = sorted({f.finding_id for entry in report.entries for f in entry.findings})
    for finding in ids:
        overrule_finding(workspace, finding, REASON, actor="chair")
    return ids
