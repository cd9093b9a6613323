"""Enum columns: the domain's StrEnum in, the same stored text as before (no migration), the enum back out."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from factories import make_client
from sqlalchemy import select, text

from consultapp.domain.records import BabyAssessment, BreastFinding, BreastMapFinding, FeedingObservation, Visit
from consultapp.domain.vocabulary import (
    BreastConcern,
    FindingKind,
    Location,
    NippleShape,
    Position,
    Sex,
    Side,
    Sign,
)
from consultapp.store.db import Database
from consultapp.store.facade import Store
from consultapp.store.models import VisitRow


def _raw(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql))]


def test_enums_are_stored_as_their_values_and_read_back_as_members(db: Database, repo: Store) -> None:
    client = make_client()
    client.babies[0].sex = Sex.FEMALE
    client = repo.save_client(client)
    baby_id = client.babies[0].id
    assert client.id is not None and baby_id is not None
    feed = FeedingObservation(side=Side.LEFT, positions_tried=[Position.CRADLE, Position.FOOTBALL],
                              nipple_after=NippleShape.WEDGED)
    visit = repo.save_visit(Visit(
        client.id, dt.date(2026, 11, 26), location=Location.OFFICE,
        assessments=[BabyAssessment(baby_id, 3000, feeds=[feed])],
        breast_finding=BreastFinding(BreastConcern.MASTITIS, Side.RIGHT, [Sign.FEVER, Sign.LUMP]),
        map_findings=[BreastMapFinding(Side.RIGHT, FindingKind.LUMP, 2)],
    ))
    assert _raw(db, "SELECT location, breast_concern, breast_side, status FROM visit") == [
        ("office", "mastitis", "right", "draft")
    ]
    [(signs,)] = _raw(db, "SELECT breast_signs FROM visit")
    assert (json.loads(signs) if isinstance(signs, str) else signs) == ["fever", "lump"]
    [(side, positions, nipple)] = _raw(db, "SELECT side, positions_tried, nipple_after FROM feeding_observation")
    assert (side, nipple) == ("left", "wedged")
    assert (json.loads(positions) if isinstance(positions, str) else positions) == ["cradle", "football"]
    assert _raw(db, "SELECT side, kind FROM breast_map_finding") == [("right", "lump")]
    assert _raw(db, "SELECT sex FROM baby") == [("female",)]
    assert _raw(db, "SELECT status FROM client") == [("active",)]

    assert visit.id is not None
    back = repo.get_visit(visit.id)
    assert back.location is Location.OFFICE
    assert back.breast_finding is not None and back.breast_finding.signs == [Sign.FEVER, Sign.LUMP]
    assert all(type(s) is Sign for s in back.breast_finding.signs)
    assert back.assessments[0].feeds[0].positions_tried == [Position.CRADLE, Position.FOOTBALL]
    assert repo.get_client(client.id).babies[0].sex is Sex.FEMALE
    with db.session() as s:  # a query may still compare with the plain text
        assert s.scalars(select(VisitRow.id).where(VisitRow.location == "office")).all() == [visit.id]


def test_a_value_the_enum_does_not_know_is_refused_not_stored(db: Database, repo: Store) -> None:
    client = repo.save_client(make_client())
    assert client.id is not None
    with pytest.raises(Exception, match="'garden' is not a valid Location"), db.session() as s:
        s.add(VisitRow(client_id=client.id, visit_date=dt.date(2026, 11, 26), location="garden"))
        s.flush()
    assert _raw(db, "SELECT count(*) FROM visit") == [(0,)]
