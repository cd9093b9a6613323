"""The care-plan engine: from a visit's findings to plain-language findings, steps and warnings.

``build_care_plan`` (``engine``) reads one visit and decides everything the care-plan document prints:

- the findings in plain words (``findings``: weights in the practice's unit, intake at a weighed feed, diapers
  against the norm for the day of life, the LATCH and tongue scores, the breast map, the parent's temperature);
- the red and amber flags (``flags.red_flags``, thresholds from the practice's settings), which always appear
  under "When to call your doctor", red ones first and marked "Call today";
- the risk factors for clogged ducts and mastitis present at the visit (``risk.risk_factors``);
- the suggested steps (``steps``), each with a stable ``key`` (``StepKey``), the reason it was chosen and the
  source of its wording, then the consultant's edits applied (``edits.apply_edits``): unticked steps dropped,
  her order, her own steps;
- the pictures it prints (``figures``: the breast map and each baby's weight chart).

Clogged-duct and mastitis steps (``FindingTopic``) come from the source document unless the practice chose the
ABM Clinical Protocol #36 (2022) wording for that topic (``PracticeSettings.clogged_duct_variant`` /
``mastitis_variant``); the plan records which it followed (``CarePlan.variants``). The package: ``model`` (what a
plan is), ``wording`` (plain words), ``inputs`` (what the engine reads from a visit), ``findings``, ``steps``,
``edits``, ``engine``, ``figures``.
"""

from __future__ import annotations

from consultapp.domain.careplan.edits import apply_edits, group_sections
from consultapp.domain.careplan.engine import build_care_plan
from consultapp.domain.careplan.feeding import BabyFeedingPlan, FeedingSuggestion, suggest_feeding_plan
from consultapp.domain.careplan.figures import NO_FIGURES, BabyChart, CarePlanFigures, figures_for_visit
from consultapp.domain.careplan.inputs import MASTITIS_CONDITIONS
from consultapp.domain.careplan.model import (
    CALL_TODAY,
    CHECK_SOON,
    SECTION_CLOGGED,
    SECTION_CUSTOM,
    SECTION_LATCH,
    SECTION_MASTITIS,
    SECTION_PREVENTION,
    SECTION_TONGUE,
    BabyFindings,
    CarePlan,
    FindingTopic,
    PlanSection,
    PlanStep,
    SectionTitle,
    VariantUsed,
)
from consultapp.domain.careplan.wording import (
    ALWAYS_CALL_DOCTOR,
    BTAT_PLAIN,
    CONDITION_PLAIN,
    INEFFECTIVE_PLAIN,
    LATCH_PLAIN,
    NIPPLE_DAMAGE_PLAIN,
    NIPPLE_SHAPE_PLAIN,
    POSITION_PLAIN,
    STOOL_PLAIN,
)
from consultapp.domain.source_steps import StepKey

__all__ = [
    "ALWAYS_CALL_DOCTOR",
    "BTAT_PLAIN",
    "CALL_TODAY",
    "CHECK_SOON",
    "CONDITION_PLAIN",
    "INEFFECTIVE_PLAIN",
    "LATCH_PLAIN",
    "MASTITIS_CONDITIONS",
    "NIPPLE_DAMAGE_PLAIN",
    "NIPPLE_SHAPE_PLAIN",
    "NO_FIGURES",
    "POSITION_PLAIN",
    "SECTION_CLOGGED",
    "SECTION_CUSTOM",
    "SECTION_LATCH",
    "SECTION_MASTITIS",
    "SECTION_PREVENTION",
    "SECTION_TONGUE",
    "STOOL_PLAIN",
    "BabyChart",
    "BabyFeedingPlan",
    "BabyFindings",
    "CarePlan",
    "CarePlanFigures",
    "FeedingSuggestion",
    "FindingTopic",
    "PlanSection",
    "PlanStep",
    "SectionTitle",
    "StepKey",
    "VariantUsed",
    "apply_edits",
    "build_care_plan",
    "figures_for_visit",
    "group_sections",
    "suggest_feeding_plan",
]
