"""Names print exactly as typed on every document: hard names, Arabic and Hebrew, a 200-character name."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pypdfium2 as pdfium
import pytest
from doc_helpers import (
    ARABIC,
    EARLIER,
    HARD_NAMES,
    HEBREW,
    LUMP_AT_2,
    MASTITIS,
    PRACTICE,
    VISIT_DATE,
    assert_inside_margins,
    folded,
    long_name,
    make_client,
    make_visit,
    normalise,
    pdf_text,
    right_to_left,
)

from consultapp.documents import careplan, handout, letter, superbill
from consultapp.documents.templates import COMPACT_SIDE_MARGIN, SIDE_MARGIN
from consultapp.domain import plan_figures
from consultapp.domain.billing import BillingIdentifiers, CodeChoice, Patient, Superbill, patient_line
from consultapp.domain.careplan import build_care_plan
from consultapp.domain.letters import CareContact, build_physician_letter
from consultapp.services.codelists import shipped_code_list
from consultapp.services.handouts import shipped_handouts

Render = Callable[[str, str, str], bytes]


def care_plan_pdf(given: str, family: str, baby: str) -> bytes:
    client = make_client(given, family, baby)
    visit = make_visit(finding=MASTITIS, map_findings=(LUMP_AT_2,))
    plan = build_care_plan(PRACTICE, client, visit, earlier_weighings=EARLIER)
    plan = dataclasses.replace(plan, figures=plan_figures.figures_for_visit(client, visit, PRACTICE.settings, EARLIER))
    return careplan.render_bytes(plan, invariant=True)


def handout_pdf(given: str, family: str, baby: str) -> bytes:
    client = make_client(given, family, baby)
    item = handout.HandoutPrint(shipped_handouts()["mastitis"], PRACTICE, client.full_name, VISIT_DATE)
    return handout.render_bytes(item, invariant=True)


def letter_pdf(given: str, family: str, baby: str) -> bytes:
    client = make_client(given, family, baby)
    visit = make_visit(finding=MASTITIS)
    plan = build_care_plan(PRACTICE, client, visit)
    doc = build_physician_letter(
        PRACTICE, client, visit, plan, recipient=CareContact("Dr Hannah Reed"), date=VISIT_DATE
    )
    return letter.render_bytes(doc, invariant=True)


def superbill_pdf(given: str, family: str, baby: str) -> bytes:
    client = make_client(given, family, baby)
    codes = shipped_code_list()
    lines = (
        patient_line(
            codes,
            Patient.PARENT,
            client.full_name,
            client.date_of_birth,
            CodeChoice(["Z39.1"], [("99347", Decimal("150.00"))]),
        ),
        patient_line(codes, Patient.BABY, f"{baby} {family}".strip(), dt.date(2026, 11, 20), CodeChoice(["P92.5"])),
    )
    bill = Superbill(PRACTICE, BillingIdentifiers(), VISIT_DATE, "12 Home", lines, codes.version)
    return superbill.render_bytes(bill, invariant=True)


DOCUMENTS: dict[str, Render] = {
    "care plan": care_plan_pdf,
    "handout": handout_pdf,
    "letter": letter_pdf,
    "superbill": superbill_pdf,
}
documents = pytest.mark.parametrize("render", list(DOCUMENTS.values()), ids=list(DOCUMENTS))
MARGINS: dict[Render, float] = {care_plan_pdf: COMPACT_SIDE_MARGIN}
"""The side margins of documents laid out compact (the care plan); the others have the letterhead's 18 mm."""


@documents
@pytest.mark.parametrize(("given", "family"), HARD_NAMES, ids=["vietnamese", "accents", "markup", "chinese"])
def test_hard_names_print_exactly_as_typed(render: Render, given: str, family: str) -> None:
    text = pdf_text(render(given, family, "Mia-Rose"))
    assert normalise(f"{given} {family}") in text


@documents
def test_arabic_name_is_joined_and_right_to_left(render: Render) -> None:
    given, family = ARABIC
    data = render(given, family, "يوسف")
    # pypdf reads right-to-left text back in typed order; NFKC folds the joined forms into letters.
    assert folded(f"{given} {family}") in folded(pdf_text(data))
    # The joined forms are what is drawn: feh in its initial form, not the isolated letter.
    assert "\ufed3" in pdf_text(data)
    # And it is drawn right to left: each letter left of the one typed before it.
    assert right_to_left(data, given)
    assert_inside_margins(data, MARGINS.get(render, SIDE_MARGIN))


@documents
def test_hebrew_name_is_right_to_left(render: Render) -> None:
    given, family = HEBREW
    data = render(given, family, "יוסף")
    assert normalise(f"{given} {family}") in pdf_text(data)
    assert right_to_left(data, given)
    if render is not handout_pdf:  # a handout names the parent only
        assert right_to_left(data, "יוסף")
    assert_inside_margins(data, MARGINS.get(render, SIDE_MARGIN))


@documents
def test_200_character_name_wraps_inside_the_margins(render: Render) -> None:
    given, family = long_name()
    data = render(given, family, "Leo")
    assert normalise(f"{given} {family}") in pdf_text(data)
    assert_inside_margins(data, MARGINS.get(render, SIDE_MARGIN))


@documents
def test_an_unbroken_long_name_is_split_not_overflowing(render: Render) -> None:
    word = "Ó" + "x" * 199
    data = render(word, "", "Leo")
    assert word in "".join(pdf_text(data).split())
    assert_inside_margins(data, MARGINS.get(render, SIDE_MARGIN))


def test_a_long_arabic_name_reads_first_line_first() -> None:
    # Lines are broken in typed order and each drawn right to left: the first words stay on the first line.
    given = " ".join(["عبد", "الرحمن", "بن", "محمد"] * 8)
    data = care_plan_pdf(given, "الزهراء", "يوسف")
    assert folded(given) in folded(pdf_text(data))
    assert_inside_margins(data, COMPACT_SIDE_MARGIN)
    pdf = pdfium.PdfDocument(data)
    text = pdf[0].get_textpage()
    whole = text.get_text_range()
    first, last = whole.find("عبد الرحمن"), whole.find("الزهراء")
    first_box, last_box = text.get_charbox(first), text.get_charbox(last)
    assert first_box[1] > last_box[1] + 10  # the first words on a higher line (13.5 pt apart) than the family name
    # ...and at the right-hand end of that line, where a right-to-left line starts.
    line = [text.get_charbox(i) for i in range(len(whole)) if abs(text.get_charbox(i)[1] - first_box[1]) < 1]
    assert first_box[2] >= max(box[2] for box in line) - 1
    pdf.close()


@pytest.mark.parametrize("width", [493.2, 520.0])
def test_a_hyphenated_name_keeps_its_hyphen_when_wrapped_again(width: float) -> None:
    # Regression: with embeddedHyphenation, a paragraph wrapped twice (as KeepInFrame and tables do) lost
    # the hyphen of "Wolfeschlegelsteinhausen-Bergerdorff" where the first wrap had split the word.
    from consultapp.documents.styles import Para, stylesheet, user_text

    given, family = long_name()
    para = Para("<b>Re:</b> " + user_text(f"{given} {family} (date of birth 2 May 1991); Leo"), stylesheet()["Body"])
    para.wrap(493.2, 800)
    para.wrap(width, 800)
    words = " ".join(f.text for line in para.blPara.lines for f in line.words)
    assert "Wolfeschlegelsteinhausen-Bergerdorff" in words


def test_hyphenated_name_survives_the_one_page_letter() -> None:
    given, family = long_name()
    assert "Wolfeschlegelsteinhausen-Bergerdorff" in pdf_text(letter_pdf(given, family, "Leo"))
