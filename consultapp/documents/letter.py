"""The one-page letter to a physician or paediatrician, with an optional fax cover sheet."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer, Table, TableStyle

from consultapp.documents.careplan import format_date
from consultapp.documents.photos import photo_pages
from consultapp.documents.styles import INK, Para, info_panel_style, stylesheet, user_text
from consultapp.documents.templates import LetterheadDocTemplate, PageSize, Target
from consultapp.domain.letters import PhysicianLetter

FAX_NOTICE = (
    "This fax contains confidential health information about a patient. It is meant only for the person "
    "named above. If you received it by mistake, please tell the sender by phone at once and destroy every "
    "page. Do not read, copy or pass it on."
)


def build_story(letter: PhysicianLetter, *, fax_cover: bool = False) -> list[Flowable]:
    """The letter's flowables; with ``fax_cover``, a cover sheet first (2 pages in all)."""
    styles = _letter_styles()
    story: list[Flowable] = []
    if fax_cover:
        story += [*_fax_cover(letter, styles), PageBreak()]
    story.append(_OnePage(_letter_body(letter, styles)))
    return story


class _OnePage(KeepInFrame):  # type: ignore[misc]  # ReportLab has no type stubs here: its classes are Any
    """The letter's body, shrunk (never cut) to fit one page when a visit has a great deal to say."""

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__(0, 0, content, mode="shrink")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - ReportLab's names
        self.maxWidth, self.maxHeight = availWidth, availHeight
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        return size


def _letter_styles() -> StyleSheet1:
    styles = stylesheet()
    # A letter to a clinician is denser than a parent's plan: 10 pt, tighter spacing.
    for name, size, leading in (("Body", 10, 13.5), ("Bullet", 10, 13), ("Small", 8.5, 11)):
        styles[name].fontSize = size
        styles[name].leading = leading
        styles[name].bulletFontSize = size
    styles["Bullet"].spaceAfter = 1.5
    styles["Subheading"].fontSize = 10.5
    styles["Subheading"].leading = 14
    styles["Subheading"].spaceBefore = 5
    styles["Subheading"].spaceAfter = 1
    return styles


def _letter_body(letter: PhysicianLetter, styles: StyleSheet1) -> list[Flowable]:
    story: list[Flowable] = [Para(format_date(letter.date), styles["Body"]), Spacer(1, 2 * mm)]
    story += _recipient(letter, styles)
    story.append(Spacer(1, 2 * mm))
    regarding = "; ".join(user_text(r) for r in letter.regarding)
    story.append(Para(f"<b>Re:</b> {regarding}. Lactation consultation on {format_date(letter.visit_date)}.",
                      styles["Body"]))
    story += [Spacer(1, 1 * mm), Para(user_text(letter.salutation), styles["Body"])]
    story += _section("Reason for referral", [letter.reason], styles, bullets=False)
    story += _section("Findings", letter.findings, styles)
    story += _section("Scores", letter.scores, styles)
    story += _section("Weights", letter.weights, styles)
    story += _section("Flags", letter.flags, styles)
    plan = list(letter.plan)
    if letter.follow_up is not None:
        plan.append(f"Follow-up visit: {format_date(letter.follow_up)}.")
    story += _section("Plan", plan, styles)
    story += [Spacer(1, 3 * mm), Para("Please contact me with any questions.", styles["Body"]),
              Para("Yours sincerely,", styles["Body"]), Spacer(1, 7 * mm)]
    story += _signature(letter, styles)
    return story


def _recipient(letter: PhysicianLetter, styles: StyleSheet1) -> list[Flowable]:
    contact = letter.recipient
    if contact is None:
        return [Para("To the family's doctor", styles["Body"])]
    lines = [contact.name, f"{contact.role.label}, {contact.practice}" if contact.practice.strip() else
             contact.role.label, contact.address]
    numbers = [f"{label} {value}" for label, value in (("Phone", contact.phone), ("Fax", contact.fax))
               if value.strip()]
    if numbers:
        lines.append(" · ".join(numbers))
    return [Para(user_text(line), styles["Body"]) for line in lines if line.strip()]


def _section(title: str, lines: Sequence[str], styles: StyleSheet1, *, bullets: bool = True) -> list[Flowable]:
    lines = [line for line in lines if line.strip()]
    if not lines:
        return []
    story: list[Flowable] = [Para(title, styles["Subheading"])]
    if bullets:
        story += [Para(user_text(line), styles["Bullet"], bulletText="•") for line in lines]
    else:
        story += [Para(user_text(line), styles["Body"]) for line in lines]
    return story


def _signature(letter: PhysicianLetter, styles: StyleSheet1) -> list[Flowable]:
    practice = letter.practice
    name = ", ".join(p.strip() for p in (practice.consultant_name, practice.credentials) if p.strip())
    contact = [f"{label} {value.strip()}" for label, value in (("Phone", practice.phone),
                                                               ("Fax", letter.practice_fax),
                                                               ("Email", practice.email)) if value.strip()]
    lines = [f"<b>{user_text(name)}</b>" if name else "", user_text(practice.name),
             user_text(" · ".join(contact))]
    return [Para(line, styles["Body"]) for line in lines if line]


def _fax_cover(letter: PhysicianLetter, styles: StyleSheet1) -> list[Flowable]:
    practice = letter.practice
    contact = letter.recipient

    def label(text: str) -> Para:
        return Para(text, styles["Label"])

    def value(text: str) -> Para:
        return Para(user_text(text) if text.strip() else "—", styles["Body"])

    to_name = contact.name if contact else ""
    to_practice = contact.practice if contact else ""
    rows = [
        [label("To"), value(to_name), label("From"), value(practice.consultant_name)],
        [label("Practice"), value(to_practice), label("Practice"), value(practice.name)],
        [label("Fax"), value(contact.fax if contact else ""), label("Fax"), value(letter.practice_fax)],
        [label("Phone"), value(contact.phone if contact else ""), label("Phone"), value(practice.phone)],
        [label("Date"), value(format_date(letter.date)), label("Pages"),
         value("2, with this cover sheet" if not letter.photos else "2 and the photos, with this cover sheet")],
        [label("Re"), value("Lactation consultation: letter about a shared patient"), "", ""],
    ]
    table = Table(rows, colWidths=["13%", "37%", "13%", "37%"], hAlign="LEFT")
    style = info_panel_style()
    style.add("SPAN", (1, 5), (3, 5))
    table.setStyle(style)
    notice = Table([[Para(f"<b>Confidential.</b> {FAX_NOTICE}", styles["Body"])]], colWidths=["100%"])
    notice.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.5, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
    ]))
    return [Para("Fax", styles["Title"]), Spacer(1, 2 * mm), table, Spacer(1, 8 * mm), notice]


def render(
    letter: PhysicianLetter,
    target: Target,
    *,
    fax_cover: bool = False,
    invariant: bool = False,
    pagesize: PageSize = A4,
    logo: bytes | None = None,
) -> None:
    """Write the letter (after a fax cover sheet when asked) as a PDF."""
    doc = LetterheadDocTemplate(target, practice=letter.practice, title="Letter", pagesize=pagesize,
                                invariant=invariant, logo=logo)
    photos = photo_pages(letter.photos, _letter_styles(), title="Photos", page_width=doc.width)
    doc.build_story(build_story(letter, fax_cover=fax_cover) + photos)


def render_bytes(
    letter: PhysicianLetter,
    invariant: bool = False,
    pagesize: PageSize = A4,
    *,
    fax_cover: bool = False,
    logo: bytes | None = None,
) -> bytes:
    """Return the letter PDF as bytes."""
    buffer = io.BytesIO()
    render(letter, buffer, fax_cover=fax_cover, invariant=invariant, pagesize=pagesize, logo=logo)
    return buffer.getvalue()

