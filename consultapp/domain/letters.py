"""The letter to the baby's or the parent's doctor: what a clinician needs from one visit, in clinical words.

Pure: it reads the visit, the client, the practice and the visit's decided care plan; the document lays it
out on one page; the recipient is one of the client's care contacts (``CareContact``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from consultapp.domain.careplan import SECTION_PREVENTION, CarePlan
from consultapp.domain.careplan.dyad import delayed_lactogenesis_flag, history_letter_lines
from consultapp.domain.careplan.feeding import letter_lines as feeding_letter_lines
from consultapp.domain.flags import Flag, FlagCode, Severity, for_clinician
from consultapp.domain.growth import Weighing, day_of_life, test_weight_intake, velocity_g_per_day
from consultapp.domain.letter_plan import plan_letter_lines, third_person, tongue_check_clinical
from consultapp.domain.letter_scope import flag_line, jaundice_words, scoped
from consultapp.domain.nipples import nipple_lines
from consultapp.domain.photos import PrintedPhoto
from consultapp.domain.records import Baby, BabyAssessment, CareContact, Client, Practice, TongueAssessment, Visit
from consultapp.domain.records import ContactRole as ContactRole  # re-exported: letters name their recipients
from consultapp.domain.settings import ClinicalThresholds, HazelbakerRule
from consultapp.domain.tongue import hazelbaker_decision, kotlow_class
from consultapp.domain.units import format_fine_weight, format_gain, format_temperature, format_weight
from consultapp.domain.weights import weight_loss_pct

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


FLAG_CLINICAL: dict[FlagCode, str] = {
    FlagCode.WEIGHT_LOSS_AMBER: "weight loss from birth weight at the amber threshold",
    FlagCode.WEIGHT_LOSS_RED: "excessive weight loss from birth weight",
    FlagCode.NOT_REGAINED_AMBER: "birth weight not yet regained (amber)",
    FlagCode.NOT_REGAINED_RED: "birth weight not regained by the red threshold day",
    FlagCode.SLOW_GAIN: "gain below the expected daily minimum",
    FlagCode.MATERNAL_FEVER: "maternal fever with chills, flu-like illness or breast signs (same day)",
    FlagCode.SPREADING_REDNESS: "rapidly spreading breast erythema",
    FlagCode.CONFUSION: "maternal confusion (possible sepsis)",
    FlagCode.FAST_HEART_RATE: "maternal tachycardia (possible sepsis)",
    FlagCode.FLUCTUANT_OR_PERSISTING_LUMP: "fluctuant or persisting breast mass (possible abscess)",
    FlagCode.WORSE_ON_ANTIBIOTICS: "worse after 24-48 h of antibiotics",
    FlagCode.LUMP_AFTER_EPISODE: "breast lump persisting after the episode resolved",
    FlagCode.OUTPUT_WET_BELOW_NORM: "wet diapers below the norm for day of life",
    FlagCode.OUTPUT_STOOLS_BELOW_NORM: "stools below the norm for day of life",
    FlagCode.OUTPUT_MECONIUM_ON_DAY_5: "meconium still passed on day 5",
    FlagCode.OUTPUT_FEWER_THAN_6_WET_AFTER_DAY_5: "fewer than 6 wet diapers after day 5",
    FlagCode.OUTPUT_URATES_AFTER_DAY_4: "urates after day 4",
    FlagCode.JAUNDICE: "jaundice",
    FlagCode.LETHARGY: "lethargy",
    FlagCode.POOR_FEEDING: "poor feeding",
}


@dataclass(frozen=True)
class PhysicianLetter:
    """Everything the one-page letter prints, already decided (the document only lays it out)."""

    practice: Practice
    practice_fax: str
    date: dt.date
    recipient: CareContact | None
    regarding: tuple[str, ...]
    visit_date: dt.date
    reason: str
    findings: tuple[str, ...]
    scores: tuple[str, ...]
    weights: tuple[str, ...]
    flags: tuple[str, ...]
    plan: tuple[str, ...]
    follow_up: dt.date | None = None
    photos: tuple[PrintedPhoto, ...] = ()
    """Photos the consultant chose for this letter (printed after it, with whose, what, when and caption)."""

    @property
    def salutation(self) -> str:
        if self.recipient is None or not self.recipient.name.strip():
            return "Dear colleague,"
        return f"Dear {self.recipient.name.strip()},"


def short_date(date: dt.date | None) -> str:
    """``26 Nov 2026``."""
    return "not recorded" if date is None else f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def _baby_weights(
    baby: Baby, a: BabyAssessment, visit_date: dt.date, earlier: Sequence[tuple[dt.date, int]], practice: Practice
) -> list[str]:
    unit = practice.settings.weight_unit
    name = baby.name.strip() or "Baby"
    parts: list[str] = []
    if baby.birth_weight_g:
        parts.append(f"birth weight {format_weight(baby.birth_weight_g, unit)}")
    birth = [w for w in (baby.gestational_age_label, baby.delivery_mode.label.lower() if baby.delivery_mode else "")
             if w]
    if birth:
        parts.append("born " + ", ".join(birth))
    if a.weight_g:
        today = f"today {format_weight(a.weight_g, unit)}"
        if baby.date_of_birth is not None and visit_date >= baby.date_of_birth:
            today += f" (day {day_of_life(baby.date_of_birth, visit_date)} of life)"
        parts.append(today)
        if baby.birth_weight_g:
            change = -weight_loss_pct(baby.birth_weight_g, a.weight_g, unit)
            parts.append(f"{change:+.1f}% from birth weight")
        prior = sorted((d, g) for d, g in earlier if d < visit_date and g > 0)
        if prior:
            when, grams = prior[-1]
            velocity = velocity_g_per_day(Weighing(when, grams), Weighing(visit_date, a.weight_g))
            parts.append(f"{format_gain(velocity, unit)} since {short_date(when)} ({format_weight(grams, unit)})")
    if a.test_weight is not None:
        try:
            result = test_weight_intake(a.test_weight.pre_g, a.test_weight.post_g, a.test_weight.scale_resolution_g,
                                        a.test_weight.clothing_unchanged, unit=unit)
        except ValueError:
            result = None
        if result is not None and result.intake_ml is not None:
            caution = "" if result.reliable else ", unreliable"
            parts.append(f"test-weighed intake about {result.intake_ml:.0f} mL "
                         f"(scale {format_fine_weight(a.test_weight.scale_resolution_g, unit)}{caution})")
    return [f"{name}: " + "; ".join(parts) + "."] if parts else []


def _baby_scores(baby: Baby, a: BabyAssessment, t: ClinicalThresholds) -> list[str]:
    name = baby.name.strip() or "Baby"
    lines: list[str] = []
    for feed in a.feeds:
        latch = feed.latch
        if latch.is_empty:
            continue
        items = " ".join(f"{k}{'-' if v is None else v}" for k, v in zip("LATCH", latch.item_scores(), strict=True))
        total = f"{latch.total}/10" if latch.total is not None else f"partial {latch.partial_total}"
        side = f", {feed.side.label.lower()}" if feed.side is not None else ""
        below = " (below the further-evaluation cut-off)" if latch.total is not None and (
            latch.total < t.latch_further_evaluation_below) else ""
        lines.append(f"{name}: LATCH {total}{side} [{items}]{below}.")
    btat = a.tongue.btat
    if not btat.is_empty:
        if btat.total is None:
            lines.append(f"{name}: {a.tongue.tool.label} partial, {btat.partial_total} points.")
        else:
            if btat.total == 8:
                meaning = "normal function"
            elif btat.total <= t.btat_impaired_at_most:
                meaning = "impaired tongue function"
            else:
                meaning = "borderline"
            items = " ".join(f"{k}{v}" for k, v in zip(("tip ", "frenulum ", "lift ", "protrusion "),
                                                       btat.item_scores(), strict=True))
            lines.append(f"{name}: {a.tongue.tool.label} {btat.total}/8, {meaning} [{items}].")
    return lines + _tongue_anatomy(name, a.tongue, t)


def _tongue_anatomy(name: str, tongue: TongueAssessment, t: ClinicalThresholds) -> list[str]:
    """Hazelbaker's two outputs apart (impaired function; frenotomy criterion), Coryllos and Kotlow."""
    lines: list[str] = []
    if tongue.hazelbaker_unclassified:
        lines.append(f"{name}: Hazelbaker ATLFF unclassified (fits no category).")
    elif tongue.hazelbaker_appearance is not None and tongue.hazelbaker_function is not None:
        try:
            reading = hazelbaker_decision(tongue.hazelbaker_appearance, tongue.hazelbaker_function, t.hazelbaker_rule)
        except ValueError:
            reading = None
        head = (f"{name}: Hazelbaker appearance {tongue.hazelbaker_appearance}/10, "
                f"function {tongue.hazelbaker_function}/14")
        if reading is None:
            lines.append(head + ".")
        else:
            rule = "Hazelbaker rule" if reading.rule is HazelbakerRule.HAZELBAKER else "Ballard 2002 rule"
            lines.append(f"{head}: {reading.reading[0].lower()}{reading.reading[1:]} ({rule}).")
    if tongue.coryllos is not None:
        lines.append(f"{name}: Coryllos type {tongue.coryllos.value} ({tongue.coryllos.description.split(': ')[1]}).")
    if tongue.kotlow_mm is not None:
        label = kotlow_class(tongue.kotlow_mm).label
        lines.append(f"{name}: free tongue length {tongue.kotlow_mm:g} mm (Kotlow {label[0].lower()}{label[1:]}).")
    return lines


def _baby_findings(baby: Baby, a: BabyAssessment, visit_date: dt.date) -> list[str]:
    name = baby.name.strip() or "Baby"
    bits: list[str] = []
    if a.feeds_per_24h is not None:
        bits.append(f"{a.feeds_per_24h} feeds/24 h")
    if a.wet_diapers is not None or a.dirty_diapers is not None:
        wet = "?" if a.wet_diapers is None else str(a.wet_diapers)
        dirty = "?" if a.dirty_diapers is None else str(a.dirty_diapers)
        bits.append(f"output {wet} wet / {dirty} stools per 24 h")
    if a.stool_colour is not None:
        bits.append(f"stools {a.stool_colour.value}")
    signs = [label for on, label in ((a.jaundice, "jaundiced"), (a.lethargy, "lethargic"),
                                     (a.poor_feeding, "feeding poorly"), (a.weak_suckle, "weak suck"),
                                     (a.urates, "urates")) if on]
    bits += signs + jaundice_words(a)
    if a.ineffective_signs:
        bits.append("observed: " + ", ".join(s.label.lower() for s in a.ineffective_signs))
    if a.positions:
        bits.append("positions: " + ", ".join(p.label.lower() for p in a.positions))
    if a.tongue.lip_tie.strip():
        bits.append(f"upper lip: {a.tongue.lip_tie.strip()}")
    return [f"{name}: " + "; ".join(bits) + "."] if bits else []


def _parent_findings(visit: Visit, client: Client, practice: Practice) -> list[str]:
    lines: list[str] = []
    p = visit.parent
    state: list[str] = []
    if p.temperature_c is not None:
        state.append(f"temperature {format_temperature(p.temperature_c, practice.settings.temperature_unit)}")
    state += [label for on, label in ((p.chills, "chills"), (p.flu_like, "flu-like illness"),
                                      (p.spreading_redness, "spreading redness"), (p.confusion, "confusion"),
                                      (p.fast_heart_rate, "tachycardia"), (p.unrested, "unrested"),
                                      (p.sudden_stop, "abrupt weaning"), (p.pumping, "pumping")) if on]
    if client.history.previous_mastitis:
        state.append("previous mastitis")
    if state:
        lines.append("Parent: " + "; ".join(state) + ".")
    finding = visit.breast_finding
    if finding is not None:
        signs = ", ".join(s.label.lower() for s in finding.signs) or "no signs listed"
        lines.append(f"{finding.concern.label}, {finding.side.label.lower()}: {signs}.")
    for m in visit.map_findings:
        where = f"{m.side.value} breast at {m.clock} o'clock"
        if m.distance_cm is not None:
            where += f", {m.distance_cm:g} cm from the nipple"
        size = f", about {m.size_cm:g} cm" if m.size_cm else ""
        damage = f" ({m.nipple_damage.label.lower()})" if m.nipple_damage is not None else ""
        lines.append(f"{m.kind.label}{damage}: {where}{size}.")
    for exam in visit.breast_sides:
        bits = []
        if exam.pain is not None:
            bits.append(f"pain {exam.pain}/10")
        if exam.engorgement:
            bits.append("engorged")
        if exam.condition is not None:
            bits.append(exam.condition.label)
        if bits:
            lines.append(f"{exam.side.label}: {', '.join(bits)}.")
    return lines


def _plan_lines(plan: CarePlan, assessed: Sequence[tuple[Baby, BabyAssessment]], several: bool) -> list[str]:
    """The plan as the parent was advised it, in clinical words (``letter_plan``): never "you/your"."""
    referrals = {b.name.strip(): a.tongue.referral.strip() for b, a in assessed}
    lines = plan_letter_lines(plan.sections, tongue_check_clinical(referrals, several), skip=(SECTION_PREVENTION,))
    if any(s.title == SECTION_PREVENTION for s in plan.sections):
        sources = "; ".join(dict.fromkeys(v.source_title for v in plan.variants)) or plan.source_title
        lines.append(f"Prevention advice for clogged ducts and mastitis given in writing (after {sources}).")
    if plan.feeding_plan:
        lines.append("Feeding plan notes given to the parent: " + third_person(plan.feeding_plan))
    return lines


def _flag_words(f: Flag) -> str:
    """A flag in a clinician's words (never the parent's "your baby")."""
    return FLAG_CLINICAL.get(f.code) or f.clinical or third_person(for_clinician(f.reason))


def default_reason(visit: Visit, plan: CarePlan) -> str:
    """Why we write: red flags first, then a tongue referral, else to keep the doctor informed."""
    red = [_flag_words(f) for f in plan.flags if f.severity is Severity.RED]
    if red:
        return "Please assess: " + "; ".join(dict.fromkeys(red)) + "."
    referrals = [a.tongue.referral.strip() for a in visit.assessments if a.tongue.referral.strip()]
    if referrals:
        return "Referral for assessment of tongue function: " + "; ".join(referrals) + "."
    amber = [_flag_words(f) for f in plan.flags]
    if amber:
        return "For your information and review: " + "; ".join(dict.fromkeys(amber)) + "."
    return f"For your information: lactation consultation on {short_date(visit.visit_date)}."


def build_physician_letter(
    practice: Practice,
    client: Client,
    visit: Visit,
    plan: CarePlan,
    *,
    recipient: CareContact | None,
    date: dt.date,
    reason: str = "",
    practice_fax: str = "",
    earlier_weighings: Mapping[uuid.UUID, Sequence[tuple[dt.date, int]]] | None = None,
) -> PhysicianLetter:
    """Decide the letter for ``visit``: reason, findings, scores, weights, flags and plan in clinical words.

    ``plan`` is the visit's care plan (``careplan.build_care_plan``), so the letter and the plan handed to the
    parent agree. ``reason`` overrides ``default_reason``.
    """
    earlier_weighings = earlier_weighings or {}
    t = practice.settings.thresholds
    # A baby's doctor hears about the babies in their care (and the parent), not about a twin they do not see.
    visit, plan, covered = scoped(client, visit, plan, recipient)
    babies = {b.id: b for b in client.babies}
    assessed = [(babies[a.baby_id], a) for a in visit.assessments if a.baby_id in babies]
    regarding = [f"{client.full_name or 'Parent'} (date of birth {short_date(client.date_of_birth)})"]
    seen = {a.baby_id for a in visit.assessments}
    in_care = set(recipient.baby_ids) if recipient is not None else set()
    shown = [b for b in client.babies if b.id in covered and (b.id in seen or b.id in in_care)]
    regarding += [f"{b.name.strip() or 'Baby'} (date of birth {short_date(b.date_of_birth)})" for b in shown]
    findings: list[str] = []
    scores: list[str] = []
    weights: list[str] = []
    plan_lines = _plan_lines(plan, assessed, len(client.babies) > 1)
    for baby, a in assessed:
        weights += _baby_weights(baby, a, visit.visit_date, earlier_weighings.get(a.baby_id, ()), practice)
        scores += _baby_scores(baby, a, t)
        findings += _baby_findings(baby, a, visit.visit_date)
    findings += _parent_findings(visit, client, practice)
    findings += nipple_lines(visit.nipples, clinical=True)
    findings += history_letter_lines(client)
    several = len(client.babies) > 1
    flags = [flag_line(f, FLAG_CLINICAL.get(f.code), name_babies=several) for f in plan.flags]
    lactogenesis = delayed_lactogenesis_flag(client, client.babies)
    if lactogenesis:
        flags.append(lactogenesis.removesuffix("."))
    return PhysicianLetter(
        practice=practice,
        practice_fax=practice_fax,
        date=date,
        recipient=recipient,
        regarding=tuple(regarding),
        visit_date=visit.visit_date,
        reason=reason.strip() or default_reason(visit, plan),
        findings=tuple(findings),
        scores=tuple(scores),
        weights=tuple(weights),
        flags=tuple(dict.fromkeys(flags)),
        plan=tuple(plan_lines)
        + tuple(third_person(x) for x in feeding_letter_lines(plan.baby_feeding_plans, [b.id for b, _a in assessed])),
        follow_up=plan.follow_up,
    )
