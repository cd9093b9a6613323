"""The benchmark reports the frozen folder's size (issue 15: the download, at most 200 MB)."""

from __future__ import annotations

import json
from pathlib import Path

from consultapp.bench import run
from consultapp.bench.report import Figure, table, to_json


def _fake_frozen(tmp_path: Path) -> Path:
    folder = tmp_path / "dist" / "ConsultApp"
    (folder / "_internal" / "PySide6").mkdir(parents=True)
    exe = folder / "consultapp"
    exe.write_bytes(b"\0" * 2**20)
    exe.chmod(0o755)
    (folder / "_internal" / "PySide6" / "libQt6Core.so.6").write_bytes(b"\0" * (5 * 2**19))
    (folder / "_internal" / "base_library.zip").write_bytes(b"\0" * 2**19)
    (folder / "_internal" / "link.so").symlink_to("PySide6/libQt6Core.so.6")  # counted as a link
    return folder


def test_a_frozen_folder_is_found_from_the_app_command(tmp_path: Path) -> None:
    folder = _fake_frozen(tmp_path)
    assert run.frozen_folder([str(folder / "consultapp"), "--flag"]) == folder
    assert run.frozen_folder(None) is None
    assert run.frozen_folder([]) is None
    assert run.frozen_folder(["python", "-m", "consultapp"]) is None  # not a frozen build
    plain = tmp_path / "bin" / "tool"
    plain.parent.mkdir()
    plain.write_text("#!/bin/sh\n")
    assert run.frozen_folder([str(plain)]) is None  # no _internal/ beside it


def test_the_size_row_is_added_with_the_200_mb_budget(tmp_path: Path) -> None:
    folder = _fake_frozen(tmp_path)
    figure = run.frozen_size_figure(folder)
    assert 4.0 <= figure.value <= 4.001  # 4 MB of files (as du counts MB: 2**20 bytes) and the link
    assert figure.unit == "MB" and figure.passed is True
    assert figure.budget == run.DOWNLOAD_BUDGET and run.DOWNLOAD_BUDGET.limit == 200.0

    existing = Figure("search", "ms", 10.0)
    text = table([existing, figure])
    assert "| search" in text  # the existing row is unchanged
    row = next(line for line in text.splitlines() if "frozen app folder" in line)
    assert "4.00 MB" in row and "<= 200 MB" in row and "pass" in row

    data = json.loads(to_json([existing, figure], {"cpus": 2}))
    assert set(data) == {"meta", "figures", "passed"}  # the JSON's keys are unchanged
    assert [f["name"] for f in data["figures"]] == ["search", "frozen app folder (download, unpacked)"]
    assert set(data["figures"][1]) == set(data["figures"][0])


def test_a_folder_over_200_mb_fails(tmp_path: Path, monkeypatch) -> None:
    folder = _fake_frozen(tmp_path)
    monkeypatch.setattr(run, "folder_size_mb", lambda _folder: 367.0)
    assert run.frozen_size_figure(folder).passed is False


def test_frozen_reports_the_size_while_the_cold_start_stays_python(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """``--frozen FOLDER`` adds the download's row to a run whose cold start is still ``python -m consultapp``."""
    from consultapp.cli import main

    folder = _fake_frozen(tmp_path)
    seen = {}

    def fake(options: run.BenchOptions, progress: object) -> tuple[list[Figure], dict[str, object]]:
        seen["options"] = options
        size = run.frozen_folder(options.app) or options.frozen
        return [run.frozen_size_figure(size)], {"cpus": 2, "python": "3", "seconds": 1.0}

    monkeypatch.setattr(run, "run_benchmark", fake)
    assert main(["bench", "--clients", "200", "--frozen", str(folder)]) == 0
    assert seen["options"].app is None and seen["options"].frozen == folder
    row = next(line for line in capsys.readouterr().out.splitlines() if "frozen app folder" in line)
    assert "4.00 MB" in row and "pass" in row
