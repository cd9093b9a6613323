"""The letter to the family's doctor about a visit: whom it goes to, what it says, its PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import TYPE_CHECKING

from consultapp.domain.letters import PhysicianLetter, build_physician_letter
from consultapp.domain.photos import PrintedPhoto
from consultapp.domain.records import CareContact, Client, ContactRole, VisitRecords
from consultapp.services.documents import A4_SIZE, PageSize
from consultapp.services.visits import care_plan, load_visit

if TYPE_CHECKING:  # (the services load without the store; the caller hands one in)
    from consultapp.store.facade import Store


def default_recipient(client: Client) -> CareContact | None:
    """Whom a letter about a visit goes to: a baby's paediatrician, else the parent's physician, else anyone."""
    for wanted in (ContactRole.PAEDIATRICIAN, ContactRole.PHYSICIAN, ContactRole.OBSTETRICIAN):
        for contact in client.contacts:
            if contact.role is wanted:
                return contact
    return client.contacts[0] if client.contacts else None


def physician_letter(
    records: VisitRecords,
    *,
    recipient: CareContact | None,
    today: dt.date,
    reason: str = "",
    practice_fax: str = "",
    photos: tuple[PrintedPhoto, ...] = (),
) -> PhysicianLetter:
    """Decide the letter about a loaded visit (its care plan gives the flags and the plan); ``photos`` (ready to
    print: ``services.photos.letter_photos``) follow it."""
    letter = build_physician_letter(
        records.practice, records.client, records.visit, care_plan(records), recipient=recipient, date=today,
        reason=reason, practice_fax=practice_fax, earlier_weighings=records.earlier_weighings,
    )
    return dataclasses.replace(letter, photos=photos) if photos else letter


def physician_letter_for_visit(
    store: Store,
    visit_id: uuid.UUID,
    *,
    recipient: CareContact | None,
    today: dt.date,
    reason: str = "",
    practice_fax: str = "",
    photos: tuple[PrintedPhoto, ...] = (),
) -> PhysicianLetter:
    """Decide the letter about a visit (its care plan gives the flags and the plan)."""
    return physician_letter(load_visit(store, visit_id), recipient=recipient, today=today, reason=reason,
                            practice_fax=practice_fax, photos=photos)


def render_letter(
    letter: PhysicianLetter,
    *,
    fax_cover: bool = False,
    invariant: bool = False,
    pagesize: PageSize = A4_SIZE,
    logo: bytes | None = None,
) -> bytes:
    """The letter's PDF, after a fax cover sheet when ``fax_cover``."""
    # lazy: ReportLab loads only when a document is made (it would add ~100 ms to every start)
    from consultapp.documents.letter import render_bytes

    return render_bytes(letter, invariant=invariant, pagesize=pagesize, fax_cover=fax_cover, logo=logo)
