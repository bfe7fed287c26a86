"""The expert's desk: its window, its models, the scoring sheet, the package files."""
