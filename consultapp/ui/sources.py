"""Sources as a consultant reads them: the published paper or guideline, never the project's own notes.

The domain's source strings point developers at CLINICAL.md, a file consultants do not have; the screens show
the paper, protocol or guidance named beside that pointer, with the pointer taken out."""

from __future__ import annotations

import re

# Where a source string says no more than "CLINICAL.md section N", the published source that section gives.
_SECTION_SOURCES = {
    "1": "Jensen, Wallace & Kelsay, JOGNN 1994",
    "2": "Ingram et al., Int Breastfeed J 2019 (TABBY)",
    "4": 'AAP, "First office visit 3-5 days"',
    "5": "Texas WIC output chart; AAP",
    "6": "ABM Clinical Protocol #36, Mitchell et al., Breastfeed Med 2022",
    "7": "ABM Clinical Protocols #4 and #36 (red flags)",
    "8": "the practice's source document",
}
_POINTER = re.compile(r"\s*\(CLINICAL\.md sections? [0-9, ]+\)")
_BARE = re.compile(r"CLINICAL\.md sections? ([0-9]+)")


def published(source: str) -> str:
    """``source`` without its pointer to CLINICAL.md; a bare pointer becomes the section's published source."""
    text = _POINTER.sub("", source.replace("red flag, CLINICAL.md section 7", "a red flag"))
    text = _BARE.sub(lambda m: _SECTION_SOURCES.get(m.group(1), "the published sources"), text)
    text = text.replace("CLINICAL.md gives no number", "the published sources give no number")
    return text.replace("CLINICAL.md", "the published sources")
