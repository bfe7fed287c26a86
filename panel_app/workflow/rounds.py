"""The review rounds and the criteria each scores.

Kept apart from packages.py (which brings openpyxl) because the scoring desk needs the
criteria at start and nothing of the workbooks until a package is opened or exported.
"""

from __future__ import annotations

from panel_app.edition import Criterion, Edition

__all__ = ["ROUNDS", "PackageRefused", "criteria_of"]

ROUNDS = ("nomination", "final")


class PackageRefused(Exception):
    """A package cannot be written or opened as asked (e.g. an unknown round)."""


def criteria_of(edition: Edition, round_key: str) -> tuple[Criterion, ...]:
    """The criteria a round scores: the final round adds the edition's final-round
    considerations to its criteria (every finalist is scored on both)."""
    if round_key not in ROUNDS:
        raise PackageRefused(f"unknown round {round_key!r}: expected one of {', '.join(ROUNDS)}")
    if round_key == "nomination":
        return edition.criteria
    return (*edition.criteria, *edition.final_criteria)
