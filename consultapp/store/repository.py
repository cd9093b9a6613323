"""Queries and saves, in and out of domain records; one short session per call."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from consultapp.domain.instruments import BtatScore, LatchScore
from consultapp.domain.records import (
    Baby,
    BabyAssessment,
    BreastFinding,
    Client,
    ClientSummary,
    Practice,
    Visit,
    VisitSummary,
)
from consultapp.domain.text import digits, fold
from consultapp.domain.vocabulary import BreastConcern, Location, Position, Side, Sign
from consultapp.store.db import Database
from consultapp.store.errors import ConflictError, NotFoundError, classify
from consultapp.store.models import BabyAssessmentRow, BabyRow, ClientRow, PracticeRow, VisitRow
from consultapp.store.types import utcnow

_CONFLICT = (
    "This record was changed by someone else since you opened it. "
    "Your changes are still in the form: reopen the record to see theirs, then save again."
)


def _search_text(row: ClientRow, baby_names: Sequence[str]) -> str:
    parts = [row.given_name, row.family_name, *baby_names]
    text = " ".join(fold(p) for p in parts if p)
    # A second copy without apostrophes and hyphens, so "obrien" finds "O'Brien".
    squeezed = re.sub(r"['\u2019\-]", "", text)
    phone = digits(row.phone)
    return " ".join(p for p in (text, squeezed if squeezed != text else "", phone) if p)


def clean(text: str, *, multiline: bool = False) -> str:
    """Trim, and drop control characters (NUL cannot even be stored by PostgreSQL)."""
    keep = "\n" if multiline else ""
    return "".join(ch for ch in text if ch in keep or unicodedata.category(ch) != "Cc").strip()


class Repository:
    """Everything the app reads and writes, in domain terms."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _guard(self, exc: Exception) -> Exception:
        if isinstance(exc, StaleDataError):
            return ConflictError(_CONFLICT)
        return classify(exc) or exc

    # -- practice ---------------------------------------------------------------------------------
    def get_practice(self) -> Practice:
        with self.db.session() as s:
            row = s.scalars(select(PracticeRow).order_by(PracticeRow.created_at).limit(1)).first()
            if row is None:
                return Practice()
            return Practice(
                name=row.name,
                consultant_name=row.consultant_name,
                credentials=row.credentials,
                address=row.address,
                phone=row.phone,
                email=row.email,
                id=row.id,
                version=row.version,
            )

    def save_practice(self, practice: Practice) -> Practice:
        try:
            with self.db.session() as s:
                row = s.get(PracticeRow, practice.id) if practice.id else None
                if row is None:
                    row = s.scalars(select(PracticeRow).limit(1)).first() or PracticeRow()
                    s.add(row)
                elif row.version != practice.version:
                    raise ConflictError(_CONFLICT)
                for name in ("name", "consultant_name", "credentials", "address", "phone", "email"):
                    setattr(row, name, clean(getattr(practice, name), multiline=name == "address"))
                s.flush()
                practice.id, practice.version = row.id, row.version
        except Exception as exc:
            raise self._guard(exc) from exc
        return practice

    # -- clients ----------------------------------------------------------------------------------
    def save_client(self, client: Client) -> Client:
        """Insert or update a client and her babies; updates ``client`` with ids and versions."""
        try:
            with self.db.session() as s:
                row = (
                    s.get(ClientRow, client.id, options=[selectinload(ClientRow.babies)]) if client.id else None
                )
                if row is None:
                    if client.version:
                        raise NotFoundError("This client no longer exists.")
                    row = ClientRow(id=client.id or uuid.uuid4())
                    s.add(row)
                elif row.version != client.version:
                    raise ConflictError(_CONFLICT)
                row.updated_at = utcnow()  # always UPDATE, so the version moves with child edits
                row.given_name = clean(client.given_name)
                row.family_name = clean(client.family_name)
                row.date_of_birth = client.date_of_birth
                row.phone = clean(client.phone)
                row.address = clean(client.address, multiline=True)
                row.sort_name = fold(f"{row.family_name} {row.given_name}")
                existing = {b.id: b for b in row.babies}
                keep: list[BabyRow] = []
                for order, baby in enumerate(client.babies, start=1):
                    brow = existing.get(baby.id) if baby.id else None
                    if brow is None:
                        brow = BabyRow(id=baby.id or uuid.uuid4())
                    brow.name = clean(baby.name)
                    brow.date_of_birth = baby.date_of_birth
                    brow.birth_weight_g = baby.birth_weight_g
                    brow.birth_order = order
                    keep.append(brow)
                row.babies = keep
                row.search_text = _search_text(row, [b.name for b in keep])
                s.flush()
                client.id, client.version = row.id, row.version
                for baby, brow in zip(client.babies, keep, strict=True):
                    baby.id, baby.version = brow.id, brow.version
        except Exception as exc:
            raise self._guard(exc) from exc
        return client

    def get_client(self, client_id: uuid.UUID) -> Client:
        with self.db.session() as s:
            row = s.get(ClientRow, client_id, options=[selectinload(ClientRow.babies)])
            if row is None:
                raise NotFoundError(f"No client with id {client_id}.")
            return _client_from_row(row)

    def client_exists(self, client_id: uuid.UUID | None) -> bool:
        if client_id is None:
            return False
        with self.db.session() as s:
            return s.get(ClientRow, client_id) is not None

    def search_clients(self, query: str = "", limit: int = 200) -> list[ClientSummary]:
        """Clients whose parent or baby name (accent-insensitive) or phone contains every word typed."""
        stmt: Select[tuple[ClientRow]] = select(ClientRow).options(selectinload(ClientRow.babies))
        for word in fold(query).split():
            pattern = f"%{_escape_like(word)}%"
            conditions = [ClientRow.search_text.like(pattern, escape="\\")]
            stmt = stmt.where(or_(*conditions))
        stmt = stmt.order_by(ClientRow.sort_name, ClientRow.id).limit(limit)
        with self.db.session() as s:
            rows = s.scalars(stmt).all()
            last = _last_visits(s, [r.id for r in rows])
            return [
                ClientSummary(
                    id=r.id,
                    full_name=" ".join(p for p in (r.given_name, r.family_name) if p),
                    date_of_birth=r.date_of_birth,
                    phone=r.phone,
                    baby_names=tuple(b.name for b in r.babies),
                    last_visit=last.get(r.id),
                )
                for r in rows
            ]

    # -- visits -----------------------------------------------------------------------------------
    def save_visit(self, visit: Visit) -> Visit:
        """Insert or update a visit with its assessments; updates ``visit`` with id and version."""
        try:
            with self.db.session() as s:
                row = (
                    s.get(VisitRow, visit.id, options=[selectinload(VisitRow.assessments)]) if visit.id else None
                )
                if row is None:
                    if visit.version:
                        raise NotFoundError("This visit no longer exists.")
                    row = VisitRow(id=visit.id or uuid.uuid4(), client_id=visit.client_id)
                    s.add(row)
                elif row.version != visit.version:
                    raise ConflictError(_CONFLICT)
                row.updated_at = utcnow()  # always UPDATE, so the version moves with child edits
                row.visit_date = visit.visit_date
                row.location = visit.location.value
                row.reason = clean(visit.reason, multiline=True)
                finding = visit.breast_finding
                row.breast_concern = finding.concern.value if finding else None
                row.breast_side = finding.side.value if finding else None
                row.breast_signs = [sg.value for sg in finding.signs] if finding else []
                existing = {a.baby_id: a for a in row.assessments}
                keep: list[BabyAssessmentRow] = []
                for a in visit.assessments:
                    arow = existing.get(a.baby_id) or BabyAssessmentRow(id=a.id or uuid.uuid4(), baby_id=a.baby_id)
                    arow.weight_g = a.weight_g
                    arow.positions = [p.value for p in a.positions]
                    for key, value in vars(a.latch).items():
                        setattr(arow, f"latch_{key}", value)
                    for key, value in vars(a.btat).items():
                        setattr(arow, f"btat_{key}", value)
                    keep.append(arow)
                row.assessments = keep
                s.flush()
                visit.id, visit.version = row.id, row.version
                for a, arow in zip(visit.assessments, keep, strict=True):
                    a.id = arow.id
        except Exception as exc:
            raise self._guard(exc) from exc
        return visit

    def get_visit(self, visit_id: uuid.UUID) -> Visit:
        with self.db.session() as s:
            row = s.get(VisitRow, visit_id, options=[selectinload(VisitRow.assessments)])
            if row is None:
                raise NotFoundError(f"No visit with id {visit_id}.")
            return _visit_from_row(row)

    def visits_for_client(self, client_id: uuid.UUID) -> list[VisitSummary]:
        """A client's visits, newest first."""
        return self._visit_summaries(ClientRow.id == client_id)

    def all_visits(self) -> list[VisitSummary]:
        return self._visit_summaries(None)

    def _visit_summaries(self, where: object | None) -> list[VisitSummary]:
        stmt = select(VisitRow.id, VisitRow.client_id, VisitRow.visit_date, VisitRow.location,
                      VisitRow.reason, ClientRow.given_name, ClientRow.family_name).join(ClientRow)
        if where is not None:
            stmt = stmt.where(where)  # type: ignore[arg-type]
        stmt = stmt.order_by(VisitRow.visit_date.desc(), VisitRow.created_at.desc())
        with self.db.session() as s:
            return [
                VisitSummary(
                    id=r.id,
                    client_id=r.client_id,
                    client_name=" ".join(p for p in (r.given_name, r.family_name) if p),
                    visit_date=r.visit_date,
                    location=Location(r.location),
                    reason=r.reason,
                )
                for r in s.execute(stmt)
            ]

    def count_clients(self) -> int:
        with self.db.session() as s:
            return s.scalar(select(func.count()).select_from(ClientRow)) or 0


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _last_visits(s: Session, client_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, object]:
    if not client_ids:
        return {}
    stmt = (
        select(VisitRow.client_id, func.max(VisitRow.visit_date))
        .where(VisitRow.client_id.in_(client_ids))
        .group_by(VisitRow.client_id)
    )
    return {cid: last for cid, last in s.execute(stmt)}


def _client_from_row(row: ClientRow) -> Client:
    return Client(
        given_name=row.given_name,
        family_name=row.family_name,
        date_of_birth=row.date_of_birth,
        phone=row.phone,
        address=row.address,
        babies=[
            Baby(
                name=b.name,
                date_of_birth=b.date_of_birth,
                birth_weight_g=b.birth_weight_g,
                id=b.id,
                version=b.version,
            )
            for b in row.babies
        ],
        id=row.id,
        version=row.version,
    )


def _visit_from_row(row: VisitRow) -> Visit:
    finding = None
    if row.breast_concern and row.breast_side:
        finding = BreastFinding(
            concern=BreastConcern(row.breast_concern),
            side=Side(row.breast_side),
            signs=[Sign(v) for v in row.breast_signs or []],
        )
    return Visit(
        client_id=row.client_id,
        visit_date=row.visit_date,
        location=Location(row.location),
        reason=row.reason,
        assessments=[
            BabyAssessment(
                baby_id=a.baby_id,
                weight_g=a.weight_g,
                positions=[Position(p) for p in a.positions or []],
                latch=LatchScore(
                    latch=a.latch_latch,
                    audible=a.latch_audible,
                    nipple_type=a.latch_nipple_type,
                    comfort=a.latch_comfort,
                    hold=a.latch_hold,
                ),
                btat=BtatScore(
                    tip=a.btat_tip, frenulum=a.btat_frenulum, lift=a.btat_lift, protrusion=a.btat_protrusion
                ),
                id=a.id,
            )
            for a in row.assessments
        ],
        breast_finding=finding,
        id=row.id,
        version=row.version,
    )
