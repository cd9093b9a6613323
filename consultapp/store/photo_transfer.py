"""A client's photos in her export (``photos/`` beside the JSON) and back in on import, checked like the rest.

Each photo is written as stored (already stripped of metadata) with its thumbnail, 0600, named by id only.
On import every entry is checked before anything is kept: the shape, the kind and side, that its visit and
baby are the export's, the caption (as the form checks it), that the file lies inside the export folder,
matches its hash and is the image it says it is, and that the client has photo consent on file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from consultapp.domain.photos import PhotoKind, check_caption, consent_problem
from consultapp.domain.records import Client, Visit
from consultapp.domain.serialize import FormatError
from consultapp.domain.vocabulary import Side
from consultapp.runtime.files import private_dir, write_private
from consultapp.store.models import PhotoRow
from consultapp.store.photos import Photos

SIGNATURES = {"image/jpeg": b"\xff\xd8\xff", "image/png": b"\x89PNG\r\n\x1a\n"}
_SUFFIX = {"image/jpeg": "jpg", "image/png": "png"}


@dataclass(frozen=True)
class PhotoEntry:
    """One checked photo of an export, ready to keep."""

    row: dict[str, Any]
    content: bytes
    thumbnail: bytes


def export_photos(store: Photos, client_id: uuid.UUID, out_dir: Path) -> list[dict[str, Any]]:
    """Write the client's photos under ``out_dir/photos`` and return their entries for the export's JSON."""
    photos = store.photos_for_client(client_id)
    if not photos:
        return []
    private_dir(out_dir / "photos")
    thumbs = store.photo_thumbnails([p.id for p in photos])
    entries = []
    for p in photos:
        rel = f"photos/{p.id}.{_SUFFIX.get(p.mime, 'img')}"
        thumb_rel = f"photos/{p.id}-thumb.jpg"
        write_private(out_dir / rel, store.photo_content(p.id))
        write_private(out_dir / thumb_rel, thumbs.get(p.id, b""))
        entries.append({
            "id": str(p.id), "visit_id": str(p.visit_id),
            "baby_id": str(p.subject.baby_id) if p.subject.baby_id else None,
            "side": p.subject.side.value if p.subject.side else None, "kind": p.kind.value, "caption": p.caption,
            "mime": p.mime, "width": p.width, "height": p.height, "sha256": p.sha256, "on_plan": p.on_plan,
            "added_at": p.added_at.isoformat(), "added_by": p.added_by, "file": rel, "thumbnail": thumb_rel,
        })
    return entries


def read_photos(json_path: Path, payload: dict[str, Any], client: Client, visits: list[Visit]) -> list[PhotoEntry]:
    """The export's photos, each checked (FormatError saying which and why)."""
    raw = payload.get("photos", [])
    if not isinstance(raw, list):
        raise FormatError("photos: expected a list")
    if raw:
        problem = consent_problem(client.consents.photos, max(v.visit_date for v in visits) if visits else dt.date.max)
        if client.consents.photos is None and problem:
            raise FormatError("photos: the export holds photos but the client has no photo consent on file")
    visit_dates = {v.id: v.visit_date for v in visits}
    babies = {b.id for b in client.babies}
    entries, seen = [], set()
    for i, entry in enumerate(raw):
        checked = _entry(json_path.parent, entry, f"photos[{i}]", visit_dates, babies)
        if checked.row["id"] in seen:
            raise FormatError(f"photos[{i}]: two photos share an id")
        seen.add(checked.row["id"])
        entries.append(checked)
    return entries


def payload_of(json_path: Path) -> dict[str, Any]:
    """The export's JSON object again (``transfer.read_export`` has checked it whole already)."""
    data = json.loads(json_path.read_bytes())
    return data if isinstance(data, dict) else {}


def photos_already_kept(s: Session, entries: list[PhotoEntry]) -> bool:
    ids = [entry.row["id"] for entry in entries]
    return bool(ids) and s.scalar(select(PhotoRow.id).where(PhotoRow.id.in_(ids)).limit(1)) is not None


def add_photo_rows(s: Session, client_id: uuid.UUID, entries: list[PhotoEntry]) -> None:
    for ordinal, entry in enumerate(entries, start=1):
        s.add(PhotoRow(client_id=client_id, ordinal=ordinal, content=entry.content, thumbnail=entry.thumbnail,
                       **entry.row))


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str):
        raise FormatError(f"{where}.{key}: expected text")
    return value


def _file(folder: Path, rel: str, where: str) -> bytes:
    path = (folder / rel).resolve()
    if folder.resolve() not in path.parents:
        raise FormatError(f"{where}: points outside the export folder")
    if not path.is_file():
        raise FormatError(f"{where}: {rel} is missing")
    return path.read_bytes()


def _entry(folder: Path, entry: Any, where: str, visit_dates: dict[uuid.UUID | None, dt.date],
           babies: set[uuid.UUID | None]) -> PhotoEntry:
    if not isinstance(entry, dict):
        raise FormatError(f"{where}: expected an object")
    try:
        photo_id, visit_id = uuid.UUID(_text(entry, "id", where)), uuid.UUID(_text(entry, "visit_id", where))
        baby_id = uuid.UUID(entry["baby_id"]) if entry.get("baby_id") is not None else None
        kind = PhotoKind(_text(entry, "kind", where))
        side = Side(entry["side"]) if entry.get("side") is not None else None
        added_at = dt.datetime.fromisoformat(_text(entry, "added_at", where))
        caption = check_caption(_text(entry, "caption", where))
    except (ValueError, TypeError, AttributeError) as exc:
        raise FormatError(f"{where}: {exc}") from None
    if visit_id not in visit_dates:
        raise FormatError(f"{where}.visit_id: not one of the exported visits")
    if baby_id is not None and baby_id not in babies:
        raise FormatError(f"{where}.baby_id: not one of the client's babies")
    mime = _text(entry, "mime", where)
    if mime not in SIGNATURES:
        raise FormatError(f"{where}.mime: must be image/jpeg or image/png")
    width, height = entry.get("width"), entry.get("height")
    if not all(isinstance(n, int) and not isinstance(n, bool) and 0 < n <= 20000 for n in (width, height)):
        raise FormatError(f"{where}: width and height must be whole numbers of pixels")
    content = _file(folder, _text(entry, "file", where), f"{where}.file")
    if hashlib.sha256(content).hexdigest() != entry.get("sha256"):
        raise FormatError(f"{where}: {entry['file']} does not match its hash")
    if not content.startswith(SIGNATURES[mime]):
        raise FormatError(f"{where}: {entry['file']} is not the image its entry says")
    thumbnail = _file(folder, _text(entry, "thumbnail", where), f"{where}.thumbnail")
    if thumbnail and not thumbnail.startswith(SIGNATURES["image/jpeg"]):
        raise FormatError(f"{where}.thumbnail: not a JPEG")
    row = {"id": photo_id, "visit_id": visit_id, "baby_id": baby_id, "side": side, "kind": kind, "caption": caption,
           "mime": mime, "width": width, "height": height, "sha256": entry["sha256"],
           "on_plan": bool(entry.get("on_plan", False)), "created_at": added_at,
           "created_by": str(entry.get("added_by", ""))[:200]}
    return PhotoEntry(row, content, thumbnail)
