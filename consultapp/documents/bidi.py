"""Right-to-left text (Arabic, Hebrew) in left-to-right documents: letter joining and visual order.

ReportLab draws characters in the order it is given them and does not join Arabic letters. So:

- ``shape`` gives each Arabic letter its joined form (initial, medial, final, isolated; lam-alef
  ligatures) with ``arabic_reshaper``, keeping the logical (typed) order. It runs before line breaking,
  because joining depends only on the neighbouring letters of the same word.
- ``visual_order`` reorders one *line* for display: every right-to-left run (with the neutrals and
  numbers inside it) is reversed, a letter keeping its combining marks after it and numbers keeping their
  digits left to right (UAX #9 for a left-to-right paragraph, reduced to what names and short notes need).
  It must run after line breaking, line by line, or a name that wraps would read in the wrong line order:
  ``BidiParagraph`` does that when it draws.
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
from typing import Any

from reportlab.platypus import Paragraph

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«"}
_MARKS = frozenset({"Mn", "Me"})


def has_rtl(text: str) -> bool:
    """True when ``text`` holds any Hebrew or Arabic character (which needs reordering)."""
    return _RTL.search(text) is not None


@functools.cache
def _reshaper(glyphs: frozenset[int]) -> Any:
    """An Arabic reshaper that keeps vowel marks and uses only the ligatures the fonts have glyphs for."""
    import arabic_reshaper
    from arabic_reshaper.ligatures import LETTERS_LIGATURES, SENTENCES_LIGATURES, WORDS_LIGATURES

    config: dict[str, Any] = {"delete_harakat": False, "shift_harakat_position": False, "support_ligatures": True}
    for name, (_match, forms) in (*SENTENCES_LIGATURES, *WORDS_LIGATURES, *LETTERS_LIGATURES):
        config[name] = all(ord(form) in glyphs for form in forms if form)
    return arabic_reshaper.ArabicReshaper(configuration=config)


def shape(text: str, glyphs: frozenset[int]) -> str:
    """Arabic letters in their joined forms, in typed order; other text unchanged.

    Args:
        glyphs: the code points every face of the document font has, so no ligature without a glyph is used.
    """
    if _ARABIC.search(text) is None:
        return text
    return str(_reshaper(glyphs).reshape(text))


def _direction(unit: str) -> str:
    """"R", "L", "D" (a digit: numbers keep their order) or "N" (neutral: spaces, punctuation)."""
    kind = unicodedata.bidirectional(unit[0])
    if kind in ("R", "AL"):
        return "R"
    if kind == "L":
        return "L"
    if kind in ("EN", "AN"):
        return "D"
    return "N"


def _units(line: str) -> list[tuple[str, str]]:
    """Split ``line`` into (text, direction) units: a character with its combining marks; a whole number."""
    units: list[tuple[str, str]] = []
    for ch in line:
        if units and unicodedata.category(ch) in _MARKS:
            text, kind = units[-1]
            units[-1] = (text + ch, kind)
            continue
        kind = _direction(ch)
        if kind == "D" and units and units[-1][1] == "D":
            units[-1] = (units[-1][0] + ch, "D")
        elif kind == "D" and len(units) >= 2 and units[-1][0] in ",.:/" and units[-2][1] == "D":
            separator = units.pop()[0]
            units[-1] = (units[-1][0] + separator + ch, "D")
        else:
            units.append((ch, kind))
    return units


_OPENING = {"(": ")", "[": "]", "{": "}", "«": "»"}


def _run_end(units: list[tuple[str, str]], start: int) -> int:
    """The last unit of the right-to-left run starting at ``start``.

    The run ends at the last right-to-left letter or number before the next left-to-right letter, or at
    a closing bracket after it whose opening bracket is inside the run (UAX #9 rule N0, simplified).
    """
    end = j = start
    while j < len(units) and units[j][1] != "L":
        if units[j][1] in ("R", "D"):
            end = j
        j += 1
    open_brackets = [text for text, _kind in units[start : end + 1] if text in _OPENING]
    for text, _kind in units[start : end + 1]:
        if open_brackets and text == _OPENING[open_brackets[0]]:
            open_brackets.pop(0)
    k = end + 1
    while open_brackets and k < j:
        if units[k][0] == _OPENING[open_brackets[-1]]:
            open_brackets.pop()
            end = k
        k += 1
    return end


def _layout(line: str) -> list[tuple[int, bool]]:
    """For each character of the displayed line, left to right: its index in ``line`` and whether it
    lies in a reversed (right-to-left) run.

    A run is reversed unit by unit; inside a letter's unit, its combining marks come first, because Hebrew
    and Arabic marks in DejaVu are drawn over the glyph that follows them.
    """
    units = _units(line)
    starts = []
    at = 0
    for text, _kind in units:
        starts.append(at)
        at += len(text)
    out: list[tuple[int, bool]] = []
    i = 0
    while i < len(units):
        text, kind = units[i]
        if kind != "R":
            out += [(pos, False) for pos in range(starts[i], starts[i] + len(text))]
            i += 1
            continue
        end = _run_end(units, i)
        for u in range(end, i - 1, -1):
            span = range(starts[u], starts[u] + len(units[u][0]))
            out += [(pos, True) for pos in (span if units[u][1] == "D" else reversed(span))]
        i = end + 1
    return out


def _glyph(line: str, pos: int, rtl: bool) -> str:
    ch = line[pos]
    return _MIRROR.get(ch, ch) if rtl else ch


def visual_order(line: str) -> str:
    """One line, reordered for display left to right in a left-to-right paragraph (brackets mirrored)."""
    if not has_rtl(line):
        return line
    return "".join(_glyph(line, pos, rtl) for pos, rtl in _layout(line))


class BidiParagraph(Paragraph):
    """A ``Paragraph`` that breaks lines in typed order and draws each line in visual order.

    Layout (and splitting across pages) sees the logical text; only drawing sees the reordered copy,
    so a right-to-left name that wraps reads right to left, first line first.
    """

    def draw(self) -> None:
        logical = self.blPara
        if not _lines_have_rtl(logical):
            super().draw()
            return
        self.blPara = _visual_copy(logical)
        try:
            super().draw()
        finally:
            self.blPara = logical


def _lines_have_rtl(bl_para: Any) -> bool:
    if bl_para.kind == 0:
        return any(has_rtl(" ".join(words)) for _extra, words in bl_para.lines)
    return any(has_rtl(getattr(f, "text", "")) for line in bl_para.lines for f in line.words)


def _visual_copy(bl_para: Any) -> Any:
    new = copy.copy(bl_para)
    if bl_para.kind == 0:
        new.lines = [(extra, visual_order(" ".join(words)).split(" ")) for extra, words in bl_para.lines]
        return new
    lines = []
    for line in bl_para.lines:
        line_copy = copy.copy(line)
        line_copy.words = _visual_frags(line.words)
        lines.append(line_copy)
    new.lines = lines
    return new


def _visual_frags(frags: list[Any]) -> list[Any]:
    """Reorder a line of styled fragments: each character keeps its fragment's font and colour."""
    if any(hasattr(f, "cbDefn") for f in frags) or not any(has_rtl(f.text) for f in frags):
        return frags
    owner: list[int] = []
    for index, frag in enumerate(frags):
        owner += [index] * len(frag.text)
    text = "".join(f.text for f in frags)
    out: list[Any] = []
    run_owner = -1
    run = ""
    for pos, rtl in _layout(text):
        if owner[pos] != run_owner and run:
            out.append(frags[run_owner].clone(text=run))
            run = ""
        run_owner = owner[pos]
        run += _glyph(text, pos, rtl)
    if run:
        out.append(frags[run_owner].clone(text=run))
    return out
