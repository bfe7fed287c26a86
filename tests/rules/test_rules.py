"""The four rules that need no outside data: exact evidence and the edges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from panel_app.edition import Edition, load_edition_by_key
from panel_app.rules import (
    RULE_IDS,
    Finding,
    RuleInput,
    completeness,
    deadline,
    run_all,
    sdgs,
    summary_length,
)


@pytest.fixture(scope="module")
def e2020() -> Edition:
    return load_edition_by_key("wsis-2020")


@pytest.fixture(scope="module")
def e2017() -> Edition:
    return load_edition_by_key("wsis-2017")


# 150 words of Spanish, for a summary within the 2020 bounds.
SPANISH = " ".join(
    [
        "El proyecto ayuda a los agricultores de las zonas rurales a recibir consejos por SMS.",
        "Los centros de salud comunitarios están conectados con el hospital regional.",
    ]
    * 6
)


def clean(submission_id: str = "1001", **changes: object) -> RuleInput:
    fields: dict[str, object] = {
        "title": "Clinic links",
        "organisation": f"Health Net {submission_id}",  # one project each: rule 3 holds
        "stakeholder_type": "Civil society",
        "country": "Kenya",
        "category_key": "C7-ehealth",
        "sdgs": (3, 5),
        "summary": " ".join(["word"] * 170),
        "sdg_linkage": "Links C7 to SDG 3.",
        "impact": "Clinics reached 20,000 patients.",
        "partnerships": "Ministry of Health.",
        "challenges": "Funding beyond 2021.",
        "project_status": "Completed",
        "website": "",
        "contact_name": "A. Person",
        "contact_email": "a.person@example.org",
        "submitted_at": datetime(2019, 11, 1, 12, 0, tzinfo=UTC),
    }
    fields.update(changes)
    return RuleInput(submission_id, **fields)  # type: ignore[arg-type]


def test_rule_ids_name_the_runners_rules_in_its_order() -> None:
    from panel_app.rules import RULE_IDS, runner

    assert tuple(rule.RULE_ID for rule in runner.RULES) == RULE_IDS


def test_a_clean_submission_has_no_finding(e2020: Edition, e2017: Edition) -> None:
    assert run_all(e2020, [clean()]) == []
    in_2017 = datetime(2017, 1, 10, 9, 0, tzinfo=UTC)
    assert run_all(e2017, [clean(summary=" ".join(["word"] * 90), submitted_at=in_2017)]) == []


@pytest.mark.parametrize(
    ("words", "flagged"), [(149, True), (150, False), (200, False), (201, True)]
)
def test_summary_bounds_2020(e2020: Edition, words: int, flagged: bool) -> None:
    found = summary_length.check(e2020, [clean(summary=" ".join(["word"] * words))])
    assert bool(found) == flagged


def test_summary_evidence(e2020: Edition, e2017: Edition) -> None:
    (short,) = summary_length.check(e2020, [clean(summary=" ".join(["word"] * 149))])
    assert short.evidence == "The project summary has 149 words; at least 150 are required"
    assert (short.rule_id, short.severity, short.reference) == (
        "summary-length",
        "ineligible",
        "2020 rule 7",
    )
    (long,) = summary_length.check(e2020, [clean(summary=" ".join(["word"] * 201))])
    assert long.evidence == "The project summary has 201 words; at most 200 are allowed"
    (over,) = summary_length.check(e2017, [clean(summary=" ".join(["word"] * 101))])
    assert over.evidence == "The project summary has 101 words; at most 100 are allowed"
    # 2017 has no minimum: a short summary is fine
    assert summary_length.check(e2017, [clean(summary="one short line")]) == []


def test_summary_punctuation_and_urls_do_not_add_words(e2020: Edition) -> None:
    text = " ".join(["word"] * 148) + " - ... https://example.org/a/b/c •"
    (found,) = summary_length.check(e2020, [clean(summary=text)])
    assert found.params["words"] == 149


def test_a_chinese_summary_is_left_to_the_language_rule(e2020: Edition) -> None:
    assert summary_length.check(e2020, [clean(summary="我们的项目帮助农村地区的诊所。" * 30)]) == []


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("N/A", "'N/A'"),
        ("n/a", "'n/a'"),
        ("-", "'-'"),
        ("tbd", "'tbd'"),
        ("TBD", "'TBD'"),
        ("...", "'...'"),
        ("…", "'…'"),
    ],
)
def test_placeholders_are_not_answers(e2020: Edition, value: str, shown: str) -> None:
    (found,) = completeness.check(e2020, [clean(impact=value)])
    assert found.evidence == f"Required fields not filled in: Impact ({shown})"


def test_every_missing_field_is_listed_once(e2020: Edition) -> None:
    (found,) = completeness.check(
        e2020, [clean(contact_email="N/A", partnerships="", submitted_at=None)]
    )
    assert found.evidence == (
        "Required fields not filled in: Partnerships (empty), Contact e-mail ('N/A'), "
        "Submitted at (empty)"
    )
    assert found.params["count"] == 3


def test_optional_fields_and_real_answers_pass(e2020: Edition, e2017: Edition) -> None:
    assert completeness.check(e2020, [clean(website="", impact="NASA-led 3.5")]) == []
    # 2017 requires no impact text and no SDG list
    assert completeness.check(e2017, [clean(impact="", sdgs=())]) == []
    # the SDG list is the no-sdg rule's
    assert completeness.check(e2020, [clean(sdgs=())]) == []


GENEVA_DEADLINE = datetime(2019, 11, 22, 23, 0, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("submitted", "late"),
    [
        (GENEVA_DEADLINE, False),
        (GENEVA_DEADLINE + timedelta(seconds=1), True),
        (datetime(2019, 11, 22, 22, 0, tzinfo=UTC), False),
        (datetime(2019, 11, 22, 22, 0, 1, tzinfo=UTC), True),
        # 06:30 at +08:00 looks later than 23:00 but is 23:30 the day before in Geneva
        (datetime(2019, 11, 23, 6, 30, tzinfo=timezone(timedelta(hours=8))), True),
        (datetime(2019, 11, 23, 5, 59, tzinfo=timezone(timedelta(hours=8))), False),
        # 17:30 at -05:00 looks early but is 23:30 in Geneva
        (datetime(2019, 11, 22, 17, 30, tzinfo=timezone(timedelta(hours=-5))), True),
        (None, False),
    ],
)
def test_deadline_edges(e2020: Edition, submitted: datetime | None, late: bool) -> None:
    assert bool(deadline.check(e2020, [clean(submitted_at=submitted)])) == late


def test_late_evidence_is_in_the_edition_zone(e2020: Edition, e2017: Edition) -> None:
    (found,) = deadline.check(e2020, [clean(submitted_at=GENEVA_DEADLINE + timedelta(seconds=1))])
    assert found.evidence == (
        "Submitted 2019-11-22 23:00:01 CET (Europe/Zurich time); "
        "the deadline was 2019-11-22 23:00 CET"
    )
    assert found.params["late_by_seconds"] == 1
    (found,) = deadline.check(e2017, [clean(submitted_at=datetime(2017, 2, 16, 9, 15, tzinfo=UTC))])
    assert found.evidence == (
        "Submitted 2017-02-16 10:15:00 CET (Europe/Zurich time); "
        "the deadline was 2017-02-15 23:00 CET"
    )


def test_no_sdg(e2020: Edition, e2017: Edition) -> None:
    (found,) = sdgs.check(e2020, [clean(sdgs=())])
    assert found == Finding(
        "no-sdg",
        "ineligible",
        "1001",
        "No Sustainable Development Goal is named",
        {},
        "2020 rules 5 and 8",
    )
    assert found.evidence == "No Sustainable Development Goal is named"
    assert sdgs.check(e2017, [clean(sdgs=())]) == []  # the 2017 form had no SDG question


def test_run_all_groups_findings_by_rule(e2020: Edition) -> None:
    found = run_all(
        e2020,
        [
            clean("1", sdgs=()),
            clean("2", summary="too short"),
            clean("3", impact="-", submitted_at=GENEVA_DEADLINE + timedelta(days=1)),
            clean("4", project_status="Planned"),
            clean("5", summary=SPANISH, sdg_linkage=SPANISH, impact=SPANISH),
        ],
    )
    assert [(f.rule_id, f.submission_id) for f in found] == [
        ("summary-length", "2"),
        ("incomplete", "3"),
        ("late", "3"),
        ("not-english", "5"),
        ("no-sdg", "1"),
        ("not-completed", "4"),
        ("duplicate-project", "1"),  # 1 and 4 tell the same project in the same words
    ]
    assert RULE_IDS == (
        "summary-length",
        "incomplete",
        "late",
        "not-english",
        "no-sdg",
        "not-completed",
        "project-information",
        "project-photo",
        "past-winner",
        "same-entity-category",
        "duplicate-project",
    )
