"""A baby's feeding plan and the visit's time are kept (SQLite and PostgreSQL) and travel in a client export."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

from factories import make_client, make_visit

from consultapp.domain.records import ExpressMethod, FeedingPlan, Supplement, SupplementMethod
from consultapp.store.db import Database, open_database
from consultapp.store.facade import Store
from consultapp.store.models import BabyAssessmentRow
from consultapp.store.transfer import export_client, import_client

PLAN = FeedingPlan(
    Supplement.DONOR_MILK,
    10,
    30,
    8,
    SupplementMethod.AT_BREAST_SUPPLEMENTER,
    ExpressMethod.HAND_THEN_PUMP,
    9,
    20,
    reweigh_on=dt.date(2026, 11, 24),
    notes="Bảo: skin to skin & <compressions> 🌸\nsecond line",
)


def _saved(repo: Store, plan: FeedingPlan | None, time: dt.time | None = dt.time(14, 35)) -> tuple[Store, object]:
    client = repo.save_client(make_client(baby="Bảo"))
    visit = make_visit(client, dt.date(2026, 11, 22), weight_g=3060, visit_time=time)
    visit.assessments[0].feeding_plan = plan
    return repo, repo.save_visit(visit).id


def test_the_feeding_plan_and_visit_time_round_trip(repo: Store) -> None:
    _, visit_id = _saved(repo, PLAN)
    back = repo.get_visit(visit_id)  # type: ignore[arg-type]
    assert back.visit_time == dt.time(14, 35)
    assert back.assessments[0].feeding_plan == PLAN
    # Declining the suggestion ("none") is kept apart from "as suggested" (no plan recorded).
    back.assessments[0].feeding_plan = FeedingPlan(Supplement.NONE)
    back.visit_time = None
    repo.save_visit(back)
    again = repo.get_visit(visit_id)  # type: ignore[arg-type]
    assert again.assessments[0].feeding_plan == FeedingPlan(Supplement.NONE) and again.visit_time is None
    again.assessments[0].feeding_plan = None
    repo.save_visit(again)
    assert repo.get_visit(visit_id).assessments[0].feeding_plan is None  # type: ignore[arg-type]


def test_a_plan_written_by_a_later_version_is_kept_unread(db: Database) -> None:
    repo = Store(db)
    _, visit_id = _saved(repo, PLAN)
    with db.session() as s:
        row = s.query(BabyAssessmentRow).one()
        row.feeding_plan = {**(row.feeding_plan or {}), "thickener": "yes"}
        s.commit()
    assert repo.get_visit(visit_id).assessments[0].feeding_plan is None  # type: ignore[arg-type]


def test_an_amended_plan_is_listed_as_a_change(repo: Store) -> None:
    _, visit_id = _saved(repo, PLAN)
    assert visit_id is not None
    repo.finalize_visit(visit_id, author="Jo")  # type: ignore[arg-type]
    final = repo.get_visit(visit_id)  # type: ignore[arg-type]
    final.assessments[0].feeding_plan = dataclasses.replace(PLAN, amount_max_ml=20)
    repo.save_visit(final, author="Jo", reason="smaller amount")
    [amendment] = repo.amendments(visit_id)  # type: ignore[arg-type]
    assert [c.field for c in amendment.changes] == ["assessments.0.feeding_plan.amount_max_ml"]


def test_an_export_carries_the_plan_and_time(tmp_path: Path, db: Database) -> None:
    repo = Store(db)
    _, visit_id = _saved(repo, PLAN)
    client_id = repo.get_visit(visit_id).client_id  # type: ignore[arg-type]
    exported = export_client(db, client_id, tmp_path / "out")
    data = json.loads(exported.json_path.read_text(encoding="utf-8"))
    [visit] = data["visits"]
    assert visit["visit_time"] == "14:35:00"
    assert visit["assessments"][0]["feeding_plan"]["supplement"] == "donor_milk"
    target = open_database(tmp_path / "other.db")
    try:
        import_client(target, exported.json_path)
        assert Store(target).get_visit(visit_id).assessments[0].feeding_plan == PLAN  # type: ignore[arg-type]
    finally:
        target.close()
    # An export from before the feeding plan (no such keys) still imports.
    del visit["visit_time"]
    del visit["assessments"][0]["feeding_plan"]
    exported.json_path.write_text(json.dumps(data), encoding="utf-8")
    older = open_database(tmp_path / "older.db")
    try:
        import_client(older, exported.json_path)
        back = Store(older).get_visit(visit_id)  # type: ignore[arg-type]
        assert back.visit_time is None and back.assessments[0].feeding_plan is None
    finally:
        older.close()
