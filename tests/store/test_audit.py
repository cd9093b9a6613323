"""The audit trail records every change and act, holds no personal data, and detects tampering."""

from __future__ import annotations

import dataclasses
import datetime as dt

from factories import make_client, make_visit
from sqlalchemy import delete, update

from consultapp.domain.records import Visit
from consultapp.store import audit
from consultapp.store.db import Database
from consultapp.store.facade import Store
from consultapp.store.models import AuditEntryRow


def scripted_visit(db: Database) -> tuple[Store, Visit]:
    db.set_user("Jo Example")
    repo = Store(db)
    client = repo.save_client(make_client("Zyxwvut", "Okafor"))
    assert client.id is not None and client.babies[0].id is not None
    visit = repo.save_visit(
        make_visit(client, dt.date(2026, 11, 26), weight_g=3100, reason="Private note: lump")
    )
    repo.save_visit(dataclasses.replace(visit, reason="Private note: lump, left"))
    records = Store(db)
    assert visit.id is not None
    records.finalize_visit(visit.id, "Jo Example")
    records.issue_document(kind="careplan", content=b"%PDF", title="Care plan", filename="p.pdf",
                           issued_by="Jo Example", client_id=client.id, visit_id=visit.id)
    return repo, visit


def test_every_change_and_act_is_logged_in_order(db: Database) -> None:
    _repo, visit = scripted_visit(db)
    with db.session() as s:
        log = audit.entries(s)
        assert [(e.action, e.record_type) for e in log] == [
            ("create", "client"),
            ("create", "visit"),
            ("update", "visit"),
            ("finalize", "visit"),
            ("issue", "document"),
        ]
        assert {e.user for e in log} == {"Jo Example"}
        assert all(e.client_id == str(visit.client_id) for e in log)
        assert audit.verify(s) == []
        assert [e.action for e in audit.entries(s, client_id=visit.client_id)][-1] == "issue"


def test_the_log_holds_no_names_or_notes(db: Database) -> None:
    scripted_visit(db)
    with db.session() as s:
        entries = audit.entries(s)
    # every field but the random ones (hashes, ids, the time: "1993" turned up in a timestamp's microseconds)
    text = repr([(e.seq, e.user, e.action, e.record_type, e.detail, e.alg) for e in entries])
    assert entries and "visit" in text
    for secret in ("Zyxwvut", "Okafor", "Private note", "1993"):
        assert secret not in text


def test_an_edited_entry_is_detected(db: Database) -> None:
    scripted_visit(db)
    with db.session() as s:
        s.execute(update(AuditEntryRow).where(AuditEntryRow.seq == 2).values(action="delete"))
    with db.session() as s:
        assert audit.verify(s) == ["entry 2 was altered"]


def test_a_deleted_entry_is_detected(db: Database) -> None:
    scripted_visit(db)
    with db.session() as s:
        s.execute(delete(AuditEntryRow).where(AuditEntryRow.seq == 3))
    with db.session() as s:
        problems = audit.verify(s)
    assert "entry 3 is missing (next is 4)" in problems


def test_removing_the_newest_entries_is_detected(db: Database) -> None:
    scripted_visit(db)
    with db.session() as s:
        s.execute(delete(AuditEntryRow).where(AuditEntryRow.seq >= 4))
    with db.session() as s:
        assert audit.verify(s) == ["the newest entries are missing: the log ends at 3, its head says 5"]


def test_backup_and_restore_are_in_the_audit_trail(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from consultapp.store.db import open_database
    from consultapp.store.maintenance import backup, restore

    path = tmp_path / "p.db"
    db = open_database(path)
    info = backup(db, tmp_path / "b.cabackup")
    db.close()
    restore(info.path, path, None)
    db = open_database(path)
    try:
        with db.session() as s:
            assert [e.action for e in audit.entries(s)][-1:] == ["restore"]  # the restored file says it came back
            assert audit.verify(s) == []
    finally:
        db.close()
    aside = next(tmp_path.glob("p.db.before-restore-*"))
    old = open_database(aside)
    try:
        with old.session() as s:
            assert [e.action for e in audit.entries(s)] == ["backup"]
    finally:
        old.close()
