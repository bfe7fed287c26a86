"""Review: the packages, the expert's workbook and desk, the merge."""
