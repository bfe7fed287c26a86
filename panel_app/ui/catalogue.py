"""English texts the core hands the window as data, translated where they are shown.

The core stays free of Qt and writes English: rule findings as a template with parameters
(panel_app.rules), statuses and section headings as keys, a workspace that cannot be
opened as a kind of problem (WorkspaceError.kind) beside its English message. They are
marked here for pyside6-lupdate (QT_TRANSLATE_NOOP) and looked up at display time; a text
missing here is shown in English. tests/ui/test_languages.py checks this list against
panel_app.rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from panel_app.i18n import Refusal
from panel_app.problems import InputRefused
from panel_app.ui.language import installed_language
from panel_app.workflow.workspace import (
    BUSY,
    CANNOT_OPEN,
    DAMAGED,
    MISSING,
    NEWER,
    NOT_A_CHAIR,
    NOT_A_WORKSPACE,
    UPGRADE_FAILED,
    WorkspaceError,
)


def _words(marked: Mapping[str, object]) -> dict[str, str]:
    """Code -> its text marked with QT_TRANSLATE_NOOP (typed as object by PySide6's stubs)."""
    return {code: str(text) for code, text in marked.items()}


def _marked(*texts: object) -> tuple[str, ...]:
    """Texts marked with QT_TRANSLATE_NOOP (typed as object by PySide6's stubs)."""
    return tuple(str(text) for text in texts)


# Every finding template of panel_app.rules, as written there.
FINDING_TEMPLATES = _marked(
    QT_TRANSLATE_NOOP("Finding", "Required fields not filled in: {fields}"),
    QT_TRANSLATE_NOOP(
        "Finding",
        "The project status is '{status}': the project is neither completed nor past a key phase",
    ),
    QT_TRANSLATE_NOOP(
        "Finding",
        "The project status '{status}' does not say that the project or a key phase is "
        "completed; check the texts",
    ),
    QT_TRANSLATE_NOOP(
        "Finding", "Submitted {submitted} ({zone} time); the deadline was {deadline}"
    ),
    QT_TRANSLATE_NOOP(
        "Finding",
        "Submissions {submission_id} ('{title}') and {related_submission_id} "
        "('{related_title}') look like the same project: {percent}% of the projects' text is "
        "shared; the same project may not be submitted twice",
    ),
    QT_TRANSLATE_NOOP(
        "Finding",
        "The same organisation has two projects in {category}: '{organisation}' "
        "({submission_id}) and '{related_organisation}' ({related_submission_id}); the rules "
        "allow one project per entity per category",
    ),
    QT_TRANSLATE_NOOP(
        "Finding",
        "The submission's text reads as {language} (confidence {confidence:.2f}), not {required}",
    ),
    QT_TRANSLATE_NOOP(
        "Finding",
        "The project summary reads as {language} (confidence {confidence:.2f}), not {required}",
    ),
    QT_TRANSLATE_NOOP(
        "Finding",
        'Matches the {winner_edition} winner "{winner_title}" by {winner_organisation}, the '
        "same organisation as this submission's ({organisation}): titles {title_similarity}% "
        "alike, {core_similarity}% without edition, version and phase words "
        '("{core}" / "{winner_core}")',
    ),
    QT_TRANSLATE_NOOP(
        "Finding",
        'Matches the {winner_edition} winner "{winner_title}" by {winner_organisation}, the '
        "same organisation as this submission's ({organisation}): titles {title_similarity}% "
        "alike, {core_similarity}% without edition, version and phase words "
        '("{core}" / "{winner_core}"); texts {text_similarity}% alike',
    ),
    QT_TRANSLATE_NOOP(
        "Finding",
        'Matches the {winner_edition} winner "{winner_title}" by {winner_organisation}, but '
        "this submission is by {organisation}: titles {title_similarity}% alike, "
        "{core_similarity}% without edition, version and phase words "
        '("{core}" / "{winner_core}"); check whether it is the same project',
    ),
    QT_TRANSLATE_NOOP(
        "Finding",
        'Matches the {winner_edition} winner "{winner_title}" by {winner_organisation}, but '
        "this submission is by {organisation}: titles {title_similarity}% alike, "
        "{core_similarity}% without edition, version and phase words "
        '("{core}" / "{winner_core}"); texts {text_similarity}% alike; check whether it is '
        "the same project",
    ),
    QT_TRANSLATE_NOOP("Finding", "No Sustainable Development Goal is named"),
    QT_TRANSLATE_NOOP(
        "Finding", "The project summary has {words} words; at least {minimum} are required"
    ),
    QT_TRANSLATE_NOOP(
        "Finding", "The project summary has {words} words; at most {maximum} are allowed"
    ),
    QT_TRANSLATE_NOOP(
        "Finding",
        "No project information is given; the form asks for {minimum} to {maximum} words",
    ),
    QT_TRANSLATE_NOOP(
        "Finding", "The project information has {words} words; at least {minimum} are required"
    ),
    QT_TRANSLATE_NOOP(
        "Finding", "The project information has {words} words; at most {maximum} are allowed"
    ),
    QT_TRANSLATE_NOOP("Finding", "No photo is given; the form asks for {photos}"),
    QT_TRANSLATE_NOOP("Finding", "The submission gives {found} photos; the form asks for {photos}"),
)

# A rule's ID is what the CLI and the English window show; other languages show a name.
RULE_IDS = _marked(
    QT_TRANSLATE_NOOP("Rule", "summary-length"),
    QT_TRANSLATE_NOOP("Rule", "incomplete"),
    QT_TRANSLATE_NOOP("Rule", "late"),
    QT_TRANSLATE_NOOP("Rule", "not-english"),
    QT_TRANSLATE_NOOP("Rule", "no-sdg"),
    QT_TRANSLATE_NOOP("Rule", "not-completed"),
    QT_TRANSLATE_NOOP("Rule", "project-information"),
    QT_TRANSLATE_NOOP("Rule", "project-photo"),
    QT_TRANSLATE_NOOP("Rule", "past-winner"),
    QT_TRANSLATE_NOOP("Rule", "same-entity-category"),
    QT_TRANSLATE_NOOP("Rule", "duplicate-project"),
)

# panel_app.workflow.overview's statuses and section headings.
STATUSES = _marked(
    QT_TRANSLATE_NOOP("Status", "eligible"),
    QT_TRANSLATE_NOOP("Status", "flagged"),
    QT_TRANSLATE_NOOP("Status", "ineligible"),
)
# The review rounds (store.models.Assignment.round), as a package names them.
ROUNDS = _marked(
    QT_TRANSLATE_NOOP("Round", "nomination"),
    QT_TRANSLATE_NOOP("Round", "final"),
)
SECTION_HEADINGS = _marked(
    QT_TRANSLATE_NOOP("ProjectDetail", "Project summary"),
    QT_TRANSLATE_NOOP("ProjectDetail", "Action line and SDG linkage"),
    QT_TRANSLATE_NOOP("ProjectDetail", "Impact"),
    QT_TRANSLATE_NOOP("ProjectDetail", "Partnerships"),
    QT_TRANSLATE_NOOP("ProjectDetail", "Challenges and future"),
)


# The vote audit's reasons for rejecting a vote (panel_app.votes.audit.REASON_TEXT).
VOTE_REASONS = _marked(
    QT_TRANSLATE_NOOP("VoteReason", "a cell could not be read"),
    QT_TRANSLATE_NOOP("VoteReason", "voter without complete registration details"),
    QT_TRANSLATE_NOOP("VoteReason", "cast before the vote opened"),
    QT_TRANSLATE_NOOP("VoteReason", "cast after the vote closed"),
    QT_TRANSLATE_NOOP("VoteReason", "not a nominee in that category"),
    QT_TRANSLATE_NOOP("VoteReason", "a vote for the voter's own organisation"),
    QT_TRANSLATE_NOOP("VoteReason", "another vote by the same voter in the category came first"),
)


# The ranking's words (panel_app.scoring): what broke a tie between two places, the flags
# on a project's place, why a review does not count. Keyed by the code the core writes.
RANKING_STEPS: Mapping[str, str] = _words(
    {
        "score": QT_TRANSLATE_NOOP("RankingStep", "the score"),
        "full_precision": QT_TRANSLATE_NOOP("RankingStep", "the score at full precision"),
        "head_to_head": QT_TRANSLATE_NOOP("RankingStep", "the experts who reviewed both"),
        "median": QT_TRANSLATE_NOOP("RankingStep", "the median"),
        "reviews": QT_TRANSLATE_NOOP("RankingStep", "the number of reviews"),
        "unresolved": QT_TRANSLATE_NOOP("RankingStep", "nothing: a tie the chair decides"),
        "first": QT_TRANSLATE_NOOP("RankingStep", "nothing: the first place"),
        "no_score": QT_TRANSLATE_NOOP("RankingStep", "nothing: no score"),
    }
)
RANKING_FLAGS: Mapping[str, str] = _words(
    {
        "no_reviews": QT_TRANSLATE_NOOP("RankingFlag", "no review counted"),
        "few_reviews": QT_TRANSLATE_NOOP("RankingFlag", "fewer reviews than the edition asks"),
        "disagreement_range": QT_TRANSLATE_NOOP("RankingFlag", "the experts' scores far apart"),
        "disagreement_residual": QT_TRANSLATE_NOOP(
            "RankingFlag", "the experts disagree beyond their usual leniency"
        ),
        "ineligible": QT_TRANSLATE_NOOP("RankingFlag", "ineligible"),
        "uncertain_at_cut": QT_TRANSLATE_NOOP("RankingFlag", "uncertain at the cut"),
        "unresolved_tie": QT_TRANSLATE_NOOP("RankingFlag", "a tie the chair decides"),
        "large_offset": QT_TRANSLATE_NOOP("RankingFlag", "an expert far from the panel"),
        "alpha_rises_without": QT_TRANSLATE_NOOP(
            "RankingFlag", "the experts agree more without one of them"
        ),
    }
)
REVIEW_STATUSES: Mapping[str, str] = _words(
    {
        "counted": QT_TRANSLATE_NOOP("ReviewStatus", "counted"),
        "conflict": QT_TRANSLATE_NOOP("ReviewStatus", "a declared conflict"),
        "abstained": QT_TRANSLATE_NOOP("ReviewStatus", "abstained"),
        "incomplete": QT_TRANSLATE_NOOP("ReviewStatus", "incomplete"),
    }
)

# Why Kendall's W is undefined (panel_app.scoring.concordance), as the core writes it.
CONCORDANCE_REASONS = _marked(
    QT_TRANSLATE_NOOP("Concordance", "fewer than 2 experts ranked every item"),
    QT_TRANSLATE_NOOP("Concordance", "fewer than 2 items to rank"),
    QT_TRANSLATE_NOOP("Concordance", "every expert ranked every item equal"),
)


def concordance_reason(text: str) -> str:
    return QCoreApplication.translate("Concordance", text)


def ranking_step(code: str) -> str:
    """What broke the tie with the place above, in words (the code if unknown)."""
    text = RANKING_STEPS.get(code)
    return code if text is None else QCoreApplication.translate("RankingStep", text)


def ranking_flag(code: str) -> str:
    text = RANKING_FLAGS.get(code)
    return code if text is None else QCoreApplication.translate("RankingFlag", text)


def review_status(code: str) -> str:
    text = REVIEW_STATUSES.get(code)
    return code if text is None else QCoreApplication.translate("ReviewStatus", text)


def vote_reason(text: str) -> str:
    return QCoreApplication.translate("VoteReason", text)


# Languages a submission is found written in (rule 10, panel_app.rules.language), by the
# English name the identifier gives: the languages the platform's submissions come in most.
# A language not listed here is shown by its English name.
LANGUAGE_NAMES = _marked(
    QT_TRANSLATE_NOOP("Language", "English"),
    QT_TRANSLATE_NOOP("Language", "French"),
    QT_TRANSLATE_NOOP("Language", "Spanish"),
    QT_TRANSLATE_NOOP("Language", "Russian"),
    QT_TRANSLATE_NOOP("Language", "Arabic"),
    QT_TRANSLATE_NOOP("Language", "Chinese"),
    QT_TRANSLATE_NOOP("Language", "Portuguese"),
    QT_TRANSLATE_NOOP("Language", "German"),
    QT_TRANSLATE_NOOP("Language", "Italian"),
    QT_TRANSLATE_NOOP("Language", "Swahili"),
    QT_TRANSLATE_NOOP("Language", "Hindi"),
    QT_TRANSLATE_NOOP("Language", "Indonesian"),
    QT_TRANSLATE_NOOP("Language", "Turkish"),
    QT_TRANSLATE_NOOP("Language", "Persian"),
)


def _in_words(params: Mapping[str, Any]) -> Mapping[str, Any]:
    """A finding's parameters that are words of the interface (a language's name)."""
    if "language_code" not in params:
        return params
    return {
        **params,
        **{
            key: QCoreApplication.translate("Language", str(params[key]))
            for key in ("language", "required")
            if key in params
        },
    }


def finding_text(template: str, params: Mapping[str, Any], evidence: str) -> str:
    """A finding in the interface's language; its recorded English text if that fails."""
    if not template:
        return evidence
    try:
        return QCoreApplication.translate("Finding", template).format(**_in_words(params))
    except (KeyError, IndexError, ValueError):  # a translation that lost a parameter
        return evidence


def rule_name(rule_id: str) -> str:
    return QCoreApplication.translate("Rule", rule_id)


def status_text(status: str) -> str:
    return QCoreApplication.translate("Status", status)


def section_heading(heading: str) -> str:
    return QCoreApplication.translate("ProjectDetail", heading)


# How a scored workbook came back (workflow.review.merge: SIGNED, HAND_EDITED), in the words
# the merge's message uses (its context, so one translation serves both).
MERGE_ORIGINS: Mapping[str, str] = _words(
    {
        "signed": QT_TRANSLATE_NOOP("MergeFiles", "signed by the app"),
        "hand-edited": QT_TRANSLATE_NOOP("MergeFiles", "edited outside the app"),
    }
)


def merge_origin(origin: str) -> str:
    text = MERGE_ORIGINS.get(origin)
    return origin if text is None else QCoreApplication.translate("MergeFiles", text)


def round_name(round_: str) -> str:
    return QCoreApplication.translate("Round", round_)


# Why a workspace could not be opened, by WorkspaceError.kind: the window says it in its
# own words, with the core's English message below it as the detail.
_WORKSPACE_PROBLEM_TEXTS = _marked(
    QT_TRANSLATE_NOOP(
        "WorkspaceProblem",
        "No workspace was found there: the file was moved, renamed or deleted, or holds no "
        "workspace yet.",
    ),
    QT_TRANSLATE_NOOP(
        "WorkspaceProblem", "This is not a panel-app workspace. It was left as it is."
    ),
    QT_TRANSLATE_NOOP(
        "WorkspaceProblem",
        "The workspace file is damaged and cannot be read. It was left as it is; open a "
        "backup of it.",
    ),
    QT_TRANSLATE_NOOP(
        "WorkspaceProblem",
        "The workspace is busy: another window, desk or command kept it locked too long. "
        "Nothing was changed; try again in a moment.",
    ),
    QT_TRANSLATE_NOOP(
        "WorkspaceProblem",
        "This workspace was written by a newer version of the app: update the app to open "
        "it. It was left as it is.",
    ),
    QT_TRANSLATE_NOOP(
        "WorkspaceProblem",
        "The workspace could not be brought up to this version of the app; it was left as it was.",
    ),
    QT_TRANSLATE_NOOP("WorkspaceProblem", "The workspace could not be opened."),
    QT_TRANSLATE_NOOP(
        "WorkspaceProblem",
        "You are not one of this workspace's chairs: nothing was recorded. Pick the chair "
        "you are with File > Act as….",
    ),
)
WORKSPACE_PROBLEMS: Mapping[str, str] = dict(
    zip(
        (
            MISSING,
            NOT_A_WORKSPACE,
            DAMAGED,
            BUSY,
            NEWER,
            UPGRADE_FAILED,
            CANNOT_OPEN,
            NOT_A_CHAIR,
        ),
        _WORKSPACE_PROBLEM_TEXTS,
        strict=True,
    )
)


def workspace_problem(kind: str) -> str:
    """The sentence for a workspace that cannot be opened, in the interface's language."""
    text = WORKSPACE_PROBLEMS.get(kind, WORKSPACE_PROBLEMS[CANNOT_OPEN])
    return QCoreApplication.translate("WorkspaceProblem", text)


def workspace_report(error: WorkspaceError) -> str:
    """The sentence, then the core's message (English) as its detail."""
    return f"{workspace_problem(error.kind)}\n\n{error}"


def refusal_text(error: BaseException) -> str:
    """A refusal in the window's language (the core's Refusal carries its template and
    parameters); any other error as it says itself."""
    if isinstance(error, Refusal):
        return error.message_in(installed_language())
    if isinstance(error, InputRefused):
        return error.report(installed_language())
    return str(error)
