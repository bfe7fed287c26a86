"""The chair's windows: the main window, the nominees, the final round, the file commands."""
