"""The benchmark's verdicts: the table, the JSON and the exit status, from made-up figures."""

from __future__ import annotations

import json

import pytest

from consultapp.bench.report import Budget, Figure, exit_status, median, table, to_json


def _figures(search_ms: float = 9.0, start_ratio: float = 1.5) -> list[Figure]:
    return [
        Figure(
            "cold start",
            "s",
            0.1 * start_ratio,
            baseline=0.1,
            baseline_name="bare window",
            budget=Budget("ratio", 2.0),
            runs=7,
        ),
        Figure("search", "ms", search_ms, baseline=1.0, baseline_name="raw query", budget=Budget("max", 16.0)),
        Figure("generate", "s", 30.0, note="cached"),
    ]


def test_within_budget_passes_and_exits_zero() -> None:
    figures = _figures()
    assert [f.passed for f in figures] == [True, True, None]
    assert exit_status(figures) == 0


@pytest.mark.parametrize(("search_ms", "start_ratio"), [(16.5, 1.5), (9.0, 2.01)])
def test_a_missed_budget_exits_non_zero(search_ms: float, start_ratio: float) -> None:
    assert exit_status(_figures(search_ms, start_ratio)) == 1


def test_a_budgeted_figure_that_could_not_be_measured_is_a_miss() -> None:
    figure = Figure("search", "ms", None, budget=Budget("max", 16.0), note="probe failed")
    assert figure.passed is False
    assert exit_status([figure]) == 1


def test_the_budget_is_exactly_inclusive() -> None:
    assert Figure("x", "ms", 16.0, budget=Budget("max", 16.0)).passed is True
    assert Figure("x", "s", 0.2, baseline=0.1, budget=Budget("ratio", 2.0)).passed is True


def test_table_has_one_row_per_figure_with_baseline_ratio_budget_and_result() -> None:
    text = table(_figures(search_ms=20.0))
    lines = text.splitlines()
    assert lines[0].split("|")[1].strip() == "figure"
    assert len(lines) == 2 + 3
    start, search, generate = lines[2:]
    assert "0.15 s" in start and "0.10 s (bare window)" in start and "1.50x" in start and "pass" in start
    assert "<= 2x baseline" in start
    assert "20.0 ms" in search and "<= 16 ms" in search and "FAIL" in search
    assert "generate [cached]" in generate and generate.rstrip("| ").endswith("-")
    assert len({len(line) for line in lines}) == 1  # aligned columns


def test_json_holds_the_same_figures_and_the_verdict() -> None:
    figures = _figures(search_ms=20.0)
    data = json.loads(to_json(figures, {"cpus": 2}))
    assert data["meta"] == {"cpus": 2}
    assert data["passed"] is False
    by_name = {f["name"]: f for f in data["figures"]}
    assert by_name["search"]["passed"] is False
    assert by_name["search"]["budget"] == {"kind": "max", "limit": 16.0}
    assert by_name["cold start"]["ratio"] == pytest.approx(1.5)
    assert by_name["generate"]["passed"] is None


def test_median_of_repeated_runs() -> None:
    assert median([5.0, 1.0, 100.0]) == 5.0
    with pytest.raises(ValueError):
        median([])
