"""The parent's words added for issue 18 points 2, 4 and 5 read at grade 8 or below (Flesch-Kincaid).

A small estimator (vowel groups as syllables, a silent final "e" dropped): good enough to catch a long,
clinical sentence, which is what the limit is for. Each text is checked whole and sentence by sentence.
"""

from __future__ import annotations

import re

import pytest

from consultapp.domain.careplan.wording import CORYLLOS_PLAIN, KOTLOW_PLAIN, MASTITIS_NOT_SAME_DAY

PARENT_TEXTS: tuple[str, ...] = (
    MASTITIS_NOT_SAME_DAY,
    "You have a temperature of 39.4 °C (102.9 °F) with signs in your breast. Call your doctor today.",
    "You have a sore breast with chills: call your doctor today.",
    *(f"The free part of your baby's tongue is 10 mm long. {words}" for words in KOTLOW_PLAIN.values()),
    *(f"The thin band under the tongue is attached {where}. This shows where it is attached, not how it affects "
      "feeding." for where in CORYLLOS_PLAIN.values()),
    "Ask your baby's doctor to check your baby's tongue. Why: a tongue check shows your baby's tongue does not "
    "move freely.",
    "After the tongue check, book a visit with us soon, so we can watch a feed again.",
    "After the first weeks, babies feed 6 to 18 times a day. Weight gain and diapers tell us more.",
    "Feed your baby often, whenever your baby shows hunger signs: at least 8 times in 24 hours.",
    "Your baby was born early, at 36+2 weeks. Babies born early tire sooner at the breast, so we check weight "
    "and feeding more closely.",
    "After a caesarean birth, many babies lose a little more weight in the first days.",
    "Your baby was born early, at 36+2 weeks. For a baby born early, a loss of about 3.4% a day means we look "
    "closely at feeding.",
)


def _syllables(word: str) -> int:
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def fk_grade(text: str) -> float:
    sentences = [s for s in re.split(r"[.!?:]+(?:\s|$)", text) if s.strip()]
    words = re.findall(r"[A-Za-z']+|\d+", text)
    syllables = sum(_syllables(w) if w.isalpha() or "'" in w else 1 for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59


def test_the_estimator_tells_plain_from_clinical() -> None:
    assert fk_grade("Feed your baby often. Rest when you can.") < 3
    assert fk_grade("Ankyloglossia necessitates comprehensive multidisciplinary evaluation of lingual function.") > 12


@pytest.mark.parametrize("text", PARENT_TEXTS)
def test_parent_text_reads_at_grade_8_or_below(text: str) -> None:
    assert fk_grade(text) <= 8, text
