"""Photos on a visit: what each one shows, of whom, with what caption, and the limits a stored photo keeps.

A photo belongs to one visit and shows either the parent (one breast or nipple side) or one baby (mouth,
tongue, lip, latch, skin, stool or diaper). It is kept only with the client's photo consent on file. The
image itself is prepared (metadata stripped, orientation applied, scaled to the practice's limit) by
``consultapp.services.photos``; this module holds the record and the rules, without any image library.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from dataclasses import dataclass
from enum import StrEnum

from consultapp.domain.vocabulary import Side


class PhotoKind(StrEnum):
    """What a photo shows (the parent's: breast, nipple; a baby's: the rest)."""

    BREAST = "breast"
    NIPPLE = "nipple"
    MOUTH = "mouth"
    TONGUE = "tongue"
    LIP = "lip"
    LATCH = "latch"
    SKIN = "skin"
    STOOL = "stool"
    DIAPER = "diaper"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def for_parent(self) -> bool:
        return self in (PhotoKind.BREAST, PhotoKind.NIPPLE)


_KIND_LABELS = {
    PhotoKind.BREAST: "Breast",
    PhotoKind.NIPPLE: "Nipple",
    PhotoKind.MOUTH: "Mouth",
    PhotoKind.TONGUE: "Tongue",
    PhotoKind.LIP: "Lip",
    PhotoKind.LATCH: "Latch",
    PhotoKind.SKIN: "Skin",
    PhotoKind.STOOL: "Stool",
    PhotoKind.DIAPER: "Diaper",
    PhotoKind.OTHER: "Other",
}

MAX_CAPTION = 500
"""A caption is a line or two beside the picture, not a note."""


@dataclass(frozen=True)
class PhotoLimits:
    """What a stored photo may be. ``long_side_px`` is the practice's setting; larger photos are scaled down.

    ``max_file_bytes`` refuses a file before it is read whole; ``max_pixels`` refuses a file whose header
    claims more pixels than any camera makes (a decompression bomb) before it is decoded.
    """

    long_side_px: int = 4000
    max_file_bytes: int = 60 * 1024 * 1024
    max_pixels: int = 120_000_000
    thumbnail_px: int = 240

    def __post_init__(self) -> None:
        if not 640 <= self.long_side_px <= 12000:
            raise ValueError(f"the longest side of a photo must be between 640 and 12000 px, not {self.long_side_px}")


LONG_SIDE_CHOICES = (1600, 2400, 3200, 4000, 6000)
"""The sizes the settings page offers for the longest side of a stored photo."""


@dataclass(frozen=True)
class PhotoSubject:
    """Whose photo: one baby (by id), or the parent with an optional side."""

    baby_id: uuid.UUID | None = None
    side: Side | None = None

    def __post_init__(self) -> None:
        if self.baby_id is not None and self.side is not None:
            raise ValueError("a photo shows either a baby or one side of the parent, not both")


@dataclass(frozen=True)
class Photo:
    """A stored photo's record (the image bytes stay in the store until asked for)."""

    id: uuid.UUID
    client_id: uuid.UUID
    visit_id: uuid.UUID
    kind: PhotoKind
    subject: PhotoSubject
    caption: str
    width: int
    height: int
    size: int
    mime: str
    sha256: str
    added_at: dt.datetime
    added_by: str = ""
    on_plan: bool = False
    visit_date: dt.date | None = None

    def describe(self, baby_names: dict[uuid.UUID, str]) -> str:
        """"Bao - tongue", "Parent, left - nipple": whose and what, as printed beside the picture."""
        if self.subject.baby_id is not None:
            who = baby_names.get(self.subject.baby_id, "Baby")
        elif self.subject.side is not None:
            who = f"Parent, {self.subject.side.value}"
        else:
            who = "Parent"
        return f"{who} - {self.kind.label.lower()}"


def check_caption(caption: str) -> str:
    """The caption as it will be kept (ends trimmed), or ValueError saying what is wrong with it."""
    text = caption.strip()
    if len(text) > MAX_CAPTION:
        raise ValueError(f"A caption can be at most {MAX_CAPTION} characters (this one has {len(text)}).")
    for ch in text:
        if unicodedata.category(ch) == "Cc" and ch not in "\n\t":
            raise ValueError(f"The caption holds a control character (U+{ord(ch):04X}); remove it.")
        if unicodedata.category(ch) == "Cs":
            raise ValueError("The caption holds a broken character (a lone surrogate); retype it.")
    return text


def default_kind(subject: PhotoSubject) -> PhotoKind:
    """The likeliest kind for a subject: a baby's latch, the parent's breast."""
    return PhotoKind.LATCH if subject.baby_id is not None else PhotoKind.BREAST


def consent_problem(consent_photos: dt.date | None, on: dt.date) -> str | None:
    """Why a photo may not be added on ``on`` with this consent date, or None when it may."""
    if consent_photos is None:
        return ("No photo consent is on file for this client. Record the date it was given in the client "
                "record (Edit client, \"Consent to photos given on\"), then add the photo.")
    if consent_photos > on:
        return (f"Photo consent is dated {consent_photos.isoformat()}, after this visit "
                f"({on.isoformat()}). Correct the consent date in the client record first.")
    return None


@dataclass(frozen=True)
class PrintedPhoto:
    """A photo as a document prints it: the stored image and the line beneath it (whose, what, when, caption)."""

    content: bytes
    width: int
    height: int
    label: str
    taken_on: dt.date | None
    caption: str = ""


def printed(photo: Photo, content: bytes, baby_names: dict[uuid.UUID, str]) -> PrintedPhoto:
    """A stored photo with its bytes, ready for a letter or a care plan."""
    return PrintedPhoto(content, photo.width, photo.height, photo.describe(baby_names), photo.visit_date,
                        photo.caption)
