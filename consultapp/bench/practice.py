"""A synthetic practice for the benchmark: fast bulk inserts, cached by schema revision and generator version.

The shapes follow consultapp.domain.demo (names in many scripts with accents, twins, weights that fall and
recover, LATCH and BTAT scores, breast findings), but rows go in through SQLAlchemy Core executemany
on the ORM tables: 250,000 visits through the repository would take many minutes.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import sqlite

from consultapp.bench.bulk import BulkWriter
from consultapp.domain.demo import (
    ANCHOR_DATE,
    BABY_NAMES,
    DEMO_PRACTICE,
    FAMILY_NAMES,
    GIVEN_NAMES,
    REASONS,
    STREETS,
)
from consultapp.domain.text import fold
from consultapp.domain.vocabulary import BreastConcern, Location, Position, Side, Sign
from consultapp.store import models as m
from consultapp.store.db import HEAD_REVISION, KNOWN_REVISIONS, open_database
from consultapp.store.facade import Store
from consultapp.store.mapping import search_text
from consultapp.store.search_index import create_search_index, drop_search_index

# Bump when the generated data changes shape: a cached practice of another version is not reused.
GENERATOR_VERSION = 2

# Syllables for family names, so that 50,000 clients have thousands of distinct names rather than 30.
_SYLLABLES = (
    "ka",
    "mo",
    "ri",
    "sen",
    "tal",
    "ver",
    "lo",
    "an",
    "del",
    "bra",
    "ni",
    "gu",
    "sha",
    "tor",
    "pe",
    "lin",
    "os",
    "ha",
    "mi",
    "zu",
    "ber",
    "co",
    "ya",
    "fel",
    "du",
    "rin",
    "va",
    "qui",
    "sto",
    "el",
)
# Parents before children: the order rows are written in.
TABLES: tuple[Table, ...] = tuple(
    row.__table__  # type: ignore[misc]
    for row in (m.ClientRow, m.BabyRow, m.VisitRow, m.BabyAssessmentRow, m.FeedingObservationRow,
                m.BreastMapFindingRow, m.BreastSideExamRow)
)
HEAVY_VISITS = 40
"""Visits of the clients the benchmark opens: 'a client with 40 visits'."""
HEAVY_CLIENTS = 10


@dataclass(frozen=True)
class PracticeSize:
    clients: int = 50_000
    babies: int = 60_000
    visits: int = 250_000

    def __post_init__(self) -> None:
        if not 0 < self.clients <= self.babies <= 2 * self.clients:
            raise ValueError("babies must be between clients and twice the clients")
        if self.visits < self.clients + HEAVY_CLIENTS * HEAVY_VISITS:
            raise ValueError("at least one visit per client, plus the heavy clients' visits")

    @property
    def key(self) -> str:
        return f"c{self.clients}-b{self.babies}-v{self.visits}"


FULL = PracticeSize()


@dataclass(frozen=True)
class PracticeInfo:
    """What the benchmark needs to know about a generated practice."""

    path: Path
    heavy_client_ids: tuple[uuid.UUID, ...]
    rows: int
    """Rows written, all tables."""
    generated: bool
    """False when the cached file was reused."""
    seconds: float
    """Time spent generating (0 when cached)."""
    cpu_seconds: float = 0.0
    """CPU time of this process spent generating: steadier than the wall time on a busy machine."""
    migrated_from: str = ""
    """The schema revision of the cached practice that was brought up to date instead of generated anew."""


def cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("ConsultApp", appauthor=False) / "bench"


def cached_path(size: PracticeSize, folder: Path | None = None) -> Path:

    name = f"practice-{HEAD_REVISION}-g{GENERATOR_VERSION}-{size.key}.db"
    return (folder or cache_dir()) / name


def older_cached(size: PracticeSize, folder: Path | None = None) -> tuple[str, Path] | None:
    """The newest cached practice of ``size`` and this generator made at an older schema revision, if any.

    A new migration (an index, a column) should not cost a 500,000-client practice its minutes of generating:
    it is brought up to date through the migrations, as a consultant's own file would be.
    """
    for revision in reversed(KNOWN_REVISIONS[:-1]):
        old = (folder or cache_dir()) / f"practice-{revision}-g{GENERATOR_VERSION}-{size.key}.db"
        if old.exists():
            return revision, old
    return None


def migrate_cached(old: Path, partial: Path) -> None:
    """Move the older practice to ``partial`` and run the migrations on it (then ANALYZE, as generating does)."""
    for suffix in ("-wal", "-shm"):
        Path(f"{old}{suffix}").unlink(missing_ok=True)
    os.replace(old, partial)
    open_database(partial).close()  # migrates to HEAD_REVISION
    for backup in partial.parent.glob(f"{partial.stem}.before-*"):
        backup.unlink()  # the migration's safety copy: the cache can always be generated again
    con = sqlite3.connect(partial, isolation_level=None)
    try:
        con.execute("ANALYZE")
    finally:
        con.close()


def heavy_client_ids(seed: int = 1) -> tuple[uuid.UUID, ...]:
    """The ids of the 40-visit clients: the first clients drawn from the seed."""
    rng = random.Random(seed)
    return tuple(_uuid(rng) for _ in range(HEAVY_CLIENTS))


def ensure_practice(
    size: PracticeSize = FULL,
    *,
    folder: Path | None = None,
    regenerate: bool = False,
    clock: Callable[[], float] | None = None,
) -> PracticeInfo:
    """Return the cached practice of ``size``, generating it first when absent (or when asked)."""
    import time

    now = clock or time.perf_counter
    path = cached_path(size, folder)
    if path.exists() and not regenerate:
        return PracticeInfo(path, heavy_client_ids(), rows=0, generated=False, seconds=0.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    older = None if regenerate else older_cached(size, folder)
    if older is not None:
        revision, old_path = older
        start = now()
        migrate_cached(old_path, partial)
        os.replace(partial, path)
        return PracticeInfo(path, heavy_client_ids(), rows=0, generated=False, seconds=now() - start,
                            migrated_from=revision)
    start, cpu_start = now(), time.process_time()
    rows = generate(partial, size)
    elapsed, cpu = now() - start, time.process_time() - cpu_start
    os.replace(partial, path)
    return PracticeInfo(path, heavy_client_ids(), rows=rows, generated=True, seconds=elapsed, cpu_seconds=cpu)


Row = dict[str, Any]
"""One row to insert, by column name."""


def generate(path: Path, size: PracticeSize, seed: int = 1) -> int:
    """Create a migrated database at ``path`` and fill it; return the number of rows written.

    Rows go in through the driver's ``executemany`` (consultapp.bench.bulk), 5,000 families a
    transaction, with the search index's triggers off: the index is built once, in bulk, at the end.
    """
    db = open_database(path)  # creates the schema through the migrations, as the app would
    try:
        Store(db).save_practice(DEMO_PRACTICE)
    finally:
        db.close()

    con = sqlite3.connect(path, isolation_level=None)
    try:
        # A throwaway file being filled: no journal and no fsync; it is renamed into place only when complete.
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-200000", "foreign_keys=OFF"):
            con.execute(f"PRAGMA {pragma}")
        shim = _DriverSql(con)
        drop_search_index(shim)
        # The tables' secondary indexes are made again once the rows are in: one sort each, instead of a
        # random insert into every index for every row (the ids are random).
        names = tuple(t.name for t in TABLES)
        marks = ", ".join("?" for _ in names)
        indexes = con.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            names,
        ).fetchall()
        for name, _sql in indexes:
            con.execute(f'DROP INDEX "{name}"')
        # Parents before children (the order of the tables), as the foreign keys would have it.
        writer = BulkWriter(con, TABLES, sqlite.dialect())
        families = 0
        for chunk in _families(size, seed):
            for table, rows in chunk.items():
                writer.add(table, rows)
            families += 1
            if families % 5_000 == 0:
                writer.flush()
        writer.flush()
        con.execute("BEGIN")
        for _name, sql in indexes:
            con.execute(sql)
        create_search_index(shim)  # one FTS5 'rebuild' over every client
        con.execute("COMMIT")
        if con.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise RuntimeError("the generated practice has rows with broken references")
        con.execute("ANALYZE")
    finally:
        con.close()
    # Leave the file as the app expects it (WAL is set again by the app on every connection).
    db = open_database(path)
    db.close()
    return writer.written + 1


class _DriverSql:
    """``exec_driver_sql`` on a bare sqlite3 connection (what the search index's functions call)."""

    def __init__(self, con: Any) -> None:
        self.con = con

    def exec_driver_sql(self, sql: str) -> Any:
        return self.con.execute(sql)


class _Random(random.Random):
    """``randint`` and ``choice`` from one ``random()`` each (the stdlib's rejection sampling costs a third of
    the generation); uniform enough for made-up records, and as reproducible from the seed."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq: Any) -> Any:
        return seq[int(self.random() * len(seq))]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _visit_counts(size: PracticeSize, rng: random.Random) -> list[int]:
    """Visits per client: 40 for the heavy clients, 1-9 for the rest, summing exactly to ``size.visits``."""
    rest = size.clients - HEAVY_CLIENTS
    target = size.visits - HEAVY_CLIENTS * HEAVY_VISITS
    mean = target / rest
    spread = max(0, min(int(mean) - 1, 8))
    counts = [max(1, round(mean) + rng.randint(-spread, spread)) for _ in range(rest)]
    diff = target - sum(counts)
    step = 1 if diff > 0 else -1
    i = 0
    while diff:
        j = i % rest
        if step > 0 or counts[j] > 1:
            counts[j] += step
            diff -= step
        i += 1
    return [HEAVY_VISITS] * HEAVY_CLIENTS + counts


def _family_name(rng: random.Random, pool: tuple[str, ...]) -> str:
    if rng.random() < 0.3:
        return rng.choice(pool)
    parts = [rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))]
    return "".join(parts).capitalize()


@dataclass
class _Draw:
    """The generator's random streams and the values every row shares."""

    ids: random.Random  # the heavy clients' ids come first from this stream (heavy_client_ids)
    rng: random.Random
    common: Row
    positions: list[str]
    locations: list[str]
    concerns: list[str]


def _families(size: PracticeSize, seed: int) -> Iterator[dict[Any, list[Row]]]:
    """Yield the rows of one family at a time, keyed by table."""

    ids = _Random(seed)
    heavy = [_uuid(ids) for _ in range(HEAVY_CLIENTS)]
    rng = _Random(seed + 1)
    stamp = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.UTC)
    draw = _Draw(ids, rng, {"created_at": stamp, "updated_at": stamp, "version": 1}, [p.value for p in Position],
                 [loc.value for loc in Location], [c.value for c in BreastConcern])
    visit_counts = _visit_counts(size, rng)
    twins_left = size.babies - size.clients
    tables = TABLES

    for index in range(size.clients):
        client_id = heavy[index] if index < HEAVY_CLIENTS else _uuid(ids)
        is_heavy = index < HEAVY_CLIENTS
        remaining = size.clients - index
        two = not is_heavy and twins_left > 0 and (twins_left >= remaining or rng.random() < 0.2)
        if two:
            twins_left -= 1
        given = rng.choice(GIVEN_NAMES)
        family = _family_name(rng, FAMILY_NAMES)
        phone = f"555-{rng.randint(100, 999):03d}-{rng.randint(0, 9999):04d}"
        birth = ANCHOR_DATE - dt.timedelta(days=rng.randint(2, 400))
        babies = _baby_rows(draw, client_id, birth, two)
        client = _client_row(draw, client_id, given, family, phone, babies)
        visit_rows = _visit_rows(draw, client_id, birth, babies, visit_counts[index], is_heavy)
        yield dict(zip(tables, ([client], babies, *visit_rows), strict=True))


def _baby_rows(draw: _Draw, client_id: uuid.UUID, birth: dt.date, two: bool) -> list[Row]:

    rng = draw.rng
    return [
        {
            "id": _uuid(draw.ids),
            "client_id": client_id,
            "name": rng.choice(BABY_NAMES),
            "date_of_birth": birth,
            "birth_weight_g": rng.randint(2300, 2900) if two else rng.randint(2700, 4300),
            "birth_order": order,
            **draw.common,
        }
        for order in ((1, 2) if two else (1,))
    ]


def _client_row(draw: _Draw, client_id: uuid.UUID, given: str, family: str, phone: str, babies: list[Row]) -> Row:

    rng = draw.rng
    row = SimpleNamespace(given_name=given, family_name=family, phone=phone)
    return {
        "id": client_id,
        "given_name": given,
        "family_name": family,
        "date_of_birth": dt.date(rng.randint(1982, 2004), rng.randint(1, 12), rng.randint(1, 28)),
        "phone": phone,
        "address": f"{rng.randint(1, 240)} {rng.choice(STREETS)}, Sampletown",
        "search_text": search_text(row, [str(b["name"]) for b in babies]),
        "sort_name": fold(f"{family} {given}"),
        **draw.common,
    }


def _visit_rows(
    draw: _Draw, client_id: uuid.UUID, birth: dt.date, babies: list[Row], count: int, is_heavy: bool
) -> tuple[list[Row], list[Row], list[Row], list[Row], list[Row]]:
    """A client's visits, their babies' assessments and feeds, and the breast findings: one list each."""

    rng, common = draw.rng, draw.common
    visits: list[Row] = []
    assessments: list[Row] = []
    feeds: list[Row] = []
    maps: list[Row] = []
    sides: list[Row] = []
    day = birth + dt.timedelta(days=rng.randint(2, 6))
    for _ in range(count):
        visit_id = _uuid(draw.ids)
        finding = rng.random() < 0.25
        concern = rng.choice(draw.concerns) if finding else None
        side = rng.choice(("left", "right"))
        visits.append({
            "id": visit_id, "client_id": client_id, "visit_date": day,
            "location": rng.choices(draw.locations, weights=(6, 3, 1))[0], "reason": rng.choice(REASONS),
            "status": "final" if rng.random() < 0.8 else "draft", "breast_concern": concern,
            "breast_side": side if finding else None,
            "breast_signs": [Sign.PAIN.value, Sign.LUMP.value] if finding else [],
            "parent_unrested": rng.random() < 0.4, **common,
        })
        for baby in babies:
            assessment, feed = _assessment_rows(draw, visit_id, baby, (day - birth).days)
            assessments.append(assessment)
            feeds.append(feed)
        if finding:
            maps.append({
                "id": _uuid(draw.ids), "visit_id": visit_id, "ordinal": 0, "side": side, "kind": "lump",
                "clock": rng.randint(1, 12), "distance_cm": float(rng.randint(2, 6)), **common,
            })
            sides.append({"id": _uuid(draw.ids), "visit_id": visit_id, "side": side, "pain": rng.randint(2, 8),
                          **common})
        day += dt.timedelta(days=rng.randint(2, 7) if is_heavy else rng.randint(3, 21))
    return visits, assessments, feeds, maps, sides


def _assessment_rows(draw: _Draw, visit_id: uuid.UUID, baby: Row, age: int) -> tuple[Row, Row]:
    """One baby's assessment at a visit (weight following a typical curve) and one observed feed."""

    rng, common = draw.rng, draw.common
    bw = int(baby["birth_weight_g"])
    change = -0.07 * bw + age * rng.randint(15, 35) if age < 14 else age * 25
    assessment_id = _uuid(draw.ids)
    assessment = {
        "id": assessment_id, "visit_id": visit_id, "baby_id": baby["id"], "weight_g": int(bw + change),
        "feeds_per_24h": rng.randint(6, 12), "wet_diapers": rng.randint(3, 8), "dirty_diapers": rng.randint(1, 5),
        "btat_tip": rng.choice((1, 2, 2)), "btat_frenulum": rng.choice((1, 2, 2)),
        "btat_lift": rng.choice((0, 1, 2, 2)), "btat_protrusion": rng.choice((1, 2, 2)), **common,
    }
    tried = rng.sample(draw.positions, k=rng.randint(1, 2))
    feed = {
        "id": _uuid(draw.ids), "assessment_id": assessment_id, "ordinal": 0,
        "side": rng.choice((Side.LEFT.value, Side.RIGHT.value)), "positions_tried": tried,
        "positions_worked": tried[-1:], "latch_latch": rng.choice((1, 2, 2)),
        "latch_audible": rng.choice((0, 1, 2, 2)), "latch_nipple_type": 2, "latch_comfort": rng.choice((1, 2)),
        "latch_hold": rng.choice((1, 2, 2)), "duration_min": rng.randint(8, 35), **common,
    }
    return assessment, feed
