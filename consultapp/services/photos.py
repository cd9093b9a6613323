"""Photos of a visit, as the GUI and the command line add, list, export and delete them.

Adding is all or nothing: every file is read (size checked first) and prepared (checked, oriented,
stripped, scaled; ``photo_images``) before any is stored, so one bad file in a batch of twenty stores none
and its message names it. Consent is checked by the store, in the transaction that would keep them.
"""

from __future__ import annotations

import dataclasses
import io
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from consultapp.domain.photos import (
    Photo,
    PhotoKind,
    PhotoLimits,
    PhotoSubject,
    PrintedPhoto,
    check_caption,
    default_kind,
)
from consultapp.domain.records import Client
from consultapp.domain.vocabulary import Side
from consultapp.services.photo_images import PhotoFileError, prepare_photo, print_copy, read_photo_file
from consultapp.store.facade import Store
from consultapp.store.photos import NewPhoto, NoPhotoConsent

__all__ = [
    "NoPhotoConsent",
    "PhotoFileError",
    "PhotoSource",
    "add_photos",
    "letter_photos",
    "limits_of",
    "subject_named",
]


@dataclass(frozen=True)
class PhotoSource:
    """One photo to add: its bytes (from a file, a drop or the clipboard) and a name to speak of it by."""

    data: bytes
    name: str

    @classmethod
    def from_file(cls, path: Path, limits: PhotoLimits) -> PhotoSource:
        return cls(read_photo_file(path, limits), path.name)


def limits_of(store: Store) -> PhotoLimits:
    """The practice's photo limits (the longest side it keeps, from its settings)."""
    return PhotoLimits(long_side_px=store.get_practice().settings.photo_long_side_px)


def add_photos(
    store: Store,
    visit_id: uuid.UUID,
    sources: Sequence[PhotoSource],
    *,
    subject: PhotoSubject,
    caption: str = "",
    kind: PhotoKind | None = None,
    limits: PhotoLimits | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Photo]:
    """Prepare every source, then keep them all on the visit (or none: PhotoFileError, NoPhotoConsent, ValueError)."""
    caption = check_caption(caption)
    limits = limits or limits_of(store)
    prepared = []
    for n, source in enumerate(sources):
        photo = prepare_photo(source.data, limits, source.name)
        prepared.append(NewPhoto(subject=subject, kind=kind or default_kind(subject), caption=caption,
                                 content=photo.content, mime=photo.mime, width=photo.width, height=photo.height,
                                 thumbnail=photo.thumbnail))
        if progress is not None:
            progress(n + 1, len(sources))
    return store.add_photos(visit_id, prepared)


def print_ready(photos: Sequence[PrintedPhoto]) -> tuple[PrintedPhoto, ...]:
    """The photos scaled for print (a letter or plan stays a few hundred KB a photo, not megabytes)."""
    ready = []
    for photo in photos:
        content, width, height = print_copy(photo.content)
        ready.append(dataclasses.replace(photo, content=content, width=width, height=height))
    return tuple(ready)


def letter_photos(store: Store, photo_ids: Sequence[uuid.UUID]) -> tuple[PrintedPhoto, ...]:
    """The photos chosen for a letter, in the order chosen, ready to print."""
    return print_ready(store.printed_photos(photo_ids))


def subject_named(client: Client, *, baby: str | None = None, side: str | None = None) -> PhotoSubject:
    """Whose photo, from the command line's ``--baby NAME`` or ``--side left|right`` (ValueError when unclear)."""
    if baby and side:
        raise ValueError("Give --baby or --side, not both: a photo shows a baby or one side of the parent.")
    if side:
        try:
            chosen = Side(side.strip().lower())
        except ValueError:
            raise ValueError(f"--side must be left or right, not '{side}'.") from None
        if chosen is Side.BOTH:
            raise ValueError("--side must be left or right (leave it out for a photo of the parent as a whole).")
        return PhotoSubject(side=chosen)
    if baby:
        wanted = baby.strip().casefold()
        matches = [b for b in client.babies if b.name.strip().casefold() == wanted and b.id is not None]
        if len(matches) != 1:
            names = ", ".join(b.name for b in client.babies) or "none"
            raise ValueError(f"No baby named '{baby}' in this family (babies: {names}).")
        return PhotoSubject(baby_id=matches[0].id)
    return PhotoSubject()


def demo_photos(store: Store, clients: Sequence[Client], visits: dict[uuid.UUID, uuid.UUID]) -> int:
    """Give the first demo family with photo consent two synthetic pictures on its latest visit (``visits``: the
    latest visit of each client), so the photos can be tried at once. Returns how many were added."""
    from PIL import Image, ImageDraw  # lazy: only the demo command draws pictures

    for client in clients:
        babies = [b for b in client.babies if b.id is not None]
        if client.consents.photos is None or not babies or client.id not in visits:
            continue
        added = 0
        for subject, kind, caption, colour in (
                (PhotoSubject(baby_id=babies[0].id), PhotoKind.TONGUE, "Tongue lifted (synthetic demo picture)",
                 (236, 176, 170)),
                (PhotoSubject(side=Side.LEFT), PhotoKind.NIPPLE, "Left nipple after the feed (synthetic demo picture)",
                 (222, 190, 160))):
            image = Image.new("RGB", (960, 720), (246, 240, 232))
            draw = ImageDraw.Draw(image)
            draw.ellipse((260, 180, 700, 560), fill=colour, outline=(150, 90, 80), width=6)
            draw.text((30, 30), "Synthetic demo picture - not a real photo", fill=(60, 60, 60))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85)
            added += len(add_photos(store, visits[client.id], [PhotoSource(out.getvalue(), "demo.jpg")],
                                    subject=subject, caption=caption, kind=kind))
        return added
    return 0
