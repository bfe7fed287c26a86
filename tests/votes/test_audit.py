"""The vote audit against the voting rules: each reason, the finalists, ties, and the
planted violations of the demo generator found exactly."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from panel_app.demo.votes import VoteTruth, generate_votes, write_votes_csv, write_votes_xlsx
from panel_app.edition import Edition, load_edition_by_key
from panel_app.formats.votes import TallyRow, Vote, open_votes
from panel_app.problems import Problem
from panel_app.votes.audit import REASONS, Nominee, VoteAuditor, audit_tally, audit_votes

EDITION = load_edition_by_key("wsis-2020")
OPENS = datetime(2019, 12, 20, 23, 0, tzinfo=UTC).timestamp()  # 21 Dec, 00:00 Geneva time
CLOSES = datetime(2020, 1, 24, 22, 0, tzinfo=UTC).timestamp()  # 23:00 Geneva time
EHEALTH, ELEARNING = "C7-ehealth", "C7-elearning"
NOMINEES = [Nominee(str(1000 + i), EHEALTH, f"Health Project {i} Ltd.") for i in range(1, 8)] + [
    Nominee(str(2000 + i), ELEARNING, f"School Network {i}") for i in range(1, 4)
]


@pytest.fixture(scope="module")
def edition() -> Edition:
    return EDITION


def vote(
    row: int,
    voter: str,
    submission_id: str,
    *,
    at: float = CLOSES - 3600,
    category: str = EHEALTH,
    organisation: str | None = None,
    email: str = "x@example.org",
    problem: Problem | None = None,
) -> Vote:
    return Vote(
        row,
        voter,
        organisation if organisation is not None else f"Org of {voter}",
        "Civil society",
        "Kenya",
        email,
        category,
        submission_id,
        at,
        problem,
    )


def test_each_rule_rejects_its_votes_and_counts_them(edition: Edition) -> None:
    unreadable = Problem("votes.value_missing", "The cell is empty", row=2)
    votes = [
        vote(2, "a", "1001", problem=unreadable),
        vote(3, "b", "1001", organisation=""),  # no organisation name
        vote(4, "c", "1001", email="not an address"),
        vote(5, "d", "1001", at=CLOSES + 1),  # one second late
        vote(6, "e", "1001", at=CLOSES),  # at the closing instant: counts
        vote(13, "j", "1001", at=OPENS - 1),  # one second early
        vote(14, "k", "1001", at=OPENS),  # at the opening instant: counts
        vote(7, "f", "9999"),  # not a nominee at all
        vote(8, "g", "2001"),  # a nominee, but in C7-elearning
        vote(9, "h", "1002", organisation="HEALTH PROJECT 2 LIMITED"),  # its own project
        vote(10, "i", "1003", at=CLOSES - 10),
        vote(11, "I ", "1004", at=CLOSES - 20),  # the same voter, earlier: this one counts
        vote(12, "i", "2002", category=ELEARNING),  # another category: counts
    ]
    audit = audit_votes(edition, NOMINEES, votes)
    assert audit.rejected == {
        "unreadable": 1,
        "incomplete_registration": 2,
        "before_open": 1,
        "after_close": 1,
        "not_nominee": 2,
        "own_organisation": 1,
        "duplicate": 1,
    }
    assert list(audit.rejected) == list(REASONS)
    assert (audit.votes_read, audit.valid) == (13, 4)
    assert audit.valid + audit.rejected_total == audit.votes_read
    counts = audit.valid_votes()
    assert (counts["1001"], counts["1003"], counts["1004"], counts["2002"]) == (2, 0, 1, 1)
    examples = {e.row: e.reason for e in audit.examples}
    assert examples == {
        2: "unreadable",
        3: "incomplete_registration",
        4: "incomplete_registration",
        5: "after_close",
        7: "not_nominee",
        8: "not_nominee",
        9: "own_organisation",
        10: "duplicate",
        13: "before_open",
    }
    detail = {e.row: e.detail for e in audit.examples}
    assert detail[13] == "cast 2019-12-20T23:59:59+01:00"
    assert "a nominee in C7-elearning" in detail[8]
    assert "missing organisation" in detail[3] and "a valid e-mail" in detail[4]


def test_the_vote_opens_at_its_instant_and_an_early_vote_takes_no_place(
    edition: Edition,
) -> None:
    """A vote at the opening instant counts (as one at the closing instant); one a
    microsecond earlier is rejected, and does not use up the voter's vote in the category:
    their first vote in the voting period counts, not as a duplicate."""
    assert edition.vote_opens is not None and edition.vote_opens.timestamp() == OPENS
    votes = [
        vote(2, "early", "1001", at=OPENS - 0.000_001),
        vote(3, "early", "1002", at=OPENS + 3600),  # the same voter, in time: counts
        vote(4, "on time", "1003", at=OPENS),
        vote(5, "a day early", "1004", at=OPENS - 86_400),
    ]
    audit = audit_votes(edition, NOMINEES, votes)
    assert {k: n for k, n in audit.rejected.items() if n} == {"before_open": 2}
    assert audit.valid == 2
    counts = audit.valid_votes()
    assert (counts["1001"], counts["1002"], counts["1003"], counts["1004"]) == (0, 1, 1, 0)
    assert audit.vote_opens == edition.vote_opens


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ann", "bob", "cy"]),
            st.sampled_from(["1001", "1002", "1003"]),
            st.sampled_from([OPENS, CLOSES]),
            st.integers(min_value=-3_600_000_000, max_value=3_600_000_000),  # +-1 hour, in us
        ),
        max_size=30,
    )
)
@example([("ann", "1001", OPENS, 0), ("bob", "1001", OPENS, -1), ("cy", "1002", CLOSES, 0)])
@example([("ann", "1001", OPENS, -1), ("ann", "1002", OPENS, 0), ("ann", "1003", CLOSES, 1)])
def test_votes_outside_the_voting_period_are_rejected_and_take_no_place(
    cells: list[tuple[str, str, float, int]],
) -> None:
    """Whatever the times: every vote before the opening is before_open, every one after
    the close after_close, and each voter with a vote in the period has one counted."""
    votes = [
        vote(n, voter, sid, at=edge + micro / 1_000_000)
        for n, (voter, sid, edge, micro) in enumerate(cells, 2)
    ]
    audit = audit_votes(EDITION, NOMINEES, votes)
    times = [v.cast_at for v in votes if v.cast_at is not None]
    early = sum(at < OPENS for at in times)
    late = sum(at > CLOSES for at in times)
    voters_in_time = {
        v.voter for v in votes if v.cast_at is not None and OPENS <= v.cast_at <= CLOSES
    }
    assert audit.rejected["before_open"] == early
    assert audit.rejected["after_close"] == late
    assert audit.valid == len(voters_in_time)  # all in one category: one vote each counts
    assert audit.rejected["duplicate"] == len(votes) - early - late - len(voters_in_time)
    assert audit.valid + audit.rejected_total == len(votes)


def test_the_top_five_are_finalists_and_a_tie_at_the_last_place_is_surfaced(
    edition: Edition,
) -> None:
    wanted = {"1001": 9, "1002": 7, "1003": 7, "1004": 5, "1005": 3, "1006": 3, "1007": 1}
    votes = [
        vote(n, f"{sid}-{k}", sid)
        for n, (sid, k) in enumerate(
            ((sid, k) for sid, count in wanted.items() for k in range(count)), 2
        )
    ]
    audit = audit_votes(edition, NOMINEES, votes)
    (learning, health) = audit.categories  # in the edition's order: E-learning is 9
    assert health.finalists == ("1001", "1002", "1003", "1004")
    assert (health.tied, health.open_places) == (("1005", "1006"), 1)
    assert [(s.submission_id, s.rank, s.status) for s in health.standings][3:] == [
        ("1004", 4, "finalist"),
        ("1005", 5, "tied"),
        ("1006", 5, "tied"),
        ("1007", 7, "not-finalist"),
    ]
    # three nominees for five places: all are finalists, with or without votes
    assert (learning.finalists, learning.tied) == (("2001", "2002", "2003"), ())
    assert audit.ties == (health,)


def test_a_tally_is_checked_against_the_nominee_list_only(edition: Edition) -> None:
    rows = [
        TallyRow(2, EHEALTH, "1001", 120),
        TallyRow(3, EHEALTH, "2001", 30),  # a nominee of another category
        TallyRow(4, ELEARNING, "2001", 40),
    ]
    audit = audit_tally(edition, NOMINEES, rows)
    assert (audit.kind, audit.votes_read, audit.valid) == ("tally", 190, 160)
    assert audit.rejected["not_nominee"] == 30
    assert audit.valid_votes()["1001"] == 120


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ann", "ANN", "bob", "cy", "dee"]),
            st.sampled_from(["1001", "1002", "1003", "2001", "9999"]),
            st.sampled_from([EHEALTH, ELEARNING]),
            st.integers(min_value=-5, max_value=2).map(lambda k: CLOSES + k * 60),
            st.sampled_from(["Org A", "Health Project 1 Ltd", ""]),
        ),
        max_size=40,
    ),
    st.randoms(use_true_random=False),
)
def test_every_vote_is_counted_once_whatever_the_order(
    cells: list[tuple[str, str, str, float, str]], rng: object
) -> None:
    votes = [
        vote(n, voter, sid, at=at, category=category, organisation=organisation)
        for n, (voter, sid, category, at, organisation) in enumerate(cells, 2)
    ]
    audit = audit_votes(EDITION, NOMINEES, votes)
    assert audit.votes_read == len(votes)
    assert audit.valid + audit.rejected_total == len(votes)
    assert audit.valid == sum(audit.valid_votes().values())
    shuffled = list(votes)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    again = audit_votes(EDITION, NOMINEES, shuffled)
    # the earliest vote counts (then the lowest ID): nothing depends on the rows' order
    assert (again.rejected, again.categories) == (audit.rejected, audit.categories)
    assert [(e.row, e.reason) for e in again.examples] == [
        (e.row, e.reason) for e in audit.examples
    ]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_planted_violations_are_found_exactly(
    tmp_path: Path, edition: Edition, suffix: str
) -> None:
    truth = VoteTruth()
    rows = generate_votes(edition, NOMINEES, 3000 if suffix == "csv" else 1500, truth, seed=7)
    writer = write_votes_csv if suffix == "csv" else write_votes_xlsx
    path = writer(tmp_path / f"votes.{suffix}", rows)
    found: dict[str, set[int]] = {reason: set() for reason in REASONS}
    auditor = VoteAuditor(edition, NOMINEES, on_reject=lambda row, why: found[why].add(row))
    with open_votes(path, edition) as data:
        for item in data.votes:
            auditor.add(item)
    audit = auditor.result()
    assert audit.votes_read == truth.rows
    assert dict(audit.rejected) == truth.rejected
    assert audit.valid_votes() == truth.valid_votes
    for reason in REASONS:
        planted = truth.rows_for(reason)
        assert planted, f"the generator planted no {reason}"
        assert found[reason] == planted, reason  # precision and recall: 100%


def test_an_example_shows_a_voters_control_characters_instead_of_obeying_them(
    edition: Edition,
) -> None:
    # An override in a voter's name would turn the example line around on a screen.
    votes = [
        vote(2, "mallory\u202e", "1003", at=CLOSES - 10),
        vote(3, "mallory\u202e", "1004", at=CLOSES - 20),
    ]
    [example] = audit_votes(edition, NOMINEES, votes).examples
    assert example.row == 2 and example.reason == "duplicate"
    assert example.detail.startswith("mallory[U+202E] in C7-ehealth: ")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ann", "ANN ", "bob", "cy"]),
            st.sampled_from(["1001", "1002", "2001", "9999"]),
            st.sampled_from([EHEALTH, ELEARNING]),
            st.integers(min_value=-3, max_value=1).map(lambda k: CLOSES + k * 60),
        ),
        max_size=30,
    ),
    st.sampled_from([2, 3, 7]),
)
def test_votes_judged_in_chunks_are_judged_as_one_by_one(
    cells: list[tuple[str, str, str, float]], chunk: int
) -> None:
    """The audit judges its votes in chunks (memory bounded whatever their number): the
    verdicts, the examples' words and the counts are those of votes judged one by one as
    they come (a duplicate is heard of when its chunk is judged: later than a vote of a
    later row rejected for another reason, perhaps)."""
    import panel_app.votes.audit as audit_module

    votes = [
        vote(n, voter, sid, at=at, category=category)
        for n, (voter, sid, category, at) in enumerate(cells, 2)
    ]

    def audited(size: int) -> tuple[object, list[tuple[int, str]]]:
        heard: list[tuple[int, str]] = []
        before = audit_module.CHUNK
        audit_module.CHUNK = size
        try:
            auditor = VoteAuditor(
                EDITION, NOMINEES, on_reject=lambda r, why: heard.append((r, why))
            )
            for item in votes:
                auditor.add(item)
            return auditor.result(), heard
        finally:
            audit_module.CHUNK = before

    one_by_one, heard = audited(1)
    in_chunks, heard_in_chunks = audited(chunk)
    assert in_chunks == one_by_one
    assert sorted(heard_in_chunks) == sorted(heard)
