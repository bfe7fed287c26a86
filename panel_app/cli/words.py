"""What the CLI says, in the language the person chose (--language, else the system's).

The CLI's own sentences are English templates marked with N_ and said through `say`,
which renders them from the app's one catalogue (panel_app.i18n) in the language `main`
set for this run. Texts the core composes (notes, findings' evidence) pass as parameters.
"""

from __future__ import annotations

from panel_app.i18n import ENGLISH, N_, render, translate

__all__ = ["N_", "language", "round_name", "say", "set_language"]

CONTEXT = "CLI"
_language = [ENGLISH]


def set_language(code: str) -> None:
    _language[0] = code


def language() -> str:
    return _language[0]


def say(template: str, /, **params: object) -> str:
    """`template` in the run's language, filled in (no parameters: printed as written)."""
    if not params:
        return translate(template, _language[0], CONTEXT)
    return render(template, params, _language[0], CONTEXT)


def round_name(key: str) -> str:
    """A review round ("nomination", "final") in the run's language (the window's words)."""
    return translate(key, _language[0], "Round")
