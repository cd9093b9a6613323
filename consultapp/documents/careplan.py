"""The care plan handed to the parent at the end of a visit."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from consultapp.documents.feeding_plans import feeding_plan_story
from consultapp.documents.figures import MAP_NOTE, breast_map_drawing, kept_weight_chart, legend_symbol
from consultapp.documents.photos import photo_pages
from consultapp.documents.styles import (
    PANEL_PADDING,
    PANEL_PADDING_FIRST,
    Para,
    info_panel_style,
    shared_stylesheet,
    user_text,
    warning_box_style,
)
from consultapp.documents.templates import LetterheadDocTemplate, PageSize, Target
from consultapp.domain.careplan import CALL_TODAY, CHECK_SOON, BabyFindings, CarePlan, PlanSection
from consultapp.domain.plan_figures import BabyChart
from consultapp.domain.records import BreastMapFinding
from consultapp.domain.source_steps import ABM36_PARENT_REFERENCE, GENERAL_REASONS
from consultapp.domain.text import MONTHS, WEEKDAYS
from consultapp.domain.units import temperatures_in
from consultapp.domain.voice import PARENT_BASIS

TITLE = "Your care plan"
CALL_DOCTOR_TITLE = "When to call your doctor"
ALSO_CALL_TITLE = "Also call your doctor if:"
FEEDING_PLAN_TITLE = "Your feeding plan"
NEXT_VISIT_TITLE = "Your next visit"
POSITIONS_TITLE = "Positions to try"
NOT_RECORDED = "Not recorded"


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
    styles = shared_stylesheet(compact=True)
    story: list[Flowable] = [Para(TITLE, styles["Title"]), _visit_panel(plan, styles)]
    # A red flag means "call today": the parent must meet it first, not after two pages of steps.
    urgent = plan.has_red_flag
    # A flag's temperature in the practice's unit only (the rules give it both ways).
    call_doctor = tuple(temperatures_in(line, plan.practice.settings.temperature_unit) for line in plan.call_doctor)
    if call_doctor and urgent:
        story += [Spacer(1, 2.5 * mm), _call_doctor_box(call_doctor, styles)]
    # The action first: each baby's feeding plan, her notes and the positions that worked, then what was seen,
    # then the steps.
    story += feeding_plan_story(plan, styles)
    story += _feeding_plan(plan, styles)
    if plan.positions_to_try:
        story.append(Para(POSITIONS_TITLE, styles["Heading"]))
        story += _bullets(plan.positions_to_try, styles["Bullet"])
    story += _findings(plan, styles)
    said: set[str] = set()  # reasons already given under an earlier section are not said again
    for section in plan.sections:
        story += _section(section, styles, said)
    if call_doctor and not urgent:
        story += [Spacer(1, 2.5 * mm), _call_doctor_box(call_doctor, styles)]
    story += _sources(plan, styles)
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
        target,
        practice=plan.practice,
        title="Care plan",
        pagesize=pagesize,
        invariant=invariant,
        logo=logo,
        compact=True,
    )
    photos = photo_pages(plan.photos, shared_stylesheet(), title="Photos from your visit", page_width=doc.width)
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


PANEL_CELL_CHARS = 36
"""A name or reason longer than this gets a whole row of the visit panel."""


def _visit_panel(plan: CarePlan, styles: StyleSheet1) -> Table:
    def label(text: str) -> Para:
        return Para(text, styles["Label"])

    def value(text: str) -> Para:
        return Para(user_text(text), styles["Body"])

    # Two facts to a row; a long name or reason gets a whole row (it wraps there, in reading order).
    blank: list[Flowable | str] = ["", ""]
    name: list[Flowable | str] = [label("Parent"), value(plan.client_name or NOT_RECORDED)]
    visit: list[Flowable | str] = [label("Visit"), value(f"{format_date(plan.visit_date)} · {plan.location_label}")]
    born: list[Flowable | str] = [label("Date of birth"), value(format_date(plan.client_date_of_birth))]
    reason: list[Flowable | str] = [label("Reason"), value(plan.reason)] if plan.reason.strip() else []
    rows: list[list[Flowable | str]]
    if len(plan.client_name) > PANEL_CELL_CHARS:
        rows = [[*name, *blank], [*visit, *born]]
    elif len(plan.reason) > PANEL_CELL_CHARS:
        rows = [[*name, *visit], [*born, *blank]]
    else:
        rows = [[*name, *visit], [*born, *(reason or blank)]]
        reason = []
    if reason:
        rows.append([*reason, *blank])
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
    table.setStyle(
        TableStyle(
            [
                ("TOPPADDING", (0, 0), (-1, 0), PANEL_PADDING_FIRST - 3),
                ("BOTTOMPADDING", (0, -1), (-1, -1), PANEL_PADDING_FIRST - 3),
            ]
        )
    )
    return table


def _findings(plan: CarePlan, styles: StyleSheet1) -> list[Flowable]:
    if not plan.babies and not plan.breast_lines and not plan.parent_lines:
        return []
    story: list[Flowable] = [Para("What we saw today", styles["Heading"])]
    figures = plan.figures
    charts = list(figures.weight_charts)
    shown: list[BabyChart] = []
    lines: list[Flowable] = []
    for baby in plan.babies:
        lines += _baby(baby, styles)
        chart = next((c for c in charts if c.baby_name == baby.baby_name), None)
        if chart is not None:
            charts.remove(chart)
            shown.append(chart)
    health, breasts = _mother_health(plan, styles), _mother_breasts(plan, styles)
    if len(plan.babies) == 1 and shown and figures.map_findings:
        # One baby: her chart and the breast map side by side first (one block that cannot break), then the
        # lines, which can (no half-empty page before a figure), the mother's in two columns.
        story.append(
            _side_by_side(
                _weight_charts(shown, plan, styles), _map_block(figures.map_findings, styles, MAP_BESIDE_CHART_SCALE)
            )
        )
        story += [*lines, _columns(health, breasts)]
        return story
    story += lines
    if shown:
        # Twins' charts side by side, each titled with its baby's name: one row, not a page each.
        story.append(KeepTogether([Spacer(1, 2 * mm), *_weight_charts(shown, plan, styles)]))
    if figures.map_findings:
        story.append(_beside_map(health + breasts, figures.map_findings, styles))
    else:
        story += health + breasts
    return story


def _mother_health(plan: CarePlan, styles: StyleSheet1) -> list[Flowable]:
    if not plan.parent_lines:
        return []
    return [Para("Your health", styles["Subheading"]), *_bullets(plan.parent_lines, styles["Bullet"])]


def _mother_breasts(plan: CarePlan, styles: StyleSheet1) -> list[Flowable]:
    if not plan.breast_lines and not plan.figures.map_findings:
        return []
    return [Para("Your breasts", styles["Subheading"]), *_bullets(plan.breast_lines, styles["Bullet"])]


def _columns(left: list[Flowable], right: list[Flowable]) -> Flowable:
    """Two blocks of lines side by side (half the page each), top-aligned."""
    block = Table([[left or "", right or ""]], colWidths=["50%", "50%"], hAlign="LEFT")
    block.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 3 * mm),
            ]
        )
    )
    return block


def _side_by_side(left: list[Flowable], right: list[Flowable]) -> Flowable:
    """Two figures in one row, each with its notes under it."""
    block = Table([[left, right]], hAlign="LEFT")
    block.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 3 * mm),
            ]
        )
    )
    return block


def _map_block(findings: Sequence[BreastMapFinding], styles: StyleSheet1, scale: float = 0.0) -> list[Flowable]:
    """The breast map (smaller: ``scale``, else ``MAP_SCALE``), its legend and its note."""
    drawing = breast_map_drawing(findings)
    scale = scale or MAP_SCALE
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    # The legend and the note in one paragraph ("1 Lump; 2 Redness. Drawn as we see you ...").
    legend = "; ".join(f"<b>{n}</b> {user_text(f.kind.label)}" for n, f in enumerate(findings, start=1))
    return [drawing, Para(f"{legend}. {MAP_NOTE}" if legend else MAP_NOTE, styles["Small"])]


def _beside_map(lines: list[Flowable], findings: Sequence[BreastMapFinding], styles: StyleSheet1) -> Flowable:
    """The mother's findings on the left, the breast map (smaller) on the right: one block, not two."""
    right = _map_block(findings, styles)
    block = Table([[lines or "", right]], colWidths=[None, right[0].width + 2 * mm], hAlign="LEFT")
    block.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return block


MAP_SCALE = 0.68
"""The breast map beside the mother's findings (80 mm wide): the clock labels stay readable."""
MAP_BESIDE_CHART_SCALE = 0.6
"""The breast map beside a single baby's weight chart (no taller than the chart)."""


CHART_NOTE = "Open dot: birth weight. Black dots: your baby's weighings. Lines below: a loss we check closely."


def _weight_charts(charts: Sequence[BabyChart], plan: CarePlan, styles: StyleSheet1) -> list[Flowable]:
    """The babies' weight charts, small and side by side (two to a row), with one note under them."""
    unit = plan.practice.settings.weight_unit
    several = len(plan.babies) > 1
    drawings: list[Flowable] = [
        kept_weight_chart(
            c.chart,
            unit,
            f"Weight of {c.baby_name.strip() or 'your baby'}" if several else "Your baby's weight",
            compact=True,
        )
        for c in charts
    ]
    rows = [drawings[i : i + 2] for i in range(0, len(drawings), 2)]
    if len(rows[-1]) == 1 and len(drawings) > 1:
        rows[-1].append(Spacer(1, 1))
    grid = Table(rows, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [grid, Para(CHART_NOTE, styles["Small"])]


def _breast_map(findings: Sequence[BreastMapFinding], styles: StyleSheet1) -> Flowable:
    legend: list[list[Flowable | str]] = [
        [legend_symbol(f.kind), Para(f"<b>{n}</b>", styles["Small"]), Para(f.kind.label, styles["Small"])]
        for n, f in enumerate(findings, start=1)
    ]
    legend_table = Table(legend, colWidths=[6 * mm, 6 * mm, None], hAlign="LEFT")
    legend_table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    drawing = breast_map_drawing(findings)
    layout = Table([[drawing, legend_table]], colWidths=[drawing.width + 4 * mm, None], hAlign="LEFT")
    layout.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 2 * mm), layout, Para(MAP_NOTE, styles["Small"])])


def _feeding_plan(plan: CarePlan, styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = []
    if plan.feeding_plan.strip():
        notes = [Para(user_text(line), styles["Body"]) for line in plan.feeding_plan.splitlines() if line.strip()]
        story.append(KeepTogether([Para(FEEDING_PLAN_TITLE, styles["Heading"]), *notes]))
    if plan.follow_up is not None:
        if story:
            story.append(Para(f"<b>Next visit:</b> {format_day(plan.follow_up)}", styles["Body"]))
        else:
            story.append(Para(f"{NEXT_VISIT_TITLE}: {format_day(plan.follow_up)}", styles["Heading"]))
    return story


def _baby(baby: BabyFindings, styles: StyleSheet1) -> list[Flowable]:
    heading = Para(user_text(baby.baby_name.strip() or "Your baby"), styles["Subheading"])
    if not baby.lines:
        return [heading, Para("Nothing was recorded for this baby today.", styles["Body"])]
    return [heading, *_bullets(baby.lines, styles["Bullet"])]


def _section(section: PlanSection, styles: StyleSheet1, said: set[str] | None = None) -> list[Flowable]:
    """A section's steps, numbered, and under them why they were given, said once (not after every step, nor
    again under a later section: ``said`` collects the reasons given so far)."""
    story: list[Flowable] = [Para(user_text(section.title), styles["Heading"])]
    if section.intro.strip():
        story.append(Para(user_text(section.intro), styles["Body"]))
    for number, step in enumerate(section.steps, start=1):
        story.append(Para(user_text(step.text), styles["Step"], bulletText=f"{number}."))
    reasons = section_reasons(section, said)
    if reasons:
        story.append(Para(f"Why: {user_text(reasons)}", styles["StepReason"]))
    return story


def section_reasons(section: PlanSection, said: set[str] | None = None) -> str:
    """The section's reasons, each said once, in the order of its steps ("a; b; c."); with ``said``, those
    given under an earlier section are left out, and this section's are added to it."""
    parts: dict[str, None] = {}
    for step in section.steps:
        for part in step.reason.split("; "):
            if part.strip():
                parts.setdefault(part.strip().rstrip("."), None)
    # Her own findings say why; the source's general reasons only where no finding does.
    specific = [p for p in parts if p not in GENERAL_REASONS]
    chosen = specific or list(parts)
    if said is not None:
        chosen = [part for part in chosen if part not in said]
        said.update(chosen)
    return "; ".join(chosen) + "." if chosen else ""


COMPACT_BOX = TableStyle(
    [
        ("TOPPADDING", (0, 1), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ("TOPPADDING", (0, 1), (-1, 1), 5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]
)
"""The box's rows closer together on the care plan (its lines have their own space)."""


def _call_doctor_box(lines: tuple[str, ...], styles: StyleSheet1) -> Flowable:
    # Flag lines first, their urgency in bold words ("Call today:"), then the lines always given.
    rows: list[list[Flowable]] = [[Para(CALL_DOCTOR_TITLE, styles["WarningHeading"])]]
    flagged = [line for line in lines if line.startswith((CALL_TODAY, CHECK_SOON))]
    general = [line for line in lines if line not in flagged]
    for line in flagged:
        prefix = CALL_TODAY if line.startswith(CALL_TODAY) else CHECK_SOON
        rest = line[len(prefix) :].strip()
        rows.append([Para(f"<b>{prefix}</b> {user_text(rest)}", styles["WarningBullet"], bulletText="•")])
    if flagged and general:
        rows.append([Para(ALSO_CALL_TITLE, styles["WarningSubheading"])])
    rows += [[p] for p in _bullets(general, styles["WarningBullet"])]
    # One row per line lets a very long list break across pages, heading repeated.
    table = Table(rows, colWidths=["100%"], repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(warning_box_style())
    table.setStyle(COMPACT_BOX)
    return KeepTogether([table])


def _sources(plan: CarePlan, styles: StyleSheet1) -> list[Flowable]:
    """The source document and its references, and one plain line for a wording from elsewhere (no protocol
    numbers, no rule ids: CLINICAL.md section 18.8)."""
    # Author and year only: what each reference covers is for the consultant's source list, not the family's page.
    references = "; ".join(ref.split(" (")[0] for ref in plan.references)
    text = f"<b>Sources:</b> <i>{user_text(plan.source_title)}</i> ({user_text(references)})."
    # A wording from elsewhere: its one plain line and its reference, in the same small print.
    for variant in dict.fromkeys(used.variant for used in plan.variants):
        basis = PARENT_BASIS.get(variant, "")
        if basis:
            text += f" {user_text(basis)} {user_text(ABM36_PARENT_REFERENCE)}"
    return [Spacer(1, 1 * mm), Para(text, styles["Fine"])]


def _bullets(lines: Iterable[str], style: ParagraphStyle) -> list[Para]:
    return [Para(user_text(line), style, bulletText="•") for line in lines if line.strip()]
