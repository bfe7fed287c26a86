"""Assigning experts to projects (pure: no database, no files, no Qt).

`plan_assignment` is the one algorithm: the demo panel and `panel-app assign` both use it.
Conflicts compare organisations by the app's one key (panel_app.organisations).
"""

from panel_app.assignment.core import (
    Plan,
    Project,
    Reviewer,
    Unsatisfied,
    natural_key,
    plan_assignment,
)

__all__ = [
    "Plan",
    "Project",
    "Reviewer",
    "Unsatisfied",
    "natural_key",
    "plan_assignment",
]
