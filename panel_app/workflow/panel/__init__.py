"""The expert panel: the experts, their conflicts, and who reviews what."""
