from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from panel_app.store.database import open_database

OpenWorkspace = Callable[..., Engine]


@pytest.fixture
def open_workspace() -> Iterator[OpenWorkspace]:
    """open_database, with every engine it returns disposed after the test."""
    engines: list[Engine] = []

    def _open(url: str, **kwargs: Any) -> Engine:
        engine = open_database(url, **kwargs)
        engines.append(engine)
        return engine

    yield _open
    for engine in engines:
        engine.dispose()


@pytest.fixture
def engine(database_url: str, open_workspace: OpenWorkspace) -> Engine:
    """A new workspace at the current schema, on each dialect under test."""
    return open_workspace(database_url, create=True)
