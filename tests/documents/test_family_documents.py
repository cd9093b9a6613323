"""A plan a parent reads (issue 18 point 9): no internal references on any family document, reasons once,
and the page counts of the twin and single-baby visits of issue 18's first paragraph, on A4 and Letter."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from doc_helpers import page_count, pdf_text
from factories import make_practice
from reportlab.lib.pagesizes import A4, LETTER
from visit_cases import single_visit, twin_visit

from consultapp.documents import careplan, handout
from consultapp.domain.handouts import load_shipped

SHIPPED = load_shipped((Path(__file__).resolve().parents[2] / "resources" / "handouts").glob("*.toml"))
INTERNAL = re.compile(
    r"CLINICAL|\bsection \d|copyrighted|ABM #|#\d|\[|\]|\brule\b|_[a-z]+_|practice default", re.IGNORECASE
)
PAPERS = {"A4": A4, "Letter": LETTER}


@pytest.mark.parametrize("variant", ["source_document", "abm36"])
@pytest.mark.parametrize("case", [twin_visit, single_visit])
def test_no_internal_reference_on_the_care_plan(case, variant: str) -> None:  # type: ignore[no-untyped-def]
    text = pdf_text(careplan.render_bytes(case(variant)[2], invariant=True))
    assert not INTERNAL.findall(text), INTERNAL.findall(text)
    if variant == "abm36":
        assert text.count("Based on Academy of Breastfeeding Medicine guidance (2022).") == 1


@pytest.mark.parametrize("slug", sorted(SHIPPED))
def test_no_internal_reference_on_any_handout(slug: str) -> None:
    item = handout.HandoutPrint(SHIPPED[slug], make_practice(), "Linh Tran")
    text = pdf_text(handout.render_bytes(item, invariant=True))
    assert not INTERNAL.findall(text), INTERNAL.findall(text)


def test_reasons_are_said_once_per_section() -> None:
    text = pdf_text(careplan.render_bytes(twin_visit()[2], invariant=True))
    # The lump is the reason for the four clogged-duct steps: said once under them, not four times.
    section = text.split("Clearing the clogged duct", 1)[1].split("Mastitis: what to do", 1)[0]
    assert section.count("a lump at 2 o'clock on the left breast") == 1
    assert section.count("Why:") == 1


def test_weights_print_without_needless_decimals() -> None:
    text = pdf_text(careplan.render_bytes(twin_visit()[2], invariant=True))
    assert "Weight today: 5 lb 10 oz." in text, text


@pytest.mark.parametrize("variant", ["source_document", "abm36"])
@pytest.mark.parametrize("paper", PAPERS)
def test_the_twin_visit_fits_on_three_pages(paper: str, variant: str) -> None:
    pages = page_count(careplan.render_bytes(twin_visit(variant)[2], invariant=True, pagesize=PAPERS[paper]))
    assert pages <= 3


@pytest.mark.parametrize("variant", ["source_document", "abm36"])
@pytest.mark.parametrize("paper", PAPERS)
def test_a_single_baby_visit_fits_on_two_pages(paper: str, variant: str) -> None:
    pages = page_count(careplan.render_bytes(single_visit(variant)[2], invariant=True, pagesize=PAPERS[paper]))
    assert pages <= 2


def test_later_pages_carry_a_one_line_header() -> None:
    from pypdf import PdfReader

    data = careplan.render_bytes(twin_visit()[2], invariant=True, pagesize=LETTER)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    assert "maria@harbour.example" in pages[0] and "12 Quay Street" in pages[0]
    for later in pages[1:]:
        assert later.startswith("Harbour Lactation Care") and "maria@harbour.example" not in later


def test_the_call_doctor_box_gives_weights_in_whole_ounces() -> None:
    text = pdf_text(careplan.render_bytes(twin_visit()[2], invariant=True))
    # Bao: 2800 g at birth, 2509 g today (6 lb 2.8 oz and 5 lb 8.5 oz to a tenth).
    assert "(6 lb 3 oz at birth, 5 lb 9 oz now)" in text, text
    assert not re.search(r"\b[1-9]\d* lb \d+\.\d oz", text), re.findall(r"\b[1-9]\d* lb \d+\.\d oz", text)
