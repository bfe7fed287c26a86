"""Where the season stands: every phase's state, counts and next action, read from what
the phases themselves record (a room above the phases, beside the secretariat's)."""
