"""The benchmark's probes on a tiny database: captured SQL, baselines, and the process launcher."""

from __future__ import annotations

import io
import sys

import pytest
from pypdf import PdfReader

from consultapp.bench import launch, probes
from consultapp.domain.demo import demo_families
from consultapp.store.facade import Store


def test_prefixes_are_what_the_box_holds_after_each_key() -> None:
    assert probes.prefixes(["ab", "c d"]) == ["a", "ab", "c", "c ", "c d"]


def test_the_search_baseline_replays_the_repositorys_own_query(sqlite_repo: Store) -> None:
    for family in demo_families(5, seed=3):
        sqlite_repo.save_client(family.client)
    statement, params = probes.captured_search_sql(sqlite_repo, "sm")
    assert statement.lstrip().upper().startswith("SELECT")
    path = sqlite_repo.db.path
    assert path is not None
    samples = probes.search_raw_ms(path, [(statement, params)], repeat=3)
    assert len(samples) == 3 and all(s >= 0 for s in samples)
    assert len(probes.search_store_ms(sqlite_repo, ["s", "sm"], repeat=2)) == 4


def test_the_open_client_baseline_reads_what_the_home_page_and_her_history_read(sqlite_repo: Store) -> None:
    """Selecting her reads ``client_shown``; "History and charts" reads ``client_history`` (ui/history_data.py):
    the baseline reads both, by the same fast paths, and nothing slower."""
    family = next(iter(demo_families(1, seed=4)))
    client = sqlite_repo.save_client(family.client)
    assert client.id is not None
    calls: list[str] = []

    class Spy:
        def __getattr__(self, name: str) -> object:
            calls.append(name)
            return getattr(sqlite_repo, name)

    samples = probes.open_client_store_ms(Spy(), client.id, repeat=2)
    assert len(samples) == 2
    assert calls.count("client_shown") == 3 and calls.count("client_history") == 3  # (one warm read, two timed)
    assert set(calls) == {"client_shown", "client_history"}  # (not get_client, visits_for_client...)


def test_the_document_baseline_is_three_bare_pages() -> None:
    assert len(PdfReader(io.BytesIO(probes.bare_reportlab_three_pages())).pages) == 3


def test_launcher_times_a_process_to_its_ready_line_and_reads_its_peak_memory() -> None:
    run = launch.run_until_ready([sys.executable, "-c", "print('ready', flush=True)"], {}, timeout=30)
    assert run["ready_s"] is not None and 0 < run["ready_s"] < 30
    assert run["returncode"] == 0
    if sys.platform.startswith("linux"):
        # (no upper bound here: a child of this test process inherits its peak, which is why the
        # benchmark runs the launcher as a small process of its own)
        assert run["peak_rss_mb"] > 1


def test_launcher_gives_up_on_a_process_that_never_becomes_ready() -> None:
    run = launch.run_until_ready([sys.executable, "-c", "import time; time.sleep(30)"], {}, timeout=0.5)
    assert run["ready_s"] is None
    assert run["returncode"] != 0  # killed


@pytest.mark.skipif(sys.platform == "win32", reason="the launcher reads peak memory with wait4")
def test_cold_start_alternates_app_and_baseline(tmp_path: pytest.TempPathFactory) -> None:
    fake_app = [sys.executable, "-c", "import sys; print('ready', flush=True)"]
    apps, bares = probes.cold_start(tmp_path / "unused.db", runs=2, app=fake_app, timeout=60)  # type: ignore[operator]
    assert len(apps) == len(bares) == 2
    assert all(r.ready_s is not None for r in apps + bares)


def test_the_launcher_runs_commands_in_the_requests_environment_only(
    tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A variable the benchmark leaves out (PYTHONDONTWRITEBYTECODE: every start would compile again) stays out,
    even when the shell that runs the benchmark sets it."""
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    apps, _ = probes.cold_start(
        tmp_path / "unused.db",  # type: ignore[operator]
        runs=1,
        app=[sys.executable, "-c", "import os, sys; print('ready' if 'PYTHONDONTWRITEBYTECODE' not in os.environ "
             "else 'compiling', flush=True)"],
        timeout=60,
    )
    assert apps[0].ready_s is not None, "the measured process saw PYTHONDONTWRITEBYTECODE"
