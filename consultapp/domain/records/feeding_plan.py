"""A baby's feeding plan as the consultant records it at a visit: what extra milk, how much, how, how often,
expressing to protect the supply, and when to weigh again (CLINICAL.md section 10).

``FeedingPlan`` checks each number's range when it is made (a typing slip or a damaged file); whether a plan is
complete enough to print (a supplement needs its volume and an expression step, CLINICAL.md 18.10) is asked with
``FeedingPlan.problems``, so a half-typed plan can still live in a draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from consultapp.domain.records.checks import check_range


class Supplement(StrEnum):
    """What extra milk the baby gets, in the order to prefer (own milk, donor milk, formula: CLINICAL.md 10).

    There is deliberately no water or glucose water (AAP hyperbilirubinemia guideline, Kemper 2022; 18.4).
    """

    NONE = "none"
    OWN_MILK = "own_milk"
    DONOR_MILK = "donor_milk"
    FORMULA = "formula"

    @property
    def label(self) -> str:
        return {
            "none": "None (breastfeeding only)",
            "own_milk": "Own expressed milk",
            "donor_milk": "Pasteurised donor milk",
            "formula": "Formula",
        }[self.value]

    @property
    def plain(self) -> str:
        """In a parent's words: "your own expressed milk"."""
        return {
            "none": "no extra milk",
            "own_milk": "your own expressed milk",
            "donor_milk": "pasteurised donor milk",
            "formula": "formula",
        }[self.value]


class SupplementMethod(StrEnum):
    """How the supplement is given (ABM #10 as tabulated; CLINICAL.md section 10)."""

    SPOON = "spoon"
    CUP = "cup"
    SYRINGE = "syringe"
    AT_BREAST_SUPPLEMENTER = "at_breast_supplementer"
    PACED_BOTTLE = "paced_bottle"
    FINGER_FEEDING = "finger_feeding"

    @property
    def label(self) -> str:
        return {
            "spoon": "Spoon",
            "cup": "Cup",
            "syringe": "Syringe",
            "at_breast_supplementer": "At-breast supplementer",
            "paced_bottle": "Paced bottle",
            "finger_feeding": "Finger feeding",
        }[self.value]

    @property
    def caveat(self) -> str:
        """For the consultant: when the method suits (CLINICAL.md section 10's table)."""
        return {
            "spoon": "low volume, short term (Open Exam Prep, secondary)",
            "cup": "low volume, short term; safe, but less intake and more spillage than a bottle "
            "(McKinney et al., Matern Child Health J 2016)",
            "syringe": "low volume, short term (Open Exam Prep, secondary)",
            "at_breast_supplementer": "stimulates the breast; needs a latch (Open Exam Prep, secondary)",
            "paced_bottle": "baby upright, bottle horizontal, slow teat, frequent pauses (Galactapedia, secondary)",
            "finger_feeding": "listed by ABM #10 as tabulated in the Hospital Pediatrics table; short term",
        }[self.value]


class ExpressMethod(StrEnum):
    """How the parent expresses to protect her supply."""

    HAND = "hand"
    PUMP = "pump"
    HAND_THEN_PUMP = "hand_then_pump"

    @property
    def label(self) -> str:
        return {"hand": "By hand", "pump": "Pump", "hand_then_pump": "By hand, then pump"}[self.value]


@dataclass
class FeedingPlan:
    """One baby's feeding plan at one visit; every field may be left unset except the supplement."""

    supplement: Supplement = Supplement.NONE
    amount_min_ml: int | None = None
    amount_max_ml: int | None = None
    feeds_per_24h: int | None = None
    """How many supplemented feeds in 24 hours."""
    method: SupplementMethod | None = None
    expressing: ExpressMethod | None = None
    expressions_per_24h: int | None = None
    express_minutes: int | None = None
    reweigh_on: dt.date | None = None
    reweigh_within_hours: int | None = None
    notes: str = ""

    def __post_init__(self) -> None:
        # Accept the stored text of the enums (a draft, an export file).
        self.supplement = Supplement(self.supplement)
        if self.method is not None:
            self.method = SupplementMethod(self.method)
        if self.expressing is not None:
            self.expressing = ExpressMethod(self.expressing)
        check_range("amount per feed (from)", self.amount_min_ml, 1, 250, "mL")
        check_range("amount per feed (to)", self.amount_max_ml, 1, 250, "mL")
        check_range("supplemented feeds in 24 hours", self.feeds_per_24h, 1, 24)
        check_range("expressions in 24 hours", self.expressions_per_24h, 1, 24)
        check_range("minutes of expressing", self.express_minutes, 1, 120, "minutes")
        check_range("re-weigh within", self.reweigh_within_hours, 1, 24 * 31, "hours")
        low, high = self.amount_min_ml, self.amount_max_ml
        if low is not None and high is not None and low > high:
            raise ValueError(f"the amount per feed runs from {low} to {high} mL: the first must not be larger")

    @property
    def supplementing(self) -> bool:
        return self.supplement is not Supplement.NONE

    @property
    def amount_range(self) -> tuple[int, int] | None:
        """(from, to) in mL; one end given stands for both; None when no amount is given."""
        low, high = self.amount_min_ml, self.amount_max_ml
        if low is None and high is None:
            return None
        return (low if low is not None else high, high if high is not None else low)  # type: ignore[return-value]

    @property
    def has_expressing(self) -> bool:
        return self.expressing is not None and self.expressions_per_24h is not None

    def is_blank(self) -> bool:
        return self == FeedingPlan()

    def problems(self) -> list[tuple[str, str]]:
        """What keeps a supplement from being printed, as (field, message): CLINICAL.md 18.10 says never a
        supplement without its volume and an expression step (the age in hours comes from the visit)."""
        if not self.supplementing:
            return []
        found: list[tuple[str, str]] = []
        if self.amount_range is None:
            found.append(("amount", "A supplement needs an amount per feed (mL)."))
        if self.feeds_per_24h is None:
            found.append(("feeds", "A supplement needs how many feeds in 24 hours."))
        if not self.has_expressing:
            found.append(("expressing", "A supplement needs an expression step: how, and how many times in 24 hours."))
        return found
