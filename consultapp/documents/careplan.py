"""The care plan handed to the parent at the end of a visit."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from consultapp.documents.figures import MAP_NOTE, breast_map_drawing, legend_symbol, weight_chart_drawing
from consultapp.documents.photos import photo_pages
from consultapp.documents.styles import (
    PANEL_PADDING,
    PANEL_PADDING_FIRST,
    Para,
    info_panel_style,
    stylesheet,
    user_text,
    warning_box_style,
)
from consultapp.documents.templates import LetterheadDocTemplate, PageSize, Target
from consultapp.domain.careplan import CALL_TODAY, CHECK_SOON, BabyFindings, CarePlan, PlanSection
from consultapp.domain.plan_figures import BabyChart
from consultapp.domain.records import BreastMapFinding
from consultapp.domain.units import temperatures_in
from consultapp.domain.vocabulary import PlanVariant

TITLE = "Your care plan"
CALL_DOCTOR_TITLE = "When to call your doctor"
ALSO_CALL_TITLE = "Also call your doctor if:"
FEEDING_PLAN_TITLE = "Your feeding plan"
NEXT_VISIT_TITLE = "Your next visit"
POSITIONS_TITLE = "Positions to try"
NOT_RECORDED = "Not recorded"
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def format_date(date: dt.date | None) -> str:
    """``26 November 2026``: English month names, whatever the machine's locale."""
    if date is None:
        return NOT_RECORDED
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def format_day(date: dt.date) -> str:
    """``Thursday 3 December 2026``: the weekday helps a parent find the day on a calendar."""
    return f"{WEEKDAYS[date.weekday()]} {format_date(date)}"


def build_story(plan: CarePlan) -> list[Flowable]:
    """Lay out ``plan`` (with the figures it carries) as flowables; every string from the plan is escaped
    before it is parsed."""
    styles = stylesheet()
    source_numbers = _source_numbers(plan)
    story: list[Flowable] = [Para(TITLE, styles["Title"]), _visit_panel(plan, styles)]
    # A red flag means "call today": the parent must meet it first, not after two pages of steps.
    urgent = plan.has_red_flag
    # A flag's temperature in the practice's unit only (the rules give it both ways).
    call_doctor = tuple(temperatures_in(line, plan.practice.settings.temperature_unit) for line in plan.call_doctor)
    if call_doctor and urgent:
        story += [Spacer(1, 4 * mm), _call_doctor_box(call_doctor, styles)]
    # The action first: her feeding plan and the positions that worked, then what was seen, then the steps.
    story += _feeding_plan(plan, styles)
    if plan.positions_to_try:
        story.append(Para(POSITIONS_TITLE, styles["Heading"]))
        story += _bullets(plan.positions_to_try, styles["Bullet"])
    story += _findings(plan, styles)
    for section in plan.sections:
        story += _section(section, source_numbers, styles)
    if call_doctor and not urgent:
        story += [Spacer(1, 4 * mm), _call_doctor_box(call_doctor, styles)]
    story += _sources(plan, source_numbers, styles)
    return story


def render(
    plan: CarePlan,
    target: Target,
    *,
    invariant: bool = False,
    pagesize: PageSize = A4,
    logo: bytes | None = None,
) -> None:
    """Write the care plan PDF to a path or a binary file object, with the figures ``plan.figures`` carries
    (the breast map and weight charts: ``plan_figures.figures_for_visit``).

    Args:
        invariant: build with ReportLab's invariant mode (fixed dates and ids), so the same
            plan gives byte-identical output; used by tests and for issued-document hashes.
        pagesize: A4 by default; pass ``reportlab.lib.pagesizes.LETTER`` for US Letter.
        logo: the practice logo, PNG or JPEG bytes, printed in the letterhead.
    """
    doc = LetterheadDocTemplate(
        target, practice=plan.practice, title="Care plan", pagesize=pagesize, invariant=invariant, logo=logo
    )
    photos = photo_pages(plan.photos, stylesheet(), title="Photos from your visit", page_width=doc.width)
    doc.build_story(build_story(plan) + photos)


def render_bytes(
    plan: CarePlan,
    invariant: bool = False,
    pagesize: PageSize = A4,
    *,
    logo: bytes | None = None,
) -> bytes:
    """Return the care plan PDF as bytes."""
    buffer = io.BytesIO()
    render(plan, buffer, invariant=invariant, pagesize=pagesize, logo=logo)
    return buffer.getvalue()


def _visit_panel(plan: CarePlan, styles: StyleSheet1) -> Table:
    def label(text: str) -> Para:
        return Para(text, styles["Label"])

    def value(text: str) -> Para:
        return Para(user_text(text), styles["Body"])

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
    table = Table(rows, colWidths=["17%", "33%", "16%", "34%"], hAlign="LEFT", splitInRow=1)
    table.setStyle(style)
    return table


def _findings(plan: CarePlan, styles: StyleSheet1) -> list[Flowable]:
    if not plan.babies and not plan.breast_lines and not plan.parent_lines:
        return []
    story: list[Flowable] = [Para("What we saw today", styles["Heading"])]
    figures = plan.figures
    charts = list(figures.weight_charts)
    for baby in plan.babies:
        story += _baby(baby, styles)
        chart = next((c for c in charts if c.baby_name == baby.baby_name), None)
        if chart is not None:
            charts.remove(chart)
            story.append(_weight_chart(chart, plan, styles))
    if plan.parent_lines:
        story.append(Para("Your health", styles["Subheading"]))
        story += _bullets(plan.parent_lines, styles["Bullet"])
    if plan.breast_lines or figures.map_findings:
        story.append(Para("Your breasts", styles["Subheading"]))
        story += _bullets(plan.breast_lines, styles["Bullet"])
    if figures.map_findings:
        story.append(_breast_map(figures.map_findings, styles))
    return story


def _weight_chart(chart: BabyChart, plan: CarePlan, styles: StyleSheet1) -> Flowable:
    name = chart.baby_name.strip() or "your baby"
    title = f"Weight of {name}" if len(plan.babies) > 1 else "Your baby's weight"
    return KeepTogether([
        Spacer(1, 2 * mm),
        weight_chart_drawing(chart.chart, plan.practice.settings.weight_unit, title),
        Para("Open dot: birth weight. Black dots: your baby's weighings. The lines below birth weight show "
             "a loss we check closely.", styles["Small"]),
    ])


def _breast_map(findings: Sequence[BreastMapFinding], styles: StyleSheet1) -> Flowable:
    legend: list[list[Flowable | str]] = [
        [legend_symbol(f.kind), Para(f"<b>{n}</b>", styles["Small"]), Para(f.kind.label, styles["Small"])]
        for n, f in enumerate(findings, start=1)
    ]
    legend_table = Table(legend, colWidths=[6 * mm, 6 * mm, None], hAlign="LEFT")
    legend_table.setStyle(
        TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ])
    )
    drawing = breast_map_drawing(findings)
    layout = Table([[drawing, legend_table]], colWidths=[drawing.width + 4 * mm, None], hAlign="LEFT")
    layout.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 2 * mm), layout, Para(MAP_NOTE, styles["Small"])])


def _feeding_plan(plan: CarePlan, styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = []
    if plan.feeding_plan.strip():
        story.append(Para(FEEDING_PLAN_TITLE, styles["Heading"]))
        story += [
            Para(user_text(line), styles["Body"]) for line in plan.feeding_plan.splitlines() if line.strip()
        ]
    if plan.follow_up is not None:
        if story:
            story.append(Para(f"<b>Next visit:</b> {format_day(plan.follow_up)}", styles["Body"]))
        else:
            story += [
                Para(NEXT_VISIT_TITLE, styles["Heading"]),
                Para(f"<b>{format_day(plan.follow_up)}</b>", styles["Body"]),
            ]
    return story


def _baby(baby: BabyFindings, styles: StyleSheet1) -> list[Flowable]:
    heading = Para(user_text(baby.baby_name.strip() or "Your baby"), styles["Subheading"])
    if not baby.lines:
        return [heading, Para("Nothing was recorded for this baby today.", styles["Body"])]
    return [heading, *_bullets(baby.lines, styles["Bullet"])]


def _section(section: PlanSection, source_numbers: dict[str, int], styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [Para(user_text(section.title), styles["Heading"])]
    if section.intro.strip():
        story.append(Para(user_text(section.intro), styles["Body"]))
    for number, step in enumerate(section.steps, start=1):
        parts: list[Flowable] = [Para(user_text(step.text), styles["Step"], bulletText=f"{number}.")]
        note = _step_note(step.reason, source_numbers.get(step.source))
        if note:
            parts.append(Para(note, styles["StepReason"]))
        story.append(KeepTogether(parts))
    return story


def _step_note(reason: str, source_number: int | None) -> str:
    """The small line under a step: "Why: {reason} [n]", n pointing into the list of sources."""
    marker = f"[{source_number}]" if source_number is not None else ""
    if reason.strip():
        return f"Why: {user_text(reason)} {marker}".rstrip()
    return f"Source: {marker}" if marker else ""


def _call_doctor_box(lines: tuple[str, ...], styles: StyleSheet1) -> Flowable:
    # Flag lines first, their urgency in bold words ("Call today:"), then the lines always given.
    rows: list[list[Flowable]] = [[Para(CALL_DOCTOR_TITLE, styles["WarningHeading"])]]
    flagged = [line for line in lines if line.startswith((CALL_TODAY, CHECK_SOON))]
    general = [line for line in lines if line not in flagged]
    for line in flagged:
        prefix = CALL_TODAY if line.startswith(CALL_TODAY) else CHECK_SOON
        rest = line[len(prefix):].strip()
        rows.append([Para(f"<b>{prefix}</b> {user_text(rest)}", styles["WarningBullet"], bulletText="•")])
    if flagged and general:
        rows.append([Para(ALSO_CALL_TITLE, styles["WarningSubheading"])])
    rows += [[p] for p in _bullets(general, styles["WarningBullet"])]
    # One row per line lets a very long list break across pages, heading repeated.
    table = Table(rows, colWidths=["100%"], repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(warning_box_style())
    return KeepTogether([table])


def _sources(plan: CarePlan, source_numbers: dict[str, int], styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [
        KeepTogether([
            Para("Sources", styles["Heading"]),
            Para(f"This plan follows <i>{user_text(plan.source_title)}</i> and its references:",
                      styles["Small"]),
            *_bullets(plan.references, styles["SmallBullet"]),
        ])
    ]
    # Which wording each topic followed; topics that followed the same source share one line.
    topics: dict[tuple[PlanVariant, str, str], list[str]] = {}
    for used in plan.variants:
        topics.setdefault((used.variant, used.source_title, used.reference), []).append(used.topic)
    for (variant, title, reference), names in topics.items():
        lead = f"Steps for {user_text(' and '.join(names))} follow <i>{user_text(title)}</i>"
        if variant is PlanVariant.SOURCE_DOCUMENT or not reference.strip():
            note = [Para(f"{lead}.", styles["Small"])]
        else:
            note = [Para(f"{lead}:", styles["Small"]), *_bullets([reference], styles["SmallBullet"])]
        story.append(KeepTogether([Spacer(1, 2 * mm), *note]))
    if source_numbers:
        story.append(
            KeepTogether([
                Spacer(1, 2 * mm),
                Para("Where each step comes from (the number after “Why”):", styles["Small"]),
                *(
                    Para(user_text(source), styles["SmallNumbered"], bulletText=f"[{number}]")
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


def _bullets(lines: Iterable[str], style: ParagraphStyle) -> list[Para]:
    return [Para(user_text(line), style, bulletText="•") for line in lines if line.strip()]
