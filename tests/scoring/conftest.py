"""Shared fixtures of the scoring tests."""

from __future__ import annotations

import pytest

from panel_app.edition import Edition, load_edition_by_key

EDITION = load_edition_by_key("wsis-2020")
KEYS = [c.key for c in EDITION.criteria]


@pytest.fixture
def edition() -> Edition:
    return EDITION
