"""What documents make once per process and share: each thing made again from a changed input changes with it."""

from __future__ import annotations

from consultapp.documents.letter import _letter_styles
from consultapp.documents.styles import shared_stylesheet, stylesheet, user_text


def test_the_shared_stylesheet_is_built_once_with_the_styles_of_a_fresh_one() -> None:
    assert shared_stylesheet() is shared_stylesheet()
    assert shared_stylesheet(compact=True) is shared_stylesheet(compact=True) is not shared_stylesheet()
    for compact in (False, True):
        fresh, shared = stylesheet(compact=compact), shared_stylesheet(compact=compact)
        assert fresh.byName.keys() == shared.byName.keys()
        for name, style in fresh.byName.items():
            mine, theirs = dict(vars(style)), dict(vars(shared[name]))
            assert getattr(mine.pop("parent"), "name", None) == getattr(theirs.pop("parent"), "name", None)
            assert mine == theirs, name


def test_the_letter_changes_its_own_styles_not_the_shared_ones() -> None:
    before = shared_stylesheet()["Subheading"].fontSize
    letter = _letter_styles()
    assert letter["Subheading"].fontSize != before == shared_stylesheet()["Subheading"].fontSize


def test_user_text_markup_is_made_for_each_text() -> None:
    assert user_text("Ana & Co") == "Ana &amp; Co"
    assert user_text("Ana & Co") is user_text("Ana & Co")
    assert user_text("Ana < Co") == "Ana &lt; Co"
    assert user_text("Mia 🌸") != user_text("Mia")
