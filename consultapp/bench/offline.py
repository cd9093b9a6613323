"""The offline figures of ``consultapp bench --pg URL`` (issue 17): take a caseload, sync the visits made offline.

A practice database of its own is made on the server (its owner, the practice's roles and one
consultant's login with a password), 200 clients assigned to her with their babies and visits (the
synthetic practice's rows, inserted in bulk). Her caseload is taken into a new encrypted local copy
a bounded number of times (each a laptop of its own), then 50 visits are recorded in the last copy
and sent by ``sync``, again a bounded number of rounds. The database and the roles are dropped after.

Baselines, measured in the same run with her login: for take, reading the same clients and their
visits with the plain store reads (``get_client``, ``visits_for_client``); for sync, saving 50 visits
straight to the server with the store.
"""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text, update
from sqlalchemy.engine import URL, Engine, make_url

from consultapp.bench.practice import HEAVY_CLIENTS, HEAVY_VISITS, TABLES, PracticeSize, _families
from consultapp.bench.report import Figure, median
from consultapp.domain.records import Consultant, Role, Visit
from consultapp.store import users
from consultapp.store.db import Database, open_database
from consultapp.store.facade import Store
from consultapp.store.models import ClientRow
from consultapp.store.offline import copy, sync

CLIENTS = 200
VISITS = 50
REPEATS = 3
PASSPHRASE = "bench offline copy, synthetic records only"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BenchPractice:
    base: URL
    name: str
    owner: str
    login: str
    password: str

    def url(self, login: str, password: str | None = None) -> str:
        return self.base.set(username=login, password=password, database=self.name).render_as_string(
            hide_password=False
        )

    def open_as_her(self) -> Database:
        return open_database(self.url(self.login, self.password), run_migrations=False)


def caseload_size(clients: int = CLIENTS) -> PracticeSize:
    """``clients`` with 1.2 babies and two visits each (the ten heavy clients of the generator: 40)."""
    return PracticeSize(clients=clients, babies=clients * 6 // 5, visits=2 * clients + HEAVY_CLIENTS * HEAVY_VISITS)


@contextmanager
def bench_practice(pg_url: str) -> Iterator[BenchPractice]:
    """A practice database with one consultant login (a random password), dropped with its roles after."""
    base = make_url(pg_url)
    tag = uuid.uuid4().hex[:8]
    p = BenchPractice(base, f"benchoff_{tag}", f"own_benchoff{tag}", f"jo_benchoff{tag}", secrets.token_hex(12))
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE ROLE "{p.owner}" LOGIN CREATEROLE'))
            conn.execute(text(f'CREATE DATABASE "{p.name}" OWNER "{p.owner}"'))
        db = open_database(p.url(p.owner))
        try:
            users.setup_practice_roles(db)
            users.create_login(db, Consultant("Jo Example", "IBCLC", Role.CONSULTANT, db_role=p.login), p.password)
        finally:
            db.close()
        yield p
    finally:
        _drop(engine, p.name, tag)
        engine.dispose()


def _drop(engine: Engine, name: str, tag: str) -> None:
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        found = conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname LIKE :a OR rolname LIKE :b"),
            {"a": f"%benchoff{tag}%", "b": f"benchoff_{tag}_%"},
        )
        roles = [r for (r,) in found]
        for role in roles:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
        for role in sorted(roles, key=lambda r: r.startswith("own_")):
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))


def fill_caseload(p: BenchPractice, clients: int = CLIENTS) -> list[uuid.UUID]:
    """The synthetic practice's rows for ``clients`` clients, in bulk (one ``executemany`` a table), all
    assigned to her; returns the clients' ids."""
    mine = p.open_as_her()
    try:
        her = users.current_consultant(mine)
    finally:
        mine.close()
    assert her is not None and her.id is not None
    db = open_database(p.url(p.owner), run_migrations=False)
    try:
        with db.engine.connect() as conn:
            pending: dict[str, list[dict[str, object]]] = {t.name: [] for t in TABLES}
            for family in _families(caseload_size(clients), seed=17):
                for table, rows in family.items():
                    pending[table.name].extend(rows)
            with conn.begin():
                for table in TABLES:
                    if pending[table.name]:
                        conn.execute(insert(table), pending[table.name])
                conn.execute(update(ClientRow).values(assigned_to=her.id))
            return list(conn.execute(select(ClientRow.id)).scalars())
    finally:
        db.close()


def _take_s(p: BenchPractice, path: Path) -> tuple[float, copy.CopyInfo]:
    server = p.open_as_her()
    local = open_database(path, passphrase=PASSPHRASE)
    try:
        started = time.perf_counter()
        info = copy.take(server, local, days=7, label="bench laptop")
        return time.perf_counter() - started, info
    finally:
        local.close()
        server.close()


def _read_s(p: BenchPractice, ids: list[uuid.UUID]) -> float:
    """Her clients and their visits read from the server with the plain store reads (take's baseline)."""
    db = p.open_as_her()
    try:
        store = Store(db)
        started = time.perf_counter()
        for client_id in ids:
            store.get_client(client_id)
            store.visits_for_client(client_id)
        return time.perf_counter() - started
    finally:
        db.close()


def _visits(ids: list[uuid.UUID], count: int, day: int) -> list[Visit]:
    when = dt.date.today() - dt.timedelta(days=day)
    return [Visit(ids[i % len(ids)], when) for i in range(count)]


def _save_s(db: Database, visits: list[Visit]) -> float:
    store = Store(db)
    started = time.perf_counter()
    for visit in visits:
        store.save_visit(visit)
    return time.perf_counter() - started


def offline_figures(
    pg_url: str, progress: Progress, *, clients: int = CLIENTS, visits: int = VISITS, repeats: int = REPEATS
) -> list[Figure]:
    """Take her caseload (``clients``) and sync ``visits`` made offline, each timed ``repeats`` times."""
    with bench_practice(pg_url) as p, tempfile.TemporaryDirectory(prefix="consultapp-bench-offline-") as folder:
        progress(f"offline copies: a practice on the server, {clients} clients assigned to one consultant")
        ids = fill_caseload(p, clients)
        progress(f"offline copies: taking her caseload into an encrypted local copy, {repeats} times")
        takes, reads, infos = [], [], []
        for i in range(repeats):
            seconds, info = _take_s(p, Path(folder) / f"copy{i}.db")
            takes.append(seconds)
            infos.append(info)
            reads.append(_read_s(p, ids))
        progress(f"offline copies: {visits} visits recorded in the copy and synced, {repeats} rounds")
        local = open_database(Path(folder) / f"copy{repeats - 1}.db", passphrase=PASSPHRASE)
        server = p.open_as_her()
        syncs, saves, sent = [], [], []
        try:
            for i in range(repeats):
                _save_s(local, _visits(ids, visits, 2 * i + 1))
                started = time.perf_counter()
                report = sync.sync(local, p.url(p.login, p.password))
                syncs.append(time.perf_counter() - started)
                sent.append(report.sent.get("visit", 0))
                saves.append(_save_s(server, _visits(ids, visits, 2 * i + 2)))
        finally:
            local.close()
            server.close()
    return _figures(takes, reads, infos[-1], syncs, saves, sent, clients, visits)


def _figures(
    takes: list[float],
    reads: list[float],
    info: copy.CopyInfo,
    syncs: list[float],
    saves: list[float],
    sent: list[int],
    clients: int,
    visits: int,
) -> list[Figure]:
    took = f"{info.clients} clients, {info.visits} visits in the copy"
    return [
        Figure(
            f"offline: take a {clients}-client caseload into an encrypted local copy (PostgreSQL)",
            "s",
            median(takes),
            baseline=median(reads),
            baseline_name="the same clients and visits, plain store reads",
            runs=len(takes),
            note=took,
            samples=tuple(takes),
            clients=clients,
        ),
        Figure(
            f"offline: sync {visits} visits made in the local copy (PostgreSQL)",
            "s",
            median(syncs),
            baseline=median(saves),
            baseline_name=f"{visits} visits saved straight to the server",
            runs=len(syncs),
            note=f"visits sent each round: {', '.join(str(n) for n in sent)}",
            samples=tuple(syncs),
            clients=clients,
        ),
    ]
