"""Reading PDFs back for the document tests: text (pypdf), character boxes (PDFium), synthetic records."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import uuid
from dataclasses import dataclass

import factories
import pypdf
import pypdfium2 as pdfium

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import (
    BreastFinding,
    BreastMapFinding,
    Client,
    ParentState,
    TongueAssessment,
    Visit,
)
from consultapp.domain.vocabulary import BreastConcern, FindingKind, Location, Position, Side, Sign

PRACTICE = factories.make_practice()
BABY_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")
CLIENT_ID = uuid.UUID("00000000-0000-4000-8000-0000000000aa")
VISIT_DATE = dt.date(2026, 11, 26)

HARD_NAMES: tuple[tuple[str, str], ...] = (
    ("Nguyễn Thị", "Ánh"),
    ("Zoë", "O'Brien-Šimić"),
    ("<b>Ana", "& Co</b>"),
    ("王", "秀英"),
)
"""The walking-skeleton issue's hard names: Vietnamese, accents and apostrophes, markup, Chinese."""
ARABIC = ("فاطمة", "الزهراء عبد الله")
HEBREW = ("מרים", "בן-דוד")


def long_name() -> tuple[str, str]:
    """A 200-character name (given and family)."""
    given = " ".join(["Maximiliana", "Esperança"] * 10)[:149].strip()
    family = "Wolfeschlegelsteinhausen-Bergerdorff Ó'Súilleabháin"[:50]
    assert len(f"{given} {family}") == 200
    return given, family


def normalise(text: str) -> str:
    """Whitespace collapsed (pypdf breaks lines where the PDF wraps) and Unicode composed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return normalise(" ".join(page.extract_text() for page in reader.pages))


def page_texts(data: bytes) -> list[str]:
    return [normalise(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def page_count(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def folded(text: str) -> str:
    """NFKC: Arabic joined (presentation) forms back to their letters, for comparing with typed text."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Glyph:
    char: str
    page: int
    left: float
    bottom: float
    right: float
    top: float


def glyphs(data: bytes) -> list[Glyph]:
    """Every character PDFium finds, with its box in points, page by page."""
    out: list[Glyph] = []
    pdf = pdfium.PdfDocument(data)
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            text = page.get_textpage()
            for i in range(text.count_chars()):
                ch = text.get_text_range(i, 1)
                if ch.strip():
                    out.append(Glyph(ch, number, *text.get_charbox(i)))
            text.close()
            page.close()
    finally:
        pdf.close()
    return out


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [pdf[i].get_size() for i in range(len(pdf))]
    finally:
        pdf.close()


def assert_inside_margins(data: bytes, margin: float = 18 * 72 / 25.4) -> None:
    """No character is drawn outside the side margins: long words wrap instead of overflowing."""
    sizes = page_sizes(data)
    for g in glyphs(data):
        width, _height = sizes[g.page]
        assert g.left >= margin - 1.5, g
        assert g.right <= width - margin + 1.5, g


def right_to_left(data: bytes, typed: str) -> bool:
    """Whether ``typed`` (logical order, as PDFium reads it back) is drawn right to left on the page."""
    pdf = pdfium.PdfDocument(data)
    try:
        for number in range(len(pdf)):
            text = pdf[number].get_textpage()
            whole = text.get_text_range()
            at = whole.find(typed)
            if at >= 0:
                xs = [text.get_charbox(i)[0] for i in range(at, at + len(typed)) if not whole[i].isspace()]
                return len(xs) > 1 and all(a > b for a, b in zip(xs, xs[1:], strict=False))
    finally:
        pdf.close()
    raise AssertionError(f"{typed!r} not found")


def make_client(given: str = "Ana", family: str = "Silva", baby_name: str = "Leo") -> Client:
    return factories.make_client(
        given, family, date_of_birth=dt.date(1991, 5, 2), babies=[factories.make_baby(baby_name, id=BABY_ID)],
        id=CLIENT_ID,
    )


def make_visit(
    *,
    finding: BreastFinding | None = None,
    map_findings: tuple[BreastMapFinding, ...] = (),
    parent: ParentState | None = None,
    weight_g: int = 3060,
    follow_up: dt.date | None = dt.date(2026, 12, 3),
    jaundice: bool = False,
) -> Visit:
    assessment = factories.make_assessment(
        BABY_ID,
        weight_g,
        positions=[Position.CRADLE, Position.FOOTBALL],
        worked=[Position.FOOTBALL],
        latch=LatchScore(1, 1, 2, 1, 1),
        tongue=TongueAssessment(btat=BtatScore(1, 1, 1, 1), referral="paediatric dentist"),
        feeds_per_24h=6,
        wet_diapers=6,
        dirty_diapers=3,
        jaundice=jaundice,
    )
    return factories.make_visit(
        CLIENT_ID,
        VISIT_DATE,
        location=Location.HOME,
        reason="Sore left breast",
        assessments=[assessment],
        breast_finding=finding,
        map_findings=list(map_findings),
        parent=parent or ParentState(),
        plan=factories.make_plan_edits(follow_up=follow_up),
    )


MASTITIS = BreastFinding(BreastConcern.MASTITIS, Side.LEFT, [Sign.LUMP, Sign.FEVER, Sign.CHILLS])
CLOGGED = BreastFinding(BreastConcern.CLOGGED_DUCT, Side.RIGHT, [Sign.PAIN, Sign.LUMP])
LUMP_AT_2 = BreastMapFinding(Side.LEFT, FindingKind.LUMP, 2, 3, size_cm=2.5)
EARLIER = {BABY_ID: [(dt.date(2026, 11, 23), 3150)]}
