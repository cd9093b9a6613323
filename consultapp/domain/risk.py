"""Risk factors for clogged ducts and mastitis, as the source document names them (CLINICAL.md section 8).

Clogged ducts: ducts not emptied (infrequent feeding, improper latch, pressure on part of the breast).
Mastitis: those, plus a clogged duct present, tongue tie, weak suckle, suddenly stopping breastfeeding
(for a time or for good), being unrested, a history of mastitis. An unknown input (None) raises nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from consultapp.domain.birth_norms import newborn_feed_norm_applies
from consultapp.domain.settings import DEFAULT_THRESHOLDS, SOURCES, ClinicalThresholds
from consultapp.domain.source_steps import SOURCE_TITLE

_CLOGGED = f"{SOURCE_TITLE}: causes of clogged ducts (CLINICAL.md section 8)"
_MASTITIS = f"{SOURCE_TITLE}: risk factors for mastitis (Giugliani, 2004) (CLINICAL.md section 8)"


class RiskFactor(StrEnum):
    CLOGGED_DUCT = "clogged_duct"
    IMPROPER_LATCH = "improper_latch"
    INFREQUENT_FEEDING = "infrequent_feeding"
    PRESSURE_ON_BREAST = "pressure_on_breast"
    TONGUE_TIE = "tongue_tie"
    WEAK_SUCKLE = "weak_suckle"
    SUDDEN_STOP = "sudden_stop"
    UNRESTED = "unrested"
    PREVIOUS_MASTITIS = "previous_mastitis"

    @property
    def label(self) -> str:
        return RISK_LABELS[self]

    @property
    def causes_clogged_ducts(self) -> bool:
        """True for the causes of clogged ducts; every factor here is a mastitis risk factor."""
        return self in CLOGGED_DUCT_CAUSES


RISK_LABELS: dict[RiskFactor, str] = {
    RiskFactor.CLOGGED_DUCT: "A clogged duct is present",
    RiskFactor.IMPROPER_LATCH: "Improper latch",
    RiskFactor.INFREQUENT_FEEDING: "Infrequent feeding",
    RiskFactor.PRESSURE_ON_BREAST: "Pressure on part of the breast",
    RiskFactor.TONGUE_TIE: "Tongue tie",
    RiskFactor.WEAK_SUCKLE: "Weak suckle",
    RiskFactor.SUDDEN_STOP: "Suddenly stopping breastfeeding (for a time or for good)",
    RiskFactor.UNRESTED: "Being unrested",
    RiskFactor.PREVIOUS_MASTITIS: "A history of mastitis",
}

CLOGGED_DUCT_CAUSES = frozenset(
    {RiskFactor.INFREQUENT_FEEDING, RiskFactor.IMPROPER_LATCH, RiskFactor.PRESSURE_ON_BREAST}
)


@dataclass(frozen=True)
class RiskInputs:
    """What the risk factors read; None means "not recorded".

    ``latch_item`` is the L item of LATCH (0-2); ``ineffective_latch_signs`` the ineffective-latch signs
    ticked (CLINICAL.md section 3, e.g. "clicking"); ``btat_total`` a complete BTAT/TABBY total (0-8);
    ``tongue_tie_diagnosed`` a tie found by another assessment (e.g. a Hazelbaker rule or a physician).
    ``days_since_birth``: the baby's age; a count of feeds counts only in the newborn period (CLINICAL.md 11).
    """

    clogged_duct_present: bool | None = None
    latch_item: int | None = None
    ineffective_latch_signs: tuple[str, ...] = ()
    feeds_per_24h: int | None = None
    days_since_birth: int | None = None
    pressure_on_breast: bool | None = None
    btat_total: int | None = None
    tongue_tie_diagnosed: bool | None = None
    weak_suckle: bool | None = None
    stopped_suddenly: bool | None = None
    unrested: bool | None = None
    previous_mastitis: bool | None = None

    def __post_init__(self) -> None:
        for name, value, high in (("LATCH L item", self.latch_item, 2), ("BTAT total", self.btat_total, 8)):
            if value is not None and (isinstance(value, bool) or not 0 <= value <= high):
                raise ValueError(f"the {name} must be 0-{high}, not {value!r}")
        if self.feeds_per_24h is not None and self.feeds_per_24h < 0:
            raise ValueError("the number of feeds must not be negative")


RISK_CAUSES: dict[RiskFactor, tuple[str, ...]] = {
    RiskFactor.CLOGGED_DUCT: ("clogged_duct_present",),
    RiskFactor.IMPROPER_LATCH: ("latch_item", "ineffective_latch_signs"),
    RiskFactor.INFREQUENT_FEEDING: ("feeds_per_24h", "days_since_birth"),
    RiskFactor.PRESSURE_ON_BREAST: ("pressure_on_breast",),
    RiskFactor.TONGUE_TIE: ("btat_total", "tongue_tie_diagnosed"),
    RiskFactor.WEAK_SUCKLE: ("weak_suckle",),
    RiskFactor.SUDDEN_STOP: ("stopped_suddenly",),
    RiskFactor.UNRESTED: ("unrested",),
    RiskFactor.PREVIOUS_MASTITIS: ("previous_mastitis",),
}
"""The inputs each factor reads; clearing them always removes the factor."""


@dataclass(frozen=True)
class RiskFactorFound:
    """A risk factor present at the visit, why it was found ("latch scored 1 of 2"), and its source."""

    factor: RiskFactor
    reason: str
    source: str


def risk_factors(
    inputs: RiskInputs, thresholds: ClinicalThresholds = DEFAULT_THRESHOLDS
) -> list[RiskFactorFound]:
    """The source document's risk factors present in ``inputs``, in the order of RiskFactor.

    Improper latch: LATCH L item below 2, or any ineffective-latch sign. Infrequent feeding: fewer than
    ``thresholds.min_feeds_per_24h`` feeds in 24 hours (8 by default), in the newborn period only (before
    ``thresholds.min_feeds_applies_until_day``, day 28; after it a count alone is no flag, Kent 2006).
    Tongue tie: BTAT total at or below ``thresholds.btat_impaired_at_most`` (5), or a tie diagnosed otherwise.
    Source: CLINICAL.md section 8 (the seed document), thresholds as in ``settings.SOURCES``.
    """
    found: list[RiskFactorFound] = []

    def add(factor: RiskFactor, reason: str, source: str) -> None:
        found.append(RiskFactorFound(factor, reason, source))

    if inputs.clogged_duct_present:
        add(RiskFactor.CLOGGED_DUCT, "a clogged duct is present", _MASTITIS)

    latch_reasons: list[str] = []
    if inputs.latch_item is not None and inputs.latch_item < 2:
        latch_reasons.append(f"latch scored {inputs.latch_item} of 2")
    if inputs.ineffective_latch_signs:
        latch_reasons.append("signs of an ineffective latch: " + ", ".join(inputs.ineffective_latch_signs))
    if latch_reasons:
        add(RiskFactor.IMPROPER_LATCH, "; ".join(latch_reasons), _CLOGGED)

    feeds = inputs.feeds_per_24h
    newborn = newborn_feed_norm_applies(inputs.days_since_birth, thresholds)
    if feeds is not None and feeds < thresholds.min_feeds_per_24h and newborn:
        add(
            RiskFactor.INFREQUENT_FEEDING,
            f"{feeds} feeds in 24 hours (fewer than {thresholds.min_feeds_per_24h})",
            f"{_CLOGGED}; {SOURCES['min_feeds_per_24h']}; {SOURCES['min_feeds_applies_until_day']}",
        )

    if inputs.pressure_on_breast:
        add(RiskFactor.PRESSURE_ON_BREAST, "pressure on part of the breast", _CLOGGED)

    tie_reasons: list[str] = []
    tie_source = _MASTITIS
    btat = inputs.btat_total
    if btat is not None and btat <= thresholds.btat_impaired_at_most:
        tie_reasons.append(
            f"tongue check (BTAT) {btat} of 8 "
            f"({thresholds.btat_impaired_at_most} or less: impaired tongue function)"
        )
        tie_source = f"{_MASTITIS}; {SOURCES['btat_impaired_at_most']}"
    if inputs.tongue_tie_diagnosed:
        tie_reasons.append("tongue tie diagnosed")
    if tie_reasons:
        add(RiskFactor.TONGUE_TIE, "; ".join(tie_reasons), tie_source)

    for present, factor, reason in (
        (inputs.weak_suckle, RiskFactor.WEAK_SUCKLE, "weak suckle"),
        (inputs.stopped_suddenly, RiskFactor.SUDDEN_STOP, "breastfeeding stopped suddenly"),
        (inputs.unrested, RiskFactor.UNRESTED, "not rested"),
        (inputs.previous_mastitis, RiskFactor.PREVIOUS_MASTITIS, "mastitis before"),
    ):
        if present:
            add(factor, reason, _MASTITIS)
    return found
