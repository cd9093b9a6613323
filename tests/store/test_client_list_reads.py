"""The home page's reads: the client chosen in the list with her visits, and the search's rows kept between
keystrokes, give what the store's other reads give, fresh after every change."""

from __future__ import annotations

import datetime as dt

from factories import make_client, make_twins_client, make_visit

from consultapp.domain.records import CareContact, ContactRole
from consultapp.store.facade import Store


def test_the_client_shown_is_her_record_and_her_visits_as_the_store_reads_them(repo: Store) -> None:
    twins = make_twins_client("Mei", "Chen", ("Ava", "Zoë"))
    twins.address = "3 Quay Road\nSampletown"
    saved = repo.save_client(twins)
    assert saved.babies[0].id is not None
    saved.contacts = [
        CareContact("Dr Okafor", ContactRole.PAEDIATRICIAN, practice="Harbour Surgery", baby_ids=(saved.babies[0].id,)),
        CareContact("Dr Silva", ContactRole.PHYSICIAN, phone="555 0101"),
    ]
    saved = repo.save_client(saved)
    for day in (3, 1, 9):
        repo.save_visit(make_visit(saved, visit_date=dt.date(2025, 6, day)))
    other = repo.save_client(make_client("Ana", "Silva", babies=[]))

    client, visits = repo.client_shown(saved.id)
    assert client == repo.get_client(saved.id)
    assert [c.name for c in client.contacts] == ["Dr Okafor", "Dr Silva"]
    assert [b.name for b in client.babies] == ["Ava", "Zoë"]
    assert visits == repo.visits_for_client(saved.id)
    assert [v.visit_date.day for v in visits] == [9, 3, 1]  # newest first
    assert repo.client_shown(other.id) == (repo.get_client(other.id), [])


def test_the_search_rows_follow_every_change_to_a_client(repo: Store) -> None:
    """Rows are made once and reused while the stored values stay; a renamed client, a new baby or a new visit
    shows at once."""
    saved = repo.save_client(make_client("Amara", "Okafor", "Noah"))
    first = repo.search_clients("okafor")
    assert first == repo.search_clients("okafor") and first[0].last_visit is None
    saved.given_name = "Amaka"
    saved = repo.save_client(saved)
    [renamed] = repo.search_clients("okafor")
    assert renamed.full_name == "Amaka Okafor" and renamed.baby_names == ("Noah",)
    repo.save_visit(make_visit(saved, visit_date=dt.date(2025, 6, 3)))
    [visited] = repo.search_clients("amaka")
    assert visited.last_visit == dt.date(2025, 6, 3)
    [after] = repo.search_clients("ok", after=None)
    assert after == visited
    assert repo.search_clients("okafor", after=visited.id) == []


def test_the_home_page_reads_are_not_queued_behind_a_save(sqlite_repo: Store) -> None:
    """Another connection (a save in another window, the nightly backup, another process) holds the write lock:
    the search, the client shown and her history still read at once, from the data as last committed, instead
    of waiting out the lock (five seconds) and failing with "database is locked"."""
    import sqlite3

    repo = sqlite_repo
    saved = repo.save_client(make_client("Amara", "Okafor", "Noah"))
    assert saved.id is not None
    repo.save_visit(make_visit(saved, visit_date=dt.date(2025, 6, 3)))
    path = repo.db.engine.url.database
    assert path
    writer = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE client SET given_name = 'Uncommitted'")
        repo.db.engine.dispose()  # (no connection kept from before the lock)
        assert [c.full_name for c in repo.search_clients("okafor")] == ["Amara Okafor"]
        client, visits = repo.client_shown(saved.id)
        assert client.given_name == "Amara" and len(visits) == 1
        assert len(repo.client_history(saved.id).timeline) == 1
    finally:
        writer.execute("ROLLBACK")
        writer.close()
