"""The letterhead page layout: practice header, confidentiality footer and "Page N of M"."""

from __future__ import annotations

import io
import os
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, Image, PageTemplate, Table, TableStyle

from consultapp.documents.styles import FONT, MUTED, RULE, Para, shared_stylesheet, user_text
from consultapp.domain.records import Practice

PageSize = tuple[float, float]
Target = str | os.PathLike[str] | BinaryIO

SIDE_MARGIN = 18 * mm
TOP_MARGIN = 12 * mm
BOTTOM_MARGIN = 22 * mm
HEADER_GAP = 7 * mm
"""Space between the header rule and the first line of text."""
SHORT_HEADER_GAP = 4 * mm
"""The same under the one-line header of later pages (``compact``)."""
COMPACT_HEADER_GAP = 5 * mm
"""The same under a compact document's first letterhead."""
COMPACT_SIDE_MARGIN = 15 * mm
COMPACT_TOP_MARGIN = 10 * mm
COMPACT_BOTTOM_MARGIN = 17 * mm
"""A compact document's margins: a little narrower, its text ending nearer the footer (its rule is at 15 mm)."""
FOOTER_BASELINE = 11 * mm
FOOTER_SIZE = 8.5
CONFIDENTIAL = "Confidential health record"
LOGO_MAX_WIDTH = 38 * mm
LOGO_MAX_HEIGHT = 18 * mm

PAPER_SIZES: dict[str, PageSize] = {"a4": A4, "letter": LETTER}
"""The paper sizes a practice can choose (``PracticeSettings.paper`` once it exists)."""


def page_size(paper: str) -> PageSize:
    """The page size for a paper name (``"a4"`` or ``"letter"``, any case); ValueError for another."""
    try:
        return PAPER_SIZES[paper.strip().lower()]
    except KeyError:
        raise ValueError(f"Unknown paper size {paper!r}: choose A4 or Letter.") from None


class StartSection(Flowable):  # type: ignore[misc]  # ReportLab has no type stubs here: its classes are Any
    """Starts a new run of page numbers: "Page 1 of N" counts from here (several handouts in one PDF)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        return 0, 0

    def draw(self) -> None:
        start = getattr(self.canv, "start_section", None)
        if start is not None:
            start()


class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type stubs here: its classes are Any
    """A canvas that holds its pages until ``save`` so each footer can say "Page N of M"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []
        self._section = 0

    def start_section(self) -> None:
        """Number pages from 1 again from the current page on (see ``StartSection``)."""
        if any(state["_section"] == self._section for state in self._held_pages):
            self._section += 1

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        sections = [state["_section"] for state in self._held_pages]
        for state in self._held_pages:
            section = state["_section"]
            first = sections.index(section)
            number = state["_pageNumber"] - first
            self.__dict__.update(state)
            self._draw_page_number(number, sections.count(section))
            super().showPage()
        super().save()

    def _draw_page_number(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(FONT, FOOTER_SIZE)
        self.setFillColor(MUTED)
        margin = getattr(self, "side_margin", SIDE_MARGIN)  # (set by the document on each page)
        self.drawRightString(width - margin, FOOTER_BASELINE, f"Page {number} of {total}")
        self.restoreState()


def logo_flowable(logo: bytes) -> Image:
    """The practice logo (PNG or JPEG bytes) scaled to fit the header, keeping its proportions.

    Raises:
        ValueError: the bytes are not an image ReportLab can read.
    """
    try:
        width, height = ImageReader(io.BytesIO(logo)).getSize()
    except Exception as exc:  # PIL raises several types for a damaged or unknown image
        raise ValueError("The practice logo is not a PNG or JPEG image.") from exc
    scale = min(LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height)
    return Image(io.BytesIO(logo), width=width * scale, height=height * scale, hAlign="LEFT")


def letterhead(practice: Practice, logo: bytes | None = None, *, compact: bool = False) -> Table:
    """The header block: logo, practice and consultant on the left, contact details on the right
    (``compact``: the phone and the e-mail on one line)."""
    styles = shared_stylesheet()
    left: list[Flowable] = []
    if practice.name.strip():
        left.append(Para(user_text(practice.name), styles["HeaderName"]))
    consultant = ", ".join(p.strip() for p in (practice.consultant_name, practice.credentials) if p.strip())
    if consultant:
        left.append(Para(user_text(consultant), styles["HeaderLine"]))
    contacts = [value.strip() for value in (practice.phone, practice.email) if value.strip()]
    lines = [" · ".join(contacts)] if compact else contacts
    right: list[Flowable] = [
        Para(user_text(value), styles["HeaderContact"]) for value in (*lines, practice.address) if value.strip()
    ]
    if logo:
        image = logo_flowable(logo)
        table = Table([[image, left, right]], colWidths=[image.drawWidth + 10, None, "38%"])
    else:
        table = Table([[left, right]], colWidths=["50%", "50%"] if compact else ["62%", "38%"])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (-2, 0), (-2, 0), 12),
            ]
        )
    )
    return table


def short_letterhead(practice: Practice) -> Table:
    """The header of a long document's later pages: the practice's name and its phone, on one line."""
    styles = shared_stylesheet()
    name = Para(user_text(practice.name), styles["HeaderLine"])
    phone = Para(user_text(practice.phone), styles["HeaderContact"])
    table = Table([[name, phone]], colWidths=["70%", "30%"])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]
                   + [(k, (0, 0), (-1, -1), 0) for k in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")])
    )
    return table


class LetterheadDocTemplate(BaseDocTemplate):  # type: ignore[misc]  # ReportLab has no type stubs here: its classes are Any
    """A document whose every page carries the practice letterhead and a numbered footer.

    The header's height is measured once from the practice details, so a long practice name
    wraps and pushes the text frame down instead of overlapping it. ``compact`` (a family's long document,
    the care plan): the full letterhead on the first page only, the practice's name and phone on one line
    at the top of the others, and the text a little nearer the footer.
    """

    def __init__(
        self,
        target: Target,
        *,
        practice: Practice,
        title: str,
        pagesize: PageSize = A4,
        invariant: bool = False,
        logo: bytes | None = None,
        subject: str = "",
        footer: str = CONFIDENTIAL,
        compact: bool = False,
    ) -> None:
        self._footer = footer
        width, height = pagesize
        self._side, self._top = (COMPACT_SIDE_MARGIN, COMPACT_TOP_MARGIN) if compact else (SIDE_MARGIN, TOP_MARGIN)
        self._header = letterhead(practice, logo, compact=compact)
        self._header_width = width - 2 * self._side
        _, header_height = self._header.wrap(self._header_width, height)
        self._gap = COMPACT_HEADER_GAP if compact else HEADER_GAP
        top = self._top + header_height + self._gap
        self._short_header = short_letterhead(practice) if compact else None
        super().__init__(
            os.fspath(target) if isinstance(target, os.PathLike) else target,
            pagesize=pagesize,
            leftMargin=self._side,
            rightMargin=self._side,
            topMargin=top,
            bottomMargin=COMPACT_BOTTOM_MARGIN if compact else BOTTOM_MARGIN,
            title=title,
            subject=subject,
            author=practice.consultant_name,
            creator="ConsultApp",
            invariant=1 if invariant else 0,
        )
        frame = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
        )
        if self._short_header is None:
            self.addPageTemplates([PageTemplate(id="letterhead", frames=[frame], onPage=self._draw_furniture)])
            return
        # Later pages: the practice's name on one line (the full letterhead is on the first page).
        _, short_height = self._short_header.wrap(self._header_width, height)
        later_top = self._top + short_height + SHORT_HEADER_GAP
        later = Frame(
            self.leftMargin, self.bottomMargin, self.width, height - later_top - self.bottomMargin,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body-later",
        )
        self.addPageTemplates([
            PageTemplate(id="letterhead", frames=[frame], onPage=self._draw_furniture, autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[later], onPage=self._draw_later_furniture),
        ])

    def build_story(self, story: list[Flowable]) -> None:
        """Lay out ``story`` and write the PDF, numbering pages "Page N of M"."""
        self.build(story, canvasmaker=NumberedCanvas)

    def _draw_furniture(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._draw_header(canv, self._header, self._gap)

    def _draw_later_furniture(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        assert self._short_header is not None  # (the "later" template exists only with it)
        self._draw_header(canv, self._short_header, SHORT_HEADER_GAP)

    def _draw_header(self, canv: Canvas, header: Table, gap: float) -> None:
        width, height = self.pagesize
        side = self._side
        canv.side_margin = side  # where NumberedCanvas puts "Page N of M"
        canv.saveState()
        _, header_height = header.wrap(self._header_width, height)
        header_top = height - self._top
        header.drawOn(canv, side, header_top - header_height)
        rule_y = header_top - header_height - gap / 2
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.75)
        canv.line(side, rule_y, width - side, rule_y)
        footer_rule_y = FOOTER_BASELINE + 4 * mm
        canv.setLineWidth(0.5)
        canv.line(side, footer_rule_y, width - side, footer_rule_y)
        canv.setFont(FONT, FOOTER_SIZE)
        canv.setFillColor(MUTED)
        canv.drawString(side, FOOTER_BASELINE, self._footer)
        canv.restoreState()
