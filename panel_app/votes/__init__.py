"""The public vote: auditing the platform's vote data against the voting rules, pure."""
