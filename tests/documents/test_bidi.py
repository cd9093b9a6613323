"""Right-to-left names: Arabic letters joined, each line in visual order, marks on their letters."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consultapp.documents.bidi import has_rtl, visual_order
from consultapp.documents.styles import clean_text, plain_line


@pytest.mark.parametrize(
    ("logical", "visual"),
    [
        ("Ana Silva", "Ana Silva"),
        ("שרה", "הרש"),
        ("שרה כהן", "ןהכ הרש"),
        # A name after Latin text: only the Hebrew run turns round; the number after it joins the run.
        ("Ana שרה כהן 12", "Ana 12 ןהכ הרש"),
        ("Leo: יוסף, twin", "Leo: ףסוי, twin"),
        # Brackets inside a right-to-left run are mirrored; a closing bracket at the end stays with its run.
        ("מרים בן-דוד (כהן)", "(ןהכ) דוד-ןב םירמ"),
        ("Ana (שרה) b", "Ana (הרש) b"),
        # Numbers keep their digits left to right.
        ("דירה 12/3", "12/3 הריד"),
    ],
)
def test_visual_order(logical: str, visual: str) -> None:
    assert visual_order(logical) == visual


def test_combining_marks_come_before_their_letter_in_a_reversed_run() -> None:
    # DejaVu draws Hebrew and Arabic marks over the glyph that follows them (checked on the rendered page).
    yosef = "יוֹסֵף"  # yod, vav + holam, samekh + tsere, final pe
    shown = visual_order(yosef)
    assert [unicodedata.name(c) for c in shown] == [
        "HEBREW LETTER FINAL PE", "HEBREW POINT TSERE", "HEBREW LETTER SAMEKH",
        "HEBREW POINT HOLAM", "HEBREW LETTER VAV", "HEBREW LETTER YOD",
    ]
    # In left-to-right text a mark still follows its letter.
    assert visual_order("Zoe\u0308 שרה") == "Zoe\u0308 הרש"


def test_arabic_is_joined_in_typed_order_and_keeps_vowel_marks() -> None:
    shaped = clean_text("فاطمة")
    assert shaped == "\ufed3\ufe8e\ufec3\ufee4\ufe94"  # feh initial, alef final, tah initial, meem medial, teh marbuta
    assert unicodedata.normalize("NFKC", shaped) == "فاطمة"
    muhammad = clean_text("مُحَمَّد")
    assert "\u064f" in muhammad and "\u0651" in muhammad  # damma and shadda kept (names exactly as typed)


def test_lam_alef_is_one_ligature_and_allah_is_spelled_out() -> None:
    # Lam-alef must join (DejaVu has the glyph); the single-glyph "Allah" ligature is not in DejaVu, so the
    # word is spelled letter by letter rather than printed as a missing glyph.
    assert "\ufefb" in clean_text("لا")
    assert "\ufdf2" not in clean_text("عبد الله")
    assert unicodedata.normalize("NFKC", clean_text("عبد الله")) == "عبد الله"


def test_plain_line_for_canvas_strings() -> None:
    assert plain_line("  Ana\tשרה\n") == "Ana הרש"
    assert plain_line("Leo") == "Leo"


@given(st.text(alphabet=st.sampled_from("ab 12(),.-שרהכןםא\u05b8ضرب"), max_size=30))
def test_visual_order_only_moves_characters(text: str) -> None:
    shown = visual_order(text)
    brackets = str.maketrans("()", "||")  # a bracket may be mirrored, nothing else changes
    assert sorted(shown.translate(brackets)) == sorted(text.translate(brackets))
    if not has_rtl(text):
        assert shown == text


@given(st.text(alphabet=st.sampled_from("abc שרה"), max_size=20))
def test_visual_order_twice_is_the_identity_for_simple_runs(text: str) -> None:
    # Letters and spaces only: reversing the runs twice gives the line back.
    assert visual_order(visual_order(text)) == text


@pytest.mark.parametrize(
    ("typed", "joined"),
    [
        # Checked against arabic-reshaper 3.1 (MIT), which the app does not depend on.
        ("سلام", "\ufeb3\ufefc\ufee1"),  # seen initial, lam-alef final, meem isolated
        ("علاء", "\ufecb\ufefc\ufe80"),  # ain initial, lam-alef final, hamza
        # Persian: peh initial (forms A), reh final (it never joins forward), Farsi yeh initial, alef final.
        ("پریا", "\ufb58\ufeae\ufbfe\ufe8e"),
        ("ب\u200cب", "\ufe8f\u200c\ufe8f"),  # a zero-width non-joiner keeps both letters apart
        ("مؤمن", "\ufee3\ufe86\ufee3\ufee6"),  # waw-hamza joins only to the letter before it
    ],
)
def test_joining_table(typed: str, joined: str) -> None:
    assert clean_text(typed) == joined
