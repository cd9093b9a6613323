"""A group-practice load: several consultants saving visits at once against one server.

Used by the test suite (which asserts no error, no lost and no duplicated visit) and by
``consultapp bench --pg URL`` (which reports the median save latency).
"""

from __future__ import annotations

import datetime as dt
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from consultapp.domain.records import Baby, BabyAssessment, Client, Visit
from consultapp.store.db import open_database
from consultapp.store.facade import Store


@dataclass(frozen=True)
class LoadResult:
    consultants: int
    saves: int
    errors: tuple[str, ...]
    stored: int
    distinct: int
    latencies_ms: tuple[float, ...]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def lost(self) -> int:
        return self.saves - self.distinct

    @property
    def duplicated(self) -> int:
        return self.stored - self.distinct


@contextmanager
def scratch_schema(url: str) -> Iterator[str]:
    """A URL whose connections use a new, empty PostgreSQL schema, dropped afterwards."""
    schema = f"load_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
                hide_password=False
            )
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


def run_load(url: str, consultants: int = 8, visits_each: int = 200) -> LoadResult:
    """``consultants`` threads, each with its own connection pool, each saving ``visits_each`` visits."""
    setup = open_database(url)
    try:
        client = Store(setup).save_client(Client("Load", "Test", babies=[Baby("Baby", birth_weight_g=3400)]))
    finally:
        setup.close()
    assert client.id is not None and client.babies[0].id is not None
    client_id, baby_id = client.id, client.babies[0].id
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def consultant(n: int) -> None:
        db = open_database(url)
        db.set_user(f"Consultant {n}")
        store = Store(db)
        try:
            for i in range(visits_each):
                visit = Visit(client_id, dt.date(2026, 11, 26), reason=f"c{n}-v{i}",
                              assessments=[BabyAssessment(baby_id, 3000 + i)])
                start = time.perf_counter()
                store.save_visit(visit)
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    latencies.append(elapsed)
        except Exception as exc:  # collected: the caller decides
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            db.close()

    threads = [threading.Thread(target=consultant, args=(n,)) for n in range(consultants)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check = open_database(url)
    try:
        reasons = [v.reason for v in Store(check).visits_for_client(client_id)]
    finally:
        check.close()
    return LoadResult(consultants, consultants * visits_each, tuple(errors), len(reasons), len(set(reasons)),
                      tuple(latencies))
