"""The findings in plain words: weights, a weighed feed, feeds, tongue, diapers, parent, breasts."""

from __future__ import annotations

from consultapp.domain.birth_norms import (
    gestational_age_words,
    is_caesarean,
    is_late_preterm,
    newborn_feed_norm_applies,
)
from consultapp.domain.careplan.inputs import Growth
from consultapp.domain.careplan.wording import (
    BTAT_PLAIN,
    CAUTION_PLAIN,
    CONDITION_PLAIN,
    CORYLLOS_PLAIN,
    INEFFECTIVE_PLAIN,
    KOTLOW_PLAIN,
    LATCH_PLAIN,
    NIPPLE_SHAPE_PLAIN,
    STOOL_PLAIN,
    cap,
    day_month,
    join_and,
    map_finding_words,
)
from consultapp.domain.growth import CautionCode, test_weight_intake
from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.output import output_norm
from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    Client,
    PracticeSettings,
    TestWeight,
    TongueAssessment,
    Visit,
)
from consultapp.domain.settings import ClinicalThresholds
from consultapp.domain.tongue import kotlow_class
from consultapp.domain.units import WeightUnit, format_fine_weight, format_per_day, format_temperature, format_weight
from consultapp.domain.weights import weight_loss_pct


def _latch_lines(latch: LatchScore, where: str = "") -> list[str]:
    if latch.is_empty:
        return []
    label = f"Latch score (LATCH){where}"
    if latch.total is not None:
        head = f"{label}: {latch.total} out of {LatchScore.MAX}."
    else:
        head = f"{label}: {latch.scored_count} of 5 parts scored, {latch.partial_total} points so far."
    # Only the items below full marks: the weakest items drive the plan, the rest is noise for a parent.
    parts = [
        f"{name} {score} of 2: {words[score]}."
        for (name, words), score in zip(LATCH_PLAIN, latch.item_scores(), strict=True)
        if score is not None and score < 2
    ]
    return [" ".join((head, *parts))]  # one line per score: the parts read as its sentences


def _btat_lines(tongue: TongueAssessment, t: ClinicalThresholds) -> list[str]:
    btat = tongue.btat
    tool = tongue.tool.label
    if btat.is_empty:
        return []
    total = btat.total
    if total is None:
        return [f"Tongue check ({tool}): {btat.scored_count} of 4 parts scored, {btat.partial_total} points so far."]
    if total == BtatScore.MAX:
        meaning = "your baby's tongue moves freely."
    elif total <= t.btat_impaired_at_most:
        meaning = "your baby's tongue does not lift or stretch far. This may or may not make feeding harder."
    else:
        meaning = "your baby's tongue moves a little less freely than usual."
    parts = [
        f"{name} {score} of 2: {words[score]}."
        for (name, words), score in zip(BTAT_PLAIN, btat.item_scores(), strict=True)
        if score is not None and score < 2
    ]
    return [" ".join((f"Tongue check ({tool}): {total} out of {BtatScore.MAX}: {meaning}", *parts))]


def _weight_text(grams: float, unit: WeightUnit) -> str:
    """A parent's weights without needless decimals: "6 lb 12 oz" (tenths of an ounce only under a pound)."""
    return format_weight(grams, unit, oz_decimals=0 if abs(grams) >= 454 else 1)


def birth_lines(baby: Baby, a: BabyAssessment, growth: Growth, t: ClinicalThresholds) -> list[str]:
    """What the baby's birth changes: born early (late-preterm rules), or by caesarean (more loss at first)."""
    lines: list[str] = []
    if is_late_preterm(baby.gestational_age_days, t):
        assert baby.gestational_age_days is not None
        lines.append(
            f"Your baby was born early, at {gestational_age_words(baby.gestational_age_days)}. Babies born early "
            "tire sooner at the breast, so we check weight and feeding more closely."
        )
    early_days = growth.days is not None and growth.days <= 4
    lost = a.weight_g is not None and baby.birth_weight_g is not None and a.weight_g < baby.birth_weight_g
    if is_caesarean(baby.delivery_mode) and early_days and lost:
        lines.append("After a caesarean birth, many babies lose a little more weight in the first days.")
    return lines


def weight_lines(baby: Baby, a: BabyAssessment, growth: Growth, unit: WeightUnit) -> list[str]:
    if a.weight_g is None:
        return []
    lines = [f"Weight today: {_weight_text(a.weight_g, unit)}."]
    if baby.birth_weight_g:
        loss = weight_loss_pct(baby.birth_weight_g, a.weight_g, unit)
        birth = _weight_text(baby.birth_weight_g, unit)
        if loss > 0:
            lines.append(f"That is {loss:.1f}% less than the birth weight of {birth}.")
        elif loss < 0:
            lines.append(f"That is {-loss:.1f}% more than the birth weight of {birth}.")
        else:
            lines.append(f"That is the same as the birth weight of {birth}.")
    if growth.previous is not None and growth.velocity is not None:
        when, grams = growth.previous
        change = a.weight_g - grams
        if change == 0:
            lines.append(f"Since {day_month(when)}: the same weight.")
        else:
            verb = "gained" if change > 0 else "lost"
            lines.append(
                f"Since {day_month(when)}: {verb} {_weight_text(abs(change), unit)} "
                f"(about {format_per_day(growth.velocity, unit)})."
            )
    return lines


def test_weight_lines(tw: TestWeight, t: ClinicalThresholds, unit: WeightUnit = WeightUnit.G) -> list[str]:
    try:
        result = test_weight_intake(
            tw.pre_g,
            tw.post_g,
            tw.scale_resolution_g,
            tw.clothing_unchanged,
            max_resolution_g=t.test_weight_max_resolution_g,
            unit=unit,
        )
    except ValueError:
        return []
    lines: list[str] = []
    if result.intake_ml is not None:
        lines.append(f"At the weighed feed, your baby drank about {result.intake_ml:.0f} mL.")
    for caution in result.warnings:
        if caution.code is CautionCode.SCALE_TOO_COARSE:
            lines.append(
                f"The scale shows weight only to the nearest {format_fine_weight(tw.scale_resolution_g, unit)} "
                f"(a weighed feed needs {format_fine_weight(t.test_weight_max_resolution_g, unit)} or better), "
                "so this amount is only "
                "a rough guess."
            )
        elif caution.code in CAUTION_PLAIN:
            lines.append(CAUTION_PLAIN[caution.code])
    return lines


def output_lines(a: BabyAssessment, dol: int | None) -> list[str]:
    lines: list[str] = []
    counts = []
    if a.wet_diapers is not None:
        counts.append(f"{a.wet_diapers} wet")
    if a.dirty_diapers is not None:
        counts.append(f"{a.dirty_diapers} dirty")
    if counts:
        line = f"Diapers in the last 24 hours: {join_and(counts)}."
        if dol is not None:
            norm = output_norm(dol)
            expected = [f"{norm.min_wet} wet"] if a.wet_diapers is not None else []
            if a.dirty_diapers is not None and norm.min_stools is not None:
                expected.append(f"{norm.min_stools} dirty")
            if expected:
                line += f" On day {dol} of life we expect at least {join_and(expected)}."
        lines.append(line)
    if a.stool_colour is not None:
        lines.append(f"Stools: {STOOL_PLAIN[a.stool_colour]}.")
    if a.urates:
        lines.append("Orange or brick-red crystals (urates) in the diaper.")
    return lines


def feed_lines(baby: Baby, a: BabyAssessment, t: ClinicalThresholds, days: int | None = None) -> list[str]:
    lines: list[str] = []
    if a.positions:
        names = ", ".join(p.label.lower() for p in a.positions)
        lines.append(f"Feeding positions used today: {names}.")
    if a.feeds_per_24h is not None:
        line = f"Feeds in the last 24 hours: {a.feeds_per_24h}."
        if not newborn_feed_norm_applies(days, t):
            # Kent 2006: 6-18 feeds a day at 1-6 months; the count alone says little (CLINICAL.md 11).
            line += " After the first weeks, babies feed 6 to 18 times a day. Weight gain and diapers tell us more."
        elif a.feeds_per_24h < t.min_feeds_per_24h:
            line += f" We aim for at least {t.min_feeds_per_24h}."
        lines.append(line)
    if a.ineffective_signs:
        lines.append(
            "Signs the latch was not working well: "
            + ", ".join(INEFFECTIVE_PLAIN[s] for s in a.ineffective_signs)
            + "."
        )
    if a.weak_suckle:
        lines.append("Your baby's suck was weak.")
    shapes = [f.nipple_after for f in a.feeds if f.nipple_after is not None]
    for shape in dict.fromkeys(shapes):
        lines.append(f"Your nipple after the feed: {NIPPLE_SHAPE_PLAIN[shape]}.")
    scored = [f for f in a.feeds if not f.latch.is_empty]
    for feed in scored:
        where = f", {feed.side.label.lower()}" if len(scored) > 1 and feed.side is not None else ""
        lines += _latch_lines(feed.latch, where)
    return lines


def _anatomy_lines(tongue: TongueAssessment) -> list[str]:
    """Kotlow and Coryllos in plain words; the type says where, not how much it affects feeding."""
    lines: list[str] = []
    if tongue.kotlow_mm is not None:
        lines.append(
            f"The free part of your baby's tongue is {tongue.kotlow_mm:g} mm long. "
            + KOTLOW_PLAIN[kotlow_class(tongue.kotlow_mm)]
        )
    if tongue.coryllos is not None:
        lines.append(
            f"The thin band under the tongue is attached {CORYLLOS_PLAIN[tongue.coryllos]} "
            f"(type {tongue.coryllos.value}). This shows where it is attached, not how it affects feeding."
        )
    return lines


def tongue_lines(a: BabyAssessment, t: ClinicalThresholds) -> list[str]:
    # Hazelbaker's outputs (impaired function, frenotomy criterion) stay with the consultant and the letter:
    # the parent's plan shows only the referral and the steps it leads to (CLINICAL.md sections 14 and 18).
    lines = _btat_lines(a.tongue, t) + _anatomy_lines(a.tongue)
    if a.tongue.referral.strip():
        when = f" ({day_month(a.tongue.referral_date)})" if a.tongue.referral_date else ""
        lines.append(f"Referred for a tongue check: {a.tongue.referral.strip()}{when}.")
    return lines


def parent_lines(visit: Visit, client: Client, settings: PracticeSettings) -> list[str]:
    p = visit.parent
    t = settings.thresholds
    lines: list[str] = []
    if p.temperature_c is not None:
        line = f"Your temperature: {format_temperature(p.temperature_c, settings.temperature_unit)}."
        if p.temperature_c >= t.fever_threshold_c:
            line += " That is a fever."
        lines.append(line)
    feelings = [w for w, on in (("you have chills", p.chills), ("you feel ill, like having the flu", p.flu_like)) if on]
    if feelings:
        lines.append(cap(join_and(feelings)) + ".")
    for on, text in (
        (p.unrested, "You are not getting enough rest."),
        (p.pressure_on_breast, "Something presses on part of your breast, such as a tight bra or a strap."),
        (p.long_gaps, "There are long gaps between feeds."),
        (p.sudden_stop, "Breastfeeding stopped suddenly."),
        (client.history.previous_mastitis, "You had mastitis before."),
    ):
        if on:
            lines.append(text)
    return lines


def breast_lines(visit: Visit) -> list[str]:
    lines: list[str] = []
    finding = visit.breast_finding
    if finding is not None:
        signs = ", ".join(s.plain for s in finding.signs) or "no signs listed"
        lines.append(f"{finding.concern.label} on the {finding.side.label.lower()}: {signs}.")
    for m in visit.map_findings:
        lines.append(cap(map_finding_words(m)) + (f", about {m.size_cm:g} cm across" if m.size_cm else "") + ".")
    for exam in visit.breast_sides:
        bits: list[str] = []
        if exam.pain is not None:
            bits.append(f"pain {exam.pain} out of 10")
        if exam.engorgement:
            bits.append("very full and swollen (engorged)")
        if exam.condition is not None:
            bits.append(CONDITION_PLAIN[exam.condition])
        if bits:
            lines.append(f"{exam.side.label}: {', '.join(bits)}.")
    return lines
