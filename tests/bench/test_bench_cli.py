"""``consultapp bench``: arguments are checked before any work starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from consultapp.cli import main


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["bench", "--runs", "0"], "--runs and --repeat must be at least 1."),
        (["bench", "--clients", "5"], "--clients must be between 100 and 50000."),
        (["bench", "--json", "/no/such/folder/out.json"], "The folder /no/such/folder does not exist."),
        (["bench", "--frozen", "/no/such/dist"],
         "/no/such/dist is not a frozen app folder (the one holding the executable and _internal/)."),
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == f"consultapp: error: {message}"


def test_bench_writes_the_table_and_json_and_exits_with_the_verdict(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from consultapp.bench import run
    from consultapp.bench.report import Budget, Figure

    seen = {}

    def fake(options: run.BenchOptions, progress: object) -> tuple[list[Figure], dict[str, object]]:
        seen["options"] = options
        figure = Figure("search", "ms", 20.0, budget=Budget("max", 16.0))
        return [figure], {"cpus": 2, "python": "3", "seconds": 1.0}

    monkeypatch.setattr(run, "run_benchmark", fake)
    out = tmp_path / "bench.json"
    assert main(["bench", "--clients", "200", "--runs", "2", "--json", str(out), "--app", "dist/x --flag"]) == 1
    captured = capsys.readouterr()
    assert "| search" in captured.out and "FAIL" in captured.out
    assert "a budget was missed" in captured.err
    assert '"passed": false' in out.read_text(encoding="utf-8")
    options = seen["options"]
    assert options.size.clients == 200 and options.cold_runs == 2 and list(options.app) == ["dist/x", "--flag"]
