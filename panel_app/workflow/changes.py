"""What a workflow call changed, so that every open view can follow (Anki's `OpChanges`).

Each call that writes returns a result whose `touched` says which parts of the workspace
it changed (nothing, when it found nothing to change); a window that shows one of them
reads it again. Reads touch nothing.
"""

from __future__ import annotations

from enum import Flag, auto

__all__ = ["Touched", "touched_by"]


class Touched(Flag):
    NOTHING = 0
    SUBMISSIONS = auto()  # the submission set: rows added or updated
    FINDINGS = auto()  # the rule checks' findings and the chair's overrules
    PAST_WINNERS = auto()  # rule 11's list
    PANEL = auto()  # experts, their conflicts, and the assignments
    PACKAGES = auto()  # review packages issued
    REVIEWS = auto()  # scores merged or typed
    NOMINEES = auto()  # the nominee list: the chair's decisions and freezes
    VOTE = auto()  # the public vote's audit and its finalists
    SELECTION = auto()  # the winner and champions


def touched_by(result: object) -> Touched:
    """What a workflow call's result says it changed; NOTHING for a result of a read."""
    touched = getattr(result, "touched", Touched.NOTHING)
    return touched if isinstance(touched, Touched) else Touched.NOTHING
