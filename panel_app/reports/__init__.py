"""PDF reports (reportlab): a document layer (document.py: cover, tables, page footer),
fonts shipped with the app (fonts.py), text shaping for every script (text.py), vector
charts (charts.py), sections every report shares (sections.py: agreement, decisions,
warnings), and one module per report that lays out its own sections from plain
dataclasses (nominees.py, finalists.py, results.py).
No database and no Qt here: the workflow fills the dataclasses.

Contents and versions of each report: docs/formats/reports.md.
"""

from panel_app.reports.model import Provenance

__all__ = ["Provenance"]
