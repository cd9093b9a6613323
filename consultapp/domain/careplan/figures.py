"""The pictures a care plan prints, decided in the domain: the breast map's findings and each baby's weight chart."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from consultapp.domain.charts import WeightChart, weight_chart
from consultapp.domain.records import BreastMapFinding, Client, PracticeSettings, Visit


@dataclass(frozen=True)
class BabyChart:
    """One baby's weight chart, under that baby's findings."""

    baby_name: str
    chart: WeightChart


@dataclass(frozen=True)
class CarePlanFigures:
    """The pictures of a care plan: the breast map (when findings were placed) and the weight charts."""

    map_findings: tuple[BreastMapFinding, ...] = ()
    weight_charts: tuple[BabyChart, ...] = ()


NO_FIGURES = CarePlanFigures()


def figures_for_visit(
    client: Client,
    visit: Visit,
    settings: PracticeSettings,
    earlier_weighings: Mapping[uuid.UUID, Sequence[tuple[dt.date, int]]] | None = None,
) -> CarePlanFigures:
    """The breast map findings and, per baby, the weight chart up to this visit (``charts.weight_chart``).

    A chart is drawn when it has two or more weighings (birth weight counts as one: ``WeightChart.drawable``).
    """
    earlier_weighings = earlier_weighings or {}
    charts: list[BabyChart] = []
    for baby in client.babies:
        assessment = visit.assessment_for(baby.id) if baby.id is not None else None
        if assessment is None or baby.date_of_birth is None:
            continue  # without a date of birth there is no day of age to draw against
        weighings = [(d, g) for d, g in earlier_weighings.get(baby.id, ()) if d < visit.visit_date]  # type: ignore[arg-type]
        if assessment.weight_g:
            weighings.append((visit.visit_date, assessment.weight_g))
        chart = weight_chart(baby.date_of_birth, baby.birth_weight_g, weighings, settings.thresholds)
        if chart.drawable:
            charts.append(BabyChart(baby.name, chart))
    return CarePlanFigures(tuple(visit.map_findings), tuple(charts))
