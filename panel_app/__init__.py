"""The WSIS Prizes panel app: offline review of a year's submissions."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("panel-app")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+source"
