"""Fonts and the one stylesheet every ConsultApp document uses."""

from __future__ import annotations

import functools
import threading
import unicodedata
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import TableStyle

from consultapp.documents.bidi import BidiParagraph, has_rtl, shape, visual_order
from consultapp.documents.unicode_fonts import Memo
from consultapp.documents.unicode_fonts import UnicodeTTFont as TTFont
from consultapp.runtime.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"

# Greys and one accent. Meaning never rests on colour alone: headings are bold and larger,
# the warning box has a thick black border, reasons are italic and labelled "Why:".
INK = colors.black
MUTED = colors.HexColor("#4a4a4a")
ACCENT = colors.HexColor("#1d5c63")
RULE = colors.HexColor("#9aa5a8")
PANEL = colors.HexColor("#eef3f3")
WARNING_TINT = colors.HexColor("#fff6e8")

PANEL_PADDING = 4
PANEL_PADDING_FIRST = 8
"""Cell padding of info panels; the first row gets more, to breathe under the border."""

_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}
_register_lock = threading.Lock()


def register_fonts() -> None:
    """Register the DejaVu family with ReportLab; later calls do nothing.

    Helvetica has no glyphs beyond Latin-1, so every style uses DejaVu, which covers
    Vietnamese, Central European and Cyrillic names.
    """
    with _register_lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FONT_FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        # There is no bold-oblique file: bold italic falls back to bold.
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)


HANGUL: tuple[tuple[int, int], ...] = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))
"""Korean letters and syllables (Droid Sans Fallback has only some of the syllables)."""

FALLBACK_FONTS: tuple[tuple[str, str, tuple[tuple[int, int], ...]], ...] = (
    ("NanumGothic", "NanumGothic.ttf", HANGUL),  # Korean: every syllable, so a name is set in one face
    ("DroidSansFallback", "DroidSansFallbackFull.ttf", ()),  # Chinese, Japanese
    ("Symbola", "Symbola.ttf", ()),  # emoji and symbols
)
"""Fonts tried, in order, for characters DejaVu lacks, each for the code point ranges given (none: any);
registered only when a document needs them."""


@functools.cache
def _glyphs(name: str) -> frozenset[int]:
    """The code points font ``name`` has glyphs for, registering a fallback font on first use."""
    register_fonts()
    with _register_lock:
        if name not in pdfmetrics.getRegisteredFontNames():
            filename = next(file for font, file, _ranges in FALLBACK_FONTS if font == name)
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


def _font_for(code: int) -> str | None:
    """The fallback font that has ``code``, or None for DejaVu (or when no bundled font has it)."""
    if code in _glyphs(FONT):
        return None
    return next(
        (
            name
            for name, _file, ranges in FALLBACK_FONTS
            if (not ranges or any(low <= code <= high for low, high in ranges)) and code in _glyphs(name)
        ),
        None,
    )


def _with_fallback(line: str) -> str:
    """Escape ``line``; wrap runs of characters DejaVu lacks (CJK, emoji) in a fallback font."""
    dejavu = _glyphs(FONT)
    if all(ord(ch) in dejavu or ch.isspace() for ch in line):
        return escape(line)
    out: list[str] = []
    run: list[str] = []
    run_font: str | None = None

    def flush() -> None:
        text = escape("".join(run))
        out.append(f'<font name="{run_font}">{text}</font>' if run_font else text)
        run.clear()

    for ch in line:
        font = None if ch.isspace() else _font_for(ord(ch))
        if font != run_font and run:
            flush()
        run_font = font
        run.append(ch)
    if run:
        flush()
    return "".join(out)


@functools.cache
def _joined_form_glyphs() -> frozenset[int]:
    """Code points both the regular and the bold face have: Arabic joined forms are limited to these."""
    return _glyphs(FONT) & frozenset(pdfmetrics.getFont(FONT_BOLD).face.charToGlyph)


def clean_text(value: str) -> str:
    """User text as it will be printed: tabs as spaces, control characters other than line breaks
    dropped (they have no glyph), Arabic letters in their joined forms (see ``bidi.shape``)."""
    value = value.replace("\t", " ")
    cleaned = "".join(ch for ch in value if ch == "\n" or unicodedata.category(ch) != "Cc")
    return shape(cleaned, _joined_form_glyphs()) if has_rtl(cleaned) else cleaned


@functools.lru_cache(maxsize=4096)
def user_text(value: str) -> str:
    """Make user-provided text safe for a ``Paragraph``: markup escaped, line breaks kept.

    ``Paragraph`` parses markup, so a name like ``<b>Ana & Co</b>`` must be escaped to print
    literally. Characters DejaVu has no glyph for (Chinese, Japanese, Korean) are set in the
    bundled fallback fonts (and emoji in Symbola). Arabic is joined here; right-to-left runs are put in
    visual order line by line when drawn (use ``Para``, not ``Paragraph``).

    The markup of a text depends on nothing else (the fonts are bundled), so it is made once per text: a plan's
    steps, its sources and the practice's details are not escaped and searched for fallback fonts on every render.
    """
    return "<br/>".join(_with_fallback(line) for line in clean_text(value).splitlines())


def plain_line(value: str) -> str:
    """User text for a canvas ``drawString`` (no wrapping): cleaned, one line, in visual order."""
    return visual_order(" ".join(clean_text(value).split()))


_SHARED_STYLES: set[int] = set()
"""The ids of the styles of the shared stylesheets (kept for the life of the process, so their ids are too)."""
_PARSED = Memo(2048)


class Para(BidiParagraph):
    """The paragraph class every document uses: a ReportLab ``Paragraph`` that draws right-to-left runs
    (Arabic, Hebrew names) in visual order after breaking lines.

    In a style of a shared stylesheet, the markup of a text is parsed once: each paragraph of the same text,
    style and bullet gets its own copies of the parsed fragments (layout may change them)."""

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:  # noqa: N803
        if frags is not None or id(style) not in _SHARED_STYLES or not isinstance(bulletText, str | None):
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        case = self.caseSensitive
        key = (text, id(style), bulletText, case)
        parsed = _PARSED.get(key, lambda: BidiParagraph(text, style, bulletText, caseSensitive=case))
        self.text, self.style, self.debug = parsed.text, parsed.style, 0
        self.frags = [frag.clone() for frag in parsed.frags]
        bullet = parsed.bulletText
        self.bulletText = [frag.clone() for frag in bullet] if isinstance(bullet, list) else bullet

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """Lines are broken once per width: a table sizes its cells and then draws them, a frame tries a
        paragraph and then adds it, each wrapping it at the same width (the break does not depend on the
        height, and nothing between two wraps changes the text, its fragments or its style)."""
        wrapped = self.__dict__.get("_wrapped_for")
        if (wrapped is not None and wrapped[0] == availWidth and wrapped[1] is self.frags and wrapped[2] is self.style
                and getattr(self, "blPara", None) is not None):
            self.width = availWidth
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        laid_out = size == (getattr(self, "width", None), getattr(self, "height", None))  # (not for a width too narrow)
        self._wrapped_for = (availWidth, self.frags, self.style) if laid_out else None
        return size


def stylesheet(*, compact: bool = False) -> StyleSheet1:
    """Return a fresh stylesheet of the paragraph styles documents use.

    ``compact``: the care plan's tighter sheet (10 pt text, less space around headings and steps), so a
    twin visit fits on three pages.

    Names: ``Title``, ``DocTitle`` (smaller, for forms), ``Lead``, ``Heading``, ``Subheading``, ``Body``,
    ``BodyRight``, ``Cell``, ``Small``, ``Fine`` (sources),
    ``SmallRight``, ``SmallBullet``, ``SmallNumbered``, ``Label``, ``Bullet``,
    ``Step``, ``StepReason``, ``WarningHeading``, ``WarningSubheading``, ``WarningBullet``, ``HeaderName``,
    ``HeaderLine``, ``HeaderContact``.
    """
    register_fonts()
    sheet = StyleSheet1()
    body = _body_style(compact)
    sheet.add(body)
    _add_headings(sheet, body)
    _add_text_styles(sheet, body)
    _add_box_and_header_styles(sheet, body)
    if compact:
        _tighten(sheet)
    return sheet


@functools.cache
def shared_stylesheet(*, compact: bool = False) -> StyleSheet1:
    """The stylesheet of ``stylesheet``, built once per process and shared by every document that uses its styles
    as they are. Never change a style of it: a document that adjusts styles (the letter) takes ``stylesheet()``."""
    sheet = stylesheet(compact=compact)
    _SHARED_STYLES.update(id(style) for style in sheet.byName.values())
    return sheet


COMPACT_LEADING = 12.2
"""Line spacing of the care plan's 10 pt text (1.22 times the size)."""


def _tighten(sheet: StyleSheet1) -> None:
    """Less space around headings, bullets and steps (the compact sheet)."""
    heading, sub = sheet["Heading"], sheet["Subheading"]
    heading.fontSize, heading.leading, heading.spaceBefore, heading.spaceAfter = 13, 15, 3.5, 1.5
    sub.fontSize, sub.leading, sub.spaceBefore, sub.spaceAfter = 11, 13.5, 2.5, 1
    for name in ("Bullet", "WarningBullet"):
        sheet[name].spaceAfter = 0
    sheet["Body"].spaceAfter = 1
    for name in ("Body", "Bullet", "Step", "WarningBullet", "WarningSubheading"):
        sheet[name].leading = COMPACT_LEADING
    sheet["Step"].spaceBefore, sheet["Step"].spaceAfter = 0.5, 0
    sheet["StepReason"].spaceBefore, sheet["StepReason"].spaceAfter = 1, 1.5
    sheet["Title"].fontSize, sheet["Title"].leading, sheet["Title"].spaceAfter = 18, 20, 3
    sheet["WarningSubheading"].spaceBefore = 2
    sheet["WarningHeading"].fontSize, sheet["WarningHeading"].leading = 12.5, 16


def _body_style(compact: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        "Body",
        fontName=FONT,
        fontSize=10 if compact else 11,
        leading=13.5 if compact else 15.5,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=2 if compact else 4,
        bulletFontName=FONT,
        bulletFontSize=10 if compact else 11,
        # No embeddedHyphenation: ReportLab 5.1 drops the hyphen of a word it split at its own hyphen when
        # the paragraph is wrapped again (KeepTogether, tables, page splits), so "Wolfeschlegelsteinhausen-
        # Bergerdorff" printed without its hyphen. A word wider than its column is still split (splitLongWords).
        embeddedHyphenation=0,
    )


def _add_headings(sheet: StyleSheet1, body: ParagraphStyle) -> None:
    sheet.add(
        ParagraphStyle(
            "Title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=22,
            leading=27,
            spaceAfter=10,
            textColor=ACCENT,
        )
    )
    sheet.add(
        ParagraphStyle(
            "DocTitle",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=18,
            leading=22,
            spaceAfter=2,
            textColor=ACCENT,
        )
    )
    sheet.add(
        ParagraphStyle(
            "Heading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=14.5,
            leading=19,
            spaceBefore=14,
            spaceAfter=6,
            textColor=ACCENT,
            keepWithNext=1,
        )
    )
    sheet.add(
        ParagraphStyle(
            "Subheading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=16,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        )
    )


def _add_text_styles(sheet: StyleSheet1, body: ParagraphStyle) -> None:
    sheet.add(ParagraphStyle("Lead", parent=body, fontSize=12, leading=17, spaceAfter=6))
    sheet.add(ParagraphStyle("Small", parent=body, fontSize=9, leading=12, spaceAfter=2, bulletFontSize=9))
    sheet.add(ParagraphStyle("SmallRight", parent=sheet["Small"], alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("Fine", parent=sheet["Small"], fontSize=8.5, leading=11))
    sheet.add(ParagraphStyle("BodyRight", parent=body, alignment=TA_RIGHT))
    sheet.add(ParagraphStyle("Cell", parent=body, fontSize=10, leading=13, spaceAfter=0))
    sheet.add(ParagraphStyle("SmallBullet", parent=sheet["Small"], leftIndent=14, bulletIndent=3))
    sheet.add(ParagraphStyle("SmallNumbered", parent=sheet["Small"], leftIndent=22, bulletIndent=0))
    sheet.add(
        ParagraphStyle(
            "Label",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=9,
            leading=12.5,
            textColor=MUTED,
            spaceAfter=0,
        )
    )
    sheet.add(ParagraphStyle("Bullet", parent=body, leftIndent=16, bulletIndent=3, spaceAfter=3))
    sheet.add(
        ParagraphStyle(
            "Step",
            parent=body,
            leftIndent=22,
            bulletIndent=0,
            spaceBefore=5,
            spaceAfter=1,
            bulletFontName=FONT_BOLD,
        )
    )
    sheet.add(
        ParagraphStyle(
            # Regular, not oblique: DejaVu Sans Oblique has no Arabic joined forms, and twins' names appear here.
            "StepReason",
            parent=body,
            fontName=FONT,
            fontSize=9,
            leading=12,
            leftIndent=22,
            textColor=MUTED,
            spaceAfter=3,
        )
    )


def _add_box_and_header_styles(sheet: StyleSheet1, body: ParagraphStyle) -> None:
    sheet.add(
        ParagraphStyle(
            "WarningHeading",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=13.5,
            leading=18,
            spaceAfter=2,
        )
    )
    sheet.add(ParagraphStyle("WarningBullet", parent=sheet["Bullet"], spaceAfter=0))
    sheet.add(ParagraphStyle("WarningSubheading", parent=body, fontName=FONT_BOLD, spaceBefore=4, spaceAfter=0))
    sheet.add(
        ParagraphStyle(
            "HeaderName",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=16,
            spaceAfter=1,
            textColor=ACCENT,
        )
    )
    sheet.add(ParagraphStyle("HeaderLine", parent=body, fontSize=9.5, leading=12.5, spaceAfter=0))
    sheet.add(
        ParagraphStyle(
            "HeaderContact",
            parent=sheet["HeaderLine"],
            fontSize=9,
            leading=12,
            alignment=TA_RIGHT,
            textColor=MUTED,
        )
    )


def warning_box_style() -> TableStyle:
    """Style of the boxed warning (one column, heading row first): a thick border that shows in B/W."""
    return TableStyle(
        [
            ("BOX", (0, 0), (-1, -1), 1.75, INK),
            ("BACKGROUND", (0, 0), (-1, -1), WARNING_TINT),
            ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, 0), 7),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
            ("TOPPADDING", (0, 1), (-1, 1), 7),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )


def info_panel_style() -> TableStyle:
    """Style of a label/value panel such as the visit details at the top of a care plan."""
    return TableStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), PANEL),
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), PANEL_PADDING),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PANEL_PADDING),
            ("TOPPADDING", (0, 0), (-1, 0), PANEL_PADDING_FIRST),
            ("BOTTOMPADDING", (0, -1), (-1, -1), PANEL_PADDING_FIRST),
        ]
    )
