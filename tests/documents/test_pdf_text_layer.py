"""The PDF text layer reads back every name exactly as typed, emoji beyond the BMP and joined sequences included;
a 10,000-character name builds every document (issue 18, point 10)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import re
import shutil
import subprocess
import uuid

import pypdf
import pytest
from doc_helpers import EARLIER, MASTITIS, PRACTICE, make_client, make_visit, pdf_text
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas
from test_names import DOCUMENTS, Render, care_plan_pdf, documents, letter_pdf

from consultapp.documents import careplan
from consultapp.documents.drawn_text import fallback_line, runs
from consultapp.documents.styles import FONT, FONT_BOLD, _glyphs, register_fonts
from consultapp.documents.unicode_fonts import (
    INVISIBLE,
    UnicodeTTFont,
    glyph_name_text,
    to_unicode_cmap,
    utf16_hex,
)
from consultapp.domain import plan_figures
from consultapp.domain.careplan import build_care_plan
from consultapp.domain.records import Baby, BabyAssessment
from consultapp.runtime.resources import resource_path

NAMES: tuple[tuple[str, str], ...] = (
    ("Mia 🌸", "Sørensen"),  # U+1F338: beyond the BMP
    ("👩\u200d👩\u200d👧", "Ana"),  # a family: woman, ZWJ, woman, ZWJ, girl
    ("王小明", ""),
    ("Nguyễn Thị Ánh", "<b>&Co"),
)
NAME_IDS = ["emoji", "zwj-family", "chinese", "vietnamese-markup"]
TWIN_ID = uuid.UUID(int=7)
EMOJI_SEQUENCES = (
    "Isla 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Ross",  # Scotland: flag and tag letters
    "Kai 👍🏽 ❤️ 🇫🇷 1️⃣",  # skin tone, emoji variation selector, regional indicators, keycap
)


def _bfchar(cmap: str) -> dict[int, str]:
    """The entries of a ToUnicode CMap, decoded (a strict reader: UTF-16BE, even-length hex only)."""
    out: dict[int, str] = {}
    for block in re.findall(r"(\d+) beginbfchar\n(.*?)\nendbfchar", cmap, re.S):
        count, body = block
        entries = re.findall(r"<([0-9A-F]{2})> <([0-9A-F]+)>", body)
        assert len(entries) == int(count) <= 100
        for code, hex_text in entries:
            assert len(hex_text) % 4 == 0, hex_text
            out[int(code, 16)] = bytes.fromhex(hex_text).decode("utf-16-be")
    return out


def _to_unicode_maps(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    maps = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            if "/ToUnicode" in font.get_object():  # TrueType subsets; not the standard 14 fonts
                maps.append(font.get_object()["/ToUnicode"].get_object().get_data().decode("ascii"))
    return maps


# The CMap writer.


@pytest.mark.parametrize(
    ("char", "expected"),
    [("A", "0041"), ("ø", "00F8"), ("\uffff", "FFFF"), ("\U00010000", "D800DC00"), ("🌸", "D83CDF38"),
     ("\U0010ffff", "DBFFDFFF"), ("𠮷", "D842DFB7")],
)
def test_utf16_hex_writes_surrogate_pairs_beyond_the_bmp(char: str, expected: str) -> None:
    assert utf16_hex(char) == expected


def test_cmap_maps_a_code_point_above_ffff_to_its_surrogate_pair() -> None:
    cmap = to_unicode_cmap("AAAAAA+Symbola", ["", "🌸", "👩\u200d👧", *[" "] * 29, "A"])
    assert "<01> <D83CDF38>" in cmap  # ReportLab 5.1 writes <01> <1F338>
    assert "<02> <D83DDC69200DD83DDC67>" in cmap  # one glyph for a joined sequence: the whole sequence
    assert _bfchar(cmap) == {1: "🌸", 2: "👩\u200d👧", **{code: " " for code in range(3, 32)}, 32: "A"}
    assert not re.search(r"^<00> <[0-9A-F]{4,}>", cmap, re.M)  # .notdef has no text (ReportLab maps it to U+0000)


def test_cmap_blocks_hold_at_most_100_entries() -> None:
    texts = [""] + [chr(0x1F300 + i) for i in range(255)]
    cmap = to_unicode_cmap("F", texts)
    assert re.findall(r"(\d+) beginbfchar", cmap) == ["100", "100", "55"]
    assert _bfchar(cmap) == {code: text for code, text in enumerate(texts) if text}
    assert "<00> <FF>" in cmap  # one-byte codes, as ReportLab draws them


@pytest.mark.parametrize(
    ("name", "text"),
    [("u1F469_u200D_u1F467", "👩\u200d👧"), ("uni06440627", "لا"), ("uni0644_uni0627.fina", "لا"),
     ("f_f_i", "ffi"), ("u1F338", "🌸"), ("glyph123", ""), ("uD83C", ""), ("uniD83CDF38", "")],
)
def test_glyph_names_give_the_sequence_a_shaped_glyph_stands_for(name: str, text: str) -> None:
    assert glyph_name_text(name) == text


def test_a_shaped_glyph_reads_back_as_its_sequence() -> None:
    # With uharfbuzz, ReportLab gives a ligature glyph (not in the cmap) a private-use code point, by glyph name.
    font = UnicodeTTFont("Symbola-test-shaped", str(resource_path("fonts", "Symbola.ttf")))
    font._TTFont__hbUnis = {"u1F469_u200D_u1F467": 0xE000, "nameless": 0xE001}
    shaped = font.shaped_glyph_texts()
    assert font.code_text(0xE000, shaped) == "👩\u200d👧"
    assert font.code_text(0x1F338, shaped) == "🌸"
    assert font.code_text(0, shaped) == ""


def test_the_font_writes_a_correct_to_unicode_map_into_the_pdf() -> None:
    font = UnicodeTTFont("Symbola-test-canvas", str(resource_path("fonts", "Symbola.ttf")))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    pdfmetrics.registerFont(font)
    page.setFont(font.fontName, 12)
    page.drawString(72, 720, "🌸 ab \U0001f469\u200d\U0001f467")
    page.save()
    (cmap,) = _to_unicode_maps(buffer.getvalue())
    assert {"🌸", "\U0001f469", "\u200d", "\U0001f467", "a", "b"} <= set(_bfchar(cmap).values())
    assert pdf_text(buffer.getvalue()) == "🌸 ab \U0001f469\u200d\U0001f467"


def test_invisible_characters_draw_nothing_but_stay_in_the_text() -> None:
    register_fonts()
    dejavu = _glyphs(FONT)
    for low, high in INVISIBLE:
        assert low in dejavu and high in dejavu
    face = pdfmetrics.getFont(FONT).face
    assert face.charWidths[0xE0067] == 0 and face.charToGlyph[0xE0067] == face.charToGlyph[0x200D]


# Every document kind.


@documents
@pytest.mark.parametrize(("given", "family"), NAMES, ids=NAME_IDS)
def test_names_read_back_exactly_as_typed(render: Render, given: str, family: str,
                                          caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        data = render(given, family, "Leo")
        text = pdf_text(data)
    typed = f"{given} {family}".strip()
    assert typed in text
    assert "invalid hex" not in caplog.text  # pypdf's complaint about ReportLab's <1F338>
    for cmap in _to_unicode_maps(data):
        assert all(text and "\x00" not in text for text in _bfchar(cmap).values())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize(("given", "family"), NAMES[:2], ids=NAME_IDS[:2])
def test_poppler_reads_the_names_too(given: str, family: str) -> None:
    # Poppler cuts ReportLab's <1F338> to U+1F33: "Mia ἳ Sørensen".
    text = subprocess.run(["pdftotext", "-", "-"], input=care_plan_pdf(given, family, "Leo"),
                          capture_output=True, check=True).stdout.decode()
    assert f"{given} {family}" in " ".join(text.split())


@pytest.mark.parametrize("name", EMOJI_SEQUENCES, ids=["tag-flag", "modifiers"])
def test_emoji_sequences_keep_every_code_point(name: str) -> None:
    assert name in pdf_text(letter_pdf(name, "", "Leo"))


def test_a_baby_named_with_emoji_reads_back_on_the_care_plan() -> None:
    assert "🌸 Lily" in pdf_text(care_plan_pdf("Ana", "Silva", "🌸 Lily"))


# A 10,000-character name.

LONG_ALPHABET = "Ωμέγα🌸王"
"""Letters no document prints otherwise, so the name can be picked out of the page text around it."""
LONG_NAME = ((("Ωμέγα" * 19)[:92] + "🌸王") * 107)[:9998] + "🌸王"
"""10,000 characters without a space: Greek, with an emoji and a Chinese character every 94 (every change of
font is a fragment to lay out, and the machine is shared)."""


def _name_letters(text: str) -> str:
    return "".join(ch for ch in text if ch in LONG_ALPHABET)


@pytest.mark.parametrize("render", list(DOCUMENTS.values()), ids=list(DOCUMENTS))
def test_a_10000_character_name_builds_every_document(render: Render) -> None:
    assert len(LONG_NAME) == 10_000
    data = render(LONG_NAME, "", "Leo")
    # Split across lines and pages, but whole: every letter, in order.
    assert LONG_NAME in _name_letters(pdf_text(data))


@pytest.mark.parametrize("render", [DOCUMENTS["care plan"], DOCUMENTS["letter"], DOCUMENTS["superbill"]],
                         ids=["care plan", "letter", "superbill"])
def test_a_10000_character_baby_name_builds(render: Render) -> None:
    data = render("Ana", "", LONG_NAME)
    assert LONG_NAME in _name_letters(pdf_text(data))


def test_a_10000_character_name_of_words_builds_the_handout() -> None:
    given = " ".join(["Maximiliana"] * 834)[:10000]
    data = DOCUMENTS["handout"](given, "", "Leo")
    assert pdf_text(data).count("Maximiliana") == given.count("Maximiliana")


# Twins: a baby's name in a chart title (a drawing, not a paragraph).


def twin_care_plan_pdf(first: str, second: str) -> bytes:
    client = make_client("Ana", "Silva", first)
    client.babies.append(Baby(second, dt.date(2026, 11, 20), 3000, id=TWIN_ID))
    visit = make_visit(finding=MASTITIS)
    visit.assessments.append(BabyAssessment(TWIN_ID, weight_g=2800))
    earlier = {**EARLIER, TWIN_ID: [(dt.date(2026, 11, 23), 2900)]}
    plan = build_care_plan(PRACTICE, client, visit, earlier_weighings=earlier)
    figures = plan_figures.figures_for_visit(client, visit, PRACTICE.settings, earlier)
    return careplan.render_bytes(dataclasses.replace(plan, figures=figures), invariant=True)


def test_twins_named_in_chinese_and_emoji_read_back_in_their_chart_titles() -> None:
    text = pdf_text(twin_care_plan_pdf("王小明", "Mia 🌸"))
    assert "Weight of 王小明" in text  # was "Weight of \x00\x00\x00", drawn as three boxes
    assert "Weight of Mia 🌸" in text
    assert "\x00" not in text


def test_a_chart_title_runs_in_fallback_fonts_and_is_cut_to_its_room() -> None:
    assert runs("Weight of 王小明 🌸", FONT_BOLD) == [
        (FONT_BOLD, "Weight of "), ("DroidSansFallback", "王小明"), (FONT_BOLD, " "), ("Symbola", "🌸")]
    title = fallback_line(0, 0, "Weight of " + LONG_NAME, FONT_BOLD, 9.5, 200)
    strings = title.contents
    assert strings[-1].text.endswith("…")
    end = strings[-1].x + pdfmetrics.stringWidth(strings[-1].text, strings[-1].fontName, 9.5)
    assert 190 < end <= 200


def test_a_10000_character_twin_name_builds_the_care_plan() -> None:
    data = twin_care_plan_pdf(LONG_NAME, "Mia")
    assert LONG_NAME in _name_letters(pdf_text(data))
