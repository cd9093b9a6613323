"""One line of user text in a drawing (``reportlab.graphics``), in the fallback fonts a paragraph would use.

A ``Paragraph`` gets fallback fonts from ``styles.user_text`` markup; a drawing's ``String`` has one font, so a
twin named "王小明" or "Mia 🌸" printed "Weight of □□□" in a chart title, with NUL characters in the text layer.
``fallback_line`` draws the line as runs, each in the first font that has its characters, and shortens it with
an ellipsis when it is wider than the room given (a title: the whole name prints in the text beside it).
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Group, String
from reportlab.pdfbase import pdfmetrics

from consultapp.documents import styles

ELLIPSIS = "…"


def runs(text: str, font_name: str) -> list[tuple[str, str]]:
    """``text`` cut into (font, text) runs: ``font_name`` where it has the character, else a fallback font."""
    own = styles._glyphs(font_name)
    out: list[tuple[str, str]] = []
    for ch in text:
        font = font_name if ch.isspace() or ord(ch) in own else styles._font_for(ord(ch)) or font_name
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + ch)
        else:
            out.append((font, ch))
    return out


def _width(parts: list[tuple[str, str]], size: float) -> float:
    return float(sum(pdfmetrics.stringWidth(text, font, size) for font, text in parts))


def fallback_line(x: float, y: float, text: str, font_name: str, font_size: float,
                  max_width: float | None = None, **string_kwargs: Any) -> Group:
    """``text`` drawn from (``x``, ``y``) as left-aligned ``String`` runs, cut to ``max_width`` with an ellipsis."""
    parts = runs(text, font_name)
    if max_width is not None and _width(parts, font_size) > max_width:
        low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
        while low < high:
            mid = (low + high + 1) // 2
            if _width(runs(text[:mid].rstrip() + ELLIPSIS, font_name), font_size) <= max_width:
                low = mid
            else:
                high = mid - 1
        parts = runs(text[:low].rstrip() + ELLIPSIS, font_name)
    group = Group()
    for font, chunk in parts:
        group.add(String(x, y, chunk, fontName=font, fontSize=font_size, **string_kwargs))
        x += pdfmetrics.stringWidth(chunk, font, font_size)
    return group
