"""`consultapp photo add|list|export|delete`: the command line mirrors the visit's photos; errors one line, exit 2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from factories import VISIT_DATE, make_twins_client, make_visit
from photo_files import bomb_png, phone_jpeg
from PIL import Image

from consultapp.cli import main
from consultapp.domain.records import Consents
from consultapp.store.db import open_database
from consultapp.store.facade import Store


@pytest.fixture
def visit_db(tmp_path: Path) -> tuple[Path, str, str]:
    path = tmp_path / "c.db"
    db = open_database(path)
    try:
        store = Store(db)
        client = make_twins_client(names=("Anh", "Bảo"))
        client.consents = Consents(care=VISIT_DATE, photos=VISIT_DATE)
        client = store.save_client(client)
        bare = store.save_client(make_twins_client("No", "Consent"))
        visit = store.save_visit(make_visit(client))
        other = store.save_visit(make_visit(bare))
    finally:
        db.close()
    return path, str(visit.id), str(other.id)


def test_add_list_export_delete(visit_db: tuple[Path, str, str], tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    path, visit, _ = visit_db
    photo = tmp_path / "tongue.jpg"
    photo.write_bytes(phone_jpeg())
    assert main(["photo", "add", "--db", str(path), "--visit", visit, "--baby", "bảo", "--caption", "Tongue <b>&",
                 "--kind", "tongue", str(photo), str(photo)]) == 0
    assert "2 photo(s) added" in capsys.readouterr().out

    assert main(["photo", "list", "--db", str(path), "--visit", visit, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["baby"], p["kind"], p["caption"]) for p in listed] == [("Bảo", "tongue", "Tongue <b>&")] * 2
    assert main(["photo", "list", "--db", str(path), "--visit", visit]) == 0
    assert "Bảo - tongue" in capsys.readouterr().out

    out = tmp_path / "out.jpg"
    assert main(["photo", "export", "--db", str(path), "--photo", listed[0]["id"], "--out", str(out)]) == 0
    exported = out.read_bytes()
    assert b"SecretPhoneMaker" not in exported and b"Exif" not in exported
    assert Image.open(io.BytesIO(exported)).size == (480, 640)  # upright
    assert out.stat().st_mode & 0o077 == 0

    assert main(["photo", "delete", "--db", str(path), "--photo", listed[0]["id"]]) == 0
    capsys.readouterr()
    assert main(["photo", "list", "--db", str(path), "--visit", visit, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--side", "left", "{bomb}"], "more pixels than any camera takes; it is refused. No photo was added."),
        (["--side", "left", "{missing}"], "Cannot read missing.jpg"),
        (["--baby", "Zed", "{good}"], "No baby named 'Zed' in this family (babies: Anh, Bảo)"),
        (["--caption", "a\x07b", "{good}"], "control character"),
    ],
    ids=["bomb", "missing", "unknown-baby", "control-char"],
)
def test_bad_input_is_one_line_and_exit_2(visit_db: tuple[Path, str, str], tmp_path: Path, args: list[str],
                                          says: str, capsys: pytest.CaptureFixture[str]) -> None:
    path, visit, _ = visit_db
    (tmp_path / "bomb.png").write_bytes(bomb_png())
    (tmp_path / "good.jpg").write_bytes(phone_jpeg())
    files = {"{bomb}": str(tmp_path / "bomb.png"), "{missing}": str(tmp_path / "missing.jpg"),
             "{good}": str(tmp_path / "good.jpg")}
    argv = ["photo", "add", "--db", str(path), "--visit", visit, *[files.get(a, a) for a in args]]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err


def test_no_consent_is_refused_with_where_to_record_it(visit_db: tuple[Path, str, str], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path, _, other = visit_db
    (tmp_path / "a.jpg").write_bytes(phone_jpeg())
    assert main(["photo", "add", "--db", str(path), "--visit", other, str(tmp_path / "a.jpg")]) == 2
    assert "No photo consent is on file" in capsys.readouterr().err


def test_unknown_photo_and_visit_ids(visit_db: tuple[Path, str, str], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path, _, _ = visit_db
    assert main(["photo", "export", "--db", str(path), "--photo", "nope", "--out", str(tmp_path / "x.jpg")]) == 2
    assert "'nope' is not a valid photo id" in capsys.readouterr().err
    assert main(["photo", "delete", "--db", str(path), "--photo", "00000000-0000-0000-0000-000000000000"]) == 2
    assert "No photo with id" in capsys.readouterr().err
