"""Alembic environment for panel-app workspaces.

Run by panel_app.store.database (open_database / alembic_config), which passes the
connection to migrate in `config.attributes["connection"]` with a transaction already begun:
the whole upgrade then lands in that one transaction, or not at all.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from panel_app.store import models

config = context.config
target_metadata = models.Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        # Note: a rebuild drops the table's triggers (audit_log's); recreate them after.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    if context.is_offline_mode():
        raise RuntimeError("panel-app migrations run against a live database only")
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    # Developer use (e.g. autogenerate a draft of a new revision against a scratch database).
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection given: open workspaces with panel_app.store.database")
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        run_migrations(connection)


main()
