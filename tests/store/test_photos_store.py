"""Photos in the store: only with consent, all or none, inside the encrypted file, audited, erased."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from factories import VISIT_DATE, make_client, make_twins_client, make_visit
from photo_files import phone_jpeg

from consultapp.domain.photos import PhotoKind, PhotoSubject
from consultapp.domain.records import Consents
from consultapp.domain.vocabulary import Side
from consultapp.services.photo_images import PhotoFileError
from consultapp.services.photos import PhotoSource, add_photos
from consultapp.store import audit
from consultapp.store.crypto import FAST_KDF_FOR_TESTS
from consultapp.store.db import open_database
from consultapp.store.errors import KnownError, NotFoundError
from consultapp.store.facade import Store
from consultapp.store.maintenance import backup
from consultapp.store.photos import NoPhotoConsent

CAPTION = "Qwzxv tongue before frenotomy"  # a caption that occurs nowhere else in a file


def consenting(store: Store, *, twins: bool = False, consent: dt.date | None = VISIT_DATE) -> tuple[Store, object]:
    client = make_twins_client() if twins else make_client()
    client.consents = Consents(care=VISIT_DATE, photos=consent)
    client = store.save_client(client)
    visit = store.save_visit(make_visit(client))
    return client, visit


def test_photos_are_kept_listed_and_read_back_on_sqlite_and_postgres(repo: Store) -> None:
    client, visit = consenting(repo, twins=True)
    bao = client.babies[1]
    kept = add_photos(repo, visit.id, [PhotoSource(phone_jpeg(), "tongue.jpg"), PhotoSource(phone_jpeg(), "b.jpg")],
                      subject=PhotoSubject(baby_id=bao.id), caption=CAPTION, kind=PhotoKind.TONGUE)
    assert len(kept) == 2
    listed = repo.photos_for_visit(visit.id)
    assert [p.id for p in listed] == [p.id for p in kept]
    assert listed[0].describe({b.id: b.name for b in client.babies}) == f"{bao.name} - tongue"
    assert listed[0].caption == CAPTION and listed[0].visit_date == visit.visit_date
    content = repo.photo_content(listed[0].id)
    assert content[:3] == b"\xff\xd8\xff" and b"Exif" not in content
    assert set(repo.photo_thumbnails([p.id for p in kept])) == {p.id for p in kept}
    assert [p.id for p in repo.photos_for_client(client.id)] == [p.id for p in kept]


def test_without_photo_consent_nothing_is_kept_and_the_message_says_where_to_record_it(repo: Store) -> None:
    _client, visit = consenting(repo, consent=None)
    with pytest.raises(NoPhotoConsent, match="Consent to photos given on"):
        add_photos(repo, visit.id, [PhotoSource(phone_jpeg(), "a.jpg")], subject=PhotoSubject())
    assert repo.photos_for_visit(visit.id) == []


def test_consent_dated_after_the_visit_is_refused(repo: Store) -> None:
    _client, visit = consenting(repo, consent=VISIT_DATE + dt.timedelta(days=3))
    with pytest.raises(NoPhotoConsent, match="after this visit"):
        add_photos(repo, visit.id, [PhotoSource(phone_jpeg(), "a.jpg")], subject=PhotoSubject())


def test_one_bad_file_in_a_batch_keeps_none(repo: Store) -> None:
    _client, visit = consenting(repo)
    with pytest.raises(PhotoFileError, match="broken.jpg"):
        add_photos(repo, visit.id, [PhotoSource(phone_jpeg(), "good.jpg"), PhotoSource(b"nope", "broken.jpg")],
                   subject=PhotoSubject())
    assert repo.photos_for_visit(visit.id) == []


def test_a_baby_of_another_family_is_refused(repo: Store) -> None:
    _client, visit = consenting(repo)
    other = repo.save_client(make_client("Other", "Family", baby="Zed"))
    with pytest.raises(KnownError, match="not one of this client's babies"):
        add_photos(repo, visit.id, [PhotoSource(phone_jpeg(), "a.jpg")],
                   subject=PhotoSubject(baby_id=other.babies[0].id))


def test_a_caption_with_a_control_character_is_refused_and_nothing_kept(repo: Store) -> None:
    _client, visit = consenting(repo)
    with pytest.raises(ValueError, match="control character"):
        add_photos(repo, visit.id, [PhotoSource(phone_jpeg(), "a.jpg")], subject=PhotoSubject(), caption="left\x00")
    assert repo.photos_for_visit(visit.id) == []


def test_add_edit_delete_and_erase_are_audited_by_record_id_only(repo: Store) -> None:
    client, visit = consenting(repo)
    first, second = add_photos(repo, visit.id, [PhotoSource(phone_jpeg(), "a.jpg")] * 2,
                               subject=PhotoSubject(side=Side.LEFT), caption=CAPTION)
    repo.update_photo(first.id, on_plan=True)
    assert repo.photos_for_visit(visit.id)[0].on_plan
    repo.delete_photo(second.id)
    with pytest.raises(NotFoundError):
        repo.photo_content(second.id)
    repo.record_photos_in_letter([first.id], document_id=first.id)
    assert repo.erase_client_photos(client.id) == 1
    with repo.db.session() as s:
        log = audit.entries(s, client_id=client.id)
        assert audit.verify(s) == []
    actions = [(e.action, e.record_id) for e in log if e.action.startswith("photo")]
    assert actions == [("photo-add", str(first.id)), ("photo-add", str(second.id)), ("photo-edit", str(first.id)),
                       ("photo-delete", str(second.id)), ("photo-letter", str(first.id)),
                       ("photo-erase", str(client.id))]
    assert all(CAPTION not in str(e.detail) for e in log)
    assert repo.photos_for_client(client.id) == []


def test_the_raw_encrypted_file_its_wal_and_its_backup_hold_no_image_and_no_caption(tmp_path: Path) -> None:
    path = tmp_path / "enc.db"
    db = open_database(path, passphrase="correct horse battery", kdf=FAST_KDF_FOR_TESTS)
    try:
        store = Store(db)
        _client, visit = consenting(store)
        add_photos(store, visit.id, [PhotoSource(phone_jpeg(1200, 900), "a.jpg")], subject=PhotoSubject(),
                   caption=CAPTION)
        wal = path.with_name(path.name + "-wal")
        raw_now = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        info = backup(db, tmp_path / "backups" / "b.zip")
        (kept,) = store.photos_for_visit(visit.id)
        image = store.photo_content(kept.id)
    finally:
        db.close()
    raw = raw_now + path.read_bytes() + info.path.read_bytes()
    # The image's own bytes (its header with the JPEG signature, and a run from its middle), the caption, and
    # the longer signatures; a 3-byte signature alone turns up by chance in a few hundred KB of cipher text.
    middle = len(image) // 2
    for trace in (image[:32], image[middle:middle + 64], b"JFIF\x00", b"\x89PNG\r\n\x1a\n", CAPTION.encode()):
        assert trace not in raw


def test_a_deleted_client_takes_her_photos_with_her(sqlite_repo: Store) -> None:
    client, visit = consenting(sqlite_repo)
    add_photos(sqlite_repo, visit.id, [PhotoSource(phone_jpeg(), "a.jpg")], subject=PhotoSubject())
    from consultapp.store.erasure import erase_everywhere

    erase_everywhere(sqlite_repo.db, client.id)
    from consultapp.store.models import PhotoRow

    with sqlite_repo.db.session() as s:
        assert s.query(PhotoRow).count() == 0


def test_practice_photo_size_setting_scales_what_is_kept(repo: Store) -> None:
    practice = repo.get_practice()
    practice.settings = dataclasses.replace(practice.settings, photo_long_side_px=800)
    repo.save_practice(practice)
    _client, visit = consenting(repo)
    (photo,) = add_photos(repo, visit.id, [PhotoSource(phone_jpeg(2000, 1000, orientation=1), "a.jpg")],
                          subject=PhotoSubject())
    assert (photo.width, photo.height) == (800, 400)


def test_a_camera_sized_photo_of_about_5_mb_is_kept_on_sqlite_and_postgres(repo: Store) -> None:
    from consultapp.bench.photos import camera_photo

    _client, visit = consenting(repo)
    data = camera_photo(7)
    assert len(data) > 4_000_000
    (photo,) = add_photos(repo, visit.id, [PhotoSource(data, "IMG_0007.jpg")], subject=PhotoSubject())
    assert (photo.width, photo.height) == (4000, 3000)
    assert len(repo.photo_content(photo.id)) == photo.size > 2_000_000


def test_the_history_read_together_is_what_its_parts_read(repo: Store) -> None:
    """``client_history``: her timeline, issued documents and photo count in one session, the same as read apart."""
    client, visit = consenting(repo)
    add_photos(repo, visit.id, [PhotoSource(phone_jpeg(), "a.jpg"), PhotoSource(phone_jpeg(), "b.jpg")],
               subject=PhotoSubject())
    repo.save_visit(make_visit(client, VISIT_DATE + dt.timedelta(days=3)))
    repo.issue_document(kind="care_plan", content=b"%PDF-1.4 plan", title="Care plan", filename="plan.pdf",
                        issued_by="Consultant", client_id=client.id, visit_id=visit.id)
    other, other_visit = consenting(repo)
    add_photos(repo, other_visit.id, [PhotoSource(phone_jpeg(), "c.jpg")], subject=PhotoSubject())  # not hers
    history = repo.client_history(client.id)
    assert history.timeline == repo.client_timeline(client.id) and len(history.timeline) == 2
    assert history.documents == repo.documents_for_client(client.id) and len(history.documents) == 1
    assert history.photo_count == len(repo.photos_for_client(client.id)) == repo.photo_count(client.id) == 2
    assert repo.client_history(other.id).photo_count == 1


def test_the_history_reads_on_one_connection_without_a_session(repo: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """``client_history`` opens no ORM session (one Core connection); documents newest first, sizes as stored."""
    client, visit = consenting(repo)
    for n, content in enumerate((b"%PDF-1.4 first", b"%PDF-1.4 second, longer")):
        repo.issue_document(kind="care_plan", content=content, title=f"Plan {n}", filename=f"plan{n}.pdf",
                            issued_by="Consultant", client_id=client.id, visit_id=visit.id)
    expected = repo.documents_for_client(client.id), repo.client_timeline(client.id)

    def no_session() -> None:
        raise AssertionError("client_history opened an ORM session")

    monkeypatch.setattr(repo.db, "session", no_session)
    history = repo.client_history(client.id)
    assert (tuple(history.documents), tuple(history.timeline)) == tuple(map(tuple, expected))
    assert [d.size for d in history.documents] == [23, 14]
