"""TrueType fonts whose PDF text layer reads back exactly what was typed, emoji included.

ReportLab embeds a TrueType font as subsets of at most 256 glyphs, each drawn with one-byte codes, and gives
every subset a ToUnicode CMap: the table a viewer uses to turn the drawn codes back into text (search, copy and
paste, screen readers, our own PDF tests). ReportLab 5.1's ``ttfonts.makeToUnicodeCMap`` gets it wrong:

* It writes each entry as ``"<%02X> <%04X>" % (code, code_point)``. The destination of a ``bfchar`` entry is
  UTF-16BE (ISO 32000-1, 9.10.3), but for a code point beyond the Basic Multilingual Plane - every emoji, the
  rarer CJK ideographs - this gives five or six hex digits, U+1F338 (🌸) as ``<1F338>``: an odd-length string
  that is not UTF-16 at all. pypdf says "Got invalid hex string: Odd-length string (b'1F338')" and drops the
  character, so "Mia 🌸 Sørensen" reads back as "Mia  Sørensen" and "👩‍👩‍👧 Ana" as two lone joiners;
  poppler (pdftotext, many viewers) keeps four digits and reads "Mia ἳ Sørensen" (U+1F33).
  UTF-16BE writes such a code point as its surrogate pair: U+1F338 is ``<D83CDF38>``.
* It writes all 256 entries of a subset in one ``beginbfchar`` block, where a CMap allows at most 100 per block
  (Adobe Technical Note #5014, as PDF 32000-1 9.10.3 cites it).
* It maps code 0 (the .notdef glyph, drawn for a character the font lacks) and unused codes to U+0000, which
  puts NUL characters into the text.
* With uharfbuzz installed, ReportLab shapes text, and a glyph the font's cmap has no character for - a
  ligature, such as a family emoji drawn as one picture for "👩 ZWJ 👩 ZWJ 👧" - gets a private-use code point
  (U+E000 onwards) that ToUnicode then maps to that meaningless private-use character.

``UnicodeTTFont`` is a ``TTFont`` that, once ReportLab has written a document's font subsets, replaces each
subset's ToUnicode stream with the one ``to_unicode_cmap`` writes: UTF-16BE with surrogate pairs (so every code
point, in or beyond the BMP, round-trips), at most 100 entries per block, no entry for .notdef, and a shaped
glyph mapped to the whole sequence it stands for, read from its glyph name by the Adobe Glyph List convention
(``u1F469_u200D_u1F467``, ``uni0644_uni0627``, ``f_f_i``). ReportLab's drawing, widths and subsetting are not
touched: only the text a viewer reads back changes.

It also gives invisible characters the font has no glyph for (emoji tag characters, as in the Scotland flag,
and variation selectors) the font's zero-width joiner glyph, so they draw nothing, as they should, instead of a
.notdef box, and keep their place in the text. A joined emoji sequence is drawn one glyph per code point (no
shaping without uharfbuzz) and reads back code point by code point, joiners and selectors included: exactly as
typed.

Its subsets are made once: the subset font file ReportLab cuts from the TrueType file, the ToUnicode map and their
compressed streams are kept (``Memo``), keyed by what they are made from (the subset's characters; the bytes
compressed), so the next document with the same characters embeds the same bytes without cutting and compressing
them again.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFont

BFCHAR_BLOCK = 100
"""Most entries a CMap allows in one ``beginbfchar`` block."""

INVISIBLE: tuple[tuple[int, int], ...] = (
    (0x180B, 0x180F),  # Mongolian free variation selectors, vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner; directional marks
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0xFE00, 0xFE0F),  # variation selectors (VS16 asks for the emoji picture)
    (0xE0000, 0xE007F),  # tags (subdivision flags: England, Scotland, Wales)
    (0xE0100, 0xE01EF),  # variation selectors supplement
)
"""Default-ignorable characters: drawn as nothing, but part of the text."""

_ZERO_WIDTH_GLYPH_OF = (0x200D, 0x200B, 0x2060)
"""Characters whose glyph, where a font has one, is empty and zero-width."""

_PRIVATE_USE = (0xE000, 0xF8FF)
_GLYPH_NAME_PART = re.compile(r"uni((?:[0-9A-F]{4})+)|u([0-9A-F]{4,6})|([A-Za-z0-9])")


def utf16_hex(text: str) -> str:
    """``text`` as the upper-case hex of its UTF-16BE bytes: a code point beyond U+FFFF as its surrogate pair."""
    return text.encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(font_name: str, texts: Sequence[str]) -> str:
    """The ToUnicode CMap of a font subset drawn with one-byte codes.

    Args:
        font_name: the subset's base font name, for the comment only.
        texts: the text of each code, from code 0: one character, several for a glyph that stands for a sequence,
            or "" for a code with no text (.notdef, unused codes).
    """
    entries = [(code, text) for code, text in enumerate(texts[:256]) if text]
    lines = [
        f"% ToUnicode of {font_name}",
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <FF>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), BFCHAR_BLOCK):
        block = entries[start : start + BFCHAR_BLOCK]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{code:02X}> <{utf16_hex(text)}>" for code, text in block]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def glyph_name_text(name: str) -> str:
    """The characters a glyph name says its glyph stands for, by the Adobe Glyph List convention ("" if unknown).

    ``u1F469_u200D_u1F467`` is the family emoji, ``uni0644uni0627``/``uni0644_uni0627`` lam-alef, ``f_f_i`` the
    ffi ligature; a suffix after a full stop (``.liga``, ``.alt``) is a variant of the same characters.
    """
    text: list[str] = []
    for part in name.split(".", 1)[0].split("_"):
        match = _GLYPH_NAME_PART.fullmatch(part)
        if match is None:
            return ""
        uni, u, letter = match.groups()
        codes = [int(uni[i : i + 4], 16) for i in range(0, len(uni), 4)] if uni else [int(u, 16)] if u else []
        if any(0xD800 <= code <= 0xDFFF or code > 0x10FFFF for code in codes):
            return ""
        text += [chr(code) for code in codes] if codes else [letter]
    return "".join(text)


class Memo:
    """The last ``size`` values made, by key: a small thread-safe LRU cache of made bytes and strings."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = make()
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value


class KeptFlate:
    """ReportLab's FlateDecode filter (the same ``zlib.compress`` bytes) that keeps what it compressed last:
    a font subset or ToUnicode map embedded again is not compressed again."""

    pdfname = "FlateDecode"

    def __init__(self, size: int = 32) -> None:
        self._memo = Memo(size)

    def encode(self, text: str | bytes) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else text
        compressed: bytes = self._memo.get(data, lambda: zlib.compress(data))
        return compressed


KEPT_FLATE = KeptFlate()
SUBSETS_KEPT = 16
"""Subset font files kept per font (a care plan uses one to three subsets of each face)."""


class UnicodeTTFont(TTFont):  # type: ignore[misc]
    """A ReportLab ``TTFont`` with a correct ToUnicode map (see the module docstring); a drop-in replacement."""

    def __init__(self, name: str, filename: str, **kwargs: Any) -> None:
        super().__init__(name, filename, **kwargs)
        face = self.face
        _draw_invisible_as_nothing(face, INVISIBLE)
        # A subset is cut from the font file once: keyed by its characters (and the size of the character map,
        # which only grows, with the glyphs shaping adds).
        cut, kept = face.makeSubset, Memo(SUBSETS_KEPT)
        face.makeSubset = lambda subset: kept.get((tuple(subset), len(face.charToGlyph)), lambda: cut(subset))
        self._cmaps = Memo(SUBSETS_KEPT)

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - ReportLab's name
        """Let ReportLab write the subsets, then replace each subset's ToUnicode stream with a correct one."""
        state = self.state.get(doc)
        if state is None:
            super().addObjects(doc)
            return
        subsets = [list(subset) for subset in state.subsets]
        names = [self.getSubsetInternalName(number, doc)[1:] for number in range(len(subsets))]
        super().addObjects(doc)
        fonts = doc.idToObject["BasicFonts"].dict
        shaped = self.shaped_glyph_texts()
        for name, subset in zip(names, subsets, strict=True):
            pdf_font = fonts.get(name)
            stream = doc.idToObject.get(getattr(getattr(pdf_font, "ToUnicode", None), "name", None))
            if stream is None:  # not as ReportLab 5.1 builds it: keep ReportLab's own map
                continue
            stream.content = self._cmap(pdf_font.BaseFont, tuple(self.code_text(code, shaped) for code in subset))
            _keep_compressed(stream)
            _keep_compressed(_font_file(doc, pdf_font))

    def _cmap(self, base_font: str, texts: tuple[str, ...]) -> str:
        """``to_unicode_cmap``, made once for the same subset."""
        cmap: str = self._cmaps.get((base_font, texts), lambda: to_unicode_cmap(base_font, texts))
        return cmap

    def code_text(self, code_point: int, shaped: dict[int, str]) -> str:
        """The text a subset entry stands for: its character, a shaped glyph's sequence, "" for .notdef."""
        if code_point == 0:
            return ""
        if _PRIVATE_USE[0] <= code_point <= _PRIVATE_USE[1] and code_point in shaped:
            return shaped[code_point]
        return chr(code_point)

    def shaped_glyph_texts(self) -> dict[int, str]:
        """The private-use code points ReportLab's shaping gave glyphs the font's cmap lacks, with their text."""
        # ReportLab keeps them, by glyph name, in the name-mangled TTFont.__hbUnis (only once text was shaped).
        names: dict[str, int] = getattr(self, "_TTFont__hbUnis", None) or {}
        return {code: text for name, code in names.items() if (text := glyph_name_text(name))}


def _font_file(doc: Any, pdf_font: Any) -> Any:
    """The stream of the subset font file ``pdf_font`` embeds (None when not as ReportLab 5.1 builds it)."""
    descriptor = doc.idToObject.get(getattr(getattr(pdf_font, "FontDescriptor", None), "name", None))
    ref = getattr(descriptor, "dict", {}).get("FontFile2")
    return doc.idToObject.get(getattr(ref, "name", None))


def _keep_compressed(stream: Any) -> None:
    """Compress ``stream`` with ``KEPT_FLATE`` where ReportLab would compress it with its own FlateDecode."""
    if isinstance(stream, pdfdoc.PDFStream) and stream.filters == [pdfdoc.PDFZCompress]:
        stream.filters = [KEPT_FLATE]


def _draw_invisible_as_nothing(face: Any, ranges: Iterable[tuple[int, int]]) -> None:
    """Give the code points in ``ranges`` that ``face`` has no glyph for its empty zero-width glyph."""
    char_to_glyph: dict[int, int] = face.charToGlyph
    empty = [char_to_glyph[code] for code in _ZERO_WIDTH_GLYPH_OF
             if code in char_to_glyph and face.charWidths.get(code) == 0]
    if not empty:
        return
    for low, high in ranges:
        for code in range(low, high + 1):
            if code not in char_to_glyph:
                char_to_glyph[code] = empty[0]
                face.charWidths[code] = 0
