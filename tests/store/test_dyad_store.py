"""The dyad's new findings are kept: nipple exams, jaundice details, the mother's conditions, a contact for
several babies; saved and read back, exported and imported (an older export's single baby included)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from factories import make_client, make_twins_client, make_visit, make_weighing

from consultapp.domain.output import StoolColour
from consultapp.domain.records import CareContact, ContactRole, LactationHistory, NippleExam
from consultapp.domain.vocabulary import MaternalCondition, NippleSign, Side
from consultapp.store.db import Database, open_database
from consultapp.store.facade import Store
from consultapp.store.transfer import erase_client, export_client, import_client


def test_new_fields_round_trip_and_survive_export_and_import(db: Database, tmp_path: Path) -> None:
    repo = Store(db)
    client = make_twins_client(
        "Thu",
        "Nguyễn",
        ("Anh", "Bảo"),
        history=LactationHistory(conditions=[MaternalCondition.PCOS, MaternalCondition.DELAYED_LACTOGENESIS]),
    )
    client = repo.save_client(client)
    anh, bao = (b.id for b in client.babies)
    assert anh is not None and bao is not None
    client.contacts = [
        CareContact("Dr Both", ContactRole.PAEDIATRICIAN, baby_ids=(anh, bao)),
        CareContact("Dr Anh", baby_ids=(anh,)),
        CareContact("Dr Mum", ContactRole.PHYSICIAN),
    ]
    client = repo.save_client(client)
    assert client.id is not None
    again = repo.get_client(client.id)
    assert [c.baby_ids for c in again.contacts] == [(anh, bao), (anh,), ()]
    assert again.history.conditions == [MaternalCondition.PCOS, MaternalCondition.DELAYED_LACTOGENESIS]
    visit = make_visit(
        client,
        assessments=[
            make_weighing(
                anh,
                2800,
                jaundice=True,
                jaundice_onset_hours=23,
                dark_urine=True,
                formula_fed=True,
                stool_colour=StoolColour.PALE,
            ),
            make_weighing(bao, 2700),
        ],
        nipples=[
            NippleExam(Side.RIGHT, 7, 4, [NippleSign.FISSURE, NippleSign.SCAB], 16, True, True),
            NippleExam(Side.LEFT, 0, 2),
        ],
    )
    saved = repo.save_visit(visit)
    assert saved.id is not None
    read = repo.get_visit(saved.id)
    assert read.nipples == sorted(visit.nipples, key=lambda e: e.side.value)
    a = read.assessment_for(anh)
    assert a is not None
    assert (a.jaundice_onset_hours, a.dark_urine, a.formula_fed, a.stool_colour) == (23, True, True, StoolColour.PALE)

    out = export_client(db, client.id, tmp_path / "out")
    data = json.loads(out.json_path.read_text(encoding="utf-8"))
    assert data["client"]["contacts"][0]["baby_ids"] == [str(anh), str(bao)]
    erase_client(db, client.id)
    back = import_client(db, out.json_path)
    assert back == again
    assert repo.get_visit(saved.id).nipples == read.nipples


def test_an_export_from_before_reads_its_single_baby_as_the_list(tmp_path: Path) -> None:
    db = open_database(tmp_path / "b.db")
    try:
        repo = Store(db)
        client = repo.save_client(make_client("Ana", "Silva", "Lia"))
        assert client.id is not None and client.babies[0].id is not None
        lia = client.babies[0].id
        client.contacts = [CareContact("Dr Chen", baby_ids=(lia,)), CareContact("Dr Patel")]
        repo.save_client(client)
        out = export_client(db, client.id, tmp_path / "out")
        data = json.loads(out.json_path.read_text(encoding="utf-8"))
        for contact in data["client"]["contacts"]:  # written the way version 1 wrote it before
            ids = contact.pop("baby_ids")
            contact["baby_id"] = ids[0] if ids else None
        out.json_path.write_text(json.dumps(data), encoding="utf-8")
        erase_client(db, client.id)
        back = import_client(db, out.json_path)
        assert [c.baby_ids for c in back.contacts] == [(lia,), ()]
    finally:
        db.close()


def test_a_removed_babys_link_is_dropped_on_reading(tmp_path: Path) -> None:
    db = open_database(tmp_path / "c.db")
    try:
        repo = Store(db)
        client = repo.save_client(make_twins_client("Thu", "Nguyễn", ("Anh", "Bảo")))
        assert client.id is not None
        ids = tuple(b.id for b in client.babies if b.id is not None)
        client.contacts = [CareContact("Dr Both", baby_ids=ids + (uuid.UUID(int=999),))]
        client = repo.save_client(client)
        assert repo.get_client(client.id).contacts[0].baby_ids == ids
    finally:
        db.close()
