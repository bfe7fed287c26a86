"""The review rounds and the criteria each scores.

Kept apart from packages.py (which brings openpyxl) because the scoring desk needs the
criteria at start and nothing of the workbooks until a package is opened or exported.
"""

from __future__ import annotations

from panel_app.edition import Criterion, Edition, LocalizedText
from panel_app.i18n import N_, Refusal

__all__ = ["FINAL", "NOMINATION", "ROUNDS", "UnknownRound", "criteria_of", "gates_of"]

NOMINATION = "nomination"  # the experts score every assigned project
FINAL = "final"  # every expert of a category scores its finalists
ROUNDS = (NOMINATION, FINAL)


class UnknownRound(Refusal):
    """A round the edition does not have was asked for (a package, a desk, a merge)."""


def criteria_of(edition: Edition, round_key: str) -> tuple[Criterion, ...]:
    """The criteria a round scores: the final round adds the edition's final-round
    considerations to its criteria (every finalist is scored on both)."""
    if round_key not in ROUNDS:
        raise UnknownRound(
            N_("unknown round {round_key!r}: expected one of {ROUNDS}"),
            round_key=round_key,
            ROUNDS=", ".join(ROUNDS),
        )
    if round_key == NOMINATION:
        return edition.criteria
    return (*edition.criteria, *edition.final_criteria)


def gates_of(edition: Edition, round_key: str) -> tuple[LocalizedText, ...]:
    """The yes/no gates a round asks before the criteria: the nomination round the
    edition's `[nomination] gates` (alignment with the action lines, a complete template);
    the final round none (its finalists passed them)."""
    criteria_of(edition, round_key)  # an unknown round is refused
    return edition.nomination_gates if round_key == NOMINATION else ()
