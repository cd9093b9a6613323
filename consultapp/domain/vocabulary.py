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


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNDETERMINED = "undetermined"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class DeliveryMode(StrEnum):
    VAGINAL = "vaginal"
    ASSISTED_VAGINAL = "assisted_vaginal"
    CAESAREAN_PLANNED = "caesarean_planned"
    CAESAREAN_UNPLANNED = "caesarean_unplanned"

    @property
    def label(self) -> str:
        return {
            "vaginal": "Vaginal",
            "assisted_vaginal": "Assisted vaginal (forceps, vacuum)",
            "caesarean_planned": "Caesarean, planned",
            "caesarean_unplanned": "Caesarean, unplanned",
        }[self.value]


class EffectiveSign(StrEnum):
    """Signs of an effective latch (CLINICAL.md section 3)."""

    WIDE_GAPE = "wide_gape"
    LIPS_FLANGED = "lips_flanged"
    ASYMMETRIC = "asymmetric"
    CHIN_IN_NOSE_FREE = "chin_in_nose_free"
    ROUNDED_CHEEKS = "rounded_cheeks"
    RHYTHMIC_SUCK_SWALLOW = "rhythmic_suck_swallow"
    COMFORTABLE_AFTER_30S = "comfortable_after_30s"
    NIPPLE_ROUND_AFTER = "nipple_round_after"

    @property
    def label(self) -> str:
        return {
            "wide_gape": "Wide gape",
            "lips_flanged": "Lips flanged",
            "asymmetric": "Asymmetric latch",
            "chin_in_nose_free": "Chin in breast, nose free",
            "rounded_cheeks": "Rounded cheeks",
            "rhythmic_suck_swallow": "Rhythmic suck-swallow",
            "comfortable_after_30s": "Comfortable after the first ~30 s",
            "nipple_round_after": "Nipple round after feed",
        }[self.value]


class IneffectiveSign(StrEnum):
    """Signs of an ineffective latch (CLINICAL.md section 3)."""

    NARROW_GAPE = "narrow_gape"
    LIPS_TUCKED = "lips_tucked"
    CHEEK_DIMPLING = "cheek_dimpling"
    CLICKING = "clicking"
    SLIPPING_OFF = "slipping_off"
    CHOMPING = "chomping"
    PAIN_THROUGH_FEED = "pain_through_feed"
    BREAST_NOT_SOFTENED = "breast_not_softened"
    STILL_HUNGRY = "still_hungry"

    @property
    def label(self) -> str:
        return {
            "narrow_gape": "Narrow gape",
            "lips_tucked": "Lips tucked",
            "cheek_dimpling": "Cheek dimpling",
            "clicking": "Clicking",
            "slipping_off": "Slipping off",
            "chomping": "Chomping",
            "pain_through_feed": "Pain through the feed",
            "breast_not_softened": "Breast not softened after",
            "still_hungry": "Baby still hungry, or asleep quickly with few swallows",
        }[self.value]


class NippleShape(StrEnum):
    """Nipple shape after the feed (CLINICAL.md section 3)."""

    ROUND = "round"
    WEDGED = "wedged"
    BLANCHED = "blanched"
    VASOSPASM = "vasospasm"
    PINCHED = "pinched"

    @property
    def label(self) -> str:
        return {
            "round": "Round",
            "wedged": "Lipstick / wedged / creased",
            "blanched": "Blanched",
            "vasospasm": "Blanched-blue-red (vasospasm)",
            "pinched": "Pinched",
        }[self.value]


class NippleDamage(StrEnum):
    CRACK = "crack"
    BLISTER = "blister"
    BRUISE = "bruise"
    BLEEDING = "bleeding"
    SCAB = "scab"
    BLEB = "bleb"

    @property
    def label(self) -> str:
        return "Crack / fissure" if self is NippleDamage.CRACK else self.value.capitalize()


class FindingKind(StrEnum):
    """What a finding placed on the breast map is."""

    LUMP = "lump"
    REDNESS = "redness"
    WARMTH = "warmth"
    HARDNESS = "hardness"
    BLEB = "bleb"
    NIPPLE_DAMAGE = "nipple_damage"

    @property
    def label(self) -> str:
        return "Nipple damage" if self is FindingKind.NIPPLE_DAMAGE else self.value.capitalize()

    @property
    def plain(self) -> str:
        return {
            "lump": "a lump",
            "redness": "a red area",
            "warmth": "a warm area",
            "hardness": "a hard area",
            "bleb": "a milk blister (bleb)",
            "nipple_damage": "nipple damage",
        }[self.value]


class SpectrumCondition(StrEnum):
    """The mastitis spectrum of ABM Clinical Protocol #36 (2022), named by the consultant."""

    DUCTAL_NARROWING = "ductal_narrowing"
    INFLAMMATORY_MASTITIS = "inflammatory_mastitis"
    BACTERIAL_MASTITIS = "bacterial_mastitis"
    PHLEGMON = "phlegmon"
    ABSCESS = "abscess"
    GALACTOCELE = "galactocele"
    SUBACUTE_MASTITIS = "subacute_mastitis"
    ENGORGEMENT = "engorgement"
    NIPPLE_BLEB = "nipple_bleb"

    @property
    def label(self) -> str:
        return {
            "ductal_narrowing": "Ductal narrowing (formerly plugged duct)",
            "inflammatory_mastitis": "Inflammatory mastitis",
            "bacterial_mastitis": "Bacterial mastitis",
            "phlegmon": "Phlegmon",
            "abscess": "Abscess",
            "galactocele": "Galactocele",
            "subacute_mastitis": "Subacute mastitis",
            "engorgement": "Engorgement",
            "nipple_bleb": "Nipple bleb",
        }[self.value]


class TongueTool(StrEnum):
    """BTAT and TABBY share items and scores (Ingram et al. 2015, 2019); record which was used."""

    BTAT = "btat"
    TABBY = "tabby"

    @property
    def label(self) -> str:
        return self.value.upper()


class PlanVariant(StrEnum):
    """Which wording the practice gives for clogged ducts and mastitis (CLINICAL.md section 6)."""

    SOURCE_DOCUMENT = "source_document"
    ABM36 = "abm36"

    @property
    def label(self) -> str:
        return {
            "source_document": "The practice's source document (warm packs, massage toward the nipple)",
            "abm36": "ABM Clinical Protocol #36, 2022 (cold packs, light strokes, no over-pumping)",
        }[self.value]


class Advice(StrEnum):
    """What a step or a handout section tells the parent to do, where the wordings disagree (CLINICAL.md 15).

    Steps carry it by key (``voice.STEP_ADVICE``), handout sections in their ``advice`` list; ``voice``
    holds the pairs that contradict each other.
    """

    WARMTH = "warmth"
    COLD = "cold"
    MASSAGE_TOWARD_NIPPLE = "massage_toward_nipple"
    NO_DEEP_MASSAGE = "no_deep_massage"
    DRAIN_BREAST = "drain_breast"
    """Empty or drain the breast: finish it until soft, express until softer."""
    EXTRA_FEEDS = "extra_feeds"
    """Feed more often from the sore breast."""
    NO_EXTRA_REMOVAL = "no_extra_removal"
    """No extra feeds or pumping to empty the breast (ABM #36)."""
    EXPRESS_FOR_COMFORT = "express_for_comfort"
    EXPRESS_TO_REPLACE_FEEDS = "express_to_replace_feeds"
    """Expressing for each supplemented feed: protects the supply, is not over-pumping (CLINICAL.md 15)."""
    ON_CUE = "on_cue"
    SCHEDULED_FEEDS = "scheduled_feeds"
    """Feeds by the clock: never printed (a mastitis risk factor, ABM #4/#36; CLINICAL.md 11 and 18)."""
    ANTIBIOTICS_IF_SEVERE = "antibiotics_if_severe"
    ANTIBIOTICS_ONLY_BACTERIAL = "antibiotics_only_bacterial"
class NippleSign(StrEnum):
    """Nipple damage as recorded per side (CLINICAL.md section 13: there is no standard definition; Lopes et al.
    list erythema, swelling, blister, fissure and scab)."""

    ERYTHEMA = "erythema"
    SWELLING = "swelling"
    BLISTER = "blister"
    FISSURE = "fissure"
    SCAB = "scab"

    @property
    def label(self) -> str:
        return {
            "erythema": "Erythema (redness)",
            "swelling": "Swelling",
            "blister": "Blister",
            "fissure": "Fissure (crack)",
            "scab": "Scab",
        }[self.value]

    @property
    def plain(self) -> str:
        """In a parent's words, for the care plan."""
        return {
            "erythema": "redness",
            "swelling": "swelling",
            "blister": "a blister",
            "fissure": "a crack",
            "scab": "a scab",
        }[self.value]


class MaternalCondition(StrEnum):
    """What in the mother's history can lower or delay the milk supply (CLINICAL.md section 17)."""

    PCOS = "pcos"
    THYROID = "thyroid"
    DIABETES = "diabetes"
    RETAINED_PLACENTA = "retained_placenta"
    """Suspected retained placenta (lactogenesis II needs complete placental expulsion)."""
    DELAYED_LACTOGENESIS = "delayed_lactogenesis"
    """Milk came in more than 72 hours after birth (delayed lactogenesis II)."""

    @property
    def label(self) -> str:
        return {
            "pcos": "Polycystic ovary syndrome (PCOS)",
            "thyroid": "Thyroid disease",
            "diabetes": "Diabetes (any type, including gestational)",
            "retained_placenta": "Suspected retained placenta",
            "delayed_lactogenesis": "Milk came in late (more than 72 hours after birth)",
        }[self.value]
