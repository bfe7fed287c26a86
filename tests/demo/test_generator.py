"""The demo generator: realistic, deterministic, and its planted violations are exact."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from panel_app.demo import (
    CLEAN_CASES,
    COLUMNS,
    FIELD_OF_COLUMN,
    RULES,
    DemoSet,
    generate_submission_set,
)
from panel_app.demo.generator import _count_words
from panel_app.edition import Edition, WordBounds, load_edition_by_key
from panel_app.organisations import organisation_key

LONG = ("Action line and SDG linkage", "Impact", "Partnerships", "Challenges and future")
PLACEHOLDERS = ("", "n/a", "-", "tbd", "...")


@pytest.fixture(scope="module")
def edition() -> Edition:
    return load_edition_by_key("wsis-2020")


@pytest.fixture(scope="module")
def demo(edition: Edition) -> DemoSet:
    return generate_submission_set(edition, count=1000, seed=2020)


def sid(value: object) -> str:
    return str(int(float(str(value))))


def by_id(demo: DemoSet) -> dict[str, dict[str, object]]:
    return {sid(r["Submission ID"]): r for r in demo.rows}


def rules_of(demo: DemoSet) -> dict[str, str]:
    return {i: v.rule for v in demo.planted for i in v.submission_ids}


def clean_rows(demo: DemoSet) -> list[dict[str, object]]:
    flagged = demo.flagged_ids()
    return [r for r in demo.rows if sid(r["Submission ID"]) not in flagged]


def instant(cell: object, tz: ZoneInfo) -> datetime:
    """The moment a 'Submitted at' cell means: naive values are Geneva local time."""
    value = cell if isinstance(cell, datetime) else datetime.fromisoformat(str(cell))
    return value if value.tzinfo else value.replace(tzinfo=tz)


def is_blank(value: object) -> bool:
    return value is None or str(value).strip().casefold() in PLACEHOLDERS


def shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / max(1, len(sa | sb))


def long_text(row: dict[str, object]) -> str:
    return "\n".join(str(row[c]) for c in LONG)


def norm_title(title: object) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(title).casefold())


def distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


# ---- determinism ---------------------------------------------------------------------------
def test_same_seed_gives_the_same_set(edition: Edition) -> None:
    first = generate_submission_set(edition, count=300, seed=7)
    second = generate_submission_set(edition, count=300, seed=7)
    assert first == second


def test_another_seed_gives_another_set(edition: Edition) -> None:
    first = generate_submission_set(edition, count=300, seed=7)
    other = generate_submission_set(edition, count=300, seed=8)
    assert first.rows != other.rows
    assert [r["Project title"] for r in first.rows] != [r["Project title"] for r in other.rows]


_DIGEST = """
import hashlib
from panel_app.demo import generate_submission_set
from panel_app.edition import load_edition_by_key
demo = generate_submission_set(load_edition_by_key("wsis-2020"), count=200, seed=3)
print(hashlib.sha256(repr((demo.rows, demo.planted, demo.past_winners)).encode()).hexdigest())
"""


def test_independent_of_hash_seed(edition: Edition) -> None:
    demo = generate_submission_set(edition, count=200, seed=3)
    expected = hashlib.sha256(repr((demo.rows, demo.planted, demo.past_winners)).encode())
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", _DIGEST], env=env, capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == expected.hexdigest()


# ---- shape ---------------------------------------------------------------------------------
def test_rows_have_the_platform_columns_and_unique_ids(demo: DemoSet) -> None:
    assert len(demo.rows) == 1000
    assert demo.columns[: len(COLUMNS)] == COLUMNS
    assert len(demo.columns) > len(COLUMNS)  # extra columns, as a real export has
    assert all(tuple(r) == demo.columns for r in demo.rows)
    ids = [sid(r["Submission ID"]) for r in demo.rows]
    assert len(set(ids)) == len(ids)
    kinds = Counter(type(r["Submission ID"]).__name__ for r in demo.rows)
    assert kinds["int"] > 800 and kinds["str"] > 0 and kinds["float"] > 0


def test_submitted_at_comes_in_the_forms_an_export_brings(demo: DemoSet) -> None:
    cells = [r["Submitted at"] for r in demo.rows]
    naive = [c for c in cells if isinstance(c, datetime)]
    assert len(naive) > 700 and all(c.tzinfo is None for c in naive)
    texts = [c for c in cells if isinstance(c, str)]
    assert any(re.search(r"[+-]\d\d:\d\d$", c) for c in texts)
    assert any(c.endswith("Z") for c in texts)
    assert any(re.fullmatch(r"[\d-]+[ T][\d:]+", c) for c in texts)


def test_every_category_is_used_unevenly_in_spellings_that_resolve(
    demo: DemoSet, edition: Edition
) -> None:
    keys = Counter()
    for row in demo.rows:
        category = edition.resolve_category(str(row["Category"]))
        assert category is not None, row["Category"]
        keys[category.key] += 1
    assert set(keys) == {c.key for c in edition.categories}
    assert max(keys.values()) > 3 * min(keys.values())
    cells = [r["Category"] for r in demo.rows]
    assert "C7. ICT applications: E-health" in cells
    assert "C7-ehealth" in cells or "e-health" in cells or "C7 E-health" in cells
    assert any(isinstance(c, int | float) for c in cells)


def test_stakeholder_types_resolve(demo: DemoSet, edition: Edition) -> None:
    for row in demo.rows:
        assert edition.resolve_stakeholder_type(str(row["Stakeholder type"])) is not None


def test_organisations_in_several_scripts(demo: DemoSet) -> None:
    orgs = [str(r["Organisation"]) for r in demo.rows]
    assert any(re.search(r"[\u4e00-\u9fff]", o) for o in orgs)  # Chinese
    assert any(re.search(r"[\u0600-\u06ff]", o) for o in orgs)  # Arabic
    assert any(re.search(r"[\u0400-\u04ff]", o) for o in orgs)  # Cyrillic
    assert len(set(orgs)) > 500


def test_sdgs_in_varied_forms(demo: DemoSet) -> None:
    cells = [r["SDGs"] for r in clean_rows(demo)]
    assert any(isinstance(c, str) and "; " in c for c in cells)
    assert any(isinstance(c, str) and c.startswith("SDG ") for c in cells)
    assert any(isinstance(c, str) and re.fullmatch(r"\d+(,\d+)+", c) for c in cells)
    for cell in cells:
        numbers = [int(n) for n in re.findall(r"\d+", str(cell))]
        assert numbers and all(1 <= n <= 17 for n in numbers)


# ---- planted violations: all present, exact, and alone on their rows ------------------------
def test_every_rule_is_planted(demo: DemoSet) -> None:
    assert {v.rule for v in demo.planted} == set(RULES)
    assert 30 <= len(demo.flagged_ids()) <= 80  # ~5% of 1000 rows
    ids = set(by_id(demo))
    for violation in demo.planted:
        assert set(violation.submission_ids) <= ids
        pair = violation.rule in ("same-entity-category", "duplicate-project")
        assert len(violation.submission_ids) == (2 if pair else 1)


def test_each_row_carries_at_most_one_planted_violation(demo: DemoSet) -> None:
    counts = Counter(i for v in demo.planted for i in v.submission_ids)
    assert max(counts.values()) == 1
    assert {c.kind for c in demo.clean_cases} == set(CLEAN_CASES)
    clean_case_ids = {i for c in demo.clean_cases for i in c.submission_ids}
    assert not clean_case_ids & demo.flagged_ids()


def test_summaries_of_clean_rows_are_safely_within_bounds(demo: DemoSet) -> None:
    rules = rules_of(demo)
    for row in demo.rows:
        if rules.get(sid(row["Submission ID"])) in ("summary-length", "not-english"):
            continue
        text = str(row["Project summary"])
        # the person's count, a naive split and one that splits hyphenated words
        counts = (_count_words(text), len(text.split()), len(re.findall(r"[^\W_]+", text)))
        assert all(150 <= n <= 200 for n in counts), (counts, text)


def test_summary_length_violations_sit_on_the_edges(demo: DemoSet) -> None:
    rows = by_id(demo)
    counts = []
    for violation in demo.planted_for("summary-length"):
        text = str(rows[violation.submission_ids[0]]["Project summary"])
        n = _count_words(text)
        assert not 150 <= n <= 200
        assert str(n) in violation.detail
        if n in (149, 201):  # edge cases are plain words: every counter agrees
            assert len(text.split()) == n
            assert re.fullmatch(r"[A-Za-z.,;: ]+", text)
        counts.append(n)
    assert 149 in counts and 201 in counts
    assert any(n < 140 for n in counts) and any(n > 210 for n in counts)
    for case in demo.clean_cases:
        if case.kind in ("summary-at-minimum", "summary-at-maximum"):
            text = str(rows[case.submission_ids[0]]["Project summary"])
            expected = 150 if case.kind == "summary-at-minimum" else 200
            assert _count_words(text) == len(text.split()) == expected


def test_late_submissions_and_deadline_edges(demo: DemoSet, edition: Edition) -> None:
    tz = ZoneInfo(edition.timezone)
    late = {i for v in demo.planted_for("late") for i in v.submission_ids}
    for key, row in by_id(demo).items():
        moment = instant(row["Submitted at"], tz)
        if key in late:
            assert moment > edition.submission_deadline
        else:
            assert edition.submission_opens <= moment <= edition.submission_deadline
    cells = [by_id(demo)[i]["Submitted at"] for i in late]
    assert datetime(2019, 11, 22, 23, 0, 1) in cells  # one second late
    assert "2019-11-22T17:30:00-05:00" in cells  # reads early, is 23:30 in Geneva
    sharp = [c for c in demo.clean_cases if c.kind == "deadline-sharp"]
    assert by_id(demo)[sharp[0].submission_ids[0]]["Submitted at"] == datetime(
        2019, 11, 22, 23, 0, 0
    )
    looks_late = [c for c in demo.clean_cases if c.kind == "offset-looks-late"]
    assert str(by_id(demo)[looks_late[0].submission_ids[0]]["Submitted at"]).startswith(
        "2019-11-23T"
    )


def test_incomplete_rows_and_complete_clean_rows(demo: DemoSet, edition: Edition) -> None:
    rows = by_id(demo)
    required = [c for c in COLUMNS if FIELD_OF_COLUMN[c] in edition.required_fields]
    blanked = Counter()
    for violation in demo.planted_for("incomplete"):
        row = rows[violation.submission_ids[0]]
        empty = [c for c in required if is_blank(row[c])]
        assert len(empty) == 1 and empty[0] in violation.detail
        blanked[row[empty[0]]] += 1
    assert None in blanked and "N/A" in blanked and "-" in blanked
    incomplete = {v.submission_ids[0] for v in demo.planted_for("incomplete")}
    no_sdg = {v.submission_ids[0] for v in demo.planted_for("no-sdg")}
    for key, row in rows.items():
        if key in incomplete:
            continue
        for column in required:
            if column == "SDGs" and key in no_sdg:
                assert row[column] in (None, "")
                continue
            assert not is_blank(row[column]), (key, column)


def test_project_status(demo: DemoSet) -> None:
    rows = by_id(demo)
    planted = {v.submission_ids[0] for v in demo.planted_for("not-completed")}
    statuses = {k: str(r["Project status"]) for k, r in rows.items()}
    assert all(re.search(r"complet", statuses[k], re.I) is None for k in planted)
    assert all(re.search(r"complet", s, re.I) for k, s in statuses.items() if k not in planted)


def english_share(text: str) -> float:
    words = re.findall(r"\w+", text.lower())
    common = {"the", "and", "of", "to", "in", "a", "for", "is", "by", "with"}
    return sum(w in common for w in words) / max(1, len(words))


def test_not_english_rows(demo: DemoSet) -> None:
    rows = by_id(demo)
    planted = demo.planted_for("not-english")
    assert len(planted) >= 5
    for violation in planted:
        row = rows[violation.submission_ids[0]]
        for column in ("Project summary", *LONG):
            assert english_share(str(row[column])) < 0.05, (violation.detail, row[column])
    for row in clean_rows(demo):
        assert english_share(str(row["Project summary"])) > 0.15
    quoted = [c for c in demo.clean_cases if c.kind == "foreign-name-quoted"]
    text = str(rows[quoted[0].submission_ids[0]]["Project summary"])
    assert re.search(r"[«「]", text) and english_share(text) > 0.15


def test_same_entity_in_one_category_only_where_planted(demo: DemoSet, edition: Edition) -> None:
    groups: dict[tuple[str, str], list[str]] = {}
    for key, row in by_id(demo).items():
        category = edition.resolve_category(str(row["Category"]))
        assert category is not None
        groups.setdefault((organisation_key(str(row["Organisation"])), category.key), []).append(
            key
        )
    found = sorted(sorted(ids) for ids in groups.values() if len(ids) > 1)
    planted = sorted(sorted(v.submission_ids) for v in demo.planted_for("same-entity-category"))
    assert found == planted
    rows = by_id(demo)
    for a, b in planted:
        assert rows[a]["Organisation"] != rows[b]["Organisation"]  # written differently


def test_duplicates_are_alike_and_clean_rows_are_not(demo: DemoSet, edition: Edition) -> None:
    rows = by_id(demo)
    duplicates = demo.planted_for("duplicate-project")
    for violation in duplicates:
        a, b = (rows[i] for i in violation.submission_ids)
        assert a["Project title"] != b["Project title"]
        assert (a["Organisation"], a["Category"]) != (b["Organisation"], b["Category"])
        assert jaccard(long_text(a), long_text(b)) > 0.7
        assert long_text(a) != long_text(b)  # lightly edited
    for left, right in demo.near_misses:
        a, b = rows[left], rows[right]
        assert jaccard(str(a["Project summary"]), str(b["Project summary"])) > 0.6
        assert jaccard(long_text(a), long_text(b)) < 0.35
    rng = random.Random(0)
    clean = clean_rows(demo)
    for _ in range(400):
        a, b = rng.sample(clean, 2)
        assert jaccard(long_text(a), long_text(b)) < 0.35


def test_past_winners(demo: DemoSet) -> None:
    winners = {norm_title(w["Project title"]): w for w in demo.past_winners}
    assert all(isinstance(w["Edition"], int) and w["Edition"] < 2020 for w in demo.past_winners)
    rows = by_id(demo)
    matched = set()
    for violation in demo.planted_for("past-winner"):
        title = norm_title(rows[violation.submission_ids[0]]["Project title"])
        best = min(winners, key=lambda w: distance(w, title))
        assert distance(best, title) <= 2
        matched.add(best)
    assert len(winners) > len(matched)  # some past winners did not submit again
    for row in clean_rows(demo):
        title = norm_title(row["Project title"])
        assert all(distance(w, title) > 4 for w in winners), row["Project title"]


def test_title_case_twins_are_different_projects(demo: DemoSet) -> None:
    rows = by_id(demo)
    twins = [c for c in demo.clean_cases if c.kind == "title-case-twin"]
    for case in twins:
        a, b = (rows[i] for i in case.submission_ids)
        assert a["Project title"] != b["Project title"]
        assert str(a["Project title"]).casefold() == str(b["Project title"]).casefold()
        assert a["Organisation"] != b["Organisation"]


def test_long_texts_are_long_and_varied(demo: DemoSet) -> None:
    for row in clean_rows(demo)[:200]:
        for column in LONG:
            assert 100 <= _count_words(str(row[column])) <= 600
        sentences = re.split(r"(?<=\.)\s+", str(row["Impact"]))
        assert len(set(sentences)) == len(sentences)  # no sentence said twice
    assert any("\n- " in str(r["Impact"]) for r in demo.rows)  # bullet lists
    assert any("\n" in str(r["Project summary"]) for r in clean_rows(demo))


# ---- other editions, small sets ------------------------------------------------------------
def test_other_word_bounds(edition: Edition) -> None:
    only_max = dataclasses.replace(edition, summary_words=WordBounds(None, 100))
    demo = generate_submission_set(only_max, count=300, seed=1)
    rules = rules_of(demo)
    for key, row in by_id(demo).items():
        n = _count_words(str(row["Project summary"]))
        if rules.get(key) == "summary-length":
            assert n > 100
        elif rules.get(key) != "not-english":
            assert n <= 100


@pytest.mark.parametrize("count", [0, 1, 5, 17, 60])
def test_small_sets(edition: Edition, count: int) -> None:
    demo = generate_submission_set(edition, count=count, seed=5)
    assert len(demo.rows) == count
    assert demo.flagged_ids() <= set(by_id(demo))


def test_no_violations_when_rate_is_zero(edition: Edition) -> None:
    demo = generate_submission_set(edition, count=200, seed=5, violation_rate=0.0)
    assert demo.planted == ()


@pytest.mark.slow
def test_speed_of_10k_rows(edition: Edition) -> None:
    started = time.perf_counter()
    demo = generate_submission_set(edition, count=10_000, seed=2020)
    elapsed = time.perf_counter() - started
    print(f"\n10k rows generated in {elapsed:.2f} s")
    assert len(demo.rows) == 10_000
