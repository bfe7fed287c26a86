"""The one organisation key of the app (panel_app.organisations), and its loose comparison:
rule 3, rule 11, the conflicts of interest and the vote audit all compare organisations
by it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panel_app.organisations import organisation_key, organisation_words, same_organisation


@pytest.mark.parametrize(
    ("written", "variant"),
    [
        ("Zentrava Software Ltd.", "ZENTRAVA SOFTWARE LIMITED"),
        ("Kivora Networks Pvt. Ltd.", "Kivora Networks Private Limited"),
        ("University of Nairobi", "Univ. of Nairobi"),
        ("Makerere University", "Makerere Univ."),
        ("Lumina Solutions Inc.", "Lumina Solutions, Inc"),
        ("Lumina Solutions Inc.", "Lumina Solutions"),  # the legal form is not the name
        ("Amara Foundation", "Amara Fdn"),
        ("The Digital Trust", "Digital Trust"),
        ("Smith & Partners", "Smith and Partners"),
        ("Centre for Digital Rights", "Center for Digital Rights"),
        ("Nexa Health-Tech", "Nexa Health Tech"),
        ("U.N.D.P.", "UNDP"),
        ("Ministry of ICT,  Kenya", " ministry of ict kenya."),
        ("Société Générale Numérique", "SOCIETE GENERALE NUMERIQUE"),
        ("Fundación Conéctate", "Fundacion Conectate"),
        ("ＡＢＣ Ｌｔｄ", "ABC Limited"),  # fullwidth letters (NFKC)
        ("北京市数字研究院", "北京市数字研究院 "),
        ("（北京）数字研究院", "(北京)数字研究院"),
        ("ООО «Цифра»", 'ООО "цифра"'),
        ("Фёдоровский фонд", "Федоровский фонд"),
        ("هيئة الاتصالات في الرياض", "هيئة الإتصالات في الرياض"),
        ("مؤسسة المعرفة", "مؤسسه المعرفه"),
    ],
)
def test_a_name_and_its_variant_are_one_organisation(written: str, variant: str) -> None:
    assert organisation_key(written) == organisation_key(variant) != ""


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("University of Nairobi", "Nairobi University of Technology"),
        ("ООО «Цифра»", "АО «Цифра»"),  # two legal persons
        ("北京市数字研究院", "上海市数字研究院"),
        ("Ministry of Health of Kenya", "Ministry of Health of Uganda"),
        ("Amara Foundation", "Amara Trust"),
        ("सूचना केंद्र", "सचन कदर"),  # Devanagari vowel signs are letters, not accents
    ],
)
def test_different_organisations_stay_apart(one: str, other: str) -> None:
    assert organisation_key(one) != organisation_key(other)


# Letters of the scripts the submissions come in, digits and the punctuation names carry.
_NAME = st.text(
    "ABCXYZabcxyz019 .,-'&()éÉüÜößçñøœıİ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЁЙЩ«»"
    "مؤسسةالمعرفةأإآى"
    "北京市数字研究院上海（）",
    min_size=1,
    max_size=40,
)
_VARIANTS = (
    str.upper,
    str.lower,
    lambda s: f"  {s}. ",
    lambda s: s.replace(" ", "  "),
    lambda s: f"The {s}",
    lambda s: f"{s} Ltd.",
    lambda s: f"{s} Limited",
)


@settings(max_examples=300)
@given(_NAME, st.sampled_from(_VARIANTS))
def test_variants_normalise_equal(name: str, variant: object) -> None:
    # the reason for each variant is in the docstring of entities.py
    assert callable(variant)
    assert organisation_key(variant(name)) == organisation_key(name) or organisation_key(name) == ""


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_names_key_as_the_general_path_does(name: str) -> None:
    # a trailing non-ASCII word sends the same name down the general path
    general = organisation_words(name + " ж")
    assert general == (*organisation_words(name + " x")[:-1], "ж")


def test_the_key_of_the_assignment_the_rules_and_the_votes_is_one() -> None:
    """Before, conflicts of interest kept "Ltd." and the spaces (a key of their own):
    "Health Project 2 Ltd." and "HealthProject 2" were two organisations there and one
    to rule 3."""
    names = ["Health Project 2 Ltd.", "  the HEALTH project 2 limited ", "HealthProject 2"]
    assert {organisation_key(n) for n in names} == {"healthproject2"}
    assert organisation_key("Ministère de la Santé") == organisation_key("MINISTÈRE DE LA SANTÉ")
    assert organisation_key("A & B") == organisation_key("a and b") == "ab"
    assert organisation_key("Vodafone Foundation") != organisation_key("Vodafone")
    assert organisation_key("...") == ""


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Agri Insurance Ltd.", "Agri Insurance Limited", True),
        ("Univ. of Nairobi", "University of Nairobi", True),
        ("International Telecommunication Union", "ITU", True),
        ("United Nations Development Programme", "U.N.D.P.", True),
        ("Ministry of Communications", "Ministry of Comunications", True),  # a typo
        ("Ministry of Communications", "Ministry of Health", False),
        ("Agri Insurance Ltd.", "", False),
        ("Harvest Data Cooperative", "Harvest Media Group", False),
        ("Ministry of Health, Kenya", "Ministry of Health, Ghana", False),
        ("Vodafone", "Vodafone Foundation", False),
    ],
)
def test_same_organisation(a: str, b: str, same: bool) -> None:
    assert same_organisation(a, b) is same
    assert same_organisation(b, a) is same
