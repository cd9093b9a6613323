"""The care plan handed to the parent at the end of a visit."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from consultapp.documents.styles import (
    PANEL_PADDING,
    PANEL_PADDING_FIRST,
    info_panel_style,
    stylesheet,
    user_text,
    warning_box_style,
)
from consultapp.documents.templates import LetterheadDocTemplate, PageSize, Target
from consultapp.domain.careplan import BabyFindings, CarePlan, PlanSection

TITLE = "Your care plan"
CALL_DOCTOR_TITLE = "When to call your doctor"
NOT_RECORDED = "Not recorded"
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def format_date(date: dt.date | None) -> str:
    """``26 November 2026``: English month names, whatever the machine's locale."""
    if date is None:
        return NOT_RECORDED
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def build_story(plan: CarePlan) -> list[Flowable]:
    """Lay out ``plan`` as flowables; every string from the plan is escaped before it is parsed."""
    styles = stylesheet()
    source_numbers = _source_numbers(plan)
    story: list[Flowable] = [Paragraph(TITLE, styles["Title"]), _visit_panel(plan, styles)]
    story += _findings(plan, styles)
    for section in plan.sections:
        story += _section(section, source_numbers, styles)
    if plan.call_doctor:
        story += [Spacer(1, 4 * mm), _call_doctor_box(plan.call_doctor, styles)]
    story += _sources(plan, source_numbers, styles)
    return story


def render(
    plan: CarePlan,
    target: Target,
    *,
    invariant: bool = False,
    pagesize: PageSize = A4,
) -> None:
    """Write the care plan PDF to a path or a binary file object.

    Args:
        invariant: build with ReportLab's invariant mode (fixed dates and ids), so the same
            plan gives byte-identical output; used by tests and for issued-document hashes.
        pagesize: A4 by default; pass ``reportlab.lib.pagesizes.LETTER`` for US Letter.
    """
    doc = LetterheadDocTemplate(
        target, practice=plan.practice, title="Care plan", pagesize=pagesize, invariant=invariant
    )
    doc.build_story(build_story(plan))


def render_bytes(plan: CarePlan, invariant: bool = False, pagesize: PageSize = A4) -> bytes:
    """Return the care plan PDF as bytes."""
    buffer = io.BytesIO()
    render(plan, buffer, invariant=invariant, pagesize=pagesize)
    return buffer.getvalue()


def _visit_panel(plan: CarePlan, styles: StyleSheet1) -> Table:
    def label(text: str) -> Paragraph:
        return Paragraph(text, styles["Label"])

    def value(text: str) -> Paragraph:
        return Paragraph(user_text(text), styles["Body"])

    # The parent's name and the reason get whole rows: either may be long.
    rows: list[list[Flowable | str]] = [
        [label("Parent"), value(plan.client_name or NOT_RECORDED), "", ""],
        [label("Date of birth"), value(format_date(plan.client_date_of_birth)),
         label("Visit date"), value(format_date(plan.visit_date))],
        [label("Place"), value(plan.location_label), "", ""],
    ]
    if plan.reason.strip():
        rows.append([label("Reason"), value(plan.reason), "", ""])
    style = info_panel_style()
    for row, cells in enumerate(rows):
        if cells[2] == "":
            style.add("SPAN", (1, row), (3, row))
    # Drop the smaller labels so their baseline meets the values' baseline.
    label_drop = 2
    for col in (0, 2):
        style.add("TOPPADDING", (col, 0), (col, 0), PANEL_PADDING_FIRST + label_drop)
        style.add("TOPPADDING", (col, 1), (col, -1), PANEL_PADDING + label_drop)
    table = Table(rows, colWidths=["17%", "33%", "16%", "34%"], hAlign="LEFT")
    table.setStyle(style)
    return table


def _findings(plan: CarePlan, styles: StyleSheet1) -> list[Flowable]:
    if not plan.babies and not plan.breast_lines:
        return []
    story: list[Flowable] = [Paragraph("What we saw today", styles["Heading"])]
    for baby in plan.babies:
        story += _baby(baby, styles)
    if plan.breast_lines:
        story.append(Paragraph("Your breasts", styles["Subheading"]))
        story += _bullets(plan.breast_lines, styles["Bullet"])
    return story


def _baby(baby: BabyFindings, styles: StyleSheet1) -> list[Flowable]:
    heading = Paragraph(user_text(baby.baby_name.strip() or "Your baby"), styles["Subheading"])
    if not baby.lines:
        return [heading, Paragraph("Nothing was recorded for this baby today.", styles["Body"])]
    return [heading, *_bullets(baby.lines, styles["Bullet"])]


def _section(section: PlanSection, source_numbers: dict[str, int], styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [Paragraph(user_text(section.title), styles["Heading"])]
    if section.intro.strip():
        story.append(Paragraph(user_text(section.intro), styles["Body"]))
    for number, step in enumerate(section.steps, start=1):
        parts: list[Flowable] = [Paragraph(user_text(step.text), styles["Step"], bulletText=f"{number}.")]
        note = _step_note(step.reason, source_numbers.get(step.source))
        if note:
            parts.append(Paragraph(note, styles["StepReason"]))
        story.append(KeepTogether(parts))
    return story


def _step_note(reason: str, source_number: int | None) -> str:
    """The small line under a step: "Why: {reason} [n]", n pointing into the list of sources."""
    marker = f"[{source_number}]" if source_number is not None else ""
    if reason.strip():
        return f"Why: {user_text(reason)} {marker}".rstrip()
    return f"Source: {marker}" if marker else ""


def _call_doctor_box(lines: tuple[str, ...], styles: StyleSheet1) -> Flowable:
    # The lines are whole sentences (some conditions, some instructions), so no lead-in.
    rows: list[list[Flowable]] = [[Paragraph(CALL_DOCTOR_TITLE, styles["WarningHeading"])]]
    rows += [[p] for p in _bullets(lines, styles["WarningBullet"])]
    # One row per line lets a very long list break across pages, heading repeated.
    table = Table(rows, colWidths=["100%"], repeatRows=1, hAlign="LEFT")
    table.setStyle(warning_box_style())
    return KeepTogether([table])


def _sources(plan: CarePlan, source_numbers: dict[str, int], styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [
        KeepTogether([
            Paragraph("Sources", styles["Heading"]),
            Paragraph(f"This plan follows <i>{user_text(plan.source_title)}</i> and its references:",
                      styles["Small"]),
            *_bullets(plan.references, styles["SmallBullet"]),
        ])
    ]
    if source_numbers:
        story.append(
            KeepTogether([
                Spacer(1, 2 * mm),
                Paragraph("Where each step comes from (the number after “Why”):", styles["Small"]),
                *(
                    Paragraph(user_text(source), styles["SmallNumbered"], bulletText=f"[{number}]")
                    for source, number in source_numbers.items()
                ),
            ])
        )
    return story


def _source_numbers(plan: CarePlan) -> dict[str, int]:
    """Number the distinct step sources in order of first use."""
    numbers: dict[str, int] = {}
    for section in plan.sections:
        for step in section.steps:
            if step.source.strip() and step.source not in numbers:
                numbers[step.source] = len(numbers) + 1
    return numbers


def _bullets(lines: Iterable[str], style: ParagraphStyle) -> list[Paragraph]:
    return [Paragraph(user_text(line), style, bulletText="•") for line in lines if line.strip()]
