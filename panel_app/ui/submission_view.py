"""A submission as a reader sees it, in the chair's window and the expert's desk alike."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from panel_app.ui.catalogue import edition_name, finding_text, rule_name, section_heading
from panel_app.workflow.overview import SubmissionDetail

translate = QCoreApplication.translate


def render_detail(detail: SubmissionDetail, language: str, *, overrule_links: bool = True) -> str:
    """The submission as a reader sees it: headings, SDG badges, word counts, findings.

    Words of the interface in the installed language; category and SDG names from the
    edition in `language`. Experts read the findings without the chair's "Overrule…" links
    (overrule_links=False).
    """
    esc = html.escape
    category = edition_name(detail.category_name_en, detail.category_name_zh, language)
    names = detail.sdg_names or (None,) * len(detail.sdgs)
    badges = " ".join(
        f'<span style="background:#1d6fb8;color:white;padding:1px 4px;">SDG {n}</span>'
        + (f" {esc(name.get(language))}" if name is not None else "")
        for n, name in zip(detail.sdgs, names, strict=True)
    ) or esc(translate("ProjectDetail", "no SDG named"))
    # In the edition's time zone: the deadline rule is stated in Geneva time.
    submitted = (
        detail.submitted_at.astimezone(ZoneInfo(detail.timezone)).strftime("%Y-%m-%d %H:%M %Z")
        if detail.submitted_at
        else "—"
    )
    parts = [
        f"<h2>{esc(detail.title)}</h2>",
        f"<p><b>{esc(detail.organisation)}</b> · {esc(detail.country)} · "
        f"{esc(detail.stakeholder_type)}</p>",
        "<p>"
        + esc(
            translate("ProjectDetail", "Category: {name} ({key})").format(
                name=category, key=detail.category_key
            )
        )
        + f"<br/>{badges}</p>",
        "<p>"
        + esc(
            translate("ProjectDetail", "Submission {id} · submitted {date} · {status}").format(
                id=detail.submission_id, date=submitted, status=detail.project_status
            )
        )
        + "</p>",
    ]
    for finding in detail.findings:
        colour = "#b00020" if finding.severity == "ineligible" else "#a66300"
        if finding.overruled_reason:
            colour = "#666"
            state = " " + esc(
                translate("ProjectDetail", "(overruled: {reason})").format(
                    reason=finding.overruled_reason
                )
            )
            action = translate("ProjectDetail", "Change the reason…")
        else:
            state, action = "", translate("ProjectDetail", "Overrule…")
        pair = (
            " "
            + esc(
                translate("ProjectDetail", "(with submission {id})").format(
                    id=finding.related_submission_id
                )
            )
            if finding.related_submission_id
            else ""
        )
        evidence = finding_text(finding.template, finding.params, finding.evidence)
        parts.append(
            f'<p style="color:{colour}"><b>{esc(rule_name(finding.rule_id))}</b>{pair}: '
            f"{esc(evidence)}{state} "
            + (f'<a href="overrule:{finding.id}">{esc(action)}</a>' if overrule_links else "")
            + "</p>"
        )
    for name, heading, text in detail.sections:
        words = detail.words.get(name, len(text.split()))  # as the rule checks count them
        count = translate("ProjectDetail", "({n} words)").format(n=words)
        parts.append(
            f"<h3>{esc(section_heading(heading))} "
            f'<span style="font-weight:normal;color:#666">{esc(count)}</span></h3>'
        )
        parts.append("<p>" + esc(text).replace("\n", "<br/>") + "</p>")
    website = translate("ProjectDetail", "Website: {url}").format(url=detail.website)
    contact = translate("ProjectDetail", "Contact: {name} <{email}>").format(
        name=detail.contact_name, email=detail.contact_email
    )
    parts.append(f"<p>{esc(website)}<br/>{esc(contact)}</p>")
    if detail.extra:
        rows = "".join(
            f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in detail.extra.items()
        )
        other = translate("ProjectDetail", "Other columns")
        parts.append(f"<h3>{esc(other)}</h3><table>{rows}</table>")
    source = (
        translate("ProjectDetail", "{file}, row {row}").format(
            file=detail.source_file, row=detail.source_row
        )
        if detail.source_file
        else detail.source
    )
    source = translate("ProjectDetail", "Source: {source}").format(source=source)
    parts.append(f'<p style="color:#666">{esc(source)}</p>')
    return "\n".join(parts)
