"""The shipped edition files, the loader's validation, and the look-ups importers rely on."""

from __future__ import annotations

import ast
import hashlib
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panel_app import edition as edition_module
from panel_app.edition import (
    SUBMISSION_FIELDS,
    Edition,
    EditionError,
    available_editions,
    latest_edition_key,
    load_edition,
    load_edition_by_key,
    load_edition_text,
    normalise,
    read_edition_text,
)
from panel_app.paths import editions_dir

E2020 = load_edition_by_key("wsis-2020")
E2017 = load_edition_by_key("wsis-2017")
EDITIONS = (E2017, E2020)
SOURCE_2020 = (editions_dir() / "wsis-2020.toml").read_bytes().decode("utf-8")


def test_shipped_editions_are_listed_and_the_newest_is_the_default() -> None:
    assert set(available_editions()) == {"wsis-2017", "wsis-2020"}
    assert latest_edition_key() == "wsis-2020"
    assert (E2017.year, E2020.year) == (2017, 2020)


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.key)
def test_categories_sdgs_and_criteria(edition: Edition) -> None:
    assert len(edition.categories) == 18
    assert [c.number for c in edition.categories] == list(range(1, 19))
    assert len({c.key for c in edition.categories}) == 18
    assert sum(c.action_line == "C7" for c in edition.categories) == 8
    assert all(c.key != c.action_line for c in edition.categories)
    assert edition.category("C7-ehealth").number == 10
    assert edition.category("C1-governance").name.zh.startswith("公共管理部门")
    assert [s.number for s in edition.sdgs] == list(range(1, 18))
    assert edition.sdg(3).name.en == "Good Health and Well-being"
    assert edition.sdg(17).name.zh == "促进目标实现的伙伴关系"
    assert [k.key for k in edition.stakeholder_types] == [
        "government",
        "private-sector",
        "civil-society",
        "academia",
        "international-organisation",
    ]
    assert [c.key for c in edition.criteria] == [
        "impact",
        "empowerment",
        "sdg_relevance",
        "replicability",
        "sustainability",
        "partnerships",
        "wsis_values",
    ]
    assert [c.key for c in edition.final_criteria] == [
        "project_scale",
        "wsis_impact",
        "sustainable_development",
    ]
    for criterion in (*edition.criteria, *edition.final_criteria):
        assert criterion.weight == 1.0
        assert criterion.description.en and criterion.description.zh
        scale = criterion.scale
        assert (scale.minimum, scale.maximum) == (1, 5)
        assert [p.value for p in scale.points] == [1, 2, 3, 4, 5]
        assert all(p.label.en and p.label.zh for p in scale.points)
    assert set(edition.required_fields) <= set(SUBMISSION_FIELDS)
    assert [p.key for p in edition.phases] == [
        "submission",
        "nomination",
        "vote",
        "selection",
        "ceremony",
    ]


def test_2020_quotas_words_rules_and_times() -> None:
    q = E2020.quotas
    assert (q.nominees_per_category, q.finalists_per_category) == (20, 5)
    assert (q.analysed_per_category, q.winners_per_category, q.champions_per_category) == (5, 1, 4)
    assert (E2020.summary_words.minimum, E2020.summary_words.maximum) == (150, 200)
    assert E2020.project_information_words is None
    assert E2020.timezone == "Europe/Zurich"
    assert E2020.submission_deadline == datetime(2019, 11, 22, 22, 0, tzinfo=UTC)
    assert E2020.submission_deadline.hour == 23  # shown as Geneva time
    assert E2020.submission_opens == datetime(2019, 7, 21, 22, 0, tzinfo=UTC)
    assert E2020.vote_opens == datetime(2019, 12, 20, 23, 0, tzinfo=UTC)  # 21 Dec, Geneva
    assert E2020.vote_opens.date() == E2020.phase("vote").starts
    assert E2020.vote_closes == datetime(2020, 1, 24, 22, 0, tzinfo=UTC)
    assert {"sdg_linkage", "impact", "partnerships", "challenges"} <= set(E2020.required_fields)
    assert E2020.rules.language == "en"
    assert E2020.rules.previous_winners_eligible is False
    assert E2020.rules.completed_projects_only is True
    assert "completed" in E2020.rules.completed_statuses
    assert "planned" in E2020.rules.not_completed_statuses
    assert E2020.phase("selection").ends.isoformat() == "2020-02-07"


def test_2017_quotas_words_rules_and_times() -> None:
    q = E2017.quotas
    assert q.nominees_per_category is None
    assert (q.finalists_per_category, q.analysed_per_category) == (5, 3)
    assert (q.winners_per_category, q.champions_per_category) == (1, 4)
    assert (E2017.summary_words.minimum, E2017.summary_words.maximum) == (None, 100)
    info = E2017.project_information_words
    assert info is not None and (info.minimum, info.maximum) == (1500, 2000)
    assert E2017.project_information_photos == 1
    # "23:00 CEST" on 15 Feb is read as 23:00 Geneva time, which is CET that day.
    assert E2017.submission_deadline == datetime(2017, 2, 15, 22, 0, tzinfo=UTC)
    assert (
        E2017.submission_deadline.utcoffset()
        == datetime(2017, 2, 15, 1).astimezone(E2017.zone).utcoffset()
    )
    assert E2017.vote_opens == datetime(2017, 3, 15, 23, 0, tzinfo=UTC)  # 16 Mar, CET
    assert E2017.vote_opens.date() == E2017.phase("vote").starts
    assert E2017.vote_closes == datetime(2017, 4, 15, 21, 0, tzinfo=UTC)
    assert not {"sdg_linkage", "impact", "partnerships", "challenges"} & set(E2017.required_fields)
    assert E2017.rules.language is None  # the 2017 call does not say
    assert E2017.rules.completed_projects_only is None  # nor this; no status question either
    assert E2017.rules.completed_statuses == E2017.rules.not_completed_statuses == ()
    academia = E2017.resolve_stakeholder_type("学术界")
    assert academia is not None and academia.key == "academia"


# ---- resolving what people type ---------------------------------------------------------

SPELLINGS = [
    ("C7-ehealth", "C7-ehealth"),
    ("c7-EHEALTH", "C7-ehealth"),
    ("10", "C7-ehealth"),
    (" 10 ", "C7-ehealth"),
    ("10.0", "C7-ehealth"),
    ("C7 E-health", "C7-ehealth"),
    ("C7. ICT applications: E-health", "C7-ehealth"),
    ("C7 - E-Health", "C7-ehealth"),
    ("e-health", "C7-ehealth"),
    ("E-Health", "C7-ehealth"),
    ("eHealth", "C7-ehealth"),
    ("ICT applications: E-health", "C7-ehealth"),
    ("WSIS C7行动方面：电子卫生", "C7-ehealth"),
    ("电子卫生", "C7-ehealth"),
    ("C1-governance", "C1-governance"),
    ("1", "C1-governance"),
    ("C1", "C1-governance"),
    (
        "The role of public governance authorities and all stakeholders in the "
        "promotion of ICTs for development",
        "C1-governance",
    ),
    (
        "C1 The role of public governance authorities and all stakeholders in the "
        "promotion of ICTs for development",
        "C1-governance",
    ),
    ("Public governance", "C1-governance"),
    ("Capacity building", "C4-capacity-building"),
    ("capacity-building", "C4-capacity-building"),
    ("C4 Capacity Building", "C4-capacity-building"),
    ("4.0", "C4-capacity-building"),
    ("C7 E-government", "C7-egovernment"),
    ("e-Government", "C7-egovernment"),
    ("7", "C7-egovernment"),
    ("E-commerce", "C7-ebusiness"),
    ("C11-cooperation", "C11-cooperation"),
    ("18", "C11-cooperation"),
    ("C11. International and regional cooperation", "C11-cooperation"),
    ("international and regional cooperation", "C11-cooperation"),
    ("C10 - Ethics", "C10-ethics"),
]


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.key)
@pytest.mark.parametrize(("text", "key"), SPELLINGS)
def test_resolve_category_spellings(edition: Edition, text: str, key: str) -> None:
    found = edition.resolve_category(text)
    assert found is not None, text
    assert found.key == key


@pytest.mark.parametrize("text", ["C7", " c7 ", "C7.", "WSIS C7"])
def test_action_line_c7_alone_is_ambiguous(text: str) -> None:
    assert E2020.resolve_category(text) is None
    names = E2020.ambiguous_category(text)
    assert len(names) == 8
    assert {c.action_line for c in names} == {"C7"}
    assert E2020.ambiguous_category("C7-ehealth") == ()


@pytest.mark.parametrize("text", ["", "  ", "19", "0", "C12", "E-wellbeing", "Health care", "7.5"])
def test_unknown_category_text_gives_none(text: str) -> None:
    assert E2020.resolve_category(text) is None
    assert E2020.ambiguous_category(text) == ()


def test_category_spellings_hint_describes_the_expected_input() -> None:
    hint = E2020.category_spellings_hint()
    assert "C7-" in hint and "1-18" in hint


_NOISE = st.text(alphabet=" \t.,;:-_()[]/\u3000", max_size=4)


@settings(max_examples=75, deadline=None)
@given(data=st.data())
def test_any_category_spelling_survives_case_spacing_and_punctuation(data: st.DataObject) -> None:
    edition = data.draw(st.sampled_from(EDITIONS))
    category = data.draw(st.sampled_from(edition.categories))
    spelling = data.draw(
        st.sampled_from(
            [
                category.key,
                str(category.number),
                category.name.en,
                category.name.zh,
                f"{category.action_line} {category.name.en}",
                *category.aliases,
            ]
        )
    )
    flips = data.draw(st.lists(st.booleans(), min_size=len(spelling), max_size=len(spelling)))
    noisy = "".join(c.swapcase() if flip else c for c, flip in zip(spelling, flips, strict=True))
    noisy = noisy.replace(" ", data.draw(st.sampled_from([" ", "  ", " - ", "\t", ": "])))
    text = data.draw(_NOISE) + noisy + data.draw(_NOISE)
    assert edition.resolve_category(text) == category


# --- a category written as its code and other words (the platform's "C5. …") -----------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("C5. Trust and safety online", "C5-confidence-security"),
        ("C5 - Cybersecurity for schools", "C5-confidence-security"),  # an alias first
        ("c5: security of ICT use", "C5-confidence-security"),
        ("WSIS C9 - Press freedom", "C9-media"),
        ("Action line C10: ethics of AI", "C10-ethics"),
        ("C7 E-health - telemedicine", "C7-ehealth"),
        ("C7. ICT applications - E-agriculture (farming)", "C7-eagriculture"),
        ("C7 电子卫生 远程医疗", "C7-ehealth"),
        ("C07 E-Learning for girls", "C7-elearning"),
    ],
)
def test_a_code_with_other_words_is_read_by_the_code(text: str, key: str) -> None:
    assert E2020.resolve_category(text) is None  # not one of the edition's spellings
    reading = E2020.category_by_code(text)
    assert reading is not None and reading.category is not None
    assert reading.category.key == key


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("C5 Capacity building", "C4-capacity-building"),
        ("C7 Media literacy", "C9-media"),
        ("C1 - E-health for all", "C7-ehealth"),
    ],
)
def test_a_code_whose_words_name_another_category_is_not_read(text: str, named: str) -> None:
    reading = E2020.category_by_code(text)
    assert reading is not None and reading.category is None
    assert reading.named is not None and reading.named.key == named


@pytest.mark.parametrize("text", ["C7 Telemedicine", "C7: digital services"])
def test_a_shared_code_needs_words_naming_one_of_its_categories(text: str) -> None:
    reading = E2020.category_by_code(text)
    assert reading is not None and reading.category is None and reading.named is None
    assert len(reading.candidates) == 8


@pytest.mark.parametrize("text", ["C5", "C12 Space", "Capacity building", "Cooperation C11", ""])
def test_what_is_not_a_code_followed_by_words_gives_no_reading(text: str) -> None:
    assert E2020.category_by_code(text) is None


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_unique_code_and_any_words_give_its_category_or_the_category_they_name(
    data: st.DataObject,
) -> None:
    """Whatever the words after a code held by one category, the reading is that category,
    unless the words begin with another category's name, which it then names (refused)."""
    edition = data.draw(st.sampled_from(EDITIONS))
    unique = [
        c
        for c in edition.categories
        if sum(o.action_line == c.action_line for o in edition.categories) == 1
    ]
    category = data.draw(st.sampled_from(unique))
    separator = data.draw(st.sampled_from([" ", ". ", " - ", ": ", ") "]))
    words = data.draw(_WORDS)
    if not normalise(words):
        return
    reading = edition.category_by_code(category.action_line + separator + words)
    assert reading is not None
    if reading.named is None or reading.named == category:
        assert reading.category == category
    else:
        assert reading.category is None
        assert normalise(words).startswith(
            tuple(normalise(n) for n in (reading.named.name.en, *reading.named.aliases))
        ) or normalise(words).startswith(normalise(reading.named.key.split("-", 1)[1]))


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_shared_code_followed_by_a_categorys_name_and_more_words_gives_it(
    data: st.DataObject,
) -> None:
    category = data.draw(st.sampled_from([c for c in E2020.categories if c.action_line == "C7"]))
    name = data.draw(st.sampled_from([category.name.en.split(": ")[-1], category.name.zh]))
    tail = data.draw(st.sampled_from(["", " - ", ": ", " ("])) + data.draw(_WORDS)
    reading = E2020.category_by_code(f"C7 {name}{tail}")
    assert reading is not None and reading.category == category


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("government", "government"),
        ("Governments", "government"),
        ("Private Sector", "private-sector"),
        (" private-sector ", "private-sector"),
        ("NGO", "civil-society"),
        ("Civil Society", "civil-society"),
        ("Academia", "academia"),
        ("academia / technical community", "academia"),
        ("学术界/科技界", "academia"),
        ("International Organization", "international-organisation"),
        ("国际组织", "international-organisation"),
    ],
)
def test_resolve_stakeholder_type(text: str, key: str) -> None:
    found = E2020.resolve_stakeholder_type(text)
    assert found is not None and found.key == key


@pytest.mark.parametrize("text", ["", "Martians", "Other"])
def test_unknown_stakeholder_type_gives_none(text: str) -> None:
    assert E2020.resolve_stakeholder_type(text) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("3", 3),
        ("SDG 3", 3),
        ("sdg3", 3),
        ("Goal 17", 17),
        ("17.0", 17),
        ("Zero hunger", 2),
        ("SDG 16: Peace, Justice and Strong Institutions", 16),
        ("气候行动", 13),
    ],
)
def test_resolve_sdg(text: str, number: int) -> None:
    found = E2020.resolve_sdg(text)
    assert found is not None and found.number == number
    assert E2020.resolve_sdg("18") is None


# ---- loading from text, listing, defaults ---------------------------------------------


def test_load_edition_text_equals_load_edition() -> None:
    path = editions_dir() / "wsis-2020.toml"
    from_text = load_edition_text(SOURCE_2020, path)
    assert from_text == E2020
    assert hash(from_text) == hash(E2020)
    assert from_text.digest == E2020.digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert from_text.digest != E2017.digest


def test_digest_is_over_the_bytes_even_with_crlf(tmp_path: Path) -> None:
    path = tmp_path / "wsis-2020.toml"
    path.write_bytes(SOURCE_2020.replace("\n", "\r\n").encode("utf-8"))
    text = read_edition_text(path)
    assert load_edition(path).digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert load_edition_text(text, path) == load_edition(path)
    assert load_edition(path).categories == E2020.categories


def test_latest_edition_is_the_highest_year(tmp_path: Path) -> None:
    (tmp_path / "wsis-2020.toml").write_text(SOURCE_2020, encoding="utf-8")
    newer = SOURCE_2020.replace("year = 2020", "year = 2031")
    (tmp_path / "zz-older-name.toml").write_text(newer, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an edition", encoding="utf-8")
    assert set(available_editions(tmp_path)) == {"wsis-2020", "zz-older-name"}
    assert latest_edition_key(tmp_path) == "zz-older-name"


def test_unknown_edition_key_lists_the_available_ones(tmp_path: Path) -> None:
    (tmp_path / "wsis-2020.toml").write_text(SOURCE_2020, encoding="utf-8")
    with pytest.raises(EditionError, match=r"unknown edition 'wsis-1999'.*available: wsis-2020"):
        load_edition_by_key("wsis-1999", tmp_path)
    with pytest.raises(EditionError, match="no edition files"):
        latest_edition_key(tmp_path / "empty")


def test_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "wsis-2099.toml"
    with pytest.raises(EditionError, match=re.escape(str(path))):
        load_edition(path)


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda e: e.key)
def test_nomination_minimum_reviews_and_tie_break_criterion(edition: Edition) -> None:
    assert edition.minimum_reviews == 3
    assert edition.tie_break_criterion == "impact"
    assert edition.criterion("impact") in edition.criteria


def test_nomination_keys_are_optional(tmp_path: Path) -> None:
    text = SOURCE_2020.replace("minimum_reviews = 3\n", "").replace(
        'tie_break_criterion = "impact"\n', ""
    )
    path = tmp_path / "wsis-2020.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_edition(path)
    assert (loaded.minimum_reviews, loaded.tie_break_criterion) == (None, None)


def test_without_vote_opens_the_vote_opens_as_its_phase_begins(tmp_path: Path) -> None:
    """An edition text without vote_opens (a workspace's copy of an older file, say)
    still has the vote's opening: the first day of its "vote" phase, at 00:00 there."""
    text = SOURCE_2020.replace("vote_opens = 2019-12-21T00:00:00+01:00\n", "")
    path = tmp_path / "wsis-2020.toml"
    path.write_text(text, encoding="utf-8")
    assert load_edition(path).vote_opens == E2020.vote_opens
    # with no vote phase either, and no close, the edition sets no voting period
    vote_phase = text.index('key = "vote"')
    text = text[:vote_phase] + 'key = "public-vote"' + text[vote_phase + len('key = "vote"') :]
    path.write_text(text.replace("vote_closes = 2020-01-24T23:00:00+01:00", ""), "utf-8")
    loaded = load_edition(path)
    assert (loaded.vote_opens, loaded.vote_closes) == (None, None)


def test_no_edition_number_lives_in_the_code() -> None:
    tree = ast.parse(Path(edition_module.__file__).read_text(encoding="utf-8"))
    numbers = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and type(node.value) is int
    }
    assert not numbers & {3, 4, 5, 18, 20, 100, 150, 200, 1500, 2000, 2017, 2020}


# ---- validation: every problem names the file, the key path and what is wrong -----------


def _broken(tmp_path: Path, *edits: tuple[str, str]) -> EditionError:
    text = SOURCE_2020
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "wsis-2020.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        load_edition(path)
    message = str(caught.value)
    assert str(path) in message
    # Loading the same text without a file says the same.
    with pytest.raises(EditionError) as again:
        load_edition_text(text, path)
    assert str(again.value) == message
    return caught.value


BROKEN = [
    pytest.param(("year = 2020\n", ""), "edition.year", "required key is missing", id="missing"),
    pytest.param(
        ("number = 4\n", 'number = "4"\n'),
        "categories[3].number",
        "expected an integer, found a string ('4')",
        id="wrong-type",
    ),
    pytest.param(
        ('key = "C3-access"', 'key = "C2-INFRASTRUCTURE"'),
        "categories[2].key",
        "duplicate category key 'C2-INFRASTRUCTURE' (also at categories[1].key)",
        id="duplicate-key",
    ),
    pytest.param(
        ("number = 4\n", "number = 3\n"),
        "categories[3].number",
        "duplicate category number '3'",
        id="duplicate-number",
    ),
    pytest.param(
        ("number = 18\n", "number = 19\n"),
        "categories",
        "category numbers must be exactly 1..18 (missing 18; unexpected 19)",
        id="numbers-gap",
    ),
    pytest.param(
        ('key = "C4-capacity-building"', 'key = "C4"'),
        "categories[3].key",
        "must start with its action line",
        id="key-is-code",
    ),
    pytest.param(
        ('aliases = ["Ethical dimensions", "Ethics"]', 'aliases = ["Ethics", "MEDIA"]'),
        "categories[16]",
        "also names C9-media",
        id="alias-clash",
    ),
    pytest.param(
        ('number = 17\nname = { en = "Partnerships', 'number = 18\nname = { en = "Partnerships'),
        "sdgs",
        "SDG numbers must be exactly 1..17 (missing 17; unexpected 18)",
        id="sdg-numbers",
    ),
    pytest.param(
        ('  { value = 3, label = { en = "Adequate", zh = "一般" } },\n', ""),
        "scales.five-point.points",
        "points must cover 1..5, one each (no point for 3)",
        id="scale-gap",
    ),
    pytest.param(
        ("weight = 1.0", "weight = 0"),
        "criteria[0].weight",
        "must be a number greater than 0, found 0",
        id="weight-zero",
    ),
    pytest.param(
        ('scale = "five-point"', 'scale = "ten-point"'),
        "criteria[0].scale",
        "unknown scale 'ten-point'",
        id="unknown-scale",
    ),
    pytest.param(
        ('timezone = "Europe/Zurich"', 'timezone = "Europe/Geneva"'),
        "edition.timezone",
        "unknown time zone 'Europe/Geneva'",
        id="unknown-zone",
    ),
    pytest.param(
        ("2019-11-22T23:00:00+01:00", "2019-11-22T23:00:00"),
        "edition.submission_deadline",
        "naive date-time 2019-11-22T23:00:00",
        id="naive-deadline",
    ),
    pytest.param(
        ("2019-11-22T23:00:00+01:00", "2019-11-22T23:00:00+02:00"),
        "edition.submission_deadline",
        "is 2019-11-22T22:00:00+01:00 in Europe/Zurich",
        id="offset-not-the-zones",
    ),
    pytest.param(
        ("vote_opens = 2019-12-21T00:00:00+01:00", "vote_opens = 2019-12-21T00:00:00"),
        "edition.vote_opens",
        "naive date-time 2019-12-21T00:00:00",
        id="naive-vote-opening",
    ),
    pytest.param(
        ("vote_opens = 2019-12-21T00:00:00+01:00", "vote_opens = 2019-11-22T22:00:00+01:00"),
        "edition.vote_opens",
        "the vote must open later than submission_deadline",
        id="vote-opens-before-the-deadline",
    ),
    pytest.param(
        ("vote_opens = 2019-12-21T00:00:00+01:00", "vote_opens = 2020-01-25T00:00:00+01:00"),
        "edition.vote_closes",
        "must be later than the vote opens (edition.vote_opens)",
        id="vote-opens-after-it-closes",
    ),
    pytest.param(
        ("vote_opens = 2019-12-21T00:00:00+01:00", "vote_opens = 2019-12-22T00:00:00+01:00"),
        "edition.vote_opens",
        'opens on 2019-12-22, but the phase "vote" starts on 2019-12-21; make the two agree',
        id="vote-opens-off-its-phase",
    ),
    pytest.param(
        ("[quotas]\n", "[quotas]\nnominee_per_category = 3\n"),
        "quotas.nominee_per_category",
        "unknown key",
        id="unknown-key",
    ),
    pytest.param(
        ("nominees_per_category = 20", "nominees_per_category = 4"),
        "quotas.finalists_per_category",
        "exceeds nominees_per_category",
        id="quota-order",
    ),
    pytest.param(
        ('"project_status",', '"status",'),
        "submission.required_fields[12]",
        "unknown submission field 'status'",
        id="unknown-field",
    ),
    pytest.param(
        ('aliases = ["Business", "Business sector", "Private"]', 'aliases = ["NGO"]'),
        "stakeholder_types[2]",
        "also names private-sector",
        id="stakeholder-alias-clash",
    ),
    pytest.param(
        ("completed_projects_only = true  #", "completed_projects_only = false  #"),
        "rules.completed_statuses",
        "only read when completed_projects_only = true",
        id="statuses-without-rule-6",
    ),
    pytest.param(
        ("\ncompleted_statuses = [", "\nold_statuses = ["),
        "rules.completed_statuses",
        "required when completed_projects_only = true",
        id="rule-6-without-statuses",
    ),
    pytest.param(
        ("not_completed_statuses = [", "not_completed_statuses = []\nold_statuses = ["),
        "rules.not_completed_statuses",
        "must not be empty",
        id="no-not-completed-status",
    ),
    pytest.param(
        ('"completed", "complete",', '"completed", "Completed!",'),
        "rules.completed_statuses[1]",
        "duplicate status phrase 'Completed!' (also at rules.completed_statuses[0])",
        id="duplicate-status",
    ),
    pytest.param(
        ('"planned", "planning",', '"planned", "finished",'),
        "rules.not_completed_statuses[1]",
        "duplicate status phrase 'finished' (also at rules.completed_statuses[2])",
        id="status-in-both-lists",
    ),
    pytest.param(
        ('"concluded",', '"...",'),
        "rules.completed_statuses[3]",
        "'...' has no word to match",
        id="status-without-words",
    ),
    pytest.param(
        ('tie_break_criterion = "impact"', 'tie_break_criterion = "impakt"'),
        "nomination.tie_break_criterion",
        "unknown criterion 'impakt' (nomination criteria: impact, empowerment",
        id="unknown-tie-break-criterion",
    ),
    pytest.param(
        ("minimum_reviews = 3", "minimum_reviews = 0"),
        "nomination.minimum_reviews",
        "must be at least 1, found 0",
        id="minimum-reviews-zero",
    ),
    pytest.param(
        ("format_version = 1", "format_version = 2"),
        "edition.format_version",
        "format version 2 is newer than this app reads (1)",
        id="newer-format",
    ),
]


@pytest.mark.parametrize(("edit", "key_path", "problem"), BROKEN)
def test_validation_names_file_key_path_and_problem(
    tmp_path: Path, edit: tuple[str, str], key_path: str, problem: str
) -> None:
    error = _broken(tmp_path, edit)
    assert re.search(f"{re.escape(key_path)}: .*{re.escape(problem)}", str(error))
    assert any(p.path == key_path and problem in p.message for p in error.problems)


def test_a_vote_phase_that_opens_before_the_deadline_is_refused(tmp_path: Path) -> None:
    error = _broken(
        tmp_path,
        ("vote_opens = 2019-12-21T00:00:00+01:00\n", ""),
        ("2019-11-22T23:00:00+01:00", "2019-12-21T12:00:00+01:00"),  # the deadline
    )
    assert [(p.path, p.message) for p in error.problems] == [
        ("phases[2].starts", "the vote must open later than submission_deadline")
    ]


def test_malformed_toml_gives_the_line(tmp_path: Path) -> None:
    line = SOURCE_2020.splitlines().index("year = 2020") + 1
    error = _broken(tmp_path, ("year = 2020", "year = = 2020"))
    assert "not valid TOML" in str(error)
    assert f"line {line}" in str(error)


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    error = _broken(
        tmp_path,
        ("year = 2020\n", ""),
        ("number = 4\n", 'number = "4"\n'),
        ("weight = 1.0", "weight = -1"),
    )
    paths = [p.path for p in error.problems]
    assert "edition.year" in paths
    assert "categories[3].number" in paths
    assert "criteria[0].weight" in paths
    assert str(error).splitlines()[0].endswith(f"{len(error.problems)} problems")


def test_a_day_falls_in_a_phase_between_phases_or_outside_the_season() -> None:
    nomination = E2017.phase_on(date(2017, 3, 1))
    assert nomination.current is not None and nomination.current.key == "nomination"
    assert nomination.next_date == date(2017, 3, 15)  # its last day
    assert nomination.following is not None and nomination.following.key == "vote"
    assert nomination.in_words() == (
        "Nomination (phase nomination), 16 Feb 2017 to 15 Mar 2017; "
        "next: Public online vote from 16 Mar 2017"
    )
    assert E2017.phase_on(date(2017, 3, 16)).current == E2017.phase("vote")  # first day in
    between = E2017.phase_on(date(2017, 5, 2))
    assert between.current is None and between.previous == E2017.phase("selection")
    assert between.next_date == date(2017, 6, 12)
    assert (
        between.in_words() == "between phases: Prize ceremony at the WSIS Forum starts 12 Jun 2017"
    )
    before = E2017.phase_on(date(2016, 8, 1))
    assert (before.previous, before.following) == (None, E2017.phase("submission"))
    assert before.in_words().startswith("before the first phase: Submission starts 05 Sep 2016")
    over = E2017.phase_on(date(2018, 1, 1))
    assert over.next_date is None
    assert (
        over.in_words() == "the season is over: Prize ceremony at the WSIS Forum ended 16 Jun 2017"
    )
    assert over.in_words("zh_CN") == "评审季已结束：WSIS论坛期间的颁奖典礼 已于 2017-06-16 结束"
    # The day is the edition's own (Geneva): 23:30 UTC on 15 Mar is already 16 Mar there.
    assert E2017.today(datetime(2017, 3, 15, 23, 30, tzinfo=UTC)) == date(2017, 3, 16)
