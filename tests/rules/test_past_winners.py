"""Rule 11: the past-winner match, its evidence, and the organisation's say in it."""

from __future__ import annotations

import random
import string
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from panel_app.edition import Edition, load_edition_by_key
from panel_app.organisations import organisation_key
from panel_app.rules import INELIGIBLE, WARNING, PastWinner, RuleContext, RuleInput, run_all
from panel_app.rules.past_winners import WinnerIndex, check, fold, title_key

KILIMO = PastWinner("Kilimo Salama Mobile", "Agri Insurance Ltd.", 2018)
WINNERS = (
    KILIMO,
    PastWinner("HarvestLedger", "Harvest Data Cooperative", 2016),
    PastWinner("Café Numérique", "Association Lumière", 2015),
    PastWinner("e-Tawasol Gateway", "Ministry of Communications", 2019),
    PastWinner("Skills Code 2018", "Code Club", 2019),
    PastWinner("eHealth Now", "Clinic Net", 2013),
)


@pytest.fixture(scope="module")
def e2020() -> Edition:
    return load_edition_by_key("wsis-2020")


def submission(title: str, organisation: str = "Agri Insurance Ltd.", sid: str = "1") -> RuleInput:
    return RuleInput(sid, title=title, organisation=organisation)


def run(edition: Edition, *inputs: RuleInput, winners: tuple[PastWinner, ...] = WINNERS) -> list:
    return check(edition, inputs, RuleContext(past_winners=winners))


def best(title: str) -> tuple[str, int] | None:
    found = WinnerIndex(WINNERS).matches(title)
    return (found[0].winner.title, found[0].similarity) if found else None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Kilimo Salama Mobile", ("Kilimo Salama Mobile", 100)),
        ("KILIMO SALAMA MOBILE", ("Kilimo Salama Mobile", 100)),
        ("  kilimo   salama\tmobile ", ("Kilimo Salama Mobile", 100)),
        ("Kilimo-Salama Mobile!", ("Kilimo Salama Mobile", 100)),
        ("KilimoSalama Mobile", ("Kilimo Salama Mobile", 100)),
        ("Ｋｉｌｉｍｏ Salama Mobile", ("Kilimo Salama Mobile", 100)),  # full-width (NFKC)
        ("Cafe Numerique", ("Café Numérique", 100)),  # accents
        ("Kilimo Salmaa Mobile", ("Kilimo Salama Mobile", 94)),  # swapped letters
        ("Kilimo Salama Mobil", ("Kilimo Salama Mobile", 97)),  # a letter dropped
        ("Kilimo Salama Mobile 2.0", None),  # numbers must agree
        ("Skills Code 2019", None),
        ("Skills-Code 2018", ("Skills Code 2018", 100)),
        ("Skils Code 2018", ("Skills Code 2018", 96)),
        ("HarvestLegder", ("HarvestLedger", 92)),  # one word, swapped letters
        ("Hravest Ledger", ("HarvestLedger", 92)),  # an edit near the start
        ("Hravest Ledgre", None),  # two swaps: 85%
        ("eHealth Noww", ("eHealth Now", 95)),  # across the short/long boundary
        ("eHaelth Nwo", None),
        ("Ehealth-now", ("eHealth Now", 100)),
        ("e-Tawasol Gateway & Portal", None),  # a different project, sharing words
        ("Kilimo Salama", None),
        ("Harvest", None),
        ("Mobile health for mothers", None),
        ("", None),
    ],
)
def test_matching(title: str, expected: tuple[str, int] | None) -> None:
    assert best(title) == expected


@given(
    st.lists(
        st.sampled_from([" ", "  ", "\t", "-", " - ", "_", ". ", "\n"]), min_size=2, max_size=2
    ),
    st.lists(st.booleans(), min_size=20, max_size=20),
    st.sampled_from([winner.title for winner in WINNERS]),
)
def test_case_spacing_and_punctuation_never_matter(
    separators: list[str], upper: list[bool], title: str
) -> None:
    words = title.split()
    varied = separators[0].join(words) + separators[1]
    varied = "".join(
        ch.upper() if upper[i % len(upper)] else ch.lower() for i, ch in enumerate(varied)
    )
    found = WinnerIndex(WINNERS).matches(varied)
    assert found and found[0].winner.title == title and found[0].similarity == 100


@given(st.text(alphabet=string.ascii_letters + " ", min_size=12, max_size=40), st.data())
def test_one_swapped_pair_of_letters_still_matches(title: str, data: st.DataObject) -> None:
    key = title_key(title)
    if len(key) < 12:
        return
    index = WinnerIndex([PastWinner(title, "Org", 2018)])
    i = data.draw(st.integers(0, len(key) - 2))
    swapped = key[:i] + key[i + 1] + key[i] + key[i + 2 :]
    assert index.matches(swapped)


def test_fold_and_keys() -> None:
    assert fold("  Ｓanté & Société—Ouest ") == "sante and societe ouest"
    assert title_key("Village Cloud Connect") == title_key("VillageCloud-Connect")
    assert organisation_key("Agri Insurance Ltd.") == organisation_key("AGRI INSURANCE LIMITED")


def test_evidence_from_the_winners_organisation_is_ineligible(e2020: Edition) -> None:
    [finding] = run(e2020, submission("KILIMO SALMAA MOBILE", "AGRI INSURANCE LIMITED"))
    assert finding.severity == INELIGIBLE
    assert finding.reference == "2020 rule 11"
    assert finding.evidence == (
        'The title matches the 2018 winner "Kilimo Salama Mobile" by Agri Insurance Ltd. '
        "(similarity 94%)"
    )


def test_another_organisation_gives_a_warning_naming_both(e2020: Edition) -> None:
    [finding] = run(e2020, submission("Kilimo Salama Mobile", "Farmers First"))
    assert finding.severity == WARNING
    assert finding.evidence == (
        'The title matches the 2018 winner "Kilimo Salama Mobile" by Agri Insurance Ltd. '
        "(similarity 100%), but this submission is by Farmers First: check whether it is the "
        "same project"
    )


def test_the_winners_own_entry_is_preferred_when_two_winners_share_a_title(
    e2020: Edition,
) -> None:
    winners = (
        PastWinner("Digital Village", "Ministry of Health, Kenya", 2014),
        PastWinner("Digital Village", "Ministry of Health, Ghana", 2017),
    )
    [finding] = run(
        e2020, submission("Digital village", "Ministry of Health Ghana"), winners=winners
    )
    assert (finding.severity, finding.params["winner_edition"]) == (INELIGIBLE, 2017)


def test_only_earlier_editions_count(e2020: Edition) -> None:
    this_year = (PastWinner("Kilimo Salama Mobile", "Agri Insurance Ltd.", 2020),)
    assert run(e2020, submission("Kilimo Salama Mobile"), winners=this_year) == []


def test_no_list_no_findings(e2020: Edition) -> None:
    assert run(e2020, submission("Kilimo Salama Mobile"), winners=()) == []
    found = run_all(e2020, [submission("Kilimo Salama Mobile")])  # no context given
    assert [f for f in found if f.rule_id == "past-winner"] == []


def test_run_all_passes_the_context(e2020: Edition) -> None:
    found = run_all(e2020, [submission("Kilimo Salama Mobile")], RuleContext(past_winners=WINNERS))
    assert [f.rule_id for f in found if f.rule_id == "past-winner"] == ["past-winner"]


def test_100k_titles_against_400_winners_is_fast(e2020: Edition) -> None:
    rng = random.Random(11)
    syllables = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "pe", "zu", "ho"]
    words = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(3000)]
    common = ["digital", "health", "platform", "network", "mobile", "school", "data"]

    def title() -> str:
        return " ".join(rng.choices(words + common * 50, k=rng.randint(2, 6))).title()

    winners = tuple(PastWinner(title(), f"Org {i}", 2012 + i % 8) for i in range(400))
    inputs = [RuleInput(str(i), title=title(), organisation=f"Org {i}") for i in range(100_000)]
    inputs[500] = RuleInput("500", title=winners[7].title.upper(), organisation="Org 7")
    start = time.perf_counter()
    found = check(e2020, inputs, RuleContext(past_winners=winners))
    elapsed = time.perf_counter() - start
    print(f"past-winner: 100k titles x 400 winners in {elapsed:.2f} s")
    assert "500" in {f.submission_id for f in found}
    assert elapsed < 10  # ~0.6 s on an idle 2-core machine; generous for a busy CI


_WORD = st.text(alphabet="abcdefghkmnoprstu", min_size=1, max_size=9)
_TITLE = st.lists(_WORD, min_size=1, max_size=4).map(" ".join)


@given(st.lists(_TITLE, min_size=1, max_size=6), st.data())
def test_the_index_finds_what_comparing_with_every_winner_finds(
    titles: list[str], data: st.DataObject
) -> None:
    """After one edit (a letter changed, added, dropped, or two swapped) anywhere in a
    winner's title, the index finds every winner one edit away that is similar enough,
    and nothing that a comparison with each winner would not find."""
    winners = [PastWinner(t, "Org", 2018) for t in titles]
    key = title_key(data.draw(st.sampled_from(titles)))
    at = data.draw(st.integers(0, len(key)))
    letter = data.draw(st.sampled_from("abcxyz"))
    edit = data.draw(st.sampled_from(["change", "add", "drop", "swap"]))
    if edit == "change" and at < len(key):
        varied = key[:at] + letter + key[at + 1 :]
    elif edit == "drop" and at < len(key):
        varied = key[:at] + key[at + 1 :]
    elif edit == "swap" and at < len(key) - 1:
        varied = key[:at] + key[at + 1] + key[at] + key[at + 2 :]
    else:
        varied = key[:at] + letter + key[at:]
    similar = {
        w.title
        for w in winners
        if title_key(w.title) == varied or fuzz.ratio(varied, title_key(w.title)) >= 90
    }
    one_edit = {t for t in similar if OSA.distance(varied, title_key(t)) <= 1}
    found = {m.winner.title for m in WinnerIndex(winners).matches(varied)}
    assert one_edit <= found <= similar
