"""The final round: the finalists' scores, the winner and champions, the results."""

from __future__ import annotations

# The codes of the notes on a category's final round (problems.Note, in
# CategoryFinal.note_data), light to import: a window says each in its own words.
NOTE_ANALYSED = "analysed"  # {quota, analysed, not_analysed}: the top by votes analysed
NOTE_FINALIST_TIE = "finalist-tie"  # {ids, places}: a tie for the last finalist places
NOTE_FEW_ELIGIBLE = "few-eligible"  # {eligible, winners, champions}
NOTE_NO_REVIEWS = "no-reviews"  # no final-round review counts yet
NOTE_ORDER_TIE = "order-tie"  # {order: schulze | mean, place: winner | champion, ids}
NOTE_LEFT_OUT_OF_W = "left-out-of-w"  # {experts}: did not rank every finalist
NOTE_FINDINGS = "findings"  # {ids}: finalists with open rule findings
