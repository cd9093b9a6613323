"""Step selection: which steps the findings call for, worded from the source or ABM #36."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from consultapp.domain import source_steps as src
from consultapp.domain.careplan.inputs import positions_worked
from consultapp.domain.careplan.model import (
    SECTION_CLOGGED,
    SECTION_LATCH,
    SECTION_MASTITIS,
    SECTION_PREVENTION,
    SECTION_TONGUE,
    FindingTopic,
    PlanStep,
    SectionTitle,
    VariantUsed,
)
from consultapp.domain.careplan.wording import (
    POSITION_PLAIN,
    cap,
    day_month,
    join_and,
    map_finding_words,
    prefixed,
)
from consultapp.domain.records import Baby, BabyAssessment, Visit
from consultapp.domain.risk import RiskFactor, RiskFactorFound
from consultapp.domain.settings import ClinicalThresholds
from consultapp.domain.source_steps import StepKey
from consultapp.domain.vocabulary import FindingKind, IneffectiveSign, NippleDamage, PlanVariant, Side, Sign


def from_source(items: Iterable[src.SourceStep], section: str, because: str = "") -> list[PlanStep]:
    return [PlanStep(s.text, because or s.why, s.source, key=s.key, section=section) for s in items]


def positions_to_try(assessed: Sequence[tuple[Baby, BabyAssessment]]) -> list[str]:
    several = len(assessed) > 1
    lines: list[str] = []
    for name, position, sides in positions_worked(assessed):
        label, how = POSITION_PLAIN[position]
        named = [s for s in sides if s is not None]
        where = ""
        if named and None not in sides and Side.BOTH not in named and len(named) == 1:
            where = f", {named[0].value} breast"
        lines.append(prefixed(name if several else "", f"{label}{where}: {how}."))
    return lines


def latch_steps(reasons: Sequence[str], worked: Sequence[str], babies: Sequence[str] = ()) -> list[PlanStep]:
    """The latch steps; ``babies`` names the babies they are for in a family with several (one: that baby by
    name, more: "each baby"), empty for a single baby ("your baby")."""
    because = "; ".join(reasons)
    named = list(dict.fromkeys(babies))
    who = named[0] if len(named) == 1 else ("each baby" if named else "your baby")
    if worked:
        positions_text = (
            "Change your feeding position from feed to feed. Start with the positions that worked today: "
            f"{join_and(list(dict.fromkeys(worked)))}."
        )
    else:
        positions_text = "Change your feeding position from feed to feed."
    return [
        PlanStep(
            f"Wait for a wide-open mouth, then bring {who} to the breast, chin first.",
            because,
            f"{src.SOURCE_TITLE}: improper latch causes clogged ducts",
            key=StepKey.LATCH_WIDE_MOUTH,
            section=SECTION_LATCH,
        ),
        PlanStep(
            positions_text,
            because,
            f"{src.SOURCE_TITLE}: changing feeding positions",
            key=StepKey.LATCH_POSITIONS,
            section=SECTION_LATCH,
        ),
    ]


def _named_tongue_check(name: str, referral: str) -> str:
    """One baby's tongue-check step in a family with several babies: "Ask Bao's doctor to check Bao's tongue"."""
    if referral:
        return f"Take {name} to the tongue check {name} was referred for: {referral}."
    return f"Ask {name}'s doctor to check {name}'s tongue (a tongue-tie check)."


TONGUE_FOLLOW_UP_SOURCE = "Feeding is checked again after a tongue assessment: practice default (no sourced interval)"


def tongue_steps(
    reasons: Sequence[str],
    referrals: Sequence[str],
    source: str,
    follow_up: dt.date | None = None,
    variant: PlanVariant = PlanVariant.SOURCE_DOCUMENT,
    babies: Sequence[tuple[str, str]] = (),
) -> list[PlanStep]:
    """The tongue check (the referral made, or one to ask for), emptying the breast (under ABM #36: expressing
    for comfort only), and after a referral a follow-up visit to watch a feed again (on the follow-up date
    when one is set). ``babies``: in a family with several babies, each baby the tongue steps are for, by
    name, with its referral ("" when none), so every step about one baby names it."""
    because = "; ".join(reasons)
    named = [(name, referral) for name, referral in babies if name]
    if named:
        text = " ".join(_named_tongue_check(name, referral) for name, referral in named)
    elif referrals:
        text = f"Go to the tongue check you were referred for: {join_and(list(dict.fromkeys(referrals)))}."
    else:
        text = "Ask your baby's doctor to check your baby's tongue (a tongue-tie check)."
    steps = [
        PlanStep(text, because, source, key=StepKey.TONGUE_CHECK, section=SECTION_TONGUE),
        PlanStep(
            "After each feed, feel your breast. If it is not softer, express some milk by hand.",
            because,
            f"{src.SOURCE_TITLE}: tongue tie raises the risk of mastitis; ducts not emptied can clog",
            key=StepKey.TONGUE_EMPTY_BREAST,
            section=SECTION_TONGUE,
        )
        if variant is PlanVariant.SOURCE_DOCUMENT
        else PlanStep(
            src.ABM36_COMFORT_EXPRESS_STEP.text,
            because,
            src.ABM36_COMFORT_EXPRESS_STEP.source,
            key=StepKey.ABM36_COMFORT_EXPRESS,
            section=SECTION_TONGUE,
        ),
    ]
    if referrals:
        referred = join_and([f"{name}'s" for name, referral in named if referral])
        check = f"{referred} tongue check" if referred else "the tongue check"
        text = (
            f"After {check}, we will watch a feed again at your next visit on {day_month(follow_up)}."
            if follow_up is not None
            else f"After {check}, book a visit with us soon, so we can watch a feed again."
        )
        who = join_and([name for name, referral in named if referral]) or "your baby"
        steps.append(
            PlanStep(
                cap(text),
                f"a tongue check can change how {who} feeds",
                TONGUE_FOLLOW_UP_SOURCE,
                key=StepKey.TONGUE_FOLLOW_UP,
                section=SECTION_TONGUE,
            )
        )
    return steps


def prevention_steps(
    t: ClinicalThresholds,
    tailored: Mapping[StepKey, str],
    extra: Sequence[tuple[src.SourceStep, str]],
    *,
    newborn: bool = True,
    variant: PlanVariant = PlanVariant.SOURCE_DOCUMENT,
) -> list[PlanStep]:
    """Every prevention step of the source document (for every parent), the ones her findings make matter
    first with the finding as their reason, then the steps added for a risk factor found. "Feed often" gives
    the newborn minimum only while a baby is in the newborn period (CLINICAL.md sections 11 and 18). Under
    ABM #36 the first breast is not fed "until it feels soft" (no draining: CLINICAL.md 18.2)."""
    core = tuple(
        _in_voice(step, variant)
        for step in (src.feed_often_step(t.min_feeds_per_24h if newborn else None), *src.PREVENTION_STEPS[1:])
    )
    tailored = {_in_voice_key(key, variant): why for key, why in tailored.items()}
    steps = [
        PlanStep(s.text, tailored.get(s.key) or s.why, s.source, key=s.key, section=SECTION_PREVENTION) for s in core
    ]
    steps.sort(key=lambda s: s.key not in tailored)  # stable: her steps first, source order kept
    steps += [PlanStep(s.text, because, s.source, key=s.key, section=SECTION_PREVENTION) for s, because in extra]
    return steps


def _in_voice(step: src.SourceStep, variant: PlanVariant) -> src.SourceStep:
    """The prevention step in the practice's wording: "finish the first breast until soft" is the source's."""
    if variant is PlanVariant.ABM36 and step.key is StepKey.EMPTY_BREAST:
        return src.ABM36_FIRST_BREAST_STEP
    return step


def _in_voice_key(key: StepKey, variant: PlanVariant) -> StepKey:
    return StepKey.ABM36_FIRST_BREAST if variant is PlanVariant.ABM36 and key is StepKey.EMPTY_BREAST else key


TREATMENT_STEPS: dict[FindingTopic, dict[PlanVariant, tuple[src.SourceStep, ...]]] = {
    FindingTopic.CLOGGED_DUCT: {
        PlanVariant.SOURCE_DOCUMENT: src.CLOGGED_DUCT_TREATMENT_STEPS,
        PlanVariant.ABM36: src.ABM36_CLOGGED_DUCT_TREATMENT_STEPS,
    },
    FindingTopic.MASTITIS: {
        PlanVariant.SOURCE_DOCUMENT: src.MASTITIS_TREATMENT_STEPS,
        PlanVariant.ABM36: src.ABM36_MASTITIS_TREATMENT_STEPS,
    },
}
"""The treatment steps for each finding, in each wording the practice may choose."""

TREATMENT_SECTION: dict[FindingTopic, SectionTitle] = {
    FindingTopic.CLOGGED_DUCT: SECTION_CLOGGED,
    FindingTopic.MASTITIS: SECTION_MASTITIS,
}


_CALL_TODAY_STEPS = frozenset({StepKey.MASTITIS_ANTIBIOTICS, StepKey.ABM36_MASTITIS_ANTIBIOTICS})
_CALL_TODAY_TEXT = "Call your doctor today."


_NO_EXTRA_PUMPING_STEPS = (StepKey.ABM36_MASTITIS_NO_OVER_PUMPING, StepKey.ABM36_FEED_ON_DEMAND)


def treatment_steps(
    topic: FindingTopic, variant: PlanVariant, because: str, *, call: str | None = None, supplemented: bool = False
) -> list[PlanStep]:
    """The treatment steps for ``topic`` in ``variant``. ``call`` replaces the mastitis step's "Call your doctor
    today." with what the "When to call your doctor" box says (later, or urgent now); None keeps it.
    ``supplemented``: a baby gets a supplement, so the no-extra-pumping step says why expressing for each missed
    feed is not over-pumping (CLINICAL.md section 15)."""
    steps = from_source(TREATMENT_STEPS[topic][variant], TREATMENT_SECTION[topic], because)
    if supplemented:
        steps = [
            replace(s, text=f"{s.text} {src.ABM36_SUPPLEMENT_NOTE}") if s.key in _NO_EXTRA_PUMPING_STEPS else s
            for s in steps
        ]
    if call is None:
        return steps
    return [
        replace(s, text=s.text.replace(_CALL_TODAY_TEXT, call, 1)) if s.key in _CALL_TODAY_STEPS else s for s in steps
    ]


def variant_used(topic: FindingTopic, variant: PlanVariant) -> VariantUsed:
    if variant is PlanVariant.ABM36:
        return VariantUsed(topic, variant, src.ABM36_TITLE, src.ABM36_REFERENCE)
    return VariantUsed(topic, variant, src.SOURCE_TITLE)


def variants_followed(variants: Sequence[VariantUsed], final: Sequence[PlanStep]) -> list[VariantUsed]:
    """The wordings the final steps still follow: a finding whose steps were all removed names no source."""
    final_keys = {s.key for s in final}
    return [v for v in variants if final_keys & {s.key for s in TREATMENT_STEPS[v.finding][v.variant]}]


def tailored_reasons(
    found: Sequence[RiskFactorFound], assessed: Sequence[tuple[Baby, BabyAssessment]], visit: Visit
) -> dict[StepKey, str]:
    """The prevention steps her findings make matter, each with the finding as its reason."""
    several = len(assessed) > 1
    factors = {r.factor for r in found}

    def reasons_for(factor: RiskFactor) -> str:
        return "; ".join(r.reason for r in found if r.factor is factor)

    tailored: dict[StepKey, str] = {}
    if RiskFactor.INFREQUENT_FEEDING in factors:
        tailored[StepKey.FEED_OFTEN] = reasons_for(RiskFactor.INFREQUENT_FEEDING)
    if RiskFactor.IMPROPER_LATCH in factors:
        tailored[StepKey.GOOD_LATCH] = reasons_for(RiskFactor.IMPROPER_LATCH)
    not_softened = [
        prefixed(baby.name.strip() or "Your baby" if several else "", "your breast was not softer after the feed")
        for baby, a in assessed
        if IneffectiveSign.BREAST_NOT_SOFTENED in a.ineffective_signs
    ]
    if not_softened:
        tailored[StepKey.EMPTY_BREAST] = "; ".join(dict.fromkeys(not_softened))
    if RiskFactor.PRESSURE_ON_BREAST in factors:
        tailored[StepKey.NO_PRESSURE] = "you said something presses on part of your breast"
    if RiskFactor.UNRESTED in factors:
        tailored[StepKey.REST] = "you said you are not getting enough rest"
    if RiskFactor.SUDDEN_STOP in factors:
        tailored[StepKey.NO_SUDDEN_STOP] = "breastfeeding stopped suddenly"
    cracks = _cracks_seen(visit)
    if cracks:
        tailored[StepKey.NIPPLE_CARE] = "; ".join(cracks)
    return tailored


def _cracks_seen(visit: Visit) -> list[str]:
    cracks = [
        f"we saw {map_finding_words(m)}"
        for m in visit.map_findings
        if m.kind is FindingKind.NIPPLE_DAMAGE and m.nipple_damage in (NippleDamage.CRACK, NippleDamage.BLEEDING)
    ]
    if visit.breast_finding is not None and Sign.NIPPLE_FISSURE in visit.breast_finding.signs:
        cracks.append("we saw a crack in your nipple")
    return cracks


def extra_prevention(
    found: Sequence[RiskFactorFound],
    assessed: Sequence[tuple[Baby, BabyAssessment]],
    suggested: Sequence[PlanStep],
    variant: PlanVariant = PlanVariant.SOURCE_DOCUMENT,
) -> list[tuple[src.SourceStep, str]]:
    """Prevention steps added for what was found: a weak suck (unless the tongue steps cover it; under ABM #36
    expressing for comfort only), earlier mastitis."""
    several = len(assessed) > 1
    extra: list[tuple[src.SourceStep, str]] = []
    weak = [
        prefixed(b.name.strip() or "Your baby" if several else "", "your baby's suck was weak")
        for b, a in assessed
        if a.weak_suckle
    ]
    covered = {StepKey.TONGUE_EMPTY_BREAST, StepKey.ABM36_COMFORT_EXPRESS} & {s.key for s in suggested}
    if weak and not covered:
        step = src.WEAK_SUCKLE_STEP if variant is PlanVariant.SOURCE_DOCUMENT else src.ABM36_WEAK_SUCKLE_STEP
        extra.append((step, "; ".join(weak)))
    if any(r.factor is RiskFactor.PREVIOUS_MASTITIS for r in found):
        extra.append((src.WATCH_EARLY_SIGNS_STEP, "you had mastitis before"))
    return extra
