"""A client's record leaves whole (export), comes back exactly (import), and can be erased."""

from __future__ import annotations

import copy
import datetime as dt
import json
import uuid
from pathlib import Path

import pytest
from factories import lump_at, make_client, make_feed, make_visit, make_weighing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultapp.domain.instruments import LatchScore
from consultapp.domain.records import (
    ChosenStep,
    PlanEdits,
)
from consultapp.domain.vocabulary import Position
from consultapp.store import audit
from consultapp.store.db import Database, open_database
from consultapp.store.errors import NotFoundError
from consultapp.store.facade import Store
from consultapp.store.transfer import ImportRefused, erase_client, export_client, import_client

UNIQUE = "Qwxzyvutsr"


def full_record(db: Database) -> uuid.UUID:
    repo, records = Store(db), Store(db)
    client = repo.save_client(make_client(UNIQUE, "O'Brien-Šimić", baby="Bé 🌸"))
    assert client.id is not None and client.babies[0].id is not None
    for day in (20, 24):
        visit = repo.save_visit(
            make_visit(
                client,
                dt.date(2026, 11, day),
                reason=f"Visit {day} & <notes>",
                assessments=[
                    make_weighing(
                        client.babies[0].id,
                        3000 + day,
                        feeds=[make_feed(positions=[Position.FOOTBALL], latch=LatchScore(1, 2, 2, 1, 1))],
                    )
                ],
                map_findings=[lump_at(2, distance_cm=3.0)],
                plan=PlanEdits([ChosenStep("own", "Call Friday", custom=True)], "8 feeds", dt.date(2026, 12, 1)),
            )
        )
        assert visit.id is not None
        records.issue_document(kind="careplan", content=f"%PDF-{day}".encode(), title=f"Plan {day}",
                               filename=f"plan-{day}.pdf", issued_by="Jo", client_id=client.id, visit_id=visit.id)
    records.finalize_visit(visit.id, "Jo")
    final = repo.get_visit(visit.id)
    final.reason = "Corrected"
    repo.save_visit(final, author="Jo", reason="typo")
    return client.id


def test_export_then_import_round_trips_exactly(tmp_path: Path, db: Database) -> None:
    client_id = full_record(db)
    first = export_client(db, client_id, tmp_path / "out1")
    assert (first.visits, first.documents) == (2, 2)
    target = open_database(tmp_path / "other.db")
    try:
        imported = import_client(target, first.json_path)
        assert imported.full_name == f"{UNIQUE} O'Brien-Šimić"
        second = export_client(target, client_id, tmp_path / "out2")
        a = json.loads(first.json_path.read_text(encoding="utf-8"))
        b = json.loads(second.json_path.read_text(encoding="utf-8"))
        for key in ("client", "visits", "documents"):
            assert a[key] == b[key], key
        assert b["visits"][1]["status"] == "final" and b["visits"][1]["amendments"][0]["reason"] == "typo"
        assert Store(target).document_content(uuid.UUID(a["documents"][0]["id"])) == b"%PDF-20"
        with target.session() as s:
            assert [e.action for e in audit.entries(s, client_id)][:1] == ["import"]
            assert audit.verify(s) == []
        with pytest.raises(ImportRefused, match="already in this database"):
            import_client(target, first.json_path)
    finally:
        target.close()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="something-else"), "not a ConsultApp client export"),
        (lambda d: d.update(version=99), "newer ConsultApp"),
        (lambda d: d["client"].update(date_of_birth="yesterday"), "client.date_of_birth"),
        (lambda d: d["visits"][0].update(visit_date=None), r"visits\[0\].visit_date"),
        (lambda d: d["documents"][0].update(sha256="0" * 64), "does not match its hash"),
        (lambda d: d["documents"][0].update(file="../../etc/passwd"), "outside the export folder"),
    ],
)
def test_malformed_or_newer_exports_are_refused_and_nothing_changes(
    tmp_path: Path, db: Database, mutate, message: str  # type: ignore[no-untyped-def]
) -> None:
    client_id = full_record(db)
    result = export_client(db, client_id, tmp_path / "out")
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    mutate(data)
    result.json_path.write_text(json.dumps(data), encoding="utf-8")
    target = open_database(tmp_path / "other.db")
    try:
        with pytest.raises(ImportRefused, match=message):
            import_client(target, result.json_path)
        assert Store(target).search_clients("") == []
    finally:
        target.close()


@pytest.fixture(scope="module")
def base_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz")
    source = open_database(folder / "src.db")
    try:
        result = export_client(source, full_record(source), folder)
    finally:
        source.close()
    return result.json_path


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_fuzzed_exports_are_refused_cleanly(tmp_path: Path, base_export: Path, data: st.DataObject) -> None:
    """Hypothesis mangles a real export: every result is imported whole or refused with a message."""
    base = json.loads(base_export.read_text(encoding="utf-8"))
    mangled = copy.deepcopy(base)
    path = data.draw(st.sampled_from([("client",), ("visits", 0), ("visits", 1, "assessments", 0), ("documents", 0)]))
    node = mangled
    for key in path:
        node = node[key]
    key = data.draw(st.sampled_from(sorted(node)))
    node[key] = data.draw(
        st.none() | st.integers() | st.floats() | st.text(max_size=5) | st.lists(st.integers(), max_size=2)
    )
    target_json = base_export.parent / f"mangled-{uuid.uuid4().hex}.json"
    target_json.write_text(json.dumps(mangled), encoding="utf-8")
    target = open_database(tmp_path / f"t-{uuid.uuid4().hex}.db")
    try:
        try:
            import_client(target, target_json)
        except ImportRefused as exc:
            assert str(exc)
            assert Store(target).search_clients("") == []
    finally:
        target.close()
        target_json.unlink()


def test_erasure_removes_the_record_keeps_only_the_fact_and_overwrites_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"  # plain, so that a grep of the file means something
    db = open_database(path)
    client_id = full_record(db)
    keep = Store(db).save_client(make_client("Other", "Client"))
    assert UNIQUE.encode() in path.read_bytes() + Path(str(path) + "-wal").read_bytes()
    erase_client(db, client_id)
    with pytest.raises(NotFoundError):
        Store(db).get_client(client_id)
    assert [c.id for c in Store(db).search_clients("")] == [keep.id]
    assert Store(db).documents_for_client(client_id) == []
    with db.session() as s:
        assert audit.entries(s, client_id)[-1].action == "erase"
        assert audit.verify(s) == []
    db.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("plain.db"))
    assert UNIQUE.encode() not in raw
    assert "Šimić".encode() not in raw
