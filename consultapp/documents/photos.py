"""Photos in a document: a page (or more) after the letter or the plan, two to a row, each with its line.

Each photo prints as large as two fit side by side (about 8 cm wide), keeping its proportions, with the
line beneath it: whose and what ("Bao - tongue"), the visit's date, and the caption as typed (escaped).
The images are embedded as given: the services hand over a print copy scaled for about 300 dpi at this size.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Spacer, Table, TableStyle

from consultapp.documents.styles import Para, user_text
from consultapp.domain.photos import PrintedPhoto
from consultapp.domain.text import long_date

GAP = 6 * mm
MAX_HEIGHT = 105 * mm


def photo_pages(photos: Sequence[PrintedPhoto], styles: StyleSheet1, *, title: str = "Photos",
                page_width: float) -> list[Flowable]:
    """A page break, a heading, then the photos two to a row (nothing when there are none)."""
    if not photos:
        return []
    cell = (page_width - GAP) / 2
    rows = []
    for start in range(0, len(photos), 2):
        pair = [_photo_cell(p, cell - GAP / 2, styles) for p in photos[start:start + 2]]
        if len(pair) == 1:
            pair.append([Spacer(1, 1)])
        rows.append(pair)
    story: list[Flowable] = [PageBreak(), Para(title, styles["Heading"])]
    for row in rows:
        table = Table([row], colWidths=[cell, cell], hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (0, -1), 0),
            ("LEFTPADDING", (1, 0), (1, -1), GAP / 2),
            ("RIGHTPADDING", (0, 0), (0, -1), GAP / 2),
            ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm),
        ]))
        story.append(KeepTogether([table]))
    return story


def _photo_cell(photo: PrintedPhoto, width: float, styles: StyleSheet1) -> list[Flowable]:
    scale = min(width / photo.width, MAX_HEIGHT / photo.height)
    image = Image(io.BytesIO(photo.content), width=photo.width * scale, height=photo.height * scale)
    image.hAlign = "LEFT"
    when = long_date(photo.taken_on) if photo.taken_on else ""
    line = " · ".join(user_text(part) for part in (photo.label, when) if part)
    cell: list[Flowable] = [image, Spacer(1, 1.5 * mm), Para(f"<b>{line}</b>", styles["Small"])]
    if photo.caption:
        cell.append(Para(user_text(photo.caption), styles["Small"]))
    return cell
