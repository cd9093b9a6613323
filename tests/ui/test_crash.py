"""The crash hook logs where an error happened, never what it said (it may hold client data)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from consultapp.ui import crash


def raise_with_client_data() -> None:
    raise ValueError("Nguyễn Thị Ánh, born 1994-07-30, notes: sore nipples")


def test_the_log_names_the_place_but_not_the_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(crash.NO_DIALOG_ENV, raising=False)
    shown: list[tuple[str, Path]] = []
    handler = crash.CrashHandler(tmp_path / "logs", "9.9", show=lambda report, path: shown.append((report, path)))
    try:
        raise_with_client_data()
    except ValueError as exc:
        handler(type(exc), exc, exc.__traceback__)
    log = (tmp_path / "logs" / crash.LOG_NAME).read_text(encoding="utf-8")
    assert "builtins.ValueError" in log and "raise_with_client_data" in log
    for secret in ("Nguyễn", "1994-07-30", "sore nipples"):
        assert secret not in log
    assert str(Path.home()) not in log
    [(report, path)] = shown  # the dialog shows the same report, with a copy button
    assert report in log and path == tmp_path / "logs" / crash.LOG_NAME


def test_the_switch_keeps_tests_and_ci_from_blocking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(crash.NO_DIALOG_ENV, "1")
    shown: list[str] = []
    handler = crash.CrashHandler(tmp_path, "9.9", show=lambda report, _path: shown.append(report))
    thread = threading.Thread(target=raise_with_client_data)
    previous = threading.excepthook
    threading.excepthook = handler.thread_hook
    try:
        thread.start()
        thread.join()
    finally:
        threading.excepthook = previous
    assert shown == []
    assert "raise_with_client_data" in (tmp_path / crash.LOG_NAME).read_text(encoding="utf-8")


def test_installed_hook_catches_an_uncaught_error_in_a_fresh_process(tmp_path: Path) -> None:
    code = (
        "import os, sys, pathlib\n"
        f"os.environ['{crash.NO_DIALOG_ENV}'] = '1'\n"
        "from consultapp.ui.crash import install\n"
        f"install(pathlib.Path({str(tmp_path)!r}), '9.9')\n"
        "raise RuntimeError('Baby Noah weighs 3100 g')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    log = (tmp_path / crash.LOG_NAME).read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in log and "Noah" not in log and "Noah" not in result.stderr
