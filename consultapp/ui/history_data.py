"""What the history page shows, read from the store in one place (no Qt): timeline, charts, documents."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from consultapp.domain.charts import ScorePoint, WeightChart, score_trend, weight_chart
from consultapp.domain.records import Client, IssuedDocument, PracticeSettings, VisitScores
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
    photo_count: int = 0
    """The family's photos (the history page's Photos button)."""


def _row(visit: VisitScores, names: dict[uuid.UUID | None, str], settings: PracticeSettings) -> TimelineRow:
    """``names``: her babies' names by id (each visit's prefix when she has several)."""
    several = len(names) > 1
    weights, latch, btat, supplement = [], [], [], []
    for a in visit.babies:
        prefix = f"{names.get(a.baby_id, 'Baby')} " if several else ""
        if a.weight_g is not None:
            weights.append(prefix + format_weight(a.weight_g, settings.weight_unit))
        if a.latch is not None:
            latch.append(f"{prefix}{a.latch}/10")
        if a.btat is not None:
            btat.append(f"{prefix}{a.btat}/8")
        if a.supplement:
            supplement.append(prefix + a.supplement)
    return TimelineRow(visit.id, visit.visit_date, visit.location, visit.reason, ", ".join(weights),
                       ", ".join(latch), ", ".join(btat), visit.final, visit.follow_up, "; ".join(supplement))


def load_history(store: Store, client: Client, settings: PracticeSettings) -> ClientHistory:
    """Every visit of ``client`` (the timeline's columns only), each baby's weight chart and score trend,
    issued documents, how many photos: read in one session."""
    assert client.id is not None
    visits, documents, photo_count = store.client_history(client.id)
    babies = []
    names: dict[uuid.UUID | None, str] = {b.id: b.name or "Baby" for b in client.babies}
    for baby in client.babies:
        assert baby.id is not None
        scored = [(v.visit_date, b) for v in visits if (b := v.scores_for(baby.id)) is not None]
        weighings = [(on, b.weight_g) for on, b in scored if b.weight_g is not None]
        chart = weight_chart(baby.date_of_birth, baby.birth_weight_g, weighings, settings.thresholds)
        scores = score_trend([(on, b.latch, b.btat) for on, b in scored])
        babies.append(BabyHistory(baby.id, baby.name or "Baby", chart, scores))
    return ClientHistory(
        client=client,
        timeline=tuple(_row(v, names, settings) for v in visits),
        babies=tuple(babies),
        documents=tuple(documents),
        photo_count=photo_count,
    )
