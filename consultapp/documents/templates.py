"""The letterhead page layout: practice header, confidentiality footer and "Page N of M"."""

from __future__ import annotations

import os
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from consultapp.documents.styles import FONT, MUTED, RULE, stylesheet, user_text
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


class NumberedCanvas(Canvas):
    """A canvas that holds its pages until ``save`` so each footer can say "Page N of M"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for state in self._held_pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(FONT, FOOTER_SIZE)
        self.setFillColor(MUTED)
        self.drawRightString(width - SIDE_MARGIN, FOOTER_BASELINE, f"Page {self._pageNumber} of {total}")
        self.restoreState()


def letterhead(practice: Practice) -> Table:
    """The header block: practice and consultant on the left, contact details on the right."""
    styles = stylesheet()
    left: list[Flowable] = []
    if practice.name.strip():
        left.append(Paragraph(user_text(practice.name), styles["HeaderName"]))
    consultant = ", ".join(p.strip() for p in (practice.consultant_name, practice.credentials) if p.strip())
    if consultant:
        left.append(Paragraph(user_text(consultant), styles["HeaderLine"]))
    right: list[Flowable] = [
        Paragraph(user_text(value), styles["HeaderContact"])
        for value in (practice.phone, practice.email, practice.address)
        if value.strip()
    ]
    table = Table([[left, right]], colWidths=["62%", "38%"])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 12),
            ]
        )
    )
    return table


class LetterheadDocTemplate(BaseDocTemplate):
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
    ) -> None:
        width, height = pagesize
        self._header = letterhead(practice)
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
        canv.drawString(SIDE_MARGIN, FOOTER_BASELINE, CONFIDENTIAL)
        canv.restoreState()
