"""A group-practice load: several consultants saving visits at once against one server.

``run_load`` runs them as threads of this process (the test suite asserts no error, no lost and no
duplicated visit). ``run_process_load`` runs each consultant as a process of its own, as a practice's
desktops are, each searching and saving for a bounded number of rounds: ``consultapp bench --pg URL``
reports the median and 95th percentile save and search from it.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import queue
import statistics
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import make_url

from consultapp.domain.records import Baby, BabyAssessment, Client, Visit
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.store.models import ClientRow


@dataclass(frozen=True)
class LoadResult:
    consultants: int
    saves: int
    errors: tuple[str, ...]
    stored: int
    distinct: int
    latencies_ms: tuple[float, ...]
    search_ms: tuple[float, ...] = field(default=())
    """Each search's time (process load only)."""
    save_rounds: tuple[int, ...] = field(default=())
    """The round of each save in ``latencies_ms`` (process load only; 0 is each consultant's first save)."""
    save_offsets_ms: tuple[float, ...] = field(default=())
    """When each save began, after the start (process load only)."""
    first_ms: tuple[float, ...] = field(default=())
    """Each consultant's first save, before the start (process load only; in ``saves``, not in ``latencies_ms``)."""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")

    def round_latencies_ms(self, first: bool) -> tuple[float, ...]:
        """The saves of the first round (``first``), or of every later one: where a slow tail comes from."""
        return tuple(ms for ms, r in zip(self.latencies_ms, self.save_rounds, strict=True) if (r == 0) == first)

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


# -- consultants as processes -----------------------------------------------------------------------
SEARCHES = ("gar", "nguyen", "mu", "tanaka", "555")
"""What each consultant types between saves (parts of names and of a phone number)."""
THINK_S = (0.5, 1.5)
"""Seconds before each of one consultant's rounds (uniform): she reads and types before the save."""


def run_process_load(url: str, consultants: int = 30, rounds: int = 20, *, timeout: float = 300.0,
                     searches: Sequence[str] = SEARCHES, think_s: tuple[float, float] = THINK_S) -> LoadResult:
    """``consultants`` processes at once, each ``rounds`` times searching the client list and saving a visit.

    Before each round, the first one included, each one pauses for a time drawn between ``think_s``
    (seeded by her number): a consultant reads and types before every save, and each has a desktop of
    her own. Without the pause, 30 processes on one small machine would time its CPU scheduler rather
    than the server.

    Each process gets ready as her desktop is during a working day: connected (its own pool), the run's
    client open, and her first visit of the day saved. That first save, of a fresh process on a fresh
    server connection, costs about three warm ones (17-23 ms against 5-6 alone: SQLAlchemy compiling
    the inserts, the server's first ``consultapp_audit_append`` in a session 10.7 ms against 0.8, under
    the chain's lock); it is timed apart (``first_ms``) and counted with the others for lost and
    duplicated visits, not in ``latencies_ms``. All start when all are ready (a barrier). Each reports
    its timings through a queue, then waits for all to be done (a second barrier) before it
    disconnects and exits: a benchmark process tearing down on the same small machine slowed the
    consultants still saving (the slowest saves of a run fell in its last seconds, as processes ended).

    Until wave 6 the barrier released all 30 first searches and first saves in the same millisecond,
    which no practice does, and processes exited while others saved: those 30 first saves alone were
    the slowest 5%, and so the p95 (round 0: median 487-918 ms; later rounds' p95 55-103 ms).

    A process that has not reported within ``timeout`` seconds is terminated; every process is reaped
    before this returns. The visits go to a client made for this run, whose visits are then counted
    (lost, duplicated) and erased, so the database is left as it was.
    """
    setup = open_database(url)
    try:
        client = Store(setup).save_client(Client("Load", f"Run {uuid.uuid4().hex[:8]}",
                                                 babies=[Baby("Baby", birth_weight_g=3400)]))
    finally:
        setup.close()
    assert client.id is not None and client.babies[0].id is not None
    ctx = multiprocessing.get_context("spawn")  # (no engine or pool inherited through fork)
    results: Any = ctx.Queue()
    gates = (ctx.Barrier(consultants), ctx.Barrier(consultants))  # (all ready; all done)
    job = (url, str(client.id), str(client.babies[0].id), rounds, tuple(searches), think_s, timeout)
    procs = [ctx.Process(target=_consultant_process, args=(n, job, gates, results), daemon=True)
             for n in range(consultants)]
    for proc in procs:
        proc.start()
    reports: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    try:
        while len(reports) < consultants and (left := deadline - time.monotonic()) > 0:
            try:
                reports.append(results.get(timeout=left))
            except queue.Empty:
                break
    finally:
        for proc in procs:
            proc.join(timeout=max(0.0, deadline - time.monotonic()) + 5)
            if proc.is_alive():
                proc.terminate()
                proc.join(5)
    errors = [e for r in reports for e in r["errors"]]
    errors += [f"consultant {n} never reported" for n in range(consultants) if n not in {r["n"] for r in reports}]
    reasons = _erase_load_client(url, client.id)
    return LoadResult(consultants, consultants * (rounds + 1), tuple(errors), len(reasons), len(set(reasons)),
                      tuple(x for r in reports for x in r["saves"]),
                      search_ms=tuple(x for r in reports for x in r["searches"]),
                      save_rounds=tuple(i for r in reports for i in range(len(r["saves"]))),
                      save_offsets_ms=tuple(x for r in reports for x in r["began"]),
                      first_ms=tuple(x for r in reports for x in r["first"]))


def _erase_load_client(url: str, client_id: uuid.UUID) -> list[str]:
    """The reasons of the run's saved visits (one per save, when none was lost or duplicated); then the run's
    client goes, with her visits."""
    db = open_database(url)
    try:
        reasons = [v.reason for v in Store(db).visits_for_client(client_id)]
        with db.session() as s:
            s.execute(delete(ClientRow).where(ClientRow.id == client_id))  # (her visits go with her: cascade)
        return reasons
    finally:
        db.close()


def _consultant_process(n: int, job: tuple[str, str, str, int, tuple[str, ...], tuple[float, float], float],
                        gates: tuple[Any, Any], results: Any) -> None:
    """One consultant's desktop: wait for the others, search and save ``rounds`` times, report, wait for all to
    be done (in a child process)."""
    url, client_id, baby_id, rounds, searches, think_s, timeout = job
    start, done = gates
    report: dict[str, Any] = {"n": n, "saves": [], "began": [], "first": [], "searches": [], "errors": []}
    db = None
    try:
        db = open_database(url, run_migrations=False)
        db.set_user(f"Consultant {n}")
        store = Store(db)
        store.get_client(uuid.UUID(client_id))  # ready: connected, her client open, her first visit saved
        report["first"].append(_save(store, uuid.UUID(client_id), uuid.UUID(baby_id), f"c{n}-first", 3000))
        start.wait(120)
        _rounds(n, store, uuid.UUID(client_id), uuid.UUID(baby_id), rounds, searches, think_s, report)
    except Exception as exc:  # reported: the parent counts it as an error
        report["errors"].append(f"{type(exc).__name__}: {exc}")
    results.put(report)
    try:
        done.wait(timeout)  # (no one disconnects or exits while another is still saving)
    except threading.BrokenBarrierError:
        pass  # (one of them failed to get there: the parent counts it)
    finally:
        if db is not None:
            db.close()


def _rounds(n: int, store: Store, client_id: uuid.UUID, baby_id: uuid.UUID, rounds: int, searches: Sequence[str],
            think_s: tuple[float, float], report: dict[str, Any]) -> None:
    """A consultant's rounds: pause, search, save; each search's and save's time (and when it began) in ``report``."""
    import random  # lazy: the child process's own pauses

    pauses = random.Random(n)
    least, most = think_s
    released = time.perf_counter()
    for i in range(rounds):
        if most > 0:  # (before the first round too: nobody saves the instant the day begins)
            time.sleep(pauses.uniform(least, most))
        began = time.perf_counter()
        store.search_clients(searches[(n + i) % len(searches)])
        report["searches"].append((time.perf_counter() - began) * 1000)
        report["began"].append((time.perf_counter() - released) * 1000)
        report["saves"].append(_save(store, client_id, baby_id, f"c{n}-v{i}", 3000 + i))


def _save(store: Store, client_id: uuid.UUID, baby_id: uuid.UUID, reason: str, weight_g: int) -> float:
    """Save a visit with one weighing: its time (ms)."""
    visit = Visit(client_id, dt.date(2026, 11, 26), reason=reason, assessments=[BabyAssessment(baby_id, weight_g)])
    began = time.perf_counter()
    store.save_visit(visit)
    return (time.perf_counter() - began) * 1000
