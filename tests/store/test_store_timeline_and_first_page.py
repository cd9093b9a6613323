"""A client's history read lean (client_timeline) says what her full visits say; the first page of clients read
before SQLAlchemy (store/first_page.py) is the store's own first page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

import pytest
from factories import BIRTH_DATE, make_assessment, make_client, make_feed, make_twins_client, make_visit

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import BabyAssessment, Client, Visit, VisitStatus
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.store.first_page import first_page
from consultapp.store.timeline import _scored


def _scores(visit: Visit) -> list[tuple[object, int | None, int | None, int | None]]:
    return [(a.baby_id, a.weight_g, a.latch.total, a.btat.total) for a in visit.assessments]


def test_the_timeline_has_each_visits_weights_and_totals_as_the_full_visits_do(repo: Store) -> None:
    twins = repo.save_client(make_twins_client())
    noah, nia = (b.id for b in twins.babies)
    assert noah is not None and nia is not None
    day = BIRTH_DATE + dt.timedelta(days=3)
    partial = LatchScore(2, 1, None, 2, 2)  # not every item scored: no total
    first = make_visit(
        twins,
        day,
        assessments=[
            make_assessment(noah, 2500, latch=LatchScore(1, 1, 2, 1, 2), btat=BtatScore(2, 1, 1, 2)),
            # the LATCH of the first feed with any item scored (the second here)
            BabyAssessment(
                nia,
                2380,
                feeds=[
                    make_feed(latch=LatchScore()),
                    make_feed(latch=partial),
                    make_feed(latch=LatchScore(2, 2, 2, 2, 2)),
                ],
            ),
        ],
    )
    repo.save_visit(first)
    later = repo.save_visit(make_visit(twins, day + dt.timedelta(days=4), weight_g=None, reason="Check"))
    assert later.id is not None
    repo.finalize_visit(later.id, "Consultant")
    repo.save_visit(make_visit(repo.save_client(make_client("Other", "Client")), day))  # not hers

    timeline = repo.client_timeline(twins.id)  # type: ignore[arg-type]
    full = repo.client_visits(twins.id)  # type: ignore[arg-type]
    assert [v.id for v in timeline] == [v.id for v in full]  # newest first
    for lean, visit in zip(timeline, full, strict=True):
        assert (lean.visit_date, lean.location, lean.reason) == (visit.visit_date, visit.location, visit.reason)
        assert lean.final == (visit.status == VisitStatus.FINAL) and lean.follow_up == visit.plan.follow_up
        assert sorted(map(repr, ((b.baby_id, b.weight_g, b.latch, b.btat) for b in lean.babies))) == sorted(
            map(repr, _scores(visit))
        )
    oldest = timeline[-1]
    assert oldest.scores_for(noah) is not None and oldest.scores_for(noah).latch == 7  # type: ignore[union-attr]
    assert oldest.scores_for(nia).latch is None  # type: ignore[union-attr]  # the partial one, not the third
    assert timeline[0].final and not oldest.final


def test_a_client_with_no_visits_has_an_empty_timeline(repo: Store) -> None:
    client = repo.save_client(Client("Ana", "Silva"))
    assert client.id is not None
    assert repo.client_timeline(client.id) == []


def test_the_first_page_read_ahead_is_the_stores_first_page(tmp_path: Path) -> None:
    path = tmp_path / "practice.db"
    db = open_database(path)
    try:
        repo = Store(db)
        for i, (given, family) in enumerate(
            [
                ("Zoë", "Ødegård"),
                ("Nguyễn Thị", "Ánh"),
                ("Ana", ""),
                ("", "Solo"),
                ("Mei", "Chen"),
                ("محمد", "علي"),
                ("<b>", "&amp;"),
            ]
        ):
            client = repo.save_client(make_twins_client(given, family) if i % 3 == 0 else make_client(given, family))
            repo.save_visit(make_visit(client, dt.date(2026, 5, 1 + i)))
        repo.save_client(Client("No", "Babies"))
        expected = repo.search_clients("", limit=5)
        everyone = repo.search_clients("", limit=100)
    finally:
        db.close()
    # (rows of the standard library's types: the records' package loads with the store, after the page shows)
    assert first_page(path, 5) == [dataclasses.astuple(row) for row in expected]
    assert first_page(path, 100) == [dataclasses.astuple(row) for row in everyone] and len(everyone) == 8
    page = first_page(path, 1)
    assert page is not None and page[0].full_name == expected[0].full_name and page[0].id == expected[0].id


def test_the_first_page_is_not_read_from_what_it_cannot_read(tmp_path: Path) -> None:
    assert first_page(tmp_path / "missing.db", 10) is None
    not_sqlite = tmp_path / "encrypted.db"
    not_sqlite.write_bytes(b"\x8f" * 4096)  # (an encrypted file has no SQLite header)
    assert first_page(not_sqlite, 10) is None
    empty_schema = tmp_path / "other.db"
    import sqlite3

    sqlite3.connect(empty_schema).execute("CREATE TABLE other (x)").connection.close()
    assert first_page(empty_schema, 10) is None


def test_the_timelines_score_totals_are_the_instruments_own() -> None:
    """The timeline adds up stored items itself (``_scored``): the same as LatchScore/BtatScore, and a stored
    item out of range fails as they do."""
    for items in itertools.product((None, 0, 1, 2), repeat=4):
        assert _scored(BtatScore, items) == (BtatScore(*items).is_empty, BtatScore(*items).total)
    for items in [(None,) * 5, (2, 1, None, 2, 2), (2, 2, 2, 2, 2), (0, 0, 0, 0, 0), (None, 1, None, None, None)]:
        assert _scored(LatchScore, items) == (LatchScore(*items).is_empty, LatchScore(*items).total)
    with pytest.raises(ValueError):
        _scored(LatchScore, (3, 1, 1, 1, 1))


def test_a_first_page_row_has_the_client_summarys_fields_in_its_order() -> None:
    """The list reads a first-page row as it reads a ClientSummary (the store's listing then replaces it)."""
    from consultapp.domain.records import ClientSummary
    from consultapp.store.first_page import FirstPageRow

    assert FirstPageRow._fields == tuple(f.name for f in dataclasses.fields(ClientSummary))
