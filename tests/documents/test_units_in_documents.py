"""A lb-oz / °F practice's documents: every weight, daily gain and temperature in its units, none in g or °C."""

from __future__ import annotations

import re

import factories
from doc_helpers import EARLIER, MASTITIS, make_client, make_visit, pdf_text

from consultapp.documents import careplan, letter
from consultapp.domain.careplan import build_care_plan
from consultapp.domain.letters import build_physician_letter
from consultapp.domain.records import Client, ParentState, PracticeSettings, TestWeight, Visit
from consultapp.domain.units import TemperatureUnit, WeightUnit

POUNDS = factories.make_practice(settings=PracticeSettings(weight_unit=WeightUnit.LB_OZ,
                                                           temperature_unit=TemperatureUnit.F))
GRAM_FIGURE = re.compile(r"\d\s*(?:g|grams?|g/day|kg)\b")


def _feverish_visit() -> tuple[Client, Visit]:
    client = make_client()
    visit = make_visit(finding=MASTITIS, parent=ParentState(temperature_c=38.9, chills=True))
    visit.assessments[0].test_weight = TestWeight(3060, 3100, scale_resolution_g=5.0)  # a coarse scale
    return client, visit


def test_the_care_plan_pdf_shows_no_gram_or_celsius_figure() -> None:
    client, visit = _feverish_visit()
    plan = build_care_plan(POUNDS, client, visit, earlier_weighings=EARLIER)
    text = pdf_text(careplan.render_bytes(plan, invariant=True))
    assert "102.0 °F" in text  # the fever, in the flag's line and the findings
    assert "6 lb 12 oz" in text  # today's weight (3060 g), in whole ounces on a parent's plan
    assert "nearest 0.18 oz (a weighed feed needs 0.07 oz or better)" in text  # 5 g and 2 g
    assert "°C" not in text
    assert GRAM_FIGURE.findall(text) == []


def test_the_physician_letter_pdf_shows_no_gram_or_celsius_figure() -> None:
    client, visit = _feverish_visit()
    plan = build_care_plan(POUNDS, client, visit, earlier_weighings=EARLIER)
    made = build_physician_letter(POUNDS, client, visit, plan, recipient=None,
                                  date=visit.visit_date, earlier_weighings=EARLIER)
    assert any("-1.1 oz/day since 23 Nov 2026" in line for line in made.weights)  # -30 g a day
    text = pdf_text(letter.render_bytes(made, invariant=True))
    assert "102.0 °F" in text and "0.18 oz" in text  # the fever; the scale's 5 g resolution
    assert "°C" not in text
    assert GRAM_FIGURE.findall(text) == []
