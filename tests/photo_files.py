"""Image files for the photo tests, made here (synthetic): a phone photo with GPS and maker tags, hostile files."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE, MODEL = 0x010F, 0x0110
MAKER_NOTE = 0x927C
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description exif:GPSLatitude="51,30N"/></x:xmpmeta>'


def phone_jpeg(
    width: int = 640, height: int = 480, *, orientation: int = 6, colour: tuple[int, int, int] = (200, 90, 60)
) -> bytes:
    """A JPEG as a phone writes it: GPS position, maker, model, a maker note, XMP; rotated by its EXIF tag."""
    image = Image.new("RGB", (width, height), colour)
    image.paste((10, 10, 200), (0, 0, width // 4, height // 4))  # a blue corner, to see the rotation
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "SecretPhoneMaker"
    exif[MODEL] = "Model-X-42"
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}
    exif.get_ifd(0x8769)[MAKER_NOTE] = b"MAKERNOTE-SERIAL-123456"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), xmp=XMP, quality=90)
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Taken at 12 Mill Lane")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 128, 0, 200)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    data = phone_jpeg(800, 600, orientation=1)
    return data[: len(data) // 2]


def bomb_png(width: int = 50_000, height: int = 50_000) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels (its data is a few bytes)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body
