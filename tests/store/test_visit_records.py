"""What a visit's documents are made from (``Store.visit_records``, read with Core on one connection) is what the
store's separate ORM reads give: the visit with every part filled in, twins in their birth order, the practice,
each baby's earlier weighings and the photos ticked for the plan."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from factories import make_client, make_full_visit, make_twins_client, make_visit
from photo_files import phone_jpeg
from sqlalchemy import event

from consultapp.domain.photos import PhotoSubject
from consultapp.domain.records import (
    BabyAssessment,
    BillingIdentifiers,
    Consents,
    FeedingObservation,
    NippleExam,
    Practice,
)
from consultapp.domain.vocabulary import NippleSign, Side
from consultapp.services.photos import PhotoSource, add_photos
from consultapp.store.errors import NotFoundError
from consultapp.store.facade import Store


def _twins_visit(repo: Store) -> tuple[object, object]:
    twins = make_twins_client("Mei", "Chen", ("Ava & <Zoë>", "李 Bao"))
    twins.consents = Consents(care=dt.date(2026, 11, 1), photos=dt.date(2026, 11, 1))
    client = repo.save_client(twins)
    ava, bao = (b.id for b in client.babies)
    assert ava is not None and bao is not None
    repo.save_visit(make_visit(client, dt.date(2026, 11, 10), weight_g=2500))
    repo.save_visit(make_visit(client, dt.date(2026, 11, 17), weight_g=2700))
    full = make_full_visit(client, nipples=[
        NippleExam(Side.RIGHT, pain_at_latch=7, signs=[NippleSign.BLISTER], pain_days=3),
        NippleExam(Side.LEFT, pain_at_latch=2, pus=True),
    ])
    # the second twin too, with feeds of her own: her records must not be mixed with her sister's
    full.assessments.append(BabyAssessment(bao, 2810, feeds=[
        FeedingObservation(Side.RIGHT, duration_min=12), FeedingObservation(Side.LEFT, duration_min=9),
        FeedingObservation(Side.RIGHT, duration_min=4),
    ]))
    visit = repo.save_visit(full)
    return client, visit


def test_the_documents_read_the_same_records_as_the_separate_reads(repo: Store) -> None:
    repo.save_practice(Practice(name="Harbour Lactation & Co", fax="555-9", logo=b"\x89PNG logo",
                                identifiers=BillingIdentifiers("1234567893", licence="IBCLC L-1")))
    client, visit = _twins_visit(repo)
    ava, bao = (b.id for b in client.babies)
    kept = add_photos(repo, visit.id, [PhotoSource(phone_jpeg(), "a.jpg"), PhotoSource(phone_jpeg(), "b.jpg"),
                                       PhotoSource(phone_jpeg(colour=(9, 9, 9)), "c.jpg")],
                      subject=PhotoSubject(baby_id=bao), caption="Bao's tongue")
    repo.update_photo(kept[2].id, on_plan=True)
    repo.update_photo(kept[0].id, on_plan=True)
    other = repo.save_client(make_client("Ana", "Silva", "Leo"))
    repo.save_visit(make_visit(other, dt.date(2026, 11, 3), weight_g=4100))

    records = repo.visit_records(visit.id)

    assert records.visit == repo.get_visit(visit.id)
    assert records.client == repo.get_client(client.id)
    assert records.practice == repo.get_practice()
    assert records.practice.logo == b"\x89PNG logo"
    # the parts whose order is the record's own: as saved, each feed with its own twin
    got = records.visit
    assert [a.baby_id for a in got.assessments] == [ava, bao]
    assert [f.duration_min for f in got.assessments[1].feeds] == [12, 9, 4]
    assert [f.side for f in got.assessments[0].feeds] == [Side.LEFT, Side.RIGHT]
    assert [s.key for s in got.plan.steps] == ["treat_heat", "custom-1"]
    assert [f.kind.value for f in got.map_findings] == [f.kind.value for f in make_full_visit(client).map_findings]
    assert [n.side for n in got.nipples] == sorted([Side.RIGHT, Side.LEFT])
    assert [b.name for b in records.client.babies] == ["Ava & <Zoë>", "李 Bao"]
    assert records.earlier_weighings == {
        ava: [(dt.date(2026, 11, 10), 2500), (dt.date(2026, 11, 17), 2700)],
        bao: [(dt.date(2026, 11, 10), 2500), (dt.date(2026, 11, 17), 2700)],
    }
    # the photos ticked for the plan, in their order, with their images; the one left off is not read
    assert [p.caption for p in records.plan_photos] == ["Bao's tongue", "Bao's tongue"]
    assert all("李 Bao" in p.label for p in records.plan_photos)
    assert records.plan_photos[0].content != records.plan_photos[1].content  # the first and the third, not the second


def test_a_visit_with_nothing_but_its_date_reads_too(repo: Store) -> None:
    client = repo.save_client(make_client("Ana", "Silva", babies=[]))
    visit = repo.save_visit(make_visit(client.id, dt.date(2026, 11, 27)))
    records = repo.visit_records(visit.id)
    assert records.visit == repo.get_visit(visit.id)
    assert records.client == repo.get_client(client.id)
    assert records.practice == repo.get_practice()  # a practice not yet set up
    assert (records.earlier_weighings, records.plan_photos) == ({}, ())


def test_the_documents_read_on_one_connection_and_an_unknown_visit_is_not_found(repo: Store) -> None:
    client = repo.save_client(make_client("Ana", "Silva", "Leo"))
    visit = repo.save_visit(make_visit(client, dt.date(2026, 11, 27), weight_g=3150))
    checkouts: list[object] = []
    listener = lambda *args: checkouts.append(args)  # noqa: E731
    event.listen(repo.db.engine, "checkout", listener)
    try:
        repo.visit_records(visit.id)
    finally:
        event.remove(repo.db.engine, "checkout", listener)
    assert len(checkouts) == 1  # one consistent view of the records
    with pytest.raises(NotFoundError):
        repo.visit_records(uuid.uuid4())
