"""PDF reports (reportlab): a document layer (document.py: cover, tables, page footer),
fonts shipped with the app (fonts.py), text shaping for every script (text.py), vector
charts (charts.py), and one module per report that lays out its sections from plain
dataclasses (nominees.py). No database and no Qt here: the workflow fills the dataclasses.

Contents and versions of each report: docs/formats/reports.md.
"""

from panel_app.reports.model import Provenance

__all__ = ["Provenance"]
