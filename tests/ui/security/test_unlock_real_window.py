"""Under a real X window (Xvfb), as the consultant meets it each morning: type the passphrase, press Return.

Offscreen tests send key events to widgets; this one sends them as the X server does (xdotool), to the app
started as she starts it. It skips where Xvfb or xdotool is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factories import make_client

from consultapp.store.crypto import FAST_KDF_FOR_TESTS
from consultapp.store.db import open_database
from consultapp.store.facade import Store

PASSPHRASE = "maple harbour lantern 42"
ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
                                reason="needs Xvfb and xdotool (Debian packages xvfb, xdotool)")


def xdotool(display: str, *args: str, timeout: float = 20) -> str:
    done = subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, capture_output=True,
                          text=True, timeout=timeout, check=True)
    return done.stdout


def unlock_window(display: str, app: subprocess.Popen[str]) -> str:
    """The unlock dialog's X window, once shown; a Qt without its xcb libraries (libxcb-cursor0) skips."""
    try:
        return xdotool(display, "search", "--sync", "--onlyvisible", "--name", "^Unlock ConsultApp$",
                       timeout=60).split()[0]
    except subprocess.TimeoutExpired:
        if app.poll() is not None:
            _out, err = app.communicate(timeout=10)
            if "Could not load the Qt platform plugin" in err:
                pytest.skip("Qt's xcb platform plugin does not load here (Debian package libxcb-cursor0)")
            pytest.fail(f"the app ended before its unlock dialog showed: {err[-2000:]}")
        raise


def test_return_in_the_unlock_dialog_opens_the_records_under_a_real_window(display: str, tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    db = open_database(path, encrypt_new=True, passphrase=PASSPHRASE, kdf=FAST_KDF_FOR_TESTS)
    try:
        Store(db).save_client(make_client("Zephyrine", "Quillfeather", "Oriel"))
    finally:
        db.close()
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "PYTHONPATH": str(ROOT),
           # "ready" when the window takes input, "listed" once the clients are on it, then it quits itself
           "CONSULTAPP_EXIT_WHEN_READY": "1"}
    app = subprocess.Popen([sys.executable, "-m", "consultapp", "--db", str(path)], env=env, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        window = unlock_window(display, app)
        xdotool(display, "windowfocus", "--sync", window)
        xdotool(display, "type", "--delay", "5", "--window", window, PASSPHRASE)
        xdotool(display, "key", "--window", window, "Return")
        out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate(timeout=10)
    # The bug: Return pressed Quit, the app ended with status 0 before any client was listed.
    assert out.split()[:2] == ["ready", "listed"], (out, err[-2000:])  # (then "searchable", once the store is)
    assert app.returncode == 0
