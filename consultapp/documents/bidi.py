"""Right-to-left text (Arabic, Hebrew) in left-to-right documents: letter joining and visual order.

ReportLab draws characters in the order it is given them and does not join Arabic letters. So:

- ``shape`` gives each Arabic letter its joined form (initial, medial, final, isolated; lam-alef
  ligatures), keeping the logical (typed) order. The forms come from Unicode's presentation-form blocks
  (no extra package; checked against arabic-reshaper). It runs before line breaking, because joining
  depends only on the neighbouring letters of the same word.
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


_ZWJ, _ZWNJ, _TATWEEL, _LAM = "\u200d", "\u200c", "\u0640", "\u0644"
_ALEFS = frozenset("\u0622\u0623\u0625\u0627")
_FORM_NAMES = ("isolated", "final", "initial", "medial")


@functools.cache
def _presentation_forms() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """Arabic joined forms from the Unicode database: (letter, form) -> glyph, (lam + alef, form) -> ligature.

    The presentation-form blocks decompose to their letter with a tag (``<initial> 0628``), which gives
    every letter's forms, and so its joining type, without a hand-made table.
    """
    letters: dict[tuple[str, str], str] = {}
    ligatures: dict[tuple[str, str], str] = {}
    for cp in (*range(0xFE70, 0xFEFD), *range(0xFB50, 0xFE00)):  # forms B first: the basic letters
        tag, _, codes = unicodedata.decomposition(chr(cp)).partition(" ")
        form = tag.strip("<>")
        if form not in _FORM_NAMES or not codes:
            continue
        bases = "".join(chr(int(code, 16)) for code in codes.split())
        if len(bases) == 1:
            letters.setdefault((bases, form), chr(cp))
        elif len(bases) == 2 and bases[0] == _LAM and bases[1] in _ALEFS:
            ligatures.setdefault((bases, form), chr(cp))
    return letters, ligatures


def _transparent(ch: str) -> bool:
    """Vowel marks and other marks: a letter joins across them."""
    return unicodedata.category(ch) in ("Mn", "Me") or (unicodedata.category(ch) == "Cf" and ch not in (_ZWJ, _ZWNJ))


def _joins_left(ch: str | None) -> bool:
    """Whether ``ch`` joins the letter after it (dual-joining letters, tatweel, zero-width joiner)."""
    if ch is None:
        return False
    letters, _ = _presentation_forms()
    return ch in (_ZWJ, _TATWEEL) or (ch, "initial") in letters or (ch, "medial") in letters


def _joins_right(ch: str | None) -> bool:
    """Whether ``ch`` joins the letter before it (every letter with a final form)."""
    if ch is None:
        return False
    letters, _ = _presentation_forms()
    return ch in (_ZWJ, _TATWEEL) or (ch, "final") in letters


def shape(text: str, glyphs: frozenset[int]) -> str:
    """Arabic letters in their joined forms (initial, medial, final, isolated; lam-alef ligatures), typed order kept.

    Other text is unchanged; a form the font has no glyph for (``glyphs``) leaves the letter as typed.
    """
    if _ARABIC.search(text) is None:
        return text
    letters, ligatures = _presentation_forms()
    solid = [i for i, ch in enumerate(text) if not _transparent(ch)]  # positions that join or break joining
    neighbours = {i: (text[solid[k - 1]] if k else None, text[solid[k + 1]] if k + 1 < len(solid) else None)
                  for k, i in enumerate(solid)}
    out: list[str] = []
    skip: int | None = None
    for k, i in enumerate(solid):
        ch = text[i]
        start, end = i, (solid[k + 1] if k + 1 < len(solid) else len(text))
        marks = text[start + 1 : end]
        if i == skip:
            out.append(marks)
            continue
        before, after = neighbours[i]
        joined_before = _joins_left(before) and _joins_right(ch)
        if ch == _LAM and after in _ALEFS:
            ligature = ligatures.get((ch + after, "final" if joined_before else "isolated"))
            if ligature is not None and ord(ligature) in glyphs:
                out.append(ligature + marks)
                skip = solid[k + 1]
                continue
        joined_after = _joins_left(ch) and _joins_right(after)
        form = _FORM_NAMES[(2 if joined_after else 0) + (1 if joined_before else 0)]
        shaped = letters.get((ch, form))
        out.append((shaped if shaped is not None and ord(shaped) in glyphs else ch) + marks)
    return text[: solid[0]] + "".join(out) if solid else text


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


class BidiParagraph(Paragraph):  # type: ignore[misc]  # ReportLab has no type stubs here: its classes are Any
    """A ``Paragraph`` that breaks lines in typed order and draws each line in visual order.

    Layout (and splitting across pages) sees the logical text; only drawing sees the reordered copy,
    so a right-to-left name that wraps reads right to left, first line first.
    """

    blPara: Any  # the laid-out lines, set by ``Paragraph.wrap``

    def draw(self) -> None:
        logical: Any = self.blPara
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
