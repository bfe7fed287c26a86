"""The workspace database: models, engine set-up, migrations and the audit log."""
