"""Expected wet and dirty diapers by day of life, and the problems a day's count shows (CLINICAL.md 5)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

OUTPUT_SOURCE = (
    "Texas WIC output chart (secondary); AAP: 6 or more clear urines by day 4-5 (CLINICAL.md section 5)"
)

WET_FROM_DAY_5 = 6
"""Wet diapers expected each day from day 5 of life on."""

STOOL_NORM_LAST_DAY = 42
"""The stool minimum (3 yellow a day from day 4) holds "to about 6 weeks": read as day 42 of life.
CLINICAL.md gives no stool minimum after that."""


class StoolColour(StrEnum):
    MECONIUM = "meconium"
    TRANSITIONAL = "transitional"
    YELLOW = "yellow"
    PALE = "pale"
    """Pale, clay-coloured or white: same-day physician (possible biliary atresia; CLINICAL.md section 12)."""
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "meconium": "Meconium (black, sticky)",
            "transitional": "Transitional (green-brown)",
            "yellow": "Yellow",
            "pale": "Pale, clay or white",
            "other": "Other",
        }[self.value]


@dataclass(frozen=True)
class OutputNorm:
    """The least output expected on one day of life. ``min_stools`` is None where no minimum is given."""

    day_of_life: int
    min_wet: int
    min_stools: int | None
    stool_note: str
    source: str = OUTPUT_SOURCE


def _check_day(day_of_life: int) -> None:
    if isinstance(day_of_life, bool) or not isinstance(day_of_life, int) or day_of_life < 1:
        raise ValueError(f"day of life counts from 1 (the first 24 hours), not {day_of_life!r}")


def output_norm(day_of_life: int) -> OutputNorm:
    """Expected output on ``day_of_life`` (1 = the first 24 hours).

    Wet: day 1 at least 1, day 2 at least 2, day 3 at least 3, day 4 at least 4, day 5 on at least 6.
    Stools: days 1-3 at least the day of life (meconium, then transitional); day 4 to about 6 weeks
    (day 42) at least 3 yellow; no minimum after that.

    Source: CLINICAL.md section 5 (Texas WIC chart, secondary; AAP).
    """
    _check_day(day_of_life)
    min_wet = day_of_life if day_of_life <= 4 else WET_FROM_DAY_5
    if day_of_life == 1:
        return OutputNorm(1, min_wet, 1, "meconium (black, sticky)")
    if day_of_life <= 3:
        return OutputNorm(
            day_of_life, min_wet, day_of_life, "meconium changing to transitional (green-brown)"
        )
    if day_of_life <= STOOL_NORM_LAST_DAY:
        return OutputNorm(day_of_life, min_wet, 3, "yellow")
    return OutputNorm(day_of_life, min_wet, None, "no stool minimum given after about 6 weeks")


class OutputProblemCode(StrEnum):
    WET_BELOW_NORM = "wet_below_norm"
    STOOLS_BELOW_NORM = "stools_below_norm"
    MECONIUM_ON_DAY_5 = "meconium_on_day_5"
    FEWER_THAN_6_WET_AFTER_DAY_5 = "fewer_than_6_wet_after_day_5"
    URATES_AFTER_DAY_4 = "urates_after_day_4"


NAMED_RED_FLAGS = frozenset(
    {
        OutputProblemCode.MECONIUM_ON_DAY_5,
        OutputProblemCode.FEWER_THAN_6_WET_AFTER_DAY_5,
        OutputProblemCode.URATES_AFTER_DAY_4,
    }
)
"""The three red flags section 5 names. Section 7 treats any output below section 5 as a red flag too."""


@dataclass(frozen=True)
class OutputProblem:
    """One way a day's diapers fall short, in plain words for a parent."""

    code: OutputProblemCode
    reason: str
    source: str = OUTPUT_SOURCE

    @property
    def named_red_flag(self) -> bool:
        return self.code in NAMED_RED_FLAGS


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def check_output(
    day_of_life: int,
    wet: int,
    dirty: int,
    stool_colour: StoolColour | None = None,
    urates: bool = False,
) -> list[OutputProblem]:
    """Problems shown by a day's wet and dirty diapers, stool colour and urates (brick-red crystals).

    Wet diapers below the norm are WET_BELOW_NORM up to day 5, and from day 6 the named red flag
    FEWER_THAN_6_WET_AFTER_DAY_5 instead (one problem, not two). Meconium on day 5 or later and urates
    on day 5 or later ("after day 4") are red flags. Stools are counted whatever their colour; only
    meconium from day 5 is a colour problem, since CLINICAL.md names no other.

    Source: CLINICAL.md section 5.
    """
    norm = output_norm(day_of_life)
    for name, n in (("wet", wet), ("dirty", dirty)):
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"the number of {name} diapers must be a whole number 0 or more, not {n!r}")
    problems: list[OutputProblem] = []
    if wet < norm.min_wet:
        if day_of_life > 5:
            problems.append(
                OutputProblem(
                    OutputProblemCode.FEWER_THAN_6_WET_AFTER_DAY_5,
                    f"Only {_plural(wet, 'wet diaper')} in a day; after day 5 a baby should have at least 6.",
                )
            )
        else:
            problems.append(
                OutputProblem(
                    OutputProblemCode.WET_BELOW_NORM,
                    f"Only {_plural(wet, 'wet diaper')} on day {day_of_life}; "
                    f"expected at least {norm.min_wet}.",
                )
            )
    if norm.min_stools is not None and dirty < norm.min_stools:
        problems.append(
            OutputProblem(
                OutputProblemCode.STOOLS_BELOW_NORM,
                f"Only {_plural(dirty, 'dirty diaper')} on day {day_of_life}; "
                f"expected at least {norm.min_stools}.",
            )
        )
    if stool_colour is StoolColour.MECONIUM and day_of_life >= 5:
        problems.append(
            OutputProblem(
                OutputProblemCode.MECONIUM_ON_DAY_5,
                f"Stools are still black and sticky (meconium) on day {day_of_life}; "
                "by day 5 they should have turned yellow.",
            )
        )
    if urates and day_of_life >= 5:
        problems.append(
            OutputProblem(
                OutputProblemCode.URATES_AFTER_DAY_4,
                f"Orange or brick-red crystals (urates) in the diaper on day {day_of_life}; "
                "after day 4 they are a warning sign.",
            )
        )
    return problems
