"""Wrong passphrases on the command line are slowed, and the count survives each command (a file beside the key)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from consultapp.cli import common as cli_common
from consultapp.cli import main
from consultapp.store.attempts import counter_for, delay_after, failures


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    cli_common.set_passphrase(None)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def secret_file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


def test_three_wrong_passphrases_wait_longer_each_time_and_the_right_one_resets(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], store_waits: list[float]) -> None:
    db = tmp_path / "enc.db"
    right = secret_file(tmp_path, "right.txt", "correct horse battery staple")
    wrong = secret_file(tmp_path, "wrong.txt", "not the passphrase at all")
    assert run(capsys, "demo", "--db", str(db), "--clients", "1", "--passphrase-file", right)[0] == 0
    assert store_waits == [] and not counter_for(db).exists()
    for attempt in (1, 2, 3):
        code, out, err = run(capsys, "visits", "--db", str(db), "--passphrase-file", wrong)
        assert (code, out) == (2, "")
        assert err == "consultapp: error: That passphrase (or recovery key) does not open this database.\n"
        assert failures(db) == attempt  # counted in the file, so the next command knows
    assert counter_for(db).read_text(encoding="ascii") == "3\n"
    assert stat.S_IMODE(counter_for(db).stat().st_mode) == 0o600
    assert store_waits == [delay_after(1), delay_after(2)] == [1, 2]  # the first wrong one is not held back
    code, _, _ = run(capsys, "visits", "--db", str(db), "--passphrase-file", right)
    assert code == 0 and store_waits[-1] == delay_after(3) == 4  # the right one waits too: the guesser cannot tell
    assert not counter_for(db).exists() and failures(db) == 0
    assert run(capsys, "visits", "--db", str(db), "--passphrase-file", wrong)[0] == 2
    assert store_waits[-1] == 4 and failures(db) == 1  # after a success it starts again from nothing


def test_guesses_through_the_passphrase_command_are_counted_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], store_waits: list[float]) -> None:
    db = tmp_path / "enc.db"
    right = secret_file(tmp_path, "right.txt", "correct horse battery staple")
    wrong = secret_file(tmp_path, "wrong.txt", "not the passphrase at all")
    new = secret_file(tmp_path, "new.txt", "a new passphrase for this")
    assert run(capsys, "demo", "--db", str(db), "--clients", "1", "--passphrase-file", right)[0] == 0
    for _ in range(2):
        code, _, err = run(capsys, "passphrase", "--db", str(db), "--passphrase-file", wrong,
                           "--new-passphrase-file", new)
        assert code == 2 and "does not open this database" in err
    assert failures(db) == 2 and store_waits == [1]
    assert run(capsys, "visits", "--db", str(db), "--passphrase-file", right)[0] == 0
    assert store_waits == [1, 2] and failures(db) == 0


def test_delays_grow_and_stop_at_thirty_seconds() -> None:
    assert [delay_after(n) for n in range(8)] == [0, 1, 2, 4, 8, 16, 30, 30]
    assert delay_after(1000) == 30
