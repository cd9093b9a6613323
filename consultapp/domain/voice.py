"""One voice per family: the wording the practice chose governs the care plan and every handout it prints.

CLINICAL.md sections 6, 15 and 18: the source document (with ABM #4, 2014) and ABM Clinical Protocol #36
(Mitchell et al., Breastfeed Med 2022) disagree on heat, massage, milk removal and antibiotics, and the plan
engine must pick one column per visit and never mix them. What a step or a handout section advises is named
by ``Advice`` (steps by their key, handout sections by their ``advice`` list); ``CONTRADICTIONS`` lists the
pairs that cannot stand on one family's papers, and ``VOICE`` what each wording says, so a document that
contradicts the practice's wording is caught even when it is the only one printed.

The phrases in ``ADVICE_PHRASES`` are a safety net only: they read the advice of a handout the practice wrote
itself (which carries no tags), and the tests use them to check the tags of shipped steps and handouts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from consultapp.domain.handouts import Handout, HandoutLibrary
from consultapp.domain.source_steps import StepKey
from consultapp.domain.vocabulary import Advice, PlanVariant

A = Advice

CONTRADICTIONS: tuple[tuple[Advice, Advice, str], ...] = (
    (A.WARMTH, A.COLD, "warm packs and cold packs"),
    (A.MASSAGE_TOWARD_NIPPLE, A.NO_DEEP_MASSAGE, "massage toward the nipple and no deep massage"),
    (A.DRAIN_BREAST, A.NO_EXTRA_REMOVAL, "emptying the breast and no extra pumping to empty it"),
    (A.EXTRA_FEEDS, A.NO_EXTRA_REMOVAL, "extra feeds from the sore breast and no extra feeds"),
    (A.SCHEDULED_FEEDS, A.ON_CUE, "feeds on a schedule and feeds on cue"),
    (
        A.ANTIBIOTICS_IF_SEVERE,
        A.ANTIBIOTICS_ONLY_BACTERIAL,
        "antibiotics when very unwell and antibiotics only for germs",
    ),
)
"""Pairs of advice that contradict each other (CLINICAL.md section 15's table, one row each)."""

NEVER: frozenset[Advice] = frozenset({A.SCHEDULED_FEEDS})
"""Advice no family document gives, whatever the wording (CLINICAL.md section 18.2)."""

VOICE: dict[PlanVariant, frozenset[Advice]] = {
    PlanVariant.SOURCE_DOCUMENT: frozenset(
        {A.WARMTH, A.MASSAGE_TOWARD_NIPPLE, A.DRAIN_BREAST, A.EXTRA_FEEDS, A.ON_CUE, A.ANTIBIOTICS_IF_SEVERE}
    ),
    PlanVariant.ABM36: frozenset(
        {A.COLD, A.NO_DEEP_MASSAGE, A.NO_EXTRA_REMOVAL, A.ON_CUE, A.ANTIBIOTICS_ONLY_BACTERIAL}
    ),
}
"""What each wording says (CLINICAL.md section 15's two columns; the source's "scheduled" feeds read "on cue")."""

STEP_ADVICE: dict[str, frozenset[Advice]] = {
    StepKey.FEED_OFTEN: frozenset({A.ON_CUE}),
    StepKey.EMPTY_BREAST: frozenset({A.DRAIN_BREAST}),
    StepKey.TREAT_FEED_OFTEN: frozenset({A.EXTRA_FEEDS}),
    StepKey.TREAT_HAND_EXPRESS: frozenset({A.DRAIN_BREAST}),
    StepKey.TREAT_MASSAGE: frozenset({A.MASSAGE_TOWARD_NIPPLE}),
    StepKey.TREAT_HEAT: frozenset({A.WARMTH}),
    StepKey.MASTITIS_SAME_STEPS: frozenset({A.EXTRA_FEEDS, A.DRAIN_BREAST, A.MASSAGE_TOWARD_NIPPLE, A.WARMTH}),
    StepKey.MASTITIS_ANTIBIOTICS: frozenset({A.ANTIBIOTICS_IF_SEVERE}),
    StepKey.WEAK_SUCKLE_EXPRESS: frozenset({A.DRAIN_BREAST}),
    StepKey.TONGUE_EMPTY_BREAST: frozenset({A.DRAIN_BREAST}),
    StepKey.ABM36_FEED_ON_DEMAND: frozenset({A.ON_CUE, A.NO_EXTRA_REMOVAL}),
    StepKey.ABM36_COLD: frozenset({A.COLD}),
    StepKey.ABM36_LIGHT_STROKES: frozenset({A.NO_DEEP_MASSAGE}),
    StepKey.ABM36_MASTITIS_SAME_STEPS: frozenset({A.ON_CUE, A.COLD, A.NO_DEEP_MASSAGE}),
    StepKey.ABM36_MASTITIS_NO_OVER_PUMPING: frozenset({A.NO_EXTRA_REMOVAL}),
    StepKey.ABM36_MASTITIS_ANTIBIOTICS: frozenset({A.ANTIBIOTICS_ONLY_BACTERIAL}),
    StepKey.ABM36_FIRST_BREAST: frozenset({A.ON_CUE}),
    StepKey.ABM36_COMFORT_EXPRESS: frozenset({A.EXPRESS_FOR_COMFORT}),
    StepKey.ABM36_WEAK_SUCKLE_COMFORT: frozenset({A.EXPRESS_FOR_COMFORT}),
}
"""What each step advises, by its key (steps not listed advise nothing the wordings disagree on)."""

ADVICE_PHRASES: dict[Advice, tuple[str, ...]] = {
    A.WARMTH: (r"\bwarm (pack|compress|cloth)", r"\bheat\b", r"\bheat pack"),
    A.COLD: (r"\bcold (pack|compress)", r"\bice\b"),
    A.MASSAGE_TOWARD_NIPPLE: (r"massage\b[^.]*toward the nipple",),
    A.NO_DEEP_MASSAGE: (r"no deep massage", r"do not (rub hard|use deep massage)", r"light strokes"),
    A.DRAIN_BREAST: (
        r"until (it|the breast) feels? soft",
        r"until it feels softer",
        r"\bdrain",
        r"\bemptied\b",
        r"if it is not softer",
        r"still feels full after a feed, express",
        r"express by hand",
    ),
    A.EXTRA_FEEDS: (r"feed often from the sore breast", r"feed often, change positions"),
    A.NO_EXTRA_REMOVAL: (r"(do not|don't) (add extra|feed or pump extra|pump extra)",),
    A.SCHEDULED_FEEDS: (r"\bschedul", r"by the clock", r"every \d+ hours"),
    A.ANTIBIOTICS_IF_SEVERE: (r"feel very unwell, you need antibiotics",),
    A.ANTIBIOTICS_ONLY_BACTERIAL: (r"antibiotics (help|are) only",),
}
"""Words that say each advice: the safety net that reads an untagged handout, and checks the tags."""


def advice_in_text(text: str) -> frozenset[Advice]:
    """The advice ``text`` gives, read from its words (the safety net; tags are what the code relies on)."""
    lowered = text.lower()
    return frozenset(a for a, phrases in ADVICE_PHRASES.items() if any(re.search(p, lowered) for p in phrases))


@dataclass(frozen=True)
class Contradiction:
    first: Advice
    second: Advice
    what: str
    """The pair in words ("warm packs and cold packs")."""


def contradictions(advice: Iterable[Advice]) -> list[Contradiction]:
    """The contradictory pairs within ``advice``, and any advice never given (paired with itself)."""
    given = frozenset(advice)
    found = [Contradiction(a, b, what) for a, b, what in CONTRADICTIONS if a in given and b in given]
    found += [Contradiction(a, a, f"{a.value.replace('_', ' ')} (never advised)") for a in sorted(given & NEVER)]
    return found


def step_advice(keys: Iterable[str]) -> frozenset[Advice]:
    """The advice of the steps with ``keys`` (a consultant's own step advises nothing the table knows)."""
    return frozenset(a for key in keys for a in STEP_ADVICE.get(str(key), ()))


def against_voice(advice: Iterable[Advice], variant: PlanVariant) -> list[Contradiction]:
    """What in ``advice`` contradicts the wording ``variant`` (or is never advised)."""
    given = frozenset(advice)
    return [c for c in contradictions(given | VOICE[variant]) if c.first in given or c.second in given]


def handout_advice(handout: Handout) -> frozenset[Advice]:
    """What a handout advises: its sections' tags; a handout the practice wrote is also read from its words."""
    tagged = frozenset(a for section in handout.sections for a in section.advice)
    if handout.shipped:
        return tagged
    return tagged | advice_in_text(handout.text())


def handout_fits(handout: Handout, variant: PlanVariant) -> bool:
    """True when nothing in ``handout`` contradicts the wording ``variant``."""
    return not against_voice(handout_advice(handout), variant)


@dataclass(frozen=True)
class HandoutChoice:
    """A handout asked for, the one printed for the family, and what to tell the consultant (or "")."""

    asked: Handout
    printed: Handout | None
    note: str = ""


def handouts_for_family(library: HandoutLibrary, asked: Sequence[Handout], variant: PlanVariant) -> list[HandoutChoice]:
    """For each handout asked for, the one to print for a family under the practice's wording ``variant``.

    A handout that fits is printed as it is. One that contradicts the wording is swapped for a handout of the
    same topic that fits (the variant's own first); with none, it is not printed and the note says why.
    """
    choices: list[HandoutChoice] = []
    for handout in asked:
        if handout_fits(handout, variant):
            choices.append(HandoutChoice(handout, handout))
            continue
        same_topic = [h for h in library.all() if h.topic == handout.topic and handout_fits(h, variant)]
        same_topic.sort(key=lambda h: h.variant is not variant)
        clash = "; ".join(c.what for c in against_voice(handout_advice(handout), variant))
        if same_topic:
            swap = same_topic[0]
            choices.append(
                HandoutChoice(
                    handout,
                    swap,
                    f"“{swap.title}” is printed in place of “{handout.title}”, which says otherwise ({clash}).",
                )
            )
        else:
            choices.append(
                HandoutChoice(
                    handout,
                    None,
                    f"“{handout.title}” is not printed: it contradicts the "
                    f"practice's wording ({clash}), and no handout on its topic "
                    "follows that wording.",
                )
            )
    return choices


PLAN_TOPIC_STEPS: dict[str, frozenset[str]] = {
    "clogged_duct": frozenset(
        {StepKey.TREAT_FEED_OFTEN, StepKey.TREAT_HEAT, StepKey.ABM36_COLD, StepKey.ABM36_FEED_ON_DEMAND}
    ),
    "mastitis": frozenset({StepKey.MASTITIS_ANTIBIOTICS, StepKey.ABM36_MASTITIS_ANTIBIOTICS}),
    "latch": frozenset({StepKey.LATCH_WIDE_MOUTH, StepKey.LATCH_POSITIONS}),
    "tongue_tie": frozenset({StepKey.TONGUE_CHECK}),
    "milk_supply": frozenset({StepKey.FEED_OFTEN}),
}
"""The handout topics a plan calls for, by the steps that show them."""


def handouts_for_plan(library: HandoutLibrary, keys: Iterable[str], variant: PlanVariant) -> list[Handout]:
    """The handouts a visit's plan (its step keys) calls for, each in the practice's wording (one per topic)."""
    keys = set(map(str, keys))
    chosen: list[Handout] = []
    for topic, shows in PLAN_TOPIC_STEPS.items():
        if not keys & shows:
            continue
        fitting = [h for h in library.all() if h.topic == topic and handout_fits(h, variant)]
        fitting.sort(key=lambda h: h.variant is not variant)
        if fitting:
            chosen.append(fitting[0])
    return chosen


@dataclass(frozen=True)
class VariantRow:
    """One row of the side-by-side view: what each wording says about one topic."""

    topic: str
    source_document: str
    abm36: str


VARIANT_ROWS: tuple[VariantRow, ...] = (
    VariantRow("Temperature", "A warm pack on the sore area.", "Ice or a cold pack between feeds; no heat."),
    VariantRow(
        "Massage",
        "Gentle massage near the lump, toward the nipple.",
        "No deep massage or vibration; light strokes toward the armpit.",
    ),
    VariantRow(
        "Milk removal",
        "Feed often from the sore breast; express by hand until the breast is softer.",
        "Feed on demand; no extra feeds or pumping to empty the breast; express by hand for comfort "
        "only. A parent who pumps for a supplemented baby keeps pumping for each missed feed.",
    ),
    VariantRow("Feeds", "On cue, at least 8 times in 24 hours in the first weeks (never by the clock).", "On demand."),
    VariantRow(
        "Antibiotics",
        "If germs cause it (milk test), or she feels very unwell.",
        "Only for mastitis that is, or may be, caused by germs; her doctor decides.",
    ),
)
"""What each wording says (CLINICAL.md section 15), as the settings page and the first start show it."""

VARIANT_WHY: dict[PlanVariant, str] = {
    PlanVariant.SOURCE_DOCUMENT: "The practice's own document: a clogged duct is milk not removed, so the steps "
    "warm the breast and move the milk out. It agrees with the older ABM protocol on mastitis (2014).",
    PlanVariant.ABM36: "The 2022 protocol sees a clogged duct as swelling that narrows the ducts: cool the "
    "breast, handle it gently, and do not over-empty it, since extra pumping makes more milk and more swelling. "
    "Some experts dispute parts of it (Douglas 2023).",
}

VARIANT_SOURCES: dict[PlanVariant, tuple[str, ...]] = {
    PlanVariant.SOURCE_DOCUMENT: (
        "Milk Production and Preventing Clogged Ducts & Mastitis (the practice's source document; "
        "Betts 2022, Kent 2007, Wagner 2022, Giugliani 2004)",
        "ABM Clinical Protocol #4: Mastitis, Amir 2014, doi:10.1089/bfm.2014.9984",
    ),
    PlanVariant.ABM36: (
        "ABM Clinical Protocol #36: The Mastitis Spectrum, Mitchell et al., Breastfeed Med 2022;17(5), "
        "doi:10.1089/bfm.2022.29207.kbm",
        "Disputed in parts: Douglas, Int Breastfeed J 2023, doi:10.1186/s13006-023-00588-8",
    ),
}

PARENT_BASIS: dict[PlanVariant, str] = {
    PlanVariant.SOURCE_DOCUMENT: "",
    PlanVariant.ABM36: "Based on Academy of Breastfeeding Medicine guidance (2022).",
}
"""The one plain line a family's document prints for the wording it followed (CLINICAL.md section 18.8)."""
