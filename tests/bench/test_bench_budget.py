"""The budget of PRODUCT.md as the benchmark checks it: ratios to baselines of the same run, p95, growth, sizes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consultapp.bench import run
from consultapp.bench.probes import ProcessRun
from consultapp.bench.report import HEADERS, Budget, Figure, exit_status, machine_lines, percentile, table, to_json
from consultapp.cli import main


def _gui(keys: list[float], opens: list[float]) -> dict[str, object]:
    return {"keystrokes_ms": keys, "open_client_ms": opens, "history_page": True}


def _runs(
    ready: float, listed: float | None = None, found: float | None = None, peak: float = 100.0
) -> list[ProcessRun]:
    return [ProcessRun(ready, listed, peak, 0, found) for _ in range(3)]


def _figures(keys: list[float], opens: list[float], app: list[ProcessRun], raw: float = 2.0) -> dict[str, Figure]:
    search = Figure("search: repository call per keystroke", "ms", 3.0, baseline=raw)
    figures = run._gui_figures(
        [Figure("generate the practice", "s", None), search],
        _gui(keys, opens),
        "",
        [4.0] * 5,
        app,
        _runs(0.1, peak=50.0),
        120.0,
    )
    return {f.name: f for f in figures}


def test_the_budgets_are_product_mds_ratios() -> None:
    assert run.COLD_START_BUDGET == Budget("ratio", 1.5) and run.FIRST_PAGE_BUDGET == Budget("ratio", 2.5)
    assert run.KEYSTROKE_BUDGET == Budget("ratio", 3.0) and run.KEYSTROKE_P95_BUDGET == Budget("ratio", 5.0)
    assert run.OPEN_CLIENT_BUDGET == Budget("ratio", 6.0) and run.DOCUMENT_BUDGETS["care plan"] == Budget("ratio", 3)
    assert run.MEMORY_BUDGET == Budget("ratio", 3.5) and run.GROWTH_BUDGET == Budget("ratio", 1.5)


def test_within_every_ratio_the_run_passes() -> None:
    by = _figures([5.0] * 19 + [9.0], [20.0] * 5, _runs(0.14, 0.24, 0.5, peak=170.0))
    assert by["search as you type: keystroke to updated list"].ratio == pytest.approx(2.5)
    assert by["search as you type: keystroke to updated list, 95th percentile"].value == pytest.approx(5.2)
    assert by["open a client with 40 visits (history, chart)"].ratio == pytest.approx(5.0)
    assert by["cold start to the first page of clients"].ratio == pytest.approx(2.4)
    assert by["cold start until the search box finds clients (store attached)"].budget is None  # reported only
    assert exit_status(list(by.values())) == 0


@pytest.mark.parametrize(
    ("keys", "opens", "app", "missed"),
    [
        ([6.5] * 20, [20.0] * 5, _runs(0.14, 0.24), "search as you type: keystroke to updated list"),
        (
            [5.0] * 18 + [40.0] * 2,
            [20.0] * 5,
            _runs(0.14, 0.24),
            "search as you type: keystroke to updated list, 95th percentile",
        ),
        ([5.0] * 20, [25.0] * 5, _runs(0.14, 0.24), "open a client with 40 visits (history, chart)"),
        ([5.0] * 20, [20.0] * 5, _runs(0.16, 0.24), "cold start to interactive main window"),
        ([5.0] * 20, [20.0] * 5, _runs(0.14, 0.26), "cold start to the first page of clients"),
        ([5.0] * 20, [20.0] * 5, _runs(0.14, 0.24, peak=180.0), "peak memory, the practice's database open"),
        ([5.0] * 20, [20.0] * 5, _runs(0.14, None), "cold start to the first page of clients"),
    ],
)
def test_one_ratio_missed_exits_non_zero(
    keys: list[float], opens: list[float], app: list[ProcessRun], missed: str
) -> None:
    figures = list(_figures(keys, opens, app).values())
    assert [f.name for f in figures if f.passed is False] == [missed]
    assert exit_status(figures) == 1


def test_growth_from_50000_to_500000_clients_is_checked_for_search_and_open_client() -> None:
    name = "search as you type: keystroke to updated list"
    opened = "open a client with 40 visits (history, chart)"
    figures = [
        Figure(name, "ms", 4.0, clients=50_000),
        Figure(name, "ms", 6.4, clients=500_000),
        Figure(opened, "ms", 20.0, clients=50_000),
        Figure(opened, "ms", 29.0, clients=500_000),
        Figure(name, "ms", 1.0, clients=5_000),
    ]
    grown = {f.name: f for f in run.growth_figures(figures)}
    assert grown[f"growth 50,000 to 500,000 clients: {name}"].ratio == pytest.approx(1.6)
    assert grown[f"growth 50,000 to 500,000 clients: {name}"].passed is False
    assert grown[f"growth 50,000 to 500,000 clients: {opened}"].passed is True
    assert all(f.clients == 500_000 for f in grown.values())
    assert run.growth_figures(figures[:2][:1]) == []  # one size only: no growth to judge


def test_every_json_figure_carries_its_practice_size_and_p95() -> None:
    figures = [
        Figure("search", "ms", 4.0, baseline=2.0, samples=(1.0, 2.0, 3.0, 4.0, 50.0), clients=50_000),
        Figure("generate the practice", "s", 12.0, clients=5_000),
    ]
    meta = {
        "machine": {
            "cpu_model": "Test CPU",
            "cores": 2,
            "load_average": [1.5, 1.0, 0.5],
            "python": "3.11",
            "qt": "6.11.3",
            "sqlite": "3.40.1",
            "postgresql": "15.2",
        }
    }
    data = json.loads(to_json(figures, meta))
    assert [f["clients"] for f in data["figures"]] == [50_000, 5_000]
    assert data["figures"][0]["p95"] == pytest.approx(40.8) and data["figures"][1]["p95"] is None
    assert data["meta"]["machine"]["cpu_model"] == "Test CPU"
    text = table(figures)
    assert [c.strip() for c in text.splitlines()[0].split("|")[1:-1]] == list(HEADERS)
    assert "50,000" in text and "40.8 ms" in text
    lines = machine_lines(meta)
    assert "Test CPU, 2 cores" in lines[0] and "1.50 / 1.00 / 0.50" in lines[0]
    assert "Qt 6.11.3" in lines[1] and "SQLite 3.40.1" in lines[1] and "PostgreSQL 15.2" in lines[1]


def test_percentiles_interpolate_between_ranks() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert percentile([10.0, 20.0], 95) == pytest.approx(19.5)
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 95)


def test_sizes_are_read_and_passed_with_the_server_sizes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = {}

    def fake(options: run.BenchOptions, progress: object) -> tuple[list[Figure], dict[str, object]]:
        seen["options"] = options
        return [Figure("x", "ms", 1.0, baseline=1.0, budget=Budget("ratio", 3.0), clients=5000)], {
            "cpus": 2,
            "python": "3",
            "seconds": 1.0,
            "machine": {"cores": 2},
        }

    monkeypatch.setattr(run, "run_benchmark", fake)
    argv = [
        "bench",
        "--sizes",
        "500000,5000,50000",
        "--pg",
        "postgresql://x@127.0.0.1/db",
        "--consultants",
        "3",
        "--rounds",
        "2",
    ]
    assert main(argv) == 0
    options = seen["options"]
    assert [s.clients for s in options.sizes] == [5_000, 50_000, 500_000]
    assert options.sizes[1] == run.FULL and options.sizes[2].visits == 2_500_000
    assert options.pg_sizes == (50_000, 500_000) and (options.load_consultants, options.load_rounds) == (3, 2)
    assert main(["bench", "--sizes", "5000"]) == 0 and seen["options"].pg_sizes == (5_000,)
    assert "5,000" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("sizes", "message"),
    [
        ("5000,lots", "--sizes takes client counts separated by commas, e.g. 5000,50000,500000; not '5000,lots'."),
        ("50", "--sizes: each size must be between 100 and 2000000 clients."),
        (",", "--sizes: each size must be between 100 and 2000000 clients."),
    ],
)
def test_bad_sizes_exit_2_with_one_line(sizes: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", "--sizes", sizes]) == 2
    assert capsys.readouterr().err.strip() == f"consultapp: error: {message}"


def test_search_and_memory_are_judged_from_the_size_product_md_names() -> None:
    """PRODUCT.md sets the keystroke and memory budgets for 50,000 clients: a 5,000-client practice's figures are
    shown without a verdict (so a miss there does not fail the run); at 50,000 and 500,000 they are judged."""
    by = _figures([30.0] * 20, [20.0] * 5, _runs(0.14, 0.24, peak=500.0))
    names = ("search as you type: keystroke to updated list",
             "search as you type: keystroke to updated list, 95th percentile",
             "peak memory, the practice's database open")
    for clients in (50_000, 500_000):
        judged = [run._at_size(by[n], clients) for n in names]
        assert all(f.clients == clients and f.passed is False for f in judged)
        assert exit_status(judged) != 0
    small = [run._at_size(by[n], 5_000) for n in names]
    assert all(f.clients == 5_000 and f.budget is None and "budget from 50,000 clients" in f.note for f in small)
    assert exit_status(small) == 0
    # every other figure keeps its budget at any size
    opened = run._at_size(by["open a client with 40 visits (history, chart)"], 5_000)
    assert opened.budget == run.OPEN_CLIENT_BUDGET and opened.clients == 5_000
