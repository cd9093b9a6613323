"""Photos of a visit: kept inside the database (so encrypted with it), each add, use in a letter and delete audited.

The store keeps what it is given: the image prepared by ``services.photos`` (stripped, oriented, scaled)
and its thumbnail. It refuses a photo for a client without photo consent on file, in the same transaction
that would store it, so no path (GUI, command line, import) can keep one without consent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, delete, func, select
from sqlalchemy.orm import Session

from consultapp.domain.photos import (
    Photo,
    PhotoKind,
    PhotoSubject,
    PrintedPhoto,
    check_caption,
    consent_problem,
    printed,
)
from consultapp.store import audit
from consultapp.store.db import Database
from consultapp.store.errors import KnownError, NotFoundError, classify
from consultapp.store.models import BabyRow, ClientRow, PhotoRow, VisitRow

log = logging.getLogger(__name__)

_LISTED = (
    PhotoRow.id, PhotoRow.client_id, PhotoRow.visit_id, PhotoRow.baby_id, PhotoRow.side, PhotoRow.kind,
    PhotoRow.caption, PhotoRow.width, PhotoRow.height, PhotoRow.mime, PhotoRow.sha256, PhotoRow.created_at,
    PhotoRow.created_by, PhotoRow.on_plan, func.length(PhotoRow.content), VisitRow.visit_date,
)


class NoPhotoConsent(KnownError):
    """The client has no photo consent on file (or it is dated after the visit)."""

    code = "no_photo_consent"


@dataclass(frozen=True)
class NewPhoto:
    """A prepared photo to keep (``services.photo_images.PreparedPhoto`` fields, plus whose and what)."""

    subject: PhotoSubject
    kind: PhotoKind
    caption: str
    content: bytes
    mime: str
    width: int
    height: int
    thumbnail: bytes


class Photos:
    """The part of ``Store`` about photos (a mixin: ``Store`` gives it ``db``)."""

    db: Database

    def add_photos(self, visit_id: uuid.UUID, photos: Iterable[NewPhoto]) -> list[Photo]:
        """Keep photos on a visit, all or none; refused (NoPhotoConsent) without consent for the visit's date."""
        try:
            with self.db.session() as s:
                visit = s.get(VisitRow, visit_id)
                if visit is None:
                    raise NotFoundError(f"No visit with id {visit_id}.")
                client = s.get(ClientRow, visit.client_id)
                assert client is not None  # a visit's client is a foreign key
                problem = consent_problem(client.consent_photos, visit.visit_date)
                if problem:
                    raise NoPhotoConsent(problem)
                babies = set(s.scalars(select(BabyRow.id).where(BabyRow.client_id == client.id)))
                start = s.scalar(select(func.max(PhotoRow.ordinal)).where(PhotoRow.visit_id == visit_id))
                rows = [_row(client.id, visit_id, new, babies, (start or 0) + n + 1) for n, new in enumerate(photos)]
                for row in rows:
                    s.add(row)
                s.flush()
                for row in rows:
                    audit.record(s, "photo-add", "photo", row.id, client_id=client.id,
                                 detail={"visit": str(visit_id), "bytes": len(row.content)})
                log.info("%d photo(s) added to visit %s", len(rows), visit_id)
                return [_photo_of(row, len(row.content), visit.visit_date) for row in rows]
        except Exception as exc:
            raise classify(exc) or exc from exc

    def photos_for_visit(self, visit_id: uuid.UUID) -> list[Photo]:
        """A visit's photos in the order they were added (records only; the images stay in the store)."""
        stmt = (select(*_LISTED).join(VisitRow, VisitRow.id == PhotoRow.visit_id)
                .where(PhotoRow.visit_id == visit_id).order_by(PhotoRow.ordinal))
        with self.db.session() as s:
            return [_listed(r) for r in s.execute(stmt)]

    def photo_count(self, client_id: uuid.UUID) -> int:
        """How many photos ``photos_for_client`` lists."""
        with self.db.session() as s:
            return photo_count_in(s, client_id)

    def photos_for_client(self, client_id: uuid.UUID) -> list[Photo]:
        """Every photo of a family, oldest visit first (for the history and side-by-side comparison)."""
        stmt = (select(*_LISTED).join(VisitRow, VisitRow.id == PhotoRow.visit_id)
                .where(PhotoRow.client_id == client_id).order_by(VisitRow.visit_date, PhotoRow.ordinal))
        with self.db.session() as s:
            return [_listed(r) for r in s.execute(stmt)]

    def photo_thumbnails(self, photo_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, bytes]:
        """The thumbnails of these photos, by id (one query)."""
        ids = list(photo_ids)
        if not ids:
            return {}
        with self.db.session() as s:
            return {pid: bytes(thumb) for pid, thumb in s.execute(
                select(PhotoRow.id, PhotoRow.thumbnail).where(PhotoRow.id.in_(ids)))}

    def photo_content(self, photo_id: uuid.UUID) -> bytes:
        """The stored (stripped) image; refuses bytes that no longer match their hash."""
        with self.db.session() as s:
            row = _get(s, photo_id)
            content = bytes(row.content)
            if hashlib.sha256(content).hexdigest() != row.sha256:
                raise KnownError("This photo has been altered since it was stored.")
            return content

    def update_photo(self, photo_id: uuid.UUID, *, caption: str | None = None, kind: PhotoKind | None = None,
                     on_plan: bool | None = None) -> Photo:
        """Change a photo's caption, kind, or whether it prints on the family's care plan."""
        try:
            with self.db.session() as s:
                row = _get(s, photo_id)
                if caption is not None:
                    row.caption = _caption(caption)
                if kind is not None:
                    row.kind = kind
                if on_plan is not None:
                    row.on_plan = on_plan
                s.flush()
                audit.record(s, "photo-edit", "photo", row.id, client_id=row.client_id)
                visit_date = s.scalar(select(VisitRow.visit_date).where(VisitRow.id == row.visit_id))
                return _photo_of(row, len(row.content), visit_date)
        except Exception as exc:
            raise classify(exc) or exc from exc

    def delete_photo(self, photo_id: uuid.UUID) -> None:
        """Remove a photo for good (its audit entry keeps only the record id)."""
        with self.db.session() as s:
            row = _get(s, photo_id)
            audit.record(s, "photo-delete", "photo", row.id, client_id=row.client_id)
            s.delete(row)

    def erase_client_photos(self, client_id: uuid.UUID, *, reason: str = "consent withdrawn") -> int:
        """Remove every photo of a family (photo consent withdrawn); one audit entry says how many and why."""
        with self.db.session() as s:
            ids = list(s.scalars(select(PhotoRow.id).where(PhotoRow.client_id == client_id)))
            if ids:
                s.execute(delete(PhotoRow).where(PhotoRow.client_id == client_id))
            audit.record(s, "photo-erase", "client", client_id, client_id=client_id,
                         detail={"photos": len(ids), "reason": reason[:60]})
            return len(ids)

    def printed_photos(self, photo_ids: Iterable[uuid.UUID]) -> list[PrintedPhoto]:
        """These photos with their images, as a letter prints them (in the order given)."""
        ids = list(photo_ids)
        if not ids:
            return []
        stmt = (select(*_LISTED, PhotoRow.content).join(VisitRow, VisitRow.id == PhotoRow.visit_id)
                .where(PhotoRow.id.in_(ids)))
        with self.db.session() as s:
            rows = {r[0]: r for r in s.execute(stmt)}
            names: dict[uuid.UUID, str] = {bid: name for bid, name in s.execute(select(BabyRow.id, BabyRow.name).where(
                BabyRow.client_id.in_({r[1] for r in rows.values()})))}
        missing = [i for i in ids if i not in rows]
        if missing:
            raise NotFoundError(f"No photo with id {missing[0]}.")
        return [printed(_listed(rows[i][:-1]), bytes(rows[i][-1]), names) for i in ids]

    def record_photos_in_letter(self, photo_ids: Iterable[uuid.UUID], document_id: uuid.UUID) -> None:
        """Audit that these photos were put in an issued letter (by record ids only)."""
        ids = list(photo_ids)
        if not ids:
            return
        with self.db.session() as s:
            for pid in ids:
                row = _get(s, pid)
                audit.record(s, "photo-letter", "photo", pid, client_id=row.client_id,
                             detail={"document": str(document_id)})


def plan_photos_in(
    s: Session | Connection, visit_id: uuid.UUID, baby_names: dict[uuid.UUID, str]
) -> tuple[PrintedPhoto, ...]:
    """The visit's photos ticked for the family's care plan, with their images (in ``s``, for ``visit_records``)."""
    stmt = (select(*_LISTED, PhotoRow.content).join(VisitRow, VisitRow.id == PhotoRow.visit_id)
            .where(PhotoRow.visit_id == visit_id, PhotoRow.on_plan.is_(True)).order_by(PhotoRow.ordinal))
    return tuple(printed(_listed(r[:-1]), bytes(r[-1]), baby_names) for r in s.execute(stmt))


def _caption(caption: str) -> str:
    try:
        return check_caption(caption)
    except ValueError as exc:
        raise KnownError(str(exc)) from None


def _row(client_id: uuid.UUID, visit_id: uuid.UUID, new: NewPhoto, babies: set[uuid.UUID], ordinal: int) -> PhotoRow:
    baby_id = new.subject.baby_id
    if baby_id is not None and baby_id not in babies:
        raise KnownError("That baby is not one of this client's babies.")
    return PhotoRow(
        id=uuid.uuid4(), client_id=client_id, visit_id=visit_id, baby_id=baby_id, side=new.subject.side,
        kind=new.kind, caption=_caption(new.caption), ordinal=ordinal, mime=new.mime, width=new.width,
        height=new.height, sha256=hashlib.sha256(new.content).hexdigest(), content=new.content,
        thumbnail=new.thumbnail, on_plan=False,
    )


def _get(s: Session, photo_id: uuid.UUID) -> PhotoRow:
    row = s.get(PhotoRow, photo_id)
    if row is None:
        raise NotFoundError(f"No photo with id {photo_id}.")
    return row


def _photo_of(row: PhotoRow, size: int, visit_date: dt.date | None) -> Photo:
    return Photo(
        id=row.id, client_id=row.client_id, visit_id=row.visit_id, kind=row.kind,
        subject=PhotoSubject(baby_id=row.baby_id, side=row.side), caption=row.caption, width=row.width,
        height=row.height, size=size, mime=row.mime, sha256=row.sha256, added_at=row.created_at,
        added_by=row.created_by, on_plan=row.on_plan, visit_date=visit_date,
    )


def _listed(r: Row[Any] | tuple[Any, ...]) -> Photo:
    (pid, client_id, visit_id, baby_id, side, kind, caption, width, height, mime, sha, at, by, on_plan, size,
     visit_date) = tuple(r)
    return Photo(
        id=pid, client_id=client_id, visit_id=visit_id, kind=kind, subject=PhotoSubject(baby_id=baby_id, side=side),
        caption=caption, width=width, height=height, size=size or 0, mime=mime, sha256=sha, added_at=at,
        added_by=by, on_plan=on_plan, visit_date=visit_date,
    )


def photo_count_in(s: Session, client_id: uuid.UUID) -> int:
    """How many photos of a family ``photos_for_client`` lists (those of her visits), read in the session ``s``."""
    stmt = (select(func.count()).select_from(PhotoRow).join(VisitRow, VisitRow.id == PhotoRow.visit_id)
            .where(PhotoRow.client_id == client_id))
    return int(s.scalar(stmt) or 0)
