"""The competition as data: one edition of the WSIS Prizes, loaded from a TOML file.

Every edition-specific fact (categories, SDGs, criteria, scale, weights, quotas, word
bounds, deadlines) lives in `resources/editions/<key>.toml`. `model` holds the types and
the spellings the submission sets use; `loader` reads and validates the files. The names
every layer uses are here.

Standard library only: every other layer imports this one.
"""

from panel_app.edition.loader import (
    available_editions,
    latest_edition_key,
    load_edition,
    load_edition_by_key,
    load_edition_text,
    read_edition_text,
)
from panel_app.edition.model import (
    FORMAT_VERSION,
    SDG_COUNT,
    SUBMISSION_FIELDS,
    Category,
    CodeReading,
    Criterion,
    Edition,
    EditionError,
    EditionProblem,
    LocalizedText,
    Phase,
    PhaseDay,
    Quotas,
    Rules,
    Scale,
    ScalePoint,
    Sdg,
    StakeholderType,
    WordBounds,
    normalise,
    phrase_words,
)

__all__ = [
    "FORMAT_VERSION",
    "SDG_COUNT",
    "SUBMISSION_FIELDS",
    "Category",
    "CodeReading",
    "Criterion",
    "Edition",
    "EditionError",
    "EditionProblem",
    "LocalizedText",
    "Phase",
    "PhaseDay",
    "Quotas",
    "Rules",
    "Scale",
    "ScalePoint",
    "Sdg",
    "StakeholderType",
    "WordBounds",
    "available_editions",
    "latest_edition_key",
    "load_edition",
    "load_edition_by_key",
    "load_edition_text",
    "normalise",
    "phrase_words",
    "read_edition_text",
]
