"""A client's photos travel with her export and come back in on import, checked like the rest; erase removes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import VISIT_DATE, make_twins_client, make_visit
from photo_files import phone_jpeg

from consultapp.domain.photos import PhotoKind, PhotoSubject
from consultapp.domain.records import Consents
from consultapp.domain.vocabulary import Side
from consultapp.services.photos import PhotoSource, add_photos
from consultapp.store.db import open_database
from consultapp.store.facade import Store
from consultapp.store.transfer import ImportRefused, export_client, import_client


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, list[bytes], object]:
    db = open_database(tmp_path / "a.db")
    try:
        store = Store(db)
        client = make_twins_client("Ánh", "Nguyễn", names=("Anh", "Bảo"))
        client.consents = Consents(care=VISIT_DATE, photos=VISIT_DATE)
        client = store.save_client(client)
        visit = store.save_visit(make_visit(client))
        kept = add_photos(store, visit.id, [PhotoSource(phone_jpeg(colour=(9, 9, 9)), "a.jpg")],
                          subject=PhotoSubject(baby_id=client.babies[1].id), caption="Tongue <b>&",
                          kind=PhotoKind.TONGUE)
        kept += add_photos(store, visit.id, [PhotoSource(phone_jpeg(), "b.jpg")], subject=PhotoSubject(side=Side.LEFT))
        store.update_photo(kept[1].id, on_plan=True)
        contents = [store.photo_content(p.id) for p in kept]
        result = export_client(db, client.id, tmp_path / "export")
    finally:
        db.close()
    return result.json_path, contents, client


def test_photos_export_and_import_exactly(exported: tuple[Path, list[bytes], object], tmp_path: Path) -> None:
    json_path, contents, client = exported
    payload = json.loads(json_path.read_text())
    assert [p["kind"] for p in payload["photos"]] == ["tongue", "breast"]
    files = sorted(p.name for p in (json_path.parent / "photos").iterdir())
    assert all("Nguy" not in name and "Anh" not in name for name in files)  # named by id only
    assert all((json_path.parent / p["file"]).stat().st_mode & 0o077 == 0 for p in payload["photos"])

    db = open_database(tmp_path / "b.db")
    try:
        store = Store(db)
        imported = import_client(db, json_path)
        photos = store.photos_for_client(imported.id)
        assert [store.photo_content(p.id) for p in photos] == contents
        assert [(p.caption, p.on_plan, p.subject.side) for p in photos] == [("Tongue <b>&", False, None),
                                                                           ("", True, Side.LEFT)]
        assert photos[0].subject.baby_id == client.babies[1].id
        assert set(store.photo_thumbnails([p.id for p in photos])) == {p.id for p in photos}
    finally:
        db.close()


def _tampered(json_path: Path, change: object) -> None:
    payload = json.loads(json_path.read_text())
    change(payload)  # type: ignore[operator]
    json_path.write_text(json.dumps(payload))


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda p: p["photos"][0].update(file="../../etc/passwd"), "outside the export folder"),
        (lambda p: p["photos"][0].update(sha256="0" * 64), "does not match its hash"),
        (lambda p: p["photos"][0].update(kind="selfie"), r"photos\[0\]: 'selfie' is not a valid PhotoKind"),
        (lambda p: p["photos"][0].update(caption="a\x00b"), "control character"),
        (lambda p: p["photos"][0].update(mime="image/png"), "is not the image its entry says"),
        (lambda p: p["photos"][0].update(visit_id="00000000-0000-0000-0000-000000000000"), "exported visits"),
        (lambda p: p["client"]["consents"].update(photos=None), "no photo consent"),
    ],
    ids=["traversal", "hash", "kind", "nul", "mime", "visit", "consent"],
)
def test_a_tampered_photo_entry_refuses_the_whole_import(exported: tuple[Path, list[bytes], object], tmp_path: Path,
                                                         change: object, says: str) -> None:
    json_path, _contents, client = exported
    _tampered(json_path, change)
    db = open_database(tmp_path / "b.db")
    try:
        with pytest.raises(ImportRefused, match=says):
            import_client(db, json_path)
        assert Store(db).search_clients("") == []  # nothing kept
    finally:
        db.close()
