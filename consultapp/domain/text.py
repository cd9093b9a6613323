"""Text helpers: accent-insensitive folding for search, and the English month and day names documents print."""

from __future__ import annotations

import datetime as dt
import unicodedata

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
"""English month names, whatever the machine's locale."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(date: dt.date) -> str:
    """``26 November 2026``."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


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


_PHONE_MARKS = frozenset("+-().")


def search_words(query: str) -> list[str]:
    """The words typed in a search box, folded. A phone number typed as it is written ("(415)",
    "555-0199", "+1") becomes its digits: phone numbers are searched by their digits."""
    words = []
    for word in fold(query).split():
        if any(ch.isdigit() for ch in word) and all(ch.isdigit() or ch in _PHONE_MARKS for ch in word):
            word = digits(word)
        words.append(word)
    return words
