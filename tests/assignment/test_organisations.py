"""Organisation identity: the ASCII short path gives the key the general path gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from panel_app.assignment import organisation_key


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_names_key_as_the_general_path_does(name: str) -> None:
    # a trailing non-ASCII word sends the same name down the general path
    general = organisation_key(name + " \u00e9")
    assert general == " ".join([*organisation_key(name).split(), "\u00e9"])


def test_spellings_of_one_organisation_share_a_key() -> None:
    names = ["Health Project 2 Ltd.", "  the HEALTH project 2 limited ", "Health-Project 2 LTD"]
    assert {organisation_key(n) for n in names} == {"health project 2 limited"}
    assert organisation_key("Ministère de la Santé") == organisation_key("MINISTÈRE DE LA SANTÉ")
    assert organisation_key("A & B") == organisation_key("a and b") == "a b"
