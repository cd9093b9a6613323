"""``consultapp bench --pg``: the offline figures (issue 17) are produced, sane, and leave nothing behind."""

from __future__ import annotations

import math
import os

import pytest
from sqlalchemy import create_engine, text

from consultapp.bench.offline import offline_figures

pytestmark = pytest.mark.postgres


def _leftovers(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            roles = conn.execute(text("SELECT count(*) FROM pg_roles WHERE rolname LIKE '%benchoff%'")).scalar_one()
            dbs = conn.execute(text("SELECT count(*) FROM pg_database WHERE datname LIKE 'benchoff%'")).scalar_one()
            return int(roles) + int(dbs)
    finally:
        engine.dispose()


def test_take_and_sync_are_timed_and_the_practice_is_dropped() -> None:
    url = os.environ.get("CONSULTAPP_TEST_PG_URL")
    if not url:
        pytest.skip("needs a PostgreSQL server: set CONSULTAPP_TEST_PG_URL")
    before = _leftovers(url)
    seen: list[str] = []
    take, synced = offline_figures(url, seen.append, clients=20, visits=5, repeats=2)
    assert take.clients == synced.clients == 20
    assert take.unit == synced.unit == "s" and take.runs == synced.runs == 2
    for figure in (take, synced):
        assert figure.value is not None and math.isfinite(figure.value) and figure.value > 0
        assert figure.baseline is not None and figure.baseline > 0 and figure.baseline_name
        assert len(figure.samples) == 2
    # every client of hers, and the generator's visits (10 heavy clients with 40), are in the copy
    assert take.note == "20 clients, 440 visits in the copy"
    assert synced.note == "visits sent each round: 5, 5"
    assert seen and all(line.startswith("offline copies:") for line in seen)
    assert _leftovers(url) == before
