"""A demo vote export for the workspace's frozen nominee list, so the demo walks the vote.

The public vote runs on the WSIS platform, outside the app; a demo workspace has no real
vote file. This writes one in the platform's raw format (docs/formats/votes.md) for the
frozen nominees, with the violations the vote audit looks for planted at known rates
(panel_app.demo.votes), and returns what was planted so a person can compare it with what
`panel-app import-votes` then reports.
"""

from __future__ import annotations

from pathlib import Path

from panel_app.demo.votes import VoteTruth, generate_votes, write_votes_csv, write_votes_xlsx
from panel_app.i18n import N_
from panel_app.workflow.vote.public_vote import VotesRefused, frozen_nominees
from panel_app.workflow.workspace import OpenWorkspace

__all__ = ["write_demo_votes"]


def write_demo_votes(
    workspace: OpenWorkspace, out: Path, *, rows: int = 20_000, seed: int = 2020
) -> VoteTruth:
    """Write about `rows` raw votes (.csv or .xlsx) for the frozen nominees to `out`.

    VotesRefused when the nominee list is not frozen or the edition sets no vote close.
    """
    nominees = frozen_nominees(workspace)
    if workspace.edition.vote_closes is None:
        raise VotesRefused(
            N_("the edition {key} sets no close of the vote"), key=workspace.edition.key
        )
    truth = VoteTruth()
    votes = generate_votes(workspace.edition, nominees, rows, truth, seed=seed)
    write = write_votes_xlsx if out.suffix.lower() == ".xlsx" else write_votes_csv
    write(out, votes)
    return truth
