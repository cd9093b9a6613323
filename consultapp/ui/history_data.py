"""What the history page shows, read from the store in one place (no Qt): timeline, charts, documents."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultapp.domain.charts import ScorePoint, WeightChart, score_trend, weight_chart
from consultapp.domain.feeding_plan import history_words
from consultapp.domain.records import Client, IssuedDocument, PracticeSettings, Visit
from consultapp.domain.units import format_weight
from consultapp.domain.vocabulary import Location

if TYPE_CHECKING:
    from consultapp.store.facade import Store


@dataclass(frozen=True)
class TimelineRow:
    """One visit on the client's timeline."""

    id: uuid.UUID
    visit_date: dt.date
    location: Location
    reason: str
    weights: str
    latch: str
    btat: str
    final: bool
    follow_up: dt.date | None
    supplement: str = ""
    """Each baby's supplement in its feeding plan ("own expressed milk 10-30 mL x 8"), "none", or empty."""


@dataclass(frozen=True)
class BabyHistory:
    baby_id: uuid.UUID
    name: str
    chart: WeightChart
    scores: tuple[ScorePoint, ...]


@dataclass(frozen=True)
class ClientHistory:
    client: Client
    timeline: tuple[TimelineRow, ...]
    """Newest first."""
    babies: tuple[BabyHistory, ...]
    documents: tuple[IssuedDocument, ...]


def _totals(visit: Visit, baby_id: uuid.UUID) -> tuple[int | None, int | None]:
    a = visit.assessment_for(baby_id)
    return (a.latch.total, a.btat.total) if a else (None, None)


def _row(visit: Visit, client: Client, settings: PracticeSettings) -> TimelineRow:
    several = len(client.babies) > 1
    names = {b.id: b.name or "Baby" for b in client.babies}
    weights, latch, btat, supplement = [], [], [], []
    for a in visit.assessments:
        prefix = f"{names.get(a.baby_id, 'Baby')} " if several else ""
        if a.weight_g is not None:
            weights.append(prefix + format_weight(a.weight_g, settings.weight_unit))
        if a.latch.total is not None:
            latch.append(f"{prefix}{a.latch.total}/10")
        if a.btat.total is not None:
            btat.append(f"{prefix}{a.btat.total}/8")
        if history_words(a.feeding_plan):
            supplement.append(prefix + history_words(a.feeding_plan))
    assert visit.id is not None
    return TimelineRow(visit.id, visit.visit_date, visit.location, visit.reason, ", ".join(weights),
                       ", ".join(latch), ", ".join(btat), visit.is_final, visit.plan.follow_up, "; ".join(supplement))


def load_history(store: Store, client: Client, settings: PracticeSettings) -> ClientHistory:
    """Every visit of ``client`` (read in full), each baby's weight chart and score trend, issued documents."""
    assert client.id is not None
    visits = store.client_visits(client.id)
    babies = []
    for baby in client.babies:
        assert baby.id is not None
        weighings = [(v.visit_date, a.weight_g) for v in visits
                     if (a := v.assessment_for(baby.id)) is not None and a.weight_g is not None]
        chart = weight_chart(baby.date_of_birth, baby.birth_weight_g, weighings, settings.thresholds)
        scores = score_trend([(v.visit_date, *_totals(v, baby.id)) for v in visits if v.assessment_for(baby.id)])
        babies.append(BabyHistory(baby.id, baby.name or "Baby", chart, scores))
    return ClientHistory(
        client=client,
        timeline=tuple(_row(v, client, settings) for v in visits),
        babies=tuple(babies),
        documents=tuple(store.documents_for_client(client.id)),
    )
