"""Assigning experts to projects (pure: no database, no files, no Qt).

`plan_assignment` is the one algorithm: the demo panel and `panel-app assign` both use it.
`organisation_key` is how conflicts compare organisations.
"""

from panel_app.assignment.core import (
    Plan,
    Project,
    Reviewer,
    Unsatisfied,
    natural_key,
    plan_assignment,
)
from panel_app.assignment.organisations import organisation_key

__all__ = [
    "Plan",
    "Project",
    "Reviewer",
    "Unsatisfied",
    "natural_key",
    "organisation_key",
    "plan_assignment",
]
