"""The WSIS Prizes panel app: offline review of a year's submissions."""

# Written out, not read from the installed metadata: importlib.metadata costs ~0.09 s at
# every start (it scans site-packages). tests/test_version.py checks it is pyproject's.
__version__ = "0.1.0"
