"""The care plan PDF: what the parent reads must be there, exactly, whatever the names contain."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import unicodedata
import uuid
from pathlib import Path

import pypdf
import pytest
from factories import (
    lump_at,
    make_assessment,
    make_baby,
    make_client,
    make_named_client,
    make_plan_edits,
    make_practice,
    make_visit,
)
from reportlab.lib.pagesizes import A4, LETTER

from consultapp.documents import styles
from consultapp.documents.careplan import build_story, format_date, render, render_bytes
from consultapp.domain import source_steps as src
from consultapp.domain.careplan import (
    CALL_TODAY,
    SECTION_PREVENTION,
    CarePlan,
    build_care_plan,
)
from consultapp.domain.careplan.wording import MASTITIS_SAME_STEPS_SHORT, always_call_doctor
from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import (
    BreastFinding,
    ParentState,
    PlanEdits,
    Practice,
    PracticeSettings,
)
from consultapp.domain.units import temperatures_in
from consultapp.domain.vocabulary import BreastConcern, PlanVariant, Position, Side, Sign

PRACTICE = make_practice()
BABY_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")
MASTITIS = BreastFinding(BreastConcern.MASTITIS, Side.LEFT, [Sign.LUMP, Sign.FEVER, Sign.CHILLS])


def make_plan(
    given: str = "Ana",
    family: str = "Silva",
    *,
    baby_name: str = "Leo",
    finding: BreastFinding | None = MASTITIS,
    practice: Practice = PRACTICE,
    reason: str = "Sore left breast",
) -> CarePlan:
    client = make_client(
        given,
        family,
        date_of_birth=dt.date(1991, 5, 2),
        babies=[make_baby(baby_name, date_of_birth=None, id=BABY_ID)],
        id=uuid.UUID("00000000-0000-4000-8000-0000000000aa"),
    )
    assessment = make_assessment(
        BABY_ID,
        3200,
        positions=[Position.CROSS_CRADLE],
        latch=LatchScore(latch=1, audible=2, nipple_type=2, comfort=1, hold=1),
        btat=BtatScore(tip=1, frenulum=1, lift=1, protrusion=2),
    )
    visit = make_visit(client, dt.date(2026, 11, 26), reason=reason, assessments=[assessment], breast_finding=finding)
    return build_care_plan(practice, client, visit)


def normalise(text: str) -> str:
    """Whitespace collapsed (pypdf breaks lines where the PDF wraps) and Unicode composed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return normalise(" ".join(page.extract_text() for page in reader.pages))


def page_count(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def mastitis_text() -> str:
    return pdf_text(render_bytes(make_plan(), invariant=True))


@pytest.mark.parametrize(
    ("given", "family", "full"),
    [
        ("Nguyễn Thị", "Ánh", "Nguyễn Thị Ánh"),
        ("Zoë", "O'Brien-Šimić", "Zoë O'Brien-Šimić"),
        ("<b>Ana", "& Co</b>", "<b>Ana & Co</b>"),
    ],
)
def test_client_name_prints_exactly_as_typed(given: str, family: str, full: str) -> None:
    text = pdf_text(render_bytes(make_plan(given, family), invariant=True))
    assert normalise(full) in text


def test_markup_in_every_user_field_prints_literally() -> None:
    practice = Practice(
        name="<i>S&P</i> Lactation",
        consultant_name="Jo <br/> Lee",
        credentials="IBCLC & RN",
        phone="<0117>",
        email="a&b@example.org",
    )
    plan = make_plan(baby_name="<font size=40>Mia</font>", practice=practice, reason="Pain <b>&</b> lump")
    text = pdf_text(render_bytes(plan, invariant=True))
    for literal in (
        "<i>S&P</i> Lactation",
        "Jo <br/> Lee, IBCLC & RN",
        "<0117>",
        "a&b@example.org",
        "<font size=40>Mia</font>",
        "Pain <b>&</b> lump",
    ):
        assert literal in text


def test_visit_details_and_dates(mastitis_text: str) -> None:
    assert "Your care plan" in mastitis_text
    assert "2 May 1991" in mastitis_text
    assert "26 November 2026" in mastitis_text
    assert "Home visit" in mastitis_text
    assert "Sore left breast" in mastitis_text


def test_scores_are_printed(mastitis_text: str) -> None:
    assert "Latch score (LATCH): 7 out of 10." in mastitis_text
    assert "Tongue check (BTAT): 5 out of 8" in mastitis_text
    assert "Leo" in mastitis_text


@pytest.mark.parametrize("step", src.PREVENTION_STEPS, ids=lambda s: s.key)
def test_every_prevention_step_is_printed(mastitis_text: str, step: src.SourceStep) -> None:
    assert normalise(step.text) in mastitis_text
    printed = next(s for s in make_plan().steps if s.key == step.key)
    assert printed.section == SECTION_PREVENTION
    # The reason is the source's, or her own finding where one makes the step matter (latch scored 1 of 2);
    # the section says its findings once, under its steps (issue 18 point 9), not the source's general reasons.
    if printed.reason not in src.GENERAL_REASONS:
        assert normalise(printed.reason) in mastitis_text
    assert printed.reason == ("latch scored 1 of 2" if step.key == "good_latch" else step.why)


def printed_with_clogged(step: src.SourceStep) -> str:
    """A treatment step as printed beside the clogged-duct steps: the mastitis plan does not list them again."""
    same = (src.StepKey.MASTITIS_SAME_STEPS, src.StepKey.ABM36_MASTITIS_SAME_STEPS)
    return MASTITIS_SAME_STEPS_SHORT if step.key in same else step.text


def test_treatment_steps_printed_when_mastitis_found(mastitis_text: str) -> None:
    assert "Clearing the clogged duct" in mastitis_text
    assert "Mastitis: what to do" in mastitis_text
    for step in (*src.CLOGGED_DUCT_TREATMENT_STEPS, *src.MASTITIS_TREATMENT_STEPS):
        assert normalise(printed_with_clogged(step)) in mastitis_text
    assert "Mastitis signs on the left breast: a tender lump, a fever, chills." in mastitis_text
    assert "Why: mastitis signs on the left breast" in mastitis_text
    assert "because:" not in mastitis_text


def test_no_treatment_steps_without_a_breast_finding() -> None:
    text = pdf_text(render_bytes(make_plan(finding=None), invariant=True))
    assert "Mastitis: what to do" not in text
    assert "Clearing the clogged duct" not in text
    assert normalise(src.CLOGGED_DUCT_TREATMENT_STEPS[0].text) not in text
    # The prevention steps are for everyone.
    assert normalise(src.PREVENTION_STEPS[0].text) in text


def test_call_doctor_box(mastitis_text: str) -> None:
    plan = make_plan()
    assert "When to call your doctor" in mastitis_text
    for line in plan.call_doctor:
        assert normalise(line) in mastitis_text


def test_letterhead_footer_and_page_numbers() -> None:
    data = render_bytes(make_plan(), invariant=True)
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    total = len(pages)
    assert total >= 2
    for number, page in enumerate(pages, start=1):
        text = normalise(page.extract_text())
        assert f"Page {number} of {total}" in text
        assert "Confidential health record" in text
        assert "Harbour Lactation Care" in text
        assert "+44 117 496 0123" in text
        # The whole letterhead on the first page; the practice's name and phone on one line on the others.
        assert ("Maria Oliveira, IBCLC" in text) is (number == 1)
        assert ("maria@harbour.example" in text) is (number == 1)


def test_sources_listed(mastitis_text: str) -> None:
    plan = make_plan()
    assert "Sources" in mastitis_text
    assert normalise(src.SOURCE_TITLE) in mastitis_text
    for reference in src.REFERENCES:  # by author and year (what each covers is for the consultant)
        assert normalise(reference.split(" (")[0]) in mastitis_text
    # Step sources are the consultant's (the visit editor shows them): no numbered list on the parent's plan.
    assert plan.sections and "Where each step comes from" not in mastitis_text and "[1]" not in mastitis_text


def test_invariant_builds_are_byte_identical() -> None:
    plan = make_plan("Nguyễn Thị", "Ánh")
    first = render_bytes(plan, invariant=True)
    assert first.startswith(b"%PDF-")
    assert render_bytes(plan, invariant=True) == first


def test_different_plans_give_different_bytes() -> None:
    # Guards the identity test above against a renderer that ignores its input.
    assert render_bytes(make_plan("Ana"), invariant=True) != render_bytes(make_plan("Bea"), invariant=True)


def test_200_character_name_wraps_and_stays_readable() -> None:
    given = " ".join(["Maximiliana", "Esperança"] * 10)[:149].strip()
    family = "Wolfeschlegelsteinhausen-Bergerdorff Ó'Súilleabháin"[:50]
    full = f"{given} {family}"
    assert len(full) == 200
    data = render_bytes(make_plan(given, family), invariant=True)
    assert normalise(full) in pdf_text(data)


def test_unbroken_long_words_wrap_inside_cells_and_header() -> None:
    long_word = "Ó" + "x" * 199
    long_baby = "Baby" + "Q" * 196
    practice = Practice(name="P" * 200, consultant_name="C" * 200, credentials="IBCLC", phone="9" * 120)
    plan = make_plan(long_word, "", baby_name=long_baby, practice=practice, reason="r" * 300)
    data = render_bytes(plan, invariant=True)
    # ReportLab splits a word wider than its column; pypdf then returns it with breaks inside.
    squeezed = "".join(pdf_text(data).split())
    for word in (long_word, long_baby, "P" * 200, "r" * 300):
        assert word in squeezed


def test_letter_page_size_and_a4_default() -> None:
    letter = pypdf.PdfReader(io.BytesIO(_render(make_plan(), LETTER))).pages[0]
    a4 = pypdf.PdfReader(io.BytesIO(render_bytes(make_plan()))).pages[0]
    assert (round(float(letter.mediabox.width)), round(float(letter.mediabox.height))) == (612, 792)
    assert (round(float(a4.mediabox.width)), round(float(a4.mediabox.height))) == (round(A4[0]), round(A4[1]))


def _render(plan: CarePlan, pagesize: tuple[float, float]) -> bytes:
    buffer = io.BytesIO()
    render(plan, buffer, invariant=True, pagesize=pagesize)
    return buffer.getvalue()


def test_render_to_path(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    plan = make_plan()
    render(plan, target, invariant=True)
    assert target.read_bytes() == render_bytes(plan, invariant=True)


def test_empty_practice_and_no_babies_still_render() -> None:
    client = make_named_client("Ana", "")
    plan = build_care_plan(Practice(), client, make_visit(uuid.uuid4(), dt.date(2026, 1, 5)))
    data = render_bytes(plan, invariant=True)
    text = pdf_text(data)
    assert "Ana" in text
    assert "Not recorded" in text  # no date of birth
    assert "What we saw today" not in text
    assert f"Page 1 of {page_count(data)}" in text


def test_build_story_is_pure() -> None:
    plan = make_plan()
    assert len(build_story(plan)) == len(build_story(plan))
    assert plan == make_plan()


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (dt.date(2026, 11, 26), "26 November 2026"),
        (dt.date(2025, 1, 3), "3 January 2025"),
        (None, "Not recorded"),
    ],
)
def test_format_date(date: dt.date | None, expected: str) -> None:
    assert format_date(date) == expected


@pytest.mark.parametrize(("given", "family"), [("王", "秀英"), ("山田", "花子 & <i>")])
def test_cjk_names_use_the_bundled_fallback_font(given: str, family: str) -> None:
    data = render_bytes(make_plan(given, family, baby_name="李小龍"), invariant=True)
    assert normalise(f"{given} {family}") in pdf_text(data)
    assert "李小龍" in pdf_text(data)
    assert b"DroidSansFallback" in data  # embedded, not left to the viewer's font substitution


def test_korean_names_are_set_in_the_korean_font_every_syllable_of_them() -> None:
    """Droid Sans Fallback lacks many Hangul syllables (한 among them): Korean goes to NanumGothic whole."""
    data = render_bytes(make_plan("김", "한나", baby_name="이서윤"), invariant=True)
    assert "김 한나" in pdf_text(data) and "이서윤" in pdf_text(data)
    assert b"NanumGothic" in data
    assert styles._font_for(ord("한")) == styles._font_for(ord("가")) == "NanumGothic"
    assert styles._font_for(ord("王")) == "DroidSansFallback"  # Chinese stays in its own face


def test_emoji_get_a_glyph_from_the_symbol_font() -> None:
    data = render_bytes(make_plan("Emma 🌸", "Smith"), invariant=True)
    assert b"Symbola" in data
    assert "Emma" in pdf_text(data) and "Smith" in pdf_text(data)


def test_latin_only_plans_do_not_embed_the_fallback_fonts() -> None:
    data = render_bytes(make_plan("Zoë", "O'Brien-Šimić"), invariant=True)
    assert b"DroidSansFallback" not in data and b"Symbola" not in data


# --- flags, variants, feeding plan and positions -------------------------------------------------------------

CALL_DOCTOR_HEADING = "When to call your doctor"


def flagged_plan(*, variant: PlanVariant = PlanVariant.SOURCE_DOCUMENT) -> CarePlan:
    """A sick day: 10 % weight loss, jaundice, fever with chills, a lump at 2 o'clock."""
    client = make_client("Ana", "Silva", babies=[make_baby("Leo", id=BABY_ID)], id=uuid.UUID(int=1))
    assessment = make_assessment(
        BABY_ID,
        3060,
        positions=[Position.CRADLE, Position.FOOTBALL],
        worked=[Position.FOOTBALL],
        latch=LatchScore(1, 1, 2, 1, 1),
        btat=BtatScore(1, 1, 1, 1),
        feeds_per_24h=6,
        wet_diapers=6,
        dirty_diapers=3,
        jaundice=True,
    )
    visit = make_visit(
        uuid.UUID(int=1),
        dt.date(2026, 11, 26),
        assessments=[assessment],
        map_findings=[lump_at(2)],
        parent=ParentState(temperature_c=38.9, chills=True, pressure_on_breast=True),
        plan=make_plan_edits(),
    )
    practice = dataclasses.replace(
        PRACTICE, settings=PracticeSettings(clogged_duct_variant=variant, mastitis_variant=variant)
    )
    return build_care_plan(practice, client, visit)


def call_doctor_box_text(text: str) -> str:
    """The text of the box: from its heading to the first heading after it."""
    start = text.index(CALL_DOCTOR_HEADING)
    end = min(i for i in (text.find(h, start) for h in ("Feeding plan for", "Your feeding plan", "What we saw today",
                                                   "Sources")) if i > 0)
    return text[start:end]


def test_every_flag_is_printed_in_the_call_doctor_box() -> None:
    plan = flagged_plan()
    codes = {f.code.value for f in plan.flags}
    assert {"weight_loss_red", "maternal_fever", "jaundice"} <= codes
    box = call_doctor_box_text(pdf_text(render_bytes(plan, invariant=True)))
    for flag in plan.flags:
        # (a temperature in the practice's unit only: the rules give it both ways)
        reason = temperatures_in(flag.reason, plan.practice.settings.temperature_unit)
        assert normalise(f"{CALL_TODAY} {reason}") in box
    assert "Your baby has lost 10.0% of birth weight" in box
    assert "Also call your doctor if:" in box
    for line in always_call_doctor(same_day=True):  # a fever: no "not better after 24 hours" beside it
        assert normalise(line) in box
    assert "24 hours" not in box


def test_red_flags_put_the_call_doctor_box_first() -> None:
    text = pdf_text(render_bytes(flagged_plan(), invariant=True))
    assert text.index(CALL_DOCTOR_HEADING) < text.index("What we saw today") < text.index("Clearing the clogged duct")
    quiet = pdf_text(render_bytes(make_plan(finding=None), invariant=True))
    assert quiet.index("Preventing clogged ducts and mastitis") < quiet.index(CALL_DOCTOR_HEADING)
    assert "Call today:" not in quiet


def test_feeding_plan_positions_and_next_visit_are_printed() -> None:
    text = pdf_text(render_bytes(flagged_plan(), invariant=True))
    assert "Your feeding plan Offer the left breast first. Hand-express after feeds." in text
    assert "Next visit: Thursday 3 December 2026" in text
    assert "Positions to try • Football hold (also called clutch or rugby hold), left breast:" in text
    assert "Why: a lump at 2 o'clock on the left breast, 3 cm from the nipple" in text
    assert "you said something presses on part of your breast" in text
    assert "because:" not in text.lower()


def test_source_document_variant_prints_the_seed_references() -> None:
    text = pdf_text(render_bytes(flagged_plan(), invariant=True))
    for reference in src.REFERENCES:
        assert normalise(reference.split(" (")[0]) in text  # by author and year
    assert normalise(f"Sources: {src.SOURCE_TITLE} (") in text
    assert "ABM Clinical Protocol #36" not in text and "Academy of Breastfeeding Medicine" not in text
    assert normalise(src.CLOGGED_DUCT_TREATMENT_STEPS[-1].text) in text  # the warm pack


def test_abm36_variant_changes_the_steps_and_the_sources_printed() -> None:
    text = pdf_text(render_bytes(flagged_plan(variant=PlanVariant.ABM36), invariant=True))
    for step in (*src.ABM36_CLOGGED_DUCT_TREATMENT_STEPS, *src.ABM36_MASTITIS_TREATMENT_STEPS):
        assert normalise(printed_with_clogged(step)) in text
    for step in (*src.CLOGGED_DUCT_TREATMENT_STEPS, *src.MASTITIS_TREATMENT_STEPS):
        if step.key is not src.StepKey.MASTITIS_SAME_STEPS:  # printed the same short way in both wordings
            assert normalise(step.text) not in text
    # One plain line, no protocol number (CLINICAL.md 18.8).
    assert text.count("Based on Academy of Breastfeeding Medicine guidance (2022).") == 1
    assert normalise(src.ABM36_PARENT_REFERENCE) in text
    assert "#36" not in text and "Protocol" not in text
    # Prevention still comes from the source document, so its references stay.
    for reference in src.REFERENCES:
        assert normalise(reference.split(" (")[0]) in text


def test_flagged_plan_invariant_build_is_byte_identical() -> None:
    plan = flagged_plan(variant=PlanVariant.ABM36)
    assert render_bytes(plan, invariant=True) == render_bytes(plan, invariant=True)


def test_next_visit_alone_gets_its_own_heading() -> None:
    client = make_named_client("Ana", "")
    visit = make_visit(uuid.UUID(int=1), dt.date(2026, 11, 26), plan=PlanEdits(follow_up=dt.date(2026, 12, 10)))
    text = pdf_text(render_bytes(build_care_plan(Practice(), client, visit), invariant=True))
    assert "Your next visit: Thursday 10 December 2026" in text
    assert "Your feeding plan" not in text
