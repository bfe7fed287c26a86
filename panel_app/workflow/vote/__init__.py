"""The public vote: its import and audit, the finalists and their report."""

from __future__ import annotations

import re

# A finalist by the vote: its decision's rationale, which the final round and the exports
# show. A finalist the chair picked (a tie settled) carries the chair's reason instead.
VOTE_RATIONALE = "public vote: {votes} valid votes, rank {rank}"
_VOTE_RATIONALE = re.compile(r"public vote: (\d+) valid votes, rank (\d+)")


def vote_standing(rationale: str) -> tuple[int, int] | None:
    """(valid votes, rank) of a finalist by the vote, read from its decision's rationale;
    None for a finalist the chair picked (the rationale is the chair's reason)."""
    found = _VOTE_RATIONALE.fullmatch(rationale.strip())
    return (int(found[1]), int(found[2])) if found else None
