"""A font subset, its ToUnicode map and their compressed streams are made once and kept, keyed by what they are
made from: the same characters embed the same bytes, other characters embed their own subset."""

from __future__ import annotations

import io
import zlib

import pypdf
from doc_helpers import pdf_text
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from consultapp.documents.unicode_fonts import KeptFlate, Memo, UnicodeTTFont
from consultapp.runtime.resources import resource_path


def _page(font: UnicodeTTFont, text: str) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.setFont(font.fontName, 12)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def _font_files(data: bytes) -> list[bytes]:
    """The embedded subset font files of a one-page PDF, decompressed."""
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    return [
        font.get_object()["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
        for font in page["/Resources"]["/Font"].values()
        if "/FontDescriptor" in font.get_object()
    ]


def test_other_characters_embed_their_own_subset_and_the_same_ones_the_same_bytes() -> None:
    font = UnicodeTTFont("DejaVuSans-test-kept", str(resource_path("fonts", "DejaVuSans.ttf")))
    pdfmetrics.registerFont(font)
    plain = _page(font, "Feed often")
    accented = _page(font, "Feed often: Łódź ŵ ĳ")
    assert pdf_text(plain) == "Feed often"
    assert pdf_text(accented) == "Feed often: Łódź ŵ ĳ"
    (plain_file,), (accented_file,) = _font_files(plain), _font_files(accented)
    assert accented_file != plain_file and len(accented_file) > len(plain_file)
    assert _page(font, "Feed often") == plain  # the kept subset: byte for byte what was made the first time
    assert _page(font, "Feed often: Łódź ŵ ĳ") == accented


def test_kept_flate_compresses_as_zlib_does_and_each_input_to_its_own_bytes() -> None:
    flate = KeptFlate(size=2)
    assert flate.encode(b"abc" * 100) == zlib.compress(b"abc" * 100)
    assert flate.encode("ŵ text") == zlib.compress("ŵ text".encode())
    assert flate.encode(b"abd" * 100) == zlib.compress(b"abd" * 100) != flate.encode(b"abc" * 100)
    assert flate.pdfname == "FlateDecode"


def test_memo_makes_a_value_once_per_key_and_forgets_the_oldest() -> None:
    memo = Memo(size=2)
    made: list[str] = []

    def make(key: str) -> str:
        made.append(key)
        return key.upper()

    assert [memo.get(k, lambda k=k: make(k)) for k in ("a", "b", "a", "c", "b")] == ["A", "B", "A", "C", "B"]
    assert made == ["a", "b", "c", "b"]  # "b" was the oldest when "c" came
