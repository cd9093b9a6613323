"""Photos in the letter to the doctor (chosen) and on the family's care plan (only when ticked)."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
from factories import VISIT_DATE, make_twins_client, make_visit
from photo_files import phone_jpeg

from consultapp.domain.photos import PhotoKind, PhotoSubject
from consultapp.domain.records import Consents
from consultapp.domain.vocabulary import Side
from consultapp.services.letters import physician_letter, render_letter
from consultapp.services.photos import PhotoSource, add_photos, letter_photos
from consultapp.services.visits import care_plan, load_visit, render_plan
from consultapp.store.facade import Store


def _pdf(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _images(reader: pypdf.PdfReader) -> list[tuple[int, int]]:
    return [(img.image.width, img.image.height) for page in reader.pages for img in page.images if img.image]


def _family(store: Store) -> tuple[object, object]:
    client = make_twins_client("Ánh <b>&", "Nguyễn", names=("Anh", "Bảo"))
    client.consents = Consents(care=VISIT_DATE, photos=VISIT_DATE)
    client = store.save_client(client)
    return client, store.save_visit(make_visit(client))


def test_a_letter_prints_the_two_chosen_photos_large_with_whose_what_when_and_caption(sqlite_repo: Store) -> None:
    client, visit = _family(sqlite_repo)
    bao = client.babies[1]
    files = [PhotoSource(phone_jpeg(3000, 2000, orientation=1, colour=(40 * n, 90, 60)), f"{n}.jpg") for n in range(3)]
    tongue, latch, _unused = add_photos(
        sqlite_repo, visit.id, files,
        subject=PhotoSubject(baby_id=bao.id), caption="Before frenotomy <i>&", kind=PhotoKind.TONGUE)
    photos = letter_photos(sqlite_repo, [tongue.id, latch.id])
    letter = physician_letter(load_visit(sqlite_repo, visit.id), recipient=None, today=dt.date(2026, 12, 2),
                              photos=photos)
    reader = _pdf(render_letter(letter, invariant=True))

    assert len(reader.pages) == 2  # the one-page letter, then the photos
    photo_page = reader.pages[1].extract_text()
    assert photo_page.count("Bảo - tongue") == 2 and photo_page.count("Before frenotomy <i>&") == 2
    assert "26 November 2026" in photo_page or VISIT_DATE.strftime("%Y") in photo_page
    sizes = _images(reader)
    assert len(sizes) >= 2 and all(max(s) <= 1400 for s in sizes)  # scaled for print, not the 3000 px original
    assert len(render_letter(letter)) < 2_000_000  # a letter to fax, not megabytes of camera pixels


def test_the_care_plan_shows_only_the_photos_she_ticked(sqlite_repo: Store) -> None:
    _client, visit = _family(sqlite_repo)
    ticked, _other = add_photos(sqlite_repo, visit.id, [PhotoSource(phone_jpeg(), "a.jpg")] * 2,
                                subject=PhotoSubject(side=Side.LEFT), caption="Red area, left", kind=PhotoKind.BREAST)
    plain = _pdf(render_plan(care_plan(load_visit(sqlite_repo, visit.id)), invariant=True))
    assert "Photos from your visit" not in "".join(p.extract_text() for p in plain.pages)

    sqlite_repo.update_photo(ticked.id, on_plan=True)
    with_photo = _pdf(render_plan(care_plan(load_visit(sqlite_repo, visit.id)), invariant=True))
    text = "".join(p.extract_text() for p in with_photo.pages)
    assert "Photos from your visit" in text and text.count("Red area, left") == 1
    assert "Parent, left - breast" in text
    assert len(with_photo.pages) == len(plain.pages) + 1
