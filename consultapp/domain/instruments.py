"""Published assessment instruments: LATCH and the Bristol Tongue Assessment Tool (BTAT).

Descriptors are those of CLINICAL.md sections 1 and 2; every item is stored, not only the total,
because the weakest item drives the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class ScoreItem:
    """One item of an instrument scored 0, 1 or 2, with the descriptor of each score."""

    key: str
    label: str
    descriptors: tuple[str, str, str]

    def describe(self, score: int) -> str:
        """Return the published descriptor for ``score``."""
        check_item_score(score)
        return self.descriptors[score]


def check_item_score(score: int) -> None:
    """Raise ValueError unless ``score`` is 0, 1 or 2."""
    if score not in (0, 1, 2):
        raise ValueError(f"an item score must be 0, 1 or 2, not {score!r}")


# LATCH: Jensen, Wallace & Kelsay, JOGNN 1994;23(1):27-32.
LATCH_SOURCE = "Jensen, Wallace & Kelsay. JOGNN 1994;23(1):27-32"
LATCH_ITEMS: tuple[ScoreItem, ...] = (
    ScoreItem(
        "latch",
        "L - Latch",
        (
            "too sleepy or reluctant, no latch achieved",
            "repeated attempts, nipple held in mouth, must stimulate to suck",
            "grasps breast, tongue down, lips flanged, rhythmic sucking",
        ),
    ),
    ScoreItem(
        "audible",
        "A - Audible swallowing",
        (
            "none",
            "a few, with stimulation",
            "spontaneous and intermittent (<24 h old) / spontaneous and frequent (>24 h)",
        ),
    ),
    ScoreItem(
        "nipple_type",
        "T - Type of nipple",
        ("inverted", "flat", "everted (after stimulation)"),
    ),
    ScoreItem(
        "comfort",
        "C - Comfort (breast/nipple)",
        (
            "engorged; cracked, bleeding, large blisters or bruises; severe discomfort",
            "filling; reddened, small blisters or bruises; mild-moderate discomfort",
            "soft; non-tender",
        ),
    ),
    ScoreItem(
        "hold",
        "H - Hold (positioning help)",
        (
            "full assist",
            "minimal assist (e.g. adjusting pillows, then parent takes over)",
            "no assist; parent positions and holds baby",
        ),
    ),
)

# BTAT: Ingram et al., Arch Dis Child Fetal Neonatal Ed 2015;100(4):F344 (CC BY-NC).
BTAT_SOURCE = "Ingram et al. Arch Dis Child Fetal Neonatal Ed 2015;100(4):F344"
BTAT_INTERPRETATION_SOURCE = "Ingram et al. Int Breastfeed J 2019;14:31 (TABBY)"
BTAT_ITEMS: tuple[ScoreItem, ...] = (
    ScoreItem("tip", "Tongue-tip appearance", ("heart-shaped", "slight cleft / notched", "rounded")),
    ScoreItem(
        "frenulum",
        "Frenulum attachment to lower gum ridge",
        ("top of gum ridge", "inner aspect of gum", "floor of mouth"),
    ),
    ScoreItem(
        "lift",
        "Tongue lift, mouth wide",
        ("minimal", "edges only to mid-mouth", "full lift to mid-mouth"),
    ),
    ScoreItem(
        "protrusion",
        "Tongue protrusion",
        ("tip stays behind gum", "tip over gum", "tip can extend over lower lip"),
    ),
)

LATCH_FURTHER_EVALUATION_BELOW = 7
"""Common teaching (secondary): a LATCH total below 7 suggests further evaluation."""


@dataclass
class _ItemScores:
    """Shared behaviour of instruments whose items are each 0-2 or not yet scored (None)."""

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                check_item_score(value)

    def item_scores(self) -> list[int | None]:
        """Item scores in the published order."""
        return [getattr(self, f.name) for f in fields(self)]

    @property
    def scored_count(self) -> int:
        return sum(1 for s in self.item_scores() if s is not None)

    @property
    def is_complete(self) -> bool:
        return all(s is not None for s in self.item_scores())

    @property
    def is_empty(self) -> bool:
        return all(s is None for s in self.item_scores())

    @property
    def total(self) -> int | None:
        """Sum of the items, or None until every item is scored."""
        scores = self.item_scores()
        if any(s is None for s in scores):
            return None
        return sum(s for s in scores if s is not None)

    @property
    def partial_total(self) -> int:
        """Sum of the items scored so far (for the live display while charting)."""
        return sum(s for s in self.item_scores() if s is not None)


@dataclass
class LatchScore(_ItemScores):
    """LATCH items, each 0-2 (None while not scored); total 0-10."""

    latch: int | None = None
    audible: int | None = None
    nipple_type: int | None = None
    comfort: int | None = None
    hold: int | None = None

    MAX = 10


@dataclass
class BtatScore(_ItemScores):
    """BTAT items, each 0-2 (None while not scored); total 0-8."""

    tip: int | None = None
    frenulum: int | None = None
    lift: int | None = None
    protrusion: int | None = None

    MAX = 8


def latch_interpretation(total: int) -> str:
    """Plain reading of a LATCH total.

    The paper defines no cut-off; common teaching (secondary) takes a total below 7 as a
    reason for further evaluation. Kumar et al., J Hum Lact 2006 found >= 9 at 16-24 h best
    predicted breastfeeding at 6 weeks.
    """
    if not 0 <= total <= LatchScore.MAX:
        raise ValueError(f"a LATCH total is 0-10, not {total}")
    if total < LATCH_FURTHER_EVALUATION_BELOW:
        return "below 7: further evaluation suggested"
    return "7 or more: the total raises no flag"


def btat_interpretation(total: int) -> str:
    """Interpretation of a BTAT total as given with TABBY (Ingram et al. 2019).

    8 normal tongue function; 6-7 borderline; 5 or less impaired tongue function
    (which may or may not affect feeding).
    """
    if not 0 <= total <= BtatScore.MAX:
        raise ValueError(f"a BTAT total is 0-8, not {total}")
    if total == 8:
        return "normal tongue function"
    if total >= 6:
        return "borderline tongue function"
    return "impaired tongue function"
