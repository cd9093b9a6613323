"""Records made on a local copy arrive on the server unchanged (issue 17): a new client with her baby, a visit
with its weighing, and a care plan issued with the ordinary ``careplan`` command, byte for byte, with the copy's
audit entries joining the server's chain under their original time and author."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client, make_visit
from offline_practice import OfflinePractice, practice_server
from sqlalchemy import select

from consultapp.cli import main
from consultapp.store import audit
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.store.models import AuditEntryRow, IssuedDocumentRow

pytestmark = pytest.mark.postgres
PASS = "pass phrase for the copy"


@pytest.fixture
def practice() -> Iterator[OfflinePractice]:
    yield from practice_server()


def _seed(p: OfflinePractice) -> uuid.UUID:
    db = p.open(p.jo)
    try:
        client = make_client(given="Amara", family="Okafor")
        Store(db).save_client(client)
        assert client.id is not None
        return client.id
    finally:
        db.close()


def test_new_client_visit_and_care_plan_made_offline_arrive_unchanged(
    practice: OfflinePractice, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pw = tmp_path / "pw.txt"
    pw.write_text(PASS + "\n", encoding="utf-8")
    out = tmp_path / "jo.db"
    take = ["offline", "take", "--db", practice.url(practice.jo), "--out", str(out), "--passphrase-file", str(pw)]
    assert main([*take, "--client", str(_seed(practice)), "--recovery-key-file", str(tmp_path / "key")]) == 0

    local = open_database(out, passphrase=PASS)
    try:
        store = Store(local)
        client = make_client(given="Noor & Zoë", family="Al-Haddad 山田")
        store.save_client(client)
        assert client.id is not None
        visit = make_visit(client, reason="Painful latch <left>", weight_g=3185)
        store.save_visit(visit)
        baby_ids = [b.id for b in store.get_client(client.id).babies]
    finally:
        local.close()
    pdf = tmp_path / "plan.pdf"
    careplan = ["careplan", "--db", str(out), "--passphrase-file", str(pw), "--visit", str(visit.id)]
    assert main([*careplan, "--out", str(pdf)]) == 0
    local = open_database(out, passphrase=PASS)
    try:
        with local.session() as s:
            doc = s.scalars(select(IssuedDocumentRow).where(IssuedDocumentRow.visit_id == visit.id)).one()
            doc_id, doc_bytes = doc.id, bytes(doc.content)
            offline_acts = {(e.action, e.record_id, e.user, e.at) for e in s.scalars(select(AuditEntryRow))}
    finally:
        local.close()
    assert doc_bytes == pdf.read_bytes()

    capsys.readouterr()
    assert main(["offline", "sync", "--db", str(out), "--passphrase-file", str(pw)]) == 0
    assert "conflict" not in capsys.readouterr().out.lower()

    server = practice.open(practice.owner)
    try:
        theirs = Store(server).get_client(client.id)
        assert (theirs.given_name, theirs.family_name) == ("Noor & Zoë", "Al-Haddad 山田")
        assert [b.id for b in theirs.babies] == baby_ids
        visits = Store(server).visits_for_client(client.id)
        assert [v.id for v in visits] == [visit.id]
        assert visits[0].reason == "Painful latch <left>"
        assert [a.weight_g for a in Store(server).get_visit(visit.id).assessments] == [3185]
        with server.session() as s:
            kept = s.get(IssuedDocumentRow, doc_id)
            assert kept is not None and bytes(kept.content) == doc_bytes
            assert kept.sha256 == hashlib.sha256(doc_bytes).hexdigest()
            assert not audit.verify(s)
            arrived = [e for e in audit.entries(s) if e.detail.get("device")]
        # Each of the copy's entries is on the server with its original time and author, and this laptop.
        by_record = {(e.action, e.record_id): e for e in arrived}
        assert len(offline_acts) >= 3  # the new client, the visit, the issued care plan
        for action, record_id, user, at in offline_acts:
            entry = by_record[(action, record_id)]
            assert entry.detail["offline_by"] == user
            assert entry.detail["offline_at"].startswith(at.isoformat(timespec="seconds")[:19])
        assert str(doc_id) in {record for _action, record in by_record}  # the care plan's issue is among them
    finally:
        server.close()

    # Sending again changes nothing: no second client, visit or document.
    assert main(["offline", "sync", "--db", str(out), "--passphrase-file", str(pw), "--json"]) == 0
    assert '"sent": {}' in capsys.readouterr().out
    server = practice.open(practice.owner)
    try:
        with server.session() as s:
            assert len(s.scalars(select(IssuedDocumentRow.id)).all()) == 1
        assert len(Store(server).visits_for_client(client.id)) == 1
    finally:
        server.close()
