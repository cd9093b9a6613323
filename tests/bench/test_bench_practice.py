"""The synthetic practice: exact sizes, the 40-visit clients, the app can read it, and the cache."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from consultapp.bench.practice import (
    HEAVY_CLIENTS,
    HEAVY_VISITS,
    PracticeSize,
    cached_path,
    ensure_practice,
    older_cached,
)
from consultapp.store.db import HEAD_REVISION, KNOWN_REVISIONS, open_database
from consultapp.store.facade import Store

TINY = PracticeSize(clients=30, babies=36, visits=HEAVY_CLIENTS * HEAVY_VISITS + 100)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, tuple]:
    folder = tmp_path_factory.mktemp("bench-cache")
    info = ensure_practice(TINY, folder=folder)
    return info.path, info.heavy_client_ids


def _count(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_sizes_are_exact(tiny: tuple[Path, tuple]) -> None:
    path, _ = tiny
    assert (_count(path, "client"), _count(path, "baby"), _count(path, "visit")) == (30, 36, TINY.visits)
    # every baby is assessed at every visit of her family, with one observed feed
    assert _count(path, "baby_assessment") == _count(path, "feeding_observation") > TINY.visits


def test_the_app_reads_the_practice_and_finds_the_40_visit_clients(tiny: tuple[Path, tuple]) -> None:
    path, heavy = tiny
    db = open_database(path, create=False)
    try:
        repo = Store(db)
        assert len(heavy) == HEAVY_CLIENTS
        client = repo.get_client(heavy[0])
        assert len(repo.visits_for_client(client.id)) == HEAVY_VISITS
        latest = repo.get_visit(repo.visits_for_client(client.id)[0].id)
        assert latest.assessments and latest.assessments[0].feeds
        found = repo.search_clients(f"{client.family_name} {client.given_name}".lower())
        assert client.id in [c.id for c in found]
        assert repo.get_practice().name
    finally:
        db.close()


def test_the_cache_is_reused_and_keyed_by_schema_and_generator(tiny: tuple[Path, tuple], tmp_path: Path) -> None:
    path, _ = tiny
    again = ensure_practice(TINY, folder=path.parent)
    assert again.path == path and not again.generated
    name = cached_path(TINY, tmp_path).name
    assert HEAD_REVISION in name and "-g" in name and TINY.key in name


def test_impossible_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        PracticeSize(clients=10, babies=5, visits=1000)
    with pytest.raises(ValueError):
        PracticeSize(clients=10, babies=10, visits=20)


def test_a_practice_cached_at_an_older_revision_is_migrated_not_generated(
    tiny: tuple[Path, tuple], tmp_path: Path
) -> None:
    """A new migration moves the cached practice forward (a 500,000-client practice takes minutes to generate)."""
    path, heavy = tiny
    previous = KNOWN_REVISIONS[-2]
    old = tmp_path / cached_path(TINY).name.replace(HEAD_REVISION, previous)
    shutil.copyfile(path, old)
    assert older_cached(TINY, tmp_path) == (previous, old)
    info = ensure_practice(TINY, folder=tmp_path)
    assert not info.generated and info.migrated_from == previous
    assert info.path == cached_path(TINY, tmp_path) and not old.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == [info.path.name]
    assert _count(info.path, "visit") == TINY.visits
    db = open_database(info.path, create=False)
    try:
        assert len(Store(db).visits_for_client(heavy[0])) == HEAVY_VISITS
    finally:
        db.close()
    # asked to regenerate, it does not look for an older one
    assert ensure_practice(TINY, folder=tmp_path, regenerate=True).generated
