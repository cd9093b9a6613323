"""`consultapp settings show|export|import`: the practice's settings as a TOML file, checked whole before kept."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from domain.test_settings_transfer import PNG, full_practice

from consultapp.cli import COMMAND_NAMES, main
from consultapp.cli import common as cli_common
from consultapp.domain.vocabulary import PlanVariant
from consultapp.services.practice_settings import practice_settings_text
from consultapp.store.crypto import is_plain_sqlite
from consultapp.store.db import open_database
from consultapp.store.facade import Store


@pytest.fixture(autouse=True)
def _forget_passphrase() -> None:
    cli_common.set_passphrase(None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    cli_common.set_passphrase(None)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _stored(db: str, passphrase: str | None = None) -> Store:
    return Store(open_database(db, passphrase=passphrase))


def test_show_export_and_import_carry_every_setting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "settings" in COMMAND_NAMES
    laptop_a, laptop_b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    store = _stored(laptop_a)
    store.save_practice(full_practice())
    store.db.close()
    code, shown, _err = run(capsys, "settings", "show", "--db", laptop_a)
    assert code == 0 and tomllib.loads(shown)["settings"]["mastitis_variant"] == "abm36"
    assert shown == practice_settings_text(full_practice())

    exported = tmp_path / "practice.toml"
    exported.write_text("an older copy", encoding="utf-8")  # replaced, as `codes export` does
    code, out, _err = run(capsys, "settings", "export", str(exported), "--db", laptop_a)
    assert code == 0 and out == f"Settings written to {exported}; copy it to another laptop and import it there.\n"
    assert exported.read_text(encoding="utf-8") == shown

    assert run(capsys, "demo", "--db", laptop_b, "--clients", "1")[0] == 0
    code, out, err = run(capsys, "settings", "--db", laptop_b, "import", str(exported))
    assert (code, err) == (0, "")
    assert out.count("\n") == 1 and out.startswith(f"Settings kept from {exported}: Mia 🌸 Sørensen Lactation;")
    assert "mastitis: abm36" in out
    store = _stored(laptop_b)
    kept = store.get_practice()
    store.db.close()
    assert (kept.name, kept.address, kept.logo, kept.settings, kept.identifiers) == (
        full_practice().name, full_practice().address, PNG, full_practice().settings, full_practice().identifiers)
    assert run(capsys, "settings", "show", "--db", laptop_b)[1] == shown


@pytest.mark.parametrize(("content", "says"), [
    ('format = "consultapp-practice-settings"\nversion = 1\n[settings]\nmastitis_variant = "abm4"\n',
     "is not a valid settings file, nothing was changed: settings.mastitis_variant: must be one of"),
    ('format = "consultapp-practice-settings"\nversion = 1\n[thresholds]\nweight_loss_red_pct = 45\n',
     "thresholds.weight_loss_red_pct: 45 is not between 1 and 30"),
    ('format = "consultapp-practice-settings"\nversion = 2\n', "newer than this ConsultApp reads"),
    ('format = "consultapp-practice-settings"\nversion = 1\n[settings]\nmastitis_variant = "abm36"\ncolour = 1\n',
     "settings: unknown key: colour"),
    ("not = [toml", "not TOML"),
])
def test_a_bad_file_is_refused_with_exit_2_and_nothing_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               content: str, says: str) -> None:
    db = str(tmp_path / "p.db")
    assert run(capsys, "demo", "--db", db, "--clients", "1")[0] == 0
    before = run(capsys, "settings", "show", "--db", db)[1]
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "settings", "import", str(bad), "--db", db)
    assert (code, out) == (2, "")
    assert err.startswith(f"consultapp: error: {bad} ") and says in err and err.count("\n") == 1
    assert run(capsys, "settings", "show", "--db", db)[1] == before
    store = _stored(db)
    assert store.get_practice().settings.mastitis_variant is PlanVariant.SOURCE_DOCUMENT
    store.db.close()


def test_missing_files_and_arguments_are_one_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "p.db")
    assert run(capsys, "demo", "--db", db, "--clients", "1")[0] == 0
    code, _out, err = run(capsys, "settings", "import", str(tmp_path / "nope.toml"), "--db", db)
    assert code == 2 and err.startswith(f"consultapp: error: Cannot read {tmp_path / 'nope.toml'}: ")
    assert run(capsys, "settings", "import", "--db", db)[2] == "consultapp: error: Name the settings file to import.\n"
    assert run(capsys, "settings", "export", "--db", db)[2] == "consultapp: error: Name the settings file to export.\n"
    code, _out, err = run(capsys, "settings", "export", str(tmp_path / "no" / "such" / "f.toml"), "--db", db)
    assert code == 2 and err.startswith("consultapp: error: Cannot write ") and err.count("\n") == 1
    with pytest.raises(SystemExit) as usage:
        main(["settings", "show"])  # no --db: a usage error, exit 2
    assert usage.value.code == 2


def test_an_encrypted_database_takes_the_passphrase_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery staple\n", encoding="utf-8")
    db = str(tmp_path / "enc.db")
    pw = ("--passphrase-file", str(secret))
    assert run(capsys, "demo", "--db", db, "--clients", "1", *pw)[0] == 0
    assert not is_plain_sqlite(Path(db))
    code, _out, err = run(capsys, "settings", "show", "--db", db)
    assert code == 2 and "passphrase is needed" in err
    source = tmp_path / "practice.toml"
    source.write_text(practice_settings_text(full_practice()), encoding="utf-8")
    code, out, _err = run(capsys, "--db", db, *pw, "settings", "import", str(source))
    assert code == 0 and out.startswith(f"Settings kept from {source}:")
    code, out, _err = run(capsys, "settings", "export", str(tmp_path / "back.toml"), "--db", db, *pw)
    assert code == 0 and (tmp_path / "back.toml").read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    store = _stored(db, "correct horse battery staple")
    assert store.get_practice().logo == PNG
    store.db.close()
