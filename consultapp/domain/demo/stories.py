"""The demo's stories: each family's babies, visits and findings, told in days since birth (dates come later).

Every story is coherent with CLINICAL.md: weights on a curve for the day of life (``Growth``), diapers at the norm
for the day of life unless intake is low, LATCH and BTAT items that fit the reason, breast-map findings on the side
and clock position the reason names, fever with breast signs for mastitis, twin positions only for twins, and a
baby on a supplement with its feeding plan filled from its findings (``demo.feeding``, CLINICAL.md section 10).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from consultapp.domain.demo.feeding import supplement_plan
from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.output import StoolColour, output_norm
from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    BreastFinding,
    BreastMapFinding,
    BreastSideExam,
    CareContact,
    ContactRole,
    FeedingObservation,
    LactationHistory,
    ParentState,
    PlanEdits,
    TestWeight,
    TongueAssessment,
    Visit,
)
from consultapp.domain.tongue import CoryllosType
from consultapp.domain.vocabulary import (
    DeliveryMode,
    EffectiveSign,
    FindingKind,
    IneffectiveSign,
    Location,
    NippleDamage,
    NippleShape,
    Position,
    Sex,
    Side,
    Sign,
    SpectrumCondition,
)

TERM_DAYS = 37 * 7
_GOOD_SIGNS = tuple(EffectiveSign)
_SINGLE_POSITIONS = tuple(p for p in Position if p is not Position.TWIN)
TONGUE_REFERRALS = ("Dr Lena Ward, paediatric dentist", "Sampletown Children's ENT clinic", "Dr Omar Aziz, dentist")
_UNDATED = dt.date(2000, 1, 1)
"""A visit's date until the family is dated from ``today`` (demo.demo_families)."""


@dataclass(frozen=True)
class Growth:
    """A weight curve: a loss to ``nadir`` days, birth weight back at ``regain`` days, then ``gain`` g a day."""

    birth_g: int
    loss: float
    nadir: int
    regain: int
    gain: int

    def weight_at(self, days: int) -> int:
        low = self.birth_g * (1 - self.loss)
        if days <= self.nadir:
            grams = self.birth_g - (self.birth_g - low) * days / self.nadir
        elif days <= self.regain:
            grams = low + (self.birth_g - low) * (days - self.nadir) / (self.regain - self.nadir)
        else:
            grams = self.birth_g + self.gain * (days - self.regain)
        return int(round(grams / 5) * 5)


@dataclass
class Family:
    """A family while its story is told: ages in days since birth; dates come last, from ``today``."""

    rng: random.Random
    closing: bool
    """The story ends with a last visit that discharges the family."""
    client_id: uuid.UUID
    babies: list[Baby] = field(default_factory=list)
    growth: list[Growth] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    ages: list[int] = field(default_factory=list)
    gap: int = 2
    """Days from the last visit to its follow-up."""
    contacts: list[CareContact] = field(default_factory=list)
    history: LactationHistory = field(default_factory=LactationHistory)


def new_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _add_baby(f: Family, name: str, ga_days: int, growth: Growth, delivery: DeliveryMode) -> Baby:
    rng = f.rng
    baby = Baby(
        name=name,
        birth_weight_g=growth.birth_g,
        sex=rng.choice([Sex.FEMALE, Sex.MALE]),
        gestational_age_days=ga_days,
        delivery_mode=delivery,
        birth_time=dt.time(rng.randint(0, 23), rng.choice((0, 15, 30, 45))),
        id=new_uuid(rng),
    )
    f.babies.append(baby)
    f.growth.append(growth)
    return baby


def _normal_growth(rng: random.Random, birth_g: int) -> Growth:
    return Growth(birth_g, rng.uniform(0.03, 0.065), rng.randint(2, 3), rng.randint(6, 9), rng.randint(25, 38))


def _delivery(rng: random.Random) -> DeliveryMode:
    return rng.choices(list(DeliveryMode), weights=(6, 1, 2, 2))[0]


def _output(rng: random.Random, days: int, low: bool) -> tuple[int, int, StoolColour]:
    """Wet and dirty diapers and stool colour for the day of life: at the norm, or below it when intake is low."""
    norm = output_norm(days + 1)
    stools = norm.min_stools
    if low:
        wet, dirty = max(1, norm.min_wet - rng.randint(2, 3)), max(0, (stools or 3) - 2)
    else:
        wet = norm.min_wet + rng.randint(0, 2)
        dirty = stools + rng.randint(0, 2) if stools is not None else rng.randint(0, 3)
    if days <= 1:
        colour = StoolColour.MECONIUM
    elif days <= 3 or (low and days <= 7):
        colour = StoolColour.TRANSITIONAL
    else:
        colour = StoolColour.YELLOW
    return wet, dirty, colour


def _feed(
    f: Family,
    side: Side,
    tried: Sequence[Position],
    latch: tuple[int, int, int, int, int],
    bad: Sequence[IneffectiveSign] = (),
) -> FeedingObservation:
    """One observed feed: the signs and the nipple after it follow the latch (a good latch, or the story's signs)."""
    rng = f.rng
    good = latch[0] == 2 and not bad
    return FeedingObservation(
        side=side,
        positions_tried=list(tried),
        positions_worked=list(tried[-1:]),
        effective_signs=sorted(rng.sample(_GOOD_SIGNS, k=rng.randint(3, 5)), key=_GOOD_SIGNS.index) if good else [],
        ineffective_signs=list(bad),
        nipple_after=NippleShape.ROUND if good else NippleShape.WEDGED,
        latch=LatchScore(*latch),
        duration_min=rng.randint(10, 25),
    )


def _assess(
    f: Family,
    index: int,
    age: int,
    feeds: Sequence[FeedingObservation],
    *,
    btat: tuple[int, int, int, int] | None = None,
    low_output: bool = False,
    per_day: tuple[int, int] = (8, 12),
    weak_suckle: bool = False,
) -> BabyAssessment:
    """Baby ``index`` at ``age`` days: weight on its curve, the feeds, tongue, output for the day of life."""
    rng = f.rng
    if btat is None and age < 42:
        btat = (2, 2, 2, 2) if rng.random() < 0.7 else (2, 2, 1, 2)
    wet, dirty, colour = _output(rng, age, low_output)
    return BabyAssessment(
        baby_id=f.babies[index].id or new_uuid(rng),
        weight_g=f.growth[index].weight_at(age),
        feeds=list(feeds),
        tongue=TongueAssessment(btat=BtatScore(*btat) if btat else BtatScore()),
        feeds_per_24h=rng.randint(*per_day) if age < 42 else rng.randint(7, 11),
        wet_diapers=wet,
        dirty_diapers=dirty,
        stool_colour=colour,
        weak_suckle=weak_suckle,
        id=new_uuid(rng),
    )


def _add_visit(
    f: Family,
    age: int,
    reason: str,
    location: Location,
    assessments: Sequence[BabyAssessment],
    *,
    feeding_plan: str = "",
    breast_finding: BreastFinding | None = None,
    map_findings: Sequence[BreastMapFinding] = (),
    breast_sides: Sequence[BreastSideExam] = (),
    parent: ParentState | None = None,
) -> Visit:
    visit = Visit(
        client_id=f.client_id,
        visit_date=_UNDATED,
        location=location,
        reason=reason,
        assessments=list(assessments),
        breast_finding=breast_finding,
        map_findings=list(map_findings),
        breast_sides=list(breast_sides),
        parent=parent or ParentState(),
        plan=PlanEdits(feeding_plan=feeding_plan),
        id=new_uuid(f.rng),
    )
    f.visits.append(visit)
    f.ages.append(age)
    return visit


def _well(f: Family, age: int, reason: str, location: Location = Location.HOME) -> None:
    """A visit where every baby feeds well: good latch, weight on its curve, output at the norm."""
    rng = f.rng
    tried = [Position.TWIN] if len(f.babies) == 2 else rng.sample(_SINGLE_POSITIONS, k=1)
    sides = (Side.LEFT, Side.RIGHT) if len(f.babies) == 2 else (rng.choice([Side.LEFT, Side.RIGHT]),)
    assessments = [_assess(f, i, age, [_feed(f, sides[i], tried, (2, 2, 2, 2, 2))]) for i in range(len(f.babies))]
    _add_visit(f, age, reason, location, assessments)


def _closing(f: Family, age: int, reason: str) -> None:
    if f.closing:
        _well(f, age, f"Last visit: {reason}; feeding well")


# -- the stories ----------------------------------------------------------------------------------------------
def _single(f: Family, rng: random.Random, names: Sequence[str], *, age_range: tuple[int, int]) -> int:
    """One term baby on a normal curve; returns the age at the first visit."""
    _add_baby(f, rng.choice(names), rng.randint(37 * 7, 41 * 7 + 3), _normal_growth(rng, rng.randint(2800, 4200)),
              _delivery(rng))
    return rng.randint(*age_range)


_KIND_OF_SIGN = {Sign.WARMTH: FindingKind.WARMTH, Sign.REDNESS: FindingKind.REDNESS}  # a local sign, on the map


def _lump(f: Family, names: Sequence[str]) -> None:
    """A clogged duct: the lump on the map where the reason says; a follow-up three days later finds it smaller."""
    rng = f.rng
    age = _single(f, rng, names, age_range=(14, 70))
    side, clock = rng.choice([Side.LEFT, Side.RIGHT]), rng.randint(1, 12)
    distance, size = float(rng.randint(2, 6)), rng.choice((2.0, 2.5, 3.0, 3.5))
    where = f"the {side.value} breast at {clock} o'clock"
    signs = [Sign.PAIN, Sign.LUMP, *rng.sample([Sign.WARMTH, Sign.REDNESS], k=rng.randint(0, 1))]
    cause = rng.choice(["pressure_on_breast", "long_gaps"])
    feed = _feed(f, side, [rng.choice(_SINGLE_POSITIONS), Position.FOOTBALL], (2, 2, 2, 1, 2))
    _add_visit(
        f, age, f"Painful lump in {where}", Location.HOME, [_assess(f, 0, age, [feed])],
        map_findings=[BreastMapFinding(side, FindingKind.LUMP, clock, distance, size),
                      *(BreastMapFinding(side, _KIND_OF_SIGN[s], clock, distance, size + 1.0)
                        for s in signs if s in _KIND_OF_SIGN)],
        breast_sides=[BreastSideExam(side, pain=rng.randint(4, 6), condition=SpectrumCondition.DUCTAL_NARROWING)],
        parent=ParentState(temperature_c=round(rng.uniform(36.6, 37.4), 1), unrested=rng.random() < 0.5,
                           pressure_on_breast=cause == "pressure_on_breast", long_gaps=cause == "long_gaps"),
    )
    f.gap = 3
    if rng.random() < 0.6:
        feed = _feed(f, side, [Position.FOOTBALL], (2, 2, 2, 2, 2))
        _add_visit(
            f, age + 3, f"Follow-up: the lump in {where} is smaller", Location.OFFICE, [_assess(f, 0, age + 3, [feed])],
            map_findings=[BreastMapFinding(side, FindingKind.LUMP, clock, distance, 1.0)],
            breast_sides=[BreastSideExam(side, pain=rng.randint(1, 2), condition=SpectrumCondition.DUCTAL_NARROWING)],
            parent=ParentState(temperature_c=round(rng.uniform(36.6, 37.2), 1)),
        )
    _closing(f, f.ages[-1] + 4, f"the {side.value} breast is soft again")


def _mastitis(f: Family, names: Sequence[str]) -> None:
    rng = f.rng
    age = _single(f, rng, names, age_range=(10, 60))
    side, clock = rng.choice([Side.LEFT, Side.RIGHT]), rng.randint(1, 12)
    chills = rng.random() < 0.6
    lump = rng.random() < 0.5
    f.history.previous_mastitis = rng.random() < 0.3
    places = [BreastMapFinding(side, FindingKind.REDNESS, clock, float(rng.randint(3, 6)), float(rng.randint(5, 8)))]
    if lump:
        places.append(BreastMapFinding(side, FindingKind.LUMP, clock, places[0].distance_cm, 2.5))
    places.append(BreastMapFinding(side, FindingKind.WARMTH, clock, places[0].distance_cm, places[0].size_cm))
    feed = _feed(f, side, [rng.choice(_SINGLE_POSITIONS)], (2, 2, 2, 1, 2))
    _add_visit(
        f, age, f"Red, painful {side.value} breast with a fever" + (" and chills" if chills else ""),
        Location.HOME, [_assess(f, 0, age, [feed])],
        map_findings=places,
        breast_sides=[BreastSideExam(side, pain=rng.randint(6, 8), condition=SpectrumCondition.INFLAMMATORY_MASTITIS)],
        parent=ParentState(temperature_c=round(rng.uniform(38.5, 39.6), 1), chills=chills, flu_like=True,
                           unrested=True, long_gaps=rng.random() < 0.5),
    )
    f.gap = 1
    if rng.random() < 0.6:
        feed = _feed(f, side, [rng.choice(_SINGLE_POSITIONS)], (2, 2, 2, 2, 2))
        _add_visit(
            f, age + 2, f"Follow-up: the {side.value} breast two days after mastitis", Location.HOME,
            [_assess(f, 0, age + 2, [feed])],
            map_findings=[BreastMapFinding(side, FindingKind.REDNESS, clock, places[0].distance_cm, 2.0)],
            breast_sides=[BreastSideExam(side, pain=rng.randint(1, 3))],
            parent=ParentState(temperature_c=round(rng.uniform(36.7, 37.3), 1)),
        )
        f.gap = 5
    _closing(f, f.ages[-1] + 6, f"the {side.value} breast is well")


def _tongue_tie(f: Family, names: Sequence[str]) -> None:
    rng = f.rng
    age = _single(f, rng, names, age_range=(4, 21))
    baby = f.babies[0]
    btat = (rng.randint(0, 1), rng.randint(0, 1), rng.randint(0, 1), rng.randint(0, 2))
    referral = rng.choice(TONGUE_REFERRALS)
    f.contacts.append(CareContact(referral, ContactRole.DENTIST_ENT, phone="555-0177",
                                  baby_ids=(baby.id,) if baby.id else ()))
    bad = [IneffectiveSign.CLICKING, IneffectiveSign.SLIPPING_OFF, IneffectiveSign.PAIN_THROUGH_FEED]
    side = rng.choice([Side.LEFT, Side.RIGHT])
    tried = [Position.CRADLE, rng.choice([Position.LAID_BACK, Position.CROSS_CRADLE])]
    feed = _feed(f, side, tried, (1, 1, 2, 1, 1), bad)
    a = _assess(f, 0, age, [feed], btat=btat)
    a.tongue.coryllos = rng.choice([CoryllosType.II, CoryllosType.III])
    a.tongue.kotlow_mm = float(rng.randint(6, 11))
    a.tongue.referral = referral  # (dated with the visit)
    _add_visit(f, age, "Tongue-tie assessment: clicking and a painful latch", Location.OFFICE, [a])
    f.gap = rng.randint(7, 10)
    if rng.random() < 0.6:
        feed = _feed(f, side, [rng.choice(_SINGLE_POSITIONS)], (2, 2, 2, 2, 2))
        later = age + f.gap
        _add_visit(f, later, "Follow-up: feeding after the frenotomy", Location.OFFICE,
                   [_assess(f, 0, later, [feed], btat=(1, 2, 2, 2))])
        f.gap = 14
    _closing(f, f.ages[-1] + 14, f"{baby.name} latches without pain")


def _slow_weight(f: Family, names: Sequence[str]) -> None:
    rng = f.rng
    age = rng.randint(4, 6)
    birth_g = rng.randint(2900, 3900)
    loss, gain = rng.uniform(0.085, 0.11), rng.randint(35, 45)
    growth = Growth(birth_g, loss, age, age + int(birth_g * loss / gain) + 1, rng.randint(25, 35))
    baby = _add_baby(f, rng.choice(names), rng.randint(38 * 7, 41 * 7), growth, _delivery(rng))
    side = rng.choice([Side.LEFT, Side.RIGHT])
    bad = [IneffectiveSign.STILL_HUNGRY, IneffectiveSign.BREAST_NOT_SOFTENED]
    a = _assess(f, 0, age, [_feed(f, side, [Position.CRADLE, Position.CROSS_CRADLE], (1, 1, 2, 2, 1), bad)],
                low_output=True, per_day=(6, 7))
    a.test_weight = TestWeight(a.weight_g or 3000, (a.weight_g or 3000) + rng.randint(12, 24))
    a.feeding_plan = supplement_plan(baby, age)
    _add_visit(f, age, f"Weight loss at {age} days old: is {baby.name} getting enough?", Location.OFFICE, [a],
               parent=ParentState(unrested=True, long_gaps=True))
    f.gap = 2
    for later in (age + 2, age + 5)[: rng.randint(1, 2)]:
        feed = _feed(f, side, [Position.CROSS_CRADLE], (2, 2, 2, 2, 1))
        again = _assess(f, 0, later, [feed], per_day=(8, 10))
        again.feeding_plan = supplement_plan(baby, later)
        _add_visit(f, later, "Follow-up: weight check on the supplement plan", Location.HOME, [again])
    _closing(f, f.ages[-1] + 10, f"{baby.name} is back to birth weight without a supplement")


def _late_preterm(f: Family, names: Sequence[str]) -> None:
    rng = f.rng
    ga = rng.randint(34 * 7, TERM_DAYS - 1)
    birth_g = rng.randint(2100, 2500) + (ga - 34 * 7) * 15  # (a weight that fits the weeks)
    growth = Growth(birth_g, rng.uniform(0.03, 0.055), 3, rng.randint(9, 11), rng.randint(25, 32))
    baby = _add_baby(f, rng.choice(names), ga, growth, rng.choice(list(DeliveryMode)))
    age = rng.randint(2, 3)
    for n, days in enumerate((age, age + 2)):
        feed = _feed(f, rng.choice([Side.LEFT, Side.RIGHT]), [Position.CRADLE, rng.choice([Position.CROSS_CRADLE,
                     Position.FOOTBALL])], (1, 1, 2, 2, 1) if n == 0 else (2, 1, 2, 2, 1))
        reason = (f"Late-preterm baby born at {baby.gestational_age_label}: sleepy at the breast" if n == 0
                  else "Follow-up: weight check on the supplement plan")
        a = _assess(f, 0, days, [feed], weak_suckle=n == 0)
        a.feeding_plan = supplement_plan(baby, days, weak_suck=n == 0)
        _add_visit(f, days, reason, Location.HOME, [a], feeding_plan="Babies born before 37 weeks tire quickly at "
                   f"the breast: keep {baby.name} skin to skin and use breast compressions during feeds.")
    f.gap = 2
    _closing(f, age + 12, f"{baby.name} is back to birth weight")


def _twins(f: Family, names: Sequence[str]) -> None:
    rng = f.rng
    ga, delivery = rng.randint(35 * 7, 38 * 7), rng.choice([DeliveryMode.CAESAREAN_PLANNED, DeliveryMode.VAGINAL])
    first, second = rng.sample(list(names), k=2)
    _add_baby(f, first, ga, _normal_growth(rng, rng.randint(2400, 2900)), delivery)
    birth_g, gain = rng.randint(2300, 2800), rng.randint(35, 40)
    age = rng.randint(4, 6)
    loss = rng.uniform(0.075, 0.095)
    slow = _add_baby(f, second, ga, Growth(birth_g, loss, age, age + int(birth_g * loss / gain) + 1, 30), delivery)
    for n, days in enumerate((age, age + 3)):
        together = [Position.FOOTBALL, Position.TWIN] if n == 0 else [Position.TWIN]
        assessments = [
            _assess(f, 0, days, [_feed(f, Side.LEFT, together, (2, 2, 2, 2, 1))]),
            _assess(f, 1, days, [_feed(f, Side.RIGHT, together, (1 if n == 0 else 2, 1, 2, 2, 1))],
                    weak_suckle=n == 0),  # (a weak suck with the loss: a reason to supplement, ABM #3)
        ]
        reason = f"Twins at {days} days old: feeding both" if n == 0 else "Follow-up: the twins' weight check"
        assessments[1].feeding_plan = supplement_plan(slow, days, weak_suck=n == 0)
        plan = f"{first}: breastfeed on cue, at least 8 times in 24 hours; no supplement needed."
        _add_visit(f, days, reason, Location.HOME, assessments, feeding_plan=plan, parent=ParentState(unrested=True))
        if n == 0 and rng.random() < 0.4:
            break
    f.gap = 3
    _closing(f, f.ages[-1] + 9, "both twins are back to birth weight")


def _sore_nipples(f: Family, names: Sequence[str]) -> None:
    rng = f.rng
    age = _single(f, rng, names, age_range=(2, 6))
    side, clock = rng.choice([Side.LEFT, Side.RIGHT]), rng.choice((3, 6, 9, 12))
    bad = [IneffectiveSign.NARROW_GAPE, IneffectiveSign.LIPS_TUCKED, IneffectiveSign.PAIN_THROUGH_FEED]
    for n, (damage, pain) in enumerate(((NippleDamage.CRACK, rng.randint(6, 7)), (NippleDamage.SCAB, 2))):
        days = age + 4 * n
        feed = (_feed(f, side, [Position.CRADLE, rng.choice([Position.LAID_BACK, Position.CROSS_CRADLE])],
                      (1, 2, 2, 0, 1), bad) if n == 0 else _feed(f, side, [Position.LAID_BACK], (2, 2, 2, 1, 2)))
        reason = (f"Sore, cracked {side.value} nipple and a shallow latch" if n == 0
                  else f"Follow-up: the {side.value} nipple is healing")
        _add_visit(f, days, reason, Location.HOME, [_assess(f, 0, days, [feed])],
                   map_findings=[BreastMapFinding(side, FindingKind.NIPPLE_DAMAGE, clock, 0.0, nipple_damage=damage)],
                   breast_sides=[BreastSideExam(side, pain=pain)])
        if rng.random() < 0.3:
            break
    f.gap = 4
    _closing(f, f.ages[-1] + 7, f"the {side.value} nipple has healed")


def _engorgement(f: Family, names: Sequence[str]) -> None:
    rng = f.rng
    age = _single(f, rng, names, age_range=(3, 4))
    feed = _feed(f, rng.choice([Side.LEFT, Side.RIGHT]), [Position.CRADLE, Position.LAID_BACK], (1, 1, 1, 0, 2),
                 [IneffectiveSign.SLIPPING_OFF, IneffectiveSign.NARROW_GAPE])
    sides = [BreastSideExam(s, pain=rng.randint(4, 6), engorgement=True, condition=SpectrumCondition.ENGORGEMENT)
             for s in (Side.LEFT, Side.RIGHT)]
    _add_visit(f, age, f"Engorgement, baby {age} days old", Location.HOME, [_assess(f, 0, age, [feed])],
               breast_sides=sides, parent=ParentState(temperature_c=round(rng.uniform(36.8, 37.6), 1), unrested=True))
    f.gap = 2
    _closing(f, age + 5, "the breasts are soft")


def _supply(f: Family, names: Sequence[str]) -> None:
    rng = f.rng
    _well(f, _single(f, rng, names, age_range=(3, 5)), "First feeding check after the birth")
    weeks = rng.randint(3, 8)
    _well(f, weeks * 7 + rng.randint(0, 6), f"Questions about milk supply at {weeks} weeks", Location.OFFICE)
    f.gap = 14
    _closing(f, f.ages[-1] + 14, "the supply is meeting the baby's needs")


def _return_to_work(f: Family, names: Sequence[str]) -> None:
    rng = f.rng
    _well(f, _single(f, rng, names, age_range=(5, 10)), "First feeding check after the birth")
    baby = f.babies[0]
    age, weeks = rng.randint(70, 112), rng.randint(2, 4)
    _well(f, age, f"Return to work in {weeks} weeks: planning feeds", Location.OFFICE)
    f.visits[-1].parent.pumping = True
    f.visits[-1].plan.feeding_plan = (
        f"From about 2 weeks before you go back, another adult offers {baby.name} one feed a day of your expressed "
        "milk by paced bottle: baby upright, bottle level, slow teat, pauses. Start with 60-90 mL and follow "
        f"{baby.name}'s cues. While you are apart, express about as often as {baby.name} feeds, about every 3 "
        "hours, for 15-20 minutes. Breastfeed on cue whenever you are together."
    )
    f.gap = 7 * weeks + 7
    _closing(f, age + 7 * weeks + 7, "back at work and still breastfeeding")


TELLERS: dict[str, Callable[[Family, Sequence[str]], None]] = {
    "lump": _lump, "mastitis": _mastitis, "tongue_tie": _tongue_tie, "slow_weight": _slow_weight,
    "late_preterm": _late_preterm, "twins": _twins, "sore_nipples": _sore_nipples, "engorgement": _engorgement,
    "supply": _supply, "return_to_work": _return_to_work,
}
