"""Handouts: every shipped handout prints whole, blank or named; the practice's own edits take over."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest
from doc_helpers import PRACTICE, normalise, page_count, page_texts, pdf_text

from consultapp.documents.handout import BLANK_FOOTER, BLANK_LINE, HandoutPrint, build_many, render_bytes
from consultapp.domain import source_steps as src
from consultapp.domain.handouts import Handout, HandoutLibrary
from consultapp.runtime.resources import resource_path
from consultapp.services.handouts import shipped_handouts

SHIPPED = shipped_handouts()
REQUIRED = ("milk-production", "preventing-clogged-ducts", "mastitis", "latch-and-positions", "tongue-tie")


def text_of(handout: Handout, **kwargs: object) -> str:
    return pdf_text(render_bytes(HandoutPrint(handout, PRACTICE, **kwargs), invariant=True))  # type: ignore[arg-type]


def test_the_library_has_the_required_topics() -> None:
    assert set(REQUIRED) <= set(SHIPPED)
    for handout in SHIPPED.values():
        assert handout.sources, handout.slug
        assert handout.review_date <= dt.date(2027, 12, 31)


@pytest.mark.parametrize("slug", sorted(SHIPPED))
def test_every_word_of_a_shipped_handout_is_printed(slug: str) -> None:
    handout = SHIPPED[slug]
    text = text_of(handout)
    assert normalise(handout.title) in text
    for section in handout.sections:
        assert normalise(section.heading) in text
        for line in (*section.bullets, *section.paragraphs):
            assert normalise(line) in text
    for source in handout.sources:
        assert normalise(source) in text
    assert "Wording last reviewed: 26 November 2026." in text


CLOGGED_SOURCE_KEYS = ("feed_often", "good_latch", "empty_breast", "no_pressure")


def test_the_clogged_duct_handout_carries_the_source_documents_steps() -> None:
    text = text_of(SHIPPED["preventing-clogged-ducts"])
    for step in src.CLOGGED_DUCT_TREATMENT_STEPS:
        assert normalise(step.text) in text
    for step in src.PREVENTION_STEPS:
        if step.key in CLOGGED_SOURCE_KEYS:
            assert normalise(step.text) in text


def test_the_mastitis_handout_carries_the_source_documents_steps() -> None:
    text = text_of(SHIPPED["mastitis"])
    # Prevention, word for word as in the care plan (nipple care is the care plan's own addition).
    for step in src.PREVENTION_STEPS:
        if step.key != "nipple_care":
            assert normalise(step.text) in text
    assert normalise(src.MASTITIS_TREATMENT_STEPS[0].text) in text  # every clogged-duct step, plus...
    assert "Rest as much as you can." in text
    assert "you need antibiotics. A test of your milk can show if germs are the cause." in text
    # Signs and when to call, as the source document lists them.
    for sign in ("feeling very tired", "feeling sick", "fever or chills"):
        assert sign in text
    assert "Call your doctor today if" in text


def test_abm36_handouts_say_which_advice_they_follow() -> None:
    text = text_of(SHIPPED["mastitis-abm36"])
    assert "Based on Academy of Breastfeeding Medicine guidance (2022)." in text and "#36" not in text
    assert "Put a warm pack" not in text


def test_blank_handout_has_a_line_for_the_name_and_no_record_footer() -> None:
    text = text_of(SHIPPED["tongue-tie"])
    assert BLANK_LINE in text.replace(" ", "")
    assert BLANK_FOOTER in text
    assert "Confidential health record" not in text


def test_named_handout_prints_the_client_and_the_date() -> None:
    text = text_of(SHIPPED["tongue-tie"], client_name="Zoë O'Brien-Šimić & <b>", given_on=dt.date(2026, 11, 26))
    assert "For Zoë O'Brien-Šimić & <b> Given on 26 November 2026" in text
    assert "Confidential health record" in text
    assert BLANK_LINE not in text


def test_several_handouts_each_start_a_page_and_count_their_own_pages() -> None:
    items = [HandoutPrint(SHIPPED[slug], PRACTICE) for slug in ("mastitis", "tongue-tie", "milk-production")]
    data = render_bytes(items, invariant=True)
    pages = page_texts(data)
    mastitis_pages = page_count(render_bytes(items[0], invariant=True))
    assert mastitis_pages == 2
    assert len(pages) == mastitis_pages + 2
    assert pages[0].startswith("Riverside") is False  # the practice is the test practice, not the demo's
    assert SHIPPED["mastitis"].title in pages[0] and "Page 1 of 2" in pages[0] and "Page 2 of 2" in pages[1]
    assert SHIPPED["tongue-tie"].title in pages[2] and "Page 1 of 1" in pages[2]
    assert SHIPPED["milk-production"].title in pages[3] and "Page 1 of 1" in pages[3]
    assert len(build_many(items)) > 3


def test_practice_edit_takes_the_place_of_the_shipped_handout_and_leaves_the_file_alone() -> None:
    path = resource_path("handouts", "mastitis.toml")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    shipped = SHIPPED["mastitis"]
    edited = dataclasses.replace(
        shipped,
        slug="our-mastitis",
        title="Mastitis (our practice)",
        shipped=False,
        based_on="mastitis",
        summary="Call us first: 555 0100.",
    )
    library = HandoutLibrary(dict(SHIPPED), {"our-mastitis": edited})
    text = text_of(library.get("mastitis"))
    assert "Mastitis (our practice)" in text and "Call us first: 555 0100." in text
    assert "Written or edited by your practice." in text
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert shipped_handouts()["mastitis"] == shipped


def test_handout_invariant_build_is_byte_identical() -> None:
    item = HandoutPrint(SHIPPED["mastitis"], PRACTICE, "Ana Silva", dt.date(2026, 11, 26))
    first = render_bytes(item, invariant=True)
    assert render_bytes(item, invariant=True) == first
    assert render_bytes(dataclasses.replace(item, client_name="Bea Silva"), invariant=True) != first


def test_no_handout_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one handout"):
        render_bytes([])
