"""Nomination: the ranking, the nominee list and its report."""
