"""Controlled vocabularies: visit locations, feeding positions, breast sides and signs (CLINICAL.md 3, 8)."""

from __future__ import annotations

from enum import StrEnum


class Location(StrEnum):
    HOME = "home"
    OFFICE = "office"
    VIRTUAL = "virtual"

    @property
    def label(self) -> str:
        return {"home": "Home visit", "office": "Office", "virtual": "Virtual (video)"}[self.value]


class Position(StrEnum):
    """Feeding positions (CLINICAL.md section 3)."""

    CRADLE = "cradle"
    CROSS_CRADLE = "cross_cradle"
    FOOTBALL = "football"
    SIDE_LYING = "side_lying"
    LAID_BACK = "laid_back"
    UPRIGHT = "upright"
    TWIN = "twin"

    @property
    def label(self) -> str:
        return POSITION_LABELS[self]


POSITION_LABELS: dict[Position, str] = {
    Position.CRADLE: "Cradle",
    Position.CROSS_CRADLE: "Cross-cradle",
    Position.FOOTBALL: "Football (clutch, rugby)",
    Position.SIDE_LYING: "Side-lying",
    Position.LAID_BACK: "Laid-back (biological nurturing)",
    Position.UPRIGHT: "Upright (koala, straddle)",
    Position.TWIN: "Twin position (double football, double cradle, mixed)",
}


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    @property
    def label(self) -> str:
        return {"left": "Left breast", "right": "Right breast", "both": "Both breasts"}[self.value]


class BreastConcern(StrEnum):
    """What the consultant found at the breast, in the source document's terms."""

    CLOGGED_DUCT = "clogged_duct"
    MASTITIS = "mastitis"

    @property
    def label(self) -> str:
        return {"clogged_duct": "Clogged duct signs", "mastitis": "Mastitis signs"}[self.value]


class Sign(StrEnum):
    """Signs named by the source document: local (clogged duct) and general (mastitis)."""

    PAIN = "pain"
    LUMP = "lump"
    WARMTH = "warmth"
    REDNESS = "redness"
    TIREDNESS = "tiredness"
    FEELING_SICK = "feeling_sick"
    FEVER = "fever"
    CHILLS = "chills"
    NIPPLE_FISSURE = "nipple_fissure"

    @property
    def label(self) -> str:
        return SIGN_LABELS[self]

    @property
    def plain(self) -> str:
        """The sign in everyday words, for the parent's care plan."""
        return SIGN_PLAIN[self]


SIGN_LABELS: dict[Sign, str] = {
    Sign.PAIN: "Pain and tenderness",
    Sign.LUMP: "Tender localized lump",
    Sign.WARMTH: "Warmth",
    Sign.REDNESS: "Redness",
    Sign.TIREDNESS: "Tiredness",
    Sign.FEELING_SICK: "Feeling sick",
    Sign.FEVER: "Fever",
    Sign.CHILLS: "Chills",
    Sign.NIPPLE_FISSURE: "Nipple crack (fissure)",
}

SIGN_PLAIN: dict[Sign, str] = {
    Sign.PAIN: "pain and tenderness",
    Sign.LUMP: "a tender lump",
    Sign.WARMTH: "warmth",
    Sign.REDNESS: "redness",
    Sign.TIREDNESS: "feeling very tired",
    Sign.FEELING_SICK: "feeling sick",
    Sign.FEVER: "a fever",
    Sign.CHILLS: "chills",
    Sign.NIPPLE_FISSURE: "a crack in the nipple",
}

GENERAL_SIGNS = frozenset({Sign.TIREDNESS, Sign.FEELING_SICK, Sign.FEVER, Sign.CHILLS})
"""Signs that, added to those of a clogged duct, point to mastitis (source document)."""
