"""An amendment's changes as the consultant reads them: the form's label, and old -> new in her units.

``diff_visits`` names a change by its dotted path in the stored record (``parent.temperature_c``,
``plan.steps.9.reason``, ``assessments.1.weight_g``) with the stored values (grams, degrees Celsius).
Here those become "Temperature", "Plan step 10: reason", "Bao: weight" and "101.3 °F -> 100.4 °F".
Pure functions, no Qt: the visit editor, the history and printed records all word them the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultapp.domain.units import GRAMS_PER_OUNCE, TemperatureUnit, WeightUnit, format_temperature, format_weight

if TYPE_CHECKING:  # named only: the UI's tables import this before the records (and uuid) load
    import uuid

    from consultapp.domain.records.documents import FieldChange
    from consultapp.domain.records.visit import Visit

_TOP = {
    "visit_date": "Visit date", "visit_time": "Time seen", "location": "Place", "reason": "Reason for visit",
    "assessments": "Babies", "breast_finding": "Breast finding", "map_findings": "Breast map",
    "breast_sides": "Breast exam", "nipples": "Nipple exam", "parent": "Parent", "plan": "Care plan",
    "billing": "Billing",
}
_WORDS = {
    # the parent
    "temperature_c": "Temperature", "flu_like": "flu-like illness", "unrested": "not rested",
    "sudden_stop": "sudden stop of feeds", "long_gaps": "long gaps between feeds",
    "pressure_on_breast": "pressure on the breast", "fast_heart_rate": "fast heart rate",
    "fluctuant_or_persisting_lump": "fluctuant or persisting lump",
    "worse_after_antibiotics": "worse after antibiotics", "lump_after_episode": "lump after an episode",
    # a baby
    "weight_g": "weight", "feeds": "feed", "tongue": "tongue", "test_weight": "test weight",
    "pre_g": "weight before the feed", "post_g": "weight after the feed",
    "scale_resolution_g": "scale resolution", "wet_diapers": "wet diapers", "dirty_diapers": "dirty diapers",
    "stool_colour": "stool colour", "weak_suckle": "weak suckle", "poor_feeding": "poor feeding",
    "feeds_per_24h": "feeds in 24 hours", "duration_min": "duration (minutes)", "kotlow_mm": "Kotlow (mm)",
    "btat": "BTAT", "latch": "LATCH", "jaundice_onset_hours": "jaundice first seen (hours of life)",
    "pain_at_latch": "pain at latch", "pain_during_feed": "pain during the feed", "pain_days": "days of pain",
    "not_healing": "not healing",
    # the plan
    "steps": "step", "feeding_plan": "feeding plan", "follow_up": "follow-up",
    # a baby's feeding plan
    "amount_min_ml": "amount from (mL)", "amount_max_ml": "amount to (mL)",
    "expressions_per_24h": "expressions in 24 hours", "express_minutes": "minutes expressing",
    "reweigh_within_hours": "re-weigh within (hours)", "reweigh_on": "re-weigh on",
}
_WEIGHT_KEYS = frozenset({"weight_g", "pre_g", "post_g", "birth_weight_g"})
_TEMPERATURE_KEYS = frozenset({"temperature_c"})


def _word(key: str) -> str:
    return _WORDS.get(key, key.replace("_", " "))


def change_label(path: str, baby_names: Sequence[str] = ()) -> str:
    """The label a consultant knows for the field at ``path``.

    ``baby_names`` are the names of the visit's babies in assessment order (twins are told apart by
    name; an unnamed baby is "Baby 2"). "parent.temperature_c" -> "Temperature",
    "plan.steps.9.reason" -> "Plan step 10: reason", "assessments.1.weight_g" -> "Bao: weight".
    """
    parts = path.split(".") if path else []
    if not parts:
        return "Visit"
    head: str
    rest: list[str]
    if parts[0] == "assessments" and len(parts) > 1 and parts[1].isdigit():
        index = int(parts[1])
        named = baby_names[index] if index < len(baby_names) else ""
        head, rest = (named or f"Baby {index + 1}"), parts[2:]
    elif parts[0] == "plan" and len(parts) > 2 and parts[1] == "steps" and parts[2].isdigit():
        head, rest = f"Plan step {int(parts[2]) + 1}", parts[3:]
    elif parts[0] == "parent" and len(parts) > 1:
        head, rest = _word(parts[1]), parts[2:]
        head = head[:1].upper() + head[1:]
    else:
        head, rest = _TOP.get(parts[0], _word(parts[0]).capitalize()), parts[1:]
    words: list[str] = []
    for i, part in enumerate(rest):
        if part.isdigit():
            before = rest[i - 1] if i else ""
            number = f"{int(part) + 1}"
            if words and before:
                words[-1] = f"{words[-1]} {number}"
            else:
                words.append(number)
        else:
            words.append(_word(part))
    return ": ".join([head, *words]) if words else head


def change_value(path: str, value: object, weight_unit: WeightUnit, temperature_unit: TemperatureUnit) -> str:
    """A stored value as the consultant reads it: weights and temperatures in the practice's units."""
    key = path.rsplit(".", 1)[-1]
    if value is None or value == "" or value == [] or value == {}:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        if key in _WEIGHT_KEYS:
            return format_weight(value, weight_unit)
        if key in _TEMPERATURE_KEYS:
            return format_temperature(value, temperature_unit)
        if key == "scale_resolution_g":
            return f"{value / GRAMS_PER_OUNCE:.2f} oz" if weight_unit is WeightUnit.LB_OZ else f"{value:g} g"
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        return ", ".join(change_value(path, v, weight_unit, temperature_unit) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{_word(k)} {change_value(k, v, weight_unit, temperature_unit)}"
                         for k, v in value.items() if k not in ("id", "version"))
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


@dataclass(frozen=True)
class ShownChange:
    """One change as shown: "Temperature: 100.4 °F -> 101.3 °F"."""

    label: str
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.label}: {self.before} -> {self.after}"


def assessment_names(visit: Visit, names_by_id: Mapping[uuid.UUID | None, str]) -> list[str]:
    """The visit's babies' names in assessment order (the order ``assessments.N`` counts in)."""
    return [names_by_id.get(a.baby_id, "") for a in visit.assessments]


def shown_changes(changes: Sequence[FieldChange], baby_names: Sequence[str], weight_unit: WeightUnit,
                  temperature_unit: TemperatureUnit) -> list[ShownChange]:
    """Each ``FieldChange`` (field, before, after) in the consultant's words and units."""
    out = []
    for c in changes:
        out.append(ShownChange(
            change_label(c.field, baby_names),
            change_value(c.field, c.before, weight_unit, temperature_unit),
            change_value(c.field, c.after, weight_unit, temperature_unit),
        ))
    return out
