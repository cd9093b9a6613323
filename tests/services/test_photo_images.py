"""Preparing a photo: metadata stripped, orientation applied, scaled to the limit; hostile files refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from photo_files import bomb_png, phone_jpeg, png_with_text, truncated_jpeg
from PIL import Image

from consultapp.domain.photos import PhotoLimits
from consultapp.services.photo_images import PhotoFileError, prepare_photo, read_photo_file

LIMITS = PhotoLimits(long_side_px=1600)


def test_gps_maker_notes_xmp_and_thumbnail_are_gone_and_the_photo_stands_upright() -> None:
    original = phone_jpeg(640, 480, orientation=6)
    assert b"SecretPhoneMaker" in original and b"MAKERNOTE" in original and b"xmpmeta" in original

    photo = prepare_photo(original, LIMITS)

    for trace in (b"Exif", b"SecretPhoneMaker", b"Model-X-42", b"MAKERNOTE", b"xmpmeta", b"GPS"):
        assert trace not in photo.content
        assert trace not in photo.thumbnail
    kept = Image.open(io.BytesIO(photo.content))
    assert dict(kept.getexif()) == {}
    assert kept.format == "JPEG" and photo.mime == "image/jpeg"
    # orientation 6 (rotate 90 clockwise) applied to the pixels: 640x480 stands as 480x640
    assert (photo.width, photo.height) == kept.size == (480, 640)
    # the blue corner, top-left before, is top-right after a clockwise turn
    r, g, b = kept.convert("RGB").getpixel((470, 5))  # type: ignore[misc]
    assert b > 150 and r < 80


def test_png_text_chunks_do_not_survive() -> None:
    photo = prepare_photo(png_with_text(), LIMITS)
    assert b"Mill Lane" not in photo.content and b"xmp" not in photo.content.lower()
    assert photo.mime == "image/png"
    assert Image.open(io.BytesIO(photo.content)).info.get("Comment") is None


def test_a_photo_larger_than_the_limit_is_scaled_down_to_it_and_a_small_one_kept_as_is() -> None:
    big = prepare_photo(phone_jpeg(3200, 1800, orientation=1), LIMITS)
    assert (big.width, big.height) == (1600, 900)
    small = prepare_photo(phone_jpeg(800, 600, orientation=1), LIMITS)
    assert (small.width, small.height) == (800, 600)
    thumb = Image.open(io.BytesIO(big.thumbnail))
    assert max(thumb.size) == LIMITS.thumbnail_px


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7 this is no image at all", "not a photo"),
        (b"", "not a photo"),
        (truncated_jpeg(), "damaged or cut short"),
        (bomb_png(), "more pixels than any camera"),
        (bomb_png(12_000, 12_000), "more pixels than any camera"),
    ],
    ids=["pdf", "empty", "truncated-jpeg", "bomb-50000", "bomb-12000"],
)
def test_hostile_files_get_one_clear_message(data: bytes, says: str) -> None:
    with pytest.raises(PhotoFileError, match=says):
        prepare_photo(data, LIMITS, "upload.jpg")


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.jpg"
    with huge.open("wb") as f:  # sparse: no 200 MB written to disk
        f.seek(200 * 1024 * 1024)
        f.write(b"\0")
    with pytest.raises(PhotoFileError, match="huge.jpg is 200 MB; a photo can be at most 60 MB"):
        read_photo_file(huge, LIMITS)


def test_a_heic_file_without_heic_support_says_how_to_proceed(monkeypatch: pytest.MonkeyPatch) -> None:
    from consultapp.services import photo_images

    monkeypatch.setattr(photo_images, "heic_supported", lambda: False)
    heic_header = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 64
    with pytest.raises(PhotoFileError, match="HEIC photo.*Export it as JPEG"):
        prepare_photo(heic_header, LIMITS, "IMG_0001.HEIC")
