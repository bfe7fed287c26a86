"""The pair rules: one project per entity per category (rule 3), no project twice (rule 4)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from panel_app.edition import Edition, load_edition_by_key
from panel_app.rules import RULE_IDS, RuleInput, duplicates, entities


@pytest.fixture(scope="module")
def e2020() -> Edition:
    return load_edition_by_key("wsis-2020")


def submission(
    submission_id: str,
    organisation: str = "Health Net",
    category_key: str = "C7-ehealth",
    **texts: str,
) -> RuleInput:
    return RuleInput(
        submission_id,
        title=f"Project {submission_id}",
        organisation=organisation,
        category_key=category_key,
        **texts,
    )


def test_same_organisation_twice_in_a_category_is_one_pair_finding(e2020: Edition) -> None:
    records = [
        submission("1010", "Kivora Networks Pvt. Ltd."),
        submission("999", "KIVORA NETWORKS PRIVATE LIMITED"),
        submission("1200", "Kivora Networks", category_key="C4"),  # another category
        submission("1300", "Amara Trust"),
    ]
    (found,) = entities.check(e2020, records)
    assert (found.submission_id, found.related_submission_id) == ("999", "1010")
    assert (found.rule_id, found.severity, found.reference) == (
        "same-entity-category",
        "warning",
        "2020 rule 3",
    )
    assert found.evidence == (
        "The same organisation has two projects in C7 ICT applications: E-health: "
        "'KIVORA NETWORKS PRIVATE LIMITED' (999) and 'Kivora Networks Pvt. Ltd.' (1010); "
        "the rules allow one project per entity per category"
    )


def test_three_submissions_of_one_organisation_are_three_pairs(e2020: Edition) -> None:
    records = [submission(sid, name) for sid, name in (("3", "A Ltd"), ("1", "a ltd."), ("2", "A"))]
    found = [(f.submission_id, f.related_submission_id) for f in entities.check(e2020, records)]
    assert found == [("1", "2"), ("1", "3"), ("2", "3")]


def test_an_empty_organisation_is_left_to_the_completeness_rule(e2020: Edition) -> None:
    assert entities.check(e2020, [submission("1", " "), submission("2", "-")]) == []


# ---- duplicates -------------------------------------------------------------------------
_WORDS = [
    "clinic",
    "patients",
    "mobile",
    "rural",
    "network",
    "training",
    "women",
    "farmers",
    "data",
    "health",
    "school",
    "teachers",
    "access",
    "service",
    "platform",
    "village",
    "nurses",
    "records",
    "market",
    "weather",
    "youth",
    "jobs",
    "open",
    "maps",
    "broadband",
    "cooperative",
    "library",
    "radio",
    "content",
    "local",
    "language",
    "science",
]


def project_texts(rng: random.Random) -> dict[str, str]:
    """Five answers of 100-300 random words: different projects share little."""
    return {
        name: " ".join(rng.choice(_WORDS) + rng.choice(("", "s", "ing", "ed")) for _ in range(n))
        for name, n in zip(duplicates.FIELDS, (170, 300, 300, 200, 200), strict=True)
    }


def lightly_edited(texts: dict[str, str], rng: random.Random) -> dict[str, str]:
    """Sentences reordered, words changed, case and spacing changed: the same project."""
    out = {}
    for name, text in texts.items():
        words = text.split()
        for _ in range(len(words) // 60):
            words[rng.randrange(len(words))] = "changed"
        half = len(words) // 2
        out[name] = "  ".join(words[half:] + words[:half]).replace("clinic", "Clinic")
    return out


def test_a_resubmission_under_another_title_organisation_and_category_is_found(
    e2020: Edition,
) -> None:
    rng = random.Random(4)
    original = project_texts(rng)
    records = [
        submission("2001", "Health Net", "C7-ehealth", **original),
        submission("2002", **project_texts(rng)),
        submission("1999", "Other Org", "C4", **lightly_edited(original, rng)),
    ]
    (found,) = duplicates.check(e2020, records)
    assert (found.submission_id, found.related_submission_id) == ("1999", "2001")
    assert (found.rule_id, found.severity, found.reference) == (
        "duplicate-project",
        "warning",
        "2020 rule 4",
    )
    percent = found.params["percent"]
    assert 80 <= percent < 100
    assert found.evidence == (
        "Submissions 1999 ('Project 1999') and 2001 ('Project 2001') look like the same "
        f"project: {percent}% of the projects' text is shared; the same project may not be "
        "submitted twice"
    )


def test_a_shared_summary_alone_is_not_a_duplicate(e2020: Edition) -> None:
    # one programme in two countries: the same summary, every other answer their own
    rng = random.Random(5)
    one, other = project_texts(rng), project_texts(rng)
    other["summary"] = one["summary"]
    assert duplicates.check(e2020, [submission("1", **one), submission("2", **other)]) == []
    assert duplicates.similarity(submission("1", **one), submission("2", **other)) < 0.3


def test_punctuation_case_and_line_breaks_do_not_hide_a_copy(e2020: Edition) -> None:
    texts = project_texts(random.Random(6))
    reflowed = {
        k: v.upper().replace(" ", "\n", 40).replace(" ", ", ", 20) for k, v in texts.items()
    }
    similarity = duplicates.similarity(submission("1", **texts), submission("2", **reflowed))
    assert similarity > 0.8


def test_chinese_texts_are_compared_by_characters(e2020: Edition) -> None:
    text = "我们的项目帮助农村地区的诊所建立电子病历系统，医生可以在手机上查看病人的记录。" * 4
    other = "该平台为城市学校的教师提供在线培训课程，并建立了一个开放的教学资源库。" * 4
    copy = {name: text for name in duplicates.FIELDS}
    assert duplicates.similarity(submission("1", **copy), submission("2", **copy)) == 1.0
    different = {name: other for name in duplicates.FIELDS}
    assert duplicates.similarity(submission("1", **copy), submission("2", **different)) < 0.1


def test_empty_and_tiny_texts_are_not_duplicates(e2020: Edition) -> None:
    records = [submission(str(i), summary="N/A", impact="tbd") for i in range(3)]
    assert duplicates.check(e2020, records) == []
    assert duplicates.check(e2020, []) == []


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(2, 30), st.data())
def test_an_identical_copy_is_always_found(seed: int, n: int, data: st.DataObject) -> None:
    edition = load_edition_by_key("wsis-2020")
    rng = random.Random(seed)
    records = [submission(str(100 + i), f"Org {i}", **project_texts(rng)) for i in range(n)]
    copied = data.draw(st.integers(0, n - 1))
    original = records[copied]
    records.append(
        RuleInput(
            "9999",
            title="Copy",
            organisation="Elsewhere",
            category_key="C4",
            **{name: getattr(original, name) for name in duplicates.FIELDS},
        )
    )
    found = {
        (f.submission_id, f.related_submission_id, f.params["percent"])
        for f in duplicates.check(edition, records)
    }
    assert found == {(original.submission_id, "9999", 100)}


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.randoms(use_true_random=False))
def test_the_order_of_submissions_does_not_change_the_findings(
    seed: int, shuffler: random.Random
) -> None:
    edition = load_edition_by_key("wsis-2020")
    rng = random.Random(seed)
    texts = [project_texts(rng) for _ in range(6)]
    records = [
        submission(str(10 + i), name, cat, **texts[i % 4])  # 4 projects, 2 of them twice
        for i, (name, cat) in enumerate(
            [
                ("A Ltd", "C4"),
                ("B", "C4"),
                ("C", "C5"),
                ("D", "C4"),
                ("a limited", "C4"),
                ("E", "C1"),
            ]
        )
    ]
    expected = entities.check(edition, records) + duplicates.check(edition, records)
    shuffled = records[:]
    shuffler.shuffle(shuffled)
    assert entities.check(edition, shuffled) + duplicates.check(edition, shuffled) == expected
    pairs = {(f.rule_id, f.submission_id, f.related_submission_id) for f in expected}
    assert ("duplicate-project", "10", "14") in pairs
    assert ("duplicate-project", "11", "15") in pairs
    assert ("same-entity-category", "10", "14") in pairs


def test_both_rules_are_registered() -> None:
    assert {"same-entity-category", "duplicate-project"} <= set(RULE_IDS)
