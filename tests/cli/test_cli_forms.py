"""Command-line forms and failures found by QA: where --db may go, option order, one-line errors (no traceback)."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from consultapp.cli import common as cli_common
from consultapp.cli import main
from consultapp.store.crypto import is_plain_sqlite

UNKNOWN = str(uuid.UUID(int=1))


@pytest.fixture(autouse=True)
def _forget_passphrase() -> None:
    cli_common.set_passphrase(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    cli_common.set_passphrase(None)  # (the passphrase is kept between calls in one process)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    cli_common.set_passphrase(None)
    with pytest.raises(SystemExit) as exc:
        main(list(argv))
    assert exc.value.code == 2
    return capsys.readouterr().err


def one_line_error(err: str, message: str) -> None:
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("consultapp: error: ") and message in err, err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "q.db")
    assert run(capsys, "demo", "--db", path, "--clients", "3")[0] == 0
    return path


def client_id(capsys: pytest.CaptureFixture[str], db: str) -> str:
    return json.loads(run(capsys, "visits", "--db", db, "--json")[1])[0]["client_id"]  # type: ignore[no-any-return]


# -- 1. --db (and --passphrase-file) before the command ------------------------------------------------------
def test_db_before_the_command_works_as_after_it(capsys: pytest.CaptureFixture[str], db: str) -> None:
    after = run(capsys, "visits", "--db", db, "--json")
    before = run(capsys, "--db", db, "visits", "--json")
    assert before[0] == 0 and before[2] == ""
    assert json.loads(before[1]) == json.loads(after[1]) and json.loads(before[1])


def test_db_before_the_command_as_a_subprocess(db: str) -> None:
    """The README's form, `consultapp --db "$URL" visits`, end to end."""
    result = subprocess.run(
        [sys.executable, "-m", "consultapp", "--db", db, "visits"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) >= 3


@pytest.mark.parametrize("argv", [["check"], ["audit", "verify"], ["codes", "show"], ["settings", "show"],
                                  ["consultant", "list"]])
def test_db_before_the_command_reaches_every_command(
    capsys: pytest.CaptureFixture[str], db: str, argv: list[str]
) -> None:
    """Commands whose own --db is optional used to reset it to the default database (which does not exist here)."""
    code, _out, err = run(capsys, "--db", db, *argv)
    assert code == 0, err


def test_the_command_level_db_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: str) -> None:
    missing = str(tmp_path / "missing.db")
    code, out, err = run(capsys, "--db", missing, "visits", "--db", db, "--json")
    assert code == 0, err
    assert json.loads(out)
    code, _out, err = run(capsys, "--db", db, "visits", "--db", missing)
    assert code == 2 and "No database at" in err


@pytest.mark.parametrize("argv", [["visits"], ["demo"], ["codes", "show"], ["documents", "--client", UNKNOWN]])
def test_a_command_that_needs_a_database_and_gets_none_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    err = usage_error(capsys, *argv)
    assert "the following arguments are required: --db" in err
    assert f"consultapp {argv[0]}: error:" in err


def test_passphrase_file_before_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery staple\n", encoding="utf-8")
    db = str(tmp_path / "enc.db")
    assert run(capsys, "--db", db, "--passphrase-file", str(secret), "demo", "--clients", "2")[0] == 0
    assert not is_plain_sqlite(Path(db))
    code, out, err = run(capsys, "--db", db, "--passphrase-file", str(secret), "visits", "--json")
    assert code == 0, err
    assert len(json.loads(out)) >= 2
    code, _out, err = run(capsys, "--db", db, "visits")
    assert code == 2 and "passphrase is needed" in err


# -- 2. codes: options before or after the file ---------------------------------------------------------------
def test_codes_options_and_file_in_any_order(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: str) -> None:
    toml = tmp_path / "codes.toml"
    code, _out, err = run(capsys, "codes", "export", "--db", db, "--out", str(toml))
    assert code == 0, err
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace(text.splitlines()[0], 'version = "Practice 1"', 1), encoding="utf-8")
    for argv in (
        ["codes", "import", "--db", db, str(toml)],
        ["codes", "import", str(toml), "--db", db],
        ["codes", "--db", db, "import", str(toml)],
        ["--db", db, "codes", "import", str(toml)],
    ):
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        assert out.startswith("Code list Practice 1 kept:")
    code, out, _err = run(capsys, "codes", "show", "--db", db)
    assert code == 0 and out.startswith("Code list in use: Practice 1")
    code, out, _err = run(capsys, "codes", "--db", db, "show")
    assert code == 0 and out.startswith("Code list in use: Practice 1")
    again = tmp_path / "again.toml"
    assert run(capsys, "codes", "--out", str(again), "export", "--db", db)[0] == 0
    assert again.read_text(encoding="utf-8").startswith('version = "Practice 1"')


def test_codes_errors_stay_as_they_were(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _out, err = run(capsys, "codes", "import", "--db", db)
    assert code == 2 and "Name the code list file to import." in err
    code, _out, err = run(capsys, "codes", "export", "--db", db)
    assert code == 2 and "--out is needed" in err
    assert "invalid choice: 'frob'" in usage_error(capsys, "codes", "frob", "--db", db)


# -- 3. one line, not a traceback -----------------------------------------------------------------------------
def test_backup_beneath_a_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: str) -> None:
    somefile = tmp_path / "somefile"
    somefile.write_text("not a folder", encoding="utf-8")
    for out in (somefile / "b", somefile / "deeper" / "b"):
        code, _out, err = run(capsys, "backup", "--db", db, "--out", str(out))
        assert code == 2
        one_line_error(err, f"{somefile} is a file, not a folder")
    assert somefile.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux's /proc")
def test_backup_into_proc_is_one_line(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, _out, err = run(capsys, "backup", "--db", db, "--out", "/proc/version/x")
    assert code == 2
    one_line_error(err, "/proc/version is a file, not a folder")


def test_export_into_a_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], db: str) -> None:
    somefile = tmp_path / "somefile"
    somefile.write_text("not a folder", encoding="utf-8")
    code, _out, err = run(capsys, "export", "--db", db, "--client", client_id(capsys, db), "--out", str(somefile))
    assert code == 2
    one_line_error(err, f"{somefile} is a file, not a folder")
    assert somefile.read_text(encoding="utf-8") == "not a folder"


def test_passphrase_of_a_plain_database_says_it_is_not_encrypted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db: str
) -> None:
    secret = tmp_path / "p.txt"
    secret.write_text("a passphrase\n", encoding="utf-8")
    code, _out, err = run(
        capsys, "passphrase", "--db", db, "--passphrase-file", str(secret), "--new-passphrase-file", str(secret)
    )
    assert code == 2
    one_line_error(err, "is not encrypted")
    assert "consultapp encrypt" in err
    assert is_plain_sqlite(Path(db)) and not Path(db + ".keys.json").exists()


def test_passphrase_without_its_key_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "p.txt"
    secret.write_text("a passphrase\n", encoding="utf-8")
    db = str(tmp_path / "enc.db")
    assert run(capsys, "demo", "--db", db, "--clients", "1", "--passphrase-file", str(secret))[0] == 0
    Path(db + ".keys.json").rename(tmp_path / "aside.json")
    code, _out, err = run(
        capsys, "passphrase", "--db", db, "--passphrase-file", str(secret), "--new-passphrase-file", str(secret)
    )
    assert code == 2
    one_line_error(err, "key file")


@pytest.fixture
def no_benchmark(monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark takes a minute: a test that reaches it has missed the early check."""
    from consultapp.bench import run as bench_run

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the benchmark ran before its --json file was checked")

    monkeypatch.setattr(bench_run, "run_benchmark", refuse)


@pytest.mark.skipif(not Path("/proc/version").is_file(), reason="needs Linux's /proc")
@pytest.mark.usefixtures("no_benchmark")
def test_bench_checks_its_json_file_before_running(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "bench", "--json", "/proc/version", "--clients", "100")
    assert code == 2
    one_line_error(err, "Cannot write /proc/version")


@pytest.mark.usefixtures("no_benchmark")
def test_bench_json_into_a_folder_or_beneath_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "bench", "--json", str(tmp_path), "--clients", "100")
    assert code == 2
    one_line_error(err, "is a folder")
    somefile = tmp_path / "somefile"
    somefile.write_text("x", encoding="utf-8")
    code, _out, err = run(capsys, "bench", "--json", str(somefile / "b.json"), "--clients", "100")
    assert code == 2
    one_line_error(err, "does not exist")


def test_the_early_bench_check_leaves_files_as_they_were(tmp_path: Path) -> None:
    from consultapp.cli.tools import _check_writable

    new = tmp_path / "new.json"
    _check_writable(new)
    assert not new.exists()
    old = tmp_path / "old.json"
    old.write_text("kept", encoding="utf-8")
    _check_writable(old)
    assert old.read_text(encoding="utf-8") == "kept"


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (FileExistsError(errno.EEXIST, "File exists", "/some/where"), "Cannot use /some/where: File exists."),
        (PermissionError(errno.EACCES, "Permission denied", "/a", None, "/b"),
         "Cannot use /a or /b: Permission denied."),
        (OSError("disk on fire"), "disk on fire."),
    ],
)
def test_an_os_error_escaping_a_command_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, exc: OSError, message: str
) -> None:
    import consultapp.cli.selftest

    def fails() -> int:
        raise exc

    monkeypatch.setattr(consultapp.cli.selftest, "run_self_test", fails)
    code, out, err = run(capsys, "self-test")
    assert code == 2 and out == ""
    one_line_error(err, message)


# -- 4. consistent errors -------------------------------------------------------------------------------------
def test_visits_of_an_unknown_client_is_an_error(capsys: pytest.CaptureFixture[str], db: str) -> None:
    code, out, err = run(capsys, "visits", "--db", db, "--client", UNKNOWN)
    assert code == 2 and out == ""
    one_line_error(err, f"No client with id {UNKNOWN}")
    code, out, err = run(capsys, "visits", "--db", db, "--client", client_id(capsys, db), "--json")
    assert code == 0 and json.loads(out)


def test_handout_list_takes_no_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "handout", "--list", "nope")
    assert code == 2 and out == ""
    one_line_error(err, "'nope'")
    code, out, _err = run(capsys, "handout", "--list")
    assert code == 0 and "\t" in out
