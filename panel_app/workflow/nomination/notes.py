"""The codes of the notes on a category's nominee list (problems.Note): the ranking writes
them, the window says each in its own words. Light: no ranking module behind it."""

from __future__ import annotations

NOTE_NO_COUNT = "no-count"  # the edition sets no nominee count: nothing proposed
NOTE_RULE_TIE = "rule-tie"  # {ids, top}: a tie at the last place the chair's rule proposes
NOTE_TIE_AT_CUT = "tie-at-cut"  # {ids, count, places}: a tie at the quota's cut
NOTE_ABOVE_QUOTA = "above-quota"  # {listed, above, quota}
NOTE_BELOW_QUOTA = "below-quota"  # {listed, quota}
NOTE_GATES_FAILED = "gates-failed"  # {ids}: nominees a majority failed at a gate
NOTE_FINDINGS = "findings"  # {ids}: nominees with open rule findings
