"""The public vote: its import and audit, the finalists and their report."""
