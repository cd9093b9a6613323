"""Every file the app writes is 0600 and every folder it creates 0700, under a umask that would give 0644.

The attacker is another local user: with ``umask 022`` a file is readable by everyone unless the app says
otherwise. Each test sets that umask itself and reads the modes back with ``stat``.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from consultapp.runtime import logs
from consultapp.runtime.files import create_private, make_private, open_private, private_dir, write_private

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes: Windows keeps profiles private")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual desktop umask: without the app's care, files come out 0644 and folders 0755."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def test_folders_and_their_missing_parents_are_created_0700_and_an_existing_folder_is_left_alone(
    tmp_path: Path, umask_022: None
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    private_dir(shared / "a" / "b" / "c")
    assert [mode(shared / p) for p in ("a", "a/b", "a/b/c")] == [0o700] * 3
    assert mode(shared) == 0o755  # (hers, not the app's)


def test_written_files_are_0600_new_or_replacing_a_looser_one_and_the_write_is_atomic(
    tmp_path: Path, umask_022: None
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    new = tmp_path / "new.pdf"
    write_private(new, b"%PDF-1.4 care plan")
    assert mode(new) == 0o600 and new.read_bytes() == b"%PDF-1.4 care plan"
    old = tmp_path / "old.pdf"
    old.write_bytes(b"older")
    assert mode(old) == 0o644
    write_private(old, "text, UTF-8: Ánh")
    assert mode(old) == 0o600 and old.read_text(encoding="utf-8") == "text, UTF-8: Ánh"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.pdf", "old.pdf"]  # no temporary file left


def test_a_link_is_written_through_and_its_target_made_private(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "real.pdf"
    target.write_bytes(b"x")
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    write_private(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new" and mode(target) == 0o600


def test_open_private_creates_0600_and_narrows_a_file_it_appends_to(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "a.log"
    with open_private(path, "a", encoding="utf-8") as f:
        f.write("one\n")
    assert mode(path) == 0o600
    os.chmod(path, 0o644)
    with open_private(path, "a", encoding="utf-8") as f:
        f.write("two\n")
    assert mode(path) == 0o600 and path.read_text(encoding="utf-8") == "one\ntwo\n"
    with pytest.raises(ValueError, match="writes only"):
        open_private(path, "r")


def test_create_and_make_private(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "empty.db"
    create_private(path)
    assert mode(path) == 0o600 and path.stat().st_size == 0
    path.write_bytes(b"kept")
    create_private(path)  # there already: untouched
    assert path.read_bytes() == b"kept"
    loose = tmp_path / "loose"
    loose.write_bytes(b"")
    make_private(loose)
    make_private(tmp_path / "missing")  # nothing to narrow: no error
    assert mode(loose) == 0o600


def test_the_log_folder_and_every_log_file_rotation_makes_are_private(
    tmp_path: Path, umask_022: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "logs" / "ConsultApp"
    monkeypatch.setattr(logs, "log_folder", lambda: folder)
    path = logs.configure("INFO")
    assert path == folder / logs.LOG_FILE_NAME
    logger = logging.getLogger("consultapp.test")
    logger.info("client %s saved", "1234")
    [handler] = [h for h in logging.getLogger(logs.LOGGER).handlers if hasattr(h, "doRollover")]
    handler.doRollover()  # type: ignore[attr-defined]
    logger.info("after the rotation")
    handler.flush()
    files = sorted(folder.iterdir())
    assert [p.name for p in files] == ["consultapp.log", "consultapp.log.1"]
    assert mode(folder) == 0o700 and mode(folder.parent) == 0o700
    assert [mode(p) for p in files] == [0o600, 0o600]
    assert "after the rotation" in files[0].read_text(encoding="utf-8")
