"""Text helpers: accent-insensitive folding for search."""

from __future__ import annotations

import unicodedata

# Letters that carry their difference in the base character, not in a combining mark.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, so "Nguyễn" and "nguyen" compare equal.

    Scripts without case or accents (CJK, Arabic letters) pass through unchanged.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.translate(_EXTRA_FOLDS))


def digits(text: str) -> str:
    """Only the digits of ``text`` (phone numbers match whatever the spacing)."""
    return "".join(ch for ch in text if ch.isdigit())
