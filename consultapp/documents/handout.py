"""Handouts: one topic in plain words, printed blank or with a client's name; several in one PDF."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from consultapp.documents.careplan import format_date
from consultapp.documents.styles import Para, info_panel_style, shared_stylesheet, user_text, warning_box_style
from consultapp.documents.templates import CONFIDENTIAL, LetterheadDocTemplate, PageSize, StartSection, Target
from consultapp.domain.handouts import Handout, HandoutSection
from consultapp.domain.records import Practice
from consultapp.domain.vocabulary import PlanVariant
from consultapp.domain.voice import PARENT_BASIS

BLANK_LINE = "_" * 34
"""Where a parent's name is written by hand on a blank handout."""
BLANK_FOOTER = "Information for parents"


@dataclass(frozen=True)
class HandoutPrint:
    """One handout as printed: for a named client (with the date given) or blank."""

    handout: Handout
    practice: Practice
    client_name: str | None = None
    given_on: dt.date | None = None


def build_story(item: HandoutPrint) -> list[Flowable]:
    """Lay out one handout: title, who it is for, summary, sections, then its sources and review date."""
    styles = shared_stylesheet()
    handout = item.handout
    story: list[Flowable] = [Para(user_text(handout.title), styles["Title"]), _for_panel(item, styles)]
    if handout.summary.strip():
        story += [Spacer(1, 3 * mm), Para(user_text(handout.summary), styles["Lead"])]
    for section in handout.sections:
        if is_warning(section):
            story += [Spacer(1, 4 * mm), _warning_box(section, styles)]
            continue
        story.append(Para(user_text(section.heading), styles["Heading"]))
        story += [Para(user_text(p), styles["Body"]) for p in section.paragraphs if p.strip()]
        story += [Para(user_text(b), styles["Bullet"], bulletText="•") for b in section.bullets if b.strip()]
    story.append(_sources(handout, styles))
    return story


def is_warning(section: HandoutSection) -> bool:
    """A "Call your doctor ..." section: printed in the boxed warning, as on the care plan."""
    heading = section.heading.strip().lower()
    return heading.startswith(("call your doctor", "when to call"))


def _warning_box(section: HandoutSection, styles: StyleSheet1) -> Flowable:
    rows: list[list[Flowable]] = [[Para(user_text(section.heading), styles["WarningHeading"])]]
    rows += [[Para(user_text(p), styles["Body"])] for p in section.paragraphs if p.strip()]
    rows += [[Para(user_text(b), styles["WarningBullet"], bulletText="•")] for b in section.bullets if b.strip()]
    table = Table(rows, colWidths=["100%"], repeatRows=1, hAlign="LEFT")
    table.setStyle(warning_box_style())
    return KeepTogether([table])


def _for_panel(item: HandoutPrint, styles: StyleSheet1) -> Table:
    name = (item.client_name or "").strip()
    if name:
        cells: list[Flowable | str] = [Para("For", styles["Label"]), Para(user_text(name), styles["Body"])]
        if item.given_on is not None:
            cells += [Para("Given on", styles["Label"]), Para(format_date(item.given_on), styles["Body"])]
        else:
            cells += ["", ""]
    else:
        cells = [
            Para("For", styles["Label"]),
            Para(BLANK_LINE, styles["Body"]),
            Para("Date", styles["Label"]),
            Para("_" * 16, styles["Body"]),
        ]
    table = Table([cells], colWidths=["10%", "47%", "15%", "28%"], hAlign="LEFT", splitInRow=1)
    style = info_panel_style()
    style.add("BOTTOMPADDING", (0, 0), (-1, -1), 8)
    style.add("TOPPADDING", (0, 0), (0, 0), 10)
    style.add("TOPPADDING", (2, 0), (2, 0), 10)
    if name and item.given_on is None:
        style.add("SPAN", (1, 0), (-1, 0))
    table.setStyle(style)
    return table


def _sources(handout: Handout, styles: StyleSheet1) -> Flowable:
    parts: list[Flowable] = [Spacer(1, 4 * mm), Para("Sources", styles["Subheading"])]
    parts += [Para(user_text(source), styles["SmallBullet"], bulletText="•") for source in handout.sources]
    if handout.variant is PlanVariant.ABM36:
        parts.append(Para(PARENT_BASIS[PlanVariant.ABM36], styles["Small"]))  # no protocol number (CLINICAL 18.8)
    note = f"Wording last reviewed: {format_date(handout.review_date)}."
    if not handout.shipped:
        note += " Written or edited by your practice."
    parts.append(Para(note, styles["Small"]))
    return KeepTogether(parts)


def build_many(items: Sequence[HandoutPrint]) -> list[Flowable]:
    """Several handouts in one PDF, each starting on a new page with its own "Page 1 of N"."""
    story: list[Flowable] = []
    for index, item in enumerate(items):
        if index:
            story.append(PageBreak())
        story += [StartSection(), *build_story(item)]
    return story


def render(
    items: HandoutPrint | Sequence[HandoutPrint],
    target: Target,
    *,
    invariant: bool = False,
    pagesize: PageSize = A4,
    logo: bytes | None = None,
) -> None:
    """Write one handout, or several (each from a new page), as a PDF.

    Raises:
        ValueError: no handout given, or handouts of different practices.
    """
    batch = [items] if isinstance(items, HandoutPrint) else list(items)
    if not batch:
        raise ValueError("Choose at least one handout to print.")
    practice = batch[0].practice
    title = batch[0].handout.title if len(batch) == 1 else "Handouts"
    # A handout with a name on it is part of a health record; a blank one is not.
    named = any((item.client_name or "").strip() for item in batch)
    doc = LetterheadDocTemplate(
        target,
        practice=practice,
        title=title,
        pagesize=pagesize,
        invariant=invariant,
        logo=logo,
        footer=CONFIDENTIAL if named else BLANK_FOOTER,
    )
    doc.build_story(build_many(batch))


def render_bytes(
    items: HandoutPrint | Sequence[HandoutPrint],
    invariant: bool = False,
    pagesize: PageSize = A4,
    *,
    logo: bytes | None = None,
) -> bytes:
    """Return the handout PDF (one or several handouts) as bytes."""
    buffer = io.BytesIO()
    render(items, buffer, invariant=invariant, pagesize=pagesize, logo=logo)
    return buffer.getvalue()
