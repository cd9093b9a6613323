"""Turning a file a consultant was given into a photo fit to keep: checked, oriented, stripped, scaled.

What is kept is a new image made from the decoded pixels, never the file as received: EXIF (GPS, maker
notes, the device), XMP, comments and embedded thumbnails do not survive, because nothing of the file but
its pixels is copied. The EXIF orientation is applied to the pixels first, so the photo stands the right
way up without its tag. A photo larger than the practice's limit is scaled down; JPEG stays JPEG (quality
92), everything else is kept as PNG. HEIC (iPhone) files are read when the pillow-heif package is
installed (``pip install 'consultapp[heic]'``); otherwise they are refused with a message saying so.

Hostile or broken files are refused with one message before anything is stored: a file over the size
limit (checked before it is read), a file that is no image, a truncated image, and a file whose header
claims more pixels than any camera makes (checked before it is decoded: a decompression bomb).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from consultapp.domain.photos import PhotoLimits

ImageFile.LOAD_TRUNCATED_IMAGES = False
Image.MAX_IMAGE_PIXELS = PhotoLimits().max_pixels  # Pillow's own bomb check, at our limit

_HEIC_BRANDS = (b"ftypheic", b"ftypheix", b"ftyphevc", b"ftypmif1", b"ftypmsf1", b"ftypheim", b"ftypheis")


class PhotoFileError(ValueError):
    """A file that cannot become a photo; the message says why, in plain words."""


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready to store: the clean image, its thumbnail (JPEG) and what they are."""

    content: bytes
    mime: str
    width: int
    height: int
    thumbnail: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def read_photo_file(path: Path, limits: PhotoLimits) -> bytes:
    """The bytes of a photo file, refused (PhotoFileError) when too big to be a photo: the size is checked first."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PhotoFileError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
    if size > limits.max_file_bytes:
        raise PhotoFileError(
            f"{path.name} is {size / 1024 / 1024:.0f} MB; a photo can be at most "
            f"{limits.max_file_bytes // 1024 // 1024} MB."
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PhotoFileError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None


def heic_supported() -> bool:
    """Whether HEIC files can be read here (the optional pillow-heif package)."""
    try:
        import pillow_heif  # type: ignore[import-not-found,unused-ignore]  # lazy: optional; only for a HEIC file
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


def prepare_photo(data: bytes, limits: PhotoLimits, name: str = "the file") -> PreparedPhoto:
    """Check, orient, strip and scale an image file's bytes into a photo to keep; PhotoFileError on bad input."""
    if len(data) > limits.max_file_bytes:
        raise PhotoFileError(
            f"{name} is {len(data) / 1024 / 1024:.0f} MB; a photo can be at most "
            f"{limits.max_file_bytes // 1024 // 1024} MB."
        )
    if data[4:12] in _HEIC_BRANDS and not heic_supported():
        raise PhotoFileError(
            f"{name} is a HEIC photo, which this installation cannot read. Export it as JPEG on the phone "
            "(or install ConsultApp with HEIC support), then add it again."
        )
    image = _open(data, limits, name)
    try:
        upright = ImageOps.exif_transpose(image)
        pixels = _clean_pixels(upright if upright is not None else image)
    except (OSError, ValueError, SyntaxError) as exc:
        raise PhotoFileError(f"{name} is damaged or cut short and cannot be read ({exc}).") from None
    keep_jpeg = image.format in ("JPEG", "MPO", "HEIF") and pixels.mode in ("RGB", "L")
    scaled = _scaled(pixels, limits.long_side_px)
    content, mime = (_encode(scaled, "JPEG"), "image/jpeg") if keep_jpeg else (_encode(scaled, "PNG"), "image/png")
    return PreparedPhoto(content, mime, scaled.width, scaled.height, make_thumbnail(scaled, limits.thumbnail_px))


def make_thumbnail(image: Image.Image, size_px: int) -> bytes:
    """A small JPEG of the photo for lists and side-by-side views."""
    thumb = image.convert("RGB") if image.mode != "RGB" else image.copy()
    thumb.thumbnail((size_px, size_px), Image.Resampling.LANCZOS)
    return _encode(thumb, "JPEG", quality=85)


def _open(data: bytes, limits: PhotoLimits, name: str) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoFileError(f"{name} claims more pixels than any camera takes; it is refused.") from None
        except UnidentifiedImageError:
            raise PhotoFileError(f"{name} is not a photo ConsultApp can read (JPEG, PNG or HEIC).") from None
        except (OSError, ValueError, SyntaxError) as exc:
            raise PhotoFileError(f"{name} is damaged and cannot be read ({exc}).") from None
    width, height = image.size
    if width < 1 or height < 1 or width * height > limits.max_pixels:
        raise PhotoFileError(
            f"{name} claims {width:,} x {height:,} pixels, more than any camera takes; it is refused."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PhotoFileError(f"{name} is damaged or cut short and cannot be read ({exc}).") from None
    return image


def _clean_pixels(image: Image.Image) -> Image.Image:
    """A new image holding only the pixels: no EXIF, XMP, comments, ICC text or thumbnails come along."""
    if image.mode in ("P", "PA"):
        image = image.convert("RGBA" if "transparency" in image.info or image.mode == "PA" else "RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGB")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    clean.info = {}
    return clean


def _scaled(image: Image.Image, long_side: int) -> Image.Image:
    if max(image.size) <= long_side:
        return image
    scale = long_side / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _encode(image: Image.Image, fmt: str, quality: int = 92) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=quality, optimize=True)
    else:
        image.save(out, "PNG", optimize=False)
    return out.getvalue()


PRINT_LONG_SIDE = 1400
"""A photo printed about 8 cm wide needs about 1,000 px for 300 dpi; 1,400 leaves room for a taller one."""


def print_copy(content: bytes, long_side: int = PRINT_LONG_SIDE) -> tuple[bytes, int, int]:
    """A copy of a stored photo scaled for print (JPEG, or PNG when it has transparency): bytes, width, height."""
    with Image.open(io.BytesIO(content)) as image:
        image.load()
        if max(image.size) <= long_side:
            return content, image.width, image.height
        scaled = _scaled(image, long_side)
        fmt = "PNG" if scaled.mode in ("RGBA", "LA") else "JPEG"
        if fmt == "JPEG" and scaled.mode not in ("RGB", "L"):
            scaled = scaled.convert("RGB")
        return _encode(scaled, fmt, quality=88), scaled.width, scaled.height
