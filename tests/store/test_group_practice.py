"""Group practice: who changed what, conflicts, lost connections, logins and roles, moving to a server."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_client, make_visit
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from consultapp.domain.records import Consultant, Role, Visit
from consultapp.store import users
from consultapp.store.db import Database, open_database
from consultapp.store.errors import ConflictError, KnownError
from consultapp.store.facade import Store
from consultapp.store.migrate_db import copy_database, table_check
from consultapp.store.models import Base
from consultapp.store.visits import diff_visits


def new_visit(repo: Store, reason: str = "first") -> Visit:
    client = repo.save_client(make_client())
    assert client.id is not None and client.babies[0].id is not None
    return repo.save_visit(
        make_visit(client, dt.date(2026, 11, 26), weight_g=3000, reason=reason)
    )


def test_every_record_remembers_who_created_and_last_changed_it(db: Database) -> None:
    db.set_user("Jo Example, IBCLC")
    repo = Store(db)
    visit = new_visit(repo)
    db.set_user("Sam Other, IBCLC")
    repo.save_visit(dataclasses.replace(visit, reason="changed"))
    from consultapp.store.models import ClientRow, VisitRow

    with db.session() as s:
        row = s.get(VisitRow, visit.id)
        assert row is not None and (row.created_by, row.updated_by) == ("Jo Example, IBCLC", "Sam Other, IBCLC")
        client = s.get(ClientRow, visit.client_id)
        assert client is not None and client.created_by == "Jo Example, IBCLC"


def test_two_consultants_editing_one_visit_conflict_and_nothing_is_lost(db_target: str) -> None:
    jo_db, sam_db = open_database(db_target), open_database(db_target)
    try:
        jo_db.set_user("Jo")
        sam_db.set_user("Sam")
        jo, sam = Store(jo_db), Store(sam_db)
        visit = new_visit(jo)
        assert visit.id is not None
        jo_copy, sam_copy = jo.get_visit(visit.id), sam.get_visit(visit.id)
        jo_copy.reason = "Jo's reason"
        jo.save_visit(jo_copy)
        sam_copy.assessments[0].weight_g = 3050
        with pytest.raises(ConflictError) as caught:
            sam.save_visit(sam_copy)
        conflict = caught.value
        assert "Jo saved this visit" in str(conflict) and "your changes are still in the form" in str(conflict)
        assert isinstance(conflict.current, Visit) and conflict.current.reason == "Jo's reason"
        assert sam_copy.assessments[0].weight_g == 3050  # her typing is untouched
        stored = jo.get_visit(visit.id)
        assert (stored.reason, stored.assessments[0].weight_g) == ("Jo's reason", 3000)  # no silent overwrite
        # She merges: takes what Jo saved and adds her weight; then it saves.
        merged = conflict.current
        merged.assessments[0].weight_g = 3050
        sam.save_visit(merged)
        final = jo.get_visit(visit.id)
        assert (final.reason, final.assessments[0].weight_g) == ("Jo's reason", 3050)
    finally:
        jo_db.close()
        sam_db.close()


def test_retrying_a_save_that_reached_the_server_does_not_duplicate(repo: Store) -> None:
    client = repo.save_client(make_client())
    assert client.id is not None and client.babies[0].id is not None
    visit = make_visit(client, dt.date(2026, 11, 26), weight_g=3000, id=uuid.uuid4())
    lost_ack = dataclasses.replace(visit)  # the app's copy, still at version 0
    repo.save_visit(visit)
    repo.save_visit(lost_ack)  # the answer was lost: the app saves again
    assert len(repo.visits_for_client(client.id)) == 1
    assert lost_ack.version == visit.version == 1


@pytest.fixture
def pg(postgres_schema_url: str) -> Iterator[str]:
    yield postgres_schema_url


def test_a_dropped_connection_mid_save_keeps_the_visit_and_saves_it_once_reconnected(pg: str) -> None:
    db = open_database(pg)
    admin = create_engine(make_url(pg), isolation_level="AUTOCOMMIT")
    try:
        repo = Store(db)
        client = repo.save_client(make_client())
        assert client.id is not None and client.babies[0].id is not None
        visit = make_visit(client, dt.date(2026, 11, 26), weight_g=3000, reason="typed at the kitchen table",
                           id=uuid.uuid4())
        kill = {"armed": True}

        def drop_connection(session, *_args) -> None:  # type: ignore[no-untyped-def]
            if kill["armed"]:
                kill["armed"] = False
                pid = session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
                with admin.connect() as conn:
                    conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

        event.listen(db.sessions, "before_commit", drop_connection)
        with pytest.raises(KnownError, match="server cannot be reached"):
            repo.save_visit(visit)
        assert repo.visits_for_client(client.id) == []  # nothing half-written
        assert visit.reason == "typed at the kitchen table"  # the form's copy is intact
        repo.save_visit(visit)  # the server is back (a new connection): the same save goes through
        repo.save_visit(dataclasses.replace(visit, version=0))  # and once only, even if repeated
        [saved] = repo.visits_for_client(client.id)
        assert repo.get_visit(saved.id).assessments[0].weight_g == 3000
    finally:
        admin.dispose()
        db.close()


@pytest.fixture
def own_database(pg: str) -> Iterator[str]:
    """A database of its own (practice setup changes who may connect to it, so not the shared test database)."""
    name = f"cap_t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(pg).set(query={}), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(pg).set(database=name, query={}).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            groups = [g for (g,) in conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                                                   {"p": f"{name}\\_%"})]
            for group in groups:
                conn.execute(text(f'DROP ROLE IF EXISTS "{group}"'))
        admin.dispose()


def test_logins_and_roles_on_the_server(own_database: str) -> None:
    pg = own_database
    db = open_database(pg)
    suffix = uuid.uuid4().hex[:8]
    reviewer = Consultant("Rae Reviewer", "IBCLC", Role.REVIEWER, db_role=f"t_rev_{suffix}")
    writer = Consultant("Wren Writer", "IBCLC", Role.CONSULTANT, db_role=f"t_con_{suffix}")
    admin = create_engine(make_url(pg), isolation_level="AUTOCOMMIT")
    try:
        users.ensure_group_roles(db)
        reviewer = users.create_login(db, reviewer, password="s3cret 'quoted'")
        writer = users.create_login(db, writer, password=None)
        Store(db).save_client(make_client("Existing", "Client"))

        def as_login(login: str) -> Database:
            return open_database(make_url(pg).set(username=login).render_as_string(hide_password=False))

        rev_db = as_login(reviewer.db_role or "")
        try:
            assert users.current_consultant(rev_db) == reviewer
            assert [c.full_name for c in Store(rev_db).search_clients("")] == ["Existing Client"]
            with pytest.raises(KnownError, match="may only read"):
                Store(rev_db).save_client(make_client("Not", "Allowed"))
        finally:
            rev_db.close()
        con_db = as_login(writer.db_role or "")
        try:
            con_db.set_user(writer.signature)
            Store(con_db).save_client(make_client("Allowed", "Write"))
        finally:
            con_db.close()
        users.disable(db, writer.id)  # type: ignore[arg-type]
        with pytest.raises(KnownError):
            as_login(writer.db_role or "")
        assert [c.active for c in users.consultants(db)] == [True, False]
    finally:
        db.close()
        with admin.connect() as conn:
            for role in (reviewer.db_role, writer.db_role):
                conn.execute(text(f'DROP OWNED BY "{role}"'))
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def test_moving_a_practice_from_sqlite_to_the_server_keeps_every_row(tmp_path: Path, pg: str) -> None:
    from consultapp.domain.demo import demo_families

    source = open_database(tmp_path / "laptop.db")
    repo = Store(source)
    for family in demo_families(6, seed=5):
        repo.save_client(family.client)
        for visit in family.visits:
            repo.save_visit(visit)
    first = repo.all_visits()[0]
    Store(source).issue_document(kind="careplan", content=b"%PDF-bytes\x00\xff", title="t", filename="f.pdf",
                                        issued_by="Jo", client_id=first.client_id, visit_id=first.id)
    target = open_database(pg)
    try:
        report = copy_database(source, target)
        assert report.total_rows > 50
        for table in Base.metadata.sorted_tables:
            assert table_check(source, table) == table_check(target, table), table.name
        moved = Store(target)
        assert moved.all_visits() == repo.all_visits()
        assert moved.get_visit(first.id) == repo.get_visit(first.id)
        from consultapp.store import audit

        with target.session() as s:
            assert audit.verify(s) == []
        with pytest.raises(KnownError, match="not empty"):
            copy_database(source, target)
    finally:
        source.close()
        target.close()


def test_load_eight_consultants_saving_two_hundred_visits_each(pg: str) -> None:
    """8 concurrent consultants x 200 saves: no error, no lost or duplicated visit; median latency reported."""
    from consultapp.store import audit
    from consultapp.store.loadtest import run_load

    result = run_load(pg, consultants=8, visits_each=200)
    assert result.errors == ()
    assert (result.stored, result.distinct, result.lost, result.duplicated) == (1600, 1600, 0, 0)
    print(f"load test: 1600 saves by 8 consultants, median save {result.median_ms:.1f} ms")
    db = open_database(pg)
    try:
        with db.session() as s:
            assert audit.verify(s) == []
    finally:
        db.close()


def test_diff_shows_what_the_other_consultant_changed() -> None:
    base = make_visit(uuid.uuid4(), dt.date(2026, 11, 26), reason="a")
    theirs = dataclasses.replace(base, reason="b")
    assert [c.field for c in diff_visits(base, theirs)] == ["reason"]


def test_a_conflict_names_the_author_of_the_other_save(db_target: str) -> None:
    first, second = open_database(db_target), open_database(db_target)
    try:
        a, b = Store(first), Store(second)
        visit = new_visit(a)
        assert visit.id is not None
        mine, theirs = a.get_visit(visit.id), b.get_visit(visit.id)
        theirs.reason = "theirs"
        b.save_visit(theirs, author="Sam Other, IBCLC")
        mine.reason = "mine"
        with pytest.raises(ConflictError) as caught:
            a.save_visit(mine, author="Jo Example, IBCLC")
        assert caught.value.changed_by == "Sam Other, IBCLC"
        assert str(caught.value).startswith("Sam Other, IBCLC saved this visit")
    finally:
        first.close()
        second.close()
