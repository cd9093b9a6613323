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

from consultapp.documents.styles import FONT, MUTED, RULE, Para, stylesheet, user_text
from consultapp.domain.records import Practice

PageSize = tuple[float, float]
Target = str | os.PathLike[str] | BinaryIO

SIDE_MARGIN = 18 * mm
TOP_MARGIN = 12 * mm
BOTTOM_MARGIN = 22 * mm
HEADER_GAP = 7 * mm
"""Space between the header rule and the first line of text."""
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
        self.drawRightString(width - SIDE_MARGIN, FOOTER_BASELINE, f"Page {number} of {total}")
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


def letterhead(practice: Practice, logo: bytes | None = None) -> Table:
    """The header block: logo, practice and consultant on the left, contact details on the right."""
    styles = stylesheet()
    left: list[Flowable] = []
    if practice.name.strip():
        left.append(Para(user_text(practice.name), styles["HeaderName"]))
    consultant = ", ".join(p.strip() for p in (practice.consultant_name, practice.credentials) if p.strip())
    if consultant:
        left.append(Para(user_text(consultant), styles["HeaderLine"]))
    right: list[Flowable] = [
        Para(user_text(value), styles["HeaderContact"])
        for value in (practice.phone, practice.email, practice.address)
        if value.strip()
    ]
    if logo:
        image = logo_flowable(logo)
        table = Table([[image, left, right]], colWidths=[image.drawWidth + 10, None, "38%"])
    else:
        table = Table([[left, right]], colWidths=["62%", "38%"])
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


class LetterheadDocTemplate(BaseDocTemplate):  # type: ignore[misc]  # ReportLab has no type stubs here: its classes are Any
    """A document whose every page carries the practice letterhead and a numbered footer.

    The header's height is measured once from the practice details, so a long practice name
    wraps and pushes the text frame down instead of overlapping it.
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
    ) -> None:
        self._footer = footer
        width, height = pagesize
        self._header = letterhead(practice, logo)
        self._header_width = width - 2 * SIDE_MARGIN
        _, header_height = self._header.wrap(self._header_width, height)
        top = TOP_MARGIN + header_height + HEADER_GAP
        super().__init__(
            os.fspath(target) if isinstance(target, os.PathLike) else target,
            pagesize=pagesize,
            leftMargin=SIDE_MARGIN,
            rightMargin=SIDE_MARGIN,
            topMargin=top,
            bottomMargin=BOTTOM_MARGIN,
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
        self.addPageTemplates([PageTemplate(id="letterhead", frames=[frame], onPage=self._draw_furniture)])

    def build_story(self, story: list[Flowable]) -> None:
        """Lay out ``story`` and write the PDF, numbering pages "Page N of M"."""
        self.build(story, canvasmaker=NumberedCanvas)

    def _draw_furniture(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        canv.saveState()
        _, header_height = self._header.wrap(self._header_width, height)
        header_top = height - TOP_MARGIN
        self._header.drawOn(canv, SIDE_MARGIN, header_top - header_height)
        rule_y = header_top - header_height - HEADER_GAP / 2
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.75)
        canv.line(SIDE_MARGIN, rule_y, width - SIDE_MARGIN, rule_y)
        footer_rule_y = FOOTER_BASELINE + 4 * mm
        canv.setLineWidth(0.5)
        canv.line(SIDE_MARGIN, footer_rule_y, width - SIDE_MARGIN, footer_rule_y)
        canv.setFont(FONT, FOOTER_SIZE)
        canv.setFillColor(MUTED)
        canv.drawString(SIDE_MARGIN, FOOTER_BASELINE, self._footer)
        canv.restoreState()
